//! The dynamic configuration (the `/config` key): `show-config` and `edit-config` as patronictl
//! 4.1.5 does them (`format_config_for_editing`, `apply_config_changes`, `apply_yaml_file`,
//! `invoke_editor`, `show_diff`, `edit_config` in `patroni/ctl.py`).
//!
//! The configuration is shown as `yaml.safe_dump` text (sorted keys), edits are read as
//! `yaml.safe_load` reads them ([`crate::pyyaml`]), and the result is written as
//! `json.dumps(..., separators=(',', ':'))` text with a compare-and-swap on the key's mod
//! revision, so a concurrent change is never overwritten.

use crate::cluster::Cluster;
use crate::clusters::{self, ClusterReadError, ClusterSnapshot};
use crate::dcs::{Dcs, DcsError};
use crate::error::{Classify, ErrorKind};
use crate::pyfmt;
use crate::pyyaml::{self, YamlError};
use crate::settings::Settings;
use serde_json::{Map, Value};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum DynConfigError {
    #[error("The config key does not exist in the cluster {cluster}")]
    NoConfig { cluster: String },
    #[error("Invalid parameter setting {pair}")]
    InvalidSetting { pair: String },
    #[error("{origin}: invalid YAML at {error}")]
    Yaml { origin: String, error: YamlError },
    #[error("{origin}: the configuration must be a YAML mapping, found {found}; nothing was changed")]
    NotAMapping { origin: String, found: &'static str },
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("EDITOR environment variable is not set. editor or vi are not available")]
    NoEditor,
    #[error("cannot start the editor {editor}: {source}")]
    EditorStart {
        editor: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Editor exited with return code {code}")]
    EditorFailed { code: i32 },
    #[error(
        "Config modification aborted due to concurrent changes: the configuration of {cluster} changed after it was read (mod revision {revision}); nothing was overwritten, run edit-config again"
    )]
    Conflict { cluster: String, revision: i64 },
    #[error(transparent)]
    Ops(#[from] ClusterReadError),
    #[error(transparent)]
    Dcs(#[from] DcsError),
}

impl Classify for DynConfigError {
    fn kind(&self) -> ErrorKind {
        match self {
            DynConfigError::NoConfig { .. }
            | DynConfigError::EditorFailed { .. }
            | DynConfigError::EditorStart { .. }
            | DynConfigError::Read { .. } => ErrorKind::Failed,
            DynConfigError::InvalidSetting { .. }
            | DynConfigError::Yaml { .. }
            | DynConfigError::NotAMapping { .. }
            | DynConfigError::NoEditor => ErrorKind::Usage,
            DynConfigError::Conflict { .. } => ErrorKind::Refused,
            DynConfigError::Ops(e) => e.kind(),
            DynConfigError::Dcs(e) => e.kind(),
        }
    }
}

/// The prefix of a cluster, with its Citus group when there is one: `/service/demo/` or
/// `/service/demo/1/`. `group` is the `--group` flag, else the configuration's `citus.group`.
pub fn cluster_prefix(settings: &Settings, name: &str, group: Option<i64>) -> String {
    let base = settings.key_prefix(name);
    match group.or(settings.citus_group.filter(|_| settings.is_citus)) {
        Some(group) => format!("{base}{group}/"),
        None if settings.is_citus => format!("{base}0/"),
        None => base,
    }
}

/// Reads one cluster (or one Citus group of it) in one range read; no keys at all is an unknown
/// cluster.
pub async fn read_cluster(
    dcs: &mut Dcs,
    settings: &Settings,
    name: &str,
    group: Option<i64>,
) -> Result<ClusterSnapshot, ClusterReadError> {
    let prefix = cluster_prefix(settings, name, group);
    if prefix == settings.key_prefix(name) {
        return clusters::read_cluster(dcs, settings, name).await;
    }
    let snapshot = dcs.snapshot(&prefix).await?;
    if snapshot.nodes.is_empty() {
        // The cluster may exist without this group: name the cluster, as for an unknown one.
        return match clusters::read_cluster(dcs, settings, name).await {
            Ok(_) => Err(ClusterReadError::UnknownCluster {
                name: format!("{name} (group {})", prefix.trim_end_matches('/').rsplit('/').next().unwrap_or("?")),
                namespace: settings.namespace_prefix(),
                known: "the cluster has no keys for this Citus group".into(),
            }),
            Err(e) => Err(e),
        };
    }
    let cluster = Cluster::from_nodes(name, &snapshot.nodes);
    Ok(ClusterSnapshot { name: name.to_string(), prefix, snapshot, cluster })
}

/// The `/config` key as `show-config` and `edit-config` work on it: its configuration, and the
/// mod revision a write compares against.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentConfig {
    /// Empty when the key's value is unreadable, as Patroni's `ClusterConfig.from_node` makes it.
    pub data: Map<String, Value>,
    pub mod_revision: i64,
    /// Set when the key exists but its value is not a JSON object.
    pub unreadable: Option<UnreadableConfig>,
}

/// A `/config` key whose value is not a JSON object (invalid JSON, `[1,2]`, `"x"`, empty).
/// Patroni and patronictl read it as an empty configuration (`{}`), and patronictl's edit-config
/// replaces it; hactl does the same, and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableConfig {
    /// The full key, e.g. `/service/demo/config`.
    pub key: String,
    /// Why it could not be read, e.g. `not a JSON object`.
    pub reason: String,
}

impl UnreadableConfig {
    /// `show-config`'s warning; `edit_command` is the command line that rewrites the key.
    pub fn shown_as_empty(&self, edit_command: &str) -> String {
        format!(
            "unreadable key {}: {}; shown as an empty configuration; `{edit_command} --replace FILE` rewrites it",
            self.key, self.reason
        )
    }

    /// `edit-config`'s warning before the diff: what the edit starts from.
    pub fn edited_as_empty(&self) -> String {
        format!(
            "unreadable key {}: {}; edited as an empty configuration ({{}}), the new configuration replaces the unreadable value",
            self.key, self.reason
        )
    }

    /// `edit-config`'s note once the new configuration is written.
    pub fn replaced(&self) -> String {
        format!("Replaced the unreadable value of {}", self.key)
    }
}

impl CurrentConfig {
    /// Whether `edited` leaves the key as it is (`cluster.config.data == changed_data`). Never for
    /// an unreadable value: writing even `{}` repairs it.
    pub fn unchanged_by(&self, edited: &Edited) -> bool {
        self.unreadable.is_none() && is_unchanged(&self.data, edited)
    }
}

/// The cluster's configuration, or patronictl's error when the key is absent. A key whose value
/// is not a JSON object is an empty configuration at the key's mod revision, with
/// [`CurrentConfig::unreadable`] set (`Cluster::from_nodes` already recorded why).
pub fn current_config(read: &ClusterSnapshot) -> Result<CurrentConfig, DynConfigError> {
    if let Some(config) = &read.cluster.config {
        return Ok(CurrentConfig { data: config.data.clone(), mod_revision: config.mod_revision, unreadable: None });
    }
    let node = read.snapshot.nodes.iter().find(|n| n.key == "config");
    let Some(node) = node else { return Err(DynConfigError::NoConfig { cluster: read.name.clone() }) };
    let reason = read.cluster.problems.iter().find(|p| p.key == "config").map(|p| p.reason.clone());
    Ok(CurrentConfig {
        data: Map::new(),
        mod_revision: node.mod_revision,
        unreadable: Some(UnreadableConfig {
            key: format!("{}config", read.prefix),
            reason: reason.unwrap_or_else(|| "not a JSON object".into()),
        }),
    })
}

/// `format_config_for_editing`: `yaml.safe_dump(data, default_flow_style=False, ...)`.
pub fn format_for_editing(data: &Map<String, Value>) -> String {
    pyfmt::yaml_dump(&Value::Object(data.clone()), false)
}

/// `show-config`'s output: the YAML and the newline `click.echo` adds.
pub fn show_config_text(data: &Map<String, Value>) -> String {
    format_for_editing(data) + "\n"
}

/// Where the new configuration comes from, applied in patronictl's order: `--replace`, then
/// `--apply`, then `-s`/`-p`. With none of them, the editor is used.
#[derive(Debug, Default, Clone)]
pub struct EditSources {
    /// `--replace`: (where it came from, its text).
    pub replace: Option<(String, String)>,
    /// `--apply`: (where it came from, its text).
    pub apply: Option<(String, String)>,
    /// `-s key=value` pairs, then `-p` pairs as `postgresql.parameters.key=value`.
    pub pairs: Vec<String>,
}

impl EditSources {
    /// `-s` pairs and `-p` pairs as patronictl joins them.
    pub fn with_pairs(mut self, set: &[String], pg: &[String]) -> EditSources {
        self.pairs =
            set.iter().cloned().chain(pg.iter().map(|p| format!("postgresql.parameters.{}", p.trim_start()))).collect();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.replace.is_none() && self.apply.is_none() && self.pairs.is_empty()
    }
}

/// An edited configuration: the text shown on the right of the diff, and the data to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub after_text: String,
    pub data: Map<String, Value>,
}

/// Applies the sources to `current`; `None` when there are none (the editor is wanted).
pub fn apply_sources(current: &Map<String, Value>, sources: &EditSources) -> Result<Option<Edited>, DynConfigError> {
    if sources.is_empty() {
        return Ok(None);
    }
    let mut data = current.clone();
    if let Some((origin, text)) = &sources.replace {
        data = Map::new();
        patch_config(&mut data, &load_mapping(origin, text)?);
    }
    if let Some((origin, text)) = &sources.apply {
        patch_config(&mut data, &load_mapping(origin, text)?);
    }
    apply_config_changes(&mut data, &sources.pairs)?;
    Ok(Some(Edited { after_text: format_for_editing(&data), data }))
}

/// Reads an edited text as the new configuration (`yaml.safe_load(after_editing)`).
pub fn parse_edited(origin: &str, text: &str) -> Result<Edited, DynConfigError> {
    Ok(Edited { after_text: text.to_string(), data: load_mapping(origin, text)? })
}

fn load_mapping(origin: &str, text: &str) -> Result<Map<String, Value>, DynConfigError> {
    match pyyaml::safe_load(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(DynConfigError::NotAMapping { origin: origin.to_string(), found: kind_name(&other) }),
        Err(error) => Err(DynConfigError::Yaml { origin: origin.to_string(), error }),
    }
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (an empty document)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// `apply_config_changes`: dotted paths into the configuration, except that everything after
/// `postgresql.parameters.` is one parameter name (GUCs may contain dots); values are YAML; a
/// `null` value removes the key, and mappings left empty are removed.
pub fn apply_config_changes(data: &mut Map<String, Value>, pairs: &[String]) -> Result<(), DynConfigError> {
    for pair in pairs {
        let Some((key_path, value)) = pair.split_once('=') else {
            return Err(DynConfigError::InvalidSetting { pair: pair.clone() });
        };
        let value = pyyaml::safe_load(value)
            .map_err(|error| DynConfigError::Yaml { origin: format!("the value of {}", key_path.trim()), error })?;
        let path: Vec<String> = key_path.trim().split('.').map(str::to_string).collect();
        set_path_value(data, &path, value, &[]);
    }
    Ok(())
}

fn set_path_value(config: &mut Map<String, Value>, path: &[String], value: Value, prefix: &[String]) {
    // PostgreSQL parameters cannot nest but may contain dots: the rest of the path is one name.
    let flattened;
    let path = if prefix == ["postgresql", "parameters"] {
        flattened = [path.join(".")];
        &flattened[..]
    } else {
        path
    };
    let key = &path[0];
    if path.len() == 1 {
        if value.is_null() {
            config.shift_remove(key);
        } else {
            config.insert(key.clone(), value);
        }
        return;
    }
    if !matches!(config.get(key), Some(Value::Object(_))) {
        config.insert(key.clone(), Value::Object(Map::new()));
    }
    let deeper: Vec<String> = prefix.iter().cloned().chain([key.clone()]).collect();
    if let Some(Value::Object(inner)) = config.get_mut(key) {
        set_path_value(inner, &path[1..], value, &deeper);
        if inner.is_empty() {
            config.shift_remove(key);
        }
    }
}

/// `patroni.utils.patch_config`: `None` removes a key, mappings merge, other values replace the
/// old one unless both print the same (`str(old) == str(new)` keeps the old value).
pub fn patch_config(config: &mut Map<String, Value>, data: &Map<String, Value>) {
    for (name, value) in data {
        if value.is_null() {
            config.shift_remove(name);
            continue;
        }
        match (config.get_mut(name), value) {
            (Some(Value::Object(old)), Value::Object(new)) => patch_config(old, new),
            (Some(old), Value::Object(_)) => *old = value.clone(),
            (Some(old), _) => {
                if py_str(old) != py_str(value) {
                    *old = value.clone();
                }
            }
            (None, _) => {
                config.insert(name.clone(), value.clone());
            }
        }
    }
}

/// Python's `==` between two JSON-like values: `1 == 1.0 == True`, mappings regardless of order.
pub fn py_eq(a: &Value, b: &Value) -> bool {
    let number = |v: &Value| match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| py_eq(v, w)),
        (Value::Number(x), Value::Number(y)) if (x.is_i64() || x.is_u64()) && (y.is_i64() || y.is_u64()) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// Python's `str()` of a JSON-like value (`True`, `None`, `[1, 'a']`, `{'a': 1}`).
pub fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(_) => pyfmt::json_dumps(value),
        Value::String(s) => {
            let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
            let mut out = String::from(quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c == quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        Value::Array(items) => format!("[{}]", items.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether the edit changes nothing (`cluster.config.data == changed_data`).
pub fn is_unchanged(current: &Map<String, Value>, edited: &Edited) -> bool {
    py_eq(&Value::Object(current.clone()), &Value::Object(edited.data.clone()))
}

/// `json.dumps(data, separators=(',', ':'))`: what patronictl writes to the `/config` key.
pub fn compact_json(value: &Value) -> String {
    match value {
        Value::Array(items) => format!("[{}]", items.iter().map(compact_json).collect::<Vec<_>>().join(",")),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}:{}", pyfmt::json_dumps(&Value::String(k.clone())), compact_json(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        scalar => pyfmt::json_dumps(scalar),
    }
}

/// `show_diff` without a terminal: the lines of `difflib.unified_diff` of the two texts, each
/// without its newline. Empty when the texts are the same.
pub fn unified_diff(before: &str, after: &str) -> Vec<String> {
    let listify = |s: &str| -> Vec<String> { s.trim_end_matches('\n').split('\n').map(|l| format!("{l}\n")).collect() };
    let (a, b) = (listify(before), listify(after));
    let mut lines = difflib::unified_diff(&a, &b, "", "", "", "", 3);
    // Python writes `--- ` and `+++ ` when there is no file date; this port adds a tab.
    for line in lines.iter_mut().take(2) {
        if let Some(head) = line.strip_suffix("\t\n") {
            *line = format!("{head}\n");
        }
    }
    lines.into_iter().map(|l| l.strip_suffix('\n').map(str::to_string).unwrap_or(l)).collect()
}

/// The editor patronictl runs: `$EDITOR`, else `editor`, else `vi` on the PATH.
pub fn find_editor(editor_env: Option<&str>, path_env: Option<&str>) -> Result<String, DynConfigError> {
    if let Some(editor) = editor_env.filter(|e| !e.is_empty()) {
        return Ok(editor.to_string());
    }
    for name in ["editor", "vi"] {
        for dir in path_env.unwrap_or_default().split(':').filter(|d| !d.is_empty()) {
            let candidate = std::path::Path::new(dir).join(name);
            if is_executable(&candidate) {
                return Ok(candidate.display().to_string());
            }
        }
    }
    Err(DynConfigError::NoEditor)
}

fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `invoke_editor`: writes `before` to `<cluster>-config-XXXX.yaml` in the temporary directory,
/// runs the editor on it with the terminal, and returns what it holds afterwards. An editor
/// command with arguments (`code --wait`) runs through `sh`, as git runs `$EDITOR`.
pub fn invoke_editor(editor: &str, before: &str, cluster: &str) -> Result<String, DynConfigError> {
    use std::io::Write;
    let prefix = format!("{}-config-", cluster.replace('/', "_"));
    let file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".yaml")
        .tempfile()
        .map_err(|source| DynConfigError::Read { path: std::env::temp_dir(), source })?;
    let path = file.path().to_path_buf();
    file.as_file()
        .write_all(before.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|source| DynConfigError::Read { path: path.clone(), source })?;
    let mut command = if editor.contains(char::is_whitespace) {
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(format!("{editor} \"$1\"")).arg(editor).arg(&path);
        c
    } else {
        let mut c = std::process::Command::new(editor);
        c.arg(&path);
        c
    };
    let status =
        command.status().map_err(|source| DynConfigError::EditorStart { editor: editor.to_string(), source })?;
    if !status.success() {
        return Err(DynConfigError::EditorFailed { code: status.code().unwrap_or(-1) });
    }
    // The editor may have replaced the file: read it by its path.
    std::fs::read_to_string(&path).map_err(|source| DynConfigError::Read { path, source })
}

/// Writes the new configuration if the key still has the mod revision it was read at (an
/// unreadable value too: the key exists, so the compare is on its mod revision, never "absent").
pub async fn write_config(
    dcs: &mut Dcs,
    read: &ClusterSnapshot,
    config: &CurrentConfig,
    data: &Map<String, Value>,
) -> Result<(), DynConfigError> {
    let key = format!("{}config", read.prefix);
    let text = compact_json(&Value::Object(data.clone()));
    if dcs.compare_and_put(&key, &text, config.mod_revision).await? {
        Ok(())
    } else {
        Err(DynConfigError::Conflict { cluster: read.name.clone(), revision: config.mod_revision })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn set_pairs_follow_apply_config_changes() {
        let mut data =
            map(json!({"ttl": 30, "postgresql": {"parameters": {"max_connections": 100}, "use_slots": true}}));
        apply_config_changes(
            &mut data,
            &[
                "ttl=20".into(),
                "postgresql.parameters.archive_mode=on".into(),
                "postgresql.parameters.unix_socket_permissions=0777".into(),
                "postgresql.parameters.pg_stat_statements.track=all".into(),
                "postgresql.parameters.max_connections=null".into(),
                "postgresql.use_slots=".into(),
                "synchronous_mode='on'".into(),
                "a.b.c=9.6".into(),
            ],
        )
        .unwrap();
        assert_eq!(
            compact_json(&Value::Object(data)),
            r#"{"ttl":20,"postgresql":{"parameters":{"archive_mode":true,"unix_socket_permissions":511,"pg_stat_statements.track":"all"}},"synchronous_mode":"on","a":{"b":{"c":9.6}}}"#
        );
        let mut data = map(json!({"a": {"b": 1}}));
        apply_config_changes(&mut data, &["a.b=null".into()]).unwrap();
        assert_eq!(data, Map::new(), "a mapping left empty is removed");
        assert_eq!(
            apply_config_changes(&mut data, &["novalue".into()]).unwrap_err().to_string(),
            "Invalid parameter setting novalue"
        );
    }

    #[test]
    fn apply_and_replace_patch_as_patronictl() {
        let current = map(json!({"ttl": 30, "loop_wait": 10, "postgresql": {"parameters": {"a": "on"}}}));
        let sources = EditSources {
            apply: Some(("-".into(), "ttl: '30'\nloop_wait: null\npostgresql: {parameters: {b: 1}}\n".into())),
            ..EditSources::default()
        };
        let edited = apply_sources(&current, &sources).unwrap().unwrap();
        assert_eq!(edited.data, map(json!({"ttl": 30, "postgresql": {"parameters": {"a": "on", "b": 1}}})));
        assert_eq!(edited.after_text, "postgresql:\n  parameters:\n    a: 'on'\n    b: 1\nttl: 30\n");
        let sources =
            EditSources { replace: Some(("f".into(), "ttl: 20\nx: null\n".into())), ..EditSources::default() };
        assert_eq!(apply_sources(&current, &sources).unwrap().unwrap().data, map(json!({"ttl": 20})));
        let sources = EditSources { apply: Some(("f".into(), "- 1\n".into())), ..EditSources::default() };
        assert!(matches!(apply_sources(&current, &sources), Err(DynConfigError::NotAMapping { .. })));
        assert_eq!(apply_sources(&current, &EditSources::default()).unwrap(), None);
    }

    #[test]
    fn python_equality_and_str() {
        assert!(py_eq(&json!({"a": 1, "b": [true]}), &json!({"b": [1], "a": 1.0})));
        assert!(!py_eq(&json!({"a": "1"}), &json!({"a": 1})));
        assert_eq!(py_str(&json!([1, "a", null, {"k": true}])), "[1, 'a', None, {'k': True}]");
        assert_eq!(py_str(&json!(1.0)), "1.0");
    }

    #[test]
    fn diff_is_difflib_unified_diff() {
        let before = "loop_wait: 10\nttl: 30\n";
        let after = "loop_wait: 10\nttl: 20\n";
        assert_eq!(
            unified_diff(before, after),
            ["--- ", "+++ ", "@@ -1,2 +1,2 @@", " loop_wait: 10", "-ttl: 30", "+ttl: 20"]
        );
        assert!(unified_diff(before, before).is_empty());
    }

    #[test]
    fn show_config_text_reads_back_to_the_same_configuration() {
        let tricky = [
            "on",
            "Off",
            "yes",
            "0777",
            "9.6",
            "1e3",
            "1_000",
            "0x1F",
            "190:20:30",
            ".inf",
            "null",
            "~",
            "",
            "=",
            "<<",
            "2026-01-01",
            "2026-01-01 10:00:00",
            "a: b",
            "- x",
            "#c",
            "it's",
            "say \"hi\"",
            "tab\there",
            "multi\nline\n",
            " lead",
            "trail ",
            "é",
            "@at",
            "%pct",
            "!bang",
            "&amp",
            "*star",
            "? q",
            "x #y",
            "128MB",
            "a\n\nb",
        ];
        // PyYAML breaks a plain or single-quoted scalar at a space once the line passes 200 columns.
        let long = format!("cp {} %p", "/archive/wal ".repeat(20));
        let quoted_long = format!("it's {}", "on and ".repeat(40));
        let mut params = Map::new();
        params.insert("restore_command".into(), Value::String(long.clone()));
        params.insert("quoted".into(), Value::String(quoted_long.clone()));
        for (i, t) in tricky.iter().enumerate() {
            params.insert(format!("p{i}"), Value::String(t.to_string()));
        }
        let data = map(json!({
            "ttl": 30, "f": 1.5, "big": 1e20, "neg": -3, "flag": true, "none": null,
            "postgresql": {"parameters": params, "pg_hba": ["host all all 0.0.0.0/0 md5", "local all all trust"]},
            "tags": {"on": "off", "yes": [1, "no", {"k": "0777"}]},
        }));
        let text = format_for_editing(&data);
        assert!(text.contains("    restore_command: cp /archive/wal "), "{text}");
        assert!(text.lines().all(|l| l.chars().count() < 230), "long values are folded: {text}");
        assert!(text.contains("\n      /archive/wal"), "continued at the value's indentation: {text}");
        let back = parse_edited("t", &text).unwrap();
        assert!(is_unchanged(&data, &back), "{text}\n{:?}", back.data);
        assert_eq!(Value::Object(back.data), Value::Object(data));
    }

    fn snapshot_with_config(value: Option<&str>) -> ClusterSnapshot {
        let node = |key: &str, value: &str, mod_revision| crate::cluster::RawNode {
            key: key.into(),
            value: value.into(),
            mod_revision,
            lease: 0,
        };
        let mut nodes = vec![node("initialize", "7", 3)];
        nodes.extend(value.map(|v| node("config", v, 9)));
        let cluster = Cluster::from_nodes("demo", &nodes);
        ClusterSnapshot {
            name: "demo".into(),
            prefix: "/service/demo/".into(),
            snapshot: crate::dcs::Snapshot { nodes, revision: 12 },
            cluster,
        }
    }

    #[test]
    fn an_unreadable_config_is_empty_at_its_mod_revision() {
        let read = snapshot_with_config(Some(r#"{"ttl": 30}"#));
        let current = current_config(&read).unwrap();
        assert_eq!((current.data, current.mod_revision, current.unreadable), (map(json!({"ttl": 30})), 9, None));
        for (value, reason) in [
            (r#"{"ttl": 30, "loop_wait""#, "not valid JSON"),
            ("[1,2]", "not a JSON object"),
            ("\"x\"", "not a JSON object"),
            ("", "not valid JSON"),
        ] {
            let current = current_config(&snapshot_with_config(Some(value))).unwrap();
            assert_eq!((current.data.len(), current.mod_revision), (0, 9), "{value:?}");
            let unreadable = current.unreadable.clone().unwrap();
            assert_eq!(unreadable.key, "/service/demo/config");
            assert!(unreadable.reason.starts_with(reason), "{value:?}: {}", unreadable.reason);
            let warning = unreadable.shown_as_empty("hactl edit-config demo");
            assert!(warning.contains("hactl edit-config demo --replace FILE") && !warning.contains('\n'), "{warning}");
            let empty = Edited { after_text: "{}\n".into(), data: Map::new() };
            assert!(!current.unchanged_by(&empty), "writing {{}} still repairs {value:?}");
        }
        assert!(matches!(current_config(&snapshot_with_config(None)), Err(DynConfigError::NoConfig { .. })));
    }

    #[test]
    fn compact_json_is_json_dumps_with_separators() {
        assert_eq!(
            compact_json(&json!({"a": [1, 2.5, "é"], "b": {"c": null}})),
            r#"{"a":[1,2.5,"\u00e9"],"b":{"c":null}}"#
        );
    }
}
