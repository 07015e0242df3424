//! 指定難病 230 肺胞低換気症候群: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/230.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-230-2403";

/// A declared category, フェノタイプA, just at 重症度３ on every column:
/// mMRC 2, PaCO2 50.1, PaO2 70, CPAP only.
fn grade3(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("alh_type", "1"),
            ("alh_mmrc", "2"),
            ("alh_paco2", "50.1"),
            ("alh_pao2", "70"),
            ("alh_cpap", "1"),
            ("alh_nppv", "2"),
            ("alh_hot", "2"),
        ],
    )
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&grade3("1"), pairs))
}

fn grade(pairs: &[(&str, &str)]) -> Option<CalcValue> {
    eval_new(ID, &with(&grade3("1"), pairs))
        .calculations
        .get("alh_severity_grade")
        .cloned()
}

// 「以下の重症度分類を用いて重症度３以上を対象とする。」 「重症度３ … PaO2≤70 Torr … CPAP/NPPV/HOT継続治療必要」:
// a complete form just at every 重症度３ boundary is 該当 with no finding.
#[test]
fn complete_form_at_grade_3_is_eligible_without_findings() {
    let e = eval_new(ID, &grade3("1"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(
        e.calculations.get("alh_severity_grade"),
        Some(&CalcValue::Number(3.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「重症度２ mMRC≥２」 (spanning 重症度３): mMRC 1 does not reach 重症度３.
#[test]
fn mmrc_2_is_needed() {
    assert_eq!(sev(&[("alh_mmrc", "1")]), SeverityOutcome::NotMet);
    assert_eq!(grade(&[("alh_mmrc", "1")]), Some(CalcValue::Number(1.0)));
    assert_eq!(
        eval_new(ID, &with(&grade3("1"), &[("alh_mmrc", "1")]))
            .determination
            .result,
        Outcome::NotEligible
    );
}

// 「重症度２ A：PaCO2＞50Torr, B：＞52.5 Torr」 (spanning 重症度３):
// A 50.1 met / 50 not; B 52.6 met / 52.5 not; CCHS and 特発性 use the A threshold.
#[test]
fn paco2_threshold_depends_on_the_phenotype() {
    assert_eq!(sev(&[("alh_paco2", "50")]), SeverityOutcome::NotMet);
    assert_eq!(
        sev(&[("alh_type", "2"), ("alh_paco2", "52.5")]),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        sev(&[("alh_type", "2"), ("alh_paco2", "52.6")]),
        SeverityOutcome::Met
    );
    assert_eq!(
        sev(&[("alh_type", "2"), ("alh_paco2", "50.1")]),
        SeverityOutcome::NotMet
    );
    for t in ["3", "4"] {
        assert_eq!(sev(&[("alh_type", t)]), SeverityOutcome::Met, "{t}");
        assert_eq!(
            sev(&[("alh_type", t), ("alh_paco2", "50")]),
            SeverityOutcome::NotMet,
            "{t}"
        );
    }
}

// 「重症度３ PaO2≤70 Torr」: 70 met, 70.1 not (then 重症度２ with CPAP).
#[test]
fn pao2_70_is_met_and_70_1_is_not() {
    assert_eq!(sev(&[("alh_pao2", "70.1")]), SeverityOutcome::NotMet);
    assert_eq!(grade(&[("alh_pao2", "70.1")]), Some(CalcValue::Number(2.0)));
}

// 「重症度３ CPAP/NPPV/HOT継続治療必要」: each treatment alone; none is not met.
#[test]
fn each_continuous_treatment_alone() {
    let none = [("alh_cpap", "2"), ("alh_nppv", "2"), ("alh_hot", "2")];
    let f = with(&grade3("1"), &none);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &f).calculations.get("alh_severity_grade"),
        Some(&CalcValue::Number(1.0))
    );
    for item in ["alh_cpap", "alh_nppv", "alh_hot"] {
        assert_eq!(
            severity(ID, &with(&f, &[(item, "1")])),
            SeverityOutcome::Met,
            "{item}"
        );
    }
}

// 「重症度４ A,B：PaCO2＞55Torr PaO2≤60 Torr NPPV/HOT継続治療必要」 and
// 「重症度５ mMRC≥３ A,B：PaCO2＞60Torr」: the grade shown; CPAP alone stays at ３.
#[test]
fn grades_4_and_5_are_computed() {
    let g4 = [("alh_paco2", "55.1"), ("alh_pao2", "60"), ("alh_nppv", "1")];
    assert_eq!(grade(&g4), Some(CalcValue::Number(4.0)));
    assert_eq!(
        grade(&[("alh_paco2", "55.1"), ("alh_pao2", "60")]),
        Some(CalcValue::Number(3.0))
    );
    let g5 = [
        ("alh_mmrc", "3"),
        ("alh_paco2", "60.1"),
        ("alh_pao2", "60"),
        ("alh_hot", "1"),
    ];
    assert_eq!(grade(&g5), Some(CalcValue::Number(5.0)));
    assert_eq!(sev(&g5), SeverityOutcome::Met);
}

// 「Definite、Probableを対象とする。」
#[test]
fn definite_and_probable_are_eligible() {
    for (c, want, ok) in [
        ("1", DiagnosisOutcome::Definite, true),
        ("2", DiagnosisOutcome::Probable, true),
        ("3", DiagnosisOutcome::NotMet, false),
        ("4", DiagnosisOutcome::NotMet, false),
    ] {
        let f = grade3(c);
        assert_eq!(diagnosis(ID, &f), want, "{c}");
        let want_result = if ok {
            Outcome::Eligible
        } else {
            Outcome::NotEligible
        };
        assert_eq!(eval_new(ID, &f).determination.result, want_result, "{c}");
    }
}

// 「自覚症状、動脈血液ガス分析（PaCO2、かつPaO2）、治療状況の項目全てを満たす…」:
// a blank PaO2 is named while the other columns hold; decided when another column fails.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&grade3("1"), &[("alh_pao2", "")]);
    assert!(codes(&eval_new(ID, &open)).contains(&("required".to_string(), "alh_pao2".to_string())));
    assert_undetermined_naming(ID, &open, &["alh_pao2"]);
    assert_eq!(
        severity(ID, &with(&open, &[("alh_mmrc", "0")])),
        SeverityOutcome::NotMet
    );
    // Out of range → finding.
    let e = eval_new(ID, &with(&grade3("1"), &[("alh_paco2", "200")]));
    assert!(codes(&e).contains(&("range".to_string(), "alh_paco2".to_string())));
}
