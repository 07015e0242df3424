//! Log-in, key files, lock-out, log-out, first log-in (domain.md "Log-in").
use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn login_with_password_and_key_file_gives_a_token() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_MANAGER).clone();
    let r = app
        .create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await;
    r.expect(201);
    let token = r.body["token"].as_str().expect("token");
    assert!(token.len() >= 32, "token should be long: {token}");
    assert_eq!(r.body["first_login"], json!(false));
    assert_eq!(r.body["account"]["login_id"], json!(l.login_id));
    assert_eq!(r.body["account"]["role"], json!("doctor"));
    assert_eq!(r.body["account"]["organization"], json!(TOKYO_HOSPITAL));

    let me = app.client_with_token(&l.login_id, token).me().await;
    me.expect(200);
    assert_eq!(me.body["login_id"], json!(l.login_id));
    assert_eq!(me.body["is_manager"], json!(true));
    assert_eq!(me.body["organization_code"], json!(TOKYO_HOSPITAL_CODE));

    // Without a token, or with a made-up one: 401 in the error shape.
    app.anonymous().me().await.expect(401);
    app.client_with_token("x", "not-a-token")
        .me()
        .await
        .expect(401);
}

#[tokio::test]
async fn wrong_password_and_unknown_id_are_refused_alike() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_CLERK).clone();
    let wrong = app
        .create_session(&l.login_id, "wrong-password-1", Some(&l.key_text()))
        .await;
    wrong.expect(401);
    let unknown = app
        .create_session("DR99999999", "wrong-password-1", Some(&l.key_text()))
        .await;
    unknown.expect(401);
    assert_eq!(wrong.message(), unknown.message());
    assert_eq!(wrong.error_code(), unknown.error_code());
    // Malformed JSON is 400, not 401.
    let r = app
        .anonymous()
        .post("/sessions", &json!({"login_id": 1}))
        .await;
    r.expect(400);
}

#[tokio::test]
async fn missing_wrong_or_other_users_key_file_is_refused() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_DOCTOR).clone();
    let other = app.demo(TOKYO_CLERK).clone();
    let unknown = app.create_session("CL00000000", &l.password, None).await;
    unknown.expect(401);

    let missing = app.create_session(&l.login_id, &l.password, None).await;
    missing.expect(401);
    assert_eq!(missing.message(), unknown.message());

    let garbage = app
        .create_session(&l.login_id, &l.password, Some("not a key file"))
        .await;
    garbage.expect(401);

    // Another user's key file, even with its login_id line edited to ours.
    let others = app
        .create_session(&l.login_id, &l.password, Some(&other.key_text()))
        .await;
    others.expect(401);
    let forged = other.key_text().replace(&other.login_id, &l.login_id);
    app.create_session(&l.login_id, &l.password, Some(&forged))
        .await
        .expect(401);

    // Our own key still works.
    app.login(TOKYO_DOCTOR).await;
}

#[tokio::test]
async fn five_failures_lock_the_account_until_its_manager_unlocks_it() {
    let app = TestApp::spawn().await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    for i in 1..=4 {
        app.create_session(
            &clerk.login_id,
            &format!("wrong-{i}-password"),
            Some(&clerk.key_text()),
        )
        .await
        .expect(401);
    }
    let fifth = app
        .create_session(&clerk.login_id, "wrong-5-password", Some(&clerk.key_text()))
        .await;
    fifth.expect(423);
    assert_eq!(fifth.error_code(), "locked");
    fifth.expect_message_contains("ロック");
    // The right password is refused while locked.
    let right = app
        .create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await;
    right.expect(423);
    right.expect_message_contains("ロック");

    // Another institution's 責任者 cannot see it; a clerk cannot unlock; its own 責任者 can.
    let yokohama_manager = app.login(YOKOHAMA_MANAGER).await;
    yokohama_manager
        .post_empty(&format!("/accounts/{}/unlock", clerk.login_id))
        .await
        .expect(404);
    let doctor = app.login(TOKYO_DOCTOR).await;
    doctor
        .post_empty(&format!("/accounts/{}/unlock", clerk.login_id))
        .await
        .expect(403);
    let manager = app.login(TOKYO_MANAGER).await;
    let r = manager
        .post_empty(&format!("/accounts/{}/unlock", clerk.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.login(TOKYO_CLERK).await;

    // Log-in failures, the lock and the unlock are in the operation log.
    let operator = app.login(OPERATOR_ADMIN).await;
    let r = operator
        .get(&format!("/operation-logs?target={}", clerk.login_id))
        .await;
    r.expect(200);
    let actions: Vec<(&str, &str)> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["action"].as_str().unwrap(), i["result"].as_str().unwrap()))
        .collect();
    for wanted in [
        ("login", "failure"),
        ("lock", "success"),
        ("unlock", "success"),
        ("login", "success"),
    ] {
        assert!(
            actions.contains(&wanted),
            "{wanted:?} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn municipality_admin_unlocks_a_doctor_it_issued() {
    let app = TestApp::spawn().await;
    let doctor = app.demo(TOKYO_DOCTOR).clone();
    for _ in 0..5 {
        app.create_session(&doctor.login_id, "bad-password-00", None)
            .await;
    }
    app.create_session(&doctor.login_id, &doctor.password, Some(&doctor.key_text()))
        .await
        .expect(423);
    // Yokohama did not issue it: 404. Tokyo's 一般ユーザ: 403 (管理者 only). Tokyo's 管理者: unlocks.
    app.login(YOKOHAMA_ADMIN)
        .await
        .post_empty(&format!("/accounts/{}/unlock", doctor.login_id))
        .await
        .expect(404);
    app.login(TOKYO_USER)
        .await
        .post_empty(&format!("/accounts/{}/unlock", doctor.login_id))
        .await
        .expect(403);
    let r = app
        .login(TOKYO_ADMIN)
        .await
        .post_empty(&format!("/accounts/{}/unlock", doctor.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.login(TOKYO_DOCTOR).await;
}

#[tokio::test]
async fn a_short_configured_lockout_cools_down() {
    let app = TestApp::builder()
        .args([
            "--lockout-max-failures",
            "3",
            "--lockout-cool-down-minutes",
            "1",
        ])
        .spawn()
        .await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    app.create_session(&clerk.login_id, "bad-password-01", None)
        .await
        .expect(401);
    app.create_session(&clerk.login_id, "bad-password-02", None)
        .await
        .expect(401);
    let third = app
        .create_session(&clerk.login_id, "bad-password-03", None)
        .await;
    third.expect(423);
    third.expect_message_contains("3回");
    third.expect_message_contains("1分");
    app.create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await
        .expect(423);
    // Let the minute pass (the lock started two minutes ago).
    app.sql(&format!(
        "UPDATE login_attempts SET locked_at = '2000-01-01T00:00:00.000000Z' WHERE login_id = '{}'",
        clerk.login_id
    ))
    .await;
    app.login(TOKYO_CLERK).await;
    // The counter started afresh: one failure is a plain 401 again.
    app.create_session(&clerk.login_id, "bad-password-04", None)
        .await
        .expect(401);
}

#[tokio::test]
async fn without_cool_down_only_an_administrator_unlocks() {
    let app = TestApp::builder()
        .args([
            "--lockout-max-failures",
            "2",
            "--lockout-cool-down-minutes",
            "0",
        ])
        .spawn()
        .await;
    let clerk = app.demo(YOKOHAMA_CLERK).clone();
    app.create_session(&clerk.login_id, "bad-password-01", None)
        .await
        .expect(401);
    let locked = app
        .create_session(&clerk.login_id, "bad-password-02", None)
        .await;
    locked.expect(423);
    assert!(!locked.message().contains("分後"), "{}", locked.text);
    app.sql(&format!(
        "UPDATE login_attempts SET locked_at = '2000-01-01T00:00:00.000000Z' WHERE login_id = '{}'",
        clerk.login_id
    ))
    .await;
    app.create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await
        .expect(423);
    let r = app
        .login(YOKOHAMA_MANAGER)
        .await
        .post_empty(&format!("/accounts/{}/unlock", clerk.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.login(YOKOHAMA_CLERK).await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let c = app.login(MINISTRY_USER).await;
    let other = app.login(MINISTRY_USER).await;
    c.me().await.expect(200);
    let r = c.delete("/sessions/current").await;
    assert_eq!(r.status, 204, "{}", r.text);
    c.me().await.expect(401);
    c.delete("/sessions/current").await.expect(401);
    // Only that session ended.
    other.me().await.expect(200);
}

#[tokio::test]
async fn idle_sessions_end() {
    let app = TestApp::builder()
        .args(["--idle-timeout-minutes", "1"])
        .spawn()
        .await;
    let c = app.login(OPERATOR_USER).await;
    c.me().await.expect(200);
    app.sql("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000000Z'")
        .await;
    c.me().await.expect(401);
}

#[tokio::test]
async fn first_login_sets_password_and_email_and_issues_the_key_file() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let code = new_institution_code();
    tokyo.create_institution(&code, "初回ログイン病院").await;
    let doctor = tokyo.issue_doctor(&NewDoctor::new(&code)).await;

    // A wrong one-time password is an ordinary failure.
    app.create_session(&doctor.login_id, "wrong-one-time", None)
        .await
        .expect(401);

    let r = app
        .create_session(&doctor.login_id, &doctor.password, None)
        .await;
    r.expect(201);
    assert_eq!(r.body["first_login"], json!(true));
    let c = app.client_with_token(&doctor.login_id, r.body["token"].as_str().unwrap());
    // The token is good only for completeFirstLogin.
    c.me().await.expect(403);
    c.get("/accounts").await.expect(403);
    c.post(
        "/concurrent-assignments",
        &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
    )
    .await
    .expect(403);
    c.post("/sessions/current/key-file", &json!({"code": "ABCDEFGH"}))
        .await
        .expect(409);

    // Weak passwords and a bad e-mail are refused naming the field.
    for weak in [
        "short1!",
        "onlyletterspassword",
        &format!("x{}-9", doctor.login_id),
    ] {
        c.post(
            "/sessions/current/first-login",
            &json!({"email": "dr@example.jp", "new_password": weak}),
        )
        .await
        .expect_invalid("new_password");
    }
    c.post(
        "/sessions/current/first-login",
        &json!({"email": "dr@example.jp", "new_password": doctor.password}),
    )
    .await
    .expect_invalid("new_password");
    c.post(
        "/sessions/current/first-login",
        &json!({"email": "not-an-address", "new_password": GOOD_PASSWORD}),
    )
    .await
    .expect_invalid("email");

    let r = c
        .post(
            "/sessions/current/first-login",
            &json!({"email": "dr@example.jp", "new_password": GOOD_PASSWORD}),
        )
        .await;
    r.expect(200);
    let key = r.body["key_file"].as_str().unwrap().to_owned();
    assert!(
        key.contains(&doctor.login_id),
        "key file names its login ID: {key}"
    );
    // This session now has full rights; completing again is refused.
    let me = c.me().await;
    me.expect(200);
    assert_eq!(me.body["email"], json!("dr@example.jp"));
    assert_eq!(me.body["is_manager"], json!(true));
    c.post(
        "/sessions/current/first-login",
        &json!({"email": "dr@example.jp", "new_password": "Another-pass-42"}),
    )
    .await
    .expect(409);

    // From now on: password + key file.
    app.create_session(&doctor.login_id, GOOD_PASSWORD, None)
        .await
        .expect(401);
    app.login_with(&doctor.login_id, GOOD_PASSWORD, Some(&key))
        .await;
    app.create_session(&doctor.login_id, &doctor.password, Some(&key))
        .await
        .expect(401);
    app.create_session(&doctor.login_id, &doctor.password, None)
        .await
        .expect(401);
}

#[tokio::test]
async fn change_own_password() {
    let app = TestApp::spawn().await;
    let l = app.demo(MINISTRY_ADMIN).clone();
    let c = app.login(MINISTRY_ADMIN).await;
    c.put(
        "/me/password",
        &json!({"current_password": "wrong-current-1", "new_password": GOOD_PASSWORD}),
    )
    .await
    .expect_invalid("current_password");
    c.put(
        "/me/password",
        &json!({"current_password": l.password, "new_password": "short"}),
    )
    .await
    .expect_invalid("new_password");
    let r = c
        .put(
            "/me/password",
            &json!({"current_password": l.password, "new_password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await
        .expect(401);
    app.login_with(&l.login_id, GOOD_PASSWORD, Some(&l.key_text()))
        .await;
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = TestApp::spawn().await;
    let l = app.demo(YOKOHAMA_USER).clone();
    for _ in 0..4 {
        app.create_session(&l.login_id, "bad-password-00", None)
            .await
            .expect(401);
    }
    app.login(YOKOHAMA_USER).await;
    for _ in 0..4 {
        app.create_session(&l.login_id, "bad-password-00", None)
            .await
            .expect(401);
    }
    app.login(YOKOHAMA_USER).await;
}

#[tokio::test]
async fn administrator_password_reset_ends_sessions_and_restarts_first_login() {
    let app = TestApp::spawn().await;
    let l = app.demo(TOKYO_USER).clone();
    let session = app.login(TOKYO_USER).await;
    let r = app
        .login(TOKYO_ADMIN)
        .await
        .post_empty(&format!("/accounts/{}/password-reset", l.login_id))
        .await;
    r.expect(200);
    session.me().await.expect(401);
    let one_time = r.body["initial_password"].as_str().unwrap();
    // The old key file is revoked with the reset: first log-in issues a new one.
    let (c, key) = app.first_login(&l.login_id, one_time).await;
    assert_ne!(key, l.key_text());
    c.me().await.expect(200);
    app.create_session(&l.login_id, GOOD_PASSWORD, Some(&l.key_text()))
        .await
        .expect(401);
}

#[tokio::test]
async fn the_api_does_not_take_session_cookies() {
    // The API authenticates by bearer token only (no CSRF exposure through cookies).
    let app = TestApp::spawn().await;
    let c = app.login(OPERATOR_ADMIN).await;
    let token = c.token.clone().unwrap();
    let r = app
        .http
        .get(format!("{}/api/v1/me", app.base))
        .header("Cookie", format!("nsdb_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
