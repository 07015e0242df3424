//! The rule language: a small, total expression language for conditions,
//! checks, calculations and determination rules.
//!
//! * [`parse`] turns text into an [`Ast`];
//! * [`compile`] resolves names against a [`Scope`] and type-checks, once, at load;
//! * [`eval`] evaluates a compiled [`Expr`] with Kleene logic and interval numbers.
//!
//! There are no loops, no user functions and no I/O; row functions iterate over
//! the finite rows of a group, so every evaluation terminates.

mod compile;
mod eval;
mod parse;

pub use compile::{compile, CompileError, Compiled, Expr, Func, RowFn, Scope, Symbol, Ty};
pub use eval::{age_years as age_years_between, eval, Ctx};
pub use parse::{parse, ArOp, Ast, CmpOp, ParseError};
