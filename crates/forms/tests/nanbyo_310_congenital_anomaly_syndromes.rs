//! 指定難病 310 先天異常症候群: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/310.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-310-2403";

/// A declared category, the given syndrome, mRS/N/R 2, no refractory epilepsy,
/// no congenital heart disease, CKD G2 A1: no alternative met.
fn none(category: &str, syndrome: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("cas_syndrome", syndrome),
            ("mrs", "2"),
            ("nutrition", "2"),
            ("respiration", "2"),
            ("refractory_epilepsy", "2"),
            ("chd_nyha", "0"),
            ("ckd_egfr", "70"),
            ("ckd_proteinuria", "0.1"),
        ],
    )
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&none("1", "3"), pairs))
}

// 「以下の１）～４）のいずれかを満たす場合を対象とする。」 None met: complete form, no finding, 非該当.
#[test]
fn complete_form_with_no_alternative_is_not_eligible() {
    let e = eval_new(ID, &none("1", "3"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「１）…mRS、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each at 3 alone; 2 is the base.
#[test]
fn mrs_nutrition_or_respiration_3_alone_is_met() {
    for item in ["mrs", "nutrition", "respiration"] {
        let f = with(&none("1", "3"), &[(item, "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
    }
}

// 「２）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の多剤併用で、…日常生活に支障をきたす状態。」
#[test]
fn refractory_epilepsy_alone_is_met() {
    assert_eq!(sev(&[("refractory_epilepsy", "1")]), SeverityOutcome::Met);
}

// 「３）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」: II met, I not.
#[test]
fn congenital_heart_disease_nyha_2_is_met_and_1_is_not() {
    assert_eq!(sev(&[("chd_nyha", "2")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("chd_nyha", "1")]), SeverityOutcome::NotMet);
}

// 「４）腎疾患を認め、CKD重症度分類ヒートマップが赤の部分の場合。」: G3b A2 (eGFR 44, 0.15) red, G3a A2 (45) not.
#[test]
fn ckd_red_is_met() {
    assert_eq!(
        sev(&[("ckd_egfr", "44"), ("ckd_proteinuria", "0.15")]),
        SeverityOutcome::Met
    );
    assert_eq!(
        sev(&[("ckd_egfr", "45"), ("ckd_proteinuria", "0.15")]),
        SeverityOutcome::NotMet
    );
}

// 「I．1q部分重複症候群 Definiteを対象とする。」「II．9q34欠失症候群 Definiteを対象とする。」
// 「I．コルネリア・デランゲ症候群 Definite及びProbableを対象とする。」「II．スミス・レムリ・オピッツ症候群 Definite及びProbableを対象とする。」
#[test]
fn probable_is_eligible_only_for_cdls_and_slos() {
    let severe = |c: &str, s: &str| with(&none(c, s), &[("mrs", "4")]);
    for s in ["1", "2", "3", "4"] {
        assert_eq!(diagnosis(ID, &severe("1", s)), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1", s)).determination.result,
            Outcome::Eligible
        );
    }
    for s in ["3", "4"] {
        assert_eq!(diagnosis(ID, &severe("2", s)), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2", s)).determination.result,
            Outcome::Eligible
        );
    }
    for s in ["1", "2"] {
        assert_eq!(diagnosis(ID, &severe("2", s)), DiagnosisOutcome::NotMet);
        assert_eq!(
            eval_new(ID, &severe("2", s)).determination.result,
            Outcome::NotEligible
        );
    }
    for c in ["3", "4"] {
        assert_eq!(diagnosis(ID, &severe(c, "3")), DiagnosisOutcome::NotMet);
    }
}

// The syndrome is required; its blank keeps a declared Probable open, and does not matter for Definite.
#[test]
fn blank_syndrome_matters_only_for_probable() {
    let probable = with(&none("2", "3"), &[("mrs", "4"), ("cas_syndrome", "")]);
    assert!(codes(&eval_new(ID, &probable))
        .contains(&("required".to_string(), "cas_syndrome".to_string())));
    assert_undetermined_naming(ID, &probable, &["cas_syndrome"]);
    let definite = with(&none("1", "3"), &[("mrs", "4"), ("cas_syndrome", "")]);
    assert_eq!(diagnosis(ID, &definite), DiagnosisOutcome::Definite);
    // A blank severity item is named while nothing else is met.
    assert_undetermined_naming(
        ID,
        &with(&none("1", "3"), &[("chd_nyha", "")]),
        &["chd_nyha"],
    );
}
