//! `hactl demote-cluster` and `hactl promote-cluster`: turn a cluster into a standby cluster of
//! another, or back into a standalone one (Patroni 4), and wait until the leader has the new role.

use crate::cli::GlobalArgs;
use crate::commands::{dcs_timeout, load_settings};
use crate::ui::Ui;
use clap::Args;
use clap_complete::ArgValueCandidates;

use hactl::actions::role_change::{self, RoleChange, RoleChangeEvent};
use hactl::agent::Agents;

use hactl::{clusters, engine};
use std::time::Duration;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl demote-cluster demo --host 10.0.0.5 --port 5432 --force
  hactl demote-cluster demo --restore-command 'cp /archive/%f %p' --force
  hactl promote-cluster demo --force")]
pub struct DemoteArgs {
    /// Cluster name (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
    /// Do not ask for confirmation at any point
    #[arg(long)]
    pub force: bool,
    /// Address of the remote node
    #[arg(long)]
    pub host: Option<String>,
    /// Port of the remote node
    #[arg(long)]
    pub port: Option<u16>,
    /// Command to restore WAL records from the remote primary
    #[arg(long)]
    pub restore_command: Option<String>,
    /// Name of the slot on the remote node to use for replication
    #[arg(long)]
    pub primary_slot_name: Option<String>,
    /// Seconds to wait for the new role (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hactl promote-cluster demo --force")]
pub struct PromoteArgs {
    /// Cluster name (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
    /// Do not ask for confirmation at any point
    #[arg(long)]
    pub force: bool,
    /// Seconds to wait for the new role (default: from the cluster's ttl and loop_wait)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

pub async fn run_demote(ui: &mut Ui, global: &GlobalArgs, args: &DemoteArgs) -> anyhow::Result<()> {
    let change = RoleChange::demote(
        args.host.as_deref(),
        args.port,
        args.primary_slot_name.as_deref(),
        args.restore_command.as_deref(),
    )?;
    change_role(ui, global, args.cluster_name.as_ref(), args.force, args.timeout, change).await
}

pub async fn run_promote(ui: &mut Ui, global: &GlobalArgs, args: &PromoteArgs) -> anyhow::Result<()> {
    change_role(ui, global, args.cluster_name.as_ref(), args.force, args.timeout, RoleChange::Promote).await
}

async fn change_role(
    ui: &mut Ui,
    global: &GlobalArgs,
    cluster_name: Option<&String>,
    force: bool,
    timeout: Option<f64>,
    change: RoleChange,
) -> anyhow::Result<()> {
    let stem = change.stem();
    if !force && !ui.can_prompt() {
        return Err(crate::usage_error(format!(
            "{stem}e-cluster asks for confirmation and no terminal is attached: pass --force"
        )));
    }
    let timeout = timeout
        .map(|secs| {
            Duration::try_from_secs_f64(secs).ok().filter(|d| !d.is_zero()).ok_or_else(|| {
                crate::usage_error(format!("--timeout must be a positive number of seconds, got {secs}"))
            })
        })
        .transpose()?;
    let settings = load_settings(global)?;
    let name =
        clusters::cluster_names(&settings, cluster_name.map(std::slice::from_ref).unwrap_or_default())?.remove(0);
    let mut dcs = clusters::connect(&settings, dcs_timeout(global)?).await?;
    let read = clusters::read_cluster(&mut dcs, &settings, &name).await?;
    let leader = role_change::preflight(&read.cluster, &change)?.to_string();

    ui.out("Current cluster topology\n")?;
    ui.out(&super::cluster_table(&name, &read.cluster, ui.color()))?;
    if !force && !ui.confirm(&format!("Are you sure you want to {stem}e {name} cluster?"))? {
        return Err(crate::failed_error(format!("Aborted cluster {stem}ion")));
    }

    let agents = Agents::new(&settings.rest, Duration::from_secs(2))?;
    let timeout = timeout.unwrap_or_else(|| engine::default_timeout(&read.cluster));
    let mut written = Ok(());
    let color = ui.color();
    let mut report = |event: RoleChangeEvent| {
        let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let line = match event {
            RoleChangeEvent::Waiting(observation) => format!("{stamp} {}\n", observation.progress_line()),
            RoleChangeEvent::Done(now) => {
                format!("{stamp} cluster is successfully {stem}ed\n{}", super::cluster_table(&name, now, color))
            }
            RoleChangeEvent::TimedOut(now) => super::cluster_table(&name, now, color),
        };
        if written.is_ok() {
            written = ui.out(&line);
        }
    };
    let result =
        role_change::change_role(&mut dcs, &agents, &settings, &read, &leader, &change, timeout, &mut report).await;
    written?;
    Ok(result?)
}
