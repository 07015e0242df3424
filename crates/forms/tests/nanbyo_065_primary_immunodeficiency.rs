//! 指定難病 65 原発性免疫不全症候群 (nanbyo-065-2403): the 細分類 (pid_subtype), the
//! common structure (臨床症状 + 検査所見 + 確定診断 + 除外事項), every numeric boundary the
//! text gives, each explicit combination rule and the 重症度分類. Each test cites the
//! sentence of the MHLW 概要・診断基準等 (2020-03) it tests.
//! The text has no Definite／Probable: 所見 + 確定診断 is Definite (eligible); 所見 without
//! 確定診断, and 「本症の可能性が高い」, are Probable (not eligible) — see review_needed (1).

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-065-2403";

/// The common part with the exclusion met and 重症 (continuous treatment), no 細分類 yet.
fn common_pid() -> FormData {
    with(
        &nanbyo_common(),
        &[("pid_secondary_excluded", "1"), ("pid_treatment", "3")],
    )
}

/// A 細分類 with its own answers on top of `common_pid()`.
fn subtype(code: &str, extra: &[(&str, &str)]) -> FormData {
    with(&with(&common_pid(), &[("pid_subtype", code)]), extra)
}

/// ①-I X連鎖重症複合免疫不全症, Definite: infant, T 120/µL, PHA 3 %, γc 遺伝子変異 identified.
fn xscid() -> FormData {
    subtype(
        "101",
        &[
            ("birth_date", "2019-01-15"),
            ("pid_clinical", "1"),
            ("pid_t_cells", "120"),
            ("pid_pha", "3"),
            ("pid_confirmation", "2"),
        ],
    )
}

fn dx(f: &FormData) -> DiagnosisOutcome {
    diagnosis(ID, f)
}

fn result(f: &FormData) -> Outcome {
    eval_new(ID, f).determination.result
}

// ---------------------------------------------------------------- complete forms

#[test]
fn complete_xscid_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &xscid());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-065-2403/2020-03.2");
    assert!(det.machine_determination);
}

// The declared diagnosis of the severity-only version is gone: the category comes from the findings.
#[test]
fn diagnosis_is_judged_by_machine_not_declared() {
    let d = def(ID);
    let json = serde_json::to_value(&*d).unwrap().to_string();
    assert!(!json.contains("diagnosis_category_declared"));
    assert!(json.contains("pid_subtype"));
}

// ---------------------------------------------------------------- (２) 除外事項
// 「続発性免疫不全状態を来すことの多い…医原性免疫不全状態が除外されていること。」
#[test]
fn secondary_immunodeficiency_not_excluded_is_not_met() {
    let f = with(&xscid(), &[("pid_secondary_excluded", "2")]);
    assert_eq!(dx(&f), DiagnosisOutcome::NotMet);
    assert_eq!(result(&f), Outcome::NotEligible);
}

#[test]
fn blank_exclusion_is_undetermined_naming_it() {
    let f = with(&xscid(), &[("pid_secondary_excluded", "")]);
    assert_undetermined_naming(ID, &f, &["pid_secondary_excluded"]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "pid_secondary_excluded".into())));
}

// 「(１) 原発性免疫不全症候群に含まれる疾患」: without the 細分類 nothing can be judged.
#[test]
fn blank_subtype_is_undetermined_naming_it() {
    let f = with(&xscid(), &[("pid_subtype", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(e
        .determination
        .undetermined_items
        .contains(&"pid_subtype".to_string()));
    assert!(codes(&e).contains(&("required".into(), "pid_subtype".into())));
}

// ---------------------------------------------------------------- ① 複合免疫不全症
// 「３．通常末梢血T細胞とNK細胞数は欠損又は著減し（＜300/µL）」
#[test]
fn xscid_t_cells_299_met_300_not() {
    assert_eq!(
        dx(&with(&xscid(), &[("pid_t_cells", "299")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&xscid(), &[("pid_t_cells", "300")])),
        DiagnosisOutcome::NotMet
    );
}

// 「４．PHA幼若化反応が正常の10％未満」
#[test]
fn xscid_pha_9_9_met_10_not() {
    assert_eq!(
        dx(&with(&xscid(), &[("pid_pha", "9.9")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&xscid(), &[("pid_pha", "10")])),
        DiagnosisOutcome::NotMet
    );
    // 未実施 never satisfies "＜10％".
    assert_eq!(
        dx(&with(&xscid(), &[("pid_pha", "not_done")])),
        DiagnosisOutcome::NotMet
    );
}

// A blank T cell count keeps the result open and is named.
#[test]
fn xscid_blank_t_cells_is_undetermined_naming_it() {
    assert_undetermined_naming(
        ID,
        &with(&xscid(), &[("pid_t_cells", "")]),
        &["pid_t_cells"],
    );
}

// 「γc遺伝子解析で遺伝子異常を確認し、確定診断を行う。」: without it, Probable (not eligible).
#[test]
fn xscid_without_gene_analysis_is_probable_and_not_eligible() {
    for code in ["3", "4", "5"] {
        let f = with(&xscid(), &[("pid_confirmation", code)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::Probable, "{code}");
        assert_eq!(det.result, Outcome::NotEligible, "{code}");
    }
    assert_undetermined_naming(
        ID,
        &with(&xscid(), &[("pid_confirmation", "")]),
        &["pid_confirmation"],
    );
}

// 「１．通常生後数か月以内に日和見感染を含む様々な重症感染症を発症し…」: the 臨床症状 judged by the doctor.
#[test]
fn xscid_without_clinical_findings_is_not_met() {
    assert_eq!(
        dx(&with(&xscid(), &[("pid_clinical", "2")])),
        DiagnosisOutcome::NotMet
    );
    // 不明 shows nothing.
    assert_eq!(
        dx(&with(&xscid(), &[("pid_clinical", "3")])),
        DiagnosisOutcome::NotMet
    );
}

// 細網異形成症「末梢血T細胞は欠損又は著減：＜300/µLし、好中球も欠損又は著減：＜200/µL」
#[test]
fn reticular_dysgenesis_neutrophils_199_met_200_not() {
    let f = with(
        &xscid(),
        &[("pid_subtype", "102"), ("pid_neutrophils", "199")],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(
        dx(&with(&f, &[("pid_neutrophils", "200")])),
        DiagnosisOutcome::NotMet
    );
}

// オーメン症候群「末梢血T細胞は存在（＞300/µL）し、好酸球増加、高IgE血症を伴う。」
#[test]
fn omenn_t_cells_301_met_300_not() {
    let f = subtype(
        "104",
        &[
            ("pid_clinical", "1"),
            ("pid_lab", "1"),
            ("pid_t_cells", "301"),
            ("pid_confirmation", "2"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&f, &[("pid_t_cells", "300")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(dx(&with(&f, &[("pid_lab", "2")])), DiagnosisOutcome::NotMet);
}

/// ①-X with the given birth date (age at the 診断年月日 2019-09-01), T cells and PHA.
fn cid(birth: &str, t: &str, pha: &str) -> FormData {
    subtype(
        "110",
        &[
            ("birth_date", birth),
            ("pid_clinical", "1"),
            ("pid_t_cells", t),
            ("pid_pha", pha),
            ("pid_confirmation", "2"),
        ],
    )
}

// 「leaky SCID は、末梢血T細胞が２～４歳＜800 µL…PHA幼若化反応が正常の30％未満」
#[test]
fn other_cid_leaky_scid_age_2_to_4() {
    assert_eq!(
        dx(&cid("2017-09-01", "799", "29.9")),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&cid("2017-09-01", "800", "29.9")),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        dx(&cid("2017-09-01", "799", "30")),
        DiagnosisOutcome::NotMet
    );
    // One day short of 2 years: only the SCID values (＜300/µL, ＜10％) count.
    assert_eq!(
        dx(&cid("2017-09-02", "799", "29.9")),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        dx(&cid("2017-09-02", "299", "9.9")),
        DiagnosisOutcome::Definite
    );
}

// 「４歳～＜600 µL」
#[test]
fn other_cid_leaky_scid_from_4_years() {
    assert_eq!(
        dx(&cid("2015-09-01", "599", "20")),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&cid("2015-09-01", "600", "20")),
        DiagnosisOutcome::NotMet
    );
    // At 3 years the limit is still 800.
    assert_eq!(
        dx(&cid("2015-09-02", "700", "20")),
        DiagnosisOutcome::Definite
    );
}

// 「しかし、最終的な確定診断のためには遺伝子診断が必要である。」
#[test]
fn other_cid_without_gene_is_probable() {
    let f = with(
        &cid("2015-09-01", "500", "20"),
        &[("pid_confirmation", "5")],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::Probable);
    assert_eq!(result(&f), Outcome::NotEligible);
}

// ---------------------------------------------------------------- ② 免疫不全を伴う特徴的な症候群
// WAS「確定診断には、フローサイトメトリー法によるWASP蛋白発現低下とWASPあるいはWIP遺伝子変異を同定する。」
#[test]
fn wiskott_aldrich_needs_protein_and_gene() {
    let f = subtype(
        "201",
        &[
            ("pid_clinical", "1"),
            ("pid_lab", "1"),
            ("pid_confirmation", "1"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "2")])),
        DiagnosisOutcome::Probable
    );
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "3")])),
        DiagnosisOutcome::Probable
    );
}

// 胸腺低形成「確定診断として…染色体22q11.2 の微細欠失を…同定する。」 (the common structure, gene only).
#[test]
fn digeorge_gene_only_is_definite() {
    let f = subtype(
        "210",
        &[
            ("pid_clinical", "1"),
            ("pid_lab", "1"),
            ("pid_confirmation", "2"),
        ],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    // 「Ｂ．重要な検査所見」 not shown: not met.
    assert_eq!(dx(&with(&f, &[("pid_lab", "2")])), DiagnosisOutcome::NotMet);
}

/// 先天性角化不全症 with bone marrow failure, one major and two minor signs, no gene analysis.
fn dkc() -> FormData {
    subtype(
        "213",
        &[
            ("pid_dkc_marrow_failure", "1"),
            ("pid_dkc_major", "2"),
            ("pid_dkc_minor", "1,3"),
            ("pid_lab", "1"),
            ("pid_confirmation", "5"),
        ],
    )
}

// 「狭義な意味での先天性角化不全症は、骨髄不全及び１つ以上の大症状と２つ以上の小症状を満たす場合に診断する。」
#[test]
fn dyskeratosis_marrow_failure_one_major_two_minor_is_definite() {
    let e = eval_new(ID, &dkc());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    // one minor sign only: the clinical rule fails; lab without gene is Probable.
    assert_eq!(
        dx(&with(&dkc(), &[("pid_dkc_minor", "1")])),
        DiagnosisOutcome::Probable
    );
    // no major sign
    assert_eq!(
        dx(&with(&dkc(), &[("pid_dkc_major", "4")])),
        DiagnosisOutcome::Probable
    );
    // no bone marrow failure
    assert_eq!(
        dx(&with(&dkc(), &[("pid_dkc_marrow_failure", "2")])),
        DiagnosisOutcome::Probable
    );
    // 「確定診断として、染色体テロメア長の制御に重要な遺伝子群の変異を同定する。」
    assert_eq!(
        dx(&with(
            &dkc(),
            &[("pid_dkc_minor", "1"), ("pid_confirmation", "2")]
        )),
        DiagnosisOutcome::Definite
    );
}

// 「いずれもなし」 cannot be chosen with a sign.
#[test]
fn dyskeratosis_none_with_a_sign_is_an_error() {
    let e = eval_new(ID, &with(&dkc(), &[("pid_dkc_minor", "1,11")]));
    assert!(codes(&e).contains(&(
        "pid_dkc_minor_none_exclusive".into(),
        "pid_dkc_minor".into()
    )));
    let e = eval_new(ID, &with(&dkc(), &[("pid_dkc_major", "1,4")]));
    assert!(codes(&e).contains(&(
        "pid_dkc_major_none_exclusive".into(),
        "pid_dkc_major".into()
    )));
}

// ---------------------------------------------------------------- ③ 液性免疫不全を主とする疾患
fn xla() -> FormData {
    subtype(
        "301",
        &[
            ("pid_igg", "150"),
            ("pid_b_cells_pct", "0.5"),
            ("pid_confirmation", "3"),
        ],
    )
}

// XLA「３．血清免疫グロブリン値著減（IgG＜200mg/dL…）」「４．末梢血B細胞欠損（＜２％）」「８．BTK遺伝子変異またはBTK蛋白欠損」
#[test]
fn xla_igg_and_b_cells_boundaries() {
    let e = eval_new(ID, &xla());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&xla(), &[("pid_igg", "199")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&xla(), &[("pid_igg", "200")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        dx(&with(&xla(), &[("pid_b_cells_pct", "1.9")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&xla(), &[("pid_b_cells_pct", "2")])),
        DiagnosisOutcome::NotMet
    );
    // BTK neither found nor tested: Probable.
    assert_eq!(
        dx(&with(&xla(), &[("pid_confirmation", "5")])),
        DiagnosisOutcome::Probable
    );
}

// Ranges: a B cell percentage above 100 is an error finding.
#[test]
fn out_of_range_lab_value_is_an_error_finding() {
    let e = eval_new(ID, &with(&xla(), &[("pid_b_cells_pct", "120")]));
    assert!(codes(&e).contains(&("range".into(), "pid_b_cells_pct".into())));
}

// 分類不能型免疫不全症「１．…２．…３．その他の免疫不全症がないこと」
#[test]
fn cvid_needs_labs_and_other_pid_excluded() {
    let f = subtype("302", &[("pid_lab", "1"), ("pid_other_pid_excluded", "1")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&f, &[("pid_other_pid_excluded", "2")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(dx(&with(&f, &[("pid_lab", "2")])), DiagnosisOutcome::NotMet);
}

// 高IgM症候群「１．血清IgG、 IgA、 IgEの欠損を伴う ２．血清IgMは正常又は高値」 (no gene needed)
#[test]
fn hyper_igm_is_definite_on_labs() {
    let f = subtype("303", &[("pid_lab", "1")]);
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_eq!(dx(&with(&f, &[("pid_lab", "2")])), DiagnosisOutcome::NotMet);
}

// IgGサブクラス欠損症「１．反復性の重症感染症を呈する」
#[test]
fn igg_subclass_needs_severe_infections() {
    let f = subtype("304", &[("pid_clinical", "1"), ("pid_lab", "1")]);
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_eq!(
        dx(&with(&f, &[("pid_clinical", "2")])),
        DiagnosisOutcome::NotMet
    );
}

fn sigad(birth: &str) -> FormData {
    subtype(
        "305",
        &[
            ("birth_date", birth),
            ("pid_lab", "1"),
            ("pid_other_pid_excluded", "1"),
        ],
    )
}

// 選択的IgA欠損症「２．４歳以上（４歳以下では血清IgAが正常化するまで経過観察が必要である）」 (age at 診断年月日 2019-09-01)
#[test]
fn selective_iga_deficiency_from_4_years() {
    let e = eval_new(ID, &sigad("2015-09-01"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    let e = eval_new(ID, &sigad("2015-09-02"));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(codes(&e).contains(&("pid_sigad_under_4".into(), "pid_subtype".into())));
}

// 特異抗体産生不全症「３．その他の原発性又は二次性原発性免疫不全症が除外されている」
#[test]
fn specific_antibody_deficiency() {
    let f = subtype("306", &[("pid_lab", "1"), ("pid_other_pid_excluded", "1")]);
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_undetermined_naming(
        ID,
        &with(&f, &[("pid_other_pid_excluded", "")]),
        &["pid_other_pid_excluded"],
    );
}

fn thi(birth: &str) -> FormData {
    subtype(
        "307",
        &[
            ("birth_date", birth),
            ("pid_lab", "1"),
            ("pid_other_pid_excluded", "1"),
        ],
    )
}

// 乳児一過性低ガンマグロブリン血症「３．生後６か月以降」 (month age at 診断年月日 2019-09-01)
#[test]
fn transient_hypogammaglobulinemia_from_6_months() {
    let e = eval_new(ID, &thi("2019-03-01"));
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    let e = eval_new(ID, &thi("2019-03-02"));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert!(codes(&e).contains(&("pid_thi_under_6_months".into(), "pid_subtype".into())));
}

// ---------------------------------------------------------------- ④ 免疫調節障害
// チェディアック・東「病的なLYST遺伝子変異が認められれば、確定診断される。」「部分的白子症を伴う…白血球内の巨大顆粒を認める場合、本症の可能性が高い。」
#[test]
fn chediak_higashi_gene_definite_albinism_and_granules_probable() {
    let f = subtype(
        "401",
        &[
            ("pid_chs_albinism", "1"),
            ("pid_chs_giant_granules", "1"),
            ("pid_confirmation", "2"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    let g = with(&f, &[("pid_confirmation", "5")]);
    assert_eq!(dx(&g), DiagnosisOutcome::Probable);
    assert_eq!(result(&g), Outcome::NotEligible);
    assert_eq!(
        dx(&with(&g, &[("pid_chs_giant_granules", "2")])),
        DiagnosisOutcome::NotMet
    );
}

// XLP「SH2D1A又はXIAP/BIRC4遺伝子に病的な変異が認められれば、確定診断される。」: the gene alone suffices.
#[test]
fn xlp_gene_alone_is_definite() {
    let f = subtype(
        "402",
        &[
            ("pid_clinical", "2"),
            ("pid_lab", "2"),
            ("pid_confirmation", "2"),
        ],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    let g = subtype(
        "402",
        &[
            ("pid_clinical", "1"),
            ("pid_lab", "1"),
            ("pid_confirmation", "5"),
        ],
    );
    assert_eq!(dx(&g), DiagnosisOutcome::Probable);
}

/// ALPS: both required items, no primary item, every secondary item below its threshold.
fn alps_required_only() -> FormData {
    subtype(
        "403",
        &[
            ("pid_alps_lymphoproliferation", "1"),
            ("pid_alps_lymph_count_normal", "1"),
            ("pid_alps_dnt_lymph_pct", "1.5"),
            ("pid_alps_dnt_t_pct", "2.0"),
            ("pid_alps_apoptosis", "2"),
            ("pid_confirmation", "4"),
            ("pid_alps_sfasl", "200"),
            ("pid_alps_il10", "20"),
            ("pid_alps_b12", "1500"),
            ("pid_alps_il18", "500"),
            ("pid_alps_histology", "2"),
            ("pid_alps_autoimmune_cytopenia", "2"),
            ("pid_alps_family_history", "2"),
        ],
    )
}

// 「必須項目２つと付帯項目の一次項目１つを満たせば、確定診断される。」
#[test]
fn alps_required_and_primary_is_definite() {
    let f = with(&alps_required_only(), &[("pid_alps_apoptosis", "1")]);
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    // 一次項目 2): FAS、FASLG、CASP10 の遺伝子変異
    let g = with(&alps_required_only(), &[("pid_confirmation", "2")]);
    assert_eq!(dx(&g), DiagnosisOutcome::Definite);
    // Once Definite, blank secondary items do not matter.
    let h = with(&f, &[("pid_alps_sfasl", ""), ("pid_alps_histology", "")]);
    assert_eq!(dx(&h), DiagnosisOutcome::Definite);
}

// 「必須項目２つと付帯項目の二次項目１つを満たせば、本症の可能性が高い。」 and the ＞ thresholds of 二次項目1).
#[test]
fn alps_secondary_thresholds_give_probable() {
    assert_eq!(dx(&alps_required_only()), DiagnosisOutcome::NotMet);
    for (item, over) in [
        ("pid_alps_sfasl", "201"),
        ("pid_alps_il10", "20.1"),
        ("pid_alps_b12", "1501"),
        ("pid_alps_il18", "501"),
        ("pid_alps_histology", "1"),
        ("pid_alps_autoimmune_cytopenia", "1"),
        ("pid_alps_family_history", "1"),
    ] {
        let f = with(&alps_required_only(), &[(item, over)]);
        assert_eq!(dx(&f), DiagnosisOutcome::Probable, "{item}");
        assert_eq!(result(&f), Outcome::NotEligible, "{item}");
    }
    // 未実施 is not an increase.
    let f = with(&alps_required_only(), &[("pid_alps_sfasl", "not_done")]);
    assert_eq!(dx(&f), DiagnosisOutcome::NotMet);
    // A blank secondary item could only make it Probable, which is not eligible: decided.
    let f = with(&alps_required_only(), &[("pid_alps_il18", "")]);
    assert_eq!(result(&f), Outcome::NotEligible);
    // A blank primary item keeps the Definite open and is named.
    assert_undetermined_naming(
        ID,
        &with(&alps_required_only(), &[("pid_alps_apoptosis", "")]),
        &["pid_alps_apoptosis"],
    );
}

// 必須項目2「全リンパ球中の1.5％以上又はCD3+ T細胞の2.5％以上」
#[test]
fn alps_double_negative_t_cell_boundaries() {
    let definite = with(&alps_required_only(), &[("pid_alps_apoptosis", "1")]);
    let low = with(
        &definite,
        &[
            ("pid_alps_dnt_lymph_pct", "1.4"),
            ("pid_alps_dnt_t_pct", "2.4"),
        ],
    );
    assert_eq!(dx(&low), DiagnosisOutcome::NotMet);
    assert_eq!(
        dx(&with(&low, &[("pid_alps_dnt_t_pct", "2.5")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&low, &[("pid_alps_dnt_lymph_pct", "1.5")])),
        DiagnosisOutcome::Definite
    );
    // 必須項目1 not met
    assert_eq!(
        dx(&with(&definite, &[("pid_alps_lymphoproliferation", "2")])),
        DiagnosisOutcome::NotMet
    );
}

// ---------------------------------------------------------------- ⑤ 原発性食細胞機能不全症及び欠損症
// 重症先天性好中球減少症「２．慢性好中球減少（末梢血好中球絶対数が200/mL未満）」
#[test]
fn severe_congenital_neutropenia_neutrophils_boundary() {
    let f = subtype(
        "501",
        &[
            ("pid_clinical", "1"),
            ("pid_neutrophils", "199"),
            ("pid_lab", "1"),
            ("pid_confirmation", "2"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&f, &[("pid_neutrophils", "200")])),
        DiagnosisOutcome::NotMet
    );
}

// 周期性好中球減少症「４．好中球減少（末梢血好中球絶対数が500/µL未満）」
#[test]
fn cyclic_neutropenia_neutrophils_boundary() {
    let f = subtype(
        "502",
        &[
            ("pid_clinical", "1"),
            ("pid_neutrophils", "499"),
            ("pid_confirmation", "2"),
        ],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_eq!(
        dx(&with(&f, &[("pid_neutrophils", "500")])),
        DiagnosisOutcome::NotMet
    );
}

// 白血球接着不全症「５．フローサイトメトリーによるCD18、CD11の欠損にて診断される。」: the molecule alone suffices.
#[test]
fn leukocyte_adhesion_deficiency_flow_cytometry_suffices() {
    let f = subtype(
        "504",
        &[
            ("pid_clinical", "1"),
            ("pid_lab", "1"),
            ("pid_confirmation", "3"),
        ],
    );
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "4")])),
        DiagnosisOutcome::Probable
    );
}

fn cgd() -> FormData {
    subtype(
        "506",
        &[
            ("pid_cgd_ros_pct", "4.9"),
            ("pid_cgd_findings", "2"),
            ("pid_confirmation", "2"),
        ],
    )
}

// 慢性肉芽腫症「活性酸素産生好中球が正常コントロールの５％未満で、下記のうち１つを満たす。」
#[test]
fn cgd_ros_below_5_percent_and_one_finding() {
    let e = eval_new(ID, &cgd());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&cgd(), &[("pid_cgd_ros_pct", "5")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        dx(&with(&cgd(), &[("pid_cgd_findings", "4")])),
        DiagnosisOutcome::NotMet
    );
    // 「上記臨床症状及び検査結果のもと以下の遺伝子解析により確定診断にいたる。」
    assert_eq!(
        dx(&with(&cgd(), &[("pid_confirmation", "5")])),
        DiagnosisOutcome::Probable
    );
    let e = eval_new(ID, &with(&cgd(), &[("pid_cgd_findings", "1,4")]));
    assert!(codes(&e).contains(&(
        "pid_cgd_findings_none_exclusive".into(),
        "pid_cgd_findings".into()
    )));
}

// ---------------------------------------------------------------- ⑥ 自然免疫異常
// 「診断は、各疾患の特徴的な臨床像に加えて、以下のいずれかがある場合を原則とする。」
#[test]
fn innate_immunity_clinical_plus_any_method() {
    for m in ["1", "2", "3", "4"] {
        let f = subtype("602", &[("pid_clinical", "1"), ("pid_innate_methods", m)]);
        let e = eval_new(ID, &f);
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite, "{m}");
    }
    let none = subtype("605", &[("pid_clinical", "1"), ("pid_innate_methods", "5")]);
    assert_eq!(dx(&none), DiagnosisOutcome::NotMet);
    let no_clinical = subtype("604", &[("pid_clinical", "2"), ("pid_innate_methods", "1")]);
    assert_eq!(dx(&no_clinical), DiagnosisOutcome::NotMet);
    let e = eval_new(ID, &with(&none, &[("pid_innate_methods", "2,5")]));
    assert!(codes(&e).contains(&(
        "pid_innate_methods_none_exclusive".into(),
        "pid_innate_methods".into()
    )));
}

// ---------------------------------------------------------------- ⑦ 先天性補体欠損症
// 「補体成分の欠損を証明するか、対応する責任遺伝子に…異常を認めることで診断する。なお、…二次的な補体成分の低下は、この疾患に含めてはならない。」
#[test]
fn complement_deficiency_either_proof_and_not_secondary() {
    let f = subtype(
        "701",
        &[
            ("pid_confirmation", "3"),
            ("pid_complement_secondary_excluded", "1"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "2")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        dx(&with(&f, &[("pid_complement_secondary_excluded", "2")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "4")])),
        DiagnosisOutcome::NotMet
    );
}

fn hae(activity: &str, familial: &str) -> FormData {
    subtype(
        "702",
        &[
            ("pid_clinical", "1"),
            ("pid_c1inh_activity", activity),
            ("pid_hae_familial", familial),
        ],
    )
}

// 「C1インヒビター活性を測定し、正常値の70％以下であれば、家族歴を問わず、遺伝性血管性浮腫と診断する。」
// 「３型は…典型的な臨床像を呈し、家族性に認められれば、C1インヒビター活性が低値でなくても…診断して良い」
#[test]
fn hae_c1_inhibitor_70_percent_or_familial_type_3() {
    let e = eval_new(ID, &hae("70", "2"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(dx(&hae("71", "2")), DiagnosisOutcome::NotMet);
    assert_eq!(dx(&hae("71", "1")), DiagnosisOutcome::Definite);
    assert_eq!(dx(&hae("not_done", "1")), DiagnosisOutcome::Definite);
    let no_clinical = with(&hae("30", "1"), &[("pid_clinical", "2")]);
    assert_eq!(dx(&no_clinical), DiagnosisOutcome::NotMet);
    // 70 % or less decides; the family history blank does not matter.
    assert_eq!(dx(&hae("70", "")), DiagnosisOutcome::Definite);
    assert_undetermined_naming(ID, &hae("80", ""), &["pid_hae_familial"]);
}

// ほかの先天性補体欠損症「特徴的な臨床像を呈し、補体成分の欠損とそれに直接関連した責任遺伝子の異常が確認できれば診断する。」
#[test]
fn other_complement_deficiency_needs_both_proofs() {
    let f = subtype("703", &[("pid_clinical", "1"), ("pid_confirmation", "1")]);
    assert_eq!(dx(&f), DiagnosisOutcome::Definite);
    assert_eq!(
        dx(&with(&f, &[("pid_confirmation", "2")])),
        DiagnosisOutcome::Probable
    );
}

// ---------------------------------------------------------------- 重症度分類
// 「原発性免疫不全症候群全体について、中等症以上を対象とする。」「中等症 上記治療が継続的には必要でない場合。」「軽症 上記治療が不要な場合。」
#[test]
fn severity_moderate_is_met_mild_is_not() {
    let f = with(&xscid(), &[("pid_treatment", "2")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::Met);
    assert_eq!(result(&f), Outcome::Eligible);
    let f = with(&xscid(), &[("pid_treatment", "1")]);
    assert_eq!(severity(ID, &f), SeverityOutcome::NotMet);
    assert_eq!(result(&f), Outcome::NotEligible);
}

#[test]
fn severity_blank_is_undetermined_naming_it() {
    let f = with(&xscid(), &[("pid_treatment", "")]);
    assert_undetermined_naming(ID, &f, &["pid_treatment"]);
    let e = eval_new(ID, &f);
    assert!(codes(&e).contains(&("required".into(), "pid_treatment".into())));
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_mild() {
    let mut f = with(&xscid(), &[("pid_treatment", "1")]);
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.light_high_cost, Some(true));
    assert_eq!(det.result, Outcome::Eligible);
    // …but never a Probable diagnosis.
    f.set("pid_confirmation", "5");
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// 更新: the diagnosis was confirmed at the first certification; only the 重症度 is judged.
#[test]
fn renewal_without_diagnosis_items_is_judged_on_severity() {
    let f = with(&common_pid(), &[("pid_secondary_excluded", "")]);
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let g = with(&f, &[("pid_treatment", "1")]);
    let e = nsdb_forms::evaluate(&def(ID), &g, ApplicationKind::Renewal, today());
    assert_eq!(e.determination.result, Outcome::NotEligible);
}
