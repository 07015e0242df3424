//! 指定難病 17 多系統萎縮症 (nanbyo-017-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.
//! Possible MSA is eligible and reported as Possible (also `msa_category` = 3).

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-017-2403";

/// Probable MSA (cerebellar + 抑制困難な尿失禁), mRS 3.
fn base() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("msa_parkinsonism", "2"),
            ("msa_cerebellar", "1"),
            ("msa_urinary_incontinence", "1"),
            ("msa_voiding_weakness", "2"),
            ("msa_erectile_dysfunction", "2"),
            ("msa_oh_sbp_drop", "10"),
            ("msa_oh_dbp_drop", "5"),
            ("msa_mild_autonomic", "1"),
            ("msa_pyramidal", "2"),
            ("msa_mri_ct", "1"),
            ("msa_pet_spect", "3"),
            ("msa_pathology", "2"),
            ("msa_differential", "1"),
            ("mrs", "3"),
            ("nutrition", "1"),
            ("respiration", "0"),
        ],
    )
}

/// No clear autonomic failure: only the Possible route remains.
fn no_clear_autonomic(f: &FormData) -> FormData {
    with(f, &[("msa_urinary_incontinence", "2")])
}

fn category(f: &FormData) -> serde_json::Value {
    serde_json::to_value(&eval_new(ID, f).calculations["msa_category_calc"]).unwrap()
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
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(category(&base()), serde_json::json!("2"));
}

// 「③Definite MSA：病理学的に確定診断されたもの。」 — whatever the clinical items.
#[test]
fn definite_is_pathological() {
    let f = with(
        &base(),
        &[
            ("msa_cerebellar", "2"),
            ("msa_urinary_incontinence", "2"),
            ("msa_mild_autonomic", "2"),
            ("msa_pathology", "1"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(category(&f), serde_json::json!("1"));
}

// 「②Probable MSA：…明瞭な自律神経障害を呈するもの（抑制困難な尿失禁、残尿などの排尿力低下、勃起障害、…のうちの１つを認める。）」
#[test]
fn probable_each_clear_autonomic_sign_alone() {
    for item in ["msa_voiding_weakness", "msa_erectile_dysfunction"] {
        let f = with(
            &no_clear_autonomic(&base()),
            &[(item, "1"), ("msa_mild_autonomic", "2")],
        );
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable, "{item}");
        assert_eq!(category(&f), serde_json::json!("2"));
    }
}

// 「起立後３分以内において収縮期血圧が30mmHgもしくは拡張期血圧が15mmHg以上の下降」: 30 / 15 met, 29 / 14 not.
#[test]
fn probable_orthostatic_hypotension_boundaries() {
    let f = with(&no_clear_autonomic(&base()), &[("msa_mild_autonomic", "2")]);
    let cases = [
        ("30", "5", DiagnosisOutcome::Probable),
        ("29", "5", DiagnosisOutcome::NotMet),
        ("10", "15", DiagnosisOutcome::Probable),
        ("10", "14", DiagnosisOutcome::NotMet),
        ("not_done", "not_done", DiagnosisOutcome::NotMet),
    ];
    for (sbp, dbp, want) in cases {
        let g = with(&f, &[("msa_oh_sbp_drop", sbp), ("msa_oh_dbp_drop", dbp)]);
        assert_eq!(diagnosis(ID, &g), want, "sbp {sbp} dbp {dbp}");
    }
    // With a milder autonomic symptom, a drop below 30 / 15 is ①「②の基準に満たない程度の起立性低血圧」: Possible.
    let mild = with(&f, &[("msa_mild_autonomic", "1")]);
    for (sbp, dbp, want) in [
        ("30", "14", DiagnosisOutcome::Probable),
        ("29", "14", DiagnosisOutcome::Possible),
        ("29", "15", DiagnosisOutcome::Probable),
    ] {
        let g = with(&mild, &[("msa_oh_sbp_drop", sbp), ("msa_oh_dbp_drop", dbp)]);
        let det = eval_new(ID, &g).determination;
        assert_eq!(det.diagnosis, want, "sbp {sbp} dbp {dbp}");
        assert_eq!(det.result, Outcome::Eligible, "sbp {sbp} dbp {dbp}");
    }
    // SBP drop 29, DBP blank: the DBP decides → open, naming it.
    assert_undetermined_naming(
        ID,
        &with(&f, &[("msa_oh_sbp_drop", "29"), ("msa_oh_dbp_drop", "")]),
        &["msa_oh_dbp_drop"],
    );
}

// 「レボドパに反応性の乏しいパーキンソニズムもしくは小脳症候のいずれかに」
#[test]
fn probable_parkinsonism_needs_poor_levodopa_response() {
    let pk = with(
        &base(),
        &[("msa_cerebellar", "2"), ("msa_parkinsonism", "1")],
    );
    let f = with(&pk, &[("msa_levodopa_response", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    // responsive or not evaluated: not Probable; Possible (MRI abnormal) still applies.
    for code in ["2", "3"] {
        let f = with(&pk, &[("msa_levodopa_response", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Possible);
        assert_eq!(
            category(&f),
            serde_json::json!("3"),
            "Possible, code {code}"
        );
    }
    // …and with no Possible support either: not met.
    let f = with(&pk, &[("msa_levodopa_response", "2"), ("msa_mri_ct", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_eq!(category(&f), serde_json::json!("4"));
    // parkinsonism present and the response blank → open, naming the response.
    assert_undetermined_naming(
        ID,
        &with(&pk, &[("msa_mri_ct", "2")]),
        &["msa_levodopa_response"],
    );
}

// 「①Possible MSA：…自律神経症候（②の基準に満たない程度の…）を伴い、かつ錐体路徴候が陽性であるか、若しくは画像検査所見（MRI若しくはPET・SPECT）で異常を認めるもの。」
// 「Definite MSA、Probable MSA、Possible MSAを対象とする。」 — Possible is eligible.
#[test]
fn possible_needs_pyramidal_or_imaging() {
    let f = no_clear_autonomic(&base());
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::Eligible);
    assert!(
        det.reasons
            .iter()
            .any(|r| r == "診断: Possible（診断基準を満たします）。"),
        "{:?}",
        det.reasons
    );
    assert_eq!(category(&f), serde_json::json!("3"));
    let none = with(&f, &[("msa_mri_ct", "2")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for (item, code) in [("msa_pyramidal", "1"), ("msa_pet_spect", "1")] {
        assert_eq!(
            diagnosis(ID, &with(&none, &[(item, code)])),
            DiagnosisOutcome::Possible,
            "{item}"
        );
    }
    // 未実施 imaging is not an abnormal finding; 不明 pyramidal sign is not positive.
    let g = with(&none, &[("msa_mri_ct", "3"), ("msa_pyramidal", "3")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // a blank pyramidal sign keeps Possible open
    assert_undetermined_naming(
        ID,
        &with(&none, &[("msa_pyramidal", "")]),
        &["msa_pyramidal"],
    );
}

// Possible: 「…に自律神経症候（…）を伴い」: without any autonomic symptom, not met.
#[test]
fn possible_needs_an_autonomic_symptom() {
    let f = with(&no_clear_autonomic(&base()), &[("msa_mild_autonomic", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(
        ID,
        &with(&no_clear_autonomic(&base()), &[("msa_mild_autonomic", "")]),
        &["msa_mild_autonomic"],
    );
}

// 「パーキンソニズム…又は小脳症候…」: neither → not met; cerebellar blank → open.
#[test]
fn motor_syndrome_required() {
    let f = with(&base(), &[("msa_cerebellar", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&base(), &[("msa_cerebellar", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("msa_cerebellar", "")]),
        &["msa_cerebellar"],
    );
}

// 「６．鑑別診断」: not excluded → Probable / Possible not met (Definite by pathology still is).
#[test]
fn differential_not_excluded() {
    let f = with(&base(), &[("msa_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(
        det.reasons.iter().any(|r| r.contains("鑑別診断")),
        "{:?}",
        det.reasons
    );
    let f = with(&f, &[("msa_pathology", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// Pathology blank matters only when the clinical categories are not met.
#[test]
fn pathology_blank() {
    let e = eval_new(ID, &with(&base(), &[("msa_pathology", "")]));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "msa_pathology".into())));
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("msa_pathology", ""), ("msa_differential", "2")]),
        &["msa_pathology"],
    );
}

// 「mRS、食事・栄養、呼吸のそれぞれの評価スケールを用いて、いずれかが３以上を対象とする。」
#[test]
fn severity_any_scale_at_3() {
    for scale in ["mrs", "nutrition", "respiration"] {
        let mut pairs = vec![("mrs", "2"), ("nutrition", "2"), ("respiration", "2")];
        for p in pairs.iter_mut() {
            if p.0 == scale {
                p.1 = "3";
            }
        }
        let det = eval_new(ID, &with(&base(), &pairs)).determination;
        assert_eq!(det.severity, SeverityOutcome::Met, "{scale}=3");
    }
    let f = with(
        &base(),
        &[("mrs", "2"), ("nutrition", "2"), ("respiration", "2")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(ID, &with(&f, &[("respiration", "")]), &["respiration"]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = with(&base(), &[("mrs", "2")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let mut f = with(&base(), &[("mrs", "2"), ("msa_differential", "2")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「成年期（＞30歳以降）に発症する。」: a warning, not a category condition.
#[test]
fn onset_before_30_warns() {
    let f = with(
        &base(),
        &[("birth_date", "1990-04-01"), ("onset_ym", "2020-03")],
    );
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("msa_onset_before_30".into(), "onset_ym".into())));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(
        &base(),
        &[("birth_date", "1990-04-01"), ("onset_ym", "2020-04")],
    );
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "msa_onset_before_30"));
}

#[test]
fn consistency_checks() {
    let f = with(&base(), &[("sex", "2"), ("msa_erectile_dysfunction", "1")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("msa_ed_female".into(), "msa_erectile_dysfunction".into())));
    let f = with(&base(), &[("msa_mild_autonomic", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "msa_clear_autonomic_without_any".into(),
        "msa_mild_autonomic".into()
    )));
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let items = [
        "msa_parkinsonism",
        "msa_cerebellar",
        "msa_urinary_incontinence",
        "msa_voiding_weakness",
        "msa_erectile_dysfunction",
        "msa_oh_sbp_drop",
        "msa_oh_dbp_drop",
        "msa_mild_autonomic",
        "msa_pyramidal",
        "msa_mri_ct",
        "msa_pet_spect",
        "msa_pathology",
        "msa_differential",
    ];
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (*i, "")).collect();
    let f = with(&base(), &pairs);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
