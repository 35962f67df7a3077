//! `pause` and `resume`: maintenance mode on and off.
//!
//! As patronictl does: `PATCH /config {"pause": true|null}` on the agents, leader first, until
//! one answers; only to agents that answer `GET /patroni` within 3 s, so that no frozen agent
//! holds a request it would apply late. Where patronictl then gives up (`Can not find accessible cluster member`), hactl
//! writes the `/config` key in etcd itself, with a compare-and-swap on the revision it read, so
//! that a cluster with no leader, or no agent answering, can still be paused. `--wait` watches
//! the member keys until each member that had an agent reports the new state.

use crate::actions::ActionError;
use crate::actions::wait::{self, PauseWait, PauseWaitFor};
use crate::agent::{AgentError, Agents};
use crate::cluster::{Cluster, Member};
use crate::clusters::ClusterSnapshot;
use crate::dcs::Dcs;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How the new state reached the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "via")]
pub enum PauseVia {
    /// An agent applied it (`PATCH /config` answered 200).
    Agent { member: String },
    /// An agent answered with another status: nothing was changed.
    Refused { member: String, status: u16, body: String },
    /// No agent answered; hactl wrote the `/config` key in etcd.
    Dcs,
}

#[derive(Debug, Clone, Serialize)]
pub struct PauseOutcome {
    pub cluster: String,
    pub paused: bool,
    #[serde(flatten)]
    pub via: PauseVia,
    /// Agents that did not answer, in patronictl's order (leader first), with the reason.
    pub unreachable: Vec<String>,
    /// With `--wait`: whether every member reported the new state in time.
    pub wait: Option<PauseWait>,
}

/// Progress, for the lines patronictl prints and for a spinner.
#[derive(Debug)]
pub enum PauseEvent<'a> {
    /// The request was applied (as told, without `wait`); the wait for the members starts.
    Sent(&'a PauseOutcome),
    /// What is still awaited.
    Progress(&'a str),
}

/// The default `--wait` bound: a member notices within one `loop_wait` (the agent that took the
/// request at once); a member that died drops out when its key expires after `ttl`.
pub fn default_timeout(cluster: &Cluster) -> Duration {
    Duration::from_secs(cluster.ttl() + cluster.loop_wait() + 10)
}

/// The `/config` value with the pause flag set or cleared, as Patroni's `patch_config` does
/// with `{"pause": true}` or `{"pause": null}`.
pub fn patched_config(config: &serde_json::Map<String, Value>, paused: bool) -> String {
    let mut data = config.clone();
    if paused {
        data.insert("pause".into(), Value::Bool(true));
    } else {
        data.shift_remove("pause");
    }
    Value::Object(data).to_string()
}

/// Pauses (`paused`) or resumes the cluster read in `read`; with `wait`, waits up to that long
/// for every member to report it.
pub async fn toggle_pause(
    dcs: &mut Dcs,
    agents: &Agents,
    read: &ClusterSnapshot,
    paused: bool,
    wait: Option<Duration>,
    progress: &mut dyn FnMut(PauseEvent),
) -> Result<PauseOutcome, ActionError> {
    let cluster = &read.cluster;
    if cluster.is_paused() == paused {
        return Err(ActionError::PauseState { paused });
    }
    let body = json!({ "pause": if paused { Value::Bool(true) } else { Value::Null } });
    let word = if paused { "pause" } else { "resume" };
    let started = Instant::now();
    let mut unreachable = Vec::new();
    let mut via = None;
    // From the first request on, Ctrl-C is answered with what was already sent.
    crate::interrupt::listen();
    let candidates = cluster.agents_leader_first();
    let silent = tokio::select! {
        silent = silent_agents(agents, &candidates) => silent,
        () = crate::interrupt::requested() => {
            return Err(ActionError::Interrupted { done: format!("nothing; no {word} request was sent") });
        }
    };
    for member in candidates {
        if let Some(reason) = silent.get(&member.name) {
            unreachable.push(format!("{reason}; it was not sent the {word} request"));
            continue;
        }
        let request = agents.request(member, reqwest::Method::PATCH, "config", Some(&body), REQUEST_TIMEOUT);
        let answer = tokio::select! {
            answer = request => answer,
            () = crate::interrupt::requested() => {
                return Err(ActionError::Interrupted {
                    done: format!(
                        "the {word} request to the agent of {} was under way, without an answer yet; it may still be applied",
                        member.name
                    ),
                });
            }
        };
        match answer {
            Ok(r) if r.status == 200 => {
                via = Some(PauseVia::Agent { member: member.name.clone() });
                break;
            }
            Ok(r) => {
                via = Some(PauseVia::Refused { member: member.name.clone(), status: r.status, body: r.body });
                break;
            }
            Err(e @ AgentError::Timeout { .. }) => {
                // It answered a moment ago, so it may have taken the request and apply it late.
                unreachable.push(format!("{e}; it may still apply the {word} request when it answers again"));
            }
            Err(e @ (AgentError::Unreachable { .. } | AgentError::NoApiUrl { .. })) => {
                unreachable.push(e.to_string());
            }
            Err(e) => return Err(e.into()),
        }
    }
    let via = match via {
        Some(via) => via,
        None => {
            let config = cluster.config.as_ref().ok_or_else(|| ActionError::NoConfig { cluster: read.name.clone() })?;
            let value = patched_config(&config.data, paused);
            if !dcs.compare_and_put(&format!("{}config", read.prefix), &value, config.mod_revision).await? {
                return Err(ActionError::ConfigChanged { cluster: read.name.clone() });
            }
            PauseVia::Dcs
        }
    };
    let mut outcome = PauseOutcome { cluster: read.name.clone(), paused, via, unreachable, wait: None };
    if matches!(outcome.via, PauseVia::Refused { .. }) {
        return Ok(outcome);
    }
    if let Some(timeout) = wait {
        progress(PauseEvent::Sent(&outcome));
        // `wait_until_pause_is_applied` waits for the members that had an agent at the start.
        let watched: Vec<String> = cluster.agents_leader_first().iter().map(|m| m.name.clone()).collect();
        let done = match &outcome.via {
            PauseVia::Agent { member } => format!("the {word} request was accepted by the agent of {member}"),
            _ => format!("the {word} was written to the /config key of cluster {} in etcd", read.name),
        };
        let mut report = |what: &str| progress(PauseEvent::Progress(what));
        outcome.wait = Some(
            wait::wait_pause(
                dcs,
                agents,
                PauseWaitFor {
                    prefix: &read.prefix,
                    scope: &read.name,
                    paused,
                    watched,
                    sent_after: read.snapshot.revision,
                    since: started,
                    timeout,
                    done,
                },
                &mut report,
            )
            .await?,
        );
    }
    Ok(outcome)
}

const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How long an agent may take to answer `GET /patroni` before it is passed over.
const AGENT_CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// The agents among `members` that do not answer `GET /patroni` within
/// [`AGENT_CHECK_TIMEOUT`], asked all at once, with why. The request goes only to an agent that
/// answers: a frozen agent keeps a request sent to it and applies it when it wakes, which can be
/// after a later `resume` (patronictl hangs there; sending it on to the next agent left the
/// cluster paused after a successful resume).
async fn silent_agents(agents: &Agents, members: &[&Member]) -> BTreeMap<String, String> {
    let answers = agents.get_json_each(members.iter().copied(), "patroni", AGENT_CHECK_TIMEOUT).await;
    answers
        .into_iter()
        .filter_map(|(member, answer)| {
            answer.err().filter(AgentError::is_unreachable).map(|e| (member.name.clone(), e.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_patch_sets_or_removes_pause_and_keeps_the_rest() {
        let config: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"ttl":30,"loop_wait":10,"postgresql":{"parameters":{"max_connections":100}}}"#)
                .unwrap();
        let paused = patched_config(&config, true);
        assert_eq!(
            paused,
            r#"{"ttl":30,"loop_wait":10,"postgresql":{"parameters":{"max_connections":100}},"pause":true}"#
        );
        let back: serde_json::Map<String, Value> = serde_json::from_str(&paused).unwrap();
        assert_eq!(
            patched_config(&back, false),
            r#"{"ttl":30,"loop_wait":10,"postgresql":{"parameters":{"max_connections":100}}}"#
        );
    }
}
