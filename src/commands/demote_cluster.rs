//! `hactl demote-cluster [CLUSTER]`: turn a cluster into a standby cluster of another (Patroni
//! 4), and wait until its leader is a standby leader.

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
  hactl demote-cluster demo --host 10.0.0.5 --port 5432 --force
  hactl demote-cluster demo --restore-command 'cp /archive/%f %p' --force
  hactl promote-cluster demo --force")]
pub struct DemoteClusterArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub force: ForceArg,
    /// Address of the remote node
    #[arg(long)]
    pub host: Option<String>,
    /// Port of the remote node
    #[arg(long)]
    pub port: Option<u16>,
    /// Command to restore WAL records from the remote primary
    #[arg(long)]
    pub restore_command: Option<String>,
    /// Name of the slot on the remote node to use for replication
    #[arg(long)]
    pub primary_slot_name: Option<String>,
    /// Seconds to wait for the new role (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

impl ErrorFormat for DemoteClusterArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &DemoteClusterArgs) -> CommandResult {
    let change = RoleChange::demote(
        args.host.as_deref(),
        args.port,
        args.primary_slot_name.as_deref(),
        args.restore_command.as_deref(),
    )?;
    let options = RoleChangeArgs { cluster: &args.cluster, force: &args.force, timeout: args.timeout };
    change_role(ui, ctx, options, change).await
}
