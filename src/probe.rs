//! The write probe: while a switchover or failover runs, a client on the applications' path
//! (HAProxy's write frontend, a PgBouncer) writes a row every `interval` into a table of its own,
//! reconnecting as a pooled client would, and records which server answered each write.
//!
//! From that record: the write-unavailability window (the last write the old leader acknowledged
//! to the first the new leader did), the failed attempts, whether the path reaches the new leader,
//! and whether every acknowledged write is in the new leader's table. The table is created before
//! the action, in the one database the DSN names, and dropped at the end.

use crate::cluster::{Cluster, Member};
use crate::error::{Classify, ErrorKind, error_chain};
use crate::query::{SslSettings, client_config, conn_kwargs};
use serde::Serialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres::{Client, SimpleQueryMessage};

/// How often the probe writes, by default.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(100);
/// How long one connection or one write may take before it counts as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error(
        "--probe: {detail} (give a libpq DSN, e.g. 'host=127.0.0.1 port=5000 dbname=postgres user=postgres' or postgresql://user@host:port/db)"
    )]
    BadDsn { detail: String },
    #[error(
        "the write probe through {path} cannot write before the action: {detail}; nothing was changed (fix the DSN or the path, or leave out --probe)"
    )]
    CannotStart { path: String, detail: String },
    #[error(
        "converged in Patroni, but the application path {path} does not reach the new leader {leader} yet: {detail}"
    )]
    PathNotFollowing { path: String, leader: String, detail: String },
    #[error(
        "interrupted while waiting for the write probe through {path} to reach the new leader {leader}; the {action} itself is done"
    )]
    Interrupted { path: String, leader: String, action: &'static str },
}

impl Classify for ProbeError {
    fn kind(&self) -> ErrorKind {
        match self {
            ProbeError::BadDsn { .. } => ErrorKind::Usage,
            ProbeError::CannotStart { .. } => ErrorKind::Refused,
            ProbeError::PathNotFollowing { .. } => ErrorKind::NotConfirmed,
            ProbeError::Interrupted { .. } => ErrorKind::Interrupted,
        }
    }
}

/// A parsed DSN: what to connect to, and how to name it without its password.
#[derive(Clone)]
pub struct ProbePath {
    config: tokio_postgres::Config,
    ssl: SslSettings,
    /// `127.0.0.1:5000/postgres as postgres`: never the password.
    pub display: String,
}

impl std::fmt::Debug for ProbePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProbePath").field("display", &self.display).finish_non_exhaustive()
    }
}

impl ProbePath {
    /// Parses a libpq DSN (`key=value ...` or a `postgresql://` URI); the password may also come
    /// from `PGPASSWORD` in `env`, the user from `PGUSER`, as libpq takes them.
    pub fn parse(dsn: &str, env: &BTreeMap<String, String>) -> Result<ProbePath, ProbeError> {
        // tokio-postgres' own messages may quote the DSN: name only the problem.
        let mut config = tokio_postgres::Config::from_str(dsn)
            .map_err(|e| ProbeError::BadDsn { detail: redact(&error_chain(&e), dsn) })?;
        let host = match config.get_hosts() {
            [Host::Tcp(host)] => host.clone(),
            [] => return Err(ProbeError::BadDsn { detail: "the DSN names no host".into() }),
            [Host::Tcp(_), ..] => return Err(ProbeError::BadDsn { detail: "the DSN names more than one host".into() }),
            #[allow(unreachable_patterns)]
            _ => return Err(ProbeError::BadDsn { detail: "a Unix socket is not an application path".into() }),
        };
        let port = match config.get_ports() {
            [] => 5432,
            [port] => *port,
            _ => return Err(ProbeError::BadDsn { detail: "the DSN names more than one port".into() }),
        };
        let var = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
        if config.get_user().is_none() {
            config.user(var("PGUSER").unwrap_or_else(|| "postgres".into()));
        }
        if config.get_password().is_none()
            && let Some(password) = var("PGPASSWORD")
        {
            config.password(password);
        }
        let user = config.get_user().unwrap_or_default().to_string();
        if config.get_dbname().is_none() {
            config.dbname(&user);
        }
        let dbname = config.get_dbname().unwrap_or_default().to_string();
        config.application_name("hactl write probe").connect_timeout(ATTEMPT_TIMEOUT);
        let mode = match config.get_ssl_mode() {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            _ => "prefer",
        };
        let ssl = SslSettings {
            mode: mode.into(),
            rootcert: var("PGSSLROOTCERT").map(Into::into),
            cert: var("PGSSLCERT").map(Into::into),
            key: var("PGSSLKEY").map(Into::into),
        };
        Ok(ProbePath { config, ssl, display: format!("{host}:{port}/{dbname} as {user}") })
    }

    async fn connect(&self) -> Result<Client, String> {
        let tls = client_config(&self.ssl).map_err(|e| e.to_string())?;
        let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls);
        match tokio::time::timeout(ATTEMPT_TIMEOUT, self.config.connect(tls)).await {
            Ok(Ok((client, connection))) => {
                tokio::spawn(async move {
                    let _ = connection.await;
                });
                Ok(client)
            }
            Ok(Err(e)) => Err(db_message(&e)),
            Err(_) => Err(format!("no connection within {} ms", ATTEMPT_TIMEOUT.as_millis())),
        }
    }
}

/// The DSN's password, wherever an error message may have quoted it, replaced.
fn redact(message: &str, dsn: &str) -> String {
    match tokio_postgres::Config::from_str(dsn).ok().and_then(|c| c.get_password().map(<[u8]>::to_vec)) {
        Some(password) if !password.is_empty() => {
            message.replace(String::from_utf8_lossy(&password).as_ref(), "********")
        }
        _ => message.to_string(),
    }
}

fn db_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => error_chain(e),
    }
}

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

/// One attempt to write.
#[derive(Debug, Clone)]
struct Attempt {
    seq: u64,
    /// When the attempt ended, from the probe's start.
    at: Duration,
    wall: chrono::DateTime<chrono::Utc>,
    server: Option<Server>,
    /// The write was acknowledged (committed).
    ok: bool,
    error: Option<String>,
}

/// A successful write, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct Write {
    pub seq: u64,
    /// RFC 3339 with milliseconds.
    pub at: String,
    pub server: Option<Server>,
}

/// What the probe saw, for the outcome (text and JSON).
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    /// The path, without its password.
    pub path: String,
    pub table: String,
    pub interval_ms: u64,
    pub attempts: usize,
    pub failed_attempts: usize,
    /// The last write acknowledged by a server other than the new leader.
    pub last_write_before: Option<Write>,
    /// The first write the new leader acknowledged.
    pub first_write_after: Option<Write>,
    /// From the one to the other: how long the applications on this path could not write.
    pub unavailable_ms: Option<u64>,
    /// The last attempt reached the new leader, and it accepted the write.
    pub path_follows_leader: bool,
    /// The last error of a failed attempt, for the text.
    pub last_error: Option<String>,
    /// Acknowledged writes, and those of them not found in the new leader's table.
    pub acknowledged_writes: usize,
    pub lost_writes: Vec<u64>,
    /// Whether the table could be read back on the new leader (`false`: `lost_writes` is unknown).
    pub rows_checked: bool,
    /// The probe table was dropped, or why it could not be.
    pub table_dropped: bool,
    pub cleanup_error: Option<String>,
}

type Log = Arc<Mutex<Vec<Attempt>>>;

/// How the wait for the path to reach the new leader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    Follows,
    NotYet,
    Interrupted,
}

/// A probe writing in the background until [`RunningProbe::finish`].
pub struct RunningProbe {
    path: ProbePath,
    table: String,
    interval: Duration,
    log: Log,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// Connects, creates the probe table and writes once (refusing the action if any of that fails),
/// then keeps writing every `interval` until finished.
pub async fn start(path: &ProbePath, cluster: &Cluster, interval: Duration) -> Result<RunningProbe, ProbeError> {
    let cannot = |detail: String| ProbeError::CannotStart { path: path.display.clone(), detail };
    let stamp = chrono::Utc::now().timestamp_millis();
    let table = format!("hactl_probe_{}_{stamp}", std::process::id());
    let members = member_addresses(cluster);
    let client = path.connect().await.map_err(&cannot)?;
    let create =
        format!("CREATE TABLE {table} (seq bigint PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())");
    match tokio::time::timeout(ATTEMPT_TIMEOUT * 5, client.simple_query(&create)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => return Err(cannot(format!("CREATE TABLE {table} failed: {}", db_message(&e)))),
        Err(_) => return Err(cannot(format!("CREATE TABLE {table} did not finish within 5 s"))),
    }
    let started = Instant::now();
    let first = write_once(&client, &table, 0, &members, started).await;
    if !first.ok {
        let detail = first.error.clone().unwrap_or_default();
        drop_table(path, &table).await.ok();
        return Err(cannot(format!("the first write failed: {detail}")));
    }
    let log: Log = Arc::new(Mutex::new(vec![first]));
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(write_loop(
        path.clone(),
        table.clone(),
        interval,
        members,
        Some(client),
        log.clone(),
        stopped,
        started,
    ));
    Ok(RunningProbe { path: path.clone(), table, interval, log, stop, task })
}

/// The probe's loop: one attempt per tick; a failed attempt drops the connection, and the next
/// connects anew (as a pool does with a broken server connection).
#[allow(clippy::too_many_arguments)]
async fn write_loop(
    path: ProbePath,
    table: String,
    interval: Duration,
    members: Vec<(String, String, u16)>,
    mut client: Option<Client>,
    log: Log,
    mut stopped: watch::Receiver<bool>,
    started: Instant,
) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    let mut seq = 1;
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stopped.changed() => return,
        }
        let attempt = match &client {
            Some(c) => write_once(c, &table, seq, &members, started).await,
            None => match path.connect().await {
                Ok(c) => {
                    let attempt = write_once(&c, &table, seq, &members, started).await;
                    client = Some(c);
                    attempt
                }
                Err(error) => Attempt {
                    seq,
                    at: started.elapsed(),
                    wall: chrono::Utc::now(),
                    server: None,
                    ok: false,
                    error: Some(error),
                },
            },
        };
        // A refused write on a live connection (read-only server) keeps it: HAProxy moves
        // connections by cutting them, and a pooled client keeps a connection until it breaks.
        if !attempt.ok && attempt.server.is_none() {
            client = None;
        }
        log.lock().unwrap_or_else(PoisonError::into_inner).push(attempt);
        seq += 1;
    }
}

async fn write_once(
    client: &Client,
    table: &str,
    seq: u64,
    members: &[(String, String, u16)],
    started: Instant,
) -> Attempt {
    let sql = format!(
        "INSERT INTO {table} (seq) VALUES ({seq}) RETURNING host(inet_server_addr()), inet_server_port(), pg_is_in_recovery()"
    );
    let result = tokio::time::timeout(ATTEMPT_TIMEOUT, client.simple_query(&sql)).await;
    let done = |ok, server, error| Attempt { seq, at: started.elapsed(), wall: chrono::Utc::now(), server, ok, error };
    match result {
        Ok(Ok(messages)) => {
            let server = first_row(&messages).and_then(|row| server_of(&row, members));
            done(true, server, None)
        }
        Ok(Err(e)) => {
            // A read-only server refuses the write: ask who it is, to say where the path goes.
            let read_only = e.as_db_error().is_some_and(|db| db.code().code() == "25006");
            let server = if read_only {
                let who = "SELECT host(inet_server_addr()), inet_server_port(), true";
                match tokio::time::timeout(ATTEMPT_TIMEOUT, client.simple_query(who)).await {
                    Ok(Ok(messages)) => first_row(&messages).and_then(|row| server_of(&row, members)),
                    _ => None,
                }
            } else {
                None
            };
            done(false, server, Some(db_message(&e)))
        }
        Err(_) => done(false, None, Some(format!("no answer within {} ms", ATTEMPT_TIMEOUT.as_millis()))),
    }
}

fn first_row(messages: &[SimpleQueryMessage]) -> Option<Vec<Option<String>>> {
    messages.iter().find_map(|m| match m {
        SimpleQueryMessage::Row(row) => Some((0..row.len()).map(|i| row.get(i).map(str::to_string)).collect()),
        _ => None,
    })
}

fn server_of(row: &[Option<String>], members: &[(String, String, u16)]) -> Option<Server> {
    let address = row.first()?.clone()?;
    let port: u16 = row.get(1)?.as_deref()?.parse().ok()?;
    let read_only = row.get(2).and_then(|v| v.as_deref()) == Some("t");
    Some(Server { member: member_at(members, &address, port), address, port, read_only })
}

/// Each member's PostgreSQL address as it publishes it (`conn_url`/`conn_kwargs`).
fn member_addresses(cluster: &Cluster) -> Vec<(String, String, u16)> {
    member_addresses_of(&cluster.members)
}

fn member_addresses_of(members: &[Member]) -> Vec<(String, String, u16)> {
    members
        .iter()
        .filter_map(|m| {
            let params = conn_kwargs(m)?;
            let host = params.get("host").map(crate::dynamic_config::py_str)?;
            let port =
                params.get("port").map(crate::dynamic_config::py_str).and_then(|p| p.parse().ok()).unwrap_or(5432);
            Some((m.name.clone(), host, port))
        })
        .collect()
}

fn member_at(members: &[(String, String, u16)], address: &str, port: u16) -> Option<String> {
    let same_host =
        |host: &str| host == address || (host == "localhost" && (address == "127.0.0.1" || address == "::1"));
    members.iter().find(|(_, host, p)| *p == port && same_host(host)).map(|(name, _, _)| name.clone())
}

impl RunningProbe {
    /// The path's display name, for messages.
    pub fn path(&self) -> &str {
        &self.path.display
    }

    /// Waits until a write through the path is acknowledged by `leader`, until `deadline`, or
    /// until Ctrl-C.
    pub async fn wait_follows(&self, leader: &str, deadline: tokio::time::Instant) -> Follow {
        loop {
            if self.follows(leader) {
                return Follow::Follows;
            }
            if tokio::time::Instant::now() >= deadline {
                return Follow::NotYet;
            }
            tokio::select! {
                _ = tokio::time::sleep(self.interval) => {}
                _ = crate::interrupt::requested() => return Follow::Interrupted,
            }
        }
    }

    fn follows(&self, leader: &str) -> bool {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.last().is_some_and(|a| {
            a.ok && a.server.as_ref().is_some_and(|s| s.member.as_deref() == Some(leader) && !s.read_only)
        })
    }

    /// Where the last attempt went, in words, for a path that does not follow.
    pub fn last_seen(&self) -> String {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        match log.last() {
            Some(Attempt { server: Some(s), ok, .. }) => {
                let who = s.member.clone().unwrap_or_else(|| format!("{}:{}", s.address, s.port));
                let what = if !ok || s.read_only { "a read-only server" } else { "a writable server" };
                format!("the last write reached {who} ({what})")
            }
            Some(Attempt { error: Some(e), .. }) => format!("the last write failed: {e}"),
            _ => "no write was attempted".into(),
        }
    }

    /// Stops writing; reads the table back on the new leader through the path (when it follows),
    /// drops it, and reports. A path that cannot drop it (it reaches a read-only server) leaves
    /// the drop to the new leader's own address, with the DSN's credentials and database.
    pub async fn finish(self, new_leader: Option<&Member>) -> ProbeReport {
        let direct = new_leader.and_then(|m| {
            let (_, host, port) = member_addresses_of(std::slice::from_ref(m)).pop()?;
            Some(ProbePath { config: rehost(&self.path.config, &host, port), ..self.path.clone() })
        });
        let mut report = self.finish_through_path(new_leader.map(|m| m.name.as_str())).await;
        if !report.table_dropped
            && let Some(direct) = direct
        {
            match drop_table(&direct, &report.table).await {
                Ok(()) => {
                    report.table_dropped = true;
                    report.cleanup_error = None;
                }
                Err(e) => {
                    let through_path = report.cleanup_error.take().unwrap_or_default();
                    report.cleanup_error = Some(format!("{through_path}; on the new leader directly: {e}"));
                }
            }
        }
        report
    }

    async fn finish_through_path(self, new_leader: Option<&str>) -> ProbeReport {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        let log = std::mem::take(&mut *self.log.lock().unwrap_or_else(PoisonError::into_inner));
        let mut report = summarise(&log, new_leader, &self.path.display, &self.table, self.interval);
        let acknowledged: Vec<u64> = log.iter().filter(|a| a.ok).map(|a| a.seq).collect();
        match self.path.connect().await {
            Ok(client) => {
                if report.path_follows_leader {
                    let sql = format!("SELECT seq FROM {} ORDER BY seq", self.table);
                    if let Ok(Ok(rows)) = tokio::time::timeout(ATTEMPT_TIMEOUT * 5, client.simple_query(&sql)).await {
                        let found: std::collections::BTreeSet<u64> = rows
                            .iter()
                            .filter_map(|m| match m {
                                SimpleQueryMessage::Row(r) => r.get(0).and_then(|v| v.parse().ok()),
                                _ => None,
                            })
                            .collect();
                        report.lost_writes = acknowledged.iter().copied().filter(|s| !found.contains(s)).collect();
                        report.rows_checked = true;
                    }
                }
                match drop_with(&client, &self.table).await {
                    Ok(()) => report.table_dropped = true,
                    Err(e) => report.cleanup_error = Some(e),
                }
            }
            Err(e) => report.cleanup_error = Some(format!("no connection to drop it: {e}")),
        }
        report
    }
}

/// The same credentials, database and sslmode for another host and port.
fn rehost(config: &tokio_postgres::Config, host: &str, port: u16) -> tokio_postgres::Config {
    let mut new = tokio_postgres::Config::new();
    new.host(host).port(port).application_name("hactl write probe").connect_timeout(ATTEMPT_TIMEOUT);
    if let Some(user) = config.get_user() {
        new.user(user);
    }
    if let Some(password) = config.get_password() {
        new.password(password);
    }
    if let Some(dbname) = config.get_dbname() {
        new.dbname(dbname);
    }
    new.ssl_mode(config.get_ssl_mode());
    new
}

async fn drop_table(path: &ProbePath, table: &str) -> Result<(), String> {
    let client = path.connect().await?;
    drop_with(&client, table).await
}

async fn drop_with(client: &Client, table: &str) -> Result<(), String> {
    let sql = format!("DROP TABLE IF EXISTS {table}");
    match tokio::time::timeout(ATTEMPT_TIMEOUT * 5, client.simple_query(&sql)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(format!("DROP TABLE {table} failed: {}", db_message(&e))),
        Err(_) => Err(format!("DROP TABLE {table} did not finish within 5 s")),
    }
}

/// The report from the attempts, pure.
fn summarise(log: &[Attempt], new_leader: Option<&str>, path: &str, table: &str, interval: Duration) -> ProbeReport {
    let on_leader = |a: &Attempt| {
        a.ok && a
            .server
            .as_ref()
            .is_some_and(|s| !s.read_only && s.member.is_some() && s.member.as_deref() == new_leader)
    };
    let first_after = log.iter().position(on_leader);
    let last_before = first_after.and_then(|i| log[..i].iter().rposition(|a| a.ok)).or_else(|| {
        // The path never reached the new leader: the last acknowledged write is the one before.
        if first_after.is_none() { log.iter().rposition(|a| a.ok) } else { None }
    });
    let as_write = |a: &Attempt| Write {
        seq: a.seq,
        at: a.wall.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        server: a.server.clone(),
    };
    let unavailable_ms = match (last_before, first_after) {
        (Some(b), Some(a)) => Some(log[a].at.saturating_sub(log[b].at).as_millis() as u64),
        _ => None,
    };
    ProbeReport {
        path: path.to_string(),
        table: table.to_string(),
        interval_ms: interval.as_millis() as u64,
        attempts: log.len(),
        failed_attempts: log.iter().filter(|a| !a.ok).count(),
        last_write_before: last_before.map(|i| as_write(&log[i])),
        first_write_after: first_after.map(|i| as_write(&log[i])),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_dsn_is_named_without_its_password() {
        let env = BTreeMap::new();
        let path = ProbePath::parse("postgresql://app:s3cret@127.0.0.1:5000/appdb", &env).unwrap();
        assert_eq!(path.display, "127.0.0.1:5000/appdb as app");
        assert!(!format!("{path:?}").contains("s3cret"));
        let path = ProbePath::parse("host=127.0.0.1 port=6432 user=app", &env).unwrap();
        assert_eq!(path.display, "127.0.0.1:6432/app as app");
    }

    #[test]
    fn a_bad_dsn_is_a_usage_error_that_does_not_quote_the_password() {
        let env = BTreeMap::new();
        let err = ProbePath::parse("host=127.0.0.1 password=s3cret bogus=1", &env).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage);
        assert!(!err.to_string().contains("s3cret"), "{err}");
        let err = ProbePath::parse("dbname=x", &env).unwrap_err();
        assert!(err.to_string().contains("no host"), "{err}");
    }
}
