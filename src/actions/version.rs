//! `version`: each member's Patroni and PostgreSQL versions, from its agent.

use super::{ActionError, MemberStatus};
use crate::agent::Agents;
use crate::cluster::Member;
use crate::error::{Classify, ErrorKind};
use serde::Serialize;
use std::time::Duration;

/// patronictl's `format_pg_version`: 90624 → `9.6.24`, 150018 → `15.18`.
pub fn format_pg_version(version: u64) -> String {
    if version < 100_000 {
        format!("{}.{}.{}", version / 10000, version / 100 % 100, version % 100)
    } else {
        format!("{}.{}", version / 10000, version % 100)
    }
}

/// Patroni's `postgres_version_to_int`, with its messages: `9.5.2` → 90502, `10.1` → 100001.
pub fn postgres_version_to_int(version: &str) -> Result<u64, ActionError> {
    let components: Vec<u64> = version
        .split('.')
        .map(|c| c.trim().parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| ActionError::InvalidPgVersion(format!("Invalid PostgreSQL version: {version}")))?;
    if components.len() < 2 || (components.len() == 2 && components[0] < 10) || components.len() > 3 {
        return Err(ActionError::InvalidPgVersion(format!(
            "Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: {version}"
        )));
    }
    let (major, minor, patch) = match components[..] {
        [major, patch] => (major, 0, patch),
        [major, minor, patch] => (major, minor, patch),
        _ => unreachable!("two or three components"),
    };
    Ok(major * 10000 + minor * 100 + patch)
}

/// One member's Patroni and PostgreSQL versions, for `version`.
#[derive(Debug, Clone, Serialize)]
pub struct MemberVersion {
    pub member: String,
    pub patroni: Option<String>,
    /// `15.18`, as patronictl formats `server_version`.
    pub postgresql: Option<String>,
    pub server_version: Option<u64>,
    pub error: Option<String>,
    /// Why the agent gave no usable answer: unreachable, or TLS/credentials (a usage error).
    #[serde(skip)]
    pub failure: Option<ErrorKind>,
}

/// The versions of the given members (those with a REST API address), asked concurrently and
/// returned in the given order.
pub async fn member_versions(agents: &Agents, members: &[&Member], timeout: Duration) -> Vec<MemberVersion> {
    let answers = agents.get_json_each(members.iter().copied(), "patroni", timeout).await;
    answers
        .into_iter()
        .map(|(member, answer)| match answer {
            Ok((_, body)) => {
                let status = MemberStatus::from_json(&body);
                MemberVersion {
                    member: member.name.clone(),
                    patroni: status.patroni_version,
                    postgresql: status.server_version.filter(|v| *v > 0).map(format_pg_version),
                    server_version: status.server_version,
                    error: None,
                    failure: None,
                }
            }
            Err(e) => MemberVersion {
                member: member.name.clone(),
                patroni: None,
                postgresql: None,
                server_version: None,
                failure: Some(e.kind()),
                error: Some(e.to_string()),
            },
        })
        .collect()
}

impl crate::error::MemberOutcome for MemberVersion {
    fn member(&self) -> &str {
        &self.member
    }

    fn failure_kind(&self) -> Option<ErrorKind> {
        self.error.is_some().then(|| self.failure.unwrap_or(ErrorKind::Failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_format_like_patroni() {
        assert_eq!(postgres_version_to_int("9.5.2").unwrap(), 90502);
        assert_eq!(postgres_version_to_int("10.1").unwrap(), 100001);
        assert_eq!(postgres_version_to_int("15.18").unwrap(), 150018);
        assert_eq!(
            postgres_version_to_int("9.6").unwrap_err().to_string(),
            "Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6"
        );
        assert_eq!(postgres_version_to_int("a.b.c").unwrap_err().to_string(), "Invalid PostgreSQL version: a.b.c");
        assert_eq!(format_pg_version(90624), "9.6.24");
        assert_eq!(format_pg_version(100000), "10.0");
        assert_eq!(format_pg_version(150018), "15.18");
    }
}
