//! One error type for services and handlers; rendered as the interfaces.md JSON shape by
//! the API and as a Japanese page or inline message by the views.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use nsdb_domain::{DomainError, FieldError};
use nsdb_store::StoreError;
use serde::Serialize;

#[derive(Debug)]
pub enum AppError {
    Domain(DomainError),
    /// Well-formed but fails checks (422), with the findings that block it.
    Unprocessable {
        message: String,
        findings: Vec<nsdb_forms::Finding>,
    },
    BadRequest(String),
    /// A save or transition based on an old revision (409): the current revision and what
    /// changed since the caller's, so the user can reload or compare.
    Stale {
        message: String,
        current_revision: i64,
        changes: Vec<crate::services::forms::ItemChange>,
    },
    TooLarge(String),
    /// Rate-limited (429): answered with `Retry-After`.
    TooManyRequests {
        message: String,
        retry_after_secs: u64,
    },
    /// A unit of work lost races with other writers on every attempt (503).
    Busy(String),
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::Domain(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate => AppError::Domain(DomainError::Conflict(
                "同じ内容の登録が既にあります。".into(),
            )),
            other if other.is_retryable() => AppError::Busy(other.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code.
    pub code: String,
    /// Japanese explanation for the user.
    pub message: String,
    /// What the error is about, when it is about something: the request's fields that are
    /// wrong (422 `invalid`), the findings that block 確定 (422 `unprocessable`), or the current
    /// revision and what changed since (409 `stale_revision`). Empty otherwise.
    pub details: Vec<ErrorItem>,
}

/// One entry of an error's `details`.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ErrorItem {
    Field(FieldProblem),
    Finding(nsdb_forms::Finding),
    Stale(StaleRevision),
}

/// A field of the request and what is wrong with it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    /// Japanese, naming the fix.
    pub message: String,
}

/// Why a save or transition was refused as stale: the revision now stored and the items that
/// changed since the caller's.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StaleRevision {
    pub current_revision: i64,
    pub changes: Vec<crate::api::ItemChange>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Domain(DomainError::Invalid { .. } | DomainError::InvalidFields(_)) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Domain(DomainError::NotFound(_)) => StatusCode::NOT_FOUND,
            AppError::Domain(DomainError::Forbidden(_)) => StatusCode::FORBIDDEN,
            AppError::Domain(DomainError::Conflict(_)) => StatusCode::CONFLICT,
            AppError::Domain(DomainError::Unauthenticated(_)) => StatusCode::UNAUTHORIZED,
            AppError::Domain(DomainError::Locked(_)) => StatusCode::LOCKED,
            AppError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Stale { .. } => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Domain(DomainError::Invalid { .. } | DomainError::InvalidFields(_)) => {
                "invalid"
            }
            AppError::Domain(DomainError::NotFound(_)) => "not_found",
            AppError::Domain(DomainError::Forbidden(_)) => "forbidden",
            AppError::Domain(DomainError::Conflict(_)) => "conflict",
            AppError::Domain(DomainError::Unauthenticated(_)) => "unauthenticated",
            AppError::Domain(DomainError::Locked(_)) => "locked",
            AppError::Unprocessable { .. } => "unprocessable",
            AppError::BadRequest(_) => "malformed",
            AppError::Stale { .. } => "stale_revision",
            AppError::TooLarge(_) => "too_large",
            AppError::TooManyRequests { .. } => "rate_limited",
            AppError::Busy(_) => "busy",
            AppError::Internal(_) => "internal",
        }
    }

    /// The message shown to the user; internal errors never leak their cause.
    pub fn message(&self) -> String {
        match self {
            AppError::Domain(e) => e.to_string(),
            AppError::Unprocessable { message, .. }
            | AppError::Stale { message, .. }
            | AppError::BadRequest(message)
            | AppError::TooLarge(message)
            | AppError::TooManyRequests { message, .. } => message.clone(),
            AppError::Busy(_) => {
                "混み合っているため処理できませんでした。入力内容はそのままで、もう一度お試しください。".into()
            }
            AppError::Internal(_) => {
                "システムエラーが発生しました。時間をおいて再度お試しください。".into()
            }
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Domain(DomainError::Invalid { field, .. }) => Some(field),
            _ => None,
        }
    }

    /// The message with every field's own message spelled out (one line of a bulk report).
    pub fn detailed_message(&self) -> String {
        match self {
            AppError::Domain(DomainError::InvalidFields(list)) => list
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => self.message(),
        }
    }

    /// Every field the error names, each with its own message (shown next to the field).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Domain(DomainError::Invalid { field, message }) => vec![FieldError {
                field: field.clone(),
                message: message.clone(),
            }],
            AppError::Domain(DomainError::InvalidFields(list)) => list.clone(),
            _ => vec![],
        }
    }

    pub fn body(&self) -> ErrorBody {
        let details = match self {
            AppError::Unprocessable { findings, .. } => {
                findings.iter().cloned().map(ErrorItem::Finding).collect()
            }
            AppError::Stale {
                current_revision,
                changes,
                ..
            } => vec![ErrorItem::Stale(StaleRevision {
                current_revision: *current_revision,
                changes: changes.iter().cloned().map(Into::into).collect(),
            })],
            _ => self
                .field_errors()
                .into_iter()
                .map(|e| {
                    ErrorItem::Field(FieldProblem {
                        field: e.field,
                        message: e.message,
                    })
                })
                .collect(),
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().into(),
                message: self.message(),
                details,
            },
        }
    }
}

impl AppError {
    /// Tells a rate-limited client when to try again (API and pages alike).
    pub fn add_retry_after(&self, response: &mut Response) {
        if let AppError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            if let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, v);
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(cause) => tracing::error!(%cause, "internal error"),
            AppError::Busy(cause) => tracing::warn!(%cause, "unit of work gave up after retries"),
            _ => {}
        }
        let mut response = (self.status(), Json(self.body())).into_response();
        self.add_retry_after(&mut response);
        response
    }
}

impl From<nsdb_domain::identifiers::IdentifierError> for AppError {
    fn from(e: nsdb_domain::identifiers::IdentifierError) -> Self {
        AppError::Domain(e.into())
    }
}
