//! 前回値踏襲 (domain.md Forms; interfaces.md startRenewal): a renewal starts from a confirmed
//! form on the version in force, carries each item by its definition's policy, and waits
//! for the doctor to confirm every section of carried values before approval; another
//! institution's doctor renews from a form opened by key (連携).
use crate::forms::{draft, sample};
use crate::harness::*;
use chrono::Datelike;
use serde_json::{json, Value};

/// A Parkinson 臨個票 approved by the Tokyo hospital's 難病 doctor: (form, access key).
async fn confirmed(doctor: &Client) -> (String, String) {
    let form = draft(doctor, "nanbyo-006-2403").await;
    let id = form["id"].as_str().unwrap().to_owned();
    let approved = doctor.post_empty(&format!("/forms/{id}/approval")).await;
    approved.expect(200);
    (id, approved.body["access_key"].as_str().unwrap().to_owned())
}

fn section_ids(form: &Value) -> Vec<String> {
    form["sections_to_confirm"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_renewal_carries_last_years_values_and_approval_waits_for_every_section() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let (source_id, _) = confirmed(&doctor).await;

    let renewal = doctor
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await;
    renewal.expect(201);
    let form = renewal.body.clone();
    let id = form["id"].as_str().unwrap().to_owned();
    assert_eq!(form["application"], json!("renewal"));
    assert_eq!(form["state"], json!("draft"));
    assert_eq!(form["renewed_from"], json!(source_id));
    assert_eq!(form["patient"]["family_name"], json!("山田"));
    // carry / confirm / never (definition 006-2403, §4.4 of docs/form-definitions.md).
    assert_eq!(form["items"]["family_name"], json!("山田"));
    assert!(
        form["items"]["pd_rigidity"].is_string(),
        "{}",
        form["items"]
    );
    assert!(form["items"].get("hoehn_yahr").is_none());
    assert!(form["items"].get("record_date").is_none());
    let sections = section_ids(&form);
    assert!(sections.iter().any(|s| s == "pd_diagnosis"), "{sections:?}");

    // The fresh items entered; approval still waits for the carried sections.
    let (_, items) = sample("nanbyo-006-2403");
    let saved = doctor
        .put(
            &format!("/forms/{id}"),
            &json!({"revision": form["revision"], "items": items}),
        )
        .await;
    saved.expect(200);
    let waiting = doctor.post_empty(&format!("/forms/{id}/approval")).await;
    waiting.expect(422);
    waiting.expect_message_contains("前回値から引き継いだ内容の確認");

    let path = format!("/forms/{id}/section-confirmations");
    doctor
        .post(&path, &json!({"section_id": "no_such_section"}))
        .await
        .expect(422);
    // A stale revision is refused like any other change.
    doctor
        .post(&path, &json!({"section_id": sections[0], "revision": 1}))
        .await
        .expect(409);
    let mut last = Value::Null;
    for section in &sections {
        let confirmed = doctor.post(&path, &json!({"section_id": section})).await;
        confirmed.expect(200);
        last = confirmed.body.clone();
    }
    assert!(section_ids(&last).is_empty());
    doctor
        .post(&path, &json!({"section_id": sections[0]}))
        .await
        .expect(422);
    let approved = doctor.post_empty(&format!("/forms/{id}/approval")).await;
    approved.expect(200);
    assert_eq!(approved.body["state"], json!("confirmed"));

    // Every start is logged with its source.
    let history = doctor.get(&format!("/forms/{id}/history")).await;
    let actions: Vec<&str> = history.body["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"start_renewal"), "{actions:?}");
    assert!(actions.contains(&"confirm_carried_section"), "{actions:?}");
}

#[tokio::test]
async fn only_confirmed_forms_of_ones_own_or_opened_by_key_are_renewed() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let (source_id, key) = confirmed(&doctor).await;
    let open_draft = draft(&doctor, "nanbyo-006-2403").await;
    doctor
        .post("/renewals", &json!({"source_form_id": open_draft["id"]}))
        .await
        .expect(409);
    // A clerk of the institution writes renewals too.
    app.login(TOKYO_CLERK)
        .await
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await
        .expect(201);
    // The 自治体 writes no forms.
    app.login(TOKYO_USER)
        .await
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await
        .expect(403);

    // Another institution's doctor: absent until opened by key with the patient's consent.
    let other = app.login(YOKOHAMA_MANAGER).await;
    other
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await
        .expect(404);
    other
        .post(
            "/access-key-lookups",
            &json!({"access_key": key, "patient_consent": true}),
        )
        .await
        .expect(200);
    let renewal = other
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await;
    renewal.expect(201);
    assert_eq!(renewal.body["institution_name"], json!(YOKOHAMA_HOSPITAL));
    assert_eq!(renewal.body["patient"]["family_name"], json!("山田"));
    // The patient is now registered at Yokohama, once: a second renewal finds them.
    let again = other
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await;
    again.expect(201);
    assert_eq!(again.body["patient"]["id"], renewal.body["patient"]["id"]);
    // The Tokyo clerk still does not see Yokohama's renewal.
    app.login(TOKYO_CLERK)
        .await
        .get(&format!("/forms/{}", renewal.body["id"].as_str().unwrap()))
        .await
        .expect(404);
}

/// The operator sees renewals per institution and month, and a month far above the
/// institution's usual level (more than 3× the median of the six months before and at
/// least 10 more: domain renewal_use) is flagged.
#[tokio::test]
async fn the_operator_sees_renewals_per_institution_and_month_with_unusual_months_flagged() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let (source_id, _) = confirmed(&doctor).await;
    let mut renewals = Vec::new();
    for _ in 0..11 {
        let r = doctor
            .post("/renewals", &json!({"source_form_id": source_id}))
            .await;
        r.expect(201);
        renewals.push(r.body["id"].as_str().unwrap().to_owned());
    }
    // One of them started last month (Japan time).
    let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    let last_month = today.with_day(1).unwrap() - chrono::Duration::days(10);
    app.sql(&format!(
        "UPDATE forms SET created_at = '{last_month}T03:00:00.000000Z' WHERE id = '{}'",
        renewals[0]
    ))
    .await;

    app.login(TOKYO_ADMIN)
        .await
        .get("/renewal-statistics")
        .await
        .expect(403);
    let operator = app.login(OPERATOR_USER).await;
    let stats = operator.get("/renewal-statistics?months=2").await;
    stats.expect(200);
    assert_eq!(
        stats.body["months"],
        json!([
            last_month.format("%Y-%m").to_string(),
            today.format("%Y-%m").to_string()
        ])
    );
    let tokyo = stats.body["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["institution_code"] == json!(TOKYO_HOSPITAL_CODE))
        .unwrap_or_else(|| panic!("{}", stats.text));
    assert_eq!(tokyo["months"][0]["count"], json!(1));
    assert_eq!(tokyo["months"][0]["flagged"], json!(false));
    assert_eq!(tokyo["months"][1]["count"], json!(10));
    assert_eq!(tokyo["months"][1]["usual"], json!(0.0));
    assert_eq!(tokyo["months"][1]["flagged"], json!(true));
}

/// A copy of the repository's `forms/` folder in which an earlier パーキンソン病 version,
/// "2309", is still accepted beside 2403 (as old versions are for a while after a new one
/// comes into force): its imaging item had another id (`pd_ct_mri`) and it asked one finding
/// 2403 dropped. The 2403 definition declares the mapping from it. Served with `--forms-dir`.
fn forms_with_an_earlier_parkinson_version() -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"),
        dir.path(),
    );
    let definitions = dir.path().join("definitions/nanbyo");
    let current = std::fs::read_to_string(definitions.join("006-2403.toml")).unwrap();
    let earlier = current
        .replace("id = \"nanbyo-006-2403\"", "id = \"nanbyo-006-2309\"")
        .replace("version = \"2403\"", "version = \"2309\"")
        .replace(
            "valid_from = 2024-04-01",
            "valid_from = 2023-10-01\nvalid_to = 2099-12-31",
        )
        .replace("pd_imaging", "pd_ct_mri")
        .replacen(
            "# ---------------------------------------------------------------- 重症度分類",
            "[[sections.items]]\nid = \"pd_old_finding\"\nlabel = \"旧版だけの所見\"\ntype = \"yes_no_unknown\"\n\n# ---------------------------------------------------------------- 重症度分類",
            1,
        );
    assert!(earlier.contains("pd_old_finding") && earlier.contains("valid_to = 2099"));
    std::fs::write(definitions.join("006-2309.toml"), earlier).unwrap();
    std::fs::write(
        definitions.join("006-2403.toml"),
        format!(
            "{current}\n[[renewal_mappings]]\nfrom = \"nanbyo-006-2309\"\nitems = {{ pd_ct_mri = \"pd_imaging\" }}\n"
        ),
    )
    .unwrap();
    dir
}

/// Issue 10: a renewal of a form written on an earlier version starts on the version in
/// force (the newest), the answers moving by the mapping the new definition declares; what
/// cannot move is listed, in getForm and on the screen.
#[tokio::test]
async fn a_renewal_across_form_versions_moves_mapped_items_and_lists_what_could_not_move() {
    let forms = forms_with_an_earlier_parkinson_version();
    let app = TestApp::builder()
        .args(["--forms-dir", forms.path().to_str().unwrap()])
        .spawn()
        .await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let (_, mut items) = sample("nanbyo-006-2403");
    let imaging = items["pd_imaging"].clone();
    let object = items.as_object_mut().unwrap();
    object.remove("pd_imaging");
    object.insert("pd_ct_mri".into(), imaging.clone());
    object.insert("pd_old_finding".into(), json!("1"));
    let written = doctor
        .post(
            "/forms",
            &json!({
                "definition_id": "nanbyo-006-2309",
                "application": "new",
                "patient": crate::forms::patient_of(&items),
                "items": items,
                "registration_explained": true,
            }),
        )
        .await;
    written.expect(201);
    let source_id = written.body["id"].as_str().unwrap().to_owned();
    doctor
        .post_empty(&format!("/forms/{source_id}/approval"))
        .await
        .expect(200);

    let renewal = doctor
        .post("/renewals", &json!({"source_form_id": source_id}))
        .await;
    renewal.expect(201);
    let form = &renewal.body;
    assert_eq!(
        form["definition_id"],
        json!("nanbyo-006-2403"),
        "the newest version in force"
    );
    assert_eq!(form["items"]["pd_imaging"], imaging, "moved by the mapping");
    assert!(form["items"].get("pd_ct_mri").is_none());
    let not_carried = form["not_carried"].as_array().unwrap();
    assert_eq!(not_carried.len(), 1, "{not_carried:?}");
    assert_eq!(not_carried[0]["item"], json!("pd_old_finding"));
    assert_eq!(not_carried[0]["label"], json!("旧版だけの所見"));

    let id = form["id"].as_str().unwrap();
    let (status, _, page) = app
        .screen(doctor.token.as_ref().unwrap(), &format!("/forms/{id}"))
        .await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let listed = page
        .split("id=\"not-carried\"")
        .nth(1)
        .expect("the list of what could not move");
    assert!(listed.contains("旧版だけの所見"), "{listed}");
}

/// A forms folder that does not load stops the server before it starts, saying why.
#[test]
fn a_broken_forms_folder_stops_the_server_with_the_error() {
    let forms = forms_with_an_earlier_parkinson_version();
    let definitions = forms.path().join("definitions/nanbyo");
    let current = std::fs::read_to_string(definitions.join("006-2403.toml")).unwrap();
    std::fs::write(
        definitions.join("006-2403.toml"),
        current.replace("pd_ct_mri = \"pd_imaging\"", "pd_ct_mri = \"no_such_item\""),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut server = std::process::Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .arg("--forms-dir")
        .arg(forms.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A server that started anyway would run on: stop it and fail.
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = server.kill();
            panic!("the server started with a broken forms folder");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut server.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(!status.success());
    assert!(stderr.contains("定義に誤りがあります"), "{stderr}");
    assert!(stderr.contains("no_such_item"), "{stderr}");
}
