//! Bulk loading of patients, forms and their history: many rows per statement, in the
//! caller's transaction. The load benchmark (`benches/load`) fills a database with a
//! million forms this way. Each row is what the services would have written over time
//! (sealed under the data key, with its keyed hashes), with its own timestamps and its
//! life-cycle state, which the one-row inserts of the services cannot set.
use crate::db::{StoreError, Tx};
use crate::forms::answers_text;
use nsdb_domain::data_keys::Sealed;
use nsdb_domain::form::FormState;
use nsdb_domain::model::Program;
use nsdb_domain::patient::PatientSearchKeys;
use nsdb_forms::data::FormData;
use nsdb_forms::ApplicationKind;

/// Rows per INSERT statement: the widest table (forms, 27 columns) stays far below
/// PostgreSQL's 65,535 parameters and SQLite's 32,766.
const ROWS_PER_STATEMENT: usize = 400;

/// A patient as registered at `created_at` (a stored timestamp).
#[derive(Debug, Clone)]
pub struct LoadedPatient {
    pub id: String,
    pub institution_id: String,
    pub sealed: Sealed,
    pub search: PatientSearchKeys,
    /// Account id and stored timestamp of the recorded DB-registration explanation.
    pub consent: Option<(String, String)>,
    /// Account id.
    pub created_by: String,
    pub created_at: String,
}

/// What 確定 froze on a loaded form.
#[derive(Debug, Clone)]
pub struct LoadedConfirmation {
    /// Account id of the approving doctor.
    pub by: String,
    pub at: String,
    /// The evaluation at approval (JSON, as `forms::approve` freezes it).
    pub evaluation: String,
    pub rule_version: String,
    pub access_key_hash: String,
    /// Sealed under the same key as the form's `sealed_answers`.
    pub sealed_access_key: String,
}

/// A form in any state of its life cycle, at revision `revision`.
#[derive(Debug, Clone)]
pub struct LoadedForm {
    pub id: String,
    pub institution_id: String,
    pub patient_id: String,
    pub definition_id: String,
    pub definition_hash: String,
    pub program: Program,
    pub disease_number: String,
    pub application_kind: ApplicationKind,
    pub state: FormState,
    pub revision: i64,
    /// The answers without the identifying items …
    pub answers: FormData,
    /// … which are sealed here.
    pub sealed_answers: Sealed,
    pub error_count: i64,
    pub warning_count: i64,
    pub outcome: String,
    /// Account id of the doctor asked to approve.
    pub approver_id: Option<String>,
    /// Account ids and stored timestamps.
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    pub updated_at: String,
    pub confirmed: Option<LoadedConfirmation>,
}

/// One entry of a loaded form's history.
#[derive(Debug, Clone)]
pub struct LoadedRevision {
    pub form_id: String,
    pub revision: i64,
    /// `FormAction::as_str` of the change.
    pub action: String,
    pub state: FormState,
    /// Account id.
    pub actor_id: String,
    pub at: String,
    pub changed_items: Vec<String>,
    pub answers: FormData,
    pub sealed_answers: Sealed,
}

/// `($1, …, $columns), ($columns+1, …), …` for `rows` rows.
fn values(columns: usize, rows: usize) -> String {
    crate::rows_of_placeholders(1, rows, columns, |_| String::new())
}

impl Tx {
    pub async fn load_patients(&mut self, rows: &[LoadedPatient]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO patients (id, institution_id, key_id, sealed, kana_hash, family_kana_hash, name_hash, \
                 family_name_hash, birth_date_hash, consent_recorded_by, consent_recorded_at, created_by, created_at, \
                 updated_at) VALUES {}",
                values(14, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for p in chunk {
                query = query
                    .bind(&p.id)
                    .bind(&p.institution_id)
                    .bind(&p.sealed.key_id)
                    .bind(&p.sealed.text)
                    .bind(&p.search.kana)
                    .bind(&p.search.family_kana)
                    .bind(&p.search.name)
                    .bind(&p.search.family_name)
                    .bind(&p.search.birth_date)
                    .bind(p.consent.as_ref().map(|(by, _)| by.as_str()))
                    .bind(p.consent.as_ref().map(|(_, at)| at.as_str()))
                    .bind(&p.created_by)
                    .bind(&p.created_at)
                    .bind(&p.created_at);
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    pub async fn load_forms(&mut self, rows: &[LoadedForm]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO forms (id, institution_id, patient_id, definition_id, definition_hash, program, \
                 disease_number, application_kind, state, revision, answers, key_id, sealed_answers, error_count, \
                 warning_count, outcome, approver_id, created_by, created_at, updated_by, updated_at, confirmed_by, \
                 confirmed_at, confirmed_evaluation, rule_version, access_key_hash, sealed_access_key) VALUES {}",
                values(27, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for f in chunk {
                let c = f.confirmed.as_ref();
                query = query
                    .bind(&f.id)
                    .bind(&f.institution_id)
                    .bind(&f.patient_id)
                    .bind(&f.definition_id)
                    .bind(&f.definition_hash)
                    .bind(f.program.as_str())
                    .bind(&f.disease_number)
                    .bind(f.application_kind.code())
                    .bind(f.state.as_str())
                    .bind(f.revision)
                    .bind(answers_text(&f.answers))
                    .bind(&f.sealed_answers.key_id)
                    .bind(&f.sealed_answers.text)
                    .bind(f.error_count)
                    .bind(f.warning_count)
                    .bind(&f.outcome)
                    .bind(f.approver_id.as_deref())
                    .bind(&f.created_by)
                    .bind(&f.created_at)
                    .bind(&f.updated_by)
                    .bind(&f.updated_at)
                    .bind(c.map(|c| c.by.as_str()))
                    .bind(c.map(|c| c.at.as_str()))
                    .bind(c.map(|c| c.evaluation.as_str()))
                    .bind(c.map(|c| c.rule_version.as_str()))
                    .bind(c.map(|c| c.access_key_hash.as_str()))
                    .bind(c.map(|c| c.sealed_access_key.as_str()));
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    pub async fn load_form_revisions(&mut self, rows: &[LoadedRevision]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO form_revisions (form_id, revision, action, state, actor_id, at, changed_items, answers, \
                 key_id, sealed_answers) VALUES {}",
                values(10, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for r in chunk {
                query = query
                    .bind(&r.form_id)
                    .bind(r.revision)
                    .bind(&r.action)
                    .bind(r.state.as_str())
                    .bind(&r.actor_id)
                    .bind(&r.at)
                    .bind(serde_json::to_string(&r.changed_items).expect("strings serialize"))
                    .bind(answers_text(&r.answers))
                    .bind(&r.sealed_answers.key_id)
                    .bind(&r.sealed_answers.text);
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }
}
