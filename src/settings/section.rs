//! Reading the merged configuration as Patroni does: typed values with Python's truthiness, and
//! errors that blame the file or the variable that set a key.

use std::path::PathBuf;

use yaml_serde::{Mapping, Value};

use super::{Origins, SettingsError};

/// One mapping of the merged configuration, read with Python's leniency: a falsy value
/// (null, `false`, `0`, `""`, `[]`, `{}`) counts as absent, as `config.get(key)` tests do.
pub(super) struct Section<'a> {
    /// Dotted key of this mapping; empty for the top level.
    key: String,
    /// `None` for a section given as a falsy value, which Patroni treats as `{}`.
    map: Option<&'a Mapping>,
    origins: &'a Origins,
}

impl<'a> Section<'a> {
    /// The top level of `config`.
    pub(super) fn root(config: &'a Mapping, origins: &'a Origins) -> Section<'a> {
        Section { key: String::new(), map: Some(config), origins }
    }

    pub(super) fn key_of(&self, field: &str) -> String {
        if self.key.is_empty() { field.to_owned() } else { format!("{}.{field}", self.key) }
    }

    pub(super) fn origin_of(&self, field: &str) -> &'a str {
        self.origins.of(&self.key_of(field))
    }

    pub(super) fn invalid(&self, field: &str, expected: &str, found: &Value) -> SettingsError {
        self.bad_value(field, format!("expected {expected}, found {}", kind(found)))
    }

    /// `origin: key: message` about this section as a whole.
    pub(super) fn bad_section(&self, message: String) -> SettingsError {
        SettingsError::Invalid { origin: self.origins.of(&self.key).to_owned(), key: self.key.clone(), message }
    }

    /// `origin: key: message`, or `VARIABLE: message` when a variable set exactly this key.
    pub(super) fn bad_value(&self, field: &str, message: String) -> SettingsError {
        let key = self.key_of(field);
        match self.origins.setter_of(&key) {
            Some(variable) => SettingsError::Invalid { origin: variable.to_owned(), key: String::new(), message },
            None => SettingsError::Invalid { origin: self.origins.of(&key).to_owned(), key, message },
        }
    }

    /// How to name `field` to whoever set `like`: its variable (`PATRONI_ETCD3_KEY`) when a
    /// variable set `like`, else its key (`etcd3.key`).
    pub(super) fn name_like(&self, field: &str, like: &str) -> String {
        let key = self.key_of(field);
        match self.origins.setter_of(&self.key_of(like)) {
            Some(variable) if variable.starts_with("PATRONI_") => {
                format!("PATRONI_{}", key.replace('.', "_").to_uppercase())
            }
            _ => key,
        }
    }

    pub(super) fn raw(&self, field: &str) -> Option<&'a Value> {
        self.map?.get(field)
    }

    pub(super) fn value(&self, field: &str) -> Option<&'a Value> {
        self.raw(field).filter(|value| !is_falsy(value))
    }

    /// A nested mapping, empty when absent.
    pub(super) fn section_or_empty(&self, field: &str) -> Result<Section<'a>, SettingsError> {
        let empty = Section { key: self.key_of(field), map: None, origins: self.origins };
        Ok(self.section(field)?.unwrap_or(empty))
    }

    /// A nested mapping: `None` when absent, empty when falsy.
    pub(super) fn section(&self, field: &str) -> Result<Option<Section<'a>>, SettingsError> {
        let map = match self.raw(field) {
            None => return Ok(None),
            Some(value) if is_falsy(value) => None,
            Some(Value::Mapping(map)) => Some(map),
            Some(other) => return Err(self.invalid(field, "a mapping", other)),
        };
        Ok(Some(Section { key: self.key_of(field), map, origins: self.origins }))
    }

    pub(super) fn text(&self, field: &str) -> Result<Option<String>, SettingsError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(self.invalid(field, "a string", other)),
        }
    }

    /// Names and passwords: Python formats numbers into them as text.
    pub(super) fn scalar_text(&self, field: &str) -> Result<Option<String>, SettingsError> {
        match self.value(field) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(Value::Number(number)) => Ok(Some(number.to_string())),
            Some(other) => Err(self.invalid(field, "a string", other)),
        }
    }

    /// Python truthiness for booleans and numbers; strings as `utils.parse_bool` reads them,
    /// since YAML 1.2 leaves `yes`/`no`/`on`/`off` as strings where PyYAML made booleans.
    pub(super) fn flag(&self, field: &str) -> Result<bool, SettingsError> {
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

    /// A list of `host[:port]` entries, given as a YAML list or a comma-separated string:
    /// trimmed, empty entries dropped; empty when absent or null.
    pub(super) fn host_list(&self, field: &str) -> Result<Vec<&'a str>, SettingsError> {
        let entries: Vec<&str> = match self.raw(field).filter(|value| !value.is_null()) {
            None => Vec::new(),
            Some(Value::String(hosts)) => hosts.split(',').collect(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Value::String(entry) => Ok(entry.as_str()),
                    other => Err(self.invalid(&format!("{field}[{index}]"), "a string \"host[:port]\"", other)),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => return Err(self.invalid(field, "a list or a comma-separated string", other)),
        };
        Ok(entries.into_iter().map(str::trim).filter(|entry| !entry.is_empty()).collect())
    }

    pub(super) fn path(&self, field: &str) -> Result<Option<PathBuf>, SettingsError> {
        Ok(self.text(field)?.map(PathBuf::from))
    }

    pub(super) fn port(&self, field: &str) -> Result<Option<u16>, SettingsError> {
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
}

/// `utils.parse_bool`.
fn parse_bool(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Python's truthiness, which Patroni's `if value` and `config.get(key) or ...` tests rely on.
pub(super) fn is_falsy(value: &Value) -> bool {
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
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Number(number) => number.to_string(),
        other => kind(other).to_owned(),
    }
}

pub(super) fn kind(value: &Value) -> &'static str {
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
    use std::fs;

    use crate::settings::test_support::*;

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
    fn errors_name_the_variable_that_set_a_key() {
        let message = error_text(load_file("scope: s\n", &[("PATRONI_ETCD3_SRV", "example.com")]));
        assert!(message.starts_with("PATRONI_ETCD3_SRV: etcd3.srv is not supported by hactl"), "{message}");
        let message = error_text(load_env(&[("PATRONI_ETCD3_PROTOCOL", "https")]));
        assert!(message.starts_with("the PATRONI_* environment: etcd3: neither"), "{message}");
    }
}
