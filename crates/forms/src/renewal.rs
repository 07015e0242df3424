//! 前回値踏襲 (renewal carry-over): the start of a renewal form from the
//! previous form, following each item's `carry_over` policy — across form
//! versions by the definition's `[[renewal_mappings]]`.

use serde::Serialize;

use crate::data::{Answer, FormData};
use crate::model::{CarryOver, FormDefinition, Item, RenewalMapping};

/// The draft of a renewal and what the doctor must look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarriedOver {
    /// Items copied from the previous form (`carry` and `confirm`).
    pub data: FormData,
    /// Copied items the doctor must confirm (`confirm`).
    pub to_confirm: Vec<String>,
    /// Items of the previous form cleared on purpose (`never`, `recompute`).
    pub dropped: Vec<String>,
    /// Items of the previous form that would have carried over but could not move to this
    /// version: shown to the doctor, who enters them again.
    pub not_carried: Vec<NotCarried>,
}

/// An answer of the previous form that found no place in the new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct NotCarried {
    /// The item id in the previous version.
    pub item: String,
    /// Its label in the previous version.
    pub label: String,
    pub reason: String,
}

impl CarriedOver {
    /// The sections of `def` holding a copied item the doctor must confirm, in paper order:
    /// the doctor confirms each as a whole, and approval waits for all of them.
    pub fn sections_to_confirm(&self, def: &FormDefinition) -> Vec<String> {
        def.sections
            .iter()
            .filter(|s| {
                s.items
                    .iter()
                    .any(|i| self.to_confirm.iter().any(|c| c == &i.id))
            })
            .map(|s| s.id.clone())
            .collect()
    }
}

/// Builds a renewal draft on `def` from `previous`, written on `previous_def` (the same
/// definition, or an earlier version: its items move by the mapping `def` declares for it,
/// else by id).
pub fn carry_over(
    def: &FormDefinition,
    previous_def: &FormDefinition,
    previous: &FormData,
) -> CarriedOver {
    let mapping = def
        .renewal_mappings
        .iter()
        .find(|m| m.from == previous_def.id);
    let mut out = CarriedOver {
        data: FormData::new(),
        to_confirm: Vec::new(),
        dropped: Vec::new(),
        not_carried: Vec::new(),
    };
    for (old_id, answer) in &previous.items {
        let new_id = mapping.and_then(|m| m.items.get(old_id)).unwrap_or(old_id);
        let old_label = || {
            previous_def
                .item(old_id)
                .map_or_else(|| old_id.clone(), |i| i.label.clone())
        };
        let Some(item) = def.item(new_id) else {
            // Only an answer that would have been carried is missed.
            let would_carry = previous_def
                .item(old_id)
                .is_some_and(|i| matches!(i.carry_over, CarryOver::Carry | CarryOver::Confirm));
            if would_carry && previous_def.id != def.id {
                out.not_carried.push(NotCarried {
                    item: old_id.clone(),
                    label: old_label(),
                    reason: "この版にはない項目です。".into(),
                });
            } else {
                out.dropped.push(old_id.clone());
            }
            continue;
        };
        if matches!(item.carry_over, CarryOver::Never | CarryOver::Recompute) {
            out.dropped.push(old_id.clone());
            continue;
        }
        let answer = match recoded(item, mapping, answer) {
            Ok(answer) => answer,
            Err(code) => {
                out.not_carried.push(NotCarried {
                    item: old_id.clone(),
                    label: old_label(),
                    reason: format!("選択肢「{code}」はこの版の「{}」にありません。", item.label),
                });
                continue;
            }
        };
        out.data.items.insert(new_id.clone(), answer);
        if item.carry_over == CarryOver::Confirm {
            out.to_confirm.push(new_id.clone());
        }
    }
    out
}

/// The answer in the codes of the new version's `item`: codes mapped, and each one checked
/// to be a code of the item (the first that is not, as the error).
fn recoded(
    item: &Item,
    mapping: Option<&RenewalMapping>,
    answer: &Answer,
) -> Result<Answer, String> {
    if item.codes.is_empty() {
        return Ok(answer.clone());
    }
    let table = mapping.and_then(|m| m.codes.get(&item.id));
    let one = |code: &String| -> Result<String, String> {
        let code = table.and_then(|t| t.get(code)).unwrap_or(code);
        if item.codes.iter().any(|c| &c.code == code) {
            Ok(code.clone())
        } else {
            Err(code.clone())
        }
    };
    match answer {
        Answer::Text(code) => one(code).map(Answer::Text),
        Answer::Codes(codes) => codes
            .iter()
            .map(one)
            .collect::<Result<Vec<_>, _>>()
            .map(Answer::Codes),
        other => Ok(other.clone()),
    }
}
