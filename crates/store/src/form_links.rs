//! Forms opened by their access key (自治体 look-ups and 連携) and 自治体受付.
use crate::db::{StoreError, Tx};
use crate::forms::{FormRecord, SELECT};
use crate::FormRow;
use chrono::{DateTime, NaiveDate, Utc};
use nsdb_domain::data_keys::Sealed;

/// Who opened a form by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A 自治体: every member of the organization may see the form again.
    Municipality,
    /// A 指定医 of another institution (連携): that doctor only, read-only.
    Doctor,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Municipality => "municipality",
            Self::Doctor => "doctor",
        }
    }
}

/// A look-up by key to remember.
pub struct NewLink<'a> {
    pub form_id: &'a str,
    pub account_id: &'a str,
    pub organization_id: &'a str,
    pub kind: LinkKind,
    /// Doctors: the patient's consent to 連携 was confirmed now.
    pub consent_recorded: bool,
}

/// A 自治体受付 as stored: the numbers stay sealed until a service opens them.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub municipality_id: String,
    pub municipality_name: String,
    pub received_on: NaiveDate,
    /// Login ID of who received it.
    pub received_by: String,
    pub at: DateTime<Utc>,
    pub sealed: Sealed,
}

pub struct NewReceipt<'a> {
    pub form_id: &'a str,
    pub municipality_id: &'a str,
    pub received_on: NaiveDate,
    pub received_by: &'a str,
    pub sealed: &'a Sealed,
}

impl Tx {
    /// Records (or refreshes) that `link.account_id` opened the form by its key.
    pub async fn record_form_link(&mut self, link: &NewLink<'_>) -> Result<(), StoreError> {
        let now = crate::now_text();
        let consent = link.consent_recorded.then(|| now.clone());
        sqlx::query(
            "INSERT INTO form_links (form_id, account_id, organization_id, kind, consent_recorded_at, first_at, last_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) \
             ON CONFLICT (form_id, account_id) DO UPDATE SET last_at = excluded.last_at, \
             consent_recorded_at = COALESCE(excluded.consent_recorded_at, form_links.consent_recorded_at)",
        )
        .bind(link.form_id)
        .bind(link.account_id)
        .bind(link.organization_id)
        .bind(link.kind.as_str())
        .bind(consent)
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// How the caller may see a form it does not hold: its own 連携 link (a doctor's), or a
    /// look-up by its 自治体 (any staff of that 自治体).
    pub async fn form_link_of(
        &mut self,
        form_id: &str,
        account_id: &str,
        organization_id: &str,
    ) -> Result<Option<LinkKind>, StoreError> {
        let kinds: Vec<String> = sqlx::query_scalar(
            "SELECT kind FROM form_links WHERE form_id = $1 \
             AND (account_id = $2 OR (organization_id = $3 AND kind = 'municipality'))",
        )
        .bind(form_id)
        .bind(account_id)
        .bind(organization_id)
        .fetch_all(self.conn())
        .await?;
        Ok(if kinds.iter().any(|k| k == "municipality") {
            Some(LinkKind::Municipality)
        } else if kinds.is_empty() {
            None
        } else {
            Some(LinkKind::Doctor)
        })
    }

    /// The forms a 自治体 (all its staff), or a doctor (their own 連携), opened by key,
    /// most recently opened first.
    pub async fn linked_forms(
        &mut self,
        kind: LinkKind,
        account_id: &str,
        organization_id: &str,
        limit: i64,
    ) -> Result<Vec<FormRow>, StoreError> {
        let (column, value) = match kind {
            LinkKind::Municipality => ("organization_id", organization_id),
            LinkKind::Doctor => ("account_id", account_id),
        };
        let sql = format!(
            "{SELECT} JOIN (SELECT form_id, MAX(last_at) AS last_at FROM form_links \
             WHERE {column} = $1 AND kind = $2 GROUP BY form_id) l ON l.form_id = f.id \
             ORDER BY l.last_at DESC LIMIT {limit}"
        );
        sqlx::query_as::<_, FormRecord>(&sql)
            .bind(value)
            .bind(kind.as_str())
            .fetch_all(self.conn())
            .await?
            .into_iter()
            .map(FormRow::try_from)
            .collect()
    }

    pub async fn insert_form_receipt(&mut self, r: &NewReceipt<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_receipts (form_id, municipality_id, received_on, received_by, at, key_id, sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(r.form_id)
        .bind(r.municipality_id)
        .bind(r.received_on.to_string())
        .bind(r.received_by)
        .bind(crate::now_text())
        .bind(&r.sealed.key_id)
        .bind(&r.sealed.text)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn form_receipt(&mut self, form_id: &str) -> Result<Option<ReceiptRow>, StoreError> {
        let row: Option<(String, String, String, String, String, String, String)> =
            sqlx::query_as(
                "SELECT r.municipality_id, o.name, r.received_on, a.login_id, r.at, r.key_id, r.sealed \
                 FROM form_receipts r JOIN organizations o ON o.id = r.municipality_id \
                 JOIN accounts a ON a.id = r.received_by WHERE r.form_id = $1",
            )
            .bind(form_id)
            .fetch_optional(self.conn())
            .await?;
        let Some((municipality_id, municipality_name, on, by, at, key_id, text)) = row else {
            return Ok(None);
        };
        let corrupt =
            |column: &str, value: &str| StoreError::corrupt("form_receipts", column, value);
        Ok(Some(ReceiptRow {
            received_on: on.parse().map_err(|_| corrupt("received_on", &on))?,
            at: nsdb_domain::time::parse_timestamp(&at).ok_or_else(|| corrupt("at", &at))?,
            municipality_id,
            municipality_name,
            received_by: by,
            sealed: Sealed { key_id, text },
        }))
    }
}
