//! `hactl sentinel ...` as text: the Sentinels' answers as tables, and the failover's plan and
//! outcome.

use crate::render::{CellColour, pretty_table};
use crate::tiers::sentinel::{FailoverOutcome, FailoverPlan, MasterInfo, ReplicaInfo, SentinelInfo};
use comfy_table::Color;

/// `sentinel masters`, as `asked` (the Sentinel that answered) reports them.
pub fn masters_table(masters: &[MasterInfo], asked: &str, colour: bool) -> String {
    let rows: Vec<Vec<String>> = masters
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.addr.to_string(),
                m.flags.join(","),
                m.replicas.to_string(),
                m.sentinels.to_string(),
                m.quorum.to_string(),
                m.config_epoch.to_string(),
            ]
        })
        .collect();
    let headers = ["Name", "Address", "Flags", "Replicas", "Sentinels", "Quorum", "Epoch"];
    let title = format!(" Masters (Sentinel {asked}) ");
    pretty_table(&title, &headers, &rows, colour.then_some(&flag_colour as &CellColour)) + "\n"
}

/// `sentinel sentinels NAME`: the other Sentinels watching the master `name`.
pub fn sentinels_table(name: &str, asked: &str, peers: &[SentinelInfo], colour: bool) -> String {
    let rows: Vec<Vec<String>> = peers
        .iter()
        .map(|s| {
            vec![
                s.addr.to_string(),
                s.name.clone(),
                s.flags.join(","),
                format!("{}ms", s.last_hello_ms),
                s.voted_leader.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let headers = ["Address", "Run ID", "Flags", "Last hello", "Voted leader"];
    let title = format!(" Sentinels watching {name} ");
    let table = pretty_table(&title, &headers, &rows, colour.then_some(&flag_colour as &CellColour));
    format!("{table}\n Asked {asked}, which lists the other Sentinels only\n")
}

/// What `sentinel failover` will do: the quorum check, the master and its replicas.
pub fn failover_plan_text(plan: &FailoverPlan, colour: bool) -> String {
    let asked = &plan.quorum.sentinel;
    format!(
        "Quorum: {} (Sentinel {asked})\nMaster {}: {}\n{}",
        plan.quorum.message,
        plan.name,
        plan.master,
        replicas_table(&plan.name, asked, &plan.replicas, colour)
    )
}

/// What `sentinel failover` did: the new master, and with `--wait` its replicas.
pub fn failover_outcome_text(outcome: &FailoverOutcome, colour: bool) -> String {
    let mut text = format!(
        "Failed over {}: {} -> {} in {:.1}s (Sentinel {})\n",
        outcome.name,
        outcome.old_master,
        outcome.new_master,
        outcome.took.as_secs_f64(),
        outcome.sentinel
    );
    if let Some(replicas) = &outcome.replicas {
        text.push_str(&replicas_table(&outcome.name, &outcome.sentinel, replicas, colour));
    }
    text
}

pub fn replicas_table(name: &str, asked: &str, replicas: &[ReplicaInfo], color: bool) -> String {
    let rows: Vec<Vec<String>> = replicas
        .iter()
        .map(|r| {
            vec![
                r.addr.to_string(),
                r.flags.join(","),
                r.master_link_status.clone(),
                r.offset.to_string(),
                r.priority.to_string(),
                r.master.as_ref().map(ToString::to_string).unwrap_or_default(),
            ]
        })
        .collect();
    let headers = ["Address", "Flags", "Link", "Offset", "Priority", "Master"];
    let title = format!(" Replicas of {name} (Sentinel {asked}) ");
    pretty_table(&title, &headers, &rows, color.then_some(&flag_colour as &CellColour)) + "\n"
}

/// Red for what needs attention: down flags, a broken replication link.
fn flag_colour(column: &str, text: &str) -> Option<Color> {
    let bad = match column {
        "Flags" => text.split(',').any(|f| matches!(f, "s_down" | "o_down" | "disconnected")),
        "Link" => text != "ok",
        _ => false,
    };
    bad.then_some(Color::Red)
}
