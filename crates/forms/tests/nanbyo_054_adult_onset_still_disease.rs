//! 指定難病 54 成人発症スチル病 (nanbyo-054-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-054-2403";

const MAJOR: [&str; 4] = [
    "asd_major_fever",
    "asd_major_arthralgia",
    "asd_major_rash",
    "asd_major_leukocytosis",
];
const MINOR: [&str; 4] = [
    "asd_minor_sore_throat",
    "asd_minor_lymph_spleen",
    "asd_minor_liver",
    "asd_minor_rf_ana_negative",
];
const SEVERITY_NONE: [(&str, &str); 7] = [
    ("asd_serositis", "2"),
    ("asd_dic", "2"),
    ("asd_hps", "2"),
    ("asd_neutrophilia", "2"),
    ("asd_ferritin", "2"),
    ("asd_lymphadenopathy", "2"),
    ("asd_steroid_resistant", "2"),
];

/// `major` 大項目 and `minor` 小項目 present (the first of each list), exclusions all
/// 該当しない, severity score 2 (フェリチン + 漿膜炎).
fn form_with(major: usize, minor: usize) -> FormData {
    let mut f = with(&nanbyo_common(), &SEVERITY_NONE);
    for (i, m) in MAJOR.iter().enumerate() {
        f.set(m, if i < major { "1" } else { "2" });
    }
    for (i, m) in MINOR.iter().enumerate() {
        f.set(m, if i < minor { "1" } else { "2" });
    }
    with(
        &f,
        &[
            ("asd_excl_infection", "2"),
            ("asd_excl_malignancy", "2"),
            ("asd_excl_collagen", "2"),
            ("asd_ferritin", "1"),
            ("asd_serositis", "1"),
        ],
    )
}

/// 大項目 2 + 小項目 3 = 5 items: just at the boundary.
fn definite_moderate() -> FormData {
    form_with(2, 3)
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(
        e.calculations.get("asd_item_count"),
        Some(&CalcValue::Number(5.0))
    );
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-054-2403/2020-03.2");
}

// 「かつ、小項目の各項目を含めて５項目以上に該当する場合」: 5 met, 4 not.
#[test]
fn five_items_boundary() {
    assert_eq!(diagnosis(ID, &form_with(2, 3)), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(ID, &form_with(2, 2)), DiagnosisOutcome::NotMet);
    assert_eq!(diagnosis(ID, &form_with(4, 1)), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(ID, &form_with(4, 0)), DiagnosisOutcome::NotMet);
}

// 「大項目中２項目以上に該当し、」: 1 大項目 + 4 小項目 = 5 items but only one major → not met.
#[test]
fn two_major_items_needed() {
    let det = eval_new(ID, &form_with(1, 4)).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let c = det.criteria.iter().find(|c| c.id == "dx_major_2").unwrap();
    assert_eq!(c.met, Some(false));
    assert_eq!(diagnosis(ID, &form_with(2, 4)), DiagnosisOutcome::Definite);
}

// 「ただし、大項目、小項目に該当する事項であっても除外項目に該当する場合は除外する。」:
// each exclusion 該当する or 不明 → not met.
#[test]
fn each_exclusion_excludes() {
    for item in [
        "asd_excl_infection",
        "asd_excl_malignancy",
        "asd_excl_collagen",
    ] {
        for code in ["1", "3"] {
            let f = with(&form_with(4, 4), &[(item, code)]);
            assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
        }
    }
}

// 不明 items are not counted; a blank item is open while it could make the 5th, and named.
#[test]
fn blank_item_is_named_while_it_matters() {
    let f = with(&definite_moderate(), &[("asd_minor_liver", "")]);
    assert_undetermined_naming(ID, &f, &["asd_minor_liver"]);
    let g = with(&definite_moderate(), &[("asd_minor_liver", "3")]);
    let det = eval_new(ID, &g).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(det.undetermined_items.is_empty());
    // Six items: one blank does not matter.
    let h = with(&form_with(3, 3), &[("asd_minor_liver", "")]);
    let e = eval_new(ID, &h);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "asd_minor_liver".into())));
    // A blank exclusion keeps it open.
    let x = with(&definite_moderate(), &[("asd_excl_collagen", "")]);
    assert_undetermined_naming(ID, &x, &["asd_excl_collagen"]);
}

// 「中等症： ２点以上 軽症： １点以下」: 1 point and 2 points.
#[test]
fn score_2_is_met_and_1_is_not() {
    let one = with(&definite_moderate(), &[("asd_serositis", "2")]);
    assert_eq!(severity(ID, &one), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &one).determination.result,
        Outcome::NotEligible
    );
    assert_eq!(severity(ID, &definite_moderate()), SeverityOutcome::Met);
}

// 「DIC 有２」「血球貪食症候群 有２」 alone.
#[test]
fn two_point_items_alone_are_met() {
    let none = with(
        &definite_moderate(),
        &[("asd_serositis", "2"), ("asd_ferritin", "2")],
    );
    assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
    for item in ["asd_dic", "asd_hps"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
    }
    // Each 1-point item together with 漿膜炎 (1 point) reaches 2.
    for item in [
        "asd_neutrophilia",
        "asd_ferritin",
        "asd_lymphadenopathy",
        "asd_steroid_resistant",
    ] {
        let f = with(&none, &[(item, "1"), ("asd_serositis", "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
    }
}

// A blank severity item is open at 1 point and ignored at 2.
#[test]
fn a_blank_severity_item_is_named_only_while_it_matters() {
    let open = with(
        &definite_moderate(),
        &[("asd_serositis", ""), ("asd_neutrophilia", "2")],
    );
    assert_undetermined_naming(ID, &open, &["asd_serositis"]);
    let decided = with(&open, &[("asd_neutrophilia", "1")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    // Not met diagnosis wins over the open severity.
    let g = with(&open, &[("asd_excl_infection", "1")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::NotEligible);
}

#[test]
fn light_high_cost_rescues_mild() {
    let mut f = with(&definite_moderate(), &[("asd_serositis", "2")]);
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
    let mut f = definite_moderate();
    for m in MAJOR.iter().chain(MINOR.iter()) {
        f.remove(m);
    }
    for item in [
        "asd_excl_infection",
        "asd_excl_malignancy",
        "asd_excl_collagen",
    ] {
        f.remove(item);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Undetermined);
}
