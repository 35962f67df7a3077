//! `hactl sentinel ...`: Redis Sentinel's operator commands, with tables, JSON and honest exit
//! codes, and a guarded failover that waits until the new master is in place.

use crate::commands::ErrorFormat;
use crate::commands::args::{FormatArg, OutputFormat, positive_seconds};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::{Args, Subcommand};
use hactl::render::sentinel as render;
use hactl::tiers::sentinel::{self, Sentinels};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum SentinelCommand {
    /// List the masters the Sentinels monitor, with their flags, replicas and quorum
    #[command(
        after_help = "Examples:\n  hactl sentinel masters --sentinel 10.0.0.1:26379 --sentinel 10.0.0.2:26379\n  HACTL_SENTINELS=10.0.0.1:26379,10.0.0.2:26379 hactl sentinel masters -f json\n  hactl -c /etc/hactl.yml sentinel masters"
    )]
    Masters(ConnectArgs),
    /// List a master's replicas: flags, link status, offsets, priority
    #[command(after_help = "Examples:\n  hactl sentinel replicas mymaster\n  hactl sentinel replicas mymaster -f json")]
    Replicas(NamedArgs),
    /// List the other Sentinels watching a master
    #[command(after_help = "Examples:\n  hactl sentinel sentinels mymaster")]
    Sentinels(NamedArgs),
    /// Print a master's address (GET-MASTER-ADDR-BY-NAME)
    #[command(
        name = "get-master-addr",
        after_help = "Examples:\n  hactl sentinel get-master-addr mymaster\n  hactl sentinel get-master-addr mymaster -f json"
    )]
    GetMasterAddr(NamedArgs),
    /// Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)
    #[command(after_help = "Examples:\n  hactl sentinel ckquorum mymaster\n  hactl sentinel ckquorum mymaster -f json")]
    Ckquorum(NamedArgs),
    /// Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified
    #[command(
        after_help = "Examples:\n  hactl sentinel failover mymaster\n  hactl sentinel failover mymaster --force --timeout 30\n  hactl sentinel failover mymaster --force --wait -f json"
    )]
    Failover(FailoverArgs),
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order
    #[arg(long = "sentinel", value_name = "HOST:PORT", env = "HACTL_SENTINELS", value_delimiter = ',')]
    pub sentinels: Vec<String>,
    /// Seconds to wait for each Sentinel connection and command
    #[arg(long, env = "HACTL_SENTINEL_TIMEOUT", default_value_t = 5.0, value_name = "SECONDS")]
    pub sentinel_timeout: f64,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct NamedArgs {
    /// The master's name, as the Sentinels monitor it
    pub name: String,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Debug, Args)]
pub struct FailoverArgs {
    /// The master's name, as the Sentinels monitor it
    pub name: String,
    /// Do not ask for confirmation
    #[arg(long)]
    pub force: bool,
    /// Also wait until the new master's replicas follow it
    #[arg(long)]
    pub wait: bool,
    /// Seconds to wait for the new master (and, with --wait, its replicas) before exiting 5
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub timeout: f64,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

impl ErrorFormat for SentinelCommand {
    fn json_errors(&self) -> bool {
        self.connect().format.is_json()
    }
}

impl SentinelCommand {
    fn connect(&self) -> &ConnectArgs {
        match self {
            SentinelCommand::Masters(args) => args,
            SentinelCommand::Replicas(args)
            | SentinelCommand::Sentinels(args)
            | SentinelCommand::GetMasterAddr(args)
            | SentinelCommand::Ckquorum(args) => &args.connect,
            SentinelCommand::Failover(args) => &args.connect,
        }
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, command: &SentinelCommand) -> CommandResult {
    let connect = command.connect();
    let format = connect.format.value;
    // Refuse an unconfirmable failover before touching the network.
    if let SentinelCommand::Failover(args) = command
        && !args.force
        && !ui.can_prompt()
    {
        return Err(CommandError::usage(format!(
            "sentinel failover {} needs a confirmation and stderr is not a terminal: pass --force to fail over without asking",
            args.name
        )));
    }
    let mut sentinels = connect_sentinels(ctx, connect)?;
    let colour = ui.color();
    match command {
        SentinelCommand::Masters(_) => {
            let masters = sentinels.masters().await?;
            let asked = sentinels.answering().unwrap_or_default();
            format.print(ui, &masters, || render::masters_table(&masters, &asked, colour))
        }
        SentinelCommand::Replicas(args) => {
            let replicas = sentinels.replicas(&args.name).await?;
            let asked = sentinels.answering().unwrap_or_default();
            format.print(ui, &replicas, || render::replicas_table(&args.name, &asked, &replicas, colour))
        }
        SentinelCommand::Sentinels(args) => {
            let peers = sentinels.sentinels(&args.name).await?;
            let asked = sentinels.answering().unwrap_or_default();
            format.print(ui, &peers, || render::sentinels_table(&args.name, &asked, &peers, colour))
        }
        SentinelCommand::GetMasterAddr(args) => {
            let addr = sentinels.master_addr(&args.name).await?;
            #[derive(Serialize)]
            struct Named<'a> {
                name: &'a str,
                host: &'a str,
                port: u16,
            }
            let named = Named { name: &args.name, host: &addr.host, port: addr.port };
            format.print(ui, &named, || format!("{addr}\n"))
        }
        SentinelCommand::Ckquorum(args) => {
            let check = sentinels.ckquorum(&args.name).await?;
            format.print(ui, &check, || format!("{} (Sentinel {})\n", check.message, check.sentinel))?;
            Ok(check.verdict()?)
        }
        SentinelCommand::Failover(args) => failover(ui, &mut sentinels, args, colour).await,
    }
}

async fn failover(ui: &mut Ui, sentinels: &mut Sentinels, args: &FailoverArgs, colour: bool) -> CommandResult {
    let timeout = positive_seconds("--timeout", args.timeout)?;
    let format = args.connect.format.value;
    let plan = sentinels.plan_failover(&args.name).await?;
    if !format.is_json() {
        ui.out(&render::failover_plan_text(&plan, colour))?;
    }
    if !args.force {
        let question =
            format!("Fail over {} from {} to one of its {} replica(s)?", plan.name, plan.master, plan.replicas.len());
        if !ui.confirm(&question)? {
            return Err(CommandError::failed("aborted: nothing was changed"));
        }
    }
    ui.status(&format!("Failing over {} (master {}); waiting up to {}s", plan.name, plan.master, args.timeout));
    let outcome = sentinels.failover(&plan, args.wait, timeout).await?;
    match format {
        OutputFormat::Json => ui.print_json(&serde_json::json!({ "plan": plan, "result": outcome }))?,
        OutputFormat::Pretty => ui.out(&render::failover_outcome_text(&outcome, colour))?,
    }
    Ok(())
}

fn connect_sentinels(ctx: &CommandContext, args: &ConnectArgs) -> CommandResult<Sentinels> {
    let timeout = positive_seconds("--sentinel-timeout", args.sentinel_timeout)?;
    let settings = sentinel::with_hosts(ctx.settings()?.sentinel.as_ref(), &args.sentinels)?;
    Ok(Sentinels::new(&settings, timeout)?)
}
