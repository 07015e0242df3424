//! Property-based mutation testing of the tokenizer and validator, through
//! the entry point `nsdb check` and the bulk upload use (`xml::validate` over
//! a buffer): the shipped samples (`forms/samples/*.xml`), mutated (bit
//! flips, truncations, deleted and duplicated spans, inserted markup, huge
//! attribute counts, deep nesting), must never make it panic, must be read
//! within bounded work, and every position it reports must lie in the input.
//!
//! The default run (256 cases, a few seconds in debug) is part of the test
//! suite; a longer one, e.g. before a release:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release -p nsdb-forms --test forms xml_fuzz
//! ```
//!
//! A failing case is shrunk by proptest and its seed saved under
//! `crates/forms/proptest-regressions/` (rerun first on the next run); the
//! case itself then becomes a named test in `xml_hostile.rs`.

use crate::xml_common::*;

use std::sync::OnceLock;

use nsdb_forms::xml::{self, Entry, Options, XmlFinding};
use proptest::prelude::*;

fn samples() -> &'static [Vec<u8>] {
    static SAMPLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        xml_samples()
            .into_iter()
            .map(|(_, path)| std::fs::read(path).unwrap())
            .collect()
    })
}

/// Markup and bytes that tokenizers trip on, inserted anywhere.
const INSERTS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp",
    b"&#0;",
    b"&#x110000;",
    b"&unknown;",
    b"]]>",
    b"<!--",
    b"-->",
    b"--",
    b"<![CDATA[",
    b"<?",
    b"?>",
    b"<?xml version=\"1.0\"?>",
    b"<!DOCTYPE bulk>",
    b"</",
    b"/>",
    b"</bulk>",
    b"<n:x>",
    b"\"",
    b"'",
    b"=",
    b" a=\"1\"",
    b" xmlns=\"urn:other\"",
    b" xmlns:n=\"urn:nsdb:bulk:1\"",
    b"\r",
    b"\0",
    b"\xEF\xBF\xBE",
    b"\xC3",
    b"\xFF",
    b"\xE3\x81",
];

/// One edit of a document. Offsets are taken modulo the document's length
/// when applied (earlier edits change it).
#[derive(Debug, Clone)]
enum Mutation {
    FlipBit {
        at: usize,
        bit: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    Insert {
        at: usize,
        what: &'static [u8],
    },
    /// `count` attributes (or namespace declarations) added to the
    /// `tag`-th tag (counted by its `>`).
    ManyAttributes {
        tag: usize,
        count: usize,
        namespaces: bool,
    },
    /// `depth` nested start tags after the `tag`-th `>`, closed or not.
    DeepNesting {
        tag: usize,
        depth: usize,
        closed: bool,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), 1usize..300).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<usize>(), 1usize..600, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        4 => (any::<usize>(), prop::sample::select(INSERTS))
            .prop_map(|(at, what)| Mutation::Insert { at, what }),
        1 => (any::<usize>(), 1usize..3000, any::<bool>()).prop_map(|(tag, count, namespaces)| {
            Mutation::ManyAttributes { tag, count, namespaces }
        }),
        1 => (any::<usize>(), 1usize..400, any::<bool>())
            .prop_map(|(tag, depth, closed)| Mutation::DeepNesting { tag, depth, closed }),
    ]
}

/// Offset of the `n`-th `>` (modulo their number), if any.
fn nth_tag_end(doc: &[u8], n: usize) -> Option<usize> {
    let ends: Vec<usize> = memchr_all(b'>', doc);
    (!ends.is_empty()).then(|| ends[n % ends.len()])
}

fn memchr_all(c: u8, doc: &[u8]) -> Vec<usize> {
    doc.iter()
        .enumerate()
        .filter(|&(_, &b)| b == c)
        .map(|(i, _)| i)
        .collect()
}

fn apply(doc: &mut Vec<u8>, m: &Mutation) {
    let len = doc.len();
    let at = |x: usize| x % (len + 1);
    match *m {
        Mutation::FlipBit { at: a, bit } => {
            if len > 0 {
                doc[a % len] ^= 1 << bit;
            }
        }
        Mutation::Truncate { at: a } => doc.truncate(at(a)),
        Mutation::Delete { at: a, len: n } => {
            let from = at(a);
            doc.drain(from..(from + n).min(len));
        }
        Mutation::Duplicate { from, len: n, to } => {
            let from = at(from);
            let span = doc[from..(from + n).min(len)].to_vec();
            let to = at(to);
            doc.splice(to..to, span);
        }
        Mutation::Insert { at: a, what } => {
            let a = at(a);
            doc.splice(a..a, what.iter().copied());
        }
        Mutation::ManyAttributes {
            tag,
            count,
            namespaces,
        } => {
            let Some(mut end) = nth_tag_end(doc, tag) else {
                return;
            };
            if end > 0 && doc[end - 1] == b'/' {
                end -= 1;
            }
            let mut attributes = Vec::new();
            for i in 0..count {
                if namespaces {
                    attributes.extend(format!(" xmlns:p{i}=\"urn:p{i}\"").bytes());
                } else {
                    attributes.extend(format!(" a{i}=\"{i}\"").bytes());
                }
            }
            doc.splice(end..end, attributes);
        }
        Mutation::DeepNesting { tag, depth, closed } => {
            let Some(end) = nth_tag_end(doc, tag) else {
                return;
            };
            let mut nested = b"<d>".repeat(depth);
            if closed {
                nested.extend(b"</d>".repeat(depth));
            }
            doc.splice(end + 1..end + 1, nested);
        }
    }
}

/// Line lengths of `doc` in characters, as positions count them (lines end
/// at line feeds; a column counts the bytes that are not UTF-8 continuation
/// bytes).
fn line_lengths(doc: &[u8]) -> Vec<u64> {
    doc.split(|&c| c == b'\n')
        .map(|line| line.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64)
        .collect()
}

/// A position is in the input: an existing line, and a column on it or just
/// after its end (where the end of the file or an unclosed token is reported).
fn check_position(lines: &[u64], line: u64, column: u64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        line >= 1 && line as usize <= lines.len(),
        "{what}: line {line} of {}",
        lines.len()
    );
    let width = lines[line as usize - 1];
    prop_assert!(
        column >= 1 && column <= width + 1,
        "{what}: column {column} on line {line} of {width} characters"
    );
    Ok(())
}

fn check_finding(lines: &[u64], f: &XmlFinding) -> Result<(), TestCaseError> {
    prop_assert!(!f.code.is_empty() && !f.message.is_empty(), "{f:?}");
    check_position(lines, f.line, f.column, &f.code)
}

fn check_document(doc: &[u8]) -> Result<(), TestCaseError> {
    let lines = line_lengths(doc);
    let mut validator = xml::validate(doc, Options::new(sample_today()));
    // Every entry and the fatal error come from at least one byte of input:
    // more than that is a loop that does not read.
    let bound = doc.len() + 2;
    let mut steps = 0;
    while let Some(entry) = validator.next() {
        steps += 1;
        prop_assert!(steps <= bound, "{steps} entries from {} bytes", doc.len());
        match entry {
            Ok(Entry::Form(form)) => {
                check_position(&lines, form.line, form.column, "form")?;
                for f in &form.findings {
                    check_finding(&lines, f)?;
                }
            }
            Ok(Entry::File(f)) => check_finding(&lines, &f)?,
            Ok(Entry::Pending(_)) => prop_assert!(false, "checks are not deferred"),
            Err(fatal) => {
                prop_assert!(!fatal.message.is_empty(), "{fatal:?}");
                check_position(&lines, fatal.line, fatal.column, fatal.code)?;
                // Reading stops at a fatal error.
                prop_assert!(validator.next().is_none(), "entries after {fatal:?}");
                break;
            }
        }
    }
    Ok(())
}

proptest! {
    /// 256 cases by default; `PROPTEST_CASES` sets another number.
    #[test]
    fn mutated_samples_never_panic_and_report_positions_inside_the_input(
        sample in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut doc = sample.get(samples()).clone();
        for m in &mutations {
            apply(&mut doc, m);
        }
        check_document(&doc)?;
    }
}

/// The property holds on the samples themselves (every position checked).
#[test]
fn the_samples_report_positions_inside_the_input() {
    for doc in samples() {
        check_document(doc).unwrap();
    }
}
