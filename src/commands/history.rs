//! `hactl history [CLUSTER]`: the failovers and switchovers recorded in the `/history` key.

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, GroupArg, TableFormat};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use clap::Args;
use hactl::render::history;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl history
  hactl history demo -f json")]
pub struct HistoryArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = TableFormat::Pretty)]
    pub format: TableFormat,
}

impl ErrorFormat for HistoryArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &HistoryArgs) -> CommandResult {
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster_group(&name, args.group.value).await?;
    ui.out(&history::render(&read.cluster, args.format.rows()))?;
    Ok(())
}
