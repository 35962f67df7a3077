//! Patroni clusters: ports, node configs, starting members, health.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::net::Net;
use super::process::{self, ProcessRef, User};
use super::secure::LabSecurity;
use super::state::{self, CLUSTERS_DIR, CLUSTERS_LOCK, ClusterState, MemberState, is_leader_role};
use super::wait::Readiness;
use super::{ClusterSpec, LabError, LabEvent, REPLICATION, REWIND, Replication, SUPERUSER, quote, quote_path};

pub(crate) const PG_BASE_PORT: u16 = 15432;
pub(crate) const API_BASE_PORT: u16 = 18008;
/// sun_path holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;

/// What starting members needs besides the cluster's own record.
pub(crate) struct Launch<'a> {
    /// For a new cluster; a recorded one keeps the Patroni it was made with.
    pub patroni_bin: PathBuf,
    pub pg_bin_dir: &'a Path,
    /// `host:port,host:port,...` of the etcd members.
    pub etcd_hosts: String,
    /// Who runs Patroni and owns its files; None to run as ourselves.
    pub owner: Option<&'a User>,
    /// Where a new cluster's PostgreSQL and REST API ports start.
    pub pg_base_port: u16,
    pub api_base_port: u16,
    /// A secured lab's certificates and passwords: HTTPS, client certificates and passwords.
    pub security: Option<&'a LabSecurity>,
}

/// Records the cluster if it is new (claiming its ports), then starts its
/// members that are not running.
pub(crate) fn start(
    lab_dir: &Path,
    spec: &ClusterSpec,
    launch: &Launch,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<ClusterState, LabError> {
    // Held while claiming ports and spawning, so that concurrent callers
    // neither pick the same ports nor start the same member twice.
    let _lock = state::lock(&lab_dir.join(CLUSTERS_LOCK))?;
    let mut cluster = match state::read_cluster(lab_dir, &spec.scope)? {
        Some(cluster) if cluster.flavor != spec.flavor => {
            return Err(LabError::Conflict(format!(
                "cluster {} already exists with Patroni {}, not {}",
                spec.scope, cluster.flavor, spec.flavor
            )));
        }
        Some(cluster) if cluster.replication != spec.replication || cluster.standby_of != spec.standby_of => {
            return Err(LabError::Conflict(format!(
                "cluster {} already exists with synchronous mode {} and {}: stop it first (hactl lab down) to change them",
                spec.scope,
                cluster.replication,
                cluster
                    .standby_of
                    .as_ref()
                    .map_or("no standby source".to_string(), |s| format!("standby source {}:{}", s.host, s.port))
            )));
        }
        Some(cluster) => cluster,
        None => create(lab_dir, spec, launch)?,
    };
    let label = format!("cluster {} (Patroni {})", cluster.scope, cluster.flavor);
    let stopped: Vec<_> = (0..cluster.members.len()).filter(|&i| !cluster.members[i].is_running()).collect();
    if stopped.is_empty() {
        progress(LabEvent::AlreadyRunning { what: label });
        return Ok(cluster);
    }
    progress(LabEvent::Starting { what: label });
    for i in stopped {
        let started = spawn_member(&cluster, &cluster.members[i], launch)?;
        cluster.members[i].patroni = Some(started);
        state::write_cluster(lab_dir, &cluster)?;
    }
    Ok(cluster)
}

/// Picks the ports and paths of a new cluster and records it.
fn create(lab_dir: &Path, spec: &ClusterSpec, launch: &Launch) -> Result<ClusterState, LabError> {
    let mut claimed = claimed_ports(lab_dir)?;
    let pg_ports = pick_ports(launch.pg_base_port, spec.members, &mut claimed, super::port_is_free, "PostgreSQL")?;
    let api_ports =
        pick_ports(launch.api_base_port, spec.members, &mut claimed, super::port_is_free, "the Patroni REST API")?;
    let dir = lab_dir.join(CLUSTERS_DIR).join(&spec.scope);
    let members = pg_ports
        .into_iter()
        .zip(api_ports)
        .enumerate()
        .map(|(i, (pg_port, api_port))| {
            let name = format!("pg{i}");
            let member_dir = dir.join(&name);
            MemberState {
                pg_port,
                api_port,
                data_dir: member_dir.join("data"),
                config: member_dir.join("patroni.yml"),
                log: member_dir.join("patroni.log"),
                dir: member_dir,
                tags: spec.tags.get(&name).cloned().unwrap_or_default(),
                name,
                patroni: None,
                api_tls: launch.security.map(LabSecurity::client_tls),
            }
        })
        .collect::<Vec<_>>();
    for member in &members {
        let socket = member.socket_dir().join(format!(".s.PGSQL.{}", member.pg_port));
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(LabError::InvalidSpec(format!(
                "the socket path {} is longer than {MAX_SOCKET_PATH} bytes: use a shorter lab dir or scope",
                socket.display()
            )));
        }
    }
    let cluster = ClusterState {
        scope: spec.scope.clone(),
        flavor: spec.flavor,
        patroni_bin: launch.patroni_bin.clone(),
        ttl: spec.ttl,
        loop_wait: spec.loop_wait,
        replication: spec.replication,
        standby_of: spec.standby_of.clone(),
        proxies: None,
        pgpool: None,
        dir,
        members,
    };
    state::write_cluster(lab_dir, &cluster)?;
    Ok(cluster)
}

/// Ports other clusters, etcd and Redis of this lab have recorded, running
/// or not, so that restarting them later cannot collide.
pub(crate) fn claimed_ports(lab_dir: &Path) -> Result<BTreeSet<u16>, LabError> {
    let mut claimed = BTreeSet::new();
    for cluster in state::read_clusters(lab_dir)? {
        claimed.extend(cluster.members.iter().flat_map(|m| [m.pg_port, m.api_port]));
        claimed.extend(cluster.proxies.iter().flat_map(|p| p.ports()));
        claimed.extend(cluster.pgpool.iter().flat_map(|p| p.ports()));
    }
    if let Some(record) = state::read_lab_record(lab_dir)? {
        claimed.extend(record.etcd.iter().flat_map(|m| [m.client_port, m.peer_port]));
        claimed.extend(record.redis.iter().flat_map(|r| r.nodes().map(|n| n.port)));
    }
    Ok(claimed)
}

/// The first `count` ports from `from` up that are neither claimed nor
/// refused by `is_free`; adds them to `claimed`.
pub(crate) fn pick_ports(
    from: u16,
    count: usize,
    claimed: &mut BTreeSet<u16>,
    is_free: impl Fn(u16) -> bool,
    what: &str,
) -> Result<Vec<u16>, LabError> {
    let picked: Vec<u16> =
        (from..=u16::MAX).filter(|port| !claimed.contains(port) && is_free(*port)).take(count).collect();
    if picked.len() < count {
        return Err(LabError::NoFreePort { from, what: what.to_owned() });
    }
    claimed.extend(&picked);
    Ok(picked)
}

/// Creates the dir that holds the clusters, and makes sure `owner` (who runs
/// Patroni) can reach its files through every parent dir.
pub(crate) fn prepare_dir(lab_dir: &Path, owner: Option<&User>) -> Result<(), LabError> {
    let clusters_dir = lab_dir.join(CLUSTERS_DIR);
    process::create_dir(&clusters_dir, None)?;
    let Some(owner) = owner else {
        return Ok(());
    };
    let clusters_dir = clusters_dir.canonicalize().map_err(LabError::io("resolve", &clusters_dir))?;
    match clusters_dir.ancestors().find(|d| !owner.can_traverse(d)) {
        Some(blocked) => Err(LabError::NotTraversable { dir: blocked.into() }),
        None => Ok(()),
    }
}

fn spawn_member(cluster: &ClusterState, member: &MemberState, launch: &Launch) -> Result<ProcessRef, LabError> {
    for dir in [&cluster.dir, &member.dir, &member.socket_dir()] {
        process::create_dir(dir, launch.owner)?;
    }
    // A restarted member keeps its config, even if it was edited meanwhile.
    if !member.config.exists() {
        let mut yaml = config_yaml(cluster, member, &launch.etcd_hosts, launch.pg_bin_dir);
        if let Some(security) = launch.security {
            yaml = secure_config_yaml(&yaml, security);
        }
        // It holds passwords, so only its owner may read it.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&member.config)
            .and_then(|mut file| file.write_all(yaml.as_bytes()))
            .map_err(LabError::io("write", &member.config))?;
        if let Some(owner) = launch.owner {
            owner.chown(&member.config)?;
        }
    }
    let mut cmd = Command::new(&cluster.patroni_bin);
    cmd.arg(&member.config).current_dir(&member.dir);
    if let Some(owner) = launch.owner {
        owner.apply(&mut cmd);
    }
    let what = format!("patroni {} of cluster {}", member.name, cluster.scope);
    process::spawn_detached(&what, cmd, &member.log, launch.owner)
}

/// The `tags` section: every default tag false, overridden by the member's own.
fn tags_yaml(tags: &BTreeMap<String, serde_json::Value>) -> String {
    let mut all: BTreeMap<String, serde_json::Value> = ["clonefrom", "nofailover", "noloadbalance", "nosync"]
        .into_iter()
        .map(|tag| (tag.to_string(), serde_json::Value::Bool(false)))
        .collect();
    all.extend(tags.iter().map(|(k, v)| (k.clone(), v.clone())));
    all.iter().map(|(key, value)| format!("  {}: {value}\n", serde_json::Value::String(key.clone()))).collect()
}

/// A complete node config that also works as a patronictl config.
fn config_yaml(cluster: &ClusterState, member: &MemberState, etcd_hosts: &str, pg_bin_dir: &Path) -> String {
    // Patroni requires loop_wait + 2 * retry_timeout <= ttl.
    let retry_timeout = 10.min((cluster.ttl - cluster.loop_wait) / 2);
    let restore_command = cluster.standby_of.as_ref().and_then(|s| s.restore_command.as_ref());
    format!(
        r#"# Patroni {flavor} node {name} of cluster {scope}, written by hactl lab.
scope: {scope}
namespace: /service/
name: {name}

restapi:
  listen: {api}
  connect_address: {api}

etcd3:
  hosts: {etcd_hosts}

bootstrap:
  dcs:
    ttl: {ttl}
    loop_wait: {loop_wait}
    retry_timeout: {retry_timeout}
    maximum_lag_on_failover: 1048576
{replication}{standby}    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        max_connections: 100
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 128MB
  initdb:
    - encoding: UTF8
    - data-checksums

postgresql:
  listen: {pg}
  connect_address: {pg}
  data_dir: {data_dir}
  bin_dir: {bin_dir}
  pgpass: {pgpass}
  authentication:
    superuser:
      username: {su_user}
      password: {su_password}
    replication:
      username: {repl_user}
      password: {repl_password}
    rewind:
      username: {rewind_user}
      password: {rewind_password}
  parameters:
    unix_socket_directories: {socket_dir}
{recovery_conf}  pg_hba:
    - local all all trust
    - host replication {hba_repl_user} 127.0.0.1/32 md5
    - host all all 127.0.0.1/32 md5

watchdog:
  mode: "off"

tags:
{tags}"#,
        tags = tags_yaml(&member.tags),
        replication = match cluster.replication {
            Replication::Async => "",
            Replication::Sync => "    synchronous_mode: true\n",
            Replication::Strict => "    synchronous_mode: true\n    synchronous_mode_strict: true\n",
            Replication::Quorum => "    synchronous_mode: quorum\n",
        },
        standby = cluster.standby_of.as_ref().map_or(String::new(), |source| format!(
            "    standby_cluster:\n      host: {}\n      port: {}\n{}      create_replica_methods:\n        - basebackup\n",
            quote(&source.host),
            source.port,
            restore_command.map_or(String::new(), |c| format!("      restore_command: {}\n", quote(c)))
        )),
        recovery_conf =
            restore_command.map_or(String::new(), |c| format!("  recovery_conf:\n    restore_command: {}\n", quote(c))),
        flavor = cluster.flavor,
        scope = quote(&cluster.scope),
        name = quote(&member.name),
        api = quote(&format!("127.0.0.1:{}", member.api_port)),
        etcd_hosts = quote(etcd_hosts),
        ttl = cluster.ttl,
        loop_wait = cluster.loop_wait,
        pg = quote(&format!("127.0.0.1:{}", member.pg_port)),
        data_dir = quote_path(&member.data_dir),
        bin_dir = quote_path(pg_bin_dir),
        pgpass = quote_path(&member.pgpass()),
        su_user = quote(SUPERUSER.user),
        su_password = quote(SUPERUSER.password),
        repl_user = quote(REPLICATION.user),
        repl_password = quote(REPLICATION.password),
        hba_repl_user = REPLICATION.user,
        rewind_user = quote(REWIND.user),
        rewind_password = quote(REWIND.password),
        socket_dir = quote_path(&member.socket_dir()),
    )
}

/// A node config made secure: the REST API over HTTPS with client-certificate verification and
/// basic auth, etcd over HTTPS with a client certificate and a user, and a `ctl` section with
/// which the node's Patroni (and patronictl or hactl with `-c`) reaches the other REST APIs.
fn secure_config_yaml(plain: &str, security: &LabSecurity) -> String {
    let restapi = format!(
        "  certfile: {}\n  keyfile: {}\n  cafile: {}\n  verify_client: required\n  \
         authentication:\n    username: {}\n    password: {}\n",
        quote_path(&security.server.cert),
        quote_path(&security.server.key),
        quote_path(&security.ca),
        quote(&security.rest.user),
        quote(security.rest.password.expose()),
    );
    let etcd = format!(
        "  protocol: https\n  cacert: {}\n  cert: {}\n  key: {}\n  username: {}\n  password: {}\n",
        quote_path(&security.ca),
        quote_path(&security.patroni.cert),
        quote_path(&security.patroni.key),
        quote(&security.etcd_user.user),
        quote(security.etcd_user.password.expose()),
    );
    let ctl = format!(
        "\nctl:\n  cacert: {}\n  certfile: {}\n  keyfile: {}\n",
        quote_path(&security.ca),
        quote_path(&security.patronictl.cert),
        quote_path(&security.patronictl.key),
    );
    let mut yaml = String::with_capacity(plain.len() + restapi.len() + etcd.len() + ctl.len());
    let mut section = "";
    for line in plain.split_inclusive('\n') {
        // The plain config has one blank line after each top-level section.
        if line == "\n" {
            match section {
                "restapi:" => yaml.push_str(&restapi),
                "etcd3:" => {
                    yaml.push_str(&etcd);
                    yaml.push_str(&ctl);
                }
                _ => {}
            }
        } else if !line.starts_with(' ') && !line.starts_with('#') {
            section = line.trim_end();
        }
        yaml.push_str(line);
    }
    yaml
}

/// Healthy: every member running, exactly one primary, which holds the
/// leader key, and every other member streaming from it; both as the
/// members see themselves and as etcd (thus patronictl and hactl) sees them.
pub(crate) fn check(net: &Net, cluster: &ClusterState) -> Result<Readiness, LabError> {
    let not_ready = |member: &MemberState, why: &str| {
        Ok(Readiness::NotReady {
            what: format!("cluster {}: {} {why}", cluster.scope, member.name),
            log: member.log.clone(),
        })
    };
    let mut primaries = Vec::new();
    for member in &cluster.members {
        if !member.is_running() {
            return Err(LabError::Exited {
                what: format!("patroni {} of cluster {}", member.name, cluster.scope),
                log: member.log.clone(),
            });
        }
        let Ok(info) = net.get_json(member.api_port, "/patroni") else {
            return not_ready(member, &format!("does not answer on REST API port {}", member.api_port));
        };
        match info["state"].as_str() {
            Some("running") => {}
            state => {
                return not_ready(member, &format!("is {}", state.unwrap_or("in an unknown state")));
            }
        }
        if is_leader_role(info["role"].as_str().unwrap_or_default()) {
            primaries.push(member);
        } else if info["replication_state"] != "streaming" {
            return not_ready(member, "is not streaming");
        }
    }
    let [primary] = primaries[..] else {
        let names: Vec<_> = primaries.iter().map(|m| m.name.as_str()).collect();
        return Ok(Readiness::NotReady {
            what: format!("cluster {}: not exactly one primary ({})", cluster.scope, names.join(", ")),
            log: cluster.members[0].log.clone(),
        });
    };
    // /cluster shows etcd's view: the leader key, and the member keys, which
    // Patroni refreshes only every loop_wait, so they lag behind /patroni.
    let Ok(view) = net.get_json(primary.api_port, "/cluster") else {
        return not_ready(primary, "does not answer GET /cluster");
    };
    for member in &cluster.members {
        let entry = view["members"].as_array().and_then(|entries| entries.iter().find(|e| e["name"] == *member.name));
        let field = |key: &str| entry.and_then(|e| e[key].as_str());
        if member.name == primary.name {
            if !matches!(field("role"), Some("leader" | "standby_leader")) {
                return not_ready(member, "is primary but holds no leader key");
            }
        } else if field("state") != Some("streaming") {
            return not_ready(member, "is not streaming according to etcd");
        }
    }
    // In synchronous and quorum mode, also wait until the leader has named its standbys.
    let sync_roles = ["sync_standby", "quorum_standby"];
    let sync_named = view["members"].as_array().is_some_and(|entries| {
        entries.iter().any(|e| e["role"].as_str().is_some_and(|role| sync_roles.contains(&role)))
    });
    if cluster.replication != Replication::Async && cluster.standby_of.is_none() && !sync_named {
        return not_ready(primary, "has no synchronous standby yet");
    }
    Ok(Readiness::Ready)
}

#[cfg(test)]
mod tests {
    use super::super::{Flavor, StandbySource};
    use super::*;

    fn demo_cluster(ttl: u32, loop_wait: u32) -> ClusterState {
        let dir = PathBuf::from("/tmp/lab/clusters/demo");
        ClusterState {
            scope: "demo".into(),
            flavor: Flavor::V3,
            patroni_bin: "/opt/hactl/patroni-3/bin/patroni".into(),
            ttl,
            loop_wait,
            replication: Replication::Async,
            standby_of: None,
            members: vec![MemberState {
                name: "pg1".into(),
                pg_port: 15433,
                api_port: 18009,
                data_dir: dir.join("pg1/data"),
                config: dir.join("pg1/patroni.yml"),
                log: dir.join("pg1/patroni.log"),
                dir: dir.join("pg1"),
                patroni: None,
                tags: BTreeMap::from([("nofailover".to_string(), serde_json::Value::Bool(true))]),
                api_tls: None,
            }],
            proxies: None,
            pgpool: None,
            dir,
        }
    }

    fn yaml_of(cluster: &ClusterState) -> String {
        config_yaml(
            cluster,
            &cluster.members[0],
            "127.0.0.1:2479,127.0.0.1:2481,127.0.0.1:2483",
            Path::new("/usr/lib/postgresql/15/bin"),
        )
    }

    #[test]
    fn config_names_node_ports_and_paths() {
        let yaml = yaml_of(&demo_cluster(30, 10));
        for line in [
            "scope: \"demo\"\n",
            "namespace: /service/\n",
            "name: \"pg1\"\n",
            "  listen: \"127.0.0.1:18009\"\n",
            "  hosts: \"127.0.0.1:2479,127.0.0.1:2481,127.0.0.1:2483\"\n",
            "    ttl: 30\n    loop_wait: 10\n    retry_timeout: 10\n",
            "  listen: \"127.0.0.1:15433\"\n",
            "  data_dir: \"/tmp/lab/clusters/demo/pg1/data\"\n",
            "  bin_dir: \"/usr/lib/postgresql/15/bin\"\n",
            "  pgpass: \"/tmp/lab/clusters/demo/pg1/pgpass\"\n",
            "    unix_socket_directories: \"/tmp/lab/clusters/demo/pg1/run\"\n",
            "    - host replication replicator 127.0.0.1/32 md5\n",
        ] {
            assert!(yaml.contains(line), "missing {line:?} in:\n{yaml}");
        }
    }

    #[test]
    fn retry_timeout_shrinks_to_fit_a_short_ttl() {
        let yaml = yaml_of(&demo_cluster(20, 2));
        assert!(yaml.contains("    ttl: 20\n    loop_wait: 2\n    retry_timeout: 9\n"), "{yaml}");
    }

    /// `yaml` as the PyYAML of the Patroni 4 venv (which .ci/setup makes) loads it, as JSON.
    fn read_like_patroni(yaml: &str) -> serde_json::Value {
        let python = Path::new("/opt/hactl/patroni-4/bin/python");
        assert!(python.exists(), "{} is missing: run .ci/setup", python.display());
        let mut child = Command::new(python)
            .args(["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(yaml.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// Parses the config with the PyYAML that Patroni itself uses.
    #[test]
    fn config_parses_as_yaml_like_patroni_reads_it() {
        let config = read_like_patroni(&yaml_of(&demo_cluster(30, 10)));
        assert_eq!(config["scope"], "demo");
        assert_eq!(config["restapi"]["connect_address"], "127.0.0.1:18009");
        assert_eq!(config["bootstrap"]["dcs"]["postgresql"]["parameters"]["hot_standby"], "on");
        assert_eq!(config["bootstrap"]["initdb"][0]["encoding"], "UTF8");
        assert_eq!(config["bootstrap"]["initdb"][1], "data-checksums");
        assert_eq!(config["postgresql"]["authentication"]["rewind"]["username"], "rewind_user");
        assert_eq!(config["watchdog"]["mode"], "off");
        assert_eq!(config["tags"]["nofailover"], true, "the member's own tag wins");
        assert_eq!(config["tags"]["nosync"], false);
    }

    /// A standby source with a `restore_command` gives it to the standby leader and replicas.
    #[test]
    fn a_standby_source_restore_command_reaches_every_member() {
        let mut cluster = demo_cluster(30, 10);
        let source = StandbySource { host: "127.0.0.1".into(), port: 5432, restore_command: Some("false".into()) };
        cluster.standby_of = Some(source);
        let config = read_like_patroni(&yaml_of(&cluster));
        assert_eq!(config["bootstrap"]["dcs"]["standby_cluster"]["restore_command"], "false");
        assert_eq!(config["bootstrap"]["dcs"]["standby_cluster"]["port"], 5432);
        assert_eq!(config["postgresql"]["recovery_conf"]["restore_command"], "false");
        cluster.standby_of.as_mut().unwrap().restore_command = None;
        let config = read_like_patroni(&yaml_of(&cluster));
        assert!(
            config["postgresql"].get("recovery_conf").is_none()
                && config["bootstrap"]["dcs"]["standby_cluster"].get("restore_command").is_none()
        );
    }

    /// The secured node config, as Patroni's PyYAML reads it: HTTPS with client certificates and
    /// basic auth for the REST API, TLS and a user for etcd, and a `ctl` section.
    #[test]
    fn secure_config_adds_tls_and_credentials() {
        let security = super::super::secure::sample(Path::new("/tmp/lab"));
        let yaml = secure_config_yaml(&yaml_of(&demo_cluster(30, 10)), &security);
        assert!(yaml.contains("  verify_client: required\n"), "{yaml}");
        assert!(yaml.contains("  protocol: https\n"), "{yaml}");
        let config = read_like_patroni(&yaml);
        let restapi = &config["restapi"];
        assert_eq!(restapi["listen"], "127.0.0.1:18009");
        assert_eq!(restapi["certfile"], "/tmp/lab/tls/server.crt");
        assert_eq!(restapi["cafile"], "/tmp/lab/tls/ca.crt");
        assert_eq!(restapi["verify_client"], "required");
        assert_eq!(restapi["authentication"]["password"], "rest-pw");
        let etcd = &config["etcd3"];
        assert_eq!(etcd["hosts"], "127.0.0.1:2479,127.0.0.1:2481,127.0.0.1:2483");
        assert_eq!(
            (&etcd["protocol"], &etcd["username"], &etcd["password"]),
            (&"https".into(), &"patroni".into(), &"etcd-pw".into())
        );
        assert_eq!(etcd["cert"], "/tmp/lab/tls/patroni.crt");
        assert_eq!(config["ctl"]["certfile"], "/tmp/lab/tls/patronictl.crt");
        assert_eq!(config["ctl"]["keyfile"], "/tmp/lab/tls/patronictl.key");
        assert_eq!(config["bootstrap"]["dcs"]["ttl"], 30, "the rest is unchanged");
    }

    #[test]
    fn picks_free_unclaimed_ports_in_order() {
        let mut claimed = BTreeSet::from([15432, 15434]);
        let is_free = |port| port != 15433;
        let ports = pick_ports(15432, 3, &mut claimed, is_free, "PostgreSQL").unwrap();
        assert_eq!(ports, [15435, 15436, 15437]);
        let more = pick_ports(15432, 2, &mut claimed, |_| true, "PostgreSQL").unwrap();
        assert_eq!(more, [15433, 15438]);
    }

    #[test]
    fn reports_exhausted_port_range() {
        let mut claimed = BTreeSet::new();
        let err = pick_ports(65534, 3, &mut claimed, |_| true, "PostgreSQL").unwrap_err();
        assert!(matches!(err, LabError::NoFreePort { from: 65534, .. }));
        assert!(claimed.is_empty());
    }
}
