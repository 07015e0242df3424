//! 指定難病 223 一次性膜性増殖性糸球体腎炎 (nanbyo-223-2403): 重症度分類 by machine, 診断の
//! カテゴリー declared by the doctor. Each test cites the sentence of the MHLW 概要・診断基準等
//! (2020-03, shared/data/mhlw-gaiyo-2020/223.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-223-2403";

/// An adult (70 years on the 記載年月日) meeting none of ①～③: G2 × A2 (黄), albumin 3.8.
fn adult_mild(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("ckd_egfr", "70"),
            ("ckd_proteinuria", "0.3"),
            ("mpgn_albumin", "3.8"),
            ("mpgn_no_remission", "2"),
            ("mpgn_persistent_hypocomplementemia", "2"),
        ],
    )
}

/// A child: 17 years on the 記載年月日 2025-06-20 (born 2007-06-21).
fn child(state: &str) -> FormData {
    with(
        &adult_mild("1"),
        &[("birth_date", "2007-06-21"), ("shoman_state_met", state)],
    )
}

// 「以下のいずれかを満たす場合を重症として対象にする。」 A complete adult form meeting none is
// valid and 非該当.
#[test]
fn a_complete_adult_form_meeting_none_is_valid_and_not_eligible() {
    let e = eval_new(ID, &adult_mild("1"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「①CKD重症度分類の赤色の部分の患者（表１）」 G3b (30～44) × A2 is 赤, G3a (45～59) × A2 is not.
#[test]
fn ckd_red_g3b_a2_is_met_and_g3a_a2_is_not() {
    let g3a = with(&adult_mild("1"), &[("ckd_egfr", "45")]);
    assert_eq!(severity(ID, &g3a), SeverityOutcome::NotMet);
    let g3b = with(&adult_mild("1"), &[("ckd_egfr", "44.9")]);
    let e = eval_new(ID, &g3b);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「②ネフローゼ症候群の基準を満たしている患者」 — 「１．蛋白尿：3.5g/日以上」「２．低アルブミン
// 血症：血清アルブミン値3.0g/dL以下」「１と２を同時に満たす」.
#[test]
fn nephrotic_needs_proteinuria_3_5_and_albumin_3_0() {
    let both = with(
        &adult_mild("1"),
        &[("ckd_proteinuria", "3.5"), ("mpgn_albumin", "3.0")],
    );
    assert_eq!(severity(ID, &both), SeverityOutcome::Met);
    // Albumin 3.1: not 低アルブミン血症 (G2 × A3 is オレンジ, not 赤).
    let albumin_31 = with(&both, &[("mpgn_albumin", "3.1")]);
    assert_eq!(severity(ID, &albumin_31), SeverityOutcome::NotMet);
    // Proteinuria 3.49: under 3.5.
    let protein_349 = with(&both, &[("ckd_proteinuria", "3.49")]);
    assert_eq!(severity(ID, &protein_349), SeverityOutcome::NotMet);
}

// 「２．低アルブミン血症：血清アルブミン値3.0g/dL以下」 An albumin 未実施 does not show it: ② is
// not met, with a warning.
#[test]
fn albumin_not_done_does_not_meet_the_nephrotic_criterion_and_warns() {
    let f = with(
        &adult_mild("1"),
        &[("ckd_proteinuria", "4.0"), ("mpgn_albumin", "not_done")],
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(codes(&e).contains(&("mpgn_albumin_not_done".into(), "mpgn_albumin".into())));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
}

// 「③免疫抑制治療（ステロイド治療を含む）を行っても寛解に至らない、あるいは持続的低補体血症を
// 伴う患者」 Each alternative alone.
#[test]
fn refractory_or_hypocomplementemia_each_alone() {
    let no_remission = with(&adult_mild("1"), &[("mpgn_no_remission", "1")]);
    assert_eq!(severity(ID, &no_remission), SeverityOutcome::Met);
    let low_c3 = with(
        &adult_mild("1"),
        &[("mpgn_persistent_hypocomplementemia", "1")],
    );
    assert_eq!(severity(ID, &low_c3), SeverityOutcome::Met);
}

// 「＊18歳未満の患者については、小児慢性特定疾病の状態の程度に準じる。」 A 17-year-old is judged
// by the doctor's statement only; at 18 the adult criteria apply.
#[test]
fn under_18_follows_the_shoman_state_and_18_follows_the_adult_criteria() {
    assert_eq!(severity(ID, &child("1")), SeverityOutcome::Met);
    assert_eq!(
        eval_new(ID, &child("1")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(severity(ID, &child("2")), SeverityOutcome::NotMet);
    // The adult criteria do not apply to the child: ③ met, state not met → 非該当.
    let child_refractory = with(&child("2"), &[("mpgn_no_remission", "1")]);
    assert_eq!(severity(ID, &child_refractory), SeverityOutcome::NotMet);
    // 18 on the 記載年月日 (born 2007-06-20): the adult criteria, the child item is not asked.
    let adult18 = with(
        &adult_mild("1"),
        &[("birth_date", "2007-06-20"), ("mpgn_no_remission", "1")],
    );
    let e = eval_new(ID, &adult18);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
}

// 「＊18歳未満の患者については、小児慢性特定疾病の状態の程度に準じる。」 The child's statement is
// required; blank, it leaves the result open naming it.
#[test]
fn a_child_without_the_shoman_statement_is_undetermined() {
    let f = with(&child("1"), &[("shoman_state_met", "")]);
    assert_undetermined_naming(ID, &f, &["shoman_state_met"]);
    assert!(codes(&eval_new(ID, &f)).contains(&("required".into(), "shoman_state_met".into())));
}

// 「明らかな原因をもつ二次性を除外し、一次性を対象とする。…確定診断とする。」 Definite only.
#[test]
fn only_definite_is_eligible() {
    let severe = |c: &str| with(&adult_mild(c), &[("mpgn_no_remission", "1")]);
    assert_eq!(
        eval_new(ID, &severe("1")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
    for c in ["2", "3", "4"] {
        assert_eq!(
            eval_new(ID, &severe(c)).determination.result,
            Outcome::NotEligible,
            "category {c}"
        );
    }
}

// 「以下のいずれかを満たす場合を重症として対象にする。」 A blank judgement keeps the result open
// only while no other criterion is met.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&adult_mild("1"), &[("mpgn_no_remission", "")]);
    assert_undetermined_naming(ID, &open, &["mpgn_no_remission"]);
    let decided = with(
        &adult_mild("1"),
        &[("mpgn_no_remission", ""), ("ckd_egfr", "20")],
    );
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// Range checks: 血清アルブミン値 0.5–6.0 g/dL.
#[test]
fn albumin_out_of_range_is_an_error() {
    let f = with(&adult_mild("1"), &[("mpgn_albumin", "8.0")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "mpgn_albumin".into())));
}

// 「＊18歳未満の患者については、小児慢性特定疾病の状態の程度に準じる。」 A child's form without the
// adult items is complete and decided by the doctor's statement alone.
#[test]
fn a_child_needs_no_adult_items() {
    let f = with(
        &child("1"),
        &[
            ("mpgn_albumin", ""),
            ("mpgn_no_remission", ""),
            ("mpgn_persistent_hypocomplementemia", ""),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let not_met = with(&f, &[("shoman_state_met", "2")]);
    assert_eq!(severity(ID, &not_met), SeverityOutcome::NotMet);
}
