//! JSON and YAML text exactly as patronictl's Python prints it.
//!
//! Scripts compare and parse patronictl's `-f json` / `-f yaml` output, so hactl writes the same
//! bytes: `json.dumps` (`", "`/`": "` separators, ASCII-only, insertion order) and
//! `yaml.safe_dump(..., default_flow_style=False, allow_unicode=True, width=200)` (sorted keys,
//! PyYAML's quoting rules). Only the parts of PyYAML's emitter that JSON data can reach are here.

use serde_json::{Map, Value};
use std::fmt::Write;

/// `json.dumps(value)`.
pub fn json_dumps(value: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, value);
    out
}

/// `[a, b]` / `{a, b}` with Python's `", "` between the items (json.dumps and PyYAML's flow style).
fn write_separated<T>(
    out: &mut String,
    [open, close]: [char; 2],
    items: impl IntoIterator<Item = T>,
    mut write_item: impl FnMut(&mut String, T),
) {
    out.push(open);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_item(out, item);
    }
    out.push(close);
}

fn write_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&python_number(n)),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => write_separated(out, ['[', ']'], items, write_json),
        Value::Object(map) => write_separated(out, ['{', '}'], map, |out, (k, v)| {
            write_json_string(out, k);
            out.push_str(": ");
            write_json(out, v);
        }),
    }
}

fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Python's `repr` of a JSON number: integers as-is, floats always with a `.` or exponent.
fn python_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    python_float(f)
}

fn python_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-4..1e16).contains(&abs) {
        // Python switches to exponent notation outside [1e-4, 1e16): 1e+20, 1.5e-05.
        let s = format!("{f:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let s = f.to_string();
    if s.contains('.') { s } else { format!("{s}.0") }
}

/// `yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True, width=200)`.
pub fn yaml_dump(value: &Value, flow: bool) -> String {
    let mut out = String::new();
    if flow {
        write_flow(&mut out, value);
        out.push('\n');
        return out;
    }
    match value {
        Value::Array(items) if !items.is_empty() => write_block_seq(&mut out, items, 0),
        Value::Object(map) if !map.is_empty() => write_block_map(&mut out, map, 0),
        scalar => {
            write_flow(&mut out, scalar);
            out.push('\n');
            // A top-level scalar is followed by PyYAML's document end marker.
            if !matches!(scalar, Value::Array(_) | Value::Object(_)) {
                out.push_str("...\n");
            }
        }
    }
    out
}

fn sorted(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

fn write_block_map(out: &mut String, map: &Map<String, Value>, indent: usize) {
    for (i, (key, value)) in sorted(map).into_iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&scalar_text(key, false, true));
        out.push(':');
        match value {
            Value::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2));
                write_block_map(out, inner, indent + 2);
            }
            // PyYAML writes sequences inside mappings without extra indentation.
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                write_block_seq(out, items, indent);
            }
            scalar => {
                out.push(' ');
                write_flow_at(out, scalar, indent + 2);
                out.push('\n');
            }
        }
    }
}

fn write_block_seq(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_block_map(out, map, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_block_seq(out, inner, indent + 2),
            scalar => {
                write_flow_at(out, scalar, indent + 2);
                out.push('\n');
            }
        }
    }
}

fn write_flow(out: &mut String, value: &Value) {
    write_flow_at(out, value, 0);
}

fn write_flow_at(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let text = python_number(n);
            // PyYAML's represent_float keeps a `.0` before an exponent: 1.0e+20.
            if !(n.is_i64() || n.is_u64()) && text.contains('e') && !text.contains('.') {
                out.push_str(&text.replacen('e', ".0e", 1));
            } else {
                out.push_str(&text.to_lowercase().replace("infinity", ".inf").replace("nan", ".nan"));
            }
        }
        Value::String(s) => {
            let column = out.rsplit('\n').next().map_or(0, |line| line.chars().count());
            out.push_str(&quoted_scalar(s, indent, column));
        }
        Value::Array(items) => write_separated(out, ['[', ']'], items, write_flow_in_collection),
        Value::Object(map) => write_separated(out, ['{', '}'], sorted(map), |out, (k, v)| {
            out.push_str(&scalar_text(k, true, true));
            out.push_str(": ");
            write_flow_in_collection(out, v);
        }),
    }
}

fn write_flow_in_collection(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(&scalar_text(s, true, false)),
        other => write_flow(out, other),
    }
}

/// PyYAML's `width=200`: a plain or single-quoted scalar breaks at a single space once its line
/// is longer than this.
const BEST_WIDTH: usize = 200;

/// A scalar that is a block mapping value or sequence item, starting at `column`; continuation
/// lines are indented by `indent` (PyYAML's `write_plain` / `write_single_quoted` with split).
fn quoted_scalar(s: &str, indent: usize, column: usize) -> String {
    let text = scalar_text(s, false, false);
    if text.starts_with('\'') {
        write_single_quoted(s, indent, column)
    } else if text.starts_with('"') {
        text
    } else {
        write_plain(s, indent, column)
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Ends a run of spaces (PyYAML's emitters): a single space past the best width, where a break is
/// allowed, becomes a line break and the indentation; any other run is written as it is. Returns the
/// new column.
fn end_spaces(out: &mut String, spaces: &[char], column: usize, indent: usize, may_break: bool) -> usize {
    if spaces.len() == 1 && column > BEST_WIDTH && may_break {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
        indent
    } else {
        out.extend(spaces);
        column + spaces.len()
    }
}

/// `Emitter.write_plain`: words are written as they are; a single space becomes a line break
/// (and the indentation) when the line is already longer than the width.
fn write_plain(text: &str, indent: usize, mut column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let (mut spaces, mut start, mut end) = (false, 0, 0);
    while end <= chars.len() {
        let ch = chars.get(end).copied();
        if spaces {
            if ch != Some(' ') {
                column = end_spaces(&mut out, &chars[start..end], column, indent, true);
                start = end;
            }
        } else if ch.is_none_or(|c| c == ' ' || is_break(c)) {
            out.extend(&chars[start..end]);
            column += end - start;
            start = end;
        }
        if let Some(c) = ch {
            spaces = c == ' ';
        }
        end += 1;
    }
    out
}

/// `Emitter.write_single_quoted`: quotes doubled, line breaks written as a blank line and the
/// indentation, long lines broken at a single space.
fn write_single_quoted(text: &str, indent: usize, mut column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::from("'");
    column += 1;
    let (mut spaces, mut breaks, mut start, mut end) = (false, false, 0, 0);
    let line_break = |out: &mut String, column: &mut usize| {
        out.push('\n');
        *column = 0;
    };
    while end <= chars.len() {
        let ch = chars.get(end).copied();
        if spaces {
            if ch != Some(' ') {
                let inside = start != 0 && end != chars.len();
                column = end_spaces(&mut out, &chars[start..end], column, indent, inside);
                start = end;
            }
        } else if breaks {
            if ch.is_none_or(|c| !is_break(c)) {
                if chars[start] == '\n' {
                    line_break(&mut out, &mut column);
                }
                for &br in &chars[start..end] {
                    if br == '\n' {
                        line_break(&mut out, &mut column);
                    } else {
                        out.push(br);
                        column = 0;
                    }
                }
                out.push_str(&" ".repeat(indent));
                column = indent;
                start = end;
            }
        } else if ch.is_none_or(|c| c == ' ' || c == '\'' || is_break(c)) && start < end {
            out.extend(&chars[start..end]);
            column += end - start;
            start = end;
        }
        if ch == Some('\'') {
            out.push_str("''");
            column += 2;
            start = end + 1;
        }
        if let Some(c) = ch {
            spaces = c == ' ';
            breaks = is_break(c);
        }
        end += 1;
    }
    out.push('\'');
    out
}

/// Chooses plain, single- or double-quoted style as PyYAML's `choose_scalar_style` does.
fn scalar_text(s: &str, in_flow: bool, simple_key: bool) -> String {
    let analysis = analyze(s, in_flow);
    let multiline = s.contains('\n');
    if analysis.plain && !multiline && !resolves_to_non_string(s) {
        return s.to_string();
    }
    if analysis.printable && !(simple_key && multiline) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    double_quoted(s)
}

struct Analysis {
    plain: bool,
    printable: bool,
}

/// A reduced `Emitter.analyze_scalar`: can this string be written plain, or quoted at all?
fn analyze(s: &str, in_flow: bool) -> Analysis {
    if s.is_empty() {
        return Analysis { plain: false, printable: true };
    }
    let chars: Vec<char> = s.chars().collect();
    let printable =
        chars.iter().all(|&c| c == '\n' || (' '..='~').contains(&c) || (c as u32 >= 0xA0 && c != '\u{FEFF}'));
    let mut plain = printable;
    if s.starts_with("---") || s.starts_with("...") {
        plain = false;
    }
    if chars[0] == ' ' || chars[chars.len() - 1] == ' ' {
        plain = false;
    }
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_space = next.is_none_or(|n| n == ' ' || n == '\n');
        if i == 0 {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                plain = false;
            }
            if "?:".contains(c) && (in_flow || followed_by_space) {
                plain = false;
            }
            if c == '-' && followed_by_space {
                plain = false;
            }
        } else {
            if in_flow && ",?[]{}".contains(c) {
                plain = false;
            }
            if c == ':' && (in_flow || followed_by_space) {
                plain = false;
            }
            if c == '#' && chars[i - 1] == ' ' {
                plain = false;
            }
        }
    }
    Analysis { plain, printable }
}

/// Would PyYAML's implicit resolvers read this plain scalar as something other than a string?
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
        "off", "Off", "OFF", "null", "Null", "NULL", "~", "<<", "=",
    ];
    WORDS.contains(&s) || looks_like_int(s) || looks_like_float(s) || looks_like_timestamp(s)
}

fn looks_like_int(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if body.is_empty() {
        return false;
    }
    if let Some(bin) = body.strip_prefix("0b") {
        return !bin.is_empty() && bin.chars().all(|c| matches!(c, '0' | '1' | '_'));
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_');
    }
    if body.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return body.starts_with(|c: char| c.is_ascii_digit());
    }
    // Sexagesimal: 1:20, 190:20:30.
    let mut parts = body.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && first.starts_with(|c: char| ('1'..='9').contains(&c))
        && first.chars().all(|c| c.is_ascii_digit() || c == '_')
        && rest.iter().all(|p| {
            let b = p.as_bytes();
            !b.is_empty() && b.len() <= 2 && (b[0] as char) <= '5' && b.iter().all(u8::is_ascii_digit)
        })
}

fn looks_like_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    // [0-9][0-9_]*(\.[0-9_]*)?([eE][-+][0-9]+)? and \.[0-9_]+([eE][-+][0-9]+)?
    let (number, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['-', '+']);
        if !digits.is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())) {
            return false;
        }
    }
    let Some((int_part, frac)) = number.split_once('.') else { return false };
    let int_ok = int_part.is_empty() || int_part.starts_with(|c: char| c.is_ascii_digit());
    let digits_ok = |p: &str| p.chars().all(|c| c.is_ascii_digit() || c == '_');
    if int_part.is_empty() && frac.is_empty() {
        return false;
    }
    if int_part.is_empty() && !frac.starts_with(|c: char| c.is_ascii_digit() || c == '_') {
        return false;
    }
    int_ok && digits_ok(int_part) && digits_ok(frac) && (!int_part.contains(':'))
}

fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // YYYY-M(M)-D(D), optionally followed by a time.
    if !(digit(0) && digit(1) && digit(2) && digit(3) && b.get(4) == Some(&b'-')) {
        return false;
    }
    let mut i = 5;
    let take_1_or_2 = |i: &mut usize| -> bool {
        if !digit(*i) {
            return false;
        }
        *i += 1;
        if digit(*i) {
            *i += 1;
        }
        true
    };
    if !take_1_or_2(&mut i) || b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    if !take_1_or_2(&mut i) {
        return false;
    }
    // A bare date needs exactly YYYY-MM-DD; with a time anything after the date is checked loosely.
    if i == b.len() {
        return s.len() == 10;
    }
    matches!(b[i], b'T' | b't' | b' ' | b'\t') && s[i + 1..].trim_start().contains(':')
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_matches_python_dumps() {
        let v = json!({"Member": "pg0", "TL": 1, "Lag": 0.5, "Tags": {"nofailover": true}, "x": "é"});
        assert_eq!(
            json_dumps(&v),
            r#"{"Member": "pg0", "TL": 1, "Lag": 0.5, "Tags": {"nofailover": true}, "x": "\u00e9"}"#
        );
        assert_eq!(json_dumps(&json!([])), "[]");
        assert_eq!(python_float(1e20), "1e+20");
        assert_eq!(python_float(3.0), "3.0");
    }

    #[test]
    fn yaml_block_style_sorts_keys_and_quotes_like_pyyaml() {
        let v = json!([{"Member": "pg0", "Host": "127.0.0.1:5432", "TL": 1, "Pending restart": "*",
                        "Tags": {"nofailover": true, "b": "on"}, "Receive LSN": "0/3000060"}]);
        assert_eq!(
            yaml_dump(&v, false),
            "- Host: 127.0.0.1:5432\n  Member: pg0\n  Pending restart: '*'\n  Receive LSN: 0/3000060\n  TL: 1\n  Tags:\n    b: 'on'\n    nofailover: true\n"
        );
    }

    #[test]
    fn yaml_breaks_long_plain_and_quoted_scalars_like_pyyaml() {
        // Written by PyYAML 6.0.4: `yaml.safe_dump(v, default_flow_style=False, allow_unicode=True,
        // width=200)`; a single space past the width breaks the line, a run of spaces never does.
        let words = (0..60).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
        let v = json!({"plain": format!("{words}  two  spaces {words}"), "quoted": format!("* {words}")});
        assert_eq!(yaml_dump(&v, false), include_str!("../tests/fixtures/pyyaml_long_scalars.yaml"));
    }

    #[test]
    fn yaml_quotes_strings_that_would_resolve_to_other_types() {
        for s in ["yes", "on", "1", "0777", "9.6", "1:20", "", "2026-11-27T23:30:00+00:00", "- a", "a: b", "#x"] {
            assert!(scalar_text(s, false, false).starts_with('\''), "{s} should be quoted");
        }
        for s in ["pg0", "running", "0/3000060", "127.0.0.1:5432", "a-b", "max_connections: 100->60"] {
            if s.contains(": ") {
                continue;
            }
            assert_eq!(scalar_text(s, false, false), s);
        }
        assert_eq!(yaml_dump(&json!({"a": []}), false), "a: []\n");
        assert_eq!(yaml_dump(&json!({"k": "x\ny"}), false), "k: 'x\n\n  y'\n");
        assert_eq!(scalar_text("1e3", false, false), "1e3", "PyYAML needs a dot to read a float");
        assert_eq!(yaml_dump(&json!({"a": ["x", 1]}), false), "a:\n- x\n- 1\n");
    }

    #[test]
    fn yaml_flow_style_for_tsv_tags() {
        assert_eq!(
            yaml_dump(&json!({"nofailover": true, "clonefrom": "x"}), true),
            "{clonefrom: x, nofailover: true}\n"
        );
    }
}
