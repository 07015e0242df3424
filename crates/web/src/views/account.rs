//! ホーム and 自アカウント管理.
use super::login::Done;
use super::{
    flash_message, render, render_with_status, require_csrf, see_other_with_flash, BoundedForm,
    PageContext, WebCaller,
};
use crate::error::AppError;
use crate::services::{concurrent, sessions};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use nsdb_store::ConcurrentRow;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageContext,
    designation_expired: bool,
    /// Institution members: (heading, forms) — a doctor's 承認待ち, the 差戻し, the latest.
    queues: Vec<(&'static str, Vec<crate::services::forms::FormListItem>)>,
}

/// The queues of the home screen (screens.md: 承認待ち for doctors, 差戻し for clerks,
/// recent forms).
async fn queues(
    state: &AppState,
    caller: &crate::services::Caller,
) -> Vec<(&'static str, Vec<crate::services::forms::FormListItem>)> {
    use crate::services::forms::{search, FormSearch};
    if nsdb_domain::policy::can_write_forms(&caller.principal).is_err() {
        return Vec::new();
    }
    let mut asked = Vec::new();
    if caller.principal.role.is_doctor() {
        asked.push((
            "承認待ち（自分あて）",
            FormSearch {
                awaiting_me: true,
                ..Default::default()
            },
        ));
    }
    asked.push((
        "差戻し",
        FormSearch {
            states: vec!["returned".into()],
            ..Default::default()
        },
    ));
    asked.push(("最近更新した臨個票・意見書", FormSearch::default()));
    let mut out = Vec::new();
    for (heading, q) in asked {
        if let Ok((list, _)) = search(state, caller, &q, None, 10).await {
            out.push((heading, list));
        }
    }
    out
}

pub async fn home(State(state): State<AppState>, WebCaller(caller): WebCaller) -> Response {
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let designation_expired = caller.principal.role.is_doctor()
        && nsdb_domain::policy::ensure_designation_valid(&caller.principal, today).is_err();
    let ctx = PageContext::for_caller(&caller, "/");
    render(&HomePage {
        ctx,
        designation_expired,
        queues: queues(&state, &caller).await,
    })
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: PageContext,
    account: nsdb_store::AccountRow,
    is_doctor: bool,
    concurrent: Vec<ConcurrentRow>,
    min_length: usize,
}

async fn account_view(
    state: &AppState,
    caller: &crate::services::Caller,
    ctx: PageContext,
    status: axum::http::StatusCode,
) -> Response {
    let concurrent = if caller.principal.role.is_doctor() {
        concurrent::of_caller(state, caller)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    render_with_status(
        status,
        &AccountPage {
            ctx,
            account: caller.account.clone(),
            is_doctor: caller.principal.role.is_doctor(),
            concurrent,
            min_length: nsdb_domain::credentials::MIN_PASSWORD_LENGTH,
        },
    )
}

pub async fn account_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<Done>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/account");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    account_view(&state, &caller, ctx, axum::http::StatusCode::OK).await
}

async fn after(
    state: &AppState,
    caller: &crate::services::Caller,
    result: Result<(), AppError>,
    done: &'static str,
) -> Response {
    match result {
        Ok(()) => see_other_with_flash("/account", done),
        Err(e) => {
            let ctx = PageContext::for_caller(caller, "/account").with_error(&e);
            account_view(state, caller, ctx, e.status()).await
        }
    }
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf_token: String,
    family_name: String,
    given_name: String,
    email: String,
}

pub async fn profile_submit(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<ProfileForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let result =
        sessions::update_profile(&state, &caller, &f.family_name, &f.given_name, &f.email).await;
    after(&state, &caller, result, "profile").await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

pub async fn password_submit(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<PasswordForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let result = if f.new_password != f.new_password_confirm {
        Err(nsdb_domain::DomainError::invalid(
            "new_password_confirm",
            "新しいパスワード（確認）: 上の欄と同じパスワードを入力してください。",
        )
        .into())
    } else {
        sessions::change_password(&state, &caller, &f.current_password, &f.new_password).await
    };
    after(&state, &caller, result, "password").await
}

#[derive(Deserialize)]
pub struct ConcurrentForm {
    #[serde(default)]
    csrf_token: String,
    institution_code: String,
}

pub async fn concurrent_apply(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<ConcurrentForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let result = concurrent::apply(&state, &caller, &f.institution_code)
        .await
        .map(|_| ());
    after(&state, &caller, result, "concurrent").await
}
