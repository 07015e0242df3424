//! 一括登録: upload a bulk-registration XML; its forms become drafts of the institution, to
//! be completed on screen. Handlers call services only.
use super::{
    error_page, read_upload, render, render_with_status, require_csrf, PageContext, Upload,
    WebCaller,
};
use crate::error::AppError;
use crate::services::form_imports::{self, ImportReport};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;

#[derive(Template)]
#[template(path = "form_imports.html")]
struct FormImportsPage {
    ctx: PageContext,
    report: Option<ImportReport>,
}

impl FormImportsPage {
    fn errors(&self, f: &form_imports::ImportedForm) -> usize {
        f.findings
            .iter()
            .filter(|x| x.severity == nsdb_forms::FindingSeverity::Error)
            .count()
    }
}

pub async fn form_imports_page(WebCaller(caller): WebCaller) -> Response {
    if let Err(e) = nsdb_domain::policy::can_write_forms(&caller.principal) {
        return error_page(
            &PageContext::for_caller(&caller, "/form-imports"),
            &e.into(),
        );
    }
    render(&FormImportsPage {
        ctx: PageContext::for_caller(&caller, "/form-imports"),
        report: None,
    })
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
        return render_with_status(
            e.status(),
            &FormImportsPage {
                ctx: ctx().with_error(&e),
                report: None,
            },
        );
    };
    match form_imports::import(&state, &caller, bytes).await {
        Ok(report) => render(&FormImportsPage {
            ctx: ctx(),
            report: Some(report),
        }),
        Err(e) => {
            let status = e.status();
            render_with_status(
                status,
                &FormImportsPage {
                    ctx: ctx().with_error(&e),
                    report: None,
                },
            )
        }
    }
}
