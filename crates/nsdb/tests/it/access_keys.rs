//! Forms opened by their access key (domain.md Life cycle; interfaces.md lookupAccessKey,
//! receiveForm): the 自治体 looks the form up and receives it, after which the institution
//! cannot withdraw; a 指定医 of another institution opens it read-only with the patient's
//! consent (連携); a clerk cannot; a wrong key answers like a withdrawn one, and guessing is
//! rate-limited per address and per account.
use crate::forms::draft;
use crate::harness::*;
use serde_json::{json, Value};

/// 公費負担者番号 of 東京都 for 難病 (54 + 13 + 001 + check digit) and a 受給者番号.
const TOKYO_NANBYO_PAYER: &str = "54130018";
const TOKYO_SHOMAN_PAYER: &str = "52130010";
const RECIPIENT: &str = "1234566";

/// A Parkinson form approved by the Tokyo hospital's 難病 doctor: (form id, access key).
async fn confirmed_form(app: &TestApp) -> (String, String) {
    let doctor = app.login(TOKYO_MANAGER).await;
    let form = draft(&doctor, "nanbyo-006-2403").await;
    let id = form["id"].as_str().unwrap().to_owned();
    let approved = doctor.post_empty(&format!("/forms/{id}/approval")).await;
    approved.expect(200);
    let key = approved.body["access_key"].as_str().unwrap().to_owned();
    (id, key)
}

fn today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(9))
        .date_naive()
        .to_string()
}

fn receipt(payer: &str) -> Value {
    json!({"received_on": today(), "recipient_number": RECIPIENT, "payer_number": payer})
}

#[tokio::test]
async fn the_municipality_looks_a_key_up_receives_the_form_and_withdrawal_ends() {
    let app = TestApp::spawn().await;
    let (form_id, key) = confirmed_form(&app).await;
    let staff = app.login(TOKYO_USER).await;

    // Typed loosely: lower case, spaces for hyphens.
    let typed = key.to_lowercase().replace('-', " ");
    let found = staff
        .post("/access-key-lookups", &json!({"access_key": typed}))
        .await;
    found.expect(200);
    assert_eq!(found.body["id"], json!(form_id));
    assert_eq!(found.body["linked"], json!("municipality"));
    assert_eq!(found.body["state"], json!("confirmed"));
    assert_eq!(found.body["determination"]["result"], json!("該当"));
    assert_eq!(found.body["patient"]["family_name"], json!("山田"));

    // Any staff of the same 自治体 sees it again without the key, and it is in their list.
    let admin = app.login(TOKYO_ADMIN).await;
    admin.get(&format!("/forms/{form_id}")).await.expect(200);
    let listed = admin.get("/linked-forms").await;
    listed.expect(200);
    assert_eq!(
        listed.body["forms"][0]["id"],
        json!(form_id),
        "{}",
        listed.text
    );
    // Another 自治体 has not looked it up: it does not exist for them.
    let yokohama = app.login(YOKOHAMA_USER).await;
    yokohama.get(&format!("/forms/{form_id}")).await.expect(404);
    yokohama
        .post(
            &format!("/forms/{form_id}/receipt"),
            &receipt(TOKYO_NANBYO_PAYER),
        )
        .await
        .expect(404);
    // Looking at it does not let the 自治体 change it.
    staff
        .post_empty(&format!("/forms/{form_id}/withdrawal"))
        .await
        .expect(403);

    // Receipt: each number checked, nothing stored on a refusal.
    let path = format!("/forms/{form_id}/receipt");
    let wrong_program = staff.post(&path, &receipt(TOKYO_SHOMAN_PAYER)).await;
    wrong_program.expect(422);
    wrong_program.expect_message_contains("法別番号は難病では54");
    let mut bad_digit = receipt(TOKYO_NANBYO_PAYER);
    bad_digit["recipient_number"] = json!("1234567");
    staff.post(&path, &bad_digit).await.expect(422);
    let mut future = receipt(TOKYO_NANBYO_PAYER);
    future["received_on"] = json!("2199-01-01");
    staff.post(&path, &future).await.expect(422);
    let still = staff.get(&format!("/forms/{form_id}")).await;
    assert_eq!(still.body["state"], json!("confirmed"));

    let received = staff.post(&path, &receipt(TOKYO_NANBYO_PAYER)).await;
    received.expect(200);
    assert_eq!(received.body["state"], json!("received"));
    assert_eq!(received.body["receipt"]["municipality"], json!(TOKYO));
    assert_eq!(
        received.body["receipt"]["recipient_number"],
        json!(RECIPIENT)
    );
    assert_eq!(received.body["receipt"]["received_on"], json!(today()));
    staff
        .post(&path, &receipt(TOKYO_NANBYO_PAYER))
        .await
        .expect(409);

    // The institution sees the receipt and can no longer withdraw; its access list shows
    // the 自治体's look-up and receipt.
    let doctor = app.login(TOKYO_MANAGER).await;
    let refused = doctor
        .post_empty(&format!("/forms/{form_id}/withdrawal"))
        .await;
    refused.expect(409);
    refused.expect_message_contains("自治体が受け付けた後は確定取消できません");
    let seen = doctor.get(&format!("/forms/{form_id}")).await;
    assert_eq!(
        seen.body["receipt"]["payer_number"],
        json!(TOKYO_NANBYO_PAYER)
    );
    assert!(seen.body["linked"].is_null());
    let history = doctor.get(&format!("/forms/{form_id}/history")).await;
    history.expect(200);
    let accesses: Vec<(&str, &str)> = history.body["accesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["login_id"].as_str().unwrap(),
                a["action"].as_str().unwrap(),
            )
        })
        .collect();
    let staff_id = app.demo(TOKYO_USER).login_id.as_str();
    assert!(
        accesses.contains(&(staff_id, "look_up_access_key")),
        "{accesses:?}"
    );
    assert!(
        accesses.contains(&(staff_id, "receive_form")),
        "{accesses:?}"
    );
}

#[tokio::test]
async fn a_doctor_of_another_institution_opens_a_form_by_key_with_the_patients_consent() {
    let app = TestApp::spawn().await;
    let (form_id, key) = confirmed_form(&app).await;
    let doctor = app.login(YOKOHAMA_MANAGER).await;

    let no_consent = doctor
        .post("/access-key-lookups", &json!({"access_key": key}))
        .await;
    no_consent.expect(422);
    no_consent.expect_message_contains("同意");
    doctor.get(&format!("/forms/{form_id}")).await.expect(404);

    let opened = doctor
        .post(
            "/access-key-lookups",
            &json!({"access_key": key, "patient_consent": true}),
        )
        .await;
    opened.expect(200);
    assert_eq!(opened.body["linked"], json!("doctor"));
    // Read-only: opened again without the key, never changed or withdrawn.
    let form = doctor.get(&format!("/forms/{form_id}")).await;
    form.expect(200);
    let items = form.body["items"].clone();
    doctor
        .put(
            &format!("/forms/{form_id}"),
            &json!({"revision": form.body["revision"], "items": items}),
        )
        .await
        .expect(404);
    doctor
        .post_empty(&format!("/forms/{form_id}/withdrawal"))
        .await
        .expect(404);
    let listed = doctor.get("/linked-forms").await;
    assert_eq!(
        listed.body["forms"][0]["id"],
        json!(form_id),
        "{}",
        listed.text
    );

    // The link is the doctor's, not the institution's.
    let colleague = app.login(YOKOHAMA_CLERK).await;
    colleague
        .get(&format!("/forms/{form_id}"))
        .await
        .expect(404);
    // A clerk may not use keys at all; a doctor of the other program may not open it.
    let refused = colleague
        .post(
            "/access-key-lookups",
            &json!({"access_key": key, "patient_consent": true}),
        )
        .await;
    refused.expect(403);
    refused.expect_message_contains("指定医と自治体");
    app.login(YOKOHAMA_DOCTOR)
        .await
        .post(
            "/access-key-lookups",
            &json!({"access_key": key, "patient_consent": true}),
        )
        .await
        .expect(403);
    // Doctors receive nothing.
    doctor
        .post(
            &format!("/forms/{form_id}/receipt"),
            &receipt(TOKYO_NANBYO_PAYER),
        )
        .await
        .expect(403);
}

#[tokio::test]
async fn a_wrong_key_answers_like_a_withdrawn_ones_and_guessing_is_rate_limited() {
    let app = TestApp::builder()
        .args(["--rate-limit-access-key-failures", "3"])
        .spawn()
        .await;
    let (form_id, key) = confirmed_form(&app).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    doctor
        .post_empty(&format!("/forms/{form_id}/withdrawal"))
        .await
        .expect(200);

    let staff = app.login(TOKYO_USER).await;
    let withdrawn = staff
        .post("/access-key-lookups", &json!({"access_key": key}))
        .await;
    withdrawn.expect(404);
    let wrong = staff
        .post(
            "/access-key-lookups",
            &json!({"access_key": "ABCD-EFGH-JKMN-PQRS-TUVW"}),
        )
        .await;
    wrong.expect(404);
    assert_eq!(wrong.body, withdrawn.body);
    // Not even a key's shape: the same answer.
    let malformed = staff
        .post("/access-key-lookups", &json!({"access_key": "0000"}))
        .await;
    assert_eq!(malformed.body, withdrawn.body);

    // Three failures fill the allowance; the fourth goes over it, and from then the
    // attempts wait, with Retry-After.
    staff
        .post("/access-key-lookups", &json!({"access_key": key}))
        .await
        .expect(404);
    let limited = staff
        .post("/access-key-lookups", &json!({"access_key": key}))
        .await;
    limited.expect(429);
    assert!(limited.headers.get("retry-after").is_some());

    // Every failed attempt is in the operation log (the refused ones cost nothing).
    let admin = app.login(TOKYO_ADMIN).await;
    let logged = admin.get("/operation-logs?action=look_up_access_key").await;
    logged.expect(200);
    let failures = logged.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["result"] == json!("failure"))
        .count();
    assert_eq!(failures, 4, "{}", logged.text);
}
