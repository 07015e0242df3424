//! Hostile input (issue 8): for every way a file could make the tokenizer or
//! the validator do more than linear work, or hold more than bounded memory,
//! a generated file that goes far past the limit stops with a clear fatal
//! error at its position. The limits themselves keep the work bounded, so
//! the tests assert the error rather than a time.

use crate::xml_common::*;

use nsdb_forms::xml::{self, Entry, FatalError, FatalKind, Options};

const ROOT: &str = "<bulk xmlns=\"urn:nsdb:bulk:1\"";

/// The fatal error that ends the validation of `text` (the test fails if none).
fn fatal(text: &str) -> FatalError {
    for e in xml::validate(text.as_bytes(), Options::new(sample_today())) {
        if let Err(f) = e {
            return f;
        }
    }
    panic!("no fatal error");
}

/// The number of file-level findings, or the fatal error.
fn file_findings(text: &str) -> Result<usize, FatalError> {
    let mut n = 0;
    for e in xml::validate(text.as_bytes(), Options::new(sample_today())) {
        if let Entry::File(_) = e? {
            n += 1;
        }
    }
    Ok(n)
}

/// 1-based column of byte `at` on a one-line ASCII document.
fn column(at: usize) -> u64 {
    at as u64 + 1
}

fn attributes(range: std::ops::Range<usize>) -> String {
    range.map(|i| format!(" a{i}=\"{i}\"")).collect()
}

// The review's case: 40,000 attributes on an element (the duplicate check
// compared each with every earlier one: 25 s of CPU for 20 such elements).
#[test]
fn an_element_with_40000_attributes_is_refused_at_the_257th() {
    let head = format!("{ROOT}{}", attributes(0..256));
    let text = format!("{head}{}>\n</bulk>\n", attributes(256..40_000));
    let e = fatal(&text);
    assert_eq!(
        (e.kind, e.code),
        (FatalKind::Refused, "xml_too_many_attributes")
    );
    // At the 257th attribute (the namespace declaration is the first).
    assert_eq!(
        (e.line, e.column),
        (1, column(head.rfind(" a255").unwrap() + 1))
    );
    assert!(
        e.message.contains("<bulk>") && e.message.contains("256"),
        "{}",
        e.message
    );
}

#[test]
fn two_hundred_fifty_six_attributes_are_read_and_reported_one_by_one() {
    // 255 foreign attributes: 255 xml_attribute findings, capped at 200.
    let text = format!("{ROOT}{}>\n</bulk>\n", attributes(0..255));
    assert_eq!(file_findings(&text), Ok(200));
}

// XML 1.0 §3.1 (WFC: Unique Att Spec), past the small-count comparison loop:
// a duplicate among many attributes is still found, at its position.
#[test]
fn a_duplicate_among_many_attributes_is_not_well_formed_at_its_position() {
    let head = format!("{ROOT}{}", attributes(0..150));
    let text = format!("{head} a7=\"x\"{}>\n</bulk>\n", attributes(150..200));
    let e = fatal(&text);
    assert_eq!(
        (e.kind, e.code),
        (FatalKind::NotWellFormed, "xml_malformed")
    );
    assert_eq!((e.line, e.column), (1, column(head.len() + 1)));
    assert!(e.message.contains("a7"), "{}", e.message);
    // Names that differ only in their prefix are different attributes.
    let text = format!(
        "{ROOT} xmlns:p=\"urn:p\"{} p:a7=\"x\">\n</bulk>\n",
        attributes(0..50)
    );
    assert!(file_findings(&text).is_ok());
}

fn declarations(range: std::ops::Range<usize>) -> String {
    range.map(|i| format!(" xmlns:p{i}=\"urn:p{i}\"")).collect()
}

// Each element with a prefix looks it up among the declarations in scope:
// as many declarations as attributes allow on each of 16 nested elements
// made every lookup cost thousands of comparisons.
#[test]
fn more_than_64_namespace_declarations_in_scope_are_refused() {
    // On one element: the default namespace and 63 prefixes are fine…
    let ok = format!("{ROOT}{}>\n</bulk>\n", declarations(0..63));
    assert!(file_findings(&ok).is_ok());
    // … one more is refused, at that declaration.
    let head = format!("{ROOT}{}", declarations(0..63));
    let text = format!("{head}{}>\n</bulk>\n", declarations(63..5000));
    let e = fatal(&text);
    assert_eq!(
        (e.kind, e.code),
        (FatalKind::Refused, "xml_too_many_namespaces")
    );
    assert_eq!((e.line, e.column), (1, column(head.len() + 1)));
    assert!(e.message.contains("64"), "{}", e.message);
    // Spread over nested elements: 8 per level, refused on the 8th level
    // (with the root's default namespace, 65 in scope).
    let mut text = format!("{ROOT}>");
    for level in 0..12 {
        text.push_str(&format!("<x{}>", declarations(level * 8..level * 8 + 8)));
    }
    let e = fatal(&text);
    assert_eq!(e.code, "xml_too_many_namespaces");
    // Declarations end with their element: 100 siblings with 60 each are fine.
    let sibling = format!("<x{}/>", declarations(0..60));
    let text = format!("{ROOT}>{}</bulk>", sibling.repeat(100));
    assert!(file_findings(&text).is_ok());
}

#[test]
fn deep_nesting_is_refused_at_the_17th_level() {
    let text = format!("{ROOT}>{}", "<a>".repeat(1_000_000));
    let e = fatal(&text);
    assert_eq!((e.kind, e.code), (FatalKind::Refused, "xml_too_deep"));
    assert_eq!((e.line, e.column), (1, column(ROOT.len() + 1 + 15 * 3)));
}

// One token (text, tag, name, comment, processing instruction, CDATA,
// attribute value) is at most 1 MiB: what the tokenizer scans again when
// it has to read more, and what it keeps in memory.
#[test]
fn huge_tokens_of_every_kind_are_refused() {
    let big = "x".repeat(2 << 20);
    let tag = ROOT.len() + 1;
    // (what, document, offset of the token).
    let cases = [
        ("comment", format!("{ROOT}><!--{big}-->"), tag),
        (
            "processing instruction",
            format!("{ROOT}><?pi {big}?>"),
            tag,
        ),
        ("CDATA", format!("{ROOT}><a><![CDATA[{big}]]></a>"), tag + 3),
        ("text", format!("{ROOT}><a>{big}</a>"), tag + 3),
        ("element name", format!("{ROOT}><a{big}>"), tag),
        ("attribute value", format!("{ROOT}><a b=\"{big}\">"), tag),
        ("prefix", format!("{ROOT}><p{big}:a>"), tag),
    ];
    for (what, text, at) in cases {
        let e = fatal(&text);
        assert_eq!(
            (e.kind, e.code),
            (FatalKind::Refused, "xml_too_large"),
            "{what}: {e:?}"
        );
        assert_eq!((e.line, e.column), (1, column(at)), "{what}");
    }
}

// Findings outside forms are capped like those of one form (200), however
// many elements cause them.
#[test]
fn findings_outside_forms_are_capped() {
    let text = format!("{ROOT}>{}</bulk>", "<junk/>".repeat(200_000));
    assert_eq!(file_findings(&text), Ok(200));
}
