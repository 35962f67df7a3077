//! `hactl switchover`: hand the leader role to a replica, now or at a scheduled time, and wait
//! until the cluster has converged on it.

use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::leader_change::{self, LeaderChangeArgs};
use crate::ui::Ui;
use clap::Args;
use hactl::engine::Action;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl switchover demo --leader pg0 --candidate pg1 --force
  hactl switchover demo --dry-run -f json > plan.json
  hactl switchover --plan plan.json --max-age 900 --force
  hactl switchover demo --candidate pg2 --scheduled 2026-12-01T02:00+00:00 --force
  hactl flush demo switchover --force")]
pub struct SwitchoverArgs {
    #[command(flatten)]
    pub common: LeaderChangeArgs,
    /// Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601), or now
    #[arg(long, value_name = "TIME", conflicts_with = "plan")]
    pub scheduled: Option<String>,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &SwitchoverArgs) -> CommandResult {
    leader_change::run(ui, ctx, Action::Switchover, &args.common, args.scheduled.as_deref()).await
}
