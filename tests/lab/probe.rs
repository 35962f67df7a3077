//! The write probe on the real stack: a switchover measured through the lab's HAProxy (its
//! write frontend routes by the agents' `GET /primary`), the probe's rows read back on the new
//! leader by psql, and a probe that cannot write refusing the action.

use crate::common::*;
use hactl::lab::{ClusterSpec, ClusterState, SUPERUSER};
use std::time::Duration;

/// The DSN of the cluster's HAProxy write frontend, with the lab superuser's password in it.
fn write_frontend(cluster: &ClusterState) -> String {
    let port = cluster.proxies.as_ref().expect("the cluster has its proxy tier").haproxy.write_port;
    format!("host=127.0.0.1 port={port} dbname=postgres user={} password={}", SUPERUSER.user, SUPERUSER.password)
}

/// The DSN of its read frontend (the replicas).
fn read_frontend(cluster: &ClusterState) -> String {
    let port = cluster.proxies.as_ref().expect("the cluster has its proxy tier").haproxy.read_port;
    format!("host=127.0.0.1 port={port} dbname=postgres user={} password={}", SUPERUSER.user, SUPERUSER.password)
}

fn leader_and_replica(cluster: &ClusterState) -> (String, String) {
    let listing = json_of(&run(cluster, &["list", "-f", "json"]));
    let rows = listing.as_array().expect("list -f json is an array");
    let role = |r: &serde_json::Value| r["Role"].as_str().unwrap_or_default().to_string();
    let name = |r: &serde_json::Value| r["Member"].as_str().unwrap().to_string();
    let leader = rows.iter().find(|r| role(r) == "Leader").map(name).expect("a leader");
    let replica = rows.iter().find(|r| role(r) != "Leader").map(name).expect("a replica");
    (leader, replica)
}

fn probe_tables(cluster: &ClusterState, member: &str) -> String {
    psql(cluster, member, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE tablename LIKE 'hactl_probe_%'")
}

#[test]
fn a_switchover_probed_through_haproxy_reports_the_window_and_keeps_every_write() {
    let own =
        OwnCluster::start_with(ClusterSpec { ttl: 20, loop_wait: 2, proxies: true, ..ClusterSpec::new("probed") });
    let cluster = &own.state;
    let dsn = write_frontend(cluster);
    let (leader, candidate) = leader_and_replica(cluster);
    let reads = read_frontend(cluster);
    let args = ["switchover", "--leader", &leader, "--candidate", &candidate, "--force", "--probe", &dsn];
    let out = run(cluster, &[&args[..], &["--probe-ro", &reads, "-f", "json"]].concat());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains(SUPERUSER.password) && !stderr.contains(SUPERUSER.password), "the password is shown");
    let report = &json_of(&out)["probe"];
    let port = cluster.proxies.as_ref().unwrap().haproxy.write_port;
    assert_eq!(report["path"], format!("127.0.0.1:{port}/postgres as {}", SUPERUSER.user));
    assert_eq!(report["path_follows_leader"], true, "{report:#}");
    assert_eq!(report["last_write_before"]["server"]["member"], leader.as_str(), "{report:#}");
    assert_eq!(report["first_write_after"]["server"]["member"], candidate.as_str(), "{report:#}");
    let new_port = cluster.member(&candidate).unwrap().pg_port;
    assert_eq!(report["first_write_after"]["server"]["port"], new_port);
    let window = report["unavailable_ms"].as_u64().expect("a window in ms");
    assert!((100..60_000).contains(&window), "window {window} ms");
    assert!(report["failed_attempts"].as_u64().unwrap() >= 1, "a switchover cuts writes: {report:#}");
    assert!(report["acknowledged_writes"].as_u64().unwrap() >= 3, "{report:#}");
    // Every acknowledged write was read back on the new leader, then the table was dropped.
    assert_eq!(report["rows_checked"], true, "{report:#}");
    assert_eq!(report["lost_writes"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["table_dropped"], true, "{report:#}");
    assert_eq!(probe_tables(cluster, &candidate).trim(), "", "no probe table is left on the new leader");
    // The reads through the replicas' frontend: answered again at the end, by replicas.
    let reads_report = &json_of(&out)["read_probe"];
    let read_port = cluster.proxies.as_ref().unwrap().haproxy.read_port;
    assert_eq!(reads_report["path"], format!("127.0.0.1:{read_port}/postgres as {}", SUPERUSER.user));
    assert_eq!(reads_report["answering"], true, "{reads_report:#}");
    assert!(reads_report["unavailable_ms"].as_u64().is_some(), "a read window in ms: {reads_report:#}");
    assert!(reads_report["attempts"].as_u64().unwrap() >= 3, "{reads_report:#}");
    let servers = reads_report["servers"].as_array().expect("the servers that answered reads");
    assert!(!servers.is_empty(), "{reads_report:#}");
    let named = |s: &serde_json::Value| s.as_str().is_some_and(|s| cluster.member(s).is_some());
    assert!(servers.iter().all(named), "each server that answered is matched to its member: {reads_report:#}");

    // Back again, in text: the window and the path in words.
    // The DSNs from the haproxy settings (HACTL_HAPROXY_WRITE_DSN, HACTL_HAPROXY_READ_DSN) this time.
    let haproxy = cluster.proxies.as_ref().unwrap().haproxy.settings();
    let env = [
        ("HACTL_HAPROXY_STATS_URL", haproxy.stats_url.clone().unwrap()),
        ("HACTL_HAPROXY_WRITE_DSN", haproxy.write_dsn.as_ref().unwrap().expose().to_string()),
        ("HACTL_HAPROXY_READ_DSN", haproxy.read_dsn.as_ref().unwrap().expose().to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let config = cfg(cluster);
    let args = ["-c", &config, "switchover", "--leader", &candidate, "--candidate", &leader, "--force"];
    let out = hactl(&[&args[..], &["--probe", "haproxy", "--probe-ro", "haproxy"]].concat(), &env);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    let line = stdout.lines().find(|l| l.starts_with("Write probe through")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains(&format!("127.0.0.1:{port}/postgres as postgres: writes unavailable for ")), "{line}");
    assert!(line.contains(&format!("first on {leader} (127.0.0.1:")), "{line}");
    assert!(line.ends_with("the path follows the new leader"), "{line}");
    let reads = stdout.lines().find(|l| l.starts_with("Read probe through")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(reads.starts_with(&format!("Read probe through 127.0.0.1:{read_port}/postgres as postgres: ")), "{reads}");
    assert!(reads.contains("reads unavailable for ") || reads.contains("no read failed"), "{reads}");
    assert!(stdout.contains("acknowledged writes are on the new leader"), "{stdout}");
    assert!(stdout.contains("Probe table hactl_probe_") && stdout.contains(" dropped"), "{stdout}");
    assert!(!stdout.contains(SUPERUSER.password));

    // A restart of the leader, measured the same way: the path comes back to the same leader.
    let out = run(cluster, &["restart", &cluster.scope, &leader, "--force", "--probe", &dsn, "-f", "json"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    let report = &json_of(&out)["probe"];
    assert_eq!(report["path_follows_leader"], true, "{report:#}");
    assert!(report["failed_attempts"].as_u64().unwrap() >= 1, "a restart cuts writes: {report:#}");
    let window = report["unavailable_ms"].as_u64().expect("a window in ms");
    assert!((100..60_000).contains(&window), "window {window} ms: {report:#}");
    assert_eq!(report["last_write_before"]["server"]["member"], leader.as_str(), "{report:#}");
    assert_eq!(report["first_write_after"]["server"]["member"], leader.as_str(), "{report:#}");
    assert_eq!(report["lost_writes"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["table_dropped"], true, "{report:#}");
    assert_eq!(probe_tables(cluster, &leader).trim(), "", "no probe table is left on the leader");
    assert!(!stdout.contains(SUPERUSER.password) && !stderr.contains(SUPERUSER.password));

    // A switchover cut short by its --timeout (exit 5): mid-change the path reaches no server,
    // so the table is dropped on whoever leads when the wait ends, never left behind.
    let args = ["switchover", "--leader", &leader, "--candidate", &candidate, "--force", "--probe", &dsn];
    let out = run(cluster, &[&args[..], &["--timeout", "1"]].concat());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{}{stderr}", text(&out.stdout));
    assert!(stderr.contains("probe table hactl_probe_") && stderr.contains(" dropped"), "{stderr}");
    assert!(!stderr.contains("left behind"), "{stderr}");
    let settled = || {
        let (now, _) = leader_and_replica(cluster);
        now == candidate && probe_tables(cluster, &now).trim().is_empty()
    };
    wait_until("the switchover done and no probe table on the leader", Duration::from_secs(60), settled);
}

#[test]
fn a_probe_that_cannot_write_refuses_the_action_and_a_bad_dsn_is_a_usage_error() {
    let cluster = shared_cluster(DEMO);
    let (leader, candidate) = leader_and_replica(cluster);
    let closed = crate::common::port(1); // nothing listens on port 1 (+ the offset)
    let dsn = format!("host=127.0.0.1 port={closed} dbname=postgres user=app password=hunter2");
    let out = run(cluster, &["switchover", "--leader", &leader, "--candidate", &candidate, "--force", "--probe", &dsn]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the write probe through 127.0.0.1:{closed}/postgres as app cannot write before the action"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert!(!stderr.contains("hunter2") && !text(&out.stdout).contains("hunter2"));
    assert_eq!(leader_and_replica(cluster).0, leader, "the leader did not move");

    // --dry-run checks the paths as the real run would, without writing: it refuses here too.
    let dry = ["switchover", "--candidate", &candidate, "--force", "--dry-run", "--probe", &dsn];
    let out = run(cluster, &[&dry[..], &["-f", "json"]].concat());
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let plan = json_of(&out);
    let check = plan["plan"]["checks"].as_array().unwrap().iter().find(|c| c["name"] == "write_probe").cloned();
    let check = check.unwrap_or_else(|| panic!("no write_probe check: {plan}"));
    assert_eq!(check["verdict"], "failed", "{check}");
    assert!(!text(&out.stdout).contains("hunter2") && !text(&out.stderr).contains("hunter2"));
    // A path to a replica reaches a read-only server; one to the leader would proceed.
    let at = |member: &str| {
        let port = cluster.member(member).unwrap().pg_port;
        format!("host=127.0.0.1 port={port} dbname=postgres user={} password={}", SUPERUSER.user, SUPERUSER.password)
    };
    let out =
        run(cluster, &["switchover", "--candidate", &candidate, "--force", "--dry-run", "--probe", &at(&candidate)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("the path reaches {candidate} (127.0.0.1:")) && stdout.contains("a read-only server"),
        "{stdout}"
    );
    let out = run(cluster, &["switchover", "--candidate", &candidate, "--force", "--dry-run", "--probe", &at(&leader)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("would reach {leader} (127.0.0.1:")) && stdout.contains("Verdict: would proceed"),
        "{stdout}"
    );
    assert!(!stdout.contains(SUPERUSER.password));
    assert_eq!(probe_tables(cluster, &leader).trim(), "", "a dry run creates no probe table");

    let out = run(cluster, &["switchover", "--force", "--probe", "host=127.0.0.1 password=hunter2 nonsense=1"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--probe: ") && !stderr.contains("hunter2"), "{stderr}");

    // The read probe is refused the same way, naming its own option.
    let args = ["switchover", "--leader", &leader, "--candidate", &candidate, "--force", "--probe-ro", &dsn];
    let out = run(cluster, &args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("the read probe through 127.0.0.1:") && stderr.contains("leave out --probe-ro"),
        "{stderr}"
    );
    assert_eq!(leader_and_replica(cluster).0, leader, "the leader did not move");
}
