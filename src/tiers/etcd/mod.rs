//! The consensus tier: etcd health, status, members and alarms, as etcdctl's `endpoint health`,
//! `endpoint status`, `member list` and `alarm list` report them.
//!
//! Each endpoint gets a client of its own, as etcdctl builds them (a client over several
//! endpoints balances requests between them and would hide which one is sick). The endpoints
//! are queried at the same time and every RPC runs under one deadline, so a dead or frozen
//! endpoint costs at most the timeout and never delays the others.

mod error;

use error::{CHECK_QUORUM, CHECK_RUNNING, DEFAULT_PORT, failure_error, list};
pub use error::{EtcdError, Failure, Problem};

use crate::dcs::{Diagnosis, connect_options, diagnose};
use crate::hostport;
use crate::settings::{EtcdSettings, Scheme};
use etcd_client::{AlarmAction, AlarmType, Client, StatusResponse};
use serde::{Serialize, Serializer};
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// An etcd member id, shown in hex as etcdctl shows it (and as a string in JSON, since it does
/// not fit a JavaScript number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberId(pub u64);

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}", self.0)
    }
}

impl Serialize for MemberId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn millis<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((duration.as_secs_f64() * 1e6).round() / 1e3)
}

/// The settings with `--endpoints` in place of the configured ones. Entries are `host[:port]` or
/// `http(s)://host[:port]`; TLS and credentials still come from the configuration.
pub fn with_endpoints(base: Option<&EtcdSettings>, entries: &[String]) -> Result<EtcdSettings, EtcdError> {
    let mut protocol = None;
    let mut endpoints = Vec::new();
    for entry in entries.iter().flat_map(|e| e.split(',')).map(str::trim).filter(|e| !e.is_empty()) {
        let bad = |message: &str| EtcdError::BadEndpoint { endpoint: entry.to_string(), message: message.to_string() };
        let (scheme, rest) = match entry.split_once("://") {
            Some(("http", rest)) => (Scheme::Http, rest),
            Some(("https", rest)) => (Scheme::Https, rest),
            Some(_) => return Err(bad("expected http:// or https://")),
            None => (base.map_or(Scheme::Http, |b| b.protocol), entry),
        };
        if protocol.is_some_and(|p| p != scheme) {
            return Err(bad("mixes http and https endpoints; use one scheme for all"));
        }
        protocol = Some(scheme);
        let rest = rest.trim_end_matches('/');
        if rest.is_empty() || rest.contains('/') || rest.contains('@') {
            return Err(bad("expected HOST[:PORT]"));
        }
        let has_port = match hostport::split_checked(rest).map_err(bad)? {
            (_, Some(port)) => {
                port.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(|| bad("expected a port number (1-65535)"))?;
                true
            }
            (_, None) => false,
        };
        endpoints.push(if has_port { rest.to_string() } else { format!("{rest}:{DEFAULT_PORT}") });
    }
    if endpoints.is_empty() {
        return Err(EtcdError::NotConfigured);
    }
    let mut settings = base.cloned().unwrap_or_else(|| EtcdSettings::plain(Vec::new()));
    // Endpoints given on the command line: nothing of the configuration's hosts remains.
    settings.assumed_port = None;
    settings.endpoints = endpoints;
    settings.protocol = protocol.unwrap_or(settings.protocol);
    Ok(settings)
}

/// Health of one endpoint: `health` is etcdctl's verdict, a linearizable read answered (or
/// refused for permissions, which still needs the read to pass) and no alarm active.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointHealth {
    pub endpoint: String,
    pub health: bool,
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
    /// Why the endpoint is unhealthy; `None` when healthy.
    pub error: Option<String>,
    /// The member behind the endpoint, when it answered anything.
    pub member_id: Option<MemberId>,
    /// Whether the linearizable read was served: proof that the cluster has a leader and quorum.
    pub read_ok: bool,
    /// Active alarms, e.g. `NOSPACE`.
    pub alarms: Vec<String>,
    #[serde(skip)]
    pub failure: Option<Failure>,
    /// For a TLS failure: what to check.
    #[serde(skip)]
    pub explained: Option<String>,
}

impl EndpointHealth {
    /// What failed at this endpoint; `None` when it is healthy.
    fn problem(&self) -> Option<Problem> {
        Some(Problem { failure: self.failure?, message: self.error.clone()?, explained: self.explained.clone() })
    }
}

/// Whether a majority of the members can agree, as seen from the checked endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quorum {
    /// A member served a linearizable read, which needs a leader backed by a majority.
    pub held: bool,
    /// The cluster size from the member list; `None` when no endpoint could list members.
    pub members: Option<usize>,
    /// Members (by id) whose endpoint served the linearizable read.
    pub healthy: usize,
    /// A majority of `members`.
    pub needed: Option<usize>,
    /// Every member in the member list had a client URL among the checked endpoints.
    pub all_members_checked: bool,
}

impl fmt::Display for Quorum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Some(members), Some(needed)) = (self.members, self.needed) else {
            return f.write_str(match self.held {
                true => "quorum held: a linearizable read succeeded",
                false => "quorum lost: no member served a linearizable read",
            });
        };
        let healthy = self.healthy;
        match (self.held, self.all_members_checked) {
            (true, true) => write!(f, "quorum held: {healthy} of {members} members healthy, {needed} needed"),
            (true, false) if healthy >= needed => {
                write!(f, "quorum held: {healthy} of {members} members healthy, {needed} needed")
            }
            // A read passed, which needs a majority; the members not checked make it up.
            (true, false) => write!(
                f,
                "quorum held: a linearizable read succeeded; {healthy} of {members} members checked healthy (--cluster checks them all)"
            ),
            (false, true) => write!(f, "quorum lost: {healthy} of {members} members healthy, {needed} needed"),
            (false, false) => write!(
                f,
                "quorum lost as seen from the checked endpoints: {healthy} of {members} members healthy, {needed} needed (--cluster checks them all)"
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthReport {
    pub endpoints: Vec<EndpointHealth>,
    pub quorum: Quorum,
}

impl HealthReport {
    /// Ok when every endpoint is healthy. Otherwise: no endpoint reached → `Unreachable` (4),
    /// credentials refused → `Auth` (2), else `Unhealthy` (1) naming each sick endpoint and
    /// whether quorum is held.
    pub fn verdict(&self) -> Result<(), EtcdError> {
        if self.endpoints.iter().all(|e| e.health) {
            return Ok(());
        }
        let failed: Vec<(&str, Problem)> =
            self.endpoints.iter().filter_map(|e| Some((e.endpoint.as_str(), e.problem()?))).collect();
        if let Some(error) = failure_error(&failed, failed.len() == self.endpoints.len(), CHECK_RUNNING) {
            return Err(error);
        }
        let unhealthy = self
            .endpoints
            .iter()
            .filter(|e| !e.health)
            .map(|e| (e.endpoint.clone(), e.error.clone().unwrap_or_default()))
            .collect();
        Err(EtcdError::Unhealthy { unhealthy, quorum: self.quorum.clone() })
    }
}

/// `etcd health`: every endpoint (every member's client URLs with `cluster`) checked on its
/// own client, all at once, within `timeout` in total.
pub async fn health(settings: &EtcdSettings, cluster: bool, timeout: Duration) -> Result<HealthReport, EtcdError> {
    let deadline = Deadline::after(timeout);
    let (urls, members) = targets(settings, cluster, deadline).await?;
    let checks = each(settings, &urls, deadline, check_health).await;
    let mut endpoints = Vec::with_capacity(checks.len());
    let mut members = members;
    for (health, listed) in checks {
        members = members.or(listed);
        endpoints.push(health);
    }
    let member_count = members.as_ref().map(Vec::len);
    let all_members_checked =
        members.as_ref().is_some_and(|members| members.iter().all(|m| m.client_urls.iter().any(|u| urls.contains(u))));
    let mut healthy_members: Vec<MemberId> =
        endpoints.iter().filter(|e| e.read_ok).filter_map(|e| e.member_id).collect();
    healthy_members.sort();
    healthy_members.dedup();
    let quorum = Quorum {
        held: endpoints.iter().any(|e| e.read_ok),
        members: member_count,
        healthy: healthy_members.len(),
        needed: member_count.map(|n| n / 2 + 1),
        all_members_checked,
    };
    Ok(HealthReport { endpoints, quorum })
}

/// One endpoint: a linearizable read of the key `health` (as etcdctl), with the member's status
/// and member list alongside; then, when the read passed, the alarm list. Also returns the
/// member list when it answered.
async fn check_health(
    settings: EtcdSettings,
    url: String,
    deadline: Deadline,
) -> (EndpointHealth, Option<Vec<Member>>) {
    let start = Instant::now();
    let mut health = EndpointHealth {
        endpoint: url.clone(),
        health: false,
        took: Duration::ZERO,
        error: None,
        member_id: None,
        read_ok: false,
        alarms: Vec::new(),
        failure: None,
        explained: None,
    };
    let client = match connect(&settings, &url, deadline).await {
        Ok(client) => client,
        Err(problem) => {
            health.took = start.elapsed();
            health.failure = Some(problem.failure);
            health.explained = problem.explained;
            health.error = Some(problem.message);
            return (health, None);
        }
    };
    let mut kv = client.kv_client();
    let mut maintenance = client.maintenance_client();
    let mut cluster = client.cluster_client();
    let (read, status, members) = tokio::join!(
        within(deadline, &url, kv.get("health", None)),
        within(deadline, &url, maintenance.status()),
        within(deadline, &url, cluster.member_list()),
    );
    let listed = members.as_ref().ok().map(|m| m.members().iter().map(member).collect::<Vec<_>>());
    if let Ok(status) = &status {
        health.member_id = status.header().map(|h| MemberId(h.member_id()));
    }
    let read_problem = match read {
        Ok(response) => {
            health.member_id = health.member_id.or(response.header().map(|h| MemberId(h.member_id())));
            None
        }
        // As etcdctl: a permission error comes after the read passed consensus.
        Err(problem) if problem.failure == Failure::Auth && problem.message.contains("permission denied") => None,
        Err(mut problem) => {
            if let Ok(status) = &status
                && status.leader() == 0
            {
                problem.message.push_str("; the member sees no leader");
            }
            Some(problem)
        }
    };
    if let Some(problem) = read_problem {
        health.took = start.elapsed();
        // Reached but unable to read (no leader, no quorum) is not "unreachable".
        let reached = status.is_ok() || members.is_ok();
        health.failure =
            Some(if reached && problem.failure == Failure::Unreachable { Failure::Error } else { problem.failure });
        health.error = Some(problem.message);
        health.explained = problem.explained;
        return (health, listed);
    }
    health.read_ok = true;
    health.took = start.elapsed();
    match within(deadline, &url, maintenance.alarm(AlarmAction::Get, AlarmType::None, None)).await {
        Ok(response) => {
            health.alarms = response.alarms().iter().map(|a| alarm_name(a.alarm())).collect();
            if health.alarms.is_empty() {
                health.health = true;
            } else {
                health.failure = Some(Failure::Error);
                health.error = Some(format!("active alarm(s): {}", health.alarms.join(", ")));
            }
        }
        Err(problem) => {
            health.failure =
                Some(if problem.failure == Failure::Unreachable { Failure::Error } else { problem.failure });
            health.error = Some(format!("cannot list alarms: {}", problem.message));
        }
    }
    (health, listed)
}

fn alarm_name(alarm: AlarmType) -> String {
    alarm.as_str_name().to_string()
}

/// Status of one endpoint, as `etcdctl endpoint status` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointStatus {
    pub endpoint: String,
    pub member_id: Option<MemberId>,
    pub version: Option<String>,
    pub db_size: Option<i64>,
    pub db_size_in_use: Option<i64>,
    /// The leader this member follows; `None` when it sees none (or did not answer).
    pub leader: Option<MemberId>,
    pub is_leader: bool,
    pub is_learner: bool,
    pub raft_term: Option<u64>,
    pub raft_index: Option<u64>,
    pub raft_applied_index: Option<u64>,
    /// Errors the member itself reports (e.g. `memberID:... alarm:NOSPACE`).
    pub errors: Vec<String>,
    /// Why there is no status; `None` when the endpoint answered.
    pub error: Option<String>,
    #[serde(skip)]
    pub failure: Option<Failure>,
    /// For a TLS failure: what to check.
    #[serde(skip)]
    pub explained: Option<String>,
}

impl EndpointStatus {
    /// What failed at this endpoint; `None` when it answered.
    fn problem(&self) -> Option<Problem> {
        Some(Problem { failure: self.failure?, message: self.error.clone()?, explained: self.explained.clone() })
    }

    fn answered(endpoint: String, status: &StatusResponse) -> EndpointStatus {
        let member_id = status.header().map(|h| h.member_id());
        EndpointStatus {
            endpoint,
            member_id: member_id.map(MemberId),
            version: Some(status.version().to_string()),
            db_size: Some(status.db_size()),
            db_size_in_use: Some(status.raft_used_db_size()),
            leader: Some(status.leader()).filter(|l| *l != 0).map(MemberId),
            is_leader: member_id.is_some_and(|id| id != 0 && id == status.leader()),
            is_learner: status.is_learner(),
            raft_term: Some(status.raft_term()),
            raft_index: Some(status.raft_index()),
            raft_applied_index: Some(status.raft_applied_index()),
            errors: status.errors().to_vec(),
            error: None,
            failure: None,
            explained: None,
        }
    }

    fn failed(endpoint: String, problem: Problem) -> EndpointStatus {
        EndpointStatus {
            endpoint,
            member_id: None,
            version: None,
            db_size: None,
            db_size_in_use: None,
            leader: None,
            is_leader: false,
            is_learner: false,
            raft_term: None,
            raft_index: None,
            raft_applied_index: None,
            errors: Vec::new(),
            error: Some(problem.message),
            failure: Some(problem.failure),
            explained: problem.explained,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub endpoints: Vec<EndpointStatus>,
}

impl StatusReport {
    /// The endpoints that report themselves as the leader.
    pub fn leaders(&self) -> impl Iterator<Item = &EndpointStatus> {
        self.endpoints.iter().filter(|e| e.is_leader)
    }

    /// Ok when every endpoint answered; `Unreachable` when none did, `Auth` when credentials were
    /// refused, else `StatusIncomplete` naming those that did not.
    pub fn verdict(&self) -> Result<(), EtcdError> {
        let failed: Vec<(String, String)> =
            self.endpoints.iter().filter_map(|e| Some((e.endpoint.clone(), e.error.clone()?))).collect();
        if failed.is_empty() {
            return Ok(());
        }
        let problems: Vec<(&str, Problem)> =
            self.endpoints.iter().filter_map(|e| Some((e.endpoint.as_str(), e.problem()?))).collect();
        if let Some(error) = failure_error(&problems, problems.len() == self.endpoints.len(), CHECK_RUNNING) {
            return Err(error);
        }
        Err(EtcdError::StatusIncomplete { failed })
    }
}

/// `etcd status`: each endpoint's own status, all at once, within `timeout`.
pub async fn status(settings: &EtcdSettings, cluster: bool, timeout: Duration) -> Result<StatusReport, EtcdError> {
    let deadline = Deadline::after(timeout);
    let (urls, _) = targets(settings, cluster, deadline).await?;
    let endpoints = each(settings, &urls, deadline, |settings, url, deadline| async move {
        let mut client = match connect(&settings, &url, deadline).await {
            Ok(client) => client,
            Err(problem) => return EndpointStatus::failed(url, problem),
        };
        match within(deadline, &url, client.status()).await {
            Ok(status) => EndpointStatus::answered(url, &status),
            Err(problem) => EndpointStatus::failed(url, problem),
        }
    })
    .await;
    Ok(StatusReport { endpoints })
}

/// A member of the cluster, as `etcdctl member list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: MemberId,
    /// Empty for a member added but not started yet.
    pub name: String,
    pub started: bool,
    pub peer_urls: Vec<String>,
    pub client_urls: Vec<String>,
    pub is_learner: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberList {
    /// The endpoint that answered.
    pub endpoint: String,
    pub members: Vec<Member>,
}

/// `etcd members`: the member list from the first endpoint that answers.
pub async fn members(settings: &EtcdSettings, timeout: Duration) -> Result<MemberList, EtcdError> {
    let deadline = Deadline::after(timeout);
    first_answer(settings, &settings.urls(), deadline, list_members).await
}

async fn list_members(settings: EtcdSettings, url: String, deadline: Deadline) -> Result<MemberList, Problem> {
    let mut client = connect(&settings, &url, deadline).await?;
    let response = within(deadline, &url, client.member_list()).await?;
    Ok(MemberList { endpoint: url, members: response.members().iter().map(member).collect() })
}

fn member(m: &etcd_client::Member) -> Member {
    Member {
        id: MemberId(m.id()),
        name: m.name().to_string(),
        started: !m.name().is_empty(),
        peer_urls: m.peer_urls().to_vec(),
        client_urls: m.client_urls().to_vec(),
        is_learner: m.is_learner(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alarm {
    pub member_id: MemberId,
    /// `NOSPACE` or `CORRUPT`.
    pub alarm: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlarmList {
    /// The endpoint that answered.
    pub endpoint: String,
    pub alarms: Vec<Alarm>,
}

/// `etcd alarms`: the active alarms, from the first endpoint that answers. Listing alarms goes
/// through raft, so it needs quorum.
pub async fn alarms(settings: &EtcdSettings, timeout: Duration) -> Result<AlarmList, EtcdError> {
    let deadline = Deadline::after(timeout);
    first_answer(settings, &settings.urls(), deadline, |settings, url, deadline| async move {
        let mut client = connect(&settings, &url, deadline).await?;
        let response = within(deadline, &url, client.alarm(AlarmAction::Get, AlarmType::None, None)).await?;
        let alarms = response
            .alarms()
            .iter()
            .map(|a| Alarm { member_id: MemberId(a.member_id()), alarm: alarm_name(a.alarm()) })
            .collect();
        Ok(AlarmList { endpoint: url, alarms })
    })
    .await
}

/// The endpoints to check: the configured ones, or with `cluster` every member's client URLs
/// (from the first endpoint that lists them), as `etcdctl --cluster` does.
async fn targets(
    settings: &EtcdSettings,
    cluster: bool,
    deadline: Deadline,
) -> Result<(Vec<String>, Option<Vec<Member>>), EtcdError> {
    let urls = settings.urls();
    if urls.is_empty() {
        return Err(EtcdError::NotConfigured);
    }
    if !cluster {
        return Ok((urls, None));
    }
    let list = first_answer(settings, &urls, deadline, list_members).await?;
    let mut expanded: Vec<String> = Vec::new();
    for url in list.members.iter().flat_map(|m| &m.client_urls) {
        if !expanded.contains(url) {
            expanded.push(url.clone());
        }
    }
    if expanded.is_empty() {
        return Err(EtcdError::Rpc { details: format!("{}: the member list has no client URLs", list.endpoint) });
    }
    Ok((expanded, Some(list.members)))
}

/// Runs `task` for every URL at once and returns the results in URL order.
async fn each<T, F, Fut>(settings: &EtcdSettings, urls: &[String], deadline: Deadline, task: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(EtcdSettings, String, Deadline) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
{
    let mut set = JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        let fut = task(settings_for(settings, url), url.clone(), deadline);
        set.spawn(async move { (i, fut.await) });
    }
    let mut results: Vec<(usize, T)> = Vec::with_capacity(urls.len());
    while let Some(joined) = set.join_next().await {
        // A task only fails to join when it panicked; that is a bug to surface.
        results.push(joined.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())));
    }
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Runs `task` against every URL at once; the first success wins and the others are dropped.
async fn first_answer<T, F, Fut>(
    settings: &EtcdSettings,
    urls: &[String],
    deadline: Deadline,
    task: F,
) -> Result<T, EtcdError>
where
    T: Send + 'static,
    F: Fn(EtcdSettings, String, Deadline) -> Fut,
    Fut: Future<Output = Result<T, Problem>> + Send + 'static,
{
    if urls.is_empty() {
        return Err(EtcdError::NotConfigured);
    }
    let mut set = JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        let fut = task(settings_for(settings, url), url.clone(), deadline);
        set.spawn(async move { (i, fut.await) });
    }
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())) {
            (_, Ok(answer)) => return Ok(answer),
            (i, Err(problem)) => problems.push((i, problem)),
        }
    }
    problems.sort_by_key(|(i, _)| *i);
    let named: Vec<(&str, Problem)> = problems.into_iter().map(|(i, p)| (urls[i].as_str(), p)).collect();
    // Alarms go through raft: a member that lost quorum accepts the call and never answers.
    if let Some(error) = failure_error(&named, true, CHECK_QUORUM) {
        Err(error)
    } else {
        let details = list(&named.iter().map(|(e, p)| (e.to_string(), p.message.clone())).collect::<Vec<_>>());
        Err(EtcdError::Rpc { details })
    }
}

/// The settings to reach one URL: a member's `https://` client URL needs TLS even when the
/// configured endpoints are plain, and the other way round.
fn settings_for(settings: &EtcdSettings, url: &str) -> EtcdSettings {
    let mut settings = settings.clone();
    settings.protocol = if url.starts_with("https://") { Scheme::Https } else { Scheme::Http };
    settings
}

/// When every RPC of a command must have answered, and the timeout that set it (for messages).
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    timeout: Duration,
}

impl Deadline {
    fn after(timeout: Duration) -> Deadline {
        Deadline { at: Instant::now() + timeout, timeout }
    }
}

/// A client for one endpoint. Connecting is lazy without authentication; with it the token is
/// fetched here. Either way it happens before the deadline.
async fn connect(settings: &EtcdSettings, url: &str, deadline: Deadline) -> Result<Client, Problem> {
    match connect_as(settings, url, deadline).await {
        // Patroni's client carries on without the user when etcd has no authentication.
        Err(problem) if crate::dcs::auth_not_enabled(&problem.message) && settings.username.is_some() => {
            connect_as(&settings.without_user(), url, deadline).await
        }
        other => other,
    }
}

async fn connect_as(settings: &EtcdSettings, url: &str, deadline: Deadline) -> Result<Client, Problem> {
    // tonic's own timeouts come a second after the deadline, so that ours fires first and the
    // message says how long was waited.
    let remaining = deadline.at.saturating_duration_since(Instant::now());
    let options = connect_options(settings, remaining + Duration::from_secs(1)).map_err(|e| Problem {
        failure: Failure::Error,
        message: e.to_string(),
        explained: None,
    })?;
    within(deadline, url, Client::connect([url], Some(options))).await
}

/// Runs one RPC to `url` until the deadline and turns its error into a one-line [`Problem`].
async fn within<T>(
    deadline: Deadline,
    url: &str,
    rpc: impl Future<Output = Result<T, etcd_client::Error>>,
) -> Result<T, Problem> {
    match tokio::time::timeout_at(deadline.at.into(), rpc).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(e)) => Err(match diagnose(url, &e).await {
            Some(Diagnosis::Tls(tls)) => {
                Problem { failure: Failure::Tls, message: tls.short, explained: Some(tls.explained) }
            }
            Some(Diagnosis::NotEtcd(not)) => {
                Problem { failure: Failure::NotEtcd, message: not.short, explained: Some(not.explained) }
            }
            None => problem(&e, deadline.timeout),
        }),
        Err(_) => Err(Problem::no_answer(deadline.timeout)),
    }
}

fn problem(error: &etcd_client::Error, timeout: Duration) -> Problem {
    use tonic::Code;
    match error {
        etcd_client::Error::GRpcStatus(status) => {
            let message = status.message().to_string();
            match status.code() {
                Code::Unavailable => {
                    // tonic's text is generic ("tcp connect error"); the cause is innermost.
                    let cause = innermost_cause(status).map(|c| format!(": {c}")).unwrap_or_default();
                    Problem { failure: Failure::Unreachable, message: format!("{message}{cause}"), explained: None }
                }
                Code::DeadlineExceeded => Problem::no_answer(timeout),
                Code::Cancelled if message.contains("Timeout expired") => Problem::no_answer(timeout),
                Code::Unauthenticated | Code::PermissionDenied => {
                    Problem { failure: Failure::Auth, message, explained: None }
                }
                Code::InvalidArgument | Code::FailedPrecondition
                    if message.contains("user name")
                        || message.contains("authentication")
                        || message.contains("password") =>
                {
                    Problem { failure: Failure::Auth, message, explained: None }
                }
                _ => Problem { failure: Failure::Error, message, explained: None },
            }
        }
        etcd_client::Error::TransportError(_) | etcd_client::Error::IoError(_) => {
            Problem { failure: Failure::Unreachable, message: error_chain(error), explained: None }
        }
        _ => Problem { failure: Failure::Error, message: error_chain(error), explained: None },
    }
}

use crate::error::{error_chain, innermost_cause};

/// A health report of members on 127.0.0.1:2379 and up, `up[i]` telling whether member i is
/// healthy, for the tests of what is made of a report.
#[cfg(test)]
pub fn test_health_report(up: &[bool]) -> HealthReport {
    let endpoint = |port: u16, ok: bool| EndpointHealth {
        endpoint: format!("http://127.0.0.1:{port}"),
        health: ok,
        took: Duration::ZERO,
        error: (!ok).then(|| "connection refused".to_string()),
        member_id: ok.then_some(MemberId(u64::from(port))),
        read_ok: ok,
        alarms: Vec::new(),
        failure: None,
        explained: None,
    };
    let healthy = up.iter().filter(|u| **u).count();
    let members = up.len();
    HealthReport {
        endpoints: up.iter().zip(2379..).map(|(ok, port)| endpoint(port, *ok)).collect(),
        quorum: Quorum {
            held: healthy > members / 2,
            members: Some(members),
            healthy,
            needed: Some(members / 2 + 1),
            all_members_checked: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Classify, ErrorKind};

    fn base(protocol: Scheme) -> EtcdSettings {
        EtcdSettings {
            endpoints: vec!["10.0.0.1:2379".into()],
            protocol,
            cacert: Some("/etc/etcd/ca.pem".into()),
            cert: None,
            key: None,
            username: None,
            password: None,
            assumed_port: None,
        }
    }

    #[test]
    fn endpoints_replace_the_configured_ones_and_keep_tls() {
        let settings = with_endpoints(Some(&base(Scheme::Https)), &["a:2381".into(), "b".into()]).unwrap();
        assert_eq!(settings.endpoints, ["a:2381", "b:2379"]);
        assert_eq!(settings.urls(), ["https://a:2381", "https://b:2379"]);
        assert_eq!(settings.cacert, base(Scheme::Https).cacert);
    }

    #[test]
    fn endpoint_urls_and_comma_lists_are_accepted() {
        let settings = with_endpoints(None, &["http://127.0.0.1:12379,127.0.0.1:12381".into()]).unwrap();
        assert_eq!(settings.urls(), ["http://127.0.0.1:12379", "http://127.0.0.1:12381"]);
        let v6 = with_endpoints(None, &["[::1]:2379".into(), "[::1]".into()]).unwrap();
        assert_eq!(v6.endpoints, ["[::1]:2379", "[::1]:2379"]);
        let https = with_endpoints(Some(&base(Scheme::Http)), &["https://x:1".into()]).unwrap();
        assert_eq!(https.protocol, Scheme::Https);
    }

    #[test]
    fn bad_endpoints_are_named() {
        for (entry, why) in [
            ("unix:///tmp/etcd", "expected http:// or https://"),
            ("a:0", "port number"),
            ("a:99999", "port number"),
            ("http://a:1/path", "HOST[:PORT]"),
        ] {
            let err = with_endpoints(None, &[entry.into()]).unwrap_err();
            assert!(err.to_string().contains(why), "{entry}: {err}");
            assert!(err.to_string().contains(entry), "{entry}: {err}");
            assert_eq!(err.kind(), ErrorKind::Usage);
        }
        let mixed = with_endpoints(None, &["http://a:1".into(), "https://b:1".into()]).unwrap_err();
        assert!(mixed.to_string().contains("mixes http and https"), "{mixed}");
        assert!(matches!(with_endpoints(None, &[" , ".into()]), Err(EtcdError::NotConfigured)));
    }

    #[test]
    fn member_ids_print_in_hex_as_etcdctl() {
        let id = MemberId(0x8e9e05c52164694d);
        assert_eq!(id.to_string(), "8e9e05c52164694d");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"8e9e05c52164694d\"");
    }

    #[test]
    fn quorum_reads_as_a_sentence() {
        let quorum = |held, healthy, all_members_checked| Quorum {
            held,
            members: Some(3),
            healthy,
            needed: Some(2),
            all_members_checked,
        };
        assert_eq!(quorum(true, 2, true).to_string(), "quorum held: 2 of 3 members healthy, 2 needed");
        assert_eq!(quorum(false, 0, true).to_string(), "quorum lost: 0 of 3 members healthy, 2 needed");
        assert_eq!(
            quorum(true, 1, false).to_string(),
            "quorum held: a linearizable read succeeded; 1 of 3 members checked healthy (--cluster checks them all)"
        );
        assert_eq!(
            quorum(false, 0, false).to_string(),
            "quorum lost as seen from the checked endpoints: 0 of 3 members healthy, 2 needed (--cluster checks them all)"
        );
        let unknown = Quorum { held: false, members: None, healthy: 0, needed: None, all_members_checked: false };
        assert_eq!(unknown.to_string(), "quorum lost: no member served a linearizable read");
    }

    fn endpoint(name: &str, failure: Option<Failure>) -> EndpointHealth {
        EndpointHealth {
            endpoint: name.into(),
            health: failure.is_none(),
            took: Duration::from_millis(3),
            error: failure.map(|_| format!("{name} is sick")),
            member_id: None,
            read_ok: failure.is_none(),
            alarms: Vec::new(),
            failure,
            explained: None,
        }
    }

    #[test]
    fn health_verdict_picks_the_exit_code() {
        let quorum = Quorum { held: true, members: Some(3), healthy: 2, needed: Some(2), all_members_checked: true };
        let report = |endpoints| HealthReport { endpoints, quorum: quorum.clone() };
        assert!(report(vec![endpoint("a", None), endpoint("b", None)]).verdict().is_ok());
        let one_down =
            report(vec![endpoint("a", None), endpoint("b", Some(Failure::Unreachable))]).verdict().unwrap_err();
        assert_eq!(one_down.kind(), ErrorKind::Failed);
        assert_eq!(
            one_down.to_string(),
            "etcd is unhealthy: b (b is sick); quorum held: 2 of 3 members healthy, 2 needed"
        );
        let all_down = report(vec![endpoint("a", Some(Failure::Unreachable))]).verdict().unwrap_err();
        assert_eq!(all_down.kind(), ErrorKind::Unreachable);
        let auth = report(vec![endpoint("a", Some(Failure::Auth))]).verdict().unwrap_err();
        assert_eq!(auth.kind(), ErrorKind::Usage);
    }

    #[test]
    fn health_json_has_stable_keys() {
        let json = serde_json::to_value(endpoint("http://a:2379", None)).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["endpoint", "health", "took_ms", "error", "member_id", "read_ok", "alarms"]);
        assert_eq!(json["took_ms"], 3.0);
    }

    #[tokio::test]
    async fn a_refused_endpoint_is_reported_quickly_and_named() {
        // Port 1 on loopback refuses at once: no etcd needed to see the failure path.
        let settings = with_endpoints(None, &["127.0.0.1:1".into()]).unwrap();
        let start = Instant::now();
        let report = health(&settings, false, Duration::from_secs(3)).await.unwrap();
        assert!(start.elapsed() < Duration::from_secs(3));
        let only = &report.endpoints[0];
        assert!(!only.health && !only.read_ok);
        assert_eq!(only.failure, Some(Failure::Unreachable));
        let err = report.verdict().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unreachable);
        assert!(err.to_string().contains("http://127.0.0.1:1"), "{err}");
    }
}
