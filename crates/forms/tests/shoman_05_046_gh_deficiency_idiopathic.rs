//! 小慢 第5表 内分泌疾患 告示番号46 成長ホルモン分泌不全性低身長症（脳の器質的原因によるものを除く。）
//! (shoman-05-046-2403): every boundary of every criterion, the age limits and the checks.
//! Each test cites the sentence it tests (sources and review flags in the TOML file).

use crate::common::*;
use nsdb_forms::{
    evaluate, ApplicationKind, DiagnosisOutcome, Evaluation, FormData, Outcome, SeverityOutcome,
};

const ID: &str = "shoman-05-046-2403";

/// A 10-year-old boy, −2.6 SD, two different stimulation tests ≤ 6 ng/mL, on GH within the label.
fn eligible() -> FormData {
    with(
        &shoman_common("2015-01-15"),
        &[
            ("diagnosis_category_declared", ""),
            ("condition_level_declared", ""),
            ("height_cm", "122.0"),
            ("height_sd", "-2.6"),
            ("weight_kg", "23.0"),
            ("gh_growth_velocity_low_2y", "2"),
            ("gh_symptomatic_hypoglycemia", "2"),
            ("gh_intracranial_organic", "2"),
            ("gh_other_pituitary_deficiency", "2"),
            ("gh_test1_kind", "2"),
            ("gh_test1_peak", "4.2"),
            ("gh_test2_kind", "3"),
            ("gh_test2_peak", "5.1"),
            ("gh_test3_kind", "0"),
            ("gh_igf1", "82"),
            ("gh_therapy", "1"),
            ("gh_gh_within_label", "1"),
        ],
    )
}

fn ev(f: &FormData) -> Evaluation {
    eval_new(ID, f)
}

fn result(f: &FormData) -> Outcome {
    ev(f).determination.result
}

fn diagnosis(f: &FormData) -> DiagnosisOutcome {
    ev(f).determination.diagnosis
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = ev(&eligible());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let d = e.determination;
    assert!(d.machine_determination);
    assert_eq!(d.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(d.severity, SeverityOutcome::Met);
    assert_eq!(d.result, Outcome::Eligible);
}

// 主症候①「身長は標準身長の-2.0SD以下、あるいは身長が正常範囲であっても、成長速度が２年以上にわたって
//   標準値の-1.5SD以下であること。」
#[test]
fn growth_failure_height_sd_or_velocity() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    assert_eq!(
        diagnosis(&f(&[("height_sd", "-2.0")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(&f(&[("height_sd", "-1.99")])),
        DiagnosisOutcome::NotMet
    );
    assert_eq!(result(&f(&[("height_sd", "-1.99")])), Outcome::NotEligible);
    let velocity = [("height_sd", "-1.2"), ("gh_growth_velocity_low_2y", "1")];
    assert_eq!(diagnosis(&f(&velocity)), DiagnosisOutcome::Definite);
    // 不明 is not あり.
    let unknown = [("height_sd", "-1.2"), ("gh_growth_velocity_low_2y", "3")];
    assert_eq!(diagnosis(&f(&unknown)), DiagnosisOutcome::NotMet);
    // 身長SD blank: open (the velocity is なし), and an error asks for it.
    let e = ev(&f(&[("height_sd", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["height_sd".to_string()]
    );
    assert!(codes(&e).contains(&("gh_height_sd_missing".into(), "height_sd".into())));
    // …but not when the velocity criterion is already met.
    let e = ev(&f(&[("height_sd", ""), ("gh_growth_velocity_low_2y", "1")]));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
}

// 「インスリン負荷、アルギニン負荷、L-DOPA負荷、クロニジン負荷またはグルカゴン負荷試験において…頂値が６ng/mL以下
//   であること。GHRP-2負荷試験で…血清GH頂値が16ng/mL以下であること。」 and 中等症「全てのGH頂値が６ng/mL以下
//   （GHRP-2負荷試験では16ng/mL以下）」
#[test]
fn peak_thresholds_and_all_tests_low() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    assert_eq!(
        diagnosis(&f(&[("gh_test1_peak", "6.0")])),
        DiagnosisOutcome::Definite
    );
    assert_eq!(
        diagnosis(&f(&[("gh_test1_peak", "6.01")])),
        DiagnosisOutcome::NotMet
    );
    let ghrp2 = |v: &'static str| f(&[("gh_test2_kind", "6"), ("gh_test2_peak", v)]);
    assert_eq!(diagnosis(&ghrp2("16.0")), DiagnosisOutcome::Definite);
    assert_eq!(diagnosis(&ghrp2("16.01")), DiagnosisOutcome::NotMet);
    // A third test with a normal peak: not all tests are low.
    let third = f(&[("gh_test3_kind", "1"), ("gh_test3_peak", "12.0")]);
    assert_eq!(diagnosis(&third), DiagnosisOutcome::NotMet);
    assert_eq!(result(&third), Outcome::NotEligible);
    // 未実施 value: not shown (the test is not counted either way).
    let nd = f(&[("gh_test2_peak", "not_done")]);
    assert_eq!(diagnosis(&nd), DiagnosisOutcome::NotMet);
}

// 「主症候が１（１）①を満たし、かつ１（２）の２種以上の分泌刺激試験…」
#[test]
fn growth_failure_alone_needs_two_kinds_of_test() {
    let one = with(
        &eligible(),
        &[("gh_test2_kind", "0"), ("gh_test2_peak", "")],
    );
    assert_eq!(diagnosis(&one), DiagnosisOutcome::NotMet);
    assert_eq!(result(&one), Outcome::NotEligible);
    // The same kind twice is one kind.
    let same = with(&eligible(), &[("gh_test2_kind", "2")]);
    assert_eq!(diagnosis(&same), DiagnosisOutcome::NotMet);
    // A blank second peak keeps the result open, naming it (and it is required).
    let e = ev(&with(&eligible(), &[("gh_test2_peak", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["gh_test2_peak".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "gh_test2_peak".into())));
}

// 「主症候が１（１）の②若しくは１（１）の①と③を満たし、かつ１（２）の１種類の分泌刺激試験…」
//   ②「乳幼児で…成長ホルモン分泌不全が原因と考えられる症候性低血糖がある場合」 ③「…他の下垂体ホルモン分泌不全が
//   あるとき」
#[test]
fn one_test_suffices_with_hypoglycemia_or_other_pituitary_deficiency() {
    let one = with(
        &eligible(),
        &[("gh_test2_kind", "0"), ("gh_test2_peak", "")],
    );
    let f = |pairs: &[(&str, &str)]| with(&one, pairs);
    assert_eq!(
        diagnosis(&f(&[("gh_other_pituitary_deficiency", "1")])),
        DiagnosisOutcome::Definite
    );
    // ③ needs ① too.
    assert_eq!(
        diagnosis(&f(&[
            ("gh_other_pituitary_deficiency", "1"),
            ("height_sd", "-1.0")
        ])),
        DiagnosisOutcome::NotMet
    );
    // ② alone (no short stature needed).
    assert_eq!(
        diagnosis(&f(&[
            ("gh_symptomatic_hypoglycemia", "1"),
            ("height_sd", "-1.0")
        ])),
        DiagnosisOutcome::Definite
    );
}

// 告示第5表 46「（脳の器質的原因によるものを除く。）」
#[test]
fn organic_cause_belongs_to_number_45() {
    let e = ev(&with(&eligible(), &[("gh_intracranial_organic", "1")]));
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&(
        "gh_organic_in_non_organic_form".into(),
        "gh_intracranial_organic".into()
    )));
    // 不明: "none" is not shown either.
    let d = diagnosis(&with(&eligible(), &[("gh_intracranial_organic", "3")]));
    assert_eq!(d, DiagnosisOutcome::NotMet);
}

// 「治療で補充療法、機能抑制療法その他の薬物療法を行っている場合」; since 2024-04 GH is covered when given
// 「医療用医薬品である成長ホルモンの添付文書に定める範囲で投与が行われる場合」.
#[test]
fn drug_therapy_condition_level() {
    let f = |pairs: &[(&str, &str)]| with(&eligible(), pairs);
    assert_eq!(
        result(&f(&[("gh_therapy", "2"), ("gh_gh_within_label", "")])),
        Outcome::Eligible
    );
    assert_eq!(
        result(&f(&[("gh_therapy", "3"), ("gh_gh_within_label", "")])),
        Outcome::Eligible
    );
    let d = ev(&f(&[("gh_gh_within_label", "2")])).determination;
    assert_eq!(d.severity, SeverityOutcome::NotMet);
    assert_eq!(d.result, Outcome::NotEligible);
    let d = ev(&f(&[("gh_therapy", "4"), ("gh_gh_within_label", "")])).determination;
    assert_eq!(d.result, Outcome::NotEligible);
    let e = ev(&f(&[("gh_gh_within_label", "")]));
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert_eq!(
        e.determination.undetermined_items,
        vec!["gh_gh_within_label".to_string()]
    );
    assert!(codes(&e).contains(&("required".into(), "gh_gh_within_label".into())));
    // The old GH 開始基準 (−2.5 SD, IGF-1 < 200) no longer applies: −2.1 SD and IGF-1 350 are 該当.
    let d = ev(&f(&[("height_sd", "-2.1"), ("gh_igf1", "350")])).determination;
    assert_eq!(d.result, Outcome::Eligible);
}

#[test]
fn checks() {
    let e = ev(&with(&eligible(), &[("gh_therapy", "1,4")]));
    assert!(codes(&e).contains(&("gh_no_drug_with_drug".into(), "gh_therapy".into())));
    let e = ev(&with(
        &eligible(),
        &[
            ("gh_test1_kind", "0"),
            ("gh_test1_peak", ""),
            ("gh_test3_kind", "2"),
            ("gh_test3_peak", "4.2"),
        ],
    ));
    assert!(codes(&e).contains(&("gh_test_not_done_first".into(), "gh_test1_kind".into())));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
}

// 小慢の対象は18歳未満（新規）; 18歳到達時に受給者であれば継続で20歳未満まで.
#[test]
fn age_limits_new_and_continuation() {
    let at = |birth: &str| {
        with(
            &eligible(),
            &[
                ("birth_date", birth),
                ("schooling", "6"),
                ("height_cm", "150.0"),
                ("weight_kg", "42.0"),
            ],
        )
    };
    assert_eq!(result(&at("2007-06-21")), Outcome::Eligible);
    let e = ev(&at("2007-06-20"));
    assert_eq!(e.determination.result, Outcome::NotEligible);
    assert!(codes(&e).contains(&("age_limit".into(), "birth_date".into())));
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    assert_eq!(
        cont(&at("2005-06-21")).determination.result,
        Outcome::Eligible
    );
    assert_eq!(
        cont(&at("2005-06-20")).determination.result,
        Outcome::NotEligible
    );
}

// 継続: the diagnosis items may be blank; the current therapy decides.
#[test]
fn continuation_needs_only_the_current_therapy() {
    let mut pairs = vec![("diagnosis_date", ""), ("height_sd", "")];
    for id in [
        "gh_growth_velocity_low_2y",
        "gh_symptomatic_hypoglycemia",
        "gh_intracranial_organic",
        "gh_other_pituitary_deficiency",
        "gh_test1_kind",
        "gh_test1_peak",
        "gh_test2_kind",
        "gh_test2_peak",
        "gh_test3_kind",
    ] {
        pairs.push((id, ""));
    }
    let f = with(&eligible(), &pairs);
    let cont = |f: &FormData| evaluate(&def(ID), f, ApplicationKind::Continuation, today());
    let e = cont(&f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let f = with(&f, &[("gh_therapy", "4"), ("gh_gh_within_label", "")]);
    assert_eq!(cont(&f).determination.result, Outcome::NotEligible);
}
