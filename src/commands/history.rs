//! `hactl history [CLUSTER]`: the failovers and switchovers recorded in the `/history` key.

use crate::cli::GlobalArgs;
use crate::commands::list::FormatArg;
use crate::commands::{dcs_timeout, load_settings};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::render::table::Format;
use hactl::{clusters, dynamic_config, render::history};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl history
  hactl history demo -f json")]
pub struct HistoryArgs {
    /// Cluster name (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = FormatArg::Pretty)]
    pub format: FormatArg,
}

pub async fn run(ui: &mut Ui, global: &GlobalArgs, args: &HistoryArgs) -> anyhow::Result<()> {
    let settings = load_settings(global)?;
    let name = clusters::cluster_names(&settings, args.cluster_name.as_slice())?.remove(0);
    let mut dcs = clusters::connect(&settings, dcs_timeout(global)?).await?;
    let read = dynamic_config::read_cluster(&mut dcs, &settings, &name, args.group).await?;
    let format = match args.format {
        FormatArg::Pretty => Format::Pretty,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Json => Format::Json,
        FormatArg::Yaml => Format::Yaml,
    };
    ui.out(&history::render(&read.cluster, format))?;
    Ok(())
}
