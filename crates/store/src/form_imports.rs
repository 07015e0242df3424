//! 一括登録: uploaded files (kept sealed while their job may need them), the lease of the
//! server working on each, and the forms each stored.
use crate::db::{StoreError, Tx};
use chrono::{DateTime, Utc};
use nsdb_domain::data_keys::Sealed;
use nsdb_domain::job::JobState;
use nsdb_domain::time::{format_timestamp, parse_timestamp};

/// One form of an import: its position in the file and the draft stored, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItemRow {
    pub position: i64,
    pub form_id: Option<String>,
    pub refusal: Option<String>,
}

pub struct NewImport<'a> {
    pub id: &'a str,
    pub institution_id: &'a str,
    pub file_hash: &'a str,
    pub created_by: &'a str,
    pub forms_in_file: i64,
    pub file: &'a KeptFile,
    /// The worker that starts on it at once, and until when its lease holds: no other
    /// server's sweep takes the new job from under the upload.
    pub worker: &'a str,
    pub lease_until: DateTime<Utc>,
}

/// An uploaded file as kept for its job: sealed, after `encoding` (`deflate`, or
/// `identity` for files kept before they were compressed).
#[derive(Debug, Clone)]
pub struct KeptFile {
    pub encoding: String,
    pub sealed: Sealed,
}

/// An import with its progress.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub id: String,
    pub institution_id: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub forms_in_file: i64,
    pub state: JobState,
    pub failure: Option<String>,
    /// The file is kept while the job may go on (false once finished, and for imports made
    /// before files were kept).
    pub has_file: bool,
    /// Forms of the file handled so far (stored or refused).
    pub done: i64,
    pub stored: i64,
}

type ImportRecord = (
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    String,
    Option<String>,
    i64,
    i64,
    i64,
);

const SELECT: &str = "SELECT i.id, i.institution_id, i.created_by, i.created_at, i.finished_at, \
    i.forms_in_file, i.state, i.failure, \
    (SELECT COUNT(*) FROM form_import_files f WHERE f.import_id = i.id), \
    i.handled, i.stored FROM form_imports i";

fn import_row(r: ImportRecord) -> Result<ImportRow, StoreError> {
    let (id, institution_id, created_by, created_at, finished_at, forms_in_file, state) =
        (r.0, r.1, r.2, r.3, r.4, r.5, r.6);
    let corrupt = |column: &str, value: &str| StoreError::corrupt("form_imports", column, value);
    Ok(ImportRow {
        created_at: parse_timestamp(&created_at)
            .ok_or_else(|| corrupt("created_at", &created_at))?,
        finished_at: match finished_at {
            Some(at) => Some(parse_timestamp(&at).ok_or_else(|| corrupt("finished_at", &at))?),
            None => None,
        },
        state: JobState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
        failure: r.7,
        has_file: r.8 > 0,
        done: r.9,
        stored: r.10,
        id,
        institution_id,
        created_by,
        forms_in_file,
    })
}

impl Tx {
    /// The import of this file by this institution, if there was one.
    pub async fn form_import_of_file(
        &mut self,
        institution_id: &str,
        file_hash: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM form_imports WHERE institution_id = $1 AND file_hash = $2",
        )
        .bind(institution_id)
        .bind(file_hash)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Records a new import, running under its first worker's lease; `Duplicate` when the
    /// institution's same file is already there.
    pub async fn insert_form_import(&mut self, i: &NewImport<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_imports (id, institution_id, file_hash, created_by, created_at, forms_in_file, state, \
             claimed_by, claimed_until) VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8)",
        )
        .bind(i.id)
        .bind(i.institution_id)
        .bind(i.file_hash)
        .bind(i.created_by)
        .bind(crate::now_text())
        .bind(i.forms_in_file)
        .bind(i.worker)
        .bind(format_timestamp(i.lease_until))
        .execute(self.conn())
        .await?;
        sqlx::query(
            "INSERT INTO form_import_files (import_id, key_id, sealed, encoding) VALUES ($1, $2, $3, $4)",
        )
        .bind(i.id)
        .bind(&i.file.sealed.key_id)
        .bind(&i.file.sealed.text)
        .bind(&i.file.encoding)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The file of an import, as kept.
    pub async fn form_import_file(
        &mut self,
        import_id: &str,
    ) -> Result<Option<KeptFile>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT key_id, sealed, encoding FROM form_import_files WHERE import_id = $1",
        )
        .bind(import_id)
        .fetch_optional(self.conn())
        .await?;
        Ok(row.map(|(key_id, text, encoding)| KeptFile {
            encoding,
            sealed: Sealed { key_id, text },
        }))
    }

    /// A finished import keeps the findings of its report, sealed, instead of its file.
    pub async fn replace_form_import_file_by_findings(
        &mut self,
        import_id: &str,
        findings: &Sealed,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_import_findings (import_id, key_id, sealed) VALUES ($1, $2, $3)",
        )
        .bind(import_id)
        .bind(&findings.key_id)
        .bind(&findings.text)
        .execute(self.conn())
        .await?;
        sqlx::query("DELETE FROM form_import_files WHERE import_id = $1")
            .bind(import_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The findings of a finished import's report, sealed (none for imports finished
    /// before they were kept).
    pub async fn form_import_findings(
        &mut self,
        import_id: &str,
    ) -> Result<Option<Sealed>, StoreError> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT key_id, sealed FROM form_import_findings WHERE import_id = $1")
                .bind(import_id)
                .fetch_optional(self.conn())
                .await?;
        Ok(row.map(|(key_id, text)| Sealed { key_id, text }))
    }

    pub async fn form_import(&mut self, id: &str) -> Result<Option<ImportRow>, StoreError> {
        let record: Option<ImportRecord> = sqlx::query_as(&format!("{SELECT} WHERE i.id = $1"))
            .bind(id)
            .fetch_optional(self.conn())
            .await?;
        record.map(import_row).transpose()
    }

    /// The institution's latest imports, newest first.
    pub async fn form_imports_of_institution(
        &mut self,
        institution_id: &str,
        limit: i64,
    ) -> Result<Vec<ImportRow>, StoreError> {
        let records: Vec<ImportRecord> = sqlx::query_as(&format!(
            "{SELECT} WHERE i.institution_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2"
        ))
        .bind(institution_id)
        .bind(limit)
        .fetch_all(self.conn())
        .await?;
        records.into_iter().map(import_row).collect()
    }

    /// Imports queued or running (perhaps on a server that has stopped), oldest first.
    pub async fn unfinished_form_imports(&mut self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM form_imports WHERE state IN ('queued', 'running') ORDER BY created_at",
        )
        .fetch_all(self.conn())
        .await?)
    }

    /// Takes or renews the lease of `worker` on an unfinished import: true when `worker`
    /// holds it until `until`, false when another worker's lease still runs or the import
    /// is done.
    pub async fn claim_form_import(
        &mut self,
        id: &str,
        worker: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let updated = sqlx::query(
            "UPDATE form_imports SET state = 'running', claimed_by = $1, claimed_until = $2 \
             WHERE id = $3 AND state IN ('queued', 'running') \
             AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_until < $4)",
        )
        .bind(worker)
        .bind(format_timestamp(until))
        .bind(id)
        .bind(format_timestamp(now))
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Records the forms of a batch (stored or refused) in the same transaction as the forms,
    /// and counts them in the import's progress.
    pub async fn insert_form_import_items(
        &mut self,
        import_id: &str,
        items: &[ImportItemRow],
    ) -> Result<(), StoreError> {
        let stored = items.iter().filter(|i| i.form_id.is_some()).count() as i64;
        sqlx::query(
            "UPDATE form_imports SET handled = handled + $1, stored = stored + $2 WHERE id = $3",
        )
        .bind(items.len() as i64)
        .bind(stored)
        .bind(import_id)
        .execute(self.conn())
        .await?;
        let rows_per_insert = self.rows_per_insert();
        for chunk in items.chunks(rows_per_insert) {
            let values = crate::rows_of_placeholders(2, chunk.len(), 3, |_| ", $1".to_owned());
            let sql = format!(
                "INSERT INTO form_import_items (position, form_id, refusal, import_id) VALUES {values}"
            );
            let mut query = sqlx::query(&sql).bind(import_id);
            for item in chunk {
                query = query
                    .bind(item.position)
                    .bind(item.form_id.as_deref())
                    .bind(item.refusal.as_deref());
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    /// The forms of an import recorded so far, in file order.
    pub async fn form_import_items(
        &mut self,
        import_id: &str,
    ) -> Result<Vec<ImportItemRow>, StoreError> {
        let rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT position, form_id, refusal FROM form_import_items WHERE import_id = $1 ORDER BY position",
        )
        .bind(import_id)
        .fetch_all(self.conn())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(position, form_id, refusal)| ImportItemRow {
                position,
                form_id,
                refusal,
            })
            .collect())
    }

    /// Queues a failed import again, to go on for `account_id` (who uploaded its file again):
    /// true when it had failed.
    pub async fn requeue_failed_form_import(
        &mut self,
        id: &str,
        account_id: &str,
    ) -> Result<bool, StoreError> {
        let updated = sqlx::query(
            "UPDATE form_imports SET state = 'queued', failure = NULL, finished_at = NULL, created_by = $1 \
             WHERE id = $2 AND state = 'failed'",
        )
        .bind(account_id)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(updated == 1)
    }

    /// Ends an import as finished, or failed with the reason; the lease is let go.
    pub async fn finish_form_import(
        &mut self,
        id: &str,
        failure: Option<&str>,
    ) -> Result<(), StoreError> {
        let state = match failure {
            None => JobState::Finished,
            Some(_) => JobState::Failed,
        };
        sqlx::query(
            "UPDATE form_imports SET state = $1, failure = $2, finished_at = $3, claimed_by = NULL, claimed_until = NULL \
             WHERE id = $4",
        )
        .bind(state.as_str())
        .bind(failure)
        .bind(crate::now_text())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
