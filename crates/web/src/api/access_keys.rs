//! Forms opened by their access key: lookupAccessKey (自治体, and 連携 by a doctor with the
//! patient's consent), listLinkedForms, and receiveForm (自治体受付).
use super::forms::{Form, FormSummary};
use super::ApiJson;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::access_keys::{self as service, LookUp, ReceiptInput};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccessKeyLookup {
    /// The key as printed (`XXXX-XXXX-XXXX-XXXX-XXXX`); case, spaces and hyphens do not matter.
    pub access_key: String,
    /// A doctor (連携) confirms that the patient consented; required for doctors, ignored
    /// for 自治体 staff.
    pub patient_consent: Option<bool>,
}

/// The form behind an access key, for 自治体 staff of its program or a 指定医 of its
/// program (連携, with `patient_consent`). A wrong key and a withdrawn form's key both
/// answer 404; failures are rate-limited per address and per account (429) and logged.
#[utoipa::path(post, path = "/api/v1/access-key-lookups", operation_id = "lookupAccessKey", tag = "forms",
    request_body = AccessKeyLookup, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn look_up_access_key(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<AccessKeyLookup>,
) -> AppResult<Json<Form>> {
    let form = service::look_up(
        &state,
        &caller,
        &LookUp {
            access_key: input.access_key,
            patient_consent: input.patient_consent.unwrap_or(false),
        },
    )
    .await?;
    Ok(Json(Form::from_service(form)?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LinkedForms {
    pub forms: Vec<FormSummary>,
}

/// The forms the caller opened by key: for 自治体 staff every look-up of their 自治体, for a
/// doctor their own 連携; most recently opened first (at most 200).
#[utoipa::path(get, path = "/api/v1/linked-forms", operation_id = "listLinkedForms", tag = "forms",
    security(("bearer" = [])),
    responses((status = 200, body = LinkedForms), (status = 403, body = ErrorBody)))]
pub async fn list_linked_forms(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> AppResult<Json<LinkedForms>> {
    let forms = service::linked(&state, &caller).await?;
    Ok(Json(LinkedForms {
        forms: forms.into_iter().map(FormSummary::from_item).collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FormReceipt {
    /// 受付日, YYYY-MM-DD (not in the future, not before 確定).
    pub received_on: String,
    /// 受給者番号 (7 digits with check digit).
    pub recipient_number: String,
    /// 公費負担者番号 (8 digits: 54 難病 / 52 小慢, the 自治体's prefecture, check digit).
    pub payer_number: String,
}

/// 自治体受付 of a confirmed form the caller's 自治体 looked up: from then the institution
/// cannot withdraw it (409).
#[utoipa::path(post, path = "/api/v1/forms/{id}/receipt", operation_id = "receiveForm", tag = "forms",
    params(("id" = String, Path)), request_body = FormReceipt, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn receive_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FormReceipt>,
) -> AppResult<Json<Form>> {
    let form = service::receive(
        &state,
        &caller,
        &id,
        &ReceiptInput {
            received_on: input.received_on,
            recipient_number: input.recipient_number,
            payer_number: input.payer_number,
        },
    )
    .await?;
    Ok(Json(Form::from_service(form)?))
}
