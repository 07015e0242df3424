//! Operation-log search (scope, filters, CSV) and the hash chain (`nsdb verify-log`).
use crate::harness::*;
use serde_json::{json, Value};

fn items(r: &Resp) -> Vec<Value> {
    r.body["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn operator_and_ministry_search_everything() {
    let app = TestApp::spawn().await;
    let yokohama_admin = app.demo(YOKOHAMA_ADMIN).login_id.clone();
    let tokyo_doctor = app.demo(TOKYO_DOCTOR).login_id.clone();
    app.login(YOKOHAMA_ADMIN).await;
    app.login(TOKYO_DOCTOR).await;
    app.create_session(&tokyo_doctor, "wrong-password-1", None)
        .await
        .expect(401);

    for who in [OPERATOR_ADMIN, OPERATOR_USER, MINISTRY_ADMIN, MINISTRY_USER] {
        let c = app.login(who).await;
        let r = c.get("/operation-logs?action=login").await;
        r.expect(200);
        let list = items(&r);
        assert!(!list.is_empty());
        assert!(
            list.iter().all(|i| i["action"] == json!("login")),
            "{}",
            r.text
        );
        for actor in [&yokohama_admin, &tokyo_doctor] {
            assert!(
                list.iter()
                    .any(|i| i["actor"] == json!(actor) && i["result"] == json!("success")),
                "{who:?} should see the log-in of {actor}"
            );
        }
        assert!(list
            .iter()
            .any(|i| i["actor"] == json!(tokyo_doctor) && i["result"] == json!("failure")));
        // Entries carry their chain, number and hash; newest first.
        let ats: Vec<&str> = list.iter().map(|i| i["at"].as_str().unwrap()).collect();
        assert!(ats.windows(2).all(|w| w[0] >= w[1]), "{ats:?}");
        assert!(list.iter().all(|i| i["hash"].as_str().unwrap().len() == 64
            && i["seq"].as_i64().unwrap() >= 1
            && !i["chain"].as_str().unwrap().is_empty()));
    }

    // Filters combine: actor + action.
    let operator = app.login(OPERATOR_ADMIN).await;
    let r = operator
        .get(&format!(
            "/operation-logs?actor={tokyo_doctor}&action=login"
        ))
        .await;
    r.expect(200);
    let list = items(&r);
    assert_eq!(list.len(), 2, "one success, one failure: {}", r.text);
    assert!(list.iter().all(|i| i["actor"] == json!(tokyo_doctor)));
    assert_eq!(r.body["total"], json!(2));
    let r = operator
        .get(&format!(
            "/operation-logs?actor={tokyo_doctor}&action=create_doctor"
        ))
        .await;
    assert_eq!(r.body["total"], json!(0), "{}", r.text);
    // By action only: the demo seeding issued 8 doctor IDs.
    let r = operator.get("/operation-logs?action=create_doctor").await;
    assert_eq!(r.body["total"], json!(8), "{}", r.text);
    // By target (part of it).
    let r = operator
        .get(&format!("/operation-logs?target={}", &tokyo_doctor[2..]))
        .await;
    assert!(items(&r).iter().all(|i| i["target"]
        .as_str()
        .is_some_and(|t| t.contains(&tokyo_doctor[2..]))));
    assert!(r.body["total"].as_i64().unwrap() >= 3);
    // By time: everything is from today; nothing from the future.
    let r = operator.get("/operation-logs?from=2000-01-01").await;
    assert!(r.body["total"].as_i64().unwrap() > 10, "{}", r.text);
    let r = operator.get("/operation-logs?from=2199-01-01").await;
    assert_eq!(r.body["total"], json!(0), "{}", r.text);
    // Searching is itself logged.
    let r = operator
        .get("/operation-logs?action=search_operation_logs")
        .await;
    assert!(r.body["total"].as_i64().unwrap() >= 4, "{}", r.text);
}

/// The log is chained per organization (issue 9: no global bottleneck): an organization's
/// entries are numbered in its own chain, and entries no organization acted in (a log-in
/// with an unknown ID) go to the system chain.
#[tokio::test]
async fn each_organization_appends_to_its_own_chain() {
    let app = TestApp::spawn().await;
    let yokohama_admin = app.demo(YOKOHAMA_ADMIN).login_id.clone();
    let tokyo_doctor = app.demo(TOKYO_DOCTOR).login_id.clone();
    app.login(YOKOHAMA_ADMIN).await;
    app.login(TOKYO_DOCTOR).await;
    app.create_session("no-such-login-id", "wrong-password-1", None)
        .await
        .expect(401);
    let operator = app.login(OPERATOR_ADMIN).await;
    let chains_of = |r: &Resp| -> std::collections::BTreeSet<String> {
        items(r)
            .iter()
            .map(|i| i["chain"].as_str().unwrap().to_owned())
            .collect()
    };
    let yokohama = operator
        .get(&format!("/operation-logs?actor={yokohama_admin}"))
        .await;
    let tokyo = operator
        .get(&format!("/operation-logs?actor={tokyo_doctor}"))
        .await;
    let (yokohama, tokyo) = (chains_of(&yokohama), chains_of(&tokyo));
    assert_eq!(yokohama.len(), 1, "{yokohama:?}");
    assert_eq!(tokyo.len(), 1, "{tokyo:?}");
    assert_ne!(yokohama, tokyo);
    let unknown = operator.get("/operation-logs?actor=no-such-login-id").await;
    assert_eq!(
        chains_of(&unknown),
        std::collections::BTreeSet::from(["system".to_owned()]),
        "{}",
        unknown.text
    );
    // Within a chain, numbers are unique.
    let all = operator.get("/operation-logs").await;
    let mut seen = std::collections::BTreeSet::new();
    for i in items(&all) {
        assert!(
            seen.insert((i["chain"].to_string(), i["seq"].as_i64().unwrap())),
            "{i}"
        );
    }
}

#[tokio::test]
async fn a_municipality_sees_only_its_own_scope() {
    let app = TestApp::spawn().await;
    let yokohama_admin = app.demo(YOKOHAMA_ADMIN).login_id.clone();
    let yokohama_doctor = app.demo(YOKOHAMA_DOCTOR).login_id.clone();
    let tokyo_doctor = app.demo(TOKYO_DOCTOR).login_id.clone();
    app.login(YOKOHAMA_ADMIN).await;
    app.login(YOKOHAMA_DOCTOR).await;
    app.login(TOKYO_DOCTOR).await;

    let tokyo = app.login(TOKYO_ADMIN).await;
    for actor in [&yokohama_admin, &yokohama_doctor] {
        let r = tokyo.get(&format!("/operation-logs?actor={actor}")).await;
        r.expect(200);
        assert_eq!(
            r.body["total"],
            json!(0),
            "Tokyo must not see {actor}: {}",
            r.text
        );
    }
    let r = tokyo
        .get(&format!(
            "/operation-logs?actor={tokyo_doctor}&action=login"
        ))
        .await;
    assert_eq!(r.body["total"], json!(1), "{}", r.text);
    // Nothing at all from Yokohama's organizations in Tokyo's view.
    let all = tokyo.get("/operation-logs").await;
    let yokohama_ids: Vec<String> = app
        .logins
        .iter()
        .filter(|l| l.organization == YOKOHAMA || l.organization == YOKOHAMA_HOSPITAL)
        .map(|l| l.login_id.clone())
        .collect();
    for i in items(&all) {
        let actor = i["actor"].as_str().unwrap_or("");
        assert!(!yokohama_ids.iter().any(|y| y == actor), "leaked: {i}");
    }
    // The Tokyo 一般ユーザ has the same view; Yokohama sees its own.
    let r = app
        .login(TOKYO_USER)
        .await
        .get(&format!("/operation-logs?actor={yokohama_doctor}"))
        .await;
    assert_eq!(r.body["total"], json!(0), "{}", r.text);
    let r = app
        .login(YOKOHAMA_USER)
        .await
        .get(&format!(
            "/operation-logs?actor={yokohama_doctor}&action=login"
        ))
        .await;
    assert_eq!(r.body["total"], json!(1), "{}", r.text);

    // Institution accounts may not search at all.
    for who in [TOKYO_CLERK, TOKYO_MANAGER, TOKYO_DOCTOR, TOKYO_COOPERATING] {
        app.login(who)
            .await
            .get("/operation-logs")
            .await
            .expect(403);
    }
}

#[tokio::test]
async fn csv_download() {
    let app = TestApp::spawn().await;
    let doctor = app.demo(YOKOHAMA_MANAGER).login_id.clone();
    app.login(YOKOHAMA_MANAGER).await;
    let r = app
        .login(MINISTRY_USER)
        .await
        .get(&format!(
            "/operation-logs?format=csv&actor={doctor}&action=login"
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.content_type.starts_with("text/csv"), "{}", r.content_type);
    let text = r.text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "チェーン,連番,日時（日本時間）,操作者,操作,対象,結果,接続元,詳細,ハッシュ"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[1].contains(&doctor) && lines[1].contains(",login,"),
        "{}",
        lines[1]
    );
    // Times carry their offset: the screen shows JST, and so does the file.
    assert!(lines[1].contains("+09:00,"), "{}", lines[1]);
    // A clerk gets 403, also for CSV.
    app.login(YOKOHAMA_CLERK)
        .await
        .get("/operation-logs?format=csv")
        .await
        .expect(403);
}

/// Whatever someone types as a log-in ID reaches the operator's CSV: a cell a spreadsheet
/// would run as a formula is written as text (a leading `'`).
#[tokio::test]
async fn csv_cells_never_run_as_formulas() {
    let app = TestApp::spawn().await;
    let typed = [
        r#"=HYPERLINK("http://attacker.invalid/","x")"#,
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
    ];
    // (A leading tab or CR is trimmed from a log-in ID before it is logged; the writer's
    // own handling of them is pinned by the unit test of `neutralize_formula`.)
    for login_id in typed {
        app.create_session(login_id, "wrong-password-1", None).await;
    }
    let r = app
        .login(OPERATOR_ADMIN)
        .await
        .get("/operation-logs?format=csv&action=login")
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(r.text.trim_start_matches('\u{feff}').as_bytes());
    let actors: Vec<String> = reader
        .records()
        .map(|rec| rec.unwrap()[3].to_owned())
        .collect();
    for login_id in typed {
        assert!(
            actors.iter().any(|a| *a == format!("'{login_id}")),
            "{login_id:?} not neutralised in {actors:?}"
        );
    }
    assert!(
        actors
            .iter()
            .all(|a| !a.starts_with(['=', '+', '-', '@', '\t'])),
        "{actors:?}"
    );
}

#[tokio::test]
async fn verify_log_detects_tampering() {
    let mut app = TestApp::spawn().await;
    app.login(TOKYO_MANAGER).await;
    app.stop();
    let url = app.database_url();
    let ok = run_cli(&["verify-log", "--database-url", &url]);
    assert_eq!(ok.code, Some(0), "{ok:?}");
    assert!(!ok.stdout.trim().is_empty());

    // The second entry of the longest chain (each organization has its own chain).
    app.sql(
        "UPDATE operation_logs SET detail = 'x' WHERE seq = 2 AND chain = \
         (SELECT chain FROM operation_log_chains ORDER BY seq DESC, chain LIMIT 1)",
    )
    .await;
    let broken = run_cli(&["verify-log", "--database-url", &url]);
    assert_eq!(broken.code, Some(1), "{broken:?}");
    let out = format!("{}{}", broken.stdout, broken.stderr);
    assert!(out.contains("連番2:"), "names entry 2 of its chain: {out}");
}

#[tokio::test]
async fn verify_log_detects_a_deleted_entry() {
    let mut app = TestApp::spawn().await;
    app.stop();
    let url = app.database_url();
    app.sql(
        "DELETE FROM operation_logs WHERE chain = (SELECT MIN(chain) FROM operation_log_chains) \
         AND seq = (SELECT seq FROM operation_log_chains WHERE chain = (SELECT MIN(chain) FROM operation_log_chains))",
    )
    .await;
    let broken = run_cli(&["verify-log", "--database-url", &url]);
    assert_eq!(broken.code, Some(1), "{broken:?}");
}

/// The log screen names the operations on forms in Japanese (it showed 「その他の操作」 for
/// every one of them).
#[tokio::test]
async fn the_log_screen_names_form_operations() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let created = crate::forms::draft(&doctor, "nanbyo-006-2403").await;
    let form_id = created["id"].as_str().unwrap().to_owned();
    doctor.get(&format!("/forms/{form_id}")).await.expect(200);

    let admin = app.login(TOKYO_ADMIN).await;
    let (status, _, page) = app
        .screen(
            admin.token.as_deref().unwrap(),
            &format!("/logs?target={form_id}"),
        )
        .await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    for label in ["臨個票・意見書の作成", "臨個票・意見書の参照"] {
        assert!(page.contains(label), "{label}");
    }
    assert!(!page.contains("その他の操作"));
}
