//! 指定難病 2 筋萎縮性側索硬化症 (nanbyo-002-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-002-2403";

/// ①②③-1④: UMN in b; LMN in b (sign) and d (needle EMG); ALS重症度 2.
fn base() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("als_progressive", "1"),
            ("als_umn_a", "2"),
            ("als_lmn_a", "2"),
            ("als_emg_a", "3"),
            ("als_umn_b", "1"),
            ("als_lmn_b", "1"),
            ("als_emg_b", "1"),
            ("als_umn_c", "2"),
            ("als_lmn_c", "2"),
            ("als_emg_c", "2"),
            ("als_umn_d", "2"),
            ("als_lmn_d", "2"),
            ("als_emg_d", "1"),
            ("als_familial_gene", "2"),
            ("als_differential", "1"),
            ("als_severity", "2"),
        ],
    )
}

/// LMN only in region b (③-1 not met).
fn lmn_one_region() -> FormData {
    with(&base(), &[("als_emg_d", "2")])
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
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &base());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「①成人発症である（生年月日から判断する。）。」: onset age 18 met, 17 not (the month counts as its 1st day).
#[test]
fn criterion_1_adult_onset_boundary() {
    let f = with(
        &base(),
        &[("birth_date", "2001-04-01"), ("onset_ym", "2019-04")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(
        &base(),
        &[("birth_date", "2001-04-01"), ("onset_ym", "2019-03")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(
        det.reasons.iter().any(|r| r.contains("成人発症")),
        "{:?}",
        det.reasons
    );
    // onset blank: the age cannot be computed → open, naming 発症年月.
    assert_undetermined_naming(ID, &with(&base(), &[("onset_ym", "")]), &["onset_ym"]);
}

// 「②経過は進行性である。」
#[test]
fn criterion_2_progressive() {
    for code in ["2", "3"] {
        assert_eq!(
            diagnosis(ID, &with(&base(), &[("als_progressive", code)])),
            DiagnosisOutcome::NotMet
        );
    }
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("als_progressive", "")]),
        &["als_progressive"],
    );
}

// 「１．１つ以上の領域に上位運動ニューロン徴候を認め、かつ２つ以上の領域に下位運動ニューロン症候がある。」
// 「下位運動ニューロン徴候は、(２)針筋電図所見（①または②）でも代用できる。」
#[test]
fn criterion_3_1_lmn_two_regions_emg_substitutes() {
    // two LMN regions, one of them by EMG only: met (base)
    assert_eq!(diagnosis(ID, &base()), DiagnosisOutcome::Definite);
    // one region only: not met
    assert_eq!(diagnosis(ID, &lmn_one_region()), DiagnosisOutcome::NotMet);
    // the second region by clinical sign instead of EMG
    let f = with(&lmn_one_region(), &[("als_lmn_c", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    // EMG 未実施 is not a finding; LMN 不明 is not a sign
    let f = with(&lmn_one_region(), &[("als_emg_a", "3"), ("als_lmn_a", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // the second region open: both its sign and its EMG are named
    let f = with(&lmn_one_region(), &[("als_lmn_c", ""), ("als_emg_c", "")]);
    assert_undetermined_naming(ID, &f, &["als_lmn_c", "als_emg_c"]);
}

// 「１つ以上の領域に上位運動ニューロン徴候を認め」: none → not met; one blank when none present → open.
#[test]
fn criterion_3_1_umn_at_least_one_region() {
    let f = with(&base(), &[("als_umn_b", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&base(), &[("als_umn_b", "2"), ("als_umn_d", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    assert_undetermined_naming(ID, &with(&base(), &[("als_umn_b", "")]), &["als_umn_b"]);
    // a UMN sign present: the other blank UMN regions do not matter
    let f = with(&base(), &[("als_umn_a", ""), ("als_umn_c", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「２．SOD1遺伝子変異など既知の家族性筋萎縮性側索硬化症に関与する遺伝子異常があり、身体の１領域以上に上位及び下位運動ニューロン徴候がある。」
#[test]
fn criterion_3_2_familial_gene_with_one_region() {
    // UMN and LMN both in region b, LMN nowhere else: ③-1 fails, ③-2 holds with the gene.
    let f = with(&lmn_one_region(), &[("als_familial_gene", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let c = eval_new(ID, &f)
        .determination
        .criteria
        .into_iter()
        .find(|c| c.id == "dx_3_2_familial")
        .unwrap();
    assert_eq!(c.met, Some(true));
    // gene 不明 → not met
    let g = with(&f, &[("als_familial_gene", "3")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // UMN in a, LMN only in b: not in the same region → not met
    let g = with(&f, &[("als_umn_b", "2"), ("als_umn_a", "1")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::NotMet);
    // EMG substitutes on this route too
    let g = with(&f, &[("als_lmn_b", "2"), ("als_emg_b", "1")]);
    assert_eq!(diagnosis(ID, &g), DiagnosisOutcome::Definite);
    // gene blank when ③-1 fails → open
    assert_undetermined_naming(
        ID,
        &with(&lmn_one_region(), &[("als_familial_gene", "")]),
        &["als_familial_gene"],
    );
    // gene blank when ③-1 holds → decided
    let g = with(&base(), &[("als_familial_gene", "")]);
    assert_eq!(eval_new(ID, &g).determination.result, Outcome::Eligible);
}

// 「④鑑別診断で挙げられた疾患のいずれでもない。」
#[test]
fn criterion_4_differential() {
    let f = with(&base(), &[("als_differential", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("als_differential", "")]),
        &["als_differential"],
    );
}

// 「研究班によるALS重症度分類を用いて、２以上を対象とする。」: 2 met, 1 not, blank open.
#[test]
fn severity_2_or_more() {
    for (code, want) in [
        ("1", SeverityOutcome::NotMet),
        ("2", SeverityOutcome::Met),
        ("5", SeverityOutcome::Met),
    ] {
        let det = eval_new(ID, &with(&base(), &[("als_severity", code)])).determination;
        assert_eq!(det.severity, want, "{code}");
    }
    let det = eval_new(ID, &with(&base(), &[("als_severity", "1")])).determination;
    assert_eq!(det.result, Outcome::NotEligible);
    assert_undetermined_naming(
        ID,
        &with(&base(), &[("als_severity", "")]),
        &["als_severity"],
    );
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_diagnosis() {
    let mut f = with(&base(), &[("als_severity", "1")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    let mut f = with(&lmn_one_region(), &[("als_severity", "1")]);
    three_high_cost_months(&mut f);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 重症度分類５「気管切開、非経口的栄養摂取（経管栄養、中心静脈栄養等）、人工呼吸器使用。」
#[test]
fn ventilator_with_severity_below_5_warns() {
    let f = with(
        &base(),
        &[
            ("ventilator_use", "1"),
            ("ventilator_start_ym", "2024-01"),
            ("als_severity", "4"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(
        codes(&e).contains(&("als_ventilator_severity".into(), "als_severity".into())),
        "{:?}",
        codes(&e)
    );
    let f = with(&f, &[("als_severity", "5")]);
    assert!(!codes(&eval_new(ID, &f))
        .iter()
        .any(|(c, _)| c == "als_ventilator_severity"));
}

#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut items = vec!["als_progressive", "als_familial_gene", "als_differential"];
    let regional: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .flat_map(|r| {
            [
                format!("als_umn_{r}"),
                format!("als_lmn_{r}"),
                format!("als_emg_{r}"),
            ]
        })
        .collect();
    items.extend(regional.iter().map(|s| s.as_str()));
    let pairs: Vec<(&str, &str)> = items.iter().map(|i| (*i, "")).collect();
    let f = with(&base(), &pairs);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
