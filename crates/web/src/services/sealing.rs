//! Sealing and opening the personal data of stored rows with the data keys. Each sealed
//! value is bound to its row (and column) by its context, so a value copied into another
//! row does not open.
use crate::error::{AppError, AppResult};
use nsdb_domain::data_keys::{DataKeys, Sealed};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub fn patient(id: &str) -> String {
    format!("patients:{id}")
}
pub fn form_answers(id: &str) -> String {
    format!("forms:{id}:answers")
}
pub fn form_access_key(id: &str) -> String {
    format!("forms:{id}:access_key")
}
pub fn revision_answers(form_id: &str, revision: i64) -> String {
    format!("form_revisions:{form_id}:{revision}")
}
pub fn comment(id: &str) -> String {
    format!("form_comments:{id}")
}
pub fn receipt(form_id: &str) -> String {
    format!("form_receipts:{form_id}")
}

pub fn import_file(id: &str) -> String {
    format!("form_imports:{id}:file")
}

pub fn import_findings(id: &str) -> String {
    format!("form_imports:{id}:findings")
}

pub fn seal_json<T: Serialize>(keys: &DataKeys, value: &T, context: &str) -> Sealed {
    keys.seal(
        &serde_json::to_vec(value).expect("sealed values serialize"),
        context,
    )
}

pub fn open_json<T: DeserializeOwned>(
    keys: &DataKeys,
    sealed: &Sealed,
    context: &str,
) -> AppResult<T> {
    let bytes = open_bytes(keys, sealed, context)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        AppError::Internal(format!(
            "sealed value {context} is not the JSON expected: {e}"
        ))
    })
}

pub fn open_text(keys: &DataKeys, sealed: &Sealed, context: &str) -> AppResult<String> {
    String::from_utf8(open_bytes(keys, sealed, context)?)
        .map_err(|_| AppError::Internal(format!("sealed value {context} is not text")))
}

pub fn open_bytes(keys: &DataKeys, sealed: &Sealed, context: &str) -> AppResult<Vec<u8>> {
    keys.open(sealed, context)
        .map_err(|e| AppError::Internal(format!("{context}: {e}")))
}
