//! One file per subcommand (or group): flags in, library call, typed result out through `Ui`.

pub mod cluster_role;
pub mod config;
pub mod etcd;
pub mod flush;
pub mod generate;
pub mod history;
pub mod lab;
pub mod list;
pub mod pause;
pub mod query;
pub mod reinit;
pub mod reload;
pub mod remove;
pub mod restart;
pub mod sentinel;
pub mod switchover;
pub mod version;

use crate::cli::GlobalArgs;
use hactl::config::{ConfigInputs, Settings};
use std::collections::BTreeMap;
use std::time::Duration;

/// Loads the patronictl-compatible configuration from the global flags and the environment.
pub fn load_settings(global: &GlobalArgs) -> anyhow::Result<Settings> {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let from_env = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    let inputs = ConfigInputs {
        config_file: global.config_file.clone().or_else(|| from_env("PATRONICTL_CONFIG_FILE").map(Into::into)),
        dcs_url: global.dcs_url.clone().or_else(|| from_env("DCS_URL")),
        insecure: global.insecure,
        env: &env,
    };
    Ok(hactl::config::load(&inputs)?)
}

pub fn dcs_timeout(global: &GlobalArgs) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(global.dcs_timeout).ok().filter(|d| !d.is_zero()).ok_or_else(|| {
        crate::usage_error(format!("--dcs-timeout must be a positive number of seconds, got {}", global.dcs_timeout))
    })
}
