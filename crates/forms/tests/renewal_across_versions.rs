//! 前回値踏襲 across form versions (docs/form-definitions.md §4.4): a renewal on the version
//! in force starts from a form written on an earlier version; items move by the mapping the
//! newer definition declares (old id → new id, old code → new code), and what cannot move is
//! listed for the doctor. The catalog refuses mappings that name what does not exist.
//!
//! The shipped catalog has one version per disease (2403), so these tests add an earlier one:
//! パーキンソン病 "2309", in which the imaging item had another id (`pd_ct_mri`), two more codes
//! (4 判定不能, 5 その他) and a finding the 2403 form dropped.

use crate::common::*;
use nsdb_forms::{carry_over, embedded_files, Answer, Catalog, LoadError, SourceFile};

const CURRENT: &str = "definitions/nanbyo/006-2403.toml";
const EARLIER: &str = "definitions/nanbyo/006-2309.toml";

fn shipped(path: &str) -> String {
    embedded_files()
        .into_iter()
        .find(|f| f.path == path)
        .unwrap()
        .text
        .to_owned()
}

/// The 2309 version as described above, made from the shipped 2403 file.
fn earlier_version() -> String {
    let text = shipped(CURRENT)
        .replace("id = \"nanbyo-006-2403\"", "id = \"nanbyo-006-2309\"")
        .replace("version = \"2403\"", "version = \"2309\"")
        .replace(
            "valid_from = 2024-04-01",
            "valid_from = 2023-10-01\nvalid_to = 2024-03-31",
        )
        .replace("pd_imaging", "pd_ct_mri");
    let codes_end = "  { code = \"3\", label = \"未実施\" },\n]";
    let at = text.find("id = \"pd_ct_mri\"").unwrap();
    let end = at + text[at..].find(codes_end).unwrap();
    let mut text = text;
    text.replace_range(
        end..end + codes_end.len(),
        "  { code = \"3\", label = \"未実施\" },\n  { code = \"4\", label = \"判定不能\" },\n  { code = \"5\", label = \"その他\" },\n]\n\n[[sections.items]]\nid = \"pd_old_finding\"\nlabel = \"旧版だけの所見\"\ntype = \"yes_no_unknown\"",
    );
    text
}

const MAPPING: &str = r#"
[[renewal_mappings]]
from = "nanbyo-006-2309"
items = { pd_ct_mri = "pd_imaging" }
codes = { pd_imaging = { "4" = "3" } }
"#;

fn load(current: &str, earlier: &str) -> Result<Catalog, Vec<LoadError>> {
    let mut files: Vec<SourceFile> = embedded_files()
        .into_iter()
        .filter(|f| f.path != CURRENT)
        .collect();
    files.push(SourceFile {
        path: CURRENT,
        text: current,
    });
    files.push(SourceFile {
        path: EARLIER,
        text: earlier,
    });
    Catalog::from_files(&files)
}

fn catalog() -> Catalog {
    let current = format!("{}{MAPPING}", shipped(CURRENT));
    load(&current, &earlier_version()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn previous_2309(imaging: &str) -> nsdb_forms::FormData {
    nanbyo_common()
        .with("pd_rigidity", "1")
        .with("pd_ct_mri", imaging)
        .with("pd_old_finding", "1")
        .with("hoehn_yahr", "3")
}

#[test]
fn a_renamed_item_moves_to_its_new_id() {
    let catalog = catalog();
    let (new, old) = (
        catalog.get("nanbyo-006-2403").unwrap(),
        catalog.get("nanbyo-006-2309").unwrap(),
    );
    let c = carry_over(&new, &old, &previous_2309("2"));
    assert_eq!(c.data.get("pd_imaging"), Some(&Answer::from("2")));
    assert!(c.data.get("pd_ct_mri").is_none());
    // A 診断基準 item: carried, to be confirmed like any other.
    assert!(c.to_confirm.contains(&"pd_imaging".to_string()));
    assert_eq!(c.data.get("pd_rigidity"), Some(&Answer::from("1")));
    // Severity stays fresh whatever the version.
    assert!(c.data.get("hoehn_yahr").is_none());
}

#[test]
fn an_old_code_moves_by_the_code_mapping() {
    let catalog = catalog();
    let (new, old) = (
        catalog.get("nanbyo-006-2403").unwrap(),
        catalog.get("nanbyo-006-2309").unwrap(),
    );
    let c = carry_over(&new, &old, &previous_2309("4"));
    assert_eq!(c.data.get("pd_imaging"), Some(&Answer::from("3")));
}

#[test]
fn what_cannot_move_is_listed_with_the_reason() {
    let catalog = catalog();
    let (new, old) = (
        catalog.get("nanbyo-006-2403").unwrap(),
        catalog.get("nanbyo-006-2309").unwrap(),
    );
    // Code 5 has no counterpart in 2403, and pd_old_finding no item.
    let c = carry_over(&new, &old, &previous_2309("5"));
    assert!(c.data.get("pd_imaging").is_none());
    let listed: Vec<(&str, &str)> = c
        .not_carried
        .iter()
        .map(|n| (n.item.as_str(), n.reason.as_str()))
        .collect();
    assert!(
        listed.contains(&(
            "pd_ct_mri",
            "選択肢「5」はこの版の「脳CT又はMRIの特異的異常」にありません。"
        )),
        "{listed:?}"
    );
    assert!(
        listed.contains(&("pd_old_finding", "この版にはない項目です。")),
        "{listed:?}"
    );
    assert_eq!(
        c.not_carried
            .iter()
            .find(|n| n.item == "pd_old_finding")
            .unwrap()
            .label,
        "旧版だけの所見"
    );
    // Cleared on purpose is not "could not move".
    assert!(!listed.iter().any(|(item, _)| *item == "hoehn_yahr"));
}

#[test]
fn the_same_version_lists_nothing_as_not_carried() {
    let catalog = catalog();
    let def = catalog.get("nanbyo-006-2403").unwrap();
    let previous = nanbyo_common()
        .with("pd_imaging", "1")
        .with("no_such_item", "1");
    let c = carry_over(&def, &def, &previous);
    assert!(c.not_carried.is_empty(), "{:?}", c.not_carried);
    assert_eq!(c.data.get("pd_imaging"), Some(&Answer::from("1")));
}

#[test]
fn the_version_in_force_is_the_later_one() {
    let catalog = catalog();
    let old = catalog.get("nanbyo-006-2309").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let current = catalog.current_version_of(&old, today).unwrap();
    assert_eq!(current.id, "nanbyo-006-2403");
}

fn messages(errors: &[LoadError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.file, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn mappings_that_name_what_does_not_exist_are_load_errors() {
    let earlier = earlier_version();
    let broken = |mapping: &str| {
        let current = format!("{}{mapping}", shipped(CURRENT));
        messages(&load(&current, &earlier).err().unwrap_or_default())
    };
    // Target item unknown in this version.
    let m = broken(
        "[[renewal_mappings]]\nfrom = \"nanbyo-006-2309\"\nitems = { pd_ct_mri = \"pd_scan\" }\n",
    );
    assert!(m.contains("unknown item `pd_scan`"), "{m}");
    // A code the target item does not have.
    let m = broken("[[renewal_mappings]]\nfrom = \"nanbyo-006-2309\"\ncodes = { pd_imaging = { \"4\" = \"9\" } }\n");
    assert!(m.contains("`9` is not a code of `pd_imaging`"), "{m}");
    // An old item the earlier version does not have.
    let m = broken(
        "[[renewal_mappings]]\nfrom = \"nanbyo-006-2309\"\nitems = { pd_mri = \"pd_imaging\" }\n",
    );
    assert!(m.contains("has no item `pd_mri`"), "{m}");
    // A version the catalog does not hold, and one of another disease.
    let m = broken("[[renewal_mappings]]\nfrom = \"nanbyo-006-1803\"\n");
    assert!(m.contains("no form version `nanbyo-006-1803`"), "{m}");
    let m = broken("[[renewal_mappings]]\nfrom = \"nanbyo-002-2403\"\n");
    assert!(
        m.contains("not an earlier version of the same disease"),
        "{m}"
    );
}
