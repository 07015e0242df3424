//! 指定難病 97 潰瘍性大腸炎 (nanbyo-097-2403): every boundary of every criterion.
//! Each test cites the sentence of the MHLW 概要・診断基準等 (2020-03) it tests.

use crate::common::*;
use nsdb_forms::{CalcValue, DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-097-2403";

/// Definite UC (a + b① + c, exclusions done), all six items at the 軽症 side.
fn definite_mild() -> FormData {
    with(
        &nanbyo_common(),
        &[
            ("uc_bloody_stool", "1"),
            ("uc_endoscopy", "1"),
            ("uc_barium_enema", "3"),
            ("uc_biopsy", "1"),
            ("uc_surgery_autopsy", "3"),
            ("uc_exclusion", "1"),
            ("uc_stool_frequency", "4"),
            ("uc_visible_blood", "1"),
            ("uc_body_temperature", "37.4"),
            ("uc_pulse", "89"),
            ("uc_hemoglobin", "10.1"),
            ("uc_esr", "12"),
            ("uc_esr_normal", "1"),
        ],
    )
}

fn class(e: &nsdb_forms::Evaluation) -> CalcValue {
    e.calculations["uc_class"].clone()
}

fn txt(s: &str) -> CalcValue {
    CalcValue::Text(s.into())
}

#[test]
fn complete_mild_form_has_no_findings_and_is_mild() {
    let e = eval_new(ID, &definite_mild());
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(class(&e), txt("1"));
}

// 「潰瘍性大腸炎の臨床的重症度を用いて中等症以上を対象とする。」
// 「軽症：上記の６項目を全て満たすもの」 → 軽症 is not eligible.
#[test]
fn mild_is_not_eligible() {
    let det = eval_new(ID, &definite_mild()).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.severity, SeverityOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
}

// Each 軽症 condition, crossed at its boundary, makes the case 中等症 (eligible).
// ①「４回以下」 ②「（+）～（-）」 ③「37.5℃以上の発熱がない」 ④「90/分以上の頻脈なし」
// ⑤「Hb10g/dL以下の貧血なし」 ⑥「正常」
#[test]
fn crossing_any_mild_boundary_makes_moderate() {
    let cases: [(&str, &str); 7] = [
        ("uc_stool_frequency", "5"),
        ("uc_visible_blood", "2"),
        ("uc_body_temperature", "37.5"),
        ("uc_pulse", "90"),
        ("uc_hemoglobin", "10.0"),
        ("uc_esr", "30"),
        ("uc_esr_normal", "2"),
    ];
    for (item, value) in cases {
        let mut f = with(&definite_mild(), &[(item, value)]);
        if item == "uc_esr" {
            f.remove("uc_esr_normal");
        }
        let e = eval_new(ID, &f);
        assert_eq!(
            e.determination.severity,
            SeverityOutcome::Met,
            "{item}={value}"
        );
        assert_eq!(e.determination.result, Outcome::Eligible, "{item}={value}");
        assert_eq!(class(&e), txt("2"), "{item}={value}");
    }
}

// 「重症：①及び②の他に、全身症状である③又は④のいずれかを満たし、かつ６項目のうち４項目を満たすもの」
#[test]
fn severe_needs_1_2_and_3_or_4_and_four_of_six() {
    let severe = with(
        &definite_mild(),
        &[
            ("uc_stool_frequency", "6"),
            ("uc_visible_blood", "3"),
            ("uc_body_temperature", "37.5"),
            ("uc_pulse", "90"),
            ("uc_bloody_diarrhea_15", "2"),
            ("uc_persistent_fever_385", "2"),
            ("uc_wbc", "8000"),
            ("uc_severe_abdominal_pain", "2"),
        ],
    );
    let e = eval_new(ID, &severe);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert_eq!(class(&e), txt("3"));
    // 重症 with the 劇症 items blank: they are asked for, and the class stays open (3 or 4).
    let open = with(
        &severe,
        &[
            ("uc_wbc", ""),
            ("uc_severe_abdominal_pain", ""),
            ("uc_bloody_diarrhea_15", ""),
            ("uc_persistent_fever_385", ""),
        ],
    );
    let e = eval_new(ID, &open);
    assert!(codes(&e).contains(&("required".into(), "uc_wbc".into())));
    assert_eq!(class(&e), CalcValue::Unknown);
    assert_eq!(e.determination.result, Outcome::Eligible);
    assert_eq!(e.determination.result, Outcome::Eligible);
    // One 劇症 condition answered "no" already decides 重症 (not 劇症), blanks or not.
    let decided = with(&open, &[("uc_bloody_diarrhea_15", "2")]);
    assert_eq!(class(&eval_new(ID, &decided)), txt("3"));
    // Only three of six (①②③): 中等症.
    let three = with(&severe, &[("uc_pulse", "89")]);
    assert_eq!(class(&eval_new(ID, &three)), txt("2"));
    // ①②⑤⑥ are four but neither ③ nor ④: 中等症.
    let no_systemic = with(
        &severe,
        &[
            ("uc_pulse", "89"),
            ("uc_body_temperature", "37.4"),
            ("uc_hemoglobin", "10.0"),
            ("uc_esr", "30"),
        ],
    );
    assert_eq!(class(&eval_new(ID, &no_systemic)), txt("2"));
    // ② (++) instead of (+++): not 重症.
    let two_plus = with(&severe, &[("uc_visible_blood", "2")]);
    assert_eq!(class(&eval_new(ID, &two_plus)), txt("2"));
    // ① 5回: not 重症.
    let five = with(&severe, &[("uc_stool_frequency", "5")]);
    assert_eq!(class(&eval_new(ID, &five)), txt("2"));
}

// 「劇症の診断基準は (１)重症基準を満たしている。(２)15回/日以上の血性下痢 (３)38.5℃以上の持続する高熱 (４)10,000/mm3以上の白血球増多 (５)強い腹痛」
#[test]
fn fulminant_needs_all_five() {
    let f = with(
        &definite_mild(),
        &[
            ("uc_stool_frequency", "16"),
            ("uc_visible_blood", "3"),
            ("uc_body_temperature", "38.6"),
            ("uc_pulse", "110"),
            ("uc_esr_normal", ""),
            ("uc_bloody_diarrhea_15", "1"),
            ("uc_persistent_fever_385", "1"),
            ("uc_wbc", "10000"),
            ("uc_severe_abdominal_pain", "1"),
        ],
    );
    assert_eq!(class(&eval_new(ID, &f)), txt("4"));
    assert_eq!(
        class(&eval_new(ID, &with(&f, &[("uc_wbc", "9999")]))),
        txt("3")
    );
    assert_eq!(
        class(&eval_new(
            ID,
            &with(&f, &[("uc_severe_abdominal_pain", "2")])
        )),
        txt("3")
    );
}

// Blank 軽症 items keep 軽症 open only while every entered item is on the 軽症 side.
#[test]
fn blank_items_undetermined_only_when_they_matter() {
    let f = with(&definite_mild(), &[("uc_hemoglobin", "")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Undetermined);
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["uc_hemoglobin".to_string()]);
    // 6 stools/day already rules out 軽症: the blank Hb does not matter.
    let f = with(&f, &[("uc_stool_frequency", "6")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::Eligible);
}

// A recorded 未実施 is an answer: 「貧血なし」 is not shown, so not 軽症 — with a warning.
#[test]
fn hemoglobin_not_done_is_an_answer_with_a_warning() {
    let f = with(&definite_mild(), &[("uc_hemoglobin", "not_done")]);
    let e = eval_new(ID, &f);
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert!(e.determination.undetermined_items.is_empty());
    assert!(codes(&e).contains(&("uc_mild_lab_not_done".into(), "uc_hemoglobin".into())));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
}

// 「次のa）の他、b）のうちの１項目及びc）を満たし、下記の疾患が除外できれば、Definiteとなる。」
#[test]
fn diagnosis_a_b_c_and_exclusion() {
    let moderate = with(&definite_mild(), &[("uc_stool_frequency", "5")]);
    // b② instead of b①
    let f = with(
        &moderate,
        &[("uc_endoscopy", "2"), ("uc_barium_enema", "1")],
    );
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    // neither b① nor b②
    let f = with(
        &moderate,
        &[("uc_endoscopy", "2"), ("uc_barium_enema", "3")],
    );
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert_eq!(det.result, Outcome::NotEligible);
    // c) missing
    let f = with(&moderate, &[("uc_biopsy", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // a) 不明
    let f = with(&moderate, &[("uc_bloody_stool", "3")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
    // exclusions not done
    let f = with(&moderate, &[("uc_exclusion", "2")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
    assert!(
        det.reasons
            .iter()
            .any(|r| r.contains("除外すべき疾患が除外できる")),
        "{:?}",
        det.reasons
    );
}

// 「〈注２〉 所見が軽度で診断が確実でないものは「Possible （疑診）」として取り扱い、後日再燃時などに
// 明確な所見が得られた時に本症と「Definite」する。」 / 「「Definite」を対象とする。」
#[test]
fn possible_is_reported_but_not_eligible() {
    let moderate = with(&definite_mild(), &[("uc_stool_frequency", "5")]);
    let uncertain = with(
        &moderate,
        &[("uc_biopsy", "2"), ("uc_possible_uncertain", "1")],
    );
    let det = eval_new(ID, &uncertain).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Possible);
    assert_eq!(det.severity, SeverityOutcome::Met);
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(
        det.reasons
            .iter()
            .any(|r| r == "診断: Possibleですが、この疾病の医療費助成の対象は Definite のみです。"),
        "{:?}",
        det.reasons
    );
    // Answered なし or left blank: not 疑診, so not met as before.
    for answer in ["2", ""] {
        let f = with(&uncertain, &[("uc_possible_uncertain", answer)]);
        let det = eval_new(ID, &f).determination;
        assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet, "{answer:?}");
        assert_eq!(det.result, Outcome::NotEligible, "{answer:?}");
    }
    // Once the findings are clear the case is Definite, whatever the 疑診 answer.
    let f = with(&moderate, &[("uc_possible_uncertain", "1")]);
    let det = eval_new(ID, &f).determination;
    assert_eq!(det.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(det.result, Outcome::Eligible);
}

// 「b）c）の検査が不十分あるいは施行できなくとも、切除手術または剖検により、肉眼的及び組織学的に本症に特徴的な所見を認める場合は、下記の疾患が除外できれば、Definiteとする。」
#[test]
fn surgery_or_autopsy_replaces_b_and_c() {
    let moderate = with(&definite_mild(), &[("uc_stool_frequency", "5")]);
    let f = with(
        &moderate,
        &[
            ("uc_endoscopy", "3"),
            ("uc_biopsy", "3"),
            ("uc_surgery_autopsy", "1"),
        ],
    );
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::Definite
    );
    let f = with(&f, &[("uc_exclusion", "2")]);
    assert_eq!(
        eval_new(ID, &f).determination.diagnosis,
        DiagnosisOutcome::NotMet
    );
}

#[test]
fn typed_checks_range_precision_and_lab_values() {
    let f = with(
        &definite_mild(),
        &[
            ("uc_body_temperature", "36.55"),
            ("uc_pulse", "300"),
            ("uc_hemoglobin", "abc"),
        ],
    );
    let e = eval_new(ID, &f);
    let c = codes(&e);
    assert!(c.contains(&("precision".into(), "uc_body_temperature".into())));
    assert!(c.contains(&("range".into(), "uc_pulse".into())));
    assert!(c.contains(&("type".into(), "uc_hemoglobin".into())));
    let msg = &e
        .findings
        .iter()
        .find(|f| f.code == "range")
        .unwrap()
        .message;
    assert!(
        msg.contains("④ 脈拍") && msg.contains("20〜250/分"),
        "{msg}"
    );
}

#[test]
fn esr_normal_contradiction_is_an_error() {
    let f = with(&definite_mild(), &[("uc_esr", "45")]);
    assert!(codes(&eval_new(ID, &f))
        .contains(&("uc_esr_normal_but_high".into(), "uc_esr_normal".into())));
}

#[test]
fn entered_class_that_contradicts_the_items_is_warned() {
    let f = with(&definite_mild(), &[("uc_severity_class", "3")]);
    let e = eval_new(ID, &f);
    let w = e
        .findings
        .iter()
        .find(|f| f.code == "calc_mismatch")
        .unwrap();
    assert!(
        w.message.contains("重症") && w.message.contains("軽症"),
        "{}",
        w.message
    );
}
