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

    // Every demo account is past its first log-in: password + key file give a full session,
    // except the expired doctors: their accounts expired with the designation (domain.md),
    // and the refusal names the 自治体 to ask.
    let expired: Vec<String> = [TOKYO_EXPIRED_DOCTOR, YOKOHAMA_EXPIRED_DOCTOR]
        .iter()
        .map(|w| app.demo(*w).login_id.clone())
        .collect();
    let logins = app.logins.clone();
    for l in logins.iter().filter(|l| expired.contains(&l.login_id)) {
        let r = app
            .create_session(&l.login_id, &l.password, Some(&l.key_text()))
            .await;
        r.expect(403);
        assert!(r.message().contains("有効期限"), "{}", r.text);
        assert!(
            r.message().contains("東京都") || r.message().contains("横浜市"),
            "{}",
            r.text
        );
    }
    for l in logins.iter().filter(|l| !expired.contains(&l.login_id)) {
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

/// The start-up listing names roles in Japanese, marks expired doctors and lines up its
/// columns for a terminal (kanji and kana take two columns).
#[tokio::test]
async fn demo_listing_is_japanese_aligned_and_marks_expired_doctors() {
    let app = TestApp::spawn().await;
    let out = &app.startup_output;
    let line_of = |login_id: &str| -> &str {
        out.lines()
            .find(|l| l.contains(login_id))
            .unwrap_or_else(|| panic!("no line for {login_id}:\n{out}"))
    };
    for expired in [TOKYO_EXPIRED_DOCTOR, YOKOHAMA_EXPIRED_DOCTOR] {
        let line = line_of(&app.demo(expired).login_id);
        assert!(line.contains("期限切れ"), "{line}");
        assert!(line.contains("指定医"), "{line}");
    }
    let manager = line_of(&app.demo(TOKYO_MANAGER).login_id);
    assert!(manager.contains("指定医・責任者"), "{manager}");
    assert!(
        manager.contains("有効") && !manager.contains("期限切れ"),
        "{manager}"
    );
    for (who, label) in [
        (TOKYO_ADMIN, "自治体管理者"),
        (TOKYO_USER, "自治体一般ユーザ"),
        (TOKYO_COOPERATING, "協力難病指定医"),
        (TOKYO_CLERK, "医療クラーク等"),
        (MINISTRY_ADMIN, "厚労省管理者"),
        (OPERATOR_ADMIN, "運営管理者"),
    ] {
        let line = line_of(&app.demo(who).login_id);
        assert!(line.contains(label), "{label}: {line}");
    }
    // Only Japanese role names, never the codes of demo-logins.json.
    for code in [
        "municipality_admin",
        "cooperating_doctor",
        "clerk",
        "doctor ",
    ] {
        assert!(!out.contains(code), "{code} printed:\n{out}");
    }
    // The key file column starts at the same terminal column on every line.
    let key_columns: Vec<usize> = app
        .logins
        .iter()
        .map(|l| {
            let line = line_of(&l.login_id);
            let at = line.find(&l.key_file).expect("key file on the line");
            terminal_width(&line[..at])
        })
        .collect();
    assert!(
        key_columns.iter().all(|&c| c == key_columns[0]),
        "{key_columns:?}\n{out}"
    );
}

/// Columns in a terminal for the listing's text: ASCII is narrow, and everything else in it
/// (kanji, kana, fullwidth brackets) is wide.
fn terminal_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Stops the server and starts `nsdb serve --demo` again on the same data directory and
/// database, with `extra` arguments.
async fn restart(mut app: TestApp, extra: &[&str]) -> TestApp {
    app.stop();
    let dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    let database = std::mem::replace(&mut app.database, Database::Sqlite);
    TestApp::builder()
        .on(dir, database)
        .args(extra.iter().copied())
        .spawn()
        .await
}

#[tokio::test]
async fn demo_restart_keeps_the_database_log_ins_and_key_files() {
    let app = TestApp::spawn().await;
    let before: Vec<(String, String)> = app
        .logins
        .iter()
        .map(|l| (l.login_id.clone(), l.key_text()))
        .collect();
    let kept = new_institution_code();
    app.login(TOKYO_ADMIN)
        .await
        .create_institution(&kept, "残る病院")
        .await;

    let again = restart(app, &[]).await;
    assert!(
        again
            .startup_output
            .contains("既存のデモデータベースを使います"),
        "{}",
        again.startup_output
    );
    let after: Vec<(String, String)> = again
        .logins
        .iter()
        .map(|l| (l.login_id.clone(), l.key_text()))
        .collect();
    assert_eq!(after, before, "same log-ins with the same key files");
    // The same log-ins work, with the key files saved by the first start.
    let tokyo = again.login(TOKYO_ADMIN).await;
    again.login(TOKYO_MANAGER).await.me().await.expect(200);
    let list = tokyo.get("/institutions").await;
    assert_eq!(list.body["total"], json!(2), "{}", list.text);
    assert!(list.text.contains(&kept), "{}", list.text);
}

#[tokio::test]
async fn demo_reset_makes_new_log_ins_and_deletes_every_old_key_file() {
    if std::env::var("NSDB_TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        // --demo-reset replaces the embedded SQLite file; PostgreSQL refuses it.
        return;
    }
    let app = TestApp::spawn().await;
    let old = app.logins.clone();
    let key_dir = app.data_path().join("demo-keys");
    // A key file of some earlier demo, left by hand: also stale.
    std::fs::write(key_dir.join("OLD0000000.key"), "stale").unwrap();
    app.login(TOKYO_ADMIN)
        .await
        .create_institution(&new_institution_code(), "消える病院")
        .await;

    let again = restart(app, &["--demo-reset"]).await;
    assert!(
        again.startup_output.contains(&format!(
            "以前のデモデータベース（ログイン{}件）と鍵ファイル{}個を削除しました",
            old.len(),
            old.len() + 1
        )),
        "{}",
        again.startup_output
    );
    for o in &old {
        assert!(
            again.logins.iter().all(|n| n.login_id != o.login_id),
            "{} kept",
            o.login_id
        );
    }
    // Exactly the new key files are left.
    let mut on_disk: Vec<String> = std::fs::read_dir(&key_dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let mut listed: Vec<String> = again.logins.iter().map(|l| l.key_file.clone()).collect();
    on_disk.sort();
    listed.sort();
    assert_eq!(on_disk, listed);
    // Old log-ins no longer exist; the new ones work on a database without the old changes.
    let old_admin = old
        .iter()
        .find(|l| l.role == "municipality_admin" && l.organization == TOKYO)
        .unwrap();
    again
        .create_session(&old_admin.login_id, DEMO_PASSWORD, None)
        .await
        .expect(401);
    let tokyo = again.login(TOKYO_ADMIN).await;
    let list = tokyo.get("/institutions").await;
    assert_eq!(list.body["total"], json!(1), "{}", list.text);
}

#[tokio::test]
async fn demo_refuses_a_log_ins_file_of_another_database() {
    if std::env::var("NSDB_TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        return;
    }
    let mut app = TestApp::spawn().await;
    app.stop();
    // The state issue 8 met: a log-ins file that does not belong to the database.
    let path = app.data_path().join("demo-logins.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let first = &app.logins[0].login_id;
    std::fs::write(&path, text.replace(first.as_str(), "XX99999999")).unwrap();
    let out = run_cli(&[
        "serve",
        "--demo",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        app.data_path().to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("XX99999999"), "{}", out.stderr);
    assert!(out.stderr.contains("--demo-reset"), "{}", out.stderr);
}
