//! The state file of `--state-file` (nagiosplugin's `Cookie`, so check_patroni and hactl can share
//! one): a JSON object such as `{"hash": "…"}` or `{"timeline": 3}`, created empty when missing.

use serde_json::{Map, Value};
use std::fmt;
use std::path::{Path, PathBuf};

/// A value kept in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateValue {
    Text(String),
    Int(i64),
}

/// Python's `str()` of the value.
impl fmt::Display for StateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateValue::Text(s) => f.write_str(s),
            StateValue::Int(i) => write!(f, "{i}"),
        }
    }
}

pub struct StateFile {
    path: PathBuf,
    data: Map<String, Value>,
}

impl StateFile {
    /// Reads the file, creating it empty when it does not exist.
    pub fn open(path: &Path) -> Result<StateFile, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::write(path, "")
                    .map_err(|e| format!("cannot create the state file {}: {e}", path.display()))?;
                String::new()
            }
            Err(e) => return Err(format!("cannot read the state file {}: {e}", path.display())),
        };
        let data = if text.trim().is_empty() {
            Map::new()
        } else {
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map)) => map,
                _ => {
                    // As nagiosplugin: a damaged file is emptied, so that the next run starts afresh.
                    let _ = std::fs::write(path, "");
                    return Err(format!("the state file {} is not a JSON object; it was emptied", path.display()));
                }
            }
        };
        Ok(StateFile { path: path.to_path_buf(), data })
    }

    pub fn get(&self, key: &str) -> Option<StateValue> {
        match self.data.get(key)? {
            Value::String(s) => Some(StateValue::Text(s.clone())),
            Value::Number(n) => n.as_i64().map(StateValue::Int),
            Value::Null => None,
            other => Some(StateValue::Text(other.to_string())),
        }
    }

    /// Sets `key` and writes the file (`json.dump` and a newline).
    pub fn save(mut self, key: &str, value: StateValue) -> Result<(), String> {
        let value = match value {
            StateValue::Text(s) => Value::String(s),
            StateValue::Int(i) => Value::from(i),
        };
        self.data.insert(key.to_string(), value);
        let text = crate::pyfmt::json_dumps(&Value::Object(self.data)) + "\n";
        std::fs::write(&self.path, text)
            .map_err(|e| format!("cannot write the state file {}: {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_created_empty_and_a_saved_value_reads_back() {
        let dir = std::env::temp_dir().join(format!("hactl-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tl.state");
        let _ = std::fs::remove_file(&path);
        let file = StateFile::open(&path).unwrap();
        assert!(path.exists());
        assert_eq!(file.get("timeline"), None);
        file.save("timeline", StateValue::Int(3)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"timeline\": 3}\n");
        assert_eq!(StateFile::open(&path).unwrap().get("timeline"), Some(StateValue::Int(3)));
        std::fs::write(&path, "not json").unwrap();
        assert!(StateFile::open(&path).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
