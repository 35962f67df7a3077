//! What `pause` and `resume` share: maintenance mode switched on or off, through an agent (or
//! the /config key when none answers), and with `--wait` verified on every member.

use crate::commands::args::{ClusterArg, FormatArg, GroupArg, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::{Spinner, Ui};
use clap::Args;
use hactl::actions::ActionError;
use hactl::actions::pause::{self, PauseEvent, PauseOutcome, PauseVia};
use hactl::actions::wait::PauseWait;
use std::time::Duration;

/// The options of `pause` and `resume`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl pause demo --wait
  hactl resume demo --wait --timeout 60
  hactl pause demo -f json")]
pub struct MaintenanceArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Wait until every member reports the new state
    #[arg(long)]
    pub wait: bool,
    /// Seconds to wait with --wait (default: the cluster's ttl + loop_wait + 10)
    #[arg(long, value_name = "SECONDS", requires = "wait")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Pauses (`paused`) or resumes cluster management.
pub async fn toggle(ui: &mut Ui, ctx: &mut CommandContext, args: &MaintenanceArgs, paused: bool) -> CommandResult {
    let word = if paused { "pause" } else { "resume" };
    args.group.refuse(word)?;
    let timeout = args.timeout.map(|t| positive_seconds("--timeout", t)).transpose()?;
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster(&name).await?;
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let wait = args.wait.then(|| timeout.unwrap_or_else(|| pause::default_timeout(&read.cluster)));

    let pretty = !args.format.is_json();
    let mut spinner: Option<Spinner> = None;
    let mut written = Ok(());
    let mut report = |event: PauseEvent| match event {
        PauseEvent::Sent(outcome) => {
            if pretty {
                written = sent(ui, outcome).and_then(|()| {
                    ui.out(&format!("'{word}' request sent, waiting until it is recognized by all nodes\n"))
                });
            }
            spinner = Some(ui.spinner(&format!("waiting for every member of {name} to report the {word}")));
        }
        PauseEvent::Progress(what) => {
            if let Some(s) = &spinner {
                s.set_message(what);
            }
        }
    };
    let result = pause::toggle_pause(dcs, agents, &read, paused, wait, &mut report).await;
    drop(spinner);
    written?;
    let outcome = result?;
    if !pretty {
        ui.print_json(&outcome)?;
    } else {
        if outcome.wait.is_none() {
            sent(ui, &outcome)?;
        }
        let done = if paused { "paused" } else { "resumed" };
        match &outcome.wait {
            Some(PauseWait::Applied { members, .. }) if members.is_empty() => {
                ui.out(&format!("Success: cluster management is {done}\nNo member is running to report the {word}\n"))?
            }
            Some(PauseWait::Applied { after_s, members }) => ui.out(&format!(
                "Success: cluster management is {done}\n{} verified: {} report{} it after {after_s:.1}s\n",
                if paused { "Pause" } else { "Resume" },
                members.join(", "),
                if members.len() == 1 { "s" } else { "" }
            ))?,
            Some(PauseWait::NotApplied { remaining, timeout_s, .. }) => ui.out(&format!(
                "{} members didn't recognized pause state after {timeout_s} seconds\n",
                remaining.join(", ")
            ))?,
            None if !matches!(outcome.via, PauseVia::Refused { .. }) => {
                ui.out(&format!("Success: cluster management is {done}\n"))?
            }
            None => {}
        }
    }
    match (&outcome.via, &outcome.wait) {
        (PauseVia::Refused { member, status, .. }, _) => Err(CommandError::failed(format!(
            "the agent of {member} refused to {word} cluster {name} (status {status}); nothing was changed"
        ))),
        (_, Some(PauseWait::NotApplied { remaining, vanished, timeout_s })) => Err(ActionError::NotVerified {
            what: format!("the {word} of cluster {name} was applied"),
            timeout: Duration::from_secs_f64(*timeout_s),
            waiting: format!(
                "{} did not report it{}",
                remaining.join(", "),
                match vanished.is_empty() {
                    true => String::new(),
                    false => format!("; {} published no member key any more (expired or removed)", vanished.join(", ")),
                }
            ),
        }
        .into()),
        _ => Ok(()),
    }
}

/// How the request went: agents that did not answer (stderr), and patronictl's `Failed: ...`
/// line or hactl's note on the etcd fallback.
fn sent(ui: &mut Ui, outcome: &PauseOutcome) -> std::io::Result<()> {
    for reason in &outcome.unreachable {
        ui.warn(reason);
    }
    let word = if outcome.paused { "pause" } else { "resume" };
    match &outcome.via {
        PauseVia::Refused { status, body, .. } => {
            ui.out(&format!("Failed: {word} cluster management status code={status}, ({body})\n"))
        }
        PauseVia::Dcs => ui.out(&format!(
            "No agent of cluster {} answered: the {word} was written to the /config key in etcd\n",
            outcome.cluster
        )),
        PauseVia::Agent { .. } => Ok(()),
    }
}
