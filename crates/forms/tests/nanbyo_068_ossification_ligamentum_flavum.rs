//! 指定難病 68 黄色靱帯骨化症 (nanbyo-068-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-068-2403";

/// Definite (画像 + 黄色靱帯 + 症状 + 因果関係 + 鑑別) with (１) met and a
/// thoracic myelopathy with II 2 points.
fn definite_severe() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("lfo_sx_sensory", "1"),
            ("lfo_sx_motor", "1"),
            ("lfo_sx_bladder_bowel", "2"),
            ("lfo_sx_rom", "2"),
            ("lfo_sx_reflex", "1"),
            ("lfo_sx_pathological_reflex", "3"),
            ("lfo_xray", "1"),
            ("lfo_ct", "1"),
            ("lfo_mri", "1"),
            ("lfo_ossified_ligament", "1"),
            ("lfo_causal", "1"),
            ("lfo_differential", "1"),
            ("lfo_motor_dysfunction", "1"),
            ("joa_myelopathy_level", "2"),
            ("joa_lower_motor", "2"),
            ("joa_surgery", "2"),
        ],
    )
}

fn cervical(u: &str, l: &str, surgery: &str) -> FormData {
    with(
        &definite_severe(),
        &[
            ("joa_myelopathy_level", "1"),
            ("joa_upper_motor", u),
            ("joa_lower_motor", l),
            ("joa_surgery", surgery),
        ],
    )
}

fn lumbar(l: &str, surgery: &str) -> FormData {
    with(
        &definite_severe(),
        &[
            ("joa_myelopathy_level", "3"),
            ("joa_lower_motor", l),
            ("joa_surgery", surgery),
        ],
    )
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-068-2403/2020-03.2");
}

// 「（３）画像所見 ①単純X線 … ②CT … ③MRI 靱帯骨化巣による脊髄圧迫がみられる。」: any one suffices.
#[test]
fn any_one_imaging_finding_suffices() {
    let none = with(
        &definite_severe(),
        &[("lfo_xray", "2"), ("lfo_ct", "3"), ("lfo_mri", "2")],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in ["lfo_xray", "lfo_ct", "lfo_mri"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 未実施 is an answer: all imaging not done is not met (not 判定不能).
#[test]
fn imaging_not_done_is_not_met() {
    let f = with(
        &definite_severe(),
        &[("lfo_xray", "3"), ("lfo_ct", "3"), ("lfo_mri", "3")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(det.undetermined_items.is_empty());
}

// 黄色靱帯骨化症: the ossified ligament must include the 黄色靱帯 (a 後縦靱帯 alone is 69).
#[test]
fn posterior_longitudinal_ligament_alone_is_not_met() {
    let f = with(&definite_severe(), &[("lfo_ossified_ligament", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&definite_severe(), &[("lfo_ossified_ligament", "1,2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「画像所見に加え、１に示した自覚症状及び身体所見が認められ」: one of ①～⑥ suffices; none is not met.
#[test]
fn one_symptom_suffices_none_is_not_met() {
    let none = with(
        &definite_severe(),
        &[
            ("lfo_sx_sensory", "2"),
            ("lfo_sx_motor", "2"),
            ("lfo_sx_bladder_bowel", "2"),
            ("lfo_sx_rom", "2"),
            ("lfo_sx_reflex", "2"),
            ("lfo_sx_pathological_reflex", "3"),
        ],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in [
        "lfo_sx_sensory",
        "lfo_sx_bladder_bowel",
        "lfo_sx_rom",
        "lfo_sx_reflex",
        "lfo_sx_pathological_reflex",
    ] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「それが靱帯骨化と因果関係があるとされる場合、本症と診断する。」
#[test]
fn no_causal_relation_is_not_met() {
    let f = with(&definite_severe(), &[("lfo_causal", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「２．鑑別診断 強直性脊椎炎、変形性脊椎症、…」: not excluded → not met.
#[test]
fn differential_not_excluded_is_not_met() {
    let f = with(&definite_severe(), &[("lfo_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank symptoms keep the diagnosis open only while no symptom is present.
#[test]
fn blank_symptoms_named_only_while_they_matter() {
    let open = with(
        &definite_severe(),
        &[
            ("lfo_sx_sensory", "2"),
            ("lfo_sx_motor", ""),
            ("lfo_sx_bladder_bowel", "2"),
            ("lfo_sx_rom", "2"),
            ("lfo_sx_reflex", "2"),
            ("lfo_sx_pathological_reflex", "2"),
        ],
    );
    assert_undetermined_naming(ID, &open, &["lfo_sx_motor"]);
    let decided = with(&definite_severe(), &[("lfo_sx_rom", "")]);
    let e = eval_new(ID, &decided);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "lfo_sx_rom".into())));
}

// 「頸髄症：I．上肢運動機能、II．下肢運動機能のいずれかが２点以下」 each alone: 2 met, 3 not.
#[test]
fn cervical_two_points_or_less() {
    let e = eval_new(ID, &cervical("2", "4", "2"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(severity(ID, &cervical("4", "2", "2")), SeverityOutcome::Met);
    assert_eq!(
        severity(ID, &cervical("3", "4", "2")),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        eval_new(ID, &cervical("3", "4", "2")).determination.result,
        Outcome::NotEligible
    );
}

// 「（ただし、I、IIの合計点が６点または７点であっても手術治療を行う場合は認める。）」 6 and 7 with surgery; 8 not; 6 without surgery not.
#[test]
fn cervical_surgery_exception() {
    assert_eq!(
        severity(ID, &cervical("3", "3", "2")),
        SeverityOutcome::NotMet
    );
    assert_eq!(severity(ID, &cervical("3", "3", "1")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &cervical("3", "4", "1")), SeverityOutcome::Met);
    assert_eq!(
        severity(ID, &cervical("4", "4", "1")),
        SeverityOutcome::NotMet
    );
}

// 「胸髄症あるいは腰髄症：II．下肢運動の評価項目が２点以下（ただし、３点でも手術治療を行う場合は認める。）」
#[test]
fn thoracolumbar_two_points_or_three_with_surgery() {
    let e = eval_new(ID, &lumbar("2", "2"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(severity(ID, &lumbar("3", "2")), SeverityOutcome::NotMet);
    assert_eq!(severity(ID, &lumbar("3", "1")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &lumbar("4", "1")), SeverityOutcome::NotMet);
}

// I blank for a cervical myelopathy with II 3 and no surgery: open, naming I.
#[test]
fn blank_upper_motor_is_named_while_it_matters() {
    let open = with(&cervical("", "3", "2"), &[]);
    assert_undetermined_naming(ID, &open, &["joa_upper_motor"]);
    let decided = cervical("", "2", "2");
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// 「下記の(１)、(２)の項目を満たすものを対象とする。」 (１) not met with (２) met: not met; (１) blank: open.
#[test]
fn both_1_and_2_are_needed() {
    let f = with(
        &definite_severe(),
        &[("lfo_motor_dysfunction", "2"), ("joa_lower_motor", "0")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&f, &[("lfo_motor_dysfunction", "")]),
        &["lfo_motor_dysfunction"],
    );
    // (２) not met: (１) blank does not matter.
    let f = with(
        &definite_severe(),
        &[("lfo_motor_dysfunction", ""), ("joa_lower_motor", "4")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity() {
    let mut f = lumbar("4", "2");
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
    assert_eq!(det.result, Outcome::Eligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for item in [
        "lfo_sx_sensory",
        "lfo_sx_motor",
        "lfo_sx_bladder_bowel",
        "lfo_sx_rom",
        "lfo_sx_reflex",
        "lfo_sx_pathological_reflex",
        "lfo_xray",
        "lfo_ct",
        "lfo_mri",
        "lfo_ossified_ligament",
        "lfo_causal",
        "lfo_differential",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "lfo_causal".into())));
}

#[test]
fn consistency_checks() {
    let f = with(&definite_severe(), &[("lfo_ossified_ligament", "1,3")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "lfo_ligament_none_with_others".into(),
        "lfo_ossified_ligament".into()
    )));
    let f = with(
        &definite_severe(),
        &[("lfo_xray", "2"), ("lfo_ct", "3"), ("lfo_mri", "2")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "lfo_ligament_without_imaging".into(),
        "lfo_ossified_ligament".into()
    )));
    let f = with(&definite_severe(), &[("lfo_sx_motor", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("lfo_motor_vs_joa".into(), "lfo_sx_motor".into())));
    // Cervical myelopathy makes I required.
    let e = eval_new(ID, &cervical("", "2", "2"));
    assert!(codes(&e).contains(&("required".into(), "joa_upper_motor".into())));
}
