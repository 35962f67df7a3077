//! `hactl status [CLUSTER]`: one screen over every tier, a verdict line per tier and the overall
//! verdict first, then each tier's details; once, or again and again with `-W`/`-w`. Exits 0 when
//! nothing is worse than a warning, 1 when a tier is CRITICAL, 4 when one is UNREACHABLE.

use crate::commands::ErrorFormat;
use crate::commands::all_contexts;
use crate::commands::args::{OutputFormat, WatchArgs, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::error::ErrorKind;
use hactl::monitoring::status::{self, SiteStatus, StatusInputs, StatusReport, Verdict};
use hactl::query::ConnectOptions;
use serde::Serialize;

#[derive(Debug, Args)]
#[command(after_help = "Exit codes: 0 when every tier is OK or WARNING (or not configured), 1 when one is \
CRITICAL, 4 when one is UNREACHABLE (and none CRITICAL).

Examples:
  hactl status
  hactl status demo -f json
  hactl status --timeout 1 -W
  hactl status --all-contexts")]
pub struct StatusArgs {
    /// The cluster (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster: Option<String>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
    /// Seconds every tier has to answer, all at once (etcd within the smaller of this and --dcs-timeout)
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    pub timeout: f64,
    /// The user to read the leader's replication views as (default: PGUSER, else the OS user)
    #[arg(short = 'U', long = "username", value_name = "USER")]
    pub username: Option<String>,
    /// The database to connect to on the leader (default: PGDATABASE, else the user's)
    #[arg(long = "dbname", value_name = "DBNAME")]
    pub dbname: Option<String>,
    /// A Sentinel to ask (repeat it; default: the configuration's sentinel.hosts)
    #[arg(long = "sentinel", value_name = "HOST:PORT", env = "HACTL_SENTINELS", value_delimiter = ',')]
    pub sentinels: Vec<String>,
    #[command(flatten)]
    pub watch: WatchArgs,
    /// Report on every context of the contexts file at once (each its configured scope)
    #[arg(long, conflicts_with_all = ["cluster", "every_two_seconds", "interval", "sentinels"])]
    pub all_contexts: bool,
    /// With --all-contexts: an UNREACHABLE context does not fail the command (it is still shown)
    #[arg(long, requires = "all_contexts")]
    pub allow_unreachable: bool,
}

impl ErrorFormat for StatusArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &StatusArgs) -> CommandResult {
    if args.all_contexts {
        return run_all_contexts(ui, ctx, args).await;
    }
    let interval = args.watch.interval()?;
    let timeout = positive_seconds("--timeout", args.timeout)?;
    let dcs_timeout = ctx.dcs_timeout()?;
    let cluster = ctx.cluster_name(&args.cluster)?;
    let env = std::env::vars().collect();
    let mut settings = ctx.settings()?.clone();
    if !args.sentinels.is_empty() {
        settings.sentinel = Some(hactl::tiers::sentinel::with_hosts(settings.sentinel.as_ref(), &args.sentinels)?);
    }
    loop {
        let inputs = StatusInputs {
            settings: &settings,
            cluster: &cluster,
            timeout,
            dcs_timeout,
            env: &env,
            connect: ConnectOptions { user: args.username.clone(), password: None, dbname: args.dbname.clone() },
        };
        let report = status::gather(&inputs).await;
        if let Some(why) = &report.bad_input {
            return Err(CommandError::usage(why.clone()));
        }
        if interval.is_some() {
            ui.clear_screen()?;
        }
        let colour = ui.color();
        args.format.print(ui, &report, || hactl::render::status::status_text(&report, colour))?;
        let Some(interval) = interval else { return exit_for(&report) };
        // Ctrl-C is how a watch ends: a clean exit, not an interruption of work.
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = hactl::interrupt::requested() => return Ok(()),
        }
    }
}

/// `--all-contexts`: every context's report at once, under the one `--timeout`; a title per
/// context, or `{"verdict", "contexts": [...]}` in JSON, each report with its `context`.
async fn run_all_contexts(ui: &mut Ui, ctx: &mut CommandContext, args: &StatusArgs) -> CommandResult {
    let timeout = positive_seconds("--timeout", args.timeout)?;
    let dcs_timeout = ctx.dcs_timeout()?;
    let mut failures = Vec::new();
    let mut sites = Vec::new();
    for (site, settings) in all_contexts::settings_of_every_context(ui, ctx)? {
        let with_scope = settings.and_then(|settings| Ok((ctx_scope(&settings)?, settings)));
        match with_scope {
            Ok((cluster, settings)) => sites.push(SiteStatus { site, settings, cluster }),
            Err(error) => failures.push((site, error)),
        }
    }
    let env = std::env::vars().collect();
    let connect = ConnectOptions { user: args.username.clone(), password: None, dbname: args.dbname.clone() };
    let mut reports = status::gather_sites(sites, timeout, dcs_timeout, &env, &connect).await;
    let read: Vec<(&str, &hactl::cluster::Cluster)> =
        reports.iter().filter_map(|(site, report)| report.read.as_ref().map(|c| (site.as_str(), c))).collect();
    let mut pairs = hactl::cluster::standby_pairs(&read);
    for (site, report) in &mut reports {
        report.standby_of = pairs.remove(&(site.clone(), report.cluster.clone()));
    }
    let mut shown = Vec::new();
    let mut verdict = Verdict::Ok;
    let mut text = String::new();
    let mut contexts = Vec::new();
    for (context, report) in reports {
        if let Some(why) = report.bad_input {
            failures.push((context, CommandError::usage(why)));
            continue;
        }
        verdict = verdict.worst(report.verdict);
        shown.extend(kind_of(&report));
        text.push_str(&format!("Context: {context}\n{}", hactl::render::status::status_text(&report, ui.color())));
        contexts.push(ContextReport { context, report });
    }
    args.format.print(ui, &AllContexts { verdict, contexts }, || text)?;
    all_contexts::finish(ui, failures, shown, args.allow_unreachable)
}

#[derive(Serialize)]
struct AllContexts {
    verdict: Verdict,
    contexts: Vec<ContextReport>,
}

#[derive(Serialize)]
struct ContextReport {
    context: String,
    #[serde(flatten)]
    report: StatusReport,
}

/// The context's scope, which `status --all-contexts` reports on.
fn ctx_scope(settings: &hactl::settings::Settings) -> CommandResult<String> {
    Ok(hactl::clusters::cluster_names(settings, &[])?.remove(0))
}

/// The exit code's kind for a report that shows a problem (see [`exit_for`]).
fn kind_of(report: &StatusReport) -> Option<ErrorKind> {
    match report.verdict {
        Verdict::Critical => Some(ErrorKind::Failed),
        Verdict::Unreachable => Some(ErrorKind::Unreachable),
        Verdict::Ok | Verdict::Warning | Verdict::NotConfigured => None,
    }
}

/// A report that shows a problem must not exit 0 in a script: CRITICAL exits as a failure (1),
/// UNREACHABLE as unreachable (4); a warning is shown and exits 0.
fn exit_for(report: &StatusReport) -> CommandResult {
    match kind_of(report) {
        Some(kind) => Err(CommandError::reported(kind.exit_code())),
        None => Ok(()),
    }
}
