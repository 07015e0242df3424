//! 指定難病 63 免疫性血小板減少症（特発性血小板減少性紫斑病）(nanbyo-063-2403):
//! every boundary of every criterion. Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-063-2403";

/// Platelets 30,000, normal blood otherwise, marrow not done (not required), exclusion done;
/// severity: 30,000 無症状 → Stage II.
fn definite_stage2() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("itp_bleeding", "1"),
            ("itp_platelet", "30000"),
            ("itp_wbc", "5500"),
            ("itp_neutrophil_pct", "60"),
            ("itp_lymphocyte_pct", "30"),
            ("itp_mcv", "90"),
            ("itp_wbc_morphology_abnormal", "2"),
            ("itp_rbc_morphology_abnormal", "2"),
            ("itp_marrow", "3"),
            ("itp_exclusion", "1"),
            ("itp_sev_platelet", "30000"),
            ("itp_sev_bleeding", "1"),
        ],
    )
}

fn stage(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["itp_stage_calc"].clone()
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
    let e = eval_new(ID, &definite_stage2());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        e.calculations["itp_stage_calc"],
        CalcValue::Text("2".into())
    );
}

// 「血小板100,000/µL以下。」「「血小板数」は、10万/µL以下がITP認定のための絶対条件である。」
#[test]
fn platelet_boundary_100000() {
    let f = with(&definite_stage2(), &[("itp_platelet", "100000")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&definite_stage2(), &[("itp_platelet", "100001")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「「白血球数」が3,000/µL未満の場合あるいは10,000/µL以上の場合は…骨髄検査を求める。」
// 「「MCV（平均赤血球容積）」が、110以上の場合は骨髄検査を求める。」
// 「「白血球分画」で好中球が30％未満あるいはリンパ球が50％以上の場合は、骨髄検査を求める。」
// 「「白血球形態異常あり」あるいは「赤血球形態異常あり」の場合は…骨髄検査を求める。」
// Without a bone marrow examination those findings make the diagnosis not met; just inside → met.
#[test]
fn bone_marrow_required_boundaries() {
    let inside: [(&str, &str); 5] = [
        ("itp_wbc", "3000"),
        ("itp_wbc", "9999"),
        ("itp_mcv", "109.9"),
        ("itp_neutrophil_pct", "30"),
        ("itp_lymphocyte_pct", "49.9"),
    ];
    for (item, v) in inside {
        let f = with(&definite_stage2(), &[(item, v)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}={v}");
    }
    let outside: [(&str, &str); 7] = [
        ("itp_wbc", "2999"),
        ("itp_wbc", "10000"),
        ("itp_mcv", "110"),
        ("itp_neutrophil_pct", "29.9"),
        ("itp_lymphocyte_pct", "50"),
        ("itp_wbc_morphology_abnormal", "1"),
        ("itp_rbc_morphology_abnormal", "1"),
    ];
    for (item, v) in outside {
        let f = with(&definite_stage2(), &[(item, v)]);
        let e = eval_new(ID, &f);
        assert_eq!(
            e.determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "{item}={v}"
        );
        assert!(
            codes(&e).contains(&("itp_marrow_exam_required".into(), "itp_marrow".into())),
            "{item}={v}"
        );
        // With a marrow examination without atypical cells: met.
        let g = with(&f, &[("itp_marrow", "1"), ("itp_marrow_chromosome", "3")]);
        assert_eq!(
            diagnosis(ID, &g),
            DiagnosisOutcome::Definite,
            "{item}={v} + marrow"
        );
    }
}

// 「「骨髄所見」で異型細胞が存在している場合は認定できない。」
// 「「骨髄染色体検査所見」においてMDSでしばしば認められる染色体異常（5q-、-7、+8、20q-）などを認めるときは、認定できない。」
#[test]
fn marrow_atypical_cells_or_mds_chromosome() {
    let done = with(
        &definite_stage2(),
        &[("itp_marrow", "1"), ("itp_marrow_chromosome", "1")],
    );
    assert_eq!(diagnosis(ID, &done), DiagnosisOutcome::Definite);
    let f = with(&done, &[("itp_marrow", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&done, &[("itp_marrow_chromosome", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // Marrow done, chromosome blank → required and open, naming it.
    let f = with(&done, &[("itp_marrow_chromosome", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "itp_marrow_chromosome".into())));
    assert_eq!(
        e.determination.undetermined_items,
        vec!["itp_marrow_chromosome".to_string()]
    );
}

// 「鑑別診断の項で「鑑別できない」と記載されている時は、ITPと認定できない。」
#[test]
fn differential_not_excluded() {
    let f = with(&definite_stage2(), &[("itp_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「「出血症状あり、なし」及び「出血症状」は認定基準判断材料とはしない。」: blank or なし changes nothing.
#[test]
fn bleeding_is_not_a_criterion() {
    for v in ["", "2", "3"] {
        let f = with(&definite_stage2(), &[("itp_bleeding", v)]);
        assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    }
}

// A blank MCV matters only when the marrow was not examined.
#[test]
fn blank_mcv_open_only_without_marrow() {
    let f = with(&definite_stage2(), &[("itp_mcv", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["itp_mcv".to_string()]);
    let f = with(&f, &[("itp_marrow", "1"), ("itp_marrow_chromosome", "1")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 重症度基準の表（血小板数 ×10^4/µL × 臨床症状）.
#[test]
fn stage_table() {
    let cases: [(&str, &str, &str); 14] = [
        ("99999", "1", "1"),
        ("50000", "2", "1"),
        ("50000", "3", "2"),
        ("50000", "4", "4"),
        ("49999", "1", "2"),
        ("20000", "2", "3"),
        ("20000", "3", "4"),
        ("20000", "4", "5"),
        ("19999", "1", "3"),
        ("19999", "2", "4"),
        ("19999", "3", "4"),
        ("19999", "4", "5"),
        ("100000", "3", "0"),
        ("100000", "4", "0"),
    ];
    for (p, b, s) in cases {
        let f = with(
            &definite_stage2(),
            &[("itp_sev_platelet", p), ("itp_sev_bleeding", b)],
        );
        assert_eq!(stage(&f), CalcValue::Text(s.into()), "plt {p} bleeding {b}");
        let expect = if s >= "2" {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(
            eval_new(ID, &f).determination.severity,
            expect,
            "plt {p} bleeding {b}"
        );
    }
}

// 「重症度基準でStageII以上を対象とする。」: 5万以上 無症状/皮下出血 = Stage I → not met;
// blank bleeding with platelets 5万〜10万 → open naming it; with < 5万 → decided.
#[test]
fn stage_blank_bleeding() {
    let f = with(
        &definite_stage2(),
        &[("itp_sev_platelet", "60000"), ("itp_sev_bleeding", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["itp_sev_bleeding".to_string()]);
    let f = with(&definite_stage2(), &[("itp_sev_bleeding", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = with(
        &definite_stage2(),
        &[("itp_sev_platelet", "80000"), ("itp_sev_bleeding", "2")],
    );
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&f, &[("itp_platelet", "150000")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_checks() {
    let mut f = definite_stage2();
    for i in [
        "itp_bleeding",
        "itp_platelet",
        "itp_wbc",
        "itp_neutrophil_pct",
        "itp_lymphocyte_pct",
        "itp_mcv",
        "itp_wbc_morphology_abnormal",
        "itp_rbc_morphology_abnormal",
        "itp_marrow",
        "itp_exclusion",
    ] {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &definite_stage2(),
        &[("itp_neutrophil_pct", "70"), ("itp_lymphocyte_pct", "40")],
    );
    assert!(codes(&eval_new(ID, &f))
        .contains(&("itp_differential_sum".into(), "itp_lymphocyte_pct".into())));
    let f = with(&definite_stage2(), &[("itp_stage", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("calc_mismatch".into(), "itp_stage".into())));
}
