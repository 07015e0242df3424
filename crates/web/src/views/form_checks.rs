//! 一括登録ファイルのチェック: upload a bulk-registration XML and see, per form, the same
//! findings and 一次判定 as `nsdb check` prints offline.
use super::{
    error_page, read_upload, render, render_with_status, require_csrf, PageContext, Upload,
    WebCaller,
};
use crate::error::AppError;
use crate::services::form_checks::{self, FileCheck};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;

/// A finding as the page lists it.
struct Line {
    place: String,
    error: bool,
    subject: String,
    message: String,
}

struct FormLine {
    index: usize,
    title: String,
    local_ref: String,
    result: String,
    reasons: Vec<String>,
    findings: Vec<Line>,
}

#[derive(Template)]
#[template(path = "form_checks.html")]
struct FormChecksPage {
    ctx: PageContext,
    checked: bool,
    file_lines: Vec<Line>,
    forms: Vec<FormLine>,
    forms_checked: usize,
    forms_omitted: usize,
    errors: usize,
    warnings: usize,
}

fn line_of(f: &nsdb_forms::xml::XmlFinding) -> Line {
    let subject = match (f.item_label.is_empty(), f.item.is_empty()) {
        (true, true) => "ファイル".to_owned(),
        (true, false) => f.item.clone(),
        _ => format!("{} ({})", f.item_label, f.item),
    };
    Line {
        place: format!("{}:{}", f.line, f.column),
        error: f.severity == nsdb_forms::FindingSeverity::Error,
        subject,
        message: f.message.clone(),
    }
}

fn page(ctx: PageContext, report: Option<FileCheck>) -> FormChecksPage {
    let Some(report) = report else {
        return FormChecksPage {
            ctx,
            checked: false,
            file_lines: vec![],
            forms: vec![],
            forms_checked: 0,
            forms_omitted: 0,
            errors: 0,
            warnings: 0,
        };
    };
    let mut file_lines: Vec<Line> = report.findings.iter().map(line_of).collect();
    if let Some(fatal) = &report.fatal {
        file_lines.push(Line {
            place: format!("{}:{}", fatal.line, fatal.column),
            error: true,
            subject: "ファイル".into(),
            message: format!("{}（以降は検査していません）", fatal.message),
        });
    }
    let forms = report
        .forms
        .iter()
        .map(|f| FormLine {
            index: f.index,
            title: f.title.clone(),
            local_ref: f.local_ref.clone().unwrap_or_default(),
            result: f
                .determination
                .as_ref()
                .and_then(|d| serde_json::to_value(d.result).ok())
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| "—".into()),
            reasons: f
                .determination
                .as_ref()
                .map(|d| d.reasons.clone())
                .unwrap_or_default(),
            findings: f.findings.iter().map(line_of).collect(),
        })
        .collect();
    FormChecksPage {
        ctx,
        checked: true,
        file_lines,
        forms,
        forms_checked: report.forms_checked,
        forms_omitted: report.forms_omitted,
        errors: report.errors,
        warnings: report.warnings,
    }
}

pub async fn form_checks_page(WebCaller(caller): WebCaller) -> Response {
    render(&page(
        PageContext::for_caller(&caller, "/form-checks"),
        None,
    ))
}

pub async fn form_checks_submit(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    multipart: Multipart,
) -> Response {
    let ctx = || PageContext::for_caller(&caller, "/form-checks");
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
        return render_with_status(e.status(), &page(ctx().with_error(&e), None));
    };
    match form_checks::check_file(&state, &caller, bytes).await {
        Ok(report) => render(&page(ctx(), Some(report))),
        Err(e) => error_page(&ctx(), &e),
    }
}
