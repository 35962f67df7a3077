//! What the tests of every settings file share: a scratch directory with its own `HOME`, and
//! `load` run on a file, the environment or `--dcs-url`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Settings, SettingsError, SettingsInputs, resolve};

/// A fresh directory under the system temp dir, removed when dropped.
pub(super) struct Scratch {
    pub(super) dir: PathBuf,
}

impl Scratch {
    pub(super) fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("hactl-settings-test-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    pub(super) fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    /// The process environment of a test: `HOME` is inside the scratch directory, so the
    /// default file exists only when a test writes it.
    pub(super) fn env(&self, vars: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut env = BTreeMap::from([("HOME".to_owned(), self.dir.join("home").display().to_string())]);
        env.extend(vars.iter().map(|(name, value)| (name.to_string(), value.to_string())));
        env
    }

    pub(super) fn default_file(&self, text: &str) -> PathBuf {
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
pub(super) fn load_with(
    config_file: Option<&Path>,
    dcs_url: Option<&str>,
    env: &BTreeMap<String, String>,
) -> Result<Settings, SettingsError> {
    let inputs = SettingsInputs {
        config_file: config_file.map(Path::to_owned),
        dcs_url: dcs_url.map(str::to_owned),
        insecure: false,
        env,
        context: None,
    };
    resolve(&inputs)?.settings(inputs.insecure)
}

pub(super) fn load_file(text: &str, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let scratch = Scratch::new();
    let path = scratch.write("patronictl.yaml", text);
    load_with(Some(&path), None, &scratch.env(vars))
}

pub(super) fn load_env(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let scratch = Scratch::new();
    load_with(None, None, &scratch.env(vars))
}

pub(super) fn load_env_with_dcs(url: &str, vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let scratch = Scratch::new();
    load_with(None, Some(url), &scratch.env(vars))
}

pub(super) fn endpoints(settings: &Settings) -> Vec<&str> {
    settings.etcd3.as_ref().expect("etcd3 configured").endpoints.iter().map(String::as_str).collect()
}

pub(super) fn error_text(result: Result<Settings, SettingsError>) -> String {
    result.expect_err("expected an error").to_string()
}
