//! `demote-cluster` / `promote-cluster`: Patroni 4's standby-cluster switch (`change_cluster_role`
//! in `patroni/ctl.py`).

use crate::agent::{AgentError, Agents};
use crate::cluster::Cluster;
use crate::clusters::{self, ClusterReadError, ClusterSnapshot};
use crate::dcs::{Dcs, DcsError};
use crate::error::{Classify, ErrorKind};
use crate::interrupt;
use crate::settings::Settings;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum RoleChangeError {
    #[error("Cluster has no leader, {action}ion is not possible (refused; nothing was changed)")]
    NoLeader { action: &'static str },
    #[error("Cluster is already in the required state (refused; nothing was changed)")]
    AlreadyThere,
    #[error("At least --host, --port or --restore-command should be specified")]
    NoStandbyConfig,
    #[error("Failed to {action}e {cluster} cluster: /config PATCH status code={status}, ({body})")]
    Rejected { action: &'static str, cluster: String, status: u16, body: String },
    #[error("Failed to {action}e {cluster} cluster: {source}")]
    Agent {
        action: &'static str,
        cluster: String,
        #[source]
        source: AgentError,
    },
    #[error(
        "cluster {cluster} was not seen {action}ed within {}s (leader role {role}, state {state}); the change may still complete",
        crate::units::seconds_text(*.waited)
    )]
    Timeout { cluster: String, action: &'static str, waited: Duration, role: String, state: String },
    /// Ctrl-C: `done` says what was already sent.
    #[error("interrupted while waiting; already done: {done}")]
    Interrupted { done: String },
    #[error(transparent)]
    Dcs(#[from] DcsError),
    #[error(transparent)]
    Read(#[from] ClusterReadError),
}

impl Classify for RoleChangeError {
    fn kind(&self) -> ErrorKind {
        match self {
            RoleChangeError::NoStandbyConfig => ErrorKind::Usage,
            RoleChangeError::NoLeader { .. } | RoleChangeError::AlreadyThere => ErrorKind::Refused,
            RoleChangeError::Rejected { .. } => ErrorKind::Failed,
            RoleChangeError::Agent { source, .. } => source.kind(),
            RoleChangeError::Timeout { .. } => ErrorKind::NotConfirmed,
            RoleChangeError::Interrupted { .. } => ErrorKind::Interrupted,
            RoleChangeError::Dcs(e) => e.kind(),
            RoleChangeError::Read(e) => e.kind(),
        }
    }
}

/// `demote-cluster` (with the standby configuration) or `promote-cluster`.
#[derive(Debug, Clone, PartialEq)]
pub enum RoleChange {
    Demote(Map<String, Value>),
    Promote,
}

impl RoleChange {
    /// `demote-cluster`'s options as the `standby_cluster` section: only those given, in
    /// patronictl's order.
    pub fn demote(
        host: Option<&str>,
        port: Option<u16>,
        primary_slot_name: Option<&str>,
        restore_command: Option<&str>,
    ) -> Result<RoleChange, RoleChangeError> {
        if host.is_none_or(str::is_empty) && port.is_none_or(|p| p == 0) && restore_command.is_none_or(str::is_empty) {
            return Err(RoleChangeError::NoStandbyConfig);
        }
        let mut section = Map::new();
        if let Some(host) = host.filter(|h| !h.is_empty()) {
            section.insert("host".into(), Value::from(host));
        }
        if let Some(port) = port.filter(|p| *p != 0) {
            section.insert("port".into(), Value::from(port));
        }
        if let Some(slot) = primary_slot_name.filter(|s| !s.is_empty()) {
            section.insert("primary_slot_name".into(), Value::from(slot));
        }
        if let Some(command) = restore_command.filter(|c| !c.is_empty()) {
            section.insert("restore_command".into(), Value::from(command));
        }
        Ok(RoleChange::Demote(section))
    }

    /// `demot` or `promot`: patronictl builds its words from these stems.
    pub fn stem(&self) -> &'static str {
        match self {
            RoleChange::Demote(_) => "demot",
            RoleChange::Promote => "promot",
        }
    }

    /// Whether `role`, as the leader reports it, is the one the change leads to. Agents older
    /// than 4.0 call a primary `master` (patronictl 4 waits for `primary` only, and times out
    /// on them).
    pub fn reached(&self, role: &str) -> bool {
        match self {
            RoleChange::Demote(_) => role == "standby_leader",
            RoleChange::Promote => matches!(role, "primary" | "master"),
        }
    }

    fn body(&self) -> Value {
        let section = match self {
            RoleChange::Demote(section) => Value::Object(section.clone()),
            RoleChange::Promote => Value::Null,
        };
        serde_json::json!({ "standby_cluster": section })
    }
}

/// The checks before the change: a leader, not already in the target role. Returns the leader.
pub fn preflight<'a>(cluster: &'a Cluster, change: &RoleChange) -> Result<&'a str, RoleChangeError> {
    let leader = cluster.leader_key_holder().ok_or(RoleChangeError::NoLeader { action: change.stem() })?;
    let role = cluster.member(leader).and_then(|m| m.role.as_deref());
    if role.is_some_and(|r| change.reached(r)) {
        return Err(RoleChangeError::AlreadyThere);
    }
    Ok(leader)
}

/// What a role change reports while it runs.
#[derive(Debug)]
pub enum RoleChangeEvent<'a> {
    /// One look at the cluster (once a second) that is not there yet.
    Waiting(&'a Observation),
    /// The leader has the new role: the cluster as it is now.
    Done(&'a Cluster),
    /// The timeout ran out: the cluster as it is now (the error follows).
    TimedOut(&'a Cluster),
}

/// Sends the change to the leader's agent (`leader`, from [`preflight`]) and watches the cluster
/// once a second until the leader has the new role, up to `timeout` (patronictl's loop).
#[allow(clippy::too_many_arguments)]
pub async fn change_role(
    dcs: &mut Dcs,
    agents: &Agents,
    settings: &Settings,
    read: &ClusterSnapshot,
    leader: &str,
    change: &RoleChange,
    timeout: Duration,
    progress: &mut dyn FnMut(RoleChangeEvent),
) -> Result<(), RoleChangeError> {
    let (stem, name) = (change.stem(), read.name.as_str());
    // From the request on, Ctrl-C is answered with what was already sent.
    interrupt::listen();
    let answered = tokio::select! {
        answer = request(agents, &read.cluster, leader, change, REQUEST_TIMEOUT) => Some(answer),
        () = interrupt::requested() => None,
    };
    let Some(answer) = answered else {
        return Err(RoleChangeError::Interrupted {
            done: format!(
                "the {stem}ion request (PATCH /config) to the agent of {leader} was under way, without an answer yet; it may still be applied, check with `hactl list {name}`"
            ),
        });
    };
    answer?;
    let finished = tokio::select! {
        result = watch_role(dcs, settings, name, leader, change, timeout, progress) => Some(result),
        () = interrupt::requested() => None,
    };
    finished.unwrap_or_else(|| {
        Err(RoleChangeError::Interrupted {
            done: format!(
                "the {stem}ion of {name} was accepted by the agent of {leader}; it may still complete, check with `hactl list {name}`"
            ),
        })
    })
}

/// [`change_role`]'s wait, without Ctrl-C.
async fn watch_role(
    dcs: &mut Dcs,
    settings: &Settings,
    name: &str,
    leader: &str,
    change: &RoleChange,
    timeout: Duration,
    progress: &mut dyn FnMut(RoleChangeEvent),
) -> Result<(), RoleChangeError> {
    let started = Instant::now();
    loop {
        let now = clusters::read_cluster(dcs, settings, name).await?.cluster;
        let observation = observe(&now, leader, change);
        if observation.done {
            progress(RoleChangeEvent::Done(&now));
            return Ok(());
        }
        progress(RoleChangeEvent::Waiting(&observation));
        if started.elapsed() >= timeout {
            progress(RoleChangeEvent::TimedOut(&now));
            return Err(RoleChangeError::Timeout {
                cluster: name.to_string(),
                action: change.stem(),
                waited: timeout,
                role: observation.leader_role.unwrap_or_else(|| "None".into()),
                state: observation.leader_state.unwrap_or_else(|| "None".into()),
            });
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// How long the leader's agent may take to answer the `PATCH /config`.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// `PATCH /config` with the new `standby_cluster` section on the leader's agent.
async fn request(
    agents: &Agents,
    cluster: &Cluster,
    leader: &str,
    change: &RoleChange,
    timeout: Duration,
) -> Result<(), RoleChangeError> {
    let agent_error = |source| RoleChangeError::Agent { action: change.stem(), cluster: cluster.scope.clone(), source };
    let member = cluster.member(leader).ok_or_else(|| agent_error(AgentError::NoApiUrl { member: leader.into() }))?;
    let response = agents
        .request(member, reqwest::Method::PATCH, "config", Some(&change.body()), timeout)
        .await
        .map_err(agent_error)?;
    if response.status != 200 {
        return Err(RoleChangeError::Rejected {
            action: change.stem(),
            cluster: cluster.scope.clone(),
            status: response.status,
            body: response.body,
        });
    }
    Ok(())
}

/// One look at the cluster while the change is under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub done: bool,
    pub unlocked: bool,
    pub leader_role: Option<String>,
    pub leader_state: Option<String>,
    /// The previous leader's state, when another member now holds the leader key.
    pub previous_leader_state: Option<String>,
}

impl Observation {
    /// patronictl's progress line after its timestamp: `cluster is unlocked: False, leader
    /// role: standby_leader, leader state: starting`.
    pub fn progress_line(&self) -> String {
        let py = |v: &Option<String>| v.clone().unwrap_or_else(|| "None".into());
        let mut line = format!(
            "cluster is unlocked: {}, leader role: {}, leader state: {}",
            if self.unlocked { "True" } else { "False" },
            py(&self.leader_role),
            py(&self.leader_state)
        );
        if let Some(state) = &self.previous_leader_state {
            line.push_str(&format!(", previous leader state: '{state}'"));
        }
        line
    }
}

/// Whether the change is complete: a leader in the target role and running (for a demotion,
/// the previous leader running too).
pub fn observe(cluster: &Cluster, previous_leader: &str, change: &RoleChange) -> Observation {
    let leader = cluster.leader_key_holder();
    let leader_member = cluster.leader_member().filter(|_| leader.is_some());
    let leader_role = leader_member.and_then(|m| m.role.clone());
    let leader_state = leader_member.and_then(|m| m.state.clone());
    let old_state = cluster.member(previous_leader).and_then(|m| m.state.clone());
    let demote = matches!(change, RoleChange::Demote(_));
    let unlocked = leader.is_none();
    let done = !unlocked
        && leader_role.as_deref().is_some_and(|r| change.reached(r))
        && leader_state.as_deref() == Some("running")
        && (!demote || old_state.as_deref() == Some("running"));
    let previous_leader_state = old_state.filter(|_| demote && leader.is_some_and(|l| l != previous_leader));
    Observation { done, unlocked, leader_role, leader_state, previous_leader_state }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::test_node as node;

    fn cluster(leader: Option<&str>, role: &str, state: &str) -> Cluster {
        let mut nodes = vec![
            node("members/pg0", &format!(r#"{{"role":"{role}","state":"{state}"}}"#)),
            node("members/pg1", r#"{"role":"replica","state":"running"}"#),
        ];
        if let Some(l) = leader {
            nodes.push(node("leader", l));
        }
        Cluster::from_nodes("demo", &nodes)
    }

    #[test]
    fn demote_options_and_preflight() {
        assert!(matches!(RoleChange::demote(None, None, Some("slot"), None), Err(RoleChangeError::NoStandbyConfig)));
        let change = RoleChange::demote(Some("10.0.0.1"), Some(5432), None, Some("cp %p")).unwrap();
        assert_eq!(
            crate::pyfmt::json_dumps(&change.body()),
            r#"{"standby_cluster": {"host": "10.0.0.1", "port": 5432, "restore_command": "cp %p"}}"#
        );
        assert_eq!(crate::pyfmt::json_dumps(&RoleChange::Promote.body()), r#"{"standby_cluster": null}"#);
        assert!(matches!(
            preflight(&cluster(None, "primary", "running"), &change),
            Err(RoleChangeError::NoLeader { .. })
        ));
        assert!(matches!(
            preflight(&cluster(Some("pg0"), "primary", "running"), &RoleChange::Promote),
            Err(RoleChangeError::AlreadyThere)
        ));
        assert_eq!(preflight(&cluster(Some("pg0"), "primary", "running"), &change).unwrap(), "pg0");
    }

    #[test]
    fn observations_follow_change_cluster_role() {
        let change = RoleChange::demote(None, None, None, Some("false")).unwrap();
        let o = observe(&cluster(Some("pg0"), "standby_leader", "starting"), "pg0", &change);
        assert!(!o.done);
        assert_eq!(
            o.progress_line(),
            "cluster is unlocked: False, leader role: standby_leader, leader state: starting"
        );
        assert!(observe(&cluster(Some("pg0"), "standby_leader", "running"), "pg0", &change).done);
        let o = observe(&cluster(None, "replica", "running"), "pg0", &change);
        assert_eq!(o.progress_line(), "cluster is unlocked: True, leader role: None, leader state: None");
        // A promotion is done on a Patroni 3 leader too, which calls itself `master`.
        assert!(observe(&cluster(Some("pg0"), "master", "running"), "pg0", &RoleChange::Promote).done);
        assert!(observe(&cluster(Some("pg0"), "primary", "running"), "pg0", &RoleChange::Promote).done);
        assert!(!observe(&cluster(Some("pg0"), "standby_leader", "running"), "pg0", &RoleChange::Promote).done);
        assert!(matches!(
            preflight(&cluster(Some("pg0"), "master", "running"), &RoleChange::Promote),
            Err(RoleChangeError::AlreadyThere)
        ));
    }
}
