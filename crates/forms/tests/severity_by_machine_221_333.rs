//! 指定難病 221–333 whose 診断のカテゴリー is declared by the doctor and whose
//! 重症度分類 is judged by machine (definitions that include
//! `nanbyo/declared_diagnosis`). One module per disease; each test cites the
//! sentence of the MHLW 概要・診断基準等 it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

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

// ---------------------------------------------------------------------------
// Shared category check: 「Definiteを対象とする。」 (probable_eligible = false)
// or 「Definite、Probableを対象とする。」 (true), on a form built by `severe`.

fn categories(id: &str, probable_eligible: bool, severe: impl Fn(&str) -> FormData) {
    assert_eq!(diagnosis(id, &severe("1")), DiagnosisOutcome::Definite);
    assert_eq!(
        eval_new(id, &severe("1")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(diagnosis(id, &severe("2")), DiagnosisOutcome::Probable);
    let want = if probable_eligible {
        Outcome::Eligible
    } else {
        Outcome::NotEligible
    };
    assert_eq!(eval_new(id, &severe("2")).determination.result, want);
    for other in ["3", "4"] {
        assert_eq!(diagnosis(id, &severe(other)), DiagnosisOutcome::NotMet);
        assert_eq!(
            eval_new(id, &severe(other)).determination.result,
            Outcome::NotEligible
        );
    }
}

// ---------------------------------------------------------------------------
// 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、
// いずれかが３以上を対象とする。」 (scales/mrs_nutrition_respiration).

fn mrs_nr(category: &str, mrs: &str, nutrition: &str, respiration: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("mrs", mrs),
            ("nutrition", nutrition),
            ("respiration", respiration),
        ],
    )
}

/// Each of the three alone at 3 is met (a complete valid form); 2, 2, 2 is not.
fn mrs_nr_each_alone_at_3(id: &str) {
    for (m, n, r) in [("3", "0", "0"), ("0", "3", "0"), ("0", "0", "3")] {
        let e = eval_new(id, &mrs_nr("1", m, n, r));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met, "{m}{n}{r}");
        assert_eq!(e.determination.result, Outcome::Eligible);
    }
    let f = mrs_nr("1", "2", "2", "2");
    assert_eq!(severity(id, &f), SeverityOutcome::NotMet);
    assert_eq!(eval_new(id, &f).determination.result, Outcome::NotEligible);
}

/// A blank scale is named while the others are below 3; it does not matter once one is 3.
fn mrs_nr_blanks(id: &str) {
    let open = with(&mrs_nr("1", "2", "2", "2"), &[("mrs", "")]);
    assert_undetermined_naming(id, &open, &["mrs"]);
    let decided = with(&mrs_nr("1", "2", "3", "2"), &[("respiration", "")]);
    assert_eq!(severity(id, &decided), SeverityOutcome::Met);
}

macro_rules! mrs_nr_disease {
    ($name:ident, $id:literal, probable = $probable:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // 「…それぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
            #[test]
            fn each_scale_alone_at_3_is_met_and_2_is_not() {
                mrs_nr_each_alone_at_3(ID);
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| mrs_nr(c, "3", "0", "0"));
            }

            // A blank scale is named only while it can reach 3.
            #[test]
            fn a_blank_scale_is_named_only_while_it_matters() {
                mrs_nr_blanks(ID);
            }
        }
    };
}

mrs_nr_disease!(peroxisome_234, "nanbyo-234-2403", probable = false);
mrs_nr_disease!(ctx_263, "nanbyo-263-2403", probable = true);
mrs_nr_disease!(fop_272, "nanbyo-272-2403", probable = true);
mrs_nr_disease!(
    congenital_scoliosis_273,
    "nanbyo-273-2403",
    probable = false
);
mrs_nr_disease!(gorham_277, "nanbyo-277-2403", probable = false);
mrs_nr_disease!(leukoencephalopathy_308, "nanbyo-308-2403", probable = true);

// ---------------------------------------------------------------------------
// 「New York Heart Association（NYHA）分類を用いてII度以上を対象とする。」 (scales/nyha).

fn nyha(category: &str, class: &str) -> FormData {
    with(&declared(category), &[("nyha_class", class)])
}

macro_rules! nyha_disease {
    ($name:ident, $id:literal, probable = $probable:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // 「NYHA分類を用いてII度以上を対象とする。」: II met, I not.
            #[test]
            fn nyha_2_is_met_and_1_is_not() {
                for class in ["2", "3", "4"] {
                    let e = eval_new(ID, &nyha("1", class));
                    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                    assert_eq!(e.determination.result, Outcome::Eligible, "{class}");
                }
                assert_eq!(severity(ID, &nyha("1", "1")), SeverityOutcome::NotMet);
                assert_eq!(
                    eval_new(ID, &nyha("1", "1")).determination.result,
                    Outcome::NotEligible
                );
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| nyha(c, "2"));
            }

            // A blank NYHA class keeps the result open (I or II+), naming it.
            #[test]
            fn a_blank_class_is_named() {
                let f = with(&declared("1"), &[]);
                assert_undetermined_naming(ID, &f, &["nyha_class"]);
                // …but not when the category already refutes the diagnosis.
                let refuted = with(&declared("4"), &[]);
                assert_eq!(
                    eval_new(ID, &refuted).determination.result,
                    Outcome::NotEligible
                );
            }
        }
    };
}

nyha_disease!(tricuspid_stenosis_311, "nanbyo-311-2403", probable = false);
nyha_disease!(mitral_stenosis_312, "nanbyo-312-2403", probable = false);
nyha_disease!(pv_stenosis_313, "nanbyo-313-2403", probable = false);
nyha_disease!(lpa_from_rpa_314, "nanbyo-314-2403", probable = false);

// ---------------------------------------------------------------------------
// 「Barthel Indexで85点以下を対象とする。」 (scales/barthel, common to every 臨個票).

macro_rules! barthel_disease {
    ($name:ident, $id:literal, probable = $probable:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // 「Barthel Index 85点以下を対象とする。」: 85 met, 90 not.
            #[test]
            fn barthel_85_is_met_and_90_is_not() {
                let e = eval_new(ID, &with(&declared("1"), &[("adl_walking", "0")]));
                assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                assert_eq!(
                    e.calculations.get("barthel_index"),
                    Some(&nsdb_forms::CalcValue::Number(85.0))
                );
                assert_eq!(e.determination.result, Outcome::Eligible);
                let f90 = with(&declared("1"), &[("adl_stairs", "0")]);
                assert_eq!(severity(ID, &f90), SeverityOutcome::NotMet);
                assert_eq!(
                    eval_new(ID, &f90).determination.result,
                    Outcome::NotEligible
                );
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| {
                    with(&declared(c), &[("adl_walking", "0")])
                });
            }

            // A blank Barthel item is named only while the total can cross 85.
            #[test]
            fn a_blank_barthel_item_is_named_only_while_it_matters() {
                let decided = with(
                    &declared("1"),
                    &[("adl_grooming", ""), ("adl_bathing", "0")],
                );
                assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
                let open = with(&declared("1"), &[("adl_walking", ""), ("adl_stairs", "0")]);
                assert_undetermined_naming(ID, &open, &["adl_walking"]);
            }
        }
    };
}

barthel_disease!(gpi_deficiency_320, "nanbyo-320-2403", probable = true);
barthel_disease!(autoinflammatory_325, "nanbyo-325-2403", probable = true);

// ---------------------------------------------------------------------------
// 「modified Rankin Scale（mRS）、呼吸のそれぞれの評価スケールを用いて、いずれかが
// ３以上を対象とする。」 (食事・栄養 is asked by the shared scale but not used).

macro_rules! mrs_r_disease {
    ($name:ident, $id:literal, probable = $probable:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // mRS 3 alone and 呼吸 3 alone are met; 2 and 2 is not.
            #[test]
            fn mrs_or_respiration_at_3_is_met_and_2_is_not() {
                for (m, r) in [("3", "0"), ("0", "3")] {
                    let e = eval_new(ID, &mrs_nr("1", m, "0", r));
                    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                    assert_eq!(e.determination.result, Outcome::Eligible, "{m}{r}");
                }
                let f = mrs_nr("1", "2", "0", "2");
                assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
                assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
            }

            // 食事・栄養 is not part of this 重症度分類: 5 alone is not met.
            #[test]
            fn nutrition_alone_does_not_count() {
                let f = mrs_nr("1", "2", "5", "2");
                assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
            }

            // ＜診断基準＞ 「Definiteを対象とする。」
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| mrs_nr(c, "3", "0", "0"));
            }

            // A blank mRS is named while 呼吸 is below 3; blank 食事・栄養 never matters.
            #[test]
            fn blanks() {
                let open = with(&mrs_nr("1", "2", "0", "2"), &[("mrs", "")]);
                assert_undetermined_naming(ID, &open, &["mrs"]);
                let decided = with(
                    &mrs_nr("1", "2", "0", "3"),
                    &[("mrs", ""), ("nutrition", "")],
                );
                assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
                let not_met = with(&mrs_nr("1", "2", "0", "2"), &[("nutrition", "")]);
                assert_eq!(severity(ID, &not_met), SeverityOutcome::NotMet);
            }
        }
    };
}

mrs_r_disease!(
    osteogenesis_imperfecta_274,
    "nanbyo-274-2403",
    probable = false
);
mrs_r_disease!(tracheal_stenosis_330, "nanbyo-330-2403", probable = false);

mod achondroplasia_276 {
    use super::*;
    const ID: &str = "nanbyo-276-2403";

    fn f(category: &str, stenosis: &str, mrs: &str) -> FormData {
        with(
            &mrs_nr(category, mrs, "0", "0"),
            &[("ach_spinal_stenosis", stenosis)],
        )
    }

    // 「脊柱管狭窄症を認め、modified Rankin Scale(mRS)の評価スケールを用いて、３以上を対象とする。」
    #[test]
    fn stenosis_and_mrs_3_is_met_mrs_2_is_not() {
        let e = eval_new(ID, &f("1", "1", "3"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "1", "2")), SeverityOutcome::NotMet);
    }

    // Both halves of 「かつ」: no stenosis with mRS 5 is not met.
    #[test]
    fn without_stenosis_even_mrs_5_is_not_met() {
        assert_eq!(severity(ID, &f("1", "2", "5")), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "1", "3"));
    }

    // Blank stenosis is named while mRS ≥ 3; it does not matter when mRS < 3.
    #[test]
    fn blank_stenosis_matters_only_with_mrs_3() {
        assert_undetermined_naming(ID, &f("1", "", "3"), &["ach_spinal_stenosis"]);
        assert_eq!(severity(ID, &f("1", "", "2")), SeverityOutcome::NotMet);
    }
}

// ---------------------------------------------------------------------------
// CKD重症度分類ヒートマップ (scales/ckd_heatmap): 赤 = G3a×A3, G3b×A2・A3, G4, G5.

/// Each red edge of the heatmap on both sides, on forms built by
/// `f(egfr, proteinuria)` whose other 重症度 criteria are not met.
/// `protein_alone` says whether the disease also counts 蛋白尿 ≥ 0.5 at any GFR.
fn ckd_heatmap_edges(id: &str, protein_alone: bool, f: impl Fn(&str, &str) -> FormData) {
    let met = |e: &str, p: &str| severity(id, &f(e, p));
    // G3a (45–59) × A3 (≥ 0.50) is red; G2 × A3 is orange; G3a × A2 is orange.
    assert_eq!(met("59.9", "0.50"), SeverityOutcome::Met);
    assert_eq!(met("59.9", "0.49"), SeverityOutcome::NotMet);
    // G3b (30–44) × A2 (0.15–0.49) is red; G3a × A2 orange; G3b × A1 orange.
    assert_eq!(met("44.9", "0.15"), SeverityOutcome::Met);
    assert_eq!(met("45.0", "0.15"), SeverityOutcome::NotMet);
    assert_eq!(met("44.9", "0.14"), SeverityOutcome::NotMet);
    // G4 (15–29) is red whatever the protein; G3b × A1 is not.
    assert_eq!(met("29.9", "0.00"), SeverityOutcome::Met);
    assert_eq!(met("30.0", "0.14"), SeverityOutcome::NotMet);
    // G2 × A3: orange on the heatmap; met only where 蛋白尿 0.5 counts alone.
    let g2_a3 = if protein_alone {
        SeverityOutcome::Met
    } else {
        SeverityOutcome::NotMet
    };
    assert_eq!(met("60.0", "0.50"), g2_a3);
}

mod lcat_259 {
    use super::*;
    const ID: &str = "nanbyo-259-2403";

    fn f(category: &str, va: &str, egfr: &str, protein: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("va_better_eye", va),
                ("ckd_egfr", egfr),
                ("ckd_proteinuria", protein),
            ],
        )
    }

    // 「良好な方の眼の矯正視力が0.3未満又は、…」: 0.2 met, 0.3 not (kidney normal).
    #[test]
    fn visual_acuity_below_0_3_alone_is_met() {
        let e = eval_new(ID, &f("1", "0.29", "90.0", "0.10"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "0.3", "90.0", "0.10")),
            SeverityOutcome::NotMet
        );
    }

    // 「腎：CKD重症度分類ヒートマップが赤の部分の場合。」 alone, each edge.
    #[test]
    fn ckd_red_alone_each_edge() {
        let e = eval_new(ID, &f("1", "1.0", "40.0", "0.30"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        ckd_heatmap_edges(ID, false, |eg, p| f("1", "1.0", eg, p));
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "0.1", "90.0", "0.10"));
    }

    // A blank eGFR is named while the eye is ≥ 0.3 and protein can make it red;
    // it does not matter once the eye is < 0.3.
    #[test]
    fn blanks() {
        let open = with(&f("1", "1.0", "90.0", "0.60"), &[("ckd_egfr", "")]);
        assert_undetermined_naming(ID, &open, &["ckd_egfr"]);
        let decided = with(&f("1", "0.1", "90.0", "0.60"), &[("ckd_egfr", "")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod anti_gbm_221 {
    use super::*;
    const ID: &str = "nanbyo-221-2403";

    fn f(category: &str, egfr: &str, protein: &str, hemorrhage: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("ckd_egfr", egfr),
                ("ckd_proteinuria", protein),
                ("gbm_pulmonary_hemorrhage", hemorrhage),
            ],
        )
    }

    // 「ア）CKD重症度分類ヒートマップで赤に該当するものとする。」 and
    // 「イ）いずれの腎機能であっても蛋白尿0.5g/日以上のものは、重症として扱う。」
    #[test]
    fn ckd_red_and_proteinuria_0_5_each_alone() {
        let e = eval_new(ID, &f("1", "29.0", "0.10", "2"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        ckd_heatmap_edges(ID, true, |eg, p| f("1", eg, p, "2"));
        // イ) at G1: 0.50 met, 0.49 not.
        assert_eq!(
            severity(ID, &f("1", "95.0", "0.50", "2")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "95.0", "0.49", "2")),
            SeverityOutcome::NotMet
        );
    }

    // 「ウ）当該疾患が原因である肺出血を呈する場合。」 alone.
    #[test]
    fn pulmonary_hemorrhage_alone_is_met() {
        let e = eval_new(ID, &f("1", "95.0", "0.10", "1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "95.0", "0.60", "2"));
    }

    // Blank 肺出血 is named while the kidney criteria are not met; not once they are.
    #[test]
    fn blanks() {
        assert_undetermined_naming(
            ID,
            &f("1", "95.0", "0.10", ""),
            &["gbm_pulmonary_hemorrhage"],
        );
        assert_eq!(
            severity(ID, &f("1", "95.0", "0.60", "")),
            SeverityOutcome::Met
        );
    }
}

mod nail_patella_315 {
    use super::*;
    const ID: &str = "nanbyo-315-2403";

    fn f(category: &str, egfr: &str, protein: &str) -> FormData {
        with(
            &declared(category),
            &[("ckd_egfr", egfr), ("ckd_proteinuria", protein)],
        )
    }

    // 「慢性腎臓病重症度分類で重症に該当するもの（下図赤）あるいはいずれの腎機能であっても
    // 尿蛋白／クレアチニン比 0.5g/gCr以上のものを、重症として対象とする。」
    #[test]
    fn ckd_red_or_upcr_0_5() {
        let e = eval_new(ID, &f("1", "75.0", "0.80"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        ckd_heatmap_edges(ID, true, |eg, p| f("1", eg, p));
        assert_eq!(
            severity(ID, &f("1", "95.0", "0.49")),
            SeverityOutcome::NotMet
        );
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "75.0", "0.80"));
    }

    // Blank eGFR matters at A2 (red if < 45), not at A3 (met anyway).
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "0.20"), &["ckd_egfr"]);
        assert_eq!(severity(ID, &f("1", "", "0.50")), SeverityOutcome::Met);
    }
}

mod wolfram_233 {
    use super::*;
    const ID: &str = "nanbyo-233-2403";

    fn f(category: &str, va: &str, mrs: &str) -> FormData {
        with(&mrs_nr(category, mrs, "0", "0"), &[("va_better_eye", va)])
    }

    // 「視覚障害： 良好な方の眼の矯正視力が0.3未満。」 alone: 0.29 met, 0.3 not.
    #[test]
    fn visual_acuity_below_0_3_alone() {
        let e = eval_new(ID, &f("1", "0.29", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "0.3", "2")), SeverityOutcome::NotMet);
    }

    // 「または、mRS、食事・栄養、呼吸…いずれかが３以上を対象とする。」 alone.
    #[test]
    fn mrs_nr_alone() {
        assert_eq!(severity(ID, &f("1", "1.0", "3")), SeverityOutcome::Met);
        let n3 = with(&f("1", "1.0", "0"), &[("nutrition", "3")]);
        assert_eq!(severity(ID, &n3), SeverityOutcome::Met);
    }

    // 「診断例を対象とする。」 (診断基準を満たす = Definite)
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "0.1", "0"));
    }

    // Blank acuity is named while mRS/N/R < 3; not once mRS is 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "2"), &["va_better_eye"]);
        assert_eq!(severity(ID, &f("1", "", "3")), SeverityOutcome::Met);
    }
}

mod sensorineural_hearing_loss_304 {
    use super::*;
    const ID: &str = "nanbyo-304-2403";

    fn f(category: &str, level: &str) -> FormData {
        with(&declared(category), &[("hearing_level", level)])
    }

    // 「以下の重症度分類において３高度難聴以上を対象とする。」: 3 and 4 met, 2 not.
    #[test]
    fn severe_hearing_loss_3_is_met_and_2_is_not() {
        for level in ["3", "4"] {
            let e = eval_new(ID, &f("1", level));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible);
        }
        assert_eq!(severity(ID, &f("1", "2")), SeverityOutcome::NotMet);
    }

    // The diagnosis is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "3"));
    }

    // A blank level is named.
    #[test]
    fn blank_level_is_named() {
        assert_undetermined_naming(ID, &f("1", ""), &["hearing_level"]);
    }
}

mod usher_303 {
    use super::*;
    const ID: &str = "nanbyo-303-2403";

    fn f(category: &str, hearing: &str, rp: &str) -> FormData {
        with(
            &declared(category),
            &[("hearing_level", hearing), ("usher_rp_grade", rp)],
        )
    }

    // 「１．聴覚障害：以下の３高度難聴以上を対象とする。」 alone: 3 met, 2 not.
    #[test]
    fn hearing_3_alone_is_met_and_2_is_not() {
        let e = eval_new(ID, &f("1", "3", "1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "2", "1")), SeverityOutcome::NotMet);
    }

    // 「２．視覚障害：…重症度分類のII、III、IV度の者を対象とする。」 alone: II met, I not.
    #[test]
    fn rp_grade_2_alone_is_met_and_1_is_not() {
        for grade in ["2", "3", "4"] {
            assert_eq!(severity(ID, &f("1", "0", grade)), SeverityOutcome::Met);
        }
        assert_eq!(severity(ID, &f("1", "0", "1")), SeverityOutcome::NotMet);
    }

    // The diagnosis is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "3", "1"));
    }

    // A blank RP grade is named while hearing < 3; not once hearing is 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "2", ""), &["usher_rp_grade"]);
        assert_eq!(severity(ID, &f("1", "3", "")), SeverityOutcome::Met);
    }
}

// ---------------------------------------------------------------------------
// 軽症・中等症・重症 chosen by the doctor from the text's descriptions
// (`<tag>_severity_grade`, codes 1 軽症, 2 中等症, 3 重症).

macro_rules! grade_disease {
    ($name:ident, $id:literal, $item:literal, probable = $probable:literal, min = $min:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            fn f(category: &str, grade: &str) -> FormData {
                with(&declared(category), &[($item, grade)])
            }

            // 「中等症以上を対象とする。」 (min 2) / 「重症を対象とする。」 (min 3):
            // the lowest eligible grade is met, the one below is not.
            #[test]
            fn lowest_eligible_grade_is_met_and_the_one_below_is_not() {
                let min: u32 = $min;
                for g in min..=3 {
                    let e = eval_new(ID, &f("1", &g.to_string()));
                    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                    assert_eq!(e.determination.result, Outcome::Eligible, "{g}");
                }
                for g in 1..min {
                    assert_eq!(
                        severity(ID, &f("1", &g.to_string())),
                        SeverityOutcome::NotMet
                    );
                }
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| f(c, "3"));
            }

            // A blank grade is named.
            #[test]
            fn a_blank_grade_is_named() {
                assert_undetermined_naming(ID, &f("1", ""), &[$item]);
            }
        }
    };
}

grade_disease!(
    hypoparathyroidism_235,
    "nanbyo-235-2403",
    "hypopara_severity_grade",
    probable = true,
    min = 2
);
grade_disease!(
    pseudohypoparathyroidism_236,
    "nanbyo-236-2403",
    "pshp_severity_grade",
    probable = true,
    min = 3
);
grade_disease!(
    vd_resistant_rickets_238,
    "nanbyo-238-2403",
    "vdrr_severity_grade",
    probable = true,
    min = 2
);
grade_disease!(
    vd_dependent_rickets_239,
    "nanbyo-239-2403",
    "vddr_severity_grade",
    probable = false,
    min = 2
);

mod nephrogenic_di_225 {
    use super::*;
    const ID: &str = "nanbyo-225-2403";

    fn f(category: &str, osm: &str) -> FormData {
        with(&declared(category), &[("ndi_urine_osm_after_avp", osm)])
    }

    // 「バソプレシン投与後尿浸透圧600 mOsm/kg以下を対象とする。」: 600 met, 601 not.
    #[test]
    fn osmolality_600_is_met_and_601_is_not() {
        let e = eval_new(ID, &f("1", "600"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "601")), SeverityOutcome::NotMet);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "250"));
    }

    // A blank osmolality is named.
    #[test]
    fn a_blank_osmolality_is_named() {
        assert_undetermined_naming(ID, &f("1", ""), &["ndi_urine_osm_after_avp"]);
    }
}

mod interstitial_cystitis_226 {
    use super::*;
    const ID: &str = "nanbyo-226-2403";

    fn f(category: &str, pain: &str, volume: &str) -> FormData {
        with(
            &declared(category),
            &[("ic_bladder_pain", pain), ("ic_max_voided_volume", volume)],
        )
    }

    // 「重症：膀胱痛の程度が７点から10点 かつ 排尿記録による最大一回排尿量が100mL以下」
    #[test]
    fn pain_7_and_volume_100_is_met() {
        let e = eval_new(ID, &f("1", "7", "100"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // Each half of 「かつ」 on its boundary: pain 6, volume 101.
    #[test]
    fn pain_6_or_volume_101_is_not_met() {
        assert_eq!(severity(ID, &f("1", "6", "50")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &f("1", "10", "101")), SeverityOutcome::NotMet);
    }

    // ハンナ型 Definite only.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "8", "80"));
    }

    // A blank volume is named while pain ≥ 7; it does not matter with pain 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "8", ""), &["ic_max_voided_volume"]);
        assert_eq!(severity(ID, &f("1", "3", "")), SeverityOutcome::NotMet);
    }
}

mod bronchiolitis_obliterans_228 {
    use super::*;
    const ID: &str = "nanbyo-228-2403";

    fn f(category: &str, fev1: &str) -> FormData {
        with(&declared(category), &[("bo_fev1_pct", fev1)])
    }

    // 「BOS１以上を対象とする。」 BOS 1: %FEV1 ≤ 80 (met), BOS 0: > 80 (80.1 not met).
    #[test]
    fn fev1_80_is_met_and_80_1_is_not() {
        let e = eval_new(ID, &f("1", "80.0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "80.1")), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "60.0"));
    }

    // A blank %FEV1 is named.
    #[test]
    fn a_blank_fev1_is_named() {
        assert_undetermined_naming(ID, &f("1", ""), &["bo_fev1_pct"]);
    }
}

mod acth_resistance_237 {
    use super::*;
    const ID: &str = "nanbyo-237-2403";

    /// Daily life impaired, none of 1)–4).
    fn base(category: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("acthr_daily_life_impaired", "1"),
                ("acthr_cortisol", "10.0"),
                ("acthr_acth_test_cortisol", "20.0"),
                ("acthr_adrenal_symptoms", "2"),
                ("acthr_steroid_replacement", "2"),
            ],
        )
    }

    // 「以下の４項目のうち、少なくとも１項目以上」: each alone, with its boundary.
    #[test]
    fn each_of_the_four_alone() {
        assert_eq!(severity(ID, &base("1")), SeverityOutcome::NotMet);
        let c = with(&base("1"), &[("acthr_cortisol", "3.9")]);
        let e = eval_new(ID, &c);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let c4 = with(&base("1"), &[("acthr_cortisol", "4.0")]);
        assert_eq!(severity(ID, &c4), SeverityOutcome::NotMet);
        let t = with(&base("1"), &[("acthr_acth_test_cortisol", "14.9")]);
        assert_eq!(severity(ID, &t), SeverityOutcome::Met);
        let t15 = with(&base("1"), &[("acthr_acth_test_cortisol", "15.0")]);
        assert_eq!(severity(ID, &t15), SeverityOutcome::NotMet);
        let s = with(&base("1"), &[("acthr_adrenal_symptoms", "1")]);
        assert_eq!(severity(ID, &s), SeverityOutcome::Met);
        let r = with(&base("1"), &[("acthr_steroid_replacement", "1")]);
        assert_eq!(severity(ID, &r), SeverityOutcome::Met);
    }

    // 「日常生活が障害されており、かつ…」: without it, even all four are not met.
    #[test]
    fn daily_life_not_impaired_is_not_met() {
        let f = with(
            &base("1"),
            &[
                ("acthr_daily_life_impaired", "2"),
                ("acthr_steroid_replacement", "1"),
                ("acthr_cortisol", "2.0"),
            ],
        );
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    }

    // 未実施 tests count as not shown.
    #[test]
    fn not_done_tests_do_not_count() {
        let f = with(
            &base("1"),
            &[
                ("acthr_cortisol", "not_done"),
                ("acthr_acth_test_cortisol", "not_done"),
            ],
        );
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(&base(c), &[("acthr_steroid_replacement", "1")])
        });
    }

    // A blank cortisol is named while nothing else is met; not once steroids are.
    #[test]
    fn blanks() {
        let open = with(&base("1"), &[("acthr_cortisol", "")]);
        assert_undetermined_naming(ID, &open, &["acthr_cortisol"]);
        let decided = with(
            &base("1"),
            &[("acthr_cortisol", ""), ("acthr_steroid_replacement", "1")],
        );
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

// ---------------------------------------------------------------------------
// 「…のいずれかを満たした場合」 over yes/no items (and extra answered items).

/// All `items` answered なし plus `extra`: not met; each alone あり: met (a
/// complete valid form); one blank while the others are なし: open, naming it;
/// one blank while another is あり: met.
fn any_of_yes_no(id: &str, category: &str, items: &[&str], extra: &[(&str, &str)]) {
    let none: Vec<(&str, &str)> = items.iter().map(|i| (*i, "2")).collect();
    let base = with(&with(&declared(category), &none), extra);
    let e = eval_new(id, &base);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    for item in items {
        let f = with(&base, &[(item, "1")]);
        let e = eval_new(id, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        assert_undetermined_naming(id, &with(&base, &[(item, "")]), &[item]);
    }
    let other = items[items.len() - 1];
    let f = with(&base, &[(items[0], ""), (other, "1")]);
    assert_eq!(severity(id, &f), SeverityOutcome::Met);
}

mod thanatophoric_275 {
    use super::*;
    const ID: &str = "nanbyo-275-2403";

    // 「診断基準自体を重症度分類等とし、診断基準を満たすものを全て対象とする。」
    #[test]
    fn every_definite_is_eligible() {
        let e = eval_new(ID, &declared("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「…診断を確定する（Definite）。」: only Definite.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, declared);
    }

    // A blank category leaves the result open (new application).
    #[test]
    fn a_blank_category_is_named() {
        let f = with(&declared("1"), &[("diagnosis_category_declared", "")]);
        assert_undetermined_naming(ID, &f, &["diagnosis_category_declared"]);
    }
}

mod fmf_266 {
    use super::*;
    const ID: &str = "nanbyo-266-2403";

    fn f(category: &str, failure: &str, attacks: &str, amyloid: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("fmf_colchicine_failure", failure),
                ("fmf_fever_attacks_per_year", attacks),
                ("fmf_amyloidosis", amyloid),
            ],
        )
    }

    // 「（１）コルヒチンが無効又は不耐であり、かつ発熱発作頻回例」: 年4回 met, 3 not.
    #[test]
    fn colchicine_failure_and_4_attacks() {
        let e = eval_new(ID, &f("1", "1", "4", "2"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "1", "3", "2")),
            SeverityOutcome::NotMet
        );
        // The other half of 「かつ」.
        assert_eq!(
            severity(ID, &f("1", "2", "10", "2")),
            SeverityOutcome::NotMet
        );
    }

    // 「（２）アミロイドーシス合併例」 alone.
    #[test]
    fn amyloidosis_alone() {
        assert_eq!(severity(ID, &f("1", "2", "0", "1")), SeverityOutcome::Met);
    }

    // 典型例又は遺伝子解析による診断例 (declared Definite) only.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "2", "0", "1"));
    }

    // Blank attacks are named with colchicine failure; not without it.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "1", "", "2"), &["fmf_fever_attacks_per_year"]);
        assert_eq!(severity(ID, &f("1", "2", "", "2")), SeverityOutcome::NotMet);
    }
}

mod hids_267 {
    use super::*;
    const ID: &str = "nanbyo-267-2403";
    const YN: [&str; 4] = [
        "hids_persistent_inflammation",
        "hids_active_arthritis",
        "hids_joint_contracture",
        "hids_amyloidosis",
    ];

    // 「（２）炎症持続例」「（３）①活動性関節炎 ②関節拘縮 ③アミロイドーシス」 each alone.
    #[test]
    fn each_yes_no_alternative_alone() {
        any_of_yes_no(ID, "1", &YN, &[("hids_fever_attacks_per_year", "3")]);
    }

    // 「（１）発熱発作頻回例」: 年4回以上 met, 3 not.
    #[test]
    fn four_attacks_alone() {
        let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
        let base = with(&declared("1"), &none);
        let f4 = with(&base, &[("hids_fever_attacks_per_year", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f3 = with(&base, &[("hids_fever_attacks_per_year", "3")]);
        assert_eq!(severity(ID, &f3), SeverityOutcome::NotMet);
    }

    // 「Definite（確定診断例）を対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
        categories(ID, false, |c| {
            with(
                &with(&declared(c), &none),
                &[("hids_fever_attacks_per_year", "5")],
            )
        });
    }
}

mod nakajo_nishimura_268 {
    use super::*;
    const ID: &str = "nanbyo-268-2403";
    const ITEMS: [&str; 4] = [
        "nns_fever",
        "nns_rash",
        "nns_atrophy_contracture",
        "nns_visceral",
    ];

    fn f(category: &str, scores: [&str; 4]) -> FormData {
        let pairs: Vec<(&str, &str)> = ITEMS.iter().copied().zip(scores).collect();
        with(&declared(category), &pairs)
    }

    // 「軽症：スコアが全て０か１。中等症：１つでもスコア２がある。」: each item at 2 alone.
    #[test]
    fn any_score_2_is_met_and_all_1_is_not() {
        for i in 0..4 {
            let mut s = ["1"; 4];
            s[i] = "2";
            let e = eval_new(ID, &f("1", s));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{i}");
        }
        assert_eq!(severity(ID, &f("1", ["1"; 4])), SeverityOutcome::NotMet);
        // 重症：１つでもスコア３がある。
        assert_eq!(
            severity(ID, &f("1", ["0", "0", "3", "0"])),
            SeverityOutcome::Met
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, ["2", "0", "0", "0"]));
    }

    // A blank score is named while the others are ≤ 1; not once one is 2.
    #[test]
    fn blanks() {
        assert_undetermined_naming(
            ID,
            &f("1", ["1", "1", "", "1"]),
            &["nns_atrophy_contracture"],
        );
        assert_eq!(
            severity(ID, &f("1", ["2", "1", "", "1"])),
            SeverityOutcome::Met
        );
    }
}

mod papa_269 {
    use super::*;
    const ID: &str = "nanbyo-269-2403";
    const YN: [&str; 3] = [
        "papa_active_arthritis",
        "papa_pyoderma_acne",
        "papa_complications",
    ];

    // 「下記の（１）、（２）、（３）のいずれかを満たした場合を対象とする。」
    #[test]
    fn each_alternative_alone() {
        any_of_yes_no(ID, "1", &YN, &[]);
    }

    // The diagnosis is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(
                &declared(c),
                &[
                    ("papa_active_arthritis", "1"),
                    ("papa_pyoderma_acne", "2"),
                    ("papa_complications", "2"),
                ],
            )
        });
    }
}

mod crmo_270 {
    use super::*;
    const ID: &str = "nanbyo-270-2403";
    const YN: [&str; 2] = ["crmo_persistent_osteomyelitis", "crmo_complications"];

    // 「下記の（１）又は（２）を満たした場合は重症例とし助成対象とする。」
    #[test]
    fn each_alternative_alone() {
        any_of_yes_no(ID, "1", &YN, &[]);
    }

    // The diagnosis is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(
                &declared(c),
                &[
                    ("crmo_persistent_osteomyelitis", "2"),
                    ("crmo_complications", "1"),
                ],
            )
        });
    }
}

mod porphyria_254 {
    use super::*;
    const ID: &str = "nanbyo-254-2403";
    const YN: [&str; 8] = [
        "porph_1_photodermatitis",
        "porph_2_hand_function",
        "porph_3_abdominal_attacks",
        "porph_4_diarrhea",
        "porph_5_constipation",
        "porph_6_liver",
        "porph_7_hemolytic_anemia",
        "porph_8_neurologic",
    ];

    // 「以下の臨床症状のいずれか１項目以上を有するものを重症とする。」 ①～⑧ each alone.
    #[test]
    fn each_symptom_alone() {
        any_of_yes_no(ID, "1", &YN, &[]);
    }

    // The diagnosis of each type is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
        categories(ID, false, |c| {
            with(&with(&declared(c), &none), &[("porph_6_liver", "1")])
        });
    }
}

mod lipodystrophy_265 {
    use super::*;
    const ID: &str = "nanbyo-265-2403";

    fn f(category: &str, glucose: &str, insulin: &str, dm: &str, tg: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("lipo_fasting_glucose", glucose),
                ("lipo_fasting_insulin", insulin),
                ("lipo_diabetes", dm),
                ("lipo_triglyceride", tg),
            ],
        )
    }

    // 「インスリン抵抗性を認め、糖尿病、…を有する」 HOMA-IR ≥ 2.6: 90 × 11.7 / 405 = 2.6
    // met; 90 × 11.6 / 405 = 2.58 not.
    #[test]
    fn homa_ir_2_6_with_diabetes() {
        let e = eval_new(ID, &f("1", "90", "11.7", "1", "100"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "90", "11.6", "1", "100")),
            SeverityOutcome::NotMet
        );
    }

    // 「…高インスリン血症（空腹時インスリン値30µU/mL以上）又は高中性脂肪血症（150mg/dL以上）」 each alone.
    #[test]
    fn hyperinsulinemia_or_hypertriglyceridemia_alone() {
        assert_eq!(
            severity(ID, &f("1", "90", "30.0", "2", "100")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "90", "29.9", "2", "149")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "90", "20.0", "2", "150")),
            SeverityOutcome::Met
        );
    }

    // Without insulin resistance, diabetes and high TG are not enough.
    #[test]
    fn no_insulin_resistance_is_not_met() {
        assert_eq!(
            severity(ID, &f("1", "80", "5.0", "1", "500")),
            SeverityOutcome::NotMet
        );
    }

    // 「Definiteのみ対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "140", "25.0", "1", "300"));
    }

    // Blank TG is named when HOMA-IR is met and nothing else is; not when diabetes is.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "90", "20.0", "2", ""), &["lipo_triglyceride"]);
        assert_eq!(
            severity(ID, &f("1", "90", "20.0", "1", "")),
            SeverityOutcome::Met
        );
    }
}

// ---------------------------------------------------------------------------
// 「Stage３以上を対象とする。ただし、薬物療法を行っていてヘモグロビン濃度10g/dL以上の者は
// 対象外とする。」 (scales/hemolytic_anemia_stage).

macro_rules! anemia_stage_disease {
    ($name:ident, $id:literal, probable = $probable:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            fn f(category: &str, drug: &str, hb: &str) -> FormData {
                with(
                    &declared(category),
                    &[("anemia_drug_therapy", drug), ("anemia_hemoglobin", hb)],
                )
            }

            // Stage 3+ (薬物療法あり) below 10 g/dL is met; 10.0 is excluded.
            #[test]
            fn drug_therapy_with_hb_9_9_is_met_and_10_0_is_not() {
                let e = eval_new(ID, &f("1", "1", "9.9"));
                assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                assert_eq!(e.determination.result, Outcome::Eligible);
                assert_eq!(severity(ID, &f("1", "1", "6.5")), SeverityOutcome::Met);
                assert_eq!(severity(ID, &f("1", "1", "10.0")), SeverityOutcome::NotMet);
            }

            // Stage 1–2 (no drug therapy) is not met even at Hb 6.5.
            #[test]
            fn without_drug_therapy_is_not_met() {
                assert_eq!(severity(ID, &f("1", "2", "6.5")), SeverityOutcome::NotMet);
            }

            // ＜診断基準＞ the eligible categories.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, $probable, |c| f(c, "1", "8.0"));
            }

            // A blank Hb is named under drug therapy; not without it.
            #[test]
            fn blanks() {
                assert_undetermined_naming(ID, &f("1", "1", ""), &["anemia_hemoglobin"]);
                assert_eq!(severity(ID, &f("1", "2", "")), SeverityOutcome::NotMet);
            }
        }
    };
}

anemia_stage_disease!(cda_282, "nanbyo-282-2403", probable = false);
anemia_stage_disease!(
    acquired_pure_red_cell_aplasia_283,
    "nanbyo-283-2403",
    probable = false
);
anemia_stage_disease!(sideroblastic_anemia_286, "nanbyo-286-2403", probable = true);

grade_disease!(
    diamond_blackfan_284,
    "nanbyo-284-2403",
    "dba_stage",
    probable = true,
    min = 2
);

mod fanconi_285 {
    use super::*;
    const ID: &str = "nanbyo-285-2403";

    fn f(category: &str, ret: &str, neu: &str, plt: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("fa_reticulocytes", ret),
                ("fa_neutrophils", neu),
                ("fa_platelets", plt),
            ],
        )
    }

    // 「stage ２ 中等症 以下の２項目以上を満たす。網赤血球 60,000/µL未満 好中球 1,000/µL未満
    // 血小板 50,000/µL未満」: each pair met; one of three and each value on its edge not.
    #[test]
    fn two_of_three_is_met_and_one_is_not() {
        let e = eval_new(ID, &f("1", "59999", "999", "50000"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "59999", "1000", "49999")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "60000", "999", "49999")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "60000", "1000", "49999")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "59999", "1000", "50000")),
            SeverityOutcome::NotMet
        );
    }

    // Definite only.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "40000", "800", "60000"));
    }

    // A blank count is named while one other is low; not once two are.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "40000", "", "60000"), &["fa_neutrophils"]);
        assert_eq!(
            severity(ID, &f("1", "40000", "", "30000")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "90000", "", "60000")),
            SeverityOutcome::NotMet
        );
    }
}

mod acquired_coagulation_factor_deficiency_288 {
    use super::*;
    const ID: &str = "nanbyo-288-2403";

    // 「過去１年間に重症出血の（１）～（４）のいずれかを１回以上起こした例を重症例とし対象とする。」
    #[test]
    fn severe_bleeding_is_met() {
        any_of_yes_no(ID, "1", &["acf_severe_bleeding_1y"], &[]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| {
            with(&declared(c), &[("acf_severe_bleeding_1y", "1")])
        });
    }
}

mod cronkhite_canada_289 {
    use super::*;
    const ID: &str = "nanbyo-289-2403";

    fn f(category: &str, alb: &str) -> FormData {
        with(&declared(category), &[("ccs_albumin", alb)])
    }

    // 「アルブミン値3.0g/dL以下の低アルブミン血症を重症とする。」: 3.0 met, 3.1 not.
    #[test]
    fn albumin_3_0_is_met_and_3_1_is_not() {
        let e = eval_new(ID, &f("1", "3.0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "3.1")), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "2.5"));
    }

    // A blank albumin is named.
    #[test]
    fn a_blank_albumin_is_named() {
        assert_undetermined_naming(ID, &f("1", ""), &["ccs_albumin"]);
    }
}

mod cmuse_290 {
    use super::*;
    const ID: &str = "nanbyo-290-2403";

    fn f(category: &str, hb: &str, alb: &str, obstruction: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("cmuse_hemoglobin", hb),
                ("cmuse_albumin", alb),
                ("cmuse_stenosis_obstruction", obstruction),
            ],
        )
    }

    // 「ヘモグロビン10.0g/dL以下の貧血、あるいはアルブミン値3.0g/dL以下の低アルブミン血症」
    // and 「腸管狭窄による腸閉塞症状」, each alone, each threshold on both sides.
    #[test]
    fn each_alternative_alone() {
        let e = eval_new(ID, &f("1", "10.0", "3.1", "2"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "10.1", "3.1", "2")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "10.1", "3.0", "2")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "10.1", "3.1", "1")),
            SeverityOutcome::Met
        );
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "9.0", "3.5", "2"));
    }

    // A blank Hb is named while the others are not met; not once albumin is low.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "3.5", "2"), &["cmuse_hemoglobin"]);
        assert_eq!(severity(ID, &f("1", "", "2.5", "2")), SeverityOutcome::Met);
    }
}

mod hirschsprung_291 {
    use super::*;
    const ID: &str = "nanbyo-291-2403";

    // 「経静脈栄養や経管栄養管理を必要とする症例を重症例として対象とする。」
    #[test]
    fn nutrition_support_is_met() {
        any_of_yes_no(ID, "1", &["hd_parenteral_or_tube_feeding"], &[]);
    }

    // 「Definite（確定診断）とされたもののうち全結腸型又は、小腸型を対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(&declared(c), &[("hd_parenteral_or_tube_feeding", "1")])
        });
    }
}

// 「以下のいずれかを満たす例を重症例として対象とする。１）急性腹症で入院 ２）UTIを繰り返す
// ３）CKD重症度分類ヒートマップが赤 ４）腟形成が必要」 (292, 293).
macro_rules! cloaca_disease {
    ($name:ident, $id:literal, $tag:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;
            const YN: [&str; 3] = [
                concat!($tag, "_acute_abdomen_admission"),
                concat!($tag, "_recurrent_uti"),
                concat!($tag, "_vaginoplasty_needed"),
            ];
            const KIDNEY_NORMAL: [(&str, &str); 2] =
                [("ckd_egfr", "95.0"), ("ckd_proteinuria", "0.10")];

            // １）２）４） each alone.
            #[test]
            fn each_yes_no_alternative_alone() {
                any_of_yes_no(ID, "1", &YN, &KIDNEY_NORMAL);
            }

            // ３）CKD重症度分類ヒートマップが赤 alone, each edge.
            #[test]
            fn ckd_red_alone() {
                let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
                let base = with(&declared("1"), &none);
                ckd_heatmap_edges(ID, false, |e, p| {
                    with(&base, &[("ckd_egfr", e), ("ckd_proteinuria", p)])
                });
            }

            // Definite only.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, false, |c| {
                    let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
                    with(
                        &with(&with(&declared(c), &none), &KIDNEY_NORMAL),
                        &[(YN[0], "1")],
                    )
                });
            }
        }
    };
}

cloaca_disease!(cloacal_exstrophy_292, "nanbyo-292-2403", "cex");
cloaca_disease!(persistent_cloaca_293, "nanbyo-293-2403", "pcl");

mod cdh_294 {
    use super::*;
    const ID: &str = "nanbyo-294-2403";
    const YN: [&str; 9] = [
        "cdh_a_growth",
        "cdh_b_neuro",
        "cdh_c_hearing",
        "cdh_d_respiratory",
        "cdh_e_nutrition",
        "cdh_f_gerd",
        "cdh_g_pulmonary_hypertension",
        "cdh_h_respiratory_infection",
        "cdh_i_chest_deformity",
    ];

    // 「以下の９項目のうち、少なくとも１項目以上に該当する症例。」 a)～i) each alone.
    #[test]
    fn each_item_alone() {
        any_of_yes_no(ID, "1", &YN, &[]);
    }

    // 「…いずれか１項目を満たせばDefinite（確定診断）とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        let none: Vec<(&str, &str)> = YN.iter().map(|i| (*i, "2")).collect();
        categories(ID, false, |c| {
            with(&with(&declared(c), &none), &[("cdh_d_respiratory", "1")])
        });
    }
}

mod hereditary_pancreatitis_298 {
    use super::*;
    const ID: &str = "nanbyo-298-2403";

    // 「急性膵炎発作を直近１年に１回以上起こしている場合を重症とし、対象とする。」
    #[test]
    fn attack_in_the_last_year_is_met() {
        any_of_yes_no(ID, "1", &["hp_pancreatitis_attack_1y"], &[]);
    }

    // The diagnosis is met or not (declared as Definite).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(&declared(c), &[("hp_pancreatitis_attack_1y", "1")])
        });
    }
}

grade_disease!(
    biliary_atresia_296,
    "nanbyo-296-2403",
    "ba_severity_grade",
    probable = false,
    min = 2
);

mod biliary_atresia_296_grade_0 {
    use super::*;

    // 「軽快者」 (code 0) is not met either.
    #[test]
    fn recovered_is_not_met() {
        let f = with(&declared("1"), &[("ba_severity_grade", "0")]);
        assert_eq!(severity("nanbyo-296-2403", &f), SeverityOutcome::NotMet);
    }
}

mod muscle_gsd_256 {
    use super::*;
    const ID: &str = "nanbyo-256-2403";

    fn f(category: &str, pairs: &[(&str, &str)]) -> FormData {
        with(&imd(category, &[("mgsd_myoglobinuria", "a")]), pairs)
    }

    // 「中等症以上を対象とする。」 on I–VI plus the 附則: 3 met, 2 not.
    #[test]
    fn moderate_total_3_is_met_and_2_is_not() {
        let e = eval_new(ID, &f("1", &[("imd_drug", "c"), ("imd_diet", "b")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", &[("imd_drug", "c")])),
            SeverityOutcome::NotMet
        );
    }

    // 附則「…当該附則の点数も加えた総合点をもとに最終評価を決定する。」: b (2) + I b (1) = 3
    // met; b alone (2) not; c (4) alone is a 4-point item: 重症（１）.
    #[test]
    fn the_myoglobinuria_addendum_counts() {
        let b_plus_1 = f("1", &[("mgsd_myoglobinuria", "b"), ("imd_drug", "b")]);
        assert_eq!(severity(ID, &b_plus_1), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &f("1", &[("mgsd_myoglobinuria", "b")])),
            SeverityOutcome::NotMet
        );
        let c = f("1", &[("mgsd_myoglobinuria", "c")]);
        assert_eq!(criterion(ID, &c, "sev_imd_severe_4pt"), Some(true));
        assert_eq!(severity(ID, &c), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, &[("imd_drug", "c"), ("imd_diet", "b")]));
    }

    // A blank 附則 is named at total 2; it does not matter at total 3.
    #[test]
    fn blank_addendum() {
        assert_undetermined_naming(
            ID,
            &f("1", &[("imd_drug", "c"), ("mgsd_myoglobinuria", "")]),
            &["mgsd_myoglobinuria"],
        );
        let decided = f(
            "1",
            &[
                ("imd_drug", "c"),
                ("imd_diet", "b"),
                ("mgsd_myoglobinuria", ""),
            ],
        );
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod hyperchylomicronemia_262 {
    use super::*;
    const ID: &str = "nanbyo-262-2403";

    fn f(category: &str, attack: &str, pairs: &[(&str, &str)]) -> FormData {
        with(
            &imd(category, &[("chylo_pancreatitis_attack_1y", attack)]),
            pairs,
        )
    }

    // 「先天性代謝異常症の重症度評価で、中等症以上を対象とする。」: 3 met, 2 not.
    #[test]
    fn moderate_total_3_is_met_and_2_is_not() {
        let e = eval_new(ID, &f("1", "2", &[("imd_drug", "c"), ("imd_diet", "b")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "2", &[("imd_drug", "c")])),
            SeverityOutcome::NotMet
        );
    }

    // 「または、急性膵炎発作を直近１年に１回以上起こしている場合を重症とし、対象とする。」 alone.
    #[test]
    fn pancreatitis_alone_is_met() {
        assert_eq!(severity(ID, &f("1", "1", &[])), SeverityOutcome::Met);
    }

    // 「＊当該疾患についての食事栄養治療の状況はa又はbとする。」
    #[test]
    fn diet_is_a_or_b_only() {
        let e = eval_new(ID, &f("1", "2", &[("imd_diet", "c")]));
        assert!(codes(&e).contains(&("chylo_imd_diet_a_or_b".to_string(), "imd_diet".to_string())));
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "1", &[]));
    }

    // A blank attack item is named below 3 points; not at 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", &[]), &["chylo_pancreatitis_attack_1y"]);
        let decided = f("1", "", &[("imd_drug", "c"), ("imd_diet", "b")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

// ---------------------------------------------------------------------------
// 眼の重症度分類 「以下でIII度以上の者を対象とする。」 (scales/eye_severity_grade).

mod gelatinous_drop_like_332 {
    use super::*;
    const ID: &str = "nanbyo-332-2403";

    fn f(category: &str, grade: &str) -> FormData {
        with(&declared(category), &[("eye_severity_grade", grade)])
    }

    // III度 and IV度 met; II度 not.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        for g in ["3", "4"] {
            let e = eval_new(ID, &f("1", g));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible);
        }
        assert_eq!(severity(ID, &f("1", "2")), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "3"));
    }

    // A blank grade is named.
    #[test]
    fn a_blank_grade_is_named() {
        assert_undetermined_naming(ID, &f("1", ""), &["eye_severity_grade"]);
    }
}

mod anterior_segment_dysgenesis_328 {
    use super::*;
    const ID: &str = "nanbyo-328-2403";

    fn f(category: &str, grade: &str, mrs: &str) -> FormData {
        with(
            &mrs_nr(category, mrs, "0", "0"),
            &[("eye_severity_grade", grade)],
        )
    }

    // 「１）以下でIII度以上」 alone: III met, II not.
    #[test]
    fn eye_grade_3_alone() {
        let e = eval_new(ID, &f("1", "3", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "2", "2")), SeverityOutcome::NotMet);
    }

    // 「２）mRS、食事・栄養、呼吸…いずれかが３以上」 alone.
    #[test]
    fn mrs_nr_alone() {
        assert_eq!(severity(ID, &f("1", "1", "3")), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "4", "0"));
    }

    // A blank eye grade is named while mRS < 3; not once mRS is 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "2"), &["eye_severity_grade"]);
        assert_eq!(severity(ID, &f("1", "", "3")), SeverityOutcome::Met);
    }
}

mod aniridia_329 {
    use super::*;
    const ID: &str = "nanbyo-329-2403";

    fn f(category: &str, grade: &str, mrs: &str, egfr: &str, protein: &str) -> FormData {
        with(
            &mrs_nr(category, mrs, "0", "0"),
            &[
                ("eye_severity_grade", grade),
                ("ckd_egfr", egfr),
                ("ckd_proteinuria", protein),
            ],
        )
    }

    // 「１）～３）のいずれかに該当するもの」 each alone.
    #[test]
    fn each_alternative_alone() {
        let e = eval_new(ID, &f("1", "3", "0", "95.0", "0.10"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "2", "2", "95.0", "0.10")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "2", "3", "95.0", "0.10")),
            SeverityOutcome::Met
        );
        ckd_heatmap_edges(ID, false, |e, p| f("1", "2", "2", e, p));
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "4", "0", "95.0", "0.10"));
    }
}

mod osteopetrosis_326 {
    use super::*;
    const ID: &str = "nanbyo-326-2403";

    // 「modified Rankin Scale（mRS）の評価スケールを用いて、３以上を対象とする。」
    #[test]
    fn mrs_3_is_met_and_2_is_not_and_nutrition_does_not_count() {
        let e = eval_new(ID, &mrs_nr("1", "3", "0", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &mrs_nr("1", "2", "5", "5")),
            SeverityOutcome::NotMet
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| mrs_nr(c, "4", "0", "0"));
    }

    // A blank mRS is named; blank 食事・栄養 does not matter.
    #[test]
    fn blanks() {
        assert_undetermined_naming(
            ID,
            &with(&mrs_nr("1", "3", "0", "0"), &[("mrs", "")]),
            &["mrs"],
        );
        let f = with(&mrs_nr("1", "3", "0", "0"), &[("nutrition", "")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    }
}

mod thrombophilia_327 {
    use super::*;
    const ID: &str = "nanbyo-327-2403";

    fn f(category: &str, relapse: &str, pairs: &[(&str, &str)]) -> FormData {
        with(
            &with(
                &declared(category),
                &[("thrombo_relapse_on_treatment_6m", relapse)],
            ),
            pairs,
        )
    }

    // 「Barthel Index 85点以下を対象とする。」: 85 met, 90 not.
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        let e = eval_new(ID, &f("1", "2", &[("adl_walking", "0")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "2", &[("adl_stairs", "0")])),
            SeverityOutcome::NotMet
        );
    }

    // 「ただし、直近６か月以内に、治療中であるにもかかわらず再発した場合は、Barthel Indexで
    // 90点以上であっても、対象とする。」: relapse with Barthel 100 met.
    #[test]
    fn relapse_on_treatment_with_barthel_100_is_met() {
        let e = eval_new(ID, &f("1", "1", &[]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "1", &[]));
    }

    // A blank relapse is named with Barthel 100; not with Barthel 85.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", &[]), &["thrombo_relapse_on_treatment_6m"]);
        assert_eq!(
            severity(ID, &f("1", "", &[("adl_walking", "0")])),
            SeverityOutcome::Met
        );
    }
}

mod progeria_333 {
    use super::*;
    const ID: &str = "nanbyo-333-2403";

    fn f(category: &str, nyha: &str, mrs: &str) -> FormData {
        with(&mrs_nr(category, mrs, "0", "0"), &[("nyha_class", nyha)])
    }

    // 「１）心症状があり、薬物治療・手術によってもNYHA分類でII度以上」 alone: II met, I not.
    #[test]
    fn nyha_2_alone() {
        let e = eval_new(ID, &f("1", "2", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "1", "2")), SeverityOutcome::NotMet);
    }

    // 「２）mRS、食事・栄養、呼吸…いずれかが３以上」 alone.
    #[test]
    fn mrs_nr_alone() {
        assert_eq!(severity(ID, &f("1", "1", "3")), SeverityOutcome::Met);
    }

    // 「Definite及びProbableを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "2", "0"));
    }

    // A blank NYHA is named while mRS < 3; not once mRS is 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "2"), &["nyha_class"]);
        assert_eq!(severity(ID, &f("1", "", "3")), SeverityOutcome::Met);
    }
}

// ---------------------------------------------------------------------------
// 「①～④のいずれかを満たすものを対象とする。①mRS、食事・栄養、呼吸…３以上 ②聴覚障害：
// ３高度難聴以上 ③視覚障害：良好な方の眼の矯正視力が0.3未満 ④出血、感染…いずれかが３以上」

fn vm(category: &str, pairs: &[(&str, &str)]) -> FormData {
    with(
        &mrs_nr(category, "2", "2", "2"),
        &[
            &[
                ("hearing_level", "2"),
                ("va_better_eye", "0.3"),
                ("vm_bleeding", "2"),
                ("vm_infection", "2"),
            ][..],
            pairs,
        ]
        .concat(),
    )
}

macro_rules! vm_disease {
    ($name:ident, $id:literal) => {
        mod $name {
            use super::*;
            const ID: &str = $id;

            // Each of ①–④ alone on its boundary; all just below is not met.
            #[test]
            fn each_alternative_alone() {
                let e = eval_new(ID, &vm("1", &[]));
                assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
                for pair in [
                    ("mrs", "3"),
                    ("respiration", "3"),
                    ("hearing_level", "3"),
                    ("va_better_eye", "0.29"),
                    ("vm_bleeding", "3"),
                    ("vm_infection", "3"),
                ] {
                    let e = eval_new(ID, &vm("1", &[pair]));
                    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
                    assert_eq!(e.determination.result, Outcome::Eligible, "{pair:?}");
                }
            }

            // Definite (細分類診断基準で診断) only.
            #[test]
            fn eligible_and_non_eligible_categories() {
                categories(ID, false, |c| vm(c, &[("vm_bleeding", "4")]));
            }

            // A blank 出血 is named while nothing else is met; not once 感染 is 3.
            #[test]
            fn blanks() {
                assert_undetermined_naming(ID, &vm("1", &[("vm_bleeding", "")]), &["vm_bleeding"]);
                let f = vm("1", &[("vm_bleeding", ""), ("vm_infection", "3")]);
                assert_eq!(severity(ID, &f), SeverityOutcome::Met);
            }
        }
    };
}

vm_disease!(giant_lymphatic_malformation_278, "nanbyo-278-2403");
vm_disease!(giant_venous_malformation_279, "nanbyo-279-2403");
vm_disease!(giant_av_malformation_280, "nanbyo-280-2403");

mod klippel_trenaunay_weber_281 {
    use super::*;
    const ID: &str = "nanbyo-281-2403";

    fn f(category: &str, mrs: &str, bleeding: &str, infection: &str) -> FormData {
        with(
            &mrs_nr(category, mrs, "0", "0"),
            &[("vm_bleeding", bleeding), ("vm_infection", infection)],
        )
    }

    // 「①mRS ３以上」「②出血、感染…いずれかが３以上」 each alone; 2, 2, 2 not;
    // 食事・栄養 5 does not count.
    #[test]
    fn each_alternative_alone() {
        let e = eval_new(ID, &f("1", "3", "0", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "2", "3", "0")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &f("1", "2", "0", "3")), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &f("1", "2", "2", "2")),
            SeverityOutcome::NotMet
        );
        let n5 = with(&f("1", "2", "2", "2"), &[("nutrition", "5")]);
        assert_eq!(severity(ID, &n5), SeverityOutcome::NotMet);
    }

    // Definite only.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "3", "1", "1"));
    }

    // A blank mRS is named while 出血・感染 < 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "", "2", "2"), &["mrs"]);
        assert_eq!(severity(ID, &f("1", "", "2", "4")), SeverityOutcome::Met);
    }
}

mod castleman_331 {
    use super::*;
    const ID: &str = "nanbyo-331-2403";

    fn f(category: &str, shadow: &str, pao2: &str, spo2: &str, pairs: &[(&str, &str)]) -> FormData {
        let base = with(
            &declared(category),
            &[
                ("ckd_egfr", "95.0"),
                ("ckd_proteinuria", "0.10"),
                ("imcd_interstitial_shadow", shadow),
                ("imcd_pao2", pao2),
                ("imcd_6mw_spo2", spo2),
            ],
        );
        with(&base, pairs)
    }

    // 「③間質性の肺陰影がみられ、肺障害の重症度分類でⅢ度以上。」: PaO2 69.9 (III度) met,
    // 70.0 (II度) with SpO2 90 not, with SpO2 89 (1段階上げ III度) met; 80.0 (I度) with 89 not.
    #[test]
    fn lung_grade_3_with_interstitial_shadow() {
        let e = eval_new(ID, &f("1", "1", "69.9", "not_done", &[]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "1", "70.0", "90", &[])),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "1", "70.0", "89", &[])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "1", "80.0", "89", &[])),
            SeverityOutcome::NotMet
        );
        // Both halves: no interstitial shadow with PaO2 55 is not met.
        assert_eq!(
            severity(ID, &f("1", "2", "55.0", "85", &[])),
            SeverityOutcome::NotMet
        );
    }

    // 「①機能的評価：Barthel Indexを用いて、85点以下。」 and 「②CKD…赤」 each alone.
    #[test]
    fn barthel_or_ckd_alone() {
        assert_eq!(
            severity(ID, &f("1", "2", "90.0", "95", &[("adl_walking", "0")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "2", "90.0", "95", &[("adl_stairs", "0")])),
            SeverityOutcome::NotMet
        );
        ckd_heatmap_edges(ID, false, |e, p| {
            f(
                "1",
                "2",
                "90.0",
                "95",
                &[("ckd_egfr", e), ("ckd_proteinuria", p)],
            )
        });
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "1", "65.0", "not_done", &[]));
    }

    // A blank SpO2 is named at PaO2 75 (II度); not at PaO2 65 (III度 anyway).
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "1", "75.0", "", &[]), &["imcd_6mw_spo2"]);
        assert_eq!(
            severity(ID, &f("1", "1", "65.0", "", &[])),
            SeverityOutcome::Met
        );
    }
}

mod delayed_endolymphatic_hydrops_305 {
    use super::*;
    const ID: &str = "nanbyo-305-2403";

    fn f(category: &str, a: &str, b: &str, c: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("dh_a_balance", a),
                ("dh_b_hearing", b),
                ("dh_c_progression", c),
            ],
        )
    }

    // 「重症度分類３項目の全てが４点以上を対象とする。」: 4/4/4 met; each at 3 alone not.
    #[test]
    fn all_three_at_4_is_met_and_any_at_3_is_not() {
        let e = eval_new(ID, &f("1", "4", "4", "4"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        for s in [["3", "4", "4"], ["4", "3", "4"], ["4", "4", "3"]] {
            assert_eq!(
                severity(ID, &f("1", s[0], s[1], s[2])),
                SeverityOutcome::NotMet
            );
        }
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "4", "4", "4"));
    }

    // A blank item is named while the others are 4; not once another is 3.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "4", "", "4"), &["dh_b_hearing"]);
        assert_eq!(severity(ID, &f("1", "3", "", "4")), SeverityOutcome::NotMet);
    }
}

mod pap_229 {
    use super::*;
    const ID: &str = "nanbyo-229-2403";

    fn f(symptoms: &str, pao2: &str, refractory: [&str; 4]) -> FormData {
        with(
            &declared("1"),
            &[
                ("pap_symptoms", symptoms),
                ("pap_pao2", pao2),
                ("pap_fibrosis", refractory[0]),
                ("pap_infection", refractory[1]),
                ("pap_cpap", refractory[2]),
                ("pap_6mw_spo2_below_90", refractory[3]),
            ],
        )
    }
    const NONE: [&str; 4] = ["2", "2", "2", "2"];

    // 「管理区分重症度III以上を対象とする。」 PAP重症度3: 70 Torr＞PaO2≧60 Torr: 69.9 met, 70.0 not.
    #[test]
    fn dss_3_by_pao2_below_70() {
        let e = eval_new(ID, &f("2", "69.9", NONE));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(severity(ID, &f("1", "70.0", NONE)), SeverityOutcome::NotMet);
    }

    // 「難治例として、重症度を１度加えて管理区分重症度とする」: DSS 2 (症状有り, PaO2 ≥ 70)
    // plus each of (１)～(４) alone is III; DSS 1 plus one is II (not met).
    #[test]
    fn each_refractory_condition_adds_one_grade() {
        for i in 0..4 {
            let mut r = NONE;
            r[i] = "1";
            assert_eq!(
                severity(ID, &f("1", "80.0", r)),
                SeverityOutcome::Met,
                "{i}"
            );
            assert_eq!(
                severity(ID, &f("2", "80.0", r)),
                SeverityOutcome::NotMet,
                "{i}"
            );
        }
    }

    // The diagnosis (自己免疫性・先天性PAP) is declared as Definite.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| {
            with(&f("2", "65.0", NONE), &[("diagnosis_category_declared", c)])
        });
    }

    // A blank 症状 is named at PaO2 80 with one refractory condition; not at PaO2 65.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("", "80.0", ["1", "2", "2", "2"]), &["pap_symptoms"]);
        assert_eq!(severity(ID, &f("", "65.0", NONE)), SeverityOutcome::Met);
    }
}

mod progressive_myoclonus_epilepsy_309 {
    use super::*;
    const ID: &str = "nanbyo-309-2403";

    fn f(category: &str, cd: &str, ab: &str, disability: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("g40_seizure_cd", cd),
                ("g40_seizure_ab", ab),
                ("disability_grade", disability),
            ],
        )
    }

    // 「１級程度（ハ、ニの発作が月に１回以上）：能力障害評価１～５全て」
    #[test]
    fn grade_1_with_any_disability() {
        let e = eval_new(ID, &f("1", "1", "3", "1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「２級程度（イ、ロが月に１回以上／ハ、ニが年に２回以上）：３～５のみ」: 3 met, 2 not.
    #[test]
    fn grade_2_with_disability_3_is_met_and_2_is_not() {
        let e = eval_new(ID, &f("1", "4", "1", "3"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "4", "1", "2")),
            SeverityOutcome::NotMet
        );
        assert_eq!(severity(ID, &f("1", "2", "3", "3")), SeverityOutcome::Met);
    }

    // 「３級程度（イ、ロが月に１回未満／ハ、ニが年に２回未満）：４～５のみ」: 4 met, 3 not.
    #[test]
    fn grade_3_with_disability_4_is_met_and_3_is_not() {
        assert_eq!(severity(ID, &f("1", "3", "3", "4")), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &f("1", "3", "3", "3")),
            SeverityOutcome::NotMet
        );
        assert_eq!(severity(ID, &f("1", "4", "2", "4")), SeverityOutcome::Met);
        // No seizures: no grade.
        assert_eq!(
            severity(ID, &f("1", "4", "3", "5")),
            SeverityOutcome::NotMet
        );
    }

    // Definite and Probable (see review_needed).
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, true, |c| f(c, "1", "3", "1"));
    }

    // A blank disability is named at grade 2; not at grade 1.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "4", "1", ""), &["disability_grade"]);
        assert_eq!(severity(ID, &f("1", "1", "3", "")), SeverityOutcome::Met);
    }
}

mod epstein_287 {
    use super::*;
    const ID: &str = "nanbyo-287-2403";

    fn f(category: &str, plt: &str, bleeding: &str, hearing: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("epstein_platelets", plt),
                ("epstein_bleeding", bleeding),
                ("hearing_level", hearing),
                ("ckd_egfr", "95.0"),
                ("ckd_proteinuria", "0.10"),
            ],
        )
    }

    // 「血小板減少はITPの重症度分類でStageII以上」: 2≦ ＜5 無症状 = II met; 5≦ ＜10 無症状・皮下出血 = I
    // not, 粘膜出血 = II met; 10 以上 not.
    #[test]
    fn itp_stage_2() {
        let e = eval_new(ID, &f("1", "4.9", "0", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "5.0", "1", "0")),
            SeverityOutcome::NotMet
        );
        assert_eq!(severity(ID, &f("1", "5.0", "2", "0")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &f("1", "9.9", "3", "0")), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &f("1", "10.0", "3", "0")),
            SeverityOutcome::NotMet
        );
    }

    // 「聴覚は高度難聴以上」 alone and 「腎はCKD重症度分類ヒートマップが赤」 alone.
    #[test]
    fn hearing_or_kidney_alone() {
        assert_eq!(
            severity(ID, &f("1", "15.0", "0", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "15.0", "0", "2")),
            SeverityOutcome::NotMet
        );
        ckd_heatmap_edges(ID, false, |e, p| {
            with(
                &f("1", "15.0", "0", "0"),
                &[("ckd_egfr", e), ("ckd_proteinuria", p)],
            )
        });
    }

    // Definite only.
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "3.0", "0", "0"));
    }

    // A blank bleeding is named at 5–10; not below 5.
    #[test]
    fn blanks() {
        assert_undetermined_naming(ID, &f("1", "7.0", "", "0"), &["epstein_bleeding"]);
        assert_eq!(severity(ID, &f("1", "3.0", "", "0")), SeverityOutcome::Met);
    }
}

mod hsp_nephritis_224 {
    use super::*;
    const ID: &str = "nanbyo-224-2403";

    fn f(category: &str, grade: &str, maintenance: &str, egfr: &str, protein: &str) -> FormData {
        with(
            &declared(category),
            &[
                ("hspn_iskdc_grade", grade),
                ("hspn_maintenance_phase", maintenance),
                ("ckd_egfr", egfr),
                ("ckd_proteinuria", protein),
            ],
        )
    }

    // 「ア）…ISKDC…GradeIIIb以上の場合。」: IIIb met, IIIa not, 生検未実施 not.
    #[test]
    fn iskdc_grade_iiib_alone() {
        let e = eval_new(ID, &f("1", "4", "2", "95.0", "0.30"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &f("1", "3", "2", "95.0", "0.30")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &f("1", "10", "2", "95.0", "0.30")),
            SeverityOutcome::NotMet
        );
    }

    // 「イ）維持治療期では…重症（赤）」: both halves; 「ウ）蛋白尿0.5g/日以上」 alone.
    #[test]
    fn ckd_red_in_maintenance_and_proteinuria() {
        assert_eq!(
            severity(ID, &f("1", "3", "1", "29.0", "0.10")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "3", "2", "29.0", "0.10")),
            SeverityOutcome::NotMet
        );
        ckd_heatmap_edges(ID, true, |e, p| f("1", "3", "1", e, p));
        assert_eq!(
            severity(ID, &f("1", "3", "2", "95.0", "0.50")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &f("1", "3", "2", "95.0", "0.49")),
            SeverityOutcome::NotMet
        );
    }

    // 「紫斑病性腎炎と確定診断された例（Definite）を対象とする。」
    #[test]
    fn eligible_and_non_eligible_categories() {
        categories(ID, false, |c| f(c, "5", "2", "95.0", "0.10"));
    }

    // A blank maintenance phase is named when the heatmap is red; not when it is green.
    #[test]
    fn blanks() {
        assert_undetermined_naming(
            ID,
            &f("1", "3", "", "29.0", "0.10"),
            &["hspn_maintenance_phase"],
        );
        assert_eq!(
            severity(ID, &f("1", "3", "", "95.0", "0.10")),
            SeverityOutcome::NotMet
        );
    }
}
