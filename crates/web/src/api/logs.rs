use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::audit;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use nsdb_store::{LogEntry, LogQuery};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams, Default)]
pub struct LogSearch {
    /// From this time (inclusive, RFC 3339) or from this day (YYYY-MM-DD, JST).
    pub from: Option<String>,
    /// Until this time (exclusive, RFC 3339) or through this day (YYYY-MM-DD, JST).
    pub until: Option<String>,
    /// Actor's login ID.
    pub actor: Option<String>,
    /// Action, e.g. `login`, `create_doctor`.
    pub action: Option<String>,
    /// Part of the target.
    pub target: Option<String>,
    pub page: Option<i64>,
    /// `csv` for a CSV download of the matching entries (up to 10,000).
    pub format: Option<String>,
}

impl LogSearch {
    pub fn query(&self) -> LogQuery {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        // Dates are Japanese calendar days: a bare date starts at 00:00 JST, and as the end of
        // the period it includes that whole day.
        let jst_midnight = |day: chrono::NaiveDate| {
            nsdb_domain::time::format_timestamp(
                day.and_hms_opt(0, 0, 0).expect("midnight").and_utc() - chrono::Duration::hours(9),
            )
        };
        let bound = |v: Option<String>, next_day: bool| {
            v.map(
                |raw| match chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
                    Ok(day) => jst_midnight(if next_day {
                        day.succ_opt().unwrap_or(day)
                    } else {
                        day
                    }),
                    Err(_) => nsdb_domain::time::parse_timestamp(&raw)
                        .map(nsdb_domain::time::format_timestamp)
                        .unwrap_or(raw),
                },
            )
        };
        let from = bound(clean(&self.from), false);
        let until = bound(clean(&self.until), true);
        LogQuery {
            from,
            until,
            actor: clean(&self.actor),
            action: clean(&self.action),
            target: clean(&self.target),
            ..Default::default()
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LogPage {
    total: i64,
    page: i64,
    items: Vec<LogItem>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LogItem {
    seq: i64,
    at: String,
    actor: Option<String>,
    action: String,
    target: Option<String>,
    result: String,
    client_address: Option<String>,
    detail: Option<String>,
    hash: String,
}

impl From<LogEntry> for LogItem {
    fn from(e: LogEntry) -> Self {
        Self {
            seq: e.seq,
            at: e.at,
            actor: e.actor_login_id,
            action: e.action,
            target: e.target,
            result: e.result,
            client_address: e.client_address,
            detail: e.detail,
            hash: e.hash,
        }
    }
}

pub fn csv_of(entries: &[LogEntry]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record([
        "連番",
        "日時",
        "操作者",
        "操作",
        "対象",
        "結果",
        "接続元",
        "詳細",
        "ハッシュ",
    ]);
    for e in entries {
        let _ = w.write_record([
            e.seq.to_string().as_str(),
            &e.at,
            e.actor_login_id.as_deref().unwrap_or(""),
            &e.action,
            e.target.as_deref().unwrap_or(""),
            &e.result,
            e.client_address.as_deref().unwrap_or(""),
            e.detail.as_deref().unwrap_or(""),
            &e.hash,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Operator, ministry, 自治体 (own scope): search the operation log; `format=csv` downloads.
#[utoipa::path(get, path = "/api/v1/operation-logs", operation_id = "searchOperationLogs", tag = "logs",
    params(LogSearch), security(("bearer" = [])),
    responses((status = 200, body = LogPage), (status = 403, body = ErrorBody)))]
pub async fn search_operation_logs(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<LogSearch>,
) -> AppResult<Response> {
    let csv = q.format.as_deref() == Some("csv");
    let (per_page, page) = if csv {
        (10_000, Some(1))
    } else {
        (100, q.page)
    };
    let (entries, total) = audit::search(&state, &caller, q.query(), page, per_page).await?;
    if csv {
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"operation-log.csv\"",
                ),
            ],
            csv_of(&entries),
        )
            .into_response());
    }
    Ok(Json(LogPage {
        total,
        page: q.page.unwrap_or(1).max(1),
        items: entries.into_iter().map(Into::into).collect(),
    })
    .into_response())
}
