//! Finding and re-sealing the sealed columns of every table, for `nsdb rotate-data-key`
//! and for the start-up check that the key file opens what the database holds.
use crate::db::{StoreError, Tx};
use nsdb_domain::data_keys::Sealed;

/// The tables with sealed columns. A row names one key for all its sealed columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedTable {
    Patients,
    Forms,
    FormRevisions,
    FormComments,
    FormReceipts,
    /// 一括登録 files, kept for their background job.
    FormImports,
    /// The findings of a finished 一括登録's report (its file deleted).
    FormImportFindings,
}

impl SealedTable {
    pub const ALL: [SealedTable; 7] = [
        Self::Patients,
        Self::Forms,
        Self::FormRevisions,
        Self::FormComments,
        Self::FormReceipts,
        Self::FormImports,
        Self::FormImportFindings,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Patients => "patients",
            Self::Forms => "forms",
            Self::FormRevisions => "form_revisions",
            Self::FormComments => "form_comments",
            Self::FormReceipts => "form_receipts",
            Self::FormImports => "form_import_files",
            Self::FormImportFindings => "form_import_findings",
        }
    }

    /// The expression identifying a row, as one text.
    fn row_id(self) -> &'static str {
        match self {
            Self::FormRevisions => "form_id || ':' || CAST(revision AS TEXT)",
            Self::FormReceipts => "form_id",
            Self::FormImports | Self::FormImportFindings => "import_id",
            _ => "id",
        }
    }

    /// The sealed columns (the second one may be NULL).
    fn columns(self) -> (&'static str, Option<&'static str>) {
        match self {
            Self::Patients => ("sealed", None),
            Self::Forms => ("sealed_answers", Some("sealed_access_key")),
            Self::FormRevisions => ("sealed_answers", None),
            Self::FormComments => ("sealed_body", None),
            Self::FormReceipts => ("sealed", None),
            Self::FormImports | Self::FormImportFindings => ("sealed", None),
        }
    }
}

/// One row's sealed values: the row id (`form_id:revision` for revisions), the main
/// column and the optional second one.
#[derive(Debug, Clone)]
pub struct SealedRecord {
    pub row_id: String,
    pub first: Sealed,
    pub second: Option<Sealed>,
}

impl Tx {
    /// Every key id any row is sealed under.
    pub async fn sealing_key_ids(&mut self) -> Result<Vec<String>, StoreError> {
        let mut ids: Vec<String> = sqlx::query_scalar(
            "SELECT key_id FROM patients UNION SELECT key_id FROM forms \
             UNION SELECT key_id FROM form_revisions UNION SELECT key_id FROM form_comments \
             UNION SELECT key_id FROM form_receipts \
             UNION SELECT key_id FROM form_import_files UNION SELECT key_id FROM form_import_findings",
        )
        .fetch_all(self.conn())
        .await?;
        ids.sort();
        Ok(ids)
    }

    /// Up to `limit` rows of `table` not sealed under `key_id`.
    pub async fn sealed_not_under(
        &mut self,
        table: SealedTable,
        key_id: &str,
        limit: i64,
    ) -> Result<Vec<SealedRecord>, StoreError> {
        let (first, second) = table.columns();
        let sql = format!(
            "SELECT {} AS row_id, key_id, {first}, {} FROM {} WHERE key_id <> $1 LIMIT $2",
            table.row_id(),
            second.unwrap_or("NULL"),
            table.name()
        );
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(&sql)
            .bind(key_id)
            .bind(limit)
            .fetch_all(self.conn())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(row_id, key_id, first, second)| SealedRecord {
                row_id,
                first: Sealed {
                    key_id: key_id.clone(),
                    text: first,
                },
                second: second.map(|text| Sealed { key_id, text }),
            })
            .collect())
    }

    /// Replaces a row's sealed values if they are still the ones read (a save in between
    /// wins; the next rotation takes that row). True when replaced.
    pub async fn reseal(
        &mut self,
        table: SealedTable,
        old: &SealedRecord,
        new: &SealedRecord,
    ) -> Result<bool, StoreError> {
        let (first, second) = table.columns();
        // The second column's value is bound only when the table has one (PostgreSQL
        // refuses a parameter no placeholder names).
        let (second_set, n) = match second {
            Some(column) => (format!(", {column} = $3"), 4),
            None => (String::new(), 3),
        };
        let sql = format!(
            "UPDATE {} SET key_id = $1, {first} = $2{second_set} WHERE {} = ${} AND key_id = ${} AND {first} = ${}",
            table.name(),
            table.row_id(),
            n,
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql)
            .bind(&new.first.key_id)
            .bind(&new.first.text);
        if second.is_some() {
            query = query.bind(new.second.as_ref().map(|s| s.text.clone()));
        }
        let updated = query
            .bind(&old.row_id)
            .bind(&old.first.key_id)
            .bind(&old.first.text)
            .execute(self.conn())
            .await?
            .rows_affected();
        Ok(updated == 1)
    }
}
