//! 指定難病 45 好酸球性多発血管炎性肉芽腫症 (nanbyo-045-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-045-2403";

/// Definite by course: three clinical findings, 臨床経過の特徴 あり, no tissue; ３度.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("egpa_asthma_rhinitis", "1"),
            ("egpa_eosinophilia", "1"),
            ("egpa_vasculitis", "1"),
            ("egpa_course", "1"),
            ("egpa_histology_vasculitis", "3"),
            ("egpa_histology_granuloma", "3"),
            ("egpa_grade", "3"),
        ],
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
    assert_eq!(det.rule_version, "nanbyo-045-2403/2020-03.2");
}

// 「１．主要臨床所見３項目を満たし、３．主要組織所見の１項目を満たす場合」: each tissue finding.
#[test]
fn three_findings_with_tissue_is_definite() {
    let base = with(&definite_severe(), &[("egpa_course", "2")]);
    for item in ["egpa_histology_vasculitis", "egpa_histology_granuloma"] {
        let f = with(&base, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「１．主要臨床所見を３項目満たすが、２．臨床経過の特徴を示さない場合」 → Probable (eligible).
#[test]
fn three_findings_without_course_is_probable() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("egpa_course", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "course={code}");
        assert_eq!(det.result, Outcome::Eligible);
    }
}

// 「１．主要臨床所見１項目及び３．主要組織所見の１項目を満たす場合」 → Probable; no finding → not met.
#[test]
fn one_finding_with_tissue_is_probable() {
    let f = with(
        &definite_severe(),
        &[
            ("egpa_eosinophilia", "2"),
            ("egpa_vasculitis", "2"),
            ("egpa_histology_granuloma", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    let none = with(&f, &[("egpa_asthma_rhinitis", "3")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
}

// Two clinical findings without tissue: no category (３項目 needed without tissue).
#[test]
fn two_findings_without_tissue_is_not_met() {
    let f = with(&definite_severe(), &[("egpa_vasculitis", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    // The course alone does not help: it is only a Definite condition with the three findings.
    assert!(det.undetermined_items.is_empty());
}

// Tissue 未実施／なし do not count.
#[test]
fn tissue_not_done_does_not_count() {
    let f = with(
        &definite_severe(),
        &[
            ("egpa_eosinophilia", "2"),
            ("egpa_vasculitis", "2"),
            ("egpa_histology_vasculitis", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank: a blank clinical finding with nothing else decides → named; blank course with three findings:
// Probable anyway (eligible), so nothing is open.
#[test]
fn blanks_named_only_while_they_matter() {
    let f = with(&definite_severe(), &[("egpa_vasculitis", "")]);
    assert_undetermined_naming(ID, &f, &["egpa_vasculitis"]);
    let g = with(&definite_severe(), &[("egpa_course", "")]);
    let e = eval_new(ID, &g);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "egpa_course".into())));
}

// 「○好酸球性多発血管炎性肉芽腫症の重症度分類を用いて３度以上を対象とする。」
#[test]
fn grade_3_is_met_and_2_is_not() {
    let f2 = with(&definite_severe(), &[("egpa_grade", "2")]);
    assert_eq!(severity(ID, &f2), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f2).determination.result, Outcome::NotEligible);
    for g in ["3", "4", "5"] {
        let f = with(&definite_severe(), &[("egpa_grade", g)]);
        assert_eq!(
            eval_new(ID, &f).determination.result,
            Outcome::Eligible,
            "{g}"
        );
    }
    let blank = with(&definite_severe(), &[("egpa_grade", "")]);
    assert_undetermined_naming(ID, &blank, &["egpa_grade"]);
    let g = with(&blank, &[("egpa_asthma_rhinitis", "2")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::NotEligible);
}

#[test]
fn light_high_cost_rescues_grade_2() {
    let mut f = with(&definite_severe(), &[("egpa_grade", "2")]);
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
        "egpa_asthma_rhinitis",
        "egpa_eosinophilia",
        "egpa_vasculitis",
        "egpa_course",
        "egpa_histology_vasculitis",
        "egpa_histology_granuloma",
    ] {
        f.remove(item);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Undetermined);
}
