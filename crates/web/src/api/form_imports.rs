//! 一括登録: importForms, and getJob to follow a large file's import.
use super::ApiBytes;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::form_imports::{self as service, ImportJob, ImportReport, Upload};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Registers the forms of a bulk-registration XML file (request body `application/xml`, or
/// a multipart upload's file part) as drafts of the caller's institution, each whole in
/// its batch's transaction and with its findings (to be completed on screen). A file that
/// is not well-formed or names an unknown or out-of-force version is refused (422, with
/// the position) and nothing is stored; a form without the patient's 基本情報 or of another
/// institution is listed with its refusal. A file of up to 100 forms answers 201 with the
/// report; a larger one answers 202 with the job (`Location: /api/v1/jobs/{id}`), which
/// goes on in the background — across restarts — and ends with the same report. The same
/// file again answers 200 with what the first upload stored, and stores nothing
/// (`repeated`), or 202 with the job while it still runs.
#[utoipa::path(post, path = "/api/v1/form-imports", operation_id = "importForms", tag = "forms",
    request_body(content = String, content_type = "application/xml", description = "bulk-registration XML (docs/xml-format.md)"),
    security(("bearer" = [])),
    responses((status = 201, body = ImportReport), (status = 200, body = ImportReport),
        (status = 202, body = ImportJob, description = "a large file: the job to follow with getJob"),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import_forms(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiBytes(body): ApiBytes,
) -> AppResult<Response> {
    Ok(
        match service::import(&state, &caller, body.to_vec()).await? {
            Upload::Finished(report) if report.repeated => {
                (StatusCode::OK, Json(report)).into_response()
            }
            Upload::Finished(report) => (StatusCode::CREATED, Json(report)).into_response(),
            Upload::Started(job) => (
                StatusCode::ACCEPTED,
                [(header::LOCATION, format!("/api/v1/jobs/{}", job.id))],
                Json(job),
            )
                .into_response(),
        },
    )
}

/// A job of the caller's institution (a large 一括登録 file): its state and progress, and
/// once `finished` the report importForms would have answered. Another institution's job
/// is 404.
#[utoipa::path(get, path = "/api/v1/jobs/{id}", operation_id = "getJob", tag = "forms",
    params(("id" = String, Path, description = "the job id (importForms' `id` / `import_id`)")),
    security(("bearer" = [])),
    responses((status = 200, body = ImportJob), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_job(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<ImportJob>> {
    Ok(Json(service::job(&state, &caller, &id).await?))
}
