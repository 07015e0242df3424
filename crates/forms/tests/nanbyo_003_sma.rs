//! 指定難病 3 脊髄性筋萎縮症 (nanbyo-003-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-003-2403";

/// Definite by Ａ＋Ｂ＋Ｃ (gene test not done), 生活 2 (met), mRS/N/R 2/2/2 (not met).
fn definite_b_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("sma_lmn_signs", "1"),
            ("sma_umn_signs", "2"),
            ("sma_progressive", "1"),
            ("sma_ck", "1500"),
            ("sma_ck_uln", "150"),
            ("sma_emg", "1"),
            ("sma_mcv", "1"),
            ("sma_differential", "1"),
            ("sma_gene", "6"),
            ("sma_life_grade", "2"),
            ("mrs", "2"),
            ("nutrition", "2"),
            ("respiration", "2"),
        ],
    )
}

/// Definite by Ａ＋Ｄ＋Ｃ: Ｂ not shown (EMG, MCV not done).
fn definite_d_severe() -> nsdb_forms::FormData {
    with(
        &definite_b_severe(),
        &[
            ("sma_ck", "not_done"),
            ("sma_ck_uln", ""),
            ("sma_emg", "3"),
            ("sma_mcv", "3"),
            ("sma_gene", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite_b_severe(), definite_d_severe()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「Definite：（１）下位運動ニューロン症候を認め、（２）上位運動ニューロン症候は認めず、（３）経過は進行性で、かつＢの（１）～（３）を満たし、Ｃの鑑別すべき疾患を全て除外したもの」
#[test]
fn a_b_c_is_definite_and_eligible() {
    let det = eval_new(ID, &definite_b_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-003-2403/2020-03.2");
}

// 「Definite：…かつＤを満たし、Ｃの鑑別すべき疾患を全て除外したもの」
#[test]
fn a_d_c_is_definite_and_each_gene_code_counts() {
    for code in ["1", "2", "3", "4"] {
        let f = with(&definite_d_severe(), &[("sma_gene", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "gene={code}");
    }
    for code in ["5", "6"] {
        let f = with(&definite_d_severe(), &[("sma_gene", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "gene={code}");
    }
}

// 「Ｃの鑑別すべき疾患を全て除外したもの」: needed on both paths.
#[test]
fn differential_is_needed_on_both_paths() {
    for base in [definite_b_severe(), definite_d_severe()] {
        let f = with(&base, &[("sma_differential", "2")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
        assert_eq!(det.result, Outcome::NotEligible);
    }
}

// 「（１）…下位運動ニューロン症候を認める。」「（２）上位運動ニューロン症候は認めない。」「（３）経過は進行性である。」
#[test]
fn each_a_finding_is_needed_on_both_paths() {
    for base in [definite_b_severe(), definite_d_severe()] {
        for (item, code) in [
            ("sma_lmn_signs", "2"),
            ("sma_lmn_signs", "3"),
            ("sma_umn_signs", "1"),
            // 上位運動ニューロン症候「不明」: not shown to be absent.
            ("sma_umn_signs", "3"),
            ("sma_progressive", "2"),
            ("sma_progressive", "3"),
        ] {
            let f = with(&base, &[(item, code)]);
            assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
        }
    }
}

// 「（１）血清creatine kinase（CK）値が正常上限の10倍以下である。」: 10倍 is met, above is not.
#[test]
fn ck_ten_times_upper_limit_boundary() {
    let at = with(
        &definite_b_severe(),
        &[("sma_ck", "1500"), ("sma_ck_uln", "150")],
    );
    assert_eq!(diagnosis(ID, &at), DiagnosisOutcome::Definite);
    let above = with(&at, &[("sma_ck", "1501")]);
    let det = eval_new(ID, &above).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det.criteria.iter().find(|c| c.id == "dx_b1_ck").unwrap();
    assert_eq!(c.met, Some(false));
    // CK 未実施: Ｂ（１）not shown.
    let nd = with(&at, &[("sma_ck", "not_done"), ("sma_ck_uln", "")]);
    assert_eq!(diagnosis(ID, &nd), DiagnosisOutcome::NotMet);
}

// A blank 基準値上限 keeps Ｂ（１）open while it could decide, and is required with a CK value.
#[test]
fn blank_ck_upper_limit_is_named_and_required() {
    let f = with(&definite_b_severe(), &[("sma_ck_uln", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["sma_ck_uln".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "sma_ck_uln".into())));
    // CK ≦ 300 is ≦ 10 × 30 (the lowest 基準値上限): met whatever the limit.
    let f = with(&f, &[("sma_ck", "300")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「（２）筋電図で…神経原性所見を認める。」「（３）運動神経伝導速度が正常下限の70％以上である。」
#[test]
fn emg_and_mcv_are_needed_without_gene() {
    for (item, code) in [
        ("sma_emg", "2"),
        ("sma_emg", "3"),
        ("sma_mcv", "2"),
        ("sma_mcv", "3"),
    ] {
        let f = with(&definite_b_severe(), &[(item, code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
    }
}

// Blank gene result is open when Ｂ fails, irrelevant when Ｂ is met.
#[test]
fn blank_gene_is_named_only_while_it_matters() {
    let open = with(&definite_b_severe(), &[("sma_mcv", "2"), ("sma_gene", "")]);
    assert_undetermined_naming(ID, &open, &["sma_gene"]);
    let decided = with(&definite_b_severe(), &[("sma_gene", "")]);
    assert_eq!(
        eval_new(ID, &decided).determination.result,
        Outcome::Eligible
    );
}

// 「生活における重症度分類で２以上」 Boundaries 1 (not met) and 2 (met).
#[test]
fn life_grade_2_is_met_and_1_is_not() {
    let one = with(&definite_b_severe(), &[("sma_life_grade", "1")]);
    assert_eq!(severity(ID, &one), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &one).determination.result,
        Outcome::NotEligible
    );
    let e = eval_new(ID, &definite_b_severe());
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
}

// 「または、modified Rankin Scale(mRS)、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn mrs_nutrition_respiration_any_3_is_met_alone() {
    let one = with(&definite_b_severe(), &[("sma_life_grade", "1")]);
    for item in ["mrs", "nutrition", "respiration"] {
        let e = eval_new(ID, &with(&one, &[(item, "3")]));
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} 3");
    }
    assert_undetermined_naming(ID, &with(&one, &[("mrs", "")]), &["mrs"]);
}

// A blank 生活における重症度分類 is open while mRS/N/R are below 3 and ignored once one is 3.
#[test]
fn a_blank_life_grade_is_named_only_while_it_matters() {
    let open = with(&definite_b_severe(), &[("sma_life_grade", "")]);
    assert_undetermined_naming(ID, &open, &["sma_life_grade"]);
    let decided = with(&open, &[("nutrition", "3")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// 生活における重症度分類５「…人工呼吸器使用、気管切開を受けている。」
#[test]
fn ventilator_with_life_grade_below_5_warns() {
    let f = with(
        &definite_b_severe(),
        &[
            ("ventilator_use", "1"),
            ("ventilator_start_ym", "2024-01"),
            ("ventilator_weaning_prospect", "2"),
            ("ventilator_kind", "1"),
            ("ventilator_status", "1"),
            ("sma_life_grade", "4"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(
        codes(&e).contains(&("sma_ventilator_life_grade".into(), "sma_life_grade".into())),
        "{:?}",
        codes(&e)
    );
    let f = with(&f, &[("sma_life_grade", "5")]);
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "sma_ventilator_life_grade"));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_b_severe();
    for id in [
        "sma_lmn_signs",
        "sma_umn_signs",
        "sma_progressive",
        "sma_ck",
        "sma_ck_uln",
        "sma_emg",
        "sma_mcv",
        "sma_differential",
        "sma_gene",
        "first_visit_date",
        "diagnosis_date",
    ] {
        f.remove(id);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
}

#[test]
fn ck_range_is_checked() {
    let f = with(&definite_b_severe(), &[("sma_ck_uln", "5000")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "sma_ck_uln".into())));
}
