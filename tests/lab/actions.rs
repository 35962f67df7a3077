//! pause/resume, restart, reload, reinit and version on real Patroni 4.1.5 clusters: the effect
//! of each (maintenance mode, new postmasters, streaming replicas), patronictl's lines, and
//! the refusals that exit 2 before anything is touched.

use crate::common::*;
use hactl::lab::ClusterState;
use serde_json::Value;
use std::process::Output;
use std::time::{Duration, Instant};

fn cfg(cluster: &ClusterState) -> String {
    config_of(cluster).to_str().unwrap().to_string()
}

/// `hactl -c <cluster's config> args...`, timed.
fn run(cluster: &ClusterState, args: &[&str]) -> (Output, Duration) {
    let config = cfg(cluster);
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    let started = Instant::now();
    let out = hactl(&full, &[]);
    (out, started.elapsed())
}

/// The reference patronictl with the cluster's config.
fn ctl(cluster: &ClusterState, args: &[&str]) -> Output {
    let config = cfg(cluster);
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    patronictl(&full, &[])
}

fn ok(out: &Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: exit {:?}\n{}{}", out.status.code(), text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

/// hactl's own additions to patronictl's output, on lines of their own.
const HACTL_LINES: &[&str] =
    &["Restart verified: ", "Reinitialize verified: ", "Pause verified: ", "Resume verified: "];

/// The lines patronictl prints besides the cluster table, in order; for hactl, without the
/// lines hactl adds.
fn message_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| !l.starts_with('+') && !l.starts_with('|'))
        .filter(|l| !HACTL_LINES.iter().any(|p| l.starts_with(p)))
        .map(str::to_string)
        .collect()
}

/// `GET /patroni` of one member, straight from its REST API.
fn status(cluster: &ClusterState, member: &str) -> Value {
    cluster.member(member).unwrap().rest_get("/patroni").unwrap_or_else(|e| panic!("GET /patroni on {member}: {e}"))
}

fn postmaster(cluster: &ClusterState, member: &str) -> String {
    status(cluster, member)["postmaster_start_time"].as_str().expect("postmaster_start_time").to_string()
}

/// `list -f json` rows.
fn rows(cluster: &ClusterState) -> Vec<Value> {
    let (out, _) = run(cluster, &["list", &cluster.scope, "-f", "json"]);
    json_of(&out).as_array().cloned().unwrap_or_default()
}

/// The leader and the replicas, once every replica streams.
fn streaming(cluster: &ClusterState) -> (String, Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let rows = rows(cluster);
        let leader = rows.iter().find(|m| m["Role"] == "Leader").and_then(|m| m["Member"].as_str());
        let replicas: Vec<String> = rows
            .iter()
            .filter(|m| m["State"] == "streaming")
            .filter_map(|m| m["Member"].as_str())
            .map(Into::into)
            .collect();
        if let Some(leader) = leader
            && replicas.len() + 1 == cluster.members.len()
        {
            return (leader.to_string(), replicas);
        }
        assert!(Instant::now() < deadline, "{} never streamed: {rows:#?}", cluster.scope);
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The `pause` field of every member key, read from etcd.
fn member_pause_flags(scope: &str) -> Vec<(String, Option<bool>)> {
    lab_etcd(async |client| {
        let prefix = format!("/service/{scope}/members/");
        let response = client.get(prefix.clone(), Some(etcd_client::GetOptions::new().with_prefix())).await.unwrap();
        response
            .kvs()
            .iter()
            .map(|kv| {
                let value: Value = serde_json::from_slice(kv.value()).unwrap();
                (kv.key_str().unwrap().trim_start_matches(&prefix).to_string(), value["pause"].as_bool())
            })
            .collect()
    })
}

/// `assert_same_output` for one cluster's commands: hactl and patronictl with the same
/// arguments, retried while that cluster's keys changed between the two; returns hactl's stdout.
fn assert_same_cluster_output(cluster: &ClusterState, args: &[&str]) -> String {
    for _ in 0..30 {
        let before = scope_revisions(&lab().etcd_endpoints(), &cluster.scope);
        let ours = run(cluster, args).0;
        let theirs = ctl(cluster, args);
        if scope_revisions(&lab().etcd_endpoints(), &cluster.scope) != before {
            continue;
        }
        let ours = ok(&ours, "hactl");
        assert_eq!(ours, ok(&theirs, "patronictl"), "hactl {args:?} differs from patronictl");
        return ours;
    }
    panic!("cluster {} kept changing during 30 attempts to compare {args:?}", cluster.scope);
}

#[test]
fn version_matches_patronictl() {
    let demo = shared_cluster(DEMO);
    let (out, took) = run(demo, &["version", "demo"]);
    let ours = ok(&out, "hactl version demo");
    let theirs = ok(&ctl(demo, &["version", "demo"]), "patronictl version demo");
    eprintln!("version demo: {took:?}");
    let (our_first, our_rest) = ours.split_once('\n').unwrap();
    let (their_first, their_rest) = theirs.split_once('\n').unwrap();
    assert_eq!(our_first, format!("hactl version {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(their_first, "patronictl version 4.1.5");
    assert_eq!(our_rest, their_rest, "the members' lines are patronictl's");
    assert!(our_rest.contains("pg0: Patroni 4.1.5 PostgreSQL 15."), "{ours}");

    let ours = ok(&run(demo, &["version", "demo", "pg1"]).0, "hactl version demo pg1");
    let theirs = ok(&ctl(demo, &["version", "demo", "pg1"]), "patronictl version demo pg1");
    assert_eq!(ours.split_once('\n').unwrap().1, theirs.split_once('\n').unwrap().1);
    assert_eq!(
        ok(&run(demo, &["version"]).0, "hactl version"),
        format!("hactl version {}\n", env!("CARGO_PKG_VERSION"))
    );

    // Patroni 3.3 agents answer the same way.
    let legacy = shared_cluster(LEGACY);
    let ours = ok(&run(legacy, &["version", "legacy"]).0, "hactl version legacy");
    let theirs = ok(&ctl(legacy, &["version", "legacy"]), "patronictl version legacy");
    assert_eq!(ours.split_once('\n').unwrap().1, theirs.split_once('\n').unwrap().1);
    assert!(ours.contains("pg0: Patroni 3.3.11 PostgreSQL 15."), "{ours}");

    let json = json_of(&run(demo, &["version", "demo", "-f", "json"]).0);
    assert_eq!(json["members"].as_array().unwrap().len(), 3, "{json}");
    assert_eq!(json["members"][0]["patroni"], "4.1.5");
    assert!(json["members"][0]["server_version"].as_u64().unwrap() >= 150000);

    // patronictl ignores a name that is not a member; hactl refuses it.
    let (out, _) = run(demo, &["version", "demo", "pg9"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("pg9 is not a member of cluster"), "{}", text(&out.stderr));
}

#[test]
fn without_a_terminal_or_force_and_with_unknown_members_nothing_is_touched() {
    let demo = shared_cluster(DEMO);
    let before: Vec<String> = demo.members.iter().map(|m| postmaster(demo, &m.name)).collect();
    let no_force: [&[&str]; 5] = [
        &["restart", "demo"],
        &["reload", "demo"],
        &["reinit", "demo", "pg1"],
        &["restart", "demo", "pg1"],
        &["flush", "demo", "pg1", "restart"],
    ];
    for args in no_force {
        let (out, took) = run(demo, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("pass --force"), "{args:?}: {}", text(&out.stderr));
        assert!(took < Duration::from_secs(2), "{args:?} must not wait for input: {took:?}");
        assert!(out.stdout.is_empty(), "{args:?} exits before reading the cluster");
    }

    // Unknown members: patronictl's message (it exits 1), after the same table; hactl exits 2.
    let leader = rows(demo).iter().find(|m| m["Role"] == "Leader").unwrap()["Member"].as_str().unwrap().to_string();
    for (args, message) in [
        (vec!["restart", "demo", "pg9", "--force"], "No 'any' among provided members"),
        (vec!["reload", "demo", "pg9", "--force"], "No 'any' among provided members"),
        (vec!["restart", "demo", "pg9", "--role", "replica", "--force"], "No 'replica' among provided members"),
        (vec!["reinit", "demo", "pg9", "--force"], "No replica among provided members"),
        (vec!["reinit", "demo", leader.as_str(), "--force"], "No replica among provided members"),
        (vec!["flush", "demo", "pg9", "restart", "--force"], "No 'any' among provided members"),
    ] {
        let (ours, _) = run(demo, &args);
        let theirs = ctl(demo, &args);
        assert_eq!(ours.status.code(), Some(2), "{args:?}: {}", text(&ours.stderr));
        assert_eq!(theirs.status.code(), Some(1), "{args:?}: {}", text(&theirs.stderr));
        assert_eq!(text(&ours.stderr), format!("Error: {message}\n"), "{args:?}");
        assert_eq!(text(&theirs.stderr), format!("Error: {message}\n"), "{args:?}: patronictl's words");
        assert!(text(&ours.stdout).starts_with("+ Cluster: demo ("), "{args:?}: the table first, as patronictl");
        assert!(text(&theirs.stdout).starts_with("+ Cluster: demo ("), "{args:?}: patronictl's table");
    }
    // Where patronictl would drop the unknown name and restart pg1, hactl refuses.
    let (out, _) = run(demo, &["restart", "demo", "pg1", "pg9", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "Error: pg9 is not a member of cluster\n");
    let (out, _) = run(demo, &["restart", "demo", "--pg-version", "9.6", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6"));
    let (out, _) = run(demo, &["reinit", "demo", "--force"]);
    assert_eq!(out.status.code(), Some(2), "patronictl does nothing here; hactl asks for names");

    let after: Vec<String> = demo.members.iter().map(|m| postmaster(demo, &m.name)).collect();
    assert_eq!(before, after, "no member was restarted");
}

#[test]
fn pause_wait_shows_maintenance_mode_and_resume_clears_it() {
    let own = OwnCluster::start_fast("act-pause");
    let c = &own.state;
    let scope = c.scope.as_str();
    streaming(c);

    let (out, took) = run(c, &["pause", scope, "--wait"]);
    let stdout = ok(&out, "hactl pause --wait");
    eprintln!("pause --wait: {took:?}");
    assert_eq!(
        message_lines(&stdout),
        ["'pause' request sent, waiting until it is recognized by all nodes", "Success: cluster management is paused"]
    );
    assert!(stdout.contains("Pause verified: pg0, pg1, pg2 report it after "), "{stdout}");
    // Exit 0 means every member already reports it: checked at once.
    let flags = member_pause_flags(scope);
    assert_eq!(flags.len(), 3, "every member's key is read: {flags:?}");
    assert!(flags.iter().all(|(_, p)| *p == Some(true)), "{flags:?}");
    let listed = assert_same_cluster_output(c, &["list", scope]);
    assert!(listed.ends_with(" Maintenance mode: on\n"), "{listed}");
    assert_same_cluster_output(c, &["list", scope, "-f", "json"]);

    // Already paused: patronictl's words, exit 3 (refused, nothing changed) where it exits 1.
    let (out, _) = run(c, &["pause", scope]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(text(&out.stderr), "Error: Cluster is already paused\n");
    assert_eq!(text(&ctl(c, &["pause", scope]).stderr), "Error: Cluster is already paused\n");

    let (out, took) = run(c, &["resume", scope, "--wait"]);
    let stdout = ok(&out, "hactl resume --wait");
    eprintln!("resume --wait: {took:?}");
    assert_eq!(
        message_lines(&stdout),
        [
            "'resume' request sent, waiting until it is recognized by all nodes",
            "Success: cluster management is resumed"
        ]
    );
    let flags = member_pause_flags(scope);
    assert_eq!(flags.len(), 3, "every member's key is read: {flags:?}");
    assert!(flags.iter().all(|(_, p)| p.is_none()), "{flags:?}");
    let listed = assert_same_cluster_output(c, &["list", scope]);
    assert!(!listed.contains("Maintenance mode"), "{listed}");

    // The same lines as patronictl, each way.
    let theirs_pause = ok(&ctl(c, &["pause", scope, "--wait"]), "patronictl pause --wait");
    let ours_resume = ok(&run(c, &["resume", scope]).0, "hactl resume");
    let ours_pause = ok(&run(c, &["pause", scope, "--wait"]).0, "hactl pause --wait");
    let theirs_resume = ok(&ctl(c, &["resume", scope]), "patronictl resume");
    assert_eq!(message_lines(&ours_pause), message_lines(&theirs_pause));
    assert_eq!(ours_resume, theirs_resume);
    assert_eq!(ours_resume, "Success: cluster management is resumed\n");
    let json = json_of(&run(c, &["pause", scope, "--wait", "-f", "json"]).0);
    assert_eq!(
        (&json["paused"], &json["via"], &json["wait"]["result"]),
        (&Value::Bool(true), &"agent".into(), &"applied".into())
    );
    assert_eq!(json["wait"]["members"].as_array().unwrap().len(), 3, "{json}");
    ok(&run(c, &["resume", scope, "--wait"]).0, "hactl resume --wait");

    // No agent answers (every Patroni killed; PostgreSQL and the member keys stay for a while):
    // patronictl gives up, hactl writes /config with a compare-and-swap.
    for member in &c.members {
        hactl::lab::signal_pid(member.patroni.unwrap().pid, libc::SIGKILL).unwrap();
    }
    let theirs = ctl(c, &["pause", scope]);
    assert_eq!(text(&theirs.stderr).lines().last(), Some("Error: Can not find accessible cluster member"));
    let (out, took) = run(c, &["pause", scope]);
    let stdout = ok(&out, "hactl pause without agents");
    eprintln!("pause through etcd: {took:?}");
    assert_eq!(
        stdout,
        format!(
            "No agent of cluster {scope} answered: the pause was written to the /config key in etcd\nSuccess: cluster management is paused\n"
        )
    );
    assert_eq!(text(&out.stderr).matches("Warning: the agent of pg").count(), 3, "{}", text(&out.stderr));
    let listed = assert_same_cluster_output(c, &["list", scope]);
    assert!(listed.ends_with(" Maintenance mode: on\n"), "{listed}");
    let (out, _) = run(c, &["resume", scope]);
    assert!(ok(&out, "hactl resume without agents").ends_with("Success: cluster management is resumed\n"));
    assert!(!assert_same_cluster_output(c, &["list", scope]).contains("Maintenance mode"));
}

#[test]
fn reinit_wait_ends_streaming_on_a_new_postmaster() {
    let own = OwnCluster::start_fast("act-reinit");
    let c = &own.state;
    let scope = c.scope.as_str();
    let (_, replicas) = streaming(c);
    let target = replicas[0].as_str();
    let before = postmaster(c, target);

    let (out, took) = run(c, &["reinit", scope, target, "--force", "--wait"]);
    let stdout = ok(&out, "hactl reinit --wait");
    eprintln!("reinit --wait: {took:?}");
    assert_eq!(
        message_lines(&stdout),
        [
            format!("Success: reinitialize for member {target}"),
            format!("Waiting for reinitialize to complete on: {target}"),
            format!("Reinitialize is completed on: {target}"),
        ]
    );
    assert!(stdout.contains(&format!("Reinitialize verified: {target} streaming after ")), "{stdout}");
    // Exit 0 means done: checked at once, with no waiting.
    let now = status(c, target);
    assert_eq!(now["state"], "running", "{now}");
    assert_eq!(now["replication_state"], "streaming", "{now}");
    assert_ne!(now["postmaster_start_time"].as_str().unwrap(), before, "a new postmaster");
    let row = rows(c).into_iter().find(|m| m["Member"] == target).unwrap();
    assert_eq!(row["State"], "streaming", "{row}");

    // patronictl prints the same lines for the same request.
    let theirs = ok(&ctl(c, &["reinit", scope, target, "--force", "--wait"]), "patronictl reinit --wait");
    assert_eq!(message_lines(&theirs), message_lines(&stdout));
    streaming(c);

    let other = replicas[1].as_str();
    let before = postmaster(c, other);
    let (out, took) = run(c, &["reinit", scope, other, "--from-leader", "--force", "--wait", "-f", "json"]);
    eprintln!("reinit --from-leader --wait -f json: {took:?}");
    let json = json_of(&out);
    assert!(out.status.success(), "{json}");
    let member = &json["members"][0];
    assert_eq!(member["member"], other);
    assert_eq!(member["message"], "reinitialize started");
    assert_eq!(member["postmaster_start_time_before"], before.as_str());
    assert_ne!(member["postmaster_start_time_after"], before.as_str());
    assert!(member["verified_after_s"].as_f64().unwrap() > 0.0, "{json}");
}

#[test]
fn restart_pending_restarts_only_members_with_pending_restart() {
    let own = OwnCluster::start_fast("act-restart");
    let c = &own.state;
    let scope = c.scope.as_str();
    let (leader, replicas) = streaming(c);
    let (first, second) = (replicas[0].as_str(), replicas[1].as_str());

    // A plain restart of one member, as patronictl would, then verified.
    let before = postmaster(c, first);
    let (out, took) = run(c, &["restart", scope, first, "--force"]);
    let stdout = ok(&out, "hactl restart");
    eprintln!("restart of one replica: {took:?}");
    assert_eq!(message_lines(&stdout), [format!("Success: restart on member {first}")]);
    assert!(stdout.contains(&format!("Restart verified: {first} streaming again after ")), "{stdout}");
    let now = status(c, first);
    assert_ne!(now["postmaster_start_time"].as_str().unwrap(), before);
    assert_eq!(now["replication_state"], "streaming", "{now}");
    let theirs = ok(&ctl(c, &["restart", scope, first, "--force"]), "patronictl restart");
    assert_eq!(message_lines(&theirs), message_lines(&stdout));
    streaming(c);

    // A restart-requiring parameter makes every member pending; restarting one clears it there.
    let config = ok(&ctl(c, &["show-config", scope]), "patronictl show-config");
    let current = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("max_connections: "))
        .and_then(|v| v.trim().trim_matches('\'').parse::<u32>().ok())
        .unwrap_or(100);
    let wanted = (current + 17).to_string();
    ok(
        &ctl(c, &["edit-config", scope, "-p", &format!("max_connections={wanted}"), "--force"]),
        "patronictl edit-config",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while rows(c).iter().filter(|m| m["Pending restart"] == "*").count() != 3 {
        assert!(Instant::now() < deadline, "no pending restart: {:#?}", rows(c));
        std::thread::sleep(Duration::from_millis(500));
    }
    ok(&run(c, &["restart", scope, first, "--force"]).0, "hactl restart of one pending member");
    let pending: Vec<String> = rows(c)
        .iter()
        .filter(|m| m["Pending restart"] == "*")
        .filter_map(|m| m["Member"].as_str())
        .map(Into::into)
        .collect();
    assert_eq!(pending.len(), 2, "exit 0 means the restarted member no longer shows pending: {pending:?}");
    assert!(!pending.contains(&first.to_string()));

    let before: Vec<(String, String)> = c.members.iter().map(|m| (m.name.clone(), postmaster(c, &m.name))).collect();
    let (out, took) = run(c, &["restart", scope, "--pending", "--force"]);
    let stdout = ok(&out, "hactl restart --pending");
    eprintln!("restart --pending of 2 members: {took:?}");
    // Replicas first, the leader last: each seen back before the next.
    assert_eq!(
        message_lines(&stdout),
        [format!("Success: restart on member {second}"), format!("Success: restart on member {leader}")]
    );
    assert!(stdout.contains(&format!("Restart verified: {second} streaming again")), "{stdout}");
    assert!(stdout.contains(&format!("Restart verified: {leader} running again")), "{stdout}");
    let mut all_replicas = replicas.clone();
    all_replicas.sort();
    assert!(stdout.contains(&format!("; {} streaming again after ", all_replicas.join(", "))), "{stdout}");
    for (name, was) in &before {
        let now = postmaster(c, name);
        if name == first {
            assert_eq!(&now, was, "{name} had no pending restart and was not restarted");
        } else {
            assert_ne!(&now, was, "{name} had a pending restart and was restarted");
        }
    }
    let listed = rows(c);
    assert_eq!(listed.len(), 3, "every member is listed: {listed:#?}");
    assert!(listed.iter().all(|m| m.get("Pending restart").is_none()), "{listed:#?}");

    // Nothing pending any more: nothing to do, exit 0.
    let (out, _) = run(c, &["restart", scope, "--pending", "--force"]);
    assert!(ok(&out, "hactl restart --pending").contains("nothing to restart"));

    // Scheduled: registered with the agent, patronictl's line; flush removes it.
    let at = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let ours = ok(&run(c, &["restart", scope, second, "--scheduled", &at, "--force"]).0, "hactl restart --scheduled");
    assert_eq!(message_lines(&ours), [format!("Success: restart scheduled on member {second}")]);
    let theirs = ok(&ctl(c, &["restart", scope, second, "--scheduled", &at, "--force"]), "patronictl");
    assert_eq!(message_lines(&theirs), message_lines(&ours));
    let row = rows(c).into_iter().find(|m| m["Member"] == second).unwrap();
    assert!(row["Scheduled restart"].as_str().is_some(), "{row}");
    ok(&run(c, &["flush", scope, "restart", "--force"]).0, "hactl flush restart");

    // reload: patronictl's output, byte for byte.
    let reloaded = assert_same_cluster_output(c, &["reload", scope, "--force"]);
    assert!(reloaded.contains("Reload request received for member pg0 and will be processed within 2 seconds"));
    let json = json_of(&run(c, &["restart", scope, first, "--force", "-f", "json"]).0);
    assert_eq!(json["members"][0]["result"], "restarted", "{json}");
    assert_eq!(json["members"][0]["state_after"], "streaming", "{json}");
}

/// A private tmux server running one command in a pseudo-terminal, killed when dropped.
struct Terminal {
    socket: String,
}

impl Terminal {
    fn start(name: &str, command: &str) -> Terminal {
        let socket = format!("hactl-actions-{name}-{}", std::process::id());
        let status = std::process::Command::new("tmux")
            .args(["-L", &socket, "new-session", "-d", "-s", "t", "-x", "220", "-y", "50", command])
            .status()
            .expect("tmux runs (Debian package tmux)");
        assert!(status.success());
        Terminal { socket }
    }

    fn screen(&self) -> String {
        let out = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        text(&out.stdout)
    }

    /// Waits until the screen shows `needle`; returns every screen seen meanwhile, last last.
    fn wait_for(&self, needle: &str, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        let mut screens = Vec::new();
        loop {
            let screen = self.screen();
            let done = screen.contains(needle);
            screens.push(screen);
            if done {
                return screens;
            }
            assert!(Instant::now() < deadline, "waited for {needle:?}; the screen shows:\n{}", screens.last().unwrap());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["-L", &self.socket, "send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(std::process::Command::new("tmux").args(&args).status().unwrap().success());
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

fn on_terminal(cluster: &ClusterState, args: &str) -> String {
    format!(
        "env -i HOME=/tmp PATH=/usr/bin:/bin TERM=xterm {} -c {} {args}; echo EXIT=$?; sleep 120",
        env!("CARGO_BIN_EXE_hactl"),
        cfg(cluster)
    )
}

#[test]
fn on_a_terminal_restart_asks_and_reinit_waits_with_a_spinner() {
    // Declining a restart of the shared cluster changes nothing.
    let demo = shared_cluster(DEMO);
    let before: Vec<String> = demo.members.iter().map(|m| postmaster(demo, &m.name)).collect();
    let term = Terminal::start("restart", &on_terminal(demo, "restart demo"));
    let screen = term.wait_for("When should the restart take place (e.g. ", Duration::from_secs(20));
    assert!(screen.last().unwrap().contains("+ Cluster: demo ("), "the table first");
    term.send(&["Enter"]);
    let screen = term.wait_for("Are you sure you want to restart members pg", Duration::from_secs(20));
    assert!(screen.last().unwrap().contains("[y/N]"), "{}", screen.last().unwrap());
    term.send(&["n"]);
    let screen = term.wait_for("EXIT=", Duration::from_secs(20));
    let last = screen.last().unwrap();
    assert!(last.contains("Error: Aborted restart") && last.contains("EXIT=1"), "{last}");
    let after: Vec<String> = demo.members.iter().map(|m| postmaster(demo, &m.name)).collect();
    assert_eq!(before, after, "declining restarted nothing");

    // reinit asks which member, then waits with a spinner until it streams again.
    let own = OwnCluster::start_fast("act-tty");
    let c = &own.state;
    let (_, replicas) = streaming(c);
    let target = replicas[0].as_str();
    let term = Terminal::start("reinit", &on_terminal(c, "reinit act-tty --wait"));
    term.wait_for("Which member do you want to reinitialize [", Duration::from_secs(20));
    term.send(&[target, "Enter"]);
    term.wait_for(&format!("Are you sure you want to reinitialize members {target}?"), Duration::from_secs(20));
    term.send(&["y"]);
    let screens = term.wait_for("EXIT=", Duration::from_secs(120));
    let last = screens.last().unwrap();
    assert!(last.contains(&format!("Reinitialize verified: {target} streaming after ")), "{last}");
    assert!(last.contains("EXIT=0"), "{last}");
    let spinner = screens.iter().flat_map(|s| s.lines()).find(|l| l.contains(target) && l.trim_end().ends_with("s)"));
    assert!(
        spinner.is_some(),
        "a spinner line (`{target} ... (3s)`) while waiting; screens:\n{}",
        screens.join("\n---\n")
    );
    assert_eq!(status(c, target)["replication_state"], "streaming");
}
