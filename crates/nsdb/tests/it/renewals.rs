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
