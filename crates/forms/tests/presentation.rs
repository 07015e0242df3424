//! The presentation model (issue 9): what the entry screen and the PDF show, built from the
//! definition, the answers and their evaluation.

use crate::common::*;
use nsdb_forms::presentation::{present, NOT_APPLICABLE, NOT_ENTERED};
use nsdb_forms::{ApplicationKind, FormData, Outcome, PersonalData};

const ID: &str = "nanbyo-032-2403";

fn shown(data: &FormData) -> nsdb_forms::presentation::Presentation {
    let d = def(ID);
    let e = nsdb_forms::evaluate(&d, data, ApplicationKind::New, today());
    present(&d, data, ApplicationKind::New, &e)
}

fn item<'a>(
    p: &'a nsdb_forms::presentation::Presentation,
    id: &str,
) -> &'a nsdb_forms::presentation::PresentedItem {
    p.sections
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn sections_in_paper_order_with_numbers_answers_as_entered_and_the_determination() {
    let data = with(&declared("1"), &[("nyha_class", "2")]);
    let p = shown(&data);
    assert_eq!(p.definition_id, ID);
    assert_eq!(p.content_hash, def(ID).content_hash());
    let d = def(ID);
    assert_eq!(p.sections.len(), d.sections.len());
    for (i, s) in p.sections.iter().enumerate() {
        assert_eq!(s.number, i + 1);
        assert_eq!(s.id, d.sections[i].id);
    }
    // The first item of the first section is 1-1; a code shows its label.
    assert_eq!(p.sections[0].items[0].number, "1-1");
    assert_eq!(item(&p, "family_name").display, "山田");
    assert_eq!(
        item(&p, "family_name").personal_data,
        PersonalData::Identifying
    );
    let sex = item(&p, "sex");
    assert_ne!(sex.display, "1", "a code is shown as its label");
    assert_eq!(p.determination.result, Outcome::Eligible);
}

// Answers are stored and shown as the doctor typed them: "37.80" stays "37.80".
#[test]
fn a_number_keeps_its_digits() {
    let data = with(
        &declared("1"),
        &[("nyha_class", "2"), ("adl_walking", "15")],
    );
    let p = shown(&data);
    assert_eq!(
        item(&p, "adl_walking").display.trim(),
        item(&p, "adl_walking").display
    );
    let typed = with(&data, &[("care_certification", "1"), ("care_level", "02")]);
    assert_eq!(item(&shown(&typed), "care_level").display, "02");
}

#[test]
fn blanks_are_not_entered_and_items_that_do_not_apply_say_so() {
    let data = with(
        &declared("1"),
        &[("nyha_class", ""), ("ventilator_use", "2")],
    );
    let p = shown(&data);
    let nyha = item(&p, "nyha_class");
    assert_eq!(nyha.display, NOT_ENTERED);
    assert!(!nyha.answered && nyha.applies);
    let kind = item(&p, "ventilator_kind");
    assert_eq!(kind.display, NOT_APPLICABLE);
    assert!(!kind.applies);
}

#[test]
fn findings_sit_next_to_their_items_and_count_in_their_section() {
    // An out-of-range 要介護度 (1–5) on a 要介護 patient: an error on that item.
    let data = with(
        &declared("1"),
        &[
            ("nyha_class", "2"),
            ("care_certification", "1"),
            ("care_level", "9"),
        ],
    );
    let p = shown(&data);
    let level = item(&p, "care_level");
    assert!(
        level.findings.iter().any(|f| f.code == "range"),
        "{:?}",
        level.findings
    );
    let section = p
        .sections
        .iter()
        .find(|s| s.items.iter().any(|i| i.id == "care_level"))
        .unwrap();
    assert!(section.completion.errors >= 1);
    assert!(!section.completion.complete());
    // A section with everything answered and no finding is complete.
    let ok = shown(&with(&declared("1"), &[("nyha_class", "2")]));
    let basic = ok.sections.iter().find(|s| s.id == "basic").unwrap();
    assert!(basic.completion.asked > 0);
    assert_eq!(basic.completion.errors, 0);
}

#[test]
fn layout_hints_give_the_paper_marks_notes_and_widgets() {
    let p = shown(&declared("1"));
    // The 臨個票 prints ■ before every heading (layout.toml's section_number).
    assert!(
        p.sections.iter().all(|s| s.heading == "■"),
        "{:?}",
        p.sections.iter().map(|s| &s.heading).collect::<Vec<_>>()
    );
    let subsidy = p.sections.iter().find(|s| s.id == "subsidy").unwrap();
    assert!(subsidy.note.as_deref().unwrap().contains("直近6か月間"));
    // Free text that runs long is asked in a text area; others take the default.
    assert_eq!(
        item(&p, "declared_diagnosis_findings").widget,
        Some(nsdb_forms::Widget::TextArea)
    );
    assert_eq!(item(&p, "family_name").widget, None);
    // Without a number hint, items keep the derived section-item numbers.
    assert_eq!(item(&p, "family_name").number, "1-1");

    // The 意見書 gives no heading mark: numbered headings.
    let d = def("shoman-07-001-2403");
    let e = nsdb_forms::evaluate(&d, &FormData::new(), ApplicationKind::New, today());
    let shoman = present(&d, &FormData::new(), ApplicationKind::New, &e);
    assert_eq!(shoman.sections[0].heading, "1.");
    assert_eq!(shoman.sections[1].heading, "2.");
}
