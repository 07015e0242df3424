pub mod expr;
pub mod formulas;
pub mod value;
