use crate::db::{MapDup, StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use nsdb_domain::model::{OrganizationKind, Program, Role};

/// An account as stored (text columns), before its values are read into domain types.
#[derive(sqlx::FromRow)]
pub(crate) struct AccountRecord {
    id: String,
    login_id: String,
    organization_id: String,
    role: String,
    is_manager: i64,
    program: Option<String>,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    department: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    medical_registration_number: Option<String>,
    designated_doctor_number: Option<String>,
    valid_until: Option<String>,
    issued_by: Option<String>,
    password_hash: String,
    first_login_pending: i64,
    key_hash: Option<String>,
    created_at: String,
    updated_at: String,
    // joined from the organization
    organization_kind: String,
    organization_code: String,
    organization_name: String,
    organization_municipality_id: Option<String>,
}

/// An account with its organization, as the services use it.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: String,
    pub login_id: String,
    pub organization_id: String,
    pub role: Role,
    pub is_manager: bool,
    pub program: Option<Program>,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: Option<String>,
    pub given_name_kana: Option<String>,
    pub department: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub medical_registration_number: Option<String>,
    pub designated_doctor_number: Option<String>,
    /// 指定医有効期限.
    pub valid_until: Option<NaiveDate>,
    pub issued_by: Option<String>,
    pub password_hash: String,
    pub first_login_pending: bool,
    pub key_hash: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    // joined from the organization
    pub organization_kind: OrganizationKind,
    pub organization_code: String,
    pub organization_name: String,
    pub organization_municipality_id: Option<String>,
}

impl TryFrom<AccountRecord> for AccountRow {
    type Error = StoreError;

    fn try_from(r: AccountRecord) -> Result<Self, StoreError> {
        let field = |column: &str, value: &str| StoreError::corrupt("accounts", column, value);
        Ok(AccountRow {
            role: Role::parse(&r.role).ok_or_else(|| field("role", &r.role))?,
            is_manager: flag(r.is_manager)
                .ok_or_else(|| field("is_manager", &r.is_manager.to_string()))?,
            program: r
                .program
                .as_deref()
                .map(|p| Program::parse(p).ok_or_else(|| field("program", p)))
                .transpose()?,
            valid_until: r
                .valid_until
                .as_deref()
                .map(|d| {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| field("valid_until", d))
                })
                .transpose()?,
            first_login_pending: flag(r.first_login_pending)
                .ok_or_else(|| field("first_login_pending", &r.first_login_pending.to_string()))?,
            created_at: timestamp(&r.created_at)
                .ok_or_else(|| field("created_at", &r.created_at))?,
            updated_at: timestamp(&r.updated_at)
                .ok_or_else(|| field("updated_at", &r.updated_at))?,
            organization_kind: OrganizationKind::parse(&r.organization_kind).ok_or_else(|| {
                StoreError::corrupt("organizations", "kind", &r.organization_kind)
            })?,
            id: r.id,
            login_id: r.login_id,
            organization_id: r.organization_id,
            family_name: r.family_name,
            given_name: r.given_name,
            family_name_kana: r.family_name_kana,
            given_name_kana: r.given_name_kana,
            department: r.department,
            phone: r.phone,
            email: r.email,
            medical_registration_number: r.medical_registration_number,
            designated_doctor_number: r.designated_doctor_number,
            issued_by: r.issued_by,
            password_hash: r.password_hash,
            key_hash: r.key_hash,
            organization_code: r.organization_code,
            organization_name: r.organization_name,
            organization_municipality_id: r.organization_municipality_id,
        })
    }
}

/// A 0/1 column.
fn flag(v: i64) -> Option<bool> {
    match v {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

fn timestamp(s: &str) -> Option<DateTime<Utc>> {
    nsdb_domain::time::parse_timestamp(s)
}

impl AccountRow {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.family_name, self.given_name)
    }
}

#[derive(Debug, Default)]
pub struct NewAccount {
    pub login_id: String,
    pub organization_id: String,
    pub role: String,
    pub is_manager: bool,
    pub program: Option<String>,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: Option<String>,
    pub given_name_kana: Option<String>,
    pub department: Option<String>,
    pub phone: Option<String>,
    pub medical_registration_number: Option<String>,
    pub designated_doctor_number: Option<String>,
    pub valid_until: Option<String>,
    pub issued_by: Option<String>,
    pub password_hash: String,
}

/// Which accounts a list shows; the service fills it from the caller's scope.
#[derive(Debug, Default)]
pub struct AccountSearch {
    pub organization_id: Option<String>,
    /// Accounts of institutions registered by this 自治体.
    pub institution_municipality_id: Option<String>,
    pub role: Option<String>,
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// The columns of an [`AccountRecord`], from `accounts a` joined with `organizations o`.
macro_rules! account_columns {
    () => {
        "a.id, a.login_id, a.organization_id, a.role, a.is_manager, a.program, \
    a.family_name, a.given_name, a.family_name_kana, a.given_name_kana, a.department, a.phone, a.email, \
    a.medical_registration_number, a.designated_doctor_number, a.valid_until, a.issued_by, \
    a.password_hash, a.first_login_pending, a.key_hash, a.created_at, a.updated_at, \
    o.kind AS organization_kind, o.code AS organization_code, o.name AS organization_name, \
    o.municipality_id AS organization_municipality_id"
    };
}
pub(crate) use account_columns;

const SELECT: &str = concat!(
    "SELECT ",
    account_columns!(),
    " FROM accounts a JOIN organizations o ON o.id = a.organization_id"
);

impl Tx {
    pub async fn insert_account(&mut self, a: &NewAccount) -> Result<AccountRow, StoreError> {
        let id = crate::new_id();
        let now = crate::now_text();
        sqlx::query(
            "INSERT INTO accounts (id, login_id, organization_id, role, is_manager, program, family_name, given_name, \
             family_name_kana, given_name_kana, department, phone, medical_registration_number, designated_doctor_number, \
             valid_until, issued_by, password_hash, first_login_pending, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18)",
        )
        .bind(&id)
        .bind(&a.login_id)
        .bind(&a.organization_id)
        .bind(&a.role)
        .bind(i64::from(a.is_manager))
        .bind(&a.program)
        .bind(&a.family_name)
        .bind(&a.given_name)
        .bind(&a.family_name_kana)
        .bind(&a.given_name_kana)
        .bind(&a.department)
        .bind(&a.phone)
        .bind(&a.medical_registration_number)
        .bind(&a.designated_doctor_number)
        .bind(&a.valid_until)
        .bind(&a.issued_by)
        .bind(&a.password_hash)
        .bind(&now)
        .execute(self.conn())
        .await
        .dup()?;
        self.account_by_id(&id)
            .await?
            .ok_or_else(|| StoreError::corrupt("accounts", "id", &id))
    }

    /// A live (not deleted) account.
    pub async fn account_by_id(&mut self, id: &str) -> Result<Option<AccountRow>, StoreError> {
        sqlx::query_as::<_, AccountRecord>(&format!(
            "{SELECT} WHERE a.id = $1 AND a.deleted_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .map(AccountRow::try_from)
        .transpose()
    }

    pub async fn account_by_login_id(
        &mut self,
        login_id: &str,
    ) -> Result<Option<AccountRow>, StoreError> {
        sqlx::query_as::<_, AccountRecord>(&format!(
            "{SELECT} WHERE a.login_id = $1 AND a.deleted_at IS NULL"
        ))
        .bind(login_id)
        .fetch_optional(self.conn())
        .await?
        .map(AccountRow::try_from)
        .transpose()
    }

    pub async fn login_id_taken(&mut self, login_id: &str) -> Result<bool, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM accounts WHERE login_id = $1")
            .bind(login_id)
            .fetch_optional(self.conn())
            .await?;
        Ok(row.is_some())
    }

    /// Live doctor accounts of a program with the same 医籍登録番号 or 指定医番号.
    pub async fn doctor_duplicates(
        &mut self,
        program: &str,
        medical_registration_number: &str,
        designated_doctor_number: &str,
    ) -> Result<Vec<AccountRow>, StoreError> {
        sqlx::query_as::<_, AccountRecord>(&format!(
            "{SELECT} WHERE a.deleted_at IS NULL AND a.program = $1 \
             AND (a.medical_registration_number = $2 OR a.designated_doctor_number = $3)"
        ))
        .bind(program)
        .bind(medical_registration_number)
        .bind(designated_doctor_number)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(AccountRow::try_from)
        .collect()
    }

    pub async fn count_managers(&mut self, organization_id: &str) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM accounts WHERE organization_id = $1 AND is_manager = 1 AND deleted_at IS NULL",
        )
        .bind(organization_id)
        .fetch_one(self.conn())
        .await?;
        Ok(n)
    }

    pub async fn search_accounts(
        &mut self,
        q: &AccountSearch,
    ) -> Result<(Vec<AccountRow>, i64), StoreError> {
        let mut conditions = vec!["a.deleted_at IS NULL".to_owned()];
        let mut binds: Vec<String> = Vec::new();
        let mut push = |cond: &str, value: String, binds: &mut Vec<String>| {
            binds.push(value);
            conditions.push(cond.replace('?', &format!("${}", binds.len())));
        };
        if let Some(org) = &q.organization_id {
            push("a.organization_id = ?", org.clone(), &mut binds);
        }
        if let Some(m) = &q.institution_municipality_id {
            push("o.municipality_id = ?", m.clone(), &mut binds);
        }
        if let Some(role) = &q.role {
            push("a.role = ?", role.clone(), &mut binds);
        }
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            push(
                "(LOWER(a.login_id) LIKE ? OR a.family_name || a.given_name LIKE ? OR COALESCE(a.family_name_kana, '') || COALESCE(a.given_name_kana, '') LIKE ? OR o.code LIKE ?)",
                // Lower-cased here and in SQL: LIKE ignores ASCII case on SQLite but not on
                // PostgreSQL, and users type login IDs as they read them.
                format!("%{}%", text.trim().replace([' ', '　'], "").to_lowercase()),
                &mut binds,
            );
        }
        let where_clause = conditions.join(" AND ");
        let n = binds.len();
        let sql = format!(
            "{SELECT} WHERE {where_clause} ORDER BY o.code, a.created_at LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query_as::<_, AccountRecord>(&sql);
        for b in &binds {
            query = query.bind(b);
        }
        let rows = query
            .bind(q.limit)
            .bind(q.offset)
            .fetch_all(self.conn())
            .await?
            .into_iter()
            .map(AccountRow::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        let count_sql = format!(
            "SELECT COUNT(*) FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE {where_clause}"
        );
        let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
        for b in &binds {
            count = count.bind(b);
        }
        let (total,) = count.fetch_one(self.conn()).await?;
        Ok((rows, total))
    }

    /// Sets the password and voids every outstanding reset link of the account: a link
    /// mailed before a change (or a second link of two requested) must not reset it again.
    pub async fn set_password(
        &mut self,
        account_id: &str,
        password_hash: &str,
        first_login_pending: bool,
    ) -> Result<(), StoreError> {
        let now = crate::now_text();
        sqlx::query(
            "UPDATE accounts SET password_hash = $1, first_login_pending = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(password_hash)
        .bind(i64::from(first_login_pending))
        .bind(&now)
        .bind(account_id)
        .execute(self.conn())
        .await?;
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
        )
        .bind(&now)
        .bind(account_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn set_email(&mut self, account_id: &str, email: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET email = $1, updated_at = $2 WHERE id = $3")
            .bind(email)
            .bind(crate::now_text())
            .bind(account_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn set_names(
        &mut self,
        account_id: &str,
        family_name: &str,
        given_name: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE accounts SET family_name = $1, given_name = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(family_name)
        .bind(given_name)
        .bind(crate::now_text())
        .bind(account_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Sets (Some) or revokes (None) the account's key file.
    pub async fn set_key_hash(
        &mut self,
        account_id: &str,
        key_hash: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET key_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(key_hash)
            .bind(crate::now_text())
            .bind(account_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn set_manager(
        &mut self,
        account_id: &str,
        is_manager: bool,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET is_manager = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(is_manager))
            .bind(crate::now_text())
            .bind(account_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn update_doctor_designation(
        &mut self,
        account_id: &str,
        valid_until: &str,
        department: Option<&str>,
        phone: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE accounts SET valid_until = $1, department = COALESCE($2, department), phone = COALESCE($3, phone), updated_at = $4 WHERE id = $5",
        )
        .bind(valid_until)
        .bind(department)
        .bind(phone)
        .bind(crate::now_text())
        .bind(account_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Soft delete: the row stays for the log's references, the login ID is never reused.
    pub async fn delete_account(&mut self, account_id: &str) -> Result<(), StoreError> {
        let now = crate::now_text();
        sqlx::query("UPDATE accounts SET deleted_at = $1, updated_at = $1, is_manager = 0, key_hash = NULL WHERE id = $2")
            .bind(&now)
            .bind(account_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn any_account_with_role(&mut self, role: &str) -> Result<bool, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT id FROM accounts WHERE role = $1 LIMIT 1")
                .bind(role)
                .fetch_optional(self.conn())
                .await?;
        Ok(row.is_some())
    }
}
