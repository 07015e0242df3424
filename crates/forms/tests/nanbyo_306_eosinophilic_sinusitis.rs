//! 指定難病 306 好酸球性副鼻腔炎 (nanbyo-306-2403): the JESREC score and tissue
//! eosinophil boundaries of the Definite diagnosis, and every boundary of the
//! 重症度分類 (中等症以上 / 好酸球性中耳炎). Each test cites the sentence of the
//! MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-306-2403";

/// 軽症 and no 好酸球性中耳炎.
const MILD: [(&str, &str); 6] = [
    ("ecrs_a1_eosinophils", "1"),
    ("ecrs_a2_ct_ethmoid", "2"),
    ("ecrs_b1_asthma", "2"),
    ("ecrs_b2_aspirin", "2"),
    ("ecrs_b3_nsaid", "2"),
    ("ecrs_eom_major", "2"),
];

/// Definite: 両側 3 + 鼻茸 2 + CT 2 + 好酸球 2.1％ 4 = 11; 組織 70個. 軽症.
fn definite_mild() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("ecrs_bilateral", "1"),
            ("ecrs_nasal_polyp", "1"),
            ("ecrs_dx_ct_ethmoid", "1"),
            ("ecrs_blood_eos_pct", "2.1"),
            ("ecrs_tissue_eos", "70"),
        ],
    );
    with(&f, &MILD)
}

/// Definite, 中等症 (Ａ項目ともに陽性).
fn definite_moderate() -> FormData {
    with(&definite_mild(), &[("ecrs_a2_ct_ethmoid", "1")])
}

/// 好酸球性中耳炎: 大項目 + given minor items, EGPA/HES excluded.
fn otitis(base: &FormData, glue: &str, refractory: &str, polyp: &str) -> FormData {
    with(
        base,
        &[
            ("ecrs_eom_major", "1"),
            ("ecrs_eom_glue", glue),
            ("ecrs_eom_refractory", refractory),
            ("ecrs_eom_polyp", polyp),
            ("ecrs_eom_excluded", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [
        definite_moderate(),
        definite_mild(),
        otitis(&definite_mild(), "1", "1", "2"),
    ] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「JESRECスコア合計：11点以上を示し、鼻茸組織中好酸球数（400倍視野）が70個以上存在した場合をDefinite（確定診断）とする。」
// 「１）重症度分類で中等症以上を対象とする。」「２．Ａ項目ともに陽性＋Ｂ項目合併なし…：中等症」
#[test]
fn jesrec_11_and_70_eosinophils_is_definite_and_moderate_is_eligible() {
    let e = eval_new(ID, &definite_moderate());
    assert_eq!(
        e.calculations.get("ecrs_jesrec"),
        Some(&CalcValue::Number(11.0))
    );
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-306-2403/2020-03.2");
}

// 「末梢血好酸球（％）２＜ ≦５ ４点」: 2.0％ is 0 points → 7 < 11.
#[test]
fn jesrec_10_or_less_is_not_met() {
    let f = with(&definite_moderate(), &[("ecrs_blood_eos_pct", "2.0")]);
    let e = eval_new(ID, &f);
    assert_eq!(
        e.calculations.get("ecrs_jesrec"),
        Some(&CalcValue::Number(7.0))
    );
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「５＜ ≦10 ８点」「10＜ 10点」: the band edges.
#[test]
fn eosinophil_bands() {
    let pts = |pct: &str| {
        eval_new(
            ID,
            &with(&definite_moderate(), &[("ecrs_blood_eos_pct", pct)]),
        )
        .calculations
        .get("ecrs_jesrec")
        .cloned()
    };
    assert_eq!(pts("5.0"), Some(CalcValue::Number(11.0)));
    assert_eq!(pts("5.1"), Some(CalcValue::Number(15.0)));
    assert_eq!(pts("10.0"), Some(CalcValue::Number(15.0)));
    assert_eq!(pts("10.1"), Some(CalcValue::Number(17.0)));
    assert_eq!(pts("not_done"), Some(CalcValue::Number(7.0)));
    // 両側 3 + 好酸球 5.1％ 8 = 11 without 鼻茸・CT.
    let f = with(
        &definite_moderate(),
        &[
            ("ecrs_nasal_polyp", "2"),
            ("ecrs_dx_ct_ethmoid", "2"),
            ("ecrs_blood_eos_pct", "5.1"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// 「鼻茸組織中好酸球数（400倍視野）が70個以上」: 69 or 未実施 is not Definite.
#[test]
fn tissue_eosinophils_69_or_not_done_is_not_met() {
    for v in ["69", "not_done"] {
        let f = with(&definite_moderate(), &[("ecrs_tissue_eos", v)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{v}");
    }
}

// Blanks: a blank that can reach 11 keeps it open; one that cannot matter does not.
#[test]
fn blank_diagnostic_items() {
    let f = with(&definite_moderate(), &[("ecrs_tissue_eos", "")]);
    let e = eval_new(ID, &f);
    assert_undetermined_naming(ID, &f, &["ecrs_tissue_eos"]);
    assert!(codes(&e).contains(&("required".into(), "ecrs_tissue_eos".into())));
    // 好酸球 12％ (10 points) + 両側 3 = 13: a blank 鼻茸 cannot change it.
    let f = with(
        &definite_moderate(),
        &[("ecrs_blood_eos_pct", "12"), ("ecrs_nasal_polyp", "")],
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「１．Ａ項目陽性１項目以下＋Ｂ項目合併なし：軽症」 not met.
#[test]
fn mild_is_not_met() {
    let det = eval_new(ID, &definite_mild()).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「Ａ項目陽性１項目以下＋Ｂ項目いずれかの合併あり：中等症」: each B alone.
#[test]
fn each_b_item_alone_is_moderate() {
    let none = with(&definite_mild(), &[("ecrs_a1_eosinophils", "2")]);
    for item in ["ecrs_b1_asthma", "ecrs_b2_aspirin", "ecrs_b3_nsaid"] {
        assert_eq!(
            severity(ID, &with(&none, &[(item, "1")])),
            SeverityOutcome::Met,
            "{item}"
        );
    }
}

// 「大項目と小項目の２項目以上を満たす場合を確実例とする。」: 大項目 + 1 小項目 is not; + 2 is.
#[test]
fn otitis_needs_major_and_two_minor_items() {
    let one = otitis(&definite_mild(), "1", "2", "2");
    assert_eq!(severity(ID, &one), SeverityOutcome::NotMet);
    let two = otitis(&definite_mild(), "1", "2", "1");
    let e = eval_new(ID, &two);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 小項目(３)気管支喘息の合併 counts (it is also Ｂ項目①, so 中等症 anyway).
    let asthma = with(&one, &[("ecrs_b1_asthma", "1")]);
    assert_eq!(severity(ID, &asthma), SeverityOutcome::Met);
}

// 「ただし好酸球性肉芽腫性多発血管炎、好酸球増多症候群を除外する。」
#[test]
fn otitis_needs_egpa_hes_excluded() {
    let f = with(
        &otitis(&definite_mild(), "1", "1", "1"),
        &[("ecrs_eom_excluded", "2")],
    );
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

// Without 大項目 the minor items are not asked; with it, they are required.
#[test]
fn otitis_minor_items_required_only_with_the_major_item() {
    let f = with(&definite_mild(), &[("ecrs_eom_major", "1")]);
    let e = eval_new(ID, &f);
    let c = codes(&e);
    assert!(c.contains(&("required".into(), "ecrs_eom_glue".into())));
    assert_eq!(e.determination.result, Outcome::Undetermined);
}

// A blank Ａ② is named while Ａ① is positive and nothing else is; not with Ａ① negative.
#[test]
fn blank_severity_items() {
    let f = with(&definite_mild(), &[("ecrs_a2_ct_ethmoid", "")]);
    assert_undetermined_naming(ID, &f, &["ecrs_a2_ct_ethmoid"]);
    let f = with(&f, &[("ecrs_a1_eosinophils", "2")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(&definite_moderate(), &[("ecrs_blood_eos_pct", "101")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "ecrs_blood_eos_pct".into())));
}

// 更新: diagnostic items not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(&with(&nanbyo_common(), &MILD), &[("ecrs_b3_nsaid", "1")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
