//! Nagios threshold ranges (`10`, `10:`, `~:10`, `10:20`, `@10:20`), parsed once into a typed
//! [`Range`] with the meaning and the text of nagiosplugin's `Range` (check_patroni's library):
//! a value *outside* the range raises the alert, `@` inverts that, an empty range is `0:`.

use serde::Serialize;
use std::fmt;

/// A metric's value or a range bound: an integer or a float, kept apart so that they print as
/// Python prints them (`1` and `1.0`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// `'%.4g' % value` for a float, `str(value)` for an integer: nagiosplugin's `valueunit`.
    pub fn short(self) -> String {
        match self {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => format_g4(f),
        }
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Number {
        Number::Int(value)
    }
}

impl From<bool> for Number {
    fn from(value: bool) -> Number {
        Number::Int(i64::from(value))
    }
}

/// Python's `str()`: `2.0`, `1.5`, `1e+20`.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) if x.is_infinite() => f.write_str(if *x > 0.0 { "inf" } else { "-inf" }),
            Number::Float(x) if x.fract() == 0.0 && x.abs() < 1e16 => write!(f, "{x:.1}"),
            Number::Float(x) if x.abs() >= 1e16 || x.abs() < 1e-4 => {
                let text = format!("{x:e}");
                // Rust writes `1e20`, Python `1e+20`.
                match text.split_once('e') {
                    Some((mantissa, exp)) if !exp.starts_with('-') => write!(f, "{mantissa}e+{exp:0>2}"),
                    Some((mantissa, exp)) => write!(f, "{mantissa}e-{:0>2}", &exp[1..]),
                    None => f.write_str(&text),
                }
            }
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// `'%.4g' % value`.
fn format_g4(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return Number::Float(value).to_string().trim_end_matches(".0").to_string();
    }
    let exp = value.abs().log10().floor() as i32;
    let strip = |s: String| if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if !(-4..4).contains(&exp) {
        let text = format!("{value:.3e}");
        let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        format!("{}e{}{:02}", strip(mantissa.to_string()), if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        strip(format!("{value:.*}", (3 - exp) as usize))
    }
}

/// One end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Bound {
    NegInfinity,
    At(Number),
    Infinity,
}

impl Bound {
    fn as_f64(self) -> f64 {
        match self {
            Bound::NegInfinity => f64::NEG_INFINITY,
            Bound::At(n) => n.as_f64(),
            Bound::Infinity => f64::INFINITY,
        }
    }
}

/// `[@][start:][end]`: `start` is 0 when left out, `~` is minus infinity, a missing `end` is
/// infinity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    pub invert: bool,
    pub start: Bound,
    pub end: Bound,
}

impl Default for Range {
    /// The empty range, `0:`: what a metric without a threshold is compared with.
    fn default() -> Range {
        Range { invert: false, start: Bound::At(Number::Int(0)), end: Bound::Infinity }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid range {spec:?}: {reason} (Nagios syntax: 10, 10:, ~:10, 10:20 or @10:20)")]
pub struct RangeError {
    pub spec: String,
    pub reason: String,
}

impl Range {
    /// Parses a range whose numbers are plain integers or decimals.
    pub fn parse(spec: &str) -> Result<Range, RangeError> {
        Range::parse_with(spec, plain_number)
    }

    /// Parses a range whose numbers are read by `atom` (e.g. sizes with units, `100MB`).
    pub fn parse_with(spec: &str, atom: impl Fn(&str) -> Result<Number, String>) -> Result<Range, RangeError> {
        let error = |reason: String| RangeError { spec: spec.to_string(), reason };
        let (invert, body) = match spec.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, spec),
        };
        let parts: Vec<&str> = body.split(':').collect();
        let (start, end) = match parts.as_slice() {
            [end] => ("", *end),
            [start, end] => (*start, *end),
            _ => return Err(error("more than one ':'".into())),
        };
        let start = match start {
            "" => Bound::At(Number::Int(0)),
            "~" => Bound::NegInfinity,
            text => Bound::At(atom(text).map_err(error)?),
        };
        let end = match end {
            "" => Bound::Infinity,
            text => Bound::At(atom(text).map_err(error)?),
        };
        if start.as_f64() > end.as_f64() {
            return Err(error(format!("the start {} is greater than the end {}", bound_text(start), bound_text(end))));
        }
        Ok(Range { invert, start, end })
    }

    /// The range `@start:end` (inside is the alert) for fixed thresholds such as `@0:0`.
    pub fn inside(start: i64, end: i64) -> Range {
        Range { invert: true, start: Bound::At(Number::Int(start)), end: Bound::At(Number::Int(end)) }
    }

    /// `start:end`.
    pub fn between(start: i64, end: i64) -> Range {
        Range { invert: false, start: Bound::At(Number::Int(start)), end: Bound::At(Number::Int(end)) }
    }

    /// `start:` (at least `start`).
    pub fn at_least(start: i64) -> Range {
        Range { invert: false, start: Bound::At(Number::Int(start)), end: Bound::Infinity }
    }

    /// Whether `value` is fine (no alert).
    pub fn contains(&self, value: Number) -> bool {
        let v = value.as_f64();
        let inside = v >= self.start.as_f64() && v <= self.end.as_f64();
        inside != self.invert
    }

    /// `outside range 0:2`: why a value raised the alert, the start always written.
    pub fn violation(&self) -> String {
        format!("outside range {}", self.format(false))
    }

    fn format(&self, omit_zero_start: bool) -> String {
        let mut out = String::new();
        if self.invert {
            out.push('@');
        }
        match self.start {
            Bound::NegInfinity => out.push_str("~:"),
            Bound::At(n) if omit_zero_start && n.as_f64() == 0.0 => {}
            other => {
                out.push_str(&bound_text(other));
                out.push(':');
            }
        }
        if self.end != Bound::Infinity {
            out.push_str(&bound_text(self.end));
        }
        out
    }
}

fn bound_text(bound: Bound) -> String {
    match bound {
        Bound::NegInfinity => "-inf".into(),
        Bound::At(n) => n.to_string(),
        Bound::Infinity => "inf".into(),
    }
}

/// The range as in perfdata: a zero start left out (`@0:0` is `@0`, the empty range is ``).
impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(true))
    }
}

/// nagiosplugin's `_parse_atom`: a float when there is a `.`, else an integer.
fn plain_number(text: &str) -> Result<Number, String> {
    let trimmed = text.trim();
    if trimmed.contains('.') {
        trimmed.parse::<f64>().map(Number::Float).map_err(|_| format!("{text:?} is not a number"))
    } else {
        trimmed.parse::<i64>().map(Number::Int).map_err(|_| format!("{text:?} is not a number"))
    }
}

/// check_patroni's `size_to_byte`: `1TB`, `5kB`, `.5kB`, `100MB`, `42` (bytes), in powers of 1024.
pub fn size_to_bytes(text: &str) -> Result<i64, String> {
    let value = text.trim();
    let split = value
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || ((c == '-' || c == '+') && i == 0)))
        .map_or(value.len(), |(i, _)| i);
    let (number, unit) = value.split_at(split);
    let number: f64 = if number.is_empty() {
        1.0
    } else {
        number.parse().map_err(|_| format!("{text:?} is not a size (e.g. 1048576, 100MB, 1GB)"))?
    };
    let factor: f64 = match unit.trim() {
        "" | "B" => 1.0,
        "kB" => 1024.0,
        "MB" => 1024.0 * 1024.0,
        "GB" => 1024.0 * 1024.0 * 1024.0,
        "TB" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("{other:?} in {text:?} is not a unit of size (B, kB, MB, GB, TB)")),
    };
    // Python's round(): halves to even.
    Ok((number * factor).round_ties_even() as i64)
}

/// A range of sizes: `100MB`, `1GB:`, `@0:16MB`.
pub fn parse_size_range(spec: &str) -> Result<Range, RangeError> {
    Range::parse_with(spec, |atom| size_to_bytes(atom).map(Number::Int))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(spec: &str) -> Range {
        Range::parse(spec).unwrap()
    }

    #[test]
    fn a_bare_number_is_zero_to_it() {
        let r = range("10");
        assert!(r.contains(0.into()) && r.contains(10.into()));
        assert!(!r.contains(11.into()) && !r.contains((-1).into()));
        assert_eq!(r.to_string(), "10");
        assert_eq!(r.violation(), "outside range 0:10");
    }

    #[test]
    fn start_colon_is_at_least_start() {
        let r = range("10:");
        assert!(!r.contains(9.into()) && r.contains(10.into()) && r.contains(1_000_000.into()));
        assert_eq!(r.to_string(), "10:");
    }

    #[test]
    fn tilde_is_minus_infinity() {
        let r = range("~:10");
        assert!(r.contains((-1_000_000).into()) && r.contains(10.into()) && !r.contains(11.into()));
        assert_eq!(r.to_string(), "~:10");
    }

    #[test]
    fn start_end_and_the_inverted_range() {
        let r = range("10:20");
        assert!(!r.contains(9.into()) && r.contains(15.into()) && !r.contains(21.into()));
        let inverted = range("@10:20");
        assert!(inverted.contains(9.into()) && !inverted.contains(10.into()) && !inverted.contains(20.into()));
        assert_eq!(inverted.to_string(), "@10:20");
        assert_eq!(range("@0:0").to_string(), "@0");
        assert_eq!(range("@0:0").violation(), "outside range @0:0");
        assert_eq!(range("@1:1").to_string(), "@1:1");
        assert_eq!(range("0:0").to_string(), "0");
    }

    #[test]
    fn the_empty_range_is_zero_to_infinity() {
        assert_eq!(range(""), Range::default());
        assert_eq!(Range::default().to_string(), "");
        assert!(!Range::default().contains((-1).into()));
    }

    #[test]
    fn decimals_stay_floats() {
        let r = range("1.5:2");
        assert_eq!(r.start, Bound::At(Number::Float(1.5)));
        assert_eq!(r.to_string(), "1.5:2");
        assert_eq!(range("2.0").to_string(), "2.0");
    }

    #[test]
    fn bad_ranges_name_the_spec() {
        for bad in ["a", "1:2:3", "20:10", "10:~", "x:"] {
            let e = Range::parse(bad).unwrap_err();
            assert_eq!(e.spec, bad);
            assert!(e.to_string().contains("Nagios syntax"), "{e}");
        }
        assert!(Range::parse("20:10").unwrap_err().reason.contains("greater"));
    }

    #[test]
    fn sizes_are_in_powers_of_1024() {
        assert_eq!(size_to_bytes("1TB"), Ok(1_099_511_627_776));
        assert_eq!(size_to_bytes("5kB"), Ok(5120));
        assert_eq!(size_to_bytes(".5kB"), Ok(512));
        assert_eq!(size_to_bytes("100"), Ok(100));
        assert_eq!(size_to_bytes("16MB"), Ok(16 * 1024 * 1024));
        assert!(size_to_bytes("1 yoyo").is_err());
        let r = parse_size_range("16MB:1GB").unwrap();
        assert_eq!(r.to_string(), "16777216:1073741824");
        assert!(!r.contains(1.into()));
    }

    #[test]
    fn numbers_print_as_python_does() {
        assert_eq!(Number::Float(2.0).to_string(), "2.0");
        assert_eq!(Number::Float(1.5).to_string(), "1.5");
        assert_eq!(Number::Float(1e20).to_string(), "1e+20");
        assert_eq!(Number::Float(123456.0).short(), "1.235e+05");
        assert_eq!(Number::Float(0.5).short(), "0.5");
        assert_eq!(Number::Float(2.0).short(), "2");
        assert_eq!(Number::Int(7).short(), "7");
    }
}
