//! 指定難病 46 悪性関節リウマチ (nanbyo-046-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, CalcValue, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-046-2403";

const CLINICAL: [&str; 10] = [
    "mra_polyneuritis",
    "mra_skin_ulcer",
    "mra_nodules",
    "mra_episcleritis",
    "mra_pleuritis_pericarditis",
    "mra_myocarditis",
    "mra_interstitial_pneumonia",
    "mra_organ_infarction",
    "mra_rf_high",
    "mra_low_complement",
];

/// RA score 6 (A 小関節4～10 = 3, B 弱陽性 2, C 正常 0, D 6週以上 1), no history;
/// three clinical symptoms ((1), (3), (9)), tissue 未実施, 鑑別 除外; ３度.
fn definite_severe() -> nsdb_forms::FormData {
    let mut f = nanbyo_common();
    for c in CLINICAL {
        f.set(c, "2");
    }
    with(
        &f,
        &[
            ("mra_joint_involvement", "4"),
            ("mra_serology", "2"),
            ("mra_acute_phase", "1"),
            ("mra_symptom_duration", "2"),
            ("mra_ra_history", "2"),
            ("mra_polyneuritis", "1"),
            ("mra_nodules", "1"),
            ("mra_rf_high", "1"),
            ("mra_histology", "3"),
            ("mra_differential", "1"),
            ("mra_grade", "3"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(
        e.calculations.get("mra_ra_score"),
        Some(&CalcValue::Number(6.0))
    );
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-046-2403/2020-03.2");
}

// 表１ 注３「合計点が５点以下の場合は関節リウマチと分類できない」: 6 classifies, 5 does not.
#[test]
fn ra_score_boundary_6() {
    // D 6週未満: 5 points.
    let f5 = with(&definite_severe(), &[("mra_symptom_duration", "1")]);
    let e = eval_new(ID, &f5);
    assert_eq!(
        e.calculations.get("mra_ra_score"),
        Some(&CalcValue::Number(5.0))
    );
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    // C 異常 brings it back to 6.
    let f6 = with(&f5, &[("mra_acute_phase", "2")]);
    assert_eq!(diagnosis(ID, &f6), DiagnosisOutcome::Definite);
}

// 表１ 注１「関節リウマチに伴う典型的な骨びらんを有し、かつて上記分類を満たしたことがあれば
// 関節リウマチと分類する。」: history classifies whatever the present score.
#[test]
fn ra_history_classifies_regardless_of_score() {
    let f = with(
        &definite_severe(),
        &[
            ("mra_joint_involvement", "1"),
            ("mra_serology", "1"),
            ("mra_ra_history", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // 不明 is not shown.
    let g = with(&f, &[("mra_ra_history", "3")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
}

// A blank score item is open while the total could cross 6, and named.
#[test]
fn blank_score_item_is_named_while_it_matters() {
    let f = with(&definite_severe(), &[("mra_serology", "")]);
    // 3 + (0..3) + 0 + 1 = 4..7.
    assert_undetermined_naming(ID, &f, &["mra_serology"]);
    // History あり: the score does not matter.
    let g = with(&f, &[("mra_ra_history", "1")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::Eligible);
}

// The auto-filled 合計点: a different value entered by the doctor is a calc_mismatch warning.
#[test]
fn ra_score_total_is_filled_and_checked() {
    let f = with(&definite_severe(), &[("mra_ra_score_total", "7")]);
    assert!(
        codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "mra_ra_score_total".into()))
    );
    let f = with(&definite_severe(), &[("mra_ra_score_total", "6")]);
    assert!(eval_new(ID, &f).findings.is_empty());
}

// 「(１) １．臨床症状(１)～（10）のうち３項目以上満たすもの」: 3 suffice, 2 do not.
#[test]
fn three_clinical_symptoms_boundary() {
    let two = with(&definite_severe(), &[("mra_rf_high", "2")]);
    assert_eq!(diagnosis(ID, &two), DiagnosisOutcome::NotMet);
    // Each of the ten counts: replace (9) by each other symptom in turn.
    for c in CLINICAL {
        if c == "mra_polyneuritis" || c == "mra_nodules" || c == "mra_rf_high" {
            continue;
        }
        let f = with(&two, &[(c, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{c}");
    }
}

// 「(２) １．臨床症状(１)～（10）の項目の１項目以上と２．組織所見の項目があるもの」.
#[test]
fn one_clinical_symptom_with_tissue() {
    let mut one = definite_severe();
    one.set("mra_nodules", "2");
    one.set("mra_rf_high", "2");
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    let f = with(&one, &[("mra_histology", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // Tissue without any clinical symptom is not enough.
    let g = with(&f, &[("mra_polyneuritis", "3")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
}

// 「ACR/EULARによる関節リウマチの分類基準 2010年（表１）を満たし、…」: symptoms without RA → not met.
#[test]
fn symptoms_without_ra_classification_is_not_met() {
    let f = with(
        &definite_severe(),
        &[("mra_joint_involvement", "1"), ("mra_serology", "1")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det.criteria.iter().find(|c| c.id == "dx_ra").unwrap();
    assert_eq!(c.met, Some(false));
}

// 「４．鑑別診断」: not excluded → not met (our reading; see review_needed).
#[test]
fn differential_not_excluded_is_not_met() {
    let f = with(&definite_severe(), &[("mra_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// A blank clinical symptom with two present: open, named; with three present: irrelevant.
#[test]
fn blank_symptom_is_named_while_it_matters() {
    let f = with(
        &definite_severe(),
        &[("mra_rf_high", "2"), ("mra_myocarditis", "")],
    );
    assert_undetermined_naming(ID, &f, &["mra_myocarditis"]);
    let g = with(&definite_severe(), &[("mra_myocarditis", "")]);
    let e = eval_new(ID, &g);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "mra_myocarditis".into())));
}

// 「３度以上を対象とする。」
#[test]
fn grade_3_is_met_and_2_is_not() {
    let f2 = with(&definite_severe(), &[("mra_grade", "2")]);
    assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
    for g in ["3", "4", "5"] {
        let f = with(&definite_severe(), &[("mra_grade", g)]);
        assert_eq!(
            eval_new(ID, &f).determination.result,
            Outcome::Eligible,
            "{g}"
        );
    }
    let blank = with(&definite_severe(), &[("mra_grade", "")]);
    assert_undetermined_naming(ID, &blank, &["mra_grade"]);
    let g = with(&blank, &[("mra_differential", "2")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::NotEligible);
}

#[test]
fn light_high_cost_rescues_grade_2() {
    let mut f = with(&definite_severe(), &[("mra_grade", "2")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for c in CLINICAL {
        f.remove(c);
    }
    for item in [
        "mra_joint_involvement",
        "mra_serology",
        "mra_acute_phase",
        "mra_symptom_duration",
        "mra_ra_history",
        "mra_histology",
        "mra_differential",
    ] {
        f.remove(item);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Undetermined);
}
