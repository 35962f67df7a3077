//! `hactl lab up|down|status`: a real local HA stack to rehearse runbooks on.

use crate::ui::Ui;
use clap::{Args, Subcommand};
use hactl::lab::{self, ClusterSpec, Flavor, LabEvent, LabSpec};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Start (or complete) the lab and wait until it is healthy
    #[command(after_help = "Examples:\n  hactl lab up\n  hactl lab up --cluster demo --cluster legacy:3 --no-redis")]
    Up(UpArgs),
    /// Stop everything the lab started, by pid, and remove its data
    #[command(after_help = "Examples:\n  hactl lab down")]
    Down(DirArg),
    /// Show what the lab runs
    #[command(after_help = "Examples:\n  hactl lab status\n  hactl lab status -f json")]
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct DirArg {
    /// Lab directory (state, data, logs)
    #[arg(long, env = "HACTL_LAB_DIR", default_value_os_t = lab::default_dir())]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// A Patroni cluster to run, as SCOPE or SCOPE:VERSION (VERSION 4 or 3); repeatable
    #[arg(long = "cluster", value_name = "SCOPE[:VERSION]", default_value = "demo")]
    pub clusters: Vec<String>,
    /// Members per cluster
    #[arg(long, default_value_t = 3)]
    pub members: usize,
    /// Do not start Redis and its Sentinels
    #[arg(long)]
    pub no_redis: bool,
    /// First etcd client port (the members use PORT, PORT+2, PORT+4)
    #[arg(long, default_value_t = 2379)]
    pub etcd_port: u16,
    /// Seconds to wait for each part to become healthy
    #[arg(long, default_value_t = 180)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// Output format
    #[arg(short = 'f', long, value_parser = ["pretty", "json"], default_value = "pretty")]
    pub format: String,
}

pub fn run(ui: &mut Ui, command: &LabCommand) -> anyhow::Result<()> {
    match command {
        LabCommand::Up(args) => up(ui, args),
        LabCommand::Down(args) => {
            let report = lab::down(&args.dir, &mut |event| ui.status(&event.to_string()))?;
            ui.status(&format!("lab stopped: {} processes", report.stopped.len()));
            Ok(())
        }
        LabCommand::Status(args) => status(ui, args),
    }
}

fn up(ui: &mut Ui, args: &UpArgs) -> anyhow::Result<()> {
    let mut spec = LabSpec::new(&args.dir.dir);
    spec.redis = !args.no_redis;
    spec.etcd_base_port = args.etcd_port;
    spec.timeout = Duration::from_secs(args.timeout);
    for entry in &args.clusters {
        let (scope, flavor) = match entry.split_once(':') {
            Some((scope, version)) => (scope, version.parse::<Flavor>()?),
            None => (entry.as_str(), Flavor::V4),
        };
        spec.clusters.push(ClusterSpec { flavor, members: args.members, ..ClusterSpec::new(scope) });
    }
    let state = lab::up(&spec, &mut |event: LabEvent| ui.status(&event.to_string()))?;
    let ctl_config = lab::write_ctl_config(&state, spec.clusters.first().map(|c| c.scope.as_str()))?;
    let mut summary = format!("lab is up in {}\n  etcd: {}\n", state.dir.display(), state.etcd_endpoints().join(","));
    for cluster in &state.clusters {
        let ports: Vec<String> = cluster.members.iter().map(|m| format!("{}:{}", m.name, m.pg_port)).collect();
        summary.push_str(&format!("  cluster {} (Patroni {}): {}\n", cluster.scope, cluster.flavor, ports.join(" ")));
    }
    if let Some(redis) = &state.redis {
        summary.push_str(&format!(
            "  redis: master {} on {}, sentinels on {}\n",
            redis.master_name,
            redis.master.port,
            redis.sentinels.iter().map(|s| s.port.to_string()).collect::<Vec<_>>().join(",")
        ));
    }
    summary.push_str(&format!("try: hactl -c {} list\n", ctl_config.display()));
    ui.out(&summary)?;
    Ok(())
}

fn status(ui: &mut Ui, args: &StatusArgs) -> anyhow::Result<()> {
    let status = lab::status(&args.dir.dir)?;
    if args.format == "json" {
        return Ok(ui.out(&(serde_json::to_string_pretty(&status)? + "\n"))?);
    }
    if status.is_empty() {
        return Ok(ui.out(&format!("no lab in {}\n", status.dir.display()))?);
    }
    let alive = |a: bool| if a { "running" } else { "stopped" };
    let mut text = format!("lab in {}\n", status.dir.display());
    for p in status.etcd.iter().chain(&status.redis) {
        let pid = p.pid.map_or("-".to_string(), |p| p.to_string());
        text.push_str(&format!("  {:<16} pid {pid:<8} {:<8} ports {:?}\n", p.name, alive(p.alive), p.ports));
    }
    for cluster in &status.clusters {
        text.push_str(&format!("  cluster {} (Patroni {})\n", cluster.scope, cluster.flavor));
        for m in &cluster.members {
            let pid = m.process.pid.map_or("-".to_string(), |p| p.to_string());
            text.push_str(&format!(
                "    {:<14} pid {pid:<8} {:<8} {} {}\n",
                m.process.name,
                alive(m.process.alive),
                m.role.as_deref().unwrap_or("-"),
                m.state.as_deref().unwrap_or("-")
            ));
        }
    }
    ui.out(&text)?;
    if status.all_alive() {
        Ok(())
    } else {
        Err(crate::failed_error("some lab processes are not running; run `hactl lab up` to restart them".into()))
    }
}
