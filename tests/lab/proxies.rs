//! The proxy tier on the real lab: HAProxy 2.6 routing by the agents' `GET /primary` and
//! `GET /replica`, and a PgBouncer 1.18 in front of each member, read through hactl's readers
//! (`tiers::haproxy`, `tiers::pgbouncer`). The members' REST APIs and PostgreSQL itself (asked
//! directly) are the ground truth.

use crate::common::*;
use hactl::lab::{self, ClusterSpec, ClusterState, LabSpec, ProxiesState, SUPERUSER};
use hactl::tiers::{haproxy, pgbouncer};
use std::time::{Duration, Instant};

const READ_TIMEOUT: Duration = Duration::from_secs(5);

fn block<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

fn proxies_of(cluster: &ClusterState) -> &ProxiesState {
    cluster.proxies.as_ref().unwrap_or_else(|| panic!("cluster {} has no proxies", cluster.scope))
}

fn stats(settings: &hactl::settings::HaproxySettings) -> haproxy::HaproxyStats {
    block(haproxy::read_stats(settings, Instant::now() + READ_TIMEOUT)).unwrap_or_else(|e| panic!("{e}"))
}

fn names(rows: Vec<&haproxy::StatRow>) -> Vec<String> {
    rows.into_iter().map(|r| r.name.clone()).collect()
}

/// `(inet_server_port(), pg_is_in_recovery())` of the server a connection to `port` lands on.
fn landing(port: u16) -> (u16, bool) {
    block(async {
        let dsn = format!(
            "host=127.0.0.1 port={port} user={} password={} dbname=postgres connect_timeout=5",
            SUPERUSER.user, SUPERUSER.password
        );
        let (client, connection) =
            tokio_postgres::connect(&dsn, tokio_postgres::NoTls).await.unwrap_or_else(|e| panic!("port {port}: {e}"));
        tokio::spawn(connection);
        let rows = client.simple_query("SELECT inet_server_port(), pg_is_in_recovery()").await.unwrap();
        let row = rows
            .iter()
            .find_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(row),
                _ => None,
            })
            .expect("one row");
        (row.get(0).unwrap().parse().unwrap(), row.get(1) == Some("t"))
    })
}

/// The leader's name and the others', as the members' REST APIs say.
fn roles(cluster: &ClusterState) -> (String, Vec<String>) {
    let leader = cluster.primary().expect("the cluster has a leader").name.clone();
    let others = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != leader).collect();
    (leader, others)
}

#[test]
fn haproxy_sends_writes_to_the_leader_and_reads_to_the_replicas() {
    let demo = shared_cluster(DEMO);
    let proxies = proxies_of(demo);
    let (leader, replicas) = roles(demo);
    let page = stats(&proxies.haproxy.settings());
    assert_eq!(names(page.write_backend_up()), std::slice::from_ref(&leader), "{:?}", page.rows);
    assert_eq!(names(page.read_backend_up()), replicas, "{:?}", page.rows);
    for replica in &replicas {
        let row = page.servers(lab::WRITE_BACKEND).into_iter().find(|r| r.name == *replica).unwrap();
        assert_eq!((&row.status, row.check_code), (&haproxy::Status::Down, Some(503)), "{row:?}");
    }
    // The stats socket says the same.
    let socket_settings = hactl::settings::HaproxySettings {
        stats_socket: Some(proxies.haproxy.stats_socket.clone()),
        ..proxies.haproxy.settings()
    };
    let socket = stats(&socket_settings);
    assert_eq!(names(socket.write_backend_up()), std::slice::from_ref(&leader));
    assert_eq!(socket.source, proxies.haproxy.stats_socket.display().to_string());
    // And a connection to the write port reaches the leader, to the read port a replica.
    let leader_port = demo.member(&leader).unwrap().pg_port;
    assert_eq!(landing(proxies.haproxy.write_port), (leader_port, false));
    assert!(landing(proxies.haproxy.read_port).1, "the read port reaches a replica");
}

#[test]
fn wrong_stats_credentials_are_a_usage_error_naming_the_keys() {
    let proxies = proxies_of(shared_cluster(DEMO));
    let settings = hactl::settings::HaproxySettings {
        password: Some(hactl::settings::Secret::new("wrong-password")),
        ..proxies.haproxy.settings()
    };
    let error = block(haproxy::read_stats(&settings, Instant::now() + READ_TIMEOUT)).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("haproxy.username and haproxy.password") && !text.contains("wrong-password"), "{text}");
    assert_eq!(hactl::error::Classify::kind(&error), hactl::error::ErrorKind::Usage);
}

#[test]
fn each_pgbouncer_answers_show_pools_and_leads_to_its_member() {
    let demo = shared_cluster(DEMO);
    let proxies = proxies_of(demo);
    let reads = block(pgbouncer::read(&proxies.pgbouncer_settings(), Instant::now() + READ_TIMEOUT));
    assert_eq!(reads.len(), demo.members.len());
    for ((read, bouncer), member) in reads.iter().zip(&proxies.pgbouncers).zip(&demo.members) {
        assert_eq!(bouncer.member, member.name);
        let info = read.result.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(info.target.port, bouncer.port);
        assert!(info.pools.iter().any(|p| p.database == "pgbouncer"), "{:?}", info.pools);
        assert_eq!(info.server_of("postgres"), Some(format!("127.0.0.1:{}", member.pg_port)));
        // A query through it reaches that member's PostgreSQL, and its pool shows the connection.
        assert_eq!(landing(bouncer.port).0, member.pg_port);
    }
    // A wrong password: a login error naming the PgBouncer and the keys, not the password.
    let wrong = hactl::settings::PgbouncerSettings {
        password: Some(hactl::settings::Secret::new("wrong-bouncer-password")),
        ..proxies.pgbouncer_settings()
    };
    let refused = block(pgbouncer::read(&wrong, Instant::now() + READ_TIMEOUT));
    let error = refused[0].result.as_ref().expect_err("a wrong password is refused");
    let message = error.to_string();
    assert!(message.contains("refused the login") && message.contains("pgbouncer.password"), "{message}");
    assert!(!message.contains("wrong-bouncer-password"), "{message}");
    assert_eq!(hactl::error::Classify::kind(error), hactl::error::ErrorKind::Usage);
    let after = block(pgbouncer::read(&proxies.pgbouncer_settings(), Instant::now() + READ_TIMEOUT));
    for read in &after {
        let info = read.result.as_ref().unwrap();
        let pool = info.pools.iter().find(|p| p.database == "postgres").expect("a postgres pool after a query");
        assert_eq!((pool.user.as_str(), pool.cl_waiting), ("postgres", 0));
        assert!(info.servers.iter().any(|s| s.database == "postgres"), "{:?}", info.servers);
    }
}

#[test]
fn the_lab_ctl_config_names_the_proxy_tier() {
    let state = lab();
    let demo = shared_cluster(DEMO);
    let proxies = proxies_of(demo);
    let dir = std::path::PathBuf::from(tmp_dir("hactl-test-proxies-ctl"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut copy = state.clone();
    copy.dir = dir.clone();
    let path = lab::write_ctl_config(&copy, Some(DEMO)).unwrap();
    let env = std::collections::BTreeMap::from([("HOME".to_string(), dir.display().to_string())]);
    let inputs = hactl::settings::SettingsInputs {
        config_file: Some(path),
        dcs_url: None,
        insecure: false,
        env: &env,
        context: None,
    };
    let settings = hactl::settings::load(&inputs).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(settings.haproxy, Some(proxies.haproxy.settings()));
    assert_eq!(settings.pgbouncer, Some(proxies.pgbouncer_settings()));
    assert_eq!(settings.pgpool, None, "not configured");
}

/// A lab of this test's own (etcd and one fast cluster with proxies): HAProxy follows a
/// switchover, a stopped PgBouncer reads as an error naming it, `lab status` shows the ports,
/// and `lab down` leaves no process.
#[test]
fn haproxy_follows_a_switchover_and_lab_down_stops_the_proxies() {
    let dir = std::path::PathBuf::from(tmp_dir("hactl-test-lab-proxies"));
    let _ = lab::down(&dir, &mut |_| {});
    let mut spec = LabSpec::new(&dir);
    spec.etcd_base_port = port(23079);
    spec.pg_base_port = port(15932);
    spec.api_base_port = port(18508);
    spec.clusters = vec![ClusterSpec { ttl: 20, loop_wait: 2, proxies: true, ..ClusterSpec::new("proxied") }];
    spec.timeout = Duration::from_secs(180);
    struct Down(std::path::PathBuf);
    impl Drop for Down {
        fn drop(&mut self) {
            let _ = lab::down(&self.0, &mut |_| {});
        }
    }
    let state = lab::up(&spec, &mut |_| {}).unwrap_or_else(|e| panic!("cannot start the lab: {e}"));
    let guard = Down(dir.clone());
    let cluster = state.cluster("proxied").unwrap();
    let proxies = proxies_of(cluster);
    let settings = proxies.haproxy.settings();
    let (leader, replicas) = roles(cluster);
    assert_eq!(names(stats(&settings).write_backend_up()), std::slice::from_ref(&leader));

    let candidate = replicas[0].clone();
    let config = cluster.config_path("pg0").unwrap().to_str().unwrap();
    let out = hactl(&["-c", config, "switchover", "--leader", &leader, "--candidate", &candidate, "--force"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let took = wait_until("the write backend follows the switchover", Duration::from_secs(15), || {
        names(stats(&settings).write_backend_up()) == [candidate.clone()]
    });
    eprintln!("write backend followed {took:?} after the switchover returned");
    let mut readers: Vec<String> = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != candidate).collect();
    readers.sort();
    wait_until("the read backend takes the former leader", Duration::from_secs(30), || {
        names(stats(&settings).read_backend_up()) == readers
    });
    assert_eq!(landing(proxies.haproxy.write_port), (cluster.member(&candidate).unwrap().pg_port, false));

    // A stopped PgBouncer: its read is an error naming it; the others still answer.
    let stopped = &proxies.pgbouncers[1];
    stop_process("pgbouncer", stopped.process);
    let reads = block(pgbouncer::read(&proxies.pgbouncer_settings(), Instant::now() + READ_TIMEOUT));
    let error = reads[1].result.as_ref().expect_err("the stopped PgBouncer does not answer");
    assert!(error.to_string().starts_with(&format!("PgBouncer 127.0.0.1:{} ", stopped.port)), "{error}");
    assert_eq!(hactl::error::Classify::kind(error), hactl::error::ErrorKind::Unreachable);
    assert!(reads[0].result.is_ok() && reads[2].result.is_ok());

    // `lab status` shows the proxies with their ports, the stopped one as stopped.
    let dir_arg = dir.to_str().unwrap();
    let status = json_of(&hactl(&["lab", "status", "--dir", dir_arg, "-f", "json"], &[]));
    let shown = &status["clusters"][0]["proxies"];
    let haproxy = &proxies.haproxy;
    assert_eq!(shown[0]["name"], "haproxy");
    assert_eq!(shown[0]["ports"], serde_json::json!([haproxy.write_port, haproxy.read_port, haproxy.stats_port]));
    assert_eq!((&shown[2]["name"], &shown[2]["alive"]), (&"pgbouncer-pg1".into(), &false.into()));
    assert_eq!(shown[1]["ports"], serde_json::json!([proxies.pgbouncers[0].port]));
    let out = hactl(&["lab", "status", "--dir", dir_arg], &[]);
    let screen = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a stopped process fails lab status: {screen}");
    assert!(screen.contains(&format!("ports [{}, {}, {}]", haproxy.write_port, haproxy.read_port, haproxy.stats_port)));
    assert!(screen.contains("pgbouncer-pg1  pid") && screen.contains("stopped"), "{screen}");

    // `lab down` stops every proxy by pid.
    let pids: Vec<lab::ProcessRef> = std::iter::once(haproxy.process)
        .chain(proxies.pgbouncers.iter().map(|p| p.process))
        .map(|p| p.expect("started"))
        .collect();
    drop(guard);
    for process in pids {
        assert!(!process.is_alive(), "pid {} still runs after lab down", process.pid);
    }
}
