//! Criterion benchmarks of the form engine.
//!
//! Targets (docs/xml-format.md "Performance", benches/README.md):
//! * `evaluate/*`: 機械判定 + every check of one complete form — < 100 µs;
//! * `xml_validate_one_form/*`: one form read from XML (XSD-level checks,
//!   then the same evaluation), including compiling the form's content model
//!   (done once per file) — reported for reference;
//! * `xml_100_forms/*`: a 100-form file, XSD level only and everything — the
//!   per-form cost of reading XML vs. checking (divide by 100).
//!
//! Run: `cargo bench -p nsdb-forms --bench evaluate`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nsdb_forms::xml::{self, Options};
use nsdb_forms::{catalog, evaluate, ApplicationKind, FormData};

fn sample(id: &str) -> (FormData, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/samples");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{id}.new.json"))).unwrap())
            .unwrap();
    let data: FormData = serde_json::from_value(json["items"].clone()).unwrap();
    let text = std::fs::read_to_string(dir.join(format!("{id}.xml"))).unwrap();
    (data, text)
}

fn benches(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    for id in ["nanbyo-006-2403", "nanbyo-097-2403"] {
        let def = catalog().get(id).unwrap();
        let (data, text) = sample(id);
        c.bench_function(&format!("evaluate/{id}"), |b| {
            b.iter(|| {
                let e = evaluate(&def, black_box(&data), ApplicationKind::New, today);
                black_box(e.determination.result)
            })
        });
        c.bench_function(&format!("xml_validate_one_form/{id}"), |b| {
            b.iter(|| {
                let mut n = 0;
                for e in xml::validate(black_box(text.as_bytes()), Options::new(today)) {
                    n += usize::from(e.is_ok());
                }
                black_box(n)
            })
        });
    }
}

/// 100 forms (the two samples alternating) in one file: per-form cost of the
/// XML side alone (XSD level, checks deferred and dropped) and of everything.
fn hundred_forms(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let mut body = String::new();
    for id in ["nanbyo-006-2403", "nanbyo-097-2403"] {
        let (_, text) = sample(id);
        let start = text.find("  <form_").unwrap();
        let end = text.rfind("</bulk>").unwrap();
        body.push_str(&text[start..end]);
    }
    let file = format!(
        "{}{}{}",
        xml::write::bulk_start(),
        body.repeat(50),
        xml::write::bulk_end()
    );
    let mut deferred = Options::new(today);
    deferred.defer_checks = true;
    c.bench_function("xml_100_forms/xsd_level_only", |b| {
        b.iter(|| xml::validate(black_box(file.as_bytes()), deferred.clone()).count())
    });
    c.bench_function("xml_100_forms/everything", |b| {
        b.iter(|| xml::validate(black_box(file.as_bytes()), Options::new(today)).count())
    });
}

criterion_group!(benches_group, benches, hundred_forms);
criterion_main!(benches_group);
