//! Every sample in forms/samples/ evaluates to its expected outcome with no errors.

use nsdb_forms::{catalog, evaluate, ApplicationKind, FindingSeverity, FormData};
use serde_json::Value;

#[test]
fn samples_evaluate_as_expected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/samples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let def = catalog().get(v["definition_id"].as_str().unwrap()).unwrap();
        let kind = ApplicationKind::parse(v["application"].as_str().unwrap()).unwrap();
        let today =
            chrono::NaiveDate::parse_from_str(v["today"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let data: FormData = serde_json::from_value(v["items"].clone()).unwrap();
        let e = evaluate(&def, &data, kind, today);
        let errors = e
            .findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count();
        assert_eq!(
            errors as u64,
            v["expect"]["errors"].as_u64().unwrap(),
            "{}: {:#?}",
            path.display(),
            e.findings
        );
        let det = serde_json::to_value(&e.determination).unwrap();
        assert_eq!(
            det["result"],
            v["expect"]["result"],
            "{}: {:#?}",
            path.display(),
            det["reasons"]
        );
        n += 1;
    }
    assert!(n >= 2);
}
