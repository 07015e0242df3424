//! 指定難病 222 一次性ネフローゼ症候群 (nanbyo-222-2403): 重症度判定基準 by machine, 診断の
//! カテゴリー declared by the doctor. Each test cites the sentence of the MHLW 概要・診断基準等
//! (2020-03, shared/data/mhlw-gaiyo-2020/222.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-222-2403";

/// An adult (70 years) meeting none of the four criteria: G2 × A2 (黄), proteinuria 0.49.
fn adult_mild(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("ckd_egfr", "70"),
            ("ckd_proteinuria", "0.49"),
            ("pn_never_complete_remission", "2"),
            ("pn_steroid_dependent_or_frequent_relapse", "2"),
        ],
    )
}

/// A child, 17 years on the 記載年月日 2025-06-20, meeting none of ア～ウ.
fn child_mild() -> FormData {
    with(
        &declared("1"),
        &[
            ("birth_date", "2007-06-21"),
            ("ckd_egfr", "100"),
            ("ckd_proteinuria", "0.1"),
            ("pn_relapses_half_year", "2"),
            ("pn_relapses_one_year", "3"),
            ("pn_immunosuppressant_or_biologic", "2"),
            ("pn_kidney_transplant", "2"),
        ],
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

// 「ネフローゼ症候群の診断後、一度も完全寛解に至らない場合(定義は表２を参照)。」
#[test]
fn never_in_complete_remission_alone_is_met() {
    let f = with(&adult_mild("1"), &[("pn_never_complete_remission", "1")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「ステロイド依存性あるいは頻回再発型を呈する場合（定義は表２と表３を参照）。」
#[test]
fn steroid_dependent_or_frequent_relapse_alone_is_met() {
    let f = with(
        &adult_mild("1"),
        &[("pn_steroid_dependent_or_frequent_relapse", "1")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「CKD重症度分類の赤色の部分の場合（表１）。」 G4 (15～29) is 赤 at any 蛋白尿区分; G3b × A1 is not.
#[test]
fn ckd_red_g4_is_met_and_g3b_a1_is_not() {
    let g3b_a1 = with(
        &adult_mild("1"),
        &[("ckd_egfr", "30"), ("ckd_proteinuria", "0.14")],
    );
    assert_eq!(severity(ID, &g3b_a1), SeverityOutcome::NotMet);
    let g4_a1 = with(&g3b_a1, &[("ckd_egfr", "29.9")]);
    assert_eq!(severity(ID, &g4_a1), SeverityOutcome::Met);
}

// 「蛋白尿0.5g/gCr以上の場合。」 0.49 is not, 0.50 is.
#[test]
fn proteinuria_0_50_is_met_and_0_49_is_not() {
    assert_eq!(severity(ID, &adult_mild("1")), SeverityOutcome::NotMet);
    let f = with(&adult_mild("1"), &[("ckd_proteinuria", "0.50")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「ア　半年間で３回以上再発した場合又は１年間に４回以上再発した場合。」 2/3 is not, 3 in half a
// year is, 4 in a year is.
#[test]
fn child_relapses_boundaries() {
    let e = eval_new(ID, &child_mild());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    let half3 = with(
        &child_mild(),
        &[
            ("pn_relapses_half_year", "3"),
            ("pn_relapses_one_year", "3"),
        ],
    );
    assert_eq!(severity(ID, &half3), SeverityOutcome::Met);
    let year4 = with(&child_mild(), &[("pn_relapses_one_year", "4")]);
    assert_eq!(severity(ID, &year4), SeverityOutcome::Met);
    assert_eq!(eval_new(ID, &year4).determination.result, Outcome::Eligible);
}

// 「イ　治療で免疫抑制薬又は生物学的製剤を用いる場合。」「ウ　腎移植を行った場合。」
#[test]
fn child_immunosuppressant_or_transplant_each_alone() {
    let b = with(&child_mild(), &[("pn_immunosuppressant_or_biologic", "1")]);
    assert_eq!(severity(ID, &b), SeverityOutcome::Met);
    let c = with(&child_mild(), &[("pn_kidney_transplant", "1")]);
    assert_eq!(severity(ID, &c), SeverityOutcome::Met);
}

// 「＊18歳未満の患者については、ア～ウのいずれかに該当する場合。」 The adult criteria do not apply
// to a child (蛋白尿 0.5 alone is not enough), and a child's items are not asked at 18.
#[test]
fn under_18_uses_only_a_to_c_and_18_uses_the_adult_criteria() {
    let child_proteinuria = with(&child_mild(), &[("ckd_proteinuria", "0.8")]);
    assert_eq!(severity(ID, &child_proteinuria), SeverityOutcome::NotMet);
    // 18 on the 記載年月日: adult criteria; the child items may stay blank.
    let adult18 = with(
        &adult_mild("1"),
        &[("birth_date", "2007-06-20"), ("ckd_proteinuria", "0.8")],
    );
    let e = eval_new(ID, &adult18);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    // The adult judgements are required only from 18: a child form without them has no finding.
    let c = codes(&eval_new(ID, &child_mild()));
    assert!(!c
        .iter()
        .any(|(_, item)| item == "pn_never_complete_remission"));
}

// 「ア～ウのいずれかに該当する場合」 A blank child item keeps the result open while it matters.
#[test]
fn a_blank_child_item_is_named_only_while_it_matters() {
    let open = with(&child_mild(), &[("pn_kidney_transplant", "")]);
    assert_undetermined_naming(ID, &open, &["pn_kidney_transplant"]);
    assert!(
        codes(&eval_new(ID, &open)).contains(&("required".into(), "pn_kidney_transplant".into()))
    );
    let decided = with(
        &child_mild(),
        &[
            ("pn_kidney_transplant", ""),
            ("pn_immunosuppressant_or_biologic", "1"),
        ],
    );
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// 「以下のいずれかを満たす場合を重症として対象にする。」 An adult's blank judgement matters only
// while no other criterion is met.
#[test]
fn a_blank_adult_judgement_is_named_only_while_it_matters() {
    let open = with(&adult_mild("1"), &[("pn_never_complete_remission", "")]);
    assert_undetermined_naming(ID, &open, &["pn_never_complete_remission"]);
    let decided = with(&open, &[("ckd_proteinuria", "1.2")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// 「１と２を同時に満たし、明らかな原因疾患がないものを一次性ネフローゼ症候群と診断する。」
// Definite (declared) only.
#[test]
fn only_definite_is_eligible() {
    let severe = |c: &str| with(&adult_mild(c), &[("ckd_proteinuria", "1.0")]);
    assert_eq!(
        eval_new(ID, &severe("1")).determination.result,
        Outcome::Eligible
    );
    for c in ["2", "3", "4"] {
        assert_eq!(
            eval_new(ID, &severe(c)).determination.result,
            Outcome::NotEligible,
            "category {c}"
        );
    }
}

// Check: the relapses of the last half year cannot exceed those of the last year.
#[test]
fn more_relapses_in_half_a_year_than_in_a_year_is_an_error() {
    let f = with(
        &child_mild(),
        &[
            ("pn_relapses_half_year", "4"),
            ("pn_relapses_one_year", "3"),
        ],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(
        c.contains(&(
            "pn_relapses_half_year_over_one_year".into(),
            "pn_relapses_half_year".into()
        )),
        "{c:?}"
    );
}
