//! Issue 18: contexts across independent etcd clusters. Site A is the shared lab (its etcd,
//! demo and legacy), site B an etcd of its own with a standby cluster of demo, site C an etcd
//! with no cluster that is frozen to show the deadline. `--context` on list, switchover and
//! pause; `list --all --all-contexts` in every format; no contexts file changes nothing.

use crate::common::*;
use hactl::lab::{ClusterSpec, StandbySource};
use std::path::Path;
use std::time::{Duration, Instant};

const DR_SCOPE: &str = "ctx-dr";

fn write_contexts(dir: &Path, body: &str) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("contexts.yaml");
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

/// JSON documents, one per line (`list --all -f json` prints one array per cluster).
fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    let text = text(stdout);
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))).collect()
}

#[test]
fn contexts_reach_independent_etcd_clusters_and_one_frozen_costs_only_the_deadline() {
    let demo = shared_cluster(DEMO);
    let leader = demo.primary().expect("demo has a leader");
    let standby_of = StandbySource {
        host: "127.0.0.1".into(),
        port: demo.member(&leader.name).unwrap().pg_port,
        restore_command: None,
    };
    let dr_spec =
        ClusterSpec { members: 2, ttl: 20, loop_wait: 2, standby_of: Some(standby_of), ..ClusterSpec::new(DR_SCOPE) };
    let site_b = OwnLab::with_cluster("hactl-test-lab-contexts-b", 23379, dr_spec, 16132, 18708);
    let site_c = OwnLab::start("hactl-test-lab-contexts-c", 23479, None);
    let dir = Path::new(&tmp_dir("hactl-test-contexts")).to_owned();
    let contexts = write_contexts(
        &dir,
        &format!(
            "# three sites\ncurrent-context: site-a\ncontexts:\n  site-a:\n    config-file: {}\n  site-b:\n    config:\n      \
             scope: {DR_SCOPE}\n      etcd3:\n        hosts: {}\n  site-c:\n    config:\n      scope: ghost\n      etcd3: {{hosts: '{}'}}\n",
            cfg(demo),
            site_b.state.etcd_endpoints().join(","),
            site_c.state.etcd_endpoints().join(","),
        ),
    );
    let env = [("HACTL_CONTEXTS", contexts.as_str())];

    // The context's own listing is what its configuration gives with -c.
    let dr_cfg = cfg(site_b.state.cluster(DR_SCOPE).unwrap());
    let by_context = hactl(&["--context", "site-b", "list", "-f", "json"], &env);
    assert!(by_context.status.success(), "{}", text(&by_context.stderr));
    let members = json_lines(&by_context.stdout).remove(0);
    let members = members.as_array().unwrap();
    assert_eq!(members.len(), 2, "{members:?}");
    assert!(members.iter().all(|m| m["Cluster"] == DR_SCOPE));
    assert!(members.iter().any(|m| m["Role"] == "Standby Leader"), "a standby cluster of demo: {members:?}");
    let succeeded = |out: std::process::Output| {
        assert!(out.status.success() && !out.stdout.is_empty(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    // Two listings of a standby cluster are the same only while its keys stand still (its
    // replica's LSN moves with demo's WAL): compared again when they moved in between.
    let site_b_etcd = site_b.state.etcd_endpoints();
    let dr_keys = || scope_revisions(&site_b_etcd, DR_SCOPE);
    let same_listing = |args: &[&str], env: &[(&str, &str)]| {
        for _ in 0..10 {
            let before = dr_keys();
            let (by_file, listed) =
                (succeeded(hactl(&["-c", &dr_cfg, "list", DR_SCOPE], &[])), succeeded(hactl(args, env)));
            if dr_keys() == before {
                assert_eq!(listed, by_file, "hactl {args:?} lists what -c lists");
                return;
            }
        }
        panic!("{DR_SCOPE} kept changing during 10 attempts to compare hactl {args:?}");
    };
    same_listing(&["--context", "site-b", "list"], &env);
    // HACTL_CONTEXT does as --context; the current context applies with neither.
    same_listing(&["list"], &[env[0], ("HACTL_CONTEXT", "site-b")]);
    assert_eq!(text(&hactl(&["context", "current"], &[env[0], ("HACTL_CONTEXT", "site-b")]).stdout), "site-b\n");
    let current = hactl(&["list"], &env);
    assert!(text(&current.stdout).contains(" Cluster: demo ("), "{}", text(&current.stdout));
    assert_eq!(text(&hactl(&["context", "current"], &env).stdout), "site-a\n");

    // No contexts file: exactly as before, patronictl's output byte for byte, from patronictl's
    // default file ($XDG_CONFIG_HOME/patroni/patronictl.yaml; no $XDG_CONFIG_HOME/hactl/contexts.yaml).
    let xdg = dir.join("xdg");
    std::fs::create_dir_all(xdg.join("patroni")).unwrap();
    std::fs::copy(config_of(demo), xdg.join("patroni/patronictl.yaml")).unwrap();
    let xdg = xdg.display().to_string();
    let listed = assert_same_output(&["list"], &[("XDG_CONFIG_HOME", xdg.as_str())]);
    assert!(listed.contains(" Cluster: demo ("), "{listed}");

    // Every context at once, in every format, site C's etcd frozen: named, at most the deadline.
    let mut frozen = Frozen::default();
    for member in &site_c.state.etcd {
        frozen.freeze(member.process.expect("site C's etcd runs").pid);
    }
    let started = Instant::now();
    let pretty = hactl(&["list", "--all", "--all-contexts", "--dcs-timeout", "2"], &env);
    let took = started.elapsed();
    assert_eq!(pretty.status.code(), Some(4), "site C is unreachable: {}", text(&pretty.stderr));
    assert!(took < Duration::from_secs(4), "a frozen etcd costs the deadline (2 s) once, not {took:?}");
    let (out, err) = (text(&pretty.stdout), text(&pretty.stderr));
    let (a, b) = (out.find("Context: site-a\n").unwrap(), out.find("Context: site-b\n").unwrap());
    assert!(
        a < b && out[a..b].contains(" Cluster: demo (") && out[b..].contains(&format!(" Cluster: {DR_SCOPE} (")),
        "{out}"
    );
    assert!(!out.contains("Context: site-c"), "{out}");
    // The standby pair across sites: site B's cluster streams from demo's leader in site A.
    let source_address = format!("127.0.0.1:{}", demo.member(&leader.name).unwrap().pg_port);
    assert!(out[b..].contains(&format!(" Standby of: site-a/demo ({source_address}), lag ")), "{out}");
    assert!(err.contains("context site-c: ") && err.contains("no answer"), "{err}");
    assert!(err.contains("contexts not read: site-c"), "{err}");
    let allowed = hactl(&["list", "--all", "--all-contexts", "--dcs-timeout", "2", "--allow-unreachable"], &env);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    assert!(text(&allowed.stderr).contains("context site-c:"), "still named: {}", text(&allowed.stderr));

    let tsv =
        hactl(&["list", "--all", "--all-contexts", "-f", "tsv", "--dcs-timeout", "2", "--allow-unreachable"], &env);
    let tsv = text(&tsv.stdout);
    assert!(tsv.lines().next().unwrap().starts_with("Context\tCluster\tMember\t"), "{tsv}");
    let rows: Vec<&str> = tsv.lines().filter(|l| !l.starts_with("Context\t")).collect();
    assert!(rows.iter().any(|r| r.starts_with(&format!("site-b\t{DR_SCOPE}\t"))), "{tsv}");
    assert!(rows.iter().any(|r| r.starts_with("site-a\tdemo\t")), "{tsv}");
    assert!(rows.iter().all(|r| r.starts_with("site-a\t") || r.starts_with("site-b\t")), "{tsv}");

    let json =
        hactl(&["list", "--all", "--all-contexts", "-f", "json", "--dcs-timeout", "2", "--allow-unreachable"], &env);
    let members: Vec<serde_json::Value> =
        json_lines(&json.stdout).into_iter().flat_map(|a| a.as_array().unwrap().clone()).collect();
    assert!(members.iter().any(|m| m["Context"] == "site-b" && m["Cluster"] == DR_SCOPE), "{members:?}");
    assert!(members.iter().any(|m| m["Context"] == "site-a" && m["Cluster"] == DEMO), "{members:?}");
    let standby_leader = members.iter().find(|m| m["Role"] == "Standby Leader").expect("site B's standby leader");
    assert_eq!(standby_leader["Standby Of"], "site-a/demo", "{standby_leader}");
    assert!(standby_leader["Standby Lag"].is_u64(), "both sites read, so a lag in bytes: {standby_leader}");
    let yaml =
        hactl(&["list", "--all", "--all-contexts", "-f", "yaml", "--dcs-timeout", "2", "--allow-unreachable"], &env);
    assert!(text(&yaml.stdout).contains("Context: site-b"), "{}", text(&yaml.stdout));

    // status over every context, under its one --timeout: site C is unreachable and says so.
    let started = Instant::now();
    let status = hactl(&["status", "--all-contexts", "--timeout", "2", "-f", "json"], &env);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "a frozen etcd costs the timeout (2 s) once, not {took:?}");
    let report = json_of(&status);
    let contexts: Vec<&str> =
        report["contexts"].as_array().unwrap().iter().map(|c| c["context"].as_str().unwrap()).collect();
    assert_eq!(contexts, ["site-a", "site-b", "site-c"], "{report}");
    assert_eq!(report["contexts"][0]["cluster"], DEMO);
    assert_eq!(report["contexts"][1]["cluster"], DR_SCOPE);
    assert_eq!(report["contexts"][2]["verdict"], "unreachable", "{}", report["contexts"][2]);
    let standby_of = &report["contexts"][1]["standby_of"];
    assert_eq!(standby_of["source"], serde_json::json!({"context": "site-a", "cluster": DEMO}), "{standby_of}");
    assert_eq!(standby_of["address"], source_address.as_str());
    assert!(report["contexts"][0].get("standby_of").is_none(), "demo is no standby cluster");
    let critical = report["contexts"].as_array().unwrap().iter().any(|c| c["verdict"] == "critical");
    assert_eq!(status.status.code(), Some(if critical { 1 } else { 4 }), "{report}");
    let pretty = text(&hactl(&["status", "--all-contexts", "--timeout", "2"], &env).stdout);
    assert!(pretty.contains("Context: site-b\nCluster ctx-dr: "), "{pretty}");
    assert!(pretty.contains(&format!("  standby    Standby of: site-a/demo ({source_address}), lag ")), "{pretty}");
    drop(frozen);

    // A context whose configuration file is missing is named; the others are still read.
    let broken = write_contexts(
        &dir.join("broken"),
        &format!(
            "contexts:\n  site-b:\n    config: {{scope: {DR_SCOPE}, etcd3: {{hosts: '{}'}}}}\n  gone:\n    config-file: /nonexistent/patronictl.yaml\n",
            site_b.state.etcd_endpoints().join(",")
        ),
    );
    let out = hactl(&["list", "--all-contexts"], &[("HACTL_CONTEXTS", broken.as_str())]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&format!(" Cluster: {DR_SCOPE} (")), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("context gone: its configuration file /nonexistent/patronictl.yaml does not exist")
    );

    // Changes through a context: pause and resume, then a switchover of site B's standby cluster.
    let pause = hactl(&["--context", "site-b", "pause", "--wait"], &env);
    assert!(pause.status.success(), "{}", text(&pause.stderr));
    assert!(text(&hactl(&["--context", "site-b", "list"], &env).stdout).contains("Maintenance mode: on"));
    let resume = hactl(&["--context", "site-b", "resume", "--wait"], &env);
    assert!(resume.status.success(), "{}", text(&resume.stderr));
    let roles = json_lines(&hactl(&["--context", "site-b", "list", "-f", "json"], &env).stdout).remove(0);
    let before = roles.as_array().unwrap().iter().find(|m| m["Role"] == "Standby Leader").map(|m| m["Member"].clone());
    let switchover = hactl(&["--context", "site-b", "switchover", "--force", "-f", "json"], &env);
    assert!(switchover.status.success(), "{}{}", text(&switchover.stdout), text(&switchover.stderr));
    let outcome = json_of(&switchover);
    assert!(outcome["outcome"]["new_leader"].is_string(), "{outcome}");
    assert_ne!(Some(&outcome["outcome"]["new_leader"]), before.as_ref(), "{outcome}");
    assert!(
        text(&hactl(&["list", DEMO], &env).stdout).contains(&leader.name),
        "site A untouched by site B's switchover"
    );

    // Bad input: an unknown context lists the known ones; a broken file names line and column.
    let unknown = hactl(&["--context", "site-x", "list"], &env);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("unknown context site-x; the contexts in"), "{}", text(&unknown.stderr));
    assert!(text(&unknown.stderr).contains("site-a, site-b, site-c"), "{}", text(&unknown.stderr));
    let bad = write_contexts(&dir.join("bad"), "contexts:\n  a:\n    config-file: x\n   b: 1\n");
    let bad_out = hactl(&["list"], &[("HACTL_CONTEXTS", bad.as_str())]);
    assert_eq!(bad_out.status.code(), Some(2));
    assert!(text(&bad_out.stderr).starts_with(&format!("Error: {bad}:4:")), "{}", text(&bad_out.stderr));
}
