//! The web system: server-rendered Japanese HTML (askama + vendored htmx) and the JSON API
//! under `/api/v1`. Both call the same services; no business rule lives in a handler.

pub mod api;
pub mod auth;
pub mod config;
pub mod error;
pub mod input_limits;
pub mod rate_limit;
pub mod services;
pub mod state;
mod views;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use std::net::SocketAddr;
use tower_http::set_header::SetResponseHeaderLayer;

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
        .with_state(state)
}

/// Serves until the process is stopped.
pub async fn serve(
    store: nsdb_store::Store,
    config: Config,
    listen: SocketAddr,
) -> anyhow::Result<()> {
    let state = AppState::new(store, config);
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let local = listener.local_addr()?;
    println!("NSDB listening on http://{local}/");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await?;
    Ok(())
}
