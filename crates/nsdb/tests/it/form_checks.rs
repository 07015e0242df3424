//! Form definitions over the API and the CLI, and the promise of the offline check tool:
//! the server's checkForms gives exactly the findings and 機械判定 `nsdb check` gives.
use crate::harness::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/samples")
}

fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(samples_dir())
        .expect("forms/samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

/// Mutations a hospital export could plausibly contain: an unknown element, a value of the
/// wrong type, a date out of order, a missing form version, not XML at all.
fn mutations(xml: &str) -> Vec<(String, String)> {
    let mut out = vec![("as is".to_owned(), xml.to_owned())];
    if let Some(at) = xml.find("</basic>") {
        let mut m = xml.to_owned();
        m.insert_str(at, "<unknown_item>1</unknown_item>");
        out.push(("unknown element".into(), m));
    }
    if let Some(start) = xml.find("<birth_date>") {
        let end = xml[start..]
            .find("</birth_date>")
            .map(|e| start + e)
            .expect("closing tag");
        let mut m = xml.to_owned();
        m.replace_range(start + "<birth_date>".len()..end, "2099-01-01");
        out.push(("birth date in the future".into(), m.clone()));
        m.replace_range(
            start + "<birth_date>".len()..start + "<birth_date>".len() + 10,
            "1980-13-45",
        );
        out.push(("impossible date".into(), m));
    }
    out.push((
        "unknown version".into(),
        xml.replace("<form_nanbyo-", "<form_nanbyo-x")
            .replace("</form_nanbyo-", "</form_nanbyo-x")
            .replace("<form_shoman-", "<form_shoman-x")
            .replace("</form_shoman-", "</form_shoman-x"),
    ));
    out.push(("not XML".into(), "これはXMLではありません".into()));
    out
}

/// `nsdb check` over many files in one run (one process, not one per file: the suite checks
/// every sample with every mutation), each file's report keyed by its path.
fn cli_reports(files: &[PathBuf]) -> std::collections::HashMap<String, Value> {
    let mut reports = std::collections::HashMap::new();
    for chunk in files.chunks(500) {
        let mut args = vec!["check", "--format", "json"];
        args.extend(chunk.iter().map(|f| f.to_str().expect("utf-8 path")));
        let out = run_cli(&args);
        let report: Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("nsdb check JSON: {e}\n{out:?}"));
        for file in report["files"].as_array().expect("files") {
            let name = file["file"].as_str().expect("file name").to_owned();
            reports.insert(name, file.clone());
        }
    }
    reports
}

#[tokio::test]
async fn server_and_offline_check_tool_give_the_same_verdict() {
    let files = sample_files();
    assert!(
        files.len() >= 31,
        "a sample per fully-defined form version, have {}",
        files.len()
    );
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let dir = tempfile::tempdir().expect("tmp");
    let mut uploads = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let xml = std::fs::read_to_string(file).expect("sample");
        for (m, (what, content)) in mutations(&xml).into_iter().enumerate() {
            let path = dir.path().join(format!("upload-{n}-{m}.xml"));
            std::fs::write(&path, &content).expect("write");
            uploads.push((file.clone(), what, content, path));
        }
    }
    let paths: Vec<PathBuf> = uploads.iter().map(|u| u.3.clone()).collect();
    let offline_reports = cli_reports(&paths);
    let mut compared = 0;
    for (file, what, content, path) in uploads {
        let offline_file = &offline_reports[path.to_str().expect("utf-8 path")];
        let server = clerk
            .post_bytes(
                "/form-checks",
                content.clone().into_bytes(),
                "application/xml",
            )
            .await;
        server.expect(200);
        let context = format!("{} ({what})", file.display());
        assert_eq!(
            server.body["forms"], offline_file["forms"],
            "per-form findings and 機械判定 differ: {context}"
        );
        assert_eq!(
            server.body["findings"], offline_file["findings"],
            "file findings differ: {context}"
        );
        assert_eq!(
            server.body["fatal"].is_null(),
            offline_file["fatal"].is_null(),
            "fatal errors differ: {context}"
        );
        if what == "as is" {
            assert_eq!(server.body["errors"], json!(0), "sample passes: {context}");
            let result = &server.body["forms"][0]["determination"]["result"];
            assert!(result.is_string(), "sample has a 一次判定: {context}");
        } else {
            assert!(
                server.body["errors"].as_u64().unwrap_or(0) > 0,
                "mutation is an error: {context}"
            );
        }
        compared += 1;
    }
    assert!(compared > 150, "compared {compared} files");
}

#[tokio::test]
async fn only_institutions_and_the_operator_check_files() {
    let app = TestApp::spawn().await;
    let xml = std::fs::read(samples_dir().join("nanbyo-006-2403.xml")).expect("sample");
    for who in [TOKYO_DOCTOR, TOKYO_CLERK, OPERATOR_USER] {
        app.login(who)
            .await
            .post_bytes("/form-checks", xml.clone(), "application/xml")
            .await
            .expect(200);
    }
    for who in [TOKYO_ADMIN, MINISTRY_USER] {
        app.login(who)
            .await
            .post_bytes("/form-checks", xml.clone(), "application/xml")
            .await
            .expect(403);
    }
    app.anonymous()
        .post_bytes("/form-checks", xml, "application/xml")
        .await
        .expect(401);
}

#[tokio::test]
async fn form_definitions_cover_every_disease_of_both_programs() {
    let app = TestApp::spawn().await;
    let anonymous = app.anonymous();
    let r = anonymous.get("/form-definitions").await;
    r.expect(200);
    let rows = r.body.as_array().expect("array");
    let count = |program: &str| {
        rows.iter()
            .filter(|d| d["program"] == json!(program))
            .count()
    };
    assert_eq!(count("nanbyo"), 348, "all 指定難病 (2025-04)");
    assert_eq!(count("shoman"), 813, "all 小慢 (疾患群 × 告示番号)");
    let parkinson = rows
        .iter()
        .find(|d| d["id"] == json!("nanbyo-006-2403"))
        .expect("006");
    assert_eq!(parkinson["disease_name"], json!("パーキンソン病"));
    assert_eq!(parkinson["machine_determination"], json!(true));
    let machine = rows
        .iter()
        .filter(|d| d["machine_determination"] == json!(true))
        .count();
    assert!(
        machine >= 31,
        "24 指定難病 and the 小慢 diseases judge by machine: {machine}"
    );

    let shoman = anonymous.get("/form-definitions?program=shoman").await;
    assert_eq!(shoman.body.as_array().map(Vec::len), Some(813));
    anonymous
        .get("/form-definitions?program=other")
        .await
        .expect(422);

    let definition = anonymous.get("/form-definitions/nanbyo-006-2403").await;
    definition.expect(200);
    let text = definition.body.to_string();
    assert!(text.contains("hoehn_yahr"), "items are listed");
    // Every version answers (and, as every answer here, matches the document's schema:
    // groups, rule sets, transitions and renewal mappings included).
    for row in rows {
        let id = row["id"].as_str().expect("id");
        anonymous
            .get(&format!("/form-definitions/{id}"))
            .await
            .expect(200);
    }
    anonymous
        .get("/form-definitions/nanbyo-999-2403")
        .await
        .expect(404);

    let listed = run_cli(&["forms"]);
    assert_eq!(listed.code, Some(0));
    assert_eq!(
        listed.stdout.lines().count(),
        1 + 348 + 813,
        "header and one line per version"
    );
}
