//! Criteria versions side by side: named rule sets chosen by the 記載年月日,
//! and a 経過措置 period in which meeting either set suffices (as MHLW allowed
//! for SLE and five other diseases during FY2024). A small test definition
//! stands in for a disease: the 2020 set needs `cv_old_sign` and a score of
//! 3 or more, the 2024 set `cv_new_sign` and a score of 5 or more.

use chrono::NaiveDate;
use nsdb_forms::{
    embedded_files, evaluate, ApplicationKind, Catalog, DiagnosisOutcome, FormData, LoadError,
    Outcome, SeverityOutcome, SourceFile,
};

const PATH: &str = "definitions/nanbyo/340-2403.toml";

const HEAD: &str = r#"id = "nanbyo-340-2403"
program = "nanbyo"
disease_number = 340
version = "2403"
valid_from = 2024-04-01
source = "test"

[[sections]]
id = "cv_part"
label = "テスト"

[[sections.items]]
id = "cv_old_sign"
label = "2020年基準の所見"
type = "yes_no"

[[sections.items]]
id = "cv_new_sign"
label = "2024年基準の所見"
type = "yes_no"

[[sections.items]]
id = "cv_score"
label = "スコア"
type = "integer"
min = 0
max = 10
"#;

const RULE_SETS: &str = r#"
[determination]
rule_version = "t-cv"

[[determination.rule_sets]]
name = "criteria_2020"
label = "2020年の診断基準"
valid_to = 2024-03-31
eligible = ["definite"]
diagnosis = [{ category = "definite", expr = "cv_old_sign" }]
severity = "cv_score >= 3"

[[determination.rule_sets]]
name = "criteria_2024"
label = "2024年4月改訂の診断基準"
valid_from = 2024-04-01
eligible = ["definite"]
diagnosis = [{ category = "definite", expr = "cv_new_sign" }]
severity = "cv_score >= 5"

[[determination.transitions]]
valid_from = 2024-04-01
valid_to = 2025-03-31
either = ["criteria_2024", "criteria_2020"]
"#;

fn load(text: &str) -> Result<Catalog, Vec<LoadError>> {
    let mut files = embedded_files();
    files.push(SourceFile { path: PATH, text });
    Catalog::from_files(&files)
}

fn load_errors(determination: &str) -> Vec<String> {
    match load(&format!("{HEAD}{determination}")) {
        Ok(_) => vec![],
        Err(errs) => errs.iter().map(|e| e.to_string()).collect(),
    }
}

fn has_error(errs: &[String], part: &str) -> bool {
    errs.iter().any(|e| e.contains(part))
}

struct Case {
    old_sign: &'static str,
    new_sign: &'static str,
    score: &'static str,
}

/// Evaluates a 新規 form with this 記載年月日 (blank answers stay blank).
fn judge(record_date: &str, case: Case) -> nsdb_forms::Determination {
    let catalog = load(&format!("{HEAD}{RULE_SETS}")).expect("test definition loads");
    let def = catalog.get("nanbyo-340-2403").unwrap();
    let mut f = FormData::new().with("record_date", record_date);
    for (id, v) in [
        ("cv_old_sign", case.old_sign),
        ("cv_new_sign", case.new_sign),
        ("cv_score", case.score),
    ] {
        if !v.is_empty() {
            f = f.with(id, v);
        }
    }
    let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    evaluate(&def, &f, ApplicationKind::New, today).determination
}

const OLD_ONLY: Case = Case {
    old_sign: "1",
    new_sign: "2",
    score: "3",
};
const NEW_ONLY: Case = Case {
    old_sign: "2",
    new_sign: "1",
    score: "5",
};

#[test]
fn before_the_transition_only_the_2020_set_judges() {
    let det = judge("2024-03-31", OLD_ONLY);
    assert_eq!(det.result, Outcome::Eligible);
    assert_eq!(det.rule_set.as_deref(), Some("criteria_2020"));
    assert_eq!(
        det.reasons[0],
        "診断基準: 記載年月日 2024-03-31 に適用される「2020年の診断基準」で判定しました。"
    );
    let det = judge("2024-03-31", NEW_ONLY);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_eq!(det.diagnosis, DiagnosisOutcome::NotMet);
}

#[test]
fn inside_the_transition_either_set_suffices() {
    for date in ["2024-04-01", "2025-03-31"] {
        let det = judge(date, OLD_ONLY);
        assert_eq!(det.result, Outcome::Eligible, "{date}");
        assert_eq!(det.rule_set.as_deref(), Some("criteria_2020"), "{date}");
        assert_eq!(
            det.reasons[0],
            format!("経過措置: 記載年月日 {date} は「2024年4月改訂の診断基準」・「2020年の診断基準」のいずれかを満たせば対象となる期間です。")
        );
        assert_eq!(det.reasons[1], "「2020年の診断基準」で該当します。");
        let det = judge(date, NEW_ONLY);
        assert_eq!(det.result, Outcome::Eligible, "{date}");
        assert_eq!(det.rule_set.as_deref(), Some("criteria_2024"), "{date}");
    }
}

#[test]
fn after_the_transition_only_the_2024_set_judges() {
    let det = judge("2025-04-01", OLD_ONLY);
    assert_eq!(det.result, Outcome::NotEligible);
    assert_eq!(det.rule_set.as_deref(), Some("criteria_2024"));
    assert_eq!(judge("2025-04-01", NEW_ONLY).result, Outcome::Eligible);
}

#[test]
fn neither_met_reports_each_set() {
    // 2020: diagnosis met but score 2 < 3; 2024: sign absent (and 2 < 5).
    let det = judge(
        "2024-10-01",
        Case {
            old_sign: "1",
            new_sign: "2",
            score: "2",
        },
    );
    assert_eq!(det.result, Outcome::NotEligible);
    assert!(det.undetermined_items.is_empty());
    assert!(
        det.reasons
            .iter()
            .any(|r| r.starts_with("［2020年の診断基準］重症度分類: 基準を満たしません")),
        "{:?}",
        det.reasons
    );
    assert!(
        det.reasons
            .iter()
            .any(|r| r.starts_with("［2024年4月改訂の診断基準］診断: 診断基準")),
        "{:?}",
        det.reasons
    );
    // The first listed set is reported when all agree.
    assert_eq!(det.rule_set.as_deref(), Some("criteria_2024"));
    assert_eq!(det.severity, SeverityOutcome::NotMet);
}

#[test]
fn unknown_propagates_only_from_sets_that_could_still_be_met() {
    // 2020 open on its sign (score 4 meets its severity); 2024 refuted by the score.
    let det = judge(
        "2024-10-01",
        Case {
            old_sign: "",
            new_sign: "",
            score: "4",
        },
    );
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(det.undetermined_items, vec!["cv_old_sign".to_string()]);
    assert_eq!(det.rule_set.as_deref(), Some("criteria_2020"));
    // A met set decides whatever the other's blanks.
    let det = judge(
        "2024-10-01",
        Case {
            old_sign: "",
            new_sign: "1",
            score: "5",
        },
    );
    assert_eq!(det.result, Outcome::Eligible);
    assert!(det.undetermined_items.is_empty());
    // Both refuted, blanks or not: 非該当.
    let det = judge(
        "2024-10-01",
        Case {
            old_sign: "",
            new_sign: "",
            score: "2",
        },
    );
    assert_eq!(det.result, Outcome::NotEligible);
    // Both open: both signs named, in the order the sets are listed.
    let det = judge(
        "2024-10-01",
        Case {
            old_sign: "",
            new_sign: "",
            score: "6",
        },
    );
    assert_eq!(det.result, Outcome::Undetermined);
    assert_eq!(
        det.undetermined_items,
        vec!["cv_new_sign".to_string(), "cv_old_sign".to_string()]
    );
}

#[test]
fn a_definition_with_rule_sets_loads_and_serializes_them() {
    let catalog = load(&format!("{HEAD}{RULE_SETS}")).unwrap();
    let def = catalog.get("nanbyo-340-2403").unwrap();
    let json = serde_json::to_value(&def.determination).unwrap();
    assert_eq!(json["rule_sets"][0]["name"], "criteria_2020");
    assert_eq!(json["rule_sets"][1]["valid_from"], "2024-04-01");
    assert_eq!(json["transitions"][0]["either"][1], "criteria_2020");
}

#[test]
fn overlapping_or_gapped_rule_sets_are_refused() {
    let overlap = RULE_SETS.replace(
        "valid_from = 2024-04-01\neligible",
        "valid_from = 2024-03-31\neligible",
    );
    assert!(
        has_error(&load_errors(&overlap), "overlap"),
        "{:?}",
        load_errors(&overlap)
    );
    let gap = RULE_SETS.replace(
        "valid_from = 2024-04-01\neligible",
        "valid_from = 2024-04-02\neligible",
    );
    assert!(
        has_error(&load_errors(&gap), "leave a gap"),
        "{:?}",
        load_errors(&gap)
    );
    let open_ended = RULE_SETS.replace("valid_to = 2024-03-31\n", "");
    assert!(
        has_error(
            &load_errors(&open_ended),
            "`criteria_2020` needs a valid_to"
        ),
        "{:?}",
        load_errors(&open_ended)
    );
    let no_start = RULE_SETS.replace(
        "valid_to = 2024-03-31\n",
        "valid_from = 2020-04-01\nvalid_to = 2024-03-31\n",
    );
    assert!(has_error(
        &load_errors(&no_start),
        "earliest rule set must have no valid_from"
    ));
}

#[test]
fn bad_transitions_are_refused() {
    let unknown = RULE_SETS.replace(
        r#"either = ["criteria_2024", "criteria_2020"]"#,
        r#"either = ["criteria_2024", "criteria_2019"]"#,
    );
    assert!(has_error(
        &load_errors(&unknown),
        "unknown rule set `criteria_2019`"
    ));
    let one = RULE_SETS.replace(
        r#"either = ["criteria_2024", "criteria_2020"]"#,
        r#"either = ["criteria_2024"]"#,
    );
    assert!(has_error(&load_errors(&one), "at least two rule sets"));
    let reversed = RULE_SETS.replace("valid_to = 2025-03-31", "valid_to = 2024-03-31");
    assert!(has_error(
        &load_errors(&reversed),
        "transition: valid_to is before valid_from"
    ));
    let twice = format!(
        "{RULE_SETS}\n[[determination.transitions]]\nvalid_from = 2025-03-01\nvalid_to = 2025-06-30\neither = [\"criteria_2020\", \"criteria_2024\"]\n"
    );
    assert!(has_error(
        &load_errors(&twice),
        "overlaps transition 2024-04-01..2025-03-31"
    ));
    let not_a_date = RULE_SETS.replace("valid_to = 2025-03-31", "valid_to = 2025-03-31T00:00:00");
    assert!(has_error(
        &load_errors(&not_a_date),
        "valid_to must be a date"
    ));
}

#[test]
fn rule_sets_and_top_level_rules_are_exclusive_and_names_unique() {
    let both = RULE_SETS.replace(
        "rule_version = \"t-cv\"\n",
        "rule_version = \"t-cv\"\nseverity = \"cv_score >= 1\"\n",
    );
    assert!(has_error(&load_errors(&both), "not both"));
    let twice = RULE_SETS.replace("name = \"criteria_2024\"", "name = \"criteria_2020\"");
    assert!(has_error(
        &load_errors(&twice),
        "rule set `criteria_2020` given twice"
    ));
    let incomplete = RULE_SETS.replace("severity = \"cv_score >= 5\"\n", "");
    assert!(has_error(
        &load_errors(&incomplete),
        "determination (rule set `criteria_2024`): `severity` rule is missing"
    ));
}
