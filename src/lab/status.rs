//! A snapshot of what the lab runs, for `hactl lab status`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::process::ProcessRef;
use super::secure::Security;
use super::state::{self, EtcdMember};
use super::{Flavor, LabError};

#[derive(Debug, Clone, Default, Serialize)]
pub struct LabStatus {
    pub dir: PathBuf,
    pub etcd_endpoints: Vec<String>,
    pub etcd: Vec<ProcessStatus>,
    /// Data nodes, then Sentinels.
    pub redis: Vec<ProcessStatus>,
    pub clusters: Vec<ClusterStatus>,
    /// `plain`, or `tls` for a secured lab.
    pub security: Security,
}

impl LabStatus {
    /// Nothing is recorded in the lab dir.
    pub fn is_empty(&self) -> bool {
        self.etcd.is_empty() && self.redis.is_empty() && self.clusters.is_empty()
    }

    /// The processes that run, by name: `etcd0`, `redis-6390`, `demo/pg0`, `demo/haproxy`.
    pub fn running(&self) -> Vec<String> {
        let processes = self.etcd.iter().chain(&self.redis).filter(|p| p.alive).map(|p| p.name.clone());
        let members = self.clusters.iter().flat_map(|c| {
            let processes = c.members.iter().map(|m| &m.process).chain(&c.proxies);
            processes.filter(|p| p.alive).map(move |p| format!("{}/{}", c.scope, p.name))
        });
        processes.chain(members).collect()
    }

    /// Every recorded process runs.
    pub fn all_alive(&self) -> bool {
        let members = self.clusters.iter().flat_map(|c| c.members.iter().map(|m| &m.process).chain(&c.proxies));
        self.etcd.iter().chain(&self.redis).chain(members).all(|p| p.alive)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProcessStatus {
    pub name: String,
    /// None when it was recorded but never started.
    pub pid: Option<i32>,
    pub alive: bool,
    pub ports: Vec<u16>,
}

impl ProcessStatus {
    fn new(name: &str, process: Option<ProcessRef>, ports: Vec<u16>) -> Self {
        Self { name: name.to_owned(), pid: process.map(|p| p.pid), alive: process.is_some_and(|p| p.is_alive()), ports }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterStatus {
    pub scope: String,
    pub flavor: Flavor,
    pub members: Vec<MemberStatus>,
    /// The proxy tier, when the cluster has one: `haproxy` (ports: write, read, stats), then
    /// `pgbouncer-<member>` (its port) for each member; `pgpool` (ports: its own, then PCP's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub proxies: Vec<ProcessStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberStatus {
    /// The Patroni process; ports are PostgreSQL's, then the REST API's.
    pub process: ProcessStatus,
    /// `role` and `state` from the REST API, when it answers.
    pub role: Option<String>,
    pub state: Option<String>,
}

pub(crate) fn collect(dir: &Path) -> Result<LabStatus, LabError> {
    let record = state::read_lab_record(dir)?.unwrap_or_default();
    let clusters = state::read_clusters(dir)?
        .into_iter()
        .map(|cluster| {
            // Without its certificates the lab still shows what runs, only not the roles.
            let net = cluster.net().ok();
            let members = cluster
                .members
                .iter()
                .map(|m| {
                    let process = ProcessStatus::new(&m.name, m.patroni, vec![m.pg_port, m.api_port]);
                    let info =
                        net.as_ref().filter(|_| process.alive).and_then(|n| n.get_json(m.api_port, "/patroni").ok());
                    let field = |key: &str| info.as_ref().and_then(|i| i[key].as_str()).map(str::to_owned);
                    MemberStatus { role: field("role"), state: field("state"), process }
                })
                .collect();
            let proxies = cluster.proxies.iter().flat_map(|p| {
                let haproxy = &p.haproxy;
                let ports = vec![haproxy.write_port, haproxy.read_port, haproxy.stats_port];
                let pgbouncers = p
                    .pgbouncers
                    .iter()
                    .map(|b| ProcessStatus::new(&format!("pgbouncer-{}", b.member), b.process, vec![b.port]));
                std::iter::once(ProcessStatus::new("haproxy", haproxy.process, ports)).chain(pgbouncers)
            });
            let pgpool = cluster.pgpool.iter().map(|p| ProcessStatus::new("pgpool", p.process, p.ports().to_vec()));
            let proxies = proxies.chain(pgpool);
            ClusterStatus { proxies: proxies.collect(), members, scope: cluster.scope, flavor: cluster.flavor }
        })
        .collect();
    Ok(LabStatus {
        dir: dir.to_owned(),
        etcd_endpoints: record.etcd.iter().map(EtcdMember::endpoint).collect(),
        etcd: record
            .etcd
            .iter()
            .map(|m| ProcessStatus::new(&m.name, m.process, vec![m.client_port, m.peer_port]))
            .collect(),
        redis: record
            .redis
            .iter()
            .flat_map(|r| r.nodes())
            .map(|n| ProcessStatus::new(&n.name, n.process, vec![n.port]))
            .collect(),
        clusters,
        security: record.security,
    })
}
