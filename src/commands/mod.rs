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
use crate::ui::Ui;
use crate::usage_error;
use hactl::cluster::{Cluster, Member};
use hactl::clusters::{self, ClusterSnapshot};
use hactl::dcs::Dcs;
use hactl::render::{self, ListFormat, Listing};
use hactl::settings::{Settings, SettingsInputs};
use std::collections::BTreeMap;
use std::time::Duration;

/// Loads the patronictl-compatible configuration from the global flags and the environment.
pub fn load_settings(global: &GlobalArgs) -> anyhow::Result<Settings> {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let from_env = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    let inputs = SettingsInputs {
        config_file: global.config_file.clone().or_else(|| from_env("PATRONICTL_CONFIG_FILE").map(Into::into)),
        dcs_url: global.dcs_url.clone().or_else(|| from_env("DCS_URL")),
        insecure: global.insecure,
        env: &env,
    };
    Ok(hactl::settings::load(&inputs)?)
}

pub fn dcs_timeout(global: &GlobalArgs) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(global.dcs_timeout).ok().filter(|d| !d.is_zero()).ok_or_else(|| {
        crate::usage_error(format!("--dcs-timeout must be a positive number of seconds, got {}", global.dcs_timeout))
    })
}

/// patronictl prints the cluster before acting on it (`output_members`).
pub fn cluster_table(name: &str, cluster: &Cluster, colour: bool) -> String {
    render::render_members(&Listing::single(name, cluster), ListFormat::Pretty, false, colour)
}

/// How every member action starts: the settings, one read of the cluster and, for pretty
/// output, its table, as patronictl prints it first.
pub struct MemberAction {
    pub settings: Settings,
    pub dcs: Dcs,
    pub read: ClusterSnapshot,
}

pub async fn start_member_action(
    ui: &mut Ui,
    global: &GlobalArgs,
    name: &str,
    pretty: bool,
) -> anyhow::Result<MemberAction> {
    let settings = load_settings(global)?;
    let mut dcs = clusters::connect(&settings, dcs_timeout(global)?).await?;
    let read = clusters::read_cluster(&mut dcs, &settings, name).await?;
    if pretty {
        ui.out(&cluster_table(name, &read.cluster, ui.color()))?;
    }
    Ok(MemberAction { settings, dcs, read })
}

/// patronictl's question before acting on members: `Aborted <verb>` (exit 1) when the answer is no.
pub fn confirm_members(ui: &mut Ui, verb: &str, members: &[&Member]) -> anyhow::Result<()> {
    let names = members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ");
    if !ui.confirm(&format!("Are you sure you want to {verb} members {names}?"))? {
        return Err(crate::failed_error(format!("Aborted {verb}")));
    }
    Ok(())
}

/// Without `--force`, the command asks; nobody can answer without a terminal.
pub fn need_terminal_or_force(ui: &Ui, force: bool, action: &str) -> anyhow::Result<()> {
    if !force && !ui.can_prompt() {
        return Err(usage_error(format!("{action} needs confirmation and no terminal is attached: pass --force")));
    }
    Ok(())
}

pub fn no_group(group: Option<i64>, action: &str) -> anyhow::Result<()> {
    match group {
        Some(_) => Err(usage_error(format!("--group: {action} of Citus groups is not supported yet"))),
        None => Ok(()),
    }
}

pub fn positive_seconds(option: &str, secs: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| usage_error(format!("{option} must be a positive number of seconds, got {secs}")))
}
