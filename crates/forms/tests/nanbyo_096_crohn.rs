//! 指定難病 96 クローン病 (nanbyo-096-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-096-2403";

const IOIBD: [&str; 10] = [
    "ioibd_abdominal_pain",
    "ioibd_diarrhea",
    "ioibd_anal_lesion",
    "ioibd_fistula",
    "ioibd_other_complication",
    "ioibd_abdominal_mass",
    "ioibd_weight_loss",
    "ioibd_fever",
    "ioibd_tenderness",
    "ioibd_anemia",
];

/// IOIBD with the first `n` items あり, the rest なし.
fn ioibd(base: &FormData, n: usize) -> FormData {
    let mut f = base.clone();
    for (i, id) in IOIBD.iter().enumerate() {
        f.set(id, if i < n { "1" } else { "2" });
    }
    f
}

/// No finding at all (every diagnosis item なし), IOIBD 2.
fn no_findings() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("cd_a_longitudinal_ulcer", "2"),
            ("cd_b_cobblestone", "2"),
            ("cd_c_granuloma", "2"),
            ("cd_sub_a_ulcer_aphtha", "2"),
            ("cd_sub_b_anal_lesion", "2"),
            ("cd_sub_c_gastroduodenal", "2"),
        ],
    );
    ioibd(&f, 2)
}

/// Definite[1]: 縦走潰瘍, differentiated; IOIBD 2 (腹痛, 下痢).
fn definite() -> FormData {
    with(
        &no_findings(),
        &[
            ("cd_a_longitudinal_ulcer", "1"),
            ("cd_ab_differentiated", "1"),
        ],
    )
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
    let e = eval_new(ID, &definite());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「１項目１点とし、２点以上を医療費助成の対象とする。」
#[test]
fn ioibd_boundary_1_and_2() {
    let det = eval_new(ID, &ioibd(&definite(), 1)).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let det = eval_new(ID, &ioibd(&definite(), 2)).determination;
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    let det = eval_new(ID, &ioibd(&definite(), 10)).determination;
    assert_eq!(det.result, Outcome::Eligible);
}

// 「２点以上」: one point and one blank item → open, naming the blank item;
// two points already: another blank does not matter.
#[test]
fn ioibd_blank_item_only_matters_below_two_points() {
    let f = with(&ioibd(&definite(), 1), &[("ioibd_fever", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["ioibd_fever".to_string()]);
    let f = with(&ioibd(&definite(), 2), &[("ioibd_fever", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert!(codes(&e).contains(&("required".into(), "ioibd_fever".into())));
}

// 「Definite[１]主要所見のＡ又はＢを有するもの。」 B alone, differentiated.
#[test]
fn definite_1_a_or_b() {
    assert_eq!(diagnosis(ID, &definite()), DiagnosisOutcome::Definite);
    let f = with(
        &no_findings(),
        &[("cd_b_cobblestone", "1"), ("cd_ab_differentiated", "1")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // Ａ 不明 is not Ａ.
    let f = with(&definite(), &[("cd_a_longitudinal_ulcer", "3")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// 「Probable[２]主要所見Ａ又はＢを有するが潰瘍性大腸炎や腸型ベーチェット病、単純性潰瘍、虚血性腸病変と鑑別できないもの。」
// <注６> 縦走潰瘍のみの場合、虚血性腸病変や潰瘍性大腸炎を除外することが必要である。
#[test]
fn a_not_differentiated_is_probable_2_and_eligible() {
    let f = with(&definite(), &[("cd_ab_differentiated", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
}

// <注６>: with A and the differentiation blank, Definite or Probable is open.
#[test]
fn a_with_differentiation_blank_is_undetermined_naming_it() {
    let f = with(&definite(), &[("cd_ab_differentiated", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["cd_ab_differentiated".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "cd_ab_differentiated".into())));
}

// 「Definite[２]主要所見のＣと副所見のa又はbを有するもの。」
#[test]
fn definite_2_c_with_a_or_b() {
    for sub in ["cd_sub_a_ulcer_aphtha", "cd_sub_b_anal_lesion"] {
        let f = with(
            &no_findings(),
            &[
                ("cd_c_granuloma", "1"),
                ("cd_granulomatous_excluded", "2"),
                (sub, "1"),
            ],
        );
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{sub}");
    }
}

// 「Definite[３]副所見のa、b、c全てを有するもの。」 — two of them: Probable[４].
#[test]
fn definite_3_all_three_minor_findings() {
    let all = with(
        &no_findings(),
        &[
            ("cd_sub_a_ulcer_aphtha", "1"),
            ("cd_sub_b_anal_lesion", "1"),
            ("cd_sub_c_gastroduodenal", "1"),
        ],
    );
    assert_eq!(diagnosis(ID, &all), DiagnosisOutcome::Definite);
    let two = with(&all, &[("cd_sub_b_anal_lesion", "2")]);
    assert_eq!(diagnosis(ID, &two), DiagnosisOutcome::Probable);
}

// 「Probable[１]主要所見のＣと副所見のcを有するもの。」
#[test]
fn probable_1_c_with_c() {
    let f = with(
        &no_findings(),
        &[
            ("cd_c_granuloma", "1"),
            ("cd_granulomatous_excluded", "2"),
            ("cd_sub_c_gastroduodenal", "1"),
        ],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
}

// 「Probable[３]主要所見のＣのみを有するもの。<注７> 腸結核などの肉芽腫を有する炎症性疾患を除外することが必要である。」
#[test]
fn probable_3_c_only_needs_the_granulomatous_exclusion() {
    let c_only = with(
        &no_findings(),
        &[("cd_c_granuloma", "1"), ("cd_granulomatous_excluded", "1")],
    );
    assert_eq!(diagnosis(ID, &c_only), DiagnosisOutcome::Probable);
    let f = with(&c_only, &[("cd_granulomatous_excluded", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&c_only, &[("cd_granulomatous_excluded", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["cd_granulomatous_excluded".to_string()]
    );
}

// 「Probable[４]副所見のいずれか２つ又は１つのみを有するもの。」
#[test]
fn probable_4_one_minor_finding() {
    for sub in [
        "cd_sub_a_ulcer_aphtha",
        "cd_sub_b_anal_lesion",
        "cd_sub_c_gastroduodenal",
    ] {
        let f = with(&no_findings(), &[(sub, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable, "{sub}");
    }
    let det = eval_new(ID, &no_findings()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// A blank finding keeps the diagnosis open only while nothing else decides it.
#[test]
fn blank_findings_undetermined_only_when_they_matter() {
    let f = with(&no_findings(), &[("cd_sub_c_gastroduodenal", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["cd_sub_c_gastroduodenal".to_string()]
    );
    // Definite[1] already: the blank c does not matter.
    let f = with(&definite(), &[("cd_sub_c_gastroduodenal", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_ioibd_1() {
    let f = three_high_cost_months(&ioibd(&definite(), 1));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
}

// 軽症高額該当 never rescues a failed diagnosis (「Definite・Probable を対象とする」).
#[test]
fn light_high_cost_does_not_rescue_no_diagnosis() {
    let f = three_high_cost_months(&ioibd(&no_findings(), 1));
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::NotEligible);
}

// Renewal: 診断のカテゴリー is not needed; the IOIBD decides.
#[test]
fn renewal_without_diagnosis_items_uses_ioibd() {
    let mut f = ioibd(&nanbyo_common(), 3);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    f = ioibd(&f, 1);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

#[test]
fn consistency_warnings() {
    // IOIBD (10) あり but Hb 10.1.
    let f = with(
        &definite(),
        &[("ioibd_anemia", "1"), ("cd_hemoglobin", "10.1")],
    );
    assert!(codes(&eval_new(ID, &f))
        .contains(&("cd_anemia_vs_hemoglobin".into(), "ioibd_anemia".into())));
    // Hb 10.0 with (10) なし.
    let f = with(&definite(), &[("cd_hemoglobin", "10.0")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("cd_anemia_vs_hemoglobin".into(), "ioibd_anemia".into())));
    let f = with(&definite(), &[("cd_hemoglobin", "10.1")]);
    assert!(eval_new(ID, &f).findings.is_empty());
    // 特徴的な肛門病変 あり but IOIBD 肛門部病変 なし.
    let f = with(&definite(), &[("cd_sub_b_anal_lesion", "1")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("cd_anal_lesion_vs_ioibd".into(), "ioibd_anal_lesion".into())));
}
