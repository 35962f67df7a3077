//! The configuration file: where patronictl looks for it (`-c`, `PATRONICTL_CONFIG_FILE`, the
//! default path; a node's `patroni.yml` serves too), and reading it, or a directory of them, as
//! YAML, with errors that give the line and column.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use yaml_serde::{Mapping, Value};

use super::SettingsError;
use super::section::kind;

/// patronictl's default configuration file, as documented; [`default_config_path`] resolves it.
pub const DEFAULT_CONFIG_PATH: &str = "~/.config/patroni/patronictl.yaml";

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

/// The file (or directory) to read, if any: `config_file` (`-c`), else the default path. A
/// missing `-c` file is an error, unless it is the default path; a missing default file is not.
pub(super) fn find(
    config_file: Option<&Path>,
    env: &BTreeMap<String, String>,
) -> Result<Option<PathBuf>, SettingsError> {
    let default_path = default_config_path(env);
    let explicit_path = config_file.filter(|path| !path.as_os_str().is_empty()).map(Path::to_owned);
    if let Some(path) = &explicit_path
        && Some(path) != default_path.as_ref()
        && !is_readable(path)
    {
        return Err(SettingsError::MissingFile { path: path.clone() });
    }
    Ok(explicit_path.or(default_path).filter(|path| path.exists()))
}

/// `os.access(path, os.R_OK)`, by trying to read.
fn is_readable(path: &Path) -> bool {
    if path.is_dir() { fs::read_dir(path).is_ok() } else { fs::File::open(path).is_ok() }
}

/// `Config._load_config_path`: one YAML file, or every `*.yml`/`*.yaml` file of a directory
/// in name order, each patched over the previous ones.
pub(super) fn read_config_path(path: &Path) -> Result<Mapping, SettingsError> {
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
pub(super) fn parse_yaml(text: &str, origin: &Path) -> Result<Value, SettingsError> {
    let yaml_error = |error: yaml_serde::Error| {
        let (line, column) = error.location().map_or((0, 0), |at| (at.line(), at.column()));
        SettingsError::Yaml { path: origin.to_owned(), line, column, message: without_locations(&error.to_string()) }
    };
    let mut value: Value = yaml_serde::from_str(text).map_err(yaml_error)?;
    value.apply_merge().map_err(yaml_error)?;
    Ok(value)
}

/// Drops the ` at line L column C` parts of a YAML error, which `SettingsError::Yaml` shows as a prefix.
pub(super) fn without_locations(message: &str) -> String {
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
pub(super) fn patch_config(config: &mut Mapping, data: Mapping) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Scheme;
    use crate::settings::test_support::*;

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
}
