//! 指定難病 1–110 whose 診断のカテゴリー is declared by the doctor and whose
//! 重症度分類 is judged by machine (definitions that include
//! `nanbyo/declared_diagnosis`). One module per disease; each test cites the
//! sentence of the MHLW 概要・診断基準等 it tests.

mod common;
use common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

/// Barthel Index items of the common section, each at its highest score
/// (total 100), so a test can lower one item to reach a boundary.
const BARTHEL_FULL: [(&str, &str); 10] = [
    ("adl_feeding", "10"),
    ("adl_transfer", "15"),
    ("adl_grooming", "5"),
    ("adl_toilet", "10"),
    ("adl_bathing", "5"),
    ("adl_walking", "15"),
    ("adl_stairs", "10"),
    ("adl_dressing", "10"),
    ("adl_bowel", "10"),
    ("adl_bladder", "10"),
];

/// The common part, a declared category and a full Barthel Index (100 points).
fn declared(category: &str) -> FormData {
    let f = with(
        &nanbyo_common(),
        &[("diagnosis_category_declared", category)],
    );
    with(&f, &BARTHEL_FULL)
}

mod cmt_010 {
    use super::*;
    const ID: &str = "nanbyo-010-2403";

    // 「Barthel Indexを用いて、85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        // 歩行 15 → 0: total 85.
        let f85 = with(&declared("1"), &[("adl_walking", "0")]);
        let e = eval_new(ID, &f85);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("barthel_index"),
            Some(&nsdb_forms::CalcValue::Number(85.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 階段昇降 10 → 0: total 90.
        let f90 = with(&declared("1"), &[("adl_stairs", "0")]);
        assert_eq!(severity(ID, &f90), SeverityOutcome::NotMet);
        assert_eq!(
            eval_new(ID, &f90).determination.result,
            Outcome::NotEligible
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&declared(c), &[("adl_walking", "0")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }

    // A blank Barthel item leaves the result open only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        // 95 without 整容 (0 or 5): 95–100, never ≤ 85 → decided 非該当.
        let decided = with(
            &declared("1"),
            &[("adl_grooming", ""), ("adl_bathing", "0")],
        );
        assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
        // 歩行 blank (0–15) and 階段 0: 75–90 → could be either side of 85: open.
        let open = with(&declared("1"), &[("adl_walking", ""), ("adl_stairs", "0")]);
        assert_undetermined_naming(ID, &open, &["adl_walking"]);
    }
}
