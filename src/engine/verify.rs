//! When the cluster has converged: the new leader holds the key, runs as primary on a new
//! timeline, and every other member streams from it on that timeline.

use super::{Action, LeaderLoss, Probe};
use crate::cluster::{Cluster, Member, RawNode};
use crate::dcs::Change;
use std::collections::BTreeMap;
use std::time::Duration;

/// Another member than the candidate has taken over for good (it runs as primary on a new
/// timeline): Patroni's "switched over to X instead of Y". Returns that member.
pub(super) fn diverted(
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

/// How one batch of watched changes takes the leader key from `leader`, if it does: by lease
/// expiry when the leader key and `leader`'s member key, which carried the same lease, both go in
/// it. `nodes` are the keys before the batch.
pub(super) fn leader_loss(nodes: &[RawNode], changes: &[Change], leader: &str) -> Option<LeaderLoss> {
    let member_key = format!("members/{leader}");
    let held = nodes.iter().any(|n| n.key == "leader" && n.value.trim() == leader);
    let moved = changes.iter().any(|c| match c {
        Change::Put(n) => n.key == "leader" && n.value.trim() != leader,
        Change::Delete { key } => key == "leader",
    });
    if !held || !moved {
        return None;
    }
    let deleted = |key: &str| changes.iter().any(|c| matches!(c, Change::Delete { key: k } if k == key));
    let lease_of = |key: &str| nodes.iter().find(|n| n.key == key).map(|n| n.lease).filter(|lease| *lease != 0);
    let one_lease = lease_of("leader").is_some() && lease_of("leader") == lease_of(&member_key);
    Some(match one_lease && deleted("leader") && deleted(&member_key) {
        true => LeaderLoss::LeaseExpiry,
        false => LeaderLoss::Released,
    })
}

/// What a leader change converges on, from the plan and the cluster it was made on.
pub struct Expected<'a> {
    pub old_leader: Option<&'a str>,
    pub candidate: Option<&'a str>,
    pub old_timeline: Option<u64>,
    /// The members that must stream from the new leader again: see [`awaited_members`].
    pub members: &'a [String],
    /// Since when (from the request) each awaited member has had no member key.
    pub vanished: &'a BTreeMap<String, Duration>,
}

/// The members a leader change waits for, from the cluster the plan was made on: every member
/// for a switchover (Patroni rejoins the old leader as a replica); for a failover, whose old leader
/// may be dead, the members that were healthy: running by their key, and by their agent when it was
/// probed (a dead member's key is a stale copy until its lease expires). A member whose key expires
/// meanwhile is still awaited: convergence over the last read alone would never miss it.
pub fn awaited_members(before: &Cluster, action: Action, probes: &BTreeMap<String, Probe>) -> Vec<String> {
    let healthy = |m: &Member| match probes.get(&m.name) {
        Some(Probe::Answered(live)) => live.is_running(),
        Some(Probe::NoAnswer(_)) => false,
        Some(Probe::BadAnswer(_)) | None => m.is_running(),
    };
    let awaited = |m: &&Member| action == Action::Switchover || healthy(m);
    before.members.iter().filter(awaited).map(|m| m.name.clone()).collect()
}

/// The members of `before` that do not stream from `leader` on `timeline` in `current` (or have no
/// key): after a failover, those it did not wait for.
pub fn not_streaming(before: &Cluster, current: &Cluster, leader: Option<&str>, timeline: Option<u64>) -> Vec<String> {
    let streams =
        |name: &str| current.member(name).is_some_and(|m| m.is_running() && m.is_streaming() && m.timeline == timeline);
    before
        .members
        .iter()
        .map(|m| m.name.as_str())
        .filter(|n| Some(*n) != leader && !streams(n))
        .map(str::to_string)
        .collect()
}

/// `Ok` when the cluster has converged on its new leader; otherwise what is still awaited.
pub fn convergence(cluster: &Cluster, expected: &Expected) -> Result<(), String> {
    let Expected { old_leader, candidate, old_timeline, .. } = *expected;
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
    for name in expected.members.iter().filter(|n| *n != leader) {
        let Some(m) = cluster.member(name) else {
            let since =
                expected.vanished.get(name).map_or(String::new(), |d| format!(" since {:.1}s", d.as_secs_f64()));
            return Err(format!(
                "waiting for {name} to stream from {leader} on timeline {new_timeline}: it has published no member key{since} (its key expired or was removed)"
            ));
        };
        let state = m.state_or_unknown();
        let replication = m.replication_state.as_deref().unwrap_or("");
        // A new standby leader can publish the timeline of its last restartpoint, older than the
        // primary cluster's that its replicas already receive: theirs may be newer, not older.
        let on_timeline = match cluster.is_standby_cluster() {
            true => m.timeline.is_some_and(|t| t >= new_timeline),
            false => m.timeline == Some(new_timeline),
        };
        if !m.is_running() || !m.is_streaming() || !on_timeline {
            let tl = m.timeline.map_or("?".into(), |t| t.to_string());
            return Err(format!(
                "waiting for {} to stream from {leader} on timeline {new_timeline} (now {state}/{replication}, timeline {tl})",
                m.name
            ));
        }
    }
    Ok(())
}
