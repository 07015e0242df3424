//! 指定難病 11 重症筋無力症 (nanbyo-011-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.
//! Categories A and B (both eligible) are reported as Definite (engine gap).

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-011-2403";

const SYMPTOMS: [&str; 9] = [
    "mg_sym_ptosis",
    "mg_sym_eye_movement",
    "mg_sym_facial",
    "mg_sym_dysarthria",
    "mg_sym_dysphagia",
    "mg_sym_chewing",
    "mg_sym_neck",
    "mg_sym_limb_trunk",
    "mg_sym_dyspnea",
];

/// Category A: 眼瞼下垂 with fatigability and diurnal variation, AChR抗体陽性; MGFA I.
fn base() -> FormData {
    let mut pairs: Vec<(&str, &str)> = SYMPTOMS.iter().map(|s| (*s, "2")).collect();
    pairs.extend([
        ("mg_sym_ptosis", "1"),
        ("mg_fatigability", "1"),
        ("mg_diurnal_variation", "1"),
        ("mg_achr_ab", "1"),
        ("mg_musk_ab", "3"),
        ("mg_rns", "2"),
        ("mg_edrophonium", "3"),
        ("mg_sfemg", "3"),
        ("mg_differential", "1"),
        ("mg_mgfa", "1"),
    ]);
    with(&nanbyo_common(), &pairs)
}

/// Seronegative: both antibodies negative, no physiology yet.
fn seronegative() -> FormData {
    with(&base(), &[("mg_achr_ab", "2"), ("mg_musk_ab", "2")])
}

fn met(f: &FormData, criterion: &str) -> Option<bool> {
    eval_new(ID, f)
        .determination
        .criteria
        .into_iter()
        .find(|c| c.id == criterion)
        .unwrap()
        .met
}

fn three_high_cost_months(f: &mut FormData) {
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
}

// 「A：１．症状の１項目以上と２．検査所見のいずれかを満たす場合」
#[test]
fn complete_form_has_no_findings_and_is_category_a() {
    let e = eval_new(ID, &base());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(met(&base(), "dx_category_a"), Some(true));
    assert_eq!(met(&base(), "dx_category_b"), Some(false));
}

// 「１．症状 以下の自他覚的症状があり」 / 「A：１．症状の１項目以上と」: each symptom alone suffices.
#[test]
fn each_symptom_alone_suffices() {
    for s in SYMPTOMS {
        let f = with(&base(), &[("mg_sym_ptosis", "2"), (s, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{s}");
    }
    // none (or 不明) → not met
    let f = with(&base(), &[("mg_sym_ptosis", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&base(), &[("mg_sym_ptosis", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // no symptom present and one blank → open, naming it only
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("mg_sym_ptosis", "")]),
        &["mg_sym_ptosis"],
    );
    // a symptom present: other blank symptoms do not matter
    let f = with(&base(), &[("mg_sym_neck", ""), ("mg_sym_chewing", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「…易疲労性と日内変動を伴うこと。」: both are needed.
#[test]
fn fatigability_and_diurnal_variation_both_needed() {
    for item in ["mg_fatigability", "mg_diurnal_variation"] {
        for code in ["2", "3"] {
            let f = with(&base(), &[(item, code)]);
            assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
        }
        assert_undetermined_naming(ID, &with(&base(), &[(item, "")]), &[item]);
    }
}

// 「２．検査所見 以下の自己抗体のいずれかが陽性であること。」
#[test]
fn criterion_2_either_antibody() {
    let f = with(&base(), &[("mg_achr_ab", "2"), ("mg_musk_ab", "1")]);
    assert_eq!(met(&f, "dx_category_a"), Some(true));
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // both negative, no physiology → not met
    assert_eq!(diagnosis(ID, &seronegative()), DiagnosisOutcome::NotMet);
    // one blank, the other negative, no physiology → open, naming the blank antibody
    assert_undetermined_naming(
        ID,
        &with(&seronegative(), &[("mg_achr_ab", "")]),
        &["mg_achr_ab"],
    );
    // one positive: the other blank does not matter
    let f = with(&base(), &[("mg_musk_ab", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「B：１．症状の１項目以上と３．生理学的所見のいずれかを満たす場合で、４．鑑別診断の疾患が鑑別できる（２．検査所見を満たさないことが前提条件）」
#[test]
fn category_b_each_physiological_test() {
    for t in ["mg_rns", "mg_edrophonium", "mg_sfemg"] {
        let f = with(&seronegative(), &[(t, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{t}");
        assert_eq!(met(&f, "dx_category_b"), Some(true));
    }
    // antibodies not done also "do not meet 2."
    let f = with(
        &base(),
        &[("mg_achr_ab", "3"), ("mg_musk_ab", "3"), ("mg_rns", "1")],
    );
    assert_eq!(met(&f, "dx_category_b"), Some(true));
    // a blank physiology test when the others show nothing → open
    assert_undetermined_naming(
        ID,
        &with(&seronegative(), &[("mg_sfemg", "")]),
        &["mg_sfemg"],
    );
}

// B: 「４．鑑別診断の疾患が鑑別できる」
#[test]
fn category_b_needs_differential() {
    let f = with(
        &seronegative(),
        &[("mg_rns", "1"), ("mg_differential", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&seronegative(), &[("mg_rns", "1"), ("mg_differential", "")]),
        &["mg_differential"],
    );
    // category A does not need the differential diagnosis
    let f = with(&base(), &[("mg_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// B: 「（２．検査所見を満たさないことが前提条件）」: seropositive patients are A, not B.
#[test]
fn category_b_presupposes_seronegativity() {
    let f = with(&base(), &[("mg_rns", "1")]);
    assert_eq!(met(&f, "dx_category_a"), Some(true));
    assert_eq!(met(&f, "dx_category_b"), Some(false));
}

// 「MGFA clinical classificationを用いてClass I以上を対象とする。」
#[test]
fn severity_class_1_or_more() {
    for (code, want) in [
        ("0", SeverityOutcome::NotMet),
        ("1", SeverityOutcome::Met),
        ("2b", SeverityOutcome::Met),
        ("5", SeverityOutcome::Met),
    ] {
        let det = eval_new(ID, &with(&base(), &[("mg_mgfa", code)])).determination;
        assert_eq!(det.severity, want, "{code}");
    }
    let det = eval_new(ID, &with(&base(), &[("mg_mgfa", "0")])).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(ID, &with(&base(), &[("mg_mgfa", "")]), &["mg_mgfa"]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = with(&base(), &[("mg_mgfa", "0")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let mut f = with(&seronegative(), &[("mg_mgfa", "0")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn consistency_warnings() {
    let f = with(&base(), &[("mg_sym_dysphagia", "1")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("mg_class1_with_bulbar_or_limb".into(), "mg_mgfa".into())));
    let f = with(&base(), &[("mg_mgfa", "5")]);
    assert!(
        codes(&eval_new(ID, &f)).contains(&("mg_class5_without_dyspnea".into(), "mg_mgfa".into()))
    );
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut items: Vec<&str> = SYMPTOMS.to_vec();
    items.extend([
        "mg_fatigability",
        "mg_diurnal_variation",
        "mg_achr_ab",
        "mg_musk_ab",
        "mg_rns",
        "mg_edrophonium",
        "mg_sfemg",
        "mg_differential",
    ]);
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (*i, "")).collect();
    let f = with(&base(), &pairs);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
