//! Assembling and validating definitions from the embedded TOML files.
//! Every problem is reported as `file:line:column: message`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::expr::{compile, Compiled, Scope, Symbol, Ty};
use crate::masters::Masters;
use crate::model::Derived as Derived_;
use crate::model::*;
use crate::raw::*;

/// A problem in a definition file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A source file: path relative to `forms/`, and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn error_at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> LoadError {
    let (line, column) = line_col(text, offset);
    LoadError {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
    }
}

/// An owned source file (shared, cheap to clone) kept for error positions.
#[derive(Debug, Clone)]
pub struct Src {
    pub path: Arc<str>,
    pub text: Arc<str>,
}

impl Src {
    fn of(f: &SourceFile) -> Src {
        Src {
            path: Arc::from(f.path),
            text: Arc::from(f.text),
        }
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(f: &Src) -> Result<T, LoadError> {
    toml::from_str(&f.text).map_err(|e| {
        let off = e.span().map(|s| s.start).unwrap_or(0);
        error_at(&f.path, &f.text, off, e.message().to_string())
    })
}

/// Is `s` a valid item / section / rule id (ASCII snake_case, usable as an XML name)?
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
        && !s.ends_with('_')
        && !s.contains("__")
}

fn is_valid_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

fn to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (&d.date, &d.time) {
        (Some(x), None) => NaiveDate::from_ymd_opt(x.year as i32, x.month as u32, x.day as u32),
        _ => None,
    }
}

/// Shared inputs: fragments, code lists, layout, masters.
pub struct Env {
    fragments: BTreeMap<String, (Src, RawFragment)>,
    code_lists: BTreeMap<String, Vec<Code>>,
    layout: (Src, RawLayout),
    pub masters: Arc<Masters>,
}

impl Env {
    /// Parses fragments (`fragments/**.toml` except layout/code_lists), code lists and layout.
    pub fn new(files: &[SourceFile], masters: Arc<Masters>) -> Result<Env, Vec<LoadError>> {
        let mut errors = Vec::new();
        let mut fragments = BTreeMap::new();
        let mut code_lists = BTreeMap::new();
        let mut layout = None;
        for file in files {
            let Some(rest) = file.path.strip_prefix("fragments/") else {
                continue;
            };
            let Some(name) = rest.strip_suffix(".toml") else {
                continue;
            };
            let f = &Src::of(file);
            match name {
                "layout" => match parse_toml::<RawLayout>(f) {
                    Ok(l) => layout = Some((f.clone(), l)),
                    Err(e) => errors.push(e),
                },
                "code_lists" => match parse_toml::<RawCodeLists>(f) {
                    Ok(lists) => {
                        for (name, list) in lists {
                            match build_codes_from_list(f, &list.codes) {
                                Ok(c) => {
                                    code_lists.insert(name, c);
                                }
                                Err(e) => errors.push(e),
                            }
                        }
                    }
                    Err(e) => errors.push(e),
                },
                _ => match parse_toml::<RawFragment>(f) {
                    Ok(fr) => {
                        fragments.insert(name.to_string(), (f.clone(), fr));
                    }
                    Err(e) => errors.push(e),
                },
            }
        }
        let Some(layout) = layout else {
            errors.push(LoadError {
                file: "fragments/layout.toml".into(),
                line: 1,
                column: 1,
                message: "missing layout file".into(),
            });
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Env {
            fragments,
            code_lists,
            layout,
            masters,
        })
    }
}

fn build_codes_from_list(f: &Src, codes: &[RawCode]) -> Result<Vec<Code>, LoadError> {
    let mut out: Vec<Code> = Vec::new();
    for c in codes {
        if !is_valid_code(c.code.get_ref()) {
            return Err(error_at(
                &f.path,
                &f.text,
                c.code.span().start,
                format!(
                    "invalid code `{}` (use ASCII letters, digits, _ or -)",
                    c.code.get_ref()
                ),
            ));
        }
        if out.iter().any(|o| o.code == *c.code.get_ref()) {
            return Err(error_at(
                &f.path,
                &f.text,
                c.code.span().start,
                format!("duplicate code `{}`", c.code.get_ref()),
            ));
        }
        out.push(Code {
            code: c.code.get_ref().clone(),
            label: c.label.clone(),
            score: c.score,
            help: c.help.clone(),
        });
    }
    Ok(out)
}

/// Built-in code lists of yes/no items.
fn yes_no_codes(unknown: bool) -> Vec<Code> {
    let mk = |c: &str, l: &str| Code {
        code: c.into(),
        label: l.into(),
        score: None,
        help: None,
    };
    let mut v = vec![mk("1", "あり"), mk("2", "なし")];
    if unknown {
        v.push(mk("3", "不明"));
    }
    v
}

struct Pending<'e, T> {
    src: Src,
    raw: &'e T,
}

struct Builder<'e> {
    env: &'e Env,
    errors: Vec<LoadError>,
    kinds: Vec<ApplicationKind>,
    sections: Vec<Section>,
    required_when: Vec<(usize, String, Src, S<String>)>,
    /// (section, item id or None for the section itself, source, condition).
    shown_when: Vec<(usize, Option<String>, Src, S<String>)>,
    calcs: Vec<Pending<'e, RawCalculation>>,
    checks: Vec<Pending<'e, RawCheck>>,
    criteria: Vec<Pending<'e, RawCriterion>>,
    names: BTreeMap<String, (Src, usize)>,
    included: BTreeSet<String>,
    scope: Scope,
    slot: usize,
    slot_items: BTreeMap<usize, (String, String)>,
}

impl<'e> Builder<'e> {
    fn err(&mut self, src: &Src, offset: usize, message: impl Into<String>) {
        self.errors
            .push(error_at(&src.path, &src.text, offset, message));
    }

    fn claim_name(&mut self, src: &Src, id: &S<String>, what: &str) -> bool {
        let name = id.get_ref();
        if !is_valid_id(name) {
            self.err(src, id.span().start, format!("invalid {what} id `{name}`: use ASCII snake_case (a-z, 0-9, _), starting with a letter, at most 64 characters"));
            return false;
        }
        if let Some((prev_src, offset)) = self.names.get(name) {
            let prev = format!("{}:{}", prev_src.path, line_col(&prev_src.text, *offset).0);
            self.err(
                src,
                id.span().start,
                format!("duplicate id `{name}` (already defined at {prev})"),
            );
            return false;
        }
        self.names
            .insert(name.clone(), (src.clone(), id.span().start));
        true
    }

    fn parse_kinds(
        &mut self,
        src: &Src,
        raw: &Option<Vec<S<String>>>,
    ) -> Option<Vec<ApplicationKind>> {
        let raw = raw.as_ref()?;
        let mut out = Vec::new();
        for k in raw {
            match ApplicationKind::parse(k.get_ref()) {
                Some(kind) if self.kinds.contains(&kind) => out.push(kind),
                Some(_) => {
                    // A kind of the other program (e.g. `renewal` in a 小慢 fragment) is ignored.
                }
                None => self.err(
                    src,
                    k.span().start,
                    format!(
                        "unknown application kind `{}` (new, renewal, continuation, transfer_in)",
                        k.get_ref()
                    ),
                ),
            }
        }
        Some(out)
    }

    fn parse_personal_data(&mut self, src: &Src, raw: &Option<S<String>>) -> PersonalData {
        let Some(raw) = raw.as_ref() else {
            return PersonalData::Clinical;
        };
        match raw.get_ref().as_str() {
            "identifying" => PersonalData::Identifying,
            "quasi_identifying" => PersonalData::QuasiIdentifying,
            "clinical" => PersonalData::Clinical,
            other => {
                self.err(
                    src,
                    raw.span().start,
                    format!(
                        "unknown personal_data `{other}` (identifying, quasi_identifying, clinical)"
                    ),
                );
                PersonalData::Clinical
            }
        }
    }

    fn parse_carry(&mut self, src: &Src, raw: &Option<S<String>>) -> Option<CarryOver> {
        let raw = raw.as_ref()?;
        let c = match raw.get_ref().as_str() {
            "carry" => CarryOver::Carry,
            "confirm" => CarryOver::Confirm,
            "never" => CarryOver::Never,
            "recompute" => CarryOver::Recompute,
            other => {
                self.err(
                    src,
                    raw.span().start,
                    format!("unknown carry_over `{other}` (carry, confirm, never, recompute)"),
                );
                return None;
            }
        };
        Some(c)
    }

    fn add_entries(&mut self, src: &Src, entries: &'e [RawSectionEntry], depth: usize) {
        for e in entries {
            if let Some(inc) = &e.include {
                if e.id.is_some() || !e.items.is_empty() {
                    self.err(
                        src,
                        inc.span().start,
                        "a section entry with `include` takes no other keys",
                    );
                }
                self.include(src, inc, depth);
                continue;
            }
            self.add_section(src.clone(), e);
        }
    }

    fn include(&mut self, from: &Src, name: &S<String>, depth: usize) {
        let n = name.get_ref();
        if depth > 4 {
            self.err(from, name.span().start, "fragments nested too deeply");
            return;
        }
        if !self.included.insert(n.clone()) {
            self.err(
                from,
                name.span().start,
                format!("fragment `{n}` is included twice"),
            );
            return;
        }
        let env: &'e Env = self.env;
        let Some((fsrc, frag)) = env.fragments.get(n.as_str()) else {
            self.err(
                from,
                name.span().start,
                format!("unknown fragment `{n}` (expected forms/fragments/{n}.toml)"),
            );
            return;
        };
        self.add_entries(fsrc, &frag.sections, depth + 1);
        self.add_rules(fsrc, &frag.calculations, &frag.checks, &frag.criteria);
    }

    fn add_rules(
        &mut self,
        src: &Src,
        calcs: &'e [RawCalculation],
        checks: &'e [RawCheck],
        criteria: &'e [RawCriterion],
    ) {
        self.calcs.extend(calcs.iter().map(|raw| Pending {
            src: src.clone(),
            raw,
        }));
        self.checks.extend(checks.iter().map(|raw| Pending {
            src: src.clone(),
            raw,
        }));
        self.criteria.extend(criteria.iter().map(|raw| Pending {
            src: src.clone(),
            raw,
        }));
    }

    fn add_section(&mut self, src: Src, e: &'e RawSectionEntry) {
        let Some(id) = &e.id else {
            self.err(&src, 0, "a section needs `id` and `label` (or `include`)");
            return;
        };
        self.claim_name(&src, id, "section");
        let Some(label) = e.label.clone() else {
            self.err(
                &src,
                id.span().start,
                format!("section `{}` has no label", id.get_ref()),
            );
            return;
        };
        let def_carry = self
            .parse_carry(&src, &e.carry_over)
            .unwrap_or(CarryOver::Carry);
        let def_kinds = self
            .parse_kinds(&src, &e.kinds)
            .unwrap_or_else(|| self.kinds.clone());
        let sec_idx = self.sections.len();
        let fragment = src
            .path
            .strip_prefix("fragments/")
            .and_then(|p| p.strip_suffix(".toml"))
            .map(String::from);
        self.sections.push(Section {
            id: id.get_ref().clone(),
            label,
            help: e.help.clone(),
            fragment,
            shown_when: None,
            layout: Layout {
                number: e.number.clone(),
                note: e.note.clone(),
                widget: None,
            },
            items: Vec::new(),
        });
        if let Some(sw) = &e.shown_when {
            self.shown_when
                .push((sec_idx, None, src.clone(), sw.clone()));
        }
        for raw in &e.items {
            if let Some(item) = self.build_item(&src, raw, def_carry, &def_kinds, None) {
                let slot = self.slot;
                self.slot += 1;
                let mut item = item;
                item.slot = slot;
                self.slot_items
                    .insert(slot, (item.label.clone(), item.id.clone()));
                self.scope.insert(item.id.clone(), symbol_of(&item, slot));
                if let Some(rw) = &raw.required_when {
                    self.required_when
                        .push((sec_idx, item.id.clone(), src.clone(), rw.clone()));
                }
                if let Some(sw) = &raw.shown_when {
                    self.shown_when
                        .push((sec_idx, Some(item.id.clone()), src.clone(), sw.clone()));
                }
                self.sections[sec_idx].items.push(item);
            }
        }
    }

    fn build_item(
        &mut self,
        src: &Src,
        raw: &RawItem,
        def_carry: CarryOver,
        def_kinds: &[ApplicationKind],
        in_group: Option<&str>,
    ) -> Option<Item> {
        let ok = if in_group.is_some() {
            if !is_valid_id(raw.id.get_ref()) {
                self.err(
                    src,
                    raw.id.span().start,
                    format!(
                        "invalid item id `{}`: use ASCII snake_case",
                        raw.id.get_ref()
                    ),
                );
                false
            } else {
                true
            }
        } else {
            self.claim_name(src, &raw.id, "item")
        };
        let id = raw.id.get_ref().clone();
        let pos = raw.id.span().start;
        let Some(ty) = ItemType::parse(raw.item_type.get_ref()) else {
            self.err(src, raw.item_type.span().start, format!("item `{id}`: unknown type `{}` (text, kana, integer, decimal, date, year_month, single, multiple, yes_no, yes_no_unknown, lab, group)", raw.item_type.get_ref()));
            return None;
        };
        let codes = match (&raw.codes, ty) {
            (None, ItemType::YesNo) => yes_no_codes(false),
            (None, ItemType::YesNoUnknown) => yes_no_codes(true),
            // yes/no items may relabel their fixed codes (e.g. 1 = 満たす, 2 = 満たさない).
            (Some(c), ItemType::YesNo | ItemType::YesNoUnknown) => {
                let fixed = yes_no_codes(ty == ItemType::YesNoUnknown);
                let list: Vec<Code> = match c.get_ref() {
                    RawCodes::Inline(l) => l
                        .iter()
                        .map(|x| Code {
                            code: x.code.clone(),
                            label: x.label.clone(),
                            score: x.score,
                            help: x.help.clone(),
                        })
                        .collect(),
                    RawCodes::Named(n) => self.env.code_lists.get(n).cloned().unwrap_or_default(),
                };
                let same = list.len() == fixed.len()
                    && list.iter().zip(&fixed).all(|(a, b)| a.code == b.code);
                if !same {
                    let want: Vec<&str> = fixed.iter().map(|c| c.code.as_str()).collect();
                    self.err(
                        src,
                        c.span().start,
                        format!(
                            "item `{id}`: a {} item's codes must be exactly {} (relabel them only)",
                            raw.item_type.get_ref(),
                            want.join(", ")
                        ),
                    );
                    return None;
                }
                list
            }
            (Some(c), ItemType::Single | ItemType::Multiple) => match c.get_ref() {
                RawCodes::Named(n) => match self.env.code_lists.get(n) {
                    Some(list) => list.clone(),
                    None => {
                        self.err(src, c.span().start, format!("item `{id}`: unknown code list `{n}` (see fragments/code_lists.toml)"));
                        return None;
                    }
                },
                RawCodes::Inline(list) => {
                    let mut out: Vec<Code> = Vec::new();
                    for x in list {
                        if !is_valid_code(&x.code) {
                            self.err(
                                src,
                                c.span().start,
                                format!("item `{id}`: invalid code `{}`", x.code),
                            );
                        } else if out.iter().any(|o| o.code == x.code) {
                            self.err(
                                src,
                                c.span().start,
                                format!("item `{id}`: duplicate code `{}`", x.code),
                            );
                        }
                        out.push(Code {
                            code: x.code.clone(),
                            label: x.label.clone(),
                            score: x.score,
                            help: x.help.clone(),
                        });
                    }
                    out
                }
            },
            (None, ItemType::Single | ItemType::Multiple) => {
                self.err(
                    src,
                    pos,
                    format!(
                        "item `{id}`: a {} item needs `codes`",
                        raw.item_type.get_ref()
                    ),
                );
                return None;
            }
            (Some(c), _) => {
                self.err(
                    src,
                    c.span().start,
                    format!("item `{id}`: `codes` is only for single/multiple items"),
                );
                return None;
            }
            (None, _) => Vec::new(),
        };
        let numeric = matches!(ty, ItemType::Integer | ItemType::Decimal | ItemType::Lab);
        if !numeric && (raw.min.is_some() || raw.max.is_some() || raw.precision.is_some()) {
            self.err(
                src,
                pos,
                format!(
                    "item `{id}`: min/max/precision only apply to integer, decimal and lab items"
                ),
            );
        }
        if let (Some(lo), Some(hi)) = (raw.min, raw.max) {
            if lo > hi {
                self.err(
                    src,
                    pos,
                    format!("item `{id}`: min {lo} is greater than max {hi}"),
                );
            }
        }
        if ty == ItemType::Integer && raw.precision.is_some() {
            self.err(
                src,
                pos,
                format!("item `{id}`: an integer has no precision; use decimal"),
            );
        }
        let kinds = self
            .parse_kinds(src, &raw.kinds)
            .unwrap_or_else(|| def_kinds.to_vec());
        let carry = self.parse_carry(src, &raw.carry_over).unwrap_or(def_carry);
        let personal_data = self.parse_personal_data(src, &raw.personal_data);
        let required_for = match (&raw.required_for, raw.required) {
            (Some(_), Some(_)) => {
                self.err(
                    src,
                    pos,
                    format!("item `{id}`: give either `required` or `required_for`, not both"),
                );
                Vec::new()
            }
            (Some(_), None) => {
                let r = self.parse_kinds(src, &raw.required_for).unwrap_or_default();
                if let Some(k) = r.iter().find(|k| !kinds.contains(k)) {
                    self.err(src, pos, format!("item `{id}`: required_for `{}` but the item is not asked for that kind", k.label()));
                }
                r
            }
            (None, Some(true)) => kinds.clone(),
            _ => Vec::new(),
        };
        let mut fields = Vec::new();
        if ty == ItemType::Group {
            if in_group.is_some() {
                self.err(src, pos, format!("item `{id}`: groups cannot be nested"));
                return None;
            }
            if raw.items.is_empty() {
                self.err(src, pos, format!("group `{id}` needs `items`"));
            }
            let mut seen = BTreeSet::new();
            for (i, f) in raw.items.iter().enumerate() {
                if !seen.insert(f.id.get_ref().clone()) {
                    self.err(
                        src,
                        f.id.span().start,
                        format!("duplicate field `{}` in group `{id}`", f.id.get_ref()),
                    );
                }
                if f.required_when.is_some() || f.shown_when.is_some() {
                    self.err(
                        src,
                        f.id.span().start,
                        "required_when and shown_when are not supported inside groups (give them to the group)".to_string(),
                    );
                }
                if let Some(mut it) = self.build_item(src, f, carry, &kinds, Some(&id)) {
                    it.slot = i;
                    fields.push(it);
                }
            }
        } else if !raw.items.is_empty() {
            self.err(
                src,
                pos,
                format!("item `{id}`: only group items have `items`"),
            );
        }
        let widget = raw.widget.as_ref().and_then(|w| {
            let parsed = Widget::parse(w.get_ref());
            match parsed {
                None => self.err(
                    src,
                    w.span().start,
                    format!(
                        "item `{id}`: unknown widget `{}` (radio, select, text_area)",
                        w.get_ref()
                    ),
                ),
                Some(widget) if !widget.suits(ty) => self.err(
                    src,
                    w.span().start,
                    format!(
                        "item `{id}`: widget `{}` does not suit a {} item",
                        w.get_ref(),
                        raw.item_type.get_ref()
                    ),
                ),
                Some(_) => {}
            }
            parsed.filter(|widget| widget.suits(ty))
        });
        if !ok {
            return None;
        }
        Some(Item {
            layout: Layout {
                number: raw.number.clone(),
                note: raw.note.clone(),
                widget,
            },
            id,
            label: raw.label.clone(),
            item_type: ty,
            help: raw.help.clone(),
            unit: raw.unit.clone(),
            precision: raw.precision,
            min: raw.min,
            max: raw.max,
            max_length: raw.max_length,
            codes,
            kinds,
            required_for,
            required_when: None,
            shown_when: None,
            carry_over: carry,
            personal_data,
            allow_future: raw.allow_future,
            auto_from: None,
            fields,
            max_rows: raw.max_rows,
            slot: 0,
        })
    }

    fn compile_at(&mut self, src: &Src, e: &S<String>, want: Ty, what: &str) -> Option<Compiled> {
        match compile(e.get_ref(), &self.scope, want) {
            Ok(c) => Some(c),
            Err(err) => {
                // Offset inside the TOML string: skip the opening quote(s).
                let quote = if src.text[e.span().start..].starts_with("\"\"\"")
                    || src.text[e.span().start..].starts_with("'''")
                {
                    3
                } else {
                    1
                };
                self.err(
                    src,
                    e.span().start + quote + err.pos,
                    format!("{what}: {} in `{}`", err.message, e.get_ref()),
                );
                None
            }
        }
    }
}

fn symbol_of(item: &Item, slot: usize) -> Symbol {
    let ty = item_ty(item);
    let mut s = Symbol::plain(slot, ty);
    s.has_unknown_answer = item.item_type == ItemType::YesNoUnknown;
    if matches!(item.item_type, ItemType::Single | ItemType::Multiple) {
        s.codes = Some(Arc::from(
            item.codes
                .iter()
                .map(|c| c.code.clone())
                .collect::<Vec<_>>(),
        ));
        if item.codes.iter().all(|c| c.score.is_some()) && !item.codes.is_empty() {
            s.scores = Some(Arc::from(
                item.codes
                    .iter()
                    .map(|c| (c.code.clone(), c.score.unwrap_or(0.0)))
                    .collect::<Vec<_>>(),
            ));
        }
    }
    if item.item_type == ItemType::Group {
        let fields: BTreeMap<String, Symbol> = item
            .fields
            .iter()
            .map(|f| (f.id.clone(), symbol_of(f, f.slot)))
            .collect();
        s.fields = Some(Arc::new(fields));
    }
    s
}

fn item_ty(item: &Item) -> Ty {
    match item.item_type {
        ItemType::Text | ItemType::Kana | ItemType::Single => Ty::Text,
        ItemType::Integer | ItemType::Decimal | ItemType::Lab => Ty::Num,
        ItemType::Date | ItemType::YearMonth => Ty::Date,
        ItemType::Multiple => Ty::Set,
        ItemType::YesNo | ItemType::YesNoUnknown => Ty::Bool,
        ItemType::Group => Ty::Group,
    }
}

/// Expected definition id for a program, group, number and version.
pub fn definition_id(program: Program, group: u32, number: u32, version: &str) -> String {
    match program {
        Program::Nanbyo => format!("nanbyo-{number:03}-{version}"),
        Program::Shoman => format!("shoman-{group:02}-{number:03}-{version}"),
    }
}

/// The `[[renewal_mappings]]` of a definition, checked against its own items: every target
/// item exists, and every code mapped to is one of the target item's codes. (That the earlier
/// version and its old items exist is checked by the catalog, which holds both.)
fn build_renewal_mappings(
    b: &mut Builder<'_>,
    src: &Src,
    raw: &RawDefinition,
) -> Vec<RenewalMapping> {
    let mut out = Vec::new();
    for m in &raw.renewal_mappings {
        let at = m.from.span().start;
        let from = m.from.get_ref();
        if from == raw.id.get_ref() {
            b.err(
                src,
                at,
                format!("renewal_mappings: `{from}` is this version itself"),
            );
        }
        let find = |id: &str| {
            b.sections
                .iter()
                .flat_map(|s| s.items.iter())
                .find(|i| i.id == id)
                .map(|i| i.codes.iter().map(|c| c.code.clone()).collect::<Vec<_>>())
        };
        let mut problems = Vec::new();
        for new_id in m.items.values() {
            if find(new_id).is_none() {
                problems.push(format!(
                    "renewal_mappings ({from}): unknown item `{new_id}`"
                ));
            }
        }
        for (item, codes) in &m.codes {
            match find(item) {
                None => problems.push(format!(
                    "renewal_mappings ({from}): codes of unknown item `{item}`"
                )),
                Some(known) => {
                    for new_code in codes.values() {
                        if !known.contains(new_code) {
                            problems.push(format!(
                                "renewal_mappings ({from}): `{new_code}` is not a code of `{item}`"
                            ));
                        }
                    }
                }
            }
        }
        for p in problems {
            b.err(src, at, p);
        }
        out.push(RenewalMapping {
            from: from.clone(),
            items: m.items.clone(),
            codes: m.codes.clone(),
        });
    }
    out
}

/// Builds one definition from its file.
pub fn build_definition(env: &Env, file: SourceFile) -> Result<FormDefinition, Vec<LoadError>> {
    let src = Src::of(&file);
    let raw: RawDefinition = parse_toml(&src).map_err(|e| vec![e])?;
    let mut errs = Vec::new();
    let e = |errs: &mut Vec<LoadError>, off: usize, m: String| {
        errs.push(error_at(&src.path, &src.text, off, m))
    };

    let Some(program) = Program::parse(raw.program.get_ref()) else {
        e(
            &mut errs,
            raw.program.span().start,
            format!(
                "unknown program `{}` (nanbyo or shoman)",
                raw.program.get_ref()
            ),
        );
        return Err(errs);
    };
    let number = *raw.disease_number.get_ref();
    let (group, group_name, disease_name, form_kind) = match program {
        Program::Nanbyo => {
            if raw.disease_group.is_some() {
                e(
                    &mut errs,
                    raw.id.span().start,
                    "disease_group is only for shoman (the 疾患群 of 難病 comes from the master)"
                        .into(),
                );
            }
            match env.masters.nanbyo(number) {
                Some(d) => (
                    0,
                    d.groups.join("・"),
                    d.name.clone(),
                    FormKind::ClinicalSurvey,
                ),
                None => {
                    e(&mut errs, raw.disease_number.span().start, format!("指定難病 {number} is not in the master (forms/masters/nanbyo_348_2025-04.csv)"));
                    return Err(errs);
                }
            }
        }
        Program::Shoman => {
            let Some(g) = raw.disease_group.as_ref() else {
                e(
                    &mut errs,
                    raw.id.span().start,
                    "shoman definitions need disease_group (告示 table 1–16)".into(),
                );
                return Err(errs);
            };
            match env.masters.shoman(*g.get_ref(), number) {
                Some(d) => (
                    d.group,
                    d.group_name.clone(),
                    d.name.clone(),
                    FormKind::MedicalOpinion,
                ),
                None => {
                    e(
                        &mut errs,
                        raw.disease_number.span().start,
                        format!(
                            "小慢 疾患群 {} 告示番号 {number} is not in the master",
                            g.get_ref()
                        ),
                    );
                    return Err(errs);
                }
            }
        }
    };
    let version = raw.version.get_ref().clone();
    if version.len() != 4 || !version.bytes().all(|b| b.is_ascii_digit()) {
        e(
            &mut errs,
            raw.version.span().start,
            format!("version `{version}` must be YYMM, e.g. 2403"),
        );
    }
    let want_id = definition_id(program, group, number, &version);
    if *raw.id.get_ref() != want_id {
        e(
            &mut errs,
            raw.id.span().start,
            format!(
                "id `{}` does not follow the scheme: expected `{want_id}`",
                raw.id.get_ref()
            ),
        );
    }
    let valid_from = to_date(raw.valid_from.get_ref());
    if valid_from.is_none() {
        e(
            &mut errs,
            raw.valid_from.span().start,
            "valid_from must be a date like 2024-04-01".into(),
        );
    }
    let valid_to = match &raw.valid_to {
        Some(d) => match to_date(d.get_ref()) {
            Some(x) => Some(x),
            None => {
                e(&mut errs, d.span().start, "valid_to must be a date".into());
                None
            }
        },
        None => None,
    };
    if let (Some(a), Some(b)) = (valid_from, valid_to) {
        if b < a {
            e(
                &mut errs,
                raw.id.span().start,
                "valid_to is before valid_from".into(),
            );
        }
    }
    let source_date = raw.source_date.as_ref().and_then(|d| to_date(d.get_ref()));

    let mut b = Builder {
        env,
        errors: errs,
        kinds: program.application_kinds().to_vec(),
        sections: Vec::new(),
        required_when: Vec::new(),
        shown_when: Vec::new(),
        calcs: Vec::new(),
        checks: Vec::new(),
        criteria: Vec::new(),
        names: BTreeMap::new(),
        included: BTreeSet::new(),
        scope: Scope::new(),
        slot: 0,
        slot_items: BTreeMap::new(),
    };
    if let Some(k) = b.parse_kinds(&src, &raw.application_kinds) {
        b.kinds = k;
    }
    let (lsrc, layout) = (&env.layout.0, &env.layout.1);
    let pl = match program {
        Program::Nanbyo => &layout.nanbyo,
        Program::Shoman => &layout.shoman,
    };
    for f in &pl.before {
        b.include(lsrc, f, 0);
    }
    b.add_entries(&src, &raw.sections, 0);
    b.add_rules(&src, &raw.calculations, &raw.checks, &raw.criteria);
    for f in &pl.after {
        b.include(lsrc, f, 0);
    }
    if let Some(mark) = &pl.section_number {
        for section in &mut b.sections {
            section.layout.number.get_or_insert_with(|| mark.clone());
        }
    }

    // Item help overrides.
    for (id, help) in &raw.item_help {
        let mut found = false;
        for s in &mut b.sections {
            for it in &mut s.items {
                if it.id == *id {
                    it.help = Some(help.clone());
                    found = true;
                }
            }
        }
        if !found {
            b.err(
                &src,
                raw.id.span().start,
                format!("item_help: unknown item `{id}`"),
            );
        }
    }

    // Calculations and criteria ("derived values"): compiled in dependency order,
    // so each may use items and any other derived value, but never in a cycle.
    let mut calculations = Vec::new();
    let mut criteria = Vec::new();
    let mut eval_order = Vec::new();
    enum Derived<'x> {
        Calc(Pending<'x, RawCalculation>),
        Crit(Pending<'x, RawCriterion>),
    }
    let mut pending: Vec<Derived> = std::mem::take(&mut b.calcs)
        .into_iter()
        .map(Derived::Calc)
        .collect();
    pending.extend(
        std::mem::take(&mut b.criteria)
            .into_iter()
            .map(Derived::Crit),
    );
    let derived_names: BTreeSet<String> = pending
        .iter()
        .map(|d| match d {
            Derived::Calc(p) => p.raw.id.get_ref().clone(),
            Derived::Crit(p) => p.raw.id.get_ref().clone(),
        })
        .collect();
    for d in &pending {
        let (src, id, what) = match d {
            Derived::Calc(p) => (p.src.clone(), &p.raw.id, "calculation"),
            Derived::Crit(p) => (p.src.clone(), &p.raw.id, "criterion"),
        };
        b.claim_name(&src, id, what);
    }
    loop {
        let before = pending.len();
        let mut deferred = Vec::new();
        for d in pending {
            let (src, id, expr, want) = match &d {
                Derived::Calc(p) => (
                    p.src.clone(),
                    p.raw.id.get_ref().clone(),
                    &p.raw.expr,
                    Ty::Any,
                ),
                Derived::Crit(p) => (
                    p.src.clone(),
                    p.raw.id.get_ref().clone(),
                    &p.raw.expr,
                    Ty::Bool,
                ),
            };
            let compiled = match compile(expr.get_ref(), &b.scope, want) {
                Ok(c) => c,
                Err(e) => {
                    let waits = derived_names.iter().any(|n| {
                        e.message == format!("unknown item or rule `{n}`")
                            && !b.scope.contains_key(n)
                    });
                    if waits {
                        deferred.push(d);
                    } else {
                        let kind = if matches!(d, Derived::Calc(_)) {
                            "calculation"
                        } else {
                            "criterion"
                        };
                        b.compile_at(&src, expr, want, &format!("{kind} `{id}`"));
                    }
                    continue;
                }
            };
            let slot = b.slot;
            b.slot += 1;
            match d {
                Derived::Calc(p) => {
                    if let Some(fill) = &p.raw.fills {
                        let target = b
                            .sections
                            .iter_mut()
                            .flat_map(|s| s.items.iter_mut())
                            .find(|i| i.id == *fill.get_ref());
                        match target {
                            Some(t) if item_ty(t) == compiled.ty || compiled.ty == Ty::Any => {
                                t.auto_from = Some(id.clone())
                            }
                            Some(_) => b.err(
                                &p.src,
                                fill.span().start,
                                format!(
                                    "calculation `{id}` cannot fill `{}`: types differ",
                                    fill.get_ref()
                                ),
                            ),
                            None => b.err(
                                &p.src,
                                fill.span().start,
                                format!(
                                    "calculation `{id}` fills unknown item `{}`",
                                    fill.get_ref()
                                ),
                            ),
                        }
                    }
                    b.scope.insert(id.clone(), Symbol::plain(slot, compiled.ty));
                    eval_order.push(Derived_::Calculation(calculations.len()));
                    calculations.push(Calculation {
                        id,
                        label: p.raw.label.clone(),
                        unit: p.raw.unit.clone(),
                        precision: p.raw.precision,
                        expr: compiled,
                        fills: p.raw.fills.as_ref().map(|f| f.get_ref().clone()),
                        slot,
                    });
                }
                Derived::Crit(p) => {
                    b.scope.insert(id.clone(), Symbol::plain(slot, Ty::Bool));
                    eval_order.push(Derived_::Criterion(criteria.len()));
                    criteria.push(Criterion {
                        id,
                        label: p.raw.label.clone(),
                        source: p.raw.source.clone(),
                        expr: compiled,
                        slot,
                    });
                }
            }
        }
        pending = deferred;
        if pending.is_empty() {
            break;
        }
        if pending.len() == before {
            for d in &pending {
                let (src, id) = match d {
                    Derived::Calc(p) => (p.src.clone(), &p.raw.id),
                    Derived::Crit(p) => (p.src.clone(), &p.raw.id),
                };
                b.err(
                    &src,
                    id.span().start,
                    format!(
                        "`{}` is part of a circular reference between calculations/criteria",
                        id.get_ref()
                    ),
                );
            }
            break;
        }
    }

    // required_when (sees everything).
    for (si, item_id, rsrc, rw) in std::mem::take(&mut b.required_when) {
        let Some(c) = b.compile_at(
            &rsrc,
            &rw,
            Ty::Bool,
            &format!("item `{item_id}` required_when"),
        ) else {
            continue;
        };
        if let Some(t) = b.sections[si].items.iter_mut().find(|i| i.id == item_id) {
            t.required_when = Some(c);
        }
    }

    // shown_when: evaluated right after the answers are read, before any calculation,
    // so it may name entered items only (not calculations or criteria), and not the item
    // or section it governs.
    let input_slots: BTreeSet<usize> = b.slot_items.keys().copied().collect();
    for (si, item_id, ssrc, sw) in std::mem::take(&mut b.shown_when) {
        let what = match &item_id {
            Some(id) => format!("item `{id}` shown_when"),
            None => format!("section `{}` shown_when", b.sections[si].id),
        };
        let Some(c) = b.compile_at(&ssrc, &sw, Ty::Bool, &what) else {
            continue;
        };
        let governed: Vec<usize> = match &item_id {
            Some(id) => b.sections[si]
                .items
                .iter()
                .filter(|i| &i.id == id)
                .map(|i| i.slot)
                .collect(),
            None => b.sections[si].items.iter().map(|i| i.slot).collect(),
        };
        if let Some(bad) = c
            .refs
            .iter()
            .find(|r| !input_slots.contains(r) || governed.contains(r))
        {
            let name = b
                .slot_items
                .get(bad)
                .map(|(_, id)| id.clone())
                .unwrap_or_else(|| "a calculation or criterion".into());
            b.err(
                &ssrc,
                sw.span().start,
                format!("{what}: may use only entered items outside what it governs, not `{name}`"),
            );
            continue;
        }
        match item_id {
            Some(id) => {
                if let Some(t) = b.sections[si].items.iter_mut().find(|i| i.id == id) {
                    t.shown_when = Some(c);
                }
            }
            None => b.sections[si].shown_when = Some(c),
        }
    }

    // Checks.
    let mut checks = Vec::new();
    for p in std::mem::take(&mut b.checks) {
        let code = p.raw.code.get_ref().clone();
        if !is_valid_id(&code) {
            b.err(
                &p.src,
                p.raw.code.span().start,
                format!("invalid check code `{code}`: use snake_case"),
            );
        }
        let sev = match p.raw.severity.get_ref().as_str() {
            "error" => FindingSeverity::Error,
            "warning" => FindingSeverity::Warning,
            other => {
                b.err(
                    &p.src,
                    p.raw.severity.span().start,
                    format!("severity `{other}` must be error or warning"),
                );
                continue;
            }
        };
        if p.raw.items.is_empty() {
            b.err(
                &p.src,
                p.raw.code.span().start,
                format!("check `{code}` must name at least one item"),
            );
        }
        for it in &p.raw.items {
            if !b.scope.contains_key(it.get_ref()) {
                b.err(
                    &p.src,
                    it.span().start,
                    format!("check `{code}`: unknown item `{}`", it.get_ref()),
                );
            }
        }
        let kinds = b
            .parse_kinds(&p.src, &p.raw.kinds)
            .unwrap_or_else(|| b.kinds.clone());
        let Some(assert) =
            b.compile_at(&p.src, &p.raw.assert, Ty::Bool, &format!("check `{code}`"))
        else {
            continue;
        };
        checks.push(Check {
            code,
            severity: sev,
            items: p.raw.items.iter().map(|s| s.get_ref().clone()).collect(),
            assert,
            message: p.raw.message.clone(),
            kinds,
        });
    }

    // Determination.
    let determination = build_determination(&mut b, &src, raw.determination.as_ref(), &raw.id);
    let renewal_mappings = build_renewal_mappings(&mut b, &src, &raw);

    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    let item_index = b
        .sections
        .iter()
        .enumerate()
        .flat_map(|(si, sec)| {
            sec.items
                .iter()
                .enumerate()
                .map(move |(ii, it)| (it.id.clone(), (si, ii)))
        })
        .collect();
    Ok(FormDefinition {
        item_index,
        id: raw.id.get_ref().clone(),
        program,
        form_kind,
        disease_group: match program {
            Program::Nanbyo => group_name.clone(),
            Program::Shoman => group.to_string(),
        },
        disease_group_name: group_name,
        disease_number: number,
        title: format!(
            "{} {} {}",
            match program {
                Program::Nanbyo => format!("臨床調査個人票 {number:03}"),
                Program::Shoman => format!("医療意見書 第{group}表 告示番号{number}"),
            },
            disease_name,
            version
        ),
        disease_name,
        version,
        valid_from: valid_from.unwrap_or_default(),
        valid_to,
        provenance: Provenance {
            source: raw.source.clone(),
            source_date,
            reflects_2024_revision: raw.reflects_2024_revision,
            review_needed: raw.review_needed.clone(),
        },
        generic: raw.generic,
        application_kinds: b.kinds.clone(),
        sections: b.sections,
        calculations,
        checks,
        criteria,
        eval_order,
        determination,
        scope: b.scope,
        slot_count: b.slot,
        slot_items: b.slot_items,
        renewal_mappings,
        program_rules: env.masters.program_rules.clone(),
        content_hash: Default::default(),
    })
}

fn build_determination(
    b: &mut Builder<'_>,
    src: &Src,
    raw: Option<&RawDetermination>,
    id: &S<String>,
) -> DeterminationRules {
    let Some(raw) = raw else {
        b.err(src, id.span().start, "missing [determination] table");
        return DeterminationRules {
            machine_determination: false,
            rule_version: String::new(),
            rule_sets: vec![],
            transitions: vec![],
            severity_label: "重症度分類".into(),
            notice: None,
            declared_diagnosis_item: None,
            declared_severity_item: None,
        };
    };
    let at = raw.rule_version.span().start;
    let declared = |b: &mut Builder, x: &Option<S<String>>| -> Option<String> {
        let x = x.as_ref()?;
        if !b.scope.contains_key(x.get_ref()) {
            b.err(
                src,
                x.span().start,
                format!("unknown item `{}`", x.get_ref()),
            );
        }
        Some(x.get_ref().clone())
    };
    let declared_diagnosis_item = declared(b, &raw.declared_diagnosis_item);
    let declared_severity_item = declared(b, &raw.declared_severity_item);
    let top_level_rules = !raw.eligible.is_empty()
        || !raw.diagnosis.is_empty()
        || raw.severity.is_some()
        || raw.severity_source.is_some();
    let mut rule_sets = Vec::new();
    if raw.rule_sets.is_empty() {
        if raw.machine_determination || top_level_rules {
            rule_sets.push(build_rule_set(
                b,
                src,
                RuleSetParts {
                    name: None,
                    label: None,
                    valid_from: None,
                    valid_to: None,
                    eligible: &raw.eligible,
                    diagnosis: &raw.diagnosis,
                    severity: raw.severity.as_ref(),
                    severity_source: raw.severity_source.as_ref(),
                },
                at,
                raw.machine_determination,
            ));
        }
    } else {
        if top_level_rules {
            b.err(
                src,
                raw.rule_sets[0].name.span().start,
                "determination: give `eligible`/`diagnosis`/`severity` either at the top of [determination] or in [[determination.rule_sets]], not both",
            );
        }
        if !raw.machine_determination {
            b.err(
                src,
                raw.rule_sets[0].name.span().start,
                "determination: rule sets need machine_determination = true",
            );
        }
        for r in &raw.rule_sets {
            if !is_valid_id(r.name.get_ref()) {
                b.err(
                    src,
                    r.name.span().start,
                    format!(
                        "invalid rule set name `{}`: use ASCII snake_case (a-z, 0-9, _)",
                        r.name.get_ref()
                    ),
                );
            }
            if rule_sets
                .iter()
                .any(|x: &RuleSet| x.name.as_ref() == Some(r.name.get_ref()))
            {
                b.err(
                    src,
                    r.name.span().start,
                    format!("rule set `{}` given twice", r.name.get_ref()),
                );
            }
            let valid_from = optional_date(b, src, r.valid_from.as_ref(), "valid_from");
            let valid_to = optional_date(b, src, r.valid_to.as_ref(), "valid_to");
            rule_sets.push(build_rule_set(
                b,
                src,
                RuleSetParts {
                    name: Some(r.name.get_ref().clone()),
                    label: Some(r.label.clone()),
                    valid_from,
                    valid_to,
                    eligible: &r.eligible,
                    diagnosis: &r.diagnosis,
                    severity: r.severity.as_ref(),
                    severity_source: r.severity_source.as_ref(),
                },
                r.name.span().start,
                true,
            ));
        }
        check_rule_set_periods(b, src, &raw.rule_sets, &rule_sets);
    }
    let transitions = build_transitions(b, src, &raw.transitions, &rule_sets);
    if !raw.machine_determination && raw.notice.is_none() {
        b.err(
            src,
            at,
            "determination: machine_determination = false needs a `notice`",
        );
    }
    DeterminationRules {
        machine_determination: raw.machine_determination,
        rule_version: raw.rule_version.get_ref().clone(),
        rule_sets,
        transitions,
        severity_label: raw
            .severity_label
            .clone()
            .unwrap_or_else(|| "重症度分類".into()),
        notice: raw.notice.clone(),
        declared_diagnosis_item,
        declared_severity_item,
    }
}

/// The keys of one rule set, wherever they were written.
struct RuleSetParts<'r> {
    name: Option<String>,
    label: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    eligible: &'r [S<String>],
    diagnosis: &'r [RawDiagnosisRule],
    severity: Option<&'r S<String>>,
    severity_source: Option<&'r String>,
}

/// Compiles one rule set; `at` is where its completeness errors point.
fn build_rule_set(
    b: &mut Builder<'_>,
    src: &Src,
    raw: RuleSetParts,
    at: usize,
    machine_determination: bool,
) -> RuleSet {
    let cat = |s: &str| match s {
        "definite" => Some(DiagnosisCategory::Definite),
        "probable" => Some(DiagnosisCategory::Probable),
        "possible" => Some(DiagnosisCategory::Possible),
        _ => None,
    };
    let mut eligible = Vec::new();
    for e in raw.eligible {
        match cat(e.get_ref()) {
            Some(c) => eligible.push(c),
            None => b.err(
                src,
                e.span().start,
                format!(
                    "unknown diagnosis category `{}` (definite, probable, possible)",
                    e.get_ref()
                ),
            ),
        }
    }
    let mut diagnosis = Vec::new();
    for d in raw.diagnosis {
        let Some(c) = cat(d.category.get_ref()) else {
            b.err(
                src,
                d.category.span().start,
                format!("unknown diagnosis category `{}`", d.category.get_ref()),
            );
            continue;
        };
        if diagnosis.iter().any(|x: &DiagnosisRule| x.category == c) {
            b.err(
                src,
                d.category.span().start,
                format!("diagnosis category `{}` given twice", d.category.get_ref()),
            );
        }
        if let Some(expr) = b.compile_at(
            src,
            &d.expr,
            Ty::Bool,
            &format!("diagnosis `{}`", d.category.get_ref()),
        ) {
            diagnosis.push(DiagnosisRule { category: c, expr });
        }
    }
    let severity = raw
        .severity
        .and_then(|s| b.compile_at(src, s, Ty::Bool, "severity"));
    let which = raw
        .name
        .as_ref()
        .map(|n| format!(" (rule set `{n}`)"))
        .unwrap_or_default();
    if machine_determination {
        if eligible.is_empty() {
            b.err(
                src,
                at,
                format!("determination{which}: `eligible` must list at least one category"),
            );
        }
        for c in &eligible {
            if !diagnosis.iter().any(|d| d.category == *c) {
                b.err(
                    src,
                    at,
                    format!(
                        "determination{which}: eligible category `{}` has no diagnosis rule",
                        c.label()
                    ),
                );
            }
        }
        if raw.severity.is_none() {
            b.err(
                src,
                at,
                format!("determination{which}: `severity` rule is missing"),
            );
        }
    }
    RuleSet {
        name: raw.name,
        label: raw.label,
        valid_from: raw.valid_from,
        valid_to: raw.valid_to,
        eligible,
        diagnosis,
        severity_source: raw.severity_source.cloned(),
        severity,
    }
}

fn optional_date(
    b: &mut Builder<'_>,
    src: &Src,
    d: Option<&S<toml::value::Datetime>>,
    key: &str,
) -> Option<NaiveDate> {
    let d = d?;
    let date = to_date(d.get_ref());
    if date.is_none() {
        b.err(
            src,
            d.span().start,
            format!("{key} must be a date like 2024-04-01"),
        );
    }
    date
}

/// Named rule sets must give exactly one set for every 記載年月日: ordered by
/// date, the first has no `valid_from`, the last no `valid_to`, and each
/// starts the day after the previous one ends.
fn check_rule_set_periods(b: &mut Builder, src: &Src, raw: &[RawRuleSet], sets: &[RuleSet]) {
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&i| sets[i].valid_from);
    for &i in &order {
        if let (Some(f), Some(t)) = (sets[i].valid_from, sets[i].valid_to) {
            if t < f {
                b.err(
                    src,
                    raw[i].name.span().start,
                    format!(
                        "rule set `{}`: valid_to is before valid_from",
                        raw[i].name.get_ref()
                    ),
                );
            }
        }
    }
    let (first, last) = (order[0], order[order.len() - 1]);
    if sets[first].valid_from.is_some() {
        b.err(
            src,
            raw[first].name.span().start,
            format!(
                "rule set `{}`: the earliest rule set must have no valid_from (it judges every earlier 記載年月日)",
                raw[first].name.get_ref()
            ),
        );
    }
    if sets[last].valid_to.is_some() {
        b.err(
            src,
            raw[last].name.span().start,
            format!(
                "rule set `{}`: the latest rule set must have no valid_to (it judges every later 記載年月日)",
                raw[last].name.get_ref()
            ),
        );
    }
    for pair in order.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let (end, start) = match (sets[prev].valid_to, sets[next].valid_from) {
            (Some(end), Some(start)) => (end, start),
            (end, _) => {
                let (open_set, key) = if end.is_none() {
                    (prev, "valid_to")
                } else {
                    (next, "valid_from")
                };
                b.err(
                    src,
                    raw[open_set].name.span().start,
                    format!(
                        "rule sets `{}` and `{}` overlap: `{}` needs a {key}",
                        raw[prev].name.get_ref(),
                        raw[next].name.get_ref(),
                        raw[open_set].name.get_ref()
                    ),
                );
                continue;
            }
        };
        let problem = if start <= end {
            "overlap"
        } else if start > end + chrono::Days::new(1) {
            "leave a gap"
        } else {
            continue;
        };
        b.err(
            src,
            raw[next].name.span().start,
            format!(
                "rule sets `{}` (to {end}) and `{}` (from {start}) {problem}: a rule set starts the day after the previous one ends",
                raw[prev].name.get_ref(),
                raw[next].name.get_ref()
            ),
        );
    }
}

fn build_transitions(
    b: &mut Builder<'_>,
    src: &Src,
    raw: &[RawTransition],
    sets: &[RuleSet],
) -> Vec<Transition> {
    let mut out: Vec<Transition> = Vec::new();
    for t in raw {
        let at = t.valid_from.span().start;
        let (Some(valid_from), Some(valid_to)) = (
            optional_date(b, src, Some(&t.valid_from), "valid_from"),
            optional_date(b, src, Some(&t.valid_to), "valid_to"),
        ) else {
            continue;
        };
        if valid_to < valid_from {
            b.err(src, at, "transition: valid_to is before valid_from");
            continue;
        }
        if let Some(o) = out
            .iter()
            .find(|o| o.valid_from <= valid_to && valid_from <= o.valid_to)
        {
            b.err(
                src,
                at,
                format!(
                    "transition {valid_from}..{valid_to} overlaps transition {}..{}",
                    o.valid_from, o.valid_to
                ),
            );
        }
        let mut indexes = Vec::new();
        for name in &t.either {
            match sets
                .iter()
                .position(|s| s.name.as_ref() == Some(name.get_ref()))
            {
                Some(i) if indexes.contains(&i) => b.err(
                    src,
                    name.span().start,
                    format!("transition: rule set `{}` named twice", name.get_ref()),
                ),
                Some(i) => indexes.push(i),
                None => b.err(
                    src,
                    name.span().start,
                    format!("transition: unknown rule set `{}`", name.get_ref()),
                ),
            }
        }
        if t.either.len() < 2 {
            b.err(
                src,
                at,
                "transition: `either` must name at least two rule sets",
            );
        }
        out.push(Transition {
            valid_from,
            valid_to,
            either: t.either.iter().map(|n| n.get_ref().clone()).collect(),
            sets: indexes,
        });
    }
    out
}
