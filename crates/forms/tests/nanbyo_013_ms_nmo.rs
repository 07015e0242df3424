//! 指定難病 13 多発性硬化症／視神経脊髄炎 (nanbyo-013-2403): every boundary of
//! every criterion. Each test cites the sentence of the MHLW 概要・診断基準等
//! (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-013-2403";

/// 再発寛解型MS by A) a) (2 attacks, 2 lesions); EDSS 4.5, vision I度.
fn base() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("ms_type", "1"),
            ("ms_attacks", "2"),
            ("ms_objective_lesions", "2"),
            ("ms_dis_clinical", "2"),
            ("ms_t2_periventricular", "1"),
            ("ms_t2_juxtacortical", "2"),
            ("ms_t2_infratentorial", "2"),
            ("ms_t2_spinal", "2"),
            ("ms_dit_clinical", "2"),
            ("ms_dit_mri_simultaneous", "2"),
            ("ms_dit_mri_new", "2"),
            ("ms_pediatric_adem", "2"),
            ("ms_exclusion", "1"),
            ("ms_edss", "4.5"),
            ("ms_visual_acuity", "1.0"),
            ("ms_visual_field_narrowing", "2"),
        ],
    )
}

/// A) b) candidate: one attack, one objective lesion; DIS by MRI (2 regions), DIT by a new lesion.
fn rrms_b() -> FormData {
    with(
        &base(),
        &[
            ("ms_attacks", "1"),
            ("ms_objective_lesions", "1"),
            ("ms_t2_spinal", "1"),
            ("ms_dit_mri_new", "1"),
        ],
    )
}

/// 一次性進行型: progression, brain T2 lesion + CSF abnormal.
fn ppms() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("ms_type", "2"),
            ("ms_ppms_progression", "1"),
            ("ms_t2_periventricular", "1"),
            ("ms_t2_juxtacortical", "2"),
            ("ms_t2_infratentorial", "2"),
            ("ms_spinal_t2_2plus", "2"),
            ("ms_csf", "1"),
            ("ms_exclusion", "1"),
            ("ms_edss", "6.0"),
            ("ms_visual_acuity", "1.0"),
            ("ms_visual_field_narrowing", "2"),
        ],
    )
}

/// NMOSD (Wingerchuk): ON + myelitis + 3-vertebrae lesion + Paty not met; AQP4 negative.
fn nmo() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("ms_type", "4"),
            ("ms_optic_neuritis", "1"),
            ("ms_acute_myelitis", "1"),
            ("ms_lesion_3_vertebrae", "1"),
            ("ms_paty_brain_mri", "2"),
            ("ms_aqp4", "2"),
            ("ms_exclusion", "1"),
            ("ms_edss", "3.0"),
            ("ms_visual_acuity", "0.5"),
            ("ms_visual_field_narrowing", "2"),
        ],
    )
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
fn complete_forms_have_no_findings_and_are_eligible() {
    for (name, f) in [
        ("rrms", base()),
        ("rrms_b", rrms_b()),
        ("ppms", ppms()),
        ("nmo", nmo()),
    ] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{name}: {:#?}", e.findings);
        assert_eq!(
            e.determination.diagnosis,
            DiagnosisOutcome::Definite,
            "{name}"
        );
        assert_eq!(e.determination.result, Outcome::Eligible, "{name}");
    }
}

// 「a）…臨床的発作が２回以上あり、かつ客観的臨床的証拠がある２個以上の病変を有する。」
#[test]
fn rrms_a_two_attacks_and_two_lesions() {
    let f = with(&base(), &[("ms_attacks", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&base(), &[("ms_objective_lesions", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // attacks blank: a) and b) both depend on it
    assert_undetermined_naming(ID, &with(&base(), &[("ms_attacks", "")]), &["ms_attacks"]);
}

// 「b）…客観的臨床的証拠のある臨床的発作が少なくとも１回あり、さらに中枢神経病変の時間的空間的な多発が…証明される。」
#[test]
fn rrms_b_attack_dis_dit() {
    assert_eq!(diagnosis(ID, &rrms_b()), DiagnosisOutcome::Definite);
    // no attack
    let f = with(&rrms_b(), &[("ms_attacks", "0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // no objective lesion
    let f = with(&rrms_b(), &[("ms_objective_lesions", "0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「MRIによる空間的多発の証明：４つの…領域（脳室周囲、皮質直下、テント下、脊髄）のうち少なくとも２つの領域にT2病変が１個以上ある」
// 「…時間的空間的な多発が臨床症候あるいは…MRI所見により証明される。」
#[test]
fn rrms_b_dissemination_in_space() {
    // one region only → not met
    let one = with(&rrms_b(), &[("ms_t2_spinal", "2")]);
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    // any second region
    for r in [
        "ms_t2_juxtacortical",
        "ms_t2_infratentorial",
        "ms_t2_spinal",
    ] {
        assert_eq!(
            diagnosis(ID, &with(&one, &[(r, "1")])),
            DiagnosisOutcome::Definite,
            "{r}"
        );
    }
    // clinical evidence instead of MRI
    assert_eq!(
        diagnosis(ID, &with(&one, &[("ms_dis_clinical", "1")])),
        DiagnosisOutcome::Definite
    );
    // one region and a blank region → open, naming it
    assert_undetermined_naming(ID, &with(&one, &[("ms_t2_spinal", "")]), &["ms_t2_spinal"]);
}

// 「MRIによる時間的多発の証明：無症候性のガドリニウム造影病変と無症候性の非造影病変が同時に存在する…あるいは…新たに出現した…T2病変及び／あるいはガドリニウム造影病変がある。」
#[test]
fn rrms_b_dissemination_in_time() {
    let none = with(&rrms_b(), &[("ms_dit_mri_new", "2")]);
    assert_eq!(diagnosis(ID, &none), DiagnosisOutcome::NotMet);
    for r in [
        "ms_dit_clinical",
        "ms_dit_mri_simultaneous",
        "ms_dit_mri_new",
    ] {
        assert_eq!(
            diagnosis(ID, &with(&none, &[(r, "1")])),
            DiagnosisOutcome::Definite,
            "{r}"
        );
    }
    // 不明 is not evidence
    assert_eq!(
        diagnosis(ID, &with(&none, &[("ms_dit_mri_new", "3")])),
        DiagnosisOutcome::NotMet
    );
    assert_undetermined_naming(
        ID,
        &with(&none, &[("ms_dit_mri_new", "")]),
        &["ms_dit_mri_new"],
    );
}

// 「特に、小児の急性散在性脳脊髄炎（ADEM）が疑われる場合には、上記b）は適用しない。」
#[test]
fn rrms_b_not_applied_when_pediatric_adem_suspected() {
    let f = with(&rrms_b(), &[("ms_pediatric_adem", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // a) still applies
    let f = with(&base(), &[("ms_pediatric_adem", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「ただし、診断には、他の疾患の除外が重要である。」
#[test]
fn exclusion_needed_for_ms() {
    let f = with(&base(), &[("ms_exclusion", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("ms_exclusion", "")]),
        &["ms_exclusion"],
    );
}

// 「B）一次性進行型MSの診断 １年間の病状の進行…及び以下の３つの基準のうち２つ以上を満たす。」
#[test]
fn ppms_two_of_three() {
    // brain + CSF (base)
    assert_eq!(diagnosis(ID, &ppms()), DiagnosisOutcome::Definite);
    // brain only
    let f = with(&ppms(), &[("ms_csf", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // CSF 未実施 is not an abnormal finding
    let f = with(&ppms(), &[("ms_csf", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // brain + spinal (b) 「脊髄に２個以上のT2病変がある」
    let f = with(&ppms(), &[("ms_csf", "2"), ("ms_spinal_t2_2plus", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // spinal + CSF, no brain lesion
    let f = with(
        &ppms(),
        &[("ms_t2_periventricular", "2"), ("ms_spinal_t2_2plus", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // brain only and CSF blank → open
    assert_undetermined_naming(ID, &with(&ppms(), &[("ms_csf", "")]), &["ms_csf"]);
}

// 「１年間の病状の進行（過去あるいは前向きの観察で判断する。）」 / 「ただし、他の疾患の厳格な鑑別が必要である。」
#[test]
fn ppms_progression_and_exclusion() {
    for code in ["2", "3"] {
        let f = with(&ppms(), &[("ms_ppms_progression", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    }
    let f = with(&ppms(), &[("ms_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「C）二次性進行型MSの診断 再発寛解型としてある期間経過した後に、明らかな再発がないにもかかわらず病状が徐々に進行する。」
#[test]
fn spms() {
    let f = with(
        &nanbyo_common(),
        &[
            ("ms_type", "3"),
            ("ms_spms_progression", "1"),
            ("ms_exclusion", "1"),
            ("ms_edss", "6.5"),
            ("ms_visual_acuity", "1.2"),
            ("ms_visual_field_narrowing", "2"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let g = with(&f, &[("ms_spms_progression", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    assert_undetermined_naming(
        ID,
        &with(&f, &[("ms_spms_progression", "")]),
        &["ms_spms_progression"],
    );
}

// 「Definite NMOSDの診断基準（Wingerchukら, 2006） 視神経炎 急性脊髄炎 ３つの支持基準のうち少なくとも２つ」
#[test]
fn nmo_wingerchuk_two_of_three_supportive() {
    // one supportive criterion only
    let one = with(&nmo(), &[("ms_paty_brain_mri", "1")]);
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    // Paty 未実施 does not show "満たさない"
    let f = with(&nmo(), &[("ms_paty_brain_mri", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // AQP4 as the second supportive criterion
    let f = with(&one, &[("ms_aqp4", "1"), ("ms_acute_cns_lesion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // both optic neuritis and myelitis are needed (AQP4 negative)
    for item in ["ms_optic_neuritis", "ms_acute_myelitis"] {
        assert_eq!(
            diagnosis(ID, &with(&nmo(), &[(item, "2")])),
            DiagnosisOutcome::NotMet,
            "{item}"
        );
    }
    assert_undetermined_naming(
        ID,
        &with(&nmo(), &[("ms_paty_brain_mri", "")]),
        &["ms_paty_brain_mri"],
    );
}

// 「そこで、AQP4抗体陽性で急性炎症性中枢性病変を伴う場合は、他の疾患が除外されれば、NMOSDに加える。」
#[test]
fn nmo_aqp4_positive_with_acute_lesion() {
    let f = with(
        &nmo(),
        &[
            ("ms_optic_neuritis", "1"),
            ("ms_acute_myelitis", "2"),
            ("ms_aqp4", "1"),
            ("ms_acute_cns_lesion", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    for code in ["2", "3"] {
        let g = with(&f, &[("ms_acute_cns_lesion", code)]);
        assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet, "{code}");
    }
    assert_undetermined_naming(
        ID,
        &with(&f, &[("ms_acute_cns_lesion", "")]),
        &["ms_acute_cns_lesion"],
    );
    let g = with(&f, &[("ms_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
}

// 「３．Baló病（バロー同心円硬化症） 病理またはMRIにて同心円状病巣が確認できるものをいう。」
#[test]
fn balo() {
    let f = with(
        &nanbyo_common(),
        &[
            ("ms_type", "5"),
            ("ms_balo_concentric", "2"),
            ("ms_edss", "5.0"),
            ("ms_visual_acuity", "1.0"),
            ("ms_visual_field_narrowing", "2"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        diagnosis(ID, &with(&f, &[("ms_balo_concentric", "1")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&f, &[("ms_balo_concentric", "3")])),
        DiagnosisOutcome::NotMet
    );
}

// The chosen 病型 decides which criterion applies; blank → open.
#[test]
fn type_selects_the_route() {
    // RRMS items under NMOSD type do not count
    let f = with(
        &base(),
        &[
            ("ms_type", "4"),
            ("ms_optic_neuritis", "2"),
            ("ms_acute_myelitis", "2"),
            ("ms_lesion_3_vertebrae", "2"),
            ("ms_paty_brain_mri", "1"),
            ("ms_aqp4", "2"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let det = eval_new(ID, &with(&base(), &[("ms_type", "")])).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert!(det.undetermined_items.contains(&"ms_type".to_string()));
}

// 「EDSS4.5以上を対象とする。」: 4.5 met, 4.0 not (vision I度); blank EDSS open.
#[test]
fn severity_edss_boundary() {
    assert_eq!(severity(ID, &base()), SeverityOutcome::Met);
    let f = with(&base(), &[("ms_edss", "4.0")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
    assert_undetermined_naming(ID, &with(&base(), &[("ms_edss", "")]), &["ms_edss"]);
    // EDSS blank but vision III度 → decided
    let f = with(&base(), &[("ms_edss", ""), ("ms_visual_acuity", "0.5")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
}

// 「視覚の重症度分類においてII度、III度、IV度の者を対象とする。」
// 「I度：矯正視力 0.7以上、かつ視野狭窄なし II度：矯正視力 0.7以上、視野狭窄あり III度：矯正視力 0.7未満、0.2以上 IV度：矯正視力 0.2未満」
#[test]
fn severity_visual_grades() {
    let low = with(&base(), &[("ms_edss", "3.0")]);
    let cases = [
        ("0.7", "2", "1", SeverityOutcome::NotMet),
        ("0.7", "1", "2", SeverityOutcome::Met),
        ("0.69", "2", "3", SeverityOutcome::Met),
        ("0.2", "2", "3", SeverityOutcome::Met),
        ("0.19", "2", "4", SeverityOutcome::Met),
    ];
    for (va, narrowing, grade, want) in cases {
        let f = with(
            &low,
            &[
                ("ms_visual_acuity", va),
                ("ms_visual_field_narrowing", narrowing),
            ],
        );
        let e = eval_new(ID, &f);
        assert_eq!(
            e.determination.severity, want,
            "VA {va} narrowing {narrowing}"
        );
        assert_eq!(
            serde_json::to_value(&e.calculations["ms_visual_grade_calc"]).unwrap(),
            serde_json::json!(grade),
            "VA {va}"
        );
    }
    // VA 0.7 and narrowing blank → open, naming it
    assert_undetermined_naming(
        ID,
        &with(&low, &[("ms_visual_field_narrowing", "")]),
        &["ms_visual_field_narrowing"],
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = with(&base(), &[("ms_edss", "2.0")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let mut f = with(&base(), &[("ms_edss", "2.0"), ("ms_exclusion", "2")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn edss_steps_and_aqp4_warning() {
    for (v, bad) in [
        ("0", false),
        ("0.5", true),
        ("1.0", false),
        ("4.3", true),
        ("9.5", false),
        ("10", false),
    ] {
        let e = eval_new(ID, &with(&base(), &[("ms_edss", v)]));
        assert_eq!(
            codes(&e).contains(&("ms_edss_step".into(), "ms_edss".into())),
            bad,
            "EDSS {v}"
        );
    }
    let f = with(&base(), &[("ms_aqp4", "1")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("ms_aqp4_type_mismatch".into(), "ms_aqp4".into())));
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let f = with(
        &nanbyo_common(),
        &[
            ("ms_edss", "4.5"),
            ("ms_visual_acuity", "1.0"),
            ("ms_visual_field_narrowing", "2"),
            ("first_visit_date", ""),
            ("diagnosis_date", ""),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「a）…客観的臨床的証拠がある２個以上の病変を有する。」: blank lesions count keeps a) open
// (b) is already refuted: only one MRI region and no clinical dissemination).
#[test]
fn rrms_objective_lesions_blank_is_open() {
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("ms_objective_lesions", "")]),
        &["ms_objective_lesions"],
    );
    // but with a) met, blank b) items do not matter
    let f = with(&base(), &[("ms_dit_clinical", ""), ("ms_dis_clinical", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「B）…１年間の病状の進行…」 blank → open; 「２つ以上を満たす」 decided by two → the third blank does not matter.
#[test]
fn ppms_blanks() {
    assert_undetermined_naming(
        ID,
        &with(&ppms(), &[("ms_ppms_progression", "")]),
        &["ms_ppms_progression"],
    );
    let f = with(&ppms(), &[("ms_spinal_t2_2plus", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「…他の疾患が除外されれば、NMOSDに加える。」 / Baló: 「病理またはMRIにて同心円状病巣が確認できるもの」
#[test]
fn nmo_and_balo_blanks() {
    assert_undetermined_naming(
        ID,
        &with(&nmo(), &[("ms_exclusion", "")]),
        &["ms_exclusion"],
    );
    let f = with(
        &nanbyo_common(),
        &[
            ("ms_type", "5"),
            ("ms_edss", "5.0"),
            ("ms_visual_acuity", "1.0"),
            ("ms_visual_field_narrowing", "2"),
        ],
    );
    assert_undetermined_naming(ID, &f, &["ms_balo_concentric"]);
    // Baló does not need the exclusion item
    let f = with(&f, &[("ms_balo_concentric", "1")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(!codes(&e).contains(&("required".into(), "ms_exclusion".into())));
}
