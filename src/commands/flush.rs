//! `hactl flush CLUSTER [MEMBER...] restart|switchover`: discard scheduled events.

use crate::commands::ErrorFormat;
use crate::commands::args::{ForceArg, GroupArg, RoleArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::commands::member_action::{cluster_table, confirm_members, need_terminal_or_force};
use crate::ui::Ui;
use clap::Args;
use hactl::actions::{self, flush::FlushSwitchover};
use hactl::render;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl flush demo switchover
  hactl flush demo pg1 restart --force
  hactl flush demo restart --role replica --force")]
#[command(mut_arg("role", |a| a.help("Flush only members with this role")))]
pub struct FlushArgs {
    /// CLUSTER_NAME [MEMBER_NAMES]... {restart|switchover}
    #[arg(required = true, num_args = 2.., value_name = "CLUSTER [MEMBER]... TARGET")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub role: RoleArg,
    #[command(flatten)]
    pub force: ForceArg,
}

impl ErrorFormat for FlushArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &FlushArgs) -> CommandResult {
    let (name, rest) = args.args.split_first().expect("clap requires two values");
    let (target, members) = rest.split_last().expect("clap requires two values");
    if target != "restart" && target != "switchover" {
        return Err(CommandError::usage(format!("invalid value '{target}' for TARGET: use restart or switchover")));
    }
    if target == "restart" {
        need_terminal_or_force(ui, args.force.given, "flush")?;
    }
    let read = ctx.read_cluster(name).await?;
    let (dcs, agents) = ctx.dcs_and_agents().await?;
    let timeout = Duration::from_secs(10);

    if target == "switchover" {
        return match actions::flush::cancel_switchover(dcs, agents, &read.prefix, &read.cluster, timeout).await? {
            FlushSwitchover::NothingPending => Ok(ui.out("No pending scheduled switchover\n")?),
            FlushSwitchover::Agent { response, refused, .. } => {
                for (member, r) in refused {
                    ui.out(&format!("Failed: member={member}, status_code={}, ({})\n", r.status, r.body))?;
                }
                if response.status == 200 {
                    Ok(ui.out(&format!("Success: {}\n", response.body))?)
                } else {
                    ui.out(&format!("Failed: {}\n", response.body))?;
                    Err(CommandError::failed(format!("the scheduled switchover of {name} was not flushed")))
                }
            }
            FlushSwitchover::Dcs { written, unreachable } => {
                for reason in unreachable {
                    ui.warn(&reason);
                }
                let stamp = render::ctl_timestamp(chrono::Local::now());
                ui.out(&format!("{stamp} Could not find any accessible member of cluster {name}\n"))?;
                if written {
                    Ok(ui.out("Success: the scheduled switchover was removed from the DCS\n")?)
                } else {
                    // A lost compare-and-swap changed nothing: refused, as for edit-config.
                    Err(CommandError::refused(
                        "the /failover key changed meanwhile; nothing was overwritten, run flush again",
                    ))
                }
            }
        };
    }

    // As patronictl: the cluster table, then the question (a terminal, or --force).
    ui.out(&cluster_table(name, &read.cluster, ui.color()))?;
    let selected = actions::select_members(&read.cluster, members, args.role.value)?;
    if !args.force.given {
        confirm_members(ui, "flush", &selected)?;
    }
    let scheduled: Vec<_> = selected.iter().copied().filter(|m| m.scheduled_restart.is_some()).collect();
    for member in selected.iter().filter(|m| m.scheduled_restart.is_none()) {
        ui.out(&format!("No scheduled restart for member {}\n", member.name))?;
    }
    let mut failures = 0;
    for result in actions::call_each(agents, &scheduled, reqwest::Method::DELETE, "restart", None, timeout).await {
        match result.result {
            Ok(r) if r.status < 400 => {
                ui.out(&format!("Success: flush scheduled restart for member {}\n", result.member))?
            }
            Ok(r) => {
                failures += 1;
                ui.out(&format!(
                    "Failed: flush scheduled restart for member {}, status code={}, ({})\n",
                    result.member, r.status, r.body
                ))?;
            }
            Err(e) => {
                failures += 1;
                ui.out(&format!("Failed: flush scheduled restart for member {}, ({e})\n", result.member))?;
            }
        }
    }
    if failures > 0 {
        return Err(CommandError::failed(format!("{failures} member(s) did not flush their scheduled restart")));
    }
    Ok(())
}
