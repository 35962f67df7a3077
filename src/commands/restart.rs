//! `hactl restart CLUSTER [MEMBER...]`: patronictl's restart, made a verified rolling restart.

use crate::commands::apply::{self, Approved, SavedRun};
use crate::commands::args::{
    ForceArg, FormatArg, GroupArg, MembersArgs, ProbeArgs, ProbeSetup, RoleArg, parse_scheduled,
};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::{cluster_table, need_terminal_or_force, read_and_show};
use crate::ui::{Spinner, Ui};
use chrono::{DateTime, FixedOffset, Local};
use clap::Args;
use hactl::actions::restart::{self, RestartEvent, RestartOptions, RestartResult};
use hactl::actions::{self, RoleFilter};
use hactl::cluster::Member;
use hactl::clusters::ClusterSnapshot;
use hactl::engine;
use hactl::probe;
use hactl::render::actions as render;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl restart demo --force                      # every member, one at a time
  hactl restart demo --pending --force            # only members with pending restart
  hactl restart demo pg1 --force -f json
  hactl restart demo --role replica --scheduled 2026-12-01T02:00+00:00 --force
  hactl restart demo pg0 --force --probe 'host=haproxy port=5000 user=app dbname=app'
  hactl restart demo --pending --dry-run -f json > restart.json   # a plan to approve
  hactl restart demo --plan restart.json --max-age 900 --force")]
#[command(mut_arg("member_names", |a| a.help("Members to restart (default: every member with --role)")))]
#[command(mut_arg("role", |a| a.help("Restart only members with this role")))]
pub struct RestartArgs {
    #[command(flatten)]
    pub target: MembersArgs,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub role: RoleArg,
    /// Restart a single member only
    #[arg(long = "any")]
    pub any: bool,
    /// Timestamp of a scheduled restart in unambiguous format (e.g. ISO 8601)
    #[arg(long, value_name = "TIME")]
    pub scheduled: Option<String>,
    /// Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)
    #[arg(long = "pg-version", value_name = "VERSION")]
    pub pg_version: Option<String>,
    /// Restart if pending
    #[arg(long)]
    pub pending: bool,
    /// Return error and fail over if necessary when restarting takes longer than this
    #[arg(long, value_name = "TIMEOUT")]
    pub timeout: Option<String>,
    #[command(flatten)]
    pub force: ForceArg,
    /// Print the plan (the members in order, every check and its verdict) and change nothing
    #[arg(long, conflicts_with = "probe_paths")]
    pub dry_run: bool,
    /// Execute a restart plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["member_names", "role", "any", "scheduled", "pg_version", "pending", "timeout", "dry_run"])]
    pub plan: Option<std::path::PathBuf>,
    /// With --plan: refuse a plan made more than SECONDS ago
    #[arg(long, value_name = "SECONDS", requires = "plan")]
    pub max_age: Option<f64>,
    #[command(flatten)]
    pub probe: ProbeArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &RestartArgs) -> CommandResult {
    let force = args.force.given;
    args.group.refuse("restart")?;
    let name = &args.target.cluster_name;
    if let Some(file) = &args.plan {
        let saved = SavedRun {
            file,
            max_age: args.max_age,
            force,
            timeout: None,
            probe: &args.probe,
            json: args.format.is_json(),
            expected: Some((engine::SavedAction::Restart, Some(name))),
        };
        return apply::apply_saved(ui, ctx, &saved).await;
    }
    let dry_run = args.dry_run;
    if !dry_run {
        need_terminal_or_force(ui, force, "restart")?;
    }
    let mut scheduled_at = args.scheduled.as_deref().map(parse_scheduled).transpose()?.flatten();
    let probes = args.probe.setup(ctx.settings()?)?;
    refuse_probes_of_scheduled(&probes, scheduled_at.is_some())?;
    let pretty = !args.format.is_json();
    let read = read_and_show(ui, ctx, name, pretty && !dry_run).await?;
    let selected = actions::select_members(&read.cluster, &args.target.member_names, args.role.value)?;
    if !force && !dry_run && args.scheduled.is_none() {
        let next_hour = (Local::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M");
        let answer = ui.input(&format!("When should the restart take place (e.g. {next_hour}) "), "now")?;
        scheduled_at = parse_scheduled(&answer)?;
    }
    let mut options = RestartOptions {
        scheduled_at,
        pg_version: args.pg_version.clone(),
        pending: args.pending,
        timeout: args.timeout.clone(),
        force,
    };
    options.validate(&read.cluster)?;
    let targets = restart::targets(&read.cluster, selected, &options, args.any);
    if dry_run {
        let plan = plan_of(ctx, &read, &targets, &options).await?;
        if pretty {
            ui.out(&hactl::render::switchover::restart_plan_text(&plan))?;
        } else {
            let made_against = engine::MadeAgainst::of_restart(&plan, &read.cluster, Local::now().fixed_offset());
            ui.print_json(&serde_json::json!({ "plan": plan, "made_against": made_against }))?;
        }
        return match plan.refusal() {
            Some(reason) => Err(engine::EngineError::Refused { action: "restart", reason }.into()),
            None => Ok(()),
        };
    }
    if targets.is_empty() {
        return say_nothing_to_restart(ui, name, pretty);
    }
    // The checks `--dry-run` shows, refused the same way: a silent agent would stop the rolling
    // restart halfway, after the members before it were restarted.
    if let Some(reason) = plan_of(ctx, &read, &targets, &options).await?.refusal() {
        return Err(engine::EngineError::Refused { action: "restart", reason }.into());
    }
    if !force {
        let names = targets.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ");
        let question = match &scheduled_at {
            Some(_) if args.pending => "The nodes needing a restart will be identified at the scheduled time, and \
                                        might be different from the ones showing pending restart right now. \
                                        Is this fine?"
                .to_string(),
            Some(at) => format!("Are you sure you want to schedule restart of members {names} at {}?", py_str(at)),
            None => format!("Are you sure you want to restart members {names}?"),
        };
        if !ui.confirm(&question)? {
            let what = if scheduled_at.is_some() { "Aborted scheduled restart" } else { "Aborted restart" };
            return Err(CommandError::failed(what));
        }
        if options.pg_version.is_none() {
            let answer = ui.input("Restart if the PostgreSQL version is less than provided (e.g. 9.5.2) ", "")?;
            options.pg_version = Some(answer.trim().to_string()).filter(|v| !v.is_empty());
            options.validate(&read.cluster)?;
        }
    }
    let wait_timeout = restart::wait_timeout(&read.cluster);
    execute(ui, ctx, &read, &targets, &options, &probes, pretty, wait_timeout).await
}

/// `hactl apply` (or `restart --plan`) of a saved restart plan: refused when the cluster moved
/// or the members it names would no longer be chosen, its checks run again, then exactly its
/// restarts are made, one at a time.
pub async fn apply_saved_restart(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    approved: Approved,
    force: bool,
    json: bool,
) -> CommandResult {
    let made = &approved.saved.made_against;
    let file = &approved.file;
    let unreadable = |detail: String| engine::SavedPlanError::Unreadable { file: file.clone(), detail };
    let planned = made.restart.as_ref().ok_or_else(|| unreadable("a restart plan without its restarts".into()))?;
    let scheduled_at = made.scheduled_at().map_err(unreadable)?;
    refuse_probes_of_scheduled(&approved.probes, scheduled_at.is_some())?;
    let pretty = !json;
    let name = &made.cluster;
    let read = ctx.read_cluster(name).await?;
    approved.check_against(&read.cluster)?;
    let options = RestartOptions {
        scheduled_at,
        pg_version: planned.pg_version.clone(),
        pending: planned.pending,
        timeout: planned.timeout.clone(),
        force: true,
    };
    options.validate(&read.cluster)?;
    if planned.members.is_empty() {
        return say_nothing_to_restart(ui, name, pretty);
    }
    let selected = actions::select_members(&read.cluster, &planned.members, RoleFilter::Any)?;
    let targets = restart::targets(&read.cluster, selected, &options, false);
    let chosen_now: Vec<String> = targets.iter().map(|m| m.name.clone()).collect();
    if let Some(moved) = engine::restart_members_moved(planned, &chosen_now) {
        return Err(engine::SavedPlanError::Moved { file: file.clone(), differences: vec![moved] }.into());
    }
    let plan = plan_of(ctx, &read, &targets, &options).await?;
    if let Some(reason) = plan.refusal() {
        return Err(engine::EngineError::Refused { action: "restart", reason }.into());
    }
    if !force {
        let question = format!("Apply the saved plan: restart of members {} of cluster {name}?", chosen_now.join(", "));
        if !ui.confirm(&question)? {
            return Err(CommandError::failed("Aborted restart"));
        }
    }
    if pretty {
        ui.out(&cluster_table(name, &read.cluster, ui.color()))?;
    }
    let wait_timeout = approved.timeout.unwrap_or_else(|| restart::wait_timeout(&read.cluster));
    execute(ui, ctx, &read, &targets, &options, &approved.probes, pretty, wait_timeout).await
}

/// The probes measure a restart made now; a scheduled restart has nothing to measure yet.
fn refuse_probes_of_scheduled(probes: &ProbeSetup, scheduled: bool) -> CommandResult {
    if scheduled && (probes.write.is_some() || probes.read.is_some()) {
        return Err(CommandError::usage(
            "--probe and --probe-ro measure a restart made now: leave them out of a --scheduled restart",
        ));
    }
    Ok(())
}

fn say_nothing_to_restart(ui: &mut Ui, name: &str, pretty: bool) -> CommandResult {
    if pretty {
        ui.out(&format!("No member of cluster {name} has a pending restart; nothing to restart\n"))?;
    } else {
        ui.print_json(&serde_json::json!({ "cluster": name, "members": [] }))?;
    }
    Ok(())
}

/// The restart's plan: the members in order, and the checks on what the agents say now.
async fn plan_of(
    ctx: &mut CommandContext,
    read: &ClusterSnapshot,
    targets: &[&Member],
    options: &RestartOptions,
) -> CommandResult<engine::RestartPlan> {
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let facts = engine::gather_preflight(dcs, agents, read).await?;
    let planned = engine::PlannedRestart {
        members: targets.iter().map(|m| m.name.clone()).collect(),
        pg_version: options.pg_version.clone().filter(|v| !v.is_empty()),
        pending: options.pending,
        timeout: options.timeout.clone(),
    };
    let scheduled_at = options.scheduled_at.map(|at| at.to_rfc3339());
    Ok(engine::plan_restart(&read.cluster, &read.cluster.scope, planned, scheduled_at, &facts))
}

/// Restarts `targets` one at a time (or schedules them), probing the paths when asked, and
/// reports each member and the probes.
#[allow(clippy::too_many_arguments)]
async fn execute(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    read: &ClusterSnapshot,
    targets: &[&Member],
    options: &RestartOptions,
    probes: &ProbeSetup,
    pretty: bool,
    wait_timeout: std::time::Duration,
) -> CommandResult {
    let name = &read.cluster.scope;
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let exec = restart::Execution {
        dcs,
        cluster: &read.cluster,
        agents,
        prefix: read.prefix.clone(),
        scope: name.clone(),
        request_timeout: restart::request_timeout(&read.cluster, options),
        wait_timeout,
    };
    let mut spinner: Option<Spinner> = None;
    let mut written = Ok(());
    let mut report = |event: RestartEvent| {
        let line = match event {
            RestartEvent::Requesting { member } => {
                spinner = Some(ui.spinner(&format!("restarting PostgreSQL on {member}")));
                None
            }
            RestartEvent::Waiting(what) => {
                spinner.get_or_insert_with(|| ui.spinner(what)).set_message(what);
                None
            }
            RestartEvent::FlushFailed { member, status, body } => {
                Some(format!("Failed: flush scheduled restart for member {member}, status code={status}, ({body})"))
            }
            RestartEvent::Answered(result) => Some(render::restart_answer_line(result)),
            RestartEvent::Verified(result) => Some(render::restart_verified_line(result)),
        };
        if let Some(line) = line {
            spinner = None;
            if pretty && written.is_ok() {
                written = ui.out(&format!("{line}\n"));
            }
        }
    };
    // Before anything is sent: a probe that cannot write now would measure nothing.
    let running =
        probe::Probes::start(probes.write.as_ref(), probes.read.as_ref(), &read.cluster, probes.interval).await?;
    let results = restart::rolling_restart(exec, targets, options, &mut report).await;
    drop(spinner);
    let probed = match running {
        Some(running) => Some(conclude_probes(ui, ctx, name, running, probes.write.as_ref(), wait_timeout).await?),
        None => None,
    };
    written?;
    let not_attempted: Vec<&str> =
        results.iter().filter(|r| r.result == RestartResult::NotAttempted).map(|r| r.member.as_str()).collect();
    if pretty {
        if let (false, Some(stop)) = (not_attempted.is_empty(), results.iter().find(|r| !r.may_continue())) {
            ui.out(&format!(
                "Rolling restart stopped at {}: not restarted: {}\n",
                stop.member,
                not_attempted.join(", ")
            ))?;
        }
        if let Some((report, _)) = &probed {
            ui.out(&hactl::render::switchover::probes_text(report, false))?;
        }
    } else {
        let mut out = serde_json::json!({ "cluster": name, "members": results });
        if let Some((report, _)) = &probed {
            out["probe"] = serde_json::json!(report.write);
            out["read_probe"] = serde_json::json!(report.read);
        }
        ui.print_json(&out)?;
    }
    match restart::failure(&results) {
        Some((kind, message)) => Err(CommandError::new(kind, message)),
        None => Ok(probed.map_or(Ok(()), |(_, verdict)| verdict)?),
    }
}

/// After the restarts: the probes wait for the paths to reach the leader (as read now) and
/// answer, within `timeout`, and report.
async fn conclude_probes(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    name: &str,
    running: probe::Probes,
    write_path: Option<&probe::ProbePath>,
    timeout: std::time::Duration,
) -> CommandResult<(probe::ProbesReport, Result<(), probe::ProbeError>)> {
    let deadline = tokio::time::Instant::now() + timeout;
    let after = ctx.read_cluster(name).await;
    let leader = after.as_ref().ok().and_then(|r| r.cluster.leader_member().cloned());
    let spinner = leader.as_ref().map(|l| ui.spinner(&running.waiting_for(&l.name)));
    let (mut report, verdict) = running.conclude(leader.as_ref(), deadline, "restart").await;
    crate::commands::leader_change::drop_left_probe_table(ctx, name, write_path, &mut report).await;
    drop(spinner);
    if matches!(verdict, Err(probe::ProbeError::Interrupted { .. })) || leader.is_none() {
        crate::commands::leader_change::say_what_became_of_the_table(ui, &report);
    }
    Ok((report, verdict))
}

/// `str(datetime)` in Python: `2026-12-01 02:00:00+01:00`.
fn py_str(at: &DateTime<FixedOffset>) -> String {
    if at.timestamp_subsec_micros() == 0 {
        at.format("%Y-%m-%d %H:%M:%S%:z").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S%.6f%:z").to_string()
    }
}
