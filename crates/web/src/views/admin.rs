//! User management of every organization (医療機関ユーザ管理, 自治体ユーザ管理, 運営ユーザ管理,
//! 厚労省ユーザ管理), 兼務申請の承認, 自治体管理 and the mail outbox of the operator.
use super::login::Done;
use super::{
    error_page, flash_message, render, render_with_status, require_csrf, see_other_with_flash,
    BoundedForm, PageContext, WebCaller,
};
use crate::error::AppError;
use crate::services::accounts::{
    self, IssuedAccount, NewMunicipality, NewOrganizationUser, NewStaffAccount,
};
use crate::services::{concurrent, operator, principal_of, Caller};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use nsdb_domain::model::OrganizationKind;
use nsdb_domain::policy;
use nsdb_domain::time::today_in_japan;
use nsdb_domain::DomainError;
use serde::Deserialize;

/// One row of an account list, with what the viewer may do to it.
pub struct AccountLine {
    pub login_id: String,
    pub name: String,
    pub role_label: String,
    pub is_manager: bool,
    pub program: String,
    pub valid_until: String,
    pub locked: bool,
    pub state: &'static str,
    pub is_self: bool,
    pub is_doctor: bool,
    pub institution: String,
}

pub async fn account_lines(
    state: &AppState,
    caller: &Caller,
    rows: &[nsdb_store::AccountRow],
) -> Vec<AccountLine> {
    let today = today_in_japan(chrono::Utc::now());
    let mut lines = Vec::with_capacity(rows.len());
    for a in rows {
        lines.push(AccountLine {
            login_id: a.login_id.clone(),
            name: a.full_name(),
            role_label: a.role.label().to_owned(),
            is_manager: a.is_manager,
            program: a.program.map(|p| p.label().to_owned()).unwrap_or_default(),
            valid_until: a.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            locked: accounts::is_locked(state, &a.login_id)
                .await
                .unwrap_or(false),
            state: if policy::designation_expired(&principal_of(a), today) {
                "期限切れ"
            } else if a.first_login_pending {
                "初回ログイン前"
            } else if a.key_hash.is_none() {
                "鍵ファイル未登録"
            } else {
                "利用中"
            },
            is_self: a.id == caller.account.id,
            is_doctor: a.role.is_doctor(),
            institution: format!("{} {}", a.organization_code, a.organization_name),
        });
    }
    lines
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ctx: PageContext,
    title: &'static str,
    lines: Vec<AccountLine>,
    total: i64,
    q: String,
    is_institution: bool,
    general_role: String,
    admin_role: String,
    issued: Option<IssuedAccount>,
}

fn users_title(caller: &Caller) -> &'static str {
    match caller.principal.role.organization_kind() {
        OrganizationKind::Institution => "医療機関ユーザ管理",
        OrganizationKind::Municipality => "自治体ユーザ管理",
        OrganizationKind::Operator => "運営ユーザ管理",
        OrganizationKind::Ministry => "厚労省ユーザ管理",
    }
}

#[derive(Deserialize, Default)]
pub struct UsersQuery {
    q: Option<String>,
    page: Option<i64>,
    done: Option<String>,
}

async fn users_view(
    state: &AppState,
    caller: &Caller,
    q: &UsersQuery,
    ctx: PageContext,
    issued: Option<IssuedAccount>,
    status: StatusCode,
) -> Response {
    let (rows, total) =
        match accounts::list_accounts(state, caller, q.q.clone(), false, q.page).await {
            Ok(r) => r,
            Err(e) => return error_page(&ctx, &e),
        };
    let p = &caller.principal;
    render_with_status(
        status,
        &UsersPage {
            title: users_title(caller),
            lines: account_lines(state, caller, &rows).await,
            total,
            q: q.q.clone().unwrap_or_default(),
            is_institution: p.role.organization_kind() == OrganizationKind::Institution,
            general_role: p
                .role
                .general_user_of()
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            admin_role: p.role.as_str().to_owned(),
            issued,
            ctx,
        },
    )
}

pub async fn users_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<UsersQuery>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/users");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    users_view(&state, &caller, &q, ctx, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    csrf_token: String,
    role: String,
    family_name: String,
    given_name: String,
}

pub async fn create_user(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<NewUserForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let result = if caller.principal.role.organization_kind() == OrganizationKind::Institution {
        accounts::create_staff(
            &state,
            &caller,
            &NewStaffAccount {
                role: f.role,
                family_name: f.family_name,
                given_name: f.given_name,
            },
        )
        .await
    } else {
        accounts::create_organization_user(
            &state,
            &caller,
            &NewOrganizationUser {
                role: f.role,
                family_name: f.family_name,
                given_name: f.given_name,
            },
        )
        .await
    };
    let q = UsersQuery::default();
    match result {
        Ok(issued) => {
            let ctx = PageContext::for_caller(&caller, "/users").with_flash("アカウントを登録しました。ログインIDと初期パスワードを本人に伝えてください（この画面でのみ表示します）。");
            users_view(&state, &caller, &q, ctx, Some(issued), StatusCode::CREATED).await
        }
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/users").with_error(&e);
            users_view(&state, &caller, &q, ctx, None, e.status()).await
        }
    }
}

#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    csrf_token: String,
    /// Page to return to (only local paths are followed).
    #[serde(default)]
    back: Option<String>,
}

/// Account maintenance from a list row: password reset, unlock, key reissue, delete,
/// 責任者 transfer.
pub async fn account_action(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path((login_id, action)): Path<(String, String)>,
    BoundedForm(f): BoundedForm<ActionForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let back: &'static str = match f.back.as_deref() {
        Some("/doctors") => "/doctors",
        _ => "/users",
    };
    let result: Result<&'static str, AppError> = match action.as_str() {
        "password-reset" => match accounts::reset_password(&state, &caller, &login_id).await {
            Ok(issued) => {
                let ctx = PageContext::for_caller(&caller, back).with_flash("パスワードを初期化しました。新しい初期パスワードを本人に伝えてください。本人は初回ログインからやり直します（鍵ファイルも再発行）。");
                return render(&IssuedPage { ctx, issued, back });
            }
            Err(e) => Err(e),
        },
        "unlock" => accounts::unlock(&state, &caller, &login_id)
            .await
            .map(|_| "unlock"),
        "key-reissue" => accounts::reissue_key_file(&state, &caller, &login_id)
            .await
            .map(|_| "reissue_key"),
        "delete" => accounts::delete_account(&state, &caller, &login_id)
            .await
            .map(|_| "delete"),
        "manager" => accounts::transfer_manager(&state, &caller, &login_id)
            .await
            .map(|_| "manager"),
        _ => Err(DomainError::not_found().into()),
    };
    match result {
        Ok(done) => see_other_with_flash(back, done),
        Err(e) => error_page(&PageContext::for_caller(&caller, back), &e),
    }
}

#[derive(Template)]
#[template(path = "issued.html")]
pub struct IssuedPage {
    pub ctx: PageContext,
    pub issued: IssuedAccount,
    pub back: &'static str,
}

#[derive(Template)]
#[template(path = "concurrent.html")]
struct ConcurrentPage {
    ctx: PageContext,
    rows: Vec<nsdb_store::ConcurrentRow>,
}

pub async fn concurrent_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<Done>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/concurrent");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    match concurrent::to_institution(&state, &caller).await {
        Ok(rows) => render(&ConcurrentPage { ctx, rows }),
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn concurrent_decide(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path((id, decision)): Path<(String, String)>,
    BoundedForm(f): BoundedForm<ActionForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let approve = decision == "approve";
    match concurrent::decide(&state, &caller, &id, approve).await {
        Ok(_) => see_other_with_flash("/concurrent", if approve { "approved" } else { "rejected" }),
        Err(e) => error_page(&PageContext::for_caller(&caller, "/concurrent"), &e),
    }
}

#[derive(Template)]
#[template(path = "municipalities.html")]
struct MunicipalitiesPage {
    ctx: PageContext,
    rows: Vec<nsdb_store::OrganizationRow>,
    created: Option<accounts::CreatedMunicipality>,
    /// Only the operator's 管理者 registers 自治体; others see the list.
    may_register: bool,
}

async fn municipalities_view(
    state: &AppState,
    caller: &Caller,
    ctx: PageContext,
    created: Option<accounts::CreatedMunicipality>,
    status: StatusCode,
) -> Response {
    let rows = match operator::list_municipalities(state, caller).await {
        Ok(rows) => rows,
        Err(e) => return error_page(&ctx, &e),
    };
    let may_register = policy::can_register_municipality(&caller.principal).is_ok();
    render_with_status(
        status,
        &MunicipalitiesPage {
            ctx,
            rows,
            created,
            may_register,
        },
    )
}

pub async fn municipalities_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/municipalities");
    municipalities_view(&state, &caller, ctx, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct MunicipalityForm {
    #[serde(default)]
    csrf_token: String,
    code: String,
    name: String,
    #[serde(default)]
    nanbyo: Option<String>,
    #[serde(default)]
    shoman: Option<String>,
}

pub async fn create_municipality(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<MunicipalityForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let mut programs = Vec::new();
    if f.nanbyo.is_some() {
        programs.push("nanbyo".to_owned());
    }
    if f.shoman.is_some() {
        programs.push("shoman".to_owned());
    }
    let input = NewMunicipality {
        code: f.code,
        name: f.name,
        programs,
    };
    match accounts::create_municipality(&state, &caller, &input).await {
        Ok(created) => {
            let ctx = PageContext::for_caller(&caller, "/municipalities").with_flash("自治体を登録しました。管理者のログインIDと初期パスワードを自治体に伝えてください（この画面でのみ表示します）。");
            municipalities_view(&state, &caller, ctx, Some(created), StatusCode::CREATED).await
        }
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/municipalities").with_error(&e);
            municipalities_view(&state, &caller, ctx, None, e.status()).await
        }
    }
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    ctx: PageContext,
    mails: Vec<nsdb_store::MailRow>,
    smtp: bool,
}

/// The operator reads mail that went to the outbox (no SMTP configured).
pub async fn outbox_page(State(state): State<AppState>, WebCaller(caller): WebCaller) -> Response {
    let ctx = PageContext::for_caller(&caller, "/outbox");
    let mails = match operator::outbox(&state, &caller).await {
        Ok(mails) => mails,
        Err(e) => return error_page(&ctx, &e),
    };
    render(&OutboxPage {
        ctx,
        mails,
        smtp: state.config.smtp.is_some(),
    })
}

#[derive(Template)]
#[template(path = "renewal_use.html")]
struct RenewalUsePage {
    ctx: PageContext,
    months: Vec<String>,
    institutions: Vec<operator::RenewalUse>,
}

/// The operator's monitoring of 前回値踏襲 use (the last 13 months).
pub async fn renewal_use_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/renewal-statistics");
    match operator::renewal_use(&state, &caller, 13).await {
        Ok((months, institutions)) => render(&RenewalUsePage {
            ctx,
            months,
            institutions,
        }),
        Err(e) => error_page(&ctx, &e),
    }
}
