//! `hactl resume [CLUSTER]`: maintenance mode off (automatic failover again).

use crate::commands::context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::maintenance::{self, MaintenanceArgs};
use crate::commands::{CommandFuture, RunCommand};
use crate::ui::Ui;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl pause demo --wait
  hactl resume demo --wait --timeout 60
  hactl pause demo -f json")]
pub struct ResumeArgs {
    #[command(flatten)]
    pub maintenance: MaintenanceArgs,
}

impl RunCommand for ResumeArgs {
    fn json_errors(&self) -> bool {
        self.maintenance.format.is_json()
    }

    fn run<'a>(&'a self, ui: &'a mut Ui, ctx: &'a mut CommandContext) -> CommandFuture<'a> {
        Box::pin(run(ui, ctx, self))
    }
}

async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ResumeArgs) -> CommandResult {
    maintenance::toggle(ui, ctx, &args.maintenance, false).await
}
