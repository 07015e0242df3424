use crate::db::{StoreError, Tx};
use nsdb_domain::model::ConcurrentState;

#[derive(sqlx::FromRow)]
struct ConcurrentRecord {
    id: String,
    account_id: String,
    institution_id: String,
    state: String,
    requested_at: String,
    decided_at: Option<String>,
    institution_code: String,
    institution_name: String,
    doctor_login_id: String,
    doctor_name: String,
}

impl TryFrom<ConcurrentRecord> for ConcurrentRow {
    type Error = StoreError;

    fn try_from(r: ConcurrentRecord) -> Result<Self, StoreError> {
        Ok(ConcurrentRow {
            state: ConcurrentState::parse(&r.state)
                .ok_or_else(|| StoreError::corrupt("concurrent_assignments", "state", &r.state))?,
            id: r.id,
            account_id: r.account_id,
            institution_id: r.institution_id,
            requested_at: r.requested_at,
            decided_at: r.decided_at,
            institution_code: r.institution_code,
            institution_name: r.institution_name,
            doctor_login_id: r.doctor_login_id,
            doctor_name: r.doctor_name,
        })
    }
}

/// A 兼務先 application with the names needed to show it.
#[derive(Debug, Clone)]
pub struct ConcurrentRow {
    pub id: String,
    pub account_id: String,
    pub institution_id: String,
    pub state: ConcurrentState,
    pub requested_at: String,
    pub decided_at: Option<String>,
    pub institution_code: String,
    pub institution_name: String,
    pub doctor_login_id: String,
    pub doctor_name: String,
}

const SELECT: &str = "SELECT c.id, c.account_id, c.institution_id, c.state, c.requested_at, c.decided_at, \
    o.code AS institution_code, o.name AS institution_name, a.login_id AS doctor_login_id, \
    a.family_name || ' ' || a.given_name AS doctor_name \
    FROM concurrent_assignments c JOIN organizations o ON o.id = c.institution_id JOIN accounts a ON a.id = c.account_id";

impl Tx {
    pub async fn insert_concurrent(
        &mut self,
        account_id: &str,
        institution_id: &str,
    ) -> Result<String, StoreError> {
        let id = crate::new_id();
        sqlx::query(
            "INSERT INTO concurrent_assignments (id, account_id, institution_id, state, requested_at) VALUES ($1, $2, $3, 'pending', $4)",
        )
        .bind(&id)
        .bind(account_id)
        .bind(institution_id)
        .bind(crate::now_text())
        .execute(self.conn())
        .await?;
        Ok(id)
    }

    pub async fn concurrent_by_id(
        &mut self,
        id: &str,
    ) -> Result<Option<ConcurrentRow>, StoreError> {
        sqlx::query_as::<_, ConcurrentRecord>(&format!("{SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.conn())
            .await?
            .map(ConcurrentRow::try_from)
            .transpose()
    }

    pub async fn concurrent_of_account(
        &mut self,
        account_id: &str,
    ) -> Result<Vec<ConcurrentRow>, StoreError> {
        sqlx::query_as::<_, ConcurrentRecord>(&format!(
            "{SELECT} WHERE c.account_id = $1 ORDER BY c.requested_at"
        ))
        .bind(account_id)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(ConcurrentRow::try_from)
        .collect()
    }

    pub async fn concurrent_of_institution(
        &mut self,
        institution_id: &str,
    ) -> Result<Vec<ConcurrentRow>, StoreError> {
        sqlx::query_as::<_, ConcurrentRecord>(&format!(
            "{SELECT} WHERE c.institution_id = $1 AND a.deleted_at IS NULL ORDER BY c.requested_at DESC"
        ))
        .bind(institution_id)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(ConcurrentRow::try_from)
        .collect()
    }

    /// The institutions where a doctor's 兼務 application was approved.
    pub async fn approved_concurrent_institutions(
        &mut self,
        account_id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT institution_id FROM concurrent_assignments WHERE account_id = $1 AND state = 'approved'",
        )
        .bind(account_id)
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Decides a pending application; false when it was no longer pending.
    pub async fn decide_concurrent(
        &mut self,
        id: &str,
        state: ConcurrentState,
        decided_by: &str,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE concurrent_assignments SET state = $1, decided_at = $2, decided_by = $3 WHERE id = $4 AND state = 'pending'",
        )
        .bind(state.as_str())
        .bind(crate::now_text())
        .bind(decided_by)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}
