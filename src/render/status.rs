//! `hactl status`: the verdict lines (overall first, then one per tier), the disagreements, then
//! each tier's details as tables. Colour, when asked, is on the verdict words only (and on the
//! tables' bad cells).

use super::pretty_table_aligned;
use crate::monitoring::slot_services::human_bytes;
use crate::monitoring::status::{
    EtcdDetails, HaproxyDetails, PatroniDetails, PgbouncerDetails, PgpoolDetails, Section, SentinelDetails,
    StatusReport, Tier, Verdict,
};
use crate::tiers::postgres::ReplicationReport;
use comfy_table::Color;

const MB: f64 = 1_048_576.0;

pub fn status_text(report: &StatusReport, colour: bool) -> String {
    let mut out = format!("Cluster {}: {} - {}\n", report.cluster, word(report.verdict, colour, 0), report.reason);
    for (tier, verdict, reason) in report.tiers.verdicts() {
        out.push_str(&format!("  {:<10} {}  {reason}\n", tier.key(), word(verdict, colour, 14)));
    }
    if let Some(standby_of) = &report.standby_of {
        out.push_str(&format!("  {:<10} {}\n", "standby", super::standby_line(standby_of)));
    }
    if !report.disagreements.is_empty() {
        out.push_str("Disagreements:\n");
        for d in &report.disagreements {
            out.push_str(&format!("  - {d}\n"));
        }
    }
    let tiers = &report.tiers;
    let red = |bad: &'static [(&'static str, &'static str)]| {
        move |column: &str, text: &str| bad.iter().any(|(c, t)| *c == column && *t == text).then_some(Color::Red)
    };
    let pick = red(&[
        ("Healthy", "false"),
        ("Active", "false"),
        ("Link", "err"),
        ("Reachable", "false"),
        ("Member", "unknown"),
    ]);
    let pick = colour.then_some(&pick as &super::CellColour);
    for tier in Tier::ALL {
        let text = match tier {
            Tier::Etcd => details(&tiers.etcd, |d| etcd_text(d, pick)),
            Tier::Patroni => details(&tiers.patroni, |d| patroni_text(&report.cluster, d, pick)),
            Tier::Postgres => details(&tiers.postgres, |d| postgres_text(d, pick)),
            Tier::Haproxy => details(&tiers.haproxy, |d| haproxy_text(d, pick)),
            Tier::Pgpool => details(&tiers.pgpool, |d| pgpool_text(d, pick)),
            Tier::Pgbouncer => details(&tiers.pgbouncer, |d| pgbouncer_text(d, pick)),
            Tier::Sentinel => details(&tiers.sentinel, |d| sentinel_text(d, pick)),
        };
        if let Some(text) = text {
            out.push('\n');
            out.push_str(&text);
        }
    }
    out
}

/// The verdict word, padded to `width`, coloured on a terminal.
fn word(verdict: Verdict, colour: bool, width: usize) -> String {
    let text = format!("{:<width$}", verdict.as_str());
    let code = match verdict {
        Verdict::Ok => "32",
        Verdict::Warning => "33",
        Verdict::Critical | Verdict::Unreachable => "1;31",
        Verdict::NotConfigured => "2",
    };
    if colour { format!("\x1b[{code}m{text}\x1b[0m") } else { text }
}

fn details<T>(section: &Section<T>, text: impl FnOnce(&T) -> String) -> Option<String> {
    section.details.as_ref().map(text)
}

fn or_blank<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn table(title: &str, headers: &[&str], rows: &[Vec<String>], pick: Option<&super::CellColour>) -> String {
    let right = [
        "DB size",
        "Raft term",
        "TL",
        "Lag in MB",
        "Retained WAL",
        "Lag (bytes)",
        "Replay lag (s)",
        "Quorum",
        "Offset",
        "Pools",
        "Cl active",
        "Cl waiting",
        "Sv active",
        "Sv idle",
        "Max wait (s)",
    ];
    pretty_table_aligned(title, headers, rows, pick, &right) + "\n"
}

fn etcd_text(d: &EtcdDetails, pick: Option<&super::CellColour>) -> String {
    let rows: Vec<Vec<String>> = d
        .endpoints
        .iter()
        .map(|e| {
            vec![
                e.endpoint.clone(),
                or_blank(e.member.as_ref()),
                e.healthy.to_string(),
                if e.is_leader { "*".into() } else { String::new() },
                or_blank(e.version.as_ref()),
                e.db_size.map(super::etcd::bytes).unwrap_or_default(),
                or_blank(e.raft_term),
                or_blank(e.error.as_ref()),
            ]
        })
        .collect();
    let headers = ["Endpoint", "Member", "Healthy", "Leader", "Version", "DB size", "Raft term", "Error"];
    let mut text = table(" etcd ", &headers, &rows, pick);
    text.push_str(&format!(
        " {}; raft leader {}",
        capitalize(&d.quorum.to_string()),
        d.leader.as_deref().unwrap_or("unknown")
    ));
    if let Some(revision) = d.revision {
        text.push_str(&format!("; revision {revision}"));
    }
    let alarms: Vec<String> = d.alarms.iter().map(|a| format!("{} on member {}", a.alarm, a.member_id)).collect();
    text.push_str(&format!("; alarms: {}\n", if alarms.is_empty() { "none".into() } else { alarms.join(", ") }));
    text
}

fn patroni_text(cluster: &str, d: &PatroniDetails, pick: Option<&super::CellColour>) -> String {
    let rows: Vec<Vec<String>> = d
        .members
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                match (&m.host, m.port) {
                    (Some(h), Some(p)) => format!("{h}:{p}"),
                    (Some(h), None) => h.clone(),
                    _ => String::new(),
                },
                m.role.replace('_', " "),
                or_blank(m.agent_role.as_ref()),
                m.state.clone(),
                or_blank(m.timeline),
                m.lag_bytes.map(|b| format!("{:.0}", (b as f64 / MB).round())).unwrap_or_default(),
                if m.pending_restart { "*".into() } else { String::new() },
                m.scheduled_restart.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let headers =
        ["Member", "Host", "Role", "Agent role", "State", "TL", "Lag in MB", "Pending restart", "Scheduled restart"];
    let mut text = table(&format!(" Patroni: {cluster} "), &headers, &rows, pick);
    let mut notes = vec![format!("leader {}", d.leader.as_deref().unwrap_or("none"))];
    if d.paused {
        notes.push("maintenance mode: on (paused)".into());
    }
    if !d.sync_standbys.is_empty() {
        notes.push(format!("sync standbys: {}", d.sync_standbys.join(", ")));
    }
    if let Some(s) = &d.scheduled_switchover {
        notes.push(format!(
            "switchover scheduled at {} to {}",
            s.at.as_deref().unwrap_or("?"),
            s.to.as_deref().unwrap_or("any candidate")
        ));
    }
    text.push_str(&format!(" {}\n", capitalize(&notes.join("; "))));
    text
}

fn postgres_text(d: &ReplicationReport, pick: Option<&super::CellColour>) -> String {
    let lsn = |v: &Option<String>| v.clone().unwrap_or_default();
    let replicas: Vec<Vec<String>> = d
        .replicas
        .iter()
        .map(|r| {
            vec![
                r.application_name.clone(),
                lsn(&r.client_addr),
                r.state.clone(),
                lsn(&r.sent_lsn),
                lsn(&r.write_lsn),
                lsn(&r.flush_lsn),
                lsn(&r.replay_lsn),
                r.replay_lag_seconds.map(|s| format!("{s:.3}")).unwrap_or_default(),
                or_blank(r.replay_lag_bytes),
                r.sync_state.clone(),
            ]
        })
        .collect();
    let headers = [
        "Replica",
        "Client",
        "State",
        "Sent LSN",
        "Write LSN",
        "Flush LSN",
        "Replay LSN",
        "Replay lag (s)",
        "Lag (bytes)",
        "Sync",
    ];
    let mut text = table(&format!(" PostgreSQL replication on {} ", d.member), &headers, &replicas, pick);
    let slots: Vec<Vec<String>> = d
        .slots
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.slot_type.clone(),
                s.active.to_string(),
                lsn(&s.restart_lsn),
                s.retained_bytes.map(human_bytes).unwrap_or_default(),
                lsn(&s.wal_status),
            ]
        })
        .collect();
    let headers = ["Slot", "Type", "Active", "Restart LSN", "Retained WAL", "WAL status"];
    text.push_str(&table(" Replication slots ", &headers, &slots, pick));
    let a = &d.archiver;
    let last = |wal: &Option<String>, at: &Option<String>| match (wal, at) {
        (Some(w), Some(t)) => format!(" (last {w} at {t})"),
        _ => String::new(),
    };
    text.push_str(&format!(
        " Archiver: {} archived{}, {} failed{}\n",
        a.archived_count,
        last(&a.last_archived_wal, &a.last_archived_time),
        a.failed_count,
        last(&a.last_failed_wal, &a.last_failed_time)
    ));
    text
}

fn sentinel_text(d: &SentinelDetails, pick: Option<&super::CellColour>) -> String {
    let rows: Vec<Vec<String>> = d
        .sentinels
        .iter()
        .map(|s| {
            vec![s.sentinel.clone(), or_blank(s.master_addr.as_ref()), or_blank(s.quorum), or_blank(s.error.as_ref())]
        })
        .collect();
    let title = format!(" Sentinel: {} ", d.master.as_deref().unwrap_or("no master"));
    let mut text = table(&title, &["Sentinel", "Master address", "Quorum", "Error"], &rows, pick);
    let rows: Vec<Vec<String>> = d
        .replicas
        .iter()
        .map(|r| {
            vec![
                r.addr.to_string(),
                r.master_link_status.clone(),
                or_blank(r.master.as_ref()),
                r.offset.to_string(),
                r.flags.join(","),
            ]
        })
        .collect();
    text.push_str(&table(" Redis replicas ", &["Replica", "Link", "Master", "Offset", "Flags"], &rows, pick));
    text
}

fn haproxy_text(d: &HaproxyDetails, pick: Option<&super::CellColour>) -> String {
    let rows: Vec<Vec<String>> = d
        .servers
        .iter()
        .map(|s| {
            vec![
                s.backend.clone(),
                s.server.clone(),
                or_blank(s.address.as_ref()),
                s.member.clone().unwrap_or_else(|| "unknown".into()),
                s.status.clone(),
                match (&s.check_status, s.check_code) {
                    (Some(status), Some(code)) => format!("{status} {code}"),
                    (status, _) => or_blank(status.as_ref()),
                },
            ]
        })
        .collect();
    let headers = ["Backend", "Server", "Address", "Member", "Status", "Check"];
    let mut text = table(" HAProxy ", &headers, &rows, pick);
    text.push_str(&format!(
        " Write backend {}, read backend {}; stats from {}\n",
        d.write_backend, d.read_backend, d.source
    ));
    text
}

fn pgpool_text(d: &PgpoolDetails, pick: Option<&super::CellColour>) -> String {
    let rows: Vec<Vec<String>> = d
        .pgpools
        .iter()
        .flat_map(|h| match h.reachable {
            false => vec![vec![
                h.host.clone(),
                String::new(),
                String::new(),
                String::new(),
                or_blank(h.error.as_ref()),
                String::new(),
            ]],
            true => h
                .nodes
                .iter()
                .map(|n| {
                    vec![
                        h.host.clone(),
                        n.node_id.to_string(),
                        n.address.clone(),
                        n.member.clone().unwrap_or_else(|| "unknown".into()),
                        n.status.clone(),
                        n.role.clone(),
                    ]
                })
                .collect(),
        })
        .collect();
    table(" Pgpool-II ", &["Pgpool-II", "Node", "Address", "Member", "Status", "Role"], &rows, pick)
}

fn pgbouncer_text(d: &PgbouncerDetails, pick: Option<&super::CellColour>) -> String {
    let hosts: Vec<Vec<String>> = d
        .pgbouncers
        .iter()
        .map(|h| {
            // Not "0" for one that did not answer: its pools are unknown.
            let pools = if h.reachable { h.pools.len().to_string() } else { String::new() };
            vec![h.host.clone(), h.reachable.to_string(), pools, or_blank(h.error.as_ref())]
        })
        .collect();
    let mut text = table(" PgBouncer ", &["PgBouncer", "Reachable", "Pools", "Error"], &hosts, pick);
    let pools: Vec<Vec<String>> = d
        .pgbouncers
        .iter()
        .flat_map(|h| h.pools.iter().map(move |p| (h, p)))
        .map(|(h, p)| {
            vec![
                h.host.clone(),
                p.database.clone(),
                p.user.clone(),
                p.cl_active.to_string(),
                p.cl_waiting.to_string(),
                p.sv_active.to_string(),
                p.sv_idle.to_string(),
                format!("{:.1}", p.maxwait_seconds),
                or_blank(p.server.as_ref()),
                p.member.clone().unwrap_or_else(|| "unknown".into()),
            ]
        })
        .collect();
    let headers = [
        "PgBouncer",
        "Database",
        "User",
        "Cl active",
        "Cl waiting",
        "Sv active",
        "Sv idle",
        "Max wait (s)",
        "Server",
        "Member",
    ];
    text.push_str(&table(" PgBouncer pools ", &headers, &pools, pick));
    text
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::status::proxies::PgbouncerHost;

    #[test]
    fn a_pgbouncer_that_did_not_answer_shows_no_pool_count() {
        let host = |address: &str, reachable: bool| PgbouncerHost {
            host: address.into(),
            reachable,
            error: (!reachable).then(|| "did not answer within 1.6s".into()),
            pools: Vec::new(),
        };
        let details =
            PgbouncerDetails { pgbouncers: vec![host("127.0.0.1:6432", false), host("127.0.0.1:6433", true)] };
        let text = pgbouncer_text(&details, None);
        let pools = |address: &str| {
            let row = text.lines().find(|l| l.contains(address)).unwrap();
            row.split('|').nth(3).unwrap().trim().to_string()
        };
        assert_eq!(pools("127.0.0.1:6432"), "", "{text}");
        assert_eq!(pools("127.0.0.1:6433"), "0", "{text}");
    }
}
