//! 指定難病 95 自己免疫性肝炎 (nanbyo-095-2403): 典型例 (Definite) / 非典型例
//! (Probable) and every boundary of the 重症度判定 (2013). Each test cites the
//! sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-095-2403";

/// No severity finding (軽症).
const MILD: [(&str, &str); 8] = [
    ("aih_encephalopathy", "2"),
    ("aih_dullness", "2"),
    ("aih_ast_alt_200", "2"),
    ("aih_bilirubin_5", "2"),
    ("aih_pt_60", "2"),
    ("aih_liver_shrink", "2"),
    ("aih_parenchyma", "2"),
    ("aih_cirrhosis", "2"),
];

/// 典型例: １ + ２, ３ (IgG 1980 > 1.1 × 1700 = 1870), ４; ステロイド未評価. 中等症 (AST/ALT > 200).
fn typical_moderate() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("aih_other_causes_excluded", "1"),
            ("aih_ana_sma", "1"),
            ("aih_igg", "1980"),
            ("aih_igg_uln", "1700"),
            ("aih_histology", "1"),
            ("aih_steroid_response", "3"),
            ("aih_international_score", "1"),
        ],
    );
    with(&with(&f, &MILD), &[("aih_ast_alt_200", "1")])
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &typical_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「典型例 上記項目で１を満たし、２～５のうち３項目以上を認める。」 (典型例 = Definite)
#[test]
fn one_plus_three_of_two_to_five_is_definite_and_eligible() {
    let e = eval_new(ID, &typical_moderate());
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-095-2403/2020-03.2");
    assert_eq!(
        e.calculations.get("aih_findings_2_5"),
        Some(&nsdb_forms::CalcValue::Number(3.0))
    );
}

// 「非典型例 上記項目で１を満たし、２～５の所見の１～２項目を認める。」 (非典型例 = Probable, also eligible)
#[test]
fn one_plus_two_or_one_of_two_to_five_is_probable_and_eligible() {
    let two = with(&typical_moderate(), &[("aih_histology", "3")]);
    let det = eval_new(ID, &two).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
    let one = with(&two, &[("aih_ana_sma", "2")]);
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::Probable);
}

// 「１を満たし、２～５の所見の１～２項目」: none of ２～５ is not met.
#[test]
fn none_of_two_to_five_is_not_met() {
    let f = with(
        &typical_moderate(),
        &[
            ("aih_ana_sma", "2"),
            ("aih_igg", "1500"),
            ("aih_histology", "2"),
            ("aih_steroid_response", "2"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「上記項目で１を満たし」: without １ nothing is met, even with all of ２～５.
#[test]
fn without_exclusion_of_other_causes_is_not_met() {
    let f = with(
        &typical_moderate(),
        &[
            ("aih_other_causes_excluded", "2"),
            ("aih_steroid_response", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「３．IgG高値（＞基準上限値1.1倍）」: 1.1 × 1700 = 1870; 1870 is not ＞, 1871 is.
#[test]
fn igg_above_1_1_times_the_upper_limit() {
    let base = with(&typical_moderate(), &[("aih_histology", "2")]);
    // ２ + ３ = 2 items: Probable; with ３ failing: 1 item, still Probable.
    let at = with(&base, &[("aih_igg", "1870"), ("aih_steroid_response", "1")]);
    // ２ + ５ = 2 → Probable (３ not met at exactly 1.1 ×).
    assert_eq!(diagnosis(ID, &at), DiagnosisOutcome::Probable);
    let above = with(&base, &[("aih_igg", "1871"), ("aih_steroid_response", "1")]);
    // ２ + ３ + ５ = 3 → Definite.
    assert_eq!(diagnosis(ID, &above), DiagnosisOutcome::Definite);
}

// 「５．副腎皮質ステロイドが著効する」 counts like the others.
#[test]
fn steroid_response_counts_as_an_item() {
    let f = with(
        &typical_moderate(),
        &[("aih_histology", "3"), ("aih_steroid_response", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 未実施 answers show nothing: IgG 未実施 with ２, ４ → 2 items → Probable.
#[test]
fn igg_not_done_shows_nothing() {
    let f = with(&typical_moderate(), &[("aih_igg", "not_done")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
}

// A blank that matters (Definite vs Probable are both eligible, so only １ blank or the
// last possible item blank keeps it open).
#[test]
fn blank_exclusion_is_undetermined_naming_it() {
    let f = with(&typical_moderate(), &[("aih_other_causes_excluded", "")]);
    assert_undetermined_naming(ID, &f, &["aih_other_causes_excluded"]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "aih_other_causes_excluded".into())));
}

#[test]
fn blank_deciding_item_is_undetermined_and_blank_extra_item_is_not() {
    // Only ２ shown so far; ５ blank decides between Probable (eligible) either way:
    // one item already makes 非典型例, so a blank ５ does not matter.
    let f = with(
        &typical_moderate(),
        &[
            ("aih_igg", "1500"),
            ("aih_histology", "2"),
            ("aih_steroid_response", ""),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
    // No item shown and ５ blank: open on ５.
    let f = with(&f, &[("aih_ana_sma", "2")]);
    assert_undetermined_naming(ID, &f, &["aih_steroid_response"]);
}

// 「軽 症： 臨床徴候：①、②、臨床検査所見：①、②、③、画像検査所見：①、②のいずれも見られない。」 not met;
// 「中等症： …臨床検査所見：①又は②が見られる。」 each alone met.
#[test]
fn moderate_by_lab_1_or_2_and_mild_is_not_met() {
    let mild = with(&typical_moderate(), &[("aih_ast_alt_200", "2")]);
    let det = eval_new(ID, &mild).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    for item in ["aih_ast_alt_200", "aih_bilirubin_5"] {
        let e = eval_new(ID, &with(&mild, &[(item, "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
    }
    // ③ alone: neither 中等症 nor 重症 (review_needed (6)).
    assert_eq!(
        severity(ID, &with(&mild, &[("aih_pt_60", "1")])),
        SeverityOutcome::NotMet
    );
}

// 「重 症： 次の１、２、３のいずれかが見られる。 １．臨床徴候：①又は② ２．臨床検査所見：①＋③又は②＋③ ３．画像検査所見：①又は②」
#[test]
fn severe_findings_alone_are_met() {
    let mild = with(&typical_moderate(), &[("aih_ast_alt_200", "2")]);
    for item in [
        "aih_encephalopathy",
        "aih_dullness",
        "aih_liver_shrink",
        "aih_parenchyma",
    ] {
        assert_eq!(
            severity(ID, &with(&mild, &[(item, "1")])),
            SeverityOutcome::Met,
            "{item}"
        );
    }
    let lab_2_3 = with(&mild, &[("aih_bilirubin_5", "1"), ("aih_pt_60", "1")]);
    assert_eq!(severity(ID, &lab_2_3), SeverityOutcome::Met);
}

// 「２）組織学的あるいは臨床的に肝硬変と診断される症例」 alone.
#[test]
fn cirrhosis_alone_is_met() {
    let mild = with(&typical_moderate(), &[("aih_ast_alt_200", "2")]);
    assert_eq!(
        severity(ID, &with(&mild, &[("aih_cirrhosis", "1")])),
        SeverityOutcome::Met
    );
}

// 肝硬変 blank is open when nothing else is met, and ignored when moderate.
#[test]
fn blank_cirrhosis_is_named_only_while_it_matters() {
    let mild = with(&typical_moderate(), &[("aih_ast_alt_200", "2")]);
    let open = with(&mild, &[("aih_cirrhosis", "")]);
    assert_undetermined_naming(ID, &open, &["aih_cirrhosis"]);
    assert_eq!(
        severity(ID, &with(&open, &[("aih_bilirubin_5", "1")])),
        SeverityOutcome::Met
    );
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(
        &typical_moderate(),
        &[("aih_igg", "20000"), ("aih_igg_uln", "100")],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "aih_igg".into())));
    assert!(c.contains(&("range".into(), "aih_igg_uln".into())));
}

// 更新: diagnostic items not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(&with(&nanbyo_common(), &MILD), &[("aih_cirrhosis", "1")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
