//! `hactl apply PLAN`: execute a plan saved by `switchover`/`failover`/`restart --dry-run -f json`, only on
//! the cluster it was made for: the cluster is read again, compared with what the plan recorded
//! (refused, exit 3, with each difference named), every preflight check runs again, and then
//! exactly the planned request is sent and verified.

use crate::commands::ErrorFormat;
use crate::commands::args::{ForceArg, FormatArg, ProbeArgs, ProbeSetup, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::leader_change::{self, HowToExecute};
use crate::ui::Ui;
use chrono::Local;
use clap::Args;
use hactl::engine;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl switchover demo --leader pg0 --candidate pg1 --dry-run -f json > plan.json
  hactl plan show plan.json
  hactl apply plan.json --max-age 900 --force")]
pub struct ApplyArgs {
    /// The saved plan (the JSON of `switchover`/`failover`/`restart --dry-run -f json`)
    #[arg(value_name = "PLAN")]
    pub file: PathBuf,
    /// Refuse a plan made more than SECONDS ago
    #[arg(long, value_name = "SECONDS")]
    pub max_age: Option<f64>,
    #[command(flatten)]
    pub force: ForceArg,
    /// Seconds to wait for the cluster to converge (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub probe: ProbeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

impl ErrorFormat for ApplyArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ApplyArgs) -> CommandResult {
    let saved = SavedRun {
        file: &args.file,
        max_age: args.max_age,
        force: args.force.given,
        timeout: args.timeout,
        probe: &args.probe,
        json: args.format.is_json(),
        expected: None,
    };
    apply_saved(ui, ctx, &saved).await
}

/// What `apply` and `switchover`/`failover`/`restart --plan` are given.
pub struct SavedRun<'a> {
    pub file: &'a std::path::Path,
    pub max_age: Option<f64>,
    pub force: bool,
    pub timeout: Option<f64>,
    pub probe: &'a ProbeArgs,
    pub json: bool,
    /// From `switchover`/`failover`/`restart --plan`: the action and the cluster (when named) the
    /// plan must be for.
    pub expected: Option<(engine::SavedAction, Option<&'a str>)>,
}

/// A saved plan, read and checked for what it was given with, ready to be checked against the
/// cluster as it is now.
pub struct Approved {
    pub saved: engine::SavedPlan,
    pub file: String,
    /// `--max-age`, in whole seconds.
    pub max_age_s: Option<u64>,
    pub timeout: Option<std::time::Duration>,
    pub probes: ProbeSetup,
}

impl Approved {
    /// Refuses the plan when it is too old or the cluster moved since it was made.
    pub fn check_against(&self, cluster: &hactl::cluster::Cluster) -> CommandResult {
        let now = Local::now().fixed_offset();
        Ok(engine::check_saved(&self.saved.made_against, &self.file, cluster, now, self.max_age_s)?)
    }
}

/// Reads the saved plan, checks it against the cluster as it is now, and executes it.
pub async fn apply_saved(ui: &mut Ui, ctx: &mut CommandContext, run: &SavedRun<'_>) -> CommandResult {
    let file = run.file.display().to_string();
    let saved = read_saved(run.file)?;
    let max_age = run.max_age.map(|s| positive_seconds("--max-age", s)).transpose()?;
    let timeout = run.timeout.map(|t| positive_seconds("--timeout", t)).transpose()?;
    let probes = run.probe.setup(ctx.settings()?)?;
    let made = &saved.made_against;
    let action = made.action.as_str();
    if let Some((expected, cluster)) = run.expected {
        if made.action != expected {
            return Err(CommandError::usage(format!(
                "{file} is a {action} plan, not a {} plan: run `hactl apply {file}` or `hactl {action} --plan {file}`",
                expected.as_str()
            )));
        }
        if let Some(cluster) = cluster.filter(|c| *c != made.cluster) {
            return Err(CommandError::usage(format!(
                "{file} was made for cluster {}, not {cluster}: leave out the cluster name or give the plan of {cluster}",
                made.cluster
            )));
        }
    }
    if !run.force && !ui.can_prompt() {
        return Err(CommandError::usage(format!(
            "applying a {action} plan needs confirmation and no terminal is attached: pass --force"
        )));
    }
    let Some(leader_change) = made.action.leader_change() else {
        let approved = Approved { saved, file, max_age_s: max_age.map(|d| d.as_secs().max(1)), timeout, probes };
        return crate::commands::restart::apply_saved_restart(ui, ctx, approved, run.force, run.json).await;
    };
    let request = made.request().map_err(|detail| engine::SavedPlanError::Unreadable { file: file.clone(), detail })?;

    let read = ctx.read_cluster(&made.cluster).await?;
    let approved = Approved { saved, file, max_age_s: max_age.map(|d| d.as_secs().max(1)), timeout, probes };
    approved.check_against(&read.cluster)?;
    let made = &approved.saved.made_against;
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let facts = engine::gather_preflight(dcs, agents, &read).await?;
    let plan = engine::plan(&read.cluster, &request, &facts);
    if let Some(reason) = plan.refusal() {
        return Err(engine::EngineError::Refused { action: leader_change.as_str(), reason }.into());
    }
    if !run.force {
        let to = plan.candidate.as_deref().unwrap_or("the best candidate");
        let from = plan.leader.as_deref().map(|l| format!(" from {l}")).unwrap_or_default();
        let question = format!("Apply the saved plan: {action} of cluster {}{from} to {to}?", made.cluster);
        if !ui.confirm(&question)? {
            return Err(CommandError::failed(format!("Aborting {action}")));
        }
    }
    let how = HowToExecute { timeout: approved.timeout, no_wait: false, probes: approved.probes, json: run.json };
    leader_change::execute_plan(ui, ctx, &read, &plan, &how).await
}

/// The saved plan in `path`, or an error naming the file.
pub fn read_saved(path: &std::path::Path) -> CommandResult<engine::SavedPlan> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        CommandError::usage(format!("cannot read the plan {file}: {e}; give the file `--dry-run -f json` wrote"))
    })?;
    Ok(engine::parse_saved(&text, &file)?)
}
