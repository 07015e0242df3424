//! 小慢 第1表 悪性新生物 告示番号80 前駆B細胞急性リンパ性白血病 (shoman-01-080-2403):
//! every boundary of every criterion, the age limits and the checks. Each test cites the
//! sentence it tests (sources and review flags: forms/definitions/shoman/01-080-2403.toml).

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "shoman-01-080-2403";

/// A 10-year-old with BCP-ALL in maintenance therapy.
fn eligible() -> FormData {
    with(
        &shoman_common("2015-01-15"),
        &[
            ("diagnosis_category_declared", ""),
            ("condition_level_declared", ""),
            ("all_bm_blast_pct", "86.0"),
            ("all_mpo_positive_pct", "0.5"),
            ("all_b_markers", "1,2,3"),
            ("all_light_chain", "1"),
            ("all_cd10", "1"),
            ("all_genetics", "ETV6-RUNX1"),
            ("all_cns_involvement", "2"),
            ("all_treatment_status", "1"),
            ("all_hsct", "1"),
        ],
    )
}

/// Treatment finished; the end date decides.
fn finished(end: &str) -> FormData {
    with(
        &eligible(),
        &[
            ("all_treatment_status", "2"),
            ("all_treatment_end_date", end),
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

// 骨髄中のリンパ芽球25%以上 (threshold under review).
#[test]
fn marrow_blasts_boundary() {
    let f = |v: &str| with(&eligible(), &[("all_bm_blast_pct", v)]);
    assert_eq!(diagnosis(&f("25.0")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(&f("24.9")), DiagnosisOutcome::NotMet);
    assert_eq!(result(&f("24.9")), Outcome::NotEligible);
    assert_eq!(diagnosis(&f("not_done")), DiagnosisOutcome::NotMet);
    let e = ev(&with(&eligible(), &[("all_bm_blast_pct", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["all_bm_blast_pct".to_string()]
    );
}

// 「“芽球のペルオキシダーゼ(POX)染色陽性率が3%未満”であることが前提である。」
#[test]
fn mpo_below_3_percent() {
    let f = |v: &str| with(&eligible(), &[("all_mpo_positive_pct", v)]);
    assert_eq!(diagnosis(&f("2.9")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(&f("3.0")), DiagnosisOutcome::NotMet);
    assert_eq!(result(&f("3.0")), Outcome::NotEligible);
    // 未実施: negativity not shown.
    assert_eq!(diagnosis(&f("not_done")), DiagnosisOutcome::NotMet);
}

// 「B細胞系はCD19,CD22,CD79aのうち2つ以上陽性であることが必須」
#[test]
fn two_of_three_b_markers() {
    let f = |v: &str| with(&eligible(), &[("all_b_markers", v)]);
    for two in ["1,2", "1,3", "2,3"] {
        assert_eq!(diagnosis(&f(two)), DiagnosisOutcome::Definite, "{two}");
    }
    for one in ["1", "2", "3", "4"] {
        assert_eq!(diagnosis(&f(one)), DiagnosisOutcome::NotMet, "{one}");
    }
    let e = ev(&with(&eligible(), &[("all_b_markers", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["all_b_markers".to_string()]
    );
}

// 「κ鎖かλ鎖のどちらかが発現している場合は成熟B-ALL,いずれも陰性の場合はB前駆細胞性(BCP)-ALLである。」
#[test]
fn light_chain_negative_is_precursor() {
    let e = ev(&with(&eligible(), &[("all_light_chain", "2")]));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&("all_mature_b_light_chain".into(), "all_light_chain".into())));
    assert_eq!(
        diagnosis(&with(&eligible(), &[("all_light_chain", "3")])),
        DiagnosisOutcome::NotMet
    );
}

// 「組織と部位が明確に診断されている場合。…再発等が認められた場合は、再度対象とする。」
#[test]
fn under_treatment_or_relapse_is_eligible() {
    for code in ["1", "3"] {
        assert_eq!(
            result(&with(&eligible(), &[("all_treatment_status", code)])),
            Outcome::Eligible,
            "{code}"
        );
    }
    // Status blank: it could be 「治療終了後」, so the (blank) end date is open too.
    let e = ev(&with(&eligible(), &[("all_treatment_status", "")]));
    assert_eq!(e.determination.severity, SeverityOutcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec![
            "all_treatment_status".to_string(),
            "all_treatment_end_date".to_string()
        ]
    );
}

// 「治療終了後から5年を経過した場合は対象としない」 — 記載年月日 2025-06-20.
#[test]
fn five_years_after_the_end_of_treatment() {
    // 4 years and 364 days: still eligible.
    assert_eq!(result(&finished("2020-06-21")), Outcome::Eligible);
    // Exactly 5 years: 非該当.
    let d = ev(&finished("2020-06-20")).determination;
    assert_eq!(d.severity, SeverityOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    // End date blank: open, naming it, and required.
    let e = ev(&with(
        &finished("2020-06-21"),
        &[("all_treatment_end_date", "")],
    ));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["all_treatment_end_date".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "all_treatment_end_date".into())));
    // A relapse after more than 5 years is eligible again.
    let f = with(&finished("2019-01-10"), &[("all_treatment_status", "3")]);
    assert_eq!(result(&f), Outcome::Eligible);
}

#[test]
fn end_date_order_checks() {
    let e = ev(&finished("2025-06-25"));
    assert!(codes(&e).contains(&("date_order".into(), "all_treatment_end_date".into())));
    let e = ev(&finished("2020-05-01"));
    assert!(codes(&e).contains(&("date_order".into(), "all_treatment_end_date".into())));
    let e = ev(&with(&eligible(), &[("all_b_markers", "1,4")]));
    assert!(codes(&e).contains(&(
        "all_b_markers_none_with_positive".into(),
        "all_b_markers".into()
    )));
}

// 小慢の対象は18歳未満（新規）; 18歳到達時に受給者であれば継続で20歳未満まで.
#[test]
fn age_limits_new_and_continuation() {
    let at = |birth: &str| with(&eligible(), &[("birth_date", birth), ("schooling", "6")]);
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

// 継続: the diagnosis items may be blank; the treatment status decides.
#[test]
fn continuation_needs_only_the_treatment_status() {
    let f = with(
        &eligible(),
        &[
            ("diagnosis_date", ""),
            ("all_bm_blast_pct", ""),
            ("all_mpo_positive_pct", ""),
            ("all_b_markers", ""),
            ("all_light_chain", ""),
        ],
    );
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    let e = cont(&f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &f,
        &[
            ("all_treatment_status", "2"),
            ("all_treatment_end_date", "2020-01-31"),
        ],
    );
    assert_eq!(cont(&f).determination.result, Outcome::NotEligible);
}
