//! 指定難病 232 カーニー複合: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/232.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-232-2403";

/// A declared category, no surgery, and every item of ２） at 軽症:
/// GH 0.99, IGF-1 SD +2.4, one symptom of clinical activity.
fn mild(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("carney_surgery_indicated", "2"),
            ("carney_surgery_history", "2"),
            ("carney_gh", "0.99"),
            ("carney_igf1_sd", "2.4"),
            ("carney_headache", "1"),
            ("carney_hyperhidrosis", "2"),
            ("carney_paresthesia", "2"),
            ("carney_arthralgia", "2"),
        ],
    )
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&mild("1"), pairs))
}

// 「２）…中等症以上を対象とする。」 「軽症：血清GH濃度 １ng/mL未満 血清IGF-1濃度 SDスコア +2.5未満」:
// a complete 軽症 form without surgery: no finding, 非該当.
#[test]
fn complete_mild_form_has_no_finding_and_is_not_eligible() {
    let e = eval_new(ID, &mild("1"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「１）手術適応者及び術後１年間以内の患者。」: 手術適応 alone.
#[test]
fn surgery_indicated_alone_is_met() {
    let f = with(&mild("1"), &[("carney_surgery_indicated", "1")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「１）…術後１年間以内の患者。」 記載年月日 2025-06-20: surgery 2024-06-20 is within one year, 2024-06-19 is not.
#[test]
fn within_one_year_after_surgery_is_met() {
    let op = |d: &str| {
        with(
            &mild("1"),
            &[
                ("carney_surgery_history", "1"),
                ("carney_last_surgery_date", d),
            ],
        )
    };
    let e = eval_new(ID, &op("2024-06-20"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(severity(ID, &op("2024-06-19")), SeverityOutcome::NotMet);
    // The date is required once a surgery is recorded, and its blank keeps the result open.
    let blank = with(&mild("1"), &[("carney_surgery_history", "1")]);
    assert!(codes(&eval_new(ID, &blank)).contains(&(
        "required".to_string(),
        "carney_last_surgery_date".to_string()
    )));
    assert_undetermined_naming(ID, &blank, &["carney_last_surgery_date"]);
    // A surgery after the 記載年月日 / before birth is a date_order error.
    let late = eval_new(ID, &op("2025-06-21"));
    assert!(codes(&late).contains(&(
        "date_order".to_string(),
        "carney_last_surgery_date".to_string()
    )));
    let early = eval_new(ID, &op("1950-01-01"));
    assert!(codes(&early).contains(&(
        "date_order".to_string(),
        "carney_last_surgery_date".to_string()
    )));
}

// 「中等症：血清GH 濃度 １ng/mL以上2.5ng/mL未満」: 1.00 met, 0.99 not (base); 未実施 not used.
#[test]
fn gh_1_is_met() {
    assert_eq!(sev(&[("carney_gh", "1")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("carney_gh", "2.5")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("carney_gh", "not_done")]), SeverityOutcome::NotMet);
}

// 「中等症：血清IGF-1 濃度SD スコア +2.5以上」: 2.5 met, 2.4 not (base).
#[test]
fn igf1_sd_2_5_is_met() {
    assert_eq!(sev(&[("carney_igf1_sd", "2.5")]), SeverityOutcome::Met);
    assert_eq!(
        sev(&[("carney_igf1_sd", "not_done"), ("carney_gh", "not_done")]),
        SeverityOutcome::NotMet
    );
}

// 「臨床的活動性（頭痛、発汗過多、感覚異常、関節痛のうち、２つ以上の臨床症状）を認める。」: 2 met, 1 not.
#[test]
fn two_symptoms_of_clinical_activity_are_met() {
    for item in [
        "carney_hyperhidrosis",
        "carney_paresthesia",
        "carney_arthralgia",
    ] {
        let f = with(&mild("1"), &[(item, "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
        assert_eq!(
            eval_new(ID, &f).calculations.get("carney_activity_count"),
            Some(&CalcValue::Number(2.0))
        );
    }
    assert_eq!(sev(&[]), SeverityOutcome::NotMet);
}

// 「（１）又は（２）を満たすこと。」 (Definite／Probable の区別なし → Definite のみ)
#[test]
fn only_definite_is_eligible() {
    for (c, want, ok) in [
        ("1", DiagnosisOutcome::Definite, true),
        ("2", DiagnosisOutcome::Probable, false),
        ("3", DiagnosisOutcome::NotMet, false),
        ("4", DiagnosisOutcome::NotMet, false),
    ] {
        let f = with(&mild(c), &[("carney_gh", "3")]);
        assert_eq!(diagnosis(ID, &f), want, "{c}");
        assert_eq!(
            eval_new(ID, &f).determination.result == Outcome::Eligible,
            ok,
            "{c}"
        );
    }
}

// 「１）又は２）に該当するものを対象とする。」 A blank is named while nothing else is met.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&mild("1"), &[("carney_gh", "")]);
    assert_undetermined_naming(ID, &open, &["carney_gh"]);
    assert_eq!(
        severity(ID, &with(&open, &[("carney_surgery_indicated", "1")])),
        SeverityOutcome::Met
    );
    // One symptom blank with one present: could be 2 → open; with two present → decided.
    let sym = with(&mild("1"), &[("carney_arthralgia", "")]);
    assert_undetermined_naming(ID, &sym, &["carney_arthralgia"]);
}
