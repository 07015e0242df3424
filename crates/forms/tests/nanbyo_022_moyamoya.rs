//! 指定難病 22 もやもや病 (nanbyo-022-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-022-2403";

const ADL_MAX: [(&str, &str); 10] = [
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

/// Adult (70), bilateral, angiography positive, surgical candidate.
fn base() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("mm_type", "1"),
            ("mm_angio_stenosis", "1"),
            ("mm_angio_network", "1"),
            ("mm_exclusion", "1"),
            ("mm_cognitive_decline", "2"),
            ("mm_surgical_candidate", "1"),
            ("mm_operated", "2"),
            ("mm_recurrence", "2"),
        ],
    )
}

/// Adult meeting none of 1)–4): Barthel 100, no other criterion.
fn adult_not_severe() -> FormData {
    with(&with(&base(), &ADL_MAX), &[("mm_surgical_candidate", "2")])
}

/// Diagnosis by MRI/MRA only (angiography not done), 1.5T TOF, bilateral.
fn mri_only() -> FormData {
    with(
        &base(),
        &[
            ("mm_angio_stenosis", "3"),
            ("mm_angio_network", "3"),
            ("mm_mri_field_t", "1.5"),
            ("mm_mra_tof", "1"),
            ("mm_mra_stenosis", "1"),
            ("mm_mri_network", "1"),
        ],
    )
}

/// A child (15 years on the 記載年月日) with 運動障害.
fn child() -> FormData {
    with(
        &base(),
        &[
            ("birth_date", "2010-01-01"),
            ("mm_cognitive_decline", ""),
            ("mm_surgical_candidate", ""),
            ("mm_operated", ""),
            ("mm_recurrence", ""),
            ("mm_child_symptoms", "1"),
        ],
    )
}

fn undetermined_naming(f: &FormData, items: &[&str]) {
    let det = eval_new(ID, f).determination;
    assert_eq!(det.result, Outcome::Undetermined, "{:?}", det.reasons);
    let mut got = det.undetermined_items.clone();
    got.sort();
    let mut want: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}

fn three_high_cost_months(f: &mut FormData) {
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 50_000),
        ]),
    );
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &base());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &child());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「１．…少なくとも次の所見がある。（１）頭蓋内内頚動脈終末部を中心とした領域に狭窄又は閉塞がみられる。（２）もやもや血管（異常血管網）が動脈相においてみられる。」
#[test]
fn angiography_needs_both_findings() {
    for (item, code) in [("mm_angio_stenosis", "2"), ("mm_angio_network", "2")] {
        let f = with(&base(), &[(item, code), ("mm_mri_field_t", "not_done")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{item}");
    }
    // angiography negative and the MRI items blank → open, naming the MRI items
    let f = with(&base(), &[("mm_angio_network", "2")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "mm_mri_field_t".into())));
    undetermined_naming(
        &f,
        &[
            "mm_mri_field_t",
            "mm_mra_tof",
            "mm_mra_stenosis",
            "mm_mri_network",
        ],
    );
}

// 「２．ただし、MRIでは1.5テスラ（T）以上…の機種を用いたTOF（Time of Flight）法により、以下の所見を見た場合には、Definite（確定診断）としてよい。」
#[test]
fn mri_only_diagnosis_boundaries() {
    let e = eval_new(ID, &mri_only());
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    // key film and the adult warning
    assert!(codes(&e).contains(&("mm_mri_only_key_film".into(), "mm_mri_field_t".into())));
    assert!(codes(&e).contains(&("mm_mri_only_adult".into(), "mm_mri_field_t".into())));
    // 1.4T is below 1.5T
    assert_eq!(
        diagnosis(ID, &with(&mri_only(), &[("mm_mri_field_t", "1.4")])),
        DiagnosisOutcome::NotMet
    );
    // not TOF
    assert_eq!(
        diagnosis(ID, &with(&mri_only(), &[("mm_mra_tof", "2")])),
        DiagnosisOutcome::NotMet
    );
    // （１）MRA stenosis / （２）basal ganglia network each needed
    for item in ["mm_mra_stenosis", "mm_mri_network"] {
        assert_eq!(
            diagnosis(ID, &with(&mri_only(), &[(item, "2")])),
            DiagnosisOutcome::NotMet,
            "{item}"
        );
    }
    // a child: no adult warning
    let f = with(&mri_only(), &[("birth_date", "2010-01-01")]);
    let f = with(
        &f,
        &[
            ("mm_cognitive_decline", ""),
            ("mm_surgical_candidate", ""),
            ("mm_operated", ""),
            ("mm_recurrence", ""),
            ("mm_child_symptoms", "1"),
        ],
    );
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(!codes(&e).iter().any(|(c, _)| c == "mm_mri_only_adult"));
}

// 「特に、片側性病変や動脈硬化を合併する病変の場合には脳血管造影を行うことが必須である。」
#[test]
fn unilateral_needs_angiography() {
    let f = with(&mri_only(), &[("mm_type", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&base(), &[("mm_type", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 診断「３．疑われるが診断基準に該当しない例」 is not met; blank is open.
#[test]
fn suspected_type_is_not_met() {
    let f = with(&base(), &[("mm_type", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    undetermined_naming(&with(&base(), &[("mm_type", "")]), &["mm_type"]);
}

// 「２．もやもや病（ウィリス動脈輪閉塞症）は原因不明の疾患であり、下記に伴う類似の脳血管病変は除外する。」
#[test]
fn exclusion_needed() {
    let f = with(&base(), &[("mm_exclusion", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    undetermined_naming(&with(&base(), &[("mm_exclusion", "")]), &["mm_exclusion"]);
}

// 「２．成人例 １）～４）のいずれかに該当する者を対象とする。」: each alone.
#[test]
fn adult_each_criterion_alone() {
    assert_eq!(severity(ID, &adult_not_severe()), SeverityOutcome::NotMet);
    for (item, code) in [
        ("mm_cognitive_decline", "1"),
        ("mm_surgical_candidate", "1"),
        ("mm_recurrence", "1"),
    ] {
        assert_eq!(
            severity(ID, &with(&adult_not_severe(), &[(item, code)])),
            SeverityOutcome::Met,
            "{item}"
        );
    }
    let det = eval_new(ID, &adult_not_severe()).determination;
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「１）Barthel Indexが85点以下」: 85 met, 90 not; blank items keep it open.
#[test]
fn adult_barthel_85_boundary() {
    let f = with(&adult_not_severe(), &[("adl_walking", "0")]); // 85
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    let f = with(&adult_not_severe(), &[("adl_walking", "5")]); // 90
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    // Barthel blank, no other criterion: open, naming the Barthel items; a warning says so.
    let f = with(&base(), &[("mm_surgical_candidate", "2")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("mm_adult_barthel_needed".into(), "adl_feeding".into())));
    let adl: Vec<&str> = ADL_MAX.iter().map(|(k, _)| *k).collect();
    undetermined_naming(&f, &adl);
    // one item enough to reach 85 or less (全介助 walking + transfer = −30): decided
    let f = with(
        &f,
        &[
            ("adl_walking", "0"),
            ("adl_transfer", "0"),
            ("adl_feeding", "10"),
        ],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「３）手術適応者及び術後５年間以内の手術患者は、症状の有無にかかわらず重症患者と考える。」
#[test]
fn adult_surgery_within_five_years() {
    let op = with(&adult_not_severe(), &[("mm_operated", "1")]);
    // 記載年月日 2025-06-20: 2020-06-21 is within 5 years, 2020-06-20 is not
    assert_eq!(
        severity(ID, &with(&op, &[("mm_surgery_date", "2020-06-21")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&op, &[("mm_surgery_date", "2020-06-20")])),
        SeverityOutcome::NotMet
    );
    let e = eval_new(ID, &op);
    assert!(codes(&e).contains(&("required".into(), "mm_surgery_date".into())));
    undetermined_naming(&op, &["mm_surgery_date"]);
    // date before birth
    let f = with(&op, &[("mm_surgery_date", "1950-01-01")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("date_order".into(), "mm_surgery_date".into())));
}

// 「１．小児例（18歳未満） 小児慢性特定疾病医療費助成制度に準ずる。」「…のうち１つ以上の症状が続く場合」
#[test]
fn child_symptoms() {
    assert_eq!(severity(ID, &child()), SeverityOutcome::Met);
    for code in ["3", "6", "11"] {
        assert_eq!(
            severity(ID, &with(&child(), &[("mm_child_symptoms", code)])),
            SeverityOutcome::Met,
            "{code}"
        );
    }
    let none = with(&child(), &[("mm_child_symptoms", "12")]);
    assert_eq!(severity(ID, &none), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &none).determination.result,
        Outcome::NotEligible
    );
    // (the 知的障害 confirmation is named too: it is needed if 知的障害 is chosen)
    undetermined_naming(
        &with(&child(), &[("mm_child_symptoms", "")]),
        &["mm_child_symptoms", "mm_child_id_confirmed"],
    );
    // adult criteria do not apply to a child (surgical candidate)
    let f = with(&none, &[("mm_surgical_candidate", "1")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// 「＊小児の知的障害に関しては、適切な高次脳機能検査（WISC-IVなど）を行い、かつ、画像上の脳梗塞などの器質的異常があるものとする。」
#[test]
fn child_intellectual_disability_needs_test_and_lesion() {
    let f = with(&child(), &[("mm_child_symptoms", "2")]);
    assert_eq!(
        severity(ID, &with(&f, &[("mm_child_id_confirmed", "1")])),
        SeverityOutcome::Met
    );
    assert_eq!(
        severity(ID, &with(&f, &[("mm_child_id_confirmed", "2")])),
        SeverityOutcome::NotMet
    );
    undetermined_naming(&f, &["mm_child_id_confirmed"]);
}

// 「１．小児例（18歳未満）」: 17 years → child rule, 18 years → adult rule.
#[test]
fn child_adult_boundary_at_18() {
    let f = with(
        &child(),
        &[("mm_child_symptoms", "12"), ("mm_surgical_candidate", "1")],
    );
    let f17 = with(&f, &[("birth_date", "2007-06-21")]);
    assert_eq!(severity(ID, &f17), SeverityOutcome::NotMet);
    let f18 = with(
        &f,
        &[
            ("birth_date", "2007-06-20"),
            ("mm_cognitive_decline", "2"),
            ("mm_operated", "2"),
            ("mm_recurrence", "2"),
        ],
    );
    assert_eq!(severity(ID, &f18), SeverityOutcome::Met);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = adult_not_severe();
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let mut f = with(&adult_not_severe(), &[("mm_type", "3")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn child_symptoms_none_is_exclusive() {
    let f = with(&child(), &[("mm_child_symptoms", "1,12")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "mm_child_symptoms_none_exclusive".into(),
        "mm_child_symptoms".into()
    )));
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &base(),
        &[
            ("mm_type", ""),
            ("mm_angio_stenosis", ""),
            ("mm_angio_network", ""),
            ("mm_exclusion", ""),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
