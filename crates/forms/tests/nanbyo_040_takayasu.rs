//! 指定難病 40 高安動脈炎 (nanbyo-040-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-040-2403";

const SYMPTOMS: [&str; 9] = [
    "tak_sx_systemic",
    "tak_sx_pain",
    "tak_sx_eye",
    "tak_sx_head_neck",
    "tak_sx_upper_limb",
    "tak_sx_lower_limb",
    "tak_sx_chest",
    "tak_sx_abdomen",
    "tak_sx_skin",
];

/// No A symptom, B imaging and C differential met, grade III.
fn no_symptom() -> FormData {
    let mut f = with(
        &nanbyo_common(),
        &[
            ("tak_imaging", "1"),
            ("tak_differential", "1"),
            ("tak_grade", "3"),
        ],
    );
    for s in SYMPTOMS {
        f.set(s, "2");
    }
    f
}

/// Definite (上肢症状 only) with grade III.
fn definite_severe() -> FormData {
    with(&no_symptom(), &[("tak_sx_upper_limb", "1")])
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「Definite： Aのうち1項目以上＋ Bのいずれかを認め、Cを除外したもの。」 A: 0 items not met, any 1 met.
#[test]
fn one_symptom_group_suffices_and_none_is_not_met() {
    let det = eval_new(ID, &no_symptom()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    for s in SYMPTOMS {
        let f = with(&no_symptom(), &[(s, "1")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Definite, "{s}");
        assert_eq!(det.result, Outcome::Eligible, "{s}");
    }
    assert_eq!(
        eval_new(ID, &definite_severe()).determination.rule_version,
        "nanbyo-040-2403/2020-03.2"
    );
    // 不明 is not a symptom.
    let f = with(&no_symptom(), &[("tak_sx_pain", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「…＋ Bのいずれかを認め」: 認めない・未実施 → not met.
#[test]
fn imaging_is_needed() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("tak_imaging", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// 「…、Cを除外したもの。」
#[test]
fn differential_is_needed() {
    let f = with(&definite_severe(), &[("tak_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Blank symptom groups are named while no group is present; once one is, the others do not matter.
#[test]
fn blank_symptoms_are_named_only_while_they_matter() {
    let f = with(&no_symptom(), &[("tak_sx_eye", ""), ("tak_sx_skin", "")]);
    assert_undetermined_naming(ID, &f, &["tak_sx_eye", "tak_sx_skin"]);
    let f = with(&definite_severe(), &[("tak_sx_eye", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "tak_sx_eye".into())));
}

// 「III度以上を対象とする。」 Boundaries II (not met) and III (met); V met; blank is open.
#[test]
fn grade_3_is_met_and_2_is_not() {
    assert_eq!(severity(ID, &definite_severe()), SeverityOutcome::Met);
    let f = with(&definite_severe(), &[("tak_grade", "2")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
    let f = with(&definite_severe(), &[("tak_grade", "5")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let f = with(&definite_severe(), &[("tak_grade", "")]);
    assert_undetermined_naming(ID, &f, &["tak_grade"]);
}

#[test]
fn unknown_grade_code_is_reported() {
    let f = with(&definite_severe(), &[("tak_grade", "6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("code_unknown".into(), "tak_grade".into())));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for id in SYMPTOMS.iter().chain(&[
        "tak_imaging",
        "tak_differential",
        "first_visit_date",
        "diagnosis_date",
    ]) {
        f.remove(id);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
}
