//! 一括登録: importForms.
use super::ApiBytes;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::form_imports::{self as service, ImportReport};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// Registers the forms of a bulk-registration XML file (request body `application/xml`, or
/// a multipart upload's file part) as drafts of the caller's institution, each in its own
/// transaction and with its findings (to be completed on screen). A file that is not
/// well-formed or names an unknown or out-of-force version is refused (422, with the
/// position) and nothing is stored; a form without the patient's 基本情報 or of another
/// institution is listed with its refusal. The same file again answers 200 with what the
/// first upload stored and stores nothing (`repeated`).
#[utoipa::path(post, path = "/api/v1/form-imports", operation_id = "importForms", tag = "forms",
    request_body(content = String, content_type = "application/xml", description = "bulk-registration XML (docs/xml-format.md)"),
    security(("bearer" = [])),
    responses((status = 201, body = ImportReport), (status = 200, body = ImportReport), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import_forms(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiBytes(body): ApiBytes,
) -> AppResult<(StatusCode, Json<ImportReport>)> {
    let report = service::import(&state, &caller, body.to_vec()).await?;
    let status = if report.repeated {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(report)))
}
