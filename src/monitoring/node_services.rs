//! check_patroni's `node_*` services: one agent's health endpoints (`/liveness`, `/primary`,
//! `/leader`, `/replica`) and `/patroni`, with check_patroni 2.2.0's metrics and sentences.

use super::cluster_services::{Reference, SyncType};
use super::nagios::{Metric, Outcome, Summary};
use super::patroni_api::{ApiFailure, PatroniApi};
use super::range::Range;
use super::state_file::{StateFile, StateValue};
use serde_json::Value;

/// A health endpoint's answer: 200 is yes, another status is no, no connection is UNKNOWN.
async fn answers_yes(api: &PatroniApi, service: &str, endpoint: &str) -> Result<(bool, Option<Value>), Outcome> {
    match api.get(endpoint).await {
        Ok(body) => Ok((true, body)),
        Err(ApiFailure::Status { .. }) => Ok((false, None)),
        Err(failure) => Err(failure.outcome(service)),
    }
}

fn yes_no(service: &str, metric: &str, yes: bool, ok: String, problem: String) -> Outcome {
    let metric = Metric::new(metric, yes).critical(Some(Range::inside(0, 0)));
    Outcome::evaluate(service, vec![metric], Summary::sentences(ok, problem))
}

pub async fn node_is_alive(api: &PatroniApi) -> Outcome {
    const SERVICE: &str = "node_is_alive";
    match answers_yes(api, SERVICE, "liveness").await {
        Ok((yes, _)) => evaluate_is_alive(yes),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_alive(alive: bool) -> Outcome {
    yes_no(
        "node_is_alive",
        "is_alive",
        alive,
        "This node is alive (patroni is running).".into(),
        "This node is not alive (patroni is not running).".into(),
    )
}

pub async fn node_is_primary(api: &PatroniApi) -> Outcome {
    const SERVICE: &str = "node_is_primary";
    match answers_yes(api, SERVICE, "primary").await {
        Ok((yes, _)) => evaluate_is_primary(yes),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_primary(primary: bool) -> Outcome {
    yes_no(
        "node_is_primary",
        "is_primary",
        primary,
        "This node is the primary with the leader lock.".into(),
        "This node is not the primary with the leader lock.".into(),
    )
}

/// `node_is_leader`, or with `standby_leader` (`--is-standby-leader`) a standby leader only.
pub async fn node_is_leader(api: &PatroniApi, standby_leader: bool) -> Outcome {
    const SERVICE: &str = "node_is_leader";
    let endpoint = if standby_leader { "standby-leader" } else { "leader" };
    match answers_yes(api, SERVICE, endpoint).await {
        Ok((yes, _)) => evaluate_is_leader(yes, standby_leader),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_leader(leader: bool, standby_leader: bool) -> Outcome {
    let kind = if standby_leader { "standby leader" } else { "leader" };
    yes_no(
        "node_is_leader",
        "is_leader",
        leader,
        format!("This node is a {kind} node."),
        format!("This node is not a {kind} node."),
    )
}

/// `node_is_replica`'s options (`--is-sync` and `--is-async` exclude each other, and
/// `--is-sync` excludes `--max-lag`: the command checks that).
#[derive(Debug, Clone, Default)]
pub struct ReplicaOptions {
    /// `--max-lag` as given: Patroni's `/replica?lag=` reads it.
    pub max_lag: Option<String>,
    pub is_sync: bool,
    pub is_async: bool,
    pub sync_type: SyncType,
}

pub async fn node_is_replica(api: &PatroniApi, options: &ReplicaOptions) -> Outcome {
    const SERVICE: &str = "node_is_replica";
    let endpoint = match &options.max_lag {
        Some(lag) => format!("replica?lag={lag}"),
        None => "replica".to_string(),
    };
    match answers_yes(api, SERVICE, &endpoint).await {
        Ok((yes, body)) => evaluate_is_replica(yes, body.as_ref(), options),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_replica(answered: bool, body: Option<&Value>, o: &ReplicaOptions) -> Outcome {
    let has = |key: &str| body.and_then(Value::as_object).is_some_and(|b| b.contains_key(key));
    let sync_key = |role: &str| {
        has(role)
            && matches!(
                (o.sync_type, role),
                (SyncType::Any | SyncType::Sync, "sync_standby") | (SyncType::Any | SyncType::Quorum, "quorum_standby")
            )
    };
    let is_replica = answered
        && if o.is_sync {
            sync_key("sync_standby") || sync_key("quorum_standby")
        } else if o.is_async {
            !(has("sync_standby") || has("quorum_standby"))
        } else {
            true
        };
    let kind = if o.is_sync {
        format!("synchronous replica of kind '{}'", o.sync_type.as_str())
    } else if o.is_async {
        "asynchronous replica".to_string()
    } else {
        "replica".to_string()
    };
    let (ok, problem) = match &o.max_lag {
        None => (
            format!("This node is a running {kind} with no noloadbalance tag."),
            format!("This node is not a running {kind} with no noloadbalance tag."),
        ),
        Some(lag) => (
            format!("This node is a running {kind} with no noloadbalance tag and the lag is under {lag}."),
            format!("This node is not a running {kind} with no noloadbalance tag and a lag under {lag}."),
        ),
    };
    yes_no("node_is_replica", "is_replica", is_replica, ok, problem)
}

async fn patroni(api: &PatroniApi, service: &str) -> Result<Value, Outcome> {
    api.get("patroni").await.map(Option::unwrap_or_default).map_err(|f| f.outcome(service))
}

pub async fn node_is_pending_restart(api: &PatroniApi) -> Outcome {
    match patroni(api, "node_is_pending_restart").await {
        Ok(body) => evaluate_is_pending_restart(body["pending_restart"].as_bool().unwrap_or(false)),
        Err(outcome) => outcome,
    }
}

pub fn evaluate_is_pending_restart(pending: bool) -> Outcome {
    let metric = Metric::new("is_pending_restart", pending).critical(Some(Range::between(0, 0)));
    Outcome::evaluate(
        "node_is_pending_restart",
        vec![metric],
        Summary::sentences(
            "This node doesn't have the pending restart flag.",
            "This node has the pending restart flag.",
        ),
    )
}

pub async fn node_patroni_version(api: &PatroniApi, expected: &str) -> Outcome {
    const SERVICE: &str = "node_patroni_version";
    match patroni(api, SERVICE).await {
        Ok(body) => match body["patroni"]["version"].as_str() {
            Some(version) => evaluate_patroni_version(version, expected),
            None => Outcome::aborted(SERVICE, "KeyError: 'version'"),
        },
        Err(outcome) => outcome,
    }
}

pub fn evaluate_patroni_version(version: &str, expected: &str) -> Outcome {
    let metric = Metric::new("is_version_ok", version == expected).critical(Some(Range::inside(0, 0)));
    Outcome::evaluate(
        "node_patroni_version",
        vec![metric],
        Summary::sentences(
            format!("Patroni's version is {expected}."),
            format!("Patroni's version is not {expected}."),
        ),
    )
}

pub async fn node_tl_has_changed(api: &PatroniApi, reference: &Reference) -> Outcome {
    const SERVICE: &str = "node_tl_has_changed";
    let body = match patroni(api, SERVICE).await {
        Ok(body) => body,
        Err(outcome) => return outcome,
    };
    let Some(timeline) = body["timeline"].as_i64() else {
        return Outcome::aborted(SERVICE, "KeyError: 'timeline'");
    };
    let old = match reference {
        Reference::Given(timeline) => Some(timeline.clone()),
        Reference::StateFile { path, save } => {
            let file = match StateFile::open(path) {
                Ok(file) => file,
                Err(e) => return Outcome::aborted(SERVICE, e),
            };
            let old = file.get("timeline").map(|v| v.to_string());
            if *save && let Err(e) = file.save("timeline", StateValue::Int(timeline)) {
                return Outcome::aborted(SERVICE, e);
            }
            old
        }
    };
    evaluate_tl_has_changed(timeline, old.as_deref())
}

pub fn evaluate_tl_has_changed(timeline: i64, old: Option<&str>) -> Outcome {
    let old_text = old.unwrap_or("None");
    let metrics = vec![
        Metric::new("is_timeline_changed", timeline.to_string() != old_text).critical(Some(Range::inside(1, 1))),
        Metric::new("timeline", timeline),
    ];
    Outcome::evaluate(
        "node_tl_has_changed",
        metrics,
        Summary::sentences(
            format!("The timeline is still {old_text}."),
            format!("The expected timeline was {old_text} got {timeline}."),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn health_endpoint_services_read_as_check_patroni() {
        assert_eq!(
            evaluate_is_alive(true).status_line(),
            "NODEISALIVE OK - This node is alive (patroni is running). | is_alive=1;;@0"
        );
        let primary = evaluate_is_primary(false);
        assert_eq!(primary.exit_code(), 2);
        assert_eq!(
            primary.status_line(),
            "NODEISPRIMARY CRITICAL - This node is not the primary with the leader lock. | is_primary=0;;@0"
        );
        assert_eq!(
            evaluate_is_leader(true, true).status_line(),
            "NODEISLEADER OK - This node is a standby leader node. | is_leader=1;;@0"
        );
    }

    #[test]
    fn a_replica_can_be_asked_to_be_sync_or_async() {
        let sync_body = json!({"state": "running", "role": "replica", "sync_standby": true});
        let sync = ReplicaOptions { is_sync: true, ..Default::default() };
        assert_eq!(evaluate_is_replica(true, Some(&sync_body), &sync).exit_code(), 0);
        let quorum_only = ReplicaOptions { is_sync: true, sync_type: SyncType::Quorum, ..Default::default() };
        let outcome = evaluate_is_replica(true, Some(&sync_body), &quorum_only);
        assert_eq!(
            outcome.status_line(),
            "NODEISREPLICA CRITICAL - This node is not a running synchronous replica of kind 'quorum' with no noloadbalance tag. | is_replica=0;;@0"
        );
        let async_ = ReplicaOptions { is_async: true, ..Default::default() };
        assert_eq!(evaluate_is_replica(true, Some(&sync_body), &async_).exit_code(), 2);
        let lag = ReplicaOptions { max_lag: Some("1MB".into()), ..Default::default() };
        assert_eq!(
            evaluate_is_replica(true, None, &lag).message,
            "This node is a running replica with no noloadbalance tag and the lag is under 1MB."
        );
        assert_eq!(evaluate_is_replica(false, None, &ReplicaOptions::default()).exit_code(), 2);
    }

    #[test]
    fn pending_restart_version_and_timeline() {
        assert_eq!(
            evaluate_is_pending_restart(true).status_line(),
            "NODEISPENDINGRESTART CRITICAL - This node has the pending restart flag. | is_pending_restart=1;;0"
        );
        assert_eq!(
            evaluate_patroni_version("4.1.5", "4.1.5").status_line(),
            "NODEPATRONIVERSION OK - Patroni's version is 4.1.5. | is_version_ok=1;;@0"
        );
        assert_eq!(evaluate_patroni_version("4.1.5", "3.3.0").exit_code(), 2);
        assert_eq!(
            evaluate_tl_has_changed(2, Some("2")).status_line(),
            "NODETLHASCHANGED OK - The timeline is still 2. | is_timeline_changed=0;;@1:1 timeline=2"
        );
        assert_eq!(
            evaluate_tl_has_changed(3, Some("2")).status_line(),
            "NODETLHASCHANGED CRITICAL - The expected timeline was 2 got 3. | is_timeline_changed=1;;@1:1 timeline=3"
        );
        assert_eq!(evaluate_tl_has_changed(3, None).message, "The expected timeline was None got 3.");
    }
}
