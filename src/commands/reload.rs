//! `hactl reload CLUSTER [MEMBER...]`: reload the members' configuration (`POST /reload`).

use crate::commands::args::{ForceArg, FormatArg, GroupArg};
use crate::commands::context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::{confirm_members, need_terminal_or_force, read_and_show};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::{self, RoleFilter};
use hactl::error::failed_members;
use hactl::render::actions as render;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl reload demo --force
  hactl reload demo pg1 pg2 --force
  hactl reload demo --role replica --force -f json")]
pub struct ReloadArgs {
    /// Cluster name
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: String,
    /// Members to reload (default: every member with --role)
    #[arg(add = ArgValueCandidates::new(crate::complete::members))]
    pub member_names: Vec<String>,
    #[command(flatten)]
    pub group: GroupArg,
    /// Reload only members with this role
    #[arg(short = 'r', long, value_enum, default_value_t = RoleFilter::Any)]
    pub role: RoleFilter,
    #[command(flatten)]
    pub force: ForceArg,
    #[command(flatten)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ReloadArgs) -> CommandResult {
    args.group.refuse("reload")?;
    need_terminal_or_force(ui, args.force.given, "reload")?;
    let name = &args.cluster_name;
    let pretty = !args.format.is_json();
    let read = read_and_show(ui, ctx, name, pretty).await?;
    let members = actions::select_members(&read.cluster, &args.member_names, args.role)?;
    if !args.force.given {
        confirm_members(ui, "reload", &members)?;
    }
    let results = actions::reload::reload(ctx.agents()?, &members, Duration::from_secs(10)).await;
    let loop_wait = read.cluster.loop_wait();
    if pretty {
        ui.out(&render::reload_text(&results, loop_wait))?;
    } else {
        ui.print_json(&serde_json::json!({ "cluster": name, "loop_wait": loop_wait, "members": results }))?;
    }
    match failed_members(&results) {
        Some((kind, failed)) => Err(CommandError::new(kind, format!("reload failed on {}", failed.join(", ")))),
        None => Ok(()),
    }
}
