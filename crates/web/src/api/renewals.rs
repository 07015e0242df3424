//! 前回値踏襲: startRenewal, confirmCarriedSection and the operator's getRenewalStatistics.
use super::forms::Form;
use super::{ApiJson, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::operator;
use crate::services::renewals as service;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RenewalStart {
    /// A confirmed form of the caller's institution, or one the caller opened by its access
    /// key (連携).
    pub source_form_id: String,
}

/// A renewal draft (更新 for 難病, 継続 for 小慢) on the version in force, with the items the
/// definition carries over; `sections_to_confirm` lists the sections whose carried values
/// the doctor must confirm before approval.
#[utoipa::path(post, path = "/api/v1/renewals", operation_id = "startRenewal", tag = "forms",
    request_body = RenewalStart, security(("bearer" = [])),
    responses((status = 201, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_renewal(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<RenewalStart>,
) -> AppResult<(StatusCode, Json<Form>)> {
    let form = service::start(&state, &caller, &input.source_form_id).await?;
    Ok((StatusCode::CREATED, Json(Form::from_service(form)?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SectionConfirmation {
    /// A section id from the form's `sections_to_confirm`.
    pub section_id: String,
    /// The revision the caller saw (409 when stale); optional.
    pub revision: Option<i64>,
}

/// The carried values of one section are confirmed as they stand (edit them first with
/// updateForm where they changed).
#[utoipa::path(post, path = "/api/v1/forms/{id}/section-confirmations", operation_id = "confirmCarriedSection",
    tag = "forms", params(("id" = String, Path)), request_body = SectionConfirmation, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn confirm_carried_section(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<SectionConfirmation>,
) -> AppResult<Json<Form>> {
    let form =
        service::confirm_section(&state, &caller, &id, &input.section_id, input.revision).await?;
    Ok(Json(Form::from_service(form)?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RenewalUseQuery {
    /// Months shown, up to this one (1–24; default 13).
    pub months: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RenewalUseMonth {
    /// YYYY-MM (Japan time).
    pub month: String,
    pub count: i64,
    /// The median of the six months before.
    pub usual: f64,
    /// Far above the usual level: more than three times it and at least ten more.
    pub flagged: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RenewalUseRow {
    pub institution_code: String,
    pub institution_name: String,
    pub months: Vec<RenewalUseMonth>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RenewalUse {
    pub months: Vec<String>,
    /// Institutions with at least one renewal in the months shown.
    pub institutions: Vec<RenewalUseRow>,
}

/// The operator's monitoring of 前回値踏襲: renewals per institution and month, each month
/// judged against the institution's usual level.
#[utoipa::path(get, path = "/api/v1/renewal-statistics", operation_id = "getRenewalStatistics", tag = "forms",
    params(RenewalUseQuery), security(("bearer" = [])),
    responses((status = 200, body = RenewalUse), (status = 403, body = ErrorBody)))]
pub async fn get_renewal_statistics(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<RenewalUseQuery>,
) -> AppResult<Json<RenewalUse>> {
    let shown = q.months.unwrap_or(13).clamp(1, 24);
    let (months, uses) = operator::renewal_use(&state, &caller, shown).await?;
    Ok(Json(RenewalUse {
        institutions: uses
            .into_iter()
            .map(|u| RenewalUseRow {
                institution_code: u.institution_code,
                institution_name: u.institution_name,
                months: months
                    .iter()
                    .zip(u.months)
                    .map(|(month, (count, usual, flagged))| RenewalUseMonth {
                        month: month.clone(),
                        count,
                        usual,
                        flagged,
                    })
                    .collect(),
            })
            .collect(),
        months,
    }))
}
