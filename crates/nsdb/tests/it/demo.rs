//! `nsdb serve --demo`: the demo organizations, accounts and forms of interfaces.md.
use crate::harness::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;

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
    // The demo is used before the restart: a confirmed demo form is withdrawn, so its key
    // opens nothing any more.
    let forms_before = demo_forms(&app);
    let total_before = forms_total(&app).await;
    let withdrawn = forms_before
        .iter()
        .find(|f| f.organization == TOKYO_HOSPITAL && f.definition_id == "nanbyo-006-2403")
        .filter(|f| f.access_key.is_some())
        .expect("a confirmed パーキンソン病 form at Tokyo")
        .clone();
    app.login(TOKYO_MANAGER)
        .await
        .post_empty(&format!("/forms/{}/withdrawal", withdrawn.id))
        .await
        .expect(200);

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

    // The same demo forms, none added; listed as they are now: the withdrawn one without
    // its old key, the others with theirs.
    assert_eq!(forms_total(&again).await, total_before);
    let forms_after = demo_forms(&again);
    let expected: Vec<DemoForm> = forms_before
        .iter()
        .map(|f| {
            if f.id == withdrawn.id {
                DemoForm {
                    state: "draft".into(),
                    access_key: None,
                    ..f.clone()
                }
            } else {
                f.clone()
            }
        })
        .collect();
    assert_eq!(forms_after, expected);
    let old_key = withdrawn.access_key.as_deref().unwrap();
    assert!(
        !again.startup_output.contains(old_key),
        "{}",
        again.startup_output
    );
    for key in forms_after.iter().filter_map(|f| f.access_key.as_deref()) {
        assert!(again.startup_output.contains(key), "{key}");
    }
}

/// How many forms the two demo hospitals' clerks find.
async fn forms_total(app: &TestApp) -> i64 {
    let mut total = 0;
    for clerk in [TOKYO_CLERK, YOKOHAMA_CLERK] {
        let r = app.login(clerk).await.get("/forms").await;
        r.expect(200);
        total += r.body["total"].as_i64().unwrap();
    }
    total
}

#[tokio::test]
async fn demo_reset_makes_new_log_ins_and_deletes_every_old_key_file() {
    if std::env::var("NSDB_TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        // --demo-reset replaces the embedded SQLite file; PostgreSQL refuses it.
        return;
    }
    let app = TestApp::spawn().await;
    let old = app.logins.clone();
    let old_forms = demo_forms(&app);
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
    // New demo forms, listed anew.
    let new_forms = demo_forms(&again);
    assert_eq!(new_forms.len(), old_forms.len());
    assert!(new_forms
        .iter()
        .all(|n| old_forms.iter().all(|o| o.id != n.id)));
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

/// One entry of `<data-dir>/demo-forms.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct DemoForm {
    id: String,
    organization: String,
    patient: String,
    definition_id: String,
    disease_name: String,
    state: String,
    access_key: Option<String>,
}

fn demo_forms(app: &TestApp) -> Vec<DemoForm> {
    let path = app.data_path().join("demo-forms.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("demo-forms.json")
}

fn list(r: &Resp) -> Vec<Value> {
    r.body["forms"].as_array().expect("forms").clone()
}

/// Each demo hospital has forms in every state an institution can bring a form to (自治体
/// 受付 and 審査 do not exist yet), for both programs, found by its clerk with searchForms;
/// every form of demo-forms.json opens as listed, confirmed ones with the listed key, which
/// the start-up output prints too.
#[tokio::test]
async fn demo_forms_are_in_every_state_at_both_hospitals() {
    let app = TestApp::spawn().await;
    for (hospital, clerk, nanbyo_doctor, shoman_doctor) in [
        (TOKYO_HOSPITAL, TOKYO_CLERK, TOKYO_MANAGER, TOKYO_DOCTOR),
        (
            YOKOHAMA_HOSPITAL,
            YOKOHAMA_CLERK,
            YOKOHAMA_MANAGER,
            YOKOHAMA_DOCTOR,
        ),
    ] {
        let clerk_id = app.demo(clerk).login_id.clone();
        let nanbyo_doctor = app.demo(nanbyo_doctor).login_id.clone();
        let shoman_doctor = app.demo(shoman_doctor).login_id.clone();
        let clerk = app.login(clerk).await;
        let of_state = |state: &'static str| {
            let clerk = &clerk;
            async move {
                let r = clerk.get(&format!("/forms?state={state}")).await;
                r.expect(200);
                let forms = list(&r);
                assert!(!forms.is_empty(), "{hospital}: no {state} form");
                assert!(
                    forms.iter().all(|f| f["state"] == json!(state)),
                    "{}",
                    r.text
                );
                forms
            }
        };
        let open = |id: &Value| {
            let clerk = &clerk;
            let id = id.as_str().unwrap().to_owned();
            async move {
                let r = clerk.get(&format!("/forms/{id}")).await;
                r.expect(200);
                r.body.clone()
            }
        };

        // 確定: a パーキンソン病 臨個票 approved by the 難病 指定医 and a 1型糖尿病 意見書 by the
        // 小慢 指定医, each with its access key.
        let confirmed = of_state("confirmed").await;
        let programs: BTreeSet<&str> = confirmed
            .iter()
            .map(|f| f["program"].as_str().unwrap())
            .collect();
        assert_eq!(programs, BTreeSet::from(["nanbyo", "shoman"]), "{hospital}");
        for (definition, disease, doctor) in [
            ("nanbyo-006-2403", "パーキンソン病", &nanbyo_doctor),
            ("shoman-07-001-2403", "1型糖尿病", &shoman_doctor),
        ] {
            let summary = confirmed
                .iter()
                .find(|f| f["definition_id"] == json!(definition))
                .unwrap_or_else(|| panic!("{hospital}: no confirmed {definition}"));
            let form = open(&summary["id"]).await;
            assert_eq!(form["disease_name"], json!(disease));
            assert_eq!(
                form["confirmed_by"],
                json!(doctor),
                "{hospital} {definition}"
            );
            assert!(form["access_key"].is_string(), "{form}");
            assert_eq!(form["determination"]["result"], json!("該当"));
            assert!(
                form["patient"]["registration_explained_at"].is_string(),
                "the DB-registration explanation is recorded: {form}"
            );
        }

        // 承認待ち: the clerk asked the 難病 指定医, with a comment.
        let awaiting = of_state("awaiting_approval").await;
        let form = open(&awaiting[0]["id"]).await;
        assert_eq!(form["approver"]["login_id"], json!(nanbyo_doctor));
        assert_eq!(form["comments"][0]["action"], json!("request_approval"));
        assert_eq!(form["comments"][0]["author"]["login_id"], json!(clerk_id));

        // 差戻し: the doctor's reason is the last comment.
        let returned = of_state("returned").await;
        let form = open(&returned[0]["id"]).await;
        let comments = form["comments"].as_array().unwrap();
        let last = comments.last().expect("comments");
        assert_eq!(last["action"], json!("return"), "{form}");
        assert_eq!(last["author"]["login_id"], json!(nanbyo_doctor));
        assert!(!last["body"].as_str().unwrap().is_empty());

        // 作成中: the clerk's incomplete draft (with findings), a draft of a third disease,
        // and a form confirmed and then withdrawn (確定取消).
        // 自治体受付済: looked up by its key and received by the hospital's 自治体.
        let received = of_state("received").await;
        assert!(received.iter().all(|f| f["program"].is_string()));
        let drafts = of_state("draft").await;
        assert!(
            drafts
                .iter()
                .any(|f| f["error_count"].as_i64().unwrap() > 0),
            "{hospital}: an incomplete draft: {drafts:?}"
        );
        let diseases: BTreeSet<&str> = drafts
            .iter()
            .chain(&confirmed)
            .chain(&awaiting)
            .chain(&returned)
            .map(|f| f["definition_id"].as_str().unwrap())
            .collect();
        assert!(diseases.len() >= 3, "{hospital}: {diseases:?}");
        let mut withdrawn = 0;
        for draft in &drafts {
            let id = draft["id"].as_str().unwrap();
            let history = clerk.get(&format!("/forms/{id}/history")).await;
            history.expect(200);
            let actions: Vec<&str> = history.body["revisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["action"].as_str().unwrap())
                .collect();
            if actions.ends_with(&["approve", "withdraw"]) {
                withdrawn += 1;
            }
        }
        assert_eq!(withdrawn, 1, "{hospital}: one withdrawn form");
    }

    // demo-forms.json lists them all, each as it opens; the keys are printed at start-up.
    let listed = demo_forms(&app);
    assert_eq!(listed.len(), 16, "{listed:#?}");
    let tokyo = app.login(TOKYO_CLERK).await;
    let yokohama = app.login(YOKOHAMA_CLERK).await;
    for f in &listed {
        let clerk = match f.organization.as_str() {
            TOKYO_HOSPITAL => &tokyo,
            YOKOHAMA_HOSPITAL => &yokohama,
            other => panic!("a demo form at {other}"),
        };
        let r = clerk.get(&format!("/forms/{}", f.id)).await;
        r.expect(200);
        assert_eq!(r.body["state"], json!(f.state), "{f:?}");
        assert_eq!(r.body["definition_id"], json!(f.definition_id));
        assert_eq!(r.body["disease_name"], json!(f.disease_name));
        assert_eq!(
            format!(
                "{} {}",
                r.body["patient"]["family_name"].as_str().unwrap(),
                r.body["patient"]["given_name"].as_str().unwrap()
            ),
            f.patient
        );
        assert_eq!(r.body["access_key"], json!(f.access_key), "{f:?}");
        assert_eq!(
            f.access_key.is_some(),
            f.state == "confirmed" || f.state == "received",
            "{f:?}"
        );
        assert!(
            app.startup_output.contains(&f.patient),
            "{} not printed",
            f.patient
        );
        if let Some(key) = &f.access_key {
            assert!(
                app.startup_output.contains(key),
                "{key} not printed:\n{}",
                app.startup_output
            );
        }
    }
    // Different patients, one with a name outside JIS X 0208 (𠮷, JIS X 0213), found by it.
    let patients: BTreeSet<&str> = listed.iter().map(|f| f.patient.as_str()).collect();
    assert_eq!(patients.len(), listed.len());
    let found = tokyo.get("/forms?name=𠮷田").await;
    found.expect(200);
    assert_eq!(found.body["total"], json!(1), "{}", found.text);
    assert_eq!(found.body["forms"][0]["patient_name"], json!("𠮷田 宗一郎"));
}
