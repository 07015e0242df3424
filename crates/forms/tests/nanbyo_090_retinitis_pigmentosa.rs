//! 指定難病 90 網膜色素変性症 (nanbyo-090-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-090-2403";

/// ①〜⑤ met; better eye 0.7, no field constriction → I度 (not eligible).
fn grade1() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("rp_progressive", "1"),
            ("rp_sx_night_blindness", "1"),
            ("rp_sx_field_constriction", "2"),
            ("rp_sx_visual_loss", "2"),
            ("rp_sx_photophobia", "2"),
            ("rp_fundus_vessel_narrowing", "1"),
            ("rp_fundus_coarse", "2"),
            ("rp_fundus_bone_spicule", "1"),
            ("rp_fundus_white_dots", "2"),
            ("rp_fundus_optic_atrophy", "2"),
            ("rp_fundus_macular", "2"),
            ("rp_erg", "1"),
            ("rp_faf", "3"),
            ("rp_oct", "1"),
            ("rp_inflammatory_secondary", "2"),
            ("rp_va_right", "0.7"),
            ("rp_va_left", "0.3"),
            ("rp_field_right", "2"),
            ("rp_field_left", "1"),
        ],
    )
}

fn grade(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["rp_grade"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

/// III度 (better eye 0.6).
fn grade3() -> FormData {
    with(&grade1(), &[("rp_va_right", "0.6")])
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
    let e = eval_new(ID, &grade1());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(e.calculations["rp_grade"], txt("1"));
}

// 「I度：矯正視力 0.7以上、かつ視野狭窄なし」「II度：矯正視力 0.7以上、視野狭窄あり」
// 「注１：矯正視力、視野ともに、良好な方の眼の測定値を用いる。」
#[test]
fn field_constriction_of_the_better_eye_makes_grade_2() {
    // One eye constricted: the better eye's field is not.
    assert_eq!(grade(&grade1()), txt("1"));
    let f = with(&grade1(), &[("rp_field_right", "1")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.calculations["rp_grade"], txt("2"));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「III度：矯正視力 0.7未満、0.2以上」「IV度：矯正視力 0.2未満」 (better eye)
#[test]
fn visual_acuity_boundaries() {
    for (r, l, g) in [
        ("0.7", "0.1", "1"),
        ("0.69", "0.1", "3"),
        ("0.2", "0.1", "3"),
        ("0.19", "0.1", "4"),
        ("0", "0", "4"),
        ("0.1", "1.2", "1"),
    ] {
        let f = with(&grade1(), &[("rp_va_right", r), ("rp_va_left", l)]);
        assert_eq!(grade(&f), txt(g), "R {r} L {l}");
        let want = if g == "1" {
            SeverityOutcome::NotMet
        } else {
            SeverityOutcome::Met
        };
        assert_eq!(eval_new(ID, &f).determination.severity, want, "R {r} L {l}");
    }
}

// Blank: the other eye's acuity could be the better one.
#[test]
fn blank_acuity_undetermined_only_when_it_matters() {
    let f = with(&grade3(), &[("rp_va_left", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["rp_va_left".to_string()]);
    // Both fields constricted: II度 or worse whatever the acuity.
    let f = with(&f, &[("rp_field_right", "1")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // Better eye 0.7 known and one field normal: I度 whatever the other acuity.
    let f = with(&grade1(), &[("rp_va_left", "")]);
    assert_eq!(
        eval_new(ID, &f).determination.severity,
        SeverityOutcome::NotMet
    );
}

// 「① 進行性の病変である。」「⑤ 炎症性又は続発性でない。」
#[test]
fn progressive_and_not_secondary() {
    for (item, v) in [
        ("rp_progressive", "2"),
        ("rp_progressive", "3"),
        ("rp_inflammatory_secondary", "1"),
        ("rp_inflammatory_secondary", "3"),
    ] {
        let det = eval_new(ID, &with(&grade3(), &[(item, v)])).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={v}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}={v}");
    }
    let det = eval_new(ID, &with(&grade3(), &[("rp_progressive", "")])).determination;
    assert_eq!(det.undetermined_items, vec!["rp_progressive".to_string()]);
}

// 「② 自覚症状で、上記のいずれか１つ以上がみられる。」
#[test]
fn at_least_one_symptom() {
    let none = with(&grade3(), &[("rp_sx_night_blindness", "2")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    assert_eq!(
        diagnosis(ID, &with(&none, &[("rp_sx_photophobia", "1")])),
        DiagnosisOutcome::Definite
    );
    let det = eval_new(ID, &with(&none, &[("rp_sx_photophobia", "")])).determination;
    assert_eq!(
        det.undetermined_items,
        vec!["rp_sx_photophobia".to_string()]
    );
}

// 「③ 眼底所見で、上記のいずれか２つ以上がみられる。」 one → not met; two → met.
#[test]
fn two_fundus_findings() {
    let one = with(&grade3(), &[("rp_fundus_bone_spicule", "2")]);
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    assert_eq!(
        diagnosis(ID, &with(&one, &[("rp_fundus_macular", "1")])),
        DiagnosisOutcome::Definite
    );
    // 不明 does not count.
    assert_eq!(
        diagnosis(ID, &with(&one, &[("rp_fundus_macular", "3")])),
        DiagnosisOutcome::NotMet
    );
    let det = eval_new(ID, &with(&one, &[("rp_fundus_macular", "")])).determination;
    assert_eq!(
        det.undetermined_items,
        vec!["rp_fundus_macular".to_string()]
    );
}

// 「④ 網膜電図で、上記の所見がみられる。」 — FAF/OCT do not replace it.
#[test]
fn erg_is_required() {
    for v in ["2", "3"] {
        let f = with(
            &grade3(),
            &[("rp_erg", v), ("rp_faf", "1"), ("rp_oct", "1")],
        );
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "ERG {v}");
    }
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_grade_1() {
    let det = eval_new(ID, &three_high_cost_months(&grade1())).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(&grade1(), &[("rp_erg", "2")]));
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
            ("rp_va_right", "0.15"),
            ("rp_va_left", "0.1"),
            ("rp_field_right", "1"),
            ("rp_field_left", "1"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["rp_grade"], txt("4"));
}

#[test]
fn checks_range_precision_and_field_symptom() {
    let f = with(
        &grade1(),
        &[("rp_va_right", "2.5"), ("rp_va_left", "0.125")],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "rp_va_right".into())));
    assert!(c.contains(&("precision".into(), "rp_va_left".into())));
    let f = with(&grade1(), &[("rp_field_right", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "rp_field_vs_symptom".into(),
        "rp_sx_field_constriction".into()
    )));
}
