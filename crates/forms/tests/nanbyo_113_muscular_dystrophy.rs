//! 指定難病 113 筋ジストロフィー (nanbyo-113-2403): every category of the
//! 診断のカテゴリー (Definite １・２, Probable ３～５, Possible ６～11) and every
//! boundary of the 重症度分類 (mRS・食事・栄養・呼吸・循環). Each test cites the
//! sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-113-2403";

/// Severity below 3 everywhere: mRS/N/R 0; 循環 2 (NYHA I, 散発, BNP 35, LVEF 60).
const LOW: [(&str, &str); 7] = [
    ("mrs", "0"),
    ("nutrition", "0"),
    ("respiration", "0"),
    ("md_c_activity", "2"),
    ("md_c_arrhythmia", "2"),
    ("md_c_bnp", "35"),
    ("md_c_lvef", "60"),
];

/// Only Ａ１ (and Ｆ); every other finding absent or not done: no category.
fn a1_only() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("md_clinical_type", "1"),
            ("md_a1_weakness", "1"),
            ("md_a2_specific_signs", "2"),
            ("md_b1_family_confirmed", "2"),
            ("md_b2_family_pathology", "2"),
            ("md_c1_ck", "2"),
            ("md_c2_emg", "3"),
            ("md_d_pathology", "3"),
            ("md_e1_genetic", "4"),
            ("md_e2_protein", "3"),
            ("md_f_excluded", "1"),
        ],
    );
    with(&f, &LOW)
}

/// Definite １ (Ａ１ + Ｅ１ + Ｆ) with severity below 3.
fn definite_low() -> FormData {
    with(&a1_only(), &[("md_e1_genetic", "1"), ("md_c1_ck", "1")])
}

/// Definite １ with mRS 3.
fn definite_severe() -> FormData {
    with(&definite_low(), &[("mrs", "3")])
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite_severe(), definite_low(), a1_only()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「１．Ａのどれかと、Ｅの１、２どちらかとＦを満たす（責任遺伝子・蛋白同定）。」
#[test]
fn definite_1_by_gene_or_protein() {
    let det = eval_new(ID, &definite_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-113-2403/2020-03.2");
    // Ｅ２ alone, with Ａ２ only (not Ａ１).
    let f = with(
        &a1_only(),
        &[
            ("md_a1_weakness", "2"),
            ("md_a2_specific_signs", "1"),
            ("md_e2_protein", "1"),
            ("mrs", "3"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「２．Ａのどれかと、ＤとＦを満たす（一般病理学的診断）。」
#[test]
fn definite_2_by_pathology() {
    let f = with(&a1_only(), &[("md_d_pathology", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「Ｆ．他の類縁疾患（下記鑑別疾患参照）が明らかな場合は除く」: without Ｆ, Ａ１ + Ｅ１ is only Possible (９ needs Ｂ; here none) → not met.
#[test]
fn without_exclusion_definite_is_not_met() {
    let f = with(
        &definite_severe(),
        &[("md_f_excluded", "2"), ("md_c1_ck", "2")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「常染色体劣性遺伝形式の疾患で片側アレルのみで変異が検出され、対側アレルの変異が確認できない場合は「疑い例」として扱う。」
// 「５．Aのどれかと、Ｅの１、２どちらかとＦを満たすが、常染色体劣性遺伝形式の疾患で、片側アレルのみで変異が検出され…」
#[test]
fn single_allele_is_probable_5_and_eligible() {
    let f = with(&definite_severe(), &[("md_e1_genetic", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
    // …but with the protein abnormality confirmed, Definite １.
    let f = with(&f, &[("md_e2_protein", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「３．Ａの１と、Ｂの１、Fを満たす。」
#[test]
fn probable_3_a1_b1_f() {
    let f = with(&a1_only(), &[("md_b1_family_confirmed", "1"), ("mrs", "3")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
    // Ａ２ instead of Ａ１ is not ３ (Ａ２ + Ｂ without Ｃ is nothing).
    let f = with(
        &f,
        &[("md_a1_weakness", "2"), ("md_a2_specific_signs", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「４．Ａの１とＢの２及びＣの１、２のいずれかとＦを満たす。」 Without Ｃ: Possible ６ only.
#[test]
fn probable_4_a1_b2_c_f() {
    let b2 = with(&a1_only(), &[("md_b2_family_pathology", "1")]);
    assert_eq!(
        diagnosis(ID, &with(&b2, &[("md_c2_emg", "1")])),
        DiagnosisOutcome::Probable
    );
    assert_eq!(
        diagnosis(ID, &with(&b2, &[("md_c1_ck", "1")])),
        DiagnosisOutcome::Probable
    );
    // 「６．Ａの１とＢの２又はＣのどれかを満たす。」
    assert_eq!(diagnosis(ID, &b2), DiagnosisOutcome::Possible);
}

// 「DefiniteとProbableを対象とする。」 Possible ６ (Ａ１ + Ｃ) is reported but not eligible.
#[test]
fn possible_is_not_eligible() {
    let f = with(&a1_only(), &[("md_c1_ck", "1"), ("mrs", "3")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Possible ７～11, one by one, from a form with no finding.
#[test]
fn possible_7_to_11() {
    let none = with(&a1_only(), &[("md_a1_weakness", "2")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    let cases: [&[(&str, &str)]; 5] = [
        // ７．Ａの２とＢ及びＣのどれかを満たす。
        &[
            ("md_a2_specific_signs", "1"),
            ("md_b2_family_pathology", "1"),
            ("md_c2_emg", "1"),
        ],
        // ８．Ａの１と２を共に満たす。
        &[("md_a1_weakness", "1"), ("md_a2_specific_signs", "1")],
        // ９．BのどれかとＥの１を満たす。
        &[("md_b1_family_confirmed", "1"), ("md_e1_genetic", "2")],
        // 10．Ｃの１とＢのどれかを満たす。
        &[("md_c1_ck", "1"), ("md_b2_family_pathology", "1")],
        // 11．Ｃの１とＤ又はＥの２を満たす。
        &[("md_c1_ck", "1"), ("md_d_pathology", "1")],
    ];
    for c in cases {
        assert_eq!(
            diagnosis(ID, &with(&none, c)),
            DiagnosisOutcome::Possible,
            "{c:?}"
        );
    }
    // ７ needs both Ｂ and Ｃ.
    let f = with(&none, &[("md_a2_specific_signs", "1"), ("md_c2_emg", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Ａ１ only (with Ｆ): no category.
#[test]
fn a1_only_is_not_met() {
    let det = eval_new(ID, &with(&a1_only(), &[("mrs", "3")])).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 不明 shows nothing: Ａ１ 不明 with Ｅ１ is not Definite.
#[test]
fn unknown_symptom_shows_nothing() {
    let f = with(
        &definite_severe(),
        &[("md_a1_weakness", "3"), ("md_c1_ck", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// A blank that could make it Definite keeps it open, naming it.
#[test]
fn blank_genetic_result_is_undetermined_naming_it() {
    let f = with(&a1_only(), &[("md_e1_genetic", ""), ("mrs", "3")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Undetermined);
    assert_undetermined_naming(ID, &f, &["md_e1_genetic"]);
    assert!(codes(&e).contains(&("required".into(), "md_e1_genetic".into())));
}

// A blank that does not matter: Definite by Ｅ１ with Ｄ blank.
#[test]
fn blank_pathology_does_not_matter_once_definite() {
    let f = with(&definite_severe(), &[("md_d_pathology", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
}

// 「modified Rankin Scale（mRS）、食事・栄養、呼吸、循環のそれぞれの評価スケールを用いて、いずれかが３以上の場合を対象とする。」
#[test]
fn mrs_nr_at_3_is_met_and_all_below_3_is_not() {
    let e = eval_new(ID, &definite_low());
    assert_eq!(
        e.calculations.get("md_circulation"),
        Some(&nsdb_forms::CalcValue::Number(2.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    for item in ["mrs", "nutrition", "respiration"] {
        let f = with(&definite_low(), &[(item, "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        let f = with(&definite_low(), &[(item, "2")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet, "{item}");
    }
}

// 循環（C）「活動制限、不整脈、BNP、LVEFのうち最大の点数を採用する。」 each alone at 3.
// 「BNP 20～50pg/mL：２、50～100pg/mL：３」「LVEF ＞55％：２、40～55％：３」
#[test]
fn each_circulation_item_alone() {
    for (item, met, not_met) in [
        ("md_c_activity", "3", "2"),
        ("md_c_arrhythmia", "3", "2"),
        ("md_c_bnp", "50.1", "50"),
        ("md_c_lvef", "55", "55.1"),
    ] {
        let m = with(&definite_low(), &[(item, met)]);
        assert_eq!(severity(ID, &m), SeverityOutcome::Met, "{item} {met}");
        let n = with(&definite_low(), &[(item, not_met)]);
        assert_eq!(
            severity(ID, &n),
            SeverityOutcome::NotMet,
            "{item} {not_met}"
        );
    }
    // BNP ＞100: 4 points; LVEF ＜20: 5 points.
    let f = with(&definite_low(), &[("md_c_bnp", "120"), ("md_c_lvef", "15")]);
    assert_eq!(
        eval_new(ID, &f).calculations.get("md_circulation"),
        Some(&nsdb_forms::CalcValue::Number(5.0))
    );
}

// 未実施 BNP/LVEF count 0 points; a blank BNP keeps the result open.
#[test]
fn not_done_labs_count_zero_and_a_blank_bnp_is_named() {
    let nd = with(
        &definite_low(),
        &[("md_c_bnp", "not_done"), ("md_c_lvef", "not_done")],
    );
    let e = eval_new(ID, &nd);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    let open = with(&definite_low(), &[("md_c_bnp", "")]);
    assert_undetermined_naming(ID, &open, &["md_c_bnp"]);
    let decided = with(&open, &[("mrs", "3")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(&definite_severe(), &[("md_c_lvef", "101")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "md_c_lvef".into())));
}

// 更新: the diagnostic items are not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(&with(&nanbyo_common(), &LOW), &[("respiration", "4")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
