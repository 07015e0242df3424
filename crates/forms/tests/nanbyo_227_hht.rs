//! 指定難病 227 オスラー病（遺伝性出血性末梢血管拡張症）: 診断のカテゴリーは指定医の記載
//! (`nanbyo/declared_diagnosis`)、重症度分類は機械判定。Each test cites the sentence of
//! the MHLW 概要・診断基準等 (shared/data/mhlw-gaiyo-2020/227.txt) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-227-2403";

/// A declared category and every 重症度 item at 重症度２ at most (overall grade 2).
fn below(category: &str) -> FormData {
    with(
        &declared(category),
        &[
            ("hht_mmrc", "2"),
            ("hht_pao2", "75"),
            ("hht_shunt_rate", "9.9"),
            ("hht_liver_avm", "2"),
            ("hht_gi_bleeding", "2"),
            ("hht_brain_avm", "2"),
            ("hht_epistaxis_frequency", "1"),
            ("hht_epistaxis_duration", "1"),
            ("hht_epistaxis_degree", "1"),
            ("hht_pavm_needs_treatment", "2"),
            ("hht_paradoxical_embolism", "2"),
        ],
    )
}

fn grade(f: &FormData) -> Option<CalcValue> {
    eval_new(ID, f)
        .calculations
        .get("hht_severity_grade")
        .cloned()
}

fn sev(pairs: &[(&str, &str)]) -> SeverityOutcome {
    severity(ID, &with(&below("1"), pairs))
}

// 「…の項目の中で、最も重い重症度基準を満たすグレードを選択して、全体の重症度とする。」
// 「重症度３以上を対象とする。」 A complete form whose worst item is 重症度２ is 非該当 with no finding.
#[test]
fn complete_form_at_grade_2_has_no_finding_and_is_not_eligible() {
    let e = eval_new(ID, &below("1"));
    assert!(e.findings.is_empty(), "{:?}", e.findings);
    assert_eq!(
        e.calculations.get("hht_severity_grade"),
        Some(&CalcValue::Number(2.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「重症度３ 自覚症状 mMRC ≥ ３」: mMRC 3 is met (該当, no error), 2 is not.
#[test]
fn mmrc_3_is_met_and_2_is_not() {
    let f = with(&below("1"), &[("hht_mmrc", "3")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(grade(&f), Some(CalcValue::Number(3.0)));
    assert_eq!(sev(&[("hht_mmrc", "2")]), SeverityOutcome::NotMet);
    assert_eq!(
        grade(&with(&below("1"), &[("hht_mmrc", "4")])),
        Some(CalcValue::Number(4.0))
    );
}

// 「２ PaO2 ≥ 70 Torr」「３ PaO2 ＞ 60 Torr」「４ PaO2 ≤ 60 Torr」: 69.9 is 重症度３, 70 is ２, 60 is ４.
#[test]
fn pao2_below_70_is_met_and_70_is_not() {
    assert_eq!(sev(&[("hht_pao2", "69.9")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("hht_pao2", "70")]), SeverityOutcome::NotMet);
    assert_eq!(
        grade(&with(&below("1"), &[("hht_pao2", "69.9")])),
        Some(CalcValue::Number(3.0))
    );
    assert_eq!(
        grade(&with(&below("1"), &[("hht_pao2", "60")])),
        Some(CalcValue::Number(4.0))
    );
}

// 「動脈血ガス分析ができない場合にはパルスオキシメータによる酸素飽和度で代用できる。」
// 「２ (SpO2 ≥ 93％)」「３ (SpO2 ＞90％)」: with PaO2 未実施, SpO2 92 is met and 93 is not.
#[test]
fn spo2_replaces_pao2_only_when_the_blood_gas_was_not_done() {
    let f = with(&below("1"), &[("hht_pao2", "not_done"), ("hht_spo2", "92")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        sev(&[("hht_pao2", "not_done"), ("hht_spo2", "93")]),
        SeverityOutcome::NotMet
    );
    assert_eq!(
        grade(&with(
            &below("1"),
            &[("hht_pao2", "not_done"), ("hht_spo2", "90")]
        )),
        Some(CalcValue::Number(4.0))
    );
    // PaO2 measured: a low SpO2 is not used.
    assert_eq!(sev(&[("hht_spo2", "85")]), SeverityOutcome::NotMet);
    // PaO2 未実施 and SpO2 blank: required, and the result stays open naming SpO2.
    let open = with(&below("1"), &[("hht_pao2", "not_done")]);
    assert!(codes(&eval_new(ID, &open)).contains(&("required".to_string(), "hht_spo2".to_string())));
    assert_undetermined_naming(ID, &open, &["hht_spo2"]);
}

// Check: 「動脈血ガス分析ができない場合にはパルスオキシメータによる酸素飽和度で代用できる。」 Both 未実施 → warning.
#[test]
fn both_oxygenation_values_not_done_is_a_warning() {
    let f = with(
        &below("1"),
        &[("hht_pao2", "not_done"), ("hht_spo2", "not_done")],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert!(codes(&e).contains(&("hht_no_oxygenation".to_string(), "hht_spo2".to_string())));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// 「２ 肺内シャント率 ＜ 10％」「３ 肺内シャント率 ＜ 15％」「４ 肺内シャント率 ≥ 15％」: 10 met, 9.9 not (base), 15 is ４.
#[test]
fn shunt_rate_10_is_met_and_9_9_is_not() {
    assert_eq!(sev(&[("hht_shunt_rate", "10")]), SeverityOutcome::Met);
    assert_eq!(sev(&[]), SeverityOutcome::NotMet);
    assert_eq!(
        grade(&with(&below("1"), &[("hht_shunt_rate", "15")])),
        Some(CalcValue::Number(4.0))
    );
    // 未実施 is an answer: not used, decided.
    assert_eq!(
        sev(&[("hht_shunt_rate", "not_done")]),
        SeverityOutcome::NotMet
    );
    // Out of range → finding.
    let e = eval_new(ID, &with(&below("1"), &[("hht_shunt_rate", "120")]));
    assert!(codes(&e).contains(&("range".to_string(), "hht_shunt_rate".to_string())));
}

// 「３ 血管病変を認め、治療を要し、身体活動が中等度に制限される」（肝動静脈奇形、消化管出血）: each alone.
#[test]
fn liver_avm_or_gi_bleeding_at_3_is_met() {
    assert_eq!(sev(&[("hht_liver_avm", "3")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("hht_gi_bleeding", "3")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("hht_gi_bleeding", "4")]), SeverityOutcome::Met);
    // 「２ …治療を要するが、身体活動は制限されない」 is the base: not met.
    assert_eq!(
        sev(&[("hht_liver_avm", "2"), ("hht_gi_bleeding", "2")]),
        SeverityOutcome::NotMet
    );
}

// 「脳・脊髄動静脈奇形に関する重症度３ １)…２)…３)…」 met; 「重症度３に至らない場合」 (２) not.
#[test]
fn brain_avm_grade_3_is_met_and_2_is_not() {
    assert_eq!(sev(&[("hht_brain_avm", "3")]), SeverityOutcome::Met);
    assert_eq!(sev(&[("hht_brain_avm", "2")]), SeverityOutcome::NotMet);
}

// 「頻度、持続時間、程度の中で、最も重い重症度基準を満たすグレードを選択して、鼻出血全体の重症度とする。」
// 「３ 鼻出血 中等度」: each of 頻度 週１回以上, 持続時間 ＜15分 (5分以上), 程度 あふれ出る alone is met; all 軽症 is not.
#[test]
fn epistaxis_moderate_by_any_of_its_three_measures() {
    for item in [
        "hht_epistaxis_frequency",
        "hht_epistaxis_duration",
        "hht_epistaxis_degree",
    ] {
        assert_eq!(sev(&[(item, "2")]), SeverityOutcome::Met, "{item}");
    }
    assert_eq!(sev(&[]), SeverityOutcome::NotMet);
    // 「重症」 in one measure: 重症度４.
    assert_eq!(
        grade(&with(&below("1"), &[("hht_epistaxis_degree", "3")])),
        Some(CalcValue::Number(4.0))
    );
}

// 「治療を必要とする肺動静脈奇形が存在する場合、奇異性塞栓症の既往がある場合には重症度３とする。」 Each alone.
#[test]
fn pavm_needing_treatment_or_paradoxical_embolism_is_grade_3() {
    for item in ["hht_pavm_needs_treatment", "hht_paradoxical_embolism"] {
        let f = with(&below("1"), &[(item, "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
        assert_eq!(grade(&f), Some(CalcValue::Number(3.0)), "{item}");
    }
}

// 「Definiteのみを対象とする。Probable及びPossibleの場合は、さらにオスラー病か否かの診断を経過観察も含めて進める。」
#[test]
fn only_definite_is_eligible() {
    let severe = |c: &str| with(&below(c), &[("hht_mmrc", "3")]);
    assert_eq!(diagnosis(ID, &severe("1")), DiagnosisOutcome::Definite);
    assert_eq!(
        eval_new(ID, &severe("1")).determination.result,
        Outcome::Eligible
    );
    for (c, want) in [
        ("2", DiagnosisOutcome::Probable),
        ("3", DiagnosisOutcome::Possible),
        ("4", DiagnosisOutcome::NotMet),
    ] {
        assert_eq!(diagnosis(ID, &severe(c)), want, "{c}");
        assert_eq!(
            eval_new(ID, &severe(c)).determination.result,
            Outcome::NotEligible,
            "{c}"
        );
    }
}

// 「重症度３以上を対象とする。」 A blank item is named while nothing else reaches 3; it does not matter once another item does.
#[test]
fn a_blank_item_is_named_only_while_it_matters() {
    let open = with(&below("1"), &[("hht_mmrc", "")]);
    assert!(codes(&eval_new(ID, &open)).contains(&("required".to_string(), "hht_mmrc".to_string())));
    assert_undetermined_naming(ID, &open, &["hht_mmrc"]);
    let decided = with(&open, &[("hht_brain_avm", "3")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
    // Blank PaO2 (20–150 Torr, or 未実施 so that SpO2 counts) could be either side of 70:
    // both are named while SpO2 is blank, only PaO2 once SpO2 is given.
    let no_pao2 = with(&below("1"), &[("hht_pao2", "")]);
    assert_undetermined_naming(ID, &no_pao2, &["hht_pao2", "hht_spo2"]);
    assert_undetermined_naming(ID, &with(&no_pao2, &[("hht_spo2", "95")]), &["hht_pao2"]);
}
