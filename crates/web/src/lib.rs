//! The web system: server-rendered Japanese HTML (askama + vendored htmx) and the JSON API
//! under `/api/v1`. Both call the same services; no business rule lives in a handler.

pub mod api;
pub mod auth;
pub mod config;
pub mod data_key_file;
pub mod error;
pub mod input_limits;
pub mod rate_limit;
pub mod services;
pub mod state;
pub mod tls;
mod views;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::net::SocketAddr;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use config::{Config, SmtpConfig};
pub use state::AppState;

pub fn app(state: AppState) -> Router {
    let max_body = state.config.max_upload_bytes;
    Router::new()
        .nest("/api/v1", api::router())
        .merge(views::router())
        .layer(DefaultBodyLimit::max(max_body))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(middleware::from_fn(no_store_unless_public))
        // HTML pages stay uncompressed: they carry the CSRF token beside text a request can
        // put on them (search words, form input), the setting of a BREACH attack over TLS.
        // The big answers (htmx, the OpenAPI document, JSON lists) are not HTML.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("text/html")),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// The one answer of `/api/v1` that is the same for everyone (static files set their own
/// long-lived `Cache-Control`).
const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// Answers are personal (pages with names, API answers with accounts) unless shown otherwise,
/// so nothing is kept by browsers or proxies unless a handler set its own `Cache-Control`.
async fn no_store_unless_public(request: Request, next: Next) -> Response {
    let public = request.uri().path() == OPENAPI_PATH;
    let mut response = next.run(request).await;
    if !public {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// The request log's span: method and route pattern (`/api/v1/accounts/{login_id}`), never
/// the path itself, which carries login IDs and password-reset tokens, nor the query string
/// (search words); bodies, cookies and headers are not logged either. Status and latency
/// follow when the answer is sent.
fn request_span(request: &axum::http::Request<Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route)
}

/// Serves until the process is stopped: plain HTTP, or HTTPS with `tls` (see `tls`).
pub async fn serve(
    store: nsdb_store::Store,
    config: Config,
    listen: SocketAddr,
    tls: Option<std::sync::Arc<rustls::ServerConfig>>,
) -> anyhow::Result<()> {
    let state = AppState::new(store, config);
    services::form_imports::spawn_sweeper(state.clone());
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let local = listener.local_addr()?;
    match tls {
        Some(tls) => {
            println!("NSDB listening on https://{local}/");
            tls::serve(listener, app(state), tls).await
        }
        None => {
            println!("NSDB listening on http://{local}/");
            axum::serve(
                listener,
                app(state).into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await?;
            Ok(())
        }
    }
}
