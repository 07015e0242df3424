use crate::db::{MapDup, StoreError, Tx};
use chrono::{DateTime, Utc};
use nsdb_domain::model::{OrganizationKind, Program};

/// An organization as stored (text columns).
#[derive(sqlx::FromRow)]
struct OrganizationRecord {
    id: String,
    kind: String,
    code: String,
    name: String,
    programs: String,
    municipality_id: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    created_at: String,
}

#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: String,
    pub kind: OrganizationKind,
    pub code: String,
    pub name: String,
    /// The programs a 自治体 handles (empty for others).
    pub programs: Vec<Program>,
    /// For institutions: the 自治体 that registered it.
    pub municipality_id: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<OrganizationRecord> for OrganizationRow {
    type Error = StoreError;

    fn try_from(r: OrganizationRecord) -> Result<Self, StoreError> {
        let field = |column: &str, value: &str| StoreError::corrupt("organizations", column, value);
        Ok(OrganizationRow {
            kind: OrganizationKind::parse(&r.kind).ok_or_else(|| field("kind", &r.kind))?,
            programs: r
                .programs
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| Program::parse(p).ok_or_else(|| field("programs", &r.programs)))
                .collect::<Result<_, _>>()?,
            created_at: nsdb_domain::time::parse_timestamp(&r.created_at)
                .ok_or_else(|| field("created_at", &r.created_at))?,
            id: r.id,
            code: r.code,
            name: r.name,
            municipality_id: r.municipality_id,
            address: r.address,
            phone: r.phone,
        })
    }
}

/// Stored programs: comma-separated codes.
pub fn programs_column(programs: &[Program]) -> String {
    programs
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(",")
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
        self.organization_by_id(&id)
            .await?
            .ok_or_else(|| StoreError::corrupt("organizations", "id", &id))
    }

    pub async fn organization_by_id(
        &mut self,
        id: &str,
    ) -> Result<Option<OrganizationRow>, StoreError> {
        sqlx::query_as::<_, OrganizationRecord>(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .map(OrganizationRow::try_from)
        .transpose()
    }

    pub async fn organization_by_code(
        &mut self,
        kind: &str,
        code: &str,
    ) -> Result<Option<OrganizationRow>, StoreError> {
        sqlx::query_as::<_, OrganizationRecord>(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = $1 AND code = $2"
        ))
        .bind(kind)
        .bind(code)
        .fetch_optional(self.conn())
        .await?
        .map(OrganizationRow::try_from)
        .transpose()
    }

    pub async fn organizations_of_kind(
        &mut self,
        kind: &str,
    ) -> Result<Vec<OrganizationRow>, StoreError> {
        sqlx::query_as::<_, OrganizationRecord>(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = $1 ORDER BY code"
        ))
        .bind(kind)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(OrganizationRow::try_from)
        .collect()
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
        let rows = sqlx::query_as::<_, OrganizationRecord>(&format!(
            "SELECT {COLUMNS} FROM organizations WHERE kind = 'institution' AND municipality_id = $1 \
             AND (code LIKE $2 OR LOWER(name) LIKE $2) ORDER BY code LIMIT $3 OFFSET $4"
        ))
        .bind(municipality_id)
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(OrganizationRow::try_from)
        .collect::<Result<Vec<_>, _>>()?;
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
