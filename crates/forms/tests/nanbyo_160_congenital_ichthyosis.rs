//! 指定難病 160 先天性魚鱗癬 (nanbyo-160-2403): 重症度分類 by machine, 診断のカテゴリー declared
//! by the doctor. Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03,
//! shared/data/mhlw-gaiyo-2020/160.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-160-2403";

const E_ITEMS: [&str; 10] = [
    "ich_e_scale_body",
    "ich_e_scale_scalp",
    "ich_e_palmoplantar",
    "ich_e_erythema",
    "ich_e_fissure",
    "ich_e_stiff_hand",
    "ich_e_stiff_foot",
    "ich_e_function",
    "ich_e_eyelid",
    "ich_e_mouth",
];

/// A declared category, score 0 everywhere, 細分類３, no other organ involvement.
fn base(category: &str) -> FormData {
    let mut f = with(
        &declared(category),
        &[
            ("ich_scale_area", "0"),
            ("ich_erythema_area", "0"),
            ("ich_itch_vas", "0"),
            ("ich_pain_vas", "0"),
            ("ich_subtype", "3"),
            ("ich_iq", "100"),
            ("ich_liver_disorder", "2"),
            ("hearing_level", "0"),
            ("va_better_eye", "1.0"),
        ],
    );
    for id in E_ITEMS {
        f.set(id, "0");
    }
    f
}

/// Final score A/10 + B/10 + C + D + E with A = B = 100, D = 5 and E = 6 (鱗屑：体 重度): 31 + C.
fn scored(itch: &str) -> FormData {
    with(
        &base("1"),
        &[
            ("ich_scale_area", "100"),
            ("ich_erythema_area", "100"),
            ("ich_itch_vas", itch),
            ("ich_pain_vas", "5"),
            ("ich_e_scale_body", "6"),
        ],
    )
}

fn final_score(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["ich_final"].clone()
}

// 「以下に示す重症例を対象とする。」 A complete form with nothing severe is valid and 非該当.
#[test]
fn a_complete_form_with_nothing_severe_is_valid_and_not_eligible() {
    let e = eval_new(ID, &base("1"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.calculations["ich_final"], CalcValue::Number(0.0));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「中等症：25点以上36点未満 重症：36点以上」 with 「最終スコア＝A/10 + B/10 + C + D + E」.
#[test]
fn final_score_36_is_severe_and_35_9_is_not() {
    let f359 = scored("4.9");
    assert_eq!(final_score(&f359), CalcValue::Number(35.9));
    assert_eq!(severity(ID, &f359), SeverityOutcome::NotMet);
    let f36 = scored("5");
    let e = eval_new(ID, &f36);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.calculations["ich_final"], CalcValue::Number(36.0));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // A and B count a tenth: A 95 % gives 9.5 → 35.5.
    let a95 = with(&f36, &[("ich_scale_area", "95")]);
    assert_eq!(final_score(&a95), CalcValue::Number(35.5));
    assert_eq!(severity(ID, &a95), SeverityOutcome::NotMet);
}

// 「(e)以下の10種の症状の重症度スコアの合計」 Each E item scores 0, 1, 3 or 6.
#[test]
fn e_total_adds_the_ten_symptoms() {
    let mut f = base("1");
    for id in E_ITEMS {
        f.set(id, "3");
    }
    assert_eq!(
        eval_new(ID, &f).calculations["ich_e_total"],
        CalcValue::Number(30.0)
    );
    f.set("ich_e_mouth", "2"); // not a score of the table
    assert!(codes(&eval_new(ID, &f)).contains(&("code_unknown".into(), "ich_e_mouth".into())));
}

// 「２．細分類１のケラチン症性魚鱗癬で、水疱形成が著しく、水疱、びらんが体表面積の５％以上を占める
// 症例、及び、細分類２の道化師様魚鱗癬の症例…の場合は、重症例とする。」
#[test]
fn keratinopathic_with_blisters_or_harlequin_is_severe() {
    let k_yes = with(
        &base("1"),
        &[("ich_subtype", "1"), ("ich_blister_5pct", "1")],
    );
    assert_eq!(severity(ID, &k_yes), SeverityOutcome::Met);
    let k_no = with(&k_yes, &[("ich_blister_5pct", "2")]);
    assert_eq!(severity(ID, &k_no), SeverityOutcome::NotMet);
    let harlequin = with(&base("1"), &[("ich_subtype", "2")]);
    assert_eq!(severity(ID, &harlequin), SeverityOutcome::Met);
    // Blank blister answer of a 細分類１: required and open.
    let k_blank = with(&base("1"), &[("ich_subtype", "1")]);
    assert_undetermined_naming(ID, &k_blank, &["ich_blister_5pct"]);
    assert!(
        codes(&eval_new(ID, &k_blank)).contains(&("required".into(), "ich_blister_5pct".into()))
    );
}

// 「（１）聴覚障害：70dB以上の感音性難聴（良聴耳で判断）」 40～70dB is not, 70～90dB is.
#[test]
fn hearing_70db_is_met_and_under_70_is_not() {
    assert_eq!(
        severity(ID, &with(&base("1"), &[("hearing_level", "2")])),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        severity(ID, &with(&base("1"), &[("hearing_level", "3")])),
        SeverityOutcome::Met
    );
}

// 「（２）視覚障害：良好な方の眼の矯正視力が0.3未満」 0.3 is not, 0.29 is.
#[test]
fn vision_under_0_3_is_met_and_0_3_is_not() {
    assert_eq!(
        severity(ID, &with(&base("1"), &[("va_better_eye", "0.3")])),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        severity(ID, &with(&base("1"), &[("va_better_eye", "0.29")])),
        SeverityOutcome::Met
    );
}

// 「（３）精神発達遅滞：IQ70未満」 70 is not, 69 is, 未実施 is not.
#[test]
fn iq_under_70_is_met_and_70_or_not_done_is_not() {
    assert_eq!(
        severity(ID, &with(&base("1"), &[("ich_iq", "70")])),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        severity(ID, &with(&base("1"), &[("ich_iq", "69")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&base("1"), &[("ich_iq", "not_done")])),
        SeverityOutcome::NotMet
    );
}

fn liver(scores: [&str; 5]) -> FormData {
    with(
        &base("1"),
        &[
            ("ich_liver_disorder", "1"),
            ("ich_cp_encephalopathy", scores[0]),
            ("ich_cp_ascites", scores[1]),
            ("ich_cp_albumin", scores[2]),
            ("ich_cp_prothrombin", scores[3]),
            ("ich_cp_bilirubin", scores[4]),
        ],
    )
}

// 「（４）肝障害：Child-Pugh分類で、クラスBに該当する場合」 クラスA（５～６点）is not, クラスB
// （７～９点）is; クラスC（10～15点）is taken as met too (review_needed).
#[test]
fn child_pugh_class_b_is_met_and_class_a_is_not() {
    let a6 = liver(["1", "1", "2", "1", "1"]);
    assert_eq!(
        eval_new(ID, &a6).calculations["ich_child_pugh_total"],
        CalcValue::Number(6.0)
    );
    assert_eq!(severity(ID, &a6), SeverityOutcome::NotMet);
    let b7 = liver(["1", "1", "2", "2", "1"]);
    assert_eq!(severity(ID, &b7), SeverityOutcome::Met);
    let c10 = liver(["2", "2", "2", "2", "2"]);
    assert_eq!(severity(ID, &c10), SeverityOutcome::Met);
    // 肝障害あり: the Child-Pugh items are required.
    let blank = with(&base("1"), &[("ich_liver_disorder", "1")]);
    assert!(codes(&eval_new(ID, &blank)).contains(&("required".into(), "ich_cp_ascites".into())));
}

// 「（５）四肢麻痺などの運動障害：Barthel Indexで85点以下」 85 is met, 90 is not.
#[test]
fn barthel_85_is_met_and_90_is_not() {
    assert_eq!(
        severity(ID, &with(&base("1"), &[("adl_walking", "0")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&base("1"), &[("adl_stairs", "0")])),
        SeverityOutcome::NotMet
    );
}

// 「Definite、Probableを対象とする。」
#[test]
fn definite_and_probable_are_eligible() {
    let severe = |c: &str| with(&base(c), &[("ich_subtype", "2")]);
    assert_eq!(
        eval_new(ID, &severe("1")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(
        eval_new(ID, &severe("2")).determination.result,
        Outcome::Eligible
    );
    for c in ["3", "4"] {
        assert_eq!(
            eval_new(ID, &severe(c)).determination.result,
            Outcome::NotEligible,
            "category {c}"
        );
    }
}

// 「重症：36点以上」 A blank VAS (0–10) keeps the result open only while it could cross 36.
#[test]
fn a_blank_score_item_is_named_only_while_it_matters() {
    let open = with(&scored("5"), &[("ich_itch_vas", "")]);
    assert_undetermined_naming(ID, &open, &["ich_itch_vas"]);
    // With everything else 0, the blank VAS reaches at most 10 < 36: decided 非該当.
    let decided = with(&base("1"), &[("ich_itch_vas", "")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
}

// Check: 「水疱形成が著しい場合とはケラチン症性魚鱗癬において…」 blisters declared for another subtype.
#[test]
fn blisters_outside_subtype_1_warn() {
    let f = with(&base("1"), &[("ich_blister_5pct", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "ich_blister_not_keratinopathic".into(),
        "ich_blister_5pct".into()
    )));
}
