//! hactl's own sections for the tiers in front of PostgreSQL: `haproxy` (its stats), `pgbouncer`
//! (the admin console of each PgBouncer) and `pgpool` (`SHOW POOL_NODES`). Patroni has none of
//! them and ignores them. `HACTL_HAPROXY_*`, `HACTL_PGBOUNCER_*` and `HACTL_PGPOOL_*` set their
//! keys, over the file, whatever else the configuration comes from. A tier without a section
//! (and without variables) is `None`: not configured, which is no error.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use super::address::{endpoint, split_host_port};
use super::env::Environment;
use super::section::Section;
use super::{Secret, SettingsError};

/// The write and read backends of the seeds' haproxy.cfg (and of the lab's).
pub const DEFAULT_WRITE_BACKEND: &str = "primary";
pub const DEFAULT_READ_BACKEND: &str = "replicas";
pub const DEFAULT_PGBOUNCER_PORT: u16 = 6432;
pub const DEFAULT_PGPOOL_PORT: u16 = 9999;

/// Where HAProxy's statistics are read: the stats page as CSV, or the stats socket's `show stat`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HaproxySettings {
    /// `http(s)://host:port/path` of the stats page; `;csv` is added when missing.
    pub stats_url: Option<String>,
    /// The stats socket (`stats socket PATH` in haproxy.cfg); preferred when both are set.
    pub stats_socket: Option<PathBuf>,
    /// `stats auth USER:PASSWORD` of the stats page.
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// The proxy (a `listen` or `backend` section) whose servers take writes.
    pub write_backend: String,
    /// The proxy whose servers take reads.
    pub read_backend: String,
    /// A client's libpq DSN through the write frontend, for `--probe haproxy`.
    pub write_dsn: Option<Secret>,
    /// Through the read frontend, for `--probe-ro haproxy`.
    pub read_dsn: Option<Secret>,
}

/// The admin console of a connection pooler (PgBouncer's `pgbouncer` database, or Pgpool-II).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolerSettings {
    /// `host:port`, in configuration order (one per member for PgBouncer).
    pub hosts: Vec<String>,
    pub user: String,
    /// From `password`, or read once from `password_file`.
    pub password: Option<Secret>,
    pub dbname: String,
    /// A client's libpq DSN through the pooler (not its console), for `--probe pgbouncer`.
    pub dsn: Option<Secret>,
}

pub type PgbouncerSettings = PoolerSettings;
pub type PgpoolSettings = PoolerSettings;

const HAPROXY_KEYS: [&str; 8] =
    ["stats_url", "stats_socket", "username", "password", "write_backend", "read_backend", "write_dsn", "read_dsn"];
const POOLER_KEYS: [&str; 6] = ["hosts", "user", "password", "password_file", "dbname", "dsn"];

/// `HACTL_<TIER>_<KEY>` for each key of the three sections, as keys over the file's.
pub(super) fn environment(env: &BTreeMap<String, String>) -> Environment {
    let mut out = Environment::default();
    let sections = [("haproxy", &HAPROXY_KEYS[..]), ("pgbouncer", &POOLER_KEYS[..]), ("pgpool", &POOLER_KEYS[..])];
    for (section, keys) in sections {
        for key in keys {
            let variable = format!("HACTL_{}_{}", section.to_uppercase(), key.to_uppercase());
            out.set_text(env, &variable, &[section, key]);
        }
    }
    out
}

pub(super) fn haproxy_settings(root: &Section) -> Result<Option<HaproxySettings>, SettingsError> {
    let Some(haproxy) = root.section("haproxy")? else {
        return Ok(None);
    };
    let stats_url = haproxy.text("stats_url")?;
    if let Some(url) = &stats_url {
        let parts = super::address::split_url(url).map_err(|message| haproxy.bad_value("stats_url", message))?;
        if !matches!(parts.scheme.as_str(), "http" | "https") || parts.host.is_none() {
            return Err(haproxy.bad_value("stats_url", "expected http(s)://host:port/path of the stats page".into()));
        }
        if parts.username.is_some() || parts.password.is_some() {
            return Err(haproxy.bad_value(
                "stats_url",
                "credentials do not belong in the URL: use haproxy.username and haproxy.password".into(),
            ));
        }
    }
    let stats_socket = haproxy.path("stats_socket")?;
    if stats_url.is_none() && stats_socket.is_none() {
        return Err(haproxy.bad_section("set stats_url (the stats page) or stats_socket (the stats socket)".into()));
    }
    let name = |field: &str, default: &str| Ok::<_, SettingsError>(haproxy.text(field)?.unwrap_or(default.into()));
    Ok(Some(HaproxySettings {
        stats_url,
        stats_socket,
        username: haproxy.scalar_text("username")?,
        password: haproxy.scalar_text("password")?.map(Secret),
        write_backend: name("write_backend", DEFAULT_WRITE_BACKEND)?,
        read_backend: name("read_backend", DEFAULT_READ_BACKEND)?,
        write_dsn: haproxy.scalar_text("write_dsn")?.map(Secret),
        read_dsn: haproxy.scalar_text("read_dsn")?.map(Secret),
    }))
}

pub(super) fn pgbouncer_settings(root: &Section) -> Result<Option<PoolerSettings>, SettingsError> {
    pooler_settings(root, "pgbouncer", DEFAULT_PGBOUNCER_PORT, "pgbouncer", "pgbouncer")
}

pub(super) fn pgpool_settings(root: &Section) -> Result<Option<PoolerSettings>, SettingsError> {
    pooler_settings(root, "pgpool", DEFAULT_PGPOOL_PORT, "postgres", "postgres")
}

fn pooler_settings(
    root: &Section,
    field: &str,
    default_port: u16,
    default_user: &str,
    default_dbname: &str,
) -> Result<Option<PoolerSettings>, SettingsError> {
    let Some(section) = root.section(field)? else {
        return Ok(None);
    };
    let hosts = section
        .host_list("hosts")?
        .into_iter()
        .map(|entry| {
            let (host, port) =
                split_host_port(entry, default_port).map_err(|message| section.bad_value("hosts", message))?;
            Ok(endpoint(&host, port))
        })
        .collect::<Result<Vec<_>, SettingsError>>()?;
    if hosts.is_empty() {
        return Err(section.bad_value("hosts", format!("missing: list the {field} admin consoles as host:port")));
    }
    let password = match (section.scalar_text("password")?, section.path("password_file")?) {
        (Some(password), _) => Some(password),
        (None, Some(path)) => {
            let text = fs::read_to_string(&path)
                .map_err(|e| section.bad_value("password_file", format!("cannot read {}: {e}", path.display())))?;
            Some(text.trim_end_matches(['\n', '\r']).to_owned())
        }
        (None, None) => None,
    };
    Ok(Some(PoolerSettings {
        hosts,
        user: section.scalar_text("user")?.unwrap_or(default_user.into()),
        password: password.map(Secret),
        dbname: section.text("dbname")?.unwrap_or(default_dbname.into()),
        dsn: section.scalar_text("dsn")?.map(Secret),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;

    #[test]
    fn unconfigured_tiers_are_none_not_errors() {
        let settings = load_file("scope: demo\n", &[]).unwrap();
        assert_eq!((settings.haproxy, settings.pgbouncer, settings.pgpool), (None, None, None));
    }

    #[test]
    fn haproxy_section_with_defaults_and_a_redacted_password() {
        let yaml = "haproxy:\n  stats_url: http://127.0.0.1:7000/\n  username: admin\n  password: stats-secret\n";
        let haproxy = load_file(yaml, &[]).unwrap().haproxy.unwrap();
        assert_eq!(haproxy.stats_url.as_deref(), Some("http://127.0.0.1:7000/"));
        assert_eq!((haproxy.write_backend.as_str(), haproxy.read_backend.as_str()), ("primary", "replicas"));
        assert_eq!(haproxy.password.as_ref().map(Secret::expose), Some("stats-secret"));
        assert!(!format!("{haproxy:?}").contains("stats-secret"));
        let socket = load_file("haproxy:\n  stats_socket: /run/haproxy.sock\n  write_backend: master\n", &[]).unwrap();
        let socket = socket.haproxy.unwrap();
        assert_eq!(socket.stats_socket, Some(PathBuf::from("/run/haproxy.sock")));
        assert_eq!(socket.write_backend, "master");
        assert!(socket.write_dsn.is_none() && socket.read_dsn.is_none());
    }

    #[test]
    fn the_probe_dsns_are_secrets() {
        let yaml = "haproxy:\n  stats_socket: /run/h.sock\n  write_dsn: host=h port=5000 password=w-secret\n\
                    pgbouncer:\n  hosts: b\n  dsn: host=b port=6432 dbname=app\n";
        let env = [("HACTL_HAPROXY_READ_DSN", "host=h port=5001 password=r-secret")];
        let settings = load_file(yaml, &env).unwrap();
        let haproxy = settings.haproxy.unwrap();
        assert_eq!(haproxy.write_dsn.as_ref().map(Secret::expose), Some("host=h port=5000 password=w-secret"));
        assert_eq!(haproxy.read_dsn.as_ref().map(Secret::expose), Some("host=h port=5001 password=r-secret"));
        assert!(!format!("{haproxy:?}").contains("secret"));
        assert_eq!(settings.pgbouncer.unwrap().dsn.as_ref().map(Secret::expose), Some("host=b port=6432 dbname=app"));
    }

    #[test]
    fn hactl_variables_set_the_sections_over_the_file() {
        let env = [
            ("HACTL_HAPROXY_STATS_SOCKET", "/tmp/h.sock"),
            ("HACTL_PGBOUNCER_HOSTS", "10.0.0.1,10.0.0.2:6433"),
            ("HACTL_PGBOUNCER_PASSWORD", "bouncer-secret"),
            ("HACTL_PGPOOL_HOSTS", "pool"),
        ];
        let settings = load_file("pgbouncer:\n  hosts: other\n  user: admin\n", &env).unwrap();
        assert_eq!(settings.haproxy.unwrap().stats_socket, Some(PathBuf::from("/tmp/h.sock")));
        let pgbouncer = settings.pgbouncer.unwrap();
        assert_eq!(pgbouncer.hosts, ["10.0.0.1:6432", "10.0.0.2:6433"]);
        assert_eq!((pgbouncer.user.as_str(), pgbouncer.dbname.as_str()), ("admin", "pgbouncer"));
        assert_eq!(pgbouncer.password.unwrap().expose(), "bouncer-secret");
        let pgpool = settings.pgpool.unwrap();
        assert_eq!(
            (pgpool.hosts, pgpool.user, pgpool.dbname),
            (vec!["pool:9999".to_string()], "postgres".into(), "postgres".into())
        );
        // Without a file, the variables alone.
        let alone = load_env(&[("HACTL_HAPROXY_STATS_URL", "https://h:8404/stats")]).unwrap();
        assert_eq!(alone.haproxy.unwrap().stats_url.as_deref(), Some("https://h:8404/stats"));
    }

    #[test]
    fn password_file_is_read_once() {
        let scratch = Scratch::new();
        let path = scratch.write("pw", "file-secret\n");
        let yaml = format!("pgbouncer:\n  hosts: a\n  password_file: {}\n", path.display());
        let pgbouncer = load_file(&yaml, &[]).unwrap().pgbouncer.unwrap();
        assert_eq!(pgbouncer.password.unwrap().expose(), "file-secret");
        let missing = error_text(load_file("pgbouncer:\n  hosts: a\n  password_file: /nonexistent/pw\n", &[]));
        assert!(missing.contains("pgbouncer.password_file: cannot read /nonexistent/pw"), "{missing}");
    }

    #[test]
    fn bad_sections_name_the_key_or_variable_and_never_the_password() {
        let text = |yaml: &str, env: &[(&str, &str)]| error_text(load_file(yaml, env));
        assert!(text("haproxy:\n  username: a\n", &[]).contains(": haproxy: set stats_url"));
        assert!(text("haproxy:\n  stats_url: ftp://h/\n", &[]).contains(": haproxy.stats_url: expected http(s)://"));
        let creds = text("haproxy:\n  stats_url: http://u:url-secret@h/\n", &[]);
        assert!(creds.contains("use haproxy.username") && !creds.contains("url-secret"), "{creds}");
        assert!(text("pgbouncer:\n  user: a\n", &[]).contains(": pgbouncer.hosts: missing"));
        let variable =
            text("scope: x\n", &[("HACTL_PGBOUNCER_HOSTS", "a:0"), ("HACTL_PGBOUNCER_PASSWORD", "pw-secret")]);
        assert!(variable.starts_with("HACTL_PGBOUNCER_HOSTS: "), "{variable}");
        assert!(!variable.contains("pw-secret"));
    }
}
