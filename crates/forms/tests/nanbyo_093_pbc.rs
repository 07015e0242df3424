//! 指定難病 93 原発性胆汁性胆管炎 (nanbyo-093-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-093-2403";

const SYMPTOMS: [&str; 6] = [
    "pbc_jaundice",
    "pbc_pruritus",
    "pbc_varices",
    "pbc_ascites",
    "pbc_encephalopathy",
    "pbc_other_symptom",
];

/// ① CNSDC + cholestasis; asymptomatic (aPBC).
fn asymptomatic() -> FormData {
    let mut f = with(
        &nanbyo_common(),
        &[
            ("pbc_histology", "1"),
            ("pbc_cholestasis", "1"),
            ("pbc_ama", "1"),
            ("pbc_alp", "620"),
            ("pbc_ggt", "180"),
            ("pbc_igm", "380"),
            ("pbc_differential", "1"),
        ],
    );
    for s in SYMPTOMS {
        f.set(s, "2");
    }
    f
}

/// s1PBC: 皮膚掻痒感, bilirubin 1.9.
fn symptomatic() -> FormData {
    with(
        &asymptomatic(),
        &[("pbc_pruritus", "1"), ("pbc_total_bilirubin", "1.9")],
    )
}

fn stage(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["pbc_clinical_stage"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

fn three_high_cost_months(f: &FormData) -> FormData {
    let mut f = f.clone();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    f
}

#[test]
fn complete_forms_have_no_findings() {
    let e = eval_new(ID, &symptomatic());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["pbc_clinical_stage"], txt("2"));
    let e = eval_new(ID, &asymptomatic());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(e.calculations["pbc_clinical_stage"], txt("1"));
}

// 「症候性PBC（sPBC）：肝障害に基づく自他覚症候を有し」 — each symptom alone suffices.
#[test]
fn any_one_symptom_is_symptomatic() {
    for s in SYMPTOMS {
        let mut f = with(&asymptomatic(), &[(s, "1"), ("pbc_total_bilirubin", "2.1")]);
        if s == "pbc_other_symptom" {
            f.set("pbc_other_symptom_detail", "肝腫大");
        }
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{s}: {:?}", errors(&e));
        assert_eq!(e.determination.severity, SeverityOutcome::Met, "{s}");
        assert_eq!(e.determination.result, Outcome::Eligible, "{s}");
    }
}

// 「s1PBC 総ビリルビン値2.0mg/dL未満のもの」「s2PBC 総ビリルビン値2.0mg/dL以上のもの」
#[test]
fn bilirubin_boundary_of_s1_s2() {
    assert_eq!(stage(&symptomatic()), txt("2"));
    let f = with(&symptomatic(), &[("pbc_total_bilirubin", "2.0")]);
    assert_eq!(stage(&f), txt("3"));
    // Both stages are symptomatic: the bilirubin does not change eligibility.
    let f = with(&symptomatic(), &[("pbc_total_bilirubin", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "pbc_total_bilirubin".into())));
}

// 「無症候性PBC（aPBC）：肝障害に伴う自他覚症状を欠く。」 — a blank symptom keeps it open.
#[test]
fn blank_symptom_undetermined_only_when_it_matters() {
    let f = with(&asymptomatic(), &[("pbc_ascites", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["pbc_ascites".to_string()]);
    let f = with(&symptomatic(), &[("pbc_ascites", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「①組織学的にCNSDCを認め、検査所見がPBCとして矛盾しないもの」
#[test]
fn criterion_1_cnsdc_with_cholestasis() {
    let f = with(&symptomatic(), &[("pbc_ama", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    for v in ["2", "3"] {
        let g = with(&f, &[("pbc_cholestasis", v)]);
        assert_eq!(
            diagnosis(ID, &g),
            DiagnosisOutcome::NotMet,
            "cholestasis {v}"
        );
    }
    let g = with(&f, &[("pbc_cholestasis", "")]);
    let det = eval_new(ID, &g).determination;
    assert_eq!(det.undetermined_items, vec!["pbc_cholestasis".to_string()]);
}

// 「②AMAが陽性で、組織学的にはCNSDCの所見を認めないが、PBCに矛盾しない（compatible）組織像を示すもの」
#[test]
fn criterion_2_ama_and_compatible_histology() {
    let f = with(
        &symptomatic(),
        &[("pbc_histology", "2"), ("pbc_cholestasis", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    assert_eq!(
        diagnosis(ID, &with(&f, &[("pbc_ama", "2")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        diagnosis(ID, &with(&f, &[("pbc_ama", "3")])),
        DiagnosisOutcome::NotMet
    );
    // Histology contradicting PBC.
    assert_eq!(
        diagnosis(ID, &with(&f, &[("pbc_histology", "3")])),
        DiagnosisOutcome::NotMet
    );
}

// 「③組織学的検索の機会はないが、AMAが陽性で、しかも臨床像…及び経過からPBCと考えられるもの」
#[test]
fn criterion_3_no_histology_ama_and_clinical_course() {
    let f = with(
        &symptomatic(),
        &[("pbc_histology", "4"), ("pbc_clinical_course", "1")],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(
        diagnosis(ID, &with(&f, &[("pbc_clinical_course", "2")])),
        DiagnosisOutcome::NotMet
    );
    let g = with(&f, &[("pbc_clinical_course", "")]);
    let e = eval_new(ID, &g);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["pbc_clinical_course".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "pbc_clinical_course".into())));
    // AMA not done: none of ①〜③ can be shown, with a warning.
    let g = with(&f, &[("pbc_ama", "3"), ("pbc_clinical_course", "")]);
    let e = eval_new(ID, &g);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(codes(&e).contains(&("pbc_ama_not_done".into(), "pbc_ama".into())));
}

// 「(５)鑑別診断」
#[test]
fn differential_must_be_excluded() {
    let f = with(&symptomatic(), &[("pbc_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_asymptomatic() {
    let det = eval_new(ID, &three_high_cost_months(&asymptomatic())).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(&asymptomatic(), &[("pbc_differential", "2")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_uses_severity_only() {
    let mut f = nanbyo_common();
    for s in SYMPTOMS {
        f.set(s, "2");
    }
    f.set("pbc_varices", "1");
    f.set("pbc_total_bilirubin", "3.2");
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["pbc_clinical_stage"], txt("3"));
}

#[test]
fn jaundice_with_low_bilirubin_warns() {
    let f = with(&symptomatic(), &[("pbc_jaundice", "1")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("pbc_jaundice_bilirubin".into(), "pbc_jaundice".into())));
}
