//! 一括登録: upload a bulk-registration XML; its forms become drafts of the institution, to
//! be completed on screen. A large file goes on in the background: its page shows the
//! progress (refreshed by htmx, or by the link without JavaScript) and, at the end, the
//! report; the upload page lists the latest imports so the user may leave and come back.
//! Handlers call services only.
use super::forms::timestamp;
use super::{
    error_page, read_upload, render, render_with_status, require_csrf, PageContext, Upload,
    WebCaller,
};
use crate::error::AppError;
use crate::services::form_imports::{self, ImportJob, ImportReport};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "form_imports.html")]
struct FormImportsPage {
    ctx: PageContext,
    report: Option<ImportReport>,
    recent: Vec<ImportJob>,
}

#[derive(Template)]
#[template(path = "form_import_job.html")]
struct FormImportJobPage {
    ctx: PageContext,
    job: ImportJob,
}

fn errors(f: &form_imports::ImportedForm) -> usize {
    f.findings
        .iter()
        .filter(|x| x.severity == nsdb_forms::FindingSeverity::Error)
        .count()
}

impl FormImportsPage {
    fn errors(&self, f: &form_imports::ImportedForm) -> usize {
        errors(f)
    }

    fn when(&self, job: &ImportJob) -> String {
        timestamp(job.created_at)
    }
}

impl FormImportJobPage {
    fn errors(&self, f: &form_imports::ImportedForm) -> usize {
        errors(f)
    }

    fn when(&self, job: &ImportJob) -> String {
        timestamp(job.created_at)
    }
}

async fn upload_page(
    state: &AppState,
    caller: &crate::services::Caller,
    report: Option<ImportReport>,
    error: Option<&AppError>,
) -> Response {
    let ctx = PageContext::for_caller(caller, "/form-imports");
    let recent = match form_imports::recent_jobs(state, caller).await {
        Ok(recent) => recent,
        Err(e) => return error_page(&ctx, &e),
    };
    match error {
        None => render(&FormImportsPage {
            ctx,
            report,
            recent,
        }),
        Some(e) => render_with_status(
            e.status(),
            &FormImportsPage {
                ctx: ctx.with_error(e),
                report,
                recent,
            },
        ),
    }
}

pub async fn form_imports_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> Response {
    upload_page(&state, &caller, None, None).await
}

pub async fn form_imports_submit(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    multipart: Multipart,
) -> Response {
    let ctx = || PageContext::for_caller(&caller, "/form-imports");
    let Upload { csrf, file } = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(e) => return error_page(&ctx(), &e),
    };
    if let Err(r) = require_csrf(&caller, &csrf) {
        return r;
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        let e = AppError::from(nsdb_domain::DomainError::invalid(
            "file",
            "ファイル: XMLファイルを選んでください。",
        ));
        return upload_page(&state, &caller, None, Some(&e)).await;
    };
    match form_imports::import(&state, &caller, bytes).await {
        Ok(form_imports::Upload::Finished(report)) => {
            upload_page(&state, &caller, Some(report), None).await
        }
        Ok(form_imports::Upload::Started(job)) => {
            Redirect::to(&format!("/form-imports/{}", job.id)).into_response()
        }
        Err(e) => upload_page(&state, &caller, None, Some(&e)).await,
    }
}

/// One import's progress, and its report once finished.
pub async fn form_import_job_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/form-imports");
    match form_imports::job(&state, &caller, &id).await {
        Ok(job) => render(&FormImportJobPage { ctx, job }),
        Err(e) => error_page(&ctx, &e),
    }
}
