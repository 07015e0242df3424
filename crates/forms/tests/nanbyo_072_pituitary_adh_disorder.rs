//! 指定難病 72 下垂体性ADH分泌異常症 (nanbyo-072-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-072-2403";

const DI: [&str; 5] = [
    "adh_di_urine_volume",
    "adh_di_urine_osm",
    "adh_di_plasma_adh",
    "adh_di_sodium",
    "adh_di_dryness",
];
const SIADH: [&str; 4] = [
    "adh_siadh_sodium",
    "adh_siadh_consciousness",
    "adh_siadh_cramps",
    "adh_siadh_general",
];

/// 完全型中枢性尿崩症 (all of 1(1)①–③ and 1(2)①–⑤) with 尿量 中等症.
fn complete_di() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("adh_type", "1"),
            ("adh_dx_thirst", "1"),
            ("adh_dx_polydipsia", "1"),
            ("adh_dx_polyuria", "1"),
            ("adh_dx_urine_volume", "3000"),
            ("adh_dx_urine_osm", "300"),
            ("adh_dx_water_deprivation", "1"),
            ("adh_dx_avp_points", "1,2,3,4"),
            ("adh_dx_vasopressin_test", "1"),
            ("adh_dx_di_differential", "1"),
            ("adh_di_urine_volume", "2"),
            ("adh_di_urine_osm", "1"),
            ("adh_di_plasma_adh", "0"),
            ("adh_di_sodium", "1"),
            ("adh_di_dryness", "1"),
        ],
    )
}

/// SIADH Definite ((1) and (2)①–⑦ at their boundaries) with Na 中等症.
fn siadh() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("adh_type", "2"),
            ("adh_dx_no_dehydration", "1"),
            ("adh_dx_sodium", "134.9"),
            ("adh_dx_avp_detectable", "1"),
            ("adh_dx_plasma_osm", "279"),
            ("adh_dx_siadh_urine_osm", "301"),
            ("adh_dx_urine_sodium", "20"),
            ("adh_dx_creatinine", "1.20"),
            ("adh_dx_cortisol", "6.0"),
            ("adh_dx_siadh_differential", "1"),
            ("adh_siadh_sodium", "2"),
            ("adh_siadh_consciousness", "1"),
            ("adh_siadh_cramps", "1"),
            ("adh_siadh_general", "1"),
        ],
    )
}

fn category(f: &FormData) -> Option<CalcValue> {
    eval_new(ID, f)
        .calculations
        .get("adh_category_calc")
        .cloned()
}

fn text(s: &str) -> Option<CalcValue> {
    Some(CalcValue::Text(s.to_string()))
}

#[test]
fn complete_forms_have_no_findings_and_are_eligible() {
    for (f, cat) in [(complete_di(), "1"), (siadh(), "3")] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        let det = &e.determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
        assert_eq!(det.severity, SeverityOutcome::Met);
        assert_eq!(det.result, Outcome::Eligible);
        assert_eq!(det.rule_version, "nanbyo-072-2403/2020-03.2");
        assert_eq!(category(&f), text(cat));
    }
}

// 「完全型中枢性尿崩症：１（１）の①から③全ての項目を満たし、かつ１（２）の①から⑤全ての項目を満たすもの」
#[test]
fn di_each_main_symptom_is_needed() {
    for item in ["adh_dx_thirst", "adh_dx_polydipsia", "adh_dx_polyuria"] {
        for code in ["2", "3"] {
            let f = with(&complete_di(), &[(item, code)]);
            assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
            assert_eq!(category(&f), text("4"));
        }
    }
}

// 「①尿量は１日3,000mL以上。」: 3,000 met, 2,999 not.
#[test]
fn di_urine_volume_boundary() {
    assert_eq!(diagnosis(ID, &complete_di()), DiagnosisOutcome::Definite);
    let f = with(&complete_di(), &[("adh_dx_urine_volume", "2999")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「②尿浸透圧は300mOsm/kg以下。」: 300 met, 301 not; 未実施 not met.
#[test]
fn di_urine_osmolality_boundary() {
    let f = with(&complete_di(), &[("adh_dx_urine_osm", "301")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&complete_di(), &[("adh_dx_urine_osm", "not_done")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(det.undetermined_items.is_empty());
}

// 「部分型中枢性尿崩症：１（１）の①から③全ての項目を満たし、かつ１（２）の①、②、⑤を満たし、１（２）の④i）からiv）の１項目を満たすもの」
// ③ (水制限試験) is not needed for 部分型; ④ needs one of i)–iv) only.
#[test]
fn di_partial_type() {
    let f = with(
        &complete_di(),
        &[
            ("adh_dx_water_deprivation", "2"),
            ("adh_dx_avp_points", "4"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(category(&f), text("2"));
    // 水制限試験 met but ④ only three of four points: 部分型.
    let f = with(&complete_di(), &[("adh_dx_avp_points", "1,2,3")]);
    assert_eq!(category(&f), text("2"));
    // None of i)–iv): neither type.
    let f = with(&complete_di(), &[("adh_dx_avp_points", "5")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_eq!(category(&f), text("4"));
}

// 「⑤バゾプレシン負荷試験で尿量は減少し、尿浸透圧は300mOsm/kg以上に上昇する。」: needed by both types.
#[test]
fn di_vasopressin_test_is_needed() {
    for code in ["2", "3"] {
        let f = with(&complete_di(), &[("adh_dx_vasopressin_test", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// 「（３）鑑別診断 多尿を来す中枢性尿崩症以外の疾患として次のものを除外する。」
#[test]
fn di_differential_is_needed() {
    let f = with(&complete_di(), &[("adh_dx_di_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// A blank 水制限試験 does not matter once 部分型 is shown (Definite either way).
#[test]
fn di_blank_water_deprivation_does_not_matter() {
    let f = with(&complete_di(), &[("adh_dx_water_deprivation", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "adh_dx_water_deprivation".into())));
    // …but a blank ⑤ keeps both open.
    let f = with(&complete_di(), &[("adh_dx_vasopressin_test", "")]);
    assert_undetermined_naming(ID, &f, &["adh_dx_vasopressin_test"]);
}

// 「Definite：（１）を満たし、かつ（２）①から⑦全ての項目を満たすもの」: the boundaries of ①–⑦.
#[test]
fn siadh_lab_boundaries() {
    assert_eq!(diagnosis(ID, &siadh()), DiagnosisOutcome::Definite);
    for (item, beside) in [
        ("adh_dx_sodium", "135.0"),        // ①135mEq/Lを下回る
        ("adh_dx_avp_detectable", "2"),    // ②測定感度以上
        ("adh_dx_plasma_osm", "280"),      // ③280mOsm/kgを下回る
        ("adh_dx_siadh_urine_osm", "300"), // ④300mOsm/kgを上回る
        ("adh_dx_urine_sodium", "19"),     // ⑤20mEq/L以上
        ("adh_dx_creatinine", "1.21"),     // ⑥1.2mg/dL以下
        ("adh_dx_cortisol", "5.9"),        // ⑦６µg/dL以上
    ] {
        let f = with(&siadh(), &[(item, beside)]);
        assert_eq!(
            diagnosis(ID, &f),
            DiagnosisOutcome::NotMet,
            "{item}={beside}"
        );
        assert_eq!(category(&f), text("4"), "{item}");
    }
}

// 「（１）主症状 脱水の所見を認めない。」
#[test]
fn siadh_dehydration_is_not_met() {
    let f = with(&siadh(), &[("adh_dx_no_dehydration", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「３．鑑別診断 （１）細胞外液量の過剰な低ナトリウム血症 …（３）異所性ADH分泌腫瘍」
#[test]
fn siadh_differential_is_needed() {
    let f = with(&siadh(), &[("adh_dx_siadh_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// A blank SIADH lab keeps the diagnosis open, naming it; a 未実施 lab is not met.
#[test]
fn siadh_blank_lab_is_undetermined_and_not_done_is_not_met() {
    let f = with(&siadh(), &[("adh_dx_cortisol", "")]);
    assert_undetermined_naming(ID, &f, &["adh_dx_cortisol"]);
    let f = with(&siadh(), &[("adh_dx_cortisol", "not_done")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// The items of the other 病型 are neither required nor used.
#[test]
fn other_types_diagnosis_items_are_not_asked() {
    let e = eval_new(ID, &siadh());
    assert!(!codes(&e).contains(&("required".into(), "adh_dx_thirst".into())));
    let e = eval_new(ID, &complete_di());
    assert!(!codes(&e).contains(&("required".into(), "adh_dx_sodium".into())));
    let f = with(&complete_di(), &[("adh_dx_sodium", "120")]);
    assert_eq!(category(&f), text("1"));
}

// 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし、中等症以上を対象とする。」 バゾプレシン分泌低下症（中枢性尿崩症）
#[test]
fn di_most_severe_item_decides() {
    assert_max_band(&complete_di(), &DI);
}

// 同 バゾプレシン分泌過剰症（SIADH）
#[test]
fn siadh_most_severe_item_decides() {
    assert_max_band(&siadh(), &SIADH);
}

/// Every item of `items` 軽症 is not met; each alone 中等症 is met (該当, no
/// error); 未実施 everywhere is not met; a blank item is named while the
/// others are 軽症.
fn assert_max_band(base: &FormData, items: &[&str]) {
    let all_mild = items
        .iter()
        .fold(base.clone(), |f, i| with(&f, &[(i, "1")]));
    assert_eq!(
        eval_new(ID, &all_mild).determination.result,
        Outcome::NotEligible
    );
    for i in items {
        for band in ["2", "3"] {
            let e = eval_new(ID, &with(&all_mild, &[(i, band)]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{i} {band}");
        }
    }
    let not_done = items
        .iter()
        .fold(base.clone(), |f, i| with(&f, &[(i, "0")]));
    assert_eq!(severity(ID, &not_done), SeverityOutcome::NotMet);
    assert_undetermined_naming(ID, &with(&all_mild, &[(items[0], "")]), &[items[0]]);
}

// The severity items of the other 病型 do not count (and are flagged).
#[test]
fn the_other_types_severity_items_do_not_count() {
    let f = SIADH.iter().fold(siadh(), |f, i| with(&f, &[(i, "1")]));
    let f = with(&f, &[("adh_di_urine_volume", "3")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(codes(&e).contains(&("adh_di_severity_items_for_siadh".into(), "adh_type".into())));
    let f = with(&complete_di(), &[("adh_siadh_sodium", "3")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("adh_siadh_severity_items_for_di".into(), "adh_type".into())));
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = DI.iter().fold(complete_di(), |f, i| with(&f, &[(i, "1")]));
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let f = with(&f, &[("adh_dx_polyuria", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// Renewal: blank diagnosis items do not block the result (病型 stays required).
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = complete_di();
    for item in [
        "adh_dx_thirst",
        "adh_dx_polydipsia",
        "adh_dx_polyuria",
        "adh_dx_urine_volume",
        "adh_dx_urine_osm",
        "adh_dx_water_deprivation",
        "adh_dx_avp_points",
        "adh_dx_vasopressin_test",
        "adh_dx_di_differential",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "adh_dx_polyuria".into())));
    let f = with(&f, &[("adh_type", "")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(codes(&e).contains(&("required".into(), "adh_type".into())));
}

#[test]
fn checks_produce_findings() {
    let f = with(&complete_di(), &[("adh_dx_avp_points", "1,5")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "adh_avp_points_none_with_others".into(),
        "adh_dx_avp_points".into()
    )));
    let f = with(&siadh(), &[("adh_dx_sodium", "138")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "adh_siadh_avp_without_hyponatremia".into(),
        "adh_dx_avp_detectable".into()
    )));
    let f = with(&siadh(), &[("adh_dx_sodium", "70")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "adh_dx_sodium".into())));
    let f = with(&siadh(), &[("adh_dx_creatinine", "1.205")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("precision".into(), "adh_dx_creatinine".into())));
}
