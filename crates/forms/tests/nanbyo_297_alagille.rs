//! 指定難病 297 アラジール症候群: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/297.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-297-2403";

/// A declared category; every liver factor at １+ (重症度１), NYHA I, no renal or
/// intracranial lesion, CKD G1 A1: no domain reaches its threshold.
fn none(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("alg_cholestasis", "1"),
            ("alg_varices", "1"),
            ("alg_hps", "1"),
            ("alg_poph", "0"),
            ("alg_ph_symptoms", "1"),
            ("alg_pruritus", "1"),
            ("alg_vitamin_chol", "1"),
            ("alg_blood_data", "1"),
            ("alg_child_pugh", "6"),
            ("alg_ps", "1"),
            ("alg_cv_nyha", "1"),
            ("alg_cv_resp_oxygen", "2"),
            ("alg_renal_disease", "2"),
            ("alg_renal_htn_rta", "2"),
            ("alg_renal_replacement", "2"),
            ("ckd_egfr", "95"),
            ("ckd_proteinuria", "0.1"),
            ("alg_icv_lesion", "2"),
            ("alg_icv_support", "2"),
        ],
    )
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&none("1"), pairs))
}

fn liver_grade(pairs: &[(&str, &str)]) -> Option<CalcValue> {
    eval_new(ID, &with(&none("1"), pairs))
        .calculations
        .get("alg_liver_grade")
        .cloned()
}

fn has(f: &FormData, code: &str, item: &str) -> bool {
    codes(&eval_new(ID, f)).contains(&(code.to_string(), item.to_string()))
}

// 「いずれかを満たす場合を対象とする。」 A complete form with every domain below its threshold: no finding, 非該当.
// 「胆汁うっ滞については、あれば重症度１以上。重症度２以上かどうかは他の４項目の状態によって決定され…」
#[test]
fn complete_form_below_every_threshold_is_not_eligible() {
    let e = eval_new(ID, &none("1"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(
        e.calculations.get("alg_liver_grade"),
        Some(&CalcValue::Number(1.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// ＜肝疾患＞ 「重症度２以上を対象とする。」「重症度判定項目の中で最も症状の重い項目を該当重症度とする。」
// Each ２+ alone: 易出血性静脈瘤, 肝肺症候群 PaO2＜70, 門脈肺高血圧症 mPAP≥25, 治療を要する症状, 痒み２又は３程度.
#[test]
fn each_liver_factor_at_2_plus_alone_is_met() {
    for (item, code) in [
        ("alg_varices", "2"),
        ("alg_hps", "2"),
        ("alg_poph", "2"),
        ("alg_ph_symptoms", "2"),
        ("alg_pruritus", "2"),
    ] {
        let f = with(&none("1"), &[(item, code)]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{item}: {:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
    }
    assert_eq!(
        liver_grade(&[("alg_varices", "3")]),
        Some(CalcValue::Number(3.0))
    );
}

// 「２．Child-Pugh score ２+ ７～９点（Grade B） ３+ 10点以上（Grade C）」: 7 met, 6 not (base), 10 is ３+.
#[test]
fn child_pugh_7_is_met_and_6_is_not() {
    assert_eq!(sev(&[("alg_child_pugh", "7")]), SeverityOutcome::Met);
    assert_eq!(
        liver_grade(&[("alg_child_pugh", "9")]),
        Some(CalcValue::Number(2.0))
    );
    assert_eq!(
        liver_grade(&[("alg_child_pugh", "10")]),
        Some(CalcValue::Number(3.0))
    );
    let e = eval_new(ID, &with(&none("1"), &[("alg_child_pugh", "16")]));
    assert!(codes(&e).contains(&("range".to_string(), "alg_child_pugh".to_string())));
}

// 「５．身体活動制限：PS １+ PS grade１ ２+ PS grade２又は３ ３+ PS grade４」: PS 2 met, 1 not (base), 4 is ３+.
#[test]
fn performance_status_2_is_met() {
    assert_eq!(sev(&[("alg_ps", "2")]), SeverityOutcome::Met);
    assert_eq!(
        liver_grade(&[("alg_ps", "3")]),
        Some(CalcValue::Number(2.0))
    );
    assert_eq!(
        liver_grade(&[("alg_ps", "4")]),
        Some(CalcValue::Number(3.0))
    );
}

// ＜心・血管病変＞ 「重症度２：…呼吸管理又は酸素療法を行う場合。もしくはNYHA心機能分類でII又はIII度の身体活動制限を認める場合。」
#[test]
fn cardiovascular_nyha_2_or_oxygen_is_met() {
    assert_eq!(sev(&[("alg_cv_nyha", "2")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("alg_cv_nyha", "4")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("alg_cv_resp_oxygen", "1")]), SeverityOutcome::Met);
    // No lesion: oxygen for another reason does not count, and the check warns.
    let f = with(
        &none("1"),
        &[("alg_cv_nyha", "0"), ("alg_cv_resp_oxygen", "1")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert!(has(
        &f,
        "alg_cv_support_without_lesion",
        "alg_cv_resp_oxygen"
    ));
}

// ＜腎疾患＞ 「重症度１：アラジール症候群に起因する腎疾患を認め、CKD重症度分類ヒートマップが赤の部分の場合。」
// eGFR 29 (G4) red, 30 with A1 not; without the renal disease red does not count.
#[test]
fn renal_disease_with_red_heatmap_is_met() {
    let renal = |egfr: &str| {
        with(
            &none("1"),
            &[("alg_renal_disease", "1"), ("ckd_egfr", egfr)],
        )
    };
    assert_eq!(severity(ID, &renal("29")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &renal("30")), SeverityOutcome::NotMet);
    assert_eq!(sev(&[("ckd_egfr", "29")]), SeverityOutcome::NotMet);
}

// 「又はアラジール症候群に起因する腎性高血圧や尿細管アシドーシスのために治療を要する場合。」「重症度２：…腎代替療法を要する場合。」
#[test]
fn renal_treatment_or_replacement_alone_is_met() {
    assert_eq!(sev(&[("alg_renal_htn_rta", "1")]), SeverityOutcome::Met);
    let rrt = with(&none("1"), &[("alg_renal_replacement", "1")]);
    assert_eq!(severity(ID, &rrt), SeverityOutcome::Met);
    assert!(has(
        &rrt,
        "alg_rrt_without_renal_disease",
        "alg_renal_replacement"
    ));
}

// ＜頭蓋内血管病変＞ 「重症度２：…頭蓋内血管病変のため、呼吸管理、酸素療法、胃管・胃瘻による経腸栄養のうち一つ以上を行う場合。」
#[test]
fn intracranial_lesion_with_support_is_met() {
    assert_eq!(
        sev(&[("alg_icv_lesion", "1"), ("alg_icv_support", "1")]),
        SeverityOutcome::Met
    );
    assert_eq!(sev(&[("alg_icv_lesion", "1")]), SeverityOutcome::NotMet);
    let f = with(&none("1"), &[("alg_icv_support", "1")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert!(has(&f, "alg_icv_support_without_lesion", "alg_icv_support"));
}

// 「以下に挙げた２つの場合のいずれかを満たす場合を、アラジール症候群と診断する。」 (→ Definite のみ)
#[test]
fn only_definite_is_eligible() {
    for (c, want, ok) in [
        ("1", DiagnosisOutcome::Definite, true),
        ("2", DiagnosisOutcome::Probable, false),
        ("4", DiagnosisOutcome::NotMet, false),
    ] {
        let f = with(&none(c), &[("alg_cv_nyha", "3")]);
        assert_eq!(diagnosis(ID, &f), want, "{c}");
        assert_eq!(
            eval_new(ID, &f).determination.result == Outcome::Eligible,
            ok,
            "{c}"
        );
    }
}

// 「いずれかを満たす場合を対象とする。」 A blank is named while no domain is met; decided once one is.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&none("1"), &[("alg_child_pugh", "")]);
    assert!(has(&open, "required", "alg_child_pugh"));
    assert_undetermined_naming(ID, &open, &["alg_child_pugh"]);
    assert_eq!(
        severity(ID, &with(&open, &[("alg_cv_nyha", "2")])),
        SeverityOutcome::Met
    );
}
