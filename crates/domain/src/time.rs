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

pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, crate::DomainError> {
    let raw = raw.trim().replace('/', "-");
    NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_err(|_| {
        crate::DomainError::invalid(
            field,
            format!("{field}: 日付はYYYY-MM-DDの形式で入力してください（入力値: 「{raw}」）。"),
        )
    })
}
