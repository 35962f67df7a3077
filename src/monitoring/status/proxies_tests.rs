//! The proxy verdicts from rows captured from the lab's HAProxy 2.6 (pg1 the leader; servers at
//! 127.0.0.1:17532-17534) and PgBouncer 1.18 (in front of pg0 at 127.0.0.1:17532).

use super::*;
use crate::cluster::RawNode;
use crate::tiers::haproxy::parse_stats;
use crate::tiers::pgbouncer::tests::rows;
use crate::tiers::pgbouncer::{Target, parse_databases, parse_pools, parse_servers};

const SHOW_STAT: &str = include_str!("../../../tests/fixtures/haproxy/show_stat.csv");
/// The lab's HAProxy with its write check changed to `GET /health` (which every running member
/// answers 200), pg0 the leader at 127.0.0.1:16432: every member UP on the write backend.
const HEALTH_CHECK: &str = include_str!("../../../tests/fixtures/haproxy/show_stat_health_check.csv");
const STATS_PAGE: &str = include_str!("../../../tests/fixtures/haproxy/stats_page.csv");
const POOLS: &str = include_str!("../../../tests/fixtures/pgbouncer/show_pools.csv");
const DATABASES: &str = include_str!("../../../tests/fixtures/pgbouncer/show_databases.csv");
const SERVERS: &str = include_str!("../../../tests/fixtures/pgbouncer/show_servers.csv");

/// pg0..pg2 at 127.0.0.1:17532..17534, `leader` holding the leader key; `states` overrides a
/// member's state.
fn cluster(leader: &str, states: &[(&str, &str)]) -> Cluster {
    cluster_on(17532, leader, states)
}

/// pg0..pg2 at 127.0.0.1:`base`.., as [`cluster`].
fn cluster_on(base: u16, leader: &str, states: &[(&str, &str)]) -> Cluster {
    let mut nodes = vec![RawNode { key: "leader".into(), value: leader.into(), mod_revision: 1, lease: 0 }];
    for i in 0..3u16 {
        let name = format!("pg{i}");
        let role = if name == leader { "primary" } else { "replica" };
        let state = states.iter().find(|(n, _)| *n == name).map_or("running", |(_, s)| s);
        nodes.push(RawNode {
            key: format!("members/{name}"),
            value: format!(
                r#"{{"conn_url":"postgres://127.0.0.1:{}/postgres","api_url":"http://127.0.0.1:{}/patroni","state":"{state}","role":"{role}","timeline":1}}"#,
                base + i,
                18008 + i
            ),
            mod_revision: 1,
            lease: 0,
        });
    }
    Cluster::from_nodes("demo", &nodes)
}

fn stats(edit: impl Fn(&mut Vec<StatRow>)) -> HaproxyStats {
    let mut rows = parse_stats(SHOW_STAT).unwrap();
    edit(&mut rows);
    HaproxyStats { source: "fixture".into(), write_backend: "primary".into(), read_backend: "replicas".into(), rows }
}

fn set(rows: &mut [StatRow], proxy: &str, server: &str, status: Status) {
    let row = rows.iter_mut().find(|r| r.proxy == proxy && r.name == server).unwrap();
    row.status_text = status.to_string();
    row.status = status;
}

fn haproxy(stats: &HaproxyStats, cluster: Option<&Cluster>) -> (Section<HaproxyDetails>, Vec<String>) {
    let mut disagreements = Vec::new();
    let section = haproxy_section(stats, cluster, &mut disagreements);
    (section, disagreements)
}

#[test]
fn haproxy_with_the_leader_alone_on_the_write_backend_is_ok_and_each_server_is_matched() {
    let (section, disagreements) = haproxy(&stats(|_| {}), Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Ok, "{}", section.reason);
    assert_eq!(section.reason, "write backend primary: pg1 UP (the leader); read backend replicas: pg0, pg2 UP");
    assert!(disagreements.is_empty());
    let details = section.details.unwrap();
    assert_eq!(details.servers.len(), 6);
    let pg0 = &details.servers[0];
    assert_eq!(
        (pg0.backend_role, pg0.server.as_str(), pg0.member.as_deref(), pg0.up, pg0.check_code),
        (BackendRole::Write, "pg0", Some("pg0"), false, Some(503))
    );
    let json = serde_json::to_value(&details).unwrap();
    assert_eq!(json["servers"][1]["backend_role"], "write");
    assert_eq!(json["servers"][1]["address"], "127.0.0.1:17533");
    assert_eq!(json["servers"][1]["status"], "UP");
}

#[test]
fn a_write_backend_up_on_a_demoted_member_is_critical_and_a_named_disagreement() {
    // After a switchover to pg2 HAProxy still sends writes to pg1 (a stale check).
    let stale = stats(|rows| set(rows, "replicas", "pg2", Status::Down));
    let (section, disagreements) = haproxy(&stale, Some(&cluster("pg2", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert_eq!(disagreements, ["haproxy write backend pg1 is UP but the leader is pg2"]);
    assert!(section.reason.starts_with("haproxy write backend pg1 is UP but the leader is pg2"), "{}", section.reason);
    // Every server UP there (a check every member passes): each other one named.
    let all_up = stats(|rows| {
        set(rows, "primary", "pg0", Status::Up);
        set(rows, "primary", "pg2", Status::Up);
    });
    let (section, disagreements) = haproxy(&all_up, Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert_eq!(
        disagreements,
        [
            "haproxy write backend pg0 is UP but the leader is pg1",
            "haproxy write backend pg2 is UP but the leader is pg1"
        ]
    );
}

#[test]
fn no_write_server_up_is_critical_and_an_unknown_server_is_named() {
    let none = stats(|rows| set(rows, "primary", "pg1", Status::Down));
    let (section, disagreements) = haproxy(&none, Some(&cluster("pg1", &[])));
    assert_eq!(
        (section.verdict, section.reason.as_str()),
        (Verdict::Critical, "haproxy write backend primary has no server UP (the leader is pg1)")
    );
    assert!(disagreements.is_empty());
    let stranger = stats(|rows| {
        rows.iter_mut().filter(|r| r.name == "pg1").for_each(|r| r.address = Some("10.0.0.9:5432".into()))
    });
    let (section, disagreements) = haproxy(&stranger, Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert_eq!(
        disagreements,
        [
            "haproxy write backend pg1 is UP but is an unknown server (no Patroni member at 10.0.0.9:5432); the leader is pg1"
        ]
    );
    assert_eq!(section.details.unwrap().servers[1].member, None);
}

#[test]
fn a_read_server_up_that_is_not_a_running_replica_warns() {
    let (section, disagreements) = haproxy(&stats(|_| {}), Some(&cluster("pg1", &[("pg2", "stopped")])));
    assert_eq!(section.verdict, Verdict::Warning);
    assert_eq!(disagreements, ["haproxy read backend pg2 is UP but the member is stopped, not a running replica"]);
    let leader_reads = stats(|rows| set(rows, "replicas", "pg1", Status::Up));
    let (section, disagreements) = haproxy(&leader_reads, Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Warning);
    assert_eq!(disagreements, ["haproxy read backend pg1 is UP but it is the leader, not a replica"]);
    // A backend name HAProxy does not have is the configuration's fault, named with its key.
    let mut wrong = stats(|_| {});
    wrong.write_backend = "master".into();
    let (section, _) = haproxy(&wrong, Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert!(
        section.reason.starts_with("HAProxy has no backend master; check haproxy.write_backend"),
        "{}",
        section.reason
    );
}

fn bouncer(port: u16, edit: impl Fn(&mut Vec<crate::tiers::pgbouncer::Row>)) -> PgbouncerRead {
    let mut pools = rows(POOLS);
    edit(&mut pools);
    let info = PgbouncerInfo {
        target: Target {
            product: "PgBouncer",
            host: "127.0.0.1".into(),
            port,
            user: "pgbouncer".into(),
            dbname: "pgbouncer".into(),
        },
        pools: parse_pools(&pools).unwrap(),
        databases: parse_databases(&rows(DATABASES)).unwrap(),
        servers: parse_servers(&rows(SERVERS)).unwrap(),
    };
    PgbouncerRead { host: format!("127.0.0.1:{port}"), info: Ok(info) }
}

fn down(port: u16) -> PgbouncerRead {
    PgbouncerRead {
        host: format!("127.0.0.1:{port}"),
        info: Err(format!(
            "PgBouncer 127.0.0.1:{port} (user pgbouncer, database pgbouncer) cannot be reached: Connection refused (os error 111); check that it runs and pgbouncer.hosts"
        )),
    }
}

fn pgbouncer(reads: &[PgbouncerRead], cluster: Option<&Cluster>) -> (Section<PgbouncerDetails>, Vec<String>) {
    let mut disagreements = Vec::new();
    let section = pgbouncer_section(reads, cluster, &mut disagreements);
    (section, disagreements)
}

#[test]
fn pgbouncers_answering_with_their_pools_on_running_members_are_ok() {
    let (section, disagreements) = pgbouncer(&[bouncer(6432, |_| {})], Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Ok, "{}", section.reason);
    assert_eq!(
        section.reason,
        "1 of 1 PgBouncers answer: 1 pools, no client waiting, every database on a running member"
    );
    assert!(disagreements.is_empty());
    let details = section.details.unwrap();
    let pool = &details.pgbouncers[0].pools[0];
    assert_eq!(
        (pool.database.as_str(), pool.server.as_deref(), pool.member.as_deref(), pool.sv_idle),
        ("postgres", Some("127.0.0.1:17532"), Some("pg0"), 1)
    );
    let json = serde_json::to_value(&details).unwrap();
    for key in
        ["database", "user", "cl_active", "cl_waiting", "sv_active", "sv_idle", "maxwait_seconds", "server", "member"]
    {
        assert!(json["pgbouncers"][0]["pools"][0].get(key).is_some(), "{key} in {json}");
    }
    assert_eq!(json["pgbouncers"][0]["reachable"], true);
}

#[test]
fn a_stopped_pgbouncer_waiting_clients_and_a_pool_on_a_stopped_member_warn() {
    let reads = [bouncer(6432, |_| {}), down(6433)];
    let (section, _) = pgbouncer(&reads, Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Warning);
    assert!(
        section.reason.starts_with("PgBouncer 127.0.0.1:6433 (user pgbouncer, database pgbouncer) cannot be reached"),
        "{}",
        section.reason
    );
    let waiting = bouncer(6432, |pools| {
        let row = pools.iter_mut().find(|r| r["database"].as_deref() == Some("postgres")).unwrap();
        row.insert("cl_waiting".into(), Some("4".into()));
        row.insert("maxwait".into(), Some("2".into()));
    });
    let (section, _) = pgbouncer(&[waiting], Some(&cluster("pg1", &[])));
    assert_eq!(
        (section.verdict, section.reason.as_str()),
        (
            Verdict::Warning,
            "pgbouncer 127.0.0.1:6432: 4 clients waiting in pool postgres/postgres (the oldest for 2.0s)"
        )
    );
    let (section, disagreements) = pgbouncer(&[bouncer(6432, |_| {})], Some(&cluster("pg1", &[("pg0", "stopped")])));
    assert_eq!(section.verdict, Verdict::Warning);
    assert_eq!(
        disagreements,
        [
            "pgbouncer 127.0.0.1:6432 sends database postgres to 127.0.0.1:17532, member pg0 which is stopped, not running"
        ]
    );
}

#[test]
fn no_pgbouncer_answering_is_unreachable_with_each_one_named() {
    let (section, _) = pgbouncer(&[down(6432), down(6433)], Some(&cluster("pg1", &[])));
    assert_eq!(section.verdict, Verdict::Unreachable);
    assert!(section.reason.starts_with("no PgBouncer answered (PgBouncer 127.0.0.1:6432 "), "{}", section.reason);
    assert!(section.reason.contains("; PgBouncer 127.0.0.1:6433 "), "{}", section.reason);
    assert_eq!(section.details.unwrap().pgbouncers.len(), 2, "the hosts are still listed");
}

/// The whole report with only the DCS (pg1 the leader) and the proxy tiers read.
fn report_of(
    haproxy: Option<Result<HaproxyStats, String>>,
    pgbouncer: Option<Vec<PgbouncerRead>>,
) -> super::super::StatusReport {
    super::super::verdict::evaluate(super::super::verdict::Reads {
        cluster: "demo".into(),
        etcd: None,
        dcs: Ok((cluster("pg1", &[]), 7)),
        postgres: None,
        sentinels: None,
        agents: None,
        other_postgres: Vec::new(),
        redis_replicas: None,
        haproxy,
        pgbouncer,
        pgpool: None,
    })
}

#[test]
fn the_proxy_tiers_join_the_report_its_disagreements_and_the_overall_verdict() {
    let all_up = stats(|rows| set(rows, "primary", "pg0", Status::Up));
    let report = report_of(Some(Ok(all_up)), Some(vec![bouncer(6432, |_| {}), down(6433)]));
    assert_eq!((report.tiers.haproxy.verdict, report.tiers.pgbouncer.verdict), (Verdict::Critical, Verdict::Warning));
    assert_eq!(report.verdict, Verdict::Critical);
    assert!(report.disagreements.contains(&"haproxy write backend pg0 is UP but the leader is pg1".to_string()));
    assert!(
        report.reason.contains("haproxy CRITICAL: haproxy write backend pg0 is UP but the leader is pg1"),
        "{}",
        report.reason
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["tiers"]["haproxy"]["verdict"], "critical");
    assert_eq!(json["tiers"]["haproxy"]["write_backend"], "primary");
    assert_eq!(json["tiers"]["pgbouncer"]["pgbouncers"][1]["reachable"], false);
    // Unreadable stats: the tier is unreachable, with the reader's reason.
    let unreadable = "cannot read HAProxy's stats page http://127.0.0.1:1/;csv: connection refused";
    let report = report_of(Some(Err(unreadable.into())), None);
    assert_eq!(report.tiers.haproxy.verdict, Verdict::Unreachable);
    assert_eq!(report.tiers.pgbouncer.verdict, Verdict::NotConfigured);
}

#[test]
fn without_addresses_the_servers_are_matched_by_name() {
    // The stats page without `stats show-legends` hides each server's address.
    let page = HaproxyStats {
        source: "page".into(),
        write_backend: "primary".into(),
        read_backend: "replicas".into(),
        rows: parse_stats(STATS_PAGE).unwrap(),
    };
    assert!(page.servers("primary").iter().all(|r| r.address.is_none()));
    let (section, disagreements) = haproxy(&page, Some(&cluster("pg1", &[])));
    assert_eq!((section.verdict, disagreements.len()), (Verdict::Ok, 0), "{}", section.reason);
    assert_eq!(section.details.unwrap().servers[1].member.as_deref(), Some("pg1"));
    let (section, disagreements) = haproxy(&page, Some(&cluster("pg0", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert_eq!(disagreements[0], "haproxy write backend pg1 is UP but the leader is pg0");
}

#[test]
fn a_write_check_every_member_passes_is_caught_on_real_rows() {
    let stats = HaproxyStats {
        source: "socket".into(),
        write_backend: "primary".into(),
        read_backend: "replicas".into(),
        rows: parse_stats(HEALTH_CHECK).unwrap(),
    };
    let (section, disagreements) = haproxy(&stats, Some(&cluster_on(16432, "pg0", &[])));
    assert_eq!(section.verdict, Verdict::Critical);
    assert_eq!(
        disagreements,
        [
            "haproxy write backend pg1 is UP but the leader is pg0",
            "haproxy write backend pg2 is UP but the leader is pg0"
        ]
    );
}
