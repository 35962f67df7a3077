//! The lines of the actions on members (`restart`, `reinit`, `reload`, `version`), as
//! patronictl prints them, with hactl's verification lines.

use crate::actions::reinit::ReinitStart;
use crate::actions::reload::ReloadResult;
use crate::actions::restart::{MemberRestart, RestartResult};
use crate::actions::version::MemberVersion;

/// patronictl's line for an agent's answer to `restart`.
pub fn restart_answer_line(result: &MemberRestart) -> String {
    let member = &result.member;
    let body = result.message.as_deref().unwrap_or_default();
    match (result.status, result.result) {
        (Some(200), _) => format!("Success: restart on member {member}"),
        (Some(202), _) => format!("Success: restart scheduled on member {member}"),
        (Some(409), _) => format!("Failed: another restart is already scheduled on member {member}"),
        (Some(status), RestartResult::NotNeeded) => format!(
            "Failed: restart for member {member}, status code={status}, ({body})\n{member}: not restarted, it does not meet --pending/--pg-version (not a failure)"
        ),
        (Some(status), _) => format!("Failed: restart for member {member}, status code={status}, ({body})"),
        (None, _) => format!("Failed: restart for member {member}, ({body})"),
    }
}

/// hactl's line once a restarted member is back.
pub fn restart_verified_line(result: &MemberRestart) -> String {
    let replicas = match result.replicas_streaming_after_s {
        Some(after) => format!("; {} streaming again after {after:.1}s", result.replicas.join(", ")),
        None => String::new(),
    };
    format!(
        "Restart verified: {} {} again after {:.1}s (postmaster started {}, was {}){replicas}",
        result.member,
        result.state_after.as_deref().unwrap_or("running"),
        result.verified_after_s.unwrap_or_default(),
        result.postmaster_start_time_after.as_deref().unwrap_or("?"),
        result.postmaster_start_time_before.as_deref().unwrap_or("?"),
    )
}

/// `reload`: one line per member; `loop_wait` is when Patroni processes an accepted reload.
pub fn reload_text(results: &[ReloadResult], loop_wait: u64) -> String {
    let mut text = String::new();
    for r in results {
        text.push_str(&match r.status {
            Some(200) => format!("No changes to apply on member {}\n", r.member),
            Some(202) => format!(
                "Reload request received for member {} and will be processed within {loop_wait} seconds\n",
                r.member
            ),
            Some(status) => {
                format!("Failed: reload for member {}, status code={status}, ({})\n", r.member, r.message)
            }
            None => format!("Failed: reload for member {}, ({})\n", r.member, r.message),
        });
    }
    text
}

/// `version CLUSTER`: each member's Patroni and PostgreSQL versions.
pub fn versions_text(versions: &[MemberVersion]) -> String {
    let mut text = String::new();
    for v in versions {
        text.push_str(&match &v.error {
            None => format!(
                "{}: Patroni {}{}\n",
                v.member,
                v.patroni.as_deref().unwrap_or("None"),
                v.postgresql.as_deref().map(|pg| format!(" PostgreSQL {pg}")).unwrap_or_default()
            ),
            Some(e) => format!("{}: failed to get version: {e}\n", v.member),
        });
    }
    text
}

/// patronictl's `check_response` line for `reinit`.
pub fn reinit_start_line(start: &ReinitStart) -> String {
    match start.status {
        Some(status) if status >= 400 => {
            format!("Failed: reinitialize for member {}, status code={status}, ({})", start.member, start.message)
        }
        Some(_) => format!("Success: reinitialize for member {}", start.member),
        None => format!("Failed: reinitialize for member {}, ({})", start.member, start.message),
    }
}
