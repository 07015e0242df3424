//! The printed form and the key-only sheet, read back with poppler's pdftotext and pdftoppm
//! (Debian `poppler-utils`) and, for the QR code, decoded with rqrr.

mod common;
use common::*;

use nsdb_forms::presentation::Presentation;
use nsdb_forms::{FormData, PersonalData};
use nsdb_pdf::{
    parse_qr_payload, qr_payload, render_form, render_key_sheet, KeySheet, MaskRule, Variant,
};

const PARKINSON: &str = "nanbyo-006-2403";
const SHOMAN: &str = "shoman-07-001-2403";

fn full(id: &str, data: &FormData, key: Option<&str>) -> (Presentation, Vec<u8>) {
    let (_, today) = sample(id);
    let p = presentation(id, data, today);
    let pdf = render_form(&p, &header(id, data, key), &Variant::Full).expect("renders");
    (p, pdf)
}

/// Every answered item's value (with its unit) and every section heading is in the text.
fn assert_shows_everything(p: &Presentation, text: &str) -> usize {
    let flat_text = flat(text);
    let mut with_unit = 0;
    for s in &p.sections {
        assert!(
            flat_text.contains(&flat(&format!("{}{}", s.heading, s.label))),
            "heading {} {}",
            s.heading,
            s.label
        );
        for i in &s.items {
            assert!(flat_text.contains(&flat(&i.label)), "label {}", i.label);
            if i.applies && i.answered && i.rows.is_empty() {
                let mut v = i.display.clone();
                if let Some(u) = &i.unit {
                    v.push_str(u);
                    with_unit += 1;
                }
                assert!(flat_text.contains(&flat(&v)), "{}: {v}", i.id);
            }
        }
    }
    with_unit
}

#[test]
fn the_parkinson_form_prints_its_key_values_headings_and_determination() {
    let (data, _) = sample(PARKINSON);
    let (p, pdf) = full(PARKINSON, &data, Some(KEY));
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdftotext(&pdf, false);
    assert!(text.contains(KEY), "the key, grouped");
    for v in [
        "山田",
        "太郎",
        "東京都千代田区霞が関1-2-2",
        "1955-05-10",
        "霞が関病院",
    ] {
        assert!(flat(&text).contains(v), "{v}");
    }
    assert_shows_everything(&p, &text);
    // The determination and its reasons close the form.
    assert!(text.contains("一次判定"));
    assert!(text.contains("判定結果"));
    assert_eq!(p.determination.result.label(), "該当");
    for r in &p.determination.reasons {
        assert!(flat(&text).contains(&flat(r)), "reason {r}");
    }
    // Footer on every page: n / N and the definition id.
    let n = pages(&pdf);
    assert!(n >= 2, "the Parkinson form fills more than one page");
    for i in 1..=n {
        assert!(
            flat(&text).contains(&format!("{i}/{n}")),
            "footer {i} / {n}"
        );
    }
    assert!(text.matches(PARKINSON).count() >= n);
    assert!(!text.contains("下書き"));
    assert_no_overlapping_text(&pdf);
}

#[test]
fn a_shoman_form_prints_values_with_their_units() {
    let (data, _) = sample(SHOMAN);
    let (p, pdf) = full(SHOMAN, &data, Some(KEY));
    let text = pdftotext(&pdf, false);
    assert!(text.contains(KEY));
    assert!(text.contains("小児慢性特定疾病"));
    let with_unit = assert_shows_everything(&p, &text);
    assert!(
        with_unit > 0,
        "the 小慢 sample has measured values with units"
    );
    assert_no_overlapping_text(&pdf);
}

#[test]
fn names_outside_jis_x_0208_print_as_written() {
    let (mut data, _) = sample(PARKINSON);
    data.set("family_name", "髙﨑");
    data.set("given_name", "𠮷子");
    let (_, pdf) = full(PARKINSON, &data, Some(KEY));
    let text = pdftotext(&pdf, false);
    assert!(flat(&text).contains("髙﨑"), "{text}");
    assert!(flat(&text).contains("𠮷子"));
    assert!(!text.contains('〓'));
}

#[test]
fn a_character_the_font_lacks_prints_as_geta_and_the_rest_goes_on() {
    let (mut data, _) = sample(PARKINSON);
    data.set("given_name", "ع😀子");
    let (_, pdf) = full(PARKINSON, &data, Some(KEY));
    let text = pdftotext(&pdf, false);
    assert!(flat(&text).contains("〓〓子"), "{text}");
    assert!(
        text.contains("一次判定"),
        "the rest of the form still prints"
    );
}

#[test]
fn the_masked_variant_hides_identifying_items_and_keeps_the_birth_year_and_month() {
    let (data, today) = sample(PARKINSON);
    let p = presentation(PARKINSON, &data, today);
    let pdf = render_form(
        &p,
        &header(PARKINSON, &data, Some(KEY)),
        &Variant::Masked(MaskRule::review_board()),
    )
    .unwrap();
    let text = flat(&pdftotext(&pdf, false));
    let identifying: Vec<_> = p
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.personal_data == PersonalData::Identifying && i.answered)
        .collect();
    assert!(
        identifying.len() >= 4,
        "name, kana, address are identifying"
    );
    for i in identifying {
        assert!(!text.contains(&flat(&i.display)), "{} shows", i.id);
    }
    for hidden in ["山田", "太郎", "やまだ", "霞が関1-2-2"] {
        assert!(!text.contains(hidden), "{hidden}");
    }
    assert!(text.contains("（マスク）"));
    // Nor the key that opens the full record, nor its QR code.
    assert!(!text.contains(KEY));
    assert!(qr_codes(&pdf, 1).is_empty());
    assert!(!text.contains("下書き"));
    assert!(text.contains("1955-05"));
    assert!(!text.contains("1955-05-10"));
    // Clinical answers still print.
    assert!(text.contains("審査会資料"));
    assert!(text.contains("一次判定"));
}

fn key_sheet_pdf() -> Vec<u8> {
    let (data, _) = sample(PARKINSON);
    render_key_sheet(&KeySheet {
        access_key: KEY.to_owned(),
        content_hash: data.content_hash(),
        patient_name: "髙﨑 𠮷子".to_owned(),
        disease: "パーキンソン病".to_owned(),
        program: "指定難病".to_owned(),
        definition_id: PARKINSON.to_owned(),
        confirmed_on: "2025-06-21".to_owned(),
        institution: "霞が関病院".to_owned(),
        printed_at: "2025-06-21 10:00".to_owned(),
    })
    .unwrap()
}

#[test]
fn the_key_sheet_has_key_name_and_dates_and_nothing_clinical() {
    let (data, _) = sample(PARKINSON);
    let pdf = key_sheet_pdf();
    let text = pdftotext(&pdf, false);
    assert!(text.contains(KEY));
    assert!(text.contains("髙﨑 𠮷子"), "{text}");
    assert!(text.contains("パーキンソン病") && text.contains("2025-06-21"));
    for clinical in [
        "Hoehn",
        "生活機能障害度",
        "一次判定",
        "該当",
        "1955",
        "振戦",
    ] {
        assert!(!text.contains(clinical), "{clinical}");
    }
    assert_eq!(pages(&pdf), 1);
    assert_eq!(
        qr_codes(&pdf, 1),
        vec![qr_payload(KEY, &data.content_hash())]
    );
}

#[test]
fn the_qr_code_decodes_to_the_key_and_the_content_hash() {
    let (data, _) = sample(PARKINSON);
    let (_, pdf) = full(PARKINSON, &data, Some(KEY));
    let codes = qr_codes(&pdf, 1);
    assert_eq!(codes.len(), 1, "{codes:?}");
    let (key, hash) = parse_qr_payload(&codes[0]).expect("an NSDB1 payload");
    assert_eq!(key, KEY);
    assert_eq!(hash, data.content_hash());
    // Another answer: another hash in the code.
    let changed = data.clone().with("hoehn_yahr", "4");
    let (_, pdf2) = full(PARKINSON, &changed, Some(KEY));
    let codes2 = qr_codes(&pdf2, 1);
    assert_eq!(codes2, vec![qr_payload(KEY, &changed.content_hash())]);
    assert_ne!(codes2, codes);
}

#[test]
fn a_draft_is_marked_on_every_page_and_has_no_key_and_no_qr_code() {
    let (data, _) = sample(PARKINSON);
    let (_, pdf) = full(PARKINSON, &data, None);
    let text = pdftotext(&pdf, false);
    let n = pages(&pdf);
    assert!(
        text.matches("下書き（未確定）").count() > n,
        "header and every footer"
    );
    assert!(!text.contains("アクセスキー "));
    assert!(qr_codes(&pdf, 1).is_empty());
}

#[test]
fn long_answers_wrap_and_break_pages_without_losing_a_character() {
    let (mut data, today) = sample(PARKINSON);
    let p0 = presentation(PARKINSON, &data, today);
    let text_item = p0
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.item_type == nsdb_forms::ItemType::Text && i.applies && !i.answered)
        .or_else(|| {
            p0.sections
                .iter()
                .flat_map(|s| &s.items)
                .find(|i| i.id == "address")
        })
        .expect("a text item")
        .id
        .clone();
    let long: String = "振戦、固縮。（所見）Hoehn-Yahr重症度分類は3度、左右差あり。".repeat(120);
    data.set(&text_item, long.as_str());
    let (_, short_pdf) = full(PARKINSON, &sample(PARKINSON).0, Some(KEY));
    let (_, pdf) = full(PARKINSON, &data, Some(KEY));
    assert!(pages(&pdf) > pages(&short_pdf));
    let text = pdftotext(&pdf, false);
    // The footers (drawn last on each page) aside, the text reads through.
    let body: String = text.lines().filter(|l| !l.contains(PARKINSON)).collect();
    assert!(flat(&body).contains(&flat(&long)), "{text}");
    // No line starts with a closing mark.
    for line in text.lines() {
        assert!(
            !line.starts_with('、') && !line.starts_with('。') && !line.starts_with('）'),
            "{line}"
        );
    }
}

/// `pdftotext -layout` of the Parkinson form, compared exactly with the checked-in snapshot
/// (UPDATE_SNAPSHOTS=1 rewrites it).
#[test]
fn the_parkinson_layout_matches_its_snapshot() {
    let (data, _) = sample(PARKINSON);
    let (_, pdf) = full(PARKINSON, &data, Some(KEY));
    let text = pdftotext(&pdf, true);
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/nanbyo-006-2403.layout.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("snapshot (UPDATE_SNAPSHOTS=1 writes it)");
    assert!(
        text == expected,
        "layout changed; review and rewrite with UPDATE_SNAPSHOTS=1:\n{text}"
    );
}

#[test]
fn group_items_print_as_small_tables_with_every_row() {
    // 潰瘍性大腸炎: the months of high medical costs, a group of (month, total) rows.
    let id = "nanbyo-097-2403";
    let (mut data, _) = sample(id);
    let rows: Vec<std::collections::BTreeMap<String, nsdb_forms::Answer>> = [
        ("2025-02", 41000.0),
        ("2025-03", 52500.0),
        ("2025-04", 33000.0),
    ]
    .iter()
    .map(|(m, y)| {
        [
            ("month".to_owned(), nsdb_forms::Answer::from(*m)),
            ("total_yen".to_owned(), nsdb_forms::Answer::from(*y)),
        ]
        .into_iter()
        .collect()
    })
    .collect();
    data.set("high_cost_months", nsdb_forms::Answer::Rows(rows));
    let (p, pdf) = full(id, &data, Some(KEY));
    let group = p
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.id == "high_cost_months")
        .expect("the group");
    assert_eq!(group.rows.len(), 3);
    let text = flat(&pdftotext(&pdf, false));
    assert!(text.contains(&flat(&group.label)));
    for f in &group.fields {
        assert!(text.contains(&flat(&f.label)), "column {}", f.label);
    }
    // Row by row, in order, each cell's value.
    let cells: String = group
        .rows
        .iter()
        .flat_map(|r| r.iter().map(|(_, v)| flat(v)))
        .collect();
    assert!(text.contains(&cells), "{cells} in {text}");
    assert!(text.contains("2025-03") && text.contains("52500"));
}

#[test]
fn a_label_and_value_taller_than_a_page_both_print_whole() {
    // A definition's label cannot be that long, but a note or answer can: the renderer must
    // not lose either column of a row that does not fit on one page.
    let (data, today) = sample(PARKINSON);
    let mut p = presentation(PARKINSON, &data, today);
    let long_label: String = "長い注記の文。".repeat(400);
    let long_value: String = "長い回答の文。".repeat(400);
    // The last item of the first section: its row starts low on page 1.
    let item = p.sections[0].items.last_mut().unwrap();
    item.note = Some(long_label.clone());
    item.display = long_value.clone();
    let pdf = render_form(&p, &header(PARKINSON, &data, Some(KEY)), &Variant::Full).unwrap();
    let text = pdftotext(&pdf, false);
    let body: String = text.lines().filter(|l| !l.contains(PARKINSON)).collect();
    let body = flat(&body);
    assert!(body.contains(&flat(&format!("※{long_label}"))), "the note");
    assert!(body.contains(&flat(&long_value)), "the value");
    // The note comes before the value, and they do not print over each other.
    assert!(body.find("長い注記").unwrap() < body.find("長い回答").unwrap());
    assert_no_overlapping_text(&pdf);
}

/// The printed form is a tagged PDF: a screen reader finds the title as the first heading,
/// each section as a heading, every item (number, label, answer) as a paragraph in paper
/// order, the QR code as a figure described in words, and skips the page footers.
#[test]
fn the_form_is_tagged_in_reading_order_for_screen_readers() {
    let (data, _) = sample(PARKINSON);
    let (p, pdf) = full(PARKINSON, &data, Some(KEY));
    let (tagged, tree) = structure(&pdf);
    assert!(tagged, "pdfinfo: Tagged: yes");
    // Each marked line is quoted on its own line: the text read in order, without quotes.
    let flat_tree = flat(&tree).replace('"', "");
    let title_at = flat_tree
        .find(&format!("H1{}", flat(&p.title)))
        .or_else(|| flat_tree.find("H1"))
        .expect("an H1");
    assert!(flat_tree[title_at..].contains(&flat(&p.title)), "{tree}");
    let mut at = title_at;
    for s in &p.sections {
        let heading = flat(&format!("{} {}", s.heading, s.label));
        let found = flat_tree[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("section {heading} after the previous one: {tree}"));
        at += found;
        assert!(
            flat_tree[..at].rfind("H2").is_some_and(|h| h > title_at),
            "{heading} is a heading"
        );
        for item in s.items.iter().filter(|i| i.applies && i.rows.is_empty()) {
            let label = flat(&item.label);
            let found = flat_tree[at..]
                .find(&label)
                .unwrap_or_else(|| panic!("item {} in paper order: {tree}", item.id));
            at += found;
        }
    }
    assert!(tree.contains("Figure"), "the QR code is a figure: {tree}");
    assert!(
        pdf.windows(4).any(|w| w == b"/Alt"),
        "the figure has an alternative text"
    );
    let n = pages(&pdf);
    assert!(
        !flat_tree.contains(&format!("1/{n}")),
        "the footer is page furniture, not read: {tree}"
    );
    // The key-only sheet too.
    let (sheet_tagged, sheet_tree) = structure(&key_sheet_pdf());
    assert!(sheet_tagged);
    assert!(sheet_tree.contains("H1"), "{sheet_tree}");
}
