//! From the rows captured from the lab's HAProxy 2.6 (pg1 the leader, servers at
//! 127.0.0.1:17532-17534) and PgBouncer 1.18 (in front of pg0 at 127.0.0.1:17532).

use super::*;
use crate::cluster::RawNode;
use crate::monitoring::nagios::State;
use crate::tiers::haproxy::{Status, parse_stats};
use crate::tiers::pgbouncer::tests::rows;
use crate::tiers::pgbouncer::{PgbouncerError, PgbouncerInfo, Target, parse_databases, parse_pools, parse_servers};

const SHOW_STAT: &str = include_str!("../../tests/fixtures/haproxy/show_stat.csv");
const POOLS_CSV: &str = include_str!("../../tests/fixtures/pgbouncer/show_pools.csv");
const DATABASES: &str = include_str!("../../tests/fixtures/pgbouncer/show_databases.csv");
const SERVERS: &str = include_str!("../../tests/fixtures/pgbouncer/show_servers.csv");

fn cluster(leader: &str, stopped: &[&str]) -> Cluster {
    let mut nodes = vec![RawNode { key: "leader".into(), value: leader.into(), mod_revision: 1, lease: 0 }];
    for i in 0..3u16 {
        let name = format!("pg{i}");
        let state = if stopped.contains(&name.as_str()) { "stopped" } else { "running" };
        let role = if name == leader { "primary" } else { "replica" };
        nodes.push(RawNode {
            key: format!("members/{name}"),
            value: format!(
                r#"{{"conn_url":"postgres://127.0.0.1:{}/postgres","state":"{state}","role":"{role}"}}"#,
                17532 + i
            ),
            mod_revision: 1,
            lease: 0,
        });
    }
    Cluster::from_nodes("demo", &nodes)
}

fn stats(up_on_write: &[&str]) -> HaproxyStats {
    let mut rows = parse_stats(SHOW_STAT).unwrap();
    for row in rows.iter_mut().filter(|r| r.proxy == "primary" && r.name.starts_with("pg")) {
        row.status = if up_on_write.contains(&row.name.as_str()) { Status::Up } else { Status::Down };
    }
    HaproxyStats { source: "fixture".into(), write_backend: "primary".into(), read_backend: "replicas".into(), rows }
}

#[test]
fn the_leader_alone_on_the_write_backend_is_ok_another_or_none_is_critical() {
    let ok = evaluate_proxy_points_at_leader(&stats(&["pg1"]), &cluster("pg1", &[]));
    assert_eq!(
        ok.status_line(),
        "PROXYPOINTSATLEADER OK - HAProxy's write backend primary sends to pg1, the leader alone; 2 servers UP on the read backend replicas. | leader_up=1;;1:1 read_up=2 write_up=1;;1:1"
    );
    let demoted = evaluate_proxy_points_at_leader(&stats(&["pg1"]), &cluster("pg2", &[]));
    assert_eq!(demoted.state, State::Critical);
    assert_eq!(demoted.message, "haproxy write backend pg1 is UP but the leader is pg2");
    let both = evaluate_proxy_points_at_leader(&stats(&["pg0", "pg1"]), &cluster("pg1", &[]));
    assert_eq!(
        (both.state, both.message.as_str()),
        (State::Critical, "haproxy write backend pg0 is UP but the leader is pg1")
    );
    let none = evaluate_proxy_points_at_leader(&stats(&[]), &cluster("pg1", &[]));
    assert_eq!(none.state, State::Critical);
    assert_eq!(none.message, "haproxy write backend primary has no server UP (the leader is pg1)");
    let mut misnamed = stats(&["pg1"]);
    misnamed.write_backend = "master".into();
    let unknown = evaluate_proxy_points_at_leader(&misnamed, &cluster("pg1", &[]));
    assert_eq!(unknown.state, State::Unknown);
    assert!(unknown.message.contains("no backend master; check haproxy.write_backend"), "{}", unknown.message);
}

fn target(port: u16) -> Target {
    Target {
        product: "PgBouncer",
        host: "127.0.0.1".into(),
        port,
        user: "pgbouncer".into(),
        dbname: "pgbouncer".into(),
    }
}

fn answering(port: u16, waiting: u64) -> PgbouncerRead {
    let mut pools = rows(POOLS_CSV);
    for row in pools.iter_mut().filter(|r| r["database"].as_deref() == Some("postgres")) {
        row.insert("cl_waiting".into(), Some(waiting.to_string()));
    }
    let info = PgbouncerInfo {
        target: target(port),
        pools: parse_pools(&pools).unwrap(),
        databases: parse_databases(&rows(DATABASES)).unwrap(),
        servers: parse_servers(&rows(SERVERS)).unwrap(),
    };
    PgbouncerRead { target: target(port), result: Ok(info) }
}

fn stopped(port: u16) -> PgbouncerRead {
    let error = PgbouncerError::Connect { target: target(port), reason: "Connection refused (os error 111)".into() };
    PgbouncerRead { target: target(port), result: Err(error) }
}

#[test]
fn pools_are_ok_until_a_pgbouncer_stops_clients_wait_or_a_database_points_at_a_stopped_member() {
    let t = PoolThresholds::default();
    let ok = evaluate_pgbouncer_pools(&[answering(6432, 0)], Some(&cluster("pg1", &[])), &t);
    assert_eq!(
        ok.status_line(),
        "PGBOUNCERPOOLS OK - 1 of 1 PgBouncers reachable, 1 pools, at most 0 clients waiting, every database on a running member. | '127.0.0.1:6432/postgres/postgres_cl_active'=0 '127.0.0.1:6432/postgres/postgres_cl_waiting'=0 '127.0.0.1:6432/postgres/postgres_maxwait'=0.0s '127.0.0.1:6432/postgres/postgres_sv_active'=0 '127.0.0.1:6432/postgres/postgres_sv_idle'=1 cl_waiting_max=0;0 databases_not_on_running_member=0;;0 pgbouncers=1 pgbouncers_reachable=1;;1:"
    );
    let one_down = evaluate_pgbouncer_pools(&[answering(6432, 0), stopped(6433)], Some(&cluster("pg1", &[])), &t);
    assert_eq!(one_down.state, State::Critical);
    assert!(
        one_down.message.starts_with("1 of 2 PgBouncers reachable: PgBouncer 127.0.0.1:6433 (user pgbouncer, database pgbouncer) cannot be reached"),
        "{}",
        one_down.message
    );
    let waiting = evaluate_pgbouncer_pools(&[answering(6432, 3)], Some(&cluster("pg1", &[])), &t);
    assert_eq!(waiting.state, State::Warning);
    assert_eq!(
        waiting.message,
        "1 of 1 PgBouncers reachable: 127.0.0.1:6432: 3 clients waiting in pool postgres/postgres"
    );
    let tolerated = PoolThresholds { warning: Range::parse("5").ok(), critical: Range::parse("10").ok() };
    assert_eq!(evaluate_pgbouncer_pools(&[answering(6432, 3)], None, &tolerated).state, State::Ok);
    let elsewhere = evaluate_pgbouncer_pools(&[answering(6432, 0)], Some(&cluster("pg1", &["pg0"])), &t);
    assert_eq!(elsewhere.state, State::Critical);
    assert_eq!(
        elsewhere.message,
        "1 of 1 PgBouncers reachable: 127.0.0.1:6432 sends database postgres to 127.0.0.1:17532, member pg0 which is stopped, not running"
    );
    let none = evaluate_pgbouncer_pools(&[stopped(6432)], None, &t);
    assert_eq!(none.state, State::Critical);
}
