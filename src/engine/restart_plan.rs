//! A restart's plan: which members, in which order, under which conditions, and the checks made
//! before anything is sent. What `restart --dry-run` prints and a saved restart plan records;
//! `hactl apply` sends exactly these restarts. Pure: the facts come in, the verdicts go out.

use super::plan::{dcs_checks, failed, passed, silent_agent, skipped};
use super::{Check, Preflight, Probe, SavedAction};
use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};

/// The restarts a plan will send, as `restart` was asked for them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRestart {
    /// In the order they are restarted, one at a time: replicas first, the leader last.
    pub members: Vec<String>,
    /// `--pg-version`: each agent restarts only if its PostgreSQL is older.
    pub pg_version: Option<String>,
    /// `--pending`: each agent restarts only if a restart is pending.
    pub pending: bool,
    /// `--timeout`, passed to each agent as given.
    pub timeout: Option<String>,
}

/// Every check of a restart and its verdict, and what would be sent.
#[derive(Debug, Clone, Serialize)]
pub struct RestartPlan {
    pub action: SavedAction,
    pub cluster: String,
    pub leader: Option<String>,
    /// RFC 3339, for a `--scheduled` restart.
    pub scheduled_at: Option<String>,
    pub timeline: Option<u64>,
    pub revision: i64,
    pub restart: PlannedRestart,
    pub checks: Vec<Check>,
}

impl RestartPlan {
    /// Why the plan is refused, in one line; none when it may proceed.
    pub fn refusal(&self) -> Option<String> {
        super::refusal(&self.checks)
    }
}

/// Plans the restarts in `restart` (the members already chosen, in order) of cluster `name`.
pub fn plan_restart(
    cluster: &Cluster,
    name: &str,
    restart: PlannedRestart,
    scheduled_at: Option<String>,
    facts: &Preflight,
) -> RestartPlan {
    let leader = cluster.leader_name().map(str::to_string);
    let mut checks: Vec<Check> = dcs_checks(facts).into();
    checks.push(members_check(&restart.members, leader.as_deref()));
    checks.push(agents_check(&restart.members, facts));
    checks.push(leader_check(&restart.members, leader.as_deref(), scheduled_at.is_some()));
    RestartPlan {
        action: SavedAction::Restart,
        cluster: name.to_string(),
        timeline: leader.as_deref().and_then(|l| cluster.member(l)).and_then(|m| m.timeline),
        leader,
        scheduled_at,
        revision: facts.revision,
        restart,
        checks,
    }
}

/// `members`: who is restarted, in which order.
fn members_check(members: &[String], leader: Option<&str>) -> Check {
    if members.is_empty() {
        return skipped("members", "no member matches what was asked: nothing to restart");
    }
    let order = members
        .iter()
        .map(|m| if Some(m.as_str()) == leader { format!("{m} (the leader)") } else { m.clone() })
        .collect::<Vec<_>>()
        .join(", then ");
    passed("members", format!("{order}; one at a time, each seen back before the next"))
}

/// `agents`: each member's agent takes its restart; one that does not answer now would stop the
/// rolling restart halfway.
fn agents_check(members: &[String], facts: &Preflight) -> Check {
    if members.is_empty() {
        return skipped("agents", "no member to ask");
    }
    let mut answering = Vec::new();
    let mut silent = Vec::new();
    for member in members {
        match facts.probes.get(member) {
            Some(Probe::Answered(agent)) => answering.push(format!("{member} {}", agent.state)),
            Some(Probe::NoAnswer(why)) | Some(Probe::BadAnswer(why)) => silent.push(silent_agent(member, why)),
            None => silent.push(format!("the agent of {member} was not asked")),
        }
    }
    if silent.is_empty() {
        passed("agents", format!("every agent answers: {}", answering.join(", ")))
    } else {
        failed("agents", format!("{}: its restart would fail", silent.join("; ")))
    }
}

/// `leader`: restarting the leader stops writes until its PostgreSQL is back; Patroni does not
/// fail over for a restart.
fn leader_check(members: &[String], leader: Option<&str>, scheduled: bool) -> Check {
    match leader {
        None => skipped("leader", "the cluster has no leader"),
        Some(l) if members.iter().any(|m| m == l) => {
            let when = if scheduled { "at the scheduled time" } else { "now" };
            passed("leader", format!("{l} is restarted {when}, last: writes stop until its PostgreSQL is back"))
        }
        Some(l) => skipped("leader", format!("the leader {l} is not restarted")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::RawNode;
    use crate::engine::{AgentFacts, Verdict};

    fn cluster() -> Cluster {
        let member = |name: &str, role: &str| RawNode {
            key: format!("members/{name}"),
            value: format!(
                r#"{{"api_url":"http://127.0.0.1:8008/patroni","role":"{role}","state":"running","timeline":3}}"#
            ),
            mod_revision: 3,
            lease: 1,
        };
        let nodes = vec![
            RawNode { key: "leader".into(), value: "pg0".into(), mod_revision: 5, lease: 1 },
            member("pg0", "primary"),
            member("pg1", "replica"),
        ];
        Cluster::from_nodes("demo", &nodes)
    }

    fn facts(answering: &[&str]) -> Preflight {
        let probes = ["pg0", "pg1"]
            .iter()
            .map(|n| {
                let probe = if answering.contains(n) {
                    Probe::Answered(AgentFacts { state: "running".into(), ..Default::default() })
                } else {
                    Probe::NoAnswer("connection refused".into())
                };
                (n.to_string(), probe)
            })
            .collect();
        Preflight { revision: 42, probes, ..Default::default() }
    }

    fn restart(members: &[&str]) -> PlannedRestart {
        PlannedRestart { members: members.iter().map(|m| m.to_string()).collect(), ..Default::default() }
    }

    fn check<'a>(plan: &'a RestartPlan, name: &str) -> &'a Check {
        plan.checks.iter().find(|c| c.name == name).unwrap()
    }

    #[test]
    fn a_rolling_restart_names_its_order_and_the_leader_last() {
        let plan = plan_restart(&cluster(), "demo", restart(&["pg1", "pg0"]), None, &facts(&["pg0", "pg1"]));
        assert!(plan.refusal().is_none(), "{:?}", plan.refusal());
        assert_eq!(plan.leader.as_deref(), Some("pg0"));
        assert_eq!(plan.timeline, Some(3));
        assert_eq!(plan.revision, 42);
        assert_eq!(
            check(&plan, "members").detail,
            "pg1, then pg0 (the leader); one at a time, each seen back before the next"
        );
        assert_eq!(check(&plan, "agents").detail, "every agent answers: pg1 running, pg0 running");
        assert!(check(&plan, "leader").detail.starts_with("pg0 is restarted now, last"), "{:?}", plan.checks);
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["action"], "restart");
        assert_eq!(json["restart"]["members"], serde_json::json!(["pg1", "pg0"]));
    }

    #[test]
    fn a_silent_agent_refuses_the_plan_by_name() {
        let plan = plan_restart(&cluster(), "demo", restart(&["pg1"]), None, &facts(&["pg0"]));
        let refusal = plan.refusal().unwrap();
        assert!(refusal.contains("the agent of pg1 does not answer: connection refused"), "{refusal}");
        assert!(refusal.contains("preflight check agents"), "{refusal}");
        assert!(matches!(check(&plan, "leader").verdict, Verdict::Skipped(_)));
    }

    #[test]
    fn nothing_to_restart_is_not_a_refusal() {
        let plan = plan_restart(&cluster(), "demo", restart(&[]), None, &facts(&[]));
        assert!(plan.refusal().is_none());
        assert!(matches!(check(&plan, "members").verdict, Verdict::Skipped(_)));
    }
}
