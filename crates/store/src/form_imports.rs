//! 一括登録: uploaded files and the forms each stored.
use crate::db::{StoreError, Tx};

/// One form of an import: its position in the file and the draft stored, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItemRow {
    pub position: i64,
    pub form_id: Option<String>,
    pub refusal: Option<String>,
}

impl Tx {
    /// The import of this file by this institution, if there was one: (id, forms in file).
    pub async fn form_import_of_file(
        &mut self,
        institution_id: &str,
        file_hash: &str,
    ) -> Result<Option<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, forms_in_file FROM form_imports WHERE institution_id = $1 AND file_hash = $2",
        )
        .bind(institution_id)
        .bind(file_hash)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Records a new import; `Duplicate` when the institution's same file is already there.
    pub async fn insert_form_import(
        &mut self,
        id: &str,
        institution_id: &str,
        file_hash: &str,
        created_by: &str,
        forms_in_file: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_imports (id, institution_id, file_hash, created_by, created_at, forms_in_file) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(institution_id)
        .bind(file_hash)
        .bind(created_by)
        .bind(crate::now_text())
        .bind(forms_in_file)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn insert_form_import_item(
        &mut self,
        import_id: &str,
        item: &ImportItemRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_import_items (import_id, position, form_id, refusal) VALUES ($1, $2, $3, $4)",
        )
        .bind(import_id)
        .bind(item.position)
        .bind(item.form_id.as_deref())
        .bind(item.refusal.as_deref())
        .execute(self.conn())
        .await?;
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

    pub async fn finish_form_import(&mut self, id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE form_imports SET finished_at = $1 WHERE id = $2")
            .bind(crate::now_text())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
