//! Issue 19: in a standby cluster fed from a WAL archive and a remote primary, a switchover right
//! after a replica has started streaming again, while its member key (rewritten once per loop)
//! still says `in archive recovery`: the candidate's agent decides, and the plan says so. A
//! truly lagging candidate and one whose PostgreSQL is down are still refused.

use crate::common::*;
use hactl::lab::{self, ClusterSpec, ClusterState, StandbySource};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Long enough that a member key is visibly older than its agent's word.
const LOOP_WAIT: u32 = 10;
const ATTEMPTS: usize = 5;

/// The member's key in etcd, as JSON (`Null` when absent).
fn member_key(scope: &str, name: &str) -> Value {
    lab_etcd(async |client| {
        let response = client.get(format!("/service/{scope}/members/{name}"), None).await.unwrap();
        response.kvs().first().and_then(|kv| serde_json::from_slice(kv.value()).ok()).unwrap_or(Value::Null)
    })
}

fn agent_of(cluster: &ClusterState, name: &str) -> Value {
    cluster.member(name).unwrap().rest_get("/patroni").unwrap_or(Value::Null)
}

fn streams(facts: &Value) -> bool {
    facts["state"] == "running" && facts["replication_state"] == "streaming"
}

/// (standby leader, replica) once the replica's key and agent both say it streams.
fn roles(cluster: &ClusterState) -> (String, String) {
    let mut found = None;
    wait_until("a standby leader and a streaming replica", Duration::from_secs(90), || {
        let Some(leader) = cluster.primary().map(|m| m.name.clone()) else { return false };
        let replica = cluster.members.iter().map(|m| m.name.clone()).find(|n| *n != leader).unwrap();
        let ready = streams(&member_key(&cluster.scope, &replica)) && streams(&agent_of(cluster, &replica));
        found = Some((leader, replica));
        ready
    });
    found.unwrap()
}

fn check<'a>(plan: &'a Value, name: &str) -> &'a Value {
    plan["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no {name}: {plan}"))
}

/// Takes the replica off streaming for longer than a loop, so that its member key records
/// `in archive recovery`: the walreceiver killed twice, the second time within
/// `wal_retrieve_retry_interval` of the first, so PostgreSQL waits that long before it streams
/// again (its restore_command finds nothing meanwhile). False when the key never showed it.
fn hold_off_streaming(cluster: &ClusterState, replica: &str) -> bool {
    psql(cluster, replica, &format!("alter system set wal_retrieve_retry_interval = '{}s'", 2 * LOOP_WAIT));
    psql(cluster, replica, "select pg_reload_conf()");
    let Some(first) = walreceiver_pid(cluster, replica) else { return false };
    lab::signal_pid(first, libc::SIGTERM).unwrap();
    let mut second = None;
    let deadline = Instant::now() + Duration::from_secs(5);
    while second.is_none() && Instant::now() < deadline {
        second = walreceiver_pid(cluster, replica).filter(|pid| *pid != first);
        std::thread::sleep(Duration::from_millis(50));
    }
    if let Some(pid) = second {
        lab::signal_pid(pid, libc::SIGTERM).unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(2 * u64::from(LOOP_WAIT));
    while Instant::now() < deadline {
        if member_key(&cluster.scope, replica)["replication_state"] == "in archive recovery" {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

fn reset_retry_interval(cluster: &ClusterState, member: &str) {
    psql(cluster, member, "alter system reset wal_retrieve_retry_interval");
    psql(cluster, member, "select pg_reload_conf()");
}

#[test]
fn a_standby_switchover_right_after_a_replica_streams_asks_its_agent() {
    let source =
        OwnCluster::start_with(ClusterSpec { members: 1, ttl: 20, loop_wait: 2, ..ClusterSpec::new("sb19-source") });
    let source_primary = source.state.primary().expect("the source cluster has a primary").name.clone();
    let standby_of = StandbySource {
        host: "127.0.0.1".into(),
        port: source.state.member(&source_primary).unwrap().pg_port,
        restore_command: Some("false".into()),
    };
    let standby = OwnCluster::start_with(ClusterSpec {
        members: 2,
        ttl: 30,
        loop_wait: LOOP_WAIT,
        standby_of: Some(standby_of),
        ..ClusterSpec::new("sb19")
    });
    let c = &standby.state;

    // 1. The window: the agent streams, the key still says in archive recovery. Retried when
    //    missed (the key caught up before hactl read it), failed when never seen.
    let mut seen = Vec::new();
    let mut caught = None;
    for attempt in 1..=ATTEMPTS {
        let (leader, replica) = roles(c);
        if !hold_off_streaming(c, &replica) {
            reset_retry_interval(c, &replica);
            seen.push(format!("attempt {attempt}: the key of {replica} never said in archive recovery"));
            continue;
        }
        let deadline = Instant::now() + Duration::from_secs(3 * u64::from(LOOP_WAIT));
        let mut out = None;
        while out.is_none() && Instant::now() < deadline {
            if streams(&agent_of(c, &replica)) && !streams(&member_key(&c.scope, &replica)) {
                out = Some(run(c, &["switchover", "sb19", "--force", "-f", "json"]));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        reset_retry_interval(c, &replica);
        let Some(out) = out else {
            seen.push(format!("attempt {attempt}: the key of {replica} caught up with its agent at once"));
            continue;
        };
        assert_eq!(
            out.status.code(),
            Some(0),
            "the switchover must proceed: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let result = json_of(&out);
        let running = check(&result["plan"], "candidate_running");
        assert_eq!(result["plan"]["candidate"], replica.as_str(), "{result}");
        assert_eq!(result["outcome"]["new_leader"], replica.as_str(), "verified: {result}");
        assert_eq!(result["outcome"]["old_leader"], leader.as_str(), "{result}");
        if running["source"] == "agent" {
            let detail = running["detail"].as_str().unwrap();
            assert_eq!(
                detail,
                format!("{replica} is streaming (its agent; its member key still says running/in archive recovery)")
            );
            caught = Some(attempt);
            break;
        }
        seen.push(format!("attempt {attempt}: switched over, but the key had caught up: {running}"));
    }
    assert!(caught.is_some(), "the window was never observed: {seen:#?}");
    eprintln!("window caught at attempt {caught:?}; before: {seen:?}");

    // 2. Truly lagging: its walreceiver frozen while the primary writes. Patroni measures what a
    //    candidate has received; so does hactl in a standby cluster, and both refuse.
    let (_, replica) = roles(c);
    let walreceiver = walreceiver_pid(c, &replica).expect("the replica streams");
    let frozen = Frozen::new(walreceiver);
    psql(
        &source.state,
        &source_primary,
        "create table lag_filler as select g, repeat('x', 100) as pad from generate_series(1, 100000) g",
    );
    wait_until("the standby leader to publish the lag", Duration::from_secs(3 * u64::from(LOOP_WAIT)), || {
        let plan = json_of(&run(c, &["switchover", "sb19", "--candidate", &replica, "--dry-run", "-f", "json"]));
        check(&plan["plan"], "candidate_lag")["verdict"] == "failed"
    });
    let plan = json_of(&run(c, &["switchover", "sb19", "--candidate", &replica, "--dry-run", "-f", "json"]));
    assert_eq!(check(&plan["plan"], "candidate_lag")["source"], "agent", "the agent confirms the lag: {plan}");
    let out = run(c, &["switchover", "sb19", "--force"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{}{stderr}", text(&out.stdout));
    assert!(stderr.contains("No candidates found") && stderr.contains("more than maximum_lag_on_failover"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    drop(frozen);

    // 3. Not running: its PostgreSQL stopped (a fast shutdown); the key is still a loop old.
    let (leader, replica) = roles(c);
    let postmaster = c.member(&replica).unwrap().postmaster_pid().expect("the replica's postmaster runs");
    lab::signal_pid(postmaster, libc::SIGINT).unwrap();
    wait_until("the replica's agent to see PostgreSQL down", Duration::from_secs(30), || {
        agent_of(c, &replica)["state"] != "running"
    });
    let out = run(c, &["switchover", "sb19", "--force"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{}{stderr}", text(&out.stdout));
    assert!(stderr.contains("No candidates found") && stderr.contains(&format!("{replica}: ")), "{stderr}");
    assert_eq!(c.primary().map(|m| m.name.clone()), Some(leader), "nothing changed");
    roles(c);
}
