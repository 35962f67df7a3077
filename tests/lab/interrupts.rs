//! Ctrl-C (SIGINT) during every wait: exit 130, and the message says what was already sent.
//!
//! Each wait is made long on purpose (a member's Patroni or a Redis replica stopped with
//! SIGSTOP, or a cluster in maintenance mode, where Patroni does not change roles), hactl is
//! interrupted once its output shows that the action was sent, and the stopped process is
//! continued before anything else.

use crate::common::*;
use hactl::lab::ProcessRef;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

/// hactl running as a child, its output read line by line as it comes.
struct Running {
    what: String,
    child: Child,
    lines: mpsc::Receiver<(Stream, String)>,
    stdout: String,
    stderr: String,
    readers: Vec<JoinHandle<()>>,
}

/// How an interrupted hactl ended.
struct Ended {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Running {
    /// hactl with a cleared environment (as `common::hactl`), or with the test's own (`lab up`
    /// needs PATH to find etcd).
    fn start(args: &[&str], clear_env: bool) -> Running {
        Running::start_with(args, clear_env, &[])
    }

    /// As `start`, with `env` added.
    fn start_with(args: &[&str], clear_env: bool, env: &[(&str, &str)]) -> Running {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hactl"));
        if clear_env {
            let home = std::env::temp_dir().join("hactl-test-home");
            std::fs::create_dir_all(&home).unwrap();
            command.env_clear().env("HOME", &home).env("PATH", "/usr/bin:/bin").env("LANG", "C.UTF-8");
        } else {
            command.env_remove("HACTL_LAB_DIR");
        }
        command.envs(env.iter().copied());
        let mut child = command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hactl starts");
        let (sender, lines) = mpsc::channel();
        let mut readers = Vec::new();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for (stream, pipe) in
            [(Stream::Stdout, Box::new(out) as Box<dyn std::io::Read + Send>), (Stream::Stderr, Box::new(err))]
        {
            let sender = sender.clone();
            readers.push(std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if sender.send((stream, line)).is_err() {
                        break;
                    }
                }
            }));
        }
        Running {
            what: format!("hactl {}", args.join(" ")),
            child,
            lines,
            stdout: String::new(),
            stderr: String::new(),
            readers,
        }
    }

    fn keep(&mut self, stream: Stream, line: &str) {
        let text = if stream == Stream::Stdout { &mut self.stdout } else { &mut self.stderr };
        text.push_str(line);
        text.push('\n');
    }

    /// Waits until a line of `stream` contains `needle`; returns that line.
    fn wait_for(&mut self, stream: Stream, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok((from, line)) => {
                    self.keep(from, &line);
                    if from == stream && line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("{}: no line with {needle:?} within {timeout:?}\n{}{}", self.what, self.stdout, self.stderr)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().unwrap();
                    panic!("{}: ended ({status}) before printing {needle:?}\n{}{}", self.what, self.stdout, self.stderr)
                }
            }
        }
    }

    /// SIGINT, then waits (at most 30 s: a hang fails the test) until hactl has exited.
    fn interrupt(mut self) -> Ended {
        hactl::lab::signal_pid(self.child.id() as i32, libc::SIGINT).unwrap();
        let sent = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if sent.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                panic!("{}: still running 30 s after SIGINT\n{}{}", self.what, self.stdout, self.stderr);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        for reader in std::mem::take(&mut self.readers) {
            reader.join().unwrap();
        }
        while let Ok((from, line)) = self.lines.try_recv() {
            self.keep(from, &line);
        }
        eprintln!(
            "{}: exited {:?} {:?} after SIGINT\n{}",
            self.what,
            status.code(),
            sent.elapsed(),
            self.stderr.trim_end()
        );
        Ended {
            code: status.code(),
            stdout: std::mem::take(&mut self.stdout),
            stderr: std::mem::take(&mut self.stderr),
        }
    }
}

impl Drop for Running {
    /// A test that failed half-way leaves no hactl behind (it would hold the lab's lock).
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Ended {
    /// Exit 130, and stderr holds each of `words`.
    fn assert_interrupted(&self, words: &[&str]) {
        assert_eq!(self.code, Some(130), "stdout:\n{}stderr:\n{}", self.stdout, self.stderr);
        for word in words {
            assert!(self.stderr.contains(word), "stderr lacks {word:?}:\n{}", self.stderr);
        }
    }
}

/// The leader key and the member keys of `scope`, as Patroni wrote them.
fn keys_of(scope: &str) -> (Option<String>, Vec<(String, serde_json::Value)>) {
    lab_etcd(async |client| {
        let prefix = format!("/service/{scope}/");
        let options = etcd_client::GetOptions::new().with_prefix();
        let response = client.get(prefix.as_str(), Some(options)).await.expect("etcd answers");
        let mut leader = None;
        let mut members = Vec::new();
        for kv in response.kvs() {
            let key = kv.key_str().unwrap().trim_start_matches(&prefix);
            if key == "leader" {
                leader = Some(kv.value_str().unwrap().to_string());
            } else if let Some(name) = key.strip_prefix("members/") {
                members.push((name.to_string(), serde_json::from_slice(kv.value()).unwrap_or_default()));
            }
        }
        (leader, members)
    })
}

/// Three members: the leader key's holder reports `role` (`primary`, `standby_leader`) and
/// runs, the other two stream. Returns the leader.
fn wait_settled(scope: &str, role: &str, timeout: Duration) -> String {
    let mut leader = String::new();
    wait_until(&format!("a running {role} and two streaming replicas"), timeout, || {
        let (holder, members) = keys_of(scope);
        let Some(holder) = holder else { return false };
        let settled = members.len() == 3
            && members.iter().all(|(name, m)| match *name == holder {
                true => m["role"] == role && m["state"] == "running",
                false => m["state"] == "running" && m["replication_state"] == "streaming",
            });
        leader = holder;
        settled
    });
    leader
}

fn ok(args: &[&str]) {
    let out = hactl(args, &[]);
    assert!(out.status.success(), "hactl {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
}

const SCOPE: &str = "int-waits";

/// The waits of `pause --wait`, `resume --wait`, `restart` (of the leader), `demote-cluster`
/// and `promote-cluster`, one after the other on one fast cluster.
#[test]
fn ctrl_c_in_the_waits_of_pause_resume_restart_and_cluster_role() {
    let own = OwnCluster::start_fast(SCOPE);
    let c = &own.state;
    let config = config_of(c).to_str().unwrap().to_string();
    let settle = Duration::from_secs(90);
    let leader = wait_settled(SCOPE, "primary", settle);
    let replica = c.members.iter().find(|m| m.name != leader).unwrap();
    let patroni = replica.patroni.expect("the replica's Patroni runs").pid;
    let lines = Duration::from_secs(60);

    // pause --wait, while one replica's Patroni is stopped and cannot report the pause.
    {
        let _frozen = Frozen::new(patroni);
        let mut run = Running::start(&["-c", &config, "pause", "--wait"], true);
        run.wait_for(Stream::Stdout, "'pause' request sent, waiting until it is recognized by all nodes", lines);
        let ended = run.interrupt();
        ended.assert_interrupted(&[&format!(
            "Error: interrupted while waiting; already done: the pause request was accepted by the agent of {leader}; the pause was not yet reported by "
        )]);
        let unreported = ended.stderr.rsplit("not yet reported by ").next().unwrap();
        assert!(unreported.contains(&replica.name), "{}", ended.stderr);
    }
    wait_settled(SCOPE, "primary", settle);

    // resume --wait, likewise.
    {
        let _frozen = Frozen::new(patroni);
        let mut run = Running::start(&["-c", &config, "resume", "--wait"], true);
        run.wait_for(Stream::Stdout, "'resume' request sent, waiting until it is recognized by all nodes", lines);
        let ended = run.interrupt();
        ended.assert_interrupted(&[&format!(
            "Error: interrupted while waiting; already done: the resume request was accepted by the agent of {leader}; the resume was not yet reported by "
        )]);
        let unreported = ended.stderr.rsplit("not yet reported by ").next().unwrap();
        assert!(unreported.contains(&replica.name), "{}", ended.stderr);
    }
    wait_settled(SCOPE, "primary", settle);

    // restart of the leader: its replicas must stream again, and the stopped one cannot report it.
    {
        let _frozen = Frozen::new(patroni);
        let mut run = Running::start(&["-c", &config, "restart", SCOPE, &leader, "--force"], true);
        run.wait_for(Stream::Stdout, &format!("Success: restart on member {leader}"), lines);
        let ended = run.interrupt();
        ended.assert_interrupted(&[&format!(
            "Error: interrupted while waiting; already done: the agent of {leader} restarted PostgreSQL"
        )]);
    }
    let leader = wait_settled(SCOPE, "primary", settle);

    // demote-cluster in maintenance mode: the request is taken, and Patroni keeps the primary
    // until the cluster is resumed.
    ok(&["-c", &config, "pause", "--wait"]);
    let mut run = Running::start(&["-c", &config, "demote-cluster", "--restore-command", "false", "--force"], true);
    run.wait_for(Stream::Stdout, "cluster is unlocked: False, leader role: primary", lines);
    let ended = run.interrupt();
    ended.assert_interrupted(&[&format!(
        "Error: interrupted while waiting; already done: the demotion of {SCOPE} was accepted by the agent of {leader}; it may still complete"
    )]);
    ok(&["-c", &config, "resume", "--wait"]);
    let standby_leader = wait_settled(SCOPE, "standby_leader", settle);

    // promote-cluster in maintenance mode: the standby leader does not promote (it gives the
    // leader key up) until the cluster is resumed.
    ok(&["-c", &config, "pause", "--wait"]);
    let mut run = Running::start(&["-c", &config, "promote-cluster", "--force"], true);
    run.wait_for(Stream::Stdout, "cluster is unlocked: ", lines);
    let ended = run.interrupt();
    ended.assert_interrupted(&[&format!(
        "Error: interrupted while waiting; already done: the promotion of {SCOPE} was accepted by the agent of {standby_leader}; it may still complete"
    )]);
    ok(&["-c", &config, "resume", "--wait"]);
    let leader = wait_settled(SCOPE, "primary", Duration::from_secs(120));

    // failover to a named replica while the other replica's Patroni is stopped: the candidate
    // takes the leader key, but the stopped replica cannot report streaming from it, so the
    // wait goes on until Ctrl-C.
    let mut replicas = c.members.iter().filter(|m| m.name != leader);
    let (candidate, other) = (replicas.next().unwrap(), replicas.next().unwrap());
    {
        let _frozen = Frozen::new(other.patroni.expect("the other replica's Patroni runs").pid);
        let run = Running::start(&["-c", &config, "failover", SCOPE, "--candidate", &candidate.name, "--force"], true);
        wait_until("the candidate to take the leader key", lines, || {
            keys_of(SCOPE).0.as_deref() == Some(candidate.name.as_str())
        });
        let ended = run.interrupt();
        ended.assert_interrupted(&[
            "Error: interrupted while waiting; already done: the failover request was ",
            &format!("the agent of {leader}"),
        ]);
    }
    wait_settled(SCOPE, "primary", Duration::from_secs(120));
}

/// What Sentinel reports as the flags of `mymaster`.
fn master_flags(sentinel_port: u16) -> String {
    let client = redis::Client::open(redis::ConnectionAddr::Tcp("127.0.0.1".into(), sentinel_port)).unwrap();
    let Ok(mut connection) = client.get_connection_with_timeout(Duration::from_secs(2)) else {
        return String::new();
    };
    let fields: Vec<String> =
        redis::cmd("SENTINEL").arg("MASTER").arg("mymaster").query(&mut connection).unwrap_or_default();
    fields.chunks(2).find(|kv| kv[0] == "flags").map(|kv| kv[1].clone()).unwrap_or_default()
}

/// `sentinel failover` waits for the new master; with the replica stopped it cannot come.
#[test]
fn ctrl_c_in_the_wait_of_sentinel_failover() {
    let own = OwnLab::start("hactl-test-lab-interrupts-sentinel", 22879, Some(7790));
    let redis = own.state.redis.as_ref().expect("the lab runs Redis");
    let ports: Vec<u16> = redis.sentinels.iter().map(|s| s.port).collect();
    let mut args = vec!["sentinel".to_string(), "failover".into(), "mymaster".into(), "--force".into()];
    for port in &ports {
        args.extend(["--sentinel".to_string(), format!("127.0.0.1:{port}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let frozen = Frozen::new(redis.replica.process.expect("the replica runs").pid);
    let mut run = Running::start(&args, true);
    // Sentinel has taken the failover: hactl is waiting for the new master.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ports.iter().any(|&port| master_flags(port).contains("failover_in_progress")) {
        if let Ok((from, line)) = run.lines.try_recv() {
            run.keep(from, &line);
        }
        if let Some(status) = run.child.try_wait().unwrap() {
            panic!("failover ended ({status}) before Sentinel showed it in progress\n{}{}", run.stdout, run.stderr);
        }
        assert!(Instant::now() < deadline, "no Sentinel shows the failover in progress\n{}{}", run.stdout, run.stderr);
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = run.interrupt();
    drop(frozen);
    ended.assert_interrupted(&[
        "Error: interrupted while waiting; already done: SENTINEL FAILOVER mymaster was accepted by Sentinel 127.0.0.1:",
        "it may still complete: check `hactl sentinel get-master-addr mymaster`",
    ]);
}

/// A lab dir of the test's own, brought down (by pid) when the guard drops.
struct LabDir(PathBuf);

impl Drop for LabDir {
    fn drop(&mut self) {
        let _ = hactl::lab::down(&self.0, &mut |_| {});
    }
}

/// The lab's state files are whole (no temporary file left), and every etcd and Patroni process
/// started for `dir` is recorded there, running. Returns the recorded processes by name.
fn assert_recorded(dir: &Path) -> Vec<(String, ProcessRef)> {
    for sub in [dir.to_path_buf(), dir.join("clusters")] {
        for entry in std::fs::read_dir(&sub).into_iter().flatten() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp."), "a half-written state file is left: {}", sub.join(name).display());
        }
    }
    let status = hactl::lab::status(dir).expect("the state files read");
    let mut recorded: Vec<(String, ProcessRef)> = Vec::new();
    for p in status.etcd.iter().chain(&status.redis) {
        if let Some(pid) = p.pid {
            assert!(p.alive, "{} (pid {pid}) is recorded but not running", p.name);
            recorded.push((p.name.clone(), ProcessRef::of(pid).expect("it runs")));
        }
    }
    for cluster in &status.clusters {
        for m in &cluster.members {
            if let Some(pid) = m.process.pid {
                assert!(
                    m.process.alive,
                    "{}/{} (pid {pid}) is recorded but not running",
                    cluster.scope, m.process.name
                );
                recorded.push((format!("{}/{}", cluster.scope, m.process.name), ProcessRef::of(pid).expect("it runs")));
            }
        }
    }
    // Every etcd and Patroni mentioning the dir, as /proc shows them.
    let needle = dir.as_os_str().to_string_lossy().into_owned();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
        let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else { continue };
        let argv: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .filter(|a| !a.is_empty())
            .collect();
        if !argv.iter().any(|a| a.contains(&needle)) {
            continue;
        }
        let program = argv.first().map(|a| a.rsplit('/').next().unwrap_or(a).to_string()).unwrap_or_default();
        let etcd = program == "etcd";
        let patroni =
            argv.iter().take(2).any(|a| a.ends_with("/patroni")) && argv.iter().any(|a| a.ends_with("patroni.yml"));
        if etcd || patroni {
            assert!(
                recorded.iter().any(|(_, p)| p.pid == pid),
                "pid {pid} ({}) runs but is not recorded: {recorded:?}",
                argv.join(" ")
            );
        }
    }
    recorded
}

/// `lab up`, interrupted while it starts processes and while it waits for them: exit 130, what
/// runs is named and recorded, and `lab up` again completes the lab.
#[test]
fn ctrl_c_in_lab_up() {
    let dir = PathBuf::from(tmp_dir("hactl-test-lab-interrupts-up"));
    let _ = hactl::lab::down(&dir, &mut |_| {});
    let guard = LabDir(dir.clone());
    let dir_arg = dir.to_str().unwrap();
    let (etcd_port, pg_port, api_port) = (port(22979).to_string(), port(26432).to_string(), port(29008).to_string());
    let up = [
        "lab",
        "up",
        "--dir",
        dir_arg,
        "--no-redis",
        "--cluster",
        "intup",
        "--members",
        "1",
        "--etcd-port",
        &etcd_port,
        "--pg-port",
        &pg_port,
        "--api-port",
        &api_port,
        "--timeout",
        "120",
    ];
    let next = format!("`hactl lab up --dir {dir_arg}` completes the lab, `hactl lab down --dir {dir_arg}` stops it");
    let lines = Duration::from_secs(120);

    // While it starts etcd: it stops once every etcd it started is recorded.
    let mut run = Running::start(&up, false);
    run.wait_for(Stream::Stderr, "starting etcd", lines);
    let ended = run.interrupt();
    ended.assert_interrupted(&["Error: interrupted", &next]);
    let recorded = assert_recorded(&dir);
    for (name, _) in &recorded {
        assert!(ended.stderr.contains(name.as_str()), "stderr does not name {name}: {}", ended.stderr);
    }

    // While it waits for the cluster: it stops at once, and says what it waited for.
    let mut run = Running::start(&up, false);
    run.wait_for(Stream::Stderr, "waiting for cluster intup", lines);
    let ended = run.interrupt();
    ended.assert_interrupted(&[
        "Error: interrupted while waiting for cluster intup; already started, and still running: etcd0, ",
        "intup/pg0",
        &next,
    ]);
    let recorded = assert_recorded(&dir);
    assert!(recorded.iter().any(|(name, _)| name == "intup/pg0"), "{recorded:?}");

    // lab up again completes it; lab down stops all of it.
    let mut command = Command::new(env!("CARGO_BIN_EXE_hactl"));
    let out = command.env_remove("HACTL_LAB_DIR").args(up).output().unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).starts_with(&format!("lab is up in {dir_arg}")), "{}", text(&out.stdout));
    let recorded = assert_recorded(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_hactl")).args(["lab", "down", "--dir", dir_arg]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (name, process) in recorded {
        assert!(!process.is_alive(), "{name} (pid {}) still runs after lab down", process.pid);
    }
    // Nothing of it is left, the password file included.
    assert!(
        !dir.exists(),
        "lab down left {:?}",
        std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
    );
    drop(guard);
}

/// Ctrl-C is how `query -w` ends too: exit 0 at once, the rows printed so far intact.
#[test]
fn ctrl_c_ends_a_watching_query_cleanly() {
    let config = config_of(shared_cluster(DEMO)).to_str().unwrap().to_string();
    let password = ("PGPASSWORD", hactl::lab::SUPERUSER.password);
    let args =
        ["-c", &config, "query", DEMO, "-U", hactl::lab::SUPERUSER.user, "-c", "select 41 + 1 as answer", "-w", "0.5"];
    let mut watch = Running::start_with(&args, true, &[password]);
    watch.wait_for(Stream::Stdout, "42", Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(1300));
    let ended = watch.interrupt();
    assert_eq!(ended.code, Some(0), "stdout:\n{}stderr:\n{}", ended.stdout, ended.stderr);
    assert!(ended.stdout.matches("42").count() >= 2, "several rounds before Ctrl-C: {}", ended.stdout);
    assert!(!ended.stderr.contains("panicked"), "{}", ended.stderr);
}

/// Ctrl-C on `query` stops the query on the server too, as psql does: exit 130, and no backend
/// left running it (hactl exiting alone would leave it to run to its end).
#[test]
fn ctrl_c_on_a_query_cancels_it_on_the_server() {
    let demo = shared_cluster(DEMO);
    let config = config_of(demo).to_str().unwrap().to_string();
    let leader = keys_of(DEMO).0.expect("demo has a leader");
    let password = ("PGPASSWORD", hactl::lab::SUPERUSER.password);
    let sql = "select pg_sleep(30)";
    let args = ["-c", &config, "query", DEMO, "-m", &leader, "-U", hactl::lab::SUPERUSER.user, "-c", sql];
    // The backends running the query, other than this check's own.
    let others = format!("from pg_stat_activity where query = '{sql}' and pid <> pg_backend_pid()");
    let running = || {
        let count = psql(demo, &leader, &format!("select count(*) {others} and state = 'active'"));
        count.trim().parse::<u32>().unwrap()
    };
    // An earlier run that failed may have left its query running.
    psql(demo, &leader, &format!("select pg_terminate_backend(pid) {others}"));
    wait_until("no query left from an earlier run", Duration::from_secs(5), || running() == 0);
    let started = Instant::now();
    let query = Running::start_with(&args, true, &[password]);
    wait_until("the query running on the server", Duration::from_secs(10), || running() == 1);
    std::thread::sleep(Duration::from_millis(1500).saturating_sub(started.elapsed()));
    let ended = query.interrupt();
    ended.assert_interrupted(&[&format!("the query was cancelled on {leader}")]);
    assert!(!ended.stderr.contains("panicked"), "{}", ended.stderr);
    wait_until("no backend still running the query", Duration::from_secs(5), || running() == 0);
}

/// Ctrl-C is how `list -w` ends: a clean exit 0 at once, however many reads it has made, with
/// the table it last printed intact.
#[test]
fn ctrl_c_ends_a_watching_list_cleanly() {
    let demo = shared_cluster(DEMO);
    let config = config_of(demo).to_str().unwrap().to_string();
    let mut watch = Running::start(&["-c", &config, "list", DEMO, "-w", "0.5"], true);
    watch.wait_for(Stream::Stdout, "| pg0 ", Duration::from_secs(20));
    // A few rounds in, so that the Ctrl-C may come during a read as well as between them.
    std::thread::sleep(Duration::from_millis(1300));
    let ended = watch.interrupt();
    assert_eq!(ended.code, Some(0), "stdout:\n{}stderr:\n{}", ended.stdout, ended.stderr);
    assert!(ended.stdout.contains(&format!("+ Cluster: {DEMO} ")), "{}", ended.stdout);
    assert!(!ended.stderr.contains("panicked"), "{}", ended.stderr);
}

/// One command on HAProxy's admin socket (`set server primary/pg1 state maint`); its answer.
fn haproxy_admin(socket: &Path, command: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::os::unix::net::UnixStream::connect(socket).expect("the HAProxy socket answers");
    stream.write_all(format!("{command}\n").as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// HAProxy's write frontend pinned to the leader of the moment: health checks off (every
/// server keeps its state), every other server in maintenance. After a switchover the path
/// still reaches the former leader, now read-only: Ctrl-C in the probe's wait is exit 130 with
/// the probe table dropped on the new leader; left to its --timeout, the command is exit 5.
#[test]
fn ctrl_c_in_a_probed_wait_and_a_path_that_does_not_follow() {
    use hactl::lab::{ClusterSpec, SUPERUSER};
    let own =
        OwnCluster::start_with(ClusterSpec { ttl: 20, loop_wait: 2, proxies: true, ..ClusterSpec::new("pinned") });
    let cluster = &own.state;
    let haproxy = &cluster.proxies.as_ref().unwrap().haproxy;
    let leader = wait_settled("pinned", "primary", Duration::from_secs(60));
    for member in &cluster.members {
        let server = format!("primary/{}", member.name);
        haproxy_admin(&haproxy.stats_socket, &format!("disable health {server}"));
        if member.name != leader {
            haproxy_admin(&haproxy.stats_socket, &format!("set server {server} state maint"));
        }
    }
    let dsn = format!(
        "host=127.0.0.1 port={} dbname=postgres user={} password={}",
        haproxy.write_port, SUPERUSER.user, SUPERUSER.password
    );
    let others: Vec<String> = cluster.members.iter().map(|m| m.name.clone()).filter(|n| *n != leader).collect();
    let config = cfg(cluster);

    // Ctrl-C once Patroni has converged and only the path is awaited.
    let args =
        ["-c", &config, "switchover", "--leader", &leader, "--candidate", &others[0], "--force", "--probe", &dsn];
    let running = Running::start(&args, true);
    wait_until("the candidate holds the leader key", Duration::from_secs(60), || {
        keys_of("pinned").0.as_deref() == Some(others[0].as_str())
    });
    wait_settled("pinned", "primary", Duration::from_secs(60));
    std::thread::sleep(Duration::from_secs(2));
    let ended = running.interrupt();
    ended.assert_interrupted(&["interrupted while waiting for the write probe", "probe table hactl_probe_"]);
    assert!(ended.stderr.contains(" dropped"), "{}", ended.stderr);
    assert!(!ended.stderr.contains(SUPERUSER.password) && !ended.stdout.contains(SUPERUSER.password));
    let tables = "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'hactl_probe_%'";
    assert_eq!(crate::common::psql(cluster, &others[0], tables).trim(), "0", "the probe table is gone");

    // The path reaches only the former leader, read-only now: the probe cannot write, and the
    // action is refused before anything is sent.
    let next =
        ["-c", &config, "switchover", "--leader", &others[0], "--candidate", &others[1], "--force", "--probe", &dsn];
    let out = hactl(&next, &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cannot write before the action") && stderr.contains("read-only"), "{stderr}");
    assert_eq!(keys_of("pinned").0.as_deref(), Some(others[0].as_str()), "nothing was changed");

    // Pinned to the new leader instead, then left to its timeout: converged in Patroni, the path
    // still on the old leader: exit 5.
    haproxy_admin(&haproxy.stats_socket, &format!("set server primary/{} state ready", others[0]));
    haproxy_admin(&haproxy.stats_socket, &format!("set server primary/{leader} state maint"));
    let out = hactl(&[&next[..], &["--timeout", "30"]].concat(), &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{}\n{stderr}", text(&out.stdout));
    assert!(stderr.contains("converged in Patroni, but the application path"), "{stderr}");
    assert!(stderr.contains(&format!("does not reach the new leader {}", others[1])), "{stderr}");
    assert!(stderr.contains(&format!("reached {} (a read-only server)", others[0])), "{stderr}");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("the path does not reach the new leader"), "{stdout}");
    assert!(stdout.contains("Switchover done in Patroni, not verified through the probed path: "), "{stdout}");
    assert!(!stdout.contains("verified:"), "never headlined verified: {stdout}");
    assert_eq!(crate::common::psql(cluster, &others[1], tables).trim(), "0", "the probe table is gone");
}
