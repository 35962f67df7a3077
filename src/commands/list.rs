//! `hactl list`: patronictl's member table, byte for byte, from one etcd read.

use crate::commands::ErrorFormat;
use crate::commands::args::{GroupArg, TableFormat, WatchArgs};
use crate::commands::context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::listing::{self, Show};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::clusters::Selection;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hactl list\n  hactl list demo -e\n  hactl list --all -f json\n  hactl -c /etc/patroni/patroni.yml list -W"
)]
pub struct ListArgs {
    /// Clusters to list (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_names: Vec<String>,
    /// List every cluster under the namespace (one etcd read)
    #[arg(long, conflicts_with = "cluster_names")]
    pub all: bool,
    #[command(flatten)]
    pub group: GroupArg,
    /// Show some extra information
    #[arg(short = 'e', long)]
    pub extended: bool,
    /// Print timestamp
    #[arg(short = 't', long)]
    pub timestamp: bool,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = TableFormat::Pretty)]
    pub format: TableFormat,
    #[command(flatten)]
    pub watch: WatchArgs,
}

impl ErrorFormat for ListArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &ListArgs) -> CommandResult {
    let selection = if args.all { Selection::All } else { Selection::Named(args.cluster_names.clone()) };
    let show = Show {
        selection,
        group: args.group.value,
        format: args.format.members(),
        extended: args.extended,
        timestamp: args.timestamp,
        watch: &args.watch,
    };
    listing::show(ui, ctx, show).await
}
