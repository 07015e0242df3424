//! Entered form data, as the JSON API and the XML importer deliver it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The items of one form: item id → answer. Serializes as a plain JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormData {
    pub items: BTreeMap<String, Answer>,
}

/// One answer. Dates are `"YYYY-MM-DD"`, year-months `"YYYY-MM"`, codes strings
/// (`"1"`), numbers JSON numbers or decimal strings; a lab value not measured is
/// `"not_done"` (or `"未実施"`); a group is an array of row objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Blank,
    Bool(bool),
    Number(f64),
    Text(String),
    Codes(Vec<String>),
    Rows(Vec<BTreeMap<String, Answer>>),
}

/// The answer meaning 未実施 (not measured / not done).
pub const NOT_DONE: &str = "not_done";

/// `s.trim()`, without walking the string when it starts and ends with a
/// printable ASCII character (the usual case: codes, numbers, dates).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let printable = |c: Option<&u8>| c.is_some_and(|c| (b'!'..=b'~').contains(c));
    if printable(s.as_bytes().first()) && printable(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

impl Answer {
    #[inline]
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Blank => true,
            // `s.trim().is_empty()`, stopping at the first non-space character.
            Answer::Text(s) => s.chars().all(char::is_whitespace),
            Answer::Codes(v) => v.is_empty(),
            Answer::Rows(v) => v.is_empty(),
            _ => false,
        }
    }
    /// The answer as the doctor typed it, for messages.
    pub fn display(&self) -> String {
        match self {
            Answer::Blank => String::new(),
            Answer::Bool(b) => b.to_string(),
            Answer::Number(n) => crate::value::fmt_num(*n),
            Answer::Text(s) => s.clone(),
            Answer::Codes(v) => v.join(","),
            Answer::Rows(v) => format!("{}行", v.len()),
        }
    }
}

impl From<&str> for Answer {
    fn from(s: &str) -> Self {
        Answer::Text(s.to_string())
    }
}
impl From<String> for Answer {
    fn from(s: String) -> Self {
        Answer::Text(s)
    }
}
impl From<f64> for Answer {
    fn from(v: f64) -> Self {
        Answer::Number(v)
    }
}
impl From<i64> for Answer {
    fn from(v: i64) -> Self {
        Answer::Number(v as f64)
    }
}
impl From<i32> for Answer {
    fn from(v: i32) -> Self {
        Answer::Number(v as f64)
    }
}
impl From<bool> for Answer {
    fn from(v: bool) -> Self {
        Answer::Bool(v)
    }
}
impl From<Vec<&str>> for Answer {
    fn from(v: Vec<&str>) -> Self {
        Answer::Codes(v.into_iter().map(String::from).collect())
    }
}

impl FormData {
    pub fn new() -> FormData {
        FormData::default()
    }
    /// Builder: sets one item.
    pub fn with(mut self, id: &str, answer: impl Into<Answer>) -> FormData {
        self.items.insert(id.to_string(), answer.into());
        self
    }
    pub fn set(&mut self, id: &str, answer: impl Into<Answer>) {
        self.items.insert(id.to_string(), answer.into());
    }
    pub fn remove(&mut self, id: &str) {
        self.items.remove(id);
    }
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.items.get(id)
    }

    /// The content hash of these answers: SHA-256, as 64 lowercase hex digits, of their
    /// canonical serialisation — the compact JSON object `serde_json` writes for
    /// [`FormData`] (item ids in byte order, since `items` is a `BTreeMap`; group rows' fields
    /// likewise; strings as stored, numbers in serde_json's shortest round-trip form). The
    /// printed form's QR code carries it (`NSDB1 <key> <hash>`, see `nsdb-pdf`), so the
    /// 自治体 can tell whether a paper matches the approved answers in the database: hash
    /// the stored answers the same way and compare.
    pub fn content_hash(&self) -> String {
        use sha2::Digest;
        let json = serde_json::to_vec(self).expect("FormData always serialises");
        hex::encode(sha2::Sha256::digest(&json))
    }
}
