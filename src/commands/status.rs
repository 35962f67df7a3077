//! `hactl status [CLUSTER]`: one screen over every tier, a verdict line per tier and the overall
//! verdict first, then each tier's details; once, or again and again with `-W`/`-w`. Exits 0 when
//! nothing is worse than a warning, 1 when a tier is CRITICAL, 4 when one is UNREACHABLE.

use crate::commands::ErrorFormat;
use crate::commands::args::{OutputFormat, WatchArgs, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::error::ErrorKind;
use hactl::monitoring::status::{self, StatusInputs, StatusReport, Verdict};
use hactl::query::ConnectOptions;

#[derive(Debug, Args)]
#[command(after_help = "Exit codes: 0 when every tier is OK or WARNING (or not configured), 1 when one is \
CRITICAL, 4 when one is UNREACHABLE (and none CRITICAL).

Examples:
  hactl status
  hactl status demo -f json
  hactl status --timeout 1 -W")]
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
}

impl ErrorFormat for StatusArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &StatusArgs) -> CommandResult {
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

/// A report that shows a problem must not exit 0 in a script: CRITICAL exits as a failure (1),
/// UNREACHABLE as unreachable (4); a warning is shown and exits 0.
fn exit_for(report: &StatusReport) -> CommandResult {
    match report.verdict {
        Verdict::Critical => Err(CommandError::reported(ErrorKind::Failed.exit_code())),
        Verdict::Unreachable => Err(CommandError::reported(ErrorKind::Unreachable.exit_code())),
        Verdict::Ok | Verdict::Warning | Verdict::NotConfigured => Ok(()),
    }
}
