//! The Patroni REST API client: the agents that carry out switchover, failover, restart, reload
//! and reinitialize. Auth and TLS come from the `ctl`/`restapi` settings, as patronictl's
//! `PatroniRequest` uses them; every request has a timeout.

use crate::cluster::Member;
use crate::error::{Classify, ErrorKind, innermost_cause};
use crate::settings::RestSettings;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("the agent of {member} is unreachable at {url}: {detail}")]
    Unreachable { member: String, url: String, detail: String },
    #[error("the agent of {member} did not answer {url} within {}s", crate::units::seconds_text(*.timeout))]
    Timeout { member: String, url: String, timeout: Duration },
    #[error("the agent of {member} answered {url} with something that is not JSON: {detail}")]
    BadResponse { member: String, url: String, detail: String },
    #[error("member {member} has no REST API address (api_url) in the DCS")]
    NoApiUrl { member: String },
    #[error("cannot read the {what} file {} (check ctl.{what} in the configuration)", .path.display())]
    TlsFile {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid TLS settings for the REST API: {detail}")]
    Tls { detail: String },
    /// A TLS file of the configuration that cannot be used, with the variable or key that named it.
    #[error("{0}")]
    ConfigFile(String),
    /// The TLS session with the agent failed: the CA, the client certificate or the protocol.
    #[error("TLS with the agent of {member} at {url} failed: {detail}")]
    Handshake { member: String, url: String, detail: String },
}

impl Classify for AgentError {
    fn kind(&self) -> ErrorKind {
        match self {
            AgentError::Unreachable { .. } | AgentError::Timeout { .. } => ErrorKind::Unreachable,
            AgentError::BadResponse { .. } | AgentError::NoApiUrl { .. } => ErrorKind::Failed,
            AgentError::TlsFile { .. }
            | AgentError::Tls { .. }
            | AgentError::ConfigFile(_)
            | AgentError::Handshake { .. } => ErrorKind::Usage,
        }
    }
}

impl AgentError {
    /// The request never reached the agent, or got no answer: a fallback is in order. A failed
    /// TLS session counts: the request never reached the agent (patronictl falls back then too).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, AgentError::Unreachable { .. } | AgentError::Timeout { .. } | AgentError::Handshake { .. })
    }
}

/// An agent's answer: status and body, whatever the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentResponse {
    pub status: u16,
    pub body: String,
}

impl AgentResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A REST client for every agent of a cluster.
#[derive(Clone)]
pub struct Agents {
    http: reqwest::Client,
    auth: Option<(String, String)>,
    /// `-k/--insecure` (or `ctl.insecure`): certificates are not verified.
    insecure: bool,
    /// How long connecting (TCP and TLS) may take, for messages.
    connect_timeout: Duration,
}

impl Agents {
    pub fn new(settings: &RestSettings, connect_timeout: Duration) -> Result<Agents, AgentError> {
        if let Some(problem) = &settings.file_problem {
            return Err(AgentError::ConfigFile(problem.clone()));
        }
        let mut builder = reqwest::Client::builder().connect_timeout(connect_timeout).pool_max_idle_per_host(1);
        if let Some(ca) = &settings.cacert {
            let pem = read("cacert", ca)?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| AgentError::Tls { detail: format!("{}: {e}", ca.display()) })?;
            builder = builder.tls_certs_only(certs);
        }
        if let Some(cert) = &settings.certfile {
            let mut pem = read("certfile", cert)?;
            let key = settings.keyfile.as_deref().unwrap_or(cert);
            if key != cert {
                pem.push(b'\n');
                pem.extend(read("keyfile", key)?);
            }
            let identity = reqwest::Identity::from_pem(&pem)
                .map_err(|e| AgentError::Tls { detail: format!("client certificate {}: {e}", cert.display()) })?;
            builder = builder.identity(identity);
        }
        if settings.insecure {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        let http = builder.build().map_err(|e| AgentError::Tls { detail: e.to_string() })?;
        let auth = settings.auth.as_ref().map(|a| (a.username.clone(), a.password.expose().to_string()));
        Ok(Agents { http, auth, insecure: settings.insecure, connect_timeout })
    }

    /// `GET <api>/<endpoint>` on `member`'s agent, as JSON.
    pub async fn get_json(
        &self,
        member: &Member,
        endpoint: &str,
        timeout: Duration,
    ) -> Result<(u16, Value), AgentError> {
        self.get_json_at(&member.name, member.api_url.as_deref(), endpoint, timeout).await
    }

    /// `GET <api>/<endpoint>` on each of `members`' agents at once, each within `timeout`; the
    /// answers in the members' order.
    pub async fn get_json_each<'m>(
        &self,
        members: impl IntoIterator<Item = &'m Member>,
        endpoint: &str,
        timeout: Duration,
    ) -> Vec<(&'m Member, Result<(u16, Value), AgentError>)> {
        let members: Vec<&Member> = members.into_iter().collect();
        let mut asked = tokio::task::JoinSet::new();
        for (index, member) in members.iter().enumerate() {
            let (agents, member, endpoint) = (self.clone(), (*member).clone(), endpoint.to_string());
            asked.spawn(async move { (index, agents.get_json(&member, &endpoint, timeout).await) });
        }
        let mut answers: Vec<Option<Result<(u16, Value), AgentError>>> = members.iter().map(|_| None).collect();
        while let Some(Ok((index, answer))) = asked.join_next().await {
            answers[index] = Some(answer);
        }
        members.into_iter().zip(answers).filter_map(|(member, answer)| Some((member, answer?))).collect()
    }

    /// `POST`/`DELETE`/... on `member`'s agent with an optional JSON body; any HTTP status is an
    /// answer.
    pub async fn request(
        &self,
        member: &Member,
        method: reqwest::Method,
        endpoint: &str,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<AgentResponse, AgentError> {
        self.request_at(&member.name, member.api_url.as_deref(), method, endpoint, body, timeout).await
    }

    async fn get_json_at(
        &self,
        member: &str,
        api_url: Option<&str>,
        endpoint: &str,
        timeout: Duration,
    ) -> Result<(u16, Value), AgentError> {
        let response = self.request_at(member, api_url, reqwest::Method::GET, endpoint, None, timeout).await?;
        let url = endpoint_url(api_url.unwrap_or_default(), endpoint);
        let value = serde_json::from_str(&response.body).map_err(|e| AgentError::BadResponse {
            member: member.to_string(),
            url,
            detail: e.to_string(),
        })?;
        Ok((response.status, value))
    }

    async fn request_at(
        &self,
        member: &str,
        api_url: Option<&str>,
        method: reqwest::Method,
        endpoint: &str,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<AgentResponse, AgentError> {
        let api_url =
            api_url.filter(|u| !u.is_empty()).ok_or_else(|| AgentError::NoApiUrl { member: member.into() })?;
        self.send(member, endpoint_url(api_url, endpoint), method, body, timeout).await
    }

    /// `GET url` as it is written (check_patroni's `-e` endpoints joined with a path, query
    /// string and all); any HTTP status is an answer.
    pub async fn get_url(&self, url: &str, timeout: Duration) -> Result<AgentResponse, AgentError> {
        self.send(url, url.to_string(), reqwest::Method::GET, None, timeout).await
    }

    async fn send(
        &self,
        member: &str,
        url: String,
        method: reqwest::Method,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<AgentResponse, AgentError> {
        let mut request = self.http.request(method, &url).timeout(timeout);
        if let Some((user, password)) = &self.auth {
            request = request.basic_auth(user, Some(password));
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let failed = |e: reqwest::Error| {
            if e.is_timeout() {
                // A frozen agent accepts the TCP connection and stalls the TLS handshake: the
                // connect timeout is what ran out then.
                let timeout = if e.is_connect() { self.connect_timeout } else { timeout };
                AgentError::Timeout { member: member.to_string(), url: url.clone(), timeout }
            } else if let Some(tls) = crate::tls::find(&e) {
                let detail = tls.explain(
                    "the agent",
                    "ctl.cacert (or restapi.cafile)",
                    "ctl.certfile",
                    "ctl.keyfile",
                    !self.insecure,
                );
                AgentError::Handshake { member: member.to_string(), url: url.clone(), detail }
            } else {
                AgentError::Unreachable {
                    member: member.to_string(),
                    url: url.clone(),
                    detail: innermost_cause(&e).unwrap_or_else(|| e.to_string()),
                }
            }
        };
        let response = request.send().await.map_err(failed)?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(failed)?;
        Ok(AgentResponse { status, body })
    }
}

/// What to check when an agent answers 401 or 403: Patroni's REST API refused the credentials
/// (401) or the client (403: no client certificate, or not in `restapi.allowlist`).
pub fn refusal_hint(status: u16) -> Option<&'static str> {
    match status {
        401 => Some(
            "the agent refused the credentials: check the username and password in ctl.authentication (or restapi.authentication)",
        ),
        403 => Some(
            "the agent refused access: it wants a client certificate (ctl.certfile and ctl.keyfile) or the client's address in restapi.allowlist",
        ),
        _ => None,
    }
}

/// `http://h:8008/patroni` + `switchover` → `http://h:8008/switchover`, as `get_endpoint_url`.
pub fn endpoint_url(api_url: &str, endpoint: &str) -> String {
    let base = match api_url.find("://") {
        Some(i) => {
            let after = &api_url[i + 3..];
            let end = after.find('/').map_or(api_url.len(), |j| i + 3 + j);
            &api_url[..end]
        }
        None => api_url.split('/').next().unwrap_or(api_url),
    };
    format!("{base}/{}", endpoint.trim_start_matches('/'))
}

fn read(what: &'static str, path: &Path) -> Result<Vec<u8>, AgentError> {
    std::fs::read(path).map_err(|source| AgentError::TlsFile { what, path: path.to_path_buf(), source })
}

/// reqwest's top-level message is generic ("error sending request"); the cause is innermost.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_urls_replace_the_path() {
        assert_eq!(endpoint_url("http://127.0.0.1:8008/patroni", "switchover"), "http://127.0.0.1:8008/switchover");
        assert_eq!(endpoint_url("https://db1:8008", "/patroni"), "https://db1:8008/patroni");
    }
}
