//! 指定難病 271 強直性脊椎炎 (nanbyo-271-2403): Definite / Possible and every
//! threshold of the 重症例判断基準 (BASDAI, CRP, BASMI, bamboo spine, 末梢関節炎,
//! ぶどう膜炎). Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03).

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-271-2403";

/// No 重症例 criterion: BASDAI/BASMI 未実施, CRP 0.3, the three judgements なし.
const NOT_SEVERE: [(&str, &str); 6] = [
    ("as_basdai_done", "2"),
    ("as_crp", "0.3"),
    ("as_basmi_done", "2"),
    ("as_bamboo_spine", "2"),
    ("as_peripheral_arthritis", "2"),
    ("as_uveitis", "2"),
];

/// Definite (a + b + c, 右3度・左2度, 鑑別済み), not severe.
fn definite_mild() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("as_back_pain", "1"),
            ("as_schober_cm", "3.5"),
            ("as_chest_expansion_cm", "2.0"),
            ("as_si_right", "3"),
            ("as_si_left", "2"),
            ("as_differential_excluded", "1"),
        ],
    );
    with(&f, &NOT_SEVERE)
}

/// BASDAI answered with the given A–D and E/F values.
fn basdai(base: &FormData, ad: &str, ef: &str, crp: &str) -> FormData {
    with(
        base,
        &[
            ("as_basdai_done", "1"),
            ("as_basdai_a", ad),
            ("as_basdai_b", ad),
            ("as_basdai_c", ad),
            ("as_basdai_d", ad),
            ("as_basdai_e", ef),
            ("as_basdai_f", ef),
            ("as_crp", crp),
        ],
    )
}

/// Definite with BASDAI 4.0 and CRP 1.5 (severe at both boundaries).
fn definite_severe() -> FormData {
    basdai(&definite_mild(), "4", "4", "1.5")
}

/// BASMI answered: 耳珠—壁, 腰椎前屈, 頚椎旋回, 腰椎側屈, 内顆間.
fn basmi(base: &FormData, v: [&str; 5]) -> FormData {
    with(
        base,
        &[
            ("as_basmi_done", "1"),
            ("as_basmi_tragus_wall", v[0]),
            ("as_basmi_lumbar_flexion", v[1]),
            ("as_basmi_cervical_rotation", v[2]),
            ("as_basmi_lumbar_side_flexion", v[3]),
            ("as_basmi_intermalleolar", v[4]),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite_severe(), definite_mild()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「Definite 臨床症状のa)、b)、c)のうちの１項目以上＋X線所見（仙腸関節）」
// 「・BASDAIスコアが４以上　かつCRPが1.5mg/dL以上」 (4.0 and 1.5: both at the boundary)
#[test]
fn definite_with_basdai_4_and_crp_1_5_is_eligible() {
    let e = eval_new(ID, &definite_severe());
    assert_eq!(
        e.calculations.get("as_basdai"),
        Some(&CalcValue::Number(4.0))
    );
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-271-2403/2020-03.1");
}

// 「BASDAI＝0.2（A＋B＋C＋D＋0.5（E＋F））」: 0.2 × (4×3.5 + 0.5×8) = 3.6 → not met.
#[test]
fn basdai_below_4_is_not_met() {
    let f = basdai(&definite_mild(), "3.5", "4", "3.0");
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations.get("as_basdai"),
        Some(&CalcValue::Number(3.6))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    // 3.9: A 3.5, B–D 4 → 0.2 × (15.5 + 4) = 3.9.
    let f = with(&definite_severe(), &[("as_basdai_a", "3.5")]);
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations.get("as_basdai"),
        Some(&CalcValue::Number(3.9))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// 「かつCRPが1.5mg/dL以上」: 1.49 is not; 未実施 is not.
#[test]
fn crp_below_1_5_or_not_done_is_not_met() {
    let f = with(&definite_severe(), &[("as_crp", "1.49")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    let f = with(&definite_severe(), &[("as_crp", "not_done")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// 「・BASMIスコアが５以上。」 Every middle band at its edge (15, 4, 70, 10, 100) = 5 points; 100.1 → 4.
#[test]
fn basmi_5_is_met_and_4_is_not() {
    let f = basmi(&definite_mild(), ["15", "4", "70", "10", "100"]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(
        e.calculations.get("as_basmi"),
        Some(&CalcValue::Number(5.0))
    );
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = basmi(&definite_mild(), ["15", "4", "70", "10", "100.1"]);
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations.get("as_basmi"),
        Some(&CalcValue::Number(4.0))
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// BASMI bands: 「A．耳珠—壁距離 ＜15cm 0点 15～30cm 1点 ＞30cm 2点」 … each 0/1/2 edge.
#[test]
fn basmi_band_edges() {
    let pts = |v: [&str; 5]| {
        eval_new(ID, &basmi(&definite_mild(), v))
            .calculations
            .get("as_basmi")
            .cloned()
    };
    assert_eq!(
        pts(["14.9", "4.1", "70.1", "10.1", "100.1"]),
        Some(CalcValue::Number(0.0))
    );
    assert_eq!(
        pts(["30", "2", "20", "5", "70"]),
        Some(CalcValue::Number(5.0))
    );
    assert_eq!(
        pts(["30.1", "1.9", "19.9", "4.9", "69.9"]),
        Some(CalcValue::Number(10.0))
    );
}

// 「・脊椎X-P上、連続する２椎間以上に強直（bamboo spine）が認められる。」 and the two other judgements, each alone.
#[test]
fn each_judgement_alone_is_met() {
    for item in ["as_bamboo_spine", "as_peripheral_arthritis", "as_uveitis"] {
        let f = with(&definite_mild(), &[(item, "1")]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
    }
    assert_eq!(severity(ID, &definite_mild()), SeverityOutcome::NotMet);
}

// BASDAI 実施 with a blank component: open on it; not done: decided without it.
#[test]
fn blank_basdai_component_is_undetermined_naming_it() {
    let f = with(&definite_severe(), &[("as_basdai_e", "")]);
    let e = eval_new(ID, &f);
    assert_undetermined_naming(ID, &f, &["as_basdai_e"]);
    assert!(codes(&e).contains(&("required".into(), "as_basdai_e".into())));
    // Another criterion met: the blank no longer matters.
    let f = with(&f, &[("as_uveitis", "1")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「両側の２度以上の仙腸関節炎、あるいは一側の３度以上の仙腸関節炎所見」
#[test]
fn sacroiliitis_grades() {
    let sev = with(&definite_mild(), &[("as_uveitis", "1")]);
    for (r, l, want) in [
        ("2", "2", DiagnosisOutcome::Definite),
        ("3", "0", DiagnosisOutcome::Definite),
        ("0", "3", DiagnosisOutcome::Definite),
        ("2", "1", DiagnosisOutcome::Possible), // a+b+c: Possible a)
        ("1", "1", DiagnosisOutcome::Possible),
    ] {
        let f = with(&sev, &[("as_si_right", r), ("as_si_left", l)]);
        assert_eq!(diagnosis(ID, &f), want, "{r} {l}");
    }
}

// 「b）腰椎可動域制限（Schober 試験で５cm以下）」「c）胸郭拡張制限（…2.5cm以下）」: one symptom suffices.
#[test]
fn one_clinical_symptom_suffices_with_boundaries() {
    let base = with(
        &definite_mild(),
        &[
            ("as_back_pain", "2"),
            ("as_schober_cm", "5.1"),
            ("as_chest_expansion_cm", "2.6"),
        ],
    );
    // No symptom + X線: Possible b).
    assert_eq!(diagnosis(ID, &base), DiagnosisOutcome::Possible);
    assert_eq!(
        diagnosis(ID, &with(&base, &[("as_schober_cm", "5")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&base, &[("as_chest_expansion_cm", "2.5")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&base, &[("as_back_pain", "1")])),
        DiagnosisOutcome::Definite
    );
}

// 「Possible a）臨床症状３項目」 without X線所見 — reported, not eligible.
#[test]
fn possible_is_not_eligible() {
    let f = with(
        &definite_mild(),
        &[
            ("as_si_right", "1"),
            ("as_si_left", "1"),
            ("as_uveitis", "1"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「鑑別診断を除外した確実例（Definite）を対象とする。」
#[test]
fn definite_needs_the_differential_diagnosis() {
    let f = with(
        &definite_mild(),
        &[("as_differential_excluded", "2"), ("as_back_pain", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 未実施 measurements show nothing; a blank X線 grade keeps the diagnosis open.
#[test]
fn not_done_and_blank_diagnostic_items() {
    let f = with(
        &definite_mild(),
        &[
            ("as_back_pain", "3"),
            ("as_schober_cm", "not_done"),
            ("as_chest_expansion_cm", "not_done"),
            ("as_uveitis", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(
        &definite_mild(),
        &[
            ("as_si_left", ""),
            ("as_si_right", "2"),
            ("as_uveitis", "1"),
        ],
    );
    assert_undetermined_naming(ID, &f, &["as_si_left"]);
    // A blank that does not matter: 右3度 already meets.
    let f = with(&definite_mild(), &[("as_si_left", ""), ("as_uveitis", "1")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// Checks: values entered while the index is marked 未実施; ranges.
#[test]
fn checks_and_ranges() {
    let f = with(&definite_mild(), &[("as_basdai_a", "5")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&(
        "as_basdai_values_when_not_done".into(),
        "as_basdai_done".into()
    )));
    let f = with(&definite_mild(), &[("as_basmi_intermalleolar", "80")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&(
        "as_basmi_values_when_not_done".into(),
        "as_basmi_done".into()
    )));
    let f = with(&definite_severe(), &[("as_basdai_a", "11")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "as_basdai_a".into())));
}

// 更新: diagnostic items not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(
        &with(&nanbyo_common(), &NOT_SEVERE),
        &[("as_bamboo_spine", "1")],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
