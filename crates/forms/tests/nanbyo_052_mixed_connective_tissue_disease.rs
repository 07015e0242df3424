//! 指定難病 52 混合性結合組織病 (nanbyo-052-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-052-2403";

const MIXED: [&str; 11] = [
    "mctd_sle_polyarthritis",
    "mctd_sle_lymphadenopathy",
    "mctd_sle_facial_erythema",
    "mctd_sle_serositis",
    "mctd_sle_cytopenia",
    "mctd_ssc_sclerodactyly",
    "mctd_ssc_lung",
    "mctd_ssc_esophagus",
    "mctd_pm_weakness",
    "mctd_pm_enzymes",
    "mctd_pm_emg",
];

/// レイノー現象, 抗U1-RNP抗体 陽性, SLE様 ① and 強皮症様 ①; 中等症の臓器 (筋炎) only.
fn definite_moderate() -> FormData {
    let mut f = nanbyo_common();
    for m in MIXED {
        f.set(m, "2");
    }
    with(
        &f,
        &[
            ("mctd_raynaud", "1"),
            ("mctd_finger_swelling", "2"),
            ("mctd_u1rnp", "1"),
            ("mctd_sle_polyarthritis", "1"),
            ("mctd_ssc_sclerodactyly", "1"),
            ("mctd_marker_antibodies", "2"),
            ("mctd_severe_organs", "9"),
            ("mctd_moderate_organs", "3"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-052-2403/2020-03.2");
}

// 「・２の１所見以上が陽性」: レイノー現象 or 手指ないし手背の腫脹; neither → not met.
#[test]
fn common_finding_either_one() {
    let swelling = with(
        &definite_moderate(),
        &[("mctd_raynaud", "2"), ("mctd_finger_swelling", "1")],
    );
    assert_eq!(diagnosis(ID, &swelling), DiagnosisOutcome::Definite);
    let none = with(&swelling, &[("mctd_finger_swelling", "3")]);
    let det = eval_new(ID, &none).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「・３の所見が陽性」: 抗U1-RNP抗体 陰性 / 未実施 → not met.
#[test]
fn u1rnp_must_be_positive() {
    for code in ["2", "3"] {
        let f = with(&definite_moderate(), &[("mctd_u1rnp", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "u1rnp={code}");
    }
}

// 「・４の（１)、(２)、(３)項のうち、２項以上につき、それぞれ１所見以上が陽性」:
// two findings of the same 項 are one 項 (not met); two 項 are met; each pair of 項.
#[test]
fn mixed_findings_need_two_groups() {
    let one_group = with(
        &definite_moderate(),
        &[("mctd_ssc_sclerodactyly", "2"), ("mctd_sle_serositis", "1")],
    );
    assert_eq!(diagnosis(ID, &one_group), DiagnosisOutcome::NotMet);
    // SLE様 + 多発性筋炎様.
    let sle_pm = with(&one_group, &[("mctd_pm_emg", "1")]);
    assert_eq!(diagnosis(ID, &sle_pm), DiagnosisOutcome::Definite);
    // 強皮症様 + 多発性筋炎様, no SLE様.
    let mut ssc_pm = definite_moderate();
    ssc_pm.set("mctd_sle_polyarthritis", "2");
    ssc_pm.set("mctd_ssc_esophagus", "1");
    ssc_pm.set("mctd_pm_enzymes", "1");
    assert_eq!(diagnosis(ID, &ssc_pm), DiagnosisOutcome::Definite);
}

// Each of the 11 mixed findings counts for its 項.
#[test]
fn every_mixed_finding_counts() {
    let mut base = definite_moderate();
    base.set("mctd_sle_polyarthritis", "2");
    base.set("mctd_ssc_sclerodactyly", "2");
    for (i, a) in MIXED.iter().enumerate() {
        // pair each finding with one of another group
        let partner = if i < 5 {
            "mctd_pm_weakness"
        } else {
            "mctd_sle_cytopenia"
        };
        let f = with(&base, &[(a, "1"), (partner, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{a}");
    }
}

// Blank mixed finding: open while it could make the second 項, named.
#[test]
fn blank_finding_is_named_while_it_matters() {
    let f = with(
        &definite_moderate(),
        &[("mctd_ssc_sclerodactyly", "2"), ("mctd_pm_weakness", "")],
    );
    assert_undetermined_naming(ID, &f, &["mctd_pm_weakness"]);
    // Two 項 already: a blank finding does not matter, but is required.
    let g = with(&definite_moderate(), &[("mctd_pm_weakness", "")]);
    let e = eval_new(ID, &g);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "mctd_pm_weakness".into())));
}

// 付記２「以下の疾患標識抗体が陽性の場合は混合性結合組織病の診断は慎重に行う。」: a warning only.
#[test]
fn marker_antibody_positive_is_a_warning() {
    let f = with(&definite_moderate(), &[("mctd_marker_antibodies", "1")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&(
        "mctd_marker_antibody_positive".into(),
        "mctd_marker_antibodies".into()
    )));
    assert!(errors(&e).is_empty());
    assert_eq!(e.determination.result, Outcome::Eligible);
    let g = with(&definite_moderate(), &[("mctd_marker_antibodies", "3")]);
    assert!(eval_new(ID, &g).findings.is_empty());
}

fn organs(severe: &str, moderate: &str) -> FormData {
    with(
        &definite_moderate(),
        &[
            ("mctd_severe_organs", severe),
            ("mctd_moderate_organs", moderate),
        ],
    )
}

// 「中等症以上を対象とする。」 Only 軽症 findings (both lists いずれもなし) is not met.
#[test]
fn no_moderate_or_severe_organ_is_not_met() {
    let e = eval_new(ID, &organs("9", "12"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「中等症： 発熱 / … / 骨破壊性関節炎」 and 「重症： 中枢神経症状 / … / 腸管機能不全」, each list alone.
#[test]
fn a_moderate_or_a_severe_organ_alone_is_met() {
    for m in ["1", "11"] {
        assert_eq!(
            severity(ID, &organs("9", m)),
            SeverityOutcome::Met,
            "moderate {m}"
        );
    }
    for s in ["1", "3", "8"] {
        assert_eq!(
            severity(ID, &organs(s, "12")),
            SeverityOutcome::Met,
            "severe {s}"
        );
    }
    // いずれもなし with an organ is an error.
    let both = organs("9", "1,12");
    assert!(codes(&eval_new(ID, &both)).contains(&(
        "mctd_moderate_organs_none_with_others".to_string(),
        "mctd_moderate_organs".to_string()
    )));
    let both = organs("3,9", "12");
    assert!(codes(&eval_new(ID, &both)).contains(&(
        "mctd_severe_organs_none_with_others".to_string(),
        "mctd_severe_organs".to_string()
    )));
}

// A blank list is open while the other is いずれもなし and ignored once the other has an organ.
#[test]
fn a_blank_list_is_named_only_while_it_matters() {
    let open = with(&organs("9", "12"), &[("mctd_severe_organs", "")]);
    assert_undetermined_naming(ID, &open, &["mctd_severe_organs"]);
    let decided = with(&organs("9", "5"), &[("mctd_severe_organs", "")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    // Not met diagnosis wins over an open severity.
    let g = with(&open, &[("mctd_u1rnp", "2")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::NotEligible);
}

#[test]
fn light_high_cost_rescues_mild() {
    let mut f = organs("9", "12");
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
    let mut f = definite_moderate();
    for m in MIXED {
        f.remove(m);
    }
    for item in [
        "mctd_raynaud",
        "mctd_finger_swelling",
        "mctd_u1rnp",
        "mctd_marker_antibodies",
    ] {
        f.remove(item);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Undetermined);
}
