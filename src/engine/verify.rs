//! When the cluster has converged: the new leader holds the key, runs as primary on a new
//! timeline, and every other member streams from it on that timeline.

use crate::cluster::Cluster;
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
