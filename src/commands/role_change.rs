//! What `demote-cluster` and `promote-cluster` share: the request to the leader's agent, then
//! patronictl's wait, a progress line a second until the leader has the new role, or Ctrl-C.

use crate::commands::args::{ClusterArg, ForceArg, positive_seconds};
use crate::commands::context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::cluster_table;
use crate::ui::Ui;
use hactl::actions::ActionError;
use hactl::engine;
use hactl::interrupt;
use hactl::lifecycle::{self, LifecycleError, RoleChange};
use std::time::{Duration, Instant};

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
    let leader = lifecycle::preflight(&read.cluster, &change)?.to_string();

    ui.out("Current cluster topology\n")?;
    ui.out(&cluster_table(&name, &read.cluster, ui.color()))?;
    if !force && !ui.confirm(&format!("Are you sure you want to {stem}e {name} cluster?"))? {
        return Err(CommandError::failed(format!("Aborted cluster {stem}ion")));
    }

    let agents = ctx.agents()?;
    // From the request on, Ctrl-C is answered with what was already sent.
    interrupt::listen();
    let request = lifecycle::request(agents, &read.cluster, &leader, &change, Duration::from_secs(10));
    let answered = tokio::select! {
        answer = request => Some(answer),
        () = interrupt::requested() => None,
    };
    let Some(answer) = answered else {
        return Err(ActionError::Interrupted {
            done: format!(
                "the {stem}ion request (PATCH /config) to the agent of {leader} was under way, without an answer yet; it may still be applied, check with `hactl list {name}`"
            ),
        }
        .into());
    };
    answer?;

    let timeout = timeout.unwrap_or_else(|| engine::default_timeout(&read.cluster));
    let wait = wait_for_role(ui, ctx, &name, &leader, &change, timeout);
    let finished = tokio::select! {
        result = wait => Some(result),
        () = interrupt::requested() => None,
    };
    finished.unwrap_or_else(|| {
        Err(ActionError::Interrupted {
            done: format!(
                "the {stem}ion of {name} was accepted by the agent of {leader}; it may still complete, check with `hactl list {name}`"
            ),
        }
        .into())
    })
}

/// One progress line a second until the leader has the new role (patronictl's loop), or `timeout`.
async fn wait_for_role(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    name: &str,
    leader: &str,
    change: &RoleChange,
    timeout: Duration,
) -> CommandResult {
    let stem = change.stem();
    let started = Instant::now();
    loop {
        let now = ctx.read_cluster(name).await?.cluster;
        let observation = lifecycle::observe(&now, leader, change);
        let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        if observation.done {
            ui.out(&format!("{stamp} cluster is successfully {stem}ed\n"))?;
            ui.out(&cluster_table(name, &now, ui.color()))?;
            return Ok(());
        }
        ui.out(&format!("{stamp} {}\n", observation.progress_line()))?;
        if started.elapsed() >= timeout {
            ui.out(&cluster_table(name, &now, ui.color()))?;
            return Err(LifecycleError::Timeout {
                cluster: name.to_string(),
                action: stem,
                waited: timeout,
                role: observation.leader_role.unwrap_or_else(|| "None".into()),
                state: observation.leader_state.unwrap_or_else(|| "None".into()),
            }
            .into());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
