//! `hactl etcd health|status|members|alarms`: the consensus tier, endpoint by endpoint, from the
//! same configuration as `list`.

use crate::commands::ErrorFormat;
use crate::commands::args::OutputFormat;
use crate::commands::context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use clap::{Args, Subcommand};
use comfy_table::Color;
use hactl::config::EtcdSettings;
use hactl::etcd::{self, EtcdError};
use hactl::render::pretty_table;
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Check each endpoint: a linearizable read and the alarms; say whether quorum holds
    #[command(
        after_help = "Examples:\n  hactl etcd health\n  hactl etcd health --cluster\n  hactl -c /etc/patroni/patroni.yml etcd health -f json\n  hactl etcd health --endpoints 10.0.0.1:2379,10.0.0.2:2379 --dcs-timeout 2"
    )]
    Health(HealthArgs),
    /// Show each endpoint's member id, version, DB size, leader, raft term and index, errors
    #[command(after_help = "Examples:\n  hactl etcd status\n  hactl etcd status --cluster -f json")]
    Status(HealthArgs),
    /// List the members of the cluster
    #[command(after_help = "Examples:\n  hactl etcd members\n  hactl etcd members --endpoints 10.0.0.1:2379 -f json")]
    Members(TargetArgs),
    /// List the active alarms (NOSPACE, CORRUPT)
    #[command(after_help = "Examples:\n  hactl etcd alarms\n  hactl etcd alarms -f json")]
    Alarms(TargetArgs),
}

#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated
    #[arg(long, value_name = "ENDPOINTS", value_delimiter = ',')]
    pub endpoints: Vec<String>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = OutputFormat::Pretty)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct HealthArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Check every member in the member list, not only the given endpoints
    #[arg(long)]
    pub cluster: bool,
}

impl ErrorFormat for EtcdCommand {
    fn json_errors(&self) -> bool {
        match self {
            EtcdCommand::Health(args) | EtcdCommand::Status(args) => args.target.format.is_json(),
            EtcdCommand::Members(args) | EtcdCommand::Alarms(args) => args.format.is_json(),
        }
    }
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, command: &EtcdCommand) -> CommandResult {
    let timeout = ctx.dcs_timeout()?;
    match command {
        EtcdCommand::Health(args) => health(ui, ctx, args, timeout).await,
        EtcdCommand::Status(args) => status(ui, ctx, args, timeout).await,
        EtcdCommand::Members(args) => {
            let members = etcd::members(&settings(ctx, args)?, timeout).await?;
            args.format.print(ui, &members, || members_table(&members))
        }
        EtcdCommand::Alarms(args) => {
            let alarms = etcd::alarms(&settings(ctx, args)?, timeout).await?;
            args.format.print(ui, &alarms, || alarms_text(&alarms))
        }
    }
}

/// The configured etcd3 settings, with `--endpoints` in place of the configured endpoints.
fn settings(ctx: &CommandContext, args: &TargetArgs) -> CommandResult<EtcdSettings> {
    let configured = ctx.settings()?.etcd3.as_ref();
    if args.endpoints.is_empty() {
        return Ok(configured.cloned().ok_or(EtcdError::NotConfigured)?);
    }
    Ok(etcd::with_endpoints(configured, &args.endpoints)?)
}

async fn health(ui: &mut Ui, ctx: &CommandContext, args: &HealthArgs, timeout: Duration) -> CommandResult {
    let report = etcd::health(&settings(ctx, &args.target)?, args.cluster, timeout).await?;
    let color = ui.color();
    args.target.format.print(ui, &report, || {
        let rows: Vec<Vec<String>> = report
            .endpoints
            .iter()
            .map(|e| vec![e.endpoint.clone(), e.health.to_string(), took(e.took), e.error.clone().unwrap_or_default()])
            .collect();
        let table = pretty_table(
            " etcd health ",
            &["Endpoint", "Health", "Took", "Error"],
            &rows,
            color.then_some(&red_when("Health", "false")),
        );
        format!("{table}\n {}\n", capitalize(&report.quorum.to_string()))
    })?;
    Ok(report.verdict()?)
}

async fn status(ui: &mut Ui, ctx: &CommandContext, args: &HealthArgs, timeout: Duration) -> CommandResult {
    let report = etcd::status(&settings(ctx, &args.target)?, args.cluster, timeout).await?;
    let color = ui.color();
    args.target.format.print(ui, &report, || {
        let text = |v: Option<String>| v.unwrap_or_default();
        let rows: Vec<Vec<String>> = report
            .endpoints
            .iter()
            .map(|e| {
                let answered = e.error.is_none();
                let mut errors = e.errors.clone();
                errors.extend(e.error.clone());
                vec![
                    e.endpoint.clone(),
                    text(e.member_id.map(|id| id.to_string())),
                    text(e.version.clone()),
                    text(e.db_size.map(bytes)),
                    text(e.db_size_in_use.map(bytes)),
                    if answered { e.is_leader.to_string() } else { String::new() },
                    if answered { e.is_learner.to_string() } else { String::new() },
                    text(e.raft_term.map(|v| v.to_string())),
                    text(e.raft_index.map(|v| v.to_string())),
                    text(e.raft_applied_index.map(|v| v.to_string())),
                    errors.join("; "),
                ]
            })
            .collect();
        let headers = [
            "Endpoint",
            "ID",
            "Version",
            "DB size",
            "In use",
            "Leader",
            "Learner",
            "Raft term",
            "Raft index",
            "Applied",
            "Errors",
        ];
        let table = pretty_table(" etcd status ", &headers, &rows, color.then_some(&red_when("Errors", "")));
        let leaders: Vec<String> = report
            .leaders()
            .map(|e| format!("{} ({})", e.member_id.unwrap_or(etcd::MemberId(0)), e.endpoint))
            .collect();
        let footer = match leaders.as_slice() {
            [] => "No endpoint reports itself as the leader".to_string(),
            [one] => format!("Leader: {one}"),
            many => format!("Leaders: {}", many.join(", ")),
        };
        format!("{table}\n {footer}\n")
    })?;
    Ok(report.verdict()?)
}

fn members_table(list: &etcd::MemberList) -> String {
    let rows: Vec<Vec<String>> = list
        .members
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                if m.started { "started" } else { "unstarted" }.to_string(),
                m.name.clone(),
                m.peer_urls.join(","),
                m.client_urls.join(","),
                m.is_learner.to_string(),
            ]
        })
        .collect();
    let headers = ["ID", "Status", "Name", "Peer addrs", "Client addrs", "Learner"];
    pretty_table(" etcd members ", &headers, &rows, None) + "\n"
}

fn alarms_text(list: &etcd::AlarmList) -> String {
    if list.alarms.is_empty() {
        return format!("No active alarms (asked {})\n", list.endpoint);
    }
    let rows: Vec<Vec<String>> = list.alarms.iter().map(|a| vec![a.member_id.to_string(), a.alarm.clone()]).collect();
    pretty_table(" etcd alarms ", &["Member ID", "Alarm"], &rows, None) + "\n"
}

/// Colours a cell red when its column is `column` and its text is `text` (any text for "").
fn red_when(column: &'static str, text: &'static str) -> impl Fn(&str, &str) -> Option<Color> {
    move |header, cell| {
        (header == column && (cell == text || (text.is_empty() && !cell.is_empty()))).then_some(Color::Red)
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A duration as etcdctl prints short ones: `2.3ms`, `1.52s`.
fn took(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 { format!("{ms:.1}ms") } else { format!("{:.2}s", ms / 1000.0) }
}

/// Bytes in SI units, as etcdctl prints DB sizes (go-humanize): `25 kB`, `1.2 MB`.
fn bytes(size: i64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    if size < 10 {
        return format!("{size} B");
    }
    let size = size as f64;
    let exponent = (size.ln() / 1000f64.ln()).floor().min(6.0);
    let value = (size / 1000f64.powf(exponent) * 10.0 + 0.5).floor() / 10.0;
    let unit = UNITS[exponent as usize];
    if value < 10.0 { format!("{value:.1} {unit}") } else { format!("{value:.0} {unit}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_like_etcdctl() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(20480), "20 kB");
        assert_eq!(bytes(1_234_567), "1.2 MB");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(took(Duration::from_micros(2345)), "2.3ms");
        assert_eq!(took(Duration::from_millis(1520)), "1.52s");
        assert_eq!(capitalize("quorum held: 3 of 3"), "Quorum held: 3 of 3");
    }
}
