//! Persistence: the only crate that speaks SQL. One migration tree and one code path for
//! SQLite (embedded default) and PostgreSQL, through sqlx's `Any` driver with portable SQL
//! and portable column types (TEXT, BIGINT) — which is also what a later move to a
//! distributed PostgreSQL needs.

mod accounts;
mod bulk;
mod certificates;
mod concurrent;
mod db;
mod form_imports;
mod form_links;
mod forms;
mod logs;
mod mail;
mod organizations;
mod patients;
mod sealed_rows;
mod sessions;

pub use accounts::{AccountRow, AccountSearch, NewAccount};
pub use bulk::{LoadedConfirmation, LoadedForm, LoadedPatient, LoadedRevision};
pub use certificates::InstitutionCertificateRow;
pub use concurrent::ConcurrentRow;
pub use db::{Backend, Store, StoreError, Tx};
pub use form_imports::{ImportItemRow, ImportRow, KeptFile, NewImport};
pub use form_links::{LinkKind, NewLink, NewReceipt, ReceiptRow};
pub use forms::{
    AnswersJson, CommentRow, Confirmation, FormContent, FormQuery, FormRow, FormTransition,
    NewForm, NewRevision, RevisionRow, TransitionChange,
};
pub use logs::{LogEntry, LogQuery, NewLogEntry, TargetAccess, VerifyOutcome};
pub use mail::MailRow;
pub use organizations::{programs_column, NewOrganization, OrganizationRow};
pub use patients::{NewPatient, PatientHashes, PatientRow};
pub use sealed_rows::{SealedRecord, SealedTable};
pub use sessions::SessionRow;

pub(crate) fn now_text() -> String {
    nsdb_domain::time::format_timestamp(chrono::Utc::now())
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Rows per multi-row INSERT (and per look-up of many keys) on the database named by sqlx's
/// `backend_name`: well under both databases' limits on bound parameters (SQLite 32,766;
/// PostgreSQL 65,535) for the widest table, one statement text per row count so that
/// prepared statements are reused. PostgreSQL takes 100 rows (each statement is a round
/// trip); SQLite 20, because sqlx's SQLite driver looks every bound parameter up by name, a
/// cost that grows with the square of a statement's parameters (at 100 rows it took a
/// quarter of the writer's time).
pub fn rows_per_insert(backend_name: &str) -> usize {
    if backend_name == "PostgreSQL" {
        100
    } else {
        20
    }
}

/// Keys per look-up of many keys (`IN (…)`): on PostgreSQL a 一括登録 batch's patients in one
/// statement; on SQLite as many as a multi-row INSERT's rows, for the same reason.
pub(crate) fn keys_per_lookup(backend_name: &str) -> usize {
    if backend_name == "PostgreSQL" {
        500
    } else {
        rows_per_insert(backend_name)
    }
}

/// `($first, …), (…), …`: `rows` rows of `columns` placeholders each, numbered on from
/// `first`; `tail` writes what ends each row after its placeholders (constants, or parameters
/// every row shares), given the row's first placeholder number.
pub(crate) fn rows_of_placeholders(
    first: usize,
    rows: usize,
    columns: usize,
    tail: impl Fn(usize) -> String,
) -> String {
    (0..rows)
        .map(|r| {
            let start = first + r * columns;
            let cells: Vec<String> = (start..start + columns).map(|n| format!("${n}")).collect();
            format!("({}{})", cells.join(", "), tail(start))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod placeholder_tests {
    use super::rows_of_placeholders;

    #[test]
    fn rows_of_placeholders_number_on_and_end_with_their_tail() {
        assert_eq!(
            rows_of_placeholders(1, 3, 2, |_| String::new()),
            "($1, $2), ($3, $4), ($5, $6)"
        );
        assert_eq!(
            rows_of_placeholders(2, 2, 2, |start| format!(", $1, ${}", start + 1)),
            "($2, $3, $1, $3), ($4, $5, $1, $5)"
        );
    }
}
