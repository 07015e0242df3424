//! 指定難病 37 膿疱性乾癬（汎発型） (nanbyo-037-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-037-2403";

/// The four main items met (recurrent); severity total 6:
/// A: 2+2+1 = 5; B: 発熱 37.0 (1), WBC 9,999 (0), CRP 0.29 (0), Alb 3.8 (0).
fn definite_six() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("gpp_systemic_symptoms", "1"),
            ("gpp_sterile_pustules", "1"),
            ("gpp_kogoj", "1"),
            ("gpp_recurrence", "1"),
            ("gpp_erythema_area", "2"),
            ("gpp_pustular_erythema_area", "2"),
            ("gpp_edema_area", "1"),
            ("gpp_fever", "37.0"),
            ("gpp_wbc", "9999"),
            ("gpp_crp", "0.29"),
            ("gpp_albumin", "3.8"),
        ],
    )
}

/// Definite, total 7 (浮腫 2).
fn definite_seven() -> FormData {
    with(&definite_six(), &[("gpp_edema_area", "2")])
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_seven());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「以上の４項目を満たす場合を膿疱性乾癬（汎発型）（Definite）と診断する。」
#[test]
fn four_items_are_definite() {
    let det = eval_new(ID, &definite_seven()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-037-2403/2020-03.2");
    // 「ただし、初発の場合には臨床経過から…除外項目…記載の事項を除外できること。」
    let first = with(&definite_seven(), &[("gpp_recurrence", "2")]);
    assert_eq!(diagnosis(ID, &first), DiagnosisOutcome::Definite);
}

// 「主要項目２)と３)を満たす場合をProbableと診断する。」「DefiniteとProbableを対象とする。」
#[test]
fn items_2_and_3_are_probable_and_eligible() {
    for (item, code) in [
        ("gpp_systemic_symptoms", "2"),
        ("gpp_systemic_symptoms", "3"),
        ("gpp_recurrence", "3"),
    ] {
        let f = with(&definite_seven(), &[(item, code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "{item}={code}");
        assert_eq!(det.result, Outcome::Eligible, "{item}={code}");
    }
}

// ２) or ３) missing: neither Definite nor Probable.
#[test]
fn without_pustules_or_kogoj_is_not_met() {
    for (item, code) in [
        ("gpp_sterile_pustules", "2"),
        ("gpp_sterile_pustules", "3"),
        ("gpp_kogoj", "2"),
        ("gpp_kogoj", "3"),
    ] {
        let f = with(&definite_seven(), &[(item, code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={code}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}={code}");
    }
}

// A blank １) with ２)３) met: Probable at least, so eligible whatever it is (no blank named).
#[test]
fn blank_item_1_does_not_matter_once_probable() {
    let f = with(&definite_seven(), &[("gpp_systemic_symptoms", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(e.determination.undetermined_items.is_empty());
    assert!(codes(&e).contains(&("required".into(), "gpp_systemic_symptoms".into())));
    // A blank ３) decides both categories: named.
    let f = with(&definite_seven(), &[("gpp_kogoj", "")]);
    assert_undetermined_naming(ID, &f, &["gpp_kogoj"]);
}

// 「軽症（０～６） 中等症（７～10）」「中等症以上を対象とする。」: 6 and 7.
#[test]
fn total_7_is_met_and_6_is_not() {
    let e = eval_new(ID, &definite_six());
    assert_eq!(
        e.calculations.get("gpp_score"),
        Some(&CalcValue::Number(6.0))
    );
    assert_eq!(e.determination.result, Outcome::NotEligible);
    let e = eval_new(ID, &definite_seven());
    assert_eq!(
        e.calculations.get("gpp_score"),
        Some(&CalcValue::Number(7.0))
    );
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「白血球数 10,000以上15,000未満: 1」「CRP 0.3以上～7.0未満: 1」「アルブミン 3.0以上～3.8未満: 1」「発熱 37未満: 0」
#[test]
fn each_lab_boundary_adds_one_point() {
    for (item, v) in [
        ("gpp_wbc", "10000"),
        ("gpp_crp", "0.3"),
        ("gpp_albumin", "3.7"),
    ] {
        let f = with(&definite_six(), &[(item, v)]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item} {v}");
    }
    // 発熱 36.9: 0 points; WBC 15,000: 2 points → 5 + 2 = 7.
    let f = with(
        &definite_six(),
        &[("gpp_fever", "36.9"), ("gpp_wbc", "15000")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    let f = with(
        &definite_six(),
        &[("gpp_fever", "36.9"), ("gpp_wbc", "10000")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    // 「38.5以上: ２」: 38.4 is 1 point, 38.5 is 2.
    let f = with(&definite_six(), &[("gpp_fever", "38.4")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    let f = with(&definite_six(), &[("gpp_fever", "38.5")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    // 「CRP 7.0以上: ２」「アルブミン 3.0未満: ２」 (A lowered to 4: 1+2 → 4+1+2 = 7).
    let a4 = with(&definite_six(), &[("gpp_edema_area", "0")]);
    assert_eq!(
        severity(ID, &with(&a4, &[("gpp_crp", "7.0")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&a4, &[("gpp_crp", "6.99")])),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        severity(ID, &with(&a4, &[("gpp_albumin", "2.9")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&a4, &[("gpp_albumin", "3.0")])),
        SeverityOutcome::NotMet
    );
}

// 未実施 counts 0 points and is warned.
#[test]
fn a_lab_not_done_counts_zero_with_a_warning() {
    let f = with(&definite_six(), &[("gpp_crp", "not_done")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(codes(&e).iter().any(|(c, _)| c == "gpp_lab_not_done"));
}

// A blank lab is open at 6 points and does not matter at 9.
#[test]
fn a_blank_lab_is_named_only_while_it_matters() {
    let open = with(&definite_six(), &[("gpp_crp", "")]);
    assert_undetermined_naming(ID, &open, &["gpp_crp"]);
    let decided = with(
        &open,
        &[("gpp_erythema_area", "3"), ("gpp_edema_area", "3")],
    );
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

#[test]
fn fever_range_and_precision_are_checked() {
    let f = with(&definite_seven(), &[("gpp_fever", "44")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "gpp_fever".into())));
    let f = with(&definite_seven(), &[("gpp_fever", "38.55")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("precision".into(), "gpp_fever".into())));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_seven();
    for id in [
        "gpp_systemic_symptoms",
        "gpp_sterile_pustules",
        "gpp_kogoj",
        "gpp_recurrence",
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
