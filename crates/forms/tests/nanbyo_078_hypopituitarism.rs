//! 指定難病 78 下垂体前葉機能低下症 (nanbyo-078-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    Answer, ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};
use std::collections::BTreeMap;

const ID: &str = "nanbyo-078-2403";

/// GH stimulation test rows: (test code, peak).
fn gh_rows(rows: &[(&str, &str)]) -> Answer {
    Answer::Rows(
        rows.iter()
            .map(|(t, p)| {
                let mut r = BTreeMap::new();
                r.insert("test".to_string(), Answer::from(*t));
                r.insert("peak".to_string(), Answer::from(*p));
                r
            })
            .collect(),
    )
}

fn with_tests(base: &FormData, rows: &[(&str, &str)]) -> FormData {
    let mut f = base.clone();
    f.set("hypopit_gh_tests", gh_rows(rows));
    f
}

/// B．ACTH分泌低下症 Definite, severity 重症 (ACTH単独欠損症).
fn acth_definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("hypopit_hormones", "2"),
            ("hypopit_acth_symptoms", "1,2"),
            ("hypopit_acth_lab1", "1"),
            ("hypopit_acth_lab2", "1"),
            ("hypopit_acth_lab3", "1"),
            ("hypopit_acth_lab4", "1"),
            ("hypopit_acth_lab5", "3"),
            ("hypopit_acth_exclusion", "1"),
            ("hypopit_severe", "5"),
        ],
    )
}

/// A．ゴナドトロピン分泌低下症 Definite.
fn gn_definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("hypopit_hormones", "1"),
            ("hypopit_gn_symptoms", "3"),
            ("hypopit_gn_lab1", "1"),
            ("hypopit_gn_lab2", "1"),
            ("hypopit_gn_lab3", "1"),
            ("hypopit_gn_lab4", "1"),
            ("hypopit_gn_exclusion", "1"),
            ("hypopit_severe", "5"),
        ],
    )
}

/// C．TSH分泌低下症 Definite (with an organic disease: 重症).
fn tsh_definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("hypopit_hormones", "3"),
            ("hypopit_tsh_symptoms", "1"),
            ("hypopit_tsh_lab1", "1"),
            ("hypopit_tsh_lab2", "1"),
            ("hypopit_tsh_lab3", "1"),
            ("hypopit_tsh_exclusion", "1"),
            ("hypopit_severe", "1"),
        ],
    )
}

/// E．PRL分泌低下症 Definite (重症: 器質的疾患).
fn prl_definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("hypopit_hormones", "5"),
            ("hypopit_prl_postpartum", "1"),
            ("hypopit_prl_basal", "1"),
            ("hypopit_prl_trh", "1"),
            ("hypopit_severe", "1"),
        ],
    )
}

/// D-2 成人 with I-1 (小児期発症の成長障害) and two tests (insulin 3.0, arginine 3.0).
fn adult_gh() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("hypopit_hormones", "4"),
            ("hypopit_gh_age_group", "2"),
            ("hypopit_gh_adult_sx", "1"),
            ("hypopit_gh_multiple_deficiency", "2"),
            ("hypopit_gh_igf1_low", "1"),
            ("hypopit_severe", "4"),
        ],
    );
    with_tests(&f, &[("1", "3.0"), ("2", "3.0")])
}

/// D-1 小児 with ① (成長障害) and two tests (insulin 3.0, arginine 3.0): 重症.
fn child_gh() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("birth_date", "2015-04-01"),
            ("onset_ym", "2019-03"),
            ("hypopit_hormones", "4"),
            ("hypopit_gh_age_group", "1"),
            ("hypopit_gh_child_sx", "1"),
            ("hypopit_severe", "4"),
        ],
    );
    with_tests(&f, &[("1", "3.0"), ("2", "3.0")])
}

fn gh_type(f: &FormData) -> Option<CalcValue> {
    eval_new(ID, f)
        .calculations
        .get("hypopit_gh_type_calc")
        .cloned()
}

fn text(s: &str) -> Option<CalcValue> {
    Some(CalcValue::Text(s.to_string()))
}

#[test]
fn complete_forms_have_no_findings_and_are_eligible() {
    for (name, f) in [
        ("A", gn_definite()),
        ("B", acth_definite()),
        ("C", tsh_definite()),
        ("D-1", child_gh()),
        ("D-2", adult_gh()),
        ("E", prl_definite()),
    ] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{name}: {:#?}", e.findings);
        let det = &e.determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Definite, "{name}");
        assert_eq!(det.severity, SeverityOutcome::Met, "{name}");
        assert_eq!(det.result, Outcome::Eligible, "{name}");
        assert_eq!(det.rule_version, "nanbyo-078-2403/2020-03.2");
    }
}

// A 「Definite：（１）の１項目以上と（２）の全項目を満たす。」 and 「２．除外規定」.
#[test]
fn gonadotropin_each_requirement() {
    let f = with(&gn_definite(), &[("hypopit_gn_symptoms", "6")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    for item in [
        "hypopit_gn_lab1",
        "hypopit_gn_lab2",
        "hypopit_gn_lab3",
        "hypopit_gn_lab4",
    ] {
        for code in ["2", "3"] {
            let f = with(&gn_definite(), &[(item, code)]);
            assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}={code}");
        }
    }
    let f = with(&gn_definite(), &[("hypopit_gn_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// B 「Definite：（１）の１項目以上と（２）の①～③を満たし、④あるいは④及び⑤を満たす。」: ⑤ is optional, ④ is not.
#[test]
fn acth_fourth_required_fifth_optional() {
    let f = with(&acth_definite(), &[("hypopit_acth_lab5", "")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    for item in [
        "hypopit_acth_lab1",
        "hypopit_acth_lab2",
        "hypopit_acth_lab3",
        "hypopit_acth_lab4",
    ] {
        let f = with(&acth_definite(), &[(item, "2")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
    let f = with(&acth_definite(), &[("hypopit_acth_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&acth_definite(), &[("hypopit_acth_symptoms", "6")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// C 「Definite：（１）の１項目以上と（２）の全項目を満たす。」
#[test]
fn tsh_each_requirement() {
    for item in ["hypopit_tsh_lab1", "hypopit_tsh_lab2", "hypopit_tsh_lab3"] {
        let f = with(&tsh_definite(), &[(item, "3")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
    let f = with(&tsh_definite(), &[("hypopit_tsh_symptoms", "6")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&tsh_definite(), &[("hypopit_tsh_symptoms", "7")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// E 「1（１）と（２）を満たす。」
#[test]
fn prl_each_requirement() {
    for (item, code) in [
        ("hypopit_prl_postpartum", "3"),
        ("hypopit_prl_basal", "2"),
        ("hypopit_prl_trh", "3"),
    ] {
        let f = with(&prl_definite(), &[(item, code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
}

// 「いずれかの診断基準を満たす」: one Definite suffices even when another marked deficiency is not met.
#[test]
fn one_definite_deficiency_suffices() {
    let f = with(
        &acth_definite(),
        &[
            ("hypopit_hormones", "2,3"),
            ("hypopit_tsh_symptoms", "7"),
            ("hypopit_tsh_lab1", "2"),
            ("hypopit_tsh_lab2", "2"),
            ("hypopit_tsh_lab3", "2"),
            ("hypopit_tsh_exclusion", "1"),
        ],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    // …and a blank item of the other block does not matter.
    let f = with(&f, &[("hypopit_tsh_lab3", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// Blocks not marked are not asked; a blank item of the only block is open.
#[test]
fn unmarked_blocks_are_not_asked_and_blanks_are_named() {
    let e = eval_new(ID, &acth_definite());
    assert!(!codes(&e).contains(&("required".into(), "hypopit_gn_lab1".into())));
    let f = with(&acth_definite(), &[("hypopit_acth_lab4", "")]);
    assert_undetermined_naming(ID, &f, &["hypopit_acth_lab4"]);
}

// D-2 「１．Iの１あるいはIの２と３を満たし、かつIIの１で２種類以上のGH分泌刺激試験において基準を満たすもの」
// 「…頂値が３ng/mL以下である」: 3.0 meets, 3.1 does not.
#[test]
fn adult_definite_1_two_tests_at_3() {
    assert_eq!(diagnosis(ID, &adult_gh()), DiagnosisOutcome::Definite);
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("2", "3.1")]);
    // Only one test meets: not Definite 1; IGF-I low gives 「疑い（Possible）」.
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
    // I-2 and I-3 together replace I-1; I-2 alone does not.
    let f = with(&adult_gh(), &[("hypopit_gh_adult_sx", "2,3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(
        &adult_gh(),
        &[("hypopit_gh_adult_sx", "2"), ("hypopit_gh_igf1_low", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「GHRP-2負荷試験で…GH頂値が９ng/mL以下であるとき」: 9.0 meets, 9.1 does not; 注３ クロニジン・L-DOPA are not counted for adults.
#[test]
fn adult_ghrp2_and_excluded_tests() {
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("6", "9.0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("6", "9.1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Possible);
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("4", "0.5")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Possible);
    assert!(codes(&e).contains(&(
        "hypopit_adult_test_not_used".into(),
        "hypopit_gh_tests".into()
    )));
}

// D-2 「２．Iの４とIIの２を満たし、IIの１で１種類のGH分泌刺激試験において基準を満たすもの」
#[test]
fn adult_definite_2_one_test() {
    let base = with(
        &adult_gh(),
        &[
            ("hypopit_gh_adult_sx", "4"),
            ("hypopit_gh_multiple_deficiency", "1"),
        ],
    );
    let f = with_tests(&base, &[("5", "3.0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&f, &[("hypopit_gh_multiple_deficiency", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Possible);
}

// 重症成人GH分泌不全症 「…頂値が全て1.8ng/mL以下（GHRP-2負荷試験では９ng/mL以下）」 / 中等度: otherwise.
#[test]
fn adult_severe_type_boundary() {
    let f = with_tests(&adult_gh(), &[("1", "1.8"), ("2", "1.8")]);
    assert_eq!(gh_type(&f), text("1"));
    let f = with_tests(&adult_gh(), &[("1", "1.8"), ("2", "1.9")]);
    assert_eq!(gh_type(&f), text("2"));
    assert_eq!(gh_type(&adult_gh()), text("2"));
}

// D-1 重症 「主症候が１（１）①を満たし、かつ１（２）の２種以上の分泌刺激試験におけるGH頂値が全て３ng/mL以下（GHRP-2負荷試験では10ng/mL以下）のもの」
#[test]
fn child_severe_two_tests_all_at_3() {
    assert_eq!(gh_type(&child_gh()), text("1"));
    let f = with_tests(&child_gh(), &[("1", "3.0"), ("6", "10.0")]);
    assert_eq!(gh_type(&f), text("1"));
    let f = with_tests(&child_gh(), &[("1", "3.0"), ("6", "10.1")]);
    assert_eq!(gh_type(&f), text("2"));
    // One test only with ① alone: not 重症 (but 中等症).
    let f = with_tests(&child_gh(), &[("1", "2.0")]);
    assert_eq!(gh_type(&f), text("2"));
}

// D-1 重症 「又は、主症候が１（１）の②若しくは１（１）の①と③を満たし、かつ１（２）の１種類の分泌刺激試験におけるGH頂値が３ng/mL以下…のもの」
#[test]
fn child_severe_one_test_with_2_or_1_and_3() {
    for sx in ["2", "1,3"] {
        let f = with_tests(
            &with(&child_gh(), &[("hypopit_gh_child_sx", sx)]),
            &[("3", "3.0")],
        );
        assert_eq!(gh_type(&f), text("1"), "{sx}");
    }
}

// D-1 中等症 「…全てのGH頂値が６ng/mL以下（GHRP-2負荷試験では16ng/mL以下）のもの」: 6.0 met, 6.1 not.
#[test]
fn child_moderate_boundary() {
    let f = with_tests(&child_gh(), &[("1", "6.0"), ("6", "16.0")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(gh_type(&f), text("2"));
    let f = with_tests(&child_gh(), &[("1", "6.0"), ("2", "6.1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_eq!(gh_type(&f), text("3"));
    let f = with_tests(&child_gh(), &[("1", "5.0"), ("6", "16.1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&child_gh(), &[("hypopit_gh_child_sx", "4")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「重症を対象とする。」「軽症：特発性間脳性無月経、心因性無月経など」
#[test]
fn severity_any_severe_condition_is_met() {
    let mild = with(&tsh_definite(), &[("hypopit_severe", "6")]);
    let e = eval_new(ID, &mild);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    for code in ["1", "2", "3", "4", "5"] {
        let f = with(&tsh_definite(), &[("hypopit_severe", code)]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{code}");
    }
    assert_undetermined_naming(
        ID,
        &with(&tsh_definite(), &[("hypopit_severe", "")]),
        &["hypopit_severe"],
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_a_possible_diagnosis() {
    let mut f = with(&tsh_definite(), &[("hypopit_severe", "6")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let mut g = with_tests(&adult_gh(), &[("1", "3.0"), ("2", "5.0")]);
    g.set(
        "high_cost_months",
        f.get("high_cost_months").unwrap().clone(),
    );
    let det = eval_new(ID, &g).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = acth_definite();
    for item in [
        "hypopit_hormones",
        "hypopit_acth_symptoms",
        "hypopit_acth_lab1",
        "hypopit_acth_lab2",
        "hypopit_acth_lab3",
        "hypopit_acth_lab4",
        "hypopit_acth_lab5",
        "hypopit_acth_exclusion",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "hypopit_hormones".into())));
}

#[test]
fn checks_produce_findings() {
    let f = with(&acth_definite(), &[("hypopit_acth_symptoms", "1,6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "hypopit_acth_symptoms_none_with_others".into(),
        "hypopit_acth_symptoms".into()
    )));
    let f = with(&adult_gh(), &[("hypopit_gh_adult_sx", "1,5")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "hypopit_gh_adult_sx_none_with_others".into(),
        "hypopit_gh_adult_sx".into()
    )));
    // ACTH分泌低下症 with 軽症 chosen: warning.
    let f = with(&acth_definite(), &[("hypopit_severe", "6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "hypopit_mild_but_severe_findings".into(),
        "hypopit_severe".into()
    )));
    let f = with(&acth_definite(), &[("hypopit_severe", "2,6")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "hypopit_severe_none_with_others".into(),
        "hypopit_severe".into()
    )));
    // A GH test row needs a peak.
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("2", "")]);
    assert!(!errors(&eval_new(ID, &f)).is_empty());
    let f = with_tests(&adult_gh(), &[("1", "3.0"), ("2", "300")]);
    assert!(codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, i)| c == "range" && i.starts_with("hypopit_gh_tests")));
}
