//! Stored forms through the API: a clerk drafts, asks a doctor; the doctor returns or
//! approves; 確定 issues the access key; 確定取消 (refused after 自治体受付: access_keys.rs). Every
//! refusal of the life cycle (domain.md "Life cycle"; interfaces.md createForm …
//! withdrawForm).
use crate::harness::*;
use serde_json::{json, Value};

/// A worked example from forms/samples: definition id, application kind and items.
pub fn sample(id: &str) -> (String, Value) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/samples")
        .join(format!("{id}.new.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    (
        json["definition_id"].as_str().unwrap().to_owned(),
        json["items"].clone(),
    )
}

/// The patient items of a sample's 基本情報, as a createForm `patient`.
pub fn patient_of(items: &Value) -> Value {
    let mut patient = json!({});
    for key in [
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "birth_date",
        "sex",
        "postal_code",
        "address",
    ] {
        if let Some(v) = items.get(key) {
            patient[key] = v.clone();
        }
    }
    patient
}

/// A new draft of a sample for a new patient, with the DB-registration explanation given.
pub async fn draft(client: &Client, sample_id: &str) -> Value {
    let (definition_id, items) = sample(sample_id);
    let r = client
        .post(
            "/forms",
            &json!({
                "definition_id": definition_id,
                "application": "new",
                "patient": patient_of(&items),
                "items": items,
                "registration_explained": true,
            }),
        )
        .await;
    r.expect(201);
    r.body.clone()
}

fn id(form: &Value) -> String {
    form["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_clerk_drafts_the_doctor_approves_and_the_key_is_issued() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let doctor_id = app.demo(TOKYO_MANAGER).login_id.clone();

    let form = draft(&clerk, "nanbyo-006-2403").await;
    assert_eq!(form["state"], json!("draft"));
    assert_eq!(form["revision"], json!(1));
    assert_eq!(form["disease"], json!("006"));
    assert_eq!(form["disease_name"], json!("パーキンソン病"));
    assert_eq!(form["determination"]["result"], json!("該当"));
    assert_eq!(form["patient"]["family_name"], json!("山田"));
    assert!(form["patient"]["registration_explained_at"].is_string());
    // Stored as typed.
    assert_eq!(form["items"]["hoehn_yahr"], json!("3"));
    let form_id = id(&form);

    // The clerk saves a change, then asks the doctor.
    let mut items = form["items"].clone();
    items["living_function_grade"] = json!("3");
    let saved = clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 1, "items": items}),
        )
        .await;
    saved.expect(200);
    assert_eq!(saved.body["revision"], json!(2));
    assert_eq!(saved.body["items"]["living_function_grade"], json!("3"));

    let asked = clerk
        .post(
            &format!("/forms/{form_id}/approval-request"),
            &json!({"doctor_login_id": doctor_id, "comment": "ご確認ください"}),
        )
        .await;
    asked.expect(200);
    assert_eq!(asked.body["state"], json!("awaiting_approval"));
    assert_eq!(asked.body["approver"]["login_id"], json!(doctor_id));
    assert_eq!(
        asked.body["updated_by_name"],
        json!(app.demo(TOKYO_CLERK).name),
        "who changed it last, by name"
    );

    // The doctor's queue holds it (beside the demo's form waiting for the same doctor), and
    // only forms waiting for this doctor.
    let queue = doctor.get("/forms?awaiting_me=true").await;
    queue.expect(200);
    let waiting = queue.body["forms"].as_array().unwrap();
    let mine = waiting
        .iter()
        .find(|f| f["id"] == json!(form_id))
        .unwrap_or_else(|| panic!("not in the queue: {}", queue.text));
    assert_eq!(mine["patient_name"], json!("山田 太郎"));
    assert!(
        waiting
            .iter()
            .all(|f| f["state"] == json!("awaiting_approval")
                && f["approver"]["login_id"] == json!(doctor_id)),
        "{}",
        queue.text
    );

    // The doctor returns it with a comment; the thread keeps both comments.
    let returned = doctor
        .post(
            &format!("/forms/{form_id}/return"),
            &json!({"comment": "生活機能障害度を再確認してください"}),
        )
        .await;
    returned.expect(200);
    assert_eq!(returned.body["state"], json!("returned"));
    let comments: Vec<&str> = returned.body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        comments,
        ["ご確認ください", "生活機能障害度を再確認してください"]
    );

    // The clerk corrects and asks again; the doctor sees what changed since the last look.
    let current = clerk.get(&format!("/forms/{form_id}")).await;
    let mut items = current.body["items"].clone();
    items["living_function_grade"] = json!("2");
    let revision = current.body["revision"].as_i64().unwrap();
    clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": revision, "items": items}),
        )
        .await
        .expect(200);
    clerk
        .post(
            &format!("/forms/{form_id}/approval-request"),
            &json!({"doctor_login_id": doctor_id}),
        )
        .await
        .expect(200);
    let seen = doctor.get(&format!("/forms/{form_id}")).await;
    seen.expect(200);
    let changes = seen.body["changes_since_last_seen"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["item"], json!("living_function_grade"));
    assert_eq!(changes[0]["before"], json!("3"));
    assert_eq!(changes[0]["after"], json!("2"));

    // Approval: the key is issued, grouped, from the unambiguous alphabet.
    let approved = doctor
        .post_empty(&format!("/forms/{form_id}/approval"))
        .await;
    approved.expect(200);
    assert_eq!(approved.body["state"], json!("confirmed"));
    let key = approved.body["access_key"].as_str().unwrap();
    assert_eq!(key.len(), 24, "{key}");
    assert!(key.split('-').all(|g| g.len() == 4
        && g.chars()
            .all(|c| "23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains(c))));
    assert_eq!(approved.body["confirmed_by"], json!(doctor_id));
    assert_eq!(
        approved.body["confirmed_by_name"],
        json!(app.demo(TOKYO_MANAGER).name)
    );
    assert!(approved.body["rule_version"]
        .as_str()
        .unwrap()
        .starts_with("nanbyo-006-2403/"));

    // Frozen: no more saves; the clerk sees the same key.
    let revision = approved.body["revision"].as_i64().unwrap();
    clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": revision, "items": {}}),
        )
        .await
        .expect(409);
    let seen_by_clerk = clerk.get(&format!("/forms/{form_id}")).await;
    assert_eq!(seen_by_clerk.body["access_key"], json!(key));

    // The history has every step; the access list every open.
    let history = clerk.get(&format!("/forms/{form_id}/history")).await;
    history.expect(200);
    let actions: Vec<&str> = history.body["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "save",
            "save",
            "request_approval",
            "return",
            "save",
            "request_approval",
            "approve"
        ]
    );
    let openers: Vec<&str> = history.body["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == json!("open_form"))
        .map(|a| a["login_id"].as_str().unwrap())
        .collect();
    assert!(openers.contains(&doctor_id.as_str()));
    assert!(openers.contains(&app.demo(TOKYO_CLERK).login_id.as_str()));
    // Each access names the account and its organization.
    let clerk_access = history.body["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["login_id"] == json!(app.demo(TOKYO_CLERK).login_id))
        .expect("the clerk's access");
    assert_eq!(clerk_access["name"], json!(app.demo(TOKYO_CLERK).name));
    assert_eq!(
        clerk_access["organization_name"],
        json!(app.demo(TOKYO_CLERK).organization)
    );

    // 確定取消 takes it back to a draft; the key no longer belongs to it.
    let withdrawn = doctor
        .post_empty(&format!("/forms/{form_id}/withdrawal"))
        .await;
    withdrawn.expect(200);
    assert_eq!(withdrawn.body["state"], json!("draft"));
    assert!(withdrawn.body["access_key"].is_null());
}

#[tokio::test]
async fn a_shoman_doctor_writes_and_approves_a_type_1_diabetes_opinion_directly() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_DOCTOR).await;
    let form = draft(&doctor, "shoman-07-001-2403").await;
    assert_eq!(form["program"], json!("shoman"));
    assert_eq!(form["disease"], json!("07-001"));
    let approved = doctor
        .post(&format!("/forms/{}/approval", id(&form)), &json!({}))
        .await;
    approved.expect(200);
    assert_eq!(approved.body["state"], json!("confirmed"));
    assert!(approved.body["access_key"].is_string());
}

#[tokio::test]
async fn a_stale_revision_is_refused_with_what_changed_and_nothing_is_overwritten() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = id(&form);

    let mut doctors_items = form["items"].clone();
    doctors_items["hoehn_yahr"] = json!("4");
    doctor
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 1, "items": doctors_items}),
        )
        .await
        .expect(200);

    let mut clerks_items = form["items"].clone();
    clerks_items["living_function_grade"] = json!("3");
    let stale = clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 1, "items": clerks_items}),
        )
        .await;
    stale.expect(409);
    assert_eq!(stale.error_code(), "stale_revision");
    let detail = &stale.body["error"]["details"][0];
    assert_eq!(detail["current_revision"], json!(2));
    assert_eq!(detail["changes"][0]["item"], json!("hoehn_yahr"));
    assert_eq!(detail["changes"][0]["after"], json!("4"));
    let message = stale.body["error"]["message"].as_str().unwrap_or_default();
    let saved_by = app.demo(TOKYO_MANAGER);
    assert!(
        message.contains(&format!("{}（{}）", saved_by.name, saved_by.login_id)),
        "says who saved first: {message}"
    );

    let now = clerk.get(&format!("/forms/{form_id}")).await;
    assert_eq!(now.body["items"]["hoehn_yahr"], json!("4"));
    assert_eq!(now.body["items"]["living_function_grade"], json!("2"));
}

#[tokio::test]
async fn every_refusal_of_the_life_cycle() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let nanbyo_doctor = app.login(TOKYO_MANAGER).await;
    let shoman_doctor = app.login(TOKYO_DOCTOR).await;
    let cooperating = app.login(TOKYO_COOPERATING).await;
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = id(&form);
    let path = |op: &str| format!("/forms/{form_id}/{op}");

    // A clerk cannot approve, return or withdraw.
    clerk.post_empty(&path("approval")).await.expect(403);
    // Wrong program: a 小慢 doctor approves no 臨個票.
    shoman_doctor
        .post_empty(&path("approval"))
        .await
        .expect(403)
        .expect_message_contains("難病");
    // 協力難病指定医: 更新 only.
    cooperating
        .post_empty(&path("approval"))
        .await
        .expect(403)
        .expect_message_contains("更新");
    // Asking a doctor who may not approve it: wrong program, expired, unknown.
    for who in [TOKYO_DOCTOR, TOKYO_EXPIRED_DOCTOR, TOKYO_COOPERATING] {
        let login_id = app.demo(who).login_id.clone();
        clerk
            .post(
                &path("approval-request"),
                &json!({"doctor_login_id": login_id}),
            )
            .await
            .expect_invalid("doctor_login_id");
    }
    clerk
        .post(
            &path("approval-request"),
            &json!({"doctor_login_id": "D9999999999"}),
        )
        .await
        .expect_invalid("doctor_login_id");
    // A doctor of another institution may not be asked.
    let yokohama = app.demo(YOKOHAMA_MANAGER).login_id.clone();
    clerk
        .post(
            &path("approval-request"),
            &json!({"doctor_login_id": yokohama}),
        )
        .await
        .expect_invalid("doctor_login_id");
    // Returning needs a waiting form and a reason.
    nanbyo_doctor
        .post(&path("return"), &json!({"comment": "x"}))
        .await
        .expect(409);
    // Withdrawing needs a confirmed form.
    nanbyo_doctor
        .post_empty(&path("withdrawal"))
        .await
        .expect(409);

    // Errors block the approval: 422 with the findings.
    let mut items = form["items"].clone();
    items.as_object_mut().unwrap().remove("hoehn_yahr");
    items["first_visit_date"] = json!("2099-01-01");
    clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 1, "items": items}),
        )
        .await
        .expect(200);
    let refused = nanbyo_doctor.post_empty(&path("approval")).await;
    refused.expect(422);
    let codes: Vec<&str> = refused.body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["item"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"hoehn_yahr"), "{codes:?}");
    assert!(codes.contains(&"first_visit_date"), "{codes:?}");
    // A stale revision on a transition.
    nanbyo_doctor
        .post(&path("approval"), &json!({"revision": 1}))
        .await
        .expect(409);

    // Outside the institution the form does not exist.
    let other = app.login(YOKOHAMA_CLERK).await;
    other.get(&format!("/forms/{form_id}")).await.expect(404);
    other
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 2, "items": {}}),
        )
        .await
        .expect(404);
    app.login(YOKOHAMA_MANAGER)
        .await
        .post_empty(&path("approval"))
        .await
        .expect(404);
    // Municipality, operator and ministry accounts write no forms; a 自治体 reads only what
    // it opened by key, so another form does not exist for it.
    for (who, read) in [
        (TOKYO_ADMIN, 404),
        (OPERATOR_ADMIN, 403),
        (MINISTRY_ADMIN, 403),
    ] {
        let client = app.login(who).await;
        client.get(&format!("/forms/{form_id}")).await.expect(read);
        client.get("/forms").await.expect(403);
        client.get("/patients").await.expect(403);
    }
}

#[tokio::test]
async fn patients_are_found_by_kana_in_either_script_and_only_inside_their_institution() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let created = clerk
        .post(
            "/patients",
            &json!({
                "family_name": "髙橋", "given_name": "﨑子",
                "family_name_kana": "たかはし", "given_name_kana": "さきこ",
                "birth_date": "1960-02-29", "sex": "2",
            }),
        )
        .await;
    created.expect(201);
    let patient_id = created.body["id"].as_str().unwrap().to_owned();
    assert!(created.body["registration_explained_at"].is_null());

    for query in [
        "kana=タカハシ",
        "kana=たかはし%20さきこ",
        "name=髙橋",
        "birth_date=1960-02-29",
    ] {
        let found = clerk.get(&format!("/patients?{query}")).await;
        found.expect(200);
        assert_eq!(found.body["total"], json!(1), "{query}");
        assert_eq!(found.body["patients"][0]["family_name"], json!("髙橋"));
    }
    let none = clerk.get("/patients?kana=タナカ").await;
    assert_eq!(none.body["total"], json!(0));

    // Refused field by field.
    let bad = clerk
        .post(
            "/patients",
            &json!({"family_name": "", "family_name_kana": "Takahashi", "birth_date": "2999-01-01", "sex": "9"}),
        )
        .await;
    bad.expect(422);
    for field in ["family_name", "family_name_kana", "birth_date", "sex"] {
        assert!(
            bad.fields().contains(&field.to_owned()),
            "{field}: {:?}",
            bad.fields()
        );
    }

    // Another institution neither finds nor opens the patient.
    let other = app.login(YOKOHAMA_CLERK).await;
    assert_eq!(
        other.get("/patients?kana=タカハシ").await.body["total"],
        json!(0)
    );
    other
        .get(&format!("/patients/{patient_id}"))
        .await
        .expect(404);

    // The first form of a patient asks for the DB-registration explanation; the screen
    // says no → refused; yes → recorded with who and when.
    let (definition_id, items) = sample("nanbyo-006-2403");
    clerk
        .post(
            "/forms",
            &json!({"definition_id": definition_id, "patient_id": patient_id, "items": items, "registration_explained": false}),
        )
        .await
        .expect_invalid("registration_explained");
    let form = clerk
        .post(
            "/forms",
            &json!({"definition_id": definition_id, "patient_id": patient_id, "items": {}, "registration_explained": true}),
        )
        .await;
    form.expect(201);
    assert_eq!(
        form.body["patient"]["registration_explained_by"],
        json!(app.demo(TOKYO_CLERK).login_id)
    );
    // The new form starts with the patient's items.
    assert_eq!(form.body["items"]["family_name"], json!("髙橋"));
    assert_eq!(form.body["items"]["birth_date"], json!("1960-02-29"));
}

#[tokio::test]
async fn no_patient_name_is_readable_in_the_database_and_a_rotated_key_still_opens_everything() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let (definition_id, mut items) = sample("nanbyo-006-2403");
    // A name no demo account has.
    items["family_name"] = json!("檜山");
    items["family_name_kana"] = json!("ひやま");
    let form = clerk
        .post(
            "/forms",
            &json!({"definition_id": definition_id, "patient": patient_of(&items), "items": items, "registration_explained": true}),
        )
        .await;
    form.expect(201);
    let form_id = id(&form.body);
    clerk
        .post(
            &format!("/forms/{form_id}/approval-request"),
            &json!({"doctor_login_id": app.demo(TOKYO_MANAGER).login_id, "comment": "檜山さんの件"}),
        )
        .await
        .expect(200);
    let key = doctor
        .post_empty(&format!("/forms/{form_id}/approval"))
        .await
        .body["access_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut app = app;
    app.stop();
    if !app.database.is_postgres() {
        let file = app.sqlite_file_text();
        assert!(
            file.contains("hoehn_yahr"),
            "the clinical answers are stored"
        );
        for secret in [
            "檜山",
            "ひやま",
            "霞が関1-2-2",
            key.as_str(),
            &key.replace('-', ""),
        ] {
            assert!(
                !file.contains(secret),
                "{secret} is readable in the database file"
            );
        }
    }
    let key_file = app.data_path().join("data-key.json");
    let rotated = app.cli(&[
        "rotate-data-key",
        "--database-url",
        &app.database_url(),
        "--data-key-file",
        key_file.to_str().unwrap(),
    ]);
    assert_eq!(rotated.code, Some(0), "{}", rotated.stderr);
    assert!(rotated.stdout.contains("再暗号化"), "{}", rotated.stdout);
    let app = app.restart().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let again = clerk.get(&format!("/forms/{form_id}")).await;
    again.expect(200);
    assert_eq!(again.body["patient"]["family_name"], json!("檜山"));
    assert_eq!(again.body["access_key"], json!(key));
    assert_eq!(again.body["comments"][0]["body"], json!("檜山さんの件"));

    // A server given another key file refuses to start rather than seal under it.
    let mut app = app;
    app.stop();
    std::fs::remove_file(&key_file).unwrap();
    let refused = app.cli(&[
        "serve",
        "--data-dir",
        app.data_path().to_str().unwrap(),
        "--database-url",
        &app.database_url(),
        "--data-key-file",
        key_file.to_str().unwrap(),
    ]);
    assert_ne!(refused.code, Some(0));
    assert!(refused.stderr.contains("データ鍵"), "{}", refused.stderr);
}

#[tokio::test]
async fn a_burst_of_saves_is_one_log_entry_and_every_open_is_one() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = id(&form);
    let mut items = form["items"].clone();
    for (revision, grade) in [(1, "3"), (2, "4"), (3, "5")] {
        items["living_function_grade"] = json!(grade);
        clerk
            .put(
                &format!("/forms/{form_id}"),
                &json!({"revision": revision, "items": items}),
            )
            .await
            .expect(200);
    }
    // An unchanged save makes no revision.
    let same = clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": 4, "items": items}),
        )
        .await;
    same.expect(200);
    assert_eq!(same.body["revision"], json!(4));
    clerk.get(&format!("/forms/{form_id}")).await.expect(200);
    clerk.get(&format!("/forms/{form_id}")).await.expect(200);

    let operator = app.login(OPERATOR_ADMIN).await;
    let count = |action: &'static str| {
        let operator = operator.clone();
        let form_id = form_id.clone();
        async move {
            let r = operator
                .get(&format!("/operation-logs?action={action}&target={form_id}"))
                .await;
            r.expect(200);
            r.body["total"].as_i64().unwrap()
        }
    };
    assert_eq!(count("create_form").await, 1);
    assert_eq!(count("update_form").await, 1, "three saves in a burst");
    assert_eq!(
        count("open_form").await,
        2,
        "two opens; saves are not opens"
    );
}

/// A save answers with the form as it is now stored (built from what it wrote, not read
/// back): a later open reads exactly the same, comment thread and corrected patient included.
#[tokio::test]
async fn what_a_save_answers_is_what_the_next_open_reads() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let doctor_id = app.demo(TOKYO_MANAGER).login_id.clone();
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = id(&form);
    assert_eq!(form["comments"], json!([]));
    clerk
        .post(
            &format!("/forms/{form_id}/approval-request"),
            &json!({"doctor_login_id": doctor_id, "comment": "ご確認ください"}),
        )
        .await
        .expect(200);
    let returned = doctor
        .post(
            &format!("/forms/{form_id}/return"),
            &json!({"comment": "氏名の漢字を確認してください"}),
        )
        .await;
    returned.expect(200);

    let mut items = returned.body["items"].clone();
    items["given_name"] = json!("太朗");
    items["living_function_grade"] = json!("2");
    let revision = returned.body["revision"].as_i64().unwrap();
    let saved = clerk
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": revision, "items": items}),
        )
        .await;
    saved.expect(200);
    assert_eq!(saved.body["revision"], json!(revision + 1));
    assert_eq!(saved.body["patient"]["given_name"], json!("太朗"));
    assert_eq!(saved.body["comments"].as_array().unwrap().len(), 2);

    let opened = clerk.get(&format!("/forms/{form_id}")).await;
    opened.expect(200);
    assert_eq!(saved.body, opened.body);
}
