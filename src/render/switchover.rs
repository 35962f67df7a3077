//! `hactl switchover` and `hactl failover` as text: the plan of `--dry-run`, why a candidate was
//! chosen, and the outcome with its verification.

use crate::engine::{Action, Delivery, LeaderChange, LeaderLoss, Outcome, Plan, Verdict};
use crate::render::{ListFormat, Listing, render_members};

/// `--dry-run`: every check and its verdict, and whether the action would proceed.
pub fn plan_text(plan: &Plan) -> String {
    let mut text = format!(
        "Plan: {} of cluster {} from {} to {}{}\n",
        plan.action.as_str(),
        plan.cluster,
        plan.leader.as_deref().unwrap_or("(no leader)"),
        plan.candidate.as_deref().unwrap_or("(no candidate)"),
        plan.scheduled_at.as_ref().map(|at| format!(" at {at}")).unwrap_or_default()
    );
    for check in &plan.checks {
        let verdict = match &check.verdict {
            Verdict::Passed => "passed",
            Verdict::Failed(_) => "FAILED",
            Verdict::NeedsConfirmation(_) => "confirm",
            Verdict::Skipped(_) => "skipped",
        };
        text.push_str(&format!("  {verdict:<8} {:<22} {}\n", check.name, check.detail));
    }
    for other in &plan.passed_over {
        text.push_str(&format!("  passed over {}: {}\n", other.member, other.reason));
    }
    text.push_str(if plan.refusal().is_some() {
        "Verdict: refused; nothing would be changed\n"
    } else {
        "Verdict: would proceed\n"
    });
    text
}

/// Why hactl picked the candidate, and passed over each other member (no --candidate given).
pub fn chosen_line(plan: &Plan) -> String {
    let mut line = plan.checks.iter().find(|c| c.name == "candidate").map(|c| c.detail.clone()).unwrap_or_default();
    for other in &plan.passed_over {
        line.push_str(&format!("; passed over {}: {}", other.member, other.reason));
    }
    line
}

/// What the switchover or failover of cluster `name` did, each line as patronictl prints it
/// after `stamp` (the time it ended), then hactl's verification.
pub fn outcome_text(name: &str, outcome: &Outcome, stamp: &str, colour: bool) -> String {
    let title = match outcome.action {
        Action::Switchover => "switchover",
        Action::Failover => "failover",
    };
    let mut text = match &outcome.delivery {
        Delivery::Agent { message, .. } => format!("{stamp} {message}\n"),
        Delivery::Dcs { reason } => {
            format!(
                "{stamp} Could not {title} using Patroni api, falling back to DCS\n({reason}; the /failover key was written in etcd)\n"
            )
        }
        Delivery::NotDelivered { .. } => {
            let lost = outcome.leader_change.as_ref().map_or(String::new(), |change| format!(": {}", how_lost(change)));
            format!(
                "{stamp} The {title} request was not delivered{lost} before its agent answered; no /failover key was written\n"
            )
        }
    };
    if let Some(at) = &outcome.scheduled_at {
        text.push_str(&format!(
            "{} scheduled at {at}; `hactl flush {name} switchover` cancels it\n",
            capitalise(title)
        ));
        return text;
    }
    if let Some(cluster) = &outcome.cluster {
        text.push_str(&render_members(&Listing::single(name, cluster), ListFormat::Pretty, false, colour));
    }
    let tl = |t: Option<u64>| t.map_or("?".to_string(), |t| t.to_string());
    // Never "verified" for a handover that did not happen: say how the leadership moved.
    let change = outcome.leader_change.as_ref();
    let moved_by_itself = change
        .filter(|c| c.cause == LeaderLoss::LeaseExpiry || matches!(outcome.delivery, Delivery::NotDelivered { .. }));
    match (outcome.converged_after_s, moved_by_itself) {
        (Some(converged), Some(change)) => {
            let headline = match change.cause {
                LeaderLoss::LeaseExpiry => "Leadership moved by lease expiry, not handed over".to_string(),
                LeaderLoss::Released => format!("Leadership moved on its own (the {title} request was not delivered)"),
            };
            let window = change.taken_after_s.map_or(String::new(), |taken| {
                format!(", new leader key after {taken:.1}s (no leader for {:.1}s)", taken - change.lost_after_s)
            });
            text.push_str(&format!(
                "{headline}: leader {} -> {}, timeline {} -> {}; {}{window}, all members streaming after {converged:.1}s\n",
                outcome.old_leader.as_deref().unwrap_or("(none)"),
                outcome.new_leader.as_deref().unwrap_or("(none)"),
                tl(outcome.timeline_before),
                tl(outcome.timeline_after),
                how_lost(change),
            ));
        }
        (Some(converged), None) => text.push_str(&format!(
            "{} verified: leader {} -> {}, timeline {} -> {}; new leader key after {:.1}s, all members streaming after {:.1}s\n",
            capitalise(title),
            outcome.old_leader.as_deref().unwrap_or("(none)"),
            outcome.new_leader.as_deref().unwrap_or("(none)"),
            tl(outcome.timeline_before),
            tl(outcome.timeline_after),
            outcome.leader_after_s.unwrap_or(converged),
            converged
        )),
        (None, _) => {
            text.push_str(&format!("{} accepted; not waiting for the outcome (--no-wait)\n", capitalise(title)))
        }
    }
    if !outcome.missing.is_empty() {
        text.push_str(&format!(
            "Not streaming (not running before the {title}, so not awaited): {}\n",
            outcome.missing.join(", ")
        ));
    }
    text
}

/// `pg1's leader lease expired after 22.4s`.
fn how_lost(change: &LeaderChange) -> String {
    match change.cause {
        LeaderLoss::LeaseExpiry => {
            format!("{}'s leader lease expired after {:.1}s", change.leader, change.lost_after_s)
        }
        LeaderLoss::Released => format!("the leader key left {} after {:.1}s", change.leader, change.lost_after_s),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
