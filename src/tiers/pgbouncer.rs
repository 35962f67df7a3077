//! The pooling tier: each PgBouncer's admin console (the `pgbouncer` database), asked `SHOW POOLS`,
//! `SHOW DATABASES` and `SHOW SERVERS` over the simple query protocol (the console has no other).
//! Every PgBouncer is read at the same time, all under one deadline; one that does not answer is
//! an error of its own, naming it. Parsing is pure: from rows of column names to text values.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio_postgres::{NoTls, SimpleQueryMessage};

use crate::error::{Classify, ErrorKind};
use crate::hostport;
use crate::settings::PgbouncerSettings;

/// One admin console as errors name it: `host:port` with the user and database, never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// `PgBouncer` or `Pgpool-II`.
    pub product: &'static str,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub dbname: String,
}

impl Target {
    /// `host:port`, an IPv6 host in brackets.
    pub fn address(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("{host}:{}", self.port)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} (user {}, database {})", self.product, self.address(), self.user, self.dbname)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PgbouncerError {
    #[error("{target} cannot be reached: {reason}; check that it runs and pgbouncer.hosts")]
    Connect { target: Target, reason: String },
    #[error("{target} refused the login: {reason}; check pgbouncer.user, pgbouncer.password and its admin_users")]
    Auth { target: Target, reason: String },
    #[error("{target} did not answer within {}s", crate::units::seconds_text(*.waited))]
    Timeout { target: Target, waited: Duration },
    #[error("{target} answered {command} with an error: {reason}")]
    Query { target: Target, command: &'static str, reason: String },
    #[error("{target} answered {command} with an unexpected row: {detail}")]
    Unexpected { target: Target, command: &'static str, detail: String },
}

impl Classify for PgbouncerError {
    fn kind(&self) -> ErrorKind {
        match self {
            PgbouncerError::Connect { .. } | PgbouncerError::Timeout { .. } => ErrorKind::Unreachable,
            PgbouncerError::Auth { .. } => ErrorKind::Usage,
            PgbouncerError::Query { .. } | PgbouncerError::Unexpected { .. } => ErrorKind::Failed,
        }
    }
}

/// A row of an admin command: column name to text (`None` for NULL).
pub type Row = BTreeMap<String, Option<String>>;

/// `SHOW POOLS`: one pool per database and user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pool {
    pub database: String,
    pub user: String,
    pub cl_active: u64,
    /// Clients waiting for a server connection: the queue an outage builds.
    pub cl_waiting: u64,
    pub sv_active: u64,
    pub sv_idle: u64,
    pub sv_used: u64,
    pub sv_login: u64,
    /// How long the oldest waiting client has waited (`maxwait` s + `maxwait_us`).
    pub maxwait: Duration,
    pub pool_mode: Option<String>,
}

/// `SHOW DATABASES`: where each database sends its connections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Database {
    pub name: String,
    /// The server's host and port; `None` for the admin console itself (and a `*` fallback
    /// without a host).
    pub host: Option<String>,
    pub port: Option<u16>,
    /// The database on the server.
    pub database: Option<String>,
    pub pool_size: Option<u64>,
    pub current_connections: u64,
    pub paused: bool,
    pub disabled: bool,
}

/// `SHOW SERVERS`: each open server connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerConnection {
    pub database: String,
    pub user: String,
    /// `active`, `idle`, `used`, `tested`, `new`.
    pub state: String,
    pub addr: String,
    pub port: Option<u16>,
}

/// What one PgBouncer answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PgbouncerInfo {
    pub target: Target,
    pub pools: Vec<Pool>,
    pub databases: Vec<Database>,
    pub servers: Vec<ServerConnection>,
}

impl PgbouncerInfo {
    /// The pools (other than the admin console's) with clients waiting.
    pub fn waiting_pools(&self) -> Vec<&Pool> {
        self.pools.iter().filter(|p| p.cl_waiting > 0 && p.database != "pgbouncer").collect()
    }

    /// `host:port` the database `name` points at.
    pub fn server_of(&self, name: &str) -> Option<String> {
        let database = self.databases.iter().find(|d| d.name == name)?;
        Some(format!("{}:{}", database.host.as_deref()?, database.port?))
    }

    /// Every distinct `host:port` the configured databases point at.
    pub fn servers_pointed_at(&self) -> Vec<String> {
        let mut all: Vec<String> = self.databases.iter().filter_map(|d| self.server_of(&d.name)).collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The answer of one configured PgBouncer, in configuration order.
#[derive(Debug)]
pub struct PgbouncerRead {
    pub target: Target,
    pub result: Result<PgbouncerInfo, PgbouncerError>,
}

/// Reads every PgBouncer of `settings` at the same time, each by `deadline`.
pub async fn read(settings: &PgbouncerSettings, deadline: Instant) -> Vec<PgbouncerRead> {
    let mut reads = tokio::task::JoinSet::new();
    for (index, host) in settings.hosts.iter().enumerate() {
        let target = target_of("PgBouncer", settings, host);
        let password = settings.password.as_ref().map(|p| p.expose().to_owned());
        reads.spawn(async move { (index, read_one(target, password, deadline).await) });
    }
    let mut answers: Vec<(usize, PgbouncerRead)> = reads.join_all().await;
    answers.sort_by_key(|(index, _)| *index);
    answers.into_iter().map(|(_, read)| read).collect()
}

/// `host:port` as the settings hold it (IPv6 in brackets; the settings always add the port).
pub(super) fn target_of(product: &'static str, settings: &PgbouncerSettings, host: &str) -> Target {
    let (host, port) = hostport::split(host);
    Target {
        product,
        host: host.to_owned(),
        port: port.and_then(|p| p.parse().ok()).unwrap_or(0),
        user: settings.user.clone(),
        dbname: settings.dbname.clone(),
    }
}

async fn read_one(target: Target, password: Option<String>, deadline: Instant) -> PgbouncerRead {
    let started = Instant::now();
    let result = match tokio::time::timeout_at(deadline.into(), ask(&target, password)).await {
        Ok(result) => result,
        Err(_) => Err(PgbouncerError::Timeout { target: target.clone(), waited: started.elapsed() }),
    };
    PgbouncerRead { target, result }
}

/// Why an admin console gave no answer.
pub(super) enum ConsoleFailure {
    Connect(String),
    Auth(String),
    Query(&'static str, String),
}

/// Runs `commands` on the admin console at `target` over the simple query protocol: their rows.
pub(super) async fn console_tables(
    target: &Target,
    password: Option<String>,
    commands: &[&'static str],
) -> Result<Vec<Vec<Row>>, ConsoleFailure> {
    let mut config = tokio_postgres::Config::new();
    config.host(&target.host).port(target.port).user(&target.user).dbname(&target.dbname);
    if let Some(password) = password {
        config.password(password);
    }
    let (client, connection) = config.connect(NoTls).await.map_err(|e| login_failure(&e))?;
    let connection = tokio::spawn(connection);
    let mut tables = Vec::new();
    for &command in commands {
        let messages = client.simple_query(command).await.map_err(|e| ConsoleFailure::Query(command, db_reason(&e)))?;
        tables.push(rows_of(messages));
    }
    drop(client);
    connection.abort();
    Ok(tables)
}

async fn ask(target: &Target, password: Option<String>) -> Result<PgbouncerInfo, PgbouncerError> {
    let commands = ["SHOW POOLS", "SHOW DATABASES", "SHOW SERVERS"];
    let tables = console_tables(target, password, &commands).await.map_err(|failure| {
        let target = target.clone();
        match failure {
            ConsoleFailure::Connect(reason) => PgbouncerError::Connect { target, reason },
            ConsoleFailure::Auth(reason) => PgbouncerError::Auth { target, reason },
            ConsoleFailure::Query(command, reason) => PgbouncerError::Query { target, command, reason },
        }
    })?;
    let [pools, databases, servers] = <[Vec<Row>; 3]>::try_from(tables).expect("three commands");
    let unexpected = |command| move |detail| PgbouncerError::Unexpected { target: target.clone(), command, detail };
    Ok(PgbouncerInfo {
        target: target.clone(),
        pools: parse_pools(&pools).map_err(unexpected("SHOW POOLS"))?,
        databases: parse_databases(&databases).map_err(unexpected("SHOW DATABASES"))?,
        servers: parse_servers(&servers).map_err(unexpected("SHOW SERVERS"))?,
    })
}

fn login_failure(error: &tokio_postgres::Error) -> ConsoleFailure {
    let reason = db_reason(error);
    // 28P01 invalid_password, 28000 invalid_authorization_specification (e.g. not an admin user);
    // PgBouncer answers a failed login with 08P01.
    match error.as_db_error().map(|e| e.code().code()) {
        Some("28P01" | "28000" | "08P01") => ConsoleFailure::Auth(reason),
        _ => ConsoleFailure::Connect(reason),
    }
}

fn db_reason(error: &tokio_postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => crate::error::innermost_cause(error).unwrap_or_else(|| error.to_string()),
    }
}

fn rows_of(messages: Vec<SimpleQueryMessage>) -> Vec<Row> {
    messages
        .into_iter()
        .filter_map(|message| match message {
            SimpleQueryMessage::Row(row) => Some(
                row.columns()
                    .iter()
                    .enumerate()
                    .map(|(i, column)| (column.name().to_owned(), row.get(i).map(str::to_owned)))
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

pub(super) fn text<'a>(row: &'a Row, column: &str) -> Result<&'a str, String> {
    match row.get(column) {
        Some(Some(value)) => Ok(value),
        Some(None) => Ok(""),
        None => Err(format!("no {column} column")),
    }
}

pub(super) fn number(row: &Row, column: &str) -> Result<u64, String> {
    let value = text(row, column)?;
    value.parse().map_err(|_| format!("{column} is {value:?}, not a number"))
}

/// A column that older or newer versions may lack, or leave empty.
pub(super) fn optional_text(row: &Row, column: &str) -> Option<String> {
    row.get(column).cloned().flatten().filter(|v| !v.is_empty())
}

pub fn parse_pools(rows: &[Row]) -> Result<Vec<Pool>, String> {
    rows.iter()
        .map(|row| {
            let maxwait_us = optional_text(row, "maxwait_us").and_then(|v| v.parse().ok()).unwrap_or(0);
            Ok(Pool {
                database: text(row, "database")?.to_owned(),
                user: text(row, "user")?.to_owned(),
                cl_active: number(row, "cl_active")?,
                cl_waiting: number(row, "cl_waiting")?,
                sv_active: number(row, "sv_active")?,
                sv_idle: number(row, "sv_idle")?,
                sv_used: number(row, "sv_used")?,
                sv_login: number(row, "sv_login")?,
                maxwait: Duration::from_secs(number(row, "maxwait")?) + Duration::from_micros(maxwait_us),
                pool_mode: optional_text(row, "pool_mode"),
            })
        })
        .collect()
}

pub fn parse_databases(rows: &[Row]) -> Result<Vec<Database>, String> {
    rows.iter()
        .map(|row| {
            let flag = |column: &str| optional_text(row, column).is_some_and(|v| v == "1");
            Ok(Database {
                name: text(row, "name")?.to_owned(),
                host: optional_text(row, "host"),
                port: optional_text(row, "port").and_then(|p| p.parse().ok()),
                database: optional_text(row, "database"),
                pool_size: optional_text(row, "pool_size").and_then(|p| p.parse().ok()),
                current_connections: optional_text(row, "current_connections")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(0),
                paused: flag("paused"),
                disabled: flag("disabled"),
            })
        })
        .collect()
}

pub fn parse_servers(rows: &[Row]) -> Result<Vec<ServerConnection>, String> {
    rows.iter()
        .map(|row| {
            Ok(ServerConnection {
                database: text(row, "database")?.to_owned(),
                user: text(row, "user")?.to_owned(),
                state: text(row, "state")?.to_owned(),
                addr: text(row, "addr")?.to_owned(),
                port: optional_text(row, "port").and_then(|p| p.parse().ok()),
            })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `psql --csv` output of the real PgBouncer 1.18 in the lab, as rows.
    pub(crate) fn rows(csv: &str) -> Vec<Row> {
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        lines
            .map(|line| {
                let values = line.split(',');
                header
                    .iter()
                    .zip(values)
                    .map(|(c, v)| (c.to_string(), (!v.is_empty()).then(|| v.to_string())))
                    .collect()
            })
            .collect()
    }

    const POOLS: &str = include_str!("../../tests/fixtures/pgbouncer/show_pools.csv");
    const DATABASES: &str = include_str!("../../tests/fixtures/pgbouncer/show_databases.csv");
    const SERVERS: &str = include_str!("../../tests/fixtures/pgbouncer/show_servers.csv");

    #[test]
    fn real_show_pools_parse_with_their_waiting_clients() {
        let pools = parse_pools(&rows(POOLS)).unwrap();
        let postgres = pools.iter().find(|p| p.database == "postgres").expect("a postgres pool");
        assert_eq!(postgres.user, "postgres");
        assert_eq!(postgres.pool_mode.as_deref(), Some("session"));
        assert!(pools.iter().any(|p| p.database == "pgbouncer"), "the admin console's own pool");
    }

    #[test]
    fn real_show_databases_say_where_each_database_points() {
        let info = PgbouncerInfo {
            target: Target {
                product: "PgBouncer",
                host: "127.0.0.1".into(),
                port: 6432,
                user: "pgbouncer".into(),
                dbname: "pgbouncer".into(),
            },
            pools: parse_pools(&rows(POOLS)).unwrap(),
            databases: parse_databases(&rows(DATABASES)).unwrap(),
            servers: parse_servers(&rows(SERVERS)).unwrap(),
        };
        let server = info.server_of("postgres").expect("postgres points at a server");
        assert!(server.starts_with("127.0.0.1:"), "{server}");
        assert_eq!(info.server_of("pgbouncer"), None, "the admin console has no server");
        assert_eq!(info.servers_pointed_at(), std::slice::from_ref(&server));
        assert!(info.servers.iter().all(|s| format!("{}:{}", s.addr, s.port.unwrap()) == server), "{:?}", info.servers);
        assert!(info.waiting_pools().is_empty());
    }

    #[test]
    fn waiting_clients_and_maxwait_are_read() {
        let mut row = rows(POOLS).into_iter().find(|r| r["database"].as_deref() == Some("postgres")).unwrap();
        row.insert("cl_waiting".into(), Some("3".into()));
        row.insert("maxwait".into(), Some("2".into()));
        row.insert("maxwait_us".into(), Some("500000".into()));
        let pool = &parse_pools(&[row]).unwrap()[0];
        assert_eq!((pool.cl_waiting, pool.maxwait), (3, Duration::from_millis(2500)));
    }

    #[test]
    fn missing_columns_and_bad_numbers_are_named() {
        let mut row = rows(POOLS).remove(0);
        row.insert("cl_waiting".into(), Some("many".into()));
        assert_eq!(parse_pools(&[row.clone()]).unwrap_err(), "cl_waiting is \"many\", not a number");
        row.remove("user");
        assert_eq!(parse_pools(&[row]).unwrap_err(), "no user column");
        let target = Target {
            product: "PgBouncer",
            host: "::1".into(),
            port: 6432,
            user: "admin".into(),
            dbname: "pgbouncer".into(),
        };
        assert_eq!(target.to_string(), "PgBouncer [::1]:6432 (user admin, database pgbouncer)");
    }
}
