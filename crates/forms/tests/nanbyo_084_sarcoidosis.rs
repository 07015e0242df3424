//! 指定難病 84 サルコイドーシス (nanbyo-084-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-084-2403";

const ALL_FINDINGS: [&str; 24] = [
    "sar_a_clinical",
    "sar_b_bhl",
    "sar_b_ace_lysozyme",
    "sar_b_sil2r",
    "sar_b_ga_pet",
    "sar_b_bal",
    "sar_c_resp_bhl",
    "sar_c_resp_lymphatic",
    "sar_eye_uveitis",
    "sar_eye_angle",
    "sar_eye_vitreous",
    "sar_eye_periphlebitis",
    "sar_eye_chorioretinal",
    "sar_eye_granuloma",
    "sar_heart_major_a",
    "sar_heart_major_b",
    "sar_heart_major_c",
    "sar_heart_major_d",
    "sar_heart_major_e",
    "sar_heart_minor_a",
    "sar_heart_minor_b",
    "sar_heart_minor_c",
    "sar_exclusion",
    "sar_cardiac_lesion",
];

/// Every finding なし, exclusion done, biopsy negative; severity score 1+2+0 = 3 (III).
fn nothing() -> FormData {
    let mut f = nanbyo_common();
    for id in ALL_FINDINGS {
        f.set(id, "2");
    }
    with(
        &f,
        &[
            ("sar_exclusion", "1"),
            ("sar_biopsy", "2"),
            ("sar_organ_count", "2"),
            ("sar_treatment", "2"),
            ("sar_disability", "0"),
        ],
    )
}

/// 臨床診断群: A (呼吸器), B1 + B3, C1 (BHL) + C2 (two eye findings), biopsy negative.
fn clinical_group() -> FormData {
    with(
        &nothing(),
        &[
            ("sar_a_clinical", "1"),
            ("sar_a_organs", "2"),
            ("sar_b_bhl", "1"),
            ("sar_b_sil2r", "1"),
            ("sar_c_resp_bhl", "1"),
            ("sar_eye_uveitis", "1"),
            ("sar_eye_vitreous", "1"),
        ],
    )
}

fn crit(e: &Evaluation, id: &str) -> Option<bool> {
    e.determination
        .criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap()
        .met
}

fn met(f: &FormData, id: &str) -> Option<bool> {
    crit(&eval_new(ID, f), id)
}

fn group(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["sar_group"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

fn three_high_cost_months(f: &FormData) -> FormData {
    let mut f = f.clone();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    f
}

#[test]
fn complete_clinical_group_form_has_no_findings() {
    let e = eval_new(ID, &clinical_group());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.calculations["sar_group"], txt("2"));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「組織診断群：Ａ、Ｂ、Ｃのいずれかで１項目以上を満たし、Ｄが除外され、Ｅの所見が陽性のもの」
#[test]
fn tissue_group_one_item_and_positive_biopsy() {
    let pos = with(&nothing(), &[("sar_biopsy", "1")]);
    // No A, B or C item: not met.
    assert_eq!(diagnosis(ID, &pos), DiagnosisOutcome::NotMet);
    for item in [
        "sar_a_clinical",
        "sar_b_ace_lysozyme",
        "sar_c_resp_lymphatic",
    ] {
        let mut f = with(&pos, &[(item, "1")]);
        if item == "sar_a_clinical" {
            f.set("sar_a_organs", "6");
        }
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{item}: {:#?}", e.findings);
        assert_eq!(
            e.determination.diagnosis,
            DiagnosisOutcome::Definite,
            "{item}"
        );
        assert_eq!(e.calculations["sar_group"], txt("1"), "{item}");
    }
    // One eye finding is not C2 (needs two): still no item.
    let f = with(&pos, &[("sar_eye_angle", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // The clinical-group findings with a positive biopsy: 組織診断群.
    assert_eq!(
        group(&with(&clinical_group(), &[("sar_biopsy", "1")])),
        txt("1")
    );
}

// 「臨床診断群：Ａの１項目以上があり、Ｂの５項目中２項目以上であり、Ｃの呼吸器、眼、心臓病変３項目中２項目を満たし、Ｄが除外され、Ｅの所見が陰性のもの」
#[test]
fn clinical_group_boundaries() {
    let f = clinical_group();
    // A なし.
    assert_eq!(
        diagnosis(
            ID,
            &with(&f, &[("sar_a_clinical", "2"), ("sar_a_organs", "")])
        ),
        DiagnosisOutcome::NotMet
    );
    // B: one of five.
    assert_eq!(
        diagnosis(ID, &with(&f, &[("sar_b_sil2r", "2")])),
        DiagnosisOutcome::NotMet
    );
    // C: only one organ (eye one finding short).
    let one_organ = with(&f, &[("sar_eye_vitreous", "2")]);
    assert_eq!(diagnosis(ID, &one_organ), DiagnosisOutcome::NotMet);
    // …made up by the heart.
    let heart = with(
        &one_organ,
        &[
            ("sar_heart_major_e", "1"),
            ("sar_heart_major_b", "1"),
            ("sar_cardiac_lesion", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &heart), DiagnosisOutcome::Definite);
    // 生検未実施 is accepted as "Ｅの所見が陰性" (not shown histologically).
    assert_eq!(group(&with(&f, &[("sar_biopsy", "3")])), txt("2"));
    // Ｄ not excluded.
    let e = eval_new(ID, &with(&f, &[("sar_exclusion", "2")]));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.calculations["sar_group"], txt("3"));
}

// 「２．眼病変…下記６項目中２項目以上を満たす場合」
#[test]
fn eye_two_of_six() {
    let f = with(&nothing(), &[("sar_eye_granuloma", "1")]);
    assert_eq!(met(&f, "dx_c2_eye"), Some(false));
    let f = with(&f, &[("sar_eye_periphlebitis", "1")]);
    assert_eq!(met(&f, "dx_c2_eye"), Some(true));
    let f = with(
        &nothing(),
        &[("sar_eye_granuloma", "1"), ("sar_eye_angle", "")],
    );
    assert_eq!(met(&f, "dx_c2_eye"), None);
}

// 「３．心臓病変…①主徴候５項目中２項目が陽性の場合 ②主徴候５項目中１項目が陽性で、副徴候３項目中２項目以上が陽性の場合」
#[test]
fn heart_major_and_minor_signs() {
    let n = nothing();
    for (pairs, want) in [
        (vec![("sar_heart_major_a", "1")], false),
        (
            vec![("sar_heart_major_a", "1"), ("sar_heart_major_d", "1")],
            true,
        ),
        (
            vec![
                ("sar_heart_major_c", "1"),
                ("sar_heart_minor_a", "1"),
                ("sar_heart_minor_b", "1"),
            ],
            true,
        ),
        (
            vec![("sar_heart_major_c", "1"), ("sar_heart_minor_a", "1")],
            false,
        ),
        (
            vec![
                ("sar_heart_minor_a", "1"),
                ("sar_heart_minor_b", "1"),
                ("sar_heart_minor_c", "1"),
            ],
            false,
        ),
    ] {
        let f = with(&n, &pairs);
        assert_eq!(met(&f, "dx_c3_heart"), Some(want), "{pairs:?}");
    }
}

// 「１．呼吸器病変…画像所見にて、①又は②を満たす場合」
#[test]
fn respiratory_either_finding() {
    assert_eq!(met(&nothing(), "dx_c1_respiratory"), Some(false));
    let f = with(&nothing(), &[("sar_c_resp_lymphatic", "1")]);
    assert_eq!(met(&f, "dx_c1_respiratory"), Some(true));
    // 不明 is not shown.
    let f = with(&nothing(), &[("sar_c_resp_lymphatic", "3")]);
    assert_eq!(met(&f, "dx_c1_respiratory"), Some(false));
}

// A blank finding keeps the diagnosis open only while it could complete a group.
#[test]
fn blank_findings_undetermined_only_when_they_matter() {
    let f = with(&clinical_group(), &[("sar_b_sil2r", ""), ("sar_b_bal", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["sar_b_sil2r".to_string(), "sar_b_bal".to_string()]
    );
    let f = with(&clinical_group(), &[("sar_b_bal", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「重症度IIIとIVを公費助成の対象とする。」「合計スコア ２：重症度II、３又は４：重症度III、５又は６：重症度IV」
// 「１．臓器病変数 １又は２臓器病変 １ ３臓器病変以上 ２（ただし、心臓病変があれば、２とする）」
#[test]
fn severity_score_boundaries() {
    let base = clinical_group();
    for (count, cardiac, treat, disab, score, grade, eligible) in [
        ("2", "2", "1", "0", 2.0, "2", false),
        ("2", "2", "2", "0", 3.0, "3", true),
        ("3", "2", "1", "0", 3.0, "3", true),
        ("1", "1", "1", "0", 3.0, "3", true),
        ("1", "2", "0", "0", 1.0, "1", false),
        ("2", "2", "0", "1", 2.0, "2", false),
        ("2", "2", "1", "1", 3.0, "3", true),
        ("4", "2", "2", "1", 5.0, "4", true),
        ("4", "1", "2", "2", 6.0, "4", true),
    ] {
        let f = with(
            &base,
            &[
                ("sar_organ_count", count),
                ("sar_cardiac_lesion", cardiac),
                ("sar_treatment", treat),
                ("sar_disability", disab),
            ],
        );
        let e = eval_new(ID, &f);
        let label = format!("{count}臓器 心臓{cardiac} 治療{treat} 障害{disab}");
        assert_eq!(
            e.calculations["sar_score"],
            CalcValue::Number(score),
            "{label}"
        );
        assert_eq!(e.calculations["sar_grade"], txt(grade), "{label}");
        let want = if eligible {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(e.determination.severity, want, "{label}");
    }
}

#[test]
fn blank_severity_items() {
    // 2 organs, no heart, disability 0: the treatment decides (1+0..2+0).
    let f = with(&clinical_group(), &[("sar_treatment", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["sar_treatment".to_string()]);
    // Disability 1級/2級: 1 + (0..2) + 2 ≥ 3 whatever the treatment.
    let f = with(&f, &[("sar_disability", "2")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_grade_2() {
    let f = three_high_cost_months(&with(&clinical_group(), &[("sar_treatment", "1")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_a_failed_diagnosis() {
    let f = three_high_cost_months(&with(&nothing(), &[("sar_treatment", "1")]));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_uses_severity_only() {
    let f = with(
        &nanbyo_common(),
        &[
            ("sar_organ_count", "3"),
            ("sar_cardiac_lesion", "2"),
            ("sar_treatment", "2"),
            ("sar_disability", "0"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn cardiac_lesion_contradiction_warns() {
    let f = with(
        &clinical_group(),
        &[("sar_heart_major_a", "1"), ("sar_heart_major_c", "1")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "sar_cardiac_lesion_vs_c3".into(),
        "sar_cardiac_lesion".into()
    )));
}
