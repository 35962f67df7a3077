//! The typed model of one Patroni cluster, built from the raw keys under `/<namespace>/<scope>/`.
//!
//! Pure: no I/O. Parsing mirrors Patroni's own (`patroni/dcs/__init__.py`, `etcd3.py
//! _cluster_from_nodes`), and the derived views mirror `patroni/utils.py cluster_as_json`, so
//! roles, states, timelines and lag come out exactly as patronictl shows them. Values written by
//! Patroni 3.x (`role: master`) and 4.x (`role: primary`) both parse.

mod member;

use crate::hostport;

pub use member::{AsWritten, Member, Tags};
use serde_json::{Map, Value};

/// One key of the cluster as read from etcd, with its name relative to the cluster prefix
/// (`leader`, `members/pg0`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawNode {
    pub key: String,
    pub value: String,
    pub mod_revision: i64,
    pub lease: i64,
}

/// A key whose value could not be understood. The rest of the cluster is still usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    /// The key relative to the cluster prefix, e.g. `members/pg1`.
    pub key: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub scope: String,
    /// `None`: no `initialize` key (uninitialized); `Some("")`: initializing; else the system id.
    pub initialize: Option<String>,
    pub config: Option<ClusterConfig>,
    pub leader: Option<LeaderKey>,
    pub status: Status,
    /// Sorted by name, as patronictl sorts them.
    pub members: Vec<Member>,
    pub failover: Option<Failover>,
    pub sync: SyncState,
    pub history: Option<Value>,
    pub failsafe: Option<Value>,
    pub problems: Vec<DataProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterConfig {
    pub mod_revision: i64,
    pub data: Map<String, Value>,
}

/// Where a standby cluster replicates from, as `list`/`status --all-contexts` find it among
/// the clusters read, and how far behind it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StandbyOf {
    /// `host:port` of its `standby_cluster` section.
    pub address: String,
    /// The context and cluster one of whose members serves that address, when one was read.
    #[serde(serialize_with = "context_and_cluster")]
    pub source: Option<(String, String)>,
    /// The source's last WAL position (`optime`) minus this cluster's, in bytes, when both
    /// clusters publish one.
    pub lag_bytes: Option<u64>,
}

/// `{"context": ..., "cluster": ...}`, or null.
fn context_and_cluster<S: serde::Serializer>(source: &Option<(String, String)>, out: S) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    let object = source.as_ref().map(|(context, cluster)| serde_json::json!({"context": context, "cluster": cluster}));
    object.serialize(out)
}

/// For each standby cluster among `clusters` (each with the context it was read through): the
/// cluster of any context one of whose members serves its `standby_cluster` address, and its lag
/// against it from both clusters' `optime`. A standby cluster whose source was not read keeps
/// only the address. Keyed by (context, cluster).
pub fn standby_pairs(clusters: &[(&str, &Cluster)]) -> std::collections::BTreeMap<(String, String), StandbyOf> {
    let mut pairs = std::collections::BTreeMap::new();
    for (site, standby) in clusters {
        let addresses = standby.standby_addresses();
        let Some(first) = addresses.first() else { continue };
        // The address a cluster read serves, and that cluster; else the first address alone.
        let matched = clusters.iter().find_map(|(source_site, source)| {
            let other = !(source_site == site && source.scope == standby.scope);
            let served = addresses.iter().find(|(host, port)| other && source.serves(host, *port));
            served.map(|address| (address, (source_site, source)))
        });
        let (host, port) = matched.map_or(first, |(address, _)| address);
        let source = matched.map(|(_, source)| source);
        let lag_bytes = source
            .filter(|(_, source)| source.status.last_lsn > 0 && standby.status.last_lsn > 0)
            .map(|(_, source)| source.status.last_lsn.saturating_sub(standby.status.last_lsn));
        let standby_of = StandbyOf {
            address: format!("{host}:{port}"),
            source: source.map(|(source_site, source)| (source_site.to_string(), source.scope.clone())),
            lag_bytes,
        };
        pairs.insert((site.to_string(), standby.scope.clone()), standby_of);
    }
    pairs
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderKey {
    pub name: String,
    pub mod_revision: i64,
    pub lease: i64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Status {
    /// The leader's last known WAL position (`optime`).
    pub last_lsn: u64,
    pub slots: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failover {
    pub leader: Option<String>,
    pub candidate: Option<String>,
    /// As written by Patroni (ISO 8601 with offset); patronictl prints it re-formatted.
    pub scheduled_at: Option<String>,
    pub mod_revision: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    pub leader: Option<String>,
    pub sync_standby: Option<String>,
    pub quorum: i64,
}

impl Cluster {
    /// Builds the model from the keys of one cluster. Never fails: a value that cannot be parsed
    /// is recorded in `problems` and treated as Patroni treats it (usually as absent).
    pub fn from_nodes(scope: &str, nodes: &[RawNode]) -> Cluster {
        let mut problems = Vec::new();
        let find = |name: &str| nodes.iter().find(|n| n.key == name);

        let initialize = find("initialize").map(|n| n.value.clone());

        let config = find("config").and_then(|n| match parse_object(&n.value) {
            Ok(data) => Some(ClusterConfig { mod_revision: n.mod_revision, data }),
            Err(reason) => {
                problems.push(DataProblem { key: n.key.clone(), reason });
                None
            }
        });

        // Patroni 2.x+ writes `status`; older versions wrote a bare LSN to `optime/leader`.
        let status =
            find("status").or_else(|| find("optime/leader")).map(|n| parse_status(&n.value)).unwrap_or_default();

        let mut members: Vec<Member> = nodes
            .iter()
            .filter_map(|n| {
                let name = n.key.strip_prefix("members/")?;
                (!name.is_empty() && !name.contains('/')).then(|| Member::from_node(name, n))
            })
            .collect();
        members.sort_by(|a, b| a.name.cmp(&b.name));
        for member in &members {
            if let Some(reason) = &member.invalid {
                problems.push(DataProblem { key: format!("members/{}", member.name), reason: reason.clone() });
            }
        }

        let leader =
            find("leader").map(|n| LeaderKey { name: n.value.clone(), mod_revision: n.mod_revision, lease: n.lease });

        let failover = find("failover").map(parse_failover);
        let sync = find("sync").map(|n| parse_sync(&n.value)).unwrap_or_default();

        let history = find("history").and_then(|n| match serde_json::from_str::<Value>(&n.value) {
            Ok(v @ Value::Array(_)) => Some(v),
            Ok(_) => {
                problems.push(DataProblem { key: n.key.clone(), reason: "not a JSON array".into() });
                None
            }
            Err(e) => {
                problems.push(DataProblem { key: n.key.clone(), reason: format!("not valid JSON ({e})") });
                None
            }
        });
        let failsafe = find("failsafe").and_then(|n| serde_json::from_str(&n.value).ok());

        Cluster {
            scope: scope.to_string(),
            initialize,
            config,
            leader,
            status,
            members,
            failover,
            sync,
            history,
            failsafe,
            problems,
        }
    }

    /// True when the cluster has no keys at all in the DCS.
    pub fn is_empty(&self) -> bool {
        self.initialize.is_none() && self.config.is_none() && self.leader.is_none() && self.members.is_empty()
    }

    pub fn leader_name(&self) -> Option<&str> {
        self.leader.as_ref().map(|l| l.name.as_str())
    }

    /// The leader key's holder, when the key names one (`cluster.leader and cluster.leader.name`).
    pub fn leader_key_holder(&self) -> Option<&str> {
        self.leader_name().filter(|l| !l.is_empty())
    }

    /// The member named `name`.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The member whose PostgreSQL listens at `address` (`host:port`, IPv6 in brackets), as a
    /// proxy names its server: the member's host and port from `conn_kwargs` or `conn_url`.
    pub fn member_at(&self, address: &str) -> Option<&Member> {
        let (host, port) = hostport::split(address);
        let port: u16 = port?.parse().ok()?;
        self.members.iter().find(|m| m.serves(host, port))
    }

    /// The member that holds the leader key, when it has published a member key.
    pub fn leader_member(&self) -> Option<&Member> {
        self.leader_name().and_then(|name| self.member(name))
    }

    /// Every member, the leader first: the one to ask before the others.
    pub fn members_leader_first(&self) -> Vec<&Member> {
        let mut ordered: Vec<&Member> = self.members.iter().collect();
        ordered.sort_by_key(|m| Some(m.name.as_str()) != self.leader_name());
        ordered
    }

    /// The members with a REST API address, leader first: the agents to ask, in the order
    /// Patroni's `get_all_members_leader_first` gives.
    pub fn agents_leader_first(&self) -> Vec<&Member> {
        self.members_leader_first().into_iter().filter(|m| m.api_url.is_some()).collect()
    }

    /// `ttl` of the dynamic configuration (Patroni's default: 30 s).
    pub fn ttl(&self) -> u64 {
        self.config_u64("ttl", 30)
    }

    /// `loop_wait` of the dynamic configuration (Patroni's default: 10 s).
    pub fn loop_wait(&self) -> u64 {
        self.config_u64("loop_wait", 10)
    }

    /// `primary_start_timeout` of the dynamic configuration (Patroni's default: 300 s).
    pub fn primary_start_timeout(&self) -> u64 {
        self.config_u64("primary_start_timeout", 300)
    }

    /// A number from the dynamic configuration, as Patroni reads it: an integer or a string
    /// holding one.
    fn config_u64(&self, name: &str, default: u64) -> u64 {
        match self.config_value(name) {
            Some(Value::Number(n)) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64)).unwrap_or(default),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(default),
            _ => default,
        }
    }

    fn config_value(&self, name: &str) -> Option<&Value> {
        self.config.as_ref().and_then(|c| c.data.get(name))
    }

    /// `pause` in the dynamic configuration (`global_config.is_paused`).
    pub fn is_paused(&self) -> bool {
        self.config_value("pause").is_some_and(|v| parse_bool(v) == Some(true))
    }

    pub fn is_quorum_commit_mode(&self) -> bool {
        self.config_value("synchronous_mode").is_some_and(|v| python_str(v).to_lowercase() == "quorum")
    }

    /// The permanent slots of the configuration (`slots:`), by name: kept by Patroni for no member.
    pub fn permanent_slots(&self) -> Vec<&str> {
        match self.config_value("slots") {
            Some(Value::Object(slots)) => slots.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_standby_cluster(&self) -> bool {
        match self.config_value("standby_cluster") {
            Some(Value::Object(section)) => {
                ["host", "port", "restore_command"].iter().any(|k| section.get(*k).is_some_and(is_truthy))
            }
            _ => false,
        }
    }

    /// `standby_cluster.host` (a comma-separated list too) and `port` (5432 by default) of
    /// `/config`: where a standby cluster streams from. Empty for any other cluster.
    pub fn standby_addresses(&self) -> Vec<(String, u16)> {
        let Some(Value::Object(section)) = self.config_value("standby_cluster") else { return Vec::new() };
        let Some(hosts) = section.get("host").and_then(Value::as_str) else { return Vec::new() };
        let port = match section.get("port") {
            Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => Some(5432),
        };
        let Some(port) = port else { return Vec::new() };
        hosts.split(',').map(str::trim).filter(|h| !h.is_empty()).map(|h| (h.to_owned(), port)).collect()
    }

    /// Whether one of its members publishes PostgreSQL at `host:port`.
    pub fn serves(&self, host: &str, port: u16) -> bool {
        self.members.iter().any(|m| m.serves(host, port))
    }

    /// A standby cluster that streams from a remote `host`/`port`; without them it replays WAL
    /// from the archive (`restore_command`) and its standby leader is `in archive recovery`.
    pub fn standby_cluster_streams(&self) -> bool {
        match self.config_value("standby_cluster") {
            Some(Value::Object(section)) => ["host", "port"].iter().any(|k| section.get(*k).is_some_and(is_truthy)),
            _ => false,
        }
    }

    pub fn is_synchronous_mode(&self) -> bool {
        let sync = self.config_value("synchronous_mode").is_some_and(|v| parse_bool(v) == Some(true));
        (sync || self.is_quorum_commit_mode()) && !self.is_standby_cluster()
    }

    /// `check_timeline` in the dynamic configuration (`global_config.check_mode`): Patroni then
    /// refuses a candidate behind the cluster's timeline. Off by default.
    pub fn check_timeline(&self) -> bool {
        self.config_value("check_timeline").is_some_and(|v| parse_bool(v) == Some(true))
    }

    /// `maximum_lag_on_failover` in bytes (Patroni's default: 1 MiB).
    pub fn maximum_lag_on_failover(&self) -> u64 {
        match self.config_value("maximum_lag_on_failover") {
            Some(Value::Number(n)) => n.as_u64().unwrap_or(1_048_576),
            Some(Value::String(s)) => s.trim().parse().unwrap_or(1_048_576),
            _ => 1_048_576,
        }
    }

    /// The role patronictl shows for a member (`cluster_as_json`).
    pub fn role_of(&self, member: &Member) -> Role {
        if Some(member.name.as_str()) == self.leader_name() {
            if self.is_standby_cluster() { Role::StandbyLeader } else { Role::Leader }
        } else if self.is_synchronous_mode() && self.sync.matches(&member.name) {
            if self.is_quorum_commit_mode() { Role::QuorumStandby } else { Role::SyncStandby }
        } else {
            Role::Replica
        }
    }

    /// Every member as patronictl's `cluster_as_json` describes it, sorted by name.
    pub fn member_views(&self) -> Vec<MemberView<'_>> {
        let leader = self.leader_name();
        self.members
            .iter()
            .map(|m| {
                let role = self.role_of(m);
                let replication_state = if role == Role::Leader { None } else { m.replication_state.as_deref() };
                let state = replication_state.filter(|s| !s.is_empty()).or(m.state.as_deref()).unwrap_or("");
                let positions = (Some(m.name.as_str()) != leader).then(|| Positions {
                    receive: self.position(m.receive_lsn),
                    replay: self.position(m.replay_lsn),
                    current: self.position(m.xlog_location),
                });
                MemberView {
                    name: &m.name,
                    role,
                    state,
                    invalid: m.invalid.is_some(),
                    api_url: m.api_url.as_deref(),
                    host: m.host.as_deref(),
                    port: m.port,
                    timeline: m.as_written.timeline.as_ref(),
                    pending_restart: m.pending_restart,
                    pending_restart_reason: m.as_written.pending_restart_reason.as_ref(),
                    scheduled_restart: m.scheduled_restart.as_ref(),
                    tags: m.as_written.tags.as_ref(),
                    positions,
                }
            })
            .collect()
    }

    fn position(&self, lsn: Option<u64>) -> Position {
        match lsn {
            None | Some(0) => Position::Unknown,
            Some(lsn) => Position::Known { lsn, lag: self.status.last_lsn.saturating_sub(lsn) },
        }
    }
}

/// `parse_int` of Patroni for positions and timelines: an integer or a string holding one.
pub(crate) fn parse_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_object(value: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(e) => Err(format!("not valid JSON ({e})")),
    }
}

fn parse_status(value: &str) -> Status {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Number(n)) => Status { last_lsn: n.as_u64().unwrap_or(0), slots: None },
        Ok(Value::Object(map)) => {
            let last_lsn = match map.get("optime") {
                Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
                Some(Value::String(s)) => s.parse().unwrap_or(0),
                _ => 0,
            };
            let slots = match map.get("slots") {
                Some(Value::Object(slots)) => Some(slots.clone()),
                Some(Value::String(s)) => serde_json::from_str(s).ok(),
                _ => None,
            };
            Status { last_lsn, slots }
        }
        _ => Status::default(),
    }
}

fn parse_failover(node: &RawNode) -> Failover {
    let empty = Failover { leader: None, candidate: None, scheduled_at: None, mod_revision: node.mod_revision };
    if node.value.is_empty() {
        return empty;
    }
    match serde_json::from_str::<Value>(&node.value) {
        Ok(Value::Object(map)) => {
            let text = |k: &str| map.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
            Failover {
                leader: text("leader"),
                candidate: text("member"),
                scheduled_at: text("scheduled_at"),
                mod_revision: node.mod_revision,
            }
        }
        Ok(_) => empty,
        // The legacy format is `leader:candidate`.
        Err(_) => {
            let mut parts = node.value.split(':').map(str::trim);
            Failover {
                leader: parts.next().map(str::to_string),
                candidate: parts.next().map(str::to_string),
                scheduled_at: None,
                mod_revision: node.mod_revision,
            }
        }
    }
}

fn parse_sync(value: &str) -> SyncState {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(value) else { return SyncState::default() };
    let leader = map.get("leader").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    let quorum = match (&leader, map.get("quorum")) {
        (Some(_), Some(Value::Number(n))) => n.as_i64().unwrap_or(0),
        (Some(_), Some(Value::String(s))) => s.parse().unwrap_or(0),
        _ => 0,
    };
    let sync_standby = map.get("sync_standby").and_then(Value::as_str).map(str::to_string);
    SyncState { leader, sync_standby, quorum }
}

impl SyncState {
    /// The sync standbys named in `/sync` (empty when the key has no leader).
    pub fn voters(&self) -> Vec<&str> {
        match (&self.leader, &self.sync_standby) {
            (Some(_), Some(standbys)) => standbys.split(',').map(str::trim).filter(|s| !s.is_empty()).collect(),
            _ => Vec::new(),
        }
    }

    /// Case-insensitive, as PostgreSQL compares `synchronous_standby_names` (`SyncState.matches`).
    pub fn matches(&self, name: &str) -> bool {
        self.voters().iter().any(|v| v.eq_ignore_ascii_case(name))
    }
}

/// A member's role as patronictl names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Leader,
    StandbyLeader,
    SyncStandby,
    QuorumStandby,
    Replica,
}

impl Role {
    /// The `cluster_as_json` spelling: `leader`, `standby_leader`, ...
    pub fn as_key(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::StandbyLeader => "standby_leader",
            Role::SyncStandby => "sync_standby",
            Role::QuorumStandby => "quorum_standby",
            Role::Replica => "replica",
        }
    }

    /// The title-cased spelling patronictl prints: `Leader`, `Sync Standby`, ...
    pub fn title(self) -> &'static str {
        match self {
            Role::Leader => "Leader",
            Role::StandbyLeader => "Standby Leader",
            Role::SyncStandby => "Sync Standby",
            Role::QuorumStandby => "Quorum Standby",
            Role::Replica => "Replica",
        }
    }

    pub fn is_leader(self) -> bool {
        matches!(self, Role::Leader | Role::StandbyLeader)
    }
}

/// A replica's WAL position relative to the leader's last known position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Unknown,
    Known { lsn: u64, lag: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Positions {
    pub receive: Position,
    pub replay: Position,
    /// `xlog_location`, published by agents older than 4.0 instead of receive/replay.
    pub current: Position,
}

/// One member as `patronictl list` sees it, borrowed from the cluster it was read in (a fleet's
/// listing renders every member once; copying each string for that was a good part of its cost).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView<'a> {
    pub name: &'a str,
    pub role: Role,
    pub state: &'a str,
    /// The stored value was not a JSON object.
    pub invalid: bool,
    pub api_url: Option<&'a str>,
    pub host: Option<&'a str>,
    pub port: Option<u16>,
    pub timeline: Option<&'a Value>,
    pub pending_restart: bool,
    pub pending_restart_reason: Option<&'a Value>,
    pub scheduled_restart: Option<&'a Value>,
    pub tags: Option<&'a Value>,
    /// `None` for the leader, which has no lag.
    pub positions: Option<Positions>,
}

/// The `/config` key's hash as check_patroni makes it:
/// `hashlib.md5(json.dumps(config).encode()).hexdigest()`.
pub fn config_hash(config: &Value) -> String {
    use md5::Digest;
    let digest = md5::Md5::digest(crate::pyfmt::json_dumps(config).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `format_lsn`: `0/3000060`.
pub fn format_lsn(lsn: u64) -> String {
    format!("{:X}/{:X}", lsn >> 32, lsn & 0xFFFF_FFFF)
}

/// Patroni's `parse_bool`: on/true/yes/1 and off/false/no/0, case-insensitive.
pub fn parse_bool(value: &Value) -> Option<bool> {
    match python_str(value).to_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// `str(value)` as Python would print a JSON scalar.
fn python_str(value: &Value) -> String {
    match value {
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Python truthiness of a JSON value.
pub fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A cluster from `(key, value)` pairs, for the tests of the modules built on the model.
#[cfg(test)]
pub(crate) fn test_cluster(scope: &str, pairs: &[(&str, &str)]) -> Cluster {
    let nodes: Vec<RawNode> = pairs.iter().map(|(key, value)| test_node(key, value)).collect();
    Cluster::from_nodes(scope, &nodes)
}

/// One key (relative to the cluster's prefix) as the DCS read gives it, for tests.
#[cfg(test)]
pub(crate) fn test_node(key: &str, value: &str) -> RawNode {
    RawNode { key: key.into(), value: value.into(), mod_revision: 1, lease: 0 }
}

/// A running member's key as Patroni writes it on 127.0.0.1 (WAL position 100; a replica streams),
/// with `extra` JSON fields (`,"tags":{...}`) appended, for tests.
#[cfg(test)]
pub(crate) fn test_member(name: &str, role: &str, extra: &str) -> RawNode {
    let replication = if role == "replica" { r#","replication_state":"streaming","replay_lsn":100"# } else { "" };
    test_node(
        &format!("members/{name}"),
        &format!(
            r#"{{"api_url":"http://127.0.0.1:1/patroni","conn_url":"postgres://127.0.0.1:5432/postgres","state":"running","role":"{role}","timeline":1,"xlog_location":100{replication}{extra}}}"#
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(key: &str, value: &str) -> RawNode {
        RawNode { key: key.into(), value: value.into(), mod_revision: 7, lease: 0 }
    }

    fn sample(extra: &[RawNode]) -> Cluster {
        let mut nodes = vec![
            node("initialize", "7312345678901234567"),
            node("config", r#"{"ttl":30,"loop_wait":10}"#),
            node("leader", "pg0"),
            node("status", r#"{"optime":67109032,"slots":{"pg1":67109032}}"#),
            node(
                "members/pg0",
                r#"{"conn_url":"postgres://127.0.0.1:5432/postgres","api_url":"http://127.0.0.1:8008/patroni","state":"running","role":"primary","version":"4.1.5","xlog_location":67109032,"timeline":1}"#,
            ),
            node(
                "members/pg1",
                r#"{"conn_url":"postgres://127.0.0.1:5433/postgres","api_url":"http://127.0.0.1:8009/patroni","state":"running","role":"replica","version":"4.1.5","xlog_location":67109032,"replication_state":"streaming","timeline":1,"receive_lsn":67108864,"replay_lsn":67109032}"#,
            ),
        ];
        nodes.extend_from_slice(extra);
        Cluster::from_nodes("demo", &nodes)
    }

    #[test]
    fn roles_states_and_lag_follow_cluster_as_json() {
        let cluster = sample(&[]);
        let views = cluster.member_views();
        assert_eq!(views[0].role, Role::Leader);
        assert_eq!(views[0].state, "running");
        assert_eq!(views[0].positions, None);
        assert_eq!(views[1].role, Role::Replica);
        assert_eq!(views[1].state, "streaming", "replication_state wins over state for replicas");
        let positions = views[1].positions.unwrap();
        assert_eq!(positions.receive, Position::Known { lsn: 67108864, lag: 168 });
        assert_eq!(positions.replay, Position::Known { lsn: 67109032, lag: 0 });
        assert_eq!(views[1].host, Some("127.0.0.1"));
        assert_eq!(views[1].port, Some(5433));
    }

    #[test]
    fn patroni_3_master_role_and_missing_receive_lsn_parse() {
        let cluster = sample(&[node(
            "members/pg2",
            r#"{"conn_url":"postgres://127.0.0.1:5434/postgres","state":"running","role":"master","xlog_location":1000,"timeline":1}"#,
        )]);
        let pg2 = &cluster.member_views()[2];
        assert_eq!(pg2.role, Role::Replica, "not the leader key, so a replica whatever it reports");
        let positions = pg2.positions.unwrap();
        assert_eq!(positions.receive, Position::Unknown);
        assert_eq!(positions.current, Position::Known { lsn: 1000, lag: 67109032 - 1000 });
    }

    #[test]
    fn garbage_member_is_reported_and_others_still_parse() {
        let cluster = sample(&[node("members/pg9", "{not json")]);
        assert_eq!(cluster.members.len(), 3);
        assert_eq!(cluster.problems.len(), 1);
        assert_eq!(cluster.problems[0].key, "members/pg9");
        let view = cluster.member_views().into_iter().find(|v| v.name == "pg9").unwrap();
        assert!(view.invalid);
        assert_eq!(view.state, "");
    }

    #[test]
    fn pause_sync_and_standby_flags() {
        let mut cluster = sample(&[node("sync", r#"{"leader":"pg0","sync_standby":"PG1"}"#)]);
        assert!(!cluster.is_paused());
        cluster.config.as_mut().unwrap().data.insert("pause".into(), Value::Bool(true));
        assert!(cluster.is_paused());
        cluster.config.as_mut().unwrap().data.insert("synchronous_mode".into(), Value::String("on".into()));
        assert_eq!(cluster.role_of(&cluster.members[1]), Role::SyncStandby);
        cluster.config.as_mut().unwrap().data.insert("synchronous_mode".into(), Value::String("quorum".into()));
        assert_eq!(cluster.role_of(&cluster.members[1]), Role::QuorumStandby);
        cluster.config.as_mut().unwrap().data.insert("standby_cluster".into(), serde_json::json!({"host": "10.0.0.1"}));
        assert_eq!(cluster.role_of(&cluster.members[0]), Role::StandbyLeader);
        assert_eq!(cluster.role_of(&cluster.members[1]), Role::Replica, "no sync roles in a standby cluster");
    }

    #[test]
    fn a_standby_cluster_names_its_source_addresses_and_members_say_what_they_serve() {
        let mut cluster = sample(&[]);
        assert!(cluster.standby_addresses().is_empty());
        let standby = |section: serde_json::Value| {
            let mut c = cluster.clone();
            c.config.as_mut().unwrap().data.insert("standby_cluster".into(), section);
            c.standby_addresses()
        };
        assert_eq!(standby(serde_json::json!({"host": "10.0.0.1"})), [("10.0.0.1".to_owned(), 5432)]);
        assert_eq!(
            standby(serde_json::json!({"host": "a, b", "port": "6432"})),
            [("a".to_owned(), 6432), ("b".to_owned(), 6432)]
        );
        assert!(standby(serde_json::json!({"restore_command": "cp x y"})).is_empty(), "archive only: no address");
        assert!(cluster.serves("127.0.0.1", 5433));
        assert!(!cluster.serves("127.0.0.1", 5434));
        cluster.members.clear();
        assert!(!cluster.serves("127.0.0.1", 5432));
    }

    #[test]
    fn standby_clusters_pair_with_the_cluster_serving_their_address_in_any_context() {
        let primary = sample(&[]);
        let mut standby = Cluster::from_nodes(
            "dr",
            &[
                node("config", r#"{"standby_cluster":{"host":"127.0.0.1","port":5433}}"#),
                node("status", r#"{"optime":67108864}"#),
                node(
                    "members/pg0",
                    r#"{"conn_url":"postgres://10.9.0.1:5432/postgres","state":"running","role":"standby_leader"}"#,
                ),
            ],
        );
        let pairs = standby_pairs(&[("site-a", &primary), ("site-b", &standby)]);
        assert_eq!(pairs.len(), 1, "only the standby cluster has a pair: {pairs:?}");
        let pair = &pairs[&("site-b".to_owned(), "dr".to_owned())];
        assert_eq!(pair.address, "127.0.0.1:5433");
        assert_eq!(pair.source, Some(("site-a".to_owned(), "demo".to_owned())));
        assert_eq!(pair.lag_bytes, Some(67109032 - 67108864));
        let json = serde_json::to_value(pair).unwrap();
        assert_eq!(json["source"], serde_json::json!({"context": "site-a", "cluster": "demo"}));
        // A list of hosts: the one a cluster read serves is shown.
        standby
            .config
            .as_mut()
            .unwrap()
            .data
            .insert("standby_cluster".into(), serde_json::json!({"host": "10.9.9.9,127.0.0.1", "port": 5433}));
        let pairs = standby_pairs(&[("site-a", &primary), ("site-b", &standby)]);
        assert_eq!(pairs[&("site-b".to_owned(), "dr".to_owned())].address, "127.0.0.1:5433");
        // Its source not read: the address alone, no lag.
        let alone = standby_pairs(&[("site-b", &standby)]);
        assert_eq!(alone[&("site-b".to_owned(), "dr".to_owned())].source, None);
        standby.status.last_lsn = 0;
        let unknown = standby_pairs(&[("site-a", &primary), ("site-b", &standby)]);
        assert_eq!(unknown[&("site-b".to_owned(), "dr".to_owned())].lag_bytes, None, "no optime: lag unknown");
    }

    #[test]
    fn failover_key_formats() {
        let json = sample(&[node(
            "failover",
            r#"{"leader":"pg0","member":"pg1","scheduled_at":"2026-11-27T23:30:00+00:00"}"#,
        )]);
        let f = json.failover.unwrap();
        assert_eq!((f.leader.as_deref(), f.candidate.as_deref()), (Some("pg0"), Some("pg1")));
        assert_eq!(f.scheduled_at.as_deref(), Some("2026-11-27T23:30:00+00:00"));
        let legacy = sample(&[node("failover", "pg0:pg2")]).failover.unwrap();
        assert_eq!(legacy.candidate.as_deref(), Some("pg2"));
    }

    #[test]
    fn member_fields_are_parsed_once_as_patroni_reads_them() {
        let cluster = sample(&[
            node(
                "members/pg2",
                r#"{"api_url":"","state":"running","role":"master","timeline":"3","replay_lsn":" 42 ","pending_restart":true,"pause":true,"tags":{"failover_priority":"0"}}"#,
            ),
            node("members/pg3", r#"{"state":"starting","tags":{"nofailover":"yes","failover_priority":5}}"#),
            node("members/pg4", r#"{"tags":{"nofailover":"maybe"}}"#),
        ]);
        let pg2 = cluster.member("pg2").unwrap();
        assert_eq!(pg2.api_url, None, "an empty api_url is no address");
        assert!(pg2.reports_primary() && pg2.is_running() && pg2.pending_restart && pg2.paused);
        assert_eq!((pg2.timeline, pg2.replay_lsn), (Some(3), Some(42)));
        assert_eq!(pg2.tags, Tags { nofailover: true, failover_priority: 0 }, "priority 0 means nofailover");
        let pg3 = cluster.member("pg3").unwrap();
        assert_eq!(pg3.tags, Tags { nofailover: true, failover_priority: 0 });
        assert_eq!(pg3.state_or_unknown(), "starting");
        assert!(cluster.member("pg4").unwrap().tags.nofailover, "a tag that is not a boolean still counts");
        let pg1 = cluster.member("pg1").unwrap();
        assert_eq!(pg1.tags, Tags { nofailover: false, failover_priority: 1 });
        assert!(pg1.is_streaming() && !pg1.reports_primary());
        assert_eq!(pg1.api_url.as_deref(), Some("http://127.0.0.1:8009/patroni"));
        let mut led_by_pg3 = cluster.clone();
        led_by_pg3.leader.as_mut().unwrap().name = "pg3".into();
        let order: Vec<&str> = led_by_pg3.members_leader_first().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(order, ["pg3", "pg0", "pg1", "pg2", "pg4"]);
        assert_eq!(cluster.agents_leader_first().len(), 2, "only members with an address");
        assert_eq!((cluster.ttl(), cluster.loop_wait(), cluster.primary_start_timeout()), (30, 10, 300));
    }

    #[test]
    fn conn_url_and_lsn_formatting() {
        let cluster = Cluster::from_nodes(
            "demo",
            &[RawNode {
                key: "members/pg1".into(),
                value: r#"{"conn_url":"postgres://[::1]:5433/postgres","state":"running"}"#.into(),
                mod_revision: 1,
                lease: 0,
            }],
        );
        assert_eq!(cluster.member_at("[::1]:5433").map(|m| m.name.as_str()), Some("pg1"));
        assert_eq!(cluster.member_at("[::1]:5432"), None);
        assert_eq!(cluster.member_at("garbage"), None);
        assert_eq!(format_lsn(0x1_0000_0060), "1/60");
        assert_eq!(format_lsn(67109032), "0/40000A8");
    }
}
