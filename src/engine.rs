//! The failover engine: plan (named preflight checks over one snapshot of the cluster), execute
//! through the leader's agent (or the DCS when no agent answers), and verify by watching etcd
//! until the new leader holds the key, reports primary on a new timeline, and every other member
//! streams from it on that timeline.
//!
//! Planning is pure; `execute` does the I/O and never prints: it reports phases through a
//! callback and returns a typed outcome.

use crate::agent::{AgentError, Agents};
use crate::cluster::{Cluster, Member, RawNode};
use crate::dcs::{Dcs, DcsError, apply_changes};
use crate::error::{Classify, ErrorKind};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// What a candidate's agent said when probed before planning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// `GET /patroni` answered with this `state`.
    Answered { state: String },
    /// No answer: the reason.
    NoAnswer(String),
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
        let failed = self.failed();
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
}

fn passed(name: &'static str, detail: impl Into<String>) -> Check {
    Check { name, verdict: Verdict::Passed, detail: detail.into() }
}

fn failed(name: &'static str, reason: impl Into<String>) -> Check {
    let reason = reason.into();
    Check { name, verdict: Verdict::Failed(reason.clone()), detail: reason }
}

fn skipped(name: &'static str, reason: impl Into<String>) -> Check {
    let reason = reason.into();
    Check { name, verdict: Verdict::Skipped(reason.clone()), detail: reason }
}

/// Bytes the candidate has not replayed relative to the leader's last known position. Replay,
/// not receive: what a promoted candidate serves is what it has applied.
fn replay_lag(cluster: &Cluster, member: &Member) -> Option<u64> {
    let position = member.replay_lsn.or(member.xlog_location)?;
    Some(cluster.status.last_lsn.saturating_sub(position))
}

/// Builds the plan: every check with its verdict. Pure.
pub fn plan(cluster: &Cluster, request: &Request, facts: &Preflight) -> Plan {
    let mut checks = Vec::new();
    let leader_name = cluster.leader_name().map(str::to_string);
    let leader_member = leader_name.as_deref().and_then(|n| cluster.members.iter().find(|m| m.name == n));
    let leader_timeline = leader_member.and_then(|m| m.timeline);

    checks.push(passed("etcd_quorum", format!("linearizable read of the cluster at revision {}", facts.revision)));
    checks.push(if facts.alarms.is_empty() {
        passed("etcd_alarms", "no active etcd alarms")
    } else {
        failed("etcd_alarms", format!("etcd has active alarms: {}", facts.alarms.join(", ")))
    });

    match (&leader_name, request.action) {
        (Some(l), _) => checks.push(passed("leader_exists", format!("{l} holds the leader key"))),
        (None, Action::Switchover) => checks.push(failed("leader_exists", "This cluster has no leader")),
        (None, Action::Failover) => checks.push(passed("leader_exists", "no leader: a failover is what is needed")),
    }
    match (&request.leader, &leader_name) {
        (Some(given), Some(actual)) if given == actual => {
            checks.push(passed("leader_matches", format!("{given} is the leader")))
        }
        (Some(given), _) => checks
            .push(failed("leader_matches", format!("Member {given} is not the leader of cluster {}", cluster.scope))),
        (None, _) => checks.push(skipped("leader_matches", "no --leader given")),
    }

    let paused = cluster.is_paused();
    let scheduled = request.scheduled_at;
    checks.push(match (request.action, scheduled, paused) {
        (Action::Failover, Some(_), _) => failed("pause", "Failover can't be scheduled"),
        (Action::Switchover, Some(_), true) => failed("pause", "Can't schedule switchover in the paused state"),
        (Action::Switchover, None, true) if request.candidate.is_none() => {
            failed("pause", "Switchover is possible only to a specific candidate in a paused state")
        }
        (_, _, true) => passed("pause", "the cluster is paused; the agents allow this to a named candidate"),
        (_, _, false) => passed("pause", "the cluster is not paused"),
    });
    if let (Some(at), Some(now)) = (scheduled, facts.now) {
        checks.push(if at <= now {
            failed("schedule", format!("Cannot schedule {} in the past ({at})", request.action.as_str()))
        } else {
            passed("schedule", format!("scheduled at {}", at.to_rfc3339()))
        });
    }

    // Evaluate every possible candidate; the named one, or the best eligible one, is the plan's.
    let evaluate = |m: &Member| candidate_checks(cluster, m, leader_timeline, request, facts);
    let mut passed_over = Vec::new();
    let (candidate, chosen, candidate_checks_list) = match &request.candidate {
        Some(name) => match cluster.members.iter().find(|m| &m.name == name) {
            _ if Some(name) == leader_name.as_ref() => (
                Some(name.clone()),
                false,
                vec![failed("candidate", format!("Member {name} is already the leader of cluster {}", cluster.scope))],
            ),
            Some(member) => {
                let mut list = vec![passed("candidate", format!("{name} is a member of cluster {}", cluster.scope))];
                list.extend(evaluate(member));
                (Some(name.clone()), false, list)
            }
            None => (
                Some(name.clone()),
                false,
                vec![failed("candidate", format!("Member {name} does not exist in cluster {}", cluster.scope))],
            ),
        },
        None if request.action == Action::Failover && leader_name.is_some() => {
            (None, false, vec![failed("candidate", "Failover could be performed only to a specific candidate")])
        }
        None => {
            let evaluated: Vec<(&Member, Vec<Check>)> = cluster
                .members
                .iter()
                .filter(|m| Some(&m.name) != leader_name.as_ref())
                .map(|m| (m, evaluate(m)))
                .collect();
            let (mut eligible, refused): (Vec<_>, Vec<_>) = evaluated.into_iter().partition(|(_, checks)| {
                checks.iter().all(|c| matches!(c.verdict, Verdict::Passed | Verdict::Skipped(_)))
            });
            for (member, checks) in &refused {
                let reason = checks
                    .iter()
                    .find_map(|c| match &c.verdict {
                        Verdict::Failed(r) | Verdict::NeedsConfirmation(r) => Some(format!("{} ({})", r, c.name)),
                        _ => None,
                    })
                    .unwrap_or_default();
                passed_over.push(PassedOver { member: member.name.clone(), reason });
            }
            // In synchronous or quorum mode a member of /sync first (patroni#2074: not an
            // asynchronous replica), then the least lag, the highest failover priority, the name.
            let by_mode = cluster.is_synchronous_mode() && !cluster.sync.voters().is_empty();
            eligible.sort_by_key(|(m, _)| {
                (
                    by_mode && !cluster.sync.matches(&m.name),
                    replay_lag(cluster, m).unwrap_or(u64::MAX),
                    std::cmp::Reverse(m.tags.failover_priority),
                    m.name.clone(),
                )
            });
            let mut eligible = eligible.into_iter();
            match eligible.next() {
                Some((best, list)) => {
                    for (other, _) in eligible {
                        let reason = preferred_because(cluster, best, other, by_mode);
                        passed_over.push(PassedOver { member: other.name.clone(), reason });
                    }
                    passed_over.sort_by(|a, b| a.member.cmp(&b.member));
                    let mut why = Vec::new();
                    if by_mode && cluster.sync.matches(&best.name) {
                        let kind = if cluster.is_quorum_commit_mode() { "a quorum" } else { "a synchronous" };
                        why.push(format!("{kind} standby"));
                    }
                    if let Some(lag) = replay_lag(cluster, best) {
                        why.push(format!("lag {lag} bytes"));
                    }
                    why.push(format!("failover priority {}", best.tags.failover_priority));
                    let all_checks = std::iter::once(passed(
                        "candidate",
                        format!("{} chosen: eligible, {}", best.name, why.join(", ")),
                    ))
                    .chain(list)
                    .collect();
                    (Some(best.name.clone()), true, all_checks)
                }
                None => {
                    let rejected: Vec<String> =
                        passed_over.iter().map(|p| format!("{}: {}", p.member, p.reason)).collect();
                    let why = if rejected.is_empty() { "no other members".to_string() } else { rejected.join("; ") };
                    (
                        None,
                        false,
                        vec![failed(
                            "candidate",
                            format!("No candidates found to {} to ({why})", request.action.as_str()),
                        )],
                    )
                }
            }
        }
    };
    checks.extend(candidate_checks_list);

    Plan {
        action: request.action,
        cluster: cluster.scope.clone(),
        leader: request.leader.clone().or(leader_name),
        candidate,
        candidate_chosen: chosen,
        scheduled_at: scheduled.map(|at| at.to_rfc3339()),
        // Without a leader, the newest timeline a member reports: the one a failover must leave.
        timeline: leader_timeline.or_else(|| cluster.members.iter().filter_map(|m| m.timeline).max()),
        revision: facts.revision,
        checks,
        passed_over,
    }
}

/// The checks about one candidate member.
fn candidate_checks(
    cluster: &Cluster,
    member: &Member,
    leader_timeline: Option<u64>,
    request: &Request,
    facts: &Preflight,
) -> Vec<Check> {
    let name = &member.name;
    let mut checks = Vec::new();
    checks.push(if member.invalid.is_some() {
        failed("candidate_data", format!("the DCS value of member {name} is not valid JSON"))
    } else {
        passed("candidate_data", format!("member {name} publishes valid data"))
    });
    checks.push(if member.tags.nofailover {
        failed(
            "candidate_nofailover",
            format!("Member {name} does not exist in cluster {} or is tagged as nofailover", cluster.scope),
        )
    } else {
        passed(
            "candidate_nofailover",
            format!("{name} may be promoted (failover priority {})", member.tags.failover_priority),
        )
    });

    let state = member.state_or_unknown();
    let replication = member.replication_state.as_deref();
    // A failover is for a leader that is gone or failing, when replicas may have stopped
    // streaming; running is what it needs. A switchover wants a streaming replica.
    let healthy = match (request.action, cluster.leader.is_some(), replication) {
        (Action::Switchover, true, Some(r)) => state == "running" && r == "streaming",
        _ => state == "running",
    };
    checks.push(if healthy {
        passed("candidate_running", format!("{name} is {}", replication.unwrap_or(state)))
    } else {
        failed(
            "candidate_running",
            format!(
                "{name} is {state}{}, not running and streaming",
                replication.map(|r| format!("/{r}")).unwrap_or_default()
            ),
        )
    });

    let member_timeline = member.timeline;
    let reference = leader_timeline.or_else(|| cluster.members.iter().filter_map(|m| m.timeline).max());
    checks.push(match (member_timeline, reference) {
        (Some(t), Some(r)) if t == r => passed("candidate_timeline", format!("{name} is on timeline {t}")),
        (Some(t), Some(r)) => failed("candidate_timeline", format!("{name} is on timeline {t}, the leader on {r}")),
        _ => failed("candidate_timeline", format!("the timeline of {name} is unknown")),
    });

    let limit = cluster.maximum_lag_on_failover();
    checks.push(match replay_lag(cluster, member) {
        Some(lag) if lag <= limit => {
            passed("candidate_lag", format!("{name} lags {lag} bytes (maximum_lag_on_failover {limit})"))
        }
        Some(lag) => failed(
            "candidate_lag",
            format!("{name} lags {lag} bytes behind the leader, more than maximum_lag_on_failover ({limit})"),
        ),
        None => failed("candidate_lag", format!("{name} publishes no WAL position")),
    });

    checks.push(match facts.probes.get(name) {
        Some(Probe::Answered { state }) if state == "running" => {
            passed("candidate_agent", format!("the agent of {name} answers: {state}"))
        }
        Some(Probe::Answered { state }) => failed("candidate_agent", format!("the agent of {name} reports {state}")),
        Some(Probe::NoAnswer(why)) => failed("candidate_agent", format!("the agent of {name} does not answer: {why}")),
        None => skipped("candidate_agent", "not probed"),
    });

    checks.push(synchronous_mode_check(cluster, name, request));
    checks
}

/// The replication mode's word on a candidate, by Patroni 4's own rules. A switchover: in
/// synchronous mode the agent refuses any candidate not in `/sync` (`api.py`), even while `/sync`
/// names nobody; in quorum mode the agent accepts it, but once `/sync` is active the leader
/// drops every candidate outside it (`Ha.get_failover_candidates`) and answers `Switchover
/// failed`. A failover to a member outside an active `/sync` needs a confirmation, as
/// patronictl asks.
fn synchronous_mode_check(cluster: &Cluster, name: &str, request: &Request) -> Check {
    const NAME: &str = "synchronous_mode";
    let quorum = cluster.is_quorum_commit_mode();
    let kind = if quorum { "quorum" } else { "synchronous" };
    if cluster.is_standby_cluster() {
        return skipped(NAME, "a standby cluster has no synchronous standbys");
    }
    if !cluster.is_synchronous_mode() {
        return skipped(NAME, "synchronous mode is off");
    }
    let active = cluster.sync.leader.is_some();
    if cluster.sync.matches(name) {
        return passed(NAME, format!("{name} is a {kind} standby"));
    }
    let standbys = cluster.sync.voters();
    let outside = if standbys.is_empty() {
        format!("{name} is not a {kind} standby (/sync names none)")
    } else {
        format!("{name} is not a {kind} standby (the {kind} standbys: {})", standbys.join(", "))
    };
    match request.action {
        Action::Switchover if !quorum => failed(
            NAME,
            format!(
                "{outside}; in synchronous mode Patroni switches over only to a synchronous standby (candidate name does not match with sync_standby)"
            ),
        ),
        Action::Switchover if active => failed(
            NAME,
            format!("{outside}; in quorum mode the leader drops any candidate outside /sync, and the switchover fails"),
        ),
        Action::Switchover => {
            passed(NAME, format!("{outside}; with /sync not active yet, Patroni accepts any healthy member"))
        }
        // patronictl: `not cluster.sync.matches(candidate, True)`, the sync leader included.
        Action::Failover if !active || cluster.sync.leader.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(name)) => {
            passed(NAME, format!("{outside}; /sync asks no confirmation for it"))
        }
        Action::Failover if request.confirmed => passed(NAME, format!("{outside}; confirmed by the user")),
        Action::Failover => Check {
            name: NAME,
            verdict: Verdict::NeedsConfirmation(format!(
                "Are you sure you want to failover to the asynchronous node {name}?"
            )),
            detail: outside,
        },
    }
}

/// Why the chosen candidate beats `other`, an eligible member it was preferred to: the first
/// rule of the choice that separates them.
fn preferred_because(cluster: &Cluster, chosen: &Member, other: &Member, by_mode: bool) -> String {
    let kind = if cluster.is_quorum_commit_mode() { "quorum" } else { "synchronous" };
    if by_mode && cluster.sync.matches(&chosen.name) && !cluster.sync.matches(&other.name) {
        return format!("not a {kind} standby, and {} is", chosen.name);
    }
    let (lag, chosen_lag) = (replay_lag(cluster, other), replay_lag(cluster, chosen));
    if lag != chosen_lag {
        let bytes = |l: Option<u64>| l.map_or("an unknown number of".to_string(), |l| l.to_string());
        return format!("lags {} bytes, {} {}", bytes(lag), chosen.name, bytes(chosen_lag));
    }
    let (priority, chosen_priority) = (other.tags.failover_priority, chosen.tags.failover_priority);
    if priority != chosen_priority {
        return format!("failover priority {priority}, {} has {chosen_priority}", chosen.name);
    }
    format!("as good as {}, which comes first by name", chosen.name)
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

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{reason}")]
    Refused { action: &'static str, reason: String },
    #[error(
        "{title} failed, details: {status}, {body} (answered by the agent of {member} at {url}){}",
        crate::agent::refusal_hint(*.status).map(|hint| format!("; {hint}")).unwrap_or_default()
    )]
    AgentFailed { title: &'static str, status: u16, body: String, member: String, url: String },
    #[error("{title} ended with {actual} as the leader instead of {expected}")]
    Diverted { title: &'static str, expected: String, actual: String },
    #[error(
        "{title} was requested ({sent}) but not verified within {}s: {waiting}; it may still complete, check with `hactl list`",
        .timeout.as_secs_f64()
    )]
    NotVerified { title: &'static str, sent: String, timeout: Duration, waiting: String },
    #[error("interrupted while waiting; already done: {sent}")]
    Interrupted { sent: String },
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
            EngineError::NotVerified { .. } => ErrorKind::NotConfirmed,
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
    pub timeline_after: Option<u64>,
    /// Seconds from sending the request until the leader key named the new leader.
    pub leader_after_s: Option<f64>,
    /// Seconds until every member streamed from the new leader on the new timeline.
    pub converged_after_s: Option<f64>,
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

/// The default wait: long enough for Patroni to demote, promote, and for every replica to
/// report streaming on the new timeline, from the cluster's own `ttl` and `loop_wait`.
pub fn default_timeout(cluster: &Cluster) -> Duration {
    Duration::from_secs(cluster.ttl() + 4 * cluster.loop_wait() + 30)
}

/// Sends the planned request and waits for the outcome.
pub async fn execute(
    plan: &Plan,
    exec: Execution<'_>,
    progress: &mut dyn FnMut(Phase),
) -> Result<Outcome, EngineError> {
    if let Some(reason) = plan.refusal() {
        return Err(EngineError::Refused { action: plan.action.as_str(), reason });
    }
    let Execution { dcs, agents, prefix, mut nodes, timeout, no_wait, request_timeout } = exec;
    let before = Cluster::from_nodes(&plan.cluster, &nodes);
    let old_leader = before.leader_name().map(str::to_string);
    let candidate = plan.candidate.clone();

    // Start watching before acting, so that no change can slip between the two.
    let mut watch = dcs.watch(&prefix, plan.revision + 1).await?;
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + timeout;

    let mut body = json!({ "candidate": candidate });
    if plan.action == Action::Switchover {
        body["leader"] = json!(old_leader);
    }
    if let Some(at) = &plan.scheduled_at {
        body["scheduled_at"] = json!(at);
    }
    // The leader's agent runs the switchover; without a leader, the candidate's runs the failover.
    let target = old_leader.as_deref().or(candidate.as_deref()).unwrap_or_default().to_string();
    let target_member = before.member(&target);
    let target_api = target_member.and_then(|m| m.api_url.clone());
    progress(Phase::Sending { member: target.clone() });
    // From here on a Ctrl-C is kept, wherever it comes, and reported with what was sent.
    crate::interrupt::listen();
    let request = async {
        // A leader key whose holder published no member key: no address to send to.
        let member = target_member.ok_or_else(|| AgentError::NoApiUrl { member: target.clone() })?;
        agents.request(member, reqwest::Method::POST, plan.action.as_str(), Some(&body), request_timeout).await
    };
    tokio::pin!(request);

    let mut delivery: Option<Delivery> = None;
    let mut leader_after: Option<Duration> = None;
    let mut waiting = String::from("waiting for the request to be accepted");
    let sent = |delivery: &Option<Delivery>| match delivery {
        Some(Delivery::Agent { member, .. }) => {
            format!("the {} request was accepted by the agent of {member}", plan.action.as_str())
        }
        Some(Delivery::Dcs { .. }) => "the /failover key was written in etcd".to_string(),
        None => format!("the {} request was sent to the agent of {target}", plan.action.as_str()),
    };

    loop {
        let current = Cluster::from_nodes(&plan.cluster, &nodes);
        let scheduled = plan.scheduled_at.is_some();
        // From the watch, not only once the agent answered: Patroni answers a switchover on its
        // next poll of the DCS, up to a second after the leader key changed.
        if leader_after.is_none()
            && !no_wait
            && !scheduled
            && let Some(new) = current.leader_name()
            && Some(new) != old_leader.as_deref()
            && candidate.as_deref().is_none_or(|c| c == new)
        {
            let after = started.elapsed();
            leader_after = Some(after);
            progress(Phase::LeaderChanged { leader: new.to_string(), after });
        }
        if let Some(delivery) = &delivery {
            if no_wait || scheduled {
                return Ok(outcome(plan, delivery.clone(), &before, &current, leader_after, None));
            }
            match convergence(&current, old_leader.as_deref(), candidate.as_deref(), plan.timeline) {
                Ok(()) => {
                    return Ok(outcome(
                        plan,
                        delivery.clone(),
                        &before,
                        &current,
                        leader_after,
                        Some(started.elapsed()),
                    ));
                }
                Err(what) => {
                    if let Some(actual) = diverted(&current, old_leader.as_deref(), candidate.as_deref(), plan.timeline)
                    {
                        return Err(EngineError::Diverted {
                            title: plan.action.title(),
                            expected: candidate.clone().unwrap_or_default(),
                            actual,
                        });
                    }
                    if what != waiting {
                        progress(Phase::Waiting { what: what.clone() });
                    }
                    waiting = what;
                }
            }
        }

        tokio::select! {
            response = &mut request, if delivery.is_none() => {
                match response {
                    Ok(r) if r.status == 200 || r.status == 202 => {
                        delivery = Some(Delivery::Agent { member: target.clone(), status: r.status, message: r.body.trim().to_string() });
                    }
                    // `... status unknown`: the agent gave up waiting; the cluster may still get there.
                    Ok(r) if r.status == 503 && r.body.contains("status unknown") => {
                        delivery = Some(Delivery::Agent { member: target.clone(), status: r.status, message: r.body.trim().to_string() });
                    }
                    Ok(r) if r.status == 412 => {
                        return Err(EngineError::Refused { action: plan.action.as_str(), reason: format!("the agent of {target} refused: {}", r.body.trim()) });
                    }
                    Ok(r) => {
                        return Err(EngineError::AgentFailed {
                            title: plan.action.title(),
                            status: r.status,
                            body: r.body.trim().to_string(),
                            member: target.clone(),
                            url: crate::agent::endpoint_url(target_api.as_deref().unwrap_or_default(), plan.action.as_str()),
                        });
                    }
                    Err(e) if e.is_unreachable() || matches!(e, AgentError::NoApiUrl { .. }) => {
                        let reason = e.to_string();
                        progress(Phase::FallingBack { reason: reason.clone() });
                        let mut value = serde_json::Map::new();
                        if plan.action == Action::Switchover && let Some(l) = &old_leader {
                            value.insert("leader".into(), json!(l));
                        }
                        if let Some(c) = &candidate {
                            value.insert("member".into(), json!(c));
                        }
                        if let Some(at) = &plan.scheduled_at {
                            value.insert("scheduled_at".into(), json!(at));
                        }
                        dcs.put(&format!("{prefix}failover"), &Value::Object(value).to_string()).await?;
                        delivery = Some(Delivery::Dcs { reason });
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            changes = watch.next() => {
                apply_changes(&mut nodes, changes?);
            }
            _ = tokio::time::sleep_until(deadline) => {
                return Err(EngineError::NotVerified { title: plan.action.title(), sent: sent(&delivery), timeout, waiting });
            }
            _ = crate::interrupt::requested() => {
                return Err(EngineError::Interrupted { sent: sent(&delivery) });
            }
        }
    }
}

fn outcome(
    plan: &Plan,
    delivery: Delivery,
    before: &Cluster,
    current: &Cluster,
    leader_after: Option<Duration>,
    converged_after: Option<Duration>,
) -> Outcome {
    let new_leader = current.leader_name().map(str::to_string);
    let timeline_after = new_leader.as_deref().and_then(|n| current.member(n)).and_then(|m| m.timeline);
    Outcome {
        action: plan.action,
        delivery,
        scheduled_at: plan.scheduled_at.clone(),
        old_leader: before.leader_name().map(str::to_string),
        new_leader,
        timeline_before: plan.timeline,
        timeline_after,
        leader_after_s: leader_after.map(|d| d.as_secs_f64()),
        converged_after_s: converged_after.map(|d| d.as_secs_f64()),
        cluster: Some(current.clone()),
    }
}

/// Another member than the candidate has taken over for good (it runs as primary on a new
/// timeline): Patroni's "switched over to X instead of Y". Returns that member.
fn diverted(
    cluster: &Cluster,
    old_leader: Option<&str>,
    candidate: Option<&str>,
    old_timeline: Option<u64>,
) -> Option<String> {
    let leader = cluster.leader_name()?;
    let candidate = candidate?;
    if leader == candidate || Some(leader) == old_leader {
        return None;
    }
    let member = cluster.members.iter().find(|m| m.name == leader)?;
    let running = member.is_running();
    let leading = if cluster.is_standby_cluster() {
        member.role.as_deref() == Some("standby_leader") && running
    } else {
        let primary = member.reports_primary() && running;
        primary && member.timeline.is_some_and(|t| old_timeline.is_none_or(|old| t > old))
    };
    leading.then(|| leader.to_string())
}

/// `Ok` when the cluster has converged on its new leader; otherwise what is still awaited.
pub fn convergence(
    cluster: &Cluster,
    old_leader: Option<&str>,
    candidate: Option<&str>,
    old_timeline: Option<u64>,
) -> Result<(), String> {
    let Some(leader) = cluster.leader_name() else { return Err("waiting for a new leader".into()) };
    if Some(leader) == old_leader {
        return Err(format!("waiting for {} to give up the leader key", leader));
    }
    if let Some(c) = candidate
        && c != leader
    {
        return Err(format!("{leader} took the leader key instead of {c}"));
    }
    let Some(member) = cluster.members.iter().find(|m| m.name == leader) else {
        return Err(format!("waiting for {leader} to publish its state"));
    };
    let role = member.role.as_deref().unwrap_or("");
    let state = member.state.as_deref().unwrap_or("");
    let new_timeline = if cluster.is_standby_cluster() {
        // A standby leader replicates from the primary cluster: it keeps that cluster's
        // timeline, and streaming from it (or replaying its archive) is its healthy state.
        let replication = member.replication_state.as_deref().unwrap_or("");
        let healthy = if cluster.standby_cluster_streams() { "streaming" } else { "in archive recovery" };
        if role != "standby_leader" || state != "running" || replication != healthy {
            return Err(format!(
                "waiting for {leader} to run as standby leader, {healthy} from the primary cluster (now {role}/{state}/{replication})"
            ));
        }
        member.timeline.ok_or_else(|| format!("waiting for {leader} to report its timeline"))?
    } else {
        if !member.reports_primary() || !member.is_running() {
            return Err(format!("waiting for {leader} to run as primary (now {role}/{state})"));
        }
        let Some(new_timeline) = member.timeline.filter(|t| old_timeline.is_none_or(|old| *t > old)) else {
            return Err(format!("waiting for {leader} to report a new timeline"));
        };
        new_timeline
    };
    for m in cluster.members.iter().filter(|m| m.name != leader) {
        let state = m.state_or_unknown();
        let replication = m.replication_state.as_deref().unwrap_or("");
        if !m.is_running() || !m.is_streaming() || m.timeline != Some(new_timeline) {
            let tl = m.timeline.map_or("?".into(), |t| t.to_string());
            return Err(format!(
                "waiting for {} to stream from {leader} on timeline {new_timeline} (now {state}/{replication}, timeline {tl})",
                m.name
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(key: &str, value: &str) -> RawNode {
        RawNode { key: key.into(), value: value.into(), mod_revision: 1, lease: 0 }
    }

    fn member(name: &str, role: &str, extra: &str) -> RawNode {
        let replication = if role == "replica" { r#","replication_state":"streaming","replay_lsn":100"# } else { "" };
        node(
            &format!("members/{name}"),
            &format!(
                r#"{{"api_url":"http://127.0.0.1:1/patroni","state":"running","role":"{role}","timeline":1,"xlog_location":100{replication}{extra}}}"#
            ),
        )
    }

    fn cluster(extra: &[RawNode]) -> Cluster {
        let mut nodes = vec![
            node("config", r#"{"maximum_lag_on_failover":1048576}"#),
            node("leader", "pg0"),
            node("status", r#"{"optime":100}"#),
            member("pg0", "primary", ""),
            member("pg1", "replica", ""),
            member("pg2", "replica", ""),
        ];
        for e in extra {
            nodes.retain(|n| n.key != e.key);
            nodes.push(e.clone());
        }
        Cluster::from_nodes("demo", &nodes)
    }

    fn request(candidate: Option<&str>) -> Request {
        Request {
            action: Action::Switchover,
            leader: None,
            candidate: candidate.map(Into::into),
            scheduled_at: None,
            confirmed: false,
        }
    }

    fn verdict<'a>(plan: &'a Plan, name: &str) -> &'a Verdict {
        &plan.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check {name}")).verdict
    }

    #[test]
    fn named_candidate_passes_every_check() {
        let plan = plan(&cluster(&[]), &request(Some("pg1")), &Preflight::default());
        assert_eq!(plan.refusal(), None, "{:#?}", plan.checks);
        assert_eq!(plan.candidate.as_deref(), Some("pg1"));
        assert_eq!(plan.leader.as_deref(), Some("pg0"));
    }

    #[test]
    fn refusals_name_the_reason() {
        let c = cluster(&[member("pg2", "replica", r#","tags":{"nofailover":true}"#)]);
        assert!(matches!(
            verdict(&plan(&c, &request(Some("pg2")), &Preflight::default()), "candidate_nofailover"),
            Verdict::Failed(_)
        ));
        let p = plan(&c, &request(Some("pg0")), &Preflight::default());
        assert!(p.refusal().unwrap().contains("already the leader"));
        let p = plan(&c, &request(Some("nobody")), &Preflight::default());
        assert!(p.refusal().unwrap().contains("does not exist"));
        let mut wrong_leader = request(Some("pg1"));
        wrong_leader.leader = Some("pg1".into());
        assert!(plan(&c, &wrong_leader, &Preflight::default()).refusal().unwrap().contains("is not the leader"));
    }

    #[test]
    fn lagging_candidate_is_refused() {
        let c = cluster(&[node("status", r#"{"optime":5000000}"#)]);
        let p = plan(&c, &request(Some("pg1")), &Preflight::default());
        assert!(matches!(verdict(&p, "candidate_lag"), Verdict::Failed(r) if r.contains("maximum_lag_on_failover")));
    }

    #[test]
    fn no_candidate_picks_least_lag_then_priority() {
        let c = cluster(&[
            member("pg1", "replica", r#","tags":{"failover_priority":1}"#),
            member("pg2", "replica", r#","tags":{"failover_priority":5}"#),
        ]);
        let p = plan(&c, &request(None), &Preflight::default());
        assert_eq!(p.candidate.as_deref(), Some("pg2"), "same lag, higher priority");
        assert!(p.candidate_chosen);
        let c = cluster(&[node(
            "members/pg2",
            r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","replay_lsn":50,"tags":{"failover_priority":5}}"#,
        )]);
        assert_eq!(plan(&c, &request(None), &Preflight::default()).candidate.as_deref(), Some("pg1"), "less lag wins");
    }

    #[test]
    fn pause_and_schedule_rules() {
        let paused = cluster(&[node("config", r#"{"pause":true}"#)]);
        let mut scheduled = request(Some("pg1"));
        scheduled.scheduled_at = Some(DateTime::parse_from_rfc3339("2099-01-01T00:00:00+00:00").unwrap());
        assert!(plan(&paused, &scheduled, &Preflight::default()).refusal().unwrap().contains("paused state"));
        let mut failover = request(Some("pg1"));
        failover.action = Action::Failover;
        assert_eq!(plan(&paused, &failover, &Preflight::default()).refusal(), None, "failover is allowed while paused");
    }

    #[test]
    fn sync_mode_refuses_an_async_switchover_and_asks_before_an_async_failover() {
        let lagging_sync =
            r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","replay_lsn":90}"#;
        let c = cluster(&[
            node("config", r#"{"synchronous_mode":true}"#),
            node("sync", r#"{"leader":"pg0","sync_standby":"pg2"}"#),
            node("members/pg2", lagging_sync),
        ]);
        let mut forced = request(Some("pg1"));
        forced.confirmed = true;
        let p = plan(&c, &forced, &Preflight::default());
        let refusal = p.refusal().expect("Patroni refuses a switchover to an async member");
        assert!(refusal.contains("pg1 is not a synchronous standby (the synchronous standbys: pg2)"), "{refusal}");
        let mut failover = request(Some("pg1"));
        failover.action = Action::Failover;
        assert_eq!(plan(&c, &failover, &Preflight::default()).needs_confirmation().len(), 1);
        failover.confirmed = true;
        assert!(plan(&c, &failover, &Preflight::default()).needs_confirmation().is_empty());

        // No candidate, even forced and with pg1 less behind: the sync standby (patroni#2074).
        let mut any = request(None);
        any.confirmed = true;
        let p = plan(&c, &any, &Preflight::default());
        assert_eq!(p.candidate.as_deref(), Some("pg2"));
        let candidate = p.checks.iter().find(|c| c.name == "candidate").unwrap();
        assert!(candidate.detail.starts_with("pg2 chosen: eligible, a synchronous standby"), "{}", candidate.detail);
        assert_eq!(p.passed_over.len(), 1);
        assert_eq!(p.passed_over[0].member, "pg1");
        assert!(p.passed_over[0].reason.contains("not a synchronous standby"), "{}", p.passed_over[0].reason);
    }

    #[test]
    fn quorum_mode_switches_over_only_within_an_active_sync_key() {
        let c = cluster(&[
            node("config", r#"{"synchronous_mode":"quorum"}"#),
            node("sync", r#"{"leader":"pg0","sync_standby":"pg2","quorum":0}"#),
        ]);
        let p = plan(&c, &request(None), &Preflight::default());
        assert_eq!(p.candidate.as_deref(), Some("pg2"));
        assert!(p.passed_over[0].reason.contains("pg1 is not a quorum standby"), "{:?}", p.passed_over);
        let refusal = plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().unwrap();
        assert!(refusal.contains("the leader drops any candidate outside /sync"), "{refusal}");
        // Before the leader has written /sync, Patroni takes any member.
        let c = cluster(&[node("config", r#"{"synchronous_mode":"quorum"}"#)]);
        assert!(plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().is_none());
        // In synchronous mode an empty /sync refuses every switchover candidate, as the agent does.
        let c = cluster(&[node("config", r#"{"synchronous_mode":true}"#)]);
        let refusal = plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().unwrap();
        assert!(refusal.contains("(/sync names none)"), "{refusal}");
    }

    #[test]
    fn every_member_passed_over_is_named_with_its_reason() {
        let c = cluster(&[member("pg1", "replica", r#","tags":{"nofailover":true}"#)]);
        let p = plan(&c, &request(None), &Preflight::default());
        assert_eq!(p.candidate.as_deref(), Some("pg2"));
        assert!(p.passed_over[0].reason.contains("nofailover (candidate_nofailover)"), "{:?}", p.passed_over);
    }

    #[test]
    fn etcd_alarm_and_silent_agent_refuse() {
        let facts = Preflight {
            alarms: vec!["NOSPACE".into()],
            probes: BTreeMap::from([("pg1".to_string(), Probe::NoAnswer("timed out".into()))]),
            ..Preflight::default()
        };
        let p = plan(&cluster(&[]), &request(Some("pg1")), &facts);
        let refusal = p.refusal().unwrap();
        assert!(refusal.contains("NOSPACE") && refusal.contains("does not answer"), "{refusal}");
    }

    #[test]
    fn convergence_needs_new_leader_new_timeline_and_streaming_replicas() {
        let switched = |pg0: &str| {
            cluster(&[
                node("leader", "pg1"),
                node("members/pg1", r#"{"state":"running","role":"primary","timeline":2}"#),
                node("members/pg0", pg0),
                node(
                    "members/pg2",
                    r#"{"state":"running","role":"replica","timeline":2,"replication_state":"streaming"}"#,
                ),
            ])
        };
        let stopped = switched(r#"{"state":"stopped","role":"replica","timeline":1}"#);
        assert!(convergence(&stopped, Some("pg0"), Some("pg1"), Some(1)).unwrap_err().contains("pg0"));
        let done = switched(r#"{"state":"running","role":"replica","timeline":2,"replication_state":"streaming"}"#);
        assert_eq!(convergence(&done, Some("pg0"), Some("pg1"), Some(1)), Ok(()));
        assert!(convergence(&cluster(&[]), Some("pg0"), Some("pg1"), Some(1)).is_err());
    }

    #[test]
    fn a_standby_cluster_converges_on_a_streaming_standby_leader_on_the_same_timeline() {
        let standby = |pg1: &str| {
            cluster(&[
                node("config", r#"{"standby_cluster":{"host":"10.0.0.1","port":5432}}"#),
                node("leader", "pg1"),
                node("members/pg1", pg1),
                node(
                    "members/pg0",
                    r#"{"state":"running","role":"replica","timeline":3,"replication_state":"streaming"}"#,
                ),
                node(
                    "members/pg2",
                    r#"{"state":"running","role":"replica","timeline":3,"replication_state":"streaming"}"#,
                ),
            ])
        };
        let done =
            standby(r#"{"state":"running","role":"standby_leader","timeline":3,"replication_state":"streaming"}"#);
        assert_eq!(convergence(&done, Some("pg0"), Some("pg1"), Some(3)), Ok(()));
        let not_streaming = standby(r#"{"state":"running","role":"standby_leader","timeline":3}"#);
        let waiting = convergence(&not_streaming, Some("pg0"), Some("pg1"), Some(3)).unwrap_err();
        assert!(waiting.contains("standby leader, streaming"), "{waiting}");
        let archive = cluster(&[
            node("config", r#"{"standby_cluster":{"restore_command":"cp /archive/%f %p"}}"#),
            node("leader", "pg1"),
            node(
                "members/pg1",
                r#"{"state":"running","role":"standby_leader","timeline":3,"replication_state":"in archive recovery"}"#,
            ),
            node("members/pg0", r#"{"state":"running","role":"replica","timeline":3,"replication_state":"streaming"}"#),
            node("members/pg2", r#"{"state":"running","role":"replica","timeline":3,"replication_state":"streaming"}"#),
        ]);
        assert_eq!(convergence(&archive, Some("pg0"), Some("pg1"), Some(3)), Ok(()), "an archive-fed standby leader");
        let p = plan(&done, &request(Some("pg0")), &Preflight::default());
        let sync = p.checks.iter().find(|c| c.name == "synchronous_mode").unwrap();
        assert!(matches!(sync.verdict, Verdict::Skipped(_)));
    }
}
