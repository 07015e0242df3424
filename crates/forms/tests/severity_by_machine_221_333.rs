//! 指定難病 221–333 whose 診断のカテゴリー is declared by the doctor and whose
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

/// Whether the named criterion is met (`Some(true)`), not met or open.
fn criterion(id: &str, data: &FormData, criterion: &str) -> Option<bool> {
    eval_new(id, data)
        .determination
        .criteria
        .iter()
        .find(|c| c.id == criterion)
        .unwrap_or_else(|| panic!("no criterion {criterion}"))
        .met
}

// ---------------------------------------------------------------------------
// 先天性代謝異常症の重症度評価（日本先天代謝異常学会）: scales/inborn_metabolic_severity.
// 「中等症以上を対象とする。」 with the 総合評価 （１）４点の項目が１つでもある場合 重症、
// （２）２点以上の項目があり、かつ加点した総点数が６点以上の場合 重症、
// （３）加点した総点数が３－６点の場合 中等症、（４）０－２点 軽症.

/// A declared category, full Barthel, and I–VI all `a` (0 points) overridden by `pairs`.
fn imd(category: &str, pairs: &[(&str, &str)]) -> FormData {
    let all_a = [
        ("imd_drug", "a"),
        ("imd_diet", "a"),
        ("imd_lab", "a"),
        ("imd_neuro", "a"),
        ("imd_organ", "a"),
        ("imd_living", "a"),
    ];
    with(&with(&declared(category), &all_a), pairs)
}

/// 「（３）加点した総点数が３－６点の場合 中等症」 / 「（４）…０－２点の場合 軽症」:
/// a complete valid form at 3 points is 該当, 2 points is 非該当.
fn imd_total_3_met_and_2_not(id: &str) {
    // I c (2) + II b (1) = 3: 中等症.
    let f3 = imd("1", &[("imd_drug", "c"), ("imd_diet", "b")]);
    let e = eval_new(id, &f3);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(
        e.calculations.get("imd_total"),
        Some(&nsdb_forms::CalcValue::Number(3.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(criterion(id, &f3, "sev_imd_moderate_or_more"), Some(true));
    // I c (2) alone = 2: 軽症.
    let f2 = imd("1", &[("imd_drug", "c")]);
    assert_eq!(severity(id, &f2), SeverityOutcome::NotMet);
    assert_eq!(eval_new(id, &f2).determination.result, Outcome::NotEligible);
    // III b + IV b = 2: 軽症 too.
    let f2b = imd("1", &[("imd_lab", "b"), ("imd_neuro", "b")]);
    assert_eq!(severity(id, &f2b), SeverityOutcome::NotMet);
}

/// 「（１）４点の項目が１つでもある場合 重症」 and 「（２）２点以上の項目があり、
/// かつ加点した総点数が６点以上の場合 重症」, each alone where it can be.
fn imd_severe_rows(id: &str) {
    // VI d (4) alone: （１）. The total 4 is also in （３）.
    let one = imd("1", &[("imd_living", "d")]);
    assert_eq!(criterion(id, &one, "sev_imd_severe_4pt"), Some(true));
    assert_eq!(criterion(id, &one, "sev_imd_severe_total"), Some(false));
    assert_eq!(eval_new(id, &one).determination.result, Outcome::Eligible);
    // Five items at 2 and II b (1): total 11, no 4-point item: （２）.
    let two = imd(
        "1",
        &[
            ("imd_drug", "c"),
            ("imd_diet", "b"),
            ("imd_lab", "c"),
            ("imd_neuro", "c"),
            ("imd_organ", "c"),
            ("imd_living", "c"),
        ],
    );
    assert_eq!(criterion(id, &two, "sev_imd_severe_4pt"), Some(false));
    assert_eq!(criterion(id, &two, "sev_imd_severe_total"), Some(true));
    assert_eq!(eval_new(id, &two).determination.result, Outcome::Eligible);
    // Six 1-point items: total 6 but no item at 2 points: not （２）, but （３）.
    let six_ones = imd(
        "1",
        &[
            ("imd_drug", "b"),
            ("imd_diet", "b"),
            ("imd_lab", "b"),
            ("imd_neuro", "b"),
            ("imd_organ", "b"),
            ("imd_living", "b"),
        ],
    );
    assert_eq!(
        criterion(id, &six_ones, "sev_imd_severe_total"),
        Some(false)
    );
    assert_eq!(
        criterion(id, &six_ones, "sev_imd_moderate_or_more"),
        Some(true)
    );
    assert_eq!(severity(id, &six_ones), SeverityOutcome::Met);
}

/// 「Definiteを対象とする。」 (probable_eligible = false) or
/// 「Definite、Probableを対象とする。」 (true).
fn imd_categories(id: &str, probable_eligible: bool) {
    let moderate = |c: &str| imd(c, &[("imd_drug", "c"), ("imd_diet", "b")]);
    assert_eq!(diagnosis(id, &moderate("1")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(id, &moderate("2")), DiagnosisOutcome::Probable);
    let want = if probable_eligible {
        Outcome::Eligible
    } else {
        Outcome::NotEligible
    };
    assert_eq!(eval_new(id, &moderate("2")).determination.result, want);
    for other in ["3", "4"] {
        assert_eq!(diagnosis(id, &moderate(other)), DiagnosisOutcome::NotMet);
        assert_eq!(
            eval_new(id, &moderate(other)).determination.result,
            Outcome::NotEligible
        );
    }
}

/// A blank item leaves the result open only while the total could still cross 3.
fn imd_blank_items(id: &str) {
    // I c (2), II blank (0–4): 2–6 → open, naming II.
    let open = imd("1", &[("imd_drug", "c"), ("imd_diet", "")]);
    assert_undetermined_naming(id, &open, &["imd_diet"]);
    // I c + III b = 3 already, VI blank (total 3–7): met whatever VI is.
    let decided = imd(
        "1",
        &[("imd_drug", "c"), ("imd_lab", "b"), ("imd_living", "")],
    );
    assert_eq!(severity(id, &decided), SeverityOutcome::Met);
    assert_eq!(
        eval_new(id, &decided).determination.result,
        Outcome::Eligible
    );
}

/// 「＊当該疾患についての食事栄養治療の状況はa又はbとする。」: II c–e is an error `code`.
fn imd_diet_a_or_b_only(id: &str, code: &str) {
    for bad in ["c", "d", "e"] {
        let e = eval_new(id, &imd("1", &[("imd_drug", "c"), ("imd_diet", bad)]));
        assert!(
            codes(&e).contains(&(code.to_string(), "imd_diet".to_string())),
            "{bad}: {:?}",
            codes(&e)
        );
    }
    for good in ["a", "b"] {
        let e = eval_new(id, &imd("1", &[("imd_drug", "c"), ("imd_diet", good)]));
        assert!(errors(&e).is_empty(), "{good}: {:?}", errors(&e));
    }
}

/// One module per disease rated by 先天性代謝異常症の重症度評価 「中等症以上」;
/// `probable` says whether Probable is eligible; extra tests follow the `;`.
macro_rules! imd_disease {
    ($name:ident, $id:literal, probable = $probable:literal $(; $($extra:item)*)?) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // 「（３）加点した総点数が３－６点の場合 中等症」: 3 met, 2 not.
            #[test]
            fn moderate_total_3_is_met_and_2_is_not() {
                imd_total_3_met_and_2_not(ID);
            }

            // 「（１）４点の項目が１つでもある場合 重症」「（２）２点以上の項目があり、
            // かつ加点した総点数が６点以上の場合 重症」
            #[test]
            fn severe_rows_each_count() {
                imd_severe_rows(ID);
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                imd_categories(ID, $probable);
            }

            // A blank item is named only while it can change 中等症以上.
            #[test]
            fn a_blank_item_is_named_only_while_it_matters() {
                imd_blank_items(ID);
            }
            $($($extra)*)?
        }
    };
}

imd_disease!(pku_240, "nanbyo-240-2403", probable = false);
imd_disease!(tyr1_241, "nanbyo-241-2403", probable = false);
imd_disease!(tyr2_242, "nanbyo-242-2403", probable = false);
imd_disease!(tyr3_243, "nanbyo-243-2403", probable = false);
imd_disease!(msud_244, "nanbyo-244-2403", probable = false);
imd_disease!(pa_245, "nanbyo-245-2403", probable = false);
imd_disease!(mma_246, "nanbyo-246-2403", probable = false);
imd_disease!(iva_247, "nanbyo-247-2403", probable = false);
imd_disease!(glut1_248, "nanbyo-248-2403", probable = false);
imd_disease!(ga1_249, "nanbyo-249-2403", probable = false);
imd_disease!(ga2_250, "nanbyo-250-2403", probable = false);
imd_disease!(ucd_251, "nanbyo-251-2403", probable = false);
imd_disease!(lpi_252, "nanbyo-252-2403", probable = false);
imd_disease!(hfm_253, "nanbyo-253-2403", probable = false);
imd_disease!(mcd_255, "nanbyo-255-2403", probable = false);
imd_disease!(hgsd_257, "nanbyo-257-2403", probable = false);
imd_disease!(galt_258, "nanbyo-258-2403", probable = false);
imd_disease!(sito_260, "nanbyo-260-2403", probable = true;
    // 「＊当該疾患についての食事栄養治療の状況はa又はbとする。」
    #[test]
    fn diet_is_a_or_b_only() {
        imd_diet_a_or_b_only(ID, "sito_imd_diet_a_or_b");
    }
);
imd_disease!(tang_261, "nanbyo-261-2403", probable = false;
    // 「＊当該疾患についての食事栄養治療の状況はa又はbとする。」
    #[test]
    fn diet_is_a_or_b_only() {
        imd_diet_a_or_b_only(ID, "tang_imd_diet_a_or_b");
    }
);
imd_disease!(abl_264, "nanbyo-264-2403", probable = true;
    // 「＊当該疾患についての食事栄養治療の状況はa又はbとする。」
    #[test]
    fn diet_is_a_or_b_only() {
        imd_diet_a_or_b_only(ID, "abl_imd_diet_a_or_b");
    }
);
imd_disease!(canavan_307, "nanbyo-307-2403", probable = true);
imd_disease!(ccd_316, "nanbyo-316-2403", probable = true);
imd_disease!(tfp_317, "nanbyo-317-2403", probable = false);
imd_disease!(citrin_318, "nanbyo-318-2403", probable = false);
imd_disease!(srd_319, "nanbyo-319-2403", probable = true);
imd_disease!(nkh_321, "nanbyo-321-2403", probable = false);
imd_disease!(bkt_322, "nanbyo-322-2403", probable = false);
imd_disease!(aadc_323, "nanbyo-323-2403", probable = true);
imd_disease!(mga_324, "nanbyo-324-2403", probable = false);
