//! The Patroni REST API as check_patroni asks it: the endpoints in order, the first one that
//! accepts a connection answers, an answer other than 200 is an error (or, for the `node_is_*`
//! services, a "no"), and the answers typed once.

use super::nagios::Outcome;
use crate::agent::{Agents, endpoint_url};
use crate::cluster::Cluster;
use serde_json::Value;
use std::time::Duration;

/// Why a request got no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No endpoint accepted a connection.
    AllFailed,
    /// An endpoint answered with a status other than 200.
    Status { url: String, status: u16 },
}

/// How long an endpoint may take before the next one is asked as well: far longer than an agent
/// takes to answer, far shorter than a check's timeout.
const HEDGE_DELAY: Duration = Duration::from_millis(500);

/// check_patroni's message when no endpoint answers.
pub const ALL_FAILED: &str = "Connection failed for all provided endpoints";

impl ApiFailure {
    /// UNKNOWN, worded as check_patroni words it: no endpoint is a `CheckError`, another status
    /// than 200 an `APIError` it does not catch.
    pub fn outcome(&self, service: &str) -> Outcome {
        match self {
            ApiFailure::AllFailed => Outcome::unknown(service, ALL_FAILED),
            ApiFailure::Status { url, status } => {
                Outcome::aborted(service, format!("APIError: Failed to connect to {url} status code {status}"))
            }
        }
    }
}

/// The endpoints of one node (`node_*` services: several addresses of the same agent) or of
/// the whole cluster (`cluster_*` services: any agent will do).
pub struct PatroniApi {
    agents: Agents,
    endpoints: Vec<String>,
    timeout: Duration,
}

impl PatroniApi {
    /// `endpoints` are base URLs (`http://10.0.0.1:8008`); a comma-separated entry counts as several.
    pub fn new(agents: Agents, endpoints: &[String], timeout: Duration) -> PatroniApi {
        let endpoints = endpoints
            .iter()
            .flat_map(|e| e.split(','))
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect();
        PatroniApi { agents, endpoints, timeout }
    }

    pub fn endpoints(&self) -> &[String] {
        &self.endpoints
    }

    /// `GET <endpoint>/<service>`: the endpoints in order, the next one asked at once when a
    /// connection fails (as check_patroni) and also when one has not answered within a short
    /// delay, so that a frozen agent listed first does not spend the check's whole timeout. The
    /// first answer wins: its JSON (`None` when the body is not JSON, as check_patroni), or the
    /// failure.
    pub async fn get(&self, service: &str) -> Result<Option<Value>, ApiFailure> {
        let urls: Vec<String> = self.endpoints.iter().map(|endpoint| format!("{endpoint}/{service}")).collect();
        let hedge = (self.timeout / 4).min(HEDGE_DELAY);
        let asked = crate::hedge::first_answer(urls.len(), hedge, |i| {
            let (agents, url, timeout) = (self.agents.clone(), urls[i].clone(), self.timeout);
            async move { agents.get_url(&url, timeout).await }
        })
        .await;
        match asked {
            Ok((i, response)) if response.status != 200 => {
                Err(ApiFailure::Status { url: urls[i].clone(), status: response.status })
            }
            Ok((_, response)) => Ok(serde_json::from_str(&response.body).ok()),
            Err(_) => Err(ApiFailure::AllFailed),
        }
    }

    /// Whether the agent's Patroni (>= 3.0.4) reports `streaming` and `in archive recovery`
    /// rather than `running` for replicas.
    pub async fn has_detailed_states(&self) -> Result<bool, ApiFailure> {
        let patroni = self.get("patroni").await?;
        let version = patroni.as_ref().and_then(|p| p["patroni"]["version"].as_str()).unwrap_or_default().to_string();
        Ok(detailed_states(&version))
    }
}

/// `tuple(int(v) for v in version.split(".", 2)) >= (3, 0, 4)`.
pub fn detailed_states(version: &str) -> bool {
    let parts: Vec<u64> = version.splitn(3, '.').map(|p| p.parse().unwrap_or(0)).collect();
    parts >= vec![3, 0, 4]
}

/// The cluster's agents as endpoints, leader first: what `cluster_*` services ask when the
/// endpoints come from the DCS rather than `-e`.
pub fn cluster_endpoints(cluster: &Cluster) -> Vec<String> {
    cluster.members_leader_first().into_iter().filter_map(|m| m.api_url.as_deref()).map(base_url).collect()
}

/// The endpoint of one member's agent, for `node_*` services with `-m/--member`.
pub fn member_endpoint(cluster: &Cluster, member: &str) -> Result<String, String> {
    let found = cluster.members.iter().find(|m| m.name == member).ok_or_else(|| {
        let names: Vec<&str> = cluster.members.iter().map(|m| m.name.as_str()).collect();
        format!("member {member} is not in cluster {} (members: {})", cluster.scope, names.join(", "))
    })?;
    found
        .api_url
        .as_deref()
        .map(base_url)
        .ok_or_else(|| format!("member {member} has no REST API address (api_url) in the DCS"))
}

/// `http://h:8008/patroni` → `http://h:8008`.
fn base_url(api_url: &str) -> String {
    endpoint_url(api_url, "").trim_end_matches('/').to_string()
}

/// A member's lag as `/cluster` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lag {
    Bytes(i64),
    /// `"unknown"`: the member's position is not known (PostgreSQL stopped).
    Unknown,
}

/// One member of `GET /cluster`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportMember {
    pub name: String,
    pub role: String,
    pub state: String,
    pub lag: Option<Lag>,
    pub timeline: Option<i64>,
    pub scheduled_restart: bool,
}

/// `GET /cluster`, typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClusterReport {
    pub members: Vec<ReportMember>,
    pub pause: bool,
    pub scheduled_switchover: bool,
}

impl ClusterReport {
    pub fn from_json(value: &Value) -> ClusterReport {
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let number = |v: &Value| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok()));
        let members = value["members"]
            .as_array()
            .map(|members| {
                members
                    .iter()
                    .map(|m| ReportMember {
                        name: text(&m["name"]),
                        role: text(&m["role"]),
                        state: text(&m["state"]),
                        lag: match &m["lag"] {
                            Value::Null => None,
                            lag => Some(number(lag).map_or(Lag::Unknown, Lag::Bytes)),
                        },
                        timeline: number(&m["timeline"]),
                        scheduled_restart: m.get("scheduled_restart").is_some(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ClusterReport {
            members,
            pause: value.get("pause").is_some_and(crate::cluster::is_truthy),
            scheduled_switchover: value.get("scheduled_switchover").is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_from_3_0_4_have_detailed_states() {
        assert!(detailed_states("4.1.5"));
        assert!(detailed_states("3.0.4"));
        assert!(!detailed_states("3.0.3"));
        assert!(!detailed_states("2.1.7"));
    }

    #[test]
    fn the_cluster_report_is_typed_once() {
        let report = ClusterReport::from_json(&json!({
            "members": [
                {"name": "pg0", "role": "leader", "state": "running", "timeline": 3},
                {"name": "pg1", "role": "replica", "state": "streaming", "timeline": 3, "lag": 16},
                {"name": "pg2", "role": "replica", "state": "stopped", "lag": "unknown",
                 "scheduled_restart": {"schedule": "2030-01-01T00:00:00+00:00"}}
            ],
            "pause": true,
            "scheduled_switchover": {"at": "2030-01-01T00:00:00+00:00"}
        }));
        assert!(report.pause && report.scheduled_switchover);
        assert_eq!(report.members[0].lag, None);
        assert_eq!(report.members[1].lag, Some(Lag::Bytes(16)));
        assert_eq!(report.members[2].lag, Some(Lag::Unknown));
        assert_eq!(report.members[2].timeline, None);
        assert!(report.members[2].scheduled_restart);
    }
}
