//! Who is calling: bearer tokens for the API, cookie sessions (with CSRF) for the browser.
use crate::error::AppError;
use crate::services::sessions::{self, Scope};
use crate::services::Caller;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use nsdb_domain::identifiers::CertificateFingerprint;
use nsdb_domain::DomainError;
use std::convert::Infallible;
use std::net::SocketAddr;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "nsdb_session";

pub fn client_address(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// The verified client certificate of the request's connection (set by the TLS accept loop,
/// `crate::tls`, when the client presented one).
#[derive(Debug, Clone)]
pub struct ClientCertificate(pub CertificateFingerprint);

pub fn client_certificate(parts: &Parts) -> Option<&CertificateFingerprint> {
    parts
        .extensions
        .get::<ClientCertificate>()
        .map(|certificate| &certificate.0)
}

/// The fingerprint of the connection's client certificate, if any, for handlers that log in.
pub struct PresentedCertificate(pub Option<CertificateFingerprint>);

impl<S: Send + Sync> FromRequestParts<S> for PresentedCertificate {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PresentedCertificate(client_certificate(parts).cloned()))
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn unauthenticated() -> AppError {
    DomainError::Unauthenticated(
        "ログインしてください（セッションが無効か、時間切れです）。".into(),
    )
    .into()
}

/// An API caller with a full session.
pub struct ApiCaller(pub Caller);

/// An API caller whose token may be restricted (first log-in, key registration).
pub struct ApiSession(pub Caller, pub Scope);

async fn api_session(parts: &Parts, state: &AppState) -> Result<(Caller, Scope), AppError> {
    let token = bearer(&parts.headers).ok_or_else(unauthenticated)?;
    sessions::authenticate(
        state,
        token,
        client_address(parts).as_deref(),
        client_certificate(parts),
    )
    .await?
    .ok_or_else(unauthenticated)
}

impl<S> FromRequestParts<S> for ApiSession
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let (caller, scope) = api_session(parts, &state).await?;
        Ok(ApiSession(caller, scope))
    }
}

impl<S> FromRequestParts<S> for ApiCaller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        match api_session(parts, &state).await? {
            (caller, Scope::Full) => Ok(ApiCaller(caller)),
            (_, Scope::FirstLogin) => Err(DomainError::Forbidden(
                "初回ログインを完了してください（completeFirstLogin）。".into(),
            )
            .into()),
            (_, Scope::KeyRegistration) => Err(DomainError::Forbidden(
                "暗号化鍵ファイルが失効しています。新しい鍵ファイルを登録してください（registerKeyFile）。".into(),
            )
            .into()),
        }
    }
}

/// Compares a submitted CSRF token with the session's, in constant time.
pub fn csrf_ok(caller: &Caller, submitted: &str) -> bool {
    !submitted.is_empty()
        && caller
            .csrf_token
            .as_bytes()
            .ct_eq(submitted.as_bytes())
            .into()
}

/// The Set-Cookie value of a browser session.
pub fn session_cookie_header(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie_header(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}
