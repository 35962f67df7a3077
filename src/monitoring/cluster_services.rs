//! check_patroni's `cluster_*` services: what `GET /cluster` (and `/config`) says about the
//! whole cluster, with check_patroni 2.2.0's metrics, thresholds and sentences. Each service is
//! a fetch and a pure evaluation of the typed answer.

use super::nagios::{Metric, Outcome, Summary};
use super::patroni_api::{ClusterReport, Lag, PatroniApi};
use super::range::Range;
use super::state_file::{StateFile, StateValue};
use serde::Serialize;

/// `--sync-type`: which synchronous standbys count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncType {
    #[default]
    Any,
    Sync,
    Quorum,
}

impl SyncType {
    fn counts(self, role: &str) -> bool {
        matches!(
            (self, role),
            (SyncType::Sync | SyncType::Any, "sync_standby") | (SyncType::Quorum | SyncType::Any, "quorum_standby")
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SyncType::Any => "any",
            SyncType::Sync => "sync",
            SyncType::Quorum => "quorum",
        }
    }
}

const REPLICA_ROLES: [&str; 3] = ["replica", "sync_standby", "quorum_standby"];

async fn report(api: &PatroniApi, service: &str) -> Result<ClusterReport, Outcome> {
    match api.get("cluster").await {
        Ok(value) => Ok(ClusterReport::from_json(&value.unwrap_or_default())),
        Err(failure) => Err(failure.outcome(service)),
    }
}

async fn detailed(api: &PatroniApi, service: &str) -> Result<bool, Outcome> {
    api.has_detailed_states().await.map_err(|f| f.outcome(service))
}

/// `name's` → `names`, spaces → `_`: check_patroni's perfdata labels from roles and states.
fn replace_chars(text: &str) -> String {
    text.replace('\'', "").replace(' ', "_")
}

/// `-w/-c` on the member count, `--healthy-warning/--healthy-critical` on the healthy ones.
#[derive(Debug, Clone, Default)]
pub struct NodeCountThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    pub healthy_warning: Option<Range>,
    pub healthy_critical: Option<Range>,
}

pub async fn cluster_node_count(api: &PatroniApi, thresholds: &NodeCountThresholds) -> Outcome {
    const SERVICE: &str = "cluster_node_count";
    let run = async {
        let report = report(api, SERVICE).await?;
        let detailed = detailed(api, SERVICE).await?;
        Ok(evaluate_node_count(&report, detailed, thresholds))
    };
    run.await.unwrap_or_else(|o| o)
}

pub fn evaluate_node_count(report: &ClusterReport, detailed: bool, t: &NodeCountThresholds) -> Outcome {
    let mut roles: Vec<(String, i64)> = Vec::new();
    let mut states: Vec<(String, i64)> = Vec::new();
    let count = |list: &mut Vec<(String, i64)>, key: String| match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key, 1)),
    };
    let mut healthy = 0;
    for m in &report.members {
        count(&mut roles, replace_chars(&m.role));
        count(&mut states, replace_chars(&m.state));
        let replica_like = ["standby_leader", "replica", "sync_standby", "quorum_standby"].contains(&m.role.as_str());
        let ready = if detailed { m.state == "streaming" } else { m.state == "running" };
        if (m.role == "leader" && m.state == "running") || (replica_like && ready) {
            healthy += 1;
        }
    }
    let mut metrics = vec![
        Metric::new("members", report.members.len() as i64).warning(t.warning).critical(t.critical),
        Metric::new("healthy_members", healthy).warning(t.healthy_warning).critical(t.healthy_critical),
    ];
    metrics.extend(roles.into_iter().map(|(role, n)| Metric::new(format!("role_{role}"), n)));
    metrics.extend(states.into_iter().map(|(state, n)| Metric::new(format!("state_{state}"), n)));
    Outcome::evaluate("cluster_node_count", metrics, Summary::Described)
}

pub async fn cluster_has_leader(api: &PatroniApi) -> Outcome {
    const SERVICE: &str = "cluster_has_leader";
    let run = async {
        let report = report(api, SERVICE).await?;
        // Only a standby leader's state depends on the version.
        let detailed = match report.members.iter().any(|m| m.role == "standby_leader") {
            true => detailed(api, SERVICE).await?,
            false => true,
        };
        Ok(evaluate_has_leader(&report, detailed))
    };
    run.await.unwrap_or_else(|o| o)
}

pub fn evaluate_has_leader(report: &ClusterReport, detailed: bool) -> Outcome {
    let (mut leader, mut standby_leader, mut in_archive_recovery) = (false, false, false);
    for m in &report.members {
        if m.role == "leader" && m.state == "running" {
            leader = true;
            break;
        }
        if m.role == "standby_leader" {
            if !["streaming", "in archive recovery"].contains(&m.state.as_str()) && (detailed || m.state != "running") {
                continue;
            }
            in_archive_recovery = m.state == "in archive recovery";
            standby_leader = true;
            break;
        }
    }
    let metrics = vec![
        Metric::new("has_leader", leader || standby_leader).critical(Some(Range::inside(0, 0))),
        Metric::new("is_standby_leader_in_arc_rec", in_archive_recovery).warning(Some(Range::inside(1, 1))),
        Metric::new("is_standby_leader", standby_leader),
        Metric::new("is_leader", leader),
    ];
    Outcome::evaluate(
        "cluster_has_leader",
        metrics,
        Summary::sentences(
            "The cluster has a running leader.",
            "The cluster has no running leader or the standby leader is in archive recovery.",
        ),
    )
}

/// `cluster_has_replica`'s options.
#[derive(Debug, Clone, Default)]
pub struct ReplicaThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    pub sync_warning: Option<Range>,
    pub sync_critical: Option<Range>,
    pub sync_type: SyncType,
    /// `--max-lag`, in bytes.
    pub max_lag: Option<i64>,
}

pub async fn cluster_has_replica(api: &PatroniApi, thresholds: &ReplicaThresholds) -> Outcome {
    const SERVICE: &str = "cluster_has_replica";
    let run = async {
        let report = report(api, SERVICE).await?;
        let needs_version =
            report.members.iter().any(|m| REPLICA_ROLES.contains(&m.role.as_str()) && m.lag != Some(Lag::Unknown));
        let detailed = if needs_version { detailed(api, SERVICE).await? } else { true };
        Ok(evaluate_has_replica(&report, detailed, thresholds))
    };
    run.await.unwrap_or_else(|o| o)
}

pub fn evaluate_has_replica(report: &ClusterReport, detailed: bool, t: &ReplicaThresholds) -> Outcome {
    const SERVICE: &str = "cluster_has_replica";
    let leader_timeline = report
        .members
        .iter()
        .find(|m| ["leader", "standby_leader"].contains(&m.role.as_str()))
        .and_then(|m| m.timeline);
    let (mut healthy, mut unhealthy, mut sync) = (0, 0, 0);
    let mut per_replica = Vec::new();
    for m in report.members.iter().filter(|m| REPLICA_ROLES.contains(&m.role.as_str())) {
        let lag = match m.lag {
            Some(Lag::Bytes(lag)) => lag,
            Some(Lag::Unknown) => {
                unhealthy += 1;
                continue;
            }
            // check_patroni reads member["lag"] and stops on a KeyError.
            None => return Outcome::aborted(SERVICE, "KeyError: 'lag'"),
        };
        let Some(timeline) = m.timeline else {
            return Outcome::aborted(SERVICE, "KeyError: 'timeline'");
        };
        let is_sync = ["sync_standby", "quorum_standby"].contains(&m.role.as_str());
        per_replica.push((m.name.clone(), lag, timeline, is_sync));
        let state_ok = if detailed {
            ["streaming", "in archive recovery"].contains(&m.state.as_str())
        } else {
            m.state == "running"
        };
        if !(state_ok && Some(timeline) == leader_timeline) {
            unhealthy += 1;
            continue;
        }
        if t.sync_type.counts(&m.role) {
            sync += 1;
        }
        if t.max_lag.is_none_or(|max| max >= lag) {
            healthy += 1;
        } else {
            unhealthy += 1;
        }
    }
    let mut metrics = vec![
        Metric::new("healthy_replica", healthy).warning(t.warning).critical(t.critical),
        Metric::new("sync_replica", sync).warning(t.sync_warning).critical(t.sync_critical),
        Metric::new("unhealthy_replica", unhealthy),
    ];
    for (name, lag, timeline, is_sync) in per_replica {
        metrics.push(Metric::new(format!("{name}_lag"), lag));
        metrics.push(Metric::new(format!("{name}_timeline"), timeline));
        metrics.push(Metric::new(format!("{name}_sync"), is_sync));
    }
    Outcome::evaluate(SERVICE, metrics, Summary::Described)
}

pub async fn cluster_is_in_maintenance(api: &PatroniApi) -> Outcome {
    match report(api, "cluster_is_in_maintenance").await {
        Ok(report) => evaluate_is_in_maintenance(&report),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_in_maintenance(report: &ClusterReport) -> Outcome {
    let metric = Metric::new("is_in_maintenance", report.pause).critical(Some(Range::between(0, 0)));
    Outcome::evaluate("cluster_is_in_maintenance", vec![metric], Summary::Described)
}

pub async fn cluster_has_scheduled_action(api: &PatroniApi) -> Outcome {
    match report(api, "cluster_has_scheduled_action").await {
        Ok(report) => evaluate_has_scheduled_action(&report),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_has_scheduled_action(report: &ClusterReport) -> Outcome {
    let switchover = i64::from(report.scheduled_switchover);
    let restarts = report.members.iter().filter(|m| m.scheduled_restart).count() as i64;
    let metrics = vec![
        Metric::new("has_scheduled_actions", switchover + restarts > 0).critical(Some(Range::between(0, 0))),
        Metric::new("scheduled_switchover", switchover),
        Metric::new("scheduled_restart", restarts),
    ];
    Outcome::evaluate("cluster_has_scheduled_action", metrics, Summary::Described)
}

/// Where the reference hash comes from: `--hash` or `--state-file` (with `--save`).
#[derive(Debug, Clone)]
pub enum Reference {
    Given(String),
    StateFile { path: std::path::PathBuf, save: bool },
}

pub async fn cluster_config_has_changed(api: &PatroniApi, reference: &Reference) -> Outcome {
    const SERVICE: &str = "cluster_config_has_changed";
    let config = match api.get("config").await {
        Ok(config) => config.unwrap_or_default(),
        Err(failure) => return failure.outcome(SERVICE),
    };
    let new_hash = config_hash(&config);
    let old_hash = match reference {
        Reference::Given(hash) => Some(hash.clone()),
        Reference::StateFile { path, save } => {
            let file = match StateFile::open(path) {
                Ok(file) => file,
                Err(e) => return Outcome::aborted(SERVICE, e),
            };
            let old = file.get("hash").map(|v| v.to_string());
            if *save && let Err(e) = file.save("hash", StateValue::Text(new_hash.clone())) {
                return Outcome::aborted(SERVICE, e);
            }
            old
        }
    };
    evaluate_config_has_changed(&new_hash, old_hash.as_deref())
}

pub use crate::cluster::config_hash;

pub fn evaluate_config_has_changed(new_hash: &str, old_hash: Option<&str>) -> Outcome {
    let old = old_hash.unwrap_or("None");
    let metric =
        Metric::new("is_configuration_changed", Some(new_hash) != old_hash).critical(Some(Range::inside(1, 1)));
    Outcome::evaluate(
        "cluster_config_has_changed",
        vec![metric],
        Summary::sentences(
            format!("The hash of patroni's dynamic configuration has not changed ({old})."),
            format!("The hash of patroni's dynamic configuration has changed. The old hash was {old}."),
        ),
    )
}

#[cfg(test)]
#[path = "cluster_services_tests.rs"]
mod tests;
