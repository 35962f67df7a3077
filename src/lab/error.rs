use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Classify, ErrorKind};

/// Why a lab operation failed. Each message names the thing and the fix.
#[derive(Debug, thiserror::Error)]
pub enum LabError {
    #[error("{program} not found: install {package}")]
    MissingProgram { program: String, package: String },

    #[error("user {user} not found: install the Debian package postgresql-15, which creates it")]
    UserNotFound { user: String },

    #[error("invalid lab spec: {0}")]
    InvalidSpec(String),

    #[error("{0}: run `hactl lab down` first or use another lab dir")]
    Conflict(String),

    #[error("port {port} for {what} is already in use: stop what listens there or choose other ports")]
    PortInUse { port: u16, what: String },

    /// Found by `up` before it started anything.
    #[error("port {port} for {what} is already in use: {fix}; nothing was started")]
    PortTaken { port: u16, what: String, fix: String },

    /// `up` failed after it had started processes: what runs is left running for `lab up` to
    /// complete or `lab down` to stop.
    #[error("{error}; {}", left_behind(running, dir))]
    Incomplete { error: Box<LabError>, running: Vec<String>, dir: PathBuf },

    #[error("no free port from {from} up for {what}")]
    NoFreePort { from: u16, what: String },

    #[error(
        "{} is not traversable by the postgres user: run `chmod o+x {}` or use a lab dir under /tmp",
        dir.display(),
        dir.display()
    )]
    NotTraversable { dir: PathBuf },

    #[error("no lab recorded in {}: run `hactl lab up` first", dir.display())]
    NoLab { dir: PathBuf },

    #[error("etcd of the lab in {} is not running: run `hactl lab up` first", dir.display())]
    EtcdNotRunning { dir: PathBuf },

    #[error("cannot start {program}: {source}")]
    Spawn { program: String, source: io::Error },

    #[error("{what} exited; see {}", log.display())]
    Exited { what: String, log: PathBuf },

    #[error("{what} after {}s; see {}", waited.as_secs(), log.display())]
    Timeout { what: String, waited: Duration, log: PathBuf },

    #[error("refusing to signal pid {0}: only single processes (pid > 0) can be signalled")]
    InvalidPid(i32),

    #[error("cannot signal pid {pid}: {source}")]
    Signal { pid: i32, source: io::Error },

    #[error("{method} {url} failed: {reason}")]
    Http { method: &'static str, url: String, reason: String },

    #[error("cannot use the lab's certificates: {0}")]
    Tls(String),

    #[error("cannot {action} {}: {source}", path.display())]
    Io { action: &'static str, path: PathBuf, source: io::Error },

    #[error("cannot parse {}: {source}; remove it if no lab runs there", path.display())]
    State { path: PathBuf, source: serde_json::Error },

    #[error("{program} failed: {detail}")]
    Command { program: String, detail: String },

    #[error("cannot {action} on the lab's etcd: {detail}")]
    Etcd { action: String, detail: String },
}

impl LabError {
    /// For `map_err`: an I/O failure while doing `action` on `path`.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io { action, path, source }
    }
}

/// What a failed `up` leaves behind, and how to stop it.
fn left_behind(running: &[String], dir: &Path) -> String {
    let dir = dir.display();
    match running {
        [] => format!("nothing of the lab in {dir} runs: `hactl lab down --dir {dir}` removes what it recorded"),
        running => format!("the lab in {dir} still runs {}: `hactl lab down --dir {dir}` stops it", running.join(", ")),
    }
}

impl Classify for LabError {
    fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidSpec(_) | Self::InvalidPid(_) | Self::State { .. } => ErrorKind::Usage,
            // Found before the step that needed it started anything.
            Self::MissingProgram { .. }
            | Self::UserNotFound { .. }
            | Self::Conflict(_)
            | Self::PortInUse { .. }
            | Self::PortTaken { .. }
            | Self::NoFreePort { .. }
            | Self::NotTraversable { .. }
            | Self::NoLab { .. } => ErrorKind::Refused,
            Self::EtcdNotRunning { .. } | Self::Http { .. } | Self::Etcd { .. } => ErrorKind::Unreachable,
            Self::Timeout { .. } => ErrorKind::NotConfirmed,
            // Something was started: a refusal no longer means that nothing changed.
            Self::Incomplete { error, .. } => match error.kind() {
                ErrorKind::Refused => ErrorKind::Failed,
                kind => kind,
            },
            Self::Spawn { .. }
            | Self::Exited { .. }
            | Self::Signal { .. }
            | Self::Io { .. }
            | Self::Tls(_)
            | Self::Command { .. } => ErrorKind::Failed,
        }
    }
}
