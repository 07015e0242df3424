//! 指定難病 14 慢性炎症性脱髄性多発神経炎／多巣性運動ニューロパチー (nanbyo-014-2403):
//! every boundary of every criterion. Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, CalcValue, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-014-2403";

/// Diagnosis met through （２）② only (CSF), Barthel 100 (severity not met).
fn definite_mild() -> nsdb_forms::FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("cidp_course", "1"),
            ("cidp_secondary_cause", "2"),
            ("cidp_ncs_nerves", "2"),
            ("cidp_csf_protein", "1"),
            ("cidp_csf_cells", "9"),
            ("cidp_immunotherapy_response", "2"),
            ("cidp_mri", "3"),
            ("cidp_biopsy", "3"),
            ("cidp_subtype", "1"),
        ],
    );
    with(&f, &BARTHEL_FULL)
}

/// The same with Barthel 85 (歩行 0): severity met.
fn definite_severe() -> nsdb_forms::FormData {
    with(&definite_mild(), &[("adl_walking", "0")])
}

#[test]
fn complete_form_has_no_findings() {
    let e = eval_new(ID, &definite_severe());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

// 「１．主要項目の（１）①②及び（２）①の全てを認め、（２）②から⑤のうちいずれか１つを満たし、（３）で疾患を区別できる。」
#[test]
fn category_sentence_is_definite_and_eligible() {
    let det = eval_new(ID, &definite_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-014-2403/2020-03.2");
}

// 「①２か月以上の経過の、寛解・増悪を繰り返すか、慢性進行性の経過をとる多発ニューロパチーである。」
// 「②…明らかな基礎疾患、薬物使用、毒物への暴露がなく、類似疾患の遺伝歴がない。」
#[test]
fn course_and_no_secondary_cause_are_needed() {
    for (item, code) in [
        ("cidp_course", "2"),
        ("cidp_course", "3"),
        ("cidp_secondary_cause", "1"),
        // 不明: absence not shown.
        ("cidp_secondary_cause", "3"),
    ] {
        let f = with(&definite_severe(), &[(item, code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={code}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}={code}");
    }
}

// 「①末梢神経伝導検査で、２本以上の運動神経において、脱髄を示唆する所見を示す。」: 2 is met, 1 is not, 未実施 is not.
#[test]
fn two_motor_nerves_boundary() {
    let one = with(&definite_severe(), &[("cidp_ncs_nerves", "1")]);
    let det = eval_new(ID, &one).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    let c = det.criteria.iter().find(|c| c.id == "dx_2_1_ncs").unwrap();
    assert_eq!(c.met, Some(false));
    let nd = with(&definite_severe(), &[("cidp_ncs_nerves", "not_done")]);
    assert_eq!(diagnosis(ID, &nd), DiagnosisOutcome::NotMet);
    let three = with(&definite_severe(), &[("cidp_ncs_nerves", "3")]);
    assert_eq!(diagnosis(ID, &three), DiagnosisOutcome::Definite);
}

// 「②脳脊髄液検査で、蛋白増加を認め、細胞数は10/mm3未満である。」: 9 is met, 10 is not; no protein increase is not.
#[test]
fn csf_cells_below_10_boundary() {
    let ten = with(&definite_severe(), &[("cidp_csf_cells", "10")]);
    assert_eq!(diagnosis(ID, &ten), DiagnosisOutcome::NotMet);
    let nd = with(&definite_severe(), &[("cidp_csf_cells", "not_done")]);
    assert_eq!(diagnosis(ID, &nd), DiagnosisOutcome::NotMet);
    for code in ["2", "3"] {
        let f = with(
            &definite_severe(),
            &[("cidp_csf_protein", code), ("cidp_csf_cells", "")],
        );
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        assert_eq!(
            e.determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "{code}"
        );
    }
}

// 「（２）②から⑤のうちいずれか１つを満たし」: each of ③④⑤ alone suffices.
#[test]
fn any_one_of_2_to_5_suffices() {
    let none = with(
        &definite_severe(),
        &[("cidp_csf_protein", "2"), ("cidp_csf_cells", "")],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for (item, code) in [
        ("cidp_immunotherapy_response", "1"),
        ("cidp_mri", "1"),
        ("cidp_biopsy", "1"),
    ] {
        let f = with(&none, &[(item, code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「（３）で疾患を区別できる。」: both diseases count; 区別できない does not.
#[test]
fn subtype_must_be_distinguished() {
    let mmn = with(&definite_severe(), &[("cidp_subtype", "2")]);
    assert_eq!(diagnosis(ID, &mmn), DiagnosisOutcome::Definite);
    let neither = with(&definite_severe(), &[("cidp_subtype", "3")]);
    assert_eq!(diagnosis(ID, &neither), DiagnosisOutcome::NotMet);
}

// A blank CSF cell count is named while ②～⑤ are open, irrelevant once another is met.
#[test]
fn blank_cell_count_is_named_only_while_it_matters() {
    let open = with(&definite_severe(), &[("cidp_csf_cells", "")]);
    let e = eval_new(ID, &open);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["cidp_csf_cells".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "cidp_csf_cells".into())));
    let decided = with(&open, &[("cidp_mri", "1")]);
    assert_eq!(
        eval_new(ID, &decided).determination.result,
        Outcome::Eligible
    );
}

// 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met).
#[test]
fn barthel_85_is_met_and_90_is_not() {
    let e = eval_new(ID, &definite_severe());
    assert_eq!(
        e.calculations.get("barthel_index"),
        Some(&CalcValue::Number(85.0))
    );
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f90 = with(&definite_mild(), &[("adl_stairs", "0")]);
    assert_eq!(severity(ID, &f90), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &f90).determination.result,
        Outcome::NotEligible
    );
}

// A blank Barthel item matters only while it could cross 85.
#[test]
fn a_blank_barthel_item_is_named_only_while_it_matters() {
    let decided = with(
        &definite_mild(),
        &[("adl_grooming", ""), ("adl_bathing", "0")],
    );
    assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    let open = with(
        &definite_mild(),
        &[("adl_walking", ""), ("adl_stairs", "0")],
    );
    assert_undetermined_naming(ID, &open, &["adl_walking"]);
}

#[test]
fn nerve_count_range_is_checked() {
    let f = with(&definite_severe(), &[("cidp_ncs_nerves", "25")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "cidp_ncs_nerves".into())));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_severe();
    for id in [
        "cidp_course",
        "cidp_secondary_cause",
        "cidp_ncs_nerves",
        "cidp_csf_protein",
        "cidp_csf_cells",
        "cidp_immunotherapy_response",
        "cidp_mri",
        "cidp_biopsy",
        "cidp_subtype",
        "first_visit_date",
        "diagnosis_date",
    ] {
        f.remove(id);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
}
