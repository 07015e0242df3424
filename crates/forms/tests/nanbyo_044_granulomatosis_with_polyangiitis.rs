//! 指定難病 44 多発血管炎性肉芽腫症 (nanbyo-044-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-044-2403";

/// Definite (a): E, L, K all present; no vasculitis symptom; no tissue, ANCA 陰性; ３度.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("gpa_upper_airway", "1"),
            ("gpa_lung", "1"),
            ("gpa_kidney", "1"),
            ("gpa_systemic", "2"),
            ("gpa_organ", "2"),
            ("gpa_histology_granuloma", "3"),
            ("gpa_histology_crescentic", "3"),
            ("gpa_histology_vasculitis", "3"),
            ("gpa_pr3_anca", "2"),
            ("gpa_differential", "1"),
            ("gpa_grade", "3"),
        ],
    )
}

/// Only the upper airway (E) present, nothing else.
fn e_only() -> nsdb_forms::FormData {
    with(
        &definite_severe(),
        &[("gpa_lung", "2"), ("gpa_kidney", "2")],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-044-2403/2020-03.2");
}

// 「(a)上気道（E）、肺（L）、腎（K）のそれぞれ１臓器症状を含め主要症状の３項目以上を示す例」:
// E + L + 血管炎 (three items, but no K) is not (a); it is Probable (a) (２項目以上).
#[test]
fn definite_a_needs_each_of_e_l_k() {
    let f = with(
        &definite_severe(),
        &[("gpa_kidney", "2"), ("gpa_organ", "1")],
    );
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations.get("gpa_symptom_count"),
        Some(&nsdb_forms::CalcValue::Number(3.0))
    );
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「(b)…主要症状の２項目以上及び、組織所見①、②、③の１項目以上を示す例」: each tissue finding alone.
#[test]
fn definite_b_two_symptoms_and_any_tissue_finding() {
    let two = with(&e_only(), &[("gpa_systemic", "1")]);
    assert_eq!(diagnosis(ID, &two), DiagnosisOutcome::Probable);
    for item in [
        "gpa_histology_granuloma",
        "gpa_histology_crescentic",
        "gpa_histology_vasculitis",
    ] {
        let f = with(&two, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「(c)…主要症状の１項目以上と組織所見①、②、③の１項目以上及びC（PR-3） ANCA 陽性の例」.
#[test]
fn definite_c_one_symptom_tissue_and_anca() {
    let f = with(
        &e_only(),
        &[("gpa_histology_granuloma", "1"), ("gpa_pr3_anca", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // Without ANCA it is Probable (b); with ANCA 未実施 too.
    for code in ["2", "3"] {
        let g = with(&f, &[("gpa_pr3_anca", code)]);
        assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::Probable, "anca={code}");
    }
}

// 「(２)Probable (c)…主要症状のいずれか１項目とC（PR-3）ANCA 陽性を示す例」; and no symptom → not met.
#[test]
fn probable_c_one_symptom_and_anca() {
    let f = with(&e_only(), &[("gpa_pr3_anca", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let none = with(&f, &[("gpa_upper_airway", "2")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
}

// One symptom alone (no tissue, no ANCA) meets no category (Probable (a) needs ２項目以上).
#[test]
fn one_symptom_alone_is_not_met() {
    let det = eval_new(ID, &e_only()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「(４)血管炎による症状 ①全身症状… ②臓器症状…」: either counts as one item, both still one.
#[test]
fn vasculitis_symptom_is_one_item() {
    for (sys, org) in [("1", "2"), ("2", "1"), ("1", "1")] {
        let f = with(&e_only(), &[("gpa_systemic", sys), ("gpa_organ", org)]);
        let e = eval_new(ID, &f);
        assert_eq!(
            e.calculations.get("gpa_symptom_count"),
            Some(&nsdb_forms::CalcValue::Number(2.0)),
            "{sys}{org}"
        );
        assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    }
}

// 「６．識別診断」: not excluded → not met (our reading; see review_needed).
#[test]
fn differential_not_excluded_is_not_met() {
    let f = with(&definite_severe(), &[("gpa_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank: E only and L blank → open (L would make Probable (a)), named.
#[test]
fn blank_symptom_is_named_while_it_matters() {
    let f = with(&e_only(), &[("gpa_lung", "")]);
    assert_undetermined_naming(ID, &f, &["gpa_lung"]);
    // 不明 is an answer: decided 非該当.
    let g = with(&e_only(), &[("gpa_lung", "3")]);
    let det = eval_new(ID, &g).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
    // E, L, K present: a blank tissue finding does not matter.
    let h = with(&definite_severe(), &[("gpa_histology_crescentic", "")]);
    let e = eval_new(ID, &h);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "gpa_histology_crescentic".into())));
}

// 「○多発血管炎性肉芽腫症の重症度分類を用いて３度以上を対象とする。」
#[test]
fn grade_3_is_met_and_2_is_not() {
    let f2 = with(&definite_severe(), &[("gpa_grade", "2")]);
    assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
    for g in ["3", "4", "5"] {
        let f = with(&definite_severe(), &[("gpa_grade", g)]);
        assert_eq!(
            eval_new(ID, &f).determination.result,
            Outcome::Eligible,
            "{g}"
        );
    }
    let blank = with(&definite_severe(), &[("gpa_grade", "")]);
    assert_undetermined_naming(ID, &blank, &["gpa_grade"]);
    let g = with(&blank, &[("gpa_differential", "2")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::NotEligible);
}

#[test]
fn light_high_cost_rescues_grade_2() {
    let mut f = with(&definite_severe(), &[("gpa_grade", "2")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for item in [
        "gpa_upper_airway",
        "gpa_lung",
        "gpa_kidney",
        "gpa_systemic",
        "gpa_organ",
        "gpa_histology_granuloma",
        "gpa_histology_crescentic",
        "gpa_histology_vasculitis",
        "gpa_pr3_anca",
        "gpa_differential",
    ] {
        f.remove(item);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Undetermined);
}
