use crate::accounts::{account_columns, AccountRecord, AccountRow};
use crate::db::{Store, StoreError, Tx};
use chrono::{DateTime, Utc};
use nsdb_domain::model::SessionScope;
use sqlx::{FromRow, Row};

#[derive(sqlx::FromRow)]
struct SessionRecord {
    token_hash: String,
    account_id: String,
    scope: String,
    csrf_token: String,
    created_at: String,
    last_seen_at: String,
}

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub token_hash: String,
    pub account_id: String,
    pub scope: SessionScope,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

impl TryFrom<SessionRecord> for SessionRow {
    type Error = StoreError;

    fn try_from(r: SessionRecord) -> Result<Self, StoreError> {
        let time = |column: &str, v: &str| {
            nsdb_domain::time::parse_timestamp(v)
                .ok_or_else(|| StoreError::corrupt("sessions", column, v))
        };
        Ok(SessionRow {
            scope: SessionScope::parse(&r.scope)
                .ok_or_else(|| StoreError::corrupt("sessions", "scope", &r.scope))?,
            created_at: time("created_at", &r.created_at)?,
            last_seen_at: time("last_seen_at", &r.last_seen_at)?,
            token_hash: r.token_hash,
            account_id: r.account_id,
            csrf_token: r.csrf_token,
        })
    }
}

impl Store {
    /// A session and its account (not deleted) in one statement, outside any transaction:
    /// every request asks this, and one statement reads one consistent state. None when
    /// there is no such session or its account is gone.
    pub async fn session_with_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        const SQL: &str = concat!(
            "SELECT s.token_hash AS s_token_hash, s.account_id AS s_account_id, s.scope AS s_scope, \
             s.csrf_token AS s_csrf_token, s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, ",
            account_columns!(),
            " FROM sessions s JOIN accounts a ON a.id = s.account_id AND a.deleted_at IS NULL \
             JOIN organizations o ON o.id = a.organization_id WHERE s.token_hash = $1"
        );
        let Some(row) = crate::db::on_live_connection(|| {
            sqlx::query(SQL)
                .bind(token_hash)
                .fetch_optional(self.readers())
        })
        .await?
        else {
            return Ok(None);
        };
        let session = SessionRecord {
            token_hash: row.try_get("s_token_hash")?,
            account_id: row.try_get("s_account_id")?,
            scope: row.try_get("s_scope")?,
            csrf_token: row.try_get("s_csrf_token")?,
            created_at: row.try_get("s_created_at")?,
            last_seen_at: row.try_get("s_last_seen_at")?,
        };
        let account = AccountRecord::from_row(&row)?;
        Ok(Some((
            SessionRow::try_from(session)?,
            AccountRow::try_from(account)?,
        )))
    }
}

impl Tx {
    pub async fn insert_session(
        &mut self,
        token_hash: &str,
        account_id: &str,
        scope: SessionScope,
        csrf_token: &str,
        client_address: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = crate::now_text();
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, scope, csrf_token, created_at, last_seen_at, client_address) \
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(scope.as_str())
        .bind(csrf_token)
        .bind(&now)
        .bind(client_address)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn session(&mut self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        sqlx::query_as::<_, SessionRecord>(
            "SELECT token_hash, account_id, scope, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.conn())
        .await?
        .map(SessionRow::try_from)
        .transpose()
    }

    pub async fn touch_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(crate::now_text())
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends every live session of an account (expiry change, key revocation, deletion).
    pub async fn delete_sessions_of(&mut self, account_id: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(self.conn())
            .await?
            .rows_affected())
    }

    pub async fn login_attempts(
        &mut self,
        login_id: &str,
    ) -> Result<Option<(i64, Option<String>)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT failures, locked_at FROM login_attempts WHERE login_id = $1")
                .bind(login_id)
                .fetch_optional(self.conn())
                .await?,
        )
    }

    pub async fn save_login_attempts(
        &mut self,
        login_id: &str,
        failures: i64,
        locked_at: Option<&str>,
    ) -> Result<(), StoreError> {
        let now = crate::now_text();
        sqlx::query(
            "INSERT INTO login_attempts (login_id, failures, locked_at, last_failure_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (login_id) DO UPDATE SET failures = $2, locked_at = $3, last_failure_at = $4",
        )
        .bind(login_id)
        .bind(failures)
        .bind(locked_at)
        .bind(&now)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Clears failures and any lock (successful log-in, or unlock by an administrator).
    pub async fn clear_login_attempts(&mut self, login_id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_attempts WHERE login_id = $1")
            .bind(login_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn insert_password_reset(
        &mut self,
        token_hash: &str,
        account_id: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(expires_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// (account_id, expires_at, used_at) of a reset token.
    pub async fn password_reset(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<(String, String, Option<String>)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT account_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Marks a reset token used; false when it was already used (a concurrent second use).
    pub async fn use_password_reset(&mut self, token_hash: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(crate::now_text())
        .bind(token_hash)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }

    /// Replaces the account's key-registration code (one live code per account).
    pub async fn put_key_registration_code(
        &mut self,
        account_id: &str,
        code_hash: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM key_registration_codes WHERE account_id = $1")
            .bind(account_id)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO key_registration_codes (account_id, code_hash, expires_at, failures) VALUES ($1, $2, $3, 0)",
        )
        .bind(account_id)
        .bind(code_hash)
        .bind(expires_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// (code_hash, expires_at, failures) of the account's live key-registration code.
    pub async fn key_registration_code(
        &mut self,
        account_id: &str,
    ) -> Result<Option<(String, String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT code_hash, expires_at, failures FROM key_registration_codes WHERE account_id = $1",
        )
        .bind(account_id)
        .fetch_optional(self.conn())
        .await?)
    }

    pub async fn count_key_registration_failure(
        &mut self,
        account_id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE key_registration_codes SET failures = failures + 1 WHERE account_id = $1",
        )
        .bind(account_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn delete_key_registration_code(
        &mut self,
        account_id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM key_registration_codes WHERE account_id = $1")
            .bind(account_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
