//! `hactl status` and the proxy checks (`proxy_points_at_leader`, `pgbouncer_pools`) on the real
//! proxy tier: the shared demo cluster's HAProxy and PgBouncers healthy (read only), then proxies
//! of this file's own, started from copies of the lab's configurations on free ports and stopped
//! by pid: an HAProxy whose write check every member passes (`GET /health`), so that demoted
//! members take writes, and PgBouncers of which one is stopped; and proxies that accept and never
//! answer, named within the timeout.

use crate::common::*;
use hactl::lab::{ClusterState, HAPROXY_STATS, PGBOUNCER_ADMIN, ProcessRef, ProxiesState, SUPERUSER};
use hactl::tiers::{haproxy, pgbouncer};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PG: [(&str, &str); 2] = [("PGUSER", SUPERUSER.user), ("PGPASSWORD", SUPERUSER.password)];

fn block<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

fn proxies_of(cluster: &ClusterState) -> &ProxiesState {
    cluster.proxies.as_ref().unwrap_or_else(|| panic!("cluster {} has no proxies", cluster.scope))
}

/// The `HACTL_*` variables that point hactl at an HAProxy stats page and at PgBouncers.
fn proxy_env(stats_port: u16, bouncer_ports: &[u16]) -> Vec<(String, String)> {
    let hosts: Vec<String> = bouncer_ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
    [
        ("HACTL_HAPROXY_STATS_URL", format!("http://127.0.0.1:{stats_port}/")),
        ("HACTL_HAPROXY_USERNAME", HAPROXY_STATS.user.to_string()),
        ("HACTL_HAPROXY_PASSWORD", HAPROXY_STATS.password.to_string()),
        ("HACTL_PGBOUNCER_HOSTS", hosts.join(",")),
        ("HACTL_PGBOUNCER_USER", PGBOUNCER_ADMIN.user.to_string()),
        ("HACTL_PGBOUNCER_PASSWORD", PGBOUNCER_ADMIN.password.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .chain(PG.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    .collect()
}

/// `hactl -c <demo's pg0 patroni.yml> args...` with `env`.
fn demo_hactl(args: &[&str], env: &[(String, String)]) -> Output {
    let config = cfg(shared_cluster(DEMO));
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    hactl(&full, &env)
}

fn leader_and_replicas(cluster: &ClusterState) -> (String, Vec<String>) {
    let leader = cluster.primary().expect("the cluster has a leader").name.clone();
    let others = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != leader).collect();
    (leader, others)
}

/// `count` free ports from `base` (moved by HACTL_TEST_PORT_OFFSET) up.
fn free_ports(base: u16, count: usize) -> Vec<u16> {
    (port(base)..port(base) + 100).filter(|p| TcpListener::bind(("127.0.0.1", *p)).is_ok()).take(count).collect()
}

/// A proxy of this file's own, stopped by pid when dropped.
struct Proxy {
    what: String,
    child: std::process::Child,
    process: Option<ProcessRef>,
}

impl Proxy {
    fn start(what: &str, mut command: Command) -> Proxy {
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        let child = command.spawn().unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        let process = ProcessRef::of(child.id() as i32);
        Proxy { what: what.to_string(), child, process }
    }

    fn stop(&mut self) {
        if let Some(process) = self.process.take().filter(|p| p.is_alive()) {
            stop_process(&self.what, Some(process));
        }
        // Reaped already while stop_process waited, or now.
        let _ = self.child.wait();
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop();
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(tmp_dir(name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // PgBouncer runs as the lab's user and reads its configuration from here.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn replace_once(text: &str, from: &str, to: &str, file: &Path) -> String {
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    text.replacen(from, to, 1)
}

#[test]
fn status_and_both_proxy_checks_are_ok_on_the_healthy_demo_proxies() {
    let demo = shared_cluster(DEMO);
    let proxies = proxies_of(demo);
    let (leader, replicas) = leader_and_replicas(demo);
    // A query through each PgBouncer, so that each has a pool to show.
    for bouncer in &proxies.pgbouncers {
        let out = Command::new("psql")
            .args(["-h", "127.0.0.1", "-p", &bouncer.port.to_string(), "-U", SUPERUSER.user, "-d", "postgres"])
            .args(["-Atc", "select 1"])
            .env("PGPASSWORD", SUPERUSER.password)
            .output()
            .unwrap();
        assert!(out.status.success(), "psql through {}: {}", bouncer.port, text(&out.stderr));
    }
    let ports: Vec<u16> = proxies.pgbouncers.iter().map(|b| b.port).collect();
    let env = proxy_env(proxies.haproxy.stats_port, &ports);
    let out = demo_hactl(&["status", "-f", "json"], &env);
    let json = json_of(&out);
    let haproxy = &json["tiers"]["haproxy"];
    assert_eq!(haproxy["verdict"], "ok", "{haproxy}");
    assert_eq!(
        haproxy["reason"],
        format!("write backend primary: {leader} UP (the leader); read backend replicas: {} UP", replicas.join(", "))
    );
    let servers = haproxy["servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 2 * demo.members.len(), "{haproxy}");
    for server in servers {
        assert_eq!(server["member"], server["server"], "each server matched to its member by address: {server}");
        let leads = server["server"] == leader.as_str();
        let expected_up = if server["backend_role"] == "write" { leads } else { !leads };
        assert_eq!(server["up"], expected_up, "{server}");
    }
    let pgbouncer = &json["tiers"]["pgbouncer"];
    assert_eq!(pgbouncer["verdict"], "ok", "{pgbouncer}");
    for (host, bouncer) in pgbouncer["pgbouncers"].as_array().unwrap().iter().zip(&proxies.pgbouncers) {
        assert_eq!((&host["host"], &host["reachable"]), (&format!("127.0.0.1:{}", bouncer.port).into(), &true.into()));
        let pool = host["pools"].as_array().unwrap().iter().find(|p| p["database"] == "postgres").expect("a pool");
        assert_eq!(pool["member"], bouncer.member.as_str(), "{pool}");
        assert_eq!(pool["server"], format!("127.0.0.1:{}", demo.member(&bouncer.member).unwrap().pg_port));
    }
    let screen = text(&demo_hactl(&["status"], &env).stdout);
    assert!(screen.contains("  haproxy    OK ") && screen.contains("  pgbouncer  OK "), "{screen}");
    assert!(screen.contains(" HAProxy ") && screen.contains(" PgBouncer pools "), "{screen}");

    let out = demo_hactl(&["check", "proxy_points_at_leader"], &env);
    let line = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{line}{}", text(&out.stderr));
    assert!(line.starts_with(&format!("PROXYPOINTSATLEADER OK - HAProxy's write backend primary sends to {leader}, ")));
    assert!(line.contains("| leader_up=1;;1:1 read_up=2 write_up=1;;1:1"), "{line}");
    let out = demo_hactl(&["check", "pgbouncer_pools"], &env);
    let line = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{line}{}", text(&out.stderr));
    assert!(line.starts_with("PGBOUNCERPOOLS OK - 3 of 3 PgBouncers reachable, "), "{line}");
    assert!(line.contains("pgbouncers_reachable=3;;3:") && line.contains("_cl_waiting'=0"), "{line}");
}

#[test]
fn an_haproxy_sending_writes_to_demoted_members_is_critical_in_status_and_the_check() {
    let demo = shared_cluster(DEMO);
    let lab_haproxy = &proxies_of(demo).haproxy;
    let (leader, replicas) = leader_and_replicas(demo);
    let dir = scratch("hactl-test-status-haproxy");
    let [write, read, stats] = <[u16; 3]>::try_from(free_ports(19611, 3)).expect("three free ports");
    let file = &lab_haproxy.conf;
    let mut config = std::fs::read_to_string(file).unwrap();
    let socket = dir.join("stats.sock").display().to_string();
    config = replace_once(&config, &lab_haproxy.stats_socket.display().to_string(), &socket, file);
    for (from, to) in [(lab_haproxy.write_port, write), (lab_haproxy.read_port, read), (lab_haproxy.stats_port, stats)]
    {
        config = replace_once(&config, &format!("bind 127.0.0.1:{from}\n"), &format!("bind 127.0.0.1:{to}\n"), file);
    }
    // The stats page then shows each server's address (a lab started before it had this line).
    if !config.contains("stats show-legends") {
        let auth = format!("stats auth {}:{}\n", HAPROXY_STATS.user, HAPROXY_STATS.password);
        config = replace_once(&config, &auth, &format!("{auth}    stats show-legends\n"), file);
    }
    // Patroni answers `GET /health` with 200 on every running member: each one takes writes.
    config = replace_once(&config, "uri /primary\n", "uri /health\n", file);
    let conf = dir.join("haproxy.cfg");
    std::fs::write(&conf, config).unwrap();
    let mut command = Command::new("/usr/sbin/haproxy");
    command.arg("-db").arg("-f").arg(&conf).current_dir(&dir);
    let _haproxy = Proxy::start("the test's haproxy", command);
    let settings = hactl::settings::HaproxySettings {
        stats_url: Some(format!("http://127.0.0.1:{stats}/;csv")),
        ..lab_haproxy.settings()
    };
    wait_until("every member UP on the write backend", Duration::from_secs(20), || {
        block(haproxy::read_stats(&settings, Instant::now() + Duration::from_secs(2)))
            .is_ok_and(|s| s.write_backend_up().len() == demo.members.len())
    });

    let env = proxy_env(stats, &proxies_of(demo).pgbouncers.iter().map(|b| b.port).collect::<Vec<_>>());
    let out = demo_hactl(&["status", "-f", "json"], &env);
    let json = json_of(&out);
    assert_eq!(out.status.code(), Some(1), "CRITICAL exits 1: {json}");
    assert_eq!((&json["verdict"], &json["tiers"]["haproxy"]["verdict"]), (&"critical".into(), &"critical".into()));
    let disagreements: Vec<&str> =
        json["disagreements"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    for replica in &replicas {
        let said = format!("haproxy write backend {replica} is UP but the leader is {leader}");
        assert!(disagreements.contains(&said.as_str()), "{said:?} in {disagreements:?}");
    }
    for server in json["tiers"]["haproxy"]["servers"].as_array().unwrap() {
        let member = demo.member(server["server"].as_str().unwrap()).unwrap();
        assert_eq!(server["address"], format!("127.0.0.1:{}", member.pg_port), "{server}");
        assert_eq!(server["member"], member.name.as_str(), "matched by address: {server}");
    }
    let screen = text(&demo_hactl(&["status"], &env).stdout);
    assert!(screen.contains(&format!("  - haproxy write backend {} is UP but the leader is {leader}\n", replicas[0])));
    assert!(screen.contains("  haproxy    CRITICAL "), "{screen}");

    let out = demo_hactl(&["check", "proxy_points_at_leader"], &env);
    let line = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{line}{}", text(&out.stderr));
    assert!(
        line.starts_with(&format!(
            "PROXYPOINTSATLEADER CRITICAL - haproxy write backend {} is UP but the leader is {leader}",
            replicas[0]
        )),
        "{line}"
    );
    assert!(line.contains("write_up=3;;1:1"), "{line}");
}

#[test]
fn a_stopped_pgbouncer_warns_in_status_and_is_critical_in_pgbouncer_pools() {
    let demo = shared_cluster(DEMO);
    let lab_bouncers = &proxies_of(demo).pgbouncers;
    let dir = scratch("hactl-test-status-pgbouncer");
    let ports = free_ports(19621, lab_bouncers.len());
    let mut bouncers = Vec::new();
    for (bouncer, port) in lab_bouncers.iter().zip(&ports) {
        let file = &bouncer.conf;
        let config = std::fs::read_to_string(file).unwrap();
        let config = replace_once(
            &config,
            &format!("listen_port = {}\n", bouncer.port),
            &format!("listen_port = {port}\n"),
            file,
        );
        let conf = dir.join(format!("pgbouncer-{}.ini", bouncer.member));
        std::fs::write(&conf, config).unwrap();
        let mut command = Command::new("/usr/sbin/pgbouncer");
        command.arg(&conf).current_dir(&dir);
        // PgBouncer refuses to run as root: as the owner of the lab's configuration (and userlist).
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::process::CommandExt;
        let owner = std::fs::metadata(file).unwrap();
        if unsafe { libc::geteuid() } == 0 {
            command.uid(owner.uid()).gid(owner.gid());
        }
        bouncers.push(Proxy::start(&format!("the test's pgbouncer for {}", bouncer.member), command));
    }
    let settings = hactl::settings::PgbouncerSettings {
        hosts: ports.iter().map(|p| format!("127.0.0.1:{p}")).collect(),
        ..proxies_of(demo).pgbouncer_settings()
    };
    wait_until("every PgBouncer of the test answers", Duration::from_secs(20), || {
        block(pgbouncer::read(&settings, Instant::now() + Duration::from_secs(2))).iter().all(|r| r.result.is_ok())
    });
    let env = proxy_env(proxies_of(demo).haproxy.stats_port, &ports);
    let out = demo_hactl(&["status", "-f", "json"], &env);
    assert_eq!(json_of(&out)["tiers"]["pgbouncer"]["verdict"], "ok", "{}", text(&out.stdout));

    bouncers[1].stop();
    let stopped = format!("PgBouncer 127.0.0.1:{} (user pgbouncer, database pgbouncer) cannot be reached", ports[1]);
    let started = Instant::now();
    let out = demo_hactl(&["status", "-f", "json"], &env);
    let json = json_of(&out);
    let section = &json["tiers"]["pgbouncer"];
    assert_eq!(section["verdict"], "warning", "{section}");
    assert!(section["reason"].as_str().unwrap().starts_with(&stopped), "{section}");
    assert_eq!(section["pgbouncers"][1]["reachable"], false);
    assert_eq!(section["pgbouncers"][0]["reachable"], true);
    assert!(started.elapsed() < Duration::from_secs(3), "a stopped PgBouncer refuses at once");
    let screen = text(&demo_hactl(&["status"], &env).stdout);
    assert!(screen.contains(&format!("  pgbouncer  WARNING         {stopped}")), "{screen}");

    let out = demo_hactl(&["check", "pgbouncer_pools"], &env);
    let line = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{line}{}", text(&out.stderr));
    assert!(line.starts_with(&format!("PGBOUNCERPOOLS CRITICAL - 2 of 3 PgBouncers reachable: {stopped}")), "{line}");
    assert!(line.contains("pgbouncers_reachable=2;;3:"), "{line}");
    drop(bouncers);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn proxies_that_accept_and_never_answer_cost_the_timeout_once() {
    // The kernel accepts connections into the backlog; nothing ever answers them.
    let silent: Vec<TcpListener> = (0..3).map(|_| TcpListener::bind("127.0.0.1:0").unwrap()).collect();
    let ports: Vec<u16> = silent.iter().map(|l| l.local_addr().unwrap().port()).collect();
    let env = proxy_env(ports[0], &ports[1..]);
    let started = Instant::now();
    let out = demo_hactl(&["status", "--timeout", "1", "-f", "json"], &env);
    let took = started.elapsed();
    let json = json_of(&out);
    assert_eq!(out.status.code(), Some(4), "UNREACHABLE exits 4: {json}");
    let (haproxy, pgbouncer) = (&json["tiers"]["haproxy"], &json["tiers"]["pgbouncer"]);
    assert_eq!((&haproxy["verdict"], &pgbouncer["verdict"]), (&"unreachable".into(), &"unreachable".into()), "{json}");
    assert!(haproxy["reason"].as_str().unwrap().contains("did not answer within"), "{haproxy}");
    for (host, port) in pgbouncer["pgbouncers"].as_array().unwrap().iter().zip(&ports[1..]) {
        assert_eq!((&host["host"], &host["reachable"]), (&format!("127.0.0.1:{port}").into(), &false.into()));
        assert!(host["error"].as_str().unwrap().contains("did not answer within"), "{host}");
    }
    assert_eq!(json["tiers"]["patroni"]["verdict"], "ok", "the other tiers are read meanwhile: {json}");
    assert!(took < Duration::from_millis(2500), "status took {took:?} with a 1 s timeout");
}
