//! Bulk issuance of 指定医 IDs from the 医療機関ユーザデータファイル (importDoctors).
use crate::harness::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{json, Value};

const HEADER: [&str; 12] = [
    "医療機関コード",
    "部署",
    "姓",
    "名",
    "姓カナ",
    "名カナ",
    "電話",
    "医籍登録番号",
    "指定医番号",
    "難病/小慢",
    "指定医種別",
    "指定医有効期限",
];

/// One row of the file, in HEADER order.
#[derive(Clone)]
struct Row([String; 12]);

fn row(code: &str, family: &str, registration: &str, designation: &str, program: &str) -> Row {
    Row([
        code.into(),
        "脳神経内科".into(),
        family.into(),
        "一括".into(),
        "イッカツ".into(),
        "テスト".into(),
        "03-1111-2222".into(),
        registration.into(),
        designation.into(),
        program.into(),
        "指定医".into(),
        "2030-03-31".into(),
    ])
}

/// An XLSX file: strings, the 医籍登録番号 as a number, the expiry as an Excel date.
fn xlsx(rows: &[Row]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, Row(cells)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            if c == 7 && v.parse::<f64>().is_ok() {
                ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else if c == 11 && v.len() == 10 {
                let (y, m, d) = (&v[0..4], &v[5..7], &v[8..10]);
                let dt = ExcelDateTime::from_ymd(
                    y.parse().unwrap(),
                    m.parse().unwrap(),
                    d.parse().unwrap(),
                )
                .unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            } else {
                ws.write_string(r, c, v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn csv_text(header: &[&str], rows: &[Row]) -> String {
    let mut s = header.join(",");
    s.push_str("\r\n");
    for Row(cells) in rows {
        s.push_str(&cells.join(","));
        s.push_str("\r\n");
    }
    s
}

fn statuses(report: &Value) -> Vec<(u64, String)> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn institution_accounts(c: &Client) -> usize {
    let r = c.get("/accounts?scope=institutions").await;
    r.expect(200);
    r.body["total"].as_u64().unwrap() as usize
}

#[tokio::test]
async fn xlsx_upload_creates_good_rows_and_reports_refusals() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let code = new_institution_code();
    tokyo.create_institution(&code, "一括登録病院").await;
    let n = unique();
    let reg = |i: u32| format!("{}", 600_000 + n * 10 + i);
    let rows = vec![
        row(&code, "一番", &reg(1), &format!("B{n}-1"), "難病"),
        row(&code, "二番", &reg(2), &format!("B{n}-2"), "nanbyo"),
        row(
            &bad_check_digit(&code),
            "三番",
            &reg(3),
            &format!("B{n}-3"),
            "難病",
        ),
        row(&code, "四番", &reg(1), &format!("B{n}-4"), "難病"),
        row(&code, "五番", &reg(1), &format!("B{n}-5"), "小慢"),
    ];
    let file = xlsx(&rows);
    let before = institution_accounts(&tokyo).await;
    let r = tokyo
        .post_bytes(
            "/doctors/import",
            file.clone(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(3), "{}", r.text);
    assert_eq!(r.body["refused"], json!(2), "{}", r.text);
    assert_eq!(
        statuses(&r.body),
        vec![
            (2, "created".into()),
            (3, "created".into()),
            (4, "refused".into()),
            (5, "refused".into()),
            (6, "created".into()),
        ]
    );
    let rows_out = r.body["rows"].as_array().unwrap();
    // The first created row's doctor is the new institution's 責任者; no one else.
    assert_eq!(rows_out[0]["is_manager"], json!(true));
    assert_eq!(rows_out[1]["is_manager"], json!(false));
    assert_eq!(rows_out[4]["is_manager"], json!(false));
    assert!(rows_out[0]["login_id"].as_str().unwrap().starts_with("DR"));
    assert!(rows_out[0]["initial_password"].as_str().unwrap().len() >= 12);
    let reason = rows_out[2]["message"].as_str().unwrap();
    assert!(
        reason.contains("医療機関コード") && reason.contains("検査数字"),
        "{reason}"
    );
    let reason = rows_out[3]["message"].as_str().unwrap();
    assert!(reason.contains("医籍登録番号"), "{reason}");
    assert!(rows_out[3]["login_id"].is_null());
    assert_eq!(institution_accounts(&tokyo).await, before + 3);

    // The created IDs carry the file's data (date cell read as a date, number as text).
    let first = rows_out[0]["login_id"].as_str().unwrap();
    let a = tokyo.get(&format!("/accounts/{first}")).await;
    a.expect(200);
    assert_eq!(a.body["valid_until"], json!("2030-03-31"), "{}", a.text);
    assert_eq!(a.body["medical_registration_number"], json!(reg(1)));
    assert_eq!(a.body["program"], json!("nanbyo"));
    assert_eq!(a.body["organization_code"], json!(code));
    let shoman = rows_out[4]["login_id"].as_str().unwrap();
    let a = tokyo.get(&format!("/accounts/{shoman}")).await;
    assert_eq!(a.body["program"], json!("shoman"));
    // The 責任者 from the file logs in (first log-in) and has 責任者 rights.
    let (manager, _) = app
        .first_login(first, rows_out[0]["initial_password"].as_str().unwrap())
        .await;
    manager.create_staff("clerk").await;

    // Re-uploading the same file creates nothing.
    let r = tokyo
        .post_bytes("/doctors/import", file, "application/octet-stream")
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(0), "{}", r.text);
    assert_eq!(r.body["refused"], json!(5), "{}", r.text);
    for (i, row) in r.body["rows"].as_array().unwrap().iter().enumerate() {
        if i != 2 {
            let m = row["message"].as_str().unwrap();
            assert!(m.contains("既に存在"), "row {}: {m}", i + 2);
        }
    }
    assert_eq!(institution_accounts(&tokyo).await, before + 3 + 1);

    // The upload is in the operation log.
    let log = tokyo
        .get("/operation-logs?action=bulk_create_doctors")
        .await;
    log.expect(200);
    assert_eq!(log.body["total"], json!(2), "{}", log.text);
}

#[tokio::test]
async fn csv_upload_in_utf8_and_shift_jis() {
    let app = TestApp::spawn().await;
    let yokohama = app.login(YOKOHAMA_USER).await;
    let code = institution_code("141055555");
    yokohama.create_institution(&code, "CSV病院").await;
    let n = unique();
    // UTF-8 with BOM, columns in another order, 指定医種別 left empty (= 指定医).
    let mut header: Vec<&str> = HEADER.to_vec();
    header.swap(0, 11);
    let mut r1 = row(
        &code,
        "CSV一",
        &format!("{}", 700_000 + n),
        &format!("C{n}-1"),
        "難病",
    );
    r1.0.swap(0, 11);
    r1.0[10] = String::new();
    let mut text = "\u{feff}".to_owned();
    text.push_str(&csv_text(&header, &[r1]));
    let r = yokohama
        .post_bytes("/doctors/import", text.into_bytes(), "text/csv")
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(1), "{}", r.text);
    assert_eq!(r.body["rows"][0]["is_manager"], json!(true));

    // Shift_JIS as Excel writes it; a 協力難病指定医 row; a blank line is skipped.
    let mut r2 = row(
        &code,
        "シフト",
        &format!("{}", 710_000 + n),
        &format!("C{n}-2"),
        "難病",
    );
    r2.0[10] = "協力難病指定医".into();
    let r3 = row(
        &code,
        "",
        &format!("{}", 720_000 + n),
        &format!("C{n}-3"),
        "難病",
    );
    let mut text = csv_text(&HEADER, &[r2]);
    text.push_str(",,,,,,,,,,,\r\n");
    text.push_str(&csv_text(&HEADER, &[r3])[HEADER.join(",").len() + 2..]);
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&sjis).is_err(), "really Shift_JIS");
    let r = yokohama
        .post_bytes("/doctors/import", sjis.into_owned(), "text/csv")
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(1), "{}", r.text);
    assert_eq!(r.body["refused"], json!(1), "{}", r.text);
    let rows = r.body["rows"].as_array().unwrap();
    assert_eq!(rows[0]["status"], json!("created"));
    assert_eq!(rows[0]["name"], json!("シフト 一括"));
    assert!(rows[0]["login_id"].as_str().unwrap().starts_with("DC"));
    assert_eq!(rows[1]["row"], json!(4), "the blank line keeps its number");
    assert!(
        rows[1]["message"].as_str().unwrap().contains("姓"),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn malformed_files_are_refused_whole() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let before = institution_accounts(&tokyo).await;
    let n = unique();
    let good = row(
        TOKYO_HOSPITAL_CODE,
        "正常",
        &format!("{}", 800_000 + n),
        &format!("M{n}"),
        "難病",
    );

    let mut random = Vec::new();
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        random.push((x & 0xff) as u8);
    }
    let mut fake_zip = b"PK\x03\x04".to_vec();
    fake_zip.extend_from_slice(&random);
    let missing_headers = {
        let header: Vec<&str> = HEADER
            .iter()
            .copied()
            .filter(|h| *h != "医籍登録番号")
            .collect();
        let mut cells = good.0.to_vec();
        cells.remove(7);
        format!("{}\r\n{}\r\n", header.join(","), cells.join(","))
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("random bytes", random),
        ("broken xlsx", fake_zip),
        ("empty", Vec::new()),
        ("missing 医籍登録番号 column", missing_headers.into_bytes()),
        ("not a table", b"hello\nworld\n".to_vec()),
    ];
    for (what, bytes) in cases {
        let r = tokyo
            .post_bytes("/doctors/import", bytes, "application/octet-stream")
            .await;
        assert_eq!(r.status, 400, "{what}: {}", r.text);
        assert_error_shape(&r);
        if what.starts_with("missing") {
            r.expect_message_contains("医籍登録番号");
        }
    }
    assert_eq!(institution_accounts(&tokyo).await, before);

    // Only 自治体 staff upload.
    for who in [TOKYO_MANAGER, TOKYO_CLERK, OPERATOR_ADMIN, MINISTRY_USER] {
        app.login(who)
            .await
            .post_bytes(
                "/doctors/import",
                xlsx(std::slice::from_ref(&good)),
                "application/octet-stream",
            )
            .await
            .expect(403);
    }
    // Rows for an institution another 自治体 registered are refused row by row.
    let r = app
        .login(YOKOHAMA_ADMIN)
        .await
        .post_bytes(
            "/doctors/import",
            xlsx(std::slice::from_ref(&good)),
            "application/octet-stream",
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(0), "{}", r.text);
    assert_eq!(institution_accounts(&tokyo).await, before);
    // And the same file from Tokyo works.
    let r = tokyo
        .post_bytes("/doctors/import", xlsx(&[good]), "application/octet-stream")
        .await;
    assert_eq!(r.body["created"], json!(1), "{}", r.text);
}

#[tokio::test]
async fn each_new_institution_gets_its_first_row_as_manager() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let (a, b) = (new_institution_code(), new_institution_code());
    tokyo.create_institution(&a, "甲病院").await;
    tokyo.create_institution(&b, "乙病院").await;
    let n = unique();
    let reg = |i: u32| format!("{}", 610_000 + n * 10 + i);
    let rows = vec![
        // A bad first row for A: the next created row of A becomes its 責任者.
        row(&a, "甲零", "1234567", &format!("A{n}-0"), "難病"),
        row(&a, "甲一", &reg(1), &format!("A{n}-1"), "難病"),
        row(&b, "乙一", &reg(2), &format!("A{n}-2"), "小慢"),
        row(&a, "甲二", &reg(3), &format!("A{n}-3"), "難病"),
        row(&b, "乙二", &reg(4), &format!("A{n}-4"), "難病"),
        // The demo hospital already has its 責任者.
        row(
            TOKYO_HOSPITAL_CODE,
            "丙一",
            &reg(5),
            &format!("A{n}-5"),
            "難病",
        ),
    ];
    let r = tokyo
        .post_bytes("/doctors/import", xlsx(&rows), "application/octet-stream")
        .await;
    r.expect(200);
    let managers: Vec<(String, String, bool)> = r.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["name"].as_str().unwrap().to_owned(),
                x["status"].as_str().unwrap().to_owned(),
                x["is_manager"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        managers,
        vec![
            ("甲零 一括".into(), "refused".into(), false),
            ("甲一 一括".into(), "created".into(), true),
            ("乙一 一括".into(), "created".into(), true),
            ("甲二 一括".into(), "created".into(), false),
            ("乙二 一括".into(), "created".into(), false),
            ("丙一 一括".into(), "created".into(), false),
        ]
    );
}

#[tokio::test]
async fn dates_as_excel_writes_them_in_csv() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let n = unique();
    let mut r1 = row(
        TOKYO_HOSPITAL_CODE,
        "日付一",
        &format!("{}", 620_000 + n),
        &format!("D{n}-1"),
        "難病",
    );
    r1.0[11] = "2030/3/31".into();
    let mut r2 = row(
        TOKYO_HOSPITAL_CODE,
        "日付二",
        &format!("{}", 630_000 + n),
        &format!("D{n}-2"),
        "難病",
    );
    r2.0[11] = "2030/03/31".into();
    let r = tokyo
        .post_bytes(
            "/doctors/import",
            csv_text(&HEADER, &[r1, r2]).into_bytes(),
            "text/csv",
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(2), "{}", r.text);
    let id = r.body["rows"][0]["login_id"].as_str().unwrap();
    let a = tokyo.get(&format!("/accounts/{id}")).await;
    assert_eq!(a.body["valid_until"], json!("2030-03-31"));
}

#[tokio::test]
async fn numeric_institution_code_cells_keep_their_leading_zero() {
    let app = TestApp::spawn().await;
    let operator = app.login(OPERATOR_ADMIN).await;
    let r = operator
        .post(
            "/municipalities",
            &json!({"code": "010006", "name": "北海道", "programs": ["nanbyo", "shoman"]}),
        )
        .await;
    r.expect(201);
    let (hokkaido, _) = app
        .first_login(
            r.body["admin"]["login_id"].as_str().unwrap(),
            r.body["admin"]["initial_password"].as_str().unwrap(),
        )
        .await;
    hokkaido
        .create_institution("0110113719", "札幌テスト病院")
        .await;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let Row(cells) = row("0110113719", "北海", "654321", "H-1", "難病");
    for (c, v) in cells.iter().enumerate() {
        if c == 0 {
            ws.write_number(1, 0, 110113719.0).unwrap();
        } else {
            ws.write_string(1, c as u16, v).unwrap();
        }
    }
    let r = hokkaido
        .post_bytes(
            "/doctors/import",
            wb.save_to_buffer().unwrap(),
            "application/octet-stream",
        )
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(1), "{}", r.text);
}

/// Issue 8: `doctors/import` took only a raw body; a multipart upload (`curl -F`) got a
/// misleading encoding error. Both are accepted; a multipart body without `file` is a 400.
#[tokio::test]
async fn multipart_upload_is_accepted_like_a_raw_body() {
    let app = TestApp::spawn().await;
    let tokyo = app.login(TOKYO_ADMIN).await;
    let code = new_institution_code();
    tokyo.create_institution(&code, "マルチパート病院").await;
    let n = unique();
    let file = xlsx(&[row(
        &code,
        "多部",
        &format!("{}", 500_000 + n),
        &format!("M{n}-1"),
        "難病",
    )]);
    let r = tokyo
        .post_multipart("/doctors/import", "file", "users.xlsx", file.clone())
        .await;
    r.expect(200);
    assert_eq!(r.body["created"], json!(1), "{}", r.text);

    let r = tokyo
        .post_multipart("/doctors/import", "upload", "users.xlsx", file)
        .await;
    r.expect(400);
    assert_error_shape(&r);
    assert!(r.message().contains("file"), "{}", r.text);
}
