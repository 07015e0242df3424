//! `evaluate`: checks, calculations and 機械判定 of one form. Pure: `today` is passed in.

mod checks;
pub(crate) mod determination;
mod input;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::{Answer, FormData};
use crate::expr::{eval, Ctx};
use crate::model::{ApplicationKind, Derived, FindingSeverity, FormDefinition, Item, ItemType};
use crate::value::{CalcValue, Value};

pub use determination::{
    CriterionOutcome, Determination, DiagnosisOutcome, InputValue, Outcome, SeverityOutcome,
};
pub use input::{parse_date, parse_month};

/// One problem found in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// Stable code: `required`, `type`, `range`, `precision`, `code_unknown`, `date_future`,
    /// `date_order`, `too_long`, `kana`, `unknown_item`, `too_many_rows`, `calc_mismatch`,
    /// `application_kind`, or a rule-specific code from the definition.
    pub code: String,
    pub severity: FindingSeverity,
    /// Item id (for group fields: `group.field`).
    pub item: String,
    pub item_label: String,
    /// Row number (1-based) inside a group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// Japanese message naming the field and the fix.
    pub message: String,
}

/// The outcome of evaluating a form. Deserialized from what 確定 froze (which keeps no
/// `hidden_items`: they follow from the frozen answers).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
    /// Calculation id → value (also the values auto-filled into items).
    pub calculations: BTreeMap<String, CalcValue>,
    pub determination: Determination,
    /// Items that do not apply to this form (their section's or their own `shown_when`
    /// is false): not asked, not checked, answers set aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_items: Vec<String>,
}

impl Evaluation {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == FindingSeverity::Error)
    }
}

/// Typed values of one form, ready for rules.
pub(crate) struct State {
    pub slots: Vec<Value>,
    pub rows: BTreeMap<usize, Vec<Vec<Value>>>,
    pub today: NaiveDate,
    pub kind: ApplicationKind,
    /// Slots of items hidden by `shown_when`.
    pub hidden: std::collections::BTreeSet<usize>,
}

impl State {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            slots: &self.slots,
            rows: &self.rows,
            today: self.today,
            kind: self.kind,
        }
    }
}

/// Evaluates every check, calculation and the determination of `data`.
pub fn evaluate(
    def: &FormDefinition,
    data: &FormData,
    kind: ApplicationKind,
    today: NaiveDate,
) -> Evaluation {
    evaluate_with(def, data, kind, today, true)
}

/// The answer of an item nobody answered.
static BLANK: Answer = Answer::Blank;

/// [`evaluate()`], building [`Determination::criteria`] only when `criteria`
/// is true (everything else is the same).
pub fn evaluate_with(
    def: &FormDefinition,
    data: &FormData,
    kind: ApplicationKind,
    today: NaiveDate,
    criteria: bool,
) -> Evaluation {
    let mut findings = Vec::new();
    kind_finding(def, kind, &mut findings);
    // Answers by slot; unknown item ids are findings.
    let mut answers: Vec<&Answer> = vec![&BLANK; def.slot_count];
    for (id, answer) in &data.items {
        match def.item(id) {
            Some(item) => answers[item.slot] = answer,
            None => findings.push(Finding {
                code: "unknown_item".into(),
                severity: FindingSeverity::Error,
                item: id.clone(),
                item_label: id.clone(),
                row: None,
                message: format!(
                    "項目「{id}」はこの様式（{}）にありません。項目IDを確認してください。",
                    def.id
                ),
            }),
        }
    }
    evaluate_core(def, &answers, kind, today, criteria, findings)
}

/// [`evaluate_with`] on answers indexed by slot: `answers[item.slot]` is the
/// answer of each top-level item of [`FormDefinition::items`] (an
/// [`Answer::Blank`] when unanswered; a group's is its [`Answer::Rows`]).
/// Slots past the end of `answers` count as blank; slots that are not
/// top-level items (calculations, criteria) are ignored, so a slice of
/// [`FormDefinition::slot_count`] answers is fine. The same findings,
/// calculations and determination as [`evaluate_with`] on the same answers
/// keyed by item id (there are no unknown items on this path).
pub fn evaluate_answers(
    def: &FormDefinition,
    answers: &[&Answer],
    kind: ApplicationKind,
    today: NaiveDate,
    criteria: bool,
) -> Evaluation {
    let mut findings = Vec::new();
    kind_finding(def, kind, &mut findings);
    evaluate_core(def, answers, kind, today, criteria, findings)
}

/// The `application_kind` finding, when the form is not for `kind`.
fn kind_finding(def: &FormDefinition, kind: ApplicationKind, findings: &mut Vec<Finding>) {
    if !def.application_kinds.contains(&kind) {
        let allowed: Vec<&str> = def.application_kinds.iter().map(|k| k.label()).collect();
        findings.push(Finding {
            code: "application_kind".into(),
            severity: FindingSeverity::Error,
            item: String::new(),
            item_label: "申請区分".into(),
            row: None,
            message: format!(
                "この様式は{}申請には使えません（使える申請区分: {}）。",
                kind.label(),
                allowed.join("・")
            ),
        });
    }
}

/// [`Answer::is_blank`], deciding the usual cases (unanswered; a text starting
/// with a printable ASCII character, which is not whitespace) without the call.
#[inline(always)]
pub(crate) fn is_blank(a: &Answer) -> bool {
    match a {
        Answer::Blank => true,
        Answer::Text(s) if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) => false,
        _ => a.is_blank(),
    }
}

/// The answer in `slot` (blank past the end of `answers`).
pub(crate) fn answer_at<'a>(answers: &[&'a Answer], slot: usize) -> &'a Answer {
    answers.get(slot).copied().unwrap_or(&BLANK)
}

fn evaluate_core(
    def: &FormDefinition,
    answers: &[&Answer],
    kind: ApplicationKind,
    today: NaiveDate,
    criteria: bool,
    mut findings: Vec<Finding>,
) -> Evaluation {
    let mut slots = Vec::with_capacity(def.slot_count);
    slots.resize_with(def.slot_count, || Value::Unknown);
    let mut state = State {
        slots,
        rows: BTreeMap::new(),
        today,
        kind,
        hidden: Default::default(),
    };
    // Inputs.
    for item in def.items() {
        let answer = answer_at(answers, item.slot);
        if item.item_type == ItemType::Group {
            state
                .rows
                .insert(item.slot, group_rows(item, answer, today, &mut findings));
            continue;
        }
        if is_blank(answer) {
            // The slots start unknown: only a number needs its range. (Not
            // assigning the others also spares a stall: copying the returned
            // value read back bytes still in the store buffer.)
            if let v @ Value::Num { .. } = input::blank_value(item) {
                state.slots[item.slot] = v;
            }
            continue;
        }
        state.slots[item.slot] = input::convert(item, answer, today, None, &mut findings);
    }
    let hidden_items = set_aside_hidden(def, answers, &mut state, &mut findings);
    // Calculations (with auto-fill) and criteria, dependencies first.
    let mut calculations = BTreeMap::new();
    for d in &def.eval_order {
        match *d {
            Derived::Calculation(i) => {
                let c = &def.calculations[i];
                let mut v = eval(&c.expr.expr, &state.ctx(), None);
                if let (Some(p), Value::Num { lo, hi }) = (c.precision, &v) {
                    v = Value::range(
                        crate::formulas::round_to(*lo, p as i32),
                        crate::formulas::round_to(*hi, p as i32),
                    );
                }
                calculations.insert(c.id.clone(), CalcValue::from(&v));
                if let Some(target) = c.fills.as_deref().and_then(|t| def.item(t)) {
                    checks::auto_fill(target, c, &v, &mut state, &mut findings);
                }
                state.slots[c.slot] = v;
            }
            Derived::Criterion(i) => {
                let cr = &def.criteria[i];
                state.slots[cr.slot] = eval(&cr.expr.expr, &state.ctx(), None);
            }
        }
    }
    checks::run(def, answers, kind, &state, &mut findings);
    let determination = determination::determine(def, kind, &state, criteria);
    findings.sort_by_key(|f| f.severity);
    Evaluation {
        findings,
        calculations,
        determination,
        hidden_items,
    }
}

/// Applies `shown_when`, in paper order: an item whose section's or own condition is false
/// does not apply. Its answer is set aside (blank to every rule), the findings of reading
/// it are dropped, and an answer given anyway gets a warning, so that a hospital system
/// that exports it learns it is not used.
fn set_aside_hidden(
    def: &FormDefinition,
    answers: &[&Answer],
    state: &mut State,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let mut hidden_items = Vec::new();
    for section in &def.sections {
        let section_shown = section
            .shown_when
            .as_ref()
            .is_none_or(|c| eval(&c.expr, &state.ctx(), None).truth() != crate::value::Tri::False);
        for item in &section.items {
            let shown = section_shown
                && item.shown_when.as_ref().is_none_or(|c| {
                    eval(&c.expr, &state.ctx(), None).truth() != crate::value::Tri::False
                });
            if shown {
                continue;
            }
            state.hidden.insert(item.slot);
            state.slots[item.slot] = input::blank_value(item);
            state.rows.remove(&item.slot);
            if item.item_type == ItemType::Group {
                state.rows.insert(item.slot, Vec::new());
            }
            findings.retain(|f| f.item != item.id);
            if !is_blank(answer_at(answers, item.slot)) {
                findings.push(Finding {
                    code: "not_applicable".into(),
                    severity: FindingSeverity::Warning,
                    item: item.id.clone(),
                    item_label: item.label.clone(),
                    row: None,
                    message: format!(
                        "「{}」はほかの項目の回答によりこの様式では該当しないため、入力された値は使われません。",
                        item.label
                    ),
                });
            }
            hidden_items.push(item.id.clone());
        }
    }
    hidden_items
}

fn group_rows(
    item: &Item,
    answer: &Answer,
    today: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Vec<Vec<Value>> {
    let rows = match answer {
        Answer::Rows(r) => r.as_slice(),
        a if a.is_blank() => &[],
        _ => {
            findings.push(Finding {
                code: "type".into(),
                severity: FindingSeverity::Error,
                item: item.id.clone(),
                item_label: item.label.clone(),
                row: None,
                message: format!("「{}」は行の一覧として入力してください。", item.label),
            });
            &[]
        }
    };
    if let Some(max) = item.max_rows {
        if rows.len() > max {
            findings.push(Finding {
                code: "too_many_rows".into(),
                severity: FindingSeverity::Error,
                item: item.id.clone(),
                item_label: item.label.clone(),
                row: None,
                message: format!(
                    "「{}」は{max}行までです（{}行入力されています）。",
                    item.label,
                    rows.len()
                ),
            });
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for (n, r) in rows.iter().enumerate() {
        let mut vals = vec![Value::Unknown; item.fields.len()];
        for key in r.keys() {
            if !item.fields.iter().any(|f| f.id == *key) {
                findings.push(Finding {
                    code: "unknown_item".into(),
                    severity: FindingSeverity::Error,
                    item: format!("{}.{key}", item.id),
                    item_label: item.label.clone(),
                    row: Some(n + 1),
                    message: format!(
                        "「{}」の{}行目: 項目「{key}」はこの様式にありません。",
                        item.label,
                        n + 1
                    ),
                });
            }
        }
        for f in &item.fields {
            let a = r.get(&f.id).unwrap_or(&Answer::Blank);
            let before = findings.len();
            vals[f.slot] = input::convert(f, a, today, Some(n + 1), findings);
            for x in &mut findings[before..] {
                x.item = format!("{}.{}", item.id, f.id);
                x.message = format!("「{}」の{}行目: {}", item.label, n + 1, x.message);
            }
            if a.is_blank() && !f.required_for.is_empty() {
                findings.push(Finding {
                    code: "required".into(),
                    severity: FindingSeverity::Error,
                    item: format!("{}.{}", item.id, f.id),
                    item_label: f.label.clone(),
                    row: Some(n + 1),
                    message: format!(
                        "「{}」の{}行目: 「{}」が未入力です。入力してください。",
                        item.label,
                        n + 1,
                        f.label
                    ),
                });
            }
        }
        out.push(vals);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_blank_agrees_with_answer_is_blank() {
        let texts = [
            "",
            " ",
            "\t\n",
            "　",
            "\u{a0}",
            "a",
            " a",
            "1",
            "~",
            "!",
            "山田",
            "　山田",
            "\u{7f}",
            "\u{1}",
        ];
        let mut answers: Vec<Answer> = texts.iter().map(|t| Answer::Text(t.to_string())).collect();
        answers.extend([
            Answer::Blank,
            Answer::Bool(false),
            Answer::Number(0.0),
            Answer::Codes(vec![]),
            Answer::Codes(vec!["1".into()]),
            Answer::Rows(vec![]),
        ]);
        for a in &answers {
            assert_eq!(is_blank(a), a.is_blank(), "{a:?}");
        }
    }
}
