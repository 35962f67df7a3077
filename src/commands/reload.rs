//! `hactl reload CLUSTER [MEMBER...]`: reload the members' configuration (`POST /reload`).

use super::restart::OutputFormat;
use crate::CliError;
use crate::cli::GlobalArgs;
use crate::commands::{MemberAction, confirm_members, need_terminal_or_force, no_group, start_member_action};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::{self, RoleFilter};
use hactl::agent::Agents;
use hactl::error::ErrorKind;
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
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    /// Reload only members with this role
    #[arg(short = 'r', long, value_enum, default_value_t = RoleFilter::Any)]
    pub role: RoleFilter,
    /// Do not ask for confirmation at any point
    #[arg(long)]
    pub force: bool,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
}

impl ReloadArgs {
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }
}

pub async fn run(ui: &mut Ui, global: &GlobalArgs, args: &ReloadArgs) -> anyhow::Result<()> {
    no_group(args.group, "reload")?;
    need_terminal_or_force(ui, args.force, "reload")?;
    let name = &args.cluster_name;
    let pretty = !args.is_json();
    let MemberAction { settings, dcs: _, read } = start_member_action(ui, global, name, pretty).await?;
    let members = actions::select_members(&read.cluster, &args.member_names, args.role)?;
    if !args.force {
        confirm_members(ui, "reload", &members)?;
    }
    let agents = Agents::new(&settings.rest, Duration::from_secs(2))?;
    let results = actions::reload::reload(&agents, &members, Duration::from_secs(10)).await;
    let loop_wait = read.cluster.loop_wait();
    if pretty {
        let mut text = String::new();
        for r in &results {
            text.push_str(&match r.status {
                Some(200) => format!("No changes to apply on member {}\n", r.member),
                Some(202) => format!(
                    "Reload request received for member {} and will be processed within {loop_wait} seconds\n",
                    r.member
                ),
                Some(status) => {
                    format!("Failed: reload for member {}, status code={status}, ({})\n", r.member, r.message)
                }
                None => format!("Failed: reload for member {}, ({})\n", r.member, r.message),
            });
        }
        ui.out(&text)?;
    } else {
        let value = serde_json::json!({ "cluster": name, "loop_wait": loop_wait, "members": results });
        ui.out(&(serde_json::to_string_pretty(&value)? + "\n"))?;
    }
    let failed: Vec<&str> = results.iter().filter(|r| !r.ok).map(|r| r.member.as_str()).collect();
    if failed.is_empty() {
        return Ok(());
    }
    let kind = ErrorKind::of_members(results.iter().filter(|r| !r.ok).map(|r| r.failure.unwrap_or(ErrorKind::Failed)));
    Err(CliError { kind, message: format!("reload failed on {}", failed.join(", ")) }.into())
}
