//! `hactl check SERVICE` against the real stack, and against check_patroni 2.2.0 (installed by
//! `.ci/setup` in its own venv): for every service both have, the same status line and exit code
//! on the same cluster, healthy (the shared demo and legacy clusters, read only) and in the states a cluster
//! of the test's own is put in: a lagging replica, paused, a scheduled switchover, a member
//! stopped, and (on a lab of its own) etcd with a member down and without quorum. The services
//! no plugin has are checked on labs of their own (etcd members and Sentinels stopped). Where a
//! situation is built, `hactl status` is asserted on it too (one set-up serves both).

use crate::common::*;
use hactl::lab::{ClusterSpec, ClusterState, SUPERUSER};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const CHECK_PATRONI: &str = "/opt/hactl/check-patroni/bin/check_patroni";

fn check_patroni(args: &[&str]) -> Output {
    assert!(std::path::Path::new(CHECK_PATRONI).exists(), "{CHECK_PATRONI} is missing: run .ci/setup");
    Command::new(CHECK_PATRONI)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("check_patroni runs")
}

fn line_and_code(out: &Output) -> (String, i32) {
    (text(&out.stdout).trim_end().to_string(), out.status.code().unwrap_or(-1))
}

fn endpoint(cluster: &ClusterState, member: &str) -> String {
    format!("http://127.0.0.1:{}", cluster.member(member).unwrap().api_port)
}

/// `-e` for every member, or for `member` only (node services).
fn endpoint_args(cluster: &ClusterState, member: Option<&str>) -> Vec<String> {
    let members: Vec<&str> = match member {
        Some(m) => vec![m],
        None => cluster.members.iter().map(|m| m.name.as_str()).collect(),
    };
    members.iter().flat_map(|m| ["-e".to_string(), endpoint(cluster, m)]).collect()
}

/// check_patroni and `hactl check` with the same command line (its first word replaced) until
/// they print the same line (the cluster may move between the two runs); asserts the line and
/// the exit code are the same. Returns them.
fn same_as_check_patroni(cluster: &ClusterState, member: Option<&str>, service: &[&str]) -> (String, i32) {
    let mut args = endpoint_args(cluster, member);
    args.extend(service.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut last = None;
    for _ in 0..10 {
        let theirs = line_and_code(&check_patroni(&args));
        let mut ours_args = vec!["check"];
        ours_args.extend(&args);
        let ours = line_and_code(&hactl(&ours_args, &[]));
        if ours == theirs {
            return ours;
        }
        last = Some((theirs, ours));
        std::thread::sleep(Duration::from_millis(300));
    }
    let (theirs, ours) = last.unwrap();
    panic!("check {args:?} differs\n check_patroni: {theirs:?}\n hactl:         {ours:?}");
}

/// `hactl -c CONFIG check SERVICE [-m MEMBER]`: the agents from the DCS.
fn with_config(cluster: &ClusterState, member: Option<&str>, service: &[&str]) -> (String, i32) {
    let config = config_of(cluster).display().to_string();
    let mut args = vec!["-c", &config, "check"];
    args.extend(service);
    if let Some(member) = member {
        args.extend(["-m", member]);
    }
    line_and_code(&hactl(&args, &[("PGPASSWORD", SUPERUSER.password)]))
}

fn starts(line: &(String, i32), prefix: &str, code: i32) {
    assert!(line.0.starts_with(prefix) && line.1 == code, "expected {prefix}… exit {code}, got {line:?}");
}

fn leader_and_replicas(cluster: &ClusterState) -> (String, Vec<String>) {
    let leader = cluster.primary().expect("the cluster has a primary").name.clone();
    let replicas = cluster.members.iter().map(|m| m.name.clone()).filter(|m| *m != leader).collect();
    (leader, replicas)
}

fn timeline(cluster: &ClusterState, member: &str) -> String {
    cluster.member(member).unwrap().rest_get("/patroni").unwrap()["timeline"].to_string()
}

/// Every shared service on a healthy cluster, as the cluster services and as each node sees it.
fn compare_healthy(c: &ClusterState) {
    let (leader, replicas) = leader_and_replicas(c);
    let replica = replicas[0].as_str();
    for service in [
        &["cluster_has_leader"][..],
        &["cluster_has_replica"],
        &["cluster_has_replica", "-w", "2:", "-c", "1:", "--max-lag", "1MB"],
        &["cluster_has_replica", "--sync-warning", "1:", "--sync-type", "sync"],
        &["cluster_node_count"],
        &["cluster_node_count", "-w", "3:", "-c", "2:", "--healthy-warning", "3:", "--healthy-critical", "2:"],
        &["cluster_node_count", "-c", "4:"],
        &["cluster_is_in_maintenance"],
        &["cluster_has_scheduled_action"],
        &["cluster_config_has_changed", "--hash", "0123456789abcdef"],
    ] {
        same_as_check_patroni(c, None, service);
    }
    let tl = timeline(c, &leader);
    let next_tl = (tl.parse::<u64>().unwrap() + 1).to_string();
    for member in [leader.as_str(), replica] {
        for service in [
            &["node_is_alive"][..],
            &["node_is_primary"],
            &["node_is_leader"],
            &["node_is_leader", "--is-standby-leader"],
            &["node_is_replica"],
            &["node_is_replica", "--max-lag", "1MB"],
            &["node_is_replica", "--is-sync"],
            &["node_is_replica", "--is-async"],
            &["node_is_pending_restart"],
            &["node_patroni_version", "--patroni-version", "4.1.5"],
            &["node_patroni_version", "--patroni-version", "3.3.0"],
            &["node_tl_has_changed", "--timeline", &tl],
            &["node_tl_has_changed", "--timeline", &next_tl],
        ] {
            same_as_check_patroni(c, Some(member), service);
        }
    }
}

#[test]
fn check_matches_check_patroni_on_the_healthy_demo_cluster() {
    let started = Instant::now();
    let c = shared_cluster(DEMO);
    compare_healthy(c);
    // Patroni 3.3 (detailed replica states since 3.0.4; pg2 tagged nofailover).
    compare_healthy(shared_cluster(LEGACY));
    let (leader, replicas) = leader_and_replicas(c);
    starts(
        &same_as_check_patroni(c, None, &["cluster_has_leader"]),
        "CLUSTERHASLEADER OK - The cluster has a running leader. | has_leader=1;;@0 ",
        0,
    );
    starts(&same_as_check_patroni(c, Some(&leader), &["node_is_replica"]), "NODEISREPLICA CRITICAL - ", 2);

    // The hash, saved in a state file by each tool, is the same hash.
    let dir = tmp_dir("hactl-test-check-state");
    std::fs::create_dir_all(&dir).unwrap();
    let (theirs, ours) = (format!("{dir}/theirs.state"), format!("{dir}/ours.state"));
    let _ = (std::fs::remove_file(&theirs), std::fs::remove_file(&ours));
    let mut args = endpoint_args(c, None);
    args.extend(["cluster_config_has_changed", "--state-file", &theirs, "--save"].map(String::from));
    let cp_args: Vec<&str> = args.iter().map(String::as_str).collect();
    starts(&line_and_code(&check_patroni(&cp_args)), "CLUSTERCONFIGHASCHANGED CRITICAL - ", 2);
    let hactl_args: Vec<&str> =
        std::iter::once("check").chain(cp_args.iter().map(|a| if *a == theirs { ours.as_str() } else { a })).collect();
    starts(&line_and_code(&hactl(&hactl_args, &[])), "CLUSTERCONFIGHASCHANGED CRITICAL - ", 2);
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), std::fs::read_to_string(&ours).unwrap());
    let saved = same_as_check_patroni(c, None, &["cluster_config_has_changed", "--state-file", &theirs]);
    starts(&saved, "CLUSTERCONFIGHASCHANGED OK - The hash of patroni's dynamic configuration has not changed (", 0);

    // From the configuration: the agents come from the DCS.
    let (line, code) = same_as_check_patroni(c, None, &["cluster_has_replica"]);
    assert_eq!(with_config(c, None, &["cluster_has_replica"]), (line, code));
    let (line, code) = same_as_check_patroni(c, Some(&replicas[0]), &["node_is_replica"]);
    assert_eq!(with_config(c, Some(&replicas[0]), &["node_is_replica"]), (line, code));
    starts(
        &with_config(c, Some("nobody"), &["node_is_alive"]),
        "NODEISALIVE UNKNOWN - member nobody is not in cluster demo",
        3,
    );

    // Usage errors: UNKNOWN, exit 3 (check_patroni leaves click's exit 2).
    let bad = line_and_code(&hactl(&["check", "cluster_node_count", "-w", "x:y"], &[]));
    starts(&bad, "CLUSTERNODECOUNT UNKNOWN - invalid value 'x:y' for '--warning <RANGE>'", 3);
    starts(
        &line_and_code(&hactl(&["check", "no_such_service"], &[])),
        "CHECK UNKNOWN - unrecognized subcommand 'no_such_service'",
        3,
    );
    starts(
        &line_and_code(&hactl(&["check", "-e", "http://127.0.0.1:1", "node_is_alive"], &[])),
        "NODEISALIVE UNKNOWN - Connection failed for all provided endpoints",
        3,
    );
    assert_eq!(line_and_code(&check_patroni(&["-e", "http://127.0.0.1:1", "node_is_alive"])).1, 3);

    // The tiers beside Patroni, all healthy.
    let config = config_of(c).display().to_string();
    let redis = lab().redis.as_ref().unwrap();
    let sentinels: Vec<String> = redis.sentinels.iter().map(|s| format!("127.0.0.1:{}", s.port)).collect();
    let sentinels = sentinels.join(",");
    starts(
        &with_config(c, None, &["etcd_quorum"]),
        "ETCDQUORUM OK - 3 of 3 etcd members are healthy (quorum 2). | has_quorum=1;;@0 healthy_members=3;3:;2: members=3 quorum=2",
        0,
    );
    starts(
        &with_config(c, None, &["etcd_alarms"]),
        "ETCDALARMS OK - No active etcd alarm. | alarms=0;;0 corrupt=0 nospace=0",
        0,
    );
    let quorum = line_and_code(&hactl(&["-c", &config, "check", "sentinel_quorum", "--sentinel", &sentinels], &[]));
    starts(&quorum, "SENTINELQUORUM OK - 3 of 3 Sentinels reachable (quorum 2), all see master ", 0);
    // A frozen agent or Sentinel listed first (a listener that never answers) does not spend the
    // check's timeout: the next one is asked after a short delay. Both were UNKNOWN here.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_at = silent.local_addr().unwrap().to_string();
    let mut args = vec!["check".to_string(), "-e".to_string(), format!("http://{silent_at}")];
    args.extend(endpoint_args(c, None));
    // Two requests (the agent's version, then /cluster): each waited out the silent one.
    args.push("cluster_node_count".to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    starts(&line_and_code(&hactl(&args, &[])), "CLUSTERNODECOUNT OK - members is 3 |", 0);
    let hosts = format!("{silent_at},{sentinels}");
    let quorum = line_and_code(&hactl(&["-c", &config, "check", "sentinel_quorum", "--sentinel", &hosts], &[]));
    starts(&quorum, "SENTINELQUORUM WARNING - 3 of 4 Sentinels reachable (quorum 2), all see master ", 1);
    assert!(quorum.0.contains(&format!("unreachable: {silent_at}")), "{quorum:?}");
    drop(silent);
    let slots = with_config(c, None, &["replication_slots", "-U", SUPERUSER.user, "-w", "1GB", "-c", "2GB"]);
    starts(&slots, &format!("REPLICATIONSLOTS OK - 2 replication slots on {leader}, the most retained WAL is "), 0);
    for replica in &replicas {
        assert!(slots.0.contains(&format!(" {replica}_active=1 ")), "{slots:?}");
    }
    let json = json_of(&hactl(&["-c", &config, "check", "etcd_quorum", "-f", "json"], &[]));
    assert_eq!((json["state"].as_str(), json["exit_code"].as_i64()), (Some("OK"), Some(0)), "{json}");
    eprintln!("healthy comparisons: {:.1}s", started.elapsed().as_secs_f64());
}

/// Runs SQL on one member as the lab's superuser; returns its output.
fn psql(cluster: &ClusterState, member: &str, sql: &str) -> String {
    let port = cluster.member(member).unwrap().pg_port.to_string();
    let out = Command::new("psql")
        .args(["-h", "127.0.0.1", "-p", &port, "-U", SUPERUSER.user, "-d", "postgres", "-At", "-c", sql])
        .env("PGPASSWORD", SUPERUSER.password)
        .output()
        .expect("psql runs");
    assert!(out.status.success(), "psql {sql}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn run_ok(cluster: &ClusterState, args: &[&str]) {
    let config = config_of(cluster).display().to_string();
    let mut all = vec!["-c", &config];
    all.extend(args);
    let out = hactl(&all, &[]);
    assert!(out.status.success(), "hactl {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
}

#[test]
fn check_matches_check_patroni_when_a_replica_lags_the_cluster_pauses_a_switchover_is_scheduled_and_a_member_stops() {
    let own = OwnCluster::start_fast("chk-states");
    let c = &own.state;
    wait_until("a leader and two streaming replicas", Duration::from_secs(60), || {
        with_config(c, None, &["cluster_has_replica", "-c", "2:"]).1 == 0
    });
    let (leader, replicas) = leader_and_replicas(c);
    let (lagging, other) = (replicas[0].as_str(), replicas[1].as_str());

    // WAL replay paused on a replica, then writes on the leader: Patroni's `lag` (which both
    // tools read) follows the received position, so both still see a healthy replica.
    psql(c, lagging, "select pg_wal_replay_pause()");
    psql(
        c,
        &leader,
        "create table replay_filler as select g, repeat('x', 100) as pad from generate_series(1, 100000) g",
    );
    std::thread::sleep(Duration::from_secs(3));
    same_as_check_patroni(c, None, &["cluster_has_replica", "-w", "2:", "-c", "1:", "--max-lag", "1MB"]);
    same_as_check_patroni(c, Some(lagging), &["node_is_replica", "--max-lag", "1MB"]);
    psql(c, lagging, "select pg_wal_replay_resume()");

    // A replica lagging: its WAL receiver frozen, then writes on the leader.
    let receiver = psql(c, lagging, "select pid from pg_stat_wal_receiver");
    let frozen = Frozen::new(receiver.trim().parse().expect("the replica has a WAL receiver"));
    psql(c, &leader, "create table lag_filler as select g, repeat('x', 100) as pad from generate_series(1, 100000) g");
    wait_until("the replica's lag shows in /cluster", Duration::from_secs(30), || {
        with_config(c, None, &["cluster_has_replica", "--max-lag", "1MB", "-c", "2:"]).1 == 2
    });
    let lag = same_as_check_patroni(c, None, &["cluster_has_replica", "-w", "2:", "-c", "1:", "--max-lag", "1MB"]);
    starts(&lag, "CLUSTERHASREPLICA WARNING - healthy_replica is 1 (outside range 2:)", 1);
    starts(
        &same_as_check_patroni(c, Some(lagging), &["node_is_replica", "--max-lag", "1MB"]),
        "NODEISREPLICA CRITICAL - ",
        2,
    );
    starts(&same_as_check_patroni(c, Some(other), &["node_is_replica", "--max-lag", "1MB"]), "NODEISREPLICA OK - ", 0);
    same_as_check_patroni(c, None, &["cluster_node_count", "--healthy-critical", "3:"]);
    compare_shared(c, &[&leader, lagging]);
    // status: Patroni warns, naming the replica and its lag beyond maximum_lag_on_failover.
    let (json, code) = status_json(c, &[]);
    let (verdict, reason) = tier(&json, "patroni");
    assert_eq!((verdict, json["verdict"].as_str(), code), ("warning", Some("warning"), 0), "{json}");
    let lag_words = format!("member {lagging} lags ");
    assert!(
        reason.contains(&lag_words) && reason.contains("bytes (more than maximum_lag_on_failover, 1048576)"),
        "{reason}"
    );
    let members = json["tiers"]["patroni"]["members"].as_array().unwrap();
    let lag = members.iter().find(|m| m["name"] == lagging).and_then(|m| m["lag_bytes"].as_u64());
    assert!(lag > Some(1048576), "{json}");
    assert_eq!(json["tiers"]["patroni"]["maximum_lag_bytes"], 1048576);
    assert_eq!(tier(&json, "etcd").0, "ok", "{json}");
    let (screen, _) = status_screen(c, &[]);
    assert!(screen.starts_with("Cluster chk-states: WARNING - patroni WARNING: "), "{screen}");
    assert!(screen.contains(&lag_words), "{screen}");
    drop(frozen);
    wait_until("the replica caught up", Duration::from_secs(30), || {
        with_config(c, None, &["cluster_has_replica", "--max-lag", "1MB", "-c", "2:"]).1 == 0
    });

    // Paused.
    run_ok(c, &["pause", "chk-states", "--wait"]);
    let paused = same_as_check_patroni(c, None, &["cluster_is_in_maintenance"]);
    assert_eq!(
        paused,
        (
            "CLUSTERISINMAINTENANCE CRITICAL - is_in_maintenance is 1 (outside range 0:0) | is_in_maintenance=1;;0"
                .into(),
            2
        )
    );
    same_as_check_patroni(c, None, &["cluster_has_leader"]);
    compare_shared(c, &[&leader, other]);
    run_ok(c, &["resume", "chk-states", "--wait"]);
    starts(&same_as_check_patroni(c, None, &["cluster_is_in_maintenance"]), "CLUSTERISINMAINTENANCE OK - ", 0);

    // A switchover scheduled in an hour.
    let at = (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    run_ok(c, &["switchover", "chk-states", "--leader", &leader, "--candidate", other, "--scheduled", &at, "--force"]);
    let scheduled = same_as_check_patroni(c, None, &["cluster_has_scheduled_action"]);
    assert_eq!(
        scheduled,
        ("CLUSTERHASSCHEDULEDACTION CRITICAL - has_scheduled_actions is 1 (outside range 0:0) | has_scheduled_actions=1;;0 scheduled_restart=0 scheduled_switchover=1".into(), 2)
    );
    compare_shared(c, &[&leader, other]);
    // status: a warning with the time and the two members (nothing is wrong yet, but the
    // leader will change at that time).
    let (json, code) = status_json(c, &[]);
    let (verdict, reason) = tier(&json, "patroni");
    assert_eq!((verdict, json["verdict"].as_str(), code), ("warning", Some("warning"), 0), "{json}");
    let switchover = &json["tiers"]["patroni"]["scheduled_switchover"];
    assert_eq!(
        (switchover["from"].as_str(), switchover["to"].as_str()),
        (Some(leader.as_str()), Some(other)),
        "{json}"
    );
    let when = switchover["at"].as_str().expect("the scheduled time");
    assert!(when.starts_with(&at[..16]), "{when} for {at}");
    assert_eq!(reason, format!("a switchover is scheduled at {when} (from {leader} to {other})"), "{json}");
    let (screen, _) = status_screen(c, &[]);
    assert!(screen.starts_with(&format!("Cluster chk-states: WARNING - patroni WARNING: {reason}")), "{screen}");
    run_ok(c, &["flush", "chk-states", "switchover", "--force"]);
    starts(&same_as_check_patroni(c, None, &["cluster_has_scheduled_action"]), "CLUSTERHASSCHEDULEDACTION OK - ", 0);

    // A member stopped: its agent is gone, the cluster counts one member less, its slot waits.
    let stopped = other;
    stop_process(stopped, c.member(stopped).unwrap().patroni);
    wait_until("the stopped member left the cluster", Duration::from_secs(60), || {
        with_config(c, None, &["cluster_node_count", "-c", "3:"]).1 == 2
    });
    starts(
        &same_as_check_patroni(c, None, &["cluster_node_count", "-c", "3:"]),
        "CLUSTERNODECOUNT CRITICAL - members is 2 (outside range 3:)",
        2,
    );
    starts(
        &same_as_check_patroni(c, None, &["cluster_has_replica", "-w", "2:", "-c", "1:"]),
        "CLUSTERHASREPLICA WARNING - ",
        1,
    );
    same_as_check_patroni(c, None, &["cluster_has_leader"]);
    starts(
        &same_as_check_patroni(c, Some(stopped), &["node_is_alive"]),
        "NODEISALIVE UNKNOWN - Connection failed for all provided endpoints",
        3,
    );
    let slots = with_config(c, None, &["replication_slots", "-U", SUPERUSER.user]);
    starts(&slots, &format!("REPLICATIONSLOTS WARNING - On {leader}: inactive slots: {stopped}"), 1);
    compare_shared(c, &[&leader, lagging, stopped]);
}

/// `hactl status -f json` with the cluster's configuration, and its exit code.
fn status_json(cluster: &ClusterState, extra: &[&str]) -> (serde_json::Value, i32) {
    let config = config_of(cluster).display().to_string();
    let mut args = vec!["-c", &config, "status", "-f", "json"];
    args.extend(extra);
    let out = hactl(&args, &[("PGUSER", SUPERUSER.user), ("PGPASSWORD", SUPERUSER.password)]);
    (json_of(&out), out.status.code().unwrap_or(-1))
}

/// `hactl status`'s screen with the cluster's configuration, and its exit code.
fn status_screen(cluster: &ClusterState, extra: &[&str]) -> (String, i32) {
    let config = config_of(cluster).display().to_string();
    let mut args = vec!["-c", &config, "status"];
    args.extend(extra);
    let out = hactl(&args, &[("PGUSER", SUPERUSER.user), ("PGPASSWORD", SUPERUSER.password)]);
    (text(&out.stdout), out.status.code().unwrap_or(-1))
}

fn tier<'a>(json: &'a serde_json::Value, name: &str) -> (&'a str, &'a str) {
    let tier = &json["tiers"][name];
    (tier["verdict"].as_str().unwrap_or("?"), tier["reason"].as_str().unwrap_or("?"))
}

/// Every service check_patroni and hactl share, as the cluster services and as each of
/// `members` sees them: the same line and exit code from both, whatever state the cluster is in.
fn compare_shared(c: &ClusterState, members: &[&str]) {
    for service in [
        &["cluster_has_leader"][..],
        &["cluster_has_replica"],
        &["cluster_node_count"],
        &["cluster_is_in_maintenance"],
        &["cluster_has_scheduled_action"],
        &["cluster_config_has_changed", "--hash", "0123456789abcdef"],
    ] {
        same_as_check_patroni(c, None, service);
    }
    for member in members {
        for service in [
            &["node_is_alive"][..],
            &["node_is_primary"],
            &["node_is_replica"],
            &["node_is_pending_restart"],
            &["node_patroni_version", "--patroni-version", "4.1.5"],
            &["node_tl_has_changed", "--timeline", "1"],
        ] {
            same_as_check_patroni(c, Some(member), service);
        }
    }
}

/// etcd with a member down, then without quorum, under a Patroni cluster: `etcd_quorum`,
/// `status` and (the same as check_patroni) every shared service, also once Patroni has
/// demoted its leader for want of the DCS.
#[test]
fn etcd_quorum_status_and_the_shared_services_with_an_etcd_member_down_and_with_quorum_lost() {
    let cluster = ClusterSpec { ttl: 20, loop_wait: 2, ..ClusterSpec::new("chk-etcd") };
    let own = OwnLab::with_cluster("hactl-test-lab-check-etcd", 23179, cluster, 16032, 18608);
    let c = own.state.cluster("chk-etcd").expect("the lab runs chk-etcd");
    let dcs = format!("etcd3://127.0.0.1:{}", own.state.etcd[0].client_port);
    let check = |service: &str| line_and_code(&hactl(&["--dcs-url", &dcs, "check", service, "--timeout", "5"], &[]));
    starts(&check("etcd_quorum"), "ETCDQUORUM OK - 3 of 3 etcd members are healthy (quorum 2).", 0);
    starts(&check("etcd_alarms"), "ETCDALARMS OK - No active etcd alarm.", 0);
    wait_until("every tier OK", Duration::from_secs(60), || status_json(c, &[]).0["verdict"] == "ok");
    let (leader, replicas) = leader_and_replicas(c);

    // One member down: a warning naming it; Patroni still reads and writes the DCS.
    stop_process("etcd member 3", own.state.etcd[2].process);
    let down = format!("127.0.0.1:{}", own.state.etcd[2].client_port);
    let one_down = check("etcd_quorum");
    starts(&one_down, "ETCDQUORUM WARNING - 2 of 3 etcd members are healthy, quorum (2) is held; unhealthy: ", 1);
    assert!(one_down.0.contains(&down), "{one_down:?}");
    let (json, code) = status_json(c, &[]);
    assert_eq!((json["verdict"].as_str(), code), (Some("warning"), 0), "{json}");
    let (verdict, reason) = tier(&json, "etcd");
    assert_eq!(verdict, "warning", "{json}");
    assert!(reason.contains(&format!("endpoint http://{down} is unhealthy")), "{reason}");
    assert_eq!((tier(&json, "patroni").0, tier(&json, "postgres").0), ("ok", "ok"), "{json}");
    assert_eq!(json["disagreements"], serde_json::json!([]), "{json}");
    let (screen, code) = status_screen(c, &[]);
    assert!(screen.starts_with("Cluster chk-etcd: WARNING - etcd WARNING: "), "{screen}");
    assert!(screen.contains("\n  etcd       WARNING  ") && screen.contains("\n  patroni    OK  "), "{screen}");
    assert_eq!(code, 0);
    compare_shared(c, &[&leader, &replicas[0]]);

    // Quorum lost: etcd is CRITICAL, and Patroni's view, which needs a quorum read, unknown.
    stop_process("etcd member 2", own.state.etcd[1].process);
    starts(&check("etcd_quorum"), "ETCDQUORUM CRITICAL - etcd quorum is lost: 0 of 3 members are healthy, 2 needed", 2);
    // Listing alarms needs quorum: the check cannot tell.
    starts(&check("etcd_alarms"), "ETCDALARMS UNKNOWN - ", 3);
    let started = Instant::now();
    let (json, code) = status_json(c, &["--timeout", "2"]);
    assert!(started.elapsed() < Duration::from_millis(3500), "status took {:?} with a 2 s timeout", started.elapsed());
    assert_eq!((json["verdict"].as_str(), code), (Some("critical"), 1), "{json}");
    let (verdict, reason) = tier(&json, "etcd");
    assert_eq!(verdict, "critical", "{json}");
    assert!(reason.starts_with("quorum lost: 0 of 3 members healthy, 2 needed; "), "{reason}");
    assert!(reason.contains("the member sees no leader") && !reason.contains("no etcd endpoint answered"), "{reason}");
    assert_eq!(tier(&json, "patroni").0, "unreachable", "{json}");
    assert!(tier(&json, "patroni").1.starts_with("cannot read the DCS: "), "{json}");
    assert_eq!(tier(&json, "postgres").0, "unreachable", "{json}");
    let (screen, code) = status_screen(c, &["--timeout", "2"]);
    assert!(screen.starts_with("Cluster chk-etcd: CRITICAL - etcd CRITICAL: "), "{screen}");
    assert!(screen.contains("\n  patroni    UNREACHABLE  "), "{screen}");
    assert_eq!(code, 1);
    // --dcs-timeout bounds the etcd reads when it is the smaller.
    let started = Instant::now();
    let (json, _) = status_json(c, &["--timeout", "10", "--dcs-timeout", "1"]);
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "status took {:?} with --dcs-timeout 1",
        started.elapsed()
    );
    assert_eq!(tier(&json, "etcd").0, "critical", "{json}");

    // Patroni answers from its agents meanwhile: both tools see the same, before and after the
    // leader gives up its role (it cannot renew its leader key).
    compare_shared(c, &[&leader, &replicas[0]]);
    let took = wait_until("the leader demoted without the DCS", Duration::from_secs(90), || {
        same_as_check_patroni(c, Some(&leader), &["node_is_primary"]).1 == 2
    });
    let role = c.member(&leader).unwrap().rest_get("/patroni").map(|p| p["role"].clone());
    eprintln!("the leader's node_is_primary CRITICAL {took:?} after the wait began; its agent's role: {role:?}");
    compare_shared(c, &[&leader, &replicas[0]]);
    // Patroni's /cluster then serves its last view of the DCS, where pg0 still leads: both
    // tools say so; status, which reads the DCS itself, does not claim it.
    let has_leader = same_as_check_patroni(c, None, &["cluster_has_leader"]);
    eprintln!("cluster_has_leader without quorum, the leader demoted: {has_leader:?}");
    assert_eq!(tier(&status_json(c, &["--timeout", "2"]).0, "patroni").0, "unreachable");
}

#[test]
fn sentinel_quorum_warns_with_a_sentinel_down_and_is_critical_below_quorum() {
    let own = OwnLab::start("hactl-test-lab-check-sentinel", 23279, Some(7990));
    let redis = own.state.redis.as_ref().unwrap();
    let hosts: Vec<String> = redis.sentinels.iter().map(|s| format!("127.0.0.1:{}", s.port)).collect();
    let hosts = hosts.join(",");
    let check = || line_and_code(&hactl(&["check", "sentinel_quorum", "--sentinel", &hosts, "--timeout", "5"], &[]));
    starts(&check(), "SENTINELQUORUM OK - 3 of 3 Sentinels reachable (quorum 2), all see master ", 0);
    stop_process("sentinel 3", redis.sentinels[2].process);
    let one_down = check();
    starts(&one_down, "SENTINELQUORUM WARNING - 2 of 3 Sentinels reachable (quorum 2), all see master ", 1);
    assert!(one_down.0.contains(&format!("unreachable: 127.0.0.1:{}", redis.sentinels[2].port)), "{one_down:?}");
    // status over these Sentinels (and the shared demo cluster's other tiers, all OK): the
    // Sentinel down is a warning naming it.
    let demo = shared_cluster(DEMO);
    let (json, code) = status_json(demo, &["--sentinel", &hosts]);
    let (verdict, reason) = tier(&json, "sentinel");
    assert_eq!((verdict, json["verdict"].as_str(), code), ("warning", Some("warning"), 0), "{json}");
    assert!(
        reason.starts_with(&format!("sentinel 127.0.0.1:{} did not answer (", redis.sentinels[2].port)),
        "{reason}"
    );
    assert_eq!(json["tiers"]["sentinel"]["master"], "mymaster", "{json}");
    let (screen, _) = status_screen(demo, &["--sentinel", &hosts]);
    assert!(screen.starts_with("Cluster demo: WARNING - sentinel WARNING: sentinel 127.0.0.1:"), "{screen}");
    stop_process("sentinel 2", redis.sentinels[1].process);
    starts(&check(), "SENTINELQUORUM CRITICAL - 1 of 3 Sentinels reachable (quorum 2)", 2);
    let (json, code) = status_json(demo, &["--sentinel", &hosts]);
    let (verdict, reason) = tier(&json, "sentinel");
    assert_eq!((verdict, json["verdict"].as_str(), code), ("critical", Some("critical"), 1), "{json}");
    assert!(reason.contains("only 1 Sentinels answer, quorum 2 cannot be reached"), "{reason}");
}
