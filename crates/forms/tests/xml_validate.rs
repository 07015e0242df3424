//! The native validator: check-level findings located in the file (test c),
//! exactly the engine's evaluation, and robustness against hostile input.

use crate::xml_common::*;

use std::io::{BufRead, Read};

use nsdb_forms::xml::{self, Entry, FatalKind, Options, Stage};
use nsdb_forms::{catalog, evaluate, FindingSeverity};

fn sample(id: &str) -> String {
    std::fs::read_to_string(samples_dir().join(format!("{id}.xml"))).unwrap()
}

/// 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

fn fatal(text: &[u8]) -> xml::FatalError {
    fatal_with(text, Options::new(sample_today()))
}

fn fatal_with(text: &[u8], o: Options) -> xml::FatalError {
    for e in xml::validate(text, o) {
        if let Err(f) = e {
            return f;
        }
    }
    panic!("no fatal error");
}

// (c) A date-order violation passes the XSD but is an error finding at the element's line.
#[test]
fn date_order_violation_passes_the_xsd_and_is_reported_at_its_line() {
    let text = sample("nanbyo-006-2403").replace(
        "<first_visit_date>2019-06-01</first_visit_date>",
        "<first_visit_date>2018-06-01</first_visit_date>",
    );
    let (forms, file) = run(&text, sample_today());
    assert!(file.is_empty());
    let f = &forms[0];
    assert!(f.schema_valid, "{:#?}", f.findings);
    let d: Vec<_> = f
        .findings
        .iter()
        .filter(|x| x.code == "date_order")
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}"); // 発症 ≤ 初診 (初診 ≤ 診断 still holds)
    let first = d.iter().find(|x| x.item == "first_visit_date").unwrap();
    assert_eq!(first.severity, FindingSeverity::Error);
    assert_eq!(first.stage, Stage::Check);
    assert_eq!(first.line, line_of(&text, "<first_visit_date>"));
    assert_eq!(first.column, 7);
    assert!(first.message.contains("初診年月日"), "{}", first.message);
}

#[test]
fn required_when_is_a_check_finding_located_at_the_section() {
    let text = sample("nanbyo-006-2403").replace(
        "<family_history>2</family_history>",
        "<family_history>1</family_history>",
    );
    let (forms, _) = run(&text, sample_today());
    let f = &forms[0];
    assert!(f.schema_valid);
    let r = f
        .findings
        .iter()
        .find(|x| x.code == "required" && x.item == "family_history_members")
        .unwrap();
    assert_eq!(r.line, line_of(&text, "<basic>"));
}

#[test]
fn an_xsd_finding_is_not_repeated_by_the_checks() {
    let text = sample("nanbyo-006-2403").replace("<sex>1</sex>", "<sex>9</sex>");
    let (forms, _) = run(&text, sample_today());
    let f = &forms[0];
    assert!(!f.schema_valid);
    let on_sex: Vec<_> = f.findings.iter().filter(|x| x.item == "sex").collect();
    assert_eq!(on_sex.len(), 1, "{on_sex:#?}");
    assert_eq!(on_sex[0].code, "xml_code");
    assert_eq!(on_sex[0].stage, Stage::Xml);
    assert_eq!(on_sex[0].line, line_of(&text, "<sex>"));
    assert!(on_sex[0].message.contains("1:男"), "{}", on_sex[0].message);

    let text = sample("nanbyo-006-2403").replace("      <birth_date>1955-05-10</birth_date>\n", "");
    let (forms, _) = run(&text, sample_today());
    let b: Vec<_> = forms[0]
        .findings
        .iter()
        .filter(|x| x.item == "birth_date")
        .collect();
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(b[0].code, "xml_missing");
    // Reported where the next element of <basic> stands.
    assert_eq!(b[0].line, line_of(&text, "<sex>"));
}

#[test]
fn group_field_findings_name_the_row() {
    let text = sample("nanbyo-097-2403");
    let i = text.find("<month>").unwrap();
    let j = text[i..].find("</month>").unwrap() + i;
    let bad = format!("{}<month>2025-13{}", &text[..i], &text[j..]);
    let (forms, _) = run(&bad, sample_today());
    let f = forms[0]
        .findings
        .iter()
        .find(|x| x.item == "high_cost_months.month")
        .unwrap();
    assert_eq!(f.row, Some(1));
    assert_eq!(f.code, "xml_type");
    assert_eq!(f.line, line_of(&bad, "<month>2025-13"));
    assert!(f.message.contains("1行目"), "{}", f.message);
}

#[test]
fn findings_and_determination_are_exactly_the_engines() {
    for (id, path) in xml_samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (forms, _) = run(&text, sample_today());
        let f = &forms[0];
        let def = catalog().get(&id).unwrap();
        let e = evaluate(&def, &f.data(), f.application_kind.unwrap(), sample_today());
        assert_eq!(
            serde_json::to_value(f.determination.as_ref().unwrap()).unwrap(),
            serde_json::to_value(&e.determination).unwrap(),
            "{id}"
        );
        let codes: Vec<_> = f.findings.iter().map(|x| (&x.code, &x.item)).collect();
        let engine: Vec<_> = e.findings.iter().map(|x| (&x.code, &x.item)).collect();
        assert_eq!(codes, engine, "{id}");
        assert_eq!(f.calculations, e.calculations);
        // The items read equal the JSON sample's (apart from the demo 医療機関・指定医).
        if let Some(j) = json_sample(&id) {
            for (k, v) in &j.data.items {
                if k.starts_with("institution") || k.contains("doctor") {
                    continue;
                }
                let got = f
                    .data()
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| panic!("{id}: {k}"));
                match (v, &got) {
                    (nsdb_forms::Answer::Rows(a), nsdb_forms::Answer::Rows(b)) => {
                        assert_eq!(a.len(), b.len())
                    }
                    _ => assert_eq!(v.display(), got.display(), "{id}: {k}"),
                }
            }
        }
    }
}

#[test]
fn header_is_reported_and_checked() {
    let text = sample("nanbyo-006-2403")
        .replace("1310123458", "1310123459")
        .replace("<application_kind>new", "<application_kind>renewal");
    let (forms, _) = run(&text, sample_today());
    let f = &forms[0];
    assert!(f.schema_valid);
    assert_eq!(
        f.application_kind,
        Some(nsdb_forms::ApplicationKind::Renewal)
    );
    assert_eq!(f.local_ref.as_deref(), Some("SAMPLE-nanbyo-006-2403"));
    assert_eq!(f.designated_doctor_number.as_deref(), Some("N13-0001"));
    let c = f
        .findings
        .iter()
        .find(|x| x.code == "institution_code_check_digit")
        .unwrap();
    assert_eq!(c.line, line_of(&text, "<institution_code>"));
    assert!(c.message.contains("末尾は8"), "{}", c.message);
    // Unknown application kind: XSD finding, no determination.
    let text = sample("nanbyo-006-2403")
        .replace("<application_kind>new", "<application_kind>continuation");
    let (forms, _) = run(&text, sample_today());
    assert!(forms[0].determination.is_none());
    assert!(forms[0]
        .findings
        .iter()
        .any(|x| x.code == "xml_code" && x.item == "application_kind"));
}

#[test]
fn a_version_not_in_force_is_an_error() {
    let text = sample("nanbyo-006-2403");
    let (forms, _) = run(&text, chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
    let f = forms[0]
        .findings
        .iter()
        .find(|x| x.code == "version_not_in_force")
        .unwrap();
    assert!(f.message.contains("2024年4月1日から"), "{}", f.message);
}

#[test]
fn unknown_versions_and_stray_elements_are_file_findings_and_the_rest_is_checked() {
    let s = sample("nanbyo-006-2403");
    let form_start = s.find("  <form_").unwrap();
    let end = s.rfind("</bulk>").unwrap();
    let form = &s[form_start..end];
    let text = format!(
        "{}  <form_nanbyo-999-2403><x/></form_nanbyo-999-2403>\n{form}  <other/>\n</bulk>\n",
        &s[..form_start]
    );
    let (forms, file) = run(&text, sample_today());
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].index, 1);
    assert_eq!(file.len(), 2, "{file:#?}");
    assert_eq!(file[0].code, "xml_unknown_form");
    assert_eq!(file[0].line, line_of(&text, "nanbyo-999"));
    assert!(file[0].message.contains("nanbyo-999-2403"));
    assert_eq!(file[1].code, "xml_unknown_element");
}

#[test]
fn malformed_xml_is_not_well_formed_with_a_position() {
    let s = sample("nanbyo-006-2403").replace("<sex>1</sex>", "<sex>1</sexx>");
    let e = fatal(s.as_bytes());
    assert_eq!(e.kind, FatalKind::NotWellFormed);
    assert_eq!(e.code, "xml_malformed");
    assert_eq!(e.line, line_of(&s, "</sexx>"));
    assert!(e.message.contains("sexx"), "{}", e.message);
    for bad in [
        &b""[..],
        b"   ",
        b"not xml at all",
        b"%PDF-1.4\n\x00\x01",
        b"<bulk xmlns=\"urn:nsdb:bulk:1\">",
        b"<bulk xmlns=\"urn:nsdb:bulk:1\"><a>&unknown;</a></bulk>",
        b"<bulk xmlns=\"urn:nsdb:bulk:1\"></bulk><bulk/>",
        b"<bulk xmlns=\"urn:nsdb:bulk:1\" a=\"1\" a=\"2\"></bulk>",
        b"<bulk xmlns=\"urn:nsdb:bulk:1\">\x01</bulk>",
        b"<a></b>",
        b"<a>x</a>trailing",
    ] {
        let e = fatal(bad);
        assert_eq!(
            e.kind,
            FatalKind::NotWellFormed,
            "{:?}: {e:?}",
            String::from_utf8_lossy(bad)
        );
        assert!(!e.message.is_empty());
    }
}

#[test]
fn doctype_and_external_entities_are_refused_and_never_fetched() {
    // A listener that records any connection: nothing may connect.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE bulk [\n<!ENTITY x SYSTEM \"http://127.0.0.1:{port}/x\">\n<!ENTITY p SYSTEM \"file:///etc/passwd\">\n]>\n<bulk xmlns=\"urn:nsdb:bulk:1\">&x;&p;</bulk>\n"
    );
    let e = fatal(doc.as_bytes());
    assert_eq!(e.kind, FatalKind::Refused);
    assert_eq!(e.code, "xml_doctype");
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("DOCTYPE"));
    assert!(!e.message.contains("root:"));
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(
        listener.accept().is_err(),
        "the validator connected to the entity's URL"
    );
}

#[test]
fn encodings_other_than_utf8_are_refused() {
    let e = fatal(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<bulk/>");
    assert_eq!(e.kind, FatalKind::Refused);
    assert_eq!(e.code, "xml_encoding");
    assert!(e.message.contains("Shift_JIS"));
    // Shift_JIS bytes (山田 = 8E 52 93 63) with no declaration: not UTF-8.
    let mut doc = b"<?xml version=\"1.0\"?>\n<bulk xmlns=\"urn:nsdb:bulk:1\">\n  <x>".to_vec();
    doc.extend_from_slice(&[0x8E, 0x52, 0x93, 0x63]);
    doc.extend_from_slice(b"</x></bulk>");
    let e = fatal(&doc);
    assert_eq!(e.code, "xml_encoding");
    assert_eq!((e.line, e.column), (3, 6));
    // UTF-16 with a byte-order mark.
    let e = fatal(&[0xFF, 0xFE, b'<', 0, b'b', 0]);
    assert_eq!(e.code, "xml_encoding");
    // "utf-8" in any case, and a UTF-8 BOM, are fine.
    let s = sample("nanbyo-006-2403").replace("encoding=\"UTF-8\"", "encoding=\"utf-8\"");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(s.as_bytes());
    let mut n = 0;
    for e in xml::validate(&bom[..], Options::new(sample_today())) {
        let Entry::Form(f) = e.unwrap() else { panic!() };
        assert!(f.schema_valid);
        assert_eq!(f.line, 4);
        n += 1;
    }
    assert_eq!(n, 1);
}

#[test]
fn limits_give_clear_errors() {
    let s = sample("nanbyo-006-2403");
    // A text node beyond the token limit (default 1 MiB).
    let huge = s.replace("<address>", &format!("<address>{}", "あ".repeat(400_000)));
    let e = fatal(huge.as_bytes());
    assert_eq!((e.kind, e.code), (FatalKind::Refused, "xml_too_large"));
    assert_eq!(e.line, line_of(&huge, "<address>"));
    // Deep nesting.
    let deep = format!(
        "<bulk xmlns=\"urn:nsdb:bulk:1\">{}{}</bulk>",
        "<a>".repeat(100),
        "</a>".repeat(100)
    );
    let e = fatal(deep.as_bytes());
    assert_eq!((e.kind, e.code), (FatalKind::Refused, "xml_too_deep"));
    // Too many forms.
    let form_start = s.find("  <form_").unwrap();
    let end = s.rfind("</bulk>").unwrap();
    let three = format!("{}{}</bulk>", &s[..end], s[form_start..end].repeat(2));
    let mut o = Options::new(sample_today());
    o.max_forms = 2;
    let e = fatal_with(three.as_bytes(), o);
    assert_eq!((e.kind, e.code), (FatalKind::Refused, "xml_too_many_forms"));
    // File size.
    let mut o = Options::new(sample_today());
    o.max_file_bytes = 1000;
    let e = fatal_with(s.as_bytes(), o);
    assert_eq!(e.code, "xml_too_large");
    // Findings of one form are capped.
    let many = s.replace("<basic>", &format!("<basic>{}", "<junk/>".repeat(1000)));
    let (forms, _) = run(&many, sample_today());
    let f = &forms[0];
    assert!(f.findings.len() < 300, "{}", f.findings.len());
    assert!(f.findings.iter().any(|x| x.code == "xml_too_many_findings"));
}

/// An endless bulk file: the root, then the sample form again and again.
struct Endless {
    chunks: Vec<u8>,
    head: Vec<u8>,
    pos: usize,
    served: u64,
}

impl Read for Endless {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let b = self.fill_buf()?;
        let n = b.len().min(out.len());
        out[..n].copy_from_slice(&b[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Endless {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if !self.head.is_empty() {
            return Ok(&self.head);
        }
        Ok(&self.chunks[self.pos..])
    }
    fn consume(&mut self, n: usize) {
        self.served += n as u64;
        if !self.head.is_empty() {
            self.head.drain(..n);
            return;
        }
        self.pos += n;
        if self.pos == self.chunks.len() {
            self.pos = 0;
        }
    }
}

#[test]
fn forms_come_out_one_by_one_from_an_endless_stream() {
    let s = sample("nanbyo-097-2403");
    let form_start = s.find("  <form_").unwrap();
    let end = s.rfind("</bulk>").unwrap();
    let input = Endless {
        head: s.as_bytes()[..form_start].to_vec(),
        chunks: s.as_bytes()[form_start..end].to_vec(),
        pos: 0,
        served: 0,
    };
    let mut v = xml::validate(input, Options::new(sample_today()));
    for i in 1..=300 {
        let Some(Ok(Entry::Form(f))) = v.next() else {
            panic!()
        };
        assert_eq!(f.index, i);
        assert!(f.schema_valid);
    }
}

#[test]
fn crlf_tabs_and_multibyte_text_keep_lines_and_columns() {
    let s = sample("nanbyo-006-2403").replace('\n', "\r\n").replace(
        "<family_name>山田</family_name>",
        "<family_name>山田</family_name>\t<zzz>x</zzz>",
    );
    let (forms, _) = run(&s, sample_today());
    assert_eq!(forms[0].findings.len(), 1, "{:#?}", forms[0].findings);
    let f = forms[0].findings.iter().find(|x| x.item == "zzz").unwrap();
    assert_eq!(f.line, line_of(&s, "<family_name>"));
    // 6 spaces, <family_name> (13), 山田 (2), </family_name> (14), tab (1) → column 37.
    assert_eq!(f.column, 37, "{f:#?}");
}

// Namespaces in XML 1.0 §6.1: a declaration's scope is the element it is on.
#[test]
fn a_namespace_declared_on_a_section_ends_with_it() {
    let s = sample("nanbyo-006-2403").replace("<living>", "<living xmlns=\"urn:other\">");
    let (forms, file) = run(&s, sample_today());
    assert!(file.is_empty(), "{file:#?}");
    let xml: Vec<_> = forms[0]
        .findings
        .iter()
        .filter(|f| f.stage == Stage::Xml)
        .collect();
    // <living> is not in the bulk namespace (so the required section is
    // missing); the sections after it are read in the bulk namespace again.
    assert!(!xml.is_empty());
    assert!(xml.iter().all(|f| f.item == "living"), "{xml:#?}");
    assert_eq!(xml[0].line, line_of(&s, "<living "));
}

#[test]
fn random_corruption_never_panics() {
    let base = sample("nanbyo-097-2403").into_bytes();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"<>/&;=\"' \n\t\r!?[]-_abcxyz0129\x00\xff\xe3";
    // NSDB_FUZZ_ITERATIONS=100000 for a longer run.
    let n: usize = std::env::var("NSDB_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    for _ in 0..n {
        let mut doc = base.clone();
        let edits = 1 + next() % 4;
        for _ in 0..edits {
            let at = (next() as usize) % doc.len();
            match next() % 3 {
                0 => doc[at] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    doc.remove(at);
                }
                _ => {
                    let len = (next() as usize % 40).min(doc.len() - at);
                    let chunk: Vec<u8> = doc[at..at + len].to_vec();
                    doc.splice(at..at, chunk);
                }
            }
        }
        for e in xml::validate(&doc[..], Options::new(sample_today())) {
            let _ = e;
        }
    }
}

#[test]
fn deferred_checks_give_the_same_reports_and_can_run_on_another_thread() {
    let text = sample("nanbyo-097-2403").replace("<uc_pulse>84", "<uc_pulse>abc");
    let (direct, _) = run(&text, sample_today());
    let mut o = Options::new(sample_today());
    o.defer_checks = true;
    let mut pending = Vec::new();
    for e in xml::validate(text.as_bytes(), o.clone()) {
        match e.unwrap() {
            Entry::Pending(p) => pending.push(p),
            other => panic!("{other:?}"),
        }
    }
    let handle = std::thread::spawn(move || {
        pending
            .into_iter()
            .map(|p| p.finish(&o))
            .collect::<Vec<_>>()
    });
    let deferred = handle.join().unwrap();
    assert_eq!(deferred.len(), direct.len());
    assert_eq!(
        serde_json::to_value(&deferred[0]).unwrap(),
        serde_json::to_value(&direct[0]).unwrap()
    );
}

/// Well-formedness errors of XML 1.0 that the tokenizer refuses (xmllint
/// says "not well-formed" for each), at the offending line and column.
#[test]
fn xml_1_0_well_formedness_errors_are_fatal_at_their_position() {
    let s = sample("nanbyo-006-2403");
    let at = |needle: &str| {
        let line = line_of(&s, needle);
        let col = s
            .lines()
            .nth(line as usize - 1)
            .unwrap()
            .find(needle)
            .unwrap() as u64
            + 1;
        (line, col)
    };
    let (sex_line, sex_col) = at("<sex>");
    let cases: [(&str, String, (u64, u64)); 7] = [
        // [5] Name: a name cannot start with a digit; the tag is reported.
        (
            "name start",
            s.replace("<sex>1</sex>", "<1sex>1</1sex>"),
            (sex_line, sex_col),
        ),
        // [40] STag: a character that is not a NameChar ends the name.
        (
            "name char",
            s.replace("<sex>1</sex>", "<se=x>1</se=x>"),
            (sex_line, sex_col + 3),
        ),
        // [14] CharData: "]]>" may not appear in character data.
        (
            "]]> in text",
            s.replace("<sex>1</sex>", "<sex>1]]></sex>"),
            (sex_line, sex_col + 6),
        ),
        // [15] Comment: "--" may not appear inside a comment.
        (
            "-- in comment",
            s.replace("<sex>1</sex>", "<sex>1</sex><!-- a -- b -->"),
            (sex_line, sex_col + 12 + 7),
        ),
        // [41] Attribute: attributes are separated by white space.
        (
            "attribute spacing",
            s.replace("<sex>", "<sex a=\"1\"b=\"2\">"),
            (sex_line, sex_col + 10),
        ),
        // [42] ETag: the end tag's name ends at white space or ">".
        (
            "end tag name",
            s.replace("<sex>1</sex>", "<sex>1</sex x>"),
            (sex_line, sex_col + 6),
        ),
        // [23] XMLDecl: the version is required (the unknown pseudo-attribute
        // that stands in its place is reported).
        (
            "declaration",
            s.replacen("version=\"1.0\"", "vrsion=\"1.0\"", 1),
            (1, 7),
        ),
    ];
    for (what, doc, (line, column)) in cases {
        let e = fatal(doc.as_bytes());
        assert_eq!(e.kind, FatalKind::NotWellFormed, "{what}: {e:?}");
        assert_eq!(e.code, "xml_malformed", "{what}: {e:?}");
        assert_eq!((e.line, e.column), (line, column), "{what}: {e:?}");
    }
}

/// The one-token path for `<name>text</name>` and the generic path (start
/// tag, text, end tag) give the same findings: the same value written with a
/// comment inside takes the generic path.
#[test]
fn value_elements_read_in_one_token_or_three_give_the_same_report() {
    let s = sample("nanbyo-097-2403")
        .replace("<sex>1</sex>", "<sex>9</sex>")
        .replace("<uc_pulse>84</uc_pulse>", "<uc_pulse>abc</uc_pulse>");
    let split = s.replace("<sex>9</sex>", "<sex>9<!-- --></sex>").replace(
        "<uc_pulse>abc</uc_pulse>",
        "<uc_pulse><![CDATA[abc]]></uc_pulse>",
    );
    let (one, _) = run(&s, sample_today());
    let (three, _) = run(&split, sample_today());
    let codes = |r: &xml::FormReport| {
        r.findings
            .iter()
            .map(|f| (f.code.clone(), f.item.clone(), f.line))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&one[0]), codes(&three[0]));
    assert!(one[0].findings.iter().any(|f| f.code == "xml_code"));
    assert!(one[0].findings.iter().any(|f| f.code == "xml_type"));
}

/// XML declarations that XML 1.0 production [23] XMLDecl allows:
/// `'<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>'`, quotes of either kind,
/// spaces around `=` ([25] Eq), a version `1.` and digits ([26] VersionNum).
pub const WELL_FORMED_DECLARATIONS: [&str; 6] = [
    "<?xml version=\"1.0\"?>",
    "<?xml version='1.0' encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<?xml version=\"1.0\" standalone='no'?>",
    "<?xml version = \"1.0\"   encoding = 'utf-8'  ?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>",
];

/// Declarations that are not production [23], with the column of the
/// problem (line 1) and the production it breaks.
pub const MALFORMED_DECLARATIONS: [(&str, u64, &str); 18] = [
    (
        "<?xml encoding=\"UTF-8\" version=\"1.0\"?>",
        7,
        "[23] VersionInfo first",
    ),
    (
        "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
        38,
        "[23] EncodingDecl before SDDecl",
    ),
    (
        "<?xml version=\"1.0\" foo=\"bar\"?>",
        21,
        "[23] no other pseudo-attribute",
    ),
    (
        "<?xml version=\"1.0\" standalone=\"maybe\"?>",
        33,
        "[32] SDDecl yes | no",
    ),
    (
        "<?xml version=\"1.0\" standalone=\"YES\"?>",
        33,
        "[32] SDDecl yes | no",
    ),
    (
        "<?xml version=\"1.0\" version=\"1.0\"?>",
        21,
        "[23] VersionInfo once",
    ),
    (
        "<?xml version=\"1.0\" encoding=\"UTF-8\" encoding=\"UTF-8\"?>",
        38,
        "[23] EncodingDecl once",
    ),
    (
        "<?xml version=\"1.0\" standalone=\"no\" standalone=\"no\"?>",
        37,
        "[23] SDDecl once",
    ),
    ("<?xml encoding=\"UTF-8\"?>", 7, "[23] VersionInfo required"),
    ("<?xml ?>", 6, "[23] VersionInfo required"),
    ("<?xml version=\"1\"?>", 16, "[26] VersionNum"),
    ("<?xml version=\"2.0\"?>", 16, "[26] VersionNum"),
    ("<?xml version=\"1.x\"?>", 16, "[26] VersionNum"),
    ("<?xml version=\"\"?>", 16, "[26] VersionNum"),
    (
        "<?xml version=\"1.0\" encoding=\"8bit\"?>",
        31,
        "[81] EncName",
    ),
    (
        "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
        7,
        "[80] S before EncodingDecl",
    ),
    ("<?xml version=1.0?>", 7, "[24] quoted VersionNum"),
    ("<?xml version=\"1.0' ?>", 7, "[24] matching quotes"),
];

fn with_declaration(decl: &str) -> String {
    let s = sample("nanbyo-006-2403");
    let first_line = s.find('\n').unwrap();
    format!("{decl}{}", &s[first_line..])
}

#[test]
fn xml_declarations_of_production_23_pass() {
    for decl in WELL_FORMED_DECLARATIONS {
        let (forms, file) = run(&with_declaration(decl), sample_today());
        assert!(file.is_empty(), "{decl}: {file:#?}");
        assert!(forms[0].schema_valid, "{decl}");
    }
    // No declaration at all is fine too.
    let s = sample("nanbyo-006-2403");
    let (forms, _) = run(&s[s.find('\n').unwrap() + 1..], sample_today());
    assert!(forms[0].schema_valid);
}

#[test]
fn xml_declarations_not_of_production_23_are_not_well_formed_at_the_problem() {
    for (decl, column, production) in MALFORMED_DECLARATIONS {
        let e = fatal(with_declaration(decl).as_bytes());
        assert_eq!(
            (e.kind, e.code, e.line, e.column),
            (FatalKind::NotWellFormed, "xml_malformed", 1, column),
            "{production}: {decl}: {e:?}"
        );
        assert!(e.message.contains("XML宣言"), "{decl}: {}", e.message);
    }
}

/// [26] allows `1.1`: well-formed, but the format is XML 1.0 (refused, exit 1).
#[test]
fn an_xml_version_other_than_1_0_is_refused() {
    let e = fatal(with_declaration("<?xml version=\"1.1\"?>").as_bytes());
    assert_eq!((e.kind, e.code), (FatalKind::Refused, "xml_malformed"));
    assert!(e.message.contains("1.1"), "{}", e.message);
}
