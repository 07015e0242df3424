//! 指定難病 41 巨細胞性動脈炎 (nanbyo-041-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-041-2403";

/// All five ACR 1990 items met, 重症度 III度.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("gca_onset_age_50", "1"),
            ("gca_new_headache", "1"),
            ("gca_temporal_artery", "1"),
            ("gca_esr", "80"),
            ("gca_biopsy", "1"),
            ("gca_grade", "3"),
        ],
    )
}

/// Exactly three items met (1, 2, 4): 3 側頭動脈 なし, 5 生検 異常なし.
fn three_items() -> nsdb_forms::FormData {
    with(
        &definite_severe(),
        &[("gca_temporal_artery", "2"), ("gca_biopsy", "2")],
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
    assert_eq!(det.rule_version, "nanbyo-041-2403/2020-03.2");
}

// 「分類目的には、５項目中少なくても３項目を満たす必要がある。」: 3 items suffice.
#[test]
fn three_of_five_is_definite() {
    let e = eval_new(ID, &three_items());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「…５項目中少なくても３項目を満たす必要がある。」: 2 items do not.
#[test]
fn two_of_five_is_not_met() {
    let f = with(&three_items(), &[("gca_new_headache", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let c = det
        .criteria
        .iter()
        .find(|c| c.id == "dx_three_of_five")
        .unwrap();
    assert_eq!(c.met, Some(false));
}

// 「４．赤沈の亢進 赤沈が50mm/時間以上（Westergren法による。）」: 50 counts, 49 does not.
#[test]
fn esr_boundary_50() {
    let f50 = with(&three_items(), &[("gca_esr", "50")]);
    assert_eq!(diagnosis(ID, &f50), DiagnosisOutcome::Definite);
    let f49 = with(&three_items(), &[("gca_esr", "49")]);
    assert_eq!(diagnosis(ID, &f49), DiagnosisOutcome::NotMet);
}

// 赤沈 未実施 is an answer: 「赤沈の亢進」 is not shown, and nothing stays open.
#[test]
fn esr_not_done_does_not_count() {
    let f = with(&three_items(), &[("gca_esr", "not_done")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(e.determination.undetermined_items.is_empty());
}

// 「５．動脈生検組織の異常 単核球細胞の浸潤又は肉芽腫を伴う炎症があり、多核巨細胞を伴う。」
// The biopsy counts only when abnormal: 異常なし and 未実施 do not.
#[test]
fn biopsy_counts_only_when_abnormal() {
    // 1, 2 and 5: three items.
    let base = with(
        &three_items(),
        &[("gca_esr", "not_done"), ("gca_biopsy", "1")],
    );
    assert_eq!(diagnosis(ID, &base), DiagnosisOutcome::Definite);
    for code in ["2", "3"] {
        let f = with(&base, &[("gca_biopsy", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "biopsy={code}");
    }
}

// 「１．発症年齢が50歳以上」「２．新たに起こった頭痛」「３．側頭動脈の異常」: 不明 is not shown.
#[test]
fn unknown_answers_do_not_count() {
    for item in ["gca_onset_age_50", "gca_new_headache"] {
        let f = with(&three_items(), &[(item, "3")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}");
        assert!(det.undetermined_items.is_empty(), "{item}");
    }
    // 側頭動脈 あり replaces a 不明 item: 1 (不明), 2, 3, 4 → three items.
    let f = with(
        &three_items(),
        &[("gca_onset_age_50", "3"), ("gca_temporal_artery", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// Two items met and one blank: the blank decides, and is named.
#[test]
fn blank_item_keeps_the_count_open() {
    let f = with(
        &three_items(),
        &[("gca_new_headache", ""), ("gca_esr", "30")],
    );
    // 1 met, 2 blank, 3 なし, 4 not met, 5 なし: at most 2 → not met, nothing open.
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&three_items(), &[("gca_new_headache", "")]);
    // 1 and 4 met, 2 blank: open.
    assert_undetermined_naming(ID, &f, &["gca_new_headache"]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "gca_new_headache".into())));
}

// A blank ESR (numeric) is open between 0 and 200 mm/時間.
#[test]
fn blank_esr_is_named_while_it_matters() {
    let f = with(&three_items(), &[("gca_esr", "")]);
    assert_undetermined_naming(ID, &f, &["gca_esr"]);
    // With three other items met it does not matter.
    let g = with(&definite_severe(), &[("gca_esr", "")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::Eligible);
}

// 「III度以上を対象とする。」: III度 is met, II度 is not.
#[test]
fn grade_3_is_met_and_2_is_not() {
    let f2 = with(&definite_severe(), &[("gca_grade", "2")]);
    let det = eval_new(ID, &f2).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let f3 = with(&definite_severe(), &[("gca_grade", "3")]);
    assert_eq!(severity(ID, &f3), SeverityOutcome::Met);
    for g in ["4", "5"] {
        let f = with(&definite_severe(), &[("gca_grade", g)]);
        assert_eq!(
            eval_new(ID, &f).determination.result,
            Outcome::Eligible,
            "{g}"
        );
    }
    let f1 = with(&definite_severe(), &[("gca_grade", "1")]);
    assert_eq!(severity(ID, &f1), SeverityOutcome::NotMet);
}

// A blank 重症度 is 判定不能 naming it, and a required finding.
#[test]
fn blank_grade_is_undetermined() {
    let f = with(&definite_severe(), &[("gca_grade", "")]);
    assert_undetermined_naming(ID, &f, &["gca_grade"]);
    assert!(codes(&eval_new(ID, &f)).contains(&("required".into(), "gca_grade".into())));
}

// Diagnosis not met wins over a blank severity.
#[test]
fn not_met_diagnosis_with_blank_grade_is_not_eligible() {
    let f = with(
        &three_items(),
        &[("gca_new_headache", "2"), ("gca_grade", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、
// 高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_grade_2() {
    let mut f = with(&definite_severe(), &[("gca_grade", "2")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &definite_severe(),
        &[
            ("gca_onset_age_50", ""),
            ("gca_new_headache", ""),
            ("gca_temporal_artery", ""),
            ("gca_esr", ""),
            ("gca_biopsy", ""),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "gca_biopsy".into())));
}

// 「１．発症年齢が50歳以上 臨床症状や検査所見の発現が50歳以上」: a 発症年月 before the
// 50th birthday month contradicts it (warning); the birthday month itself is left to the doctor.
#[test]
fn onset_age_check() {
    // 生年月日 1955-05-10: 2005-04 is 49, 2005-05 may be 49 or 50.
    let f = with(&definite_severe(), &[("onset_ym", "2005-04")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("gca_onset_age_under_50".into(), "gca_onset_age_50".into())));
    let f = with(&definite_severe(), &[("onset_ym", "2005-05")]);
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "gca_onset_age_under_50"));
    // なし: nothing to check.
    let f = with(
        &definite_severe(),
        &[("onset_ym", "2005-04"), ("gca_onset_age_50", "2")],
    );
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "gca_onset_age_under_50"));
}

// Range of the ESR item.
#[test]
fn esr_out_of_range_is_an_error() {
    let f = with(&definite_severe(), &[("gca_esr", "250")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "gca_esr".into())));
}
