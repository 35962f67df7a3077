//! Facts gathered before planning, besides the cluster itself: what the candidates' agents say.

use super::Probe;
use crate::agent::Agents;
use crate::cluster::{Cluster, Member};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;
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
