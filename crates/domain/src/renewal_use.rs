//! Monitoring of 前回値踏襲 (domain.md: "Every use is logged and monitored"): the operator
//! sees each institution's renewals per month, and a month far above the institution's
//! usual level is flagged for a look (copying last year's form wholesale is the abuse the
//! monitoring is for).
use chrono::{Datelike, NaiveDate};

/// Months before the one judged that make an institution's usual level.
pub const USUAL_WINDOW_MONTHS: usize = 6;
/// A month is unusual above this multiple of the usual level …
pub const UNUSUAL_FACTOR: f64 = 3.0;
/// … and at least this many renewals above it (a small clinic going from one to four is
/// not unusual).
pub const UNUSUAL_MARGIN: f64 = 10.0;

/// The usual level: the median of the months before (zero months included).
pub fn usual_level(previous: &[i64]) -> f64 {
    if previous.is_empty() {
        return 0.0;
    }
    let mut sorted = previous.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) as f64 / 2.0
    } else {
        sorted[mid] as f64
    }
}

/// Whether `count` is far above the usual level `usual`.
pub fn is_unusual(count: i64, usual: f64) -> bool {
    let count = count as f64;
    count > usual * UNUSUAL_FACTOR && count >= usual + UNUSUAL_MARGIN
}

/// The first days of the `n` months up to and including `today`'s, oldest first, plus the
/// first day of the month after (the end of the last): `n + 1` dates.
pub fn month_starts(today: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).expect("first of a month");
    let index = today.year() * 12 + today.month0() as i32;
    (index - n as i32 + 1..=index + 1)
        .map(|i| first(i.div_euclid(12), i.rem_euclid(12) as u32 + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_level_is_the_median_of_the_months_before() {
        assert_eq!(usual_level(&[]), 0.0);
        assert_eq!(usual_level(&[4, 0, 9]), 4.0);
        assert_eq!(usual_level(&[2, 8, 0, 6]), 4.0);
    }

    #[test]
    fn a_month_is_unusual_only_well_above_the_usual_level_on_both_counts() {
        // Three times and ten more: both needed.
        assert!(!is_unusual(4, 1.0));
        assert!(!is_unusual(30, 10.0));
        assert!(is_unusual(31, 10.0));
        assert!(!is_unusual(9, 0.0));
        assert!(is_unusual(10, 0.0));
    }

    #[test]
    fn month_starts_cross_the_year() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        let starts = month_starts(today, 3);
        let shown: Vec<String> = starts.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"]
        );
    }
}
