//! 一括登録 (interfaces.md importForms; domain.md Forms): forms of a bulk XML become drafts of
//! the uploading institution with their findings, partial forms included; only a file that
//! is not XML or names an unknown version is refused; the same file twice stores nothing
//! new; a form of another institution or without the patient's 基本情報 is not stored.
use crate::harness::*;
use serde_json::json;

fn sample_xml(id: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/samples")
        .join(format!("{id}.xml"));
    std::fs::read_to_string(path).unwrap()
}

/// The forms of two samples in one file (the 難病 Parkinson 臨個票 and the 小慢 1型糖尿病
/// 意見書), the second made partial: its 基本情報 kept, one clinical section removed.
fn two_forms() -> String {
    let parkinson = sample_xml("nanbyo-006-2403");
    let diabetes = sample_xml("shoman-07-001-2403");
    let body = |xml: &str| {
        let start = xml.find("<form_").unwrap();
        let end = xml.rfind("</bulk>").unwrap();
        xml[start..end].to_owned()
    };
    let mut partial = body(&diabetes);
    // A hospital system exports only some items: the school section is left out.
    let start = partial.find("<school>").unwrap();
    let end = partial.find("</school>").unwrap() + "</school>".len();
    partial.replace_range(start..end, "");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bulk xmlns=\"urn:nsdb:bulk:1\">\n  {}  {}</bulk>\n",
        body(&parkinson),
        partial
    )
}

/// Uploads a bulk-registration file through importForms.
async fn upload(client: &Client, file: &str) -> Resp {
    client
        .post_bytes("/form-imports", file.as_bytes().to_vec(), "application/xml")
        .await
}

async fn form_count(client: &Client) -> i64 {
    let r = client.get("/forms").await;
    r.expect(200);
    r.body["total"].as_i64().unwrap()
}

#[tokio::test]
async fn a_clerk_imports_partial_forms_as_drafts_once() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let before = form_count(&clerk).await;
    let file = two_forms();

    let imported = upload(&clerk, &file).await;
    imported.expect(201);
    assert_eq!(imported.body["repeated"], json!(false));
    assert_eq!(imported.body["stored"], json!(2), "{}", imported.text);
    let forms = imported.body["forms"].as_array().unwrap();
    for f in forms {
        assert_eq!(f["state"], json!("draft"));
    }
    // The partial one carries its findings, and is a draft to finish on screen.
    assert!(
        !forms[1]["findings"].as_array().unwrap().is_empty(),
        "{}",
        imported.text
    );
    let parkinson = clerk
        .get(&format!("/forms/{}", forms[0]["id"].as_str().unwrap()))
        .await;
    parkinson.expect(200);
    assert_eq!(parkinson.body["disease_name"], json!("パーキンソン病"));
    assert_eq!(parkinson.body["patient"]["family_name"], json!("山田"));
    assert_eq!(parkinson.body["items"]["hoehn_yahr"], json!("3"));
    assert_eq!(form_count(&clerk).await, before + 2);

    // The same file again: the first upload's result, nothing new.
    let again = upload(&clerk, &file).await;
    again.expect(200);
    assert_eq!(again.body["repeated"], json!(true));
    assert_eq!(again.body["forms"][0]["id"], forms[0]["id"]);
    assert_eq!(form_count(&clerk).await, before + 2);

    // A multipart upload of the same bytes is the same file.
    let multipart = clerk
        .post_multipart(
            "/form-imports",
            "file",
            "bulk.xml",
            two_forms().into_bytes(),
        )
        .await;
    multipart.expect(200);
    assert_eq!(multipart.body["repeated"], json!(true));
}

#[tokio::test]
async fn files_that_are_not_xml_or_name_unknown_versions_store_nothing() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let before = form_count(&clerk).await;
    let broken = clerk
        .post_bytes(
            "/form-imports",
            b"<bulk xmlns=\"urn:nsdb:bulk:1\"><form_nanbyo-006-2403>".to_vec(),
            "application/xml",
        )
        .await;
    broken.expect(422);
    broken.expect_message_contains("行");
    let unknown = sample_xml("nanbyo-006-2403").replace("nanbyo-006-2403", "nanbyo-006-1999");
    upload(&clerk, &unknown).await.expect(422);
    assert_eq!(form_count(&clerk).await, before);
}

#[tokio::test]
async fn forms_of_another_institution_or_without_a_patient_are_listed_not_stored() {
    let app = TestApp::spawn().await;
    // The samples name the Tokyo hospital.
    let yokohama = app.login(YOKOHAMA_CLERK).await;
    let before = form_count(&yokohama).await;
    let r = upload(&yokohama, &sample_xml("nanbyo-006-2403")).await;
    r.expect(201);
    assert_eq!(r.body["stored"], json!(0));
    assert!(r.body["forms"][0]["refusal"]
        .as_str()
        .unwrap()
        .contains("医療機関コード"));
    assert_eq!(form_count(&yokohama).await, before);

    let clerk = app.login(TOKYO_CLERK).await;
    let nameless = sample_xml("nanbyo-006-2403").replace("<family_name>山田</family_name>", "");
    let r = upload(&clerk, &nameless).await;
    r.expect(201);
    assert_eq!(r.body["stored"], json!(0), "{}", r.text);
    assert!(r.body["forms"][0]["refusal"]
        .as_str()
        .unwrap()
        .contains("基本情報"));

    // The 自治体 registers no forms.
    let municipality = app.login(TOKYO_USER).await;
    upload(&municipality, &sample_xml("nanbyo-006-2403"))
        .await
        .expect(403);
}

/// A file of `n` Parkinson 臨個票 of `n` patients (birth dates a day apart), as a hospital
/// system would export a year's renewals.
pub fn many_forms(n: usize) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap();
    let born: Vec<String> = (0..n)
        .map(|i| (first + chrono::Duration::days(i as i64)).to_string())
        .collect();
    forms_of_people_born(&born)
}

/// A file of the Parkinson sample, one form per birth date given (the same kana in all).
fn forms_of_people_born(born: &[String]) -> String {
    let sample = sample_xml("nanbyo-006-2403");
    let start = sample.find("<form_").unwrap();
    let end = sample.rfind("</bulk>").unwrap();
    let form = &sample[start..end];
    let mut file = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bulk xmlns=\"urn:nsdb:bulk:1\">\n  ",
    );
    for date in born {
        file.push_str(&form.replace(
            "<birth_date>1955-05-10</birth_date>",
            &format!("<birth_date>{date}</birth_date>"),
        ));
    }
    file.push_str("</bulk>\n");
    file
}

async fn job_until(client: &Client, id: &str, done: impl Fn(&Resp) -> bool) -> Resp {
    for _ in 0..1200 {
        let r = client.get(&format!("/jobs/{id}")).await;
        r.expect(200);
        if done(&r) {
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("job {id} did not get there in 60 s");
}

#[tokio::test]
async fn a_large_file_goes_on_in_the_background_and_survives_a_kill_of_the_server() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let before = form_count(&clerk).await;
    let file = many_forms(1000);

    let accepted = upload(&clerk, &file).await;
    accepted.expect(202);
    let job_id = accepted.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        accepted
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some(format!("/api/v1/jobs/{job_id}").as_str())
    );
    assert_eq!(accepted.body["total"], json!(1000));
    assert_eq!(accepted.body["kind"], json!("form_import"));

    // Another institution does not see the job.
    app.login(YOKOHAMA_CLERK)
        .await
        .get(&format!("/jobs/{job_id}"))
        .await
        .expect(404);

    // Progress shows while it runs; the server is killed (SIGKILL) in the middle.
    let running = job_until(&clerk, &job_id, |r| r.body["done"].as_i64().unwrap() > 0).await;
    let mut app = app;
    app.stop();
    let done_at_kill = running.body["done"].as_i64().unwrap();
    assert!(
        done_at_kill < 1000,
        "the job ended before the kill: {}",
        running.text
    );

    // Restarted, the server takes the job over from where it stopped.
    let app = app.restart().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let finished = job_until(&clerk, &job_id, |r| {
        r.body["state"] != json!("running") && r.body["state"] != json!("queued")
    })
    .await;
    assert_eq!(
        finished.body["state"],
        json!("finished"),
        "{}",
        finished.text
    );
    assert_eq!(finished.body["done"], json!(1000));
    assert_eq!(finished.body["stored"], json!(1000));
    let report = &finished.body["report"];
    let forms = report["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 1000);
    let ids: std::collections::BTreeSet<&str> =
        forms.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 1000, "every form stored once");
    let positions: Vec<i64> = forms.iter().map(|f| f["index"].as_i64().unwrap()).collect();
    assert_eq!(positions, (1..=1000).collect::<Vec<i64>>());
    // Exactly once: the institution has 1,000 forms more, not one more.
    assert_eq!(form_count(&clerk).await, before + 1000);

    // The same file again stores nothing and answers with the first job's report.
    let again = upload(&clerk, &file).await;
    again.expect(200);
    assert_eq!(again.body["repeated"], json!(true));
    assert_eq!(again.body["import_id"], json!(job_id));
    assert_eq!(form_count(&clerk).await, before + 1000);
}

#[tokio::test]
async fn a_failed_job_goes_on_when_its_file_is_uploaded_again_and_stores_each_form_once() {
    let mut app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let before = form_count(&clerk).await;
    let file = many_forms(300);
    let accepted = upload(&clerk, &file).await;
    accepted.expect(202);
    let job_id = accepted.body["id"].as_str().unwrap().to_owned();
    // The server stops wherever it is, and the job is found failed (as after an error that
    // another attempt would meet again): no server takes it up by itself.
    app.stop();
    app.sql(&format!(
        "UPDATE form_imports SET state = 'failed', failure = 'テスト', claimed_by = NULL, claimed_until = NULL WHERE id = '{job_id}'"
    ))
    .await;
    let app = app.restart().await;
    let clerk = app.login(TOKYO_CLERK).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let failed = clerk.get(&format!("/jobs/{job_id}")).await;
    failed.expect(200);
    assert_eq!(failed.body["state"], json!("failed"));
    assert_eq!(failed.body["failure"], json!("テスト"));

    // The same file again takes the job up from where it stopped.
    let again = upload(&clerk, &file).await;
    again.expect(202);
    assert_eq!(again.body["id"], json!(job_id));
    let finished = job_until(&clerk, &job_id, |r| r.body["state"] == json!("finished")).await;
    assert_eq!(finished.body["stored"], json!(300), "{}", finished.text);
    assert_eq!(finished.body["failure"], json!(null));
    assert_eq!(form_count(&clerk).await, before + 300);
}

/// Patients are matched as a clerk would match them: a person registered before is that
/// patient (the draft takes what the file leaves out from the record), and a person named
/// twice in a file — in one batch of the job or in two — is registered once.
#[tokio::test]
async fn imported_forms_find_their_patients_once_within_a_batch_and_across_batches() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let registered = clerk
        .post(
            "/patients",
            &json!({
                "family_name": "山田", "given_name": "太郎",
                "family_name_kana": "やまだ", "given_name_kana": "たろう",
                "birth_date": "1930-03-03", "sex": "1",
                "postal_code": "980-0811", "address": "宮城県仙台市青葉区一番町1-1",
            }),
        )
        .await;
    registered.expect(201);
    let registered_id = registered.body["id"].as_str().unwrap().to_owned();
    let patients_before = clerk.get("/patients?kana=やまだ&per_page=1").await.body["total"]
        .as_i64()
        .unwrap();

    // 300 forms (two batches): 2 and 261 name the person of form 1; form 6 names the
    // registered patient and leaves the address out.
    let first = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap();
    let mut born: Vec<String> = (0..300)
        .map(|i| (first + chrono::Duration::days(i)).to_string())
        .collect();
    born[1] = born[0].clone();
    born[260] = born[0].clone();
    born[5] = "1930-03-03".into();
    let mut file = forms_of_people_born(&born);
    let sixth = file.match_indices("<form_").nth(5).unwrap().0;
    let address = file[sixth..].find("<address>").unwrap() + sixth;
    let address_end = file[address..].find("</address>").unwrap() + address + "</address>".len();
    file.replace_range(address..address_end, "");

    let accepted = upload(&clerk, &file).await;
    accepted.expect(202);
    let id = accepted.body["id"].as_str().unwrap().to_owned();
    let finished = job_until(&clerk, &id, |r| r.body["state"] == json!("finished")).await;
    assert_eq!(finished.body["stored"], json!(300), "{}", finished.text);

    // 300 forms of 297 new people and one registered before.
    let patients_after = clerk.get("/patients?kana=やまだ&per_page=1").await.body["total"]
        .as_i64()
        .unwrap();
    assert_eq!(patients_after, patients_before + 297);
    let forms = finished.body["report"]["forms"].as_array().unwrap();
    let patient_of = |position: usize| {
        let form_id = forms[position]["id"].as_str().unwrap().to_owned();
        let clerk = &clerk;
        async move {
            let form = clerk.get(&format!("/forms/{form_id}")).await;
            form.expect(200);
            form.body
        }
    };
    let form_1 = patient_of(0).await;
    for position in [1, 260] {
        assert_eq!(
            patient_of(position).await["patient"]["id"],
            form_1["patient"]["id"],
            "form {} names the person of form 1",
            position + 1
        );
    }
    let sixth = patient_of(5).await;
    assert_eq!(sixth["patient"]["id"], json!(registered_id));
    assert_eq!(
        sixth["items"]["address"],
        json!("宮城県仙台市青葉区一番町1-1")
    );
}

/// A finished import keeps the findings of its report, sealed, and no longer its file (the
/// forms are stored); `nsdb rotate-data-key` re-seals them and the report still opens.
#[tokio::test]
async fn a_finished_import_keeps_its_findings_not_its_file_and_the_key_rotation_covers_them() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let file = two_forms();
    let first = upload(&clerk, &file).await;
    first.expect(201);
    let import_id = first.body["import_id"].as_str().unwrap().to_owned();
    let findings = first.body["forms"][1]["findings"].clone();
    assert!(!findings.as_array().unwrap().is_empty(), "{}", first.text);
    let rows =
        |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE import_id = '{import_id}'");
    assert_eq!(app.sql_number(&rows("form_import_files")).await, 0);
    assert_eq!(app.sql_number(&rows("form_import_findings")).await, 1);

    let mut app = app;
    app.stop();
    let key_file = app.data_path().join("data-key.json");
    let rotated = app.cli(&[
        "rotate-data-key",
        "--database-url",
        &app.database_url(),
        "--data-key-file",
        key_file.to_str().unwrap(),
    ]);
    assert_eq!(rotated.code, Some(0), "{}", rotated.stderr);
    assert!(
        rotated.stdout.contains("一括登録の結果"),
        "{}",
        rotated.stdout
    );
    let app = app.restart().await;
    assert_eq!(
        app.sql_number(
            "SELECT COUNT(*) FROM form_import_findings f WHERE f.key_id <> \
             (SELECT MIN(p.key_id) FROM patients p)"
        )
        .await,
        0,
        "sealed under the new key, as the patients are"
    );
    let clerk = app.login(TOKYO_CLERK).await;
    let again = upload(&clerk, &file).await;
    again.expect(200);
    assert_eq!(again.body["repeated"], json!(true));
    assert_eq!(again.body["forms"][1]["findings"], findings);
}
