//! The proxy tiers of `hactl status`, purely: HAProxy's write and read backends and each
//! PgBouncer's pools, every server matched to a Patroni member by its address (`host:port`
//! against the member's `conn_url`; by name when HAProxy hides addresses), and the verdicts and
//! disagreements that follow.

use super::Section;
use super::Verdict;
use super::verdict::Findings;
use crate::cluster::{Cluster, Member};
use crate::tiers::haproxy::{HaproxyStats, StatRow, Status};
use crate::tiers::pgbouncer::PgbouncerInfo;
use serde::Serialize;

/// HAProxy's backends as [`crate::tiers::haproxy::read_stats`] read them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HaproxyDetails {
    /// The stats socket or page that was read (never with credentials).
    pub source: String,
    pub write_backend: String,
    pub read_backend: String,
    /// The servers of the write backend, then of the read backend.
    pub servers: Vec<HaproxyServer>,
}

/// Which of the two backends a server is in.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BackendRole {
    Write,
    Read,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HaproxyServer {
    /// The backend's name in haproxy.cfg.
    pub backend: String,
    pub backend_role: BackendRole,
    /// The server's name in haproxy.cfg.
    pub server: String,
    /// `host:port`.
    pub address: Option<String>,
    /// As HAProxy writes it: `UP`, `DOWN`, `UP 1/2`, `MAINT`, ...
    pub status: String,
    pub up: bool,
    pub check_status: Option<String>,
    pub check_code: Option<u16>,
    /// The Patroni member at `address`; `None` for an unknown server.
    pub member: Option<String>,
}

/// Each configured PgBouncer, in configuration order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgbouncerDetails {
    pub pgbouncers: Vec<PgbouncerHost>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgbouncerHost {
    /// `host:port` of its admin console.
    pub host: String,
    pub reachable: bool,
    pub error: Option<String>,
    /// Its pools, the admin console's own left out.
    pub pools: Vec<PgbouncerPool>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgbouncerPool {
    pub database: String,
    pub user: String,
    pub cl_active: u64,
    pub cl_waiting: u64,
    pub sv_active: u64,
    pub sv_idle: u64,
    /// How long the oldest waiting client has waited, in seconds.
    pub maxwait_seconds: f64,
    /// `host:port` the pool's database points at (`SHOW DATABASES`).
    pub server: Option<String>,
    /// The Patroni member at `server`.
    pub member: Option<String>,
}

/// What one configured PgBouncer answered, or why it did not.
pub struct PgbouncerRead {
    /// `host:port` of its admin console.
    pub host: String,
    pub info: Result<PgbouncerInfo, String>,
}

/// PgBouncer's admin console has a pool of its own, which points at no server.
pub const ADMIN_DATABASE: &str = "pgbouncer";

/// How the write backend disagrees with the leader, one sentence per problem (empty when
/// exactly the leader is UP there): a server UP that is not the leader, or none UP.
pub fn write_backend_problems(stats: &HaproxyStats, cluster: &Cluster) -> Vec<String> {
    let leader = cluster.leader_key_holder();
    let leader_said = leader.unwrap_or("none");
    let up = stats.write_backend_up();
    if up.is_empty() {
        return vec![format!(
            "haproxy write backend {} has no server UP (the leader is {leader_said})",
            stats.write_backend
        )];
    }
    up.iter()
        .filter_map(|row| match cluster_member(cluster, row) {
            Some(m) if Some(m.name.as_str()) == leader => None,
            Some(m) => Some(format!("haproxy write backend {} is UP but the leader is {leader_said}", named(row, m))),
            None => Some(format!(
                "haproxy write backend {} is UP but is an unknown server ({}); the leader is {leader_said}",
                row.name,
                no_member_at(row)
            )),
        })
        .collect()
}

/// The server's name, and the member's when it differs.
fn named(row: &StatRow, member: &Member) -> String {
    if row.name == member.name { row.name.clone() } else { format!("{} (member {})", row.name, member.name) }
}

fn no_member_at(row: &StatRow) -> String {
    match &row.address {
        Some(address) => format!("no Patroni member at {address}"),
        None => format!("no address shown and no Patroni member named {}", row.name),
    }
}

/// The member behind a server: by its address; by its name when HAProxy hides the addresses
/// (its stats page does, without `stats show-legends`).
pub fn cluster_member<'a>(cluster: &'a Cluster, row: &StatRow) -> Option<&'a Member> {
    match row.address.as_deref() {
        Some(address) => cluster.member_at(address),
        None => cluster.member(&row.name),
    }
}

fn is_running_replica(cluster: &Cluster, member: &Member) -> bool {
    member.is_running() && cluster.leader_key_holder() != Some(member.name.as_str()) && !member.reports_primary()
}

pub(super) fn haproxy_section(
    stats: &HaproxyStats,
    cluster: Option<&Cluster>,
    disagreements: &mut Vec<String>,
) -> Section<HaproxyDetails> {
    let mut findings = Findings::default();
    let server = |row: &StatRow, backend_role| HaproxyServer {
        backend: row.proxy.clone(),
        backend_role,
        server: row.name.clone(),
        address: row.address.clone(),
        status: row.status_text.clone(),
        up: row.status == Status::Up,
        check_status: row.check_status.clone(),
        check_code: row.check_code,
        member: cluster.and_then(|c| cluster_member(c, row)).map(|m| m.name.clone()),
    };
    let servers: Vec<HaproxyServer> = (stats.servers(&stats.write_backend).into_iter())
        .map(|r| server(r, BackendRole::Write))
        .chain(stats.servers(&stats.read_backend).into_iter().map(|r| server(r, BackendRole::Read)))
        .collect();
    for (backend, key) in [(&stats.write_backend, "write_backend"), (&stats.read_backend, "read_backend")] {
        if !stats.has_proxy(backend) {
            findings.add(Verdict::Critical, format!("HAProxy has no backend {backend}; check haproxy.{key}"));
        }
    }
    let names = |rows: Vec<&StatRow>| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ");
    let read_up = stats.read_backend_up();
    match cluster {
        None => {
            if stats.write_backend_up().is_empty() {
                findings
                    .add(Verdict::Critical, format!("haproxy write backend {} has no server UP", stats.write_backend));
            }
            findings.add(Verdict::Warning, "not compared with Patroni: the cluster could not be read");
        }
        Some(cluster) => {
            for problem in write_backend_problems(stats, cluster) {
                if stats.write_backend_up().is_empty() {
                    findings.add(Verdict::Critical, problem);
                } else {
                    findings.disagreement(Verdict::Critical, problem, disagreements);
                }
            }
            for row in &read_up {
                let said = match cluster_member(cluster, row) {
                    Some(m) if is_running_replica(cluster, m) => continue,
                    Some(m) if cluster.leader_key_holder() == Some(m.name.as_str()) || m.reports_primary() => {
                        format!("haproxy read backend {} is UP but it is the leader, not a replica", named(row, m))
                    }
                    Some(m) => format!(
                        "haproxy read backend {} is UP but the member is {}, not a running replica",
                        named(row, m),
                        m.state_or_unknown()
                    ),
                    None => format!(
                        "haproxy read backend {} is UP but is an unknown server ({})",
                        row.name,
                        no_member_at(row)
                    ),
                };
                findings.disagreement(Verdict::Warning, said, disagreements);
            }
            let replicas = cluster.members.iter().filter(|m| is_running_replica(cluster, m)).count();
            if read_up.is_empty() && replicas > 0 && stats.has_proxy(&stats.read_backend) {
                findings.add(
                    Verdict::Warning,
                    format!("haproxy read backend {} has no server UP but {replicas} replicas run", stats.read_backend),
                );
            }
        }
    }
    let write_up = stats.write_backend_up();
    let ok = format!(
        "write backend {}: {} UP (the leader); read backend {}: {}",
        stats.write_backend,
        names(write_up),
        stats.read_backend,
        if read_up.is_empty() { "no server UP".to_string() } else { format!("{} UP", names(read_up.clone())) }
    );
    let details = HaproxyDetails {
        source: stats.source.clone(),
        write_backend: stats.write_backend.clone(),
        read_backend: stats.read_backend.clone(),
        servers,
    };
    findings.section(ok, details)
}

pub(super) fn pgbouncer_section(
    reads: &[PgbouncerRead],
    cluster: Option<&Cluster>,
    disagreements: &mut Vec<String>,
) -> Section<PgbouncerDetails> {
    let mut findings = Findings::default();
    let member_at = |server: &Option<String>| cluster.and_then(|c| c.member_at(server.as_deref()?));
    let mut hosts = Vec::new();
    for read in reads {
        let info = match &read.info {
            Err(why) => {
                findings.add(Verdict::Warning, why.clone());
                hosts.push(PgbouncerHost {
                    host: read.host.clone(),
                    reachable: false,
                    error: Some(why.clone()),
                    pools: vec![],
                });
                continue;
            }
            Ok(info) => info,
        };
        let pools: Vec<PgbouncerPool> = info
            .pools
            .iter()
            .filter(|p| p.database != ADMIN_DATABASE)
            .map(|p| {
                let server = info.server_of(&p.database);
                PgbouncerPool {
                    database: p.database.clone(),
                    user: p.user.clone(),
                    cl_active: p.cl_active,
                    cl_waiting: p.cl_waiting,
                    sv_active: p.sv_active,
                    sv_idle: p.sv_idle,
                    maxwait_seconds: p.maxwait.as_secs_f64(),
                    member: member_at(&server).map(|m| m.name.clone()),
                    server,
                }
            })
            .collect();
        for pool in pools.iter().filter(|p| p.cl_waiting > 0) {
            findings.add(
                Verdict::Warning,
                format!(
                    "pgbouncer {}: {} clients waiting in pool {}/{} (the oldest for {:.1}s)",
                    read.host, pool.cl_waiting, pool.database, pool.user, pool.maxwait_seconds
                ),
            );
        }
        if let Some(cluster) = cluster {
            for (database, server) in info.databases.iter().filter_map(|d| Some((&d.name, info.server_of(&d.name)?))) {
                if let Some(problem) = server_problem(cluster, &server) {
                    let said = format!("pgbouncer {} sends database {database} to {server}, {problem}", read.host);
                    findings.disagreement(Verdict::Warning, said, disagreements);
                }
            }
        }
        hosts.push(PgbouncerHost { host: read.host.clone(), reachable: true, error: None, pools });
    }
    let answered = hosts.iter().filter(|h| h.reachable).count();
    let details = PgbouncerDetails { pgbouncers: hosts };
    if answered == 0 {
        // Nothing answered: hactl cannot tell dead PgBouncers from a network or credentials
        // problem between it and them, as for the other tiers.
        let why: Vec<&str> = reads.iter().filter_map(|r| r.info.as_ref().err()).map(String::as_str).collect();
        let reason = format!("no PgBouncer answered ({})", why.join("; "));
        return Section { verdict: Verdict::Unreachable, reason, details: Some(details) };
    }
    let pools: Vec<&PgbouncerPool> = details.pgbouncers.iter().flat_map(|h| &h.pools).collect();
    let ok = format!(
        "{answered} of {} PgBouncers answer: {} pools, no client waiting{}",
        reads.len(),
        pools.len(),
        if cluster.is_some() { ", every database on a running member" } else { "" }
    );
    findings.section(ok, details)
}

/// Why a pooler's `server` is not a place to send clients to, or `None` when it is a running
/// member.
pub fn server_problem(cluster: &Cluster, server: &str) -> Option<String> {
    match cluster.member_at(server) {
        Some(m) if m.is_running() => None,
        Some(m) => Some(format!("member {} which is {}, not running", m.name, m.state_or_unknown())),
        None => Some("which is no Patroni member".to_string()),
    }
}

#[cfg(test)]
#[path = "proxies_tests.rs"]
mod tests;
