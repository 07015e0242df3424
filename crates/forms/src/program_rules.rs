//! Program rules of the subsidy that belong to no disease (軽症高額該当, 小慢 age limits),
//! read from `forms/masters/program_rules.toml`: data with validity dates, so a change of
//! law is a new row and forms of an earlier date keep the rule of their date.

use chrono::NaiveDate;
use serde::Deserialize;

/// 軽症高額該当 (難病): 医療費総額 over `over_yen` in at least `months` of the
/// `window_months` months up to the application month.
#[derive(Debug, Clone, PartialEq)]
pub struct LightHighCost {
    pub valid_from: NaiveDate,
    pub over_yen: u32,
    pub months: u32,
    pub window_months: u32,
    pub source: String,
}

/// 小慢: a new application under `new_under` years; continuation (and transfer) under
/// `continuing_under`.
#[derive(Debug, Clone, PartialEq)]
pub struct ShomanAgeLimit {
    pub valid_from: NaiveDate,
    pub new_under: u32,
    pub continuing_under: u32,
    pub source: String,
}

/// Every program rule, each list in `valid_from` order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramRules {
    light_high_cost: Vec<LightHighCost>,
    shoman_age_limit: Vec<ShomanAgeLimit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    light_high_cost: Vec<RawLightHighCost>,
    shoman_age_limit: Vec<RawShomanAgeLimit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLightHighCost {
    valid_from: toml::value::Datetime,
    over_yen: u32,
    months: u32,
    window_months: u32,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShomanAgeLimit {
    valid_from: toml::value::Datetime,
    new_under: u32,
    continuing_under: u32,
    source: String,
}

const FILE: &str = "masters/program_rules.toml";

fn date(d: &toml::value::Datetime, what: &str) -> Result<NaiveDate, String> {
    match (&d.date, &d.time) {
        (Some(x), None) => NaiveDate::from_ymd_opt(x.year as i32, x.month as u32, x.day as u32),
        _ => None,
    }
    .ok_or_else(|| format!("{FILE}: {what}: valid_from must be a date like 2015-01-01"))
}

/// Rows must be in strictly increasing `valid_from` order: two rows in force on one day
/// would leave the rule ambiguous.
fn check_order(dates: &[NaiveDate], what: &str) -> Result<(), String> {
    if dates.is_empty() {
        return Err(format!("{FILE}: {what}: at least one row is needed"));
    }
    if let Some(w) = dates.windows(2).find(|w| w[0] >= w[1]) {
        return Err(format!(
            "{FILE}: {what}: valid_from {} does not follow {} (rows in increasing date order)",
            w[1], w[0]
        ));
    }
    Ok(())
}

/// The last row in force on `on` (the one with the latest `valid_from` not after it).
fn in_force<T>(rows: &[T], on: NaiveDate, valid_from: impl Fn(&T) -> NaiveDate) -> Option<&T> {
    rows.iter().rev().find(|r| valid_from(r) <= on)
}

impl ProgramRules {
    pub fn parse(text: &str) -> Result<ProgramRules, String> {
        let raw: RawRules = toml::from_str(text).map_err(|e| format!("{FILE}: {e}"))?;
        let mut rules = ProgramRules::default();
        for r in raw.light_high_cost {
            if r.over_yen == 0 || r.months == 0 || r.months > r.window_months {
                return Err(format!(
                    "{FILE}: light_high_cost: over_yen and months must be positive, months at most window_months"
                ));
            }
            rules.light_high_cost.push(LightHighCost {
                valid_from: date(&r.valid_from, "light_high_cost")?,
                over_yen: r.over_yen,
                months: r.months,
                window_months: r.window_months,
                source: r.source,
            });
        }
        for r in raw.shoman_age_limit {
            if r.new_under == 0 || r.continuing_under < r.new_under {
                return Err(format!(
                    "{FILE}: shoman_age_limit: continuing_under must be at least new_under (> 0)"
                ));
            }
            rules.shoman_age_limit.push(ShomanAgeLimit {
                valid_from: date(&r.valid_from, "shoman_age_limit")?,
                new_under: r.new_under,
                continuing_under: r.continuing_under,
                source: r.source,
            });
        }
        let dates: Vec<NaiveDate> = rules.light_high_cost.iter().map(|r| r.valid_from).collect();
        check_order(&dates, "light_high_cost")?;
        let dates: Vec<NaiveDate> = rules
            .shoman_age_limit
            .iter()
            .map(|r| r.valid_from)
            .collect();
        check_order(&dates, "shoman_age_limit")?;
        Ok(rules)
    }

    /// The 軽症高額 rule in force on `on`; none before the first row.
    pub fn light_high_cost_on(&self, on: NaiveDate) -> Option<&LightHighCost> {
        in_force(&self.light_high_cost, on, |r| r.valid_from)
    }

    /// The 小慢 age limits in force on `on`; none before the first row.
    pub fn shoman_age_limit_on(&self, on: NaiveDate) -> Option<&ShomanAgeLimit> {
        in_force(&self.shoman_age_limit, on, |r| r.valid_from)
    }
}

/// Yen with thousands separators, as the reasons print amounts (`33,330`).
pub fn yen(amount: u32) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TWO_PERIODS: &str = r#"
[[light_high_cost]]
valid_from = 2015-01-01
over_yen = 33330
months = 3
window_months = 12
source = "a"

[[light_high_cost]]
valid_from = 2027-04-01
over_yen = 40000
months = 3
window_months = 12
source = "b (hypothetical revision)"

[[shoman_age_limit]]
valid_from = 2015-01-01
new_under = 18
continuing_under = 20
source = "c"
"#;

    #[test]
    fn the_row_in_force_is_the_latest_that_has_started() {
        let rules = ProgramRules::parse(TWO_PERIODS).unwrap();
        assert_eq!(rules.light_high_cost_on(d(2014, 12, 31)), None);
        assert_eq!(
            rules.light_high_cost_on(d(2015, 1, 1)).unwrap().over_yen,
            33330
        );
        assert_eq!(
            rules.light_high_cost_on(d(2027, 3, 31)).unwrap().over_yen,
            33330
        );
        assert_eq!(
            rules.light_high_cost_on(d(2027, 4, 1)).unwrap().over_yen,
            40000
        );
        assert_eq!(
            rules.shoman_age_limit_on(d(2030, 1, 1)).unwrap().new_under,
            18
        );
    }

    #[test]
    fn rows_out_of_order_or_inconsistent_are_refused() {
        let swapped = TWO_PERIODS.replace("2027-04-01", "2014-04-01");
        assert!(ProgramRules::parse(&swapped)
            .unwrap_err()
            .contains("increasing date order"));
        let months = TWO_PERIODS.replacen(
            "months = 3\nwindow_months = 12",
            "months = 13\nwindow_months = 12",
            1,
        );
        assert!(ProgramRules::parse(&months).is_err());
        let ages = TWO_PERIODS.replace("continuing_under = 20", "continuing_under = 17");
        assert!(ProgramRules::parse(&ages).is_err());
        let unknown = format!("{TWO_PERIODS}\n[[other_rule]]\nx = 1\n");
        assert!(ProgramRules::parse(&unknown).is_err());
    }

    #[test]
    fn the_shipped_rules_parse() {
        let text = include_str!("../../../forms/masters/program_rules.toml");
        let rules = ProgramRules::parse(text).unwrap();
        let today = d(2026, 12, 3);
        let lhc = rules.light_high_cost_on(today).unwrap();
        assert_eq!(
            (lhc.over_yen, lhc.months, lhc.window_months),
            (33330, 3, 12)
        );
        let age = rules.shoman_age_limit_on(today).unwrap();
        assert_eq!((age.new_under, age.continuing_under), (18, 20));
    }

    #[test]
    fn yen_groups_thousands() {
        assert_eq!(yen(0), "0");
        assert_eq!(yen(999), "999");
        assert_eq!(yen(33330), "33,330");
        assert_eq!(yen(1_234_567), "1,234,567");
    }
}
