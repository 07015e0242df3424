//! Server-rendered Japanese pages (askama + vendored htmx). Handlers are thin: they read
//! the form, call the same services as the API, and render.

// Handlers return an early `Response` as their error (the axum idiom for pages).
#![allow(clippy::result_large_err)]

mod access_keys;
mod account;
mod admin;
mod assets;
mod form_checks;
mod form_entry;
mod form_imports;
mod form_pdf;
mod forms;
mod login;
mod logs;
mod municipality;

use crate::auth::{client_address, client_certificate, csrf_ok, session_cookie};
use crate::error::AppError;
use crate::services::sessions::{self, Scope};
use crate::services::Caller;
use crate::state::AppState;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use nsdb_domain::model::{OrganizationKind, Program, Role};
use nsdb_domain::FieldError;
use serde::de::DeserializeOwned;

/// An HTML form body (`application/x-www-form-urlencoded`) whose every name and value is
/// within the boundary's length limit (`crate::input_limits`), refused with the error page
/// otherwise. Use it instead of `axum::Form` for every page that takes a form.
pub struct BoundedForm<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for BoundedForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let refuse = |e: AppError| error_page(&PageContext::anonymous(), &e);
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| {
                refuse(if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge("送信内容が大きすぎます。".into())
                } else {
                    AppError::BadRequest(format!(
                        "送信内容を読み取れません（{}）。",
                        rejection.body_text()
                    ))
                })
            })?;
        crate::input_limits::check_form(&body).map_err(refuse)?;
        serde_urlencoded::from_bytes(&body)
            .map(BoundedForm)
            .map_err(|e| {
                refuse(AppError::BadRequest(format!(
                    "送信内容の形式が正しくありません（{e}）。"
                )))
            })
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(account::home))
        .route("/login", get(login::login_page).post(login::login_submit))
        .route("/logout", post(login::logout))
        .route(
            "/first-login",
            get(login::first_login_page).post(login::first_login_submit),
        )
        .route(
            "/key-registration",
            get(login::key_registration_page).post(login::key_registration_submit),
        )
        .route(
            "/password-forgotten",
            get(login::forgot_page).post(login::forgot_submit),
        )
        .route(
            "/password-reset/{token}",
            get(login::reset_page).post(login::reset_submit),
        )
        .route("/account", get(account::account_page))
        .route("/account/profile", post(account::profile_submit))
        .route("/account/password", post(account::password_submit))
        .route("/account/concurrent", post(account::concurrent_apply))
        .route("/users", get(admin::users_page).post(admin::create_user))
        .route("/users/{login_id}/{action}", post(admin::account_action))
        .route("/concurrent", get(admin::concurrent_page))
        .route(
            "/concurrent/{id}/{decision}",
            post(admin::concurrent_decide),
        )
        .route(
            "/municipalities",
            get(admin::municipalities_page).post(admin::create_municipality),
        )
        .route("/outbox", get(admin::outbox_page))
        .route("/renewal-statistics", get(admin::renewal_use_page))
        .route(
            "/institutions",
            get(municipality::institutions_page).post(municipality::create_institution),
        )
        .route("/institutions/{code}/code", post(municipality::change_code))
        .route(
            "/institutions/{code}/certificates",
            get(municipality::certificates_page).post(municipality::register_certificate),
        )
        .route(
            "/institutions/{code}/certificates/{id}/revoke",
            post(municipality::revoke_certificate),
        )
        .route(
            "/doctors",
            get(municipality::doctors_page).post(municipality::create_doctor),
        )
        .route("/doctors/import", post(municipality::import_doctors))
        .route(
            "/doctors/{login_id}/valid-until",
            post(municipality::update_doctor),
        )
        .route(
            "/forms/entry",
            get(form_entry::entry_page).post(form_entry::entry_submit),
        )
        .route("/forms/entry/evaluate", post(form_entry::entry_evaluate))
        .route("/forms/entry/autosave", post(forms::entry_autosave))
        .route(
            "/patients",
            get(forms::patients_page).post(forms::patient_create),
        )
        .route("/patients/{id}", get(forms::patient_page))
        .route("/forms", get(forms::forms_page))
        .route(
            "/access-keys",
            get(access_keys::access_keys_page).post(access_keys::look_up),
        )
        .route("/forms/{id}", get(forms::form_page))
        .route("/forms/{id}/history", get(forms::history_page))
        .route("/forms/{id}/pdf", get(form_pdf::form_pdf))
        .route("/forms/{id}/autosave", post(forms::form_autosave))
        .route(
            "/forms/{id}/{action}",
            post(forms::form_submit).get(forms::to_form),
        )
        .route(
            "/form-imports",
            get(form_imports::form_imports_page).post(form_imports::form_imports_submit),
        )
        .route(
            "/form-imports/{id}",
            get(form_imports::form_import_job_page),
        )
        .route("/logs", get(logs::logs_page))
        .route(
            "/form-checks",
            get(form_checks::form_checks_page).post(form_checks::form_checks_submit),
        )
        .route("/static/{hash}/{name}", get(assets::serve))
}

/// What the header shows about the logged-in user.
pub struct UserInfo {
    pub name: String,
    pub login_id: String,
    pub organization: String,
    pub role_label: String,
    pub program_label: Option<&'static str>,
}

pub struct MenuItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

pub struct FormError {
    pub field: Option<String>,
    pub message: String,
}

/// Everything the base layout needs.
pub struct PageContext {
    pub user: Option<UserInfo>,
    pub csrf: String,
    pub menu: Vec<MenuItem>,
    pub flash: Option<String>,
    pub error: Option<FormError>,
    /// Every field's own message, shown next to it (all at once).
    pub field_errors: Vec<FieldError>,
}

impl PageContext {
    pub fn anonymous() -> Self {
        Self {
            user: None,
            csrf: String::new(),
            menu: Vec::new(),
            flash: None,
            error: None,
            field_errors: Vec::new(),
        }
    }

    pub fn for_caller(caller: &Caller, current: &str) -> Self {
        let p = &caller.principal;
        let role_label = if p.is_manager && p.role != Role::Manager {
            format!("{}・責任者", p.role.label())
        } else {
            p.role.label().to_owned()
        };
        Self {
            user: Some(UserInfo {
                name: caller.account.full_name(),
                login_id: caller.account.login_id.clone(),
                organization: caller.account.organization_name.clone(),
                role_label,
                program_label: p.program.map(Program::label),
            }),
            csrf: caller.csrf_token.clone(),
            menu: menu_for(caller, current),
            flash: None,
            error: None,
            field_errors: Vec::new(),
        }
    }

    pub fn with_error(mut self, e: &AppError) -> Self {
        self.field_errors = e.field_errors();
        self.error = Some(FormError {
            field: e.field().map(str::to_owned),
            message: e.message(),
        });
        self
    }

    pub fn with_flash(mut self, message: impl Into<String>) -> Self {
        self.flash = Some(message.into());
        self
    }

    /// The versioned address of a static file, for the layout's links.
    pub fn asset_url(&self, name: &str) -> String {
        assets::url(name)
    }

    /// The message for one field, shown next to it.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
            .or_else(|| {
                self.error
                    .as_ref()
                    .filter(|e| e.field.as_deref() == Some(field))
                    .map(|e| e.message.as_str())
            })
    }
}

/// A file upload form as posted (multipart): its CSRF token and its `file` part, if any.
pub(super) struct Upload {
    pub csrf: String,
    pub file: Option<Vec<u8>>,
}

/// Reads an upload form; a part that cannot be read (too large, cut off) is a 400.
pub(super) async fn read_upload(
    mut multipart: axum::extract::Multipart,
) -> Result<Upload, AppError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!(
            "ファイルを受け取れませんでした（{e}）。10MBを超えるファイルは分けてください。"
        ))
    };
    let mut upload = Upload {
        csrf: String::new(),
        file: None,
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(unreadable)?;
        match name.as_str() {
            "csrf_token" => upload.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => upload.file = Some(bytes.to_vec()),
            _ => {}
        }
    }
    Ok(upload)
}

/// The role's menu (screens.md); links only to what the policy would allow.
fn menu_for(caller: &Caller, current: &str) -> Vec<MenuItem> {
    let p = &caller.principal;
    let mut items: Vec<(&'static str, &'static str)> = vec![("/", "ホーム")];
    match p.role.organization_kind() {
        OrganizationKind::Institution => {
            items.push(("/forms", "臨個票・意見書"));
            items.push(("/patients", "患者"));
            items.push(("/forms/entry", "新規作成"));
            items.push(("/form-imports", "一括登録"));
            items.push(("/form-checks", "一括登録ファイルのチェック"));
            if p.role.is_doctor() {
                items.push(("/access-keys", "アクセスキーで参照（連携）"));
            }
            if p.is_manager {
                items.push(("/users", "医療機関ユーザ管理"));
                items.push(("/concurrent", "兼務申請の承認"));
            }
        }
        OrganizationKind::Municipality => {
            items.push(("/access-keys", "アクセスキーで参照・受付"));
            items.push(("/institutions", "医療機関管理"));
            items.push(("/doctors", "指定医ID払出し"));
            if p.role.is_admin() {
                items.push(("/users", "自治体ユーザ管理"));
            }
            items.push(("/logs", "操作ログ検索"));
        }
        OrganizationKind::Operator => {
            items.push(("/municipalities", "自治体管理"));
            if p.role.is_admin() {
                items.push(("/users", "運営ユーザ管理"));
            }
            items.push(("/form-checks", "パンチデータのチェック"));
            items.push(("/renewal-statistics", "前回値踏襲の利用状況"));
            items.push(("/logs", "操作ログ検索"));
            items.push(("/outbox", "送信メール"));
        }
        OrganizationKind::Ministry => {
            if p.role.is_admin() {
                items.push(("/users", "厚労省ユーザ管理"));
            }
            items.push(("/logs", "操作ログ検索"));
        }
    }
    items.push(("/account", "自アカウント管理"));
    items
        .into_iter()
        .map(|(href, label)| MenuItem {
            href,
            label,
            current: href == current,
        })
        .collect()
}

/// A logged-in browser user with a full session; otherwise a redirect to log in (or to
/// finish the first log-in / register a key file).
pub struct WebCaller(pub Caller);

pub enum WebRejection {
    Redirect(&'static str),
    Error(AppError),
}

impl IntoResponse for WebRejection {
    fn into_response(self) -> Response {
        match self {
            WebRejection::Redirect(to) => Redirect::to(to).into_response(),
            WebRejection::Error(e) => error_page(&PageContext::anonymous(), &e),
        }
    }
}

/// The session of a browser request, whatever its scope.
pub async fn browser_session(
    parts: &Parts,
    state: &AppState,
) -> Result<Option<(Caller, Scope)>, AppError> {
    let Some(token) = session_cookie(&parts.headers) else {
        return Ok(None);
    };
    sessions::authenticate(
        state,
        &token,
        client_address(parts).as_deref(),
        client_certificate(parts),
    )
    .await
}

impl<S> FromRequestParts<S> for WebCaller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebRejection;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        match browser_session(parts, &state)
            .await
            .map_err(WebRejection::Error)?
        {
            Some((caller, Scope::Full)) => Ok(WebCaller(caller)),
            Some((_, Scope::FirstLogin)) => Err(WebRejection::Redirect("/first-login")),
            Some((_, Scope::KeyRegistration)) => Err(WebRejection::Redirect("/key-registration")),
            None => Err(WebRejection::Redirect("/login")),
        }
    }
}

/// Refuses a state-changing request whose CSRF token does not match the session's.
pub fn require_csrf(caller: &Caller, submitted: &str) -> Result<(), Response> {
    if csrf_ok(caller, submitted) {
        Ok(())
    } else {
        Err(error_page(
            &PageContext::for_caller(caller, ""),
            &AppError::Domain(nsdb_domain::DomainError::Forbidden(
                "画面の有効期限が切れたか、不正な送信です。画面を開き直してからもう一度操作してください。".into(),
            )),
        ))
    }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a PageContext,
    status: u16,
    message: String,
}

pub fn error_page(ctx: &PageContext, e: &AppError) -> Response {
    if let AppError::Internal(cause) = e {
        tracing::error!(%cause, "internal error");
    }
    let page = ErrorPage {
        ctx,
        status: e.status().as_u16(),
        message: e.message(),
    };
    let mut response = render_with_status(e.status(), &page);
    e.add_retry_after(&mut response);
    response
}

pub fn render(t: &impl askama::Template) -> Response {
    render_with_status(StatusCode::OK, t)
}

pub fn render_with_status(status: StatusCode, t: &impl askama::Template) -> Response {
    match t.render() {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// Redirect after a successful POST; the next page shows the message of `done`.
pub fn see_other_with_flash(to: &str, done: &'static str) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{to}{sep}done={done}")).into_response()
}

/// The `?done=` of a page reached by [`see_other_with_flash`].
#[derive(serde::Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    done: Option<String>,
}

impl Flash {
    pub fn message(&self) -> Option<&'static str> {
        flash_message(self.done.as_deref())
    }
}

/// Messages after a redirect, by code (never text from the URL, so a link cannot put
/// words on our pages).
pub fn flash_message(done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "profile" => "氏名・メールアドレスを変更しました。",
        "password" => "パスワードを変更しました。",
        "concurrent" => "兼務先を申請しました。兼務先の責任者の承認をお待ちください。",
        "approved" => "兼務申請を承認しました。",
        "rejected" => "兼務申請を却下しました。",
        "unlock" => "ロックを解除しました。",
        "reissue_key" => "鍵ファイルを失効させました。次回ログイン時に新しい鍵ファイルが発行されます。",
        "delete" => "アカウントを削除しました。",
        "manager" => "責任者権限を移動しました。",
        "institution" => "医療機関を登録しました。",
        "code" => "医療機関コードを変更しました。所属する全アカウントに反映されています。",
        "certificate_registered" => "証明書を登録しました。この証明書の端末から、この医療機関のアカウントでログインできます。",
        "certificate_revoked" => "証明書を失効させました。この証明書の端末からはログインできません。",
        "valid_until" => "有効期限を変更しました。鍵ファイルは失効し、ログイン中のセッションは終了しました。",
        "reset_sent" => "登録されたメールアドレスにパスワード再設定のご案内を送りました（ログインIDとメールアドレスが一致した場合）。30分以内に手続きしてください。",
        "reset_done" => "パスワードを再設定しました。新しいパスワードと鍵ファイルでログインしてください。",
        "logged_out" => "ログアウトしました。",
        "patient_created" => "患者を登録しました。",
        "form_created" => "保存しました。以後、入力中は30秒ごとと項目グループを移るたびに自動保存します。",
        "form_saved" => "保存しました。",
        "approval_requested" => "承認を依頼しました。",
        "form_returned" => "差し戻しました。",
        "form_approved" => "承認しました（確定）。アクセスキーを発行しました。",
        "form_withdrawn" => "確定を取り消しました。作成中に戻りました。",
        "form_received" => "受け付けました。以後、医療機関は確定取消できません。",
        "renewal_started" => "前回値踏襲で作成しました。前回値の項目グループを確認してください（変わった項目だけ入力し直します）。",
        "section_confirmed" => "この項目グループの前回値を確認しました。",
        _ => return None,
    })
}
