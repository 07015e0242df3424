//! The form screen's 「PDF出力」 and 「アクセスキーのみ出力」 links: plain GETs, no JavaScript.
use super::{error_page, PageContext, WebCaller};
use crate::services::form_pdf::{self as service, PdfVariant};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PdfQuery {
    variant: Option<String>,
}

pub async fn form_pdf(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
    Query(q): Query<PdfQuery>,
) -> Response {
    let rendered = match PdfVariant::parse(q.variant.as_deref()) {
        Ok(variant) => service::render(&state, &caller, &id, variant).await,
        Err(e) => Err(e),
    };
    match rendered {
        Ok(pdf) => pdf.into_response(),
        Err(e) => error_page(&PageContext::for_caller(&caller, "/forms"), &e),
    }
}
