//! YAML text read exactly as patronictl reads it: PyYAML's `yaml.safe_load` (YAML 1.1), into JSON
//! values as `json.dumps` then writes them.
//!
//! `edit-config` parses what the user typed (`-s key=value`, `--apply FILE`, the edited file) and
//! stores JSON in the DCS. A drop-in must store what patronictl stores, so plain scalars resolve
//! as PyYAML's implicit resolvers resolve them: `on`/`yes` are booleans, `0777` is octal (511),
//! `1_000` is 1000, `9.6` is a float, `1e3` is a string; quoted scalars stay strings (`'on'`,
//! which is how a string `on` comes out of `show-config`). A YAML 1.2 loader would read several
//! of these differently, so the resolution is done here, on events of a parser that keeps each
//! scalar's style and tag.
//!
//! Where patronictl would crash (a timestamp, NaN or infinity, binary data cannot be written as
//! JSON) this loader returns an error naming the line instead, except for timestamps, which stay
//! the strings that were typed.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl YamlError {
    fn at(span: &Span, message: impl Into<String>) -> YamlError {
        YamlError { line: span.start.line(), column: span.start.col() + 1, message: message.into() }
    }

    fn scan(error: &ScanError) -> YamlError {
        YamlError { line: error.marker().line(), column: error.marker().col() + 1, message: error.info().to_string() }
    }
}

/// `yaml.safe_load(text)`: `Null` for an empty document.
pub fn safe_load(text: &str) -> Result<Value, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut composer = Composer { anchors: HashMap::new() };
    let mut documents = Vec::new();
    loop {
        let (event, span) = next(&mut parser)?;
        match event {
            Event::StreamStart | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                let (event, span) = next(&mut parser)?;
                let node = if matches!(event, Event::DocumentEnd) {
                    Node::empty(span)
                } else {
                    let node = composer.compose(&mut parser, event, span)?;
                    let (end, span) = next(&mut parser)?;
                    if !matches!(end, Event::DocumentEnd) {
                        return Err(YamlError::at(&span, "expected the end of the document"));
                    }
                    node
                };
                documents.push(node);
                composer.anchors.clear();
            }
            _ => return Err(YamlError::at(&span, "expected a document")),
        }
    }
    match documents.len() {
        0 => Ok(Value::Null),
        1 => construct(&documents[0]),
        _ => Err(YamlError::at(&documents[1].span, "expected a single document in the stream, but found another")),
    }
}

fn next<'a>(parser: &mut Parser<'a, saphyr_parser::StrInput<'a>>) -> Result<(Event<'a>, Span), YamlError> {
    match parser.next_event() {
        Some(Ok(pair)) => Ok(pair),
        Some(Err(e)) => Err(YamlError::scan(&e)),
        None => Ok((Event::StreamEnd, Span::default())),
    }
}

/// A composed node, as PyYAML's composer builds it before construction.
#[derive(Debug, Clone)]
struct Node {
    span: Span,
    tag: Option<Tag>,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Scalar { value: String, plain: bool },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    fn empty(span: Span) -> Node {
        Node { span, tag: None, kind: Kind::Scalar { value: String::new(), plain: true } }
    }
}

struct Composer {
    anchors: HashMap<usize, Node>,
}

impl Composer {
    fn compose<'a>(
        &mut self,
        parser: &mut Parser<'a, saphyr_parser::StrInput<'a>>,
        event: Event<'a>,
        span: Span,
    ) -> Result<Node, YamlError> {
        let (node, anchor) = match event {
            Event::Alias(id) => {
                return self.anchors.get(&id).cloned().ok_or_else(|| YamlError::at(&span, "found undefined alias"));
            }
            Event::Scalar(value, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain;
                let node =
                    Node { span, tag: tag.map(Cow::into_owned), kind: Kind::Scalar { value: value.into(), plain } };
                (node, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = next(parser)?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.compose(parser, event, span)?);
                }
                (Node { span, tag: tag.map(Cow::into_owned), kind: Kind::Sequence(items) }, anchor)
            }
            Event::MappingStart(anchor, tag) => {
                let mut pairs = Vec::new();
                loop {
                    let (event, span) = next(parser)?;
                    if matches!(event, Event::MappingEnd) {
                        break;
                    }
                    let key = self.compose(parser, event, span)?;
                    let (event, span) = next(parser)?;
                    let value = self.compose(parser, event, span)?;
                    pairs.push((key, value));
                }
                (Node { span, tag: tag.map(Cow::into_owned), kind: Kind::Mapping(pairs) }, anchor)
            }
            _ => return Err(YamlError::at(&span, "expected a node")),
        };
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Ok(node)
    }
}

/// The tag a node resolves to: its explicit tag, else PyYAML's implicit resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Timestamp,
    Merge,
    Value,
    Seq,
    Map,
}

fn resolve(node: &Node) -> Result<Resolved, YamlError> {
    if let Some(tag) = &node.tag {
        // `!` alone is the non-specific tag: a string for scalars, the plain kind otherwise.
        if tag.handle == "!" && tag.suffix.is_empty() {
            return Ok(match node.kind {
                Kind::Scalar { .. } => Resolved::Str,
                Kind::Sequence(_) => Resolved::Seq,
                Kind::Mapping(_) => Resolved::Map,
            });
        }
        let resolved = if tag.is_yaml_core_schema() {
            match tag.suffix.as_str() {
                "str" => Some(Resolved::Str),
                "int" => Some(Resolved::Int),
                "float" => Some(Resolved::Float),
                "bool" => Some(Resolved::Bool),
                "null" => Some(Resolved::Null),
                "timestamp" => Some(Resolved::Timestamp),
                "merge" => Some(Resolved::Merge),
                "seq" => Some(Resolved::Seq),
                "map" => Some(Resolved::Map),
                _ => None,
            }
        } else {
            None
        };
        return resolved.ok_or_else(|| {
            YamlError::at(&node.span, format!("could not determine a constructor for the tag '{}'", tag_text(tag)))
        });
    }
    Ok(match &node.kind {
        Kind::Sequence(_) => Resolved::Seq,
        Kind::Mapping(_) => Resolved::Map,
        Kind::Scalar { plain: false, .. } => Resolved::Str,
        Kind::Scalar { value, plain: true } => resolve_plain(value),
    })
}

fn tag_text(tag: &Tag) -> String {
    if tag.handle == "!" { format!("!{}", tag.suffix) } else { format!("{}{}", tag.handle, tag.suffix) }
}

/// PyYAML's implicit resolvers (`yaml/resolver.py`), in their order for the first character.
fn resolve_plain(value: &str) -> Resolved {
    if value.is_empty() || matches!(value, "~" | "null" | "Null" | "NULL") {
        return Resolved::Null;
    }
    if is_bool(value) {
        return Resolved::Bool;
    }
    if is_float(value) {
        return Resolved::Float;
    }
    if is_int(value) {
        return Resolved::Int;
    }
    if value == "<<" {
        return Resolved::Merge;
    }
    if is_timestamp(value) {
        return Resolved::Timestamp;
    }
    if value == "=" {
        return Resolved::Value;
    }
    Resolved::Str
}

const TRUE_WORDS: &[&str] = &["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
const FALSE_WORDS: &[&str] = &["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

fn is_bool(s: &str) -> bool {
    TRUE_WORDS.contains(&s) || FALSE_WORDS.contains(&s)
}

fn digits(s: &str, allowed: impl Fn(char) -> bool) -> bool {
    s.chars().all(allowed)
}

fn strip_sign(s: &str) -> &str {
    s.strip_prefix(['-', '+']).unwrap_or(s)
}

/// `[0-9][0-9_]*`
fn dec_head(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit()) && digits(s, |c| c.is_ascii_digit() || c == '_')
}

/// `(?::[0-5]?[0-9])+` after a head, as a list of the parts after each colon.
fn sexagesimal_tail(parts: &[&str]) -> bool {
    !parts.is_empty()
        && parts.iter().all(|p| {
            let b = p.as_bytes();
            match b.len() {
                1 => b[0].is_ascii_digit(),
                2 => (b'0'..=b'5').contains(&b[0]) && b[1].is_ascii_digit(),
                _ => false,
            }
        })
}

/// `[eE][-+][0-9]+`
fn exponent(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['e', 'E']) else { return false };
    let Some(d) = rest.strip_prefix(['-', '+']) else { return false };
    !d.is_empty() && digits(d, |c| c.is_ascii_digit())
}

fn is_float(s: &str) -> bool {
    let unsigned = strip_sign(s);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    if let Some((head, frac)) = unsigned.split_once('.')
        && head.contains(':')
    {
        let parts: Vec<&str> = head.split(':').collect();
        return dec_head(parts[0]) && sexagesimal_tail(&parts[1..]) && digits(frac, |c| c.is_ascii_digit() || c == '_');
    }
    // [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  and  \.[0-9][0-9_]*([eE][-+][0-9]+)? (no sign)
    let split_exp = |rest: &str| -> Option<(usize, bool)> {
        // The length of the [0-9_]* run, and whether what follows is a valid exponent or nothing.
        let run = rest.find(|c: char| !(c.is_ascii_digit() || c == '_')).unwrap_or(rest.len());
        let tail = &rest[run..];
        Some((run, tail.is_empty() || exponent(tail)))
    };
    if let Some(after_dot) = s.strip_prefix('.') {
        return after_dot.starts_with(|c: char| c.is_ascii_digit()) && split_exp(after_dot).is_some_and(|(_, ok)| ok);
    }
    let Some((head, rest)) = unsigned.split_once('.') else { return false };
    dec_head(head) && split_exp(rest).is_some_and(|(_, ok)| ok)
}

fn is_int(s: &str) -> bool {
    let unsigned = strip_sign(s);
    if let Some(bin) = unsigned.strip_prefix("0b") {
        return !bin.is_empty() && digits(bin, |c| matches!(c, '0' | '1' | '_'));
    }
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return !hex.is_empty() && digits(hex, |c| c.is_ascii_hexdigit() || c == '_');
    }
    if unsigned == "0" {
        return true;
    }
    if let Some(octal) = unsigned.strip_prefix('0') {
        return !octal.is_empty() && digits(octal, |c| ('0'..='7').contains(&c) || c == '_');
    }
    if unsigned.starts_with(|c: char| ('1'..='9').contains(&c)) {
        let parts: Vec<&str> = unsigned.split(':').collect();
        return digits(parts[0], |c| c.is_ascii_digit() || c == '_')
            && (parts.len() == 1 || sexagesimal_tail(&parts[1..]));
    }
    false
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.len() == 10 {
        return (0..4).all(digit) && b[4] == b'-' && digit(5) && digit(6) && b[7] == b'-' && digit(8) && digit(9);
    }
    // [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\.[0-9]*)?
    // ([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?
    let mut i = 0;
    let take_digits = |i: &mut usize, min: usize, max: usize| -> bool {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start >= min
    };
    let expect = |i: &mut usize, c: u8| -> bool {
        if b.get(*i) == Some(&c) {
            *i += 1;
            true
        } else {
            false
        }
    };
    if !(take_digits(&mut i, 4, 4) && expect(&mut i, b'-') && take_digits(&mut i, 1, 2) && expect(&mut i, b'-')) {
        return false;
    }
    if !take_digits(&mut i, 1, 2) {
        return false;
    }
    if matches!(b.get(i), Some(b'T' | b't')) {
        i += 1;
    } else {
        let start = i;
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if !(take_digits(&mut i, 1, 2)
        && expect(&mut i, b':')
        && take_digits(&mut i, 2, 2)
        && expect(&mut i, b':')
        && take_digits(&mut i, 2, 2))
    {
        return false;
    }
    if expect(&mut i, b'.') {
        take_digits(&mut i, 0, usize::MAX);
    }
    if i == b.len() {
        return true;
    }
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if expect(&mut i, b'Z') {
        return i == b.len();
    }
    if !matches!(b.get(i), Some(b'-' | b'+')) {
        return false;
    }
    i += 1;
    if !take_digits(&mut i, 1, 2) {
        return false;
    }
    if expect(&mut i, b':') && !take_digits(&mut i, 2, 2) {
        return false;
    }
    i == b.len()
}

fn construct(node: &Node) -> Result<Value, YamlError> {
    let resolved = resolve(node)?;
    match (&node.kind, resolved) {
        (Kind::Scalar { value, .. }, Resolved::Str | Resolved::Timestamp) => Ok(Value::String(value.clone())),
        (Kind::Scalar { .. }, Resolved::Null) => Ok(Value::Null),
        (Kind::Scalar { value, .. }, Resolved::Bool) => {
            let lower = value.to_lowercase();
            match lower.as_str() {
                "yes" | "true" | "on" => Ok(Value::Bool(true)),
                "no" | "false" | "off" => Ok(Value::Bool(false)),
                _ => Err(YamlError::at(&node.span, format!("'{value}' is not a boolean"))),
            }
        }
        (Kind::Scalar { value, .. }, Resolved::Int) => construct_int(value)
            .ok_or_else(|| YamlError::at(&node.span, format!("'{value}' is not an integer that JSON can hold"))),
        (Kind::Scalar { value, .. }, Resolved::Float) => construct_float(value).ok_or_else(|| {
            YamlError::at(&node.span, format!("'{value}' is not a finite float, which JSON cannot hold"))
        }),
        (Kind::Sequence(items), Resolved::Seq) => {
            items.iter().map(construct).collect::<Result<_, _>>().map(Value::Array)
        }
        (Kind::Mapping(pairs), Resolved::Map) => construct_mapping(node, pairs),
        (Kind::Scalar { .. }, Resolved::Value) => Err(YamlError::at(
            &node.span,
            "could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote the =)",
        )),
        (Kind::Scalar { .. }, Resolved::Merge) => {
            Err(YamlError::at(&node.span, "a merge key (<<) is only allowed as a mapping key"))
        }
        _ => Err(YamlError::at(&node.span, format!("the tag does not fit this node ({resolved:?})"))),
    }
}

fn construct_int(text: &str) -> Option<Value> {
    let cleaned = text.replace('_', "");
    let (negative, body) = match cleaned.as_bytes().first()? {
        b'-' => (true, &cleaned[1..]),
        b'+' => (false, &cleaned[1..]),
        _ => (false, &cleaned[..]),
    };
    let magnitude: i128 = if body == "0" {
        0
    } else if let Some(bin) = body.strip_prefix("0b") {
        i128::from_str_radix(bin, 2).ok()?
    } else if let Some(hex) = body.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if body.starts_with('0') {
        i128::from_str_radix(body, 8).ok()?
    } else if body.contains(':') {
        let mut total: i128 = 0;
        for part in body.split(':') {
            total = total.checked_mul(60)?.checked_add(part.parse::<i128>().ok()?)?;
        }
        total
    } else {
        body.parse().ok()?
    };
    let signed = if negative { -magnitude } else { magnitude };
    if let Ok(v) = i64::try_from(signed) {
        Some(Value::Number(v.into()))
    } else {
        u64::try_from(signed).ok().map(|v| Value::Number(v.into()))
    }
}

fn construct_float(text: &str) -> Option<Value> {
    let cleaned = text.replace('_', "").to_lowercase();
    let (negative, body) = match cleaned.as_bytes().first()? {
        b'-' => (true, &cleaned[1..]),
        b'+' => (false, &cleaned[1..]),
        _ => (false, &cleaned[..]),
    };
    let magnitude: f64 = if body == ".inf" || body == ".nan" {
        return None;
    } else if body.contains(':') {
        let mut total = 0.0;
        for part in body.split(':') {
            total = total * 60.0 + part.parse::<f64>().ok()?;
        }
        total
    } else {
        body.parse().ok()?
    };
    let value = if negative { -magnitude } else { magnitude };
    Number::from_f64(value).filter(|_| value.is_finite()).map(Value::Number)
}

/// `flatten_mapping` then `construct_mapping`: merged pairs first, then the node's own; a later
/// key replaces an earlier one's value and keeps its place, as a Python dict does.
fn construct_mapping(node: &Node, pairs: &[(Node, Node)]) -> Result<Value, YamlError> {
    let mut merged: Vec<(Node, Node)> = Vec::new();
    let mut own: Vec<(Node, Node)> = Vec::new();
    for (key, value) in pairs {
        if resolve(key)? == Resolved::Merge {
            match &value.kind {
                Kind::Mapping(inner) => merged.extend(flatten(value, inner)?),
                Kind::Sequence(items) => {
                    for item in items {
                        let Kind::Mapping(inner) = &item.kind else {
                            return Err(YamlError::at(&item.span, "expected a mapping for merging"));
                        };
                        merged.extend(flatten(item, inner)?);
                    }
                }
                Kind::Scalar { .. } => {
                    return Err(YamlError::at(
                        &value.span,
                        "expected a mapping or list of mappings for merging, but found a scalar",
                    ));
                }
            }
        } else {
            own.push((key.clone(), value.clone()));
        }
    }
    let _ = node;
    // Python dict keys compare by value: `True`, `1` and `1.0` are one key, written as the first.
    let mut names: HashMap<String, String> = HashMap::new();
    let mut map = Map::new();
    for (key, value) in merged.into_iter().chain(own) {
        let (identity, name) = json_key(&key)?;
        let name = names.entry(identity).or_insert(name).clone();
        map.insert(name, construct(&value)?);
    }
    Ok(Value::Object(map))
}

/// The pairs of a mapping with its own merge keys flattened, for merging into another.
fn flatten(node: &Node, pairs: &[(Node, Node)]) -> Result<Vec<(Node, Node)>, YamlError> {
    let _ = node;
    let mut merged = Vec::new();
    let mut own = Vec::new();
    for (key, value) in pairs {
        if resolve(key)? == Resolved::Merge {
            if let Kind::Mapping(inner) = &value.kind {
                merged.extend(flatten(value, inner)?);
            } else if let Kind::Sequence(items) = &value.kind {
                for item in items {
                    if let Kind::Mapping(inner) = &item.kind {
                        merged.extend(flatten(item, inner)?);
                    }
                }
            }
        } else {
            own.push((key.clone(), value.clone()));
        }
    }
    merged.extend(own);
    Ok(merged)
}

/// A mapping key as `json.dumps` writes it (strings as they are, `True` as `true`, numbers as
/// Python prints them, `None` as `null`), with its identity as a Python dict key. Lists and
/// mappings cannot be keys (unhashable). `=` is a string as a key (PyYAML's value key).
fn json_key(key: &Node) -> Result<(String, String), YamlError> {
    let value = match (&key.kind, resolve(key)?) {
        (Kind::Scalar { value, .. }, Resolved::Value) => Value::String(value.clone()),
        _ => construct(key)?,
    };
    match value {
        Value::String(s) => Ok((format!("s:{s}"), s)),
        Value::Bool(b) => Ok((format!("n:{}", u8::from(b)), if b { "true" } else { "false" }.to_string())),
        Value::Null => Ok(("null".to_string(), "null".to_string())),
        Value::Number(n) => {
            let text = crate::pyfmt::json_dumps(&Value::Number(n.clone()));
            let identity = match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("n:{}", f as i64),
                _ => format!("n:{text}"),
            };
            Ok((identity, text))
        }
        Value::Array(_) | Value::Object(_) => {
            Err(YamlError::at(&key.span, "found unhashable key (a list or a mapping cannot be a key)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(text: &str) -> Value {
        safe_load(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    /// Each expectation was printed by `json.dumps(yaml.safe_load(text))` with PyYAML 6.0.
    #[test]
    fn plain_scalars_resolve_as_pyyaml_does() {
        let cases: &[(&str, Value)] = &[
            ("on", json!(true)),
            ("Off", json!(false)),
            ("yes", json!(true)),
            ("NO", json!(false)),
            ("y", json!("y")),
            ("0777", json!(511)),
            ("0o17", json!("0o17")),
            ("0x1F", json!(31)),
            ("0b101", json!(5)),
            ("1_000", json!(1000)),
            ("-12", json!(-12)),
            ("+7", json!(7)),
            ("190:20:30", json!(685230)),
            ("9.6", json!(9.6)),
            ("1e3", json!("1e3")),
            ("1.0e+3", json!(1000.0)),
            ("1.e-2", json!(0.01)),
            (".5", json!(0.5)),
            ("1.", json!(1.0)),
            ("190:20:30.15", json!(685230.15)),
            ("128MB", json!("128MB")),
            ("~", json!(null)),
            ("null", json!(null)),
            ("", json!(null)),
            ("'on'", json!("on")),
            ("\"0777\"", json!("0777")),
            ("'9.6'", json!("9.6")),
            ("!!str on", json!("on")),
            ("!!int '12'", json!(12)),
            // PyYAML makes a date, which json.dumps cannot write; hactl keeps the text.
            ("2026-11-27", json!("2026-11-27")),
            ("08", json!("08")),
            ("1:2", json!(62)),
            ("1:60", json!("1:60")),
            ("00", json!(0)),
            ("-.5", json!("-.5")),
            ("1__0", json!(10)),
        ];
        for (text, expected) in cases {
            assert_eq!(&load(text), expected, "{text:?}");
        }
    }

    #[test]
    fn mappings_keep_order_merge_and_convert_keys() {
        assert_eq!(
            crate::pyfmt::json_dumps(&load("b: 1\na: {x: on, y: '0777'}\nyes: 2\n1: 3\n")),
            r#"{"b": 1, "a": {"x": true, "y": "0777"}, "true": 3}"#
        );
        let merged = load("base: &b {ttl: 30, loop_wait: 10}\nother:\n  <<: *b\n  ttl: 20\n");
        assert_eq!(crate::pyfmt::json_dumps(&merged["other"]), r#"{"ttl": 20, "loop_wait": 10}"#);
        assert_eq!(load("a: 1\na: 2\n"), json!({"a": 2}));
        assert_eq!(load("- [1, 2]\n- {a: b}\n"), json!([[1, 2], {"a": "b"}]));
    }

    #[test]
    fn errors_name_the_line() {
        let e = safe_load("a: [1\nb: 2\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
        assert!(safe_load("a: 1\n---\nb: 2\n").unwrap_err().message.contains("single document"));
        assert!(safe_load("a: .nan").is_err());
        assert!(safe_load("a: !!binary aGk=").is_err());
        assert!(safe_load("? [1]\n: x\n").is_err());
        assert!(safe_load("=").is_err(), "PyYAML has no constructor for the value tag");
        assert_eq!(load("=: 1"), json!({"=": 1}));
    }
}
