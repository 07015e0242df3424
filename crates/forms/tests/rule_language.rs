//! The rule language is total: arbitrary input never panics, and every
//! compiled expression evaluates (no loops, bounded nesting).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use nsdb_forms::expr::{compile, eval, parse, Ctx, Scope, Symbol, Ty};
use nsdb_forms::value::Value;
use nsdb_forms::ApplicationKind;

/// Small deterministic PRNG (xorshift) so the test needs no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn scope() -> Scope {
    let mut s = Scope::new();
    s.insert("b".into(), Symbol::plain(0, Ty::Bool));
    s.insert("n".into(), Symbol::plain(1, Ty::Num));
    let mut c = Symbol::plain(2, Ty::Text);
    c.scores = Some(Arc::from(vec![
        ("1".to_string(), 1.0),
        ("2".to_string(), 2.0),
    ]));
    c.codes = Some(Arc::from(vec!["1".to_string(), "2".to_string()]));
    s.insert("c".into(), c);
    s.insert("d".into(), Symbol::plain(3, Ty::Date));
    s
}

const TOKENS: &[&str] = &[
    "b",
    "n",
    "c",
    "d",
    "1",
    "0",
    "2.5",
    "'1'",
    "'x'",
    "true",
    "false",
    "blank",
    "and",
    "or",
    "not",
    "(",
    ")",
    ",",
    "+",
    "-",
    "*",
    "/",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "score(",
    "count_true(",
    "sum(",
    "min(",
    "max(",
    "if(",
    "is_blank(",
    "age_years(",
    "today()",
    "months_between(",
    "bmi(",
    "round(",
    "grade(",
    "add_months(",
    "add_days(",
    "$",
    "'",
    "\"",
];

#[test]
fn random_inputs_never_panic_and_compiled_expressions_evaluate() {
    let sc = scope();
    let rows = BTreeMap::new();
    let values = [
        vec![
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
        ],
        vec![
            Value::Bool(true),
            Value::num(0.0),
            Value::Text("2".into()),
            Value::Date(NaiveDate::from_ymd_opt(2000, 2, 29).unwrap()),
        ],
        vec![
            Value::NotDone,
            Value::NotDone,
            Value::NotDone,
            Value::NotDone,
        ],
        vec![
            Value::Bool(false),
            Value::range(f64::NEG_INFINITY, f64::INFINITY),
            Value::Unknown,
            Value::Month {
                year: 2024,
                month: 12,
            },
        ],
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut compiled = 0;
    for _ in 0..20_000 {
        let len = 1 + rng.next() % 12;
        let src: Vec<&str> = (0..len).map(|_| rng.pick(TOKENS)).collect();
        let src = src.join(" ");
        let _ = parse(&src);
        if let Ok(c) = compile(&src, &sc, Ty::Any) {
            compiled += 1;
            for slots in &values {
                let ctx = Ctx {
                    slots,
                    rows: &rows,
                    today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                    kind: ApplicationKind::New,
                };
                let _ = eval(&c.expr, &ctx, None);
            }
        }
    }
    assert!(
        compiled > 500,
        "only {compiled} random expressions compiled"
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let sc = scope();
    let deep = format!("{}b{}", "not ".repeat(10_000), "");
    assert!(compile(&deep, &sc, Ty::Bool).is_err());
    let parens = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(compile(&parens, &sc, Ty::Num).is_err());
    let minus = format!("{}1", "-".repeat(10_000));
    assert!(compile(&minus, &sc, Ty::Num).is_err());
    // Long flat chains build deep trees too.
    let chain = format!("{}b", "b and ".repeat(50_000));
    assert!(compile(&chain, &sc, Ty::Bool).is_err());
    let sum = format!("{}1", "1 + ".repeat(50_000));
    assert!(compile(&sum, &sc, Ty::Num).is_err());
    // A long argument list is flat and fine.
    let args = format!("count_true({}b)", "b, ".repeat(500));
    assert!(compile(&args, &sc, Ty::Num).is_ok());
}

/// Evaluates `src` with `n` (number slot) and `d` (date slot) set.
fn eval_with(src: &str, n: Value, d: Value) -> Value {
    let c = compile(src, &scope(), Ty::Any).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    let rows = BTreeMap::new();
    let slots = [Value::Unknown, n, Value::Unknown, d];
    let ctx = Ctx {
        slots: &slots,
        rows: &rows,
        today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        kind: ApplicationKind::New,
    };
    eval(&c.expr, &ctx, None)
}

fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

#[test]
fn grade_counts_the_thresholds_at_or_below_x() {
    let g = |x: f64| eval_with("grade(n, 3, 5.5, 10)", Value::num(x), Value::Unknown);
    // Each threshold on both sides: below it, on it.
    assert_eq!(g(2.9), Value::num(0.0));
    assert_eq!(g(3.0), Value::num(1.0));
    assert_eq!(g(5.4), Value::num(1.0));
    assert_eq!(g(5.5), Value::num(2.0));
    assert_eq!(g(9.9), Value::num(2.0));
    assert_eq!(g(10.0), Value::num(3.0));
    assert_eq!(g(1e9), Value::num(3.0));
    assert_eq!(
        eval_with("grade(n, -1, 0)", Value::num(-1.0), Value::Unknown),
        Value::num(1.0)
    );
}

#[test]
fn grade_of_a_blank_or_a_range_is_a_range_of_grades() {
    // Blank: any grade.
    assert_eq!(
        eval_with("grade(n, 3, 5, 10)", Value::Unknown, Value::Unknown),
        Value::range(0.0, 3.0)
    );
    // [4, 7]: grade 1 or 2, so `>= 1` is decided and `>= 2` is open.
    let n = Value::range(4.0, 7.0);
    assert_eq!(
        eval_with("grade(n, 3, 5, 10)", n.clone(), Value::Unknown),
        Value::range(1.0, 2.0)
    );
    assert_eq!(
        eval_with("grade(n, 3, 5, 10) >= 1", n.clone(), Value::Unknown),
        Value::Bool(true)
    );
    assert_eq!(
        eval_with("grade(n, 3, 5, 10) >= 2", n, Value::Unknown),
        Value::Unknown
    );
    // 未実施 stays an answer: no comparison with it holds.
    assert_eq!(
        eval_with("grade(n, 3) >= 0", Value::NotDone, Value::Unknown),
        Value::Bool(false)
    );
}

#[test]
fn grade_thresholds_are_increasing_number_literals() {
    let sc = scope();
    for bad in [
        "grade(n)",
        "grade(n, 5, 3)",
        "grade(n, 3, 3)",
        "grade(n, n)",
        "grade(n, '3')",
        "grade(d, 3)",
    ] {
        assert!(compile(bad, &sc, Ty::Num).is_err(), "{bad}");
    }
    assert!(compile("grade(n, 3) = 1", &sc, Ty::Bool).is_ok());
}

#[test]
fn add_months_keeps_the_day_or_takes_the_last_day_of_the_month() {
    let am = |d: Value, n: &str| eval_with(&format!("add_months(d, {n})"), Value::Unknown, d);
    assert_eq!(am(date(2024, 4, 1), "6"), date(2024, 10, 1));
    assert_eq!(am(date(2024, 1, 31), "1"), date(2024, 2, 29));
    assert_eq!(am(date(2023, 1, 31), "1"), date(2023, 2, 28));
    assert_eq!(am(date(2024, 3, 31), "-1"), date(2024, 2, 29));
    assert_eq!(am(date(2024, 12, 15), "1"), date(2025, 1, 15));
    assert_eq!(
        am(
            Value::Month {
                year: 2024,
                month: 11
            },
            "3"
        ),
        Value::Month {
            year: 2025,
            month: 2
        }
    );
    assert_eq!(
        am(
            Value::Month {
                year: 2024,
                month: 1
            },
            "-1"
        ),
        Value::Month {
            year: 2023,
            month: 12
        }
    );
    // Boundary of a rule "within 6 months of the diagnosis": on the day vs the day after.
    let within = "d2 <= add_months(d, 6)";
    let mut sc = scope();
    sc.insert("d2".into(), Symbol::plain(4, Ty::Date));
    let c = compile(within, &sc, Ty::Bool).unwrap();
    let rows = BTreeMap::new();
    for (second, want) in [(date(2024, 10, 1), true), (date(2024, 10, 2), false)] {
        let slots = [
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
            date(2024, 4, 1),
            second,
        ];
        let ctx = Ctx {
            slots: &slots,
            rows: &rows,
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            kind: ApplicationKind::New,
        };
        assert_eq!(eval(&c.expr, &ctx, None), Value::Bool(want));
    }
}

#[test]
fn add_days_counts_calendar_days() {
    let ad = |d: Value, n: &str| eval_with(&format!("add_days(d, {n})"), Value::Unknown, d);
    assert_eq!(ad(date(2024, 2, 28), "1"), date(2024, 2, 29));
    assert_eq!(ad(date(2024, 2, 28), "2"), date(2024, 3, 1));
    assert_eq!(ad(date(2024, 3, 1), "-1"), date(2024, 2, 29));
    assert_eq!(ad(date(2024, 12, 31), "1"), date(2025, 1, 1));
    assert_eq!(ad(date(2024, 1, 1), "0"), date(2024, 1, 1));
}

#[test]
fn date_shifts_of_blanks_and_odd_counts_are_unknown() {
    let shift = |src: &str, n: Value, d: Value| eval_with(src, n, d);
    for f in ["add_months(d, n)", "add_days(d, n)"] {
        // Blank date, blank count, a count that is a range or not whole: unknown.
        assert_eq!(
            shift(f, Value::num(1.0), Value::Unknown),
            Value::Unknown,
            "{f}"
        );
        assert_eq!(
            shift(f, Value::Unknown, date(2024, 1, 1)),
            Value::Unknown,
            "{f}"
        );
        assert_eq!(
            shift(f, Value::range(1.0, 2.0), date(2024, 1, 1)),
            Value::Unknown,
            "{f}"
        );
        assert_eq!(
            shift(f, Value::num(1.5), date(2024, 1, 1)),
            Value::Unknown,
            "{f}"
        );
        // Beyond the calendar: unknown, never a panic.
        assert_eq!(
            shift(f, Value::num(1e12), date(2024, 1, 1)),
            Value::Unknown,
            "{f}"
        );
        // Comparing with an unknown date stays unknown.
        assert_eq!(
            shift(&format!("{f} <= d"), Value::Unknown, date(2024, 1, 1)),
            Value::Unknown,
            "{f}"
        );
    }
    // A year-month has no day to count from.
    assert_eq!(
        shift(
            "add_days(d, 1)",
            Value::num(0.0),
            Value::Month {
                year: 2024,
                month: 1
            }
        ),
        Value::Unknown
    );
    let sc = scope();
    assert!(compile("add_days(n, 1)", &sc, Ty::Date).is_err());
    assert!(compile("add_months(d, d)", &sc, Ty::Date).is_err());
    assert!(compile("add_months(d)", &sc, Ty::Date).is_err());
    assert!(compile("add_months(d, 1) + 1", &sc, Ty::Num).is_err());
}
