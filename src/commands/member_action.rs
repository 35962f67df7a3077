//! How the actions on members start (`restart`, `reload`, `reinit`, and the role changes):
//! the cluster read and shown as patronictl shows it first, and the confirmations.

use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use hactl::cluster::{Cluster, Member};
use hactl::clusters::ClusterSnapshot;
use hactl::render::{self, ListFormat, Listing};

/// patronictl prints the cluster before acting on it (`output_members`).
pub fn cluster_table(name: &str, cluster: &Cluster, colour: bool) -> String {
    render::render_members(&Listing::single(name, cluster), ListFormat::Pretty, false, colour)
}

/// One read of the cluster and, for pretty output, its table.
pub async fn read_and_show(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    name: &str,
    pretty: bool,
) -> CommandResult<ClusterSnapshot> {
    let read = ctx.read_cluster(name).await?;
    if pretty {
        ui.out(&cluster_table(name, &read.cluster, ui.color()))?;
    }
    Ok(read)
}

/// patronictl's question before acting on members: `Aborted <verb>` (exit 1) when the answer is no.
pub fn confirm_members(ui: &mut Ui, verb: &str, members: &[&Member]) -> CommandResult {
    let names = members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ");
    if !ui.confirm(&format!("Are you sure you want to {verb} members {names}?"))? {
        return Err(CommandError::failed(format!("Aborted {verb}")));
    }
    Ok(())
}

/// Without `--force`, the command asks; nobody can answer without a terminal.
pub fn need_terminal_or_force(ui: &Ui, force: bool, action: &str) -> CommandResult {
    if !force && !ui.can_prompt() {
        return Err(CommandError::usage(format!(
            "{action} needs confirmation and no terminal is attached: pass --force"
        )));
    }
    Ok(())
}
