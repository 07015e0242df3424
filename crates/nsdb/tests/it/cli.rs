//! The command line: help texts, `nsdb bootstrap`, `nsdb forms --coverage`.
use crate::harness::*;
use serde_json::{json, Value};

/// Subcommand names listed under "Commands:" in `nsdb --help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.trim_start().starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        // Entries have a two-space indent; wrapped description lines are indented deeper.
        .filter(|l| l.starts_with("  ") && !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect()
}

#[test]
fn help_for_the_binary_and_every_subcommand() {
    let top = run_cli(&["--help"]);
    assert_eq!(top.code, Some(0), "{top:?}");
    assert!(top.stdout.contains("Usage"), "{}", top.stdout);
    let commands = subcommands(&top.stdout);
    for required in ["serve", "bootstrap", "verify-log"] {
        // (check, xsd and forms join this list as they are built; each gets its --help run.)
        assert!(
            commands.iter().any(|c| c == required),
            "`nsdb --help` lists {required}: {commands:?}\n{}",
            top.stdout
        );
    }
    for c in commands.iter().filter(|c| *c != "help") {
        let out = run_cli(&[c, "--help"]);
        assert_eq!(out.code, Some(0), "nsdb {c} --help: {out:?}");
        assert!(
            out.stdout.contains("Usage"),
            "nsdb {c} --help: {}",
            out.stdout
        );
    }
    let serve = run_cli(&["serve", "--help"]);
    for option in ["--demo", "--listen", "--database-url", "--data-dir"] {
        assert!(
            serve.stdout.contains(option),
            "serve --help mentions {option}"
        );
    }
    assert_eq!(run_cli(&["--version"]).code, Some(0));
    let unknown = run_cli(&["no-such-command"]);
    assert_ne!(unknown.code, Some(0));
    assert!(!unknown.stderr.is_empty());
}

#[tokio::test]
async fn bootstrap_creates_the_first_operator_admin_once() {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::fresh().await;
    let data_dir = dir.path().to_str().unwrap().to_owned();
    let mut args = vec!["bootstrap", "--json", "--data-dir", &data_dir];
    let url = database.server_url();
    if let Some(u) = &url {
        args.extend(["--database-url", u.as_str()]);
    }
    let first = run_cli(&args);
    assert_eq!(first.code, Some(0), "{first:?}");
    let printed: Value = serde_json::from_str(first.stdout.trim())
        .unwrap_or_else(|e| panic!("stdout is one JSON object ({e}): {:?}", first.stdout));
    let obj = printed.as_object().unwrap();
    assert_eq!(obj.len(), 2, "{printed}");
    let login_id = printed["login_id"].as_str().unwrap().to_owned();
    let password = printed["password"].as_str().unwrap().to_owned();
    assert!(password.len() >= 12);

    let second = run_cli(&args);
    assert_ne!(
        second.code,
        Some(0),
        "second bootstrap must refuse: {second:?}"
    );
    assert!(second.stdout.trim().is_empty(), "{second:?}");
    assert!(!second.stderr.trim().is_empty(), "{second:?}");
    // Without --json: the human-readable form refuses too.
    let third = run_cli(
        &args
            .iter()
            .copied()
            .filter(|a| *a != "--json")
            .collect::<Vec<_>>(),
    );
    assert_ne!(third.code, Some(0), "{third:?}");

    // The bootstrapped 管理者 logs in (first log-in) on a server over that database.
    let app = TestApp::builder()
        .without_demo()
        .on(dir, database)
        .spawn()
        .await;
    let r = app.create_session(&login_id, &password, None).await;
    r.expect(201);
    assert_eq!(r.body["first_login"], json!(true));
    assert_eq!(r.body["account"]["role"], json!("operator_admin"));
    let (operator, key) = app.first_login(&login_id, &password).await;
    operator.me().await.expect(200);
    app.login_with(&login_id, GOOD_PASSWORD, Some(&key)).await;
    let r = operator
        .post(
            "/municipalities",
            &json!({"code": "130001", "name": "東京都", "programs": ["nanbyo", "shoman"]}),
        )
        .await;
    r.expect(201);
    // The log records the bootstrap.
    let log = operator.get("/operation-logs?action=bootstrap").await;
    assert_eq!(log.body["total"], json!(1), "{}", log.text);

    // verify-log on the same database (default file in the data directory, or PostgreSQL).
    let mut app = app;
    app.stop();
    let data_dir = app.data_path();
    let data_dir = data_dir.to_str().unwrap();
    let mut args = vec!["verify-log", "--data-dir", data_dir];
    if let Some(u) = &url {
        args.extend(["--database-url", u.as_str()]);
    }
    let out = run_cli(&args);
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn verify_log_refuses_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    let out = run_cli(&["verify-log", "--data-dir", missing.to_str().unwrap()]);
    assert_ne!(out.code, Some(0), "{out:?}");
    assert!(
        !missing.exists(),
        "verify-log must not create {}",
        missing.display()
    );
}

#[tokio::test]
async fn serve_without_demo_starts_empty() {
    let app = TestApp::builder().without_demo().spawn().await;
    let r = app.anonymous().get("/health").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, json!({"status": "ok"}));
    app.create_session("OP00000000", "whatever-password", None)
        .await
        .expect(401);
    assert!(!app.data_path().join("demo-logins.json").exists());
}

#[test]
fn forms_coverage_classifies_every_version_and_adds_up() {
    let list = run_cli(&["forms", "--json"]);
    assert_eq!(list.code, Some(0), "{list:?}");
    let total = serde_json::from_str::<Value>(&list.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();

    let out = run_cli(&["forms", "--coverage", "--json"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v["forms"].as_array().unwrap();
    assert_eq!(rows.len(), total);
    let judged = |id: &str| {
        let r = rows.iter().find(|r| r["id"] == id).unwrap();
        (r["diagnosis"].clone(), r["severity"].clone())
    };
    assert_eq!(
        judged("nanbyo-006-2403"),
        (json!("machine"), json!("machine"))
    );
    assert_eq!(
        judged("nanbyo-010-2403"),
        (json!("doctor"), json!("machine"))
    );
    assert_eq!(judged("nanbyo-340-2403"), (json!("none"), json!("doctor")));
    let summary = &v["summary"];
    assert_eq!(summary["total"]["forms"], json!(total));
    let sum = |counts: &Value| -> u64 {
        counts
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum(&summary["total"]["diagnosis"]), total as u64);
    assert_eq!(sum(&summary["total"]["severity"]), total as u64);
    assert_eq!(
        summary["programs"]["nanbyo"]["forms"].as_u64().unwrap()
            + summary["programs"]["shoman"]["forms"].as_u64().unwrap(),
        total as u64
    );

    let text = run_cli(&["forms", "--coverage"]);
    assert_eq!(text.code, Some(0), "{text:?}");
    let line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("nanbyo-010-2403\t"))
        .unwrap();
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols[3..5], ["doctor", "machine"], "{line}");
    assert!(
        text.stdout
            .lines()
            .any(|l| l.starts_with(&format!("total: {total} form versions; diagnosis: "))),
        "{}",
        text.stdout
    );
}

/// Issue 8: `nsdb verify-log --data-dir nsdb-data` right after `nsdb serve --demo` found no
/// database, because the demo keeps its own SQLite file beside the real one.
#[tokio::test]
async fn verify_log_checks_the_demo_database_of_a_data_dir() {
    if std::env::var("NSDB_TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        // On PostgreSQL the data directory holds no database; --database-url is covered above.
        return;
    }
    let mut app = TestApp::spawn().await;
    app.login(TOKYO_ADMIN)
        .await
        .create_institution(&new_institution_code(), "検証病院")
        .await;
    app.stop();
    let data_dir = app.data_path();
    let data_dir = data_dir.to_str().unwrap();

    let intact = run_cli(&["verify-log", "--data-dir", data_dir]);
    assert_eq!(intact.code, Some(0), "{intact:?}");
    assert!(intact.stdout.contains("demo.sqlite3"), "{intact:?}");
    assert!(intact.stdout.contains("改ざんされていません"), "{intact:?}");

    app.sql(
        "UPDATE operation_logs SET detail = 'x' WHERE seq = 1 AND chain = \
         (SELECT MIN(chain) FROM operation_log_chains)",
    )
    .await;
    let broken = run_cli(&["verify-log", "--data-dir", data_dir]);
    assert_eq!(broken.code, Some(1), "{broken:?}");
    assert!(broken.stdout.contains("連番1:"), "{broken:?}");
}
