//! 指定難病 56 ベーチェット病 (nanbyo-056-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-056-2403";

const MAIN: [&str; 4] = ["bd_oral_aphthae", "bd_skin", "bd_eye", "bd_genital_ulcer"];
const MINOR: [&str; 5] = [
    "bd_arthritis",
    "bd_epididymitis",
    "bd_gi",
    "bd_vascular",
    "bd_cns",
];

/// Everything なし; exclusion done; Stage II.
fn none() -> FormData {
    let mut f = nanbyo_common();
    for i in MAIN.iter().chain(MINOR.iter()) {
        f.set(i, "2");
    }
    with(
        &f,
        &[
            ("bd_special_intestinal", "2"),
            ("bd_special_vascular", "2"),
            ("bd_special_neuro", "2"),
            ("bd_exclusion", "1"),
            ("bd_stage", "2"),
        ],
    )
}

/// 完全型: 主症状4項目.
fn complete() -> FormData {
    let mut f = none();
    for i in MAIN {
        f.set(i, "1");
    }
    f
}

fn yes(items: &[&'static str]) -> FormData {
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (*i, "1")).collect();
    with(&none(), &pairs)
}

fn outcome(f: &FormData) -> (DiagnosisOutcome, CalcValue) {
    let e = eval_new(ID, f);
    (
        e.determination.diagnosis,
        e.calculations["bd_type_calc"].clone(),
    )
}

fn t(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
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
    let e = eval_new(ID, &complete());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["bd_type_calc"], t("1"));
}

// 「①完全型：経過中に（１）主症状のうち４項目が出現したもの」
// 「②不全型：(a) 経過中に（１）主症状のうち３項目…」: 3 main symptoms (no eye) → 不全型; 2 (no eye) → 疑い.
#[test]
fn main_symptom_counts() {
    let three = yes(&["bd_oral_aphthae", "bd_skin", "bd_genital_ulcer"]);
    assert_eq!(outcome(&three), (DiagnosisOutcome::Definite, t("2")));
    let two = yes(&["bd_oral_aphthae", "bd_skin"]);
    let det = eval_new(ID, &two).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons.iter().any(|r| r.contains("Probable")),
        "{:?}",
        det.reasons
    );
}

// 「…あるいは（１）主症状のうち２項目と（２）副症状のうち２項目が出現したもの」: 2 + 2 meets, 2 + 1 does not.
#[test]
fn two_main_and_two_minor() {
    let f = yes(&[
        "bd_oral_aphthae",
        "bd_genital_ulcer",
        "bd_arthritis",
        "bd_cns",
    ]);
    assert_eq!(outcome(&f), (DiagnosisOutcome::Definite, t("2")));
    let f = yes(&["bd_oral_aphthae", "bd_genital_ulcer", "bd_arthritis"]);
    assert_eq!(outcome(&f), (DiagnosisOutcome::Probable, t("3")));
}

// 「(b) 経過中に定型的眼症状とその他の（１）主症状のうち１項目、あるいは（２）副症状のうち２項目が出現したもの」
#[test]
fn eye_plus_one_main_or_two_minor() {
    assert_eq!(
        outcome(&yes(&["bd_eye", "bd_skin"])),
        (DiagnosisOutcome::Definite, t("2"))
    );
    assert_eq!(
        outcome(&yes(&["bd_eye", "bd_gi", "bd_vascular"])),
        (DiagnosisOutcome::Definite, t("2"))
    );
    // 眼症状 + 副症状1項目 → 疑い.
    assert_eq!(
        outcome(&yes(&["bd_eye", "bd_gi"])),
        (DiagnosisOutcome::Probable, t("3"))
    );
    // Without the eye symptom, 1 main + 2 minor → 疑い.
    assert_eq!(
        outcome(&yes(&["bd_skin", "bd_gi", "bd_vascular"])),
        (DiagnosisOutcome::Probable, t("3"))
    );
}

// 「③疑い：主症状の一部が出現するが、不全型の条件を満たさないもの、及び定型的な副症状が反復あるいは増悪するもの」
// Nothing at all → not met.
#[test]
fn suspected_and_nothing() {
    assert_eq!(
        outcome(&yes(&["bd_arthritis"])),
        (DiagnosisOutcome::Probable, t("3"))
    );
    assert_eq!(outcome(&none()), (DiagnosisOutcome::NotMet, t("4")));
}

// 主要鑑別対象疾患を鑑別できない → not Definite (but the symptoms make it 疑い).
#[test]
fn differential_not_excluded() {
    let f = with(&complete(), &[("bd_exclusion", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 不明 counts as not shown; a blank symptom keeps the result open only when it could decide.
#[test]
fn unknown_and_blank_symptoms() {
    let f = with(
        &yes(&["bd_oral_aphthae", "bd_skin"]),
        &[("bd_genital_ulcer", "3")],
    );
    assert_eq!(outcome(&f).0, DiagnosisOutcome::Probable);
    let f = with(
        &yes(&["bd_oral_aphthae", "bd_skin"]),
        &[("bd_genital_ulcer", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["bd_genital_ulcer".to_string()]);
    // Already 完全型 minus one (3 main): blank minor symptoms do not matter.
    let f = with(
        &yes(&["bd_oral_aphthae", "bd_skin", "bd_genital_ulcer"]),
        &[("bd_arthritis", ""), ("bd_cns", "")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「II度以上を医療費助成の対象とする。」: Stage I not met, II met, V met.
#[test]
fn stage_boundary() {
    let f = with(&complete(), &[("bd_stage", "1")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    for s in ["2", "3", "4", "5"] {
        let f = with(&complete(), &[("bd_stage", s)]);
        assert_eq!(
            eval_new(ID, &f).determination.severity,
            SeverityOutcome::Met,
            "stage {s}"
        );
    }
    let f = with(&complete(), &[("bd_stage", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["bd_stage".to_string()]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = with(&complete(), &[("bd_stage", "1")]);
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // 疑い is not rescued.
    let mut f = with(&yes(&["bd_oral_aphthae"]), &[("bd_stage", "1")]);
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_checks() {
    let mut f = complete();
    for i in MAIN.iter().chain(MINOR.iter()).chain(
        [
            "bd_special_intestinal",
            "bd_special_vascular",
            "bd_special_neuro",
            "bd_exclusion",
        ]
        .iter(),
    ) {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&complete(), &[("bd_eye", "2"), ("bd_stage", "3")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("bd_stage_eye_without_eye_symptom".into(), "bd_stage".into())));
    let f = with(&complete(), &[("bd_special_intestinal", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "bd_special_type_without_lesion".into(),
        "bd_special_intestinal".into()
    )));
}
