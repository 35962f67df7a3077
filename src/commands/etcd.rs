//! `hactl etcd health|status|members|alarms`: the consensus tier, endpoint by endpoint, from the
//! same configuration as `list`.

use crate::commands::ErrorFormat;
use crate::commands::args::FormatArg;
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use clap::{Args, Subcommand};
use hactl::render::etcd as render;
use hactl::settings::EtcdSettings;
use hactl::tiers::etcd::{self, EtcdError};
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Check each endpoint: a linearizable read and the alarms; say whether quorum holds
    #[command(
        after_help = "Examples:\n  hactl etcd health\n  hactl etcd health --cluster\n  hactl -c /etc/patroni/patroni.yml etcd health -f json\n  hactl etcd health --endpoints 10.0.0.1:2379,10.0.0.2:2379 --dcs-timeout 2"
    )]
    Health(HealthArgs),
    /// Show each endpoint's member id, version, DB size, leader, raft term and index, errors
    #[command(after_help = "Examples:\n  hactl etcd status\n  hactl etcd status --cluster -f json")]
    Status(HealthArgs),
    /// List the members of the cluster
    #[command(after_help = "Examples:\n  hactl etcd members\n  hactl etcd members --endpoints 10.0.0.1:2379 -f json")]
    Members(TargetArgs),
    /// List the active alarms (NOSPACE, CORRUPT)
    #[command(after_help = "Examples:\n  hactl etcd alarms\n  hactl etcd alarms -f json")]
    Alarms(TargetArgs),
}

#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated
    #[arg(long, value_name = "ENDPOINTS", value_delimiter = ',')]
    pub endpoints: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct HealthArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Check every member in the member list, not only the given endpoints
    #[arg(long)]
    pub cluster: bool,
}

impl ErrorFormat for EtcdCommand {
    fn json_errors(&self) -> bool {
        match self {
            EtcdCommand::Health(args) | EtcdCommand::Status(args) => args.target.format.is_json(),
            EtcdCommand::Members(args) | EtcdCommand::Alarms(args) => args.format.is_json(),
        }
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, command: &EtcdCommand) -> CommandResult {
    let timeout = ctx.dcs_timeout()?;
    match command {
        EtcdCommand::Health(args) => health(ui, ctx, args, timeout).await,
        EtcdCommand::Status(args) => status(ui, ctx, args, timeout).await,
        EtcdCommand::Members(args) => {
            let members = etcd::members(&settings(ctx, args)?, timeout).await?;
            args.format.print(ui, &members, || render::members_table(&members))
        }
        EtcdCommand::Alarms(args) => {
            let alarms = etcd::alarms(&settings(ctx, args)?, timeout).await?;
            args.format.print(ui, &alarms, || render::alarms_text(&alarms))
        }
    }
}

/// The configured etcd3 settings, with `--endpoints` in place of the configured endpoints.
fn settings(ctx: &CommandContext, args: &TargetArgs) -> CommandResult<EtcdSettings> {
    let configured = ctx.settings()?.etcd3.as_ref();
    if args.endpoints.is_empty() {
        return Ok(configured.cloned().ok_or(EtcdError::NotConfigured)?);
    }
    Ok(etcd::with_endpoints(configured, &args.endpoints)?)
}

async fn health(ui: &mut Ui, ctx: &CommandContext, args: &HealthArgs, timeout: Duration) -> CommandResult {
    let report = etcd::health(&settings(ctx, &args.target)?, args.cluster, timeout).await?;
    let colour = ui.color();
    args.target.format.print(ui, &report, || render::health_text(&report, colour))?;
    Ok(report.verdict()?)
}

async fn status(ui: &mut Ui, ctx: &CommandContext, args: &HealthArgs, timeout: Duration) -> CommandResult {
    let report = etcd::status(&settings(ctx, &args.target)?, args.cluster, timeout).await?;
    let colour = ui.color();
    args.target.format.print(ui, &report, || render::status_text(&report, colour))?;
    Ok(report.verdict()?)
}
