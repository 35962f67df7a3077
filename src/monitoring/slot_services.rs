//! `replication_slots`: the WAL each replication slot keeps on the leader, and slots nobody
//! uses (an inactive slot keeps WAL until the disk fills).

use super::nagios::{Metric, Outcome, State, Summary};
use super::range::Range;
use crate::tiers::postgres::{ReplicationReport, Slot};

/// `-w/-c` on each slot's retained WAL (sizes: `1GB`, `500MB:`), and on the number of
/// inactive slots (WARNING on any by default).
#[derive(Debug, Clone, Default)]
pub struct SlotThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
    pub inactive_warning: Option<Range>,
    pub inactive_critical: Option<Range>,
}

pub fn evaluate_slots(report: &ReplicationReport, t: &SlotThresholds) -> Outcome {
    const SERVICE: &str = "replication_slots";
    let retained = |s: &Slot| s.retained_bytes.unwrap_or(0);
    let inactive: Vec<&str> = report.slots.iter().filter(|s| !s.active).map(|s| s.name.as_str()).collect();
    let mut metrics = Vec::new();
    let mut too_much = Vec::new();
    for slot in &report.slots {
        let metric = Metric::new(format!("{}_retained", slot.name), retained(slot))
            .uom("B")
            .warning(t.warning)
            .critical(t.critical);
        if let (state @ (State::Warning | State::Critical), Some(why)) = metric.evaluate() {
            too_much.push(format!(
                "slot {} retains {} of WAL ({}: {why})",
                slot.name,
                human_bytes(retained(slot)),
                state
            ));
        }
        metrics.push(metric);
        metrics.push(Metric::new(format!("{}_active", slot.name), slot.active));
    }
    metrics.push(Metric::new("slots", report.slots.len() as i64));
    metrics.push(
        Metric::new("inactive_slots", inactive.len() as i64)
            .warning(t.inactive_warning.or(Some(Range::between(0, 0))))
            .critical(t.inactive_critical),
    );
    let most = report.slots.iter().max_by_key(|s| retained(s));
    let ok = match most {
        Some(slot) => format!(
            "{} replication slots on {}, the most retained WAL is {} ({}).",
            report.slots.len(),
            report.member,
            human_bytes(retained(slot)),
            slot.name
        ),
        None => format!("No replication slot on {}.", report.member),
    };
    let mut problems = too_much;
    if !inactive.is_empty() {
        problems.push(format!("inactive slots: {}", inactive.join(", ")));
    }
    Outcome::evaluate(
        SERVICE,
        metrics,
        Summary::sentences(ok, format!("On {}: {}", report.member, problems.join("; "))),
    )
}

/// `16.0 MB`: bytes in powers of 1024, named as PostgreSQL's `pg_size_pretty` names them (and
/// counted as the size thresholds count them).
pub fn human_bytes(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value.abs() >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::range::parse_size_range;
    use crate::tiers::postgres::Archiver;

    fn slot(name: &str, active: bool, retained: i64) -> Slot {
        Slot {
            name: name.into(),
            slot_type: "physical".into(),
            database: None,
            active,
            restart_lsn: Some("0/3000000".into()),
            retained_bytes: Some(retained),
            wal_status: Some("reserved".into()),
        }
    }

    fn report(slots: Vec<Slot>) -> ReplicationReport {
        ReplicationReport { member: "pg0".into(), slots, replicas: Vec::new(), archiver: Archiver::default() }
    }

    #[test]
    fn retained_wal_is_compared_per_slot_and_inactive_slots_warn() {
        let t = SlotThresholds {
            warning: parse_size_range("16MB").ok(),
            critical: parse_size_range("1GB").ok(),
            ..Default::default()
        };
        let ok = evaluate_slots(&report(vec![slot("pg1", true, 1024), slot("pg2", true, 0)]), &t);
        assert_eq!(
            ok.status_line(),
            "REPLICATIONSLOTS OK - 2 replication slots on pg0, the most retained WAL is 1.0 kB (pg1). | inactive_slots=0;0 pg1_active=1 pg1_retained=1024B;16777216;1073741824 pg2_active=1 pg2_retained=0B;16777216;1073741824 slots=2"
        );
        let big = evaluate_slots(&report(vec![slot("pg1", true, 32 * 1024 * 1024), slot("pg2", false, 0)]), &t);
        assert_eq!(big.state, State::Warning);
        assert_eq!(
            big.message,
            "On pg0: slot pg1 retains 32.0 MB of WAL (WARNING: outside range 0:16777216); inactive slots: pg2"
        );
        let huge = evaluate_slots(&report(vec![slot("pg1", true, 2 * 1024 * 1024 * 1024)]), &t);
        assert_eq!(huge.state, State::Critical);
        assert_eq!(evaluate_slots(&report(vec![]), &t).message, "No replication slot on pg0.");
    }
}
