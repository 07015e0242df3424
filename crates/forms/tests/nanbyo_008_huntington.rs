//! 指定難病 8 ハンチントン病 (nanbyo-008-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, CalcValue, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-008-2403";

/// ①～⑤ all met (gene test not done); Barthel 100, 二軸評価 1/1 (severity not met).
fn five_mild() -> nsdb_forms::FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("family_history", "3"),
            ("hd_progressive", "1"),
            ("hd_ad_family_history", "1"),
            ("hd_chorea", "1"),
            ("hd_psychiatric", "2"),
            ("hd_dementia", "2"),
            ("hd_imaging", "1"),
            ("hd_gene", "3"),
            ("hd_differential", "1"),
            ("psychiatric_symptom_grade", "1"),
            ("disability_grade", "1"),
        ],
    );
    with(&f, &BARTHEL_FULL)
}

/// ①～⑤ met and 能力障害評価 2 (severity met).
fn five_severe() -> nsdb_forms::FormData {
    with(&five_mild(), &[("disability_grade", "2")])
}

/// ③ and the gene test only (no family history, imaging not done, differential not done).
fn gene_severe() -> nsdb_forms::FormData {
    with(
        &five_severe(),
        &[
            ("hd_progressive", "3"),
            ("hd_ad_family_history", "2"),
            ("hd_imaging", "3"),
            ("hd_differential", "2"),
            ("hd_gene", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [five_severe(), gene_severe()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「次の①～⑤のすべてを満たすもの…をハンチントン病と診断する。」
#[test]
fn all_five_is_definite_and_eligible() {
    let det = eval_new(ID, &five_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-008-2403/2020-03.2");
}

// 「①経過が進行性である。」…「⑤鑑別診断の全疾患が除外できる。」: each is needed without the gene test.
#[test]
fn each_of_the_five_is_needed_without_gene() {
    for (item, code) in [
        ("hd_progressive", "2"),
        ("hd_progressive", "3"),
        ("hd_ad_family_history", "2"),
        ("hd_ad_family_history", "3"),
        ("hd_imaging", "2"),
        ("hd_imaging", "3"),
        ("hd_differential", "2"),
    ] {
        let f = with(&five_severe(), &[(item, code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={code}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}={code}");
    }
}

// 「③神経所見で、(１)～(３)のいずれか１つ以上が見られる。」: any one suffices, none does not.
#[test]
fn any_one_neurological_sign_suffices() {
    let none = with(
        &five_severe(),
        &[
            ("hd_chorea", "2"),
            ("hd_psychiatric", "2"),
            ("hd_dementia", "3"),
        ],
    );
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for item in ["hd_chorea", "hd_psychiatric", "hd_dementia"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
        // …on the gene path too.
        let g = with(
            &gene_severe(),
            &[
                ("hd_chorea", "2"),
                ("hd_psychiatric", "2"),
                ("hd_dementia", "2"),
                (item, "1"),
            ],
        );
        assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::Definite, "gene {item}");
    }
}

// 「あるいは③及び遺伝子診断で確定診断されたものをハンチントン病と診断する。」
#[test]
fn neuro_and_gene_is_definite_without_the_others() {
    let det = eval_new(ID, &gene_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    // The gene alone, without ③, is not enough.
    let f = with(
        &gene_severe(),
        &[
            ("hd_chorea", "2"),
            ("hd_psychiatric", "2"),
            ("hd_dementia", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // No expansion or not done: not the gene path.
    for code in ["2", "3"] {
        let f = with(&gene_severe(), &[("hd_gene", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "gene={code}");
    }
}

// A blank gene result is named while ①～⑤ fail, irrelevant once they are met.
#[test]
fn blank_gene_is_named_only_while_it_matters() {
    let open = with(&gene_severe(), &[("hd_gene", "")]);
    assert_undetermined_naming(ID, &open, &["hd_gene"]);
    let decided = with(&five_severe(), &[("hd_gene", "")]);
    assert_eq!(
        eval_new(ID, &decided).determination.result,
        Outcome::Eligible
    );
}

// 「機能的評価：Barthel Index 85点以下を対象とする。」 Boundaries 85 (met) and 90 (not met), 二軸評価 1/1.
#[test]
fn barthel_85_is_met_and_90_is_not() {
    let f85 = with(&five_mild(), &[("adl_walking", "0")]);
    let e = eval_new(ID, &f85);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(
        e.calculations.get("barthel_index"),
        Some(&CalcValue::Number(85.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f90 = with(&five_mild(), &[("adl_stairs", "0")]);
    assert_eq!(severity(ID, &f90), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &f90).determination.result,
        Outcome::NotEligible
    );
}

// A blank Barthel item matters only while it could cross 85 (二軸評価 1/1).
#[test]
fn a_blank_barthel_item_is_named_only_while_it_matters() {
    let decided = with(&five_mild(), &[("adl_grooming", ""), ("adl_bathing", "0")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::NotMet);
    let open = with(&five_mild(), &[("adl_walking", ""), ("adl_stairs", "0")]);
    assert_undetermined_naming(ID, &open, &["adl_walking"]);
}

// 「…「精神症状・能力障害二軸評価」を用いて精神症状評価２以上又は能力障害評価２以上を対象とする。」
#[test]
fn either_axis_at_2_is_met_and_1_1_is_not() {
    assert_eq!(severity(ID, &five_mild()), SeverityOutcome::NotMet);
    for item in ["psychiatric_symptom_grade", "disability_grade"] {
        let e = eval_new(ID, &with(&five_mild(), &[(item, "2")]));
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} 2");
    }
    let open = with(&five_mild(), &[("psychiatric_symptom_grade", "")]);
    assert_undetermined_naming(ID, &open, &["psychiatric_symptom_grade"]);
    let decided = with(&open, &[("disability_grade", "2")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// ②「常染色体優性遺伝の家族歴がある。」 vs 基本情報「家族歴」なし: a warning.
#[test]
fn family_history_contradiction_warns() {
    let f = with(&five_severe(), &[("family_history", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "hd_family_history_none".into(),
        "hd_ad_family_history".into()
    )));
    // 家族歴 不明 is not a contradiction.
    assert!(!codes(&eval_new(ID, &five_severe()))
        .iter()
        .any(|(c, _)| c == "hd_family_history_none"));
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = five_severe();
    for id in [
        "hd_progressive",
        "hd_ad_family_history",
        "hd_chorea",
        "hd_psychiatric",
        "hd_dementia",
        "hd_imaging",
        "hd_gene",
        "hd_differential",
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
