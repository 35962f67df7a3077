//! Pgpool-II 4.3 (Debian's `pgpool2`) in front of a real cluster, read through
//! `tiers::pgpool::read` (`SHOW POOL_NODES`). The members' REST APIs are the ground truth.
//!
//! What Pgpool-II does on a switchover (seen here, and written down in src/lab/pgpool.rs): the
//! old primary, restarting as a replica, fails a health check and is detached (`status` down,
//! `pg_status` up soon after); Pgpool-II searches the nodes left for the primary and takes the
//! new one within about a second; `auto_failback` attaches the old primary again, as a standby,
//! once it streams. No `pcp_attach_node` is needed.

use crate::common::*;
use hactl::lab::{self, ClusterSpec, ClusterState};
use hactl::tiers::pgpool::{self, PgpoolInfo};
use std::time::{Duration, Instant};

fn pool_nodes(cluster: &ClusterState) -> PgpoolInfo {
    try_pool_nodes(cluster).unwrap_or_else(|e| panic!("{e}"))
}

/// Pgpool-II restarts its child processes on a failover (connections closed): while it follows
/// a switchover, a read may fail.
fn try_pool_nodes(cluster: &ClusterState) -> Result<PgpoolInfo, String> {
    let pool = cluster.pgpool.as_ref().expect("the cluster has its pgpool");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let read = runtime.block_on(pgpool::read(&pool.settings(), Instant::now() + Duration::from_secs(5)));
    let read = read.into_iter().next().expect("one pgpool");
    read.result.map_err(|e| e.to_string())
}

/// `hactl status`'s pgpool tier (verdict, reason) with the cluster's Pgpool-II configured by
/// `HACTL_PGPOOL_*`, and the report's disagreements.
fn status_pgpool(cluster: &ClusterState) -> (String, String, Vec<String>) {
    let pool = cluster.pgpool.as_ref().expect("the cluster has its pgpool");
    let settings = pool.settings();
    let password = settings.password.as_ref().map(|p| p.expose().to_string()).unwrap_or_default();
    let env = [
        ("HACTL_PGPOOL_HOSTS", settings.hosts.join(",")),
        ("HACTL_PGPOOL_USER", settings.user.clone()),
        ("HACTL_PGPOOL_PASSWORD", password.clone()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let config = cfg(cluster);
    let out = hactl(&["-c", &config, "status", "-f", "json"], &env);
    assert!(!text(&out.stdout).contains(&password) && !text(&out.stderr).contains(&password));
    let report = json_of(&out);
    let tier = &report["tiers"]["pgpool"];
    let disagreements =
        report["disagreements"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().into()).collect();
    (tier["verdict"].as_str().unwrap().into(), tier["reason"].as_str().unwrap().into(), disagreements)
}

fn port_of(cluster: &ClusterState, member: &str) -> u16 {
    cluster.member(member).unwrap().pg_port
}

#[test]
fn pgpool_shows_the_patroni_leader_as_primary_and_follows_a_switchover() {
    let own = OwnCluster::start_with(ClusterSpec { ttl: 20, loop_wait: 2, pgpool: true, ..ClusterSpec::new("pooled") });
    let cluster = &own.state;
    let pool = cluster.pgpool.clone().expect("started with its pgpool");
    let leader = cluster.primary().expect("a leader").name.clone();
    let replicas: Vec<String> = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != leader).collect();

    let info = pool_nodes(cluster);
    let ports: Vec<u16> = info.nodes.iter().map(|n| n.port).collect();
    assert_eq!(ports, cluster.members.iter().map(|m| m.pg_port).collect::<Vec<_>>(), "{info:?}");
    assert!(info.nodes.iter().all(|n| n.is_up() && n.pg_status.as_deref() == Some("up")), "{info:?}");
    assert_eq!(info.primary().map(|n| n.port), Some(port_of(cluster, &leader)), "{info:?}");
    let standbys: Vec<u16> = info.standbys_up().iter().map(|n| n.port).collect();
    assert_eq!(standbys, replicas.iter().map(|r| port_of(cluster, r)).collect::<Vec<_>>(), "{info:?}");

    // `hactl status` reads it: its primary is the leader.
    let (verdict, reason, _) = status_pgpool(cluster);
    let nodes = cluster.members.len();
    assert_eq!(verdict, "ok", "{reason}");
    assert_eq!(reason, format!("1 of 1 Pgpool-II answer: primary {leader} (the leader), {nodes} of {nodes} nodes up"));

    // `lab status` shows it with its ports.
    let dir = lab_dir();
    let status = json_of(&hactl(&["lab", "status", "--dir", dir.to_str().unwrap(), "-f", "json"], &[]));
    let shown = status["clusters"].as_array().unwrap().iter().find(|c| c["scope"] == "pooled").unwrap();
    let shown = shown["proxies"].as_array().unwrap().iter().find(|p| p["name"] == "pgpool").expect("pgpool shown");
    assert_eq!(shown["ports"], serde_json::json!([pool.port, pool.pcp_port]));
    assert_eq!(shown["alive"], true);

    // A switchover: Pgpool-II takes the new primary, and attaches the old one again as a standby.
    let candidate = replicas[0].clone();
    let out = run(cluster, &["switchover", "--leader", &leader, "--candidate", &candidate, "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut seen = Vec::new();
    let took = wait_until("pgpool takes the new primary", Duration::from_secs(20), || {
        let Ok(info) = try_pool_nodes(cluster) else { return false };
        let old = info.nodes.iter().find(|n| n.port == port_of(cluster, &leader)).unwrap();
        seen.push(format!("{}/{}/{}", old.status, old.role, old.pg_role.as_deref().unwrap_or("-")));
        info.primary().map(|n| n.port) == Some(port_of(cluster, &candidate))
    });
    eprintln!("pgpool's primary followed {took:?} after the switchover returned; the old primary was {seen:?}");
    wait_until("pgpool attaches the old primary as a standby", Duration::from_secs(30), || {
        let Ok(info) = try_pool_nodes(cluster) else { return false };
        info.nodes.iter().all(|n| n.is_up())
            && info.standbys_up().iter().any(|n| n.port == port_of(cluster, &leader))
            && info.primary().map(|n| n.port) == Some(port_of(cluster, &candidate))
    });

    let mut last = None;
    wait_until("status to show pgpool OK on the new leader", Duration::from_secs(20), || {
        let (verdict, reason, disagreements) = status_pgpool(cluster);
        let done = verdict == "ok" && reason.contains(&format!("primary {candidate} (the leader)"));
        last = Some((verdict, reason, disagreements));
        done
    });
    eprintln!("status after the switchover: {last:?}");

    // Stopping the cluster stops its pgpool, by pid.
    let process = pool.process.expect("started");
    drop(own);
    assert!(!process.is_alive(), "pgpool {} outlived its cluster", process.pid);
    assert!(lab::status(&dir).unwrap().clusters.iter().all(|c| c.scope != "pooled"));
}
