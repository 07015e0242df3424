//! The API's shapes of what the form engine computes (findings, determination). They mirror
//! the engine's own JSON field by field, so a live evaluation and one frozen at 確定 (stored
//! as that JSON) read into the same typed schema.
use crate::error::{AppError, AppResult};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use utoipa::ToSchema;

/// One finding of a form's checks.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Finding {
    /// Stable code: `required`, `type`, `range`, `date_order`, … or a rule's own code.
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// Item id (`group.field` inside a group).
    pub item: String,
    pub item_label: String,
    /// Row (1-based) inside a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// Japanese message naming the item and the fix.
    pub message: String,
}

/// One input a criterion used.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CriterionInput {
    pub item: String,
    pub label: String,
    pub value: String,
}

/// How one criterion of the 診断基準 or 重症度 came out.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// true met, false not met, null not decidable yet.
    pub met: Option<bool>,
    pub inputs: Vec<CriterionInput>,
}

/// The 機械判定 and 一次判定.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Determination {
    /// `definite`, `probable`, `possible`, `not_met` or `undetermined`.
    pub diagnosis: String,
    /// `met`, `not_met` or `undetermined`.
    pub severity: String,
    /// 一次判定: `該当`, `非該当` or `判定不能`.
    pub result: String,
    pub reasons: Vec<String>,
    /// 軽症高額該当 (難病): null when not applicable or not decidable.
    pub light_high_cost: Option<bool>,
    pub rule_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_set: Option<String>,
    pub machine_determination: bool,
    /// Blank items that could still change the result.
    pub undetermined_items: Vec<String>,
    pub criteria: Vec<Criterion>,
}

/// The engine's value read into the API's shape.
pub fn mirror<T: Serialize, U: DeserializeOwned>(value: &T) -> AppResult<U> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::Internal(format!("engine output does not fit the API schema: {e}")))
}
