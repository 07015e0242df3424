//! The data keys that keep patients' identifying items unreadable in the database: an
//! AEAD (XChaCha20-Poly1305, random 192-bit nonces) under keys kept outside the database,
//! each sealed value naming the key that sealed it so that a rotation can re-seal row by
//! row; and a separate search key for keyed hashes (HMAC-SHA-256) of normalized names,
//! kana and birth dates, so that look-ups work without decrypting every row.
//!
//! Pure: the key file's text is read and written by the caller.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DataKeyError {
    #[error("the data key file is not valid: {0}")]
    BadFile(String),
    #[error("no data key with id {0:?} in the key file (was the key file replaced?)")]
    UnknownKey(String),
    #[error("a sealed value does not open with its key (damaged, or moved from another row)")]
    Damaged,
}

/// A value sealed under one data key: `key_id` says which, `text` is base64 of nonce ‖
/// ciphertext ‖ tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub key_id: String,
    pub text: String,
}

/// The key ring: every data key ever used (old ones open old rows until a rotation has
/// re-sealed them), the current one (seals new rows), and the search key.
#[derive(Clone)]
pub struct DataKeys {
    current: String,
    keys: BTreeMap<String, XChaCha20Poly1305>,
    raw: BTreeMap<String, [u8; KEY_BYTES]>,
    search_key: [u8; KEY_BYTES],
}

impl std::fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("DataKeys")
            .field("current", &self.current)
            .field("key_ids", &self.raw.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    format: u32,
    current: String,
    keys: BTreeMap<String, String>,
    search_key: String,
}

fn random_key() -> [u8; KEY_BYTES] {
    let mut key = [0u8; KEY_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

fn new_key_id() -> String {
    let mut suffix = [0u8; 3];
    rand::rngs::OsRng.fill_bytes(&mut suffix);
    format!(
        "{}-{}",
        chrono::Utc::now().format("%Y%m%d"),
        hex::encode(suffix)
    )
}

fn decode_key(name: &str, text: &str) -> Result<[u8; KEY_BYTES], DataKeyError> {
    let bytes = BASE64
        .decode(text.trim())
        .map_err(|_| DataKeyError::BadFile(format!("{name} is not base64")))?;
    bytes
        .try_into()
        .map_err(|_| DataKeyError::BadFile(format!("{name} is not {KEY_BYTES} bytes long")))
}

impl DataKeys {
    /// A new key ring with one data key and a search key (first start).
    pub fn generate() -> Self {
        let id = new_key_id();
        Self::from_parts(id.clone(), [(id, random_key())].into(), random_key())
    }

    fn from_parts(
        current: String,
        raw: BTreeMap<String, [u8; KEY_BYTES]>,
        search_key: [u8; KEY_BYTES],
    ) -> Self {
        let keys = raw
            .iter()
            .map(|(id, key)| (id.clone(), XChaCha20Poly1305::new(key.into())))
            .collect();
        Self {
            current,
            keys,
            raw,
            search_key,
        }
    }

    pub fn parse(text: &str) -> Result<Self, DataKeyError> {
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| DataKeyError::BadFile(e.to_string()))?;
        if file.format != 1 {
            return Err(DataKeyError::BadFile(format!(
                "format {} is not known",
                file.format
            )));
        }
        let mut raw = BTreeMap::new();
        for (id, key) in &file.keys {
            raw.insert(id.clone(), decode_key(&format!("key {id}"), key)?);
        }
        if !raw.contains_key(&file.current) {
            return Err(DataKeyError::BadFile(format!(
                "the current key {} is not in the file",
                file.current
            )));
        }
        let search_key = decode_key("search_key", &file.search_key)?;
        Ok(Self::from_parts(file.current, raw, search_key))
    }

    pub fn to_file_text(&self) -> String {
        let file = KeyFile {
            format: 1,
            current: self.current.clone(),
            keys: self
                .raw
                .iter()
                .map(|(id, key)| (id.clone(), BASE64.encode(key)))
                .collect(),
            search_key: BASE64.encode(self.search_key),
        };
        serde_json::to_string_pretty(&file).expect("a key file serializes") + "\n"
    }

    /// The same ring with a new current data key; the old keys stay to open old rows. The
    /// search key stays: the keyed hashes remain valid.
    pub fn rotated(&self) -> Self {
        let mut raw = self.raw.clone();
        let mut id = new_key_id();
        while raw.contains_key(&id) {
            id = new_key_id();
        }
        raw.insert(id.clone(), random_key());
        Self::from_parts(id, raw, self.search_key)
    }

    pub fn has_key(&self, key_id: &str) -> bool {
        self.keys.contains_key(key_id)
    }

    pub fn current_key_id(&self) -> &str {
        &self.current
    }

    /// Seals `plaintext` under the current key. `context` (e.g. the table and row id) is
    /// authenticated with it, so a sealed value copied into another row does not open.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Sealed {
        let cipher = &self.keys[&self.current];
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 encrypts any length we store");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&ciphertext);
        Sealed {
            key_id: self.current.clone(),
            text: BASE64.encode(bytes),
        }
    }

    pub fn open(&self, sealed: &Sealed, context: &str) -> Result<Vec<u8>, DataKeyError> {
        let cipher = self
            .keys
            .get(&sealed.key_id)
            .ok_or_else(|| DataKeyError::UnknownKey(sealed.key_id.clone()))?;
        let bytes = BASE64
            .decode(&sealed.text)
            .map_err(|_| DataKeyError::Damaged)?;
        if bytes.len() < NONCE_BYTES {
            return Err(DataKeyError::Damaged);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| DataKeyError::Damaged)
    }

    /// The keyed hash of an already normalized value; `purpose` separates the kinds (a
    /// name and a kana that happen to be equal hash differently).
    pub fn search_hash(&self, purpose: &str, normalized: &str) -> String {
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.search_key)
            .expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(normalized.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A name as searched: NFKC (full-width Latin and half-width kana folded), without spaces
/// or middle dots, Latin letters upper-cased.
pub fn normalize_name(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '･'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Kana as searched: as a name, with hiragana folded to katakana (ふりがな and フリガナ
/// are the same person).
pub fn normalize_kana(s: &str) -> String {
    normalize_name(s)
        .chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_context_only() {
        let keys = DataKeys::generate();
        let sealed = keys.seal("山田 太郎".as_bytes(), "patients:1");
        assert!(!sealed.text.contains("山田"));
        assert_eq!(
            keys.open(&sealed, "patients:1").unwrap(),
            "山田 太郎".as_bytes()
        );
        assert_eq!(keys.open(&sealed, "patients:2"), Err(DataKeyError::Damaged));
        let mut tampered = sealed.clone();
        tampered.text.replace_range(40..44, "AAAA");
        assert_eq!(
            keys.open(&tampered, "patients:1"),
            Err(DataKeyError::Damaged)
        );
    }

    #[test]
    fn the_same_value_seals_differently_each_time() {
        let keys = DataKeys::generate();
        assert_ne!(keys.seal(b"x", "c").text, keys.seal(b"x", "c").text);
    }

    #[test]
    fn a_rotated_ring_opens_old_values_and_seals_under_the_new_key() {
        let keys = DataKeys::generate();
        let old = keys.seal(b"old", "c");
        let rotated = DataKeys::parse(&keys.rotated().to_file_text()).unwrap();
        assert_ne!(rotated.current_key_id(), keys.current_key_id());
        assert_eq!(rotated.open(&old, "c").unwrap(), b"old");
        let new = rotated.seal(b"new", "c");
        assert_eq!(new.key_id, rotated.current_key_id());
        assert_eq!(
            keys.open(&new, "c"),
            Err(DataKeyError::UnknownKey(new.key_id.clone()))
        );
        assert_eq!(
            rotated.search_hash("kana", "ヤマダ"),
            keys.search_hash("kana", "ヤマダ")
        );
    }

    #[test]
    fn a_broken_key_file_is_refused_with_the_reason() {
        assert!(matches!(
            DataKeys::parse("{}"),
            Err(DataKeyError::BadFile(_))
        ));
        let text = DataKeys::generate()
            .to_file_text()
            .replace("\"format\": 1", "\"format\": 9");
        assert_eq!(
            DataKeys::parse(&text).unwrap_err(),
            DataKeyError::BadFile("format 9 is not known".into())
        );
    }

    #[test]
    fn search_hashes_depend_on_purpose_and_key() {
        let keys = DataKeys::generate();
        assert_ne!(
            keys.search_hash("name", "ヤマダ"),
            keys.search_hash("kana", "ヤマダ")
        );
        assert_ne!(
            keys.search_hash("kana", "ヤマダ"),
            DataKeys::generate().search_hash("kana", "ヤマダ")
        );
    }

    #[test]
    fn kana_in_either_script_and_width_normalizes_the_same() {
        assert_eq!(normalize_kana("やまだ　たろう"), "ヤマダタロウ");
        assert_eq!(normalize_kana("ﾔﾏﾀﾞ ﾀﾛｳ"), "ヤマダタロウ");
        assert_eq!(normalize_kana("ヤマダ・タロウ"), "ヤマダタロウ");
        assert_eq!(normalize_name("ｙａｍａｄａ Taro"), "YAMADATARO");
        assert_eq!(normalize_name("髙橋 﨑"), "髙橋﨑");
    }
}
