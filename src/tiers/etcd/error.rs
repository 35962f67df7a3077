//! etcd's errors, and what failed endpoints amount to.

use super::Quorum;
use crate::dcs::DcsError;
use crate::error::{Classify, ErrorKind};
use serde::Serialize;
use std::time::Duration;

pub(super) const DEFAULT_PORT: u16 = 2379;
pub(super) const CHECK_RUNNING: &str = "check that etcd runs there and that the endpoints are right";
pub(super) const CHECK_QUORUM: &str =
    "check that etcd runs there and has quorum (`hactl etcd health`), and that the endpoints are right";

#[derive(Debug, thiserror::Error)]
pub enum EtcdError {
    #[error(
        "no etcd endpoints configured: pass --endpoints HOST:PORT, or set etcd3.hosts in the configuration file, PATRONI_ETCD3_HOSTS or --dcs-url"
    )]
    NotConfigured,
    #[error("--endpoints {endpoint:?}: {message}")]
    BadEndpoint { endpoint: String, message: String },
    #[error(transparent)]
    Dcs(#[from] DcsError),
    #[error("no etcd endpoint answered ({details}); {hint}")]
    Unreachable { details: String, hint: &'static str },
    #[error("etcd authentication failed ({details}); check etcd3.username and etcd3.password")]
    Auth { details: String },
    #[error("TLS with etcd failed ({details}); {explained}")]
    Tls { details: String, explained: String },
    /// Something that is not etcd answers at the endpoints: a wrong host or port.
    #[error("etcd unreachable at {details}: {explained}")]
    NotEtcd { details: String, explained: String },
    #[error("etcd could not answer ({details})")]
    Rpc { details: String },
    #[error("etcd is unhealthy: {}; {quorum}", list(.unhealthy))]
    Unhealthy { unhealthy: Vec<(String, String)>, quorum: Quorum },
    #[error("no status from {}; the other endpoints answered", list(.failed))]
    StatusIncomplete { failed: Vec<(String, String)> },
}

impl Classify for EtcdError {
    fn kind(&self) -> ErrorKind {
        match self {
            EtcdError::NotConfigured
            | EtcdError::BadEndpoint { .. }
            | EtcdError::Auth { .. }
            | EtcdError::Tls { .. }
            | EtcdError::NotEtcd { .. } => ErrorKind::Usage,
            EtcdError::Dcs(e) => e.kind(),
            EtcdError::Unreachable { .. } => ErrorKind::Unreachable,
            EtcdError::Rpc { .. } | EtcdError::Unhealthy { .. } | EtcdError::StatusIncomplete { .. } => {
                ErrorKind::Failed
            }
        }
    }
}

/// A TLS failure at some endpoints, with what to check (that of the first one).
fn tls_error(details: Vec<(String, String)>, explained: Option<String>) -> EtcdError {
    // The same failure at every endpoint is said once.
    let same = details.windows(2).all(|pair| pair[0].1 == pair[1].1);
    let details = match (same, details.first()) {
        (true, Some((_, message))) => format!("{}: {message}", endpoint_names(&details)),
        _ => list(&details),
    };
    EtcdError::Tls {
        details,
        explained: explained.unwrap_or_else(|| "check etcd3.cacert, etcd3.cert, etcd3.key and etcd3.protocol".into()),
    }
}

/// Something that is not etcd at some endpoints, with what to check (that of the first one when
/// they all say the same).
fn not_etcd_error(details: Vec<(String, String)>, explained: Option<String>) -> EtcdError {
    let same = details.windows(2).all(|pair| pair[0].1 == pair[1].1);
    match (same, explained) {
        (true, Some(explained)) => EtcdError::NotEtcd { details: endpoint_names(&details), explained },
        _ => EtcdError::NotEtcd { details: list(&details), explained: crate::dcs::CHECK_PORT.to_string() },
    }
}

fn endpoint_names(details: &[(String, String)]) -> String {
    details.iter().map(|(endpoint, _)| endpoint.as_str()).collect::<Vec<_>>().join(", ")
}

/// The error that failed endpoints amount to when their failures are of one kind: TLS or not etcd at any
/// endpoint, every endpoint unreachable (`all_failed`: none answered), or credentials refused.
/// `None` leaves the verdict to the caller. `problems` are in endpoint order.
pub(super) fn failure_error(
    problems: &[(&str, Problem)],
    all_failed: bool,
    unreachable_hint: &'static str,
) -> Option<EtcdError> {
    let of = |failure: Failure| -> Vec<(String, String)> {
        problems.iter().filter(|(_, p)| p.failure == failure).map(|(e, p)| (e.to_string(), p.message.clone())).collect()
    };
    if let Some((_, first)) = problems.iter().find(|(_, p)| p.failure == Failure::Tls) {
        return Some(tls_error(of(Failure::Tls), first.explained.clone()));
    }
    if let Some((_, first)) = problems.iter().find(|(_, p)| p.failure == Failure::NotEtcd) {
        return Some(not_etcd_error(of(Failure::NotEtcd), first.explained.clone()));
    }
    let all: Vec<(String, String)> = problems.iter().map(|(e, p)| (e.to_string(), p.message.clone())).collect();
    if all_failed && problems.iter().all(|(_, p)| p.failure == Failure::Unreachable) {
        return Some(EtcdError::Unreachable { details: list(&all), hint: unreachable_hint });
    }
    let auth = of(Failure::Auth);
    (!auth.is_empty()).then(|| EtcdError::Auth { details: list(&auth) })
}

pub(super) fn list(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(endpoint, error)| format!("{endpoint} ({error})")).collect::<Vec<_>>().join(", ")
}

/// Whether an endpoint's failure means it could not be reached at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// Refused, no route, TLS handshake failed, or no answer within the timeout.
    Unreachable,
    /// It answered, but refused our credentials.
    Auth,
    /// The TLS session failed (CA, client certificate, protocol): `explained` says what to check.
    Tls,
    /// Something that is not etcd answers there (a wrong host or port): `explained` says what.
    NotEtcd,
    /// It answered with an error.
    Error,
}

/// One endpoint's problem, on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub failure: Failure,
    pub message: String,
    /// For a TLS failure, or not etcd there: what to check.
    #[serde(skip)]
    pub explained: Option<String>,
}

impl Problem {
    pub(super) fn no_answer(timeout: Duration) -> Problem {
        Problem {
            failure: Failure::Unreachable,
            message: format!("no answer within {}s", crate::units::seconds_text(timeout)),
            explained: None,
        }
    }
}
