//! `hactl pause [CLUSTER]`: maintenance mode on (Patroni stops automatic failover).

use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::maintenance::{self, MaintenanceArgs};
use crate::ui::Ui;

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &MaintenanceArgs) -> CommandResult {
    maintenance::toggle(ui, ctx, args, true).await
}
