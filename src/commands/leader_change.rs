//! What `switchover` and `failover` share: patronictl's options and prompts, then the engine's
//! plan, execution and verification.

use crate::commands::args::{
    ClusterArg, ForceArg, FormatArg, GroupArg, ProbeArgs, ProbeSetup, parse_scheduled, positive_seconds,
};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::cluster_table;
use crate::ui::Ui;
use chrono::Local;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::engine::{self, Action, Execution, Phase, Plan, Request, Verdict};
use hactl::probe;
use hactl::render::switchover as render;

/// Options shared by `switchover` and `failover`.
#[derive(Debug, Args)]
pub struct LeaderChangeArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// The name of the current leader (checked against the leader key)
    #[arg(long, visible_aliases = ["primary", "master"], value_name = "NAME", add = ArgValueCandidates::new(crate::complete::members))]
    pub leader: Option<String>,
    /// The name of the candidate (default: the best eligible member)
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(crate::complete::members))]
    pub candidate: Option<String>,
    #[command(flatten)]
    pub force: ForceArg,
    /// Print the plan (every check and its verdict) and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["leader", "candidate", "dry_run", "no_wait"])]
    pub plan: Option<std::path::PathBuf>,
    /// With --plan: refuse a plan made more than SECONDS ago
    #[arg(long, value_name = "SECONDS", requires = "plan")]
    pub max_age: Option<f64>,
    /// Seconds to wait for the cluster to converge (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Return once the request is accepted, without waiting for the outcome
    #[arg(long, conflicts_with = "probe_paths")]
    pub no_wait: bool,
    #[command(flatten)]
    pub probe: ProbeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

/// A switchover or failover, `scheduled` for a switchover at a later time.
pub async fn run(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    action: Action,
    args: &LeaderChangeArgs,
    scheduled: Option<&str>,
) -> CommandResult {
    args.group.refuse(action.as_str())?;
    if let Some(file) = &args.plan {
        let saved = crate::commands::apply::SavedRun {
            file,
            max_age: args.max_age,
            force: args.force.given,
            timeout: args.timeout,
            probe: &args.probe,
            json: args.format.is_json(),
            expected: Some((action.into(), args.cluster.cluster_name.as_deref())),
        };
        return crate::commands::apply::apply_saved(ui, ctx, &saved).await;
    }
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let mut scheduled_at = scheduled.map(parse_scheduled).transpose()?.flatten();
    let timeout = args.timeout.map(|t| positive_seconds("--timeout", t)).transpose()?;
    let force = args.force.given;
    let probes = args.probe.setup(ctx.settings()?)?;
    let interactive = !force && !args.dry_run;
    if interactive && !ui.can_prompt() {
        return Err(CommandError::usage(format!(
            "{} needs confirmation and no terminal is attached: pass --force (or --dry-run to see the plan)",
            action.as_str()
        )));
    }

    let read = ctx.read_cluster(&name).await?;
    let pretty = !args.format.is_json();
    if pretty && !args.dry_run {
        ui.out("Current cluster topology\n")?;
        ui.out(&cluster_table(&name, &read.cluster, ui.color()))?;
    }

    let mut request = Request {
        action,
        leader: args.leader.clone(),
        candidate: args.candidate.clone(),
        scheduled_at,
        confirmed: force,
    };
    if interactive {
        ask(ui, &read.cluster, &mut request, scheduled.is_none())?;
        scheduled_at = request.scheduled_at;
    }

    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let facts = engine::gather_preflight(dcs, agents, &read).await?;
    let mut plan = engine::plan(&read.cluster, &request, &facts);

    if args.dry_run {
        // The real run refuses when a probe cannot start: the plan says so beforehand.
        plan.checks.extend(probes.dry_run_checks(&read.cluster).await);
        print_plan(ui, &plan, &read.cluster, args.format.is_json())?;
        return match plan.refusal() {
            Some(reason) => Err(engine::EngineError::Refused { action: action.as_str(), reason }.into()),
            None => Ok(()),
        };
    }
    if plan.refusal().is_none() && !plan.needs_confirmation().is_empty() {
        let questions: Vec<String> = plan
            .needs_confirmation()
            .iter()
            .filter_map(|c| match &c.verdict {
                Verdict::NeedsConfirmation(q) => Some(q.clone()),
                _ => None,
            })
            .collect();
        for question in questions {
            if !ui.confirm(&question)? {
                return Err(CommandError::failed(format!("Aborting {}", action.as_str())));
            }
        }
        request.confirmed = true;
        plan = engine::plan(&read.cluster, &request, &facts);
    }
    if interactive && plan.refusal().is_none() {
        let demote = plan.leader.as_ref().map(|l| format!(", demoting current leader {l}")).unwrap_or_default();
        let question = match (&scheduled_at, &plan.scheduled_at) {
            (Some(_), Some(at)) => {
                format!("Are you sure you want to schedule switchover of cluster {name} at {at}{demote}?")
            }
            _ => format!("Are you sure you want to {} cluster {name}{demote}?", action.as_str()),
        };
        if !ui.confirm(&question)? {
            let what = if scheduled_at.is_some() { "scheduled " } else { "" };
            return Err(CommandError::failed(format!("Aborting {what}{}", action.as_str())));
        }
    }

    if pretty && plan.candidate_chosen && plan.refusal().is_none() {
        ui.status(&render::chosen_line(&plan));
    }
    let how = HowToExecute { timeout, no_wait: args.no_wait, probes, json: !pretty };
    execute_plan(ui, ctx, &read, &plan, &how).await
}

/// How a plan is carried out, from the flags of switchover, failover and apply.
pub struct HowToExecute {
    pub timeout: Option<std::time::Duration>,
    pub no_wait: bool,
    pub probes: ProbeSetup,
    pub json: bool,
}

/// Executes a plan made from `read` (refused plans return their refusal), with the write probe
/// beside it when asked for, and prints the outcome (text or JSON, as `ui` was told).
pub async fn execute_plan(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    read: &hactl::clusters::ClusterSnapshot,
    plan: &Plan,
    how: &HowToExecute,
) -> CommandResult {
    let (action, name, pretty) = (plan.action, plan.cluster.clone(), !how.json);
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let spinner = ui.spinner(&format!("{} of cluster {name}", action.as_str()));
    let mut report = |phase: Phase| match phase {
        Phase::Sending { member } => spinner.set_message(&format!("sending the request to the agent of {member}")),
        Phase::FallingBack { reason } => spinner.println(&format!("{reason}: writing the /failover key in etcd")),
        Phase::Waiting { what } => spinner.set_message(&what),
        Phase::LeaderChanged { leader, after } => {
            spinner.println(&format!("{leader} holds the leader key after {:.1}s", after.as_secs_f64()))
        }
    };
    let exec = Execution::new(dcs, agents, read, how.timeout, how.no_wait);
    let deadline = tokio::time::Instant::now() + exec.timeout;
    // Before anything is sent: a probe that cannot write now would measure nothing.
    let running = match plan.refusal() {
        None => {
            probe::Probes::start(
                how.probes.write.as_ref(),
                how.probes.read.as_ref(),
                &read.cluster,
                how.probes.interval,
            )
            .await?
        }
        Some(_) => None,
    };
    let result = engine::execute(plan, exec, &mut report).await;
    let probed = match (running, &result) {
        (Some(running), Ok(outcome)) => {
            let new_leader = outcome.new_leader.as_deref();
            let leader_member = outcome.cluster.as_ref().zip(new_leader).and_then(|(c, n)| c.member(n));
            if let Some(leader) = new_leader {
                spinner.set_message(&running.waiting_for(leader));
            }
            Some(running.conclude(leader_member, deadline, action.as_str()).await)
        }
        (Some(running), Err(_)) => {
            // Failed, timed out or interrupted: nothing to wait for. Mid-change the path may
            // reach no server, so the table is dropped on whoever leads now when it cannot.
            let leader_now = ctx.read_cluster(&name).await.ok().and_then(|r| r.cluster.leader_member().cloned());
            let mut report = running.finish(leader_now.as_ref()).await;
            drop_left_probe_table(ctx, &name, how.probes.write.as_ref(), &mut report).await;
            Some((report, Ok(())))
        }
        (None, _) => None,
    };
    drop(spinner);
    if let Some((report, verdict)) = &probed
        && (result.is_err() || matches!(verdict, Err(probe::ProbeError::Interrupted { .. })))
    {
        say_what_became_of_the_table(ui, report);
    }
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(e) => {
            if pretty && let engine::EngineError::AgentFailed { title, status, body, .. } = &e {
                // patronictl's line, which scripts grep; the error (and exit 1) follows.
                ui.out(&format!("{title} failed, details: {status}, {body}\n"))?;
            }
            return Err(e.into());
        }
    };
    let (report, verdict) = probed.unwrap_or((probe::ProbesReport::default(), Ok(())));
    if pretty {
        let stamp = hactl::render::ctl_timestamp(Local::now());
        ui.out(&render::outcome_text(&name, &outcome, &stamp, report.paths_reached(), ui.color()))?;
        ui.out(&render::probes_text(&report, true))?;
    } else {
        ui.print_json(
            &serde_json::json!({ "plan": plan, "outcome": outcome, "probe": report.write, "read_probe": report.read }),
        )?;
    }
    Ok(verdict?)
}

/// How long a probe table that could not be dropped at once is tried again: a switchover cut
/// short leaves the path and the leader without PostgreSQL for a few seconds.
const DROP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(15);

/// After an action that ended mid-change: tries again, once a second, through the path and on
/// whoever leads then, to drop the probe table that [`probe::Probes::finish`] could not.
pub async fn drop_left_probe_table(
    ctx: &mut CommandContext,
    name: &str,
    path: Option<&probe::ProbePath>,
    report: &mut probe::ProbesReport,
) {
    let (Some(write), Some(path)) = (report.write.as_mut(), path) else { return };
    let give_up = tokio::time::Instant::now() + DROP_PATIENCE;
    while !write.table_dropped && tokio::time::Instant::now() < give_up {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let leader = ctx.read_cluster(name).await.ok().and_then(|r| r.cluster.leader_member().cloned());
        match probe::drop_left_table(path, leader.as_ref(), &write.table).await {
            Ok(()) => {
                write.table_dropped = true;
                write.cleanup_error = None;
            }
            Err(e) => write.cleanup_error = Some(e),
        }
    }
}

/// After a failed or interrupted action: what became of the write probe's table.
pub fn say_what_became_of_the_table(ui: &mut Ui, report: &probe::ProbesReport) {
    if let Some(write) = &report.write {
        match &write.cleanup_error {
            None => ui.status(&format!("probe table {} dropped", write.table)),
            Some(e) => ui.status(&format!("probe table {} left behind: {e}", write.table)),
        }
    }
}

/// patronictl's prompts: leader, candidate, time.
fn ask(ui: &mut Ui, cluster: &hactl::cluster::Cluster, request: &mut Request, ask_time: bool) -> CommandResult {
    let leader = cluster.leader_name().unwrap_or_default().to_string();
    if request.action == Action::Switchover && request.leader.is_none() && !leader.is_empty() {
        let prompt = if cluster.is_standby_cluster() { "Standby Leader" } else { "Primary" };
        request.leader = Some(ui.input(prompt, &leader)?);
    }
    if request.candidate.is_none() {
        let names = engine::offered_candidates(cluster);
        let list = names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
        let answer = ui.input(&format!("Candidate [{list}]"), "")?;
        request.candidate = Some(answer).filter(|a| !a.trim().is_empty());
    }
    if request.action == Action::Switchover && ask_time {
        let next_hour = (Local::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M");
        let answer = ui.input(&format!("When should the switchover take place (e.g. {next_hour} ) "), "now")?;
        request.scheduled_at = parse_scheduled(&answer)?;
    }
    Ok(())
}

/// The plan; in JSON with what it was made against, so that `hactl apply` can execute it later
/// on the cluster it was made for, and only there.
fn print_plan(ui: &mut Ui, plan: &Plan, cluster: &hactl::cluster::Cluster, json: bool) -> CommandResult {
    if json {
        let made_against = engine::MadeAgainst::of(plan, cluster, Local::now().fixed_offset());
        ui.print_json(&serde_json::json!({ "plan": plan, "made_against": made_against }))?;
    } else {
        ui.out(&render::plan_text(plan))?;
    }
    Ok(())
}
