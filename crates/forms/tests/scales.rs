//! The scale fragments of the formula library (forms/fragments/scales/) compile
//! and compute: Barthel, mRS/食事・栄養/呼吸, NYHA, IOIBD, SLEDAI, Hoehn-Yahr.
//! A test-only definition includes every scale, so each fragment is validated
//! even before a disease uses it.

use crate::common::*;
use nsdb_forms::{
    embedded_files, evaluate, ApplicationKind, CalcValue, Catalog, FormData, SourceFile,
};

const TEST_DEF: &str = r#"
id = "nanbyo-340-2403"
program = "nanbyo"
disease_number = 340
version = "2403"
valid_from = 2024-04-01
source = "test: every scale fragment"

[[sections]]
include = "scales/mrs_nutrition_respiration"
[[sections]]
include = "scales/nyha"
[[sections]]
include = "scales/ioibd"
[[sections]]
include = "scales/sledai"
[[sections]]
include = "scales/hoehn_yahr"

[determination]
rule_version = "test"
eligible = ["definite"]
diagnosis = [{ category = "definite", expr = "true" }]
severity = "mrs_nr_max >= 3 or score(nyha_class) >= 2 or ioibd_score >= 2 or sledai_score >= 4"
"#;

fn catalog_with_test_def() -> Catalog {
    let mut files = embedded_files();
    files.push(SourceFile {
        path: "definitions/nanbyo/340-test.toml",
        text: TEST_DEF,
    });
    Catalog::from_files(&files).unwrap_or_else(|e| panic!("{e:#?}"))
}

#[test]
fn every_fragment_is_used_by_the_layout_a_definition_or_this_test() {
    let files = embedded_files();
    let mut used: Vec<String> = Vec::new();
    for f in files.iter().filter(|f| {
        f.path.starts_with("definitions/")
            || f.path == "fragments/layout.toml"
            || f.path.starts_with("fragments/")
    }) {
        for line in f.text.lines().chain(TEST_DEF.lines()) {
            for part in line.split('"').skip(1).step_by(2) {
                used.push(part.to_string());
            }
        }
    }
    for f in files.iter().filter(|f| f.path.starts_with("fragments/")) {
        let name = f
            .path
            .trim_start_matches("fragments/")
            .trim_end_matches(".toml");
        if name == "layout" || name == "code_lists" || name.ends_with("/generic") {
            continue;
        }
        assert!(
            used.iter().any(|u| u == name),
            "fragment {name} is never included"
        );
    }
}

fn eval(c: &Catalog, f: &FormData) -> nsdb_forms::Evaluation {
    evaluate(
        &c.get("nanbyo-340-2403").unwrap(),
        f,
        ApplicationKind::New,
        today(),
    )
}

#[test]
fn mrs_nutrition_respiration_any_of_three_at_least_3() {
    let c = catalog_with_test_def();
    let f = FormData::new()
        .with("mrs", "2")
        .with("nutrition", "3")
        .with("respiration", "1");
    assert_eq!(
        eval(&c, &f).calculations["mrs_nr_max"],
        CalcValue::Number(3.0)
    );
    let f = f.with("nutrition", "2");
    assert_eq!(
        eval(&c, &f).calculations["mrs_nr_max"],
        CalcValue::Number(2.0)
    );
}

// IOIBD: 1 point each; 2 known points already decide "≥ 2" whatever the blanks are.
#[test]
fn ioibd_counts_points_and_ranges_over_blanks() {
    let c = catalog_with_test_def();
    let f = FormData::new()
        .with("ioibd_abdominal_pain", "1")
        .with("ioibd_fistula", "1");
    let e = eval(&c, &f);
    assert_eq!(
        e.calculations["ioibd_score"],
        CalcValue::Range {
            min: 2.0,
            max: 10.0
        }
    );
    assert_eq!(e.determination.severity, nsdb_forms::SeverityOutcome::Met);
    let mut all_no = FormData::new();
    for id in [
        "ioibd_abdominal_pain",
        "ioibd_diarrhea",
        "ioibd_anal_lesion",
        "ioibd_fistula",
        "ioibd_other_complication",
        "ioibd_abdominal_mass",
        "ioibd_weight_loss",
        "ioibd_fever",
        "ioibd_tenderness",
        "ioibd_anemia",
    ] {
        all_no.set(id, "2");
    }
    let e = eval(&c, &all_no.clone().with("ioibd_anemia", "1"));
    assert_eq!(e.calculations["ioibd_score"], CalcValue::Number(1.0));
}

// SLEDAI: 8/4/2/1 points.
#[test]
fn sledai_weights() {
    let c = catalog_with_test_def();
    let ids = [
        "sledai_seizure",
        "sledai_psychosis",
        "sledai_organic_brain",
        "sledai_visual",
        "sledai_cranial_nerve",
        "sledai_lupus_headache",
        "sledai_cva",
        "sledai_vasculitis",
        "sledai_arthritis",
        "sledai_myositis",
        "sledai_urinary_casts",
        "sledai_hematuria",
        "sledai_proteinuria",
        "sledai_pyuria",
        "sledai_rash",
        "sledai_alopecia",
        "sledai_mucosal_ulcers",
        "sledai_pleurisy",
        "sledai_pericarditis",
        "sledai_low_complement",
        "sledai_anti_dna",
        "sledai_fever",
        "sledai_thrombocytopenia",
        "sledai_leukopenia",
    ];
    let mut f = FormData::new();
    for id in ids {
        f.set(id, "2");
    }
    assert_eq!(
        eval(&c, &f).calculations["sledai_score"],
        CalcValue::Number(0.0)
    );
    let f2 = f
        .clone()
        .with("sledai_seizure", "1")
        .with("sledai_proteinuria", "1")
        .with("sledai_alopecia", "1")
        .with("sledai_fever", "1");
    assert_eq!(
        eval(&c, &f2).calculations["sledai_score"],
        CalcValue::Number(15.0)
    );
    let all_yes = ids.iter().fold(FormData::new(), |f, id| f.with(id, "1"));
    assert_eq!(
        eval(&c, &all_yes).calculations["sledai_score"],
        CalcValue::Number(105.0)
    );
}

#[test]
fn nyha_scores() {
    let c = catalog_with_test_def();
    let def = c.get("nanbyo-340-2403").unwrap();
    let nyha = def.item("nyha_class").unwrap();
    assert_eq!(
        nyha.codes
            .iter()
            .map(|c| c.score.unwrap())
            .collect::<Vec<_>>(),
        vec![1.0, 2.0, 3.0, 4.0]
    );
}
