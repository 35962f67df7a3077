//! What the probes saw: their attempts, and the reports made from them, purely.

use serde::Serialize;
use std::time::Duration;

/// The PostgreSQL server that answered, as it names itself (`inet_server_addr()`/port).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Server {
    pub address: String,
    pub port: u16,
    /// The member whose published connection address this is.
    pub member: Option<String>,
    /// It answered `pg_is_in_recovery()` true, or refused the write as read-only.
    pub read_only: bool,
}

/// One attempt to write (or read).
#[derive(Debug, Clone)]
pub(super) struct Attempt {
    pub(super) seq: u64,
    /// When the attempt ended, from the probe's start.
    pub(super) at: Duration,
    pub(super) wall: chrono::DateTime<chrono::Utc>,
    pub(super) server: Option<Server>,
    /// The write was acknowledged (committed), or the read answered.
    pub(super) ok: bool,
    pub(super) error: Option<String>,
}

/// A successful write (or read), as reported.
#[derive(Debug, Clone, Serialize)]
pub struct Acknowledged {
    pub seq: u64,
    /// RFC 3339 with milliseconds.
    pub at: String,
    pub server: Option<Server>,
}

/// What the write probe saw, for the outcome (text and JSON).
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    /// The path, without its password.
    pub path: String,
    pub table: String,
    pub interval_ms: u64,
    pub attempts: usize,
    pub failed_attempts: usize,
    /// The last write acknowledged before the path reached the leader (for a switchover, by the
    /// old leader; for a restart, before the restart cut the path).
    pub last_write_before: Option<Acknowledged>,
    /// The first write the leader acknowledged after it.
    pub first_write_after: Option<Acknowledged>,
    /// From the one to the other: how long the applications on this path could not write.
    pub unavailable_ms: Option<u64>,
    /// The last attempt reached the leader, and it accepted the write.
    pub path_follows_leader: bool,
    /// The last error of a failed attempt, for the text.
    pub last_error: Option<String>,
    /// Acknowledged writes, and those of them not found in the leader's table.
    pub acknowledged_writes: usize,
    pub lost_writes: Vec<u64>,
    /// Whether the table could be read back on the leader (`false`: `lost_writes` is unknown).
    pub rows_checked: bool,
    /// The probe table was dropped, or why it could not be.
    pub table_dropped: bool,
    pub cleanup_error: Option<String>,
}

/// What the read probe saw.
#[derive(Debug, Clone, Serialize)]
pub struct ReadProbeReport {
    /// The path, without its password.
    pub path: String,
    pub interval_ms: u64,
    pub attempts: usize,
    pub failed_attempts: usize,
    /// Around the longest run of failed reads: the last read answered before it, the first after.
    pub last_read_before: Option<Acknowledged>,
    pub first_read_after: Option<Acknowledged>,
    /// The longest time between two answered reads with failed reads between them; 0 when no
    /// read failed, `None` when reads had not come back by the end.
    pub unavailable_ms: Option<u64>,
    /// The last read was answered.
    pub answering: bool,
    /// The members that answered reads, in the order they first did.
    pub servers: Vec<String>,
    pub last_error: Option<String>,
}

/// An acknowledged write on `leader`, writable.
pub(super) fn on_writable(a: &Attempt, leader: Option<&str>) -> bool {
    a.ok && a.server.as_ref().is_some_and(|s| !s.read_only && s.member.is_some() && s.member.as_deref() == leader)
}

/// The longest outage: of the attempts where a run of `reached` ones starts after some that
/// were not (a failure, or a write on another server), the one furthest from the success before
/// it; as (that success, the attempt). `None` when the path never came back after leaving.
fn longest_outage(log: &[Attempt], reached: impl Fn(&Attempt) -> bool) -> Option<(Option<usize>, usize)> {
    (1..log.len())
        .filter(|&i| reached(&log[i]) && !reached(&log[i - 1]))
        .map(|i| (log[..i].iter().rposition(|a| a.ok), i))
        .max_by_key(|&(before, i)| before.map_or(log[i].at, |b| log[i].at.saturating_sub(log[b].at)))
}

fn acknowledged(a: &Attempt) -> Acknowledged {
    Acknowledged {
        seq: a.seq,
        at: a.wall.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        server: a.server.clone(),
    }
}

/// The write probe's report from its attempts, pure. With the leader unchanged (a restart), the
/// window is that of the longest outage, 0 when no write failed.
pub(super) fn summarise(
    log: &[Attempt],
    leader: Option<&str>,
    path: &str,
    table: &str,
    interval: Duration,
) -> ProbeReport {
    let on_leader = |a: &Attempt| on_writable(a, leader);
    let outage = longest_outage(log, on_leader);
    let (last_before, first_after) = match outage {
        Some((before, after)) => (before, Some(after)),
        // The path never reached the leader: the last acknowledged write is the one before.
        None if !log.iter().all(on_leader) => (log.iter().rposition(|a| a.ok), None),
        None => (None, None),
    };
    let unavailable_ms = match (last_before, first_after) {
        (Some(b), Some(a)) => Some(log[a].at.saturating_sub(log[b].at).as_millis() as u64),
        (None, None) if !log.is_empty() && log.iter().all(on_leader) => Some(0),
        _ => None,
    };
    ProbeReport {
        path: path.to_string(),
        table: table.to_string(),
        interval_ms: interval.as_millis() as u64,
        attempts: log.len(),
        failed_attempts: log.iter().filter(|a| !a.ok).count(),
        last_write_before: last_before.map(|i| acknowledged(&log[i])),
        first_write_after: first_after.map(|i| acknowledged(&log[i])),
        unavailable_ms,
        path_follows_leader: log.last().is_some_and(on_leader),
        last_error: log.iter().rev().find_map(|a| a.error.clone()),
        acknowledged_writes: log.iter().filter(|a| a.ok).count(),
        lost_writes: Vec::new(),
        rows_checked: false,
        table_dropped: false,
        cleanup_error: None,
    }
}

/// The read probe's report from its attempts, pure.
pub(super) fn summarise_reads(log: &[Attempt], path: &str, interval: Duration) -> ReadProbeReport {
    let answering = log.last().is_some_and(|a| a.ok);
    let outage = longest_outage(log, |a| a.ok);
    let (last_before, first_after) = match outage {
        Some((before, after)) => (before, Some(after)),
        None => (None, None),
    };
    let unavailable_ms = match (last_before, first_after) {
        (Some(b), Some(a)) => Some(log[a].at.saturating_sub(log[b].at).as_millis() as u64),
        _ if log.iter().all(|a| a.ok) => Some(0),
        _ => None,
    };
    let mut servers: Vec<String> = Vec::new();
    for a in log.iter().filter(|a| a.ok) {
        let name = a.server.as_ref().map(|s| s.member.clone().unwrap_or_else(|| format!("{}:{}", s.address, s.port)));
        if let Some(name) = name
            && !servers.contains(&name)
        {
            servers.push(name);
        }
    }
    ReadProbeReport {
        path: path.to_string(),
        interval_ms: interval.as_millis() as u64,
        attempts: log.len(),
        failed_attempts: log.iter().filter(|a| !a.ok).count(),
        last_read_before: last_before.map(|i| acknowledged(&log[i])),
        first_read_after: first_after.map(|i| acknowledged(&log[i])),
        unavailable_ms,
        answering,
        servers,
        last_error: log.iter().rev().find_map(|a| a.error.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::DEFAULT_INTERVAL;

    fn server(member: &str, read_only: bool) -> Option<Server> {
        Some(Server { address: "127.0.0.1".into(), port: 1, member: Some(member.into()), read_only })
    }

    fn attempt(seq: u64, ms: u64, server: Option<Server>, ok: bool) -> Attempt {
        let error = (!ok).then(|| "connection refused".to_string());
        Attempt { seq, at: Duration::from_millis(ms), wall: chrono::Utc::now(), server, ok, error }
    }

    #[test]
    fn the_window_runs_from_the_old_leaders_last_write_to_the_new_leaders_first() {
        let log = vec![
            attempt(0, 0, server("pg0", false), true),
            attempt(1, 100, server("pg0", false), true),
            attempt(2, 200, None, false),
            attempt(3, 1300, server("pg0", true), false),
            attempt(4, 1400, server("pg1", false), true),
            attempt(5, 1500, server("pg1", false), true),
        ];
        let report = summarise(&log, Some("pg1"), "p", "t", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(1300));
        assert_eq!(report.failed_attempts, 2);
        assert_eq!(report.acknowledged_writes, 4);
        assert_eq!(report.last_write_before.unwrap().seq, 1);
        assert_eq!(report.first_write_after.unwrap().seq, 4);
        assert!(report.path_follows_leader);
    }

    #[test]
    fn a_path_still_on_the_old_leader_does_not_follow() {
        let log = vec![attempt(0, 0, server("pg0", false), true), attempt(1, 100, server("pg0", true), false)];
        let report = summarise(&log, Some("pg1"), "p", "t", DEFAULT_INTERVAL);
        assert!(!report.path_follows_leader);
        assert_eq!(report.unavailable_ms, None);
        assert_eq!(report.last_write_before.unwrap().seq, 0);
        assert!(report.first_write_after.is_none());
    }

    #[test]
    fn a_restart_of_the_leader_is_measured_across_its_longest_outage() {
        let log = vec![
            attempt(0, 0, server("pg0", false), true),
            attempt(1, 100, server("pg0", false), true),
            attempt(2, 200, None, false),
            attempt(3, 300, None, false),
            attempt(4, 1900, server("pg0", false), true),
            attempt(5, 2000, server("pg0", false), true),
        ];
        let report = summarise(&log, Some("pg0"), "p", "t", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(1800));
        assert_eq!(report.last_write_before.unwrap().seq, 1);
        assert_eq!(report.first_write_after.unwrap().seq, 4);
        assert!(report.path_follows_leader);
        // Nothing failed: no window, and nothing before or after.
        let report = summarise(&log[..2], Some("pg0"), "p", "t", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(0));
        assert!(report.last_write_before.is_none() && report.first_write_after.is_none());
    }

    #[test]
    fn a_switchover_without_a_failed_write_still_has_a_window() {
        let log = vec![attempt(0, 0, server("pg0", false), true), attempt(1, 100, server("pg1", false), true)];
        let report = summarise(&log, Some("pg1"), "p", "t", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(100));
        assert_eq!(report.failed_attempts, 0);
    }

    #[test]
    fn the_read_window_is_the_longest_run_of_failed_reads() {
        let log = vec![
            attempt(0, 0, server("pg1", true), true),
            attempt(1, 100, None, false),
            attempt(2, 300, server("pg2", true), true),
            attempt(3, 400, None, false),
            attempt(4, 500, None, false),
            attempt(5, 1100, server("pg0", true), true),
        ];
        let report = summarise_reads(&log, "p", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(800));
        assert_eq!(report.last_read_before.unwrap().seq, 2);
        assert_eq!(report.first_read_after.unwrap().seq, 5);
        assert_eq!(report.failed_attempts, 3);
        assert_eq!(report.servers, ["pg1", "pg2", "pg0"]);
        assert!(report.answering);
        // Reads that have not come back: no window, not answering.
        let report = summarise_reads(&log[..2], "p", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, None);
        assert!(!report.answering);
        let report = summarise_reads(&log[..1], "p", DEFAULT_INTERVAL);
        assert_eq!(report.unavailable_ms, Some(0));
    }
}
