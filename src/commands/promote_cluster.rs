//! `hactl promote-cluster [CLUSTER]`: make a standby cluster run standalone (Patroni 4), and
//! wait until its leader is a primary.

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, ForceArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::role_change::{RoleChangeArgs, change_role};
use crate::ui::Ui;
use clap::Args;
use hactl::actions::role_change::RoleChange;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl promote-cluster demo --force")]
pub struct PromoteClusterArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub force: ForceArg,
    /// Seconds to wait for the new role (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

impl ErrorFormat for PromoteClusterArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &PromoteClusterArgs) -> CommandResult {
    let options = RoleChangeArgs { cluster: &args.cluster, force: &args.force, timeout: args.timeout };
    change_role(ui, ctx, options, RoleChange::Promote).await
}
