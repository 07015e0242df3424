//! 小慢 第5表 内分泌疾患 告示番号45 成長ホルモン分泌不全性低身長症（脳の器質的原因によるものに限る。）
//! (shoman-05-045-2403): every boundary of every criterion, the age limits and the checks.
//! Each test cites the sentence it tests (sources and review flags in the TOML file). The items
//! and the therapy rule are shared with 告示番号46 (shoman_05_046_gh_deficiency_idiopathic.rs);
//! this file tests what differs — the organic cause and the one-test route — and the boundaries.

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "shoman-05-045-2403";

/// A 10-year-old after treatment of a craniopharyngioma: −2.3 SD, one stimulation test ≤ 6 ng/mL,
/// on GH (within the label) and other hormone replacement.
fn eligible() -> FormData {
    with(
        &shoman_common("2015-01-15"),
        &[
            ("diagnosis_category_declared", ""),
            ("condition_level_declared", ""),
            ("height_cm", "124.0"),
            ("height_sd", "-2.3"),
            ("weight_kg", "24.0"),
            ("gh_growth_velocity_low_2y", "2"),
            ("gh_symptomatic_hypoglycemia", "2"),
            ("gh_intracranial_organic", "1"),
            ("gh_other_pituitary_deficiency", "1"),
            ("gh_test1_kind", "1"),
            ("gh_test1_peak", "1.8"),
            ("gh_test2_kind", "0"),
            ("gh_test3_kind", "0"),
            ("gh_mri_findings", "頭蓋咽頭腫術後"),
            ("gh_therapy", "1,2"),
            ("gh_gh_within_label", "1"),
        ],
    )
}

fn ev(f: &FormData) -> Evaluation {
    eval_new(ID, f)
}

fn result(f: &FormData) -> Outcome {
    ev(f).determination.result
}

fn diagnosis(f: &FormData) -> DiagnosisOutcome {
    ev(f).determination.diagnosis
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = ev(&eligible());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let d = e.determination;
    assert!(d.machine_determination);
    assert_eq!(d.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(d.severity, SeverityOutcome::Met);
    assert_eq!(d.result, Outcome::Eligible);
}

// 告示第5表 45「（脳の器質的原因によるものに限る。）」 / 主症候③「頭蓋内器質性疾患…があるとき」
#[test]
fn organic_cause_is_required() {
    let e = ev(&with(&eligible(), &[("gh_intracranial_organic", "2")]));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&(
        "gh_not_organic_in_organic_form".into(),
        "gh_intracranial_organic".into()
    )));
    assert_eq!(
        diagnosis(&with(&eligible(), &[("gh_intracranial_organic", "3")])),
        DiagnosisOutcome::NotMet
    );
    let e = ev(&with(&eligible(), &[("gh_intracranial_organic", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["gh_intracranial_organic".to_string()]
    );
}

// 主症候①「身長は標準身長の-2.0SD以下、あるいは…成長速度が２年以上にわたって標準値の-1.5SD以下」 with ③:
// 「１（１）の①と③を満たし、かつ１（２）の１種類の分泌刺激試験…」
#[test]
fn growth_failure_boundary_with_one_test() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    assert_eq!(
        diagnosis(&f(&[("height_sd", "-2.0")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(&f(&[("height_sd", "-1.99")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(result(&f(&[("height_sd", "-1.99")])), Outcome::NotEligible);
    assert_eq!(
        diagnosis(&f(&[
            ("height_sd", "-1.0"),
            ("gh_growth_velocity_low_2y", "1")
        ])),
        DiagnosisOutcome::Definite
    );
    // ②「乳幼児で、低身長を認めない場合であっても…症候性低血糖がある場合」
    assert_eq!(
        diagnosis(&f(&[
            ("height_sd", "-1.0"),
            ("gh_symptomatic_hypoglycemia", "1")
        ])),
        DiagnosisOutcome::Definite
    );
}

// 「…頂値が６ng/mL以下であること。GHRP-2負荷試験で…16ng/mL以下」; all tests performed must be low.
#[test]
fn one_test_threshold_and_a_normal_second_test() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    assert_eq!(
        diagnosis(&f(&[("gh_test1_peak", "6.0")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(&f(&[("gh_test1_peak", "6.01")])),
        DiagnosisOutcome::NotMet
    );
    let ghrp2 = |v: &'static str| f(&[("gh_test1_kind", "6"), ("gh_test1_peak", v)]);
    assert_eq!(diagnosis(&ghrp2("16.0")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(&ghrp2("16.01")), DiagnosisOutcome::NotMet);
    let normal_second = f(&[("gh_test2_kind", "3"), ("gh_test2_peak", "9.5")]);
    assert_eq!(diagnosis(&normal_second), DiagnosisOutcome::NotMet);
    // No test at all.
    let none = f(&[("gh_test1_kind", "0"), ("gh_test1_peak", "")]);
    assert_eq!(diagnosis(&none), DiagnosisOutcome::NotMet);
    // The peak left blank: open, naming it.
    let e = ev(&f(&[("gh_test1_peak", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["gh_test1_peak".to_string()]
    );
}

// 「治療で補充療法、機能抑制療法その他の薬物療法を行っている場合」 (GH: 添付文書の範囲内)
#[test]
fn drug_therapy_condition_level() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    // Other hormone replacement alone meets it even if GH were outside the label.
    assert_eq!(
        result(&f(&[("gh_gh_within_label", "2")])),
        Outcome::Eligible
    );
    let d = ev(&f(&[("gh_therapy", "1"), ("gh_gh_within_label", "2")])).determination;
    assert_eq!(d.severity, SeverityOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let d = ev(&f(&[("gh_therapy", "4"), ("gh_gh_within_label", "")])).determination;
    assert_eq!(d.result, Outcome::NotEligible);
    let e = ev(&f(&[("gh_therapy", "")]));
    assert_eq!(e.determination.severity, SeverityOutcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "gh_therapy".into())));
}

// 小慢の対象は18歳未満（新規）; 18歳到達時に受給者であれば継続で20歳未満まで.
#[test]
fn age_limits_new_and_continuation() {
    let at = |birth: &str| {
        with(
            &eligible(),
            &[
                ("birth_date", birth),
                ("schooling", "6"),
                ("height_cm", "150.0"),
                ("weight_kg", "42.0"),
            ],
        )
    };
    assert_eq!(result(&at("2007-06-21")), Outcome::Eligible);
    let e = ev(&at("2007-06-20"));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    assert_eq!(
        cont(&at("2005-06-21")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(
        cont(&at("2005-06-20")).determination.result,
        Outcome::NotEligible
    );
}

// 継続: the diagnosis items may be blank; the current therapy decides.
#[test]
fn continuation_needs_only_the_current_therapy() {
    let mut pairs = vec![("diagnosis_date", ""), ("height_sd", "")];
    for id in [
        "gh_growth_velocity_low_2y",
        "gh_symptomatic_hypoglycemia",
        "gh_intracranial_organic",
        "gh_other_pituitary_deficiency",
        "gh_test1_kind",
        "gh_test1_peak",
        "gh_test2_kind",
        "gh_test3_kind",
    ] {
        pairs.push((id, ""));
    }
    let f = with(&eligible(), &pairs);
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    let e = cont(&f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&f, &[("gh_therapy", "4"), ("gh_gh_within_label", "")]);
    assert_eq!(cont(&f).determination.result, Outcome::NotEligible);
}
