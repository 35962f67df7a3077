//! Sending the planned request (to the leader's agent, or the DCS when no agent answers) and
//! watching etcd until the outcome is known.

use super::convergence;
use super::verify::{Expected, diverted, leader_loss, not_streaming};
use super::{Action, Delivery, EngineError, Execution, LeaderChange, LeaderLoss, Outcome, Phase, Plan};
use crate::agent::AgentError;
use crate::cluster::Cluster;
use crate::dcs::apply_changes;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
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
    // From here on a Ctrl-C is kept, wherever it comes, and reported with what was sent.
    crate::interrupt::listen();
    let mut delivery: Option<Delivery> = None;
    match &plan.deliver_via_dcs {
        // The leader's agent did not answer the probe: the DCS at once (the request is never sent).
        Some(reason) => {
            progress(Phase::FallingBack { reason: reason.clone() });
            write_failover_key(dcs, &prefix, plan, old_leader.as_deref()).await?;
            delivery = Some(Delivery::Dcs { reason: reason.clone() });
        }
        None => progress(Phase::Sending { member: target.clone() }),
    }
    let request = async {
        // A leader key whose holder published no member key: no address to send to.
        let member = target_member.ok_or_else(|| AgentError::NoApiUrl { member: target.clone() })?;
        agents.request(member, reqwest::Method::POST, plan.action.as_str(), Some(&body), request_timeout).await
    };
    tokio::pin!(request);

    let mut leader_after: Option<Duration> = None;
    let mut leader_change: Option<LeaderChange> = None;
    let mut vanished = std::collections::BTreeMap::new();
    let mut waiting = String::from("waiting for the request to be accepted");
    let sent = |delivery: Option<&Delivery>| match delivery {
        Some(Delivery::Agent { member, .. }) => {
            format!("the {} request was accepted by the agent of {member}", plan.action.as_str())
        }
        Some(Delivery::Dcs { .. }) => "the /failover key was written in etcd".to_string(),
        Some(Delivery::NotDelivered { .. }) => format!("nothing was delivered (the leader key left {target} first)"),
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
        if let Some(change) = &mut leader_change
            && change.taken_after_s.is_none()
            && current.leader_name().is_some_and(|new| new != change.leader)
        {
            change.taken_after_s = Some(crate::units::seconds_ms(started.elapsed()));
        }
        if let Some(delivery) = &delivery {
            if no_wait || scheduled {
                let change = leader_change.clone();
                return Ok(outcome(plan, delivery.clone(), &before, &current, (leader_after, None), change));
            }
            for name in plan.awaited.iter().filter(|n| current.member(n).is_none()) {
                vanished.entry(name.clone()).or_insert_with(|| started.elapsed());
            }
            vanished.retain(|name, _| current.member(name).is_none());
            let expected = Expected {
                old_leader: old_leader.as_deref(),
                candidate: candidate.as_deref(),
                old_timeline: plan.timeline,
                members: &plan.awaited,
                vanished: &vanished,
            };
            match convergence(&current, &expected) {
                Ok(()) => {
                    let timings = (leader_after, Some(started.elapsed()));
                    return Ok(outcome(plan, delivery.clone(), &before, &current, timings, leader_change.clone()));
                }
                Err(what) => {
                    if let Some(actual) = diverted(&current, old_leader.as_deref(), candidate.as_deref(), plan.timeline)
                    {
                        return Err(EngineError::Diverted {
                            title: plan.action.title(),
                            expected: candidate.clone().unwrap_or_default(),
                            actual,
                            leader_change: leader_change.clone(),
                            sent: sent(Some(delivery)),
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
                    // The leader key already left the planned leader: a /failover key now would
                    // act on a cluster the plan was not made for.
                    Err(e) if (e.is_unreachable() || matches!(e, AgentError::NoApiUrl { .. }))
                        && let Some(change) = &leader_change => {
                        progress(Phase::Waiting { what: format!("the leader key left {} before its agent answered ({e}); nothing sent to the DCS", change.leader) });
                        delivery = Some(Delivery::NotDelivered { cause: change.cause });
                    }
                    Err(e) if e.is_unreachable() || matches!(e, AgentError::NoApiUrl { .. }) => {
                        let reason = e.to_string();
                        progress(Phase::FallingBack { reason: reason.clone() });
                        write_failover_key(dcs, &prefix, plan, old_leader.as_deref()).await?;
                        delivery = Some(Delivery::Dcs { reason });
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            changes = watch.next() => {
                let changes = match changes {
                    Ok(changes) => changes,
                    // The request is out (or under way): the cluster may be moving, so never
                    // "unreachable" as if nothing was done.
                    Err(source) => {
                        return Err(EngineError::WatchFailed { title: plan.action.title(), sent: sent(delivery.as_ref()), source });
                    }
                };
                if leader_change.is_none()
                    && let Some(old) = old_leader.as_deref()
                    && let Some(cause) = leader_loss(&nodes, &changes, old)
                {
                    let lost_after_s = crate::units::seconds_ms(started.elapsed());
                    leader_change = Some(LeaderChange { cause, leader: old.to_string(), lost_after_s, taken_after_s: None });
                    // An agent that hands over gives its key up; one whose lease expired has not
                    // acted on the request and can no longer: stop waiting for its answer.
                    if delivery.is_none() && cause == LeaderLoss::LeaseExpiry {
                        progress(Phase::Waiting { what: format!("{old}'s leader lease expired before its agent answered; the request was not delivered") });
                        delivery = Some(Delivery::NotDelivered { cause });
                    }
                }
                apply_changes(&mut nodes, changes);
            }
            _ = tokio::time::sleep_until(deadline) => {
                return Err(EngineError::NotVerified { title: plan.action.title(), sent: sent(delivery.as_ref()), timeout, waiting });
            }
            _ = crate::interrupt::requested() => {
                return Err(EngineError::Interrupted { sent: sent(delivery.as_ref()) });
            }
        }
    }
}

/// The DCS fallback: the `/failover` key the agents act on, as patronictl writes it when the
/// agent cannot be asked.
async fn write_failover_key(
    dcs: &mut crate::dcs::Dcs,
    prefix: &str,
    plan: &Plan,
    old_leader: Option<&str>,
) -> Result<(), crate::dcs::DcsError> {
    let mut value = serde_json::Map::new();
    if plan.action == Action::Switchover
        && let Some(l) = old_leader
    {
        value.insert("leader".into(), json!(l));
    }
    if let Some(c) = &plan.candidate {
        value.insert("member".into(), json!(c));
    }
    if let Some(at) = &plan.scheduled_at {
        value.insert("scheduled_at".into(), json!(at));
    }
    dcs.put(&format!("{prefix}failover"), &Value::Object(value).to_string()).await
}

fn outcome(
    plan: &Plan,
    delivery: Delivery,
    before: &Cluster,
    current: &Cluster,
    (leader_after, converged_after): (Option<Duration>, Option<Duration>),
    leader_change: Option<LeaderChange>,
) -> Outcome {
    let new_leader = current.leader_name().map(str::to_string);
    // Only a verified outcome has a timeline after (--no-wait and --scheduled stop at delivery).
    let timeline_after =
        converged_after.and(new_leader.as_deref()).and_then(|n| current.member(n)).and_then(|m| m.timeline);
    let missing = match converged_after {
        Some(_) => not_streaming(before, current, new_leader.as_deref(), timeline_after),
        None => Vec::new(),
    };
    Outcome {
        action: plan.action,
        delivery,
        scheduled_at: plan.scheduled_at.clone(),
        old_leader: before.leader_name().map(str::to_string),
        new_leader,
        timeline_before: plan.timeline,
        timeline_after,
        leader_after_s: leader_after.map(crate::units::seconds_ms),
        converged_after_s: converged_after.map(crate::units::seconds_ms),
        missing,
        leader_change,
        cluster: Some(current.clone()),
    }
}
