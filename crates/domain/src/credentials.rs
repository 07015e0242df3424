//! Passwords (Argon2id), one-time passwords, tokens and the key file (暗号化鍵ファイル).
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::DomainError;

pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Characters of generated secrets read aloud or typed from paper: no 0/O, 1/I/L.
const READABLE: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2id with default parameters accepts any password")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the login ID does not exist so a
/// failure takes the same time either way.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&random_readable(24)))
}

/// Password policy: at least 12 characters, at most 128, at least two kinds of
/// character (letters, digits, symbols), and not containing the login ID.
pub fn check_password_policy(password: &str, login_id: &str) -> Result<(), DomainError> {
    let fail = |msg: &str| {
        Err(DomainError::invalid(
            "new_password",
            format!("新しいパスワード: {msg}"),
        ))
    };
    let len = password.chars().count();
    if len < MIN_PASSWORD_LENGTH {
        return fail(&format!(
            "{MIN_PASSWORD_LENGTH}文字以上にしてください（現在{len}文字）。"
        ));
    }
    if len > 128 {
        return fail("128文字以内にしてください。");
    }
    let has_alpha = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    let has_symbol = password.chars().any(|c| !c.is_alphanumeric());
    if [has_alpha, has_digit, has_symbol]
        .iter()
        .filter(|b| **b)
        .count()
        < 2
    {
        return fail("英字・数字・記号のうち2種類以上を組み合わせてください。");
    }
    if password.to_lowercase().contains(&login_id.to_lowercase()) {
        return fail("ログインIDを含むパスワードは使えません。");
    }
    Ok(())
}

pub fn random_readable(len: usize) -> String {
    let mut rng = OsRng;
    (0..len)
        .map(|_| READABLE[rng.gen_range(0..READABLE.len())] as char)
        .collect()
}

/// A one-time password as issued on paper: 16 readable characters.
pub fn one_time_password() -> String {
    random_readable(16)
}

/// 256-bit random token, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Secrets (session tokens, reset tokens, key secrets) are stored only as their SHA-256.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Login IDs: a prefix naming the kind of account, then 8 random digits.
pub fn new_login_id(prefix: &str) -> String {
    let mut rng = OsRng;
    format!("{prefix}{:08}", rng.gen_range(0..100_000_000u32))
}

const KEY_FILE_HEADER: &str = "-----BEGIN NSDB KEY FILE-----";
const KEY_FILE_FOOTER: &str = "-----END NSDB KEY FILE-----";

/// A key file is issued for one login ID; the server keeps only the secret's hash.
pub struct KeyFile {
    pub text: String,
    pub secret_hash: String,
}

pub fn issue_key_file(login_id: &str, issued_at: &str) -> KeyFile {
    let secret = random_token();
    let text = format!(
        "{KEY_FILE_HEADER}\n\
         # 難病・小慢DB 暗号化鍵ファイル。ログインのたびに必要です。他人に渡さず安全に保管してください。\n\
         login_id: {login_id}\n\
         issued_at: {issued_at}\n\
         secret: {secret}\n\
         {KEY_FILE_FOOTER}\n"
    );
    KeyFile {
        text,
        secret_hash: token_hash(&secret),
    }
}

/// The hash of the secret in a presented key file, if it is a key file for `login_id`.
pub fn presented_key_hash(text: &str, login_id: &str) -> Option<String> {
    if !text.contains(KEY_FILE_HEADER) {
        return None;
    }
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
    };
    if field("login_id:")? != login_id {
        return None;
    }
    Some(token_hash(&field("secret:")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip_uses_argon2id() {
        let hash = hash_password("correct horse 42");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse 42", &hash));
        assert!(!verify_password("correct horse 43", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn password_policy_boundaries() {
        assert!(
            check_password_policy("abcdefghij1", "D1").is_err(),
            "11 chars"
        );
        assert!(
            check_password_policy("abcdefghij12", "D1").is_ok(),
            "12 chars"
        );
        assert!(
            check_password_policy("abcdefghijkl", "D1").is_err(),
            "one kind"
        );
        assert!(
            check_password_policy("xxD12345678yy!", "d12345678").is_err(),
            "contains ID"
        );
    }

    #[test]
    fn key_file_matches_only_its_login_and_secret() {
        let key = issue_key_file("DR00000001", "2026-01-01T00:00:00Z");
        assert_eq!(
            presented_key_hash(&key.text, "DR00000001"),
            Some(key.secret_hash.clone())
        );
        assert_eq!(presented_key_hash(&key.text, "DR00000002"), None);
        let other = issue_key_file("DR00000001", "2026-01-01T00:00:00Z");
        assert_ne!(
            presented_key_hash(&other.text, "DR00000001"),
            Some(key.secret_hash)
        );
        assert_eq!(presented_key_hash("garbage", "DR00000001"), None);
    }

    #[test]
    fn readable_secrets_avoid_confusable_characters() {
        let s = random_readable(2000);
        assert!(!s.contains(['0', 'O', '1', 'I', 'l', 'L']));
    }
}
