//! Actions on members through their agents, shared by `flush`, `restart`, `reload` and
//! `reinit`: selecting members as patronictl does, and calling each member's agent.

pub mod flush;
pub mod pause;
pub mod reinit;
pub mod reload;
pub mod remove;
pub mod restart;
pub mod role_change;
pub mod version;
pub mod wait;

use crate::agent::{AgentError, AgentResponse, Agents};
use crate::cluster::{Cluster, Member};
use crate::dcs::DcsError;
use crate::error::{Classify, ErrorKind};
use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;
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
    /// `role` is spelt as patronictl's `repr` spells it: `'replica'` for a `--role` value,
    /// `replica` for reinit's fixed role.
    #[error("No {role} among provided members")]
    NoneWithRole { role: String },
    #[error("{member} is not a member of cluster")]
    NotAMember { member: String },
    /// `--pg-version` that `postgres_version_to_int` rejects (Patroni's words).
    #[error("{0}")]
    InvalidPgVersion(String),
    /// A restart `--timeout` that Patroni's agent would answer with 400: refused before any
    /// member is restarted (a rolling restart would stop at the first one).
    #[error(
        "--timeout: {0:?} is not a duration Patroni accepts (e.g. 30, 30s, 5min, 1h, 1d, 500ms); nothing was restarted"
    )]
    InvalidTimeout(String),
    /// pause on a paused cluster, resume on a running one (patronictl's words).
    #[error("Cluster is {} paused", if *.paused { "already" } else { "not" })]
    PauseState { paused: bool },
    #[error("Can't schedule restart in the paused state")]
    PausedNoSchedule,
    #[error(
        "cluster {cluster} has no /config key in the DCS, so its pause flag cannot be written there; start a member's agent"
    )]
    NoConfig { cluster: String },
    #[error(
        "the /config key of cluster {cluster} changed while hactl wrote it; nothing was overwritten, run the command again"
    )]
    ConfigChanged { cluster: String },
    #[error(
        "{what}, but it was not verified within {}s: {waiting}; it may still complete, check with `hactl list`",
        crate::units::seconds_text(*.timeout)
    )]
    NotVerified { what: String, timeout: Duration, waiting: String },
    #[error("interrupted while waiting; already done: {done}")]
    Interrupted { done: String },
    /// The change was made, then etcd failed the wait for it.
    #[error("{done}, but it could not be verified: {source}; it may still complete, check with `hactl list`")]
    WaitFailed { done: String, source: DcsError },
    #[error(transparent)]
    Agent(#[from] AgentError),
    #[error(transparent)]
    Dcs(#[from] DcsError),
}

impl Classify for ActionError {
    fn kind(&self) -> ErrorKind {
        match self {
            ActionError::Dcs(e) => e.kind(),
            ActionError::Agent(e) => e.kind(),
            ActionError::PauseState { .. } | ActionError::PausedNoSchedule => ErrorKind::Refused,
            ActionError::NoConfig { .. } | ActionError::ConfigChanged { .. } => ErrorKind::Failed,
            // Made but not verified, whatever stopped the wait: scripts must not retry blindly.
            ActionError::NotVerified { .. } | ActionError::WaitFailed { .. } => ErrorKind::NotConfirmed,
            ActionError::Interrupted { .. } => ErrorKind::Interrupted,
            ActionError::NoMembers { .. }
            | ActionError::NoneWithRole { .. }
            | ActionError::NotAMember { .. }
            | ActionError::InvalidPgVersion(_)
            | ActionError::InvalidTimeout(_) => ErrorKind::Usage,
        }
    }
}

/// The members with `role` (`get_all_members`), in name order.
pub fn members_with_role(cluster: &Cluster, role: RoleFilter) -> Vec<&Member> {
    let leader = cluster.leader_name();
    let leader_role = cluster.leader_member().and_then(|m| m.role.as_deref());
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

/// The named members (or all with `role` when none are named), checked as `get_members` does
/// for a `--role` option (`flush`, `reload`, `restart`): `No 'replica' among provided members`
/// when no name has the role. Where patronictl silently drops a name that is not a member while
/// others match, hactl refuses: `pg9 is not a member of cluster`.
pub fn select_members<'a>(
    cluster: &'a Cluster,
    names: &[String],
    role: RoleFilter,
) -> Result<Vec<&'a Member>, ActionError> {
    select(cluster, names, role, format!("'{}'", role.as_str()))
}

/// The replicas to reinitialize, checked as `get_members` does for `reinit` (whose role is not
/// an option, so patronictl names it without quotes: `No replica among provided members`).
/// An empty list when no name is given: reinit asks, or needs names.
pub fn select_replicas<'a>(cluster: &'a Cluster, names: &[String]) -> Result<Vec<&'a Member>, ActionError> {
    if names.is_empty() {
        if members_with_role(cluster, RoleFilter::Replica).is_empty() {
            return Err(ActionError::NoMembers { cluster: cluster.scope.clone() });
        }
        return Ok(Vec::new());
    }
    select(cluster, names, RoleFilter::Replica, RoleFilter::Replica.as_str().to_string())
}

fn select<'a>(
    cluster: &'a Cluster,
    names: &[String],
    role: RoleFilter,
    role_words: String,
) -> Result<Vec<&'a Member>, ActionError> {
    let candidates = members_with_role(cluster, role);
    if names.is_empty() {
        if candidates.is_empty() {
            return Err(ActionError::NoMembers { cluster: cluster.scope.clone() });
        }
        return Ok(candidates);
    }
    let selected: Vec<&Member> = candidates.into_iter().filter(|m| names.contains(&m.name)).collect();
    if selected.is_empty() {
        return Err(ActionError::NoneWithRole { role: role_words });
    }
    if let Some(unknown) = names.iter().find(|n| !cluster.members.iter().any(|m| &&m.name == n)) {
        return Err(ActionError::NotAMember { member: unknown.clone() });
    }
    Ok(selected)
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
        let result = agents.request(member, method.clone(), endpoint, body, timeout).await;
        results.push(MemberResult { member: member.name.clone(), result });
    }
    results
}

/// What a member's agent says about itself (`GET /patroni`), the fields hactl acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberStatus {
    pub state: Option<String>,
    pub role: Option<String>,
    pub postmaster_start_time: Option<String>,
    pub replication_state: Option<String>,
    pub server_version: Option<u64>,
    pub patroni_version: Option<String>,
}

impl MemberStatus {
    pub fn from_json(value: &Value) -> MemberStatus {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        MemberStatus {
            state: text(value.get("state")),
            role: text(value.get("role")),
            postmaster_start_time: text(value.get("postmaster_start_time")),
            replication_state: text(value.get("replication_state")),
            server_version: value.get("server_version").and_then(Value::as_u64),
            patroni_version: text(value.get("patroni").and_then(|p| p.get("version"))),
        }
    }
}

/// `GET /patroni` on one member's agent.
pub async fn member_status(agents: &Agents, member: &Member, timeout: Duration) -> Result<MemberStatus, AgentError> {
    let (_, body) = agents.get_json(member, "patroni", timeout).await?;
    Ok(MemberStatus::from_json(&body))
}

/// Patroni's `parse_int(value, 's')` for a restart `--timeout`: `30`, `30s`, `5min`, `1h`, `1d`,
/// `500ms`. `None` when Patroni would not accept it either (its agent then answers 400).
pub fn parse_seconds(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "min" => 60.0,
        "h" => 3600.0,
        "d" => 86400.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(number * factor).ok().filter(|d| !d.is_zero())
}

/// One member picked at random, as `restart --any` does.
pub fn pick_any<T>(mut items: Vec<T>) -> Vec<T> {
    use std::hash::{BuildHasher, Hasher};
    if items.len() > 1 {
        let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
        let chosen = items.swap_remove((random % items.len() as u64) as usize);
        items = vec![chosen];
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::test_cluster;

    fn cluster() -> Cluster {
        test_cluster(
            "demo",
            &[
                ("leader", "pg0"),
                ("members/pg0", r#"{"role":"primary"}"#),
                ("members/pg1", r#"{"role":"replica"}"#),
                ("members/pg2", r#"{"role":"replica"}"#),
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
        assert_eq!(err.to_string(), "No 'replica' among provided members");
        let err = select_members(&c, &["pg9".into()], RoleFilter::Any).unwrap_err();
        assert_eq!(err.to_string(), "No 'any' among provided members", "patronictl's words");
        let err = select_members(&c, &["pg1".into(), "pg9".into()], RoleFilter::Any).unwrap_err();
        assert_eq!(err.to_string(), "pg9 is not a member of cluster", "patronictl would drop pg9 silently");
        assert_eq!(names(select_members(&c, &["pg0".into(), "pg1".into()], RoleFilter::Replica).unwrap()), ["pg1"]);
        let err = select_replicas(&c, &["pg0".into()]).unwrap_err();
        assert_eq!(err.to_string(), "No replica among provided members");
        assert!(select_replicas(&c, &[]).unwrap().is_empty());
        assert_eq!(names(select_replicas(&c, &["pg2".into()]).unwrap()), ["pg2"]);
    }

    #[test]
    fn restart_timeouts_parse_like_parse_int() {
        assert_eq!(parse_seconds("30"), Some(Duration::from_secs(30)));
        assert_eq!(parse_seconds("5min"), Some(Duration::from_secs(300)));
        assert_eq!(parse_seconds("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_seconds("soon"), None);
        assert_eq!(pick_any(vec![1, 2, 3]).len(), 1);
    }
}
