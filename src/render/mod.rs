//! Pure functions from the cluster model to text: `list` and `topology` exactly as patronictl
//! 4.1.5 prints them (`patroni/ctl.py output_members`, `print_output`, `PatronictlPrettyTable`).

pub mod actions;
pub mod contexts;
pub mod etcd;
pub mod history;
pub mod sentinel;
pub mod status;
pub mod switchover;
pub mod table;

use crate::cluster::{Cluster, MemberView, Position, StandbyOf, is_truthy};
use crate::pyfmt;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// PrettyTable's look: `+---+` rules, `|` separators, one space of padding.
const PRETTY_TABLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('+', '-', '+', '+'))
    .header_lines(ContentLineStyle::new('|', '|', '|'))
    .header_separator(LineStyle::new('+', '-', '+', '+'))
    .content_lines(ContentLineStyle::new('|', '|', '|'))
    .bottom_border(LineStyle::new('+', '-', '+', '+'));

const PRETTY_TABLE_ALL_RULES: TableStyle = PRETTY_TABLE.row_separator(LineStyle::new('+', '-', '+', '+'));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Pretty,
    Tsv,
    Json,
    Yaml,
    /// `topology`: the pretty table with members in replication-tree order.
    Topology,
}

/// One cluster to print. `groups` holds one entry for a plain cluster, several for Citus.
pub struct Listing<'a> {
    pub name: &'a str,
    pub groups: Vec<(i64, &'a Cluster)>,
    /// Citus mode (a `citus` section in the configuration).
    pub citus: bool,
    /// The `--group` asked for, if any.
    pub group: Option<i64>,
    /// The context it was read through (`list --all-contexts`): a first `Context` column in the
    /// tsv, json and yaml forms; the pretty form has a title per context instead.
    pub context: Option<&'a str>,
    /// For a standby cluster read with `--all-contexts`: what it replicates from. A footer line
    /// in the pretty form; `Standby Of` and `Standby Lag` on the standby leader's row otherwise.
    pub standby_of: Option<&'a StandbyOf>,
}

impl<'a> Listing<'a> {
    pub fn single(name: &'a str, cluster: &'a Cluster) -> Listing<'a> {
        Listing { name, groups: vec![(0, cluster)], citus: false, group: None, context: None, standby_of: None }
    }
}

/// Renders `patronictl list` (or `topology`) for one cluster, including the service lines
/// (maintenance mode, scheduled switchover) that follow the pretty table. Ends with a newline.
/// `colour` highlights roles, states and excessive lag in the pretty table; it is off in
/// pipes, where the text is exactly patronictl's.
/// patronictl's `timestamp()`: local time with the microseconds cut to five digits.
pub fn ctl_timestamp(now: chrono::DateTime<chrono::Local>) -> String {
    let mut stamp = now.format("%Y-%m-%d %H:%M:%S%.6f").to_string();
    stamp.pop();
    stamp
}

pub fn render_members(listing: &Listing, format: ListFormat, extended: bool, colour: bool) -> String {
    use Column as C;
    let mut columns: Vec<Column> = vec![
        C::Cluster,
        C::Member,
        C::Host,
        C::Role,
        C::State,
        C::Timeline,
        C::ReceiveLsn,
        C::ReceiveLag,
        C::ReplayLsn,
        C::ReplayLag,
    ];
    if listing.citus {
        columns.insert(1, C::Group);
    }
    let context = listing.context.filter(|_| !matches!(format, ListFormat::Pretty | ListFormat::Topology));
    if context.is_some() {
        columns.insert(0, C::Context);
    }
    let standby_columns = listing.standby_of.filter(|_| !matches!(format, ListFormat::Pretty | ListFormat::Topology));
    if standby_columns.is_some() {
        columns.extend([C::StandbyOf, C::StandbyLag]);
    }
    let views: Vec<(i64, &Cluster, Vec<MemberView>)> =
        listing.groups.iter().map(|(g, c)| (*g, *c, c.member_views())).collect();
    let all_with_host: Vec<&MemberView> =
        views.iter().flat_map(|(_, _, v)| v.iter()).filter(|m| m.host.is_some()).collect();

    let optional = [
        (C::PendingRestart, has_value(&all_with_host, |m| m.pending_restart)),
        (C::PendingRestartReason, has_value(&all_with_host, |m| m.pending_restart_reason.is_some_and(is_truthy))),
        (C::ScheduledRestart, has_value(&all_with_host, |m| m.scheduled_restart.is_some_and(is_truthy))),
        (C::Tags, has_value(&all_with_host, |m| m.tags.is_some_and(is_truthy))),
    ];
    for (column, present) in optional {
        if extended || present {
            columns.push(column);
        }
    }

    // Host shows the port when any member runs on a non-default port or two share a host.
    let mut hosts: Vec<&str> = all_with_host.iter().filter_map(|m| m.host).collect();
    hosts.sort_unstable();
    hosts.dedup();
    let append_port =
        all_with_host.iter().any(|m| m.port.is_some_and(|p| p != 5432)) || hosts.len() < all_with_host.len();

    let hide_long = matches!(format, ListFormat::Pretty | ListFormat::Topology);
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut sorted_groups: Vec<&(i64, &Cluster, Vec<MemberView>)> = views.iter().collect();
    sorted_groups.sort_by_key(|(g, _, _)| *g);
    for (group, _, members) in sorted_groups {
        let ordered: Vec<(Cow<str>, &MemberView)> = if format == ListFormat::Topology {
            topology_order(members)
        } else {
            members.iter().map(|m| (Cow::Borrowed(m.name), m)).collect()
        };
        for (display_name, member) in ordered {
            let row = MemberRow {
                cluster: listing.name,
                group: *group,
                display_name: &display_name,
                member,
                append_port,
                hide_long,
                context,
                standby_of: standby_columns.filter(|_| member.role == crate::cluster::Role::StandbyLeader),
            };
            rows.push(row.cells(&columns));
        }
    }

    let initialize = match listing.groups.first().and_then(|(_, c)| c.initialize.as_deref()) {
        None => "uninitialized".to_string(),
        Some("") => "initializing".to_string(),
        Some(sysid) => sysid.to_string(),
    };
    let title = if listing.citus {
        let details = listing.group.map(|g| format!(" (group: {g}, {initialize})")).unwrap_or_default();
        format!(" Citus cluster: {}{details} ", listing.name)
    } else {
        format!(" Cluster: {} ({initialize}) ", listing.name)
    };

    let mut out = match format {
        ListFormat::Json | ListFormat::Yaml => {
            let elements: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let object: Map<String, Value> = columns
                        .iter()
                        .zip(row)
                        .filter(|(_, v)| !python_str(v).is_empty())
                        .map(|(c, v)| (c.name().to_string(), v.clone()))
                        .collect();
                    Value::Object(object)
                })
                .collect();
            let elements = Value::Array(elements);
            if format == ListFormat::Json {
                pyfmt::json_dumps(&elements) + "\n"
            } else {
                // click.echo adds a newline after the dump's own.
                pyfmt::yaml_dump(&elements, false) + "\n"
            }
        }
        ListFormat::Tsv => {
            tags_as_yaml(&columns, &mut rows, true);
            let mut text = columns.iter().map(|c| c.name()).collect::<Vec<_>>().join("\t") + "\n";
            for row in &rows {
                text.push_str(&row.iter().map(python_str).collect::<Vec<_>>().join("\t"));
                text.push('\n');
            }
            text
        }
        ListFormat::Pretty | ListFormat::Topology => {
            // `format_config_for_editing(tags, fmt != 'pretty')`: topology gets the flow style.
            tags_as_yaml(&columns, &mut rows, format != ListFormat::Pretty);
            let skip = if title.contains(" (group: ") { 2 } else { 1 };
            let headers: Vec<&str> = columns[skip..].iter().map(|c| c.header()).collect();
            let cells: Vec<Vec<String>> =
                rows.into_iter().map(|r| r.into_iter().skip(skip).map(into_python_str).collect()).collect();
            let max_lag_mb =
                listing.groups.first().map_or(1.0, |(_, c)| c.maximum_lag_on_failover() as f64 / 1048576.0);
            let highlight = |column: &str, text: &str| highlight(column, text, max_lag_mb);
            pretty_table(&title, &headers, &cells, colour.then_some(&highlight as &CellColour<'_>)) + "\n"
        }
    };

    if let Some(standby_of) = listing.standby_of.filter(|_| format == ListFormat::Pretty) {
        out.push_str(&format!(" {}\n", standby_line(standby_of)));
    }
    if matches!(format, ListFormat::Pretty | ListFormat::Topology) {
        let mut groups: Vec<&(i64, &Cluster)> = listing.groups.iter().collect();
        groups.sort_by_key(|(g, _)| *g);
        for (group, cluster) in groups {
            let info = service_info(cluster);
            if !info.is_empty() {
                if listing.citus && listing.group.is_none() {
                    out.push_str(&format!("Citus group: {group}\n"));
                }
                out.push(' ');
                out.push_str(&info.join("\n "));
                out.push('\n');
            }
        }
    }
    out
}

fn has_value(members: &[&MemberView], f: impl Fn(&MemberView) -> bool) -> bool {
    members.iter().any(|m| f(m))
}

/// The columns of `list`, in patronictl's order; which ones a table has depends on its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Context,
    Cluster,
    Group,
    Member,
    Host,
    Role,
    State,
    Timeline,
    ReceiveLsn,
    ReceiveLag,
    ReplayLsn,
    ReplayLag,
    PendingRestart,
    PendingRestartReason,
    ScheduledRestart,
    Tags,
    StandbyOf,
    StandbyLag,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Context => "Context",
            Column::Cluster => "Cluster",
            Column::Group => "Group",
            Column::Member => "Member",
            Column::Host => "Host",
            Column::Role => "Role",
            Column::State => "State",
            Column::Timeline => "TL",
            Column::ReceiveLsn => "Receive LSN",
            Column::ReceiveLag => "Receive Lag",
            Column::ReplayLsn => "Replay LSN",
            Column::ReplayLag => "Replay Lag",
            Column::PendingRestart => "Pending restart",
            Column::PendingRestartReason => "Pending restart reason",
            Column::ScheduledRestart => "Scheduled restart",
            Column::Tags => "Tags",
            Column::StandbyOf => "Standby Of",
            Column::StandbyLag => "Standby Lag",
        }
    }

    /// The name over the column in the pretty table, where both lags are `Lag`.
    fn header(self) -> &'static str {
        match self {
            Column::ReceiveLag | Column::ReplayLag => "Lag",
            other => other.name(),
        }
    }
}

/// One member's row and what its cells depend on.
struct MemberRow<'a> {
    cluster: &'a str,
    group: i64,
    display_name: &'a str,
    member: &'a MemberView<'a>,
    append_port: bool,
    hide_long: bool,
    /// `list --all-contexts` in a machine format: the context it was read through.
    context: Option<&'a str>,
    /// The standby leader's row in a machine format of `--all-contexts`: what it replicates.
    standby_of: Option<&'a StandbyOf>,
}

impl MemberRow<'_> {
    /// The cells of the given columns, with patronictl's conversions applied.
    fn cells(&self, columns: &[Column]) -> Vec<Value> {
        let m = self.member;
        let text = |s: &str| Value::String(s.to_string());
        let (receive, replay) = self.positions();
        let lsn = |position: Option<Position>| match position {
            None => text(""),
            Some(Position::Unknown) => text("unknown"),
            Some(Position::Known { lsn, .. }) => Value::String(crate::cluster::format_lsn(lsn)),
        };
        let lag = |position: Option<Position>| match position {
            Some(Position::Known { lag, .. }) => Value::from((lag as f64 / 1024.0 / 1024.0).round_ties_even() as u64),
            _ => text(""),
        };
        columns
            .iter()
            .map(|column| match column {
                Column::Context => self.context.map_or_else(|| text(""), text),
                Column::Cluster => text(self.cluster),
                Column::Group => Value::from(self.group),
                Column::Member => text(self.display_name),
                Column::Host => Value::String(match (m.host, m.port) {
                    (Some(h), Some(p)) if self.append_port => format!("{h}:{p}"),
                    (Some(h), _) => h.to_string(),
                    (None, _) => String::new(),
                }),
                Column::Role => text(m.role.title()),
                Column::State => text(m.state),
                Column::Timeline => m.timeline.cloned().unwrap_or_else(|| text("")),
                Column::ReceiveLsn => lsn(receive),
                Column::ReceiveLag => lag(receive),
                Column::ReplayLsn => lsn(replay),
                Column::ReplayLag => lag(replay),
                Column::PendingRestart => text(if m.pending_restart { "*" } else { "" }),
                Column::PendingRestartReason => Value::String(restart_reason(m.pending_restart_reason, self.hide_long)),
                Column::ScheduledRestart => Value::String(m.scheduled_restart.map(schedule).unwrap_or_default()),
                Column::Tags => m.tags.cloned().unwrap_or_else(|| text("")),
                Column::StandbyOf => self.standby_of.map_or_else(|| text(""), |s| Value::String(standby_source(s))),
                Column::StandbyLag => self.standby_of.and_then(|s| s.lag_bytes).map_or_else(|| text(""), Value::from),
            })
            .collect()
    }

    /// The receive and replay positions as patronictl shows them.
    fn positions(&self) -> (Option<Position>, Option<Position>) {
        let Some(p) = self.member.positions else { return (None, None) };
        // Agents older than 4.0 publish only `xlog_location`: patronictl shows it as the receive
        // position of a streaming replica and as the replay position otherwise.
        if p.receive == Position::Unknown && p.replay == Position::Unknown && p.current != Position::Unknown {
            if self.member.state == "streaming" {
                return (Some(p.current), Some(p.replay));
            }
            return (Some(p.receive), Some(p.current));
        }
        (Some(p.receive), Some(p.replay))
    }
}

/// A scheduled restart as `list` shows it: its time, and the version condition if any.
fn schedule(value: &Value) -> String {
    match value {
        Value::Object(s) => {
            let mut text = s.get("schedule").map(python_str).unwrap_or_default();
            if let Some(v) = s.get("postgres_version") {
                text.push_str(&format!(" if version < {}", python_str(v)));
            }
            text
        }
        other => python_str(other),
    }
}

/// `format_diff` over `pending_restart_reason`: `param: old->new`, long ones hidden in tables.
fn restart_reason(reason: Option<&Value>, hide_long: bool) -> String {
    let Some(Value::Object(params)) = reason else { return String::new() };
    params
        .iter()
        .map(|(param, values)| {
            let get = |k: &str| values.get(k).map(python_str).unwrap_or_default();
            let full = format!("{param}: {}->{}", get("old_value"), get("new_value"));
            if hide_long && full.chars().count() > 50 { format!("{param}: [hidden - too long]") } else { full }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Tags are printed as YAML: block style in tables, flow style in TSV.
fn tags_as_yaml(columns: &[Column], rows: &mut [Vec<Value>], flow: bool) {
    let Some(i) = columns.iter().position(|c| *c == Column::Tags) else { return };
    for row in rows {
        if is_truthy(&row[i]) {
            row[i] = Value::String(pyfmt::yaml_dump(&row[i], flow).trim().to_string());
        }
    }
}

/// `topology_sort`: the leader first, then each member under the member it replicates from.
fn topology_order<'a, 'm>(members: &'a [MemberView<'m>]) -> Vec<(Cow<'a, str>, &'a MemberView<'m>)> {
    let leader = members.iter().find(|m| m.role.is_leader());
    let replicas: Vec<&str> = members.iter().filter(|m| !m.role.is_leader()).map(|m| m.name).collect();
    let parent_of = |m: &MemberView<'m>| -> Option<&'m str> {
        let from = m.tags.and_then(|t| t.get("replicatefrom")).and_then(Value::as_str);
        match from {
            Some(p) if p != m.name && replicas.contains(&p) => Some(p),
            _ => leader.map(|l| l.name),
        }
    };
    let mut out = Vec::new();
    fn walk<'a, 'm>(
        level: usize,
        node: Option<&'a MemberView<'m>>,
        parent_name: Option<&str>,
        members: &'a [MemberView<'m>],
        parent_of: &dyn Fn(&MemberView<'m>) -> Option<&'m str>,
        out: &mut Vec<(Cow<'a, str>, &'a MemberView<'m>)>,
    ) {
        if let Some(m) = node {
            let name = if level > 0 {
                Cow::Owned(format!("{}+ {}", " ".repeat((level - 1) * 2), m.name))
            } else {
                Cow::Borrowed(m.name)
            };
            out.push((name, m));
        }
        for child in members.iter().filter(|c| !c.role.is_leader() && parent_of(c) == parent_name) {
            walk(level + 1, Some(child), Some(child.name), members, parent_of, out);
        }
    }
    walk(0, leader, leader.map(|l| l.name), members, &parent_of, &mut out);
    out
}

/// `get_cluster_service_info`: maintenance mode and a scheduled switchover.
/// `site-a/demo`, or the address when no cluster read serves it.
fn standby_source(standby_of: &StandbyOf) -> String {
    match &standby_of.source {
        Some((site, cluster)) => format!("{site}/{cluster}"),
        None => standby_of.address.clone(),
    }
}

/// ` Standby of: site-a/demo (127.0.0.1:5432), lag 0 B`.
pub(crate) fn standby_line(standby_of: &StandbyOf) -> String {
    match (&standby_of.source, standby_of.lag_bytes) {
        (Some(_), Some(lag)) => {
            format!(
                "Standby of: {} ({}), lag {}",
                standby_source(standby_of),
                standby_of.address,
                etcd::bytes(lag as i64)
            )
        }
        (Some(_), None) => format!("Standby of: {} ({}), lag unknown", standby_source(standby_of), standby_of.address),
        (None, _) => format!("Standby of: {} (no context read serves it)", standby_of.address),
    }
}

fn service_info(cluster: &Cluster) -> Vec<String> {
    let mut info = Vec::new();
    if cluster.is_paused() {
        info.push("Maintenance mode: on".to_string());
    }
    if let Some(f) = &cluster.failover
        && (f.leader.is_some() || f.candidate.is_some())
        && let Some(at) = &f.scheduled_at
    {
        let mut line = format!("Switchover scheduled at: {}", python_isoformat(at));
        if let Some(from) = &f.leader {
            line.push_str(&format!("\n{:>24}: {from}", "from"));
        }
        if let Some(to) = &f.candidate {
            line.push_str(&format!("\n{:>24}: {to}", "to"));
        }
        info.push(line);
    }
    info
}

/// `dateutil.parser.parse(at).isoformat()` for the timestamps Patroni writes.
fn python_isoformat(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let micros = t.timestamp_subsec_micros();
            let base = t.format("%Y-%m-%dT%H:%M:%S").to_string();
            let frac = if micros > 0 { format!(".{micros:06}") } else { String::new() };
            format!("{base}{frac}{}", t.format("%:z"))
        }
        Err(_) => at.to_string(),
    }
}

/// The colour of a cell worth noticing: the leader, a member not running, lag over the limit.
fn highlight(column: &str, text: &str, max_lag_mb: f64) -> Option<Color> {
    match column {
        "Role" if text.ends_with("Leader") => Some(Color::Green),
        "State" => match text {
            "running" | "streaming" => Some(Color::Green),
            "" => None,
            "stopped" | "crashed" | "start failed" | "stopping" => Some(Color::Red),
            _ => Some(Color::Yellow),
        },
        "Lag" => text.parse::<f64>().ok().filter(|lag| *lag > max_lag_mb).map(|_| Color::Red),
        _ => None,
    }
}

/// Picks a cell's colour from its column name and text.
pub type CellColour<'a> = dyn Fn(&str, &str) -> Option<Color> + 'a;

/// A PrettyTable with patronictl's title spliced into the top border. `colour` picks a colour
/// for a cell from its column name and text.
pub fn pretty_table(title: &str, headers: &[&str], rows: &[Vec<String>], colour: Option<&CellColour>) -> String {
    pretty_table_aligned(title, headers, rows, colour, &["Group", "Receive LSN", "Replay LSN", "Lag", "TL"])
}

/// [`pretty_table`] with the given columns right-aligned (patronictl's `alignment` argument of
/// `print_output`) and the others left-aligned.
pub fn pretty_table_aligned(
    title: &str,
    headers: &[&str],
    rows: &[Vec<String>],
    colour: Option<&CellColour>,
    right_aligned: &[&str],
) -> String {
    if colour.is_none()
        && let Some(text) = plain_table(title, headers, rows, right_aligned)
    {
        return text;
    }
    comfy_table(title, headers, rows, colour, right_aligned)
}

/// The table [`comfy_table`] draws, drawn directly when no colour is asked for and every header
/// and cell is one line of printable ASCII (one byte is then one column); `None` otherwise.
/// Why: `list --all` draws a table per cluster, and comfy-table's allocations per cell (its
/// lines, their padded copies) were half of the CPU on 1,000 clusters. The tests hold the two to
/// the same bytes.
fn plain_table(title: &str, headers: &[&str], rows: &[Vec<String>], right_aligned: &[&str]) -> Option<String> {
    let plain = |text: &str| text.bytes().all(|b| (b' '..=b'~').contains(&b));
    let rows_plain = rows.iter().all(|row| row.len() == headers.len() && row.iter().all(|cell| plain(cell)));
    if headers.is_empty() || !rows_plain || !headers.iter().all(|header| plain(header)) {
        return None;
    }
    // comfy-table gives an empty column a width of one.
    let mut widths: Vec<usize> = headers.iter().map(|header| header.len().max(1)).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let right: Vec<bool> = headers.iter().map(|header| right_aligned.contains(header)).collect();
    let mut rule = String::from("+");
    for width in &widths {
        rule.extend(std::iter::repeat_n('-', width + 2));
        rule.push('+');
    }
    let mut text = String::with_capacity((rule.len() + 1) * (rows.len() + 4));
    let push_row = |text: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        text.push_str("\n|");
        for ((cell, width), right) in cells.zip(&widths).zip(&right) {
            let fill = width - cell.len();
            text.push(' ');
            if *right {
                text.extend(std::iter::repeat_n(' ', fill));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', fill));
            }
            text.push_str(" |");
        }
    };
    splice_title(&mut text, &rule, title);
    push_row(&mut text, &mut headers.iter().copied());
    text.push('\n');
    text.push_str(&rule);
    for row in rows {
        push_row(&mut text, &mut row.iter().map(String::as_str));
    }
    text.push('\n');
    text.push_str(&rule);
    Some(text)
}

/// [`pretty_table_aligned`] drawn by comfy-table: any text, multi-line cells, colours.
fn comfy_table(
    title: &str,
    headers: &[&str],
    rows: &[Vec<String>],
    colour: Option<&CellColour>,
    right_aligned: &[&str],
) -> String {
    let multiline = rows.iter().flatten().any(|c| c.contains('\n'));
    let mut table = Table::new();
    table
        .load_style(if multiline { PRETTY_TABLE_ALL_RULES } else { PRETTY_TABLE })
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.to_vec());
    match colour {
        Some(_) => table.enforce_styling(),
        None => table.force_no_tty(),
    };
    for row in rows {
        let cells = row.iter().zip(headers).map(|(text, header)| {
            let cell = Cell::new(text);
            match colour.and_then(|pick| pick(header, text)) {
                Some(c) => cell.fg(c),
                None => cell,
            }
        });
        table.add_row(cells.collect::<Vec<_>>());
    }
    for (i, header) in headers.iter().enumerate() {
        if let Some(column) = table.column_mut(i)
            && right_aligned.contains(header)
        {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    // An empty body closes with the rule under the header repeated, as PrettyTable does; comfy
    // already prints it so (top rule, header, rule, bottom rule).
    let mut text = String::new();
    for (i, line) in table.lines().enumerate() {
        if i == 0 {
            splice_title(&mut text, &line, title);
        } else {
            text.push('\n');
            text.push_str(&line);
        }
    }
    text
}

/// `PatronictlPrettyTable.__build_header`: the title written over the top rule after its first
/// character, cut to fit inside the rule's ends; appended to `out`.
fn splice_title(out: &mut String, line: &str, title: &str) {
    let width = line.chars().count();
    let title_chars = title.chars().count().min(width.saturating_sub(2));
    let mut rule = line.char_indices();
    let Some((_, first)) = rule.next() else { return };
    out.push(first);
    out.extend(title.chars().take(title_chars));
    if let Some((rest, _)) = rule.nth(title_chars) {
        out.push_str(&line[rest..]);
    }
}

/// Python's `str()` of a cell value, taking its string when it is one.
fn into_python_str(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => python_str(&other),
    }
}

/// Python's `str()` of a cell value.
fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::Number(_) => pyfmt::json_dumps(value),
        other => pyfmt::json_dumps(other),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    /// A small deterministic generator (xorshift), so that a failure names a reproducible case.
    struct Cases(u64);

    impl Cases {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn text(&mut self, longest: usize) -> String {
            const CHARS: &[u8] = b"ab Z09./:-_ |+";
            (0..self.below(longest + 1)).map(|_| CHARS[self.below(CHARS.len())] as char).collect()
        }
    }

    #[test]
    fn plain_tables_are_drawn_as_comfy_table_draws_them() {
        let mut cases = Cases(0x9e37_79b9_7f4a_7c15);
        for case in 0..3_000 {
            let columns = 1 + cases.below(6);
            let headers: Vec<String> = (0..columns).map(|_| cases.text(8)).collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> =
                (0..cases.below(5)).map(|_| (0..columns).map(|_| cases.text(12)).collect()).collect();
            let right: Vec<&str> = headers.iter().copied().filter(|_| cases.below(2) == 0).collect();
            let title = cases.text(50);
            let plain = super::plain_table(&title, &headers, &rows, &right);
            let comfy = super::comfy_table(&title, &headers, &rows, None, &right);
            assert_eq!(plain.as_deref(), Some(comfy.as_str()), "case {case}: {title:?} {headers:?} {rows:?} {right:?}");
        }
    }

    #[test]
    fn tables_with_colour_or_more_than_plain_ascii_are_left_to_comfy_table() {
        let row = |cell: &str| vec![vec![cell.to_string()]];
        assert!(super::plain_table("t", &["A"], &row("naïve"), &[]).is_none());
        assert!(super::plain_table("t", &["A"], &row("two\nlines"), &[]).is_none());
        assert!(super::plain_table("t", &["A"], &row("tab\there"), &[]).is_none());
        assert!(super::plain_table("t", &["A", "B"], &row("short row"), &[]).is_none());
        let red = |_: &str, _: &str| Some(comfy_table::Color::Red);
        let coloured = super::pretty_table_aligned("t", &["A"], &row("x"), Some(&red), &[]);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    }

    #[test]
    fn ctl_timestamp_keeps_five_digits_of_the_microseconds() {
        let now =
            chrono::Local.with_ymd_and_hms(2026, 12, 3, 9, 5, 7).unwrap() + chrono::Duration::microseconds(123_456);
        assert_eq!(super::ctl_timestamp(now), "2026-12-03 09:05:07.12345");
    }
}
