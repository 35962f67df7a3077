//! `hactl list` and `hactl topology`: patronictl's tables, byte for byte, from one etcd read.

use crate::cli::GlobalArgs;
use crate::commands::{dcs_timeout, load_settings};
use crate::ui::Ui;
use clap::{Args, ValueEnum};
use clap_complete::ArgValueCandidates;
use hactl::clusters::{self, Selection};
use hactl::render::{self, ListFormat, Listing};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pretty,
    Tsv,
    Json,
    #[value(alias = "yml")]
    Yaml,
}

impl FormatArg {
    pub fn is_json(self) -> bool {
        self == FormatArg::Json
    }
}

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
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    /// Show some extra information
    #[arg(short = 'e', long)]
    pub extended: bool,
    /// Print timestamp
    #[arg(short = 't', long)]
    pub timestamp: bool,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = FormatArg::Pretty)]
    pub format: FormatArg,
    #[command(flatten)]
    pub watch: WatchArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hactl topology\n  hactl topology demo -w 5")]
pub struct TopologyArgs {
    /// Clusters to show (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_names: Vec<String>,
    /// Citus group
    #[arg(long)]
    pub group: Option<i64>,
    #[command(flatten)]
    pub watch: WatchArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Auto update the screen every 2 seconds
    #[arg(short = 'W')]
    pub every_two_seconds: bool,
    /// Auto update the screen every X seconds
    #[arg(short = 'w', long = "watch", value_name = "SECONDS")]
    pub interval: Option<f64>,
}

impl WatchArgs {
    fn interval(&self) -> anyhow::Result<Option<Duration>> {
        match (self.interval, self.every_two_seconds) {
            (Some(secs), _) => {
                Duration::try_from_secs_f64(secs).ok().filter(|d| !d.is_zero()).map(Some).ok_or_else(|| {
                    crate::usage_error(format!("-w/--watch must be a positive number of seconds, got {secs}"))
                })
            }
            (None, true) => Ok(Some(Duration::from_secs(2))),
            (None, false) => Ok(None),
        }
    }
}

pub async fn run_list(ui: &mut Ui, global: &GlobalArgs, args: &ListArgs) -> anyhow::Result<()> {
    let format = match args.format {
        FormatArg::Pretty => ListFormat::Pretty,
        FormatArg::Tsv => ListFormat::Tsv,
        FormatArg::Json => ListFormat::Json,
        FormatArg::Yaml => ListFormat::Yaml,
    };
    let selection = if args.all { Selection::All } else { Selection::Named(args.cluster_names.clone()) };
    show(ui, global, selection, args.group, format, args.extended, args.timestamp, &args.watch).await
}

pub async fn run_topology(ui: &mut Ui, global: &GlobalArgs, args: &TopologyArgs) -> anyhow::Result<()> {
    let selection = Selection::Named(args.cluster_names.clone());
    show(ui, global, selection, args.group, ListFormat::Topology, false, false, &args.watch).await
}

#[allow(clippy::too_many_arguments)]
async fn show(
    ui: &mut Ui,
    global: &GlobalArgs,
    selection: Selection,
    group: Option<i64>,
    format: ListFormat,
    extended: bool,
    timestamp: bool,
    watch: &WatchArgs,
) -> anyhow::Result<()> {
    let interval = watch.interval()?;
    let settings = load_settings(global)?;
    // Fail on a missing scope before touching the network.
    if let Selection::Named(names) = &selection {
        clusters::cluster_names(&settings, names)?;
    }
    let timeout = dcs_timeout(global)?;
    let mut dcs = clusters::connect(&settings, timeout).await?;
    let group = group.or(settings.citus_group);
    loop {
        let reads = clusters::read_clusters(&mut dcs, &settings, &selection, group).await?;
        let mut text = String::new();
        if timestamp {
            text.push_str(&chrono::Local::now().format("%Y-%m-%d %H:%M:%S\n").to_string());
        }
        for read in &reads {
            let listing = Listing {
                name: &read.name,
                groups: read.groups.iter().map(|(g, c)| (*g, c)).collect(),
                citus: settings.is_citus,
                group,
            };
            text.push_str(&render::render_members(&listing, format, extended, ui.color()));
        }
        if interval.is_some() {
            ui.clear_screen()?;
        }
        ui.out(&text)?;
        for problem in reads.iter().flat_map(|r| r.problems(&settings.namespace_prefix())) {
            ui.warn(&format!("unreadable key {problem}"));
        }
        // The table has no Leader row then; say it in words too (on stderr, so stdout stays
        // patronictl's).
        for read in &reads {
            for (_, cluster) in read.groups.iter().filter(|(_, c)| c.leader.is_none() && !c.members.is_empty()) {
                ui.warn(&format!("cluster {} has no leader", cluster.scope));
            }
        }
        let Some(interval) = interval else { return Ok(()) };
        // Ctrl-C is how a watch ends: a clean exit, not an interruption of work.
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = hactl::interrupt::requested() => return Ok(()),
        }
    }
}
