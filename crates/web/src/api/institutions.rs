use super::{ApiJson, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::institution_certificates::{self, NewCertificate};
use crate::services::institutions::{self, NewInstitution};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Institution {
    code: String,
    name: String,
    address: Option<String>,
    phone: Option<String>,
}

impl From<nsdb_store::OrganizationRow> for Institution {
    fn from(o: nsdb_store::OrganizationRow) -> Self {
        Self {
            code: o.code,
            name: o.name,
            address: o.address,
            phone: o.phone,
        }
    }
}

/// 自治体: register a 医療機関.
#[utoipa::path(post, path = "/api/v1/institutions", operation_id = "createInstitution", tag = "organizations",
    request_body = NewInstitution, security(("bearer" = [])),
    responses((status = 201, body = Institution), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_institution(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewInstitution>,
) -> AppResult<(StatusCode, Json<Institution>)> {
    let org = institutions::create_institution(&state, &caller, &input).await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Part of the code or name.
    q: Option<String>,
    page: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InstitutionPage {
    total: i64,
    items: Vec<Institution>,
}

/// 自治体: the institutions it registered.
#[utoipa::path(get, path = "/api/v1/institutions", operation_id = "listInstitutions", tag = "organizations",
    params(ListQuery), security(("bearer" = [])), responses((status = 200, body = InstitutionPage)))]
pub async fn list_institutions(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> AppResult<Json<InstitutionPage>> {
    let (rows, total) =
        institutions::list_institutions(&state, &caller, q.q.as_deref().unwrap_or(""), q.page)
            .await?;
    Ok(Json(InstitutionPage {
        total,
        items: rows.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CodeChange {
    new_code: String,
}

/// 自治体: change an institution's 医療機関コード; all its accounts follow.
#[utoipa::path(put, path = "/api/v1/institutions/{code}/code", operation_id = "changeInstitutionCode", tag = "organizations",
    params(("code" = String, Path, description = "current 医療機関コード")), request_body = CodeChange, security(("bearer" = [])),
    responses((status = 200, body = Institution), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn change_institution_code(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<CodeChange>,
) -> AppResult<Json<Institution>> {
    let org =
        institutions::change_institution_code(&state, &caller, &code, &input.new_code).await?;
    Ok(Json(org.into()))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InstitutionCertificate {
    id: String,
    /// SHA-256 fingerprint as openssl shows it (`AB:CD:…`).
    fingerprint: String,
    label: String,
    /// True until revoked: the certificate admits the institution's accounts.
    active: bool,
    registered_at: String,
    /// Login ID of the 自治体 account that registered it.
    registered_by: String,
    revoked_at: Option<String>,
    revoked_by: Option<String>,
}

impl From<nsdb_store::InstitutionCertificateRow> for InstitutionCertificate {
    fn from(c: nsdb_store::InstitutionCertificateRow) -> Self {
        Self {
            fingerprint: nsdb_domain::identifiers::CertificateFingerprint::parse(&c.fingerprint)
                .map(|f| f.colon_separated())
                .unwrap_or(c.fingerprint),
            id: c.id,
            label: c.label,
            active: c.revoked_at.is_none(),
            registered_at: c.registered_at,
            registered_by: c.registered_by,
            revoked_at: c.revoked_at,
            revoked_by: c.revoked_by,
        }
    }
}

/// 自治体: register a client certificate (its SHA-256 fingerprint) with an institution it
/// registered. With `nsdb serve --client-ca`, the certificate admits that institution's accounts.
#[utoipa::path(post, path = "/api/v1/institutions/{code}/certificates", operation_id = "registerInstitutionCertificate", tag = "organizations",
    params(("code" = String, Path, description = "医療機関コード")), request_body = NewCertificate, security(("bearer" = [])),
    responses((status = 201, body = InstitutionCertificate), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register_institution_certificate(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
    ApiJson(input): ApiJson<NewCertificate>,
) -> AppResult<(StatusCode, Json<InstitutionCertificate>)> {
    let (_, row) =
        institution_certificates::register_certificate(&state, &caller, &code, &input).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// 自治体: the client certificates of an institution it registered, revoked ones included.
#[utoipa::path(get, path = "/api/v1/institutions/{code}/certificates", operation_id = "listInstitutionCertificates", tag = "organizations",
    params(("code" = String, Path, description = "医療機関コード")), security(("bearer" = [])),
    responses((status = 200, body = Vec<InstitutionCertificate>), (status = 404, body = ErrorBody)))]
pub async fn list_institution_certificates(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
) -> AppResult<Json<Vec<InstitutionCertificate>>> {
    let (_, rows) = institution_certificates::list_certificates(&state, &caller, &code).await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

/// 自治体: revoke a certificate of an institution it registered; from then it admits no one.
#[utoipa::path(post, path = "/api/v1/institutions/{code}/certificates/{id}/revocation", operation_id = "revokeInstitutionCertificate", tag = "organizations",
    params(("code" = String, Path, description = "医療機関コード"), ("id" = String, Path, description = "the certificate's id")), security(("bearer" = [])),
    responses((status = 200, body = InstitutionCertificate), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke_institution_certificate(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((code, id)): Path<(String, String)>,
) -> AppResult<Json<InstitutionCertificate>> {
    let (_, row) =
        institution_certificates::revoke_certificate(&state, &caller, &code, &id).await?;
    Ok(Json(row.into()))
}
