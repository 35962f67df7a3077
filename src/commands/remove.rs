//! `hactl remove CLUSTER`: wipe a cluster's keys from the DCS, behind patronictl's safeguards.

use crate::commands::ErrorFormat;
use crate::commands::args::{GroupArg, TableFormat};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::remove;
use hactl::render::{self, Listing};

#[derive(Debug, Args)]
#[command(after_help = "On a terminal, remove asks for the cluster name, then the phrase \"Yes I am aware\", then
(while a leader holds the leader key) the leader's name, as patronictl does. Without a terminal it
needs --force, and --force refuses (exit 3) while the cluster has a leader: stop Patroni first.

Examples:
  hactl remove demo
  hactl remove old-cluster --force")]
pub struct RemoveArgs {
    /// The cluster whose keys are removed from the DCS
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: String,
    #[command(flatten)]
    pub group: GroupArg,
    /// Output format of the member list shown first
    #[arg(short = 'f', long, value_enum, default_value_t = TableFormat::Pretty)]
    pub format: TableFormat,
    /// Do not ask: remove a cluster that has no leader without the confirmations
    #[arg(long)]
    pub force: bool,
}

impl ErrorFormat for RemoveArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

const PHRASE: &str = "Yes I am aware";

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &RemoveArgs) -> CommandResult {
    if !args.force && !ui.can_prompt() {
        return Err(CommandError::usage(
            "remove asks to type the cluster name and a confirmation phrase, and no terminal is attached: pass --force (refused while the cluster has a leader); nothing was changed",
        ));
    }
    remove::check_group(ctx.settings()?.is_citus, args.group.value)?;
    let name = &args.cluster_name;
    let read = ctx.read_cluster_group(name, args.group.value).await?;
    let listing = Listing::single(name, &read.cluster);
    ui.out(&render::render_members(&listing, args.format.members(), false, ui.color()))?;

    if args.force {
        remove::refuse_if_healthy(&read.cluster)?;
    } else {
        if ui.ask("Please confirm the cluster name to remove")? != *name {
            return Err(CommandError::failed("Cluster names specified do not match"));
        }
        let prompt = format!("You are about to remove all information in DCS for {name}, please type: \"{PHRASE}\"");
        if ui.ask(&prompt)? != PHRASE {
            return Err(CommandError::failed(format!("You did not exactly type \"{PHRASE}\"")));
        }
        if let Some(leader) = read.cluster.leader_key_holder()
            && ui.ask("This cluster currently is healthy. Please specify the leader name to continue")? != leader
        {
            return Err(CommandError::failed("You did not specify the current leader of the cluster"));
        }
    }
    let deleted = remove::remove_cluster(ctx.dcs().await?, &read.prefix).await?;
    ui.status(&format!("Removed cluster {name} from the DCS: {deleted} keys deleted under {}", read.prefix));
    Ok(())
}
