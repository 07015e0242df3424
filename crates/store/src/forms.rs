//! Stored forms, their revisions, comment threads and who last saw which revision.
//!
//! Every change is conditional on the revision the caller read (`WHERE revision = $n`), so
//! two people saving the same form cannot overwrite each other: the second gets `false`
//! and the service answers 409.
use crate::db::{StoreError, Tx};
use crate::patients::{placeholders, PatientRecord, PatientRow};
use chrono::{DateTime, Utc};
use nsdb_domain::data_keys::Sealed;
use nsdb_domain::form::FormState;
use nsdb_domain::model::Program;
use nsdb_domain::patient::PatientQuery;
use nsdb_forms::data::FormData;
use nsdb_forms::ApplicationKind;

#[derive(sqlx::FromRow)]
pub(crate) struct FormRecord {
    id: String,
    institution_id: String,
    institution_name: String,
    patient_id: String,
    patient_institution_id: String,
    patient_key_id: String,
    patient_sealed: String,
    patient_consent_recorded_by: Option<String>,
    patient_consent_recorded_at: Option<String>,
    patient_created_at: String,
    definition_id: String,
    definition_hash: String,
    program: String,
    disease_number: String,
    application_kind: String,
    state: String,
    revision: i64,
    answers: String,
    key_id: String,
    sealed_answers: String,
    error_count: i64,
    warning_count: i64,
    outcome: String,
    approver_login_id: Option<String>,
    approver_name: Option<String>,
    created_by: String,
    created_at: String,
    updated_by: String,
    updated_by_name: String,
    updated_at: String,
    confirmed_by: Option<String>,
    confirmed_by_name: Option<String>,
    confirmed_at: Option<String>,
    confirmed_evaluation: Option<String>,
    rule_version: Option<String>,
    sealed_access_key: Option<String>,
    received_at: Option<String>,
    renewed_from: Option<String>,
    sections_to_confirm: String,
    not_carried: String,
    comment_count: i64,
}

/// A stored form. Its identifying answers and access key stay sealed (under `key_id`)
/// until a service opens them; so does the patient's record it belongs to.
#[derive(Debug, Clone)]
pub struct FormRow {
    pub id: String,
    pub institution_id: String,
    pub institution_name: String,
    /// The patient's record, read with the form (a form is never shown without its patient).
    pub patient: PatientRow,
    pub definition_id: String,
    pub definition_hash: String,
    pub program: Program,
    pub disease_number: String,
    pub application_kind: ApplicationKind,
    pub state: FormState,
    pub revision: i64,
    /// The answers without the identifying items, as typed.
    pub answers: FormData,
    pub sealed_answers: Sealed,
    pub error_count: i64,
    pub warning_count: i64,
    /// The 一次判定 of the last evaluation (該当 / 非該当 / 判定不能 …).
    pub outcome: String,
    /// Login ID and name of the doctor asked to approve.
    pub approver: Option<(String, String)>,
    /// Login IDs.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_by: String,
    /// The name of the account that changed it last.
    pub updated_by_name: String,
    pub updated_at: DateTime<Utc>,
    pub confirmed: Option<Confirmation>,
    pub received_at: Option<DateTime<Utc>>,
    /// 前回値踏襲: the confirmed form this renewal started from.
    pub renewed_from: Option<String>,
    /// Sections whose carried values the doctor has still to confirm (paper order).
    pub sections_to_confirm: Vec<String>,
    /// 前回値踏襲 across versions: the previous form's answers that could not move.
    pub not_carried: Vec<nsdb_forms::NotCarried>,
    /// How many comments its thread holds (the thread is read only when there is one).
    pub comment_count: i64,
}

/// What 確定 froze.
#[derive(Debug, Clone)]
pub struct Confirmation {
    /// Login ID of the approving doctor.
    pub by: String,
    /// Their name (氏名), as printed on the form.
    pub by_name: String,
    pub at: DateTime<Utc>,
    /// The evaluation at approval (JSON), with its rule version.
    pub evaluation: String,
    pub rule_version: String,
    pub sealed_access_key: Sealed,
}

fn corrupt(column: &str, value: &str) -> StoreError {
    StoreError::corrupt("forms", column, value)
}

fn timestamp(column: &str, value: &str) -> Result<DateTime<Utc>, StoreError> {
    nsdb_domain::time::parse_timestamp(value).ok_or_else(|| corrupt(column, value))
}

pub(crate) fn answers_column(table: &'static str, text: &str) -> Result<FormData, StoreError> {
    serde_json::from_str(text).map_err(|_| StoreError::corrupt(table, "answers", text))
}

impl TryFrom<FormRecord> for FormRow {
    type Error = StoreError;

    fn try_from(r: FormRecord) -> Result<Self, StoreError> {
        let confirmed = match (
            r.confirmed_by,
            r.confirmed_at,
            r.confirmed_evaluation,
            r.rule_version,
            r.sealed_access_key,
        ) {
            (Some(by), Some(at), Some(evaluation), Some(rule_version), Some(key)) => {
                Some(Confirmation {
                    by,
                    by_name: r.confirmed_by_name.unwrap_or_default(),
                    at: timestamp("confirmed_at", &at)?,
                    evaluation,
                    rule_version,
                    sealed_access_key: Sealed {
                        key_id: r.key_id.clone(),
                        text: key,
                    },
                })
            }
            _ => None,
        };
        Ok(FormRow {
            program: Program::parse(&r.program).ok_or_else(|| corrupt("program", &r.program))?,
            application_kind: ApplicationKind::parse(&r.application_kind)
                .ok_or_else(|| corrupt("application_kind", &r.application_kind))?,
            state: FormState::parse(&r.state).ok_or_else(|| corrupt("state", &r.state))?,
            answers: answers_column("forms", &r.answers)?,
            created_at: timestamp("created_at", &r.created_at)?,
            updated_at: timestamp("updated_at", &r.updated_at)?,
            received_at: r
                .received_at
                .as_deref()
                .map(|at| timestamp("received_at", at))
                .transpose()?,
            approver: r.approver_login_id.zip(r.approver_name),
            sections_to_confirm: serde_json::from_str(&r.sections_to_confirm)
                .map_err(|_| corrupt("sections_to_confirm", &r.sections_to_confirm))?,
            not_carried: serde_json::from_str(&r.not_carried)
                .map_err(|_| corrupt("not_carried", &r.not_carried))?,
            renewed_from: r.renewed_from,
            sealed_answers: Sealed {
                key_id: r.key_id,
                text: r.sealed_answers,
            },
            patient: PatientRow::try_from(PatientRecord {
                id: r.patient_id,
                institution_id: r.patient_institution_id,
                key_id: r.patient_key_id,
                sealed: r.patient_sealed,
                consent_recorded_by: r.patient_consent_recorded_by,
                consent_recorded_at: r.patient_consent_recorded_at,
                created_at: r.patient_created_at,
            })?,
            comment_count: r.comment_count,
            confirmed,
            id: r.id,
            institution_id: r.institution_id,
            institution_name: r.institution_name,
            definition_id: r.definition_id,
            definition_hash: r.definition_hash,
            disease_number: r.disease_number,
            revision: r.revision,
            error_count: r.error_count,
            warning_count: r.warning_count,
            outcome: r.outcome,
            created_by: r.created_by,
            updated_by: r.updated_by,
            updated_by_name: r.updated_by_name,
        })
    }
}

pub(crate) const SELECT: &str = "SELECT f.id, f.institution_id, o.name AS institution_name, f.patient_id, \
    p.institution_id AS patient_institution_id, p.key_id AS patient_key_id, p.sealed AS patient_sealed, \
    pc.login_id AS patient_consent_recorded_by, p.consent_recorded_at AS patient_consent_recorded_at, \
    p.created_at AS patient_created_at, f.definition_id, f.definition_hash, \
    f.program, f.disease_number, f.application_kind, f.state, f.revision, f.answers, f.key_id, \
    f.sealed_answers, f.error_count, f.warning_count, f.outcome, \
    ap.login_id AS approver_login_id, ap.family_name || ' ' || ap.given_name AS approver_name, \
    cr.login_id AS created_by, f.created_at, up.login_id AS updated_by, \
    up.family_name || ' ' || up.given_name AS updated_by_name, f.updated_at, \
    co.login_id AS confirmed_by, co.family_name || ' ' || co.given_name AS confirmed_by_name, f.confirmed_at, f.confirmed_evaluation, f.rule_version, \
    f.sealed_access_key, f.received_at, f.renewed_from, f.sections_to_confirm, f.not_carried, \
    (SELECT COUNT(*) FROM form_comments fc WHERE fc.form_id = f.id) AS comment_count \
    FROM forms f JOIN patients p ON p.id = f.patient_id LEFT JOIN accounts pc ON pc.id = p.consent_recorded_by JOIN organizations o ON o.id = f.institution_id \
    JOIN accounts cr ON cr.id = f.created_by JOIN accounts up ON up.id = f.updated_by \
    LEFT JOIN accounts ap ON ap.id = f.approver_id LEFT JOIN accounts co ON co.id = f.confirmed_by";

/// Readable answers as stored (JSON), made once before the unit of work: a draft's form and
/// its first revision store the same text, and 一括登録 makes it on its preparing thread.
#[derive(Debug, Clone)]
pub struct AnswersJson(String);

impl AnswersJson {
    pub fn of(answers: &FormData) -> Self {
        AnswersJson(answers_text(answers))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// The answers of a save and what their evaluation found.
pub struct FormContent<'a> {
    pub answers: &'a AnswersJson,
    pub sealed_answers: &'a Sealed,
    pub error_count: i64,
    pub warning_count: i64,
    pub outcome: &'a str,
}

pub struct NewForm<'a> {
    pub id: &'a str,
    pub institution_id: &'a str,
    pub patient_id: &'a str,
    pub definition_id: &'a str,
    pub definition_hash: &'a str,
    pub program: Program,
    pub disease_number: &'a str,
    pub application_kind: ApplicationKind,
    pub content: FormContent<'a>,
    pub created_by: &'a str,
    /// 前回値踏襲: the source form, and the sections whose carried values await confirmation.
    pub renewed_from: Option<&'a str>,
    pub sections_to_confirm: &'a [String],
    pub not_carried: &'a [nsdb_forms::NotCarried],
}

/// A state change, applied only if the form is still at `from_revision` in `from_state`.
pub struct FormTransition<'a> {
    pub from_state: FormState,
    pub from_revision: i64,
    pub to_state: FormState,
    pub by: &'a str,
    pub change: TransitionChange<'a>,
}

/// What a transition records besides the state.
pub enum TransitionChange<'a> {
    /// 承認依頼 to this doctor (account id).
    AskApprover(&'a str),
    /// 差戻し: the form goes back, its approver kept for the next request.
    None,
    /// 確定: the evaluation, rule version and access key (look-up hash and sealed key).
    /// The sealed key is under the row's key; `reseal_answers` re-seals the answers with it
    /// when the current data key changed since the last save.
    Confirm {
        evaluation: &'a str,
        rule_version: &'a str,
        access_key_hash: &'a str,
        sealed_access_key: &'a Sealed,
        sealed_answers: &'a Sealed,
        /// The definition's content hash at approval.
        definition_hash: &'a str,
    },
    /// 確定取消: back to a draft; the key no longer finds the form.
    Withdraw,
    /// 自治体受付 by this 自治体 (organization id): from now the institution cannot withdraw.
    Receive(&'a str),
}

/// A revision as stored in the history.
#[derive(Debug, Clone)]
pub struct RevisionRow {
    pub revision: i64,
    pub action: String,
    pub state: FormState,
    /// Login ID and name.
    pub actor: (String, String),
    pub at: DateTime<Utc>,
    pub changed_items: Vec<String>,
    pub answers: FormData,
    pub sealed_answers: Sealed,
}

#[derive(sqlx::FromRow)]
struct RevisionRecord {
    revision: i64,
    action: String,
    state: String,
    actor_login_id: String,
    actor_name: String,
    at: String,
    changed_items: String,
    answers: String,
    key_id: String,
    sealed_answers: String,
}

impl TryFrom<RevisionRecord> for RevisionRow {
    type Error = StoreError;

    fn try_from(r: RevisionRecord) -> Result<Self, StoreError> {
        let bad = |column: &str, value: &str| StoreError::corrupt("form_revisions", column, value);
        Ok(RevisionRow {
            state: FormState::parse(&r.state).ok_or_else(|| bad("state", &r.state))?,
            at: nsdb_domain::time::parse_timestamp(&r.at).ok_or_else(|| bad("at", &r.at))?,
            changed_items: serde_json::from_str(&r.changed_items)
                .map_err(|_| bad("changed_items", &r.changed_items))?,
            answers: answers_column("form_revisions", &r.answers)?,
            sealed_answers: Sealed {
                key_id: r.key_id,
                text: r.sealed_answers,
            },
            revision: r.revision,
            action: r.action,
            actor: (r.actor_login_id, r.actor_name),
        })
    }
}

pub struct NewRevision<'a> {
    pub form_id: &'a str,
    pub revision: i64,
    pub action: &'a str,
    pub state: FormState,
    pub actor_id: &'a str,
    pub changed_items: &'a [String],
    pub answers: &'a AnswersJson,
    pub sealed_answers: &'a Sealed,
}

/// A comment of a form's thread.
#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: String,
    pub revision: i64,
    pub action: String,
    /// Login ID and name.
    pub author: (String, String),
    pub at: DateTime<Utc>,
    pub sealed_body: Sealed,
}

#[derive(sqlx::FromRow)]
struct CommentRecord {
    id: String,
    revision: i64,
    action: String,
    author_login_id: String,
    author_name: String,
    at: String,
    key_id: String,
    sealed_body: String,
}

/// Which forms a search asks for. `institutions` is the caller's scope and always applies.
#[derive(Debug, Clone, Default)]
pub struct FormQuery {
    pub institutions: Vec<String>,
    pub patient: PatientQuery,
    pub patient_id: Option<String>,
    pub program: Option<Program>,
    pub disease_number: Option<String>,
    pub states: Vec<FormState>,
    /// Account id of the doctor asked to approve (a doctor's queue).
    pub approver_id: Option<String>,
    /// `updated_at` bounds, as stored timestamps (inclusive from, exclusive until).
    pub updated_from: Option<String>,
    pub updated_until: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl Tx {
    pub async fn insert_form(&mut self, f: &NewForm<'_>) -> Result<(), StoreError> {
        self.insert_forms(std::slice::from_ref(f)).await
    }

    /// New drafts (revision 1), a multi-row INSERT per [`crate::rows_per_insert`] forms.
    pub async fn insert_forms(&mut self, forms: &[NewForm<'_>]) -> Result<(), StoreError> {
        const COLUMNS: usize = 18;
        let now = crate::now_text();
        let rows_per_insert = self.rows_per_insert();
        for chunk in forms.chunks(rows_per_insert) {
            // Per row its 18 values, then the state, revision and times every new draft has
            // ($1 is the time; updated_by is created_by).
            let rows = crate::rows_of_placeholders(2, chunk.len(), COLUMNS, |start| {
                format!(", 'draft', 1, $1, ${}, $1", start + 14)
            });
            let sql = format!(
                "INSERT INTO forms (id, institution_id, patient_id, definition_id, definition_hash, program, disease_number, \
                 application_kind, answers, key_id, sealed_answers, error_count, warning_count, outcome, \
                 created_by, renewed_from, sections_to_confirm, not_carried, \
                 state, revision, created_at, updated_by, updated_at) VALUES {rows}"
            );
            let mut query = sqlx::query(&sql).bind(&now);
            for f in chunk {
                query = query
                    .bind(f.id)
                    .bind(f.institution_id)
                    .bind(f.patient_id)
                    .bind(f.definition_id)
                    .bind(f.definition_hash)
                    .bind(f.program.as_str())
                    .bind(f.disease_number)
                    .bind(f.application_kind.code())
                    .bind(f.content.answers.as_str())
                    .bind(&f.content.sealed_answers.key_id)
                    .bind(&f.content.sealed_answers.text)
                    .bind(f.content.error_count)
                    .bind(f.content.warning_count)
                    .bind(f.content.outcome)
                    .bind(f.created_by)
                    .bind(f.renewed_from)
                    .bind(serde_json::to_string(f.sections_to_confirm).expect("strings serialize"))
                    .bind(serde_json::to_string(f.not_carried).expect("strings serialize"));
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    /// Records that the doctor confirmed a section's carried values, if the form is still at
    /// `revision` and editable: `remaining` are the sections still to confirm. The new
    /// revision, or `None` when it changed meanwhile.
    pub async fn confirm_form_sections(
        &mut self,
        id: &str,
        revision: i64,
        remaining: &[String],
        by: &str,
    ) -> Result<Option<i64>, StoreError> {
        let updated = sqlx::query(
            "UPDATE forms SET sections_to_confirm = $1, revision = revision + 1, updated_by = $2, updated_at = $3 \
             WHERE id = $4 AND revision = $5 AND state IN ('draft', 'awaiting_approval', 'returned')",
        )
        .bind(serde_json::to_string(remaining).expect("strings serialize"))
        .bind(by)
        .bind(crate::now_text())
        .bind(id)
        .bind(revision)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok((updated == 1).then_some(revision + 1))
    }

    pub async fn form_by_id(&mut self, id: &str) -> Result<Option<FormRow>, StoreError> {
        sqlx::query_as::<_, FormRecord>(&format!("{SELECT} WHERE f.id = $1"))
            .bind(id)
            .fetch_optional(self.conn())
            .await?
            .map(FormRow::try_from)
            .transpose()
    }

    /// The form an access key was issued for (confirmed and later states only).
    pub async fn form_by_access_key(
        &mut self,
        access_key_hash: &str,
    ) -> Result<Option<FormRow>, StoreError> {
        sqlx::query_as::<_, FormRecord>(&format!("{SELECT} WHERE f.access_key_hash = $1"))
            .bind(access_key_hash)
            .fetch_optional(self.conn())
            .await?
            .map(FormRow::try_from)
            .transpose()
    }

    /// Saves new answers if the form is still at `revision` and editable; the new revision
    /// number and the time stored, or `None` when someone else saved first (or the state
    /// changed).
    pub async fn update_form_content(
        &mut self,
        id: &str,
        revision: i64,
        content: &FormContent<'_>,
        by: &str,
    ) -> Result<Option<(i64, DateTime<Utc>)>, StoreError> {
        let at = crate::now_text();
        let updated = sqlx::query(
            "UPDATE forms SET answers = $1, key_id = $2, sealed_answers = $3, error_count = $4, warning_count = $5, \
             outcome = $6, revision = revision + 1, updated_by = $7, updated_at = $8 \
             WHERE id = $9 AND revision = $10 AND state IN ('draft', 'awaiting_approval', 'returned')",
        )
        .bind(content.answers.as_str())
        .bind(&content.sealed_answers.key_id)
        .bind(&content.sealed_answers.text)
        .bind(content.error_count)
        .bind(content.warning_count)
        .bind(content.outcome)
        .bind(by)
        .bind(&at)
        .bind(id)
        .bind(revision)
        .execute(self.conn())
        .await?
        .rows_affected();
        if updated != 1 {
            return Ok(None);
        }
        Ok(Some((revision + 1, timestamp("updated_at", &at)?)))
    }

    /// Applies a state change if the form is still as the caller saw it; the new revision,
    /// or `None` when it changed meanwhile.
    pub async fn transition_form(
        &mut self,
        id: &str,
        t: &FormTransition<'_>,
    ) -> Result<Option<i64>, StoreError> {
        let guard = "WHERE id = $1 AND revision = $2 AND state = $3";
        let base = "state = $4, revision = revision + 1, updated_by = $5, updated_at = $6";
        let own = match &t.change {
            TransitionChange::AskApprover(_) => ", approver_id = $7",
            TransitionChange::None => "",
            TransitionChange::Confirm { .. } => {
                ", confirmed_by = $5, confirmed_at = $6, confirmed_evaluation = $7, rule_version = $8, \
                 access_key_hash = $9, sealed_access_key = $10, key_id = $11, sealed_answers = $12, definition_hash = $13"
            }
            TransitionChange::Receive(_) => ", received_at = $6, received_by_municipality = $7",
            TransitionChange::Withdraw => {
                ", confirmed_by = NULL, confirmed_at = NULL, confirmed_evaluation = NULL, rule_version = NULL, \
                 access_key_hash = NULL, sealed_access_key = NULL"
            }
        };
        let sql = format!("UPDATE forms SET {base}{own} {guard} RETURNING revision");
        let mut query = sqlx::query_scalar::<_, i64>(&sql)
            .bind(id)
            .bind(t.from_revision)
            .bind(t.from_state.as_str())
            .bind(t.to_state.as_str())
            .bind(t.by)
            .bind(crate::now_text());
        match &t.change {
            TransitionChange::AskApprover(doctor) => query = query.bind(*doctor),
            TransitionChange::Receive(municipality) => query = query.bind(*municipality),
            TransitionChange::Confirm {
                evaluation,
                rule_version,
                access_key_hash,
                sealed_access_key,
                sealed_answers,
                definition_hash,
            } => {
                query = query
                    .bind(*evaluation)
                    .bind(*rule_version)
                    .bind(*access_key_hash)
                    .bind(&sealed_access_key.text)
                    .bind(&sealed_answers.key_id)
                    .bind(&sealed_answers.text)
                    .bind(*definition_hash)
            }
            TransitionChange::None | TransitionChange::Withdraw => {}
        }
        Ok(query.fetch_optional(self.conn()).await?)
    }

    pub async fn insert_form_revision(&mut self, r: &NewRevision<'_>) -> Result<(), StoreError> {
        self.insert_form_revisions(std::slice::from_ref(r)).await
    }

    /// Revisions, a multi-row INSERT per [`crate::rows_per_insert`].
    pub async fn insert_form_revisions(
        &mut self,
        revisions: &[NewRevision<'_>],
    ) -> Result<(), StoreError> {
        const COLUMNS: usize = 9;
        let now = crate::now_text();
        let rows_per_insert = self.rows_per_insert();
        for chunk in revisions.chunks(rows_per_insert) {
            let sql = format!(
                "INSERT INTO form_revisions (form_id, revision, action, state, actor_id, changed_items, answers, key_id, sealed_answers, at) \
                 VALUES {}",
                crate::rows_of_placeholders(2, chunk.len(), COLUMNS, |_| ", $1".to_owned())
            );
            let mut query = sqlx::query(&sql).bind(&now);
            for r in chunk {
                query = query
                    .bind(r.form_id)
                    .bind(r.revision)
                    .bind(r.action)
                    .bind(r.state.as_str())
                    .bind(r.actor_id)
                    .bind(serde_json::to_string(r.changed_items).expect("strings serialize"))
                    .bind(r.answers.as_str())
                    .bind(&r.sealed_answers.key_id)
                    .bind(&r.sealed_answers.text);
            }
            query.execute(self.conn()).await?;
        }
        Ok(())
    }

    pub async fn form_revisions(&mut self, form_id: &str) -> Result<Vec<RevisionRow>, StoreError> {
        self.revisions_where(form_id, None).await
    }

    pub async fn form_revision(
        &mut self,
        form_id: &str,
        revision: i64,
    ) -> Result<Option<RevisionRow>, StoreError> {
        Ok(self.revisions_where(form_id, Some(revision)).await?.pop())
    }

    async fn revisions_where(
        &mut self,
        form_id: &str,
        revision: Option<i64>,
    ) -> Result<Vec<RevisionRow>, StoreError> {
        let only = if revision.is_some() {
            " AND r.revision = $2"
        } else {
            ""
        };
        let sql = format!(
            "SELECT r.revision, r.action, r.state, a.login_id AS actor_login_id, \
             a.family_name || ' ' || a.given_name AS actor_name, r.at, r.changed_items, r.answers, r.key_id, r.sealed_answers \
             FROM form_revisions r JOIN accounts a ON a.id = r.actor_id WHERE r.form_id = $1{only} ORDER BY r.revision"
        );
        let mut query = sqlx::query_as::<_, RevisionRecord>(&sql).bind(form_id);
        if let Some(revision) = revision {
            query = query.bind(revision);
        }
        query
            .fetch_all(self.conn())
            .await?
            .into_iter()
            .map(RevisionRow::try_from)
            .collect()
    }

    pub async fn insert_form_comment(
        &mut self,
        form_id: &str,
        revision: i64,
        action: &str,
        author_id: &str,
        sealed_body: &Sealed,
        id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_comments (id, form_id, revision, action, author_id, at, key_id, sealed_body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(form_id)
        .bind(revision)
        .bind(action)
        .bind(author_id)
        .bind(crate::now_text())
        .bind(&sealed_body.key_id)
        .bind(&sealed_body.text)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// A form's comment thread, oldest first.
    pub async fn form_comments(&mut self, form_id: &str) -> Result<Vec<CommentRow>, StoreError> {
        let records = sqlx::query_as::<_, CommentRecord>(
            "SELECT c.id, c.revision, c.action, a.login_id AS author_login_id, a.family_name || ' ' || a.given_name AS author_name, \
             c.at, c.key_id, c.sealed_body FROM form_comments c JOIN accounts a ON a.id = c.author_id \
             WHERE c.form_id = $1 ORDER BY c.at, c.id",
        )
        .bind(form_id)
        .fetch_all(self.conn())
        .await?;
        records
            .into_iter()
            .map(|r| {
                Ok(CommentRow {
                    at: nsdb_domain::time::parse_timestamp(&r.at)
                        .ok_or_else(|| StoreError::corrupt("form_comments", "at", &r.at))?,
                    id: r.id,
                    revision: r.revision,
                    action: r.action,
                    author: (r.author_login_id, r.author_name),
                    sealed_body: Sealed {
                        key_id: r.key_id,
                        text: r.sealed_body,
                    },
                })
            })
            .collect()
    }

    /// The revision an account last saw: the last it opened or wrote (whoever saves or
    /// moves a form has seen what they made, so a save needs no seen-mark of its own).
    pub async fn form_seen_revision(
        &mut self,
        form_id: &str,
        account_id: &str,
    ) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(revision) FROM (\
             SELECT revision FROM form_views WHERE form_id = $1 AND account_id = $2 \
             UNION ALL SELECT MAX(revision) FROM form_revisions WHERE form_id = $1 AND actor_id = $2) seen",
        )
        .bind(form_id)
        .bind(account_id)
        .fetch_one(self.conn())
        .await?)
    }

    pub async fn mark_form_seen(
        &mut self,
        form_id: &str,
        account_id: &str,
        revision: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO form_views (form_id, account_id, revision, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (form_id, account_id) DO UPDATE SET revision = excluded.revision, at = excluded.at",
        )
        .bind(form_id)
        .bind(account_id)
        .bind(revision)
        .bind(crate::now_text())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Renewals (前回値踏襲) started in `[from, until)` (stored timestamps), per institution:
    /// (institution id, code, name, count).
    pub async fn renewals_per_institution(
        &mut self,
        from: &str,
        until: &str,
    ) -> Result<Vec<(String, String, String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.code, o.name, c.n FROM (SELECT institution_id, COUNT(*) AS n FROM forms \
             WHERE renewed_from IS NOT NULL AND created_at >= $1 AND created_at < $2 GROUP BY institution_id) c \
             JOIN organizations o ON o.id = c.institution_id ORDER BY o.code",
        )
        .bind(from)
        .bind(until)
        .fetch_all(self.conn())
        .await?)
    }

    /// Forms matching `q`, most recently changed first, and how many match in all.
    pub async fn search_forms(&mut self, q: &FormQuery) -> Result<(Vec<FormRow>, i64), StoreError> {
        if q.institutions.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut binds: Vec<String> = q.institutions.clone();
        let institutions = placeholders(1, q.institutions.len());
        let mut conditions = vec![format!("f.institution_id IN ({institutions})")];
        // A form's patient is of the form's institution. Saying so lets the patients'
        // indexes, which lead with the institution, find the hashes of the caller's
        // institutions only, instead of every institution's (a scan of the whole index).
        if q.patient != PatientQuery::default() {
            conditions.push(format!("p.institution_id IN ({institutions})"));
        }
        let mut bind = |value: &str, condition: &dyn Fn(usize) -> String| {
            binds.push(value.to_owned());
            conditions.push(condition(binds.len()));
        };
        if let Some(kana) = &q.patient.kana {
            bind(kana, &|n| {
                format!("(p.kana_hash = ${n} OR p.family_kana_hash = ${n})")
            });
        }
        if let Some(name) = &q.patient.name {
            bind(name, &|n| {
                format!("(p.name_hash = ${n} OR p.family_name_hash = ${n})")
            });
        }
        if let Some(birth) = &q.patient.birth_date {
            bind(birth, &|n| format!("p.birth_date_hash = ${n}"));
        }
        if let Some(patient) = &q.patient_id {
            bind(patient, &|n| format!("f.patient_id = ${n}"));
        }
        if let Some(program) = q.program {
            bind(program.as_str(), &|n| format!("f.program = ${n}"));
        }
        if let Some(disease) = &q.disease_number {
            bind(disease, &|n| format!("f.disease_number = ${n}"));
        }
        if let Some(approver) = &q.approver_id {
            bind(approver, &|n| format!("f.approver_id = ${n}"));
        }
        if let Some(from) = &q.updated_from {
            bind(from, &|n| format!("f.updated_at >= ${n}"));
        }
        if let Some(until) = &q.updated_until {
            bind(until, &|n| format!("f.updated_at < ${n}"));
        }
        if !q.states.is_empty() {
            let first = binds.len() + 1;
            binds.extend(q.states.iter().map(|s| s.as_str().to_owned()));
            conditions.push(format!(
                "f.state IN ({})",
                placeholders(first, q.states.len())
            ));
        }
        let filter = conditions.join(" AND ");
        let from = if q.patient == PatientQuery::default() {
            "forms f"
        } else {
            "forms f JOIN patients p ON p.id = f.patient_id"
        };
        // First the page's ids and the number of matches, from the tables the filter needs;
        // then the page's rows by id. PostgreSQL plans the full row's seven-table join anew
        // for each differently filtered search (several milliseconds, more than it runs);
        // the look-up by ids is one statement text per page size, planned once.
        let page_sql = format!(
            "SELECT f.id, COUNT(*) OVER () FROM {from} WHERE {filter} \
             ORDER BY f.updated_at DESC, f.id DESC LIMIT {} OFFSET {}",
            q.limit, q.offset
        );
        let mut page = sqlx::query_as::<_, (String, i64)>(&page_sql);
        for b in &binds {
            page = page.bind(b.as_str());
        }
        let page = page.fetch_all(self.conn()).await?;
        let total = match page.first() {
            Some((_, total)) => *total,
            // A page past the end: its ids are none, but the count is still asked for.
            None if q.offset > 0 => {
                let count_sql = format!("SELECT COUNT(*) FROM {from} WHERE {filter}");
                let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
                for b in &binds {
                    count = count.bind(b.as_str());
                }
                count.fetch_one(self.conn()).await?
            }
            None => 0,
        };
        if page.is_empty() {
            return Ok((Vec::new(), total));
        }
        let ids: Vec<&str> = page.iter().map(|(id, _)| id.as_str()).collect();
        let slots = usize::try_from(q.limit).unwrap_or(0).max(ids.len());
        let rows_sql = format!("{SELECT} WHERE f.id IN ({})", placeholders(1, slots));
        let mut rows = sqlx::query_as::<_, FormRecord>(&rows_sql);
        // Unused slots hold an id no form has, so every full or partial page of one size
        // is the same statement.
        for slot in 0..slots {
            rows = rows.bind(ids.get(slot).copied().unwrap_or(""));
        }
        let mut rows: Vec<FormRow> = rows
            .fetch_all(self.conn())
            .await?
            .into_iter()
            .map(FormRow::try_from)
            .collect::<Result<_, _>>()?;
        rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
        Ok((rows, total))
    }
}

pub(crate) fn answers_text(answers: &FormData) -> String {
    serde_json::to_string(answers).expect("answers serialize")
}
