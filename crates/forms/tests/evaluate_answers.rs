//! `evaluate_answers` (answers indexed by slot, the XML validator's entry point)
//! gives exactly what `evaluate_with` gives on the same answers keyed by item id:
//! on every sample in forms/samples/, for every application kind, and on
//! mutated copies (blank items, bad codes, wrong types); unknown item ids on
//! the `FormData` path add only their `unknown_item` findings.

use std::sync::Arc;

use chrono::NaiveDate;
use nsdb_forms::evaluate::evaluate_with;
use nsdb_forms::{
    catalog, evaluate_answers, Answer, ApplicationKind, Evaluation, FormData, FormDefinition,
};

static BLANK: Answer = Answer::Blank;

const KINDS: [ApplicationKind; 4] = [
    ApplicationKind::New,
    ApplicationKind::Renewal,
    ApplicationKind::Continuation,
    ApplicationKind::TransferIn,
];

struct Sample {
    name: String,
    def: Arc<FormDefinition>,
    kind: ApplicationKind,
    today: NaiveDate,
    data: FormData,
}

fn samples() -> Vec<Sample> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/samples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        out.push(Sample {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            def: catalog().get(v["definition_id"].as_str().unwrap()).unwrap(),
            kind: ApplicationKind::parse(v["application"].as_str().unwrap()).unwrap(),
            today: NaiveDate::parse_from_str(v["today"].as_str().unwrap(), "%Y-%m-%d").unwrap(),
            data: serde_json::from_value(v["items"].clone()).unwrap(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(out.len() >= 20, "only {} samples", out.len());
    out
}

/// `data`'s answers by slot (items of the definition only).
fn by_slot<'a>(def: &FormDefinition, data: &'a FormData) -> Vec<&'a Answer> {
    let mut answers = vec![&BLANK; def.slot_count];
    for item in def.items() {
        if let Some(a) = data.get(&item.id) {
            answers[item.slot] = a;
        }
    }
    answers
}

fn assert_same(a: &Evaluation, b: &Evaluation, what: &str) {
    assert_eq!(a.findings, b.findings, "{what}: findings");
    assert_eq!(a.calculations, b.calculations, "{what}: calculations");
    assert_eq!(a.determination, b.determination, "{what}: determination");
    assert_eq!(
        serde_json::to_string(a).unwrap(),
        serde_json::to_string(b).unwrap(),
        "{what}: JSON"
    );
}

fn check(s: &Sample, data: &FormData, kind: ApplicationKind, criteria: bool, what: &str) {
    let from_data = evaluate_with(&s.def, data, kind, s.today, criteria);
    let from_slots = evaluate_answers(&s.def, &by_slot(&s.def, data), kind, s.today, criteria);
    assert_same(&from_data, &from_slots, what);
}

#[test]
fn samples_agree_for_every_kind() {
    for s in samples() {
        for kind in KINDS {
            for criteria in [true, false] {
                check(
                    &s,
                    &s.data,
                    kind,
                    criteria,
                    &format!("{} {kind:?} criteria={criteria}", s.name),
                );
            }
        }
        // Nothing entered at all.
        check(
            &s,
            &FormData::new(),
            s.kind,
            true,
            &format!("{} empty", s.name),
        );
    }
}

#[test]
fn mutated_samples_agree() {
    let mutations = [
        Answer::Blank,
        Answer::Text("zz".into()),
        Answer::Text(" 2 ".into()),
        Answer::Number(1.5),
        Answer::Bool(true),
        Answer::Codes(vec!["1".into(), "zz".into(), "1".into()]),
        Answer::Text("2030-01-01".into()),
        Answer::Text("　".into()),
    ];
    let mut n = 0;
    for s in samples() {
        let ids: Vec<String> = s.def.items().map(|i| i.id.clone()).collect();
        for (i, id) in ids.iter().enumerate() {
            // Every item blanked; the other mutations on every third item.
            for (k, m) in mutations.iter().enumerate() {
                if k > 0 && i % 3 != k % 3 {
                    continue;
                }
                let mut data = s.data.clone();
                match m {
                    Answer::Blank => data.remove(id),
                    m => data.set(id, m.clone()),
                }
                check(&s, &data, s.kind, true, &format!("{} {id} = {m:?}", s.name));
                n += 1;
            }
        }
    }
    assert!(n > 1000, "{n} cases");
}

#[test]
fn unknown_items_only_add_their_findings() {
    for s in samples() {
        for kind in [s.kind, ApplicationKind::TransferIn] {
            let mut data = s.data.clone();
            data.set("zz_not_an_item", "1");
            data.set("aa_not_an_item", 2);
            let with = evaluate_with(&s.def, &data, kind, s.today, true);
            let without = evaluate_answers(&s.def, &by_slot(&s.def, &s.data), kind, s.today, true);
            // application_kind first, then the unknown ids in key order, then the rest.
            let kind_findings = without
                .findings
                .iter()
                .take_while(|f| f.code == "application_kind")
                .count();
            let mut expected = without.findings.clone();
            for (n, id) in ["aa_not_an_item", "zz_not_an_item"].iter().enumerate() {
                let f = &with.findings[kind_findings + n];
                assert_eq!(f.code, "unknown_item", "{}", s.name);
                assert_eq!(f.item, *id);
                assert_eq!(f.item_label, *id);
                assert_eq!(f.row, None);
                assert_eq!(
                    f.message,
                    format!(
                        "項目「{id}」はこの様式（{}）にありません。項目IDを確認してください。",
                        s.def.id
                    )
                );
                expected.insert(kind_findings + n, f.clone());
            }
            assert_eq!(with.findings, expected, "{}", s.name);
            assert_eq!(with.calculations, without.calculations, "{}", s.name);
            assert_eq!(with.determination, without.determination, "{}", s.name);
        }
    }
}

#[test]
fn short_or_long_answer_slices() {
    for s in samples() {
        let empty = evaluate_with(&s.def, &FormData::new(), s.kind, s.today, true);
        assert_same(
            &empty,
            &evaluate_answers(&s.def, &[], s.kind, s.today, true),
            &s.name,
        );
        let mut long = by_slot(&s.def, &s.data);
        long.resize(s.def.slot_count + 5, &BLANK);
        assert_same(
            &evaluate_with(&s.def, &s.data, s.kind, s.today, false),
            &evaluate_answers(&s.def, &long, s.kind, s.today, false),
            &s.name,
        );
    }
}
