//! One member key, parsed once: the fields hactl decides on, and the few values patronictl's
//! `list` prints as the agent wrote them.
//!
//! The value is read field by field into typed slots (no map of every key): `list --all` parses
//! thousands of members, and a JSON map per member was the larger part of its parsing time.

use super::{RawNode, is_truthy, parse_bool, parse_u64};
use crate::hostport::{self, UrlParts};
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// One member key, parsed once into the fields hactl decides on.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    /// Set when the stored value was not a JSON object, as `Some(reason)`; every field below is
    /// then empty.
    pub invalid: Option<String>,
    pub mod_revision: i64,
    pub lease: i64,
    /// The REST API, e.g. `http://10.0.0.1:8008/patroni`; `None` when absent or empty.
    pub api_url: Option<String>,
    /// `conn_url`, e.g. `postgres://10.0.0.1:5432/postgres`.
    pub conn_url: Option<String>,
    /// The `conn_kwargs` object Patroni 4 publishes (`host`, `port`, `dbname`, ...).
    pub conn_kwargs: Option<Map<String, Value>>,
    /// PostgreSQL's host and port, from `conn_kwargs` or else `conn_url` (Patroni's
    /// `Member.conn_kwargs`); the port defaults to 5432.
    pub host: Option<String>,
    pub port: Option<u16>,
    /// `role` as the agent writes it: `primary` (Patroni 3.x: `master`), `replica`, `standby_leader`.
    pub role: Option<String>,
    /// PostgreSQL's state as the agent writes it: `running`, `starting`, `stopped`, ...
    pub state: Option<String>,
    /// A replica's `streaming` or `in archive recovery`.
    pub replication_state: Option<String>,
    pub timeline: Option<u64>,
    pub receive_lsn: Option<u64>,
    pub replay_lsn: Option<u64>,
    /// The WAL position agents older than 4.0 publish instead of receive/replay.
    pub xlog_location: Option<u64>,
    pub tags: Tags,
    pub pending_restart: bool,
    /// The agent's scheduled restart (`schedule`, `postgres_version`, ...), present while one is
    /// pending.
    pub scheduled_restart: Option<Value>,
    /// The member's own view of maintenance mode (`pause`, absent: false).
    pub paused: bool,
    /// Values `list` prints verbatim.
    pub as_written: AsWritten,
}

/// The values of a member key that patronictl's `list` prints as they were written (a timeline
/// written as a string stays one; tags print as YAML).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AsWritten {
    pub timeline: Option<Value>,
    pub pending_restart_reason: Option<Value>,
    pub tags: Option<Value>,
}

/// The tags hactl decides on, as Patroni reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tags {
    /// Patroni's `nofailover`: the tag, else a non-positive `failover_priority`.
    pub nofailover: bool,
    /// Patroni's `failover_priority`: 0 when `nofailover` is set, else the tag, default 1.
    pub failover_priority: i64,
}

impl Member {
    pub(super) fn from_node(name: &str, node: &RawNode) -> Member {
        let (fields, invalid) = if node.value.starts_with("postgres") {
            // Very old Patroni stored a bare connection URL.
            (Fields { conn_url: Some(Value::String(node.value.clone())), ..Fields::default() }, None)
        } else {
            match serde_json::from_str::<Fields>(&node.value) {
                Ok(fields) => (fields, None),
                Err(e) if e.is_data() => (Fields::default(), Some("not a JSON object".to_string())),
                Err(e) => (Fields::default(), Some(format!("not valid JSON ({e})"))),
            }
        };
        let text = |value: Option<Value>| match value {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let number = |value: &Option<Value>| value.as_ref().and_then(parse_u64);
        let conn_kwargs = match fields.conn_kwargs {
            Some(Value::Object(kwargs)) => Some(kwargs),
            _ => None,
        };
        let conn_url = text(fields.conn_url);
        let (host, port) = host_port(conn_kwargs.as_ref(), conn_url.as_deref());
        Member {
            name: name.to_string(),
            invalid,
            mod_revision: node.mod_revision,
            lease: node.lease,
            api_url: text(fields.api_url).filter(|url| !url.is_empty()),
            conn_url,
            conn_kwargs,
            host,
            port,
            role: text(fields.role),
            state: text(fields.state),
            replication_state: text(fields.replication_state),
            timeline: number(&fields.timeline),
            receive_lsn: number(&fields.receive_lsn),
            replay_lsn: number(&fields.replay_lsn),
            xlog_location: number(&fields.xlog_location),
            tags: Tags::parse(fields.tags.as_ref()),
            pending_restart: fields.pending_restart.as_ref().is_some_and(is_truthy),
            scheduled_restart: fields.scheduled_restart,
            paused: fields.pause.as_ref().and_then(Value::as_bool).unwrap_or(false),
            as_written: AsWritten {
                timeline: fields.timeline,
                pending_restart_reason: fields.pending_restart_reason,
                tags: fields.tags,
            },
        }
    }

    /// PostgreSQL runs (`state: running`).
    pub fn is_running(&self) -> bool {
        self.state.as_deref() == Some("running")
    }

    /// A replica that streams from its upstream.
    pub fn is_streaming(&self) -> bool {
        self.replication_state.as_deref() == Some("streaming")
    }

    /// The agent reports its PostgreSQL as the primary (`primary`, or Patroni 3.x's `master`).
    pub fn reports_primary(&self) -> bool {
        matches!(self.role.as_deref(), Some("primary" | "master"))
    }

    /// The state, or `unknown` when the member has published none.
    pub fn state_or_unknown(&self) -> &str {
        self.state.as_deref().unwrap_or("unknown")
    }

    /// The `conn_kwargs` object, when the member publishes a non-empty one (Patroni 4).
    pub fn non_empty_conn_kwargs(&self) -> Option<&Map<String, Value>> {
        self.conn_kwargs.as_ref().filter(|kwargs| !kwargs.is_empty())
    }

    /// PostgreSQL runs at `host:port`.
    pub fn serves(&self, host: &str, port: u16) -> bool {
        self.host.as_deref() == Some(host) && self.port == Some(port)
    }
}

/// PostgreSQL host and port, from `conn_kwargs` or `conn_url` (`Member.conn_kwargs`).
fn host_port(conn_kwargs: Option<&Map<String, Value>>, conn_url: Option<&str>) -> (Option<String>, Option<u16>) {
    if let Some(kwargs) = conn_kwargs {
        let host = kwargs.get("host").and_then(Value::as_str).filter(|h| !h.is_empty());
        let port = kwargs.get("port").and_then(|p| match p {
            Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Value::String(s) => s.parse().ok(),
            _ => None,
        });
        return (host.map(str::to_string), host.map(|_| port.unwrap_or(5432)));
    }
    match conn_url {
        Some(url) => parse_conn_url(url),
        None => (None, None),
    }
}

impl Tags {
    fn parse(tags: Option<&Value>) -> Tags {
        let tag = |name: &str| tags.and_then(|t| t.get(name));
        let priority = match tag("failover_priority") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let nofailover = match tag("nofailover") {
            Some(Value::Null) | None => priority.is_some_and(|p| p <= 0),
            // A value that is not a boolean still marks the member (Patroni's `bool(tag)`).
            Some(v) => parse_bool(v).unwrap_or(true),
        };
        let nofailover_tag = tag("nofailover").is_some_and(|v| parse_bool(v) == Some(true));
        Tags { nofailover, failover_priority: if nofailover_tag { 0 } else { priority.unwrap_or(1) } }
    }
}

/// `postgres://user@host:port/db` → host and port (default 5432), like `urlparse`.
fn parse_conn_url(url: &str) -> (Option<String>, Option<u16>) {
    match hostport::parse_url(url) {
        Some(UrlParts { host: Some(host), port, .. }) => {
            (Some(host), Some(port.and_then(|p| p.parse().ok()).unwrap_or(5432)))
        }
        _ => (None, None),
    }
}

/// The keys of a member value hactl reads, each as written; every other key is skipped unread.
/// A repeated key keeps its last value, as a JSON object read into a map does.
#[derive(Default)]
struct Fields {
    api_url: Option<Value>,
    conn_url: Option<Value>,
    conn_kwargs: Option<Value>,
    role: Option<Value>,
    state: Option<Value>,
    replication_state: Option<Value>,
    timeline: Option<Value>,
    receive_lsn: Option<Value>,
    replay_lsn: Option<Value>,
    xlog_location: Option<Value>,
    tags: Option<Value>,
    pending_restart: Option<Value>,
    pending_restart_reason: Option<Value>,
    scheduled_restart: Option<Value>,
    pause: Option<Value>,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// The name of a key, matched without copying it.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    ApiUrl,
    ConnUrl,
    ConnKwargs,
    Role,
    State,
    ReplicationState,
    Timeline,
    ReceiveLsn,
    ReplayLsn,
    XlogLocation,
    Tags,
    PendingRestart,
    PendingRestartReason,
    ScheduledRestart,
    Pause,
    #[serde(other)]
    Other,
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::ApiUrl => &mut fields.api_url,
                Key::ConnUrl => &mut fields.conn_url,
                Key::ConnKwargs => &mut fields.conn_kwargs,
                Key::Role => &mut fields.role,
                Key::State => &mut fields.state,
                Key::ReplicationState => &mut fields.replication_state,
                Key::Timeline => &mut fields.timeline,
                Key::ReceiveLsn => &mut fields.receive_lsn,
                Key::ReplayLsn => &mut fields.replay_lsn,
                Key::XlogLocation => &mut fields.xlog_location,
                Key::Tags => &mut fields.tags,
                Key::PendingRestart => &mut fields.pending_restart,
                Key::PendingRestartReason => &mut fields.pending_restart_reason,
                Key::ScheduledRestart => &mut fields.scheduled_restart,
                Key::Pause => &mut fields.pause,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(value: &str) -> Member {
        Member::from_node("pg0", &RawNode { key: "members/pg0".into(), value: value.into(), mod_revision: 1, lease: 0 })
    }

    #[test]
    fn conn_url_gives_host_and_port() {
        assert_eq!(parse_conn_url("postgres://u:p@db1:6432/postgres"), (Some("db1".into()), Some(6432)));
        assert_eq!(parse_conn_url("postgres://[::1]/postgres"), (Some("::1".into()), Some(5432)));
    }

    #[test]
    fn fields_are_read_as_patroni_writes_them_and_others_skipped() {
        let m = member(
            r#"{"conn_url":"postgres://10.0.0.1:5433/postgres","api_url":"http://10.0.0.1:8008/patroni",
                "state":"running","role":"replica","version":"4.1.5","timeline":"3","replay_lsn":100,
                "receive_lsn":"120","xlog_location":90,"replication_state":"streaming","pause":true,
                "tags":{"nofailover":"on","x":[1,{"y":null}]},"pending_restart":true,
                "pending_restart_reason":{"max_connections":{"old_value":"100","new_value":"200"}},
                "scheduled_restart":{"schedule":"2026-12-05T10:00:00+00:00"},"\u0072ole":"primary"}"#,
        );
        assert_eq!(m.invalid, None);
        assert_eq!((m.host.as_deref(), m.port), (Some("10.0.0.1"), Some(5433)));
        assert_eq!(m.api_url.as_deref(), Some("http://10.0.0.1:8008/patroni"));
        // A key spelled with an escape is the same key; the last one written wins.
        assert_eq!(m.role.as_deref(), Some("primary"));
        assert_eq!(
            (m.timeline, m.receive_lsn, m.replay_lsn, m.xlog_location),
            (Some(3), Some(120), Some(100), Some(90))
        );
        assert_eq!(m.as_written.timeline, Some(Value::String("3".into())), "listed as written");
        assert!(m.tags.nofailover && m.pending_restart && m.paused && m.is_streaming() && m.is_running());
        assert!(m.as_written.pending_restart_reason.is_some() && m.scheduled_restart.is_some());
        assert_eq!(
            m.as_written.tags.as_ref().and_then(|t| t.get("x")).map(|x| x.to_string()).as_deref(),
            Some(r#"[1,{"y":null}]"#)
        );
    }

    #[test]
    fn conn_kwargs_win_over_conn_url_and_an_empty_api_url_is_none() {
        let m = member(
            r#"{"conn_url":"postgres://10.0.0.1:5433/postgres","conn_kwargs":{"host":"db2","port":"6000"},"api_url":""}"#,
        );
        assert_eq!((m.host.as_deref(), m.port), (Some("db2"), Some(6000)));
        assert_eq!(m.api_url, None);
        assert!(m.non_empty_conn_kwargs().is_some());
        assert!(m.serves("db2", 6000) && !m.serves("10.0.0.1", 5433));
    }

    #[test]
    fn a_value_that_is_not_an_object_is_invalid_and_says_why() {
        for (value, reason) in [
            ("[1, 2]", "not a JSON object"),
            ("42", "not a JSON object"),
            ("null", "not a JSON object"),
            (r#"{"role": "replica""#, "not valid JSON (EOF while parsing an object at line 1 column 18)"),
            (r#"{"role": 1} x"#, "not valid JSON (trailing characters at line 1 column 13)"),
        ] {
            let m = member(value);
            assert_eq!(m.invalid.as_deref(), Some(reason), "{value}");
            assert_eq!((m.role, m.host), (None, None));
        }
        // Very old Patroni wrote a bare connection URL.
        let old = member("postgres://10.0.0.9:5432/postgres");
        assert_eq!((old.invalid, old.host.as_deref(), old.port), (None, Some("10.0.0.9"), Some(5432)));
    }
}
