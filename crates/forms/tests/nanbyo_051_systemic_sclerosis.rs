//! 指定難病 51 全身性強皮症 (nanbyo-051-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-051-2403";

/// 大基準あり; severity through the skin only (mRSS 10), every other organ normal.
fn major_skin_moderate() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("ssc_major", "1"),
            ("ssc_minor_1", "2"),
            ("ssc_minor_2", "2"),
            ("ssc_minor_3", "2"),
            ("ssc_minor_4", "2"),
            ("ssc_mrss", "10"),
            ("ssc_hrct_ild", "1"),
            ("ssc_heart_symptom", "0"),
            ("ssc_ecg", "0"),
            ("ssc_diastolic_dysfunction", "1"),
            ("ssc_lvef", "65"),
            ("ssc_renal_other_cause", "2"),
            ("ssc_dialysis", "2"),
            ("ssc_egfr", "95"),
            ("ssc_gi_upper", "0"),
            ("ssc_gi_lower", "0"),
        ],
    )
}

/// Same, with the skin at mild (mRSS 9): no organ moderate.
fn all_mild() -> FormData {
    with(&major_skin_moderate(), &[("ssc_mrss", "9")])
}

fn grade(f: &FormData, calc: &str) -> CalcValue {
    eval_new(ID, f).calculations[calc].clone()
}

fn high_cost() -> nsdb_forms::Answer {
    high_cost_rows(&[
        ("2025-01", 40_000),
        ("2025-03", 40_000),
        ("2025-05", 50_000),
    ])
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &major_skin_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        e.calculations["ssc_max_grade_code"],
        CalcValue::Text("2".into())
    );
}

// 「大基準、あるいは小基準１）かつ２）～４）の１項目以上を満たせば全身性強皮症と診断」
#[test]
fn diagnosis_major_or_minor_1_plus_one() {
    let no_major = with(&major_skin_moderate(), &[("ssc_major", "2")]);
    assert_eq!(
        eval_new(ID, &no_major).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // 小基準１） alone is not enough.
    let m1 = with(&no_major, &[("ssc_minor_1", "1")]);
    assert_eq!(
        eval_new(ID, &m1).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // １） + each of ２）３）４）.
    for (item, v) in [
        ("ssc_minor_2", "1"),
        ("ssc_minor_3", "1"),
        ("ssc_minor_4", "1"),
    ] {
        let f = with(&m1, &[(item, v)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::Definite,
            "{item}"
        );
    }
    // ２）～４） without １） is not enough.
    let f = with(
        &no_major,
        &[
            ("ssc_minor_2", "1"),
            ("ssc_minor_3", "1"),
            ("ssc_minor_4", "1"),
        ],
    );
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // 抗体 未実施 does not count.
    let f = with(&m1, &[("ssc_minor_4", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// A blank 大基準 is open only when the 小基準 do not decide.
#[test]
fn blank_major_is_open_only_when_it_matters() {
    let f = with(&major_skin_moderate(), &[("ssc_major", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["ssc_major".to_string()]);
    let f = with(&f, &[("ssc_minor_1", "1"), ("ssc_minor_3", "1")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「最も重症度スコアの高いものがmoderate以上の患者を助成の対象とする。」 with everything mild → not met.
#[test]
fn all_mild_is_not_eligible() {
    let e = eval_new(ID, &all_mild());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(
        e.calculations["ssc_max_grade_code"],
        CalcValue::Text("1".into())
    );
}

// ①皮膚 mRSS「１～９ mild」「10～19 moderate」「20～29 severe」「＞30 very severe」.
#[test]
fn skin_mrss_boundaries() {
    for (m, g) in [
        ("0", 0.0),
        ("1", 1.0),
        ("9", 1.0),
        ("10", 2.0),
        ("19", 2.0),
        ("20", 3.0),
        ("29", 3.0),
        ("30", 4.0),
    ] {
        let f = with(&all_mild(), &[("ssc_mrss", m)]);
        assert_eq!(
            grade(&f, "ssc_skin_grade"),
            CalcValue::Number(g),
            "mRSS {m}"
        );
    }
    assert_eq!(severity(ID, &all_mild()), SeverityOutcome::NotMet);
    assert_eq!(severity(ID, &major_skin_moderate()), SeverityOutcome::Met);
}

// ②肺（図）: 間質性陰影なし 0 / 広がり≦20% 1 / ＞20% 2 / FVC＜70% 3 / 酸素療法 4.
#[test]
fn lung_boundaries() {
    let ild = with(
        &all_mild(),
        &[("ssc_hrct_ild", "2"), ("ssc_hrct_extent", "20")],
    );
    assert_eq!(grade(&ild, "ssc_lung_grade"), CalcValue::Number(1.0));
    assert_eq!(severity(ID, &ild), SeverityOutcome::NotMet);
    let wide = with(&ild, &[("ssc_hrct_extent", "20.1"), ("ssc_fvc", "70")]);
    assert_eq!(grade(&wide, "ssc_lung_grade"), CalcValue::Number(2.0));
    assert_eq!(severity(ID, &wide), SeverityOutcome::Met);
    let low_fvc = with(&wide, &[("ssc_fvc", "69.9"), ("ssc_oxygen", "2")]);
    assert_eq!(grade(&low_fvc, "ssc_lung_grade"), CalcValue::Number(3.0));
    let o2 = with(&low_fvc, &[("ssc_oxygen", "1")]);
    assert_eq!(grade(&o2, "ssc_lung_grade"), CalcValue::Number(4.0));
    // 広がり blank with 陰影あり: asked for, and the severity stays open naming it.
    let open = with(&all_mild(), &[("ssc_hrct_ild", "2")]);
    let e = eval_new(ID, &open);
    assert!(codes(&e).contains(&("required".into(), "ssc_hrct_extent".into())));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["ssc_hrct_extent".to_string()]
    );
    // …but not when the skin already makes it moderate.
    let f = with(&major_skin_moderate(), &[("ssc_hrct_ild", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // FVC 未実施 with 広がり＞20% is still moderate.
    let f = with(&wide, &[("ssc_fvc", "not_done")]);
    assert_eq!(grade(&f, "ssc_lung_grade"), CalcValue::Number(2.0));
}

// ③心臓「各項目の重症度のうち最も重症なものを全体の重症度とする。」
// NYHA I 1 / II 2; 心電図 薬物治療を要しない 1 / 治療を要する 2; 拡張障害 1; EF＞50 0 / 40～50 2 / ＜40 3.
#[test]
fn heart_boundaries() {
    let cases: [(&str, &str, f64); 9] = [
        ("ssc_heart_symptom", "1", 1.0),
        ("ssc_heart_symptom", "2", 2.0),
        ("ssc_heart_symptom", "4", 4.0),
        ("ssc_ecg", "1", 1.0),
        ("ssc_ecg", "2", 2.0),
        ("ssc_diastolic_dysfunction", "2", 1.0),
        ("ssc_lvef", "51", 0.0),
        ("ssc_lvef", "50", 2.0),
        ("ssc_lvef", "39", 3.0),
    ];
    for (item, v, g) in cases {
        let f = with(&all_mild(), &[(item, v)]);
        assert_eq!(
            grade(&f, "ssc_heart_grade"),
            CalcValue::Number(g),
            "{item}={v}"
        );
        let expect = if g >= 2.0 {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(severity(ID, &f), expect, "{item}={v}");
    }
    let f = with(&all_mild(), &[("ssc_lvef", "40")]);
    assert_eq!(grade(&f, "ssc_heart_grade"), CalcValue::Number(2.0));
    // EF 未実施 adds nothing.
    let f = with(&all_mild(), &[("ssc_lvef", "not_done")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// ④腎「60から89 mild」「45から59 moderate」「30から44 severe」「29以下又は血液透析導入 very severe」
// 「腎障害の原因が全身性強皮症以外の疾患として診断された場合、この基準での評価から除外する。」
#[test]
fn kidney_boundaries() {
    for (e, g) in [
        ("90", 0.0),
        ("89.9", 1.0),
        ("60", 1.0),
        ("59.9", 2.0),
        ("45", 2.0),
        ("44.9", 3.0),
        ("30", 3.0),
        ("29.9", 4.0),
    ] {
        let f = with(&all_mild(), &[("ssc_egfr", e)]);
        assert_eq!(
            grade(&f, "ssc_kidney_grade"),
            CalcValue::Number(g),
            "eGFR {e}"
        );
    }
    let f = with(&all_mild(), &[("ssc_egfr", "60")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    let f = with(&all_mild(), &[("ssc_egfr", "59.9")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    let f = with(
        &all_mild(),
        &[("ssc_egfr", "25"), ("ssc_renal_other_cause", "1")],
    );
    assert_eq!(grade(&f, "ssc_kidney_grade"), CalcValue::Number(0.0));
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    let f = with(&all_mild(), &[("ssc_egfr", "50"), ("ssc_dialysis", "1")]);
    assert_eq!(grade(&f, "ssc_kidney_grade"), CalcValue::Number(4.0));
    // A blank eGFR is open (could be < 60).
    let f = with(&all_mild(), &[("ssc_egfr", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["ssc_egfr".to_string()]);
}

// ⑤消化管 上部「胃食道逆流症（GERD）」2 / 下部「抗菌薬等の内服を必要とする腸管病変」2.
#[test]
fn gi_boundaries() {
    for item in ["ssc_gi_upper", "ssc_gi_lower"] {
        let f = with(&all_mild(), &[(item, "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::NotMet, "{item}=1");
        let f = with(&all_mild(), &[(item, "2")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}=2");
    }
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = all_mild();
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&f, &[("ssc_major", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_checks() {
    let mut f = major_skin_moderate();
    for i in [
        "ssc_major",
        "ssc_minor_1",
        "ssc_minor_2",
        "ssc_minor_3",
        "ssc_minor_4",
    ] {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&all_mild(), &[("ssc_dialysis", "1")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("ssc_dialysis_with_high_egfr".into(), "ssc_dialysis".into())));
    let f = with(&all_mild(), &[("ssc_hrct_extent", "30")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("ssc_extent_without_ild".into(), "ssc_hrct_extent".into())));
}
