//! 指定難病 34 神経線維腫症 (nanbyo-034-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{
    ApplicationKind, CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "nanbyo-034-2403";

/// I型, カフェ・オ・レ斑 and 神経線維腫 (certain), DNB D/N/B as given.
fn nf1(d: &str, n: &str, b: &str) -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("nf_type", "1"),
            ("nf1_cafe_au_lait", "1"),
            ("nf1_cafe_au_lait_6", "1"),
            ("nf1_neurofibroma", "1"),
            ("nf1_dnb_d", d),
            ("nf1_dnb_n", n),
            ("nf1_dnb_b", b),
        ],
    )
}

/// I型 Stage３ (D3 N0 B0): Definite and severity met.
fn nf1_severe() -> FormData {
    nf1("3", "0", "0")
}

/// II型 neurological items all at 0 points.
const NF2_NONE: [(&str, &str); 13] = [
    ("nf2_hearing_right_db", "30"),
    ("nf2_hearing_left_db", "30"),
    ("nf2_facial_palsy", "0"),
    ("nf2_ataxia", "2"),
    ("nf2_facial_hypesthesia", "2"),
    ("nf2_dysphagia_dysarthria", "2"),
    ("nf2_diplopia", "2"),
    ("nf2_visual_loss", "0"),
    ("nf2_hemiparesis", "2"),
    ("nf2_aphasia", "2"),
    ("nf2_memory", "2"),
    ("nf2_seizure", "2"),
    ("nf2_myelopathy", "0"),
];

/// II型 with bilateral vestibular schwannomas, no affected relative, score 0.
fn nf2_none() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("nf_type", "2"),
            ("nf2_bilateral_vs", "1"),
            ("nf2_first_degree_relative", "2"),
        ],
    );
    with(&f, &NF2_NONE)
}

/// II型 by a first-degree relative (no bilateral tumour), ① and ② all なし, hearing 70 dB left (1 point).
fn nf2_family_base() -> FormData {
    with(
        &nf2_none(),
        &[
            ("nf2_bilateral_vs", "2"),
            ("nf2_first_degree_relative", "1"),
            ("nf2_unilateral_vs", "2"),
            ("nf2_schwannoma", "2"),
            ("nf2_meningioma", "2"),
            ("nf2_glioma", "2"),
            ("nf2_juvenile_cataract", "2"),
            ("nf2_hearing_left_db", "70"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [
        nf1_severe(),
        nf2_none(),
        with(&nf2_family_base(), &[("nf2_unilateral_vs", "1")]),
    ] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「カフェ･オ･レ斑と神経線維腫がみられれば診断は確実である。」 + 「Stage３以上に該当するものを対象とする。」
#[test]
fn nf1_cafe_au_lait_and_neurofibroma_is_definite() {
    let det = eval_new(ID, &nf1_severe()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-034-2403/2020-03.2");
    // Either sign missing, and no clinical diagnosis by the doctor → not met.
    for item in ["nf1_cafe_au_lait", "nf1_neurofibroma"] {
        let f = with(
            &nf1_severe(),
            &[
                (item, "2"),
                ("nf1_cafe_au_lait_6", "2"),
                ("nf1_clinical_diagnosis", "2"),
            ],
        );
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{item}");
        assert_eq!(det.result, Outcome::NotEligible, "{item}");
    }
}

// 「小児例（pretumorous stage）ではカフェ・オ・レ斑が６個以上あれば本症が疑われ、家族歴その他の症候を参考にして診断する。」
#[test]
fn nf1_child_with_six_spots_and_doctor_diagnosis() {
    // 17 years on the 記載年月日 2025-06-20 (born 2007-06-21).
    let child = with(
        &nf1_severe(),
        &[
            ("birth_date", "2007-06-21"),
            ("onset_ym", "2010-01"),
            ("first_visit_date", "2010-02-01"),
            ("diagnosis_date", "2010-03-01"),
            ("nf1_neurofibroma", "2"),
            ("nf1_clinical_diagnosis", "1"),
        ],
    );
    let e = eval_new(ID, &child);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    // Fewer than 6 spots: not met.
    let five = with(&child, &[("nf1_cafe_au_lait_6", "2")]);
    assert_eq!(diagnosis(ID, &five), DiagnosisOutcome::NotMet);
    // The doctor did not diagnose: not met.
    let no = with(&child, &[("nf1_clinical_diagnosis", "2")]);
    assert_eq!(diagnosis(ID, &no), DiagnosisOutcome::NotMet);
    // 18 years on the 記載年月日 (born 2007-06-20): not a 小児例, and no neurofibroma → not met.
    let adult = with(&child, &[("birth_date", "2007-06-20")]);
    assert_eq!(diagnosis(ID, &adult), DiagnosisOutcome::NotMet);
}

// 「成人例ではカフェ・オ・レ斑が分かりにくいことも多いので、神経線維腫を主体に診断する。」
#[test]
fn nf1_adult_by_neurofibroma_and_doctor_diagnosis() {
    let f = with(
        &nf1_severe(),
        &[
            ("nf1_cafe_au_lait", "3"),
            ("nf1_cafe_au_lait_6", ""),
            ("nf1_clinical_diagnosis", "1"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    let no = with(&f, &[("nf1_clinical_diagnosis", "2")]);
    assert_eq!(diagnosis(ID, &no), DiagnosisOutcome::NotMet);
}

// The doctor's diagnosis is asked (and decides) only when the two signs are not both present.
#[test]
fn nf1_clinical_diagnosis_blank_is_named_only_while_it_matters() {
    let f = with(
        &nf1_severe(),
        &[("nf1_cafe_au_lait", "2"), ("nf1_cafe_au_lait_6", "")],
    );
    let e = eval_new(ID, &f);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["nf1_clinical_diagnosis".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "nf1_clinical_diagnosis".into())));
    let e = eval_new(ID, &nf1_severe());
    assert!(e.findings.is_empty());
}

// 「MRI又はCTで両側聴神経腫瘍（前庭神経鞘腫）が見つかれば神経線維腫症II型と診断する。」
#[test]
fn nf2_bilateral_vestibular_schwannoma_is_definite() {
    let f = with(&nf2_none(), &[("nf2_diplopia", "1")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
    let no = with(&f, &[("nf2_bilateral_vs", "2")]);
    assert_eq!(diagnosis(ID, &no), DiagnosisOutcome::NotMet);
}

// 「親・子ども・兄弟姉妹のいずれかが神経線維腫症II型のときには、本人に①片側性の聴神経腫瘍（前庭神経鞘腫）、
//  又は②神経鞘腫・髄膜腫・神経膠腫・若年性白内障のうちいずれか２種類が存在すれば診断が確定する。」
#[test]
fn nf2_family_with_unilateral_tumour_or_two_kinds() {
    assert_eq!(diagnosis(ID, &nf2_family_base()), DiagnosisOutcome::NotMet);
    let uni = with(&nf2_family_base(), &[("nf2_unilateral_vs", "1")]);
    assert_eq!(diagnosis(ID, &uni), DiagnosisOutcome::Definite);
    assert_eq!(eval_new(ID, &uni).determination.result, Outcome::Eligible);
    let kinds = [
        "nf2_schwannoma",
        "nf2_meningioma",
        "nf2_glioma",
        "nf2_juvenile_cataract",
    ];
    for (i, a) in kinds.iter().enumerate() {
        let one = with(&nf2_family_base(), &[(a, "1")]);
        assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet, "{a} alone");
        for b in &kinds[i + 1..] {
            let two = with(&one, &[(b, "1")]);
            assert_eq!(diagnosis(ID, &two), DiagnosisOutcome::Definite, "{a}+{b}");
        }
    }
    // Without an affected relative, ① or ② do not suffice.
    let f = with(&uni, &[("nf2_first_degree_relative", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Blank ② items keep the family rule open.
#[test]
fn nf2_blank_tumour_kinds_make_the_diagnosis_undetermined() {
    let f = with(
        &nf2_family_base(),
        &[
            ("nf2_schwannoma", "1"),
            ("nf2_glioma", ""),
            ("nf2_juvenile_cataract", ""),
        ],
    );
    assert_undetermined_naming(ID, &f, &["nf2_glioma", "nf2_juvenile_cataract"]);
}

// 「○神経線維腫症I型 Stage３以上に該当するものを対象とする。」 Stage３ (D3 N0 B0) met, Stage２ (D2 N1 B1) not.
#[test]
fn nf1_stage_3_is_met_and_stage_2_is_not() {
    assert_eq!(severity(ID, &nf1("2", "1", "1")), SeverityOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &nf1("2", "1", "1")).determination.result,
        Outcome::NotEligible
    );
    assert_eq!(severity(ID, &nf1("1", "0", "0")), SeverityOutcome::NotMet);
    assert_eq!(severity(ID, &nf1("3", "1", "0")), SeverityOutcome::Met);
}

// 「Stage５：D4、N2、B2のいずれかを含むもの」 Each alone with D1.
#[test]
fn nf1_stage_5_by_each_of_d4_n2_b2() {
    assert_eq!(severity(ID, &nf1("4", "0", "0")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &nf1("1", "2", "0")), SeverityOutcome::Met);
    assert_eq!(severity(ID, &nf1("1", "0", "2")), SeverityOutcome::Met);
}

// 「○神経線維腫症ＩＩ型 Stage１以上を対象とする。」 Score 0 (Stage０) not met; 1 point met.
#[test]
fn nf2_score_1_is_met_and_0_is_not() {
    let e = eval_new(ID, &nf2_none());
    assert_eq!(
        e.calculations.get("nf2_score"),
        Some(&CalcValue::Number(0.0))
    );
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    // 聴力レベル 69 dB: 0 points; 70 dB: 1 point; 100 dB: 2 points.
    let f69 = with(&nf2_none(), &[("nf2_hearing_left_db", "69")]);
    assert_eq!(severity(ID, &f69), SeverityOutcome::NotMet);
    let f70 = with(&nf2_none(), &[("nf2_hearing_left_db", "70")]);
    assert_eq!(severity(ID, &f70), SeverityOutcome::Met);
    let f100 = with(&nf2_none(), &[("nf2_hearing_right_db", "100")]);
    assert_eq!(
        eval_new(ID, &f100).calculations.get("nf2_score"),
        Some(&CalcValue::Number(2.0))
    );
    for (item, code) in [
        ("nf2_diplopia", "1"),
        ("nf2_myelopathy", "2"),
        ("nf2_facial_palsy", "1"),
    ] {
        let f = with(&nf2_none(), &[(item, code)]);
        assert_eq!(severity(ID, &f), SeverityOutcome::Met, "{item}");
    }
}

// A blank II型 item is open while the score is 0; the I型 items are not asked for II型.
#[test]
fn a_blank_nf2_item_is_named_only_while_it_matters() {
    let open = with(&nf2_none(), &[("nf2_seizure", "")]);
    assert_undetermined_naming(ID, &open, &["nf2_seizure"]);
    let decided = with(&open, &[("nf2_aphasia", "1")]);
    assert_eq!(severity(ID, &decided), SeverityOutcome::Met);
}

#[test]
fn consistency_checks() {
    let f = with(&nf1_severe(), &[("nf1_cafe_au_lait", "2")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "nf1_cafe_au_lait_6_without_spots".into(),
        "nf1_cafe_au_lait_6".into()
    )));
    let f = with(
        &nf2_family_base(),
        &[("nf2_unilateral_vs", "1"), ("nf2_bilateral_vs", "1")],
    );
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "nf2_unilateral_and_bilateral".into(),
        "nf2_unilateral_vs".into()
    )));
}

// Renewal: blank diagnosis items do not block the result (病型 is still needed for the severity).
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = nf1_severe();
    for id in [
        "nf1_cafe_au_lait",
        "nf1_cafe_au_lait_6",
        "nf1_neurofibroma",
        "first_visit_date",
        "diagnosis_date",
    ] {
        f.remove(id);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
}
