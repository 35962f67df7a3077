//! The fault matrix on real processes: what hactl answers when etcd loses members, when agents
//! hang or answer garbage, and when keys hold garbage.

use crate::common::*;
use std::time::{Duration, Instant};

/// Copies the shared demo cluster's keys into another etcd under `scope` (no agents run there:
/// `list` reads etcd only).
fn seed(endpoints: &[String], scope: &str, extra: &[(&str, &str)]) {
    let demo = lab_etcd(async |from| {
        let options = etcd_client::GetOptions::new().with_prefix();
        from.get("/service/demo/", Some(options)).await.unwrap().kvs().to_vec()
    });
    etcd(endpoints, async |to| {
        for kv in &demo {
            let key = kv.key_str().unwrap().replacen("/service/demo/", &format!("/service/{scope}/"), 1);
            to.put(key, kv.value(), None).await.unwrap();
        }
        for (key, value) in extra {
            to.put(format!("/service/{scope}/{key}"), *value, None).await.unwrap();
        }
    });
}

/// Runs `list` and returns (exit code, wall time, stdout, stderr).
fn timed_list(hosts: &str, scope: &str, extra: &[&str]) -> (Option<i32>, Duration, String, String) {
    let started = Instant::now();
    let mut args = vec!["list", scope];
    args.extend_from_slice(extra);
    let out = hactl(&args, &[("PATRONI_ETCD3_HOSTS", hosts)]);
    (out.status.code(), started.elapsed(), text(&out.stdout), text(&out.stderr))
}

/// The range requests the etcd members have received so far, from their metrics
/// (`grpc_server_started_total` counts a request when it arrives, also one cancelled later).
fn ranges_received(endpoints: &[String]) -> u64 {
    block(async {
        let mut total = 0;
        for endpoint in endpoints {
            let url = format!("http://{endpoint}/metrics");
            let metrics = reqwest::get(&url).await.and_then(|r| r.error_for_status()).unwrap().text().await.unwrap();
            total += metrics
                .lines()
                .filter(|l| l.starts_with("grpc_server_started_total{") && l.contains(r#"grpc_method="Range""#))
                .map(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap_or_else(|e| panic!("{l}: {e}")))
                .sum::<u64>();
        }
        total
    })
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[test]
fn etcd_members_stopped_then_quorum_lost() {
    let own = OwnLab::start("hactl-test-lab-list-faults", 22679, None);
    let endpoints = own.state.etcd_endpoints();
    let hosts = endpoints.join(",");
    seed(&endpoints, "faults", &[]);

    // Hedged reads: a healthy cluster costs one range, not one per endpoint.
    let before = ranges_received(&endpoints);
    let normal = median((0..5).map(|_| timed_list(&hosts, "faults", &[]).1).collect());
    assert_eq!(ranges_received(&endpoints) - before, 5, "5 lists, one range each");
    let status = json_of(&hactl(&["etcd", "status", "--endpoints", &hosts, "-f", "json"], &[]));
    let leader_endpoint = status["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["is_leader"] == true)
        .and_then(|e| e["endpoint"].as_str())
        .expect("one etcd leader")
        .trim_start_matches("http://")
        .to_string();
    let leader = own.state.etcd.iter().find(|m| m.endpoint() == leader_endpoint).unwrap();
    let follower = own.state.etcd.iter().find(|m| m.endpoint() != leader_endpoint).unwrap();
    let follower_pid = follower.process.expect("the follower runs").pid;

    // SIGSTOP: the member accepts connections and never answers.
    hactl::lab::signal_pid(follower_pid, libc::SIGSTOP).unwrap();
    let mut frozen = Vec::new();
    // The frozen member first: the read asks it first and the next one only a hedge later.
    let frozen_first: Vec<String> = std::iter::once(follower.endpoint())
        .chain(endpoints.iter().filter(|e| **e != follower.endpoint()).cloned())
        .collect();
    let frozen_first = frozen_first.join(",");
    for _ in 0..5 {
        let (code, took, stdout, stderr) = timed_list(&frozen_first, "faults", &[]);
        assert_eq!(code, Some(0), "list with one frozen member: {stderr}");
        assert!(stdout.starts_with("+ Cluster: faults ("), "{stdout}");
        frozen.push(took);
    }
    let health = hactl(&["etcd", "health", "--endpoints", &hosts, "--dcs-timeout", "2"], &[]);
    hactl::lab::signal_pid(follower_pid, libc::SIGCONT).unwrap();
    assert_ne!(health.status.code(), Some(0));
    let reported = text(&health.stdout) + &text(&health.stderr);
    assert!(reported.contains(&follower.endpoint()), "etcd health names the frozen member: {reported}");
    let frozen = median(frozen);
    eprintln!("list: {normal:?} normally, {frozen:?} with one etcd member frozen");
    assert!(frozen < normal * 2 + Duration::from_millis(100), "one frozen member: {frozen:?} vs {normal:?}");

    // SIGKILL of the leader: the others elect a new one; list waits for it, within the timeout.
    hactl::lab::signal_pid(leader.process.expect("the leader runs").pid, libc::SIGKILL).unwrap();
    let (code, during, _, stderr) = timed_list(&hosts, "faults", &[]);
    assert_eq!(code, Some(0), "list during the election: {stderr}");
    let killed = median(
        (0..5)
            .map(|_| {
                let (code, took, _, stderr) = timed_list(&hosts, "faults", &[]);
                assert_eq!(code, Some(0), "list with one dead member: {stderr}");
                took
            })
            .collect(),
    );
    eprintln!("list: {during:?} during the election, {killed:?} afterwards with one etcd member killed");
    assert!(killed < normal * 2 + Duration::from_millis(100), "one dead member: {killed:?} vs {normal:?}");

    // A second member frozen: no quorum. A clear exit 4 within the timeout, never a hang.
    let second = follower_pid;
    hactl::lab::signal_pid(second, libc::SIGSTOP).unwrap();
    let (code, took, _, stderr) = timed_list(&hosts, "faults", &["--dcs-timeout", "2"]);
    hactl::lab::signal_pid(second, libc::SIGCONT).unwrap();
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("etcd unreachable") && stderr.contains("quorum"), "{stderr}");
    assert!(took < Duration::from_secs(5), "took {took:?} with --dcs-timeout 2");
    eprintln!("list without quorum: exit 4 after {took:?} (--dcs-timeout 2)");
}

#[test]
fn garbage_in_config_and_history_keys_is_named_and_the_rest_shown() {
    let endpoints = lab().etcd_endpoints();
    seed(&endpoints, "garbage-keys", &[("config", "{oops"), ("history", "[[1, 2")]);
    let (code, _, stdout, stderr) = timed_list(&endpoints.join(","), "garbage-keys", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.matches("| Leader ").count(), 1, "{stdout}");
    assert!(stderr.contains("/service/garbage-keys/config: not valid JSON"), "{stderr}");
    assert!(stderr.contains("/service/garbage-keys/history: not valid JSON"), "{stderr}");
}

/// What a fake agent answers. Only for answers a real agent cannot be made to give.
#[derive(Clone, Copy)]
enum Fake {
    Garbage,
    ServerError,
    Silent,
    /// `GET` answers `{"state": "running"}`; anything else gets a 500.
    RunningButFailing,
}

/// A fake agent on 127.0.0.1; returns its `http://host:port` base URL. The listener thread lives
/// as long as the test process, answering every connection the same way.
fn fake_agent(kind: Fake) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                let n = stream.read(&mut buffer).unwrap_or(0);
                let request = String::from_utf8_lossy(&buffer[..n]).to_string();
                let (status, body) = match kind {
                    Fake::Garbage => ("200 OK", "<html>not json".to_string()),
                    Fake::ServerError => ("500 Internal Server Error", "boom".to_string()),
                    Fake::Silent => {
                        std::thread::sleep(Duration::from_secs(120));
                        return;
                    }
                    Fake::RunningButFailing if request.starts_with("GET") => {
                        ("200 OK", r#"{"state": "running"}"#.to_string())
                    }
                    Fake::RunningButFailing => ("500 Internal Server Error", "switchover exploded".to_string()),
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes());
            });
        }
    });
    url
}

/// A copy of demo under `scope` whose members' agents are `agents[i]` (by member order).
fn seed_with_agents(scope: &str, agents: &[String]) -> Vec<String> {
    let endpoints = lab().etcd_endpoints();
    seed(&endpoints, scope, &[]);
    etcd(&endpoints, async |client| {
        let prefix = format!("/service/{scope}/members/");
        let members = client.get(prefix.as_str(), Some(etcd_client::GetOptions::new().with_prefix())).await.unwrap();
        let mut names = Vec::new();
        for (kv, agent) in members.kvs().iter().zip(agents) {
            let mut value: serde_json::Value = serde_json::from_slice(kv.value()).unwrap();
            value["api_url"] = serde_json::json!(format!("{agent}/patroni"));
            client.put(kv.key(), value.to_string(), None).await.unwrap();
            names.push(kv.key_str().unwrap().trim_start_matches(&prefix).to_string());
        }
        names
    })
}

fn leader_in(scope: &str) -> String {
    current_leader(scope).unwrap_or_else(|| panic!("cluster {scope} has no leader"))
}

fn current_leader(scope: &str) -> Option<String> {
    let out = hactl(&["-d", &format!("etcd3://{}", lab().etcd_endpoints()[0]), "list", scope, "-f", "json"], &[]);
    let rows = json_of(&out);
    let leader = rows.as_array()?.iter().find(|m| m["Role"] == "Leader")?;
    leader["Member"].as_str().map(str::to_string)
}

#[test]
fn agents_answering_garbage_a_500_or_never_are_named_with_their_url() {
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    for (scope, kind, words) in [
        ("fake-garbage", Fake::Garbage, "something that is not JSON"),
        ("fake-500", Fake::ServerError, "something that is not JSON"),
        ("fake-silent", Fake::Silent, "did not answer"),
    ] {
        let agent = fake_agent(kind);
        let names = seed_with_agents(scope, &[agent.clone(), agent.clone(), agent.clone()]);
        let leader = leader_in(scope);
        let candidate = names.iter().find(|n| **n != leader).unwrap().clone();
        let started = Instant::now();
        let out = hactl(&["-d", &url, "switchover", scope, "--candidate", &candidate, "--force"], &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{scope}: {stderr}");
        assert!(stderr.contains(&format!("the agent of {candidate}")), "{scope} names the member: {stderr}");
        assert!(stderr.contains(&format!("{agent}/patroni")), "{scope} names the URL: {stderr}");
        assert!(stderr.contains(words), "{scope}: {stderr}");
        assert!(started.elapsed() < Duration::from_secs(10), "{scope} took {:?}", started.elapsed());
        eprintln!("{scope}: switchover refused (exit 3) after {:?}", started.elapsed());
    }

    // The leader's agent fails the switchover itself: patronictl's line on stdout, exit 1.
    let agent = fake_agent(Fake::RunningButFailing);
    let names = seed_with_agents("fake-failing", &[agent.clone(), agent.clone(), agent.clone()]);
    let leader = leader_in("fake-failing");
    let candidate = names.iter().find(|n| **n != leader).unwrap().clone();
    let out = hactl(&["-d", &url, "switchover", "fake-failing", "--candidate", &candidate, "--force"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Switchover failed, details: 500, switchover exploded\n"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains(&format!("the agent of {leader} at {agent}/switchover")),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_leader_is_said_in_words() {
    let endpoints = lab().etcd_endpoints();
    seed(&endpoints, "no-leader", &[]);
    etcd(&endpoints, async |client| {
        client.delete("/service/no-leader/leader", None).await.unwrap();
    });
    let (code, _, stdout, stderr) = timed_list(&endpoints.join(","), "no-leader", &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains("| Leader "), "{stdout}");
    assert!(stderr.contains("cluster no-leader has no leader"), "{stderr}");
}

#[test]
fn hung_agent_and_interrupted_wait() {
    let own = OwnCluster::start_fast("fault-agents");
    let c = &own.state;
    let config = config_of(c).to_str().unwrap().to_string();
    let leader = leader_in(&c.scope);
    let replica = c.members.iter().find(|m| m.name != leader).unwrap();
    let patroni = replica.patroni.expect("the replica's Patroni runs").pid;

    // A hung agent: list reads etcd and is unaffected; a switchover to it is refused.
    hactl::lab::signal_pid(patroni, libc::SIGSTOP).unwrap();
    let started = Instant::now();
    let listed = hactl(&["-c", &config, "list"], &[]);
    let list_took = started.elapsed();
    let refused = hactl(&["-c", &config, "switchover", "--candidate", &replica.name, "--force"], &[]);
    hactl::lab::signal_pid(patroni, libc::SIGCONT).unwrap();
    assert!(listed.status.success() && list_took < Duration::from_secs(1), "{list_took:?} {}", text(&listed.stderr));
    assert_eq!(refused.status.code(), Some(3), "{}", text(&refused.stderr));
    eprintln!("list with a hung agent: {list_took:?}; switchover to it refused (exit 3)");
    assert!(
        text(&refused.stderr).contains(&format!("the agent of {} did not answer http://", replica.name)),
        "{}",
        text(&refused.stderr)
    );

    // Ctrl-C while waiting: exit 130, and it says what was already sent.
    std::thread::sleep(Duration::from_secs(3));
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_hactl"))
        .args(["-c", &config, "switchover", "--candidate", &replica.name, "--force"])
        .env_clear()
        .env("HOME", "/tmp")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    hactl::lab::signal_pid(child.id() as i32, libc::SIGINT).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}{}", text(&out.stdout), text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("interrupted while waiting; already done: the switchover request was"), "{stderr}");
    assert!(stderr.contains(&format!("agent of {leader}")), "{stderr}");

    // Ctrl-C while reinit waits for the member to stream again: exit 130 too.
    let deadline = Instant::now() + Duration::from_secs(90);
    let settled = || {
        let rows = json_of(&hactl(&["-c", &config, "list", "-f", "json"], &[]));
        let rows = rows.as_array().cloned().unwrap_or_default();
        rows.len() == 3 && rows.iter().filter(|m| m["Role"] != "Leader").all(|m| m["State"] == "streaming")
    };
    while !settled() {
        assert!(Instant::now() < deadline, "the cluster did not settle after the switchover");
        std::thread::sleep(Duration::from_millis(500));
    }
    let rows = json_of(&hactl(&["-c", &config, "list", "-f", "json"], &[]));
    let target = rows.as_array().unwrap().iter().find(|m| m["Role"] != "Leader").unwrap()["Member"]
        .as_str()
        .unwrap()
        .to_string();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_hactl"))
        .args(["-c", &config, "reinit", "fault-agents", &target, "--wait", "--force"])
        .env_clear()
        .env("HOME", "/tmp")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    hactl::lab::signal_pid(child.id() as i32, libc::SIGINT).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}{}", text(&out.stdout), text(&out.stderr));
    let said = format!("Error: interrupted while waiting; already done: reinitialize was started on {target}");
    assert!(text(&out.stderr).contains(&said), "{}", text(&out.stderr));
}

/// The leader's Patroni frozen (SIGSTOP: its REST port accepts and never answers). The preflight
/// probe finds it silent, so the switchover goes to the DCS at once instead of waiting out the
/// request's timeout (2 × max(10, loop_wait) + 10 s = 30 s) as patronictl does.
#[test]
fn a_frozen_leader_agent_sends_the_switchover_to_the_dcs_at_once() {
    let own = OwnCluster::start_fast("fault-leader-agent");
    let c = &own.state;
    let config = config_of(c).to_str().unwrap().to_string();
    let leader = leader_in(&c.scope);
    let candidate = c.members.iter().find(|m| m.name != leader).unwrap().name.clone();
    let patroni = c.member(&leader).and_then(|m| m.patroni).expect("the leader's Patroni runs").pid;

    let frozen = Frozen::new(patroni);
    let started = Instant::now();
    let args = ["-c", &config, "switchover", "--candidate", &candidate, "--force", "--no-wait", "-f", "json"];
    let out = hactl(&args, &[]);
    let took = started.elapsed();
    let key = lab_etcd(async |etcd| {
        let got = etcd.get("/service/fault-leader-agent/failover", None).await.unwrap();
        got.kvs().first().map(|kv| kv.value_str().unwrap().to_string())
    });
    drop(frozen);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    let report = json_of(&out);
    let check = report["plan"]["checks"].as_array().unwrap().iter().find(|c| c["name"] == "leader_agent").cloned();
    let check = check.unwrap_or_else(|| panic!("no leader_agent check: {report}"));
    assert_eq!(check["verdict"], "passed", "{check}");
    assert!(check["reason"].is_null() && check["detail"].as_str().unwrap().contains("goes to the DCS"), "{check}");
    assert!(
        report["plan"]["deliver_via_dcs"].as_str().unwrap().contains(&format!("the agent of {leader}")),
        "{report}"
    );
    let key: serde_json::Value = serde_json::from_str(&key.expect("the /failover key was written")).unwrap();
    assert_eq!(key, serde_json::json!({"leader": leader, "member": candidate}));
    // Not waited for: nothing after the request is claimed.
    let outcome = &report["outcome"];
    assert!(outcome["timeline_after"].is_null() && outcome["converged_after_s"].is_null(), "{outcome}");
    eprintln!("switchover with the leader's agent frozen: the /failover key written after {took:?}");
    // The probe's 3 s, not the request's 30 s.
    assert!(took < Duration::from_secs(10), "took {took:?}");

    // Thawed, the leader's Patroni acts on the key: the candidate leads, the others stream.
    let converged = || {
        let rows = json_of(&hactl(&["-c", &config, "list", "-f", "json"], &[]));
        let rows = rows.as_array().cloned().unwrap_or_default();
        rows.len() == 3
            && rows.iter().any(|m| m["Member"] == candidate.as_str() && m["Role"] == "Leader")
            && rows.iter().filter(|m| m["Role"] != "Leader").all(|m| m["State"] == "streaming")
    };
    wait_until("the candidate to lead and the others to stream", Duration::from_secs(120), converged);

    // Frozen for good: its lease expires (ttl 20 s), the next candidate takes the key, and the
    // frozen member's key expires with it. The switchover still waits for it (it was planned),
    // and says so at the timeout: exit 5, never "verified" over the two members left.
    let next = c.members.iter().find(|m| m.name != candidate).unwrap().name.clone();
    let patroni = c.member(&candidate).and_then(|m| m.patroni).expect("the candidate's Patroni runs").pid;
    let frozen = Frozen::new(patroni);
    let args = ["-c", &config, "switchover", "--candidate", &next, "--force", "--timeout", "45"];
    let out = hactl(&args, &[]);
    drop(frozen);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(5), "{stdout}{stderr}");
    assert!(!stdout.contains("verified") && !stderr.contains("verified:"), "{stdout}{stderr}");
    let named = format!("waiting for {candidate} to stream from {next} on timeline");
    assert!(stderr.contains(&named) && stderr.contains("it has published no member key since"), "{stderr}");

    // Frozen until its lease has expired and the candidate took the key, then thawed: it rejoins and
    // the switchover converges, but the leadership moved by lease expiry, not by a handover, and
    // the outcome says so instead of "Switchover verified".
    let leads = |name: &str| {
        let rows = json_of(&hactl(&["-c", &config, "list", "-f", "json"], &[]));
        let rows = rows.as_array().cloned().unwrap_or_default();
        rows.len() == 3
            && rows.iter().any(|m| m["Member"] == name && m["Role"] == "Leader")
            && rows.iter().filter(|m| m["Role"] != "Leader").all(|m| m["State"] == "streaming")
    };
    wait_until("the frozen member to rejoin", Duration::from_secs(120), || leads(&next));
    let patroni = c.member(&next).and_then(|m| m.patroni).expect("its Patroni runs").pid;
    let frozen = Frozen::new(patroni);
    let switchover = {
        let config = config.clone();
        let candidate = candidate.clone();
        std::thread::spawn(move || {
            hactl(&["-c", &config, "switchover", "--candidate", &candidate, "--force", "--timeout", "120"], &[])
        })
    };
    wait_until("the frozen leader's lease to expire", Duration::from_secs(60), || {
        current_leader(&c.scope).is_some_and(|l| l != next)
    });
    drop(frozen);
    let out = switchover.join().unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    let headline = format!("Leadership moved by lease expiry, not handed over: leader {next} -> {candidate}");
    assert!(stdout.contains(&headline), "{stdout}");
    assert!(stdout.contains(&format!("{next}'s leader lease expired after")), "{stdout}");
    assert!(!stdout.contains("Switchover verified"), "{stdout}");
}

/// `flush SCOPE switchover` when no agent answers: like patronictl, it warns for each member, prints
/// its timestamped line and empties the `/failover` key in the DCS itself (`{}`, as patronictl
/// writes it).
#[test]
fn flush_switchover_with_no_agent_reachable_falls_back_to_the_dcs() {
    let scope = "flush-unreachable";
    let member = r#"{"conn_url":"postgres://127.0.0.1:1/postgres","api_url":"http://127.0.0.1:1/patroni","state":"running","role":"primary","version":"4.1.5","timeline":1}"#;
    let failover = r#"{"leader":"pg0","member":"pg1","scheduled_at":"2099-01-01T00:00:00+00:00"}"#;
    lab_etcd(async |client| {
        client.put(format!("/service/{scope}/members/pg0"), member, None).await.unwrap();
        client.put(format!("/service/{scope}/leader"), "pg0", None).await.unwrap();
        client.put(format!("/service/{scope}/failover"), failover, None).await.unwrap();
    });
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let out = hactl(&["-d", &url, "flush", scope, "switchover", "--force"], &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "exit {:?}: {stdout}{stderr}", out.status.code());
    assert!(!stderr.contains("panicked"), "{stderr}");
    let line = stdout.lines().next().unwrap_or_default();
    let (stamp, rest) = line.split_at(line.find(" Could").unwrap_or(0));
    assert_eq!(rest, format!(" Could not find any accessible member of cluster {scope}"), "{stdout}");
    // patronictl's timestamp: `YYYY-MM-DD HH:MM:SS.fffff`.
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M:%S%.f").is_ok() && stamp.len() == 25,
        "{stamp:?}"
    );
    assert!(stderr.contains("pg0"), "the unreachable member is named: {stderr}");
    let left = lab_etcd(async |client| {
        let answer = client.get(format!("/service/{scope}/failover"), None).await.unwrap();
        answer.kvs().iter().map(|kv| kv.value_str().unwrap().to_string()).collect::<Vec<_>>()
    });
    assert_eq!(left, ["{}"], "the scheduled switchover is gone from the /failover key");
}

/// An agent that answers `GET /patroni` with `status` and holds every other request open without
/// answering: what a Patroni frozen after it was probed does, which a real one cannot be timed to do.
fn agent_answering_get_only(status: String) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let status = status.clone();
            std::thread::spawn(move || {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                if request.starts_with(b"GET ") {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        status.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(status.as_bytes()));
                } else {
                    std::thread::sleep(Duration::from_secs(60));
                }
            });
        }
    });
    port
}

/// The leader's agent answers the probe, then never answers the switchover, and its lease expires
/// (its member key goes with it): the request was not delivered, no `/failover` key is written
/// for a leader that no longer holds the key, and hactl stops waiting for the agent at once. The
/// keys after the expiry are what Patroni writes when the candidate takes over and the old leader
/// rejoins.
#[test]
fn a_leader_lease_that_expires_before_the_agent_answers_is_reported_and_nothing_is_written() {
    let scope = "fault-lease-expiry";
    let prefix = format!("/service/{scope}");
    let patroni = r#""patroni":{"version":"4.1.5","scope":"fault-lease-expiry"}"#;
    let leader_api = agent_answering_get_only(format!(
        r#"{{"state":"running","role":"primary","timeline":1,"xlog":{{"location":100}},{patroni}}}"#
    ));
    let candidate_api = agent_answering_get_only(format!(
        r#"{{"state":"running","role":"replica","replication_state":"streaming","timeline":1,"xlog":{{"received_location":100,"replayed_location":100,"paused":false}},{patroni}}}"#
    ));
    let member = |port: u16, role: &str, timeline: u64| {
        let replication = if role == "replica" { r#","replication_state":"streaming""# } else { "" };
        format!(
            r#"{{"api_url":"http://127.0.0.1:{port}/patroni","conn_url":"postgres://127.0.0.1:1/postgres","state":"running","role":"{role}","version":"4.1.5","timeline":{timeline},"xlog_location":100{replication}}}"#
        )
    };
    lab_etcd(async |etcd| {
        let _ = etcd.delete(prefix.clone(), Some(etcd_client::DeleteOptions::new().with_prefix())).await;
        let lease = etcd.lease_grant(6, None).await.unwrap().id();
        let leased = Some(etcd_client::PutOptions::new().with_lease(lease));
        etcd.put(format!("{prefix}/initialize"), "7312345678901234567", None).await.unwrap();
        etcd.put(format!("{prefix}/config"), r#"{"ttl":6,"loop_wait":1}"#, None).await.unwrap();
        etcd.put(format!("{prefix}/members/pg1"), member(candidate_api, "replica", 1), None).await.unwrap();
        etcd.put(format!("{prefix}/members/pg0"), member(leader_api, "primary", 1), leased.clone()).await.unwrap();
        etcd.put(format!("{prefix}/leader"), "pg0", leased).await.unwrap();
    });
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let started = Instant::now();
    let switchover = {
        let url = url.clone();
        std::thread::spawn(move || {
            let args = [
                "-d",
                &url,
                "switchover",
                scope,
                "--leader",
                "pg0",
                "--candidate",
                "pg1",
                "--force",
                "--timeout",
                "40",
            ];
            hactl(&args, &[])
        })
    };
    let leader = || lab_etcd(async |etcd| etcd.get(format!("{prefix}/leader"), None).await.unwrap().kvs().len());
    wait_until("the leader's lease to expire", Duration::from_secs(20), || leader() == 0);
    lab_etcd(async |etcd| {
        etcd.put(format!("{prefix}/leader"), "pg1", None).await.unwrap();
        etcd.put(format!("{prefix}/members/pg1"), member(candidate_api, "primary", 2), None).await.unwrap();
        etcd.put(format!("{prefix}/members/pg0"), member(leader_api, "replica", 2), None).await.unwrap();
    });
    let out = switchover.join().unwrap();
    let took = started.elapsed();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let failover_key = lab_etcd(async |etcd| etcd.get(format!("{prefix}/failover"), None).await.unwrap().kvs().len());
    lab_etcd(async |etcd| {
        let _ = etcd.delete(prefix.clone(), Some(etcd_client::DeleteOptions::new().with_prefix())).await;
    });
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("The switchover request was not delivered: pg0's leader lease expired after"), "{stdout}");
    assert!(
        stdout.contains("Leadership moved by lease expiry, not handed over: leader pg0 -> pg1, timeline 1 -> 2"),
        "{stdout}"
    );
    assert!(!stdout.contains("verified") && !stdout.contains("falling back to DCS"), "{stdout}");
    assert_eq!(failover_key, 0, "no /failover key for a leader that lost its key");
    // Not the agent's 30 s request timeout: the expiry ended the wait for its answer.
    assert!(took < Duration::from_secs(25), "took {took:?}");
}

/// `pause --wait` with a replica frozen: its stale key cannot confirm the pause, its agent does
/// not answer, and then its key expires (ttl 20 s). It stays awaited and is named at the timeout
/// (exit 5), where patronictl drops a member whose key is gone and reports success.
#[test]
fn pause_wait_names_a_member_whose_key_expired_instead_of_dropping_it() {
    let own = OwnCluster::start_fast("fault-pause-vanish");
    let c = &own.state;
    let leader = leader_in(&c.scope);
    let replica = c.members.iter().find(|m| m.name != leader).unwrap();
    let frozen = Frozen::new(replica.patroni.expect("its Patroni runs").pid);
    let out = run(c, &["pause", "--wait", "--timeout", "40"]);
    let expired = lab_etcd(async |etcd| {
        let key = format!("/service/{}/members/{}", c.scope, replica.name);
        etcd.get(key, None).await.unwrap().kvs().is_empty()
    });
    drop(frozen);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let _ = run(c, &["resume"]);
    assert!(expired, "the frozen member's key outlived the wait: nothing was tested");
    assert_eq!(out.status.code(), Some(5), "{stdout}{stderr}");
    assert!(stdout.contains(&format!("{} members didn't recognized pause state", replica.name)), "{stdout}");
    let named = format!("{} published no member key any more", replica.name);
    assert!(stderr.contains(&named), "{stderr}");

    // The leader frozen: its agent keeps the request 10 s before another agent takes it, and
    // `--timeout` counts from the request, so the whole wait ends near 12 s, not 10 + 12.
    wait_until("the frozen replica back", Duration::from_secs(60), || {
        json_of(&run(c, &["list", "-f", "json"])).as_array().is_some_and(|m| m.len() == 3)
    });
    let leader = leader_in(&c.scope);
    let frozen = Frozen::new(c.member(&leader).and_then(|m| m.patroni).expect("its Patroni runs").pid);
    let started = Instant::now();
    let out = run(c, &["pause", "--wait", "--timeout", "12"]);
    let took = started.elapsed();
    drop(frozen);
    let _ = run(c, &["resume", "--wait", "--timeout", "30"]);
    assert_eq!(out.status.code(), Some(5), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(took < Duration::from_secs(15), "took {took:?} with --timeout 12");

    // The leader frozen again: pause, then resume, both through another agent. The frozen agent
    // was sent neither, so when it wakes it applies nothing late (sent to it and timed out, a
    // queued pause left the cluster paused after the resume had succeeded).
    wait_until("a leader with an agent", Duration::from_secs(60), || !run(c, &["list"]).stdout.is_empty());
    let leader = leader_in(&c.scope);
    let frozen = Frozen::new(c.member(&leader).and_then(|m| m.patroni).expect("its Patroni runs").pid);
    let started = Instant::now();
    let paused = run(c, &["pause"]);
    let took = started.elapsed();
    let resumed = run(c, &["resume"]);
    let config_revision = || {
        lab_etcd(async |etcd| {
            let key = format!("/service/{}/config", c.scope);
            etcd.get(key, None).await.unwrap().kvs().first().map(|kv| kv.mod_revision())
        })
    };
    let after_resume = config_revision();
    drop(frozen);
    for out in [&paused, &resumed] {
        assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(stderr.contains(&format!("the agent of {leader} did not answer")), "{stderr}");
        assert!(stderr.contains("it was not sent the "), "{stderr}");
    }
    assert!(took < Duration::from_secs(8), "the silent leader costs its 3 s check, not the 10 s request: {took:?}");
    std::thread::sleep(Duration::from_secs(8)); // a few loop_waits of the thawed agent
    assert_eq!(config_revision(), after_resume, "the thawed agent changed /config after the resume");
    assert!(!text(&run(c, &["list"]).stdout).contains("Maintenance mode: on"), "paused after the resume");
}

/// The leader's agent frozen, the switchover sent through the DCS, then the candidate frozen too
/// before the leader's lease expires: the third member takes the key (Patroni passes over a
/// candidate whose agent does not answer). hactl names the member that won and exits 1, never
/// "verified".
#[test]
fn a_switchover_whose_lease_expiry_is_won_by_another_member_exits_1_naming_it() {
    let own = OwnCluster::start_fast("fault-lease-other");
    let c = &own.state;
    let config = config_of(c).to_str().unwrap().to_string();
    let leader = leader_in(&c.scope);
    let candidate = c.members.iter().find(|m| m.name != leader).unwrap().name.clone();
    let third = c.members.iter().find(|m| m.name != leader && m.name != candidate).unwrap().name.clone();
    let pid = |name: &str| c.member(name).and_then(|m| m.patroni).expect("its Patroni runs").pid;
    let mut frozen = Frozen::new(pid(&leader));
    let switchover = {
        let (config, candidate) = (config.clone(), candidate.clone());
        std::thread::spawn(move || {
            hactl(&["-c", &config, "switchover", "--candidate", &candidate, "--force", "--timeout", "90"], &[])
        })
    };
    let key = format!("/service/{}/failover", c.scope);
    wait_until("the /failover key", Duration::from_secs(20), || {
        lab_etcd(async |etcd| !etcd.get(key.clone(), None).await.unwrap().kvs().is_empty())
    });
    frozen.freeze(pid(&candidate));
    wait_until("another member to take the key", Duration::from_secs(60), || {
        current_leader(&c.scope).is_some_and(|l| l == third)
    });
    drop(frozen);
    let out = switchover.join().unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let named = format!(
        "Switchover ended with {third} as the leader instead of {candidate}: {leader}'s leader lease expired after"
    );
    assert!(stderr.contains(&named), "{stderr}");
    assert!(stderr.contains("; the /failover key was written in etcd"), "{stderr}");
    assert!(!stdout.contains("verified") && !stderr.contains("verified:"), "{stdout}{stderr}");
}

/// Writes and watches go to an etcd endpoint that answers. Silent endpoints (they accept
/// connections and never answer, like a SIGSTOPped member) listed before the lab's three:
/// `pause --wait`, `resume --wait` and a switchover each complete and verify. With one
/// load-balanced client for writes and watches, some went to a silent endpoint and the command
/// failed after `--dcs-timeout` with exit 4, sometimes after its change was made.
#[test]
fn silent_etcd_endpoints_do_not_fail_writes_and_watches() {
    let own = OwnCluster::start_fast("fault-etcd-silent");
    let c = &own.state;
    let silent: Vec<std::net::TcpListener> =
        (0..3).map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap()).collect();
    let mut hosts: Vec<String> = silent.iter().map(|l| l.local_addr().unwrap().to_string()).collect();
    hosts.extend(lab().etcd_endpoints());
    let hosts = hosts.join(",");
    let config = cfg(c);
    let leader = leader_in(&c.scope);
    let candidate = c.members.iter().find(|m| m.name != leader).unwrap().name.clone();
    let wait = ["--wait", "--timeout", "30"];
    let steps: [&[&str]; 5] = [
        &[&["pause"][..], &wait].concat(),
        &[&["resume"][..], &wait].concat(),
        &[&["pause"][..], &wait].concat(),
        &[&["resume"][..], &wait].concat(),
        &["switchover", "--candidate", &candidate, "--force"],
    ];
    for args in steps {
        let mut full = vec!["-c", config.as_str(), "--dcs-timeout", "3"];
        full.extend_from_slice(args);
        let started = Instant::now();
        let out = hactl(&full, &[("PATRONI_ETCD3_HOSTS", &hosts)]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(0), "{args:?} after {took:?}: {}{}", text(&out.stdout), text(&out.stderr));
    }
    assert_eq!(current_leader(&c.scope).as_deref(), Some(candidate.as_str()));
    drop(silent);
}

/// The leader's Patroni frozen (SIGSTOP): `status` names its silent agent at once, before the
/// leader key expires; once another member holds the key while the old primary's PostgreSQL,
/// its Patroni still frozen, stays writable, `status` is CRITICAL naming both: two primaries.
#[test]
fn status_names_a_frozen_leader_agent_then_the_two_primaries_after_the_failover() {
    use hactl::lab::SUPERUSER;
    let own = OwnCluster::start_fast("status-split");
    let c = &own.state;
    let config = cfg(c);
    let pg = [("PGUSER", SUPERUSER.user), ("PGPASSWORD", SUPERUSER.password)];
    let status = || hactl(&["-c", &config, "status", "-f", "json", "--timeout", "3"], &pg);
    wait_until("every tier OK", Duration::from_secs(60), || json_of(&status())["verdict"] == "ok");
    let leader = leader_in(&c.scope);
    let frozen = Frozen::new(c.member(&leader).and_then(|m| m.patroni).expect("its Patroni runs").pid);

    let started = Instant::now();
    let out = status();
    let json = json_of(&out);
    assert!(started.elapsed() < Duration::from_secs(10), "status took {:?}", started.elapsed());
    let patroni = &json["tiers"]["patroni"];
    assert!(matches!(patroni["verdict"].as_str(), Some("warning" | "critical")), "{json}");
    let named = format!("the agent of {leader} does not answer GET /patroni within 2s (frozen or overloaded?)");
    assert!(patroni["reason"].as_str().unwrap().contains(&named), "{json}");
    let member = patroni["members"].as_array().unwrap().iter().find(|m| m["name"] == leader.as_str()).unwrap();
    assert_eq!((&member["agent"]["answered"], &member["agent_role"]), (&false.into(), &serde_json::Value::Null));

    let mut new_leader = String::new();
    wait_until("another member to take the leader key", Duration::from_secs(90), || {
        new_leader = current_leader(&c.scope).unwrap_or_default();
        !new_leader.is_empty() && new_leader != leader
    });
    // The old primary, its Patroni frozen, still takes writes.
    assert_eq!(psql(c, &leader, "select pg_is_in_recovery()").trim(), "f");
    psql(c, &leader, "create table if not exists split_brain_probe (n int); insert into split_brain_probe values (1)");
    let said = format!(
        "{leader}'s PostgreSQL accepts writes (not in recovery) while {new_leader} holds the leader key: two primaries"
    );
    // The new leader is promoted a moment after it takes the key.
    let deadline = Instant::now() + Duration::from_secs(30);
    let last = loop {
        let out = status();
        let last = json_of(&out);
        let named = last["disagreements"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains(&said));
        if named && out.status.code() == Some(1) {
            break last;
        }
        assert!(Instant::now() < deadline, "status does not name the two primaries ({said}): {last}");
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_eq!((&last["verdict"], &last["tiers"]["postgres"]["verdict"]), (&"critical".into(), &"critical".into()));
    let screen = text(&hactl(&["-c", &config, "status"], &pg).stdout);
    assert!(screen.contains("  postgres   CRITICAL  ") && screen.contains(&said), "{screen}");
    drop(frozen);
}
