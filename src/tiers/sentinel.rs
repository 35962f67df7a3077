//! The cache tier: Redis Sentinel's operator commands (`SENTINEL MASTERS`, `REPLICAS`,
//! `SENTINEL`s, `GET-MASTER-ADDR-BY-NAME`, `CKQUORUM`) and a guarded, verified `FAILOVER`.
//!
//! Sentinels are tried in the configured order until one answers; the one that answered is kept
//! for the following commands. Every connection and every command runs under a timeout. An
//! error reply is an error (redis-cli exits 0 on them; hactl does not).

use crate::error::{Classify, ErrorKind};
use crate::hostport;
use crate::settings::{DEFAULT_SENTINEL_PORT as DEFAULT_PORT, Secret, SentinelSettings};
use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, IntoConnectionInfo, RedisConnectionInfo, Value};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum SentinelError {
    #[error(
        "no Sentinels configured: pass --sentinel HOST:PORT, set HACTL_SENTINELS, or add sentinel.hosts to the configuration file"
    )]
    NotConfigured,
    #[error("Sentinel address {host:?}: {message}")]
    BadHost { host: String, message: String },
    #[error("cannot read the sentinel.{what} file {} (check sentinel.{what} in the configuration)", .path.display())]
    TlsFile {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "no Sentinel answered ({details}); check that the Sentinels run and --sentinel, HACTL_SENTINELS or sentinel.hosts"
    )]
    Unreachable { details: String },
    #[error("Sentinel {sentinel} refused authentication ({detail}); check sentinel.password")]
    Auth { sentinel: String, detail: String },
    #[error(
        "Sentinel {sentinel} monitors no master named {name:?} ({known}); check the name with `hactl sentinel masters`"
    )]
    UnknownMaster { name: String, sentinel: String, known: String },
    #[error("Sentinel {sentinel}: the quorum for {name} cannot be reached: {message}")]
    NoQuorum { name: String, sentinel: String, message: String },
    #[error("failover of {name} refused: {reason}; nothing was changed")]
    Refused { name: String, reason: String },
    #[error("Sentinel {sentinel} answered {command} with an error: {message}")]
    Reply { sentinel: String, command: String, message: String },
    #[error("Sentinel {sentinel} answered {command} with an unexpected reply: {detail}")]
    Unexpected { sentinel: String, command: String, detail: String },
    #[error(
        "failover of {name} was accepted by Sentinel {sentinel}, but {what} after {}s; it may still complete: check `hactl sentinel get-master-addr {name}`",
        .waited.as_secs_f64()
    )]
    NotConfirmed { name: String, sentinel: String, what: String, waited: Duration },
    #[error(
        "interrupted while waiting; already done: SENTINEL FAILOVER {name} was accepted by Sentinel {sentinel}; it may still complete: check `hactl sentinel get-master-addr {name}`"
    )]
    Interrupted { name: String, sentinel: String },
}

impl Classify for SentinelError {
    fn kind(&self) -> ErrorKind {
        match self {
            SentinelError::NotConfigured
            | SentinelError::BadHost { .. }
            | SentinelError::TlsFile { .. }
            | SentinelError::Auth { .. }
            | SentinelError::UnknownMaster { .. } => ErrorKind::Usage,
            SentinelError::Unreachable { .. } => ErrorKind::Unreachable,
            SentinelError::Refused { .. } => ErrorKind::Refused,
            SentinelError::NotConfirmed { .. } => ErrorKind::NotConfirmed,
            SentinelError::Interrupted { .. } => ErrorKind::Interrupted,
            SentinelError::NoQuorum { .. } | SentinelError::Reply { .. } | SentinelError::Unexpected { .. } => {
                ErrorKind::Failed
            }
        }
    }
}

/// The settings with `hosts` (from `--sentinel` or `HACTL_SENTINELS`) in place of the configured
/// ones; the password and TLS still come from the configuration. Entries are `host[:port]`,
/// possibly comma-separated; the port defaults to 26379.
pub fn with_hosts(base: Option<&SentinelSettings>, entries: &[String]) -> Result<SentinelSettings, SentinelError> {
    let mut hosts = Vec::new();
    for entry in entries.iter().flat_map(|e| e.split(',')).map(str::trim).filter(|e| !e.is_empty()) {
        let (host, port) = split_host(entry)?;
        hosts.push(join_host(&host, port));
    }
    let mut settings = base.cloned().unwrap_or(SentinelSettings {
        hosts: Vec::new(),
        password: None,
        tls: false,
        cacert: None,
        cert: None,
        key: None,
    });
    if !hosts.is_empty() {
        settings.hosts = hosts;
    }
    if settings.hosts.is_empty() {
        return Err(SentinelError::NotConfigured);
    }
    Ok(settings)
}

/// `host[:port]` (IPv6 in brackets) into its parts.
fn split_host(entry: &str) -> Result<(String, u16), SentinelError> {
    let bad = |message: &str| SentinelError::BadHost { host: entry.to_string(), message: message.to_string() };
    if entry.contains('/') || entry.contains('@') {
        return Err(bad("expected HOST[:PORT]"));
    }
    let (host, port) = match hostport::split_checked(entry).map_err(bad)? {
        (host, Some(port)) => {
            let port =
                port.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(|| bad("expected a port number (1-65535)"))?;
            (host, port)
        }
        (host, None) => (host, DEFAULT_PORT),
    };
    if host.is_empty() {
        return Err(bad("expected HOST[:PORT]"));
    }
    Ok((host.to_string(), port))
}

fn join_host(host: &str, port: u16) -> String {
    if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
}

/// A Redis address as Sentinel reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addr {
    pub host: String,
    pub port: u16,
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&join_host(&self.host, self.port))
    }
}

/// One master as `SENTINEL MASTERS` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MasterInfo {
    pub name: String,
    pub addr: Addr,
    /// Sentinel's flags, e.g. `master`, or `s_down,o_down,master` when it is down.
    pub flags: Vec<String>,
    pub replicas: u64,
    /// Sentinels watching it, this one included.
    pub sentinels: u64,
    pub quorum: u64,
    pub config_epoch: u64,
}

/// One replica as `SENTINEL REPLICAS` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplicaInfo {
    pub name: String,
    pub addr: Addr,
    pub flags: Vec<String>,
    /// `ok` while its replication link to the master is up, `err` otherwise.
    pub master_link_status: String,
    /// Its replication offset (`slave-repl-offset`).
    pub offset: i64,
    /// `slave-priority`: 0 means never promoted.
    pub priority: i64,
    /// How long its link to the master has been down, in milliseconds (0 when up).
    pub master_link_down_ms: i64,
    /// The master it says it follows.
    pub master: Option<Addr>,
}

impl ReplicaInfo {
    fn is_down(&self) -> bool {
        self.flags.iter().any(|f| matches!(f.as_str(), "s_down" | "o_down" | "disconnected"))
    }
}

/// The replicas that do not follow `master` yet, described. Sentinel keeps a converted old
/// master's last INFO for a while (its link `ok` from before), so the master a replica reports
/// following must be `master` too, not only its link up.
fn not_following(replicas: &[ReplicaInfo], master: &Addr) -> Vec<String> {
    let follows = |r: &ReplicaInfo| r.master.as_ref() == Some(master);
    replicas
        .iter()
        .filter(|r| r.is_down() || r.master_link_status != "ok" || !follows(r))
        .map(|r| {
            let followed = r.master.as_ref().map_or("none".to_string(), Addr::to_string);
            format!("{} ({}, link {}, follows {followed})", r.addr, r.flags.join(","), r.master_link_status)
        })
        .collect()
}

/// One of the other Sentinels watching a master.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentinelInfo {
    /// Its run id.
    pub name: String,
    pub addr: Addr,
    pub flags: Vec<String>,
    /// Milliseconds since its last hello on the master's channel.
    pub last_hello_ms: i64,
    /// The Sentinel it voted for as failover leader, if any (`?` in SENTINEL's own output).
    pub voted_leader: Option<String>,
    pub voted_leader_epoch: u64,
}

/// What `SENTINEL CKQUORUM` said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumCheck {
    pub name: String,
    /// The Sentinel that answered.
    pub sentinel: String,
    pub ok: bool,
    /// Usable Sentinels, from the message.
    pub usable: Option<u64>,
    pub message: String,
}

impl QuorumCheck {
    /// Ok when quorum and failover authorization can be reached.
    pub fn verdict(&self) -> Result<(), SentinelError> {
        match self.ok {
            true => Ok(()),
            false => Err(SentinelError::NoQuorum {
                name: self.name.clone(),
                sentinel: self.sentinel.clone(),
                message: self.message.clone(),
            }),
        }
    }
}

/// What a failover will act on, checked before it is asked for.
#[derive(Debug, Clone, Serialize)]
pub struct FailoverPlan {
    pub name: String,
    pub quorum: QuorumCheck,
    pub master: Addr,
    pub replicas: Vec<ReplicaInfo>,
}

/// A failover that Sentinel completed: the master address changed.
#[derive(Debug, Clone, Serialize)]
pub struct FailoverOutcome {
    pub name: String,
    /// The Sentinel that accepted `SENTINEL FAILOVER`.
    pub sentinel: String,
    pub old_master: Addr,
    pub new_master: Addr,
    /// From `SENTINEL FAILOVER` to the new address (and, with `wait_replicas`, following replicas).
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
    /// The new master's replicas, when asked to wait for them.
    pub replicas: Option<Vec<ReplicaInfo>>,
}

fn millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(duration.as_millis() as u64)
}

/// How often a failover's progress is polled.
const POLL: Duration = Duration::from_millis(250);

/// TLS material, read once.
struct Tls {
    root_cert: Option<Vec<u8>>,
    client: Option<(Vec<u8>, Vec<u8>)>,
}

/// A set of Sentinels and the connection to the one that answered last.
pub struct Sentinels {
    hosts: Vec<(String, u16)>,
    password: Option<Secret>,
    tls: Option<Tls>,
    timeout: Duration,
    current: Option<(usize, MultiplexedConnection)>,
}

impl Sentinels {
    /// Checks the addresses and reads the TLS files; connects on first use.
    pub fn new(settings: &SentinelSettings, timeout: Duration) -> Result<Sentinels, SentinelError> {
        let hosts = settings.hosts.iter().map(|h| split_host(h)).collect::<Result<Vec<_>, _>>()?;
        if hosts.is_empty() {
            return Err(SentinelError::NotConfigured);
        }
        let tls = if settings.tls || settings.cacert.is_some() || settings.cert.is_some() {
            let client = match (&settings.cert, &settings.key) {
                (Some(cert), Some(key)) => Some((read_tls_file("cert", cert)?, read_tls_file("key", key)?)),
                _ => None,
            };
            let root_cert = settings.cacert.as_deref().map(|path| read_tls_file("cacert", path)).transpose()?;
            Some(Tls { root_cert, client })
        } else {
            None
        };
        Ok(Sentinels { hosts, password: settings.password.clone(), tls, timeout, current: None })
    }

    /// The Sentinel that answered last, as `host:port`.
    pub fn answering(&self) -> Option<String> {
        self.current.as_ref().map(|(i, _)| self.name(*i))
    }

    fn name(&self, index: usize) -> String {
        let (host, port) = &self.hosts[index];
        join_host(host, *port)
    }

    /// `SENTINEL MASTERS`.
    pub async fn masters(&mut self) -> Result<Vec<MasterInfo>, SentinelError> {
        let reply = self.sentinel(&["MASTERS"]).await?;
        let sentinel = self.answering().unwrap_or_default();
        maps(reply, &sentinel, "SENTINEL MASTERS")?.iter().map(|m| master_info(m, &sentinel)).collect()
    }

    /// `SENTINEL MASTER name`.
    pub async fn master(&mut self, name: &str) -> Result<MasterInfo, SentinelError> {
        let reply = self.named(&["MASTER"], name).await?;
        let sentinel = self.answering().unwrap_or_default();
        let fields = fields(reply, &sentinel, "SENTINEL MASTER")?;
        master_info(&fields, &sentinel)
    }

    /// `SENTINEL REPLICAS name`.
    pub async fn replicas(&mut self, name: &str) -> Result<Vec<ReplicaInfo>, SentinelError> {
        let reply = self.named(&["REPLICAS"], name).await?;
        let sentinel = self.answering().unwrap_or_default();
        maps(reply, &sentinel, "SENTINEL REPLICAS")?.iter().map(|m| replica_info(m, &sentinel)).collect()
    }

    /// `SENTINEL SENTINELS name`: the other Sentinels watching `name`.
    pub async fn sentinels(&mut self, name: &str) -> Result<Vec<SentinelInfo>, SentinelError> {
        let reply = self.named(&["SENTINELS"], name).await?;
        let sentinel = self.answering().unwrap_or_default();
        maps(reply, &sentinel, "SENTINEL SENTINELS")?.iter().map(|m| sentinel_info(m, &sentinel)).collect()
    }

    /// `SENTINEL GET-MASTER-ADDR-BY-NAME name`. Sentinel answers an unknown name with a null
    /// reply rather than an error; that is an error here.
    pub async fn master_addr(&mut self, name: &str) -> Result<Addr, SentinelError> {
        let reply = self.named(&["GET-MASTER-ADDR-BY-NAME"], name).await?;
        let sentinel = self.answering().unwrap_or_default();
        let command = "SENTINEL GET-MASTER-ADDR-BY-NAME";
        match reply {
            Value::Nil => Err(self.unknown_master(name, &sentinel).await),
            reply => {
                let parts: Vec<String> =
                    redis::from_redis_value(reply).map_err(|e| unexpected(&sentinel, command, e))?;
                match parts.as_slice() {
                    [host, port] => Ok(Addr {
                        host: host.clone(),
                        port: port.parse().map_err(|_| unexpected(&sentinel, command, format!("port {port:?}")))?,
                    }),
                    other => Err(unexpected(&sentinel, command, format!("{other:?}"))),
                }
            }
        }
    }

    /// `SENTINEL CKQUORUM name`: `ok` false (not an error) when quorum cannot be reached.
    pub async fn ckquorum(&mut self, name: &str) -> Result<QuorumCheck, SentinelError> {
        let answer = self.named_raw(&["CKQUORUM"], name).await?;
        let sentinel = self.answering().unwrap_or_default();
        let (ok, message) = match answer {
            Ok(reply) => (
                true,
                redis::from_redis_value::<String>(reply).map_err(|e| unexpected(&sentinel, "SENTINEL CKQUORUM", e))?,
            ),
            Err(e) if e.code() == Some("NOQUORUM") => (false, reply_text(&e)),
            Err(e) => return Err(self.reply_error(e, name, "SENTINEL CKQUORUM").await),
        };
        let usable = message.split_whitespace().find_map(|word| word.parse().ok());
        Ok(QuorumCheck { name: name.to_string(), sentinel, ok, usable, message })
    }

    /// The preflight of a failover: quorum can be reached, the master's address, and its
    /// replicas with their offsets. Refused (nothing changed) without quorum or replicas.
    pub async fn plan_failover(&mut self, name: &str) -> Result<FailoverPlan, SentinelError> {
        let quorum = self.ckquorum(name).await?;
        if !quorum.ok {
            let reason = format!("Sentinel {} reports no quorum: {}", quorum.sentinel, quorum.message);
            return Err(SentinelError::Refused { name: name.to_string(), reason });
        }
        let master = self.master_addr(name).await?;
        let replicas = self.replicas(name).await?;
        if replicas.is_empty() {
            let reason = format!("{name} ({master}) has no replica to promote");
            return Err(SentinelError::Refused { name: name.to_string(), reason });
        }
        Ok(FailoverPlan { name: name.to_string(), quorum, master, replicas })
    }

    /// `SENTINEL FAILOVER`, then polls `GET-MASTER-ADDR-BY-NAME` until it names another master
    /// (and, with `wait_replicas`, until the new master has as many replicas as the old one had,
    /// all linked and up). `NotConfirmed` when that is not seen within `timeout`; `Interrupted`
    /// on Ctrl-C once the failover was asked for.
    pub async fn failover(
        &mut self,
        plan: &FailoverPlan,
        wait_replicas: bool,
        timeout: Duration,
    ) -> Result<FailoverOutcome, SentinelError> {
        let name = plan.name.as_str();
        // From the request on, Ctrl-C is answered with what was already sent.
        crate::interrupt::listen();
        let answer = self.named_raw(&["FAILOVER"], name).await?;
        let start = Instant::now();
        let sentinel = self.answering().unwrap_or_default();
        match answer {
            Ok(_) => {}
            Err(e) if matches!(e.code(), Some("NOGOODSLAVE" | "INPROG")) => {
                let reason = format!("Sentinel {sentinel} answered {}", reply_text(&e));
                return Err(SentinelError::Refused { name: name.to_string(), reason });
            }
            Err(e) => return Err(self.reply_error(e, name, "SENTINEL FAILOVER").await),
        }
        let wait = self.confirm_failover(plan, &sentinel, start, wait_replicas, timeout);
        let finished = tokio::select! {
            result = wait => Some(result),
            () = crate::interrupt::requested() => None,
        };
        finished
            .unwrap_or_else(|| Err(SentinelError::Interrupted { name: name.to_string(), sentinel: sentinel.clone() }))
    }

    /// The wait of [`Sentinels::failover`], once `sentinel` accepted it at `start`.
    async fn confirm_failover(
        &mut self,
        plan: &FailoverPlan,
        sentinel: &str,
        start: Instant,
        wait_replicas: bool,
        timeout: Duration,
    ) -> Result<FailoverOutcome, SentinelError> {
        let name = plan.name.as_str();
        let deadline = start + timeout;
        let not_confirmed = |what: String| SentinelError::NotConfirmed {
            name: name.to_string(),
            sentinel: sentinel.to_string(),
            what,
            waited: timeout,
        };
        let new_master = loop {
            // A Sentinel that stops answering for a moment is not the end of the wait.
            let seen = match self.master_addr(name).await {
                Ok(addr) if addr != plan.master => break addr,
                Ok(_) => format!("the master is still {}", plan.master),
                Err(SentinelError::Unreachable { details }) => {
                    format!("no Sentinel answered the last poll ({details})")
                }
                Err(e) => return Err(e),
            };
            if Instant::now() + POLL > deadline {
                return Err(not_confirmed(seen));
            }
            tokio::time::sleep(POLL).await;
        };
        let replicas = if wait_replicas {
            let wanted = plan.replicas.len();
            loop {
                let lagging = match self.replicas(name).await {
                    Ok(replicas) => {
                        let lagging = not_following(&replicas, &new_master);
                        if lagging.is_empty() && replicas.len() >= wanted {
                            break Some(replicas);
                        }
                        if lagging.is_empty() {
                            format!("{} of {wanted} replicas", replicas.len())
                        } else {
                            lagging.join(", ")
                        }
                    }
                    Err(SentinelError::Unreachable { details }) => details,
                    Err(e) => return Err(e),
                };
                if Instant::now() + POLL > deadline {
                    return Err(not_confirmed(format!(
                        "the new master {new_master} is in place while its replicas do not all follow it yet: {lagging}"
                    )));
                }
                tokio::time::sleep(POLL).await;
            }
        } else {
            None
        };
        Ok(FailoverOutcome {
            name: name.to_string(),
            sentinel: sentinel.to_string(),
            old_master: plan.master.clone(),
            new_master,
            took: start.elapsed(),
            replicas,
        })
    }

    /// `SENTINEL <args...> name`, with error replies turned into errors that name the master.
    async fn named(&mut self, args: &[&str], name: &str) -> Result<Value, SentinelError> {
        let command = format!("SENTINEL {}", args.join(" "));
        match self.named_raw(args, name).await? {
            Ok(reply) => Ok(reply),
            Err(e) => Err(self.reply_error(e, name, &command).await),
        }
    }

    async fn named_raw(
        &mut self,
        args: &[&str],
        name: &str,
    ) -> Result<Result<Value, redis::RedisError>, SentinelError> {
        let mut all: Vec<&str> = args.to_vec();
        all.push(name);
        self.run(&all).await
    }

    /// `SENTINEL <args...>`, with any error reply as an error.
    async fn sentinel(&mut self, args: &[&str]) -> Result<Value, SentinelError> {
        let command = format!("SENTINEL {}", args.join(" "));
        match self.run(args).await? {
            Ok(reply) => Ok(reply),
            Err(e) => Err(reply_error(e, &self.answering().unwrap_or_default(), &command)),
        }
    }

    /// An error reply about a master: the unknown-name error lists the names Sentinel knows.
    async fn reply_error(&mut self, e: redis::RedisError, name: &str, command: &str) -> SentinelError {
        let sentinel = self.answering().unwrap_or_default();
        if e.detail().is_some_and(|d| d.contains("No such master")) {
            return self.unknown_master(name, &sentinel).await;
        }
        reply_error(e, &sentinel, command)
    }

    async fn unknown_master(&mut self, name: &str, sentinel: &str) -> SentinelError {
        let known = match self.masters().await {
            Ok(masters) if masters.is_empty() => "it monitors none".to_string(),
            Ok(masters) => format!("known: {}", masters.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")),
            Err(_) => "cannot list the known ones".to_string(),
        };
        SentinelError::UnknownMaster { name: name.to_string(), sentinel: sentinel.to_string(), known }
    }

    /// Sends `SENTINEL <args...>` to the current Sentinel, else to each in order until one
    /// answers. The outer error means no Sentinel answered (or authentication failed); the inner
    /// result is the Sentinel's answer, error replies included.
    async fn run(&mut self, args: &[&str]) -> Result<Result<Value, redis::RedisError>, SentinelError> {
        let mut command = redis::cmd("SENTINEL");
        for arg in args {
            command.arg(*arg);
        }
        let first = self.current.as_ref().map_or(0, |(i, _)| *i);
        let order: Vec<usize> = (first..self.hosts.len()).chain(0..first).collect();
        let mut problems = Vec::new();
        for index in order {
            let sentinel = self.name(index);
            let mut connection = match self.current.take() {
                Some((i, connection)) if i == index => connection,
                _ => match self.connect(index).await {
                    Ok(connection) => connection,
                    Err(Failure::Unreachable(detail)) => {
                        problems.push(format!("{sentinel}: {detail}"));
                        continue;
                    }
                    Err(Failure::Auth(detail)) => return Err(SentinelError::Auth { sentinel, detail }),
                },
            };
            let answer = tokio::time::timeout(self.timeout, command.query_async::<Value>(&mut connection)).await;
            match answer {
                Err(_) => problems.push(format!("{sentinel}: {}", self.no_answer())),
                Ok(Err(e)) if is_unreachable(&e) => problems.push(format!("{sentinel}: {e}")),
                Ok(Err(e)) if is_auth(&e) => return Err(SentinelError::Auth { sentinel, detail: reply_text(&e) }),
                Ok(answer) => {
                    self.current = Some((index, connection));
                    return Ok(answer);
                }
            }
        }
        Err(SentinelError::Unreachable { details: problems.join(", ") })
    }

    fn no_answer(&self) -> String {
        format!("no answer within {}s", crate::units::seconds_text(self.timeout))
    }

    async fn connect(&self, index: usize) -> Result<MultiplexedConnection, Failure> {
        let (host, port) = self.hosts[index].clone();
        let addr = match self.tls {
            Some(_) => ConnectionAddr::TcpTls { host, port, insecure: false, tls_params: None },
            None => ConnectionAddr::Tcp(host, port),
        };
        let mut redis = RedisConnectionInfo::default().set_skip_set_lib_name();
        if let Some(password) = &self.password {
            redis = redis.set_password(password.expose());
        }
        let info =
            addr.into_connection_info().map_err(|e| Failure::Unreachable(e.to_string()))?.set_redis_settings(redis);
        let client = match &self.tls {
            Some(tls) => Client::build_with_tls(
                info,
                redis::TlsCertificates {
                    client_tls: tls.client.as_ref().map(|(cert, key)| redis::ClientTlsConfig {
                        client_cert: cert.clone(),
                        client_key: key.clone(),
                    }),
                    root_cert: tls.root_cert.clone(),
                },
            ),
            None => Client::open(info),
        }
        .map_err(|e| Failure::Unreachable(e.to_string()))?;
        // The client's own timeouts come a second after ours, so that ours fires first and the
        // message says how long was waited.
        let slack = self.timeout + Duration::from_secs(1);
        let config = AsyncConnectionConfig::new().set_connection_timeout(Some(slack)).set_response_timeout(Some(slack));
        match tokio::time::timeout(self.timeout, client.get_multiplexed_async_connection_with_config(&config)).await {
            Err(_) => Err(Failure::Unreachable(self.no_answer())),
            Ok(Ok(connection)) => Ok(connection),
            Ok(Err(e)) if is_auth(&e) => Err(Failure::Auth(reply_text(&e))),
            Ok(Err(e)) => Err(Failure::Unreachable(e.to_string())),
        }
    }
}

enum Failure {
    Unreachable(String),
    Auth(String),
}

fn read_tls_file(what: &'static str, path: &Path) -> Result<Vec<u8>, SentinelError> {
    std::fs::read(path).map_err(|source| SentinelError::TlsFile { what, path: path.to_path_buf(), source })
}

fn is_unreachable(e: &redis::RedisError) -> bool {
    e.is_io_error() || e.is_timeout() || e.is_connection_refusal() || e.is_connection_dropped()
}

fn is_auth(e: &redis::RedisError) -> bool {
    e.kind() == redis::ErrorKind::AuthenticationFailed
        || matches!(e.code(), Some("NOAUTH" | "WRONGPASS"))
        || e.detail().is_some_and(|d| d.contains("invalid password"))
}

/// An error reply as Sentinel sent it: `NOQUORUM 1 usable Sentinels...`.
fn reply_text(e: &redis::RedisError) -> String {
    match (e.code(), e.detail()) {
        (Some(code), Some(detail)) => format!("{code} {detail}"),
        (Some(code), None) => code.to_string(),
        _ => e.to_string(),
    }
}

fn reply_error(e: redis::RedisError, sentinel: &str, command: &str) -> SentinelError {
    if e.kind() == redis::ErrorKind::Parse {
        // Not RESP at all (the parser's message spans lines): something else listens there.
        let detail = "the answer is not in the Redis protocol: is this a Sentinel's port? (check --sentinel, HACTL_SENTINELS or sentinel.hosts)";
        return unexpected(sentinel, command, detail);
    }
    SentinelError::Reply { sentinel: sentinel.to_string(), command: command.to_string(), message: reply_text(&e) }
}

fn unexpected(sentinel: &str, command: &str, detail: impl fmt::Display) -> SentinelError {
    SentinelError::Unexpected {
        sentinel: sentinel.to_string(),
        command: command.to_string(),
        detail: detail.to_string(),
    }
}

type Fields = HashMap<String, String>;

/// An array of field/value arrays (RESP2) or maps (RESP3).
fn maps(reply: Value, sentinel: &str, command: &str) -> Result<Vec<Fields>, SentinelError> {
    redis::from_redis_value(reply).map_err(|e| unexpected(sentinel, command, e))
}

fn fields(reply: Value, sentinel: &str, command: &str) -> Result<Fields, SentinelError> {
    redis::from_redis_value(reply).map_err(|e| unexpected(sentinel, command, e))
}

fn text(fields: &Fields, key: &str) -> String {
    fields.get(key).cloned().unwrap_or_default()
}

fn number<T: std::str::FromStr + Default>(fields: &Fields, key: &str) -> T {
    fields.get(key).and_then(|v| v.parse().ok()).unwrap_or_default()
}

fn flags(fields: &Fields) -> Vec<String> {
    text(fields, "flags").split(',').filter(|f| !f.is_empty()).map(str::to_string).collect()
}

fn addr(fields: &Fields, host: &str, port: &str, sentinel: &str, command: &str) -> Result<Addr, SentinelError> {
    let host_text = text(fields, host);
    let port_text = text(fields, port);
    match port_text.parse() {
        Ok(port) if !host_text.is_empty() => Ok(Addr { host: host_text, port }),
        _ => Err(unexpected(
            sentinel,
            command,
            format!("no address in {{{host}: {host_text:?}, {port}: {port_text:?}}}"),
        )),
    }
}

fn master_info(fields: &Fields, sentinel: &str) -> Result<MasterInfo, SentinelError> {
    Ok(MasterInfo {
        name: text(fields, "name"),
        addr: addr(fields, "ip", "port", sentinel, "SENTINEL MASTERS")?,
        flags: flags(fields),
        replicas: number(fields, "num-slaves"),
        sentinels: number::<u64>(fields, "num-other-sentinels") + 1,
        quorum: number(fields, "quorum"),
        config_epoch: number(fields, "config-epoch"),
    })
}

fn replica_info(fields: &Fields, sentinel: &str) -> Result<ReplicaInfo, SentinelError> {
    let master = addr(fields, "master-host", "master-port", sentinel, "SENTINEL REPLICAS").ok();
    Ok(ReplicaInfo {
        name: text(fields, "name"),
        addr: addr(fields, "ip", "port", sentinel, "SENTINEL REPLICAS")?,
        flags: flags(fields),
        master_link_status: text(fields, "master-link-status"),
        offset: number(fields, "slave-repl-offset"),
        priority: number(fields, "slave-priority"),
        master_link_down_ms: number(fields, "master-link-down-time"),
        master,
    })
}

fn sentinel_info(fields: &Fields, sentinel: &str) -> Result<SentinelInfo, SentinelError> {
    let leader = text(fields, "leader");
    Ok(SentinelInfo {
        name: text(fields, "name"),
        addr: addr(fields, "ip", "port", sentinel, "SENTINEL SENTINELS")?,
        flags: flags(fields),
        last_hello_ms: number(fields, "last-hello-message"),
        voted_leader: Some(leader).filter(|l| !l.is_empty() && l != "?"),
        voted_leader_epoch: number(fields, "leader-epoch"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_replica_follows_the_new_master_only_when_it_says_so_and_its_link_is_up() {
        let new = Addr { host: "127.0.0.1".into(), port: 7391 };
        let replica = |master: Option<u16>, link: &str| ReplicaInfo {
            name: "127.0.0.1:7390".into(),
            addr: Addr { host: "127.0.0.1".into(), port: 7390 },
            flags: vec!["slave".into()],
            master_link_status: link.into(),
            offset: 0,
            priority: 100,
            master_link_down_ms: 0,
            master: master.map(|port| Addr { host: "127.0.0.1".into(), port }),
        };
        assert!(not_following(&[replica(Some(7391), "ok")], &new).is_empty());
        // The old master just converted: Sentinel still shows its INFO from when it was master.
        assert_eq!(not_following(&[replica(None, "ok")], &new), ["127.0.0.1:7390 (slave, link ok, follows none)"]);
        assert_eq!(not_following(&[replica(Some(7390), "ok")], &new).len(), 1);
        assert_eq!(not_following(&[replica(Some(7391), "err")], &new).len(), 1);
    }

    #[test]
    fn hosts_default_their_port_and_replace_the_configured_ones() {
        let base = SentinelSettings {
            hosts: vec!["10.0.0.1:26379".into()],
            password: None,
            tls: true,
            cacert: Some("/etc/redis/ca.pem".into()),
            cert: None,
            key: None,
        };
        let settings = with_hosts(Some(&base), &["a,b:26380".into(), "[::1]:1".into(), "::1".into()]).unwrap();
        assert_eq!(settings.hosts, ["a:26379", "b:26380", "[::1]:1", "[::1]:26379"]);
        assert!(settings.tls && settings.cacert.is_some());
        assert_eq!(with_hosts(Some(&base), &[]).unwrap().hosts, base.hosts);
        assert!(matches!(with_hosts(None, &[]), Err(SentinelError::NotConfigured)));
    }

    #[test]
    fn bad_hosts_are_named() {
        for entry in ["a:0", "a:x", "redis://a:1", ":1"] {
            let err = with_hosts(None, &[entry.into()]).unwrap_err();
            assert!(err.to_string().contains(&format!("{entry:?}")), "{err}");
            assert_eq!(err.kind(), ErrorKind::Usage);
        }
    }

    #[test]
    fn replies_become_typed_records() {
        let master = master_info(
            &map(&[
                ("name", "mymaster"),
                ("ip", "127.0.0.1"),
                ("port", "6390"),
                ("flags", "s_down,master"),
                ("num-slaves", "1"),
                ("num-other-sentinels", "2"),
                ("quorum", "2"),
                ("config-epoch", "3"),
            ]),
            "s:1",
        )
        .unwrap();
        assert_eq!(master.addr.to_string(), "127.0.0.1:6390");
        assert_eq!(master.flags, ["s_down", "master"]);
        assert_eq!((master.replicas, master.sentinels, master.quorum, master.config_epoch), (1, 3, 2, 3));
        let replica = replica_info(
            &map(&[
                ("name", "127.0.0.1:6391"),
                ("ip", "127.0.0.1"),
                ("port", "6391"),
                ("flags", "slave"),
                ("master-link-status", "ok"),
                ("slave-repl-offset", "12345"),
                ("slave-priority", "100"),
                ("master-host", "127.0.0.1"),
                ("master-port", "6390"),
            ]),
            "s:1",
        )
        .unwrap();
        assert_eq!((replica.offset, replica.priority, replica.is_down()), (12345, 100, false));
        assert_eq!(replica.master.unwrap().port, 6390);
        let peer = sentinel_info(
            &map(&[("name", "abc"), ("ip", "127.0.0.1"), ("port", "26391"), ("flags", "sentinel"), ("leader", "?")]),
            "s:1",
        )
        .unwrap();
        assert_eq!(peer.voted_leader, None);
        let err = master_info(&map(&[("name", "x"), ("port", "6390")]), "s:1").unwrap_err();
        assert!(err.to_string().contains("Sentinel s:1 answered SENTINEL MASTERS with an unexpected reply"), "{err}");
    }

    #[test]
    fn error_kinds_map_to_exit_codes() {
        let refused = SentinelError::Refused { name: "m".into(), reason: "NOGOODSLAVE".into() };
        assert_eq!(refused.kind().exit_code(), 3);
        assert_eq!(refused.to_string(), "failover of m refused: NOGOODSLAVE; nothing was changed");
        let late = SentinelError::NotConfirmed {
            name: "m".into(),
            sentinel: "s:1".into(),
            what: "the master is still 127.0.0.1:6390".into(),
            waited: Duration::from_secs(30),
        };
        assert_eq!(late.kind().exit_code(), 5);
        assert!(late.to_string().contains("but the master is still 127.0.0.1:6390 after 30s"), "{late}");
        let unknown =
            SentinelError::UnknownMaster { name: "x".into(), sentinel: "s:1".into(), known: "known: m".into() };
        assert_eq!(unknown.kind().exit_code(), 2);
        let quorum = QuorumCheck {
            name: "m".into(),
            sentinel: "s:1".into(),
            ok: false,
            usable: Some(1),
            message: "NOQUORUM".into(),
        };
        assert_eq!(quorum.verdict().unwrap_err().kind().exit_code(), 1);
    }

    #[tokio::test]
    async fn unreachable_sentinels_are_all_named() {
        let settings = with_hosts(None, &["127.0.0.1:1,127.0.0.1:2".into()]).unwrap();
        let mut sentinels = Sentinels::new(&settings, Duration::from_secs(2)).unwrap();
        let err = sentinels.masters().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unreachable);
        let text = err.to_string();
        assert!(text.contains("127.0.0.1:1: ") && text.contains("127.0.0.1:2: "), "{text}");
    }

    #[test]
    fn missing_tls_files_are_named() {
        let settings = SentinelSettings {
            hosts: vec!["a:1".into()],
            password: None,
            tls: true,
            cacert: Some("/nonexistent/ca.pem".into()),
            cert: None,
            key: None,
        };
        let err = Sentinels::new(&settings, Duration::from_secs(1)).err().unwrap();
        assert!(err.to_string().contains("sentinel.cacert file /nonexistent/ca.pem"), "{err}");
        assert_eq!(err.kind(), ErrorKind::Usage);
    }
}
