//! 指定難病 162 類天疱瘡（後天性表皮水疱症を含む。） (nanbyo-162-2403): 重症度分類 (BPDAI) by
//! machine, 診断のカテゴリー declared by the doctor. Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03, shared/data/mhlw-gaiyo-2020/162.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-162-2403";

const SKIN: [&str; 12] = [
    "head",
    "neck",
    "chest",
    "left_arm",
    "right_arm",
    "hands",
    "abdomen",
    "genital",
    "back",
    "left_leg",
    "right_leg",
    "feet",
];

const MUCOSA: [&str; 12] = [
    "eye",
    "nose",
    "buccal",
    "hard_palate",
    "soft_palate",
    "upper_gingiva",
    "lower_gingiva",
    "tongue",
    "mouth_floor",
    "lip",
    "pharynx",
    "vulva",
];

/// A declared category and every BPDAI region scored 0 (軽症).
fn base(category: &str) -> FormData {
    let mut f = declared(category);
    for r in SKIN {
        f.set(&format!("bp_er_{r}"), "0");
        f.set(&format!("bp_ur_{r}"), "0");
    }
    for r in MUCOSA {
        f.set(&format!("bp_mu_{r}"), "0");
    }
    f
}

/// `base("1")` with the given regions of one part (`bp_er_`, `bp_ur_`, `bp_mu_`) scored.
fn scored(prefix: &str, scores: &[(&str, &str)]) -> FormData {
    let mut f = base("1");
    for (region, s) in scores {
        f.set(&format!("{prefix}{region}"), *s);
    }
    f
}

fn calc(f: &FormData, id: &str) -> CalcValue {
    eval_new(ID, f).calculations[id].clone()
}

// 「BPDAIを用いて中等症以上を対象とする。」 A complete form with every region 0 is valid, 軽症, 非該当.
#[test]
fn a_complete_form_with_no_lesions_is_valid_mild_and_not_eligible() {
    let e = eval_new(ID, &base("1"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.calculations["bp_erosion_total"], CalcValue::Number(0.0));
    assert_eq!(e.calculations["bp_class"], CalcValue::Text("1".into()));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「①皮膚：びらん／水疱の合計スコア １．軽症 ≦14点 ２．中等症 15～34点」
#[test]
fn skin_erosion_14_is_mild_and_15_is_moderate() {
    let f14 = scored("bp_er_", &[("head", "10"), ("neck", "3"), ("chest", "1")]);
    assert_eq!(calc(&f14, "bp_erosion_total"), CalcValue::Number(14.0));
    assert_eq!(severity(ID, &f14), SeverityOutcome::NotMet);
    let f15 = scored("bp_er_", &[("head", "10"), ("neck", "3"), ("chest", "2")]);
    let e = eval_new(ID, &f15);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.calculations["bp_erosion_total"], CalcValue::Number(15.0));
    assert_eq!(e.calculations["bp_class"], CalcValue::Text("2".into()));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「②皮膚：膨疹／紅斑の合計スコア １．軽症 ≦19点 ２．中等症 20～34点」
#[test]
fn skin_urticaria_19_is_mild_and_20_is_moderate() {
    let f19 = scored(
        "bp_ur_",
        &[
            ("back", "10"),
            ("chest", "5"),
            ("abdomen", "3"),
            ("feet", "1"),
        ],
    );
    assert_eq!(calc(&f19, "bp_urticaria_total"), CalcValue::Number(19.0));
    assert_eq!(severity(ID, &f19), SeverityOutcome::NotMet);
    let f20 = scored(
        "bp_ur_",
        &[
            ("back", "10"),
            ("chest", "5"),
            ("abdomen", "3"),
            ("feet", "2"),
        ],
    );
    assert_eq!(calc(&f20, "bp_urticaria_total"), CalcValue::Number(20.0));
    assert_eq!(severity(ID, &f20), SeverityOutcome::Met);
    assert_eq!(eval_new(ID, &f20).determination.result, Outcome::Eligible);
}

// 「③粘膜：びらん／水疱の合計スコア １．軽症 ≦９点 ２．中等症 10～24点」
#[test]
fn mucosa_9_is_mild_and_10_is_moderate() {
    let f9 = scored("bp_mu_", &[("buccal", "5"), ("tongue", "2"), ("lip", "2")]);
    assert_eq!(calc(&f9, "bp_mucosa_total"), CalcValue::Number(9.0));
    assert_eq!(severity(ID, &f9), SeverityOutcome::NotMet);
    let f10 = scored("bp_mu_", &[("buccal", "5"), ("tongue", "5")]);
    assert_eq!(calc(&f10, "bp_mucosa_total"), CalcValue::Number(10.0));
    assert_eq!(severity(ID, &f10), SeverityOutcome::Met);
}

// 「下記①～③でそれぞれ判定を行い、最も高い重症度を採用する。」 Each part is judged alone: a
// score just under its own threshold does not add to another part.
#[test]
fn the_three_parts_are_judged_separately() {
    let mut f = scored("bp_er_", &[("head", "10"), ("neck", "3"), ("chest", "1")]); // ① 14
    for (r, s) in [
        ("back", "10"),
        ("chest", "5"),
        ("abdomen", "3"),
        ("feet", "1"),
    ] {
        f.set(&format!("bp_ur_{r}"), s); // ② 19
    }
    for (r, s) in [("buccal", "5"), ("tongue", "2"), ("lip", "2")] {
        f.set(&format!("bp_mu_{r}"), s); // ③ 9
    }
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(calc(&f, "bp_class"), CalcValue::Text("1".into()));
}

// 「３．重症 ≧35点」（①）, 「≧35点」（②）, 「≧25点」（③）: the displayed class, 34/35 and 24/25.
#[test]
fn severe_class_boundaries() {
    let e34 = scored(
        "bp_er_",
        &[
            ("head", "10"),
            ("neck", "10"),
            ("chest", "10"),
            ("hands", "3"),
            ("feet", "1"),
        ],
    );
    assert_eq!(calc(&e34, "bp_class"), CalcValue::Text("2".into()));
    let e35 = scored(
        "bp_er_",
        &[
            ("head", "10"),
            ("neck", "10"),
            ("chest", "10"),
            ("hands", "5"),
        ],
    );
    assert_eq!(calc(&e35, "bp_class"), CalcValue::Text("3".into()));
    let u35 = scored(
        "bp_ur_",
        &[
            ("back", "10"),
            ("chest", "10"),
            ("abdomen", "10"),
            ("feet", "5"),
        ],
    );
    assert_eq!(calc(&u35, "bp_class"), CalcValue::Text("3".into()));
    let m24 = scored(
        "bp_mu_",
        &[
            ("buccal", "10"),
            ("tongue", "10"),
            ("lip", "2"),
            ("eye", "2"),
        ],
    );
    assert_eq!(calc(&m24, "bp_class"), CalcValue::Text("2".into()));
    let m25 = scored(
        "bp_mu_",
        &[("buccal", "10"), ("tongue", "10"), ("lip", "5")],
    );
    assert_eq!(calc(&m25, "bp_class"), CalcValue::Text("3".into()));
}

// 「Definiteを対象とする。」 Probable, Possible and 該当しない are not eligible.
#[test]
fn only_definite_is_eligible() {
    let severe = |c: &str| {
        let mut f = base(c);
        f.set("bp_mu_buccal", "10");
        f
    };
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

// 「①皮膚：びらん／水疱の合計スコア … 中等症 15～34点」 A blank region (0–10 points) keeps the
// result open only while it could cross the threshold.
#[test]
fn a_blank_region_is_named_only_while_it_matters() {
    // ① 14 without 左下肢: 14–24 → could be ≥ 15: open, naming that region.
    let mut open = scored("bp_er_", &[("head", "10"), ("neck", "3"), ("chest", "1")]);
    open.remove("bp_er_left_leg");
    assert_undetermined_naming(ID, &open, &["bp_er_left_leg"]);
    // ① all 0 but 左下肢 blank: 0–10, never ≥ 15 → decided 非該当.
    let mut decided = base("1");
    decided.remove("bp_er_left_leg");
    assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    // ③ all 0 but 眼 blank: 0–10 → could reach 10: open.
    let mut mucosa_open = base("1");
    mucosa_open.remove("bp_mu_eye");
    assert_undetermined_naming(ID, &mucosa_open, &["bp_mu_eye"]);
    // Already ≥ 15 on ①: a blank mucosa region does not matter.
    let mut met = scored("bp_er_", &[("head", "10"), ("neck", "5")]);
    met.remove("bp_mu_eye");
    assert_eq!(severity(ID, &met), SeverityOutcome::Met);
}

// Every region is required; a score that is not in the table is refused.
#[test]
fn checks_required_and_codes() {
    let mut f = base("1");
    f.remove("bp_ur_hands");
    f.set("bp_mu_nose", "3"); // 粘膜は 0・1・2・5・10 点のみ
    let c = codes(&eval_new(ID, &f));
    assert!(
        c.contains(&("required".into(), "bp_ur_hands".into())),
        "{c:?}"
    );
    assert!(
        c.contains(&("code_unknown".into(), "bp_mu_nose".into())),
        "{c:?}"
    );
}
