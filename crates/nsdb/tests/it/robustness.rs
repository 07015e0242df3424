//! Races, limits and malformed requests: the server answers in the documented shape and
//! keeps its invariants (one ID per doctor, one decision, an intact log chain).
use crate::harness::*;
use serde_json::json;

/// The server's default body limit (`max_upload_bytes`, 10 MiB).
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

#[tokio::test]
async fn concurrent_duplicate_doctor_ids_create_exactly_one() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let d = NewDoctor::new(TOKYO_HOSPITAL_CODE);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let c = tokyo.clone();
        let mut d = d.clone();
        // Half collide on 医籍登録番号, half on 指定医番号.
        if i % 2 == 1 {
            d.designated_doctor_number = format!("R-{}", unique());
        } else {
            d.medical_registration_number = format!("{}", 300_000 + unique());
        }
        tasks.push(tokio::spawn(async move { c.create_doctor(&d).await }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        if r.status != 201 {
            r.expect(409);
        }
        statuses.push(r.status);
    }
    // Even requests share the 指定医番号, odd ones the 医籍登録番号: one of each group wins.
    let created = statuses.iter().filter(|s| **s == 201).count();
    assert_eq!(created, 2, "{statuses:?}");
    let accounts = tokyo
        .accounts(&format!("?scope=institutions&q={TOKYO_HOSPITAL_CODE}"))
        .await;
    assert_eq!(accounts.len(), 5 + created);
    // No two live IDs of one program share a number.
    let mut regs: Vec<_> = accounts
        .iter()
        .filter(|a| a["program"] == json!("nanbyo"))
        .filter_map(|a| a["medical_registration_number"].as_str())
        .collect();
    let n = regs.len();
    regs.sort();
    regs.dedup();
    assert_eq!(regs.len(), n);
}

#[tokio::test]
async fn concurrent_decisions_decide_once() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_DOCTOR).await;
    let r = doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await;
    r.expect(201);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let manager = app.login(YOKOHAMA_MANAGER).await;
    let mut tasks = Vec::new();
    for i in 0..4 {
        let c = manager.clone();
        let path = format!("/concurrent-assignments/{id}/decision");
        tasks.push(tokio::spawn(async move {
            c.post(&path, &json!({"approve": i % 2 == 0})).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        let r = t.await.unwrap();
        if r.status == 200 {
            ok += 1;
        } else {
            r.expect(409);
        }
    }
    assert_eq!(ok, 1);
}

#[tokio::test]
async fn parallel_activity_keeps_the_log_chain_intact() {
    let mut app = TestApp::spawn().await;
    let mut tasks = Vec::new();
    for who in [
        TOKYO_ADMIN,
        TOKYO_USER,
        YOKOHAMA_ADMIN,
        YOKOHAMA_USER,
        TOKYO_CLERK,
        YOKOHAMA_CLERK,
        OPERATOR_USER,
        MINISTRY_USER,
    ] {
        let l = app.demo(who).clone();
        let anon = app.anonymous();
        tasks.push(tokio::spawn(async move {
            for i in 0..3 {
                let body = json!({"login_id": l.login_id, "password": if i == 1 { "wrong-password-x".to_owned() } else { l.password.clone() }, "key_file": l.key_text()});
                anon.post("/sessions", &body).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let operator = app.login(OPERATOR_ADMIN).await;
    let r = operator.get("/operation-logs?action=login").await;
    assert_eq!(r.body["total"], json!(8 * 3 + 1), "{}", r.text);
    app.stop();
    let out = run_cli(&["verify-log", "--database-url", &app.database_url()]);
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[tokio::test]
async fn unknown_ids_lock_like_real_ones() {
    let app = TestApp::spawn().await;
    let mut last = None;
    for _ in 0..5 {
        last = Some(
            app.create_session("DR00000001", "wrong-password-1", None)
                .await,
        );
    }
    // The fifth failure answers 423 as for an existing ID: no way to tell them apart.
    last.unwrap().expect(423);
}

#[tokio::test]
async fn oversized_uploads_are_413_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    // More rows than one file may hold.
    let mut csv =
        "医療機関コード,姓,名,姓カナ,名カナ,医籍登録番号,指定医番号,難病/小慢,指定医有効期限\n"
            .to_owned();
    for i in 0..5001 {
        csv.push_str(&format!(
            "{TOKYO_HOSPITAL_CODE},多,数,タ,スウ,{},M-{i},難病,2030-03-31\n",
            100_000 + i
        ));
    }
    let r = tokyo
        .post_bytes("/doctors/import", csv.into_bytes(), "text/csv")
        .await;
    r.expect(413);
    assert_eq!(
        tokyo
            .accounts(&format!("?scope=institutions&q={TOKYO_HOSPITAL_CODE}"))
            .await
            .len(),
        5
    );
    // A JSON body over the limit — only just over it: the server answers
    // 413 once it has read the limit and closes the connection, and a client
    // still writing megabytes then sees a broken pipe instead of the answer.
    let big = "あ".repeat(UPLOAD_LIMIT / 3 + 20_000);
    tokyo
        .post(
            "/institutions",
            &json!({"code": new_institution_code(), "name": big}),
        )
        .await
        .expect(413);
}

#[tokio::test]
async fn oversized_file_body_is_413_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let r = tokyo
        .post_bytes(
            "/doctors/import",
            vec![b'a'; UPLOAD_LIMIT + 64 * 1024],
            "application/octet-stream",
        )
        .await;
    r.expect(413);
}

#[tokio::test]
async fn malformed_requests_are_400_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    // Not JSON; a missing field.
    let r = tokyo
        .post_bytes("/institutions", b"{not json".to_vec(), "application/json")
        .await;
    r.expect(400);
    tokyo
        .post("/institutions", &json!({"name": "コード無し病院"}))
        .await
        .expect(400);
    tokyo
        .post(
            "/doctors",
            &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
        )
        .await
        .expect(400);
}

#[tokio::test]
async fn malformed_query_is_400_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let operator = app.login(OPERATOR_ADMIN).await;
    operator.get("/operation-logs?page=abc").await.expect(400);
    operator.get("/accounts?page=abc").await.expect(400);
}

#[tokio::test]
async fn sessions_end_after_their_lifetime() {
    let app = TestApp::builder()
        .args(["--session-lifetime-hours", "1"])
        .spawn()
        .await;
    let c = app.login(OPERATOR_USER).await;
    c.me().await.expect(200);
    app.sql("UPDATE sessions SET created_at = '2000-01-01T00:00:00.000000Z'")
        .await;
    c.me().await.expect(401);
}

#[tokio::test]
async fn concurrent_duplicate_registrations_create_one() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let operator = app.login(OPERATOR_ADMIN).await;
    let code = new_institution_code();
    let mut tasks = Vec::new();
    for i in 0..4 {
        let (t, o, code) = (tokyo.clone(), operator.clone(), code.clone());
        tasks.push(tokio::spawn(async move {
            (
                t.post(
                    "/institutions",
                    &json!({"code": code, "name": format!("競合病院{i}")}),
                )
                .await,
                o.post(
                    "/municipalities",
                    &json!({"code": "270008", "name": "大阪府", "programs": ["nanbyo"]}),
                )
                .await,
            )
        }));
    }
    let (mut institutions, mut municipalities) = (0, 0);
    for t in tasks {
        let (a, b) = t.await.unwrap();
        for (r, n) in [(a, &mut institutions), (b, &mut municipalities)] {
            if r.status == 201 {
                *n += 1;
            } else {
                r.expect(409);
            }
        }
    }
    assert_eq!((institutions, municipalities), (1, 1));
}

/// Issue 8: a 5 MB log-in ID was stored whole in the operation log and the lock-out table.
/// Every field is bounded before anything is stored.
#[tokio::test]
async fn overlong_fields_are_refused_before_anything_is_stored() {
    let app = TestApp::spawn().await;
    let operator = app.login(OPERATOR_ADMIN).await;
    let logged = || async {
        operator.get("/operation-logs?action=login").await.body["total"]
            .as_i64()
            .unwrap()
    };
    let before = logged().await;
    let huge = "A".repeat(5 * 1024 * 1024);
    app.create_session(&huge, "wrong-password-1", None)
        .await
        .expect_invalid("login_id");
    // The log-in ID limit is 64 characters; 65 is refused, 64 is an ordinary failure.
    app.create_session(&"A".repeat(65), "wrong-password-1", None)
        .await
        .expect_invalid("login_id");
    app.create_session(&"A".repeat(64), "wrong-password-1", None)
        .await
        .expect(401);
    assert_eq!(
        logged().await,
        before + 1,
        "only the 64-character attempt is logged"
    );
    let long_password = "p".repeat(129);
    app.create_session("DR00000001", &long_password, None)
        .await
        .expect_invalid("password");

    // Any value of any JSON body: 4,000 characters at most, named by its path.
    let tokyo = app.login(TOKYO_ADMIN).await;
    tokyo
        .post(
            "/institutions",
            &json!({"code": new_institution_code(), "name": "名".repeat(4_001)}),
        )
        .await
        .expect_invalid("name");
    let r = app
        .anonymous()
        .post(
            "/password-resets",
            &json!({"login_id": "x".repeat(100), "email": "a@example.jp"}),
        )
        .await;
    r.expect_invalid("login_id");
}

/// Issue 8: failed log-ins are rate-limited per address (429 with Retry-After), counting
/// failures only; another address logs in as usual.
#[tokio::test]
async fn failed_logins_from_one_address_are_rate_limited() {
    let app = TestApp::builder()
        .args(["--rate-limit-login-failures", "3"])
        .spawn()
        .await;
    // Successes do not count.
    for _ in 0..5 {
        app.login(TOKYO_CLERK).await;
    }
    // Different IDs each time: the per-account lock-out stays out of the picture.
    for i in 0..4 {
        app.create_session(&format!("DR9999000{i}"), "wrong-password-1", None)
            .await
            .expect(401);
    }
    let l = app.demo(TOKYO_CLERK).clone();
    let r = app
        .create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await;
    r.expect(429);
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&wait), "Retry-After {wait}");

    let elsewhere = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let r = elsewhere
        .post(format!("{}/api/v1/sessions", app.base))
        .json(&json!({"login_id": l.login_id, "password": l.password, "key_file": l.key_text()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

/// Issue 8: `-0001-01-01`, `0000-01-01`, `+2030-01-01` and `2030-1-1` were accepted as
/// 指定医有効期限, a past 有効期限 went through without a word, and a bad date in a search
/// filter answered an empty result.
#[tokio::test]
async fn dates_are_parsed_strictly_and_past_expiry_dates_are_refused() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    for bad in [
        "-0001-01-01",
        "0000-01-01",
        "+2030-01-01",
        "2030-1-1",
        "2030-02-30",
    ] {
        let mut d = NewDoctor::new(TOKYO_HOSPITAL_CODE);
        d.valid_until = bad.into();
        tokyo.create_doctor(&d).await.expect_invalid("valid_until");
    }
    let mut past = NewDoctor::new(TOKYO_HOSPITAL_CODE);
    past.valid_until = "2020-03-31".into();
    tokyo
        .create_doctor(&past)
        .await
        .expect_invalid("valid_until")
        .expect_message_contains("過ぎています");
    let mut excel = NewDoctor::new(TOKYO_HOSPITAL_CODE);
    excel.valid_until = "2030/3/31".into();
    tokyo.create_doctor(&excel).await.expect(201);

    for bad in [
        "from=2026-1-1",
        "until=0000-01-01",
        "from=yesterday",
        "until=2026-12-02T25:00",
    ] {
        tokyo
            .get(&format!("/operation-logs?{bad}"))
            .await
            .expect(400);
    }
    tokyo
        .get("/operation-logs?from=2026-01-01&until=2026-12-31T23:59:59%2B09:00")
        .await
        .expect(200);
}

/// PostgreSQL: the pool does not ping a connection before each use (a round trip per
/// request), so connections the server ended meanwhile (a restart, pg_terminate_backend, an
/// idle time-out) must not reach the user: every request after they are ended still works.
#[tokio::test]
async fn requests_go_on_after_the_database_ends_every_connection() {
    let app = TestApp::spawn().await;
    if !app.database.is_postgres() {
        return; // SQLite's connections are files: nothing can end them.
    }
    let clerk = app.login(TOKYO_CLERK).await;
    // Several requests at once, so that the pool holds several connections.
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let clerk = clerk.clone();
            tokio::spawn(async move { clerk.get("/patients").await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect(200);
    }
    app.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .await;
    for _ in 0..20 {
        clerk.get("/patients").await.expect(200);
    }
}
