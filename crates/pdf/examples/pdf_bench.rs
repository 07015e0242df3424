//! Renders the Parkinson sample form (forms/samples/nanbyo-006-2403.new.json) N times and
//! prints the median and p99 time per PDF and the size, beside the targets (< 20 ms,
//! < 150 KB). Run by `benches/pdf.sh`:
//!
//! ```text
//! cargo run --release -p nsdb-pdf --example pdf_bench -- [N] [--out DIR]
//! ```
//! `--out DIR` also writes the full, masked, draft and key-only PDFs there, to look at.

use std::time::Instant;

use nsdb_forms::presentation::present;
use nsdb_forms::{catalog, evaluate, ApplicationKind, FormData};
use nsdb_pdf::{render_form, render_key_sheet, KeySheet, MaskRule, PrintHeader, Variant};

const ID: &str = "nanbyo-006-2403";
const KEY: &str = "7KQM-2HXA-BCDE-FGHJ-KMNP";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args
        .iter()
        .find(|a| a.parse::<usize>().is_ok())
        .map(|a| a.parse().unwrap())
        .unwrap_or(200);
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms/samples/");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{path}{ID}.new.json")).expect("sample"),
    )
    .expect("json");
    let data: FormData = serde_json::from_value(json["items"].clone()).expect("items");
    let today = json["today"].as_str().unwrap().parse().unwrap();
    let def = catalog().get(ID).expect("definition");
    let header = PrintHeader {
        disease: def.disease_name.clone(),
        program: "指定難病".into(),
        state: "確定".into(),
        access_key: Some(KEY.into()),
        content_hash: data.content_hash(),
        confirmed_on: Some("2025-06-21".into()),
        institution: "霞が関病院".into(),
        doctor: "厚労 花子".into(),
        printed_at: "2025-06-21 10:00".into(),
    };

    // What the server does per request: evaluate, present, render.
    let render = || {
        let e = evaluate(&def, &data, ApplicationKind::New, today);
        let p = present(&def, &data, ApplicationKind::New, &e);
        render_form(&p, &header, &Variant::Full).expect("renders")
    };
    let first = Instant::now();
    let pdf = render();
    let first = first.elapsed();
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let pdf = render();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(pdf);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "PDF of {ID} (evaluate + present + render), {n} runs after a first one of {:.1} ms (font loading):",
        first.as_secs_f64() * 1000.0
    );
    println!(
        "  median {:.2} ms, p99 {:.2} ms, max {:.2} ms   (target < 20 ms)",
        pct(0.5),
        pct(0.99),
        times[times.len() - 1]
    );
    // The renderer alone (the presentation built once).
    let e = evaluate(&def, &data, ApplicationKind::New, today);
    let p = present(&def, &data, ApplicationKind::New, &e);
    let mut render_only: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(render_form(&p, &header, &Variant::Full).expect("renders"));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    render_only.sort_by(f64::total_cmp);
    println!(
        "  of which render_form alone: median {:.2} ms, p99 {:.2} ms",
        render_only[render_only.len() / 2],
        render_only[((render_only.len() as f64 - 1.0) * 0.99).round() as usize]
    );
    println!(
        "  size {} bytes = {:.1} KB   (target < 150 KB)",
        pdf.len(),
        pdf.len() as f64 / 1024.0
    );

    if let Some(dir) = out {
        let dir = std::path::Path::new(dir);
        std::fs::create_dir_all(dir).unwrap();
        let e = evaluate(&def, &data, ApplicationKind::New, today);
        let p = present(&def, &data, ApplicationKind::New, &e);
        std::fs::write(dir.join("full.pdf"), &pdf).unwrap();
        let masked = render_form(&p, &header, &Variant::Masked(MaskRule::review_board()));
        std::fs::write(dir.join("masked.pdf"), masked.unwrap()).unwrap();
        let draft = PrintHeader {
            access_key: None,
            confirmed_on: None,
            state: "作成中".into(),
            ..header.clone()
        };
        let draft = render_form(&p, &draft, &Variant::Full).unwrap();
        std::fs::write(dir.join("draft.pdf"), draft).unwrap();
        let sheet = render_key_sheet(&KeySheet {
            access_key: KEY.into(),
            content_hash: data.content_hash(),
            patient_name: "山田 太郎".into(),
            disease: def.disease_name.clone(),
            program: "指定難病".into(),
            definition_id: ID.into(),
            confirmed_on: "2025-06-21".into(),
            institution: "霞が関病院".into(),
            printed_at: "2025-06-21 10:00".into(),
        })
        .unwrap();
        std::fs::write(dir.join("key-only.pdf"), sheet).unwrap();
        println!(
            "  wrote full, masked, draft and key-only PDFs to {}",
            dir.display()
        );
    }
}
