//! Contexts, as kubectl has them: named configurations in one file (`~/.config/hactl/contexts.yaml`,
//! or the file `HACTL_CONTEXTS` names), each pointing at a configuration file (a patronictl.yaml or
//! a node's patroni.yml) or holding the same keys inline, and a `current-context`. Secrets are
//! never in the file: a context names the environment variable or the file each one comes from.
//!
//! ```yaml
//! current-context: prod
//! contexts:
//!   prod:
//!     config-file: /etc/patroni/prod.yaml
//!   dr:
//!     config:
//!       scope: demo
//!       etcd3: {hosts: 10.2.0.1:2379, username: ops}
//!     secrets:
//!       etcd3.password: {env: DR_ETCD_PASSWORD}
//! ```
//!
//! With no contexts file nothing changes: patronictl's lookup of its own file goes on as before.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use yaml_serde::{Mapping, Value};

use super::Secret;
use super::file::without_locations;
use crate::error::{Classify, ErrorKind};

/// The variable naming the contexts file, in place of the default path.
pub const CONTEXTS_VARIABLE: &str = "HACTL_CONTEXTS";
/// The variable naming the context to use, as `--context` does.
pub const CONTEXT_VARIABLE: &str = "HACTL_CONTEXT";
/// The line `hactl context use` rewrites.
const CURRENT_KEY: &str = "current-context";

/// Where the contexts file is: `HACTL_CONTEXTS`, else `$XDG_CONFIG_HOME/hactl/contexts.yaml`,
/// else `~/.config/hactl/contexts.yaml`; `None` when none of those variables is set.
pub fn contexts_path(env: &BTreeMap<String, String>) -> Option<PathBuf> {
    if let Some(path) = env.get(CONTEXTS_VARIABLE).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let config_home = match env.get("XDG_CONFIG_HOME").filter(|p| !p.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env.get("HOME")?).join(".config"),
    };
    Some(config_home.join("hactl").join("contexts.yaml"))
}

/// The contexts file, read and checked.
#[derive(Debug, Clone)]
pub struct Contexts {
    pub path: PathBuf,
    pub current: Option<String>,
    /// By name, in name order.
    pub contexts: BTreeMap<String, Context>,
}

#[derive(Debug, Clone)]
pub struct Context {
    pub name: String,
    pub config: ContextConfig,
    /// Dotted keys (`etcd3.password`) set from outside the file, over the configuration.
    pub secrets: Vec<SecretSource>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ContextConfig {
    /// A patronictl.yaml or patroni.yml (or a directory of them), as `-c` takes it.
    File(PathBuf),
    /// The same keys, written in the contexts file.
    Inline(Mapping),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSource {
    pub key: String,
    pub from: SecretFrom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretFrom {
    Env(String),
    /// Its content, without the trailing newline.
    File(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum ContextsError {
    #[error("cannot read the contexts file {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{column}: invalid contexts file: {message}", path.display())]
    Yaml { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}: context {context}: {message}", path.display())]
    Invalid { path: PathBuf, context: String, message: String },
    #[error("unknown context {name}; {}", known_contexts(path, known))]
    Unknown { name: String, path: PathBuf, known: Vec<String> },
    #[error(
        "context {name} was asked for, but there is no contexts file {}; create it, or point {CONTEXTS_VARIABLE} at one",
        path.display()
    )]
    NoFile { name: String, path: PathBuf },
    #[error("there is no contexts file {}; create one, or point {CONTEXTS_VARIABLE} at one", path.display())]
    Absent { path: PathBuf },
    #[error("no contexts file: set HOME or {CONTEXTS_VARIABLE}")]
    NoPath,
    #[error(
        "no context in use: {} has no current-context, and neither --context nor {CONTEXT_VARIABLE} names one; \
         choose one with `hactl context use NAME`",
        path.display()
    )]
    NoCurrent { path: PathBuf },
    /// Never holds the secret itself.
    #[error("context {context}: secret {key}: {message}")]
    Secret { context: String, key: String, message: String },
    #[error("cannot write the contexts file {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl Classify for ContextsError {
    fn kind(&self) -> ErrorKind {
        match self {
            ContextsError::Write { .. } | ContextsError::NoCurrent { .. } => ErrorKind::Failed,
            _ => ErrorKind::Usage,
        }
    }
}

fn known_contexts(path: &Path, known: &[String]) -> String {
    if known.is_empty() {
        format!("{} defines none", path.display())
    } else {
        format!("the contexts in {} are: {}", path.display(), known.join(", "))
    }
}

/// The file as written; checked into [`Contexts`] by [`parse`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping of current-context and contexts")]
struct FileShape {
    #[serde(rename = "current-context", default)]
    current: Option<String>,
    #[serde(default)]
    contexts: BTreeMap<String, EntryShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "a mapping of config-file or config, and secrets")]
struct EntryShape {
    config_file: Option<PathBuf>,
    config: Option<Mapping>,
    #[serde(default)]
    secrets: BTreeMap<String, SecretShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping of env or file")]
struct SecretShape {
    env: Option<String>,
    file: Option<PathBuf>,
}

/// Reads the contexts file; `None` when it does not exist.
pub fn read(path: &Path, env: &BTreeMap<String, String>) -> Result<Option<Contexts>, ContextsError> {
    match fs::read_to_string(path) {
        Ok(text) => parse(&text, path, env).map(Some),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ContextsError::Read { path: path.to_owned(), source }),
    }
}

/// Reads the contexts file, which must exist (`hactl context`, `--all-contexts`).
pub fn read_existing(env: &BTreeMap<String, String>) -> Result<Contexts, ContextsError> {
    let path = contexts_path(env).ok_or(ContextsError::NoPath)?;
    read(&path, env)?.ok_or(ContextsError::Absent { path })
}

/// Parses and checks a contexts file's text. Relative paths are taken from the file's folder
/// and `~/` from `HOME`, as kubectl resolves the paths of its config.
pub fn parse(text: &str, path: &Path, env: &BTreeMap<String, String>) -> Result<Contexts, ContextsError> {
    let shape: FileShape = if text.trim().is_empty() {
        FileShape { current: None, contexts: BTreeMap::new() }
    } else {
        yaml_serde::from_str(text).map_err(|error| {
            let (line, column) = error.location().map_or((1, 1), |at| (at.line(), at.column()));
            ContextsError::Yaml { path: path.to_owned(), line, column, message: without_locations(&error.to_string()) }
        })?
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let resolve = |file: &Path| resolve_path(file, folder, env);
    let mut contexts = BTreeMap::new();
    for (name, entry) in shape.contexts {
        let invalid =
            |message: String| ContextsError::Invalid { path: path.to_owned(), context: name.clone(), message };
        if !is_plain_name(&name) {
            return Err(invalid("a context name is letters, digits, '.', '_' and '-'".to_owned()));
        }
        let config = match (entry.config_file, entry.config) {
            (Some(file), None) => ContextConfig::File(resolve(&file)),
            (None, Some(config)) => ContextConfig::Inline(config),
            (Some(_), Some(_)) => return Err(invalid("give either config-file or config, not both".to_owned())),
            (None, None) => {
                return Err(invalid("give config-file (a configuration file) or config (its keys)".to_owned()));
            }
        };
        let mut secrets = Vec::new();
        for (key, source) in entry.secrets {
            let from = match (source.env, source.file) {
                (Some(variable), None) => SecretFrom::Env(variable),
                (None, Some(file)) => SecretFrom::File(resolve(&file)),
                _ => return Err(invalid(format!("secret {key}: give either env: VARIABLE or file: PATH"))),
            };
            if key.split('.').any(str::is_empty) {
                return Err(invalid(format!("secret {key}: expected a dotted key such as etcd3.password")));
            }
            secrets.push(SecretSource { key, from });
        }
        contexts.insert(name.clone(), Context { name, config, secrets });
    }
    Ok(Contexts { path: path.to_owned(), current: shape.current.filter(|c| !c.is_empty()), contexts })
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn resolve_path(file: &Path, folder: &Path, env: &BTreeMap<String, String>) -> PathBuf {
    if let (Ok(rest), Some(home)) = (file.strip_prefix("~"), env.get("HOME")) {
        return PathBuf::from(home).join(rest);
    }
    if file.is_relative() { folder.join(file) } else { file.to_owned() }
}

/// The context that applies, if any: `explicit` (`--context`), else `HACTL_CONTEXT` unless
/// `-c` was given (`config_file_flag`), else the file's `current-context` unless a configuration
/// file was named (`-c` or `PATRONICTL_CONFIG_FILE`). With no contexts file and no name asked
/// for, none: patronictl's own lookup applies.
pub fn chosen(
    explicit: Option<&str>,
    config_file_flag: bool,
    env: &BTreeMap<String, String>,
) -> Result<Option<Context>, ContextsError> {
    let path = contexts_path(env);
    if let Some(name) = asked_for(explicit, config_file_flag, env) {
        let path = path.ok_or(ContextsError::NoPath)?;
        let contexts = read(&path, env)?.ok_or_else(|| ContextsError::NoFile { name: name.clone(), path })?;
        return contexts.get(&name).cloned().map(Some);
    }
    if names_a_file(config_file_flag, env) {
        return Ok(None);
    }
    let Some(contexts) = path.map(|path| read(&path, env)).transpose()?.flatten() else { return Ok(None) };
    Ok(contexts.current()?.cloned())
}

/// The name of the context [`chosen`] takes from `contexts`, if any (`hactl context current`).
pub fn in_use(
    explicit: Option<&str>,
    config_file_flag: bool,
    env: &BTreeMap<String, String>,
    contexts: &Contexts,
) -> Option<String> {
    asked_for(explicit, config_file_flag, env)
        .or_else(|| contexts.current.clone().filter(|_| !names_a_file(config_file_flag, env)))
}

/// `--context`, else `HACTL_CONTEXT` unless `-c` was given.
fn asked_for(explicit: Option<&str>, config_file_flag: bool, env: &BTreeMap<String, String>) -> Option<String> {
    let variable = env.get(CONTEXT_VARIABLE).filter(|v| !v.is_empty() && !config_file_flag);
    explicit.map(str::to_owned).or_else(|| variable.cloned())
}

/// `-c` or `PATRONICTL_CONFIG_FILE`: a configuration file named, which the current-context yields to.
fn names_a_file(config_file_flag: bool, env: &BTreeMap<String, String>) -> bool {
    config_file_flag || env.get("PATRONICTL_CONFIG_FILE").is_some_and(|v| !v.is_empty())
}

impl Contexts {
    pub fn get(&self, name: &str) -> Result<&Context, ContextsError> {
        self.contexts.get(name).ok_or_else(|| ContextsError::Unknown {
            name: name.to_owned(),
            path: self.path.clone(),
            known: self.names(),
        })
    }

    pub fn names(&self) -> Vec<String> {
        self.contexts.keys().cloned().collect()
    }

    /// The `current-context`, which must be one of the file's.
    pub fn current(&self) -> Result<Option<&Context>, ContextsError> {
        self.current.as_deref().map(|name| self.get(name)).transpose()
    }
}

impl Context {
    /// Where its configuration is, in words: the file, or `inline`.
    pub fn source_text(&self) -> String {
        match &self.config {
            ContextConfig::File(path) => path.display().to_string(),
            ContextConfig::Inline(_) => "inline".to_owned(),
        }
    }

    /// Each secret's dotted key and value, read from its variable or file now.
    pub fn read_secrets(&self, env: &BTreeMap<String, String>) -> Result<Vec<(String, Secret)>, ContextsError> {
        let error = |key: &str, message: String| ContextsError::Secret {
            context: self.name.clone(),
            key: key.to_owned(),
            message,
        };
        let mut values = Vec::new();
        for SecretSource { key, from } in &self.secrets {
            let value = match from {
                SecretFrom::Env(variable) => match env.get(variable) {
                    Some(value) if !value.is_empty() => value.clone(),
                    _ => return Err(error(key, format!("environment variable {variable} is not set"))),
                },
                SecretFrom::File(path) => match fs::read_to_string(path) {
                    Ok(text) => text.trim_end_matches(['\n', '\r']).to_owned(),
                    Err(e) => return Err(error(key, format!("cannot read {}: {e}", path.display()))),
                },
            };
            values.push((key.clone(), Secret::new(value)));
        }
        Ok(values)
    }
}

impl Context {
    /// Where each secret comes from, in words: `etcd3.password from env DR_PASS`.
    pub fn secret_sources(&self) -> Vec<String> {
        let source = |SecretSource { key, from }: &SecretSource| match from {
            SecretFrom::Env(variable) => format!("{key} from env {variable}"),
            SecretFrom::File(path) => format!("{key} from file {}", path.display()),
        };
        self.secrets.iter().map(source).collect()
    }
}

/// Sets a dotted key (`etcd3.password`) in `config`, making the sections on the way.
pub(super) fn set_dotted(config: &mut Mapping, key: &str, value: Value) {
    let mut section = config;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let part = Value::String(part.to_owned());
        if parts.peek().is_none() {
            section.insert(part, value);
            return;
        }
        if !matches!(section.get(&part), Some(Value::Mapping(_))) {
            section.insert(part.clone(), Value::Mapping(Mapping::new()));
        }
        let Some(Value::Mapping(next)) = section.get_mut(&part) else { unreachable!("inserted above") };
        section = next;
    }
}

/// `hactl context use NAME`: rewrites the top-level `current-context` line, or adds one before
/// the first top-level key, and leaves every other line (comments, line endings) as it was. The
/// new text is parsed back and must name NAME, else nothing is written; the file (the target of
/// a symlink) is replaced at once, a temporary file renamed over it, keeping its permissions.
pub fn use_context(path: &Path, name: &str, env: &BTreeMap<String, String>) -> Result<(), ContextsError> {
    let text = fs::read_to_string(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => ContextsError::NoFile { name: name.to_owned(), path: path.to_owned() },
        _ => ContextsError::Read { path: path.to_owned(), source },
    })?;
    parse(&text, path, env)?.get(name)?;
    let names_it = |updated: &str| parse(updated, path, env).is_ok_and(|c| c.current.as_deref() == Some(name));
    // The plain name where it reads back as itself (not `null`, `true`, `1`), else quoted.
    let updated = [name.to_owned(), serde_json::Value::String(name.to_owned()).to_string()]
        .iter()
        .map(|value| with_current(&text, value))
        .find(|updated| names_it(updated))
        .ok_or_else(|| ContextsError::Invalid {
            path: path.to_owned(),
            context: name.to_owned(),
            message: "cannot set current-context in this file's layout; edit its current-context line by hand".into(),
        })?;
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let write_error = |source| ContextsError::Write { path: path.to_owned(), source };
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = tempfile::NamedTempFile::new_in(folder).map_err(write_error)?;
    fs::write(temporary.path(), updated).map_err(write_error)?;
    let permissions = fs::metadata(&target).map_err(write_error)?.permissions();
    fs::set_permissions(temporary.path(), permissions).map_err(write_error)?;
    temporary.persist(&target).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// `text` with its top-level `current-context` set to `value` (already YAML).
fn with_current(text: &str, value: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("{CURRENT_KEY}: {value}");
    let is_current = |l: &str| {
        let l = l.trim_start_matches('\u{feff}');
        [CURRENT_KEY.to_owned(), format!("\"{CURRENT_KEY}\""), format!("'{CURRENT_KEY}'")]
            .iter()
            .any(|key| l.strip_prefix(key.as_str()).is_some_and(|rest| rest.trim_start().starts_with(':')))
    };
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end_matches('\r').to_owned()).collect();
    match lines.iter().position(|l| is_current(l)) {
        Some(at) => {
            let bom = if lines[at].starts_with('\u{feff}') { "\u{feff}" } else { "" };
            lines[at] = format!("{bom}{line}");
        }
        None => {
            // Before the first top-level key: after a BOM, `%` directives, `---` and comments.
            let is_key = |l: &str| {
                let l = l.trim_start_matches('\u{feff}');
                !l.is_empty() && !l.starts_with([' ', '\t', '#', '%']) && !l.starts_with("---")
            };
            let at = lines.iter().position(|l| is_key(l)).unwrap_or(lines.len());
            match lines.get_mut(at).and_then(|l| l.strip_prefix('\u{feff}').map(str::to_owned)) {
                Some(rest) => {
                    lines[at] = rest;
                    lines.insert(at, format!("\u{feff}{line}"));
                }
                None => lines.insert(at, line),
            }
        }
    }
    lines.join(newline) + newline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> BTreeMap<String, String> {
        BTreeMap::from([("HOME".to_owned(), "/home/op".to_owned()), ("DR_PASS".to_owned(), "s3cret".to_owned())])
    }

    const FILE: &str = "\
# sites
current-context: prod
contexts:
  prod:
    config-file: prod.yaml
  dr:
    config:
      scope: demo
      etcd3: {hosts: 10.2.0.1:2379, username: ops}
    secrets:
      etcd3.password: {env: DR_PASS}
  home:
    config-file: ~/p.yml
";

    #[test]
    fn the_path_follows_the_variable_then_xdg_then_home() {
        let mut vars = env();
        assert_eq!(contexts_path(&vars), Some(PathBuf::from("/home/op/.config/hactl/contexts.yaml")));
        vars.insert("XDG_CONFIG_HOME".into(), "/xdg".into());
        assert_eq!(contexts_path(&vars), Some(PathBuf::from("/xdg/hactl/contexts.yaml")));
        vars.insert(CONTEXTS_VARIABLE.into(), "/etc/hactl/sites.yaml".into());
        assert_eq!(contexts_path(&vars), Some(PathBuf::from("/etc/hactl/sites.yaml")));
        assert_eq!(contexts_path(&BTreeMap::new()), None);
    }

    #[test]
    fn contexts_point_at_files_or_hold_keys_and_name_their_secrets() {
        let contexts = parse(FILE, Path::new("/etc/hactl/contexts.yaml"), &env()).unwrap();
        assert_eq!(contexts.names(), ["dr", "home", "prod"]);
        assert_eq!(contexts.current().unwrap().unwrap().name, "prod");
        assert_eq!(contexts.get("prod").unwrap().config, ContextConfig::File("/etc/hactl/prod.yaml".into()));
        assert_eq!(contexts.get("home").unwrap().config, ContextConfig::File("/home/op/p.yml".into()));
        let dr = contexts.get("dr").unwrap();
        assert!(matches!(&dr.config, ContextConfig::Inline(keys) if keys.contains_key("etcd3")));
        let secrets = dr.read_secrets(&env()).unwrap();
        assert_eq!(secrets[0].0, "etcd3.password");
        assert_eq!(secrets[0].1.expose(), "s3cret");
        let unset = dr.read_secrets(&BTreeMap::new()).unwrap_err().to_string();
        assert_eq!(unset, "context dr: secret etcd3.password: environment variable DR_PASS is not set");
    }

    #[test]
    fn bad_files_name_the_line_and_column_or_the_context() {
        let path = Path::new("/c.yaml");
        let error = parse("contexts:\n  a:\n    config-file: [x\n", path, &env()).unwrap_err().to_string();
        assert!(error.starts_with("/c.yaml:"), "{error}");
        assert!(error.contains("invalid contexts file"), "{error}");
        let error = parse("contexts:\n  a:\n    cofig-file: x\n", path, &env()).unwrap_err().to_string();
        assert!(
            error.starts_with("/c.yaml:3:5: invalid contexts file: contexts.a: unknown field `cofig-file`"),
            "{error}"
        );
        let error = parse("contexts:\n  a: {}\n", path, &env()).unwrap_err().to_string();
        assert_eq!(error, "/c.yaml: context a: give config-file (a configuration file) or config (its keys)");
        // Said in the file's words, not the parser's type names.
        let error = parse("contexts:\n  a: [1, 2]\n", path, &env()).unwrap_err().to_string();
        assert!(
            error.ends_with(
                "contexts.a: invalid type: sequence, expected a mapping of config-file or config, and secrets"
            ),
            "{error}"
        );
        let error = parse("contexts:\n  a: {config: {}, secrets: {x: {}}}\n", path, &env()).unwrap_err().to_string();
        assert_eq!(error, "/c.yaml: context a: secret x: give either env: VARIABLE or file: PATH");
        let contexts = parse(FILE, path, &env()).unwrap();
        let unknown = contexts.get("stage").unwrap_err().to_string();
        assert_eq!(unknown, "unknown context stage; the contexts in /c.yaml are: dr, home, prod");
        let dangling = parse("current-context: gone\ncontexts:\n  a: {config: {}}\n", path, &env()).unwrap();
        assert!(dangling.current().unwrap_err().to_string().starts_with("unknown context gone;"));
    }

    #[test]
    fn a_context_is_chosen_by_flag_then_variable_then_current_unless_a_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contexts.yaml");
        fs::write(&path, FILE).unwrap();
        let mut vars = env();
        vars.insert(CONTEXTS_VARIABLE.into(), path.display().to_string());
        let name = |explicit: Option<&str>, flag: bool, vars: &BTreeMap<String, String>| {
            chosen(explicit, flag, vars).unwrap().map(|c| c.name)
        };
        assert_eq!(name(None, false, &vars).as_deref(), Some("prod"));
        assert_eq!(name(None, true, &vars), None);
        assert_eq!(name(Some("dr"), false, &vars).as_deref(), Some("dr"));
        let mut with_variable = vars.clone();
        with_variable.insert(CONTEXT_VARIABLE.into(), "home".into());
        assert_eq!(name(None, false, &with_variable).as_deref(), Some("home"));
        assert_eq!(name(None, true, &with_variable), None, "-c beats HACTL_CONTEXT");
        let mut with_file = vars.clone();
        with_file.insert("PATRONICTL_CONFIG_FILE".into(), "/etc/p.yml".into());
        assert_eq!(name(None, false, &with_file), None, "PATRONICTL_CONFIG_FILE beats current-context");
        with_file.insert(CONTEXT_VARIABLE.into(), "dr".into());
        assert_eq!(name(None, false, &with_file).as_deref(), Some("dr"), "a context asked for by name wins");
        let mut none = env();
        none.insert(CONTEXTS_VARIABLE.into(), dir.path().join("absent.yaml").display().to_string());
        assert_eq!(name(None, false, &none), None, "no contexts file: nothing changes");
        let error = chosen(Some("dr"), false, &none).unwrap_err().to_string();
        assert!(error.starts_with("context dr was asked for, but there is no contexts file"), "{error}");
    }

    #[test]
    fn a_context_loads_as_a_file_would_with_its_secrets_and_the_environment_over_it() {
        let contexts = parse(FILE, Path::new("/nonexistent/contexts.yaml"), &env()).unwrap();
        let load = |name: &str, env: &BTreeMap<String, String>| {
            let inputs = crate::settings::SettingsInputs {
                config_file: None,
                dcs_url: None,
                insecure: false,
                env,
                context: Some(contexts.get(name).unwrap()),
            };
            crate::settings::load(&inputs)
        };
        let settings = load("dr", &env()).unwrap();
        assert_eq!(settings.scope.as_deref(), Some("demo"));
        let etcd = settings.etcd3.unwrap();
        assert_eq!(etcd.endpoints, ["10.2.0.1:2379"]);
        assert_eq!(
            (etcd.username.as_deref(), etcd.password.map(|p| p.expose().to_owned())),
            (Some("ops"), Some("s3cret".into()))
        );
        let mut scoped = env();
        scoped.insert("PATRONI_SCOPE".into(), "other".into());
        assert_eq!(load("dr", &scoped).unwrap().scope.as_deref(), Some("other"));
        let missing = load("prod", &env()).unwrap_err().to_string();
        assert_eq!(
            missing,
            "context prod: its configuration file /nonexistent/prod.yaml does not exist or cannot be read; fix its config-file"
        );
    }

    #[test]
    fn dotted_keys_make_their_sections() {
        let mut config: Mapping = yaml_serde::from_str("etcd3: {hosts: a}\n").unwrap();
        set_dotted(&mut config, "etcd3.password", Value::String("p".into()));
        set_dotted(&mut config, "ctl.keyfile_password", Value::String("k".into()));
        let text = yaml_serde::to_string(&config).unwrap();
        assert_eq!(text, "etcd3:\n  hosts: a\n  password: p\nctl:\n  keyfile_password: k\n");
    }

    #[test]
    fn use_rewrites_only_the_current_context_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contexts.yaml");
        fs::write(&path, FILE).unwrap();
        use_context(&path, "dr", &env()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), FILE.replace("current-context: prod", "current-context: dr"));
        let error = use_context(&path, "nope", &env()).unwrap_err().to_string();
        assert!(error.starts_with("unknown context nope;"), "{error}");
        let without = FILE.replace("current-context: prod\n", "");
        fs::write(&path, &without).unwrap();
        use_context(&path, "home", &env()).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            without.replace("contexts:", "current-context: home\ncontexts:")
        );
        // A document marker, CRLF line endings and a quoted key are kept as they are.
        let crlf =
            "---\r\n\"current-context\": prod\r\ncontexts:\r\n  prod: {config: {}}\r\n  \"null\": {config: {}}\r\n";
        fs::write(&path, crlf).unwrap();
        use_context(&path, "null", &env()).unwrap();
        let written = fs::read_to_string(&path).unwrap();
        assert_eq!(written, crlf.replace("\"current-context\": prod", "current-context: \"null\""));
        assert_eq!(parse(&written, &path, &env()).unwrap().current.as_deref(), Some("null"));
        fs::write(&path, "---\ncontexts:\n  a: {config: {}}\n").unwrap();
        use_context(&path, "a", &env()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "---\ncurrent-context: a\ncontexts:\n  a: {config: {}}\n");
        // Through a symlink: the file it points at is rewritten, the link stays.
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        fs::write(&path, FILE).unwrap();
        use_context(&link, "dr", &env()).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(fs::read_to_string(&path).unwrap().contains("current-context: dr\n"));
    }
}
