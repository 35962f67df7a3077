//! The Nagios plugin layer every service shares, with nagiosplugin's rules (the library
//! check_patroni is built on), so that the status line and the perfdata read the same:
//! each metric is compared with its critical then its warning range, the worst state wins, the
//! summary is the service's own sentence or else the first (or first worst) metric described as
//! `name is value (outside range ...)`, and the perfdata are sorted.

use super::range::{Number, Range};
use serde::Serialize;
use std::fmt;

/// A plugin's state; its exit code is its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum State {
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}

impl State {
    pub fn exit_code(self) -> u8 {
        self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Ok => "OK",
            State::Warning => "WARNING",
            State::Critical => "CRITICAL",
            State::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One measured value and its thresholds (nagiosplugin's `Metric` in a `ScalarContext`).
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub name: String,
    pub value: Number,
    /// Unit of measure, e.g. `B`.
    pub uom: &'static str,
    pub warning: Range,
    pub critical: Range,
}

impl Metric {
    /// A metric without thresholds (compared with the empty range `0:`, as nagiosplugin does).
    pub fn new(name: impl Into<String>, value: impl Into<Number>) -> Metric {
        Metric {
            name: name.into(),
            value: value.into(),
            uom: "",
            warning: Range::default(),
            critical: Range::default(),
        }
    }

    pub fn warning(mut self, range: Option<Range>) -> Metric {
        self.warning = range.unwrap_or_default();
        self
    }

    pub fn critical(mut self, range: Option<Range>) -> Metric {
        self.critical = range.unwrap_or_default();
        self
    }

    pub fn uom(mut self, uom: &'static str) -> Metric {
        self.uom = uom;
        self
    }

    /// The metric's state and, when it is not OK, the range it is outside of.
    pub fn evaluate(&self) -> (State, Option<String>) {
        if !self.critical.contains(self.value) {
            (State::Critical, Some(self.critical.violation()))
        } else if !self.warning.contains(self.value) {
            (State::Warning, Some(self.warning.violation()))
        } else {
            (State::Ok, None)
        }
    }

    /// `name is value` (nagiosplugin's default `fmt_metric`).
    fn describe(&self) -> String {
        format!("{} is {}{}", self.name, self.value.short(), self.uom)
    }
}

/// One perfdata item: `label=value[uom];warn;crit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Perfdata {
    pub label: String,
    pub value: Number,
    pub uom: &'static str,
    /// The warning range as written in perfdata (empty when none).
    pub warning: String,
    pub critical: String,
}

impl fmt::Display for Perfdata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = if !self.label.is_empty() && self.label.chars().all(|c| c.is_alphanumeric() || c == '_') {
            self.label.clone()
        } else {
            format!("'{}'", self.label)
        };
        let mut fields =
            vec![format!("{label}={}{}", self.value, self.uom), self.warning.clone(), self.critical.clone()];
        while fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        f.write_str(&fields.join(";"))
    }
}

/// The summary sentence: the service's own for OK and for a problem, or nagiosplugin's default.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    /// The first metric's description when OK, the first worst one's (with why) otherwise.
    Described,
    Sentences {
        ok: String,
        problem: String,
    },
}

impl Summary {
    pub fn sentences(ok: impl Into<String>, problem: impl Into<String>) -> Summary {
        Summary::Sentences { ok: ok.into(), problem: problem.into() }
    }
}

/// What a service concluded: its state, the status line's sentence and the perfdata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The service's name, e.g. `cluster_has_leader`.
    pub service: String,
    pub state: State,
    pub message: String,
    pub perfdata: Vec<Perfdata>,
    /// The check stopped on an error it did not expect: nagiosplugin then writes
    /// `NAME UNKNOWN: reason` rather than `NAME UNKNOWN - reason`.
    #[serde(skip)]
    pub aborted: bool,
}

impl Outcome {
    /// Evaluates `metrics` in order, as nagiosplugin's `Check` does.
    pub fn evaluate(service: &str, metrics: Vec<Metric>, summary: Summary) -> Outcome {
        let results: Vec<(State, Option<String>)> = metrics.iter().map(Metric::evaluate).collect();
        let Some(state) = results.iter().map(|(s, _)| *s).max() else {
            return Outcome::unknown(service, "no check results");
        };
        let message = match summary {
            Summary::Sentences { ok, .. } if state == State::Ok => ok,
            Summary::Sentences { problem, .. } => problem,
            Summary::Described => {
                let index =
                    if state == State::Ok { 0 } else { results.iter().position(|(s, _)| *s == state).unwrap_or(0) };
                match &results[index].1 {
                    Some(hint) => format!("{} ({hint})", metrics[index].describe()),
                    None => metrics[index].describe(),
                }
            }
        };
        let mut perfdata: Vec<Perfdata> = metrics
            .into_iter()
            .map(|m| Perfdata {
                label: m.name,
                value: m.value,
                uom: m.uom,
                warning: m.warning.to_string(),
                critical: m.critical.to_string(),
            })
            .collect();
        perfdata.sort_by_key(|p| p.to_string());
        Outcome { service: service.to_string(), state, message, perfdata, aborted: false }
    }

    /// UNKNOWN with a reason and no perfdata: the service could not look (`Connection failed for
    /// all provided endpoints`, etcd unreachable, a bad option).
    pub fn unknown(service: &str, reason: impl Into<String>) -> Outcome {
        Outcome {
            service: service.to_string(),
            state: State::Unknown,
            message: one_line(&reason.into()),
            perfdata: Vec::new(),
            aborted: false,
        }
    }

    /// UNKNOWN for an error the check did not expect (check_patroni's uncaught exceptions, a
    /// timeout), written `NAME UNKNOWN: reason`.
    pub fn aborted(service: &str, reason: impl Into<String>) -> Outcome {
        Outcome { aborted: true, ..Outcome::unknown(service, reason) }
    }

    /// `CLUSTERHASLEADER`: the name at the start of the status line.
    pub fn check_name(&self) -> String {
        self.service.replace('_', "").to_uppercase()
    }

    pub fn exit_code(&self) -> u8 {
        self.state.exit_code()
    }

    /// The one line a Nagios plugin prints: `NAME STATE - message | perfdata`.
    pub fn status_line(&self) -> String {
        let name = self.check_name();
        // nagiosplugin removes `|` from the text, since it starts the perfdata.
        let message = self.message.replace('|', "");
        let mut line = if self.aborted {
            format!("{name} {}: {message}", self.state)
        } else if message.is_empty() {
            format!("{name} {}", self.state)
        } else {
            format!("{name} {} - {message}", self.state)
        };
        if !self.perfdata.is_empty() {
            let perf: Vec<String> = self.perfdata.iter().map(ToString::to_string).collect();
            line.push_str(" | ");
            line.push_str(&perf.join(" ").replace('|', ""));
        }
        line
    }
}

fn one_line(text: &str) -> String {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_has_leader_reads_as_check_patroni_prints_it() {
        let metrics = vec![
            Metric::new("has_leader", 1).critical(Some(Range::inside(0, 0))),
            Metric::new("is_standby_leader_in_arc_rec", 0).warning(Some(Range::inside(1, 1))),
            Metric::new("is_standby_leader", 0),
            Metric::new("is_leader", 1),
        ];
        let outcome = Outcome::evaluate(
            "cluster_has_leader",
            metrics,
            Summary::sentences("The cluster has a running leader.", "no leader"),
        );
        assert_eq!(
            outcome.status_line(),
            "CLUSTERHASLEADER OK - The cluster has a running leader. | has_leader=1;;@0 is_leader=1 is_standby_leader=0 is_standby_leader_in_arc_rec=0;@1:1"
        );
        assert_eq!(outcome.exit_code(), 0);
    }

    #[test]
    fn the_default_summary_names_the_first_worst_metric_and_why() {
        let metrics = vec![
            Metric::new("members", 3),
            Metric::new("healthy_members", 1).warning(Range::parse("3:").ok()).critical(Range::parse("2:").ok()),
        ];
        let outcome = Outcome::evaluate("cluster_node_count", metrics.clone(), Summary::Described);
        assert_eq!(outcome.state, State::Critical);
        assert_eq!(
            outcome.status_line(),
            "CLUSTERNODECOUNT CRITICAL - healthy_members is 1 (outside range 2:) | healthy_members=1;3:;2: members=3"
        );
        let ok = Outcome::evaluate("cluster_node_count", vec![Metric::new("members", 3)], Summary::Described);
        assert_eq!(ok.status_line(), "CLUSTERNODECOUNT OK - members is 3 | members=3");
    }

    #[test]
    fn warning_is_checked_after_critical() {
        let m = Metric::new("healthy_replica", 1).warning(Range::parse("2:").ok()).critical(Range::parse("1:").ok());
        let outcome = Outcome::evaluate("cluster_has_replica", vec![m], Summary::Described);
        assert_eq!(outcome.state, State::Warning);
        assert_eq!(outcome.message, "healthy_replica is 1 (outside range 2:)");
    }

    #[test]
    fn labels_with_odd_characters_are_quoted_and_units_follow_the_value() {
        let m = Metric::new("pg-1_lag", 5).uom("B");
        assert_eq!(Outcome::evaluate("x", vec![m], Summary::Described).perfdata[0].to_string(), "'pg-1_lag'=5B");
    }

    #[test]
    fn unknown_and_aborted_lines() {
        let u = Outcome::unknown("node_is_alive", "Connection failed for all provided endpoints");
        assert_eq!(u.status_line(), "NODEISALIVE UNKNOWN - Connection failed for all provided endpoints");
        assert_eq!(u.exit_code(), 3);
        let a = Outcome::aborted("node_is_alive", "Timeout: check execution aborted after 2s");
        assert_eq!(a.status_line(), "NODEISALIVE UNKNOWN: Timeout: check execution aborted after 2s");
        assert_eq!(Outcome::unknown("x", "a\nb").message, "a; b");
    }
}
