//! `reinit`: rebuild replicas from scratch (`POST /reinitialize`), as patronictl asks for it,
//! and with `--wait`, wait until each is streaming again on a new postmaster.

use crate::actions::wait::{self, Expectation, MembersWait, Ready, WaitEvent};
use crate::actions::{ActionError, member_status};
use crate::agent::Agents;
use crate::cluster::Member;
use crate::dcs::Dcs;
use crate::error::{Classify, ErrorKind};
use serde::Serialize;
use serde_json::json;
use std::time::{Duration, Instant};

/// One member's answer to `POST /reinitialize`.
#[derive(Debug, Clone, Serialize)]
pub struct ReinitStart {
    pub member: String,
    pub status: Option<u16>,
    /// The agent's answer (`reinitialize started`), or why there was none.
    pub message: String,
    /// 200: the agent started it.
    pub started: bool,
    /// `postmaster_start_time` before the request, when the agent told it.
    pub postmaster_start_time_before: Option<String>,
    /// Why the agent gave no usable answer: unreachable, or TLS/credentials (a usage error).
    #[serde(skip)]
    pub failure: Option<ErrorKind>,
}

impl ReinitStart {
    /// The agent refused because another task runs (`... already in progress`): patronictl
    /// offers to cancel it and reinitialize anyway.
    pub fn busy(&self) -> bool {
        !self.started && self.message.ends_with(" already in progress")
    }
}

/// Asks `member`'s agent to reinitialize it (`force` cancels a task in progress).
pub async fn start(agents: &Agents, member: &Member, force: bool, from_leader: bool) -> ReinitStart {
    // Only for recognising the new postmaster afterwards; a silent agent fails just below.
    let before = member_status(agents, member, TIMEOUT).await.ok().and_then(|s| s.postmaster_start_time);
    let body = json!({ "force": force, "from_leader": from_leader });
    match agents.request(member, reqwest::Method::POST, "reinitialize", Some(&body), TIMEOUT).await {
        Ok(r) => ReinitStart {
            member: member.name.clone(),
            status: Some(r.status),
            started: r.status < 400,
            message: r.body,
            postmaster_start_time_before: before,
            failure: None,
        },
        Err(e) => ReinitStart {
            member: member.name.clone(),
            status: None,
            started: false,
            failure: Some(e.kind()),
            message: e.to_string(),
            postmaster_start_time_before: before,
        },
    }
}

/// Waits until every started member streams again on a new postmaster.
#[allow(clippy::too_many_arguments)]
pub async fn wait(
    dcs: &mut Dcs,
    agents: &Agents,
    prefix: &str,
    scope: &str,
    started: &[ReinitStart],
    since: Instant,
    timeout: Duration,
    progress: &mut dyn FnMut(WaitEvent),
) -> Result<Vec<Ready>, ActionError> {
    let expectations: Vec<Expectation> = started
        .iter()
        .filter(|s| s.started)
        .map(|s| Expectation {
            member: s.member.clone(),
            postmaster_before: s.postmaster_start_time_before.clone(),
            streaming: true,
            pending_cleared: false,
        })
        .collect();
    let names: Vec<&str> = expectations.iter().map(|e| e.member.as_str()).collect();
    let done = format!("reinitialize was started on {}", names.join(", "));
    wait::wait_members(dcs, agents, MembersWait { prefix, scope, expectations, since, timeout, done }, progress).await
}

const TIMEOUT: Duration = Duration::from_secs(10);

impl crate::error::MemberOutcome for ReinitStart {
    fn member(&self) -> &str {
        &self.member
    }

    fn failure_kind(&self) -> Option<ErrorKind> {
        (!self.started).then(|| self.failure.unwrap_or(ErrorKind::Failed))
    }
}
