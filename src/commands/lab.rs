//! `hactl lab up|down|status`: a real local HA stack to rehearse runbooks on.

use crate::commands::ErrorFormat;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use clap::{Args, Subcommand};
use hactl::lab::{self, ClusterSpec, Flavor, LabEvent, LabSpec, Replication, Security, StandbySource};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Start (or complete) the lab and wait until it is healthy
    #[command(
        after_help = "Examples:\n  hactl lab up\n  hactl lab up --cluster demo --cluster legacy:3 --no-redis\n  hactl lab up --cluster sync --synchronous-mode quorum\n  hactl lab up --standby dr=demo\n  hactl lab up --secured --dir /tmp/hactl-lab-secured --etcd-port 2479 --redis-port 6490"
    )]
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
    /// Where the clusters' PostgreSQL ports start: the first free ones from PORT up are taken (a
    /// lab keeps the ports it was created with)
    #[arg(long, default_value_t = 15432)]
    pub pg_port: u16,
    /// Where the clusters' Patroni REST API ports start, likewise
    #[arg(long, default_value_t = 18008)]
    pub api_port: u16,
    /// Redis master port (its replica uses PORT+1, the Sentinels PORT+20000 to PORT+20002)
    #[arg(long, default_value_t = 6390)]
    pub redis_port: u16,
    /// Seconds to wait for each part to become healthy
    #[arg(long, default_value_t = 180)]
    pub timeout: u64,
    /// TLS and passwords everywhere: etcd with client certificates and users, Patroni's REST API
    /// over HTTPS with client certificates and basic auth, Redis with a password (certificates
    /// and passwords are made in DIR/tls; ctl.yml holds what clients need)
    #[arg(long)]
    pub secured: bool,
    /// Patroni's synchronous_mode for the clusters of --cluster: off, on, strict (on with
    /// synchronous_mode_strict) or quorum
    #[arg(long, value_name = "MODE", default_value = "off", value_parser = ["off", "on", "strict", "quorum"])]
    pub synchronous_mode: String,
    /// A standby cluster SCOPE that replicates from PRIMARY, a cluster already running in this
    /// lab (start it first); repeatable
    #[arg(long = "standby", value_name = "SCOPE=PRIMARY")]
    pub standbys: Vec<String>,
    /// Put the proxy tier in front of each cluster of --cluster: a PgBouncer per member (ports
    /// from 6432) and an HAProxy (write, read and stats ports from 5000) that routes by the
    /// agents' GET /primary and GET /replica; ctl.yml then has their haproxy and pgbouncer
    /// sections (plain lab only, not with --secured)
    #[arg(long)]
    pub proxies: bool,
    /// Put a Pgpool-II in front of each cluster of --cluster (streaming-replication mode, port
    /// from 9999, PCP port after it; no failover commands: Patroni decides); ctl.yml then has its
    /// pgpool section (plain lab only, not with --secured)
    #[arg(long)]
    pub pgpool: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub dir: DirArg,
    /// Output format
    #[arg(short = 'f', long, value_parser = ["pretty", "json"], default_value = "pretty")]
    pub format: String,
}

impl ErrorFormat for LabCommand {
    fn json_errors(&self) -> bool {
        false
    }
}

pub async fn run(ui: &mut Ui, command: &LabCommand) -> CommandResult {
    match command {
        LabCommand::Up(args) => up(ui, args).await,
        LabCommand::Down(args) => {
            let report = lab::down(&args.dir, &mut |event| ui.status(&event.to_string()))?;
            ui.status(&format!("lab stopped: {} processes", report.stopped.len()));
            Ok(())
        }
        LabCommand::Status(args) => status(ui, args).await,
    }
}

async fn up(ui: &mut Ui, args: &UpArgs) -> CommandResult {
    let mut spec = LabSpec::new(&args.dir.dir);
    spec.redis = !args.no_redis;
    spec.etcd_base_port = args.etcd_port;
    spec.redis_base_port = args.redis_port;
    spec.pg_base_port = args.pg_port;
    spec.api_base_port = args.api_port;
    spec.timeout = Duration::from_secs(args.timeout);
    if args.secured {
        spec.security = Security::Tls;
    }
    for entry in &args.clusters {
        let (scope, flavor) = match entry.split_once(':') {
            Some((scope, version)) => (scope, version.parse::<Flavor>()?),
            None => (entry.as_str(), Flavor::V4),
        };
        spec.clusters.push(ClusterSpec {
            flavor,
            members: args.members,
            replication: args.synchronous_mode.parse::<Replication>()?,
            proxies: args.proxies,
            pgpool: args.pgpool,
            ..ClusterSpec::new(scope)
        });
    }
    for entry in &args.standbys {
        let (dir, entry, members) = (args.dir.dir.clone(), entry.clone(), args.members);
        spec.clusters.push(off_runtime(move || standby_spec(&dir, &entry, members)).await??);
    }
    let state = up_interruptible(ui, spec.clone()).await?;
    let ctl_config = lab::write_ctl_config(&state, spec.clusters.first().map(|c| c.scope.as_str()))?;
    let mut summary = format!("lab is up in {}\n  etcd: {}\n", state.dir.display(), state.etcd_endpoints().join(","));
    if let Some(security) = &state.security {
        summary.push_str(&format!(
            "  secured: TLS with client certificates and passwords (CA {}); ctl.yml holds the credentials\n",
            security.ca.display()
        ));
    }
    for cluster in &state.clusters {
        let ports: Vec<String> = cluster.members.iter().map(|m| format!("{}:{}", m.name, m.pg_port)).collect();
        let kind = match (&cluster.standby_of, cluster.replication) {
            (Some(source), _) => format!(", standby cluster of {}:{}", source.host, source.port),
            (None, Replication::Async) => String::new(),
            (None, mode) => format!(", synchronous mode {mode}"),
        };
        summary.push_str(&format!(
            "  cluster {} (Patroni {}{kind}): {}\n",
            cluster.scope,
            cluster.flavor,
            ports.join(" ")
        ));
        if let Some(proxies) = &cluster.proxies {
            let haproxy = &proxies.haproxy;
            let bouncers: Vec<String> = proxies.pgbouncers.iter().map(|p| format!("{}:{}", p.member, p.port)).collect();
            summary.push_str(&format!(
                "    haproxy: write {}, read {}, stats {}; pgbouncer: {}\n",
                haproxy.write_port,
                haproxy.read_port,
                haproxy.stats_url(),
                bouncers.join(" ")
            ));
        }
        if let Some(pool) = &cluster.pgpool {
            summary.push_str(&format!("    pgpool: {} (pcp {})\n", pool.port, pool.pcp_port));
        }
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
    summary.push_str(&format!(
        "     PGUSER=postgres PGPASSFILE={} hactl -c {} status\n",
        state.dir.join("pgpass").display(),
        ctl_config.display()
    ));
    ui.out(&summary)?;
    Ok(())
}

/// `--standby SCOPE=PRIMARY`: a standby cluster streaming from PRIMARY's current leader (which,
/// should it become a replica later, still serves it by cascading).
fn standby_spec(dir: &std::path::Path, entry: &str, members: usize) -> CommandResult<ClusterSpec> {
    let Some((scope, primary)) = entry.split_once('=').filter(|(s, p)| !s.is_empty() && !p.is_empty()) else {
        return Err(CommandError::usage(format!("--standby {entry}: expected SCOPE=PRIMARY, e.g. --standby dr=demo")));
    };
    let state = lab::load(dir).ok();
    // A standby cluster already made keeps the source it was made with, wherever the leader
    // of PRIMARY is now (a former leader serves it by cascading).
    if let Some(made) = state.as_ref().and_then(|s| s.cluster(scope)).filter(|c| c.standby_of.is_some()) {
        return Ok(ClusterSpec { members, standby_of: made.standby_of.clone(), ..ClusterSpec::new(scope) });
    }
    let running = state.as_ref().and_then(|state| state.cluster(primary).cloned());
    let Some(leader) = running.as_ref().and_then(|cluster| cluster.primary()) else {
        return Err(CommandError::usage(format!(
            "--standby {entry}: cluster {primary} does not run with a leader in the lab at {}: start it first (hactl lab up --cluster {primary})",
            dir.display()
        )));
    };
    Ok(ClusterSpec {
        members,
        standby_of: Some(StandbySource { host: "127.0.0.1".into(), port: leader.pg_port, restore_command: None }),
        ..ClusterSpec::new(scope)
    })
}

/// Where `lab::up`, running on a thread of its own, stands, for Ctrl-C. Between two of its
/// progress events it may be starting processes and recording them in the state files; at an
/// event, and while it waits for readiness (from a `Waiting` to the last `Ready`), it only reads.
#[derive(Default)]
struct Gate {
    /// Waits begun minus waits ended: above 0, `lab::up` is polling for readiness.
    waiting: usize,
    /// Ctrl-C: `lab::up` stops at its next progress event, for good.
    stop: bool,
    /// `lab::up` stopped at a progress event.
    parked: bool,
    /// `lab::up` returned.
    finished: bool,
}

enum UpMessage {
    Event(LabEvent),
    Done(Box<Result<lab::LabState, lab::LabError>>),
}

/// How long a Ctrl-C waits for `lab::up` to finish the step it is in.
const STEP_GRACE: Duration = Duration::from_secs(15);

/// `lab::up`, with its progress on stderr and Ctrl-C answered: the wait stops, and the error
/// (exit 130) names what runs already and how to complete or stop it. Ctrl-C never lands
/// between starting a process and recording it: `lab::up` is then let run to its next progress
/// event, where it is stopped.
async fn up_interruptible(ui: &mut Ui, spec: LabSpec) -> CommandResult<lab::LabState> {
    use std::sync::{Arc, Condvar, Mutex, PoisonError};
    hactl::interrupt::listen();
    let gate = Arc::new((Mutex::new(Gate::default()), Condvar::new()));
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let dir = spec.dir.clone();
    let worker_gate = Arc::clone(&gate);
    std::thread::spawn(move || {
        // Marks the gate finished however `lab::up` ends, a panic included, so that a Ctrl-C
        // never waits for a thread that is gone.
        struct Finished<'a>(&'a (Mutex<Gate>, Condvar));
        impl Drop for Finished<'_> {
            fn drop(&mut self) {
                let (lock, changed) = self.0;
                lock.lock().unwrap_or_else(PoisonError::into_inner).finished = true;
                changed.notify_all();
            }
        }
        let (lock, changed) = &*worker_gate;
        let finished = Finished(&worker_gate);
        let events = sender.clone();
        let result = lab::up(&spec, &mut |event: LabEvent| {
            let mut gate = lock.lock().unwrap_or_else(PoisonError::into_inner);
            match event {
                LabEvent::Waiting { .. } => gate.waiting += 1,
                LabEvent::Ready { .. } => gate.waiting = gate.waiting.saturating_sub(1),
                _ => {}
            }
            if gate.stop {
                gate.parked = true;
                changed.notify_all();
                // Until the process exits.
                loop {
                    gate = changed.wait(gate).unwrap_or_else(PoisonError::into_inner);
                }
            }
            let _ = events.send(UpMessage::Event(event));
        });
        drop(finished);
        let _ = sender.send(UpMessage::Done(Box::new(result)));
    });
    let mut awaited: Vec<String> = Vec::new();
    loop {
        tokio::select! {
            message = receiver.recv() => match message {
                Some(UpMessage::Event(event)) => {
                    match &event {
                        LabEvent::Waiting { what } => awaited.push(what.clone()),
                        LabEvent::Ready { what, .. } => awaited.retain(|w| w != what),
                        _ => {}
                    }
                    ui.status(&event.to_string());
                }
                Some(UpMessage::Done(result)) => return Ok((*result)?),
                None => return Err(CommandError::failed("the thread starting the lab ended without a result")),
            },
            () = hactl::interrupt::requested() => break,
        }
    }
    // Stop `lab::up` where nothing is half done: at once while it waits (it only reads), else at
    // its next progress event.
    let timed_out = {
        let (lock, changed) = &*gate;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        state.stop = true;
        // A step between two events takes milliseconds (spawn, record) or, for one that hangs on
        // the network, its own timeout: past STEP_GRACE, stop anyway and say so.
        let (_state, waited) = changed
            .wait_timeout_while(state, STEP_GRACE, |s| s.waiting == 0 && !s.parked && !s.finished)
            .unwrap_or_else(PoisonError::into_inner);
        waited.timed_out()
    };
    // From here on `lab::up` stops at its next progress event, whatever it was doing.
    let status = off_runtime({
        let dir = dir.clone();
        move || lab::status(&dir)
    })
    .await?;
    let mut message = interrupted(&dir, status, &awaited);
    if timed_out {
        message.push_str(&format!(
            " (lab up was still in a step after {}s; `hactl lab status --dir {}` shows what runs)",
            STEP_GRACE.as_secs(),
            dir.display()
        ));
    }
    Err(CommandError::new(hactl::error::ErrorKind::Interrupted, message))
}

/// The error message of an interrupted `lab up`: what was awaited, what runs, and what to do next.
fn interrupted(dir: &std::path::Path, status: Result<lab::LabStatus, lab::LabError>, awaited: &[String]) -> String {
    let running: Vec<String> = match status {
        Ok(status) => status.running(),
        Err(e) => vec![format!("(cannot read the lab's state: {e})")],
    };
    let during = match awaited {
        [] => String::new(),
        awaited => format!(" while waiting for {}", awaited.join(", ")),
    };
    let started = match running.as_slice() {
        [] => "nothing runs yet".to_string(),
        running => format!("already started, and still running: {}", running.join(", ")),
    };
    let dir = dir.display();
    format!(
        "interrupted{during}; {started}. `hactl lab up --dir {dir}` completes the lab, `hactl lab down --dir {dir}` stops it"
    )
}

async fn status(ui: &mut Ui, args: &StatusArgs) -> CommandResult {
    let dir = args.dir.dir.clone();
    let status = off_runtime(move || lab::status(&dir)).await??;
    if args.format == "json" {
        return Ok(ui.print_json(&status)?);
    }
    if status.is_empty() {
        return Ok(ui.out(&format!("no lab in {}\n", status.dir.display()))?);
    }
    let alive = |a: bool| if a { "running" } else { "stopped" };
    let secured = if status.security == Security::Tls { " (secured: TLS and passwords)" } else { "" };
    let mut text = format!("lab in {}{secured}\n", status.dir.display());
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
        for p in &cluster.proxies {
            let pid = p.pid.map_or("-".to_string(), |p| p.to_string());
            text.push_str(&format!("    {:<14} pid {pid:<8} {:<8} ports {:?}\n", p.name, alive(p.alive), p.ports));
        }
    }
    ui.out(&text)?;
    if status.all_alive() {
        Ok(())
    } else {
        Err(CommandError::failed("some lab processes are not running; run `hactl lab up` to restart them"))
    }
}

/// Runs a lab call that talks to etcd or Patroni on the blocking pool: the lab blocks on a
/// runtime of its own, which tokio refuses on the thread that drives the command's runtime.
async fn off_runtime<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> CommandResult<T> {
    tokio::task::spawn_blocking(call).await.map_err(|e| CommandError::failed(format!("lab: {e}")))
}
