//! 指定難病 18 脊髄小脳変性症（多系統萎縮症を除く。） (nanbyo-018-2403): every
//! boundary of every criterion. Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-018-2403";

/// Probable (1), ataxia route: ①②⑤⑥; mRS 3.
fn base() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("scd_ataxia", "1"),
            ("scd_spastic_paraplegia", "2"),
            ("scd_slow_progression", "1"),
            ("scd_inheritance", "4"),
            ("scd_imaging", "1"),
            ("scd_secondary_excluded", "1"),
            ("scd_genetic_or_pathological", "2"),
            ("scd_same_as_family", "2"),
            ("mrs", "3"),
            ("nutrition", "0"),
            ("respiration", "0"),
        ],
    )
}

fn category(f: &FormData) -> serde_json::Value {
    serde_json::to_value(&eval_new(ID, f).calculations["scd_category_calc"]).unwrap()
}

fn three_high_cost_months(f: &mut FormData) {
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &base());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(category(&base()), serde_json::json!("2"));
}

// 「Definite：脊髄小脳変性症・痙性対麻痺に合致する症候と経過があり、遺伝子診断か神経病理学的診断がなされている場合。」
#[test]
fn definite_needs_symptoms_course_and_genetic_or_pathological_diagnosis() {
    let f = with(&base(), &[("scd_genetic_or_pathological", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    assert_eq!(category(&f), serde_json::json!("1"));
    // without the progressive course: neither Definite nor Probable (1)
    let g = with(&f, &[("scd_slow_progression", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // without symptoms ①
    let g = with(&f, &[("scd_ataxia", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // Definite does not need ⑤ nor ⑥
    let g = with(&f, &[("scd_imaging", "3"), ("scd_secondary_excluded", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::Definite);
}

// 「Probable：(１)脊髄小脳変性症に合致する症候があり、診断基準の主要項目①②⑤及び⑥を満たす場合」: ⑤ is required on the ataxia route.
#[test]
fn probable_1_ataxia_route_needs_imaging() {
    for code in ["2", "3"] {
        let f = with(&base(), &[("scd_imaging", code)]);
        assert_eq!(
            diagnosis(ID, &f),
            DiagnosisOutcome::NotMet,
            "imaging {code}"
        );
        assert_eq!(category(&f), serde_json::json!("4"));
    }
    assert_undetermined_naming(ID, &with(&base(), &[("scd_imaging", "")]), &["scd_imaging"]);
}

// 「若しくは痙性対麻痺に合致する症候があり、主要項目①②及び⑥を満たす場合。」: ⑤ not needed.
#[test]
fn probable_1_spastic_paraplegia_route_without_imaging() {
    let f = with(
        &base(),
        &[
            ("scd_ataxia", "2"),
            ("scd_spastic_paraplegia", "1"),
            ("scd_imaging", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    // blank imaging does not matter on this route
    let g = with(&f, &[("scd_imaging", "")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::Eligible);
}

// 「②徐々に発病し、経過は緩徐進行性である。」: なし / 不明 → not met; blank → open.
#[test]
fn criterion_2_course() {
    for code in ["2", "3"] {
        assert_eq!(
            diagnosis(ID, &with(&base(), &[("scd_slow_progression", code)])),
            DiagnosisOutcome::NotMet
        );
    }
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("scd_slow_progression", "")]),
        &["scd_slow_progression"],
    );
}

// 「Possible：…主要項目①②⑤を満たす…が、⑥が除外できない場合。」 / 「Definite、Probableを対象とする。」
#[test]
fn secondary_not_excluded_is_possible_and_not_eligible() {
    let f = with(&base(), &[("scd_secondary_excluded", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons.iter().any(|r| r
            == "診断: Possibleですが、この疾病の医療費助成の対象は Definite・Probable のみです。"),
        "{:?}",
        det.reasons
    );
    assert_eq!(category(&f), serde_json::json!("3"));
    let c = det.criteria.iter().find(|c| c.id == "dx_possible").unwrap();
    assert_eq!(c.met, Some(true));
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("scd_secondary_excluded", "")]),
        &["scd_secondary_excluded"],
    );
}

// 「Possible：脊髄小脳変性症・痙性対麻痺に合致する症候があり、診断基準の主要項目①②⑤を満たす…」:
// on the ataxia route ⑤ (imaging) is needed for Possible too; without it, not met.
#[test]
fn possible_ataxia_route_needs_imaging() {
    let possible = with(&base(), &[("scd_secondary_excluded", "2")]);
    assert_eq!(diagnosis(ID, &possible), DiagnosisOutcome::Possible);
    let f = with(&possible, &[("scd_imaging", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_eq!(category(&f), serde_json::json!("4"));
    // Not eligible either way, but the blank imaging keeps the category open.
    let open = with(&possible, &[("scd_imaging", "")]);
    let det = eval_new(ID, &open).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「(２)当該患者本人に脊髄小脳変性症・痙性対麻痺に合致する症状があり、かつその家系内の他の発症者と同一とみなされる場合（遺伝子診断がなされていない場合も含む。）。」
#[test]
fn probable_2_family() {
    let f = with(
        &base(),
        &[
            ("scd_slow_progression", "2"),
            ("scd_inheritance", "1"),
            ("scd_same_as_family", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    let g = with(&f, &[("scd_same_as_family", "3")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // the patient's own symptoms are required
    let g = with(&f, &[("scd_ataxia", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&f, &[("scd_same_as_family", "")]),
        &["scd_same_as_family"],
    );
}

// 「①小脳性ないしは後索性の運動失調又は痙性対麻痺を主要症候とする。」: neither → not met; 不明 does not count.
#[test]
fn criterion_1_symptoms() {
    let f = with(&base(), &[("scd_ataxia", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(
            &base(),
            &[("scd_ataxia", ""), ("scd_spastic_paraplegia", "2")],
        ),
        &["scd_ataxia"],
    );
    // ataxia present: a blank spastic paraplegia item is irrelevant
    let g = with(&base(), &[("scd_spastic_paraplegia", "")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::Eligible);
}

// 「mRS、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn severity_any_scale_at_3() {
    for scale in ["mrs", "nutrition", "respiration"] {
        let mut pairs = vec![("mrs", "2"), ("nutrition", "2"), ("respiration", "2")];
        for p in pairs.iter_mut() {
            if p.0 == scale {
                p.1 = "3";
            }
        }
        let det = eval_new(ID, &with(&base(), &pairs)).determination;
        assert_eq!(det.severity, SeverityOutcome::Met, "{scale}=3");
    }
    let f = with(
        &base(),
        &[("mrs", "2"), ("nutrition", "2"), ("respiration", "2")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(ID, &with(&f, &[("nutrition", "")]), &["nutrition"]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = with(&base(), &[("mrs", "1")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // a Possible diagnosis is not rescued
    let mut f = with(&base(), &[("mrs", "1"), ("scd_secondary_excluded", "2")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn consistency_checks() {
    let f = with(&base(), &[("scd_other_signs", "1,6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "scd_other_signs_none_exclusive".into(),
        "scd_other_signs".into()
    )));
    let f = with(&base(), &[("scd_other_signs", "1,3")]);
    assert!(eval_new(ID, &f).findings.is_empty());
    let f = with(&base(), &[("scd_same_as_family", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "scd_family_vs_inheritance".into(),
        "scd_same_as_family".into()
    )));
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let items = [
        "scd_ataxia",
        "scd_spastic_paraplegia",
        "scd_slow_progression",
        "scd_inheritance",
        "scd_imaging",
        "scd_secondary_excluded",
        "scd_genetic_or_pathological",
        "scd_same_as_family",
    ];
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (*i, "")).collect();
    let f = with(&base(), &pairs);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
