//! `restart`: PostgreSQL restarts through the agents (`POST /restart`), as patronictl sends
//! them, made a rolling restart: one member at a time, each seen back (running on a new
//! postmaster, streaming again if it streamed before) before the next is touched, and none
//! touched after one failed.
//!
//! Scheduled restarts (`--scheduled`) are only registered with each agent; there is nothing to
//! wait for.

use crate::actions::version::postgres_version_to_int;
use crate::actions::wait::{self, Expectation, MembersWait, WaitEvent};
use crate::actions::{ActionError, MemberStatus, member_status};
use crate::agent::Agents;
use crate::cluster::{Cluster, Member, is_truthy};
use crate::dcs::Dcs;
use crate::error::ErrorKind;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// patronictl's restart options.
#[derive(Debug, Clone, Default)]
pub struct RestartOptions {
    /// `--scheduled`; `None` (or `now`): at once.
    pub scheduled_at: Option<DateTime<FixedOffset>>,
    /// `--pg-version`: restart only if PostgreSQL is older.
    pub pg_version: Option<String>,
    /// `--pending`: restart only members with pending restart.
    pub pending: bool,
    /// `--timeout`, passed to the agent as given.
    pub timeout: Option<String>,
    /// `--force`: also replace a restart already scheduled on a member.
    pub force: bool,
}

impl RestartOptions {
    /// Checks what patronictl checks before sending anything.
    pub fn validate(&self, cluster: &Cluster) -> Result<(), ActionError> {
        if let Some(version) = self.pg_version.as_deref().filter(|v| !v.is_empty()) {
            postgres_version_to_int(version)?;
        }
        if let Some(timeout) = self.timeout.as_deref().filter(|t| crate::actions::parse_seconds(t).is_none()) {
            return Err(ActionError::InvalidTimeout(timeout.to_string()));
        }
        if self.scheduled_at.is_some() && cluster.is_paused() {
            return Err(ActionError::PausedNoSchedule);
        }
        Ok(())
    }

    /// The request body, as patronictl builds it.
    pub fn body(&self) -> Value {
        let mut content = Map::new();
        if self.pending {
            content.insert("restart_pending".into(), Value::Bool(true));
        }
        if let Some(version) = self.pg_version.as_deref().filter(|v| !v.is_empty()) {
            content.insert("postgres_version".into(), Value::String(version.into()));
        }
        if let Some(at) = &self.scheduled_at {
            content.insert("schedule".into(), Value::String(isoformat(at)));
        }
        if let Some(timeout) = &self.timeout {
            content.insert("timeout".into(), Value::String(timeout.clone()));
        }
        Value::Object(content)
    }
}

/// Python's `datetime.isoformat()`: microseconds only when there are some.
pub fn isoformat(at: &DateTime<FixedOffset>) -> String {
    if at.timestamp_subsec_micros() == 0 {
        at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.6f%:z").to_string()
    }
}

/// The members to restart among the selected ones: with `--pending` and no schedule, only those
/// with pending restart; with `--any`, one of them at random (patronictl's order of filters).
/// Replicas go first and the leader last (patronictl goes by name): a replica that does not
/// come back stops the rolling restart before the leader is touched.
pub fn targets<'a>(
    cluster: &Cluster,
    selected: Vec<&'a Member>,
    options: &RestartOptions,
    any: bool,
) -> Vec<&'a Member> {
    let mut members = selected;
    if options.pending && options.scheduled_at.is_none() {
        members.retain(|m| m.pending_restart);
    }
    let mut members = if any { crate::actions::pick_any(members) } else { members };
    members.sort_by_key(|m| Some(m.name.as_str()) == cluster.leader_name());
    members
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RestartResult {
    /// Restarted and seen back.
    Restarted,
    /// Registered with the agent for later (202).
    Scheduled,
    /// Another restart was already scheduled (409).
    AlreadyScheduled,
    /// The agent found the conditions asked for (`--pending`, `--pg-version`) not met.
    NotNeeded,
    /// The agent answered with a failure.
    Failed,
    /// The agent did not answer.
    Unreachable,
    /// Restarted, but not seen back within the wait.
    NotVerified,
    /// Not touched, because a member before it did not come back.
    NotAttempted,
    /// Ctrl-C.
    Interrupted,
}

/// What happened to one member.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRestart {
    pub member: String,
    pub result: RestartResult,
    pub status: Option<u16>,
    /// The agent's answer, or why there was none.
    pub message: Option<String>,
    pub postmaster_start_time_before: Option<String>,
    pub postmaster_start_time_after: Option<String>,
    /// `streaming` or `running`, once seen back.
    pub state_after: Option<String>,
    /// Seconds from the request until the member was seen back.
    pub verified_after_s: Option<f64>,
    /// For the leader: the replicas that streamed before it restarted, and the seconds until
    /// they all streamed again.
    pub replicas: Vec<String>,
    pub replicas_streaming_after_s: Option<f64>,
}

impl MemberRestart {
    fn new(member: &str, result: RestartResult) -> MemberRestart {
        MemberRestart {
            member: member.to_string(),
            result,
            status: None,
            message: None,
            postmaster_start_time_before: None,
            postmaster_start_time_after: None,
            state_after: None,
            verified_after_s: None,
            replicas: Vec::new(),
            replicas_streaming_after_s: None,
        }
    }

    /// Whether the rolling restart may go on to the next member.
    pub fn may_continue(&self) -> bool {
        matches!(self.result, RestartResult::Restarted | RestartResult::Scheduled | RestartResult::NotNeeded)
    }
}

/// Progress, for patronictl's lines (printed as each member is done) and for a spinner.
#[derive(Debug)]
pub enum RestartEvent<'a> {
    /// `DELETE /restart` before rescheduling (`--force`) failed: patronictl's `Failed: flush ...`.
    FlushFailed { member: &'a str, status: u16, body: &'a str },
    /// The restart request is on its way to this member's agent.
    Requesting { member: &'a str },
    /// The agent answered (or did not).
    Answered(&'a MemberRestart),
    /// What is still awaited before the next member.
    Waiting(&'a str),
    /// The member was seen back.
    Verified(&'a MemberRestart),
}

pub struct Execution<'a> {
    pub dcs: &'a mut Dcs,
    /// The cluster as read before the restart: who leads, who streams.
    pub cluster: &'a Cluster,
    pub agents: &'a Agents,
    /// `/service/demo/`
    pub prefix: String,
    pub scope: String,
    /// How long an agent may take to answer `POST /restart` (it answers once PostgreSQL is up).
    pub request_timeout: Duration,
    /// How long to wait, after the answer, for the member to be seen back.
    pub wait_timeout: Duration,
}

/// The longest a restart may take before Patroni gives up: `--timeout`, else the cluster's
/// `primary_start_timeout` (default 300 s); hactl lets the agent answer within that plus 30 s.
pub fn request_timeout(cluster: &Cluster, options: &RestartOptions) -> Duration {
    let start = options
        .timeout
        .as_deref()
        .and_then(crate::actions::parse_seconds)
        .unwrap_or_else(|| Duration::from_secs(cluster.primary_start_timeout()));
    start + Duration::from_secs(30)
}

/// The wait after an agent answered: a replica reconnects within a few `loop_wait`s.
pub fn wait_timeout(cluster: &Cluster) -> Duration {
    Duration::from_secs(2 * cluster.loop_wait() + 30)
}

/// Restarts `members` one at a time (or schedules their restarts) and reports each.
pub async fn rolling_restart(
    exec: Execution<'_>,
    members: &[&Member],
    options: &RestartOptions,
    progress: &mut dyn FnMut(RestartEvent),
) -> Vec<MemberRestart> {
    let Execution { dcs, cluster, agents, prefix, scope, request_timeout, wait_timeout } = exec;
    let body = options.body();
    let mut results: Vec<MemberRestart> = Vec::new();
    for member in members {
        if results.last().is_some_and(|r| !r.may_continue()) {
            results.push(MemberRestart::new(&member.name, RestartResult::NotAttempted));
            continue;
        }
        // Ctrl-C after a member was done and before the next one was asked: stop there.
        if !results.is_empty() && crate::interrupt::pressed() {
            let done: Vec<String> = results
                .iter()
                .map(|r| match r.result {
                    RestartResult::Restarted => format!("{} restarted and verified", r.member),
                    RestartResult::Scheduled => format!("a restart of {} scheduled", r.member),
                    _ => format!("{} not restarted (not needed)", r.member),
                })
                .collect();
            let mut stopped = MemberRestart::new(&member.name, RestartResult::Interrupted);
            stopped.message = Some(
                ActionError::Interrupted {
                    done: format!("{}; the restart of {} was not requested", done.join(", "), member.name),
                }
                .to_string(),
            );
            results.push(stopped);
            continue;
        }
        let result = if options.scheduled_at.is_some() {
            schedule_one(agents, member, &body, options.force, progress).await
        } else {
            let target = Target { dcs, cluster, agents, prefix: &prefix, scope: &scope };
            restart_one(target, member, &body, options, request_timeout, wait_timeout, progress).await
        };
        results.push(result);
    }
    results
}

async fn schedule_one(
    agents: &Agents,
    member: &Member,
    body: &Value,
    force: bool,
    progress: &mut dyn FnMut(RestartEvent),
) -> MemberRestart {
    if force && member.scheduled_restart.as_ref().is_some_and(is_truthy) {
        // patronictl's check_response with silent success: only a failure is printed.
        if let Ok(r) = agents.request(member, reqwest::Method::DELETE, "restart", None, SHORT_TIMEOUT).await
            && r.status >= 400
        {
            progress(RestartEvent::FlushFailed { member: &member.name, status: r.status, body: &r.body });
        }
    }
    progress(RestartEvent::Requesting { member: &member.name });
    let answer = agents.request(member, reqwest::Method::POST, "restart", Some(body), SHORT_TIMEOUT).await;
    let mut result = MemberRestart::new(&member.name, RestartResult::Failed);
    match answer {
        Ok(r) => {
            result.result = match r.status {
                202 | 200 => RestartResult::Scheduled,
                409 => RestartResult::AlreadyScheduled,
                _ => RestartResult::Failed,
            };
            result.status = Some(r.status);
            result.message = Some(r.body);
        }
        Err(e) => {
            result.result = if e.is_unreachable() { RestartResult::Unreachable } else { RestartResult::Failed };
            result.message = Some(e.to_string());
        }
    }
    progress(RestartEvent::Answered(&result));
    result
}

/// Where a restart happens.
struct Target<'a> {
    dcs: &'a mut Dcs,
    cluster: &'a Cluster,
    agents: &'a Agents,
    prefix: &'a str,
    scope: &'a str,
}

async fn restart_one(
    target: Target<'_>,
    member: &Member,
    body: &Value,
    options: &RestartOptions,
    request_timeout: Duration,
    wait_timeout: Duration,
    progress: &mut dyn FnMut(RestartEvent),
) -> MemberRestart {
    let Target { dcs, cluster, agents, prefix, scope } = target;
    let name = member.name.as_str();
    let mut result = MemberRestart::new(name, RestartResult::Failed);
    progress(RestartEvent::Requesting { member: name });
    let before: MemberStatus = match member_status(agents, member, SHORT_TIMEOUT).await {
        Ok(status) => status,
        Err(e) => {
            result.result = if e.is_unreachable() { RestartResult::Unreachable } else { RestartResult::Failed };
            result.message = Some(e.to_string());
            progress(RestartEvent::Answered(&result));
            return result;
        }
    };
    result.postmaster_start_time_before = before.postmaster_start_time.clone();
    let streamed = before.replication_state.as_deref() == Some("streaming") || member.is_streaming();
    // From the request on, Ctrl-C is answered with what was already sent (also during the wait).
    crate::interrupt::listen();
    let sent = Instant::now();
    let request = agents.request(member, reqwest::Method::POST, "restart", Some(body), request_timeout);
    let answer = tokio::select! {
        answer = request => answer,
        () = crate::interrupt::requested() => {
            result.result = RestartResult::Interrupted;
            result.message = Some(
                ActionError::Interrupted {
                    done: format!(
                        "the restart request to the agent of {name} was under way, without an answer yet; PostgreSQL may be restarting"
                    ),
                }
                .to_string(),
            );
            return result;
        }
    };
    match answer {
        Ok(r) => {
            result.status = Some(r.status);
            result.message = Some(r.body.clone());
            let conditional = options.pending || options.pg_version.as_deref().is_some_and(|v| !v.is_empty());
            result.result = match r.status {
                200 => RestartResult::Restarted,
                503 if conditional && r.body.trim() == "restart conditions are not satisfied" => {
                    RestartResult::NotNeeded
                }
                _ => RestartResult::Failed,
            };
        }
        Err(e) => {
            result.result = if e.is_unreachable() { RestartResult::Unreachable } else { RestartResult::Failed };
            result.message = Some(e.to_string());
        }
    }
    progress(RestartEvent::Answered(&result));
    if result.result != RestartResult::Restarted {
        return result;
    }

    let mut expectations = vec![Expectation {
        member: name.to_string(),
        postmaster_before: before.postmaster_start_time.clone(),
        streaming: streamed,
        pending_cleared: member.pending_restart,
    }];
    // The leader's restart cuts its replicas off; they reconnect within seconds. Done means
    // they stream again.
    if cluster.leader_name() == Some(name) {
        result.replicas =
            cluster.members.iter().filter(|m| m.name != name && m.is_streaming()).map(|m| m.name.clone()).collect();
        expectations.extend(result.replicas.iter().map(|replica| Expectation {
            member: replica.clone(),
            postmaster_before: None,
            streaming: true,
            pending_cleared: false,
        }));
    }
    let done = format!("the agent of {name} restarted PostgreSQL");
    let mut report = |event: WaitEvent| {
        if let WaitEvent::Waiting(what) = event {
            progress(RestartEvent::Waiting(what));
        }
    };
    let wait = MembersWait { prefix, scope, expectations, since: sent, timeout: wait_timeout, done };
    match wait::wait_members(dcs, agents, wait, &mut report).await {
        Ok(ready) => {
            for entry in ready {
                if entry.member == name {
                    result.postmaster_start_time_after = entry.postmaster_start_time;
                    result.state_after = Some(entry.state);
                    result.verified_after_s = Some(entry.after_s);
                } else {
                    let latest = result.replicas_streaming_after_s.unwrap_or(0.0).max(entry.after_s);
                    result.replicas_streaming_after_s = Some(latest);
                }
            }
            progress(RestartEvent::Verified(&result));
        }
        Err(e @ ActionError::Interrupted { .. }) => {
            result.result = RestartResult::Interrupted;
            result.message = Some(e.to_string());
        }
        Err(e) => {
            result.result = RestartResult::NotVerified;
            result.message = Some(e.to_string());
        }
    }
    result
}

const SHORT_TIMEOUT: Duration = Duration::from_secs(10);

/// The worst member result of a rolling restart, with its kind and message: Ctrl-C first, then a
/// failure, then an agent that did not answer, then a restart not seen back. `None`: it succeeded.
pub fn failure(results: &[MemberRestart]) -> Option<(ErrorKind, String)> {
    let find = |wanted: RestartResult| results.iter().find(|r| r.result == wanted);
    let message = |r: &MemberRestart| r.message.clone().unwrap_or_default();
    if let Some(r) = find(RestartResult::Interrupted) {
        return Some((ErrorKind::Interrupted, message(r)));
    }
    if let Some(r) = find(RestartResult::Failed).or_else(|| find(RestartResult::AlreadyScheduled)) {
        return Some((ErrorKind::Failed, format!("the restart of {} failed: {}", r.member, message(r).trim())));
    }
    if let Some(r) = find(RestartResult::Unreachable) {
        return Some((ErrorKind::Unreachable, message(r)));
    }
    find(RestartResult::NotVerified).map(|r| (ErrorKind::NotConfirmed, message(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::test_cluster;

    fn cluster() -> Cluster {
        test_cluster(
            "demo",
            &[
                ("config", r#"{"loop_wait":2,"pause":true}"#),
                ("leader", "pg0"),
                ("members/pg0", r#"{"role":"primary"}"#),
                ("members/pg1", r#"{"role":"replica","pending_restart":true}"#),
                ("members/pg2", r#"{"role":"replica"}"#),
            ],
        )
    }

    #[test]
    fn body_is_patronictls_content() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T02:00:00+01:00").unwrap();
        let options = RestartOptions {
            scheduled_at: Some(at),
            pg_version: Some("15.19".into()),
            pending: true,
            timeout: Some("5min".into()),
            force: false,
        };
        assert_eq!(
            options.body().to_string(),
            r#"{"restart_pending":true,"postgres_version":"15.19","schedule":"2026-12-01T02:00:00+01:00","timeout":"5min"}"#
        );
        assert_eq!(RestartOptions::default().body().to_string(), "{}");
    }

    #[test]
    fn pending_keeps_only_pending_members_unless_scheduled() {
        let c = cluster();
        let all: Vec<&Member> = c.members.iter().collect();
        let pending = RestartOptions { pending: true, ..RestartOptions::default() };
        let names = |v: Vec<&Member>| v.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(targets(&c, all.clone(), &pending, false)), ["pg1"]);
        assert_eq!(names(targets(&c, all.clone(), &RestartOptions::default(), false)), ["pg1", "pg2", "pg0"]);
        let scheduled = RestartOptions {
            scheduled_at: Some(DateTime::parse_from_rfc3339("2026-12-01T02:00:00+01:00").unwrap()),
            ..pending
        };
        assert_eq!(targets(&c, all.clone(), &scheduled, false).len(), 3);
        assert_eq!(targets(&c, all, &RestartOptions::default(), true).len(), 1);
    }

    #[test]
    fn refusals_before_anything_is_sent() {
        let c = cluster();
        let scheduled = RestartOptions {
            scheduled_at: Some(DateTime::parse_from_rfc3339("2026-12-01T02:00:00+01:00").unwrap()),
            ..RestartOptions::default()
        };
        assert_eq!(scheduled.validate(&c).unwrap_err().to_string(), "Can't schedule restart in the paused state");
        let bad = RestartOptions { pg_version: Some("9.6".into()), ..RestartOptions::default() };
        assert!(bad.validate(&c).unwrap_err().to_string().starts_with("Invalid PostgreSQL version format"));
        let bad = RestartOptions { timeout: Some("abc".into()), ..RestartOptions::default() };
        let error = bad.validate(&c).unwrap_err();
        assert!(error.to_string().starts_with("--timeout: \"abc\" is not a duration Patroni accepts"), "{error}");
        assert_eq!(crate::error::Classify::kind(&error), crate::error::ErrorKind::Usage);
        let good = RestartOptions { timeout: Some("5min".into()), ..RestartOptions::default() };
        assert!(good.validate(&c).is_ok());
        assert_eq!(wait_timeout(&c), Duration::from_secs(34));
    }
}
