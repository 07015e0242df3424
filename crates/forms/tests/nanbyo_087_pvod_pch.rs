//! 指定難病 87 肺静脈閉塞症／肺毛細血管腫症 (nanbyo-087-2403): every category of
//! ＜指定難病の診断のカテゴリー＞ (診断確実例 = Definite, 臨床診断例 = Probable,
//! PVOD/PCH疑い例 = Possible) and every boundary of the 肺高血圧機能分類 for 新規 and
//! 更新. Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, CalcValue, DiagnosisOutcome, Evaluation, FormData, Outcome,
    SeverityOutcome,
};

const ID: &str = "nanbyo-087-2403";

fn eval_renewal(f: &FormData) -> Evaluation {
    evaluate(&def(ID), f, ApplicationKind::Renewal, today())
}

fn stage(e: &Evaluation) -> CalcValue {
    e.calculations["pvod_stage_calc"].clone()
}

fn stage_is(e: &Evaluation, s: &str) {
    assert_eq!(stage(e), CalcValue::Text(s.into()), "{:?}", e.determination);
}

fn has_code(e: &Evaluation, code: &str) -> bool {
    e.findings.iter().any(|f| f.code == code)
}

/// 新規: 診断確実例 (主要項目①② + 病理 PVOD, all 副次項目) with WHO-PH III, mPAP 40, CI 2.6,
/// 肺血管拡張薬 使用歴なし → Stage３.
fn definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("pvod_mpap", "40"),
            ("pvod_pvr", "800"),
            ("pvod_pawp", "8"),
            ("pvod_hrct", "1"),
            ("pvod_lung_ctd_excluded", "1"),
            ("pvod_vasodilator_edema", "3"),
            ("pvod_pao2", "60"),
            ("pvod_dlco", "40"),
            ("pvod_perfusion_scan", "2"),
            ("pvod_pathology", "1"),
            ("pvod_exclusion", "1"),
            ("pvod_whoph", "3"),
            ("pvod_vasodilator", "4"),
            ("pvod_pgi2_continuous", "2"),
            ("pvod_sev_mpap", "40"),
            ("pvod_ci", "2.6"),
        ],
    )
}

/// 新規: no pathology (未実施); 主要項目①② + 副次項目全て → 臨床診断例.
fn probable() -> FormData {
    with(&definite(), &[("pvod_pathology", "4")])
}

fn new(base: &FormData, pairs: &[(&str, &str)]) -> Evaluation {
    eval_new(ID, &with(base, pairs))
}

/// 更新: no diagnosis items; WHO-PH I, TRPG 30, 使用歴なし → Stage１ (not met).
fn renewal_stage1() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("pvod_whoph", "1"),
            ("pvod_vasodilator", "4"),
            ("pvod_pgi2_continuous", "2"),
            ("pvod_significant_tr", "1"),
            ("pvod_trpg", "30"),
        ],
    )
}

fn renewal(pairs: &[(&str, &str)]) -> Evaluation {
    eval_renewal(&with(&renewal_stage1(), pairs))
}

#[test]
fn complete_forms_have_no_findings() {
    for f in [definite(), probable()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        stage_is(&e, "3");
    }
    let e = eval_renewal(&renewal_stage1());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "1");
}

// ---------------------------------------------------------------- 診断のカテゴリー

// 「「診断確実例」 主要項目①② + 病理診断例」「以下の「診断確実例」及び「臨床診断例」を指定難病の対象とする。」
#[test]
fn definite_with_pvod_or_pch_pathology_is_eligible() {
    for code in ["1", "2"] {
        let det = new(&definite(), &[("pvod_pathology", code)]).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Definite, "{code}");
        assert_eq!(det.severity, SeverityOutcome::Met);
        assert_eq!(det.result, Outcome::Eligible);
        assert_eq!(det.rule_version, "nanbyo-087-2403/2020-03.1");
    }
    // Pathology alone does not suffice without the 主要項目 (e.g. no HRCT finding).
    let det = new(&definite(), &[("pvod_hrct", "2")]).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
}

// 「主要項目①② + 副次項目全て」 is 臨床診断例 (Probable), eligible.
#[test]
fn all_minor_items_without_pathology_is_probable() {
    for code in ["3", "4"] {
        let det = new(&probable(), &[("pvod_pathology", code)]).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "{code}");
        assert_eq!(det.result, Outcome::Eligible);
    }
}

// 「主要項目①② + 主要項目③ + 副次項目のうち２項目以上」 is Probable; without ③ two 副次項目 are
// only 「PVOD/PCH疑い例」 (Possible), not eligible.
#[test]
fn two_minor_items_need_major_3_for_probable() {
    let f = with(
        &probable(),
        &[
            ("pvod_dlco", "60"),
            ("pvod_vasodilator_edema", "1"),
            ("pvod_vasodilator", "2"),
            ("pvod_vasodilator_history", "ERA 2024年 肺水腫で中止"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Probable);
    let f = with(
        &probable(),
        &[("pvod_dlco", "60"), ("pvod_vasodilator_edema", "2")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「「PVOD/PCH疑い例」 主要項目①② + 副次項目のうち１項目」: Possible (not eligible, 「基本的にPAHで
// 申請する」); ③ with only one 副次項目 is still Possible; no 副次項目 is not met.
#[test]
fn one_minor_item_is_possible_and_none_is_not_met() {
    let one = [("pvod_dlco", "60"), ("pvod_perfusion_scan", "3")];
    let det = new(&probable(), &one).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
    let f = with(
        &with(&probable(), &one),
        &[("pvod_vasodilator_edema", "1"), ("pvod_vasodilator", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Possible);
    let f = with(&with(&probable(), &one), &[("pvod_pao2", "71")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「①安静時の動脈血酸素分圧の低下（70mmHg以下）」: 70 counts, 71 does not.
#[test]
fn pao2_70_counts_and_71_does_not() {
    assert_eq!(
        diagnosis(ID, &with(&probable(), &[("pvod_pao2", "70")])),
        DiagnosisOutcome::Probable
    );
    assert_eq!(
        diagnosis(ID, &with(&probable(), &[("pvod_pao2", "71")])),
        DiagnosisOutcome::Possible
    );
}

// 「②肺機能検査：肺拡散能の著明な低下（％DLco＜55％）」: 54.9 counts, 55 does not.
#[test]
fn dlco_below_55_counts() {
    assert_eq!(
        diagnosis(ID, &with(&probable(), &[("pvod_dlco", "54.9")])),
        DiagnosisOutcome::Probable
    );
    assert_eq!(
        diagnosis(ID, &with(&probable(), &[("pvod_dlco", "55")])),
        DiagnosisOutcome::Possible
    );
}

// 「③肺血流シンチ：亜区域性の血流欠損を認める、または正常である。」 区域性欠損／未実施 do not count.
#[test]
fn perfusion_scan_subsegmental_or_normal_counts() {
    for (code, want) in [
        ("1", DiagnosisOutcome::Probable),
        ("2", DiagnosisOutcome::Probable),
        ("3", DiagnosisOutcome::Possible),
        ("4", DiagnosisOutcome::Possible),
    ] {
        let f = with(&probable(), &[("pvod_perfusion_scan", code)]);
        assert_eq!(diagnosis(ID, &f), want, "{code}");
    }
}

// 「①右心カテーテル所見が肺動脈性肺高血圧症（PAH）の診断基準を満たす。(a)…安静時肺動脈平均圧で25mmHg
// 以上、肺血管抵抗で３ Wood Unit、240dyne・sec・cm-5以上 (b)肺動脈楔入圧（左心房圧）は正常（15mmHg以下）」
#[test]
fn major_1_rhc_boundaries() {
    for (item, ok, bad) in [
        ("pvod_mpap", "25", "24"),
        ("pvod_pvr", "240", "239"),
        ("pvod_pawp", "15", "16"),
    ] {
        assert_eq!(
            diagnosis(ID, &with(&definite(), &[(item, ok)])),
            DiagnosisOutcome::Definite,
            "{item}"
        );
        let det = new(&definite(), &[(item, bad)]).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}");
        assert_eq!(det.result, Outcome::NotEligible);
    }
}

// 「②…HRCT所見…があり、かつ間質性肺疾患など慢性肺疾患や膠原病疾患を除外できる。」 both halves.
#[test]
fn major_2_needs_hrct_and_exclusion_of_lung_and_collagen_disease() {
    for (item, v) in [
        ("pvod_hrct", "2"),
        ("pvod_hrct", "3"),
        ("pvod_lung_ctd_excluded", "2"),
    ] {
        assert_eq!(
            diagnosis(ID, &with(&definite(), &[(item, v)])),
            DiagnosisOutcome::NotMet,
            "{item}={v}"
        );
    }
}

// 「＜鑑別診断＞ 以下の疾患を除外する。」
#[test]
fn differential_diagnosis_must_be_excluded() {
    assert_eq!(
        diagnosis(ID, &with(&definite(), &[("pvod_exclusion", "2")])),
        DiagnosisOutcome::NotMet
    );
}

// A blank 副次項目 that decides Probable vs Possible keeps the result open, naming it.
#[test]
fn blank_minor_item_deciding_probable_is_undetermined() {
    let f = with(&probable(), &[("pvod_dlco", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "pvod_dlco".into())));
    assert_undetermined_naming(ID, &f, &["pvod_dlco"]);
}

// A blank that does not matter: the 副次項目 once the pathology makes it 診断確実例.
#[test]
fn blank_minor_item_does_not_matter_with_pathology() {
    let f = with(&definite(), &[("pvod_dlco", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
}

// 未実施 tests show nothing: PaO2 未実施 is not a 副次項目 met.
#[test]
fn not_done_minor_is_not_met() {
    let f = with(&probable(), &[("pvod_pao2", "not_done")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Possible);
}

// 更新: the diagnosis was confirmed at the first certification.
#[test]
fn renewal_does_not_need_the_diagnosis_items() {
    let e = renewal(&[("pvod_whoph", "2")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// ---------------------------------------------------------------- 重症度: 新規申請時の表

// 「Stage１ WHO-PH/NYHA I～II 40＞mPAP ≥ 25 mmHg 使用なし」「Stage２ … mPAP ≥ 40 mmHg 使用なし」
// 「Stage３ WHO-PH/NYHA I～II mPAP ≥ 25 mmHg 使用あり（過去使用も含む）」
#[test]
fn new_whoph_2_by_vasodilator_use() {
    let base = with(&definite(), &[("pvod_whoph", "2"), ("pvod_sev_mpap", "39")]);
    let e = eval_new(ID, &base);
    stage_is(&e, "1");
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    let e = new(&base, &[("pvod_sev_mpap", "40")]);
    stage_is(&e, "2");
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    for (code, hist) in [("1", ""), ("2", "PDE5阻害薬 2023年まで")] {
        let e = new(
            &base,
            &[
                ("pvod_vasodilator", code),
                ("pvod_vasodilator_history", hist),
            ],
        );
        assert!(e.findings.is_empty(), "{code} {:#?}", e.findings);
        stage_is(&e, "3");
        assert_eq!(e.determination.result, Outcome::Eligible, "{code}");
    }
}

// 「なお、選択的肺血管拡張薬を使用したため病態が悪化し、投薬を中止した場合には、肺血管拡張薬の使用がなくても、
// Stage３以上とする（登録時に、過去の肺血管拡張薬使用歴を記載すること。）。」
#[test]
fn new_stopped_for_worsening_is_stage3_even_below_25() {
    let f = with(
        &definite(),
        &[
            ("pvod_whoph", "1"),
            ("pvod_sev_mpap", "20"),
            ("pvod_vasodilator", "3"),
            ("pvod_vasodilator_history", "ERA で肺水腫、中止"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
    // The history is required then.
    let e = eval_new(ID, &with(&f, &[("pvod_vasodilator_history", "")]));
    assert!(codes(&e).contains(&("required".into(), "pvod_vasodilator_history".into())));
}

// mPAP 24 without PGI2 or 悪化中止 has no row of the 新規 table: not met, warning.
#[test]
fn new_mpap_24_has_no_stage_and_warns() {
    let e = new(
        &definite(),
        &[
            ("pvod_whoph", "2"),
            ("pvod_sev_mpap", "24"),
            ("pvod_vasodilator", "1"),
        ],
    );
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pvod_new_mpap_below_25"));
}

// 「Stage３ WHO-PH/NYHA III～IV mPAP ≥ 25 mmHg CI ≥ 2.5」「Stage４ … CI＜2.5」「Stage５ WHO-PH/NYHA IV
// mPAP ≥ 40 mmHg」
#[test]
fn new_whoph_3_4_boundaries() {
    let e = new(&definite(), &[("pvod_ci", "2.5")]);
    stage_is(&e, "3");
    let e = new(&definite(), &[("pvod_ci", "2.49")]);
    stage_is(&e, "4");
    assert_eq!(e.determination.result, Outcome::Eligible);
    stage_is(&new(&definite(), &[("pvod_whoph", "4")]), "5");
    stage_is(
        &new(&definite(), &[("pvod_whoph", "4"), ("pvod_sev_mpap", "39")]),
        "3",
    );
    // CI 未実施: Stage３以上 either way, with a warning.
    let e = new(&definite(), &[("pvod_ci", "not_done")]);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert!(has_code(&e, "pvod_new_ci_not_done"));
}

// 「PGI2持続静注・皮下注継続使用が必要な場合は自覚症状の程度、mPAPの値に関係なくStage５」
#[test]
fn new_pgi2_is_stage5() {
    let e = new(
        &definite(),
        &[
            ("pvod_whoph", "1"),
            ("pvod_sev_mpap", "20"),
            ("pvod_vasodilator", "1"),
            ("pvod_pgi2_continuous", "1"),
        ],
    );
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "5");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn new_blank_severity_items_are_undetermined() {
    let f = with(&definite(), &[("pvod_whoph", "")]);
    assert_undetermined_naming(ID, &f, &["pvod_whoph"]);
    let f = with(&definite(), &[("pvod_sev_mpap", "")]);
    assert_undetermined_naming(ID, &f, &["pvod_sev_mpap"]);
}

// ---------------------------------------------------------------- 重症度: 更新時の表

// 「Stage１ WHO-PH/NYHA I, II TRPG ＜ 40 mmHg…使用なし」「Stage２ WHO-PH/NYHA I, II TRPG ≥ 40 mmHg 使用なし」
// 「更新時はStage３以上、NYHAII度以上又は肺血管拡張薬を使用している場合を対象とする。」
#[test]
fn renewal_whoph_1_without_use_is_not_met() {
    let e = eval_renewal(&renewal_stage1());
    assert_eq!(e.determination.result, Outcome::NotEligible);
    let e = renewal(&[("pvod_trpg", "40")]);
    stage_is(&e, "2");
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// NYHA I→II: WHO-PH II without use is Stage１ but met on renewal.
#[test]
fn renewal_whoph_2_is_met() {
    let e = renewal(&[("pvod_whoph", "2")]);
    stage_is(&e, "1");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「…又は肺血管拡張薬を使用している場合」: current use with WHO-PH I (Stage２) is met; past use alone is
// not 「使用している」 but counts in 「Stage３ WHO-PH/NYHA I～II TRPG ≥ 40 mmHg 使用あり（過去使用も含む）」.
#[test]
fn renewal_use_current_and_past() {
    let e = renewal(&[("pvod_vasodilator", "1")]);
    stage_is(&e, "2");
    assert_eq!(e.determination.result, Outcome::Eligible);
    let past = [
        ("pvod_vasodilator", "2"),
        ("pvod_vasodilator_history", "ERA 2022年まで"),
    ];
    let e = renewal(&past);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "1");
    assert_eq!(e.determination.result, Outcome::NotEligible);
    let e = eval_renewal(&with(
        &with(&renewal_stage1(), &past),
        &[("pvod_trpg", "40")],
    ));
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「…投薬を中止した場合には、肺血管拡張薬の使用がなくても、Stage３以上とする」 on renewal too.
#[test]
fn renewal_stopped_for_worsening_is_stage3() {
    let e = renewal(&[
        ("pvod_vasodilator", "3"),
        ("pvod_vasodilator_history", "PGI2 静注で肺水腫、中止"),
    ]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「Stage３ WHO-PH/NYHA III TRPG ≥ 40 mmHg 使用なし」「Stage４ WHO-PH/NYHA II, III TRPG ≥ 60 mmHg」
// 「Stage４ WHO-PH/NYHA IV TRPG ＜ 60mmHg」「Stage５ WHO-PH/NYHA IV TRPG ≥ 60 mmHg」
#[test]
fn renewal_stage_boundaries() {
    stage_is(&renewal(&[("pvod_whoph", "3"), ("pvod_trpg", "40")]), "3");
    stage_is(&renewal(&[("pvod_whoph", "3"), ("pvod_trpg", "60")]), "4");
    stage_is(&renewal(&[("pvod_whoph", "2"), ("pvod_trpg", "60")]), "4");
    stage_is(&renewal(&[("pvod_whoph", "2"), ("pvod_trpg", "59")]), "2");
    stage_is(&renewal(&[("pvod_whoph", "4"), ("pvod_trpg", "59")]), "4");
    stage_is(&renewal(&[("pvod_whoph", "4"), ("pvod_trpg", "60")]), "5");
    stage_is(
        &renewal(&[("pvod_whoph", "3"), ("pvod_vasodilator", "1")]),
        "3",
    );
    // WHO-PH III, TRPG ＜ 40, 使用なし: no row (warning), met by NYHA II度以上.
    let e = renewal(&[("pvod_whoph", "3")]);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pvod_renewal_no_stage_row"));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「PGI2持続静注・皮下注継続使用が必要な場合はWHO-PH分類、mPAPの値に関係なくStage５」
#[test]
fn renewal_pgi2_is_stage5() {
    let e = renewal(&[("pvod_pgi2_continuous", "1"), ("pvod_vasodilator", "1")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "5");
}

#[test]
fn renewal_blank_whoph_is_undetermined_and_blank_trpg_does_not_matter() {
    let e = renewal(&[("pvod_whoph", "")]);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["pvod_whoph".to_string()]
    );
    let e = renewal(&[("pvod_trpg", "")]);
    assert!(codes(&e).contains(&("required".into(), "pvod_trpg".into())));
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// ---------------------------------------------------------------- checks

#[test]
fn contradictions_warn() {
    let e = new(&definite(), &[("pvod_pgi2_continuous", "1")]);
    assert!(has_code(&e, "pvod_pgi2_without_vasodilator"));
    let e = new(&definite(), &[("pvod_vasodilator_edema", "1")]);
    assert!(has_code(&e, "pvod_edema_without_vasodilator_history"));
    assert!(errors(&e).is_empty());
}

#[test]
fn out_of_range_values_are_errors() {
    let e = new(&definite(), &[("pvod_pao2", "701")]);
    assert!(codes(&e).contains(&("range".into(), "pvod_pao2".into())));
    let e = new(&definite(), &[("pvod_dlco", "40.25")]);
    assert!(codes(&e).contains(&("precision".into(), "pvod_dlco".into())));
}

// 「以下の「診断確実例」及び「臨床診断例」を指定難病の対象とする。」 A blank pathology does not matter
// once 臨床診断例 is met (either eligible category suffices).
#[test]
fn blank_pathology_does_not_matter_when_probable() {
    let f = with(&probable(), &[("pvod_pathology", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "pvod_pathology".into())));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(e.determination.undetermined_items.is_empty());
}

// 「主要項目①② + 主要項目③ + 副次項目のうち２項目以上」: with two 副次項目 and no pathology, a blank ③
// decides Probable vs Possible.
#[test]
fn blank_major_3_with_two_minor_items_is_undetermined() {
    let f = with(
        &probable(),
        &[("pvod_dlco", "60"), ("pvod_vasodilator_edema", "")],
    );
    assert_undetermined_naming(ID, &f, &["pvod_vasodilator_edema"]);
}
