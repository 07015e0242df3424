//! `shown_when` (issue 9, definition model): an item or section that does not apply to a
//! form is neither asked nor checked, and its answer is set aside; unknown shows it.

use crate::common::*;
use nsdb_forms::{FindingSeverity, FormData};

/// A declared-diagnosis form (自己貪食空胞性ミオパチー) with every common item answered.
const PD: &str = "nanbyo-032-2403";

fn codes_for<'a>(e: &'a nsdb_forms::Evaluation, item: &str) -> Vec<(&'a str, FindingSeverity)> {
    e.findings
        .iter()
        .filter(|f| f.item == item)
        .map(|f| (f.code.as_str(), f.severity))
        .collect()
}

fn pd(extra: &[(&str, &str)]) -> FormData {
    with(&with(&declared("1"), &[("nyha_class", "2")]), extra)
}

// 人工呼吸器「なし」: the details do not apply. A value given anyway (even a malformed one)
// is set aside with a warning, not an error.
#[test]
fn ventilator_details_do_not_apply_without_a_ventilator() {
    let e = eval_new(
        PD,
        &pd(&[("ventilator_use", "2"), ("ventilator_start_ym", "2020-13")]),
    );
    assert!(
        e.hidden_items.contains(&"ventilator_start_ym".to_owned()),
        "{:?}",
        e.hidden_items
    );
    assert!(e.hidden_items.contains(&"ventilator_kind".to_owned()));
    assert_eq!(
        codes_for(&e, "ventilator_start_ym"),
        vec![("not_applicable", FindingSeverity::Warning)]
    );
    assert!(
        codes_for(&e, "ventilator_kind").is_empty(),
        "hidden items are not required"
    );
}

// 人工呼吸器「あり」: the details apply and are required (required_when).
#[test]
fn ventilator_details_apply_and_are_required_with_a_ventilator() {
    let e = eval_new(PD, &pd(&[("ventilator_use", "1")]));
    assert!(
        !e.hidden_items.iter().any(|i| i.starts_with("ventilator")),
        "{:?}",
        e.hidden_items
    );
    assert_eq!(
        codes_for(&e, "ventilator_kind"),
        vec![("required", FindingSeverity::Error)]
    );
}

// Unanswered 人工呼吸器の使用: the details are shown (unknown shows), not yet required.
#[test]
fn an_unknown_condition_shows_the_item() {
    let e = eval_new(PD, &pd(&[("ventilator_use", "")]));
    assert!(!e.hidden_items.contains(&"ventilator_kind".to_owned()));
    assert!(codes_for(&e, "ventilator_kind").is_empty());
}

// 要介護度 applies only to 要介護・要支援.
#[test]
fn care_level_applies_only_with_a_care_certification() {
    let none = eval_new(PD, &pd(&[("care_certification", "3"), ("care_level", "9")]));
    assert_eq!(
        codes_for(&none, "care_level"),
        vec![("not_applicable", FindingSeverity::Warning)],
        "the out-of-range value is not checked either"
    );
    let care = eval_new(PD, &pd(&[("care_certification", "1"), ("care_level", "9")]));
    assert!(codes_for(&care, "care_level")
        .iter()
        .any(|(c, s)| *c == "range" && *s == FindingSeverity::Error));
}

// The condition is read before any calculation: it may name entered items only, and not
// the item it governs.
#[test]
fn a_condition_on_a_calculation_or_on_itself_is_refused_at_load() {
    use nsdb_forms::{embedded_files, Catalog, SourceFile};
    let base = r#"id = "nanbyo-340-2403"
program = "nanbyo"
disease_number = 340
version = "2403"
valid_from = 2024-04-01
source = "test"

[[sections]]
id = "t_part"
label = "テスト"

[[sections.items]]
id = "t_a"
label = "A"
type = "integer"
min = 0
max = 10

[[sections.items]]
id = "t_b"
label = "B"
type = "integer"
min = 0
max = 10
shown_when = "CONDITION"

[[calculations]]
id = "t_twice"
label = "2A"
expr = "t_a * 2"

[determination]
rule_version = "t1"
eligible = ["definite"]
diagnosis = [{ category = "definite", expr = "true" }]
severity = "t_a >= 1"
"#;
    let load = |condition: &str| {
        let text = base.replace("CONDITION", condition);
        let mut files = embedded_files();
        files.push(SourceFile {
            path: "definitions/nanbyo/340-2403.toml",
            text: &text,
        });
        Catalog::from_files(&files).err().unwrap_or_default()
    };
    assert!(load("t_a >= 1").is_empty(), "{:?}", load("t_a >= 1"));
    let on_calc = load("t_twice >= 2");
    assert!(
        on_calc
            .iter()
            .any(|e| e.message.contains("shown_when") && e.line > 1),
        "{on_calc:?}"
    );
    let on_itself = load("t_b >= 1");
    assert!(
        on_itself.iter().any(|e| e.message.contains("not `t_b`")),
        "{on_itself:?}"
    );
}
