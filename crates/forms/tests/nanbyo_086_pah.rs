//! 指定難病 86 肺動脈性肺高血圧症 (nanbyo-086-2403): every criterion of the
//! (６)認定基準 and every boundary of the 肺高血圧機能分類, for 新規 (新規申請時の表)
//! and 更新 (更新時の表). Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, CalcValue, DiagnosisOutcome, Evaluation, FormData, Outcome,
    SeverityOutcome,
};

const ID: &str = "nanbyo-086-2403";

fn eval_renewal(f: &FormData) -> Evaluation {
    evaluate(&def(ID), f, ApplicationKind::Renewal, today())
}

fn eval(kind: ApplicationKind, f: &FormData) -> Evaluation {
    evaluate(&def(ID), f, kind, today())
}

fn stage(e: &Evaluation) -> CalcValue {
    e.calculations["pah_stage_calc"].clone()
}

fn stage_is(e: &Evaluation, s: &str) {
    assert_eq!(stage(e), CalcValue::Text(s.into()), "{:?}", e.determination);
}

fn has_code(e: &Evaluation, code: &str) -> bool {
    e.findings.iter().any(|f| f.code == code)
}

/// The diagnosis part of a new application: Definite (１)～３) of (６)認定基準).
fn definite() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("pah_mpap", "45"),
            ("pah_pvr", "600"),
            ("pah_pawp", "10"),
            ("pah_perfusion_scan", "1"),
            ("pah_clinical_class", "1"),
            ("pah_exclusion", "1"),
        ],
    )
}

/// 新規: Definite, WHO-PH III, mPAP 45, CI 2.8, 肺血管拡張薬あり → Stage３.
fn new_stage3() -> FormData {
    with(
        &definite(),
        &[
            ("pah_whoph", "3"),
            ("pah_vasodilator", "1"),
            ("pah_pgi2_continuous", "2"),
            ("pah_sev_mpap", "45"),
            ("pah_ci", "2.8"),
        ],
    )
}

/// 新規: WHO-PH II, mPAP 30, 使用なし → Stage１.
fn new_stage1() -> FormData {
    with(
        &new_stage3(),
        &[
            ("pah_whoph", "2"),
            ("pah_vasodilator", "2"),
            ("pah_sev_mpap", "30"),
        ],
    )
}

/// 更新: no diagnosis items; WHO-PH I, TRPG 30, 使用なし → Stage１ (not met).
fn renewal_stage1() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("pah_whoph", "1"),
            ("pah_vasodilator", "2"),
            ("pah_pgi2_continuous", "2"),
            ("pah_significant_tr", "1"),
            ("pah_trpg", "30"),
        ],
    )
}

fn renewal(pairs: &[(&str, &str)]) -> Evaluation {
    eval_renewal(&with(&renewal_stage1(), pairs))
}

fn new(pairs: &[(&str, &str)]) -> Evaluation {
    eval_new(ID, &with(&new_stage3(), pairs))
}

#[test]
fn complete_forms_have_no_findings() {
    let e = eval_new(ID, &new_stage3());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "3");
    let e = eval_new(ID, &new_stage1());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "1");
    let e = eval_renewal(&renewal_stage1());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "1");
}

// 「(６) 認定基準 以下の項目を全て満たすこと」「新規申請時はStage ３以上を対象とする。」
#[test]
fn definite_stage3_new_is_eligible() {
    let det = eval_new(ID, &new_stage3()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-086-2403/2020-03.1");
}

// ---------------------------------------------------------------- 診断基準

// 「(a) 肺動脈圧の上昇（安静時肺動脈平均圧で25mmHg以上…）」: 25 meets, 24 does not.
#[test]
fn mpap_25_meets_and_24_does_not() {
    assert_eq!(
        new(&[("pah_mpap", "25")]).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    let det = new(&[("pah_mpap", "24")]).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「(a) …肺血管抵抗で３ Wood unit、240dyne・sec・cm-5以上）」: 240 meets, 239 does not.
#[test]
fn pvr_240_meets_and_239_does_not() {
    assert_eq!(
        new(&[("pah_pvr", "240")]).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        new(&[("pah_pvr", "239")]).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「(b) 肺動脈楔入圧（左心房圧）は正常（15mmHg以下）」: 15 meets, 16 does not.
#[test]
fn pawp_15_meets_and_16_does_not() {
    assert_eq!(
        new(&[("pah_pawp", "15")]).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        new(&[("pah_pawp", "16")]).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「②肺血流シンチグラムにて区域性血流欠損なし」: 欠損あり／未実施 do not meet.
#[test]
fn perfusion_scan_without_segmental_defect_is_required() {
    for code in ["2", "3"] {
        assert_eq!(
            new(&[("pah_perfusion_scan", code)]).determination.diagnosis,
            DiagnosisOutcome::NotMet,
            "{code}"
        );
    }
}

// 「２) 除外すべき疾患の全てを除外できること。」
#[test]
fn exclusion_is_required() {
    assert_eq!(
        new(&[("pah_exclusion", "2")]).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「３) 肺動脈性肺高血圧症の臨床分類①～⑦のいずれかに該当すること。」
#[test]
fn clinical_class_one_to_seven_meets_and_none_does_not() {
    for code in ["1", "2", "4", "5", "6", "7"] {
        let e = new(&[("pah_clinical_class", code)]);
        assert!(e.findings.is_empty(), "{code} {:#?}", e.findings);
        assert_eq!(
            e.determination.diagnosis,
            DiagnosisOutcome::Definite,
            "{code}"
        );
    }
    assert_eq!(
        new(&[("pah_clinical_class", "8")]).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

// 「ただし、先天性シャント性心疾患に伴う肺動脈性肺高血圧症の場合は、手術不能症例及びび手術施行後も
// 肺動脈性肺高血圧症が残存する場合を対象とする。」
#[test]
fn congenital_shunt_needs_inoperable_or_residual() {
    let e = new(&[
        ("pah_clinical_class", "3"),
        ("pah_shunt_inoperable_or_residual", "1"),
    ]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    let e = new(&[
        ("pah_clinical_class", "3"),
        ("pah_shunt_inoperable_or_residual", "2"),
    ]);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    // Blank: required, and the result stays open on that item.
    let f = with(&new_stage3(), &[("pah_clinical_class", "3")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "pah_shunt_inoperable_or_residual".into())));
    assert_undetermined_naming(ID, &f, &["pah_shunt_inoperable_or_residual"]);
}

// 未実施 右心カテーテル shows nothing: not met (not 判定不能).
#[test]
fn rhc_not_done_is_not_met() {
    let e = new(&[("pah_mpap", "not_done")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
}

// A blank required diagnostic item keeps a 新規 result open, naming it.
#[test]
fn blank_pvr_is_undetermined_naming_it() {
    let f = with(&new_stage3(), &[("pah_pvr", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "pah_pvr".into())));
    assert_undetermined_naming(ID, &f, &["pah_pvr"]);
}

// A blank that does not matter: PVR blank once mPAP < 25 already refutes the RHC criterion.
#[test]
fn blank_pvr_does_not_matter_when_mpap_is_below_25() {
    let f = with(&new_stage3(), &[("pah_pvr", ""), ("pah_mpap", "20")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
}

// 更新: 診断のカテゴリーは確認済み — blank diagnosis items do not make it 判定不能.
#[test]
fn renewal_does_not_need_the_diagnosis_items() {
    let e = renewal(&[("pah_whoph", "2")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// ---------------------------------------------------------------- 重症度: 新規申請時の表

// 「Stage１ WHO-PH/NYHA I～II 40＞mPAP ≥ 25 mmHg 使用なし」「Stage２ … mPAP ≥ 40 mmHg 使用なし」:
// 39 is Stage１, 40 is Stage２; neither is Stage３以上.
#[test]
fn new_whoph_2_without_vasodilator_mpap_39_is_stage1_and_40_stage2_both_not_met() {
    let e = eval_new(ID, &new_stage1());
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    for (mpap, s) in [("25", "1"), ("39", "1"), ("40", "2"), ("80", "2")] {
        let e = eval_new(ID, &with(&new_stage1(), &[("pah_sev_mpap", mpap)]));
        stage_is(&e, s);
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet, "{mpap}");
    }
}

// 「Stage３ WHO-PH/NYHA I～II mPAP ≥ 25 mmHg 使用あり」: with a vasodilator, mPAP 25 is Stage３.
#[test]
fn new_whoph_1_2_with_vasodilator_is_stage3() {
    for who in ["1", "2"] {
        let e = new(&[
            ("pah_whoph", who),
            ("pah_vasodilator", "1"),
            ("pah_sev_mpap", "25"),
        ]);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        stage_is(&e, "3");
        assert_eq!(e.determination.result, Outcome::Eligible, "{who}");
    }
}

// mPAP 24 (treated) has no row of the 新規 table: not met, with a warning.
#[test]
fn new_mpap_24_has_no_stage_and_warns() {
    let e = new(&[("pah_whoph", "2"), ("pah_sev_mpap", "24")]);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pah_new_mpap_below_25"));
    // 未実施 likewise.
    let e = new(&[("pah_whoph", "2"), ("pah_sev_mpap", "not_done")]);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert!(has_code(&e, "pah_new_mpap_below_25"));
    // WHO-PH III with mPAP 24 is not met either.
    let e = new(&[("pah_sev_mpap", "24")]);
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// 「Stage３ WHO-PH/NYHA III～IV mPAP ≥ 25 mmHg CI ≥ 2.5 L/min/m2 使用の有無に係らず」
// 「Stage４ WHO-PH/NYHA III～IV mPAP ≥ 25 mmHg CI＜2.5 L/min/m2」: WHO-PH II→III is the boundary
// without a vasodilator; CI 2.5 is Stage３ and 2.49 Stage４.
#[test]
fn new_whoph_3_is_stage3_or_4_by_ci() {
    let e = eval_new(ID, &with(&new_stage1(), &[("pah_whoph", "3")]));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = new(&[("pah_vasodilator", "2"), ("pah_ci", "2.5")]);
    stage_is(&e, "3");
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    let e = new(&[("pah_vasodilator", "2"), ("pah_ci", "2.49")]);
    stage_is(&e, "4");
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    let e = new(&[
        ("pah_whoph", "4"),
        ("pah_sev_mpap", "39"),
        ("pah_ci", "2.0"),
    ]);
    stage_is(&e, "4");
}

// CI 未実施 with WHO-PH III: Stage３ or ４ — Stage３以上 either way; a warning says the Stage is open.
#[test]
fn new_ci_not_done_with_whoph_3_is_met_with_a_warning() {
    let e = new(&[("pah_ci", "not_done")]);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pah_new_ci_not_done"));
    // A blank CI does not matter for eligibility either (but is required).
    let f = with(&new_stage3(), &[("pah_ci", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "pah_ci".into())));
}

// 「Stage５ WHO-PH/NYHA IV mPAP ≥ 40 mmHg 使用の有無に係らず」: 40 is Stage５, 39 is not.
#[test]
fn new_whoph_4_mpap_40_is_stage5() {
    let e = new(&[("pah_whoph", "4"), ("pah_sev_mpap", "40")]);
    stage_is(&e, "5");
    let e = new(&[("pah_whoph", "4"), ("pah_sev_mpap", "39")]);
    stage_is(&e, "3");
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
}

// 「PGI2持続静注・皮下注継続使用が必要な場合は自覚症状の程度、mPAPの値に関係なくStage５」
#[test]
fn new_pgi2_is_stage5_whatever_the_rest() {
    let e = new(&[
        ("pah_whoph", "1"),
        ("pah_sev_mpap", "20"),
        ("pah_pgi2_continuous", "1"),
    ]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "5");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// Blank 自覚症状 / mPAP keep a 新規 result open, naming the item.
#[test]
fn new_blank_severity_items_are_undetermined() {
    let f = with(&new_stage3(), &[("pah_whoph", "")]);
    assert_undetermined_naming(ID, &f, &["pah_whoph"]);
    let f = with(&new_stage3(), &[("pah_sev_mpap", "")]);
    assert_undetermined_naming(ID, &f, &["pah_sev_mpap"]);
    let f = with(&new_stage1(), &[("pah_vasodilator", "")]);
    assert_undetermined_naming(ID, &f, &["pah_vasodilator"]);
}

// ---------------------------------------------------------------- 重症度: 更新時の表

// 「Stage１ WHO-PH/NYHA I, II TRPG < 40 mmHg または、有意なTRなし 使用なし」
// 「Stage２ WHO-PH/NYHA I, II TRPG ≥ 40 mmHg 使用なし」: WHO-PH I without a vasodilator is
// Stage１–２ whatever the TRPG, not met on renewal.
#[test]
fn renewal_whoph_1_without_vasodilator_is_not_met_at_any_trpg() {
    let det = eval_renewal(&renewal_stage1()).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    for (trpg, s) in [("39", "1"), ("40", "2"), ("60", "2"), ("120", "2")] {
        let e = renewal(&[("pah_trpg", trpg)]);
        stage_is(&e, s);
        assert_eq!(e.determination.severity, SeverityOutcome::NotMet, "{trpg}");
    }
    let e = renewal(&[("pah_significant_tr", "2"), ("pah_trpg", "")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "1");
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// 「更新時はStage３以上、NYHAII度以上又は肺血管拡張薬を使用している場合を対象とする。」 NYHA I→II is
// the boundary: WHO-PH II (Stage１) is met on renewal but not on a new application.
#[test]
fn whoph_2_stage1_is_met_on_renewal_but_not_new() {
    let e = renewal(&[("pah_whoph", "2")]);
    stage_is(&e, "1");
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval(ApplicationKind::New, &new_stage1());
    stage_is(&e, "1");
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
}

// 「…又は肺血管拡張薬を使用している場合を対象とする。」 WHO-PH I with a vasodilator and TRPG < 40
// is Stage２ 「WHO-PH/NYHA I TRPG ＜ 40 mmHg 使用あり」 but met on renewal; not on a new application
// with mPAP 40 (Stage３ there needs ≥ 25 with use: met). The boundary is the use itself.
#[test]
fn vasodilator_alone_is_met_on_renewal() {
    let e = renewal(&[("pah_vasodilator", "1")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "2");
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = renewal(&[
        ("pah_vasodilator", "1"),
        ("pah_significant_tr", "2"),
        ("pah_trpg", ""),
    ]);
    stage_is(&e, "2");
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 新規 at the same use: Stage３ (WHO-PH I, mPAP ≥ 25, 使用あり).
    let e = new(&[("pah_whoph", "1"), ("pah_sev_mpap", "25")]);
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「Stage３ WHO-PH/NYHA I～II TRPG ≥ 40 mmHg 使用あり」: 40 is Stage３, 39 Stage２.
#[test]
fn renewal_whoph_1_vasodilator_trpg_40_is_stage3() {
    let e = renewal(&[("pah_vasodilator", "1"), ("pah_trpg", "40")]);
    stage_is(&e, "3");
    let e = renewal(&[("pah_vasodilator", "1"), ("pah_trpg", "39")]);
    stage_is(&e, "2");
}

// 「Stage３ … WHO-PH/NYHA III TRPG ≥ 40 mmHg 使用なし」; WHO-PH III, TRPG ＜ 40, 使用なし has no row
// of the 更新 table: Stage not filled (warning), NYHA II度以上 makes it met.
#[test]
fn renewal_whoph_3_without_vasodilator() {
    let e = renewal(&[("pah_whoph", "3"), ("pah_trpg", "40")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "3");
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = renewal(&[("pah_whoph", "3"), ("pah_trpg", "39")]);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pah_renewal_no_stage_row"));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「Stage３ … WHO-PH/NYHA II, III TRPG ＜40 mmHg 使用あり」
#[test]
fn renewal_whoph_2_3_vasodilator_low_trpg_is_stage3() {
    for who in ["2", "3"] {
        let e = renewal(&[("pah_whoph", who), ("pah_vasodilator", "1")]);
        stage_is(&e, "3");
        assert_eq!(e.determination.result, Outcome::Eligible);
    }
}

// 「Stage４ WHO-PH/NYHA II, III TRPG ≥ 60 mmHg」: 60 is Stage４, 59 is not.
#[test]
fn renewal_trpg_60_is_stage4_for_whoph_2_3() {
    for who in ["2", "3"] {
        let e = renewal(&[("pah_whoph", who), ("pah_trpg", "60")]);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
        stage_is(&e, "4");
    }
    // WHO-PH II, TRPG 59, 使用あり: 「Stage３ WHO-PH/NYHA I～II TRPG ≥ 40 mmHg 使用あり」.
    let e = renewal(&[
        ("pah_whoph", "2"),
        ("pah_trpg", "59"),
        ("pah_vasodilator", "1"),
    ]);
    stage_is(&e, "3");
    // WHO-PH III, TRPG 59, 使用あり has no row of the 更新 table (Stage３ with TRPG ≥ 40 for III
    // is 使用なし only): Stage not filled, a warning, met by NYHA II度以上.
    let e = renewal(&[
        ("pah_whoph", "3"),
        ("pah_trpg", "59"),
        ("pah_vasodilator", "1"),
    ]);
    assert_eq!(stage(&e), CalcValue::Unknown);
    assert!(has_code(&e, "pah_renewal_no_stage_row"));
    assert_eq!(e.determination.result, Outcome::Eligible);
    // WHO-PH II, TRPG 59, 使用なし: Stage２ by the table, met by NYHA II.
    let e = renewal(&[("pah_whoph", "2"), ("pah_trpg", "59")]);
    stage_is(&e, "2");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「Stage４ … WHO-PH/NYHA IV TRPG ＜60mmHg」「Stage５ WHO-PH/NYHA IV TRPG ≥ 60 mmHg」
#[test]
fn renewal_whoph_4_trpg_60_is_stage5_and_59_stage4() {
    stage_is(&renewal(&[("pah_whoph", "4"), ("pah_trpg", "60")]), "5");
    stage_is(&renewal(&[("pah_whoph", "4"), ("pah_trpg", "59")]), "4");
    let e = renewal(&[
        ("pah_whoph", "4"),
        ("pah_significant_tr", "2"),
        ("pah_trpg", ""),
    ]);
    stage_is(&e, "4");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「PGI2持続静注・皮下注継続使用が必要な場合はWHO-PH分類、mPAPの値に関係なくStage５」
#[test]
fn renewal_pgi2_is_stage5() {
    let e = renewal(&[("pah_pgi2_continuous", "1"), ("pah_vasodilator", "1")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    stage_is(&e, "5");
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// On renewal TRPG never decides eligibility: a blank TRPG is reported as required but the
// result is decided (WHO-PH I, 使用なし: Stage１–２, not met).
#[test]
fn renewal_blank_trpg_does_not_matter() {
    let e = renewal(&[("pah_trpg", "")]);
    assert!(codes(&e).contains(&("required".into(), "pah_trpg".into())));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(e.determination.undetermined_items.is_empty());
}

// A blank 自覚症状 keeps a renewal open (WHO-PH I vs II decides), naming it.
#[test]
fn renewal_blank_whoph_is_undetermined() {
    let e = renewal(&[("pah_whoph", "")]);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["pah_whoph".to_string()]
    );
    let e = renewal(&[("pah_vasodilator", "")]);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["pah_vasodilator".to_string()]
    );
}

// ---------------------------------------------------------------- checks and kinds

// PGI2 is a 肺血管拡張薬: PGI2 required without a vasodilator is a warning.
#[test]
fn pgi2_without_vasodilator_warns() {
    let e = new(&[("pah_pgi2_continuous", "1"), ("pah_vasodilator", "2")]);
    assert!(has_code(&e, "pah_pgi2_without_vasodilator"));
    assert!(errors(&e).is_empty());
}

// The 新規 items are not asked on renewal, the 更新 items not on a new application.
#[test]
fn kind_specific_items_are_required_only_for_their_kind() {
    let e = eval_new(ID, &new_stage3());
    assert!(!codes(&e).contains(&("required".into(), "pah_significant_tr".into())));
    let e = renewal(&[]);
    assert!(!codes(&e).contains(&("required".into(), "pah_sev_mpap".into())));
    let e = eval_renewal(&with(&renewal_stage1(), &[("pah_significant_tr", "")]));
    assert!(codes(&e).contains(&("required".into(), "pah_significant_tr".into())));
    let e = eval_new(ID, &with(&new_stage3(), &[("pah_sev_mpap", "")]));
    assert!(codes(&e).contains(&("required".into(), "pah_sev_mpap".into())));
}

// Ranges produce findings.
#[test]
fn out_of_range_values_are_errors() {
    let e = new(&[("pah_mpap", "151")]);
    assert!(codes(&e).contains(&("range".into(), "pah_mpap".into())));
    let e = new(&[("pah_ci", "2.555")]);
    assert!(codes(&e).contains(&("precision".into(), "pah_ci".into())));
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが
// 必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_stage1_on_new() {
    let mut f = new_stage1();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 40_000),
            ("2025-05", 40_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::Eligible);
}
