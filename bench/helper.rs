//! The benchmark's helper program, run by `bench/run` (`cargo build --release --example bench-helper`).
//!
//! - `fleet`: copies the keys of one real Patroni cluster into N synthetic clusters under another
//!   namespace, renaming the scope and the members, in batched etcd transactions.
//! - `measure`: runs commands alternately (A B, then B A, ...) and records the wall time, the CPU
//!   time (user + sys) and the peak RSS of every run, from `wait4`'s rusage.
//! - `switchover`: switches a lab cluster over with hactl's engine while an independent etcd
//!   watcher, on a thread and a connection of its own, timestamps the leader key's change; reports
//!   how long after that change the engine reported `LeaderChanged`.

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use etcd_client::{Client, DeleteOptions, EventType, GetOptions, Txn, TxnOp, WatchOptions};
use hactl::agent::Agents;
use hactl::clusters;
use hactl::engine::{self, Action, Execution, Phase, Preflight, Request};
use hactl::settings::{Settings, SettingsInputs};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "hactl's benchmark helper (see bench/run)")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Copy one cluster's config, initialize, leader, members and status into COUNT synthetic
    /// clusters c0001, c0002, ... under NAMESPACE
    Fleet {
        /// etcd endpoints, comma-separated
        #[arg(long)]
        endpoints: String,
        /// The real cluster's prefix, e.g. /service/bench/
        #[arg(long)]
        source: String,
        /// Where the fleet goes, e.g. /fleet1000/ (deleted first)
        #[arg(long)]
        namespace: String,
        #[arg(long)]
        count: usize,
        /// Write the cluster names here, one a line
        #[arg(long)]
        names: Option<PathBuf>,
        /// Write what was written (clusters, keys, bytes) here, as JSON
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run commands alternately and record wall time, CPU and peak RSS of every run
    Measure {
        /// Measured runs of each command
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Unmeasured runs of each command first
        #[arg(long, default_value_t = 3)]
        warmup: usize,
        /// The JSON file to write
        #[arg(long)]
        out: PathBuf,
        /// Seconds one run may take before it is killed (with whatever it started) and the measure fails
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// LABEL PROGRAM ARGS... [::: LABEL PROGRAM ARGS...]...
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        spec: Vec<String>,
    },
    /// Switch a lab cluster over ROUNDS times; time the engine's LeaderChanged against an independent watch
    Switchover {
        /// A patronictl/hactl configuration file for the lab
        #[arg(long)]
        config: PathBuf,
        #[arg(long)]
        cluster: String,
        #[arg(long, default_value_t = 4)]
        rounds: usize,
        /// The JSON file to write
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Cmd::Measure { runs, warmup, out, timeout, spec } => {
            measure(runs, warmup, &out, Duration::from_secs(timeout), &spec)
        }
        command => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                match command {
                    Cmd::Fleet { endpoints, source, namespace, count, names, out } => {
                        fleet(&endpoints, &source, &namespace, count, names.as_deref(), out.as_deref()).await
                    }
                    Cmd::Switchover { config, cluster, rounds, out } => {
                        switchovers(&config, &cluster, rounds, &out).await
                    }
                    Cmd::Measure { .. } => unreachable!(),
                }
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// fleet

/// etcd's default `--max-txn-ops`.
const TXN_OPS: usize = 128;

async fn fleet(
    endpoints: &str,
    source: &str,
    namespace: &str,
    count: usize,
    names: Option<&Path>,
    out: Option<&Path>,
) -> Result<()> {
    let endpoints: Vec<&str> = endpoints.split(',').collect();
    let mut client = Client::connect(&endpoints, None).await.context("connecting to etcd")?;
    let response = client.get(source, Some(GetOptions::new().with_prefix())).await?;
    let mut template: Vec<(String, String)> = Vec::new();
    for kv in response.kvs() {
        let key = kv.key_str()?.strip_prefix(source).context("key outside the prefix")?.to_string();
        // The same 7 keys a running 3-member cluster always has, whatever the lab went through
        // before (a switchover adds `history`), so that every run lists the same fleet.
        if matches!(key.as_str(), "config" | "initialize" | "leader" | "status") || key.starts_with("members/") {
            template.push((key, kv.value_str()?.to_string()));
        }
    }
    let members: Vec<String> =
        template.iter().filter_map(|(k, _)| k.strip_prefix("members/")).map(str::to_string).collect();
    if members.is_empty() || !template.iter().any(|(k, _)| k == "leader") {
        bail!("{source} holds no running cluster (members and a leader key)");
    }
    client.delete(namespace, Some(DeleteOptions::new().with_prefix())).await?;

    let started = Instant::now();
    let scopes: Vec<String> = (1..=count).map(|i| format!("c{i:04}")).collect();
    let mut ops = Vec::with_capacity(count * template.len());
    let mut bytes = 0;
    for scope in &scopes {
        let rename = |member: &str| format!("{scope}-{member}");
        for (key, value) in &template {
            let (key, value) = synthetic(key, value, &members, &rename)?;
            let key = format!("{namespace}{scope}/{key}");
            bytes += key.len() + value.len();
            ops.push(TxnOp::put(key, value, None));
        }
    }
    let keys = ops.len();
    // A few transactions in flight at once: each waits for a raft commit (an fsync).
    let mut batches = ops.chunks(TXN_OPS).map(|c| c.to_vec()).collect::<Vec<_>>().into_iter();
    let mut in_flight = tokio::task::JoinSet::new();
    loop {
        while in_flight.len() < 8 {
            let Some(batch) = batches.next() else { break };
            let mut client = client.clone();
            in_flight.spawn(async move { client.txn(Txn::new().and_then(batch)).await });
        }
        match in_flight.join_next().await {
            Some(done) => {
                done??;
            }
            None => break,
        }
    }
    if let Some(path) = names {
        std::fs::write(path, scopes.join("\n") + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "fleet: {count} clusters, {keys} keys, {:.1} MiB under {namespace} in {seconds:.1}s",
        bytes as f64 / 1048576.0
    );
    if let Some(path) = out {
        let summary =
            json!({ "clusters": count, "keys": keys, "bytes": bytes, "namespace": namespace, "seconds": seconds });
        std::fs::write(path, summary.to_string() + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// One key of the template cluster, renamed for a synthetic cluster: member keys, the leader's
/// value, and the member names in `status` (replication slots).
fn synthetic(key: &str, value: &str, members: &[String], rename: &dyn Fn(&str) -> String) -> Result<(String, String)> {
    let renamed_member = |name: &str| if members.iter().any(|m| m == name) { rename(name) } else { name.to_string() };
    Ok(match key {
        "leader" => (key.to_string(), renamed_member(value)),
        "status" => {
            let mut status: Value = serde_json::from_str(value).context("status is not JSON")?;
            // Slot names are Patroni's slot_name_from_member_name of the member names.
            let slot = |name: &str| {
                let name = name.to_lowercase();
                match members.iter().find(|m| slot_name(m) == name) {
                    Some(m) => slot_name(&rename(m)),
                    None => name,
                }
            };
            if let Some(Value::Object(slots)) = status.get_mut("slots") {
                *slots = std::mem::take(slots).into_iter().map(|(k, v)| (slot(&k), v)).collect();
            }
            if let Some(Value::Array(retain)) = status.get_mut("retain_slots") {
                for name in retain.iter_mut() {
                    if let Some(s) = name.as_str() {
                        *name = Value::String(slot(s));
                    }
                }
            }
            (key.to_string(), serde_json::to_string(&status)?)
        }
        _ => match key.strip_prefix("members/") {
            Some(member) => (format!("members/{}", rename(member)), value.to_string()),
            None => (key.to_string(), value.to_string()),
        },
    })
}

/// Patroni's `slot_name_from_member_name`.
fn slot_name(member: &str) -> String {
    let mut slot = String::new();
    for c in member.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' | '_' => slot.push(c),
            '-' | '.' => slot.push('_'),
            other => slot.push_str(&format!("u{:04}", other as u32)),
        }
    }
    slot.chars().take(63).collect()
}

// ---------------------------------------------------------------------------------------------
// measure

struct Target {
    label: String,
    argv: Vec<String>,
    runs: Vec<Run>,
}

#[derive(Clone, Copy)]
struct Run {
    wall_ms: f64,
    user_ms: f64,
    sys_ms: f64,
    maxrss_kib: i64,
}

fn measure(runs: usize, warmup: usize, out: &Path, timeout: Duration, spec: &[String]) -> Result<()> {
    let mut targets: Vec<Target> = spec
        .split(|a| a == ":::")
        .map(|group| match group {
            [label, program, args @ ..] => Ok(Target {
                label: label.clone(),
                argv: std::iter::once(program.clone()).chain(args.iter().cloned()).collect(),
                runs: Vec::new(),
            }),
            _ => Err(anyhow!("each command is LABEL PROGRAM [ARGS...], separated by :::")),
        })
        .collect::<Result<_>>()?;
    for round in 0..warmup + runs {
        // A B, then B A: neither command always runs right after the other.
        let order: Vec<usize> = match round % 2 {
            0 => (0..targets.len()).collect(),
            _ => (0..targets.len()).rev().collect(),
        };
        for i in order {
            let run = run_once(&targets[i].argv, timeout)?;
            if round >= warmup {
                targets[i].runs.push(run);
            }
        }
    }
    let mut results = Vec::new();
    for t in &targets {
        let pick = |f: fn(&Run) -> f64| t.runs.iter().map(f).collect::<Vec<f64>>();
        let wall = stats(pick(|r| r.wall_ms));
        let cpu = stats(pick(|r| r.user_ms + r.sys_ms));
        let rss = stats(pick(|r| r.maxrss_kib as f64 / 1024.0));
        let f = |stat: &Value, key: &str| stat[key].as_f64().unwrap_or(f64::NAN);
        eprintln!(
            "  {:<12} wall {:>8.2} ms (min {:.2}, max {:.2})  cpu {:>8.2} ms  peak rss {:>5.1} MiB",
            t.label,
            f(&wall, "median"),
            f(&wall, "min"),
            f(&wall, "max"),
            f(&cpu, "median"),
            f(&rss, "median")
        );
        results.push(json!({
            "label": t.label,
            "argv": t.argv,
            "runs": t.runs.len(),
            "wall_ms": wall,
            "cpu_ms": cpu,
            "maxrss_mib": rss,
            "samples": t.runs.iter().map(|r| json!({
                "wall_ms": r.wall_ms, "user_ms": r.user_ms, "sys_ms": r.sys_ms, "maxrss_kib": r.maxrss_kib
            })).collect::<Vec<_>>(),
        }));
    }
    std::fs::write(out, serde_json::to_string_pretty(&json!({ "warmup": warmup, "commands": results }))? + "\n")
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

/// Runs one command with its output discarded; fails on a non-zero exit, with its stderr, and
/// when it takes longer than `timeout` (a lab whose etcd died makes patronictl retry forever):
/// then the command and everything it started, its own process group, are killed.
fn run_once(argv: &[String], timeout: Duration) -> Result<Run> {
    let stderr = tempfile::tempfile()?;
    // The watchdog thread is started before the clock, and gets the process group once it exists.
    let (group_tx, group_rx) = mpsc::channel::<libc::pid_t>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let Ok(group) = group_rx.recv() else { return false };
        match done_rx.recv_timeout(timeout) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // SAFETY: signals the process group of the child we started (its pid), nothing else.
                unsafe { libc::killpg(group, libc::SIGKILL) };
                true
            }
            _ => false,
        }
    });
    let started = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr.try_clone()?)
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {}", argv[0]))?;
    let _ = group_tx.send(child.id() as libc::pid_t);
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid we hold; status and usage are valid pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    let _ = done_tx.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    if pid < 0 {
        bail!("wait4: {}", std::io::Error::last_os_error());
    }
    if timed_out {
        bail!("`{}` did not finish within {}s and was killed", argv.join(" "), timeout.as_secs());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let mut text = String::new();
        let mut file = stderr;
        file.seek(SeekFrom::Start(0))?;
        file.read_to_string(&mut text)?;
        let how = match libc::WIFEXITED(status) {
            true => format!("exit {}", libc::WEXITSTATUS(status)),
            false => format!("signal {}", libc::WTERMSIG(status)),
        };
        bail!("`{}` failed ({how}): {}", argv.join(" "), text.trim());
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    Ok(Run {
        wall_ms: wall.as_secs_f64() * 1e3,
        user_ms: ms(usage.ru_utime),
        sys_ms: ms(usage.ru_stime),
        maxrss_kib: usage.ru_maxrss,
    })
}

fn stats(mut values: Vec<f64>) -> Value {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return json!({ "median": null, "min": null, "max": null });
    }
    let median = if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 };
    json!({ "median": median, "min": values[0], "max": values[n - 1] })
}

// ---------------------------------------------------------------------------------------------
// switchover

/// What the independent watcher saw: when the leader key changed, at which revision, to whom.
struct LeaderEvent {
    at: Instant,
    revision: i64,
    leader: String,
}

async fn switchovers(config: &Path, cluster: &str, rounds: usize, out: &Path) -> Result<()> {
    let env = BTreeMap::new();
    let inputs = SettingsInputs {
        config_file: Some(config.to_path_buf()),
        dcs_url: None,
        insecure: false,
        env: &env,
        context: None,
    };
    let settings = hactl::settings::load(&inputs)?;
    let mut results = Vec::new();
    for round in 1..=rounds {
        let result = switchover_once(&settings, cluster).await.with_context(|| format!("switchover {round}"))?;
        eprintln!(
            "  switchover {round}: {} -> {} at revision {}; LeaderChanged {:.1} ms after the key's change \
             (leader key after {:.2}s, converged after {:.2}s)",
            result["old_leader"].as_str().unwrap_or("?"),
            result["new_leader"].as_str().unwrap_or("?"),
            result["revision"],
            result["detect_ms"].as_f64().unwrap_or(f64::NAN),
            result["leader_after_s"].as_f64().unwrap_or(f64::NAN),
            result["converged_after_s"].as_f64().unwrap_or(f64::NAN),
        );
        results.push(result);
    }
    let detect = stats(results.iter().filter_map(|r| r["detect_ms"].as_f64()).collect());
    std::fs::write(out, serde_json::to_string_pretty(&json!({ "detect_ms": detect, "rounds": results }))? + "\n")
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

async fn switchover_once(settings: &Settings, cluster: &str) -> Result<Value> {
    let timeout = Duration::from_secs(5);
    let mut dcs = clusters::connect(settings, timeout).await?;
    let read = clusters::read_cluster(&mut dcs, settings, cluster).await?;
    let request =
        Request { action: Action::Switchover, leader: None, candidate: None, scheduled_at: None, confirmed: true };
    let agents = Agents::new(&settings.rest, Duration::from_secs(2))?;
    let probes = engine::probe_agents(&agents, engine::members_to_probe(&read.cluster), Duration::from_secs(3)).await;
    let facts = Preflight {
        revision: read.snapshot.revision,
        alarms: dcs.alarms().await?,
        probes,
        now: Some(chrono::Local::now().fixed_offset()),
    };
    let plan = engine::plan(&read.cluster, &request, &facts);
    if let Some(reason) = plan.refusal() {
        bail!("refused: {reason}");
    }
    let old_leader = read.cluster.leader_name().unwrap_or_default().to_string();

    // The independent watcher: its own thread, runtime and connection, watching the leader key
    // from just after the revision the plan was made at. It says when it is in place.
    let endpoints = settings.etcd3.as_ref().context("no etcd3 in the configuration")?.urls();
    let leader_key = format!("{}leader", read.prefix);
    let (ready_tx, ready_rx) = mpsc::channel::<Result<()>>();
    let (event_tx, event_rx) = mpsc::channel::<LeaderEvent>();
    let from_revision = read.snapshot.revision + 1;
    let old = old_leader.clone();
    let watcher = std::thread::spawn(move || -> Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(async move {
            let setup = async {
                let mut client = Client::connect(&endpoints, None).await?;
                let options = WatchOptions::new().with_start_revision(from_revision);
                let mut stream = client.watch(leader_key.as_str(), Some(options)).await?;
                // The first message confirms the watch.
                stream.message().await?;
                anyhow::Ok(stream)
            };
            let mut stream = match setup.await {
                Ok(stream) => {
                    let _ = ready_tx.send(Ok(()));
                    stream
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return Ok(());
                }
            };
            while let Some(response) = stream.message().await? {
                let at = Instant::now();
                for event in response.events() {
                    if event.event_type() != EventType::Put {
                        continue;
                    }
                    let Some(kv) = event.kv() else { continue };
                    let leader = kv.value_str()?.to_string();
                    let done = leader != old;
                    let _ = event_tx.send(LeaderEvent { at, revision: kv.mod_revision(), leader });
                    if done {
                        return Ok(());
                    }
                }
            }
            Ok(())
        })
    });
    ready_rx.recv().context("the watcher thread ended")??;

    let loop_wait =
        read.cluster.config.as_ref().and_then(|c| c.data.get("loop_wait")).and_then(|v| v.as_u64()).unwrap_or(10);
    let mut reported: Option<(Instant, String)> = None;
    let mut progress = |phase: Phase| {
        if let Phase::LeaderChanged { leader, .. } = phase {
            reported = Some((Instant::now(), leader));
        }
    };
    let exec = Execution {
        dcs: &mut dcs,
        agents: &agents,
        prefix: read.prefix.clone(),
        nodes: read.snapshot.nodes.clone(),
        timeout: engine::default_timeout(&read.cluster),
        no_wait: false,
        request_timeout: Duration::from_secs(2 * loop_wait.max(10) + 10),
    };
    let outcome = engine::execute(&plan, exec, &mut progress).await?;
    watcher.join().map_err(|_| anyhow!("the watcher thread panicked"))??;
    let events: Vec<LeaderEvent> = event_rx.try_iter().collect();
    let new_leader = outcome.new_leader.clone().unwrap_or_default();
    let change = events.iter().find(|e| e.leader == new_leader).context("the watcher saw no change of leader")?;
    let (reported_at, reported_leader) = reported.context("the engine reported no LeaderChanged")?;
    if reported_leader != new_leader {
        bail!("the engine reported {reported_leader}, the watcher {new_leader}");
    }
    // Negative would mean the engine reported before an independent watcher saw the change.
    let detect_ms = match reported_at.checked_duration_since(change.at) {
        Some(d) => d.as_secs_f64() * 1e3,
        None => -(change.at.duration_since(reported_at).as_secs_f64() * 1e3),
    };
    Ok(json!({
        "old_leader": old_leader,
        "new_leader": new_leader,
        "revision": change.revision,
        "detect_ms": detect_ms,
        "leader_after_s": outcome.leader_after_s,
        "converged_after_s": outcome.converged_after_s,
    }))
}
