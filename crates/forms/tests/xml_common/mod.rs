//! Helpers of the XML tests: samples, the demo institution, xmllint.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use nsdb_forms::xml::{self, Entry, FormHeader, FormReport, Options, XmlFinding};
use nsdb_forms::{catalog, ApplicationKind, FormData, Program};

pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/samples")
}

/// The demo data's 医療機関 (都立中央総合病院) and 指定医.
pub const DEMO_INSTITUTION_CODE: &str = "1310123458";

/// The evaluation date of the samples (their JSON `today`).
pub fn sample_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

/// Today's date (UTC) from the system clock, for "passes `nsdb check` now".
pub fn system_today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
        + chrono::Duration::days((secs / 86_400) as i64)
}

/// A JSON sample (forms/samples/ID.new.json): definition id, kind, items, expected result.
pub struct JsonSample {
    pub id: String,
    pub kind: ApplicationKind,
    pub data: FormData,
    pub expected_result: String,
}

pub fn json_sample(id: &str) -> Option<JsonSample> {
    let dir = samples_dir();
    let mut found = None;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with(&format!("{id}.")) && name.ends_with(".json") {
            found = Some(p);
            break;
        }
    }
    let path = found?;
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    Some(JsonSample {
        id: v["definition_id"].as_str().unwrap().to_string(),
        kind: ApplicationKind::parse(v["application"].as_str().unwrap()).unwrap(),
        data: serde_json::from_value(v["items"].clone()).unwrap(),
        expected_result: v["expect"]["result"].as_str().unwrap_or("").to_string(),
    })
}

/// The sample generator: a JSON sample as bulk XML, with the demo data's
/// 医療機関 and 指定医 (1310123458 都立中央総合病院; N13-0001 難病 / S13-0002 小慢).
pub fn xml_from_json(s: &JsonSample) -> String {
    let def = catalog().get(&s.id).unwrap();
    let mut data = s.data.clone();
    data.set("institution_name", "都立中央総合病院");
    data.set("institution_address", "東京都新宿区西新宿二丁目8番1号");
    data.set("institution_phone", "03-5321-1111");
    let (number, doctor) = match def.program {
        Program::Nanbyo => ("N13-0001", "山田 太郎"),
        Program::Shoman => ("S13-0002", "鈴木 一郎"),
    };
    data.set("designated_doctor_number", number);
    data.set("doctor_name", doctor);
    let header = FormHeader {
        kind: s.kind,
        institution_code: DEMO_INSTITUTION_CODE.into(),
        local_ref: Some(format!("SAMPLE-{}", s.id)),
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- NSDB 一括登録XMLの見本: {} {}（生成元: {}.*.json、crates/forms/tests/xml_samples.rs） -->\n<bulk xmlns=\"{}\">\n",
        def.id, def.title, def.id, xml::NAMESPACE
    );
    xml::write_form(&mut out, &def, &header, &data);
    out.push_str(&xml::write::bulk_end());
    out
}

/// Definition ids of the XML samples present (forms/samples/ID.xml).
pub fn xml_samples() -> Vec<(String, PathBuf)> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(samples_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) == Some("xml") {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            v.push((id, p));
        }
    }
    v.sort();
    v
}

/// Every entry of a validation, panicking on a fatal error.
pub fn run(xml_text: &str, today: chrono::NaiveDate) -> (Vec<FormReport>, Vec<XmlFinding>) {
    let mut forms = Vec::new();
    let mut file = Vec::new();
    for e in xml::validate(xml_text.as_bytes(), Options::new(today)) {
        match e.unwrap_or_else(|e| panic!("fatal: {e:?}")) {
            Entry::Form(f) => forms.push(*f),
            Entry::File(f) => file.push(f),
            Entry::Pending(_) => panic!("checks are not deferred"),
        }
    }
    (forms, file)
}

/// The native validator's XSD-level verdict: true = the XSD accepts the file.
pub fn native_accepts(xml_text: &str) -> bool {
    let mut ok = true;
    for e in xml::validate(xml_text.as_bytes(), Options::new(sample_today())) {
        match e {
            Ok(Entry::Form(f)) => ok &= f.schema_valid,
            Ok(Entry::File(_)) | Ok(Entry::Pending(_)) | Err(_) => ok = false,
        }
    }
    ok
}

/// xmllint's verdict on `xml_text` with `xsd_text`. Panics (the test fails) when
/// xmllint is missing, unless NSDB_SKIP_XMLLINT=1 (then None).
pub fn xmllint_accepts(xsd_text: &str, xml_text: &str) -> Option<(bool, String)> {
    let dir = tempdir();
    let xsd_path = dir.join("schema.xsd");
    let xml_path = dir.join("file.xml");
    std::fs::write(&xsd_path, xsd_text).unwrap();
    std::fs::write(&xml_path, xml_text).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd_path)
        .arg(&xml_path)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) => Some((
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )),
        Err(e) => {
            if std::env::var("NSDB_SKIP_XMLLINT").as_deref() == Ok("1") {
                None
            } else {
                panic!("xmllint is required for this test (apt-get install libxml2-utils), or set NSDB_SKIP_XMLLINT=1: {e}")
            }
        }
    }
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "nsdb-xml-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// xmllint's verdicts on several files with one XSD, in one run.
pub fn xmllint_verdicts(xsd_text: &str, texts: &[String]) -> Option<Vec<(bool, String)>> {
    let dir = tempdir();
    let xsd_path = dir.join("schema.xsd");
    std::fs::write(&xsd_path, xsd_text).unwrap();
    let mut paths = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let p = dir.join(format!("case{i}.xml"));
        std::fs::write(&p, t).unwrap();
        paths.push(p);
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd_path)
        .args(&paths)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            if std::env::var("NSDB_SKIP_XMLLINT").as_deref() == Ok("1") {
                return None;
            }
            panic!("xmllint is required for this test (apt-get install libxml2-utils), or set NSDB_SKIP_XMLLINT=1: {e}")
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    Some(
        paths
            .iter()
            .map(|p| {
                let p = p.display().to_string();
                let ok = stderr.lines().any(|l| l == format!("{p} validates"));
                let msgs: Vec<&str> = stderr
                    .lines()
                    .filter(|l| l.starts_with(&format!("{p}:")))
                    .collect();
                (ok, msgs.join("\n"))
            })
            .collect(),
    )
}

/// `xmllint --noout`'s verdict (well-formed or not, no schema). Panics (the
/// test fails) when xmllint is missing, unless NSDB_SKIP_XMLLINT=1 (then None).
pub fn xmllint_well_formed(xml_text: &str) -> Option<bool> {
    let dir = tempdir();
    let path = dir.join("file.xml");
    std::fs::write(&path, xml_text).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(&path)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(o) => Some(o.status.success()),
        Err(e) => {
            if std::env::var("NSDB_SKIP_XMLLINT").as_deref() == Ok("1") {
                None
            } else {
                panic!("xmllint is required for this test (apt-get install libxml2-utils), or set NSDB_SKIP_XMLLINT=1: {e}")
            }
        }
    }
}
