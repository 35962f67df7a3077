//! `hactl query [CLUSTER]`: SQL run on a member picked by role or name, once or watched.

use crate::commands::ErrorFormat;
use crate::commands::args::{ClusterArg, GroupArg, TableFormat, watch_interval};
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;
use hactl::actions::RoleFilter;
use hactl::query::{self, ConnectOptions, Interruption, QueryError};
use hactl::render::table::{self, Format};
use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Read;

#[derive(Debug, Args)]
#[command(after_help = "After `query`, -c means --command and -d means --dbname, as in patronictl (before the
subcommand they are --config-file and --dcs-url).

Examples:
  hactl query demo -r replica -c 'select pg_is_in_recovery()' -U postgres
  PGPASSWORD=... hactl query demo -m pg1 -f check.sql --format pretty
  hactl query demo -c 'select now()' -U postgres --password -W")]
pub struct QueryArgs {
    #[command(flatten)]
    pub cluster: ClusterArg,
    #[command(flatten)]
    pub group: GroupArg,
    /// Output format (pretty, tsv, json, yaml)
    #[arg(long = "format", value_enum, default_value_t = TableFormat::Tsv)]
    pub format: TableFormat,
    /// Execute the SQL commands from this file (- for standard input)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<String>,
    /// force password prompt
    #[arg(long)]
    pub password: bool,
    /// database user name
    #[arg(short = 'U', long = "username")]
    pub username: Option<String>,
    /// Auto update the screen every 2 seconds
    #[arg(short = 'W')]
    pub every_two_seconds: bool,
    /// Auto update the screen every X seconds
    #[arg(short = 'w', long = "watch", value_name = "SECONDS")]
    pub watch: Option<f64>,
    /// The role of the query
    #[arg(short = 'r', long, value_enum)]
    pub role: Option<RoleFilter>,
    /// Query a specific member
    #[arg(short = 'm', long, add = ArgValueCandidates::new(crate::complete::members))]
    pub member: Option<String>,
    /// The column delimiter
    #[arg(long, default_value = "\t")]
    pub delimiter: String,
    /// The SQL commands to execute (-c after the subcommand)
    #[arg(long = "command", value_name = "SQL")]
    pub command: Option<String>,
    /// database name to connect to (-d after the subcommand)
    #[arg(long = "dbname", value_name = "DBNAME")]
    pub dbname: Option<String>,
}

impl ErrorFormat for QueryArgs {
    fn json_errors(&self) -> bool {
        self.format.is_json()
    }
}

/// patronictl reads `-c`/`-d` before the subcommand as `--config-file`/`--dcs-url` and after
/// `query` as `--command`/`--dbname`. clap's global options would take them everywhere, so
/// after `query` they are rewritten to the long names before parsing.
pub fn rewrite_query_args(args: Vec<OsString>) -> Vec<OsString> {
    const GLOBAL_WITH_VALUE: &[&str] = &["-c", "--config-file", "-d", "--dcs-url", "--dcs", "--color", "--dcs-timeout"];
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    if let Some(program) = iter.next() {
        out.push(program);
    }
    // Up to the subcommand name: global options, some with a value.
    let mut in_query = false;
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy().into_owned();
        out.push(arg);
        if GLOBAL_WITH_VALUE.contains(&text.as_str()) {
            if let Some(value) = iter.next() {
                out.push(value);
            }
            continue;
        }
        if !text.starts_with('-') {
            in_query = text == "query";
            break;
        }
    }
    if !in_query {
        out.extend(iter);
        return out;
    }
    const QUERY_WITH_VALUE: &[&str] = &[
        "--group",
        "--format",
        "-f",
        "--file",
        "-U",
        "--username",
        "-w",
        "--watch",
        "-r",
        "--role",
        "-m",
        "--member",
        "--delimiter",
        "--command",
        "--dbname",
        "--color",
        "--config-file",
        "--dcs-url",
        "--dcs",
        "--dcs-timeout",
    ];
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            out.push(arg);
            out.extend(iter);
            break;
        }
        let rewritten = match text.as_str() {
            "-c" => Some("--command".to_string()),
            "-d" => Some("--dbname".to_string()),
            t if t.starts_with("-c") && t.len() > 2 => Some(format!("--command={}", &t[2..])),
            t if t.starts_with("-d") && t.len() > 2 => Some(format!("--dbname={}", &t[2..])),
            _ => None,
        };
        match rewritten {
            Some(long) if long.contains('=') => out.push(long.into()),
            Some(long) => {
                out.push(long.into());
                if let Some(value) = iter.next() {
                    out.push(value);
                }
            }
            None => {
                out.push(arg);
                if QUERY_WITH_VALUE.contains(&text.as_str())
                    && let Some(value) = iter.next()
                {
                    out.push(value);
                }
            }
        }
    }
    out
}

pub async fn run(ui: &mut Ui, ctx: &mut CommandContext, args: &QueryArgs) -> CommandResult {
    let sql = match (&args.file, &args.command) {
        (Some(_), Some(_)) => {
            return Err(CommandError::usage("--file and --command are mutually exclusive options"));
        }
        (None, None) => return Err(CommandError::usage("You need to specify either --command or --file")),
        (None, Some(command)) => command.clone(),
        (Some(file), None) => read_sql(file)?,
    };
    if args.role.is_some() && args.member.is_some() {
        return Err(QueryError::RoleAndMember.into());
    }
    let interval = watch_interval(args.watch, args.every_two_seconds)?;
    let mut options = ConnectOptions { user: args.username.clone(), password: None, dbname: args.dbname.clone() };
    if args.password {
        if !ui.can_prompt() {
            return Err(CommandError::usage(
                "--password asks for the password on a terminal and none is attached: set PGPASSWORD or use a password file",
            ));
        }
        options.password = Some(ui.password("Password")?);
    }
    let format = args.format.rows();

    let name = ctx.cluster_name(&args.cluster.cluster_name)?;
    // As patronictl, the cluster is read once, also when watching.
    let read = ctx.read_cluster_group(&name, args.group.value).await?;
    let env: BTreeMap<String, String> = std::env::vars().collect();
    loop {
        let outcome = query_once(&read.cluster, args, &options, &env, &sql).await;
        match outcome {
            Ok(result) => {
                let rows = result.values();
                ui.out(&table::print_output(result.columns.as_deref(), &rows, &[], format, &args.delimiter))?;
            }
            // Ctrl-C is how a watch ends (exit 0); a single query exits 130. Either way, say
            // when the query may outlive hactl.
            Err(QueryError::Interrupted { member, outcome }) if interval.is_some() => {
                if matches!(outcome, Interruption::MayStillRun { .. }) {
                    ui.warn(&QueryError::Interrupted { member, outcome }.to_string());
                }
                return Ok(());
            }
            Err(e @ QueryError::Interrupted { .. }) => return Err(e.into()),
            Err(e) => {
                if matches!(format, Format::Tsv | Format::Pretty) {
                    // patronictl's one-row result, which scripts may look for.
                    let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
                    let row = vec![Value::String(stamp), Value::String(e.patronictl_row())];
                    ui.out(&table::print_output(None, &[row], &[], format, &args.delimiter))?;
                }
                if interval.is_none() {
                    return Err(e.into());
                }
                ui.warn(&e.to_string());
            }
        }
        let Some(interval) = interval else { return Ok(()) };
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = hactl::interrupt::requested() => return Ok(()),
        }
    }
}

async fn query_once(
    cluster: &hactl::cluster::Cluster,
    args: &QueryArgs,
    options: &ConnectOptions,
    env: &BTreeMap<String, String>,
    sql: &str,
) -> Result<query::QueryResult, QueryError> {
    let member = query::pick_member(cluster, args.role, args.member.as_deref()).map_err(|e| match e {
        QueryError::NoSuitableMember => QueryError::NoConnection {
            message: match (&args.member, args.role) {
                (Some(member), _) => format!("No connection to member {member} is available"),
                (None, Some(role)) => format!("No connection to role {} is available", role.as_str()),
                (None, None) => "No connection is available".to_string(),
            },
        },
        other => other,
    })?;
    let target = query::target(member, options, env)?;
    query::run(&target, args.role, args.member.is_some(), sql).await
}

fn read_sql(file: &str) -> CommandResult<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(file)
        .map_err(|e| CommandError::usage(format!("Invalid value for '--file' / '-f': '{file}': {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(args: &[&str]) -> Vec<String> {
        rewrite_query_args(args.iter().map(OsString::from).collect())
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn c_and_d_after_query_are_command_and_dbname() {
        assert_eq!(
            rewrite(&["hactl", "-c", "x.yml", "query", "demo", "-c", "select 1", "-d", "db", "-U", "-c"]),
            ["hactl", "-c", "x.yml", "query", "demo", "--command", "select 1", "--dbname", "db", "-U", "-c"]
        );
        assert_eq!(
            rewrite(&["hactl", "--color", "never", "query", "-cselect 1"]),
            ["hactl", "--color", "never", "query", "--command=select 1"]
        );
        assert_eq!(rewrite(&["hactl", "-c", "query", "list", "-d", "x"]), ["hactl", "-c", "query", "list", "-d", "x"]);
        assert_eq!(rewrite(&["hactl", "list", "-c", "x"]), ["hactl", "list", "-c", "x"]);
    }
}
