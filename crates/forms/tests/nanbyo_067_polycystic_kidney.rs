//! 指定難病 67 多発性嚢胞腎 (nanbyo-067-2403): every boundary of every criterion.
//! Each test cites the sentence it tests: the ADPKD 診断基準 of the 研究班
//! (常染色体優性多発性嚢胞腎診療ガイドライン第2版, as published by the sources named in the
//! definition) and the ＜重症度分類＞ of shared/data/mhlw-gaiyo-2020/67.txt.

use crate::common::*;
use nsdb_forms::{
    evaluate, Answer, ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};
use std::collections::BTreeMap;

const ID: &str = "nanbyo-067-2403";

/// 家族歴 あり (父) in the common section, agreeing with 家族内発生.
fn with_family_history(f: &FormData) -> FormData {
    let mut f = with(f, &[("family_history", "1")]);
    let mut row = BTreeMap::new();
    row.insert("relationship".to_string(), Answer::from("1"));
    f.set("family_history_members", Answer::Rows(vec![row]));
    f
}

/// ADPKD with 家族内発生, 3 cysts in each kidney by ultrasound, CT/MRI not done;
/// severity A met (G3b × A2: eGFR 40, 0.20 g/gCr), B not met.
fn adpkd_family() -> FormData {
    with(
        &with_family_history(&nanbyo_common()),
        &[
            ("pkd_type", "1"),
            ("pkd_family_occurrence", "1"),
            ("pkd_us_cysts_right", "3"),
            ("pkd_us_cysts_left", "3"),
            ("pkd_ctmri_cysts_right", "not_done"),
            ("pkd_ctmri_cysts_left", "not_done"),
            ("adpkd_egfr", "40.0"),
            ("adpkd_upcr", "0.20"),
            ("adpkd_kidney_volume", "700"),
            ("adpkd_volume_growth", "6.0"),
        ],
    )
}

/// ADPKD without 家族内発生 (born 1955-05-10), imaging at 16 (1971-06) with 5 cysts
/// in each kidney by CT/MRI, ultrasound not done, other diseases excluded.
fn adpkd_sporadic() -> FormData {
    with(
        &adpkd_family(),
        &[
            ("family_history", "2"),
            ("family_history_members", ""),
            ("pkd_family_occurrence", "2"),
            ("pkd_us_cysts_right", "not_done"),
            ("pkd_us_cysts_left", "not_done"),
            ("pkd_ctmri_cysts_right", "5"),
            ("pkd_ctmri_cysts_left", "5"),
            ("pkd_imaging_ym", "1971-06"),
            ("pkd_exclusion", "1"),
        ],
    )
}

/// ARPKD judged by the doctor to meet its criteria; no ADPKD item answered.
fn arpkd() -> FormData {
    let mut f = with(
        &adpkd_family(),
        &[("pkd_type", "2"), ("pkd_arpkd_criteria", "1")],
    );
    for id in [
        "pkd_family_occurrence",
        "pkd_us_cysts_right",
        "pkd_us_cysts_left",
        "pkd_ctmri_cysts_right",
        "pkd_ctmri_cysts_left",
    ] {
        f.remove(id);
    }
    f
}

fn dx(f: &FormData) -> DiagnosisOutcome {
    diagnosis(ID, f)
}

fn result(f: &FormData) -> Outcome {
    eval_new(ID, f).determination.result
}

// ---------------------------------------------------------------- complete forms

#[test]
fn complete_family_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &adpkd_family());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn complete_sporadic_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &adpkd_sporadic());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

#[test]
fn complete_arpkd_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &arpkd());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// ---------------------------------------------------------------- ADPKD, 家族内発生あり

// 「1．家族内発生が確認されている場合 (1) 超音波断層像で両腎に各々3個以上確認されているもの」
#[test]
fn family_ultrasound_needs_three_cysts_in_each_kidney() {
    assert_eq!(dx(&adpkd_family()), DiagnosisOutcome::Definite);
    for side in ["pkd_us_cysts_right", "pkd_us_cysts_left"] {
        let f = with(&adpkd_family(), &[(side, "2")]);
        assert_eq!(dx(&f), DiagnosisOutcome::NotMet, "{side} = 2");
        assert_eq!(result(&f), Outcome::NotEligible, "{side} = 2");
    }
}

// 「(2) CT、MRIでは、両腎に嚢胞が各々5個以上確認されているもの」
#[test]
fn family_ct_mri_needs_five_cysts_in_each_kidney() {
    let ct = with(
        &adpkd_family(),
        &[
            ("pkd_us_cysts_right", "not_done"),
            ("pkd_us_cysts_left", "not_done"),
            ("pkd_ctmri_cysts_right", "5"),
            ("pkd_ctmri_cysts_left", "5"),
        ],
    );
    assert_eq!(dx(&ct), DiagnosisOutcome::Definite);
    for side in ["pkd_ctmri_cysts_right", "pkd_ctmri_cysts_left"] {
        let f = with(&ct, &[(side, "4")]);
        assert_eq!(dx(&f), DiagnosisOutcome::NotMet, "{side} = 4");
    }
    // Four cysts by CT/MRI do not count, three by ultrasound do (either (1) or (2)).
    let both = with(
        &adpkd_family(),
        &[
            ("pkd_ctmri_cysts_right", "4"),
            ("pkd_ctmri_cysts_left", "4"),
        ],
    );
    assert_eq!(dx(&both), DiagnosisOutcome::Definite);
}

// 「超音波断層像で両腎に各々3個以上」: a blank count stays open only while it matters.
#[test]
fn a_blank_cyst_count_is_named_only_while_it_matters() {
    let open = with(&adpkd_family(), &[("pkd_us_cysts_right", "")]);
    assert_undetermined_naming(ID, &open, &["pkd_us_cysts_right"]);
    let e = eval_new(ID, &open);
    assert!(codes(&e).contains(&("required".into(), "pkd_us_cysts_right".into())));
    // CT/MRI shows 5 and 5: the ultrasound count no longer matters.
    let decided = with(
        &open,
        &[
            ("pkd_ctmri_cysts_right", "5"),
            ("pkd_ctmri_cysts_left", "5"),
        ],
    );
    assert_eq!(dx(&decided), DiagnosisOutcome::Definite);
    assert_eq!(result(&decided), Outcome::Eligible);
    // The other kidney has 2: the blank side cannot rescue it.
    let refuted = with(&open, &[("pkd_us_cysts_left", "2")]);
    assert_eq!(dx(&refuted), DiagnosisOutcome::NotMet);
}

// ---------------------------------------------------------------- ADPKD, 家族内発生なし

// 「2．家族内発生が確認されていない場合 (2) 16歳以上では、CT又は超音波断層像で両腎に各々5個以上嚢胞が確認され」 (MRI = CT)
#[test]
fn sporadic_from_16_needs_five_cysts_in_each_kidney() {
    assert_eq!(dx(&adpkd_sporadic()), DiagnosisOutcome::Definite);
    for side in ["pkd_ctmri_cysts_right", "pkd_ctmri_cysts_left"] {
        let f = with(&adpkd_sporadic(), &[(side, "4")]);
        assert_eq!(dx(&f), DiagnosisOutcome::NotMet, "{side} = 4");
    }
    // Ultrasound counts the same way: 5 and 5 met, 4 not.
    let us = with(
        &adpkd_sporadic(),
        &[
            ("pkd_ctmri_cysts_right", "not_done"),
            ("pkd_ctmri_cysts_left", "not_done"),
            ("pkd_us_cysts_right", "5"),
            ("pkd_us_cysts_left", "5"),
        ],
    );
    assert_eq!(dx(&us), DiagnosisOutcome::Definite);
    let us4 = with(&us, &[("pkd_us_cysts_left", "4")]);
    assert_eq!(dx(&us4), DiagnosisOutcome::NotMet);
}

// 「(1) 15歳以下では、CT又は超音波断層像で両腎に各々3個以上嚢胞が確認され」
#[test]
fn sporadic_up_to_15_needs_three_cysts_in_each_kidney() {
    let three = with(
        &adpkd_sporadic(),
        &[
            ("pkd_ctmri_cysts_right", "3"),
            ("pkd_ctmri_cysts_left", "3"),
        ],
    );
    // At 16 (1971-06) three cysts are not enough …
    assert_eq!(dx(&three), DiagnosisOutcome::NotMet);
    // … at 15 (1971-04, born 1955-05-10) they are.
    let at15 = with(&three, &[("pkd_imaging_ym", "1971-04")]);
    let e = eval_new(ID, &at15);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(
        e.calculations["pkd_age_at_imaging"],
        nsdb_forms::CalcValue::Number(15.0)
    );
    let two = with(&at15, &[("pkd_ctmri_cysts_left", "2")]);
    assert_eq!(dx(&two), DiagnosisOutcome::NotMet);
}

// 「…以下の疾患が除外される場合」
#[test]
fn sporadic_needs_the_exclusions() {
    let f = with(&adpkd_sporadic(), &[("pkd_exclusion", "2")]);
    assert_eq!(dx(&f), DiagnosisOutcome::NotMet);
    assert_eq!(result(&f), Outcome::NotEligible);
    let blank = with(&adpkd_sporadic(), &[("pkd_exclusion", "")]);
    assert_undetermined_naming(ID, &blank, &["pkd_exclusion"]);
    assert!(codes(&eval_new(ID, &blank)).contains(&("required".into(), "pkd_exclusion".into())));
}

// 「15歳以下」「16歳以上」: the age is taken at the imaging; a blank date is open
// only when the counts sit between the two thresholds.
#[test]
fn a_blank_imaging_date_matters_only_between_three_and_five() {
    let between = with(
        &adpkd_sporadic(),
        &[
            ("pkd_ctmri_cysts_right", "4"),
            ("pkd_ctmri_cysts_left", "4"),
            ("pkd_imaging_ym", ""),
        ],
    );
    assert_undetermined_naming(ID, &between, &["pkd_imaging_ym"]);
    let five = with(&adpkd_sporadic(), &[("pkd_imaging_ym", "")]);
    assert_eq!(dx(&five), DiagnosisOutcome::Definite);
}

// The family criterion does not apply without 家族内発生, and vice versa: three
// ultrasound cysts at 16 without family and exclusions are not enough.
#[test]
fn family_thresholds_do_not_apply_without_family_occurrence() {
    let f = with(
        &adpkd_family(),
        &[
            ("family_history", "2"),
            ("family_history_members", ""),
            ("pkd_family_occurrence", "2"),
            ("pkd_imaging_ym", "1990-01"),
            ("pkd_exclusion", "1"),
        ],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::NotMet);
}

// ---------------------------------------------------------------- ARPKD

// ＜診断基準＞ ARPKDの診断基準 (表はテキストにない: 指定医の判断).
#[test]
fn arpkd_follows_the_doctors_judgement() {
    assert_eq!(dx(&arpkd()), DiagnosisOutcome::Definite);
    let not_met = with(&arpkd(), &[("pkd_arpkd_criteria", "2")]);
    assert_eq!(dx(&not_met), DiagnosisOutcome::NotMet);
    assert_eq!(result(&not_met), Outcome::NotEligible);
    let blank = with(&arpkd(), &[("pkd_arpkd_criteria", "")]);
    assert_undetermined_naming(ID, &blank, &["pkd_arpkd_criteria"]);
}

// A blank 病型 leaves the diagnosis open.
#[test]
fn a_blank_type_is_undetermined() {
    let f = with(&adpkd_family(), &[("pkd_type", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert!(det.undetermined_items.contains(&"pkd_type".to_string()));
}

// ---------------------------------------------------------------- 重症度分類

/// Definite ADPKD, G2 A1 and a kidney volume below 750 mL: neither A nor B.
fn neither() -> FormData {
    with(
        &adpkd_family(),
        &[
            ("adpkd_egfr", "70.0"),
            ("adpkd_upcr", "0.10"),
            ("adpkd_kidney_volume", "700"),
            ("adpkd_volume_growth", "6.0"),
        ],
    )
}

// 「A．CKD重症度分類ヒートマップが赤の部分の場合」 G3a×A3 red, G3a×A2 not; G3b×A2 red,
// G3b×A1 not; G4×A1 red.
#[test]
fn ckd_heat_map_red() {
    assert_eq!(result(&neither()), Outcome::NotEligible);
    let g3a_a2 = with(
        &neither(),
        &[("adpkd_egfr", "50.0"), ("adpkd_upcr", "0.49")],
    );
    assert_eq!(severity(ID, &g3a_a2), SeverityOutcome::NotMet);
    let g3a_a3 = with(&g3a_a2, &[("adpkd_upcr", "0.50")]);
    let e = eval_new(ID, &g3a_a3);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let g2_a3 = with(&g3a_a3, &[("adpkd_egfr", "60.0")]);
    assert_eq!(severity(ID, &g2_a3), SeverityOutcome::NotMet);
    let g3b_a2 = with(
        &neither(),
        &[("adpkd_egfr", "44.9"), ("adpkd_upcr", "0.15")],
    );
    assert_eq!(severity(ID, &g3b_a2), SeverityOutcome::Met);
    let g3b_a1 = with(&g3b_a2, &[("adpkd_upcr", "0.14")]);
    assert_eq!(severity(ID, &g3b_a1), SeverityOutcome::NotMet);
    let g3a_a2_45 = with(&g3b_a2, &[("adpkd_egfr", "45.0")]);
    assert_eq!(severity(ID, &g3a_a2_45), SeverityOutcome::NotMet);
    let g4_a1 = with(&neither(), &[("adpkd_egfr", "29.9")]);
    assert_eq!(severity(ID, &g4_a1), SeverityOutcome::Met);
    let g3b_30_a1 = with(&neither(), &[("adpkd_egfr", "30.0")]);
    assert_eq!(severity(ID, &g3b_30_a1), SeverityOutcome::NotMet);
}

// 「B．腎容積750mL以上かつ腎容積増大速度５％／年以上」: both halves, each at its boundary.
#[test]
fn volume_and_growth_both_needed() {
    let v750 = with(&neither(), &[("adpkd_kidney_volume", "750")]);
    assert_eq!(severity(ID, &v750), SeverityOutcome::Met);
    assert_eq!(result(&v750), Outcome::Eligible);
    let v749 = with(&neither(), &[("adpkd_kidney_volume", "749")]);
    assert_eq!(severity(ID, &v749), SeverityOutcome::NotMet);
    let g5 = with(&v750, &[("adpkd_volume_growth", "5.0")]);
    assert_eq!(severity(ID, &g5), SeverityOutcome::Met);
    let slow = with(&v750, &[("adpkd_volume_growth", "4.9")]);
    assert_eq!(severity(ID, &slow), SeverityOutcome::NotMet);
    let not_done = with(&v750, &[("adpkd_volume_growth", "not_done")]);
    assert_eq!(severity(ID, &not_done), SeverityOutcome::NotMet);
}

// 「以下のいずれかを満たす場合を対象とする。」 A blank eGFR is open with A3 and no B,
// and ignored when B is met.
#[test]
fn a_blank_egfr_is_named_only_while_it_matters() {
    let open = with(&neither(), &[("adpkd_upcr", "0.60"), ("adpkd_egfr", "")]);
    assert_undetermined_naming(ID, &open, &["adpkd_egfr"]);
    let decided = with(&open, &[("adpkd_kidney_volume", "900")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

// The diagnosis is needed even when the severity is met.
#[test]
fn severity_without_diagnosis_is_not_eligible() {
    let f = with(&adpkd_family(), &[("pkd_us_cysts_left", "1")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    assert_eq!(result(&f), Outcome::NotEligible);
}

// ---------------------------------------------------------------- renewal, checks

// 更新: the 診断基準 items are not required and blanks do not make it 判定不能.
#[test]
fn renewal_without_diagnosis_items_is_judged_on_severity() {
    let mut f = adpkd_family();
    for id in [
        "pkd_type",
        "pkd_family_occurrence",
        "pkd_us_cysts_right",
        "pkd_us_cysts_left",
        "pkd_ctmri_cysts_right",
        "pkd_ctmri_cysts_left",
    ] {
        f.remove(id);
    }
    f.remove("diagnosis_date");
    let e = evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let mild = with(&f, &[("adpkd_egfr", "70.0")]);
    let e = evaluate(&def(ID), &mild, ApplicationKind::Renewal, today());
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// Checks: 家族内発生 vs 家族歴, the imaging date order, the range of a count.
#[test]
fn checks_produce_findings() {
    let f = with(
        &adpkd_family(),
        &[("family_history", "2"), ("family_history_members", "")],
    );
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&(
        "pkd_family_vs_history".into(),
        "pkd_family_occurrence".into()
    )));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));

    let late = with(&adpkd_sporadic(), &[("pkd_imaging_ym", "2025-07")]);
    let e = eval_new(ID, &late);
    assert!(codes(&e).contains(&("date_order".into(), "pkd_imaging_ym".into())));
    let early = with(&adpkd_sporadic(), &[("pkd_imaging_ym", "1950-01")]);
    assert!(codes(&eval_new(ID, &early)).contains(&("date_order".into(), "pkd_imaging_ym".into())));

    let many = with(&adpkd_family(), &[("pkd_us_cysts_right", "101")]);
    assert!(codes(&eval_new(ID, &many)).contains(&("range".into(), "pkd_us_cysts_right".into())));

    // ADPKD items are not required for ARPKD, nor the sporadic items with 家族内発生.
    assert!(eval_new(ID, &arpkd()).findings.is_empty());
    assert!(eval_new(ID, &adpkd_family()).findings.is_empty());
    let missing = with(&adpkd_sporadic(), &[("pkd_imaging_ym", "")]);
    assert!(codes(&eval_new(ID, &missing)).contains(&("required".into(), "pkd_imaging_ym".into())));
}
