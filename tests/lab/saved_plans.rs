//! Saved plans on a real cluster: `--dry-run -f json` saved, shown, applied to the unchanged
//! cluster (executed and verified), and a plan made before someone else's switchover refused
//! with the difference named. Restart plans likewise: made, shown, refused once the leader
//! moved, applied to an unchanged cluster.

use crate::common::*;

fn save_plan(cluster: &hactl::lab::ClusterState, leader: &str, candidate: &str, file: &std::path::Path) {
    let out = run(cluster, &["switchover", "--leader", leader, "--candidate", candidate, "--dry-run", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(file, &out.stdout).unwrap();
}

#[test]
fn a_saved_plan_executes_on_its_cluster_and_is_refused_once_the_cluster_moved() {
    let own = OwnCluster::start_fast("saved");
    let cluster = &own.state;
    let dir = tempfile::tempdir().unwrap();
    let (to_pg1, to_pg2) = (dir.path().join("to-pg1.json"), dir.path().join("to-pg2.json"));
    let leader = json_of(&run(cluster, &["list", "-f", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Role"] == "Leader")
        .map(|r| r["Member"].as_str().unwrap().to_string())
        .unwrap();
    let others: Vec<String> = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != leader).collect();
    save_plan(cluster, &leader, &others[0], &to_pg1);
    save_plan(cluster, &leader, &others[1], &to_pg2);
    let restart_leader = dir.path().join("restart-leader.json");
    let out = run(cluster, &["restart", "saved", &leader, "--dry-run", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let plan = json_of(&out);
    assert_eq!(plan["made_against"]["action"], "restart");
    assert_eq!(plan["made_against"]["restart"]["members"], serde_json::json!([leader]));
    assert!(
        plan["plan"]["checks"].as_array().unwrap().iter().any(|c| c["name"] == "agents" && c["verdict"] == "passed")
    );
    std::fs::write(&restart_leader, &out.stdout).unwrap();
    let out = hactl(&["plan", "show", restart_leader.to_str().unwrap()], &[]);
    assert!(
        text(&out.stdout).starts_with(&format!("Saved plan: restart of cluster saved: {leader} one at a time\n")),
        "{}",
        text(&out.stdout)
    );

    // What an approver reads.
    let out = hactl(&["plan", "show", to_pg1.to_str().unwrap()], &[]);
    let shown = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        shown.starts_with(&format!("Saved plan: switchover of cluster saved from {leader} to {}\n", others[0])),
        "{shown}"
    );
    assert!(shown.contains("Verdict when made: would proceed") && shown.contains("passed   candidate_lag"), "{shown}");

    // Applied to the cluster it was made for: executed and verified.
    let out = run(cluster, &["apply", to_pg1.to_str().unwrap(), "--max-age", "600", "--force", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
    let done = json_of(&out);
    assert_eq!(done["outcome"]["new_leader"], others[0].as_str());
    assert_eq!(done["outcome"]["old_leader"], leader.as_str());
    assert!(done["outcome"]["converged_after_s"].is_number());

    // The other plan was made before that switchover: refused, each difference named.
    let out = run(cluster, &["apply", to_pg2.to_str().unwrap(), "--force"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains(&format!("leader changed {leader} -> {} since the plan was made", others[0])), "{stderr}");
    assert!(stderr.contains("timeline changed") && stderr.contains("nothing was changed"), "{stderr}");
    let now = json_of(&run(cluster, &["list", "-f", "json"]));
    let leader_now = now.as_array().unwrap().iter().find(|r| r["Role"] == "Leader").unwrap()["Member"].clone();
    assert_eq!(leader_now, others[0].as_str(), "the refused plan changed nothing");

    // The restart plan named the old leader: refused, nothing restarted.
    let out = run(cluster, &["apply", restart_leader.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&format!("leader changed {leader} -> {}", others[0])), "{}", text(&out.stderr));

    // Too old, whatever the cluster: refused.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let out = run(cluster, &["apply", to_pg1.to_str().unwrap(), "--max-age", "1", "--force"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("older than --max-age 1 s"), "{}", text(&out.stderr));

    // `switchover --plan`: the same as apply, for the action and cluster the plan was made for.
    let back = dir.path().join("back.json");
    save_plan(cluster, &others[0], &leader, &back);
    let back = back.to_str().unwrap();
    let out = run(cluster, &["failover", "--plan", back, "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("is a switchover plan, not a failover plan"), "{}", text(&out.stderr));
    let out = run(cluster, &["switchover", "elsewhere", "--plan", back, "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("was made for cluster saved, not elsewhere"), "{}", text(&out.stderr));
    let out = run(cluster, &["switchover", "--plan", back, "--max-age", "600", "--force", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(json_of(&out)["outcome"]["new_leader"], leader.as_str());

    // A restart plan of a replica on the unchanged cluster: restarted and seen back; `--pending`
    // on a cluster with no pending restart plans nothing.
    let replica = &others[1];
    let restart_replica = dir.path().join("restart-replica.json");
    let out = run(cluster, &["restart", "saved", replica, "--dry-run", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(&restart_replica, &out.stdout).unwrap();
    let out = run(cluster, &["switchover", "--plan", restart_replica.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("is a restart plan, not a switchover plan"), "{}", text(&out.stderr));
    let out = run(cluster, &["restart", "saved", "--plan", restart_replica.to_str().unwrap(), "--force", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", text(&out.stdout), text(&out.stderr));
    let done = json_of(&out);
    let members = done["members"].as_array().unwrap();
    assert_eq!(members.len(), 1, "{done}");
    assert_eq!(members[0]["member"], replica.as_str());
    assert_eq!(members[0]["result"], "restarted");
    assert_ne!(members[0]["postmaster_start_time_before"], members[0]["postmaster_start_time_after"]);
    let out = run(cluster, &["restart", "saved", "--pending", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Verdict: nothing to restart"), "{}", text(&out.stdout));

    // A replica's agent frozen: the real restart refuses as its --dry-run does (exit 3), and
    // nothing is restarted, where it used to restart the members before the silent one.
    let started = |member: &str| psql(cluster, member, "select pg_postmaster_start_time()");
    let before: Vec<String> = [&leader, replica].iter().map(|m| started(m)).collect();
    let frozen = Frozen::new(cluster.member(&others[0]).and_then(|m| m.patroni).expect("its Patroni runs").pid);
    let out = run(cluster, &["restart", "saved", "--force"]);
    drop(frozen);
    assert_eq!(out.status.code(), Some(3), "{}\n{}", text(&out.stdout), text(&out.stderr));
    let refusal = format!("the agent of {} did not answer http://", others[0]);
    assert!(text(&out.stderr).contains(&refusal), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("agents"), "{}", text(&out.stderr));
    let after: Vec<String> = [&leader, replica].iter().map(|m| started(m)).collect();
    assert_eq!(before, after, "nothing was restarted");
}
