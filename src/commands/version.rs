//! `hactl version [CLUSTER [MEMBER...]]`: hactl's version, and each member's Patroni and
//! PostgreSQL versions (`GET /patroni`), as patronictl prints them.

use crate::commands::args::{FormatArg, GroupArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::{self, ActionError};
use hactl::cluster::Member;
use hactl::error::failed_members;
use hactl::render::actions as render;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl version
  hactl version demo
  hactl version demo pg1 -f json")]
pub struct VersionArgs {
    /// Cluster whose members to ask (default: only hactl's own version)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
    /// Members to ask (default: every member)
    #[arg(add = ArgValueCandidates::new(crate::complete::members))]
    pub member_names: Vec<String>,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &VersionArgs) -> CommandResult {
    args.group.refuse("version")?;
    let own = env!("CARGO_PKG_VERSION");
    let pretty = !args.format.is_json();
    let Some(name) = &args.cluster_name else {
        if pretty {
            ui.out(&format!("hactl version {own}\n"))?;
        } else {
            ui.print_json(&serde_json::json!({ "hactl": own }))?;
        }
        return Ok(());
    };
    if pretty {
        ui.out(&format!("hactl version {own}\n\n"))?;
    }
    let read = ctx.read_cluster(name).await?;
    // patronictl ignores a name that is not a member; hactl says so.
    if let Some(unknown) = args.member_names.iter().find(|n| !read.cluster.members.iter().any(|m| &&m.name == n)) {
        return Err(ActionError::NotAMember { member: unknown.clone() }.into());
    }
    let members: Vec<&Member> = read
        .cluster
        .members
        .iter()
        .filter(|m| m.api_url.is_some())
        .filter(|m| args.member_names.is_empty() || args.member_names.contains(&m.name))
        .collect();
    let versions = actions::version::member_versions(ctx.agents()?, &members, Duration::from_secs(5)).await;
    if pretty {
        ui.out(&render::versions_text(&versions))?;
    } else {
        ui.print_json(&serde_json::json!({ "hactl": own, "cluster": name, "members": versions }))?;
    }
    match failed_members(&versions) {
        Some((kind, failed)) => Err(CommandError::new(kind, format!("no version from {}", failed.join(", ")))),
        None => Ok(()),
    }
}
