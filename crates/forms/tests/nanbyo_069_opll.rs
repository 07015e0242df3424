//! 指定難病 69 後縦靱帯骨化症 (nanbyo-069-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-069-2403";

const SYMPTOMS: [&str; 6] = [
    "opll_sx_sensory",
    "opll_sx_motor",
    "opll_sx_bladder_bowel",
    "opll_sx_rom",
    "opll_sx_reflex",
    "opll_sx_pathological_reflex",
];

/// Diagnosed (X-ray ossification, 運動障害, 因果関係, 鑑別), 頸髄症 with
/// I 上肢 3 / II 下肢 2, no surgery.
fn cervical() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("opll_sx_sensory", "1"),
            ("opll_sx_motor", "1"),
            ("opll_sx_bladder_bowel", "2"),
            ("opll_sx_rom", "2"),
            ("opll_sx_reflex", "1"),
            ("opll_sx_pathological_reflex", "3"),
            ("opll_xray", "1"),
            ("opll_ct", "3"),
            ("opll_mri", "1"),
            ("opll_causal", "1"),
            ("opll_differential", "1"),
            ("opll_myelopathy_level", "1"),
            ("opll_joa_upper", "3"),
            ("opll_joa_lower", "2"),
            ("opll_surgery", "2"),
        ],
    )
}

/// 胸髄症 only: the upper-limb item is not asked.
fn thoracic(lower: &str, surgery: &str) -> FormData {
    with(
        &cervical(),
        &[
            ("opll_myelopathy_level", "2"),
            ("opll_joa_upper", ""),
            ("opll_joa_lower", lower),
            ("opll_surgery", surgery),
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
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &cervical());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「頸髄症：I．上肢運動機能、II．下肢運動機能のいずれかが２点以下」
#[test]
fn cervical_either_score_2_or_less() {
    for (upper, lower, met) in [
        ("3", "2", true),
        ("2", "4", true),
        ("0", "4", true),
        ("3", "3", false),
        ("4", "3", false),
        ("3", "4", false),
    ] {
        let f = with(
            &cervical(),
            &[("opll_joa_upper", upper), ("opll_joa_lower", lower)],
        );
        let want = if met {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), want, "I={upper} II={lower}");
    }
}

// 「（ただし、I、IIの合計点が６点又は７点であっても手術治療を行う場合は認める。）」
#[test]
fn cervical_total_6_or_7_with_surgery() {
    for (upper, lower, met) in [
        ("3", "3", true),
        ("4", "3", true),
        ("3", "4", true),
        ("4", "4", false),
    ] {
        let f = with(
            &cervical(),
            &[
                ("opll_joa_upper", upper),
                ("opll_joa_lower", lower),
                ("opll_surgery", "1"),
            ],
        );
        let want = if met {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), want, "I={upper} II={lower} 手術");
    }
}

// 「胸髄症あるいは腰髄症：II．下肢運動の評価項目が２点以下（ただし、３点でも手術治療を行う場合は認める。）」
#[test]
fn thoracic_or_lumbar_lower_limb() {
    assert_eq!(severity(ID, &thoracic("2", "2")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &thoracic("3", "2")), SeverityOutcome::NotMet);
    assert_eq!(severity(ID, &thoracic("3", "1")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &thoracic("4", "1")), SeverityOutcome::NotMet);
    let lumbar = with(&thoracic("2", "2"), &[("opll_myelopathy_level", "3")]);
    assert_eq!(severity(ID, &lumbar), SeverityOutcome::Met);
    let e = eval_new(ID, &thoracic("2", "2"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// The upper-limb score counts only for 頸髄症: 胸髄症 with I 上肢 1 and II 下肢 3.
#[test]
fn upper_limb_does_not_count_for_thoracic() {
    let f = with(&thoracic("3", "2"), &[("opll_joa_upper", "1")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    // 頸髄症 and 胸髄症: the cervical rule applies.
    let f = with(
        &f,
        &[("opll_myelopathy_level", ""), ("opll_joa_upper", "1")],
    );
    let mut f = f;
    f.set(
        "opll_myelopathy_level",
        nsdb_forms::Answer::from(vec!["1", "2"]),
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// Blank items make the severity open only when they could change it.
#[test]
fn blank_severity_items() {
    // 頸髄症, II 3, no surgery: I 上肢 blank could be ≤2.
    let f = with(
        &cervical(),
        &[("opll_joa_lower", "3"), ("opll_joa_upper", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["opll_joa_upper".to_string()]);
    // II 2 decides it: the blank I does not matter.
    let f = with(&f, &[("opll_joa_lower", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // Level blank, II 3 and no surgery, I 3: neither rule can be met → decided.
    let f = with(
        &cervical(),
        &[("opll_myelopathy_level", ""), ("opll_joa_lower", "3")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    // Level blank with II 2: open, naming the level.
    let f = with(&cervical(), &[("opll_myelopathy_level", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["opll_myelopathy_level".to_string()]
    );
}

// 「画像所見に加え、…」 — 単純X線, CT or MRI; none shown → not met.
#[test]
fn imaging_any_of_three() {
    let none = with(
        &cervical(),
        &[("opll_xray", "2"), ("opll_ct", "3"), ("opll_mri", "2")],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in ["opll_xray", "opll_ct", "opll_mri"] {
        assert_eq!(
            diagnosis(ID, &with(&none, &[(item, "1")])),
            DiagnosisOutcome::Definite,
            "{item}"
        );
    }
    let f = with(&none, &[("opll_ct", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["opll_ct".to_string()]);
}

// 「１に示した自覚症状及び身体所見が認められ」: at least one of ①〜⑥.
#[test]
fn at_least_one_symptom_or_sign() {
    let mut none = cervical();
    for s in SYMPTOMS {
        none.set(s, "2");
    }
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    // 不明 is not shown.
    let f = with(&none, &[("opll_sx_bladder_bowel", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&none, &[("opll_sx_bladder_bowel", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&none, &[("opll_sx_bladder_bowel", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(
        det.undetermined_items,
        vec!["opll_sx_bladder_bowel".to_string()]
    );
}

// 「それが靱帯骨化と因果関係があるとされる場合、本症と診断する。」 and 「２．鑑別診断」.
#[test]
fn causal_relation_and_differential() {
    let f = with(&cervical(), &[("opll_causal", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&cervical(), &[("opll_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let f = with(&cervical(), &[("opll_causal", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.undetermined_items, vec!["opll_causal".to_string()]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_mild() {
    let f = three_high_cost_months(&with(&cervical(), &[("opll_joa_lower", "4")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(
        &cervical(),
        &[("opll_joa_lower", "4"), ("opll_causal", "2")],
    ));
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
            ("opll_myelopathy_level", "1"),
            ("opll_joa_upper", "1"),
            ("opll_joa_lower", "3"),
            ("opll_surgery", "2"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn motor_none_but_joa_impaired_warns() {
    let f = with(&cervical(), &[("opll_sx_motor", "2")]);
    assert!(
        codes(&eval_new(ID, &f)).contains(&("opll_motor_vs_joa".into(), "opll_sx_motor".into()))
    );
}
