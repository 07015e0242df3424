//! 指定難病 7 大脳皮質基底核変性症 (nanbyo-007-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-007-2403";

/// The four conditions met (2 extrapyramidal + 2 cortical signs), mRS 3.
/// Common onset 2019-03, 記載年月日 2025-06-20.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("cbd_midlife_slow", "1"),
            ("cbd_rigidity_akinesia", "1"),
            ("cbd_dystonia", "1"),
            ("cbd_myoclonus", "2"),
            ("cbd_apraxia", "1"),
            ("cbd_cortical_sensory", "2"),
            ("cbd_alien_hand", "1"),
            ("cbd_exclusion", "1"),
            ("mrs", "3"),
            ("nutrition", "0"),
            ("respiration", "0"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「次の４条件を満たすものを大脳皮質基底核変性症と診断する。」
#[test]
fn four_conditions_are_definite_and_eligible() {
    let det = eval_new(ID, &definite_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-007-2403/2020-03.2");
}

// 「(１)中年期以降に発症し緩徐に進行し、罹病期間が１年以上である。」: 12 months is met, 11 is not.
#[test]
fn disease_duration_one_year_boundary() {
    // 2024-06 → 2025-06-20: 12 months.
    let f = with(
        &definite_severe(),
        &[
            ("onset_ym", "2024-06"),
            ("first_visit_date", "2024-06-10"),
            ("diagnosis_date", "2024-07-01"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(
        e.calculations.get("cbd_disease_months"),
        Some(&nsdb_forms::CalcValue::Number(12.0))
    );
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    // 2024-07 → 2025-06-20: 11 months.
    let f = with(
        &f,
        &[("onset_ym", "2024-07"), ("first_visit_date", "2024-07-10")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det
        .criteria
        .iter()
        .find(|c| c.id == "dx_1_onset_course")
        .unwrap();
    assert_eq!(c.met, Some(false));
}

// 「中年期以降に発症し緩徐に進行し」: なし・不明 → not met.
#[test]
fn midlife_slow_progression_is_needed() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("cbd_midlife_slow", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// 「②(２)の２項目以上がある。」: 2 of 3 suffice, 1 does not.
#[test]
fn two_extrapyramidal_signs_are_needed() {
    for (a, b) in [
        ("cbd_rigidity_akinesia", "cbd_dystonia"),
        ("cbd_dystonia", "cbd_myoclonus"),
        ("cbd_rigidity_akinesia", "cbd_myoclonus"),
    ] {
        let f = with(
            &definite_severe(),
            &[
                ("cbd_rigidity_akinesia", "2"),
                ("cbd_dystonia", "2"),
                ("cbd_myoclonus", "2"),
                (a, "1"),
                (b, "1"),
            ],
        );
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{a}+{b}");
        let one = with(&f, &[(b, "3")]);
        assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet, "{a} only");
    }
}

// 「③(３)の２項目以上がある。」: 2 of 3 suffice, 1 does not.
#[test]
fn two_cortical_signs_are_needed() {
    for (a, b) in [
        ("cbd_apraxia", "cbd_cortical_sensory"),
        ("cbd_cortical_sensory", "cbd_alien_hand"),
        ("cbd_apraxia", "cbd_alien_hand"),
    ] {
        let f = with(
            &definite_severe(),
            &[
                ("cbd_apraxia", "2"),
                ("cbd_cortical_sensory", "2"),
                ("cbd_alien_hand", "2"),
                (a, "1"),
                (b, "1"),
            ],
        );
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{a}+{b}");
        let one = with(&f, &[(b, "2")]);
        let det = eval_new(ID, &one).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{a} only");
        assert_eq!(det.result, Outcome::NotEligible);
    }
}

// 「④(４)を満たす（他疾患を除外できる。）。」
#[test]
fn exclusion_is_needed() {
    let f = with(&definite_severe(), &[("cbd_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank signs keep ③ open (one cortical sign present): 判定不能 naming exactly them.
#[test]
fn blank_cortical_signs_make_the_diagnosis_undetermined() {
    let f = with(
        &definite_severe(),
        &[("cbd_cortical_sensory", ""), ("cbd_alien_hand", "")],
    );
    assert_undetermined_naming(ID, &f, &["cbd_cortical_sensory", "cbd_alien_hand"]);
    // With two signs already present the third blank does not matter.
    let f = with(&definite_severe(), &[("cbd_cortical_sensory", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn mrs_nutrition_respiration_any_3_is_met_and_2_is_not() {
    let all2 = with(
        &definite_severe(),
        &[("mrs", "2"), ("nutrition", "2"), ("respiration", "2")],
    );
    assert_eq!(severity(ID, &all2), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &all2).determination.result,
        Outcome::NotEligible
    );
    for item in ["mrs", "nutrition", "respiration"] {
        let e = eval_new(ID, &with(&all2, &[(item, "3")]));
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} 3");
    }
    assert_undetermined_naming(ID, &with(&all2, &[("mrs", "")]), &["mrs"]);
    let decided = with(&all2, &[("mrs", ""), ("respiration", "3")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// The Barthel Index is not part of this 重症度分類: 0 points in 3 items with mRS 2/2/2 is still 非該当.
#[test]
fn barthel_does_not_count() {
    let f = with(
        &definite_severe(),
        &[
            ("adl_walking", "0"),
            ("adl_stairs", "0"),
            ("adl_transfer", "0"),
            ("mrs", "2"),
            ("nutrition", "2"),
            ("respiration", "2"),
        ],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for id in [
        "cbd_midlife_slow",
        "cbd_rigidity_akinesia",
        "cbd_dystonia",
        "cbd_myoclonus",
        "cbd_apraxia",
        "cbd_cortical_sensory",
        "cbd_alien_hand",
        "cbd_exclusion",
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
    assert!(codes(&e).contains(&("required".into(), "cbd_exclusion".into())));
}
