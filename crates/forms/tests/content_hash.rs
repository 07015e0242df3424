//! The content hash of a form's answers (printed in the QR code of its PDF).

use nsdb_forms::{Answer, FormData};

#[test]
fn the_hash_is_sha256_of_the_compact_json_with_items_in_key_order() {
    let a = FormData::new().with("b_item", "2").with("a_item", 37.8);
    // Inserted in another order: the same answers, the same hash.
    let b = FormData::new().with("a_item", 37.8).with("b_item", "2");
    assert_eq!(a.content_hash(), b.content_hash());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        r#"{"a_item":37.8,"b_item":"2"}"#
    );
    // sha256 of exactly that text (computed independently: `printf '%s' '{"a_item":37.8,"b_item":"2"}' | sha256sum`).
    assert_eq!(
        a.content_hash(),
        "63e492f70f905bb37819e6ff981691b1cf777c2e03a9311b8fa716dbfc6deb39"
    );
}

#[test]
fn any_changed_answer_changes_the_hash() {
    let base = FormData::new()
        .with("family_name", "山田")
        .with("hoehn_yahr", "3");
    let h = base.content_hash();
    assert_eq!(h.len(), 64);
    assert!(h
        .bytes()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    for changed in [
        base.clone().with("hoehn_yahr", "4"),
        base.clone().with("family_name", "山田 "),
        base.clone().with("extra", Answer::Blank),
    ] {
        assert_ne!(changed.content_hash(), h);
    }
}

#[test]
fn numbers_serialise_as_serde_json_writes_an_f64_and_rows_in_field_order() {
    // What the hash covers, exactly (docs/pdf.md): an integral number keeps ".0", group
    // rows are objects with their fields in byte order.
    let row: std::collections::BTreeMap<String, Answer> = [
        ("total_yen".to_owned(), Answer::from(41000)),
        ("month".to_owned(), Answer::from("2025-02")),
    ]
    .into_iter()
    .collect();
    let data = FormData::new()
        .with("n", 41000)
        .with("months", Answer::Rows(vec![row]));
    assert_eq!(
        serde_json::to_string(&data).unwrap(),
        r#"{"months":[{"month":"2025-02","total_yen":41000.0}],"n":41000.0}"#
    );
}
