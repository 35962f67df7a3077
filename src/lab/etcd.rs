//! The lab's 3-member etcd cluster, which every Patroni cluster shares.

use std::env;
use std::path::Path;
use std::process::Command;

use super::net::Net;
use super::secure::{LabSecurity, Login};
use super::state::{self, EtcdMember, LabRecord};
use super::wait::Readiness;
use super::{LabError, LabEvent, process};

const MEMBERS: u16 = 3;
const CLUSTER_TOKEN: &str = "hactl-lab";
/// The key space Patroni's etcd user may read and write.
const PATRONI_KEY_PREFIX: &str = "/service/";

/// The ports a lab with this base uses: client ports base, base+2, base+4,
/// each with its peer port right above.
pub(crate) fn plan(dir: &Path, base_port: u16) -> Vec<EtcdMember> {
    (0..MEMBERS)
        .map(|i| {
            let name = format!("etcd{i}");
            EtcdMember {
                client_port: base_port + 2 * i,
                peer_port: base_port + 2 * i + 1,
                data_dir: dir.join("etcd").join(&name),
                log: dir.join("etcd").join(format!("{name}.log")),
                name,
                process: None,
            }
        })
        .collect()
}

/// Starts the recorded members that are not running, recording each one. With `security`, they
/// serve clients over HTTPS only and demand a client certificate signed by the lab's CA.
pub(crate) fn start_missing(
    dir: &Path,
    record: &mut LabRecord,
    bin: &Path,
    security: Option<&LabSecurity>,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<(), LabError> {
    if record.etcd.iter().all(EtcdMember::is_running) {
        progress(LabEvent::AlreadyRunning { what: "etcd".into() });
        return Ok(());
    }
    let endpoints: Vec<_> = record.etcd.iter().map(EtcdMember::endpoint).collect();
    progress(LabEvent::Starting { what: format!("etcd ({})", endpoints.join(", ")) });
    for i in 0..record.etcd.len() {
        let member = &record.etcd[i];
        if member.is_running() {
            continue;
        }
        for port in [member.client_port, member.peer_port] {
            super::ensure_port_free(port, &format!("etcd member {}", member.name))?;
        }
        process::create_dir(&member.data_dir, None)?;
        let what = format!("etcd member {}", member.name);
        let cmd = command(bin, &record.etcd, member, security);
        let started = process::spawn_detached(&what, cmd, &member.log, None)?;
        record.etcd[i].process = Some(started);
        state::write_lab_record(dir, record)?;
    }
    Ok(())
}

fn command(bin: &Path, members: &[EtcdMember], member: &EtcdMember, security: Option<&LabSecurity>) -> Command {
    let url = |port: u16| format!("http://127.0.0.1:{port}");
    let client_url = |port: u16| match security {
        None => url(port),
        Some(_) => format!("https://127.0.0.1:{port}"),
    };
    let initial_cluster: Vec<_> = members.iter().map(|m| format!("{}={}", m.name, url(m.peer_port))).collect();
    let mut cmd = Command::new(bin);
    // etcd 3.4 refuses to start when an ETCD_* variable shadows a flag.
    for (key, _) in env::vars_os() {
        if key.to_string_lossy().starts_with("ETCD_") {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(member.data_dir.parent().unwrap_or(&member.data_dir))
        .arg("--name")
        .arg(&member.name)
        .arg("--data-dir")
        .arg(&member.data_dir)
        .args(["--listen-client-urls", &client_url(member.client_port)])
        .args(["--advertise-client-urls", &client_url(member.client_port)])
        .args(["--listen-peer-urls", &url(member.peer_port)])
        .args(["--initial-advertise-peer-urls", &url(member.peer_port)])
        .args(["--initial-cluster", &initial_cluster.join(",")])
        .args(["--initial-cluster-token", CLUSTER_TOKEN])
        // A member restarted on an existing data dir ignores this.
        .args(["--initial-cluster-state", "new"]);
    if let Some(security) = security {
        // The server certificate also serves as the client certificate of etcd's own JSON
        // gateway, which dials the gRPC server: hence clientAuth in its extended key usage.
        cmd.arg("--cert-file")
            .arg(&security.server.cert)
            .arg("--key-file")
            .arg(&security.server.key)
            .arg("--trusted-ca-file")
            .arg(&security.ca)
            .arg("--client-cert-auth");
    }
    cmd
}

/// Ready when every member answers `GET /health` with `{"health":"true"}` (over HTTPS with the
/// lab's client certificate when secured).
pub(crate) fn check(net: &Net, members: &[EtcdMember]) -> Result<Readiness, LabError> {
    for member in members {
        if !member.is_running() {
            return Err(LabError::Exited { what: format!("etcd member {}", member.name), log: member.log.clone() });
        }
        let healthy = net.get_json(member.client_port, "/health").is_ok_and(|h| h["health"] == "true");
        if !healthy {
            return Ok(Readiness::NotReady {
                what: format!("etcd: {} is not healthy", member.name),
                log: member.log.clone(),
            });
        }
    }
    Ok(Readiness::Ready)
}

fn failed(action: &str) -> impl FnOnce(etcd_client::Error) -> LabError + '_ {
    move |e| LabError::Etcd { action: action.to_owned(), detail: e.to_string() }
}

/// The endpoints of the running members.
fn running_endpoints(members: &[EtcdMember]) -> Vec<String> {
    members.iter().filter(|m| m.is_running()).map(EtcdMember::endpoint).collect()
}

/// Creates etcd's users and roles (`root`, and `patroni` with read-write access to `/service/`)
/// and turns authentication on; nothing to do when it is on.
pub(crate) fn enable_auth(net: &Net, members: &[EtcdMember], security: &LabSecurity) -> Result<(), LabError> {
    let endpoints = running_endpoints(members);
    net.block_on(async {
        match net.etcd_client(&endpoints, Some(&security.etcd_root)).await {
            Ok(_) => return Ok(()),
            Err(e) if !e.to_string().contains("authentication is not enabled") => {
                return Err(failed("log in as root")(e));
            }
            Err(_) => {}
        }
        let mut client = net.etcd_client(&endpoints, None).await.map_err(failed("connect"))?;
        // A setup cut short earlier may have created some of them already.
        let existing = |result: Result<_, etcd_client::Error>| match result {
            Err(e) if !e.to_string().contains("already exists") => Err(e),
            _ => Ok(()),
        };
        let (root, patroni) = (security.etcd_root.user.as_str(), security.etcd_user.user.as_str());
        existing(client.role_add(root).await.map(drop)).map_err(failed("add role root"))?;
        existing(client.role_add(patroni).await.map(drop)).map_err(failed("add role patroni"))?;
        let permission = etcd_client::Permission::read_write(PATRONI_KEY_PREFIX).with_prefix();
        client.role_grant_permission(patroni, permission).await.map_err(failed("grant /service/"))?;
        for login in [&security.etcd_root, &security.etcd_user] {
            existing(client.user_add(login.user.as_str(), login.password.expose(), None).await.map(drop))
                .map_err(failed("add a user"))?;
            client.user_grant_role(login.user.as_str(), login.user.as_str()).await.map_err(failed("grant a role"))?;
        }
        client.auth_enable().await.map_err(failed("enable authentication"))?;
        Ok(())
    })
}

/// Deletes every key under `prefix` through the running members, as `login` (a secured lab's
/// root) when given.
pub(crate) fn delete_prefix(
    net: &Net,
    members: &[EtcdMember],
    login: Option<&Login>,
    prefix: &str,
) -> Result<(), LabError> {
    let endpoints = running_endpoints(members);
    net.block_on(async {
        let mut client = net.etcd_client(&endpoints, login).await.map_err(failed("connect"))?;
        let options = etcd_client::DeleteOptions::new().with_prefix();
        client.delete(prefix, Some(options)).await.map_err(failed("delete keys")).map(drop)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_spaces_client_and_peer_ports() {
        let members = plan(Path::new("/lab"), 2479);
        let ports: Vec<_> = members.iter().map(|m| (m.client_port, m.peer_port)).collect();
        assert_eq!(ports, [(2479, 2480), (2481, 2482), (2483, 2484)]);
        assert_eq!(members[2].data_dir, Path::new("/lab/etcd/etcd2"));
        assert_eq!(members[0].endpoint(), "127.0.0.1:2479");
    }

    #[test]
    fn command_names_the_whole_cluster() {
        let members = plan(Path::new("/lab"), 2379);
        let cmd = command(Path::new("/usr/bin/etcd"), &members, &members[1], None);
        let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        let value_of = |flag: &str| &args[args.iter().position(|a| a == flag).unwrap() + 1];
        assert_eq!(value_of("--name"), "etcd1");
        assert_eq!(value_of("--listen-client-urls"), "http://127.0.0.1:2381");
        assert_eq!(value_of("--listen-peer-urls"), "http://127.0.0.1:2382");
        assert_eq!(
            value_of("--initial-cluster"),
            "etcd0=http://127.0.0.1:2380,etcd1=http://127.0.0.1:2382,etcd2=http://127.0.0.1:2384"
        );
    }
}
