//! A stored form's life cycle (domain.md "Life cycle") and its access key.
//!
//! ```text
//! draft ──request_approval──▶ awaiting_approval ──approve──▶ confirmed ──receive──▶ received
//!   ▲  ▲                         │ return                       │ withdraw (until received)
//!   │  └── returned ◀────────────┘                              │
//!   └───────────────────────────────────────────────────────────┘
//! ```
//! A doctor may approve a draft or a returned form directly (write and approve).

use crate::DomainError;
use rand::Rng;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormState {
    Draft,
    AwaitingApproval,
    Returned,
    Confirmed,
    Received,
    Reviewed,
}

/// What can happen to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Save,
    RequestApproval,
    Return,
    Approve,
    Withdraw,
    /// 自治体受付.
    Receive,
    /// 前回値踏襲: the doctor confirms a section's carried values.
    ConfirmCarried,
}

impl FormAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Save => "save",
            Self::RequestApproval => "request_approval",
            Self::Return => "return",
            Self::Approve => "approve",
            Self::Withdraw => "withdraw",
            Self::Receive => "receive",
            Self::ConfirmCarried => "confirm_carried",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Save => "保存",
            Self::RequestApproval => "承認依頼",
            Self::Return => "差戻し",
            Self::Approve => "承認（確定）",
            Self::Withdraw => "確定取消",
            Self::Receive => "自治体受付",
            Self::ConfirmCarried => "前回値の確認",
        }
    }
}

impl FormState {
    pub const ALL: [FormState; 6] = [
        Self::Draft,
        Self::AwaitingApproval,
        Self::Returned,
        Self::Confirmed,
        Self::Received,
        Self::Reviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Returned => "returned",
            Self::Confirmed => "confirmed",
            Self::Received => "received",
            Self::Reviewed => "reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "作成中",
            Self::AwaitingApproval => "承認待ち",
            Self::Returned => "差戻し",
            Self::Confirmed => "確定",
            Self::Received => "自治体受付済",
            Self::Reviewed => "審査済",
        }
    }

    /// The content may still be changed by the institution.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::AwaitingApproval | Self::Returned)
    }

    /// The state after `action`, or why it cannot happen now.
    pub fn after(self, action: FormAction) -> Result<FormState, DomainError> {
        use FormAction as A;
        use FormState as S;
        let next = match (self, action) {
            (S::Draft | S::AwaitingApproval | S::Returned, A::Save | A::ConfirmCarried) => self,
            (S::Draft | S::Returned, A::RequestApproval) => S::AwaitingApproval,
            (S::AwaitingApproval, A::Return) => S::Returned,
            (S::Draft | S::AwaitingApproval | S::Returned, A::Approve) => S::Confirmed,
            (S::Confirmed, A::Withdraw) => S::Draft,
            (S::Confirmed, A::Receive) => S::Received,
            (S::Received | S::Reviewed, A::Withdraw) => {
                return Err(DomainError::Conflict(
                    "自治体が受け付けた後は確定取消できません。修正が必要な場合は、受け付けた自治体に連絡してください。"
                        .into(),
                ))
            }
            _ => {
                return Err(DomainError::Conflict(format!(
                    "{}の臨個票・意見書は{}できません。",
                    self.label(),
                    action.label()
                )))
            }
        };
        Ok(next)
    }
}

/// 前回値踏襲: approval waits until the doctor has confirmed every section holding carried
/// values that must be confirmed (issue 10). `unconfirmed` are those sections' labels.
pub fn ensure_carried_values_confirmed(unconfirmed: &[String]) -> Result<(), DomainError> {
    if unconfirmed.is_empty() {
        return Ok(());
    }
    Err(DomainError::invalid(
        "sections_to_confirm",
        format!(
            "前回値から引き継いだ内容の確認が済んでいない項目グループがあります（{}）。各項目グループの内容を確認してから承認してください。",
            unconfirmed.join("、")
        ),
    ))
}

/// Characters of access keys: digits and capitals without 0/O, 1/I/L (read aloud and
/// copied by hand without confusion). 31 symbols.
pub const ACCESS_KEY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const ACCESS_KEY_GROUPS: usize = 5;
const ACCESS_KEY_GROUP_LEN: usize = 4;

/// The key a confirmed form is looked up by: 20 symbols of 31 (99 bits), printed in
/// groups of four (`7KQM-…`).
#[derive(Clone, PartialEq, Eq)]
pub struct AccessKey(String);

impl std::fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessKey(…)")
    }
}

impl AccessKey {
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        let symbols: String = (0..ACCESS_KEY_GROUPS * ACCESS_KEY_GROUP_LEN)
            .map(|_| ACCESS_KEY_ALPHABET[rng.gen_range(0..ACCESS_KEY_ALPHABET.len())] as char)
            .collect();
        Self(symbols)
    }

    /// A key as typed: case, spaces, hyphens and full-width characters do not matter; a
    /// character outside the alphabet or a wrong length is refused.
    pub fn parse(typed: &str) -> Result<Self, DomainError> {
        let symbols: String = typed
            .chars()
            .map(|c| match c {
                // Full-width ASCII.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | 'ー' | '－'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let well_formed = symbols.len() == ACCESS_KEY_GROUPS * ACCESS_KEY_GROUP_LEN
            && symbols.bytes().all(|b| ACCESS_KEY_ALPHABET.contains(&b));
        if !well_formed {
            return Err(DomainError::invalid(
                "access_key",
                "アクセスキーは4文字ずつ5組（例: 7KQM-2HXA-…）の英数字です。0・O・1・I・Lは使われていません。",
            ));
        }
        Ok(Self(symbols))
    }

    /// The symbols without separators (what is hashed for look-up).
    pub fn symbols(&self) -> &str {
        &self.0
    }

    /// As printed and read aloud: `XXXX-XXXX-XXXX-XXXX-XXXX`.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(ACCESS_KEY_GROUP_LEN)
            .map(|c| std::str::from_utf8(c).expect("ASCII"))
            .collect::<Vec<_>>()
            .join("-")
    }

    /// The look-up hash stored beside the sealed key.
    pub fn lookup_hash(&self) -> String {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_life_cycle_allows_the_drawn_transitions_only() {
        use FormAction as A;
        use FormState as S;
        assert_eq!(S::Draft.after(A::RequestApproval), Ok(S::AwaitingApproval));
        assert_eq!(S::AwaitingApproval.after(A::Return), Ok(S::Returned));
        assert_eq!(
            S::Returned.after(A::RequestApproval),
            Ok(S::AwaitingApproval)
        );
        assert_eq!(S::Draft.after(A::Approve), Ok(S::Confirmed));
        assert_eq!(S::Confirmed.after(A::Withdraw), Ok(S::Draft));
        assert_eq!(S::Confirmed.after(A::Receive), Ok(S::Received));
        assert_eq!(S::Returned.after(A::ConfirmCarried), Ok(S::Returned));
        assert!(S::Confirmed.after(A::ConfirmCarried).is_err());
        assert!(ensure_carried_values_confirmed(&[]).is_ok());
        let waiting = ensure_carried_values_confirmed(&["臨床所見".into()]).unwrap_err();
        assert!(waiting.to_string().contains("臨床所見"), "{waiting}");
        for refused in [
            (S::Confirmed, A::Save),
            (S::Draft, A::Receive),
            (S::AwaitingApproval, A::Receive),
            (S::Received, A::Receive),
            (S::Confirmed, A::Approve),
            (S::Draft, A::Return),
            (S::Draft, A::Withdraw),
            (S::AwaitingApproval, A::RequestApproval),
        ] {
            assert!(
                matches!(refused.0.after(refused.1), Err(DomainError::Conflict(_))),
                "{refused:?}"
            );
        }
        let Err(DomainError::Conflict(why)) = S::Received.after(A::Withdraw) else {
            panic!("refused after receipt");
        };
        assert!(why.contains("自治体が受け付けた後"));
    }

    #[test]
    fn access_keys_carry_at_least_80_bits_in_an_unambiguous_alphabet() {
        let bits = (ACCESS_KEY_GROUPS * ACCESS_KEY_GROUP_LEN) as f64
            * (ACCESS_KEY_ALPHABET.len() as f64).log2();
        assert!(bits >= 80.0, "{bits}");
        for confusing in [b'0', b'O', b'1', b'I', b'L'] {
            assert!(!ACCESS_KEY_ALPHABET.contains(&confusing));
        }
        let key = AccessKey::generate();
        assert_ne!(key, AccessKey::generate());
        assert_eq!(key.grouped().len(), 24);
        assert_eq!(key.grouped().matches('-').count(), 4);
    }

    #[test]
    fn a_key_typed_loosely_is_the_same_key() {
        let key = AccessKey::generate();
        let typed = format!(" {} ", key.grouped().to_lowercase().replace('-', " "));
        assert_eq!(AccessKey::parse(&typed).unwrap(), key);
        assert_eq!(
            AccessKey::parse(&key.grouped()).unwrap().lookup_hash(),
            key.lookup_hash()
        );
        assert!(AccessKey::parse("ABCD-EFGH-JKMN-PQRS-TUV0").is_err());
        assert!(AccessKey::parse("ABCD-EFGH").is_err());
    }
}
