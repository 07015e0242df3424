//! 指定難病 5 進行性核上性麻痺 (nanbyo-005-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-005-2403";

const SIGNS: [&str; 3] = [
    "psp_vertical_gaze_palsy",
    "psp_early_postural_instability",
    "psp_axial_akinesia_rigidity",
];
const EXCLUSIONS: [&str; 5] = [
    "psp_ex_levodopa_marked",
    "psp_ex_early_autonomic",
    "psp_ex_polyneuropathy",
    "psp_ex_cbd_signs",
    "psp_ex_other_cause",
];

/// ①②③ met, mRS 3 (N 1, R 0).
fn base() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("psp_slow_progression", "1"),
            ("psp_vertical_gaze_palsy", "1"),
            ("psp_early_postural_instability", "1"),
            ("psp_axial_akinesia_rigidity", "2"),
            ("psp_ex_levodopa_marked", "2"),
            ("psp_ex_early_autonomic", "2"),
            ("psp_ex_polyneuropathy", "2"),
            ("psp_ex_cbd_signs", "2"),
            ("psp_ex_other_cause", "2"),
            ("mrs", "3"),
            ("nutrition", "1"),
            ("respiration", "0"),
        ],
    )
}

fn three_high_cost_months(f: &mut nsdb_forms::FormData) {
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
}

fn undetermined_naming(f: &nsdb_forms::FormData, items: &[&str]) {
    let det = eval_new(ID, f).determination;
    assert_eq!(det.result, Outcome::Undetermined, "{:?}", det.reasons);
    let want: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    assert_eq!(det.undetermined_items, want);
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &base());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-005-2403/2020-03.1");
}

// 「①(１)を満たす。」「(１)…緩徐進行性である。」: なし / 不明 → not met; blank → open.
#[test]
fn criterion_1_slow_progression() {
    for code in ["2", "3"] {
        let f = with(&base(), &[("psp_slow_progression", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "code {code}");
        assert_eq!(det.result, Outcome::NotEligible);
    }
    undetermined_naming(
        &with(&base(), &[("psp_slow_progression", "")]),
        &["psp_slow_progression"],
    );
}

// 「(１)40歳以降で発症することが多く」: not a requirement ("多く"); onset at 39 is a warning only.
#[test]
fn onset_before_40_is_a_warning_not_a_criterion() {
    // born 1955-04-01: onset 1995-03 → 39 years, 1995-04 → 40 years (the month counts as its 1st day).
    let f = with(
        &base(),
        &[("birth_date", "1955-04-01"), ("onset_ym", "1995-03")],
    );
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("psp_onset_before_40".into(), "onset_ym".into())));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &base(),
        &[("birth_date", "1955-04-01"), ("onset_ym", "1995-04")],
    );
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "psp_onset_before_40"));
}

// 「②(２)の２項目以上がある。」: two of the three signs suffice, one does not.
#[test]
fn criterion_2_two_of_three_signs() {
    // every pair
    for absent in SIGNS {
        let f = with(
            &base(),
            &[("psp_axial_akinesia_rigidity", "1"), (absent, "2")],
        );
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::Definite,
            "without {absent}"
        );
    }
    // only one
    let f = with(&base(), &[("psp_early_postural_instability", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det.criteria.iter().find(|c| c.id == "dx_2_signs").unwrap();
    assert_eq!(c.met, Some(false));
    // 不明 does not count as a sign
    let f = with(&base(), &[("psp_early_postural_instability", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「②(２)の２項目以上がある。」: one sign + one blank is open; two signs + a blank is decided.
#[test]
fn criterion_2_blank_signs() {
    undetermined_naming(
        &with(
            &base(),
            &[
                ("psp_early_postural_instability", ""),
                ("psp_axial_akinesia_rigidity", "2"),
            ],
        ),
        &["psp_early_postural_instability"],
    );
    let f = with(&base(), &[("psp_axial_akinesia_rigidity", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "psp_axial_akinesia_rigidity".into())));
}

// 「③(３)を満たす（他の疾患を除外できる。）。」: any exclusion item present, or 不明, → not met.
#[test]
fn criterion_3_each_exclusion_item() {
    for item in EXCLUSIONS {
        for code in ["1", "3"] {
            let f = with(&base(), &[(item, code)]);
            let det = eval_new(ID, &f).determination;
            assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={code}");
            assert_eq!(det.result, Outcome::NotEligible);
        }
        undetermined_naming(&with(&base(), &[(item, "")]), &[item]);
    }
}

// 「mRS、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn severity_any_scale_at_3() {
    for scale in ["mrs", "nutrition", "respiration"] {
        let mut pairs = vec![("mrs", "2"), ("nutrition", "2"), ("respiration", "2")];
        for p in pairs.iter_mut() {
            if p.0 == scale {
                p.1 = "3";
            }
        }
        let det = eval_new(ID, &with(&base(), &pairs)).determination;
        assert_eq!(det.severity, SeverityOutcome::Met, "{scale}=3");
        assert_eq!(det.result, Outcome::Eligible);
    }
    let f = with(
        &base(),
        &[("mrs", "2"), ("nutrition", "2"), ("respiration", "2")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「いずれかが３以上」: a blank scale is open only when the others are below 3.
#[test]
fn severity_blank_scale() {
    undetermined_naming(
        &with(
            &base(),
            &[("mrs", ""), ("nutrition", "2"), ("respiration", "2")],
        ),
        &["mrs"],
    );
    let f = with(&base(), &[("mrs", "3"), ("respiration", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_only() {
    let mut f = with(&base(), &[("mrs", "2")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // …but never a failed diagnosis.
    let mut f = with(&base(), &[("mrs", "2"), ("psp_ex_cbd_signs", "1")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

// Renewal: the diagnosis was confirmed at the first certification.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut pairs: Vec<(&str, &str)> = vec![("psp_slow_progression", "")];
    pairs.extend(SIGNS.iter().map(|s| (*s, "")));
    pairs.extend(EXCLUSIONS.iter().map(|s| (*s, "")));
    let f = with(&base(), &pairs);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
