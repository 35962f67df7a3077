//! Reading every tier at once, under one deadline: etcd (health, status, members, alarms), the
//! cluster from the DCS and then the leader's replication views, each member's agent
//! (`GET /patroni`) and every other member's PostgreSQL (`pg_is_in_recovery()`), HAProxy's
//! stats, each PgBouncer and each Sentinel on its own.
//! Each tier's reads are cut at the deadline, so a dead tier costs it once, not once per member.

use super::StatusReport;
use super::members::{AgentProbe, MemberPostgres};
use super::pgpool::PgpoolRead;
use super::proxies::PgbouncerRead;
use super::verdict::{self, EtcdRead, Reads, SentinelRead};
use crate::agent::{AgentError, Agents};
use crate::cluster::{Cluster, Member, RawNode};
use crate::clusters;
use crate::error::{Classify, ErrorKind};
use crate::query::{self, ConnectOptions};
use crate::settings::{EtcdSettings, SentinelSettings, Settings};
use crate::tiers::sentinel::{SentinelError, Sentinels};
use crate::tiers::{etcd, haproxy, pgbouncer, pgpool, postgres};
use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

/// What `gather` reads with.
pub struct StatusInputs<'a> {
    pub settings: &'a Settings,
    /// The cluster (scope) to report on.
    pub cluster: &'a str,
    /// The one deadline for every tier.
    pub timeout: Duration,
    /// `--dcs-timeout`: the longest an etcd request may take, as in every other command; within
    /// `timeout`, the smaller of the two bounds the etcd reads.
    pub dcs_timeout: Duration,
    /// The environment, for libpq's variables (`PGUSER`, `PGPASSWORD`, ...) when connecting to
    /// the leader.
    pub env: &'a BTreeMap<String, String>,
    /// `-U`/`-d` for the leader's connection.
    pub connect: ConnectOptions,
}

/// One site of `status --all-contexts`: its settings and the cluster to report on.
pub struct SiteStatus {
    /// The context's name.
    pub site: String,
    pub settings: Settings,
    pub cluster: String,
}

/// [`gather`] for every site at once, each under the same `timeout`, so the slowest site
/// costs no more than one site would; in the order given.
pub async fn gather_sites(
    sites: Vec<SiteStatus>,
    timeout: Duration,
    dcs_timeout: Duration,
    env: &BTreeMap<String, String>,
    connect: &ConnectOptions,
) -> Vec<(String, StatusReport)> {
    let mut reports = tokio::task::JoinSet::new();
    for (index, site) in sites.into_iter().enumerate() {
        let (env, connect) = (env.clone(), connect.clone());
        reports.spawn(async move {
            let inputs = StatusInputs {
                settings: &site.settings,
                cluster: &site.cluster,
                timeout,
                dcs_timeout,
                env: &env,
                connect,
            };
            let report = gather(&inputs).await;
            (index, (site.site, report))
        });
    }
    let mut done = reports.join_all().await;
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, report)| report).collect()
}

/// Reads every tier concurrently and evaluates them; never fails: a tier that cannot be read
/// is `unreachable` (or `not configured`) in the report.
pub async fn gather(inputs: &StatusInputs<'_>) -> StatusReport {
    // The readers' own timeouts end first, so that what did answer is kept and what did not is
    // named, rather than the whole tier cut off.
    let inner = inputs.timeout.mul_f64(0.8);
    let etcd_timeout = inner.min(inputs.dcs_timeout);
    let settings = inputs.settings;
    let etcd = within(inputs.timeout, read_etcd(settings.etcd3.as_ref(), etcd_timeout));
    let patroni = within(inputs.timeout, read_patroni(inputs, etcd_timeout, inner));
    let sentinel = async {
        match settings.sentinel.as_ref().filter(|s| !s.hosts.is_empty()) {
            None => None,
            Some(s) => Some(within(inputs.timeout, read_sentinels(s, inner)).await.unwrap_or_else(|why| {
                s.hosts.iter().map(|h| SentinelRead { sentinel: h.clone(), masters: Err(why.clone()) }).collect()
            })),
        }
    };
    let sentinel_replicas = async {
        let s = settings.sentinel.as_ref().filter(|s| !s.hosts.is_empty())?;
        Some(within(inputs.timeout, read_redis_replicas(s, inner)).await)
    };
    let deadline = Instant::now() + inner;
    let haproxy = async {
        let settings = settings.haproxy.as_ref()?;
        Some(haproxy::read_stats(settings, deadline).await.map_err(|e| e.to_string()))
    };
    let pgbouncer = async {
        let settings = settings.pgbouncer.as_ref()?;
        let reads = pgbouncer::read(settings, deadline).await;
        Some(
            reads
                .into_iter()
                .map(|r| PgbouncerRead { host: r.target.address(), info: r.result.map_err(|e| e.to_string()) })
                .collect(),
        )
    };
    let pgpool = async {
        let settings = settings.pgpool.as_ref()?;
        let reads = pgpool::read(settings, deadline).await;
        Some(
            reads
                .into_iter()
                .map(|r| PgpoolRead { host: r.target.address(), info: r.result.map_err(|e| e.to_string()) })
                .collect(),
        )
    };
    let (etcd, patroni, sentinels, redis_replicas, haproxy, pgbouncer, pgpool) =
        tokio::join!(etcd, patroni, sentinel, sentinel_replicas, haproxy, pgbouncer, pgpool);
    let patroni = patroni.unwrap_or_else(|why| PatroniRead {
        dcs: Err((ErrorKind::Unreachable, why)),
        postgres: None,
        agents: None,
        others: Vec::new(),
    });
    let etcd = settings.etcd3.as_ref().map(|_| etcd.and_then(|r| r));
    verdict::evaluate(Reads {
        cluster: inputs.cluster.to_string(),
        etcd,
        dcs: patroni.dcs,
        postgres: patroni.postgres,
        agents: patroni.agents,
        other_postgres: patroni.others,
        sentinels,
        redis_replicas: redis_replicas.map(|r| r.and_then(|r| r)),
        haproxy,
        pgbouncer,
        pgpool,
    })
}

/// `future`, or why it did not end within `limit`.
async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> Result<T, String> {
    tokio::time::timeout(limit, future)
        .await
        .map_err(|_| format!("no answer within the deadline of {}s", crate::units::seconds_text(limit)))
}

async fn read_etcd(settings: Option<&EtcdSettings>, timeout: Duration) -> Result<EtcdRead, String> {
    let Some(settings) = settings else { return Err("etcd is not configured".into()) };
    // The cluster's members as they list themselves, and the configured endpoints too: a
    // client configured with a dead endpoint is worth naming even when the cluster is whole.
    let (health, configured, status, members, alarms) = tokio::join!(
        etcd::health(settings, true, timeout),
        etcd::health(settings, false, timeout),
        etcd::status(settings, true, timeout),
        etcd::members(settings, timeout),
        etcd::alarms(settings, timeout),
    );
    let configured = configured.ok();
    let health = match (health, &configured) {
        (Ok(health), _) => health,
        (Err(_), Some(configured)) => configured.clone(),
        (Err(e), None) => return Err(e.to_string()),
    };
    // Configured endpoints the members' own list does not have, and that do not answer.
    let configured_down = configured
        .map(|c| c.endpoints)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| !e.health && !health.endpoints.iter().any(|h| h.endpoint == e.endpoint))
        .collect();
    Ok(EtcdRead {
        health,
        configured_down,
        status: status.ok(),
        members: members.ok(),
        alarms: alarms.map_err(|e| e.to_string()),
    })
}

type DcsRead = Result<(crate::cluster::Cluster, i64), (ErrorKind, String)>;

/// What [`read_patroni`] read: the cluster, the leader's replication views, each agent's answer
/// and the other members' PostgreSQL.
struct PatroniRead {
    dcs: DcsRead,
    postgres: Option<Result<postgres::ReplicationReport, String>>,
    agents: Option<BTreeMap<String, AgentProbe>>,
    others: Vec<MemberPostgres>,
}

/// How long an agent may take to answer `GET /patroni` (within the deadline): longer than a busy
/// agent takes, as short as HAProxy's health checks usually wait.
const AGENT_TIMEOUT: Duration = Duration::from_secs(2);

/// How many etcd revisions before the leader key was taken [`former_members`] looks back, at most.
const LOOKBACK_REVISIONS: i64 = 4096;

/// The cluster from the DCS (within `etcd_timeout`), then, all at once: (with a leader) the
/// leader's replication views (within `timeout`), each member's agent, and every other
/// PostgreSQL, these two within what is left of `timeout`.
async fn read_patroni(inputs: &StatusInputs<'_>, etcd_timeout: Duration, timeout: Duration) -> PatroniRead {
    let deadline = tokio::time::Instant::now() + timeout;
    let read = async {
        let mut dcs = clusters::connect(inputs.settings, etcd_timeout).await?;
        let snapshot = clusters::read_cluster(&mut dcs, inputs.settings, inputs.cluster).await?;
        Ok::<_, clusters::ClusterReadError>((dcs, snapshot))
    };
    let (mut dcs, snapshot) = match read.await {
        Ok(read) => read,
        Err(e) => {
            return PatroniRead {
                dcs: Err((e.kind(), e.to_string())),
                postgres: None,
                agents: None,
                others: Vec::new(),
            };
        }
    };
    let cluster = &snapshot.cluster;
    let leader_postgres = async {
        let leader = cluster.leader_member()?;
        Some(match query::target(leader, &inputs.connect, inputs.env) {
            Err(e) => Err(e.to_string()),
            Ok(target) => match tokio::time::timeout(timeout, postgres::replication(&target)).await {
                Ok(report) => report.map_err(|e| e.to_string()),
                Err(_) => {
                    Err(format!("{} did not answer within {}s", leader.name, crate::units::seconds_text(timeout)))
                }
            },
        })
    };
    let agents = probe_agents(inputs.settings, cluster, deadline);
    let others = async {
        let former = former_members(&mut dcs, &snapshot, deadline).await;
        other_postgres(inputs, cluster, former, deadline).await
    };
    let (postgres, agents, others) = tokio::join!(leader_postgres, agents, others);
    PatroniRead {
        dcs: Ok((snapshot.cluster.clone(), snapshot.snapshot.revision)),
        postgres,
        agents: Some(agents),
        others,
    }
}

/// Every member's agent asked `GET /patroni` at once, each within [`AGENT_TIMEOUT`] (less when
/// the deadline is nearer).
async fn probe_agents(
    settings: &Settings,
    cluster: &Cluster,
    deadline: tokio::time::Instant,
) -> BTreeMap<String, AgentProbe> {
    let timeout = AGENT_TIMEOUT.min(deadline.saturating_duration_since(tokio::time::Instant::now()));
    let agents = match Agents::new(&settings.rest, timeout) {
        Ok(agents) => agents,
        Err(e) => return cluster.members.iter().map(|m| (m.name.clone(), AgentProbe::Failed(e.to_string()))).collect(),
    };
    let answers = agents.get_json_each(&cluster.members, "patroni", timeout).await;
    answers
        .into_iter()
        .map(|(member, answer)| {
            let probe = match answer {
                Ok((_, body)) => {
                    let text = |key: &str| body.get(key).and_then(|v| v.as_str()).map(str::to_string);
                    AgentProbe::Answered { role: text("role"), state: text("state") }
                }
                Err(AgentError::Timeout { timeout, .. }) => AgentProbe::Silent { timeout },
                Err(AgentError::Unreachable { url, detail, .. }) => {
                    AgentProbe::Unreachable(format!("unreachable at {url}: {detail}"))
                }
                Err(e) => AgentProbe::Failed(e.to_string()),
            };
            (member.name.clone(), probe)
        })
        .collect()
}

/// The members whose keys were in the DCS just before the current leader took the leader key and
/// are gone now, with the last key each published: a leader frozen past its ttl loses its member
/// key with the leader key (they share one lease) while its PostgreSQL stays primary. The member
/// list is read at earlier and earlier revisions (1, 2, 4, ... before the leader key's) until one
/// shows such a member, within [`LOOKBACK_REVISIONS`] and the deadline; none on any error (a
/// compacted revision).
async fn former_members(
    dcs: &mut crate::dcs::Dcs,
    snapshot: &clusters::ClusterSnapshot,
    deadline: tokio::time::Instant,
) -> Vec<Member> {
    let cluster = &snapshot.cluster;
    let Some(leader) = &cluster.leader else { return Vec::new() };
    let prefix = format!("{}members/", snapshot.prefix);
    let addresses: Vec<Option<&str>> = cluster.members.iter().map(|m| m.conn_url.as_deref()).collect();
    let mut back = 1;
    while back <= LOOKBACK_REVISIONS && leader.mod_revision - back > 0 {
        let read = dcs.read_page(&prefix, &prefix, leader.mod_revision - back, 100);
        let Ok(Ok(page)) = tokio::time::timeout_at(deadline, read).await else { return Vec::new() };
        let nodes: Vec<RawNode> =
            page.nodes.into_iter().map(|n| RawNode { key: format!("members/{}", n.key), ..n }).collect();
        let gone: Vec<Member> = Cluster::from_nodes(&cluster.scope, &nodes)
            .members
            .into_iter()
            .filter(|m| cluster.member(&m.name).is_none() && m.conn_url.is_some())
            .filter(|m| !addresses.contains(&m.conn_url.as_deref()))
            .collect();
        if !gone.is_empty() {
            return gone;
        }
        back *= 2;
    }
    Vec::new()
}

/// Every PostgreSQL but the leader's asked `pg_is_in_recovery()` at once, with the leader's
/// credentials and TLS settings, until the deadline: the members in the DCS, then `former` ones.
async fn other_postgres(
    inputs: &StatusInputs<'_>,
    cluster: &Cluster,
    former: Vec<Member>,
    deadline: tokio::time::Instant,
) -> Vec<MemberPostgres> {
    // Without a leader key there is no primary to be a second one beside.
    let Some(leader) = cluster.leader_key_holder() else { return Vec::new() };
    let current = cluster.members.iter().filter(|m| m.name != leader).map(|m| (m.clone(), true));
    let mut tasks = tokio::task::JoinSet::new();
    for (index, (member, in_dcs)) in current.chain(former.into_iter().map(|m| (m, false))).enumerate() {
        let target = query::target(&member, &inputs.connect, inputs.env);
        tasks.spawn(async move {
            let (address, asked) = match target {
                Err(e) => (None, Err(e.to_string())),
                Ok(target) => {
                    let address = format!("{}:{}", target.host, target.port);
                    let asked = match tokio::time::timeout_at(deadline, postgres::in_recovery(&target)).await {
                        Ok(answer) => answer.map_err(|e| e.to_string()),
                        Err(_) => Err("no answer within the deadline".to_string()),
                    };
                    (Some(address), asked)
                }
            };
            let (in_recovery, error) = match asked {
                Ok(in_recovery) => (Some(in_recovery), None),
                Err(why) => (None, Some(why)),
            };
            (index, MemberPostgres { member: member.name, address, in_dcs, in_recovery, error })
        });
    }
    let mut done = tasks.join_all().await;
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, m)| m).collect()
}

/// Each Sentinel asked on its own, all at once: the masters it monitors.
async fn read_sentinels(settings: &SentinelSettings, timeout: Duration) -> Vec<SentinelRead> {
    let mut tasks = tokio::task::JoinSet::new();
    for (index, host) in settings.hosts.iter().enumerate() {
        let one = SentinelSettings { hosts: vec![host.clone()], ..settings.clone() };
        let host = host.clone();
        tasks.spawn(async move {
            // Only this Sentinel is asked: its own failure, not "no Sentinel answered (...)".
            let why = |e: SentinelError| match e {
                SentinelError::Unreachable { details } => {
                    details.strip_prefix(&format!("{host}: ")).unwrap_or(&details).to_string()
                }
                other => other.to_string(),
            };
            let masters = async {
                let mut sentinel = Sentinels::new(&one, timeout).map_err(why)?;
                sentinel.masters().await.map_err(why)
            };
            let masters = masters.await;
            (index, SentinelRead { sentinel: host, masters })
        });
    }
    let mut reads = tasks.join_all().await;
    reads.sort_by_key(|(i, _)| *i);
    reads.into_iter().map(|(_, r)| r).collect()
}

/// The Redis replicas of the (only, or first) master, as the first Sentinel that answers lists
/// them, with the master each replica says it follows.
async fn read_redis_replicas(
    settings: &SentinelSettings,
    timeout: Duration,
) -> Result<Vec<crate::tiers::sentinel::ReplicaInfo>, String> {
    let mut sentinels = Sentinels::new(settings, timeout).map_err(|e| e.to_string())?;
    let masters = sentinels.masters().await.map_err(|e| e.to_string())?;
    let Some(name) = masters.iter().map(|m| m.name.clone()).min() else { return Ok(Vec::new()) };
    sentinels.replicas(&name).await.map_err(|e| e.to_string())
}
