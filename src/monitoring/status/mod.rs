//! `hactl status`: one report over every tier (etcd, Patroni, PostgreSQL, the proxies, Redis
//! Sentinel), each tier with a verdict and a one-line reason, the overall verdict the worst of
//! them, and the places where two tiers disagree named in words.
//!
//! [`gather`] reads every tier at once under one deadline, so a dead tier costs its timeout once;
//! [`verdict`] turns what was read into verdicts, purely ([`proxies`] for HAProxy and PgBouncer,
//! each `not configured` without its section; [`members`] for each member's agent and the other
//! members' PostgreSQL).

pub mod gather;
pub mod members;
pub mod pgpool;
pub mod proxies;
pub mod verdict;

pub use gather::{SiteStatus, StatusInputs, gather, gather_sites};
pub use members::{AgentAnswer, AgentProbe, MemberPostgres, PostgresDetails};
pub use pgpool::PgpoolDetails;
pub use proxies::{HaproxyDetails, PgbouncerDetails};

use crate::cluster::{Cluster, Role, StandbyOf};
use crate::tiers::etcd::{Alarm, Member as EtcdMember, Quorum};
use crate::tiers::sentinel::{Addr, ReplicaInfo};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// How a tier (or the whole stack) is doing, from best to worst. `not configured` is not a
/// problem: the overall verdict ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    NotConfigured,
    Warning,
    /// Nothing of the tier answered within the deadline.
    Unreachable,
    Critical,
}

impl Verdict {
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "OK",
            Verdict::NotConfigured => "not configured",
            Verdict::Warning => "WARNING",
            Verdict::Unreachable => "UNREACHABLE",
            Verdict::Critical => "CRITICAL",
        }
    }

    /// The worse of the two, `not configured` counting as fine.
    pub fn worst(self, other: Verdict) -> Verdict {
        let rank = |v: Verdict| if v == Verdict::NotConfigured { Verdict::Ok } else { v };
        rank(self).max(rank(other))
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tiers, in the order the report shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Etcd,
    Patroni,
    Postgres,
    Haproxy,
    Pgpool,
    Pgbouncer,
    Sentinel,
}

impl Tier {
    pub const ALL: [Tier; 7] =
        [Tier::Etcd, Tier::Patroni, Tier::Postgres, Tier::Haproxy, Tier::Pgpool, Tier::Pgbouncer, Tier::Sentinel];

    /// The JSON key and the name on the verdict line.
    pub const fn key(self) -> &'static str {
        match self {
            Tier::Etcd => "etcd",
            Tier::Patroni => "patroni",
            Tier::Postgres => "postgres",
            Tier::Haproxy => "haproxy",
            Tier::Pgpool => "pgpool",
            Tier::Pgbouncer => "pgbouncer",
            Tier::Sentinel => "sentinel",
        }
    }
}

/// One tier: its verdict, why, and what was read (absent when nothing could be).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section<T> {
    pub verdict: Verdict,
    pub reason: String,
    #[serde(flatten)]
    pub details: Option<T>,
}

impl<T> Section<T> {
    pub fn not_configured(what: &str) -> Section<T> {
        Section { verdict: Verdict::NotConfigured, reason: format!("{what} not configured"), details: None }
    }

    pub fn unreachable(reason: impl Into<String>) -> Section<T> {
        Section { verdict: Verdict::Unreachable, reason: reason.into(), details: None }
    }
}

/// The whole report: `verdict`, `reason`, `disagreements` and one section per tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusReport {
    pub cluster: String,
    pub verdict: Verdict,
    /// The worst tier's reason, prefixed with its name (`all tiers OK` when there is none).
    pub reason: String,
    /// Where two tiers contradict each other, in words.
    pub disagreements: Vec<String>,
    pub tiers: Tiers,
    /// Set when the input itself is wrong (an unknown cluster, a bad configuration) rather than a
    /// tier: the command reports it as a usage error instead of printing the report.
    #[serde(skip)]
    pub bad_input: Option<String>,
    /// For a standby cluster reported with `--all-contexts`: what it replicates from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standby_of: Option<StandbyOf>,
    /// The cluster as read from the DCS, to pair standby clusters across contexts.
    #[serde(skip)]
    pub read: Option<Cluster>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tiers {
    pub etcd: Section<EtcdDetails>,
    pub patroni: Section<PatroniDetails>,
    pub postgres: Section<PostgresDetails>,
    pub haproxy: Section<HaproxyDetails>,
    pub pgpool: Section<PgpoolDetails>,
    pub pgbouncer: Section<PgbouncerDetails>,
    pub sentinel: Section<SentinelDetails>,
}

impl Tiers {
    /// Each tier's verdict and reason, in [`Tier::ALL`] order.
    pub fn verdicts(&self) -> Vec<(Tier, Verdict, &str)> {
        Tier::ALL
            .into_iter()
            .map(|tier| {
                let (verdict, reason) = match tier {
                    Tier::Etcd => (self.etcd.verdict, &self.etcd.reason),
                    Tier::Patroni => (self.patroni.verdict, &self.patroni.reason),
                    Tier::Postgres => (self.postgres.verdict, &self.postgres.reason),
                    Tier::Haproxy => (self.haproxy.verdict, &self.haproxy.reason),
                    Tier::Pgpool => (self.pgpool.verdict, &self.pgpool.reason),
                    Tier::Pgbouncer => (self.pgbouncer.verdict, &self.pgbouncer.reason),
                    Tier::Sentinel => (self.sentinel.verdict, &self.sentinel.reason),
                };
                (tier, verdict, reason.as_str())
            })
            .collect()
    }
}

/// The etcd cluster under the DCS.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EtcdDetails {
    pub quorum: Quorum,
    /// The raft leader's member name (its id when it has no name).
    pub leader: Option<String>,
    /// The DCS revision the cluster was read at.
    pub revision: Option<i64>,
    pub endpoints: Vec<EtcdEndpoint>,
    pub members: Vec<EtcdMember>,
    pub alarms: Vec<Alarm>,
}

/// One etcd endpoint: its health and its status side by side.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EtcdEndpoint {
    pub endpoint: String,
    pub healthy: bool,
    pub error: Option<String>,
    pub member: Option<String>,
    pub version: Option<String>,
    pub db_size: Option<i64>,
    pub is_leader: bool,
    pub raft_term: Option<u64>,
}

/// Patroni's view, from one read of the DCS.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PatroniDetails {
    /// The holder of the leader key.
    pub leader: Option<String>,
    pub paused: bool,
    pub timeline: Option<u64>,
    pub sync_standbys: Vec<String>,
    pub scheduled_switchover: Option<ScheduledSwitchover>,
    /// `maximum_lag_on_failover`, in bytes: a replica further behind warns.
    pub maximum_lag_bytes: u64,
    pub members: Vec<PatroniMember>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScheduledSwitchover {
    pub at: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PatroniMember {
    pub name: String,
    /// As `patronictl list` names it: `leader`, `sync_standby`, `replica`, ...
    pub role: String,
    /// The role the member's agent reports itself when asked (`GET /patroni`): `primary`,
    /// `replica`, ...; null when its agent was asked and did not answer (`agent` says why).
    pub agent_role: Option<String>,
    /// The role in the member's key in the DCS: what the agent last published, however long ago.
    pub key_role: Option<String>,
    /// The agent's answer to `GET /patroni`; null when it was not asked.
    pub agent: Option<AgentAnswer>,
    pub state: String,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub timeline: Option<u64>,
    /// Bytes behind the leader's last known position; `None` for the leader or when unknown.
    pub lag_bytes: Option<u64>,
    pub pending_restart: bool,
    pub scheduled_restart: Option<Value>,
    pub nofailover: bool,
}

impl PatroniMember {
    pub fn is_leader(&self) -> bool {
        self.role == Role::Leader.as_key() || self.role == Role::StandbyLeader.as_key()
    }
}

/// The Sentinels, each asked on its own, and the Redis replicas as one of them lists them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentinelDetails {
    /// The master name the Sentinels monitor.
    pub master: Option<String>,
    /// The address most Sentinels name for it.
    pub master_addr: Option<Addr>,
    pub quorum: Option<u64>,
    pub sentinels: Vec<SentinelAnswer>,
    pub replicas: Vec<ReplicaInfo>,
}

/// What one Sentinel answered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentinelAnswer {
    pub sentinel: String,
    pub master_addr: Option<Addr>,
    pub quorum: Option<u64>,
    pub error: Option<String>,
}
