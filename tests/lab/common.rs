use hactl::lab::{self, ClusterSpec, ClusterState, Flavor, LabSpec, LabState};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

/// The shared clusters: read-only tests use these and never change them.
pub const DEMO: &str = "demo";
pub const LEGACY: &str = "legacy";

pub fn lab_dir() -> PathBuf {
    std::env::var_os("HACTL_TEST_LAB_DIR").map_or_else(|| PathBuf::from(tmp_dir("hactl-test-lab")), PathBuf::from)
}

/// `HACTL_TEST_PORT_OFFSET` moves every fixed port of the lab tests (and their folders), so that two
/// checkouts can run their lab tests side by side on one machine. Unset, nothing moves.
fn port_offset() -> u16 {
    static OFFSET: OnceLock<u16> = OnceLock::new();
    *OFFSET.get_or_init(|| match std::env::var("HACTL_TEST_PORT_OFFSET") {
        Ok(v) => v.parse().unwrap_or_else(|_| panic!("HACTL_TEST_PORT_OFFSET={v} is not a port offset (0-9999)")),
        Err(_) => 0,
    })
}

/// A fixed test port, moved by `HACTL_TEST_PORT_OFFSET`.
pub fn port(base: u16) -> u16 {
    base + port_offset()
}

/// `/tmp/<name>`, or `/tmp/<name>-<offset>` under `HACTL_TEST_PORT_OFFSET`.
pub fn tmp_dir(name: &str) -> String {
    match port_offset() {
        0 => format!("/tmp/{name}"),
        offset => format!("/tmp/{name}-{offset}"),
    }
}

/// Starts the shared lab on first use (or reuses the one already running) and returns its state.
pub fn lab() -> &'static LabState {
    static LAB: OnceLock<LabState> = OnceLock::new();
    LAB.get_or_init(|| {
        let mut spec = LabSpec::new(lab_dir());
        spec.etcd_base_port = port(12379);
        spec.pg_base_port = port(spec.pg_base_port);
        spec.api_base_port = port(spec.api_base_port);
        // Redis below 12768, so that its Sentinels (20000 above) stay under the kernel's ephemeral
        // port range (32768 and up), where outgoing connections could take their ports.
        spec.redis_base_port = port(7390);
        // legacy's pg2 may never be promoted: list shows its Tags, and failover refuses it.
        let nofailover = BTreeMap::from([("nofailover".to_string(), serde_json::Value::Bool(true))]);
        let legacy = ClusterSpec {
            flavor: Flavor::V3,
            tags: BTreeMap::from([("pg2".to_string(), nofailover)]),
            ..ClusterSpec::new(LEGACY)
        };
        // demo has the proxy tier (HAProxy, a PgBouncer per member) that tests/lab/proxies.rs reads.
        spec.clusters = vec![ClusterSpec { proxies: true, ..ClusterSpec::new(DEMO) }, legacy];
        spec.redis = true;
        spec.timeout = Duration::from_secs(180);
        lab::up(&spec, &mut |_| {}).unwrap_or_else(|e| panic!("cannot start the test lab: {e}"))
    })
}

pub fn shared_cluster(scope: &str) -> &'static ClusterState {
    lab().cluster(scope).unwrap_or_else(|| panic!("the test lab has no cluster {scope}"))
}

/// A cluster of the test's own, stopped (by pid) when the guard drops.
pub struct OwnCluster {
    pub state: ClusterState,
}

impl OwnCluster {
    pub fn start(scope: &str) -> OwnCluster {
        OwnCluster::start_with(ClusterSpec::new(scope))
    }

    /// A fast-moving cluster: Patroni's smallest sensible ttl and loop_wait, so that a test
    /// sees failovers and member updates within seconds.
    pub fn start_fast(scope: &str) -> OwnCluster {
        OwnCluster::start_with(ClusterSpec { ttl: 20, loop_wait: 2, ..ClusterSpec::new(scope) })
    }

    pub fn start_with(spec: ClusterSpec) -> OwnCluster {
        lab();
        let state = lab::start_cluster(&lab_dir(), &spec, Duration::from_secs(180), &mut |_| {})
            .unwrap_or_else(|e| panic!("cannot start cluster {}: {e}", spec.scope));
        OwnCluster { state }
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = lab::stop_cluster(&lab_dir(), &self.state.scope);
    }
}

pub fn config_of(cluster: &ClusterState) -> &Path {
    cluster.config_path("pg0").expect("pg0 has a config file")
}

pub fn cfg(cluster: &ClusterState) -> String {
    config_of(cluster).to_str().unwrap().to_string()
}

/// `hactl -c <cluster's config> args...`
pub fn run(cluster: &ClusterState, args: &[&str]) -> std::process::Output {
    let config = cfg(cluster);
    let mut full = vec!["-c", config.as_str()];
    full.extend_from_slice(args);
    hactl(&full, &[])
}

/// Runs SQL on one member as the lab's superuser over TCP.
pub fn psql(cluster: &ClusterState, member: &str, sql: &str) -> String {
    let port = cluster.member(member).unwrap().pg_port.to_string();
    let out = std::process::Command::new("psql")
        .args(["-h", "127.0.0.1", "-p", &port, "-U", hactl::lab::SUPERUSER.user, "-d", "postgres", "-At", "-c", sql])
        .env("PGPASSWORD", hactl::lab::SUPERUSER.password)
        .output()
        .expect("psql runs");
    assert!(out.status.success(), "psql {sql}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// The pid of the member's walreceiver, while it has one.
pub fn walreceiver_pid(cluster: &ClusterState, member: &str) -> Option<i32> {
    psql(cluster, member, "select pid from pg_stat_wal_receiver").trim().parse().ok()
}

/// `hactl` with a cleared environment: only what the test passes reaches it.
pub fn hactl(args: &[&str], env: &[(&str, &str)]) -> Output {
    hermetic(Command::new(env!("CARGO_BIN_EXE_hactl")), args, env)
}

/// The reference `patronictl` of the cluster's Patroni version... always 4.1.5 for parity:
/// hactl prints what patronictl 4.1.5 prints, whatever version the agents run.
pub fn patronictl(args: &[&str], env: &[(&str, &str)]) -> Output {
    let bin = lab().cluster(DEMO).map(|c| c.patronictl()).expect("the demo cluster runs Patroni 4");
    hermetic(Command::new(bin), args, env)
}

fn hermetic(mut command: Command, args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = std::env::temp_dir().join("hactl-test-home");
    std::fs::create_dir_all(&home).unwrap();
    command.env_clear().env("HOME", &home).env("PATH", "/usr/bin:/bin").env("LANG", "C.UTF-8");
    for (k, v) in env {
        command.env(k, v);
    }
    command.args(args).output().expect("command runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The keys and mod revisions of the clusters a command line names: its arguments, and the
/// scope of the config file both programs read (`-c`, `$PATRONICTL_CONFIG_FILE`, or the default
/// file under `$XDG_CONFIG_HOME`), so a bare `list` is fingerprinted by its cluster too.
/// Unchanged across two commands means they saw the same data, whatever other tests' clusters do
/// meanwhile.
fn fingerprint(args: &[&str], env: &[(&str, &str)]) -> Vec<(String, i64)> {
    let mut scopes: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).map(|a| a.to_string()).collect();
    let var = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
    let config = match args.iter().position(|a| *a == "-c" || *a == "--config-file") {
        Some(i) => args.get(i + 1).map(|f| f.to_string()),
        None => var("PATRONICTL_CONFIG_FILE")
            .or_else(|| var("XDG_CONFIG_HOME").map(|xdg| format!("{xdg}/patroni/patronictl.yaml"))),
    };
    if let Some(config) = config.and_then(|file| std::fs::read_to_string(file).ok())
        && let Some(line) = config.lines().find(|l| l.starts_with("scope:"))
    {
        scopes.push(line.trim_start_matches("scope:").trim().trim_matches('"').to_string());
    }
    scopes.extend(var("PATRONI_SCOPE"));
    scopes.sort();
    scopes.dedup();
    let endpoints = lab().etcd_endpoints();
    scopes
        .iter()
        .filter(|s| !s.contains('/') && !s.is_empty())
        .flat_map(|scope| scope_revisions(&endpoints, scope))
        .collect()
}

/// The keys of cluster `scope` in the etcd at `endpoints`, with their mod revisions: unchanged
/// across two commands means both saw the same cluster (etcd's own revision moves with every
/// other cluster in it).
pub fn scope_revisions(endpoints: &[String], scope: &str) -> Vec<(String, i64)> {
    etcd(endpoints, async |client| {
        let options = etcd_client::GetOptions::new().with_prefix().with_keys_only();
        let response = client.get(format!("/service/{scope}/"), Some(options)).await.expect("etcd answers");
        response.kvs().iter().map(|kv| (kv.key_str().unwrap().to_string(), kv.mod_revision())).collect()
    })
}

/// Runs a future to its end on a runtime of its own, for tests that use the async crates.
pub fn block<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

/// Runs `conversation` with a client of the shared lab's etcd; see [`etcd_with`].
pub fn lab_etcd<T>(conversation: impl AsyncFnOnce(&mut etcd_client::Client) -> T) -> T {
    etcd(&lab().etcd_endpoints(), conversation)
}

/// Runs `conversation` with a client of the plain etcd at `endpoints` (`host:port`); see
/// [`etcd_with`].
pub fn etcd<T>(endpoints: &[String], conversation: impl AsyncFnOnce(&mut etcd_client::Client) -> T) -> T {
    let urls = endpoints.iter().map(|e| format!("http://{e}")).collect();
    etcd_with(urls, etcd_client::ConnectOptions::new(), conversation)
}

/// Runs `conversation` on a runtime of its own with a client of the etcd at `urls`, connected
/// with `options` (TLS, a user). Connecting and every request time out; the test fails when
/// etcd cannot be reached.
pub fn etcd_with<T>(
    urls: Vec<String>,
    options: etcd_client::ConnectOptions,
    conversation: impl AsyncFnOnce(&mut etcd_client::Client) -> T,
) -> T {
    let timeout = Duration::from_secs(10);
    let options = options.with_connect_timeout(timeout).with_timeout(timeout);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let connect = etcd_client::Client::connect(&urls, Some(options));
        let connected =
            tokio::time::timeout(timeout, connect).await.unwrap_or_else(|_| panic!("etcd {urls:?} connects"));
        let mut client = connected.unwrap_or_else(|e| panic!("etcd {urls:?} connects: {e}"));
        conversation(&mut client).await
    })
}

/// Runs hactl and patronictl with the same arguments until both saw the same data (the named
/// clusters' keys did not change between the two runs), then asserts identical stdout and exit
/// status. Returns hactl's stdout.
pub fn assert_same_output(args: &[&str], env: &[(&str, &str)]) -> String {
    assert_same_output_of(Path::new(env!("CARGO_BIN_EXE_hactl")), args, env)
}

/// [`assert_same_output`] with hactl run from `bin`, e.g. a `patronictl` symlink to it.
pub fn assert_same_output_of(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    for _ in 0..30 {
        let before = fingerprint(args, env);
        let ours = hermetic(Command::new(bin), args, env);
        let theirs = patronictl(args, env);
        if fingerprint(args, env) != before {
            continue;
        }
        assert!(theirs.status.success(), "patronictl {args:?} failed: {}", text(&theirs.stderr));
        assert!(ours.status.success(), "hactl {args:?} failed: {}", text(&ours.stderr));
        similar_asserts(&text(&theirs.stdout), &text(&ours.stdout), args);
        return text(&ours.stdout);
    }
    panic!("the cluster kept changing during 30 attempts to compare {args:?}");
}

fn similar_asserts(expected: &str, actual: &str, args: &[&str]) {
    if expected != actual {
        panic!("hactl {args:?} differs from patronictl\n--- patronictl\n{expected}\n--- hactl\n{actual}");
    }
}

/// A lab of a test's own, for tests that stop its processes or fail over its Redis: etcd, and
/// Redis with its Sentinels when `redis_base_port` is given, no Patroni. It lives in its own dir
/// on its own ports, starts clean (whatever a killed run left there is stopped first), and is
/// stopped by pid when the guard drops.
pub struct OwnLab {
    pub state: LabState,
}

impl OwnLab {
    /// A lab in `/tmp/<name>` (see [`tmp_dir`]) on the given fixed ports (see [`port`]).
    pub fn start(name: &str, etcd_base_port: u16, redis_base_port: Option<u16>) -> OwnLab {
        let dir = PathBuf::from(tmp_dir(name));
        let (etcd_base_port, redis_base_port) = (port(etcd_base_port), redis_base_port.map(port));
        let _ = lab::down(&dir, &mut |_| {});
        let mut spec = LabSpec::new(&dir);
        spec.etcd_base_port = etcd_base_port;
        spec.redis = redis_base_port.is_some();
        spec.redis_base_port = redis_base_port.unwrap_or(spec.redis_base_port);
        spec.clusters = vec![];
        spec.timeout = Duration::from_secs(120);
        let state =
            lab::up(&spec, &mut |_| {}).unwrap_or_else(|e| panic!("cannot start the lab in {}: {e}", dir.display()));
        OwnLab { state }
    }
}

impl OwnLab {
    /// [`OwnLab::start`] without Redis and with one Patroni cluster on its etcd, its PostgreSQL
    /// and REST API ports from the given fixed ones (see [`port`]).
    pub fn with_cluster(
        name: &str,
        etcd_base_port: u16,
        cluster: ClusterSpec,
        pg_base_port: u16,
        api_base_port: u16,
    ) -> OwnLab {
        let dir = PathBuf::from(tmp_dir(name));
        let _ = lab::down(&dir, &mut |_| {});
        let mut spec = LabSpec::new(&dir);
        spec.etcd_base_port = port(etcd_base_port);
        spec.pg_base_port = port(pg_base_port);
        spec.api_base_port = port(api_base_port);
        spec.clusters = vec![cluster];
        spec.timeout = Duration::from_secs(180);
        let state =
            lab::up(&spec, &mut |_| {}).unwrap_or_else(|e| panic!("cannot start the lab in {}: {e}", dir.display()));
        OwnLab { state }
    }
}

impl Drop for OwnLab {
    fn drop(&mut self) {
        let _ = lab::down(&self.state.dir, &mut |_| {});
    }
}

/// Stops a lab process by pid (SIGTERM) and waits until it is gone. Patroni finishes its HA
/// cycle (DCS calls with up to retry_timeout of retries) and a fast shutdown of PostgreSQL
/// first, which on a loaded 2-core machine has taken over 30 s.
pub fn stop_process(what: &str, process: Option<lab::ProcessRef>) {
    let process = process.unwrap_or_else(|| panic!("{what} has no recorded process"));
    lab::signal_pid(process.pid, libc::SIGTERM).unwrap_or_else(|e| panic!("cannot stop {what}: {e}"));
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    while process.is_alive() {
        assert!(std::time::Instant::now() < deadline, "{what} (pid {}) still runs 90s after SIGTERM", process.pid);
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Processes stopped with SIGSTOP, continued (SIGCONT) when dropped, whatever happened meanwhile.
#[derive(Default)]
pub struct Frozen(Vec<i32>);

impl Frozen {
    pub fn new(pid: i32) -> Frozen {
        let mut frozen = Frozen::default();
        frozen.freeze(pid);
        frozen
    }

    pub fn freeze(&mut self, pid: i32) {
        lab::signal_pid(pid, libc::SIGSTOP).unwrap();
        self.0.push(pid);
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        for pid in &self.0 {
            let _ = lab::signal_pid(*pid, libc::SIGCONT);
        }
    }
}

/// Polls `check` every 250 ms until it holds, failing the test after `within`; returns how long
/// it took.
pub fn wait_until(what: &str, within: Duration, mut check: impl FnMut() -> bool) -> Duration {
    let started = std::time::Instant::now();
    while !check() {
        assert!(started.elapsed() < within, "{what}: not seen within {within:?}");
        std::thread::sleep(Duration::from_millis(250));
    }
    started.elapsed()
}

/// Parses a command's stdout as JSON, naming the command's output when it is not.
pub fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", text(&out.stdout), text(&out.stderr)))
}
