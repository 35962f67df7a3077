//! What `status` asks each member beside the DCS, judged purely: its agent's answer to
//! `GET /patroni` (a frozen or overloaded agent is named, the leader's more loudly), and whether
//! its PostgreSQL is in recovery (a second writable PostgreSQL beside the leader's is a split
//! brain). [`super::gather`] asks; a member that cannot be reached is recorded, never judged here.

use super::Verdict;
use super::verdict::Findings;
use crate::cluster::Cluster;
use crate::tiers::postgres::ReplicationReport;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::time::Duration;

/// What one member's agent did with `GET /patroni`.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentProbe {
    /// It answered (any HTTP status): the role and state it reports itself.
    Answered { role: Option<String>, state: Option<String> },
    /// No answer within `timeout`: a frozen agent accepts the connection and never answers.
    Silent { timeout: Duration },
    /// The connection failed (refused, reset): why.
    Unreachable(String),
    /// It could not be asked, or answered something unusable (no REST address, TLS, not JSON):
    /// recorded, not judged, as a configuration problem is not the agent's.
    Failed(String),
}

/// A member's agent as the report shows it (`agent` of each Patroni member in JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentAnswer {
    /// It answered `GET /patroni` within the timeout.
    pub answered: bool,
    /// The role and state the agent reports itself (not its member key's).
    pub role: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

impl AgentAnswer {
    pub fn of(probe: &AgentProbe) -> AgentAnswer {
        let failed = |error: String| AgentAnswer { answered: false, role: None, state: None, error: Some(error) };
        match probe {
            AgentProbe::Answered { role, state } => {
                AgentAnswer { answered: true, role: role.clone(), state: state.clone(), error: None }
            }
            AgentProbe::Silent { timeout } => {
                failed(format!("no answer within {}s", crate::units::seconds_text(*timeout)))
            }
            AgentProbe::Unreachable(why) | AgentProbe::Failed(why) => failed(why.clone()),
        }
    }
}

/// One PostgreSQL other than the leader's, asked `pg_is_in_recovery()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberPostgres {
    pub member: String,
    /// `host:port` from the member's key.
    pub address: Option<String>,
    /// `false` for a member whose key left the DCS shortly before the current leader took the
    /// leader key (its address from the last key it published): a frozen or stopped Patroni.
    pub in_dcs: bool,
    /// `None` when it could not be asked (`error` says why): nothing is claimed for it.
    pub in_recovery: Option<bool>,
    pub error: Option<String>,
}

/// The postgres tier's details: the leader's replication views (the same keys as before) and the
/// other members' PostgreSQL (`other_members`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostgresDetails {
    #[serde(flatten)]
    pub replication: ReplicationReport,
    pub other_members: Vec<MemberPostgres>,
}

impl Deref for PostgresDetails {
    type Target = ReplicationReport;

    fn deref(&self) -> &ReplicationReport {
        &self.replication
    }
}

/// `agent_role`: the agent's own answer when it was asked; the member key's role when it was not
/// (no agent asked at all: `agents` is `None`); nothing for an agent asked that did not answer.
pub(super) fn agent_role(
    name: &str,
    key_role: Option<&String>,
    agents: Option<&BTreeMap<String, AgentProbe>>,
) -> Option<String> {
    match agents.map(|a| a.get(name)) {
        None | Some(None) => key_role.cloned(),
        Some(Some(AgentProbe::Answered { role, .. })) => role.clone(),
        Some(Some(_)) => None,
    }
}

/// A member whose agent does not answer is a WARNING; the leader's is CRITICAL: no health check
/// (HAProxy's) gets an answer from it, so the write path through the proxies is down, and a frozen
/// agent loses the leader key after `ttl` while its PostgreSQL stays a writable primary.
pub(super) fn agent_findings(
    cluster: &Cluster,
    agents: &BTreeMap<String, AgentProbe>,
    findings: &mut Findings,
    disagreements: &mut Vec<String>,
) {
    let leader = cluster.leader_key_holder();
    for member in &cluster.members {
        let why = match agents.get(&member.name) {
            Some(AgentProbe::Silent { timeout }) => {
                format!("within {}s (frozen or overloaded?)", crate::units::seconds_text(*timeout))
            }
            Some(AgentProbe::Unreachable(why)) => format!("({why})"),
            _ => continue,
        };
        let said = format!("the agent of {} does not answer GET /patroni {why}", member.name);
        if leader == Some(member.name.as_str()) {
            let said = format!(
                "{said} while {} holds the leader key: no health check (HAProxy's) gets an answer from it, \
                 and a frozen agent loses the key after ttl ({}s) while its PostgreSQL stays primary",
                member.name,
                cluster.ttl()
            );
            findings.disagreement(Verdict::Critical, said, disagreements);
        } else {
            findings.add(Verdict::Warning, said);
        }
    }
}

/// Each other PostgreSQL that answers `pg_is_in_recovery()` false while `leader` holds the leader
/// key: two primaries, CRITICAL and a disagreement. One that could not be asked says nothing.
pub(super) fn split_brain_findings(
    leader: &str,
    others: &[MemberPostgres],
    findings: &mut Findings,
    disagreements: &mut Vec<String>,
) {
    for other in others.iter().filter(|o| o.in_recovery == Some(false) && o.member != leader) {
        let mut said = format!(
            "{}'s PostgreSQL accepts writes (not in recovery) while {leader} holds the leader key: two primaries",
            other.member
        );
        if !other.in_dcs {
            said.push_str(&format!(
                " ({}'s member key has left the DCS: its Patroni is frozen or stopped?)",
                other.member
            ));
        }
        findings.disagreement(Verdict::Critical, said, disagreements);
    }
}
