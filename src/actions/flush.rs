//! `flush CLUSTER switchover`: cancel a scheduled switchover, through the agents or in etcd.

use super::ActionError;
use crate::agent::{AgentError, AgentResponse, Agents};
use crate::cluster::Cluster;
use crate::dcs::Dcs;
use std::time::Duration;

/// What `flush CLUSTER switchover` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlushSwitchover {
    /// There was no scheduled switchover.
    NothingPending,
    /// An agent answered `DELETE /switchover` (200: flushed, 404: it had none). `refused` lists
    /// members that answered with another status before it.
    Agent { member: String, response: AgentResponse, refused: Vec<(String, AgentResponse)> },
    /// No agent answered; the `/failover` key was emptied in etcd (compare-and-swap).
    Dcs { written: bool, unreachable: Vec<String> },
}

/// Cancels a scheduled switchover: through the agents leader first, else in etcd.
pub async fn cancel_switchover(
    dcs: &mut Dcs,
    agents: &Agents,
    prefix: &str,
    cluster: &Cluster,
    timeout: Duration,
) -> Result<FlushSwitchover, ActionError> {
    let Some(failover) = cluster.failover.as_ref().filter(|f| f.scheduled_at.is_some()) else {
        return Ok(FlushSwitchover::NothingPending);
    };
    let ordered = cluster.agents_leader_first();
    let mut refused = Vec::new();
    let mut unreachable = Vec::new();
    for member in ordered {
        match agents.request(member, reqwest::Method::DELETE, "switchover", None, timeout).await {
            Ok(response) if response.status == 200 || response.status == 404 => {
                return Ok(FlushSwitchover::Agent { member: member.name.clone(), response, refused });
            }
            Ok(response) => refused.push((member.name.clone(), response)),
            Err(e @ (AgentError::Unreachable { .. } | AgentError::Timeout { .. })) => unreachable.push(e.to_string()),
            Err(e) => unreachable.push(e.to_string()),
        }
    }
    let written = dcs.compare_and_put(&format!("{prefix}failover"), "{}", failover.mod_revision).await?;
    Ok(FlushSwitchover::Dcs { written, unreachable })
}
