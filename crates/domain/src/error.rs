use crate::identifiers::IdentifierError;

/// A refusal by a domain rule. Each maps to one HTTP status in the API
/// (interfaces.md error shape); the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Malformed or invalid input (400/422); `field` names the item.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// Absent, or outside the caller's scope (404): never reveal someone else's record.
    #[error("{0}")]
    NotFound(String),
    /// Logged in but not allowed (403).
    #[error("{0}")]
    Forbidden(String),
    /// Duplicate or stale (409).
    #[error("{0}")]
    Conflict(String),
    /// Not logged in or bad credentials (401).
    #[error("{0}")]
    Unauthenticated(String),
    /// Account locked (423).
    #[error("{0}")]
    Locked(String),
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
    pub fn not_found() -> Self {
        Self::NotFound("指定されたものは見つかりません。".into())
    }
    pub fn forbidden(what: &str) -> Self {
        Self::Forbidden(format!("この操作（{what}）を行う権限がありません。"))
    }
}

impl From<IdentifierError> for DomainError {
    fn from(e: IdentifierError) -> Self {
        DomainError::invalid(e.field, format!("{}: {}", e.field, e.reason))
    }
}
