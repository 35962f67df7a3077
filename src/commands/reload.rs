//! `hactl reload CLUSTER [MEMBER...]`: reload the members' configuration (`POST /reload`).

use crate::commands::args::{ForceArg, FormatArg, GroupArg, MembersArgs, RoleArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::{confirm_members, need_terminal_or_force, read_and_show};
use crate::ui::Ui;
use clap::Args;
use hactl::actions;
use hactl::error::failed_members;
use hactl::render::actions as render;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl reload demo --force
  hactl reload demo pg1 pg2 --force
  hactl reload demo --role replica --force -f json")]
#[command(mut_arg("member_names", |a| a.help("Members to reload (default: every member with --role)")))]
#[command(mut_arg("role", |a| a.help("Reload only members with this role")))]
pub struct ReloadArgs {
    #[command(flatten)]
    pub target: MembersArgs,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub role: RoleArg,
    #[command(flatten)]
    pub force: ForceArg,
    #[command(flatten)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ReloadArgs) -> CommandResult {
    args.group.refuse("reload")?;
    need_terminal_or_force(ui, args.force.given, "reload")?;
    let name = &args.target.cluster_name;
    let pretty = !args.format.is_json();
    let read = read_and_show(ui, ctx, name, pretty).await?;
    let members = actions::select_members(&read.cluster, &args.target.member_names, args.role.value)?;
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
