//! The embedded catalog: every disease registrable, ids, masters, versions.

use chrono::NaiveDate;
use nsdb_forms::{catalog, check_registrable, Program};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn every_disease_has_a_definition() {
    let c = catalog();
    assert_eq!(c.masters().nanbyo.len(), 348);
    assert_eq!(c.masters().shoman.len(), 813);
    assert_eq!(c.list().len(), 348 + 813);
    for n in 1..=348 {
        assert!(
            c.current_for(Program::Nanbyo, 0, n, d(2025, 6, 1))
                .is_some(),
            "nanbyo {n}"
        );
    }
    for (g, n) in c.masters().shoman.keys() {
        assert!(
            c.current_for(Program::Shoman, *g, *n, d(2025, 6, 1))
                .is_some(),
            "shoman {g}-{n}"
        );
    }
}

#[test]
fn definition_ids_follow_the_scheme() {
    let c = catalog();
    let pd = c.get("nanbyo-006-2403").expect("Parkinson");
    assert_eq!(pd.disease_name, "パーキンソン病");
    assert_eq!(pd.disease_group, "神経・筋疾患");
    assert!(pd.determination.machine_determination);
    assert!(!pd.generic);
    let t1d = c.get("shoman-07-001-2403").expect("1型糖尿病");
    assert_eq!(t1d.disease_name, "1型糖尿病");
    assert_eq!(t1d.disease_group, "7");
    assert_eq!(t1d.disease_group_name, "糖尿病");
    // 1型糖尿病 has its own file (forms/definitions/shoman/07-001-2403.toml).
    assert!(t1d.determination.machine_determination);
    assert!(!t1d.generic);
    // A 小慢 disease without a file is still synthesized, without 機械判定.
    let neonatal = c.get("shoman-07-005-2403").expect("新生児糖尿病");
    assert_eq!(neonatal.disease_name, "新生児糖尿病");
    assert!(neonatal.generic);
    assert!(!neonatal.determination.machine_determination);
    for s in c.list() {
        let ok = match s.program {
            Program::Nanbyo => s.id == format!("nanbyo-{:03}-{}", s.disease_number, s.version),
            Program::Shoman => {
                s.id == format!(
                    "shoman-{:0>2}-{:03}-{}",
                    s.disease_group, s.disease_number, s.version
                )
            }
        };
        assert!(ok, "{}", s.id);
    }
}

#[test]
fn generic_definitions_show_the_severity_requirement_and_no_machine_determination() {
    let c = catalog();
    // 59 拘束型心筋症 has no disease file: its 重症度分類 table is an image missing from
    // the MHLW text, so the doctor answers it.
    let als = c.get("nanbyo-059-2403").unwrap();
    assert!(als.generic);
    assert!(!als.determination.machine_determination);
    let help = als.item("severity_declared").unwrap().help.clone().unwrap();
    assert!(help.contains("拘束型心筋症重症度分類"), "{help}");
    assert!(als
        .determination
        .notice
        .as_deref()
        .unwrap()
        .contains("機械判定"));
    // Diseases added in 2025 (no 2020 text) still get a definition, without the sentence.
    let lowe = c.get("nanbyo-348-2403").unwrap();
    assert_eq!(lowe.disease_name, "ロウ症候群");
}

#[test]
fn versions_not_in_force_are_refused_in_japanese() {
    let pd = catalog().get("nanbyo-006-2403").unwrap();
    assert!(check_registrable(&pd, d(2024, 4, 1)).is_ok());
    let e = check_registrable(&pd, d(2024, 3, 31)).unwrap_err();
    assert!(e.message.contains("2024年4月1日から"), "{}", e.message);
    assert_eq!(catalog().in_force(d(2024, 3, 31)).len(), 0);
    assert_eq!(catalog().in_force(d(2024, 4, 1)).len(), 348 + 813);
}

#[test]
fn common_fragments_are_shared_not_copied() {
    let c = catalog();
    let pd = c.get("nanbyo-006-2403").unwrap();
    let uc = c.get("nanbyo-097-2403").unwrap();
    for id in [
        "basic",
        "living",
        "onset",
        "ventilator",
        "barthel",
        "subsidy",
        "doctor",
        "administrative_section",
    ] {
        let a = pd
            .sections
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        let b = uc.sections.iter().find(|s| s.id == id).unwrap();
        assert!(a.fragment.is_some());
        assert_eq!(a.items.len(), b.items.len());
    }
    let sh = c.get("shoman-07-001-2403").unwrap();
    for id in [
        "basic",
        "birth",
        "growth",
        "course",
        "school",
        "handbook",
        "ventilator",
        "doctor",
    ] {
        assert!(sh.sections.iter().any(|s| s.id == id), "{id}");
    }
}

#[test]
fn definitions_serialize_for_the_api() {
    let pd = catalog().get("nanbyo-006-2403").unwrap();
    let json = serde_json::to_value(&*pd).unwrap();
    assert_eq!(json["id"], "nanbyo-006-2403");
    let hy = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().clone())
        .find(|i| i["id"] == "hoehn_yahr")
        .unwrap();
    assert_eq!(hy["type"], "single");
    assert_eq!(
        hy["codes"][3]["label"],
        "3度 軽～中等度パーキンソニズム。姿勢反射障害あり。日常生活に介助不要"
    );
    assert_eq!(
        json["determination"]["rule_sets"][0]["severity"],
        "sev_hoehn_yahr and sev_living_function"
    );
    let summary = serde_json::to_value(pd.summary()).unwrap();
    for k in [
        "id",
        "program",
        "disease_group",
        "disease_number",
        "disease_name",
        "version",
        "valid_from",
        "valid_to",
        "machine_determination",
    ] {
        assert!(summary.get(k).is_some(), "{k}");
    }
}

#[test]
fn shared_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<nsdb_forms::Catalog>();
    assert_send_sync::<nsdb_forms::FormDefinition>();
    assert_send_sync::<nsdb_forms::Evaluation>();
}

/// issue 9: a stored form keeps the definition id and its content hash, so a change to a
/// definition is visible against the forms written before it.
#[test]
fn every_definition_has_a_content_hash_that_follows_its_content() {
    use nsdb_forms::catalog::{embedded_files, Catalog};
    use nsdb_forms::load::SourceFile;
    let c = catalog();
    let mut seen = std::collections::BTreeSet::new();
    for entry in c.list() {
        let def = c.get(&entry.id).unwrap();
        let hash = def.content_hash();
        assert_eq!(hash.len(), 64, "{}", entry.id);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(seen.insert(hash.to_owned()), "{} shares a hash", entry.id);
    }
    // The same files give the same hash; one changed label gives another, for that
    // definition only.
    let files = embedded_files();
    let path = "definitions/nanbyo/006-2403.toml";
    let original = files.iter().find(|f| f.path == path).unwrap().text;
    let edited_text = original.replacen("label = \"", "label = \"（改）", 1);
    assert_ne!(edited_text, original);
    let edited: Vec<SourceFile> = files
        .iter()
        .map(|f| SourceFile {
            path: f.path,
            text: if f.path == path { &edited_text } else { f.text },
        })
        .collect();
    let reloaded = Catalog::from_files(&edited).unwrap();
    let again = Catalog::from_files(&files).unwrap();
    let id = "nanbyo-006-2403";
    assert_eq!(
        again.get(id).unwrap().content_hash(),
        c.get(id).unwrap().content_hash()
    );
    assert_ne!(
        reloaded.get(id).unwrap().content_hash(),
        c.get(id).unwrap().content_hash()
    );
    assert_eq!(
        reloaded.get("nanbyo-005-2403").unwrap().content_hash(),
        c.get("nanbyo-005-2403").unwrap().content_hash()
    );
}

/// issue 9: each item has a personal-data class; the masked PDF and research extracts
/// rely on the patient's names, address and numbers being marked identifying.
#[test]
fn identifying_items_are_marked_in_both_programs() {
    use nsdb_forms::PersonalData;
    let c = catalog();
    for id in ["nanbyo-006-2403", "nanbyo-300-2403", "shoman-07-001-2403"] {
        let def = c.get(id).unwrap();
        let class = |item: &str| def.item(item).map(|i| i.personal_data);
        assert_eq!(
            class("family_name"),
            Some(PersonalData::Identifying),
            "{id}"
        );
        assert_eq!(
            class("given_name_kana"),
            Some(PersonalData::Identifying),
            "{id}"
        );
        assert_eq!(
            class("recipient_number"),
            Some(PersonalData::Identifying),
            "{id}"
        );
        assert_eq!(
            class("birth_date"),
            Some(PersonalData::QuasiIdentifying),
            "{id}"
        );
        assert_eq!(
            class("doctor_name"),
            Some(PersonalData::QuasiIdentifying),
            "{id}"
        );
        assert_eq!(class("record_date"), Some(PersonalData::Clinical), "{id}");
    }
    let pd = c.get("nanbyo-006-2403").unwrap();
    assert_eq!(
        pd.item("address").unwrap().personal_data,
        PersonalData::Identifying
    );
    assert_eq!(
        pd.item("insurer_number").unwrap().personal_data,
        PersonalData::Identifying
    );
    assert_eq!(
        pd.item("hoehn_yahr").unwrap().personal_data,
        PersonalData::Clinical
    );
}
