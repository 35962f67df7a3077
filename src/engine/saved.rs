//! Saved plans: `switchover ... --dry-run -f json > plan.json` records what the plan was made
//! against (the leader, each member's state, timeline and lag, the `/config` hash, the etcd
//! revision); `hactl apply plan.json` re-reads the cluster and names every difference that
//! matters before anything is sent. Pure: the comparison is unit-tested.

use super::plan::replay_lag;
use super::restart_plan::{PlannedRestart, RestartPlan};
use super::{Plan, Request, SavedAction};
use crate::cluster::{Cluster, config_hash};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The format of a saved plan; a file of another version is refused.
pub const SAVED_PLAN_VERSION: u32 = 1;

/// A member as the plan saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFacts {
    pub name: String,
    pub role: Option<String>,
    pub state: Option<String>,
    pub timeline: Option<u64>,
    /// Bytes not replayed relative to the leader's last position (none for the leader).
    pub lag: Option<u64>,
}

/// What a saved plan was made against, and what it will send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeAgainst {
    pub version: u32,
    /// RFC 3339.
    pub created_at: String,
    pub cluster: String,
    pub action: SavedAction,
    /// The request the plan will send: the leader and candidate as planned (a chosen candidate
    /// is fixed here), the scheduled time.
    pub leader: Option<String>,
    pub candidate: Option<String>,
    pub scheduled_at: Option<String>,
    /// The etcd revision the cluster was read at.
    pub revision: i64,
    pub timeline: Option<u64>,
    /// The `/config` key's md5 (as check_patroni hashes it); none without one.
    pub config_hash: Option<String>,
    pub members: Vec<MemberFacts>,
    /// A restart plan's restarts; none in a switchover or failover plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<PlannedRestart>,
}

impl MadeAgainst {
    pub fn of(plan: &Plan, cluster: &Cluster, now: DateTime<FixedOffset>) -> MadeAgainst {
        MadeAgainst {
            version: SAVED_PLAN_VERSION,
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            cluster: plan.cluster.clone(),
            action: plan.action.into(),
            leader: plan.leader.clone(),
            candidate: plan.candidate.clone(),
            scheduled_at: plan.scheduled_at.clone(),
            revision: plan.revision,
            timeline: plan.timeline,
            config_hash: config_hash_of(cluster),
            members: member_facts(cluster),
            restart: None,
        }
    }

    pub fn of_restart(plan: &RestartPlan, cluster: &Cluster, now: DateTime<FixedOffset>) -> MadeAgainst {
        MadeAgainst {
            version: SAVED_PLAN_VERSION,
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            cluster: plan.cluster.clone(),
            action: SavedAction::Restart,
            leader: plan.leader.clone(),
            candidate: None,
            scheduled_at: plan.scheduled_at.clone(),
            revision: plan.revision,
            timeline: plan.timeline,
            config_hash: config_hash_of(cluster),
            members: member_facts(cluster),
            restart: Some(plan.restart.clone()),
        }
    }

    /// The scheduled time, parsed.
    pub fn scheduled_at(&self) -> Result<Option<DateTime<FixedOffset>>, String> {
        self.scheduled_at
            .as_deref()
            .map(|at| {
                DateTime::parse_from_rfc3339(at)
                    .map_err(|e| format!("scheduled_at {at:?} is not an RFC 3339 time ({e})"))
            })
            .transpose()
    }

    /// The request that executes exactly this plan; the approval of the plan is the confirmation
    /// of what needs one.
    pub fn request(&self) -> Result<Request, String> {
        let action = self.action.leader_change().ok_or("a restart plan sends no switchover or failover")?;
        Ok(Request {
            action,
            leader: self.leader.clone(),
            candidate: self.candidate.clone(),
            scheduled_at: self.scheduled_at()?,
            confirmed: true,
        })
    }

    /// Seconds since the plan was made (negative if made "in the future").
    pub fn age_s(&self, now: DateTime<FixedOffset>) -> Result<i64, String> {
        let created = DateTime::parse_from_rfc3339(&self.created_at)
            .map_err(|e| format!("created_at {:?} is not an RFC 3339 time ({e})", self.created_at))?;
        Ok((now - created).num_seconds())
    }
}

fn config_hash_of(cluster: &Cluster) -> Option<String> {
    cluster.config.as_ref().map(|c| config_hash(&serde_json::Value::Object(c.data.clone())))
}

fn member_facts(cluster: &Cluster) -> Vec<MemberFacts> {
    let leader = cluster.leader_name();
    cluster
        .members
        .iter()
        .map(|m| MemberFacts {
            name: m.name.clone(),
            role: m.role.clone(),
            state: m.state.clone(),
            timeline: m.timeline,
            lag: if Some(m.name.as_str()) == leader { None } else { replay_lag(cluster, m) },
        })
        .collect()
}

/// A saved plan as `--dry-run -f json` writes it: what it was made against and its checks.
#[derive(Debug, Clone, Deserialize)]
pub struct SavedPlan {
    pub made_against: MadeAgainst,
    pub plan: SavedChecks,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SavedChecks {
    pub checks: Vec<SavedCheck>,
}

/// A check as the plan recorded it.
#[derive(Debug, Clone, Deserialize)]
pub struct SavedCheck {
    pub name: String,
    pub verdict: String,
    #[serde(default)]
    pub reason: Option<String>,
    pub detail: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SavedPlanError {
    #[error("{file}: not a saved plan ({detail}); make one with `hactl switchover CLUSTER --dry-run -f json > {file}`")]
    Unreadable { file: String, detail: String },
    #[error(
        "{file}: a saved plan of format version {found}, this hactl reads version {SAVED_PLAN_VERSION}; make the plan again"
    )]
    Version { file: String, found: u32 },
    #[error(
        "{file} was made {age_s} s ago ({created_at}), older than --max-age {max_age_s} s; make a new plan (nothing was changed)"
    )]
    TooOld { file: String, age_s: i64, created_at: String, max_age_s: u64 },
    #[error("the cluster moved since {file} was made: {}; make a new plan (refused; nothing was changed)", .differences.join("; "))]
    Moved { file: String, differences: Vec<String> },
}

impl crate::error::Classify for SavedPlanError {
    fn kind(&self) -> crate::error::ErrorKind {
        use crate::error::ErrorKind;
        match self {
            SavedPlanError::Unreadable { .. } | SavedPlanError::Version { .. } => ErrorKind::Usage,
            SavedPlanError::TooOld { .. } | SavedPlanError::Moved { .. } => ErrorKind::Refused,
        }
    }
}

/// Parses a saved plan's text; `file` names it in errors.
pub fn parse_saved(text: &str, file: &str) -> Result<SavedPlan, SavedPlanError> {
    let saved: SavedPlan = serde_json::from_str(text).map_err(|e| SavedPlanError::Unreadable {
        file: file.to_string(),
        detail: format!("line {} column {}: {}", e.line(), e.column(), strip_position(&e.to_string())),
    })?;
    if saved.made_against.version != SAVED_PLAN_VERSION {
        return Err(SavedPlanError::Version { file: file.to_string(), found: saved.made_against.version });
    }
    Ok(saved)
}

/// serde_json's message without its own " at line L column C".
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Refuses a plan older than `max_age_s`, or one whose cluster moved in a way that matters.
pub fn check_saved(
    saved: &MadeAgainst,
    file: &str,
    now_cluster: &Cluster,
    now: DateTime<FixedOffset>,
    max_age_s: Option<u64>,
) -> Result<(), SavedPlanError> {
    if let Some(max_age_s) = max_age_s {
        let age_s = saved.age_s(now).map_err(|detail| SavedPlanError::Unreadable { file: file.to_string(), detail })?;
        if age_s > max_age_s as i64 {
            return Err(SavedPlanError::TooOld {
                file: file.into(),
                age_s,
                created_at: saved.created_at.clone(),
                max_age_s,
            });
        }
    }
    let found = differences(saved, now_cluster);
    if found.is_empty() { Ok(()) } else { Err(SavedPlanError::Moved { file: file.into(), differences: found }) }
}

/// `48 MiB`, `512 KiB`, `300 bytes`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Every way the cluster moved since the plan was made that matters to it, in words
/// (`leader changed pg0 -> pg1 since the plan was made`); empty when it may be applied. A lag
/// matters once it grew by more than `maximum_lag_on_failover`.
pub fn differences(saved: &MadeAgainst, now: &Cluster) -> Vec<String> {
    let mut found = Vec::new();
    let since = "since the plan was made";
    let leader_then = saved.members.iter().find(|m| m.lag.is_none() && Some(&m.name) == saved.leader.as_ref());
    let leader_now = now.leader_name().map(str::to_string);
    if saved.leader != leader_now {
        let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "(none)".into());
        found.push(format!("leader changed {} -> {} {since}", name(&saved.leader), name(&leader_now)));
    }
    let timeline_now = leader_now.as_deref().and_then(|l| now.member(l)).and_then(|m| m.timeline);
    if leader_then.is_some() && saved.timeline.is_some() && saved.timeline != timeline_now {
        let tl = |t: Option<u64>| t.map_or("?".into(), |t| t.to_string());
        found.push(format!("timeline changed {} -> {} {since}", tl(saved.timeline), tl(timeline_now)));
    }
    let facts_now = member_facts(now);
    let allowed_growth = now.maximum_lag_on_failover();
    for then in &saved.members {
        let Some(current) = facts_now.iter().find(|m| m.name == then.name) else {
            found.push(format!("{} is gone (no member key) {since}", then.name));
            continue;
        };
        if then.state != current.state {
            let state = |s: &Option<String>| s.clone().unwrap_or_else(|| "(none)".into());
            found.push(format!("{} state {} -> {} {since}", then.name, state(&then.state), state(&current.state)));
        }
        if let (Some(before), Some(after)) = (then.lag, current.lag)
            && after > before.saturating_add(allowed_growth)
        {
            found.push(format!("{} lag {} -> {} {since}", then.name, size(before), size(after)));
        }
    }
    for current in &facts_now {
        if !saved.members.iter().any(|m| m.name == current.name) {
            found.push(format!("{} joined {since}", current.name));
        }
    }
    if saved.config_hash != config_hash_of(now) {
        found.push(format!("the dynamic configuration (/config) changed {since}"));
    }
    found
}

/// A restart plan's members as they would be chosen now (`--pending` filters again), when they
/// differ from the plan's: `members to restart pg1, pg2 -> pg2 since the plan was made`.
pub fn restart_members_moved(planned: &PlannedRestart, now: &[String]) -> Option<String> {
    if planned.members == now {
        return None;
    }
    let names = |m: &[String]| if m.is_empty() { "(none)".to_string() } else { m.join(", ") };
    Some(format!("members to restart {} -> {} since the plan was made", names(&planned.members), names(now)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::RawNode;

    fn cluster(leader: &str, members: &[(&str, &str, u64)], last_lsn: u64, config: &str) -> Cluster {
        let mut nodes = vec![
            RawNode { key: "leader".into(), value: leader.into(), mod_revision: 5, lease: 1 },
            RawNode { key: "config".into(), value: config.into(), mod_revision: 2, lease: 0 },
            RawNode { key: "status".into(), value: format!(r#"{{"optime": {last_lsn}}}"#), mod_revision: 5, lease: 0 },
        ];
        for (name, state, replay) in members {
            let role = if *name == leader { "primary" } else { "replica" };
            let value = format!(
                r#"{{"conn_url": "postgres://127.0.0.1:5432/postgres", "api_url": "http://127.0.0.1:8008/patroni", "role": "{role}", "state": "{state}", "timeline": 3, "replay_lsn": {replay}, "receive_lsn": {replay}}}"#
            );
            nodes.push(RawNode { key: format!("members/{name}"), value, mod_revision: 4, lease: 1 });
        }
        Cluster::from_nodes("demo", &nodes)
    }

    fn saved_from(c: &Cluster) -> MadeAgainst {
        MadeAgainst {
            version: SAVED_PLAN_VERSION,
            created_at: "2026-12-04T03:00:00Z".into(),
            cluster: "demo".into(),
            action: SavedAction::Switchover,
            leader: c.leader_name().map(str::to_string),
            candidate: Some("pg1".into()),
            scheduled_at: None,
            revision: 5,
            timeline: Some(3),
            config_hash: config_hash_of(c),
            members: member_facts(c),
            restart: None,
        }
    }

    #[test]
    fn restart_members_that_no_longer_match_are_named() {
        let planned = PlannedRestart { members: vec!["pg1".into(), "pg2".into()], pending: true, ..Default::default() };
        assert_eq!(restart_members_moved(&planned, &["pg1".into(), "pg2".into()]), None);
        assert_eq!(
            restart_members_moved(&planned, &["pg2".into()]).as_deref(),
            Some("members to restart pg1, pg2 -> pg2 since the plan was made")
        );
        assert_eq!(
            restart_members_moved(&planned, &[]).as_deref(),
            Some("members to restart pg1, pg2 -> (none) since the plan was made")
        );
    }

    #[test]
    fn an_unchanged_cluster_has_no_differences() {
        let c = cluster("pg0", &[("pg0", "running", 100), ("pg1", "streaming", 100)], 100, r#"{"ttl": 30}"#);
        assert_eq!(differences(&saved_from(&c), &c), Vec::<String>::new());
    }

    #[test]
    fn every_difference_that_matters_is_named() {
        let then = cluster(
            "pg0",
            &[("pg0", "running", 100), ("pg1", "streaming", 100), ("pg2", "streaming", 100)],
            100,
            r#"{"ttl": 30}"#,
        );
        let now = cluster(
            "pg1",
            &[("pg0", "running", 100), ("pg1", "streaming", 100), ("pg2", "streaming", 100), ("pg3", "streaming", 0)],
            100 + (48 << 20),
            r#"{"ttl": 20}"#,
        );
        let found = differences(&saved_from(&then), &now);
        assert!(found.contains(&"leader changed pg0 -> pg1 since the plan was made".to_string()), "{found:?}");
        assert!(found.contains(&"pg2 lag 0 bytes -> 48 MiB since the plan was made".to_string()), "{found:?}");
        assert!(found.contains(&"pg3 joined since the plan was made".to_string()), "{found:?}");
        assert!(found.iter().any(|f| f.starts_with("the dynamic configuration (/config) changed")), "{found:?}");
    }

    #[test]
    fn a_member_gone_or_stopped_is_named_and_a_small_lag_is_not() {
        let then =
            cluster("pg0", &[("pg0", "running", 100), ("pg1", "streaming", 100), ("pg2", "streaming", 100)], 100, "{}");
        let now = cluster("pg0", &[("pg0", "running", 100), ("pg1", "stopped", 100)], 100 + 4096, "{}");
        let found = differences(&saved_from(&then), &now);
        assert_eq!(
            found,
            vec![
                "pg1 state streaming -> stopped since the plan was made".to_string(),
                "pg2 is gone (no member key) since the plan was made".to_string()
            ]
        );
    }

    #[test]
    fn a_saved_plan_file_is_checked_for_format_age_and_movement() {
        let c = cluster("pg0", &[("pg0", "running", 100), ("pg1", "streaming", 100)], 100, "{}");
        let made = saved_from(&c);
        let text = serde_json::json!({ "plan": { "checks": [] }, "made_against": made }).to_string();
        let saved = parse_saved(&text, "plan.json").unwrap();
        assert_eq!(saved.made_against, made);
        let err = parse_saved("{\n  \"plan\": 1", "plan.json").unwrap_err();
        assert!(err.to_string().starts_with("plan.json: not a saved plan (line 2 column"), "{err}");
        let now = DateTime::parse_from_rfc3339("2026-12-04T03:10:00Z").unwrap();
        assert!(check_saved(&made, "plan.json", &c, now, Some(900)).is_ok());
        let err = check_saved(&made, "plan.json", &c, now, Some(300)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("plan.json was made 600 s ago (2026-12-04T03:00:00Z), older than --max-age 300 s")
        );
        let moved = cluster("pg1", &[("pg0", "running", 100), ("pg1", "streaming", 100)], 100, "{}");
        let err = check_saved(&made, "plan.json", &moved, now, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the cluster moved since plan.json was made: leader changed pg0 -> pg1 since the plan was made; make a new plan (refused; nothing was changed)"
        );
        assert_eq!(crate::error::Classify::kind(&err), crate::error::ErrorKind::Refused);
    }

    #[test]
    fn the_request_is_the_plans_own_and_confirmed() {
        let c = cluster("pg0", &[("pg0", "running", 100), ("pg1", "streaming", 100)], 100, "{}");
        let request = saved_from(&c).request().unwrap();
        assert_eq!((request.leader.as_deref(), request.candidate.as_deref()), (Some("pg0"), Some("pg1")));
        assert!(request.confirmed);
        let now = DateTime::parse_from_rfc3339("2026-12-04T03:10:00Z").unwrap();
        assert_eq!(saved_from(&c).age_s(now), Ok(600));
    }
}
