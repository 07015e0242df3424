//! 指定難病 1 球脊髄性筋萎縮症 (nanbyo-001-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{Answer, ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};
use std::collections::BTreeMap;

const ID: &str = "nanbyo-001-2403";

/// A male patient with a family history (祖父（母方）) and every finding of
/// Ａ．Ｂ．Ｃ．, gene test not done; mRS 3 (severity met).
fn abc_severe() -> nsdb_forms::FormData {
    let mut row = BTreeMap::new();
    row.insert("relationship".to_string(), Answer::from("8"));
    let f = with(
        &nanbyo_common(),
        &[
            ("family_history", "1"),
            ("sbma_bulbar", "1"),
            ("sbma_lmn", "1"),
            ("sbma_finger_tremor", "2"),
            ("sbma_hyporeflexia", "2"),
            ("sbma_adult_onset_progressive", "1"),
            ("sbma_androgen_insufficiency", "1"),
            ("sbma_needle_emg", "1"),
            ("sbma_differential", "1"),
            ("sbma_gene", "3"),
            ("mrs", "3"),
            ("nutrition", "1"),
            ("respiration", "0"),
        ],
    );
    f.with("family_history_members", Answer::Rows(vec![row]))
}

/// Ａ and Ｄ only: Ｂ and Ｃ not shown.
fn ad_severe() -> nsdb_forms::FormData {
    with(
        &abc_severe(),
        &[
            ("sbma_adult_onset_progressive", "3"),
            ("sbma_androgen_insufficiency", "2"),
            ("sbma_needle_emg", "3"),
            ("sbma_differential", "2"),
            ("sbma_gene", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [abc_severe(), ad_severe()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「上記のＡ．Ｂ．Ｃ．を全て満たすもの…を球脊髄性筋萎縮症と診断する。」
#[test]
fn a_b_c_is_definite_and_eligible() {
    let det = eval_new(ID, &abc_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-001-2403/2020-03.2");
}

// 「…又はＡとＤの両方を満たすものを球脊髄性筋萎縮症と診断する。」
#[test]
fn a_and_d_is_definite_without_b_and_c() {
    let det = eval_new(ID, &ad_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    // Ｄ without Ａ is not enough.
    let f = with(&ad_severe(), &[("sbma_bulbar", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「Ｄ．遺伝子診断 アンドロゲン受容体遺伝子におけるCAGリピートの異常伸長」: なし・未実施 do not count.
#[test]
fn gene_not_expanded_or_not_done_does_not_replace_b_and_c() {
    for code in ["2", "3"] {
        let f = with(&ad_severe(), &[("sbma_gene", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "gene={code}");
        assert_eq!(det.result, Outcome::NotEligible, "gene={code}");
    }
}

// 「Ａ．神経所見：以下の神経所見(ア) (イ) (ウ) (エ)のうち２つ以上を示す。」: 2 suffice, 1 does not.
#[test]
fn a_needs_two_of_four_signs() {
    for (a, b) in [
        ("sbma_bulbar", "sbma_lmn"),
        ("sbma_finger_tremor", "sbma_hyporeflexia"),
        ("sbma_lmn", "sbma_hyporeflexia"),
    ] {
        let mut f = with(
            &abc_severe(),
            &[
                ("sbma_bulbar", "2"),
                ("sbma_lmn", "2"),
                ("sbma_finger_tremor", "2"),
                ("sbma_hyporeflexia", "2"),
            ],
        );
        f = with(&f, &[(a, "1"), (b, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{a}+{b}");
        let one = with(&f, &[(b, "2")]);
        let det = eval_new(ID, &one).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{a} alone");
        let c = det.criteria.iter().find(|c| c.id == "dx_a_neuro").unwrap();
        assert_eq!(c.met, Some(false));
    }
    // 不明 does not count as a sign.
    let f = with(&abc_severe(), &[("sbma_lmn", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「１．成人発症で緩徐に進行性である。」「３．アンドロゲン不全症候」「４．針筋電図で…神経原性変化を認める。」
// each is needed for Ａ．Ｂ．Ｃ．(Ｄ not done).
#[test]
fn each_b_finding_is_needed_without_gene_test() {
    for (item, code) in [
        ("sbma_adult_onset_progressive", "2"),
        ("sbma_adult_onset_progressive", "3"),
        ("sbma_androgen_insufficiency", "2"),
        ("sbma_androgen_insufficiency", "3"),
        ("sbma_needle_emg", "2"),
        ("sbma_needle_emg", "3"),
    ] {
        let f = with(&abc_severe(), &[(item, code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}={code}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}={code}");
    }
}

// 「２．発症者は男性であり、家族歴を有する。」: 女性, 家族歴なし or 不明 → Ｂ not met.
#[test]
fn b2_needs_male_and_family_history() {
    let female = with(&abc_severe(), &[("sex", "2")]);
    assert_eq!(diagnosis(ID, &female), DiagnosisOutcome::NotMet);
    for code in ["2", "3"] {
        let f = with(
            &abc_severe(),
            &[("family_history", code), ("family_history_members", "")],
        );
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "family={code}");
        let c = det
            .criteria
            .iter()
            .find(|c| c.id == "dx_b2_male_family")
            .unwrap();
        assert_eq!(c.met, Some(false));
    }
    // Ａ and Ｄ: no condition on sex or family history.
    let f = with(
        &ad_severe(),
        &[
            ("sex", "2"),
            ("family_history", "2"),
            ("family_history_members", ""),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「Ｃ．鑑別診断が出来ている。」
#[test]
fn c_differential_not_done_is_not_met_without_gene() {
    let f = with(&abc_severe(), &[("sbma_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank signs keep Ａ open: 判定不能 naming exactly the blank signs.
#[test]
fn blank_signs_make_the_diagnosis_undetermined() {
    let f = with(
        &abc_severe(),
        &[
            ("sbma_lmn", "2"),
            ("sbma_finger_tremor", ""),
            ("sbma_hyporeflexia", ""),
        ],
    );
    assert_undetermined_naming(ID, &f, &["sbma_finger_tremor", "sbma_hyporeflexia"]);
}

// A blank Ｄ does not matter once Ａ．Ｂ．Ｃ．are met (but is still required on 新規).
#[test]
fn blank_gene_is_irrelevant_when_a_b_c_are_met() {
    let f = with(&abc_severe(), &[("sbma_gene", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(e.determination.undetermined_items.is_empty());
    assert!(codes(&e).contains(&("required".into(), "sbma_gene".into())));
}

// A blank Ｄ is open when Ｂ fails: 判定不能 naming it.
#[test]
fn blank_gene_is_open_when_b_fails() {
    let f = with(
        &abc_severe(),
        &[("sbma_needle_emg", "2"), ("sbma_gene", "")],
    );
    assert_undetermined_naming(ID, &f, &["sbma_gene"]);
}

// 「modified Rankin Scale（mRS）、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn mrs_nutrition_respiration_any_3_is_met_and_2_is_not() {
    let all2 = with(
        &abc_severe(),
        &[("mrs", "2"), ("nutrition", "2"), ("respiration", "2")],
    );
    assert_eq!(severity(ID, &all2), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &all2).determination.result,
        Outcome::NotEligible
    );
    for item in ["mrs", "nutrition", "respiration"] {
        let e = eval_new(ID, &with(&all2, &[(item, "3")]));
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        assert_eq!(e.determination.severity, SeverityOutcome::Met, "{item} 3");
        assert_eq!(e.determination.result, Outcome::Eligible, "{item} 3");
    }
    // A blank scale is named while the others are below 3 …
    assert_undetermined_naming(ID, &with(&all2, &[("mrs", "")]), &["mrs"]);
    // … and ignored once one is 3.
    let decided = with(&all2, &[("mrs", ""), ("respiration", "3")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// The Barthel Index is not part of this 重症度分類: 0 points in 3 items with mRS 2/2/2 is still 非該当.
#[test]
fn barthel_does_not_count() {
    let f = with(
        &abc_severe(),
        &[
            ("adl_walking", "0"),
            ("adl_stairs", "0"),
            ("adl_transfer", "0"),
            ("mrs", "2"),
            ("nutrition", "2"),
            ("respiration", "2"),
        ],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// Diagnosis not met wins over a blank severity.
#[test]
fn not_met_diagnosis_with_blank_severity_is_not_eligible() {
    let f = with(
        &abc_severe(),
        &[("sbma_bulbar", "2"), ("sbma_lmn", "2"), ("mrs", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = abc_severe();
    for id in [
        "sbma_bulbar",
        "sbma_lmn",
        "sbma_finger_tremor",
        "sbma_hyporeflexia",
        "sbma_adult_onset_progressive",
        "sbma_androgen_insufficiency",
        "sbma_needle_emg",
        "sbma_differential",
        "sbma_gene",
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
    assert!(codes(&e).contains(&("required".into(), "sbma_gene".into())));
}

// 「成人発症」: onset before 18 years with Ｂ１「あり」 is a warning (onset 2019-03, born 1955 → 63 is fine).
#[test]
fn onset_before_18_is_a_warning() {
    let e = eval_new(ID, &abc_severe());
    assert!(!codes(&e).iter().any(|(c, _)| c == "sbma_onset_before_18"));
    let f = with(&abc_severe(), &[("birth_date", "2002-04-01")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&(
        "sbma_onset_before_18".into(),
        "sbma_adult_onset_progressive".into()
    )));
    // 18 years exactly (born 2001-03-01, onset 2019-03) is adult.
    let f = with(&abc_severe(), &[("birth_date", "2001-03-01")]);
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "sbma_onset_before_18"));
}

#[test]
fn unknown_code_is_reported() {
    let f = with(&abc_severe(), &[("sbma_needle_emg", "4")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("code_unknown".into(), "sbma_needle_emg".into())));
}
