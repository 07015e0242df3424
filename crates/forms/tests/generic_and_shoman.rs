//! Synthesized (generic) definitions, 小慢 age limits, common-section checks,
//! calculations from the formula library, and renewal carry-over.

use crate::common::*;
use nsdb_forms::{
    carry_over, evaluate, Answer, ApplicationKind, CalcValue, DiagnosisOutcome, FindingSeverity,
    Outcome, SeverityOutcome,
};
use std::collections::BTreeMap;

/// A 小慢 disease without its own file (新生児糖尿病): the synthesized generic definition.
/// (1型糖尿病, 07-001, used here before, now has a file.)
const T1D: &str = "shoman-07-005-2403";

#[test]
fn shoman_generic_complete_form_is_clean_and_undetermined_with_notice() {
    let e = evaluate(
        &def(T1D),
        &shoman_common("2015-01-15"),
        ApplicationKind::New,
        today(),
    );
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert!(!det.machine_determination);
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert!(det.reasons[0].contains("機械判定"), "{:?}", det.reasons);
    assert_eq!(e.calculations["age_at_record"], CalcValue::Number(10.0));
}

// 小慢: 「18歳未満」(新規), continuation up to 「20歳未満」.
#[test]
fn shoman_age_limits() {
    let d = def(T1D);
    // 2007-06-21 → 17 on 2025-06-20 (record_date): new OK.
    let e = evaluate(
        &d,
        &shoman_common("2007-06-21"),
        ApplicationKind::New,
        today(),
    );
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(!codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    // 2007-06-20 → 18 on the record date: new is 非該当, with a warning.
    let e = evaluate(
        &d,
        &shoman_common("2007-06-20"),
        ApplicationKind::New,
        today(),
    );
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(
        e.determination
            .reasons
            .iter()
            .any(|r| r.contains("18歳未満")),
        "{:?}",
        e.determination.reasons
    );
    assert!(codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    // …but a continuation at 18 or 19 is fine, and at 20 is not.
    let e = evaluate(
        &d,
        &shoman_common("2005-06-21"),
        ApplicationKind::Continuation,
        today(),
    );
    assert_eq!(e.determination.result, Outcome::Undetermined);
    let e = evaluate(
        &d,
        &shoman_common("2005-06-20"),
        ApplicationKind::Continuation,
        today(),
    );
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

#[test]
fn shoman_forms_refuse_renewal_kind_and_nanbyo_forms_refuse_continuation() {
    let e = evaluate(
        &def(T1D),
        &shoman_common("2015-01-15"),
        ApplicationKind::Renewal,
        today(),
    );
    assert!(codes(&e).contains(&("application_kind".into(), "".into())));
    let e = evaluate(
        &def("nanbyo-006-2403"),
        &nanbyo_common(),
        ApplicationKind::Continuation,
        today(),
    );
    assert!(e
        .findings
        .iter()
        .any(|f| f.code == "application_kind" && f.message.contains("継続")));
}

#[test]
fn bmi_and_obesity_are_calculated_and_filled() {
    let f = shoman_common("2015-01-15")
        .with("height_cm", "140.0")
        .with("weight_kg", "40.0");
    let e = evaluate(&def(T1D), &f, ApplicationKind::New, today());
    assert_eq!(e.calculations["bmi"], CalcValue::Number(20.4));
    // 10歳男子: 標準体重 0.752×140−70.461 = 34.819 kg → (40−34.819)/34.819 = +14.9 %
    assert_eq!(e.calculations["obesity"], CalcValue::Number(14.9));
    let f = f.with("bmi_value", "25.0");
    let e = evaluate(&def(T1D), &f, ApplicationKind::New, today());
    assert!(codes(&e).contains(&("calc_mismatch".into(), "bmi_value".into())));
}

#[test]
fn nanbyo_generic_takes_the_doctors_statement_but_never_decides() {
    // 340 (added in 2025; no MHLW text here) has no disease file.
    let d = def("nanbyo-340-2403");
    let f = nanbyo_common()
        .with("diagnosis_category_declared", "1")
        .with("severity_declared", "1");
    let e = evaluate(&d, &f, ApplicationKind::New, today());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        (det.diagnosis, det.severity),
        (DiagnosisOutcome::Definite, SeverityOutcome::Met)
    );
    let json = serde_json::to_value(det).unwrap();
    assert_eq!(json["machine_determination"], false);
    assert_eq!(json["result"], "判定不能");
    // Each declared category code is reported as such (3 = Possible, 4 = 該当しない).
    for (code, outcome, serialized, said) in [
        ("2", DiagnosisOutcome::Probable, "probable", "Probable"),
        ("3", DiagnosisOutcome::Possible, "possible", "Possible"),
        ("4", DiagnosisOutcome::NotMet, "not_met", "その他"),
    ] {
        let f = f.clone().with("diagnosis_category_declared", code);
        let det = evaluate(&d, &f, ApplicationKind::New, today()).determination;
        assert_eq!(det.diagnosis, outcome, "code {code}");
        assert_eq!(serde_json::to_value(&det).unwrap()["diagnosis"], serialized);
        assert!(
            det.reasons
                .iter()
                .any(|r| r.contains(&format!("診断のカテゴリー {said}、"))),
            "{:?}",
            det.reasons
        );
    }
    // 診断のカテゴリー is required for 新規 only.
    let f = nanbyo_common().with("severity_declared", "2");
    let e = evaluate(&d, &f, ApplicationKind::New, today());
    assert!(codes(&e).contains(&("required".into(), "diagnosis_category_declared".into())));
    let f = with(&f, &[("first_visit_date", ""), ("diagnosis_date", "")]);
    let e = evaluate(&d, &f, ApplicationKind::Renewal, today());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
}

#[test]
fn date_order_and_future_dates() {
    let f = with(
        &nanbyo_common(),
        &[("onset_ym", "2019-07"), ("first_visit_date", "2019-06-01")],
    );
    let e = eval_new("nanbyo-002-2403", &f);
    let fd = e
        .findings
        .iter()
        .find(|f| f.code == "date_order")
        .expect("date_order");
    assert_eq!(fd.item, "first_visit_date");
    assert_eq!(fd.severity, FindingSeverity::Error);
    // Same month is fine: 発症年月 has month granularity.
    let f = with(
        &nanbyo_common(),
        &[("onset_ym", "2019-06"), ("first_visit_date", "2019-06-01")],
    );
    assert!(!codes(&eval_new("nanbyo-002-2403", &f))
        .iter()
        .any(|c| c.0 == "date_order"));
    // 記載年月日 after today.
    let f = with(&nanbyo_common(), &[("record_date", "2025-07-01")]);
    let e = eval_new("nanbyo-002-2403", &f);
    assert!(codes(&e).contains(&("date_future".into(), "record_date".into())));
    // Birth after onset.
    let f = with(
        &nanbyo_common(),
        &[("birth_date", "2019-05-01"), ("onset_ym", "2019-04")],
    );
    assert!(
        codes(&eval_new("nanbyo-002-2403", &f)).contains(&("date_order".into(), "onset_ym".into()))
    );
    // Malformed date.
    let f = with(&nanbyo_common(), &[("birth_date", "1955/05/10")]);
    assert!(codes(&eval_new("nanbyo-002-2403", &f)).contains(&("type".into(), "birth_date".into())));
}

#[test]
fn repeatable_groups_rows_required_and_codes() {
    let f = with(&nanbyo_common(), &[("family_history", "1")]);
    let e = eval_new("nanbyo-002-2403", &f);
    assert!(codes(&e).contains(&("required".into(), "family_history_members".into())));
    let mut row = BTreeMap::new();
    row.insert("relationship".to_string(), Answer::from("12"));
    let mut row2 = BTreeMap::new();
    row2.insert("relationship_other".to_string(), Answer::from("叔父"));
    let f = f.with("family_history_members", Answer::Rows(vec![row, row2]));
    let e = eval_new("nanbyo-002-2403", &f);
    let c = e
        .findings
        .iter()
        .find(|f| f.code == "code_unknown")
        .unwrap();
    assert_eq!(
        (c.item.as_str(), c.row),
        ("family_history_members.relationship", Some(1))
    );
    let r = e.findings.iter().find(|f| f.code == "required").unwrap();
    assert_eq!(
        (r.item.as_str(), r.row),
        ("family_history_members.relationship", Some(2))
    );
    assert!(r.message.contains("2行目"), "{}", r.message);
}

#[test]
fn required_when_conditions_and_cross_checks() {
    let f = with(&nanbyo_common(), &[("care_certification", "1")]);
    assert!(
        codes(&eval_new("nanbyo-002-2403", &f)).contains(&("required".into(), "care_level".into()))
    );
    let f = with(
        &nanbyo_common(),
        &[("care_certification", "2"), ("care_level", "3")],
    );
    assert!(codes(&eval_new("nanbyo-002-2403", &f))
        .contains(&("care_level_support".into(), "care_level".into())));
    let f = with(&nanbyo_common(), &[("ventilator_use", "1")]);
    let e = eval_new("nanbyo-002-2403", &f);
    for id in [
        "ventilator_start_ym",
        "ventilator_kind",
        "adl_feeding",
        "adl_bladder",
    ] {
        assert!(codes(&e).contains(&("required".into(), id.into())), "{id}");
    }
}

#[test]
fn barthel_index_is_summed_and_auto_filled() {
    let adl = [
        ("adl_feeding", "10"),
        ("adl_transfer", "10"),
        ("adl_grooming", "5"),
        ("adl_toilet", "5"),
        ("adl_bathing", "0"),
        ("adl_walking", "10"),
        ("adl_stairs", "5"),
        ("adl_dressing", "5"),
        ("adl_bowel", "10"),
        ("adl_bladder", "10"),
    ];
    let f = with(&nanbyo_common(), &adl);
    let e = eval_new("nanbyo-002-2403", &f);
    assert_eq!(e.calculations["barthel_index"], CalcValue::Number(70.0));
    // One blank item: the total is only known as a range.
    let f = with(&f, &[("adl_walking", "")]);
    let e = eval_new("nanbyo-002-2403", &f);
    assert_eq!(
        e.calculations["barthel_index"],
        CalcValue::Range {
            min: 60.0,
            max: 75.0
        }
    );
}

#[test]
fn unknown_items_kana_and_lengths() {
    let f = nanbyo_common()
        .with("no_such_item", "1")
        .with("family_name_kana", "yamada")
        .with("given_name", "あ".repeat(31));
    let e = eval_new("nanbyo-002-2403", &f);
    let c = codes(&e);
    assert!(c.contains(&("unknown_item".into(), "no_such_item".into())));
    assert!(c.contains(&("kana".into(), "family_name_kana".into())));
    assert!(c.contains(&("too_long".into(), "given_name".into())));
}

// 前回値踏襲: carry / confirm / never / recompute.
#[test]
fn renewal_carry_over_follows_each_items_policy() {
    let prev = nanbyo_common()
        .with("hoehn_yahr", "3")
        .with("pd_rigidity", "1")
        .with("barthel_total", "70");
    let c = carry_over(&def("nanbyo-006-2403"), &def("nanbyo-006-2403"), &prev);
    assert_eq!(c.data.get("family_name"), Some(&Answer::from("山田")));
    assert!(c.data.get("hoehn_yahr").is_none(), "severity must be fresh");
    assert!(c.data.get("mobility").is_none(), "生活状況 must be fresh");
    assert!(c.data.get("record_date").is_none());
    assert!(c.dropped.contains(&"barthel_total".to_string()));
    assert!(c.to_confirm.contains(&"pd_rigidity".to_string()));
    assert!(c.to_confirm.contains(&"ventilator_use".to_string()));
    assert!(c.to_confirm.contains(&"care_certification".to_string()));
    // The doctor confirms per section: each section holding an item to confirm (the
    // 診断基準 section, the one with 人工呼吸器 and 介護認定…), in paper order.
    let def = def("nanbyo-006-2403");
    let sections = c.sections_to_confirm(&def);
    let order: Vec<&String> = def
        .sections
        .iter()
        .map(|s| &s.id)
        .filter(|id| sections.contains(id))
        .collect();
    assert_eq!(order, sections.iter().collect::<Vec<_>>());
    for id in ["pd_rigidity", "ventilator_use", "care_certification"] {
        let holder = def
            .sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == id))
            .unwrap();
        assert!(sections.contains(&holder.id), "{id} in {}", holder.id);
    }
    // A renewal of a version in force is written on that version, as 更新.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let current = nsdb_forms::catalog()
        .current_version_of(&def, today)
        .unwrap();
    assert_eq!(current.id, "nanbyo-006-2403");
    assert_eq!(current.renewal_kind(), Some(ApplicationKind::Renewal));
    let shoman = nsdb_forms::catalog().get("shoman-07-001-2403").unwrap();
    assert_eq!(shoman.renewal_kind(), Some(ApplicationKind::Continuation));
}

// 確定 freezes the evaluation as JSON (findings, determination, calculations); the screen
// and the PDF of a confirmed form read it back instead of evaluating again under today's
// rules.
#[test]
fn a_frozen_evaluation_reads_back_as_it_was() {
    let data = nanbyo_common()
        .with("hoehn_yahr", "3")
        .with("barthel_total", "70");
    let e = eval_new("nanbyo-006-2403", &data);
    assert!(!e.findings.is_empty() && !e.calculations.is_empty());
    let frozen = serde_json::json!({
        "findings": e.findings,
        "determination": e.determination,
        "calculations": e.calculations,
        "definition_hash": "kept beside, ignored here",
    });
    let back: nsdb_forms::Evaluation = serde_json::from_value(frozen).unwrap();
    assert_eq!(back.findings, e.findings);
    assert_eq!(back.determination, e.determination);
    assert_eq!(back.calculations, e.calculations);
    assert!(back.hidden_items.is_empty());
}
