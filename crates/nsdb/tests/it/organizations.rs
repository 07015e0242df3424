//! 自治体 registration by the operator; 医療機関 registration and 医療機関コード changes by the 自治体.
use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn operator_registers_a_municipality_with_its_first_admin() {
    let app = TestApp::spawn().await;
    let operator = app.login(OPERATOR_ADMIN).await;
    let body = json!({"code": "270008", "name": "大阪府", "programs": ["nanbyo", "shoman"]});
    let r = operator.post("/municipalities", &body).await;
    r.expect(201);
    assert_eq!(r.body["code"], json!("270008"));
    let admin_id = r.body["admin"]["login_id"].as_str().unwrap().to_owned();
    let admin_pw = r.body["admin"]["initial_password"]
        .as_str()
        .unwrap()
        .to_owned();

    // Bad check digit, wrong length, unknown program, empty name.
    operator
        .post(
            "/municipalities",
            &json!({"code": "270009", "name": "大阪府", "programs": ["nanbyo"]}),
        )
        .await
        .expect_invalid("地方公共団体コード")
        .expect_message_contains("検査数字");
    operator
        .post(
            "/municipalities",
            &json!({"code": "27000", "name": "大阪府", "programs": ["nanbyo"]}),
        )
        .await
        .expect_invalid("地方公共団体コード");
    operator
        .post(
            "/municipalities",
            &json!({"code": "010006", "name": "北海道", "programs": ["kaigo"]}),
        )
        .await
        .expect_invalid("programs");
    operator
        .post(
            "/municipalities",
            &json!({"code": "010006", "name": " ", "programs": ["nanbyo"]}),
        )
        .await
        .expect_invalid("name");
    // Duplicate.
    operator
        .post("/municipalities", &body)
        .await
        .expect(409)
        .expect_message_contains("270008");
    operator
        .post(
            "/municipalities",
            &json!({"code": "130001", "name": "東京都", "programs": ["nanbyo"]}),
        )
        .await
        .expect(409);

    // Nobody else registers 自治体.
    for who in [OPERATOR_USER, MINISTRY_ADMIN, TOKYO_ADMIN, TOKYO_MANAGER] {
        app.login(who)
            .await
            .post(
                "/municipalities",
                &json!({"code": "010006", "name": "北海道", "programs": ["nanbyo"]}),
            )
            .await
            .expect(403);
    }

    // The listing shows it to the operator and the ministry, not to a 自治体.
    let list = operator.get("/municipalities").await;
    list.expect(200);
    let codes: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"270008") && codes.contains(&"130001"),
        "{codes:?}"
    );
    app.login(MINISTRY_USER)
        .await
        .get("/municipalities")
        .await
        .expect(200);
    app.login(TOKYO_ADMIN)
        .await
        .get("/municipalities")
        .await
        .expect(403);

    // The new 管理者 goes through the first log-in and can register an institution.
    let (osaka, _key) = app.first_login(&admin_id, &admin_pw).await;
    let me = osaka.me().await;
    me.expect(200);
    assert_eq!(me.body["role"], json!("municipality_admin"));
    assert_eq!(me.body["organization"], json!("大阪府"));
    osaka
        .create_institution(&institution_code("271012345"), "大阪テスト病院")
        .await;
}

#[tokio::test]
async fn municipality_registers_institutions() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let code = new_institution_code();
    let r = tokyo
        .post(
            "/institutions",
            &json!({"code": code, "name": "新宿テストクリニック", "address": "東京都新宿区1-1", "phone": "03-0000-0000"}),
        )
        .await;
    r.expect(201);
    assert_eq!(r.body["code"], json!(code));
    assert_eq!(r.body["name"], json!("新宿テストクリニック"));

    // Check digit, shape, 点数表番号, prefecture.
    for bad in [
        bad_check_digit(&new_institution_code()),
        "131012345".to_owned(),
        institution_code("132012345"),
        institution_code("481012345"),
    ] {
        tokyo
            .post("/institutions", &json!({"code": bad, "name": "誤り病院"}))
            .await
            .expect_invalid("医療機関コード");
    }
    // A duplicate of its own.
    tokyo
        .post("/institutions", &json!({"code": code, "name": "二重病院"}))
        .await
        .expect(409);
    // domain.md: a 自治体 registers only 医療機関 in its own area (the 都道府県番号 of the
    // 医療機関コード is its prefecture's); codes are public, so the refusal says why.
    tokyo
        .post(
            "/institutions",
            &json!({"code": institution_code("141077777"), "name": "神奈川の病院"}),
        )
        .await
        .expect_invalid("code")
        .expect_message_contains("区域外");
    tokyo
        .post(
            "/institutions",
            &json!({"code": YOKOHAMA_HOSPITAL_CODE, "name": "二重病院"}),
        )
        .await
        .expect_invalid("code");
    // 一般ユーザ of the 自治体 may register too.
    app.login(TOKYO_USER)
        .await
        .create_institution(&new_institution_code(), "一般ユーザ登録病院")
        .await;
    // Institution staff, the operator and the ministry may not.
    for who in [
        TOKYO_CLERK,
        TOKYO_MANAGER,
        TOKYO_DOCTOR,
        OPERATOR_ADMIN,
        MINISTRY_ADMIN,
    ] {
        app.login(who)
            .await
            .post(
                "/institutions",
                &json!({"code": new_institution_code(), "name": "無権限病院"}),
            )
            .await
            .expect(403);
    }

    // The 自治体 lists only its own institutions.
    let list = tokyo.get("/institutions").await;
    list.expect(200);
    let codes: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&code.as_str()) && codes.contains(&TOKYO_HOSPITAL_CODE));
    assert!(!codes.contains(&YOKOHAMA_HOSPITAL_CODE), "{codes:?}");
}

#[tokio::test]
async fn institution_code_change_carries_all_accounts() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let before: Vec<String> = tokyo
        .accounts(&format!("?scope=institutions&q={TOKYO_HOSPITAL_CODE}"))
        .await
        .iter()
        .map(|a| a["login_id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        before.len() >= 5,
        "demo hospital has 5 accounts: {before:?}"
    );

    let new_code = new_institution_code();
    // Another 自治体 does not see it; a code already used is refused; a bad code is refused.
    app.login(YOKOHAMA_ADMIN)
        .await
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": new_code}),
        )
        .await
        .expect(404);
    tokyo
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await
        .expect_invalid("new_code")
        .expect_message_contains("区域外");
    let other_tokyo_hospital = new_institution_code();
    tokyo
        .create_institution(&other_tokyo_hospital, "既存病院")
        .await;
    tokyo
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": other_tokyo_hospital}),
        )
        .await
        .expect(409);
    tokyo
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": bad_check_digit(&new_code)}),
        )
        .await
        .expect_invalid("医療機関コード");
    tokyo
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": TOKYO_HOSPITAL_CODE}),
        )
        .await
        .expect_invalid("new_code");
    tokyo
        .put(
            &format!("/institutions/{}/code", new_institution_code()),
            &json!({"new_code": new_code}),
        )
        .await
        .expect(404);

    let r = tokyo
        .put(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/code"),
            &json!({"new_code": new_code}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["code"], json!(new_code));
    assert_eq!(r.body["name"], json!(TOKYO_HOSPITAL));

    // Every account follows.
    let after = tokyo
        .accounts(&format!("?scope=institutions&q={new_code}"))
        .await;
    let mut after_ids: Vec<String> = after
        .iter()
        .map(|a| a["login_id"].as_str().unwrap().to_owned())
        .collect();
    let mut before_sorted = before.clone();
    after_ids.sort();
    before_sorted.sort();
    assert_eq!(after_ids, before_sorted);
    assert!(after
        .iter()
        .all(|a| a["organization_code"] == json!(new_code)));
    for id in &before {
        let a = tokyo.get(&format!("/accounts/{id}")).await;
        a.expect(200);
        assert_eq!(a.body["organization_code"], json!(new_code), "{}", a.text);
    }
    assert!(tokyo
        .accounts(&format!("?scope=institutions&q={TOKYO_HOSPITAL_CODE}"))
        .await
        .is_empty());

    // Its doctors still log in, and see the new code; the 責任者 lists its accounts with it.
    let doctor = app.login(TOKYO_DOCTOR).await;
    assert_eq!(doctor.me().await.body["organization_code"], json!(new_code));
    let manager = app.login(TOKYO_MANAGER).await;
    let own = manager.accounts("").await;
    assert_eq!(own.len(), before.len());
    assert!(own
        .iter()
        .all(|a| a["organization_code"] == json!(new_code)));

    // New doctor IDs use the new code; the old one is gone.
    tokyo.issue_doctor(&NewDoctor::new(&new_code)).await;
    tokyo
        .create_doctor(&NewDoctor::new(TOKYO_HOSPITAL_CODE))
        .await
        .expect_invalid("institution_code");
    // The old code is free again and can be registered for another institution.
    tokyo
        .create_institution(TOKYO_HOSPITAL_CODE, "新規病院")
        .await;

    // The change is in the operation log.
    let log = tokyo
        .get("/operation-logs?action=change_institution_code")
        .await;
    log.expect(200);
    assert_eq!(log.body["total"], json!(1), "{}", log.text);
}

#[tokio::test]
async fn account_lists_stay_in_scope() {
    let app = TestApp::spawn().await;
    let ids = |orgs: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = app
            .logins
            .iter()
            .filter(|l| orgs.contains(&l.organization.as_str()))
            .map(|l| l.login_id.clone())
            .collect();
        v.sort();
        v
    };
    let listed = |items: Vec<serde_json::Value>| -> Vec<String> {
        let mut v: Vec<String> = items
            .iter()
            .map(|a| a["login_id"].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    let cases: Vec<(Who, &str, Vec<String>)> = vec![
        (TOKYO_ADMIN, "", ids(&[TOKYO])),
        (TOKYO_ADMIN, "?scope=institutions", ids(&[TOKYO_HOSPITAL])),
        (TOKYO_USER, "?scope=institutions", ids(&[TOKYO_HOSPITAL])),
        (YOKOHAMA_ADMIN, "", ids(&[YOKOHAMA])),
        (
            YOKOHAMA_ADMIN,
            "?scope=institutions",
            ids(&[YOKOHAMA_HOSPITAL]),
        ),
        (TOKYO_MANAGER, "", ids(&[TOKYO_HOSPITAL])),
        (YOKOHAMA_MANAGER, "", ids(&[YOKOHAMA_HOSPITAL])),
        (MINISTRY_ADMIN, "", ids(&["厚生労働省"])),
        (OPERATOR_ADMIN, "", ids(&["システム運営主体"])),
    ];
    for (who, query, expected) in cases {
        let c = app.login(who).await;
        assert_eq!(listed(c.accounts(query).await), expected, "{who:?} {query}");
    }
    // Search within the scope: by name and kana; another 自治体's doctor is not found.
    let tokyo = app.login(TOKYO_ADMIN).await;
    let found = tokyo.accounts("?scope=institutions&q=スズキ").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], serde_json::json!("鈴木 一郎"));
    assert!(tokyo
        .accounts("?scope=institutions&q=サトウ")
        .await
        .is_empty());
    // The institution listing is for 自治体 staff only.
    for who in [TOKYO_MANAGER, OPERATOR_ADMIN, MINISTRY_ADMIN] {
        app.login(who).await.get("/institutions").await.expect(403);
    }
}

#[tokio::test]
async fn account_search_by_login_id_ignores_case() {
    let app = TestApp::spawn().await;
    let doctor = app.demo(TOKYO_DOCTOR).login_id.clone();
    let tokyo = app.login(TOKYO_ADMIN).await;
    let exact = tokyo
        .accounts(&format!("?scope=institutions&q={doctor}"))
        .await;
    assert_eq!(exact.len(), 1);
    // Users type IDs as they read them; SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    let lower = tokyo
        .accounts(&format!("?scope=institutions&q={}", doctor.to_lowercase()))
        .await;
    assert_eq!(lower.len(), 1, "search for {} in lower case", doctor);
}

/// Issue 8: the doctor form showed only the first of several errors. Every field's problem
/// comes back at once, each under the name of its input.
#[tokio::test]
async fn every_invalid_field_is_reported_at_once() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let r = tokyo
        .post(
            "/institutions",
            &json!({"code": bad_check_digit(&new_institution_code()), "name": "", "phone": "03-12"}),
        )
        .await;
    r.expect(422);
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(fields, ["code", "name", "phone"], "{}", r.text);

    let mut doctor = NewDoctor::new(TOKYO_HOSPITAL_CODE).json();
    doctor["family_name_kana"] = json!("Yamada");
    doctor["medical_registration_number"] = json!("12345678");
    doctor["valid_until"] = json!("2030-1-1");
    let r = tokyo.post("/doctors", &doctor).await;
    r.expect(422);
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "family_name_kana",
            "medical_registration_number",
            "valid_until"
        ],
        "{}",
        r.text
    );
}
