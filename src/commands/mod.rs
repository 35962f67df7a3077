//! The command line: the global options, the subcommands, and one file per subcommand (or
//! group), named after it. A command reads its arguments, asks the [`CommandContext`] for
//! settings, the DCS and agents, calls the library, and shows the typed result through [`Ui`].

mod all_contexts;
pub mod apply;
pub mod args;
pub mod check;
pub mod command_context;
pub mod completion;
pub mod context;
pub mod demote_cluster;
pub mod dsn;
pub mod edit_config;
pub mod error;
pub mod etcd;
pub mod failover;
pub mod flush;
pub mod generate;
pub mod history;
pub mod lab;
mod leader_change;
pub mod list;
mod listing;
pub mod maintenance;
mod member_action;
pub mod pause;
pub mod plan;
pub mod promote_cluster;
pub mod query;
pub mod reinit;
pub mod reload;
pub mod remove;
pub mod restart;
pub mod resume;
mod role_change;
pub mod sentinel;
pub mod show_config;
pub mod status;
pub mod switchover;
pub mod topology;
pub mod version;

use crate::ui::{ColorChoice, Ui};
use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCandidates;
use command_context::CommandContext;
use error::CommandResult;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "hactl",
    bin_name = invoked_name(),
    version,
    about = "Operate PostgreSQL HA clusters (Patroni on etcd) and their Redis Sentinels; patronictl-compatible",
    after_help = hactl::error::EXIT_CODE_TABLE
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    // PATRONICTL_CONFIG_FILE and DCS_URL are read by the context's settings rather than by
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
    /// Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]
    #[arg(long, global = true, value_name = "NAME", conflicts_with = "config_file", add = ArgValueCandidates::new(crate::complete::contexts))]
    pub context: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the Patroni members for a given Patroni
    List(list::ListArgs),
    /// Prints ASCII topology for given cluster
    Topology(topology::TopologyArgs),
    /// Switchover to a replica, then wait until the cluster has converged on it
    Switchover(switchover::SwitchoverArgs),
    /// Failover to a replica, then wait until the cluster has converged on it
    Failover(failover::FailoverArgs),
    /// Execute a saved plan, only on the cluster it was made for (re-read and compared first)
    Apply(apply::ApplyArgs),
    /// Saved plans: show one in words
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Discard scheduled events
    Flush(flush::FlushArgs),
    /// Disable auto failover (maintenance mode)
    Pause(maintenance::MaintenanceArgs),
    /// Resume auto failover
    Resume(maintenance::MaintenanceArgs),
    /// Restart cluster members, one at a time, each verified back before the next
    Restart(restart::RestartArgs),
    /// Reload cluster member configuration
    Reload(reload::ReloadArgs),
    /// Reinitialize cluster members
    Reinit(reinit::ReinitArgs),
    /// Output the version of hactl and of each member's Patroni and PostgreSQL
    Version(version::VersionArgs),
    /// Show cluster configuration
    ShowConfig(show_config::ShowConfigArgs),
    /// Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)
    EditConfig(edit_config::EditConfigArgs),
    /// Show the history of failovers/switchovers
    History(history::HistoryArgs),
    /// Generate a dsn for the provided member, defaults to a dsn of the leader
    Dsn(dsn::DsnArgs),
    /// Query a Patroni PostgreSQL member
    Query(query::QueryArgs),
    /// Remove cluster from DCS
    Remove(remove::RemoveArgs),
    /// Demote cluster to a standby cluster
    DemoteCluster(demote_cluster::DemoteClusterArgs),
    /// Promote cluster, make it run standalone
    PromoteCluster(promote_cluster::PromoteClusterArgs),
    /// Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current
    #[command(subcommand)]
    Context(context::ContextCommand),
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
    /// Write completions/ and man/ (for maintainers)
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
    /// Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks
    #[command(subcommand)]
    Lab(lab::LabCommand),
    /// The etcd cluster under the DCS: health and quorum, status, members, alarms
    #[command(subcommand)]
    Etcd(etcd::EtcdCommand),
    /// Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover
    #[command(subcommand)]
    Sentinel(sentinel::SentinelCommand),
    /// Nagios/Icinga plugin: check one service of the cluster (check_patroni's services and more)
    Check(check::CheckArgs),
    /// Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements
    Status(status::StatusArgs),
}

/// What a subcommand's arguments say about its failures.
pub trait ErrorFormat {
    /// Whether a failure is printed as one JSON object on stderr (`-f json`), not `Error: ...`.
    fn json_errors(&self) -> bool;
}

impl Command {
    pub async fn run(&self, ui: &mut Ui, ctx: &mut CommandContext) -> CommandResult {
        match self {
            Command::List(args) => list::run(ui, ctx, args).await,
            Command::Topology(args) => topology::run(ui, ctx, args).await,
            Command::Switchover(args) => switchover::run(ui, ctx, args).await,
            Command::Failover(args) => failover::run(ui, ctx, args).await,
            Command::Apply(args) => apply::run(ui, ctx, args).await,
            Command::Plan(command) => plan::run(ui, command).await,
            Command::Flush(args) => flush::run(ui, ctx, args).await,
            Command::Pause(args) => pause::run(ui, ctx, args).await,
            Command::Resume(args) => resume::run(ui, ctx, args).await,
            Command::Restart(args) => restart::run(ui, ctx, args).await,
            Command::Reload(args) => reload::run(ui, ctx, args).await,
            Command::Reinit(args) => reinit::run(ui, ctx, args).await,
            Command::Version(args) => version::run(ui, ctx, args).await,
            Command::ShowConfig(args) => show_config::run(ui, ctx, args).await,
            Command::EditConfig(args) => edit_config::run(ui, ctx, args).await,
            Command::History(args) => history::run(ui, ctx, args).await,
            Command::Dsn(args) => dsn::run(ui, ctx, args).await,
            Command::Query(args) => query::run(ui, ctx, args).await,
            Command::Remove(args) => remove::run(ui, ctx, args).await,
            Command::DemoteCluster(args) => demote_cluster::run(ui, ctx, args).await,
            Command::PromoteCluster(args) => promote_cluster::run(ui, ctx, args).await,
            Command::Context(command) => context::run(ui, ctx.global(), command),
            Command::Completion(args) => completion::run(ui, args),
            Command::Generate(args) => generate::run(ui, args),
            Command::Lab(command) => lab::run(ui, command).await,
            Command::Etcd(command) => etcd::run(ui, ctx, command).await,
            Command::Sentinel(command) => sentinel::run(ui, ctx, command).await,
            Command::Check(args) => check::run(ui, ctx, args).await,
            Command::Status(args) => status::run(ui, ctx, args).await,
        }
    }

    /// Whether the command's failure is printed as JSON, as its arguments say.
    pub fn json_errors(&self) -> bool {
        let args: &dyn ErrorFormat = match self {
            Command::List(args) => args,
            Command::Topology(args) => args,
            Command::Switchover(args) => &args.common.format,
            Command::Failover(args) => &args.common.format,
            Command::Apply(args) => args,
            Command::Plan(command) => command,
            Command::Flush(args) => args,
            Command::Pause(args) => &args.format,
            Command::Resume(args) => &args.format,
            Command::Restart(args) => &args.format,
            Command::Reload(args) => &args.format,
            Command::Reinit(args) => &args.format,
            Command::Version(args) => &args.format,
            Command::ShowConfig(args) => args,
            Command::EditConfig(args) => args,
            Command::History(args) => args,
            Command::Dsn(args) => args,
            Command::Query(args) => args,
            Command::Remove(args) => args,
            Command::DemoteCluster(args) => args,
            Command::PromoteCluster(args) => args,
            Command::Context(command) => command,
            Command::Completion(args) => args,
            Command::Generate(args) => args,
            Command::Lab(command) => command,
            Command::Etcd(command) => command,
            Command::Sentinel(command) => command,
            Command::Check(args) => args,
            Command::Status(args) => args,
        };
        args.json_errors()
    }
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
