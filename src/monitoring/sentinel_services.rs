//! `sentinel_quorum`: each configured Sentinel asked on its own, how many answer against the
//! quorum they are configured with, and whether they all name the same master.

use super::nagios::{Metric, Outcome, Summary};
use super::range::Range;
use crate::settings::SentinelSettings;
use crate::tiers::sentinel::{Addr, SentinelError, Sentinels};
use std::time::Duration;

const SERVICE: &str = "sentinel_quorum";

/// What one Sentinel said about the master.
#[derive(Debug, Clone, PartialEq)]
pub struct SentinelView {
    /// `host:port` of the Sentinel.
    pub sentinel: String,
    /// The master's address and the quorum it is configured with, or why it did not answer.
    pub answer: Result<(Addr, u64), String>,
}

/// `-w/-c` on the number of Sentinels that answer; by default WARNING below all of them and
/// CRITICAL below the quorum.
#[derive(Debug, Clone, Default)]
pub struct SentinelThresholds {
    pub warning: Option<Range>,
    pub critical: Option<Range>,
}

/// Asks every Sentinel of `settings` at once about `master` (the only master they monitor when
/// `None`).
pub async fn sentinel_quorum(
    settings: &SentinelSettings,
    master: Option<&str>,
    timeout: Duration,
    thresholds: &SentinelThresholds,
) -> Outcome {
    let started = std::time::Instant::now();
    let name = match master {
        Some(name) => name.to_string(),
        None => match only_master(settings, timeout).await {
            Ok(name) => name,
            Err(reason) => return Outcome::unknown(SERVICE, reason),
        },
    };
    // What is left of the one timeout, for asking each Sentinel about that master.
    let timeout = timeout.saturating_sub(started.elapsed()).max(Duration::from_millis(100));
    let mut tasks = tokio::task::JoinSet::new();
    for (index, host) in settings.hosts.iter().enumerate() {
        let one = SentinelSettings { hosts: vec![host.clone()], ..settings.clone() };
        let (host, name) = (host.clone(), name.clone());
        tasks.spawn(async move {
            let answer = async {
                let mut sentinel = Sentinels::new(&one, timeout).map_err(|e| e.to_string())?;
                let addr = sentinel.master_addr(&name).await.map_err(|e| e.to_string())?;
                let info = sentinel.master(&name).await.map_err(|e| e.to_string())?;
                Ok((addr, info.quorum))
            };
            (index, SentinelView { sentinel: host, answer: answer.await })
        });
    }
    let mut views: Vec<(usize, SentinelView)> = tasks.join_all().await;
    views.sort_by_key(|(i, _)| *i);
    let views: Vec<SentinelView> = views.into_iter().map(|(_, v)| v).collect();
    evaluate_sentinel_quorum(&name, &views, thresholds)
}

/// Every Sentinel is asked at once and the first answer is taken: one that accepts connections
/// and never answers (frozen), listed first, must not hold the check to its timeout.
async fn only_master(settings: &SentinelSettings, timeout: Duration) -> Result<String, String> {
    let mut asked = tokio::task::JoinSet::new();
    for host in &settings.hosts {
        let one = SentinelSettings { hosts: vec![host.clone()], ..settings.clone() };
        asked.spawn(async move { Sentinels::new(&one, timeout)?.masters().await });
    }
    let mut unreachable = Vec::new();
    let mut other = None;
    let masters = loop {
        match asked.join_next().await {
            Some(Ok(Ok(masters))) => break masters,
            Some(Ok(Err(SentinelError::Unreachable { details }))) => unreachable.push(details),
            Some(Ok(Err(e))) => other = other.or(Some(e.to_string())),
            Some(Err(e)) => other = other.or(Some(e.to_string())),
            None => {
                return Err(
                    other.unwrap_or_else(|| SentinelError::Unreachable { details: unreachable.join("; ") }.to_string())
                );
            }
        }
    };
    match masters.as_slice() {
        [one] => Ok(one.name.clone()),
        [] => Err("the Sentinels monitor no master".into()),
        several => {
            let names: Vec<&str> = several.iter().map(|m| m.name.as_str()).collect();
            Err(format!("the Sentinels monitor several masters ({}): name one with --master", names.join(", ")))
        }
    }
}

pub fn evaluate_sentinel_quorum(master: &str, views: &[SentinelView], t: &SentinelThresholds) -> Outcome {
    let answered: Vec<(&str, &Addr, u64)> =
        views.iter().filter_map(|v| v.answer.as_ref().ok().map(|(a, q)| (v.sentinel.as_str(), a, *q))).collect();
    if answered.is_empty() {
        let why: Vec<String> =
            views.iter().filter_map(|v| v.answer.as_ref().err().map(|e| format!("{}: {e}", v.sentinel))).collect();
        return Outcome::unknown(SERVICE, format!("no Sentinel answered: {}", why.join("; ")));
    }
    let configured = views.len() as i64;
    let reachable = answered.len() as i64;
    let quorum = answered.iter().map(|(_, _, q)| *q as i64).max().unwrap_or(0);
    let mut addresses: Vec<&Addr> = answered.iter().map(|(_, a, _)| *a).collect();
    addresses.dedup();
    addresses.sort_by_key(|a| a.to_string());
    addresses.dedup();
    let metrics = vec![
        Metric::new("master_addresses", addresses.len() as i64).critical(Some(Range::between(1, 1))),
        Metric::new("quorum", quorum),
        Metric::new("sentinels", configured),
        Metric::new("sentinels_reachable", reachable)
            .warning(t.warning.or(Some(Range::at_least(configured))))
            .critical(t.critical.or(Some(Range::at_least(quorum)))),
    ];
    let unreachable: Vec<String> =
        views.iter().filter_map(|v| v.answer.as_ref().err().map(|e| format!("{} ({e})", v.sentinel))).collect();
    let down =
        if unreachable.is_empty() { String::new() } else { format!("; unreachable: {}", unreachable.join(", ")) };
    let agreement = if addresses.len() == 1 {
        format!("all see master {master} at {}", addresses[0])
    } else {
        let said: Vec<String> = answered.iter().map(|(s, a, _)| format!("{s} says {a}")).collect();
        format!("the Sentinels disagree on master {master}: {}", said.join(", "))
    };
    Outcome::evaluate(
        SERVICE,
        metrics,
        Summary::sentences(
            format!("{reachable} of {configured} Sentinels reachable (quorum {quorum}), {agreement}."),
            format!("{reachable} of {configured} Sentinels reachable (quorum {quorum}), {agreement}{down}"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::nagios::State;

    fn view(port: u16, master: Option<u16>) -> SentinelView {
        SentinelView {
            sentinel: format!("127.0.0.1:{port}"),
            answer: match master {
                Some(p) => Ok((Addr { host: "127.0.0.1".into(), port: p }, 2)),
                None => Err("connection refused".into()),
            },
        }
    }

    #[test]
    fn all_agreeing_is_ok_one_down_warns_below_quorum_or_split_is_critical() {
        let t = SentinelThresholds::default();
        let ok = evaluate_sentinel_quorum(
            "mymaster",
            &[view(26379, Some(6379)), view(26380, Some(6379)), view(26381, Some(6379))],
            &t,
        );
        assert_eq!(
            ok.status_line(),
            "SENTINELQUORUM OK - 3 of 3 Sentinels reachable (quorum 2), all see master mymaster at 127.0.0.1:6379. | master_addresses=1;;1:1 quorum=2 sentinels=3 sentinels_reachable=3;3:;2:"
        );
        let one_down = evaluate_sentinel_quorum(
            "mymaster",
            &[view(26379, Some(6379)), view(26380, None), view(26381, Some(6379))],
            &t,
        );
        assert_eq!(one_down.state, State::Warning);
        assert!(
            one_down.message.ends_with("unreachable: 127.0.0.1:26380 (connection refused)"),
            "{}",
            one_down.message
        );
        let two_down =
            evaluate_sentinel_quorum("mymaster", &[view(26379, Some(6379)), view(26380, None), view(26381, None)], &t);
        assert_eq!(two_down.state, State::Critical);
        let split = evaluate_sentinel_quorum(
            "mymaster",
            &[view(26379, Some(6379)), view(26380, Some(6380)), view(26381, Some(6379))],
            &t,
        );
        assert_eq!(split.state, State::Critical);
        assert!(split.message.contains("disagree"), "{}", split.message);
        let none = evaluate_sentinel_quorum("mymaster", &[view(26379, None)], &t);
        assert_eq!(none.state, State::Unknown);
    }
}
