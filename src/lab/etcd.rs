//! The lab's 3-member etcd cluster, which every Patroni cluster shares.

use std::env;
use std::path::Path;
use std::process::Command;

use serde_json::json;

use super::secure::{self, LabSecurity};
use super::state::{self, EtcdMember, LabRecord};
use super::wait::Readiness;
use super::{LabError, LabEvent, http, process};

const MEMBERS: u16 = 3;
const CLUSTER_TOKEN: &str = "hactl-lab";

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
pub(crate) fn check(members: &[EtcdMember], security: Option<&LabSecurity>) -> Result<Readiness, LabError> {
    for member in members {
        if !member.is_running() {
            return Err(LabError::Exited { what: format!("etcd member {}", member.name), log: member.log.clone() });
        }
        let health = match security {
            None => http::get_json(member.client_port, "/health"),
            Some(security) => {
                secure::get_json(&format!("https://{}/health", member.endpoint()), &security.client_tls())
            }
        };
        let healthy = health.is_ok_and(|h| h["health"] == "true");
        if !healthy {
            return Ok(Readiness::NotReady {
                what: format!("etcd: {} is not healthy", member.name),
                log: member.log.clone(),
            });
        }
    }
    Ok(Readiness::Ready)
}

/// Deletes every key under `prefix` through etcd's JSON gateway.
pub(crate) fn delete_prefix(member: &EtcdMember, prefix: &str) -> Result<(), LabError> {
    // etcd's range end for a prefix is the prefix with its last byte + 1.
    let mut range_end = prefix.as_bytes().to_vec();
    if let Some(last) = range_end.last_mut() {
        *last += 1;
    }
    let body = json!({ "key": base64(prefix.as_bytes()), "range_end": base64(&range_end) });
    http::post_json(member.client_port, "/v3/kv/deleterange", &body).map(drop)
}

/// Standard base64 with padding, as etcd's JSON gateway wants keys.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |bits, (i, &byte)| bits | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            out.push(match i <= chunk.len() {
                true => ALPHABET[(bits >> (18 - 6 * i) & 63) as usize] as char,
                false => '=',
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg==")];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(b"/service/demo0"), "L3NlcnZpY2UvZGVtbzA=");
    }

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
