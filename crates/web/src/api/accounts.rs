use super::{ApiBytes, ApiJson, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::accounts::{
    self, DoctorUpdate, IssuedAccount, NewDoctor, NewOrganizationUser, NewStaffAccount,
};
use crate::services::bulk_doctors::{self, BulkReport};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

/// An account as shown to those who manage it (no secrets).
#[derive(Serialize, utoipa::ToSchema)]
pub struct AccountView {
    login_id: String,
    role: String,
    is_manager: bool,
    program: Option<String>,
    name: String,
    name_kana: Option<String>,
    organization_code: String,
    organization: String,
    email: Option<String>,
    medical_registration_number: Option<String>,
    designated_doctor_number: Option<String>,
    valid_until: Option<String>,
    /// A 指定医 whose 有効期限 has passed: the account can no longer be used.
    designation_expired: bool,
    first_login_pending: bool,
    key_file_registered: bool,
}

impl From<&nsdb_store::AccountRow> for AccountView {
    fn from(a: &nsdb_store::AccountRow) -> Self {
        Self {
            login_id: a.login_id.clone(),
            role: a.role.as_str().into(),
            is_manager: a.is_manager,
            program: a.program.map(|p| p.as_str().into()),
            name: a.full_name(),
            name_kana: a
                .family_name_kana
                .as_ref()
                .map(|f| format!("{} {}", f, a.given_name_kana.as_deref().unwrap_or(""))),
            organization_code: a.organization_code.clone(),
            organization: a.organization_name.clone(),
            email: a.email.clone(),
            medical_registration_number: a.medical_registration_number.clone(),
            designated_doctor_number: a.designated_doctor_number.clone(),
            valid_until: a.valid_until.map(|d| d.to_string()),
            designation_expired: nsdb_domain::policy::designation_expired(
                &crate::services::principal_of(a),
                nsdb_domain::time::today_in_japan(chrono::Utc::now()),
            ),
            first_login_pending: a.first_login_pending,
            key_file_registered: a.key_hash.is_some(),
        }
    }
}

/// 自治体: issue a 指定医 ID. The first doctor of an institution becomes its 責任者.
#[utoipa::path(post, path = "/api/v1/doctors", operation_id = "createDoctor", tag = "accounts",
    request_body = NewDoctor, security(("bearer" = [])),
    responses((status = 201, body = IssuedAccount), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_doctor(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewDoctor>,
) -> AppResult<(StatusCode, Json<IssuedAccount>)> {
    let issued = accounts::create_doctor(&state, &caller, &input).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

/// Issuing 自治体: update a doctor ID (有効期限 etc.). A changed expiry revokes the key
/// file and ends the doctor's sessions.
#[utoipa::path(put, path = "/api/v1/doctors/{login_id}", operation_id = "updateDoctor", tag = "accounts",
    params(("login_id" = String, Path)), request_body = DoctorUpdate, security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update_doctor(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
    ApiJson(input): ApiJson<DoctorUpdate>,
) -> AppResult<Json<AccountView>> {
    let row = accounts::update_doctor(&state, &caller, &login_id, &input).await?;
    Ok(Json((&row).into()))
}

/// 自治体: issue 指定医 IDs in bulk from the 医療機関ユーザデータファイル (XLSX or CSV, as the
/// request body or as the `file` part of a multipart/form-data body). Reports per row:
/// created, or why refused.
#[utoipa::path(post, path = "/api/v1/doctors/import", operation_id = "importDoctors", tag = "accounts",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "XLSX or CSV file (or multipart/form-data with the file in the part named `file`)"),
    security(("bearer" = [])),
    responses((status = 200, body = BulkReport), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn import_doctors(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiBytes(body): ApiBytes,
) -> AppResult<Json<BulkReport>> {
    Ok(Json(bulk_doctors::import(&state, &caller, &body).await?))
}

/// 責任者: add a clerk or 責任者 account to the institution.
#[utoipa::path(post, path = "/api/v1/staff-accounts", operation_id = "createStaffAccount", tag = "accounts",
    request_body = NewStaffAccount, security(("bearer" = [])),
    responses((status = 201, body = IssuedAccount), (status = 403, body = ErrorBody)))]
pub async fn create_staff_account(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewStaffAccount>,
) -> AppResult<(StatusCode, Json<IssuedAccount>)> {
    Ok((
        StatusCode::CREATED,
        Json(accounts::create_staff(&state, &caller, &input).await?),
    ))
}

/// 管理者 of the ministry, operator or a 自治体: add a user to the own organization.
#[utoipa::path(post, path = "/api/v1/users", operation_id = "createOrganizationUser", tag = "accounts",
    request_body = NewOrganizationUser, security(("bearer" = [])),
    responses((status = 201, body = IssuedAccount), (status = 403, body = ErrorBody)))]
pub async fn create_organization_user(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewOrganizationUser>,
) -> AppResult<(StatusCode, Json<IssuedAccount>)> {
    Ok((
        StatusCode::CREATED,
        Json(accounts::create_organization_user(&state, &caller, &input).await?),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AccountQuery {
    /// Name, kana, login ID or institution code.
    q: Option<String>,
    /// 自治体: `institutions` lists the accounts of its institutions instead of its own users.
    scope: Option<String>,
    page: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AccountPage {
    total: i64,
    items: Vec<AccountView>,
}

/// Accounts the caller manages.
#[utoipa::path(get, path = "/api/v1/accounts", operation_id = "listAccounts", tag = "accounts",
    params(AccountQuery), security(("bearer" = [])), responses((status = 200, body = AccountPage)))]
pub async fn list_accounts(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<AccountQuery>,
) -> AppResult<Json<AccountPage>> {
    let (rows, total) = accounts::list_accounts(
        &state,
        &caller,
        q.q,
        q.scope.as_deref() == Some("institutions"),
        q.page,
    )
    .await?;
    Ok(Json(AccountPage {
        total,
        items: rows.iter().map(Into::into).collect(),
    }))
}

/// One account the caller may see.
#[utoipa::path(get, path = "/api/v1/accounts/{login_id}", operation_id = "getAccount", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 404, body = ErrorBody)))]
pub async fn get_account(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<Json<AccountView>> {
    Ok(Json(
        (&accounts::get_account(&state, &caller, &login_id).await?).into(),
    ))
}

/// Delete an account (責任者: clerks and 責任者 of the institution; issuing 自治体: doctor IDs).
#[utoipa::path(delete, path = "/api/v1/accounts/{login_id}", operation_id = "deleteAccount", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_account(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<StatusCode> {
    accounts::delete_account(&state, &caller, &login_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reset an account's password to a new one-time password (first log-in again).
#[utoipa::path(post, path = "/api/v1/accounts/{login_id}/password-reset", operation_id = "resetAccountPassword", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = IssuedAccount), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset_account_password(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<Json<IssuedAccount>> {
    Ok(Json(
        accounts::reset_password(&state, &caller, &login_id).await?,
    ))
}

/// Unlock an account locked after failed log-ins.
#[utoipa::path(post, path = "/api/v1/accounts/{login_id}/unlock", operation_id = "unlockAccount", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unlock_account(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<StatusCode> {
    accounts::unlock(&state, &caller, &login_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revoke the key file: the user registers a new one at the next log-in.
#[utoipa::path(post, path = "/api/v1/accounts/{login_id}/key-file-reissue", operation_id = "reissueKeyFile", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reissue_key_file(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<StatusCode> {
    accounts::reissue_key_file(&state, &caller, &login_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 責任者: move the 責任者 right to another account of the institution.
#[utoipa::path(post, path = "/api/v1/accounts/{login_id}/manager", operation_id = "transferManager", tag = "accounts",
    params(("login_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn transfer_manager(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(login_id): Path<String>,
) -> AppResult<StatusCode> {
    accounts::transfer_manager(&state, &caller, &login_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
