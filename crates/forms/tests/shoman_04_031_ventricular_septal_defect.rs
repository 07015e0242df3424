//! 小慢 第4表 慢性心疾患 告示番号31 心室中隔欠損症 (shoman-04-031-2403): every boundary
//! of every criterion, the age limits and the checks. Each test cites the sentence of the
//! 告示 第4表 備考 it tests (sources and review flags: forms/definitions/shoman/04-031-2403.toml).

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "shoman-04-031-2403";

/// A 10-year-old with a perimembranous VSD on a diuretic; every ①–⑨ finding normal.
fn eligible() -> FormData {
    with(
        &shoman_common("2015-01-15"),
        &[
            ("diagnosis_category_declared", ""),
            ("condition_level_declared", ""),
            ("vsd_confirmed_by", "1"),
            ("vsd_location", "1"),
            ("vsd_not_part_of_complex_chd", "1"),
            ("vsd_surgery", "1"),
            ("vsd_drugs", "2"),
            ("vsd_pa_systolic", "25"),
            ("vsd_rv_pa_gradient", "5"),
            ("vsd_av_valve_regurgitation", "1"),
            ("vsd_semilunar_regurgitation", "0"),
            ("vsd_aortic_stenosis_gradient", "0"),
            ("vsd_arrhythmia", "2"),
            ("vsd_lvef", "0.68"),
            ("vsd_ctr", "52"),
            ("vsd_aortic_restenosis_gradient", "not_done"),
            ("vsd_preventive_treatment", "2"),
        ],
    )
}

/// No drug and every finding normal: the condition level is not met.
fn no_drugs() -> FormData {
    with(&eligible(), &[("vsd_drugs", "9")])
}

fn ev(f: &FormData) -> Evaluation {
    eval_new(ID, f)
}

fn result(f: &FormData) -> Outcome {
    ev(f).determination.result
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = ev(&eligible());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let d = e.determination;
    assert!(d.machine_determination);
    assert_eq!(d.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(d.severity, SeverityOutcome::Met);
    assert_eq!(d.result, Outcome::Eligible);
    let e = ev(&no_drugs());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 第1基準「治療で強心薬、利尿薬、抗不整脈薬、抗血小板薬、抗凝固薬、末しよう血管拡張薬、β遮断薬又は
//   肺血管拡張薬のいずれかが投与されている場合であること。」
#[test]
fn first_standard_each_drug_class() {
    for code in ["1", "2", "3", "4", "5", "6", "7", "8"] {
        assert_eq!(
            result(&with(&eligible(), &[("vsd_drugs", code)])),
            Outcome::Eligible,
            "{code}"
        );
    }
    assert_eq!(result(&no_drugs()), Outcome::NotEligible);
    // Drugs blank: open, naming the item (the findings are all normal).
    let e = ev(&with(&eligible(), &[("vsd_drugs", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["vsd_drugs".to_string()]
    );
}

// 第2基準 ①「肺高血圧症(収縮期血圧40mmHg以上)」 ②「肺動脈狭さく症(右室―肺動脈圧較差20mmHg以上)」
// ⑤「圧較差20mmHg以上の大動脈狭さく」 ⑦「左室駆出率0.6以下」 ⑧「心胸郭比60%以上」
// ⑨「圧較差20mmHg以上の大動脈再狭さく」 — each numeric threshold on both sides, without drugs.
#[test]
fn second_standard_numeric_thresholds() {
    for (item, met, not_met) in [
        ("vsd_pa_systolic", "40", "39"),
        ("vsd_rv_pa_gradient", "20", "19"),
        ("vsd_aortic_stenosis_gradient", "20", "19"),
        ("vsd_lvef", "0.60", "0.61"),
        ("vsd_ctr", "60", "59"),
        ("vsd_aortic_restenosis_gradient", "20", "19"),
    ] {
        assert_eq!(
            result(&with(&no_drugs(), &[(item, met)])),
            Outcome::Eligible,
            "{item}={met}"
        );
        assert_eq!(
            result(&with(&no_drugs(), &[(item, not_met)])),
            Outcome::NotEligible,
            "{item}={not_met}"
        );
    }
}

// ③「2度以上の房室弁逆流」 ④「2度以上の半月弁逆流」 ⑥「心室性期外収縮、上室性頻拍、心室性頻拍、
//   心房粗細動又は高度房室ブロック」
#[test]
fn second_standard_graded_and_yes_no_findings() {
    for item in ["vsd_av_valve_regurgitation", "vsd_semilunar_regurgitation"] {
        for (grade, expected) in [
            ("2", Outcome::Eligible),
            ("4", Outcome::Eligible),
            ("1", Outcome::NotEligible),
            ("5", Outcome::NotEligible), // 未評価 shows nothing
        ] {
            assert_eq!(
                result(&with(&no_drugs(), &[(item, grade)])),
                expected,
                "{item}={grade}"
            );
        }
    }
    assert_eq!(
        result(&with(&no_drugs(), &[("vsd_arrhythmia", "1")])),
        Outcome::Eligible
    );
    // 不明 is not あり.
    assert_eq!(
        result(&with(&no_drugs(), &[("vsd_arrhythmia", "3")])),
        Outcome::NotEligible
    );
}

// 第2基準: a blank finding is open only while nothing else meets the condition level.
#[test]
fn blank_findings_matter_only_without_another_ground() {
    let e = ev(&with(&no_drugs(), &[("vsd_pa_systolic", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["vsd_pa_systolic".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "vsd_pa_systolic".into())));
    // With a diuretic (第1基準) the blank pressure does not matter.
    let e = ev(&with(&eligible(), &[("vsd_pa_systolic", "")]));
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 未実施 is an answer: not shown, decided.
    let e = ev(&with(&no_drugs(), &[("vsd_pa_systolic", "not_done")]));
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 備考2「疾病の状態の程度に定める症状を呈していない者に対する治療を行う場合であって、当該治療が当該症状を
//   呈すると予測されるものに対して行う治療として保険適用されている場合は、疾病の状態の程度を満たすものとする。」
#[test]
fn preventive_treatment_meets_the_condition_level() {
    assert_eq!(
        result(&with(&no_drugs(), &[("vsd_preventive_treatment", "1")])),
        Outcome::Eligible
    );
}

// 確定診断 (心臓超音波、心臓カテーテル造影、CT、MRI), and not part of a complex heart disease.
#[test]
fn diagnosis_needs_confirmation_and_an_isolated_defect() {
    for code in ["1", "2", "3", "4"] {
        let d = ev(&with(&eligible(), &[("vsd_confirmed_by", code)])).determination;
        assert_eq!(d.diagnosis, DiagnosisOutcome::Definite, "{code}");
    }
    let d = ev(&with(&eligible(), &[("vsd_confirmed_by", "5")])).determination;
    assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let d = ev(&with(&eligible(), &[("vsd_not_part_of_complex_chd", "2")])).determination;
    assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let d = ev(&with(&eligible(), &[("vsd_confirmed_by", "")])).determination;
    assert_eq!(d.result, Outcome::Undetermined);
    assert_eq!(d.undetermined_items, vec!["vsd_confirmed_by".to_string()]);
}

#[test]
fn contradictory_none_answers_are_errors() {
    let e = ev(&with(&eligible(), &[("vsd_drugs", "2,9")]));
    assert!(codes(&e).contains(&("vsd_no_drugs_with_drugs".into(), "vsd_drugs".into())));
    let e = ev(&with(&eligible(), &[("vsd_confirmed_by", "1,5")]));
    assert!(codes(&e).contains(&(
        "vsd_not_confirmed_with_tests".into(),
        "vsd_confirmed_by".into()
    )));
    assert_eq!(errors(&e).len(), 1, "{:?}", errors(&e));
}

// 小慢の対象は18歳未満（新規）; 18歳到達時に受給者であれば継続で20歳未満まで.
#[test]
fn age_limits_new_and_continuation() {
    let at = |birth: &str| with(&eligible(), &[("birth_date", birth), ("schooling", "6")]);
    assert_eq!(result(&at("2007-06-21")), Outcome::Eligible);
    let e = ev(&at("2007-06-20"));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    assert_eq!(
        cont(&at("2005-06-21")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(
        cont(&at("2005-06-20")).determination.result,
        Outcome::NotEligible
    );
}

// 継続: the diagnosis items may be blank; the condition level is judged on the current state.
#[test]
fn continuation_needs_only_the_current_state() {
    let f = with(
        &eligible(),
        &[
            ("diagnosis_date", ""),
            ("vsd_confirmed_by", ""),
            ("vsd_location", ""),
            ("vsd_not_part_of_complex_chd", ""),
        ],
    );
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    let e = cont(&f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        cont(&with(&f, &[("vsd_drugs", "9")])).determination.result,
        Outcome::NotEligible
    );
}
