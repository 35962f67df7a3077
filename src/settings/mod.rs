//! patronictl-compatible settings: which file, which `PATRONI_*` variables and which flags
//! decide the scope, the etcd3 endpoints and how to talk to the Patroni REST APIs.
//!
//! Each rule mirrors a Patroni 4.1 function, named where it is implemented: the file lookup of
//! `ctl.load_config` (`file.rs`), the environment of `Config._build_environment_configuration`
//! (`env.rs`), the parts of `Config._build_effective_configuration` that patronictl sees, `--dcs-url`
//! as `ctl.parse_dcs` reads it (`dcs_url.rs`), the endpoints of `AbstractEtcd.get_etcd_client`
//! (`etcd3.rs`), and the REST client settings of `PatroniRequest.reload_config` (`rest.rs`). Nothing
//! here touches the network; the environment comes in as a map so that every rule is testable.
//! The TLS files are opened here, once (`tls_files.rs`), so that a missing or half-set one is an
//! error naming its variable or key before any connection is tried.
//!
//! This module holds the pipeline: the inputs merged in their order of precedence ([`load`]),
//! with the `Origins` that let an error blame the file or variable behind a key.

mod address;
pub mod contexts;
mod dcs_url;
mod env;
mod etcd3;
mod file;
mod proxies;
mod rest;
mod section;
mod sentinel;
#[cfg(test)]
mod test_support;
mod tls_files;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use yaml_serde::{Mapping, Value};

use crate::error::{Classify, ErrorKind};

pub use etcd3::{EtcdSettings, Scheme};
pub use file::{DEFAULT_CONFIG_PATH, default_config_path};
pub use proxies::{
    DEFAULT_PGBOUNCER_PORT, DEFAULT_PGPOOL_PORT, DEFAULT_READ_BACKEND, DEFAULT_WRITE_BACKEND, HaproxySettings,
    PgbouncerSettings, PgpoolSettings, PoolerSettings,
};
pub use rest::{BasicAuth, RestSettings};
pub use sentinel::{DEFAULT_SENTINEL_PORT, SentinelSettings};

use section::{Section, is_falsy, kind};

/// `AbstractDCS.__init__` falls back to the `service` namespace.
const DEFAULT_NAMESPACE: &str = "/service/";

/// What `load` needs from the command line and the process.
pub struct SettingsInputs<'a> {
    /// `-c/--config-file` (or `PATRONICTL_CONFIG_FILE`); `None` or empty means the default
    /// path, as click ignores an empty variable.
    pub config_file: Option<PathBuf>,
    /// `-d/--dcs-url/--dcs` (or `DCS_URL`); `None` or empty means none.
    pub dcs_url: Option<String>,
    /// `-k/--insecure`.
    pub insecure: bool,
    /// The process environment: `PATRONI_*`, `HOME`, `XDG_CONFIG_HOME`.
    pub env: &'a BTreeMap<String, String>,
    /// The context chosen (`--context`, `HACTL_CONTEXT` or the `current-context`): its file or
    /// keys take the place of the configuration file. Never together with `config_file`.
    pub context: Option<&'a contexts::Context>,
}

/// The resolved configuration: what patronictl would use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The file (or directory of YAML files) actually read; `None` when settings come from the
    /// environment only.
    pub source: Option<PathBuf>,
    pub scope: Option<String>,
    /// As configured (`/service/` by default); see [`Settings::key_prefix`] for the key layout.
    pub namespace: String,
    /// The node name (`name`, else `postgresql.name`), when the file is a node's patroni.yml.
    pub name: Option<String>,
    /// `None` when no DCS is configured at all.
    pub etcd3: Option<EtcdSettings>,
    pub rest: RestSettings,
    /// `citus.group`, when a valid `citus` section exists.
    pub citus_group: Option<i64>,
    pub is_citus: bool,
    /// hactl's own `sentinel` section, for `hactl sentinel`; `None` when absent.
    pub sentinel: Option<SentinelSettings>,
    /// hactl's own `haproxy` section (and `HACTL_HAPROXY_*`); `None`: not configured.
    pub haproxy: Option<HaproxySettings>,
    /// hactl's own `pgbouncer` section (and `HACTL_PGBOUNCER_*`); `None`: not configured.
    pub pgbouncer: Option<PgbouncerSettings>,
    /// hactl's own `pgpool` section (and `HACTL_PGPOOL_*`); `None`: not configured.
    pub pgpool: Option<PgpoolSettings>,
}

impl Settings {
    /// The etcd prefix of one cluster, e.g. `/service/demo/`: `AbstractDCS._base_path`
    /// (`/namespace/scope` with repeated slashes collapsed) plus the trailing slash its readers add.
    pub fn key_prefix(&self, scope: &str) -> String {
        collapse_slashes(&format!("/{}/{scope}", self.namespace)) + "/"
    }

    /// The etcd prefix under which every cluster of the namespace lives, e.g. `/service/`.
    pub fn namespace_prefix(&self) -> String {
        collapse_slashes(&format!("/{}/", self.namespace))
    }
}

/// A password: printed as `******` by both `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("******")
    }
}

/// Why the configuration could not be resolved. Messages are one line and never contain secrets.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// patronictl's own wording, kept for scripts that look for it.
    #[error(
        "Provided config file {} not existing or no read rights. Check the -c/--config-file parameter",
        path.display()
    )]
    MissingFile { path: PathBuf },
    #[error(
        "context {context}: its configuration file {} does not exist or cannot be read; fix its config-file",
        path.display()
    )]
    MissingContextFile { context: String, path: PathBuf },
    #[error(transparent)]
    Contexts(#[from] contexts::ContextsError),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: invalid YAML: {message}", yaml_location(path, *line, *column))]
    Yaml { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{origin}: expected a mapping at the top level, found {found}")]
    NotAMapping { origin: String, found: &'static str },
    /// A key has the wrong type or an unusable value; `key` is dotted, e.g. `etcd3.hosts`, and
    /// empty when `origin` is the variable that set exactly that key (`PATRONI_ETCD3_PORT`).
    #[error("{origin}: {}{message}", key_prefix(key))]
    Invalid { origin: String, key: String, message: String },
    #[error("{origin}: {key} is not supported by hactl: {reason}")]
    Unsupported { origin: String, key: String, reason: &'static str },
    #[error(
        "the configuration uses the {dcs} DCS; hactl talks to etcd through the v3 API only; \
         configure an etcd3 section or use --dcs-url etcd3://host:port"
    )]
    UnsupportedDcs { dcs: String },
    #[error(
        "the configuration has both a {dcs} and an etcd3 section and Patroni uses {dcs}, which hactl \
         does not support; remove the {dcs} section or use --dcs-url etcd3://host:port"
    )]
    DcsShadowsEtcd3 { dcs: String },
    /// `url` has any password replaced by `***`.
    #[error("--dcs-url {url}: {message}")]
    DcsUrl { url: String, message: String },
}

impl Classify for SettingsError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Usage
    }
}

/// `key: `, or nothing when the origin alone names what to fix.
fn key_prefix(key: &str) -> String {
    if key.is_empty() { String::new() } else { format!("{key}: ") }
}

fn yaml_location(path: &Path, line: usize, column: usize) -> String {
    if line == 0 { path.display().to_string() } else { format!("{}:{line}:{column}", path.display()) }
}

/// Resolves the configuration as patronictl does.
///
/// Precedence, highest first:
/// 1. `-d/--dcs-url` replaces every DCS section (consul, etcd, etcd3, exhibitor, zookeeper) with
///    `etcd3: {host: ...}`, dropping the etcd3 TLS files and credentials from the file and the
///    environment, and sets `namespace` when the URL has a path (`ctl.load_config`, `parse_dcs`).
/// 2. `PATRONI_*` variables override the file key by key, nested sections merged
///    (`Config._load_config_file` patches the file with `_build_environment_configuration`).
///    `PATRONI_ETCD3_USERNAME`/`PASSWORD` count only when another `PATRONI_ETCD3_*` variable
///    is set, and a variable set to an empty string is ignored, except for the DCS ones
///    (`PATRONI_ETCD3_HOST=` sets an empty host).
/// 3. The file: `-c`, else the default path ([`default_config_path`]). A missing `-c` file is an
///    error; a missing default file is not.
/// 4. Without a file, `PATRONI_CONFIGURATION` (a whole YAML document) if set, and then no other
///    `PATRONI_*` variable applies (`Config.__init__`); otherwise the `PATRONI_*` variables alone.
///
/// `-k/--insecure` is ORed into `ctl.insecure` (`ctl.ctl`). REST settings prefer the `ctl`
/// section over `restapi` where [`RestSettings`] says so (`PatroniRequest.reload_config`).
pub fn load(inputs: &SettingsInputs) -> Result<Settings, SettingsError> {
    let local = resolve(inputs)?;
    let settings = local.settings(inputs.insecure)?;
    tls_files::check_tls_files(&local.root(), settings)
}

/// The file, the environment and `--dcs-url` merged, before anything is typed or opened.
fn resolve(inputs: &SettingsInputs) -> Result<Local, SettingsError> {
    let mut local = local_configuration(inputs)?;
    if let Some(url) = inputs.dcs_url.as_deref().filter(|url| !url.is_empty()) {
        dcs_url::apply_dcs_url(&mut local, url)?;
    }
    // hactl's own variables, whatever the rest came from (PATRONI_CONFIGURATION included).
    let hactl = proxies::environment(inputs.env);
    file::patch_config(&mut local.config, hactl.config);
    local.origins.overrides.extend(hactl.origins);
    Ok(local)
}

/// The merged configuration before it is typed, with what is needed to blame a key.
struct Local {
    config: Mapping,
    source: Option<PathBuf>,
    origins: Origins,
}

/// Which input set a key, so that an error names the file or the variable to fix.
struct Origins {
    /// The file, `PATRONI_CONFIGURATION`, or the environment as a whole.
    base: String,
    /// Dotted keys set by a variable or by `--dcs-url`, with that origin.
    overrides: Vec<(String, String)>,
}

impl Origins {
    fn of(&self, key: &str) -> &str {
        self.overrides
            .iter()
            .filter(|(set, _)| {
                key.strip_prefix(set.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
            .max_by_key(|(set, _)| set.len())
            .map_or(&self.base, |(_, origin)| origin)
    }

    /// The variable (or `--dcs-url`) that set exactly `key`, if one did: then it alone names
    /// what to fix, and errors name it rather than the key.
    fn setter_of(&self, key: &str) -> Option<&str> {
        self.overrides.iter().rev().find(|(set, _)| set == key).map(|(_, origin)| origin.as_str())
    }
}

/// `ctl.load_config` and `Config.__init__`: the file (or directory) patched with the
/// environment, or `PATRONI_CONFIGURATION`, or the environment alone.
fn local_configuration(inputs: &SettingsInputs) -> Result<Local, SettingsError> {
    if let Some(context) = inputs.context {
        return context_configuration(context, inputs.env);
    }
    if let Some(path) = file::find(inputs.config_file.as_deref(), inputs.env)? {
        let mut config = file::read_config_path(&path)?;
        let environment = env::environment_configuration(inputs.env)?;
        file::patch_config(&mut config, environment.config);
        let origins = Origins { base: path.display().to_string(), overrides: environment.origins };
        return Ok(Local { config, source: Some(path), origins });
    }
    if let Some(document) = inputs.env.get("PATRONI_CONFIGURATION").filter(|text| !text.is_empty()) {
        let origin = "PATRONI_CONFIGURATION";
        match file::parse_yaml(document, Path::new(origin))? {
            Value::Mapping(config) if !config.is_empty() => {
                let origins = Origins { base: origin.to_owned(), overrides: Vec::new() };
                return Ok(Local { config, source: None, origins });
            }
            value if is_falsy(&value) => {}
            other => {
                return Err(SettingsError::NotAMapping { origin: origin.to_owned(), found: kind(&other) });
            }
        }
    }
    let environment = env::environment_configuration(inputs.env)?;
    let origins = Origins { base: "the PATRONI_* environment".to_owned(), overrides: environment.origins };
    Ok(Local { config: environment.config, source: None, origins })
}

/// A context's file or inline keys, its secrets set over them, then the environment as over
/// any file: the same `PATRONI_*` variables count with a context as without.
fn context_configuration(context: &contexts::Context, env: &BTreeMap<String, String>) -> Result<Local, SettingsError> {
    let (mut config, source, base) = match &context.config {
        contexts::ContextConfig::File(path) => {
            if file::find(Some(path), env).is_err() || !path.exists() {
                return Err(SettingsError::MissingContextFile { context: context.name.clone(), path: path.clone() });
            }
            (file::read_config_path(path)?, Some(path.clone()), path.display().to_string())
        }
        contexts::ContextConfig::Inline(config) => (config.clone(), None, format!("context {}", context.name)),
    };
    let mut overrides = Vec::new();
    for (key, secret) in context.read_secrets(env)? {
        contexts::set_dotted(&mut config, &key, Value::String(secret.expose().to_owned()));
        overrides.push((key.clone(), format!("context {}: secret {key}", context.name)));
    }
    let environment = env::environment_configuration(env)?;
    file::patch_config(&mut config, environment.config);
    overrides.extend(environment.origins);
    Ok(Local { config, source, origins: Origins { base, overrides } })
}

impl Local {
    fn root(&self) -> Section<'_> {
        Section::root(&self.config, &self.origins)
    }

    fn settings(&self, insecure_flag: bool) -> Result<Settings, SettingsError> {
        let root = self.root();
        let namespace = match root.value("namespace") {
            None if root.raw("namespace").is_none() => DEFAULT_NAMESPACE.to_owned(),
            Some(Value::String(namespace)) => namespace.clone(),
            _ => return Err(root.bad_value("namespace", "expected a non-empty string".to_owned())),
        };
        // `_build_effective_configuration`: `postgresql.name` stands in for a missing `name`.
        let name = match root.section("postgresql")? {
            Some(postgresql) if root.raw("name").is_none() => postgresql.scalar_text("name")?,
            _ => root.scalar_text("name")?,
        };
        let citus_group = self.citus_group();
        Ok(Settings {
            source: self.source.clone(),
            scope: root.text("scope")?,
            namespace,
            name,
            etcd3: etcd3::etcd3_settings(&root)?,
            rest: rest::rest_settings(&root, insecure_flag)?,
            citus_group,
            is_citus: citus_group.is_some(),
            sentinel: sentinel::sentinel_settings(&root)?,
            haproxy: proxies::haproxy_settings(&root)?,
            pgbouncer: proxies::pgbouncer_settings(&root)?,
            pgpool: proxies::pgpool_settings(&root)?,
        })
    }

    /// `_build_effective_configuration` keeps `citus` only with an integer `group` and a string
    /// `database`; patronictl then treats the cluster as Citus.
    fn citus_group(&self) -> Option<i64> {
        let Some(Value::Mapping(citus)) = self.config.get("citus") else {
            return None;
        };
        match (citus.get("group"), citus.get("database")) {
            (Some(Value::Number(group)), Some(Value::String(_))) => group.as_i64(),
            _ => None,
        }
    }
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::test_support::*;

    #[test]
    fn missing_default_file_leaves_the_environment_alone() {
        let settings =
            load_env(&[("PATRONI_SCOPE", "demo"), ("PATRONI_ETCD3_HOSTS", "10.0.0.1:2379,10.0.0.2")]).unwrap();
        assert_eq!(settings.source, None);
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        assert_eq!(settings.namespace, "/service/");
        assert_eq!(endpoints(&settings), ["10.0.0.1:2379", "10.0.0.2:2379"]);
        assert_eq!(settings.rest, RestSettings::default());
    }

    #[test]
    fn nothing_configured_means_no_dcs() {
        let settings = load_env(&[]).unwrap();
        assert_eq!(settings.etcd3, None);
        assert_eq!(settings.scope, None);
        assert_eq!(settings.name, None);
        assert!(!settings.is_citus);
    }

    const NODE_YML: &str = r#"
scope: batman
namespace: /db/
name: node1
restapi:
  listen: 0.0.0.0:8008
  connect_address: 10.0.0.1:8008
  certfile: /etc/patroni/rest.crt
  keyfile: /etc/patroni/rest.key
  cafile: /etc/patroni/ca.crt
  authentication:
    username: patroni
    password: rest-secret
etcd3:
  hosts:
  - 10.0.0.1:2379
  - 10.0.0.2
  - "[fd00::3]:2380"
  protocol: https
  cacert: /etc/etcd/ca.crt
  cert: /etc/etcd/client.crt
  key: /etc/etcd/client.key
  username: patroni
  password: etcd-secret
citus:
  group: 1
  database: citus
bootstrap:
  dcs:
    ttl: 30
    postgresql:
      parameters: {max_connections: 100}
postgresql:
  listen: 0.0.0.0:5432
  data_dir: /var/lib/postgresql/16/main
  authentication:
    superuser: {username: postgres, password: pg-secret}
tags:
  nofailover: false
watchdog:
  mode: off
"#;

    #[test]
    fn node_patroni_yml_works_as_the_config_file() {
        let settings = load_file(NODE_YML, &[]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("batman"));
        assert_eq!(settings.namespace, "/db/");
        assert_eq!(settings.name.as_deref(), Some("node1"));
        assert_eq!((settings.citus_group, settings.is_citus), (Some(1), true));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["https://10.0.0.1:2379", "https://10.0.0.2:2379", "https://[fd00::3]:2380"]);
        assert_eq!(etcd.cacert, Some(PathBuf::from("/etc/etcd/ca.crt")));
        assert_eq!(etcd.cert, Some(PathBuf::from("/etc/etcd/client.crt")));
        assert_eq!(etcd.key, Some(PathBuf::from("/etc/etcd/client.key")));
        assert_eq!(etcd.username.as_deref(), Some("patroni"));
        assert_eq!(etcd.password.unwrap().expose(), "etcd-secret");
        // The REST client trusts restapi.cafile but never presents the server's own certificate.
        let rest = settings.rest;
        assert_eq!(rest.cacert, Some(PathBuf::from("/etc/patroni/ca.crt")));
        assert_eq!((rest.certfile, rest.keyfile, rest.keyfile_password), (None, None, None));
        let auth = rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("patroni", "rest-secret"));
        assert!(!rest.insecure);
    }

    #[test]
    fn node_name_falls_back_to_postgresql_name() {
        let settings = load_file("postgresql:\n  name: pg1\n", &[]).unwrap();
        assert_eq!(settings.name.as_deref(), Some("pg1"));
        let settings = load_file("name: top\npostgresql:\n  name: pg1\n", &[]).unwrap();
        assert_eq!(settings.name.as_deref(), Some("top"));
    }

    #[test]
    fn patroni_configuration_stands_in_for_a_missing_file_and_silences_the_rest() {
        let document = "scope: fromvar\netcd3:\n  host: v:1\n";
        let settings = load_env(&[("PATRONI_CONFIGURATION", document), ("PATRONI_SCOPE", "ignored")]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("fromvar"));
        assert_eq!(endpoints(&settings), ["v:1"]);
        let settings = load_file("scope: file\n", &[("PATRONI_CONFIGURATION", document)]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("file"));
        let message = error_text(load_env(&[("PATRONI_CONFIGURATION", "scope: [")]));
        assert!(message.starts_with("PATRONI_CONFIGURATION:2:1: invalid YAML: "), "{message}");
    }

    #[test]
    fn citus_needs_an_integer_group_and_a_database() {
        let settings = load_file("citus:\n  group: 0\n  database: citus\n", &[]).unwrap();
        assert_eq!((settings.citus_group, settings.is_citus), (Some(0), true));
        for text in ["citus:\n  group: '1'\n  database: citus\n", "citus:\n  group: 1\n", "citus: {}\n"] {
            let settings = load_file(text, &[]).unwrap();
            assert_eq!((settings.citus_group, settings.is_citus), (None, false), "{text:?}");
        }
        let settings = load_file("citus:\n  group: '1'\n  database: citus\n", &[("PATRONI_CITUS_GROUP", "3")]).unwrap();
        assert_eq!(settings.citus_group, Some(3));
    }

    #[test]
    fn key_prefixes_follow_patroni_base_path() {
        let settings = |namespace: &str| Settings {
            source: None,
            scope: None,
            namespace: namespace.to_owned(),
            name: None,
            etcd3: None,
            rest: RestSettings::default(),
            citus_group: None,
            is_citus: false,
            sentinel: None,
            haproxy: None,
            pgbouncer: None,
            pgpool: None,
        };
        for namespace in ["/service/", "service", "/service", "service/", "//service//"] {
            assert_eq!(settings(namespace).key_prefix("demo"), "/service/demo/", "{namespace}");
            assert_eq!(settings(namespace).namespace_prefix(), "/service/", "{namespace}");
        }
        assert_eq!(settings("/a//b/").key_prefix("demo"), "/a/b/demo/");
        assert_eq!(settings("/").key_prefix("demo"), "/demo/");
        assert_eq!(settings("/").namespace_prefix(), "/");
    }

    #[test]
    fn secrets_never_reach_debug_output_or_errors() {
        let text = "etcd3:\n  host: e\n  username: u\n  password: etcd-pass\nctl:\n  certfile: /c\n  \
                    keyfile_password: key-pass\nrestapi:\n  authentication: {username: r, password: rest-pass}\n";
        let settings = load_file(text, &[]).unwrap();
        let debug = format!("{settings:?} {settings:#?}");
        for secret in ["etcd-pass", "key-pass", "rest-pass"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("******"));
        let password = settings.etcd3.unwrap().password.unwrap();
        assert_eq!(format!("{password} {password:?}"), "****** ******");
        let errors = [
            load_file("etcd3:\n  url: http://u:url-pass@h:x\n", &[]),
            load_file("etcd3:\n  host: e\n  password: [list-pass]\n", &[]),
            load_env_with_dcs("etcd3://u:dcs-pass@h:1:2", &[]),
            load_env(&[("PATRONI_CONFIGURATION", "password: env-pass\n- bad")]),
        ];
        for error in errors {
            let error = error.unwrap_err();
            let text = format!("{error} {error:?}");
            for secret in ["url-pass", "list-pass", "dcs-pass", "env-pass"] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }

    #[test]
    fn empty_flag_values_count_as_absent() {
        let scratch = Scratch::new();
        scratch.default_file("etcd3:\n  host: d\n");
        let env = scratch.env(&[]);
        let settings = load_with(Some(Path::new("")), Some(""), &env).unwrap();
        assert_eq!(endpoints(&settings), ["d:2379"]);
    }
}
