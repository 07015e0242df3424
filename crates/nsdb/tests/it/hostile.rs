//! Hostile uploads: files small on the wire whose content would make a naive reader
//! allocate or work without bound. Each is refused (or answered) with a clear message, the
//! server's memory stays bounded, and it keeps serving.
use crate::harness::*;
use serde_json::Value;
use std::io::{Cursor, Write};

/// Peak memory the server may reach while refusing the files below (the files and their
/// limits are tens of MB; a grid or bomb reader would need GBs).
const MEMORY_BOUND_KIB: u64 = 400 * 1024;

/// An XLSX whose first sheet's `<sheetData>` is written by `sheet_data` (streamed into the
/// deflater, so a bomb never exists unpacked in the test either).
fn xlsx(shared: &[&str], sheet_data: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
        ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned()),
        ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#, shared.iter().map(|s| format!("<si><t>{s}</t></si>")).collect::<String>())),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    zip.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    sheet_data(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

const HEADER: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;

async fn refused_and_still_serving(app: &TestApp, file: Vec<u8>, limit_words: &[&str]) {
    let tokyo = app.login(TOKYO_ADMIN).await;
    let r = tokyo
        .post_bytes("/doctors/import", file, "application/octet-stream")
        .await;
    r.expect(413);
    for w in limit_words {
        r.expect_message_contains(w);
    }
    app.anonymous().get("/health").await.expect(200);
    let peak = app.server_peak_memory_kib();
    assert!(peak < MEMORY_BOUND_KIB, "server peak memory {peak} KiB");
}

#[tokio::test]
async fn one_value_at_xfd1048576_is_refused_naming_the_row_limit() {
    let app = TestApp::spawn().await;
    let file = xlsx(&["医療機関コード"], |w| {
        write!(
            w,
            r#"{HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#
        )
        .unwrap()
    });
    assert!(file.len() < 4096);
    refused_and_still_serving(&app, file, &["1048576行目", "5001行"]).await;
}

#[tokio::test]
async fn millions_of_cells_are_refused_at_the_first_row_past_the_limit() {
    let app = TestApp::spawn().await;
    // 200,000 cells in 20,000 rows, far past the 5,001 rows a file may hold.
    let file = xlsx(&["医療機関コード"], |w| {
        w.write_all(HEADER.as_bytes()).unwrap();
        for r in 2..=20_001u32 {
            write!(w, r#"<row r="{r}">"#).unwrap();
            for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
                write!(w, r#"<c r="{c}{r}"><v>1</v></c>"#).unwrap();
            }
            w.write_all(b"</row>").unwrap();
        }
    });
    refused_and_still_serving(&app, file, &["5002行目", "5001行"]).await;
}

#[tokio::test]
async fn an_archive_that_unpacks_to_gigabytes_is_refused_naming_the_unpacked_limit() {
    let app = TestApp::spawn().await;
    // 256 MiB of whitespace between the rows (legal XML) in a file of about 256 KB: the
    // server stops inflating at its 64 MB budget, so a bigger bomb costs it no more.
    let file = xlsx(&["医療機関コード"], |w| {
        w.write_all(HEADER.as_bytes()).unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..256 {
            w.write_all(&spaces).unwrap();
        }
    });
    assert!(file.len() < 1024 * 1024, "{} bytes", file.len());
    refused_and_still_serving(&app, file, &["展開後のサイズ", "64 MB"]).await;
}

#[tokio::test]
async fn one_huge_shared_string_is_refused_naming_the_cell_limit() {
    let app = TestApp::spawn().await;
    let huge = "あ".repeat(2_000_000);
    let file = xlsx(&[&huge], |w| w.write_all(HEADER.as_bytes()).unwrap());
    refused_and_still_serving(&app, file, &["2000000文字", "500文字まで"]).await;
}

#[tokio::test]
async fn a_csv_cell_beyond_the_limit_is_refused_naming_it() {
    let app = TestApp::spawn().await;
    let csv = format!(
        "医療機関コード,姓\n{TOKYO_HOSPITAL_CODE},{}\n",
        "x".repeat(501)
    );
    refused_and_still_serving(&app, csv.into_bytes(), &["2行目の2列目", "500文字まで"]).await;
}

/// 9.5 MB of empty forms: every form is checked and counted, the reply lists a bounded
/// number of them and says how many it left out.
#[tokio::test]
async fn a_file_of_empty_forms_gets_a_bounded_check_reply() {
    let app = TestApp::spawn().await;
    let hospital = app.login(TOKYO_MANAGER).await;
    let mut xml =
        String::from(r#"<?xml version="1.0" encoding="UTF-8"?><bulk xmlns="urn:nsdb:bulk:1">"#);
    let form = "<form_nanbyo-005-2403></form_nanbyo-005-2403>\n";
    let count = (9_500_000 - xml.len()) / form.len();
    for _ in 0..count {
        xml.push_str(form);
    }
    xml.push_str("</bulk>");
    let r = hospital
        .post_bytes("/form-checks", xml.into_bytes(), "application/xml")
        .await;
    assert_eq!(r.status, 200, "{}", &r.text[..r.text.len().min(500)]);
    let body: &Value = &r.body;
    let listed = body["forms"].as_array().unwrap().len();
    let omitted = body["forms_omitted"].as_u64().unwrap() as usize;
    assert_eq!(body["forms_checked"].as_u64().unwrap() as usize, count);
    assert_eq!(listed + omitted, count);
    assert!(
        listed <= 1_000 && omitted > 0,
        "{listed} listed, {omitted} omitted"
    );
    assert!(
        body["errors"].as_u64().unwrap() as usize >= count,
        "every empty form has errors"
    );
    assert!(
        r.text.len() < 32 * 1024 * 1024,
        "reply of {} bytes",
        r.text.len()
    );
    app.anonymous().get("/health").await.expect(200);
    let peak = app.server_peak_memory_kib();
    assert!(peak < MEMORY_BOUND_KIB, "server peak memory {peak} KiB");
}
