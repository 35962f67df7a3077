//! The command line: global options shared by every subcommand, and the subcommand list.

use crate::commands;
use crate::ui::ColorChoice;
use clap::{Args, Parser, Subcommand};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = hactl::error::EXIT_CODE_TABLE;

#[derive(Debug, Parser)]
#[command(
    name = "hactl",
    bin_name = invoked_name(),
    version,
    about = "Operate PostgreSQL HA clusters (Patroni on etcd) and their Redis Sentinels; patronictl-compatible",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    // PATRONICTL_CONFIG_FILE and DCS_URL are read in `commands::load_settings` rather than by
    // clap, which rejects an empty variable where patronictl ignores it.
    /// Configuration file (patronictl.yaml or a node's patroni.yml) [env: PATRONICTL_CONFIG_FILE]
    #[arg(short = 'c', long = "config-file", global = true, value_name = "FILE")]
    pub config_file: Option<PathBuf>,
    /// The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file's etcd3 section) [env: DCS_URL]
    #[arg(short = 'd', long = "dcs-url", visible_alias = "dcs", global = true, value_name = "URL")]
    pub dcs_url: Option<String>,
    /// Allow connections to SSL sites without certs
    #[arg(short = 'k', long, global = true)]
    pub insecure: bool,
    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Seconds to wait for etcd before giving up
    #[arg(long, env = "HACTL_DCS_TIMEOUT", default_value_t = 5.0, global = true, value_name = "SECONDS")]
    pub dcs_timeout: f64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the Patroni members for a given Patroni
    List(commands::list::ListArgs),
    /// Prints ASCII topology for given cluster
    Topology(commands::list::TopologyArgs),
    /// Switchover to a replica, then wait until the cluster has converged on it
    Switchover(commands::switchover::SwitchoverArgs),
    /// Failover to a replica, then wait until the cluster has converged on it
    Failover(commands::switchover::FailoverArgs),
    /// Discard scheduled events
    Flush(commands::flush::FlushArgs),
    /// Disable auto failover (maintenance mode)
    Pause(commands::pause::PauseArgs),
    /// Resume auto failover
    Resume(commands::pause::PauseArgs),
    /// Restart cluster members, one at a time, each verified back before the next
    Restart(commands::restart::RestartArgs),
    /// Reload cluster member configuration
    Reload(commands::reload::ReloadArgs),
    /// Reinitialize cluster members
    Reinit(commands::reinit::ReinitArgs),
    /// Output the version of hactl and of each member's Patroni and PostgreSQL
    Version(commands::version::VersionArgs),
    /// Show cluster configuration
    ShowConfig(commands::config::ShowConfigArgs),
    /// Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)
    EditConfig(commands::config::EditConfigArgs),
    /// Show the history of failovers/switchovers
    History(commands::history::HistoryArgs),
    /// Generate a dsn for the provided member, defaults to a dsn of the leader
    Dsn(commands::query::DsnArgs),
    /// Query a Patroni PostgreSQL member
    Query(commands::query::QueryArgs),
    /// Remove cluster from DCS
    Remove(commands::remove::RemoveArgs),
    /// Demote cluster to a standby cluster
    DemoteCluster(commands::cluster_role::DemoteArgs),
    /// Promote cluster, make it run standalone
    PromoteCluster(commands::cluster_role::PromoteArgs),
    /// Print a shell completion script
    Completion(commands::generate::CompletionArgs),
    /// Write completions/ and man/ (for maintainers)
    #[command(hide = true)]
    Generate(commands::generate::GenerateArgs),
    /// Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks
    #[command(subcommand)]
    Lab(commands::lab::LabCommand),
    /// The etcd cluster under the DCS: health and quorum, status, members, alarms
    #[command(subcommand)]
    Etcd(commands::etcd::EtcdCommand),
    /// Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover
    #[command(subcommand)]
    Sentinel(commands::sentinel::SentinelCommand),
}

/// The name usage lines, help, errors and completion scripts show: `patronictl` when hactl was
/// invoked under that name (a drop-in install: `ln -s hactl /usr/local/bin/patronictl`),
/// `hactl` under any other. Without it clap would show whatever argv[0]'s file name is.
fn invoked_name() -> &'static str {
    display_name(std::env::args_os().next().as_deref())
}

/// [`invoked_name`] for a given argv[0].
fn display_name(argv0: Option<&OsStr>) -> &'static str {
    let stem = argv0.and_then(|arg| Path::new(arg).file_stem());
    if stem.is_some_and(|stem| stem == "patronictl") { "patronictl" } else { "hactl" }
}

impl Cli {
    /// Whether errors should be printed as JSON (`-f json` on the subcommand).
    pub fn wants_json_errors(&self) -> bool {
        match &self.command {
            Command::List(args) => args.format.is_json(),
            Command::Switchover(args) => args.common.is_json(),
            Command::Failover(args) => args.common.is_json(),
            Command::Pause(args) | Command::Resume(args) => args.is_json(),
            Command::Restart(args) => args.is_json(),
            Command::Reload(args) => args.is_json(),
            Command::Reinit(args) => args.is_json(),
            Command::Version(args) => args.is_json(),
            Command::ShowConfig(args) => args.is_json(),
            Command::History(args) => args.format.is_json(),
            Command::Dsn(args) => args.is_json(),
            Command::Query(args) => args.is_json(),
            Command::Remove(args) => args.is_json(),
            Command::Etcd(command) => command.format() == commands::etcd::Format::Json,
            Command::Sentinel(command) => command.format() == commands::etcd::Format::Json,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_shown_is_patronictl_only_when_invoked_so() {
        let name = |argv0: &str| display_name(Some(OsStr::new(argv0)));
        assert_eq!(name("/usr/local/bin/patronictl"), "patronictl");
        assert_eq!(name("patronictl"), "patronictl");
        assert_eq!(name("/usr/local/bin/hactl"), "hactl");
        assert_eq!(name("./hactl-0.1.0"), "hactl");
        assert_eq!(name("/opt/patronictl-wrapper"), "hactl");
        assert_eq!(display_name(None), "hactl");
    }
}
