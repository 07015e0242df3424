use super::ApiJson;
use crate::auth::{ApiCaller, ApiSession, PresentedCertificate};
use crate::error::{AppResult, ErrorBody};
use crate::services::sessions::{self, Scope};
use crate::services::Caller;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::Json;
use nsdb_domain::DomainError;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    login_id: String,
    password: String,
    /// The key file's text; not needed at the first log-in.
    #[serde(default)]
    key_file: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AccountSummary {
    login_id: String,
    role: String,
    organization: String,
    organization_code: String,
    is_manager: bool,
    program: Option<String>,
    name: String,
}

impl AccountSummary {
    pub fn of(a: &nsdb_store::AccountRow) -> Self {
        Self {
            login_id: a.login_id.clone(),
            role: a.role.as_str().into(),
            organization: a.organization_name.clone(),
            organization_code: a.organization_code.clone(),
            is_manager: a.is_manager,
            program: a.program.map(|p| p.as_str().into()),
            name: a.full_name(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    token: String,
    /// True: the token is good only for completeFirstLogin.
    first_login: bool,
    /// True: the key file was revoked; the token is good only for registerKeyFile.
    key_registration_required: bool,
    account: AccountSummary,
}

/// Log in with ID, password and key file.
#[utoipa::path(post, path = "/api/v1/sessions", operation_id = "createSession", tag = "sessions",
    request_body = LoginRequest,
    responses((status = 201, body = LoginResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 423, body = ErrorBody)))]
pub async fn create_session(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PresentedCertificate(certificate): PresentedCertificate,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<(StatusCode, Json<LoginResponse>)> {
    let outcome = sessions::login(
        &state,
        &req.login_id,
        &req.password,
        req.key_file.as_deref(),
        Some(&addr.ip().to_string()),
        certificate.as_ref(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(LoginResponse {
            token: outcome.token,
            first_login: outcome.scope == Scope::FirstLogin,
            key_registration_required: outcome.scope == Scope::KeyRegistration,
            account: AccountSummary::of(&outcome.account),
        }),
    ))
}

/// Log out: the session ends on the server.
#[utoipa::path(delete, path = "/api/v1/sessions/current", operation_id = "deleteSession", tag = "sessions",
    security(("bearer" = [])), responses((status = 204)))]
pub async fn delete_session(
    State(state): State<AppState>,
    ApiSession(caller, _): ApiSession,
) -> AppResult<StatusCode> {
    sessions::logout(&state, &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FirstLoginRequest {
    email: String,
    new_password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct KeyFileResponse {
    /// The key file's text: save it and present it at every later log-in.
    key_file: String,
}

fn require_scope(caller_scope: Scope, wanted: Scope) -> AppResult<()> {
    if caller_scope == wanted {
        Ok(())
    } else {
        Err(DomainError::Conflict("このセッションではこの手続きは不要です。".into()).into())
    }
}

/// First log-in: set e-mail and a new password; returns the key file.
#[utoipa::path(post, path = "/api/v1/sessions/current/first-login", operation_id = "completeFirstLogin", tag = "sessions",
    request_body = FirstLoginRequest, security(("bearer" = [])),
    responses((status = 200, body = KeyFileResponse), (status = 422, body = ErrorBody)))]
pub async fn complete_first_login(
    State(state): State<AppState>,
    ApiSession(caller, scope): ApiSession,
    ApiJson(req): ApiJson<FirstLoginRequest>,
) -> AppResult<Json<KeyFileResponse>> {
    require_scope(scope, Scope::FirstLogin)?;
    let key_file =
        sessions::complete_first_login(&state, &caller, &req.email, &req.new_password).await?;
    Ok(Json(KeyFileResponse { key_file }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct KeyRegistrationRequest {
    /// The one-time code mailed to the registered address when the log-in answered
    /// `key_registration_required`.
    code: String,
}

/// After the key file was revoked: register a new one, with the code mailed at log-in.
#[utoipa::path(post, path = "/api/v1/sessions/current/key-file", operation_id = "registerKeyFile", tag = "sessions",
    request_body = KeyRegistrationRequest,
    security(("bearer" = [])), responses((status = 200, body = KeyFileResponse), (status = 422, body = ErrorBody)))]
pub async fn register_key_file(
    State(state): State<AppState>,
    ApiSession(caller, scope): ApiSession,
    ApiJson(req): ApiJson<KeyRegistrationRequest>,
) -> AppResult<Json<KeyFileResponse>> {
    require_scope(scope, Scope::KeyRegistration)?;
    let key_file = sessions::register_key_file(&state, &caller, &req.code).await?;
    Ok(Json(KeyFileResponse { key_file }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordResetRequest {
    login_id: String,
    email: String,
}

/// Forgotten password: mails a single-use link (30 minutes) when ID and e-mail match.
/// Answers 202 either way.
#[utoipa::path(post, path = "/api/v1/password-resets", operation_id = "requestPasswordReset", tag = "sessions",
    request_body = PasswordResetRequest, responses((status = 202)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> AppResult<StatusCode> {
    sessions::request_password_reset(
        &state,
        &req.login_id,
        &req.email,
        Some(&addr.ip().to_string()),
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewPasswordRequest {
    new_password: String,
}

/// Sets a new password with the token from the reset link.
#[utoipa::path(post, path = "/api/v1/password-resets/{token}", operation_id = "resetPassword", tag = "sessions",
    params(("token" = String, Path)), request_body = NewPasswordRequest,
    responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    ApiJson(req): ApiJson<NewPasswordRequest>,
) -> AppResult<StatusCode> {
    sessions::reset_password(
        &state,
        &token,
        &req.new_password,
        Some(&addr.ip().to_string()),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CurrentAccount {
    #[serde(flatten)]
    summary: AccountSummary,
    email: Option<String>,
    valid_until: Option<String>,
    designated_doctor_number: Option<String>,
}

/// The logged-in account.
#[utoipa::path(get, path = "/api/v1/me", operation_id = "getCurrentAccount", tag = "sessions",
    security(("bearer" = [])), responses((status = 200, body = CurrentAccount)))]
pub async fn get_current_account(ApiCaller(caller): ApiCaller) -> Json<CurrentAccount> {
    Json(current(&caller))
}

fn current(caller: &Caller) -> CurrentAccount {
    CurrentAccount {
        summary: AccountSummary::of(&caller.account),
        email: caller.account.email.clone(),
        valid_until: caller.account.valid_until.map(|d| d.to_string()),
        designated_doctor_number: caller.account.designated_doctor_number.clone(),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ChangePasswordRequest {
    current_password: String,
    new_password: String,
}

/// Changes the caller's own password.
#[utoipa::path(put, path = "/api/v1/me/password", operation_id = "changePassword", tag = "sessions",
    request_body = ChangePasswordRequest, security(("bearer" = [])),
    responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    sessions::change_password(&state, &caller, &req.current_password, &req.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
