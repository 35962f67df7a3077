//! `hactl topology`: patronictl's ASCII tree of each cluster's members.

use crate::commands::ErrorFormat;
use crate::commands::args::{GroupArg, WatchArgs};
use crate::commands::command_context::CommandContext;
use crate::commands::error::CommandResult;
use crate::commands::listing::{self, Show};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::clusters::Selection;
use hactl::render::ListFormat;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hactl topology\n  hactl topology demo -w 5")]
pub struct TopologyArgs {
    /// Clusters to show (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_names: Vec<String>,
    #[command(flatten)]
    pub group: GroupArg,
    #[command(flatten)]
    pub watch: WatchArgs,
}

impl ErrorFormat for TopologyArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &TopologyArgs) -> CommandResult {
    let show = Show {
        selection: Selection::Named(args.cluster_names.clone()),
        group: args.group.value,
        format: ListFormat::Topology,
        extended: false,
        timestamp: false,
        watch: &args.watch,
        all_contexts: None,
    };
    listing::show(ui, ctx, show).await
}
