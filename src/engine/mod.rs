//! The failover engine: plan (named preflight checks over one snapshot of the cluster), execute
//! through the leader's agent (or the DCS when no agent answers), and verify by watching etcd
//! until the new leader holds the key, reports primary on a new timeline, and every other member
//! streams from it on that timeline.
//!
//! Planning is pure; `execute` does the I/O and never prints: it reports phases through a
//! callback and returns a typed outcome.

mod execute;
mod plan;
mod preflight;
mod restart_plan;
mod saved;
mod verify;

pub use execute::{default_timeout, execute};
pub use plan::plan;
pub use preflight::{AgentFacts, gather_preflight, members_to_probe, offered_candidates, probe_agents};
pub use restart_plan::{PlannedRestart, RestartPlan, plan_restart};
pub use saved::{
    MadeAgainst, MemberFacts, SAVED_PLAN_VERSION, SavedCheck, SavedPlan, SavedPlanError, check_saved, differences,
    parse_saved, restart_members_moved,
};
pub use verify::{Expected, awaited_members, convergence};

use crate::agent::{AgentError, Agents};
use crate::cluster::{Cluster, RawNode};
use crate::clusters::ClusterSnapshot;
use crate::dcs::{Dcs, DcsError};
use crate::error::{Classify, ErrorKind};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Switchover,
    Failover,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Switchover => "switchover",
            Action::Failover => "failover",
        }
    }

    /// `Switchover`/`Failover`, as patronictl capitalises them in messages.
    pub fn title(self) -> &'static str {
        match self {
            Action::Switchover => "Switchover",
            Action::Failover => "Failover",
        }
    }
}

/// What a saved plan does: a leader change, or a (rolling) restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedAction {
    Switchover,
    Failover,
    Restart,
}

impl SavedAction {
    pub fn as_str(self) -> &'static str {
        match self {
            SavedAction::Switchover => "switchover",
            SavedAction::Failover => "failover",
            SavedAction::Restart => "restart",
        }
    }

    /// The engine's action, for a switchover or failover plan.
    pub fn leader_change(self) -> Option<Action> {
        match self {
            SavedAction::Switchover => Some(Action::Switchover),
            SavedAction::Failover => Some(Action::Failover),
            SavedAction::Restart => None,
        }
    }
}

impl From<Action> for SavedAction {
    fn from(action: Action) -> SavedAction {
        match action {
            Action::Switchover => SavedAction::Switchover,
            Action::Failover => SavedAction::Failover,
        }
    }
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub action: Action,
    /// `--leader/--primary/--master`: the member the user believes is the leader.
    pub leader: Option<String>,
    pub candidate: Option<String>,
    /// `None` or `now`: immediately.
    pub scheduled_at: Option<DateTime<FixedOffset>>,
    /// The user accepted what needs a confirmation (`--force`, or answered yes).
    pub confirmed: bool,
}

/// What a member's agent said when probed before planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// `GET /patroni` answered: its live facts.
    Answered(AgentFacts),
    /// No answer at all (refused, timed out, TLS failed): the reason.
    NoAnswer(String),
    /// An answer that cannot be used (not JSON, an error status): the reason.
    BadAnswer(String),
}

/// Facts gathered before planning, besides the cluster itself.
#[derive(Debug, Clone, Default)]
pub struct Preflight {
    /// The etcd revision the cluster was read at (a linearizable read: quorum was there).
    pub revision: i64,
    /// Active etcd alarms (`NOSPACE`, `CORRUPT`).
    pub alarms: Vec<String>,
    /// Probes of candidates' agents, by member name.
    pub probes: BTreeMap<String, Probe>,
    /// "Now", for checking a schedule.
    pub now: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict", content = "reason")]
pub enum Verdict {
    Passed,
    Failed(String),
    /// Allowed only when the user confirms (`--force` or a yes on the prompt).
    NeedsConfirmation(String),
    /// Not applicable to this request.
    Skipped(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// What was checked, in words, whatever the verdict.
    pub detail: String,
    /// Whose word decided a check about the candidate's state: its member key, or its agent
    /// when the key alone would have failed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Where a candidate check took its facts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Source {
    /// The member key in etcd, published once per Patroni loop.
    #[serde(rename = "member key")]
    MemberKey,
    /// The candidate's agent (`GET /patroni`), asked just before planning.
    #[serde(rename = "agent")]
    Agent,
}

/// Every check and its verdict, and what would be sent.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub action: Action,
    pub cluster: String,
    pub leader: Option<String>,
    pub candidate: Option<String>,
    /// The candidate was picked by hactl (none was given).
    pub candidate_chosen: bool,
    pub scheduled_at: Option<String>,
    pub timeline: Option<u64>,
    pub revision: i64,
    pub checks: Vec<Check>,
    /// With no candidate given: every other member hactl did not choose, and why.
    pub passed_over: Vec<PassedOver>,
    /// Why the request goes to the DCS (the `/failover` key) without asking the leader's agent:
    /// it did not answer before planning, and would only cost its request timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliver_via_dcs: Option<String>,
    /// The members that must stream from the new leader before the outcome is verified (see
    /// [`awaited_members`]).
    pub awaited: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PassedOver {
    pub member: String,
    pub reason: String,
}

impl Plan {
    pub fn failed(&self) -> Vec<&Check> {
        self.checks.iter().filter(|c| matches!(c.verdict, Verdict::Failed(_))).collect()
    }

    pub fn needs_confirmation(&self) -> Vec<&Check> {
        self.checks.iter().filter(|c| matches!(c.verdict, Verdict::NeedsConfirmation(_))).collect()
    }

    /// One line with every failed check's reason (patronictl's words where it has them) and
    /// the checks' names, for an error message.
    pub fn refusal(&self) -> Option<String> {
        refusal(&self.checks)
    }
}

/// One line with every failed check's reason and the checks' names; none when nothing failed.
pub fn refusal(checks: &[Check]) -> Option<String> {
    let failed: Vec<&Check> = checks.iter().filter(|c| matches!(c.verdict, Verdict::Failed(_))).collect();
    if failed.is_empty() {
        return None;
    }
    let reasons: Vec<&str> = failed
        .iter()
        .filter_map(|c| match &c.verdict {
            Verdict::Failed(reason) => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = failed.iter().map(|c| c.name).collect();
    Some(format!("{} (refused by preflight check {}; nothing was changed)", reasons.join("; "), names.join(", ")))
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{reason}")]
    Refused { action: &'static str, reason: String },
    #[error(
        "{title} failed, details: {status}, {body} (answered by the agent of {member} at {url}){}",
        crate::agent::refusal_hint(*.status).map(|hint| format!("; {hint}")).unwrap_or_default()
    )]
    AgentFailed { title: &'static str, status: u16, body: String, member: String, url: String },
    #[error(
        "{title} ended with {actual} as the leader instead of {expected}: {}{sent}",
        .leader_change.as_ref().map(|c| format!("{}{}; ", c.how_lost(), c.leaderless_window())).unwrap_or_default()
    )]
    Diverted {
        title: &'static str,
        expected: String,
        actual: String,
        /// How the key left the planned leader, when the watch saw it go.
        leader_change: Option<LeaderChange>,
        /// What had been delivered: `the /failover key was written in etcd`, ...
        sent: String,
    },
    #[error(
        "{title} was requested ({sent}) but not verified within {}s: {waiting}; it may still complete, check with `hactl list`",
        crate::units::seconds_text(*.timeout)
    )]
    NotVerified { title: &'static str, sent: String, timeout: Duration, waiting: String },
    #[error("interrupted while waiting; already done: {sent}")]
    Interrupted { sent: String },
    /// The request was delivered, then etcd failed the watch that verifies it.
    #[error(
        "{title} was requested ({sent}) but could not be verified: {source}; it may still complete, check with `hactl list`"
    )]
    WatchFailed { title: &'static str, sent: String, source: DcsError },
    #[error(transparent)]
    Dcs(#[from] DcsError),
    #[error(transparent)]
    Agent(#[from] AgentError),
}

impl Classify for EngineError {
    fn kind(&self) -> ErrorKind {
        match self {
            EngineError::Refused { .. } => ErrorKind::Refused,
            // Refused credentials or client: the configuration is at fault.
            EngineError::AgentFailed { status: 401 | 403, .. } => ErrorKind::Usage,
            EngineError::AgentFailed { .. } | EngineError::Diverted { .. } => ErrorKind::Failed,
            EngineError::NotVerified { .. } | EngineError::WatchFailed { .. } => ErrorKind::NotConfirmed,
            EngineError::Interrupted { .. } => ErrorKind::Interrupted,
            EngineError::Dcs(e) => e.kind(),
            EngineError::Agent(e) => e.kind(),
        }
    }
}

/// How the request reached the cluster.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "via")]
pub enum Delivery {
    /// The agent answered; `message` is its text (`Successfully switched over to "pg1"`).
    Agent { member: String, status: u16, message: String },
    /// No agent answered: the `/failover` key was written in etcd, as patronictl falls back to.
    Dcs { reason: String },
    /// Nothing was delivered: the planned leader lost its key before its agent answered (its lease
    /// expired, or it was given up or taken), so no `/failover` key was written either.
    NotDelivered { cause: LeaderLoss },
}

/// How the planned leader lost its key, as the watch saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaderLoss {
    /// Its lease expired: the leader key and its member key went in one change (Patroni writes
    /// both with one lease, and an agent that hands over deletes the leader key alone).
    LeaseExpiry,
    /// The key was deleted alone or rewritten: the agent handed over, or another actor moved it.
    Released,
}

/// When and how the planned leader's key left it, and when a new leader took the key.
#[derive(Debug, Clone, Serialize)]
pub struct LeaderChange {
    pub cause: LeaderLoss,
    /// The member that held the key when the plan was made.
    pub leader: String,
    /// Seconds from the request until the key left it.
    pub lost_after_s: f64,
    /// Seconds from the request until another member held the key.
    pub taken_after_s: Option<f64>,
}

impl LeaderChange {
    /// `pg1's leader lease expired after 22.4s`.
    pub fn how_lost(&self) -> String {
        match self.cause {
            LeaderLoss::LeaseExpiry => {
                format!("{}'s leader lease expired after {:.1}s", self.leader, self.lost_after_s)
            }
            LeaderLoss::Released => format!("the leader key left {} after {:.1}s", self.leader, self.lost_after_s),
        }
    }

    /// `, new leader key after 22.5s (no leader for 0.1s)`, once a new leader took the key.
    pub fn leaderless_window(&self) -> String {
        self.taken_after_s.map_or(String::new(), |taken| {
            format!(", new leader key after {taken:.1}s (no leader for {:.1}s)", taken - self.lost_after_s)
        })
    }
}

/// Progress of `execute`, for a spinner.
#[derive(Debug, Clone)]
pub enum Phase {
    Sending { member: String },
    FallingBack { reason: String },
    Waiting { what: String },
    LeaderChanged { leader: String, after: Duration },
}

/// The verified result.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub action: Action,
    pub delivery: Delivery,
    pub scheduled_at: Option<String>,
    pub old_leader: Option<String>,
    pub new_leader: Option<String>,
    pub timeline_before: Option<u64>,
    /// The new leader's timeline once verified; `None` when not waited for (`--no-wait`).
    pub timeline_after: Option<u64>,
    /// Seconds from sending the request until the leader key named the new leader.
    pub leader_after_s: Option<f64>,
    /// Seconds until every member streamed from the new leader on the new timeline.
    pub converged_after_s: Option<f64>,
    /// Once converged: the members of the plan's cluster that do not stream from the new leader
    /// (for a failover, those that were not running before it; a switchover waits for all).
    pub missing: Vec<String>,
    /// How the leader key left the planned leader (null when it never did, e.g. `--no-wait`).
    pub leader_change: Option<LeaderChange>,
    /// The cluster as it was when verified.
    #[serde(skip)]
    pub cluster: Option<Cluster>,
}

pub struct Execution<'a> {
    pub dcs: &'a mut Dcs,
    pub agents: &'a Agents,
    /// The cluster's key prefix, `/service/demo/`.
    pub prefix: String,
    /// The keys the plan was made from.
    pub nodes: Vec<RawNode>,
    /// How long to wait for the outcome.
    pub timeout: Duration,
    /// Return once the request is accepted.
    pub no_wait: bool,
    /// How long an agent may take to answer the request itself (Patroni waits for the leader
    /// change before it answers).
    pub request_timeout: Duration,
}

impl<'a> Execution<'a> {
    /// The execution of a plan made from `read`: waits up to `timeout` (default: from the
    /// cluster's `ttl` and `loop_wait`) unless `no_wait`.
    pub fn new(
        dcs: &'a mut Dcs,
        agents: &'a Agents,
        read: &ClusterSnapshot,
        timeout: Option<Duration>,
        no_wait: bool,
    ) -> Execution<'a> {
        let cluster = &read.cluster;
        Execution {
            dcs,
            agents,
            prefix: read.prefix.clone(),
            nodes: read.snapshot.nodes.clone(),
            timeout: timeout.unwrap_or_else(|| default_timeout(cluster)),
            no_wait,
            // Patroni answers a switchover only after the leader changed: up to 2 × max(10, loop_wait) s.
            request_timeout: Duration::from_secs(2 * cluster.loop_wait().max(10) + 10),
        }
    }
}

#[cfg(test)]
mod tests;
