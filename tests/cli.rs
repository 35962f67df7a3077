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
fn json_errors_are_one_object_on_stderr() {
    let out = hactl().args(["-d", "etcd3://127.0.0.1:1", "list", "demo", "-f", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let value: serde_json::Value = serde_json::from_str(stderr.trim()).expect("stderr is one JSON object");
    assert_eq!(value["error"]["kind"], "unreachable");
    assert_eq!(value["error"]["exit_code"], 4);
    assert!(value["error"]["message"].as_str().unwrap().contains("127.0.0.1:1"));
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
