//! Waiting for members to show the outcome of an action: back up after a restart or a reinit,
//! or reporting the new pause state.
//!
//! An etcd watch on the cluster's keys (started right after a snapshot, so nothing is missed)
//! drives every wait. The member key shows `state`, `replication_state` and `pause`; it does not
//! show whether PostgreSQL was restarted (a replica restarted in a second publishes the same
//! key as before), so for restarts and reinits the member's agent is also asked (`GET /patroni`)
//! for a new `postmaster_start_time`, whenever the key already looks right.

use crate::actions::{ActionError, MemberStatus, member_status};
use crate::agent::Agents;
use crate::cluster::{Cluster, Member};
use crate::dcs::{Dcs, apply_changes};
use crate::interrupt;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How often the agent is asked again while its member key already looks right.
const PROBE_INTERVAL: Duration = Duration::from_secs(1);
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// What a member must show to count as back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub member: String,
    /// `postmaster_start_time` before the action: the agent must report another one.
    pub postmaster_before: Option<String>,
    /// `replication_state` must be `streaming` (a replica that streamed before, or a reinit).
    pub streaming: bool,
    /// The member key must no longer show `pending_restart` (it did before a restart).
    pub pending_cleared: bool,
}

/// A member seen back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ready {
    pub member: String,
    /// Seconds since the action was sent.
    pub after_s: f64,
    pub postmaster_start_time: Option<String>,
    /// `streaming` or `running`.
    pub state: String,
}

/// Progress of a wait, for a spinner and for lines printed as members come back.
#[derive(Debug)]
pub enum WaitEvent<'a> {
    /// What is still awaited, in words.
    Waiting(&'a str),
    Ready(&'a Ready),
}

/// The member key's side: `Ok` when the DCS shows the member running (and streaming when
/// expected); otherwise what is awaited.
pub fn dcs_ready(cluster: &Cluster, expect: &Expectation) -> Result<(), String> {
    let name = &expect.member;
    let Some(member) = cluster.members.iter().find(|m| &m.name == name) else {
        return Err(format!("waiting for {name} to publish its state"));
    };
    if !member.is_running() {
        return Err(format!("{name} is {}", member.state_or_unknown()));
    }
    if expect.streaming && !member.is_streaming() {
        return Err(format!("{name} is running, not streaming yet"));
    }
    if expect.pending_cleared && member.pending_restart {
        return Err(format!("{name} still shows pending restart"));
    }
    Ok(())
}

/// The agent's side: running, on a new postmaster, streaming when expected.
pub fn agent_ready(status: &MemberStatus, expect: &Expectation) -> Result<(), String> {
    let name = &expect.member;
    let state = status.state.as_deref().unwrap_or("unknown");
    if state != "running" {
        return Err(format!("{name} reports {state}"));
    }
    if let Some(before) = &expect.postmaster_before
        && status.postmaster_start_time.as_ref() == Some(before)
    {
        return Err(format!("{name} still runs the postmaster started at {before}"));
    }
    if expect.streaming && status.replication_state.as_deref() != Some("streaming") {
        let now = status.replication_state.as_deref().unwrap_or("not replicating");
        return Err(format!("{name} is running, not streaming yet ({now})"));
    }
    Ok(())
}

/// What to wait for after an action: the members expected back in the cluster under `prefix`.
pub struct MembersWait<'a> {
    /// The cluster's key prefix, `/service/demo/`.
    pub prefix: &'a str,
    pub scope: &'a str,
    pub expectations: Vec<Expectation>,
    /// When the action was sent, for the reported times.
    pub since: Instant,
    pub timeout: Duration,
    /// What was done, for the error when the wait times out or is interrupted.
    pub done: String,
}

/// Waits until every expected member is back, in the DCS and on its agent; a Ctrl-C (see
/// [`crate::interrupt`]) ends it at once, even in the middle of a probe.
pub async fn wait_members(
    dcs: &mut Dcs,
    agents: &Agents,
    wait: MembersWait<'_>,
    progress: &mut dyn FnMut(WaitEvent),
) -> Result<Vec<Ready>, ActionError> {
    let mut waiting = String::new();
    let done = wait.done.clone();
    let watching = watch_members(dcs, agents, wait, progress, &mut waiting);
    let finished = tokio::select! {
        result = watching => Some(result),
        () = interrupt::requested() => None,
    };
    finished
        .unwrap_or_else(|| {
            let done = match waiting.as_str() {
                "" => done.clone(),
                waiting => format!("{done}; not yet seen back: {waiting}"),
            };
            Err(ActionError::Interrupted { done })
        })
        .map_err(|e| made_but_unverified(e, done))
}

/// A DCS failure while waiting comes after the change was made: say so.
fn made_but_unverified(error: ActionError, done: String) -> ActionError {
    match error {
        ActionError::Dcs(source) => ActionError::WaitFailed { done, source },
        other => other,
    }
}

/// [`wait_members`] without Ctrl-C; `waiting` keeps what is still awaited, in words.
async fn watch_members(
    dcs: &mut Dcs,
    agents: &Agents,
    wait: MembersWait<'_>,
    progress: &mut dyn FnMut(WaitEvent),
    waiting: &mut String,
) -> Result<Vec<Ready>, ActionError> {
    let MembersWait { prefix, scope, expectations, since, timeout, done } = wait;
    let snapshot = dcs.snapshot(prefix).await?;
    let mut nodes = snapshot.nodes;
    let mut watch = dcs.watch(prefix, snapshot.revision + 1).await?;
    let deadline = tokio::time::Instant::now() + timeout;
    let mut pending = expectations;
    let mut ready = Vec::new();
    let mut vanished = BTreeMap::new();
    loop {
        let cluster = Cluster::from_nodes(scope, &nodes);
        let mut still = Vec::new();
        let mut reasons = Vec::new();
        for expect in pending {
            let verdict = match dcs_ready(&cluster, &expect) {
                // Awaited all the same: the member was planned, not found in the last read.
                Err(_) if cluster.member(&expect.member).is_none() => {
                    let gone = *vanished.entry(expect.member.clone()).or_insert_with(|| since.elapsed());
                    Err(no_member_key(&expect.member, gone))
                }
                Err(why) => Err(why),
                Ok(()) => probe(agents, &cluster, &expect).await,
            };
            if cluster.member(&expect.member).is_some() {
                vanished.remove(&expect.member);
            }
            match verdict {
                Ok(status) => {
                    let entry = Ready {
                        member: expect.member.clone(),
                        after_s: crate::units::seconds_ms(since.elapsed()),
                        postmaster_start_time: status.postmaster_start_time,
                        state: if expect.streaming { "streaming".into() } else { "running".into() },
                    };
                    progress(WaitEvent::Ready(&entry));
                    ready.push(entry);
                }
                Err(why) => {
                    reasons.push(why);
                    still.push(expect);
                }
            }
        }
        pending = still;
        if pending.is_empty() {
            return Ok(ready);
        }
        let now_waiting = reasons.join("; ");
        if now_waiting != *waiting {
            progress(WaitEvent::Waiting(&now_waiting));
            *waiting = now_waiting;
        }
        tokio::select! {
            changes = watch.next() => apply_changes(&mut nodes, changes?),
            _ = tokio::time::sleep(PROBE_INTERVAL) => {}
            _ = tokio::time::sleep_until(deadline) => {
                return Err(ActionError::NotVerified { what: done, timeout, waiting: waiting.clone() });
            }
        }
    }
}

/// A member awaited whose key is gone, and since when (from the request).
fn no_member_key(name: &str, since: Duration) -> String {
    format!("{name} has published no member key since {:.1}s (its key expired or was removed)", since.as_secs_f64())
}

async fn probe(agents: &Agents, cluster: &Cluster, expect: &Expectation) -> Result<MemberStatus, String> {
    let member: &Member = cluster.members.iter().find(|m| m.name == expect.member).ok_or("gone")?;
    let status = member_status(agents, member, PROBE_TIMEOUT).await.map_err(|e| e.to_string())?;
    agent_ready(&status, expect)?;
    Ok(status)
}

/// Where each watched member stands on the new pause state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PauseProgress {
    /// The key reports the old state.
    pub remaining: Vec<String>,
    /// The key reports the new state but was not written since the request: it may never have
    /// reported the old one (a dead agent), so the agent must confirm it.
    pub unconfirmed: Vec<String>,
    /// The key was written since the request and reports the new state.
    pub applied: Vec<String>,
    /// Watched, but with no member key now: still awaited (a member that comes back reads the
    /// pause state from `/config`, but has not said so).
    pub vanished: Vec<String>,
}

/// Where the members among `watched` stand. `sent_after` is the revision read before the
/// request: a key written later that shows the new state was written by an agent that saw it.
/// A member whose key is gone is still awaited (patronictl drops it), in `vanished`.
pub fn pause_progress(cluster: &Cluster, paused: bool, watched: &[String], sent_after: i64) -> PauseProgress {
    let vanished = watched.iter().filter(|n| cluster.member(n).is_none()).cloned().collect();
    let mut progress = PauseProgress { vanished, ..PauseProgress::default() };
    for m in cluster.members.iter().filter(|m| watched.contains(&m.name)) {
        let bucket = if m.paused != paused {
            &mut progress.remaining
        } else if m.mod_revision > sent_after {
            &mut progress.applied
        } else {
            &mut progress.unconfirmed
        };
        bucket.push(m.name.clone());
    }
    progress
}

/// How a pause wait ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum PauseWait {
    /// Every watched member still there reports the new state (none may be left).
    Applied { after_s: f64, members: Vec<String> },
    /// These members did not report it within the timeout; `vanished` are those of them that
    /// had no member key by then.
    NotApplied { remaining: Vec<String>, vanished: Vec<String>, timeout_s: f64 },
}

/// What to wait for after a pause or resume: every member in `watched` reporting `pause` =
/// `paused`, in its key written since revision `sent_after`, or, for a key that showed it
/// already, on its agent (`GET /patroni`).
pub struct PauseWaitFor<'a> {
    /// The cluster's key prefix, `/service/demo/`.
    pub prefix: &'a str,
    pub scope: &'a str,
    pub paused: bool,
    pub watched: Vec<String>,
    pub sent_after: i64,
    /// When the request was sent, for the reported times and the deadline.
    pub since: Instant,
    /// From `since`.
    pub timeout: Duration,
    /// How the request got there, for the error when the wait is interrupted.
    pub done: String,
}

/// Waits for [`PauseWaitFor`]; a Ctrl-C (see [`crate::interrupt`]) ends it at once.
pub async fn wait_pause(
    dcs: &mut Dcs,
    agents: &Agents,
    wait: PauseWaitFor<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<PauseWait, ActionError> {
    let mut remaining = wait.watched.clone();
    let (paused, done) = (wait.paused, wait.done.clone());
    let watching = watch_pause(dcs, agents, wait, progress, &mut remaining);
    let finished = tokio::select! {
        result = watching => Some(result),
        () = interrupt::requested() => None,
    };
    finished
        .unwrap_or_else(|| {
            let what = if paused { "pause" } else { "resume" };
            Err(ActionError::Interrupted {
                done: format!("{done}; the {what} was not yet reported by {}", remaining.join(", ")),
            })
        })
        .map_err(|e| made_but_unverified(e, done))
}

/// [`wait_pause`] without Ctrl-C; `remaining` keeps the members that did not report it yet.
async fn watch_pause(
    dcs: &mut Dcs,
    agents: &Agents,
    wait: PauseWaitFor<'_>,
    progress: &mut dyn FnMut(&str),
    remaining: &mut Vec<String>,
) -> Result<PauseWait, ActionError> {
    let PauseWaitFor { prefix, scope, paused, watched, sent_after, since, timeout, done: _ } = wait;
    let snapshot = dcs.snapshot(prefix).await?;
    let mut nodes = snapshot.nodes;
    let mut watch = dcs.watch(prefix, snapshot.revision + 1).await?;
    // Counted from the request (`since`): an agent that kept the request waiting used part of it.
    let deadline = tokio::time::Instant::from_std(since) + timeout;
    let mut confirmed: Vec<String> = Vec::new();
    let mut last = String::new();
    let mut vanished_since = BTreeMap::new();
    loop {
        let cluster = Cluster::from_nodes(scope, &nodes);
        let mut state = pause_progress(&cluster, paused, &watched, sent_after);
        vanished_since.retain(|name: &String, _| state.vanished.contains(name));
        for name in &state.vanished {
            vanished_since.entry(name.clone()).or_insert_with(|| since.elapsed());
        }
        remaining.clone_from(&state.remaining);
        remaining.extend(state.unconfirmed.iter().cloned());
        remaining.extend(state.vanished.iter().cloned());
        for name in std::mem::take(&mut state.unconfirmed) {
            let member = cluster.member(&name);
            let agrees = confirmed.contains(&name)
                || match member {
                    Some(m) => agents
                        .get_json(m, "patroni", PROBE_TIMEOUT)
                        .await
                        .is_ok_and(|(_, body)| body.get("pause").and_then(Value::as_bool).unwrap_or(false) == paused),
                    None => true,
                };
            if agrees {
                confirmed.push(name.clone());
                state.applied.push(name);
            } else {
                state.remaining.push(name);
            }
        }
        if state.remaining.is_empty() && state.vanished.is_empty() {
            let members = cluster.members.iter().filter(|m| watched.contains(&m.name)).map(|m| m.name.clone());
            return Ok(PauseWait::Applied {
                after_s: crate::units::seconds_ms(since.elapsed()),
                members: members.collect(),
            });
        }
        let mut words = Vec::new();
        if !state.remaining.is_empty() {
            words.push(format!("waiting for {} to report the new state", state.remaining.join(", ")));
        }
        words.extend(vanished_since.iter().map(|(name, gone)| no_member_key(name, *gone)));
        let now = words.join("; ");
        state.remaining.extend(state.vanished.iter().cloned());
        if now != last {
            progress(&now);
            last = now;
        }
        remaining.clone_from(&state.remaining);
        tokio::select! {
            changes = watch.next() => apply_changes(&mut nodes, changes?),
            _ = tokio::time::sleep(PROBE_INTERVAL) => {}
            _ = tokio::time::sleep_until(deadline) => {
                let (remaining, vanished, timeout_s) = (state.remaining, state.vanished, timeout.as_secs_f64());
                return Ok(PauseWait::NotApplied { remaining, vanished, timeout_s });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cluster::test_cluster;
    use crate::dcs::DcsError;
    use crate::error::{Classify, ErrorKind};

    fn cluster(pg1: &str) -> Cluster {
        test_cluster(
            "demo",
            &[
                ("leader", "pg0"),
                ("members/pg0", r#"{"role":"primary","state":"running","pause":true}"#),
                ("members/pg1", pg1),
            ],
        )
    }

    fn expect(streaming: bool) -> Expectation {
        Expectation { member: "pg1".into(), postmaster_before: Some("t0".into()), streaming, pending_cleared: true }
    }

    #[test]
    fn dcs_side_needs_running_and_streaming() {
        let streaming = cluster(r#"{"state":"running","replication_state":"streaming"}"#);
        assert_eq!(dcs_ready(&streaming, &expect(true)), Ok(()));
        let creating = cluster(r#"{"state":"creating replica"}"#);
        assert_eq!(dcs_ready(&creating, &expect(true)).unwrap_err(), "pg1 is creating replica");
        let running = cluster(r#"{"state":"running"}"#);
        assert!(dcs_ready(&running, &expect(true)).unwrap_err().contains("not streaming"));
        assert_eq!(dcs_ready(&running, &expect(false)), Ok(()));
        let pending = cluster(r#"{"state":"running","pending_restart":true}"#);
        assert_eq!(dcs_ready(&pending, &expect(false)).unwrap_err(), "pg1 still shows pending restart");
    }

    #[test]
    fn agent_side_needs_a_new_postmaster() {
        let status = |t: &str, r: Option<&str>| MemberStatus {
            state: Some("running".into()),
            role: Some("replica".into()),
            postmaster_start_time: Some(t.into()),
            replication_state: r.map(Into::into),
            server_version: Some(150018),
            patroni_version: Some("4.1.5".into()),
        };
        assert!(agent_ready(&status("t0", Some("streaming")), &expect(true)).unwrap_err().contains("still runs"));
        assert!(agent_ready(&status("t1", None), &expect(true)).unwrap_err().contains("not streaming"));
        assert_eq!(agent_ready(&status("t1", Some("streaming")), &expect(true)), Ok(()));
    }

    #[test]
    fn pause_flag_as_patronictl_reads_it() {
        let c = cluster(r#"{"state":"running"}"#);
        let watched = vec!["pg0".to_string(), "pg1".to_string(), "pg9".to_string()];
        let paused = pause_progress(&c, true, &watched, 0);
        assert_eq!((paused.remaining, paused.applied), (vec!["pg1".to_string()], vec!["pg0".to_string()]));
        let resumed = pause_progress(&c, false, &watched, 0);
        assert_eq!(resumed.remaining, ["pg0"]);
        assert_eq!(resumed.applied, ["pg1"]);
        assert_eq!(paused.vanished, ["pg9"], "a watched member with no key is still awaited");
        let unwritten = pause_progress(&c, false, &watched, 5);
        assert_eq!(unwritten.unconfirmed, ["pg1"], "a key not written since the request proves nothing");
    }

    #[test]
    fn etcd_failing_the_wait_says_the_change_was_made_and_exits_5() {
        let unreachable =
            DcsError::Unreachable { endpoints: "http://127.0.0.1:2379".into(), detail: "no answer within 5s".into() };
        let error = made_but_unverified(
            ActionError::Dcs(unreachable),
            "the pause request was accepted by the agent of pg0".into(),
        );
        assert_eq!(error.kind(), ErrorKind::NotConfirmed);
        assert_eq!(
            error.to_string(),
            "the pause request was accepted by the agent of pg0, but it could not be verified: etcd unreachable at \
             http://127.0.0.1:2379: no answer within 5s; check that etcd is running and has quorum; it may still \
             complete, check with `hactl list`"
        );
        // Anything else keeps its own kind.
        let refused = made_but_unverified(ActionError::PausedNoSchedule, String::new());
        assert_eq!(refused.kind(), ErrorKind::Refused);
    }
}
