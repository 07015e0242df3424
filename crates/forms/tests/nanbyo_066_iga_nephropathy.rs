//! 指定難病 66 IgA腎症 (nanbyo-066-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-066-2403";

/// Biopsy-proven (B あり), differential done; severity via B (0.5 g/gCr) only: eGFR 75, grade II.
fn definite_proteinuria() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("iga_microscopic_hematuria", "1"),
            ("iga_proteinuria", "1"),
            ("iga_gross_hematuria", "2"),
            ("iga_serum_iga", "350"),
            ("iga_biopsy_if", "1"),
            ("iga_biopsy_lm", "1"),
            ("iga_biopsy_em", "3"),
            ("iga_exclusion", "1"),
            ("iga_egfr", "75"),
            ("iga_upcr", "0.5"),
            ("iga_histological_grade", "2"),
        ],
    )
}

/// Same, with no severity criterion met (A2, G2, grade II).
fn definite_mild() -> FormData {
    with(&definite_proteinuria(), &[("iga_upcr", "0.49")])
}

fn high_cost() -> nsdb_forms::Answer {
    high_cost_rows(&[
        ("2025-01", 40_000),
        ("2025-03", 40_000),
        ("2025-05", 50_000),
    ])
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_proteinuria());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        e.calculations["iga_gfr_category"],
        CalcValue::Text("G2".into())
    );
    assert_eq!(
        e.calculations["iga_protein_category"],
        CalcValue::Text("A3".into())
    );
}

// 「３．本症の腎生検病理組織所見において必須の所見は、Ｂ.蛍光抗体または酵素抗体法所見であり…」
#[test]
fn biopsy_b_is_required() {
    for code in ["2", "3"] {
        let f = with(&definite_proteinuria(), &[("iga_biopsy_if", code)]);
        let det = eval_new(ID, &f).determination;
        // The three clinical findings make it Probable, not eligible.
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "if={code}");
        assert_eq!(det.result, Outcome::NotEligible, "if={code}");
    }
    // Ａ・Ｃ are not required.
    let f = with(
        &definite_proteinuria(),
        &[("iga_biopsy_lm", "3"), ("iga_biopsy_em", "3")],
    );
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
}

// 「１．上記の２－A、２－B、および３－Bの３つの所見が認められれば、本症の可能性が高く…」: IgA 315 meets, 314 does not.
#[test]
fn probable_without_biopsy_boundary_315() {
    let no_biopsy = with(
        &definite_proteinuria(),
        &[
            ("iga_biopsy_if", "4"),
            ("iga_biopsy_lm", ""),
            ("iga_biopsy_em", ""),
            ("iga_histological_grade", "5"),
            ("iga_serum_iga", "315"),
        ],
    );
    let e = eval_new(ID, &no_biopsy);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    let f = with(&no_biopsy, &[("iga_serum_iga", "314")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    let f = with(&no_biopsy, &[("iga_microscopic_hematuria", "2")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「２．本症と類似の腎生検組織所見を示しうる紫斑病性腎炎、肝硬変症、ループス腎炎などとは…鑑別を行う。」
#[test]
fn differential_not_excluded() {
    let f = with(&definite_proteinuria(), &[("iga_exclusion", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_ne!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Blank biopsy finding → open naming it; blank clinical findings with biopsy proven → decided.
#[test]
fn blanks() {
    let f = with(&definite_proteinuria(), &[("iga_biopsy_if", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["iga_biopsy_if".to_string()]);
    let f = with(
        &definite_proteinuria(),
        &[("iga_microscopic_hematuria", ""), ("iga_serum_iga", "")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「B．蛋白尿0.5g／gCr以上の場合」: 0.50 meets, 0.49 does not.
#[test]
fn severity_b_boundary() {
    assert_eq!(severity(ID, &definite_proteinuria()), SeverityOutcome::Met);
    let det = eval_new(ID, &definite_mild()).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「A．CKD重症度分類ヒートマップが赤の部分の場合」:
// G3b (30–44) × A2 (0.15–0.49) red; G3a (45–59) × A2 orange; G4 (15–29) × A1 red; G3b × A1 orange.
#[test]
fn severity_a_heatmap_boundaries() {
    let cases: [(&str, &str, bool); 8] = [
        ("44.9", "0.15", true),
        ("45", "0.15", false),
        ("44.9", "0.14", false),
        ("29.9", "0.1", true),
        ("30", "0.1", false),
        ("14.9", "0", true),
        ("59.9", "0.49", false),
        ("90", "0.49", false),
    ];
    for (egfr, upcr, met) in cases {
        let f = with(&definite_mild(), &[("iga_egfr", egfr), ("iga_upcr", upcr)]);
        let expect = if met {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), expect, "eGFR {egfr} UPCR {upcr}");
    }
    let f = with(
        &definite_mild(),
        &[("iga_egfr", "44.9"), ("iga_upcr", "0.15")],
    );
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations["iga_gfr_category"],
        CalcValue::Text("G3b".into())
    );
    assert_eq!(
        e.calculations["iga_protein_category"],
        CalcValue::Text("A2".into())
    );
    // Blank eGFR with A2: open (could be < 45), naming it.
    let f = with(&definite_mild(), &[("iga_egfr", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["iga_egfr".to_string()]);
    // Blank eGFR with B met: decided.
    let f = with(&definite_proteinuria(), &[("iga_egfr", "")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「C．腎生検施行例の組織学的重症度III又はIVの場合」: II not met, III and IV met.
#[test]
fn severity_c_histology() {
    for (g, met) in [
        ("1", false),
        ("2", false),
        ("3", true),
        ("4", true),
        ("5", false),
    ] {
        let f = with(&definite_mild(), &[("iga_histological_grade", g)]);
        let expect = if met {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), expect, "grade {g}");
    }
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = definite_mild();
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // Probable (no biopsy) is not rescued.
    let f = with(
        &f,
        &[
            ("iga_biopsy_if", "4"),
            ("iga_biopsy_lm", ""),
            ("iga_biopsy_em", ""),
            ("iga_histological_grade", "5"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_checks() {
    let mut f = definite_proteinuria();
    for i in [
        "iga_microscopic_hematuria",
        "iga_proteinuria",
        "iga_gross_hematuria",
        "iga_serum_iga",
        "iga_biopsy_if",
        "iga_biopsy_lm",
        "iga_biopsy_em",
        "iga_exclusion",
    ] {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &definite_proteinuria(),
        &[
            ("iga_biopsy_if", "4"),
            ("iga_biopsy_lm", ""),
            ("iga_biopsy_em", ""),
        ],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "iga_grade_without_biopsy".into(),
        "iga_histological_grade".into()
    )));
}
