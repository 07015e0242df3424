//! Memory on hostile input (issue 8): one form, however many elements it
//! holds, keeps the validator's memory bounded. Alone in its test binary:
//! it measures the process's peak resident memory (Linux `/proc`), which
//! other tests running in parallel threads would disturb.

mod xml_common;
use xml_common::*;

use nsdb_forms::xml::{self, Entry, Options};

/// A field of `/proc/self/status` in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

// Every XSD-level finding remembered its item name (to keep the checks
// from repeating it), even past the 200 findings reported, and even when
// the name was no item of the form: 1,000,000 unknown elements of
// different names grew one form's memory by about 100 MB.
#[test]
fn a_form_of_millions_of_unknown_elements_keeps_memory_bounded() {
    let s = std::fs::read_to_string(samples_dir().join("nanbyo-006-2403.xml")).unwrap();
    // The catalog of every form definition is loaded on first use and kept; load it before
    // measuring, so that only what this one form costs is measured (the catalog grows with
    // every disease encoded).
    for e in xml::validate(s.as_bytes(), Options::new(sample_today())) {
        e.unwrap();
    }
    let junk: String = (0..1_000_000).map(|i| format!("<j{i}/>")).collect();
    let text = s.replacen("<basic>", &format!("<basic>{junk}"), 1);
    drop(junk);
    // Peak resident memory from here on (writing 5 resets VmHWM to VmRSS).
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status_kib("VmRSS:");
    let mut forms = 0;
    for e in xml::validate(text.as_bytes(), Options::new(sample_today())) {
        if let Entry::Form(f) = e.unwrap() {
            assert!(f.findings.iter().any(|x| x.code == "xml_too_many_findings"));
            forms += 1;
        }
    }
    assert_eq!(forms, 1);
    let grown_mib = (status_kib("VmHWM:") - before) / 1024;
    assert!(grown_mib < 32, "peak memory grew by {grown_mib} MiB");
}
