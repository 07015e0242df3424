use super::ApiQuery;
use crate::auth::ApiCaller;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::services::{audit, spreadsheet};
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
    /// The store's query; a bound that is neither a date nor an RFC 3339 time is 400 (a
    /// typo must not look like "no entries").
    pub fn query(&self) -> Result<LogQuery, AppError> {
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
                day.and_time(chrono::NaiveTime::MIN).and_utc() - chrono::Duration::hours(9),
            )
        };
        let bound = |field: &str, v: Option<String>, next_day: bool| -> Result<_, AppError> {
            let Some(raw) = v else { return Ok(None) };
            if raw.contains('T') {
                return nsdb_domain::time::parse_timestamp(&raw)
                    .map(|t| Some(nsdb_domain::time::format_timestamp(t)))
                    .ok_or_else(|| {
                        AppError::BadRequest(format!(
                            "{field}: 日時はYYYY-MM-DDまたはRFC 3339（例: 2026-04-01T09:00:00+09:00）で指定してください（入力値: 「{raw}」）。"
                        ))
                    });
            }
            let day = nsdb_domain::time::parse_date(field, &raw)
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            Ok(Some(jst_midnight(if next_day {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            })))
        };
        Ok(LogQuery {
            from: bound("from", clean(&self.from), false)?,
            until: bound("until", clean(&self.until), true)?,
            actor: clean(&self.actor),
            action: clean(&self.action),
            target: clean(&self.target),
            ..Default::default()
        })
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
    /// The hash chain (partition) of the entry: its organization, `system` or `legacy`.
    chain: String,
    /// The entry's number in its chain.
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
            chain: e.chain,
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

/// The operation log as CSV: times in JST with their offset (the screen shows JST too),
/// every cell safe from formula injection (log-in IDs are whatever someone typed).
pub fn csv_of(entries: &[LogEntry]) -> Vec<u8> {
    spreadsheet::csv_file(
        &[
            "チェーン",
            "連番",
            "日時（日本時間）",
            "操作者",
            "操作",
            "対象",
            "結果",
            "接続元",
            "詳細",
            "ハッシュ",
        ],
        entries.iter().map(|e| {
            vec![
                e.chain.clone(),
                e.seq.to_string(),
                japan_time(&e.at),
                e.actor_login_id.clone().unwrap_or_default(),
                e.action.clone(),
                e.target.clone().unwrap_or_default(),
                e.result.clone(),
                e.client_address.clone().unwrap_or_default(),
                e.detail.clone().unwrap_or_default(),
                e.hash.clone(),
            ]
        }),
    )
}

/// A stored UTC timestamp as ISO 8601 in JST (`2026-12-02T19:58:25+09:00`).
fn japan_time(at: &str) -> String {
    nsdb_domain::time::parse_timestamp(at)
        .map(|t| {
            (t + chrono::Duration::hours(9))
                .format("%Y-%m-%dT%H:%M:%S+09:00")
                .to_string()
        })
        .unwrap_or_else(|| at.to_owned())
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
    let (entries, total) = audit::search(&state, &caller, q.query()?, page, per_page).await?;
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
