//! patronictl-compatible configuration: which file, which `PATRONI_*` variables and which flags
//! decide the scope, the etcd3 endpoints and how to talk to the Patroni REST APIs.
//!
//! Each rule mirrors a Patroni 4.1 function, named where it is implemented: the file lookup of
//! `ctl.load_config`, the environment of `Config._build_environment_configuration`, the parts of
//! `Config._build_effective_configuration` that patronictl sees, `--dcs-url` as `ctl.parse_dcs`
//! reads it, the endpoints of `AbstractEtcd.get_etcd_client`, and the REST client settings of
//! `PatroniRequest.reload_config`. Nothing here touches the network; the environment comes in as
//! a map so that every rule is testable. The TLS files are opened here, once, so that a missing
//! or half-set one is an error naming its variable or key before any connection is tried.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use yaml_serde::{Mapping, Value};

use crate::error::{Classify, ErrorKind};

/// patronictl's default configuration file, as documented; [`default_config_path`] resolves it.
pub const DEFAULT_CONFIG_PATH: &str = "~/.config/patroni/patronictl.yaml";

/// `AbstractDCS.__init__` falls back to the `service` namespace.
const DEFAULT_NAMESPACE: &str = "/service/";
const DEFAULT_ETCD_PORT: u16 = 2379;

/// How much of a TLS file is read when checking it: certificates and keys take a few KiB.
const TLS_FILE_LIMIT: u64 = 1 << 20;

/// The DCS sections in the order `dcs.get_dcs` tries them (its modules, sorted by name): the
/// first one present in the configuration is the one Patroni and patronictl use.
const DCS_SECTIONS: [&str; 7] = ["consul", "etcd", "etcd3", "exhibitor", "kubernetes", "raft", "zookeeper"];

/// `ctl.DCS_DEFAULTS`: the schemes `--dcs-url` accepts, in order, with their default ports.
const DCS_URL_SCHEMES: [(&str, u16); 5] =
    [("zookeeper", 2181), ("exhibitor", 8181), ("consul", 8500), ("etcd", 2379), ("etcd3", 2379)];

/// The suffixes `Config._build_environment_configuration` accepts in `PATRONI_<SECTION>_<SUFFIX>`.
const DCS_ENV_SUFFIXES: [&str; 42] = [
    "HOST",
    "HOSTS",
    "PORT",
    "USE_PROXIES",
    "PROTOCOL",
    "SRV",
    "SRV_SUFFIX",
    "URL",
    "PROXY",
    "CACERT",
    "CERT",
    "KEY",
    "VERIFY",
    "TOKEN",
    "CHECKS",
    "DC",
    "CONSISTENCY",
    "REGISTER_SERVICE",
    "SERVICE_CHECK_INTERVAL",
    "SERVICE_CHECK_TLS_SERVER_NAME",
    "SERVICE_TAGS",
    "NAMESPACE",
    "CONTEXT",
    "USE_ENDPOINTS",
    "SCOPE_LABEL",
    "ROLE_LABEL",
    "POD_IP",
    "PORTS",
    "LABELS",
    "BYPASS_API_SERVICE",
    "RETRIABLE_HTTP_CODES",
    "KEY_PASSWORD",
    "USE_SSL",
    "SET_ACLS",
    "GROUP",
    "DATABASE",
    "LEADER_LABEL_VALUE",
    "FOLLOWER_LABEL_VALUE",
    "STANDBY_LEADER_LABEL_VALUE",
    "TMP_ROLE_LABEL",
    "AUTH_DATA",
    "BOOTSTRAP_LABELS",
];

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

/// How to reach etcd through its v3 API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtcdSettings {
    /// `host:port` (IPv6 hosts in brackets), in configuration order.
    pub endpoints: Vec<String>,
    /// `http` unless `protocol` or the `url` scheme says otherwise: Patroni does not switch to
    /// https because TLS files are configured.
    pub protocol: Scheme,
    pub cacert: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    /// Set exactly when `cert` is: `key`, else the `cert` file itself, which then holds the key
    /// too (`ssl.load_cert_chain` reads both from one file when no key file is given).
    pub key: Option<PathBuf>,
    /// Set only together with `password`: python-etcd authenticates only when it has both.
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Set when a host came without a port and none was configured, so that 2379 was assumed
    /// (as Patroni does): which variable or key, for the error when etcd cannot be reached there.
    pub assumed_port: Option<String>,
}

impl EtcdSettings {
    /// The endpoints as URLs, e.g. `http://127.0.0.1:2379`.
    pub fn urls(&self) -> Vec<String> {
        self.endpoints.iter().map(|endpoint| format!("{}://{endpoint}", self.protocol.as_str())).collect()
    }
}

/// The port of a Sentinel address given without one.
pub const DEFAULT_SENTINEL_PORT: u16 = 26379;

/// How to reach the Redis Sentinels: the `sentinel` section, which is hactl's own (Patroni has
/// none and ignores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentinelSettings {
    /// `host:port` (IPv6 hosts in brackets), in configuration order; may be empty when the
    /// Sentinels come from `--sentinel` or `HACTL_SENTINELS`.
    pub hosts: Vec<String>,
    /// The Sentinels' `requirepass`.
    pub password: Option<Secret>,
    /// TLS: `tls: true`, or implied by `cacert` or `cert`.
    pub tls: bool,
    pub cacert: Option<PathBuf>,
    /// A client certificate, always with `key`.
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
}

/// How to talk to the Patroni REST APIs, as `PatroniRequest.reload_config` decides it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestSettings {
    /// Skip server certificate checks. With a client certificate (`certfile`) Patroni still
    /// verifies the chain and only skips the host name check.
    pub insecure: bool,
    /// `ctl.cacert`, else `restapi.cafile`.
    pub cacert: Option<PathBuf>,
    /// `ctl.certfile` only: `restapi.certfile` is the server's certificate, never sent.
    pub certfile: Option<PathBuf>,
    /// `ctl.keyfile`, only with `certfile`.
    pub keyfile: Option<PathBuf>,
    /// `ctl.keyfile_password`, only with `certfile`.
    pub keyfile_password: Option<Secret>,
    /// `ctl.authentication`, else `restapi.authentication`.
    pub auth: Option<BasicAuth>,
    /// A CA, certificate or key file above that cannot be used, found while loading: reported
    /// (exit 2) when an agent is first needed. patronictl opens these files only then, so a
    /// command that only reads etcd (`list`) works without them.
    pub file_problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicAuth {
    pub username: String,
    pub password: Secret,
}

/// A password: printed as `******` by both `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
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

/// Where patronictl looks when `-c` is not given: `click.get_app_dir('patroni')`, which uses
/// `$XDG_CONFIG_HOME/patroni` when that variable is set and `~/.config/patroni` otherwise.
/// `None` when neither `XDG_CONFIG_HOME` nor `HOME` is set.
pub fn default_config_path(env: &BTreeMap<String, String>) -> Option<PathBuf> {
    let config_home = match env.get("XDG_CONFIG_HOME") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env.get("HOME")?).join(".config"),
    };
    Some(config_home.join("patroni").join("patronictl.yaml"))
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
    local.check_tls_files(settings)
}

/// The file, the environment and `--dcs-url` merged, before anything is typed or opened.
fn resolve(inputs: &SettingsInputs) -> Result<Local, SettingsError> {
    let mut local = local_configuration(inputs)?;
    if let Some(url) = inputs.dcs_url.as_deref().filter(|url| !url.is_empty()) {
        apply_dcs_url(&mut local, url)?;
    }
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
    let default_path = default_config_path(inputs.env);
    let explicit_path = inputs.config_file.clone().filter(|path| !path.as_os_str().is_empty());
    if let Some(path) = &explicit_path
        && Some(path) != default_path.as_ref()
        && !is_readable(path)
    {
        return Err(SettingsError::MissingFile { path: path.clone() });
    }
    let path = explicit_path.or(default_path).filter(|path| path.exists());
    if let Some(path) = path {
        let mut config = read_config_path(&path)?;
        let environment = environment_configuration(inputs.env)?;
        patch_config(&mut config, environment.config);
        let origins = Origins { base: path.display().to_string(), overrides: environment.origins };
        return Ok(Local { config, source: Some(path), origins });
    }
    if let Some(document) = inputs.env.get("PATRONI_CONFIGURATION").filter(|text| !text.is_empty()) {
        let origin = "PATRONI_CONFIGURATION";
        match parse_yaml(document, Path::new(origin))? {
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
    let environment = environment_configuration(inputs.env)?;
    let origins = Origins { base: "the PATRONI_* environment".to_owned(), overrides: environment.origins };
    Ok(Local { config: environment.config, source: None, origins })
}

/// `os.access(path, os.R_OK)`, by trying to read.
fn is_readable(path: &Path) -> bool {
    if path.is_dir() { fs::read_dir(path).is_ok() } else { fs::File::open(path).is_ok() }
}

/// `Config._load_config_path`: one YAML file, or every `*.yml`/`*.yaml` file of a directory
/// in name order, each patched over the previous ones.
fn read_config_path(path: &Path) -> Result<Mapping, SettingsError> {
    let read_error = |source| SettingsError::Read { path: path.to_owned(), source };
    let files = if path.is_dir() {
        let mut files = Vec::new();
        for entry in fs::read_dir(path).map_err(read_error)? {
            let file = entry.map_err(read_error)?.path();
            let is_yaml = file.extension().is_some_and(|ext| ext == "yml" || ext == "yaml");
            if is_yaml && file.is_file() {
                files.push(file);
            }
        }
        files.sort();
        files
    } else {
        vec![path.to_owned()]
    };
    let mut merged = Mapping::new();
    for file in files {
        let text = fs::read_to_string(&file).map_err(|source| SettingsError::Read { path: file.clone(), source })?;
        match parse_yaml(&text, &file)? {
            Value::Mapping(config) => patch_config(&mut merged, config),
            other => {
                return Err(SettingsError::NotAMapping { origin: file.display().to_string(), found: kind(&other) });
            }
        }
    }
    Ok(merged)
}

/// Parses one YAML document, applying `<<` merge keys as PyYAML's `safe_load` does.
fn parse_yaml(text: &str, origin: &Path) -> Result<Value, SettingsError> {
    let yaml_error = |error: yaml_serde::Error| {
        let (line, column) = error.location().map_or((0, 0), |at| (at.line(), at.column()));
        SettingsError::Yaml { path: origin.to_owned(), line, column, message: without_locations(&error.to_string()) }
    };
    let mut value: Value = yaml_serde::from_str(text).map_err(yaml_error)?;
    value.apply_merge().map_err(yaml_error)?;
    Ok(value)
}

/// Drops the ` at line L column C` parts of a YAML error, which `SettingsError::Yaml` shows as a prefix.
fn without_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at ".len()..];
        let skipped = skip_location(after);
        if skipped.len() == after.len() {
            out.push_str(" at ");
        }
        rest = skipped;
    }
    out.push_str(rest);
    out
}

/// `line 3 column 5...` or `position 12...` → what follows it; anything else unchanged.
fn skip_location(text: &str) -> &str {
    let skip_number = |text: &'static str, input: &str| -> Option<usize> {
        let digits = input.strip_prefix(text)?;
        let count = digits.bytes().take_while(u8::is_ascii_digit).count();
        (count > 0).then_some(text.len() + count)
    };
    if let Some(line) = skip_number("line ", text)
        && let Some(column) = skip_number(" column ", &text[line..])
    {
        return &text[line + column..];
    }
    skip_number("position ", text).map_or(text, |end| &text[end..])
}

/// `utils.patch_config`: `data` overrides `config` key by key, nested mappings merged, nulls delete.
fn patch_config(config: &mut Mapping, data: Mapping) {
    for (key, value) in data {
        match (value, config.get_mut(&key)) {
            (Value::Null, _) => {
                config.remove(&key);
            }
            (Value::Mapping(data), Some(Value::Mapping(existing))) => patch_config(existing, data),
            (value, _) => {
                config.insert(key, value);
            }
        }
    }
}

/// The `PATRONI_*` variables nested as `Config._build_environment_configuration` nests them,
/// limited to what patronictl's DCS and REST clients read.
#[derive(Default)]
struct Environment {
    config: Mapping,
    /// (dotted key, variable) for each value set.
    origins: Vec<(String, String)>,
}

impl Environment {
    fn set(&mut self, path: &[&str], value: Value, variable: &str) {
        insert_at(&mut self.config, path, value);
        self.origins.push((path.join("."), variable.to_owned()));
    }

    /// `_popenv`-style: the variable counts only when non-empty.
    fn set_text(&mut self, env: &BTreeMap<String, String>, variable: &str, path: &[&str]) {
        if let Some(value) = env.get(variable).filter(|value| !value.is_empty()) {
            self.set(path, value.as_str().into(), variable);
        }
    }
}

fn insert_at(map: &mut Mapping, path: &[&str], value: Value) {
    match path {
        [] => {}
        [key] => {
            map.insert((*key).into(), value);
        }
        [key, rest @ ..] => {
            let mut child = match map.remove(*key) {
                Some(Value::Mapping(child)) => child,
                _ => Mapping::new(),
            };
            insert_at(&mut child, rest, value);
            map.insert((*key).into(), child.into());
        }
    }
}

fn environment_configuration(env: &BTreeMap<String, String>) -> Result<Environment, SettingsError> {
    let mut out = Environment::default();
    let variable = |parts: &[&str]| format!("PATRONI_{}", parts.join("_").to_uppercase());
    for key in ["name", "namespace", "scope"] {
        out.set_text(env, &variable(&[key]), &[key]);
    }
    out.set_text(env, "PATRONI_RESTAPI_CAFILE", &["restapi", "cafile"]);
    for key in ["cacert", "certfile", "keyfile", "keyfile_password"] {
        out.set_text(env, &variable(&["ctl", key]), &["ctl", key]);
    }
    // Kept as text, which `Section::flag` parses as `utils.parse_bool` does. Patroni drops a
    // value it cannot parse; hactl refuses it, so that `PATRONI_CTL_INSECURE=maybe` is not
    // silently a secure connection.
    out.set_text(env, "PATRONI_CTL_INSECURE", &["ctl", "insecure"]);
    for section in ["ctl", "restapi"] {
        for key in ["username", "password"] {
            out.set_text(env, &variable(&[section, key]), &[section, "authentication", key]);
        }
    }
    // `raft` variables matter only because they create a `raft` DCS section.
    for key in ["data_dir", "self_addr", "partner_addrs", "password", "bind_addr"] {
        out.set_text(env, &variable(&["raft", key]), &["raft", key]);
    }
    // PATRONI_<SECTION>_<SUFFIX>: DCS settings and `citus`, empty values included.
    for (variable, value) in env {
        let Some((section, suffix)) = variable.strip_prefix("PATRONI_").and_then(|rest| rest.split_once('_')) else {
            continue;
        };
        let section = section.to_lowercase();
        if !DCS_ENV_SUFFIXES.contains(&suffix) || !(DCS_SECTIONS.contains(&section.as_str()) || section == "citus") {
            continue;
        }
        // A `PATRONI_CITUS_GROUP` that `parse_int` rejects is dropped, as Patroni does; a port
        // it rejects is kept as text, for `Section::port` to refuse rather than silently use 2379.
        let value = match (section.as_str(), suffix) {
            ("citus", "GROUP") => value.trim().parse::<i64>().ok().map(Value::from),
            ("citus", "DATABASE") => Some(value.as_str().into()),
            ("citus", _) => None,
            (_, "PORT") if !value.is_empty() => {
                Some(value.trim().parse::<i64>().map_or_else(|_| value.as_str().into(), Value::from))
            }
            (_, "HOSTS") if !value.is_empty() => Some(parse_env_list(variable, value)?),
            _ => Some(value.as_str().into()),
        };
        if let Some(value) = value {
            out.set(&[&section, &suffix.to_lowercase()], value, variable);
        }
    }
    // Credentials join an etcd section only when another variable created it.
    for section in ["etcd", "etcd3"] {
        if out.config.contains_key(section) {
            for key in ["username", "password"] {
                out.set_text(env, &variable(&[section, key]), &[section, key]);
            }
        }
    }
    Ok(out)
}

/// `_parse_list`: a YAML list, with the brackets optional (`a:2379,b:2379`).
fn parse_env_list(variable: &str, value: &str) -> Result<Value, SettingsError> {
    let text =
        if value.trim().starts_with('-') || value.contains('[') { value.to_owned() } else { format!("[{value}]") };
    yaml_serde::from_str(&text).map_err(|error| SettingsError::Invalid {
        origin: variable.to_owned(),
        key: String::new(),
        message: format!("not a YAML list: {}", without_locations(&error.to_string())),
    })
}

/// `utils.parse_bool`.
fn parse_bool(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// `ctl.parse_dcs` as applied by `ctl.load_config`.
fn apply_dcs_url(local: &mut Local, raw: &str) -> Result<(), SettingsError> {
    let target = parse_dcs_url(raw)?;
    for (section, _) in DCS_URL_SCHEMES {
        local.config.remove(section);
    }
    let mut etcd3 = Mapping::new();
    etcd3.insert("host".into(), format!("{}:{}", target.host, target.port).into());
    local.config.insert("etcd3".into(), etcd3.into());
    let origins = &mut local.origins.overrides;
    origins.retain(|(key, _)| key != "etcd3" && !key.starts_with("etcd3."));
    origins.push(("etcd3".to_owned(), "--dcs-url".to_owned()));
    if let Some(namespace) = target.namespace {
        local.config.insert("namespace".into(), namespace.into());
        origins.push(("namespace".to_owned(), "--dcs-url".to_owned()));
    }
    Ok(())
}

struct DcsTarget {
    host: String,
    port: u16,
    namespace: Option<String>,
}

fn parse_dcs_url(raw: &str) -> Result<DcsTarget, SettingsError> {
    let error = |message: String| SettingsError::DcsUrl { url: redact_password(raw), message };
    // Without `//` the whole value is the network location.
    let url = if raw.contains("//") { raw.to_owned() } else { format!("//{raw}") };
    let parts = split_url(&url).map_err(error)?;
    if parts.scheme.is_empty() {
        // patronictl picks the scheme whose default port matches, else etcd.
        let guessed =
            DCS_URL_SCHEMES.iter().find(|(_, port)| Some(*port) == parts.port).map_or("etcd", |(name, _)| name);
        return Err(error(format!(
            "without a scheme patronictl reads this as {guessed}://; hactl talks to etcd through the v3 API \
             only: use etcd3://{}",
            redact_password(raw.trim_start_matches('/'))
        )));
    }
    match parts.scheme.as_str() {
        "etcd3" => {}
        "etcd" => {
            return Err(error("etcd:// is the etcd v2 API, which hactl does not support: use etcd3://".to_owned()));
        }
        scheme if DCS_URL_SCHEMES.iter().any(|(name, _)| *name == scheme) => {
            return Err(error(format!(
                "{scheme} is not supported: hactl talks to etcd through the v3 API only; use etcd3://"
            )));
        }
        scheme => return Err(error(format!("Unknown dcs scheme: {scheme}"))),
    }
    let path = parts.path.trim();
    Ok(DcsTarget {
        host: parts.host.unwrap_or_else(|| "localhost".to_owned()),
        port: parts.port.filter(|port| *port != 0).unwrap_or(DEFAULT_ETCD_PORT),
        namespace: (!path.is_empty() && path != "/").then(|| path.to_owned()),
    })
}

/// The pieces of a URL as Python's `urllib.parse.urlsplit` finds them.
struct UrlParts {
    /// Lowercased; empty when there is none.
    scheme: String,
    username: Option<String>,
    password: Option<String>,
    /// Lowercased, without IPv6 brackets; `None` when empty.
    host: Option<String>,
    port: Option<u16>,
    path: String,
}

fn split_url(url: &str) -> Result<UrlParts, String> {
    let url = url.trim_start();
    let (scheme, rest) = match url.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            (scheme.to_ascii_lowercase(), rest)
        }
        _ => (String::new(), url),
    };
    let (netloc, path) = match rest.strip_prefix("//") {
        Some(rest) => rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len())),
        None => ("", rest),
    };
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let (userinfo, hostinfo) = match netloc.rsplit_once('@') {
        Some((userinfo, hostinfo)) => (Some(userinfo), hostinfo),
        None => (None, netloc),
    };
    let (username, password) = match userinfo {
        Some(userinfo) => match userinfo.split_once(':') {
            Some((username, password)) => (Some(username.to_owned()), Some(password.to_owned())),
            None => (Some(userinfo.to_owned()), None),
        },
        None => (None, None),
    };
    let (host, port) = match hostinfo.split_once('[') {
        Some((_, bracketed)) => {
            let (host, after) = bracketed.split_once(']').ok_or("invalid IPv6 host")?;
            (host, after.split_once(':').map_or("", |(_, port)| port))
        }
        None => hostinfo.split_once(':').unwrap_or((hostinfo, "")),
    };
    let port = match port {
        "" => None,
        digits if digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse::<u16>().map_err(|_| format!("port {digits} is out of range 0-65535"))?)
        }
        _ => return Err("the port is not a number".to_owned()),
    };
    Ok(UrlParts {
        scheme,
        username,
        password,
        host: (!host.is_empty()).then(|| host.to_lowercase()),
        port,
        path: path.to_owned(),
    })
}

/// `scheme://user:secret@host` → `scheme://user:***@host`, so that errors can quote URLs.
fn redact_password(url: &str) -> String {
    let start = url.find("//").map_or(0, |at| at + 2);
    let netloc_end = url[start..].find(['/', '?', '#']).map_or(url.len(), |end| start + end);
    match url[start..netloc_end].rfind('@') {
        Some(at) => match url[start..start + at].split_once(':') {
            Some((username, _)) => format!("{}{username}:***{}", &url[..start], &url[start + at..]),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl Local {
    fn root(&self) -> Section<'_> {
        Section { key: String::new(), map: Some(&self.config), origins: &self.origins }
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
            etcd3: self.etcd3(&root)?,
            rest: rest_settings(&root, insecure_flag)?,
            citus_group,
            is_citus: citus_group.is_some(),
            sentinel: sentinel_settings(&root)?,
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

    /// Opens every TLS file the etcd and REST clients would use, before any connection: a file
    /// that is missing or unreadable, a CA file without a certificate, a client certificate
    /// without its key (in the key file, or in the certificate file when no key file is set) or a
    /// key without its certificate is an error naming the variable or key that set it. Patroni
    /// would fail on the first three only when it connects, and ignores a key without a
    /// certificate; hactl refuses the last one too, as a half-set configuration.
    ///
    /// `restapi.certfile` and `restapi.keyfile` are the agent's own server certificate, which
    /// patronictl never reads, and are not checked.
    fn check_tls_files(&self, mut settings: Settings) -> Result<Settings, SettingsError> {
        let root = self.root();
        // Over plain http the etcd TLS files are never opened (Patroni does not switch to https
        // because they are set), so a file that patronictl would accept unused is no error.
        if let Some(etcd) = settings.etcd3.as_mut().filter(|etcd| etcd.protocol == Scheme::Https) {
            let etcd3 = root.section_or_empty("etcd3")?;
            etcd3.check_ca_file("cacert")?;
            etcd.key = etcd3.check_client_identity("cert", "key")?;
        }
        let rest_files = || -> Result<(), SettingsError> {
            let ctl = root.section_or_empty("ctl")?;
            if ctl.path("cacert")?.is_some() {
                ctl.check_ca_file("cacert")?;
            } else {
                root.section_or_empty("restapi")?.check_ca_file("cafile")?;
            }
            ctl.check_client_identity("certfile", "keyfile").map(drop)
        };
        settings.rest.file_problem = rest_files().err().map(|e| e.to_string());
        Ok(settings)
    }

    /// `dcs.get_dcs`: the first DCS section present decides, and only etcd3 is supported.
    fn etcd3(&self, root: &Section) -> Result<Option<EtcdSettings>, SettingsError> {
        let Some(dcs) = DCS_SECTIONS.into_iter().find(|name| self.config.contains_key(*name)) else {
            return Ok(None);
        };
        if dcs != "etcd3" {
            let dcs = dcs.to_owned();
            return Err(if self.config.contains_key("etcd3") {
                SettingsError::DcsShadowsEtcd3 { dcs }
            } else {
                SettingsError::UnsupportedDcs { dcs }
            });
        }
        root.section("etcd3")?.map(|etcd3| etcd_settings(&etcd3)).transpose()
    }
}

/// The `sentinel` section: `hosts` (a list, or a comma-separated string, of `host[:port]` with
/// port 26379 by default), `password`, and TLS (`tls`, `cacert`, and `cert` with `key`).
fn sentinel_settings(root: &Section) -> Result<Option<SentinelSettings>, SettingsError> {
    let Some(sentinel) = root.section("sentinel")? else {
        return Ok(None);
    };
    let entries: Vec<&str> = match sentinel.raw("hosts").filter(|value| !value.is_null()) {
        None => Vec::new(),
        Some(Value::String(hosts)) => hosts.split(',').collect(),
        Some(Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::String(entry) => Ok(entry.as_str()),
                other => Err(sentinel.invalid(&format!("hosts[{index}]"), "a string \"host[:port]\"", other)),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(sentinel.invalid("hosts", "a list or a comma-separated string", other)),
    };
    let hosts = entries
        .into_iter()
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            // `[v6]` alone has no port, where `split_host_port` would take `…]` for one.
            let (host, port) = match entry.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
                Some(v6) => (v6.to_owned(), DEFAULT_SENTINEL_PORT),
                None => split_host_port(entry, DEFAULT_SENTINEL_PORT)
                    .map_err(|message| sentinel.bad_value("hosts", message))?,
            };
            Ok(endpoint(&host, port))
        })
        .collect::<Result<Vec<_>, SettingsError>>()?;
    let (cert, key) = (sentinel.path("cert")?, sentinel.path("key")?);
    match (&cert, &key) {
        (Some(_), None) => return Err(sentinel.bad_value("key", "missing: a client cert needs its key".to_owned())),
        (None, Some(_)) => return Err(sentinel.bad_value("cert", "missing: a client key needs its cert".to_owned())),
        _ => {}
    }
    let cacert = sentinel.path("cacert")?;
    Ok(Some(SentinelSettings {
        hosts,
        password: sentinel.scalar_text("password")?.map(Secret),
        tls: sentinel.flag("tls")? || cacert.is_some() || cert.is_some(),
        cacert,
        cert,
        key,
    }))
}

/// `AbstractEtcd.get_etcd_client` and `_get_machines_cache_from_config`: `proxy` wins, then
/// `srv`, then `url`, then `hosts`, then `host`.
fn etcd_settings(etcd: &Section) -> Result<EtcdSettings, SettingsError> {
    if etcd.value("proxy").is_none()
        && let Some(key) = ["srv", "srv_domain", "discovery_srv"].into_iter().find(|key| etcd.value(key).is_some())
    {
        return Err(SettingsError::Unsupported {
            origin: etcd.origin_of(key).to_owned(),
            key: etcd.key_of(key),
            reason: "DNS SRV discovery needs DNS lookups; list the endpoints in etcd3.hosts instead",
        });
    }
    let url_with_key = match ["proxy", "url"].into_iter().find(|key| etcd.value(key).is_some()) {
        Some(key) => etcd.text(key)?.map(|url| (key, url)),
        None => None,
    };
    let mut assumed_port = None;
    let (protocol, endpoints, url_credentials) = match url_with_key {
        Some((key, url)) => {
            let (protocol, endpoint, credentials) = etcd_url(&url)
                .map_err(|message| etcd.bad_value(key, format!("{message} in {}", redact_password(&url))))?;
            (protocol, vec![endpoint], credentials)
        }
        None => {
            let (endpoints, assumed) = etcd.host_endpoints()?;
            assumed_port = assumed;
            (etcd.protocol()?, endpoints, None)
        }
    };
    // Credentials in the URL win; without them the section's own apply.
    let (username, password) = match url_credentials {
        Some((username, password)) => (Some(username), password),
        None => (etcd.scalar_text("username")?, etcd.scalar_text("password")?),
    };
    let (username, password) = match (username, password) {
        (Some(username), Some(password)) => (Some(username), Some(Secret(password))),
        _ => (None, None),
    };
    let cert = etcd.path("cert")?;
    let key = match cert {
        Some(_) => etcd.path("key")?,
        None => None,
    };
    Ok(EtcdSettings { endpoints, protocol, cacert: etcd.path("cacert")?, cert, key, username, password, assumed_port })
}

/// A user name, and the password if there is one.
type UrlCredentials = (String, Option<String>);

/// `etcd3.url` or `etcd3.proxy`: the protocol, the one endpoint (port 2379 by default) and the
/// credentials it carries, if any.
fn etcd_url(url: &str) -> Result<(Scheme, String, Option<UrlCredentials>), String> {
    let parts = split_url(url)?;
    let protocol = match parts.scheme.as_str() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        _ => return Err("expected an http:// or https:// URL".to_owned()),
    };
    let host = parts.host.ok_or("no host")?;
    let port = parts.port.filter(|port| *port != 0).unwrap_or(DEFAULT_ETCD_PORT);
    let non_empty = |text: Option<String>| text.filter(|text| !text.is_empty());
    let credentials = non_empty(parts.username).map(|username| (username, non_empty(parts.password)));
    Ok((protocol, endpoint(&host, port), credentials))
}

/// `PatroniRequest.reload_config` after `ctl.ctl` has ORed `-k` into `ctl.insecure`.
fn rest_settings(root: &Section, insecure_flag: bool) -> Result<RestSettings, SettingsError> {
    let ctl = root.section_or_empty("ctl")?;
    let restapi = root.section_or_empty("restapi")?;
    // Both are built, and can fail, before either is used, as in `_build_effective_configuration`.
    let ctl_auth = basic_auth(&ctl)?;
    let restapi_auth = basic_auth(&restapi)?;
    let certfile = ctl.path("certfile")?;
    let (keyfile, keyfile_password) = match certfile {
        Some(_) => (ctl.path("keyfile")?, ctl.scalar_text("keyfile_password")?.map(Secret)),
        None => (None, None),
    };
    let cacert = match ctl.path("cacert")? {
        Some(cacert) => Some(cacert),
        None => restapi.path("cafile")?,
    };
    Ok(RestSettings {
        insecure: ctl.flag("insecure")? || insecure_flag,
        cacert,
        certfile,
        keyfile,
        keyfile_password,
        auth: ctl_auth.or(restapi_auth),
        file_problem: None,
    })
}

/// `section.authentication` (`{username, password}`), else the legacy `section.auth`
/// (`"username:password"`), as `_build_effective_configuration` turns the first into the second.
fn basic_auth(section: &Section) -> Result<Option<BasicAuth>, SettingsError> {
    if let Some(authentication) = section.section("authentication")? {
        let required =
            |key| authentication.scalar_text(key)?.ok_or_else(|| authentication.bad_value(key, "missing".to_owned()));
        return Ok(Some(BasicAuth { username: required("username")?, password: Secret(required("password")?) }));
    }
    match section.text("auth")? {
        None => Ok(None),
        Some(auth) => match auth.split_once(':') {
            Some((username, password)) => {
                Ok(Some(BasicAuth { username: username.to_owned(), password: Secret(password.to_owned()) }))
            }
            None => Err(section.bad_value("auth", "expected \"username:password\"".to_owned())),
        },
    }
}

/// One mapping of the merged configuration, read with Python's leniency: a falsy value
/// (null, `false`, `0`, `""`, `[]`, `{}`) counts as absent, as `config.get(key)` tests do.
struct Section<'a> {
    /// Dotted key of this mapping; empty for the top level.
    key: String,
    /// `None` for a section given as a falsy value, which Patroni treats as `{}`.
    map: Option<&'a Mapping>,
    origins: &'a Origins,
}

impl<'a> Section<'a> {
    fn key_of(&self, field: &str) -> String {
        if self.key.is_empty() { field.to_owned() } else { format!("{}.{field}", self.key) }
    }

    fn origin_of(&self, field: &str) -> &'a str {
        self.origins.of(&self.key_of(field))
    }

    fn invalid(&self, field: &str, expected: &str, found: &Value) -> SettingsError {
        self.bad_value(field, format!("expected {expected}, found {}", kind(found)))
    }

    /// `origin: key: message`, or `VARIABLE: message` when a variable set exactly this key.
    fn bad_value(&self, field: &str, message: String) -> SettingsError {
        let key = self.key_of(field);
        match self.origins.setter_of(&key) {
            Some(variable) => SettingsError::Invalid { origin: variable.to_owned(), key: String::new(), message },
            None => SettingsError::Invalid { origin: self.origins.of(&key).to_owned(), key, message },
        }
    }

    /// How to name `field` to whoever set `like`: its variable (`PATRONI_ETCD3_KEY`) when a
    /// variable set `like`, else its key (`etcd3.key`).
    fn name_like(&self, field: &str, like: &str) -> String {
        let key = self.key_of(field);
        match self.origins.setter_of(&self.key_of(like)) {
            Some(variable) if variable.starts_with("PATRONI_") => {
                format!("PATRONI_{}", key.replace('.', "_").to_uppercase())
            }
            _ => key,
        }
    }

    fn raw(&self, field: &str) -> Option<&'a Value> {
        self.map?.get(field)
    }

    fn value(&self, field: &str) -> Option<&'a Value> {
        self.raw(field).filter(|value| !is_falsy(value))
    }

    /// A nested mapping, empty when absent.
    fn section_or_empty(&self, field: &str) -> Result<Section<'a>, SettingsError> {
        let empty = Section { key: self.key_of(field), map: None, origins: self.origins };
        Ok(self.section(field)?.unwrap_or(empty))
    }

    /// A nested mapping: `None` when absent, empty when falsy.
    fn section(&self, field: &str) -> Result<Option<Section<'a>>, SettingsError> {
        let map = match self.raw(field) {
            None => return Ok(None),
            Some(value) if is_falsy(value) => None,
            Some(Value::Mapping(map)) => Some(map),
            Some(other) => return Err(self.invalid(field, "a mapping", other)),
        };
        Ok(Some(Section { key: self.key_of(field), map, origins: self.origins }))
    }

    fn text(&self, field: &str) -> Result<Option<String>, SettingsError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(self.invalid(field, "a string", other)),
        }
    }

    /// Names and passwords: Python formats numbers into them as text.
    fn scalar_text(&self, field: &str) -> Result<Option<String>, SettingsError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(Value::Number(number)) => Ok(Some(number.to_string())),
            Some(other) => Err(self.invalid(field, "a string", other)),
        }
    }

    /// Python truthiness for booleans and numbers; strings as `utils.parse_bool` reads them,
    /// since YAML 1.2 leaves `yes`/`no`/`on`/`off` as strings where PyYAML made booleans.
    fn flag(&self, field: &str) -> Result<bool, SettingsError> {
        match self.value(field) {
            None => Ok(false),
            // `value` has already set `false` and `0` aside.
            Some(Value::Bool(_) | Value::Number(_)) => Ok(true),
            Some(Value::String(text)) => parse_bool(text).ok_or_else(|| {
                self.bad_value(field, format!("expected a boolean (true/false, on/off, yes/no, 1/0), found {text:?}"))
            }),
            Some(other) => Err(self.invalid(field, "a boolean", other)),
        }
    }

    fn path(&self, field: &str) -> Result<Option<PathBuf>, SettingsError> {
        Ok(self.text(field)?.map(PathBuf::from))
    }

    fn port(&self, field: &str) -> Result<Option<u16>, SettingsError> {
        let Some(value) = self.raw(field).filter(|value| !value.is_null()) else {
            return Ok(None);
        };
        let port = match value {
            Value::Number(number) => number.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        };
        match port.and_then(|port| u16::try_from(port).ok()).filter(|port| *port != 0) {
            Some(port) => Ok(Some(port)),
            None => Err(self.bad_value(field, format!("expected a port number (1-65535), found {}", shown(value)))),
        }
    }

    /// Reads the TLS file `field` names, as the client will when it connects.
    fn tls_file(&self, field: &str, path: &Path) -> Result<PemContents, SettingsError> {
        let mut bytes = Vec::new();
        fs::File::open(path)
            .and_then(|file| file.take(TLS_FILE_LIMIT).read_to_end(&mut bytes))
            .map_err(|error| self.bad_value(field, format!("cannot read {}: {error}", path.display())))?;
        Ok(pem_contents(&bytes))
    }

    /// A CA bundle, if `field` is set: readable and holding a PEM certificate.
    fn check_ca_file(&self, field: &str) -> Result<(), SettingsError> {
        let Some(path) = self.path(field)? else {
            return Ok(());
        };
        if !self.tls_file(field, &path)?.certificate {
            return Err(self.bad_value(field, format!("{} holds no PEM certificate", path.display())));
        }
        Ok(())
    }

    /// A client certificate (`cert_field`) and its key (`key_field`), if either is set: both
    /// readable, the key in the key file or else in the certificate file. Returns the file that
    /// holds the key.
    fn check_client_identity(&self, cert_field: &str, key_field: &str) -> Result<Option<PathBuf>, SettingsError> {
        let (cert, key) = (self.path(cert_field)?, self.path(key_field)?);
        let Some(cert) = cert else {
            return match key {
                None => Ok(None),
                Some(_) => Err(self.bad_value(
                    key_field,
                    format!("a client key without its certificate: set {} too", self.name_like(cert_field, key_field)),
                )),
            };
        };
        let contents = self.tls_file(cert_field, &cert)?;
        if !contents.certificate {
            return Err(self.bad_value(cert_field, format!("{} holds no PEM certificate", cert.display())));
        }
        match key {
            Some(key) => {
                if !self.tls_file(key_field, &key)?.private_key {
                    return Err(self.bad_value(key_field, format!("{} holds no PEM private key", key.display())));
                }
                Ok(Some(key))
            }
            None if contents.private_key => Ok(Some(cert)),
            None => Err(self.bad_value(
                cert_field,
                format!(
                    "{} holds no private key and {} is not set",
                    cert.display(),
                    self.name_like(key_field, cert_field)
                ),
            )),
        }
    }

    /// `protocol` for `host`/`hosts`: `http` unless set.
    fn protocol(&self) -> Result<Scheme, SettingsError> {
        match self.text("protocol")?.map(|protocol| protocol.to_ascii_lowercase()).as_deref() {
            None | Some("http") => Ok(Scheme::Http),
            Some("https") => Ok(Scheme::Https),
            Some(_) => {
                let found = self.raw("protocol").map_or_else(String::new, shown);
                Err(self.bad_value("protocol", format!("expected http or https, found {found}")))
            }
        }
    }

    /// `hosts` (a list, or a comma-separated string) with `port` as the default port; when that
    /// gives no endpoint, `host` with `port` overriding its own port.
    /// The endpoints of `hosts` or `host`, and, when a host had no port and no `port` was set,
    /// what named it (`PATRONI_ETCD3_HOST: ...` or `file: etcd3.host: ...`): 2379 was assumed.
    fn host_endpoints(&self) -> Result<(Vec<String>, Option<String>), SettingsError> {
        let configured_port = self.port("port")?;
        let assumed = |field: &str, entry: &str| {
            let message = format!("{entry:?} has no port, so {DEFAULT_ETCD_PORT} was assumed (as Patroni does)");
            self.bad_value(field, message).to_string()
        };
        if let Some(hosts) = self.raw("hosts").filter(|value| !value.is_null()) {
            let default_port = configured_port.unwrap_or(DEFAULT_ETCD_PORT);
            let mut assumed_port = None;
            let entries: Vec<&str> = match hosts {
                Value::String(hosts) => hosts.split(',').collect(),
                Value::Sequence(items) => items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| match item {
                        Value::String(entry) => Ok(entry.as_str()),
                        other => Err(self.invalid(&format!("hosts[{index}]"), "a string \"host[:port]\"", other)),
                    })
                    .collect::<Result<_, _>>()?,
                other => {
                    return Err(self.invalid("hosts", "a list or a comma-separated string", other));
                }
            };
            let endpoints = entries
                .into_iter()
                .map(str::trim)
                .filter(|entry| !entry.is_empty())
                .map(|entry| {
                    let (host, port) =
                        split_host_port(entry, default_port).map_err(|message| self.bad_value("hosts", message))?;
                    if configured_port.is_none() && !has_port(entry) && assumed_port.is_none() {
                        assumed_port = Some(assumed("hosts", entry));
                    }
                    Ok(endpoint(&host, port))
                })
                .collect::<Result<Vec<_>, SettingsError>>()?;
            if !endpoints.is_empty() {
                return Ok((endpoints, assumed_port));
            }
        }
        match self.text("host")? {
            Some(host) => {
                let host = host.trim();
                let (name, own_port) =
                    split_host_port(host, DEFAULT_ETCD_PORT).map_err(|message| self.bad_value("host", message))?;
                let assumed_port = (configured_port.is_none() && !has_port(host)).then(|| assumed("host", host));
                Ok((vec![endpoint(&name, configured_port.unwrap_or(own_port))], assumed_port))
            }
            None => Err(SettingsError::Invalid {
                origin: self.origins.of(&self.key).to_owned(),
                key: self.key.clone(),
                message: "neither srv, hosts, host nor url is defined".to_owned(),
            }),
        }
    }
}

/// `utils.split_host_port`: the port follows the last colon; IPv6 brackets are dropped.
/// Whether `host[:port]` names a port (an IPv6 address alone has colons but no port).
fn has_port(value: &str) -> bool {
    match value.rsplit_once(':') {
        Some((host, _)) if host.contains(':') => host.ends_with(']'),
        Some(_) => true,
        None => false,
    }
}

fn split_host_port(value: &str, default_port: u16) -> Result<(String, u16), String> {
    let Some((host, port)) = value.rsplit_once(':') else {
        return Ok((value.to_owned(), default_port));
    };
    let port = port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|port| *port != 0)
        .ok_or_else(|| format!("{value:?}: expected host:port with a port number (1-65535)"))?;
    let host = if host.contains(':') { host.trim().trim_matches(['[', ']']) } else { host };
    Ok((host.to_owned(), port))
}

/// What a PEM file holds, by its `-----BEGIN ...-----` lines.
#[derive(Debug, Default, PartialEq, Eq)]
struct PemContents {
    /// `CERTIFICATE` (also `TRUSTED CERTIFICATE`, `X509 CERTIFICATE`).
    certificate: bool,
    /// `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, ...
    private_key: bool,
}

fn pem_contents(bytes: &[u8]) -> PemContents {
    let mut contents = PemContents::default();
    for line in String::from_utf8_lossy(bytes).lines() {
        if let Some(label) = line.trim().strip_prefix("-----BEGIN ").and_then(|rest| rest.strip_suffix("-----")) {
            contents.certificate |= label.ends_with("CERTIFICATE");
            contents.private_key |= label.ends_with("PRIVATE KEY");
        }
    }
    contents
}

/// `host:port`, with brackets around an IPv6 host as `utils.uri` adds them.
fn endpoint(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
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

/// Python's truthiness, which Patroni's `if value` and `config.get(key) or ...` tests rely on.
fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(value) => !value,
        Value::Number(number) => number.as_f64() == Some(0.0),
        Value::String(text) => text.is_empty(),
        Value::Sequence(items) => items.is_empty(),
        Value::Mapping(map) => map.is_empty(),
        Value::Tagged(_) => false,
    }
}

/// A value as an error may show it: numbers and strings quoted, anything else by its kind. Only
/// for keys that never hold a secret.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Number(number) => number.to_string(),
        other => kind(other).to_owned(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory under the system temp dir, removed when dropped.
    struct Scratch {
        dir: PathBuf,
    }

    impl Scratch {
        fn new() -> Scratch {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::SeqCst);
            let dir = std::env::temp_dir().join(format!("hactl-settings-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch { dir }
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            path
        }

        /// The process environment of a test: `HOME` is inside the scratch directory, so the
        /// default file exists only when a test writes it.
        fn env(&self, vars: &[(&str, &str)]) -> BTreeMap<String, String> {
            let mut env = BTreeMap::from([("HOME".to_owned(), self.dir.join("home").display().to_string())]);
            env.extend(vars.iter().map(|(name, value)| (name.to_string(), value.to_string())));
            env
        }

        fn default_file(&self, text: &str) -> PathBuf {
            self.write("home/.config/patroni/patronictl.yaml", text)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }

    /// `load` without opening the TLS files, so that tests of the other rules may name files
    /// that do not exist; the tests of `check_tls_files` use `load` itself.
    fn load_with(
        config_file: Option<&Path>,
        dcs_url: Option<&str>,
        env: &BTreeMap<String, String>,
    ) -> Result<Settings, SettingsError> {
        let inputs = SettingsInputs {
            config_file: config_file.map(Path::to_owned),
            dcs_url: dcs_url.map(str::to_owned),
            insecure: false,
            env,
        };
        resolve(&inputs)?.settings(inputs.insecure)
    }

    fn load_file(text: &str, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let scratch = Scratch::new();
        let path = scratch.write("patronictl.yaml", text);
        load_with(Some(&path), None, &scratch.env(vars))
    }

    fn load_env(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let scratch = Scratch::new();
        load_with(None, None, &scratch.env(vars))
    }

    fn endpoints(settings: &Settings) -> Vec<&str> {
        settings.etcd3.as_ref().expect("etcd3 configured").endpoints.iter().map(String::as_str).collect()
    }

    fn error_text(result: Result<Settings, SettingsError>) -> String {
        result.expect_err("expected an error").to_string()
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
    fn default_path_follows_xdg_config_home_then_home() {
        let home = BTreeMap::from([("HOME".to_owned(), "/home/op".to_owned())]);
        assert_eq!(default_config_path(&home), Some(PathBuf::from("/home/op/.config/patroni/patronictl.yaml")));
        let mut xdg = home.clone();
        xdg.insert("XDG_CONFIG_HOME".to_owned(), "/xdg".to_owned());
        assert_eq!(default_config_path(&xdg), Some(PathBuf::from("/xdg/patroni/patronictl.yaml")));
        assert_eq!(default_config_path(&BTreeMap::new()), None);
        assert!(DEFAULT_CONFIG_PATH.ends_with("/.config/patroni/patronictl.yaml"));
    }

    #[test]
    fn default_file_is_read_when_present() {
        let scratch = Scratch::new();
        let path = scratch.default_file("scope: demo\netcd3:\n  host: 10.1.1.1:2379\n");
        let settings = load_with(None, None, &scratch.env(&[])).unwrap();
        assert_eq!(settings.source, Some(path));
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        assert_eq!(endpoints(&settings), ["10.1.1.1:2379"]);
    }

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

    #[test]
    fn missing_explicit_file_is_an_error_in_patronictl_words() {
        let scratch = Scratch::new();
        let path = scratch.dir.join("nope.yaml");
        let message = error_text(load_with(Some(&path), None, &scratch.env(&[])));
        assert_eq!(
            message,
            format!(
                "Provided config file {} not existing or no read rights. Check the -c/--config-file parameter",
                path.display()
            )
        );
    }

    #[test]
    fn explicit_default_path_may_be_missing() {
        let scratch = Scratch::new();
        let env = scratch.env(&[]);
        let default = default_config_path(&env).unwrap();
        assert_eq!(load_with(Some(&default), None, &env).unwrap().source, None);
    }

    #[test]
    fn patronictl_yaml_with_a_hosts_list() {
        let text = "scope: demo\nnamespace: /pg\netcd3:\n  hosts:\n  - 127.0.0.1:2379\n  - 127.0.0.2:2380\n";
        let settings = load_file(text, &[]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        assert_eq!(settings.namespace, "/pg");
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["http://127.0.0.1:2379", "http://127.0.0.2:2380"]);
        assert_eq!(etcd.protocol, Scheme::Http);
        assert_eq!((etcd.username, etcd.password), (None, None));
    }

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
    fn hosts_as_a_comma_string_default_their_ports() {
        let settings = load_file("etcd3:\n  hosts: 'a:1, b ,c:3,'\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:1", "b:2379", "c:3"]);
        let settings = load_file("etcd3:\n  hosts: [a, 'b:3']\n  port: 4001\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:4001", "b:3"]);
    }

    #[test]
    fn a_host_without_a_port_is_named_with_the_port_assumed() {
        let assumed = |settings: Settings| settings.etcd3.unwrap().assumed_port;
        assert_eq!(
            assumed(load_env(&[("PATRONI_ETCD3_HOST", "e")]).unwrap()).as_deref(),
            Some("PATRONI_ETCD3_HOST: \"e\" has no port, so 2379 was assumed (as Patroni does)")
        );
        assert_eq!(
            assumed(load_env(&[("PATRONI_ETCD3_HOSTS", "a:1,b")]).unwrap()).as_deref(),
            Some("PATRONI_ETCD3_HOSTS: \"b\" has no port, so 2379 was assumed (as Patroni does)")
        );
        assert_eq!(assumed(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PORT", "1")]).unwrap()), None);
        assert_eq!(assumed(load_env(&[("PATRONI_ETCD3_HOSTS", "a:1,[::1]:2")]).unwrap()), None);
        let from_file = assumed(load_file("etcd3:\n  host: e1\n", &[]).unwrap()).unwrap();
        assert!(
            from_file
                .ends_with("patronictl.yaml: etcd3.host: \"e1\" has no port, so 2379 was assumed (as Patroni does)"),
            "{from_file}"
        );
    }

    #[test]
    fn host_takes_its_port_from_port_when_set() {
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1\n", &[]).unwrap()), ["e1:2379"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1:1234\n", &[]).unwrap()), ["e1:1234"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: e1:1234\n  port: 4321\n", &[]).unwrap()), ["e1:4321"]);
        assert_eq!(endpoints(&load_file("etcd3:\n  host: '[::1]:2390'\n", &[]).unwrap()), ["[::1]:2390"]);
    }

    #[test]
    fn hosts_win_over_host_unless_they_give_no_endpoint() {
        let settings = load_file("etcd3:\n  host: h:1\n  hosts: [a:2]\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["a:2"]);
        let settings = load_file("etcd3:\n  host: h:1\n  hosts: []\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["h:1"]);
    }

    #[test]
    fn url_and_proxy_give_one_endpoint_and_the_protocol() {
        let settings = load_file("etcd3:\n  url: https://Etcd.example:2381\n  hosts: [a, b]\n", &[]).unwrap();
        let etcd = settings.etcd3.unwrap();
        assert_eq!((etcd.endpoints, etcd.protocol), (vec!["etcd.example:2381".to_owned()], Scheme::Https));
        let settings = load_file("etcd3:\n  url: http://e\n  proxy: https://proxy\n", &[]).unwrap();
        assert_eq!(settings.etcd3.unwrap().urls(), ["https://proxy:2379"]);
    }

    #[test]
    fn url_credentials_win_over_the_section_ones() {
        let text = "etcd3:\n  url: http://u:p@e:1\n  username: cu\n  password: cp\n";
        let etcd = load_file(text, &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("u"), "p"));
        let text = "etcd3:\n  url: http://e:1\n  username: cu\n  password: cp\n";
        let etcd = load_file(text, &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("cu"), "cp"));
    }

    #[test]
    fn bad_url_is_an_error_without_its_password() {
        let message = error_text(load_file("etcd3:\n  url: ftp://u:hunter2@e:1\n", &[]));
        assert!(message.contains("etcd3.url: expected an http:// or https:// URL"), "{message}");
        assert!(message.contains("ftp://u:***@e:1"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn srv_discovery_is_unsupported() {
        for key in ["srv", "srv_domain", "discovery_srv"] {
            let error = load_file(&format!("etcd3:\n  {key}: example.com\n  hosts: [a]\n"), &[]).unwrap_err();
            assert!(
                matches!(&error, SettingsError::Unsupported { key: k, .. } if *k == format!("etcd3.{key}")),
                "{error}"
            );
            assert!(error.to_string().contains("not supported by hactl"), "{error}");
        }
    }

    #[test]
    fn etcd3_section_without_endpoints_is_an_error() {
        let message = error_text(load_file("etcd3:\n  protocol: https\n", &[]));
        assert!(message.ends_with("etcd3: neither srv, hosts, host nor url is defined"), "{message}");
        let message = error_text(load_file("etcd3: {}\n", &[]));
        assert!(message.ends_with("etcd3: neither srv, hosts, host nor url is defined"), "{message}");
        // A null section is dropped when the file is merged (`utils.patch_config`).
        assert_eq!(load_file("etcd3:\n", &[]).unwrap().etcd3, None);
    }

    #[test]
    fn protocol_stays_http_with_tls_files_unless_set() {
        let etcd = load_file("etcd3:\n  host: e\n  cacert: /ca.pem\n  cert: /c.pem\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.protocol, Scheme::Http);
        assert_eq!((etcd.cacert, etcd.cert), (Some(PathBuf::from("/ca.pem")), Some(PathBuf::from("/c.pem"))));
        let etcd = load_file("etcd3:\n  host: e\n  protocol: HTTPS\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.urls(), ["https://e:2379"]);
        let message = error_text(load_file("etcd3:\n  host: e\n  protocol: grpc\n", &[]));
        assert!(message.ends_with("etcd3.protocol: expected http or https, found \"grpc\""), "{message}");
    }

    #[test]
    fn credentials_need_both_parts_and_a_key_needs_a_cert() {
        let etcd = load_file("etcd3:\n  host: e\n  username: u\n  key: /k.pem\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.username, etcd.password, etcd.key), (None, None, None));
        let etcd = load_file("etcd3:\n  host: e\n  username: u\n  password: 1234\n", &[]).unwrap().etcd3.unwrap();
        assert_eq!(etcd.password.unwrap().expose(), "1234");
    }

    #[test]
    fn environment_overrides_the_file_key_by_key() {
        let text = "scope: filescope\nnamespace: /filens/\netcd3:\n  hosts: [f1]\n  cacert: /file-ca.pem\n\
                    restapi:\n  authentication: {username: fu, password: fp}\n";
        let vars = [
            ("PATRONI_SCOPE", "envscope"),
            ("PATRONI_ETCD3_HOSTS", "e1:1,e2"),
            ("PATRONI_RESTAPI_USERNAME", "eu"),
            ("PATRONI_NAME", "envname"),
        ];
        let settings = load_file(text, &vars).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("envscope"));
        assert_eq!(settings.namespace, "/filens/");
        assert_eq!(settings.name.as_deref(), Some("envname"));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.endpoints, ["e1:1", "e2:2379"]);
        assert_eq!(etcd.cacert, Some(PathBuf::from("/file-ca.pem")));
        let auth = settings.rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("eu", "fp"));
    }

    #[test]
    fn empty_variables_are_ignored_except_dcs_ones() {
        let settings = load_file("scope: demo\netcd3:\n  host: e\n", &[("PATRONI_SCOPE", "")]).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        let message = error_text(load_file("etcd3:\n  host: e\n", &[("PATRONI_ETCD3_PORT", "")]));
        assert_eq!(message, "PATRONI_ETCD3_PORT: expected a port number (1-65535), found \"\"");
    }

    #[test]
    fn etcd3_credentials_from_the_environment_need_another_etcd3_variable() {
        let text = "etcd3:\n  host: e\n  username: fu\n  password: fp\n";
        let alone = [("PATRONI_ETCD3_PASSWORD", "ep")];
        assert_eq!(load_file(text, &alone).unwrap().etcd3.unwrap().password.unwrap().expose(), "fp");
        let with_protocol = [("PATRONI_ETCD3_PASSWORD", "ep"), ("PATRONI_ETCD3_PROTOCOL", "https")];
        let etcd = load_file(text, &with_protocol).unwrap().etcd3.unwrap();
        assert_eq!((etcd.password.unwrap().expose(), etcd.protocol), ("ep", Scheme::Https));
    }

    #[test]
    fn environment_hosts_are_parsed_as_a_yaml_list() {
        for hosts in ["a:1,b", "[a:1, b]", "- a:1\n- b"] {
            let settings = load_env(&[("PATRONI_ETCD3_HOSTS", hosts)]).unwrap();
            assert_eq!(endpoints(&settings), ["a:1", "b:2379"], "{hosts:?}");
        }
        let settings = load_env(&[("PATRONI_ETCD3_HOSTS", "a,b"), ("PATRONI_ETCD3_PORT", "2390")]).unwrap();
        assert_eq!(endpoints(&settings), ["a:2390", "b:2390"]);
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "[a, b")]));
        assert!(message.starts_with("PATRONI_ETCD3_HOSTS: not a YAML list"), "{message}");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "a,5")]));
        assert!(message.starts_with("PATRONI_ETCD3_HOSTS: etcd3.hosts[1]: expected a string"), "{message}");
    }

    #[test]
    fn environment_alone_configures_everything_patronictl_reads() {
        let vars = [
            ("PATRONI_NAMESPACE", "/envns/"),
            ("PATRONI_ETCD3_URL", "https://e:2381"),
            ("PATRONI_ETCD3_CACERT", "/ca"),
            ("PATRONI_ETCD3_CERT", "/cert"),
            ("PATRONI_ETCD3_KEY", "/key"),
            ("PATRONI_ETCD3_USERNAME", "eu"),
            ("PATRONI_ETCD3_PASSWORD", "ep"),
            ("PATRONI_CTL_INSECURE", "yes"),
            ("PATRONI_CTL_CACERT", "/ctl-ca"),
            ("PATRONI_CTL_CERTFILE", "/ctl-cert"),
            ("PATRONI_CTL_KEYFILE", "/ctl-key"),
            ("PATRONI_CTL_KEYFILE_PASSWORD", "kp"),
            ("PATRONI_CTL_USERNAME", "cu"),
            ("PATRONI_CTL_PASSWORD", "cp"),
            ("PATRONI_RESTAPI_USERNAME", "ru"),
            ("PATRONI_RESTAPI_PASSWORD", "rp"),
            ("PATRONI_CITUS_GROUP", "2"),
            ("PATRONI_CITUS_DATABASE", "citus"),
        ];
        let settings = load_env(&vars).unwrap();
        assert_eq!(settings.namespace, "/envns/");
        assert_eq!((settings.citus_group, settings.is_citus), (Some(2), true));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["https://e:2381"]);
        assert_eq!(
            (etcd.cacert.unwrap(), etcd.cert.unwrap(), etcd.key.unwrap()),
            (PathBuf::from("/ca"), PathBuf::from("/cert"), PathBuf::from("/key"))
        );
        assert_eq!((etcd.username.as_deref(), etcd.password.unwrap().expose()), (Some("eu"), "ep"));
        let rest = settings.rest;
        assert!(rest.insecure);
        assert_eq!(rest.cacert, Some(PathBuf::from("/ctl-ca")));
        assert_eq!(rest.certfile, Some(PathBuf::from("/ctl-cert")));
        assert_eq!(rest.keyfile, Some(PathBuf::from("/ctl-key")));
        assert_eq!(rest.keyfile_password.unwrap().expose(), "kp");
        let auth = rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("cu", "cp"));
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
    fn dcs_url_forms() {
        let cases = [
            ("etcd3://10.0.0.5:2390", "10.0.0.5:2390", "/service/"),
            ("etcd3://etcd.local", "etcd.local:2379", "/service/"),
            ("etcd3://h:2390/customns", "h:2390", "/customns"),
            ("etcd3://h:2390/", "h:2390", "/service/"),
            ("etcd3://[::1]:23", "[::1]:23", "/service/"),
            ("etcd3://", "localhost:2379", "/service/"),
            ("etcd3://:0", "localhost:2379", "/service/"),
            ("ETCD3://u:p@Host:5/a b ", "host:5", "/a b"),
        ];
        for (url, endpoint, namespace) in cases {
            let settings = load_env_with_dcs(url, &[]).unwrap();
            assert_eq!(endpoints(&settings), [endpoint], "{url}");
            assert_eq!(settings.namespace, namespace, "{url}");
            assert_eq!(settings.etcd3.unwrap().protocol, Scheme::Http, "{url}");
        }
    }

    fn load_env_with_dcs(url: &str, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let scratch = Scratch::new();
        load_with(None, Some(url), &scratch.env(vars))
    }

    #[test]
    fn dcs_url_replaces_the_file_and_environment_dcs_and_namespace() {
        let scratch = Scratch::new();
        let text = "scope: filescope\nnamespace: /filens/\netcd3:\n  hosts: [f1, f2]\n  protocol: https\n  \
                    cacert: /ca\n  username: u\n  password: p\n";
        let path = scratch.write("patroni.yml", text);
        let env = scratch.env(&[("PATRONI_ETCD3_HOSTS", "e1"), ("PATRONI_NAMESPACE", "/envns/")]);
        let settings = load_with(Some(&path), Some("etcd3://x:1/dns/"), &env).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("filescope"));
        assert_eq!(settings.namespace, "/dns/");
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.urls(), ["http://x:1"]);
        assert_eq!((etcd.cacert, etcd.username, etcd.password), (None, None, None));
        // Without a path the namespace stays as the file and environment set it.
        let settings = load_with(Some(&path), Some("etcd3://x:1"), &env).unwrap();
        assert_eq!(settings.namespace, "/envns/");
    }

    #[test]
    fn dcs_url_replaces_an_unsupported_dcs_section() {
        let scratch = Scratch::new();
        let path = scratch.write("patroni.yml", "consul:\n  host: c:8500\netcd:\n  host: e\n");
        let settings = load_with(Some(&path), Some("etcd3://x:1"), &scratch.env(&[])).unwrap();
        assert_eq!(endpoints(&settings), ["x:1"]);
    }

    #[test]
    fn dcs_url_without_etcd3_scheme_is_rejected() {
        let message = error_text(load_env_with_dcs("127.0.0.1:2379", &[]));
        assert!(message.contains("patronictl reads this as etcd://"), "{message}");
        assert!(message.contains("use etcd3://127.0.0.1:2379"), "{message}");
        let message = error_text(load_env_with_dcs("zk:2181", &[]));
        assert!(message.contains("reads this as zookeeper://"), "{message}");
        let message = error_text(load_env_with_dcs("etcd://h:2379", &[]));
        assert!(
            message.contains("etcd:// is the etcd v2 API, which hactl does not support: use etcd3://"),
            "{message}"
        );
        let message = error_text(load_env_with_dcs("consul://h", &[]));
        assert!(message.contains("consul is not supported"), "{message}");
        let message = error_text(load_env_with_dcs("foo://h", &[]));
        assert!(message.ends_with("Unknown dcs scheme: foo"), "{message}");
        let message = error_text(load_env_with_dcs("etcd3://u:hunter2@h:99999", &[]));
        assert!(message.contains("out of range"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn unsupported_dcs_in_file_or_environment() {
        for dcs in ["etcd", "consul", "zookeeper", "kubernetes", "exhibitor", "raft"] {
            let error = load_file(&format!("scope: s\n{dcs}:\n  host: h\n"), &[]).unwrap_err();
            assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs: d } if d == dcs), "{error}");
            assert!(error.to_string().contains("configure an etcd3 section or use --dcs-url etcd3://host:port"));
        }
        let error = load_env(&[("PATRONI_CONSUL_HOST", "c:8500")]).unwrap_err();
        assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs } if dcs == "consul"), "{error}");
        let error = load_env(&[("PATRONI_RAFT_DATA_DIR", "/raft")]).unwrap_err();
        assert!(matches!(&error, SettingsError::UnsupportedDcs { dcs } if dcs == "raft"), "{error}");
    }

    #[test]
    fn a_dcs_patroni_prefers_over_etcd3_is_an_error() {
        let error = load_file("etcd:\n  host: a\netcd3:\n  host: b\n", &[]).unwrap_err();
        assert!(matches!(&error, SettingsError::DcsShadowsEtcd3 { dcs } if dcs == "etcd"), "{error}");
        // Sections sorting after etcd3 lose to it, as in `dcs.get_dcs`.
        let settings = load_file("zookeeper:\n  hosts: [z]\netcd3:\n  host: b\n", &[]).unwrap();
        assert_eq!(endpoints(&settings), ["b:2379"]);
    }

    #[test]
    fn invalid_yaml_reports_line_and_column() {
        let scratch = Scratch::new();
        let path = scratch.write("bad.yaml", "scope: a\netcd3:\n  hosts: [a\n");
        let error = load_with(Some(&path), None, &scratch.env(&[])).unwrap_err();
        let SettingsError::Yaml { line, column, .. } = &error else { panic!("{error:?}") };
        assert_eq!((*line, *column), (4, 1));
        let message = error.to_string();
        assert!(message.starts_with(&format!("{}:4:1: invalid YAML: ", path.display())), "{message}");
        assert!(!message.contains(" at line "), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn duplicate_keys_are_invalid_yaml() {
        let message = error_text(load_file("scope: a\nscope: b\n", &[]));
        assert!(message.contains("invalid YAML: duplicate entry with key \"scope\""), "{message}");
    }

    #[test]
    fn wrong_types_name_the_file_and_key() {
        let cases = [
            ("etcd3: 5\n", "etcd3: expected a mapping, found a number"),
            ("scope: [1]\n", "scope: expected a string, found a list"),
            ("etcd3:\n  hosts: {a: 1}\n", "etcd3.hosts: expected a list or a comma-separated string, found a mapping"),
            ("etcd3:\n  hosts: [a, 5]\n", "etcd3.hosts[1]: expected a string \"host[:port]\", found a number"),
            ("etcd3:\n  hosts: a:x\n", "etcd3.hosts: \"a:x\": expected host:port with a port number (1-65535)"),
            ("etcd3:\n  host: e\n  port: 70000\n", "etcd3.port: expected a port number (1-65535), found 70000"),
            ("etcd3:\n  host: e\n  cacert: [x]\n", "etcd3.cacert: expected a string, found a list"),
            ("namespace: ''\n", "namespace: expected a non-empty string"),
            ("ctl: on\n", "ctl: expected a mapping, found a string"),
            (
                "ctl:\n  insecure: maybe\n",
                "ctl.insecure: expected a boolean (true/false, on/off, yes/no, 1/0), found \"maybe\"",
            ),
            ("ctl:\n  authentication: {username: u}\n", "ctl.authentication.password: missing"),
            ("restapi:\n  auth: nocolon\n", "restapi.auth: expected \"username:password\""),
        ];
        let scratch = Scratch::new();
        let path = scratch.write("types.yaml", "");
        for (text, expected) in cases {
            fs::write(&path, text).unwrap();
            let message = error_text(load_with(Some(&path), None, &scratch.env(&[])));
            assert_eq!(message, format!("{}: {expected}", path.display()), "{text:?}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_mapping_is_an_error() {
        for (text, found) in [("", "null"), ("- a\n", "a list"), ("just text\n", "a string")] {
            let message = error_text(load_file(text, &[]));
            assert!(message.ends_with(&format!("expected a mapping at the top level, found {found}")), "{message}");
        }
    }

    #[test]
    fn a_directory_merges_its_yaml_files_in_name_order() {
        let scratch = Scratch::new();
        scratch.write("conf.d/10-base.yml", "scope: one\netcd3:\n  host: a\n  username: x\n");
        scratch.write("conf.d/20-override.yaml", "scope: two\netcd3:\n  password: y\n");
        scratch.write("conf.d/notes.txt", "not: [yaml\n");
        let dir = scratch.dir.join("conf.d");
        let settings = load_with(Some(&dir), None, &scratch.env(&[])).unwrap();
        assert_eq!(settings.source, Some(dir));
        assert_eq!(settings.scope.as_deref(), Some("two"));
        let etcd = settings.etcd3.unwrap();
        assert_eq!((etcd.endpoints, etcd.username.as_deref()), (vec!["a:2379".to_owned()], Some("x")));
    }

    #[test]
    fn yaml_merge_keys_apply() {
        let text = "common: &tls\n  cacert: /ca\n  protocol: https\netcd3:\n  <<: *tls\n  host: e\n";
        let etcd = load_file(text, &[]).unwrap().etcd3.unwrap();
        assert_eq!((etcd.protocol, etcd.cacert), (Scheme::Https, Some(PathBuf::from("/ca"))));
    }

    #[test]
    fn insecure_flag_is_ored_into_ctl_insecure() {
        let scratch = Scratch::new();
        let path = scratch.write("patronictl.yaml", "ctl:\n  insecure: false\n");
        let env = scratch.env(&[]);
        let inputs = |insecure| SettingsInputs { config_file: Some(path.clone()), dcs_url: None, insecure, env: &env };
        assert!(!load(&inputs(false)).unwrap().rest.insecure);
        assert!(load(&inputs(true)).unwrap().rest.insecure);
        assert!(load_file("ctl:\n  insecure: yes\n", &[]).unwrap().rest.insecure);
        assert!(load_file("ctl:\n  insecure: false\n", &[("PATRONI_CTL_INSECURE", "on")]).unwrap().rest.insecure);
        assert!(!load_file("ctl:\n  insecure: true\n", &[("PATRONI_CTL_INSECURE", "0")]).unwrap().rest.insecure);
        // Patroni drops a value it cannot parse; hactl refuses it.
        let message = error_text(load_file("ctl:\n  insecure: true\n", &[("PATRONI_CTL_INSECURE", "maybe")]));
        assert_eq!(
            message,
            "PATRONI_CTL_INSECURE: expected a boolean (true/false, on/off, yes/no, 1/0), found \"maybe\""
        );
    }

    #[test]
    fn rest_settings_prefer_ctl_and_fall_back_where_patroni_does() {
        let text = "ctl:\n  authentication: {username: cu, password: cp}\n  certfile: /ctl.crt\n  keyfile: /ctl.key\n  \
                    keyfile_password: kp\nrestapi:\n  authentication: {username: ru, password: rp}\n  cafile: /rest-ca\n";
        let rest = load_file(text, &[]).unwrap().rest;
        assert_eq!(rest.auth.unwrap().username, "cu");
        assert_eq!(rest.cacert, Some(PathBuf::from("/rest-ca")));
        assert_eq!(
            (rest.certfile.unwrap(), rest.keyfile.unwrap()),
            (PathBuf::from("/ctl.crt"), PathBuf::from("/ctl.key"))
        );
        assert_eq!(rest.keyfile_password.unwrap().expose(), "kp");
        // Without a client certificate the key settings are unused.
        let rest =
            load_file("ctl:\n  keyfile: /ctl.key\n  keyfile_password: kp\n  cacert: /ctl-ca\n", &[]).unwrap().rest;
        assert_eq!((rest.keyfile, rest.keyfile_password), (None, None));
        assert_eq!(rest.cacert, Some(PathBuf::from("/ctl-ca")));
        // The legacy `auth: "user:password"` form.
        let auth = load_file("restapi:\n  auth: 'lu:l:p'\n", &[]).unwrap().rest.auth.unwrap();
        assert_eq!((auth.username.as_str(), auth.password.expose()), ("lu", "l:p"));
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

    #[test]
    fn errors_name_the_variable_that_set_a_key() {
        let message = error_text(load_file("scope: s\n", &[("PATRONI_ETCD3_SRV", "example.com")]));
        assert!(message.starts_with("PATRONI_ETCD3_SRV: etcd3.srv is not supported by hactl"), "{message}");
        let message = error_text(load_env(&[("PATRONI_ETCD3_PROTOCOL", "https")]));
        assert!(message.starts_with("the PATRONI_* environment: etcd3: neither"), "{message}");
    }

    #[test]
    fn urls_are_quoted_with_their_password_masked() {
        assert_eq!(redact_password("http://u:p@h:1/x"), "http://u:***@h:1/x");
        assert_eq!(redact_password("http://u@h:1"), "http://u@h:1");
        assert_eq!(redact_password("u:p@h"), "u:***@h");
        assert_eq!(redact_password("http://h/a@b"), "http://h/a@b");
        let message = error_text(load_env_with_dcs("etcd3://[::1:2379", &[]));
        assert!(message.ends_with("invalid IPv6 host"), "{message}");
    }

    #[test]
    fn sentinel_section_lists_hosts_with_the_default_port() {
        let settings = load_file(
            "sentinel:\n  hosts:\n  - 10.0.0.1:26380\n  - 10.0.0.2\n  - \"[fd00::3]\"\n  password: sentinel-secret\n",
            &[],
        )
        .unwrap();
        let sentinel = settings.sentinel.expect("a sentinel section");
        assert_eq!(sentinel.hosts, ["10.0.0.1:26380", "10.0.0.2:26379", "[fd00::3]:26379"]);
        assert_eq!(sentinel.password.as_ref().map(Secret::expose), Some("sentinel-secret"));
        assert!(!sentinel.tls && sentinel.cacert.is_none() && sentinel.cert.is_none());
        // The password never shows in debug output.
        assert!(!format!("{sentinel:?}").contains("sentinel-secret"));
    }

    #[test]
    fn sentinel_hosts_may_be_a_comma_string_or_absent() {
        let sentinel = load_file("sentinel:\n  hosts: a:1, b\n", &[]).unwrap().sentinel.unwrap();
        assert_eq!(sentinel.hosts, ["a:1", "b:26379"]);
        let without = load_file("sentinel:\n  password: 12345\n", &[]).unwrap().sentinel.unwrap();
        assert!(without.hosts.is_empty());
        assert_eq!(without.password.as_ref().map(Secret::expose), Some("12345"));
        assert_eq!(load_file("scope: demo\n", &[]).unwrap().sentinel, None);
    }

    #[test]
    fn sentinel_tls_is_on_with_the_flag_or_a_certificate() {
        let flag = load_file("sentinel:\n  hosts: a\n  tls: true\n", &[]).unwrap().sentinel.unwrap();
        assert!(flag.tls && flag.cacert.is_none());
        let cacert = load_file("sentinel:\n  hosts: a\n  cacert: /etc/redis/ca.pem\n", &[]).unwrap().sentinel.unwrap();
        assert!(cacert.tls);
        assert_eq!(cacert.cacert, Some(PathBuf::from("/etc/redis/ca.pem")));
        let mtls = load_file("sentinel:\n  hosts: a\n  cert: /c.pem\n  key: /k.pem\n  tls: false\n", &[])
            .unwrap()
            .sentinel
            .unwrap();
        assert!(mtls.tls);
        assert_eq!((mtls.cert, mtls.key), (Some(PathBuf::from("/c.pem")), Some(PathBuf::from("/k.pem"))));
    }

    #[test]
    fn bad_sentinel_sections_name_the_key() {
        let text = |yaml: &str| error_text(load_file(yaml, &[]));
        assert!(text("sentinel:\n  hosts: a:0\n").contains(": sentinel.hosts: \"a:0\": expected host:port"));
        assert!(text("sentinel:\n  hosts: [1]\n").contains(": sentinel.hosts[0]: expected a string"));
        assert!(
            text("sentinel:\n  hosts: {a: 1}\n")
                .contains(": sentinel.hosts: expected a list or a comma-separated string")
        );
        assert!(text("sentinel:\n  cert: /c.pem\n").contains(": sentinel.key: missing: a client cert needs its key"));
        assert!(text("sentinel:\n  key: /k.pem\n").contains(": sentinel.cert: missing: a client key needs its cert"));
        assert!(text("sentinel: [a]\n").contains(": sentinel: expected a mapping, found a list"));
        let secret = text("sentinel:\n  hosts: a:0\n  password: sentinel-secret\n");
        assert!(!secret.contains("sentinel-secret"), "{secret}");
    }

    #[test]
    fn a_host_without_a_port_takes_2379_as_in_patroni() {
        // `AbstractEtcd.get_etcd_client` calls `split_host_port(host, 2379)`: a bare host is no error.
        assert_eq!(endpoints(&load_env(&[("PATRONI_ETCD3_HOST", "127.0.0.1")]).unwrap()), ["127.0.0.1:2379"]);
        assert_eq!(endpoints(&load_env(&[("PATRONI_ETCD3_HOSTS", "a,b:2379")]).unwrap()), ["a:2379", "b:2379"]);
        // An empty or unusable port is an error naming the variable.
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "127.0.0.1:")]));
        assert_eq!(message, "PATRONI_ETCD3_HOST: \"127.0.0.1:\": expected host:port with a port number (1-65535)");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOSTS", "a,b:x")]));
        assert_eq!(message, "PATRONI_ETCD3_HOSTS: \"b:x\": expected host:port with a port number (1-65535)");
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PORT", "twenty")]));
        assert_eq!(message, "PATRONI_ETCD3_PORT: expected a port number (1-65535), found \"twenty\"");
    }

    #[test]
    fn a_bad_protocol_names_the_variable_or_the_key() {
        let message = error_text(load_env(&[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PROTOCOL", "grpc")]));
        assert_eq!(message, "PATRONI_ETCD3_PROTOCOL: expected http or https, found \"grpc\"");
        let scratch = Scratch::new();
        let path = scratch.write("p.yml", "etcd3:\n  host: e\n  protocol: grpc\n");
        let message = error_text(load_with(Some(&path), None, &scratch.env(&[])));
        assert_eq!(message, format!("{}: etcd3.protocol: expected http or https, found \"grpc\"", path.display()));
    }

    const CERT_PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    /// A scratch directory with a CA, a client certificate, its key, both in one file, and an
    /// empty file.
    struct TlsFiles {
        scratch: Scratch,
        ca: String,
        cert: String,
        key: String,
        both: String,
        empty: String,
    }

    impl TlsFiles {
        fn new() -> TlsFiles {
            let scratch = Scratch::new();
            let path = |name: &str, text: &str| scratch.write(name, text).display().to_string();
            let (ca, cert, key) = (path("ca.pem", CERT_PEM), path("c.crt", CERT_PEM), path("c.key", KEY_PEM));
            let both = path("both.pem", &format!("{CERT_PEM}{KEY_PEM}"));
            let empty = path("empty.pem", "");
            TlsFiles { scratch, ca, cert, key, both, empty }
        }

        /// `load` itself, TLS checks included, from the environment (and `file`, if given).
        fn load(&self, file: Option<&str>, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
            let config_file = file.map(|text| self.scratch.write("patronictl.yaml", text));
            load(&SettingsInputs { config_file, dcs_url: None, insecure: false, env: &self.scratch.env(vars) })
        }

        /// With etcd over https: its TLS files are read only then.
        fn error(&self, vars: &[(&str, &str)]) -> String {
            let mut all = vec![("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_PROTOCOL", "https")];
            all.extend_from_slice(vars);
            problem(self.load(None, &all))
        }
    }

    /// The error of loading, or the REST file problem kept for the first agent.
    fn problem(result: Result<Settings, SettingsError>) -> String {
        match result {
            Err(e) => e.to_string(),
            Ok(settings) => settings.rest.file_problem.expect("expected an error or a REST file problem"),
        }
    }

    #[test]
    fn complete_tls_settings_load_and_a_combined_file_serves_as_the_key() {
        let tls = TlsFiles::new();
        let vars = [
            ("PATRONI_ETCD3_HOST", "e"),
            ("PATRONI_ETCD3_PROTOCOL", "https"),
            ("PATRONI_ETCD3_CACERT", tls.ca.as_str()),
            ("PATRONI_ETCD3_CERT", tls.cert.as_str()),
            ("PATRONI_ETCD3_KEY", tls.key.as_str()),
            ("PATRONI_CTL_CACERT", tls.ca.as_str()),
            ("PATRONI_CTL_CERTFILE", tls.cert.as_str()),
            ("PATRONI_CTL_KEYFILE", tls.key.as_str()),
        ];
        let settings = tls.load(None, &vars).unwrap();
        assert_eq!(settings.etcd3.unwrap().key, Some(PathBuf::from(&tls.key)));
        assert_eq!(settings.rest.keyfile, Some(PathBuf::from(&tls.key)));
        // `ssl.load_cert_chain(certfile)` finds the key in the certificate file.
        let vars = [
            ("PATRONI_ETCD3_HOST", "e"),
            ("PATRONI_ETCD3_PROTOCOL", "https"),
            ("PATRONI_ETCD3_CERT", tls.both.as_str()),
            ("PATRONI_CTL_CERTFILE", tls.both.as_str()),
        ];
        let settings = tls.load(None, &vars).unwrap();
        assert_eq!(settings.etcd3.unwrap().key, Some(PathBuf::from(&tls.both)));
        assert_eq!((settings.rest.certfile, settings.rest.keyfile), (Some(PathBuf::from(&tls.both)), None));
        // Over http etcd's TLS files are never opened, so an unused missing one is no error.
        tls.load(None, &[("PATRONI_ETCD3_HOST", "e"), ("PATRONI_ETCD3_CACERT", "/nonexistent")]).unwrap();
        // `restapi.certfile` is the agent's own certificate: patronictl never opens it.
        let vars = [("PATRONI_RESTAPI_CERTFILE", "/nonexistent"), ("PATRONI_RESTAPI_KEYFILE", "/nonexistent")];
        assert_eq!(tls.load(None, &vars).unwrap().rest.file_problem, None);
        // `--dcs-url` drops the etcd3 TLS settings, files and all.
        let env = tls.scratch.env(&[("PATRONI_ETCD3_CERT", "/nonexistent")]);
        let inputs =
            SettingsInputs { config_file: None, dcs_url: Some("etcd3://e".into()), insecure: false, env: &env };
        assert_eq!(load(&inputs).unwrap().etcd3.unwrap().cert, None);
    }

    #[test]
    fn half_set_client_certificates_name_the_missing_variable() {
        let tls = TlsFiles::new();
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CERT", &tls.cert)]),
            format!("PATRONI_ETCD3_CERT: {} holds no private key and PATRONI_ETCD3_KEY is not set", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_KEY", &tls.key)]),
            "PATRONI_ETCD3_KEY: a client key without its certificate: set PATRONI_ETCD3_CERT too"
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_CERTFILE", &tls.cert)]),
            format!("PATRONI_CTL_CERTFILE: {} holds no private key and PATRONI_CTL_KEYFILE is not set", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_KEYFILE", &tls.key)]),
            "PATRONI_CTL_KEYFILE: a client key without its certificate: set PATRONI_CTL_CERTFILE too"
        );
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CERT", &tls.cert), ("PATRONI_ETCD3_KEY", &tls.cert)]),
            format!("PATRONI_ETCD3_KEY: {} holds no PEM private key", tls.cert)
        );
        assert_eq!(
            tls.error(&[("PATRONI_CTL_CERTFILE", &tls.key), ("PATRONI_CTL_KEYFILE", &tls.key)]),
            format!("PATRONI_CTL_CERTFILE: {} holds no PEM certificate", tls.key)
        );
    }

    #[test]
    fn unreadable_or_empty_ca_files_name_the_variable() {
        let tls = TlsFiles::new();
        let missing = ": cannot read /nonexistent: No such file or directory (os error 2)";
        assert_eq!(tls.error(&[("PATRONI_ETCD3_CACERT", "/nonexistent")]), format!("PATRONI_ETCD3_CACERT{missing}"));
        assert_eq!(tls.error(&[("PATRONI_CTL_CACERT", "/nonexistent")]), format!("PATRONI_CTL_CACERT{missing}"));
        assert_eq!(
            tls.error(&[("PATRONI_RESTAPI_CAFILE", "/nonexistent")]),
            format!("PATRONI_RESTAPI_CAFILE{missing}")
        );
        // `restapi.cafile` is read only when `ctl.cacert` is not set.
        let vars = [("PATRONI_CTL_CACERT", tls.ca.as_str()), ("PATRONI_RESTAPI_CAFILE", "/nonexistent")];
        assert_eq!(tls.load(None, &vars).unwrap().rest.file_problem, None);
        assert_eq!(
            tls.error(&[("PATRONI_ETCD3_CACERT", &tls.empty)]),
            format!("PATRONI_ETCD3_CACERT: {} holds no PEM certificate", tls.empty)
        );
        let dir = tls.scratch.dir.display().to_string();
        let message = tls.error(&[("PATRONI_CTL_CACERT", &dir)]);
        assert!(message.starts_with(&format!("PATRONI_CTL_CACERT: cannot read {dir}: Is a directory")), "{message}");
    }

    #[test]
    fn tls_errors_from_a_file_name_the_file_and_key() {
        let tls = TlsFiles::new();
        let file = tls.scratch.dir.join("patronictl.yaml").display().to_string();
        let text = format!("etcd3:\n  host: e\n  protocol: https\n  cert: {}\n", tls.cert);
        assert_eq!(
            problem(tls.load(Some(&text), &[])),
            format!("{file}: etcd3.cert: {} holds no private key and etcd3.key is not set", tls.cert)
        );
        let text = "etcd3:\n  host: e\n  protocol: https\n  key: /k.pem\n";
        assert_eq!(
            problem(tls.load(Some(text), &[])),
            format!("{file}: etcd3.key: a client key without its certificate: set etcd3.cert too")
        );
        let text = "ctl:\n  cacert: /nonexistent\n";
        assert_eq!(
            problem(tls.load(Some(text), &[])),
            format!("{file}: ctl.cacert: cannot read /nonexistent: No such file or directory (os error 2)")
        );
        // The variable overrides the file's key, and the error names what was used.
        let text = format!("etcd3:\n  host: e\n  protocol: https\n  cacert: {}\n", tls.ca);
        assert_eq!(
            problem(tls.load(Some(&text), &[("PATRONI_ETCD3_CACERT", &tls.empty)])),
            format!("PATRONI_ETCD3_CACERT: {} holds no PEM certificate", tls.empty)
        );
    }

    #[test]
    fn pem_contents_go_by_the_begin_lines() {
        let contents = |text: &str| pem_contents(text.as_bytes());
        assert_eq!(contents(CERT_PEM), PemContents { certificate: true, private_key: false });
        assert_eq!(contents(KEY_PEM), PemContents { certificate: false, private_key: true });
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(contents(encrypted).private_key);
        assert!(contents("-----BEGIN RSA PRIVATE KEY-----\r\n").private_key);
        assert_eq!(contents("-----BEGIN CERTIFICATE REQUEST-----\n"), PemContents::default());
        assert_eq!(contents("not a pem"), PemContents::default());
    }

    #[test]
    fn tls_errors_carry_no_secrets() {
        let tls = TlsFiles::new();
        let message = tls.error(&[
            ("PATRONI_CTL_CERTFILE", &tls.cert),
            ("PATRONI_CTL_KEYFILE_PASSWORD", "key-secret"),
            ("PATRONI_ETCD3_PASSWORD", "etcd-secret"),
            ("PATRONI_ETCD3_USERNAME", "u"),
        ]);
        assert!(message.starts_with("PATRONI_CTL_CERTFILE: "), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }
}
