//! 小慢 第7表 糖尿病 告示番号1 1型糖尿病 (shoman-07-001-2403): every boundary of
//! every criterion, the age limits and the checks. Each test cites the sentence it tests
//! (sources and review flags: forms/definitions/shoman/07-001-2403.toml).

use crate::common::*;
use nsdb_forms::{evaluate, ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "shoman-07-001-2403";

/// A 10-year-old with type 1 diabetes on multiple daily injections; every item answered.
fn eligible() -> FormData {
    with(
        &shoman_common("2015-01-15"),
        &[
            ("diagnosis_category_declared", ""),
            ("condition_level_declared", ""),
            ("t1d_symptoms", "1"),
            ("t1d_ketosis", "1"),
            ("t1d_fpg", "not_done"),
            ("t1d_ogtt_2h", "not_done"),
            ("t1d_random_pg", "412"),
            ("t1d_hba1c", "11.2"),
            ("t1d_repeat_diabetic_type", "2"),
            ("t1d_autoantibody", "1"),
            ("t1d_fasting_cpr", "0.3"),
            ("t1d_other_types_excluded", "1"),
            ("t1d_therapy", "1"),
            ("t1d_insulin_units_per_kg", "0.9"),
            ("t1d_current_hba1c", "7.4"),
            ("t1d_severe_hypoglycemia", "2"),
        ],
    )
}

fn det(f: &FormData) -> nsdb_forms::Determination {
    eval_new(ID, f).determination
}

fn kind(f: &FormData, k: ApplicationKind) -> nsdb_forms::Evaluation {
    evaluate(&def(ID), f, k, today())
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &eligible());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let d = e.determination;
    assert!(d.machine_determination);
    assert_eq!(d.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(d.severity, SeverityOutcome::Met);
    assert_eq!(d.result, Outcome::Eligible);
}

// 「糖尿病型(①空腹時血糖値≧126 mg/dl、または②経口ブドウ糖負荷試験(OGTT)2 時間値≧200 mg/dl、
//   あるいは③随時血糖値≧200 mg/dl)」 — each threshold on both sides.
#[test]
fn each_glucose_threshold_on_both_sides() {
    let none = with(
        &eligible(),
        &[
            ("t1d_fpg", "not_done"),
            ("t1d_ogtt_2h", "not_done"),
            ("t1d_random_pg", "not_done"),
        ],
    );
    assert_eq!(det(&none).diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det(&none).result, Outcome::NotEligible);
    for (item, met, not_met) in [
        ("t1d_fpg", "126", "125"),
        ("t1d_ogtt_2h", "200", "199"),
        ("t1d_random_pg", "200", "199"),
    ] {
        let d = det(&with(&none, &[(item, met)]));
        assert_eq!(d.diagnosis, DiagnosisOutcome::Definite, "{item}={met}");
        assert_eq!(d.result, Outcome::Eligible, "{item}={met}");
        let d = det(&with(&none, &[(item, not_met)]));
        assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet, "{item}={not_met}");
        assert_eq!(d.result, Outcome::NotEligible, "{item}={not_met}");
    }
}

// Same sentence: a blank glucose value is open only while no other value is diabetic.
#[test]
fn blank_glucose_is_undetermined_only_when_it_could_decide() {
    let f = with(
        &eligible(),
        &[
            ("t1d_fpg", ""),
            ("t1d_ogtt_2h", "not_done"),
            ("t1d_random_pg", "150"),
        ],
    );
    let d = det(&f);
    assert_eq!(d.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(d.result, Outcome::Undetermined);
    assert_eq!(d.undetermined_items, vec!["t1d_fpg".to_string()]);
    // 随時血糖 412 already makes the diabetic type: the blank 空腹時血糖 does not matter.
    let f = with(&eligible(), &[("t1d_fpg", "")]);
    assert_eq!(det(&f).result, Outcome::Eligible);
}

// 「糖尿病の診断には慢性高血糖の確認が不可欠である。」; JDS 診断の指針: 「血糖値とHbA1cが同一採血で
// それぞれ糖尿病型」「糖尿病型（血糖値に限る）を1回確認＋慢性高血糖症状」「糖尿病型を2回確認」.
#[test]
fn chronic_hyperglycemia_hba1c_boundary_and_symptoms() {
    let no_sym = with(&eligible(), &[("t1d_symptoms", "2")]);
    assert_eq!(
        det(&with(&no_sym, &[("t1d_hba1c", "6.5")])).result,
        Outcome::Eligible
    );
    let d = det(&with(&no_sym, &[("t1d_hba1c", "6.4")]));
    assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    // 不明 shows nothing: same as なし.
    let d = det(&with(
        &eligible(),
        &[("t1d_symptoms", "3"), ("t1d_hba1c", "6.4")],
    ));
    assert_eq!(d.result, Outcome::NotEligible);
    // HbA1c 未実施 but typical symptoms: confirmed.
    let d = det(&with(&eligible(), &[("t1d_hba1c", "not_done")]));
    assert_eq!(d.result, Outcome::Eligible);
    // HbA1c blank with no symptoms: open, naming the HbA1c.
    let d = det(&with(&no_sym, &[("t1d_hba1c", "")]));
    assert_eq!(d.result, Outcome::Undetermined);
    assert_eq!(d.undetermined_items, vec!["t1d_hba1c".to_string()]);
    // A second diabetic-type test on another day confirms it too.
    let d = det(&with(
        &no_sym,
        &[("t1d_hba1c", "6.4"), ("t1d_repeat_diabetic_type", "1")],
    ));
    assert_eq!(d.result, Outcome::Eligible);
    // …and left blank it keeps the result open when nothing else confirms.
    let d = det(&with(
        &no_sym,
        &[("t1d_hba1c", "6.4"), ("t1d_repeat_diabetic_type", "")],
    ));
    assert_eq!(d.result, Outcome::Undetermined);
    assert_eq!(
        d.undetermined_items,
        vec!["t1d_repeat_diabetic_type".to_string()]
    );
}

// 「３．膵島関連自己抗体が陽性である。４．膵島関連自己抗体が証明できないが、
//   内因性インスリン分泌が欠乏している（空腹時CPR<0.6 ng/ml）。」
#[test]
fn type1_evidence_antibody_or_cpr_below_0_6() {
    let neg = with(&eligible(), &[("t1d_autoantibody", "2")]);
    assert_eq!(
        det(&with(&neg, &[("t1d_fasting_cpr", "0.59")])).result,
        Outcome::Eligible
    );
    let d = det(&with(&neg, &[("t1d_fasting_cpr", "0.6")]));
    assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    // Antibodies not tested and CPR not done: not shown.
    let d = det(&with(
        &eligible(),
        &[("t1d_autoantibody", "3"), ("t1d_fasting_cpr", "not_done")],
    ));
    assert_eq!(d.result, Outcome::NotEligible);
    // Antibody positive: a blank CPR does not matter (and is not required).
    let e = eval_new(ID, &with(&eligible(), &[("t1d_fasting_cpr", "")]));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // Antibody negative and CPR blank: open, naming the CPR, which is then required.
    let e = eval_new(ID, &with(&neg, &[("t1d_fasting_cpr", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["t1d_fasting_cpr".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "t1d_fasting_cpr".into())));
}

// 「…MODY等、遺伝子異常が明らかになったもの、新生児糖尿病、…二次的なもの等、様々な病因・病態の糖尿病がある。」
#[test]
fn other_types_must_be_excluded() {
    let d = det(&with(&eligible(), &[("t1d_other_types_excluded", "2")]));
    assert_eq!(d.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let d = det(&with(&eligible(), &[("t1d_other_types_excluded", "")]));
    assert_eq!(d.result, Outcome::Undetermined);
    assert_eq!(
        d.undetermined_items,
        vec!["t1d_other_types_excluded".to_string()]
    );
}

// 「治療でインスリンその他の糖尿病治療薬又はIGF-1のうち一つ以上を用いている場合。
//   食事療法、生活指導のみの症例は対象外である。」
#[test]
fn drug_therapy_is_the_condition_level() {
    for code in ["1", "2", "3", "5"] {
        let d = det(&with(&eligible(), &[("t1d_therapy", code)]));
        assert_eq!(d.severity, SeverityOutcome::Met, "{code}");
        assert_eq!(d.result, Outcome::Eligible, "{code}");
    }
    let d = det(&with(
        &eligible(),
        &[("t1d_therapy", "4"), ("t1d_insulin_units_per_kg", "")],
    ));
    assert_eq!(d.severity, SeverityOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let e = eval_new(ID, &with(&eligible(), &[("t1d_therapy", "")]));
    assert_eq!(e.determination.severity, SeverityOutcome::Undetermined);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["t1d_therapy".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "t1d_therapy".into())));
}

#[test]
fn checks_on_the_therapy() {
    let e = eval_new(ID, &with(&eligible(), &[("t1d_therapy", "1,4")]));
    assert!(codes(&e).contains(&("t1d_diet_only_with_drugs".into(), "t1d_therapy".into())));
    assert!(!errors(&e).is_empty());
    let e = eval_new(ID, &with(&eligible(), &[("t1d_therapy", "3")]));
    assert!(codes(&e).contains(&(
        "t1d_insulin_dose_without_insulin".into(),
        "t1d_insulin_units_per_kg".into()
    )));
    assert!(errors(&e).is_empty());
}

// 小慢の対象は18歳未満（新規）; 18歳到達時に受給者であれば継続で20歳未満まで.
#[test]
fn age_limits_new_and_continuation() {
    let at = |birth: &str| with(&eligible(), &[("birth_date", birth)]);
    // 17 on the 記載年月日 2025-06-20.
    assert_eq!(det(&at("2007-06-21")).result, Outcome::Eligible);
    // 18: new is 非該当.
    let e = eval_new(ID, &at("2007-06-20"));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    // Continuation: 19 → 該当, 20 → 非該当.
    let e = kind(&at("2005-06-21"), ApplicationKind::Continuation);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = kind(&at("2005-06-20"), ApplicationKind::Continuation);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 継続: the diagnosis was confirmed at the first certification; only the condition level is new.
#[test]
fn continuation_needs_only_the_current_treatment() {
    let f = with(
        &eligible(),
        &[
            ("diagnosis_date", ""),
            ("t1d_symptoms", ""),
            ("t1d_ketosis", ""),
            ("t1d_fpg", ""),
            ("t1d_ogtt_2h", ""),
            ("t1d_random_pg", ""),
            ("t1d_hba1c", ""),
            ("t1d_repeat_diabetic_type", ""),
            ("t1d_autoantibody", ""),
            ("t1d_fasting_cpr", ""),
            ("t1d_other_types_excluded", ""),
        ],
    );
    let e = kind(&f, ApplicationKind::Continuation);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = kind(
        &with(
            &f,
            &[("t1d_therapy", "4"), ("t1d_insulin_units_per_kg", "")],
        ),
        ApplicationKind::Continuation,
    );
    assert_eq!(e.determination.result, Outcome::NotEligible);
}
