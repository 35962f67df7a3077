//! `dsn` and `query`: a member's connection parameters as Patroni publishes them
//! (`Member.conn_kwargs`), the member patronictl would pick (`get_any_member`), and SQL run on it
//! through tokio-postgres (`get_cursor`, `query_member`).
//!
//! The connection takes what libpq would take from the environment, since patronictl's psycopg2
//! goes through libpq: `PGUSER`, `PGPASSWORD`, the password file (`PGPASSFILE`, `~/.pgpass`),
//! `PGDATABASE`, `PGAPPNAME`, and `PGSSLMODE`/`PGSSLROOTCERT`/`PGSSLCERT`/`PGSSLKEY` (or the same
//! keys in the member's `conn_kwargs`). TLS is rustls with the aws-lc-rs provider, with libpq's
//! meaning of each `sslmode`.

use crate::actions::{RoleFilter, members_with_role};
use crate::cluster::{Cluster, Member};
use crate::error::{Classify, ErrorKind, error_chain};
use crate::hostport;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::SimpleQueryMessage;
use tokio_postgres::config::SslMode;

/// patronictl's connect timeout for `query`.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// After Ctrl-C: how long the cancel request may take to send, and then how long the query has to
/// end on it.
pub const CANCEL_TIMEOUT: Duration = Duration::from_secs(2);

/// How long describing the SQL for its column types may take; past it, values are text.
const DESCRIBE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("--role and --member are mutually exclusive options")]
    RoleAndMember,
    #[error("Can not find a suitable member")]
    NoSuitableMember,
    #[error("member {member} publishes no connection address (conn_url or conn_kwargs) in the DCS")]
    NoAddress { member: String },
    #[error("{message}")]
    NoConnection { message: String },
    #[error("{detail}")]
    Connect { detail: String, auth: bool },
    #[error("{message} (SQLSTATE {code})")]
    Sql { code: String, message: String },
    #[error("the connection to {member} failed during the query: {detail}")]
    Lost { member: String, detail: String },
    #[error("invalid TLS settings for PostgreSQL: {detail}")]
    Tls { detail: String },
    #[error("interrupted{}", outcome.describe(member))]
    Interrupted { member: String, outcome: Interruption },
}

/// What became of the query on a Ctrl-C: it was asked to stop (`CancelToken`), as psql does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interruption {
    /// Still connecting: no query was sent.
    BeforeQuery,
    /// The server ended the query on the cancel request.
    Cancelled,
    /// The query ended on its own before the cancel request took effect; its result is dropped.
    Finished,
    /// Not known to have ended: the cancel request failed, or the query did not end in time.
    MayStillRun { reason: String },
}

impl Interruption {
    fn describe(&self, member: &str) -> String {
        match self {
            Interruption::BeforeQuery => format!(" while connecting to {member}; no query was sent"),
            Interruption::Cancelled => format!("; the query was cancelled on {member}"),
            Interruption::Finished => format!("; the query had already ended on {member} (its result is not shown)"),
            Interruption::MayStillRun { reason } => format!("; the query may still be running on {member}: {reason}"),
        }
    }
}

impl Classify for QueryError {
    fn kind(&self) -> ErrorKind {
        match self {
            QueryError::RoleAndMember | QueryError::Tls { .. } => ErrorKind::Usage,
            QueryError::NoSuitableMember | QueryError::NoAddress { .. } => ErrorKind::Usage,
            QueryError::Connect { auth: true, .. } => ErrorKind::Usage,
            QueryError::Connect { auth: false, .. } => ErrorKind::Unreachable,
            QueryError::NoConnection { .. } | QueryError::Sql { .. } | QueryError::Lost { .. } => ErrorKind::Failed,
            QueryError::Interrupted { .. } => ErrorKind::Interrupted,
        }
    }
}

impl QueryError {
    /// The text patronictl prints in its one-row result when the query could not run:
    /// `ERROR, SQLSTATE: <code or message>` or `No connection to role replica is available`.
    pub fn patronictl_row(&self) -> String {
        match self {
            QueryError::NoConnection { message } => message.clone(),
            QueryError::Sql { code, .. } => format!("ERROR, SQLSTATE: {code}"),
            other => format!("ERROR, SQLSTATE: {}", other.to_string().replace('\n', " ")),
        }
    }
}

/// `get_any_member`: the member named, else the first (by name) with `role`, else the leader.
pub fn pick_member<'a>(
    cluster: &'a Cluster,
    role: Option<RoleFilter>,
    member: Option<&str>,
) -> Result<&'a Member, QueryError> {
    let role = match (role, member) {
        (Some(_), Some(_)) => return Err(QueryError::RoleAndMember),
        (None, Some(_)) => RoleFilter::Any,
        (role, None) => role.unwrap_or(RoleFilter::Leader),
    };
    members_with_role(cluster, role)
        .into_iter()
        .find(|m| member.is_none_or(|name| m.name == name))
        .ok_or(QueryError::NoSuitableMember)
}

/// `Member.conn_kwargs()`: `host`, `port`, `dbname` (and whatever else the member's
/// `conn_kwargs` holds), from `conn_kwargs` or else parsed from `conn_url`.
pub fn conn_kwargs(member: &Member) -> Option<Map<String, Value>> {
    if let Some(kwargs) = member.non_empty_conn_kwargs() {
        let mut params = Map::new();
        for key in ["host", "port", "dbname"] {
            params.insert(key.into(), Value::Null);
        }
        for (k, v) in kwargs {
            params.insert(k.clone(), v.clone());
        }
        return Some(params);
    }
    let url = member.conn_url.as_deref()?;
    let url = hostport::parse_url(url)?;
    let port = match url.port {
        Some(port) => port.parse::<u16>().ok()?,
        None => 5432,
    };
    let mut params = Map::new();
    params.insert("host".into(), url.host.map_or(Value::Null, Value::String));
    params.insert("port".into(), Value::from(port));
    params.insert("dbname".into(), Value::String(url.path.to_string()));
    Some(params)
}

/// `dsn`'s output: `host=... port=...`, with Python's `str()` of each value.
pub fn dsn_line(member: &Member) -> Result<String, QueryError> {
    let params = conn_kwargs(member).ok_or_else(|| QueryError::NoAddress { member: member.name.clone() })?;
    let text = |k: &str| params.get(k).map_or_else(|| "None".to_string(), crate::dynamic_config::py_str);
    Ok(format!("host={} port={}", text("host"), text("port")))
}

/// What `-U`, `--password` and `-d` gave (patronictl's `connect_parameters`).
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub user: Option<String>,
    pub password: Option<String>,
    pub dbname: Option<String>,
}

/// A query's result: the columns (`None` when the last statement returned no rows, as
/// psycopg's `cursor.description`) and the rows, each value PostgreSQL's text (`None` for NULL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryResult {
    pub columns: Option<Vec<String>>,
    pub rows: Vec<Vec<Option<String>>>,
    /// The columns' kinds when the SQL is one statement that PostgreSQL could describe.
    pub kinds: Option<Vec<ColumnKind>>,
}

/// How psycopg hands a column to patronictl, as far as its output shows it: numbers and
/// booleans as such (`1`, `True`, JSON `1`/`true`), timestamps with a `+HH:MM` offset; every
/// other type as PostgreSQL's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    Float,
    Boolean,
    TimestampTz,
    Text,
}

impl ColumnKind {
    fn of(ty: &tokio_postgres::types::Type) -> ColumnKind {
        use tokio_postgres::types::Type;
        match *ty {
            Type::INT2 | Type::INT4 | Type::INT8 | Type::OID => ColumnKind::Integer,
            Type::FLOAT4 | Type::FLOAT8 => ColumnKind::Float,
            Type::BOOL => ColumnKind::Boolean,
            Type::TIMESTAMPTZ => ColumnKind::TimestampTz,
            _ => ColumnKind::Text,
        }
    }

    /// One value of this kind, from PostgreSQL's text.
    pub fn value(self, text: Option<&str>) -> Value {
        let Some(text) = text else { return Value::Null };
        let typed = match self {
            ColumnKind::Integer => text.parse::<i64>().ok().map(Value::from),
            // NaN and the infinities as Python writes them: JSON has no number for them.
            ColumnKind::Float => match text {
                "NaN" => Some(Value::from("nan")),
                "Infinity" => Some(Value::from("inf")),
                "-Infinity" => Some(Value::from("-inf")),
                _ => text.parse::<f64>().ok().map(Value::from),
            },
            ColumnKind::Boolean => match text {
                "t" => Some(Value::Bool(true)),
                "f" => Some(Value::Bool(false)),
                _ => None,
            },
            ColumnKind::TimestampTz => Some(Value::String(python_offset(text))),
            ColumnKind::Text => None,
        };
        typed.unwrap_or_else(|| Value::String(text.to_string()))
    }
}

/// PostgreSQL writes a whole-hour offset as `+00`; Python's `str(datetime)` as `+00:00`.
fn python_offset(timestamp: &str) -> String {
    let sign = timestamp.rfind(['+', '-']).filter(|&i| i > 10);
    match sign.map(|i| &timestamp[i + 1..]) {
        Some(hours) if hours.len() == 2 && hours.bytes().all(|b| b.is_ascii_digit()) => format!("{timestamp}:00"),
        _ => timestamp.to_string(),
    }
}

impl QueryResult {
    /// The rows as patronictl prints them (see [`ColumnKind`]).
    pub fn values(&self) -> Vec<Vec<Value>> {
        let kind = |i: usize| self.kinds.as_ref().and_then(|k| k.get(i).copied()).unwrap_or(ColumnKind::Text);
        self.rows.iter().map(|row| row.iter().enumerate().map(|(i, v)| kind(i).value(v.as_deref())).collect()).collect()
    }
}

/// The connection settings for one member, resolved as libpq resolves them.
#[derive(Debug, Clone)]
pub struct Target {
    pub member: String,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub dbname: String,
    pub password: Option<String>,
    pub application_name: String,
    pub ssl: SslSettings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SslSettings {
    /// libpq's sslmode: disable, allow, prefer, require, verify-ca, verify-full.
    pub mode: String,
    pub rootcert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// Resolves how to connect to `member`: its address, then `-U`/`-d`/`--password`, then the
/// environment (`env`) and the password file, as libpq does.
pub fn target(member: &Member, options: &ConnectOptions, env: &BTreeMap<String, String>) -> Result<Target, QueryError> {
    let params = conn_kwargs(member).ok_or_else(|| QueryError::NoAddress { member: member.name.clone() })?;
    let get = |k: &str| params.get(k).filter(|v| !v.is_null()).map(crate::dynamic_config::py_str);
    let var = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
    let host = get("host").or_else(|| var("PGHOST")).unwrap_or_else(|| "localhost".into());
    let port = get("port").or_else(|| var("PGPORT")).and_then(|p| p.parse().ok()).unwrap_or(5432);
    let user = options.user.clone().or_else(|| var("PGUSER")).unwrap_or_else(os_user);
    // patronictl drops the member's dbname unless -d is given: libpq's default applies.
    let dbname = options.dbname.clone().or_else(|| var("PGDATABASE")).unwrap_or_else(|| user.clone());
    let password = options.password.clone().or_else(|| var("PGPASSWORD")).or_else(|| {
        let file =
            var("PGPASSFILE").map(PathBuf::from).or_else(|| var("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
        pgpass_lookup(&file, &host, port, &dbname, &user)
    });
    let home = var("HOME").map(PathBuf::from);
    let default_file = |name: &str| home.as_ref().map(|h| h.join(".postgresql").join(name)).filter(|p| p.exists());
    let ssl = SslSettings {
        mode: get("sslmode").or_else(|| var("PGSSLMODE")).unwrap_or_else(|| "prefer".into()),
        rootcert: get("sslrootcert")
            .or_else(|| var("PGSSLROOTCERT"))
            .map(PathBuf::from)
            .or_else(|| default_file("root.crt")),
        cert: get("sslcert").or_else(|| var("PGSSLCERT")).map(PathBuf::from).or_else(|| default_file("postgresql.crt")),
        key: get("sslkey").or_else(|| var("PGSSLKEY")).map(PathBuf::from).or_else(|| default_file("postgresql.key")),
    };
    Ok(Target {
        member: member.name.clone(),
        host,
        port,
        user,
        dbname,
        password,
        application_name: var("PGAPPNAME").unwrap_or_else(|| "Patroni ctl".into()),
        ssl,
    })
}

fn os_user() -> String {
    // SAFETY-free: the name comes from the environment first, as libpq falls back to getpwuid.
    std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "postgres".into())
}

/// The password for a connection from a libpq password file (`host:port:db:user:password`,
/// `*` matching anything); ignored unless only its owner can read it, as libpq does.
pub fn pgpass_lookup(file: &Path, host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let host = if host.starts_with('/') { "localhost" } else { host };
    let port = port.to_string();
    text.lines().filter(|l| !l.trim_start().starts_with('#')).find_map(|line| {
        let fields = split_pgpass(line);
        if fields.len() < 5 {
            return None;
        }
        let matches = |field: &str, value: &str| field == "*" || field == value;
        (matches(&fields[0], host)
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user))
        .then(|| fields[4..].join(":"))
    })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().unwrap().push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// Connects to the target, checks the role (`get_cursor`: a replica must be in recovery, a
/// primary must not), and runs `sql` as one simple query (several statements are allowed; the
/// result is the last statement's).
pub async fn run(
    target: &Target,
    role: Option<RoleFilter>,
    member_named: bool,
    sql: &str,
) -> Result<QueryResult, QueryError> {
    let (client, tls) = tokio::select! {
        biased;
        connected = open(target) => connected?,
        () = crate::interrupt::requested() => {
            return Err(QueryError::Interrupted { member: target.member.clone(), outcome: Interruption::BeforeQuery });
        }
    };
    let session = Session { client: &client, tls, member: &target.member };
    if !member_named && let Some(role) = role.filter(|r| !matches!(r, RoleFilter::Any | RoleFilter::Leader)) {
        let in_recovery = session
            .simple_query("SELECT pg_catalog.pg_is_in_recovery()")
            .await?
            .iter()
            .find_map(|m| match m {
                SimpleQueryMessage::Row(row) => row.get(0).map(|v| v == "t"),
                _ => None,
            })
            .unwrap_or(true);
        let fits = match role {
            RoleFilter::Replica | RoleFilter::Standby | RoleFilter::StandbyLeader => in_recovery,
            RoleFilter::Primary => !in_recovery,
            RoleFilter::Any | RoleFilter::Leader => true,
        };
        if !fits {
            return Err(QueryError::NoConnection {
                message: format!("No connection to role {} is available", role.as_str()),
            });
        }
    }
    // Described first, without running it, for the columns' types (the simple protocol sends
    // only text); SQL of several statements cannot be, and is printed as text.
    let kinds = match tokio::time::timeout(DESCRIBE_TIMEOUT, client.prepare(sql)).await {
        Ok(Ok(statement)) => Some(statement.columns().iter().map(|c| ColumnKind::of(c.type_())).collect()),
        _ => None,
    };
    let messages = session.simple_query(sql).await?;
    let mut result = QueryResult { columns: None, rows: Vec::new(), kinds: None };
    let mut statement_done = false;
    for message in messages {
        match message {
            SimpleQueryMessage::RowDescription(columns) => {
                result = QueryResult {
                    columns: Some(columns.iter().map(|c| c.name().to_string()).collect()),
                    rows: Vec::new(),
                    kinds: kinds.clone().filter(|k: &Vec<ColumnKind>| k.len() == columns.len()),
                };
                statement_done = false;
            }
            SimpleQueryMessage::Row(row) => {
                result.rows.push((0..row.len()).map(|i| row.get(i).map(str::to_string)).collect());
            }
            SimpleQueryMessage::CommandComplete(_) => {
                if statement_done {
                    // A statement without rows after one with rows: the last result has none.
                    result = QueryResult { columns: None, rows: Vec::new(), kinds: None };
                }
                statement_done = true;
            }
            _ => {}
        }
    }
    Ok(result)
}

/// A connection and what a cancel request for it needs.
struct Session<'a> {
    client: &'a tokio_postgres::Client,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    member: &'a str,
}

impl Session<'_> {
    /// `sql` as one simple query; on Ctrl-C the server is asked to cancel it (hactl exiting would
    /// not stop it: PostgreSQL notices a vanished client only when it next writes to it).
    async fn simple_query(&self, sql: &str) -> Result<Vec<SimpleQueryMessage>, QueryError> {
        let query = self.client.simple_query(sql);
        tokio::pin!(query);
        let answer = tokio::select! {
            biased;
            answer = &mut query => return answer.map_err(|e| sql_error(self.member, &e)),
            () = crate::interrupt::requested() => self.cancel(query).await,
        };
        Err(QueryError::Interrupted { member: self.member.to_string(), outcome: answer })
    }

    /// Sends the cancel request over the connection's own TLS settings, then gives the query
    /// [`CANCEL_TIMEOUT`] to end, so that the outcome told is the one seen.
    async fn cancel(
        &self,
        query: impl Future<Output = Result<Vec<SimpleQueryMessage>, tokio_postgres::Error>>,
    ) -> Interruption {
        let token = self.client.cancel_token();
        let may_still_run = |reason: String| Interruption::MayStillRun { reason };
        match tokio::time::timeout(CANCEL_TIMEOUT, token.cancel_query(self.tls.clone())).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return may_still_run(format!("the cancel request failed: {}", error_chain(&e))),
            Err(_) => {
                return may_still_run(format!(
                    "the cancel request failed: no answer within {}s",
                    CANCEL_TIMEOUT.as_secs()
                ));
            }
        }
        match tokio::time::timeout(CANCEL_TIMEOUT, query).await {
            Ok(Err(e)) if e.code() == Some(&tokio_postgres::error::SqlState::QUERY_CANCELED) => Interruption::Cancelled,
            Ok(Ok(_)) => Interruption::Finished,
            Ok(Err(e)) if e.as_db_error().is_some() => Interruption::Finished,
            Ok(Err(e)) => may_still_run(format!("the cancel request was sent, then {}", error_chain(&e))),
            Err(_) => may_still_run(format!(
                "the cancel request was sent, and the query had not ended {}s later",
                CANCEL_TIMEOUT.as_secs()
            )),
        }
    }
}

pub(crate) fn sql_error(member: &str, error: &tokio_postgres::Error) -> QueryError {
    match error.as_db_error() {
        Some(db) => QueryError::Sql { code: db.code().code().to_string(), message: db.message().to_string() },
        None => QueryError::Lost { member: member.to_string(), detail: error_chain(error) },
    }
}

/// A connection to the target, within [`CONNECT_TIMEOUT`], over TLS as its sslmode says.
pub async fn connect(target: &Target) -> Result<tokio_postgres::Client, QueryError> {
    open(target).await.map(|(client, _)| client)
}

/// [`connect`], also returning the TLS connector used, which a cancel request must use too.
async fn open(
    target: &Target,
) -> Result<(tokio_postgres::Client, tokio_postgres_rustls::MakeRustlsConnect), QueryError> {
    let mut config = tokio_postgres::Config::new();
    config
        .host(&target.host)
        .port(target.port)
        .user(&target.user)
        .dbname(&target.dbname)
        .application_name(&target.application_name)
        .connect_timeout(CONNECT_TIMEOUT);
    if let Some(password) = &target.password {
        config.password(password);
    }
    let mode = match target.ssl.mode.as_str() {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" | "verify-ca" | "verify-full" => SslMode::Require,
        other => {
            return Err(QueryError::Tls {
                detail: format!(
                    "invalid sslmode value: \"{other}\" (use disable, allow, prefer, require, verify-ca or verify-full)"
                ),
            });
        }
    };
    config.ssl_mode(mode);
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(client_config(&target.ssl)?);
    let failed = |detail: String, auth: bool| QueryError::Connect {
        detail: format!("connection to server at \"{}\", port {} failed: {detail}", target.host, target.port),
        auth,
    };
    let (client, connection) =
        match tokio::time::timeout(CONNECT_TIMEOUT + Duration::from_secs(1), config.connect(tls.clone())).await {
            Ok(Ok(pair)) => pair,
            Ok(Err(e)) => {
                let auth = e.as_db_error().is_some_and(|db| db.code().code().starts_with("28"));
                let detail = match e.as_db_error() {
                    Some(db) => format!("{}:  {}", db.severity(), db.message()),
                    None => error_chain(&e),
                };
                // The server asked for a password and none was found: configuration, not an outage.
                if target.password.is_none() && detail.contains("password missing") {
                    let hint = "no password supplied: set PGPASSWORD, or add the password to a password file \
                                (PGPASSFILE, ~/.pgpass)";
                    return Err(failed(hint.to_string(), true));
                }
                return Err(failed(detail, auth));
            }
            Err(_) => return Err(failed(format!("timeout expired after {}s", CONNECT_TIMEOUT.as_secs()), false)),
        };
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok((client, tls))
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The rustls configuration for an sslmode, with libpq's meaning: `verify-full` checks the chain
/// and the host name, `verify-ca` the chain only, and `require`/`prefer`/`allow` nothing unless a
/// root certificate is there (libpq then behaves as `verify-ca`).
pub fn client_config(ssl: &SslSettings) -> Result<rustls::ClientConfig, QueryError> {
    let tls = |detail: String| QueryError::Tls { detail };
    let provider = provider();
    let algorithms = provider.signature_verification_algorithms;
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| tls(e.to_string()))?;
    let verify_chain = matches!(ssl.mode.as_str(), "verify-ca" | "verify-full") || ssl.rootcert.is_some();
    let verifier = if verify_chain {
        let roots = root_certs(ssl.rootcert.as_deref(), &ssl.mode)?;
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(roots.iter().cloned());
        let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
            .build()
            .map_err(|e| tls(e.to_string()))?;
        LibpqVerifier { chain: Some(webpki), pinned: roots, check_name: ssl.mode == "verify-full", algorithms }
    } else {
        LibpqVerifier { chain: None, pinned: Vec::new(), check_name: false, algorithms }
    };
    let verifier: Arc<dyn ServerCertVerifier> = Arc::new(verifier);
    let builder = builder.dangerous().with_custom_certificate_verifier(verifier);
    match (&ssl.cert, &ssl.key) {
        (Some(cert), Some(key)) => {
            let certs = CertificateDer::pem_file_iter(cert)
                .and_then(|i| i.collect::<Result<Vec<_>, _>>())
                .map_err(|e| tls(format!("sslcert {}: {e}", cert.display())))?;
            let key = PrivateKeyDer::from_pem_file(key).map_err(|e| tls(format!("sslkey {}: {e}", key.display())))?;
            builder.with_client_auth_cert(certs, key).map_err(|e| tls(e.to_string()))
        }
        _ => Ok(builder.with_no_client_auth()),
    }
}

fn root_certs(rootcert: Option<&Path>, mode: &str) -> Result<Vec<CertificateDer<'static>>, QueryError> {
    match rootcert {
        Some(path) if path == Path::new("system") => Ok(rustls_native_certs::load_native_certs().certs),
        Some(path) => CertificateDer::pem_file_iter(path)
            .and_then(|i| i.collect::<Result<Vec<_>, _>>())
            .map_err(|e| QueryError::Tls { detail: format!("sslrootcert {}: {e}", path.display()) }),
        None => Err(QueryError::Tls {
            detail: format!(
                "sslmode {mode} needs a root certificate: set sslrootcert (PGSSLROOTCERT), or put it in ~/.postgresql/root.crt"
            ),
        }),
    }
}

/// The server certificate check of libpq's sslmodes: with no root certificate, none (encrypted,
/// not authenticated); with one, the chain must lead to it, and for `verify-full` the name must
/// match. As with OpenSSL, a self-signed server certificate that is itself in the root file is
/// trusted (webpki alone would refuse a CA certificate used as the server's).
#[derive(Debug)]
struct LibpqVerifier {
    chain: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    pinned: Vec<CertificateDer<'static>>,
    check_name: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for LibpqVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else { return Ok(ServerCertVerified::assertion()) };
        let error = match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Ok(verified) => return Ok(verified),
            Err(error) => error,
        };
        if self.pinned.iter().any(|root| root.as_ref() == end_entity.as_ref()) {
            if self.check_name {
                let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                rustls::client::verify_server_name(&parsed, server_name)?;
            }
            return Ok(ServerCertVerified::assertion());
        }
        match error {
            rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName | rustls::CertificateError::NotValidForNameContext { .. },
            ) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => Err(other),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::test_cluster;

    fn cluster() -> Cluster {
        test_cluster(
            "demo",
            &[
                ("leader", "pg1"),
                ("members/pg0", r#"{"conn_url":"postgres://127.0.0.1:15432/postgres","role":"replica"}"#),
                ("members/pg1", r#"{"conn_url":"postgres://DB1.example:6432/app","role":"primary"}"#),
                (
                    "members/pg2",
                    r#"{"conn_kwargs":{"host":"10.0.0.3","port":5433,"dbname":"postgres","sslmode":"require"},"role":"replica"}"#,
                ),
                ("members/pg3", r#"{"conn_url":"postgres://[::1]/postgres","role":"replica"}"#),
            ],
        )
    }

    #[test]
    fn members_and_dsns_as_patronictl() {
        let c = cluster();
        assert_eq!(dsn_line(pick_member(&c, None, None).unwrap()).unwrap(), "host=db1.example port=6432");
        assert_eq!(pick_member(&c, Some(RoleFilter::Replica), None).unwrap().name, "pg0");
        assert_eq!(dsn_line(pick_member(&c, None, Some("pg2")).unwrap()).unwrap(), "host=10.0.0.3 port=5433");
        assert_eq!(dsn_line(pick_member(&c, None, Some("pg3")).unwrap()).unwrap(), "host=::1 port=5432");
        assert!(matches!(pick_member(&c, Some(RoleFilter::Replica), Some("pg0")), Err(QueryError::RoleAndMember)));
        assert!(matches!(pick_member(&c, None, Some("pg9")), Err(QueryError::NoSuitableMember)));
        assert!(matches!(pick_member(&c, Some(RoleFilter::StandbyLeader), None), Err(QueryError::NoSuitableMember)));
    }

    #[test]
    fn targets_take_libpq_defaults() {
        let c = cluster();
        let env =
            BTreeMap::from([("PGPASSWORD".to_string(), "s3cret".to_string()), ("USER".to_string(), "ops".to_string())]);
        let t = target(c.members.iter().find(|m| m.name == "pg2").unwrap(), &ConnectOptions::default(), &env).unwrap();
        assert_eq!((t.host.as_str(), t.port, t.password.as_deref()), ("10.0.0.3", 5433, Some("s3cret")));
        assert_eq!(t.ssl.mode, "require", "the member's conn_kwargs sslmode");
        let options = ConnectOptions { user: Some("postgres".into()), dbname: None, password: None };
        let t = target(&c.members[0], &options, &BTreeMap::new()).unwrap();
        assert_eq!((t.user.as_str(), t.dbname.as_str(), t.ssl.mode.as_str()), ("postgres", "postgres", "prefer"));
        assert_eq!(t.application_name, "Patroni ctl");
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "# comment\nother:5432:*:postgres:no\n127.0.0.1:*:*:postgres:pa\\:ss:word\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(pgpass_lookup(&file, "127.0.0.1", 15432, "postgres", "postgres").as_deref(), Some("pa:ss:word"));
        assert_eq!(pgpass_lookup(&file, "127.0.0.1", 15432, "postgres", "alice"), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(
            pgpass_lookup(&file, "127.0.0.1", 15432, "postgres", "postgres"),
            None,
            "readable by others: ignored"
        );
    }

    #[test]
    fn values_are_typed_as_psycopg_hands_them_to_patronictl() {
        use serde_json::json;
        let result = QueryResult {
            columns: Some(["a", "b", "c", "d", "e", "f"].map(String::from).to_vec()),
            rows: vec![
                ["1", "1.5", "t", "2026-12-06 04:27:06.050121+00", "x", "Infinity"]
                    .map(|v| Some(v.to_string()))
                    .to_vec(),
                vec![None, Some("NaN".into()), Some("f".into()), Some("2026-01-01 10:00:00+05:30".into()), None, None],
            ],
            kinds: Some(vec![
                ColumnKind::Integer,
                ColumnKind::Float,
                ColumnKind::Boolean,
                ColumnKind::TimestampTz,
                ColumnKind::Text,
                ColumnKind::Float,
            ]),
        };
        assert_eq!(
            result.values(),
            vec![
                vec![
                    json!(1),
                    json!(1.5),
                    json!(true),
                    json!("2026-12-06 04:27:06.050121+00:00"),
                    json!("x"),
                    json!("inf")
                ],
                vec![
                    Value::Null,
                    json!("nan"),
                    json!(false),
                    json!("2026-01-01 10:00:00+05:30"),
                    Value::Null,
                    Value::Null
                ],
            ]
        );
        // Not described (several statements): PostgreSQL's text, as before.
        let untyped = QueryResult { kinds: None, ..result };
        assert_eq!(untyped.values()[0][0], json!("1"));
    }

    #[test]
    fn interruptions_say_what_became_of_the_query() {
        let line = |outcome| QueryError::Interrupted { member: "pg0".into(), outcome }.to_string();
        assert_eq!(line(Interruption::Cancelled), "interrupted; the query was cancelled on pg0");
        assert_eq!(
            line(Interruption::MayStillRun { reason: "the cancel request failed: no answer within 2s".into() }),
            "interrupted; the query may still be running on pg0: the cancel request failed: no answer within 2s"
        );
        assert_eq!(line(Interruption::BeforeQuery), "interrupted while connecting to pg0; no query was sent");
        let error = QueryError::Interrupted { member: "pg0".into(), outcome: Interruption::Finished };
        assert_eq!(error.kind(), ErrorKind::Interrupted, "exit 130");
    }

    #[test]
    fn tls_configs_build_for_each_mode() {
        for mode in ["disable", "prefer", "require"] {
            let ssl = SslSettings { mode: mode.into(), rootcert: None, cert: None, key: None };
            assert!(client_config(&ssl).is_ok(), "{mode}");
        }
        let ssl = SslSettings { mode: "verify-full".into(), rootcert: None, cert: None, key: None };
        assert!(matches!(client_config(&ssl), Err(QueryError::Tls { .. })));
    }
}
