//! Every configuration source reaches the real etcd, and they override each other as patronictl's
//! do: file < `PATRONI_*` environment < `--dcs-url`. Also: bad input against a real etcd.

use crate::common::*;

fn good_hosts() -> String {
    lab().etcd_endpoints().join(",")
}

fn write_config(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("hactl-config-sources-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn lists_demo(out: &std::process::Output) {
    assert!(out.status.success(), "exit {:?}: {}", out.status, text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("+ Cluster: demo ("), "{stdout}");
    assert_eq!(stdout.matches("| Leader ").count(), 1, "{stdout}");
}

#[test]
fn patronictl_yaml_file() {
    let path = write_config("patronictl.yaml", &format!("scope: demo\netcd3:\n  hosts: {}\n", good_hosts()));
    lists_demo(&hactl(&["-c", &path, "list"], &[]));
    // The same file through PATRONICTL_CONFIG_FILE.
    lists_demo(&hactl(&["list"], &[("PATRONICTL_CONFIG_FILE", &path)]));
}

/// A user and password in the file, and an etcd without authentication: Patroni's client
/// carries on without them, so patronictl lists; hactl too, byte for byte, and `etcd health`.
#[test]
fn credentials_for_an_etcd_without_authentication_are_not_an_error() {
    shared_cluster(DEMO);
    let path = write_config(
        "with-user.yaml",
        &format!("scope: demo\netcd3:\n  hosts: {}\n  username: root\n  password: not-needed-here\n", good_hosts()),
    );
    let listed = assert_same_output(&["-c", &path, "list"], &[]);
    assert!(listed.starts_with("+ Cluster: demo ("), "{listed}");
    let health = hactl(&["-c", &path, "etcd", "health"], &[]);
    assert!(health.status.success(), "{}{}", text(&health.stdout), text(&health.stderr));
    assert!(!text(&health.stdout).contains("not-needed-here") && !text(&health.stderr).contains("not-needed-here"));
}

#[test]
fn default_config_path_in_home() {
    let home = std::env::temp_dir().join(format!("hactl-home-default-{}", std::process::id()));
    let dir = home.join(".config/patroni");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("patronictl.yaml"), format!("scope: demo\netcd3:\n  hosts: {}\n", good_hosts())).unwrap();
    lists_demo(&hactl(&["list"], &[("HOME", home.to_str().unwrap())]));
}

#[test]
fn a_nodes_own_patroni_yml() {
    let path = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    lists_demo(&hactl(&["-c", &path, "list"], &[]));
}

#[test]
fn environment_only() {
    let hosts = good_hosts();
    lists_demo(&hactl(&["list"], &[("PATRONI_SCOPE", "demo"), ("PATRONI_ETCD3_HOSTS", &hosts)]));
}

#[test]
fn dcs_url_only() {
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    lists_demo(&hactl(&["-d", &url, "list", "demo"], &[]));
    lists_demo(&hactl(&["list", "demo"], &[("DCS_URL", &url)]));
}

#[test]
fn environment_overrides_the_file() {
    let path = write_config("env-wins.yaml", "scope: legacy\netcd3:\n  hosts: 127.0.0.1:1\n");
    let hosts = good_hosts();
    let out = hactl(&["-c", &path, "list"], &[("PATRONI_SCOPE", "demo"), ("PATRONI_ETCD3_HOSTS", &hosts)]);
    lists_demo(&out);
}

#[test]
fn dcs_url_overrides_file_and_environment() {
    let path = write_config("url-wins.yaml", &format!("scope: demo\netcd3:\n  hosts: {}\n", good_hosts()));
    let hosts = good_hosts();
    let out = hactl(&["-c", &path, "-d", "etcd3://127.0.0.1:1", "list"], &[("PATRONI_ETCD3_HOSTS", &hosts)]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("127.0.0.1:1"));
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let dead = write_config("dead-hosts.yaml", "scope: demo\netcd3:\n  hosts: 127.0.0.1:1\n");
    lists_demo(&hactl(&["-c", &dead, "-d", &url, "list"], &[("PATRONI_ETCD3_HOSTS", "127.0.0.1:1")]));
}

#[test]
fn the_cluster_argument_overrides_the_scope() {
    let path = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    let out = hactl(&["-c", &path, "list", "legacy"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("+ Cluster: legacy ("));
}

#[test]
fn unknown_cluster_is_a_clear_usage_error() {
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let out = hactl(&["-d", &url, "list", "no-such-cluster"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("cluster \"no-such-cluster\" not found under /service/"), "{stderr}");
    assert!(stderr.contains("demo"), "names the clusters that exist: {stderr}");
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn garbage_member_value_is_named_and_the_rest_listed() {
    // A copy of demo's keys under a scope of the test's own, plus one member that is not JSON.
    lab_etcd(async |client| {
        let source = client.get("/service/demo/", Some(etcd_client::GetOptions::new().with_prefix())).await.unwrap();
        for kv in source.kvs() {
            let key = kv.key_str().unwrap().replacen("/service/demo/", "/service/garbage-member/", 1);
            client.put(key, kv.value(), None).await.unwrap();
        }
        client.put("/service/garbage-member/members/pg9", "{not json", None).await.unwrap();
    });
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let out = hactl(&["-d", &url, "list", "garbage-member"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for member in ["pg0", "pg1", "pg2", "pg9"] {
        assert!(stdout.contains(&format!("| {member} ")), "{member} listed: {stdout}");
    }
    assert!(text(&out.stderr).contains("/service/garbage-member/members/pg9: not valid JSON"), "{}", text(&out.stderr));
}

#[test]
fn list_all_reads_every_cluster() {
    let url = format!("etcd3://{}", lab().etcd_endpoints()[0]);
    let out = hactl(&["-d", &url, "list", "--all", "-f", "json"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\"Cluster\": \"demo\""), "{stdout}");
    assert!(stdout.contains("\"Cluster\": \"legacy\""), "{stdout}");
}

#[test]
fn shell_completion_offers_the_members_of_a_lab_cluster() {
    let config = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    let hactl_bin = env!("CARGO_BIN_EXE_hactl");
    let complete = |words: &[&str]| {
        let out = std::process::Command::new(hactl_bin)
            .args(["--", "hactl"])
            .args(words)
            .env_clear()
            .env("HOME", "/tmp")
            .env("COMPLETE", "fish")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let candidates = complete(&["-c", &config, "switchover", "demo", "--candidate", ""]);
    for member in ["pg0", "pg1", "pg2"] {
        assert!(candidates.lines().any(|l| l.starts_with(&format!("{member}\t"))), "{member} offered: {candidates}");
    }
    assert!(candidates.contains("\tLeader"), "the role is shown: {candidates}");
    let clusters = complete(&["-c", &config, "list", ""]);
    assert!(clusters.lines().any(|l| l.starts_with("demo\t")), "{clusters}");
    assert!(clusters.lines().any(|l| l.starts_with("legacy\t")), "{clusters}");
    // An unreachable etcd offers nothing, quickly and quietly.
    let started = std::time::Instant::now();
    let nothing = complete(&["-d", "etcd3://127.0.0.1:1", "switchover", "demo", "--candidate", ""]);
    assert!(nothing.trim().is_empty(), "{nothing}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

/// A REST API file that cannot be used (a missing CA, a certificate without its key, a key
/// without its certificate) is patronictl's concern only when it calls an agent: `list` reads
/// etcd and works, `version CLUSTER` asks the agents and stops at once with the one-line error
/// naming the variable or the file's key, exit 2.
#[test]
fn rest_file_problems_stop_only_commands_that_call_agents() {
    let hosts = good_hosts();
    let dir = std::env::temp_dir().join(format!("hactl-config-sources-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cert = dir.join("client-without-key.crt");
    std::fs::write(&cert, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").unwrap();
    let cert = cert.to_str().unwrap();
    let missing = "cannot read /nonexistent: No such file or directory (os error 2)";
    let cases = [
        (("PATRONI_CTL_CACERT", "/nonexistent"), format!("PATRONI_CTL_CACERT: {missing}")),
        (("PATRONI_RESTAPI_CAFILE", "/nonexistent"), format!("PATRONI_RESTAPI_CAFILE: {missing}")),
        (
            ("PATRONI_CTL_CERTFILE", cert),
            format!("PATRONI_CTL_CERTFILE: {cert} holds no private key and PATRONI_CTL_KEYFILE is not set"),
        ),
        (
            ("PATRONI_CTL_KEYFILE", cert),
            "PATRONI_CTL_KEYFILE: a client key without its certificate: set PATRONI_CTL_CERTFILE too".to_string(),
        ),
    ];
    for (variable, message) in cases {
        let env = [("PATRONI_SCOPE", "demo"), ("PATRONI_ETCD3_HOSTS", hosts.as_str()), variable];
        lists_demo(&hactl(&["list"], &env));
        let out = hactl(&["version", "demo"], &env);
        assert_eq!(out.status.code(), Some(2), "{variable:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), format!("Error: {message}\n"), "{variable:?}");
    }
    let path =
        write_config("rest-ca.yml", &format!("scope: demo\netcd3:\n  hosts: {hosts}\nctl:\n  cacert: /nonexistent\n"));
    lists_demo(&hactl(&["-c", &path, "list"], &[]));
    let out = hactl(&["-c", &path, "version", "demo"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), format!("Error: {path}: ctl.cacert: {missing}\n"));
}

/// Issue #10, point 5, on the real `demo` cluster: a time in the past, in each shape patronictl's
/// parser accepts, is refused before anything is sent (exit 3) with the words of Patroni's agent,
/// which patronictl gets back for the same time; a future time in those shapes passes the
/// `schedule` check and is planned at the offset it was typed with (local time without one).
#[test]
fn scheduled_times_in_every_shape_past_ones_refused() {
    let config = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    let leader = json_of(&hactl(&["-c", &config, "list", DEMO, "-f", "json"], &[]))
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Role"] == "Leader")
        .and_then(|m| m["Member"].as_str())
        .expect("demo has a leader")
        .to_string();
    let candidate = if leader == "pg1" { "pg2" } else { "pg1" };
    let switchover = |at: &str, extra: &[&str]| {
        let mut args = vec!["-c", config.as_str(), "switchover", DEMO, "--candidate", candidate, "--scheduled", at];
        args.extend_from_slice(extra);
        args.push("--force");
        args.iter().map(|a| a.to_string()).collect::<Vec<String>>()
    };
    for at in [
        "2020-01-01T02:00",
        "2020-01-01 02:00",
        "2020-01-01T02:00:30.5Z",
        "2020-01-01 02:00-3",
        "2020-01-01T02:00+0530",
    ] {
        let args = switchover(at, &[]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let ours = hactl(&args, &[]);
        assert_eq!(ours.status.code(), Some(3), "{at}: {}", text(&ours.stderr));
        assert!(text(&ours.stderr).contains("Cannot schedule switchover in the past"), "{at}: {}", text(&ours.stderr));
        let theirs = patronictl(&args, &[]);
        let said = text(&theirs.stdout) + &text(&theirs.stderr);
        assert!(said.contains("Cannot schedule switchover in the past"), "patronictl, {at}: {said}");
    }
    for (at, planned) in [
        ("2099-12-01T02:00+00:00", "2099-12-01T02:00:00+00:00"),
        ("2099-12-01 02:00:30.5Z", "2099-12-01T02:00:30.500+00:00"),
        ("2099-12-01 02:00-3", "2099-12-01T02:00:00-03:00"),
        ("2099-12-01T02:00+0530", "2099-12-01T02:00:00+05:30"),
    ] {
        let args = switchover(at, &["--dry-run", "-f", "json"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = hactl(&args, &[]);
        assert!(out.status.success(), "{at}: {}", text(&out.stderr));
        let plan = &json_of(&out)["plan"];
        assert_eq!(plan["scheduled_at"], planned, "{at}");
        let check = plan["checks"].as_array().unwrap().iter().find(|c| c["name"] == "schedule").unwrap();
        assert_eq!(check["verdict"], "passed", "{at}: {check}");
    }
    // Without an offset: local time, as patronictl takes it (here TZ=Asia/Kolkata).
    let args = switchover("2099-12-01T02:00", &["--dry-run", "-f", "json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let tz = [("TZ", "Asia/Kolkata")];
    let plan = &json_of(&hactl(&args, &tz))["plan"];
    assert_eq!(plan["scheduled_at"], "2099-12-01T02:00:00+05:30", "{plan}");
}
