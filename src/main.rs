//! The `hactl` binary: parse, run one command, map the outcome to an exit code.

mod cli;
mod commands;
mod complete;
mod ui;

use clap::Parser;
use cli::{Cli, Command};
use hactl::error::{Classify, ErrorKind};
use std::process::ExitCode;
use ui::Ui;

/// An error the binary itself decides on (bad flag values clap cannot check).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    pub kind: ErrorKind,
    pub message: String,
}

pub fn usage_error(message: String) -> anyhow::Error {
    CliError { kind: ErrorKind::Usage, message }.into()
}

pub fn refused_error(message: String) -> anyhow::Error {
    CliError { kind: ErrorKind::Refused, message }.into()
}

pub fn failed_error(message: String) -> anyhow::Error {
    CliError { kind: ErrorKind::Failed, message }.into()
}

fn main() -> ExitCode {
    complete::complete_if_requested();
    // After `query`, -c/-d are --command/--dbname (patronictl's), not the global options.
    let cli = Cli::parse_from(commands::query::rewrite_query_args(std::env::args_os().collect()));
    let mut ui = Ui::new(cli.global.color);
    let json_errors = cli.wants_json_errors();
    match run(&cli, &mut ui) {
        Ok(()) => ExitCode::SUCCESS,
        // `hactl list | head -1`: the reader went away, which is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let kind = classify(&e);
            ui.error(&format!("{e:#}"), kind, json_errors);
            ExitCode::from(kind.exit_code())
        }
    }
}

fn run(cli: &Cli, ui: &mut Ui) -> anyhow::Result<()> {
    // One command at a time needs no thread pool; a current-thread runtime starts fastest.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        match &cli.command {
            Command::List(args) => commands::list::run_list(ui, &cli.global, args).await,
            Command::Topology(args) => commands::list::run_topology(ui, &cli.global, args).await,
            Command::Lab(command) => commands::lab::run(ui, command).await,
            Command::Completion(args) => commands::generate::completion(ui, args),
            Command::Generate(args) => commands::generate::generate(ui, args),
            Command::Switchover(args) => commands::switchover::run_switchover(ui, &cli.global, args).await,
            Command::Failover(args) => commands::switchover::run_failover(ui, &cli.global, args).await,
            Command::Flush(args) => commands::flush::run(ui, &cli.global, args).await,
            Command::Pause(args) => commands::pause::run_pause(ui, &cli.global, args).await,
            Command::Resume(args) => commands::pause::run_resume(ui, &cli.global, args).await,
            Command::Restart(args) => commands::restart::run(ui, &cli.global, args).await,
            Command::Reload(args) => commands::reload::run(ui, &cli.global, args).await,
            Command::Reinit(args) => commands::reinit::run(ui, &cli.global, args).await,
            Command::Version(args) => commands::version::run(ui, &cli.global, args).await,
            Command::ShowConfig(args) => commands::config::run_show(ui, &cli.global, args).await,
            Command::EditConfig(args) => commands::config::run_edit(ui, &cli.global, args).await,
            Command::History(args) => commands::history::run(ui, &cli.global, args).await,
            Command::Dsn(args) => commands::query::run_dsn(ui, &cli.global, args).await,
            Command::Query(args) => commands::query::run_query(ui, &cli.global, args).await,
            Command::Remove(args) => commands::remove::run(ui, &cli.global, args).await,
            Command::DemoteCluster(args) => commands::cluster_role::run_demote(ui, &cli.global, args).await,
            Command::PromoteCluster(args) => commands::cluster_role::run_promote(ui, &cli.global, args).await,
            Command::Etcd(command) => commands::etcd::run(ui, &cli.global, command).await,
            Command::Sentinel(command) => commands::sentinel::run(ui, &cli.global, command).await,
        }
    })
}

/// The one place an error becomes an exit code: the first classified error in the chain wins.
fn classify(error: &anyhow::Error) -> ErrorKind {
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<CliError>() {
            return e.kind;
        }
        if let Some(e) = cause.downcast_ref::<hactl::settings::SettingsError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::dcs::DcsError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::clusters::ClusterReadError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::engine::EngineError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::agent::AgentError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::actions::ActionError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::dynamic_config::DynConfigError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::query::QueryError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::actions::role_change::RoleChangeError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::actions::remove::RemoveError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::lab::LabError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::tiers::etcd::EtcdError>() {
            return e.kind();
        }
        if let Some(e) = cause.downcast_ref::<hactl::tiers::sentinel::SentinelError>() {
            return e.kind();
        }
    }
    ErrorKind::Failed
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
