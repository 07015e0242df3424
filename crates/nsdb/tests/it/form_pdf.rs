//! getFormPdf (interfaces.md): a confirmed form prints with its key; key-only is refused for
//! a draft; another institution's form is absent; every printout is in the operation log.
use crate::forms::draft;
use crate::harness::*;
use serde_json::json;

/// pdftotext (Debian poppler-utils) of a PDF, text in drawing order.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/test.sh installs poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_confirmed_form_prints_with_its_key_and_the_printout_is_logged() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = form["id"].as_str().unwrap().to_owned();
    let pdf_path = format!("/forms/{form_id}/pdf");

    // A draft prints, marked, without a key; key-only is refused with the error shape.
    let (status, content_type, bytes) = clerk.get_bytes(&pdf_path).await;
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    let text = pdftotext(&bytes);
    assert!(text.contains("下書き（未確定）"), "{text}");
    let refused = clerk.get(&format!("{pdf_path}?variant=key-only")).await;
    refused.expect(409);
    assert_eq!(refused.body["error"]["code"], json!("conflict"));
    assert!(refused.text.contains("アクセスキー"), "{}", refused.text);
    clerk
        .get(&format!("{pdf_path}?variant=poster"))
        .await
        .expect(422);

    let approved = doctor
        .post(&format!("/forms/{form_id}/approval"), &json!({}))
        .await;
    approved.expect(200);
    let key = approved.body["access_key"].as_str().unwrap().to_owned();

    let (status, content_type, bytes) = clerk.get_bytes(&pdf_path).await;
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext(&bytes);
    assert!(text.contains(&key), "{text}");
    assert!(text.contains("山田") && text.contains("パーキンソン病"));
    assert!(text.contains(TOKYO_HOSPITAL));
    assert!(!text.contains("下書き"));
    // Approved directly (no 承認依頼): the header names the doctor who confirmed it.
    let doctor_name = &app.demo(TOKYO_MANAGER).name;
    assert!(
        text.contains(&format!("指定医: {doctor_name}")),
        "{doctor_name}: {text}"
    );

    let (status, _, sheet) = clerk
        .get_bytes(&format!("{pdf_path}?variant=key-only"))
        .await;
    assert_eq!(status, 200);
    let sheet = pdftotext(&sheet);
    assert!(
        sheet.contains(&key) && sheet.contains("山田 太郎"),
        "{sheet}"
    );
    assert!(!sheet.contains("Hoehn"));

    let (status, _, masked) = clerk.get_bytes(&format!("{pdf_path}?variant=masked")).await;
    assert_eq!(status, 200);
    let masked = pdftotext(&masked);
    // The patient (山田 太郎) is masked; the confirming doctor happens to share the name.
    let but_the_doctor = masked.replace(&format!("指定医: {doctor_name}"), "");
    assert!(
        masked.contains("（マスク）") && !but_the_doctor.contains("山田"),
        "{masked}"
    );
    assert!(masked.contains("1955-05") && !masked.contains("1955-05-10"));
    assert!(
        !masked.contains(&key),
        "the key opens the full record: not on the masked copy"
    );

    // Outside the caller's scope: absent, as getForm answers.
    let other = app.login(YOKOHAMA_CLERK).await;
    let (status, _, body) = other.get_bytes(&pdf_path).await;
    assert_eq!(status, 404);
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], json!("not_found"));

    // Every printout is logged with its variant (and the read as open_form).
    let operator = app.login(OPERATOR_ADMIN).await;
    let printed = operator
        .get(&format!(
            "/operation-logs?action=print_form&target={form_id}"
        ))
        .await;
    printed.expect(200);
    assert_eq!(printed.body["total"], json!(4), "{}", printed.text);
    let details: Vec<String> = printed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap_or_default().to_owned())
        .collect();
    for v in ["full", "key-only", "masked"] {
        assert!(details.iter().any(|d| d == v), "{details:?}");
    }
    let opened = operator
        .get(&format!(
            "/operation-logs?action=open_form&target={form_id}"
        ))
        .await;
    assert!(
        opened.body["total"].as_i64().unwrap() >= 5,
        "{}",
        opened.text
    );
}

#[tokio::test]
async fn the_form_screen_links_to_its_pdfs() {
    let app = TestApp::spawn().await;
    let clerk = app.login(TOKYO_CLERK).await;
    let token = clerk.token.clone().unwrap();
    let doctor = app.login(TOKYO_MANAGER).await;
    let form = draft(&clerk, "nanbyo-006-2403").await;
    let form_id = form["id"].as_str().unwrap().to_owned();
    let page_path = format!("/forms/{form_id}");
    let (status, _, page) = app.screen(&token, &page_path).await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains(&format!("href=\"/forms/{form_id}/pdf\"")),
        "{page}"
    );
    assert!(page.contains("PDF出力"));
    assert!(!page.contains("variant=key-only"), "no key before 確定");
    doctor
        .post(&format!("/forms/{form_id}/approval"), &json!({}))
        .await
        .expect(200);
    let (_, _, page) = app.screen(&token, &page_path).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(&format!("href=\"/forms/{form_id}/pdf?variant=key-only\"")));
    assert!(page.contains("アクセスキーのみ出力"));
    for variant in ["", "?variant=key-only"] {
        let (status, content_type, bytes) = app
            .screen(&token, &format!("/forms/{form_id}/pdf{variant}"))
            .await;
        assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
        assert!(bytes.starts_with(b"%PDF-"));
    }
    // Another institution's clerk: the error page, not the PDF.
    let other = app.login(YOKOHAMA_CLERK).await;
    let (status, content_type, _) = app
        .screen(
            other.token.as_deref().unwrap(),
            &format!("/forms/{form_id}/pdf"),
        )
        .await;
    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"), "{content_type}");
}

#[tokio::test]
async fn the_openapi_document_describes_get_form_pdf() {
    let app = TestApp::spawn().await;
    let doc = app.anonymous().get("/openapi.json").await;
    doc.expect(200);
    let op = &doc.body["paths"]["/api/v1/forms/{id}/pdf"]["get"];
    assert_eq!(op["operationId"], json!("getFormPdf"), "{}", doc.text);
    assert!(op["responses"]["200"]["content"]["application/pdf"].is_object());
    let params: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        params.contains(&"id") && params.contains(&"variant"),
        "{params:?}"
    );
}

#[tokio::test]
async fn the_municipality_prints_the_masked_copy_of_a_form_it_looked_up_by_key() {
    let app = TestApp::spawn().await;
    let doctor = app.login(TOKYO_MANAGER).await;
    let form = draft(&doctor, "nanbyo-006-2403").await;
    let form_id = form["id"].as_str().unwrap().to_owned();
    let approved = doctor
        .post_empty(&format!("/forms/{form_id}/approval"))
        .await;
    approved.expect(200);
    let key = approved.body["access_key"].as_str().unwrap().to_owned();
    let pdf_path = format!("/forms/{form_id}/pdf?variant=masked");

    // Before the look-up the form does not exist for the 自治体.
    let staff = app.login(TOKYO_USER).await;
    let (status, _, _) = staff.get_bytes(&pdf_path).await;
    assert_eq!(status, 404);
    staff
        .post("/access-key-lookups", &json!({"access_key": key}))
        .await
        .expect(200);
    let (status, content_type, bytes) = staff.get_bytes(&pdf_path).await;
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    let text = pdftotext(&bytes);
    assert!(
        text.contains("審査会資料") && text.contains("（マスク）"),
        "{text}"
    );
    // The patient (山田 太郎) is masked; the confirming doctor happens to share the name.
    let doctor_line = format!("指定医: {}", app.demo(TOKYO_MANAGER).name);
    assert!(text.contains(&doctor_line), "{text}");
    assert!(!text.replace(&doctor_line, "").contains("山田") && !text.contains(&key));
    assert!(text.contains("パーキンソン病") && text.contains("該当"));
    // Another 自治体 has not looked it up: absent.
    let (status, _, _) = app.login(YOKOHAMA_USER).await.get_bytes(&pdf_path).await;
    assert_eq!(status, 404);
}
