//! 指定難病 71 特発性大腿骨頭壊死症 (nanbyo-071-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-071-2403";

/// Definite (MRI band + X-ray band sclerosis with a normal joint), right hip only:
/// Type A, Stage 1, JOA 80 (40 + 10 + 18 + 12) → severity not met.
fn right_mild() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("onfh_xray_prerequisite", "1"),
            ("onfh_xray_collapse", "2"),
            ("onfh_xray_band_sclerosis", "1"),
            ("onfh_bone_scintigraphy", "3"),
            ("onfh_mri_band", "1"),
            ("onfh_biopsy", "3"),
            ("onfh_exclusion", "1"),
            ("onfh_adverse_drug_relief", "2"),
            ("onfh_side", "1"),
            ("onfh_type_right", "A"),
            ("onfh_stage_right", "1"),
            ("onfh_joa_r_pain", "40"),
            ("onfh_joa_r_rom", "10"),
            ("onfh_joa_r_gait", "18"),
            ("onfh_joa_r_adl", "12"),
        ],
    )
}

fn three_high_cost_months(f: &FormData) -> FormData {
    let mut f = f.clone();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    f
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &right_mild());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(e.calculations["onfh_joa_right"], CalcValue::Number(80.0));
}

// 「病型分類を用いて、TypeB、ＴｙｐｅＣ又は病期分類Stage２以上を対象とする。」
#[test]
fn type_b_or_c_or_stage_2() {
    for (ty, stage, met) in [
        ("A", "1", false),
        ("B", "1", true),
        ("C1", "1", true),
        ("C2", "1", true),
        ("A", "2", true),
        ("A", "3A", true),
        ("A", "4", true),
    ] {
        let f = with(
            &right_mild(),
            &[("onfh_type_right", ty), ("onfh_stage_right", stage)],
        );
        let want = if met {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), want, "Type {ty} Stage {stage}");
    }
    let e = eval_new(ID, &with(&right_mild(), &[("onfh_type_right", "B")]));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「患側について「70点以上80点未満：可」、「70点未満：不可」を対象とする。」 80 = 良 / 79 = 可.
#[test]
fn joa_hip_score_below_80() {
    let f = with(&right_mild(), &[("onfh_joa_r_adl", "11")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.calculations["onfh_joa_right"], CalcValue::Number(79.0));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &right_mild(),
        &[("onfh_joa_r_pain", "0"), ("onfh_joa_r_gait", "0")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「患側について」: the other side is not asked and does not count.
#[test]
fn only_affected_sides_count() {
    // Left hip Type C2 entered although only the right is affected: ignored.
    let f = with(
        &right_mild(),
        &[("onfh_type_left", "C2"), ("onfh_stage_left", "4")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    // Both sides affected: the left meets the rule.
    let mut f = f;
    f.set("onfh_side", nsdb_forms::Answer::from(vec!["1", "2"]));
    for (k, v) in [
        ("onfh_joa_l_pain", "40"),
        ("onfh_joa_l_rom", "20"),
        ("onfh_joa_l_gait", "20"),
        ("onfh_joa_l_adl", "20"),
    ] {
        f.set(k, v);
    }
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
}

// Blank severity items keep the result open only when they could change it.
#[test]
fn blank_severity_items() {
    let f = with(&right_mild(), &[("onfh_stage_right", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["onfh_stage_right".to_string()]);
    // Type B decides: the blank stage does not matter.
    let f = with(&f, &[("onfh_type_right", "B")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // A blank JOA part: the score is a range reaching below 80.
    let f = with(&right_mild(), &[("onfh_joa_r_rom", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["onfh_joa_r_rom".to_string()]
    );
    // Side blank: everything open, naming the side.
    let f = with(&right_mild(), &[("onfh_side", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert!(det.undetermined_items.contains(&"onfh_side".to_string()));
}

// 「上記項目のうち、２つ以上を満たせばDefiniteとする。」 one finding → not met.
#[test]
fn two_of_five_findings() {
    let one = with(
        &right_mild(),
        &[("onfh_xray_band_sclerosis", "2"), ("onfh_type_right", "B")],
    );
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    for item in [
        "onfh_xray_collapse",
        "onfh_bone_scintigraphy",
        "onfh_biopsy",
    ] {
        assert_eq!(
            diagnosis(ID, &with(&one, &[(item, "1")])),
            DiagnosisOutcome::Definite,
            "{item}"
        );
    }
    // 未実施 is an answer (not shown).
    let f = with(
        &one,
        &[("onfh_biopsy", "3"), ("onfh_bone_scintigraphy", "3")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // A blank fifth finding could be the second one.
    let f = with(&one, &[("onfh_biopsy", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["onfh_biopsy".to_string()]);
}

// 「X線所見（…関節裂隙の狭小化がないこと、臼蓋には異常所見がないことを要する。）」
#[test]
fn xray_findings_need_a_normal_joint() {
    let f = with(
        &right_mild(),
        &[("onfh_xray_prerequisite", "2"), ("onfh_xray_collapse", "1")],
    );
    // X-ray 1 and 2 do not count: only the MRI remains.
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // The scintigram still counts.
    let f = with(&f, &[("onfh_bone_scintigraphy", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 除外診断 and 「ただし、医薬品副作用被害救済制度において、副作用によるものとされた症例を除く。」
#[test]
fn exclusions_and_adverse_drug_relief() {
    let severe = with(&right_mild(), &[("onfh_type_right", "B")]);
    let f = with(&severe, &[("onfh_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&severe, &[("onfh_adverse_drug_relief", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&severe, &[("onfh_adverse_drug_relief", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(
        det.undetermined_items,
        vec!["onfh_adverse_drug_relief".to_string()]
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_mild() {
    let det = eval_new(ID, &three_high_cost_months(&right_mild())).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(&right_mild(), &[("onfh_adverse_drug_relief", "1")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_uses_severity_only() {
    let f = with(
        &nanbyo_common(),
        &[
            ("onfh_side", "2"),
            ("onfh_type_left", "C1"),
            ("onfh_stage_left", "3B"),
            ("onfh_joa_l_pain", "20"),
            ("onfh_joa_l_rom", "14"),
            ("onfh_joa_l_gait", "10"),
            ("onfh_joa_l_adl", "12"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["onfh_joa_left"], CalcValue::Number(56.0));
}

#[test]
fn entered_joa_total_that_disagrees_is_warned() {
    let f = with(&right_mild(), &[("onfh_joa_r_total", "75")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "onfh_joa_r_total".into())));
}
