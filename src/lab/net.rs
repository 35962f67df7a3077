//! How the lab reaches what it runs, through the crates the rest of hactl uses: reqwest for
//! Patroni's REST API and etcd's `/health`, etcd-client for etcd's keys and users, and the redis
//! crate for Redis and its Sentinels. Every call has a timeout, and none goes through a proxy:
//! everything the lab runs listens on 127.0.0.1.
//!
//! The lab's API is synchronous. A lab call that talks to etcd or Patroni makes one [`Net`] and
//! blocks on its current-thread runtime, so it must not be made on a thread that drives a
//! runtime (tokio refuses to block there): `hactl lab` makes it from `spawn_blocking` or from a
//! thread of its own.

use std::fs;
use std::future::Future;
use std::io;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use tokio::runtime::Runtime;

use super::LabError;
use super::secure::{ApiTls, LabSecurity, Login};
use crate::error::innermost_cause;

const HTTP_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
const HTTP_TIMEOUT: Duration = Duration::from_secs(3);
const ETCD_TIMEOUT: Duration = Duration::from_secs(5);
const REDIS_TIMEOUT: Duration = Duration::from_secs(2);

/// The PEM files of the lab's CA and of hactl's client certificate.
struct Pem {
    ca: Vec<u8>,
    cert: Vec<u8>,
    key: Vec<u8>,
}

/// One lab call's way to etcd and the REST APIs: a runtime, and an HTTP client that speaks plain
/// HTTP, or HTTPS with the lab's CA and client certificate.
pub(crate) struct Net {
    runtime: Runtime,
    http: reqwest::Client,
    tls: Option<Pem>,
}

impl Net {
    /// Plain HTTP and etcd without `tls`; with it, HTTPS verified with its CA, presenting its
    /// client certificate.
    pub(crate) fn new(tls: Option<&ApiTls>) -> Result<Net, LabError> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        let runtime = runtime.expect("a current-thread runtime always builds");
        let read = |path: &Path| fs::read(path).map_err(LabError::io("read", path));
        let tls = match tls {
            None => None,
            Some(tls) => Some(Pem { ca: read(&tls.ca)?, cert: read(&tls.cert)?, key: read(&tls.key)? }),
        };
        let mut builder =
            reqwest::Client::builder().no_proxy().connect_timeout(HTTP_CONNECT_TIMEOUT).timeout(HTTP_TIMEOUT);
        if let Some(pem) = &tls {
            let invalid = |e: reqwest::Error| LabError::Tls(e.to_string());
            let ca = reqwest::Certificate::from_pem(&pem.ca).map_err(invalid)?;
            let identity = reqwest::Identity::from_pem(&[&pem.cert[..], b"\n", &pem.key].concat()).map_err(invalid)?;
            builder = builder.tls_certs_only([ca]).identity(identity);
        }
        let http = builder.build().map_err(|e| LabError::Tls(e.to_string()))?;
        Ok(Net { runtime, http, tls })
    }

    /// How the lab itself reaches its etcd and REST APIs: with hactl's client certificate when
    /// it is secured.
    pub(crate) fn for_lab(security: Option<&LabSecurity>) -> Result<Net, LabError> {
        Net::new(security.map(LabSecurity::client_tls).as_ref())
    }

    /// GETs `path` from 127.0.0.1:`port` (a REST API, or etcd) and parses the body as JSON
    /// whatever the status: an unhealthy etcd or Patroni answers 503 with a JSON body worth
    /// reading.
    pub(crate) fn get_json(&self, port: u16, path: &str) -> Result<Value, LabError> {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        let url = format!("{scheme}://127.0.0.1:{port}{path}");
        let fail = |reason: String| LabError::Http { method: "GET", url: url.clone(), reason };
        let failed = |e: reqwest::Error| fail(innermost_cause(&e).unwrap_or_else(|| e.to_string()));
        self.block_on(async {
            let response = self.http.get(&url).send().await.map_err(failed)?;
            let status = response.status().as_u16();
            let body = response.bytes().await.map_err(failed)?;
            serde_json::from_slice(&body).map_err(|e| fail(format!("status {status}, not JSON: {e}")))
        })
    }

    pub(crate) fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// A client of the etcd members at `endpoints` (`127.0.0.1:port`), logged in as `login` when
    /// given. Every request it makes has a timeout.
    pub(crate) async fn etcd_client(
        &self,
        endpoints: &[String],
        login: Option<&Login>,
    ) -> Result<etcd_client::Client, etcd_client::Error> {
        use etcd_client::{Certificate, ConnectOptions, Identity, TlsOptions};
        let mut options = ConnectOptions::new().with_connect_timeout(ETCD_TIMEOUT).with_timeout(ETCD_TIMEOUT);
        if let Some(pem) = &self.tls {
            let tls = TlsOptions::new()
                .ca_certificate(Certificate::from_pem(&pem.ca))
                .identity(Identity::from_pem(&pem.cert, &pem.key));
            options = options.with_tls(tls);
        }
        if let Some(login) = login {
            options = options.with_user(login.user.clone(), login.password.expose().to_owned());
        }
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        let endpoints: Vec<String> = endpoints.iter().map(|e| format!("{scheme}://{e}")).collect();
        tokio::time::timeout(ETCD_TIMEOUT, etcd_client::Client::connect(endpoints, Some(options)))
            .await
            .unwrap_or_else(|_| Err(etcd_client::Error::IoError(io::ErrorKind::TimedOut.into())))
    }
}

/// A connection to the Redis node or Sentinel on 127.0.0.1:`port`, after `AUTH password` when
/// there is one (a refused password is an error). Its commands time out too.
pub(crate) fn redis_connection(port: u16, password: Option<&str>) -> redis::RedisResult<redis::Connection> {
    let mut settings = redis::RedisConnectionInfo::default().set_skip_set_lib_name();
    if let Some(password) = password {
        settings = settings.set_password(password);
    }
    let info = redis::IntoConnectionInfo::into_connection_info(redis::ConnectionAddr::Tcp("127.0.0.1".into(), port))?
        .set_redis_settings(settings);
    let connection = redis::Client::open(info)?.get_connection_with_timeout(REDIS_TIMEOUT)?;
    connection.set_read_timeout(Some(REDIS_TIMEOUT))?;
    connection.set_write_timeout(Some(REDIS_TIMEOUT))?;
    Ok(connection)
}
