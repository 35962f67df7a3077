//! PostgreSQL's own view of replication, read from the leader: its replication slots with the
//! WAL each retains (`pg_replication_slots`), its streaming replicas with their positions and
//! lags (`pg_stat_replication`) and WAL archiving (`pg_stat_archiver`). One connection, three
//! queries, typed rows; `hactl check replication_slots` and `hactl status` read them.

use crate::query::{QueryError, Target, connect, sql_error};
use serde::Serialize;
use tokio_postgres::SimpleQueryMessage;

/// One row of `pg_replication_slots`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    pub name: String,
    /// `physical` or `logical`.
    pub slot_type: String,
    /// The database of a logical slot.
    pub database: Option<String>,
    pub active: bool,
    pub restart_lsn: Option<String>,
    /// `pg_current_wal_lsn() - restart_lsn`: WAL the slot keeps from being removed, in bytes;
    /// `None` when the slot has no restart position yet.
    pub retained_bytes: Option<i64>,
    /// `reserved`, `extended`, `unreserved` or `lost`.
    pub wal_status: Option<String>,
}

/// One row of `pg_stat_replication`: a WAL sender to a standby.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replica {
    pub application_name: String,
    pub client_addr: Option<String>,
    pub state: String,
    pub sent_lsn: Option<String>,
    pub write_lsn: Option<String>,
    pub flush_lsn: Option<String>,
    pub replay_lsn: Option<String>,
    /// `write_lag`, `flush_lag`, `replay_lag` in seconds (`None` when idle or unknown).
    pub write_lag_seconds: Option<f64>,
    pub flush_lag_seconds: Option<f64>,
    pub replay_lag_seconds: Option<f64>,
    /// `pg_current_wal_lsn() - replay_lsn`, in bytes.
    pub replay_lag_bytes: Option<i64>,
    /// `async`, `potential`, `sync` or `quorum`.
    pub sync_state: String,
}

/// `pg_stat_archiver`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Archiver {
    pub archived_count: i64,
    pub last_archived_wal: Option<String>,
    pub last_archived_time: Option<String>,
    pub failed_count: i64,
    pub last_failed_wal: Option<String>,
    pub last_failed_time: Option<String>,
}

/// What the leader says about replication.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicationReport {
    /// The member asked.
    pub member: String,
    pub slots: Vec<Slot>,
    pub replicas: Vec<Replica>,
    pub archiver: Archiver,
}

const SLOTS: &str = "SELECT slot_name, slot_type, database, active::text, restart_lsn::text, \
    pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint::text, wal_status \
    FROM pg_catalog.pg_replication_slots ORDER BY slot_name";
const REPLICAS: &str = "SELECT application_name, client_addr::text, state, sent_lsn::text, write_lsn::text, \
    flush_lsn::text, replay_lsn::text, extract(epoch FROM write_lag)::text, extract(epoch FROM flush_lag)::text, \
    extract(epoch FROM replay_lag)::text, \
    pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)::bigint::text, sync_state \
    FROM pg_catalog.pg_stat_replication ORDER BY application_name, pid";
const ARCHIVER: &str = "SELECT archived_count::text, last_archived_wal, last_archived_time::text, failed_count::text, \
    last_failed_wal, last_failed_time::text FROM pg_catalog.pg_stat_archiver";

/// Reads the three views on `target` (the leader: `pg_current_wal_lsn()` fails on a standby).
pub async fn replication(target: &Target) -> Result<ReplicationReport, QueryError> {
    let client = connect(target).await?;
    let rows = |sql: &'static str| {
        let client = &client;
        async move {
            let messages = client.simple_query(sql).await.map_err(|e| sql_error(&target.member, &e))?;
            Ok::<_, QueryError>(
                messages
                    .into_iter()
                    .filter_map(|m| match m {
                        SimpleQueryMessage::Row(row) => {
                            Some((0..row.len()).map(|i| row.get(i).map(str::to_string)).collect::<Vec<_>>())
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
        }
    };
    let slots = rows(SLOTS).await?.into_iter().map(slot).collect();
    let replicas = rows(REPLICAS).await?.into_iter().map(replica).collect();
    let archiver = rows(ARCHIVER).await?.into_iter().next().map(archiver).unwrap_or_default();
    Ok(ReplicationReport { member: target.member.clone(), slots, replicas, archiver })
}

/// Whether `target`'s PostgreSQL is in recovery (`pg_is_in_recovery()`): `false` is a primary
/// that accepts writes. Anything but a plain `false` answer counts as in recovery, so a primary
/// is only ever claimed on PostgreSQL's word.
pub async fn in_recovery(target: &Target) -> Result<bool, QueryError> {
    let client = connect(target).await?;
    let messages = client
        .simple_query("SELECT pg_catalog.pg_is_in_recovery()::text")
        .await
        .map_err(|e| sql_error(&target.member, &e))?;
    let answer = messages.into_iter().find_map(|m| match m {
        SimpleQueryMessage::Row(row) => row.get(0).map(str::to_string),
        _ => None,
    });
    Ok(answer.as_deref() != Some("false"))
}

type Row = Vec<Option<String>>;

fn text(row: &Row, i: usize) -> Option<String> {
    row.get(i).cloned().flatten()
}

fn int(row: &Row, i: usize) -> Option<i64> {
    text(row, i).and_then(|v| v.parse().ok())
}

fn float(row: &Row, i: usize) -> Option<f64> {
    text(row, i).and_then(|v| v.parse().ok())
}

fn slot(row: Row) -> Slot {
    Slot {
        name: text(&row, 0).unwrap_or_default(),
        slot_type: text(&row, 1).unwrap_or_default(),
        database: text(&row, 2),
        active: text(&row, 3).as_deref() == Some("true"),
        restart_lsn: text(&row, 4),
        retained_bytes: int(&row, 5),
        wal_status: text(&row, 6),
    }
}

fn replica(row: Row) -> Replica {
    Replica {
        application_name: text(&row, 0).unwrap_or_default(),
        client_addr: text(&row, 1),
        state: text(&row, 2).unwrap_or_default(),
        sent_lsn: text(&row, 3),
        write_lsn: text(&row, 4),
        flush_lsn: text(&row, 5),
        replay_lsn: text(&row, 6),
        write_lag_seconds: float(&row, 7),
        flush_lag_seconds: float(&row, 8),
        replay_lag_seconds: float(&row, 9),
        replay_lag_bytes: int(&row, 10),
        sync_state: text(&row, 11).unwrap_or_default(),
    }
}

fn archiver(row: Row) -> Archiver {
    Archiver {
        archived_count: int(&row, 0).unwrap_or(0),
        last_archived_wal: text(&row, 1),
        last_archived_time: text(&row, 2),
        failed_count: int(&row, 3).unwrap_or(0),
        last_failed_wal: text(&row, 4),
        last_failed_time: text(&row, 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[Option<&str>]) -> Row {
        values.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn rows_are_typed_from_their_text() {
        let s = slot(row(&[
            Some("pg1"),
            Some("physical"),
            None,
            Some("false"),
            Some("0/3000060"),
            Some("16777216"),
            Some("reserved"),
        ]));
        assert_eq!(s.name, "pg1");
        assert!(!s.active);
        assert_eq!(s.retained_bytes, Some(16_777_216));
        let r = replica(row(&[
            Some("pg1"),
            Some("127.0.0.1/32"),
            Some("streaming"),
            Some("0/3000060"),
            Some("0/3000060"),
            Some("0/3000060"),
            Some("0/3000000"),
            Some("0.000512"),
            None,
            None,
            Some("96"),
            Some("async"),
        ]));
        assert_eq!(r.write_lag_seconds, Some(0.000512));
        assert_eq!(r.replay_lag_seconds, None);
        assert_eq!(r.replay_lag_bytes, Some(96));
        let a = archiver(row(&[Some("12"), Some("000000010000000000000003"), None, Some("0"), None, None]));
        assert_eq!((a.archived_count, a.failed_count), (12, 0));
    }
}
