//! A real local HA lab on 127.0.0.1: a 3-member etcd cluster, any number of
//! Patroni clusters (4.x or 3.x) sharing it, and optionally Redis with three
//! Sentinels. Integration tests and `hactl lab up|down|status` use it.
//!
//! Every process started is recorded in state files under the lab dir, so a
//! later process can find and stop it (by pid, never by name). Processes run
//! detached and outlive the caller. Nothing here prints: progress goes to a
//! callback, failures come back as [`LabError`].
//!
//! The API is synchronous: a call that talks to etcd or Patroni blocks on a
//! tokio runtime of its own, so make it from a thread that drives no runtime
//! (e.g. `tokio::task::spawn_blocking`).

mod ctl;
mod error;
mod etcd;
mod net;
mod patroni;
mod pgpool;
mod preflight;
mod process;
mod programs;
mod proxies;
mod redis;
mod secure;
mod state;
mod status;
mod wait;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub use ctl::write_ctl_config;
pub use error::LabError;
pub use pgpool::PCP_ADMIN;
pub use process::{ProcessRef, signal_pid};
pub use secure::{ApiTls, CertPair, LabPassword, LabSecurity, Login, Security};
pub use state::{
    ClusterState, EtcdMember, HaproxyState, LabState, MemberState, PgbouncerState, PgpoolState, ProxiesState,
    RedisNode, RedisState,
};
pub use status::{ClusterStatus, LabStatus, MemberStatus, ProcessStatus};

use net::Net;
use patroni::Launch;
use process::User;
use state::{CLUSTERS_DIR, CLUSTERS_LOCK, LAB_FILE, LAB_LOCK, LabRecord};
use wait::Check;

const DEFAULT_DIR: &str = "/tmp/hactl-lab";
/// Patroni stops PostgreSQL (a fast shutdown) before it exits.
const PATRONI_GRACE: Duration = Duration::from_secs(30);
const POSTMASTER_GRACE: Duration = Duration::from_secs(5);
const SERVER_GRACE: Duration = Duration::from_secs(10);
/// HAProxy's checks would need a client certificate for the secured lab's REST APIs.
const PROXIES_PLAIN_ONLY: &str =
    "the proxy tier (--proxies) runs in the plain lab only, not in a secured one (so does --pgpool)";

/// A lab-only login. Every node's patroni.yml holds all three.
#[derive(Clone, Copy)]
pub struct Credentials {
    pub user: &'static str,
    pub password: &'static str,
}

pub const SUPERUSER: Credentials = Credentials { user: "postgres", password: "lab-superuser-secret" };
pub const REPLICATION: Credentials = Credentials { user: "replicator", password: "lab-replication-secret" };
pub const REWIND: Credentials = Credentials { user: "rewind_user", password: "lab-rewind-secret" };

/// The proxy tier's logins and names.
/// The admin console's user (`admin_users`) of every lab PgBouncer.
pub const PGBOUNCER_ADMIN: Credentials = Credentials { user: "pgbouncer", password: "lab-pgbouncer-secret" };
/// `stats auth` of every lab HAProxy's stats page.
pub const HAPROXY_STATS: Credentials = Credentials { user: "hactl", password: "lab-haproxy-secret" };
pub const WRITE_BACKEND: &str = "primary";
pub const READ_BACKEND: &str = "replicas";
/// The major version of Patroni a cluster runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    V4,
    V3,
}

impl fmt::Display for Flavor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::V4 => "v4",
            Self::V3 => "v3",
        })
    }
}

impl FromStr for Flavor {
    type Err = LabError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "4" | "v4" => Ok(Self::V4),
            "3" | "v3" => Ok(Self::V3),
            _ => Err(LabError::InvalidSpec(format!("unknown Patroni flavor {s:?}: use v4 or v3"))),
        }
    }
}

/// How a cluster replicates: Patroni's `synchronous_mode` (and `synchronous_mode_strict`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Replication {
    /// `synchronous_mode` off: every replica is asynchronous.
    #[default]
    Async,
    /// `synchronous_mode: true`: one synchronous standby (`Sync Standby`).
    Sync,
    /// `synchronous_mode: true` and `synchronous_mode_strict: true`.
    Strict,
    /// `synchronous_mode: quorum`: quorum commit (`Quorum Standby`).
    Quorum,
}

/// As `--synchronous-mode` spells it.
impl fmt::Display for Replication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Async => "off",
            Self::Sync => "on",
            Self::Strict => "strict",
            Self::Quorum => "quorum",
        })
    }
}

impl FromStr for Replication {
    type Err = LabError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "async" | "off" => Ok(Self::Async),
            "sync" | "on" => Ok(Self::Sync),
            "strict" => Ok(Self::Strict),
            "quorum" => Ok(Self::Quorum),
            _ => Err(LabError::InvalidSpec(format!("unknown synchronous mode {s:?}: use off, on, strict or quorum"))),
        }
    }
}

/// Where a standby cluster streams from: a member of the primary cluster (its leader, or a
/// replica of it, which cascades).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandbySource {
    pub host: String,
    pub port: u16,
    /// A `restore_command` for every member (`standby_cluster` and `postgresql.recovery_conf`):
    /// a replica that is not streaming then reports `in archive recovery`, as one fed from a
    /// WAL archive does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_command: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterSpec {
    /// Patroni's scope; also names the cluster's dir and state file.
    pub scope: String,
    pub flavor: Flavor,
    pub members: usize,
    pub ttl: u32,
    pub loop_wait: u32,
    /// Tags per member name (`pg1` → `{nofailover: true}`), on top of the defaults (all false).
    pub tags: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
    pub replication: Replication,
    /// Makes it a standby cluster (`standby_cluster` in its bootstrap config) of this source.
    pub standby_of: Option<StandbySource>,
    /// Adds the proxy tier: a PgBouncer per member and an HAProxy (plain labs only). A cluster
    /// that has it keeps it.
    pub proxies: bool,
    /// Adds a Pgpool-II in front of the members (plain labs only). A cluster that has it keeps it.
    pub pgpool: bool,
}

impl ClusterSpec {
    /// Three Patroni 4 members with Patroni's default ttl 30 and loop_wait 10, asynchronous.
    pub fn new(scope: impl Into<String>) -> Self {
        Self {
            scope: scope.into(),
            flavor: Flavor::V4,
            members: 3,
            ttl: 30,
            loop_wait: 10,
            tags: BTreeMap::new(),
            replication: Replication::Async,
            standby_of: None,
            proxies: false,
            pgpool: false,
        }
    }

    fn validate(&self) -> Result<(), LabError> {
        let scope = &self.scope;
        let invalid = |why: String| Err(LabError::InvalidSpec(why));
        if scope.is_empty() || !scope.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return invalid(format!("scope {scope:?} must consist of letters, digits, '-' and '_'"));
        }
        if self.members == 0 {
            return invalid(format!("cluster {scope} needs at least one member"));
        }
        if self.replication != Replication::Async {
            let nosync = |i: usize| {
                self.tags.get(&format!("pg{i}")).and_then(|t| t.get("nosync")) == Some(&serde_json::Value::Bool(true))
            };
            // Readiness waits for a synchronous standby: without a possible one it would never come.
            if self.standby_of.is_some() || (0..self.members).filter(|&i| !nosync(i)).count() < 2 {
                return invalid(format!(
                    "cluster {scope}: synchronous mode {} needs a primary cluster of 2 or more members, one of them without nosync",
                    self.replication
                ));
            }
        }
        // Patroni's own limits, with retry_timeout (derived) at least 3.
        if self.loop_wait == 0 || self.ttl < 20 || self.ttl < self.loop_wait + 6 {
            return invalid(format!(
                "cluster {scope}: Patroni needs ttl >= 20, loop_wait >= 1 and ttl >= loop_wait + 6"
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabSpec {
    pub dir: PathBuf,
    pub clusters: Vec<ClusterSpec>,
    pub redis: bool,
    /// etcd client ports are base, base+2, base+4; peer ports one above each.
    pub etcd_base_port: u16,
    /// Redis master on base, replica on base+1, Sentinels from base+20000.
    pub redis_base_port: u16,
    /// How long each wait (for etcd, then for everything else) may take.
    pub timeout: Duration,
    /// Plain, or TLS and passwords everywhere (see [`Security::Tls`]). A lab keeps the security
    /// it was created with.
    pub security: Security,
    /// Where the clusters' PostgreSQL ports (and REST API ports) start: the first free ones
    /// from here up are taken. A lab keeps the ports (and security) it was created with.
    pub pg_base_port: u16,
    pub api_base_port: u16,
}

impl LabSpec {
    /// No clusters, no Redis, the default ports and a 3-minute timeout.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            clusters: Vec::new(),
            redis: false,
            etcd_base_port: 2379,
            redis_base_port: 6390,
            timeout: Duration::from_secs(180),
            security: Security::Plain,
            pg_base_port: patroni::PG_BASE_PORT,
            api_base_port: patroni::API_BASE_PORT,
        }
    }

    fn validate(&self) -> Result<(), LabError> {
        for (i, cluster) in self.clusters.iter().enumerate() {
            cluster.validate()?;
            if self.clusters[..i].iter().any(|c| c.scope == cluster.scope) {
                return Err(LabError::InvalidSpec(format!("cluster {} is listed twice", cluster.scope)));
            }
        }
        if self.etcd_base_port == 0 || self.etcd_base_port > u16::MAX - 5 {
            return Err(LabError::InvalidSpec("etcd base port must be within 1..=65530".into()));
        }
        if self.redis_base_port == 0 || self.redis_base_port > u16::MAX - 20002 {
            return Err(LabError::InvalidSpec("redis base port must be within 1..=45533".into()));
        }
        if self.pg_base_port == 0 || self.api_base_port == 0 {
            return Err(LabError::InvalidSpec("PostgreSQL and REST API base ports must be at least 1".into()));
        }
        // Else etcd and Redis would each find the other's port taken once started.
        let etcd = self.etcd_base_port..=self.etcd_base_port + 5;
        let base = self.redis_base_port;
        let redis = [base, base + 1, base + 20000, base + 20001, base + 20002];
        if self.redis && redis.iter().any(|port| etcd.contains(port)) {
            return Err(LabError::InvalidSpec(format!(
                "etcd ports {}-{} and Redis ports {base}, {}, {}-{} overlap: pass another --etcd-port or --redis-port",
                etcd.start(),
                etcd.end(),
                base + 1,
                base + 20000,
                base + 20002
            )));
        }
        Ok(())
    }
}

/// Progress of `up`, `start_cluster` and `down`, for the caller to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabEvent {
    Starting { what: String },
    AlreadyRunning { what: String },
    Waiting { what: String },
    Ready { what: String, elapsed: Duration },
    Stopping { what: String },
    Stopped { what: String, elapsed: Duration },
}

impl fmt::Display for LabEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Starting { what } => write!(f, "starting {what}"),
            Self::AlreadyRunning { what } => write!(f, "{what} is already running"),
            Self::Waiting { what } => write!(f, "waiting for {what}"),
            Self::Ready { what, elapsed } => {
                write!(f, "{what} ready after {:.1}s", elapsed.as_secs_f64())
            }
            Self::Stopping { what } => write!(f, "stopping {what}"),
            Self::Stopped { what, elapsed } => {
                write!(f, "{what} stopped after {:.1}s", elapsed.as_secs_f64())
            }
        }
    }
}

/// What `down` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DownReport {
    /// Every process that was running, e.g. `demo/pg0`, `sentinel-26390`.
    pub stopped: Vec<String>,
    /// Those of them that needed SIGKILL.
    pub killed: Vec<String>,
    pub removed: Vec<PathBuf>,
}

/// `$HACTL_LAB_DIR`, else `/tmp/hactl-lab`.
pub fn default_dir() -> PathBuf {
    std::env::var_os("HACTL_LAB_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from(DEFAULT_DIR), PathBuf::from)
}

/// Brings the lab in `spec.dir` up and waits until all of it is healthy.
/// Reuses whatever the state files show running, restarts recorded
/// processes that died, and starts what is missing. A busy port it cannot
/// choose is refused before anything starts ([`LabError::PortTaken`]); a
/// failure once something started names what runs ([`LabError::Incomplete`]).
pub fn up(spec: &LabSpec, progress: &mut dyn FnMut(LabEvent)) -> Result<LabState, LabError> {
    let mut started = false;
    let result = start_and_wait(spec, &mut |event| {
        started |= matches!(event, LabEvent::Starting { .. });
        progress(event);
    });
    result.map_err(|error| match started {
        true => {
            let running = status::collect(&spec.dir).map(|s| s.running()).unwrap_or_default();
            LabError::Incomplete { error: Box::new(error), running, dir: spec.dir.clone() }
        }
        false => error,
    })
}

fn start_and_wait(spec: &LabSpec, progress: &mut dyn FnMut(LabEvent)) -> Result<LabState, LabError> {
    spec.validate()?;
    if spec.security == Security::Tls && spec.clusters.iter().any(|c| c.proxies || c.pgpool) {
        return Err(LabError::InvalidSpec(PROXIES_PLAIN_ONLY.into()));
    }
    // Find every program before starting anything.
    let etcd_bin = programs::etcd()?;
    let redis_programs = spec.redis.then(programs::redis).transpose()?;
    if spec.security == Security::Tls {
        programs::openssl()?;
    }
    let patroni_bins = spec.clusters.iter().map(|c| programs::patroni(c.flavor)).collect::<Result<Vec<_>, _>>()?;
    if spec.clusters.iter().any(|c| c.proxies) {
        programs::haproxy()?;
        programs::pgbouncer()?;
    }
    if spec.clusters.iter().any(|c| c.pgpool) {
        programs::pgpool()?;
    }
    let (pg_bin_dir, owner) = match spec.clusters.is_empty() {
        true => (PathBuf::new(), None),
        false => (programs::pg_bin_dir()?, User::for_patroni()?),
    };

    // A new lab: a busy port is refused before its dir, or anything in it, is made.
    if state::read_lab_record(&spec.dir)?.is_none() {
        let (etcd, redis) = fixed_parts(spec, &LabRecord::default())?;
        preflight::check_ports(&spec.dir, &etcd, redis.as_ref(), &[])?;
    }
    process::create_dir(&spec.dir, None)?;
    if !spec.clusters.is_empty() {
        patroni::prepare_dir(&spec.dir, owner.as_ref())?;
    }
    let _lock = state::lock(&spec.dir.join(LAB_LOCK))?;
    let mut record = state::read_lab_record(&spec.dir)?.unwrap_or_default();
    let (etcd, redis) = fixed_parts(spec, &record)?;
    record.etcd = etcd;
    if !record.etcd.iter().any(|m| m.process.is_some()) {
        // A new lab (or one whose etcd never started): it takes the spec's security and ports.
        record.security = spec.security;
        let ports = |port: u16, default: u16| (port != default).then_some(port);
        record.pg_base_port = ports(spec.pg_base_port, patroni::PG_BASE_PORT);
        record.api_base_port = ports(spec.api_base_port, patroni::API_BASE_PORT);
    } else if record.security != spec.security {
        return Err(LabError::Conflict(format!(
            "the lab in {} is {}, not {}",
            spec.dir.display(),
            security_name(record.security),
            security_name(spec.security)
        )));
    }
    // Again under the lock, now with what this lab recorded: its stopped parts need their ports.
    let recorded_clusters: Vec<ClusterState> = state::read_clusters(&spec.dir)?
        .into_iter()
        .filter(|c| spec.clusters.iter().any(|s| s.scope == c.scope))
        .collect();
    preflight::check_ports(&spec.dir, &record.etcd, redis.as_ref(), &recorded_clusters)?;
    let security = match record.security {
        Security::Plain => None,
        Security::Tls => Some(secure::prepare(&spec.dir, owner.as_ref())?),
    };
    state::write_lab_record(&spec.dir, &record)?;
    let net = Net::for_lab(security.as_ref())?;
    etcd::start_missing(&spec.dir, &mut record, &etcd_bin, security.as_ref(), progress)?;
    let etcd_check: Check = Box::new(|| etcd::check(&net, &record.etcd));
    wait::wait_all(vec![("etcd".into(), etcd_check)], spec.timeout, progress)?;
    if let Some(security) = &security {
        etcd::enable_auth(&net, &record.etcd, security)?;
    }
    let redis_password = security.as_ref().map(|s| s.redis_password.expose());

    if let Some(redis_programs) = &redis_programs {
        record.redis = redis;
        redis::start_missing(&spec.dir, &mut record, redis_programs, redis_password, progress)?;
    }
    let mut clusters = Vec::new();
    for (cluster, patroni_bin) in spec.clusters.iter().zip(patroni_bins) {
        let launch = launch(&record, patroni_bin, &pg_bin_dir, owner.as_ref(), security.as_ref());
        clusters.push(patroni::start(&spec.dir, cluster, &launch, progress)?);
    }
    for (state, cluster) in clusters.iter_mut().zip(&spec.clusters) {
        if cluster.proxies || state.proxies.is_some() {
            let pg_base_port = record.pg_base_port.unwrap_or(patroni::PG_BASE_PORT);
            proxies::start(&spec.dir, state, pg_base_port, owner.as_ref(), progress)?;
        }
        if cluster.pgpool || state.pgpool.is_some() {
            let pg_base_port = record.pg_base_port.unwrap_or(patroni::PG_BASE_PORT);
            pgpool::start(&spec.dir, state, pg_base_port, owner.as_ref(), progress)?;
        }
    }

    // Redis and all clusters come up at the same time; wait for them together.
    let mut checks: Vec<(String, Check)> = Vec::new();
    if let Some(redis) = record.redis.as_ref().filter(|_| spec.redis) {
        checks.push(("redis".into(), Box::new(move || redis::check(redis, redis_password))));
    }
    for cluster in &clusters {
        checks.push((format!("cluster {}", cluster.scope), Box::new(|| patroni::check(&net, cluster))));
    }
    wait::wait_all(checks, spec.timeout, progress)?;
    // HAProxy and Pgpool-II route once the clusters have their leaders.
    let mut proxy_checks: Vec<(String, Check)> = clusters
        .iter()
        .filter(|c| c.proxies.is_some())
        .map(|c| (format!("proxies of cluster {}", c.scope), Box::new(|| proxies::check(&net, c)) as Check))
        .collect();
    proxy_checks.extend(
        clusters
            .iter()
            .filter(|c| c.pgpool.is_some())
            .map(|c| (format!("pgpool of cluster {}", c.scope), Box::new(|| pgpool::check(&net, c)) as Check)),
    );
    wait::wait_all(proxy_checks, spec.timeout, progress)?;
    ctl::write_pgpass(&spec.dir)?;
    load(&spec.dir)
}

/// The etcd members and (with `spec.redis`) the Redis that `up` runs: as `record` has them, or
/// as planned from the spec's ports for a lab that has none. Refuses other ports than recorded.
fn fixed_parts(spec: &LabSpec, record: &LabRecord) -> Result<(Vec<EtcdMember>, Option<RedisState>), LabError> {
    let etcd = match record.etcd.first() {
        None => etcd::plan(&spec.dir, spec.etcd_base_port),
        Some(first) if first.client_port != spec.etcd_base_port => {
            return Err(LabError::Conflict(format!(
                "the lab in {} has etcd on port {}, not {}",
                spec.dir.display(),
                first.client_port,
                spec.etcd_base_port
            )));
        }
        Some(_) => record.etcd.clone(),
    };
    let redis = match &record.redis {
        _ if !spec.redis => None,
        None => Some(redis::plan(&spec.dir, spec.redis_base_port)),
        Some(redis) if redis.master.port != spec.redis_base_port => {
            return Err(LabError::Conflict(format!(
                "the lab in {} has Redis on port {}, not {}",
                spec.dir.display(),
                redis.master.port,
                spec.redis_base_port
            )));
        }
        Some(redis) => Some(redis.clone()),
    };
    Ok((etcd, redis))
}

/// Adds one Patroni cluster to the lab in `dir`, whose etcd must run, and
/// waits until it is healthy. A recorded cluster is reused (and its stopped
/// members restarted).
pub fn start_cluster(
    dir: &Path,
    spec: &ClusterSpec,
    timeout: Duration,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<ClusterState, LabError> {
    spec.validate()?;
    let patroni_bin = programs::patroni(spec.flavor)?;
    let pg_bin_dir = programs::pg_bin_dir()?;
    let owner = User::for_patroni()?;
    let record = state::read_lab_record(dir)?
        .filter(|r| !r.etcd.is_empty() && r.etcd.iter().all(EtcdMember::is_running))
        .ok_or_else(|| LabError::EtcdNotRunning { dir: dir.into() })?;
    patroni::prepare_dir(dir, owner.as_ref())?;
    // Also hands the files Patroni reads to its user, if the lab started without clusters.
    let security = match record.security {
        Security::Plain => None,
        Security::Tls => Some(secure::prepare(dir, owner.as_ref())?),
    };
    if (spec.proxies || spec.pgpool) && security.is_some() {
        return Err(LabError::InvalidSpec(PROXIES_PLAIN_ONLY.into()));
    }
    let launch = launch(&record, patroni_bin, &pg_bin_dir, owner.as_ref(), security.as_ref());
    let mut cluster = patroni::start(dir, spec, &launch, progress)?;
    if spec.proxies || cluster.proxies.is_some() {
        let pg_base_port = record.pg_base_port.unwrap_or(patroni::PG_BASE_PORT);
        proxies::start(dir, &mut cluster, pg_base_port, owner.as_ref(), progress)?;
    }
    if spec.pgpool || cluster.pgpool.is_some() {
        let pg_base_port = record.pg_base_port.unwrap_or(patroni::PG_BASE_PORT);
        pgpool::start(dir, &mut cluster, pg_base_port, owner.as_ref(), progress)?;
    }
    let net = cluster.net()?;
    let check: Check = Box::new(|| patroni::check(&net, &cluster));
    wait::wait_all(vec![(format!("cluster {}", spec.scope), check)], timeout, progress)?;
    if cluster.proxies.is_some() {
        let check: Check = Box::new(|| proxies::check(&net, &cluster));
        wait::wait_all(vec![(format!("proxies of cluster {}", spec.scope), check)], timeout, progress)?;
    }
    if cluster.pgpool.is_some() {
        let check: Check = Box::new(|| pgpool::check(&net, &cluster));
        wait::wait_all(vec![(format!("pgpool of cluster {}", spec.scope), check)], timeout, progress)?;
    }
    Ok(cluster)
}

fn launch<'a>(
    record: &LabRecord,
    patroni_bin: PathBuf,
    pg_bin_dir: &'a Path,
    owner: Option<&'a User>,
    security: Option<&'a LabSecurity>,
) -> Launch<'a> {
    let etcd_hosts: Vec<_> = record.etcd.iter().map(EtcdMember::endpoint).collect();
    Launch {
        patroni_bin,
        pg_bin_dir,
        etcd_hosts: etcd_hosts.join(","),
        owner,
        pg_base_port: record.pg_base_port.unwrap_or(patroni::PG_BASE_PORT),
        api_base_port: record.api_base_port.unwrap_or(patroni::API_BASE_PORT),
        security,
    }
}

fn security_name(security: Security) -> &'static str {
    match security {
        Security::Plain => "plain",
        Security::Tls => "secured (TLS and passwords)",
    }
}

/// Waits until `cluster` has one primary holding the leader key and every
/// other member streaming.
pub fn wait_cluster_healthy(cluster: &ClusterState, timeout: Duration) -> Result<(), LabError> {
    let net = cluster.net()?;
    let check: Check = Box::new(|| patroni::check(&net, cluster));
    wait::wait_all(vec![(format!("cluster {}", cluster.scope), check)], timeout, &mut |_| {})
}

/// Stops one cluster by pid, removes its data and state file, and deletes
/// its keys from etcd so that its scope can be used again. Nothing to do
/// for an unknown scope.
pub fn stop_cluster(dir: &Path, scope: &str) -> Result<(), LabError> {
    let Some(cluster) = state::read_cluster(dir, scope)? else {
        return Ok(());
    };
    let mut report = DownReport::default();
    stop_clusters(std::slice::from_ref(&cluster), &mut report);
    let record = state::read_lab_record(dir)?.unwrap_or_default();
    if record.etcd.iter().any(EtcdMember::is_running) {
        let security = recorded_security(dir, record.security)?;
        let net = Net::for_lab(security.as_ref())?;
        let root = security.as_ref().map(|s| &s.etcd_root);
        etcd::delete_prefix(&net, &record.etcd, root, &format!("/service/{scope}/"))?;
    }
    remove(&cluster.dir, &mut report)?;
    remove(&state::cluster_file(dir, scope), &mut report)
}

/// Stops every cluster, then Redis, then etcd, by pid; removes their data
/// and the state files. Nothing to do when nothing is recorded.
pub fn down(dir: &Path, progress: &mut dyn FnMut(LabEvent)) -> Result<DownReport, LabError> {
    let mut report = DownReport::default();
    if !dir.exists() {
        return Ok(report);
    }
    let _lock = state::lock(&dir.join(LAB_LOCK))?;
    let mut stopping = |what: String, stop: &mut dyn FnMut(&mut DownReport)| {
        let start = Instant::now();
        progress(LabEvent::Stopping { what: what.clone() });
        stop(&mut report);
        progress(LabEvent::Stopped { what, elapsed: start.elapsed() });
    };

    // Clusters first: Patroni needs etcd to hand its leader key back.
    let clusters = state::read_clusters(dir)?;
    if !clusters.is_empty() {
        let scopes: Vec<_> = clusters.iter().map(|c| c.scope.as_str()).collect();
        stopping(format!("clusters {}", scopes.join(", ")), &mut |report| stop_clusters(&clusters, report));
    }
    let record = state::read_lab_record(dir)?.unwrap_or_default();
    if let Some(redis) = &record.redis {
        stopping("redis".into(), &mut |report| {
            // Sentinels first, so that they don't fail over while the
            // master stops.
            let sentinels = named(redis.sentinels.iter().map(|n| (&n.name, n.process)));
            process::terminate(&sentinels, libc::SIGTERM, SERVER_GRACE, report);
            let data_nodes = named([&redis.master, &redis.replica].map(|n| (&n.name, n.process)));
            process::terminate(&data_nodes, libc::SIGTERM, SERVER_GRACE, report);
        });
    }
    if !record.etcd.is_empty() {
        stopping("etcd".into(), &mut |report| {
            // One at a time: a stopping leader first hands leadership to a
            // live member, and waits 7s in vain when all stop at once.
            for member in &record.etcd {
                let member = named([(&member.name, member.process)]);
                process::terminate(&member, libc::SIGTERM, SERVER_GRACE, report);
            }
        });
    }

    for name in [
        CLUSTERS_DIR,
        "redis",
        "etcd",
        secure::TLS_DIR,
        ctl::CTL_CONFIG,
        ctl::PGPASS,
        LAB_FILE,
        CLUSTERS_LOCK,
        LAB_LOCK,
    ] {
        remove(&dir.join(name), &mut report)?;
    }
    // Only succeeds when empty: the dir may hold files that are not ours.
    let _ = fs::remove_dir(dir);
    Ok(report)
}

/// What is recorded in `dir`, and whether each process runs. An empty
/// status when nothing is recorded.
pub fn status(dir: &Path) -> Result<LabStatus, LabError> {
    status::collect(dir)
}

/// The recorded state of the lab in `dir`.
pub fn load(dir: &Path) -> Result<LabState, LabError> {
    let record = state::read_lab_record(dir)?.ok_or_else(|| LabError::NoLab { dir: dir.into() })?;
    let security = recorded_security(dir, record.security)?;
    Ok(LabState {
        dir: dir.to_owned(),
        etcd: record.etcd,
        redis: record.redis,
        clusters: state::read_clusters(dir)?,
        security,
    })
}

/// The certificates and passwords of the lab in `dir`, when it is secured.
fn recorded_security(dir: &Path, security: Security) -> Result<Option<LabSecurity>, LabError> {
    match security {
        Security::Plain => Ok(None),
        Security::Tls => secure::load(dir).map(Some),
    }
}

/// Stops Patroni on every member at once (Patroni stops its PostgreSQL on
/// SIGTERM); as a backstop kills postmasters that outlive their Patroni.
fn stop_clusters(clusters: &[ClusterState], report: &mut DownReport) {
    // The proxies first: they would only go on checking members that stop.
    let pgpools = clusters.iter().map(|c| (format!("{}/pgpool", c.scope), c.pgpool.as_ref().and_then(|p| p.process)));
    let proxies = clusters.iter().flat_map(|c| c.proxies.iter().flat_map(|p| p.processes(&c.scope)));
    let proxies = named(proxies.chain(pgpools));
    process::terminate(&proxies, libc::SIGTERM, SERVER_GRACE, report);
    let members = || clusters.iter().flat_map(|c| c.members.iter().map(move |m| (c, m)));
    let patronis = named(members().map(|(c, m)| (format!("{}/{}", c.scope, m.name), m.patroni)));
    process::terminate(&patronis, libc::SIGTERM, PATRONI_GRACE, report);
    let postmasters = named(members().map(|(c, m)| {
        let postmaster =
            m.postmaster_pid().filter(|&pid| process::cmdline_mentions(pid, &m.data_dir)).and_then(ProcessRef::of);
        (format!("{}/{} postgres", c.scope, m.name), postmaster)
    }));
    // SIGQUIT is PostgreSQL's immediate shutdown.
    process::terminate(&postmasters, libc::SIGQUIT, POSTMASTER_GRACE, report);
}

/// The started processes among `procs`, with their names.
fn named<N: ToString>(procs: impl IntoIterator<Item = (N, Option<ProcessRef>)>) -> Vec<(String, ProcessRef)> {
    procs.into_iter().filter_map(|(name, process)| Some((name.to_string(), process?))).collect()
}

fn remove(path: &Path, report: &mut DownReport) -> Result<(), LabError> {
    let removed = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => Err(e),
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
    };
    removed.map_err(LabError::io("remove", path))?;
    report.removed.push(path.to_owned());
    Ok(())
}

/// YAML quoting for values from outside: JSON strings are valid double-quoted YAML scalars.
pub(crate) fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialize")
}

pub(crate) fn quote_path(path: &Path) -> String {
    quote(&path.to_string_lossy())
}

pub(crate) fn port_is_free(port: u16) -> bool {
    TcpListener::bind(("127.0.0.1", port)).is_ok()
}

pub(crate) fn ensure_port_free(port: u16, what: &str) -> Result<(), LabError> {
    match port_is_free(port) {
        true => Ok(()),
        false => Err(LabError::PortInUse { port, what: what.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavor_parses_and_serializes_lowercase() {
        for (text, flavor) in [("4", Flavor::V4), ("v4", Flavor::V4), ("V3", Flavor::V3), ("3", Flavor::V3)] {
            assert_eq!(text.parse::<Flavor>().unwrap(), flavor);
        }
        assert!("5".parse::<Flavor>().is_err());
        assert_eq!(serde_json::to_string(&Flavor::V3).unwrap(), "\"v3\"");
        assert_eq!(serde_json::from_str::<Flavor>("\"v4\"").unwrap(), Flavor::V4);
    }

    #[test]
    fn spec_validation_names_the_problem() {
        let mut spec = LabSpec::new("/tmp/x");
        spec.clusters = vec![ClusterSpec::new("demo"), ClusterSpec::new("demo")];
        assert!(spec.validate().unwrap_err().to_string().contains("listed twice"));
        spec.clusters = vec![ClusterSpec::new("bad/scope")];
        assert!(spec.validate().unwrap_err().to_string().contains("letters, digits"));
        spec.clusters = vec![ClusterSpec { ttl: 10, ..ClusterSpec::new("fast") }];
        assert!(spec.validate().unwrap_err().to_string().contains("ttl >= 20"));
        spec.clusters = vec![ClusterSpec { ttl: 20, loop_wait: 2, ..ClusterSpec::new("fast") }];
        assert!(spec.validate().is_ok());
        let quorum = ClusterSpec { replication: Replication::Quorum, ..ClusterSpec::new("q") };
        spec.clusters = vec![ClusterSpec { members: 1, ..quorum.clone() }];
        assert!(spec.validate().unwrap_err().to_string().contains("2 or more members"));
        let nosync = BTreeMap::from([("nosync".to_string(), serde_json::Value::Bool(true))]);
        let tags = BTreeMap::from([("pg1".to_string(), nosync.clone()), ("pg2".to_string(), nosync)]);
        spec.clusters = vec![ClusterSpec { tags, ..quorum.clone() }];
        assert!(spec.validate().unwrap_err().to_string().contains("without nosync"));
        spec.clusters = vec![quorum];
        assert!(spec.validate().is_ok());
    }

    #[test]
    fn missing_program_says_what_to_install() {
        let err = LabError::MissingProgram { program: "etcd".into(), package: "the Debian package etcd-server".into() };
        assert_eq!(err.to_string(), "etcd not found: install the Debian package etcd-server");
    }

    #[test]
    fn timeout_names_what_is_missing_and_the_log() {
        let err = LabError::Timeout {
            what: "cluster demo: pg2 is not streaming".into(),
            waited: Duration::from_secs(90),
            log: "/tmp/hactl-lab/clusters/demo/pg2/patroni.log".into(),
        };
        assert_eq!(
            err.to_string(),
            "cluster demo: pg2 is not streaming after 90s; \
             see /tmp/hactl-lab/clusters/demo/pg2/patroni.log"
        );
    }

    #[test]
    fn a_failure_after_a_start_names_what_runs_and_is_no_refusal() {
        use crate::error::{Classify, ErrorKind};
        let refused = LabError::PortInUse { port: 7391, what: "redis-7391".into() };
        let err = LabError::Incomplete {
            error: Box::new(refused),
            running: vec!["etcd0".into(), "etcd1".into()],
            dir: "/tmp/x".into(),
        };
        assert!(
            err.to_string()
                .ends_with("; the lab in /tmp/x still runs etcd0, etcd1: `hactl lab down --dir /tmp/x` stops it")
        );
        assert_eq!(err.kind(), ErrorKind::Failed);
        let timeout = LabError::Timeout { what: "etcd".into(), waited: Duration::from_secs(1), log: "/l".into() };
        let err = LabError::Incomplete { error: Box::new(timeout), running: vec![], dir: "/tmp/x".into() };
        assert_eq!(err.kind(), ErrorKind::NotConfirmed);
        assert!(err.to_string().contains("nothing of the lab in /tmp/x runs"), "{err}");
    }

    #[test]
    fn overlapping_etcd_and_redis_ports_are_refused() {
        let mut spec = LabSpec::new("/tmp/x");
        spec.redis = true;
        spec.redis_base_port = spec.etcd_base_port + 3;
        assert!(spec.validate().unwrap_err().to_string().contains("overlap: pass another --etcd-port or --redis-port"));
        spec.redis = false;
        assert!(spec.validate().is_ok());
    }

    #[test]
    fn status_and_down_of_an_empty_dir_are_fine() {
        let dir = std::env::temp_dir().join(format!("hactl-lab-empty-{}", std::process::id()));
        let status = status(&dir).unwrap();
        assert!(status.is_empty() && status.all_alive());
        let report = down(&dir, &mut |_| {}).unwrap();
        assert!(report.stopped.is_empty() && report.removed.is_empty());
        assert!(matches!(load(&dir), Err(LabError::NoLab { .. })));
    }

    #[test]
    fn signal_pid_refuses_process_groups() {
        assert!(matches!(signal_pid(0, 0), Err(LabError::InvalidPid(0))));
        assert!(matches!(signal_pid(-1, 0), Err(LabError::InvalidPid(-1))));
        assert!(signal_pid(std::process::id() as i32, 0).is_ok());
    }
}
