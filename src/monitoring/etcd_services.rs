//! `etcd_quorum` and `etcd_alarms`: the etcd cluster under the DCS, which no Patroni plugin
//! watches. Quorum lost is CRITICAL (no leader election, no writes to the DCS); a member down
//! with quorum held is a WARNING.

use super::nagios::{Metric, Outcome, Summary};
use super::range::Range;
use crate::settings::EtcdSettings;
use crate::tiers::etcd::{self, AlarmList, HealthReport};
use std::time::Duration;

/// `-w/-c` on the number of healthy members; by default WARNING below all members and
/// CRITICAL below the quorum.
#[derive(Debug, Clone, Default)]
pub struct QuorumThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
}

pub async fn etcd_quorum(settings: &EtcdSettings, timeout: Duration, thresholds: &QuorumThresholds) -> Outcome {
    match etcd::health(settings, true, timeout).await {
        Ok(report) => evaluate_quorum(&report, thresholds),
        Err(e) => Outcome::unknown("etcd_quorum", e.to_string()),
    }
}

pub fn evaluate_quorum(report: &HealthReport, t: &QuorumThresholds) -> Outcome {
    let quorum = &report.quorum;
    let members = quorum.members.unwrap_or(report.endpoints.len()) as i64;
    let needed = quorum.needed.map_or(members / 2 + 1, |n| n as i64);
    let healthy = quorum.healthy as i64;
    let metrics = vec![
        Metric::new("has_quorum", quorum.held).critical(Some(Range::inside(0, 0))),
        Metric::new("healthy_members", healthy)
            .warning(t.warning.or(Some(Range::at_least(members))))
            .critical(t.critical.or(Some(Range::at_least(needed)))),
        Metric::new("members", members),
        Metric::new("quorum", needed),
    ];
    let sick: Vec<String> = report
        .endpoints
        .iter()
        .filter(|e| !e.read_ok)
        .map(|e| format!("{} ({})", e.endpoint, e.error.as_deref().unwrap_or("unhealthy")))
        .collect();
    let sick = if sick.is_empty() { String::new() } else { format!("; unhealthy: {}", sick.join(", ")) };
    let problem = if quorum.held {
        format!("{healthy} of {members} etcd members are healthy, quorum ({needed}) is held{sick}")
    } else {
        format!("etcd quorum is lost: {healthy} of {members} members are healthy, {needed} needed{sick}")
    };
    Outcome::evaluate(
        "etcd_quorum",
        metrics,
        Summary::sentences(format!("{healthy} of {members} etcd members are healthy (quorum {needed})."), problem),
    )
}

/// `-w/-c` on the number of active alarms; any alarm is CRITICAL by default.
pub async fn etcd_alarms(settings: &EtcdSettings, timeout: Duration, thresholds: &QuorumThresholds) -> Outcome {
    match etcd::alarms(settings, timeout).await {
        Ok(list) => evaluate_alarms(&list, thresholds),
        Err(e) => Outcome::unknown("etcd_alarms", e.to_string()),
    }
}

pub fn evaluate_alarms(list: &AlarmList, t: &QuorumThresholds) -> Outcome {
    let count = |name: &str| list.alarms.iter().filter(|a| a.alarm == name).count() as i64;
    let metrics = vec![
        Metric::new("alarms", list.alarms.len() as i64)
            .warning(t.warning)
            .critical(t.critical.or(Some(Range::between(0, 0)))),
        Metric::new("corrupt", count("CORRUPT")),
        Metric::new("nospace", count("NOSPACE")),
    ];
    let active: Vec<String> = list.alarms.iter().map(|a| format!("{} on member {}", a.alarm, a.member_id)).collect();
    Outcome::evaluate(
        "etcd_alarms",
        metrics,
        Summary::sentences("No active etcd alarm.", format!("Active etcd alarms: {}.", active.join(", "))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::nagios::State;
    use crate::tiers::etcd::{Alarm, MemberId, test_health_report as report};

    #[test]
    fn all_up_is_ok_one_down_warns_and_quorum_lost_is_critical() {
        let ok = evaluate_quorum(&report(&[true, true, true]), &QuorumThresholds::default());
        assert_eq!(
            ok.status_line(),
            "ETCDQUORUM OK - 3 of 3 etcd members are healthy (quorum 2). | has_quorum=1;;@0 healthy_members=3;3:;2: members=3 quorum=2"
        );
        let one_down = evaluate_quorum(&report(&[true, false, true]), &QuorumThresholds::default());
        assert_eq!(one_down.state, State::Warning);
        assert_eq!(
            one_down.message,
            "2 of 3 etcd members are healthy, quorum (2) is held; unhealthy: http://127.0.0.1:2380 (connection refused)"
        );
        let lost = evaluate_quorum(&report(&[true, false, false]), &QuorumThresholds::default());
        assert_eq!(lost.state, State::Critical);
        assert!(
            lost.message.starts_with("etcd quorum is lost: 1 of 3 members are healthy, 2 needed"),
            "{}",
            lost.message
        );
        // A user's threshold replaces the default, but quorum lost stays CRITICAL.
        let relaxed = QuorumThresholds { warning: Range::parse("1:").ok(), critical: Range::parse("1:").ok() };
        assert_eq!(evaluate_quorum(&report(&[true, false, true]), &relaxed).state, State::Ok);
        assert_eq!(evaluate_quorum(&report(&[true, false, false]), &relaxed).state, State::Critical);
    }

    #[test]
    fn any_alarm_is_critical() {
        let none = AlarmList { endpoint: "http://127.0.0.1:2379".into(), alarms: Vec::new() };
        assert_eq!(
            evaluate_alarms(&none, &QuorumThresholds::default()).status_line(),
            "ETCDALARMS OK - No active etcd alarm. | alarms=0;;0 corrupt=0 nospace=0"
        );
        let nospace = AlarmList {
            endpoint: "http://127.0.0.1:2379".into(),
            alarms: vec![Alarm { member_id: MemberId(0xabc), alarm: "NOSPACE".into() }],
        };
        let outcome = evaluate_alarms(&nospace, &QuorumThresholds::default());
        assert_eq!(
            outcome.status_line(),
            "ETCDALARMS CRITICAL - Active etcd alarms: NOSPACE on member abc. | alarms=1;;0 corrupt=0 nospace=1"
        );
    }
}
