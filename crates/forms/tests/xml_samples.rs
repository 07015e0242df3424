//! XML samples (forms/samples/ID.xml): one per fully-defined form version,
//! each passing the native validator with no errors and xmllint with the
//! version's XSD.
//!
//! Generator: `NSDB_WRITE_XML_SAMPLES=1 cargo test -p nsdb-forms --test forms xml_samples`
//! writes forms/samples/ID.xml from forms/samples/ID.*.json for every
//! fully-defined version that has no XML sample yet.

use crate::xml_common::*;

use nsdb_forms::{catalog, xml, FindingSeverity};

#[test]
fn every_fully_defined_version_has_an_xml_sample() {
    let write = std::env::var("NSDB_WRITE_XML_SAMPLES").as_deref() == Ok("1");
    let mut missing = Vec::new();
    for s in catalog().list() {
        if !s.machine_determination {
            continue;
        }
        let path = samples_dir().join(format!("{}.xml", s.id));
        if path.exists() {
            continue;
        }
        match (write, json_sample(&s.id)) {
            (true, Some(j)) => std::fs::write(&path, xml_from_json(&j)).unwrap(),
            (_, j) => missing.push(format!(
                "{}{}",
                s.id,
                if j.is_none() {
                    " (no JSON sample forms/samples/ID.new.json either)"
                } else {
                    ""
                }
            )),
        }
    }
    assert!(
        missing.is_empty(),
        "fully-defined form versions without an XML sample: {missing:?}.\n\
         Write forms/samples/ID.new.json (see forms/samples/README.md), then run\n\
         NSDB_WRITE_XML_SAMPLES=1 cargo test -p nsdb-forms --test forms xml_samples"
    );
}

#[test]
fn samples_exist_for_the_worked_examples() {
    let ids: Vec<String> = xml_samples().into_iter().map(|(id, _)| id).collect();
    for id in ["nanbyo-006-2403", "nanbyo-097-2403"] {
        assert!(ids.iter().any(|i| i == id), "{id}: {ids:?}");
    }
}

#[test]
fn samples_pass_the_native_validator_with_no_errors_and_the_expected_result() {
    for (id, path) in xml_samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        for today in [sample_today(), system_today()] {
            let (forms, file) = run(&text, today);
            assert!(file.is_empty(), "{id}: {file:#?}");
            assert_eq!(forms.len(), 1, "{id}");
            let f = &forms[0];
            assert_eq!(f.definition_id, id);
            assert!(f.schema_valid, "{id}: {:#?}", f.findings);
            let errors: Vec<_> = f
                .findings
                .iter()
                .filter(|x| x.severity == FindingSeverity::Error)
                .collect();
            assert!(errors.is_empty(), "{id} on {today}: {errors:#?}");
            assert_eq!(f.institution_code.as_deref(), Some(DEMO_INSTITUTION_CODE));
            let doctor = f.designated_doctor_number.as_deref().unwrap();
            assert!(doctor == "N13-0001" || doctor == "S13-0002", "{doctor}");
            assert_eq!(
                f.data().get("institution_name").unwrap().display(),
                "都立中央総合病院"
            );
            if today == sample_today() {
                if let Some(j) = json_sample(&id) {
                    let det = f.determination.as_ref().unwrap();
                    assert_eq!(
                        det.result.label(),
                        j.expected_result,
                        "{id}: {:#?}",
                        det.reasons
                    );
                }
            }
        }
    }
}

#[test]
fn samples_are_what_the_generator_writes_from_the_json_samples() {
    for (id, path) in xml_samples() {
        if let Some(j) = json_sample(&id) {
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                xml_from_json(&j),
                "{id}: regenerate with NSDB_WRITE_XML_SAMPLES=1 after deleting the file"
            );
        }
    }
}

// Test (a): every sample validates with xmllint --schema <(nsdb xsd ID).
#[test]
fn samples_validate_with_xmllint_and_the_generated_xsd() {
    for (id, path) in xml_samples() {
        let def = catalog().get(&id).unwrap();
        let xsd = xml::xsd(&[&def]);
        let text = std::fs::read_to_string(&path).unwrap();
        let Some((ok, stderr)) = xmllint_accepts(&xsd, &text) else {
            return;
        };
        assert!(ok, "{id}: {stderr}");
    }
}

#[test]
fn one_xsd_for_several_versions_validates_a_file_mixing_them() {
    let samples = xml_samples();
    let defs: Vec<_> = samples
        .iter()
        .map(|(id, _)| catalog().get(id).unwrap())
        .collect();
    let refs: Vec<&nsdb_forms::FormDefinition> = defs.iter().map(|d| d.as_ref()).collect();
    let xsd = xml::xsd(&refs);
    let mut body = String::new();
    for (_, p) in &samples {
        let t = std::fs::read_to_string(p).unwrap();
        let start = t.find("  <form_").unwrap();
        let end = t.rfind("</bulk>").unwrap();
        body.push_str(&t[start..end]);
    }
    let text = format!(
        "{}{}{}",
        xml::write::bulk_start(),
        body,
        xml::write::bulk_end()
    );
    let (forms, file) = run(&text, sample_today());
    assert!(file.is_empty());
    assert_eq!(forms.len(), samples.len());
    assert!(forms.iter().all(|f| f.schema_valid && f.errors() == 0));
    if let Some((ok, stderr)) = xmllint_accepts(&xsd, &text) {
        assert!(ok, "{stderr}");
    }
    // The XSD of one version alone refuses the forms of the others.
    if samples.len() > 1 {
        let one = xml::xsd(&[refs[0]]);
        if let Some((ok, _)) = xmllint_accepts(&one, &text) {
            assert!(!ok);
        }
    }
}
