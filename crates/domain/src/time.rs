//! Timestamps are stored as fixed-width UTC text so that they sort lexically the same
//! on SQLite and PostgreSQL.
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Today in Japan: designation expiry and form dates are calendar dates in JST.
pub fn today_in_japan(now: DateTime<Utc>) -> NaiveDate {
    (now + chrono::Duration::hours(9)).date_naive()
}

/// Years a date typed into the system may have: 指定医有効期限, 生年月日, 記載日 and search
/// bounds all fall well inside. Outside is a typing error, not a date.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// A calendar date as users and files write it: `YYYY-MM-DD` exactly (ISO 8601 calendar
/// date, no sign, no expanded year), or Excel's `YYYY/M/D` (its CSV writes dates so, with or
/// without leading zeros). Anything else, or a year outside [`PLAUSIBLE_YEARS`], is refused.
pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, crate::DomainError> {
    let raw = raw.trim();
    let refuse = |why: &str| {
        crate::DomainError::invalid(field, format!("{field}: {why}（入力値: 「{raw}」）。"))
    };
    let format_error = || refuse("日付はYYYY-MM-DDの形式で入力してください");
    let (separator, day_and_month_digits) = if raw.contains('/') {
        ('/', 1..=2)
    } else {
        ('-', 2..=2)
    };
    let mut parts = raw.split(separator);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format_error());
    };
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4..=4)
        || !digits(m, day_and_month_digits.clone())
        || !digits(d, day_and_month_digits)
    {
        return Err(format_error());
    }
    let (year, month, day) = match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(format_error()),
    };
    if !PLAUSIBLE_YEARS.contains(&year) {
        return Err(refuse(&format!(
            "年は{}年から{}年の間で入力してください",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        )));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| refuse("存在しない日付です"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_excel_dates_are_read() {
        let d = NaiveDate::from_ymd_opt(2030, 3, 31).unwrap();
        for ok in ["2030-03-31", " 2030-03-31 ", "2030/3/31", "2030/03/31"] {
            assert_eq!(parse_date("valid_until", ok), Ok(d), "{ok}");
        }
        assert!(parse_date("d", "1900-01-01").is_ok());
        assert!(parse_date("d", "2199-12-31").is_ok());
        assert!(parse_date("d", "2028-02-29").is_ok());
    }

    /// Issue 8: `-0001-01-01`, `0000-01-01`, `+2030-01-01` and `2030-1-1` were accepted.
    #[test]
    fn signs_expanded_or_implausible_years_and_loose_forms_are_refused() {
        for bad in [
            "-0001-01-01",
            "0000-01-01",
            "+2030-01-01",
            "2030-1-1",
            "2030-01-1",
            "12030-01-01",
            "1899-12-31",
            "2200-01-01",
            "2030-02-30",
            "2027-02-29",
            "2030-13-01",
            "2030-00-10",
            "2030/3/31/1",
            "2030-03-31T00:00",
            "２０３０-03-31",
            "",
            "20300331",
        ] {
            assert!(parse_date("valid_until", bad).is_err(), "{bad:?} accepted");
        }
        let e = parse_date("valid_until", "0000-01-01").unwrap_err();
        assert!(e.to_string().contains("1900年から2199年"), "{e}");
    }
}
