//! The one table that maps what went wrong to an exit code.
//!
//! Every library error reports an [`ErrorKind`]; the binary turns the kind into the process exit
//! code in exactly one place, so a script can rely on the numbers documented in the README.

use serde::Serialize;

/// What kind of failure an error is, as a script needs to branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Bad flags, bad configuration, bad input data: exit 2.
    Usage,
    /// A preflight check refused the action; nothing was changed: exit 3.
    Refused,
    /// etcd, an agent or a Sentinel could not be reached in time: exit 4.
    Unreachable,
    /// The request was accepted but its outcome was not seen within the timeout: exit 5.
    NotConfirmed,
    /// The operation itself failed: exit 1.
    Failed,
    /// The user pressed Ctrl-C: exit 130.
    Interrupted,
}

impl ErrorKind {
    pub const fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Refused => 3,
            ErrorKind::Unreachable => 4,
            ErrorKind::NotConfirmed => 5,
            ErrorKind::Interrupted => 130,
        }
    }

    /// The kind of an action that failed on some members, from each one's failure: a failed
    /// operation first, then a problem of the configuration (TLS, credentials), else unreachable.
    pub fn of_members(kinds: impl IntoIterator<Item = ErrorKind>) -> ErrorKind {
        let kinds: Vec<ErrorKind> = kinds.into_iter().collect();
        [ErrorKind::Failed, ErrorKind::Usage].into_iter().find(|k| kinds.contains(k)).unwrap_or(ErrorKind::Unreachable)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::Refused => "refused",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::NotConfirmed => "not_confirmed",
            ErrorKind::Failed => "failed",
            ErrorKind::Interrupted => "interrupted",
        }
    }
}

/// Implemented by every library error so the binary can classify it without string matching.
pub trait Classify {
    fn kind(&self) -> ErrorKind;
}

/// The deepest source of an error, if it has one: where libraries keep the useful words.
pub fn innermost_cause(error: &dyn std::error::Error) -> Option<String> {
    let mut cause = error.source()?;
    while let Some(next) = cause.source() {
        cause = next;
    }
    Some(cause.to_string())
}

/// The error and its sources on one line: tonic hides the useful part (refused, TLS) in sources.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}

/// The exit code table, as printed in `--help` and the README.
pub const EXIT_CODE_TABLE: &str = "\
Exit codes:
  0    done (and verified, for actions that wait)
  1    the operation failed
  2    usage error or bad input (flags, configuration, DCS data)
  3    refused by a preflight check; nothing was changed
  4    etcd, an agent or a Sentinel unreachable
  5    accepted but not verified within --timeout; it may still complete
  130  interrupted
`hactl check` exits with its Nagios state instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN";

/// One member's part of an action that acts member by member (reload, reinit, version): whether
/// it failed, and with which kind, said by the library's outcome type itself.
pub trait MemberOutcome {
    fn member(&self) -> &str;
    /// `None` when it succeeded on this member.
    fn failure_kind(&self) -> Option<ErrorKind>;
}

/// The members an action failed on and the kind of the whole (see [`ErrorKind::of_members`]);
/// `None` when it failed on none.
pub fn failed_members<T: MemberOutcome>(outcomes: &[T]) -> Option<(ErrorKind, Vec<&str>)> {
    let failed: Vec<&T> = outcomes.iter().filter(|o| o.failure_kind().is_some()).collect();
    if failed.is_empty() {
        return None;
    }
    let kind = ErrorKind::of_members(failed.iter().filter_map(|o| o.failure_kind()));
    Some((kind, failed.iter().map(|o| o.member()).collect()))
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    #[test]
    fn a_failed_member_outweighs_a_configuration_problem_which_outweighs_an_unreachable_one() {
        use ErrorKind::{Failed, Unreachable, Usage};
        assert_eq!(ErrorKind::of_members([Unreachable, Usage]), Usage);
        assert_eq!(ErrorKind::of_members([Usage, Failed, Unreachable]), Failed);
        assert_eq!(ErrorKind::of_members([Unreachable, Unreachable]), Unreachable);
    }
}
