//! Hand-written lexer and recursive-descent parser for the rule language.
//! The grammar has no loops or recursion at run time; see docs/form-definitions.md.

/// Parsed, unresolved syntax tree. `pos` fields are byte offsets into the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    Num(f64),
    Str(String),
    Bool(bool),
    Blank,
    Ident(String, usize),
    Neg(Box<Ast>),
    Not(Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Cmp(CmpOp, Box<Ast>, Box<Ast>),
    Arith(ArOp, Box<Ast>, Box<Ast>),
    Call(String, Vec<Ast>, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// A syntax error with its byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub pos: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
    End,
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            let text: String = src[start..i].chars().filter(|c| *c != '_').collect();
            let v = text.parse::<f64>().map_err(|_| ParseError {
                pos: start,
                message: format!("invalid number `{text}`"),
            })?;
            out.push((Tok::Num(v), start));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Ident(src[start..i].to_string()), start));
        } else if c == b'\'' || c == b'"' {
            i += 1;
            let s = i;
            while i < b.len() && b[i] != c {
                i += 1;
            }
            if i >= b.len() {
                return Err(ParseError {
                    pos: start,
                    message: "unterminated string".into(),
                });
            }
            out.push((Tok::Str(src[s..i].to_string()), start));
            i += 1;
        } else {
            let two = if i + 1 < b.len() { &src[i..i + 2] } else { "" };
            let op: &'static str = match two {
                "<=" => "<=",
                ">=" => ">=",
                "!=" => "!=",
                "==" => "=",
                _ => match c {
                    b'<' => "<",
                    b'>' => ">",
                    b'=' => "=",
                    b'+' => "+",
                    b'-' => "-",
                    b'*' => "*",
                    b'/' => "/",
                    b'(' => "(",
                    b')' => ")",
                    b',' => ",",
                    _ => {
                        let ch = src[i..].chars().next().unwrap_or('?');
                        return Err(ParseError {
                            pos: start,
                            message: format!("unexpected character `{ch}`"),
                        });
                    }
                },
            };
            i += if matches!(two, "<=" | ">=" | "!=" | "==") {
                2
            } else {
                1
            };
            out.push((
                match op {
                    "(" => Tok::LParen,
                    ")" => Tok::RParen,
                    "," => Tok::Comma,
                    o => Tok::Op(o),
                },
                start,
            ));
        }
    }
    out.push((Tok::End, src.len()));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    i: usize,
    depth: usize,
    nodes: usize,
}

/// Maximum number of operator/call nodes in one expression.
const MAX_NODES: usize = 2000;

const MAX_DEPTH: usize = 64;

/// Parses one expression.
pub fn parse(src: &str) -> Result<Ast, ParseError> {
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
        nodes: 0,
    };
    let e = p.or()?;
    if p.peek() != &Tok::End {
        return Err(p.err("unexpected token after the end of the expression"));
    }
    if depth(&e) > MAX_TREE_DEPTH {
        return Err(ParseError {
            pos: 0,
            message: format!(
                "expression too deep (more than {MAX_TREE_DEPTH} levels); split it into criteria"
            ),
        });
    }
    Ok(e)
}

/// Maximum depth of a parsed tree: keeps compilation and evaluation (which
/// recurse over the tree) far from any stack limit.
const MAX_TREE_DEPTH: usize = 200;

/// Depth of a tree, computed without recursion.
fn depth(root: &Ast) -> usize {
    let mut max = 0;
    let mut stack = vec![(root, 1usize)];
    while let Some((a, d)) = stack.pop() {
        max = max.max(d);
        match a {
            Ast::Neg(x) | Ast::Not(x) => stack.push((x, d + 1)),
            Ast::And(l, r) | Ast::Or(l, r) | Ast::Cmp(_, l, r) | Ast::Arith(_, l, r) => {
                stack.push((l, d + 1));
                stack.push((r, d + 1));
            }
            Ast::Call(_, args, _) => stack.extend(args.iter().map(|x| (x, d + 1))),
            _ => {}
        }
    }
    max
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i].0
    }
    fn pos(&self) -> usize {
        self.toks[self.i].1
    }
    fn err(&self, m: &str) -> ParseError {
        ParseError {
            pos: self.pos(),
            message: m.into(),
        }
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == kw)
    }
    /// Counts one more node; refuses oversized expressions before they are built.
    fn node(&mut self) -> Result<(), ParseError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.err("expression too long; split it into criteria"));
        }
        Ok(())
    }
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("expression nested too deeply"));
        }
        Ok(())
    }
    fn or(&mut self) -> Result<Ast, ParseError> {
        let mut l = self.and()?;
        while self.is_kw("or") {
            self.i += 1;
            self.node()?;
            let r = self.and()?;
            l = Ast::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Ast, ParseError> {
        let mut l = self.not()?;
        while self.is_kw("and") {
            self.i += 1;
            self.node()?;
            let r = self.not()?;
            l = Ast::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<Ast, ParseError> {
        if self.is_kw("not") {
            self.i += 1;
            self.enter()?;
            let e = self.not()?;
            self.depth -= 1;
            return Ok(Ast::Not(Box::new(e)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Ast, ParseError> {
        let l = self.add()?;
        let op = match self.peek() {
            Tok::Op("=") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::Ne,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::Le,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::Ge,
            _ => return Ok(l),
        };
        self.i += 1;
        let r = self.add()?;
        if matches!(self.peek(), Tok::Op("=" | "!=" | "<" | "<=" | ">" | ">=")) {
            return Err(self.err("comparisons cannot be chained; use `and`"));
        }
        Ok(Ast::Cmp(op, Box::new(l), Box::new(r)))
    }
    fn add(&mut self) -> Result<Ast, ParseError> {
        let mut l = self.mul()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => ArOp::Add,
                Tok::Op("-") => ArOp::Sub,
                _ => return Ok(l),
            };
            self.i += 1;
            self.node()?;
            let r = self.mul()?;
            l = Ast::Arith(op, Box::new(l), Box::new(r));
        }
    }
    fn mul(&mut self) -> Result<Ast, ParseError> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => ArOp::Mul,
                Tok::Op("/") => ArOp::Div,
                _ => return Ok(l),
            };
            self.i += 1;
            self.node()?;
            let r = self.unary()?;
            l = Ast::Arith(op, Box::new(l), Box::new(r));
        }
    }
    fn unary(&mut self) -> Result<Ast, ParseError> {
        if self.peek() == &Tok::Op("-") {
            self.i += 1;
            self.enter()?;
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(Ast::Neg(Box::new(e)));
        }
        self.primary()
    }
    fn primary(&mut self) -> Result<Ast, ParseError> {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Num(v) => {
                self.i += 1;
                Ok(Ast::Num(v))
            }
            Tok::Str(s) => {
                self.i += 1;
                Ok(Ast::Str(s))
            }
            Tok::LParen => {
                self.i += 1;
                self.enter()?;
                let e = self.or()?;
                self.depth -= 1;
                if self.peek() != &Tok::RParen {
                    return Err(self.err("expected `)`"));
                }
                self.i += 1;
                Ok(e)
            }
            Tok::Ident(name) => {
                self.i += 1;
                match name.as_str() {
                    "true" => return Ok(Ast::Bool(true)),
                    "false" => return Ok(Ast::Bool(false)),
                    "blank" => return Ok(Ast::Blank),
                    "and" | "or" | "not" => {
                        return Err(ParseError {
                            pos,
                            message: format!("`{name}` needs an operand"),
                        })
                    }
                    _ => {}
                }
                if self.peek() != &Tok::LParen {
                    return Ok(Ast::Ident(name, pos));
                }
                self.i += 1;
                self.enter()?;
                let mut args = Vec::new();
                if self.peek() != &Tok::RParen {
                    loop {
                        self.node()?;
                        args.push(self.or()?);
                        if self.peek() == &Tok::Comma {
                            self.i += 1;
                            continue;
                        }
                        break;
                    }
                }
                self.depth -= 1;
                if self.peek() != &Tok::RParen {
                    return Err(self.err("expected `,` or `)` in the argument list"));
                }
                self.i += 1;
                Ok(Ast::Call(name, args, pos))
            }
            Tok::End => Err(self.err("unexpected end of expression")),
            _ => Err(self.err("expected a value, a name or `(`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_calls() {
        let a = parse("a + 2 * 3 >= 4 and not b or f(x, 'y')").unwrap();
        match a {
            Ast::Or(l, r) => {
                assert!(matches!(*l, Ast::And(_, _)));
                assert!(matches!(*r, Ast::Call(ref n, ref args, _) if n == "f" && args.len() == 2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_carry_positions() {
        let e = parse("a >= ").unwrap_err();
        assert_eq!(e.pos, 5);
        assert!(parse("1 < 2 < 3").is_err());
        assert!(parse("'abc").is_err());
        assert!(parse("a $ b").is_err());
        let deep = "(".repeat(100) + "1" + &")".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
