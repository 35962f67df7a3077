//! `hactl list`: patronictl's member table, byte for byte, from one etcd read (`--all`: the
//! namespace in pages at one revision).

use crate::commands::ErrorFormat;
use crate::commands::args::{GroupArg, TableFormat, WatchArgs};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::listing::{self, Show};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::clusters::Selection;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hactl list\n  hactl list demo -e\n  hactl list --all -f json\n  hactl list --all --all-contexts -f tsv\n  hactl -c /etc/patroni/patroni.yml list -W"
)]
pub struct ListArgs {
    /// Clusters to list (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_names: Vec<String>,
    /// List every cluster under the namespace (in pages at one revision)
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
    /// Read every context of the contexts file at once, under one deadline (--dcs-timeout)
    #[arg(long, conflicts_with_all = ["every_two_seconds", "interval"])]
    pub all_contexts: bool,
    /// With --all-contexts: exit 0 even when a context's etcd does not answer (it is still named)
    #[arg(long, requires = "all_contexts")]
    pub allow_unreachable: bool,
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
        all_contexts: args.all_contexts.then_some(args.allow_unreachable),
    };
    listing::show(ui, ctx, show).await
}
