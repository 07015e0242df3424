//! 指定難病 1–110 whose 診断のカテゴリー is declared by the doctor and whose
//! 重症度分類 is judged by machine (definitions that include
//! `nanbyo/declared_diagnosis`). One module per disease; each test cites the
//! sentence of the MHLW 概要・診断基準等 it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

/// `declared(category)` with more answers.
fn declared_with(category: &str, extra: &[(&str, &str)]) -> FormData {
    with(&declared(category), extra)
}

/// 「Barthel Index 85点以下」 on `base` (a form whose Barthel items are all at
/// their highest score and whose other severity rules are not met): 85 is met
/// and 該当 with no error finding, 90 is not met and 非該当.
fn assert_barthel_85_boundary(id: &str, base: &FormData) {
    // 歩行 15 → 0: total 85.
    let f85 = with(base, &[("adl_walking", "0")]);
    let e = eval_new(id, &f85);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(
        e.calculations.get("barthel_index"),
        Some(&nsdb_forms::CalcValue::Number(85.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 階段昇降 10 → 0: total 90.
    let f90 = with(base, &[("adl_stairs", "0")]);
    assert_eq!(severity(id, &f90), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(id, &f90).determination.result,
        Outcome::NotEligible
    );
}

/// A blank Barthel item on `base` is named only while it could cross 85.
fn assert_barthel_blank_named_only_while_it_matters(id: &str, base: &FormData) {
    // 95 without 整容 (0 or 5): 95–100, never ≤ 85 → decided 非該当.
    let decided = with(base, &[("adl_grooming", ""), ("adl_bathing", "0")]);
    assert_eq!(severity(id, &decided), SeverityOutcome::NotMet);
    // 歩行 blank (0–15) and 階段 0: 75–90 → could be either side of 85: open.
    let open = with(base, &[("adl_walking", ""), ("adl_stairs", "0")]);
    assert_undetermined_naming(id, &open, &["adl_walking"]);
}

/// Each declared category of a form that meets the 重症度分類: Definite and
/// Probable are recognised, and the result is 該当 exactly for `eligible`.
fn assert_categories(id: &str, severe: impl Fn(&str) -> FormData, eligible: &[&str]) {
    for (code, want) in [
        ("1", DiagnosisOutcome::Definite),
        ("2", DiagnosisOutcome::Probable),
        ("3", DiagnosisOutcome::NotMet),
        ("4", DiagnosisOutcome::NotMet),
    ] {
        let f = severe(code);
        assert_eq!(diagnosis(id, &f), want, "category {code}");
        let result = eval_new(id, &f).determination.result;
        if eligible.contains(&code) {
            assert_eq!(result, Outcome::Eligible, "category {code}");
        } else {
            assert_eq!(result, Outcome::NotEligible, "category {code}");
        }
    }
}

/// 「精神症状評価２以上又は能力障害評価２以上」 (scales/two_axis_*), with a full
/// Barthel Index: 1/1 is not met; each axis at 2 alone is met; a blank axis is
/// named while the other is 1 and ignored once the other is 2.
fn assert_two_axis_2(id: &str) {
    let ones = declared_with(
        "1",
        &[
            ("psychiatric_symptom_grade", "1"),
            ("disability_grade", "1"),
        ],
    );
    assert_eq!(severity(id, &ones), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(id, &ones).determination.result,
        Outcome::NotEligible
    );
    for item in ["psychiatric_symptom_grade", "disability_grade"] {
        let e = eval_new(id, &with(&ones, &[(item, "2")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item} 2");
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} 2");
    }
    let open = with(&ones, &[("psychiatric_symptom_grade", "")]);
    assert_undetermined_naming(id, &open, &["psychiatric_symptom_grade"]);
    let decided = with(&open, &[("disability_grade", "2")]);
    assert_eq!(severity(id, &decided), SeverityOutcome::Met);
}

/// Every SJS/TEN item (scales/sjs_ten) answered なし / 0.
const SJS_TEN_NONE: [(&str, &str); 17] = [
    ("sjs_ten_eye_hyperemia", "2"),
    ("sjs_ten_eye_pseudomembrane", "2"),
    ("sjs_ten_eye_epithelial_defect", "2"),
    ("sjs_ten_eye_visual_impairment", "2"),
    ("sjs_ten_eye_dry_eye", "2"),
    ("sjs_ten_oral_extensive_bleeding", "2"),
    ("sjs_ten_lip_bleeding", "2"),
    ("sjs_ten_oral_extensive_nonbleeding", "2"),
    ("sjs_ten_genital_erosion", "2"),
    ("sjs_ten_skin_area", "0"),
    ("sjs_ten_fever", "2"),
    ("sjs_ten_respiratory", "2"),
    ("sjs_ten_full_thickness_necrosis", "2"),
    ("sjs_ten_liver", "2"),
    ("sjs_ten_severe_eye", "2"),
    ("sjs_ten_severe_respiratory", "2"),
    ("sjs_ten_severe_diffuse_erythema_ten", "2"),
];

/// 「２点以上６点未満 中等症」 and 「以下はスコアにかかわらず重症と判断する」 on
/// a definition including scales/sjs_ten.
fn assert_sjs_ten_moderate(id: &str) {
    let none = declared_with("1", &SJS_TEN_NONE);
    assert_eq!(
        eval_new(id, &none).determination.result,
        Outcome::NotEligible
    );
    // 1 point (軽症) and 2 points (中等症).
    let one = with(&none, &[("sjs_ten_eye_dry_eye", "1")]);
    assert_eq!(severity(id, &one), SeverityOutcome::NotMet);
    let two = with(&one, &[("sjs_ten_eye_visual_impairment", "1")]);
    let e = eval_new(id, &two);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(
        e.calculations.get("sjs_ten_score"),
        Some(&nsdb_forms::CalcValue::Number(2.0))
    );
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 皮膚 10％以上30％未満 alone: 2 points.
    assert_eq!(
        severity(id, &with(&none, &[("sjs_ten_skin_area", "2")])),
        SeverityOutcome::Met
    );
    // Each 「スコアにかかわらず重症」 alone, with 0 points.
    for item in [
        "sjs_ten_severe_eye",
        "sjs_ten_severe_respiratory",
        "sjs_ten_severe_diffuse_erythema_ten",
    ] {
        assert_eq!(
            severity(id, &with(&none, &[(item, "1")])),
            SeverityOutcome::Met,
            "{item}"
        );
    }
    // A blank item is open at 1 point and does not matter at 2.
    let open = with(&one, &[("sjs_ten_fever", "")]);
    assert_undetermined_naming(id, &open, &["sjs_ten_fever"]);
    assert_eq!(
        severity(id, &with(&two, &[("sjs_ten_fever", "")])),
        SeverityOutcome::Met
    );
}

/// A single graded 重症度 item `item` whose threshold is `at`: `below` is
/// 非該当, `at` is 該当 with no error finding, and the item blank is 判定不能
/// naming it.
fn assert_grade_threshold(id: &str, item: &str, below: &str, at: &str) {
    let e = eval_new(id, &declared_with("1", &[(item, at)]));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(
        e.determination.severity,
        SeverityOutcome::Met,
        "{item} {at}"
    );
    assert_eq!(e.determination.result, Outcome::Eligible, "{item} {at}");
    let f = declared_with("1", &[(item, below)]);
    assert_eq!(severity(id, &f), SeverityOutcome::NotMet, "{item} {below}");
    assert_eq!(eval_new(id, &f).determination.result, Outcome::NotEligible);
    assert_undetermined_naming(id, &declared("1"), &[item]);
}

/// 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし」: every item
/// of `items` at `below` is not met; each item alone at `at` is met (該当, no
/// error); 未実施 everywhere is not met; a blank item is named while the others
/// are below. `base` carries the other answers (e.g. the 病型).
fn assert_max_band(id: &str, base: &FormData, items: &[&str], below: &str, at: &str) {
    let all_below = items
        .iter()
        .fold(base.clone(), |f, i| with(&f, &[(i, below)]));
    assert_eq!(
        eval_new(id, &all_below).determination.result,
        Outcome::NotEligible
    );
    for i in items {
        let e = eval_new(id, &with(&all_below, &[(i, at)]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{i} {at}");
    }
    let not_done = items
        .iter()
        .fold(base.clone(), |f, i| with(&f, &[(i, "0")]));
    assert_eq!(severity(id, &not_done), SeverityOutcome::NotMet);
    assert_undetermined_naming(id, &with(&all_below, &[(items[0], "")]), &[items[0]]);
}

/// Answers of scales/adrenal_insufficiency where none of the four is met.
const ADRENAL_NONE: [(&str, &str); 4] = [
    ("adrenal_cortisol_basal", "4.0"),
    ("adrenal_acth_test_cortisol", "15.0"),
    ("adrenal_symptoms", "10"),
    ("adrenal_steroid_replacement", "2"),
];

/// 「以下の４項目のうち、少なくとも１項目以上を満たすものを対象とする。」
fn assert_adrenal_any_of_four(id: &str) {
    let none = declared_with("1", &ADRENAL_NONE);
    let e = eval_new(id, &none);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    // Each alone: コルチゾール 3.9 (4.0 not), ACTH負荷 14.9 (15.0 not), a symptom, 定期補充.
    for (item, v) in [
        ("adrenal_cortisol_basal", "3.9"),
        ("adrenal_acth_test_cortisol", "14.9"),
        ("adrenal_symptoms", "9"),
        ("adrenal_steroid_replacement", "1"),
    ] {
        let e = eval_new(id, &with(&none, &[(item, v)]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} {v}");
    }
    // 未実施 does not meet 1) or 2).
    let nd = with(
        &none,
        &[
            ("adrenal_cortisol_basal", "not_done"),
            ("adrenal_acth_test_cortisol", "not_done"),
        ],
    );
    assert_eq!(severity(id, &nd), SeverityOutcome::NotMet);
    // A blank item is open while the others are not met, ignored once one is.
    assert_undetermined_naming(
        id,
        &with(&none, &[("adrenal_steroid_replacement", "")]),
        &["adrenal_steroid_replacement"],
    );
    let decided = with(
        &none,
        &[
            ("adrenal_steroid_replacement", ""),
            ("adrenal_symptoms", "3"),
        ],
    );
    assert_eq!(severity(id, &decided), SeverityOutcome::Met);
}

/// scales/intestinal_dysmotility_severe: 「日常生活が著しく障害されており、かつ以下の３項目のうち、少なくとも１項目以上」
fn assert_intestinal_dysmotility_severe(id: &str) {
    let none = declared_with(
        "1",
        &[
            ("ido_daily_life_impaired", "1"),
            ("ido_parenteral_nutrition", "2"),
            ("ido_tube_feeding", "2"),
            ("ido_decompression", "2"),
        ],
    );
    assert_eq!(
        eval_new(id, &none).determination.result,
        Outcome::NotEligible
    );
    for item in [
        "ido_parenteral_nutrition",
        "ido_tube_feeding",
        "ido_decompression",
    ] {
        let e = eval_new(id, &with(&none, &[(item, "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        // Both halves of the and: 日常生活 not impaired → not met.
        let f = with(&none, &[(item, "1"), ("ido_daily_life_impaired", "2")]);
        assert_eq!(severity(id, &f), SeverityOutcome::NotMet, "{item}");
    }
    // 日常生活 blank: open when one of the three is met; not when none is.
    let open = with(
        &none,
        &[("ido_tube_feeding", "1"), ("ido_daily_life_impaired", "")],
    );
    assert_undetermined_naming(id, &open, &["ido_daily_life_impaired"]);
    assert_eq!(
        severity(id, &with(&none, &[("ido_daily_life_impaired", "")])),
        SeverityOutcome::NotMet
    );
}

/// scales/syndrome_severity_abc: (ア)(イ)(ウ) none is not met, each alone is met.
fn assert_syndrome_abc(id: &str, base: &FormData) {
    let none = with(
        base,
        &[
            ("syndrome_a_symptoms", "2"),
            ("syndrome_b_drugs", "2"),
            ("syndrome_c_treatment", "2"),
        ],
    );
    assert_eq!(
        eval_new(id, &none).determination.result,
        Outcome::NotEligible
    );
    for item in [
        "syndrome_a_symptoms",
        "syndrome_b_drugs",
        "syndrome_c_treatment",
    ] {
        let e = eval_new(id, &with(&none, &[(item, "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
    }
    assert_undetermined_naming(
        id,
        &with(&none, &[("syndrome_b_drugs", "")]),
        &["syndrome_b_drugs"],
    );
}

mod pls_004 {
    use super::*;
    const ID: &str = "nanbyo-004-2403";

    // 「以下の重症度分類において、２以上を医療費助成の対象とする。」 Boundaries 1 and 2.
    #[test]
    fn grade_2_is_met_and_1_is_not() {
        let e = eval_new(ID, &declared_with("1", &[("pls_severity_grade", "2")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f1 = declared_with("1", &[("pls_severity_grade", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
        // The Barthel Index is not part of this 重症度分類.
        let low_barthel = with(&f1, &[("adl_walking", "0"), ("adl_stairs", "0")]);
        assert_eq!(severity(ID, &low_barthel), SeverityOutcome::NotMet);
    }

    // 「「Definite」および「Probable」を対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("pls_severity_grade", "5")]),
            &["1", "2"],
        );
    }

    // The grade blank leaves the result open.
    #[test]
    fn a_blank_grade_is_named() {
        assert_undetermined_naming(ID, &declared("1"), &["pls_severity_grade"]);
    }
}

mod nacanth_009 {
    use super::*;
    const ID: &str = "nanbyo-009-2403";

    fn axes_1(c: &str) -> FormData {
        declared_with(
            c,
            &[
                ("psychiatric_symptom_grade", "1"),
                ("disability_grade", "1"),
            ],
        )
    }

    // 「以下のいずれかを用いる。 Barthel Indexを用いて、85点以下を対象とする。」 (二軸評価 1/1: not met by it)
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &axes_1("1"));
    }

    // 「…「精神症状・能力障害二軸評価」を用いて精神症状評価２以上又は能力障害評価２以上を対象とする。」
    #[test]
    fn either_axis_at_2_is_met() {
        assert_two_axis_2(ID);
    }

    // 「「有棘赤血球舞踏病」、「Mcleod症候群」の確定診断例又は臨床診断例を対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| with(&axes_1(c), &[("disability_grade", "2")]),
            &["1", "2"],
        );
    }

    // A blank Barthel item matters only while it could cross 85 (二軸評価 1/1).
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &axes_1("1"));
    }
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

mod cms_012 {
    use super::*;
    const ID: &str = "nanbyo-012-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「２歳以下発症の…本症を疑い、遺伝子異常により診断する。」 → Definite のみ.
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("adl_walking", "0")]), &["1"]);
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod ibm_015 {
    use super::*;
    const ID: &str = "nanbyo-015-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod poems_016 {
    use super::*;
    const ID: &str = "nanbyo-016-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「DefiniteとProbableを対象とする。ただし、多発性骨髄腫の診断基準に合致するものは除く。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod lsd_019 {
    use super::*;
    const ID: &str = "nanbyo-019-2403";

    // 「Stage１以上を対象とする。」 ②若年・成人型: 無症状 (not met) and Stage１ (met).
    #[test]
    fn adult_stage_1_is_met_and_no_stage_is_not() {
        let f = declared_with("1", &[("lsd_form", "2"), ("lsd_stage_adult", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f0 = with(&f, &[("lsd_stage_adult", "0")]);
        assert_eq!(eval_new(ID, &f0).determination.result, Outcome::NotEligible);
    }

    // 「Stage１以上を対象とする。」 ①乳幼児型: the infant table is used, not the adult one.
    #[test]
    fn infant_stage_is_judged_on_the_infant_table() {
        let f = declared_with("1", &[("lsd_form", "1"), ("lsd_stage_infant", "1")]);
        assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
        let f0 = declared_with(
            "1",
            &[
                ("lsd_form", "1"),
                ("lsd_stage_infant", "0"),
                ("lsd_stage_adult", "3"),
            ],
        );
        assert_eq!(severity(ID, &f0), SeverityOutcome::NotMet);
    }

    // 「①を満たし、同疾患による症状を有する※と認められるものを指定難病の対象とする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("lsd_form", "2"), ("lsd_stage_adult", "2")]),
            &["1"],
        );
    }

    // The stage of the chosen form blank: open, naming it.
    #[test]
    fn a_blank_stage_is_named() {
        let f = declared_with("1", &[("lsd_form", "2")]);
        assert_undetermined_naming(ID, &f, &["lsd_stage_adult"]);
    }
}

mod ald_020 {
    use super::*;
    const ID: &str = "nanbyo-020-2403";

    // 「下表の病型分類を参照し、全ての病型を対象とする。」 Every type, ⑧その他（発症前男性） included.
    #[test]
    fn every_type_is_met() {
        for t in ["1", "2", "3", "4", "5", "6", "7", "8"] {
            let e = eval_new(ID, &declared_with("1", &[("ald_type", t)]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "type {t}");
        }
    }

    // 「Definiteとしては、下記①～④のいずれかに該当する症例とする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("ald_type", "1")]), &["1"]);
    }

    // The type blank leaves the result open.
    #[test]
    fn a_blank_type_is_named() {
        assert_undetermined_naming(ID, &declared("1"), &["ald_type"]);
    }
}

mod mito_021 {
    use super::*;
    const ID: &str = "nanbyo-021-2403";

    const S1_3: [&str; 13] = [
        "mito_s1_a",
        "mito_s1_b",
        "mito_s1_c",
        "mito_s1_d",
        "mito_s1_e",
        "mito_s1_f",
        "mito_s1_g",
        "mito_s2_a",
        "mito_s2_b",
        "mito_s3_a",
        "mito_s3_b",
        "mito_s3_c",
        "mito_s3_d",
    ];
    const S4_9: [&str; 6] = [
        "mito_s4_vision",
        "mito_s5_hearing",
        "mito_s6_cardiac",
        "mito_s7_renal",
        "mito_s8_blood",
        "mito_s9_liver",
    ];

    /// Every section item at `s13` (sections 1–3) and `s49` (sections 4–9).
    fn scored(c: &str, s13: &str, s49: &str) -> FormData {
        let mut f = declared(c);
        for i in S1_3 {
            f = with(&f, &[(i, s13)]);
        }
        for i in S4_9 {
            f = with(&f, &[(i, s49)]);
        }
        f
    }

    // 「１）セクション１～３について 点数の平均をとり、…中等症：平均２以上」 Mean 2 (met) and 25/13 (not met).
    #[test]
    fn sections_1_to_3_mean_2_is_met_and_below_is_not() {
        let f = scored("1", "2", "0");
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let below = with(&f, &[("mito_s1_a", "1")]);
        assert_eq!(severity(ID, &below), SeverityOutcome::NotMet);
        // 1 lower and 1 higher: mean 2 again.
        let again = with(&below, &[("mito_s3_d", "3")]);
        assert_eq!(severity(ID, &again), SeverityOutcome::Met);
    }

    // 「２）セクション４～９について …点数２以上のセクションが２つ以上又は点数３以上のセクションが１つ以上ある場合は中等症とする。」
    #[test]
    fn sections_4_to_9_two_at_2_or_one_at_3() {
        let base = scored("1", "1", "0");
        assert_eq!(severity(ID, &base), SeverityOutcome::NotMet);
        let one2 = with(&base, &[("mito_s7_renal", "2")]);
        assert_eq!(severity(ID, &one2), SeverityOutcome::NotMet);
        let two2 = with(&one2, &[("mito_s9_liver", "2")]);
        assert_eq!(severity(ID, &two2), SeverityOutcome::Met);
        let one3 = with(&base, &[("mito_s5_hearing", "3")]);
        assert_eq!(severity(ID, &one3), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| scored(c, "2", "0"), &["1", "2"]);
    }

    // A blank item is open while it could move the mean across 2, and ignored once sections 4–9 decide.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        // 12 items at 2 (24) + blank (0–4): 24–28 → mean 1.85–2.15: open.
        let open = with(&scored("1", "2", "0"), &[("mito_s2_b", "")]);
        assert_undetermined_naming(ID, &open, &["mito_s2_b"]);
        let decided = with(&open, &[("mito_s6_cardiac", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod prion_023 {
    use super::*;
    const ID: &str = "nanbyo-023-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod sspe_024 {
    use super::*;
    const ID: &str = "nanbyo-024-2403";

    // 「I期以上のものを対象とする。」 I期 (met) and no stage (not met).
    #[test]
    fn stage_1_is_met_and_none_is_not() {
        let e = eval_new(ID, &declared_with("1", &[("sspe_stage", "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f0 = declared_with("1", &[("sspe_stage", "0")]);
        assert_eq!(eval_new(ID, &f0).determination.result, Outcome::NotEligible);
    }

    // 「Definite、Probableであるものを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("sspe_stage", "4")]),
            &["1", "2"],
        );
    }

    // The stage blank leaves the result open.
    #[test]
    fn a_blank_stage_is_named() {
        assert_undetermined_naming(ID, &declared("1"), &["sspe_stage"]);
    }
}

mod pml_025 {
    use super::*;
    const ID: &str = "nanbyo-025-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableと診断されたPMLを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod ham_026 {
    use super::*;
    const ID: &str = "nanbyo-026-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 (Osame Grade５以上: 満たさない)
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared_with("1", &[("ham_osame_grade5", "2")]));
    }

    // 「Osameの運動機能障害重症度でGrade５以上を対象とする。」 alone, with a full Barthel Index.
    #[test]
    fn osame_grade_5_alone_is_met() {
        let e = eval_new(ID, &declared_with("1", &[("ham_osame_grade5", "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「下記の１～３を全て満たすものをHAMと診断する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("ham_osame_grade5", "1")]),
            &["1"],
        );
    }

    // A blank Osame judgement is open with Barthel 100 and does not matter with Barthel 85.
    #[test]
    fn a_blank_osame_judgement_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["ham_osame_grade5"]);
        let decided = declared_with("1", &[("adl_walking", "0")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod ibgc_027 {
    use super::*;
    const ID: &str = "nanbyo-027-2403";

    // 「機能的評価：Barthel Index 85点以下を医療費助成の対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「下記１～３を満たすものを特発性基底核石灰化症（IBGC）…に分類する。」 → Definite のみ.
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("adl_walking", "0")]), &["1"]);
    }

    // 「機能的評価：Barthel Index 85点以下を医療費助成の対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod amy_028 {
    use super::*;
    const ID: &str = "nanbyo-028-2403";

    // 「２度以上を対象とする。」 Boundaries １度 and ２度.
    #[test]
    fn grade_2_is_met_and_1_is_not() {
        let e = eval_new(ID, &declared_with("1", &[("amy_grade", "2")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f1 = declared_with("1", &[("amy_grade", "1")]);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // 「…に限り、「Definite」例、「Probable」例を対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("amy_grade", "5")]), &["1", "2"]);
    }

    // The grade blank leaves the result open.
    #[test]
    fn a_blank_grade_is_named() {
        assert_undetermined_naming(ID, &declared("1"), &["amy_grade"]);
    }
}

mod ucmd_029 {
    use super::*;
    const ID: &str = "nanbyo-029-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod dmyo_030 {
    use super::*;
    const ID: &str = "nanbyo-030-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod bethlem_031 {
    use super::*;
    const ID: &str = "nanbyo-031-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod avm_032 {
    use super::*;
    const ID: &str = "nanbyo-032-2403";

    // 「１．身体機能的評価：Barthel Index 85点以下を対象とする。」 (NYHA I度)
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared_with("1", &[("nyha_class", "1")]));
    }

    // 「２．心機能評価：NYHA分類 II度以上を対象とする。」 Boundaries I and II, Barthel 100.
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let e = eval_new(ID, &declared_with("1", &[("nyha_class", "2")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f1 = declared_with("1", &[("nyha_class", "1")]);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("nyha_class", "3")]),
            &["1", "2"],
        );
    }

    // NYHA blank: open with Barthel 100, decided with Barthel 85.
    #[test]
    fn a_blank_nyha_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = declared_with("1", &[("adl_walking", "0")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod sjsy_033 {
    use super::*;
    const ID: &str = "nanbyo-033-2403";

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
    #[test]
    fn barthel_85_is_met_and_90_is_not() {
        assert_barthel_85_boundary(ID, &declared("1"));
    }

    // 「Definite、Probableを対象とする。」 → Definite と Probable.
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("adl_walking", "0")]),
            &["1", "2"],
        );
    }

    // 「機能的評価：Barthel Index 85点以下を対象とする。」 A blank Barthel item matters only while it could cross 85.
    #[test]
    fn a_blank_barthel_item_is_named_only_while_it_matters() {
        assert_barthel_blank_named_only_while_it_matters(ID, &declared("1"));
    }
}

mod eb_036 {
    use super::*;
    const ID: &str = "nanbyo-036-2403";

    const ITEMS: [&str; 22] = [
        "eb_new_skin_blisters",
        "eb_new_mucosal_blisters",
        "eb_ulcer_erosion_area",
        "eb_feeding_infant",
        "eb_nail",
        "eb_chronic_ulcer",
        "eb_scratching",
        "eb_scalp_alopecia",
        "eb_palmoplantar_keratosis",
        "eb_scar",
        "eb_digit_fusion",
        "eb_gait",
        "eb_trismus",
        "eb_dental_hypoplasia",
        "eb_symblepharon",
        "eb_ectropion",
        "eb_corneal_opacity",
        "eb_esophageal_stricture",
        "eb_heart_failure",
        "eb_anemia",
        "eb_hypoalbuminemia",
        "eb_proteinuria",
    ];

    /// Every row 0 points, 注） いずれにも該当しない.
    fn none(c: &str) -> FormData {
        let mut f = declared_with(c, &[("eb_severe_regardless", "9")]);
        for i in ITEMS {
            f = with(&f, &[(i, "0")]);
        }
        f
    }

    // 「重症度判定基準：軽症：３点以下、中等症：４～７点、重症：８点以上」 中等症以上: 3 and 4.
    #[test]
    fn score_4_is_met_and_3_is_not() {
        let three = with(&none("1"), &[("eb_scar", "3")]);
        assert_eq!(
            eval_new(ID, &three).determination.result,
            Outcome::NotEligible
        );
        let four = with(&three, &[("eb_proteinuria", "1")]);
        let e = eval_new(ID, &four);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「注）…以下の事項が明らかであれば上記の点数に関係なく重症と認定する。」 Each of １）～８） alone at 0 points.
    #[test]
    fn each_note_alone_is_met() {
        for code in ["1", "2", "3", "4", "5", "6", "7", "8"] {
            let f = with(&none("1"), &[("eb_severe_regardless", code)]);
            assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{code}");
        }
        // 「いずれにも該当しない」 with another one is an error.
        let both = with(&none("1"), &[("eb_severe_regardless", "3,9")]);
        assert!(codes(&eval_new(ID, &both)).contains(&(
            "eb_none_with_others".to_string(),
            "eb_severe_regardless".to_string()
        )));
    }

    // 「①(a) (b) (c)の全てを満たし、かつ②を満たすものを表皮水疱症と診断する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| with(&none(c), &[("eb_severe_regardless", "8")]),
            &["1"],
        );
    }

    // A blank row is open at 3 points and does not matter once a note applies.
    #[test]
    fn a_blank_row_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("eb_scar", "3"), ("eb_gait", "")]);
        assert_undetermined_naming(ID, &open, &["eb_gait"]);
        let decided = with(&open, &[("eb_severe_regardless", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod sjs_038 {
    use super::*;
    const ID: &str = "nanbyo-038-2403";

    // 「中等症以上を対象とする。」「２点以上６点未満 中等症」「ただし、以下はスコアにかかわらず重症と判断する」
    #[test]
    fn moderate_or_severe_is_met() {
        assert_sjs_ten_moderate(ID);
    }

    // 「副所見を十分考慮の上、主要所見５項目を全て満たす場合、SJSと診断する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &declared_with(c, &SJS_TEN_NONE),
                    &[("sjs_ten_skin_area", "3")],
                )
            },
            &["1"],
        );
    }
}

mod ten_039 {
    use super::*;
    const ID: &str = "nanbyo-039-2403";

    // 「中等症以上を対象とする。」「２点以上６点未満 中等症」「ただし、以下はスコアにかかわらず重症と判断する」
    #[test]
    fn moderate_or_severe_is_met() {
        assert_sjs_ten_moderate(ID);
    }

    // 「副所見を十分考慮の上、主要所見３項目のすべてを満たすものをTENとする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &declared_with(c, &SJS_TEN_NONE),
                    &[("sjs_ten_skin_area", "3")],
                )
            },
            &["1"],
        );
    }
}

mod tao_047 {
    use super::*;
    const ID: &str = "nanbyo-047-2403";

    // 「３度以上を対象とする。」 Boundaries 2 and 3; blank is open.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        assert_grade_threshold(ID, "tao_grade", "2", "3");
    }

    // 「Definite １：… Definite ２：…」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("tao_grade", "5")]), &["1"]);
    }
}

mod aps_048 {
    use super::*;
    const ID: &str = "nanbyo-048-2403";

    // 「３度以上を対象とする。」 Boundaries 2 and 3; blank is open.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        assert_grade_threshold(ID, "aps_grade", "2", "3");
    }

    // 「臨床基準の１項目以上が存在し、かつ検査項目のうち１項目以上が存在するとき、抗リン脂質抗体症候群とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("aps_grade", "5")]), &["1"]);
    }
}

mod rp_055 {
    use super::*;
    const ID: &str = "nanbyo-055-2403";

    const NONE: [(&str, &str); 17] = [
        ("rp_fever", "2"),
        ("rp_arthritis", "2"),
        ("rp_costal_chondritis", "2"),
        ("rp_auricular_chondritis", "2"),
        ("rp_nasal_chondritis", "2"),
        ("rp_scleritis_uveitis", "2"),
        ("rp_corneal_ulcer", "2"),
        ("rp_retinal_vasculitis", "2"),
        ("rp_crp", "2"),
        ("rp_sensorineural_hearing_loss", "2"),
        ("rp_vestibular", "2"),
        ("rp_purpura", "2"),
        ("rp_hematuria_proteinuria", "2"),
        ("rp_renal_failure", "2"),
        ("rp_cardiovascular", "2"),
        ("rp_neurological", "2"),
        ("rp_respiratory", "2"),
    ];

    fn none(c: &str) -> FormData {
        declared_with(c, &NONE)
    }

    // 「軽症１～８ 中等症９～13」 8 (肋軟骨炎4+紫斑3+関節炎1) and 9 (耳介軟骨炎).
    #[test]
    fn score_9_is_met_and_8_is_not() {
        // 4 + 3 + 1 = 8.
        let eight = with(
            &none("1"),
            &[
                ("rp_costal_chondritis", "1"),
                ("rp_purpura", "1"),
                ("rp_arthritis", "1"),
            ],
        );
        assert_eq!(
            eval_new(ID, &eight).calculations.get("rp_score"),
            Some(&nsdb_forms::CalcValue::Number(8.0))
        );
        assert_eq!(
            eval_new(ID, &eight).determination.result,
            Outcome::NotEligible
        );
        // 耳介軟骨炎 alone: 9.
        let e = eval_new(ID, &with(&none("1"), &[("rp_auricular_chondritis", "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「スコアにかかわらず、…以下の症状が存在する場合は全て重症として対応」 each alone at 0 points.
    #[test]
    fn each_severe_symptom_alone_is_met() {
        for item in ["rp_cardiovascular", "rp_neurological", "rp_respiratory"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「２．診断のカテゴリー １)… ２)… ３)…」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| with(&none(c), &[("rp_nasal_chondritis", "1")]),
            &["1"],
        );
    }

    // A blank symptom is open at 0 points and ignored once the score is 9.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("rp_vestibular", "")]);
        assert_undetermined_naming(ID, &open, &["rp_vestibular"]);
        let decided = with(&open, &[("rp_scleritis_uveitis", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod aiha_061 {
    use super::*;
    const ID: &str = "nanbyo-061-2403";

    // 「Stage３以上を対象とする。ただし、薬物療法を行っていてヘモグロビン濃度10g/dL以上の者は対象外とする。」 Hb 9.9 and 10.0 on drugs.
    #[test]
    fn on_drugs_hb_below_10_is_met_and_10_is_not() {
        let e = eval_new(
            ID,
            &declared_with(
                "1",
                &[("aiha_drug_therapy", "1"), ("aiha_hemoglobin", "9.9")],
            ),
        );
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f10 = declared_with(
            "1",
            &[("aiha_drug_therapy", "1"), ("aiha_hemoglobin", "10.0")],
        );
        assert_eq!(
            eval_new(ID, &f10).determination.result,
            Outcome::NotEligible
        );
    }

    // 「stage２ 中等症 薬物療法を行わないでヘモグロビン濃度 ７～10 g/dL」: without drugs, even Hb 6 is not Stage３.
    #[test]
    fn without_drugs_is_not_met_whatever_the_hb() {
        let f = declared_with(
            "1",
            &[("aiha_drug_therapy", "2"), ("aiha_hemoglobin", "6.0")],
        );
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
        // Hb blank does not matter without drugs.
        let f = declared_with("1", &[("aiha_drug_therapy", "2")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    }

    // 「４．１．～３．によって診断する」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("aiha_drug_therapy", "1"), ("aiha_hemoglobin", "6.5")]),
            &["1"],
        );
    }

    // Hb blank on drugs is open.
    #[test]
    fn a_blank_hb_on_drugs_is_named() {
        assert_undetermined_naming(
            ID,
            &declared_with("1", &[("aiha_drug_therapy", "1")]),
            &["aiha_hemoglobin"],
        );
    }
}

mod pnh_062 {
    use super::*;
    const ID: &str = "nanbyo-062-2403";

    /// 軽症: Hb 10.0, no transfusion, 中等度溶血に至らない, no attacks, no hemoglobinuria, no thrombosis.
    fn mild(c: &str) -> FormData {
        declared_with(
            c,
            &[
                ("pnh_hemoglobin", "10.0"),
                ("pnh_regular_transfusion", "2"),
                ("pnh_hemolysis", "1"),
                ("pnh_hemolytic_attacks", "1"),
                ("pnh_constant_hemoglobinuria", "2"),
                ("pnh_thrombosis", "2"),
            ],
        )
    }

    // 「中等症 以下の２項目を満たす。ヘモグロビン濃度：10 g/dL未満 中等度溶血を認める。又は 時に溶血発作を認める。」
    #[test]
    fn moderate_needs_hb_below_10_and_hemolysis_or_attacks() {
        assert_eq!(
            eval_new(ID, &mild("1")).determination.result,
            Outcome::NotEligible
        );
        // 中等度溶血 with Hb 10.0: not met; with 9.9: met.
        let hemolysis = with(&mild("1"), &[("pnh_hemolysis", "2")]);
        assert_eq!(severity(ID, &hemolysis), SeverityOutcome::NotMet);
        let e = eval_new(ID, &with(&hemolysis, &[("pnh_hemoglobin", "9.9")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 時に溶血発作 alone with Hb 9.9.
        let attacks = with(
            &mild("1"),
            &[("pnh_hemoglobin", "9.9"), ("pnh_hemolytic_attacks", "2")],
        );
        assert_eq!(severity(ID, &attacks), SeverityOutcome::Met);
        // Hb 9.9 alone: not met.
        assert_eq!(
            severity(ID, &with(&mild("1"), &[("pnh_hemoglobin", "9.9")])),
            SeverityOutcome::NotMet
        );
    }

    // 「重症 …定期的な赤血球輸血を必要とする。…恒常的に肉眼的ヘモグロビン尿を認めたり…」 both halves of the and.
    #[test]
    fn severe_needs_both_halves() {
        let transfusion = with(&mild("1"), &[("pnh_regular_transfusion", "1")]);
        assert_eq!(severity(ID, &transfusion), SeverityOutcome::NotMet);
        let both = with(&transfusion, &[("pnh_constant_hemoglobinuria", "1")]);
        assert_eq!(severity(ID, &both), SeverityOutcome::Met);
        let urine_only = with(&mild("1"), &[("pnh_constant_hemoglobinuria", "1")]);
        assert_eq!(severity(ID, &urine_only), SeverityOutcome::NotMet);
    }

    // 「注３ 血栓症は既往・合併があれば重症とする。」
    #[test]
    fn thrombosis_alone_is_met() {
        assert_eq!(
            severity(ID, &with(&mild("1"), &[("pnh_thrombosis", "1")])),
            SeverityOutcome::Met
        );
    }

    // 「…以下の検査所見により診断を確定する（Definite）。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| with(&mild(c), &[("pnh_thrombosis", "1")]), &["1"]);
    }

    // Hb blank is open with 中等度溶血 and not with no hemolysis finding.
    #[test]
    fn a_blank_hb_is_named_only_while_it_matters() {
        let open = with(
            &mild("1"),
            &[("pnh_hemolysis", "2"), ("pnh_hemoglobin", "")],
        );
        assert_undetermined_naming(ID, &open, &["pnh_hemoglobin"]);
        let decided = with(&mild("1"), &[("pnh_hemoglobin", "")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    }
}

mod ttp_064 {
    use super::*;
    const ID: &str = "nanbyo-064-2403";

    const ACQUIRED_NONE: [(&str, &str); 9] = [
        ("ttp_type", "1"),
        ("ttp_inhibitor", "2"),
        ("ttp_renal", "2"),
        ("ttp_neuro", "2"),
        ("ttp_cardiac", "2"),
        ("ttp_intestinal", "2"),
        ("ttp_bleeding_thrombosis", "2"),
        ("ttp_refractory", "2"),
        ("ttp_relapse", "2"),
    ];

    // 後天性TTP 「＜判定＞ 有１点、無０点 … 中等症 １点～２点 軽症 ０点」 0 and 1.
    #[test]
    fn acquired_1_point_is_met_and_0_is_not() {
        let none = declared_with("1", &ACQUIRED_NONE);
        assert_eq!(
            eval_new(ID, &none).determination.result,
            Outcome::NotEligible
        );
        let e = eval_new(ID, &with(&none, &[("ttp_relapse", "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 先天性TTP（USS） 「中等症以上を対象とする。」 軽症 and 中等症; the acquired items are not asked.
    #[test]
    fn uss_moderate_is_met_and_mild_is_not() {
        let mild = declared_with("1", &[("ttp_type", "2"), ("ttp_uss_grade", "1")]);
        let e = eval_new(ID, &mild);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let moderate = with(&mild, &[("ttp_uss_grade", "2")]);
        assert_eq!(
            eval_new(ID, &moderate).determination.result,
            Outcome::Eligible
        );
    }

    // 「…ADAMTS13活性を測定し10％未満に著減している症例をTTPと診断する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("ttp_type", "2"), ("ttp_uss_grade", "3")]),
            &["1"],
        );
    }

    // A blank acquired item is open at 0 points and ignored at 1.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&declared_with("1", &ACQUIRED_NONE), &[("ttp_neuro", "")]);
        assert_undetermined_naming(ID, &open, &["ttp_neuro"]);
        let decided = with(&open, &[("ttp_cardiac", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }
}

mod tsh_073 {
    use super::*;
    const ID: &str = "nanbyo-073-2403";
    const ITEMS: [&str; 3] = ["tsh_free_t4", "tsh_tsh", "tsh_imaging"];

    // 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし、重症を対象とする。」
    #[test]
    fn the_most_severe_item_decides() {
        assert_max_band(ID, &declared("1"), &ITEMS, "1", "3");
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| ITEMS.iter().fold(declared(c), |f, i| with(&f, &[(i, "3")]));
        assert_categories(ID, severe, &["1", "2"]);
    }
}

mod prl_074 {
    use super::*;
    const ID: &str = "nanbyo-074-2403";
    const ITEMS: [&str; 3] = ["prl_serum_prl", "prl_clinical", "prl_imaging"];

    // 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし、中等症以上を対象とする。」
    #[test]
    fn the_most_severe_item_decides() {
        assert_max_band(ID, &declared("1"), &ITEMS, "1", "2");
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| ITEMS.iter().fold(declared(c), |f, i| with(&f, &[(i, "2")]));
        assert_categories(ID, severe, &["1"]);
    }
}

mod gnh_076 {
    use super::*;
    const ID: &str = "nanbyo-076-2403";

    // 「重症：次のいずれかを満たす。 視床下部腫瘍…によるhCG又はGnRH産生 下垂体機能低下症を併発するゴナドトロピン産生下垂体腺腫」
    #[test]
    fn either_condition_alone_is_met() {
        let none = declared_with(
            "1",
            &[
                ("gnh_hypothalamic_tumor", "2"),
                ("gnh_gonadotroph_adenoma_hypopit", "2"),
            ],
        );
        assert_eq!(
            eval_new(ID, &none).determination.result,
            Outcome::NotEligible
        );
        for item in ["gnh_hypothalamic_tumor", "gnh_gonadotroph_adenoma_hypopit"] {
            let e = eval_new(ID, &with(&none, &[(item, "1")]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        }
        assert_undetermined_naming(
            ID,
            &with(&none, &[("gnh_hypothalamic_tumor", "")]),
            &["gnh_hypothalamic_tumor"],
        );
    }

    // 「Definiteを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("gnh_hypothalamic_tumor", "1")]),
            &["1"],
        );
    }
}

mod rth_080 {
    use super::*;
    const ID: &str = "nanbyo-080-2403";

    // 「診断基準の主要症候によって重症度を分類し、中等度以上を対象とする。」 軽症 and 中等度; blank open.
    #[test]
    fn moderate_is_met_and_mild_is_not() {
        assert_grade_threshold(ID, "rth_grade", "1", "2");
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("rth_grade", "3")]), &["1", "2"]);
    }
}

mod cah_081 {
    use super::*;
    const ID: &str = "nanbyo-081-2403";

    // 「以下の４項目のうち、少なくとも１項目以上を満たすものを対象とする。」
    #[test]
    fn any_of_the_four_is_met() {
        assert_adrenal_any_of_four(ID);
    }

    // 「３つの臨床症状、副腎の腫大を認めた場合は、「先天性リポイド過形成症」と診断する。（病型ごと）」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &declared_with(c, &ADRENAL_NONE),
                    &[("adrenal_steroid_replacement", "1")],
                )
            },
            &["1"],
        );
    }
}

mod ahc_082 {
    use super::*;
    const ID: &str = "nanbyo-082-2403";

    // 「以下の４項目のうち、少なくとも１項目以上を満たすものを対象とする。」
    #[test]
    fn any_of_the_four_is_met() {
        assert_adrenal_any_of_four(ID);
    }

    // 「いずれもDefinite、Probableを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &declared_with(c, &ADRENAL_NONE),
                    &[("adrenal_steroid_replacement", "1")],
                )
            },
            &["1", "2"],
        );
    }
}

mod addison_083 {
    use super::*;
    const ID: &str = "nanbyo-083-2403";

    // 「以下の４項目のうち、少なくとも１項目以上を満たすものを対象とする。」
    #[test]
    fn any_of_the_four_is_met() {
        assert_adrenal_any_of_four(ID);
    }

    // 「部分的アジソン病を含めて対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &declared_with(c, &ADRENAL_NONE),
                    &[("adrenal_steroid_replacement", "1")],
                )
            },
            &["1"],
        );
    }
}

mod lam_089 {
    use super::*;
    const ID: &str = "nanbyo-089-2403";

    /// Every domain at I or なし: PaO2 80, ％FEV1 80, no pneumothorax.
    fn grade_1(c: &str) -> FormData {
        declared_with(
            c,
            &[
                ("lam_pao2", "80"),
                ("lam_fev1", "80"),
                ("lam_pneumothorax", "2"),
                ("lam_aml", "1"),
                ("lam_chylous", "0"),
                ("lam_lymphangioleiomyoma", "1"),
            ],
        )
    }

    // 「II 70Torr≦PaO2＜80Torr」「II 70％≦％FEV1＜80％」 80 (I) and 79 (II), each alone.
    #[test]
    fn pao2_or_fev1_below_80_is_grade_2() {
        let e = eval_new(ID, &grade_1("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        for item in ["lam_pao2", "lam_fev1"] {
            let e = eval_new(ID, &with(&grade_1("1"), &[(item, "79")]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        }
    }

    // 「１年以内の気胸発症は左記の呼吸機能障害の段階を１つ上げる」 I → II.
    #[test]
    fn pneumothorax_raises_one_grade() {
        let f = with(&grade_1("1"), &[("lam_pneumothorax", "1")]);
        assert_eq!(
            eval_new(ID, &f).calculations.get("lam_respiratory_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    }

    // 「１つ以上の項目を満たす最も高い重症度を採用する」 腎血管筋脂肪腫 II, 乳び胸水 II, リンパ脈管筋腫 II alone.
    #[test]
    fn other_domains_at_2_alone_are_met() {
        for (item, v) in [
            ("lam_aml", "2"),
            ("lam_chylous", "2"),
            ("lam_lymphangioleiomyoma", "2"),
        ] {
            assert_eq!(
                severity(ID, &with(&grade_1("1"), &[(item, v)])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「Definite（診断確実例）、Probable（診断ほぼ確実例）、臨床診断例いずれも対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| with(&grade_1(c), &[("lam_aml", "4")]), &["1", "2"]);
    }

    // PaO2 blank is open while the rest is I, and ignored once a domain is II.
    #[test]
    fn a_blank_pao2_is_named_only_while_it_matters() {
        let open = with(&grade_1("1"), &[("lam_pao2", "")]);
        assert_undetermined_naming(ID, &open, &["lam_pao2"]);
        assert_eq!(
            severity(ID, &with(&open, &[("lam_chylous", "3")])),
            SeverityOutcome::Met
        );
    }
}

mod bcs_091 {
    use super::*;
    const ID: &str = "nanbyo-091-2403";

    // 「重症度Ⅲ度以上を対象とする。」 重症度Ⅱ and Ⅲ; blank open.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        assert_grade_threshold(ID, "portal_severity_grade", "2", "3");
    }

    // 「指定難病の対象は、…門脈圧亢進症所見を有する症例とし、二次性のものは除外する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("portal_severity_grade", "5")]),
            &["1"],
        );
    }
}

mod iph_092 {
    use super::*;
    const ID: &str = "nanbyo-092-2403";

    // 「重症度Ⅲ度以上を対象とする」 重症度Ⅱ and Ⅲ; blank open.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        assert_grade_threshold(ID, "portal_severity_grade", "2", "3");
    }

    // 「Definite（確定診断）は肝臓の病理組織学的所見に裏付けされていること。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("portal_severity_grade", "5")]),
            &["1"],
        );
    }
}

mod egid_098 {
    use super::*;
    const ID: &str = "nanbyo-098-2403";

    fn child(c: &str, group: &str, features: &str, qol: &str, score: &str) -> FormData {
        declared_with(
            c,
            &[
                ("egid_group", group),
                ("egid_severe_features", features),
                ("egid_qol_decline", qol),
                ("egid_symptom_score", score),
            ],
        )
    }

    // N-FPIES 「ＩＩ．中等症：QOLの低下があり、疾患最盛期の症状スコア（別表）が20点以上の場合」 19 and 20; both halves.
    #[test]
    fn nfpies_qol_and_score_20() {
        let e = eval_new(ID, &child("1", "1", "8", "1", "20"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &child("1", "1", "8", "1", "19")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &child("1", "1", "8", "2", "40")),
            SeverityOutcome::NotMet
        );
        // Ｉ．重症 alone: 低蛋白血症.
        assert_eq!(
            severity(ID, &child("1", "1", "6", "2", "0")),
            SeverityOutcome::Met
        );
        // ステロイド長期使用による副作用 is a 重症 feature for ２～19歳 only.
        assert_eq!(
            severity(ID, &child("1", "1", "7", "2", "0")),
            SeverityOutcome::NotMet
        );
    }

    // ２～19歳 「ＩＩ．中等症：QOLの低下がある場合 …症状スコア（別ページ）が15点以上の場合」 14 and 15.
    #[test]
    fn pediatric_qol_and_score_15() {
        assert_eq!(
            severity(ID, &child("1", "2", "8", "1", "15")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &child("1", "2", "8", "1", "14")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &child("1", "2", "7", "2", "0")),
            SeverityOutcome::Met
        );
    }

    // 成人 「40点以上重症 15～39点中等症 14点以下軽症 中等症以上を対象とする。」 14 and 15; the child items are not asked.
    #[test]
    fn adult_score_15() {
        let e = eval_new(
            ID,
            &declared_with("1", &[("egid_group", "3"), ("egid_symptom_score", "15")]),
        );
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f = declared_with("1", &[("egid_group", "3"), ("egid_symptom_score", "14")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
        assert_undetermined_naming(
            ID,
            &declared_with("1", &[("egid_group", "3")]),
            &["egid_symptom_score"],
        );
    }

    // 「以下の３疾患と診断されたものを対象とする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("egid_group", "3"), ("egid_symptom_score", "40")]),
            &["1"],
        );
    }
}

mod cipo_099 {
    use super::*;
    const ID: &str = "nanbyo-099-2403";

    // 「腹痛、腹部膨満、嘔気・嘔吐などの腸閉塞症状により、日常生活が著しく障害されており、かつ以下の３項目のうち、少なくとも１項目以上を満たすものを、重症例とする。」
    #[test]
    fn severe_needs_daily_life_and_one_of_three() {
        assert_intestinal_dysmotility_severe(ID);
    }

    // Definite only (Definite／Probable の区分なし).
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("ido_daily_life_impaired", "1"),
                    ("ido_parenteral_nutrition", "1"),
                    ("ido_tube_feeding", "2"),
                    ("ido_decompression", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1"]);
    }
}

mod mmihs_100 {
    use super::*;
    const ID: &str = "nanbyo-100-2403";

    // 「腹痛、腹部膨満、嘔気・嘔吐などの腸閉塞症状により、日常生活が著しく障害されており、かつ以下の３項目のうち、少なくとも１項目以上を満たすものを、重症例とする。」
    #[test]
    fn severe_needs_daily_life_and_one_of_three() {
        assert_intestinal_dysmotility_severe(ID);
    }

    // Definite only (Definite／Probable の区分なし).
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("ido_daily_life_impaired", "1"),
                    ("ido_parenteral_nutrition", "1"),
                    ("ido_tube_feeding", "2"),
                    ("ido_decompression", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1"]);
    }
}

mod ihd_101 {
    use super::*;
    const ID: &str = "nanbyo-101-2403";

    // 「腹痛、腹部膨満、嘔気・嘔吐などの腸閉塞症状により、日常生活が著しく障害されており、かつ以下の３項目のうち、少なくとも１項目以上を満たすものを、重症例とする。」
    #[test]
    fn severe_needs_daily_life_and_one_of_three() {
        assert_intestinal_dysmotility_severe(ID);
    }

    // Definite only (Definite／Probable の区分なし).
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("ido_daily_life_impaired", "1"),
                    ("ido_parenteral_nutrition", "1"),
                    ("ido_tube_feeding", "2"),
                    ("ido_decompression", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1"]);
    }
}

mod rts_102 {
    use super::*;
    const ID: &str = "nanbyo-102-2403";

    // 「※下記の基準（ア）、基準（イ）又は基準（ウ）を満たす場合を対象とする。」
    #[test]
    fn any_of_a_b_c_is_met() {
        assert_syndrome_abc(ID, &declared("1"));
    }

    // 「確定診断例及び臨床診断例を対象とする。」
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("syndrome_a_symptoms", "1"),
                    ("syndrome_b_drugs", "2"),
                    ("syndrome_c_treatment", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1", "2"]);
    }
}

mod cfc_103 {
    use super::*;
    const ID: &str = "nanbyo-103-2403";

    // 「※下記の基準（ア）、基準（イ）、基準（ウ）又は基準（エ）のいずれかを満たす場合」 (エ) answered いいえ.
    #[test]
    fn any_of_a_b_c_is_met() {
        assert_syndrome_abc(ID, &declared_with("1", &[("cfc_tumor", "2")]));
    }

    // 「基準（エ）：腫瘍等を合併し、組織と部位が明確に診断されている場合。」 alone.
    #[test]
    fn tumor_alone_is_met() {
        let f = declared_with(
            "1",
            &[
                ("cfc_tumor", "1"),
                ("syndrome_a_symptoms", "2"),
                ("syndrome_b_drugs", "2"),
                ("syndrome_c_treatment", "2"),
            ],
        );
        assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    }

    // 「１）又は２）を対象とする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("cfc_tumor", "1"),
                    ("syndrome_a_symptoms", "2"),
                    ("syndrome_b_drugs", "2"),
                    ("syndrome_c_treatment", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1"]);
    }
}

mod costello_104 {
    use super::*;
    const ID: &str = "nanbyo-104-2403";

    // 「※下記の基準（ア）、基準（イ）、基準（ウ）又は基準（エ）のいずれかを満たす場合」 (エ) answered いいえ.
    #[test]
    fn any_of_a_b_c_is_met() {
        assert_syndrome_abc(ID, &declared_with("1", &[("costello_tumor", "2")]));
    }

    // 「基準（エ）：腫瘍等を合併し、組織と部位が明確に診断されている場合。」 alone.
    #[test]
    fn tumor_alone_is_met() {
        let f = declared_with(
            "1",
            &[
                ("costello_tumor", "1"),
                ("syndrome_a_symptoms", "2"),
                ("syndrome_b_drugs", "2"),
                ("syndrome_c_treatment", "2"),
            ],
        );
        assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    }

    // 「１）又は２）を対象とする。」 (Definite only)
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("costello_tumor", "1"),
                    ("syndrome_a_symptoms", "2"),
                    ("syndrome_b_drugs", "2"),
                    ("syndrome_c_treatment", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1"]);
    }
}

mod charge_105 {
    use super::*;
    const ID: &str = "nanbyo-105-2403";

    // 「※下記の基準（ア）、基準（イ）又は基準（ウ）を満たす場合を対象とする。」
    #[test]
    fn any_of_a_b_c_is_met() {
        assert_syndrome_abc(ID, &declared("1"));
    }

    // 「確定診断例と臨床診断例を対象とする。」
    #[test]
    fn eligible_categories() {
        let severe = |c: &str| {
            declared_with(
                c,
                &[
                    ("syndrome_a_symptoms", "1"),
                    ("syndrome_b_drugs", "2"),
                    ("syndrome_c_treatment", "2"),
                ],
            )
        };
        assert_categories(ID, severe, &["1", "2"]);
    }
}

mod caps_106 {
    use super::*;
    const ID: &str = "nanbyo-106-2403";

    // 「…の３病型に分類され、中等症以上を対象とする。」 家族性寒冷自己炎症症候群 (1) and マックル・ウェルズ症候群 (2); blank open.
    #[test]
    fn moderate_is_met_and_mild_is_not() {
        assert_grade_threshold(ID, "caps_grade", "1", "2");
    }

    // 「以下の①ないし②を満たした患者をクリオピリン関連周期熱症候群と診断する。」 (Definite only)
    #[test]
    fn eligible_categories() {
        assert_categories(ID, |c| declared_with(c, &[("caps_grade", "3")]), &["1"]);
    }
}

mod jia_107 {
    use super::*;
    const ID: &str = "nanbyo-107-2403";

    fn systemic(c: &str, s: &str, m: &str, a: &str) -> FormData {
        declared_with(
            c,
            &[
                ("jia_type", "1"),
                ("jia_sys_steroid", s),
                ("jia_sys_mas", m),
                ("jia_sys_arthritis", a),
            ],
        )
    }

    fn articular(c: &str, remission: &str, jadas: &str, mrs: &str) -> FormData {
        declared_with(
            c,
            &[
                ("jia_type", "2"),
                ("jia_remission", remission),
                ("jia_jadas27", jadas),
                ("jia_mrs", mrs),
            ],
        )
    }

    // 全身型 「重症例の定義：以下のいずれかに該当する症例を重症例と定義する。」 each alone.
    #[test]
    fn systemic_any_of_three_is_met() {
        assert_eq!(
            eval_new(ID, &systemic("1", "2", "2", "2"))
                .determination
                .result,
            Outcome::NotEligible
        );
        for f in [
            systemic("1", "1", "2", "2"),
            systemic("1", "2", "1", "2"),
            systemic("1", "2", "2", "1"),
        ] {
            let e = eval_new(ID, &f);
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible);
        }
    }

    // 関節型 「寛解基準を満たさず、下記のいずれかを満たすものを対象とする。…JADAS-27 2.1以上… mRS…３以上」
    #[test]
    fn articular_not_in_remission_and_jadas_or_mrs() {
        let e = eval_new(ID, &articular("1", "2", "2.1", "0"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &articular("1", "2", "2.0", "2")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &articular("1", "2", "2.0", "3")),
            SeverityOutcome::Met
        );
        // 寛解基準を満たす: not met whatever the activity.
        assert_eq!(
            severity(ID, &articular("1", "1", "10.0", "4")),
            SeverityOutcome::NotMet
        );
    }

    // 「１）全身型 Definiteを対象とする。」「２）関節型 Definite、Probableを対象とする。」
    #[test]
    fn probable_counts_only_for_the_articular_type() {
        assert_categories(ID, |c| articular(c, "2", "5.0", "1"), &["1", "2"]);
        // 全身型 with Probable declared: the Probable rule needs 関節型, so not met.
        assert_eq!(
            diagnosis(ID, &systemic("2", "1", "2", "2")),
            DiagnosisOutcome::NotMet
        );
        assert_eq!(
            eval_new(ID, &systemic("2", "1", "2", "2"))
                .determination
                .result,
            Outcome::NotEligible
        );
        assert_eq!(
            eval_new(ID, &systemic("1", "1", "2", "2"))
                .determination
                .result,
            Outcome::Eligible
        );
    }

    // JADAS blank is open with mRS 2 and ignored with mRS 3.
    #[test]
    fn a_blank_jadas_is_named_only_while_it_matters() {
        let open = with(&articular("1", "2", "1.0", "2"), &[("jia_jadas27", "")]);
        assert_undetermined_naming(ID, &open, &["jia_jadas27"]);
        assert_eq!(
            severity(ID, &with(&open, &[("jia_mrs", "3")])),
            SeverityOutcome::Met
        );
    }
}

mod traps_108 {
    use super::*;
    const ID: &str = "nanbyo-108-2403";

    // 「・頻回の発熱発作のためステロイドの減量中止が困難で生物学的製剤の投与を要する症例を満たすものとする。」
    #[test]
    fn severe_case_is_met() {
        let e = eval_new(ID, &declared_with("1", &[("traps_severe", "1")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &declared_with("1", &[("traps_severe", "2")])),
            SeverityOutcome::NotMet
        );
        assert_undetermined_naming(ID, &declared("1"), &["traps_severe"]);
    }

    // 「TRAPSと「診断確定」、「診断」したものを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| declared_with(c, &[("traps_severe", "1")]),
            &["1", "2"],
        );
    }
}

mod ahus_109 {
    use super::*;
    const ID: &str = "nanbyo-109-2403";

    const NONE: [(&str, &str); 12] = [
        ("ahus_hemolytic_anemia", "2"),
        ("ahus_thrombocytopenia", "2"),
        ("ahus_aki", "2"),
        ("ahus_ckd", "2"),
        ("ahus_neuro", "2"),
        ("ahus_cardiac", "2"),
        ("ahus_respiratory", "2"),
        ("ahus_ischemic_colitis", "2"),
        ("ahus_hypertensive_emergency", "2"),
        ("ahus_plasma_refractory", "2"),
        ("ahus_relapse", "2"),
        ("ahus_treatment_dependent", "2"),
    ];

    fn none(c: &str) -> FormData {
        declared_with(c, &NONE)
    }

    // 「中等症 １と２を満たす」 both halves.
    #[test]
    fn moderate_needs_1_and_2() {
        assert_eq!(
            eval_new(ID, &none("1")).determination.result,
            Outcome::NotEligible
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("ahus_hemolytic_anemia", "1")])),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("ahus_thrombocytopenia", "1")])),
            SeverityOutcome::NotMet
        );
        let e = eval_new(
            ID,
            &with(
                &none("1"),
                &[
                    ("ahus_hemolytic_anemia", "1"),
                    ("ahus_thrombocytopenia", "1"),
                ],
            ),
        );
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「重 症 １あるいは２を満たし、３～12のいずれかを満たす」 2 with 12; 3 alone not.
    #[test]
    fn severe_needs_1_or_2_and_one_of_3_to_12() {
        assert_eq!(
            severity(
                ID,
                &with(
                    &none("1"),
                    &[
                        ("ahus_thrombocytopenia", "1"),
                        ("ahus_treatment_dependent", "1")
                    ]
                )
            ),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(
                ID,
                &with(
                    &none("1"),
                    &[("ahus_hemolytic_anemia", "1"), ("ahus_aki", "1")]
                )
            ),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(
                ID,
                &with(&none("1"), &[("ahus_aki", "1"), ("ahus_relapse", "1")])
            ),
            SeverityOutcome::NotMet
        );
    }

    // 「…aHUS確定診断によるDefinite、又は臨床的診断によるDefiniteを対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                with(
                    &none(c),
                    &[
                        ("ahus_hemolytic_anemia", "1"),
                        ("ahus_thrombocytopenia", "1"),
                    ],
                )
            },
            &["1"],
        );
    }

    // 2 blank with 1 met: open; with 1 not met and nothing of 3-12: decided.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(
            &none("1"),
            &[
                ("ahus_hemolytic_anemia", "1"),
                ("ahus_thrombocytopenia", ""),
            ],
        );
        assert_undetermined_naming(ID, &open, &["ahus_thrombocytopenia"]);
        let decided = with(&none("1"), &[("ahus_thrombocytopenia", "")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    }
}

mod blau_110 {
    use super::*;
    const ID: &str = "nanbyo-110-2403";

    // 「重症例の定義： ・発熱等の全身性の炎症症状 ・進行性の関節症状 ・眼病変を認めるため…投与を要する症例 のいずれかを満たすもの。」
    #[test]
    fn any_of_three_is_met() {
        let none = declared_with(
            "1",
            &[
                ("blau_systemic", "2"),
                ("blau_joint", "2"),
                ("blau_eye", "2"),
            ],
        );
        assert_eq!(
            eval_new(ID, &none).determination.result,
            Outcome::NotEligible
        );
        for item in ["blau_systemic", "blau_joint", "blau_eye"] {
            let e = eval_new(ID, &with(&none, &[(item, "1")]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        }
        assert_undetermined_naming(ID, &with(&none, &[("blau_eye", "")]), &["blau_eye"]);
    }

    // 「「確定例」「組織学的診断例」「臨床的診断例」を対象とする。」
    #[test]
    fn eligible_categories() {
        assert_categories(
            ID,
            |c| {
                declared_with(
                    c,
                    &[
                        ("blau_systemic", "1"),
                        ("blau_joint", "2"),
                        ("blau_eye", "2"),
                    ],
                )
            },
            &["1", "2"],
        );
    }
}
