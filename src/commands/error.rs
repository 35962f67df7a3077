//! The error every command returns: what went wrong (the message chain, as anyhow prints it) and
//! its [`ErrorKind`], decided where the error is made, so `main` only maps the kind to an exit code.
//!
//! A library error converts through a `From` impl listed below; `?` on an error type without one
//! does not compile, so no error reaches the user as a silent exit 1.

use hactl::error::{Classify, ErrorKind};
use std::fmt;

#[derive(Debug)]
pub struct CommandError {
    kind: ErrorKind,
    error: anyhow::Error,
    /// Set when the command has already shown its outcome and only sets the exit code
    /// (`check`'s Nagios states 1, 2 and 3).
    reported: Option<u8>,
}

pub type CommandResult<T = ()> = Result<T, CommandError>;

impl CommandError {
    /// An error the command itself decides on, with its message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError { kind, error: anyhow::Error::msg(message.into()), reported: None }
    }

    /// The command has printed its outcome; exit with `code` and print nothing more.
    pub fn reported(code: u8) -> CommandError {
        CommandError { reported: Some(code), ..CommandError::failed(format!("exit {code}")) }
    }

    /// The exit code of an outcome already shown (see [`CommandError::reported`]).
    pub fn reported_exit(&self) -> Option<u8> {
        self.reported
    }

    /// Bad flag values clap cannot check, or input the command cannot use: exit 2.
    pub fn usage(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Usage, message)
    }

    /// A check refused the action and nothing was changed: exit 3.
    pub fn refused(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Refused, message)
    }

    /// The operation failed, or the user said no: exit 1.
    pub fn failed(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Failed, message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// `hactl list | head -1`: the reader went away, which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        self.error
            .chain()
            .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
    }
}

/// The message and its causes on one line (`context: cause: cause`), as anyhow's `{:#}` prints
/// them, but a cause the message already quotes (`cannot read FILE: {source}`) only once.
impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error: &(dyn std::error::Error + 'static) = self.error.as_ref();
        f.write_str(&hactl::error::error_chain(error))
    }
}

/// Library errors know their kind.
macro_rules! from_classified {
    ($($error:ty),+ $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(error: $error) -> CommandError {
                CommandError { kind: error.kind(), error: error.into(), reported: None }
            }
        }
    )+};
}

from_classified!(
    hactl::actions::ActionError,
    hactl::agent::AgentError,
    hactl::settings::SettingsError,
    hactl::settings::contexts::ContextsError,
    hactl::dcs::DcsError,
    hactl::actions::remove::RemoveError,
    hactl::dynamic_config::DynConfigError,
    hactl::engine::EngineError,
    hactl::tiers::etcd::EtcdError,
    hactl::lab::LabError,
    hactl::actions::role_change::RoleChangeError,
    hactl::clusters::ClusterReadError,
    hactl::clusters::SiteError,
    hactl::query::QueryError,
    hactl::tiers::sentinel::SentinelError,
    hactl::tiers::haproxy::HaproxyError,
    hactl::tiers::pgbouncer::PgbouncerError,
    hactl::tiers::pgpool::PgpoolError,
    hactl::probe::ProbeError,
    hactl::engine::SavedPlanError,
);

/// Terminal and file I/O: a failure of the operation (a closed pipe is told apart in `main`).
impl From<std::io::Error> for CommandError {
    fn from(error: std::io::Error) -> CommandError {
        CommandError { kind: ErrorKind::Failed, error: error.into(), reported: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_error_keeps_its_kind_and_its_causes() {
        let error = CommandError::from(hactl::clusters::ClusterReadError::NoScope);
        assert_eq!(error.kind(), ErrorKind::Usage);
        assert!(error.to_string().starts_with("no cluster name given"), "{error}");
        // A cause that the message quotes is not repeated after it.
        let unreadable = hactl::settings::SettingsError::Read {
            path: "bin.yml".into(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"),
        };
        assert_eq!(
            CommandError::from(unreadable).to_string(),
            "cannot read bin.yml: stream did not contain valid UTF-8"
        );
        let pipe = CommandError::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        assert!(!CommandError::failed("Aborted restart").is_broken_pipe());
    }
}
