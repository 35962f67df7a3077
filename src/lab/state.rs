//! What the lab records on disk so that a later process can find and stop
//! it: `lab.json` for etcd and Redis, and one `clusters/<scope>.json` per
//! Patroni cluster, so that processes adding clusters concurrently never
//! write the same file.
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::net::Net;
use super::secure::{ApiTls, LabSecurity, Security};
use super::{
    Flavor, HAPROXY_STATS, LabError, PGBOUNCER_ADMIN, ProcessRef, READ_BACKEND, Replication, SUPERUSER, StandbySource,
    WRITE_BACKEND,
};
use crate::settings::{HaproxySettings, PgbouncerSettings, PgpoolSettings, Secret};

pub(crate) const LAB_FILE: &str = "lab.json";
pub(crate) const LAB_LOCK: &str = "lab.lock";
pub(crate) const CLUSTERS_DIR: &str = "clusters";
pub(crate) const CLUSTERS_LOCK: &str = "clusters.lock";

/// Everything the lab in one dir has recorded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LabState {
    pub dir: PathBuf,
    pub etcd: Vec<EtcdMember>,
    pub redis: Option<RedisState>,
    pub clusters: Vec<ClusterState>,
    /// The certificates and passwords of a secured lab ([`Security::Tls`]); never serialized.
    #[serde(skip)]
    pub security: Option<LabSecurity>,
}

impl LabState {
    /// `127.0.0.1:<client port>` of each etcd member.
    pub fn etcd_endpoints(&self) -> Vec<String> {
        self.etcd.iter().map(EtcdMember::endpoint).collect()
    }

    pub fn cluster(&self, scope: &str) -> Option<&ClusterState> {
        self.clusters.iter().find(|c| c.scope == scope)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EtcdMember {
    pub name: String,
    pub client_port: u16,
    pub peer_port: u16,
    pub data_dir: PathBuf,
    pub log: PathBuf,
    /// None until it has been started.
    pub process: Option<ProcessRef>,
}

impl EtcdMember {
    pub fn endpoint(&self) -> String {
        format!("127.0.0.1:{}", self.client_port)
    }

    pub fn is_running(&self) -> bool {
        self.process.is_some_and(|p| p.is_alive())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedisState {
    /// The name Sentinel monitors the master under.
    pub master_name: String,
    /// The node started as master; after a failover it may be a replica.
    pub master: RedisNode,
    pub replica: RedisNode,
    pub sentinels: Vec<RedisNode>,
}

impl RedisState {
    /// The data nodes, then the sentinels.
    pub fn nodes(&self) -> impl Iterator<Item = &RedisNode> {
        [&self.master, &self.replica].into_iter().chain(&self.sentinels)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedisNode {
    pub name: String,
    pub port: u16,
    pub conf: PathBuf,
    pub log: PathBuf,
    pub process: Option<ProcessRef>,
}

impl RedisNode {
    pub fn is_running(&self) -> bool {
        self.process.is_some_and(|p| p.is_alive())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterState {
    pub scope: String,
    pub flavor: Flavor,
    pub patroni_bin: PathBuf,
    pub ttl: u32,
    pub loop_wait: u32,
    /// Written into the members' bootstrap config when the cluster was made.
    #[serde(default)]
    pub replication: Replication,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standby_of: Option<StandbySource>,
    /// HAProxy and a PgBouncer per member, when the cluster has its proxy tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxies: Option<ProxiesState>,
    /// Pgpool-II in front of the members, when the cluster has one (`--pgpool`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pgpool: Option<PgpoolState>,
    pub dir: PathBuf,
    pub members: Vec<MemberState>,
}

impl ClusterState {
    pub fn member(&self, name: &str) -> Option<&MemberState> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The patroni.yml of `member`, which also works as a patronictl config.
    pub fn config_path(&self, member: &str) -> Option<&Path> {
        self.member(member).map(|m| m.config.as_path())
    }

    /// The patronictl that belongs to this cluster's Patroni.
    pub fn patronictl(&self) -> PathBuf {
        self.patroni_bin.with_file_name("patronictl")
    }

    /// The member whose REST API currently reports the leader's role: the primary, or a
    /// standby cluster's standby leader.
    pub fn primary(&self) -> Option<&MemberState> {
        let net = self.net().ok()?;
        self.members.iter().find(|m| {
            net.get_json(m.api_port, "/patroni")
                .is_ok_and(|info| is_leader_role(info["role"].as_str().unwrap_or_default()))
        })
    }

    /// How the lab reaches the members' REST APIs (all alike: the lab's security is the same for
    /// each).
    pub(crate) fn net(&self) -> Result<Net, LabError> {
        Net::new(self.members.first().and_then(|m| m.api_tls.as_ref()))
    }
}

/// Patroni 4 calls the primary `primary`; Patroni 3 still says `master`; a standby cluster's
/// leader is its `standby_leader`.
pub(crate) fn is_leader_role(role: &str) -> bool {
    matches!(role, "primary" | "master" | "standby_leader")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MemberState {
    pub name: String,
    pub pg_port: u16,
    pub api_port: u16,
    /// Owned by postgres when we run as root; holds everything below.
    pub dir: PathBuf,
    pub data_dir: PathBuf,
    pub config: PathBuf,
    pub log: PathBuf,
    /// None until it has been started.
    pub patroni: Option<ProcessRef>,
    /// Tags on top of the lab's defaults (all false), e.g. `nofailover: true`.
    #[serde(default)]
    pub tags: BTreeMap<String, serde_json::Value>,
    /// In a secured lab: how to reach the REST API over HTTPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_tls: Option<ApiTls>,
}

impl MemberState {
    pub fn is_running(&self) -> bool {
        self.patroni.is_some_and(|p| p.is_alive())
    }

    /// Where PostgreSQL puts its Unix socket (`psql -h <this>`).
    pub fn socket_dir(&self) -> PathBuf {
        self.dir.join("run")
    }

    pub fn pgpass(&self) -> PathBuf {
        self.dir.join("pgpass")
    }

    /// The pid on the first line of `<data_dir>/postmaster.pid`, if any.
    pub fn postmaster_pid(&self) -> Option<i32> {
        let content = fs::read_to_string(self.data_dir.join("postmaster.pid")).ok()?;
        content.lines().next()?.trim().parse().ok()
    }

    /// GETs `path` (e.g. `/patroni`, `/cluster`) from the REST API.
    pub fn rest_get(&self, path: &str) -> Result<serde_json::Value, LabError> {
        Net::new(self.api_tls.as_ref())?.get_json(self.api_port, path)
    }
}

/// The proxy tier of a cluster (see `proxies.rs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProxiesState {
    pub haproxy: HaproxyState,
    /// One per member, in member order.
    pub pgbouncers: Vec<PgbouncerState>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HaproxyState {
    pub write_port: u16,
    pub read_port: u16,
    pub stats_port: u16,
    pub stats_socket: std::path::PathBuf,
    pub dir: std::path::PathBuf,
    pub conf: std::path::PathBuf,
    pub log: std::path::PathBuf,
    pub process: Option<ProcessRef>,
}

impl HaproxyState {
    /// The stats page's CSV export.
    pub fn stats_url(&self) -> String {
        format!("http://127.0.0.1:{}/;csv", self.stats_port)
    }

    /// How hactl reads this HAProxy: the stats page with the lab's credentials.
    pub fn settings(&self) -> HaproxySettings {
        HaproxySettings {
            stats_url: Some(self.stats_url()),
            stats_socket: None,
            username: Some(HAPROXY_STATS.user.into()),
            password: Some(Secret::new(HAPROXY_STATS.password)),
            write_backend: WRITE_BACKEND.into(),
            read_backend: READ_BACKEND.into(),
            write_dsn: Some(Secret::new(self.dsn(self.write_port))),
            read_dsn: Some(Secret::new(self.dsn(self.read_port))),
        }
    }

    /// The lab superuser's DSN through one of its frontends.
    pub fn dsn(&self, port: u16) -> String {
        format!("host=127.0.0.1 port={port} dbname=postgres user={} password={}", SUPERUSER.user, SUPERUSER.password)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PgbouncerState {
    /// The member it fronts.
    pub member: String,
    pub port: u16,
    pub dir: std::path::PathBuf,
    pub conf: std::path::PathBuf,
    pub log: std::path::PathBuf,
    pub process: Option<ProcessRef>,
}

impl ProxiesState {
    /// How hactl reads these PgBouncers: every admin console, as the lab's admin user.
    pub fn pgbouncer_settings(&self) -> PgbouncerSettings {
        PgbouncerSettings {
            hosts: self.pgbouncers.iter().map(|p| format!("127.0.0.1:{}", p.port)).collect(),
            user: PGBOUNCER_ADMIN.user.into(),
            password: Some(Secret::new(PGBOUNCER_ADMIN.password)),
            dbname: "pgbouncer".into(),
            dsn: None,
        }
    }

    /// Every process with its name (`demo/haproxy`, `demo/pgbouncer-pg0`).
    pub(crate) fn processes(&self, scope: &str) -> Vec<(String, Option<ProcessRef>)> {
        let haproxy = (format!("{scope}/haproxy"), self.haproxy.process);
        let pgbouncers = self.pgbouncers.iter().map(|p| (format!("{scope}/pgbouncer-{}", p.member), p.process));
        std::iter::once(haproxy).chain(pgbouncers).collect()
    }

    pub(crate) fn ports(&self) -> Vec<u16> {
        let haproxy = [self.haproxy.write_port, self.haproxy.read_port, self.haproxy.stats_port];
        haproxy.into_iter().chain(self.pgbouncers.iter().map(|p| p.port)).collect()
    }
}

/// The `lab.json` part of the state.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct LabRecord {
    pub etcd: Vec<EtcdMember>,
    pub redis: Option<RedisState>,
    #[serde(default, skip_serializing_if = "Security::is_plain")]
    pub security: Security,
    /// Where new clusters' PostgreSQL and REST API ports start, when not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg_base_port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base_port: Option<u16>,
}

pub(crate) fn read_lab_record(dir: &Path) -> Result<Option<LabRecord>, LabError> {
    read_json(&dir.join(LAB_FILE))
}

pub(crate) fn write_lab_record(dir: &Path, record: &LabRecord) -> Result<(), LabError> {
    write_json(&dir.join(LAB_FILE), record)
}

pub(crate) fn cluster_file(dir: &Path, scope: &str) -> PathBuf {
    dir.join(CLUSTERS_DIR).join(format!("{scope}.json"))
}

pub(crate) fn read_cluster(dir: &Path, scope: &str) -> Result<Option<ClusterState>, LabError> {
    read_json(&cluster_file(dir, scope))
}

pub(crate) fn write_cluster(dir: &Path, cluster: &ClusterState) -> Result<(), LabError> {
    write_json(&cluster_file(dir, &cluster.scope), cluster)
}

/// The part of `cluster` that `slot` holds (its Pgpool-II, its proxies), planned by `plan`
/// (claiming ports) and recorded the first time it is asked for. The caller holds the clusters lock.
pub(crate) fn planned<T: Clone>(
    dir: &Path,
    cluster: &mut ClusterState,
    slot: fn(&mut ClusterState) -> &mut Option<T>,
    plan: impl FnOnce(&ClusterState) -> Result<T, LabError>,
) -> Result<T, LabError> {
    if slot(cluster).is_none() {
        let part = plan(cluster)?;
        *slot(cluster) = Some(part);
        write_cluster(dir, cluster)?;
    }
    Ok(slot(cluster).clone().expect("planned above"))
}

/// Every recorded cluster, sorted by scope.
pub(crate) fn read_clusters(dir: &Path) -> Result<Vec<ClusterState>, LabError> {
    let clusters_dir = dir.join(CLUSTERS_DIR);
    let entries = match fs::read_dir(&clusters_dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        entries => entries.map_err(LabError::io("read", &clusters_dir))?,
    };
    let mut clusters = Vec::new();
    for entry in entries {
        let path = entry.map_err(LabError::io("read", &clusters_dir))?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            clusters.extend(read_json::<ClusterState>(&path)?);
        }
    }
    clusters.sort_by(|a, b| a.scope.cmp(&b.scope));
    Ok(clusters)
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, LabError> {
    match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(LabError::io("read", path)(e)),
        Ok(bytes) => {
            serde_json::from_slice(&bytes).map(Some).map_err(|source| LabError::State { path: path.to_owned(), source })
        }
    }
}

/// Writes via a temporary file and a rename, so readers never see half a file.
fn write_json(path: &Path, value: &impl Serialize) -> Result<(), LabError> {
    let json = serde_json::to_vec_pretty(value).expect("lab state always serializes");
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    fs::write(&tmp, json).map_err(LabError::io("write", &tmp))?;
    fs::rename(&tmp, path).map_err(LabError::io("write", path))
}

/// Takes an exclusive lock on `path`, held until the returned file is dropped.
pub(crate) fn lock(path: &Path) -> Result<File, LabError> {
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(path).map_err(LabError::io("open", path))?;
    // SAFETY: the descriptor belongs to `file`, which outlives the call.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(LabError::io("lock", path)(io::Error::last_os_error()));
    }
    Ok(file)
}

/// The Pgpool-II of a cluster (`--pgpool`): its ports, files and process.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PgpoolState {
    pub port: u16,
    pub pcp_port: u16,
    pub dir: PathBuf,
    pub conf: PathBuf,
    pub log: PathBuf,
    pub process: Option<ProcessRef>,
}

impl PgpoolState {
    /// How hactl reads this Pgpool-II: `SHOW POOL_NODES` as the lab's superuser.
    pub fn settings(&self) -> PgpoolSettings {
        PgpoolSettings {
            hosts: vec![format!("127.0.0.1:{}", self.port)],
            user: SUPERUSER.user.into(),
            password: Some(Secret::new(SUPERUSER.password)),
            dbname: "postgres".into(),
            dsn: None,
        }
    }

    pub(crate) fn ports(&self) -> [u16; 2] {
        [self.port, self.pcp_port]
    }

    pub(crate) fn pcp_conf(&self) -> PathBuf {
        self.dir.join("pcp.conf")
    }

    pub(crate) fn hba_conf(&self) -> PathBuf {
        self.dir.join("pool_hba.conf")
    }
}
