//! Argument types and checks more than one subcommand uses: output formats, the cluster name,
//! `--force`, seconds, scheduled times, `-w`/`-W`.

use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use clap::{Args, ValueEnum};
use clap_complete::ArgValueCandidates;
use hactl::actions::RoleFilter;
use hactl::render::ListFormat;
use hactl::render::table;
use serde::Serialize;
use std::time::Duration;

/// `-f pretty|json`: a text for people, or one JSON document for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Pretty,
    Json,
}

impl OutputFormat {
    pub fn is_json(self) -> bool {
        self == OutputFormat::Json
    }

    /// Prints `value` as JSON, or the text `pretty` makes of it.
    pub fn print<T: Serialize>(self, ui: &mut Ui, value: &T, pretty: impl FnOnce() -> String) -> CommandResult {
        match self {
            OutputFormat::Json => ui.print_json(value)?,
            OutputFormat::Pretty => ui.out(&pretty())?,
        }
        Ok(())
    }
}

/// `-f pretty|json`.
#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format
    #[arg(id = "format", short = 'f', long = "format", value_name = "FORMAT", value_enum, default_value_t = OutputFormat::Pretty)]
    pub value: OutputFormat,
}

impl FormatArg {
    pub fn is_json(&self) -> bool {
        self.value.is_json()
    }

    /// Prints `value` as JSON, or the text `pretty` makes of it.
    pub fn print<T: Serialize>(&self, ui: &mut Ui, value: &T, pretty: impl FnOnce() -> String) -> CommandResult {
        self.value.print(ui, value, pretty)
    }
}

/// A failure is printed as JSON when `-f json` was asked for.
impl crate::commands::ErrorFormat for FormatArg {
    fn json_errors(&self) -> bool {
        self.is_json()
    }
}

/// patronictl's table formats (`list`, `history`, `query`, `remove`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Pretty,
    Tsv,
    Json,
    #[value(alias = "yml")]
    Yaml,
}

impl TableFormat {
    pub fn is_json(self) -> bool {
        self == TableFormat::Json
    }

    /// The format of the member tables (`list`, `remove`).
    pub fn members(self) -> ListFormat {
        match self {
            TableFormat::Pretty => ListFormat::Pretty,
            TableFormat::Tsv => ListFormat::Tsv,
            TableFormat::Json => ListFormat::Json,
            TableFormat::Yaml => ListFormat::Yaml,
        }
    }

    /// The format of the other tables (`history`, `query`).
    pub fn rows(self) -> table::Format {
        match self {
            TableFormat::Pretty => table::Format::Pretty,
            TableFormat::Tsv => table::Format::Tsv,
            TableFormat::Json => table::Format::Json,
            TableFormat::Yaml => table::Format::Yaml,
        }
    }
}

/// `[CLUSTER_NAME]`, the configured scope when not given.
#[derive(Debug, Args)]
pub struct ClusterArg {
    /// Cluster name (default: the configured scope)
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: Option<String>,
}

/// `CLUSTER_NAME [MEMBER_NAMES]...` of an action on members. Each command words the members'
/// help itself: `#[command(mut_arg("member_names", |a| a.help("...")))]`.
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// Cluster name
    #[arg(add = ArgValueCandidates::new(crate::complete::clusters))]
    pub cluster_name: String,
    /// Members (default: every member)
    #[arg(add = ArgValueCandidates::new(crate::complete::members))]
    pub member_names: Vec<String>,
}

/// `-r/--role`: act only on members with this role. Each command words its help, as for
/// [`MembersArgs`]: `mut_arg("role", ...)`.
#[derive(Debug, Args)]
pub struct RoleArg {
    /// Only members with this role
    #[arg(id = "role", short = 'r', long = "role", value_name = "ROLE", value_enum, default_value_t = RoleFilter::Any)]
    pub value: RoleFilter,
}

/// `--force`.
#[derive(Debug, Args)]
pub struct ForceArg {
    /// Do not ask for confirmation at any point
    #[arg(id = "force", long = "force")]
    pub given: bool,
}

/// `-W` and `-w SECONDS`: show again and again, until Ctrl-C.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Auto update the screen every 2 seconds
    #[arg(short = 'W')]
    pub every_two_seconds: bool,
    /// Auto update the screen every X seconds
    #[arg(short = 'w', long = "watch", value_name = "SECONDS")]
    pub interval: Option<f64>,
}

impl WatchArgs {
    pub fn interval(&self) -> CommandResult<Option<Duration>> {
        watch_interval(self.interval, self.every_two_seconds)
    }
}

/// How often to refresh: `-w SECONDS`, else every 2 seconds with `-W`, else once (`None`).
pub fn watch_interval(seconds: Option<f64>, every_two_seconds: bool) -> CommandResult<Option<Duration>> {
    match (seconds, every_two_seconds) {
        (Some(secs), _) => positive_seconds("-w/--watch", secs).map(Some),
        (None, true) => Ok(Some(Duration::from_secs(2))),
        (None, false) => Ok(None),
    }
}

/// A number of seconds given to `option`, which must be positive.
pub fn positive_seconds(option: &str, secs: f64) -> CommandResult<Duration> {
    if secs.is_nan() || secs <= 0.0 {
        return Err(CommandError::usage(format!("{option} must be a positive number of seconds, got {secs}")));
    }
    // A deadline that far ahead is a typo, and past some point adding it to the clock overflows.
    if secs > MAX_SECONDS {
        return Err(CommandError::usage(format!(
            "{option} must be at most {MAX_SECONDS} seconds (a year), got {secs}"
        )));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The longest duration a seconds option takes: a year.
const MAX_SECONDS: f64 = 365.0 * 24.0 * 3600.0;

/// `--group`: a Citus group.
#[derive(Debug, Args)]
pub struct GroupArg {
    /// Citus group
    #[arg(id = "group", long = "group", value_name = "GROUP")]
    pub value: Option<i64>,
}

impl GroupArg {
    /// Refuses `--group` for an action that does not act on Citus groups yet.
    pub fn refuse(&self, action: &str) -> CommandResult {
        match self.value {
            Some(_) => Err(CommandError::usage(format!("--group: {action} of Citus groups is not supported yet"))),
            None => Ok(()),
        }
    }
}

/// `now` (or nothing) means immediately; otherwise ISO 8601, local time when no offset is given
/// (patronictl's `parse_scheduled`).
pub fn parse_scheduled(text: &str) -> CommandResult<Option<DateTime<FixedOffset>>> {
    let text = text.trim();
    if text.is_empty() || text == "now" {
        return Ok(None);
    }
    let normalized = normalize_offset(text);
    let text = normalized.as_str();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at));
    }
    for format in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M%:z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Ok(Some(at));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
    {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format)
            && let Some(at) = Local.from_local_datetime(&naive).single()
        {
            return Ok(Some(at.fixed_offset()));
        }
    }
    Err(CommandError::usage(format!(
        "Unable to parse scheduled timestamp ({text}). It should be in an unambiguous format (e.g. ISO 8601)"
    )))
}

/// dateutil reads `-3`, `+0530` and `Z` (after any time, with or without seconds) as offsets;
/// chrono wants `-03:00`, `+05:30` and, without seconds, `+00:00`.
fn normalize_offset(text: &str) -> String {
    if text.len() > 10 && (text.ends_with('Z') || text.ends_with('z')) {
        return format!("{}+00:00", &text[..text.len() - 1]);
    }
    // The offset's sign comes after the date (`YYYY-MM-DD`), so search only the time part.
    let Some(time_start) = text.get(10..).map(|_| 10) else { return text.to_string() };
    let Some(sign_at) = text[time_start..].rfind(['+', '-']).map(|i| i + time_start) else {
        return text.to_string();
    };
    let digits = &text[sign_at + 1..];
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return text.to_string();
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits, "00"),
        4 => (&digits[..2], &digits[2..]),
        _ => return text.to_string(),
    };
    format!("{}{}{hours:0>2}:{minutes}", text[..sign_at].trim_end(), &text[sign_at..=sign_at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduled_times_parse_like_patronictl() {
        assert_eq!(parse_scheduled("now").unwrap(), None);
        let at = parse_scheduled("2026-12-01T02:00:00+01:00").unwrap().unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-01T02:00:00+01:00");
        assert!(parse_scheduled("2026-12-01T02:00+00:00").unwrap().is_some());
        assert!(parse_scheduled("2026-12-01T02:00").unwrap().is_some(), "local time without an offset");
        let utc = |t: &str| parse_scheduled(t).unwrap().unwrap().to_rfc3339();
        assert_eq!(utc("2026-12-01T02:00:00Z"), "2026-12-01T02:00:00+00:00");
        assert_eq!(utc("2026-12-01T02:00Z"), "2026-12-01T02:00:00+00:00");
        assert_eq!(utc("2026-12-01 02:00z"), "2026-12-01T02:00:00+00:00");
        assert_eq!(utc("2026-12-01T02:00-3"), "2026-12-01T02:00:00-03:00");
        assert_eq!(utc("2026-12-01 02:00:30.5+0530"), "2026-12-01T02:00:30.500+05:30");
        assert!(parse_scheduled("2026-12-01 02:00").unwrap().is_some());
        let error = parse_scheduled("tomorrow-ish").unwrap_err().to_string();
        assert!(error.starts_with("Unable to parse scheduled timestamp (tomorrow-ish)"), "{error}");
    }

    #[test]
    fn seconds_must_be_positive() {
        assert_eq!(positive_seconds("--timeout", 1.5).unwrap(), Duration::from_millis(1500));
        for bad in [0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
            let error = positive_seconds("--timeout", bad).unwrap_err();
            assert_eq!(error.to_string(), format!("--timeout must be a positive number of seconds, got {bad}"));
        }
        for huge in [f64::INFINITY, 1e30, 31_536_001.0] {
            let error = positive_seconds("--timeout", huge).unwrap_err();
            assert_eq!(error.to_string(), format!("--timeout must be at most 31536000 seconds (a year), got {huge}"));
        }
        assert_eq!(positive_seconds("--max-age", 31_536_000.0).unwrap(), Duration::from_secs(31_536_000));
    }
}

/// `--probe DSN`, `--probe-ro DSN` and `--probe-interval MS`: the write and read probes beside a
/// switchover, failover, restart or apply.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("probe_paths").args(["probe", "probe_ro"]).multiple(true)))]
pub struct ProbeArgs {
    /// Measure write downtime on the applications' path: a libpq DSN through it (HAProxy's write
    /// frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section's DSN; written to
    /// every --probe-interval while the action runs
    #[arg(long, value_name = "DSN")]
    pub probe: Option<String>,
    /// Measure read downtime on the read path: a libpq DSN through it (HAProxy's read frontend),
    /// or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs
    #[arg(long = "probe-ro", value_name = "DSN")]
    pub probe_ro: Option<String>,
    /// Milliseconds between two probe attempts
    #[arg(long, value_name = "MS", default_value_t = 100, requires = "probe_paths", value_parser = clap::value_parser!(u64).range(10..=10_000))]
    pub probe_interval: u64,
}

/// The parsed probe options.
#[derive(Debug, Clone)]
pub struct ProbeSetup {
    pub write: Option<hactl::probe::ProbePath>,
    pub read: Option<hactl::probe::ProbePath>,
    pub interval: Duration,
}

impl ProbeSetup {
    /// A dry run's checks of the probe paths (see [`hactl::probe::check_path`]): the plan then
    /// says whether the real run would start its probes or refuse the action.
    pub async fn dry_run_checks(&self, cluster: &hactl::cluster::Cluster) -> Vec<hactl::engine::Check> {
        use hactl::engine::{Check, Verdict};
        use hactl::probe::ProbeKind;
        let mut checks = Vec::new();
        for (kind, name, path) in
            [(ProbeKind::Write, "write_probe", &self.write), (ProbeKind::Read, "read_probe", &self.read)]
        {
            let Some(path) = path else { continue };
            let (verdict, detail) = match hactl::probe::check_path(kind, path, cluster).await {
                Ok(detail) => (Verdict::Passed, detail),
                Err(detail) => {
                    let reason = format!("the {kind} probe through {} cannot {kind}: {detail}", path.display);
                    (Verdict::Failed(reason.clone()), reason)
                }
            };
            checks.push(Check { name, verdict, detail, source: None });
        }
        checks
    }
}

impl ProbeArgs {
    /// The parsed DSNs (their passwords from them or `PGPASSWORD`). `haproxy`, `pgbouncer` or
    /// `pgpool` in place of a DSN take it from that section of the configuration.
    pub fn setup(&self, settings: &hactl::settings::Settings) -> CommandResult<ProbeSetup> {
        use hactl::probe::{ProbeKind, ProbePath};
        let env: std::collections::BTreeMap<String, String> = std::env::vars().collect();
        let parse = |kind: ProbeKind, given: &Option<String>| -> CommandResult<Option<ProbePath>> {
            let Some(given) = given.as_deref() else { return Ok(None) };
            let dsn = match probe_dsn_from_settings(kind, given, settings) {
                Some(Ok(dsn)) => dsn,
                Some(Err(missing)) => return Err(CommandError::usage(missing)),
                None => given,
            };
            Ok(Some(ProbePath::parse(kind, dsn, &env)?))
        };
        Ok(ProbeSetup {
            write: parse(ProbeKind::Write, &self.probe)?,
            read: parse(ProbeKind::Read, &self.probe_ro)?,
            interval: Duration::from_millis(self.probe_interval),
        })
    }
}

/// For `--probe haproxy` and the like: the DSN of that section, or what to set; `None` for a DSN.
fn probe_dsn_from_settings<'a>(
    kind: hactl::probe::ProbeKind,
    given: &str,
    settings: &'a hactl::settings::Settings,
) -> Option<Result<&'a str, String>> {
    use hactl::probe::ProbeKind;
    let read = kind == ProbeKind::Read;
    let (section, key, dsn) = match given {
        "haproxy" if read => ("haproxy", "read_dsn", settings.haproxy.as_ref().and_then(|h| h.read_dsn.as_ref())),
        "haproxy" => ("haproxy", "write_dsn", settings.haproxy.as_ref().and_then(|h| h.write_dsn.as_ref())),
        "pgbouncer" => ("pgbouncer", "dsn", settings.pgbouncer.as_ref().and_then(|p| p.dsn.as_ref())),
        "pgpool" => ("pgpool", "dsn", settings.pgpool.as_ref().and_then(|p| p.dsn.as_ref())),
        _ => return None,
    };
    Some(dsn.map(|d| d.expose()).ok_or_else(|| {
        format!(
            "{} {given}: the configuration has no {section}.{key} (set it, or HACTL_{}_{}, or give the DSN itself)",
            kind.flag(),
            section.to_uppercase(),
            key.to_uppercase()
        )
    }))
}
