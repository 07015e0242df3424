//! 指定難病 231 α1-アンチトリプシン欠乏症: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/231.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-231-2403";

/// A declared category and every item at 重症度１: mMRC 1, PaO2 80, %FEV1 80, AAT 90.
fn grade1(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("aatd_mmrc", "1"),
            ("aatd_pao2", "80"),
            ("aatd_fev1_pct", "80"),
            ("aatd_serum_aat", "90"),
        ],
    )
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&grade1("1"), pairs))
}

// 「重症度２以上を認定の対象とする。」 A complete form at 重症度１ everywhere: no finding, 非該当.
#[test]
fn complete_form_at_grade_1_has_no_finding_and_is_not_eligible() {
    let e = eval_new(ID, &grade1("1"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「重症度２ mMRC≥２」: 2 met (該当, no error), 1 not (base).
#[test]
fn mmrc_2_is_met() {
    let f = with(&grade1("1"), &[("aatd_mmrc", "2")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「重症度１ PaO2≥80Torr」「重症度２ PaO2≥70Torr」: 79.9 met, 80 not; 未実施 is not used.
#[test]
fn pao2_below_80_is_met() {
    assert_eq!(sev(&[("aatd_pao2", "79.9")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("aatd_pao2", "not_done")]), SeverityOutcome::NotMet);
}

// 「重症度１ %FEV1≥80％」「重症度２ 50％≤%FEV1＜80％」: 79.9 met, 80 not.
#[test]
fn fev1_below_80_is_met() {
    assert_eq!(sev(&[("aatd_fev1_pct", "79.9")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("aatd_fev1_pct", "80")]), SeverityOutcome::NotMet);
}

// 「重症度２ 50mg/dL以上90 mg/dL未満」「血清AAT濃度が表の基準を満たす場合は、他の項目の値に係らず、重症度を決める。」:
// 89.9 met, 90 not; ＜50 (重症度４) met.
#[test]
fn serum_aat_below_90_alone_is_met() {
    assert_eq!(sev(&[("aatd_serum_aat", "89.9")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("aatd_serum_aat", "49.9")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("aatd_serum_aat", "90")]), SeverityOutcome::NotMet);
}

// 「Definite、Probableを対象とする。」 Possible (AAT 基準なし) is recognised but not eligible.
#[test]
fn definite_and_probable_are_eligible() {
    for (c, want, ok) in [
        ("1", DiagnosisOutcome::Definite, true),
        ("2", DiagnosisOutcome::Probable, true),
        ("3", DiagnosisOutcome::Possible, false),
        ("4", DiagnosisOutcome::NotMet, false),
    ] {
        let f = with(&grade1(c), &[("aatd_mmrc", "3")]);
        assert_eq!(diagnosis(ID, &f), want, "{c}");
        let r = eval_new(ID, &f).determination.result;
        assert_eq!(r == Outcome::Eligible, ok, "{c}");
    }
}

// 「最も重い重症度基準を満たすグレードを選択して、全体の重症度とする。」 A blank item is named
// while nothing else reaches 重症度２; once another item does, it does not matter.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&grade1("1"), &[("aatd_serum_aat", "")]);
    assert!(codes(&eval_new(ID, &open))
        .contains(&("required".to_string(), "aatd_serum_aat".to_string())));
    assert_undetermined_naming(ID, &open, &["aatd_serum_aat"]);
    assert_eq!(
        severity(ID, &with(&open, &[("aatd_fev1_pct", "45")])),
        SeverityOutcome::Met
    );
    let e = eval_new(ID, &with(&grade1("1"), &[("aatd_fev1_pct", "250")]));
    assert!(codes(&e).contains(&("range".to_string(), "aatd_fev1_pct".to_string())));
}
