//! Runtime values of the expression language, with three-valued logic and
//! interval numbers (a blank number is "somewhere in its allowed range").

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Kleene truth value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
    pub fn and(self, o: Tri) -> Tri {
        match (self, o) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, Tri::True) => Tri::True,
            _ => Tri::Unknown,
        }
    }
    pub fn or(self, o: Tri) -> Tri {
        match (self, o) {
            (Tri::True, _) | (_, Tri::True) => Tri::True,
            (Tri::False, Tri::False) => Tri::False,
            _ => Tri::Unknown,
        }
    }
    pub fn negate(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
    /// Japanese word used in explanations.
    pub fn label(self) -> &'static str {
        match self {
            Tri::True => "該当",
            Tri::False => "非該当",
            Tri::Unknown => "判定不能",
        }
    }
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Blank: not answered (or not computable).
    Unknown,
    /// A recorded 未実施 / 該当なし: an answer meaning "the finding was not shown".
    NotDone,
    Bool(bool),
    /// A number known to lie in `[lo, hi]`; exact when `lo == hi`.
    Num {
        lo: f64,
        hi: f64,
    },
    Text(String),
    Date(NaiveDate),
    /// A year-month (month granularity).
    Month {
        year: i32,
        month: u32,
    },
    /// Selected codes of a multiple-choice item.
    Set(Vec<String>),
}

impl Value {
    pub fn num(v: f64) -> Value {
        Value::Num { lo: v, hi: v }
    }
    pub fn range(lo: f64, hi: f64) -> Value {
        Value::Num { lo, hi }
    }
    pub fn any_number() -> Value {
        Value::Num {
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        }
    }
    pub fn tri(b: Tri) -> Value {
        match b {
            Tri::True => Value::Bool(true),
            Tri::False => Value::Bool(false),
            Tri::Unknown => Value::Unknown,
        }
    }
    /// Exact number, if known exactly.
    pub fn exact(&self) -> Option<f64> {
        match self {
            Value::Num { lo, hi } if lo == hi => Some(*lo),
            _ => None,
        }
    }
    /// Truth of the value in a boolean position. `NotDone` is false (not shown).
    pub fn truth(&self) -> Tri {
        match self {
            Value::Bool(b) => Tri::from_bool(*b),
            Value::NotDone => Tri::False,
            _ => Tri::Unknown,
        }
    }
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::Num { lo, hi } => lo != hi,
            _ => false,
        }
    }
    /// Month index for month-granularity comparisons.
    pub fn month_index(&self) -> Option<i64> {
        match self {
            Value::Date(d) => Some(d.year() as i64 * 12 + d.month0() as i64),
            Value::Month { year, month } => Some(*year as i64 * 12 + (*month as i64 - 1)),
            _ => None,
        }
    }
    /// Short display for explanations and messages.
    pub fn display(&self) -> String {
        match self {
            Value::Unknown => "未入力".into(),
            Value::NotDone => "未実施".into(),
            Value::Bool(true) => "はい".into(),
            Value::Bool(false) => "いいえ".into(),
            Value::Num { lo, hi } if lo == hi => fmt_num(*lo),
            Value::Num { lo, hi } => format!("{}〜{}", fmt_num(*lo), fmt_num(*hi)),
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Month { year, month } => format!("{year:04}-{month:02}"),
            Value::Set(v) => v.join(","),
        }
    }
}

/// Formats a number without a trailing `.0` and with at most 4 decimals.
pub fn fmt_num(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    // Shortest representation after rounding to 4 decimals (fast path of Display).
    format!("{}", (v * 1e4).round() / 1e4)
}

/// A value as it appears in `Evaluation::calculations` (JSON-friendly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CalcValue {
    Number(f64),
    Text(String),
    Bool(bool),
    /// Could not be computed (blank inputs); the range it can still take.
    Range {
        min: f64,
        max: f64,
    },
    Unknown,
}

impl From<&Value> for CalcValue {
    fn from(v: &Value) -> Self {
        match v {
            Value::Num { lo, hi } if lo == hi => CalcValue::Number(*lo),
            Value::Num { lo, hi } if lo.is_finite() && hi.is_finite() => {
                CalcValue::Range { min: *lo, max: *hi }
            }
            Value::Bool(b) => CalcValue::Bool(*b),
            Value::Text(s) => CalcValue::Text(s.clone()),
            Value::Date(_) | Value::Month { .. } | Value::Set(_) => CalcValue::Text(v.display()),
            Value::NotDone => CalcValue::Text("未実施".into()),
            _ => CalcValue::Unknown,
        }
    }
}
