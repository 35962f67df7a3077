//! `reload`: `POST /reload` on each selected member.

use super::call_each;
use crate::agent::Agents;
use crate::cluster::Member;
use crate::error::{Classify, ErrorKind};
use serde::Serialize;
use std::time::Duration;

/// One member's answer to `POST /reload`, as patronictl reads it.
#[derive(Debug, Clone, Serialize)]
pub struct ReloadResult {
    pub member: String,
    pub status: Option<u16>,
    pub message: String,
    /// 200 (nothing to apply) or 202 (reload scheduled).
    pub ok: bool,
    /// Why the agent gave no usable answer: unreachable, or TLS/credentials (a usage error).
    #[serde(skip)]
    pub failure: Option<ErrorKind>,
}

/// `POST /reload` on each member in turn.
pub async fn reload(agents: &Agents, members: &[&Member], timeout: Duration) -> Vec<ReloadResult> {
    call_each(agents, members, reqwest::Method::POST, "reload", None, timeout)
        .await
        .into_iter()
        .map(|r| match r.result {
            Ok(response) => ReloadResult {
                member: r.member,
                status: Some(response.status),
                ok: response.status == 200 || response.status == 202,
                message: response.body,
                failure: None,
            },
            Err(e) => ReloadResult {
                member: r.member,
                status: None,
                failure: Some(e.kind()),
                message: e.to_string(),
                ok: false,
            },
        })
        .collect()
}

impl crate::error::MemberOutcome for ReloadResult {
    fn member(&self) -> &str {
        &self.member
    }

    fn failure_kind(&self) -> Option<ErrorKind> {
        (!self.ok).then(|| self.failure.unwrap_or(ErrorKind::Failed))
    }
}
