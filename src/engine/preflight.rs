//! Facts gathered before planning, besides the cluster itself: what the members' agents say.

use super::{Preflight, Probe};
use crate::agent::Agents;
use crate::cluster::{Cluster, Member, parse_u64};
use crate::clusters::ClusterSnapshot;
use crate::dcs::{Dcs, DcsError};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// A candidate's live facts, from its agent's `GET /patroni`, parsed once. Newer than its member
/// key, which the agent rewrites only once per loop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentFacts {
    /// `state` (`running`, `starting`, ...), `unknown` when absent.
    pub state: String,
    pub role: Option<String>,
    /// `streaming`, `in archive recovery`, or none (a primary, or no `restore_command`).
    pub replication_state: Option<String>,
    /// The timeline; none when the agent gives none or 0 (not known yet).
    pub timeline: Option<u64>,
    /// `xlog.received_location` and `xlog.replayed_location`, on a replica.
    pub received_lsn: Option<u64>,
    pub replayed_lsn: Option<u64>,
    /// `xlog.location`, on a primary.
    pub location: Option<u64>,
}

impl AgentFacts {
    /// Reads the answer of `GET /patroni` (`RestApiHandler.get_postgresql_status`).
    pub fn from_status(body: &Value) -> AgentFacts {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        let number = |v: Option<&Value>| v.and_then(parse_u64);
        let xlog = body.get("xlog");
        AgentFacts {
            state: text(body.get("state")).unwrap_or_else(|| "unknown".to_string()),
            role: text(body.get("role")),
            replication_state: text(body.get("replication_state")),
            timeline: number(body.get("timeline")).filter(|t| *t > 0),
            received_lsn: number(xlog.and_then(|x| x.get("received_location"))),
            replayed_lsn: number(xlog.and_then(|x| x.get("replayed_location"))),
            location: number(xlog.and_then(|x| x.get("location"))),
        }
    }

    pub fn is_running(&self) -> bool {
        self.state == "running"
    }

    /// The position Patroni compares with the leader's (`_MemberStatus.wal_position`): on a
    /// replica the larger of received and replayed.
    pub fn wal_position(&self) -> Option<u64> {
        self.received_lsn.max(self.replayed_lsn).or(self.location)
    }

    /// The position hactl holds a candidate of a primary cluster to: what it has replayed.
    pub fn replayed_position(&self) -> Option<u64> {
        self.replayed_lsn.or(self.location)
    }
}

/// How long each member's agent may take to say how it is before planning.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// Gathers what the plan needs besides the cluster read in `read`: the members' own word on
/// their state, the etcd alarms, and the time.
pub async fn gather_preflight(dcs: &mut Dcs, agents: &Agents, read: &ClusterSnapshot) -> Result<Preflight, DcsError> {
    let probes = probe_agents(agents, members_to_probe(&read.cluster), PROBE_TIMEOUT).await;
    Ok(Preflight {
        revision: read.snapshot.revision,
        alarms: dcs.alarms().await?,
        probes,
        now: Some(chrono::Local::now().fixed_offset()),
    })
}

/// The members patronictl offers at its `Candidate [...]` prompt: every member but the leader
/// that may be promoted, by name.
pub fn offered_candidates(cluster: &Cluster) -> Vec<String> {
    let leader = cluster.leader_name();
    let mut names: Vec<String> = cluster
        .members
        .iter()
        .filter(|m| Some(m.name.as_str()) != leader && !m.tags.nofailover)
        .map(|m| m.name.clone())
        .collect();
    names.sort();
    names
}

/// Which agents to probe before planning: every member, the leader's too (the request goes to
/// it; when it does not answer, straight to the DCS).
pub fn members_to_probe(cluster: &Cluster) -> Vec<Member> {
    cluster.members.clone()
}

/// Probes agents concurrently, each under `timeout`.
pub async fn probe_agents(agents: &Agents, members: Vec<Member>, timeout: Duration) -> BTreeMap<String, Probe> {
    let answers = agents.get_json_each(&members, "patroni", timeout).await;
    answers
        .into_iter()
        .map(|(member, answer)| {
            let probe = match answer {
                Ok((_, body)) => Probe::Answered(AgentFacts::from_status(&body)),
                Err(e) if e.is_unreachable() => Probe::NoAnswer(e.to_string()),
                Err(e) => Probe::BadAnswer(e.to_string()),
            };
            (member.name.clone(), probe)
        })
        .collect()
}
