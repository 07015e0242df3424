//! 指定難病 53 シェーグレン症候群 (nanbyo-053-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-053-2403";

const ESSDAI: [&str; 12] = [
    "essdai_constitutional",
    "essdai_lymphadenopathy",
    "essdai_glandular",
    "essdai_articular",
    "essdai_cutaneous",
    "essdai_pulmonary",
    "essdai_renal",
    "essdai_muscular",
    "essdai_pns",
    "essdai_cns",
    "essdai_hematological",
    "essdai_biological",
];

/// 1 (口唇腺) and 4 (抗SS-A) positive, 2 and 3 negative; ESSDAI 5 (肺病変 低 = 5×1).
fn definite_severe() -> FormData {
    let mut f = nanbyo_common();
    for i in ESSDAI {
        f.set(i, "0");
    }
    with(
        &f,
        &[
            ("ss_lip_biopsy", "1"),
            ("ss_lacrimal_biopsy", "3"),
            ("ss_sialography", "3"),
            ("ss_gum_test", "15"),
            ("ss_saxon_test", "not_done"),
            ("ss_scintigraphy", "3"),
            ("ss_schirmer", "10"),
            ("ss_rose_bengal", "3"),
            ("ss_fluorescein", "2"),
            ("ss_anti_ssa", "1"),
            ("ss_anti_ssb", "2"),
            ("essdai_pulmonary", "1"),
        ],
    )
}

/// Only criterion 1 positive (1 of 4).
fn only_biopsy() -> FormData {
    with(&definite_severe(), &[("ss_anti_ssa", "2")])
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
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["essdai_score"], CalcValue::Number(5.0));
}

// 「以上１、２、３、４のいずれか２項目が陽性であればシェーグレン症候群と診断する。」: 1 item is not enough.
#[test]
fn one_item_is_not_enough() {
    let det = eval_new(ID, &only_biopsy()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    // Two without the biopsy: 4-B 抗SS-B + 3.
    let f = with(
        &only_biopsy(),
        &[
            ("ss_lip_biopsy", "2"),
            ("ss_anti_ssb", "1"),
            ("ss_schirmer", "5"),
            ("ss_fluorescein", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「１．…B）涙腺組織でリンパ球浸潤が４mm2当たり１focus 以上」
#[test]
fn lacrimal_biopsy_counts_as_item_1() {
    let f = with(
        &definite_severe(),
        &[("ss_lip_biopsy", "2"), ("ss_lacrimal_biopsy", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&f, &[("ss_lacrimal_biopsy", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「２．…A）唾液腺造影で stage I…以上の異常所見」
// 「B）唾液分泌量低下（ガムテスト10分間で10mL以下、又はサクソンテスト２分間２g以下）があり、かつ唾液腺シンチグラフィーにて機能低下の所見」
#[test]
fn oral_item_2_boundaries() {
    let f = with(&only_biopsy(), &[("ss_sialography", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let scinti = with(&only_biopsy(), &[("ss_scintigraphy", "1")]);
    // ガム 10.0 meets, 10.1 does not.
    assert_eq!(
        diagnosis(ID, &with(&scinti, &[("ss_gum_test", "10")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&scinti, &[("ss_gum_test", "10.1")])),
        DiagnosisOutcome::NotMet
    );
    // サクソン 2.00 meets, 2.01 does not (ガム 未実施).
    let sax = with(&scinti, &[("ss_gum_test", "not_done")]);
    assert_eq!(
        diagnosis(ID, &with(&sax, &[("ss_saxon_test", "2")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&sax, &[("ss_saxon_test", "2.01")])),
        DiagnosisOutcome::NotMet
    );
    // 分泌量低下 without シンチの機能低下 → not met.
    let f = with(
        &only_biopsy(),
        &[("ss_gum_test", "5"), ("ss_scintigraphy", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「３．…シルマー（Schirmer）試験で５mm/５min以下で、かつローズベンガルテスト…で陽性 / …蛍光色素（フルオレセイン）試験で陽性」
#[test]
fn eye_item_3_boundaries() {
    let rb = with(&only_biopsy(), &[("ss_rose_bengal", "1")]);
    assert_eq!(
        diagnosis(ID, &with(&rb, &[("ss_schirmer", "5")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&rb, &[("ss_schirmer", "6")])),
        DiagnosisOutcome::NotMet
    );
    // Schirmer ≤ 5 alone (both stains negative / not done) is not enough.
    assert_eq!(
        diagnosis(ID, &with(&only_biopsy(), &[("ss_schirmer", "3")])),
        DiagnosisOutcome::NotMet
    );
    // Schirmer 未実施 with a positive stain → not met.
    assert_eq!(
        diagnosis(ID, &with(&rb, &[("ss_schirmer", "not_done")])),
        DiagnosisOutcome::NotMet
    );
}

// Blank test with one item positive → open naming exactly that item; with two positive → decided.
#[test]
fn blank_items_open_only_when_they_matter() {
    let f = with(&only_biopsy(), &[("ss_anti_ssb", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["ss_anti_ssb".to_string()]);
    let f = with(
        &definite_severe(),
        &[("ss_anti_ssb", ""), ("ss_schirmer", "")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「ESSDAI≧５点→重症」「ESSDAI＜５点→軽症」: 4 points (関節 中 2×2) not met, 5 met.
#[test]
fn essdai_boundary_5() {
    let four = with(
        &definite_severe(),
        &[("essdai_pulmonary", "0"), ("essdai_articular", "2")],
    );
    let e = eval_new(ID, &four);
    assert_eq!(e.calculations["essdai_score"], CalcValue::Number(4.0));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    let five = with(&four, &[("essdai_biological", "1")]);
    assert_eq!(
        eval_new(ID, &five).determination.severity,
        SeverityOutcome::Met
    );
    // 中枢神経障害 低 (5×1) alone is 5.
    let cns = with(
        &definite_severe(),
        &[("essdai_pulmonary", "0"), ("essdai_cns", "1")],
    );
    assert_eq!(
        eval_new(ID, &cns).calculations["essdai_score"],
        CalcValue::Number(5.0)
    );
    // 健康状態 低 (3) + 生物学的所見 低 (1) = 4 → not met.
    let f = with(
        &definite_severe(),
        &[
            ("essdai_pulmonary", "0"),
            ("essdai_constitutional", "1"),
            ("essdai_biological", "1"),
        ],
    );
    assert_eq!(
        eval_new(ID, &f).determination.severity,
        SeverityOutcome::NotMet
    );
    // 4 points + a blank domain → open naming it; 5 points + blank → decided.
    let open = with(&four, &[("essdai_glandular", "")]);
    let det = eval_new(ID, &open).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["essdai_glandular".to_string()]);
    let decided = with(&definite_severe(), &[("essdai_glandular", "")]);
    assert_eq!(
        eval_new(ID, &decided).determination.result,
        Outcome::Eligible
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = with(&definite_severe(), &[("essdai_pulmonary", "0")]);
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&f, &[("ss_anti_ssa", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_auto_filled_total() {
    let mut f = definite_severe();
    for i in [
        "ss_lip_biopsy",
        "ss_lacrimal_biopsy",
        "ss_sialography",
        "ss_gum_test",
        "ss_saxon_test",
        "ss_scintigraphy",
        "ss_schirmer",
        "ss_rose_bengal",
        "ss_fluorescein",
        "ss_anti_ssa",
        "ss_anti_ssb",
    ] {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&definite_severe(), &[("essdai_total", "12")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "essdai_total".into())));
    // 中枢神経障害 has no code 2 (原文の表: 無0 低1 高3).
    let f = with(&definite_severe(), &[("essdai_cns", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("code_unknown".into(), "essdai_cns".into())));
}
