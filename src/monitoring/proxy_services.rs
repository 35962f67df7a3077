//! The proxy tiers' services: `proxy_points_at_leader` (HAProxy's write backend sends to exactly
//! the leader) and `pgbouncer_pools` (every PgBouncer answers, its pools' waiting clients, and
//! each database on a running member). Servers are matched to members by address, as
//! `hactl status` matches them ([`crate::monitoring::status::proxies`]).

use super::nagios::{Metric, Outcome, Summary};
use super::range::{Number, Range};
use super::status::proxies::{ADMIN_DATABASE, cluster_member, server_problem, write_backend_problems};
use crate::cluster::Cluster;
use crate::settings::{HaproxySettings, PgbouncerSettings};
use crate::tiers::haproxy::{self, HaproxyStats};
use crate::tiers::pgbouncer::{self, PgbouncerRead};
use std::time::{Duration, Instant};

const POINTS_AT_LEADER: &str = "proxy_points_at_leader";
const POOLS: &str = "pgbouncer_pools";

/// Reads HAProxy's stats within `timeout` and compares its write backend with `cluster`'s leader.
pub async fn proxy_points_at_leader(settings: &HaproxySettings, cluster: &Cluster, timeout: Duration) -> Outcome {
    match haproxy::read_stats(settings, Instant::now() + timeout).await {
        Ok(stats) => evaluate_proxy_points_at_leader(&stats, cluster),
        Err(e) => Outcome::unknown(POINTS_AT_LEADER, e.to_string()),
    }
}

/// OK when the leader alone is UP on the write backend; CRITICAL when another server is UP
/// there or none is; UNKNOWN when a configured backend is missing from the stats.
pub fn evaluate_proxy_points_at_leader(stats: &HaproxyStats, cluster: &Cluster) -> Outcome {
    for (backend, key) in [(&stats.write_backend, "write_backend"), (&stats.read_backend, "read_backend")] {
        if !stats.has_proxy(backend) {
            return Outcome::unknown(
                POINTS_AT_LEADER,
                format!("HAProxy ({}) has no backend {backend}; check haproxy.{key}", stats.source),
            );
        }
    }
    let write_up = stats.write_backend_up();
    let leader = cluster.leader_key_holder();
    let leader_up =
        write_up.iter().any(|row| cluster_member(cluster, row).is_some_and(|m| Some(m.name.as_str()) == leader));
    let read_up = stats.read_backend_up().len() as i64;
    let metrics = vec![
        Metric::new("write_up", write_up.len() as i64).critical(Some(Range::between(1, 1))),
        Metric::new("leader_up", leader_up).critical(Some(Range::between(1, 1))),
        Metric::new("read_up", read_up),
    ];
    let mut problems = write_backend_problems(stats, cluster);
    if leader.is_none() {
        problems.push(format!("cluster {} has no leader", cluster.scope));
    }
    Outcome::evaluate(
        POINTS_AT_LEADER,
        metrics,
        Summary::sentences(
            format!(
                "HAProxy's write backend {} sends to {}, the leader alone; {read_up} servers UP on the read backend {}.",
                stats.write_backend,
                leader.unwrap_or("none"),
                stats.read_backend
            ),
            problems.join("; "),
        ),
    )
}

/// `-w/-c` on the most clients waiting in one pool (WARNING on any by default).
#[derive(Debug, Clone, Default)]
pub struct PoolThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
}

/// Reads every PgBouncer of `settings` at once within `timeout`; `cluster`, when there is one,
/// to check where each database points.
pub async fn pgbouncer_pools(
    settings: &PgbouncerSettings,
    cluster: Option<&Cluster>,
    timeout: Duration,
    thresholds: &PoolThresholds,
) -> Outcome {
    let reads = pgbouncer::read(settings, Instant::now() + timeout).await;
    evaluate_pgbouncer_pools(&reads, cluster, thresholds)
}

/// CRITICAL when a PgBouncer cannot be read (down, too slow, refusing the login: its clients,
/// or the check, cannot use it) or sends a database to a server that is not a running member
/// (its clients fail); the thresholds on the most clients waiting in a pool. Perfdata per pool.
pub fn evaluate_pgbouncer_pools(reads: &[PgbouncerRead], cluster: Option<&Cluster>, t: &PoolThresholds) -> Outcome {
    let mut metrics = Vec::new();
    let mut problems = Vec::new();
    let mut most_waiting = 0;
    let mut misrouted = 0;
    for read in reads {
        let host = read.target.address();
        let info = match &read.result {
            Ok(info) => info,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        for pool in info.pools.iter().filter(|p| p.database != ADMIN_DATABASE) {
            let label = |what: &str| format!("{host}/{}/{}_{what}", pool.database, pool.user);
            most_waiting = most_waiting.max(pool.cl_waiting);
            if pool.cl_waiting > 0 {
                problems.push(format!(
                    "{host}: {} clients waiting in pool {}/{}",
                    pool.cl_waiting, pool.database, pool.user
                ));
            }
            metrics.push(Metric::new(label("cl_active"), pool.cl_active as i64));
            metrics.push(Metric::new(label("cl_waiting"), pool.cl_waiting as i64));
            metrics.push(Metric::new(label("sv_active"), pool.sv_active as i64));
            metrics.push(Metric::new(label("sv_idle"), pool.sv_idle as i64));
            metrics.push(Metric::new(label("maxwait"), Number::Float(pool.maxwait.as_secs_f64())).uom("s"));
        }
        if let Some(cluster) = cluster {
            for database in &info.databases {
                let Some(server) = info.server_of(&database.name) else { continue };
                if let Some(problem) = server_problem(cluster, &server) {
                    misrouted += 1;
                    problems.push(format!("{host} sends database {} to {server}, {problem}", database.name));
                }
            }
        }
    }
    let configured = reads.len() as i64;
    let reachable = reads.iter().filter(|r| r.result.is_ok()).count() as i64;
    metrics.push(Metric::new("pgbouncers", configured));
    metrics.push(Metric::new("pgbouncers_reachable", reachable).critical(Some(Range::at_least(configured))));
    metrics.push(
        Metric::new("cl_waiting_max", most_waiting as i64)
            .warning(t.warning.or(Some(Range::between(0, 0))))
            .critical(t.critical),
    );
    if cluster.is_some() {
        metrics.push(Metric::new("databases_not_on_running_member", misrouted).critical(Some(Range::between(0, 0))));
    }
    let pools = metrics.iter().filter(|m| m.name.ends_with("_cl_waiting")).count();
    let on_members = if cluster.is_some() { ", every database on a running member" } else { "" };
    Outcome::evaluate(
        POOLS,
        metrics,
        Summary::sentences(
            format!(
                "{reachable} of {configured} PgBouncers reachable, {pools} pools, at most {most_waiting} clients waiting{on_members}."
            ),
            format!("{reachable} of {configured} PgBouncers reachable: {}", problems.join("; ")),
        ),
    )
}

#[cfg(test)]
#[path = "proxy_services_tests.rs"]
mod tests;
