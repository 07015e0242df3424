//! Evaluation of compiled expressions: Kleene logic, interval numbers, totality.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::compile::{Expr, Func, RowFn};
use super::parse::{ArOp, CmpOp};
use crate::formulas;
use crate::model::ApplicationKind;
use crate::value::{Tri, Value};

/// Evaluation context: slot values, group rows (by group slot), today's date
/// and the kind of application the form is for.
pub struct Ctx<'a> {
    pub slots: &'a [Value],
    pub rows: &'a BTreeMap<usize, Vec<Vec<Value>>>,
    pub today: NaiveDate,
    pub kind: ApplicationKind,
}

/// [`eval`], borrowing the value of a constant, slot or field instead of
/// cloning it (texts and sets would allocate).
fn eval_ref<'x>(e: &'x Expr, ctx: &Ctx<'x>, row: Option<&'x [Value]>) -> Cow<'x, Value> {
    static UNKNOWN: Value = Value::Unknown;
    match e {
        Expr::Const(v) => Cow::Borrowed(v),
        Expr::Slot(i) => Cow::Borrowed(ctx.slots.get(*i).unwrap_or(&UNKNOWN)),
        Expr::Field(i) => Cow::Borrowed(row.and_then(|r| r.get(*i)).unwrap_or(&UNKNOWN)),
        _ => Cow::Owned(eval(e, ctx, row)),
    }
}

/// Evaluates `e`. `row` is the current group row inside `count_rows`/`sum_rows`.
pub fn eval(e: &Expr, ctx: &Ctx, row: Option<&[Value]>) -> Value {
    match e {
        Expr::Const(v) => v.clone(),
        Expr::Slot(i) => ctx.slots.get(*i).cloned().unwrap_or(Value::Unknown),
        Expr::Field(i) => row
            .and_then(|r| r.get(*i))
            .cloned()
            .unwrap_or(Value::Unknown),
        Expr::Score { src, table } => match &*eval_ref(src, ctx, row) {
            Value::Text(code) => match table.iter().find(|(c, _)| c == code) {
                Some((_, s)) => Value::num(*s),
                None => Value::Unknown,
            },
            Value::NotDone => Value::NotDone,
            _ => {
                let lo = table.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
                let hi = table.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
                if lo.is_finite() {
                    Value::range(lo, hi)
                } else {
                    Value::Unknown
                }
            }
        },
        Expr::Not(x) => Value::tri(eval_ref(x, ctx, row).truth().negate()),
        Expr::And(l, r) => {
            let a = eval_ref(l, ctx, row).truth();
            if a == Tri::False {
                return Value::Bool(false);
            }
            Value::tri(a.and(eval_ref(r, ctx, row).truth()))
        }
        Expr::Or(l, r) => {
            let a = eval_ref(l, ctx, row).truth();
            if a == Tri::True {
                return Value::Bool(true);
            }
            Value::tri(a.or(eval_ref(r, ctx, row).truth()))
        }
        Expr::Cmp(op, l, r) => {
            Value::tri(compare(*op, &eval_ref(l, ctx, row), &eval_ref(r, ctx, row)))
        }
        Expr::Arith(op, l, r) => arith(*op, &eval_ref(l, ctx, row), &eval_ref(r, ctx, row)),
        Expr::Neg(x) => match interval(&eval_ref(x, ctx, row)) {
            Some((lo, hi)) => Value::range(-hi, -lo),
            None => Value::Unknown,
        },
        Expr::Call(f, args) => call(*f, args, ctx, row),
        Expr::Rows(f, slot, inner) => {
            let rows = ctx.rows.get(slot).map(|v| v.as_slice()).unwrap_or(&[]);
            let (mut lo, mut hi) = (0.0, 0.0);
            for r in rows {
                let v = eval_ref(inner, ctx, Some(r));
                match f {
                    RowFn::Count => match v.truth() {
                        Tri::True => {
                            lo += 1.0;
                            hi += 1.0
                        }
                        Tri::Unknown => hi += 1.0,
                        Tri::False => {}
                    },
                    RowFn::Sum => match interval(&v) {
                        Some((a, b)) => {
                            lo += a;
                            hi += b
                        }
                        None if *v == Value::NotDone => {}
                        None => return Value::Unknown,
                    },
                }
            }
            Value::range(lo, hi)
        }
    }
}

/// Numeric interval of a value; a blank number is (-∞, ∞).
fn interval(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Num { lo, hi } => Some((*lo, *hi)),
        Value::Unknown => Some((f64::NEG_INFINITY, f64::INFINITY)),
        _ => None,
    }
}

fn fix_nan(lo: f64, hi: f64) -> Value {
    if lo.is_nan() || hi.is_nan() {
        Value::any_number()
    } else {
        Value::range(lo, hi)
    }
}

fn arith(op: ArOp, a: &Value, b: &Value) -> Value {
    if *a == Value::NotDone || *b == Value::NotDone {
        return Value::NotDone;
    }
    let (Some((al, ah)), Some((bl, bh))) = (interval(a), interval(b)) else {
        return Value::Unknown;
    };
    match op {
        ArOp::Add => fix_nan(al + bl, ah + bh),
        ArOp::Sub => fix_nan(al - bh, ah - bl),
        ArOp::Mul => {
            let p = [al * bl, al * bh, ah * bl, ah * bh];
            if p.iter().any(|x| x.is_nan()) {
                return Value::any_number();
            }
            Value::range(
                p.iter().cloned().fold(f64::INFINITY, f64::min),
                p.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            )
        }
        ArOp::Div => {
            if bl <= 0.0 && bh >= 0.0 {
                // Division by (possibly) zero: exact zero is undefined, else unknown range.
                if bl == 0.0 && bh == 0.0 {
                    return Value::Unknown;
                }
                return Value::any_number();
            }
            let q = [al / bl, al / bh, ah / bl, ah / bh];
            if q.iter().any(|x| x.is_nan()) {
                return Value::any_number();
            }
            Value::range(
                q.iter().cloned().fold(f64::INFINITY, f64::min),
                q.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            )
        }
    }
}

fn ord_tri(op: CmpOp, lo_cmp: std::cmp::Ordering, hi_cmp: std::cmp::Ordering) -> Tri {
    // lo_cmp / hi_cmp: sign of the smallest / largest possible a−b.
    use std::cmp::Ordering::*;
    let holds = |o: std::cmp::Ordering| match op {
        CmpOp::Eq => o == Equal,
        CmpOp::Ne => o != Equal,
        CmpOp::Lt => o == Less,
        CmpOp::Le => o != Greater,
        CmpOp::Gt => o == Greater,
        CmpOp::Ge => o != Less,
    };
    let possible = [
        (Less, lo_cmp == Less),
        (Equal, lo_cmp != Greater && hi_cmp != Less),
        (Greater, hi_cmp == Greater),
    ];
    let mut any_true = false;
    let mut any_false = false;
    for (o, p) in possible {
        if p {
            if holds(o) {
                any_true = true
            } else {
                any_false = true
            }
        }
    }
    match (any_true, any_false) {
        (true, false) => Tri::True,
        (false, true) => Tri::False,
        _ => Tri::Unknown,
    }
}

fn compare(op: CmpOp, a: &Value, b: &Value) -> Tri {
    use std::cmp::Ordering;
    if *a == Value::NotDone || *b == Value::NotDone {
        // 未実施: the finding was not shown, so no comparison about it holds.
        return Tri::False;
    }
    match (a, b) {
        (Value::Unknown, _) | (_, Value::Unknown) => {
            if matches!(a, Value::Num { .. }) || matches!(b, Value::Num { .. }) {
                return compare(op, &Value::any_number(), &Value::any_number());
            }
            Tri::Unknown
        }
        (Value::Num { lo: al, hi: ah }, Value::Num { lo: bl, hi: bh }) => {
            // a−b ranges over [al−bh, ah−bl].
            let lo = al - bh;
            let hi = ah - bl;
            if lo.is_nan() || hi.is_nan() {
                return Tri::Unknown;
            }
            let c = |x: f64| x.partial_cmp(&0.0).unwrap_or(Ordering::Equal);
            ord_tri(op, c(lo), c(hi))
        }
        (Value::Text(x), Value::Text(y)) => match op {
            CmpOp::Eq => Tri::from_bool(x == y),
            CmpOp::Ne => Tri::from_bool(x != y),
            _ => Tri::Unknown,
        },
        (Value::Bool(x), Value::Bool(y)) => match op {
            CmpOp::Eq => Tri::from_bool(x == y),
            CmpOp::Ne => Tri::from_bool(x != y),
            _ => Tri::Unknown,
        },
        (Value::Date(x), Value::Date(y)) => {
            let o = x.cmp(y);
            ord_tri(op, o, o)
        }
        (Value::Date(_) | Value::Month { .. }, Value::Date(_) | Value::Month { .. }) => {
            let o = a.month_index().cmp(&b.month_index());
            ord_tri(op, o, o)
        }
        _ => Tri::Unknown,
    }
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        Value::Month { year, month } => NaiveDate::from_ymd_opt(*year, *month, 1),
        _ => None,
    }
}

/// `date` moved by `n` calendar months; a day missing in the target month
/// becomes its last day (2024-01-31 + 1 month = 2024-02-29).
fn add_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = chrono::Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    }
}

/// Completed years between `birth` and `on`.
pub fn age_years(birth: NaiveDate, on: NaiveDate) -> i64 {
    let mut y = on.year() as i64 - birth.year() as i64;
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        y -= 1;
    }
    y
}

fn call(f: Func, args: &[Expr], ctx: &Ctx, row: Option<&[Value]>) -> Value {
    let ev = |i: usize| eval(&args[i], ctx, row);
    let er = |i: usize| eval_ref(&args[i], ctx, row);
    match f {
        Func::CountTrue => {
            let (mut lo, mut hi) = (0.0, 0.0);
            for a in args {
                match eval_ref(a, ctx, row).truth() {
                    Tri::True => {
                        lo += 1.0;
                        hi += 1.0
                    }
                    Tri::Unknown => hi += 1.0,
                    Tri::False => {}
                }
            }
            Value::range(lo, hi)
        }
        Func::Sum | Func::Min | Func::Max => {
            let mut acc: Option<(f64, f64)> = None;
            for a in args {
                let v = eval_ref(a, ctx, row);
                if *v == Value::NotDone {
                    continue;
                }
                let Some((l, h)) = interval(&v) else {
                    return Value::Unknown;
                };
                acc = Some(match (acc, f) {
                    (None, _) => (l, h),
                    (Some((al, ah)), Func::Sum) => (al + l, ah + h),
                    (Some((al, ah)), Func::Min) => (al.min(l), ah.min(h)),
                    (Some((al, ah)), _) => (al.max(l), ah.max(h)),
                });
            }
            match acc {
                Some((l, h)) => fix_nan(l, h),
                None => Value::NotDone,
            }
        }
        Func::If => match er(0).truth() {
            Tri::True => ev(1),
            Tri::False => ev(2),
            Tri::Unknown => {
                let (a, b) = (ev(1), ev(2));
                if a == b {
                    return a;
                }
                match (a, b) {
                    (Value::Num { lo: al, hi: ah }, Value::Num { lo: bl, hi: bh }) => {
                        Value::range(al.min(bl), ah.max(bh))
                    }
                    (Value::Num { .. }, _) | (_, Value::Num { .. }) => Value::any_number(),
                    _ => Value::Unknown,
                }
            }
        },
        Func::IsBlank => Value::Bool(er(0).is_blank()),
        Func::IsNotDone => Value::Bool(*er(0) == Value::NotDone),
        Func::Has => match (&*er(0), &*er(1)) {
            (Value::Set(s), Value::Text(c)) => Value::Bool(s.contains(c)),
            (Value::NotDone, _) => Value::Bool(false),
            _ => Value::Unknown,
        },
        Func::OneOf => match &*er(0) {
            Value::Text(x) => Value::Bool(
                args[1..]
                    .iter()
                    .any(|a| matches!(&*eval_ref(a, ctx, row), Value::Text(y) if y == x)),
            ),
            Value::NotDone => Value::Bool(false),
            _ => Value::Unknown,
        },
        Func::AgeYears => match (date_of(&er(0)), date_of(&er(1))) {
            (Some(b), Some(on)) => Value::num(age_years(b, on) as f64),
            _ => Value::Unknown,
        },
        Func::MonthsBetween => match (er(0).month_index(), er(1).month_index()) {
            (Some(a), Some(b)) => Value::num((b - a) as f64),
            _ => Value::Unknown,
        },
        Func::DaysBetween => match (date_of(&er(0)), date_of(&er(1))) {
            (Some(a), Some(b)) => Value::num((b - a).num_days() as f64),
            _ => Value::Unknown,
        },
        Func::Grade => {
            let x = er(0);
            if *x == Value::NotDone {
                return Value::NotDone;
            }
            let Some((lo, hi)) = interval(&x) else {
                return Value::Unknown;
            };
            // Thresholds are number constants, checked increasing at load.
            let thresholds = args[1..].iter().filter_map(|a| match a {
                Expr::Const(Value::Num { lo: t, .. }) => Some(*t),
                _ => None,
            });
            let (mut least, mut most) = (0.0, 0.0);
            for t in thresholds {
                if t <= lo {
                    least += 1.0;
                }
                if t <= hi {
                    most += 1.0;
                }
            }
            Value::range(least, most)
        }
        Func::AddMonths | Func::AddDays => {
            let date = er(0);
            if *date == Value::NotDone {
                return Value::NotDone;
            }
            // A whole count within a million keeps chrono's arithmetic far
            // from its limits (it panics on huge day counts).
            let Some(n) = er(1).exact().filter(|n| n.fract() == 0.0 && n.abs() < 1e6) else {
                return Value::Unknown;
            };
            let n = n as i64;
            match (&*date, f) {
                (Value::Date(d), Func::AddMonths) => add_months(*d, n).map(Value::Date),
                (Value::Month { year, month }, Func::AddMonths) => {
                    let index = i64::from(*year) * 12 + i64::from(*month) - 1 + n;
                    i32::try_from(index.div_euclid(12))
                        .ok()
                        .map(|year| Value::Month {
                            year,
                            month: index.rem_euclid(12) as u32 + 1,
                        })
                }
                (Value::Date(d), _) => d
                    .checked_add_signed(chrono::TimeDelta::days(n))
                    .map(Value::Date),
                // A year-month has no day to count from.
                _ => None,
            }
            .unwrap_or(Value::Unknown)
        }
        Func::Today => Value::Date(ctx.today),
        Func::ApplicationKind => Value::Text(ctx.kind.code().into()),
        Func::Bmi => match (er(0).exact(), er(1).exact()) {
            (Some(w), Some(h)) => formulas::bmi(w, h)
                .map(Value::num)
                .unwrap_or(Value::Unknown),
            _ => Value::Unknown,
        },
        Func::ObesityPct => match (er(0).exact(), er(1).exact(), &*er(2), er(3).exact()) {
            (Some(w), Some(h), Value::Text(sex), Some(age)) => {
                formulas::obesity_pct(w, h, sex, age)
                    .map(Value::num)
                    .unwrap_or(Value::Unknown)
            }
            _ => Value::Unknown,
        },
        Func::Round => match (ev(0), er(1).exact()) {
            (Value::Num { lo, hi }, Some(d)) => Value::range(
                formulas::round_to(lo, d as i32),
                formulas::round_to(hi, d as i32),
            ),
            (v, _) => v,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{compile, Scope, Symbol, Ty};
    use super::*;
    use std::sync::Arc;

    fn scope() -> Scope {
        let mut s = Scope::new();
        s.insert("a".into(), Symbol::plain(0, Ty::Bool));
        s.insert("b".into(), Symbol::plain(1, Ty::Bool));
        s.insert("n".into(), Symbol::plain(2, Ty::Num));
        let mut hy = Symbol::plain(3, Ty::Text);
        hy.scores = Some(Arc::from(vec![
            ("1".to_string(), 1.0),
            ("2".into(), 2.0),
            ("3".into(), 3.0),
        ]));
        hy.codes = Some(Arc::from(vec!["1".to_string(), "2".into(), "3".into()]));
        s.insert("grade".into(), hy);
        s.insert("d1".into(), Symbol::plain(4, Ty::Date));
        s.insert("d2".into(), Symbol::plain(5, Ty::Date));
        s
    }

    fn run(src: &str, slots: &[Value]) -> Value {
        let c = compile(src, &scope(), Ty::Any).unwrap();
        let rows = BTreeMap::new();
        let ctx = Ctx {
            slots,
            rows: &rows,
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            kind: ApplicationKind::Renewal,
        };
        eval(&c.expr, &ctx, None)
    }

    fn slots(a: Value, b: Value, n: Value, g: Value) -> Vec<Value> {
        vec![a, b, n, g, Value::Unknown, Value::Unknown]
    }

    #[test]
    fn kleene_and_or() {
        let u = Value::Unknown;
        let t = Value::Bool(true);
        let f = Value::Bool(false);
        assert_eq!(
            run(
                "a and b",
                &slots(f.clone(), u.clone(), u.clone(), u.clone())
            ),
            Value::Bool(false)
        );
        assert_eq!(
            run("a or b", &slots(t.clone(), u.clone(), u.clone(), u.clone())),
            Value::Bool(true)
        );
        assert_eq!(
            run(
                "a and b",
                &slots(t.clone(), u.clone(), u.clone(), u.clone())
            ),
            Value::Unknown
        );
        assert_eq!(
            run("not b", &slots(t, u.clone(), u.clone(), u.clone())),
            Value::Unknown
        );
        // A recorded 未実施 is an answer: not shown, so false rather than unknown.
        assert_eq!(
            run("a or b", &slots(Value::NotDone, f, u.clone(), u)),
            Value::Bool(false)
        );
    }

    #[test]
    fn blank_numbers_are_ranges() {
        let u = Value::Unknown;
        // blank grade can still be 1..3: >= 1 is certain, >= 2 is unknown, >= 4 impossible
        let s = slots(u.clone(), u.clone(), u.clone(), u.clone());
        assert_eq!(run("score(grade) >= 1", &s), Value::Bool(true));
        assert_eq!(run("score(grade) >= 2", &s), Value::Unknown);
        assert_eq!(run("score(grade) >= 4", &s), Value::Bool(false));
        assert_eq!(
            run(
                "count_true(a, b) >= 1",
                &slots(Value::Bool(true), u.clone(), u.clone(), u.clone())
            ),
            Value::Bool(true)
        );
        assert_eq!(
            run(
                "count_true(a, b) >= 2",
                &slots(Value::Bool(true), u.clone(), u.clone(), u.clone())
            ),
            Value::Unknown
        );
        assert_eq!(
            run(
                "n * 2 + 1",
                &slots(u.clone(), u.clone(), Value::num(3.0), u.clone())
            ),
            Value::num(7.0)
        );
        assert_eq!(
            run(
                "n <= 10",
                &slots(u.clone(), u.clone(), Value::NotDone, u.clone())
            ),
            Value::Bool(false)
        );
        assert_eq!(run("if(a, 1, 3)", &s), Value::range(1.0, 3.0));
        assert_eq!(
            run("n / 0", &slots(u.clone(), u.clone(), Value::num(3.0), u)),
            Value::Unknown
        );
    }

    #[test]
    fn dates_and_ages() {
        let d = |y, m, dd| Value::Date(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        let mut s = slots(
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
        );
        s[4] = d(2007, 1, 2);
        s[5] = d(2025, 1, 1);
        assert_eq!(run("age_years(d1, d2)", &s), Value::num(17.0));
        assert_eq!(run("d1 <= d2", &s), Value::Bool(true));
        assert_eq!(run("d2 <= today()", &s), Value::Bool(true));
        // The application kind is the caller's, as today() is.
        assert_eq!(
            run("application_kind() == 'renewal'", &s),
            Value::Bool(true)
        );
        assert_eq!(run("application_kind() == 'new'", &s), Value::Bool(false));
        s[5] = Value::Month {
            year: 2007,
            month: 1,
        };
        assert_eq!(
            run("d1 <= d2", &s),
            Value::Bool(true),
            "same month compares equal"
        );
    }

    #[test]
    fn compile_errors_name_the_problem() {
        let s = scope();
        assert!(compile("zzz > 1", &s, Ty::Bool)
            .unwrap_err()
            .message
            .contains("unknown item"));
        assert!(compile("grade >= 2", &s, Ty::Bool)
            .unwrap_err()
            .message
            .contains("score"));
        assert!(compile("grade = '9'", &s, Ty::Bool)
            .unwrap_err()
            .message
            .contains("not a code"));
        assert!(compile("n + 1", &s, Ty::Bool)
            .unwrap_err()
            .message
            .contains("must be a boolean"));
        assert!(compile("a and n", &s, Ty::Bool).is_err());
        assert!(compile("nosuch(1)", &s, Ty::Any).is_err());
    }
}
