//! What every command asks for, made once and only when first asked: the settings (from the
//! global options and the environment), the connection to the DCS, the Patroni agents, and reads
//! of a cluster. Asking late keeps the order of failures: a missing scope fails before the
//! network is touched, and the REST API's TLS files are checked only when an agent is needed.

use crate::commands::GlobalArgs;
use crate::commands::args::positive_seconds;
use crate::commands::error::CommandResult;
use hactl::agent::Agents;
use hactl::clusters::{self, ClusterRead, ClusterSnapshot, Selection};
use hactl::dcs::Dcs;
use hactl::settings::contexts::{self, Context};
use hactl::settings::{Settings, SettingsInputs};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::time::Duration;

/// How long an agent may take to accept a connection.
const AGENT_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

pub struct CommandContext {
    configured: Configured,
    dcs: Option<Dcs>,
}

/// What needs no connection to etcd: the global options, the settings and the agents.
struct Configured {
    global: GlobalArgs,
    settings: OnceCell<Settings>,
    agents: OnceCell<Agents>,
}

impl CommandContext {
    pub fn new(global: GlobalArgs) -> CommandContext {
        let configured = Configured { global, settings: OnceCell::new(), agents: OnceCell::new() };
        CommandContext { configured, dcs: None }
    }

    /// The global options, as given.
    pub fn global(&self) -> &GlobalArgs {
        &self.configured.global
    }

    /// The patronictl-compatible configuration, from the global options and the environment.
    pub fn settings(&self) -> CommandResult<&Settings> {
        self.configured.settings()
    }

    /// `--dcs-timeout`, checked when first used.
    pub fn dcs_timeout(&self) -> CommandResult<Duration> {
        self.configured.dcs_timeout()
    }

    /// Shortens `--dcs-timeout` to `at_most` before etcd is first reached: a command under a
    /// deadline of its own (`check --timeout`) reports etcd's failure within it.
    pub fn limit_dcs_timeout(&mut self, at_most: Duration) {
        let global = &mut self.configured.global;
        if self.dcs.is_none() && global.dcs_timeout > at_most.as_secs_f64() {
            global.dcs_timeout = at_most.as_secs_f64();
        }
    }

    /// The cluster a command acts on: the one given, else the configured scope.
    pub fn cluster_name(&self, given: &Option<String>) -> CommandResult<String> {
        Ok(clusters::cluster_names(self.settings()?, given.as_slice())?.remove(0))
    }

    /// Fails when `names` is empty and no scope is configured (before any network).
    pub fn check_cluster_names(&self, names: &[String]) -> CommandResult {
        clusters::cluster_names(self.settings()?, names)?;
        Ok(())
    }

    /// The Patroni REST API clients, configured from the `restapi`/`ctl` sections.
    pub fn agents(&self) -> CommandResult<&Agents> {
        self.configured.agents()
    }

    /// The connection to etcd, made on first use.
    pub async fn dcs(&mut self) -> CommandResult<&mut Dcs> {
        connected(&self.configured, &mut self.dcs).await
    }

    /// The DCS and the agents together, for actions that use both.
    pub async fn dcs_and_agents(&mut self) -> CommandResult<(&mut Dcs, &Agents)> {
        let dcs = connected(&self.configured, &mut self.dcs).await?;
        Ok((dcs, self.configured.agents()?))
    }

    /// One read of a cluster's keys.
    pub async fn read_cluster(&mut self, name: &str) -> CommandResult<ClusterSnapshot> {
        let dcs = connected(&self.configured, &mut self.dcs).await?;
        Ok(clusters::read_cluster(dcs, self.configured.settings()?, name).await?)
    }

    /// One read of a cluster's keys, or of one of its Citus groups.
    pub async fn read_cluster_group(&mut self, name: &str, group: Option<i64>) -> CommandResult<ClusterSnapshot> {
        let dcs = connected(&self.configured, &mut self.dcs).await?;
        Ok(hactl::dynamic_config::read_cluster(dcs, self.configured.settings()?, name, group).await?)
    }

    /// The selected clusters, for the tables of `list` and `topology`.
    pub async fn read_clusters(
        &mut self,
        selection: &Selection,
        group: Option<i64>,
    ) -> CommandResult<Vec<ClusterRead>> {
        let dcs = connected(&self.configured, &mut self.dcs).await?;
        Ok(clusters::read_clusters(dcs, self.configured.settings()?, selection, group).await?)
    }

    /// Every cluster of the namespace, each handed to `each` as soon as it is read (see
    /// [`clusters::for_each_cluster`]).
    pub async fn for_each_cluster(
        &mut self,
        group: Option<i64>,
        each: &mut dyn FnMut(&Settings, ClusterRead) -> std::ops::ControlFlow<()>,
    ) -> CommandResult<usize> {
        let dcs = connected(&self.configured, &mut self.dcs).await?;
        let settings = self.configured.settings()?;
        let mut each = |read| each(settings, read);
        Ok(clusters::for_each_cluster(dcs, settings, group, clusters::PAGE_KEYS, &mut each).await?)
    }
}

impl Configured {
    fn settings(&self) -> CommandResult<&Settings> {
        if let Some(settings) = self.settings.get() {
            return Ok(settings);
        }
        let loaded = load_settings(&self.global)?;
        Ok(self.settings.get_or_init(|| loaded))
    }

    fn dcs_timeout(&self) -> CommandResult<Duration> {
        // The value may come from the flag or its variable: name both.
        positive_seconds("--dcs-timeout (or HACTL_DCS_TIMEOUT)", self.global.dcs_timeout)
    }

    fn agents(&self) -> CommandResult<&Agents> {
        if let Some(agents) = self.agents.get() {
            return Ok(agents);
        }
        let made = Agents::new(&self.settings()?.rest, AGENT_CONNECT_TIMEOUT)?;
        Ok(self.agents.get_or_init(|| made))
    }
}

/// The DCS connection in `slot`, connected first when there is none yet. Apart from `self`, so
/// that the connection and the settings can be borrowed side by side.
async fn connected<'a>(configured: &Configured, slot: &'a mut Option<Dcs>) -> CommandResult<&'a mut Dcs> {
    let dcs = match slot.take() {
        Some(dcs) => dcs,
        None => clusters::connect(configured.settings()?, configured.dcs_timeout()?).await?,
    };
    Ok(slot.insert(dcs))
}

/// Loads the patronictl-compatible configuration from the global flags and the environment,
/// or from the context chosen (see [`contexts::chosen`]).
fn load_settings(global: &GlobalArgs) -> CommandResult<Settings> {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let context = contexts::chosen(global.context.as_deref(), global.config_file.is_some(), &env)?;
    load_settings_of(global, context.as_ref(), &env)
}

/// The settings of `context` (or of no context), with the global flags over them.
pub fn load_settings_of(
    global: &GlobalArgs,
    context: Option<&Context>,
    env: &BTreeMap<String, String>,
) -> CommandResult<Settings> {
    // PATRONICTL_CONFIG_FILE and DCS_URL are read here rather than by clap, which rejects an
    // empty variable where patronictl ignores it.
    let from_env = |name: &str| env.get(name).filter(|v| !v.is_empty()).cloned();
    let config_file = global.config_file.clone().or_else(|| from_env("PATRONICTL_CONFIG_FILE").map(Into::into));
    let inputs = SettingsInputs {
        config_file: config_file.filter(|_| context.is_none()),
        dcs_url: global.dcs_url.clone().or_else(|| from_env("DCS_URL")),
        insecure: global.insecure,
        env,
        context,
    };
    Ok(hactl::settings::load(&inputs)?)
}
