//! 指定難病 77 下垂体性成長ホルモン分泌亢進症 (nanbyo-077-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-077-2403";
const SEVERITY: [&str; 3] = ["acro_gh", "acro_igf1", "acro_clinical"];

/// Definite (one sign; GH nadir 1.00, IGF-1 +2.0 SD, adenoma) with GH 中等症.
fn definite_moderate() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("acro_sx_acral", "1"),
            ("acro_sx_face", "2"),
            ("acro_sx_macroglossia", "3"),
            ("acro_ogtt_gh_nadir", "1.00"),
            ("acro_igf1_sds", "2.0"),
            ("acro_adenoma", "1"),
            ("acro_reference", "1,2"),
            ("acro_gh", "2"),
            ("acro_igf1", "1"),
            ("acro_clinical", "1"),
        ],
    )
}

#[test]
fn complete_form_has_no_findings_and_is_eligible() {
    let e = eval_new(ID, &definite_moderate());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    let det = &e.determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-077-2403/2020-03.2");
}

// 「Definite：１（１）①から③の１項目以上を満たし」: each sign alone suffices.
#[test]
fn one_of_three_signs_suffices() {
    let none = with(
        &definite_moderate(),
        &[
            ("acro_sx_acral", "2"),
            ("acro_sx_face", "2"),
            ("acro_sx_macroglossia", "2"),
        ],
    );
    // No sign: only 「可能性を考慮」 (IGF-1 高値 + 腺腫) remains → Possible, not eligible.
    let det = eval_new(ID, &none).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
    for item in ["acro_sx_acral", "acro_sx_face", "acro_sx_macroglossia"] {
        let f = with(&none, &[(item, "1")]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite, "{item}");
    }
}

// 「①…血清GH値がブドウ糖75g経口投与で正常域まで抑制されない。」「（注２）正常域とは血中GH底値１ng/mL…未満である。」
// 1.00 is not suppressed (met); 0.99 is suppressed: 「可能性を考慮：ブドウ糖負荷でGHが正常域に抑制されたり…IGF-1が高値で、１（２）③を満たすもの」 → Possible.
#[test]
fn gh_nadir_boundary() {
    assert_eq!(
        diagnosis(ID, &definite_moderate()),
        DiagnosisOutcome::Definite
    );
    let f = with(&definite_moderate(), &[("acro_ogtt_gh_nadir", "0.99")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.result, Outcome::NotEligible);
    let f = with(&definite_moderate(), &[("acro_ogtt_gh_nadir", "not_done")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Possible);
}

// 「②血清IGF-1（ソマトメジンC）の高値（年齢・性別基準値の２SD以上）。」: +2.0 met, +1.9 not (neither Definite nor Possible).
#[test]
fn igf1_boundary() {
    let f = with(&definite_moderate(), &[("acro_igf1_sds", "1.9")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// 「③CT又はMRIで下垂体腺腫の所見を認める。」: なし or 未実施 → not met (nor Possible).
#[test]
fn adenoma_is_needed() {
    for code in ["2", "3"] {
        let f = with(&definite_moderate(), &[("acro_adenoma", code)]);
        assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet, "{code}");
    }
}

// A blank GH nadir keeps Definite/Possible open: 判定不能 naming it.
#[test]
fn blank_gh_nadir_is_undetermined() {
    let f = with(&definite_moderate(), &[("acro_ogtt_gh_nadir", "")]);
    assert_undetermined_naming(ID, &f, &["acro_ogtt_gh_nadir"]);
    // With IGF-1 below 2SD, the diagnosis is not met whatever the GH is.
    let f = with(&f, &[("acro_igf1_sds", "1.0")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// Reference findings are not required.
#[test]
fn reference_findings_are_not_required() {
    let f = with(&definite_moderate(), &[("acro_reference", "")]);
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.result, Outcome::Eligible);
}

// 「以下に示す項目のうち最も重症度の高い項目を疾患の重症度とし、中等症以上を対象とする。」
// 軽症: GH １ng/mL未満, IGF-1 SDスコア +2.5未満, 治療中の合併症; 中等症: GH 1～2.5未満, +2.5以上, 臨床的活動性; 重症: GH 2.5以上, 臨床的活動性及び合併症の進行.
#[test]
fn the_most_severe_item_decides() {
    let all_mild = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "1")]));
    assert_eq!(
        eval_new(ID, &all_mild).determination.result,
        Outcome::NotEligible
    );
    for i in SEVERITY {
        let e = eval_new(ID, &with(&all_mild, &[(i, "2")]));
        assert!(errors(&e).is_empty(), "{:?}", errors(&e));
        assert_eq!(e.determination.result, Outcome::Eligible, "{i}");
    }
    for i in ["acro_gh", "acro_clinical"] {
        assert_eq!(
            severity(ID, &with(&all_mild, &[(i, "3")])),
            SeverityOutcome::Met,
            "{i}"
        );
    }
    let not_done = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "0")]));
    assert_eq!(severity(ID, &not_done), SeverityOutcome::NotMet);
    assert_undetermined_naming(ID, &with(&all_mild, &[("acro_gh", "")]), &["acro_gh"]);
}

// 「３．なお、症状の程度が上記の重症度分類等で一定以上に該当しない者であるが、高額な医療を継続することが必要なものについては、医療費助成の対象とする。」
#[test]
fn light_high_cost_rescues_severity_not_a_possible_diagnosis() {
    let mut f = SEVERITY
        .iter()
        .fold(definite_moderate(), |f, i| with(&f, &[(i, "1")]));
    f.set(
        "high_cost_months",
        high_cost_rows(&[
            ("2025-01", 40_000),
            ("2025-03", 33_331),
            ("2025-05", 50_000),
        ]),
    );
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::Eligible);
    let f = with(&f, &[("acro_ogtt_gh_nadir", "0.5")]);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// Renewal: blank diagnosis items do not block the result.
#[test]
fn renewal_without_diagnosis_items_uses_severity() {
    let mut f = definite_moderate();
    for item in [
        "acro_sx_acral",
        "acro_sx_face",
        "acro_sx_macroglossia",
        "acro_ogtt_gh_nadir",
        "acro_igf1_sds",
        "acro_adenoma",
    ] {
        f = with(&f, &[(item, "")]);
    }
    let e = nsdb_forms::evaluate(&def(ID), &f, ApplicationKind::Renewal, today());
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.result, Outcome::Undetermined);
    assert!(codes(&e).contains(&("required".into(), "acro_adenoma".into())));
}

#[test]
fn checks_produce_findings() {
    let f = with(&definite_moderate(), &[("acro_reference", "3,10")]);
    assert!(codes(&eval_new(ID, &f)).contains(&(
        "acro_reference_none_with_others".into(),
        "acro_reference".into()
    )));
    let f = with(&definite_moderate(), &[("acro_reference", "4")]);
    assert!(
        codes(&eval_new(ID, &f)).contains(&("acro_menstrual_male".into(), "acro_reference".into()))
    );
    let f = with(&definite_moderate(), &[("acro_ogtt_gh_nadir", "1.005")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("precision".into(), "acro_ogtt_gh_nadir".into())));
    let f = with(&definite_moderate(), &[("acro_igf1_sds", "40")]);
    assert!(codes(&eval_new(ID, &f)).contains(&("range".into(), "acro_igf1_sds".into())));
}
