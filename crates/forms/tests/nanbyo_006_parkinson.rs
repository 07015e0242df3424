//! 指定難病 6 パーキンソン病 (nanbyo-006-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-006-2403";

/// Definite (1+2+3+4) with H-Y 3 and 生活機能障害度 2.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("pd_resting_tremor", "1"),
            ("pd_rigidity", "1"),
            ("pd_bradykinesia", "1"),
            ("pd_postural_instability", "2"),
            ("pd_imaging", "1"),
            ("pd_drug_toxin_exposure", "2"),
            ("pd_drug_response", "1"),
            ("hoehn_yahr", "3"),
            ("living_function_grade", "2"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「Hoehn-Yahr重症度分類３度以上かつ生活機能障害度２度以上を対象とする。」
#[test]
fn hy3_and_living_function_2_is_eligible() {
    let e = eval_new(ID, &definite_severe());
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-006-2403/2020-03.1");
    let json = serde_json::to_value(det).unwrap();
    assert_eq!(json["result"], "該当");
    assert_eq!(json["diagnosis"], "definite");
    assert_eq!(json["severity"], "met");
    assert!(json["reasons"].as_array().unwrap().len() >= 2);
}

// 「Hoehn-Yahr重症度分類３度以上」: 2度 is below, whatever 生活機能障害度 is (even blank).
#[test]
fn hy2_is_not_eligible_even_with_living_function_blank() {
    let f = with(
        &definite_severe(),
        &[("hoehn_yahr", "2"), ("living_function_grade", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
}

// 「…かつ生活機能障害度２度以上」: H-Y 3 with 生活機能障害度 blank cannot be decided.
#[test]
fn hy3_with_living_function_blank_is_undetermined_naming_the_item() {
    let f = with(&definite_severe(), &[("living_function_grade", "")]);
    let e = eval_new(ID, &f);
    let det = &e.determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["living_function_grade".to_string()]
    );
    assert!(
        det.reasons
            .iter()
            .any(|r| r.contains("生活機能障害度") && r.contains("living_function_grade")),
        "{:?}",
        det.reasons
    );
    // …and the missing required item is an error finding naming it.
    assert!(codes(&e).contains(&("required".into(), "living_function_grade".into())));
}

// 「生活機能障害度２度以上」: 1度 is below.
#[test]
fn hy3_with_living_function_1_is_not_eligible() {
    let f = with(&definite_severe(), &[("living_function_grade", "1")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Upper ends of both scales are included (３度以上 / ２度以上).
#[test]
fn hy5_and_living_function_3_is_eligible() {
    let f = with(
        &definite_severe(),
        &[("hoehn_yahr", "5"), ("living_function_grade", "3")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_with_three_months_over_33330() {
    let mut f = with(&definite_severe(), &[("hoehn_yahr", "2")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.reasons.iter().any(|r| r.contains("軽症高額該当")));
}

// 33,330円 exactly is not "超える"; months outside the 12-month window do not count.
#[test]
fn light_high_cost_boundaries() {
    let mut f = with(&definite_severe(), &[("hoehn_yahr", "2")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_330),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(false));
    assert_eq!(det.result, Outcome::NotEligible);
    // 2024-06 is 12 months before 2025-06 (record_date): outside the window.
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2024-06", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.light_high_cost, Some(false));
    assert!(codes(&e).contains(&("high_cost_month_window".into(), "high_cost_months".into())));
    // 2024-07 is inside.
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2024-07", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.light_high_cost, Some(true));
}

// 軽症高額該当 never rescues a diagnosis: Probable is not eligible (「Probableは対象としない。」).
#[test]
fn light_high_cost_does_not_rescue_a_probable_diagnosis() {
    let mut f = with(
        &definite_severe(),
        &[("pd_drug_response", "3"), ("hoehn_yahr", "2")],
    );
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons
            .iter()
            .any(|r| r.contains("Probable") && r.contains("Definite")),
        "{:?}",
        det.reasons
    );
}

// 「なお、１、２、３は満たすが、薬物反応を未検討の症例は、パーキンソン病疑い症例（Probable）とする。」
// 「（Probableは対象としない。）」
#[test]
fn drug_response_untested_is_probable_and_not_eligible() {
    let f = with(&definite_severe(), &[("pd_drug_response", "3")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「４．抗パーキンソン病薬にてパーキンソニズムに改善がみられる。」: no improvement → not met.
#[test]
fn no_drug_response_is_not_met() {
    let f = with(&definite_severe(), &[("pd_drug_response", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons.iter().any(|r| r.contains("抗パーキンソン病薬")),
        "{:?}",
        det.reasons
    );
}

// ※１(１)「典型的な左右差のある安静時振戦（４～６Hz）がある。」 alone is parkinsonism.
#[test]
fn resting_tremor_alone_is_parkinsonism() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_rigidity", "2"),
            ("pd_bradykinesia", "2"),
            ("pd_postural_instability", "2"),
        ],
    );
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
}

// ※１(２)「歯車様強剛、動作緩慢、姿勢反射障害のうち２つ以上が存在する。」: 2 suffice, 1 does not.
#[test]
fn two_of_three_signs_without_tremor() {
    let two = with(
        &definite_severe(),
        &[
            ("pd_resting_tremor", "2"),
            ("pd_rigidity", "1"),
            ("pd_bradykinesia", "1"),
            ("pd_postural_instability", "2"),
        ],
    );
    assert_eq!(
        eval_new(ID, &two).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    let one = with(&two, &[("pd_bradykinesia", "2")]);
    let det = eval_new(ID, &one).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det
        .criteria
        .iter()
        .find(|c| c.id == "dx_parkinsonism")
        .unwrap();
    assert_eq!(c.met, Some(false));
    assert!(c
        .inputs
        .iter()
        .any(|i| i.item == "pd_rigidity" && i.value == "あり"));
}

// 不明 is an answer, not a blank: it does not establish a sign, and leaves nothing open.
#[test]
fn unknown_answer_does_not_count_as_sign_nor_as_blank() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_resting_tremor", "3"),
            ("pd_rigidity", "1"),
            ("pd_bradykinesia", "3"),
            ("pd_postural_instability", "3"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Blank signs keep parkinsonism open: undetermined, naming exactly the blank signs.
#[test]
fn blank_signs_make_diagnosis_undetermined() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_resting_tremor", "2"),
            ("pd_rigidity", "1"),
            ("pd_bradykinesia", ""),
            ("pd_postural_instability", ""),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec![
            "pd_bradykinesia".to_string(),
            "pd_postural_instability".to_string()
        ]
    );
}

// But a decided criterion does not keep anything open: tremor present → blank signs irrelevant.
#[test]
fn blank_signs_irrelevant_when_tremor_present() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_rigidity", ""),
            ("pd_bradykinesia", ""),
            ("pd_postural_instability", ""),
        ],
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // They are still required on a new application.
    assert!(codes(&e).contains(&("required".into(), "pd_rigidity".into())));
}

// 「２．脳CT又はMRIに特異的異常がない。」: abnormal or not done → not met.
#[test]
fn imaging_abnormal_or_not_done_is_not_met() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("pd_imaging", code)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "pd_imaging={code}"
        );
    }
}

// 「３．パーキンソニズムを起こす薬物・毒物への曝露がない。」: exposure, or 不明, → not met.
#[test]
fn exposure_or_unknown_exposure_is_not_met() {
    for code in ["1", "3"] {
        let f = with(&definite_severe(), &[("pd_drug_toxin_exposure", code)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "exposure={code}"
        );
    }
}

// Diagnosis not met wins over a blank severity (Kleene: false and unknown = false).
#[test]
fn not_met_diagnosis_with_blank_severity_is_not_eligible() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_imaging", "2"),
            ("hoehn_yahr", ""),
            ("living_function_grade", ""),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
}

// Renewal: 診断のカテゴリー is not needed; blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &definite_severe(),
        &[
            ("pd_resting_tremor", ""),
            ("pd_rigidity", ""),
            ("pd_bradykinesia", ""),
            ("pd_postural_instability", ""),
            ("pd_imaging", ""),
            ("pd_drug_toxin_exposure", ""),
            ("pd_drug_response", ""),
            ("first_visit_date", ""),
            ("diagnosis_date", ""),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "pd_drug_response".into())));
}

#[test]
fn consistency_warnings() {
    let f = with(&definite_severe(), &[("hoehn_yahr", "0")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("pd_hy0_with_parkinsonism".into(), "hoehn_yahr".into())));
    let f = with(
        &definite_severe(),
        &[("hoehn_yahr", "5"), ("living_function_grade", "1")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "pd_hy5_living_function_1".into(),
        "living_function_grade".into()
    )));
}

#[test]
fn unknown_code_is_reported_with_the_choices() {
    let f = with(&definite_severe(), &[("hoehn_yahr", "6")]);
    let e = eval_new(ID, &f);
    let fnd = e
        .findings
        .iter()
        .find(|f| f.code == "code_unknown")
        .unwrap();
    assert_eq!(fnd.item, "hoehn_yahr");
    assert!(
        fnd.message.contains("Hoehn-Yahr重症度分類") && fnd.message.contains("3:3度"),
        "{}",
        fnd.message
    );
}
