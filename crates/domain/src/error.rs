use crate::identifiers::IdentifierError;

/// A refusal by a domain rule. Each maps to one HTTP status in the API
/// (interfaces.md error shape); the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Malformed or invalid input (400/422); `field` names the item.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// Several fields are invalid at once (422): each message is shown next to its field.
    #[error("入力内容に{}件の誤りがあります。各項目の説明を確認してください。", .0.len())]
    InvalidFields(Vec<FieldError>),
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

/// One problem with one input field; `field` is the name of the input as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Collects the problems of every field of one input, so that the user sees them all at
/// once instead of fixing one per round trip.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of a check that passed; a failed one is recorded under `field` (the name of
    /// the input, whatever label the parser gave it) and gives `None`.
    pub fn check<T, E: Into<DomainError>>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.record(field, e.into());
                None
            }
        }
    }

    /// Records a refusal found without a parser (e.g. a rule between two fields).
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    fn record(&mut self, field: &str, e: DomainError) {
        match e {
            DomainError::Invalid { message, .. } => self.push(field, message),
            DomainError::InvalidFields(list) => self.0.extend(list),
            other => self.push(field, other.to_string()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value a passed check gave, when every check passed (a failed check recorded an
    /// error and gave `None`).
    pub fn finish_with<T>(self, value: Option<T>) -> Result<T, DomainError> {
        self.finish()?;
        value.ok_or_else(|| DomainError::invalid("", "入力内容を確認してください。"))
    }

    /// `Ok` when every check passed; one problem is `Invalid`, several `InvalidFields`.
    pub fn finish(mut self) -> Result<(), DomainError> {
        match self.0.len() {
            0 => Ok(()),
            1 => {
                let FieldError { field, message } = self.0.remove(0);
                Err(DomainError::Invalid { field, message })
            }
            _ => Err(DomainError::InvalidFields(self.0)),
        }
    }
}

impl From<IdentifierError> for DomainError {
    fn from(e: IdentifierError) -> Self {
        DomainError::invalid(e.field, format!("{}: {}", e.field, e.reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failed_check_is_kept_under_the_input_name() {
        let mut errors = FieldErrors::new();
        let ok: Option<u8> = errors.check("a", Ok::<u8, DomainError>(1));
        assert_eq!(ok, Some(1));
        errors.check::<(), _>("code", Err(DomainError::invalid("医療機関コード", "桁数")));
        errors.push("name", "必須");
        match errors.finish() {
            Err(DomainError::InvalidFields(list)) => {
                let fields: Vec<_> = list.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["code", "name"]);
                assert_eq!(list[0].message, "桁数");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_problem_is_a_plain_invalid_and_none_is_ok() {
        assert!(FieldErrors::new().finish().is_ok());
        let mut errors = FieldErrors::new();
        errors.push("name", "必須");
        assert_eq!(errors.finish(), Err(DomainError::invalid("name", "必須")));
    }
}
