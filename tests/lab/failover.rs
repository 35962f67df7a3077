//! The failover engine on real Patroni 4.1.5 clusters: refusals that change nothing, runbook
//! lines that exit 0 only once every member streams on the new timeline, scheduled switchovers,
//! failover after the leader dies, and a timeout that is honestly reported.

use crate::common::*;
use hactl::lab::ClusterState;
use serde_json::Value;
use std::time::{Duration, Instant};

/// `list -f json` rows.
fn members(cluster: &ClusterState) -> Vec<Value> {
    let out = run(cluster, &["list", &cluster.scope, "-f", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    json_of(&out).as_array().cloned().unwrap_or_default()
}

fn leader_of(cluster: &ClusterState) -> Option<String> {
    members(cluster).iter().find(|m| m["Role"] == "Leader").and_then(|m| m["Member"].as_str()).map(str::to_string)
}

/// One leader, and every other member streaming on the leader's timeline: returns the leader
/// and the timeline.
fn converged(cluster: &ClusterState) -> Option<(String, u64)> {
    let rows = members(cluster);
    let leader = rows.iter().find(|m| m["Role"] == "Leader")?;
    let timeline = leader["TL"].as_u64()?;
    let all_streaming = rows
        .iter()
        .filter(|m| m["Role"] != "Leader")
        .all(|m| m["State"] == "streaming" && m["TL"].as_u64() == Some(timeline));
    (all_streaming && rows.len() == cluster.members.len())
        .then(|| (leader["Member"].as_str().unwrap().to_string(), timeline))
}

fn wait_converged(cluster: &ClusterState, within: Duration) -> (String, u64) {
    let deadline = Instant::now() + within;
    loop {
        if let Some(state) = converged(cluster) {
            return state;
        }
        assert!(Instant::now() < deadline, "cluster {} did not converge: {:#?}", cluster.scope, members(cluster));
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The value and revision of one key, to prove a refusal changed nothing.
fn key(scope: &str, name: &str) -> Option<(String, i64)> {
    lab_etcd(async |client| {
        let response = client.get(format!("/service/{scope}/{name}"), None).await.unwrap();
        response.kvs().first().map(|kv| (kv.value_str().unwrap().to_string(), kv.mod_revision()))
    })
}

fn assert_refused(cluster: &ClusterState, args: &[&str], words: &str) {
    let leader_before = key(&cluster.scope, "leader");
    let failover_before = key(&cluster.scope, "failover");
    let out = run(cluster, args);
    assert_eq!(out.status.code(), Some(3), "{args:?} should be refused: {}{}", text(&out.stdout), text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(words), "{args:?}: expected {words:?} in {stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(key(&cluster.scope, "leader").map(|k| k.0), leader_before.map(|k| k.0), "leader changed after {args:?}");
    assert_eq!(key(&cluster.scope, "failover"), failover_before, "/failover written after {args:?}");
}

#[test]
fn refusals_exit_3_and_change_nothing() {
    let demo = shared_cluster(DEMO);
    let leader = leader_of(demo).expect("demo has a leader");
    let replica = demo.members.iter().map(|m| m.name.as_str()).find(|n| *n != leader).unwrap();
    assert_refused(
        demo,
        &["switchover", "demo", "--candidate", "nobody", "--force"],
        "Member nobody does not exist in cluster demo or is tagged as nofailover",
    );
    assert_refused(
        demo,
        &["switchover", "demo", "--candidate", &leader, "--force"],
        "is already the leader of cluster demo",
    );
    assert_refused(
        demo,
        &["switchover", "demo", "--leader", replica, "--force"],
        &format!("Member {replica} is not the leader of cluster demo"),
    );
    assert_refused(demo, &["failover", "demo", "--candidate", &leader, "--force"], "is already the leader");

    let legacy = shared_cluster(LEGACY);
    let pg2 = members(legacy).into_iter().find(|m| m["Member"] == "pg2").expect("legacy has pg2");
    assert_eq!(pg2["Tags"]["nofailover"], true, "the test lab tags legacy's pg2 nofailover: {pg2}");
    assert_refused(legacy, &["switchover", "legacy", "--candidate", "pg2", "--force"], "tagged as nofailover");
}

#[test]
fn without_a_terminal_or_force_it_refuses_to_prompt() {
    let demo = shared_cluster(DEMO);
    let started = Instant::now();
    let out = run(demo, &["switchover", "demo"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("pass --force"), "{}", text(&out.stderr));
    assert!(started.elapsed() < Duration::from_secs(10), "it must not wait for input");
}

#[test]
fn dry_run_json_lists_every_check() {
    let demo = shared_cluster(DEMO);
    let out = run(demo, &["switchover", "demo", "--dry-run", "-f", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan = &json_of(&out)["plan"];
    let names: Vec<&str> = plan["checks"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    for expected in [
        "etcd_quorum",
        "etcd_alarms",
        "leader_exists",
        "leader_matches",
        "pause",
        "candidate",
        "candidate_data",
        "candidate_nofailover",
        "candidate_running",
        "candidate_timeline",
        "candidate_lag",
        "candidate_agent",
        "synchronous_mode",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    for check in plan["checks"].as_array().unwrap() {
        assert!(
            ["passed", "skipped"].contains(&check["verdict"].as_str().unwrap()),
            "a healthy cluster passes: {check}"
        );
    }
    assert_eq!(plan["candidate_chosen"], true);
    assert_ne!(plan["candidate"], plan["leader"]);
    // A dry run changes nothing: the same leader afterwards, no /failover key.
    assert_eq!(leader_of(demo).as_deref(), plan["leader"].as_str());
}

#[test]
fn runbook_lines_switch_over_and_fail_over_and_verify() {
    let own = OwnCluster::start_fast("fo-runbook");
    let c = &own.state;
    let (first, tl) = wait_converged(c, Duration::from_secs(60));
    let others: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).filter(|n| *n != first).collect();

    // patronictl's runbook line, with the first word replaced.
    let out = run(c, &["switchover", "fo-runbook", "--leader", &first, "--candidate", others[0], "--force"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains(&format!("Successfully switched over to \"{}\"", others[0])), "{stdout}");
    assert!(
        stdout.contains(&format!("Switchover verified: leader {first} -> {}, timeline {tl} -> {}", others[0], tl + 1)),
        "{stdout}"
    );
    // Exit 0 means converged: checked right away, with no waiting.
    assert_eq!(converged(c), Some((others[0].to_string(), tl + 1)), "hactl exited before convergence");

    let out = run(c, &["failover", "fo-runbook", "--candidate", others[1], "--force"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(converged(c), Some((others[1].to_string(), tl + 2)), "hactl exited before convergence");

    // No candidate: hactl picks one and says so in the JSON result.
    let out = run(c, &["switchover", "fo-runbook", "--force", "-f", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let result = json_of(&out);
    assert_eq!(result["plan"]["candidate_chosen"], true);
    let chosen = result["plan"]["candidate"].as_str().unwrap().to_string();
    assert_ne!(chosen, others[1]);
    assert_eq!(result["outcome"]["new_leader"], chosen.as_str());
    assert_eq!(result["outcome"]["timeline_after"], tl + 3);
    assert!(
        result["outcome"]["converged_after_s"].as_f64().unwrap()
            >= result["outcome"]["leader_after_s"].as_f64().unwrap()
    );
    assert_eq!(converged(c), Some((chosen.clone(), tl + 3)));

    // A scheduled switchover is written as Patroni expects, and flush cancels it.
    let target = c.members.iter().map(|m| m.name.clone()).find(|n| *n != chosen).unwrap();
    let at = (chrono::Utc::now() + chrono::Duration::seconds(30)).format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let out = run(c, &["switchover", "fo-runbook", "--candidate", &target, "--scheduled", &at, "--force"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("Switchover scheduled"), "{}", text(&out.stdout));
    let failover: Value = serde_json::from_str(&key("fo-runbook", "failover").expect("a /failover key").0).unwrap();
    assert_eq!(failover["member"], target.as_str());
    assert_eq!(failover["leader"], chosen.as_str());
    assert!(failover["scheduled_at"].as_str().is_some());
    let listed = text(&run(c, &["list", "fo-runbook"]).stdout);
    assert!(listed.contains(" Switchover scheduled at: "), "{listed}");
    let out = run(c, &["flush", "fo-runbook", "switchover", "--force"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Success: "), "{}", text(&out.stdout));
    assert!(!text(&run(c, &["list", "fo-runbook"]).stdout).contains("Switchover scheduled"));
    let out = run(c, &["flush", "fo-runbook", "switchover", "--force"]);
    assert_eq!(text(&out.stdout), "No pending scheduled switchover\n");
    std::thread::sleep(Duration::from_secs(35));
    assert_eq!(leader_of(c), Some(chosen.clone()), "the flushed switchover must not happen");

    // A timeout too short for the cluster: exit 5, and it says the switchover may still complete.
    let out = run(c, &["switchover", "fo-runbook", "--candidate", &target, "--force", "--timeout", "0.5"]);
    assert_eq!(out.status.code(), Some(5), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stderr).contains("may still complete"), "{}", text(&out.stderr));
    assert_eq!(wait_converged(c, Duration::from_secs(60)).0, target, "the switchover completes after all");
}

#[test]
fn failover_after_the_leader_is_killed_uses_the_dcs_and_verifies() {
    let own = OwnCluster::start_fast("fo-kill");
    let c = &own.state;
    let kill = |name: &str| {
        let member = c.member(name).unwrap();
        let postmaster = member.postmaster_pid().expect("the leader's postmaster pid");
        hactl::lab::signal_pid(member.patroni.unwrap().pid, libc::SIGKILL).unwrap();
        hactl::lab::signal_pid(postmaster, libc::SIGKILL).unwrap();
    };
    let (leader, tl) = wait_converged(c, Duration::from_secs(60));
    kill(&leader);
    let mut others = c.members.iter().map(|m| m.name.as_str()).filter(|n| *n != leader);
    let (candidate, last) = (others.next().unwrap(), others.next().unwrap());

    // The leader key still names the dead leader, whose agent does not answer: the DCS.
    let out = run(c, &["failover", "fo-kill", "--candidate", candidate, "--force"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("Could not failover using Patroni api, falling back to DCS"), "{stdout}");
    assert!(
        stdout.contains(&format!("Failover verified: leader {leader} -> {candidate}, timeline {tl} -> {}", tl + 1)),
        "{stdout}"
    );
    // The dead leader's lease expired: how a failover goes, said in one line.
    assert!(stdout.contains(&format!("Lease expiry: {leader}'s leader lease expired after")), "{stdout}");
    let rows = members(c);
    assert!(rows.iter().all(|m| m["Member"] != leader.as_str()), "the dead leader's key expired: {rows:?}");
    assert!(rows.iter().any(|m| m["Member"] == candidate && m["Role"] == "Leader"), "{rows:?}");

    // Paused, then the new leader killed too: no replica takes over by itself, so the gap
    // without a leader lasts until the next failover, as when a DBA is paged. Once the leader
    // key expired, `list` shows no Leader row, as patronictl does, and says so on stderr.
    let out = run(c, &["pause", "fo-kill", "--wait"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    kill(candidate);
    wait_until("the dead leader's key to expire", Duration::from_secs(60), || leader_of(c).is_none());
    let config = cfg(c);
    let table = assert_same_output(&["-c", &config, "list", "fo-kill"], &[]);
    assert!(!table.contains("| Leader") && table.contains(" Maintenance mode: on"), "{table}");
    let gap = run(c, &["list", "fo-kill"]);
    assert!(text(&gap.stderr).contains("cluster fo-kill has no leader"), "{}", text(&gap.stderr));

    // Without a leader the candidate's own agent runs the failover.
    let out = run(c, &["failover", "fo-kill", "--candidate", last, "--force"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let verified = format!("Failover verified: leader (none) -> {last}, timeline {} -> {}", tl + 1, tl + 2);
    assert!(stdout.contains(&verified), "{stdout}");
}

#[test]
fn lagging_candidate_and_schedule_while_paused_are_refused() {
    let own = OwnCluster::start_fast("fo-lag");
    let c = &own.state;
    let (leader, _) = wait_converged(c, Duration::from_secs(60));
    let replica = c.members.iter().map(|m| m.name.as_str()).find(|n| *n != leader).unwrap();

    // Its walreceiver frozen: neither received nor replayed moves. (A paused replay would not
    // hold: Patroni resumes it on every loop of a replica on PostgreSQL 14+.)
    let frozen = Frozen::new(walreceiver_pid(c, replica).expect("the replica streams"));
    psql(c, &leader, "create table lag_filler as select g, repeat('x', 100) as pad from generate_series(1, 100000) g");
    // The leader publishes its position every loop_wait; wait until the replica shows the lag.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let plan = json_of(&run(c, &["switchover", "fo-lag", "--candidate", replica, "--dry-run", "-f", "json"]));
        let lag =
            plan["plan"]["checks"].as_array().unwrap().iter().find(|c| c["name"] == "candidate_lag").cloned().unwrap();
        if lag["verdict"] == "failed" {
            break;
        }
        assert!(Instant::now() < deadline, "the lag never showed: {lag}");
        std::thread::sleep(Duration::from_secs(1));
    }
    assert_refused(
        c,
        &["switchover", "fo-lag", "--candidate", replica, "--force"],
        "more than maximum_lag_on_failover",
    );
    drop(frozen);

    // Paused with the reference patronictl, then a scheduled switchover is refused.
    let config = cfg(c);
    let pause = patronictl(&["-c", &config, "pause", "fo-lag", "--wait"], &[]);
    assert!(pause.status.success(), "{}", text(&pause.stderr));
    let at = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    assert_refused(
        c,
        &["switchover", "fo-lag", "--candidate", replica, "--scheduled", &at, "--force"],
        "Can't schedule switchover in the paused state",
    );
    // A scheduled restart too: refused before any agent is asked (exit 3), as the README says.
    let restart = run(c, &["restart", "fo-lag", replica, "--scheduled", &at, "--force"]);
    assert_eq!(restart.status.code(), Some(3), "{}{}", text(&restart.stdout), text(&restart.stderr));
    assert!(text(&restart.stderr).contains("Can't schedule restart in the paused state"), "{}", text(&restart.stderr));
    let resume = patronictl(&["-c", &config, "resume", "fo-lag", "--wait"], &[]);
    assert!(resume.status.success(), "{}", text(&resume.stderr));
}
