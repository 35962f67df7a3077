//! Facts gathered before planning, besides the cluster itself: what the candidates' agents say.

use super::{Preflight, Probe};
use crate::agent::Agents;
use crate::cluster::{Cluster, Member};
use crate::clusters::ClusterSnapshot;
use crate::dcs::{Dcs, DcsError};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// How long each candidate's agent may take to say how it is before planning.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// Gathers what the plan needs besides the cluster read in `read`: the candidates' own word on
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

/// Which agents to probe before planning: every member but the leader.
pub fn members_to_probe(cluster: &Cluster) -> Vec<Member> {
    cluster.members.iter().filter(|m| Some(m.name.as_str()) != cluster.leader_name()).cloned().collect()
}

/// Probes agents concurrently, each under `timeout`.
pub async fn probe_agents(agents: &Agents, members: Vec<Member>, timeout: Duration) -> BTreeMap<String, Probe> {
    let mut set = tokio::task::JoinSet::new();
    for member in members {
        let agents = agents.clone();
        set.spawn(async move {
            let probe = match agents.get_json(&member, "patroni", timeout).await {
                Ok((_, body)) => Probe::Answered {
                    state: body.get("state").and_then(Value::as_str).unwrap_or("unknown").to_string(),
                },
                Err(e) => Probe::NoAnswer(e.to_string()),
            };
            (member.name, probe)
        });
    }
    let mut probes = BTreeMap::new();
    while let Some(Ok((name, probe))) = set.join_next().await {
        probes.insert(name, probe);
    }
    probes
}
