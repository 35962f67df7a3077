//! The probes: while a switchover, failover or restart runs, a client on the applications' path
//! (HAProxy's write frontend, a PgBouncer) writes a row every `interval` into a table of its own,
//! and another on the read path (HAProxy's read frontend) reads, each reconnecting as a pooled
//! client would and recording which server answered each attempt.
//!
//! From that record: the unavailability window (for writes, the last write acknowledged before
//! the path reached the leader to the first the leader acknowledged; for reads, the longest time
//! between two answered reads with failures between them), the failed attempts, whether the path
//! reaches the leader, and whether every acknowledged write is in the leader's table. The table
//! is created before the action, in the one database the DSN names, and dropped at the end.

mod report;

pub use report::{Acknowledged, ProbeReport, ReadProbeReport, Server};
use report::{Attempt, on_writable, summarise, summarise_reads};

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
        "{flag}: {detail} (give a libpq DSN, e.g. 'host=127.0.0.1 port=5000 dbname=postgres user=postgres' or postgresql://user@host:port/db)"
    )]
    BadDsn { flag: &'static str, detail: String },
    #[error(
        "the {kind} probe through {path} cannot {kind} before the action: {detail}; nothing was changed (fix the DSN or the path, or leave out {flag})"
    )]
    CannotStart { kind: ProbeKind, flag: &'static str, path: String, detail: String },
    #[error(
        "converged in Patroni, but the application path {path} does not reach the new leader {leader} yet: {detail}"
    )]
    PathNotFollowing { path: String, leader: String, detail: String },
    #[error("converged in Patroni, but the read path {path} does not answer reads yet: {detail}")]
    ReadPathNotAnswering { path: String, detail: String },
    #[error(
        "interrupted while waiting for the {kind} probe through {path} to reach {leader}; the {action} itself is done"
    )]
    Interrupted { kind: ProbeKind, path: String, leader: String, action: &'static str },
}

/// What a probe does on its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeKind {
    Write,
    Read,
}

impl ProbeKind {
    /// The option that gives its DSN.
    pub fn flag(self) -> &'static str {
        match self {
            ProbeKind::Write => "--probe",
            ProbeKind::Read => "--probe-ro",
        }
    }
}

impl std::fmt::Display for ProbeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ProbeKind::Write => "write",
            ProbeKind::Read => "read",
        })
    }
}

impl Classify for ProbeError {
    fn kind(&self) -> ErrorKind {
        match self {
            ProbeError::BadDsn { .. } => ErrorKind::Usage,
            ProbeError::CannotStart { .. } => ErrorKind::Refused,
            ProbeError::PathNotFollowing { .. } | ProbeError::ReadPathNotAnswering { .. } => ErrorKind::NotConfirmed,
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

impl ProbePath {
    /// The same credentials, database and TLS at `member`'s own PostgreSQL address.
    fn at_member(&self, member: &Member) -> Option<ProbePath> {
        let (_, host, port) = member_addresses_of(std::slice::from_ref(member)).pop()?;
        Some(ProbePath { config: rehost(&self.config, &host, port), ..self.clone() })
    }
}

impl std::fmt::Debug for ProbePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProbePath").field("display", &self.display).finish_non_exhaustive()
    }
}

impl ProbePath {
    /// Parses a libpq DSN (`key=value ...` or a `postgresql://` URI) given to `kind`'s option; the
    /// password may also come from `PGPASSWORD` in `env`, the user from `PGUSER`, as libpq takes them.
    pub fn parse(kind: ProbeKind, dsn: &str, env: &BTreeMap<String, String>) -> Result<ProbePath, ProbeError> {
        let bad = |detail: &str| ProbeError::BadDsn { flag: kind.flag(), detail: detail.into() };
        // tokio-postgres' own messages may quote the DSN: name only the problem.
        let mut config = tokio_postgres::Config::from_str(dsn).map_err(|e| bad(&redact(&error_chain(&e), dsn)))?;
        // libpq's multi-host form (`host=a,b,c port=1,2,3 target_session_attrs=read-write`) is
        // an application path too: the client that finds the primary itself.
        let hosts: Vec<String> = config
            .get_hosts()
            .iter()
            .map(|host| match host {
                Host::Tcp(host) => Ok(host.clone()),
                #[allow(unreachable_patterns)]
                _ => Err(bad("a Unix socket is not an application path")),
            })
            .collect::<Result<_, _>>()?;
        if hosts.is_empty() {
            return Err(bad("the DSN names no host"));
        }
        let ports: Vec<u16> = match config.get_ports() {
            [] => vec![5432; hosts.len()],
            [port] => vec![*port; hosts.len()],
            ports if ports.len() == hosts.len() => ports.to_vec(),
            _ => return Err(bad("the DSN names a different number of hosts and ports")),
        };
        let addresses: Vec<String> = hosts.iter().zip(&ports).map(|(host, port)| format!("{host}:{port}")).collect();
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
        config.application_name(format!("hactl {kind} probe")).connect_timeout(ATTEMPT_TIMEOUT);
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
        Ok(ProbePath { config, ssl, display: format!("{}/{dbname} as {user}", addresses.join(",")) })
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

type Log = Arc<Mutex<Vec<Attempt>>>;

/// How the wait for the paths to reach the leader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    Follows,
    NotYet,
    Interrupted,
}

/// A probe attempting in the background until it is finished.
pub struct RunningProbe {
    kind: ProbeKind,
    path: ProbePath,
    /// The write probe's table; empty for the read probe.
    table: String,
    interval: Duration,
    log: Log,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// The probes of one action: the write probe, the read probe, or both.
pub struct Probes {
    write: Option<RunningProbe>,
    read: Option<RunningProbe>,
}

/// Their reports.
#[derive(Debug, Clone, Default)]
pub struct ProbesReport {
    pub write: Option<ProbeReport>,
    pub read: Option<ReadProbeReport>,
}

impl ProbesReport {
    /// Every probed path ended where the applications need it: writes on the leader, reads
    /// answered. True when nothing was probed.
    pub fn paths_reached(&self) -> bool {
        self.write.as_ref().is_none_or(|w| w.path_follows_leader) && self.read.as_ref().is_none_or(|r| r.answering)
    }
}

impl Probes {
    /// Starts the probes asked for (refusing the action, and cleaning up, when one cannot
    /// write or read now); `None` when none is asked for.
    pub async fn start(
        write: Option<&ProbePath>,
        read: Option<&ProbePath>,
        cluster: &Cluster,
        interval: Duration,
    ) -> Result<Option<Probes>, ProbeError> {
        if write.is_none() && read.is_none() {
            return Ok(None);
        }
        let write = match write {
            Some(path) => Some(start(path, cluster, interval).await?),
            None => None,
        };
        let read = match read {
            Some(path) => match start_reads(path, cluster, interval).await {
                Ok(probe) => Some(probe),
                Err(e) => {
                    if let Some(write) = write {
                        write.finish(None).await;
                    }
                    return Err(e);
                }
            },
            None => None,
        };
        Ok(Some(Probes { write, read }))
    }

    /// What is waited for, in words, for a progress line.
    pub fn waiting_for(&self, leader: &str) -> String {
        match (&self.write, &self.read) {
            (Some(w), Some(r)) => {
                format!(
                    "waiting for the write probe through {} to reach {leader} and reads through {}",
                    w.path(),
                    r.path()
                )
            }
            (Some(w), None) => format!("waiting for the write probe through {} to reach {leader}", w.path()),
            (None, Some(r)) => format!("waiting for reads through {} to be answered", r.path()),
            (None, None) => String::new(),
        }
    }

    /// Waits until the write path reaches `leader` and the read path answers, until `deadline`,
    /// or until Ctrl-C.
    pub async fn wait(&self, leader: &str, deadline: tokio::time::Instant) -> Follow {
        let interval = self.write.as_ref().or(self.read.as_ref()).map_or(DEFAULT_INTERVAL, |p| p.interval);
        loop {
            let writes = self.write.as_ref().is_none_or(|p| p.last_reached(Some(leader)));
            let reads = self.read.as_ref().is_none_or(|p| p.last_reached(None));
            if writes && reads {
                return Follow::Follows;
            }
            if tokio::time::Instant::now() >= deadline {
                return Follow::NotYet;
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = crate::interrupt::requested() => return Follow::Interrupted,
            }
        }
    }

    /// The path that is still waited for (write first), its kind, and where it went, in words.
    pub fn lagging(&self, leader: &str) -> Option<(ProbeKind, String, String)> {
        if let Some(p) = self.write.as_ref().filter(|p| !p.last_reached(Some(leader))) {
            return Some((ProbeKind::Write, p.path().into(), p.last_seen()));
        }
        let p = self.read.as_ref().filter(|p| !p.last_reached(None))?;
        Some((ProbeKind::Read, p.path().into(), p.last_seen()))
    }

    /// After the action: waits (when it left a leader) until the write path reaches it and the
    /// read path answers, bounded by `deadline` and Ctrl-C, then finishes both. The verdict is
    /// the error to end with when a path did not follow or the wait was interrupted.
    pub async fn conclude(
        self,
        leader: Option<&Member>,
        deadline: tokio::time::Instant,
        action: &'static str,
    ) -> (ProbesReport, Result<(), ProbeError>) {
        let mut verdict = Ok(());
        if let Some(leader) = leader {
            let name = leader.name.clone();
            match self.wait(&name, deadline).await {
                Follow::Follows => {}
                Follow::Interrupted => {
                    let (kind, path) = match self.lagging(&name) {
                        Some((kind, path, _)) => (kind, path),
                        None => (ProbeKind::Write, String::new()),
                    };
                    verdict = Err(ProbeError::Interrupted { kind, path, leader: name.clone(), action });
                }
                Follow::NotYet => {
                    verdict = match self.lagging(&name) {
                        Some((ProbeKind::Write, path, detail)) => {
                            Err(ProbeError::PathNotFollowing { path, leader: name.clone(), detail })
                        }
                        Some((ProbeKind::Read, path, detail)) => Err(ProbeError::ReadPathNotAnswering { path, detail }),
                        None => Ok(()),
                    }
                }
            }
        }
        (self.finish(leader).await, verdict)
    }

    /// Stops both; the write probe's table is read back and dropped (see [`RunningProbe::finish`]).
    pub async fn finish(self, leader: Option<&Member>) -> ProbesReport {
        let read = match self.read {
            Some(probe) => Some(probe.finish_reads().await),
            None => None,
        };
        let write = match self.write {
            Some(probe) => Some(probe.finish(leader).await),
            None => None,
        };
        ProbesReport { write, read }
    }
}

/// Connects, creates the probe table and writes once (refusing the action if any of that fails),
/// then keeps writing every `interval` until finished.
pub async fn start(path: &ProbePath, cluster: &Cluster, interval: Duration) -> Result<RunningProbe, ProbeError> {
    let kind = ProbeKind::Write;
    let cannot =
        |detail: String| ProbeError::CannotStart { kind, flag: kind.flag(), path: path.display.clone(), detail };
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
    let first = attempt_once(&client, &table, 0, &members, started).await;
    if !first.ok {
        let detail = first.error.clone().unwrap_or_default();
        drop_table(path, &table).await.ok();
        return Err(cannot(format!("the first write failed: {detail}")));
    }
    Ok(RunningProbe::spawn(kind, path, table, interval, members, client, first, started))
}

/// For a dry run: whether the probe could start now, asked without creating or writing
/// anything: the write path must reach a writable server where the user may create the table
/// (`CREATE` on its schema), the read path must answer. `Ok` says where the path went; `Err`
/// is the detail [`start`] or [`start_reads`] would refuse the action with.
pub async fn check_path(kind: ProbeKind, path: &ProbePath, cluster: &Cluster) -> Result<String, String> {
    let client = path.connect().await?;
    let sql = "SELECT host(inet_server_addr()), inet_server_port(), pg_is_in_recovery(), \
               current_setting('transaction_read_only') = 'on', has_schema_privilege(current_schema(), 'CREATE')";
    let row = match tokio::time::timeout(ATTEMPT_TIMEOUT * 5, client.simple_query(sql)).await {
        Ok(Ok(messages)) => first_row(&messages).unwrap_or_default(),
        Ok(Err(e)) => return Err(format!("the first {kind} failed: {}", db_message(&e))),
        Err(_) => return Err(format!("the first {kind} did not finish within 5 s")),
    };
    let server = server_of(&row, &member_addresses(cluster));
    let at = server.as_ref().map_or_else(
        || "a server".to_string(),
        |s| match &s.member {
            Some(member) => format!("{member} ({}:{})", s.address, s.port),
            None => format!("{}:{} (no member)", s.address, s.port),
        },
    );
    let yes = |i: usize| row.get(i).and_then(|v| v.as_deref()) == Some("t");
    match kind {
        ProbeKind::Read => Ok(format!("reads through {} are answered by {at}", path.display)),
        ProbeKind::Write if yes(2) || yes(3) => Err(format!("the path reaches {at}, a read-only server")),
        ProbeKind::Write if !yes(4) => {
            Err(format!("the user may not create the probe table there (no CREATE on its schema), at {at}"))
        }
        ProbeKind::Write => Ok(format!("writes through {} would reach {at}, writable", path.display)),
    }
}

/// Connects and reads once (refusing the action if that fails), then keeps reading every
/// `interval` until finished.
pub async fn start_reads(path: &ProbePath, cluster: &Cluster, interval: Duration) -> Result<RunningProbe, ProbeError> {
    let kind = ProbeKind::Read;
    let cannot =
        |detail: String| ProbeError::CannotStart { kind, flag: kind.flag(), path: path.display.clone(), detail };
    let members = member_addresses(cluster);
    let client = path.connect().await.map_err(&cannot)?;
    let started = Instant::now();
    let first = attempt_once(&client, "", 0, &members, started).await;
    if !first.ok {
        return Err(cannot(format!("the first read failed: {}", first.error.clone().unwrap_or_default())));
    }
    Ok(RunningProbe::spawn(kind, path, String::new(), interval, members, client, first, started))
}

/// The probe's loop: one attempt per tick; a failed attempt drops the connection, and the next
/// connects anew (as a pool does with a broken server connection).
#[allow(clippy::too_many_arguments)]
async fn attempt_loop(
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
            Some(c) => attempt_once(c, &table, seq, &members, started).await,
            None => match path.connect().await {
                Ok(c) => {
                    let attempt = attempt_once(&c, &table, seq, &members, started).await;
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

/// One write into `table`, or with no table one read, and who answered it.
async fn attempt_once(
    client: &Client,
    table: &str,
    seq: u64,
    members: &[(String, String, u16)],
    started: Instant,
) -> Attempt {
    const WHO: &str = "host(inet_server_addr()), inet_server_port(), pg_is_in_recovery()";
    let sql = match table {
        "" => format!("SELECT {WHO}"),
        table => format!("INSERT INTO {table} (seq) VALUES ({seq}) RETURNING {WHO}"),
    };
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
    #[allow(clippy::too_many_arguments)]
    fn spawn(
        kind: ProbeKind,
        path: &ProbePath,
        table: String,
        interval: Duration,
        members: Vec<(String, String, u16)>,
        client: Client,
        first: Attempt,
        started: Instant,
    ) -> RunningProbe {
        let log: Log = Arc::new(Mutex::new(vec![first]));
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(attempt_loop(
            path.clone(),
            table.clone(),
            interval,
            members,
            Some(client),
            log.clone(),
            stopped,
            started,
        ));
        RunningProbe { kind, path: path.clone(), table, interval, log, stop, task }
    }

    /// The path's display name, for messages.
    pub fn path(&self) -> &str {
        &self.path.display
    }

    /// Waits until a write through the path is acknowledged by `leader`, until `deadline`, or
    /// until Ctrl-C.
    pub async fn wait_follows(&self, leader: &str, deadline: tokio::time::Instant) -> Follow {
        loop {
            if self.last_reached(Some(leader)) {
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

    /// The last attempt succeeded, on a writable `leader` when one is named.
    fn last_reached(&self, leader: Option<&str>) -> bool {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.last().is_some_and(|a| match leader {
            Some(leader) => on_writable(a, Some(leader)),
            None => a.ok,
        })
    }

    /// Where the last attempt went, in words, for a path that does not follow.
    pub fn last_seen(&self) -> String {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let kind = self.kind;
        match log.last() {
            Some(Attempt { server: Some(s), ok, .. }) => {
                let who = s.member.clone().unwrap_or_else(|| format!("{}:{}", s.address, s.port));
                let what = if !ok || s.read_only { "a read-only server" } else { "a writable server" };
                format!("the last {kind} reached {who} ({what})")
            }
            Some(Attempt { error: Some(e), .. }) => format!("the last {kind} failed: {e}"),
            _ => format!("no {kind} was attempted"),
        }
    }

    /// Stops reading, and reports.
    pub async fn finish_reads(self) -> ReadProbeReport {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        let log = std::mem::take(&mut *self.log.lock().unwrap_or_else(PoisonError::into_inner));
        summarise_reads(&log, &self.path.display, self.interval)
    }

    /// Stops writing; reads the table back on the leader through the path (when it follows),
    /// drops it, and reports. A path that cannot drop it (it reaches a read-only server) leaves
    /// the drop to the leader's own address, with the DSN's credentials and database.
    pub async fn finish(self, leader: Option<&Member>) -> ProbeReport {
        let direct = leader.and_then(|m| self.path.at_member(m));
        let mut report = self.finish_through_path(leader.map(|m| m.name.as_str())).await;
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
                    report.cleanup_error = Some(format!("{through_path}; on the leader directly: {e}"));
                }
            }
        }
        report
    }

    async fn finish_through_path(self, leader: Option<&str>) -> ProbeReport {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        let log = std::mem::take(&mut *self.log.lock().unwrap_or_else(PoisonError::into_inner));
        let mut report = summarise(&log, leader, &self.path.display, &self.table, self.interval);
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

/// Drops `table` through `path`, else on `leader`'s own address with the path's credentials:
/// what is left to do when [`RunningProbe::finish`] could not (mid-change, when neither the path
/// nor the leader of that moment took a connection).
pub async fn drop_left_table(path: &ProbePath, leader: Option<&Member>, table: &str) -> Result<(), String> {
    let through_path = match drop_table(path, table).await {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    match leader.and_then(|m| path.at_member(m)) {
        Some(direct) => {
            drop_table(&direct, table).await.map_err(|e| format!("{through_path}; on the leader directly: {e}"))
        }
        None => Err(through_path),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dsn_is_named_without_its_password() {
        let env = BTreeMap::new();
        let path = ProbePath::parse(ProbeKind::Write, "postgresql://app:s3cret@127.0.0.1:5000/appdb", &env).unwrap();
        assert_eq!(path.display, "127.0.0.1:5000/appdb as app");
        assert!(!format!("{path:?}").contains("s3cret"));
        let path = ProbePath::parse(ProbeKind::Write, "host=127.0.0.1 port=6432 user=app", &env).unwrap();
        assert_eq!(path.display, "127.0.0.1:6432/app as app");
        let dsn = "host=a,b port=5432,5433 user=app target_session_attrs=read-write";
        assert_eq!(ProbePath::parse(ProbeKind::Write, dsn, &env).unwrap().display, "a:5432,b:5433/app as app");
        let err = ProbePath::parse(ProbeKind::Write, "host=a,b,c port=1,2", &env).unwrap_err();
        assert!(err.to_string().contains("a different number of hosts and ports"), "{err}");
    }

    #[test]
    fn a_bad_dsn_is_a_usage_error_that_does_not_quote_the_password() {
        let env = BTreeMap::new();
        let err = ProbePath::parse(ProbeKind::Write, "host=127.0.0.1 password=s3cret bogus=1", &env).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage);
        assert!(!err.to_string().contains("s3cret"), "{err}");
        let err = ProbePath::parse(ProbeKind::Read, "dbname=x", &env).unwrap_err();
        assert!(err.to_string().starts_with("--probe-ro: the DSN names no host"), "{err}");
    }
}
