//! `hactl remove CLUSTER`: wipe a cluster's keys from the DCS, behind patronictl's safeguards.

use crate::cli::GlobalArgs;
use crate::commands::list::FormatArg;
use crate::commands::{dcs_timeout, load_settings};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::remove;
use hactl::render::{self, ListFormat, Listing};
use hactl::{clusters, dynamic_config};

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
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    /// Output format of the member list shown first
    #[arg(short = 'f', long, value_enum, default_value_t = FormatArg::Pretty)]
    pub format: FormatArg,
    /// Do not ask: remove a cluster that has no leader without the confirmations
    #[arg(long)]
    pub force: bool,
}

impl RemoveArgs {
    pub fn is_json(&self) -> bool {
        self.format.is_json()
    }
}

const PHRASE: &str = "Yes I am aware";

pub async fn run(ui: &mut Ui, global: &GlobalArgs, args: &RemoveArgs) -> anyhow::Result<()> {
    if !args.force && !ui.can_prompt() {
        return Err(crate::usage_error(
            "remove asks to type the cluster name and a confirmation phrase, and no terminal is attached: pass --force (refused while the cluster has a leader); nothing was changed".into(),
        ));
    }
    let settings = load_settings(global)?;
    remove::check_group(settings.is_citus, args.group)?;
    let name = &args.cluster_name;
    let mut dcs = clusters::connect(&settings, dcs_timeout(global)?).await?;
    let read = dynamic_config::read_cluster(&mut dcs, &settings, name, args.group).await?;
    let format = match args.format {
        FormatArg::Pretty => ListFormat::Pretty,
        FormatArg::Tsv => ListFormat::Tsv,
        FormatArg::Json => ListFormat::Json,
        FormatArg::Yaml => ListFormat::Yaml,
    };
    ui.out(&render::render_members(&Listing::single(name, &read.cluster), format, false, ui.color()))?;

    if args.force {
        remove::refuse_if_healthy(&read.cluster)?;
    } else {
        if ui.ask("Please confirm the cluster name to remove")? != *name {
            return Err(crate::failed_error("Cluster names specified do not match".into()));
        }
        let prompt = format!("You are about to remove all information in DCS for {name}, please type: \"{PHRASE}\"");
        if ui.ask(&prompt)? != PHRASE {
            return Err(crate::failed_error(format!("You did not exactly type \"{PHRASE}\"")));
        }
        if let Some(leader) = read.cluster.leader_key_holder()
            && ui.ask("This cluster currently is healthy. Please specify the leader name to continue")? != leader
        {
            return Err(crate::failed_error("You did not specify the current leader of the cluster".into()));
        }
    }
    let deleted = remove::remove_cluster(&mut dcs, &read.prefix).await?;
    ui.status(&format!("Removed cluster {name} from the DCS: {deleted} keys deleted under {}", read.prefix));
    Ok(())
}
