//! The rule language is total: arbitrary input never panics, and every
//! compiled expression evaluates (no loops, bounded nesting).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use nsdb_forms::expr::{compile, eval, parse, Ctx, Scope, Symbol, Ty};
use nsdb_forms::value::Value;

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
