//! `hactl status` on the real stack: the shared demo cluster with its Redis and Sentinels healthy
//! (every tier OK, the JSON keys, the replicas with their LSNs), a dead tier named within the
//! timeout (a Sentinel and an etcd endpoint that accept and never answer), and on a cluster of
//! the test's own: paused (a warning), then a member stopped (named, not OK).

use crate::common::*;
use hactl::lab::{ClusterState, SUPERUSER};
use std::net::TcpListener;
use std::process::Output;
use std::time::{Duration, Instant};

const PG: [(&str, &str); 2] = [("PGUSER", SUPERUSER.user), ("PGPASSWORD", SUPERUSER.password)];

fn sentinels() -> Vec<String> {
    let redis = lab().redis.as_ref().expect("the lab runs Redis");
    redis.sentinels.iter().map(|s| format!("127.0.0.1:{}", s.port)).collect()
}

fn status(config: &str, extra: &[&str]) -> (Output, Duration) {
    let mut args = vec!["-c", config, "status"];
    args.extend(extra);
    let started = Instant::now();
    let out = hactl(&args, &PG);
    (out, started.elapsed())
}

fn config(cluster: &ClusterState) -> String {
    config_of(cluster).display().to_string()
}

#[test]
fn status_on_the_healthy_demo_cluster_is_ok_in_every_tier() {
    let demo = shared_cluster(DEMO);
    let hosts = sentinels().join(",");
    let (out, took) = status(&config(demo), &["--sentinel", &hosts]);
    let screen = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{screen}{}", text(&out.stderr));
    assert!(screen.starts_with("Cluster demo: OK - all configured tiers OK\n"), "{screen}");
    for line in ["  etcd       OK ", "  patroni    OK ", "  postgres   OK ", "  sentinel   OK "] {
        assert!(screen.contains(line), "{line:?} in {screen}");
    }
    assert!(screen.contains("  haproxy    not configured  haproxy not configured\n"), "{screen}");
    assert!(screen.contains("+ PostgreSQL replication on "), "{screen}");
    assert!(took < Duration::from_secs(2), "status took {took:?} with every tier up");

    let (out, _) = status(&config(demo), &["--sentinel", &hosts, "-f", "json"]);
    let json = json_of(&out);
    assert_eq!((&json["cluster"], &json["verdict"]), (&"demo".into(), &"ok".into()), "{json}");
    assert_eq!(json["disagreements"], serde_json::json!([]));
    for tier in ["etcd", "patroni", "postgres", "sentinel"] {
        assert_eq!(json["tiers"][tier]["verdict"], "ok", "{tier}: {json}");
    }
    for tier in ["haproxy", "pgbouncer"] {
        assert_eq!(json["tiers"][tier]["verdict"], "not_configured", "{tier}: {json}");
    }
    let etcd = &json["tiers"]["etcd"];
    assert_eq!((etcd["quorum"]["healthy"].as_u64(), etcd["endpoints"].as_array().map(Vec::len)), (Some(3), Some(3)));
    assert!(etcd["leader"].is_string() && etcd["revision"].as_i64() > Some(0), "{etcd}");
    let patroni = &json["tiers"]["patroni"];
    let leader = patroni["leader"].as_str().expect("a leader").to_string();
    assert_eq!(patroni["members"].as_array().map(Vec::len), Some(3));
    let postgres = &json["tiers"]["postgres"];
    assert_eq!(postgres["member"], leader.as_str());
    let replicas = postgres["replicas"].as_array().expect("replicas");
    assert_eq!(replicas.len(), 2, "{postgres}");
    for r in replicas {
        assert_eq!(r["state"], "streaming");
        for lsn in ["sent_lsn", "write_lsn", "flush_lsn", "replay_lsn"] {
            assert!(r[lsn].as_str().is_some_and(|l| l.contains('/')), "{lsn} of {r}");
        }
    }
    assert_eq!(postgres["slots"].as_array().map(Vec::len), Some(2), "{postgres}");
    let sentinel = &json["tiers"]["sentinel"];
    assert_eq!((&sentinel["master"], &sentinel["quorum"]), (&"mymaster".into(), &2.into()), "{sentinel}");
    assert_eq!(sentinel["sentinels"].as_array().map(Vec::len), Some(3));
    assert_eq!(sentinel["replicas"][0]["master_link_status"], "ok", "{sentinel}");

    // A cluster that is not there is bad input (exit 2), not a tier's problem.
    let (out, _) = status(&config(demo), &["nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cluster \"nosuch\" not found"), "{}", text(&out.stderr));
}

#[test]
fn status_names_a_dead_tier_and_answers_within_its_timeout() {
    let demo = shared_cluster(DEMO);
    // Accepts connections (the kernel's backlog) and never answers: the worst kind of dead.
    let hung = TcpListener::bind("127.0.0.1:0").unwrap();
    let hung = format!("127.0.0.1:{}", hung.local_addr().unwrap().port());
    let mut hosts = sentinels();
    hosts[2] = hung.clone();
    let (out, took) = status(&config(demo), &["--sentinel", &hosts.join(","), "--timeout", "2", "-f", "json"]);
    assert!(took < Duration::from_millis(3500), "status took {took:?} with a 2 s timeout");
    let json = json_of(&out);
    let sentinel = &json["tiers"]["sentinel"];
    assert_eq!(sentinel["verdict"], "warning", "{json}");
    assert!(sentinel["reason"].as_str().unwrap().starts_with(&format!("sentinel {hung} did not answer")), "{sentinel}");
    assert_eq!(json["tiers"]["etcd"]["verdict"], "ok");
    // A warning is shown, not failed on.
    assert_eq!(out.status.code(), Some(0));

    // No Sentinel at all answers: that tier is unreachable, and so is the exit code (4).
    let (out, took) = status(&config(demo), &["--sentinel", &hung, "--timeout", "1"]);
    assert!(took < Duration::from_millis(2500), "status took {took:?} with a 1 s timeout");
    let screen = text(&out.stdout);
    assert!(screen.contains("  sentinel   UNREACHABLE     no Sentinel answered"), "{screen}");
    assert_eq!(out.status.code(), Some(4), "{screen}");

    // One configured etcd endpoint dead: named, the others still read.
    let yaml = std::fs::read_to_string(config_of(demo)).unwrap();
    let first = format!("127.0.0.1:{}", lab().etcd[0].client_port);
    assert!(yaml.contains(&first), "{yaml}");
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("127.0.0.1:{}", dead.local_addr().unwrap().port());
    let file = format!("{}/status-dead-etcd.yml", tmp_dir("hactl-test-status"));
    std::fs::create_dir_all(tmp_dir("hactl-test-status")).unwrap();
    std::fs::write(&file, yaml.replace(&first, &format!("{first},{dead}"))).unwrap();
    let (out, took) = status(&file, &["--timeout", "2", "-f", "json"]);
    assert!(took < Duration::from_millis(3500), "status took {took:?} with a 2 s timeout");
    let json = json_of(&out);
    let etcd = &json["tiers"]["etcd"];
    assert_eq!(etcd["verdict"], "warning", "{json}");
    assert!(
        etcd["reason"].as_str().unwrap().contains(&format!("configured endpoint http://{dead} does not answer")),
        "{etcd}"
    );
    assert_eq!(json["tiers"]["patroni"]["verdict"], "ok", "{json}");
}

#[test]
fn status_shows_a_paused_cluster_and_names_a_stopped_member() {
    let own = OwnCluster::start_fast("st-states");
    let c = &own.state;
    let config = config(c);
    let json = |extra: &[&str]| {
        let mut args = vec!["-f", "json"];
        args.extend(extra);
        json_of(&status(&config, &args).0)
    };
    wait_until("every tier OK", Duration::from_secs(60), || json(&[])["verdict"] == "ok");
    let out = hactl(&["-c", &config, "pause", "st-states", "--wait"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (out, _) = status(&config, &[]);
    let screen = text(&out.stdout);
    assert!(screen.starts_with("Cluster st-states: WARNING - patroni WARNING: the cluster is paused"), "{screen}");
    assert!(screen.contains(" Leader pg"), "{screen}");
    assert!(screen.contains("; maintenance mode: on (paused)"), "{screen}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&[])["tiers"]["patroni"]["paused"], true);
    let out = hactl(&["-c", &config, "resume", "st-states", "--wait"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // A replica stopped: it leaves the DCS, its slot on the leader goes idle; both are named.
    let leader = c.primary().expect("a primary").name.clone();
    let stopped = c.members.iter().map(|m| m.name.clone()).find(|m| *m != leader).unwrap();
    stop_process(&stopped, c.member(&stopped).unwrap().patroni);
    let mut last = serde_json::Value::Null;
    wait_until("status names the stopped member", Duration::from_secs(60), || {
        last = json(&[]);
        last["tiers"]["postgres"]["reason"].as_str().is_some_and(|r| r.contains(&format!("slot {stopped} is inactive")))
    });
    assert_eq!(last["verdict"], "warning", "{last}");
    assert_eq!(last["tiers"]["postgres"]["verdict"], "warning", "{last}");
    // Stopped, its member key says so until Patroni removes it; then the idle slot is a named
    // disagreement between the DCS and the leader.
    let said_stopped =
        last["tiers"]["patroni"]["reason"].as_str().unwrap().contains(&format!("member {stopped} is stopped"));
    let named = format!("keeps slot {stopped} for a member that is not in the DCS");
    let said_gone = last["disagreements"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains(&named));
    assert!(said_stopped || said_gone, "{last}");
    let (out, _) = status(&config, &[]);
    assert_eq!(out.status.code(), Some(0), "a warning exits 0");
    assert!(text(&out.stdout).contains(&format!("slot {stopped} is inactive")));
}

/// The lab's password file lets `status` read PostgreSQL; with no password at all, the postgres
/// tier says what to set, and `query` exits 2 (configuration), not 4 (unreachable).
#[test]
fn the_labs_password_file_reads_postgres_and_a_missing_password_is_named() {
    let demo = shared_cluster(DEMO);
    let config = config(demo);
    let pgpass = lab().dir.join("pgpass");
    let pgpass = pgpass.to_str().unwrap();
    let out = hactl(&["-c", &config, "status", "-f", "json"], &[("PGUSER", SUPERUSER.user), ("PGPASSFILE", pgpass)]);
    let json = json_of(&out);
    assert_eq!(json["tiers"]["postgres"]["verdict"], "ok", "{json}");

    let none = [("PGUSER", SUPERUSER.user), ("PGPASSFILE", "/nonexistent")];
    let json = json_of(&hactl(&["-c", &config, "status", "-f", "json"], &none));
    assert_eq!(json["tiers"]["postgres"]["verdict"], "unreachable", "{json}");
    let reason = json["tiers"]["postgres"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("no password supplied: set PGPASSWORD, or add the password to a password file"),
        "{reason}"
    );
    let out = hactl(&["-c", &config, "query", "demo", "-c", "select 1"], &none);
    assert_eq!(out.status.code(), Some(2), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stderr).contains("no password supplied"), "{}", text(&out.stderr));
}
