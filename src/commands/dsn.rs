//! `hactl dsn [CLUSTER]`: the connection string of a member picked by role or name (the
//! leader by default).

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, GroupArg};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use clap::{Args, ValueEnum};
use clap_complete::ArgValueCandidates;
use hactl::actions::RoleFilter;
use hactl::query::{self, QueryError};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DsnFormat {
    /// patronictl's `host=... port=...`
    Text,
    /// {"member": ..., "host": ..., "port": ...}
    Json,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl dsn
  hactl dsn demo -r replica
  psql \"$(hactl dsn demo) user=postgres\"")]
pub struct DsnArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Give a dsn of any member with this role
    #[arg(short = 'r', long, value_enum)]
    pub role: Option<RoleFilter>,
    /// Generate a dsn for this member
    #[arg(short = 'm', long, add = ArgValueCandidates::new(crate::complete::members))]
    pub member: Option<String>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = DsnFormat::Text)]
    pub format: DsnFormat,
}

impl ErrorFormat for DsnArgs {
    fn json_errors(&self) -> bool {
        self.format == DsnFormat::Json
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &DsnArgs) -> CommandResult {
    if args.role.is_some() && args.member.is_some() {
        return Err(QueryError::RoleAndMember.into());
    }
    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    let read = ctx.read_cluster_group(&name, args.group.value).await?;
    let member = query::pick_member(&read.cluster, args.role, args.member.as_deref())?;
    let line = query::dsn_line(member)?;
    match args.format {
        DsnFormat::Text => ui.out(&format!("{line}\n"))?,
        DsnFormat::Json => {
            let params = query::conn_kwargs(member).unwrap_or_default();
            let object = serde_json::json!({
                "member": member.name,
                "host": params.get("host").cloned().unwrap_or(Value::Null),
                "port": params.get("port").cloned().unwrap_or(Value::Null),
            });
            ui.out(&(hactl::pyfmt::json_dumps(&object) + "\n"))?;
        }
    }
    Ok(())
}
