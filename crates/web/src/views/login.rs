//! ログイン, 初回ログイン, 鍵ファイル再登録, パスワードを忘れた場合, パスワード再設定.
use super::{
    browser_session, flash_message, render, render_with_status, require_csrf, see_other_with_flash,
    BoundedForm, PageContext,
};
use crate::auth::{clear_cookie_header, session_cookie_header, PresentedCertificate};
use crate::error::AppError;
use crate::services::sessions::{self, Scope};
use crate::services::Caller;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize, Default)]
pub struct Done {
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageContext,
    login_id: String,
}

pub async fn login_page(Query(q): Query<Done>) -> Response {
    let mut ctx = PageContext::anonymous();
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    render(&LoginPage {
        ctx,
        login_id: String::new(),
    })
}

/// Browsers send Origin on POST; one from another site is refused (CSRF before a session
/// exists, on top of SameSite=Strict cookies).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    origin.split("://").nth(1) == Some(host)
}

async fn multipart_fields(
    mut multipart: Multipart,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let mut fields = std::collections::HashMap::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("送信内容を読み取れません（{e}）。")))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| AppError::BadRequest(format!("送信内容を読み取れません（{e}）。")))?;
        if bytes.len() > 64 * 1024 {
            return Err(AppError::TooLarge(
                "鍵ファイルが大きすぎます。正しい鍵ファイルを選んでください。".into(),
            ));
        }
        fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(fields)
}

pub async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PresentedCertificate(certificate): PresentedCertificate,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let anonymous = PageContext::anonymous();
    if !same_origin(&headers) {
        return super::error_page(
            &anonymous,
            &nsdb_domain::DomainError::Forbidden("別のサイトからの送信は受け付けません。".into())
                .into(),
        );
    }
    let fields = match multipart_fields(multipart).await {
        Ok(f) => f,
        Err(e) => return super::error_page(&anonymous, &e),
    };
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let login_id = get("login_id");
    let key_file = Some(get("key_file")).filter(|k| !k.trim().is_empty());
    match sessions::login(
        &state,
        &login_id,
        &get("password"),
        key_file.as_deref(),
        Some(&addr.ip().to_string()),
        certificate.as_ref(),
    )
    .await
    {
        Ok(outcome) => {
            let next = match outcome.scope {
                Scope::Full => "/",
                Scope::FirstLogin => "/first-login",
                Scope::KeyRegistration => "/key-registration",
            };
            (
                [(
                    header::SET_COOKIE,
                    session_cookie_header(&outcome.token, state.config.secure_cookies),
                )],
                Redirect::to(next),
            )
                .into_response()
        }
        Err(e) => {
            let page = LoginPage {
                ctx: PageContext::anonymous().with_error(&e),
                login_id,
            };
            render_with_status(e.status(), &page)
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf_token: String,
}

pub async fn logout(
    State(state): State<AppState>,
    parts: Parts,
    BoundedForm(form): BoundedForm<CsrfOnly>,
) -> Response {
    if let Ok(Some((caller, _))) = browser_session(&parts, &state).await {
        if let Err(r) = require_csrf(&caller, &form.csrf_token) {
            return r;
        }
        if let Err(e) = sessions::logout(&state, &caller).await {
            return super::error_page(&PageContext::anonymous(), &e);
        }
    }
    (
        [(
            header::SET_COOKIE,
            clear_cookie_header(state.config.secure_cookies),
        )],
        see_other_with_flash("/login", "logged_out"),
    )
        .into_response()
}

/// A session restricted to one step (first log-in or key registration).
async fn restricted(parts: &Parts, state: &AppState, wanted: Scope) -> Result<Caller, Response> {
    match browser_session(parts, state).await {
        Ok(Some((caller, scope))) if scope == wanted => Ok(caller),
        Ok(Some((_, Scope::Full))) => Err(Redirect::to("/").into_response()),
        Ok(_) => Err(Redirect::to("/login").into_response()),
        Err(e) => Err(super::error_page(&PageContext::anonymous(), &e)),
    }
}

fn step_context(caller: &Caller) -> PageContext {
    let mut ctx = PageContext::for_caller(caller, "");
    ctx.menu.clear();
    ctx
}

#[derive(Template)]
#[template(path = "first_login.html")]
struct FirstLoginPage {
    ctx: PageContext,
    email: String,
    min_length: usize,
}

pub async fn first_login_page(State(state): State<AppState>, parts: Parts) -> Response {
    match restricted(&parts, &state, Scope::FirstLogin).await {
        Ok(caller) => render(&FirstLoginPage {
            ctx: step_context(&caller),
            email: caller.account.email.clone().unwrap_or_default(),
            min_length: nsdb_domain::credentials::MIN_PASSWORD_LENGTH,
        }),
        Err(r) => r,
    }
}

#[derive(Deserialize)]
pub struct FirstLoginForm {
    #[serde(default)]
    csrf_token: String,
    email: String,
    new_password: String,
    new_password_confirm: String,
}

#[derive(Template)]
#[template(path = "key_issued.html")]
struct KeyIssuedPage {
    ctx: PageContext,
    login_id: String,
    file_name: String,
    data_url: String,
    first_login: bool,
}

fn key_issued(caller: &Caller, key: &str, first_login: bool) -> Response {
    let encoded = base64::engine::general_purpose::STANDARD.encode(key.as_bytes());
    render(&KeyIssuedPage {
        ctx: step_context(caller),
        login_id: caller.account.login_id.clone(),
        file_name: format!("nsdb-{}.key", caller.account.login_id),
        data_url: format!("data:application/octet-stream;base64,{encoded}"),
        first_login,
    })
}

pub async fn first_login_submit(
    State(state): State<AppState>,
    parts: Parts,
    BoundedForm(form): BoundedForm<FirstLoginForm>,
) -> Response {
    let caller = match restricted(&parts, &state, Scope::FirstLogin).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Err(r) = require_csrf(&caller, &form.csrf_token) {
        return r;
    }
    let result = if form.new_password != form.new_password_confirm {
        Err(AppError::from(nsdb_domain::DomainError::invalid(
            "new_password_confirm",
            "新しいパスワード（確認）: 上の欄と同じパスワードを入力してください。",
        )))
    } else {
        sessions::complete_first_login(&state, &caller, &form.email, &form.new_password).await
    };
    match result {
        Ok(key) => key_issued(&caller, &key, true),
        Err(e) => {
            let page = FirstLoginPage {
                ctx: step_context(&caller).with_error(&e),
                email: form.email,
                min_length: nsdb_domain::credentials::MIN_PASSWORD_LENGTH,
            };
            render_with_status(e.status(), &page)
        }
    }
}

#[derive(Deserialize)]
pub struct KeyRegistrationForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

#[derive(Template)]
#[template(path = "key_registration.html")]
struct KeyRegistrationPage {
    ctx: PageContext,
}

pub async fn key_registration_page(State(state): State<AppState>, parts: Parts) -> Response {
    match restricted(&parts, &state, Scope::KeyRegistration).await {
        Ok(caller) => render(&KeyRegistrationPage {
            ctx: step_context(&caller),
        }),
        Err(r) => r,
    }
}

pub async fn key_registration_submit(
    State(state): State<AppState>,
    parts: Parts,
    BoundedForm(form): BoundedForm<KeyRegistrationForm>,
) -> Response {
    let caller = match restricted(&parts, &state, Scope::KeyRegistration).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Err(r) = require_csrf(&caller, &form.csrf_token) {
        return r;
    }
    match sessions::register_key_file(&state, &caller, &form.code).await {
        Ok(key) => key_issued(&caller, &key, false),
        Err(e) => render_with_status(
            e.status(),
            &KeyRegistrationPage {
                ctx: step_context(&caller).with_error(&e),
            },
        ),
    }
}

#[derive(Template)]
#[template(path = "password_forgotten.html")]
struct ForgotPage {
    ctx: PageContext,
}

pub async fn forgot_page() -> Response {
    render(&ForgotPage {
        ctx: PageContext::anonymous(),
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    login_id: String,
    email: String,
}

pub async fn forgot_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    BoundedForm(form): BoundedForm<ForgotForm>,
) -> Response {
    if !same_origin(&headers) {
        return super::error_page(
            &PageContext::anonymous(),
            &nsdb_domain::DomainError::Forbidden("別のサイトからの送信は受け付けません。".into())
                .into(),
        );
    }
    match sessions::request_password_reset(
        &state,
        &form.login_id,
        &form.email,
        Some(&addr.ip().to_string()),
    )
    .await
    {
        Ok(()) => see_other_with_flash("/login", "reset_sent"),
        Err(e) => super::error_page(&PageContext::anonymous(), &e),
    }
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage {
    ctx: PageContext,
    usable: bool,
    min_length: usize,
}

pub async fn reset_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match sessions::reset_token_usable(&state, &token).await {
        Ok(usable) => render(&ResetPage {
            ctx: PageContext::anonymous(),
            usable,
            min_length: nsdb_domain::credentials::MIN_PASSWORD_LENGTH,
        }),
        Err(e) => super::error_page(&PageContext::anonymous(), &e),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    new_password: String,
    new_password_confirm: String,
}

pub async fn reset_submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(token): Path<String>,
    BoundedForm(form): BoundedForm<ResetForm>,
) -> Response {
    if !same_origin(&headers) {
        return super::error_page(
            &PageContext::anonymous(),
            &nsdb_domain::DomainError::Forbidden("別のサイトからの送信は受け付けません。".into())
                .into(),
        );
    }
    let result = if form.new_password != form.new_password_confirm {
        Err(AppError::from(nsdb_domain::DomainError::invalid(
            "new_password_confirm",
            "新しいパスワード（確認）: 上の欄と同じパスワードを入力してください。",
        )))
    } else {
        sessions::reset_password(
            &state,
            &token,
            &form.new_password,
            Some(&addr.ip().to_string()),
        )
        .await
    };
    match result {
        Ok(()) => see_other_with_flash("/login", "reset_done"),
        Err(e) => {
            let page = ResetPage {
                ctx: PageContext::anonymous().with_error(&e),
                usable: e.field() != Some("token"),
                min_length: nsdb_domain::credentials::MIN_PASSWORD_LENGTH,
            };
            render_with_status(e.status(), &page)
        }
    }
}
