use super::*;
use crate::cluster::RawNode;
use crate::cluster::{test_member, test_node};
use crate::tiers::etcd::{EndpointStatus, MemberId};
use crate::tiers::postgres::{Archiver, Replica, Slot};
use std::collections::BTreeMap;

fn cluster(extra: Vec<RawNode>) -> Cluster {
    let mut nodes = vec![
        test_node("config", r#"{"maximum_lag_on_failover":1048576}"#),
        test_node("leader", "pg0"),
        test_node("status", r#"{"optime":100}"#),
    ];
    nodes.extend(extra);
    Cluster::from_nodes("demo", &nodes)
}

fn healthy_members() -> Vec<RawNode> {
    vec![test_member("pg0", "primary", ""), test_member("pg1", "replica", ""), test_member("pg2", "replica", "")]
}

fn etcd(up: &[bool]) -> EtcdRead {
    EtcdRead {
        health: crate::tiers::etcd::test_health_report(up),
        configured_down: Vec::new(),
        status: Some(EtcdStatus {
            endpoints: up
                .iter()
                .enumerate()
                .filter(|(_, ok)| **ok)
                .map(|(i, _)| EndpointStatus {
                    endpoint: format!("http://127.0.0.1:{}", 2379 + i),
                    member_id: Some(MemberId(2379 + i as u64)),
                    version: Some("3.4.34".into()),
                    db_size: Some(20480),
                    db_size_in_use: Some(16384),
                    leader: Some(MemberId(2379)),
                    is_leader: i == 0,
                    is_learner: false,
                    raft_term: Some(2),
                    raft_index: Some(100),
                    raft_applied_index: Some(100),
                    errors: Vec::new(),
                    error: None,
                    failure: None,
                    explained: None,
                })
                .collect(),
        }),
        members: None,
        alarms: Ok(AlarmList { endpoint: "http://127.0.0.1:2379".into(), alarms: Vec::new() }),
    }
}

fn replica(name: &str) -> Replica {
    Replica {
        application_name: name.into(),
        client_addr: Some("127.0.0.1".into()),
        state: "streaming".into(),
        sent_lsn: Some("0/3000060".into()),
        write_lsn: Some("0/3000060".into()),
        flush_lsn: Some("0/3000060".into()),
        replay_lsn: Some("0/3000060".into()),
        write_lag_seconds: None,
        flush_lag_seconds: None,
        replay_lag_seconds: None,
        replay_lag_bytes: Some(0),
        sync_state: "async".into(),
    }
}

fn slot(name: &str, active: bool) -> Slot {
    Slot {
        name: name.into(),
        slot_type: "physical".into(),
        database: None,
        active,
        restart_lsn: Some("0/3000060".into()),
        retained_bytes: Some(96),
        wal_status: Some("reserved".into()),
    }
}

fn replication(replicas: &[&str], slots: &[(&str, bool)]) -> ReplicationReport {
    ReplicationReport {
        member: "pg0".into(),
        slots: slots.iter().map(|(n, a)| slot(n, *a)).collect(),
        replicas: replicas.iter().map(|n| replica(n)).collect(),
        archiver: Archiver::default(),
    }
}

fn addr(port: u16) -> Addr {
    Addr { host: "127.0.0.1".into(), port }
}

fn sentinel(port: u16, master_port: Option<u16>) -> SentinelRead {
    SentinelRead {
        sentinel: format!("127.0.0.1:{port}"),
        masters: match master_port {
            Some(p) => Ok(vec![MasterInfo {
                name: "mymaster".into(),
                addr: addr(p),
                flags: vec!["master".into()],
                replicas: 1,
                sentinels: 3,
                quorum: 2,
                config_epoch: 0,
            }]),
            None => Err("connection refused".into()),
        },
    }
}

fn redis_replica(master: u16) -> ReplicaInfo {
    ReplicaInfo {
        name: "127.0.0.1:6380".into(),
        addr: addr(6380),
        flags: vec!["slave".into()],
        master_link_status: "ok".into(),
        offset: 10,
        priority: 100,
        master_link_down_ms: 0,
        master: Some(addr(master)),
    }
}

fn healthy() -> Reads {
    Reads {
        cluster: "demo".into(),
        etcd: Some(Ok(etcd(&[true, true, true]))),
        dcs: Ok((cluster(healthy_members()), 42)),
        postgres: Some(Ok(replication(&["pg1", "pg2"], &[("pg1", true), ("pg2", true)]))),
        sentinels: Some(vec![sentinel(26379, Some(6379)), sentinel(26380, Some(6379)), sentinel(26381, Some(6379))]),
        agents: None,
        other_postgres: Vec::new(),
        redis_replicas: Some(Ok(vec![redis_replica(6379)])),
        haproxy: None,
        pgbouncer: None,
        pgpool: None,
    }
}

#[test]
fn verdicts_rank_and_not_configured_is_no_problem() {
    assert_eq!(Verdict::Ok.worst(Verdict::NotConfigured), Verdict::Ok);
    assert_eq!(Verdict::Warning.worst(Verdict::Unreachable), Verdict::Unreachable);
    assert_eq!(Verdict::Critical.worst(Verdict::Unreachable), Verdict::Critical);
}

#[test]
fn a_healthy_stack_is_ok_and_the_proxies_are_not_configured() {
    let report = evaluate(healthy());
    assert_eq!(report.verdict, Verdict::Ok, "{}", report.reason);
    assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
    let tiers = &report.tiers;
    assert_eq!(tiers.etcd.verdict, Verdict::Ok, "{}", tiers.etcd.reason);
    assert!(tiers.etcd.reason.starts_with("quorum held: 3 of 3"), "{}", tiers.etcd.reason);
    assert_eq!(tiers.patroni.reason, "leader pg0, 3 of 3 members running, timeline 1");
    assert_eq!(tiers.postgres.reason, "leader pg0: 2 replicas streaming, 2 slots, 0 WAL files archived");
    assert_eq!(
        (tiers.haproxy.verdict, tiers.haproxy.reason.as_str()),
        (Verdict::NotConfigured, "haproxy not configured")
    );
    assert_eq!(tiers.pgbouncer.verdict, Verdict::NotConfigured);
    assert_eq!(
        tiers.sentinel.reason,
        "3 of 3 Sentinels agree: master mymaster at 127.0.0.1:6379 (quorum 2), 1 Redis replica linked"
    );
    // The JSON keys scripts rely on.
    let json = serde_json::to_value(&report).unwrap();
    for key in ["cluster", "verdict", "reason", "disagreements", "tiers"] {
        assert!(json.get(key).is_some(), "{key} missing in {json}");
    }
    for tier in ["etcd", "patroni", "postgres", "haproxy", "pgbouncer", "sentinel"] {
        assert!(json["tiers"][tier]["verdict"].is_string(), "{tier} in {json}");
    }
    assert_eq!(json["tiers"]["haproxy"]["verdict"], "not_configured");
    assert_eq!(json["tiers"]["postgres"]["replicas"][0]["replay_lsn"], "0/3000060");
    assert_eq!(json["tiers"]["etcd"]["revision"], 42);
}

#[test]
fn a_paused_cluster_and_a_scheduled_switchover_warn() {
    let mut reads = healthy();
    let mut nodes = vec![test_node("config", r#"{"pause":true}"#), test_node("leader", "pg0")];
    nodes.extend(healthy_members());
    nodes.push(test_node("failover", r#"{"leader":"pg0","member":"pg1","scheduled_at":"2030-01-01T00:00:00+00:00"}"#));
    reads.dcs = Ok((Cluster::from_nodes("demo", &nodes), 1));
    let report = evaluate(reads);
    assert_eq!(report.verdict, Verdict::Warning);
    let reason = &report.tiers.patroni.reason;
    assert!(reason.contains("the cluster is paused"), "{reason}");
    assert!(reason.contains("a switchover is scheduled at 2030-01-01T00:00:00+00:00 (from pg0 to pg1)"), "{reason}");
    assert!(report.reason.starts_with("patroni WARNING: "), "{}", report.reason);
}

#[test]
fn a_leader_whose_agent_reports_replica_is_a_named_disagreement() {
    let mut reads = healthy();
    reads.dcs = Ok((
        cluster(vec![
            test_member("pg0", "replica", ""),
            test_member("pg1", "replica", ""),
            test_member("pg2", "replica", ""),
        ]),
        1,
    ));
    let report = evaluate(reads);
    assert_eq!(report.tiers.patroni.verdict, Verdict::Critical);
    assert_eq!(report.disagreements, ["etcd leader key says pg0 but pg0's agent reports role replica"]);
}

#[test]
fn a_stopped_member_its_idle_slot_and_a_missing_wal_sender_are_named() {
    let mut reads = healthy();
    // pg2 left the DCS; its slot stays, inactive.
    reads.dcs = Ok((cluster(vec![test_member("pg0", "primary", ""), test_member("pg1", "replica", "")]), 1));
    reads.postgres = Some(Ok(replication(&[], &[("pg1", false), ("pg2", false)])));
    let report = evaluate(reads);
    assert_eq!(report.tiers.postgres.verdict, Verdict::Warning);
    let reason = &report.tiers.postgres.reason;
    assert!(reason.contains("slot pg2 is inactive and retains 96 bytes of WAL"), "{reason}");
    assert_eq!(
        report.disagreements,
        [
            "patroni lists replica pg1 as streaming but the leader pg0 has no WAL sender for it",
            "the leader pg0 keeps slot pg2 for a member that is not in the DCS (stopped?)",
        ]
    );
    // pg2's key expired while its PostgreSQL still streams through its slot: a disagreement. A
    // permanent slot of the configuration is no member's.
    let mut reads = healthy();
    reads.dcs = Ok((cluster(vec![test_member("pg0", "primary", ""), test_member("pg1", "replica", "")]), 1));
    reads.postgres = Some(Ok(replication(&["pg1", "pg2"], &[("pg1", true), ("pg2", true)])));
    let report = evaluate(reads);
    assert_eq!(report.tiers.postgres.verdict, Verdict::Warning);
    assert_eq!(
        report.disagreements,
        [
            "the leader pg0 streams WAL through slot pg2 to a member that is not in the DCS (its Patroni stopped or hangs?)"
        ]
    );
    let mut reads = healthy();
    let nodes = [
        test_node("config", r#"{"maximum_lag_on_failover":1048576,"slots":{"pg2":{"type":"physical"}}}"#),
        test_node("leader", "pg0"),
        test_node("status", r#"{"optime":100}"#),
        test_member("pg0", "primary", ""),
        test_member("pg1", "replica", ""),
    ];
    reads.dcs = Ok((Cluster::from_nodes("demo", &nodes), 1));
    reads.postgres = Some(Ok(replication(&["pg1", "pg2"], &[("pg1", true), ("pg2", true)])));
    let report = evaluate(reads);
    assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
    // A member that is there but stopped warns on the Patroni tier.
    let mut reads = healthy();
    let mut nodes = vec![test_member("pg0", "primary", ""), test_member("pg1", "replica", "")];
    nodes.push(test_node("members/pg2", r#"{"state":"stopped","role":"replica","timeline":1}"#));
    reads.dcs = Ok((cluster(nodes), 1));
    let report = evaluate(reads);
    assert_eq!(report.tiers.patroni.verdict, Verdict::Warning);
    assert!(report.tiers.patroni.reason.contains("member pg2 is stopped"), "{}", report.tiers.patroni.reason);
    // A key that is not JSON, or one with no state: said so, not `member pg9 is `.
    let mut reads = healthy();
    let mut nodes = healthy_members();
    nodes.push(test_node("members/pg9", "not json{"));
    nodes.push(test_node("members/pg8", r#"{"role":"replica"}"#));
    reads.dcs = Ok((cluster(nodes), 1));
    let reason = evaluate(reads).tiers.patroni.reason;
    assert!(reason.contains("member pg9's key in the DCS is not valid JSON"), "{reason}");
    assert!(reason.contains("member pg8 publishes no state"), "{reason}");
}

#[test]
fn a_lone_etcd_member_without_quorum_is_critical_not_unreachable_and_patroni_unknown() {
    // As etcd 3.4 answers with two of three members stopped: the survivor's status request
    // works, its read times out.
    let mut survivor = etcd(&[false, false, false]);
    survivor.health.endpoints[0].member_id = Some(MemberId(2379));
    survivor.health.endpoints[0].error = Some("no answer within 1.6s; the member sees no leader".into());
    survivor.alarms = Err("no etcd endpoint answered (http://127.0.0.1:2379 (no answer within 1.6s))".into());
    let mut reads = healthy();
    reads.etcd = Some(Ok(survivor));
    reads.dcs =
        Err((ErrorKind::Unreachable, "etcd unreachable at http://127.0.0.1:2379: no answer within 1.6s".into()));
    reads.postgres = None;
    let report = evaluate(reads);
    assert_eq!(report.tiers.etcd.verdict, Verdict::Critical, "{}", report.tiers.etcd.reason);
    assert!(
        report.tiers.etcd.reason.starts_with("quorum lost: 0 of 3 members healthy"),
        "{}",
        report.tiers.etcd.reason
    );
    assert!(!report.tiers.etcd.reason.contains("no etcd endpoint answered"), "{}", report.tiers.etcd.reason);
    assert_eq!(report.tiers.patroni.verdict, Verdict::Unreachable);
    assert_eq!(report.verdict, Verdict::Critical);
    assert!(report.reason.starts_with("etcd CRITICAL: quorum lost"), "{}", report.reason);
}

#[test]
fn etcd_one_down_warns_quorum_lost_is_critical_and_nothing_answering_is_unreachable() {
    let mut reads = healthy();
    reads.etcd = Some(Ok(etcd(&[true, false, true])));
    let report = evaluate(reads);
    assert_eq!(report.tiers.etcd.verdict, Verdict::Warning);
    assert!(report.tiers.etcd.reason.contains("endpoint http://127.0.0.1:2380 is unhealthy (connection refused)"));
    let mut reads = healthy();
    reads.etcd = Some(Ok(etcd(&[true, false, false])));
    assert_eq!(evaluate(reads).tiers.etcd.verdict, Verdict::Critical);
    let mut reads = healthy();
    reads.etcd = Some(Ok(etcd(&[false, false, false])));
    reads.dcs = Err((ErrorKind::Unreachable, "etcd is unreachable".into()));
    reads.postgres = None;
    let report = evaluate(reads);
    assert_eq!(report.verdict, Verdict::Unreachable);
    assert_eq!(report.tiers.patroni.verdict, Verdict::Unreachable);
    assert_eq!(report.tiers.postgres.verdict, Verdict::Unreachable);
    assert_eq!(report.bad_input, None);
    // An unknown cluster is the input's fault, not a tier's.
    let mut reads = healthy();
    reads.dcs = Err((ErrorKind::Usage, "cluster \"nosuch\" not found".into()));
    assert_eq!(evaluate(reads).bad_input.as_deref(), Some("cluster \"nosuch\" not found"));
}

#[test]
fn sentinels_down_split_or_replicas_elsewhere_are_named() {
    let mut reads = healthy();
    reads.sentinels = Some(vec![sentinel(26379, Some(6379)), sentinel(26380, None), sentinel(26381, Some(6379))]);
    let report = evaluate(reads);
    assert_eq!(report.tiers.sentinel.verdict, Verdict::Warning);
    assert_eq!(report.tiers.sentinel.reason, "sentinel 127.0.0.1:26380 did not answer (connection refused)");
    let mut reads = healthy();
    reads.sentinels = Some(vec![sentinel(26379, Some(6379)), sentinel(26380, Some(6390)), sentinel(26381, Some(6379))]);
    reads.redis_replicas = Some(Ok(vec![redis_replica(6390)]));
    let report = evaluate(reads);
    assert_eq!(report.tiers.sentinel.verdict, Verdict::Critical);
    assert_eq!(
        report.disagreements,
        [
            "sentinel 127.0.0.1:26380 names master mymaster at 127.0.0.1:6390, the others 127.0.0.1:6379",
            "redis replica 127.0.0.1:6380 reports master 127.0.0.1:6390, the Sentinels name 127.0.0.1:6379",
        ]
    );
    let mut reads = healthy();
    reads.sentinels = Some(vec![sentinel(26379, None)]);
    assert_eq!(evaluate(reads).tiers.sentinel.verdict, Verdict::Unreachable);
    let mut reads = healthy();
    reads.sentinels = None;
    reads.redis_replicas = None;
    let report = evaluate(reads);
    assert_eq!((report.verdict, report.tiers.sentinel.verdict), (Verdict::Ok, Verdict::NotConfigured));
}

fn other(member: &str, in_recovery: Option<bool>, in_dcs: bool) -> MemberPostgres {
    MemberPostgres {
        member: member.into(),
        address: Some("127.0.0.1:5433".into()),
        in_dcs,
        in_recovery,
        error: in_recovery.is_none().then(|| "connection refused".to_string()),
    }
}

#[test]
fn a_second_writable_postgres_is_a_critical_split_brain_and_an_unreachable_one_claims_nothing() {
    let mut reads = healthy();
    reads.other_postgres = vec![other("pg1", Some(false), true), other("pg2", Some(true), true)];
    let report = evaluate(reads);
    let said = "pg1's PostgreSQL accepts writes (not in recovery) while pg0 holds the leader key: two primaries";
    assert_eq!((report.verdict, report.tiers.postgres.verdict), (Verdict::Critical, Verdict::Critical));
    assert_eq!(report.disagreements, [said]);
    assert_eq!(report.tiers.postgres.reason, said);
    // The keys scripts read stay where they were; the other members are added.
    let json = serde_json::to_value(&report).unwrap();
    let postgres = &json["tiers"]["postgres"];
    assert_eq!((&postgres["member"], &postgres["replicas"][0]["application_name"]), (&"pg0".into(), &"pg1".into()));
    assert_eq!(postgres["other_members"][0]["in_recovery"], false, "{postgres}");
    assert_eq!(postgres["other_members"][1]["in_dcs"], true, "{postgres}");

    // A member whose key left the DCS (its Patroni frozen past the ttl) is named as such.
    let mut reads = healthy();
    reads.other_postgres = vec![other("pg3", Some(false), false)];
    let report = evaluate(reads);
    assert_eq!(
        report.disagreements,
        ["pg3's PostgreSQL accepts writes (not in recovery) while pg0 holds the leader key: two primaries \
             (pg3's member key has left the DCS: its Patroni is frozen or stopped?)"]
    );

    // One that cannot be asked: no finding here (other tiers name it).
    let mut reads = healthy();
    reads.other_postgres = vec![other("pg1", None, true), other("pg2", Some(true), true)];
    let report = evaluate(reads);
    assert_eq!(report.tiers.postgres.verdict, Verdict::Ok, "{}", report.tiers.postgres.reason);
    assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);

    // The leader's PostgreSQL unreadable: a writable other one is still CRITICAL, not unreachable.
    let mut reads = healthy();
    reads.postgres = Some(Err("pg0 did not answer within 2.4s".into()));
    reads.other_postgres = vec![other("pg1", Some(false), true)];
    let report = evaluate(reads);
    assert_eq!(report.tiers.postgres.verdict, Verdict::Critical);
    assert_eq!(report.tiers.postgres.reason, format!("{said}; pg0 did not answer within 2.4s"));
    assert_eq!(report.tiers.postgres.details, None);
}

#[test]
fn an_agent_that_does_not_answer_warns_and_the_leaders_is_critical() {
    let answered = |role: &str| AgentProbe::Answered { role: Some(role.into()), state: Some("running".into()) };
    let silent = AgentProbe::Silent { timeout: std::time::Duration::from_secs(2) };
    let mut reads = healthy();
    reads.agents = Some(BTreeMap::from([
        ("pg0".to_string(), answered("primary")),
        ("pg1".to_string(), silent.clone()),
        ("pg2".to_string(), AgentProbe::Failed("TLS with the agent of pg2 failed".into())),
    ]));
    let report = evaluate(reads);
    let patroni = &report.tiers.patroni;
    assert_eq!(patroni.verdict, Verdict::Warning);
    assert_eq!(patroni.reason, "the agent of pg1 does not answer GET /patroni within 2s (frozen or overloaded?)");
    assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
    // The role column is the agent's word: none for the silent one, whose key still says replica.
    let json = serde_json::to_value(&report).unwrap();
    let members = &json["tiers"]["patroni"]["members"];
    let pg1 = members.as_array().unwrap().iter().find(|m| m["name"] == "pg1").unwrap();
    assert_eq!((&pg1["agent_role"], &pg1["key_role"]), (&serde_json::Value::Null, &"replica".into()), "{pg1}");
    assert_eq!((&pg1["agent"]["answered"], &pg1["agent"]["error"]), (&false.into(), &"no answer within 2s".into()));
    let pg0 = members.as_array().unwrap().iter().find(|m| m["name"] == "pg0").unwrap();
    assert_eq!((&pg0["agent_role"], &pg0["agent"]["answered"]), (&"primary".into(), &true.into()), "{pg0}");

    // The leader's agent silent: CRITICAL, and the key and the agent disagree.
    let mut reads = healthy();
    reads.agents = Some(BTreeMap::from([
        ("pg0".to_string(), silent),
        ("pg1".to_string(), AgentProbe::Unreachable("unreachable at http://127.0.0.1:8009/patroni: refused".into())),
        ("pg2".to_string(), answered("replica")),
    ]));
    let report = evaluate(reads);
    assert_eq!((report.verdict, report.tiers.patroni.verdict), (Verdict::Critical, Verdict::Critical));
    assert_eq!(
        report.disagreements,
        ["the agent of pg0 does not answer GET /patroni within 2s (frozen or overloaded?) while pg0 holds the \
             leader key: no health check (HAProxy's) gets an answer from it, and a frozen agent loses the key \
             after ttl (30s) while its PostgreSQL stays primary"]
    );
    assert!(
        report.tiers.patroni.reason.contains(
            "the agent of pg1 does not answer GET /patroni (unreachable at http://127.0.0.1:8009/patroni: refused)"
        ),
        "{}",
        report.tiers.patroni.reason
    );
}
