//! 指定難病 57 特発性拡張型心筋症 (nanbyo-057-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) or of the
//! 重症度分類 table (shared/data/dcm_severity_table.png) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-057-2403";

const EXCLUSIONS: [&str; 10] = [
    "dcm_ex_hypertensive",
    "dcm_ex_valvular",
    "dcm_ex_ischemic",
    "dcm_ex_alcohol_peripartum",
    "dcm_ex_myocarditis",
    "dcm_ex_neuromuscular",
    "dcm_ex_connective_tissue",
    "dcm_ex_nutritional",
    "dcm_ex_metabolic",
    "dcm_ex_other",
];

/// Definite DCM at the 軽症 side: NYHA I, no arrhythmia, no admission, BNP 99.
fn definite_mild() -> FormData {
    let mut f = with(
        &nanbyo_common(),
        &[
            ("dcm_lv_systolic_dysfunction", "1"),
            ("dcm_lv_dilation", "1"),
            ("dcm_lvef", "28"),
            ("dcm_lvdd", "66"),
            ("dcm_coronary_angiography", "1"),
            ("dcm_endomyocardial_biopsy", "3"),
            ("nyha_class", "1"),
            ("dcm_arrhythmia", "1"),
            ("dcm_hf_admissions", "0"),
            ("dcm_np_kind", "1"),
            ("dcm_np_value", "99"),
        ],
    );
    for id in EXCLUSIONS {
        f.set(id, "1");
    }
    f
}

/// 中等症: NYHA II and BNP 100.
fn definite_moderate() -> FormData {
    with(
        &definite_mild(),
        &[("nyha_class", "2"), ("dcm_np_value", "100")],
    )
}

fn class(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["dcm_class"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

fn severity(f: &FormData) -> SeverityOutcome {
    eval_new(ID, f).determination.severity
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
fn complete_moderate_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["dcm_class"], txt("2"));
}

// 「軽症 … 判定基準：中等症の基準をみたさない」「中等症以上を対象とする。」
#[test]
fn mild_is_not_eligible() {
    let e = eval_new(ID, &definite_mild());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert_eq!(e.calculations["dcm_class"], txt("1"));
}

// 「中等症 … 判定基準：NYHAII度であり、かつ不整脈・入院歴・BNPの項目のいずれかをみたす」
#[test]
fn moderate_needs_nyha_2_and_one_of_three() {
    let nyha2 = with(&definite_mild(), &[("nyha_class", "2")]);
    // NYHA II alone (BNP 99, no arrhythmia, no admission): 軽症.
    assert_eq!(severity(&nyha2), SeverityOutcome::NotMet);
    let cases: [(&str, &str); 3] = [
        ("dcm_np_value", "100"),
        ("dcm_arrhythmia", "2"),
        ("dcm_hf_admissions", "1"),
    ];
    for (item, value) in cases {
        let f = with(&nyha2, &[(item, value)]);
        assert_eq!(severity(&f), SeverityOutcome::Met, "{item}={value}");
        assert_eq!(class(&f), txt("2"), "{item}={value}");
    }
    // NT-proBNP 400–1999: 399 / 400.
    let nt = with(&nyha2, &[("dcm_np_kind", "2"), ("dcm_np_value", "399")]);
    assert_eq!(severity(&nt), SeverityOutcome::NotMet);
    let nt = with(&nt, &[("dcm_np_value", "400")]);
    assert_eq!(severity(&nt), SeverityOutcome::Met);
    // The same three with NYHA I: not 中等症 (the table requires NYHA II).
    let nyha1 = with(
        &definite_mild(),
        &[
            ("dcm_np_value", "499"),
            ("dcm_arrhythmia", "2"),
            ("dcm_hf_admissions", "1"),
        ],
    );
    assert_eq!(severity(&nyha1), SeverityOutcome::NotMet);
    assert_eq!(class(&nyha1), txt("1"));
}

// 「重症 … 判定基準：4項目のいずれかをみたす」
// NYHA III～IV／持続性心室頻拍または心室細動／入院歴2回以上／BNP ≧500・NTProBNP ≧2000
#[test]
fn severe_any_of_four_items_even_with_nyha_1() {
    let cases: [(&str, &str); 4] = [
        ("nyha_class", "3"),
        ("dcm_arrhythmia", "3"),
        ("dcm_hf_admissions", "2"),
        ("dcm_np_value", "500"),
    ];
    for (item, value) in cases {
        let f = with(&definite_mild(), &[(item, value)]);
        assert_eq!(severity(&f), SeverityOutcome::Met, "{item}={value}");
        assert_eq!(class(&f), txt("3"), "{item}={value}");
    }
    // BNP 499 with NYHA I: not 重症, not 中等症.
    let f = with(&definite_mild(), &[("dcm_np_value", "499")]);
    assert_eq!(class(&f), txt("1"));
    // NT-proBNP 1999 / 2000.
    let nt = with(
        &definite_mild(),
        &[("dcm_np_kind", "2"), ("dcm_np_value", "1999")],
    );
    assert_eq!(severity(&nt), SeverityOutcome::NotMet);
    let nt = with(&nt, &[("dcm_np_value", "2000")]);
    assert_eq!(severity(&nt), SeverityOutcome::Met);
}

// 「最重症：重度（NYHA IV）／2回以上または持続静注、補助人工心臓、心臓移植適応のいずれか — 2項目のすべてをみたす」
#[test]
fn most_severe_class() {
    let nyha4 = with(
        &definite_mild(),
        &[("nyha_class", "4"), ("dcm_advanced_therapy", "2")],
    );
    assert_eq!(class(&nyha4), txt("3"));
    assert_eq!(
        class(&with(&nyha4, &[("dcm_advanced_therapy", "1")])),
        txt("4")
    );
    assert_eq!(
        class(&with(&nyha4, &[("dcm_hf_admissions", "2")])),
        txt("4")
    );
    // 入院2回以上 with NYHA III: 重症, not 最重症.
    let f = with(
        &definite_mild(),
        &[("nyha_class", "3"), ("dcm_hf_admissions", "2")],
    );
    assert_eq!(class(&f), txt("3"));
    // NYHA IV with the therapy item blank: asked for, class open, eligible anyway.
    let f = with(&nyha4, &[("dcm_advanced_therapy", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "dcm_advanced_therapy".into())));
    assert_eq!(e.calculations["dcm_class"], CalcValue::Unknown);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// Blank severity items make the result open only when they could change it.
#[test]
fn blank_severity_items_undetermined_only_when_they_matter() {
    // NYHA II, nothing else: the blank BNP value could make it 中等症.
    let f = with(
        &definite_mild(),
        &[("nyha_class", "2"), ("dcm_np_value", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["dcm_np_value".to_string()]);
    // NYHA blank with everything else mild: NYHA III would be 重症.
    let f = with(&definite_mild(), &[("nyha_class", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["nyha_class".to_string()]);
    // Two admissions decide 重症 whatever NYHA is.
    let f = with(&f, &[("dcm_hf_admissions", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// BNP 未測定 is an answer: the BNP column is not met, with a warning.
#[test]
fn np_not_measured_is_an_answer_with_a_warning() {
    let f = with(
        &definite_mild(),
        &[
            ("nyha_class", "2"),
            ("dcm_np_kind", "3"),
            ("dcm_np_value", ""),
        ],
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(e.determination.undetermined_items.is_empty());
    assert!(codes(&e).contains(&("dcm_np_not_measured".into(), "dcm_np_kind".into())));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    // lab 未実施 in the value is also an answer (not ≥100).
    let f = with(
        &definite_mild(),
        &[("nyha_class", "2"), ("dcm_np_value", "not_done")],
    );
    assert_eq!(severity(&f), SeverityOutcome::NotMet);
}

// 「特発性心筋症において、左室収縮低下および左室内腔拡大を認め、除外すべき疾患を全て除外したもの」
#[test]
fn diagnosis_needs_systolic_dysfunction_and_dilation() {
    for item in ["dcm_lv_systolic_dysfunction", "dcm_lv_dilation"] {
        for v in ["2", "3"] {
            let f = with(&definite_moderate(), &[(item, v)]);
            let det = eval_new(ID, &f).determination;
            assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={v}");
            assert_eq!(det.result, Outcome::NotEligible, "{item}={v}");
        }
        let f = with(&definite_moderate(), &[(item, "")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.result, Outcome::Undetermined);
        assert_eq!(det.undetermined_items, vec![item.to_string()]);
    }
}

// 「除外すべき疾患を全て除外したもの」: each of the ten, not excluded or blank.
#[test]
fn every_exclusion_is_needed() {
    for id in EXCLUSIONS {
        let f = with(&definite_moderate(), &[(id, "2")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{id}");
        let f = with(&definite_moderate(), &[(id, "")]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined, "{id}");
        assert_eq!(det.undetermined_items, vec![id.to_string()]);
    }
}

// 「(7) 冠動脈造影 びまん性の左室収縮低下の原因となる冠動脈病変を認めない。」
// 「※２ 新規申請にあたっては、冠動脈造影は原則として必須である。」
#[test]
fn coronary_angiography() {
    let f = with(
        &definite_moderate(),
        &[("dcm_coronary_angiography", "2"), ("dcm_ex_ischemic", "2")],
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    // 病変あり but 虚血性 除外できる: contradiction.
    let f = with(&definite_moderate(), &[("dcm_coronary_angiography", "2")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("dcm_cag_vs_ischemic".into(), "dcm_ex_ischemic".into())));
    // 未実施: 原則として必須 → warning, the diagnosis stands.
    let f = with(&definite_moderate(), &[("dcm_coronary_angiography", "3")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert!(codes(&e).contains(&("dcm_cag_not_done".into(), "dcm_coronary_angiography".into())));
}

// 「(11) 心内膜下心筋生検 … 心筋炎や特定心筋疾患との鑑別のため施行されることが望ましい。」
#[test]
fn biopsy_with_specific_disease_refutes() {
    let f = with(&definite_moderate(), &[("dcm_endomyocardial_biopsy", "2")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    let f = with(&definite_moderate(), &[("dcm_endomyocardial_biopsy", "1")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_mild() {
    let det = eval_new(ID, &three_high_cost_months(&definite_mild())).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(&definite_mild(), &[("dcm_lv_dilation", "2")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &nanbyo_common(),
        &[
            ("nyha_class", "3"),
            ("dcm_arrhythmia", "1"),
            ("dcm_hf_admissions", "0"),
            ("dcm_np_kind", "2"),
            ("dcm_np_value", "800"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
