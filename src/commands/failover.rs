//! `hactl failover`: make a replica the leader (also without a healthy leader), and wait until
//! the cluster has converged on it.

use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::leader_change::{self, LeaderChangeArgs};
use crate::ui::Ui;
use clap::Args;
use hactl::engine::Action;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl failover demo --candidate pg2 --force
  hactl failover demo --master pg0 --candidate pg2 --force
  hactl failover demo --dry-run")]
pub struct FailoverArgs {
    #[command(flatten)]
    pub common: LeaderChangeArgs,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &FailoverArgs) -> CommandResult {
    leader_change::run(ui, ctx, Action::Failover, &args.common, None).await
}
