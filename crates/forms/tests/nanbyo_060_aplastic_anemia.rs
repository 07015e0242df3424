//! 指定難病 60 再生不良性貧血 (nanbyo-060-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, CalcValue, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-060-2403";

/// Definite (1 + 2 + 3) with Stage２ (好中球 800, 血小板 35,000: two items).
fn definite_stage2() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("aa_anemia", "1"),
            ("aa_bleeding", "2"),
            ("aa_fever", "2"),
            ("aa_dx_hemoglobin", "8.5"),
            ("aa_dx_neutrophils", "900"),
            ("aa_dx_platelets", "40000"),
            ("aa_differential", "1"),
            ("aa_supporting", "1,3"),
            ("aa_neutrophils", "800"),
            ("aa_platelets", "35000"),
            ("aa_reticulocytes", "70000"),
            ("aa_regular_transfusion", "2"),
        ],
    )
}

/// 好中球 1,000, 血小板 50,000, 網赤血球 60,000: none below its Stage２ limit.
fn at_limits() -> nsdb_forms::FormData {
    with(
        &definite_stage2(),
        &[
            ("aa_neutrophils", "1000"),
            ("aa_platelets", "50000"),
            ("aa_reticulocytes", "60000"),
        ],
    )
}

fn stage(f: &nsdb_forms::FormData) -> Option<CalcValue> {
    eval_new(ID, f).calculations.get("aa_stage_calc").cloned()
}

fn text(s: &str) -> Option<CalcValue> {
    Some(CalcValue::Text(s.to_string()))
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_stage2());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-060-2403/2020-03.2");
}

// 「１．臨床所見として、貧血、出血傾向、ときに発熱を認める。」: any one of the three.
#[test]
fn clinical_findings_any_one_suffices_none_is_not_met() {
    for item in ["aa_anemia", "aa_bleeding", "aa_fever"] {
        let f = with(
            &definite_stage2(),
            &[("aa_anemia", "2"), ("aa_bleeding", "2"), ("aa_fever", "2")],
        );
        let f = with(&f, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
    let none = with(
        &definite_stage2(),
        &[("aa_anemia", "2"), ("aa_bleeding", "2"), ("aa_fever", "3")],
    );
    let det = eval_new(ID, &none).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「２．以下の３項目のうち、少なくとも二つを満たす。①ヘモグロビン濃度：10.0g/dL未満」
// Hb 9.9 counts, 10.0 does not.
#[test]
fn hemoglobin_boundary() {
    // Only Hb and 好中球 can count (血小板 100,000 is not below 10万).
    let base = with(
        &definite_stage2(),
        &[("aa_dx_neutrophils", "1400"), ("aa_dx_platelets", "100000")],
    );
    let f = with(&base, &[("aa_dx_hemoglobin", "9.9")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&base, &[("aa_dx_hemoglobin", "10.0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「②好中球：1,500/µL未満」: 1,499 counts, 1,500 does not.
#[test]
fn neutrophil_boundary() {
    let base = with(
        &definite_stage2(),
        &[("aa_dx_hemoglobin", "9.0"), ("aa_dx_platelets", "100000")],
    );
    let f = with(&base, &[("aa_dx_neutrophils", "1499")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&base, &[("aa_dx_neutrophils", "1500")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「③血小板：10万/µL未満」: 99,999 counts, 100,000 does not.
#[test]
fn platelet_boundary() {
    let base = with(
        &definite_stage2(),
        &[("aa_dx_hemoglobin", "12.0"), ("aa_dx_neutrophils", "1000")],
    );
    let f = with(&base, &[("aa_dx_platelets", "99999")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&base, &[("aa_dx_platelets", "100000")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「少なくとも二つを満たす」: one of three is not enough; 未実施 does not count.
#[test]
fn one_of_three_or_not_done_is_not_met() {
    let one = with(
        &definite_stage2(),
        &[
            ("aa_dx_hemoglobin", "8.0"),
            ("aa_dx_neutrophils", "2000"),
            ("aa_dx_platelets", "150000"),
        ],
    );
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    let not_done = with(&one, &[("aa_dx_neutrophils", "not_done")]);
    let e = eval_new(ID, &not_done);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(e.determination.undetermined_items.is_empty());
}

// 「３．汎血球減少の原因となる他の疾患を認めない。」: not excluded → not met.
#[test]
fn other_disease_not_excluded_is_not_met() {
    let f = with(&definite_stage2(), &[("aa_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「４．以下の検査所見が加われば診断の確実性が増す。」: not a requirement.
#[test]
fn supporting_findings_are_not_required() {
    let f = with(&definite_stage2(), &[("aa_supporting", "6")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&definite_stage2(), &[("aa_supporting", "")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// A blank count keeps 2 open while only one other counts, and is ignored once two do.
#[test]
fn blank_count_is_named_only_while_it_matters() {
    let open = with(
        &definite_stage2(),
        &[("aa_dx_neutrophils", "2000"), ("aa_dx_platelets", "")],
    );
    assert_undetermined_naming(ID, &open, &["aa_dx_platelets"]);
    let e = eval_new(ID, &open);
    assert!(codes(&e).contains(&("required".into(), "aa_dx_platelets".into())));
    let decided = with(&definite_stage2(), &[("aa_dx_platelets", "")]);
    assert_eq!(diagnosis(ID, &decided), DiagnosisOutcome::Definite);
}

// A blank exclusion leaves the diagnosis open (判定不能), naming it.
#[test]
fn blank_differential_is_undetermined() {
    let f = with(&definite_stage2(), &[("aa_differential", "")]);
    assert_undetermined_naming(ID, &f, &["aa_differential"]);
}

// 「Stage２ 中等症 下記の２項目以上を満たす 好中球：1,000/µL未満、血小板：50,000/µL未満、網赤血球：60,000/µL未満」
#[test]
fn stage2_two_of_three_below_the_limits() {
    let e = eval_new(ID, &at_limits());
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(stage(&at_limits()), text("1"));
    let one = with(&at_limits(), &[("aa_neutrophils", "999")]);
    assert_eq!(severity(ID, &one), SeverityOutcome::NotMet);
    for (item, v) in [("aa_platelets", "49999"), ("aa_reticulocytes", "59999")] {
        let f = with(&one, &[(item, v)]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item}");
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}");
        assert_eq!(stage(&f), text("2"), "{item}");
    }
}

// 「Stage３ やや重症 下記の２項目以上を満たし、定期的な輸血を必要とする」
// 「注）定期的な輸血とは、毎月２単位以上の赤血球輸血が必要な時をいう。」
#[test]
fn stage3_needs_regular_transfusion() {
    let f = with(&definite_stage2(), &[("aa_regular_transfusion", "1")]);
    assert_eq!(stage(&f), text("3"));
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // Transfusion without two counts stays Stage１ and 非該当.
    let f = with(&at_limits(), &[("aa_regular_transfusion", "1")]);
    assert_eq!(stage(&f), text("1"));
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// 「Stage４ 重症 下記の２項目以上を満たす 好中球：500/µL未満、血小板：20,000/µL未満、網赤血球：20,000/µL未満」
#[test]
fn stage4_boundaries() {
    let base = with(
        &definite_stage2(),
        &[
            ("aa_neutrophils", "499"),
            ("aa_platelets", "20000"),
            ("aa_reticulocytes", "50000"),
        ],
    );
    assert_eq!(stage(&base), text("2"));
    assert_eq!(stage(&with(&base, &[("aa_platelets", "19999")])), text("4"));
    assert_eq!(
        stage(&with(
            &base,
            &[("aa_neutrophils", "500"), ("aa_platelets", "19999")]
        )),
        text("2")
    );
}

// 「Stage５ 最重症 好中球の200/µL未満に加えて、下記の１項目以上を満たす 血小板：20,000/µL未満、網赤血球：20,000/µL未満」
#[test]
fn stage5_boundaries() {
    let base = with(
        &definite_stage2(),
        &[
            ("aa_neutrophils", "199"),
            ("aa_platelets", "19999"),
            ("aa_reticulocytes", "50000"),
        ],
    );
    assert_eq!(stage(&base), text("5"));
    assert_eq!(stage(&with(&base, &[("aa_neutrophils", "200")])), text("4"));
    let f = with(
        &base,
        &[("aa_platelets", "30000"), ("aa_reticulocytes", "19999")],
    );
    assert_eq!(stage(&f), text("5"));
    let f = with(&base, &[("aa_platelets", "20000")]);
    assert_eq!(stage(&f), text("2"));
}

// The auto-filled stage: a different entered value is a warning naming both.
#[test]
fn entered_stage_differing_from_the_calculation_is_a_warning() {
    let f = with(&definite_stage2(), &[("aa_stage", "4")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "aa_stage".into())));
    let f = with(&definite_stage2(), &[("aa_stage", "2")]);
    assert!(eval_new(ID, &f).findings.is_empty());
}

// 未実施 does not count as below the limit.
#[test]
fn a_count_not_done_does_not_count() {
    let f = with(
        &at_limits(),
        &[("aa_neutrophils", "500"), ("aa_platelets", "not_done")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// A blank count is open when one other is below, not when two already are.
#[test]
fn a_blank_severity_count_is_named_only_while_it_matters() {
    let open = with(
        &at_limits(),
        &[("aa_neutrophils", "999"), ("aa_platelets", "")],
    );
    assert_undetermined_naming(ID, &open, &["aa_platelets"]);
    let decided = with(
        &at_limits(),
        &[
            ("aa_neutrophils", "999"),
            ("aa_platelets", "20000"),
            ("aa_reticulocytes", ""),
        ],
    );
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// 「なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_stage1_but_not_a_missing_diagnosis() {
    let mut f = at_limits();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&f, &[("aa_differential", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &definite_stage2(),
        &[
            ("aa_anemia", ""),
            ("aa_bleeding", ""),
            ("aa_fever", ""),
            ("aa_dx_hemoglobin", ""),
            ("aa_dx_neutrophils", ""),
            ("aa_dx_platelets", ""),
            ("aa_differential", ""),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "aa_differential".into())));
}

// Checks: ranges, required severity items, exclusive choice.
#[test]
fn checks_produce_findings() {
    let f = with(&definite_stage2(), &[("aa_dx_hemoglobin", "30")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "aa_dx_hemoglobin".into())));
    let f = with(&definite_stage2(), &[("aa_dx_hemoglobin", "8.55")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("precision".into(), "aa_dx_hemoglobin".into())));
    let f = with(&definite_stage2(), &[("aa_regular_transfusion", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "aa_regular_transfusion".into())));
    // …but it does not decide Stage２以上: the result stays 該当.
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&definite_stage2(), &[("aa_supporting", "1,6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "aa_supporting_none_with_others".into(),
        "aa_supporting".into()
    )));
}
