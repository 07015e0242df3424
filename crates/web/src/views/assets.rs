//! The static files (stylesheet, htmx, app.js), embedded in the binary and served under a
//! path that holds a hash of their content: a browser may keep them for a year, because a
//! changed file gets a new address. The pages link to them through [`url`].
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// `Cache-Control` of a versioned static file: its address never serves other content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    /// The first 16 hex digits of the content's SHA-256.
    hash: String,
}

impl Asset {
    fn new(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Self {
        let digest = Sha256::digest(bytes);
        Self {
            name,
            content_type,
            bytes,
            hash: hex::encode(&digest[..8]),
        }
    }
}

static ASSETS: LazyLock<[Asset; 3]> = LazyLock::new(|| {
    [
        Asset::new(
            "style.css",
            "text/css; charset=utf-8",
            include_bytes!("../../static/style.css"),
        ),
        Asset::new(
            "htmx.min.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../static/htmx.min.js"),
        ),
        Asset::new(
            "app.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../static/app.js"),
        ),
    ]
});

/// The address of the static file `name` (e.g. `/static/3f2a…/style.css`). A name that is not
/// one of the files gives an address that answers 404.
pub fn url(name: &str) -> String {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(asset) => format!("/static/{}/{}", asset.hash, asset.name),
        None => format!("/static/unknown/{name}"),
    }
}

/// GET /static/{hash}/{name}: the file when the hash is its current one; 404 otherwise (an
/// old address must not be cached for a year with new content).
pub async fn serve(Path((hash, name)): Path<(String, String)>) -> Response {
    match ASSETS.iter().find(|a| a.name == name && a.hash == hash) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, IMMUTABLE),
            ],
            asset.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_a_hashed_address() {
        for name in ["style.css", "htmx.min.js", "app.js"] {
            let address = url(name);
            let hash = address
                .strip_prefix("/static/")
                .and_then(|rest| rest.strip_suffix(&format!("/{name}")))
                .unwrap_or_default();
            assert_eq!(hash.len(), 16, "{address}");
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{address}");
        }
    }
}
