//! 指定難病 85 特発性間質性肺炎 (nanbyo-085-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-085-2403";

/// IPF Definite (①〜⑤ all met, no biopsy), PaO2 65 → III度.
fn ipf_definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("iip_crackles", "1"),
            ("iip_dry_cough", "1"),
            ("iip_exertional_dyspnea", "2"),
            ("iip_clubbing", "2"),
            ("iip_kl6", "1"),
            ("iip_spd", "3"),
            ("iip_spa", "3"),
            ("iip_ldh", "2"),
            ("iip_vc_pct", "72.5"),
            ("iip_dlco_pct", "55.0"),
            ("iip_dx_pao2", "82.0"),
            ("iip_dx_aado2", "12.0"),
            ("iip_dx_6mwt_spo2", "93"),
            ("iip_xray_bilateral_diffuse", "1"),
            ("iip_xray_lower_peripheral", "1"),
            ("iip_xray_volume_loss", "2"),
            ("iip_hrct_subpleural", "1"),
            ("iip_hrct_honeycomb", "1"),
            ("iip_hrct_traction_bronchiectasis", "1"),
            ("iip_surgical_biopsy", "4"),
            ("iip_exclusion", "1"),
            ("iip_pao2", "65.0"),
        ],
    )
}

fn crit(e: &Evaluation, id: &str) -> Option<bool> {
    e.determination
        .criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
        .met
}

fn met(f: &FormData, id: &str) -> Option<bool> {
    crit(&eval_new(ID, f), id)
}

fn grade(f: &FormData) -> CalcValue {
    eval_new(ID, f).calculations["iip_grade"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

fn sev(f: &FormData, pao2: &str, spo2: &str) -> FormData {
    with(f, &[("iip_pao2", pao2), ("iip_6mwt_spo2", spo2)])
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
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &ipf_definite());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["iip_grade"], txt("3"));
}

// 「安静時動脈血酸素分圧が80Torr以上をI度、70Torr以上80Torr未満をII度、60Torr以上70Torr未満をIII度、60Torr未満をIV度とする。」
// 「重症度II度以上で６分間歩行時SpO2が90％未満となる場合は、重症度を１段階高くする。」
// 「重症度分類III度以上を対象とする。」
#[test]
fn pao2_and_spo2_boundaries() {
    let base = ipf_definite();
    for (pao2, spo2, g, eligible) in [
        ("80.0", "", "1", false),
        ("80.0", "85", "1", false), // I度 is not stepped up
        ("79.9", "90", "2", false),
        ("79.9", "89", "3", true),
        ("70.0", "90", "2", false),
        ("70.0", "89", "3", true),
        ("69.9", "", "3", true),
        ("60.0", "", "3", true),
        ("65.0", "89", "4", true),
        ("59.9", "", "4", true),
    ] {
        let f = sev(&base, pao2, spo2);
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{pao2}/{spo2}: {:#?}", e.findings);
        assert_eq!(e.calculations["iip_grade"], txt(g), "{pao2}/{spo2}");
        let want = if eligible {
            SeverityOutcome::Met
        } else {
            SeverityOutcome::NotMet
        };
        assert_eq!(e.determination.severity, want, "{pao2}/{spo2}");
    }
}

// 「ただし、安静時動脈血酸素分圧が70Torr未満の時には、６分間歩行時SpO2は必ずしも測定する必要はない。」
// → between 70 and 80 Torr the SpO2 is required; blank keeps the result open.
#[test]
fn spo2_blank_between_70_and_80_is_undetermined() {
    let f = sev(&ipf_definite(), "75.0", "");
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["iip_6mwt_spo2".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "iip_6mwt_spo2".into())));
    assert_eq!(grade(&f), CalcValue::Unknown);
    // 未実施: an answer; II度 with a warning.
    let f = sev(&ipf_definite(), "75.0", "not_done");
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(codes(&e).contains(&("iip_6mwt_not_done".into(), "iip_6mwt_spo2".into())));
    // PaO2 blank: open, naming it.
    let f = with(&ipf_definite(), &[("iip_pao2", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert!(det.undetermined_items.contains(&"iip_pao2".to_string()));
}

// 「①…以下の１を含む２項目以上を満たす場合に陽性とする。」
#[test]
fn criterion_1_crackles_plus_one() {
    let f = ipf_definite();
    assert_eq!(met(&f, "dx_1_symptoms"), Some(true));
    let alone = with(&f, &[("iip_dry_cough", "2")]);
    assert_eq!(met(&alone, "dx_1_symptoms"), Some(false));
    let no_crackles = with(
        &f,
        &[
            ("iip_crackles", "2"),
            ("iip_exertional_dyspnea", "1"),
            ("iip_clubbing", "1"),
        ],
    );
    assert_eq!(met(&no_crackles, "dx_1_symptoms"), Some(false));
    let blank = with(&alone, &[("iip_clubbing", "")]);
    assert_eq!(met(&blank, "dx_1_symptoms"), None);
}

// 「②血清学的検査としては、１～４の１項目以上を満たす場合に陽性とする。」
#[test]
fn criterion_2_one_serum_marker() {
    let f = with(&ipf_definite(), &[("iip_kl6", "2")]);
    assert_eq!(met(&f, "dx_2_serology"), Some(false));
    let f = with(&f, &[("iip_ldh", "1")]);
    assert_eq!(met(&f, "dx_2_serology"), Some(true));
}

// 「③呼吸機能１～３の２項目以上…１．拘束性障害（％VC＜80％）２．拡散障害（％DLCO＜80％）
//   ３．低酸素血症（PaO2 80Torr未満、AaDO2 20Torr以上、６分間歩行時SpO2 90％以下のうち１項目以上）」
#[test]
fn criterion_3_two_of_three_with_boundaries() {
    let base = ipf_definite();
    // VC 72.5 and DLCO 55 → two.
    assert_eq!(met(&base, "dx_3_lung_function"), Some(true));
    // VC 80.0: only DLCO → not met.
    let one = with(&base, &[("iip_vc_pct", "80.0")]);
    assert_eq!(met(&one, "dx_3_lung_function"), Some(false));
    // Each hypoxaemia boundary supplies the second item.
    for (item, v, want) in [
        ("iip_dx_pao2", "79.9", true),
        ("iip_dx_pao2", "80.0", false),
        ("iip_dx_aado2", "20.0", true),
        ("iip_dx_aado2", "19.9", false),
        ("iip_dx_6mwt_spo2", "90", true),
        ("iip_dx_6mwt_spo2", "91", false),
    ] {
        let f = with(&one, &[(item, v)]);
        assert_eq!(met(&f, "dx_3_lung_function"), Some(want), "{item}={v}");
    }
    // DLCO 79.9 / 80.0 with VC normal and no hypoxaemia.
    let f = with(&one, &[("iip_dlco_pct", "80.0")]);
    assert_eq!(met(&f, "dx_3_lung_function"), Some(false));
    // 未実施 lab values are answers (not shown).
    let f = with(&one, &[("iip_dx_aado2", "not_done")]);
    assert_eq!(met(&f, "dx_3_lung_function"), Some(false));
    let f = with(&one, &[("iip_dx_aado2", "")]);
    assert_eq!(met(&f, "dx_3_lung_function"), None);
}

// 「④胸部X線画像所見としては、１を含む２項目以上を満たす場合に陽性とする。」
#[test]
fn criterion_4_bilateral_plus_one() {
    let f = ipf_definite();
    assert_eq!(met(&f, "dx_4_xray"), Some(true));
    let f2 = with(
        &f,
        &[
            ("iip_xray_bilateral_diffuse", "2"),
            ("iip_xray_volume_loss", "1"),
        ],
    );
    assert_eq!(met(&f2, "dx_4_xray"), Some(false));
    let f3 = with(&f, &[("iip_xray_lower_peripheral", "2")]);
    assert_eq!(met(&f3, "dx_4_xray"), Some(false));
}

// 「①Definite：(１)の①～⑤の全項目を満たすもの。」「②Probable：(１)の①～⑤のうち⑤を含む３項目以上を満たすもの。」
// 「③Possible：(１)の⑤を含む２項目しか満たさないもの。」 (Possible is not IPF: not eligible)
#[test]
fn ipf_definite_probable_possible() {
    let four = with(&ipf_definite(), &[("iip_kl6", "2")]); // ② not met
    let det = eval_new(ID, &four).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
    let three = with(&four, &[("iip_vc_pct", "85.0")]); // ③ not met
    assert_eq!(diagnosis(ID, &three), DiagnosisOutcome::Probable);
    let two = with(&three, &[("iip_dry_cough", "2")]); // ① not met → ④⑤ = Possible
    let det = eval_new(ID, &two).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「⑤病理診断を伴わないIPFの場合は、下記の胸部HRCT画像所見のうち１及び２を必須要件とする。」
// 「あるいは外科的肺生検病理組織診断がUIPであるもの。」
#[test]
fn hrct_required_without_pathology_or_uip_biopsy() {
    let no_honeycomb = with(&ipf_definite(), &[("iip_hrct_honeycomb", "2")]);
    assert_eq!(diagnosis(ID, &no_honeycomb), DiagnosisOutcome::NotMet);
    let uip = with(&no_honeycomb, &[("iip_surgical_biopsy", "1")]);
    assert_eq!(diagnosis(ID, &uip), DiagnosisOutcome::Definite);
    // A blank honeycomb keeps it open (Definite/Probable unknown).
    let f = with(&ipf_definite(), &[("iip_hrct_honeycomb", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["iip_hrct_honeycomb".to_string()]
    );
}

// 「(５)…外科的肺生検により病理組織学的に診断され、臨床所見、画像所見、BAL液所見等と矛盾しない症例。」
#[test]
fn non_ipf_iip_by_surgical_biopsy() {
    let f = with(
        &ipf_definite(),
        &[
            ("iip_hrct_honeycomb", "2"),
            ("iip_surgical_biopsy", "2"),
            ("iip_non_ipf_type", "1"),
            ("iip_non_ipf_consistent", "1"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(
        diagnosis(ID, &with(&f, &[("iip_non_ipf_consistent", "2")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        diagnosis(ID, &with(&f, &[("iip_surgical_biopsy", "3")])),
        DiagnosisOutcome::NotMet
    );
}

// 「(３)鑑別診断 …原因の明らかな間質性肺炎や、他のびまん性肺陰影を呈する疾患を除外する。」
#[test]
fn exclusion_is_required() {
    let f = with(&ipf_definite(), &[("iip_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&ipf_definite(), &[("iip_exclusion", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.undetermined_items, vec!["iip_exclusion".to_string()]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_grade_2() {
    let f = three_high_cost_months(&sev(&ipf_definite(), "75.0", "92"));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

#[test]
fn light_high_cost_does_not_rescue_possible() {
    let possible = with(
        &ipf_definite(),
        &[
            ("iip_kl6", "2"),
            ("iip_vc_pct", "85.0"),
            ("iip_dry_cough", "2"),
        ],
    );
    let f = three_high_cost_months(&sev(&possible, "75.0", "92"));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

#[test]
fn renewal_uses_severity_only() {
    let f = with(&nanbyo_common(), &[("iip_pao2", "58.0")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.calculations["iip_grade"], txt("4"));
}
