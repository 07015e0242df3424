use crate::db::{MapDup, StoreError, Tx};

/// A client certificate registered with an institution (revoked ones stay listed).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InstitutionCertificateRow {
    pub id: String,
    pub institution_id: String,
    pub fingerprint: String,
    /// What the 自治体 calls it (e.g. the terminal it is installed on).
    pub label: String,
    pub registered_at: String,
    pub registered_by: String,
    pub revoked_at: Option<String>,
    pub revoked_by: Option<String>,
}

const COLUMNS: &str =
    "id, institution_id, fingerprint, label, registered_at, registered_by, revoked_at, revoked_by";

impl Tx {
    /// Registers a fingerprint with an institution; `Duplicate` while it is registered there
    /// and not revoked.
    pub async fn insert_institution_certificate(
        &mut self,
        institution_id: &str,
        fingerprint: &str,
        label: &str,
        registered_by: &str,
    ) -> Result<InstitutionCertificateRow, StoreError> {
        let id = crate::new_id();
        sqlx::query(
            "INSERT INTO institution_certificates (id, institution_id, fingerprint, label, registered_at, registered_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(institution_id)
        .bind(fingerprint)
        .bind(label)
        .bind(crate::now_text())
        .bind(registered_by)
        .execute(self.conn())
        .await
        .dup()?;
        self.institution_certificate(institution_id, &id)
            .await?
            .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// One certificate of one institution.
    pub async fn institution_certificate(
        &mut self,
        institution_id: &str,
        id: &str,
    ) -> Result<Option<InstitutionCertificateRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM institution_certificates WHERE institution_id = $1 AND id = $2"
        ))
        .bind(institution_id)
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Every certificate of an institution, registered ones first, newest first.
    pub async fn institution_certificates(
        &mut self,
        institution_id: &str,
    ) -> Result<Vec<InstitutionCertificateRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM institution_certificates WHERE institution_id = $1 \
             ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, registered_at DESC, id DESC"
        ))
        .bind(institution_id)
        .fetch_all(self.conn())
        .await?)
    }

    /// Revokes a registered certificate; false when it was already revoked.
    pub async fn revoke_institution_certificate(
        &mut self,
        institution_id: &str,
        id: &str,
        revoked_by: &str,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE institution_certificates SET revoked_at = $1, revoked_by = $2 \
             WHERE institution_id = $3 AND id = $4 AND revoked_at IS NULL",
        )
        .bind(crate::now_text())
        .bind(revoked_by)
        .bind(institution_id)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }

    /// The institutions a fingerprint is registered with and not revoked.
    pub async fn institutions_of_certificate(
        &mut self,
        fingerprint: &str,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT institution_id FROM institution_certificates \
             WHERE fingerprint = $1 AND revoked_at IS NULL ORDER BY institution_id",
        )
        .bind(fingerprint)
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
