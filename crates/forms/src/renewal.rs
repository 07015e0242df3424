//! 前回値踏襲 (renewal carry-over): the start of a renewal form from the
//! previous form, following each item's `carry_over` policy.

use serde::Serialize;

use crate::data::FormData;
use crate::model::{CarryOver, FormDefinition};

/// The draft of a renewal and what the doctor must look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarriedOver {
    /// Items copied from the previous form (`carry` and `confirm`).
    pub data: FormData,
    /// Copied items the doctor must confirm (`confirm`).
    pub to_confirm: Vec<String>,
    /// Items of the previous form not copied (`never`, `recompute`, or absent from this version).
    pub dropped: Vec<String>,
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

/// Builds a renewal draft on `def` from `previous` (possibly written on an older
/// version: items are matched by id, which is stable across versions).
pub fn carry_over(def: &FormDefinition, previous: &FormData) -> CarriedOver {
    let mut out = CarriedOver {
        data: FormData::new(),
        to_confirm: Vec::new(),
        dropped: Vec::new(),
    };
    for (id, answer) in &previous.items {
        match def.item(id).map(|i| i.carry_over) {
            Some(CarryOver::Carry) => {
                out.data.items.insert(id.clone(), answer.clone());
            }
            Some(CarryOver::Confirm) => {
                out.data.items.insert(id.clone(), answer.clone());
                out.to_confirm.push(id.clone());
            }
            Some(CarryOver::Never | CarryOver::Recompute) | None => out.dropped.push(id.clone()),
        }
    }
    out
}
