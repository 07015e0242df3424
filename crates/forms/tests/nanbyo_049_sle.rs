//! 指定難病 49 全身性エリテマトーデス (nanbyo-049-2403): every boundary of every criterion.
//! 診断基準: 2024-04 改訂（EULAR/ACR 2019 基盤, domain-facts §3.4）; 重症度: SLEDAI（2020-03 文書）.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-049-2403";

const CLINICAL: [&str; 15] = [
    "sle_fever",
    "sle_leukopenia",
    "sle_thrombocytopenia",
    "sle_hemolysis",
    "sle_delirium",
    "sle_psychosis",
    "sle_seizure",
    "sle_alopecia",
    "sle_oral_ulcers",
    "sle_scle_dle",
    "sle_acle",
    "sle_effusion",
    "sle_pericarditis",
    "sle_joint",
    "sle_proteinuria",
];

const SLEDAI: [&str; 24] = [
    "sledai_seizure",
    "sledai_psychosis",
    "sledai_organic_brain",
    "sledai_visual",
    "sledai_cranial_nerve",
    "sledai_lupus_headache",
    "sledai_cva",
    "sledai_vasculitis",
    "sledai_arthritis",
    "sledai_myositis",
    "sledai_urinary_casts",
    "sledai_hematuria",
    "sledai_proteinuria",
    "sledai_pyuria",
    "sledai_rash",
    "sledai_alopecia",
    "sledai_mucosal_ulcers",
    "sledai_pleurisy",
    "sledai_pericarditis",
    "sledai_low_complement",
    "sledai_anti_dna",
    "sledai_fever",
    "sledai_thrombocytopenia",
    "sledai_leukopenia",
];

/// ANA 160倍; 関節 6 + 抗dsDNA 6 = 12点 (Definite); SLEDAI 関節炎 4点.
fn definite_active() -> FormData {
    let mut f = nanbyo_common();
    for i in CLINICAL.iter().chain(SLEDAI.iter()) {
        f.set(i, "2");
    }
    with(
        &f,
        &[
            ("sle_ana_titer", "160"),
            ("sle_renal_biopsy", "1"),
            ("sle_apl", "2"),
            ("sle_complement", "1"),
            ("sle_dsdna_sm", "1"),
            ("sle_joint", "1"),
            ("sledai_arthritis", "1"),
        ],
    )
}

fn points(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["sle_points"].clone()
}

fn high_cost() -> nsdb_forms::Answer {
    high_cost_rows(&[
        ("2025-01", 40_000),
        ("2025-03", 40_000),
        ("2025-05", 50_000),
    ])
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_active());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(e.calculations["sle_points"], CalcValue::Number(12.0));
    assert_eq!(det.rule_version, "nanbyo-049-2403/2024-04.1");
}

// エントリー基準「抗核抗体 80倍以上」: 80 meets, 40 does not (even with 12 points).
#[test]
fn ana_entry_boundary_80() {
    let f = with(&definite_active(), &[("sle_ana_titer", "80")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    let f = with(&definite_active(), &[("sle_ana_titer", "40")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons.iter().any(|r| r.contains("抗核抗体")),
        "{:?}",
        det.reasons
    );
}

// エントリー基準「（HEp-2細胞又は同等の検査）」: 未実施 → the equivalent test decides; blank → open.
#[test]
fn ana_not_done_uses_equivalent_test() {
    let nd = with(&definite_active(), &[("sle_ana_titer", "not_done")]);
    let e = eval_new(ID, &nd);
    assert!(codes(&e).contains(&("required".into(), "sle_ana_equivalent".into())));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["sle_ana_equivalent".to_string()]
    );
    let pos = with(&nd, &[("sle_ana_equivalent", "1")]);
    assert_eq!(eval_new(ID, &pos).determination.result, Outcome::Eligible);
    for code in ["2", "3"] {
        let f = with(&nd, &[("sle_ana_equivalent", code)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "equivalent={code}"
        );
    }
}

// 「合計10点以上」: 9 points (関節 6 + C3又はC4低値 3) is not met; 10 (関節 6 + 蛋白尿 4) is.
#[test]
fn ten_points_boundary() {
    let nine = with(
        &definite_active(),
        &[("sle_dsdna_sm", "2"), ("sle_complement", "2")],
    );
    assert_eq!(points(&nine), CalcValue::Number(9.0));
    let det = eval_new(ID, &nine).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let ten = with(
        &definite_active(),
        &[("sle_dsdna_sm", "2"), ("sle_proteinuria", "1")],
    );
    assert_eq!(points(&ten), CalcValue::Number(10.0));
    assert_eq!(
        eval_new(ID, &ten).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
}

// 「各ドメインで最も高い点数の項目のみを加算」: ACLE 6 + DLE 4 + 口腔潰瘍 2 in one domain count 6.
#[test]
fn only_highest_item_of_a_domain_counts() {
    let f = with(
        &definite_active(),
        &[
            ("sle_joint", "2"),
            ("sle_dsdna_sm", "2"),
            ("sle_acle", "1"),
            ("sle_scle_dle", "1"),
            ("sle_oral_ulcers", "1"),
            ("sle_complement", "2"),
        ],
    );
    // 6 (皮膚粘膜) + 3 (補体) = 9, not 15.
    assert_eq!(points(&f), CalcValue::Number(9.0));
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // C3 and C4 both low is 4 (not 3 + 4): 6 + 4 = 10.
    let f = with(&f, &[("sle_complement", "3")]);
    assert_eq!(points(&f), CalcValue::Number(10.0));
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    // 腎: ループス腎炎 III/IV型 10 alone reaches 10 (蛋白尿 4 is not added).
    let f = with(
        &definite_active(),
        &[
            ("sle_joint", "2"),
            ("sle_dsdna_sm", "2"),
            ("sle_proteinuria", "1"),
            ("sle_renal_biopsy", "3"),
        ],
    );
    assert_eq!(points(&f), CalcValue::Number(10.0));
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    // II/V型 8 + 蛋白尿 = 8 only.
    let f = with(&f, &[("sle_renal_biopsy", "2")]);
    assert_eq!(points(&f), CalcValue::Number(8.0));
}

// 「臨床項目を少なくとも1項目以上満たす」: 10 points from immunology only are not enough.
#[test]
fn immunology_only_is_not_met_even_with_ten_points() {
    let f = with(
        &definite_active(),
        &[("sle_joint", "2"), ("sle_complement", "3")],
    );
    // 抗dsDNA 6 + 補体 4 = 10, no clinical item.
    assert_eq!(points(&f), CalcValue::Number(10.0));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det
        .criteria
        .iter()
        .find(|c| c.id == "dx_clinical_item")
        .unwrap();
    assert_eq!(c.met, Some(false));
    // One clinical item (発熱 2) makes it 12 with a clinical item.
    let f = with(&f, &[("sle_fever", "1")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
}

// 不明 is an answer that shows nothing; a blank item is open only if it could reach 10.
#[test]
fn blank_item_is_open_only_when_it_matters() {
    // 9 points + blank 発熱 (0 or 2) → open, naming sle_fever only.
    let nine = with(
        &definite_active(),
        &[
            ("sle_dsdna_sm", "2"),
            ("sle_complement", "2"),
            ("sle_fever", ""),
        ],
    );
    let det = eval_new(ID, &nine).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["sle_fever".to_string()]);
    // Same with 不明: not met.
    let f = with(&nine, &[("sle_fever", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // 12 points already: a blank item does not matter.
    let f = with(
        &definite_active(),
        &[("sle_fever", ""), ("sle_seizure", "")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // 8 points: a blank 白血球減少 (max 3 … but 血液 domain up to 4 with others なし) can reach 11 → open.
    let f = with(
        &definite_active(),
        &[
            ("sle_dsdna_sm", "2"),
            ("sle_apl", "1"),
            ("sle_leukopenia", ""),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.undetermined_items, vec!["sle_leukopenia".to_string()]);
    // 6 points: one blank 発熱 (max 2) cannot reach 10 → not met, nothing named.
    let f = with(
        &definite_active(),
        &[("sle_dsdna_sm", "2"), ("sle_fever", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(det.undetermined_items.is_empty());
}

// 「SLEDAIスコア：４点以上を対象とする。」: 4 (関節炎) meets; 3 (発熱+血小板+白血球) does not.
#[test]
fn sledai_boundary_4() {
    let three = with(
        &definite_active(),
        &[
            ("sledai_arthritis", "2"),
            ("sledai_fever", "1"),
            ("sledai_thrombocytopenia", "1"),
            ("sledai_leukopenia", "1"),
        ],
    );
    assert_eq!(
        eval_new(ID, &three).calculations["sledai_score"],
        CalcValue::Number(3.0)
    );
    let det = eval_new(ID, &three).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let four = with(&three, &[("sledai_rash", "1"), ("sledai_leukopenia", "2")]);
    assert_eq!(
        eval_new(ID, &four).determination.severity,
        SeverityOutcome::Met
    );
    // 3 points + blank 2-point item → open naming it; blank 8-point item with 4 already → decided.
    let open = with(&three, &[("sledai_rash", "")]);
    let det = eval_new(ID, &open).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["sledai_rash".to_string()]);
    let decided = with(&definite_active(), &[("sledai_seizure", "")]);
    assert_eq!(
        eval_new(ID, &decided).determination.result,
        Outcome::Eligible
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_low_sledai() {
    let mut f = with(&definite_active(), &[("sledai_arthritis", "2")]);
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

// 軽症高額該当 never rescues a failed diagnosis (抗核抗体 40倍).
#[test]
fn light_high_cost_does_not_rescue_failed_diagnosis() {
    let mut f = with(
        &definite_active(),
        &[("sle_ana_titer", "40"), ("sledai_arthritis", "2")],
    );
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_without_diagnosis_items_uses_sledai() {
    let mut f = definite_active();
    for i in CLINICAL {
        f.remove(i);
    }
    for i in [
        "sle_ana_titer",
        "sle_renal_biopsy",
        "sle_apl",
        "sle_complement",
        "sle_dsdna_sm",
    ] {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn checks_and_auto_filled_total() {
    let f = with(
        &definite_active(),
        &[("sle_ana_titer", "40"), ("sle_ana_equivalent", "1")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "sle_ana_negative_with_equivalent".into(),
        "sle_ana_equivalent".into()
    )));
    let f = with(&definite_active(), &[("sle_complement", "4")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("sle_complement_not_done".into(), "sle_complement".into())));
    let f = with(&definite_active(), &[("sle_total_points", "20")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "sle_total_points".into())));
}
