//! 指定難病 111–220 whose 診断のカテゴリー is declared by the doctor and whose
//! 重症度分類 is judged by machine (definitions that include
//! `nanbyo/declared_diagnosis`). One module per disease; each test cites the
//! sentence of the MHLW 概要・診断基準等 it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

/// `declared(category)` with mRS, 食事・栄養 and 呼吸 all 0 (not met), so a
/// test can raise one of them to reach the boundary 3.
fn mild(category: &str) -> FormData {
    with(
        &declared(category),
        &[("mrs", "0"), ("nutrition", "0"), ("respiration", "0")],
    )
}

/// `base` with the 「G40てんかん」 scale answered: ハ、ニの発作の頻度 (`cd`),
/// イ、ロの発作の頻度 (`ab`) and 能力障害評価 (`disability`).
fn g40(base: &FormData, cd: &str, ab: &str, disability: &str) -> FormData {
    with(
        base,
        &[
            ("g40_seizure_cd", cd),
            ("g40_seizure_ab", ab),
            ("disability_grade", disability),
        ],
    )
}

mod cmyo_111 {
    use super::*;
    const ID: &str = "nanbyo-111-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「１) Iのいずれかを満たし、かつIIのいずれかの検査で所見を認める。２) Iのいずれかを満たし、IIは未実施又は所見なしだが、IIIを３つ以上認める。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod mss_112 {
    use super::*;
    const ID: &str = "nanbyo-112-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definite及びProbableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
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
}

mod ndm_114 {
    use super::*;
    const ID: &str = "nanbyo-114-2403";

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

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("adl_walking", "0")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod syr_117 {
    use super::*;
    const ID: &str = "nanbyo-117-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「脊髄空洞症の診断基準において、症候性脊髄空洞症と診断された場合を対象とする。ただし、無症候性脊髄空洞症及び続発性脊髄空洞症を除く。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod mmc_118 {
    use super::*;
    const ID: &str = "nanbyo-118-2403";

    // 「機能的評価 Barthel Index：85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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

    // 「Ａ（１～４のいずれか）＋Ｂ（病変部位以下で１～３の神経脱落症状を全て認める）を満たし、Ｄの鑑別すべき疾患を除外したものを、脊髄髄膜瘤と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("adl_walking", "0")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod isaacs_119 {
    use super::*;
    const ID: &str = "nanbyo-119-2403";

    // 「機能的評価：Barthel Index　85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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
}

mod hdyst_120 {
    use super::*;
    const ID: &str = "nanbyo-120-2403";

    // 「Barthel　Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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

    // 「いずれかの病型でDefinite（確定診断）されたものを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("adl_walking", "0")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod nf_121 {
    use super::*;
    const ID: &str = "nanbyo-121-2403";

    // 「Barthel index　85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("adl_walking", "0")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod ss_122 {
    use super::*;
    const ID: &str = "nanbyo-122-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「古典型を対象とする（非典型例及び限局型は対象外とする。）。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod carasil_123 {
    use super::*;
    const ID: &str = "nanbyo-123-2403";

    // 「modified Rankin Scale(mRS)、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
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
}

mod cadasil_124 {
    use super::*;
    const ID: &str = "nanbyo-124-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
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
}

mod hdls_125 {
    use super::*;
    const ID: &str = "nanbyo-125-2403";

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

    // 「Definite、Probable基準を満たす患者を対象とする。」
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
}

mod bbe_128 {
    use super::*;
    const ID: &str = "nanbyo-128-2403";

    // 「modified Rankin Scale(mRS)、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
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
}

mod alx_131 {
    use super::*;
    const ID: &str = "nanbyo-131-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod cspp_132 {
    use super::*;
    const ID: &str = "nanbyo-132-2403";

    // 「modified Rankin Scale(mRS)、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「診断必須所見（偽性球麻痺と画像所見の両者）を認め、除外基準を満たす症例。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod moebius_133 {
    use super::*;
    const ID: &str = "nanbyo-133-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「【診断基準】 １）先天性・非進行性顔面神経麻痺及び先天性・非進行性外転神経麻痺（片側性も含む。）。２）除外項目：他の神経筋疾患を原因としない。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod menkes_169 {
    use super::*;
    const ID: &str = "nanbyo-169-2403";

    // 「Barthel　Indexで85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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
}

mod ohs_170 {
    use super::*;
    const ID: &str = "nanbyo-170-2403";

    // 「Barthel　Indexで85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
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
}

mod hpp_172 {
    use super::*;
    const ID: &str = "nanbyo-172-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「低ホスファターゼ症と確定診断されたもの（Definite）を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod rts_186 {
    use super::*;
    const ID: &str = "nanbyo-186-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「確定診断された例を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod polysp_188 {
    use super::*;
    const ID: &str = "nanbyo-188-2403";

    // 「New York Heart Association（NYHA）分類を用いてII度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「それぞれDefiniteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod asp_189 {
    use super::*;
    const ID: &str = "nanbyo-189-2403";

    // 「New York Heart Association（NYHA）分類を用いてII度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「それぞれDefiniteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod fxtas_205 {
    use super::*;
    const ID: &str = "nanbyo-205-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod fxs_206 {
    use super::*;
    const ID: &str = "nanbyo-206-2403";

    // 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」 Each scale alone: 2 (not met) and 3 (met).
    #[test]
    fn each_of_mrs_nutrition_respiration_alone_at_2_and_3() {
        for item in ["mrs", "nutrition", "respiration"] {
            let f3 = with(&mild("1"), &[(item, "3")]);
            let e = eval_new(ID, &f3);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
            let f2 = with(&mild("1"), &[(item, "2")]);
            assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet, "{item}");
            assert_eq!(
                eval_new(ID, &f2).determination.result,
                Outcome::NotEligible,
                "{item}"
            );
        }
    }

    // A blank scale leaves the result open only while the others are below 3.
    #[test]
    fn a_blank_scale_is_named_only_while_it_matters() {
        let open = with(&mild("1"), &[("nutrition", "")]);
        assert_undetermined_naming(ID, &open, &["nutrition"]);
        let decided = with(&mild("1"), &[("nutrition", ""), ("mrs", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::Eligible
        );
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("respiration", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod ta_207 {
    use super::*;
    const ID: &str = "nanbyo-207-2403";

    // 「NYHA心機能分類II度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「心エコー又は心臓カテーテル検査のいずれかにおいて、①～③の全てを満たす場合を総動脈幹遺残症と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod cctga_208 {
    use super::*;
    const ID: &str = "nanbyo-208-2403";

    // 「NYHA分類　II度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「修正大血管転位症、完全大血管転位症は、心臓超音波検査や心臓カテーテル検査でいずれかに診断されたものを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod dtga_209 {
    use super::*;
    const ID: &str = "nanbyo-209-2403";

    // 「NYHA分類　II度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「修正大血管転位症、完全大血管転位症は、心臓超音波検査や心臓カテーテル検査でいずれかに診断されたものを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod sv_210 {
    use super::*;
    const ID: &str = "nanbyo-210-2403";

    // 「NYHA心機能分類ＩＩ度以上」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「単心室循環症候群は、単心室症、左心低形成症候群、三尖弁閉鎖症、心室中隔欠損を伴わない肺動脈閉鎖症の総称である。各疾患と診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod hlhs_211 {
    use super::*;
    const ID: &str = "nanbyo-211-2403";

    // 「NYHA心機能分類ＩＩ度以上」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「単心室循環症候群は、単心室症、左心低形成症候群、三尖弁閉鎖症、心室中隔欠損を伴わない肺動脈閉鎖症の総称である。各疾患と診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod tricat_212 {
    use super::*;
    const ID: &str = "nanbyo-212-2403";

    // 「NYHA心機能分類ＩＩ度以上」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「単心室循環症候群は、単心室症、左心低形成症候群、三尖弁閉鎖症、心室中隔欠損を伴わない肺動脈閉鎖症の総称である。各疾患と診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod paivs_213 {
    use super::*;
    const ID: &str = "nanbyo-213-2403";

    // 「NYHA心機能分類ＩＩ度以上」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「単心室循環症候群は、単心室症、左心低形成症候群、三尖弁閉鎖症、心室中隔欠損を伴わない肺動脈閉鎖症の総称である。各疾患と診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod papvsd_214 {
    use super::*;
    const ID: &str = "nanbyo-214-2403";

    // 「NYHA心機能分類ＩＩ度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「ファロー四徴症類縁疾患は、心室中隔欠損を伴う肺動脈閉鎖症、ファロー四徴症、両大血管右室起始症の総称である。以下のいずれかに診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod tof_215 {
    use super::*;
    const ID: &str = "nanbyo-215-2403";

    // 「NYHA心機能分類ＩＩ度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「ファロー四徴症類縁疾患は、心室中隔欠損を伴う肺動脈閉鎖症、ファロー四徴症、両大血管右室起始症の総称である。以下のいずれかに診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod dorv_216 {
    use super::*;
    const ID: &str = "nanbyo-216-2403";

    // 「NYHA心機能分類ＩＩ度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「ファロー四徴症類縁疾患は、心室中隔欠損を伴う肺動脈閉鎖症、ファロー四徴症、両大血管右室起始症の総称である。以下のいずれかに診断された場合を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod ebstein_217 {
    use super::*;
    const ID: &str = "nanbyo-217-2403";

    // 「NYHA心機能分類II度以上を対象とする。」 Boundaries II度 (met) and I度 (not met).
    #[test]
    fn nyha_2_is_met_and_1_is_not() {
        let f2 = with(&declared("1"), &[("nyha_class", "2")]);
        let e = eval_new(ID, &f2);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("nyha_class", "4")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::Met);
        let f1 = with(&declared("1"), &[("nyha_class", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f1).determination.result, Outcome::NotEligible);
    }

    // A blank NYHA class leaves the result open, unless the diagnosis already fails.
    #[test]
    fn a_blank_nyha_class_is_named_only_while_it_matters() {
        assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「心エコーにて①～③の全てを満たす場合をエプスタイン病と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nyha_class", "3")]);
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod aic_135 {
    use super::*;
    const ID: &str = "nanbyo-135-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Ａ-１、２、４を必須とし、さらにＡ-５、６、７、８のいずれかの所見を認めた場合に診断できる。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod hme_136 {
    use super::*;
    const ID: &str = "nanbyo-136-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分、「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Ａ症状のいずれか及び脳波所見（Ｂ３）にて片側巨脳症を疑うが、診断には頭部画像所見（Ｂ２）が必須で、診断の原則は患側大脳半球の二葉以上が対側より大きいことである。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod fcd_137 {
    use super::*;
    const ID: &str = "nanbyo-137-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「症状Ａ１と検査Ｂ３から限局性皮質異形成を疑い、検査Ｂ２にて確定する。ただし、FCDタイプ２aの一部及びFCDタイプ１は検査Ｂ４にて確定する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod nmd_138 {
    use super::*;
    const ID: &str = "nanbyo-138-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「てんかん発作や知的障害などの症状から脳構造異常を疑い、画像検査でそれぞれの病型のいずれかを確定することで診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod dravet_140 {
    use super::*;
    const ID: &str = "nanbyo-140-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definite（確定診断例）を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod mtlehs_141 {
    use super::*;
    const ID: &str = "nanbyo-141-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Ａの３と４、かつＢの１と２が揃えば診断される。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod mae_142 {
    use super::*;
    const ID: &str = "nanbyo-142-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Ａ．症状から本疾病を疑い、Ｂ３発作時の脳波所見、及びＣの鑑別を行い確定する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod emas_143 {
    use super::*;
    const ID: &str = "nanbyo-143-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「症状Ａ１、２及びＢ２を満たしＣの鑑別すべき疾患を除外したもの」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod lgs_144 {
    use super::*;
    const ID: &str = "nanbyo-144-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
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
}

mod west_145 {
    use super::*;
    const ID: &str = "nanbyo-145-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
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
}

mod ohtahara_146 {
    use super::*;
    const ID: &str = "nanbyo-146-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod eme_147 {
    use super::*;
    const ID: &str = "nanbyo-147-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod eimfs_148 {
    use super::*;
    const ID: &str = "nanbyo-148-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod hhe_149 {
    use super::*;
    const ID: &str = "nanbyo-149-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分、精神症状・能力障害二軸評価を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Ａ 症状を全て満たし、かつＢ．検査所見の②又は③のいずれかを認めた場合に診断される。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod r20_150 {
    use super::*;
    const ID: &str = "nanbyo-150-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod rasmussen_151 {
    use super::*;
    const ID: &str = "nanbyo-151-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「表のPart A のうちの３項目全てを満たすか、Part Bの３項目のうちの２項目を満たし、鑑別診断を除外して診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod pcdh19_152 {
    use super::*;
    const ID: &str = "nanbyo-152-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「確定診断された例（Definite）を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod aerrps_153 {
    use super::*;
    const ID: &str = "nanbyo-153-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
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
}

mod csws_154 {
    use super::*;
    const ID: &str = "nanbyo-154-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分、および障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「小児期の患者でＡ．症状のうち１項目以上あれば診断を疑い、Ｂ．検査所見３、５の双方を満たす場合に確定する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod lks_155 {
    use super::*;
    const ID: &str = "nanbyo-155-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分、および障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「発達が正常な児童にＡ．症状２、３を認め、Ｂ．検査所見１で確定する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod rett_156 {
    use super::*;
    const ID: &str = "nanbyo-156-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分、及び障害者総合支援法における障害支援区分における「精神症状・能力障害二軸評価」を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod sws_157 {
    use super::*;
    const ID: &str = "nanbyo-157-2403";

    // 「精神保健福祉手帳診断書における「G40てんかん」の障害等級判定区分、及び障害者総合支援法における障害支援区分、精神症状・能力障害二軸評価を用いて、以下のいずれかに該当する患者を対象とする。」 ２級程度（イ、ロの発作が月に１回以上）: 能力障害評価 ３～５のみ。
    #[test]
    fn grade_2_needs_disability_3() {
        let f3 = g40(&declared("1"), "4", "1", "3");
        let e = eval_new(ID, &f3);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = g40(&declared("1"), "4", "1", "2");
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
        // ハ、ニの発作が年に２回以上 is ２級程度 too.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&declared("1"), "2", "3", "2")),
            SeverityOutcome::NotMet
        );
    }

    // １級程度（ハ、ニの発作が月に１回以上）: 能力障害評価 １～５全て.
    #[test]
    fn grade_1_is_met_with_any_disability() {
        let f = g40(&declared("1"), "1", "3", "1");
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        // 能力障害評価 blank does not matter for １級程度.
        let blank = with(&f, &[("disability_grade", "")]);
        assert_eq!(severity(ID, &blank), SeverityOutcome::Met);
    }

    // ３級程度（イ、ロの発作が月に１回未満／ハ、ニの発作が年に２回未満）: 能力障害評価 ４～５のみ.
    #[test]
    fn grade_3_needs_disability_4() {
        for (cd, ab) in [("4", "2"), ("3", "3")] {
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "4")),
                SeverityOutcome::Met,
                "{cd} {ab}"
            );
            assert_eq!(
                severity(ID, &g40(&declared("1"), cd, ab, "3")),
                SeverityOutcome::NotMet,
                "{cd} {ab}"
            );
        }
        // No seizure (イ～ニ なし): no grade, not met even with 能力障害評価 5.
        let none = g40(&declared("1"), "4", "3", "5");
        assert_eq!(
            eval_new(ID, &none).calculations.get("g40_grade"),
            Some(&nsdb_forms::CalcValue::Number(0.0))
        );
        assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
        // ２級程度 and ３級程度 both apply: the heavier grade (３～５) decides.
        assert_eq!(
            severity(ID, &g40(&declared("1"), "3", "1", "3")),
            SeverityOutcome::Met
        );
    }

    // A blank 能力障害評価 keeps ２級程度 open; a blank frequency is named while it matters.
    #[test]
    fn blanks_are_named_only_while_they_matter() {
        let open = with(
            &g40(&declared("1"), "4", "1", "3"),
            &[("disability_grade", "")],
        );
        assert_undetermined_naming(ID, &open, &["disability_grade"]);
        let cd_blank = with(
            &g40(&declared("1"), "4", "3", "2"),
            &[("g40_seizure_cd", "")],
        );
        assert_undetermined_naming(ID, &cd_blank, &["g40_seizure_cd"]);
    }

    // 「Definite（確定診断例）を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| g40(&declared(c), "1", "3", "5");
        assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod cls_176 {
    use super::*;
    const ID: &str = "nanbyo-176-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障をきたす状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「確定診断例、臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod ws_179 {
    use super::*;
    const ID: &str = "nanbyo-179-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(&declared(c), &[("chd_nyha", "0")])
    }

    // 「下記に該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「・先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
    }

    // 「１．小児例（18歳未満） 小児慢性疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(&child, &[("shoman_state_met", "2"), ("chd_nyha", "2")]);
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("chd_nyha", "2")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("chd_nyha", "")]);
        assert_undetermined_naming(ID, &open, &["chd_nyha"]);
        let decided = with(&open, &[("diagnosis_category_declared", "4")]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「FISH法によりELN遺伝子を含むプローブで、7q11.23微細欠失を認める場合、ウィリアムズ症候群と確定診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("chd_nyha", "2")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod atrx_180 {
    use super::*;
    const ID: &str = "nanbyo-180-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障をきたす状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、NYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod css_185 {
    use super::*;
    const ID: &str = "nanbyo-185-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障をきたす状態。（日本神経学会による定義）」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「確定診断例、臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod kabuki_187 {
    use super::*;
    const ID: &str = "nanbyo-187-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「成人例は、１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「確定診断例及び臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod noonan_195 {
    use super::*;
    const ID: &str = "nanbyo-195-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(&declared(c), &[("chd_nyha", "0")])
    }

    // 「２．成人例」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(&child, &[("shoman_state_met", "2"), ("chd_nyha", "2")]);
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("chd_nyha", "2")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("chd_nyha", "")]);
        assert_undetermined_naming(ID, &open, &["chd_nyha"]);
        let decided = with(&open, &[("diagnosis_category_declared", "4")]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「確実なヌーナン症候群及び確定診断されたヌーナン症候群を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("chd_nyha", "2")]);
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
}

mod yss_196 {
    use super::*;
    const ID: &str = "nanbyo-196-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でⅡ度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「確定診断例及び臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod del1p36_197 {
    use super::*;
    const ID: &str = "nanbyo-197-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("chd_nyha", "0"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「３）先天性心疾患があり、NYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("respiration", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod del4p_198 {
    use super::*;
    const ID: &str = "nanbyo-198-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「成人例は、１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「乳・幼児期から下記の主要臨床症状を全て認め、染色体検査により第４番染色体の4p16.3領域が欠失している場合、4p欠失症候群と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod del5p_199 {
    use super::*;
    const ID: &str = "nanbyo-199-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「成人例は、以下の１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２） 先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「乳・幼児期から下記の主要臨床症状を全て認め、染色体検査により第５番染色体の5p15領域が欠失している場合、5p欠失症候群と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod upd14_200 {
    use super::*;
    const ID: &str = "nanbyo-200-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でＩＩ度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「乳・幼児期からの特徴的な小胸郭を認め、下記の症状より第14番染色体父親性ダイソミー症候群が疑われる場合、14番染色体域内のメチル化可変領域であるIG-DMR、MEG3-DMRの高メチル化を認めれば、第14番染色体父親性ダイソミー症候群と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod as_201 {
    use super::*;
    const ID: &str = "nanbyo-201-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「成人例は、１）～２）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("tracheostomy", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod sms_202 {
    use super::*;
    const ID: &str = "nanbyo-202-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「以下の１）～３）のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でＩＩ度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod emanuel_204 {
    use super::*;
    const ID: &str = "nanbyo-204-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を満たす場合。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「２）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態。（日本神経学会による定義）」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「３）先天性心疾患があり、NYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("refractory_epilepsy", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「子宮内発育不全があり、特異顔貌（小頭症、耳前の小孔や小突起など）、口蓋裂、小下顎（ピエールロバン連鎖）、先天性心疾患（心室中隔欠損、心房中隔欠損、動脈間開存など）などから疑い、染色体検査で以下の異常があった場合に診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod atm_116 {
    use super::*;
    const ID: &str = "nanbyo-116-2403";

    // 「Kurtzkeの総合障害度（EDSS）スケールを用いて4.5以上を対象とする。」 Boundaries 4.0 and 4.5.
    #[test]
    fn edss_4_5_is_met_and_4_0_is_not() {
        let f = with(&declared("1"), &[("atm_edss", "4.5")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f4 = with(&declared("1"), &[("atm_edss", "4.0")]);
        assert_eq!(severity(ID, &f4), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &declared("1"), &["atm_edss"]);
    }

    // EDSS is 0 or 1.0–10.0 in steps of 0.5.
    #[test]
    fn edss_off_step_is_an_error() {
        let f = with(&declared("1"), &[("atm_edss", "4.7")]);
        assert!(
            codes(&eval_new(ID, &f))
                .iter()
                .any(|(c, _)| c == "atm_edss_step"),
            "{:?}",
            codes(&eval_new(ID, &f))
        );
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&declared(c), &[("atm_edss", "6.0")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod perry_126 {
    use super::*;
    const ID: &str = "nanbyo-126-2403";

    // 「①Hoehn-Yahr重症度分類を用いて３度以上。」 2 and 3, with mRS/N/R below 3.
    #[test]
    fn hoehn_yahr_3_alone_is_met_and_2_is_not() {
        let f = with(&mild("1"), &[("perry_hoehn_yahr", "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = with(&mild("1"), &[("perry_hoehn_yahr", "2")]);
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
    }

    // 「②modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上。」
    #[test]
    fn mrs_nr_3_alone_is_met_and_a_blank_hoehn_yahr_matters_only_below() {
        let f = with(&mild("1"), &[("perry_hoehn_yahr", "1"), ("mrs", "3")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        let f2 = with(&mild("1"), &[("perry_hoehn_yahr", "1"), ("mrs", "2")]);
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &mild("1"), &["perry_hoehn_yahr"]);
        assert_eq!(
            severity(ID, &with(&mild("1"), &[("respiration", "4")])),
            SeverityOutcome::Met
        );
    }

    // 「Definiteを対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("perry_hoehn_yahr", "4")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod aesd_129 {
    use super::*;
    const ID: &str = "nanbyo-129-2403";

    // 「Pediatric Cerebral Performance Category Scale（PCPC）を用いて３点以上を対象とする。」 2 and 3.
    #[test]
    fn pcpc_3_is_met_and_2_is_not() {
        let f = with(&declared("1"), &[("aesd_pcpc", "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = with(&declared("1"), &[("aesd_pcpc", "2")]);
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &declared("1"), &["aesd_pcpc"]);
        let decided = with(&declared("4"), &[]);
        assert_eq!(
            eval_new(ID, &decided).determination.result,
            Outcome::NotEligible
        );
    }

    // 「①②双方を満たし、さらに③④⑤のいずれかを満たす場合を対象とする。」 declared as Definite.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("aesd_pcpc", "5")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod cipa_130 {
    use super::*;
    const ID: &str = "nanbyo-130-2403";

    // 「診断基準自体を重症度分類等とし、診断基準を満たすものを全て対象とする。」
    #[test]
    fn every_diagnosed_case_is_eligible() {
        let e = eval_new(ID, &declared("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(e.determination.result, Outcome::Eligible);
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &declared(other)).determination.result,
                Outcome::NotEligible
            );
        }
        // A blank category (新規) leaves the result open.
        let blank = with(&declared("1"), &[("diagnosis_category_declared", "")]);
        assert_undetermined_naming(ID, &blank, &["diagnosis_category_declared"]);
    }
}

mod vater_173 {
    use super::*;
    const ID: &str = "nanbyo-173-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("chd_nyha", "0"),
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("ckd_egfr", "75"),
                ("ckd_proteinuria", "0.1"),
            ],
        )
    }

    // 「以下の１）～３）のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「２）modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「３）腎：CKD重症度分類ヒートマップが赤の部分の場合」
        // 「３）腎：CKD重症度分類ヒートマップが赤の部分の場合」 G4 (eGFR 29.9) red, G3b×A1 (eGFR 30, 0.1) not; G3b×A2 (44.9, 0.15) red, G3a×A2 (45, 0.49) not.
        let ckd = |e: &str, p: &str| with(&none("1"), &[("ckd_egfr", e), ("ckd_proteinuria", p)]);
        assert_eq!(severity(ID, &ckd("29.9", "0.1")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("30", "0.1")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("44.9", "0.15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("45", "0.49")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("59.9", "0.5")), SeverityOutcome::Met);
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("chd_nyha", "")]);
        assert_undetermined_naming(ID, &open, &["chd_nyha"]);
        let decided = with(&open, &[("respiration", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「染色体検査により染色体異常症・ファンコニ貧血を除外した上でVATER症候群と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("chd_nyha", "2")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod jsrd_177 {
    use super::*;
    const ID: &str = "nanbyo-177-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("ckd_egfr", "75"),
                ("ckd_proteinuria", "0.1"),
                ("va_better_eye", "1.0"),
            ],
        )
    }

    // 「①～③のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「②腎障害：CKD重症度分類ヒートマップが赤の部分の場合」
        // 「③視覚障害：良好な方の眼の矯正視力が0.3未満の場合」
        // 「②腎障害：CKD重症度分類ヒートマップが赤の部分の場合」 G4 (eGFR 29.9) red, G3b×A1 (eGFR 30, 0.1) not; G3b×A2 (44.9, 0.15) red, G3a×A2 (45, 0.49) not.
        let ckd = |e: &str, p: &str| with(&none("1"), &[("ckd_egfr", e), ("ckd_proteinuria", p)]);
        assert_eq!(severity(ID, &ckd("29.9", "0.1")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("30", "0.1")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("44.9", "0.15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("45", "0.49")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("59.9", "0.5")), SeverityOutcome::Met);
        // 「③視覚障害：良好な方の眼の矯正視力が0.3未満の場合」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("ckd_egfr", "25")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
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
}

mod crouzon_181 {
    use super::*;
    const ID: &str = "nanbyo-181-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("va_better_eye", "1.0"),
                ("hearing_level", "1"),
            ],
        )
    }

    // 「以下のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」
        // 「③聴覚障害：　高度難聴以上」
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
        // 「③聴覚障害：　高度難聴以上」 中等度難聴 (2) and 高度難聴 (3).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("va_better_eye", "0.2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「それぞれの症候群において確定診断例を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod apert_182 {
    use super::*;
    const ID: &str = "nanbyo-182-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("va_better_eye", "1.0"),
                ("hearing_level", "1"),
            ],
        )
    }

    // 「以下のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」
        // 「③聴覚障害：　高度難聴以上」
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
        // 「③聴覚障害：　高度難聴以上」 中等度難聴 (2) and 高度難聴 (3).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("va_better_eye", "0.2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「それぞれの症候群において確定診断例を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod pfeiffer_183 {
    use super::*;
    const ID: &str = "nanbyo-183-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("va_better_eye", "1.0"),
                ("hearing_level", "1"),
            ],
        )
    }

    // 「以下のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」
        // 「③聴覚障害：　高度難聴以上」
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
        // 「③聴覚障害：　高度難聴以上」 中等度難聴 (2) and 高度難聴 (3).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("va_better_eye", "0.2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「それぞれの症候群において確定診断例を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod abs_184 {
    use super::*;
    const ID: &str = "nanbyo-184-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mrs", "0"),
                ("nutrition", "0"),
                ("respiration", "0"),
                ("va_better_eye", "1.0"),
                ("hearing_level", "1"),
            ],
        )
    }

    // 「以下のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上。」
        for item in ["mrs", "nutrition", "respiration"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "3")])),
                SeverityOutcome::Met,
                "{item}"
            );
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "2")])),
                SeverityOutcome::NotMet,
                "{item}"
            );
        }
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」
        // 「③聴覚障害：　高度難聴以上」
        // 「②視覚障害：　良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
        // 「③聴覚障害：　高度難聴以上」 中等度難聴 (2) and 高度難聴 (3).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("mrs", "")]);
        assert_undetermined_naming(ID, &open, &["mrs"]);
        let decided = with(&open, &[("va_better_eye", "0.2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「それぞれの症候群において確定診断例を対象とする。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("respiration", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod bor_190 {
    use super::*;
    const ID: &str = "nanbyo-190-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("hearing_level", "1"),
                ("ckd_egfr", "75"),
                ("ckd_proteinuria", "0.1"),
            ],
        )
    }

    // 「以下のいずれかを満たす場合を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「①聴覚で高度難聴以上」
        // 「②腎：CKD重症度分類ヒートマップが赤の部分の場合。」
        // 「①聴覚で高度難聴以上」 中等度難聴 (2) and 高度難聴 (3).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::NotMet
        );
        // 「②腎：CKD重症度分類ヒートマップが赤の部分の場合。」 G4 (eGFR 29.9) red, G3b×A1 (eGFR 30, 0.1) not; G3b×A2 (44.9, 0.15) red, G3a×A2 (45, 0.49) not.
        let ckd = |e: &str, p: &str| with(&none("1"), &[("ckd_egfr", e), ("ckd_proteinuria", p)]);
        assert_eq!(severity(ID, &ckd("29.9", "0.1")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("30", "0.1")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("44.9", "0.15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("45", "0.49")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("59.9", "0.5")), SeverityOutcome::Met);
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("hearing_level", "")]);
        assert_undetermined_naming(ID, &open, &["hearing_level"]);
        let decided = with(&open, &[("ckd_egfr", "25")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「以下の①又は②を鰓耳腎（BOR）症候群と診断する。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("hearing_level", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod sotos_194 {
    use super::*;
    const ID: &str = "nanbyo-194-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
                ("ckd_egfr", "75"),
                ("ckd_proteinuria", "0.1"),
            ],
        )
    }

    // 「成人例は、１）～４）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障を来す状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
        // 「４）腎不全を伴う場合。腎：CKD重症度分類ヒートマップが赤の部分の場合」
        // 「４）腎不全を伴う場合。腎：CKD重症度分類ヒートマップが赤の部分の場合」 G4 (eGFR 29.9) red, G3b×A1 (eGFR 30, 0.1) not; G3b×A2 (44.9, 0.15) red, G3a×A2 (45, 0.49) not.
        let ckd = |e: &str, p: &str| with(&none("1"), &[("ckd_egfr", e), ("ckd_proteinuria", p)]);
        assert_eq!(severity(ID, &ckd("29.9", "0.1")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("30", "0.1")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("44.9", "0.15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("45", "0.49")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("59.9", "0.5")), SeverityOutcome::Met);
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病における状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「臨床診断例、確定診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod alport_218 {
    use super::*;
    const ID: &str = "nanbyo-218-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("ckd_egfr", "75"),
                ("ckd_proteinuria", "0.1"),
                ("hearing_level", "1"),
                ("va_better_eye", "1.0"),
            ],
        )
    }

    // 「腎機能、聴力、視力のいずれかの重症度を満たすものを対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「○腎機能 CKD重症度分類ヒートマップで赤の部分を対象とする。」
        // 「○聴力 中等度以上を対象とする。」
        // 「○視力 視覚障害：　良好な方の眼の矯正視力が0.3未満」
        // 「○腎機能 CKD重症度分類ヒートマップで赤の部分を対象とする。」 G4 (eGFR 29.9) red, G3b×A1 (eGFR 30, 0.1) not; G3b×A2 (44.9, 0.15) red, G3a×A2 (45, 0.49) not.
        let ckd = |e: &str, p: &str| with(&none("1"), &[("ckd_egfr", e), ("ckd_proteinuria", p)]);
        assert_eq!(severity(ID, &ckd("29.9", "0.1")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("30", "0.1")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("44.9", "0.15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ckd("45", "0.49")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ckd("59.9", "0.5")), SeverityOutcome::Met);
        // 「○聴力 中等度以上を対象とする。」 軽度難聴 (1) and 中等度難聴 (2).
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("hearing_level", "1")])),
            SeverityOutcome::NotMet
        );
        // 「○視力 視覚障害：　良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.29")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("va_better_eye", "0.3")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("ckd_egfr", "")]);
        assert_undetermined_naming(ID, &open, &["ckd_egfr"]);
        let decided = with(&open, &[("hearing_level", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「診断例のみを対象とし、疑い例、無症候性キャリアは対象としない。」 Only Definite is eligible.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("ckd_egfr", "25")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::NotEligible
        );
        for other in ["3", "4"] {
            assert_eq!(diagnosis(ID, &severe(other)), DiagnosisOutcome::NotMet);
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod ftld_127 {
    use super::*;
    const ID: &str = "nanbyo-127-2403";

    // 「下記の重症度分類を用いて“３”以上を対象とする。」 （行動異常型）: 2 and 3.
    #[test]
    fn behavioural_variant_3_is_met_and_2_is_not() {
        let f = with(
            &declared("1"),
            &[("ftld_type", "1"), ("ftld_bv_grade", "3")],
        );
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = with(
            &declared("1"),
            &[("ftld_type", "1"), ("ftld_bv_grade", "2")],
        );
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        // The 意味性認知症 grade does not count for the 行動異常型.
        let other = with(&f2, &[("ftld_sd_grade", "4")]);
        assert_eq!(severity(ID, &other), SeverityOutcome::NotMet);
    }

    // 意味性認知症: 2 and 3; 両方: either grade.
    #[test]
    fn semantic_variant_and_both() {
        let f = with(
            &declared("1"),
            &[("ftld_type", "2"), ("ftld_sd_grade", "3")],
        );
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        let f2 = with(
            &declared("1"),
            &[("ftld_type", "2"), ("ftld_sd_grade", "2")],
        );
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        let both = with(
            &declared("1"),
            &[
                ("ftld_type", "3"),
                ("ftld_bv_grade", "1"),
                ("ftld_sd_grade", "3"),
            ],
        );
        assert_eq!(severity(ID, &both), SeverityOutcome::Met);
    }

    // A blank grade of the declared type keeps the result open; the other type's grade does not.
    #[test]
    fn a_blank_grade_is_named_only_for_the_declared_type() {
        let open = with(&declared("1"), &[("ftld_type", "1")]);
        assert_undetermined_naming(ID, &open, &["ftld_bv_grade"]);
        let e = eval_new(ID, &open);
        assert!(codes(&e)
            .iter()
            .any(|(c, i)| c == "required" && i == "ftld_bv_grade"));
        assert!(!codes(&e)
            .iter()
            .any(|(c, i)| c == "required" && i == "ftld_sd_grade"));
    }

    // 「（行動異常型）前頭側頭型認知症及び意味性認知症と臨床診断された例を対象とする。」 declared as Definite.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("ftld_type", "1"), ("ftld_bv_grade", "4")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod nhd_174 {
    use super::*;
    const ID: &str = "nanbyo-174-2403";

    // 「Bianchinらのstage（I-IV）分類で、stage II以上を対象とする。」 I and II.
    #[test]
    fn stage_2_is_met_and_stage_1_is_not() {
        let f = with(&declared("1"), &[("nhd_bianchin_stage", "2")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f1 = with(&declared("1"), &[("nhd_bianchin_stage", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &declared("1"), &["nhd_bianchin_stage"]);
    }

    // 「…那須・ハコラ病と診断できる。」 declared as Definite.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&declared(c), &[("nhd_bianchin_stage", "4")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod wrn_191 {
    use super::*;
    const ID: &str = "nanbyo-191-2403";

    // 「ウェルナー症候群の重症度分類を用いて、３度以上を対象とする。」 2 and 3.
    #[test]
    fn grade_3_is_met_and_2_is_not() {
        let f = with(&declared("1"), &[("wrn_grade", "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f2 = with(&declared("1"), &[("wrn_grade", "2")]);
        assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &declared("1"), &["wrn_grade"]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&declared(c), &[("wrn_grade", "5")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod weaver_175 {
    use super::*;
    const ID: &str = "nanbyo-175-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障をきたす状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 Under 18 on the 記載年月日: only the doctor's judgement counts.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        // 17 on 2025-06-20 (born 2007-06-21).
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        // 18 on 2025-06-20 (born 2007-06-20): adult, the 小慢 item does not matter.
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("refractory_epilepsy", "1")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &with(&adult, &[("shoman_state_met", "2")])),
            SeverityOutcome::Met
        );
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「確定診断例と臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod mws_178 {
    use super::*;
    const ID: &str = "nanbyo-178-2403";

    /// Declared category, adult (born 1955), no alternative of the 重症度分類 met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("refractory_epilepsy", "2"),
                ("chd_nyha", "0"),
                ("tracheostomy", "2"),
                ("non_oral_nutrition", "2"),
            ],
        )
    }

    // 「１）～３）のいずれかに該当する者を対象とする。」 Each alternative alone.
    #[test]
    fn each_adult_alternative_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // 「１）難治性てんかんの場合：主な抗てんかん薬２～３種類以上の単剤あるいは多剤併用で、かつ十分量で、２年以上治療しても、発作が１年以上抑制されず日常生活に支障をきたす状態（日本神経学会による定義）。」
        let f = with(&none("1"), &[("refractory_epilepsy", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // 「２）先天性心疾患があり、NYHA分類でII度以上に該当する場合。」
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "2")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "4")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("chd_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        // 「３）気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養など）、人工呼吸器使用の場合。」
        for item in ["tracheostomy", "non_oral_nutrition", "ventilator_use"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[(item, "1")])),
                SeverityOutcome::Met,
                "{item}"
            );
        }
    }

    // A blank item is named while no other alternative is met.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&none("1"), &[("refractory_epilepsy", "")]);
        assert_undetermined_naming(ID, &open, &["refractory_epilepsy"]);
        let decided = with(&open, &[("chd_nyha", "2")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("refractory_epilepsy", "1")]);
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
}

mod hld_139 {
    use super::*;
    const ID: &str = "nanbyo-139-2403";

    // 「Caillouxらの分類…を用いて、０～２」 form 2 (met) and 3 (not), with mRS/N/R below 3.
    #[test]
    fn cailloux_form_2_is_met_and_3_is_not() {
        let f = with(&mild("1"), &[("hld_cailloux_form", "2")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f3 = with(&mild("1"), &[("hld_cailloux_form", "3")]);
        assert_eq!(severity(ID, &f3), SeverityOutcome::NotMet);
        assert_eq!(
            severity(ID, &with(&mild("1"), &[("hld_cailloux_form", "0")])),
            SeverityOutcome::Met
        );
    }

    // 「又はmodified Rankin Scale（mRS）、食事・栄養、呼吸…いずれかが３以上」 alone, 2 and 3.
    #[test]
    fn mrs_nr_alone_and_a_blank_form() {
        let walk = with(&mild("1"), &[("hld_cailloux_form", "4")]);
        assert_eq!(
            severity(ID, &with(&walk, &[("mrs", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&walk, &[("mrs", "2")])),
            SeverityOutcome::NotMet
        );
        assert_undetermined_naming(ID, &mild("1"), &["hld_cailloux_form"]);
        assert_eq!(
            severity(ID, &with(&mild("1"), &[("nutrition", "3")])),
            SeverityOutcome::Met
        );
    }

    // Categories: declared Definite only.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&mild(c), &[("hld_cailloux_form", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod rpgn_220 {
    use super::*;
    const ID: &str = "nanbyo-220-2403";

    fn maintenance(egfr: &str, protein: &str) -> FormData {
        with(
            &declared("1"),
            &[
                ("rpgn_phase", "2"),
                ("ckd_egfr", egfr),
                ("ckd_proteinuria", protein),
            ],
        )
    }

    // 「ア）初期・再発時は急速進行性糸球体腎炎の診断基準を満たす全例が重症である。」
    #[test]
    fn initial_or_relapse_is_always_met() {
        let f = with(&maintenance("75", "0.1"), &[("rpgn_phase", "1")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // 「イ）維持治療期では上記の慢性腎臓病重症度分類で重症（赤）に該当するものとする。」
    #[test]
    fn maintenance_needs_ckd_red() {
        let e = eval_new(ID, &maintenance("35", "0.3"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met);
        assert_eq!(
            severity(ID, &maintenance("45", "0.3")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &maintenance("29.9", "0.1")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &maintenance("30", "0.1")),
            SeverityOutcome::NotMet
        );
    }

    // 「ウ）いずれの腎機能であっても蛋白尿0.5g/日以上のものは、重症として扱う。」 0.49 and 0.5.
    #[test]
    fn proteinuria_0_5_is_met_at_any_gfr() {
        assert_eq!(
            severity(ID, &maintenance("95", "0.5")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &maintenance("95", "0.49")),
            SeverityOutcome::NotMet
        );
    }

    // A blank phase is named while the kidney values do not decide.
    #[test]
    fn a_blank_phase_is_named_only_while_it_matters() {
        let open = with(&maintenance("35", "0.3"), &[("rpgn_phase", "")]);
        assert_undetermined_naming(ID, &open, &["rpgn_phase"]);
        let decided = with(&maintenance("95", "0.6"), &[("rpgn_phase", "")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| {
            with(
                &declared(c),
                &[
                    ("rpgn_phase", "1"),
                    ("ckd_egfr", "20"),
                    ("ckd_proteinuria", "1.0"),
                ],
            )
        };
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        assert_eq!(diagnosis(ID, &severe("2")), DiagnosisOutcome::Probable);
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod sod_134 {
    use super::*;
    const ID: &str = "nanbyo-134-2403";

    /// 視力 0.5, no hormone replacement, no seizure, 能力障害評価 2: none met.
    fn none(c: &str) -> FormData {
        g40(
            &with(
                &declared(c),
                &[("va_better_eye", "0.5"), ("sod_pituitary_hrt", "2")],
            ),
            "4",
            "3",
            "2",
        )
    }

    // 「①視覚障害：良好な方の眼の矯正視力が0.3未満」 0.29 and 0.3.
    #[test]
    fn visual_acuity_below_0_3_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let f = with(&none("1"), &[("va_better_eye", "0.29")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f = with(&none("1"), &[("va_better_eye", "0.3")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    }

    // 「②下垂体機能低下症を認め、ホルモン補充療法が必要な場合。」
    #[test]
    fn pituitary_hormone_replacement_alone() {
        let f = with(&none("1"), &[("sod_pituitary_hrt", "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met);
        let open = with(&none("1"), &[("sod_pituitary_hrt", "")]);
        assert_undetermined_naming(ID, &open, &["sod_pituitary_hrt"]);
    }

    // 「③…「G40てんかん」の障害等級…２級程度 ３～５のみ、３級程度 ４～５のみ」
    #[test]
    fn g40_grade_and_disability_alone() {
        let base = with(
            &declared("1"),
            &[("va_better_eye", "0.5"), ("sod_pituitary_hrt", "2")],
        );
        assert_eq!(
            severity(ID, &g40(&base, "4", "1", "3")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&base, "4", "1", "2")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &g40(&base, "3", "3", "4")),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &g40(&base, "3", "3", "3")),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &g40(&base, "1", "3", "1")),
            SeverityOutcome::Met
        );
    }

    // 「I１かつII２、II１かつII２、又は、I２かつII２を満たす時、本症と診断する。」 declared as Definite.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("sod_pituitary_hrt", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod mfs_167 {
    use super::*;
    const ID: &str = "nanbyo-167-2403";

    /// Adult (born 1955), 心疾患なし, Z 1.5, no dissection: not met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("mfs_heart_nyha", "0"),
                ("mfs_aortic_root_z", "1.5"),
                ("mfs_aortic_root_dissection", "2"),
            ],
        )
    }

    // 「１）心疾患があり、薬物治療・手術によってもNYHA分類でII度以上に該当する場合。」 I and II.
    #[test]
    fn heart_disease_nyha_2_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let f = with(&none("1"), &[("mfs_heart_nyha", "2")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f1 = with(&none("1"), &[("mfs_heart_nyha", "1")]);
        assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
    }

    // 「２）大動脈基部病変（Z≧２）が認められる場合」 Z 1.9 and 2.0; 大動脈基部解離 alone; 未実施.
    #[test]
    fn aortic_root_z_2_or_dissection() {
        let z = |v: &str| with(&none("1"), &[("mfs_aortic_root_z", v)]);
        assert_eq!(severity(ID, &z("2.0")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &z("1.9")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &z("not_done")), SeverityOutcome::NotMet);
        let d = with(&z("not_done"), &[("mfs_aortic_root_dissection", "1")]);
        assert_eq!(severity(ID, &d), SeverityOutcome::Met);
        assert_undetermined_naming(ID, &z(""), &["mfs_aortic_root_z"]);
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 17 and 18 on 2025-06-20.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        let met = with(&child, &[("shoman_state_met", "1")]);
        let e = eval_new(ID, &met);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("mfs_heart_nyha", "3")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("mfs_heart_nyha", "3")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
    }

    // 「確定診断例、臨床診断例を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("mfs_aortic_root_dissection", "1")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod pws_193 {
    use super::*;
    const ID: &str = "nanbyo-193-2403";

    /// Adult (born 1955), DM and HT controlled, AHI 10: not met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("pws_uncontrolled_dm", "2"),
                ("pws_uncontrolled_ht", "2"),
                ("pws_ahi", "10"),
            ],
        )
    }

    // 「１）コントロール不能な糖尿病もしくは高血圧」 each alone.
    #[test]
    fn uncontrolled_dm_or_ht_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        for item in ["pws_uncontrolled_dm", "pws_uncontrolled_ht"] {
            let f = with(&none("1"), &[(item, "1")]);
            let e = eval_new(ID, &f);
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        }
    }

    // 「２）睡眠時無呼吸症候群の重症度分類において中等症以上の場合」 中等症 15 ≦ AHI: 14.9 and 15.
    #[test]
    fn ahi_15_is_met_and_14_9_is_not() {
        let ahi = |v: &str| with(&none("1"), &[("pws_ahi", v)]);
        assert_eq!(severity(ID, &ahi("15")), SeverityOutcome::Met);
        assert_eq!(severity(ID, &ahi("14.9")), SeverityOutcome::NotMet);
        assert_eq!(severity(ID, &ahi("not_done")), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &ahi(""), &["pws_ahi"]);
        let decided = with(&ahi(""), &[("pws_uncontrolled_ht", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 17 and 18 on 2025-06-20.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        assert_eq!(
            eval_new(ID, &with(&child, &[("shoman_state_met", "1")]))
                .determination
                .result,
            Outcome::Eligible
        );
        let adult_rule_only = with(&child, &[("shoman_state_met", "2"), ("pws_ahi", "40")]);
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        let adult = with(
            &none("1"),
            &[("birth_date", "2007-06-20"), ("pws_ahi", "40")],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("pws_uncontrolled_dm", "1")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod hypp_115 {
    use super::*;
    const ID: &str = "nanbyo-115-2403";

    // 「非発作時における持続性筋力低下についてはBarthel Indexを用いて、85点以下を対象とする。」 85 and 90, attacks 0.
    #[test]
    fn barthel_85_alone_is_met_and_90_is_not() {
        let f = with(
            &declared("1"),
            &[("adl_walking", "0"), ("hpp_attack_days_per_month", "0")],
        );
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f90 = with(
            &declared("1"),
            &[("adl_stairs", "0"), ("hpp_attack_days_per_month", "0")],
        );
        assert_eq!(severity(ID, &f90), SeverityOutcome::NotMet);
    }

    // 「…麻痺発作重症度において中等症以上」 中等症: 平均で月に１日以上. 0.9 and 1.0 with Barthel 100.
    #[test]
    fn attacks_once_a_month_alone() {
        let f = with(&declared("1"), &[("hpp_attack_days_per_month", "1.0")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f = with(&declared("1"), &[("hpp_attack_days_per_month", "0.9")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &declared("1"), &["hpp_attack_days_per_month"]);
        let decided = with(&declared("1"), &[("adl_walking", "0")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「１）又は２）のDefinite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&declared(c), &[("hpp_attack_days_per_month", "4")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod wd_171 {
    use super::*;
    const ID: &str = "nanbyo-171-2403";

    /// Child-Pugh 5 points (A), mRS/N/R 0, CKD green: not met.
    fn none(c: &str) -> FormData {
        with(
            &mild(c),
            &[
                ("wd_cp_encephalopathy", "1"),
                ("wd_cp_ascites", "1"),
                ("wd_cp_bilirubin", "1.0"),
                ("wd_cp_albumin", "4.0"),
                ("wd_cp_pt", "90"),
                ("ckd_egfr", "80"),
                ("ckd_proteinuria", "0.1"),
            ],
        )
    }

    fn points(f: &FormData) -> Option<nsdb_forms::CalcValue> {
        eval_new(ID, f)
            .calculations
            .get("wd_child_pugh_points")
            .cloned()
    }

    // 「○Child-Pugh分類を用いて、B、Cを対象とする。」 6 points (A) and 7 points (B).
    #[test]
    fn child_pugh_b_alone_is_met_and_a_is_not() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // ビリルビン 2.0 (2点): 6 points.
        let a = with(&none("1"), &[("wd_cp_bilirubin", "2.0")]);
        assert_eq!(points(&a), Some(nsdb_forms::CalcValue::Number(6.0)));
        assert_eq!(severity(ID, &a), SeverityOutcome::NotMet);
        // + アルブミン 3.5 (2点): 7 points.
        let b = with(&a, &[("wd_cp_albumin", "3.5")]);
        assert_eq!(points(&b), Some(nsdb_forms::CalcValue::Number(7.0)));
        let e = eval_new(ID, &b);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        // Each lab at its 3-point side: ビリルビン 3.1, アルブミン 2.7, PT 39 → 5 + 6 = 11.
        let c = with(
            &none("1"),
            &[
                ("wd_cp_bilirubin", "3.1"),
                ("wd_cp_albumin", "2.7"),
                ("wd_cp_pt", "39"),
            ],
        );
        assert_eq!(points(&c), Some(nsdb_forms::CalcValue::Number(11.0)));
        // PT 70 is 2 points, 70超 1 point.
        assert_eq!(
            points(&with(&none("1"), &[("wd_cp_pt", "70")])),
            Some(nsdb_forms::CalcValue::Number(6.0))
        );
        // 未実施 counts 1 point.
        assert_eq!(
            points(&with(&none("1"), &[("wd_cp_pt", "not_done")])),
            Some(nsdb_forms::CalcValue::Number(5.0))
        );
    }

    // 「２）神経障害等…mRS…いずれかが３以上」 and 「３）…CKD重症度分類ヒートマップが赤」 alone.
    #[test]
    fn neuro_and_kidney_alone() {
        assert_eq!(
            severity(ID, &with(&none("1"), &[("mrs", "3")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("mrs", "2")])),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("ckd_egfr", "29.9")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("ckd_egfr", "30")])),
            SeverityOutcome::NotMet
        );
    }

    // A blank 腹水 is named while it could reach 7 points; decided by another alternative.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let six = with(
            &none("1"),
            &[("wd_cp_bilirubin", "2.0"), ("wd_cp_ascites", "")],
        );
        assert_undetermined_naming(ID, &six, &["wd_cp_ascites"]);
        let decided = with(&six, &[("respiration", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
        // The other four at their minimum (4 points) + 腹水 1–3 can still reach 7: open too.
        let low = with(&none("1"), &[("wd_cp_ascites", "")]);
        assert_undetermined_naming(ID, &low, &["wd_cp_ascites"]);
        // With the neurological alternative met the blank does not matter.
        assert_eq!(
            severity(ID, &with(&low, &[("nutrition", "4")])),
            SeverityOutcome::Met
        );
    }

    // 「Definiteを対象とする。」
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("mrs", "4")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod eds_168 {
    use super::*;
    const ID: &str = "nanbyo-168-2403";

    /// Adult (born 1955), 心疾患なし, no arterial complication, 皮下血腫 4回/年: not met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("eds_heart_nyha", "0"),
                ("eds_arterial_or_rupture", "2"),
                ("eds_hematoma_per_year", "4"),
            ],
        )
    }

    // 「１）心疾患があり、薬物治療・手術によってもNYHA分類でII度以上」／「２）…動脈合併症や…臓器破裂を１回以上発症した場合」 alone.
    #[test]
    fn heart_and_arterial_alternatives_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let f = with(&none("1"), &[("eds_heart_nyha", "2")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        assert_eq!(
            severity(ID, &with(&none("1"), &[("eds_heart_nyha", "1")])),
            SeverityOutcome::NotMet
        );
        assert_eq!(
            severity(ID, &with(&none("1"), &[("eds_arterial_or_rupture", "1")])),
            SeverityOutcome::Met
        );
    }

    // 「３）患者の手拳大以上の皮下血腫が年間５回以上出現した場合。」 4 and 5.
    #[test]
    fn hematoma_5_a_year_is_met_and_4_is_not() {
        assert_eq!(
            severity(ID, &with(&none("1"), &[("eds_hematoma_per_year", "5")])),
            SeverityOutcome::Met
        );
        assert_eq!(severity(ID, &none("1")), SeverityOutcome::NotMet);
        let open = with(&none("1"), &[("eds_hematoma_per_year", "")]);
        assert_undetermined_naming(ID, &open, &["eds_hematoma_per_year"]);
        let decided = with(&open, &[("eds_arterial_or_rupture", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「１．小児例（18歳未満） 小児慢性特定疾病の状態の程度に準ずる。」 17 and 18 on 2025-06-20.
    #[test]
    fn children_are_judged_by_the_shoman_state() {
        let child = with(&none("1"), &[("birth_date", "2007-06-21")]);
        assert_eq!(
            eval_new(ID, &with(&child, &[("shoman_state_met", "1")]))
                .determination
                .result,
            Outcome::Eligible
        );
        let adult_rule_only = with(
            &child,
            &[("shoman_state_met", "2"), ("eds_arterial_or_rupture", "1")],
        );
        assert_eq!(severity(ID, &adult_rule_only), SeverityOutcome::NotMet);
        assert_undetermined_naming(ID, &child, &["shoman_state_met"]);
        let adult = with(
            &none("1"),
            &[
                ("birth_date", "2007-06-20"),
                ("eds_arterial_or_rupture", "1"),
            ],
        );
        assert_eq!(severity(ID, &adult), SeverityOutcome::Met);
    }

    // 「…確定診断された場合と、古典型エーラス・ダンロス症候群については臨床診断された場合を対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("eds_hematoma_per_year", "8")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod gms_219 {
    use super::*;
    const ID: &str = "nanbyo-219-2403";

    /// CKD G2×A2 (yellow), no refractory epilepsy, no psychomotor delay: not met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("ckd_egfr", "70"),
                ("ckd_proteinuria", "0.3"),
                ("refractory_epilepsy", "2"),
                ("gms_psychomotor", "0"),
            ],
        )
    }

    // 「臓器区分A：腎：CKD重症度分類ヒートマップが赤の部分の場合。」 G3a×A3 red, G3a×A2 not.
    #[test]
    fn kidney_red_alone() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let red = with(
            &none("1"),
            &[("ckd_egfr", "50"), ("ckd_proteinuria", "0.5")],
        );
        let e = eval_new(ID, &red);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let orange = with(
            &none("1"),
            &[("ckd_egfr", "50"), ("ckd_proteinuria", "0.49")],
        );
        assert_eq!(severity(ID, &orange), SeverityOutcome::NotMet);
    }

    // 「B-１ 難治性てんかん」／「B-２ 精神運動発達遅滞、神経症状が下記のいずれかを満たす。」 alone.
    #[test]
    fn epilepsy_or_psychomotor_alone() {
        assert_eq!(
            severity(ID, &with(&none("1"), &[("refractory_epilepsy", "1")])),
            SeverityOutcome::Met
        );
        for grade in ["a", "b", "c"] {
            assert_eq!(
                severity(ID, &with(&none("1"), &[("gms_psychomotor", grade)])),
                SeverityOutcome::Met,
                "{grade}"
            );
        }
        let open = with(&none("1"), &[("gms_psychomotor", "")]);
        assert_undetermined_naming(ID, &open, &["gms_psychomotor"]);
        let decided = with(&open, &[("refractory_epilepsy", "1")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「…ギャロウェイ・モワト症候群と診断する。」 declared as Definite.
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&none(c), &[("gms_psychomotor", "c")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod oca_164 {
    use super::*;
    const ID: &str = "nanbyo-164-2403";

    // 「Ｂ．非症候型の眼皮膚白皮症と診断され、さらに良好な方の眼の矯正視力が0.3未満である。」 0.29 and 0.3.
    #[test]
    fn non_syndromic_needs_visual_acuity_below_0_3() {
        let f = with(
            &declared("1"),
            &[("oca_type", "4"), ("va_better_eye", "0.29")],
        );
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f = with(
            &declared("1"),
            &[("oca_type", "4"), ("va_better_eye", "0.3")],
        );
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        // The syndromic item is not asked for the 非症候型 and does not count.
        let f = with(&f, &[("oca_syndromic_symptom", "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    }

    // 「Ａ．症候型の眼皮膚白皮症…と診断され、以下の症状のうち少なくとも一つを満たす場合。」
    #[test]
    fn syndromic_needs_one_symptom() {
        for t in ["1", "2", "3"] {
            let f = with(
                &declared("1"),
                &[
                    ("oca_type", t),
                    ("oca_syndromic_symptom", "1"),
                    ("va_better_eye", "1.0"),
                ],
            );
            let e = eval_new(ID, &f);
            assert!(errors(&e).is_empty(), "{t}: {:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{t}");
            let n = with(
                &f,
                &[("oca_syndromic_symptom", "2"), ("va_better_eye", "0.1")],
            );
            assert_eq!(severity(ID, &n), SeverityOutcome::NotMet, "{t}");
        }
        let open = with(
            &declared("1"),
            &[("oca_type", "1"), ("va_better_eye", "1.0")],
        );
        assert_undetermined_naming(ID, &open, &["oca_syndromic_symptom"]);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| {
            with(
                &declared(c),
                &[("oca_type", "4"), ("va_better_eye", "0.05")],
            )
        };
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod pxe_166 {
    use super::*;
    const ID: &str = "nanbyo-166-2403";

    /// Every lesion at its 中等症 level (S2, E2, Co1, Pe2, He1, Br2, GI1): not met.
    fn moderate(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("pxe_s", "2"),
                ("pxe_e", "2"),
                ("pxe_co", "1"),
                ("pxe_pe", "2"),
                ("pxe_he", "1"),
                ("pxe_br", "2"),
                ("pxe_gi", "1"),
            ],
        )
    }

    // 「重　症S3、E3、CV（Co2～3、 Pe3、　He2～3、 Br3）、GI2」 each alone, one step above 中等症.
    #[test]
    fn each_severe_lesion_alone() {
        let e = eval_new(ID, &moderate("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        for (item, v) in [
            ("pxe_s", "3"),
            ("pxe_e", "3"),
            ("pxe_co", "2"),
            ("pxe_co", "3"),
            ("pxe_pe", "3"),
            ("pxe_he", "2"),
            ("pxe_br", "3"),
            ("pxe_gi", "2"),
        ] {
            let f = with(&moderate("1"), &[(item, v)]);
            let e = eval_new(ID, &f);
            assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{item} {v}");
        }
        let open = with(&moderate("1"), &[("pxe_gi", "")]);
        assert_undetermined_naming(ID, &open, &["pxe_gi"]);
        let decided = with(&open, &[("pxe_s", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definiteであり除外すべき疾患を除外したものを対象とする。」
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| with(&moderate(c), &[("pxe_e", "3")]);
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod xp_159 {
    use super::*;
    const ID: &str = "nanbyo-159-2403";

    /// D score 2 (雀卵斑様皮疹 中等度), N score 0, no neurological symptoms: ステージ１.
    fn stage1(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("xp_d_sunburn", "0"),
                ("xp_d_freckles", "2"),
                ("xp_d_cancer", "0"),
                ("xp_n_hearing", "0"),
                ("xp_n_mobility", "0"),
                ("xp_n_intellect", "0"),
                ("xp_n_swallow_resp", "0"),
                ("xp_neurological", "2"),
            ],
        )
    }

    // 「ステージ２以上を対象とする。」 ステージ１: D１+N(０); ステージ２: D２+N(０) (Dスコア 3).
    #[test]
    fn d_score_3_is_stage_2_and_2_is_stage_1() {
        let e = eval_new(ID, &stage1("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("xp_d_score"),
            Some(&nsdb_forms::CalcValue::Number(2.0))
        );
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let f = with(&stage1("1"), &[("xp_d_freckles", "3")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
    }

    // ステージ２: D１+N１ — Nスコア１以上, or Nスコア０ with neurological symptoms (N１).
    #[test]
    fn any_neurological_involvement_is_stage_2() {
        assert_eq!(
            severity(ID, &with(&stage1("1"), &[("xp_n_hearing", "1")])),
            SeverityOutcome::Met
        );
        assert_eq!(
            severity(ID, &with(&stage1("1"), &[("xp_neurological", "1")])),
            SeverityOutcome::Met
        );
        let open = with(&stage1("1"), &[("xp_neurological", "")]);
        assert_undetermined_naming(ID, &open, &["xp_neurological"]);
        let decided = with(&open, &[("xp_d_cancer", "3")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&stage1(c), &[("xp_neurological", "1")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod hhd_161 {
    use super::*;
    const ID: &str = "nanbyo-161-2403";

    fn scored(c: &str, area: &str, symptoms: &str, treatment: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("hhd_area", area),
                ("hhd_symptoms", symptoms),
                ("hhd_treatment", treatment),
            ],
        )
    }

    // 「上記３項目のスコアの合計点数により判定する。８点以上：重症」 7 and 8.
    #[test]
    fn score_8_is_severe_and_7_is_not() {
        let f8 = scored("1", "3", "3", "2");
        let e = eval_new(ID, &f8);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(
            e.calculations.get("hhd_score"),
            Some(&nsdb_forms::CalcValue::Number(8.0))
        );
        assert_eq!(e.determination.result, Outcome::Eligible);
        let f7 = scored("1", "3", "2", "2");
        let e = eval_new(ID, &f7);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
    }

    // A blank item is named while the total could reach 8; not when it cannot.
    #[test]
    fn a_blank_item_is_named_only_while_it_matters() {
        let open = with(&scored("1", "3", "3", "2"), &[("hhd_treatment", "")]);
        assert_undetermined_naming(ID, &open, &["hhd_treatment"]);
        let decided = with(&scored("1", "1", "1", "0"), &[("hhd_treatment", "")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    }

    // 「Definiteを対象とする。」
    #[test]
    fn only_definite_is_eligible() {
        let severe = |c: &str| scored(c, "3", "3", "3");
        assert_eq!(
            eval_new(ID, &severe("1")).determination.result,
            Outcome::Eligible
        );
        for other in ["2", "3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}

mod pdp_165 {
    use super::*;
    const ID: &str = "nanbyo-165-2403";

    /// 皮膚肥厚 3, 関節症状 3, リンパ浮腫 2, no hypokalaemia, no NSMUS: not met.
    fn none(c: &str) -> FormData {
        with(
            &declared(c),
            &[
                ("pdp_skin", "3"),
                ("pdp_joint", "3"),
                ("pdp_lymphedema", "2"),
                ("pdp_hypokalemia", "2"),
                ("pdp_nsmus", "2"),
            ],
        )
    }

    // 「認定基準１「皮膚肥厚」で重症度４かつ「関節症状」で重症度３を認める場合。」 both halves.
    #[test]
    fn criterion_1_needs_both_halves() {
        let e = eval_new(ID, &none("1"));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::NotEligible);
        let f = with(&none("1"), &[("pdp_skin", "4")]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let half = with(&none("1"), &[("pdp_skin", "4"), ("pdp_joint", "2")]);
        assert_eq!(severity(ID, &half), SeverityOutcome::NotMet);
    }

    // 「認定基準２「リンパ浮腫」で３又は４、「低カリウム血症」、「非特異性多発性小腸潰瘍症」のいずれか」 each alone.
    #[test]
    fn criterion_2_each_alone() {
        for (item, v) in [
            ("pdp_lymphedema", "3"),
            ("pdp_lymphedema", "4"),
            ("pdp_hypokalemia", "1"),
            ("pdp_nsmus", "1"),
        ] {
            let f = with(&none("1"), &[(item, v)]);
            assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item} {v}");
        }
        let open = with(&none("1"), &[("pdp_nsmus", "")]);
        assert_undetermined_naming(ID, &open, &["pdp_nsmus"]);
        let decided = with(&open, &[("pdp_lymphedema", "4")]);
        assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    }

    // 「Definite、Probableを対象とする。」
    #[test]
    fn definite_and_probable_are_eligible_and_other_categories_are_not() {
        let severe = |c: &str| with(&none(c), &[("pdp_nsmus", "1")]);
        assert_eq!(
            eval_new(ID, &severe("2")).determination.result,
            Outcome::Eligible
        );
        for other in ["3", "4"] {
            assert_eq!(
                eval_new(ID, &severe(other)).determination.result,
                Outcome::NotEligible
            );
        }
    }
}
