//! The Pgpool-II variant of the routing tier: `SHOW POOL_NODES` on each configured Pgpool-II (over
//! the simple query protocol, as PgBouncer's console), to answer which backend Pgpool-II takes
//! for the primary and which are up. All read at once under one deadline; parsing is pure.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::pgbouncer::{ConsoleFailure, Row, Target, console_tables, number, optional_text, target_of, text};
use crate::error::{Classify, ErrorKind};
use crate::settings::PgpoolSettings;

#[derive(Debug, thiserror::Error)]
pub enum PgpoolError {
    #[error("{target} cannot be reached: {reason}; check that it runs and pgpool.hosts")]
    Connect { target: Target, reason: String },
    #[error("{target} refused the login: {reason}; check pgpool.user and pgpool.password")]
    Auth { target: Target, reason: String },
    #[error("{target} did not answer within {}s", crate::units::seconds_text(*.waited))]
    Timeout { target: Target, waited: Duration },
    #[error("{target} answered SHOW POOL_NODES with an error: {reason}")]
    Query { target: Target, reason: String },
    #[error("{target} answered SHOW POOL_NODES with an unexpected row: {detail}")]
    Unexpected { target: Target, detail: String },
}

impl Classify for PgpoolError {
    fn kind(&self) -> ErrorKind {
        match self {
            PgpoolError::Connect { .. } | PgpoolError::Timeout { .. } => ErrorKind::Unreachable,
            PgpoolError::Auth { .. } => ErrorKind::Usage,
            PgpoolError::Query { .. } | PgpoolError::Unexpected { .. } => ErrorKind::Failed,
        }
    }
}

/// One row of `SHOW POOL_NODES`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolNode {
    pub node_id: u64,
    pub hostname: String,
    pub port: u16,
    /// Pgpool-II's view: `up`, `waiting`, `down`, `unused`.
    pub status: String,
    /// What the backend itself answers (4.3+), `up` or `down`.
    pub pg_status: Option<String>,
    /// Pgpool-II's role for it: `primary` or `standby`.
    pub role: String,
    /// What the backend itself says (4.3+).
    pub pg_role: Option<String>,
    pub load_balance_node: bool,
    /// In bytes of WAL, as Pgpool-II's streaming replication check measures it.
    pub replication_delay: Option<u64>,
    pub replication_state: Option<String>,
}

impl PoolNode {
    pub fn address(&self) -> String {
        format!("{}:{}", self.hostname, self.port)
    }

    pub fn is_up(&self) -> bool {
        self.status == "up"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PgpoolInfo {
    pub target: Target,
    pub nodes: Vec<PoolNode>,
}

impl PgpoolInfo {
    /// The backend Pgpool-II sends writes to: the up node it takes for the primary.
    pub fn primary(&self) -> Option<&PoolNode> {
        self.nodes.iter().find(|n| n.role == "primary" && n.is_up())
    }

    pub fn standbys_up(&self) -> Vec<&PoolNode> {
        self.nodes.iter().filter(|n| n.role == "standby" && n.is_up()).collect()
    }
}

#[derive(Debug)]
pub struct PgpoolRead {
    pub target: Target,
    pub result: Result<PgpoolInfo, PgpoolError>,
}

/// Reads every Pgpool-II of `settings` at the same time, each by `deadline`.
pub async fn read(settings: &PgpoolSettings, deadline: Instant) -> Vec<PgpoolRead> {
    let mut reads = tokio::task::JoinSet::new();
    for (index, host) in settings.hosts.iter().enumerate() {
        let target = target_of("Pgpool-II", settings, host);
        let password = settings.password.as_ref().map(|p| p.expose().to_owned());
        reads.spawn(async move {
            let started = Instant::now();
            let result = match tokio::time::timeout_at(deadline.into(), ask(&target, password)).await {
                Ok(result) => result,
                Err(_) => Err(PgpoolError::Timeout { target: target.clone(), waited: started.elapsed() }),
            };
            (index, PgpoolRead { target, result })
        });
    }
    let mut answers: Vec<(usize, PgpoolRead)> = reads.join_all().await;
    answers.sort_by_key(|(index, _)| *index);
    answers.into_iter().map(|(_, read)| read).collect()
}

async fn ask(target: &Target, password: Option<String>) -> Result<PgpoolInfo, PgpoolError> {
    let tables = console_tables(target, password, &["SHOW POOL_NODES"]).await.map_err(|failure| {
        let target = target.clone();
        match failure {
            ConsoleFailure::Connect(reason) => PgpoolError::Connect { target, reason },
            ConsoleFailure::Auth(reason) => PgpoolError::Auth { target, reason },
            ConsoleFailure::Query(_, reason) => PgpoolError::Query { target, reason },
        }
    })?;
    let nodes =
        parse_pool_nodes(&tables[0]).map_err(|detail| PgpoolError::Unexpected { target: target.clone(), detail })?;
    Ok(PgpoolInfo { target: target.clone(), nodes })
}

pub fn parse_pool_nodes(rows: &[Row]) -> Result<Vec<PoolNode>, String> {
    rows.iter()
        .map(|row| {
            let port = text(row, "port")?;
            Ok(PoolNode {
                node_id: number(row, "node_id")?,
                hostname: text(row, "hostname")?.to_owned(),
                port: port.parse().map_err(|_| format!("port is {port:?}, not a port"))?,
                status: text(row, "status")?.to_owned(),
                pg_status: optional_text(row, "pg_status"),
                role: text(row, "role")?.to_owned(),
                pg_role: optional_text(row, "pg_role"),
                load_balance_node: optional_text(row, "load_balance_node").is_some_and(|v| v == "true"),
                replication_delay: optional_text(row, "replication_delay").and_then(|v| v.parse().ok()),
                replication_state: optional_text(row, "replication_state"),
            })
        })
        .collect()
}

/// The lab's Pgpool-II on 127.0.0.1:9999 as `postgres`, for tests.
#[cfg(test)]
pub(crate) fn test_target() -> Target {
    Target {
        product: "Pgpool-II",
        host: "127.0.0.1".into(),
        port: 9999,
        user: "postgres".into(),
        dbname: "postgres".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::pgbouncer::tests::rows;
    use super::*;

    /// `psql --csv -c "SHOW POOL_NODES"` from a real Pgpool-II 4.3.5 (Debian's `pgpool2`) in
    /// streaming-replication mode in front of the lab's demo cluster, pg0 the leader.
    const POOL_NODES: &str = include_str!("../../tests/fixtures/pgpool/show_pool_nodes.csv");

    fn info(rows: Vec<Row>) -> PgpoolInfo {
        PgpoolInfo { target: test_target(), nodes: parse_pool_nodes(&rows).unwrap() }
    }

    #[test]
    fn real_show_pool_nodes_name_the_primary_and_the_standbys() {
        let info = info(rows(POOL_NODES));
        assert_eq!(info.nodes.len(), 3);
        let primary = info.primary().expect("a primary");
        assert_eq!((primary.node_id, primary.address().as_str()), (0, "127.0.0.1:17432"));
        assert_eq!(primary.pg_role.as_deref(), Some("primary"));
        let standbys: Vec<String> = info.standbys_up().iter().map(|n| n.address()).collect();
        assert_eq!(standbys, ["127.0.0.1:17433", "127.0.0.1:17434"]);
        assert_eq!(info.nodes[1].replication_state.as_deref(), Some("streaming"));
        assert_eq!(info.nodes[1].replication_delay, Some(0));
        assert!(info.nodes[1].load_balance_node ^ info.nodes[2].load_balance_node);
    }

    #[test]
    fn a_down_primary_is_no_primary() {
        let mut nodes = rows(POOL_NODES);
        nodes[0].insert("status".into(), Some("down".into()));
        assert_eq!(info(nodes).primary(), None);
        let mut bad = rows(POOL_NODES);
        bad[0].insert("port".into(), Some("x".into()));
        assert_eq!(parse_pool_nodes(&bad).unwrap_err(), "port is \"x\", not a port");
        let target = info(rows(POOL_NODES)).target;
        assert_eq!(target.to_string(), "Pgpool-II 127.0.0.1:9999 (user postgres, database postgres)");
    }
}
