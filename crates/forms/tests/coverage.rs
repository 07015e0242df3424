//! `Catalog::coverage`: who judges the diagnosis and the severity of each
//! form version, and the summary `nsdb forms --coverage` prints.

use nsdb_forms::{catalog, CoverageRow, CoverageSummary, Judge, Program};

fn row(rows: &[CoverageRow], id: &str) -> CoverageRow {
    rows.iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .clone()
}

#[test]
fn each_kind_of_definition_is_classified() {
    let rows = catalog().coverage();
    // Full machine rules (diagnosis criteria and Hoehn-Yahr).
    let pd = row(&rows, "nanbyo-006-2403");
    assert_eq!(
        (pd.diagnosis, pd.severity),
        (Judge::Machine, Judge::Machine)
    );
    assert_eq!(pd.disease_number, 6);
    assert!(pd.review_needed);
    assert!(!pd.reflects_2024_revision);
    assert_eq!(
        pd.source_date.map(|d| d.to_string()).as_deref(),
        Some("2020-03-11")
    );
    // Declared category (nanbyo/declared_diagnosis), Barthel by machine.
    let cmt = row(&rows, "nanbyo-010-2403");
    assert_eq!(
        (cmt.diagnosis, cmt.severity),
        (Judge::Doctor, Judge::Machine)
    );
    // A generic definition: nothing judged by machine.
    let generic = row(&rows, "nanbyo-340-2403");
    assert_eq!(
        (generic.diagnosis, generic.severity),
        (Judge::None, Judge::Doctor)
    );
    assert_eq!(generic.source_date, None);
    let shoman = row(&rows, "shoman-07-001-2403");
    assert_eq!(
        (shoman.diagnosis, shoman.severity),
        (Judge::Machine, Judge::Machine)
    );
}

#[test]
fn the_summary_adds_up_to_every_form_version() {
    let rows = catalog().coverage();
    assert_eq!(rows.len(), catalog().list().len());
    let s = CoverageSummary::of(&rows);
    assert_eq!(s.total.forms, rows.len());
    assert_eq!(
        s.programs["nanbyo"].forms + s.programs["shoman"].forms,
        rows.len()
    );
    for counts in s.programs.values().chain([&s.total]) {
        assert_eq!(counts.diagnosis.values().sum::<usize>(), counts.forms);
        assert_eq!(counts.severity.values().sum::<usize>(), counts.forms);
    }
    let machine_determination = catalog()
        .list()
        .iter()
        .filter(|r| r.machine_determination)
        .count();
    assert_eq!(
        s.total.diagnosis.get(&Judge::Machine).copied().unwrap_or(0)
            + s.total.diagnosis.get(&Judge::Doctor).copied().unwrap_or(0),
        machine_determination
    );
    assert_eq!(
        s.total.severity.get(&Judge::Machine).copied().unwrap_or(0),
        machine_determination
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(
        json["total"]["diagnosis"]["none"],
        s.total.diagnosis[&Judge::None]
    );
}

/// issue 11: 重症度 by machine for every 指定難病 with a text, or the few that cannot be
/// named with the reason (`masters/severity_by_doctor.tsv`); the diseases added in
/// 2024–2025 (no text here) say so too.
#[test]
fn every_nanbyo_severity_is_by_machine_or_names_why_not() {
    let rows = catalog().coverage();
    let by_doctor: Vec<u32> = rows
        .iter()
        .filter(|r| r.program == Program::Nanbyo && r.severity != Judge::Machine)
        .map(|r| r.disease_number)
        .collect();
    let mut expected = vec![58, 59, 163, 192, 295, 301];
    expected.extend(334..=348);
    assert_eq!(by_doctor, expected);
    for r in rows
        .iter()
        .filter(|r| r.program == Program::Nanbyo && r.severity != Judge::Machine)
    {
        let why = r.why_not_machine.as_deref().unwrap_or_default();
        if r.disease_number >= 334 {
            assert!(why.contains("2024–2025年に追加"), "{}: {why}", r.id);
        } else {
            assert!(why.contains("指定医が記載"), "{}: {why}", r.id);
        }
    }
    assert!(row(&rows, "nanbyo-058-2403")
        .why_not_machine
        .unwrap()
        .contains("画像"));
    assert_eq!(row(&rows, "nanbyo-006-2403").why_not_machine, None);
    let full = rows
        .iter()
        .filter(|r| {
            r.program == Program::Nanbyo
                && r.diagnosis == Judge::Machine
                && r.severity == Judge::Machine
        })
        .count();
    assert!(full >= 60, "full machine rules for {full} 指定難病");
}
