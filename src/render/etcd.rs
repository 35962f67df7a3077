//! `hactl etcd ...` as text: etcdctl's tables, in patronictl's PrettyTable look.

use crate::render::pretty_table;
use crate::tiers::etcd::{self, AlarmList, HealthReport, MemberList, StatusReport};
use comfy_table::Color;
use std::time::Duration;

/// `etcd health`: each endpoint, then whether quorum holds. `colour` marks unhealthy ones red.
pub fn health_text(report: &HealthReport, colour: bool) -> String {
    let rows: Vec<Vec<String>> = report
        .endpoints
        .iter()
        .map(|e| vec![e.endpoint.clone(), e.health.to_string(), took(e.took), e.error.clone().unwrap_or_default()])
        .collect();
    let table = pretty_table(
        " etcd health ",
        &["Endpoint", "Health", "Took", "Error"],
        &rows,
        colour.then_some(&red_when("Health", "false")),
    );
    format!("{table}\n {}\n", capitalize(&report.quorum.to_string()))
}

/// `etcd status`: each endpoint's member, version, sizes and raft state, then the leader(s).
pub fn status_text(report: &StatusReport, colour: bool) -> String {
    let text = |v: Option<String>| v.unwrap_or_default();
    let rows: Vec<Vec<String>> = report
        .endpoints
        .iter()
        .map(|e| {
            let answered = e.error.is_none();
            let mut errors = e.errors.clone();
            errors.extend(e.error.clone());
            vec![
                e.endpoint.clone(),
                text(e.member_id.map(|id| id.to_string())),
                text(e.version.clone()),
                text(e.db_size.map(bytes)),
                text(e.db_size_in_use.map(bytes)),
                if answered { e.is_leader.to_string() } else { String::new() },
                if answered { e.is_learner.to_string() } else { String::new() },
                text(e.raft_term.map(|v| v.to_string())),
                text(e.raft_index.map(|v| v.to_string())),
                text(e.raft_applied_index.map(|v| v.to_string())),
                errors.join("; "),
            ]
        })
        .collect();
    let headers = [
        "Endpoint",
        "ID",
        "Version",
        "DB size",
        "In use",
        "Leader",
        "Learner",
        "Raft term",
        "Raft index",
        "Applied",
        "Errors",
    ];
    let table = pretty_table(" etcd status ", &headers, &rows, colour.then_some(&red_when("Errors", "")));
    let leaders: Vec<String> =
        report.leaders().map(|e| format!("{} ({})", e.member_id.unwrap_or(etcd::MemberId(0)), e.endpoint)).collect();
    let footer = match leaders.as_slice() {
        [] => "No endpoint reports itself as the leader".to_string(),
        [one] => format!("Leader: {one}"),
        many => format!("Leaders: {}", many.join(", ")),
    };
    format!("{table}\n {footer}\n")
}

pub fn members_table(list: &MemberList) -> String {
    let rows: Vec<Vec<String>> = list
        .members
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                if m.started { "started" } else { "unstarted" }.to_string(),
                m.name.clone(),
                m.peer_urls.join(","),
                m.client_urls.join(","),
                m.is_learner.to_string(),
            ]
        })
        .collect();
    let headers = ["ID", "Status", "Name", "Peer addrs", "Client addrs", "Learner"];
    pretty_table(" etcd members ", &headers, &rows, None) + "\n"
}

pub fn alarms_text(list: &AlarmList) -> String {
    if list.alarms.is_empty() {
        return format!("No active alarms (asked {})\n", list.endpoint);
    }
    let rows: Vec<Vec<String>> = list.alarms.iter().map(|a| vec![a.member_id.to_string(), a.alarm.clone()]).collect();
    pretty_table(" etcd alarms ", &["Member ID", "Alarm"], &rows, None) + "\n"
}

/// Colours a cell red when its column is `column` and its text is `text` (any text for "").
fn red_when(column: &'static str, text: &'static str) -> impl Fn(&str, &str) -> Option<Color> {
    move |header, cell| {
        (header == column && (cell == text || (text.is_empty() && !cell.is_empty()))).then_some(Color::Red)
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A duration as etcdctl prints short ones: `2.3ms`, `1.52s`.
fn took(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 { format!("{ms:.1}ms") } else { format!("{:.2}s", ms / 1000.0) }
}

/// Bytes in SI units, as etcdctl prints DB sizes (go-humanize): `25 kB`, `1.2 MB`.
pub(crate) fn bytes(size: i64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    if size < 10 {
        return format!("{size} B");
    }
    let size = size as f64;
    let exponent = (size.ln() / 1000f64.ln()).floor().min(6.0);
    let value = (size / 1000f64.powf(exponent) * 10.0 + 0.5).floor() / 10.0;
    let unit = UNITS[exponent as usize];
    if value < 10.0 { format!("{value:.1} {unit}") } else { format!("{value:.0} {unit}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_like_etcdctl() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(20480), "20 kB");
        assert_eq!(bytes(1_234_567), "1.2 MB");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(took(Duration::from_micros(2345)), "2.3ms");
        assert_eq!(took(Duration::from_millis(1520)), "1.52s");
        assert_eq!(capitalize("quorum held: 3 of 3"), "Quorum held: 3 of 3");
    }
}
