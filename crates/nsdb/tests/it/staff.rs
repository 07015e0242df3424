//! Institution staff accounts managed by the 責任者.
use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn manager_creates_clerk_and_manager_accounts() {
    let app = TestApp::spawn().await;
    let manager = app.login(TOKYO_MANAGER).await;
    let clerk = manager.create_staff("clerk").await;
    assert!(!clerk.is_manager);
    assert!(clerk.login_id.starts_with("CL"), "{}", clerk.login_id);
    let office = manager.create_staff("manager").await;
    assert!(office.is_manager);

    for (role, field) in [
        ("doctor", "role"),
        ("municipality_admin", "role"),
        ("boss", "role"),
    ] {
        manager
            .post(
                "/staff-accounts",
                &json!({"role": role, "family_name": "事務", "given_name": "花子"}),
            )
            .await
            .expect_invalid(field);
    }
    manager
        .post(
            "/staff-accounts",
            &json!({"role": "clerk", "family_name": "", "given_name": "花子"}),
        )
        .await
        .expect_invalid("family_name");
    for who in [
        TOKYO_CLERK,
        TOKYO_DOCTOR,
        TOKYO_COOPERATING,
        TOKYO_ADMIN,
        OPERATOR_ADMIN,
    ] {
        app.login(who)
            .await
            .post(
                "/staff-accounts",
                &json!({"role": "clerk", "family_name": "事務", "given_name": "花子"}),
            )
            .await
            .expect(403);
    }

    // The new accounts belong to the institution and go through the first log-in.
    let listed: Vec<String> = manager
        .accounts("")
        .await
        .iter()
        .map(|a| a["login_id"].as_str().unwrap().to_owned())
        .collect();
    assert!(listed.contains(&clerk.login_id) && listed.contains(&office.login_id));
    let (office_client, _) = app.first_login(&office.login_id, &office.password).await;
    let me = office_client.me().await;
    assert_eq!(me.body["role"], json!("manager"));
    assert_eq!(me.body["is_manager"], json!(true));
    assert_eq!(me.body["organization_code"], json!(TOKYO_HOSPITAL_CODE));
    // An office 責任者 has the same rights.
    office_client.create_staff("clerk").await;
    let (clerk_client, _) = app.first_login(&clerk.login_id, &clerk.password).await;
    clerk_client.get("/accounts").await.expect(403);
    clerk_client
        .post(
            "/staff-accounts",
            &json!({"role": "clerk", "family_name": "事務", "given_name": "花子"}),
        )
        .await
        .expect(403);
}

#[tokio::test]
async fn transfer_manager_moves_the_right() {
    let app = TestApp::spawn().await;
    let old = app.login(TOKYO_MANAGER).await;
    let old_id = app.demo(TOKYO_MANAGER).login_id.clone();
    let doctor_id = app.demo(TOKYO_DOCTOR).login_id.clone();
    // Not to someone who already is 責任者, not to another institution, not by a non-manager.
    old.post_empty(&format!("/accounts/{old_id}/manager"))
        .await
        .expect(409);
    old.post_empty(&format!(
        "/accounts/{}/manager",
        app.demo(YOKOHAMA_CLERK).login_id
    ))
    .await
    .expect(404);
    let doctor = app.login(TOKYO_DOCTOR).await;
    doctor
        .post_empty(&format!(
            "/accounts/{}/manager",
            app.demo(TOKYO_CLERK).login_id
        ))
        .await
        .expect(403);
    app.login(TOKYO_ADMIN)
        .await
        .post_empty(&format!("/accounts/{doctor_id}/manager"))
        .await
        .expect(404);

    let r = old
        .post_empty(&format!("/accounts/{doctor_id}/manager"))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    // The old 責任者 lost the right (same session), the new one has it.
    let me = old.me().await;
    assert_eq!(me.body["is_manager"], json!(false), "{}", me.text);
    old.get("/accounts").await.expect(403);
    old.post(
        "/staff-accounts",
        &json!({"role": "clerk", "family_name": "事務", "given_name": "花子"}),
    )
    .await
    .expect(403);
    assert_eq!(doctor.me().await.body["is_manager"], json!(true));
    let accounts = doctor.accounts("").await;
    let flags: Vec<(String, bool)> = accounts
        .iter()
        .map(|a| {
            (
                a["login_id"].as_str().unwrap().to_owned(),
                a["is_manager"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(flags.contains(&(doctor_id.clone(), true)), "{flags:?}");
    assert!(flags.contains(&(old_id.clone(), false)), "{flags:?}");
    assert_eq!(flags.iter().filter(|f| f.1).count(), 1, "{flags:?}");
    doctor.create_staff("clerk").await;
    // And back.
    let r = doctor
        .post_empty(&format!("/accounts/{old_id}/manager"))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    old.create_staff("clerk").await;
}

#[tokio::test]
async fn manager_maintains_own_staff_only() {
    let app = TestApp::spawn().await;
    let manager = app.login(TOKYO_MANAGER).await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    let yokohama_clerk = app.demo(YOKOHAMA_CLERK).clone();
    let clerk_session = app.login(TOKYO_CLERK).await;

    // Another institution's account: 404 for every maintenance operation.
    for (method, path) in [
        (
            "POST",
            format!("/accounts/{}/password-reset", yokohama_clerk.login_id),
        ),
        (
            "POST",
            format!("/accounts/{}/key-file-reissue", yokohama_clerk.login_id),
        ),
        (
            "POST",
            format!("/accounts/{}/unlock", yokohama_clerk.login_id),
        ),
        ("DELETE", format!("/accounts/{}", yokohama_clerk.login_id)),
        ("GET", format!("/accounts/{}", yokohama_clerk.login_id)),
        ("POST", "/accounts/CL00000000/password-reset".to_owned()),
    ] {
        let r = if method == "DELETE" {
            manager.delete(&path).await
        } else if method == "GET" {
            manager.get(&path).await
        } else {
            manager.post_empty(&path).await
        };
        r.expect(404);
    }
    app.login(YOKOHAMA_CLERK).await;

    // Key reissue: sessions end; the old key only allows registering a new one.
    let r = manager
        .post_empty(&format!("/accounts/{}/key-file-reissue", clerk.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    clerk_session.me().await.expect(401);
    let r = app
        .create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await;
    r.expect(201);
    assert_eq!(r.body["key_registration_required"], json!(true));
    let c = app.client_with_token(&clerk.login_id, r.body["token"].as_str().unwrap());
    let code = app.key_registration_code(&clerk.login_id);
    let new_key = c
        .post("/sessions/current/key-file", &json!({"code": code}))
        .await;
    new_key.expect(200);
    let new_key = new_key.body["key_file"].as_str().unwrap().to_owned();
    app.login_with(&clerk.login_id, &clerk.password, Some(&new_key))
        .await;

    // Password reset: a new one-time password; the old password and key stop working.
    let r = manager
        .post_empty(&format!("/accounts/{}/password-reset", clerk.login_id))
        .await;
    r.expect(200);
    let one_time = r.body["initial_password"].as_str().unwrap().to_owned();
    assert_eq!(r.body["login_id"], json!(clerk.login_id));
    app.create_session(&clerk.login_id, &clerk.password, Some(&new_key))
        .await
        .expect(401);
    let (_, key) = app.first_login(&clerk.login_id, &one_time).await;
    app.login_with(&clerk.login_id, GOOD_PASSWORD, Some(&key))
        .await;

    // Deleting: the account disappears; its log-in fails; not oneself; not a doctor ID.
    let own_id = app.demo(TOKYO_MANAGER).login_id.clone();
    manager
        .delete(&format!("/accounts/{own_id}"))
        .await
        .expect(422);
    manager
        .delete(&format!("/accounts/{}", app.demo(TOKYO_DOCTOR).login_id))
        .await
        .expect(403);
    let r = manager
        .delete(&format!("/accounts/{}", clerk.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    manager
        .get(&format!("/accounts/{}", clerk.login_id))
        .await
        .expect(404);
    app.create_session(&clerk.login_id, GOOD_PASSWORD, Some(&key))
        .await
        .expect(401);
    assert!(!manager
        .accounts("")
        .await
        .iter()
        .any(|a| a["login_id"] == json!(clerk.login_id)));
    manager
        .delete(&format!("/accounts/{}", clerk.login_id))
        .await
        .expect(404);
}

#[tokio::test]
async fn the_only_manager_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let manager = app.login(TOKYO_MANAGER).await;
    let office = manager.create_staff("manager").await;
    let (office_client, _) = app.first_login(&office.login_id, &office.password).await;
    // Two 責任者: one may delete the other.
    let r = manager
        .delete(&format!("/accounts/{}", office.login_id))
        .await;
    assert_eq!(r.status, 204, "{}", r.text);
    office_client.me().await.expect(401);
    // Now the doctor 責任者 is the only one; the 自治体 may delete doctor IDs, but not leave
    // the institution without a 責任者.
    let manager_id = app.demo(TOKYO_MANAGER).login_id.clone();
    app.login(TOKYO_ADMIN)
        .await
        .delete(&format!("/accounts/{manager_id}"))
        .await
        .expect(409);
}
