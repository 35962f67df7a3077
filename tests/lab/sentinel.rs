//! `hactl sentinel ...` against real Redis 7 with a replica and 3 Sentinels: the shared lab for
//! reads, labs of their own for stopping Sentinels and for failing over. Redis's own `ROLE`
//! (asked directly, not through hactl) is the ground truth.

use crate::common::*;
use hactl::lab::{LabState, RedisState};
use serde_json::Value;
use std::time::{Duration, Instant};

fn redis_of(state: &LabState) -> &RedisState {
    state.redis.as_ref().expect("the lab runs Redis")
}

/// `--sentinel HOST:PORT` for each Sentinel of the lab, in order.
fn sentinel_args(redis: &RedisState) -> Vec<String> {
    redis.sentinels.iter().flat_map(|s| ["--sentinel".to_string(), format!("127.0.0.1:{}", s.port)]).collect()
}

fn run(redis: &RedisState, args: &[&str]) -> std::process::Output {
    let connect = sentinel_args(redis);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(connect.iter().map(String::as_str));
    hactl(&all, &[])
}

/// What Redis on `port` says it is: `master`, or `slave` with its link state.
fn role(port: u16) -> (String, Option<String>) {
    let client = redis::Client::open(redis::ConnectionAddr::Tcp("127.0.0.1".into(), port)).unwrap();
    let mut connection = client.get_connection_with_timeout(Duration::from_secs(5)).expect("redis answers");
    let reply: Vec<redis::Value> = redis::cmd("ROLE").query(&mut connection).expect("ROLE answers");
    let text = |v: &redis::Value| redis::from_redis_value_ref::<String>(v).unwrap();
    let kind = text(&reply[0]);
    let link = (kind == "slave").then(|| text(&reply[3]));
    (kind, link)
}

/// The data node that `ROLE` says is the master, and the other one.
fn master_and_replica(redis: &RedisState) -> (u16, u16) {
    let (a, b) = (redis.master.port, redis.replica.port);
    match (role(a).0.as_str(), role(b).0.as_str()) {
        ("master", "slave") => (a, b),
        ("slave", "master") => (b, a),
        other => panic!("redis {a}/{b} are {other:?}, not one master and one replica"),
    }
}

#[test]
fn sentinel_masters_shows_the_master() {
    let redis = redis_of(lab());
    let (master, replica) = master_and_replica(redis);
    let out = run(redis, &["sentinel", "masters"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let row = stdout.lines().find(|l| l.starts_with("| mymaster ")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(row.contains(&format!("| 127.0.0.1:{master} | master |")), "{row}");

    let masters = json_of(&run(redis, &["sentinel", "masters", "-f", "json"]));
    let mymaster = masters.as_array().unwrap().iter().find(|m| m["name"] == "mymaster").expect("mymaster listed");
    assert_eq!(mymaster["addr"], serde_json::json!({"host": "127.0.0.1", "port": master}));
    assert_eq!(mymaster["flags"], serde_json::json!(["master"]));
    assert_eq!((&mymaster["replicas"], &mymaster["sentinels"], &mymaster["quorum"]), (&1.into(), &3.into(), &2.into()));

    let replicas = json_of(&run(redis, &["sentinel", "replicas", "mymaster", "-f", "json"]));
    assert_eq!(replicas.as_array().unwrap().len(), 1, "{replicas}");
    assert_eq!(replicas[0]["addr"]["port"], replica);
    assert_eq!(replicas[0]["master_link_status"], "ok");
    assert_eq!(replicas[0]["master"]["port"], master);
    assert!(replicas[0]["offset"].is_i64());
    let out = run(redis, &["sentinel", "replicas", "mymaster"]);
    assert!(text(&out.stdout).contains(&format!("| 127.0.0.1:{replica} | slave | ok   |")), "{}", text(&out.stdout));

    let peers = json_of(&run(redis, &["sentinel", "sentinels", "mymaster", "-f", "json"]));
    let mut ports: Vec<u64> = peers.as_array().unwrap().iter().map(|s| s["addr"]["port"].as_u64().unwrap()).collect();
    ports.sort();
    let others: Vec<u64> = redis.sentinels[1..].iter().map(|s| u64::from(s.port)).collect();
    assert_eq!(ports, others, "the first Sentinel answers and lists the two others");

    let out = run(redis, &["sentinel", "get-master-addr", "mymaster"]);
    assert_eq!(text(&out.stdout), format!("127.0.0.1:{master}\n"));
    let addr = json_of(&run(redis, &["sentinel", "get-master-addr", "mymaster", "-f", "json"]));
    assert_eq!(addr, serde_json::json!({"name": "mymaster", "host": "127.0.0.1", "port": master}));
}

#[test]
fn sentinels_come_from_flags_environment_or_config_and_are_tried_in_order() {
    let redis = redis_of(lab());
    let (master, _) = master_and_replica(redis);
    let expected = format!("127.0.0.1:{master}\n");
    let live = format!("127.0.0.1:{}", redis.sentinels[2].port);
    // A dead first Sentinel is skipped.
    let out =
        hactl(&["sentinel", "get-master-addr", "mymaster", "--sentinel", "127.0.0.1:1", "--sentinel", &live], &[]);
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), expected.clone()), "{}", text(&out.stderr));
    let list = format!("127.0.0.1:1,{live}");
    let out = hactl(&["sentinel", "get-master-addr", "mymaster"], &[("HACTL_SENTINELS", &list)]);
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), expected.clone()), "{}", text(&out.stderr));
    let dir = std::env::temp_dir().join(format!("hactl-sentinel-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("hactl.yml");
    std::fs::write(&config, format!("sentinel:\n  hosts:\n  - 127.0.0.1:1\n  - {live}\n")).unwrap();
    let out = hactl(&["-c", config.to_str().unwrap(), "sentinel", "get-master-addr", "mymaster"], &[]);
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), expected), "{}", text(&out.stderr));

    // A password the Sentinel refuses: exit 2, and the password is never printed.
    std::fs::write(&config, format!("sentinel:\n  hosts: {live}\n  password: hunter2-secret\n")).unwrap();
    let out = hactl(&["-c", config.to_str().unwrap(), "sentinel", "masters", "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(&format!("Sentinel {live} refused authentication (")), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("hunter2") && !text(&out.stdout).contains("hunter2"));

    // A frozen Sentinel (accepts, never answers) costs the timeout once, then the next answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let frozen = silent.local_addr().unwrap().to_string();
    let start = Instant::now();
    let out = hactl(
        &[
            "sentinel",
            "get-master-addr",
            "mymaster",
            "--sentinel-timeout",
            "1",
            "--sentinel",
            &frozen,
            "--sentinel",
            &live,
        ],
        &[],
    );
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), format!("127.0.0.1:{master}\n")),
        "{}",
        text(&out.stderr)
    );
    assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    let out = hactl(&["sentinel", "masters", "--sentinel-timeout", "1", "--sentinel", &frozen], &[]);
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains(&format!("({frozen}: no answer within 1s)")), "{}", text(&out.stderr));

    // None answers: exit 4, each one named. None configured: exit 2, saying how to configure.
    let out = hactl(&["sentinel", "masters", "--sentinel", "127.0.0.1:1", "--sentinel", "127.0.0.1:2"], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("Error: no Sentinel answered (127.0.0.1:1: "), "{stderr}");
    assert!(stderr.contains(", 127.0.0.1:2: "), "{stderr}");
    let out = hactl(&["sentinel", "masters"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pass --sentinel HOST:PORT, set HACTL_SENTINELS"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_master_name_is_an_error() {
    let redis = redis_of(lab());
    let before = master_and_replica(redis);
    for command in ["replicas", "sentinels", "get-master-addr", "ckquorum"] {
        let out = run(redis, &["sentinel", command, "nosuch"]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", text(&out.stderr));
        assert!(text(&out.stdout).is_empty(), "{command}: {}", text(&out.stdout));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(
                "monitors no master named \"nosuch\" (known: mymaster); check the name with `hactl sentinel masters`"
            ),
            "{command}: {stderr}"
        );
    }
    let out = run(redis, &["sentinel", "failover", "nosuch", "--force", "-f", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(error["error"]["kind"], "usage");
    assert!(error["error"]["message"].as_str().unwrap().contains("no master named \"nosuch\""));
    // Without --force and without a terminal, failover refuses before asking anything.
    let out = run(redis, &["sentinel", "failover", "mymaster"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pass --force"), "{}", text(&out.stderr));
    assert_eq!(master_and_replica(redis), before, "nothing changed");
}

/// A port where something else than a Sentinel answers (here Patroni's REST API, HTTP): one line
/// that says so, not the RESP parser's multi-line message.
#[test]
fn a_port_that_is_not_a_sentinel_is_named_in_one_line() {
    let demo = shared_cluster(DEMO);
    let rest = format!("127.0.0.1:{}", demo.members[0].api_port);
    let out = hactl(&["sentinel", "masters", "--sentinel", &rest], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("the answer is not in the Redis protocol: is this a Sentinel's port?"), "{stderr}");
}

#[test]
fn sentinel_ckquorum_passes_with_3_and_fails_with_1_left() {
    let own = OwnLab::start("hactl-test-lab-sentinel-quorum", 22479, Some(7490));
    let redis = redis_of(&own.state);
    let out = run(redis, &["sentinel", "ckquorum", "mymaster"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("OK 3 usable Sentinels. Quorum and failover authorization can be reached"));
    let check = json_of(&run(redis, &["sentinel", "ckquorum", "mymaster", "-f", "json"]));
    assert_eq!((&check["ok"], &check["usable"]), (&Value::Bool(true), &3.into()));

    for sentinel in &redis.sentinels[..2] {
        stop_process(&sentinel.name, sentinel.process);
    }
    // The survivor counts the others out once they are subjectively down (5 s in the lab).
    let start = Instant::now();
    let mut last = None;
    wait_until("ckquorum fails with one Sentinel left", Duration::from_secs(30), || {
        let out = run(redis, &["sentinel", "ckquorum", "mymaster"]);
        let failed = out.status.code() != Some(0);
        last = Some(out);
        failed
    });
    let out = last.unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let survivor = format!("127.0.0.1:{}", redis.sentinels[2].port);
    assert!(
        stderr.starts_with(&format!(
            "Error: Sentinel {survivor}: the quorum for mymaster cannot be reached: NOQUORUM 1 usable Sentinels"
        )),
        "{stderr}"
    );
    assert!(text(&out.stdout).starts_with("NOQUORUM 1 usable Sentinels"), "{}", text(&out.stdout));
    eprintln!("ckquorum failed {:?} after two Sentinels stopped", start.elapsed());

    // A failover now is refused by its preflight, and nothing changes.
    let before = master_and_replica(redis);
    let out = run(redis, &["sentinel", "failover", "mymaster", "--force"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("failover of mymaster refused: Sentinel 127.0.0.1:"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).ends_with("; nothing was changed\n"), "{}", text(&out.stderr));
    assert_eq!(master_and_replica(redis), before);
}

#[test]
fn sentinel_promotion_waits_for_the_new_master() {
    let own = OwnLab::start("hactl-test-lab-sentinel-failover", 22579, Some(7590));
    let redis = redis_of(&own.state);
    let (old, new) = master_and_replica(redis);

    // Plain --force: exit 0 only once the address changed; both named.
    let start = Instant::now();
    let out = run(redis, &["sentinel", "failover", "mymaster", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(role(new).0, "master", "the promoted replica is master when hactl returns");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Quorum: OK 3 usable Sentinels."), "{stdout}");
    assert!(stdout.contains(&format!("Master mymaster: 127.0.0.1:{old}\n")), "{stdout}");
    assert!(stdout.contains(&format!("\nFailed over mymaster: 127.0.0.1:{old} -> 127.0.0.1:{new} in ")), "{stdout}");
    let asked = stdout.rsplit("(Sentinel ").next().unwrap().trim_end().trim_end_matches(')').to_string();
    let out = hactl(&["sentinel", "get-master-addr", "mymaster", "--sentinel", &asked], &[]);
    assert_eq!(text(&out.stdout), format!("127.0.0.1:{new}\n"));
    eprintln!("failover 1 took {:?}", start.elapsed());

    // Back, with --wait: the old master follows the new one when hactl returns.
    wait_until("Sentinel converts the old master into a replica", Duration::from_secs(60), || {
        role(old) == ("slave".to_string(), Some("connected".to_string()))
    });
    let start = Instant::now();
    let out = run(redis, &["sentinel", "failover", "mymaster", "--force", "--wait", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(role(old).0, "master");
    assert_eq!(role(new), ("slave".to_string(), Some("connected".to_string())));
    let report = json_of(&out);
    assert_eq!(report["plan"]["master"]["port"], new);
    assert_eq!(report["result"]["old_master"]["port"], new);
    assert_eq!(report["result"]["new_master"]["port"], old);
    let replicas = report["result"]["replicas"].as_array().expect("--wait reports the replicas");
    assert_eq!(replicas.len(), 1);
    assert_eq!((&replicas[0]["addr"]["port"], &replicas[0]["master_link_status"]), (&new.into(), &"ok".into()));
    eprintln!("failover 2 with --wait took {:?}", start.elapsed());

    // A timeout too short to see the switch: exit 5, and the failover completes anyway.
    let out = run(redis, &["sentinel", "failover", "mymaster", "--force", "--timeout", "0.001"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("failover of mymaster was accepted by Sentinel 127.0.0.1:"), "{stderr}");
    assert!(
        stderr.contains(&format!("but the master is still 127.0.0.1:{old} after 0.001s; it may still complete")),
        "{stderr}"
    );
    wait_until("the failover completes after hactl gave up", Duration::from_secs(60), || role(new).0 == "master");
}

/// On a terminal (a pty from `script`), failover shows its plan and asks; "n" changes nothing.
#[test]
fn failover_on_a_terminal_asks_and_no_changes_nothing() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let redis = redis_of(lab());
    let before = master_and_replica(redis);
    let command = format!(
        "{} sentinel failover mymaster --color never --sentinel 127.0.0.1:{}",
        env!("CARGO_BIN_EXE_hactl"),
        redis.sentinels[0].port
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", std::env::temp_dir().join("hactl-test-home"))
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (bsdutils) runs");
    child.stdin.take().unwrap().write_all(b"n").unwrap();
    let out = child.wait_with_output().unwrap();
    let terminal = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{terminal}");
    let question = format!("Fail over mymaster from 127.0.0.1:{} to one of its 1 replica(s)? [y/N]", before.0);
    assert!(terminal.contains(&question), "{terminal}");
    assert!(terminal.contains("Error: aborted: nothing was changed"), "{terminal}");
    assert_eq!(master_and_replica(redis), before, "nothing changed");
}

/// A Sentinel of its own that speaks only TLS and requires a client certificate (certificates
/// made with openssl for the test), watching a master that does not exist: reached through the
/// `sentinel` section's `cacert`, `cert` and `key`; refused without the client certificate or TLS.
#[test]
fn sentinel_over_tls_with_a_client_certificate() {
    use std::process::{Command, Stdio};
    let dir = std::path::PathBuf::from(crate::common::tmp_dir("hactl-test-sentinel-tls"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(&dir).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", text(&out.stderr));
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=hactl test CA",
    ]);
    std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
    for (name, subject) in [("server", "/CN=127.0.0.1"), ("client", "/CN=hactl")] {
        let (key, csr, pem) = (format!("{name}.key"), format!("{name}.csr"), format!("{name}.pem"));
        openssl(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj", subject]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            &pem,
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
    }
    // Below the ephemeral port range, away from the other labs' Sentinels (2x390-2x692).
    let port = crate::common::port(27890);
    let conf = format!(
        "port 0\ntls-port {port}\nbind 127.0.0.1\ntls-cert-file {}\ntls-key-file {}\ntls-ca-cert-file {}\n\
         tls-auth-clients yes\ndaemonize no\nlogfile {}\ndir {}\nsentinel monitor tlsmaster 127.0.0.1 1 1\n",
        path("server.pem"),
        path("server.key"),
        path("ca.pem"),
        path("sentinel.log"),
        dir.display()
    );
    std::fs::write(dir.join("sentinel.conf"), conf).unwrap();
    struct Stop(std::process::Child);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let sentinel = Stop(
        Command::new("redis-sentinel")
            .arg(path("sentinel.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-sentinel runs"),
    );
    wait_until("the TLS Sentinel listens", Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let host = format!("127.0.0.1:{port}");
    let config = |extra: &str| {
        let file = dir.join("hactl.yml");
        std::fs::write(&file, format!("sentinel:\n  hosts: {host}\n  cacert: {}\n{extra}", path("ca.pem"))).unwrap();
        file.to_str().unwrap().to_string()
    };
    let mtls = config(&format!("  cert: {}\n  key: {}\n", path("client.pem"), path("client.key")));
    let out = hactl(&["-c", &mtls, "sentinel", "masters", "-f", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let masters = json_of(&out);
    assert_eq!(masters[0]["name"], "tlsmaster", "{masters}");
    assert_eq!(masters[0]["addr"], serde_json::json!({"host": "127.0.0.1", "port": 1}));

    let without_identity = config("");
    let out = hactl(&["-c", &without_identity, "sentinel", "masters", "--sentinel-timeout", "2"], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("Error: no Sentinel answered ({host}: ")), "{stderr}");
    assert!(stderr.contains("CertificateRequired"), "the Sentinel wants a client certificate: {stderr}");
    let out = hactl(&["sentinel", "masters", "--sentinel", &host, "--sentinel-timeout", "2"], &[]);
    assert_eq!(out.status.code(), Some(4), "plain text to a TLS port: {}", text(&out.stderr));
    drop(sentinel);
    let _ = std::fs::remove_dir_all(&dir);
}
