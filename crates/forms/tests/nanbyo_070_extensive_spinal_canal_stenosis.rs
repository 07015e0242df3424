//! 指定難病 70 広範脊柱管狭窄症 (nanbyo-070-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-070-2403";

/// Definite (症状 + (１)頸椎部・腰椎部 + (２) + (３) + 鑑別) with a lumbar
/// myelopathy, II 2 points.
fn definite_severe() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("lss_sx_pain_numbness", "1"),
            ("lss_sx_motor", "1"),
            ("lss_sx_claudication", "1"),
            ("lss_sx_bladder_bowel", "2"),
            ("lss_stenosis_regions", "1,3"),
            ("lss_transition_only", "2"),
            ("lss_compression", "1"),
            ("lss_causal", "1"),
            ("lss_differential", "1"),
            ("joa_myelopathy_level", "3"),
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
    assert_eq!(det.rule_version, "nanbyo-070-2403/2020-03.2");
}

// 「上記の症状（神経根、脊髄及び馬尾症状）と画像所見による脊柱管狭小化を総合的に診断する。」: one symptom suffices.
#[test]
fn one_symptom_suffices_none_is_not_met() {
    let none = with(
        &definite_severe(),
        &[
            ("lss_sx_pain_numbness", "2"),
            ("lss_sx_motor", "2"),
            ("lss_sx_claudication", "3"),
            ("lss_sx_bladder_bowel", "2"),
            ("joa_lower_motor", "3"),
            ("joa_surgery", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in [
        "lss_sx_pain_numbness",
        "lss_sx_motor",
        "lss_sx_claudication",
        "lss_sx_bladder_bowel",
    ] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「(１) 頸椎部、胸椎部又は腰椎部のうち、いずれか２つ以上の部位において脊柱管狭小化を認めるもの。」: 1 region is not met, 2 and 3 are.
#[test]
fn two_regions_or_more() {
    let f = with(&definite_severe(), &[("lss_stenosis_regions", "3")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(det.undetermined_items.is_empty());
    for regions in ["1,2", "2,3", "1,3", "1,2,3"] {
        let f = with(&definite_severe(), &[("lss_stenosis_regions", regions)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{regions}");
    }
}

// 「ただし、頸胸椎移行部又は胸腰椎移行部のいずれか１つのみに狭小化を認めるものは除く。」
#[test]
fn a_single_transition_zone_is_excluded() {
    let f = with(
        &definite_severe(),
        &[
            ("lss_stenosis_regions", "1,2"),
            ("lss_transition_only", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // Blank while two regions are marked: open, naming it, and required.
    let f = with(&definite_severe(), &[("lss_transition_only", "")]);
    assert_undetermined_naming(ID, &f, &["lss_transition_only"]);
    assert!(codes(&eval_new(ID, &f)).contains(&("required".into(), "lss_transition_only".into())));
    // Not asked when only one region is marked.
    let f = with(
        &definite_severe(),
        &[("lss_stenosis_regions", "3"), ("lss_transition_only", "")],
    );
    let e = eval_new(ID, &f);
    assert!(!codes(&e).contains(&("required".into(), "lss_transition_only".into())));
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「(２) …脊髄、馬尾又は神経根を明らかに圧迫する所見があるものとする。」: なし or 未実施 → not met.
#[test]
fn no_clear_compression_or_not_done_is_not_met() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("lss_compression", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// 「(３) 画像上の脊柱管狭小化と症状との間に因果関係の認められるもの。」
#[test]
fn no_causal_relation_is_not_met() {
    let f = with(&definite_severe(), &[("lss_causal", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「４．鑑別診断」「注１：後縦靱帯骨化が症状の原因であるものは、後縦靱帯骨化症として申請すること。」
#[test]
fn differential_not_excluded_is_not_met() {
    let f = with(&definite_severe(), &[("lss_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
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
}

// 「（ただし、I、IIの合計点が６点又は７点でも手術治療を行う場合は認める。）」 6 and 7 with surgery; 8 not; 6 without surgery not.
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

// 「胸髄症あるいは腰髄症：II下肢運動の評価項目が２点以下（ただし、３点でも手術治療を行う場合は認める。）」
#[test]
fn thoracolumbar_two_points_or_three_with_surgery() {
    let e = eval_new(ID, &lumbar("2", "2"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(severity(ID, &lumbar("3", "2")), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &lumbar("3", "2")).determination.result,
        Outcome::NotEligible
    );
    assert_eq!(severity(ID, &lumbar("3", "1")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &lumbar("4", "1")), SeverityOutcome::NotMet);
    let thoracic = with(&lumbar("2", "2"), &[("joa_myelopathy_level", "2")]);
    assert_eq!(severity(ID, &thoracic), SeverityOutcome::Met);
}

// I blank for a cervical myelopathy with II 3 and no surgery: open, naming I.
#[test]
fn blank_upper_motor_is_named_while_it_matters() {
    assert_undetermined_naming(ID, &cervical("", "3", "2"), &["joa_upper_motor"]);
    assert_eq!(severity(ID, &cervical("", "2", "2")), SeverityOutcome::Met);
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
        "lss_sx_pain_numbness",
        "lss_sx_motor",
        "lss_sx_claudication",
        "lss_sx_bladder_bowel",
        "lss_stenosis_regions",
        "lss_transition_only",
        "lss_compression",
        "lss_causal",
        "lss_differential",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "lss_stenosis_regions".into())));
}

#[test]
fn consistency_checks() {
    let f = with(&definite_severe(), &[("lss_sx_motor", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("lss_motor_vs_joa".into(), "lss_sx_motor".into())));
    let f = with(&cervical("2", "4", "2"), &[("lss_stenosis_regions", "2,3")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "lss_cervical_myelopathy_without_cervical_stenosis".into(),
        "joa_myelopathy_level".into()
    )));
    let e = eval_new(ID, &cervical("2", "4", "2"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}
