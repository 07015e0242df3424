//! Forgotten password: a single-use reset link mailed to the registered address.
use crate::harness::*;
use serde_json::json;

/// The token of the `/password-reset/TOKEN` link in a mail.
fn reset_token(mail: &str) -> String {
    let start = mail
        .find("/password-reset/")
        .unwrap_or_else(|| panic!("no reset link in mail:\n{mail}"))
        + "/password-reset/".len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test]
async fn reset_link_works_once_and_replaces_the_password() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_CLERK).clone();
    let email = format!("{}@demo.nsdb.example", l.login_id.to_lowercase());
    let anon = app.anonymous();

    // 202 whether or not ID and address match; mail only when they do.
    for body in [
        json!({"login_id": "CL00000000", "email": email}),
        json!({"login_id": l.login_id, "email": "someone-else@example.jp"}),
    ] {
        let r = anon.post("/password-resets", &body).await;
        assert_eq!(r.status, 202, "{}", r.text);
    }
    assert!(
        app.outbox().is_empty(),
        "no mail for a mismatch: {:?}",
        app.outbox()
    );
    let r = anon
        .post(
            "/password-resets",
            &json!({"login_id": l.login_id, "email": email.to_uppercase()}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    let mails = app.outbox();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].contains(&format!("To: {email}")), "{}", mails[0]);
    let token = reset_token(&mails[0]);
    assert!(token.len() >= 32, "token {token}");
    // The link leads to the page where the new password is set.
    let page = app
        .http
        .get(format!("{}/password-reset/{token}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    // A bad token, and a weak password, are refused (the latter leaves the link usable).
    anon.post(
        "/password-resets/not-a-real-token",
        &json!({"new_password": GOOD_PASSWORD}),
    )
    .await
    .expect_invalid("token");
    anon.post(
        &format!("/password-resets/{token}"),
        &json!({"new_password": "weak"}),
    )
    .await
    .expect_invalid("new_password");

    // A live session of the account ends with the reset.
    let session = app.login(TOKYO_CLERK).await;
    let r = anon
        .post(
            &format!("/password-resets/{token}"),
            &json!({"new_password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    session.me().await.expect(401);

    // Single use.
    anon.post(
        &format!("/password-resets/{token}"),
        &json!({"new_password": "Second-use-2031"}),
    )
    .await
    .expect_invalid("token");

    // Old password no longer works; the new one does, with the same key file.
    app.create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await
        .expect(401);
    app.login_with(&l.login_id, GOOD_PASSWORD, Some(&l.key_text()))
        .await;
}

#[tokio::test]
async fn reset_link_expires() {
    let app = TestApp::spawn().await;
    let l = app.demo(YOKOHAMA_DOCTOR).clone();
    let email = format!("{}@demo.nsdb.example", l.login_id.to_lowercase());
    let r = app
        .anonymous()
        .post(
            "/password-resets",
            &json!({"login_id": l.login_id, "email": email}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    let token = reset_token(&app.outbox()[0]);
    app.sql("UPDATE password_resets SET expires_at = '2000-01-01T00:00:00.000000Z'")
        .await;
    app.anonymous()
        .post(
            &format!("/password-resets/{token}"),
            &json!({"new_password": GOOD_PASSWORD}),
        )
        .await
        .expect_invalid("token");
    app.login(YOKOHAMA_DOCTOR).await;
}

#[tokio::test]
async fn reset_clears_a_lock() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_COOPERATING).clone();
    for _ in 0..5 {
        app.create_session(&l.login_id, "bad-password-00", None)
            .await;
    }
    app.create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await
        .expect(423);
    let email = format!("{}@demo.nsdb.example", l.login_id.to_lowercase());
    app.anonymous()
        .post(
            "/password-resets",
            &json!({"login_id": l.login_id, "email": email}),
        )
        .await;
    let token = reset_token(&app.outbox()[0]);
    let r = app
        .anonymous()
        .post(
            &format!("/password-resets/{token}"),
            &json!({"new_password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.login_with(&l.login_id, GOOD_PASSWORD, Some(&l.key_text()))
        .await;
}

#[tokio::test]
async fn reset_link_uses_the_public_url() {
    let app = TestApp::builder()
        .args(["--public-url", "https://nsdb.example.jp/"])
        .spawn()
        .await;
    let l = app.demo(OPERATOR_USER).clone();
    let email = format!("{}@demo.nsdb.example", l.login_id.to_lowercase());
    app.anonymous()
        .post(
            "/password-resets",
            &json!({"login_id": l.login_id, "email": email}),
        )
        .await;
    let mail = &app.outbox()[0];
    assert!(
        mail.contains("https://nsdb.example.jp/password-reset/"),
        "{mail}"
    );
}

/// Issue 8: using one reset link voids every other outstanding link of the account, and so
/// does changing the password.
#[tokio::test]
async fn one_used_link_or_a_password_change_voids_every_other_link() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_CLERK).clone();
    let email = format!("{}@demo.nsdb.example", l.login_id.to_lowercase());
    let anon = app.anonymous();
    let request = || async {
        anon.post(
            "/password-resets",
            &json!({"login_id": l.login_id, "email": email}),
        )
        .await
        .expect(202);
    };
    request().await;
    request().await;
    let tokens: Vec<String> = app.outbox().iter().map(|m| reset_token(m)).collect();
    assert_eq!(tokens.len(), 2);
    anon.post(
        &format!("/password-resets/{}", tokens[1]),
        &json!({"new_password": GOOD_PASSWORD}),
    )
    .await
    .expect(204);
    anon.post(
        &format!("/password-resets/{}", tokens[0]),
        &json!({"new_password": "Other-password-2031"}),
    )
    .await
    .expect_invalid("token");

    // A link requested before a password change is void after it.
    request().await;
    let before_change = app
        .outbox()
        .iter()
        .map(|m| reset_token(m))
        .find(|t| !tokens.contains(t))
        .expect("a third link");
    let clerk = app
        .login_with(&l.login_id, GOOD_PASSWORD, Some(&l.key_text()))
        .await;
    clerk
        .put(
            "/me/password",
            &json!({"current_password": GOOD_PASSWORD, "new_password": "Changed-pass-2032"}),
        )
        .await
        .expect(204);
    anon.post(
        &format!("/password-resets/{before_change}"),
        &json!({"new_password": "Third-password-2033"}),
    )
    .await
    .expect_invalid("token");
}

/// Issue 8: reset requests are rate-limited per address (429 with Retry-After), whether or
/// not they match an account; another address is not affected.
#[tokio::test]
async fn reset_requests_are_rate_limited_per_address() {
    let app = TestApp::builder()
        .args(["--rate-limit-password-resets", "2"])
        .spawn()
        .await;
    let anon = app.anonymous();
    let body = json!({"login_id": "CL00000000", "email": "nobody@example.jp"});
    for _ in 0..3 {
        anon.post("/password-resets", &body).await.expect(202);
    }
    let r = anon.post("/password-resets", &body).await;
    r.expect(429);
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After {wait}");

    let elsewhere = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let r = elsewhere
        .post(format!("{}/api/v1/password-resets", app.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
}
