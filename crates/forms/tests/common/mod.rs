//! Shared helpers for disease tests: a complete, valid set of the common
//! sections, so a disease test only adds its own items.
#![allow(dead_code)]

use chrono::NaiveDate;
use nsdb_forms::{
    catalog, evaluate, Answer, ApplicationKind, DiagnosisOutcome, Evaluation, FindingSeverity,
    FormData, FormDefinition, Outcome, SeverityOutcome,
};
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The evaluation date used by the disease tests.
pub fn today() -> NaiveDate {
    d(2025, 6, 30)
}

pub fn def(id: &str) -> Arc<FormDefinition> {
    catalog()
        .get(id)
        .unwrap_or_else(|| panic!("no definition {id}"))
        .clone()
}

/// Every common 臨個票 item answered (no ventilator, severity not relying on costs).
pub fn nanbyo_common() -> FormData {
    FormData::new()
        .with("family_name", "山田")
        .with("given_name", "太郎")
        .with("family_name_kana", "やまだ")
        .with("given_name_kana", "たろう")
        .with("postal_code", "100-8916")
        .with("address", "東京都千代田区霞が関1-2-2")
        .with("birth_date", "1955-05-10")
        .with("sex", "1")
        .with("birth_municipality", "横浜市")
        .with("family_history", "2")
        .with("consanguinity", "2")
        .with("care_certification", "3")
        .with("mobility", "2")
        .with("self_care", "1")
        .with("usual_activities", "2")
        .with("pain_discomfort", "1")
        .with("anxiety_depression", "1")
        .with("onset_ym", "2019-03")
        .with("first_visit_date", "2019-06-01")
        .with("diagnosis_date", "2019-09-01")
        .with("course", "4")
        .with("ventilator_use", "2")
        .with("severity_assessed_date", "2025-06-01")
        .with("institution_name", "霞が関病院")
        .with("institution_address", "東京都千代田区霞が関1-1-1")
        .with("institution_phone", "03-0000-0000")
        .with("designated_doctor_number", "13-0001")
        .with("doctor_name", "厚労 花子")
        .with("record_date", "2025-06-20")
}

/// Every common 意見書 item answered, for a child born on `birth`, plus the
/// generic disease part (remove those two items when the disease has its own).
pub fn shoman_common(birth: &str) -> FormData {
    FormData::new()
        .with("consultation_date", "2025-06-10")
        .with("family_name", "小児")
        .with("given_name", "花")
        .with("family_name_kana", "しょうに")
        .with("given_name_kana", "はな")
        .with("birth_date", birth)
        .with("sex", "1")
        .with("onset_ym", "2020-04")
        .with("first_visit_date", "2020-05-01")
        .with("diagnosis_date", "2020-05-10")
        .with("schooling", "2")
        .with("ventilator_use", "2")
        .with("diagnosis_category_declared", "1")
        .with("condition_level_declared", "1")
        .with("institution_name", "こども病院")
        .with("institution_address", "東京都")
        .with("institution_phone", "03-0000-0000")
        .with("designated_doctor_number", "13-0002")
        .with("doctor_name", "小児 一郎")
        .with("record_date", "2025-06-20")
}

/// Merges `extra` into the common items.
pub fn form(extra: &[(&str, Answer)]) -> FormData {
    let mut f = nanbyo_common();
    for (k, v) in extra {
        f.set(k, v.clone());
    }
    f
}

pub fn eval_new(def_id: &str, data: &FormData) -> Evaluation {
    evaluate(&def(def_id), data, ApplicationKind::New, today())
}

/// The 診断基準 outcome of a 新規 form.
pub fn diagnosis(def_id: &str, data: &FormData) -> DiagnosisOutcome {
    eval_new(def_id, data).determination.diagnosis
}

/// The 重症度 outcome of a 新規 form.
pub fn severity(def_id: &str, data: &FormData) -> SeverityOutcome {
    eval_new(def_id, data).determination.severity
}

/// Asserts that a 新規 form is 判定不能 and names exactly `items`, in order,
/// as the blanks that decide it.
pub fn assert_undetermined_naming(def_id: &str, data: &FormData, items: &[&str]) {
    let det = eval_new(def_id, data).determination;
    assert_eq!(det.result, Outcome::Undetermined, "{:?}", det.reasons);
    let want: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    assert_eq!(det.undetermined_items, want);
}

pub fn errors(e: &Evaluation) -> Vec<String> {
    e.findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Error)
        .map(|f| format!("{} {}: {}", f.code, f.item, f.message))
        .collect()
}

pub fn codes(e: &Evaluation) -> Vec<(String, String)> {
    e.findings
        .iter()
        .map(|f| (f.code.clone(), f.item.clone()))
        .collect()
}

/// `[("a", "1"), …]` → answers.
pub fn answers(pairs: &[(&str, &str)]) -> Vec<(String, Answer)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Answer::from(*v)))
        .collect()
}

pub fn with(base: &FormData, pairs: &[(&str, &str)]) -> FormData {
    let mut f = base.clone();
    for (k, v) in pairs {
        if v.is_empty() {
            f.remove(k);
        } else {
            f.set(k, *v);
        }
    }
    f
}

pub fn high_cost_rows(rows: &[(&str, i64)]) -> Answer {
    Answer::Rows(
        rows.iter()
            .map(|(m, y)| {
                let mut r = BTreeMap::new();
                r.insert("month".to_string(), Answer::from(*m));
                r.insert("total_yen".to_string(), Answer::from(*y));
                r
            })
            .collect(),
    )
}

/// Barthel Index items of the common section, each at its highest score (total 100), so a
/// test can lower one item to reach a boundary.
pub const BARTHEL_FULL: [(&str, &str); 10] = [
    ("adl_feeding", "10"),
    ("adl_transfer", "15"),
    ("adl_grooming", "5"),
    ("adl_toilet", "10"),
    ("adl_bathing", "5"),
    ("adl_walking", "15"),
    ("adl_stairs", "10"),
    ("adl_dressing", "10"),
    ("adl_bowel", "10"),
    ("adl_bladder", "10"),
];

/// The common part, a category declared by the doctor (`nanbyo/declared_diagnosis`) and a
/// full Barthel Index (100 points).
pub fn declared(category: &str) -> FormData {
    let f = with(
        &nanbyo_common(),
        &[("diagnosis_category_declared", category)],
    );
    with(&f, &BARTHEL_FULL)
}
