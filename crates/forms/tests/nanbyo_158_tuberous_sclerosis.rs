//! 指定難病 158 結節性硬化症 (nanbyo-158-2403): 重症度分類 by machine, 診断のカテゴリー declared
//! by the doctor. Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03,
//! shared/data/mhlw-gaiyo-2020/158.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-158-2403";

const ITEMS: [&str; 18] = [
    "tsc_sen_sega",
    "tsc_epilepsy",
    "tsc_intellectual_disability",
    "tsc_autism",
    "tsc_facial_angiofibroma",
    "tsc_ungual_fibroma",
    "tsc_shagreen_patch",
    "tsc_hypomelanotic_macule",
    "tsc_cardiac_rhabdomyoma",
    "tsc_renal_aml",
    "tsc_renal_cyst",
    "tsc_renal_malignancy",
    "tsc_lam",
    "tsc_mmph",
    "tsc_extrapulmonary_lam",
    "tsc_other_organ_hamartoma",
    "tsc_retinal_hamartoma",
    "tsc_dental_enamel_pitting",
];

/// A declared category and every symptom at grade 0.
fn base(category: &str) -> FormData {
    let mut f = declared(category);
    for id in ITEMS {
        f.set(id, "0");
    }
    f
}

fn graded(pairs: &[(&str, &str)]) -> FormData {
    with(&base("1"), pairs)
}

// 「いずれかの１項目についてグレード３又は２項目についてグレード２以上を対象とする。」 A complete
// form with every symptom at grade 0 is valid and 非該当.
#[test]
fn a_complete_form_with_grade_0_everywhere_is_valid_and_not_eligible() {
    let e = eval_new(ID, &base("1"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.calculations["tsc_grade2_count"], CalcValue::Number(0.0));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「いずれかの１項目についてグレード３」 One grade 3 alone is met; one grade 2 alone is not.
#[test]
fn one_grade_3_is_met_and_one_grade_2_is_not() {
    let g2 = graded(&[("tsc_epilepsy", "2")]);
    assert_eq!(severity(ID, &g2), SeverityOutcome::NotMet);
    let g3 = graded(&[("tsc_epilepsy", "3")]);
    let e = eval_new(ID, &g3);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // Grade 3 of a row that has no grade 2 (腎悪性腫瘍 あり).
    let malignancy = graded(&[("tsc_renal_malignancy", "3")]);
    assert_eq!(severity(ID, &malignancy), SeverityOutcome::Met);
}

// 「２項目についてグレード２以上」 Two grade-2 items are met; one grade 2 and grade-1 items are not.
#[test]
fn two_grade_2_are_met_and_one_grade_2_with_grade_1s_is_not() {
    let one = graded(&[
        ("tsc_renal_aml", "2"),
        ("tsc_sen_sega", "1"),
        ("tsc_lam", "1"),
        ("tsc_mmph", "1"),
    ]);
    assert_eq!(
        eval_new(ID, &one).calculations["tsc_grade2_count"],
        CalcValue::Number(1.0)
    );
    assert_eq!(severity(ID, &one), SeverityOutcome::NotMet);
    let two = graded(&[("tsc_renal_aml", "2"), ("tsc_renal_cyst", "2")]);
    assert_eq!(
        eval_new(ID, &two).calculations["tsc_grade2_count"],
        CalcValue::Number(2.0)
    );
    assert_eq!(severity(ID, &two), SeverityOutcome::Met);
}

// 「２項目についてグレード２以上」 The four 皮膚症状 rows count as separate items (review_needed).
#[test]
fn two_skin_rows_at_grade_2_count_as_two_items() {
    let f = graded(&[
        ("tsc_facial_angiofibroma", "2"),
        ("tsc_ungual_fibroma", "2"),
    ]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「Definiteを対象とする。」
#[test]
fn only_definite_is_eligible() {
    let severe = |c: &str| with(&base(c), &[("tsc_lam", "3")]);
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

// 「いずれかの１項目についてグレード３又は２項目についてグレード２以上」 A blank symptom keeps the
// result open only while it could decide it.
#[test]
fn a_blank_symptom_is_named_only_while_it_matters() {
    // One grade 2 and てんかん blank: the blank could be 2 or 3 → open, naming it.
    let open = graded(&[("tsc_renal_aml", "2"), ("tsc_epilepsy", "")]);
    assert_undetermined_naming(ID, &open, &["tsc_epilepsy"]);
    // Already one grade 3: the blank does not matter.
    let decided = graded(&[("tsc_renal_aml", "3"), ("tsc_epilepsy", "")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    // MMPH (grades 0–1 only) blank with everything else 0: it can never decide → 非該当.
    let mmph = graded(&[("tsc_mmph", "")]);
    assert_eq!(severity(ID, &mmph), SeverityOutcome::NotMet);
    assert!(codes(&eval_new(ID, &mmph)).contains(&("required".into(), "tsc_mmph".into())));
}

// The table has no grade 2 for 歯のエナメルピッテイング: a grade that is not in the table is refused.
#[test]
fn a_grade_missing_from_the_table_is_refused() {
    let f = graded(&[("tsc_dental_enamel_pitting", "2")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("code_unknown".into(), "tsc_dental_enamel_pitting".into())));
}
