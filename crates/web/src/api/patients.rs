use super::{ApiJson, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::patients::{self, Patient as PatientRecord, PatientSearch};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use nsdb_domain::patient::PatientInput;
use serde::{Deserialize, Serialize};

/// A patient as registered (identifying items: sent only inside the institution).
#[derive(Serialize, utoipa::ToSchema)]
pub struct Patient {
    pub id: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    /// YYYY-MM-DD.
    pub birth_date: String,
    /// 1 男, 2 女, 3 性別未決定.
    pub sex: String,
    pub postal_code: String,
    pub address: String,
    /// When the DB-registration explanation was recorded as given (null: not yet).
    pub registration_explained_at: Option<String>,
    /// Login ID of who recorded it.
    pub registration_explained_by: Option<String>,
    pub created_at: String,
}

impl From<PatientRecord> for Patient {
    fn from(p: PatientRecord) -> Self {
        let (by, at) = match p.consent {
            Some((by, at)) => (Some(by), Some(nsdb_domain::time::format_timestamp(at))),
            None => (None, None),
        };
        let d = p.details;
        Self {
            id: p.id,
            birth_date: d.birth_date.to_string(),
            family_name: d.family_name,
            given_name: d.given_name,
            family_name_kana: d.family_name_kana,
            given_name_kana: d.given_name_kana,
            sex: d.sex,
            postal_code: d.postal_code,
            address: d.address,
            registration_explained_at: at,
            registration_explained_by: by,
            created_at: nsdb_domain::time::format_timestamp(p.created_at),
        }
    }
}

/// A patient to register. Kana in hiragana or katakana.
#[derive(Deserialize, utoipa::ToSchema, Default)]
pub struct NewPatient {
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name_kana: String,
    #[serde(default)]
    pub given_name_kana: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub birth_date: String,
    /// 1 男, 2 女, 3 性別未決定 (意見書).
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub address: String,
}

impl From<NewPatient> for PatientInput {
    fn from(p: NewPatient) -> Self {
        PatientInput {
            family_name: p.family_name,
            given_name: p.given_name,
            family_name_kana: p.family_name_kana,
            given_name_kana: p.given_name_kana,
            birth_date: p.birth_date,
            sex: p.sex,
            postal_code: p.postal_code,
            address: p.address,
        }
    }
}

/// Members of a 医療機関: register a patient of the institution.
#[utoipa::path(post, path = "/api/v1/patients", operation_id = "createPatient", tag = "forms",
    request_body = NewPatient, security(("bearer" = [])),
    responses((status = 201, body = Patient), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_patient(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewPatient>,
) -> AppResult<(StatusCode, Json<Patient>)> {
    let patient = patients::create(&state, &caller, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(patient.into())))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PatientQuery {
    /// カナ (hiragana or katakana; full name or family name).
    kana: Option<String>,
    /// 氏名 (full name or family name).
    name: Option<String>,
    /// 生年月日 YYYY-MM-DD.
    birth_date: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PatientPage {
    pub patients: Vec<Patient>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The patients of the caller's institution (and of approved 兼務先 for a doctor), by
/// kana, name and birth date (exact, after normalizing).
#[utoipa::path(get, path = "/api/v1/patients", operation_id = "listPatients", tag = "forms",
    params(PatientQuery), security(("bearer" = [])),
    responses((status = 200, body = PatientPage), (status = 403, body = ErrorBody)))]
pub async fn list_patients(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<PatientQuery>,
) -> AppResult<Json<PatientPage>> {
    let per_page = super::per_page(q.per_page);
    let search = PatientSearch {
        kana: q.kana,
        name: q.name,
        birth_date: q.birth_date,
    };
    let (list, total) = patients::search(&state, &caller, &search, q.page, per_page).await?;
    Ok(Json(PatientPage {
        patients: list.into_iter().map(Into::into).collect(),
        total,
        page: q.page.unwrap_or(1).max(1),
        per_page,
    }))
}

/// One patient of the caller's scope.
#[utoipa::path(get, path = "/api/v1/patients/{id}", operation_id = "getPatient", tag = "forms",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Patient), (status = 404, body = ErrorBody)))]
pub async fn get_patient(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<Patient>> {
    Ok(Json(patients::get(&state, &caller, &id).await?.into()))
}
