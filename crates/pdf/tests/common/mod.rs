//! Shared helpers: samples through the forms crate, and poppler's tools on the PDF.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use nsdb_forms::presentation::{present, Presentation};
use nsdb_forms::{catalog, evaluate, ApplicationKind, FormData};
use nsdb_pdf::PrintHeader;

pub const KEY: &str = "7KQM-2HXA-BCDE-FGHJ-KMNP";

/// A sample of forms/samples: its definition id, answers and evaluation date.
pub fn sample(id: &str) -> (FormData, chrono::NaiveDate) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/samples")
        .join(format!("{id}.new.json"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("sample")).expect("json");
    let data: FormData = serde_json::from_value(json["items"].clone()).expect("items");
    let today = json["today"]
        .as_str()
        .expect("today")
        .parse()
        .expect("date");
    (data, today)
}

pub fn presentation(id: &str, data: &FormData, today: chrono::NaiveDate) -> Presentation {
    let def = catalog().get(id).expect("definition");
    let e = evaluate(&def, data, ApplicationKind::New, today);
    present(&def, data, ApplicationKind::New, &e)
}

pub fn header(id: &str, data: &FormData, key: Option<&str>) -> PrintHeader {
    let def = catalog().get(id).expect("definition");
    PrintHeader {
        disease: def.disease_name.clone(),
        program: match def.program {
            nsdb_forms::Program::Nanbyo => "指定難病",
            nsdb_forms::Program::Shoman => "小児慢性特定疾病",
        }
        .to_owned(),
        state: if key.is_some() { "確定" } else { "作成中" }.to_owned(),
        access_key: key.map(str::to_owned),
        content_hash: data.content_hash(),
        confirmed_on: key.map(|_| "2025-06-21".to_owned()),
        institution: "霞が関病院".to_owned(),
        doctor: "厚労 花子".to_owned(),
        printed_at: "2025-06-21 10:00".to_owned(),
    }
}

static N: AtomicUsize = AtomicUsize::new(0);

/// Writes the PDF to a fresh temporary file.
pub fn write_temp(pdf: &[u8]) -> PathBuf {
    let n = N.fetch_add(1, Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("nsdb-pdf-test-{}-{n}.pdf", std::process::id()));
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

/// pdftotext of the PDF: with `-layout` when asked, else `-raw` (the text in the order it
/// is drawn, so a label wrapped over several lines reads as one piece).
pub fn pdftotext(pdf: &[u8], layout: bool) -> String {
    let path = write_temp(pdf);
    let mut cmd = Command::new("pdftotext");
    cmd.arg(if layout { "-layout" } else { "-raw" });
    let out = cmd
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_file(&path);
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The logical structure of a tagged PDF with its text (poppler's `pdfinfo -struct-text`),
/// and whether pdfinfo calls the file tagged.
pub fn structure(pdf: &[u8]) -> (bool, String) {
    let path = write_temp(pdf);
    let run = |flag: &str| {
        let out = Command::new("pdfinfo")
            .arg(flag)
            .arg(&path)
            .output()
            .expect("pdfinfo (Debian poppler-utils) is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // pdfinfo prints a heading's title attribute in its raw UTF-16 bytes.
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tagged = run("-isodates")
        .lines()
        .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"));
    let tree = run("-struct-text");
    let _ = std::fs::remove_file(&path);
    (tagged, tree)
}

/// The text without any white space (lines wrap anywhere in Japanese).
pub fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every QR code found on page `page` (1-based), rasterised at 150 dpi by pdftoppm and
/// decoded by rqrr.
pub fn qr_codes(pdf: &[u8], page: usize) -> Vec<String> {
    let path = write_temp(pdf);
    let prefix = path.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-gray", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(&path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (Debian poppler-utils) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = prefix.with_extension("png");
    let img = image::open(&png).expect("png").to_luma8();
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&png);
    let (w, h) = img.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            img.get_pixel(x as u32, y as u32).0[0]
        });
    prepared
        .detect_grids()
        .into_iter()
        .map(|g| g.decode().expect("the QR code decodes").1)
        .collect()
}

/// Number of pages (pdfinfo).
pub fn pages(pdf: &[u8]) -> usize {
    let path = write_temp(pdf);
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("Pages: line")
}

/// A word's box as pdftotext reports it: (xMin, yMin, xMax, yMax, word).
pub type WordBox = (f32, f32, f32, f32, String);

/// Word boxes per page (pdftotext -bbox).
pub fn word_boxes(pdf: &[u8]) -> Vec<Vec<WordBox>> {
    let path = write_temp(pdf);
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let _ = std::fs::remove_file(&path);
    let html = String::from_utf8(out.stdout).expect("utf-8");
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let end = start + line[start..].find('"').expect("closing quote");
        line[start..end].parse().expect("number")
    };
    let mut pages = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Vec::new());
        } else if line.starts_with("<word ") {
            let word = line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_owned();
            pages.last_mut().expect("a page").push((
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
                word,
            ));
        }
    }
    pages
}

/// No two words of a page overlap (by more than a hair), and every word is on the page.
pub fn assert_no_overlapping_text(pdf: &[u8]) {
    for (n, words) in word_boxes(pdf).iter().enumerate() {
        for (i, a) in words.iter().enumerate() {
            assert!(
                a.0 >= 0.0 && a.1 >= 0.0 && a.2 <= 595.3 && a.3 <= 841.9,
                "page {}: {a:?} off the page",
                n + 1
            );
            for b in &words[i + 1..] {
                let overlap_x = a.2.min(b.2) - a.0.max(b.0);
                let overlap_y = a.3.min(b.3) - a.1.max(b.1);
                assert!(
                    overlap_x <= 0.5 || overlap_y <= 0.5,
                    "page {}: {a:?} overlaps {b:?}",
                    n + 1
                );
            }
        }
    }
}
