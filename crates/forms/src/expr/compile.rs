//! Name resolution and type checking of parsed expressions.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::parse::{parse, ArOp, Ast, CmpOp};
use crate::value::Value;

/// Static type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Num,
    Text,
    Date,
    Set,
    Group,
    /// `blank`: fits anywhere.
    Any,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Bool => "boolean",
            Ty::Num => "number",
            Ty::Text => "text/code",
            Ty::Date => "date",
            Ty::Set => "multiple choice",
            Ty::Group => "group",
            Ty::Any => "blank",
        }
    }
    fn fits(self, want: Ty) -> bool {
        self == want || self == Ty::Any || want == Ty::Any
    }
}

/// What a name refers to.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// Slot index (top level) or field index (inside a group row).
    pub slot: usize,
    pub ty: Ty,
    /// Code → score table of a choice item (enables `score(x)`).
    pub scores: Option<Arc<[(String, f64)]>>,
    /// Valid codes of a choice item (for checking literals compared with it).
    pub codes: Option<Arc<[String]>>,
    /// Fields of a group (for `count_rows`/`sum_rows`).
    pub fields: Option<Arc<BTreeMap<String, Symbol>>>,
    /// A yes/no/unknown item: `not x` would read 不明 as なし, so it is refused.
    pub has_unknown_answer: bool,
}

impl Symbol {
    pub fn plain(slot: usize, ty: Ty) -> Symbol {
        Symbol {
            slot,
            ty,
            scores: None,
            codes: None,
            fields: None,
            has_unknown_answer: false,
        }
    }
}

/// Names visible to an expression.
pub type Scope = BTreeMap<String, Symbol>;

/// Built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    CountTrue,
    Sum,
    Min,
    Max,
    If,
    IsBlank,
    IsNotDone,
    Has,
    OneOf,
    AgeYears,
    MonthsBetween,
    DaysBetween,
    /// `grade(x, t1, t2, …)`: how many thresholds are ≤ x.
    Grade,
    AddMonths,
    AddDays,
    Today,
    ApplicationKind,
    Bmi,
    ObesityPct,
    Round,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFn {
    Count,
    Sum,
}

/// A resolved, type-checked expression.
#[derive(Debug, Clone)]
pub enum Expr {
    Const(Value),
    Slot(usize),
    Field(usize),
    Score {
        src: Box<Expr>,
        table: Arc<[(String, f64)]>,
    },
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    Arith(ArOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Call(Func, Vec<Expr>),
    Rows(RowFn, usize, Box<Expr>),
}

/// A compiled expression with its type and the top-level slots it reads.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub source: String,
    pub expr: Expr,
    pub ty: Ty,
    pub refs: Vec<usize>,
}

/// A compile error with its byte offset in the expression text.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    pub pos: usize,
    pub message: String,
}

/// Parses and compiles `src` against `scope`, requiring type `want` (use `Ty::Any` for none).
pub fn compile(src: &str, scope: &Scope, want: Ty) -> Result<Compiled, CompileError> {
    let ast = parse(src).map_err(|e| CompileError {
        pos: e.pos,
        message: e.message,
    })?;
    let mut c = Compiler {
        scope,
        row: None,
        refs: Vec::new(),
    };
    let (expr, ty) = c.go(&ast)?;
    if !ty.fits(want) {
        return Err(CompileError {
            pos: 0,
            message: format!(
                "expression must be a {}, but is a {}",
                want.name(),
                ty.name()
            ),
        });
    }
    let mut refs = c.refs;
    refs.sort_unstable();
    refs.dedup();
    Ok(Compiled {
        source: src.to_string(),
        expr,
        ty,
        refs,
    })
}

struct Compiler<'a> {
    scope: &'a Scope,
    row: Option<Arc<BTreeMap<String, Symbol>>>,
    refs: Vec<usize>,
}

fn err<T>(pos: usize, message: String) -> Result<T, CompileError> {
    Err(CompileError { pos, message })
}

fn ast_pos(a: &Ast) -> usize {
    match a {
        Ast::Ident(_, p) | Ast::Call(_, _, p) => *p,
        Ast::Neg(x) | Ast::Not(x) => ast_pos(x),
        Ast::And(x, _) | Ast::Or(x, _) | Ast::Cmp(_, x, _) | Ast::Arith(_, x, _) => ast_pos(x),
        _ => 0,
    }
}

impl Compiler<'_> {
    fn lookup(&mut self, name: &str, pos: usize) -> Result<(Expr, Symbol), CompileError> {
        if let Some(fields) = &self.row {
            if let Some(s) = fields.get(name) {
                return Ok((Expr::Field(s.slot), s.clone()));
            }
        }
        match self.scope.get(name) {
            Some(s) => {
                self.refs.push(s.slot);
                Ok((Expr::Slot(s.slot), s.clone()))
            }
            None => err(pos, format!("unknown item or rule `{name}`")),
        }
    }

    fn expect(&mut self, a: &Ast, want: Ty) -> Result<Expr, CompileError> {
        let (e, t) = self.go(a)?;
        if !t.fits(want) {
            return err(
                ast_pos(a),
                format!("expected a {}, found a {}", want.name(), t.name()),
            );
        }
        Ok(e)
    }

    fn go(&mut self, a: &Ast) -> Result<(Expr, Ty), CompileError> {
        Ok(match a {
            Ast::Num(v) => (Expr::Const(Value::num(*v)), Ty::Num),
            Ast::Str(s) => (Expr::Const(Value::Text(s.clone())), Ty::Text),
            Ast::Bool(b) => (Expr::Const(Value::Bool(*b)), Ty::Bool),
            Ast::Blank => (Expr::Const(Value::Unknown), Ty::Any),
            Ast::Ident(n, p) => {
                let (e, s) = self.lookup(n, *p)?;
                if s.ty == Ty::Group {
                    return err(
                        *p,
                        format!("group `{n}` can only be used in count_rows/sum_rows"),
                    );
                }
                (e, s.ty)
            }
            Ast::Neg(x) => (Expr::Neg(Box::new(self.expect(x, Ty::Num)?)), Ty::Num),
            Ast::Not(x) => {
                if let Ast::Ident(n, p) = &**x {
                    let sym = self
                        .row
                        .as_ref()
                        .and_then(|f| f.get(n))
                        .or_else(|| self.scope.get(n));
                    if sym.is_some_and(|s| s.has_unknown_answer) {
                        return err(
                            *p,
                            format!("`not {n}` would count 不明 as なし; write `{n} = false` (answered なし)"),
                        );
                    }
                }
                (Expr::Not(Box::new(self.expect(x, Ty::Bool)?)), Ty::Bool)
            }
            Ast::And(l, r) => (
                Expr::And(
                    Box::new(self.expect(l, Ty::Bool)?),
                    Box::new(self.expect(r, Ty::Bool)?),
                ),
                Ty::Bool,
            ),
            Ast::Or(l, r) => (
                Expr::Or(
                    Box::new(self.expect(l, Ty::Bool)?),
                    Box::new(self.expect(r, Ty::Bool)?),
                ),
                Ty::Bool,
            ),
            Ast::Arith(op, l, r) => (
                Expr::Arith(
                    *op,
                    Box::new(self.expect(l, Ty::Num)?),
                    Box::new(self.expect(r, Ty::Num)?),
                ),
                Ty::Num,
            ),
            Ast::Cmp(op, l, r) => {
                let (le, lt) = self.go(l)?;
                let (re, rt) = self.go(r)?;
                let t = if lt == Ty::Any { rt } else { lt };
                if !rt.fits(t) {
                    let hint = if matches!((lt, rt), (Ty::Text, Ty::Num) | (Ty::Num, Ty::Text)) {
                        "; use score(x) to compare a choice item's score with a number"
                    } else {
                        ""
                    };
                    return err(
                        ast_pos(a),
                        format!("cannot compare a {} with a {}{hint}", lt.name(), rt.name()),
                    );
                }
                let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
                if ordered && !matches!(t, Ty::Num | Ty::Date | Ty::Any) {
                    return err(
                        ast_pos(a),
                        format!(
                            "`<`, `<=`, `>`, `>=` need numbers or dates, not a {}; use score(x) for a choice item's score",
                            t.name()
                        ),
                    );
                }
                if matches!(t, Ty::Set | Ty::Group) {
                    return err(ast_pos(a), "use has(x, 'code') for multiple choice".into());
                }
                // A code literal compared with a choice item must be one of its codes.
                self.check_code_literal(l, r)?;
                self.check_code_literal(r, l)?;
                (Expr::Cmp(*op, Box::new(le), Box::new(re)), Ty::Bool)
            }
            Ast::Call(name, args, pos) => self.call(name, args, *pos)?,
        })
    }

    fn codes_of(&self, a: &Ast) -> Option<Arc<[String]>> {
        if let Ast::Ident(n, _) = a {
            if let Some(f) = &self.row {
                if let Some(s) = f.get(n) {
                    return s.codes.clone();
                }
            }
            return self.scope.get(n).and_then(|s| s.codes.clone());
        }
        None
    }

    fn check_code_literal(&self, item: &Ast, lit: &Ast) -> Result<(), CompileError> {
        if let (Some(codes), Ast::Str(s)) = (self.codes_of(item), lit) {
            if !codes.iter().any(|c| c == s) {
                return err(
                    ast_pos(item),
                    format!(
                        "`{s}` is not a code of this item (codes: {})",
                        codes.join(", ")
                    ),
                );
            }
        }
        Ok(())
    }

    fn call(&mut self, name: &str, args: &[Ast], pos: usize) -> Result<(Expr, Ty), CompileError> {
        let arity = |lo: usize, hi: usize| -> Result<(), CompileError> {
            if args.len() < lo || args.len() > hi {
                let want = if lo == hi {
                    format!("{lo}")
                } else if hi == usize::MAX {
                    format!("at least {lo}")
                } else {
                    format!("{lo}–{hi}")
                };
                return err(
                    pos,
                    format!("`{name}` takes {want} argument(s), got {}", args.len()),
                );
            }
            Ok(())
        };
        let many = usize::MAX;
        let simple =
            |c: &mut Self, f: Func, tys: &[Ty], ret: Ty| -> Result<(Expr, Ty), CompileError> {
                let mut v = Vec::new();
                for (a, t) in args.iter().zip(tys) {
                    v.push(c.expect(a, *t)?);
                }
                Ok((Expr::Call(f, v), ret))
            };
        match name {
            "count_true" => {
                arity(1, many)?;
                let v = args
                    .iter()
                    .map(|a| self.expect(a, Ty::Bool))
                    .collect::<Result<_, _>>()?;
                Ok((Expr::Call(Func::CountTrue, v), Ty::Num))
            }
            "sum" | "min" | "max" => {
                arity(1, many)?;
                let v = args
                    .iter()
                    .map(|a| self.expect(a, Ty::Num))
                    .collect::<Result<_, _>>()?;
                let f = match name {
                    "sum" => Func::Sum,
                    "min" => Func::Min,
                    _ => Func::Max,
                };
                Ok((Expr::Call(f, v), Ty::Num))
            }
            "if" => {
                arity(3, 3)?;
                let c = self.expect(&args[0], Ty::Bool)?;
                let (a, at) = self.go(&args[1])?;
                let (b, bt) = self.go(&args[2])?;
                let t = if at == Ty::Any { bt } else { at };
                if !bt.fits(t) {
                    return err(pos, "both branches of `if` must have the same type".into());
                }
                Ok((Expr::Call(Func::If, vec![c, a, b]), t))
            }
            "is_blank" | "is_not_done" => {
                arity(1, 1)?;
                let (e, _) = self.go(&args[0])?;
                let f = if name == "is_blank" {
                    Func::IsBlank
                } else {
                    Func::IsNotDone
                };
                Ok((Expr::Call(f, vec![e]), Ty::Bool))
            }
            "score" => {
                arity(1, 1)?;
                let (e, sym) = match &args[0] {
                    Ast::Ident(n, p) => self.lookup(n, *p)?,
                    _ => return err(pos, "score() takes the name of a choice item".into()),
                };
                match sym.scores {
                    Some(table) => Ok((
                        Expr::Score {
                            src: Box::new(e),
                            table,
                        },
                        Ty::Num,
                    )),
                    None => err(
                        pos,
                        "score() needs a choice item whose codes have scores".into(),
                    ),
                }
            }
            "has" => {
                arity(2, 2)?;
                let set = self.expect(&args[0], Ty::Set)?;
                let Ast::Str(code) = &args[1] else {
                    return err(
                        pos,
                        "has(x, 'code'): the second argument must be a code literal".into(),
                    );
                };
                self.check_code_literal(&args[0], &args[1])?;
                Ok((
                    Expr::Call(Func::Has, vec![set, Expr::Const(Value::Text(code.clone()))]),
                    Ty::Bool,
                ))
            }
            "one_of" => {
                arity(2, many)?;
                let x = self.expect(&args[0], Ty::Text)?;
                let mut v = vec![x];
                for a in &args[1..] {
                    let Ast::Str(code) = a else {
                        return err(
                            pos,
                            "one_of(x, 'a', 'b', …): the codes must be literals".into(),
                        );
                    };
                    self.check_code_literal(&args[0], a)?;
                    v.push(Expr::Const(Value::Text(code.clone())));
                }
                Ok((Expr::Call(Func::OneOf, v), Ty::Bool))
            }
            "age_years" => {
                arity(2, 2)?;
                simple(self, Func::AgeYears, &[Ty::Date, Ty::Date], Ty::Num)
            }
            "months_between" => {
                arity(2, 2)?;
                simple(self, Func::MonthsBetween, &[Ty::Date, Ty::Date], Ty::Num)
            }
            "days_between" => {
                arity(2, 2)?;
                simple(self, Func::DaysBetween, &[Ty::Date, Ty::Date], Ty::Num)
            }
            "grade" => {
                arity(2, many)?;
                let x = self.expect(&args[0], Ty::Num)?;
                let mut v = vec![x];
                let mut previous = f64::NEG_INFINITY;
                for a in &args[1..] {
                    let threshold =
                        match a {
                            Ast::Num(t) => *t,
                            Ast::Neg(inner) => match &**inner {
                                Ast::Num(t) => -*t,
                                _ => return err(
                                    pos,
                                    "grade(x, t1, t2, …): the thresholds must be number literals"
                                        .into(),
                                ),
                            },
                            _ => {
                                return err(
                                    pos,
                                    "grade(x, t1, t2, …): the thresholds must be number literals"
                                        .into(),
                                )
                            }
                        };
                    if threshold <= previous {
                        return err(
                            pos,
                            "grade(x, t1, t2, …): the thresholds must be strictly increasing"
                                .into(),
                        );
                    }
                    previous = threshold;
                    v.push(Expr::Const(Value::num(threshold)));
                }
                Ok((Expr::Call(Func::Grade, v), Ty::Num))
            }
            "add_months" | "add_days" => {
                arity(2, 2)?;
                let f = if name == "add_months" {
                    Func::AddMonths
                } else {
                    Func::AddDays
                };
                simple(self, f, &[Ty::Date, Ty::Num], Ty::Date)
            }
            "today" => {
                arity(0, 0)?;
                Ok((Expr::Call(Func::Today, vec![]), Ty::Date))
            }
            "application_kind" => {
                arity(0, 0)?;
                Ok((Expr::Call(Func::ApplicationKind, vec![]), Ty::Text))
            }
            "bmi" => {
                arity(2, 2)?;
                simple(self, Func::Bmi, &[Ty::Num, Ty::Num], Ty::Num)
            }
            "obesity_pct" => {
                arity(4, 4)?;
                simple(
                    self,
                    Func::ObesityPct,
                    &[Ty::Num, Ty::Num, Ty::Text, Ty::Num],
                    Ty::Num,
                )
            }
            "round" => {
                arity(2, 2)?;
                simple(self, Func::Round, &[Ty::Num, Ty::Num], Ty::Num)
            }
            "count_rows" | "sum_rows" => {
                arity(2, 2)?;
                let (g, sym) = match &args[0] {
                    Ast::Ident(n, p) => self.lookup(n, *p)?,
                    _ => return err(pos, format!("{name}() takes a group name first")),
                };
                let (Expr::Slot(slot), Some(fields)) = (g, sym.fields.clone()) else {
                    return err(pos, format!("{name}(): the first argument must be a group"));
                };
                if self.row.is_some() {
                    return err(pos, "row functions cannot be nested".into());
                }
                self.row = Some(fields);
                let want = if name == "count_rows" {
                    Ty::Bool
                } else {
                    Ty::Num
                };
                let inner = self.expect(&args[1], want);
                self.row = None;
                let f = if name == "count_rows" {
                    RowFn::Count
                } else {
                    RowFn::Sum
                };
                Ok((Expr::Rows(f, slot, Box::new(inner?)), Ty::Num))
            }
            _ => err(pos, format!("unknown function `{name}`")),
        }
    }
}
