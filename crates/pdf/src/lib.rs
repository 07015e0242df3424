//! # nsdb-pdf — the printed form
//!
//! Renders a form's [`Presentation`] (the same model the entry screen draws from) to an A4
//! PDF in Japanese, and the access-key-only sheet. Pure: bytes in, bytes out.
//!
//! | call | does |
//! |---|---|
//! | [`render_form`]`(&Presentation, &PrintHeader, &Variant)` | the form: header (title, disease, program, state, access key grouped and its QR code, or 「下書き（未確定）」), sections and items in paper order with their numbers, answers, units and notes, group items as small tables, the 一次判定 with its reasons; footer `n / N` with the definition id |
//! | [`render_key_sheet`]`(&KeySheet)` | アクセスキーのみ: key (large, grouped), QR, patient's name, disease, program, confirmed date, institution; nothing clinical |
//! | [`qr_payload`] / [`parse_qr_payload`] | the QR code's text: `NSDB1 <key> <hash>` |
//!
//! ## The QR code
//! It carries `NSDB1 <KEY> <HASH>`: the literal `NSDB1` (format version 1), one space, the
//! access key grouped as printed (`XXXX-XXXX-XXXX-XXXX-XXXX`), one space, and the content
//! hash of the approved answers, 64 lowercase hex digits: SHA-256 of their canonical JSON,
//! [`nsdb_forms::FormData::content_hash`]. A 自治体 that scans it looks the form up by key
//! and compares the hash with that of the stored answers: equal means the paper shows the
//! answers in the database.
//!
//! ## Text
//! Set in Noto Sans CJK JP (SIL OFL), subset to JIS X 0213:2004 and more
//! (`fonts/README.md`), embedded; krilla subsets it again per document. A character the
//! font lacks prints as 〓 ([`text::MISSING`]). The text layer is extractable (pdftotext,
//! screen readers).

mod canvas;
mod render;
pub mod text;

pub use nsdb_forms::presentation::Presentation;
use nsdb_forms::PersonalData;
pub use render::{render_form, render_key_sheet};

/// What the printout shows that the presentation does not hold.
#[derive(Debug, Clone, Default)]
pub struct PrintHeader {
    /// e.g. 「パーキンソン病」.
    pub disease: String,
    /// 「指定難病」 or 「小児慢性特定疾病」.
    pub program: String,
    /// The form's state as the screens name it (「確定」, 「作成中」…).
    pub state: String,
    /// The access key, grouped as printed; None for a form not confirmed (a draft).
    pub access_key: Option<String>,
    /// The content hash of the approved answers ([`nsdb_forms::FormData::content_hash`]);
    /// goes into the QR code with the key.
    pub content_hash: String,
    /// 確定日, as printed.
    pub confirmed_on: Option<String>,
    pub institution: String,
    pub doctor: String,
    /// 出力日時, as printed.
    pub printed_at: String,
}

/// Which items print.
#[derive(Debug, Clone)]
pub enum Variant {
    /// Everything.
    Full,
    /// For the review board (審査会): items of the hidden classes print as the mask text,
    /// and the access key and its QR code are left out (the key opens the full record).
    Masked(MaskRule),
}

/// What a masked printout hides.
#[derive(Debug, Clone, PartialEq)]
pub struct MaskRule {
    /// Items whose personal-data class is one of these print as [`MaskRule::mask`].
    pub hide: Vec<PersonalData>,
    /// Date items (ids) printed as year and month only (`1955-05-10` → `1955-05`),
    /// whatever their class.
    pub year_month_only: Vec<String>,
    /// What a hidden value prints as.
    pub mask: String,
}

impl MaskRule {
    /// The review board's rule: every identifying item hidden (name, kana, address,
    /// phone, numbers that name the patient); the birth date kept to year and month.
    pub fn review_board() -> MaskRule {
        MaskRule {
            hide: vec![PersonalData::Identifying],
            year_month_only: vec!["birth_date".to_owned()],
            mask: "（マスク）".to_owned(),
        }
    }
}

/// The access-key-only sheet (アクセスキーのみ).
#[derive(Debug, Clone, Default)]
pub struct KeySheet {
    /// Grouped as printed.
    pub access_key: String,
    pub content_hash: String,
    pub patient_name: String,
    pub disease: String,
    pub program: String,
    pub definition_id: String,
    pub confirmed_on: String,
    pub institution: String,
    pub printed_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDFの作成に失敗しました: {0}")]
    Write(String),
    #[error("QRコードを作成できません: {0}")]
    Qr(String),
    #[error("レイアウトの誤り: {0}")]
    Layout(&'static str),
}

/// The QR code's text: `NSDB1 <key> <hash>` (see the crate documentation).
pub fn qr_payload(access_key: &str, content_hash: &str) -> String {
    format!("NSDB1 {access_key} {content_hash}")
}

/// Reads a QR code's text back: (key as printed, content hash), or None when it is not an
/// NSDB1 payload.
pub fn parse_qr_payload(text: &str) -> Option<(&str, &str)> {
    let mut parts = text.split(' ');
    let (Some("NSDB1"), Some(key), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some((key, hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_payload_reads_back() {
        let hash = "ab".repeat(32);
        let p = qr_payload("7KQM-2HXA-BCDE-FGHJ-KMNP", &hash);
        assert_eq!(p, format!("NSDB1 7KQM-2HXA-BCDE-FGHJ-KMNP {hash}"));
        assert_eq!(
            parse_qr_payload(&p),
            Some(("7KQM-2HXA-BCDE-FGHJ-KMNP", hash.as_str()))
        );
        assert_eq!(parse_qr_payload("NSDB2 K H"), None);
        assert_eq!(parse_qr_payload(&format!("NSDB1 K {hash} x")), None);
        assert_eq!(parse_qr_payload("NSDB1 K abc"), None);
    }
}
