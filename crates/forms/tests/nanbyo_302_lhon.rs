//! 指定難病 302 レーベル遺伝性視神経症: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/302.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-302-2403";

fn f(category: &str, va: &str) -> FormData {
    with(&declared(category), &[("va_better_eye", va)])
}

// 「良好な方の眼の矯正視力が0.3未満を対象とする。」: 0.29 met (該当, no finding), 0.3 not.
#[test]
fn acuity_0_29_is_met_and_0_3_is_not() {
    let e = eval_new(ID, &f("1", "0.29"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f("1", "0.3"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    // 指数弁・手動弁 are recorded as 0.
    assert_eq!(severity(ID, &f("1", "0")), SeverityOutcome::Met);
}

// 「Definite、Probable、Possibleを対象とする。」 LHON carrier is recorded as 「診断基準に該当しない」.
#[test]
fn definite_probable_and_possible_are_eligible() {
    for (c, want, ok) in [
        ("1", DiagnosisOutcome::Definite, true),
        ("2", DiagnosisOutcome::Probable, true),
        ("3", DiagnosisOutcome::Possible, true),
        ("4", DiagnosisOutcome::NotMet, false),
    ] {
        let form = f(c, "0.1");
        assert_eq!(diagnosis(ID, &form), want, "{c}");
        assert_eq!(
            eval_new(ID, &form).determination.result == Outcome::Eligible,
            ok,
            "{c}"
        );
    }
}

// A blank acuity is required and keeps the result open; out of range is a finding.
#[test]
fn blank_acuity_is_named_and_range_is_checked() {
    let open = f("1", "");
    assert!(codes(&eval_new(ID, &open))
        .contains(&("required".to_string(), "va_better_eye".to_string())));
    assert_undetermined_naming(ID, &open, &["va_better_eye"]);
    let e = eval_new(ID, &f("1", "2.5"));
    assert!(codes(&e).contains(&("range".to_string(), "va_better_eye".to_string())));
    // Not met diagnosis decides whatever the acuity.
    assert_eq!(
        eval_new(ID, &f("4", "")).determination.result,
        Outcome::NotEligible
    );
}
