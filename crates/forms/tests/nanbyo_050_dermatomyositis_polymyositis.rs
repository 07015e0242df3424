//! 指定難病 50 皮膚筋炎／多発性筋炎 (nanbyo-050-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-050-2403";

const MMT: [&str; 13] = [
    "mmt_neck_flexor",
    "mmt_deltoid_r",
    "mmt_deltoid_l",
    "mmt_biceps_r",
    "mmt_biceps_l",
    "mmt_triceps_r",
    "mmt_triceps_l",
    "mmt_iliopsoas_r",
    "mmt_iliopsoas_l",
    "mmt_quadriceps_r",
    "mmt_quadriceps_l",
    "mmt_hamstrings_r",
    "mmt_hamstrings_l",
];

const DX: [&str; 14] = [
    "dmpm_heliotrope",
    "dmpm_gottron_papules",
    "dmpm_gottron_sign",
    "dmpm_proximal_weakness",
    "dmpm_myalgia",
    "dmpm_enzyme",
    "dmpm_emg",
    "dmpm_arthritis",
    "dmpm_inflammation",
    "dmpm_ars_antibody",
    "dmpm_muscle_biopsy",
    "dmpm_skin_pathology",
    "dmpm_exclusion",
    "dmpm_weakness_due_to_disease",
];

/// 皮膚筋炎: ヘリオトロープ疹 + (2)(3)(4)(9) = 4 items; severity 2) CK 上昇 only.
fn dm_with_ck() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("dmpm_heliotrope", "1"),
            ("dmpm_gottron_papules", "2"),
            ("dmpm_gottron_sign", "2"),
            ("dmpm_proximal_weakness", "1"),
            ("dmpm_myalgia", "1"),
            ("dmpm_enzyme", "1"),
            ("dmpm_emg", "3"),
            ("dmpm_arthritis", "2"),
            ("dmpm_inflammation", "2"),
            ("dmpm_ars_antibody", "2"),
            ("dmpm_muscle_biopsy", "1"),
            ("dmpm_skin_pathology", "3"),
            ("dmpm_exclusion", "1"),
            ("dmpm_weakness_due_to_disease", "2"),
            ("dmpm_ck_elevation", "1"),
            ("dmpm_active_rash", "2"),
            ("dmpm_active_ild", "2"),
        ],
    )
}

/// Severity only through 1): all MMT 10 except what the caller sets.
fn weakness_only(mmt: &[(&str, &str)]) -> FormData {
    let mut f = with(
        &dm_with_ck(),
        &[
            ("dmpm_ck_elevation", "2"),
            ("dmpm_weakness_due_to_disease", "1"),
        ],
    );
    for m in MMT {
        f.set(m, "10");
    }
    with(&f, mmt)
}

fn high_cost() -> nsdb_forms::Answer {
    high_cost_rows(&[
        ("2025-01", 40_000),
        ("2025-03", 40_000),
        ("2025-05", 50_000),
    ])
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &dm_with_ck());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        e.calculations["dmpm_type_calc"],
        CalcValue::Text("1".into())
    );
}

// 「皮膚筋炎 ： (１)の皮膚症状の(a)～(c)の１項目以上を満たし、かつ経過中に(２)～(９)の項目中４項目以上を満たすもの。」
// 「多発性筋炎 ： (２)～(９)の項目中４項目以上を満たすもの。」: 4 meets, 3 does not.
#[test]
fn four_of_items_2_to_9_boundary() {
    let three = with(&dm_with_ck(), &[("dmpm_muscle_biopsy", "2")]);
    let det = eval_new(ID, &three).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    // Each of (5)(6)(7)(8) restores the fourth item.
    for (item, v) in [
        ("dmpm_emg", "1"),
        ("dmpm_arthritis", "1"),
        ("dmpm_inflammation", "1"),
        ("dmpm_ars_antibody", "1"),
    ] {
        let f = with(&three, &[(item, v)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::Definite,
            "{item}"
        );
    }
    // 未実施 / 不明 do not count.
    let f = with(&three, &[("dmpm_emg", "3"), ("dmpm_arthritis", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 多発性筋炎: no skin sign, 4 items → eligible as 多発性筋炎.
#[test]
fn polymyositis_without_skin_signs() {
    let f = with(&dm_with_ck(), &[("dmpm_heliotrope", "2")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(
        e.calculations["dmpm_type_calc"],
        CalcValue::Text("3".into())
    );
    // Each skin sign (a)(b)(c) alone makes it 皮膚筋炎.
    for item in [
        "dmpm_heliotrope",
        "dmpm_gottron_papules",
        "dmpm_gottron_sign",
    ] {
        let g = with(&f, &[(item, "1")]);
        assert_eq!(
            eval_new(ID, &g).calculations["dmpm_type_calc"],
            CalcValue::Text("1".into()),
            "{item}"
        );
    }
}

// 「なお、皮膚症状のみで皮膚病理学的所見が皮膚筋炎に合致するものは、無筋症性皮膚筋炎として皮膚筋炎に含む。」
#[test]
fn amyopathic_dm_needs_skin_sign_and_skin_pathology() {
    let skin_only = with(
        &dm_with_ck(),
        &[
            ("dmpm_proximal_weakness", "2"),
            ("dmpm_myalgia", "2"),
            ("dmpm_enzyme", "2"),
            ("dmpm_muscle_biopsy", "3"),
            ("dmpm_skin_pathology", "1"),
            ("dmpm_ck_elevation", "2"),
            ("dmpm_active_rash", "1"),
        ],
    );
    let e = eval_new(ID, &skin_only);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        e.calculations["dmpm_type_calc"],
        CalcValue::Text("2".into())
    );
    // Pathology not matching or not done → not met.
    for code in ["2", "3"] {
        let f = with(&skin_only, &[("dmpm_skin_pathology", code)]);
        assert_eq!(
            eval_new(ID, &f).determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "pathology={code}"
        );
    }
    // Pathology matching without a skin sign → not met.
    let f = with(&skin_only, &[("dmpm_heliotrope", "2")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「３．鑑別診断を要する疾患 …」: not excluded → not met.
#[test]
fn differential_not_excluded_is_not_met() {
    let f = with(&dm_with_ck(), &[("dmpm_exclusion", "2")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// Blank item (2)-(9) with 3 counted → open naming it; with 4 counted → decided.
#[test]
fn blank_items_open_only_when_they_matter() {
    let f = with(
        &dm_with_ck(),
        &[("dmpm_muscle_biopsy", "2"), ("dmpm_emg", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["dmpm_emg".to_string()]);
    let f = with(&dm_with_ck(), &[("dmpm_emg", ""), ("dmpm_arthritis", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「１）…徒手筋力テスト平均が５段階評価で４+ （10段階評価で９） 以下」:
// mean 9.0 (all 9) meets; mean 9.08 (one 10) with every group ≥ 9 does not.
#[test]
fn severity_1_mmt_mean_boundary() {
    let mut all9 = Vec::new();
    for m in MMT {
        all9.push((m, "9"));
    }
    let f = weakness_only(&all9);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    let mut one10 = all9.clone();
    one10[0] = ("mmt_neck_flexor", "10");
    let det = eval_new(ID, &weakness_only(&one10)).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「又は、同筋群のいずれか一つのMMTが４（10段階評価で８）以下」: one 8 meets, one 9 (others 10) does not.
#[test]
fn severity_1_single_group_boundary() {
    let det = eval_new(ID, &weakness_only(&[("mmt_iliopsoas_l", "8")])).determination;
    assert_eq!(det.severity, SeverityOutcome::Met);
    let det = eval_new(ID, &weakness_only(&[("mmt_iliopsoas_l", "9")])).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
}

// 「１）原疾患に由来する筋力低下がある。」: weakness not due to the disease → 1) not met whatever the MMT.
#[test]
fn severity_1_requires_weakness_due_to_disease() {
    let f = with(
        &weakness_only(&[("mmt_iliopsoas_l", "4")]),
        &[("dmpm_weakness_due_to_disease", "2")],
    );
    assert_eq!(
        eval_new(ID, &f).determination.severity,
        SeverityOutcome::NotMet
    );
}

// Blank MMT: open only if it could decide. All others 10, one blank → could be ≤ 8 → open.
#[test]
fn blank_mmt_is_open_only_when_it_matters() {
    let f = with(&weakness_only(&[]), &[("mmt_biceps_r", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "mmt_biceps_r".into())));
    assert_eq!(e.determination.severity, SeverityOutcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["mmt_biceps_r".to_string()]
    );
    // Another group already 8 → met regardless of the blank.
    let f = with(&f, &[("mmt_deltoid_l", "8")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「２）原疾患に由来するCK値もしくはアルドラーゼ値上昇がある。」「３）活動性の皮疹…」「４）活動性の間質性肺炎を合併している（その治療中を含む。）。」
// 「１)～４)のいずれかに該当するもの」: each alone suffices; none → not met.
#[test]
fn severity_any_of_1_to_4() {
    let none = with(&dm_with_ck(), &[("dmpm_ck_elevation", "2")]);
    let det = eval_new(ID, &none).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    for item in ["dmpm_ck_elevation", "dmpm_active_rash", "dmpm_active_ild"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(
            eval_new(ID, &f).determination.severity,
            SeverityOutcome::Met,
            "{item}"
        );
    }
    // A blank 4) with the others not met → open naming it.
    let f = with(&none, &[("dmpm_active_ild", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["dmpm_active_ild".to_string()]);
    // …but irrelevant when 2) is met.
    let f = with(&dm_with_ck(), &[("dmpm_active_ild", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost() {
    let mut f = with(&dm_with_ck(), &[("dmpm_ck_elevation", "2")]);
    f.set("high_cost_months", high_cost());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // It never rescues a failed diagnosis (3 items only).
    let f = with(&f, &[("dmpm_muscle_biopsy", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_and_checks() {
    let mut f = dm_with_ck();
    for i in DX.iter().take(13) {
        f.remove(i);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &dm_with_ck(),
        &[("dmpm_enzyme", "2"), ("dmpm_ars_antibody", "1")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "dmpm_ck_without_enzyme_history".into(),
        "dmpm_ck_elevation".into()
    )));
    let f = weakness_only(&[]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "dmpm_weakness_mmt_normal".into(),
        "dmpm_weakness_due_to_disease".into()
    )));
}
