//! Durations as hactl shows them: in messages (`2s`, `1.6s`) and in JSON (seconds to the
//! millisecond). Pure.

use std::time::Duration;

/// Seconds as messages say them: `2` for a whole number, else one decimal (`1.6`), never the
/// float's every digit (`1.5987026979999999`).
pub fn seconds_text(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs.fract() == 0.0 { format!("{secs:.0}") } else { format!("{secs:.1}") }
}

/// Seconds to the millisecond, for JSON: `2.49`, not `2.4900868369999998`.
pub fn seconds_ms(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_or_one_decimal_in_text_and_milliseconds_in_json() {
        assert_eq!(seconds_text(Duration::from_secs(2)), "2");
        assert_eq!(seconds_text(Duration::from_secs_f64(1.5987026979999999)), "1.6");
        assert_eq!(seconds_text(Duration::from_millis(500)), "0.5");
        assert_eq!(seconds_ms(Duration::from_secs_f64(2.4900868369999998)), 2.49);
        assert_eq!(seconds_ms(Duration::from_nanos(2_490_077_348)), 2.49);
    }
}
