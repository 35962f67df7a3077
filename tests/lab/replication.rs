//! Synchronous, quorum and strict replication on one real cluster of the test's own, which
//! moves from mode to mode with `edit-config`: in each mode `list` matches patronictl 4.1.5 byte
//! for byte, and a switchover with no candidate lands on a synchronous (or quorum) standby, never
//! on an asynchronous replica (patroni#2074), with the plan naming every member passed over.
//! pg2 carries `nosync`, so that each mode has exactly one asynchronous replica to pass over.

use crate::common::*;
use hactl::lab::{ClusterSpec, Replication};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

const SCOPE: &str = "syncmodes";
const ASYNC: &str = "pg2";

/// (member, role) of every row of `list -f json`.
fn roles(config: &str) -> Vec<(String, String)> {
    let out = hactl(&["-c", config, "list", SCOPE, "-f", "json"], &[]);
    let rows = json_of(&out);
    rows.as_array()
        .unwrap_or_else(|| panic!("list -f json is not an array: {rows}"))
        .iter()
        .map(|r| (r["Member"].as_str().unwrap_or("").to_string(), r["Role"].as_str().unwrap_or("").to_string()))
        .collect()
}

/// Waits until the cluster shows a leader and a `standby_role` (not the async member), every
/// replica streaming, and still so after two of Patroni's loops: a mode change goes through
/// intermediate states. Returns the leader and the standby.
fn settled(config: &str, standby_role: &str) -> (String, String) {
    let mut found = (String::new(), String::new());
    let mut seen = Vec::new();
    wait_until(&format!("a stable Leader and {standby_role}"), Duration::from_secs(90), || {
        std::thread::sleep(Duration::from_secs(2));
        let rows = roles(config);
        let leader = rows.iter().find(|(_, role)| role == "Leader");
        let standby = rows.iter().find(|(_, role)| role == standby_role);
        let streaming = hactl(&["-c", config, "list", SCOPE, "-f", "json"], &[]);
        let all_streaming = json_of(&streaming)
            .as_array()
            .is_some_and(|rows| rows.iter().all(|r| r["Role"] == "Leader" || r["State"] == "streaming"));
        match (leader, standby) {
            (Some((l, _)), Some((s, _))) if all_streaming && s != ASYNC => {
                found = (l.clone(), s.clone());
                seen.push(found.clone());
            }
            _ => seen.clear(),
        }
        seen.len() >= 3 && seen[seen.len() - 3..].iter().all(|f| *f == found)
    });
    found
}

fn dry_run_plan(config: &str, extra: &[&str]) -> (Value, std::process::Output) {
    let mut args = vec!["-c", config, "switchover", SCOPE, "--force", "--dry-run", "-f", "json"];
    args.extend_from_slice(extra);
    let out = hactl(&args, &[]);
    (json_of(&out)["plan"].clone(), out)
}

/// A switchover with no candidate, in `kind` mode: the plan picks `standby` and passes over the
/// async member (and the leader is not a candidate); the real one lands there, verified.
fn switchover_lands_on_the_standby(config: &str, leader: &str, standby: &str, kind: &str) {
    let (plan, out) = dry_run_plan(config, &[]);
    assert!(out.status.success(), "dry run refused: {}", text(&out.stderr));
    assert_eq!(plan["candidate"], standby, "{plan:#}");
    assert_eq!(plan["candidate_chosen"], true);
    let passed_over = plan["passed_over"].as_array().expect("passed_over is a list");
    assert_eq!(passed_over.len(), 1, "{plan:#}");
    assert_eq!(passed_over[0]["member"], ASYNC);
    let reason = passed_over[0]["reason"].as_str().unwrap();
    // Synchronous mode refuses it outright; quorum mode only prefers the quorum standby.
    assert!(reason.contains(&format!("not a {kind} standby")), "{reason}");
    let chosen = plan["checks"].as_array().unwrap().iter().find(|c| c["name"] == "candidate").unwrap();
    assert!(
        chosen["detail"].as_str().unwrap().starts_with(&format!("{standby} chosen: eligible, a {kind} standby")),
        "{chosen}"
    );

    let out = hactl(&["-c", config, "switchover", SCOPE, "--force"], &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "switchover failed:\n{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!("passed over {ASYNC}: ")) && stderr.contains(&format!("not a {kind} standby")),
        "{stderr}"
    );
    assert!(stdout.contains(&format!("Switchover verified: leader {leader} -> {standby}")), "{stdout}");
}

#[test]
fn every_replication_mode_lists_like_patronictl_and_switches_over_to_a_synchronous_standby() {
    let nosync = BTreeMap::from([("nosync".to_string(), Value::Bool(true))]);
    let own = OwnCluster::start_with(ClusterSpec {
        ttl: 20,
        loop_wait: 2,
        replication: Replication::Sync,
        tags: BTreeMap::from([(ASYNC.to_string(), nosync)]),
        ..ClusterSpec::new(SCOPE)
    });
    let config = config_of(&own.state).to_str().unwrap().to_string();
    let config = config.as_str();

    // synchronous_mode: true
    let (mut leader, mut standby) = settled(config, "Sync Standby");
    if leader == ASYNC {
        // pg2 won the bootstrap race: hand the lead to the sync standby, so that pg2 is the one
        // asynchronous replica of every step below.
        let out = hactl(&["-c", config, "switchover", SCOPE, "--candidate", &standby, "--force"], &[]);
        assert!(out.status.success(), "switchover away from {ASYNC}: {}", text(&out.stderr));
        (leader, standby) = settled(config, "Sync Standby");
    }
    assert_ne!(leader, ASYNC);
    let table = assert_same_output(&["-c", config, "list", SCOPE], &[]);
    assert!(table.contains("| Sync Standby |") && table.contains("| Replica      |"), "{table}");
    assert_same_output(&["-c", config, "list", SCOPE, "-f", "json"], &[]);
    assert_same_output(&["-c", config, "topology", SCOPE], &[]);

    // Naming the async replica: refused before anything is sent, with Patroni's own words.
    let (plan, out) = dry_run_plan(config, &["--candidate", ASYNC]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let sync_check = plan["checks"].as_array().unwrap().iter().find(|c| c["name"] == "synchronous_mode").unwrap();
    assert_eq!(sync_check["verdict"], "failed", "{sync_check}");
    assert!(sync_check["reason"].as_str().unwrap().contains("candidate name does not match with sync_standby"));

    switchover_lands_on_the_standby(config, &leader, &standby, "synchronous");

    // synchronous_mode: quorum
    let out = hactl(&["-c", config, "edit-config", SCOPE, "-s", "synchronous_mode=quorum", "--force"], &[]);
    assert!(out.status.success(), "edit-config: {}", text(&out.stderr));
    let (leader, standby) = settled(config, "Quorum Standby");
    let table = assert_same_output(&["-c", config, "list", SCOPE], &[]);
    assert!(table.contains("| Quorum Standby |"), "{table}");
    assert_same_output(&["-c", config, "list", SCOPE, "-f", "json"], &[]);
    // In quorum mode Patroni's agent accepts a named member outside /sync, but its leader then
    // drops that candidate and the switchover fails: patronictl shows it, hactl refuses first.
    let (plan, out) = dry_run_plan(config, &["--candidate", ASYNC]);
    assert_eq!(out.status.code(), Some(3), "{plan:#}\n{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the leader drops any candidate outside /sync"), "{}", text(&out.stderr));
    let theirs = patronictl(&["-c", config, "switchover", SCOPE, "--candidate", ASYNC, "--force"], &[]);
    assert!(text(&theirs.stdout).contains("Switchover failed"), "{}{}", text(&theirs.stdout), text(&theirs.stderr));
    assert_eq!(settled(config, "Quorum Standby").0, leader, "the leader stays");
    switchover_lands_on_the_standby(config, &leader, &standby, "quorum");

    // synchronous_mode: true and synchronous_mode_strict: true
    let out = hactl(
        &[
            "-c",
            config,
            "edit-config",
            SCOPE,
            "-s",
            "synchronous_mode=true",
            "-s",
            "synchronous_mode_strict=true",
            "--force",
        ],
        &[],
    );
    assert!(out.status.success(), "edit-config: {}", text(&out.stderr));
    let (_, standby) = settled(config, "Sync Standby");
    let table = assert_same_output(&["-c", config, "list", SCOPE, "-e"], &[]);
    assert!(table.contains("| Sync Standby |"), "{table}");
    assert_same_output(&["-c", config, "list", SCOPE, "-f", "yaml"], &[]);
    let (plan, _) = dry_run_plan(config, &[]);
    assert_eq!(plan["candidate"], standby.as_str(), "{plan:#}");
}
