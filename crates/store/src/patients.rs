//! Patients: sealed identifying items and the keyed hashes they are found by.
use crate::db::{StoreError, Tx};
use chrono::{DateTime, Utc};
use nsdb_domain::data_keys::Sealed;
use nsdb_domain::patient::{PatientQuery, PatientSearchKeys};

#[derive(sqlx::FromRow)]
pub(crate) struct PatientRecord {
    pub(crate) id: String,
    pub(crate) institution_id: String,
    pub(crate) key_id: String,
    pub(crate) sealed: String,
    pub(crate) consent_recorded_by: Option<String>,
    pub(crate) consent_recorded_at: Option<String>,
    pub(crate) created_at: String,
}

/// A patient as stored: who they are stays sealed until a service opens it.
#[derive(Debug, Clone)]
pub struct PatientRow {
    pub id: String,
    pub institution_id: String,
    pub sealed: Sealed,
    /// Login ID of who recorded that the DB-registration explanation was given, and when.
    pub consent: Option<(String, DateTime<Utc>)>,
    pub created_at: DateTime<Utc>,
}

fn timestamp(column: &str, value: &str) -> Result<DateTime<Utc>, StoreError> {
    nsdb_domain::time::parse_timestamp(value)
        .ok_or_else(|| StoreError::corrupt("patients", column, value))
}

impl TryFrom<PatientRecord> for PatientRow {
    type Error = StoreError;

    fn try_from(r: PatientRecord) -> Result<Self, StoreError> {
        let consent = match (r.consent_recorded_by, r.consent_recorded_at) {
            (Some(by), Some(at)) => Some((by, timestamp("consent_recorded_at", &at)?)),
            _ => None,
        };
        Ok(PatientRow {
            created_at: timestamp("created_at", &r.created_at)?,
            id: r.id,
            institution_id: r.institution_id,
            sealed: Sealed {
                key_id: r.key_id,
                text: r.sealed,
            },
            consent,
        })
    }
}

/// The keyed hashes a patient is matched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientHashes {
    pub kana: String,
    pub family_kana: String,
    pub birth_date: String,
}

#[derive(sqlx::FromRow)]
struct HashedPatientRecord {
    #[sqlx(flatten)]
    patient: PatientRecord,
    kana_hash: String,
    family_kana_hash: String,
    birth_date_hash: String,
}

pub struct NewPatient<'a> {
    pub id: &'a str,
    pub institution_id: &'a str,
    pub sealed: &'a Sealed,
    pub search: &'a PatientSearchKeys,
    pub created_by: &'a str,
}

const SELECT: &str = "SELECT p.id, p.institution_id, p.key_id, p.sealed, \
    c.login_id AS consent_recorded_by, p.consent_recorded_at, p.created_at \
    FROM patients p LEFT JOIN accounts c ON c.id = p.consent_recorded_by";

/// `$first, $first+1, …` placeholders for a list bound one by one.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Tx {
    pub async fn insert_patient(&mut self, p: &NewPatient<'_>) -> Result<(), StoreError> {
        self.insert_patients(std::slice::from_ref(p)).await
    }

    /// New patients, a multi-row INSERT per [`crate::rows_per_insert`].
    pub async fn insert_patients(&mut self, patients: &[NewPatient<'_>]) -> Result<(), StoreError> {
        const COLUMNS: usize = 10;
        let now = crate::now_text();
        let rows_per_insert = self.rows_per_insert();
        for chunk in patients.chunks(rows_per_insert) {
            let rows =
                crate::rows_of_placeholders(2, chunk.len(), COLUMNS, |_| ", $1, $1".to_owned());
            let sql = format!(
                "INSERT INTO patients (id, institution_id, key_id, sealed, kana_hash, family_kana_hash, name_hash, \
                 family_name_hash, birth_date_hash, created_by, created_at, updated_at) VALUES {rows}"
            );
            let mut query = sqlx::query(&sql).bind(&now);
            for p in chunk {
                query = query
                    .bind(p.id)
                    .bind(p.institution_id)
                    .bind(&p.sealed.key_id)
                    .bind(&p.sealed.text)
                    .bind(&p.search.kana)
                    .bind(&p.search.family_kana)
                    .bind(&p.search.name)
                    .bind(&p.search.family_name)
                    .bind(&p.search.birth_date)
                    .bind(p.created_by);
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    /// The institution's patients whose (kana, birth date) hashes are among `wanted` — kana
    /// matching the full or the family-name kana — newest first, each with its hashes: for
    /// matching many patients at once (一括登録). May return a few more (a kana of one pair
    /// with the birth date of another); the caller compares the pairs.
    pub async fn patients_matching(
        &mut self,
        institution_id: &str,
        wanted: &[(&str, &str)],
    ) -> Result<Vec<(PatientRow, PatientHashes)>, StoreError> {
        let mut found = Vec::new();
        let keys_per_lookup = self.keys_per_lookup();
        for chunk in wanted.chunks(keys_per_lookup) {
            let n = chunk.len();
            let sql = format!(
                "SELECT p.id, p.institution_id, p.key_id, p.sealed, c.login_id AS consent_recorded_by, \
                 p.consent_recorded_at, p.created_at, p.kana_hash, p.family_kana_hash, p.birth_date_hash \
                 FROM patients p LEFT JOIN accounts c ON c.id = p.consent_recorded_by \
                 WHERE p.institution_id = $1 AND p.birth_date_hash IN ({}) \
                 AND (p.kana_hash IN ({kana}) OR p.family_kana_hash IN ({kana})) \
                 ORDER BY p.created_at DESC, p.id DESC",
                placeholders(2, n),
                kana = placeholders(2 + n, n)
            );
            let mut query = sqlx::query_as::<_, HashedPatientRecord>(&sql).bind(institution_id);
            for (_, birth) in chunk {
                query = query.bind(*birth);
            }
            for (kana, _) in chunk {
                query = query.bind(*kana);
            }
            for r in query.fetch_all(self.conn()).await? {
                let hashes = PatientHashes {
                    kana: r.kana_hash,
                    family_kana: r.family_kana_hash,
                    birth_date: r.birth_date_hash,
                };
                found.push((PatientRow::try_from(r.patient)?, hashes));
            }
        }
        Ok(found)
    }

    /// Replaces a patient's identifying items (a form's 基本情報 was corrected).
    pub async fn update_patient(
        &mut self,
        id: &str,
        sealed: &Sealed,
        search: &PatientSearchKeys,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE patients SET key_id = $1, sealed = $2, kana_hash = $3, family_kana_hash = $4, name_hash = $5, \
             family_name_hash = $6, birth_date_hash = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&sealed.key_id)
        .bind(&sealed.text)
        .bind(&search.kana)
        .bind(&search.family_kana)
        .bind(&search.name)
        .bind(&search.family_name)
        .bind(&search.birth_date)
        .bind(crate::now_text())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn patient_by_id(&mut self, id: &str) -> Result<Option<PatientRow>, StoreError> {
        sqlx::query_as::<_, PatientRecord>(&format!("{SELECT} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(self.conn())
            .await?
            .map(PatientRow::try_from)
            .transpose()
    }

    /// Patients of the given institutions matching every criterion of `query`, newest
    /// first, and how many match in all.
    pub async fn search_patients(
        &mut self,
        institutions: &[String],
        query: &PatientQuery,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<PatientRow>, i64), StoreError> {
        if institutions.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut binds: Vec<&str> = institutions.iter().map(String::as_str).collect();
        let mut conditions = vec![format!(
            "p.institution_id IN ({})",
            placeholders(1, institutions.len())
        )];
        if let Some(kana) = &query.kana {
            binds.push(kana);
            let n = binds.len();
            conditions.push(format!("(p.kana_hash = ${n} OR p.family_kana_hash = ${n})"));
        }
        if let Some(name) = &query.name {
            binds.push(name);
            let n = binds.len();
            conditions.push(format!("(p.name_hash = ${n} OR p.family_name_hash = ${n})"));
        }
        if let Some(birth) = &query.birth_date {
            binds.push(birth);
            conditions.push(format!("p.birth_date_hash = ${}", binds.len()));
        }
        let filter = conditions.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) FROM patients p WHERE {filter}");
        let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
        for b in &binds {
            count = count.bind(*b);
        }
        let (total,) = count.fetch_one(self.conn()).await?;
        let list_sql = format!(
            "{SELECT} WHERE {filter} ORDER BY p.created_at DESC, p.id DESC LIMIT {limit} OFFSET {offset}"
        );
        let mut list = sqlx::query_as::<_, PatientRecord>(&list_sql);
        for b in &binds {
            list = list.bind(*b);
        }
        let rows = list
            .fetch_all(self.conn())
            .await?
            .into_iter()
            .map(PatientRow::try_from)
            .collect::<Result<_, _>>()?;
        Ok((rows, total))
    }

    /// Records, once, that the DB-registration explanation was given; false when it was
    /// already recorded.
    pub async fn record_patient_consent(
        &mut self,
        id: &str,
        account_id: &str,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE patients SET consent_recorded_by = $1, consent_recorded_at = $2 WHERE id = $3 AND consent_recorded_at IS NULL",
        )
        .bind(account_id)
        .bind(crate::now_text())
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}
