//! The JSON API under `/api/v1` (interfaces.md). Handlers are thin: they parse, call a
//! service, and shape the answer. The OpenAPI document is generated from these handlers.

mod access_keys;
mod accounts;
mod concurrent;
mod form_definitions;
mod form_imports;
mod form_pdf;
mod forms;
mod institutions;
mod logs;
mod patients;
mod renewals;
mod schemas;

pub use forms::ItemChange;
pub use logs::{csv_of as logs_csv, LogSearch};
mod municipalities;
mod sessions;

use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use axum::extract::{FromRequest, Request};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

/// JSON body whose rejections use the API's error shape (400 malformed, 413 too large).
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let malformed = |e: &dyn std::fmt::Display| {
            AppError::BadRequest(format!("リクエストの形式が正しくありません（{e}）。"))
        };
        // Parsed as a JSON value first, so that every string is within the limits before
        // the body becomes a request type (whose fields may not all be checked later).
        let value = match Json::<serde_json::Value>::from_request(req, state).await {
            Ok(Json(v)) => v,
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(AppError::TooLarge("リクエストが大きすぎます。".into()))
            }
            Err(rejection) => return Err(malformed(&rejection.body_text())),
        };
        crate::input_limits::check_json(&value)?;
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|e| malformed(&e))
    }
}

/// A JSON body that may be left out entirely (an approval without acknowledged warnings):
/// no body is the type's default; a body is read as [`ApiJson`].
pub struct ApiJsonOrEmpty<T>(pub T);

impl<S, T> FromRequest<S> for ApiJsonOrEmpty<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if req.headers().contains_key(axum::http::header::CONTENT_TYPE) {
            let ApiJson(value) = ApiJson::from_request(req, state).await?;
            return Ok(Self(value));
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|r| AppError::BadRequest(r.body_text()))?;
        if body.iter().all(u8::is_ascii_whitespace) {
            Ok(Self(T::default()))
        } else {
            Err(AppError::BadRequest(
                "本文はJSON（Content-Type: application/json）で送ってください。".into(),
            ))
        }
    }
}

/// Query string whose rejections use the API's error shape (400).
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(|rejection| {
                AppError::BadRequest(format!(
                    "検索条件の形式が正しくありません（{}）。",
                    rejection.body_text()
                ))
            })
    }
}

/// An uploaded file, sent either as the raw request body or as the `file` part of a
/// `multipart/form-data` body (what `curl -F file=@…` and most HTTP clients send). Rejections
/// use the API's error shape.
pub struct ApiBytes(pub axum::body::Bytes);

fn too_large() -> AppError {
    AppError::TooLarge("ファイルが大きすぎます（上限10MB）。ファイルを分けてください。".into())
}

fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

impl<S> FromRequest<S> for ApiBytes
where
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if is_multipart(&req) {
            return file_part(req, state).await.map(ApiBytes);
        }
        axum::body::Bytes::from_request(req, state)
            .await
            .map(ApiBytes)
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    too_large()
                } else {
                    AppError::BadRequest(format!(
                        "送信内容を読み取れません（{}）。",
                        rejection.body_text()
                    ))
                }
            })
    }
}

/// The part named `file` of a multipart body (other parts are skipped, not buffered).
async fn file_part<S: Send + Sync>(req: Request, state: &S) -> Result<axum::body::Bytes, AppError> {
    let mut multipart = axum::extract::Multipart::from_request(req, state)
        .await
        .map_err(|r| {
            AppError::BadRequest(format!(
                "multipart形式を読み取れません（{}）。",
                r.body_text()
            ))
        })?;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            AppError::BadRequest(format!(
                "multipart形式を読み取れません（{}）。",
                e.body_text()
            ))
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some("file") {
            return field.bytes().await.map_err(unreadable);
        }
    }
    Err(AppError::BadRequest(
        "multipart形式の送信に file という名前のファイルがありません（例: curl -F file=@ファイル名）。".into(),
    ))
}

/// Page size of a list: 50 unless asked, at most 200.
pub(crate) fn per_page(asked: Option<i64>) -> i64 {
    asked.unwrap_or(50).clamp(1, 200)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
}

/// Liveness, no authentication.
#[utoipa::path(get, path = "/api/v1/health", operation_id = "health", tag = "system",
    responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

#[derive(OpenApi)]
#[openapi(
    info(title = "NSDB 難病・小慢DB API", version = "1", description = "JSON API of NSDB. Errors: {\"error\": {\"code\", \"message\", \"details\"}}. Authenticated calls carry `Authorization: Bearer TOKEN` from createSession."),
    paths(
        health,
        sessions::create_session, sessions::delete_session, sessions::complete_first_login,
        sessions::register_key_file, sessions::request_password_reset, sessions::reset_password,
        sessions::get_current_account, sessions::change_password,
        municipalities::create_municipality, municipalities::list_municipalities,
        institutions::create_institution, institutions::list_institutions, institutions::change_institution_code,
        institutions::register_institution_certificate, institutions::list_institution_certificates,
        institutions::revoke_institution_certificate,
        accounts::create_doctor, accounts::update_doctor, accounts::import_doctors,
        accounts::create_staff_account, accounts::create_organization_user, accounts::list_accounts,
        accounts::get_account, accounts::delete_account, accounts::reset_account_password,
        accounts::unlock_account, accounts::reissue_key_file, accounts::transfer_manager,
        concurrent::apply_concurrent, concurrent::list_concurrent, concurrent::decide_concurrent,
        logs::search_operation_logs,
        form_definitions::list_form_definitions, form_definitions::get_form_definition, form_definitions::check_forms,
        patients::create_patient, patients::list_patients, patients::get_patient,
        forms::create_form, forms::search_forms, forms::get_form, forms::update_form,
        forms::request_approval, forms::return_form, forms::approve_form, forms::withdraw_form,
        forms::get_form_history,
        access_keys::look_up_access_key, access_keys::list_linked_forms, access_keys::receive_form,
        renewals::start_renewal, renewals::confirm_carried_section, renewals::get_renewal_statistics,
        form_imports::import_forms, form_imports::get_job,
        form_pdf::get_form_pdf,
    ),
    // An item's own types: `Item` is recursive (groups hold items), so its derive does not
    // collect them.
    components(schemas(ErrorBody, nsdb_forms::Code, nsdb_forms::PersonalData, nsdb_forms::ItemType, nsdb_forms::CarryOver)),
    tags((name = "system"), (name = "sessions"), (name = "accounts"), (name = "organizations"), (name = "logs"), (name = "forms")),
    modifiers(&ErrorsOfEveryOperation)
)]
pub struct ApiDoc;

/// Every operation's other statuses are errors in one shape: each gets a `default` response
/// with the error body, beside the statuses it names itself.
struct ErrorsOfEveryOperation;

impl utoipa::Modify for ErrorsOfEveryOperation {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = ResponseBuilder::new()
            .description(
                "Any other status: 400 malformed, 401 not logged in, 403 not allowed, 404 absent or \
                 outside the caller's scope, 409 duplicate or stale revision, 413 too large, 422 \
                 fails checks, 423 locked, 429 rate-limited, 503 busy — always the error shape.",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                operation
                    .responses
                    .responses
                    .entry("default".into())
                    .or_insert_with(|| error.clone().into());
            }
        }
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found() -> AppError {
    nsdb_domain::DomainError::NotFound("そのAPIはありません。".into()).into()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi))
        .route("/sessions", post(sessions::create_session))
        .route("/sessions/current", delete(sessions::delete_session))
        .route(
            "/sessions/current/first-login",
            post(sessions::complete_first_login),
        )
        .route(
            "/sessions/current/key-file",
            post(sessions::register_key_file),
        )
        .route("/password-resets", post(sessions::request_password_reset))
        .route("/password-resets/{token}", post(sessions::reset_password))
        .route("/me", get(sessions::get_current_account))
        .route("/me/password", put(sessions::change_password))
        .route(
            "/municipalities",
            post(municipalities::create_municipality).get(municipalities::list_municipalities),
        )
        .route(
            "/institutions",
            post(institutions::create_institution).get(institutions::list_institutions),
        )
        .route(
            "/institutions/{code}/code",
            put(institutions::change_institution_code),
        )
        .route(
            "/institutions/{code}/certificates",
            post(institutions::register_institution_certificate)
                .get(institutions::list_institution_certificates),
        )
        .route(
            "/institutions/{code}/certificates/{id}/revocation",
            post(institutions::revoke_institution_certificate),
        )
        .route("/doctors", post(accounts::create_doctor))
        .route("/doctors/import", post(accounts::import_doctors))
        .route("/doctors/{login_id}", put(accounts::update_doctor))
        .route("/staff-accounts", post(accounts::create_staff_account))
        .route("/users", post(accounts::create_organization_user))
        .route("/accounts", get(accounts::list_accounts))
        .route(
            "/accounts/{login_id}",
            get(accounts::get_account).delete(accounts::delete_account),
        )
        .route(
            "/accounts/{login_id}/password-reset",
            post(accounts::reset_account_password),
        )
        .route(
            "/accounts/{login_id}/unlock",
            post(accounts::unlock_account),
        )
        .route(
            "/accounts/{login_id}/key-file-reissue",
            post(accounts::reissue_key_file),
        )
        .route(
            "/accounts/{login_id}/manager",
            post(accounts::transfer_manager),
        )
        .route(
            "/concurrent-assignments",
            post(concurrent::apply_concurrent).get(concurrent::list_concurrent),
        )
        .route(
            "/concurrent-assignments/{id}/decision",
            post(concurrent::decide_concurrent),
        )
        .route("/operation-logs", get(logs::search_operation_logs))
        .route(
            "/form-definitions",
            get(form_definitions::list_form_definitions),
        )
        .route(
            "/form-definitions/{id}",
            get(form_definitions::get_form_definition),
        )
        .route("/form-checks", post(form_definitions::check_forms))
        .route("/form-imports", post(form_imports::import_forms))
        .route("/jobs/{id}", get(form_imports::get_job))
        .route(
            "/patients",
            get(patients::list_patients).post(patients::create_patient),
        )
        .route("/patients/{id}", get(patients::get_patient))
        .route("/forms", get(forms::search_forms).post(forms::create_form))
        .route("/forms/{id}", get(forms::get_form).put(forms::update_form))
        .route(
            "/forms/{id}/approval-request",
            post(forms::request_approval),
        )
        .route("/forms/{id}/return", post(forms::return_form))
        .route("/forms/{id}/approval", post(forms::approve_form))
        .route("/forms/{id}/withdrawal", post(forms::withdraw_form))
        .route("/forms/{id}/history", get(forms::get_form_history))
        .route("/forms/{id}/receipt", post(access_keys::receive_form))
        .route("/access-key-lookups", post(access_keys::look_up_access_key))
        .route("/linked-forms", get(access_keys::list_linked_forms))
        .route("/renewals", post(renewals::start_renewal))
        .route("/renewal-statistics", get(renewals::get_renewal_statistics))
        .route(
            "/forms/{id}/section-confirmations",
            post(renewals::confirm_carried_section),
        )
        .route("/forms/{id}/pdf", get(form_pdf::get_form_pdf))
        .fallback(not_found)
}
