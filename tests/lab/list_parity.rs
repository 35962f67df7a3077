//! `hactl list` and `topology` print exactly what patronictl 4.1.5 prints on the same cluster.

use crate::common::*;

const FORMATS: &[&[&str]] = &[
    &["list"],
    &["list", "-f", "tsv"],
    &["list", "-f", "json"],
    &["list", "-f", "yaml"],
    &["list", "-e"],
    &["list", "-e", "-f", "json"],
    &["topology"],
];

fn compare_all_formats(cluster: &hactl::lab::ClusterState) {
    let config = config_of(cluster).to_str().unwrap().to_string();
    for format in FORMATS {
        let mut args = vec!["-c", config.as_str()];
        args.extend_from_slice(format);
        args.push(cluster.scope.as_str());
        assert_same_output(&args, &[]);
    }
}

#[test]
fn healthy_patroni_4_cluster_matches_patronictl() {
    let cluster = shared_cluster(DEMO);
    compare_all_formats(cluster);
    let config = config_of(cluster).to_str().unwrap();
    let table = assert_same_output(&["-c", config, "list"], &[]);
    assert!(table.starts_with("+ Cluster: demo ("), "{table}");
    assert_eq!(table.matches("| Leader ").count(), 1, "{table}");
    assert_eq!(table.matches(" streaming ").count(), 2, "{table}");
}

#[test]
fn healthy_patroni_3_cluster_matches_patronictl() {
    let cluster = shared_cluster(LEGACY);
    compare_all_formats(cluster);
}

#[test]
fn paused_and_scheduled_switchover_match_patronictl() {
    let own = OwnCluster::start("parity-states");
    let cluster = &own.state;
    let config = config_of(cluster).to_str().unwrap().to_string();
    let ctl = |args: &[&str]| {
        let mut full = vec!["-c", config.as_str()];
        full.extend_from_slice(args);
        let out = patronictl(&full, &[]);
        assert!(out.status.success(), "patronictl {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };

    ctl(&["pause", "parity-states", "--wait"]);
    compare_all_formats(cluster);
    let paused = assert_same_output(&["-c", &config, "list", "parity-states"], &[]);
    assert!(paused.contains(" Maintenance mode: on"), "{paused}");

    ctl(&["resume", "parity-states", "--wait"]);
    let at = (chrono::Utc::now() + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let rows: serde_json::Value = serde_json::from_str(&ctl(&["list", "parity-states", "-f", "json"])).unwrap();
    let candidate = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Role"] != "Leader")
        .and_then(|m| m["Member"].as_str())
        .expect("a replica")
        .to_string();
    ctl(&["switchover", "parity-states", "--candidate", &candidate, "--scheduled", &at, "--force"]);
    compare_all_formats(cluster);
    let scheduled = assert_same_output(&["-c", &config, "list", "parity-states"], &[]);
    assert!(scheduled.contains(" Switchover scheduled at: "), "{scheduled}");
    assert!(scheduled.contains(&format!("                      to: {candidate}")), "{scheduled}");
    ctl(&["flush", "parity-states", "switchover", "--force"]);
}

#[test]
fn list_piped_into_head_exits_zero_without_panic() {
    let cluster = shared_cluster(DEMO);
    // `-W` keeps writing every 2 s, so the write after `head` exits surely hits a closed pipe.
    let script = format!(
        "set -o pipefail; timeout 30 {} -c {} list demo -W | head -1",
        env!("CARGO_BIN_EXE_hactl"),
        config_of(cluster).display()
    );
    let out = std::process::Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert!(out.status.success(), "exit {:?}: {}", out.status, text(&out.stderr));
    assert!(text(&out.stdout).starts_with("+ Cluster: demo"));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[test]
fn hactl_installed_as_patronictl_lists_like_patronictl() {
    // A drop-in install: `ln -s hactl /usr/local/bin/patronictl`.
    let dir = std::env::temp_dir().join(format!("hactl-drop-in-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("patronictl");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_hactl"), &link).unwrap();
    let cluster = shared_cluster(DEMO);
    let config = config_of(cluster).to_str().unwrap();
    for format in [&["list"][..], &["list", "-f", "json"], &["topology"]] {
        let mut args = vec!["-c", config];
        args.extend_from_slice(format);
        args.push(DEMO);
        assert_same_output_of(&link, &args, &[]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue #10, point 6: several clusters in one `list -f json` (and the other formats) print as
/// patronictl prints them: one JSON array per cluster, a line each, so `jq` pipelines keep working.
#[test]
fn several_clusters_in_one_list_match_patronictl() {
    let config = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    shared_cluster(LEGACY);
    for format in [&["list", "-f", "json"][..], &["list", "-f", "yaml"], &["list", "-f", "tsv"], &["list"]] {
        let mut args = vec!["-c", config.as_str()];
        args.extend_from_slice(format);
        args.extend_from_slice(&[DEMO, LEGACY]);
        let out = assert_same_output(&args, &[]);
        if format.contains(&"json") {
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 2, "one line per cluster: {out}");
            for line in lines {
                let rows: serde_json::Value = serde_json::from_str(line).expect("each line is one JSON array");
                assert_eq!(rows.as_array().map(Vec::len), Some(3), "{line}");
            }
        }
    }
}

/// `list --all` reads the namespace in pages (10,000 keys each) and prints each cluster as soon as
/// it is complete: on a fleet of 12,000 keys whose clusters straddle the page boundary, it prints
/// exactly what `list` of every cluster by name (one read each) prints, in every format.
#[test]
fn list_all_in_pages_prints_what_each_cluster_read_alone_prints() {
    let namespace = "fleet-pages";
    let names: Vec<String> = (0..3000).map(|i| format!("c{i:04}")).collect();
    lab_etcd(async |etcd| {
        let _ = etcd.delete(format!("/{namespace}/"), Some(etcd_client::DeleteOptions::new().with_prefix())).await;
        for (i, name) in names.iter().enumerate() {
            let prefix = format!("/{namespace}/{name}");
            let mut ops = vec![
                etcd_client::TxnOp::put(format!("{prefix}/initialize"), format!("73{i:017}"), None),
                etcd_client::TxnOp::put(format!("{prefix}/leader"), "pg0", None),
            ];
            // 1 to 3 members: clusters of 3 to 5 keys, so that some straddle a page boundary.
            for m in 0..=(i % 3) {
                let role = if m == 0 { "primary" } else { "replica" };
                let value = format!(
                    r#"{{"conn_url":"postgres://127.0.0.{}:5432/postgres","api_url":"http://127.0.0.{}:8008/patroni","state":"running","role":"{role}","timeline":1}}"#,
                    m + 1,
                    m + 1
                );
                ops.push(etcd_client::TxnOp::put(format!("{prefix}/members/pg{m}"), value, None));
            }
            etcd.txn(etcd_client::Txn::new().and_then(ops)).await.unwrap();
        }
    });
    let url = format!("etcd3://{}/{namespace}", lab().etcd_endpoints()[0]);
    for format in [&[][..], &["-f", "json"], &["-f", "tsv"], &["-e"]] {
        let mut all = vec!["-d", url.as_str(), "list", "--all"];
        all.extend_from_slice(format);
        let paged = hactl(&all, &[]);
        let mut named = vec!["-d", url.as_str(), "list"];
        named.extend(names.iter().map(String::as_str));
        named.extend_from_slice(format);
        let one_by_one = hactl(&named, &[]);
        assert!(paged.status.success() && one_by_one.status.success(), "{}", text(&paged.stderr));
        let (paged, one_by_one) = (text(&paged.stdout), text(&one_by_one.stdout));
        assert!(paged.contains("c2999") && paged.contains("c0000"), "{format:?}: not every cluster listed");
        assert!(paged == one_by_one, "{format:?}: list --all differs from the clusters read one by one");
    }
    // A reader that stops early ends the walk cleanly: a closed pipe is success.
    let script = format!("set -o pipefail; timeout 30 {} -d {url} list --all | head -1", env!("CARGO_BIN_EXE_hactl"));
    let out = std::process::Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert!(out.status.success(), "exit {:?}: {}", out.status, text(&out.stderr));
    assert!(text(&out.stdout).starts_with("+ Cluster: c0000"), "{}", text(&out.stdout));
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
    lab_etcd(async |etcd| {
        let _ = etcd.delete(format!("/{namespace}/"), Some(etcd_client::DeleteOptions::new().with_prefix())).await;
    });
}
