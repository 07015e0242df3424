//! 兼務先: a doctor applies to another registered institution; its 責任者 decides.
use crate::harness::*;
use serde_json::{json, Value};

fn find<'a>(list: &'a Value, id: &str) -> Option<&'a Value> {
    list.as_array()?.iter().find(|a| a["id"] == json!(id))
}

#[tokio::test]
async fn doctor_applies_and_the_other_institutions_manager_approves() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_DOCTOR).await;
    let doctor_id = app.demo(TOKYO_DOCTOR).login_id.clone();

    let r = doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await;
    r.expect(201);
    assert_eq!(r.body["state"], json!("pending"));
    assert_eq!(r.body["institution_code"], json!(YOKOHAMA_HOSPITAL_CODE));
    assert_eq!(r.body["doctor_login_id"], json!(doctor_id));
    let id = r.body["id"].as_str().unwrap().to_owned();

    // Duplicate; own institution; unregistered and malformed codes; a clerk.
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await
        .expect(409);
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
        )
        .await
        .expect_invalid("institution_code");
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": new_institution_code()}),
        )
        .await
        .expect_invalid("institution_code");
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": bad_check_digit(YOKOHAMA_HOSPITAL_CODE)}),
        )
        .await
        .expect_invalid("医療機関コード");
    app.login(TOKYO_CLERK)
        .await
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await
        .expect(403);

    // A third institution with its own 責任者 does not see it.
    let tokyo = app.login(TOKYO_ADMIN).await;
    let third_code = new_institution_code();
    tokyo.create_institution(&third_code, "第三病院").await;
    let third = tokyo.issue_doctor(&NewDoctor::new(&third_code)).await;
    assert!(third.is_manager);
    let (third_manager, _) = app.first_login(&third.login_id, &third.password).await;
    let listed = third_manager
        .get("/concurrent-assignments?view=institution")
        .await;
    listed.expect(200);
    assert!(find(&listed.body, &id).is_none(), "{}", listed.text);
    third_manager
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(404);
    // Nor does the applicant's own 責任者, nor a 自治体.
    app.login(TOKYO_MANAGER)
        .await
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(404);
    app.login(YOKOHAMA_ADMIN)
        .await
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(404);
    // The applied-for institution's clerk and non-manager doctor: 403.
    for who in [YOKOHAMA_CLERK, YOKOHAMA_DOCTOR] {
        let c = app.login(who).await;
        c.get("/concurrent-assignments?view=institution")
            .await
            .expect(403);
        c.post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(403);
    }
    // The applicant cannot decide it.
    doctor
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(404);

    // The 責任者 of the applied-for institution lists and approves.
    let yokohama_manager = app.login(YOKOHAMA_MANAGER).await;
    let listed = yokohama_manager
        .get("/concurrent-assignments?view=institution")
        .await;
    listed.expect(200);
    let entry = find(&listed.body, &id).expect("listed to the institution");
    assert_eq!(entry["state"], json!("pending"));
    assert_eq!(entry["doctor_login_id"], json!(doctor_id));
    let r = yokohama_manager
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["state"], json!("approved"));
    assert!(r.body["decided_at"].is_string());
    yokohama_manager
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": false}),
        )
        .await
        .expect(409);

    let mine = doctor.get("/concurrent-assignments").await;
    mine.expect(200);
    let entry = find(&mine.body, &id).expect("in the doctor's list");
    assert_eq!(entry["state"], json!("approved"));
    assert_eq!(entry["institution_name"], json!(YOKOHAMA_HOSPITAL));
    // Approved: applying again is a duplicate.
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await
        .expect(409);

    // Unknown application ID: 404.
    yokohama_manager
        .post(
            "/concurrent-assignments/00000000-0000-0000-0000-000000000000/decision",
            &json!({"approve": true}),
        )
        .await
        .expect(404);
}

#[tokio::test]
async fn a_rejected_application_can_be_made_again() {
    let app = TestApp::spawn().await;
    let doctor = app.login(YOKOHAMA_COOPERATING).await;
    let r = doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
        )
        .await;
    r.expect(201);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let r = app
        .login(TOKYO_MANAGER)
        .await
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": false}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["state"], json!("rejected"));
    let mine = doctor.get("/concurrent-assignments").await;
    assert_eq!(find(&mine.body, &id).unwrap()["state"], json!("rejected"));
    doctor
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": TOKYO_HOSPITAL_CODE}),
        )
        .await
        .expect(201);
}
