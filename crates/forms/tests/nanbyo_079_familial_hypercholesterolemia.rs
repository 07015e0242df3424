//! 指定難病 79 家族性高コレステロール血症（ホモ接合体） (nanbyo-079-2403):
//! every category and boundary of the 診断基準. Each test cites the sentence
//! of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{ApplicationKind, DiagnosisOutcome, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-079-2403";

/// No finding at all: every diagnostic item answered "not shown".
fn nothing() -> nsdb_forms::FormData {
    with(
        &nanbyo_common(),
        &[
            ("fh_genetic_test", "3"),
            ("fh_ldlr_activity", "not_done"),
            ("fh_total_cholesterol", "280"),
            ("fh_ldl_cholesterol", "200"),
            ("fh_childhood_xanthoma", "2"),
            ("fh_other_severe_signs", "2"),
            ("fh_drug_resistant", "2"),
            ("fh_differential_excluded", "1"),
        ],
    )
}

/// Definite by 遺伝子解析.
fn definite() -> nsdb_forms::FormData {
    with(
        &nothing(),
        &[
            ("fh_genetic_test", "1"),
            ("fh_total_cholesterol", "720"),
            ("fh_ldl_cholesterol", "640"),
            ("fh_childhood_xanthoma", "1"),
            ("fh_drug_resistant", "1"),
        ],
    )
}

/// Probable: 総コレステロール 450 mg/dL, 薬剤治療抵抗性, 鑑別済み (no genetic test).
fn probable() -> nsdb_forms::FormData {
    with(
        &nothing(),
        &[("fh_total_cholesterol", "450"), ("fh_drug_resistant", "1")],
    )
}

#[test]
fn complete_form_has_no_findings() {
    for f in [definite(), probable(), nothing()] {
        let e = eval_new(ID, &f);
        assert!(e.findings.is_empty(), "{:#?}", e.findings);
    }
}

// 「Definite：LDL代謝経路に関わる遺伝子の遺伝子解析…によってFHホモ接合体であると診断されるもの。」
// 「診断基準自体を重症度分類等とし、診断基準を満たすものを全て対象とする。」
#[test]
fn genetic_diagnosis_is_definite_and_eligible() {
    let det = eval_new(ID, &definite()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_version, "nanbyo-079-2403/2020-03.2");
}

// 「Definite：…遺伝子解析によって…」 A test that did not reach the diagnosis does not make Definite.
#[test]
fn genetic_test_not_diagnostic_is_not_definite() {
    let f = with(&definite(), &[("fh_genetic_test", "2")]);
    // Still Probable through the clinical signs (LDL 640, xanthoma, drug resistance).
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    let f = with(&nothing(), &[("fh_genetic_test", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「リンパ球や線維芽細胞のLDL受容体活性はホモ接合体で健常人の20％以下に著明低下を示し」
// 「Definite：…あるいはLDL受容体活性測定によってFHホモ接合体であると診断されるもの。」
#[test]
fn ldl_receptor_activity_20_percent_is_definite_and_20_1_is_not() {
    let at = with(&nothing(), &[("fh_ldlr_activity", "20")]);
    let e = eval_new(ID, &at);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let above = with(&nothing(), &[("fh_ldlr_activity", "20.1")]);
    assert_eq!(diagnosis(ID, &above), DiagnosisOutcome::NotMet);
    assert_eq!(
        eval_new(ID, &above).determination.result,
        Outcome::NotEligible
    );
}

// 「Probable：空腹時定常状態の総コレステロール値が450 mg/dL…以上…薬剤治療に抵抗するもの。」
#[test]
fn total_cholesterol_450_is_probable_and_449_is_not() {
    let det = eval_new(ID, &probable()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Probable);
    assert_eq!(det.result, Outcome::Eligible);
    let f = with(&probable(), &[("fh_total_cholesterol", "449")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    assert_eq!(eval_new(ID, &f).determination.result, Outcome::NotEligible);
}

// 「…450 mg/dL（LDL コレステロール値が370mg/dL） 以上」: LDL 370 suffices, 369 does not.
#[test]
fn ldl_cholesterol_370_is_probable_and_369_is_not() {
    let base = with(&nothing(), &[("fh_drug_resistant", "1")]);
    let f = with(
        &base,
        &[
            ("fh_total_cholesterol", "440"),
            ("fh_ldl_cholesterol", "370"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    let f = with(
        &base,
        &[
            ("fh_total_cholesterol", "440"),
            ("fh_ldl_cholesterol", "369"),
        ],
    );
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「あるいは小児期より皮膚黄色腫が存在するなど重度の高コレステロール血症の徴候が存在し」
#[test]
fn childhood_xanthoma_or_other_severe_sign_is_probable_with_normalish_lipids() {
    let base = with(&nothing(), &[("fh_drug_resistant", "1")]);
    assert_eq!(diagnosis(ID, &base), DiagnosisOutcome::NotMet);
    let f = with(&base, &[("fh_childhood_xanthoma", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    let f = with(&base, &[("fh_other_severe_signs", "1")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Probable);
    // 不明 shows nothing.
    let f = with(&base, &[("fh_childhood_xanthoma", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「…薬剤治療に抵抗するもの。」 Not resistant (or 不明) is not Probable.
#[test]
fn probable_needs_drug_resistance() {
    let f = with(&probable(), &[("fh_drug_resistant", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&probable(), &[("fh_drug_resistant", "3")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
}

// 「３．鑑別診断 シトステロール血症、脳腱黄色腫など…甲状腺機能低下症やネフローゼ症候群など…との鑑別診断が問題となる。」
// (review_needed (4)) Probable needs the differential diagnosis; Definite does not.
#[test]
fn probable_needs_the_differential_diagnosis_definite_does_not() {
    let f = with(&probable(), &[("fh_differential_excluded", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::NotMet);
    let f = with(&definite(), &[("fh_differential_excluded", "2")]);
    assert_eq!(diagnosis(ID, &f), DiagnosisOutcome::Definite);
}

// Blank items that could make it Definite keep the result open, naming them.
#[test]
fn blank_receptor_activity_is_undetermined_naming_it() {
    let f = with(&nothing(), &[("fh_ldlr_activity", "")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::Undetermined);
    assert_undetermined_naming(ID, &f, &["fh_ldlr_activity"]);
    assert!(codes(&e).contains(&("required".into(), "fh_ldlr_activity".into())));
}

// A blank that cannot change the outcome does not matter: Definite by genetics, lipids blank.
#[test]
fn blank_lipids_do_not_matter_once_definite() {
    let f = with(
        &definite(),
        &[("fh_total_cholesterol", ""), ("fh_ldl_cholesterol", "")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
}

// Probable open only on the blank 薬剤治療抵抗性.
#[test]
fn blank_drug_resistance_keeps_probable_open() {
    let f = with(&probable(), &[("fh_drug_resistant", "")]);
    assert_undetermined_naming(ID, &f, &["fh_drug_resistant"]);
}

// 未実施 lipid values are answers: they show nothing.
#[test]
fn lipids_not_done_show_nothing() {
    let f = with(
        &probable(),
        &[
            ("fh_total_cholesterol", "not_done"),
            ("fh_ldl_cholesterol", "not_done"),
        ],
    );
    let e = eval_new(ID, &f);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(e.determination.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

#[test]
fn out_of_range_values_are_errors() {
    let f = with(
        &definite(),
        &[
            ("fh_ldlr_activity", "250"),
            ("fh_total_cholesterol", "2500"),
        ],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("range".into(), "fh_ldlr_activity".into())));
    assert!(c.contains(&("range".into(), "fh_total_cholesterol".into())));
}

// Check: LDLコレステロール cannot exceed 総コレステロール.
#[test]
fn ldl_above_total_cholesterol_is_a_warning() {
    let f = with(
        &definite(),
        &[
            ("fh_total_cholesterol", "600"),
            ("fh_ldl_cholesterol", "601"),
        ],
    );
    let c = codes(&eval_new(ID, &f));
    assert!(c.contains(&("fh_ldl_above_total".into(), "fh_ldl_cholesterol".into())));
    let f = with(
        &definite(),
        &[
            ("fh_total_cholesterol", "600"),
            ("fh_ldl_cholesterol", "600"),
        ],
    );
    assert!(eval_new(ID, &f).findings.is_empty());
}

// 更新: the diagnosis items are not required; the result is 該当 (severity = the diagnosis).
#[test]
fn renewal_without_diagnosis_items_is_eligible() {
    let e = nsdb_forms::evaluate(
        &def(ID),
        &nanbyo_common(),
        ApplicationKind::Renewal,
        today(),
    );
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.result, Outcome::Eligible);
}
