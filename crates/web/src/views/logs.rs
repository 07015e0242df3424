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

/// Actions as the search form offers them, with their Japanese names.
const ACTIONS: &[(&str, &str)] = &[
    ("login", "ログイン"),
    ("logout", "ログアウト"),
    ("lock", "ロック"),
    ("unlock", "ロック解除"),
    ("first_login", "初回ログイン"),
    ("register_key_file", "鍵ファイル登録"),
    ("request_password_reset", "パスワード再設定の依頼"),
    ("reset_password", "パスワード再設定・初期化"),
    ("change_password", "パスワード変更"),
    ("update_profile", "氏名・メール変更"),
    ("create_municipality", "自治体登録"),
    ("create_institution", "医療機関登録"),
    ("change_institution_code", "医療機関コード変更"),
    ("create_doctor", "指定医ID払出し"),
    ("update_doctor", "指定医情報変更"),
    ("bulk_create_doctors", "指定医ID一括払出し"),
    ("create_account", "アカウント登録"),
    ("delete_account", "アカウント削除"),
    ("reissue_key_file", "鍵ファイル再発行"),
    ("transfer_manager", "責任者権限の移動"),
    ("apply_concurrent", "兼務申請"),
    ("approve_concurrent", "兼務承認"),
    ("reject_concurrent", "兼務却下"),
    ("search_operation_logs", "操作ログ検索"),
    ("list_accounts", "アカウント一覧の参照"),
    ("view_account", "アカウントの参照"),
    ("check_forms", "オンラインチェック"),
    ("read_outbox", "送信メールの参照"),
    ("register_institution_certificate", "医療機関の証明書登録"),
    ("revoke_institution_certificate", "医療機関の証明書失効"),
    ("bootstrap", "初期設定"),
    ("create_patient", "患者登録"),
    ("search_patients", "患者検索"),
    ("open_patient", "患者の参照"),
    ("record_registration_explained", "DB登録の説明の記録"),
    ("create_form", "臨個票・意見書の作成"),
    ("search_forms", "臨個票・意見書の検索"),
    ("open_form", "臨個票・意見書の参照"),
    ("update_form", "臨個票・意見書の保存"),
    ("request_approval", "承認依頼"),
    ("return_form", "差戻し"),
    ("approve_form", "承認（確定）"),
    ("withdraw_form", "確定取消"),
    ("read_form_history", "履歴と参照履歴の参照"),
    ("print_form", "PDF出力"),
    ("look_up_access_key", "アクセスキーによる参照"),
    ("list_linked_forms", "連携した臨個票・意見書の一覧"),
    ("receive_form", "自治体受付"),
    ("start_renewal", "前回値踏襲"),
    ("confirm_carried_section", "前回値の確認"),
    ("read_renewal_use", "前回値踏襲の利用状況の参照"),
    ("import_forms", "一括登録"),
    ("read_form_import", "一括登録結果の参照"),
];

/// Short reason codes the log keeps for log-ins (stable for the CSV and the API), as the
/// screen names them.
const LOGIN_DETAILS: &[(&str, &str)] = &[
    ("full", "ログイン完了"),
    ("first_login", "初回ログイン手続きへ"),
    ("key_registration", "鍵ファイル登録へ"),
    ("locked", "ロック中"),
    ("password", "ID・パスワードの誤り"),
    ("key_file", "鍵ファイルの誤り"),
    ("designation_expired", "指定医有効期限切れ"),
    ("client_certificate", "クライアント証明書が認められない"),
];

pub(super) fn action_label(code: &str) -> &'static str {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("その他の操作")
}

fn detail_label(action: &str, detail: String) -> String {
    if action != "login" {
        return detail;
    }
    LOGIN_DETAILS
        .iter()
        .find(|(c, _)| *c == detail)
        .map(|(_, l)| (*l).to_owned())
        .unwrap_or(detail)
}

/// A log entry as shown: time in JST, action in Japanese.
struct LogLine {
    /// The entry's number in its organization's chain (`nsdb verify-log` names it so).
    seq: i64,
    at: String,
    actor: String,
    action: String,
    target: String,
    ok: bool,
    client: String,
    detail: String,
}

impl From<LogEntry> for LogLine {
    fn from(e: LogEntry) -> Self {
        let at = nsdb_domain::time::parse_timestamp(&e.at)
            .map(|t| {
                (t + chrono::Duration::hours(9))
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or(e.at);
        Self {
            seq: e.seq,
            at,
            actor: e.actor_login_id.unwrap_or_default(),
            action: action_label(&e.action).to_owned(),
            target: e.target.unwrap_or_default(),
            ok: e.result == "success",
            client: e.client_address.unwrap_or_default(),
            detail: detail_label(&e.action, e.detail.unwrap_or_default()),
        }
    }
}

#[derive(Template)]
#[template(path = "logs.html")]
struct LogsPage {
    ctx: PageContext,
    actions: &'static [(&'static str, &'static str)],
    entries: Vec<LogLine>,
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
    let query = match q.query() {
        Ok(query) => query,
        Err(e) => return error_page(&ctx, &e),
    };
    if q.format.as_deref() == Some("csv") {
        return match audit::search(&state, &caller, query, Some(1), 10_000).await {
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
    match audit::search(&state, &caller, query, Some(page), PER_PAGE).await {
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
                actions: ACTIONS,
                entries: entries.into_iter().map(LogLine::from).collect(),
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
