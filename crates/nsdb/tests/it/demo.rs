//! `nsdb serve --demo`: the demo organizations and accounts of interfaces.md.
use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn demo_logins_cover_every_role_and_all_work() {
    let app = TestApp::spawn().await;
    let roles: Vec<&str> = app.logins.iter().map(|l| l.role.as_str()).collect();
    for role in [
        "ministry_admin",
        "ministry_user",
        "operator_admin",
        "operator_user",
        "municipality_admin",
        "municipality_user",
        "doctor",
        "cooperating_doctor",
        "clerk",
    ] {
        assert!(roles.contains(&role), "demo has a {role}: {roles:?}");
    }
    // Two 自治体 with one institution each; each institution has exactly one 責任者.
    for hospital in [TOKYO_HOSPITAL, YOKOHAMA_HOSPITAL] {
        let managers = app
            .logins
            .iter()
            .filter(|l| l.organization == hospital && l.is_manager)
            .count();
        assert_eq!(managers, 1, "{hospital}");
    }
    for l in &app.logins {
        assert!(
            !l.is_manager || l.organization.contains("病院") || l.organization.contains("センター")
        );
        match l.role.as_str() {
            "doctor" | "cooperating_doctor" => assert!(
                matches!(l.program.as_deref(), Some("nanbyo") | Some("shoman")),
                "{l:?}"
            ),
            _ => assert_eq!(l.program, None, "{l:?}"),
        }
        assert!(std::path::Path::new(&l.key_file).is_file(), "{l:?}");
    }
    // The log-ins are also printed at start-up.
    for l in &app.logins {
        assert!(
            app.startup_output.contains(&l.login_id),
            "{} printed:\n{}",
            l.login_id,
            app.startup_output
        );
    }
    assert!(app.startup_output.contains(DEMO_PASSWORD));

    // Every demo account is past its first log-in: password + key file give a full session.
    let logins = app.logins.clone();
    for l in &logins {
        let c = app
            .login_with(&l.login_id, &l.password, Some(&l.key_text()))
            .await;
        let me = c.me().await;
        me.expect(200);
        if l.role != "manager" {
            assert_eq!(me.body["role"], json!(l.role));
        }
        assert_eq!(me.body["organization"], json!(l.organization));
        assert_eq!(me.body["is_manager"], json!(l.is_manager));
    }
}

#[tokio::test]
async fn demo_restart_starts_afresh() {
    if std::env::var("NSDB_TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        // On PostgreSQL the demo needs an empty database; the SQLite file is replaced.
        return;
    }
    let mut app = TestApp::spawn().await;
    let first = app.demo(TOKYO_ADMIN).login_id.clone();
    app.login(TOKYO_ADMIN)
        .await
        .create_institution(&new_institution_code(), "消える病院")
        .await;
    app.stop();
    let dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    let again = TestApp::builder().on(dir, Database::Sqlite).spawn().await;
    let tokyo = again.login(TOKYO_ADMIN).await;
    assert_ne!(again.demo(TOKYO_ADMIN).login_id, first);
    let list = tokyo.get("/institutions").await;
    assert_eq!(list.body["total"], json!(1), "{}", list.text);
}
