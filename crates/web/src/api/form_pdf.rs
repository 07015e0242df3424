//! getFormPdf: a stored form as PDF (interfaces.md).
use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::form_pdf::{self as service, FormPdf, PdfVariant};
use crate::state::AppState;
use axum::extract::{Path, State};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PdfQuery {
    /// Absent: the whole form with its access key and QR code (a form not yet confirmed
    /// prints marked 「下書き（未確定）」, without key). `masked`: for the review board,
    /// identifying items masked, the birth date as year and month, no access key or QR
    /// code. `key-only`: the
    /// access key, its QR code, the patient's name, disease and dates, nothing clinical
    /// (confirmed forms only: 409 otherwise).
    pub variant: Option<String>,
}

/// One form as PDF: A4, Japanese, its access key as text and QR code (`NSDB1 <key>
/// <content hash>`). Same scope as getForm (404 outside it); the read and the printout are
/// in the operation log (`open_form`, `print_form`).
#[utoipa::path(get, path = "/api/v1/forms/{id}/pdf", operation_id = "getFormPdf", tag = "forms",
    params(("id" = String, Path), PdfQuery), security(("bearer" = [])),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>, description = "the PDF"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "key-only for a form without access key"),
        (status = 422, body = ErrorBody, description = "unknown variant")))]
pub async fn get_form_pdf(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<PdfQuery>,
) -> AppResult<FormPdf> {
    let variant = PdfVariant::parse(q.variant.as_deref())?;
    service::render(&state, &caller, &id, variant).await
}
