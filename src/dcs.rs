//! etcd v3 access with Patroni's key layout: `/<namespace>/<scope>/{leader,members/<name>,...}`.
//!
//! One range read per cluster (or per namespace for `list --all`); every call runs under a
//! timeout, because etcd-client connects lazily and a dead or frozen endpoint would otherwise
//! hang the command.

use crate::cluster::RawNode;
use crate::error::{Classify, ErrorKind, error_chain, innermost_cause};
use crate::settings::{EtcdSettings, Scheme};
use etcd_client::{
    AlarmAction, AlarmType, Certificate, Client, Compare, CompareOp, ConnectOptions, EventType, GetOptions, Identity,
    TlsOptions, Txn, TxnOp, WatchOptions,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

mod not_etcd;
pub use not_etcd::{CHECK_PORT, Diagnosis, NotEtcd, diagnose};

#[derive(Debug, thiserror::Error)]
pub enum DcsError {
    #[error(
        "no etcd3 endpoints configured: set etcd3.hosts in the configuration file, PATRONI_ETCD3_HOSTS, or pass --dcs-url etcd3://HOST:PORT"
    )]
    NotConfigured,
    #[error("etcd unreachable at {endpoints}: {detail}; check that etcd is running and has quorum")]
    Unreachable { endpoints: String, detail: String },
    #[error("etcd authentication failed at {endpoints}: {detail}; check etcd3.username/password")]
    Auth { endpoints: String, detail: String },
    #[error("cannot read the etcd3.{what} file {} (check etcd3.{what} in the configuration)", .path.display())]
    TlsFile {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("etcd at {endpoints} returned an error: {detail}")]
    Rpc { endpoints: String, detail: String },
    /// The TLS session failed: a configuration problem (CA, client certificate, protocol).
    #[error("TLS with etcd at {endpoints} failed: {detail}")]
    Tls { endpoints: String, detail: String },
    /// Something that is not etcd answers there (PostgreSQL, an HTTP server): a wrong host or port.
    #[error("etcd unreachable at {endpoints}: {detail}")]
    NotEtcd { endpoints: String, detail: String },
}

impl Classify for DcsError {
    fn kind(&self) -> ErrorKind {
        match self {
            DcsError::NotConfigured
            | DcsError::Auth { .. }
            | DcsError::TlsFile { .. }
            | DcsError::Tls { .. }
            | DcsError::NotEtcd { .. } => ErrorKind::Usage,
            DcsError::Unreachable { .. } => ErrorKind::Unreachable,
            DcsError::Rpc { .. } => ErrorKind::Failed,
        }
    }
}

/// A connected etcd client bound to the endpoints of one configuration.
pub struct Dcs {
    /// Load-balanced over every endpoint: watches and writes.
    client: Client,
    /// One client per endpoint, for hedged reads: the first is asked, the next ones only when it
    /// has not answered within [`HEDGE_DELAY`] (or failed), and the first answer wins. A healthy
    /// cluster costs one range; a frozen member (accepting connections, never answering) the delay.
    /// Each with its endpoint's URL, in configuration order (those that could not connect left out).
    per_endpoint: Vec<(String, Client)>,
    /// The index in `per_endpoint` of the endpoint that answered the last read (`usize::MAX`:
    /// none yet). Writes and watches go to it and the next read asks it first: the balanced
    /// client would send some of them to a frozen member and hang until the timeout.
    answered: AtomicUsize,
    endpoints: Vec<String>,
    /// The endpoints as errors name them.
    label: String,
    timeout: Duration,
}

/// How long to wait before asking again after a transient answer such as "leader changed".
const RETRY_PAUSE: Duration = Duration::from_millis(100);

/// How long a read waits for one endpoint before asking the next one as well: longer than a range
/// takes on a healthy cluster (a few ms, TLS handshake included), short enough that a frozen member
/// goes unnoticed by the user.
const HEDGE_DELAY: Duration = Duration::from_millis(50);

/// The largest range answer accepted: etcd's own client takes up to 2 GiB, while tonic's default
/// of 4 MiB (about 2,800 three-member Patroni clusters) failed `list --all` on larger fleets.
const MAX_ANSWER: usize = i32::MAX as usize;

impl Dcs {
    /// Connects to the configured endpoints. Nothing is sent yet for plain connections; with
    /// authentication the token is fetched here, under the same timeout.
    pub async fn connect(settings: &EtcdSettings, timeout: Duration) -> Result<Dcs, DcsError> {
        match Dcs::connect_as(settings, timeout).await {
            // As Patroni's client does (it catches AuthNotEnabled): a configured user is no
            // error against an etcd without authentication; patronictl works there.
            Err(DcsError::Auth { detail, .. }) if auth_not_enabled(&detail) && settings.username.is_some() => {
                Dcs::connect_as(&settings.without_user(), timeout).await
            }
            other => other,
        }
    }

    async fn connect_as(settings: &EtcdSettings, timeout: Duration) -> Result<Dcs, DcsError> {
        let endpoints = settings.urls();
        if endpoints.is_empty() {
            return Err(DcsError::NotConfigured);
        }
        let options = connect_options(settings, timeout)?;
        // How errors name the endpoints; with the assumed port's origin, when there is one.
        let joined = match &settings.assumed_port {
            Some(assumed) => format!("{} ({assumed})", endpoints.join(",")),
            None => endpoints.join(","),
        };
        let deadline = tokio::time::Instant::now() + timeout;
        // The load-balanced client (slot None) and one client per endpoint, all at once: without
        // authentication they connect lazily and this takes no time; with it each fetches a
        // token, which costs etcd a bcrypt check, so one round instead of two.
        let mut set = tokio::task::JoinSet::new();
        let slots = std::iter::once((None, endpoints.clone()))
            .chain(endpoints.iter().enumerate().map(|(i, endpoint)| (Some(i), vec![endpoint.clone()])));
        for (slot, targets) in slots {
            let (options, joined) = (options.clone(), joined.clone());
            set.spawn(async move { (slot, connect_until(targets, options, deadline, &joined, timeout).await) });
        }
        let started = tokio::time::Instant::now();
        let mut waiting_until = deadline;
        let mut client = None;
        let mut per_endpoint: Vec<(usize, Client)> = Vec::new();
        while let Ok(Some(joined)) = tokio::time::timeout_at(waiting_until, set.join_next()).await {
            match joined {
                Ok((None, Ok(balanced))) => {
                    client = Some(balanced);
                    // A frozen member (it accepts connections, never answers) would hold every
                    // command to the timeout: the others get as long again as this took.
                    let grace = started.elapsed().max(Duration::from_millis(100));
                    waiting_until = deadline.min(tokio::time::Instant::now() + grace);
                }
                Ok((None, Err(e))) => return Err(e),
                Ok((Some(i), Ok(single))) => per_endpoint.push((i, single)),
                Ok((Some(_), Err(_))) | Err(_) => {}
            }
        }
        let client =
            client.ok_or_else(|| DcsError::Unreachable { endpoints: joined.clone(), detail: no_answer(timeout) })?;
        per_endpoint.sort_by_key(|(i, _)| *i);
        let per_endpoint = per_endpoint.into_iter().map(|(i, c)| (endpoints[i].clone(), c)).collect();
        Ok(Dcs { client, per_endpoint, answered: AtomicUsize::new(usize::MAX), endpoints, label: joined, timeout })
    }

    pub fn endpoints(&self) -> &[String] {
        &self.endpoints
    }

    /// Every key under `prefix`, named relative to it, in one range read.
    pub async fn read_prefix(&mut self, prefix: &str) -> Result<Vec<RawNode>, DcsError> {
        Ok(self.snapshot(prefix).await?.nodes)
    }

    /// Every key under `prefix` with the store revision they were read at, so that a watch
    /// can start right after it and miss nothing.
    pub async fn snapshot(&mut self, prefix: &str) -> Result<Snapshot, DcsError> {
        let mut response = self.read(prefix, GetOptions::new().with_prefix()).await?;
        let revision = response.header().map_or(0, |h| h.revision());
        Ok(Snapshot { nodes: relative_nodes(prefix, response.take_kvs()), revision })
    }

    /// Up to `limit` keys under `prefix` from the full key `start` on, at `revision` (0: the
    /// current one), named relative to `prefix`: one page of a consistent read in pages.
    pub async fn read_page(&mut self, prefix: &str, start: &str, revision: i64, limit: i64) -> Result<Page, DcsError> {
        let mut options = GetOptions::new().with_range(prefix_end(prefix)).with_limit(limit);
        if revision > 0 {
            options = options.with_revision(revision);
        }
        let mut response = self.read(start, options).await?;
        let revision = response.header().map_or(revision, |h| h.revision());
        let more = response.more();
        Ok(Page { nodes: relative_nodes(prefix, response.take_kvs()), revision, more })
    }

    /// Watches every key under `prefix` from `from_revision` on.
    pub async fn watch(&mut self, prefix: &str, from_revision: i64) -> Result<ClusterWatch, DcsError> {
        let options = WatchOptions::new().with_prefix().with_start_revision(from_revision);
        let stream = self.call(self.live_client(prefix).await?.watch(prefix, Some(options))).await?;
        let (clients, on) = if self.per_endpoint.is_empty() {
            (vec![(self.label.clone(), self.client.clone())], 0)
        } else {
            let answered = self.answered.load(Ordering::Relaxed);
            (self.per_endpoint.clone(), if answered < self.per_endpoint.len() { answered } else { 0 })
        };
        Ok(ClusterWatch {
            stream,
            prefix: prefix.to_string(),
            endpoints: self.label.clone(),
            clients,
            on,
            resume_from: from_revision,
            last_heard: tokio::time::Instant::now(),
            progress_asked_at: None,
            moves: 0,
            timeout: self.timeout,
        })
    }

    /// Writes one key.
    pub async fn put(&mut self, key: &str, value: &str) -> Result<(), DcsError> {
        self.call(self.live_client(key).await?.put(key, value, None)).await.map(|_| ())
    }

    /// Writes `key` only if its mod revision is still `revision` (0: only if absent). Returns
    /// whether the write happened: false means someone else changed the key meanwhile.
    pub async fn compare_and_put(&mut self, key: &str, value: &str, revision: i64) -> Result<bool, DcsError> {
        let compare = if revision == 0 {
            Compare::create_revision(key, CompareOp::Equal, 0)
        } else {
            Compare::mod_revision(key, CompareOp::Equal, revision)
        };
        let txn = Txn::new().when([compare]).and_then([TxnOp::put(key, value, None)]);
        let response = self.call(self.live_client(key).await?.txn(txn)).await?;
        Ok(response.succeeded())
    }

    /// Deletes one key; returns whether it existed.
    pub async fn delete(&mut self, key: &str) -> Result<bool, DcsError> {
        self.call(self.live_client(key).await?.delete(key, None)).await.map(|r| r.deleted() > 0)
    }

    /// Deletes every key under `prefix` in one request; returns how many there were.
    pub async fn delete_prefix(&mut self, prefix: &str) -> Result<i64, DcsError> {
        let options = etcd_client::DeleteOptions::new().with_prefix();
        self.call(self.live_client(prefix).await?.delete(prefix, Some(options))).await.map(|r| r.deleted())
    }

    /// The active alarms (`NOSPACE`, `CORRUPT`), by name.
    pub async fn alarms(&mut self) -> Result<Vec<String>, DcsError> {
        let response = self.call(self.last_answered().alarm(AlarmAction::Get, AlarmType::None, None)).await?;
        Ok(response.alarms().iter().map(|a| format!("{:?}", a.alarm()).to_uppercase()).collect())
    }

    /// The client of the endpoint that answered the last read, else the balanced one.
    fn last_answered(&self) -> Client {
        let answered = self.answered.load(Ordering::Relaxed);
        self.per_endpoint.get(answered).map_or(&self.client, |(_, client)| client).clone()
    }

    /// A client whose endpoint answers: the last one that did, or, before any read, the one that
    /// answers a count-only read of `key` first (the caller may read the key it writes or watches).
    async fn live_client(&self, key: &str) -> Result<Client, DcsError> {
        if self.answered.load(Ordering::Relaxed) == usize::MAX && !self.per_endpoint.is_empty() {
            self.read(key, GetOptions::new().with_count_only()).await?;
        }
        Ok(self.last_answered())
    }

    /// A linearizable range read of `prefix`, hedged over the endpoints (see `per_endpoint`),
    /// the one that answered last asked first; the first answer wins. Transient refusals (an
    /// election under way) are retried until the timeout.
    async fn read(&self, key: &str, options: GetOptions) -> Result<etcd_client::GetResponse, DcsError> {
        let endpoints = self.label.clone();
        let deadline = tokio::time::Instant::now() + self.timeout;
        // (index in per_endpoint, client), in the order they are asked.
        let mut clients: Vec<(usize, Client)> = if self.per_endpoint.is_empty() {
            vec![(usize::MAX, self.client.clone())]
        } else {
            self.per_endpoint.iter().map(|(_, client)| client.clone()).enumerate().collect()
        };
        let answered = self.answered.load(Ordering::Relaxed);
        if let Some(at) = clients.iter().position(|(i, _)| *i == answered) {
            clients[..=at].rotate_right(1);
        }
        // Kept across the retries: whether the deadline comes during an attempt or between two,
        // the error says the same (the timeout, and what the endpoints last answered).
        let mut last_reason: Option<String> = None;
        loop {
            let mut failed = None;
            let answer = tokio::time::timeout_at(deadline, hedged_range(&clients, key, &options, &mut failed)).await;
            let failed = match failed {
                Some(e) => Some(classify(&endpoints, e).await),
                None => None,
            };
            if let Some(DcsError::Unreachable { detail, .. }) = &failed {
                last_reason = Some(detail.clone());
            }
            let out_of_time = |last_reason: Option<String>| {
                let detail = match last_reason {
                    Some(reason) => format!("{} (last answer: {reason})", no_answer(self.timeout)),
                    None => no_answer(self.timeout),
                };
                DcsError::Unreachable { endpoints: endpoints.clone(), detail }
            };
            match answer {
                Ok(Some((index, response))) => {
                    self.answered.store(index, Ordering::Relaxed);
                    return Ok(response);
                }
                Err(_) => return Err(out_of_time(last_reason)),
                Ok(None) => match failed {
                    Some(DcsError::Unreachable { .. }) | None => {
                        if tokio::time::Instant::now() + RETRY_PAUSE >= deadline {
                            return Err(out_of_time(last_reason));
                        }
                        tokio::time::sleep(RETRY_PAUSE).await;
                    }
                    Some(e) => return Err(e),
                },
            }
        }
    }

    /// Runs one RPC under the timeout, classifying its failure.
    async fn call<T>(
        &self,
        rpc: impl std::future::Future<Output = Result<T, etcd_client::Error>>,
    ) -> Result<T, DcsError> {
        let endpoints = self.label.clone();
        match tokio::time::timeout(self.timeout, rpc).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(classify(&endpoints, e).await),
            Err(_) => Err(DcsError::Unreachable { endpoints, detail: no_answer(self.timeout) }),
        }
    }

    /// All clusters under a namespace prefix (`/service/`), keyed by scope, in one range read.
    pub async fn read_namespace(&mut self, namespace_prefix: &str) -> Result<BTreeMap<String, Vec<RawNode>>, DcsError> {
        let nodes = self.read_prefix(namespace_prefix).await?;
        Ok(group_by_first_segment(nodes))
    }
}

/// One attempt of a hedged range read ([`crate::hedge`]): `clients[0]` is asked, then each next
/// one when the previous have not answered within [`HEDGE_DELAY`] or have failed. The first answer,
/// with the index its client came with; `None` when every client failed, the last failure left in
/// `failed`.
async fn hedged_range(
    clients: &[(usize, Client)],
    key: &str,
    options: &GetOptions,
    failed: &mut Option<etcd_client::Error>,
) -> Option<(usize, etcd_client::GetResponse)> {
    let asked = crate::hedge::first_answer(clients.len(), HEDGE_DELAY, |i| {
        let (index, client) = &clients[i];
        let (index, key, options) = (*index, key.to_string(), options.clone());
        let mut kv = client.kv_client().max_decoding_message_size(MAX_ANSWER);
        async move { kv.get(key, Some(options)).await.map(|response| (index, response)) }
    })
    .await;
    match asked {
        Ok((_, answer)) => Some(answer),
        Err(last) => {
            *failed = last;
            None
        }
    }
}

/// etcd's answer to a client that authenticates when authentication is off.
pub fn auth_not_enabled(detail: &str) -> bool {
    detail.contains("authentication is not enabled")
}

/// Connects a client to `targets`, asking again after a transient refusal (with authentication,
/// fetching the token can meet an election: "leader changed") until `deadline`.
async fn connect_until(
    targets: Vec<String>,
    options: ConnectOptions,
    deadline: tokio::time::Instant,
    endpoints: &str,
    timeout: Duration,
) -> Result<Client, DcsError> {
    loop {
        let error = match tokio::time::timeout_at(deadline, Client::connect(&targets, Some(options.clone()))).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(e)) => classify(endpoints, e).await,
            Err(_) => {
                return Err(DcsError::Unreachable { endpoints: endpoints.to_string(), detail: no_answer(timeout) });
            }
        };
        match error {
            DcsError::Unreachable { endpoints, detail } if tokio::time::Instant::now() + RETRY_PAUSE >= deadline => {
                return Err(DcsError::Unreachable {
                    endpoints,
                    detail: format!("{} (last answer: {detail})", no_answer(timeout)),
                });
            }
            DcsError::Unreachable { .. } => tokio::time::sleep(RETRY_PAUSE).await,
            other => return Err(other),
        }
    }
}

/// The client options of a configuration: connect and per-RPC timeouts, TLS (CA and client
/// identity, read from their files here) and user authentication. Every etcd client hactl builds
/// uses them, so `list` and `etcd health` talk to etcd the same way.
pub fn connect_options(settings: &EtcdSettings, timeout: Duration) -> Result<ConnectOptions, DcsError> {
    // tonic's own per-RPC deadline is a margin behind ours, so that hactl's timeout, which names
    // the endpoints and says "no answer within", is the one that fires.
    let margin = Duration::from_secs(1);
    let mut options = ConnectOptions::new().with_connect_timeout(timeout).with_timeout(timeout + margin);
    // Like Patroni, only `protocol: https` turns TLS on; certificate paths alone do not.
    if settings.protocol == Scheme::Https {
        let mut tls = TlsOptions::new();
        if let Some(path) = &settings.cacert {
            tls = tls.ca_certificate(Certificate::from_pem(read_tls_file("cacert", path)?));
        }
        if let (Some(cert), Some(key)) = (&settings.cert, &settings.key) {
            tls = tls.identity(Identity::from_pem(read_tls_file("cert", cert)?, read_tls_file("key", key)?));
        }
        options = options.with_tls(tls);
    }
    if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
        options = options.with_user(user.clone(), password.expose().to_string()).with_auto_token_refresh(true);
    }
    Ok(options)
}

/// Keys read at one store revision.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub nodes: Vec<RawNode>,
    pub revision: i64,
}

/// One page of [`Dcs::read_page`].
#[derive(Debug, Clone)]
pub struct Page {
    pub nodes: Vec<RawNode>,
    /// The store revision the page was read at: the next pages are read at it too.
    pub revision: i64,
    /// More keys follow the last one.
    pub more: bool,
}

/// The end of the range of every key starting with `prefix` (its last byte plus one), as
/// etcd's `--prefix` computes it.
fn prefix_end(prefix: &str) -> Vec<u8> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return end;
        }
    }
    vec![0]
}

/// One change seen by a watch, with the key relative to the watched prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Put(RawNode),
    Delete { key: String },
}

/// How long a watch may hear nothing before it asks its endpoint for a progress report, and how
/// long that answer may take: quiet keys are answered at once, a frozen member never.
const WATCH_SILENCE: Duration = Duration::from_secs(2);
const PROGRESS_ANSWER: Duration = Duration::from_secs(2);

/// A watch on one cluster's keys, on one endpoint at a time. When that endpoint's stream breaks,
/// or it leaves a progress request unanswered (a frozen member accepts and never answers), the
/// watch resumes on the next endpoint from the first revision it has not seen: a frozen member
/// costs a wait a few seconds, not its whole timeout, and no change is missed or repeated.
pub struct ClusterWatch {
    stream: etcd_client::WatchStream,
    prefix: String,
    endpoints: String,
    /// Each endpoint (URL) with its own client, in configuration order; one balanced client
    /// when there is a single endpoint.
    clients: Vec<(String, Client)>,
    /// Index in `clients` of the endpoint the stream is on.
    on: usize,
    /// The first revision not yet seen: where a resumed watch starts.
    resume_from: i64,
    last_heard: tokio::time::Instant,
    progress_asked_at: Option<tokio::time::Instant>,
    moves: usize,
    timeout: Duration,
}

impl ClusterWatch {
    /// The next batch of changes; waits as long as it takes (callers bound it with a deadline).
    /// Cancel-safe: the silence and the progress request are counted in `self`, so a caller
    /// that polls it in a `select!` with a shorter tick still notices a frozen endpoint.
    pub async fn next(&mut self) -> Result<Vec<Change>, DcsError> {
        loop {
            let deadline = match self.progress_asked_at {
                None => self.last_heard + WATCH_SILENCE,
                Some(asked) => asked + PROGRESS_ANSWER,
            };
            let response = match tokio::time::timeout_at(deadline, self.stream.message()).await {
                Ok(Ok(Some(response))) => response,
                Ok(Ok(None)) => {
                    self.move_on("the watch ended").await?;
                    continue;
                }
                Ok(Err(e)) => {
                    self.move_on(&classify(&self.endpoints, e).await.to_string()).await?;
                    continue;
                }
                Err(_) if self.progress_asked_at.is_none() => {
                    // Quiet keys or a frozen member: a progress request tells them apart.
                    self.progress_asked_at = Some(tokio::time::Instant::now());
                    if self.stream.request_progress().await.is_err() {
                        self.move_on("the watch stream closed").await?;
                    }
                    continue;
                }
                Err(_) => {
                    let silent = crate::units::seconds_text(PROGRESS_ANSWER);
                    self.move_on(&format!("no answer to a progress request within {silent}s")).await?;
                    continue;
                }
            };
            self.last_heard = tokio::time::Instant::now();
            self.progress_asked_at = None;
            if response.canceled() {
                return Err(DcsError::Rpc {
                    endpoints: self.endpoints.clone(),
                    detail: format!("the watch was cancelled: {}", response.cancel_reason()),
                });
            }
            if response.events().is_empty() && !response.created() {
                // A progress report: every change up to its revision has been delivered.
                if let Some(header) = response.header() {
                    self.resume_from = self.resume_from.max(header.revision() + 1);
                }
                continue;
            }
            let changes: Vec<Change> = response
                .events()
                .iter()
                .filter_map(|event| {
                    let kv = event.kv()?;
                    self.resume_from = self.resume_from.max(kv.mod_revision() + 1);
                    let key = kv.key_str().ok()?.strip_prefix(self.prefix.as_str())?.to_string();
                    Some(match event.event_type() {
                        EventType::Put => Change::Put(RawNode {
                            key,
                            value: String::from_utf8_lossy(kv.value()).into_owned(),
                            mod_revision: kv.mod_revision(),
                            lease: kv.lease(),
                        }),
                        EventType::Delete => Change::Delete { key },
                    })
                })
                .collect();
            if !changes.is_empty() {
                return Ok(changes);
            }
        }
    }

    /// The endpoint the watch is on now.
    pub fn endpoint(&self) -> &str {
        &self.clients[self.on].0
    }

    /// How many times the watch moved to another endpoint.
    pub fn moves(&self) -> usize {
        self.moves
    }

    /// Resumes the watch on the next endpoint that accepts it (the same one last, and the only
    /// one when there is one), from the first revision not seen; `why` is the error when none does.
    async fn move_on(&mut self, why: &str) -> Result<(), DcsError> {
        let options = WatchOptions::new().with_prefix().with_start_revision(self.resume_from);
        for step in 1..=self.clients.len() {
            let at = (self.on + step) % self.clients.len();
            let mut client = self.clients[at].1.clone();
            let watch = client.watch(self.prefix.as_str(), Some(options.clone()));
            if let Ok(Ok(stream)) = tokio::time::timeout(self.timeout, watch).await {
                self.stream = stream;
                self.moves += usize::from(at != self.on);
                self.on = at;
                self.last_heard = tokio::time::Instant::now();
                self.progress_asked_at = None;
                return Ok(());
            }
        }
        Err(DcsError::Unreachable { endpoints: self.endpoints.clone(), detail: format!("the watch broke ({why})") })
    }
}

/// Applies watched changes to a set of keys.
pub fn apply_changes(nodes: &mut Vec<RawNode>, changes: Vec<Change>) {
    for change in changes {
        match change {
            Change::Put(node) => match nodes.iter_mut().find(|n| n.key == node.key) {
                Some(existing) => *existing = node,
                None => nodes.push(node),
            },
            Change::Delete { key } => nodes.retain(|n| n.key != key),
        }
    }
}

fn relative_nodes(prefix: &str, kvs: Vec<etcd_client::KeyValue>) -> Vec<RawNode> {
    kvs.into_iter()
        .filter_map(|kv| {
            let (mod_revision, lease) = (kv.mod_revision(), kv.lease());
            // The bytes as received become the strings (a fleet is thousands of keys): no copy
            // unless a value is not UTF-8.
            let (key, value) = kv.into_key_value();
            let mut key = String::from_utf8(key).ok()?;
            if !key.starts_with(prefix) {
                return None;
            }
            key.drain(..prefix.len());
            let value = String::from_utf8(value)
                .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned());
            Some(RawNode { key, value, mod_revision, lease })
        })
        .collect()
}

/// Splits keys `a/b/c` into `a` → [`b/c`]. Used for scopes under a namespace and for the Citus
/// groups (`0/`, `1/`, ...) under a scope.
pub fn group_by_first_segment(nodes: Vec<RawNode>) -> BTreeMap<String, Vec<RawNode>> {
    let mut grouped: BTreeMap<String, Vec<RawNode>> = BTreeMap::new();
    for mut node in nodes {
        if let Some((first, rest)) = node.key.split_once('/') {
            let first = first.to_string();
            node.key = rest.to_string();
            grouped.entry(first).or_default().push(node);
        }
    }
    grouped
}

fn read_tls_file(what: &'static str, path: &Path) -> Result<Vec<u8>, DcsError> {
    std::fs::read(path).map_err(|source| DcsError::TlsFile { what, path: path.to_path_buf(), source })
}

fn no_answer(timeout: Duration) -> String {
    format!("no answer within {}s", crate::units::seconds_text(timeout))
}

async fn classify(endpoints: &str, error: etcd_client::Error) -> DcsError {
    let endpoints = endpoints.to_string();
    match diagnose(&endpoints, &error).await {
        Some(Diagnosis::Tls(problem)) => return DcsError::Tls { endpoints, detail: problem.explained },
        Some(Diagnosis::NotEtcd(problem)) => return DcsError::NotEtcd { endpoints, detail: problem.explained },
        None => {}
    }
    match &error {
        etcd_client::Error::GRpcStatus(status) => {
            use tonic::Code;
            let detail = status.message().to_string();
            match status.code() {
                Code::Unavailable | Code::DeadlineExceeded => {
                    // The status text is generic ("tcp connect error"); the cause is innermost.
                    let cause = innermost_cause(status).map(|c| format!(": {c}")).unwrap_or_default();
                    DcsError::Unreachable { endpoints, detail: format!("{detail}{cause}") }
                }
                Code::Unauthenticated | Code::PermissionDenied => DcsError::Auth { endpoints, detail },
                Code::InvalidArgument if detail.contains("user") || detail.contains("auth") => {
                    DcsError::Auth { endpoints, detail }
                }
                Code::FailedPrecondition if detail.contains("authentication") => DcsError::Auth { endpoints, detail },
                _ => DcsError::Rpc { endpoints, detail },
            }
        }
        etcd_client::Error::TransportError(_) | etcd_client::Error::IoError(_) => {
            DcsError::Unreachable { endpoints, detail: error_chain(&error) }
        }
        _ => DcsError::Rpc { endpoints, detail: error_chain(&error) },
    }
}

/// A TLS failure, in a few words (for a table cell) and explained with what to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsProblem {
    pub short: String,
    pub explained: String,
}

/// A TLS failure in an etcd-client error, said with what to check in the `etcd3` section; `None`
/// for other errors. etcd closes the connection right after the handshake when it wants a
/// client certificate and gets none (or one it does not trust): tonic reports that as a
/// cancelled request on a closed connection, without the TLS alert.
pub fn tls_problem(endpoints: &str, error: &etcd_client::Error) -> Option<TlsProblem> {
    if let Some(failure) = tls_failure(error) {
        return Some(TlsProblem {
            short: format!("TLS: {}", failure.detail()),
            explained: failure.explain("etcd", "etcd3.cacert", "etcd3.cert", "etcd3.key", false),
        });
    }
    let etcd_client::Error::GRpcStatus(status) = error else {
        return None;
    };
    let chain = error_chain(status);
    let https = endpoints.starts_with("https://");
    let short = few_words(status);
    let (hint, explained) = match status.code() {
        // Sometimes tonic loses the cause and says only "transport error".
        tonic::Code::Cancelled | tonic::Code::Unknown
            if https
                && (["connection closed", "broken pipe", "connection reset"].iter().any(|c| chain.contains(c))
                    || status.message() == "transport error") =>
        {
            (
                "client certificate missing or refused?",
                format!(
                    "etcd closed the connection after the TLS handshake ({short}); it does so when it requires a client \
             certificate and gets none, or one it does not trust: set etcd3.cert and etcd3.key to a certificate \
             signed by a CA that etcd trusts (its --trusted-ca-file)"
                ),
            )
        }
        tonic::Code::Unavailable if https && chain.contains("tls handshake eof") => (
            "not a TLS server?",
            format!(
                "the connection closed during the TLS handshake ({short}); check that etcd serves TLS there \
             (else set etcd3.protocol: http)"
            ),
        ),
        // A TLS server answers a plain HTTP/2 preface by closing the connection.
        tonic::Code::Unknown if !https && chain.contains("broken pipe") => return Some(tls_server(&short)),
        _ => return None,
    };
    let short = if https { format!("TLS: {short} ({hint})") } else { format!("{short} ({hint})") };
    Some(TlsProblem { short, explained })
}

/// The TLS failure (rustls' error) in an etcd-client error, if any.
fn tls_failure(error: &etcd_client::Error) -> Option<crate::tls::TlsFailure> {
    // etcd-client's error does not chain to the gRPC status or transport error it holds.
    let inner: Option<&(dyn std::error::Error + 'static)> = match error {
        etcd_client::Error::GRpcStatus(status) => Some(status),
        etcd_client::Error::TransportError(transport) => Some(transport),
        _ => None,
    };
    crate::tls::find(error).or_else(|| inner.and_then(crate::tls::find))
}

/// A gRPC failure in a few words: its message, and the innermost cause when it adds something.
fn few_words(status: &tonic::Status) -> String {
    let message = status.message();
    let cause = innermost_cause(status).filter(|cause| !message.contains(cause.as_str()));
    cause.map_or_else(|| message.to_string(), |cause| format!("{message}: {cause}"))
}

/// Plain HTTP/2 to a TLS server, which closes the connection at once (`short`: how it failed).
fn tls_server(short: &str) -> TlsProblem {
    TlsProblem {
        short: format!("{short} (a TLS server?)"),
        explained: format!(
            "no TLS was used, and etcd closed the connection at once ({short}), as a TLS server does: \
             set etcd3.protocol: https (or use https:// URLs)"
        ),
    }
}
