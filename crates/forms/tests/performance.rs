//! Evaluation speed: one full form (all checks + calculations + determination)
//! must stay well under 100 µs in an optimized build.

mod common;
use common::*;
use std::time::Instant;

#[test]
fn evaluation_is_fast() {
    let def = def("nanbyo-097-2403");
    let f = with(
        &nanbyo_common(),
        &[
            ("uc_bloody_stool", "1"),
            ("uc_endoscopy", "1"),
            ("uc_barium_enema", "3"),
            ("uc_biopsy", "1"),
            ("uc_surgery_autopsy", "3"),
            ("uc_exclusion", "1"),
            ("uc_stool_frequency", "7"),
            ("uc_visible_blood", "2"),
            ("uc_body_temperature", "37.8"),
            ("uc_pulse", "95"),
            ("uc_hemoglobin", "9.8"),
            ("uc_esr", "35"),
        ],
    );
    let n = 2000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(nsdb_forms::evaluate(
            &def,
            &f,
            nsdb_forms::ApplicationKind::New,
            today(),
        ));
    }
    let per = start.elapsed() / n;
    println!("evaluate: {per:?} per form");
    // Debug builds are ~10x slower; the bound here is for `cargo test --release`.
    let bound = if cfg!(debug_assertions) { 2_000 } else { 100 };
    assert!(per.as_micros() < bound, "{per:?}");
}

#[test]
fn catalog_load_time() {
    let start = Instant::now();
    let c = nsdb_forms::Catalog::load().unwrap();
    println!(
        "catalog: {} definitions in {:?}",
        c.list().len(),
        start.elapsed()
    );
}
