//! 指定難病 94 原発性硬化性胆管炎 (nanbyo-094-2403): the diagnosis chosen from the
//! 2020 text (画像診断 + IgG4SC・続発性の除外; see review_needed) and every boundary
//! of the 重症度分類. Each test cites the sentence of the MHLW 概要・診断基準等
//! (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-094-2403";

/// Definite (特徴的な胆管像 + 除外), asymptomatic, ALP `alp` with 上限 340.
fn definite(alp: &str) -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("psc_cholestasis_symptoms", "2"),
            ("psc_ibd_history", "1"),
            ("psc_alp_elevation", "1"),
            ("psc_secondary_excluded", "1"),
            ("psc_igg4sc_excluded", "1"),
            ("psc_cholangiography", "1"),
            ("psc_type", "3"),
            ("psc_symptoms", "9"),
            ("psc_alp", alp),
            ("psc_alp_uln", "340"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite("680"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「２．画像診断 …（３～４）にて肝内胆管の狭窄と拡張の散在性の混在を確認する。」＋「（４）IgG4SC、続発性（２次性）の除外」
// 「２）ALPが施設基準値上限の２倍以上の患者」 680 = 2 × 340.
#[test]
fn definite_with_alp_twice_the_upper_limit_is_eligible() {
    let det = eval_new(ID, &definite("680")).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-094-2403/2020-03.2");
}

// Imaging not shown (なし／未実施): not met.
#[test]
fn without_characteristic_cholangiography_is_not_met() {
    for code in ["2", "3"] {
        let f = with(&definite("680"), &[("psc_cholangiography", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{code}");
        assert_eq!(det.result, Outcome::NotEligible);
    }
}

// 「（４）IgG4SC、続発性（２次性）の除外」「鑑別すべき疾患は、IgG4関連SCである。」 each needed.
#[test]
fn each_exclusion_is_needed() {
    for item in ["psc_secondary_excluded", "psc_igg4sc_excluded"] {
        let f = with(&definite("680"), &[(item, "2")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
}

// 臨床的特徴 (1)～(3) are recorded but not conditions (review_needed (1)).
#[test]
fn clinical_features_do_not_decide() {
    let f = with(
        &definite("680"),
        &[
            ("psc_cholestasis_symptoms", "3"),
            ("psc_ibd_history", "2"),
            ("psc_alp_elevation", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// Blank imaging keeps it open, naming it; a blank 病型 does not matter.
#[test]
fn blank_diagnostic_items() {
    let f = with(&definite("680"), &[("psc_cholangiography", "")]);
    let e = eval_new(ID, &f);
    assert_undetermined_naming(ID, &f, &["psc_cholangiography"]);
    assert!(codes(&e).contains(&("required".into(), "psc_cholangiography".into())));
    let f = with(&definite("680"), &[("psc_type", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「２）ALPが施設基準値上限の２倍以上の患者」 679 (no) and 680 (yes) with 上限 340; 未実施 no.
#[test]
fn alp_twice_the_upper_limit_boundary() {
    assert_eq!(
        eval_new(ID, &definite("679")).determination.result,
        Outcome::NotEligible
    );
    assert_eq!(severity(ID, &definite("not_done")), SeverityOutcome::NotMet);
}

// 「１）有症状の患者（黄疸、皮膚掻痒、胆管炎、腹水、消化管出血、肝性脳症、胆管癌など）」 alone with a normal ALP.
#[test]
fn a_symptom_alone_is_met() {
    for code in ["1", "3", "8"] {
        let f = with(&definite("300"), &[("psc_symptoms", code)]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{code}");
    }
    let both = with(&definite("300"), &[("psc_symptoms", "2,9")]);
    assert!(codes(&eval_new(ID, &both)).contains(&(
        "psc_symptoms_none_with_others".to_string(),
        "psc_symptoms".to_string()
    )));
}

// ALP blank is open without symptoms and ignored with one.
#[test]
fn a_blank_alp_is_named_only_while_it_matters() {
    let open = with(&definite("300"), &[("psc_alp", "")]);
    assert_undetermined_naming(ID, &open, &["psc_alp"]);
    assert_eq!(
        severity(ID, &with(&open, &[("psc_symptoms", "1")])),
        SeverityOutcome::Met
    );
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(&definite("680"), &[("psc_alp_uln", "5")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "psc_alp_uln".into())));
}

// 更新: diagnostic items not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(
        &nanbyo_common(),
        &[
            ("psc_symptoms", "2"),
            ("psc_alp", "300"),
            ("psc_alp_uln", "340"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
