//! `hactl check SERVICE`: a Nagios/Icinga plugin. The arguments after `check` are parsed here,
//! by a parser of their own, so that check_patroni's command lines work unchanged (its `-c` is
//! `--critical`, not hactl's `--config-file`) and so that a usage error is UNKNOWN (exit 3), as
//! a plugin must, not clap's exit 2. The library evaluates; this file prints the status line.

use crate::commands::ErrorFormat;
use crate::commands::args::OutputFormat;
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::{Args, Parser, Subcommand};
use hactl::agent::Agents;
use hactl::monitoring::cluster_services::{
    self as cluster, NodeCountThresholds, Reference, ReplicaThresholds, SyncType,
};
use hactl::monitoring::etcd_services::{self as etcd, QuorumThresholds};
use hactl::monitoring::nagios::{Outcome, State};
use hactl::monitoring::node_services::{self as node, ReplicaOptions};
use hactl::monitoring::patroni_api::{self, PatroniApi};
use hactl::monitoring::proxy_services::{self as proxies, PoolThresholds};
use hactl::monitoring::range::{self, Range};
use hactl::monitoring::sentinel_services::{self as sentinel, SentinelThresholds};
use hactl::monitoring::slot_services::{self as slots, SlotThresholds};
use hactl::settings::RestSettings;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

const ABOUT: &str = "Nagios/Icinga plugin: check one service of the cluster (check_patroni's services and more)";

const HELP: &str = "\
Services (check_patroni 2.2.0's, same options, status line and perfdata):
  cluster_has_leader, cluster_has_replica, cluster_node_count, cluster_is_in_maintenance,
  cluster_config_has_changed, cluster_has_scheduled_action, node_is_alive, node_is_primary,
  node_is_leader, node_is_replica, node_is_pending_restart, node_patroni_version, node_tl_has_changed
Services of the other tiers:
  etcd_quorum, etcd_alarms, sentinel_quorum, replication_slots, proxy_points_at_leader,
  pgbouncer_pools

The Patroni agents are the -e/--endpoints given (as check_patroni), else those of the cluster in
the DCS from hactl's configuration (`hactl -c FILE check ...`; -m/--member picks the node for a
node_* service, default the configuration's `name`), else http://127.0.0.1:8008. HAProxy and
PgBouncer come from the configuration's haproxy and pgbouncer sections (or HACTL_HAPROXY_*,
HACTL_PGBOUNCER_*).

Thresholds (-w/--warning, -c/--critical, ...) use the Nagios range syntax: 10 (0 to 10), 10:
(at least 10), ~:10 (at most 10), 10:20, @10:20 (alert inside). Sizes take B, kB, MB, GB, TB.

Exit codes (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also a bad option or service,
or a tier that cannot be reached, with the reason on the status line).

Examples:
  hactl check -e http://10.0.0.1:8008 -e http://10.0.0.2:8008 cluster_has_replica -w 1: -c 1:
  hactl -c /etc/patroni/patroni.yml check node_is_replica --max-lag 1MB
  hactl check cluster_node_count --healthy-critical 2: -f json
  hactl check etcd_quorum
  hactl check replication_slots -w 1GB -c 5GB
  hactl -c /etc/hactl/ctl.yml check proxy_points_at_leader
  hactl -c /etc/hactl/ctl.yml check pgbouncer_pools -w 5 -c 20";

#[derive(Debug, Args)]
#[command(about = ABOUT, after_help = HELP, disable_help_flag = true)]
pub struct CheckArgs {
    /// The service and its options (`hactl check --help` lists them)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0.., value_name = "SERVICE [OPTIONS]")]
    pub args: Vec<OsString>,
}

impl ErrorFormat for CheckArgs {
    fn json_errors(&self) -> bool {
        false
    }
}

#[derive(Debug, Parser)]
#[command(name = "hactl check", bin_name = "hactl check", no_binary_name = true, subcommand_value_name = "SERVICE", subcommand_help_heading = "Services", about = ABOUT, after_help = HELP, disable_version_flag = true)]
struct CheckCli {
    /// Patroni API endpoint(s), as check_patroni (repeat it or separate with commas)
    #[arg(short = 'e', long = "endpoints", value_name = "URL", global = true)]
    endpoints: Vec<String>,
    /// File with the client certificate (for https endpoints)
    #[arg(long = "cert_file", value_name = "FILE", global = true)]
    cert_file: Option<PathBuf>,
    /// File with the client key
    #[arg(long = "key_file", value_name = "FILE", global = true)]
    key_file: Option<PathBuf>,
    /// The CA certificate
    #[arg(long = "ca_file", value_name = "FILE", global = true)]
    ca_file: Option<PathBuf>,
    /// Accepted for check_patroni's command lines; the status line stays one line
    #[arg(short = 'v', long = "verbose", action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Seconds the whole check may take (0: no limit)
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS", global = true)]
    timeout: f64,
    /// The cluster in the DCS (default: the configuration's scope)
    #[arg(long, value_name = "NAME", global = true)]
    cluster: Option<String>,
    /// The member a node_* service checks (default: the configuration's name)
    #[arg(short = 'm', long, value_name = "NAME", global = true)]
    member: Option<String>,
    /// `pretty`: the Nagios status line; `json`: the outcome as one JSON object
    #[arg(short = 'f', long = "format", value_enum, default_value_t = OutputFormat::Pretty, global = true)]
    format: OutputFormat,
    #[command(subcommand)]
    service: Service,
}

fn nagios_range(text: &str) -> Result<Range, String> {
    Range::parse(text).map_err(|e| e.to_string())
}

fn size_range(text: &str) -> Result<Range, String> {
    range::parse_size_range(text).map_err(|e| e.to_string())
}

fn size(text: &str) -> Result<i64, String> {
    range::size_to_bytes(text)
}

#[derive(Debug, Args)]
struct Thresholds {
    /// Warning threshold (Nagios range)
    #[arg(short = 'w', long, value_name = "RANGE", value_parser = nagios_range)]
    warning: Option<Range>,
    /// Critical threshold (Nagios range)
    #[arg(short = 'c', long, value_name = "RANGE", value_parser = nagios_range)]
    critical: Option<Range>,
}

#[derive(Debug, Args)]
struct NodeCountArgs {
    #[command(flatten)]
    thresholds: Thresholds,
    /// Warning threshold for the number of healthy nodes (running + streaming)
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    healthy_warning: Option<Range>,
    /// Critical threshold for the number of healthy nodes (running + streaming)
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    healthy_critical: Option<Range>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SyncTypeArg {
    Any,
    Sync,
    Quorum,
}

impl From<SyncTypeArg> for SyncType {
    fn from(value: SyncTypeArg) -> SyncType {
        match value {
            SyncTypeArg::Any => SyncType::Any,
            SyncTypeArg::Sync => SyncType::Sync,
            SyncTypeArg::Quorum => SyncType::Quorum,
        }
    }
}

#[derive(Debug, Args)]
struct HasReplicaArgs {
    /// Warning threshold for the number of healthy replica nodes
    #[arg(short = 'w', long, value_name = "RANGE", value_parser = nagios_range)]
    warning: Option<Range>,
    /// Critical threshold for the number of healthy replica nodes
    #[arg(short = 'c', long, value_name = "RANGE", value_parser = nagios_range)]
    critical: Option<Range>,
    /// Warning threshold for the number of sync replica
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    sync_warning: Option<Range>,
    /// Critical threshold for the number of sync replica
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    sync_critical: Option<Range>,
    /// Synchronous replication mode used to filter and count sync standbies
    #[arg(long, value_enum, default_value = "any")]
    sync_type: SyncTypeArg,
    /// Maximum allowed lag (bytes, or with a unit: 1MB)
    #[arg(long, value_name = "SIZE", value_parser = size)]
    max_lag: Option<i64>,
}

#[derive(Debug, Args)]
struct StateArgs {
    /// A state file to store the reference into
    #[arg(short = 's', long, value_name = "FILE")]
    state_file: Option<PathBuf>,
    /// Set the current value as the reference for future calls
    #[arg(long)]
    save: bool,
}

#[derive(Debug, Args)]
struct ConfigChangedArgs {
    /// A hash to compare with
    #[arg(long = "hash", value_name = "HASH")]
    config_hash: Option<String>,
    #[command(flatten)]
    state: StateArgs,
}

#[derive(Debug, Args)]
struct TimelineArgs {
    /// A timeline number to compare with
    #[arg(long, value_name = "TIMELINE")]
    timeline: Option<String>,
    #[command(flatten)]
    state: StateArgs,
}

#[derive(Debug, Args)]
struct IsLeaderArgs {
    /// Check for a standby leader
    #[arg(long = "is-standby-leader")]
    standby_leader: bool,
}

#[derive(Debug, Args)]
struct IsReplicaArgs {
    /// Maximum allowed lag (as Patroni's /replica?lag= reads it: 1048576, 1MB)
    #[arg(long, value_name = "SIZE")]
    max_lag: Option<String>,
    /// Check if the replica is synchronous
    #[arg(long)]
    is_sync: bool,
    /// Synchronous replication mode
    #[arg(long, value_enum, default_value = "any")]
    sync_type: SyncTypeArg,
    /// Check if the replica is asynchronous
    #[arg(long)]
    is_async: bool,
}

#[derive(Debug, Args)]
struct VersionArgs {
    /// Patroni version to compare to
    #[arg(long, value_name = "VERSION", required = true)]
    patroni_version: String,
}

#[derive(Debug, Args)]
struct SentinelArgs {
    #[command(flatten)]
    thresholds: Thresholds,
    /// The master's name, as the Sentinels monitor it (default: the only one they monitor)
    #[arg(long, value_name = "NAME")]
    master: Option<String>,
    /// A Sentinel to ask (repeat it; default: the configuration's sentinel.hosts)
    #[arg(long = "sentinel", value_name = "HOST:PORT", env = "HACTL_SENTINELS", value_delimiter = ',')]
    sentinels: Vec<String>,
}

#[derive(Debug, Args)]
struct SlotArgs {
    /// Warning threshold for each slot's retained WAL (size range: 1GB, 512MB:)
    #[arg(short = 'w', long, value_name = "RANGE", value_parser = size_range)]
    warning: Option<Range>,
    /// Critical threshold for each slot's retained WAL
    #[arg(short = 'c', long, value_name = "RANGE", value_parser = size_range)]
    critical: Option<Range>,
    /// Warning threshold for the number of inactive slots (default 0: any inactive slot warns)
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    inactive_warning: Option<Range>,
    /// Critical threshold for the number of inactive slots
    #[arg(long, value_name = "RANGE", value_parser = nagios_range)]
    inactive_critical: Option<Range>,
    /// The user to connect to the leader as (default: PGUSER, else the OS user)
    #[arg(short = 'U', long, value_name = "USER")]
    username: Option<String>,
    /// The database to connect to (default: PGDATABASE, else the user's name)
    #[arg(long, value_name = "NAME")]
    dbname: Option<String>,
}

#[derive(Debug, Args)]
struct PoolArgs {
    /// Warning threshold for the most clients waiting in one pool (default 0: any waiting warns)
    #[arg(short = 'w', long, value_name = "RANGE", value_parser = nagios_range)]
    warning: Option<Range>,
    /// Critical threshold for the most clients waiting in one pool
    #[arg(short = 'c', long, value_name = "RANGE", value_parser = nagios_range)]
    critical: Option<Range>,
}

#[derive(Debug, Subcommand)]
enum Service {
    /// Count the number of nodes in the cluster
    #[command(name = "cluster_node_count")]
    ClusterNodeCount(NodeCountArgs),
    /// Check if the cluster has a leader
    #[command(name = "cluster_has_leader")]
    ClusterHasLeader,
    /// Check if the cluster has healthy replicas and/or if some are sync or quorum standbies
    #[command(name = "cluster_has_replica")]
    ClusterHasReplica(HasReplicaArgs),
    /// Check if the hash of the configuration has changed
    #[command(name = "cluster_config_has_changed")]
    ClusterConfigHasChanged(ConfigChangedArgs),
    /// Check if the cluster is in maintenance mode or paused
    #[command(name = "cluster_is_in_maintenance")]
    ClusterIsInMaintenance,
    /// Check if the cluster has a scheduled action (switchover or restart)
    #[command(name = "cluster_has_scheduled_action")]
    ClusterHasScheduledAction,
    /// Check if the node is the primary with the leader lock
    #[command(name = "node_is_primary")]
    NodeIsPrimary,
    /// Check if the node is a leader node
    #[command(name = "node_is_leader")]
    NodeIsLeader(IsLeaderArgs),
    /// Check if the node is a replica with no noloadbalance tag
    #[command(name = "node_is_replica")]
    NodeIsReplica(IsReplicaArgs),
    /// Check if the node is in pending restart state
    #[command(name = "node_is_pending_restart")]
    NodeIsPendingRestart,
    /// Check if the timeline has changed
    #[command(name = "node_tl_has_changed")]
    NodeTlHasChanged(TimelineArgs),
    /// Check if the version is equal to the input
    #[command(name = "node_patroni_version")]
    NodePatroniVersion(VersionArgs),
    /// Check if the node is alive ie patroni is running
    #[command(name = "node_is_alive")]
    NodeIsAlive,
    /// etcd members healthy against the quorum: CRITICAL when lost, WARNING when a member is down
    #[command(name = "etcd_quorum")]
    EtcdQuorum(Thresholds),
    /// Active etcd alarms (NOSPACE, CORRUPT): CRITICAL on any
    #[command(name = "etcd_alarms")]
    EtcdAlarms(Thresholds),
    /// Sentinels reachable against their quorum, and whether they agree on the master
    #[command(name = "sentinel_quorum")]
    SentinelQuorum(SentinelArgs),
    /// WAL retained by each replication slot on the leader, and inactive slots
    #[command(name = "replication_slots")]
    ReplicationSlots(SlotArgs),
    /// HAProxy's write backend sends to the leader alone: CRITICAL when another server or none is UP
    #[command(name = "proxy_points_at_leader")]
    ProxyPointsAtLeader,
    /// Each PgBouncer reachable, its pools' waiting clients, each database on a running member
    #[command(name = "pgbouncer_pools")]
    PgbouncerPools(PoolArgs),
}

impl Service {
    fn name(&self) -> &'static str {
        match self {
            Service::ClusterNodeCount(_) => "cluster_node_count",
            Service::ClusterHasLeader => "cluster_has_leader",
            Service::ClusterHasReplica(_) => "cluster_has_replica",
            Service::ClusterConfigHasChanged(_) => "cluster_config_has_changed",
            Service::ClusterIsInMaintenance => "cluster_is_in_maintenance",
            Service::ClusterHasScheduledAction => "cluster_has_scheduled_action",
            Service::NodeIsPrimary => "node_is_primary",
            Service::NodeIsLeader(_) => "node_is_leader",
            Service::NodeIsReplica(_) => "node_is_replica",
            Service::NodeIsPendingRestart => "node_is_pending_restart",
            Service::NodeTlHasChanged(_) => "node_tl_has_changed",
            Service::NodePatroniVersion(_) => "node_patroni_version",
            Service::NodeIsAlive => "node_is_alive",
            Service::EtcdQuorum(_) => "etcd_quorum",
            Service::EtcdAlarms(_) => "etcd_alarms",
            Service::SentinelQuorum(_) => "sentinel_quorum",
            Service::ReplicationSlots(_) => "replication_slots",
            Service::ProxyPointsAtLeader => "proxy_points_at_leader",
            Service::PgbouncerPools(_) => "pgbouncer_pools",
        }
    }

    fn is_node_service(&self) -> bool {
        self.name().starts_with("node_")
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &CheckArgs) -> CommandResult {
    let cli = match CheckCli::try_parse_from(&args.args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(ui, e, &args.args),
    };
    let name = cli.service.name();
    let outcome = match Duration::try_from_secs_f64(cli.timeout) {
        Ok(limit) if limit.is_zero() => outcome(ctx, &cli, Duration::from_secs(3600)).await,
        // The services' own timeouts end first, so that a tier that does not answer is reported
        // as such (etcd without quorum is CRITICAL), not as the check's timeout.
        Ok(limit) => {
            // etcd's failure too (refused, no quorum) is said, not cut off by the check's timeout.
            ctx.limit_dcs_timeout(limit.mul_f64(0.8));
            tokio::time::timeout(limit, outcome(ctx, &cli, limit.mul_f64(0.8))).await.unwrap_or_else(|_| {
                Outcome::aborted(name, format!("Timeout: check execution aborted after {}s", cli.timeout))
            })
        }
        Err(_) => Outcome::unknown(name, format!("--timeout must be a number of seconds, got {}", cli.timeout)),
    };
    if cli.format.is_json() {
        ui.print_json(&outcome_json(&outcome))?;
    } else {
        ui.out(&(outcome.status_line() + "\n"))?;
    }
    match outcome.exit_code() {
        0 => Ok(()),
        code => Err(CommandError::reported(code)),
    }
}

/// A bad option, a missing or unknown service: UNKNOWN on stdout (exit 3), with clap's usage on
/// stderr; `--help` is printed as help (exit 0).
/// The outcome as `-f json` prints it.
fn outcome_json(outcome: &Outcome) -> serde_json::Value {
    serde_json::json!({
        "service": outcome.service,
        "state": outcome.state,
        "exit_code": outcome.exit_code(),
        "message": outcome.message,
        "perfdata": outcome.perfdata,
        "status_line": outcome.status_line(),
    })
}

fn usage_error(ui: &mut Ui, error: clap::Error, args: &[OsString]) -> CommandResult {
    use clap::error::ErrorKind;
    if error.kind() == ErrorKind::DisplayHelp {
        ui.out(&error.render().to_string())?;
        return Ok(());
    }
    let rendered = error.render().to_string();
    let first = match error.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "no service given".to_string(),
        // The first paragraph, on one line: clap lists the missing arguments under its first line.
        _ => rendered
            .lines()
            .take_while(|line| !line.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_start_matches("error: ")
            .to_string(),
    };
    use clap::CommandFactory;
    let services: Vec<String> = CheckCli::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let service = words.iter().find(|a| services.iter().any(|s| s == *a));
    let outcome = Outcome::unknown(service.map_or("check", |s| s), format!("{first} (hactl check --help)"));
    // `-f json` holds for a usage error too, when it can be read from the words given.
    let json = words.windows(2).any(|w| matches!(w, ["-f" | "--format", "json"])) || words.contains(&"--format=json");
    if json {
        ui.print_json(&outcome_json(&outcome))?;
    } else {
        ui.out(&format!("{}\n", outcome.status_line()))?;
        ui.status(rendered.trim_end());
    }
    Err(CommandError::reported(3))
}

async fn outcome(ctx: &mut CommandContext, cli: &CheckCli, timeout: Duration) -> Outcome {
    let name = cli.service.name();
    match &cli.service {
        Service::EtcdQuorum(t) | Service::EtcdAlarms(t) => {
            let thresholds = QuorumThresholds { warning: t.warning, critical: t.critical };
            let settings = match ctx.settings() {
                Ok(settings) => settings,
                Err(e) => return Outcome::unknown(name, e.to_string()),
            };
            let Some(etcd3) = &settings.etcd3 else {
                return Outcome::unknown(
                    name,
                    "no etcd3 section configured: use -c FILE or --dcs-url etcd3://host:port",
                );
            };
            match cli.service {
                Service::EtcdQuorum(_) => etcd::etcd_quorum(etcd3, timeout, &thresholds).await,
                _ => etcd::etcd_alarms(etcd3, timeout, &thresholds).await,
            }
        }
        Service::SentinelQuorum(args) => {
            let base = match ctx.settings() {
                Ok(settings) => settings.sentinel.clone(),
                Err(e) => return Outcome::unknown(name, e.to_string()),
            };
            let settings = match hactl::tiers::sentinel::with_hosts(base.as_ref(), &args.sentinels) {
                Ok(settings) => settings,
                Err(e) => return Outcome::unknown(name, e.to_string()),
            };
            let thresholds =
                SentinelThresholds { warning: args.thresholds.warning, critical: args.thresholds.critical };
            sentinel::sentinel_quorum(&settings, args.master.as_deref(), timeout, &thresholds).await
        }
        Service::ReplicationSlots(args) => match replication_slots(ctx, cli, args).await {
            Ok(outcome) => outcome,
            Err(e) => Outcome::unknown(name, e.to_string()),
        },
        Service::ProxyPointsAtLeader => match proxy_points_at_leader(ctx, cli, timeout).await {
            Ok(outcome) => outcome,
            Err(e) => Outcome::unknown(name, e.to_string()),
        },
        Service::PgbouncerPools(args) => match pgbouncer_pools(ctx, cli, args, timeout).await {
            Ok(outcome) => outcome,
            Err(e) => Outcome::unknown(name, e.to_string()),
        },
        service => match patroni(ctx, cli, timeout).await {
            Ok(api) => {
                let mut outcome = patroni_service(&api, service).await;
                // check_patroni's words, and where the agent was looked for when nothing said.
                if outcome.state == State::Unknown && outcome.message == patroni_api::ALL_FAILED && defaulted(ctx, cli)
                {
                    outcome.message.push_str(&format!(
                        " ({DEFAULT_AGENT}: no -e/--endpoints given and no scope configured to find the cluster's agents)"
                    ));
                }
                outcome
            }
            Err(reason) => Outcome::unknown(name, reason),
        },
    }
}

/// check_patroni's agent when nothing names one.
const DEFAULT_AGENT: &str = "http://127.0.0.1:8008";

/// Neither `-e` nor a cluster name: the agents asked are [`DEFAULT_AGENT`].
fn defaulted(ctx: &mut CommandContext, cli: &CheckCli) -> bool {
    cli.endpoints.is_empty() && cli.cluster.is_none() && ctx.settings().is_ok_and(|s| s.scope.is_none())
}

/// The agents to ask: `-e`, else the cluster's from the DCS, else check_patroni's default.
async fn patroni(ctx: &mut CommandContext, cli: &CheckCli, timeout: Duration) -> Result<PatroniApi, String> {
    if !cli.endpoints.is_empty() {
        return explicit_endpoints(cli, &cli.endpoints, timeout);
    }
    if defaulted(ctx, cli) {
        return explicit_endpoints(cli, &[DEFAULT_AGENT.to_string()], timeout);
    }
    let settings = ctx.settings().map_err(|e| e.to_string())?;
    let member = cli.member.clone().or_else(|| settings.name.clone());
    let name = ctx.cluster_name(&cli.cluster).map_err(|e| e.to_string())?;
    let snapshot = ctx.read_cluster(&name).await.map_err(|e| e.to_string())?;
    let endpoints = if cli.service.is_node_service() {
        let member = member.ok_or("name the member to check with -m/--member (or its agent with -e URL)")?;
        vec![patroni_api::member_endpoint(&snapshot.cluster, &member)?]
    } else {
        patroni_api::cluster_endpoints(&snapshot.cluster)
    };
    let agents = ctx.agents().map_err(|e| e.to_string())?.clone();
    Ok(PatroniApi::new(agents, &endpoints, timeout))
}

/// check_patroni's client: no credentials, its own certificate options.
fn explicit_endpoints(cli: &CheckCli, endpoints: &[String], timeout: Duration) -> Result<PatroniApi, String> {
    let rest = RestSettings {
        cacert: cli.ca_file.clone(),
        certfile: cli.cert_file.clone().or_else(|| cli.key_file.clone()),
        keyfile: cli.key_file.clone(),
        ..RestSettings::default()
    };
    let agents = Agents::new(&rest, timeout).map_err(|e| e.to_string())?;
    Ok(PatroniApi::new(agents, endpoints, timeout))
}

async fn patroni_service(api: &PatroniApi, service: &Service) -> Outcome {
    let reference = |given: &Option<String>, state: &StateArgs, what: &str| match (given, &state.state_file) {
        (Some(value), None) => Ok(Reference::Given(value.clone())),
        (None, Some(path)) => Ok(Reference::StateFile { path: path.clone(), save: state.save }),
        _ => Err(format!("Either --{what} or --state-file should be provided for this service")),
    };
    match service {
        Service::ClusterNodeCount(a) => {
            let t = NodeCountThresholds {
                warning: a.thresholds.warning,
                critical: a.thresholds.critical,
                healthy_warning: a.healthy_warning,
                healthy_critical: a.healthy_critical,
            };
            cluster::cluster_node_count(api, &t).await
        }
        Service::ClusterHasLeader => cluster::cluster_has_leader(api).await,
        Service::ClusterHasReplica(a) => {
            let t = ReplicaThresholds {
                warning: a.warning,
                critical: a.critical,
                sync_warning: a.sync_warning,
                sync_critical: a.sync_critical,
                sync_type: a.sync_type.into(),
                max_lag: a.max_lag,
            };
            cluster::cluster_has_replica(api, &t).await
        }
        Service::ClusterConfigHasChanged(a) => match reference(&a.config_hash, &a.state, "hash") {
            Ok(reference) => cluster::cluster_config_has_changed(api, &reference).await,
            Err(reason) => Outcome::unknown(service.name(), reason),
        },
        Service::ClusterIsInMaintenance => cluster::cluster_is_in_maintenance(api).await,
        Service::ClusterHasScheduledAction => cluster::cluster_has_scheduled_action(api).await,
        Service::NodeIsPrimary => node::node_is_primary(api).await,
        Service::NodeIsLeader(a) => node::node_is_leader(api, a.standby_leader).await,
        Service::NodeIsReplica(a) => {
            if a.is_sync && a.max_lag.is_some() {
                return Outcome::unknown(
                    service.name(),
                    "--is-sync and --max-lag cannot be provided at the same time for this service",
                );
            }
            if a.is_sync && a.is_async {
                return Outcome::unknown(
                    service.name(),
                    "--is-sync and --is-async cannot be provided at the same time for this service",
                );
            }
            let options = ReplicaOptions {
                max_lag: a.max_lag.clone(),
                is_sync: a.is_sync,
                is_async: a.is_async,
                sync_type: a.sync_type.into(),
            };
            node::node_is_replica(api, &options).await
        }
        Service::NodeIsPendingRestart => node::node_is_pending_restart(api).await,
        Service::NodeTlHasChanged(a) => match reference(&a.timeline, &a.state, "timeline") {
            Ok(reference) => node::node_tl_has_changed(api, &reference).await,
            Err(reason) => Outcome::unknown(service.name(), reason),
        },
        Service::NodePatroniVersion(a) => node::node_patroni_version(api, &a.patroni_version).await,
        Service::NodeIsAlive => node::node_is_alive(api).await,
        Service::EtcdQuorum(_)
        | Service::EtcdAlarms(_)
        | Service::SentinelQuorum(_)
        | Service::ReplicationSlots(_)
        | Service::ProxyPointsAtLeader
        | Service::PgbouncerPools(_) => unreachable!("not a Patroni service"),
    }
}

/// The leader's slots, over the connection `hactl query` makes (its address from the DCS, the
/// credentials from -U, PGPASSWORD or the password file).
async fn replication_slots(ctx: &mut CommandContext, cli: &CheckCli, args: &SlotArgs) -> CommandResult<Outcome> {
    let name = ctx.cluster_name(&cli.cluster)?;
    let snapshot = ctx.read_cluster(&name).await?;
    let Some(leader) = snapshot.cluster.leader_member() else {
        return Ok(Outcome::unknown(
            "replication_slots",
            format!("cluster {name} has no leader to read the slots from"),
        ));
    };
    let options =
        hactl::query::ConnectOptions { user: args.username.clone(), password: None, dbname: args.dbname.clone() };
    let env = std::env::vars().collect();
    let target = hactl::query::target(leader, &options, &env)?;
    let report = hactl::tiers::postgres::replication(&target).await?;
    let thresholds = SlotThresholds {
        warning: args.warning,
        critical: args.critical,
        inactive_warning: args.inactive_warning,
        inactive_critical: args.inactive_critical,
    };
    Ok(slots::evaluate_slots(&report, &thresholds))
}

/// HAProxy's stats against the leader of the cluster in the DCS.
async fn proxy_points_at_leader(ctx: &mut CommandContext, cli: &CheckCli, timeout: Duration) -> CommandResult<Outcome> {
    let Some(haproxy) = ctx.settings()?.haproxy.clone() else {
        return Ok(Outcome::unknown(
            "proxy_points_at_leader",
            "no haproxy section configured: set haproxy.stats_url or haproxy.stats_socket (or HACTL_HAPROXY_STATS_URL)",
        ));
    };
    let name = ctx.cluster_name(&cli.cluster)?;
    let snapshot = ctx.read_cluster(&name).await?;
    Ok(proxies::proxy_points_at_leader(&haproxy, &snapshot.cluster, timeout).await)
}

/// Every configured PgBouncer, and the cluster in the DCS when one is configured (to check where
/// each database points).
async fn pgbouncer_pools(
    ctx: &mut CommandContext,
    cli: &CheckCli,
    args: &PoolArgs,
    timeout: Duration,
) -> CommandResult<Outcome> {
    let settings = ctx.settings()?;
    let Some(pgbouncer) = settings.pgbouncer.clone() else {
        return Ok(Outcome::unknown(
            "pgbouncer_pools",
            "no pgbouncer section configured: set pgbouncer.hosts (or HACTL_PGBOUNCER_HOSTS)",
        ));
    };
    let cluster = match cli.cluster.is_some() || settings.scope.is_some() {
        false => None,
        true => {
            let name = ctx.cluster_name(&cli.cluster)?;
            Some(ctx.read_cluster(&name).await?.cluster)
        }
    };
    let thresholds = PoolThresholds { warning: args.warning, critical: args.critical };
    Ok(proxies::pgbouncer_pools(&pgbouncer, cluster.as_ref(), timeout, &thresholds).await)
}
