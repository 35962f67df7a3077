//! `hactl pause [CLUSTER]` and `hactl resume [CLUSTER]`: maintenance mode on and off.

use crate::cli::GlobalArgs;
use crate::commands::{dcs_timeout, load_settings};
use crate::ui::{Spinner, Ui};
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::ActionError;
use hactl::actions::pause::{self, PauseEvent, PauseOutcome, PauseVia};
use hactl::actions::wait::PauseWait;
use hactl::agent::Agents;
use hactl::clusters;
use std::time::Duration;

pub use super::restart::OutputFormat;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl pause demo --wait
  hactl resume demo --wait --timeout 60
  hactl pause demo -f json")]
pub struct PauseArgs {
    /// Cluster name (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    /// Wait until every member reports the new state
    #[arg(long)]
    pub wait: bool,
    /// Seconds to wait with --wait (default: the cluster's ttl + loop_wait + 10)
    #[arg(long, value_name = "SECONDS", requires = "wait")]
    pub timeout: Option<f64>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
}

impl PauseArgs {
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }
}

pub async fn run_pause(ui: &mut Ui, global: &GlobalArgs, args: &PauseArgs) -> anyhow::Result<()> {
    run(ui, global, args, true).await
}

pub async fn run_resume(ui: &mut Ui, global: &GlobalArgs, args: &PauseArgs) -> anyhow::Result<()> {
    run(ui, global, args, false).await
}

async fn run(ui: &mut Ui, global: &GlobalArgs, args: &PauseArgs, paused: bool) -> anyhow::Result<()> {
    let word = if paused { "pause" } else { "resume" };
    super::no_group(args.group, word)?;
    let timeout = args.timeout.map(|t| super::positive_seconds("--timeout", t)).transpose()?;
    let settings = load_settings(global)?;
    let name = clusters::cluster_names(&settings, args.cluster_name.as_slice())?.remove(0);
    let mut dcs = clusters::connect(&settings, dcs_timeout(global)?).await?;
    let read = clusters::read_cluster(&mut dcs, &settings, &name).await?;
    let agents = Agents::new(&settings.rest, Duration::from_secs(2))?;
    let wait = args.wait.then(|| timeout.unwrap_or_else(|| pause::default_timeout(&read.cluster)));

    let pretty = !args.is_json();
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
    let result = pause::toggle_pause(&mut dcs, &agents, &read, paused, wait, &mut report).await;
    drop(spinner);
    written?;
    let outcome = result?;
    if !pretty {
        ui.out(&(serde_json::to_string_pretty(&outcome)? + "\n"))?;
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
            Some(PauseWait::NotApplied { remaining, timeout_s }) => ui.out(&format!(
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
        (PauseVia::Refused { member, status, .. }, _) => Err(crate::failed_error(format!(
            "the agent of {member} refused to {word} cluster {name} (status {status}); nothing was changed"
        ))),
        (_, Some(PauseWait::NotApplied { remaining, timeout_s })) => Err(ActionError::NotVerified {
            what: format!("the {word} of cluster {name} was applied"),
            timeout: Duration::from_secs_f64(*timeout_s),
            waiting: format!("{} did not report it", remaining.join(", ")),
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
