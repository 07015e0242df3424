//! HTTP hygiene (issue 8): compression, long-lived caching of the versioned static files,
//! `no-store` on personal answers, and a request log without secrets.
use crate::harness::*;
use reqwest::header::{ACCEPT_ENCODING, AUTHORIZATION, CACHE_CONTROL, CONTENT_ENCODING, COOKIE};

/// The address of a static file as the pages link to it (`/static/<hash>/<name>`).
async fn static_link(app: &TestApp, name: &str) -> String {
    let page = app
        .http
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let end = page
        .find(&format!("/{name}\""))
        .unwrap_or_else(|| panic!("no link to {name} in:\n{page}"));
    let start = page[..end].rfind("\"/static/").expect("link start") + 1;
    page[start..end + name.len() + 1].to_owned()
}

fn header(r: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test]
async fn answers_are_compressed_when_the_client_accepts_it() {
    let app = TestApp::builder().without_demo().spawn().await;
    let htmx = static_link(&app, "htmx.min.js").await;
    for (encoding, magic) in [("gzip", &[0x1f, 0x8b][..]), ("br", &[][..])] {
        for path in [htmx.as_str(), "/api/v1/openapi.json"] {
            let r = app
                .http
                .get(format!("{}{path}", app.base))
                .header(ACCEPT_ENCODING, encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{path}");
            assert_eq!(header(&r, CONTENT_ENCODING), encoding, "{path}");
            let body = r.bytes().await.unwrap();
            assert!(body.starts_with(magic), "{path} {encoding}");
        }
    }
    // Without Accept-Encoding: plain.
    let r = app
        .http
        .get(format!("{}{htmx}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&r, CONTENT_ENCODING), "");
    assert!(r.text().await.unwrap().contains("htmx"));
    // HTML pages carry the CSRF token next to text a request can put on them; compressing
    // them would let an attacker guess the token from sizes (BREACH), so they stay plain.
    let r = app
        .http
        .get(format!("{}/login", app.base))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, CONTENT_ENCODING), "");
}

#[tokio::test]
async fn static_files_live_at_versioned_addresses_cached_for_a_year() {
    let app = TestApp::builder().without_demo().spawn().await;
    for (name, content_type) in [
        ("htmx.min.js", "text/javascript"),
        ("app.js", "text/javascript"),
        ("style.css", "text/css"),
    ] {
        let link = static_link(&app, name).await;
        let r = app
            .http
            .get(format!("{}{link}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{link}");
        assert_eq!(
            header(&r, CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{link}"
        );
        assert!(
            header(&r, reqwest::header::CONTENT_TYPE).starts_with(content_type),
            "{link}"
        );
        // An address without the hash, or with another one, does not serve the file: only
        // the current content may be kept for a year.
        for wrong in [
            format!("/static/{name}"),
            format!("/static/0000000000000000/{name}"),
        ] {
            let r = app
                .http
                .get(format!("{}{wrong}", app.base))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{wrong}");
        }
    }
}

#[tokio::test]
async fn personal_answers_are_not_stored_by_caches() {
    let app = TestApp::spawn().await;
    let admin = app.login(TOKYO_ADMIN).await;
    let token = admin.token.clone().unwrap();
    // A logged-in page (the session cookie is the same kind of session as the API's).
    let page = app
        .http
        .get(format!("{}/account", app.base))
        .header(COOKIE, format!("nsdb_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, CACHE_CONTROL), "no-store");
    assert!(page.text().await.unwrap().contains(TOKYO));
    // API answers, successful or not.
    for (path, auth, status) in [
        ("/me", Some(&token), 200),
        ("/institutions", Some(&token), 200),
        ("/me", None, 401),
    ] {
        let mut req = app.http.get(format!("{}/api/v1{path}", app.base));
        if let Some(t) = auth {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(header(&r, CACHE_CONTROL), "no-store", "{path}");
    }
    // The OpenAPI document is the same for everyone.
    let r = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(!header(&r, CACHE_CONTROL).contains("no-store"));
}

#[tokio::test]
async fn the_request_log_has_method_route_status_and_latency_but_no_secrets() {
    let app = TestApp::spawn().await;
    let admin = app.login(TOKYO_ADMIN).await;
    let admin_id = admin.login_id.clone();
    let user_id = app.demo(TOKYO_USER).login_id.clone();
    admin.get(&format!("/accounts/{user_id}")).await.expect(200);
    admin.get("/me?secret-query-value=1").await.expect(200);
    let r = app
        .http
        .get(format!("{}/login?next=another-secret-query", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let log_path = app.data_path().join("server-stderr.log");
    let log = std::fs::read_to_string(&log_path).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("/api/v1/accounts/{login_id}"))
        .unwrap_or_else(|| panic!("no line for getAccount in:\n{log}"));
    assert!(line.contains("GET"), "{line}");
    assert!(line.contains("status=200"), "{line}");
    assert!(line.contains("latency="), "{line}");
    assert!(
        log.lines().any(|l| l.contains("POST")
            && l.contains("/api/v1/sessions")
            && l.contains("status=201")),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains("/login") && l.contains("status=200")),
        "{log}"
    );
    let token = admin.token.clone().unwrap();
    for secret in [
        "secret-query-value",
        "another-secret-query",
        DEMO_PASSWORD,
        admin_id.as_str(),
        user_id.as_str(),
        token.as_str(),
    ] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}
