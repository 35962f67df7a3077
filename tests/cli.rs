//! CLI behaviour that needs no cluster: bad input, unreachable etcd, error formats, help.
//! Every command runs with a cleared environment, so nothing on this machine leaks in.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn hactl() -> Command {
    let home = scratch_dir("home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_hactl"));
    command.env_clear().env("HOME", home).env("PATH", "/usr/bin:/bin");
    command.timeout(Duration::from_secs(30));
    command
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hactl-cli-tests-{}", std::process::id())).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, text: &str) -> PathBuf {
    let path = scratch_dir("files").join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn unreachable_etcd_fails_fast_with_exit_4() {
    // Port 1 on loopback refuses connections at once.
    let started = Instant::now();
    hactl()
        .args(["-d", "etcd3://127.0.0.1:1", "list", "demo"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::starts_with("Error: etcd unreachable at http://127.0.0.1:1: "))
        .stderr(predicate::str::contains("Connection refused"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn silent_etcd_times_out_within_dcs_timeout() {
    // A listener that accepts but never answers, like a frozen (SIGSTOPped) etcd.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("etcd3://{}", listener.local_addr().unwrap());
    let started = Instant::now();
    hactl()
        .args(["--dcs-timeout", "1", "-d", &url, "list", "demo"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("no answer within 1s"));
    assert!(started.elapsed() < Duration::from_secs(8), "took {:?}", started.elapsed());
}

#[test]
fn status_reads_a_silent_etcd_within_dcs_timeout_when_it_is_the_smaller() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("etcd3://{}", listener.local_addr().unwrap());
    let status = |timeouts: &[&str]| {
        let started = Instant::now();
        let out = hactl().args(["-d", &url, "status", "demo", "-f", "json"]).args(timeouts).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("status prints JSON");
        (out.status.code(), json, started.elapsed())
    };
    // --timeout 10 alone waits 8 s for etcd; --dcs-timeout 1 cuts the etcd reads at 1 s.
    let (code, json, took) = status(&["--timeout", "10", "--dcs-timeout", "1"]);
    assert_eq!(code, Some(4), "{json}");
    assert!(took < Duration::from_millis(2500), "took {took:?} with --dcs-timeout 1");
    assert_eq!(
        (&json["tiers"]["etcd"]["verdict"], &json["tiers"]["patroni"]["verdict"]),
        (&"unreachable".into(), &"unreachable".into()),
        "{json}"
    );
    assert!(json["tiers"]["patroni"]["reason"].as_str().unwrap().contains("no answer within 1s"), "{json}");
    // The smaller one wins the other way too: --timeout 1 under the default --dcs-timeout 5.
    let (code, _, took) = status(&["--timeout", "1"]);
    assert_eq!(code, Some(4));
    assert!(took < Duration::from_millis(2000), "took {took:?} with --timeout 1");
}

#[test]
fn json_errors_are_one_object_on_stderr() {
    let out = hactl().args(["-d", "etcd3://127.0.0.1:1", "list", "demo", "-f", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let value: serde_json::Value = serde_json::from_str(stderr.trim()).expect("stderr is one JSON object");
    assert_eq!(value["error"]["kind"], "unreachable");
    assert_eq!(value["error"]["exit_code"], 4);
    assert!(value["error"]["message"].as_str().unwrap().contains("127.0.0.1:1"));
}

/// Every subcommand with `-f json` prints its errors as one JSON object, the others as text:
/// `--dcs-timeout 0` fails each of them, without network, when it first needs etcd.
#[test]
fn each_subcommand_prints_its_errors_in_its_own_format() {
    let json = [
        &["list", "demo", "-f", "json"][..],
        &["topology", "demo"],
        &["switchover", "demo", "--force", "-f", "json"],
        &["failover", "demo", "--force", "-f", "json"],
        &["pause", "demo", "-f", "json"],
        &["resume", "demo", "-f", "json"],
        &["restart", "demo", "--force", "-f", "json"],
        &["reload", "demo", "--force", "-f", "json"],
        &["reinit", "demo", "pg1", "--force", "-f", "json"],
        &["version", "demo", "-f", "json"],
        &["show-config", "demo", "-f", "json"],
        &["history", "demo", "-f", "json"],
        &["dsn", "demo", "-f", "json"],
        &["query", "demo", "-c", "select 1", "--format", "json"],
        &["remove", "demo", "--force", "-f", "json"],
        &["etcd", "health", "-f", "json"],
        &["etcd", "alarms", "-f", "json"],
    ];
    for args in json {
        let out = hactl().args(["-d", "etcd3://127.0.0.1:1", "--dcs-timeout", "0"]).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let is_json = serde_json::from_str::<serde_json::Value>(stderr.trim()).is_ok();
        let wants_json = args.contains(&"json");
        assert_eq!(is_json, wants_json, "{args:?}: {stderr}");
        assert!(
            stderr.contains("--dcs-timeout (or HACTL_DCS_TIMEOUT) must be a positive number of seconds, got 0"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn no_scope_is_a_usage_error_before_any_network() {
    hactl()
        .args(["-d", "etcd3://127.0.0.1:1", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no cluster name given and no scope configured"));
}

#[test]
fn missing_explicit_config_file_keeps_patronictl_words() {
    hactl()
        .args(["-c", "/nonexistent/patronictl.yaml", "list", "demo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Provided config file /nonexistent/patronictl.yaml not existing or no read rights. Check the -c/--config-file parameter",
        ));
}

#[test]
fn invalid_yaml_names_file_line_and_column() {
    let path = write("broken.yml", "scope: demo\netcd3:\n  hosts: [127.0.0.1:2379\n");
    hactl()
        .args(["-c", path.to_str().unwrap(), "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:", path.display())))
        .stderr(predicate::str::is_match(r":\d+:\d+: invalid YAML").unwrap());
}

#[test]
fn wrong_types_name_the_key() {
    let path = write("types.yml", "scope: demo\netcd3:\n  hosts:\n    a: 1\n");
    hactl()
        .args(["-c", path.to_str().unwrap(), "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("etcd3.hosts"));
}

#[test]
fn etcd_v2_only_configuration_is_refused_clearly() {
    let path = write("v2.yml", "scope: demo\netcd:\n  host: 127.0.0.1:2379\n");
    hactl().args(["-c", path.to_str().unwrap(), "list"]).assert().code(2).stderr(predicate::str::contains("etcd3"));
}

#[test]
fn bad_watch_interval_is_a_usage_error() {
    hactl().args(["-d", "etcd3://127.0.0.1:1", "list", "demo", "-w", "0"]).assert().code(2);
}

#[test]
fn help_lists_the_exit_codes() {
    hactl()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("5    accepted but not verified"));
}

#[test]
fn unknown_flag_exits_2() {
    hactl().args(["list", "--no-such-flag"]).assert().code(2);
}

/// The one line a configuration error prints: `Error: <message>`, exit 2, nothing on stdout.
fn assert_config_error(env: &[(&str, &str)], args: &[&str], message: &str) {
    let out = hactl().envs(env.iter().copied()).args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, format!("Error: {message}\n"), "{env:?}");
    assert_eq!(out.status.code(), Some(2), "{env:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{env:?}");
}

const CERT_PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

#[test]
fn half_set_tls_environment_names_the_variable_before_any_network() {
    // Port 1 refuses at once: reaching the network would be exit 4, not 2.
    let host = ("PATRONI_ETCD3_HOST", "127.0.0.1:1");
    let cert = write("env-client.crt", CERT_PEM);
    let key = write("env-client.key", KEY_PEM);
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let list = ["list", "demo"];
    // etcd's TLS files are read only for https, as Patroni uses them only then.
    let https = ("PATRONI_ETCD3_PROTOCOL", "https");
    assert_config_error(
        &[host, https, ("PATRONI_ETCD3_CERT", cert)],
        &list,
        &format!("PATRONI_ETCD3_CERT: {cert} holds no private key and PATRONI_ETCD3_KEY is not set"),
    );
    assert_config_error(
        &[host, https, ("PATRONI_ETCD3_KEY", key)],
        &list,
        "PATRONI_ETCD3_KEY: a client key without its certificate: set PATRONI_ETCD3_CERT too",
    );
    let missing = "cannot read /nonexistent: No such file or directory (os error 2)";
    assert_config_error(
        &[host, https, ("PATRONI_ETCD3_CACERT", "/nonexistent")],
        &list,
        &format!("PATRONI_ETCD3_CACERT: {missing}"),
    );
    // The REST API's files are patronictl's concern only when it calls an agent, so `list`,
    // which reads etcd alone, goes on without them (port 1: exit 4). The lab test
    // `config_sources::rest_file_problems_stop_only_commands_that_call_agents` shows the errors.
    for variable in ["PATRONI_CTL_CACERT", "PATRONI_RESTAPI_CAFILE", "PATRONI_CTL_CERTFILE", "PATRONI_CTL_KEYFILE"] {
        hactl()
            .envs([host, (variable, "/nonexistent")])
            .args(list)
            .assert()
            .code(4)
            .stderr(predicate::str::starts_with("Error: etcd unreachable at http://127.0.0.1:1: "));
    }
    // Over http patronictl never opens etcd's CA file: an unused one is no error (port 1: exit 4).
    hactl()
        .envs([host, ("PATRONI_ETCD3_CACERT", "/nonexistent")])
        .args(list)
        .assert()
        .code(4)
        .stderr(predicate::str::starts_with("Error: etcd unreachable at http://127.0.0.1:1: "));
}

#[test]
fn bad_environment_values_name_the_variable() {
    let host = ("PATRONI_ETCD3_HOST", "127.0.0.1:1");
    let list = ["list", "demo"];
    assert_config_error(
        &[host, ("PATRONI_CTL_INSECURE", "maybe")],
        &list,
        "PATRONI_CTL_INSECURE: expected a boolean (true/false, on/off, yes/no, 1/0), found \"maybe\"",
    );
    assert_config_error(
        &[host, ("PATRONI_ETCD3_PROTOCOL", "grpc")],
        &list,
        "PATRONI_ETCD3_PROTOCOL: expected http or https, found \"grpc\"",
    );
    assert_config_error(
        &[("PATRONI_ETCD3_HOST", "127.0.0.1:")],
        &list,
        "PATRONI_ETCD3_HOST: \"127.0.0.1:\": expected host:port with a port number (1-65535)",
    );
    assert_config_error(
        &[("PATRONI_ETCD3_HOSTS", "a,b:x")],
        &list,
        "PATRONI_ETCD3_HOSTS: \"b:x\": expected host:port with a port number (1-65535)",
    );
    assert_config_error(
        &[host, ("PATRONI_ETCD3_PORT", "twenty")],
        &list,
        "PATRONI_ETCD3_PORT: expected a port number (1-65535), found \"twenty\"",
    );
}

#[test]
fn a_host_without_a_port_is_no_error() {
    // Patroni's `split_host_port(host, 2379)`: a bare host takes the default port (here the
    // section's `port`, so that the test reaches a closed port rather than a real etcd).
    hactl()
        .env("PATRONI_ETCD3_HOSTS", "127.0.0.1")
        .env("PATRONI_ETCD3_PORT", "1")
        .args(["list", "demo"])
        .assert()
        .code(4)
        .stderr(predicate::str::starts_with("Error: etcd unreachable at http://127.0.0.1:1: "));
    // With no port anywhere, 2379 is assumed; when etcd is not there, the error says which
    // variable named the host without a port (nothing listens on 127.0.0.2:2379 here).
    hactl()
        .env("PATRONI_ETCD3_HOST", "127.0.0.2")
        .args(["list", "demo", "--dcs-timeout", "2"])
        .assert()
        .code(4)
        .stderr(predicate::str::starts_with(
            "Error: etcd unreachable at http://127.0.0.2:2379 (PATRONI_ETCD3_HOST: \"127.0.0.2\" has no port, so 2379 was assumed (as Patroni does)): ",
        ));
}

#[test]
fn tls_errors_from_a_file_name_the_file_and_key() {
    let cert = write("file-client.crt", CERT_PEM);
    let path = write(
        "tls.yml",
        &format!("scope: demo\netcd3:\n  host: 127.0.0.1:1\n  protocol: https\n  cert: {}\n", cert.display()),
    );
    assert_config_error(
        &[],
        &["-c", path.to_str().unwrap(), "list"],
        &format!("{}: etcd3.cert: {} holds no private key and etcd3.key is not set", path.display(), cert.display()),
    );
    let path = write("ca.yml", "scope: demo\netcd3:\n  host: 127.0.0.1:1\n  protocol: https\n  cacert: /nonexistent\n");
    assert_config_error(
        &[],
        &["-c", path.to_str().unwrap(), "list"],
        &format!("{}: etcd3.cacert: cannot read /nonexistent: No such file or directory (os error 2)", path.display()),
    );
}

/// `hactl` under the name `patronictl`: a symlink in a directory of the test's own.
fn as_patronictl() -> Command {
    let dir = scratch_dir("drop-in");
    let link = dir.join("patronictl");
    if std::fs::symlink_metadata(&link).is_err() {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_hactl"), &link).unwrap();
    }
    let mut command = Command::new(link);
    command.env_clear().env("HOME", scratch_dir("home")).env("PATH", "/usr/bin:/bin");
    command.timeout(Duration::from_secs(30));
    command
}

#[test]
fn installed_as_patronictl_it_behaves_the_same_under_that_name() {
    let config = write("drop-in.yml", "scope: demo\netcd3:\n  host: 127.0.0.1:1\n");
    let config = config.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["version"],
        &["--help"],
        &["list", "--help"],
        &["list", "--no-such-flag"],
        &["no-such-command"],
        &["--dcs-timeout", "1", "-c", config, "list"],
        &["--dcs-timeout", "1", "-c", config, "list", "-f", "json"],
        &["--dcs-timeout", "1", "-c", config, "switchover", "--force"],
    ];
    for args in cases {
        let ours = hactl().args(*args).output().unwrap();
        let theirs = as_patronictl().args(*args).output().unwrap();
        assert_eq!(theirs.status.code(), ours.status.code(), "{args:?}");
        // Only the usage lines name the program, and they name it as invoked.
        let named =
            |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap().replace("Usage: patronictl", "Usage: hactl");
        assert_eq!(named(&theirs.stdout), String::from_utf8(ours.stdout.clone()).unwrap(), "{args:?}");
        assert_eq!(named(&theirs.stderr), String::from_utf8(ours.stderr.clone()).unwrap(), "{args:?}");
        let all = [theirs.stdout, theirs.stderr].concat();
        assert!(!String::from_utf8_lossy(&all).contains("Usage: hactl"), "{args:?}");
    }
    as_patronictl().arg("--help").assert().success().stdout(predicate::str::contains("Usage: patronictl [OPTIONS]"));
    as_patronictl()
        .args(["list", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage: patronictl list [OPTIONS]"));
    as_patronictl()
        .args(["--dcs-timeout", "1", "-c", config, "list"])
        .assert()
        .code(4)
        .stderr(predicate::str::starts_with("Error: etcd unreachable at http://127.0.0.1:1: "));
    // Completion scripts complete the name the binary was invoked by.
    as_patronictl()
        .args(["completion", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("complete -F _patronictl -o nosort -o bashdefault -o default patronictl"));
}

#[test]
fn lab_up_refuses_a_standby_of_a_cluster_that_does_not_run_before_starting_anything() {
    let dir = std::env::temp_dir().join("hactl-cli-no-lab");
    let _ = std::fs::remove_dir_all(&dir);
    let dir_arg = dir.to_str().unwrap();
    hactl()
        .args(["lab", "up", "--dir", dir_arg, "--no-redis", "--standby", "dr=demo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--standby dr=demo: cluster demo does not run with a leader in the lab at"))
        .stderr(predicate::str::contains("start it first"));
    hactl()
        .args(["lab", "up", "--dir", dir_arg, "--standby", "dr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected SCOPE=PRIMARY"));
    hactl().args(["lab", "up", "--dir", dir_arg, "--synchronous-mode", "sometimes"]).assert().code(2);
    hactl().args(["lab", "up", "--dir", dir_arg, "--no-redis", "--proxies", "--secured"]).assert().code(2).stderr(
        predicate::str::contains(
            "the proxy tier (--proxies) runs in the plain lab only, not in a secured one (so does --pgpool)",
        ),
    );
    assert!(!dir.exists(), "nothing was started or written");
}

#[test]
fn an_unparsable_scheduled_time_is_one_line_and_exit_2_before_any_network() {
    // patronictl's words; port 1 refuses at once, so reaching etcd would be exit 4.
    for command in [&["switchover", "demo", "--candidate", "pg1"][..], &["restart", "demo"]] {
        let out = hactl()
            .args(["-d", "etcd3://127.0.0.1:1"])
            .args(command)
            .args(["--scheduled", "tomorrow-ish", "--force"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "Error: Unable to parse scheduled timestamp (tomorrow-ish). It should be in an unambiguous format (e.g. ISO 8601)\n",
            "{command:?}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_probe_named_by_a_section_the_configuration_lacks_is_exit_2_before_any_network() {
    // Port 1 refuses at once, so reaching etcd would be exit 4.
    let cases = [
        (
            &["switchover", "demo", "--force", "--probe", "haproxy"][..],
            "--probe haproxy: the configuration has no haproxy.write_dsn (set it, or HACTL_HAPROXY_WRITE_DSN, or give the DSN itself)",
        ),
        (
            &["failover", "demo", "--force", "--probe-ro", "haproxy"],
            "--probe-ro haproxy: the configuration has no haproxy.read_dsn",
        ),
        (
            &["restart", "demo", "--force", "--probe", "pgbouncer"],
            "--probe pgbouncer: the configuration has no pgbouncer.dsn",
        ),
        (&["restart", "demo", "--force", "--probe-ro", "host=h port=x"], "--probe-ro: "),
    ];
    for (command, message) in cases {
        let out = hactl().args(["-d", "etcd3://127.0.0.1:1"]).args(command).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(stderr.starts_with(&format!("Error: {message}")), "{command:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    // A scheduled restart is not measured.
    let out = hactl()
        .args(["-d", "etcd3://127.0.0.1:1", "restart", "demo", "--force", "--scheduled", "2030-01-01T00:00+00:00"])
        .args(["--probe", "host=127.0.0.1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("leave them out of a --scheduled restart"));
}

#[test]
fn check_usage_errors_are_nagios_unknown_exit_3() {
    let stdout = |args: &[&str], code: i32| {
        let out = hactl().args(args).assert().code(code);
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    assert_eq!(stdout(&["check"], 3), "CHECK UNKNOWN - no service given (hactl check --help)\n");
    assert_eq!(
        stdout(&["check", "cluster_has_replica", "--max-lag", "5 yoyo"], 3).lines().count(),
        1,
        "one status line"
    );
    let line = stdout(&["check", "cluster_node_count", "-c", "1:2:3"], 3);
    assert!(line.starts_with("CLUSTERNODECOUNT UNKNOWN - invalid value '1:2:3' for '--critical <RANGE>'"), "{line}");
    let line = stdout(&["check", "cluster_config_has_changed"], 3);
    assert_eq!(
        line,
        "CLUSTERCONFIGHASCHANGED UNKNOWN - Either --hash or --state-file should be provided for this service\n"
    );
    let line = stdout(&["check", "node_is_replica", "--is-sync", "--is-async", "-e", "http://127.0.0.1:1"], 3);
    assert!(line.contains("--is-sync and --is-async cannot be provided at the same time"), "{line}");
    // No agent at the endpoint: UNKNOWN, as check_patroni says it.
    let line = stdout(&["check", "-e", "http://127.0.0.1:1,http://127.0.0.1:2", "node_is_alive"], 3);
    assert_eq!(line, "NODEISALIVE UNKNOWN - Connection failed for all provided endpoints\n");
    // Neither -e nor a scope: check_patroni's default agent, and the line says that it was.
    if std::net::TcpStream::connect(("127.0.0.1", 8008)).is_err() {
        let line = stdout(&["check", "cluster_has_leader"], 3);
        assert_eq!(
            line,
            "CLUSTERHASLEADER UNKNOWN - Connection failed for all provided endpoints (http://127.0.0.1:8008: no \
             -e/--endpoints given and no scope configured to find the cluster's agents)\n"
        );
    }
    let help = stdout(&["check", "--help"], 0);
    assert!(help.contains("cluster_has_replica") && help.contains("3 UNKNOWN"), "{help}");
}

#[test]
fn contexts_choose_the_configuration_and_bad_ones_are_named() {
    let file = write("patronictl-site-a.yaml", "scope: site-a-scope\netcd3:\n  hosts: 127.0.0.1:1\n");
    let contexts = write(
        "contexts.yaml",
        &format!(
            "# sites\ncurrent-context: a\ncontexts:\n  a:\n    config-file: {}\n  b:\n    config: {{scope: b-scope, etcd3: {{hosts: '127.0.0.1:1', username: u}}}}\n    secrets:\n      etcd3.password: {{env: B_PASS}}\n",
            file.display()
        ),
    );
    let with_contexts = || {
        let mut command = hactl();
        command.env("HACTL_CONTEXTS", &contexts);
        command
    };
    with_contexts().args(["context", "current"]).assert().success().stdout("a\n");
    let listed = with_contexts().args(["context", "list", "-f", "json"]).env("B_PASS", "hunter2").assert().success();
    let listed: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(listed[0]["name"], "a");
    assert_eq!(listed[0]["current"], true);
    assert_eq!(listed[0]["scope"], "site-a-scope");
    assert_eq!(listed[1]["etcd_user"], "u");
    assert_eq!(listed[1]["secrets"][0], "etcd3.password from env B_PASS");
    assert!(!listed.to_string().contains("hunter2"), "secrets never printed: {listed}");
    with_contexts().args(["context", "show", "b"]).env("B_PASS", "hunter2").assert().success().stdout(
        predicate::str::contains("Secret:    etcd3.password from env B_PASS")
            .and(predicate::str::contains("hunter2").not()),
    );
    // The context in use is the one --context or HACTL_CONTEXT names, as for every command.
    with_contexts().args(["context", "current"]).env("HACTL_CONTEXT", "b").assert().success().stdout("b\n");
    with_contexts().args(["--context", "b", "context", "current"]).assert().success().stdout("b\n");
    // DCS_URL would make every context the same etcd.
    with_contexts()
        .args(["list", "--all-contexts"])
        .env("DCS_URL", "etcd3://127.0.0.1:1")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(and DCS_URL)"));
    // Without its secret's variable, context b says which variable.
    with_contexts()
        .args(["--context", "b", "list", "--dcs-timeout", "0.5"])
        .assert()
        .code(2)
        .stderr("Error: context b: secret etcd3.password: environment variable B_PASS is not set\n");
    with_contexts()
        .args(["--context", "b", "list", "--dcs-timeout", "0.5"])
        .env("B_PASS", "hunter2")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("127.0.0.1:1").and(predicate::str::contains("hunter2").not()));
    with_contexts().args(["--context", "nope", "list"]).assert().code(2).stderr(
        predicate::str::contains("unknown context nope; the contexts in").and(predicate::str::contains("are: a, b")),
    );
    with_contexts().args(["--context", "a", "-c", "x.yml", "list"]).assert().code(2);
    with_contexts()
        .args(["list", "--all-contexts", "-c", "x.yml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--all-contexts reads each context's own configuration"));
    // use rewrites only the current-context line.
    with_contexts().args(["context", "use", "b"]).assert().success().stdout("Switched to context \"b\".\n");
    let text = std::fs::read_to_string(&contexts).unwrap();
    assert!(text.starts_with("# sites\ncurrent-context: b\ncontexts:\n"), "{text}");
    // A file that does not parse: its line and column, exit 2, whatever the command.
    let broken = write("broken-contexts.yaml", "contexts:\n  a:\n    config-file: x\n   b: 1\n");
    hactl()
        .env("HACTL_CONTEXTS", &broken)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!("Error: {}:4:", broken.display())));
    // No contexts file: --all-contexts says where it looked.
    hactl()
        .args(["list", "--all-contexts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no contexts file").and(predicate::str::contains("HACTL_CONTEXTS")));
}

#[test]
fn check_says_why_etcd_did_not_answer_within_its_own_timeout() {
    // Refused at once, and asked again until the DCS timeout: under check's 2 s, the reason is
    // on the status line, not "Timeout: check execution aborted".
    let started = Instant::now();
    let out = hactl()
        .args(["-d", "etcd3://127.0.0.1:1", "check", "--cluster", "demo", "cluster_has_leader"])
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(3), "{line}");
    assert!(line.starts_with("CLUSTERHASLEADER UNKNOWN - etcd unreachable at http://127.0.0.1:1: "), "{line}");
    assert!(line.contains("Connection refused"), "{line}");
    assert!(started.elapsed() < Duration::from_millis(2500), "took {:?}", started.elapsed());
}

#[test]
fn check_usage_errors_name_the_missing_argument_and_keep_json() {
    let out = hactl().args(["check", "-m", "pg0", "node_patroni_version"]).output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(3), "{line}");
    assert!(
        line.starts_with(
            "NODEPATRONIVERSION UNKNOWN - the following required arguments were not provided: --patroni-version"
        ),
        "{line}"
    );
    let out = hactl().args(["check", "-f", "json", "cluster_has_replica", "-w", "foo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a usage error in JSON too");
    assert_eq!((json["state"].as_str(), json["exit_code"].as_i64()), (Some("UNKNOWN"), Some(3)), "{json}");
    assert!(json["status_line"].as_str().unwrap().starts_with("CLUSTERHASREPLICA UNKNOWN - invalid value 'foo'"));
}

#[test]
fn hosts_no_address_can_be_made_of_are_usage_errors() {
    for (args, named) in [
        (&["etcd", "health", "--endpoints", "http://[::1"][..], "--endpoints \"http://[::1\": expected HOST[:PORT]"),
        (&["sentinel", "masters", "--sentinel", "bad::addr"], "Sentinel address \"bad::addr\": expected HOST[:PORT]"),
    ] {
        let out = hactl().args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
}
