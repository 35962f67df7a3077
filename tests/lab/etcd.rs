//! `hactl etcd ...` against real etcd 3.4 members: the shared lab for reads, a lab of its own
//! for stopping members (quorum held with one down, lost with two down).

use crate::common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

fn endpoints_of(state: &hactl::lab::LabState) -> String {
    state.etcd_endpoints().join(",")
}

fn url(member: &hactl::lab::EtcdMember) -> String {
    format!("http://{}", member.endpoint())
}

#[test]
fn etcd_health_with_every_member_up_exits_0() {
    let lab = lab();
    let out = hactl(&["etcd", "health", "--endpoints", &endpoints_of(lab)], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for member in &lab.etcd {
        let row = stdout.lines().find(|l| l.contains(&url(member))).unwrap_or_else(|| panic!("{stdout}"));
        assert!(row.contains("| true "), "{row}");
    }
    assert!(stdout.contains(" Quorum held: 3 of 3 members healthy, 2 needed\n"), "{stdout}");

    // The endpoints of a node's patroni.yml, as `list` reads them, and --cluster from one of them.
    let config = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    let out = hactl(&["-c", &config, "etcd", "health", "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = json_of(&out);
    assert_eq!(report["endpoints"].as_array().unwrap().len(), 3, "{report}");
    assert_eq!(report["quorum"]["held"], true);
    let first = lab.etcd_endpoints()[0].clone();
    let out = hactl(&["etcd", "health", "--cluster", "--endpoints", &first, "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = json_of(&out);
    let mut checked: Vec<&str> =
        report["endpoints"].as_array().unwrap().iter().map(|e| e["endpoint"].as_str().unwrap()).collect();
    checked.sort();
    let mut expected: Vec<String> = lab.etcd.iter().map(url).collect();
    expected.sort();
    assert_eq!(checked, expected, "--cluster checks every member");
    assert!(report["endpoints"].as_array().unwrap().iter().all(|e| e["health"] == true && e["read_ok"] == true));
    assert_eq!(
        report["quorum"],
        serde_json::json!({"held": true, "members": 3, "healthy": 3, "needed": 2, "all_members_checked": true})
    );
}

#[test]
fn etcd_status_shows_exactly_one_leader() {
    let lab = lab();
    let out = hactl(&["etcd", "status", "--endpoints", &endpoints_of(lab), "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = json_of(&out);
    let endpoints = report["endpoints"].as_array().unwrap();
    assert_eq!(endpoints.len(), 3);
    let leaders: Vec<&Value> = endpoints.iter().filter(|e| e["is_leader"] == true).collect();
    assert_eq!(leaders.len(), 1, "{report}");
    let leader_id = leaders[0]["member_id"].as_str().unwrap();
    for endpoint in endpoints {
        // Every member names the same leader, in the same term, and a distinct id of its own.
        assert_eq!(endpoint["leader"], leader_id, "{endpoint}");
        assert_eq!(endpoint["raft_term"], leaders[0]["raft_term"], "{endpoint}");
        assert!(endpoint["version"].as_str().unwrap().starts_with("3.4."), "{endpoint}");
        assert!(endpoint["db_size"].as_i64().unwrap() > 0, "{endpoint}");
        assert!(endpoint["raft_index"].as_u64().unwrap() > 0, "{endpoint}");
        assert_eq!(endpoint["error"], Value::Null);
    }
    let mut ids: Vec<&str> = endpoints.iter().map(|e| e["member_id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);

    let out = hactl(&["etcd", "status", "--endpoints", &endpoints_of(lab)], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The Leader column: exactly one `true` among the rows.
    let leader_cells: Vec<&str> =
        stdout.lines().filter(|l| l.starts_with("| http")).map(|l| l.split('|').nth(6).unwrap().trim()).collect();
    assert_eq!(leader_cells.iter().filter(|c| **c == "true").count(), 1, "{stdout}");
    assert!(stdout.contains(&format!(" Leader: {leader_id} (")), "{stdout}");
}

#[test]
fn etcd_members_and_alarms() {
    let lab = lab();
    let out = hactl(&["etcd", "members", "--endpoints", &endpoints_of(lab), "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list = json_of(&out);
    let mut members: Vec<(String, String)> = list["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap().to_string(), m["client_urls"][0].as_str().unwrap().to_string()))
        .collect();
    members.sort();
    let expected: Vec<(String, String)> = lab.etcd.iter().map(|m| (m.name.clone(), url(m))).collect();
    assert_eq!(members, expected);

    let out = hactl(&["etcd", "members", "--endpoints", &endpoints_of(lab)], &[]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("+ etcd members "), "{stdout}");
    assert_eq!(stdout.matches("| started ").count(), 3, "{stdout}");

    let out = hactl(&["etcd", "alarms", "--endpoints", &endpoints_of(lab), "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(json_of(&out)["alarms"], serde_json::json!([]));
    let out = hactl(&["etcd", "alarms", "--endpoints", &endpoints_of(lab)], &[]);
    assert!(text(&out.stdout).starts_with("No active alarms (asked http://127.0.0.1:"), "{}", text(&out.stdout));
}

#[test]
fn etcd_unreachable_and_bad_input() {
    // Nothing listens on port 1: exit 4, naming the endpoint, well within the timeout.
    let start = Instant::now();
    let out = hactl(&["etcd", "health", "--endpoints", "127.0.0.1:1", "--dcs-timeout", "3"], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(start.elapsed() < Duration::from_secs(3));
    assert!(
        text(&out.stderr).starts_with("Error: no etcd endpoint answered (http://127.0.0.1:1 ("),
        "{}",
        text(&out.stderr)
    );
    let out = hactl(&["etcd", "members", "--endpoints", "127.0.0.1:1", "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(4));
    let error: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(error["error"]["kind"], "unreachable");
    // Nothing configured, and a bad endpoint: usage errors that say what to do.
    let out = hactl(&["etcd", "status"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pass --endpoints HOST:PORT"), "{}", text(&out.stderr));
    let out = hactl(&["etcd", "health", "--endpoints", "127.0.0.1:99999"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--endpoints \"127.0.0.1:99999\": expected a port number"),
        "{}",
        text(&out.stderr)
    );
}

/// A listener that accepts and never answers, like a frozen (SIGSTOPped) member, costs the
/// timeout once and delays no other endpoint.
#[test]
fn a_frozen_endpoint_does_not_stall_the_others() {
    let lab = lab();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let frozen = silent.local_addr().unwrap().to_string();
    let endpoints = format!("{},{frozen}", endpoints_of(lab));
    let start = Instant::now();
    let out = hactl(&["etcd", "health", "--endpoints", &endpoints, "--dcs-timeout", "2", "-f", "json"], &[]);
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(took < Duration::from_secs(4), "took {took:?} with --dcs-timeout 2");
    let report = json_of(&out);
    for endpoint in report["endpoints"].as_array().unwrap() {
        if endpoint["endpoint"] == format!("http://{frozen}") {
            assert_eq!(endpoint["health"], false);
            assert_eq!(endpoint["error"], "no answer within 2s");
        } else {
            assert_eq!(endpoint["health"], true, "{endpoint}");
            assert!(endpoint["took_ms"].as_f64().unwrap() < 1000.0, "{endpoint}");
        }
    }
    assert_eq!(report["quorum"]["held"], true);
    // Alone, it is unreachable: exit 4.
    let out = hactl(&["etcd", "status", "--endpoints", &frozen, "--dcs-timeout", "1"], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("(no answer within 1s)"), "{}", text(&out.stderr));
}

/// Stops members of a lab of its own: a follower first (quorum held, the endpoint named), then
/// the leader (quorum lost, reported within the timeout).
#[test]
fn etcd_health_reports_quorum_as_members_stop() {
    let own = OwnLab::start("hactl-test-lab-etcd-faults", 22379, None);
    let state = &own.state;
    let endpoints = endpoints_of(state);
    let out = hactl(&["etcd", "health", "--endpoints", &endpoints], &[]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));

    let status = json_of(&hactl(&["etcd", "status", "--endpoints", &endpoints, "-f", "json"], &[]));
    let leader_url = status["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["is_leader"] == true)
        .and_then(|e| e["endpoint"].as_str())
        .unwrap_or_else(|| panic!("no leader in {status}"))
        .to_string();
    let leader = state.etcd.iter().find(|m| url(m) == leader_url).unwrap();
    let follower = state.etcd.iter().find(|m| url(m) != leader_url).unwrap();
    let survivor = state.etcd.iter().find(|m| url(m) != leader_url && m.name != follower.name).unwrap();

    // One member down: non-zero, that endpoint named, quorum held.
    stop_process(&follower.name, follower.process);
    let out = hactl(&["etcd", "health", "--endpoints", &endpoints], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let row = stdout.lines().find(|l| l.contains(&url(follower))).unwrap_or_else(|| panic!("{stdout}"));
    assert!(row.contains("| false ") && row.contains("Connection refused"), "{row}");
    assert_eq!(stdout.matches("| true ").count(), 2, "{stdout}");
    assert!(stdout.contains(" Quorum held: 2 of 3 members healthy, 2 needed\n"), "{stdout}");
    assert!(stderr.starts_with(&format!("Error: etcd is unhealthy: {} (", url(follower))), "{stderr}");
    assert!(stderr.contains("; quorum held: 2 of 3 members healthy, 2 needed"), "{stderr}");
    // --cluster from the survivor finds the stopped member through the member list.
    let out = hactl(&["etcd", "health", "--cluster", "--endpoints", &survivor.endpoint(), "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    let sick: Vec<&str> = report["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["health"] == false)
        .map(|e| e["endpoint"].as_str().unwrap())
        .collect();
    assert_eq!(sick, [url(follower)], "{report}");
    assert_eq!(report["quorum"]["held"], true);

    // Two members down: quorum lost, said within the timeout, not "unreachable" (one answers).
    stop_process(&leader.name, leader.process);
    let start = Instant::now();
    let out = hactl(&["etcd", "health", "--endpoints", &endpoints, "--dcs-timeout", "3"], &[]);
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(took < Duration::from_secs(5), "took {took:?} with --dcs-timeout 3");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains(" Quorum lost: 0 of 3 members healthy, 2 needed\n"), "{stdout}");
    assert!(stderr.contains("; quorum lost: 0 of 3 members healthy, 2 needed"), "{stderr}");
    let row = stdout.lines().find(|l| l.contains(&url(survivor))).unwrap_or_else(|| panic!("{stdout}"));
    assert!(row.contains("no answer within 3s"), "{row}");
    // The survivor still answers status, and reports no leader.
    let out = hactl(&["etcd", "status", "--endpoints", &endpoints, "--dcs-timeout", "3"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains(" No endpoint reports itself as the leader\n"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).starts_with("Error: no status from "), "{}", text(&out.stderr));
}

/// A watch whose etcd member freezes (SIGSTOP: connections stay open, nothing is answered)
/// moves to another member within seconds and misses no change, nor repeats one; a quiet watch
/// on healthy members stays where it is, because etcd answers its progress requests.
#[test]
fn a_watch_moves_to_another_member_when_its_member_freezes() {
    use hactl::dcs::{Change, Dcs};
    let own = OwnLab::start("hactl-test-lab-watch-freeze", 23579, None);
    let state = &own.state;
    // The raft leader last, so that the watch (on the first endpoint that answers) is on a
    // follower: freezing the leader would start an election, and writes would fail meanwhile.
    let status = json_of(&hactl(&["etcd", "status", "--endpoints", &endpoints_of(state), "-f", "json"], &[]));
    let is_leader = |member: &&hactl::lab::EtcdMember| {
        status["endpoints"].as_array().unwrap().iter().any(|e| e["endpoint"] == url(member) && e["is_leader"] == true)
    };
    let mut members: Vec<&hactl::lab::EtcdMember> = state.etcd.iter().collect();
    members.sort_by_key(|member| is_leader(member));
    let settings = hactl::settings::EtcdSettings::plain(members.iter().map(|member| member.endpoint()).collect());
    let put_of = |changes: Vec<Change>| match changes.as_slice() {
        [Change::Put(node)] => (node.key.clone(), node.value.clone()),
        other => panic!("expected one put, got {other:?}"),
    };
    block(async {
        let mut dcs = Dcs::connect(&settings, Duration::from_secs(2)).await.unwrap();
        let prefix = "/watch-freeze/";
        dcs.put("/watch-freeze/a", "1").await.unwrap();
        let snapshot = dcs.snapshot(prefix).await.unwrap();
        let mut watch = dcs.watch(prefix, snapshot.revision + 1).await.unwrap();
        // Quiet for longer than the silence and the progress answer together.
        assert!(tokio::time::timeout(Duration::from_secs(6), watch.next()).await.is_err(), "a change nobody made");
        assert_eq!(watch.moves(), 0, "a quiet watch on a healthy member moved");

        let first = watch.endpoint().to_string();
        let member = state.etcd.iter().find(|m| url(m) == first).unwrap_or_else(|| panic!("no member at {first}"));
        let other = state.etcd.iter().find(|m| m.name != member.name).unwrap();
        let _frozen = Frozen::new(member.process.expect("the member's process").pid);
        let options = etcd_client::ConnectOptions::new().with_timeout(Duration::from_secs(15));
        let mut writer = etcd_client::Client::connect([url(other)], Some(options)).await.unwrap();
        put_once(&mut writer, "/watch-freeze/b", "2").await;
        let started = Instant::now();
        let changes = tokio::time::timeout(Duration::from_secs(15), watch.next()).await;
        let changes = changes.unwrap_or_else(|_| panic!("the watch on frozen {first} saw nothing in 15s")).unwrap();
        assert_eq!(put_of(changes), ("b".to_string(), "2".to_string()));
        assert_ne!(watch.endpoint(), first);
        assert_eq!(watch.moves(), 1);
        assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
        // Resumed after b, not at it: the next change is c.
        put_once(&mut writer, "/watch-freeze/c", "3").await;
        let changes = tokio::time::timeout(Duration::from_secs(10), watch.next()).await.expect("c seen").unwrap();
        assert_eq!(put_of(changes), ("c".to_string(), "3".to_string()));
    });
}

/// Writes `key` once: retried while etcd refuses (an election under way), but only while the key
/// is absent, so that a refused write that was applied after all is not written twice.
async fn put_once(client: &mut etcd_client::Client, key: &str, value: &str) {
    use etcd_client::{Compare, CompareOp, Txn, TxnOp};
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let absent = Compare::create_revision(key, CompareOp::Equal, 0);
        let txn = Txn::new().when([absent]).and_then([TxnOp::put(key, value, None)]);
        match client.txn(txn).await {
            Ok(_) => return,
            Err(e) => assert!(Instant::now() < deadline, "writing {key}: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Pointed at a port where something else than etcd answers (PostgreSQL, Patroni's REST API),
/// hactl says what is there and which setting to fix, as a configuration error (exit 2); not
/// the advice for an etcd that serves TLS, which that failure resembles.
#[test]
fn a_port_where_something_else_than_etcd_answers_is_named_as_such() {
    let pg0 = shared_cluster(DEMO).member("pg0").expect("the demo cluster has pg0");
    let fix = "check the etcd3 hosts and port (etcd's client port, 2379 by default)";
    for (port, speaks) in
        [(pg0.pg_port, "it speaks PostgreSQL, not gRPC"), (pg0.api_port, "it speaks HTTP/1.0, not gRPC")]
    {
        let url = format!("http://127.0.0.1:{port}");
        // Each twice: how the connection fails varies (broken pipe, reset, a bare transport error).
        for _ in 0..2 {
            let started = Instant::now();
            let out = hactl(&["-d", &format!("etcd3://127.0.0.1:{port}"), "list", DEMO], &[]);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "port {port}: {stderr}");
            let expected =
                format!("etcd unreachable at {url}: something that is not etcd answers there ({speaks}); {fix}");
            assert!(stderr.contains(&expected), "port {port}: expected {expected:?} in:\n{stderr}");
            assert!(!stderr.contains("TLS"), "port {port}: no TLS advice: {stderr}");
            assert!(started.elapsed() < Duration::from_secs(4), "port {port} took {:?}", started.elapsed());
        }
        let out = hactl(&["etcd", "health", "--endpoints", &format!("127.0.0.1:{port}")], &[]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "port {port}: {stdout}{stderr}");
        assert!(stdout.contains(&format!("not etcd: {speaks}")), "port {port}: {stdout}");
        assert!(stderr.contains(&format!("something that is not etcd answers there ({speaks}); {fix}")), "{stderr}");
        assert!(!stderr.contains("TLS"), "port {port}: no TLS advice: {stderr}");
    }
}
