//! 指定難病 35 天疱瘡 (nanbyo-035-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-035-2403";

/// Definite by the first rule: one A symptom + B-1 + one B-2 finding; PDAI 9.
fn definite_1() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("pem_flaccid_blisters", "1"),
            ("pem_erosions", "2"),
            ("pem_mucosal", "2"),
            ("pem_nikolsky", "3"),
            ("pem_histology", "1"),
            ("pem_dif", "1"),
            ("pem_anti_dsg", "3"),
            ("pem_pdai_total", "9"),
        ],
    )
}

/// Definite by the second rule only: two A symptoms + both B-2 findings, B-1 not done.
fn definite_2() -> FormData {
    with(
        &definite_1(),
        &[
            ("pem_mucosal", "1"),
            ("pem_histology", "3"),
            ("pem_anti_dsg", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite_1(), definite_2()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「Definite：Ａのうち1項目以上＋Ｂ-1を満たし、B-2のうち1項目以上を満たす症例」
#[test]
fn first_rule_boundaries() {
    let det = eval_new(ID, &definite_1()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-035-2403/2020-03.2");
    // No A symptom (0 of 4): not met.
    let no_a = with(&definite_1(), &[("pem_flaccid_blisters", "2")]);
    assert_eq!(diagnosis(ID, &no_a), DiagnosisOutcome::NotMet);
    // Each A symptom alone suffices.
    for item in ["pem_erosions", "pem_mucosal", "pem_nikolsky"] {
        let f = with(&no_a, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
    // B-1 なし／未実施: not met (only one B-2 finding).
    for code in ["2", "3"] {
        let f = with(&definite_1(), &[("pem_histology", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "B-1={code}");
    }
    // B-2: either finding suffices; none does not.
    let dsg = with(&definite_1(), &[("pem_dif", "2"), ("pem_anti_dsg", "1")]);
    assert_eq!(diagnosis(ID, &dsg), DiagnosisOutcome::Definite);
    let none = with(&definite_1(), &[("pem_dif", "3"), ("pem_anti_dsg", "2")]);
    let det = eval_new(ID, &none).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「または、Ａのうち2項目以上＋Ｂ-2の2項目を満たす症例」
#[test]
fn second_rule_boundaries() {
    assert_eq!(diagnosis(ID, &definite_2()), DiagnosisOutcome::Definite);
    // Only one A symptom: not met (B-1 not done).
    let one_a = with(&definite_2(), &[("pem_mucosal", "3")]);
    assert_eq!(diagnosis(ID, &one_a), DiagnosisOutcome::NotMet);
    // Only one B-2 finding: not met.
    for item in ["pem_dif", "pem_anti_dsg"] {
        let f = with(&definite_2(), &[(item, "2")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
}

// Blank items keep the rule open and are named; a blank that no longer matters is not.
#[test]
fn blank_items_are_named_only_while_they_matter() {
    let f = with(&definite_1(), &[("pem_histology", "")]);
    assert_undetermined_naming(ID, &f, &["pem_histology"]);
    // Rule 2 met: a blank B-1 does not matter.
    let f = with(&definite_2(), &[("pem_histology", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "pem_histology".into())));
}

// 「PDAIの合計 8点以下: 軽症 9点以上24点以下: 中等症 25点以上: 重症」「中等症以上を対象とする。」: 9 met, 8 not.
#[test]
fn pdai_9_is_met_and_8_is_not() {
    assert_eq!(severity(ID, &definite_1()), SeverityOutcome::Met);
    let f8 = with(&definite_1(), &[("pem_pdai_total", "8")]);
    assert_eq!(severity(ID, &f8), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f8).determination.result, Outcome::NotEligible);
    let blank = with(&definite_1(), &[("pem_pdai_total", "")]);
    assert_undetermined_naming(ID, &blank, &["pem_pdai_total"]);
}

#[test]
fn pdai_range_is_checked() {
    let f = with(&definite_1(), &[("pem_pdai_total", "264")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "pem_pdai_total".into())));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_1();
    for id in [
        "pem_flaccid_blisters",
        "pem_erosions",
        "pem_mucosal",
        "pem_nikolsky",
        "pem_histology",
        "pem_dif",
        "pem_anti_dsg",
        "first_visit_date",
        "diagnosis_date",
    ] {
        f.remove(id);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
}
