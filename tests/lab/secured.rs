//! The secured lab: etcd with client certificates and users, Patroni's REST API over HTTPS with
//! client-certificate verification and basic auth, Redis and Sentinels with a password. hactl
//! reaches all of it from a node's `patroni.yml` alone (the keys patronictl uses), names the
//! thing and the fix when a credential is wrong, and never prints a secret.
//!
//! Two rows of the fault matrix that faults.rs and failover.rs leave out run here too, on the
//! secured cluster: the leader's agent hung during a switchover, and the candidate killed during
//! one.
//!
//! One secured lab with one fast cluster serves the whole file, in its own dir and on its own
//! ports (etcd 22779, Redis 7690, PostgreSQL from 25432, REST APIs from 28008). Like the shared
//! lab it is left running (`.ci/test` stops it by pid). The tests take turns: some change the
//! cluster (switchover, pause, reinit), and the others need it settled.

use crate::common::{Frozen, etcd_with, hactl, port, text, tmp_dir};
use hactl::lab::{self, ClusterSpec, ClusterState, LabSecurity, LabSpec, LabState, Security, StandbySource};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

const SCOPE: &str = "secure";
const ETCD_PORT: u16 = 22779;
const REDIS_PORT: u16 = 7690;

fn dir() -> PathBuf {
    std::env::var_os("HACTL_TEST_SECURED_LAB_DIR")
        .map_or_else(|| PathBuf::from(tmp_dir("hactl-test-lab-secured")), PathBuf::from)
}

fn spec() -> LabSpec {
    let mut spec = LabSpec::new(dir());
    spec.security = Security::Tls;
    spec.etcd_base_port = port(ETCD_PORT);
    spec.redis = true;
    spec.redis_base_port = port(REDIS_PORT);
    spec.pg_base_port = port(25432);
    spec.api_base_port = port(28008);
    spec.clusters = vec![ClusterSpec { ttl: 20, loop_wait: 2, ..ClusterSpec::new(SCOPE) }];
    spec.timeout = Duration::from_secs(180);
    spec
}

/// Starts the secured lab on first use (or reuses the one running), with its ctl.yml written.
fn secured() -> &'static LabState {
    static LAB: OnceLock<LabState> = OnceLock::new();
    LAB.get_or_init(|| {
        let started = Instant::now();
        let state = lab::up(&spec(), &mut |_| {}).or_else(|first| {
            // Whatever a killed run left behind: start clean.
            eprintln!("secured lab: {first}; starting it afresh");
            lab::down(&dir(), &mut |_| {}).expect("the old secured lab stops");
            lab::up(&spec(), &mut |_| {})
        });
        let state = state.unwrap_or_else(|e| panic!("cannot start the secured lab: {e}"));
        lab::write_ctl_config(&state, Some(SCOPE)).expect("ctl.yml is written");
        eprintln!("secured lab ready after {:.1}s", started.elapsed().as_secs_f64());
        state
    })
}

/// The tests of this file one at a time: they share one cluster, which some of them change.
fn turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn security() -> &'static LabSecurity {
    secured().security.as_ref().expect("the secured lab has certificates and passwords")
}

/// The cluster as recorded now: pids change when a test kills a member and `lab up` restarts it.
fn cluster() -> ClusterState {
    secured();
    let state = lab::load(&dir()).expect("the secured lab is recorded");
    state.cluster(SCOPE).cloned().expect("the secured lab runs the cluster")
}

/// pg0's patroni.yml: the only configuration the commands get.
fn node_config() -> String {
    cluster().config_path("pg0").unwrap().to_str().unwrap().to_string()
}

fn ctl_config() -> String {
    dir().join("ctl.yml").to_str().unwrap().to_string()
}

/// Where the tests write their broken configs: beside the lab, which `lab down` removes whole.
fn scratch(name: &str) -> PathBuf {
    let scratch = std::env::temp_dir().join("hactl-test-secured-scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    scratch.join(name)
}

/// Writes a file only its owner may read: these hold the lab's passwords.
fn write_private(path: &Path, content: &str) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path).unwrap();
    file.write_all(content.as_bytes()).unwrap();
}

/// `hactl -c <config> args...`
fn run(config: &str, args: &[&str]) -> Output {
    hactl(&with_config(config, args), &[])
}

fn all(out: &Output) -> String {
    text(&out.stdout) + &text(&out.stderr)
}

fn assert_exit(out: &Output, code: i32, what: &str) {
    assert_eq!(out.status.code(), Some(code), "{what}:\n{}", all(out));
}

/// `-c config args...`
fn with_config<'a>(config: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut full = vec!["-c", config];
    full.extend_from_slice(args);
    full
}

/// The secured etcd's revision, read as the `patroni` user with hactl's client certificate.
fn etcd_revision() -> i64 {
    etcd_count("/service/").0
}

/// The revision, and how many keys are under `prefix`.
fn etcd_count(prefix: &str) -> (i64, i64) {
    secured_etcd(async |client| {
        let options = etcd_client::GetOptions::new().with_prefix().with_count_only();
        let response = client.get(prefix, Some(options)).await.expect("etcd answers");
        (response.header().expect("a header").revision(), response.count())
    })
}

/// The cluster's `/failover` key, when it holds JSON. Patroni leaves `{}` there once a
/// switchover is done.
fn failover_key() -> Option<serde_json::Value> {
    secured_etcd(async |client| {
        let response = client.get(format!("/service/{SCOPE}/failover"), None).await.expect("etcd answers");
        response.kvs().first().and_then(|kv| serde_json::from_slice(kv.value()).ok())
    })
}

/// Runs `conversation` with a client of the secured etcd, as the `patroni` user with hactl's
/// client certificate.
fn secured_etcd<T>(conversation: impl AsyncFnOnce(&mut etcd_client::Client) -> T) -> T {
    let security = security();
    let urls = secured().etcd_endpoints().iter().map(|e| format!("https://{e}")).collect();
    let read = |path: &Path| std::fs::read(path).unwrap();
    let tls = etcd_client::TlsOptions::new()
        .ca_certificate(etcd_client::Certificate::from_pem(read(&security.ca)))
        .identity(etcd_client::Identity::from_pem(read(&security.hactl.cert), read(&security.hactl.key)));
    let options = etcd_client::ConnectOptions::new()
        .with_tls(tls)
        .with_user(security.etcd_user.user.clone(), security.etcd_user.password.expose());
    etcd_with(urls, options, conversation)
}

/// hactl and patronictl with the same arguments, until both saw the same etcd revision: the
/// same stdout and exit status. Returns hactl's stdout.
fn assert_same_as_patronictl(config: &str, args: &[&str]) -> String {
    assert_same_from_env(&[], &with_config(config, args))
}

/// A copy of pg0's config with `edit` applied to the lines of one top-level section.
fn config_with(name: &str, section: &str, edit: impl Fn(Vec<String>) -> Vec<String>) -> String {
    let original = std::fs::read_to_string(node_config()).unwrap();
    let mut out = String::new();
    let mut lines = original.lines().peekable();
    let mut found = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line == format!("{section}:") {
            found = true;
            let mut body = Vec::new();
            while let Some(next) = lines.peek().filter(|l| l.starts_with(' ')) {
                body.push(next.to_string());
                lines.next();
            }
            for edited in edit(body) {
                out.push_str(&edited);
                out.push('\n');
            }
        }
    }
    assert!(found, "no section {section} in {}", node_config());
    let path = scratch(&format!("{name}.yml"));
    write_private(&path, &out);
    path.to_str().unwrap().to_string()
}

fn replace(body: Vec<String>, key: &str, value: &str) -> Vec<String> {
    body.into_iter()
        .map(|l| if l.starts_with(&format!("  {key}:")) { format!("  {key}: {value}") } else { l })
        .collect()
}

fn without(body: Vec<String>, keys: &[&str]) -> Vec<String> {
    body.into_iter().filter(|l| !keys.iter().any(|k| l.starts_with(&format!("  {k}:")))).collect()
}

/// A CA of its own, which signed none of the lab's certificates.
fn other_ca() -> String {
    let path = scratch("other-ca.crt");
    if !path.exists() {
        let key = scratch("other-ca.key");
        let out = Command::new("openssl")
            .env("OPENSSL_CONF", "/dev/null")
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"])
            .args(["-subj", "/CN=not the lab CA", "-addext", "basicConstraints=critical,CA:TRUE", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", all(&out));
    }
    format!("{:?}", path.to_str().unwrap())
}

/// The configs with one thing wrong, by name: what the error-case and secrets tests run.
struct BadConfigs {
    etcd_wrong_ca: String,
    etcd_no_client_cert: String,
    etcd_wrong_password: String,
    rest_wrong_ca: String,
    rest_no_client_cert: String,
    rest_wrong_password: String,
    sentinel_wrong_password: String,
}

fn bad_configs() -> BadConfigs {
    let ca = other_ca();
    let wrong_rest_password = |body: Vec<String>| {
        [
            body,
            vec![
                "  authentication:".into(),
                "    username: \"patroni-rest\"".into(),
                "    password: \"wrong-rest-password\"".into(),
            ],
        ]
        .concat()
    };
    let ctl = std::fs::read_to_string(ctl_config()).unwrap();
    let sentinel_wrong = scratch("sentinel-wrong-password.yml");
    let mut replaced = String::new();
    let mut in_sentinel = false;
    for line in ctl.lines() {
        in_sentinel = if line.starts_with(' ') { in_sentinel } else { line == "sentinel:" };
        let line = if in_sentinel && line.starts_with("  password:") {
            "  password: \"wrong-sentinel-password\""
        } else {
            line
        };
        replaced.push_str(line);
        replaced.push('\n');
    }
    assert!(replaced.contains("wrong-sentinel-password"), "ctl.yml has a sentinel section: {ctl}");
    write_private(&sentinel_wrong, &replaced);
    BadConfigs {
        etcd_wrong_ca: config_with("etcd-wrong-ca", "etcd3", |b| replace(b, "cacert", &ca)),
        etcd_no_client_cert: config_with("etcd-no-cert", "etcd3", |b| without(b, &["cert", "key"])),
        etcd_wrong_password: config_with("etcd-wrong-password", "etcd3", |b| {
            replace(b, "password", "\"wrong-etcd-password\"")
        }),
        rest_wrong_ca: config_with("rest-wrong-ca", "ctl", |b| replace(b, "cacert", &ca)),
        rest_no_client_cert: config_with("rest-no-cert", "ctl", |b| without(b, &["certfile", "keyfile"])),
        rest_wrong_password: config_with("rest-wrong-password", "ctl", wrong_rest_password),
        sentinel_wrong_password: sentinel_wrong.to_str().unwrap().to_string(),
    }
}

fn leader() -> String {
    let out = run(&node_config(), &["list", "-f", "json"]);
    assert_exit(&out, 0, "list");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let leader = rows.as_array().unwrap().iter().find(|m| m["Role"] == "Leader");
    leader.and_then(|m| m["Member"].as_str()).expect("the cluster has a leader").to_string()
}

/// Waits until the cluster is healthy again (one leader, every replica streaming).
fn settle() {
    lab::wait_cluster_healthy(&cluster(), Duration::from_secs(120)).expect("the secured cluster is healthy");
    // A test before this one may have frozen an etcd member: wait out the election it caused.
    let deadline = Instant::now() + Duration::from_secs(30);
    while run(&node_config(), &["etcd", "health"]).status.code() != Some(0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn list_matches_patronictl_from_a_node_config_alone() {
    let _turn = turn();
    settle();
    let config = node_config();
    for args in [
        &["list"][..],
        &["list", SCOPE, "-e"],
        &["list", "-f", "json"],
        &["list", "-f", "yaml"],
        &["list", "-f", "tsv"],
        &["topology"],
    ] {
        let started = Instant::now();
        let stdout = assert_same_as_patronictl(&config, args);
        eprintln!("{args:?}: same as patronictl ({:.2}s for both)", started.elapsed().as_secs_f64());
        assert!(stdout.contains("pg0") && stdout.contains("pg2"), "{stdout}");
    }
    // The lab's ctl.yml (hactl's own client certificate) reads the same.
    assert_same_as_patronictl(&ctl_config(), &["list"]);
    let started = Instant::now();
    assert_exit(&run(&config, &["list"]), 0, "list");
    eprintln!("hactl list on the secured lab: {:.2}s", started.elapsed().as_secs_f64());
}

#[test]
fn etcd_and_sentinel_commands_use_the_configured_tls_and_passwords() {
    let _turn = turn();
    settle();
    let config = node_config();
    let health = run(&config, &["etcd", "health"]);
    assert_exit(&health, 0, "etcd health");
    for endpoint in secured().etcd_endpoints() {
        assert!(text(&health.stdout).contains(&format!("https://{endpoint} | true")), "{}", all(&health));
    }
    assert!(text(&health.stdout).contains("Quorum held: 3 of 3 members healthy"), "{}", all(&health));
    for args in [&["etcd", "status"][..], &["etcd", "members"], &["etcd", "alarms"]] {
        assert_exit(&run(&config, args), 0, &format!("{args:?}"));
    }
    let masters = run(&ctl_config(), &["sentinel", "masters", "-f", "json"]);
    assert_exit(&masters, 0, "sentinel masters from ctl.yml's sentinel section");
    assert!(text(&masters.stdout).contains("mymaster"), "{}", all(&masters));
}

#[test]
fn switchover_pause_and_reinit_work() {
    let _turn = turn();
    settle();
    let config = node_config();
    let _ = run(&config, &["resume", "--wait"]);
    let before = leader();

    let started = Instant::now();
    let mut seen = String::new();
    let out = run(&config, &["switchover", "--force"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "switchover");
    assert!(text(&out.stdout).contains("Switchover verified: leader "), "{}", all(&out));
    eprintln!("switchover from {before}: verified after {:.1}s", started.elapsed().as_secs_f64());
    assert_ne!(leader(), before);

    let out = run(&config, &["pause", "--wait"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "pause");
    assert!(text(&out.stdout).contains("Pause verified"), "{}", all(&out));
    assert!(text(&run(&config, &["list"]).stdout).contains(" Maintenance mode: on"));
    let out = run(&config, &["resume", "--wait"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "resume");
    assert!(text(&out.stdout).contains("Resume verified"), "{}", all(&out));

    settle();
    let replica = cluster().members.iter().map(|m| m.name.clone()).find(|name| *name != leader()).unwrap();
    let started = Instant::now();
    let out = run(&config, &["reinit", SCOPE, &replica, "--force", "--wait"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "reinit");
    assert!(text(&out.stdout).contains("Reinitialize verified"), "{}", all(&out));
    eprintln!("reinit of {replica}: verified after {:.1}s", started.elapsed().as_secs_f64());
    settle();
    for secret in secrets() {
        assert!(!seen.contains(&secret), "a secret of the lab appears in the output of a successful action");
    }
}

/// Runs `args` with `config`, expects `code` within a few seconds and every word in stderr.
fn assert_refused(config: &str, args: &[&str], code: i32, words: &[&str]) -> String {
    let started = Instant::now();
    let out = run(config, args);
    let took = started.elapsed();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}:\n{}", all(&out));
    for word in words {
        assert!(stderr.contains(word), "{args:?}: expected {word:?} in:\n{stderr}");
    }
    assert!(took < Duration::from_secs(10), "{args:?} took {took:?}");
    eprintln!("{args:?} ({:.2}s, exit {code}): {}", took.as_secs_f64(), stderr.trim());
    stderr
}

#[test]
fn bad_credentials_are_named_with_the_fix() {
    let _turn = turn();
    settle();
    let bad = bad_configs();

    // etcd: TLS failures are configuration errors (exit 2), as refused credentials are.
    for args in [&["list"][..], &["etcd", "health"]] {
        assert_refused(&bad.etcd_wrong_ca, args, 2, &["TLS", "not signed by a trusted CA", "etcd3.cacert"]);
        assert_refused(&bad.etcd_no_client_cert, args, 2, &["TLS", "client certificate", "etcd3.cert"]);
        assert_refused(&bad.etcd_wrong_password, args, 2, &["authentication failed", "etcd3.username"]);
    }
    let json = run(&bad.etcd_wrong_password, &["list", "-f", "json"]);
    assert_exit(&json, 2, "list -f json");
    assert!(text(&json.stderr).contains("\"exit_code\":2"), "{}", all(&json));

    // The REST API: a candidate whose agent cannot be reached over TLS fails its check (exit 3,
    // nothing changed); the reason says TLS and what to set.
    let dry = ["switchover", "--dry-run"];
    assert_refused(&bad.rest_wrong_ca, &dry, 3, &["TLS", "not signed by a trusted CA", "ctl.cacert", "-k/--insecure"]);
    assert_refused(&bad.rest_no_client_cert, &dry, 3, &["TLS", "requires a client certificate", "ctl.certfile"]);
    // -k skips the verification of the agents' certificates (the client certificate is still sent).
    let insecure = run(&bad.rest_wrong_ca, &["-k", "switchover", "--dry-run"]);
    assert_exit(&insecure, 0, "-k with a CA that did not sign the agents' certificates");
    assert!(text(&insecure.stdout).contains("passed   candidate_agent"), "{}", all(&insecure));
    // The agent itself refuses the wrong password: its 401, and where to fix it.
    let before = leader();
    assert_refused(
        &bad.rest_wrong_password,
        &["switchover", "--force"],
        2,
        &["401", "not authenticated", "refused the credentials", "ctl.authentication"],
    );
    assert_eq!(leader(), before, "a refused switchover changes nothing");

    // Sentinel: the password from ctl.yml's sentinel section.
    assert_refused(&bad.sentinel_wrong_password, &["sentinel", "masters"], 2, &["sentinel.password"]);
}

/// The lab's secrets: every password in its configs, and the body of every private key.
fn secrets() -> Vec<String> {
    let security = security();
    let mut secrets: Vec<String> = security.passwords().iter().map(|p| p.to_string()).collect();
    for key in security.private_keys() {
        let pem = std::fs::read_to_string(key).unwrap();
        assert!(pem.contains("PRIVATE KEY"), "{}", key.display());
        secrets.extend(pem.lines().filter(|l| !l.starts_with("-----") && l.len() >= 16).map(str::to_string));
    }
    secrets
}

/// What a command of the secrets test must do, so that the test greps real answers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Success,
    Failure,
    Either,
}

#[test]
fn no_secret_appears_in_any_output() {
    use Expect::*;
    let _turn = turn();
    settle();
    let secrets = secrets();
    assert!(secrets.len() > 10, "{} secrets", secrets.len());
    let (node, ctl) = (node_config(), ctl_config());
    let bad = bad_configs();
    let lab_dir = dir().to_str().unwrap().to_string();
    let mut runs: Vec<(Expect, Vec<String>)> = Vec::new();
    let mut add = |expect: Expect, config: &str, args: &[&str]| {
        let mut full = vec!["-c".to_string(), config.to_string()];
        full.extend(args.iter().map(|a| a.to_string()));
        runs.push((expect, full));
    };
    for config in [&node, &ctl] {
        for format in ["pretty", "tsv", "json", "yaml"] {
            add(Success, config, &["list", "-e", "-f", format]);
        }
        add(Success, config, &["topology"]);
        add(Success, config, &["switchover", "--dry-run"]);
        add(Success, config, &["switchover", "--dry-run", "-f", "json"]);
        add(Either, config, &["failover", "--dry-run", "-f", "json"]);
        for command in ["health", "status", "members", "alarms"] {
            add(Success, config, &["etcd", command]);
            add(Success, config, &["etcd", command, "-f", "json"]);
        }
        add(Success, config, &["show-config"]);
        add(Success, config, &["history"]);
        add(Success, config, &["dsn"]);
        add(Success, config, &["version", SCOPE]);
    }
    add(Success, &ctl, &["sentinel", "masters"]);
    add(Success, &ctl, &["sentinel", "masters", "-f", "json"]);
    add(Success, &ctl, &["sentinel", "replicas", "mymaster"]);
    for config in [&bad.etcd_wrong_ca, &bad.etcd_no_client_cert, &bad.etcd_wrong_password] {
        add(Failure, config, &["list"]);
        add(Failure, config, &["list", "-f", "json"]);
        add(Failure, config, &["etcd", "health", "-f", "json"]);
        add(Failure, config, &["switchover", "--dry-run", "-f", "json"]);
    }
    for config in [&bad.rest_wrong_ca, &bad.rest_no_client_cert] {
        add(Failure, config, &["switchover", "--dry-run"]);
        add(Failure, config, &["switchover", "--dry-run", "-f", "json"]);
        add(Either, config, &["version", SCOPE]);
    }
    add(Failure, &bad.rest_wrong_password, &["switchover", "--force"]);
    add(Failure, &bad.rest_wrong_password, &["switchover", "--force", "-f", "json"]);
    add(Failure, &bad.rest_wrong_password, &["pause"]);
    add(Failure, &bad.sentinel_wrong_password, &["sentinel", "masters"]);
    add(Failure, &bad.sentinel_wrong_password, &["sentinel", "masters", "-f", "json"]);
    let lab = |args: &str| args.split(' ').map(str::to_string).collect::<Vec<_>>();
    runs.push((Success, lab(&format!("lab status --dir {lab_dir}"))));
    runs.push((Success, lab(&format!("lab status --dir {lab_dir} -f json"))));
    // The lab is up already: this reuses it, and prints its summary.
    let up = format!(
        "lab up --secured --dir {lab_dir} --etcd-port {} --redis-port {} --cluster {SCOPE}",
        port(ETCD_PORT),
        port(REDIS_PORT)
    );
    runs.push((Success, lab(&up)));

    let started = Instant::now();
    let mut problems = Vec::new();
    for (expect, args) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = hactl(&args, &[]);
        let output = all(&out);
        match (expect, out.status.success()) {
            (Success, false) | (Failure, true) => problems.push(format!("{args:?} should give {expect:?}:\n{output}")),
            _ => {}
        }
        if output.contains("PRIVATE KEY") {
            problems.push(format!("{args:?} printed a private key"));
        }
        // Named by its first characters only: this message must not leak it either.
        for secret in secrets.iter().filter(|secret| output.contains(secret.as_str())) {
            problems.push(format!("{args:?} printed a secret ({}...):\n{output}", &secret[..4]));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("{} commands, no secret in their output ({:.1}s)", runs.len(), started.elapsed().as_secs_f64());
}

fn member(name: &str) -> lab::MemberState {
    cluster().member(name).cloned().expect("a member of the secured cluster")
}

/// After a test that killed processes: `lab up` restarts them, then the cluster settles.
fn restore() {
    lab::up(&spec(), &mut |_| {}).expect("the secured lab comes back");
    settle();
}

#[test]
fn a_hung_leader_agent_during_switchover_falls_back_to_the_dcs() {
    let _turn = turn();
    settle();
    let config = node_config();
    let leader = leader();
    let candidate = cluster().members.iter().map(|m| m.name.clone()).find(|n| *n != leader).unwrap();
    let patroni = member(&leader).patroni.expect("the leader's Patroni runs").pid;
    // Frozen: its agent accepts connections and never completes a TLS handshake. It thaws after
    // 8s, by when hactl has written /failover; then it finds the leader key gone and follows.
    lab::signal_pid(patroni, libc::SIGSTOP).unwrap();
    let thaw = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(8));
        lab::signal_pid(patroni, libc::SIGCONT).unwrap();
    });
    let started = Instant::now();
    let out = run(&config, &["switchover", "--candidate", &candidate, "--force"]);
    let took = started.elapsed();
    thaw.join().unwrap();
    let stdout = text(&out.stdout);
    assert_exit(&out, 0, "switchover with the leader's agent frozen");
    assert!(stdout.contains("Could not switchover using Patroni api, falling back to DCS"), "{}", all(&out));
    assert!(stdout.contains(&format!("the agent of {leader} did not answer")), "{}", all(&out));
    assert!(stdout.contains(&format!("Switchover verified: leader {leader} -> {candidate}")), "{}", all(&out));
    let verified = stdout.lines().find(|l| l.starts_with("Switchover verified")).unwrap_or_default();
    eprintln!("leader's agent frozen: DCS fallback, exit 0 after {:.1}s: {verified}", took.as_secs_f64());
    settle();
}

#[test]
fn a_candidate_killed_mid_switchover_is_reported_and_a_leader_remains() {
    let _turn = turn();
    settle();
    let config = node_config();
    let leader = leader();
    let candidate = cluster().members.iter().map(|m| m.name.clone()).find(|n| *n != leader).unwrap();
    let victim = member(&candidate);
    let patroni = victim.patroni.expect("the candidate's Patroni runs").pid;
    let postmaster = victim.postmaster_pid().expect("the candidate's postmaster pid");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hactl"))
        .args(["-c", &config, "switchover", "--candidate", &candidate, "--force"])
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Mid-switchover: the leader's agent has accepted the request, which it records in the
    // /failover key (`{}` after an earlier switchover), and has not finished it.
    let asked = Instant::now();
    while failover_key().is_none_or(|request| request["member"] != *candidate) {
        assert!(asked.elapsed() < Duration::from_secs(20), "the switchover request never reached the leader");
        assert!(child.try_wait().unwrap().is_none(), "hactl ended before the request reached the leader");
        std::thread::sleep(Duration::from_millis(20));
    }
    let started = Instant::now();
    lab::signal_pid(patroni, libc::SIGKILL).unwrap();
    lab::signal_pid(postmaster, libc::SIGKILL).unwrap();
    let timeout = Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < timeout, "switchover still runs {timeout:?} after the candidate was killed");
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let took = started.elapsed();
    // Failed (1: the agent gave up, or another member took over) or not verified (5). Never a
    // success, never silent.
    let code = out.status.code();
    assert!(matches!(code, Some(1 | 5)), "exit {code:?}:\n{}", all(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("Error: ") && stderr.trim().len() > "Error: ".len() + 10, "{}", all(&out));
    eprintln!("candidate {candidate} killed: exit {code:?} {:.1}s later: {}", took.as_secs_f64(), stderr.trim());

    // Afterwards the cluster has a leader, and it is not the dead candidate.
    let deadline = Instant::now() + Duration::from_secs(60);
    let survivor = loop {
        let out = run(&config, &["list", "-f", "json"]);
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let leader = rows.as_array().into_iter().flatten().find(|m| m["Role"] == "Leader");
        if let Some(name) = leader.and_then(|m| m["Member"].as_str()).filter(|n| *n != candidate) {
            break name.to_string();
        }
        assert!(Instant::now() < deadline, "no leader 60s after the candidate was killed: {rows}");
        std::thread::sleep(Duration::from_millis(500));
    };
    eprintln!("leader afterwards: {survivor} (after {:.1}s)", started.elapsed().as_secs_f64());
    restore();
}

fn timed_list(config: &str, extra: &[&str]) -> (Output, Duration) {
    let mut args = vec!["list"];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let out = run(config, &args);
    (out, started.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// With authentication every command fetches tokens from etcd: a frozen member (it accepts
/// connections and never answers) must not hold a command to the timeout.
#[test]
fn a_frozen_etcd_member_costs_little_and_lost_quorum_is_named_in_time() {
    let _turn = turn();
    settle();
    let config = node_config();
    let list = |extra: &[&str]| timed_list(&config, extra);
    let normal = median((0..5).map(|_| list(&[]).1).collect());
    let status = run(&config, &["etcd", "status", "-f", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let leader_endpoint = status["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["is_leader"] == true)
        .and_then(|e| e["endpoint"].as_str())
        .expect("one etcd leader")
        .trim_start_matches("https://")
        .to_string();
    let state = lab::load(&dir()).unwrap();
    let mut followers = state.etcd.iter().filter(|m| m.endpoint() != leader_endpoint);
    let mut frozen = Frozen::default();
    frozen.freeze(followers.next().unwrap().process.unwrap().pid);
    let slowed = median(
        (0..5)
            .map(|_| {
                let (out, took) = list(&[]);
                assert_exit(&out, 0, "list with one etcd member frozen");
                took
            })
            .collect(),
    );
    eprintln!("secured list: {normal:?} normally, {slowed:?} with one etcd member frozen");
    assert!(slowed < normal * 2 + Duration::from_millis(200), "{slowed:?} vs {normal:?}");

    // A second member frozen: no quorum. Exit 4 when --dcs-timeout runs out, never a hang.
    frozen.freeze(followers.next().unwrap().process.unwrap().pid);
    let (out, took) = list(&["--dcs-timeout", "2"]);
    drop(frozen);
    assert_exit(&out, 4, "list without quorum");
    assert!(text(&out.stderr).contains("etcd unreachable") && text(&out.stderr).contains("quorum"), "{}", all(&out));
    assert!(took < Duration::from_secs(4), "took {took:?} with --dcs-timeout 2");
    eprintln!("secured list without quorum: exit 4 after {took:?} (--dcs-timeout 2)");
    settle();
}

/// A cluster added to the secured lab (as tests add their own to the shared lab) gets the lab's
/// TLS and passwords, and stopping it removes its keys from the authenticated etcd.
#[test]
fn a_cluster_added_to_the_secured_lab_starts_and_stops_clean() {
    let _turn = turn();
    secured();
    let spec = ClusterSpec { members: 1, ttl: 20, loop_wait: 2, ..ClusterSpec::new("secure-extra") };
    let started = Instant::now();
    let extra = lab::start_cluster(&dir(), &spec, Duration::from_secs(120), &mut |_| {})
        .unwrap_or_else(|e| panic!("cannot add a cluster to the secured lab: {e}"));
    eprintln!("a 1-member cluster added to the secured lab in {:.1}s", started.elapsed().as_secs_f64());
    let pg0 = extra.member("pg0").unwrap();
    assert!(pg0.api_tls.is_some(), "the lab reaches its REST API over HTTPS");
    assert_eq!(pg0.rest_get("/patroni").expect("its REST API answers over HTTPS")["state"], "running");
    let config = pg0.config.to_str().unwrap().to_string();
    let out = run(&config, &["list"]);
    assert_exit(&out, 0, "list of the added cluster");
    assert!(etcd_count("/service/secure-extra/").1 > 0);
    lab::stop_cluster(&dir(), "secure-extra").expect("the added cluster stops");
    assert_eq!(etcd_count("/service/secure-extra/").1, 0, "its keys are gone");
    assert!(!extra.dir.exists());
}

/// A standby cluster of the secured cluster, in its own scope.
const STANDBY: &str = "secure-standby";

/// Stops the standby cluster (by pid) and removes its keys when the test ends, however it ends.
struct StandbyCluster;

impl Drop for StandbyCluster {
    fn drop(&mut self) {
        let _ = lab::stop_cluster(&dir(), STANDBY);
    }
}

/// What a Patroni container gives patronictl: the environment alone, no config file. The REST
/// APIs require a client certificate (`verify_client: required`) and basic auth; both come
/// from `PATRONI_CTL_*` and `PATRONI_RESTAPI_*`.
fn environment_only(scope: &str) -> Vec<(&'static str, String)> {
    let security = security();
    let path = |p: &Path| p.to_str().unwrap().to_string();
    vec![
        ("PATRONI_SCOPE", scope.to_string()),
        ("PATRONI_NAMESPACE", "/service/".to_string()),
        ("PATRONI_ETCD3_HOSTS", secured().etcd_endpoints().join(",")),
        ("PATRONI_ETCD3_PROTOCOL", "https".to_string()),
        ("PATRONI_ETCD3_CACERT", path(&security.ca)),
        ("PATRONI_ETCD3_CERT", path(&security.hactl.cert)),
        ("PATRONI_ETCD3_KEY", path(&security.hactl.key)),
        ("PATRONI_ETCD3_USERNAME", security.etcd_user.user.clone()),
        ("PATRONI_ETCD3_PASSWORD", security.etcd_user.password.expose().to_string()),
        ("PATRONI_CTL_CACERT", path(&security.ca)),
        ("PATRONI_CTL_CERTFILE", path(&security.hactl.cert)),
        ("PATRONI_CTL_KEYFILE", path(&security.hactl.key)),
        ("PATRONI_RESTAPI_USERNAME", security.rest.user.clone()),
        ("PATRONI_RESTAPI_PASSWORD", security.rest.password.expose().to_string()),
    ]
}

fn run_env(env: &[(&str, String)], args: &[&str]) -> Output {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    hactl(args, &env)
}

/// The reference patronictl of the cluster's Patroni 4.1.5, with a cleared environment and `env`.
fn patronictl_env(env: &[(&str, String)], args: &[&str]) -> Output {
    let home = std::env::temp_dir().join("hactl-test-home");
    std::fs::create_dir_all(&home).unwrap();
    Command::new(cluster().patronictl())
        .env_clear()
        .env("HOME", &home)
        .env("PATH", "/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .args(args)
        .output()
        .expect("patronictl runs")
}

/// hactl and patronictl with the same environment and arguments, until both saw the same etcd
/// revision: the same stdout and exit status. Returns hactl's stdout.
fn assert_same_from_env(env: &[(&str, String)], args: &[&str]) -> String {
    for _ in 0..15 {
        let before = etcd_revision();
        let (ours, theirs) = (run_env(env, args), patronictl_env(env, args));
        if etcd_revision() != before {
            continue;
        }
        assert!(theirs.status.success(), "patronictl {args:?} failed: {}", all(&theirs));
        assert!(ours.status.success(), "hactl {args:?} failed: {}", all(&ours));
        assert_eq!(text(&theirs.stdout), text(&ours.stdout), "hactl {args:?} differs from patronictl");
        return text(&ours.stdout);
    }
    panic!("the cluster kept changing during 15 attempts to compare {args:?}");
}

/// (leader, roles by member) of the standby cluster, from `list -f json`.
fn standby_roles(env: &[(&str, String)]) -> (Option<String>, Vec<(String, String, String)>) {
    let out = run_env(env, &["list", "-f", "json"]);
    assert_exit(&out, 0, "list of the standby cluster");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<(String, String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (field("Member"), field("Role"), field("State"))
        })
        .collect();
    let leader = rows.iter().find(|(_, role, _)| role == "Standby Leader").map(|(m, _, _)| m.clone());
    (leader, rows)
}

/// Issue #10's standby cluster, over HTTPS with required client certificates, configured from
/// the environment alone: `list` shows `Standby Leader` exactly as patronictl does, and
/// switchover (with and without a candidate), restart and reinit work and are verified, the
/// standby leader streaming from the primary cluster on its timeline.
#[test]
fn a_standby_cluster_works_from_the_environment_alone_over_https() {
    let _turn = turn();
    settle();
    let source = cluster().primary().map(|m| m.pg_port).expect("the secured cluster has a primary");
    let spec = ClusterSpec {
        ttl: 20,
        loop_wait: 2,
        standby_of: Some(StandbySource { host: "127.0.0.1".into(), port: source, restore_command: None }),
        ..ClusterSpec::new(STANDBY)
    };
    let _ = lab::stop_cluster(&dir(), STANDBY);
    let started = Instant::now();
    let _guard = StandbyCluster;
    lab::start_cluster(&dir(), &spec, Duration::from_secs(180), &mut |_| {})
        .unwrap_or_else(|e| panic!("cannot start the standby cluster: {e}"));
    eprintln!("standby cluster of the secured cluster ready in {:.1}s", started.elapsed().as_secs_f64());
    let env = environment_only(STANDBY);
    let mut seen = String::new();

    let table = assert_same_from_env(&env, &["list"]);
    assert!(table.contains("| Standby Leader |"), "{table}");
    assert_same_from_env(&env, &["list", "-f", "json"]);
    assert_same_from_env(&env, &["topology"]);

    // Without a candidate: the standby leader moves to a streaming replica; verified on the
    // same timeline (a standby cluster never promotes).
    let (before, _) = standby_roles(&env);
    let before = before.expect("a standby leader");
    let out = run_env(&env, &["switchover", "--force"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "switchover in the standby cluster");
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&format!("Switchover verified: leader {before} -> ")), "{}", all(&out));
    let (after, rows) = standby_roles(&env);
    let after = after.expect("a standby leader after the switchover");
    assert_ne!(after, before, "{rows:?}");
    let line = stdout.lines().find(|l| l.starts_with("Switchover verified")).unwrap();
    let timelines: Vec<&str> =
        line.split("timeline ").nth(1).unwrap().split(';').next().unwrap().split(" -> ").collect();
    assert_eq!(timelines[0], timelines[1], "a standby cluster keeps its timeline: {line}");

    // With a candidate: back to the first standby leader.
    let out = run_env(&env, &["switchover", "--leader", &after, "--candidate", &before, "--force"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "switchover to a named candidate in the standby cluster");
    assert!(text(&out.stdout).contains(&format!("Switchover verified: leader {after} -> {before}")), "{}", all(&out));

    // Restart every member, the standby leader included.
    let out = run_env(&env, &["restart", STANDBY, "--force"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "restart of the standby cluster");
    for member in ["pg0", "pg1", "pg2"] {
        assert!(text(&out.stdout).contains(&format!("Success: restart on member {member}")), "{}", all(&out));
    }

    // Reinit a replica of the standby leader.
    let (leader, rows) = standby_roles(&env);
    let leader = leader.expect("a standby leader");
    let replica = rows.iter().map(|(m, _, _)| m.clone()).find(|m| *m != leader).unwrap();
    let out = run_env(&env, &["reinit", STANDBY, &replica, "--force", "--wait"]);
    seen.push_str(&all(&out));
    assert_exit(&out, 0, "reinit in the standby cluster");
    assert!(text(&out.stdout).contains("Reinitialize verified"), "{}", all(&out));

    // Nothing of the environment's secrets in any of it.
    seen.push_str(&assert_same_from_env(&env, &["list", "-f", "yaml"]));
    for (name, value) in env.iter().filter(|(name, _)| name.ends_with("PASSWORD")) {
        assert!(!seen.contains(value.as_str()), "{name} appears in the output");
    }
}

/// Issue #10, point 1: the other spellings patronictl reads, each from the environment alone
/// against etcd with client certificates and users and REST APIs that require a client
/// certificate: `PATRONI_ETCD3_URL` and `PATRONI_ETCD3_HOST` for the hosts,
/// `PATRONI_RESTAPI_CAFILE` for the CA and `PATRONI_CTL_USERNAME/PASSWORD` for basic auth, and
/// `PATRONI_CTL_INSECURE` with no CA at all. `list` matches patronictl; `version` reaches every
/// agent over HTTPS.
#[test]
fn every_environment_spelling_reaches_the_secured_cluster() {
    let _turn = turn();
    settle();
    let security = security();
    let first = secured().etcd_endpoints()[0].clone();
    let rename = |env: &mut Vec<(&'static str, String)>, from: &str, to: &'static str, value: Option<String>| {
        let i = env.iter().position(|(k, _)| *k == from).unwrap_or_else(|| panic!("{from} is set"));
        let old = env.remove(i).1;
        env.push((to, value.unwrap_or(old)));
    };
    let mut url = environment_only(SCOPE);
    // Patroni takes etcd's credentials from the URL alone when there is a URL.
    let user = &security.etcd_user;
    let with_credentials = format!("https://{}:{}@{first}", user.user, user.password.expose());
    rename(&mut url, "PATRONI_ETCD3_HOSTS", "PATRONI_ETCD3_URL", Some(with_credentials));
    url.retain(|(k, _)| !matches!(*k, "PATRONI_ETCD3_USERNAME" | "PATRONI_ETCD3_PASSWORD"));
    rename(&mut url, "PATRONI_CTL_CACERT", "PATRONI_RESTAPI_CAFILE", None);
    rename(&mut url, "PATRONI_RESTAPI_USERNAME", "PATRONI_CTL_USERNAME", None);
    rename(&mut url, "PATRONI_RESTAPI_PASSWORD", "PATRONI_CTL_PASSWORD", None);
    let mut host = environment_only(SCOPE);
    rename(&mut host, "PATRONI_ETCD3_HOSTS", "PATRONI_ETCD3_HOST", Some(first.clone()));
    rename(&mut host, "PATRONI_CTL_CACERT", "PATRONI_CTL_INSECURE", Some("true".into()));

    let mut seen = String::new();
    for (what, env) in [
        ("PATRONI_ETCD3_URL, PATRONI_RESTAPI_CAFILE, PATRONI_CTL_USERNAME", &url),
        ("PATRONI_ETCD3_HOST, PATRONI_CTL_INSECURE", &host),
    ] {
        let table = assert_same_from_env(env, &["list"]);
        assert!(table.contains("| Leader "), "{what}: {table}");
        let out = run_env(env, &["version", SCOPE]);
        seen.push_str(&all(&out));
        assert_exit(&out, 0, &format!("version with {what}"));
        for member in ["pg0", "pg1", "pg2"] {
            let line = text(&out.stdout).lines().find(|l| l.starts_with(&format!("{member}:"))).map(str::to_string);
            assert!(line.as_deref().is_some_and(|l| l.contains("Patroni 4.1.5")), "{what}: {member}: {}", all(&out));
        }
    }

    // Without the client certificate the agents refuse: the environment really is what reached them.
    let mut no_cert = url.clone();
    no_cert.retain(|(k, _)| !k.starts_with("PATRONI_CTL_CERTFILE") && !k.starts_with("PATRONI_CTL_KEYFILE"));
    let out = run_env(&no_cert, &["version", SCOPE]);
    assert_exit(&out, 2, "version without the client certificate: a TLS problem of the configuration");
    for member in ["pg0", "pg1", "pg2"] {
        let line = text(&out.stdout).lines().find(|l| l.starts_with(&format!("{member}:"))).map(str::to_string);
        let refused = "the agent requires a client certificate (received fatal alert: CertificateRequired): set ctl.certfile and ctl.keyfile";
        assert!(line.as_deref().is_some_and(|l| l.contains(refused)), "{member}: {}", all(&out));
    }
    seen.push_str(&all(&out));
    // The etcd password rode in the URL, the REST password in PATRONI_CTL_PASSWORD: neither shows.
    for secret in [security.etcd_user.password.expose(), security.rest.password.expose()] {
        assert!(!seen.contains(secret), "a password appears in the output");
    }
}
