//! `hactl switchover` and `hactl failover` as text: the plan of `--dry-run`, why a candidate was
//! chosen, and the outcome with its verification.

use crate::engine::{
    Action, Check, Delivery, LeaderLoss, Outcome, Plan, PlannedRestart, RestartPlan, SavedPlan, Verdict,
};
use crate::probe::{Acknowledged, ProbeReport, ProbesReport, ReadProbeReport};
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
    text.push_str(&checks_text(&plan.checks));
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

/// Each check on its line: verdict, name, what was checked.
pub fn checks_text(checks: &[Check]) -> String {
    let mut text = String::new();
    for check in checks {
        let verdict = match &check.verdict {
            Verdict::Passed => "passed",
            Verdict::Failed(_) => "FAILED",
            Verdict::NeedsConfirmation(_) => "confirm",
            Verdict::Skipped(_) => "skipped",
        };
        text.push_str(&format!("  {verdict:<8} {:<22} {}\n", check.name, check.detail));
    }
    text
}

/// `restart --dry-run`: the members in order and every check.
pub fn restart_plan_text(plan: &RestartPlan) -> String {
    let at = plan.scheduled_at.as_ref().map(|at| format!(" at {at}")).unwrap_or_default();
    let mut text = format!("Plan: restart of cluster {}{at}: {}\n", plan.cluster, restart_words(&plan.restart));
    text.push_str(&checks_text(&plan.checks));
    text.push_str(if plan.refusal().is_some() {
        "Verdict: refused; nothing would be changed\n"
    } else if plan.restart.members.is_empty() {
        "Verdict: nothing to restart\n"
    } else {
        "Verdict: would proceed\n"
    });
    text
}

/// `pg1, pg2 one at a time, only if a restart is pending, only if PostgreSQL is older than 15.2`.
fn restart_words(restart: &PlannedRestart) -> String {
    if restart.members.is_empty() {
        return "no member".to_string();
    }
    let mut words = format!("{} one at a time", restart.members.join(", "));
    if restart.pending {
        words.push_str(", only if a restart is pending");
    }
    if let Some(version) = &restart.pg_version {
        words.push_str(&format!(", only if PostgreSQL is older than {version}"));
    }
    if let Some(timeout) = &restart.timeout {
        words.push_str(&format!(", each within {timeout}"));
    }
    words
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
/// after `stamp` (the time it ended), then hactl's verification. `paths_reached`: the probed
/// application paths (if any) reached the new leader; when not, the headline says the change is
/// verified in Patroni only.
pub fn outcome_text(name: &str, outcome: &Outcome, stamp: &str, paths_reached: bool, colour: bool) -> String {
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
            let lost =
                outcome.leader_change.as_ref().map_or(String::new(), |change| format!(": {}", change.how_lost()));
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
    // A failover does not wait for the members that were not healthy before it (named below).
    let streaming = if outcome.missing.is_empty() { "all members streaming" } else { "the awaited members streaming" };
    // Never "verified" for a handover that did not happen: say how the leadership moved.
    let change = outcome.leader_change.as_ref();
    // A failover is no hand-over: a dead leader's lease expiring is how it goes.
    let not_delivered = matches!(outcome.delivery, Delivery::NotDelivered { .. });
    let moved_by_itself = change
        .filter(|c| not_delivered || (c.cause == LeaderLoss::LeaseExpiry && outcome.action == Action::Switchover));
    match (outcome.converged_after_s, moved_by_itself) {
        (Some(converged), Some(change)) => {
            let headline = match change.cause {
                LeaderLoss::LeaseExpiry => "Leadership moved by lease expiry, not handed over".to_string(),
                LeaderLoss::Released => format!("Leadership moved on its own (the {title} request was not delivered)"),
            };
            let window = change.leaderless_window();
            text.push_str(&format!(
                "{headline}: leader {} -> {}, timeline {} -> {}; {}{window}, {streaming} after {converged:.1}s\n",
                outcome.old_leader.as_deref().unwrap_or("(none)"),
                outcome.new_leader.as_deref().unwrap_or("(none)"),
                tl(outcome.timeline_before),
                tl(outcome.timeline_after),
                change.how_lost(),
            ));
        }
        (Some(converged), None) => text.push_str(&format!(
            "{} {}: leader {} -> {}, timeline {} -> {}; new leader key after {:.1}s, {streaming} after {:.1}s\n",
            capitalise(title),
            if paths_reached { "verified" } else { "done in Patroni, not verified through the probed path" },
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
    if moved_by_itself.is_none()
        && outcome.converged_after_s.is_some()
        && let Some(change) = change.filter(|c| c.cause == LeaderLoss::LeaseExpiry)
    {
        text.push_str(&format!("Lease expiry: {}{}\n", change.how_lost(), change.leaderless_window()));
    }
    if !outcome.missing.is_empty() {
        text.push_str(&format!(
            "Not streaming (not healthy when the {title} was planned, by its key or its agent, so not awaited): {}\n",
            outcome.missing.join(", ")
        ));
    }
    text
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The probes' lines under the outcome: the windows, where the paths went, what was kept.
/// `leader_changed`: the action moved the leader (a switchover), or kept it (a restart).
pub fn probes_text(probes: &ProbesReport, leader_changed: bool) -> String {
    let mut text = String::new();
    if let Some(report) = &probes.write {
        text.push_str(&probe_text(report, leader_changed));
    }
    if let Some(report) = &probes.read {
        text.push_str(&read_probe_text(report));
    }
    text
}

fn server_name(w: &Option<Acknowledged>) -> String {
    match w.as_ref().and_then(|w| w.server.as_ref()) {
        Some(s) => match &s.member {
            Some(member) => format!("{member} ({}:{})", s.address, s.port),
            None => format!("{}:{} (no member)", s.address, s.port),
        },
        None => "?".into(),
    }
}

/// The write probe's lines.
pub fn probe_text(report: &ProbeReport, leader_changed: bool) -> String {
    let leader = if leader_changed { "the new leader" } else { "the leader" };
    let mut text = format!("Write probe through {}: ", report.path);
    let counts = format!("{} of {} attempts failed", report.failed_attempts, report.attempts);
    match (report.unavailable_ms, &report.first_write_after) {
        (Some(ms), Some(_)) => text.push_str(&format!(
            "writes unavailable for {ms} ms ({counts}), last write on {}, first on {}",
            server_name(&report.last_write_before),
            server_name(&report.first_write_after)
        )),
        (Some(_), None) => text.push_str(&format!("no write failed ({} attempts)", report.attempts)),
        (None, _) => text.push_str(&format!(
            "no write reached {leader} ({counts}; last acknowledged on {})",
            server_name(&report.last_write_before)
        )),
    }
    text.push_str(&match (report.path_follows_leader, leader_changed) {
        (true, true) => "; the path follows the new leader\n".to_string(),
        (true, false) => "; the path reaches the leader\n".to_string(),
        (false, _) => format!("; the path does not reach {leader}\n"),
    });
    if report.rows_checked {
        match report.lost_writes.len() {
            0 => text.push_str(&format!(
                "Probe writes: all {} acknowledged writes are on {leader}\n",
                report.acknowledged_writes
            )),
            n => text.push_str(&format!(
                "Probe writes: {n} of {} acknowledged writes are missing on {leader} (seq {})\n",
                report.acknowledged_writes,
                report.lost_writes.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    match &report.cleanup_error {
        None if report.table_dropped => text.push_str(&format!("Probe table {} dropped\n", report.table)),
        Some(e) => text.push_str(&format!("Probe table {} left behind: {e}\n", report.table)),
        None => {}
    }
    text
}

/// The read probe's line.
pub fn read_probe_text(report: &ReadProbeReport) -> String {
    let counts = format!("{} of {} attempts failed", report.failed_attempts, report.attempts);
    let window = match (report.unavailable_ms, &report.first_read_after) {
        (Some(ms), Some(_)) => format!(
            "reads unavailable for {ms} ms at most ({counts}), last answered by {}, then by {}",
            server_name(&report.last_read_before),
            server_name(&report.first_read_after)
        ),
        (Some(_), None) => format!("no read failed ({} attempts)", report.attempts),
        (None, _) => {
            format!("reads have not come back ({counts}; last error: {})", report.last_error.as_deref().unwrap_or("?"))
        }
    };
    let servers = match report.servers.as_slice() {
        [] => String::new(),
        names => format!("; answered by {}", names.join(", ")),
    };
    format!("Read probe through {}: {window}{servers}\n", report.path)
}

/// `hactl plan show`: a saved plan in words; `age_s` since it was made.
pub fn saved_plan_text(saved: &SavedPlan, age_s: Option<i64>) -> String {
    let made = &saved.made_against;
    let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "(none)".into());
    let scheduled = made.scheduled_at.as_ref().map(|at| format!(", scheduled at {at}")).unwrap_or_default();
    let mut text = match &made.restart {
        Some(restart) => {
            format!("Saved plan: restart of cluster {}: {}{scheduled}\n", made.cluster, restart_words(restart))
        }
        None => format!(
            "Saved plan: {} of cluster {} from {} to {}{scheduled}\n",
            made.action.as_str(),
            made.cluster,
            name(&made.leader),
            name(&made.candidate),
        ),
    };
    let age = age_s.map(|a| format!(" ({a} s ago)")).unwrap_or_default();
    text.push_str(&format!("Made at {}{age} against etcd revision {}\n", made.created_at, made.revision));
    text.push_str("Checks when it was made:\n");
    for check in &saved.plan.checks {
        let what = check.reason.as_deref().unwrap_or(&check.detail);
        text.push_str(&format!("  {:<8} {:<22} {what}\n", check.verdict, check.name));
    }
    let refused = saved.plan.checks.iter().any(|c| c.verdict == "failed");
    text.push_str(if refused { "Verdict when made: refused\n" } else { "Verdict when made: would proceed\n" });
    let tl = |t: Option<u64>| t.map_or("?".to_string(), |t| t.to_string());
    text.push_str(&format!("The cluster as it was (timeline {}):\n", tl(made.timeline)));
    for m in &made.members {
        let lag = m.lag.map(|l| format!(", lag {l} bytes")).unwrap_or_default();
        text.push_str(&format!(
            "  {:<8} {} {}, timeline {}{lag}\n",
            m.name,
            m.role.as_deref().unwrap_or("?"),
            m.state.as_deref().unwrap_or("?"),
            tl(m.timeline)
        ));
    }
    let config = made.config_hash.as_deref().map_or("no /config key".to_string(), |h| format!("/config md5 {h}"));
    text.push_str(&format!("{config}\n"));
    text.push_str(
        "`hactl apply PLAN` re-reads the cluster, refuses if any of this moved in a way that matters, re-runs every check, then sends exactly what it names\n",
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::LeaderChange;

    fn moved_outcome(delivery: Delivery, cause: LeaderLoss) -> Outcome {
        Outcome {
            action: Action::Switchover,
            delivery,
            scheduled_at: None,
            old_leader: Some("pg1".into()),
            new_leader: Some("pg0".into()),
            timeline_before: Some(4),
            timeline_after: Some(5),
            leader_after_s: Some(22.5),
            converged_after_s: Some(30.0),
            missing: Vec::new(),
            leader_change: Some(LeaderChange {
                cause,
                leader: "pg1".into(),
                lost_after_s: 22.4,
                taken_after_s: Some(22.5),
            }),
            cluster: None,
        }
    }

    #[test]
    fn a_leadership_that_moved_on_its_own_is_never_a_verified_switchover() {
        let not_delivered =
            moved_outcome(Delivery::NotDelivered { cause: LeaderLoss::LeaseExpiry }, LeaderLoss::LeaseExpiry);
        let text = outcome_text("demo", &not_delivered, "T", true, false);
        assert_eq!(
            text,
            "T The switchover request was not delivered: pg1's leader lease expired after 22.4s before its agent answered; no /failover key was written\n\
             Leadership moved by lease expiry, not handed over: leader pg1 -> pg0, timeline 4 -> 5; pg1's leader lease expired after 22.4s, new leader key after 22.5s (no leader for 0.1s), all members streaming after 30.0s\n"
        );
        let json = serde_json::to_value(&not_delivered).unwrap();
        assert_eq!(json["delivery"], serde_json::json!({"via": "not_delivered", "cause": "lease_expiry"}));
        assert_eq!(json["leader_change"]["cause"], "lease_expiry");
        assert_eq!(json["leader_change"]["lost_after_s"], 22.4);

        // Written to the DCS, then the frozen leader's lease expired: still not a handover.
        let via_dcs = moved_outcome(Delivery::Dcs { reason: "frozen".into() }, LeaderLoss::LeaseExpiry);
        let text = outcome_text("demo", &via_dcs, "T", true, false);
        assert!(
            text.contains("Leadership moved by lease expiry, not handed over") && !text.contains("verified"),
            "{text}"
        );

        // A handover through the agent: the key released, as Patroni does; verified.
        let handed = Delivery::Agent {
            member: "pg1".into(),
            status: 200,
            message: "Successfully switched over to \"pg0\"".into(),
        };
        let handed = moved_outcome(handed, LeaderLoss::Released);
        let text = outcome_text("demo", &handed, "T", true, false);
        assert!(text.ends_with("Switchover verified: leader pg1 -> pg0, timeline 4 -> 5; new leader key after 22.5s, all members streaming after 30.0s\n"), "{text}");
        // The same handover whose probed path never reached the new leader: not "verified".
        let text = outcome_text("demo", &handed, "T", false, false);
        assert!(text.ends_with("Switchover done in Patroni, not verified through the probed path: leader pg1 -> pg0, timeline 4 -> 5; new leader key after 22.5s, all members streaming after 30.0s\n"), "{text}");
        // A failover whose dead leader's lease expired: that is how a failover goes; verified, and said.
        let mut failover = moved_outcome(Delivery::Dcs { reason: "dead".into() }, LeaderLoss::LeaseExpiry);
        failover.action = Action::Failover;
        let text = outcome_text("demo", &failover, "T", true, false);
        assert!(text.contains("Failover verified: leader pg1 -> pg0, timeline 4 -> 5"), "{text}");
        assert!(text.contains(", all members streaming after 30.0s\n"), "{text}");
        // A member that was not healthy before is not awaited: never "all members streaming".
        let mut partial = failover.clone();
        partial.missing = vec!["pg1".into()];
        let partial = outcome_text("demo", &partial, "T", true, false);
        assert!(partial.contains(", the awaited members streaming after 30.0s\n"), "{partial}");
        assert!(!partial.contains("all members"), "{partial}");
        let named =
            "Not streaming (not healthy when the failover was planned, by its key or its agent, so not awaited): pg1\n";
        assert!(partial.ends_with(named), "{partial}");
        assert!(
        text.ends_with("Lease expiry: pg1's leader lease expired after 22.4s, new leader key after 22.5s (no leader for 0.1s)\n"),
        "{text}"
    );
        let released = moved_outcome(Delivery::NotDelivered { cause: LeaderLoss::Released }, LeaderLoss::Released);
        let text = outcome_text("demo", &released, "T", true, false);
        assert!(
            text.contains("Leadership moved on its own (the switchover request was not delivered): leader pg1 -> pg0"),
            "{text}"
        );
        assert!(text.contains("the leader key left pg1 after 22.4s") && !text.contains("verified"), "{text}");
    }
}
