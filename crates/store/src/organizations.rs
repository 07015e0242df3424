use crate::db::{MapDup, StoreError, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: String,
    pub kind: String,
    pub code: String,
    pub name: String,
    /// Comma-separated programs a 自治体 handles.
    pub programs: String,
    /// For institutions: the 自治体 that registered it.
    pub municipality_id: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub created_at: String,
}

pub struct NewOrganization<'a> {
    pub kind: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub programs: &'a str,
    pub municipality_id: Option<&'a str>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
}

const COLUMNS: &str = "id, kind, code, name, programs, municipality_id, address, phone, created_at";

impl Tx {
    pub async fn insert_organization(
        &mut self,
        org: &NewOrganization<'_>,
    ) -> Result<OrganizationRow, StoreError> {
        let id = crate::new_id();
        sqlx::query(
            "INSERT INTO organizations (id, kind, code, name, programs, municipality_id, address, phone, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(org.kind)
        .bind(org.code)
        .bind(org.name)
        .bind(org.programs)
        .bind(org.municipality_id)
        .bind(org.address)
        .bind(org.phone)
        .bind(crate::now_text())
        .execute(self.conn())
        .await
        .dup()?;
        Ok(self
            .organization_by_id(&id)
            .await?
            .expect("row inserted in this transaction"))
    }

    pub async fn organization_by_id(
        &mut self,
        id: &str,
    ) -> Result<Option<OrganizationRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }

    pub async fn organization_by_code(
        &mut self,
        kind: &str,
        code: &str,
    ) -> Result<Option<OrganizationRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = $1 AND code = $2"
        ))
        .bind(kind)
        .bind(code)
        .fetch_optional(self.conn())
        .await?)
    }

    pub async fn organizations_of_kind(
        &mut self,
        kind: &str,
    ) -> Result<Vec<OrganizationRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = $1 ORDER BY code"
        ))
        .bind(kind)
        .fetch_all(self.conn())
        .await?)
    }

    /// Institutions registered by one 自治体, optionally filtered by code or name.
    pub async fn institutions_of_municipality(
        &mut self,
        municipality_id: &str,
        query: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<OrganizationRow>, i64), StoreError> {
        let pattern = format!("%{}%", query.trim().to_lowercase());
        let rows = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = 'institution' AND municipality_id = $1 \
             AND (code LIKE $2 OR LOWER(name) LIKE $2) ORDER BY code LIMIT $3 OFFSET $4"
        ))
        .bind(municipality_id)
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.conn())
        .await?;
        let (total,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM organizations WHERE kind = 'institution' AND municipality_id = $1 \
             AND (code LIKE $2 OR LOWER(name) LIKE $2)",
        )
        .bind(municipality_id)
        .bind(&pattern)
        .fetch_one(self.conn())
        .await?;
        Ok((rows, total))
    }

    /// Changes an institution's 医療機関コード. Accounts reference the institution by id,
    /// so every account follows in this same transaction.
    pub async fn update_institution_code(
        &mut self,
        id: &str,
        new_code: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE organizations SET code = $1 WHERE id = $2 AND kind = 'institution'")
            .bind(new_code)
            .bind(id)
            .execute(self.conn())
            .await
            .dup()?;
        Ok(())
    }
}
