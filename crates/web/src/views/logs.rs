//! 操作ログ検索 (operator, ministry, 自治体 in its own scope), with CSV download.
use super::{error_page, render, PageContext, WebCaller};
use crate::api::logs_csv;
use crate::services::audit;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use nsdb_store::LogEntry;

#[derive(Template)]
#[template(path = "logs.html")]
struct LogsPage {
    ctx: PageContext,
    entries: Vec<LogEntry>,
    total: i64,
    page: i64,
    pages: i64,
    from: String,
    until: String,
    actor: String,
    action: String,
    target: String,
    query_string: String,
}

const PER_PAGE: i64 = 50;

pub async fn logs_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<crate::api::LogSearch>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/logs");
    if q.format.as_deref() == Some("csv") {
        return match audit::search(&state, &caller, q.query(), Some(1), 10_000).await {
            Ok((entries, _)) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"operation-log.csv\"",
                    ),
                ],
                logs_csv(&entries),
            )
                .into_response(),
            Err(e) => error_page(&ctx, &e),
        };
    }
    let page = q.page.unwrap_or(1).max(1);
    match audit::search(&state, &caller, q.query(), Some(page), PER_PAGE).await {
        Ok((entries, total)) => {
            let s = |v: &Option<String>| v.clone().unwrap_or_default();
            let enc = |v: &Option<String>| {
                v.as_deref()
                    .unwrap_or("")
                    .bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect::<String>()
            };
            let query_string = format!(
                "from={}&until={}&actor={}&action={}&target={}",
                enc(&q.from),
                enc(&q.until),
                enc(&q.actor),
                enc(&q.action),
                enc(&q.target)
            );
            render(&LogsPage {
                ctx,
                entries,
                total,
                page,
                pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
                from: s(&q.from),
                until: s(&q.until),
                actor: s(&q.actor),
                action: s(&q.action),
                target: s(&q.target),
                query_string,
            })
        }
        Err(e) => error_page(&ctx, &e),
    }
}
