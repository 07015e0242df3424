//! 指定難病 300 ＩｇＧ４関連疾患 (nanbyo-300-2403): the 包括診断基準 and the four
//! 臓器別診断基準 (自己免疫性膵炎, 硬化性胆管炎, 涙腺・唾液腺, 腎臓) with their
//! boundaries, and the 重症度分類. Each test cites the sentence of the MHLW
//! 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-300-2403";

/// No organ-specific lesion; severity: ステロイド依存性.
const NO_ORGAN: [(&str, &str); 7] = [
    ("igg4_aip_1", "3"),
    ("igg4_sc_present", "2"),
    ("igg4_ls_1", "2"),
    ("igg4_kd_1", "2"),
    ("igg4_kd_2", "2"),
    ("igg4_steroid_dependent", "1"),
    ("igg4_steroid_resistant", "2"),
];

/// ①包括診断基準 Definite: 1 + 2 (IgG4 135) + 3 (比 40％, 11/HPF), 鑑別済み.
fn cc_definite() -> FormData {
    let f = with(
        &nanbyo_common(),
        &[
            ("igg4_serum_igg4", "135"),
            ("igg4_cc1_lesion", "1"),
            ("igg4_cc3a_histology", "1"),
            ("igg4_cc3b_ratio", "40"),
            ("igg4_cc3b_count", "11"),
            ("igg4_cc_differential", "1"),
        ],
    );
    with(&f, &NO_ORGAN)
}

/// ①包括: 1 + 2 only (no tissue): ①'s Possible, not eligible; nothing else.
fn cc_possible_only() -> FormData {
    with(
        &cc_definite(),
        &[
            ("igg4_cc3a_histology", "3"),
            ("igg4_cc3b_ratio", "not_done"),
            ("igg4_cc3b_count", "not_done"),
        ],
    )
}

/// `base` with a pancreas: 膵腫大 `enlargement`, ERP `erp`, nothing else shown.
fn pancreas(base: &FormData, enlargement: &str, erp: &str) -> FormData {
    with(
        base,
        &[
            ("igg4_aip_1", enlargement),
            ("igg4_aip_2", erp),
            ("igg4_aip_4", "4"),
            ("igg4_aip_5a", "2"),
            ("igg4_aip_5b", "3"),
            ("igg4_aip_option", "3"),
        ],
    )
}

/// `base` with a bile duct lesion: 胆道画像 yes, nothing else shown, 除外済み.
fn bile_duct(base: &FormData) -> FormData {
    with(
        base,
        &[
            ("igg4_sc_present", "1"),
            ("igg4_sc_1", "1"),
            ("igg4_sc_3", "2"),
            ("igg4_sc_4", "not_done"),
            ("igg4_sc_option", "3"),
            ("igg4_sc_exclusion", "1"),
        ],
    )
}

/// `base` with a kidney lesion (Ａ１ and/or Ａ２), pathology not done, 鑑別済み.
fn kidney(base: &FormData, a1: &str, a2: &str) -> FormData {
    with(
        base,
        &[
            ("igg4_kd_1", a1),
            ("igg4_kd_2", a2),
            ("igg4_kd_4a", "3"),
            ("igg4_kd_4b", "3"),
            ("igg4_kd_5", "3"),
            ("igg4_kd_b", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings() {
    let low = with(&cc_possible_only(), &[("igg4_serum_igg4", "80")]);
    for f in [
        cc_definite(),
        cc_possible_only(),
        pancreas(&low, "1", "2"),
        bile_duct(&low),
        kidney(&low, "1", "1"),
    ] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// ①「Definite：１＋２＋３を満たすもの」 with IgG4 135, 比 40％, 11/HPF (all at the boundary).
// 「（１）ステロイド依存性」
#[test]
fn comprehensive_definite_is_eligible() {
    let det = eval_new(ID, &cc_definite()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-300-2403/2020-03.2");
}

// 「高IgG4血症（135mg/dL以上）」: 134 → ①「Probable：１＋３を満たすもの」 (eligible).
#[test]
fn igg4_134_is_comprehensive_probable() {
    let f = with(&cc_definite(), &[("igg4_serum_igg4", "134")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
}

// 「b．IgG4陽性形質細胞浸潤：IgG4/IgG陽性細胞比40％以上、かつIgG4陽性形質細胞が10/HPFを超える。」
// Without ３: 「Possible：１＋２を満たすもの」 of ① is not eligible (reported as not met).
#[test]
fn tissue_ratio_and_count_boundaries() {
    let f = with(&cc_definite(), &[("igg4_cc3b_ratio", "39.9")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&cc_definite(), &[("igg4_cc3b_count", "10")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let det = eval_new(ID, &cc_possible_only()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「できる限り組織診断を加えて、各臓器の悪性腫瘍…や類似疾患…と鑑別することが重要である。」 (review_needed (4))
#[test]
fn comprehensive_needs_the_differential() {
    let f = with(&cc_definite(), &[("igg4_cc_differential", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// ②「①びまん型：１a＋（３、４b、５a、５bのうち１つ以上）を満たすもの」
#[test]
fn aip_diffuse_with_one_item_is_definite() {
    let f = pancreas(&cc_possible_only(), "1", "2");
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
    let f = with(&f, &[("igg4_serum_igg4", "100")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&f, &[("igg4_aip_5a", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// ②「②限局型：１b＋２＋（３、４b、５a、５bのうち２つ以上）…１b＋２＋（…のうち１つ）＋オプション」
#[test]
fn aip_focal_needs_two_items_or_one_with_the_option() {
    let one = pancreas(&cc_possible_only(), "2", "1");
    assert_eq!(diagnosis(ID, &one), DiagnosisOutcome::NotMet);
    let two = with(&one, &[("igg4_aip_4", "2")]);
    assert_eq!(diagnosis(ID, &two), DiagnosisOutcome::Definite);
    let option = with(&one, &[("igg4_aip_option", "1")]);
    assert_eq!(diagnosis(ID, &option), DiagnosisOutcome::Definite);
}

// ②「③病理組織学的確診：４aを満たすもの」
#[test]
fn aip_pathology_4a_is_definite() {
    let low = with(&cc_possible_only(), &[("igg4_serum_igg4", "80")]);
    let f = with(&pancreas(&low, "2", "2"), &[("igg4_aip_4", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// ②「Possible*：…限局性膵腫大を呈する例でERP 像が得られなかった場合、（EUS-FNAで膵癌を除外）＋（３、４b、５a、５bの１つ以上）」 — eligible.
// ②「Probable：Possibleの基準＋オプションを満たすもの」
#[test]
fn aip_possible_is_eligible_and_with_the_option_probable() {
    let f = with(
        &pancreas(&cc_possible_only(), "2", "3"),
        &[("igg4_aip_fna", "1")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&f, &[("igg4_aip_option", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    // Without the EUS-FNA exclusion: nothing.
    let f = with(&f, &[("igg4_aip_fna", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    // The EUS-FNA item is required only in that situation.
    let f = pancreas(&cc_possible_only(), "2", "3");
    assert!(codes(&eval_new(ID, &f)).contains(&("required".into(), "igg4_aip_fna".into())));
}

// ③「Definite：①１＋３を満たすもの」「Probable：１＋２＋オプションを満たすもの」「Possible：１＋２」 (not eligible).
#[test]
fn sclerosing_cholangitis_categories() {
    let base = bile_duct(&cc_possible_only());
    // １＋２ only: Possible, not eligible.
    assert_eq!(diagnosis(ID, &base), DiagnosisOutcome::NotMet);
    assert_eq!(
        diagnosis(ID, &with(&base, &[("igg4_sc_3", "1")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(ID, &with(&base, &[("igg4_sc_option", "1")])),
        DiagnosisOutcome::Probable
    );
    // 「②１＋２＋４a＋４b」「③４a＋４b＋４c」
    assert_eq!(
        diagnosis(ID, &with(&base, &[("igg4_sc_4", "a,b")])),
        DiagnosisOutcome::Definite
    );
    let low = with(&base, &[("igg4_serum_igg4", "80"), ("igg4_sc_1", "2")]);
    assert_eq!(
        diagnosis(ID, &with(&low, &[("igg4_sc_4", "a,b")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        diagnosis(ID, &with(&low, &[("igg4_sc_4", "a,b,d")])),
        DiagnosisOutcome::Definite
    );
}

// ③「ただし、胆管癌や膵癌などの悪性疾患、原発性硬化性胆管炎や原因が明らかな二次性硬化性胆管炎を除外することが必要である。」
#[test]
fn sclerosing_cholangitis_needs_the_exclusion() {
    let f = with(
        &bile_duct(&cc_possible_only()),
        &[("igg4_sc_3", "1"), ("igg4_sc_exclusion", "2")],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// ④「Definite：①Ａ１＋Ａ２＋Ｂを満たすもの ②Ａ１＋Ａ３＋Ｂを満たすもの」 (Ａ３: IgG4+/IgG+ 50％以上)
#[test]
fn lacrimal_salivary_definite() {
    let low = with(&cc_possible_only(), &[("igg4_serum_igg4", "80")]);
    let ls = |ratio: &str, serum: &str| {
        with(
            &low,
            &[
                ("igg4_ls_1", "1"),
                ("igg4_ls_3", ratio),
                ("igg4_ls_b", "1"),
                ("igg4_serum_igg4", serum),
            ],
        )
    };
    assert_eq!(
        diagnosis(ID, &ls("not_done", "135")),
        DiagnosisOutcome::Definite
    );
    assert_eq!(diagnosis(ID, &ls("50", "80")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(ID, &ls("49.9", "80")), DiagnosisOutcome::NotMet);
    let f = with(&ls("50", "80"), &[("igg4_ls_b", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// ⑤「Definite：③２＋３＋５」「Probable：③２＋５」「Possible：②２＋３」 (Possible not eligible).
#[test]
fn kidney_categories() {
    let k = kidney(&cc_possible_only(), "2", "1");
    // ２＋３ only: Possible of ⑤, not eligible.
    assert_eq!(diagnosis(ID, &k), DiagnosisOutcome::NotMet);
    let k5 = with(&k, &[("igg4_kd_5", "1")]);
    assert_eq!(diagnosis(ID, &k5), DiagnosisOutcome::Definite);
    let k5_low = with(&k5, &[("igg4_serum_igg4", "80")]);
    assert_eq!(diagnosis(ID, &k5_low), DiagnosisOutcome::Probable);
    // 「①１＋４a＋４b」 (Probable without IgG4).
    let k1 = with(
        &kidney(&cc_possible_only(), "1", "2"),
        &[
            ("igg4_kd_4a", "1"),
            ("igg4_kd_4b", "1"),
            ("igg4_serum_igg4", "80"),
        ],
    );
    assert_eq!(diagnosis(ID, &k1), DiagnosisOutcome::Probable);
    // 「＜診断のカテゴリー＞（ただしＢ．鑑別疾患を鑑別する。）」
    assert_eq!(
        diagnosis(ID, &with(&k5, &[("igg4_kd_b", "2")])),
        DiagnosisOutcome::NotMet
    );
}

// Blanks: the comprehensive lesion item open with nothing else → 判定不能 naming it;
// a blank IgG4 with ①１＋３ shown is 該当 anyway (Probable at least).
#[test]
fn blank_diagnostic_items() {
    let f = with(&cc_definite(), &[("igg4_cc1_lesion", "")]);
    assert_undetermined_naming(ID, &f, &["igg4_cc1_lesion"]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "igg4_cc1_lesion".into())));
    let f = with(&cc_definite(), &[("igg4_serum_igg4", "")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
}

// 「以下の（１）又は（２）を満たす者を対象とする。」 each alone; neither is not met; a blank is open.
#[test]
fn severity_dependent_or_resistant() {
    let neither = with(&cc_definite(), &[("igg4_steroid_dependent", "2")]);
    let det = eval_new(ID, &neither).determination;
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    let resistant = with(&neither, &[("igg4_steroid_resistant", "1")]);
    assert_eq!(severity(ID, &resistant), SeverityOutcome::Met);
    let open = with(&neither, &[("igg4_steroid_resistant", "")]);
    assert_undetermined_naming(ID, &open, &["igg4_steroid_resistant"]);
}

// Check: contradictory pathology answers.
#[test]
fn contradictory_bile_duct_pathology_is_an_error() {
    let f = with(&bile_duct(&cc_definite()), &[("igg4_sc_4", "a,none")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("igg4_sc_4_none_with_findings".into(), "igg4_sc_4".into())));
    let f = with(
        &bile_duct(&cc_definite()),
        &[("igg4_sc_4", "none,not_done")],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("igg4_sc_4_none_and_not_done".into(), "igg4_sc_4".into())));
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(&cc_definite(), &[("igg4_cc3b_ratio", "101")]);
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "igg4_cc3b_ratio".into())));
}

// 更新: diagnostic items not required; severity decides.
#[test]
fn renewal_is_judged_on_severity() {
    let f = with(
        &nanbyo_common(),
        &[
            ("igg4_steroid_dependent", "2"),
            ("igg4_steroid_resistant", "1"),
        ],
    );
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
