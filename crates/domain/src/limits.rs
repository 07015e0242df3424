//! Length limits of what users type, checked before anything is stored or hashed.
//!
//! Every value of every request is bounded by [`MAX_FIELD_CHARS`] at the boundary (JSON
//! bodies, HTML forms); fields with a known shape have tighter limits here, checked by the
//! service that uses them. A 5 MB log-in ID once went whole into the operation log and the
//! lock-out table; a long password costs Argon2 time before it can fail.
use crate::DomainError;

/// The most characters any one value of a request may have (the longest free-text item of
/// a form is 2,000 characters).
pub const MAX_FIELD_CHARS: usize = 4_000;

/// A field with a length limit; `check` names the field and the limit when refused.
#[derive(Debug, Clone, Copy)]
pub struct FieldLimit {
    pub field: &'static str,
    pub label: &'static str,
    pub max_chars: usize,
}

impl FieldLimit {
    pub fn check(&self, value: &str) -> Result<(), DomainError> {
        if value.chars().count() > self.max_chars {
            return Err(too_long(self.field, self.label, self.max_chars));
        }
        Ok(())
    }
}

/// The refusal of a value longer than `max_chars`.
pub fn too_long(field: &str, label: &str, max_chars: usize) -> DomainError {
    DomainError::invalid(
        field,
        format!("{label}は{max_chars}文字以内で入力してください。"),
    )
}

/// Log-in IDs are ten characters today; 64 leaves room without storing junk.
pub const LOGIN_ID: FieldLimit = FieldLimit {
    field: "login_id",
    label: "ログインID",
    max_chars: 64,
};

pub const PASSWORD: FieldLimit = FieldLimit {
    field: "password",
    label: "パスワード",
    max_chars: 128,
};

/// RFC 5321: a path is at most 256 octets, an address at most 254 characters.
pub const EMAIL: FieldLimit = FieldLimit {
    field: "email",
    label: "メールアドレス",
    max_chars: 254,
};

/// The one-time code mailed for registering a new key file (8 characters today).
pub const KEY_REGISTRATION_CODE: FieldLimit = FieldLimit {
    field: "code",
    label: "確認コード",
    max_chars: 64,
};

/// The text of a key file (暗号化鍵ファイル) as presented at log-in.
pub const KEY_FILE: FieldLimit = FieldLimit {
    field: "key_file",
    label: "暗号化鍵ファイル",
    max_chars: 1_024,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_inclusive_and_counts_characters_not_bytes() {
        assert!(LOGIN_ID.check(&"あ".repeat(64)).is_ok());
        let e = LOGIN_ID.check(&"a".repeat(65)).unwrap_err();
        assert_eq!(
            e,
            DomainError::invalid("login_id", "ログインIDは64文字以内で入力してください。")
        );
    }
}
