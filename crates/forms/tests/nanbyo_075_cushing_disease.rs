//! 指定難病 75 クッシング病 (nanbyo-075-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-075-2403";
const SEVERITY: [&str; 2] = ["cush_serum_cortisol", "cush_urinary_cortisol"];

/// Definite: (１), (２), (３) and (４)①–④, with both severity items 中等症.
fn definite_moderate() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("cush_specific_signs", "1,3"),
            ("cush_nonspecific_signs", "1,6"),
            ("cush_acth_cortisol", "1"),
            ("cush_ufc", "1"),
            ("cush_dex_low_cortisol", "5.0"),
            ("cush_night_cortisol", "1"),
            ("cush_ddavp", "3"),
            ("cush_saliva", "3"),
            ("cush_crh", "1"),
            ("cush_dex_high", "1"),
            ("cush_mri", "1"),
            ("cush_sinus_sampling", "1"),
            ("cush_serum_cortisol", "2"),
            ("cush_urinary_cortisol", "2"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-075-2403/2020-03.2");
}

// 「Probable：（１）、（２）、（３）及び（４）の①、②、③を満たす。」「Definite、Probableを対象とする。」
#[test]
fn without_sinus_sampling_is_probable_and_eligible() {
    for code in ["2", "3"] {
        let f = with(&definite_moderate(), &[("cush_sinus_sampling", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "{code}");
        assert_eq!(det.result, Outcome::Eligible, "{code}");
    }
}

// 「Possible：（１）、（２）、（３）を満たす。」 — not eligible.
#[test]
fn without_confirmatory_tests_is_possible_and_not_eligible() {
    for item in ["cush_crh", "cush_dex_high", "cush_mri"] {
        let f = with(&definite_moderate(), &[(item, "3")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Possible, "{item}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}");
        assert!(
            det.reasons.iter().any(|r| r.contains("Possible")),
            "{:?}",
            det.reasons
        );
    }
}

// 「上記の①特異的症候及び②非特異的症候の中から、それぞれ１つ以上を認める。」
#[test]
fn one_specific_and_one_nonspecific_sign_are_needed() {
    let f = with(&definite_moderate(), &[("cush_specific_signs", "7")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&definite_moderate(), &[("cush_nonspecific_signs", "10")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(
        &definite_moderate(),
        &[
            ("cush_specific_signs", "6"),
            ("cush_nonspecific_signs", "9"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「上記のうち、①は必須である。」: ① ACTH・コルチゾール not high-normal (or not done) → not met; ② is not required.
#[test]
fn acth_cortisol_is_required_ufc_is_not() {
    for code in ["2", "3"] {
        let f = with(&definite_moderate(), &[("cush_acth_cortisol", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
    let f = with(&definite_moderate(), &[("cush_ufc", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「①一晩少量デキサメサゾン抑制試験：…翌朝（８～10時）の血中コルチゾール値が５µg/dL以上を示す。」 5.0 met, 4.9 not.
#[test]
fn low_dose_dexamethasone_boundary() {
    let f = with(&definite_moderate(), &[("cush_dex_low_cortisol", "4.9")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let f = with(
        &definite_moderate(),
        &[("cush_dex_low_cortisol", "not_done")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「①は必須で、さらに②～④のいずれかを満たす場合」: each of ②–④ alone suffices; none is not met.
#[test]
fn one_of_screening_2_to_4_is_needed() {
    let none = with(
        &definite_moderate(),
        &[
            ("cush_night_cortisol", "2"),
            ("cush_ddavp", "3"),
            ("cush_saliva", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in ["cush_night_cortisol", "cush_ddavp", "cush_saliva"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// Blank screening items keep the result open only while none of ②–④ is met.
#[test]
fn blank_screening_named_only_while_it_matters() {
    let open = with(
        &definite_moderate(),
        &[
            ("cush_night_cortisol", "2"),
            ("cush_ddavp", "2"),
            ("cush_saliva", ""),
        ],
    );
    assert_undetermined_naming(ID, &open, &["cush_saliva"]);
    let decided = with(&definite_moderate(), &[("cush_saliva", "")]);
    let e = eval_new(ID, &decided);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "cush_saliva".into())));
}

// A blank sinus sampling does not matter: Probable is eligible too (Definite or Probable either way).
#[test]
fn blank_sinus_sampling_still_eligible() {
    let f = with(&definite_moderate(), &[("cush_sinus_sampling", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Eligible);
}

// 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし、中等症以上を対象とする。」
// 軽症 10µg/dL以下 / 100µg/日以下; 中等症 10.1～20µg/dL / 101～300µg/日; 重症 20.1µg/dL以上 / 301µg/日以上.
#[test]
fn the_most_severe_item_decides() {
    let all_mild = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "1")]));
    assert_eq!(
        eval_new(ID, &all_mild).determination.result,
        Outcome::NotEligible
    );
    for i in SEVERITY {
        for band in ["2", "3"] {
            let e = eval_new(ID, &with(&all_mild, &[(i, band)]));
            assert!(errors(&e).is_empty(), "{:?}", errors(&e));
            assert_eq!(e.determination.result, Outcome::Eligible, "{i} {band}");
        }
    }
    let not_done = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "0")]));
    assert_eq!(severity(ID, &not_done), SeverityOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&all_mild, &[("cush_serum_cortisol", "")]),
        &["cush_serum_cortisol"],
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_a_possible_diagnosis() {
    let mut f = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "1")]));
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let f = with(&f, &[("cush_mri", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_moderate();
    for item in [
        "cush_specific_signs",
        "cush_nonspecific_signs",
        "cush_acth_cortisol",
        "cush_ufc",
        "cush_dex_low_cortisol",
        "cush_night_cortisol",
        "cush_ddavp",
        "cush_saliva",
        "cush_crh",
        "cush_dex_high",
        "cush_mri",
        "cush_sinus_sampling",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "cush_acth_cortisol".into())));
}

#[test]
fn checks_produce_findings() {
    let f = with(&definite_moderate(), &[("cush_specific_signs", "1,7")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "cush_specific_none_with_others".into(),
        "cush_specific_signs".into()
    )));
    let f = with(&definite_moderate(), &[("cush_nonspecific_signs", "9,10")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "cush_nonspecific_none_with_others".into(),
        "cush_nonspecific_signs".into()
    )));
    let f = with(&definite_moderate(), &[("cush_nonspecific_signs", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "cush_menstrual_male".into(),
        "cush_nonspecific_signs".into()
    )));
    let f = with(&definite_moderate(), &[("cush_dex_low_cortisol", "150")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "cush_dex_low_cortisol".into())));
}
