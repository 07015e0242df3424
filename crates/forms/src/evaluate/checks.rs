//! Required items, auto-filled values and the definition's own checks.

use crate::data::Answer;
use crate::evaluate::{answer_at, Finding, State};
use crate::expr::eval;
use crate::model::{ApplicationKind, Calculation, FindingSeverity, FormDefinition, Item, ItemType};
use crate::value::{Tri, Value};

/// Fills `target` from calculation `c`, or warns when the entered value differs.
pub(crate) fn auto_fill(
    target: &Item,
    c: &Calculation,
    v: &Value,
    state: &mut State,
    findings: &mut Vec<Finding>,
) {
    let entered = &state.slots[target.slot];
    let known = |x: &Value| !x.is_blank() && *x != Value::Unknown;
    if known(entered) && known(v) {
        let differs = match (entered.exact(), v.exact()) {
            (Some(e), Some(calc)) => (e - calc).abs() > 1e-6,
            _ => entered != v,
        };
        if differs {
            let show = |x: &Value| match x {
                Value::Text(code) => target
                    .code(code)
                    .map(|k| k.label.clone())
                    .unwrap_or_else(|| code.clone()),
                Value::Num { .. } => {
                    format!("{}{}", x.display(), target.unit.clone().unwrap_or_default())
                }
                other => other.display(),
            };
            findings.push(Finding {
                code: "calc_mismatch".into(),
                severity: FindingSeverity::Warning,
                item: target.id.clone(),
                item_label: target.label.clone(),
                row: None,
                message: format!(
                    "「{}」の入力値（{}）が、ほかの項目から自動計算した{}（{}）と一致しません。入力内容を確認してください。",
                    target.label,
                    show(entered),
                    c.label,
                    show(v)
                ),
            });
        }
    }
    if !known(entered) && known(v) {
        state.slots[target.slot] = v.clone();
    }
}

/// Required checks (by application kind and required_when) and definition checks.
pub(crate) fn run(
    def: &FormDefinition,
    answers: &[&Answer],
    kind: ApplicationKind,
    state: &State,
    findings: &mut Vec<Finding>,
) {
    let ctx = state.ctx();
    for item in def.items() {
        let required = item.required_for(kind);
        if !item.asked_for(kind)
            || state.hidden.contains(&item.slot)
            || !required && item.required_when.is_none()
        {
            continue; // never a finding
        }
        let answered = !crate::evaluate::is_blank(answer_at(answers, item.slot));
        let auto_filled = item.auto_from.is_some() && !state.slots[item.slot].is_blank();
        if answered || auto_filled {
            continue;
        }
        let why = if required {
            Some(format!("{}申請では必須の項目です。", kind.label()))
        } else if let Some(rw) = &item.required_when {
            match eval(&rw.expr, &ctx, None).truth() {
                Tri::True => Some("ほかの項目の回答により、入力が必要です。".to_string()),
                _ => None,
            }
        } else {
            None
        };
        if let Some(why) = why {
            let extra = if item.item_type == ItemType::Lab {
                "検査を実施していない場合は「未実施」を選んでください。"
            } else {
                ""
            };
            findings.push(Finding {
                code: "required".into(),
                severity: FindingSeverity::Error,
                item: item.id.clone(),
                item_label: item.label.clone(),
                row: None,
                message: format!(
                    "「{}」が未入力です。{why}入力してください。{extra}",
                    item.label
                ),
            });
        }
    }
    for c in &def.checks {
        if !c.kinds.contains(&kind) {
            continue;
        }
        if eval(&c.assert.expr, &ctx, None).truth() == Tri::False {
            let first = c.items.first().cloned().unwrap_or_default();
            let label = def
                .item(&first)
                .map(|i| i.label.clone())
                .or_else(|| {
                    def.criteria
                        .iter()
                        .find(|x| x.id == first)
                        .map(|x| x.label.clone())
                })
                .unwrap_or_else(|| first.clone());
            findings.push(Finding {
                code: c.code.clone(),
                severity: c.severity,
                item: first,
                item_label: label,
                row: None,
                message: c.message.clone(),
            });
        }
    }
}
