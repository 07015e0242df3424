//! 指定難病 88 慢性血栓塞栓性肺高血圧症 (nanbyo-088-2403): every criterion of
//! the 認定基準 (新規申請時) and every boundary of the 重症度分類. Each test cites
//! the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-088-2403";

/// Definite (1)～4) of 認定基準①) with WHO-PH II, mPAP 35, PVR 480, PaO2 65 (＜70), Stage３.
fn definite_severe() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("cteph_mpap", "35"),
            ("cteph_pawp", "10"),
            ("cteph_vq_scan", "1"),
            ("cteph_angiography", "3"),
            ("cteph_contrast_ct", "1"),
            ("cteph_exclusion", "1"),
            ("cteph_whoph", "2"),
            ("cteph_pvr", "480"),
            ("cteph_pao2", "65"),
            ("cteph_vasodilator", "2"),
            ("cteph_stage", "3"),
        ],
    )
}

/// Definite with WHO-PH I and PVR 480 (Stage１).
fn definite_stage1() -> nsdb_forms::FormData {
    with(
        &definite_severe(),
        &[("cteph_whoph", "1"), ("cteph_stage", "1")],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite_severe(), definite_stage1()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「(５)認定基準 以下の項目を全て満たすこと。①新規申請時 １)～４)」
// 「…研究班の重症度分類を用いて、Stage２以上を対象とする。」
#[test]
fn definite_with_whoph_2_is_eligible() {
    let det = eval_new(ID, &definite_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-088-2403/2020-03.3");
}

// 「１．肺動脈圧の上昇（安静時の肺動脈平均圧が25mmHg以上）」: 25 meets, 24 does not.
#[test]
fn mpap_25_meets_and_24_does_not() {
    let f = with(&definite_severe(), &[("cteph_mpap", "25")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&definite_severe(), &[("cteph_mpap", "24")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// 「２．肺動脈楔入圧（左心房圧）が正常（15mmHg以下）」: 15 meets, 16 does not.
#[test]
fn pawp_15_meets_and_16_does_not() {
    let f = with(&definite_severe(), &[("cteph_pawp", "15")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&definite_severe(), &[("cteph_pawp", "16")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「２)診断のための検査所見の肺換気・血流シンチグラム所見を満たすこと。」 なし／未実施 do not meet.
#[test]
fn vq_scan_is_required() {
    for code in ["2", "3"] {
        let f = with(&definite_severe(), &[("cteph_vq_scan", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// 「３)診断のための検査所見の肺動脈造影所見ないしは胸部造影CT所見を満たすこと。」 Either one suffices.
#[test]
fn angiography_or_contrast_ct() {
    let f = with(
        &definite_severe(),
        &[("cteph_angiography", "1"), ("cteph_contrast_ct", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(
        &definite_severe(),
        &[("cteph_angiography", "2"), ("cteph_contrast_ct", "3")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「４)除外すべき疾患の全てを除外できること。」
#[test]
fn exclusion_is_required() {
    let f = with(&definite_severe(), &[("cteph_exclusion", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 未実施 右心カテーテル shows nothing: not met (not 判定不能).
#[test]
fn rhc_not_done_is_not_met() {
    let f = with(&definite_severe(), &[("cteph_mpap", "not_done")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
}

// A blank required diagnostic item keeps the result open, naming it.
#[test]
fn blank_mpap_is_undetermined_naming_it() {
    let f = with(&definite_severe(), &[("cteph_mpap", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Undetermined);
    assert_undetermined_naming(ID, &f, &["cteph_mpap"]);
    assert!(codes(&e).contains(&("required".into(), "cteph_mpap".into())));
}

// A blank that does not matter: CT blank once angiography proved the change.
#[test]
fn blank_ct_does_not_matter_when_angiography_proves_it() {
    let f = with(
        &definite_severe(),
        &[("cteph_angiography", "1"), ("cteph_contrast_ct", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
}

// 「Stage２以上を対象とする。」 Stage１ (WHO-PH/NYHA I, PVR < 1,000) is not met.
#[test]
fn whoph_1_with_pvr_below_1000_is_not_met() {
    let det = eval_new(ID, &definite_stage1()).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「Stage５ WHO-PH/NYHA I～IV PVR ≥ 1,000 dyn.s.cm-5（12.5 Wood Unit)」: 1000 meets, 999 does not.
#[test]
fn pvr_1000_meets_even_with_whoph_1_and_999_does_not() {
    let f = with(
        &definite_stage1(),
        &[("cteph_pvr", "1000"), ("cteph_stage", "5")],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&definite_stage1(), &[("cteph_pvr", "999")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// Upper grades are included.
#[test]
fn whoph_3_and_4_are_met() {
    for code in ["3", "4"] {
        let f = with(
            &definite_severe(),
            &[("cteph_whoph", code), ("cteph_stage", "4")],
        );
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{code}");
    }
}

// PVR 未実施 shows nothing: WHO-PH I with PVR 未実施 is Stage１.
#[test]
fn pvr_not_done_with_whoph_1_is_not_met() {
    let f = with(&definite_stage1(), &[("cteph_pvr", "not_done")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// WHO-PH I with PVR blank: open on PVR only; WHO-PH II with PVR blank: decided.
#[test]
fn blank_pvr_matters_only_with_whoph_1() {
    let f = with(&definite_stage1(), &[("cteph_pvr", "")]);
    assert_undetermined_naming(ID, &f, &["cteph_pvr"]);
    let f = with(&definite_severe(), &[("cteph_pvr", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

#[test]
fn blank_whoph_is_undetermined_naming_it() {
    let f = with(&definite_severe(), &[("cteph_whoph", "")]);
    assert_undetermined_naming(ID, &f, &["cteph_whoph"]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_stage_1() {
    let mut f = definite_stage1();
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::Eligible);
}

// Checks: the doctor's Stage against the items.
#[test]
fn stage_disagreeing_with_items_is_a_warning() {
    let f = with(&definite_severe(), &[("cteph_stage", "1")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&(
        "cteph_stage_1_with_severity_items".into(),
        "cteph_stage".into()
    )));
    let f = with(&definite_stage1(), &[("cteph_stage", "2")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&(
        "cteph_stage_2_without_severity_items".into(),
        "cteph_stage".into()
    )));
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(
        &definite_severe(),
        &[("cteph_pawp", "61"), ("cteph_pvr", "5001")],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "cteph_pawp".into())));
    assert!(c.contains(&("range".into(), "cteph_pvr".into())));
}

// 更新: the diagnostic items are not required; severity decides.
#[test]
fn renewal_without_diagnosis_items_is_judged_on_severity() {
    let f = with(
        &nanbyo_common(),
        &[
            ("cteph_whoph", "2"),
            ("cteph_pvr", "not_done"),
            ("cteph_vasodilator", "2"),
            ("cteph_trpg", "30"),
            ("cteph_renewal_mpap", "not_done"),
            ("cteph_hot", "2"),
            ("cteph_stage", "2"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&f, &[("cteph_whoph", "1"), ("cteph_stage", "1")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// ---------------------------------------------------------------- 新規申請時の表 / 更新時の表

fn stage_calc(e: &nsdb_forms::Evaluation) -> nsdb_forms::CalcValue {
    e.calculations["cteph_stage_calc"].clone()
}

fn num(n: f64) -> nsdb_forms::CalcValue {
    nsdb_forms::CalcValue::Number(n)
}

fn has_code(e: &nsdb_forms::Evaluation, code: &str) -> bool {
    e.findings.iter().any(|f| f.code == code)
}

/// 更新: no diagnosis items; WHO-PH I, TRPG 30, 右心カテ未施行, 使用なし, HOTなし → Stage１.
fn renewal_stage1() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("cteph_whoph", "1"),
            ("cteph_pvr", "not_done"),
            ("cteph_vasodilator", "2"),
            ("cteph_trpg", "30"),
            ("cteph_renewal_mpap", "not_done"),
            ("cteph_hot", "2"),
            ("cteph_stage", "1"),
        ],
    )
}

fn renewal(pairs: &[(&str, &str)]) -> nsdb_forms::Evaluation {
    nsdb_forms::evaluate(
        &def(ID),
        &with(&renewal_stage1(), pairs),
        ApplicationKind::Renewal,
        today(),
    )
}

// 新規 「Stage２ WHO-PH/NYHA II mPAP ≥ 25mmHg PaO2≧70torr」「Stage３ WHO-PH/NYHA II mPAP ≥ 25mmHg
// PaO2＜70torr」「Stage３ WHO-PH/NYHA II mPAP ≥ 25mmHg 使用あり」: PaO2 69 is Stage３, 70 Stage２
// (unless a vasodilator is used); both are Stage２以上.
#[test]
fn new_table_whoph_2_by_pao2_and_vasodilator() {
    let e = eval_new(ID, &definite_severe());
    assert_eq!(stage_calc(&e), num(3.0));
    let f = with(
        &definite_severe(),
        &[("cteph_pao2", "69"), ("cteph_stage", "3")],
    );
    assert_eq!(stage_calc(&eval_new(ID, &f)), num(3.0));
    let f = with(
        &definite_severe(),
        &[("cteph_pao2", "70"), ("cteph_stage", "2")],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(2.0));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&f, &[("cteph_vasodilator", "1"), ("cteph_stage", "3")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(3.0));
}

// 新規 「Stage４ WHO-PH/NYHA III～IV mPAP ≥ 30mmHg」: 30 is Stage４, 29 Stage３.
#[test]
fn new_table_whoph_3_mpap_30_is_stage4() {
    let f = with(
        &definite_severe(),
        &[
            ("cteph_whoph", "3"),
            ("cteph_mpap", "30"),
            ("cteph_stage", "4"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(4.0));
    let f = with(&f, &[("cteph_mpap", "29"), ("cteph_stage", "3")]);
    assert_eq!(stage_calc(&eval_new(ID, &f)), num(3.0));
}

// The doctor's Stage against the Stage of the table (both ≥ 2): a warning.
#[test]
fn stage_differing_from_the_table_warns() {
    let f = with(&definite_severe(), &[("cteph_stage", "4")]);
    let e = eval_new(ID, &f);
    assert!(has_code(&e, "cteph_stage_differs_from_table"));
    assert!(errors(&e).is_empty());
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 新規: WHO-PH II with PaO2 未実施 and no vasodilator has no row (Stage２ needs PaO2≧70, Stage３
// PaO2＜70 or 使用あり): warning; still Stage２以上.
#[test]
fn new_table_pao2_not_done_has_no_row() {
    let f = with(&definite_severe(), &[("cteph_pao2", "not_done")]);
    let e = eval_new(ID, &f);
    assert_eq!(stage_calc(&e), num(0.0));
    assert!(has_code(&e, "cteph_stage_no_table_row"));
    assert_eq!(e.determination.result, Outcome::Eligible);
    // A blank PaO2 does not matter for the result (required, though).
    let f = with(&definite_severe(), &[("cteph_pao2", "")]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "cteph_pao2".into())));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 新規 「Stage２以上を対象とする。」 with the 新規 table: WHO-PH II needs mPAP ≥ 25 (the diagnostic
// right heart catheter); 更新 does not ask it.
#[test]
fn new_severity_uses_the_diagnostic_mpap() {
    let f = with(&definite_severe(), &[("cteph_mpap", "24")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 更新 「Stage１ WHO-PH/NYHA I 使用の有無に係らず」「Stage２ WHO-PH/NYHA II 使用の有無に係らず」:
// WHO-PH I is not met, II is met, whatever TRPG, vasodilator or HOT.
#[test]
fn renewal_table_whoph_1_is_not_met_and_2_is_met() {
    let e = renewal(&[]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(1.0));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    for (trpg, hot) in [("30", "1"), ("45", "2"), ("70", "1")] {
        let e = renewal(&[
            ("cteph_trpg", trpg),
            ("cteph_hot", hot),
            ("cteph_vasodilator", "1"),
        ]);
        assert_eq!(stage_calc(&e), num(1.0), "{trpg}");
        assert_eq!(e.determination.result, Outcome::NotEligible, "{trpg}");
    }
    let e = renewal(&[("cteph_whoph", "2"), ("cteph_stage", "2")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(2.0));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 更新 「Stage５ WHO-PH/NYHA I～IV PVR ≥ 1,000 dyn.s.cm-5（12.5WU)」: WHO-PH I with PVR 1000 (右心カテ
// 施行時) is met, 999 is not.
#[test]
fn renewal_pvr_1000_is_stage5() {
    let e = renewal(&[
        ("cteph_pvr", "1000"),
        ("cteph_renewal_mpap", "45"),
        ("cteph_stage", "5"),
    ]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(5.0));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = renewal(&[("cteph_pvr", "999"), ("cteph_renewal_mpap", "45")]);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 更新 「Stage３ WHO-PH/NYHA II～IV TRPG＜40mmHg mPAP＜25mmHg 使用あり」「Stage３ WHO-PH/NYHA II TRPG ≥
// 40mmHg mPAP ≥ 25mmHg」: TRPG 39/40, the 「肺血管拡張薬又はHOT使用」 column, mPAP 24/25.
#[test]
fn renewal_table_stage3_rows() {
    let two = [("cteph_whoph", "2"), ("cteph_stage", "3")];
    let e = renewal(&[two[0], two[1], ("cteph_trpg", "39"), ("cteph_hot", "1")]);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(stage_calc(&e), num(3.0));
    let e = renewal(&[
        two[0],
        two[1],
        ("cteph_trpg", "39"),
        ("cteph_vasodilator", "1"),
    ]);
    assert_eq!(stage_calc(&e), num(3.0));
    let e = renewal(&[two[0], ("cteph_trpg", "39")]);
    assert_eq!(stage_calc(&e), num(2.0));
    let e = renewal(&[two[0], ("cteph_trpg", "40")]);
    assert_eq!(stage_calc(&e), num(3.0));
    // With a right heart catheter: mPAP 25 keeps the TRPG ≥ 40 row, 24 does not.
    let e = renewal(&[two[0], ("cteph_trpg", "40"), ("cteph_renewal_mpap", "25")]);
    assert_eq!(stage_calc(&e), num(3.0));
    let e = renewal(&[two[0], ("cteph_trpg", "40"), ("cteph_renewal_mpap", "24")]);
    assert_eq!(stage_calc(&e), num(2.0));
    let e = renewal(&[
        two[0],
        ("cteph_trpg", "39"),
        ("cteph_hot", "1"),
        ("cteph_renewal_mpap", "25"),
    ]);
    assert_eq!(stage_calc(&e), num(2.0));
}

// 更新 「Stage４ WHO-PH/NYHA III～IV TRPG ≥ 40mmHg mPAP ≥ 25mmHg」「Stage５ … WHO-PH/NYHA III～IV
// TRPG ≥ 60mmHg」
#[test]
fn renewal_table_stage4_and_5_rows() {
    for who in ["3", "4"] {
        let e = renewal(&[
            ("cteph_whoph", who),
            ("cteph_trpg", "40"),
            ("cteph_stage", "4"),
        ]);
        assert!(e.findings.is_empty(), "{who} {:#?}", e.findings);
        assert_eq!(stage_calc(&e), num(4.0));
        assert_eq!(e.determination.result, Outcome::Eligible);
        let e = renewal(&[("cteph_whoph", who), ("cteph_trpg", "59")]);
        assert_eq!(stage_calc(&e), num(4.0));
        let e = renewal(&[("cteph_whoph", who), ("cteph_trpg", "60")]);
        assert_eq!(stage_calc(&e), num(5.0));
        let e = renewal(&[
            ("cteph_whoph", who),
            ("cteph_trpg", "39"),
            ("cteph_hot", "1"),
        ]);
        assert_eq!(stage_calc(&e), num(3.0));
    }
}

// 更新: WHO-PH III～IV with TRPG＜40 and no vasodilator/HOT has no row: warning, met by WHO-PH ≥ II.
#[test]
fn renewal_table_gap_warns_and_is_met() {
    let e = renewal(&[("cteph_whoph", "3"), ("cteph_stage", "3")]);
    assert_eq!(stage_calc(&e), num(0.0));
    assert!(has_code(&e, "cteph_stage_no_table_row"));
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 更新: the renewal items are required on renewal only; a blank TRPG does not decide Stage２以上.
#[test]
fn renewal_items_are_required_for_renewal_only() {
    let e = renewal(&[("cteph_trpg", "")]);
    assert!(codes(&e).contains(&("required".into(), "cteph_trpg".into())));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(e.determination.undetermined_items.is_empty());
    let e = eval_new(ID, &definite_severe());
    assert!(!codes(&e).contains(&("required".into(), "cteph_trpg".into())));
    // A blank 自覚症状 keeps a renewal open, naming it.
    let e = renewal(&[("cteph_whoph", "")]);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["cteph_whoph".to_string()]
    );
}
