//! Broken definitions are refused with file, line and problem.

use nsdb_forms::{embedded_files, Catalog, LoadError, SourceFile};

/// Loads the embedded files plus `extra` (path, text); returns the errors.
fn load_with(extra: &[(&str, &str)]) -> Vec<LoadError> {
    let mut files = embedded_files();
    for (p, t) in extra {
        files.push(SourceFile { path: p, text: t });
    }
    match Catalog::from_files(&files) {
        Ok(_) => vec![],
        Err(e) => e,
    }
}

const HEAD: &str = r#"id = "nanbyo-340-2403"
program = "nanbyo"
disease_number = 340
version = "2403"
valid_from = 2024-04-01
source = "test"
"#;

fn def(body: &str) -> String {
    format!("{HEAD}{body}")
}

const GOOD_SECTION: &str = r#"
[[sections]]
id = "ms_part"
label = "テスト"

[[sections.items]]
id = "ms_edss"
label = "EDSS"
type = "decimal"
precision = 1
min = 0
max = 10
required = true
"#;

const GOOD_DET: &str = r#"
[determination]
rule_version = "t1"
eligible = ["definite"]
diagnosis = [{ category = "definite", expr = "true" }]
severity = "ms_edss >= 4.5"
"#;

fn one_error(body: &str) -> LoadError {
    let text = def(body);
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &text)]);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    errs.into_iter().next().unwrap()
}

/// The first error (a broken item may also break the rules that use it).
fn first_error(body: &str) -> LoadError {
    let text = def(body);
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &text)]);
    assert!(!errs.is_empty());
    errs.into_iter().next().unwrap()
}

#[test]
fn a_valid_extra_definition_loads() {
    let text = def(&format!("{GOOD_SECTION}{GOOD_DET}"));
    assert!(load_with(&[("definitions/nanbyo/340-2403.toml", &text)]).is_empty());
}

#[test]
fn unknown_item_in_a_rule_names_file_line_and_column() {
    let e = one_error(&format!(
        "{GOOD_SECTION}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "ms_edds >= 4.5")
    ));
    assert_eq!(e.file, "definitions/nanbyo/340-2403.toml");
    assert_eq!((e.line, e.column), (25, 13), "{e}");
    assert!(e.message.contains("unknown item or rule `ms_edds`"), "{e}");
    assert!(
        e.to_string()
            .starts_with("definitions/nanbyo/340-2403.toml:25:13: "),
        "{e}"
    );
}

#[test]
fn toml_syntax_error_has_a_line() {
    let e = one_error("[[sections]\nid = 1\n");
    assert_eq!(e.line, 7, "{e}");
}

#[test]
fn duplicate_item_ids_are_refused_even_against_fragments() {
    let body = GOOD_SECTION
        .replace("ms_edss", "birth_date")
        .replace("ms_edds", "x");
    let text = def(&format!(
        "{body}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "true")
    ));
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &text)]);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("duplicate id `birth_date`")
                && e.message.contains("fragments/nanbyo/basic.toml")),
        "{errs:#?}"
    );
}

#[test]
fn bad_codes_types_and_kinds_are_refused() {
    let cases = [
        (GOOD_SECTION.replace("type = \"decimal\"", "type = \"float\""), "unknown type `float`"),
        (GOOD_SECTION.replace("required = true", "kinds = [\"renew\"]"), "unknown application kind `renew`"),
        (GOOD_SECTION.replace("min = 0\n", "min = 11\n"), "min 11 is greater than max 10"),
        (GOOD_SECTION.replace("required = true", "personal_data = \"secret\""), "unknown personal_data `secret`"),
        // Layout hints: a widget must exist and suit the item's type.
        (GOOD_SECTION.replace("required = true", "widget = \"slider\""), "unknown widget `slider`"),
        (GOOD_SECTION.replace("required = true", "widget = \"text_area\""), "widget `text_area` does not suit a decimal item"),
        (GOOD_SECTION.replace("id = \"ms_edss\"", "id = \"MsEdss\""), "invalid item id `MsEdss`"),
        (
            GOOD_SECTION.replace("type = \"decimal\"\nprecision = 1\nmin = 0\nmax = 10", "type = \"single\"\ncodes = [{ code = \"1\", label = \"a\" }, { code = \"1\", label = \"b\" }]"),
            "duplicate code `1`",
        ),
        (GOOD_SECTION.replace("type = \"decimal\"\nprecision = 1\nmin = 0\nmax = 10", "type = \"single\"\ncodes = \"no_such_list\""), "unknown code list `no_such_list`"),
    ];
    for (section, want) in cases {
        let det = if section.contains("single") {
            GOOD_DET.replace("ms_edss >= 4.5", "true")
        } else {
            GOOD_DET.to_string()
        };
        let e = first_error(&format!("{section}{det}"));
        assert!(e.message.contains(want), "want `{want}`, got {e}");
        assert!(e.line > 6, "{e}");
    }
}

#[test]
fn code_literals_are_checked_against_the_item() {
    let section = GOOD_SECTION.replace("type = \"decimal\"\nprecision = 1\nmin = 0\nmax = 10", "type = \"single\"\ncodes = [{ code = \"1\", label = \"a\" }, { code = \"2\", label = \"b\" }]");
    let e = one_error(&format!(
        "{section}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "ms_edss = '3'")
    ));
    assert!(e.message.contains("`3` is not a code of this item"), "{e}");
}

#[test]
fn type_errors_in_rules_are_refused() {
    let e = one_error(&format!(
        "{GOOD_SECTION}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "ms_edss + 1")
    ));
    assert!(e.message.contains("must be a boolean"), "{e}");
}

#[test]
fn circular_rules_are_refused() {
    let body = format!(
        "{GOOD_SECTION}\n[[criteria]]\nid = \"a\"\nlabel = \"a\"\nexpr = \"b\"\n\n[[criteria]]\nid = \"b\"\nlabel = \"b\"\nexpr = \"a\"\n{GOOD_DET}"
    );
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &def(&body))]);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs.iter().all(|e| e.message.contains("circular")));
}

#[test]
fn wrong_id_scheme_unknown_disease_and_unknown_fragment() {
    let text =
        def(&format!("{GOOD_SECTION}{GOOD_DET}")).replace("nanbyo-340-2403", "nanbyo-23-2403");
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &text)]);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("expected `nanbyo-340-2403`") && e.line == 1),
        "{errs:#?}"
    );
    let text = def(&format!("{GOOD_SECTION}{GOOD_DET}"))
        .replace("disease_number = 340", "disease_number = 999");
    let errs = load_with(&[("definitions/nanbyo/340-2403.toml", &text)]);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("999 is not in the master")),
        "{errs:#?}"
    );
    let e = one_error(&format!(
        "[[sections]]\ninclude = \"scales/nope\"\n{GOOD_SECTION}{GOOD_DET}"
    ));
    assert!(e.message.contains("unknown fragment `scales/nope`"), "{e}");
}

#[test]
fn duplicate_definition_ids_are_refused() {
    let text = def(&format!("{GOOD_SECTION}{GOOD_DET}"));
    let errs = load_with(&[
        ("definitions/nanbyo/340-2403.toml", &text),
        ("definitions/nanbyo/340-2403-copy.toml", &text),
    ]);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("duplicate definition id")),
        "{errs:#?}"
    );
}

#[test]
fn machine_determination_needs_rules_for_eligible_categories() {
    let e = one_error(&format!(
        "{GOOD_SECTION}{}",
        GOOD_DET.replace(
            "eligible = [\"definite\"]",
            "eligible = [\"definite\", \"probable\"]"
        )
    ));
    assert!(
        e.message
            .contains("eligible category `Probable` has no diagnosis rule"),
        "{e}"
    );
}

#[test]
fn unknown_keys_are_refused() {
    let e = one_error(&format!(
        "{}{GOOD_DET}",
        GOOD_SECTION.replace("required = true", "requird = true")
    ));
    assert!(e.message.contains("requird"), "{e}");
}

#[test]
fn an_old_version_is_refused_after_its_end_date() {
    let old = r#"id = "nanbyo-340-2309"
program = "nanbyo"
disease_number = 340
version = "2309"
valid_from = 2023-10-01
valid_to = 2024-03-31
source = "test"

[determination]
machine_determination = false
rule_version = "t"
notice = "機械判定なし"
"#;
    let mut files = embedded_files();
    files.push(SourceFile {
        path: "definitions/nanbyo/340-2309.toml",
        text: old,
    });
    let c = Catalog::from_files(&files).unwrap();
    let d = c.get("nanbyo-340-2309").unwrap();
    let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(nsdb_forms::check_registrable(&d, on(2024, 3, 31)).is_ok());
    let e = nsdb_forms::check_registrable(&d, on(2024, 4, 1)).unwrap_err();
    assert!(e.message.contains("有効期間は終了"), "{}", e.message);
    assert!(
        e.message.contains("2023年10月1日〜2024年3月31日"),
        "{}",
        e.message
    );
    // The current version of the disease on each date.
    let cur = |day| {
        c.current_for(nsdb_forms::Program::Nanbyo, 0, 340, day)
            .unwrap()
            .id
            .clone()
    };
    assert_eq!(cur(on(2024, 3, 31)), "nanbyo-340-2309");
    assert_eq!(cur(on(2024, 4, 1)), "nanbyo-340-2403");
}

#[test]
fn not_on_a_yes_no_unknown_item_is_refused() {
    let section = GOOD_SECTION.replace(
        "type = \"decimal\"\nprecision = 1\nmin = 0\nmax = 10",
        "type = \"yes_no_unknown\"",
    );
    let e = one_error(&format!(
        "{section}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "not ms_edss")
    ));
    assert!(e.message.contains("write `ms_edss = false`"), "{e}");
    let ok = def(&format!(
        "{section}{}",
        GOOD_DET.replace("ms_edss >= 4.5", "ms_edss = false")
    ));
    assert!(load_with(&[("definitions/nanbyo/340-2403.toml", &ok)]).is_empty());
}
