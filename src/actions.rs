//! Actions on members through their agents, shared by `flush`, `restart`, `reload` and
//! `reinit`: selecting members as patronictl does, and calling each member's agent.

use crate::agent::{AgentError, AgentResponse, Agents};
use crate::cluster::{Cluster, Member};
use crate::dcs::{Dcs, DcsError};
use crate::error::{Classify, ErrorKind};
use clap::ValueEnum;
use std::time::Duration;

/// patronictl's `--role` choices (`CtlPostgresqlRole`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleFilter {
    Leader,
    Primary,
    StandbyLeader,
    Replica,
    Standby,
    Any,
}

impl RoleFilter {
    /// patronictl's spelling, as it appears in its messages (`No 'replica' among ...`).
    pub fn as_str(self) -> &'static str {
        match self {
            RoleFilter::Leader => "leader",
            RoleFilter::Primary => "primary",
            RoleFilter::StandbyLeader => "standby-leader",
            RoleFilter::Replica => "replica",
            RoleFilter::Standby => "standby",
            RoleFilter::Any => "any",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("{cluster} cluster doesn't have any members")]
    NoMembers { cluster: String },
    #[error("No {role} among provided members")]
    NoneWithRole { role: &'static str },
    #[error("{member} is not a member of cluster")]
    NotAMember { member: String },
    #[error(transparent)]
    Dcs(#[from] DcsError),
}

impl Classify for ActionError {
    fn kind(&self) -> ErrorKind {
        match self {
            ActionError::Dcs(e) => e.kind(),
            _ => ErrorKind::Usage,
        }
    }
}

/// The members with `role` (`get_all_members`), in name order.
pub fn members_with_role(cluster: &Cluster, role: RoleFilter) -> Vec<&Member> {
    let leader = cluster.leader_name();
    let leader_role = leader.and_then(|l| cluster.members.iter().find(|m| m.name == l)).and_then(|m| m.reported_role());
    cluster
        .members
        .iter()
        .filter(|m| match role {
            RoleFilter::Any => true,
            RoleFilter::Replica | RoleFilter::Standby => Some(m.name.as_str()) != leader,
            RoleFilter::Leader => Some(m.name.as_str()) == leader,
            RoleFilter::StandbyLeader => {
                Some(m.name.as_str()) == leader && !matches!(leader_role, Some("primary" | "master"))
            }
            RoleFilter::Primary => Some(m.name.as_str()) == leader && leader_role != Some("standby_leader"),
        })
        .collect()
}

/// The named members (or all with `role` when none are named), checked as `get_members` does.
pub fn select_members<'a>(
    cluster: &'a Cluster,
    names: &[String],
    role: RoleFilter,
) -> Result<Vec<&'a Member>, ActionError> {
    let candidates = members_with_role(cluster, role);
    if names.is_empty() {
        if candidates.is_empty() {
            return Err(ActionError::NoMembers { cluster: cluster.scope.clone() });
        }
        return Ok(candidates);
    }
    for name in names {
        if !cluster.members.iter().any(|m| &m.name == name) {
            return Err(ActionError::NotAMember { member: name.clone() });
        }
    }
    let selected: Vec<&Member> = candidates.into_iter().filter(|m| names.contains(&m.name)).collect();
    if selected.is_empty() {
        return Err(ActionError::NoneWithRole { role: role.as_str() });
    }
    Ok(selected)
}

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
pub async fn flush_switchover(
    dcs: &mut Dcs,
    agents: &Agents,
    prefix: &str,
    cluster: &Cluster,
    timeout: Duration,
) -> Result<FlushSwitchover, ActionError> {
    let Some(failover) = cluster.failover.as_ref().filter(|f| f.scheduled_at.is_some()) else {
        return Ok(FlushSwitchover::NothingPending);
    };
    let mut ordered: Vec<&Member> = cluster.members.iter().filter(|m| m.str_field("api_url").is_some()).collect();
    ordered.sort_by_key(|m| Some(m.name.as_str()) != cluster.leader_name());
    let mut refused = Vec::new();
    let mut unreachable = Vec::new();
    for member in ordered {
        match agents
            .request(&member.name, member.str_field("api_url"), reqwest::Method::DELETE, "switchover", None, timeout)
            .await
        {
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

/// One member's answer to an action.
#[derive(Debug)]
pub struct MemberResult {
    pub member: String,
    pub result: Result<AgentResponse, AgentError>,
}

/// Sends the same request to each member's agent in turn.
pub async fn call_each(
    agents: &Agents,
    members: &[&Member],
    method: reqwest::Method,
    endpoint: &str,
    body: Option<&serde_json::Value>,
    timeout: Duration,
) -> Vec<MemberResult> {
    let mut results = Vec::new();
    for member in members {
        let result =
            agents.request(&member.name, member.str_field("api_url"), method.clone(), endpoint, body, timeout).await;
        results.push(MemberResult { member: member.name.clone(), result });
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::RawNode;

    fn cluster() -> Cluster {
        let node = |k: &str, v: &str| RawNode { key: k.into(), value: v.into(), mod_revision: 1, lease: 0 };
        Cluster::from_nodes(
            "demo",
            &[
                node("leader", "pg0"),
                node("members/pg0", r#"{"role":"primary"}"#),
                node("members/pg1", r#"{"role":"replica"}"#),
                node("members/pg2", r#"{"role":"replica"}"#),
            ],
        )
    }

    #[test]
    fn selection_follows_get_members() {
        let c = cluster();
        let names = |v: Vec<&Member>| v.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(select_members(&c, &[], RoleFilter::Replica).unwrap()), ["pg1", "pg2"]);
        assert_eq!(names(select_members(&c, &[], RoleFilter::Leader).unwrap()), ["pg0"]);
        assert_eq!(names(select_members(&c, &[], RoleFilter::Primary).unwrap()), ["pg0"]);
        assert!(select_members(&c, &[], RoleFilter::StandbyLeader).is_err());
        let err = select_members(&c, &["pg0".into()], RoleFilter::Replica).unwrap_err();
        assert_eq!(err.to_string(), "No replica among provided members");
        let err = select_members(&c, &["pg9".into()], RoleFilter::Any).unwrap_err();
        assert_eq!(err.to_string(), "pg9 is not a member of cluster");
    }
}
