//! Form versions (様式版) and their validity periods.

use chrono::NaiveDate;

use crate::model::FormDefinition;

/// Registering on a form version that is not in force.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct NotInForce {
    pub definition_id: String,
    /// Japanese message for the user.
    pub message: String,
}

/// Whether `def` is in force on `on` (valid_from ≤ on ≤ valid_to).
pub fn in_force(def: &FormDefinition, on: NaiveDate) -> bool {
    def.valid_from <= on && def.valid_to.is_none_or(|to| on <= to)
}

fn ja(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// Refuses online registration on a version not in force on `on`.
pub fn check_registrable(def: &FormDefinition, on: NaiveDate) -> Result<(), NotInForce> {
    if in_force(def, on) {
        return Ok(());
    }
    let period = match def.valid_to {
        Some(to) => format!("{}〜{}", ja(def.valid_from), ja(to)),
        None => format!("{}〜", ja(def.valid_from)),
    };
    let message = if on < def.valid_from {
        format!(
            "様式 {}（{}）は{}から使用できます（有効期間: {period}）。現在有効な様式で作成してください。",
            def.version,
            def.disease_name,
            ja(def.valid_from)
        )
    } else {
        format!(
            "様式 {}（{}）の有効期間は終了しています（有効期間: {period}）。オンライン登録は新しい様式で行ってください。",
            def.version, def.disease_name
        )
    };
    Err(NotInForce {
        definition_id: def.id.clone(),
        message,
    })
}
