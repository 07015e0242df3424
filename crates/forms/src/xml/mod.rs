//! Bulk-registration XML (一括登録): the format, its XSD and the native validator.
//!
//! The format is described for hospital-system vendors in `docs/xml-format.md`.
//! In short: one file, root `<bulk xmlns="urn:nsdb:bulk:1">`, one element per
//! form named after its form version (`<form_nanbyo-006-2403>`), holding the
//! header (`application_kind`, `institution_code`, optional `local_ref`) and
//! one element per section of the definition, holding one element per item
//! (the item ids). Everything is compiled from the form definition once
//! ([`schema::FormSchema`]); the XSD ([`xsd()`]) and the validator ([`validate()`])
//! both read that model.
//!
//! | call | does |
//! |---|---|
//! | [`xsd()`]`(&[&def])` → `String` | the XSD of files holding forms of these versions (`nsdb xsd ID…`) |
//! | [`validate()`]`(BufRead, Options)` → [`Validator`] | iterator of [`Entry`] (a [`FormReport`] per form, findings outside forms), ending early with a [`FatalError`] |
//! | [`write::write_bulk`] / [`write::write_form`] | a form's answers as XML (samples, test data) |
//!
//! The validator is pure (no file system, no network: a DOCTYPE is refused,
//! nothing is ever fetched), streaming (memory does not grow with the file)
//! and never panics on input.

mod lexer;
pub mod schema;
pub mod validate;
pub mod write;
pub mod xsd;

pub use lexer::Pos;
pub use validate::{
    kind_code, validate, Entry, FatalError, FatalKind, FormReport, Options, PendingForm, Stage,
    Validator, XmlFinding,
};
pub use write::{write_bulk, write_form, FormHeader};
pub use xsd::xsd;

/// The namespace of bulk-registration files, version 1 of the format.
pub const NAMESPACE: &str = "urn:nsdb:bulk:1";
/// The root element.
pub const ROOT: &str = "bulk";

/// `a == b` for element names (a few to a few tens of bytes), compared in
/// place eight bytes at a time: `==` on slices calls `memcmp`, which a
/// profile of `nsdb check` showed at several percent of its time for names
/// this short (compared a few times per element).
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().unwrap_or_default());
    let mut i = 0;
    while i + 8 < n {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    // The last eight bytes (overlapping the words already compared).
    word(a, n - 8) == word(b, n - 8)
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn same_name_is_byte_equality_at_every_length() {
        let base = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for n in 0..base.len() {
            let a = &base[..n];
            assert!(same_name(a, a));
            assert!(!same_name(a, &base[..n + 1]));
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same_name(a, &b), "length {n}, byte {i}");
            }
        }
    }
}
