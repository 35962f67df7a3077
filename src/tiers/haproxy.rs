//! The routing tier: HAProxy's statistics, from the stats socket (`show stat`) or the stats page
//! as CSV (`;csv`), parsed into typed rows, to answer which servers are UP behind the write and
//! the read backends. One read, one deadline; parsing is pure ([`parse_stats`]).

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::error::{Classify, ErrorKind, innermost_cause};
use crate::settings::HaproxySettings;

#[derive(Debug, thiserror::Error)]
pub enum HaproxyError {
    #[error("cannot read HAProxy's stats socket {}: {reason}; check that HAProxy runs and haproxy.stats_socket", .path.display())]
    Socket { path: PathBuf, reason: String },
    #[error("cannot read HAProxy's stats page {url}: {reason}; check that HAProxy runs and haproxy.stats_url")]
    Http { url: String, reason: String },
    #[error(
        "HAProxy's stats page {url} refused the credentials (HTTP {status}); check haproxy.username and haproxy.password"
    )]
    Auth { url: String, status: u16 },
    #[error("HAProxy's stats page {url} answered HTTP {status}; check haproxy.stats_url (the stats page's URI)")]
    Status { url: String, status: u16 },
    #[error("HAProxy's stats at {source_name} did not answer within {}s", crate::units::seconds_text(*.waited))]
    Timeout { source_name: String, waited: Duration },
    #[error("no HAProxy stats source: set haproxy.stats_url or haproxy.stats_socket")]
    NoSource,
    #[error("HAProxy's stats at {source_name} are not the CSV of `show stat`: {message}")]
    Parse { source_name: String, message: String },
}

impl Classify for HaproxyError {
    fn kind(&self) -> ErrorKind {
        match self {
            HaproxyError::Socket { .. } | HaproxyError::Http { .. } | HaproxyError::Timeout { .. } => {
                ErrorKind::Unreachable
            }
            HaproxyError::Auth { .. } | HaproxyError::Status { .. } | HaproxyError::NoSource => ErrorKind::Usage,
            HaproxyError::Parse { .. } => ErrorKind::Failed,
        }
    }
}

/// What a row of the statistics describes (`type`: 0 frontend, 1 backend, 2 server, 3 listener).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Frontend,
    Backend,
    Server,
    Listener,
}

/// A server's (or proxy's) `status`, its first word: `UP 1/3` (going down) is still UP, `DOWN 1/2`
/// (coming up) still DOWN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Up,
    Down,
    /// Put in maintenance (`MAINT`, `MAINT (via ...)`, `MAINT (resolution)`).
    Maint,
    Drain,
    Nolb,
    /// A server without health checks.
    NoCheck,
    /// A frontend or listener accepting connections.
    Open,
    Other(String),
}

impl Status {
    fn parse(text: &str) -> Status {
        match text.split_whitespace().next().unwrap_or_default() {
            "UP" => Status::Up,
            "DOWN" => Status::Down,
            "MAINT" => Status::Maint,
            "DRAIN" => Status::Drain,
            "NOLB" => Status::Nolb,
            "no" if text == "no check" => Status::NoCheck,
            "OPEN" => Status::Open,
            _ => Status::Other(text.to_owned()),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Up => "UP",
            Status::Down => "DOWN",
            Status::Maint => "MAINT",
            Status::Drain => "DRAIN",
            Status::Nolb => "NOLB",
            Status::NoCheck => "no check",
            Status::Open => "OPEN",
            Status::Other(text) => text,
        })
    }
}

/// One row of `show stat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRow {
    /// `pxname`: the `listen`, `frontend` or `backend` section.
    pub proxy: String,
    /// `svname`: the server's name, or `FRONTEND`/`BACKEND`.
    pub name: String,
    pub kind: RowKind,
    pub status: Status,
    /// `status` as HAProxy wrote it, e.g. `UP 1/3`.
    pub status_text: String,
    /// `check_status`, e.g. `L7OK`, `L7STS` (a wrong HTTP status), `L4CON` (refused); `None`
    /// when not checked.
    pub check_status: Option<String>,
    /// `check_code`: the HTTP status of the last check, e.g. 200 or 503.
    pub check_code: Option<u16>,
    /// `addr`: the server's `host:port`.
    pub address: Option<String>,
    /// `scur`: current sessions.
    pub current_sessions: u64,
    /// `lastchg`: seconds since the last UP/DOWN change.
    pub last_change_secs: Option<u64>,
}

/// HAProxy's statistics, and where they were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HaproxyStats {
    /// The socket path or the URL (never with credentials).
    pub source: String,
    pub write_backend: String,
    pub read_backend: String,
    pub rows: Vec<StatRow>,
}

impl HaproxyStats {
    /// The servers (not FRONTEND/BACKEND rows) of `proxy`, in configuration order.
    pub fn servers(&self, proxy: &str) -> Vec<&StatRow> {
        self.rows.iter().filter(|r| r.proxy == proxy && r.kind == RowKind::Server).collect()
    }

    /// Whether a proxy named `proxy` exists (a configured backend name that HAProxy lacks is a
    /// misconfiguration, not "no server UP").
    pub fn has_proxy(&self, proxy: &str) -> bool {
        self.rows.iter().any(|r| r.proxy == proxy)
    }

    /// The servers of `proxy` that are UP.
    pub fn up(&self, proxy: &str) -> Vec<&StatRow> {
        self.servers(proxy).into_iter().filter(|r| r.status == Status::Up).collect()
    }

    pub fn write_backend_up(&self) -> Vec<&StatRow> {
        self.up(&self.write_backend)
    }

    pub fn read_backend_up(&self) -> Vec<&StatRow> {
        self.up(&self.read_backend)
    }
}

/// Reads the statistics from `settings.stats_socket`, else `settings.stats_url`, by `deadline`.
pub async fn read_stats(settings: &HaproxySettings, deadline: Instant) -> Result<HaproxyStats, HaproxyError> {
    let started = Instant::now();
    let source = match (&settings.stats_socket, &settings.stats_url) {
        (Some(path), _) => path.display().to_string(),
        (None, Some(url)) => csv_url(url),
        (None, None) => return Err(HaproxyError::NoSource),
    };
    let read = async {
        match &settings.stats_socket {
            Some(path) => read_socket(path).await,
            None => read_http(settings, &source).await,
        }
    };
    let text = match tokio::time::timeout_at(deadline.into(), read).await {
        Ok(text) => text?,
        Err(_) => return Err(HaproxyError::Timeout { source_name: source, waited: started.elapsed() }),
    };
    let rows = parse_stats(&text).map_err(|message| HaproxyError::Parse { source_name: source.clone(), message })?;
    Ok(HaproxyStats {
        source,
        write_backend: settings.write_backend.clone(),
        read_backend: settings.read_backend.clone(),
        rows,
    })
}

/// The stats page's CSV export: its URL with `;csv` (HAProxy's own suffix), kept when present.
fn csv_url(url: &str) -> String {
    if url.ends_with(";csv") { url.to_owned() } else { format!("{url};csv") }
}

async fn read_socket(path: &std::path::Path) -> Result<String, HaproxyError> {
    let failed = |e: std::io::Error| HaproxyError::Socket { path: path.to_owned(), reason: e.to_string() };
    let mut stream = tokio::net::UnixStream::connect(path).await.map_err(failed)?;
    // Without `prompt`, HAProxy answers one command and closes the connection.
    stream.write_all(b"show stat\n").await.map_err(failed)?;
    let mut text = String::new();
    stream.read_to_string(&mut text).await.map_err(failed)?;
    Ok(text)
}

async fn read_http(settings: &HaproxySettings, url: &str) -> Result<String, HaproxyError> {
    let failed = |e: reqwest::Error| HaproxyError::Http {
        url: url.to_owned(),
        reason: innermost_cause(&e).unwrap_or_else(|| e.to_string()),
    };
    let client = reqwest::Client::builder().no_proxy().build().map_err(failed)?;
    let mut request = client.get(url);
    if let Some(user) = &settings.username {
        request = request.basic_auth(user, settings.password.as_ref().map(|p| p.expose()));
    }
    let response = request.send().await.map_err(failed)?;
    let status = response.status().as_u16();
    match status {
        200 => response.text().await.map_err(failed),
        401 | 403 => Err(HaproxyError::Auth { url: url.to_owned(), status }),
        _ => Err(HaproxyError::Status { url: url.to_owned(), status }),
    }
}

/// Parses `show stat` (the same CSV as the stats page's `;csv`): a `# pxname,svname,...` header,
/// then one row per line. Columns are found by name, so that versions adding columns parse alike.
pub fn parse_stats(text: &str) -> Result<Vec<StatRow>, String> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().ok_or("empty answer")?;
    let header =
        header.strip_prefix("# ").ok_or_else(|| format!("no `# pxname,...` header: {}", first_chars(header)))?;
    let columns: Vec<&str> = header.split(',').collect();
    let index = |name: &str| columns.iter().position(|c| *c == name).ok_or(format!("no {name} column"));
    let [pxname, svname, status, kind, scur] = ["pxname", "svname", "status", "type", "scur"].map(index);
    let (pxname, svname, status, kind, scur) = (pxname?, svname?, status?, kind?, scur?);
    let optional = |name: &str| columns.iter().position(|c| *c == name);
    let (check_status, check_code, addr, lastchg) =
        (optional("check_status"), optional("check_code"), optional("addr"), optional("lastchg"));
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let field = |i: Option<usize>| i.and_then(|i| fields.get(i)).map(|f| f.trim()).filter(|f| !f.is_empty());
            let kind = match field(Some(kind)) {
                Some("0") => RowKind::Frontend,
                Some("1") => RowKind::Backend,
                Some("2") => RowKind::Server,
                Some("3") => RowKind::Listener,
                other => return Err(format!("unknown row type {other:?} in: {}", first_chars(line))),
            };
            let status_text = field(Some(status)).unwrap_or_default().to_owned();
            Ok(StatRow {
                proxy: field(Some(pxname)).ok_or_else(|| format!("no pxname in: {}", first_chars(line)))?.to_owned(),
                name: field(Some(svname)).unwrap_or_default().to_owned(),
                kind,
                status: Status::parse(&status_text),
                status_text,
                // A check in progress is marked with a leading `* `.
                check_status: field(check_status).map(|s| s.trim_start_matches("* ").to_owned()),
                check_code: field(check_code).and_then(|c| c.parse().ok()),
                address: field(addr).map(str::to_owned),
                current_sessions: field(Some(scur)).and_then(|s| s.parse().ok()).unwrap_or(0),
                last_change_secs: field(lastchg).and_then(|s| s.parse().ok()),
            })
        })
        .collect()
}

fn first_chars(line: &str) -> String {
    line.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOCKET: &str = include_str!("../../tests/fixtures/haproxy/show_stat.csv");
    const PAGE: &str = include_str!("../../tests/fixtures/haproxy/stats_page.csv");
    const AFTER_SWITCHOVER: &str = include_str!("../../tests/fixtures/haproxy/show_stat_switching.csv");

    fn stats(text: &str) -> HaproxyStats {
        HaproxyStats {
            source: "fixture".into(),
            write_backend: "primary".into(),
            read_backend: "replicas".into(),
            rows: parse_stats(text).unwrap(),
        }
    }

    fn names(rows: Vec<&StatRow>) -> Vec<&str> {
        rows.into_iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn real_show_stat_has_the_leader_up_behind_the_write_backend() {
        // Captured from the lab's HAProxy 2.6 with pg1 the leader.
        let stats = stats(SOCKET);
        assert_eq!(names(stats.write_backend_up()), ["pg1"]);
        assert_eq!(names(stats.read_backend_up()), ["pg0", "pg2"]);
        assert_eq!(names(stats.servers("primary")), ["pg0", "pg1", "pg2"]);
        let pg0 = stats.servers("primary")[0];
        assert_eq!((pg0.kind, &pg0.status), (RowKind::Server, &Status::Down));
        assert_eq!((pg0.check_status.as_deref(), pg0.check_code), (Some("L7STS"), Some(503)));
        assert_eq!(pg0.address.as_deref(), Some("127.0.0.1:17532"));
        assert!(pg0.last_change_secs.is_some());
        let pg1 = stats.servers("primary")[1];
        assert_eq!((pg1.check_status.as_deref(), pg1.check_code), (Some("L7OK"), Some(200)));
        let frontend = stats.rows.iter().find(|r| r.proxy == "primary" && r.name == "FRONTEND").unwrap();
        assert_eq!((frontend.kind, &frontend.status), (RowKind::Frontend, &Status::Open));
        assert!(stats.has_proxy("stats") && !stats.has_proxy("master"));
    }

    #[test]
    fn the_stats_page_csv_parses_as_the_socket_does() {
        let (page, socket) = (stats(PAGE), stats(SOCKET));
        assert_eq!(names(page.write_backend_up()), names(socket.write_backend_up()));
        assert_eq!(names(page.read_backend_up()), names(socket.read_backend_up()));
    }

    #[test]
    fn transitional_states_count_by_their_first_word() {
        assert_eq!(Status::parse("UP 1/2"), Status::Up);
        assert_eq!(Status::parse("DOWN 1/2"), Status::Down);
        assert_eq!(Status::parse("MAINT (via primary/pg0)"), Status::Maint);
        assert_eq!(Status::parse("no check"), Status::NoCheck);
        assert_eq!(Status::parse("UNKNOWN"), Status::Other("UNKNOWN".into()));
        // Captured during a switchover from pg1 to pg0: pg0 is UP already and pg1 not yet DOWN
        // (`UP 1/2`: one failed check of the two that take it down), so both take writes.
        let stats = stats(AFTER_SWITCHOVER);
        assert_eq!(names(stats.write_backend_up()), ["pg0", "pg1"]);
        assert_eq!(stats.servers("primary")[1].status_text, "UP 1/2");
    }

    #[test]
    fn garbage_is_a_parse_error_naming_what_is_wrong() {
        assert!(parse_stats("").unwrap_err().contains("empty"));
        assert!(parse_stats("<html>login</html>").unwrap_err().contains("header"));
        assert!(parse_stats("# pxname,svname\nx,y\n").unwrap_err().contains("no status column"));
        assert_eq!(csv_url("http://h:1/"), "http://h:1/;csv");
        assert_eq!(csv_url("http://h:1/;csv"), "http://h:1/;csv");
    }
}
