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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Blank,
    Bool(bool),
    Number(f64),
    Text(String),
    Codes(Vec<String>),
    Rows(Vec<BTreeMap<String, Answer>>),
}

/// Read by the JSON type, not by trying each variant in turn (`serde(untagged)`): every form
/// read from the database deserializes all its answers, and the untagged attempts formatted an
/// error message for each text answer before reaching `Text` (a fifth of a server's CPU under
/// load).
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("null, a boolean, a number, a string, an array of codes or an array of rows")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::Blank)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::Blank)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Answer, E> {
        Ok(Answer::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Answer, E> {
        Ok(Answer::Number(v as f64))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
        Ok(Answer::Number(v as f64))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Answer, E> {
        Ok(Answer::Number(v))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
        Ok(Answer::Text(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
        Ok(Answer::Text(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        let mut codes = Vec::new();
        let mut rows = Vec::new();
        while let Some(element) = seq.next_element::<ArrayElement>()? {
            match element {
                ArrayElement::Code(code) if rows.is_empty() => codes.push(code),
                ArrayElement::Row(row) if codes.is_empty() => rows.push(row),
                _ => return Err(serde::de::Error::custom(
                    "an answer's array holds either codes (strings) or rows (objects), not both",
                )),
            }
        }
        Ok(if rows.is_empty() {
            Answer::Codes(codes)
        } else {
            Answer::Rows(rows)
        })
    }
}

/// An element of an answer's array: a code of a multiple choice or a row of a group.
enum ArrayElement {
    Code(String),
    Row(BTreeMap<String, Answer>),
}

impl<'de> Deserialize<'de> for ArrayElement {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ElementVisitor;
        impl<'de> serde::de::Visitor<'de> for ElementVisitor {
            type Value = ArrayElement;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a code (string) or a row (object)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ArrayElement, E> {
                Ok(ArrayElement::Code(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<ArrayElement, E> {
                Ok(ArrayElement::Code(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ArrayElement, A::Error> {
                BTreeMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(ArrayElement::Row)
            }
        }
        deserializer.deserialize_any(ElementVisitor)
    }
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
    /// likewise; strings as stored; numbers as serde_json writes an `f64`, so `41000.0`
    /// keeps its `.0`). Described for other implementations in docs/pdf.md. The
    /// printed form's QR code carries it (`NSDB1 <key> <hash>`, see `nsdb-pdf`), so the
    /// 自治体 can tell whether a paper matches the approved answers in the database: hash
    /// the stored answers the same way and compare.
    pub fn content_hash(&self) -> String {
        use sha2::Digest;
        let json = serde_json::to_vec(self).expect("FormData always serialises");
        hex::encode(sha2::Sha256::digest(&json))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> Result<Answer, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn each_json_type_reads_as_its_answer() {
        assert_eq!(answer("null").unwrap(), Answer::Blank);
        assert_eq!(answer("true").unwrap(), Answer::Bool(true));
        assert_eq!(answer("3").unwrap(), Answer::Number(3.0));
        assert_eq!(answer("-2").unwrap(), Answer::Number(-2.0));
        assert_eq!(answer("37.8").unwrap(), Answer::Number(37.8));
        // Typed as text, kept as text: "37.80" stays "37.80".
        assert_eq!(answer(r#""37.80""#).unwrap(), Answer::from("37.80"));
        assert_eq!(answer(r#""未実施""#).unwrap(), Answer::from("未実施"));
        assert_eq!(answer("[]").unwrap(), Answer::Codes(Vec::new()));
        assert_eq!(
            answer(r#"["1","3"]"#).unwrap(),
            Answer::from(vec!["1", "3"])
        );
        let rows = answer(r#"[{"drug":"L-ドパ","dose":300},{"drug":"x","dose":null}]"#).unwrap();
        let Answer::Rows(rows) = rows else {
            panic!("rows expected")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["drug"], Answer::from("L-ドパ"));
        assert_eq!(rows[0]["dose"], Answer::Number(300.0));
        assert_eq!(rows[1]["dose"], Answer::Blank);
    }

    #[test]
    fn arrays_mixing_codes_and_rows_or_holding_numbers_are_refused() {
        for bad in [
            r#"["1",{"a":"2"}]"#,
            r#"[{"a":"2"},"1"]"#,
            "[1,2]",
            r#"{"a":"1"}"#,
        ] {
            assert!(answer(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn form_data_round_trips_through_json() {
        let data = FormData::new()
            .with("temp", "37.80")
            .with("count", 2)
            .with("flag", false)
            .with("codes", vec!["2"])
            .with("blank", Answer::Blank);
        let json = serde_json::to_string(&data).unwrap();
        assert_eq!(serde_json::from_str::<FormData>(&json).unwrap(), data);
    }
}
