//! The plan: every preflight check and its verdict, from one snapshot of the cluster and the
//! facts gathered before. Pure.

use super::verify::awaited_members;
use super::{Action, AgentFacts, Check, PassedOver, Plan, Preflight, Probe, Request, Source, Verdict};
use crate::cluster::{Cluster, Member};

pub(super) fn passed(name: &'static str, detail: impl Into<String>) -> Check {
    Check { name, verdict: Verdict::Passed, detail: detail.into(), source: None }
}

pub(super) fn failed(name: &'static str, reason: impl Into<String>) -> Check {
    let reason = reason.into();
    Check { name, verdict: Verdict::Failed(reason.clone()), detail: reason, source: None }
}

pub(super) fn skipped(name: &'static str, reason: impl Into<String>) -> Check {
    let reason = reason.into();
    Check { name, verdict: Verdict::Skipped(reason.clone()), detail: reason, source: None }
}

/// Bytes the candidate has not replayed relative to the leader's last known position. Replay,
/// not receive: what a promoted candidate serves is what it has applied.
pub(crate) fn replay_lag(cluster: &Cluster, member: &Member) -> Option<u64> {
    let position = member.replay_lsn.or(member.xlog_location)?;
    Some(cluster.status.last_lsn.saturating_sub(position))
}

/// `etcd_quorum` and `etcd_alarms`: the read behind the plan, and what would stop etcd taking
/// the change.
/// `the agent of pg2 does not answer: ...`, without saying "the agent of pg2" twice when the
/// agent's error already starts with it.
pub(super) fn silent_agent(name: &str, why: &str) -> String {
    match why.starts_with(&format!("the agent of {name} ")) {
        true => why.to_string(),
        false => format!("the agent of {name} does not answer: {why}"),
    }
}

pub(super) fn dcs_checks(facts: &Preflight) -> [Check; 2] {
    [
        passed("etcd_quorum", format!("linearizable read of the cluster at revision {}", facts.revision)),
        if facts.alarms.is_empty() {
            passed("etcd_alarms", "no active etcd alarms")
        } else {
            failed("etcd_alarms", format!("etcd has active alarms: {}", facts.alarms.join(", ")))
        },
    ]
}

/// `leader_agent`: the leader's agent runs the request. One that does not answer the probe would
/// only cost the request's timeout (tens of seconds for a frozen agent), so the request goes to the
/// DCS at once, where patronictl would fall back after that timeout. Never a refusal. Returns the
/// check and, when the agent is skipped, why.
fn leader_agent_check(leader: Option<&str>, facts: &Preflight) -> (Check, Option<String>) {
    let Some(leader) = leader else {
        return (skipped("leader_agent", "no leader: the candidate's agent takes the request"), None);
    };
    match facts.probes.get(leader) {
        Some(Probe::Answered(live)) => {
            (passed("leader_agent", format!("the agent of {leader} answers: {}", live.state)), None)
        }
        Some(Probe::BadAnswer(why)) => {
            (passed("leader_agent", format!("the agent of {leader} answers, though not as expected: {why}")), None)
        }
        Some(Probe::NoAnswer(why)) => (
            passed(
                "leader_agent",
                format!("{why}: the request goes to the DCS (the /failover key) without waiting for it"),
            ),
            Some(format!("{why} before planning")),
        ),
        None => (skipped("leader_agent", "not probed"), None),
    }
}

/// Builds the plan: every check with its verdict. Pure.
pub fn plan(cluster: &Cluster, request: &Request, facts: &Preflight) -> Plan {
    let mut checks = Vec::new();
    let leader_name = cluster.leader_name().map(str::to_string);
    let leader_member = leader_name.as_deref().and_then(|n| cluster.members.iter().find(|m| m.name == n));
    let leader_timeline = leader_member.and_then(|m| m.timeline);

    checks.extend(dcs_checks(facts));

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
    let (leader_agent, deliver_via_dcs) = leader_agent_check(leader_name.as_deref(), facts);
    checks.push(leader_agent);

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
                // patronictl's words, which scripts grep.
                vec![failed(
                    "candidate",
                    format!("Member {name} does not exist in cluster {} or is tagged as nofailover", cluster.scope),
                )],
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
        deliver_via_dcs,
        awaited: awaited_members(cluster, request.action, &facts.probes),
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

    let agent = match facts.probes.get(name) {
        Some(Probe::Answered(live)) => Some(live),
        _ => None,
    };
    checks.push(running_check(cluster, member, agent, request));
    checks.push(timeline_check(cluster, member, agent, leader_timeline));
    checks.push(lag_check(cluster, member, agent));

    checks.push(match facts.probes.get(name) {
        Some(Probe::Answered(live)) if live.is_running() => {
            passed("candidate_agent", format!("the agent of {name} answers: {}", live.state))
        }
        Some(Probe::Answered(live)) => failed("candidate_agent", format!("the agent of {name} reports {}", live.state)),
        Some(Probe::NoAnswer(why) | Probe::BadAnswer(why)) => failed("candidate_agent", silent_agent(name, why)),
        None => skipped("candidate_agent", "not probed"),
    });

    checks.push(synchronous_mode_check(cluster, name, request));
    checks
}

impl Check {
    fn from(mut self, source: Source) -> Check {
        self.source = Some(source);
        self
    }
}

/// `state/replication_state` as the member key or the agent gives them.
fn running_words(state: &str, replication: Option<&str>) -> String {
    format!("{state}{}", replication.map(|r| format!("/{r}")).unwrap_or_default())
}

/// Is the candidate running (and, for a switchover, streaming)? The member key first; when it
/// alone would fail, the agent's live word decides (the key is up to one loop old: a replica
/// that has just started streaming still reads `in archive recovery` there). In a standby
/// cluster Patroni asks only that the candidate's agent answers with PostgreSQL up
/// (`_MemberStatus.failover_limitation`), whatever its replication state; its lag decides.
fn running_check(cluster: &Cluster, member: &Member, agent: Option<&AgentFacts>, request: &Request) -> Check {
    const NAME: &str = "candidate_running";
    let name = &member.name;
    // A failover is for a leader that is gone or failing, when replicas may have stopped
    // streaming; running is what it needs. A switchover wants a streaming replica.
    let wants_streaming = request.action == Action::Switchover && cluster.leader.is_some();
    let healthy = |state: &str, replication: Option<&str>| {
        state == "running" && (!wants_streaming || replication.is_none_or(|r| r == "streaming"))
    };
    let key_state = member.state_or_unknown();
    let key_replication = member.replication_state.as_deref();
    let key_words = running_words(key_state, key_replication);
    if healthy(key_state, key_replication) {
        return passed(NAME, format!("{name} is {}", key_replication.unwrap_or(key_state))).from(Source::MemberKey);
    }
    if let Some(live) = agent {
        let live_replication = live.replication_state.as_deref();
        if healthy(&live.state, live_replication) {
            let words = live_replication.unwrap_or(&live.state);
            return passed(NAME, format!("{name} is {words} (its agent; its member key still says {key_words})"))
                .from(Source::Agent);
        }
    }
    let (source, state, replication) = match agent {
        Some(live) => (Source::Agent, live.state.as_str(), live.replication_state.as_deref()),
        None => (Source::MemberKey, key_state, key_replication),
    };
    if cluster.is_standby_cluster() && state == "running" {
        return passed(
            NAME,
            format!(
                "{name} is {}, not streaming ({}); in a standby cluster Patroni accepts a running replica, and its lag decides",
                running_words(state, replication),
                if source == Source::Agent { "its agent" } else { "its member key" }
            ),
        )
        .from(source);
    }
    let agent_words =
        agent.map(|live| format!("; its agent says {}", running_words(&live.state, live.replication_state.as_deref())));
    failed(NAME, format!("{name} is {key_words}, not running and streaming{}", agent_words.unwrap_or_default()))
        .from(source)
}

/// Is the candidate on the leader's timeline? The member key first, then the agent. In a
/// standby cluster Patroni compares timelines only with `check_timeline` on, and then refuses
/// only a candidate behind (or of unknown timeline): so does hactl.
fn timeline_check(
    cluster: &Cluster,
    member: &Member,
    agent: Option<&AgentFacts>,
    leader_timeline: Option<u64>,
) -> Check {
    const NAME: &str = "candidate_timeline";
    let name = &member.name;
    let reference = leader_timeline.or_else(|| cluster.members.iter().filter_map(|m| m.timeline).max());
    let key = member.timeline.filter(|t| *t > 0);
    let key_words = key.map_or("none".to_string(), |t| t.to_string());
    if let (Some(t), Some(r)) = (key, reference)
        && t == r
    {
        return passed(NAME, format!("{name} is on timeline {t}")).from(Source::MemberKey);
    }
    let live = agent.and_then(|a| a.timeline);
    if let Some(r) = reference
        && live == Some(r)
    {
        return passed(NAME, format!("{name} is on timeline {r} (its agent; its member key says {key_words})"))
            .from(Source::Agent);
    }
    // The agent's word when it gave one, else the key's.
    let (source, timeline) = if live.is_some() { (Source::Agent, live) } else { (Source::MemberKey, key) };
    let words = match (timeline, reference) {
        (Some(t), Some(r)) => format!("{name} is on timeline {t}, the leader on {r}"),
        (Some(t), None) => format!("{name} is on timeline {t}, the leader's is unknown"),
        (None, _) => format!("the timeline of {name} is unknown"),
    };
    if cluster.is_standby_cluster() {
        if !cluster.check_timeline() {
            return passed(
                NAME,
                format!("{words}; in a standby cluster Patroni compares timelines only with check_timeline"),
            )
            .from(source);
        }
        if let (Some(t), Some(r)) = (timeline, reference)
            && t > r
        {
            return passed(NAME, format!("{words}; Patroni refuses only a candidate behind the leader")).from(source);
        }
    }
    failed(NAME, words).from(source)
}

/// Does the candidate lag within `maximum_lag_on_failover` of the leader's last position
/// (`/status`, which a primary and a standby leader both write every loop)? In a primary
/// cluster hactl counts what the candidate has replayed; in a standby cluster the larger of
/// received and replayed, as Patroni does (`Ha.is_lagging`), so that hactl refuses nothing
/// Patroni would accept. The member key first, then the agent.
fn lag_check(cluster: &Cluster, member: &Member, agent: Option<&AgentFacts>) -> Check {
    const NAME: &str = "candidate_lag";
    let name = &member.name;
    let limit = cluster.maximum_lag_on_failover();
    let standby = cluster.is_standby_cluster();
    let lag = |position: Option<u64>| position.map(|p| cluster.status.last_lsn.saturating_sub(p));
    let measure = if standby { "received or replayed" } else { "replayed" };
    let within =
        |lag: u64, from: &str| format!("{name} lags {lag} bytes ({measure}{from}; maximum_lag_on_failover {limit})");
    let key_lag = lag(if standby {
        member.receive_lsn.max(member.replay_lsn).max(member.xlog_location)
    } else {
        member.replay_lsn.or(member.xlog_location)
    });
    if let Some(l) = key_lag.filter(|l| *l <= limit) {
        return passed(NAME, within(l, "")).from(Source::MemberKey);
    }
    let key_words = key_lag.map_or("no WAL position".to_string(), |l| format!("{l} bytes"));
    let live_lag = agent.and_then(|a| lag(if standby { a.wal_position() } else { a.replayed_position() }));
    if let Some(l) = live_lag.filter(|l| *l <= limit) {
        return passed(NAME, within(l, &format!(", its agent; its member key still says {key_words}")))
            .from(Source::Agent);
    }
    let (source, lag) = if live_lag.is_some() { (Source::Agent, live_lag) } else { (Source::MemberKey, key_lag) };
    let whose = match source {
        Source::Agent => format!(" (its agent; its member key says {key_words})"),
        Source::MemberKey => String::new(),
    };
    match lag {
        Some(l) => failed(
            NAME,
            format!("{name} lags {l} bytes behind the leader{whose}, more than maximum_lag_on_failover ({limit})"),
        ),
        None => failed(NAME, format!("{name} publishes no WAL position")),
    }
    .from(source)
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
            source: None,
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
