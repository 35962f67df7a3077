//! `hactl reinit CLUSTER [MEMBER...]`: rebuild replicas (`POST /reinitialize`); with `--wait`,
//! until each streams again on a new postmaster.

use crate::commands::args::{ForceArg, FormatArg, GroupArg, MembersArgs, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::{confirm_members, need_terminal_or_force, read_and_show};
use crate::ui::{Spinner, Ui};
use clap::Args;
use hactl::actions::reinit::{self, ReinitStart};
use hactl::actions::wait::{Ready, WaitEvent};
use hactl::actions::{self, ActionError};
use hactl::error::failed_members;
use hactl::render::actions as render;
use std::time::{Duration, Instant};

/// The default bound of `--wait`: a basebackup of a large database takes long.
const DEFAULT_WAIT: Duration = Duration::from_secs(3600);

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl reinit demo pg2 --force --wait
  hactl reinit demo pg1 pg2 --from-leader --force --wait --timeout 600 -f json")]
#[command(mut_arg("member_names", |a| a.help("Replicas to reinitialize (asked for on a terminal when none is given)")))]
pub struct ReinitArgs {
    #[command(flatten)]
    pub target: MembersArgs,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub force: ForceArg,
    /// Get basebackup from leader
    #[arg(long)]
    pub from_leader: bool,
    /// Wait until reinitialization completes: the member streams again on a new postmaster
    #[arg(long)]
    pub wait: bool,
    /// Seconds to wait with --wait (default 3600)
    #[arg(long, value_name = "SECONDS", requires = "wait")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ReinitArgs) -> CommandResult {
    args.group.refuse("reinit")?;
    need_terminal_or_force(ui, args.force.given, "reinit")?;
    if args.force.given && args.target.member_names.is_empty() {
        return Err(CommandError::usage("name the members to reinitialize: hactl reinit CLUSTER MEMBER... --force"));
    }
    let timeout = args.timeout.map(|t| positive_seconds("--timeout", t)).transpose()?.unwrap_or(DEFAULT_WAIT);
    let name = &args.target.cluster_name;
    let pretty = !args.format.is_json();
    let read = read_and_show(ui, ctx, name, pretty).await?;
    let mut members = actions::select_replicas(&read.cluster, &args.target.member_names)?;
    if members.is_empty() {
        // Only without --force: patronictl asks for one.
        let candidates: Vec<&str> = actions::members_with_role(&read.cluster, actions::RoleFilter::Replica)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        let answer = ui.input(&format!("Which member do you want to reinitialize [{}]?", candidates.join(", ")), "")?;
        let answer = answer.trim().to_string();
        members = actions::select_replicas(&read.cluster, std::slice::from_ref(&answer))
            .map_err(|_| ActionError::NotAMember { member: answer })?;
    }
    if !args.force.given {
        confirm_members(ui, "reinitialize", &members)?;
    }

    let agents = ctx.agents()?;
    let since = Instant::now();
    let mut starts: Vec<ReinitStart> = Vec::new();
    for member in &members {
        let mut force = args.force.given;
        loop {
            let start = reinit::start(agents, member, force, args.from_leader).await;
            if pretty {
                ui.out(&format!("{}\n", render::reinit_start_line(&start)))?;
            }
            if start.busy() && !force && ui.confirm("Do you want to cancel it and reinitialize anyway?")? {
                force = true;
                continue;
            }
            starts.push(start);
            break;
        }
    }

    let mut verified: Vec<Ready> = Vec::new();
    let mut wait_error = None;
    let waiting_on: Vec<&str> = starts.iter().filter(|s| s.started).map(|s| s.member.as_str()).collect();
    if args.wait && !waiting_on.is_empty() {
        if pretty {
            ui.out(&format!("Waiting for reinitialize to complete on: {}\n", waiting_on.join(", ")))?;
        }
        let mut spinner: Option<Spinner> = None;
        let mut written = Ok(());
        let mut report = |event: WaitEvent| match event {
            WaitEvent::Waiting(what) => {
                spinner.get_or_insert_with(|| ui.spinner(what)).set_message(what);
            }
            WaitEvent::Ready(ready) => {
                spinner = None;
                if pretty && written.is_ok() {
                    written = ui.out(&format!(
                        "Reinitialize is completed on: {}\nReinitialize verified: {} streaming after {:.1}s (postmaster started {})\n",
                        ready.member,
                        ready.member,
                        ready.after_s,
                        ready.postmaster_start_time.as_deref().unwrap_or("?")
                    ));
                }
            }
        };
        let (dcs, agents) = ctx.dcs_and_agents().await?;
        let result = reinit::wait(dcs, agents, &read.prefix, name, &starts, since, timeout, &mut report).await;
        drop(spinner);
        written?;
        match result {
            Ok(ready) => verified = ready,
            Err(e) => wait_error = Some(e),
        }
    }
    if !pretty {
        let members: Vec<serde_json::Value> = starts
            .iter()
            .map(|s| {
                let ready = verified.iter().find(|r| r.member == s.member);
                serde_json::json!({
                    "member": s.member,
                    "status": s.status,
                    "message": s.message.trim(),
                    "started": s.started,
                    "postmaster_start_time_before": s.postmaster_start_time_before,
                    "postmaster_start_time_after": ready.and_then(|r| r.postmaster_start_time.clone()),
                    "verified_after_s": ready.map(|r| r.after_s),
                })
            })
            .collect();
        ui.print_json(&serde_json::json!({ "cluster": name, "wait": args.wait, "members": members }))?;
    }
    if let Some((kind, failed)) = failed_members(&starts) {
        return Err(CommandError::new(kind, format!("reinitialize was not started on {}", failed.join(", "))));
    }
    match wait_error {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}
