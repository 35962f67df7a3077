//! The dynamic configuration, history, dsn, query, remove and the standby-cluster switch on real
//! Patroni 4.1.5 clusters, compared with the reference patronictl where it prints something.

use crate::common::*;
use hactl::lab::{ClusterSpec, ClusterState, Flavor};
use serde_json::Value;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// A fast cluster of two members: enough for everything here, and lighter on two cores.
fn own_cluster(scope: &str) -> OwnCluster {
    OwnCluster::start_with(ClusterSpec { ttl: 20, loop_wait: 2, members: 2, ..ClusterSpec::new(scope) })
}

fn cfg(cluster: &ClusterState) -> String {
    config_of(cluster).to_str().unwrap().to_string()
}

fn run(cluster: &ClusterState, args: &[&str]) -> Output {
    run_env(cluster, args, &[])
}

fn run_env(cluster: &ClusterState, args: &[&str], env: &[(&str, &str)]) -> Output {
    let config = cfg(cluster);
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    hactl(&full, env)
}

fn reference(cluster: &ClusterState, args: &[&str]) -> Output {
    let config = cfg(cluster);
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    patronictl(&full, &[])
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs a command with `input` on its standard input.
fn with_stdin(program: &str, args: &[&str], input: &str) -> Output {
    let home = std::env::temp_dir().join("hactl-test-home");
    let mut child = std::process::Command::new(program)
        .env_clear()
        .env("HOME", &home)
        .env("PATH", "/usr/bin:/bin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// All keys of a cluster in etcd, by name relative to its prefix.
fn keys(scope: &str) -> std::collections::BTreeMap<String, String> {
    let prefix = format!("/service/{scope}/");
    lab_etcd(async |client| {
        let response = client.get(prefix.as_str(), Some(etcd_client::GetOptions::new().with_prefix())).await.unwrap();
        response
            .kvs()
            .iter()
            .map(|kv| (kv.key_str().unwrap()[prefix.len()..].to_string(), kv.value_str().unwrap().to_string()))
            .collect()
    })
}

fn config_json(scope: &str) -> (String, Value) {
    let raw = keys(scope).remove("config").expect("a /config key");
    let value = serde_json::from_str(&raw).unwrap();
    (raw, value)
}

/// `list -f json` rows of the cluster.
fn members(cluster: &ClusterState) -> Vec<Value> {
    let out = run(cluster, &["list", &cluster.scope, "-f", "json"]);
    serde_json::from_str::<Value>(&ok(&out)).unwrap().as_array().cloned().unwrap_or_default()
}

fn healthy(cluster: &ClusterState) -> bool {
    let rows = members(cluster);
    rows.len() == cluster.members.len()
        && rows.iter().filter(|m| m["Role"] == "Leader").count() == 1
        && rows.iter().filter(|m| m["Role"] != "Leader").all(|m| m["State"] == "streaming")
}

/// hactl's and patronictl's stdout for the same arguments, until they agree (a few tries: the
/// data compared here, unlike `list`'s, changes only when a test changes it, while the fast
/// clusters of other tests keep moving etcd's revision, which `assert_same_output` waits on).
fn same_output(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut last = (String::new(), String::new());
    for _ in 0..5 {
        let ours = hactl(args, env);
        let theirs = patronictl(args, env);
        assert!(theirs.status.success(), "patronictl {args:?} failed: {}", text(&theirs.stderr));
        assert!(ours.status.success(), "hactl {args:?} failed: {}", text(&ours.stderr));
        if ours.stdout == theirs.stdout {
            return text(&ours.stdout);
        }
        last = (text(&theirs.stdout), text(&ours.stdout));
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!("hactl {args:?} differs from patronictl\n--- patronictl\n{}\n--- hactl\n{}", last.0, last.1);
}

#[test]
fn show_config_history_and_dsn_are_patronictls() {
    let demo = shared_cluster(DEMO);
    let config = cfg(demo);
    for args in [
        vec!["show-config", "demo"],
        vec!["dsn", "demo"],
        vec!["dsn", "demo", "-r", "replica"],
        vec!["dsn", "demo", "-m", "pg2"],
        vec!["history", "demo"],
        vec!["history", "demo", "-f", "json"],
    ] {
        let mut full = vec!["-c", config.as_str()];
        full.extend(args);
        same_output(&full, &[]);
    }

    // History with rows: a cluster of this test's own, after a switchover.
    let own = own_cluster("cfg-history");
    let c = &own.state;
    wait_until("cfg-history healthy", Duration::from_secs(60), || healthy(c));
    let replica =
        members(c).into_iter().find(|m| m["Role"] != "Leader").unwrap()["Member"].as_str().unwrap().to_string();
    let started = Instant::now();
    ok(&run(c, &["switchover", "cfg-history", "--candidate", &replica, "--force"]));
    eprintln!("switchover verified in {:.1}s", started.elapsed().as_secs_f64());
    let config = cfg(c);
    let mut compared = 0;
    for args in [
        vec!["history", "cfg-history"],
        vec!["history", "cfg-history", "-f", "tsv"],
        vec!["history", "cfg-history", "-f", "json"],
        vec!["history", "cfg-history", "-f", "yaml"],
        vec!["show-config", "cfg-history"],
        vec!["dsn", "cfg-history"],
        vec!["dsn", "cfg-history", "-r", "replica"],
    ] {
        let mut full = vec!["-c", config.as_str()];
        full.extend(args);
        let out = same_output(&full, &[]);
        compared += out.lines().count();
    }
    let history = ok(&run(c, &["history", "cfg-history", "-f", "json"]));
    let rows: Value = serde_json::from_str(&history).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "one switchover, one history line: {history}");
    assert_eq!(rows[0]["New Leader"], replica.as_str());
    assert!(compared > 10);
    // -f json on show-config: the stored configuration.
    let shown: Value = serde_json::from_str(&ok(&run(c, &["show-config", "cfg-history", "-f", "json"]))).unwrap();
    assert_eq!(shown, config_json("cfg-history").1);
}

#[test]
fn edit_config_sets_pending_restart_and_never_overwrites_a_concurrent_change() {
    let own = own_cluster("cfg-edit");
    let c = &own.state;
    wait_until("cfg-edit healthy", Duration::from_secs(60), || healthy(c));
    let config = cfg(c);

    // The same preview (`--apply -` without --force) from both: the diff and the same words;
    // patronictl exits 0 having changed nothing, hactl says so with exit 2.
    let change = "postgresql:\n  parameters:\n    max_connections: 60\n";
    let theirs = with_stdin(
        c.patronictl().to_str().unwrap(),
        &["-c", &config, "edit-config", "cfg-edit", "--apply", "-"],
        change,
    );
    let ours =
        with_stdin(env!("CARGO_BIN_EXE_hactl"), &["-c", &config, "edit-config", "cfg-edit", "--apply", "-"], change);
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
    assert!(
        text(&ours.stdout).contains("-    max_connections: 100\n+    max_connections: 60\n"),
        "{}",
        text(&ours.stdout)
    );
    assert!(text(&ours.stdout).ends_with("Use --force option to apply changes\n"));
    assert_eq!(ours.status.code(), Some(2), "{}", text(&ours.stderr));
    assert_eq!(config_json("cfg-edit").1["postgresql"]["parameters"]["max_connections"], 100);

    // Without a terminal and without --force: exit 2 at once, nothing read or written.
    let started = Instant::now();
    let out = run(c, &["edit-config", "cfg-edit", "-p", "max_connections=60"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--force"), "{}", text(&out.stderr));
    assert!(started.elapsed() < Duration::from_secs(5));

    let started = Instant::now();
    let stdout = ok(&run(c, &["edit-config", "cfg-edit", "-p", "max_connections=60", "--force"]));
    assert!(stdout.starts_with("--- \n+++ \n@@ "), "{stdout}");
    assert!(stdout.ends_with("Configuration changed\n"), "{stdout}");
    let (raw, value) = config_json("cfg-edit");
    assert_eq!(value["postgresql"]["parameters"]["max_connections"], 60, "{raw}");
    // Every member reports the pending restart in its key.
    let took = wait_until("pending_restart on every member", Duration::from_secs(60), || {
        let keys = keys("cfg-edit");
        let members: Vec<Value> = keys
            .iter()
            .filter(|(k, _)| k.starts_with("members/"))
            .map(|(_, v)| serde_json::from_str(v).unwrap())
            .collect();
        members.len() == 2 && members.iter().all(|m| m["pending_restart"] == true)
    });
    eprintln!("edit-config to pending_restart on both members: {:.1}s", (started.elapsed()).as_secs_f64());
    let _ = took;
    let listed = ok(&run(c, &["list", "cfg-edit", "-f", "json"]));
    assert!(listed.contains("\"Pending restart\": \"*\""), "{listed}");

    // The same edit again: patronictl's "Not changed", exit 0, from both.
    let ours = ok(&run(c, &["edit-config", "cfg-edit", "-p", "max_connections=60", "--force"]));
    let theirs = ok(&reference(c, &["edit-config", "cfg-edit", "-p", "max_connections=60", "--force"]));
    assert_eq!((ours.as_str(), theirs.as_str()), ("Not changed\n", "Not changed\n"));

    // A competing write between hactl's read and its write: the $EDITOR writes one with the
    // reference patronictl, then edits hactl's file. hactl's compare-and-swap fails: exit 3,
    // and the competitor's value stays.
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\n{} -c {config} edit-config cfg-edit -s loop_wait=3 --force >/dev/null || exit 9\nsed -i 's/^ttl: .*/ttl: 25/' \"$1\"\n",
            c.patronictl().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = keys("cfg-edit")["config"].clone();
    let out = run_env(c, &["edit-config", "cfg-edit", "--force"], &[("EDITOR", editor.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(3), "stdout: {}\nstderr: {}", text(&out.stdout), text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Config modification aborted due to concurrent changes"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("-ttl: 20\n+ttl: 25\n"), "the diff was shown: {}", text(&out.stdout));
    let (raw, after) = config_json("cfg-edit");
    assert_ne!(raw, before);
    assert_eq!(after["loop_wait"], 3, "the competitor's value stays: {raw}");
    assert_eq!(after["ttl"], 20, "hactl's change was not written: {raw}");

    // The editor with no change: "Not changed" (show-config's quoting round-trips).
    let out = run_env(c, &["edit-config", "cfg-edit", "--force"], &[("EDITOR", "/bin/true")]);
    assert_eq!(ok(&out), "Not changed\n");
}

/// A `/config` key whose value is not a JSON object, written straight into etcd (a scope of keys
/// only, no Patroni): show-config prints patronictl's `{}` and warns, edit-config replaces the
/// value with a compare-and-swap on its mod revision, as patronictl's edit-config repairs it.
#[test]
fn an_unreadable_config_key_is_shown_empty_and_replaced() {
    const SCOPE: &str = "cfg-corrupt";
    let demo = shared_cluster(DEMO);
    let config = cfg(demo);
    let key = format!("/service/{SCOPE}/config");
    let prefix = format!("/service/{SCOPE}/");
    let wipe = || {
        lab_etcd(async |client| {
            client.delete(prefix.as_str(), Some(etcd_client::DeleteOptions::new().with_prefix())).await.unwrap();
        })
    };
    let put = |value: &str| {
        lab_etcd(async |client| {
            client.put(key.as_str(), value, None).await.unwrap();
        })
    };
    let truncated = r#"{"ttl": 30, "loop_wait""#;
    wipe();

    // show-config: patronictl's `{}` (ClusterConfig.from_node's empty dict), exit 0, from both;
    // hactl also says on stderr, in one line, which key is unreadable and how to rewrite it.
    for corrupt in [truncated, "[1,2]", "\"x\"", ""] {
        put(corrupt);
        let args = ["-c", config.as_str(), "show-config", SCOPE];
        let (ours, theirs) = (hactl(&args, &[]), patronictl(&args, &[]));
        assert_eq!(theirs.status.code(), Some(0), "patronictl on {corrupt:?}: {}", text(&theirs.stderr));
        assert_eq!(ours.status.code(), Some(0), "hactl on {corrupt:?}: {}", text(&ours.stderr));
        assert_eq!(text(&ours.stdout), text(&theirs.stdout), "on {corrupt:?}");
        assert_eq!(text(&ours.stdout), "{}\n\n");
        let warning = text(&ours.stderr);
        assert_eq!(warning.lines().count(), 1, "{warning}");
        assert!(warning.contains(&format!("unreadable key {key}")), "{warning}");
        assert!(warning.contains(&format!("hactl edit-config {SCOPE} --replace FILE")), "{warning}");
        let json = run(demo, &["show-config", SCOPE, "-f", "json"]);
        assert_eq!(ok(&json), "{}\n");
    }

    // edit-config --replace - --force: the same diff from `{}` and the same words as
    // patronictl's, each repairing the key it found unreadable.
    let new = "ttl: 30\nloop_wait: 5\n";
    let edit = ["-c", config.as_str(), "edit-config", SCOPE, "--replace", "-", "--force"];
    put(truncated);
    let theirs = with_stdin(demo.patronictl().to_str().unwrap(), &edit, new);
    assert_eq!(theirs.status.code(), Some(0), "{}", text(&theirs.stderr));
    assert_eq!(config_json(SCOPE).0, r#"{"ttl":30,"loop_wait":5}"#);
    put(truncated);
    let ours = with_stdin(env!("CARGO_BIN_EXE_hactl"), &edit, new);
    assert_eq!(ours.status.code(), Some(0), "{}", text(&ours.stderr));
    assert_eq!(text(&ours.stdout), text(&theirs.stdout));
    assert!(text(&ours.stdout).starts_with("--- \n+++ \n@@ -1 +1,2 @@\n-{}\n"), "{}", text(&ours.stdout));
    assert!(text(&ours.stderr).contains(&format!("Replaced the unreadable value of {key}")), "{}", text(&ours.stderr));
    assert_eq!(config_json(SCOPE).0, r#"{"ttl":30,"loop_wait":5}"#, "written as patronictl writes it");
    let shown = run(demo, &["show-config", SCOPE]);
    assert_eq!(ok(&shown), "loop_wait: 5\nttl: 30\n\n");
    assert_eq!(text(&shown.stderr), "", "a readable key: no warning");

    // -s and -p on a valid JSON value that is not an object: edited from `{}`.
    put("[1,2]");
    ok(&run(demo, &["edit-config", SCOPE, "-s", "ttl=20", "-p", "max_connections=50", "--force"]));
    assert_eq!(
        config_json(SCOPE).1,
        serde_json::json!({"ttl": 20, "postgresql": {"parameters": {"max_connections": 50}}})
    );

    // A competing write between hactl's read and its write: the $EDITOR puts another value into
    // the key first. The compare-and-swap on the unreadable value's mod revision fails: exit 3,
    // and the competitor's value stays.
    put(truncated);
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    let endpoints = lab().etcd_endpoints().join(",");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nETCDCTL_API=3 etcdctl --endpoints {endpoints} put {key} '{{\"ttl\":40}}' >/dev/null || exit 9\nprintf 'ttl: 25\\n' > \"$1\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = run_env(demo, &["edit-config", SCOPE, "--force"], &[("EDITOR", editor.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(3), "stdout: {}\nstderr: {}", text(&out.stdout), text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Config modification aborted due to concurrent changes"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(config_json(SCOPE).0, r#"{"ttl":40}"#, "the competitor's value stays");
    wipe();
}

#[test]
fn set_values_are_stored_as_patronictl_stores_them() {
    let own = own_cluster("cfg-values");
    let c = &own.state;
    wait_until("cfg-values healthy", Duration::from_secs(60), || healthy(c));
    let pairs = |prefix: &str| -> Vec<String> {
        ["on=on", "octal=0777", "version=9.6", "quoted='on'", "text=128MB", "list=[1, off]", "gone=null"]
            .iter()
            .map(|p| format!("{prefix}.{p}"))
            .collect()
    };
    let mut ours = vec!["edit-config".to_string(), "cfg-values".into(), "--force".into()];
    for p in pairs("by_hactl") {
        ours.extend(["-s".into(), p]);
    }
    let mut theirs = vec!["edit-config".to_string(), "cfg-values".into(), "--force".into()];
    for p in pairs("by_patronictl") {
        theirs.extend(["-s".into(), p]);
    }
    ok(&run(c, &ours.iter().map(String::as_str).collect::<Vec<_>>()));
    ok(&reference(c, &theirs.iter().map(String::as_str).collect::<Vec<_>>()));
    let (raw, value) = config_json("cfg-values");
    assert_eq!(value["by_hactl"], value["by_patronictl"], "{raw}");
    let ours_text = raw.split("\"by_hactl\":").nth(1).unwrap().split('}').next().unwrap().to_string();
    let theirs_text = raw.split("\"by_patronictl\":").nth(1).unwrap().split('}').next().unwrap().to_string();
    assert_eq!(ours_text, theirs_text, "the same JSON text: {raw}");
    assert_eq!(ours_text, r#"{"on":true,"octal":511,"version":9.6,"quoted":"on","text":"128MB","list":[1,false]"#);

    // A string "on" already stored survives an edit of something else, through YAML and back.
    ok(&run(c, &["edit-config", "cfg-values", "-s", "keep='on'", "--force"]));
    ok(&run(c, &["edit-config", "cfg-values", "-p", "work_mem=8MB", "--force"]));
    let editor_noop = run_env(c, &["edit-config", "cfg-values", "--force"], &[("EDITOR", "/bin/true")]);
    assert_eq!(ok(&editor_noop), "Not changed\n");
    let (raw, value) = config_json("cfg-values");
    assert_eq!(value["keep"], "on", "{raw}");
    assert_eq!(value["postgresql"]["parameters"]["hot_standby"], "on", "{raw}");
    assert_eq!(value["postgresql"]["parameters"]["work_mem"], "8MB", "{raw}");
    same_output(&["-c", &cfg(c), "show-config", "cfg-values"], &[]);
}

#[test]
fn query_runs_on_the_member_of_the_role() {
    let demo = shared_cluster(DEMO);
    let config = cfg(demo);
    let password = ("PGPASSWORD", hactl::lab::SUPERUSER.password);
    let user = hactl::lab::SUPERUSER.user;
    let started = Instant::now();
    let out = hactl(
        &["-c", &config, "query", "demo", "-r", "replica", "-c", "select pg_is_in_recovery()", "-U", user],
        &[password],
    );
    assert_eq!(ok(&out), "pg_is_in_recovery\nTrue\n", "a boolean as psycopg hands it to patronictl");
    eprintln!("query on a replica: {:.2}s", started.elapsed().as_secs_f64());
    let out = hactl(&["-c", &config, "query", "demo", "-c", "select pg_is_in_recovery()", "-U", user], &[password]);
    assert_eq!(ok(&out), "pg_is_in_recovery\nFalse\n", "the leader by default");
    let out = hactl(
        &["-c", &config, "query", "demo", "-d", "template1", "-c", "select current_database()", "-U", user],
        &[password],
    );
    assert_eq!(ok(&out), "current_database\ntemplate1\n", "-d after query is the database");

    // Text results print as patronictl prints them, in tsv (with a delimiter) and pretty.
    for extra in [vec![], vec!["--delimiter", ";"], vec!["--format", "pretty"], vec!["--format", "json"]] {
        let mut args =
            vec!["-c", &config, "query", "demo", "-m", "pg1", "-U", user, "-c", "select 'a' as x, 'b c' as y"];
        args.extend(extra);
        same_output(&args, &[password]);
    }
    // Typed values print as psycopg hands them to patronictl: numbers and booleans as such,
    // timestamps with a +HH:MM offset. (patronictl itself fails on numeric, NaN and timestamps in
    // JSON and YAML, so those are compared in text only.)
    let typed = "select 1 as i, 123456789012::int8 as l, 1.5::float8 as f, 100::float4 as g, true as b, null as n, \
                 5::oid as o, 'x' as t";
    let text_only = "select 'NaN'::float8 as nan, 2.50::numeric as d, \
                     '2026-01-01 10:00:00+05:30'::timestamptz as at, current_date - current_date as days";
    for (sql, formats) in [(typed, &["tsv", "pretty", "json", "yaml"][..]), (text_only, &["tsv", "pretty"][..])] {
        for format in formats {
            let args = ["-c", &config, "query", "demo", "-m", "pg1", "-U", user, "-c", sql, "--format", format];
            same_output(&args, &[password]);
        }
    }

    // A wrong password: patronictl's error row, then exit 2 (refused credentials).
    let out = hactl(&["-c", &config, "query", "demo", "-c", "select 1", "-U", user], &[("PGPASSWORD", "wrong")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("\tERROR, SQLSTATE: connection to server at \"127.0.0.1\""),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("password authentication failed"), "{}", text(&out.stdout));
    // An SQL error: exit 1, with the SQLSTATE as patronictl shows it.
    let out = hactl(&["-c", &config, "query", "demo", "-c", "select * from no_such_table", "-U", user], &[password]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).ends_with("\tERROR, SQLSTATE: 42P01\n"), "{}", text(&out.stdout));
    // No member of the role: patronictl's words, exit 1.
    let out =
        hactl(&["-c", &config, "query", "demo", "-r", "standby-leader", "-c", "select 1", "-U", user], &[password]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).ends_with("\tNo connection to role standby-leader is available\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn remove_keeps_its_safeguards_then_wipes_the_keys() {
    let own = own_cluster("cfg-remove");
    let c = &own.state;
    wait_until("cfg-remove healthy", Duration::from_secs(60), || healthy(c));
    let before = keys("cfg-remove");
    assert!(before.contains_key("config") && before.contains_key("leader"), "{before:?}");

    // No terminal, no --force: refused at once.
    let started = Instant::now();
    let out = run(c, &["remove", "cfg-remove"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("pass --force"), "{}", text(&out.stderr));
    assert!(started.elapsed() < Duration::from_secs(5));
    // --force while a leader holds the leader key: refused, exit 3.
    let out = run(c, &["remove", "cfg-remove", "--force"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("This cluster currently is healthy"), "{}", text(&out.stderr));
    assert_eq!(keys("cfg-remove").keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());

    // Stopped (Patroni by pid; lab::stop_cluster would delete the keys itself), the leader key
    // goes, and remove --force wipes what is left.
    for member in &c.members {
        stop_process(&format!("patroni of {}", member.name), member.patroni);
    }
    wait_until("no leader key", Duration::from_secs(40), || !keys("cfg-remove").contains_key("leader"));
    assert!(keys("cfg-remove").contains_key("config"), "the keys without a lease stay");
    let out = run(c, &["remove", "cfg-remove", "--force"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stderr).contains("Removed cluster cfg-remove from the DCS"), "{}", text(&out.stderr));
    assert!(keys("cfg-remove").is_empty(), "{:?}", keys("cfg-remove"));
    // Now an unknown cluster: exit 2.
    assert_eq!(run(c, &["remove", "cfg-remove", "--force"]).status.code(), Some(2));
}

#[test]
fn demote_and_promote_cluster_wait_for_the_new_role() {
    let own = own_cluster("cfg-standby");
    let c = &own.state;
    wait_until("cfg-standby healthy", Duration::from_secs(60), || healthy(c));
    let started = Instant::now();
    let stdout = ok(&run(c, &["demote-cluster", "cfg-standby", "--restore-command", "false", "--force"]));
    eprintln!("demote-cluster: {:.1}s", started.elapsed().as_secs_f64());
    assert!(stdout.starts_with("Current cluster topology\n"), "{stdout}");
    assert!(stdout.contains(" cluster is successfully demoted\n"), "{stdout}");
    let rows = members(c);
    assert!(rows.iter().any(|m| m["Role"] == "Standby Leader"), "{rows:?}");
    let config = config_json("cfg-standby").1;
    assert_eq!(config["standby_cluster"], serde_json::json!({"restore_command": "false"}));
    // Already a standby cluster: refused, exit 3.
    assert_eq!(run(c, &["demote-cluster", "cfg-standby", "--host", "127.0.0.1", "--force"]).status.code(), Some(3));

    let started = Instant::now();
    let stdout = ok(&run(c, &["promote-cluster", "cfg-standby", "--force"]));
    eprintln!("promote-cluster: {:.1}s", started.elapsed().as_secs_f64());
    assert!(stdout.contains(" cluster is successfully promoted\n"), "{stdout}");
    assert!(members(c).iter().any(|m| m["Role"] == "Leader"));
    assert!(config_json("cfg-standby").1.get("standby_cluster").is_none());
}

/// A Patroni 3 leader calls itself `master`: the promotion is seen done there too (patronictl 4
/// waits for `primary` and times out), and a promoted cluster is not promoted again.
#[test]
fn promote_cluster_sees_a_patroni_3_master_promoted() {
    let spec =
        ClusterSpec { ttl: 20, loop_wait: 2, members: 1, flavor: Flavor::V3, ..ClusterSpec::new("cfg-standby3") };
    let own = OwnCluster::start_with(spec);
    let c = &own.state;
    wait_until("cfg-standby3 healthy", Duration::from_secs(60), || healthy(c));
    ok(&run(c, &["demote-cluster", "cfg-standby3", "--restore-command", "false", "--force"]));
    let out = run(c, &["promote-cluster", "cfg-standby3", "--force", "--timeout", "60"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains(" cluster is successfully promoted\n"), "{stdout}");
    let out = run(c, &["promote-cluster", "cfg-standby3", "--force"]);
    assert_eq!(out.status.code(), Some(3), "already promoted: {}", text(&out.stderr));
}

/// A self-signed certificate for 127.0.0.1 (and another one, for a wrong root), readable by
/// the cluster's PostgreSQL.
fn server_certificates(cluster: &ClusterState) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::MetadataExt;
    let dir = cluster.dir.join("tls");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, subject, san) in
        [("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1"), ("other", "/CN=other", "subjectAltName=DNS:other")]
    {
        let key = dir.join(format!("{name}.key"));
        let crt = dir.join(format!("{name}.crt"));
        let out = std::process::Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", subject, "-addext", san])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&crt)
            .output()
            .expect("openssl runs (Debian package openssl)");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let owner = std::fs::metadata(&cluster.dir).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid())).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    std::os::unix::fs::chown(&dir, Some(owner.uid()), Some(owner.gid())).unwrap();
    (dir.join("server.crt"), dir.join("other.crt"))
}

#[test]
fn query_uses_tls_as_the_sslmode_asks() {
    let own = own_cluster("cfg-tls");
    let c = &own.state;
    wait_until("cfg-tls healthy", Duration::from_secs(60), || healthy(c));
    let (root, other) = server_certificates(c);
    let crt = root.to_str().unwrap();
    let key = crt.replace(".crt", ".key");
    ok(&run(
        c,
        &[
            "edit-config",
            "cfg-tls",
            "-p",
            "ssl=on",
            "-p",
            &format!("ssl_cert_file={crt}"),
            "-p",
            &format!("ssl_key_file={key}"),
            "-q",
            "--force",
        ],
    ));
    // The root file must be readable by the test (root) too: it is, as root.
    let sql = "select ssl from pg_stat_ssl where pid = pg_backend_pid()";
    let query = |env: &[(&str, &str)]| {
        let mut all = vec![("PGPASSWORD", hactl::lab::SUPERUSER.password)];
        all.extend_from_slice(env);
        run_env(c, &["query", "cfg-tls", "-U", hactl::lab::SUPERUSER.user, "-c", sql], &all)
    };
    let took = wait_until("PostgreSQL serves TLS", Duration::from_secs(60), || {
        text(&query(&[("PGSSLMODE", "require")]).stdout) == "ssl\nTrue\n"
    });
    eprintln!("ssl=on applied by Patroni in {:.1}s", took.as_secs_f64());
    assert_eq!(ok(&query(&[("PGSSLMODE", "disable")])), "ssl\nFalse\n");
    assert_eq!(ok(&query(&[])), "ssl\nTrue\n", "libpq's default sslmode is prefer");
    assert_eq!(ok(&query(&[("PGSSLMODE", "verify-full"), ("PGSSLROOTCERT", crt)])), "ssl\nTrue\n");
    assert_eq!(ok(&query(&[("PGSSLMODE", "verify-ca"), ("PGSSLROOTCERT", crt)])), "ssl\nTrue\n");
    let out = query(&[("PGSSLMODE", "verify-full"), ("PGSSLROOTCERT", other.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(4), "an untrusted server certificate: {}", text(&out.stderr));
    assert!(text(&out.stderr).contains("invalid peer certificate"), "{}", text(&out.stderr));
    let out = query(&[("PGSSLMODE", "verify-full")]);
    assert_eq!(out.status.code(), Some(2), "verify-full without a root certificate: {}", text(&out.stderr));
}
