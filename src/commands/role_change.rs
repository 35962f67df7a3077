//! What `demote-cluster` and `promote-cluster` share: the confirmation, then the library's role
//! change with patronictl's progress line a second until the leader has the new role.

use crate::commands::args::{ClusterArg, ForceArg, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::cluster_table;
use crate::ui::Ui;
use hactl::actions::role_change::{self, RoleChange, RoleChangeEvent};
use hactl::engine;

/// The options of `demote-cluster` and `promote-cluster`, but the remote node's.
pub struct RoleChangeArgs<'a> {
    pub cluster: &'a ClusterArg,
    pub force: &'a ForceArg,
    pub timeout: Option<f64>,
}

/// Asks the leader's agent for the new role, then waits until the leader has it.
pub async fn change_role(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    args: RoleChangeArgs<'_>,
    change: RoleChange,
) -> CommandResult {
    let stem = change.stem();
    let force = args.force.given;
    if !force && !ui.can_prompt() {
        return Err(CommandError::usage(format!(
            "{stem}e-cluster asks for confirmation and no terminal is attached: pass --force"
        )));
    }
    let timeout = args.timeout.map(|secs| positive_seconds("--timeout", secs)).transpose()?;
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster(&name).await?;
    let leader = role_change::preflight(&read.cluster, &change)?.to_string();

    ui.out("Current cluster topology\n")?;
    ui.out(&cluster_table(&name, &read.cluster, ui.color()))?;
    if !force && !ui.confirm(&format!("Are you sure you want to {stem}e {name} cluster?"))? {
        return Err(CommandError::failed(format!("Aborted cluster {stem}ion")));
    }

    let timeout = timeout.unwrap_or_else(|| engine::default_timeout(&read.cluster));
    let color = ui.color();
    let mut written = Ok(());
    let mut report = |event: RoleChangeEvent| {
        let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let line = match event {
            RoleChangeEvent::Waiting(observation) => format!("{stamp} {}\n", observation.progress_line()),
            RoleChangeEvent::Done(now) => {
                format!("{stamp} cluster is successfully {stem}ed\n{}", cluster_table(&name, now, color))
            }
            RoleChangeEvent::TimedOut(now) => cluster_table(&name, now, color),
        };
        if written.is_ok() {
            written = ui.out(&line);
        }
    };
    let settings = ctx.settings()?.clone();
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let result = role_change::change_role(dcs, agents, &settings, &read, &leader, &change, timeout, &mut report).await;
    written?;
    Ok(result?)
}
