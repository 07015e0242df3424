//! Stored forms (臨個票・意見書) at the medical institution: create, save, open, search, and
//! the life cycle 承認依頼 → 差戻し / 承認（確定）→ 確定取消 (domain.md "Life cycle").
//!
//! Answers are kept as typed. The identifying ones (the definition's `personal_data =
//! identifying` items, and anything the definition does not know) are sealed with the data
//! key; the rest stays readable for statistics. Every save is a new revision in an
//! append-only history, made only if the caller saw the latest revision (else 409 with what
//! changed). A burst of saves by one person (autosave) is one log entry; every open is one.
use super::patients::{self, Patient};
use super::{audit, sealing, unit_of_work, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use nsdb_domain::data_keys::{DataKeys, Sealed};
use nsdb_domain::form::{AccessKey, FormAction, FormState};
use nsdb_domain::model::Program;
use nsdb_domain::patient::{PatientDetails, PatientInput, PATIENT_ITEMS};
use nsdb_domain::{policy, DomainError};
use nsdb_forms::data::{Answer, FormData};
use nsdb_forms::evaluate::{Evaluation, Finding};
use nsdb_forms::{ApplicationKind, FindingSeverity, FormDefinition, PersonalData};
pub use nsdb_store::LinkKind;
use nsdb_store::{
    AnswersJson, FormContent, FormQuery, FormRow, FormTransition, NewForm, NewLogEntry,
    NewRevision, TransitionChange, Tx,
};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Saves by the same person closer together than this are one editing burst: one log
/// entry (the history still keeps every revision).
const EDITING_BURST: chrono::Duration = chrono::Duration::minutes(10);

pub(super) fn today() -> NaiveDate {
    nsdb_domain::time::today_in_japan(Utc::now())
}

/// A new form as asked for.
#[derive(Debug, Clone, Default)]
pub struct NewFormInput {
    pub definition_id: String,
    pub application_kind: Option<String>,
    /// An existing patient of the caller's scope …
    pub patient_id: Option<String>,
    /// … or a new one, registered with the caller's institution.
    pub patient: Option<PatientInput>,
    pub items: FormData,
    /// The DB-registration explanation was given to the patient: the screen asks before
    /// the first form of a patient is saved (`Some(false)` refuses); an API client may say
    /// so (`Some(true)` records who and when) or not (`None`: left unrecorded).
    pub registration_explained: Option<bool>,
}

/// One item whose answer differs between two revisions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ItemChange {
    pub item: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

/// A comment of the thread, opened.
#[derive(Debug, Clone)]
pub struct Comment {
    pub action: String,
    pub author_login_id: String,
    pub author_name: String,
    pub at: DateTime<Utc>,
    pub revision: i64,
    pub body: String,
}

/// A form opened for its reader.
#[derive(Debug, Clone)]
pub struct Form {
    pub row: FormRow,
    pub definition: Arc<FormDefinition>,
    pub patient: Patient,
    /// All answers as typed, identifying ones included.
    pub answers: FormData,
    /// The evaluation of the answers now (for the screen and for forms not yet confirmed).
    pub evaluation: Evaluation,
    /// What 確定 froze: findings and determination as evaluated at approval.
    pub confirmed_evaluation: Option<serde_json::Value>,
    pub access_key: Option<AccessKey>,
    pub comments: Vec<Comment>,
    /// What changed since the reader last opened the form (None: first time).
    pub changes_since_seen: Option<Vec<ItemChange>>,
    /// How a reader outside the form's institution came to see it (by its access key); None
    /// for the institution's own members.
    pub link: Option<LinkKind>,
    /// 自治体受付, once received.
    pub receipt: Option<Receipt>,
}

impl Form {
    /// The evaluation a reader is shown: for a confirmed (or later) form the findings,
    /// calculations and 一次判定 frozen at 確定 (rules may have changed since), with the items
    /// that do not apply worked out from its frozen answers; else the evaluation now.
    pub fn shown_evaluation(&self) -> AppResult<Evaluation> {
        let Some(frozen) = &self.confirmed_evaluation else {
            return Ok(self.evaluation.clone());
        };
        let mut evaluation: Evaluation = serde_json::from_value(frozen.clone()).map_err(|e| {
            AppError::Internal(format!("confirmed evaluation of {}: {e}", self.row.id))
        })?;
        evaluation.hidden_items = self.evaluation.hidden_items.clone();
        Ok(evaluation)
    }
}

/// 自治体受付 as the reader sees it.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub municipality_name: String,
    pub received_on: NaiveDate,
    /// Login ID of who received it.
    pub received_by: String,
    /// 受給者番号 and 公費負担者番号 given by the 自治体.
    pub recipient_number: String,
    pub payer_number: String,
}

/// The numbers of a receipt, sealed together.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct ReceiptNumbers {
    pub recipient_number: String,
    pub payer_number: String,
}

fn definition_of(id: &str) -> AppResult<Arc<FormDefinition>> {
    nsdb_forms::catalog().get(id).ok_or_else(|| {
        DomainError::invalid(
            "definition_id",
            format!(
                "様式「{id}」はありません。様式一覧（listFormDefinitions）のIDを指定してください。"
            ),
        )
        .into()
    })
}

/// The answers split into what stays readable and what is sealed (public for bulk loads
/// such as the load benchmark's generator, which must seal exactly what a save seals).
pub fn split(def: &FormDefinition, answers: &FormData) -> (FormData, FormData) {
    let mut readable = FormData::new();
    let mut identifying = FormData::new();
    for (id, answer) in &answers.items {
        let keep_readable = def
            .item(id)
            .is_some_and(|item| item.personal_data != PersonalData::Identifying);
        let part = if keep_readable {
            &mut readable
        } else {
            &mut identifying
        };
        part.items.insert(id.clone(), answer.clone());
    }
    (readable, identifying)
}

fn join(readable: &FormData, identifying: FormData) -> FormData {
    let mut all = readable.clone();
    all.items.extend(identifying.items);
    all
}

fn outcome_label(evaluation: &Evaluation) -> &'static str {
    evaluation.determination.result.label()
}

fn count(evaluation: &Evaluation, severity: FindingSeverity) -> i64 {
    evaluation
        .findings
        .iter()
        .filter(|f| f.severity == severity)
        .count() as i64
}

/// The items whose answers differ, in the definition's order (unknown items last).
pub fn differences(def: &FormDefinition, before: &FormData, after: &FormData) -> Vec<ItemChange> {
    let ids: BTreeSet<&String> = before.items.keys().chain(after.items.keys()).collect();
    let shown = |data: &FormData, id: &str| {
        data.items
            .get(id)
            .filter(|a| !a.is_blank())
            .map(Answer::display)
            .unwrap_or_default()
    };
    let mut changes: Vec<(usize, ItemChange)> = ids
        .into_iter()
        .filter_map(|id| {
            let (b, a) = (shown(before, id), shown(after, id));
            let same = before.items.get(id) == after.items.get(id) || b == a && b.is_empty();
            (!same).then(|| {
                let (order, label) = def
                    .items()
                    .position(|item| &item.id == id)
                    .map(|n| (n, def.item(id).map(|i| i.label.clone()).unwrap_or_default()))
                    .unwrap_or((usize::MAX, id.clone()));
                (
                    order,
                    ItemChange {
                        item: id.clone(),
                        label,
                        before: b,
                        after: a,
                    },
                )
            })
        })
        .collect();
    changes.sort_by_key(|(order, _)| *order);
    changes.into_iter().map(|(_, c)| c).collect()
}

/// The patient's identifying items as a new form starts with them; what the caller typed
/// wins.
fn with_patient_items(def: &FormDefinition, patient: &PatientDetails, items: FormData) -> FormData {
    let mut answers = FormData::new();
    for (id, value) in patient.as_answers() {
        if def.item(id).is_some() && !value.is_empty() {
            answers.items.insert(id.to_owned(), Answer::Text(value));
        }
    }
    answers.items.extend(items.items);
    answers
}

/// The patient as the form's 基本情報 now reads, when it is complete enough to be one
/// (a draft with a half-typed name does not overwrite the record).
pub(super) fn patient_from_answers(answers: &FormData) -> Option<PatientDetails> {
    let text = |id: &str| match answers.items.get(id) {
        Some(Answer::Text(s)) => s.clone(),
        Some(Answer::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let input = PatientInput {
        family_name: text("family_name"),
        given_name: text("given_name"),
        family_name_kana: text("family_name_kana"),
        given_name_kana: text("given_name_kana"),
        birth_date: text("birth_date"),
        sex: text("sex"),
        postal_code: text("postal_code"),
        address: text("address"),
    };
    input.parse(today()).ok()
}

struct Sealer<'a> {
    keys: &'a DataKeys,
}

impl Sealer<'_> {
    fn answers(&self, form_id: &str, identifying: &FormData) -> Sealed {
        sealing::seal_json(self.keys, identifying, &sealing::form_answers(form_id))
    }
    fn revision(&self, form_id: &str, revision: i64, identifying: &FormData) -> Sealed {
        sealing::seal_json(
            self.keys,
            identifying,
            &sealing::revision_answers(form_id, revision),
        )
    }
}

/// Appends the history entry of a change.
#[allow(clippy::too_many_arguments)]
pub(super) async fn record_revision(
    tx: &mut Tx,
    keys: &DataKeys,
    def: &FormDefinition,
    form_id: &str,
    revision: i64,
    action: FormAction,
    state: FormState,
    caller: &Caller,
    changed: &[String],
    answers: &FormData,
) -> AppResult<()> {
    let (readable, identifying) = split(def, answers);
    let sealed = Sealer { keys }.revision(form_id, revision, &identifying);
    tx.insert_form_revision(&NewRevision {
        form_id,
        revision,
        action: action.as_str(),
        state,
        actor_id: &caller.account.id,
        changed_items: changed,
        answers: &AnswersJson::of(&readable),
        sealed_answers: &sealed,
    })
    .await?;
    Ok(())
}

pub(super) fn log_scope(caller: &Caller) -> Option<&str> {
    audit::scope_of_account(&caller.account)
}

/// Creates a draft for an existing or a new patient.
pub async fn create(state: &AppState, caller: &Caller, input: NewFormInput) -> AppResult<Form> {
    let def = definition_of(&input.definition_id)?;
    let today = today();
    if !def_in_force(&def, today) {
        return Err(DomainError::invalid(
            "definition_id",
            format!(
                "様式「{}」（{}版）は登録期間外です（{}から{}まで）。現在の版を選んでください。",
                def.id,
                def.version,
                def.valid_from,
                def.valid_to.map(|d| d.to_string()).unwrap_or_default()
            ),
        )
        .into());
    }
    let kind = application_kind(&def, input.application_kind.as_deref())?;
    policy::can_write_form(&caller.principal, def.program, kind)?;
    let new_patient = match (&input.patient_id, &input.patient) {
        (Some(_), _) => None,
        (None, Some(patient)) => Some(patient.parse(today)?),
        (None, None) => {
            return Err(DomainError::invalid(
                "patient_id",
                "患者（patient_id）か新しい患者の情報（patient）を指定してください。",
            )
            .into())
        }
    };
    let keys = &state.config.data_keys;
    let id = unit_of_work::change!(&state.store, |tx| {
        let patient: Patient = match (&input.patient_id, &new_patient) {
            (Some(patient_id), _) => patients::in_scope(tx, keys, caller, patient_id).await?,
            (None, Some(details)) => patients::create_in(tx, keys, caller, details).await?,
            (None, None) => unreachable!("checked before the unit of work"),
        };
        if patient.consent.is_none() {
            match input.registration_explained {
                Some(true) => {
                    tx.record_patient_consent(&patient.id, &caller.account.id)
                        .await?;
                    audit::record(
                        tx,
                        caller,
                        "record_registration_explained",
                        Some(&patient.id),
                        None,
                        None,
                    )
                    .await?;
                }
                Some(false) => {
                    return Err(DomainError::invalid(
                        "registration_explained",
                        "この患者の最初の臨個票・意見書です。難病・小慢DBへの登録について患者に説明したことを確認してください。",
                    )
                    .into())
                }
                // An API client that does not say leaves it unrecorded; the screen asks.
                None => {}
            }
        }
        insert_draft(
            tx,
            keys,
            caller,
            &def,
            kind,
            &patient,
            input.items.clone(),
            Renewal::None,
        )
        .await
    })?;
    read_back(state, caller, &id).await
}

/// The labels of sections, by id, in the order given.
pub fn section_labels(def: &FormDefinition, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            def.sections
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.label.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect()
}

/// Where a new draft comes from.
pub(super) enum Renewal<'a> {
    None,
    /// 前回値踏襲 from this form, with the sections whose carried values await the doctor
    /// and the answers that could not move to this version.
    From {
        source_id: &'a str,
        sections_to_confirm: &'a [String],
        not_carried: &'a [nsdb_forms::NotCarried],
    },
}

/// A new draft's rows, made before anything is written: the answers with the patient's
/// 基本情報, evaluated, split and sealed (for the form and its first revision).
pub(super) struct Draft {
    pub id: String,
    institution_id: String,
    patient_id: String,
    definition_id: String,
    definition_hash: String,
    program: Program,
    disease_number: String,
    kind: ApplicationKind,
    readable: AnswersJson,
    sealed: Sealed,
    revision_sealed: Sealed,
    error_count: i64,
    warning_count: i64,
    outcome: &'static str,
    changed: Vec<String>,
}

impl Draft {
    pub(super) fn new(
        keys: &DataKeys,
        def: &FormDefinition,
        kind: ApplicationKind,
        patient: &Patient,
        items: FormData,
    ) -> Self {
        let answers = with_patient_items(def, &patient.details, items);
        let evaluation = nsdb_forms::evaluate(def, &answers, kind, today());
        let (readable, identifying) = split(def, &answers);
        let id = nsdb_store::new_id();
        let sealer = Sealer { keys };
        Draft {
            sealed: sealer.answers(&id, &identifying),
            revision_sealed: sealer.revision(&id, 1, &identifying),
            institution_id: patient.institution_id.clone(),
            patient_id: patient.id.clone(),
            definition_id: def.id.clone(),
            definition_hash: def.content_hash().to_owned(),
            program: def.program,
            disease_number: def.disease_key(),
            kind,
            readable: AnswersJson::of(&readable),
            error_count: count(&evaluation, FindingSeverity::Error),
            warning_count: count(&evaluation, FindingSeverity::Warning),
            outcome: outcome_label(&evaluation),
            changed: answers.items.keys().cloned().collect(),
            id,
        }
    }
}

/// Stores a new draft of `patient` with `items` (the patient's 基本情報 filled in) as its
/// first revision, inside the caller's unit of work; its id.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_draft(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    def: &FormDefinition,
    kind: ApplicationKind,
    patient: &Patient,
    items: FormData,
    renewal: Renewal<'_>,
) -> AppResult<String> {
    let draft = Draft::new(keys, def, kind, patient, items);
    let mut log = Vec::new();
    insert_drafts(tx, caller, &[&draft], renewal, &mut log).await?;
    tx.append_logs(&log).await?;
    Ok(draft.id)
}

/// Stores new drafts, each with its first revision, a few statements for all of them
/// (一括登録 stores a batch of a file's forms at once); their log entries are added to
/// `log`, for the caller to append with its own (one step of the log chain).
pub(super) async fn insert_drafts<'a>(
    tx: &mut Tx,
    caller: &'a Caller,
    drafts: &[&'a Draft],
    renewal: Renewal<'_>,
    log: &mut Vec<NewLogEntry<'a>>,
) -> AppResult<()> {
    let (renewed_from, sections_to_confirm, not_carried) = match renewal {
        Renewal::None => (None, &[][..], &[][..]),
        Renewal::From {
            source_id,
            sections_to_confirm,
            not_carried,
        } => (Some(source_id), sections_to_confirm, not_carried),
    };
    let forms: Vec<NewForm> = drafts
        .iter()
        .map(|d| NewForm {
            id: &d.id,
            institution_id: &d.institution_id,
            patient_id: &d.patient_id,
            definition_id: &d.definition_id,
            definition_hash: &d.definition_hash,
            program: d.program,
            disease_number: &d.disease_number,
            application_kind: d.kind,
            content: FormContent {
                answers: &d.readable,
                sealed_answers: &d.sealed,
                error_count: d.error_count,
                warning_count: d.warning_count,
                outcome: d.outcome,
            },
            created_by: &caller.account.id,
            renewed_from,
            sections_to_confirm,
            not_carried,
        })
        .collect();
    tx.insert_forms(&forms).await?;
    let revisions: Vec<NewRevision> = drafts
        .iter()
        .map(|d| NewRevision {
            form_id: &d.id,
            revision: 1,
            action: FormAction::Save.as_str(),
            state: FormState::Draft,
            actor_id: &caller.account.id,
            changed_items: &d.changed,
            answers: &d.readable,
            sealed_answers: &d.revision_sealed,
        })
        .collect();
    tx.insert_form_revisions(&revisions).await?;
    log.extend(drafts.iter().map(|d| {
        audit::entry(
            caller,
            "create_form",
            Some(&d.id),
            log_scope(caller),
            Some(&d.definition_id),
        )
    }));
    Ok(())
}

fn def_in_force(def: &FormDefinition, today: NaiveDate) -> bool {
    def.valid_from <= today && def.valid_to.is_none_or(|to| today <= to)
}

fn application_kind(def: &FormDefinition, asked: Option<&str>) -> AppResult<ApplicationKind> {
    match asked.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(def.application_kinds[0]),
        Some(k) => ApplicationKind::parse(k)
            .filter(|k| def.application_kinds.contains(k))
            .ok_or_else(|| {
                let offered: Vec<&str> = def.application_kinds.iter().map(|k| k.code()).collect();
                DomainError::invalid(
                    "application",
                    format!(
                        "申請区分「{k}」はこの様式にありません（{}）。",
                        offered.join("、")
                    ),
                )
                .into()
            }),
    }
}

/// A form of the caller's scope (404 otherwise) with its answers opened: the forms of the
/// caller's institutions, which the caller may change.
pub(super) async fn load(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    id: &str,
) -> AppResult<(FormRow, Arc<FormDefinition>, FormData)> {
    policy::can_write_forms(&caller.principal)?;
    let row = tx
        .form_by_id(id)
        .await?
        .ok_or_else(DomainError::not_found)?;
    patients::ensure_in_scope(tx, caller, &row.institution_id).await?;
    let (def, answers) = open_answers(keys, &row)?;
    Ok((row, def, answers))
}

/// A form the caller may read: one of its institutions' (`None`), or one it (or its 自治体)
/// opened by the access key (the link). 404 otherwise.
async fn load_readable(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    id: &str,
) -> AppResult<(FormRow, Arc<FormDefinition>, FormData, Option<LinkKind>)> {
    policy::can_read_forms(&caller.principal)?;
    let row = tx
        .form_by_id(id)
        .await?
        .ok_or_else(DomainError::not_found)?;
    let own = policy::can_write_forms(&caller.principal).is_ok()
        && patients::is_in_scope(tx, caller, &row.institution_id).await?;
    let link = if own {
        None
    } else {
        Some(
            tx.form_link_of(id, &caller.account.id, &caller.account.organization_id)
                .await?
                .ok_or_else(DomainError::not_found)?,
        )
    };
    let (def, answers) = open_answers(keys, &row)?;
    Ok((row, def, answers, link))
}

/// The definition a stored form names and all its answers, the sealed ones opened.
pub(super) fn open_answers(
    keys: &DataKeys,
    row: &FormRow,
) -> AppResult<(Arc<FormDefinition>, FormData)> {
    let def = nsdb_forms::catalog()
        .get(&row.definition_id)
        .ok_or_else(|| {
            AppError::Internal(format!(
                "form {} names an unknown definition {}",
                row.id, row.definition_id
            ))
        })?;
    let identifying: FormData =
        sealing::open_json(keys, &row.sealed_answers, &sealing::form_answers(&row.id))?;
    let answers = join(&row.answers, identifying);
    Ok((def, answers))
}

async fn revision_answers(
    tx: &mut Tx,
    keys: &DataKeys,
    form_id: &str,
    revision: i64,
) -> AppResult<Option<FormData>> {
    let Some(r) = tx.form_revision(form_id, revision).await? else {
        return Ok(None);
    };
    let identifying: FormData = sealing::open_json(
        keys,
        &r.sealed_answers,
        &sealing::revision_answers(form_id, revision),
    )?;
    Ok(Some(join(&r.answers, identifying)))
}

/// Opens a form: logged, and remembered as seen by the caller (the changes since the
/// caller's previous look come with it).
pub async fn get(state: &AppState, caller: &Caller, id: &str) -> AppResult<Form> {
    open(state, caller, id, true).await
}

/// The form as it stands after the caller's own change, which was logged as that change
/// (an autosave burst is one entry, not one per save plus one per read-back).
pub(super) async fn read_back(state: &AppState, caller: &Caller, id: &str) -> AppResult<Form> {
    open(state, caller, id, false).await
}

/// The form version a stored form was written on (nothing personal is read).
pub async fn definition_of_form(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> AppResult<Arc<FormDefinition>> {
    unit_of_work::read!(&state.store, |tx| {
        policy::can_write_forms(&caller.principal)?;
        let row = tx
            .form_by_id(id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        patients::ensure_in_scope(tx, caller, &row.institution_id).await?;
        nsdb_forms::catalog()
            .get(&row.definition_id)
            .ok_or_else(|| AppError::Internal(format!("form {id}: unknown definition")))
    })
}

async fn open(state: &AppState, caller: &Caller, id: &str, log_open: bool) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers, link) = load_readable(tx, keys, caller, id).await?;
        let changes_since_seen = see(tx, keys, caller, &row, &def, &answers).await?;
        if log_open {
            audit::record(tx, caller, "open_form", Some(id), log_scope(caller), None).await?;
        }
        let mut form = assemble(tx, keys, row, def, answers, None, changes_since_seen).await?;
        form.link = link;
        Ok(form)
    })
}

/// Remembers that the caller has seen the form as it stands, and tells what changed since
/// the caller's previous look (None: the first).
async fn see(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    row: &FormRow,
    def: &FormDefinition,
    answers: &FormData,
) -> AppResult<Option<Vec<ItemChange>>> {
    let seen = tx.form_seen_revision(&row.id, &caller.account.id).await?;
    let changes = match seen {
        Some(seen) if seen < row.revision => revision_answers(tx, keys, &row.id, seen)
            .await?
            .map(|before| differences(def, &before, answers)),
        Some(_) => Some(Vec::new()),
        None => None,
    };
    tx.mark_form_seen(&row.id, &caller.account.id, row.revision)
        .await?;
    Ok(changes)
}

/// The form for its reader: the comment thread, the patient, what 確定 froze and the
/// 自治体受付 opened, and the answers evaluated (unless the caller has just evaluated exactly
/// these answers). Read by the institution; the caller sets `link` otherwise.
pub(super) async fn assemble(
    tx: &mut Tx,
    keys: &DataKeys,
    row: FormRow,
    definition: Arc<FormDefinition>,
    answers: FormData,
    evaluation: Option<Evaluation>,
    changes_since_seen: Option<Vec<ItemChange>>,
) -> AppResult<Form> {
    let id = row.id.as_str();
    let comment_rows = match row.comment_count {
        0 => Vec::new(),
        _ => tx.form_comments(id).await?,
    };
    let comments = comment_rows
        .into_iter()
        .map(|c| {
            Ok(Comment {
                body: sealing::open_text(keys, &c.sealed_body, &sealing::comment(&c.id))?,
                action: c.action,
                author_login_id: c.author.0,
                author_name: c.author.1,
                at: c.at,
                revision: c.revision,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let patient = patients::open(keys, row.patient.clone())?;
    let (confirmed_evaluation, access_key) = match &row.confirmed {
        Some(c) => {
            let key =
                sealing::open_text(keys, &c.sealed_access_key, &sealing::form_access_key(id))?;
            (
                Some(serde_json::from_str(&c.evaluation).map_err(|e| {
                    AppError::Internal(format!("confirmed evaluation of {id}: {e}"))
                })?),
                Some(AccessKey::parse(&key)?),
            )
        }
        None => (None, None),
    };
    let receipt = match row.received_at {
        Some(_) => match tx.form_receipt(id).await? {
            Some(r) => {
                let numbers: ReceiptNumbers =
                    sealing::open_json(keys, &r.sealed, &sealing::receipt(id))?;
                Some(Receipt {
                    municipality_name: r.municipality_name,
                    received_on: r.received_on,
                    received_by: r.received_by,
                    recipient_number: numbers.recipient_number,
                    payer_number: numbers.payer_number,
                })
            }
            None => None,
        },
        None => None,
    };
    let evaluation = evaluation.unwrap_or_else(|| {
        nsdb_forms::evaluate(&definition, &answers, row.application_kind, today())
    });
    Ok(Form {
        link: None,
        receipt,
        row,
        definition,
        patient,
        answers,
        evaluation,
        confirmed_evaluation,
        access_key,
        comments,
        changes_since_seen,
    })
}

/// The refusal of a save or transition based on an old revision: what changed since,
/// and by whom, so the user can reload or compare.
pub(super) fn stale(row: &FormRow, changes: Vec<ItemChange>) -> AppError {
    AppError::Stale {
        message: format!(
            "この臨個票・意見書は、開いた後に{}（{}）が{}に更新しています（現在の版{}）。再読み込みするか、変更点を確認してから入力し直してください。",
            row.updated_by_name,
            row.updated_by,
            nsdb_domain::time::format_timestamp(row.updated_at),
            row.revision
        ),
        current_revision: row.revision,
        changes,
    }
}

async fn changes_since(
    tx: &mut Tx,
    keys: &DataKeys,
    def: &FormDefinition,
    form_id: &str,
    revision: i64,
    current: &FormData,
) -> AppResult<Vec<ItemChange>> {
    Ok(match revision_answers(tx, keys, form_id, revision).await? {
        Some(before) => differences(def, &before, current),
        None => Vec::new(),
    })
}

/// Saves the whole answer set of a draft (the API's updateForm, the screen's save and
/// autosave). `revision` is the one the caller started from. Answers with the form as
/// saved.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: &str,
    revision: i64,
    items: FormData,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let (mut row, def, current) = load(tx, keys, caller, id).await?;
        policy::can_write_form(&caller.principal, row.program, row.application_kind)?;
        row.state.after(FormAction::Save)?;
        if revision != row.revision {
            let changes = changes_since(tx, keys, &def, id, revision, &current).await?;
            return Err(stale(&row, changes));
        }
        let changed: Vec<String> = differences(&def, &current, &items)
            .into_iter()
            .map(|c| c.item)
            .collect();
        if changed.is_empty() {
            // Nothing to save (an autosave of an unchanged screen): no new revision.
            let changes_since_seen = see(tx, keys, caller, &row, &def, &current).await?;
            return assemble(tx, keys, row, def, current, None, changes_since_seen).await;
        }
        let evaluation = nsdb_forms::evaluate(&def, &items, row.application_kind, today());
        let (readable, identifying) = split(&def, &items);
        let sealed = Sealer { keys }.answers(id, &identifying);
        let (error_count, warning_count) = (
            count(&evaluation, FindingSeverity::Error),
            count(&evaluation, FindingSeverity::Warning),
        );
        let Some((new_revision, saved_at)) = tx
            .update_form_content(
                id,
                revision,
                &FormContent {
                    answers: &AnswersJson::of(&readable),
                    sealed_answers: &sealed,
                    error_count,
                    warning_count,
                    outcome: outcome_label(&evaluation),
                },
                &caller.account.id,
            )
            .await?
        else {
            return Err(stale(&row, Vec::new()));
        };
        record_revision(
            tx,
            keys,
            &def,
            id,
            new_revision,
            FormAction::Save,
            row.state,
            caller,
            &changed,
            &items,
        )
        .await?;
        // Keep the patient's record in step with a corrected 基本情報.
        if PATIENT_ITEMS
            .iter()
            .any(|item| changed.iter().any(|c| c == item))
        {
            if let Some(details) = patient_from_answers(&items) {
                let sealed = sealing::seal_json(keys, &details, &sealing::patient(&row.patient.id));
                tx.update_patient(&row.patient.id, &sealed, &details.search_keys(keys))
                    .await?;
                row.patient.sealed = sealed;
            }
        }
        let same_burst = row.updated_by == caller.account.login_id
            && Utc::now() - row.updated_at < EDITING_BURST
            && row.revision > 1;
        if !same_burst {
            audit::record(tx, caller, "update_form", Some(id), log_scope(caller), None).await?;
        }
        // No seen-mark: the revision it wrote is the caller's, which counts as seen.
        // The form as now stored, without reading it back: what this save wrote over what
        // was read at its start (the UPDATE was conditional on that revision).
        let saved = FormRow {
            revision: new_revision,
            answers: readable,
            sealed_answers: sealed,
            error_count,
            warning_count,
            outcome: outcome_label(&evaluation).to_owned(),
            updated_by: caller.account.login_id.clone(),
            updated_by_name: caller.account.full_name(),
            updated_at: saved_at,
            ..row
        };
        // The block may run again after a conflict, so it keeps its own `items`.
        assemble(
            tx,
            keys,
            saved,
            def,
            items.clone(),
            Some(evaluation),
            Some(Vec::new()),
        )
        .await
    })
}

/// What a search of forms asks, as typed.
#[derive(Debug, Clone, Default)]
pub struct FormSearch {
    pub patient: patients::PatientSearch,
    pub patient_id: Option<String>,
    pub program: Option<String>,
    pub disease: Option<String>,
    pub states: Vec<String>,
    /// Only the forms waiting for the caller's approval.
    pub awaiting_me: bool,
    pub updated_from: Option<String>,
    pub updated_until: Option<String>,
}

/// One form of a search result, with its patient's name opened.
#[derive(Debug, Clone)]
pub struct FormListItem {
    pub row: FormRow,
    pub patient: PatientDetails,
    pub disease_name: String,
}

/// A form of a list, its patient's name opened.
pub(super) fn list_item(keys: &DataKeys, row: FormRow) -> AppResult<FormListItem> {
    let patient: PatientDetails = sealing::open_json(
        keys,
        &row.patient.sealed,
        &sealing::patient(&row.patient.id),
    )?;
    let disease_name = nsdb_forms::catalog()
        .get(&row.definition_id)
        .map(|d| d.disease_name.clone())
        .unwrap_or_default();
    Ok(FormListItem {
        row,
        patient,
        disease_name,
    })
}

pub async fn search(
    state: &AppState,
    caller: &Caller,
    search: &FormSearch,
    page: Option<i64>,
    per_page: i64,
) -> AppResult<(Vec<FormListItem>, i64)> {
    let keys = &state.config.data_keys;
    let mut query = FormQuery {
        patient: search.patient.query(keys)?,
        patient_id: search.patient_id.clone(),
        disease_number: search.disease.clone().filter(|d| !d.trim().is_empty()),
        ..Default::default()
    };
    if let Some(program) = search.program.as_deref().filter(|p| !p.is_empty()) {
        query.program = Some(Program::parse(program).ok_or_else(|| {
            DomainError::invalid("program", "programはnanbyoかshomanを指定してください。")
        })?);
    }
    for s in &search.states {
        query.states.push(
            FormState::parse(s).ok_or_else(|| {
                DomainError::invalid("state", format!("状態「{s}」はありません。"))
            })?,
        );
    }
    if search.awaiting_me {
        query.approver_id = Some(caller.account.id.clone());
        query.states = vec![FormState::AwaitingApproval];
    }
    for (field, value, target) in [
        (
            "updated_from",
            &search.updated_from,
            &mut query.updated_from,
        ),
        (
            "updated_until",
            &search.updated_until,
            &mut query.updated_until,
        ),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            let date = nsdb_domain::time::parse_date(field, v)?;
            // Dates are days in Japan; stored timestamps are UTC.
            let start = date.and_hms_opt(0, 0, 0).expect("midnight") - chrono::Duration::hours(9);
            let bound = if field == "updated_until" {
                start + chrono::Duration::days(1)
            } else {
                start
            };
            *target = Some(nsdb_domain::time::format_timestamp(bound.and_utc()));
        }
    }
    let (limit, offset) = super::page_window(page, per_page);
    query.limit = limit;
    query.offset = offset;
    unit_of_work::change!(&state.store, |tx| {
        let mut query = query.clone();
        query.institutions = patients::scope_of(tx, caller).await?;
        let (rows, total) = tx.search_forms(&query).await?;
        let items = rows
            .into_iter()
            .map(|row| list_item(keys, row))
            .collect::<AppResult<Vec<_>>>()?;
        let detail = format!("{}件表示（該当{total}件）", items.len());
        audit::record(
            tx,
            caller,
            "search_forms",
            None,
            log_scope(caller),
            Some(&detail),
        )
        .await?;
        Ok((items, total))
    })
}

async fn add_comment(
    tx: &mut Tx,
    keys: &DataKeys,
    form_id: &str,
    revision: i64,
    action: FormAction,
    caller: &Caller,
    body: &str,
) -> AppResult<()> {
    let id = nsdb_store::new_id();
    let sealed = keys.seal(body.as_bytes(), &sealing::comment(&id));
    tx.insert_form_comment(
        form_id,
        revision,
        action.as_str(),
        &caller.account.id,
        &sealed,
        &id,
    )
    .await?;
    Ok(())
}

fn comment_text(comment: Option<&str>) -> AppResult<Option<String>> {
    let Some(text) = comment.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    nsdb_domain::limits::FieldLimit {
        field: "comment",
        label: "コメント",
        max_chars: 2_000,
    }
    .check(text)?;
    Ok(Some(text.to_owned()))
}

/// Applies a transition guarded by the revision the caller saw; records it in the history
/// and the log.
#[allow(clippy::too_many_arguments)]
pub(super) async fn transition(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    row: &FormRow,
    def: &FormDefinition,
    answers: &FormData,
    action: FormAction,
    change: TransitionChange<'_>,
) -> AppResult<i64> {
    let to_state = row.state.after(action)?;
    let Some(revision) = tx
        .transition_form(
            &row.id,
            &FormTransition {
                from_state: row.state,
                from_revision: row.revision,
                to_state,
                by: &caller.account.id,
                change,
            },
        )
        .await?
    else {
        return Err(stale(row, Vec::new()));
    };
    record_revision(
        tx,
        keys,
        def,
        &row.id,
        revision,
        action,
        to_state,
        caller,
        &[],
        answers,
    )
    .await?;
    let log_action = match action {
        FormAction::Save => "update_form",
        FormAction::RequestApproval => "request_approval",
        FormAction::Return => "return_form",
        FormAction::Approve => "approve_form",
        FormAction::Withdraw => "withdraw_form",
        FormAction::ConfirmCarried => "confirm_carried_section",
        FormAction::Receive => "receive_form",
    };
    audit::record(
        tx,
        caller,
        log_action,
        Some(&row.id),
        log_scope(caller),
        None,
    )
    .await?;
    Ok(revision)
}

pub(super) fn check_revision(row: &FormRow, revision: Option<i64>) -> AppResult<()> {
    match revision {
        Some(r) if r != row.revision => Err(stale(row, Vec::new())),
        _ => Ok(()),
    }
}

/// 承認依頼: a clerk (or a doctor) asks a doctor who may approve this form.
pub async fn request_approval(
    state: &AppState,
    caller: &Caller,
    id: &str,
    doctor_login_id: &str,
    comment: Option<&str>,
    revision: Option<i64>,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    let comment = comment_text(comment)?;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers) = load(tx, keys, caller, id).await?;
        policy::can_write_form(&caller.principal, row.program, row.application_kind)?;
        check_revision(&row, revision)?;
        row.state.after(FormAction::RequestApproval)?;
        let doctor = tx
            .account_by_login_id(doctor_login_id.trim())
            .await?
            .filter(|d| d.role.is_doctor())
            .ok_or_else(|| {
                DomainError::invalid(
                    "doctor_login_id",
                    format!("指定医「{}」は見つかりません。", doctor_login_id.trim()),
                )
            })?;
        let doctor_principal = super::principal_of(&doctor);
        let mut doctor_scope = vec![doctor.organization_id.clone()];
        doctor_scope.extend(tx.approved_concurrent_institutions(&doctor.id).await?);
        policy::can_be_asked_to_approve(
            &doctor_principal,
            &doctor_scope,
            &row.institution_id,
            row.program,
            row.application_kind,
            today(),
        )?;
        let revision = transition(
            tx,
            keys,
            caller,
            &row,
            &def,
            &answers,
            FormAction::RequestApproval,
            TransitionChange::AskApprover(&doctor.id),
        )
        .await?;
        if let Some(comment) = &comment {
            add_comment(
                tx,
                keys,
                id,
                revision,
                FormAction::RequestApproval,
                caller,
                comment,
            )
            .await?;
        }
        Ok(())
    })?;
    read_back(state, caller, id).await
}

/// 差戻し: the doctor sends the form back with a comment.
pub async fn return_form(
    state: &AppState,
    caller: &Caller,
    id: &str,
    comment: &str,
    revision: Option<i64>,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    let comment = comment_text(Some(comment))?.ok_or_else(|| {
        DomainError::invalid("comment", "差戻しの理由をコメントに書いてください。")
    })?;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers) = load(tx, keys, caller, id).await?;
        policy::can_approve_form(
            &caller.principal,
            row.program,
            row.application_kind,
            today(),
        )?;
        check_revision(&row, revision)?;
        let revision = transition(
            tx,
            keys,
            caller,
            &row,
            &def,
            &answers,
            FormAction::Return,
            TransitionChange::None,
        )
        .await?;
        add_comment(tx, keys, id, revision, FormAction::Return, caller, &comment).await?;
        Ok(())
    })?;
    read_back(state, caller, id).await
}

/// The findings that stop an approval: every error, and each warning whose code the
/// doctor has not acknowledged.
pub fn blocking_findings<'a>(
    evaluation: &'a Evaluation,
    acknowledged: &[String],
) -> Vec<&'a Finding> {
    evaluation
        .findings
        .iter()
        .filter(|f| match f.severity {
            FindingSeverity::Error => true,
            FindingSeverity::Warning => !acknowledged.iter().any(|a| a == &f.code),
        })
        .collect()
}

/// 承認（確定）: a doctor who may approve freezes the form and gets its access key.
pub async fn approve(
    state: &AppState,
    caller: &Caller,
    id: &str,
    acknowledged_warnings: &[String],
    revision: Option<i64>,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    let today = today();
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers) = load(tx, keys, caller, id).await?;
        policy::can_approve_form(&caller.principal, row.program, row.application_kind, today)?;
        check_revision(&row, revision)?;
        row.state.after(FormAction::Approve)?;
        nsdb_domain::form::ensure_carried_values_confirmed(&section_labels(
            &def,
            &row.sections_to_confirm,
        ))?;
        if !def_in_force(&def, today) {
            return Err(DomainError::Conflict(format!(
                "様式{}（{}版）のオンライン登録期限（{}）を過ぎているため確定できません。現在の版で作成し直してください。",
                def.id,
                def.version,
                def.valid_to.map(|d| d.to_string()).unwrap_or_default()
            ))
            .into());
        }
        let evaluation = nsdb_forms::evaluate(&def, &answers, row.application_kind, today);
        let blocking = blocking_findings(&evaluation, acknowledged_warnings);
        if !blocking.is_empty() {
            let errors = blocking
                .iter()
                .filter(|f| f.severity == FindingSeverity::Error)
                .count();
            let warnings = blocking.len() - errors;
            return Err(AppError::Unprocessable {
                message: format!(
                    "確定できません: エラー{errors}件を直し、未確認の警告{warnings}件を確認してください（acknowledged_warnings に警告のコードを指定）。"
                ),
                findings: blocking.into_iter().cloned().collect(),
            });
        }
        let key = AccessKey::generate();
        let (_, identifying) = split(&def, &answers);
        // The access key and the answers are sealed under one (the current) key: a row
        // names one key for all its sealed columns.
        let sealed_answers = Sealer { keys }.answers(id, &identifying);
        let sealed_key = keys.seal(key.symbols().as_bytes(), &sealing::form_access_key(id));
        let frozen = serde_json::json!({
            "findings": evaluation.findings,
            "determination": evaluation.determination,
            "calculations": evaluation.calculations,
            "definition_hash": def.content_hash(),
        })
        .to_string();
        transition(
            tx,
            keys,
            caller,
            &row,
            &def,
            &answers,
            FormAction::Approve,
            TransitionChange::Confirm {
                evaluation: &frozen,
                rule_version: &evaluation.determination.rule_version,
                access_key_hash: &key.lookup_hash(),
                sealed_access_key: &sealed_key,
                sealed_answers: &sealed_answers,
                definition_hash: def.content_hash(),
            },
        )
        .await?;
        Ok(())
    })?;
    read_back(state, caller, id).await
}

/// 確定取消: back to a draft, until the 自治体 has received the form.
pub async fn withdraw(
    state: &AppState,
    caller: &Caller,
    id: &str,
    revision: Option<i64>,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers) = load(tx, keys, caller, id).await?;
        policy::can_approve_form(
            &caller.principal,
            row.program,
            row.application_kind,
            today(),
        )?;
        check_revision(&row, revision)?;
        transition(
            tx,
            keys,
            caller,
            &row,
            &def,
            &answers,
            FormAction::Withdraw,
            TransitionChange::Withdraw,
        )
        .await?;
        Ok(())
    })?;
    read_back(state, caller, id).await
}

/// A revision of the history, for the screen.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub revision: i64,
    pub action: String,
    pub state: FormState,
    pub actor_login_id: String,
    pub actor_name: String,
    pub at: DateTime<Utc>,
    pub changed: Vec<String>,
}

/// The most recent accesses shown with a form.
const ACCESS_LIST_LENGTH: i64 = 500;

/// One access to a form from the operation log.
#[derive(Debug, Clone)]
pub struct Access {
    pub at: String,
    pub actor_login_id: String,
    /// None when the account (or its organization) no longer exists.
    pub actor_name: Option<String>,
    pub organization_name: Option<String>,
    pub action: String,
}

/// The history of a form and every access to it (参照履歴), for its institution.
pub async fn history(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> AppResult<(Vec<HistoryEntry>, Vec<Access>)> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, _) = load(tx, keys, caller, id).await?;
        let revisions = tx
            .form_revisions(&row.id)
            .await?
            .into_iter()
            .map(|r| HistoryEntry {
                changed: r
                    .changed_items
                    .iter()
                    .map(|item| {
                        def.item(item)
                            .map(|i| i.label.clone())
                            .unwrap_or(item.clone())
                    })
                    .collect(),
                revision: r.revision,
                action: r.action,
                state: r.state,
                actor_login_id: r.actor.0,
                actor_name: r.actor.1,
                at: r.at,
            })
            .collect();
        let entries = tx.accesses_of_target(&row.id, ACCESS_LIST_LENGTH).await?;
        let accesses = entries
            .into_iter()
            .map(|e| Access {
                at: e.at,
                actor_login_id: e.actor_login_id.unwrap_or_default(),
                actor_name: e.actor_name,
                organization_name: e.organization_name,
                action: e.action,
            })
            .collect();
        audit::record(
            tx,
            caller,
            "read_form_history",
            Some(id),
            log_scope(caller),
            None,
        )
        .await?;
        Ok((revisions, accesses))
    })
}

/// The doctors a form can be sent to for approval (承認依頼先): the 指定医 of its
/// institution, and those with an approved 兼務 there, who may approve it today.
pub async fn approvers(
    state: &AppState,
    caller: &Caller,
    form: &FormRow,
) -> AppResult<Vec<(String, String)>> {
    policy::can_write_forms(&caller.principal)?;
    let today = today();
    unit_of_work::read!(&state.store, |tx| {
        let (own, _) = tx
            .search_accounts(&nsdb_store::AccountSearch {
                organization_id: Some(form.institution_id.clone()),
                limit: 1_000,
                ..Default::default()
            })
            .await?;
        let mut candidates: Vec<nsdb_store::AccountRow> = own;
        for assignment in tx.concurrent_of_institution(&form.institution_id).await? {
            if assignment.state == nsdb_domain::model::ConcurrentState::Approved {
                if let Some(doctor) = tx.account_by_id(&assignment.account_id).await? {
                    candidates.push(doctor);
                }
            }
        }
        Ok(candidates
            .into_iter()
            .filter(|a| {
                a.role.is_doctor()
                    && policy::can_approve_form(
                        &super::principal_of(a),
                        form.program,
                        form.application_kind,
                        today,
                    )
                    .is_ok()
            })
            .map(|a| (a.login_id.clone(), a.full_name()))
            .collect())
    })
}
