//! 一括登録 (domain.md Forms; interfaces.md importForms, getJob): a bulk-registration XML
//! file from a hospital system, checked by the very validator `nsdb check` runs. Only a file
//! that is not well-formed, or that names an unknown or out-of-force form version, is
//! refused (with the position), at once; otherwise every form becomes a draft — with its
//! findings, for the clerk to complete on screen, since hospital systems fill only some
//! items. The patient is the institution's patient with the same kana and birth date, or is
//! registered from the form's 基本情報. The same file uploaded again stores nothing new.
//!
//! The file is kept sealed and worked on as a job: a small file within the upload's
//! request, a large one in the background (the upload answers with the job to follow).
//! Forms are stored a batch per transaction, each form whole with its line in
//! `form_import_items`, and only while this worker holds the job's lease — so a job taken
//! over after a crash or restart stores every form exactly once.
use super::forms::{self, Renewal};
use super::{audit, patients, sealing, unit_of_work, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use nsdb_domain::data_keys::DataKeys;
use nsdb_domain::job::{lease_until, JobState};
use nsdb_domain::{policy, DomainError};
use nsdb_forms::xml::{self, Entry, FormReport, Options, XmlFinding};
use nsdb_forms::{ApplicationKind, FindingSeverity, FormData, FormDefinition};
use nsdb_store::{ImportItemRow, ImportRow, KeptFile, NewImport, Tx};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Forms of a job's first batch, prepared while nothing is written yet.
const FIRST_BATCH: usize = 50;

/// Files with up to this many forms are stored within the upload's request; larger ones
/// answer at once with the job, which goes on in the background.
pub const FORMS_STORED_IN_REQUEST: usize = 100;

/// Forms stored per transaction: few enough that interactive saves never wait long for
/// the writer, many enough that a commit's flush is shared.
const FORMS_PER_BATCH: usize = 250;

/// How often a server looks for jobs nobody works on (queued, or left by a stopped server
/// once its lease has run out).
const SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// What happened to one form of the file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportedForm {
    /// 1-based position in the file.
    pub index: usize,
    /// The draft stored, if it was.
    pub id: Option<String>,
    pub state: Option<String>,
    /// Why it was not stored (no patient data, another institution's code).
    pub refusal: Option<String>,
    /// The findings of the checks, with line and column.
    pub findings: Vec<XmlFinding>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub import_id: String,
    /// True when this file had been uploaded before: nothing new was stored.
    pub repeated: bool,
    pub stored: usize,
    pub refused: usize,
    pub forms: Vec<ImportedForm>,
}

/// An import followed as a job (getJob).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportJob {
    pub id: String,
    /// Always `form_import` today.
    pub kind: &'static str,
    /// `queued`, `running`, `finished` or `failed`.
    #[schema(value_type = String)]
    pub state: JobState,
    /// Forms in the file.
    pub total: i64,
    /// Forms handled so far (stored or refused).
    pub done: i64,
    pub stored: i64,
    pub refused: i64,
    /// Why a failed job stopped (the forms stored before stay stored).
    pub failure: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The report, once the job is finished.
    pub report: Option<ImportReport>,
}

impl ImportJob {
    pub fn state_label(&self) -> &'static str {
        self.state.label()
    }

    /// Whole percent handled, for the progress bar.
    pub fn percent(&self) -> i64 {
        (self.done * 100).checked_div(self.total).unwrap_or(100)
    }
}

/// The answer to an upload.
pub enum Upload {
    /// Stored within the request (or uploaded before): the report.
    Finished(ImportReport),
    /// Goes on in the background.
    Started(ImportJob),
}

/// Reads the whole file: the forms, or the reason the file is refused.
fn read_file(bytes: &[u8]) -> AppResult<Vec<FormReport>> {
    let today = nsdb_domain::time::today_in_japan(Utc::now());
    let options = Options::new(today);
    let mut reports = Vec::new();
    let mut refusals: Vec<XmlFinding> = Vec::new();
    for entry in xml::validate(std::io::Cursor::new(bytes), options.clone()) {
        match entry {
            Ok(Entry::Form(form)) => reports.push(*form),
            Ok(Entry::Pending(pending)) => reports.push(pending.finish(&options)),
            Ok(Entry::File(finding)) if finding.severity == FindingSeverity::Error => {
                refusals.push(finding)
            }
            Ok(Entry::File(_)) => {}
            Err(fatal) => {
                return Err(AppError::Unprocessable {
                    message: format!(
                        "XMLとして読めないため登録できません（{}行{}列: {}）。",
                        fatal.line, fatal.column, fatal.message
                    ),
                    findings: Vec::new(),
                })
            }
        }
    }
    if let Some(first) = refusals.first() {
        return Err(AppError::Unprocessable {
            message: format!(
                "このファイルは登録できません（{}行{}列: {}）。",
                first.line, first.column, first.message
            ),
            findings: Vec::new(),
        });
    }
    Ok(reports)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Registers the forms of an uploaded file as drafts of the caller's institution: within
/// the request for a small file, in the background for a large one.
pub async fn import(state: &AppState, caller: &Caller, bytes: Vec<u8>) -> AppResult<Upload> {
    policy::can_write_forms(&caller.principal)?;
    let new_import = nsdb_store::new_id();
    // The file is checked on one thread while another makes what is kept of it.
    let bytes = Arc::new(bytes);
    let checking = blocking({
        let bytes = bytes.clone();
        move || read_file(&bytes)
    });
    let keeping = blocking({
        let (config, context) = (state.config.clone(), sealing::import_file(&new_import));
        move || {
            let file_hash = hex::encode(Sha256::digest(bytes.as_slice()));
            Ok((file_hash, kept_file(&config.data_keys, &bytes, &context)?))
        }
    });
    let (reports, (file_hash, file)) = tokio::try_join!(checking, keeping)?;
    let institution_id = caller.account.organization_id.clone();
    let total = reports.len();
    // This upload works on the new job itself; the lease keeps the sweep away from it.
    let worker = nsdb_store::new_id();

    let started = unit_of_work::change!(&state.store, |tx| {
        if let Some(id) = tx.form_import_of_file(&institution_id, &file_hash).await? {
            return Ok(Some(id));
        }
        tx.insert_form_import(&NewImport {
            id: &new_import,
            institution_id: &institution_id,
            file_hash: &file_hash,
            created_by: &caller.account.id,
            forms_in_file: total as i64,
            file: &file,
            worker: &worker,
            lease_until: lease_until(Utc::now()),
        })
        .await?;
        audit::record(
            tx,
            caller,
            "import_forms",
            Some(&new_import),
            forms::log_scope(caller),
            Some(&format!("{total}件の様式を含むファイルを受付")),
        )
        .await?;
        Ok(None)
    });
    let earlier = match started {
        Ok(earlier) => earlier,
        // Uploaded twice at once: the other upload registers it.
        Err(AppError::Domain(DomainError::Conflict(_))) => {
            unit_of_work::read!(&state.store, |tx| {
                Ok(tx.form_import_of_file(&institution_id, &file_hash).await?)
            })?
        }
        Err(e) => return Err(e),
    };
    if let Some(import_id) = earlier {
        return repeated(state, caller, &import_id).await;
    }

    if total <= FORMS_STORED_IN_REQUEST {
        let findings = work(state, &new_import, &worker, Some(reports)).await?;
        let row = import_row(state, &new_import).await?;
        let items = unit_of_work::read!(&state.store, |tx| {
            Ok(tx.form_import_items(&new_import).await?)
        })?;
        return Ok(Upload::Finished(report_of(
            &row,
            false,
            items,
            findings.unwrap_or_default(),
        )));
    }
    let background = state.clone();
    let id = new_import.clone();
    tokio::spawn(async move {
        if let Err(e) = work(&background, &id, &worker, Some(reports)).await {
            tracing::warn!(import = %id, error = %e.message(), "一括登録 job interrupted; the sweep resumes it");
        }
    });
    Ok(Upload::Started(job_of(
        import_row(state, &new_import).await?,
        None,
    )))
}

/// An upload of a file uploaded before: nothing new is stored; the earlier job's report,
/// or the job itself while it runs. A job that failed is taken up again (by the caller) from
/// where it stopped — the forms it stored stay, and are not stored twice.
async fn repeated(state: &AppState, caller: &Caller, import_id: &str) -> AppResult<Upload> {
    let resumed = unit_of_work::change!(&state.store, |tx| {
        let resumed = tx
            .requeue_failed_form_import(import_id, &caller.account.id)
            .await?;
        audit::record(
            tx,
            caller,
            "import_forms",
            Some(import_id),
            forms::log_scope(caller),
            Some(if resumed {
                "中断した一括登録を同じファイルで再開"
            } else {
                "同じファイルの再登録（新たな登録なし）"
            }),
        )
        .await?;
        Ok(resumed)
    })?;
    if resumed {
        let background = state.clone();
        let id = import_id.to_owned();
        tokio::spawn(async move {
            if let Err(e) = work(&background, &id, &nsdb_store::new_id(), None).await {
                tracing::warn!(import = %id, error = %e.message(), "一括登録 job interrupted; the sweep resumes it");
            }
        });
    }
    let row = import_row(state, import_id).await?;
    if !row.state.is_done() {
        return Ok(Upload::Started(job_of(row, None)));
    }
    let (items, findings) = finished_parts(state, &row).await?;
    Ok(Upload::Finished(report_of(&row, true, items, findings)))
}

async fn import_row(state: &AppState, import_id: &str) -> AppResult<ImportRow> {
    unit_of_work::read!(&state.store, |tx| {
        tx.form_import(import_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("import {import_id} vanished")))
    })
}

/// The forms handled and the findings of the file's forms: those kept when the job ended,
/// or — for an import that ended before they were kept — read again from its file.
async fn finished_parts(
    state: &AppState,
    row: &ImportRow,
) -> AppResult<(Vec<ImportItemRow>, Findings)> {
    let (items, kept) = unit_of_work::read!(&state.store, |tx| {
        Ok((
            tx.form_import_items(&row.id).await?,
            tx.form_import_findings(&row.id).await?,
        ))
    })?;
    let findings = match kept {
        Some(sealed) => sealing::open_json(
            &state.config.data_keys,
            &sealed,
            &sealing::import_findings(&row.id),
        )?,
        None if row.has_file => findings_of(&reread(state, &row.id).await.unwrap_or_default()),
        // Imported before files were kept: the findings are on each draft's screen.
        None => Findings::new(),
    };
    Ok((items, findings))
}

/// The findings of each form of a file that has any, by the form's position.
type Findings = BTreeMap<usize, Vec<XmlFinding>>;

fn findings_of(reports: &[FormReport]) -> Findings {
    reports
        .iter()
        .filter(|r| !r.findings.is_empty())
        .map(|r| (r.index, r.findings.clone()))
        .collect()
}

/// What is kept of an uploaded file: deflated (XML shrinks many times over, so there is far
/// less to seal, write and copy) and sealed.
fn kept_file(keys: &DataKeys, bytes: &[u8], context: &str) -> AppResult<KeptFile> {
    use std::io::Write;
    let mut deflating = DeflateEncoder::new(Vec::new(), Compression::fast());
    deflating
        .write_all(bytes)
        .and_then(|()| deflating.finish())
        .map(|deflated| KeptFile {
            encoding: "deflate".into(),
            sealed: keys.seal(&deflated, context),
        })
        .map_err(|e| AppError::Internal(format!("deflate: {e}")))
}

/// The kept file, opened and checked again.
async fn reread(state: &AppState, import_id: &str) -> AppResult<Vec<FormReport>> {
    let file = unit_of_work::read!(&state.store, |tx| {
        tx.form_import_file(import_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("import {import_id} has no file")))
    })?;
    let config = state.config.clone();
    let context = sealing::import_file(import_id);
    blocking(move || {
        let opened = sealing::open_bytes(&config.data_keys, &file.sealed, &context)?;
        let bytes = match file.encoding.as_str() {
            "identity" => opened,
            "deflate" => {
                use std::io::Read;
                // Sealed by this server from a file within the upload limit: not hostile,
                // but never read past what an upload could have been.
                let mut bytes = Vec::new();
                DeflateDecoder::new(opened.as_slice())
                    .take(config.max_upload_bytes as u64 + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| AppError::Internal(format!("inflate: {e}")))?;
                bytes
            }
            other => return Err(AppError::Internal(format!("kept file encoded as {other}"))),
        };
        read_file(&bytes)
    })
    .await
}

fn report_of(
    row: &ImportRow,
    repeated: bool,
    items: Vec<ImportItemRow>,
    mut findings: Findings,
) -> ImportReport {
    let stored = items.iter().filter(|i| i.form_id.is_some()).count();
    ImportReport {
        import_id: row.id.clone(),
        repeated,
        stored,
        refused: items.len() - stored,
        forms: items
            .into_iter()
            .map(|i| {
                let index = i.position as usize;
                ImportedForm {
                    index,
                    state: (!repeated && i.form_id.is_some()).then(|| "draft".to_owned()),
                    id: i.form_id,
                    refusal: i.refusal,
                    findings: findings.remove(&index).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

fn job_of(row: ImportRow, report: Option<ImportReport>) -> ImportJob {
    ImportJob {
        kind: "form_import",
        state: row.state,
        total: row.forms_in_file,
        done: row.done,
        stored: row.stored,
        refused: row.done - row.stored,
        failure: row.failure,
        created_at: row.created_at,
        finished_at: row.finished_at,
        report,
        id: row.id,
    }
}

/// getJob: an import of the caller's institution with its progress, and its report once
/// finished. Another institution's job is not found.
pub async fn job(state: &AppState, caller: &Caller, id: &str) -> AppResult<ImportJob> {
    policy::can_write_forms(&caller.principal)?;
    let row = unit_of_work::read!(&state.store, |tx| { Ok(tx.form_import(id).await?) })?
        .filter(|row| row.institution_id == caller.account.organization_id)
        .ok_or_else(DomainError::not_found)?;
    if row.state != JobState::Finished {
        return Ok(job_of(row, None));
    }
    // The report is made from the kept file, and its findings may quote what was typed
    // (a kana written in letters, say): a read of personal data, logged.
    unit_of_work::change!(&state.store, |tx| {
        audit::record(
            tx,
            caller,
            "read_form_import",
            Some(id),
            forms::log_scope(caller),
            None,
        )
        .await?;
        Ok(())
    })?;
    let (items, findings) = finished_parts(state, &row).await?;
    let report = report_of(&row, false, items, findings);
    Ok(job_of(row, Some(report)))
}

/// The institution's latest imports, for the upload screen.
pub async fn recent_jobs(state: &AppState, caller: &Caller) -> AppResult<Vec<ImportJob>> {
    policy::can_write_forms(&caller.principal)?;
    let rows = unit_of_work::read!(&state.store, |tx| {
        Ok(tx
            .form_imports_of_institution(&caller.account.organization_id, 10)
            .await?)
    })?;
    Ok(rows.into_iter().map(|row| job_of(row, None)).collect())
}

/// Looks every few seconds for imports nobody works on — queued, or left by a server that
/// stopped (its lease has run out) — and works on them. Runs for the life of the server.
pub fn spawn_sweeper(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_INTERVAL);
        loop {
            tick.tick().await;
            let unfinished = unit_of_work::read!(&state.store, |tx| {
                Ok(tx.unfinished_form_imports().await?)
            });
            match unfinished {
                Ok(ids) => {
                    for id in ids {
                        if let Err(e) = work(&state, &id, &nsdb_store::new_id(), None).await {
                            tracing::warn!(import = %id, error = %e.message(), "一括登録 job interrupted");
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e.message(), "unfinished 一括登録 jobs not read"),
            }
        }
    });
}

/// Works on an import while `worker` holds its lease: stores the forms of the file not yet
/// stored, a batch per transaction, and ends the job. Does nothing when another worker holds
/// the lease, and stops when it loses it. Returns the file's forms when it read them. Each
/// call has a worker id of its own, so two calls never work on one job together, even in
/// one process.
async fn work(
    state: &AppState,
    import_id: &str,
    worker: &str,
    validated: Option<Vec<FormReport>>,
) -> AppResult<Option<Findings>> {
    let claimed = unit_of_work::change!(&state.store, |tx| {
        let now = Utc::now();
        Ok(tx
            .claim_form_import(import_id, worker, now, lease_until(now))
            .await?)
    })?;
    if !claimed {
        return Ok(None);
    }
    let (row, done, account, institution_code) = unit_of_work::read!(&state.store, |tx| {
        let row = tx
            .form_import(import_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("import {import_id} vanished")))?;
        let done: HashSet<i64> = tx
            .form_import_items(import_id)
            .await?
            .into_iter()
            .map(|item| item.position)
            .collect();
        let account = tx.account_by_id(&row.created_by).await?;
        let code = tx
            .organization_by_id(&row.institution_id)
            .await?
            .map(|o| o.code)
            .unwrap_or_default();
        Ok((row, done, account, code))
    })?;
    let Some(account) = account else {
        return fail(state, import_id, None, "登録者のアカウントがありません。").await;
    };
    let caller = Caller::acting_as(account);
    if let Err(refused) = policy::can_write_forms(&caller.principal) {
        let why = format!("登録者がこの登録を続けられません（{refused}）。");
        return fail(state, import_id, Some(&caller), &why).await;
    }
    let reports = match validated {
        Some(reports) => reports,
        None => match reread(state, &row.id).await {
            Ok(reports) => reports,
            Err(e) => return fail(state, import_id, Some(&caller), &e.message()).await,
        },
    };
    let keys = &state.config.data_keys;
    let reports = Arc::new(reports);
    let pending: Vec<usize> = (0..reports.len())
        .filter(|&i| !done.contains(&(reports[i].index as i64)))
        .collect();
    // A small first batch: the two threads start working together sooner.
    let (first, rest) = pending.split_at(pending.len().min(FIRST_BATCH));
    let batches: Vec<&[usize]> = std::iter::once(first)
        .filter(|batch| !batch.is_empty())
        .chain(rest.chunks(FORMS_PER_BATCH))
        .collect();
    // The CPU work of a batch (checks, 機械判定, sealing) is done on another thread while
    // the batch before it is written: the two cores work at once.
    let prepare = |batch: &[usize]| {
        let (reports, batch) = (reports.clone(), batch.to_vec());
        let (config, caller, code) = (
            state.config.clone(),
            caller.clone(),
            institution_code.clone(),
        );
        blocking(move || {
            Ok(batch
                .iter()
                .map(|&i| Prepared::new(&config.data_keys, &caller, &code, &reports[i]))
                .collect::<Vec<_>>())
        })
    };
    let mut next = batches.first().map(|batch| tokio::spawn(prepare(batch)));
    for following in batches.iter().skip(1).map(Some).chain([None]) {
        let Some(preparing) = next.take() else { break };
        let prepared = preparing
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
        next = following.map(|batch| tokio::spawn(prepare(batch)));
        let kept = unit_of_work::change!(&state.store, |tx| {
            let now = Utc::now();
            if !tx
                .claim_form_import(import_id, worker, now, lease_until(now))
                .await?
            {
                return Ok(false);
            }
            store_batch(tx, keys, &caller, import_id, &prepared).await?;
            Ok(true)
        });
        match kept {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            // Busy: left to the sweep, which tries again once the lease runs out.
            Err(e @ AppError::Busy(_)) => return Err(e),
            Err(e) => return fail(state, import_id, Some(&caller), &e.message()).await,
        }
    }
    // The job ends keeping its report's findings instead of the file.
    let findings = findings_of(&reports);
    let sealed_findings = sealing::seal_json(keys, &findings, &sealing::import_findings(import_id));
    unit_of_work::change!(&state.store, |tx| {
        let now = Utc::now();
        if !tx
            .claim_form_import(import_id, worker, now, lease_until(now))
            .await?
        {
            return Ok(());
        }
        tx.finish_form_import(import_id, None).await?;
        tx.replace_form_import_file_by_findings(import_id, &sealed_findings)
            .await?;
        let row = tx
            .form_import(import_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("import {import_id} vanished")))?;
        audit::record(
            tx,
            &caller,
            "import_forms",
            Some(import_id),
            forms::log_scope(&caller),
            Some(&format!(
                "{}件を下書きとして登録、{}件は登録せず",
                row.stored,
                row.done - row.stored
            )),
        )
        .await?;
        Ok(())
    })?;
    Ok(Some(findings))
}

/// Ends a job that cannot go on; the forms stored so far stay stored.
async fn fail(
    state: &AppState,
    import_id: &str,
    caller: Option<&Caller>,
    why: &str,
) -> AppResult<Option<Findings>> {
    tracing::warn!(import = %import_id, why, "一括登録 job failed");
    unit_of_work::change!(&state.store, |tx| {
        tx.finish_form_import(import_id, Some(why)).await?;
        if let Some(caller) = caller {
            audit::record_failure(tx, caller, "import_forms", Some(import_id), Some(why)).await?;
        }
        Ok(())
    })?;
    Ok(None)
}

/// A form of the file made ready to store, before its batch's unit of work: the draft is
/// built (evaluated, split, sealed) for the patient its 基本情報 would register; if a stored
/// patient or one earlier in the file matches instead, the unit of work builds it again for
/// that patient.
enum Prepared {
    Refused { position: i64, why: String },
    Accepted(Box<Accepted>),
}

struct Accepted {
    position: i64,
    def: Arc<FormDefinition>,
    kind: ApplicationKind,
    data: FormData,
    candidate: patients::Candidate,
    draft: forms::Draft,
}

impl Prepared {
    fn new(keys: &DataKeys, caller: &Caller, institution_code: &str, report: &FormReport) -> Self {
        let position = report.index as i64;
        match accept(caller, institution_code, report) {
            Ok((def, kind, data, details)) => {
                let candidate = patients::Candidate::new(keys, caller, details);
                let draft = forms::Draft::new(keys, &def, kind, &candidate.patient, data.clone());
                Prepared::Accepted(Box::new(Accepted {
                    position,
                    def,
                    kind,
                    data,
                    candidate,
                    draft,
                }))
            }
            Err(why) => Prepared::Refused { position, why },
        }
    }
}

/// A batch of the file's forms inside one unit of work: each form whole — its patient
/// matched or registered, the draft, its first revision, its log entry and its line in
/// `form_import_items` — or refused with its line; a few statements for the whole batch.
async fn store_batch(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    import_id: &str,
    batch: &[Prepared],
) -> AppResult<()> {
    let candidates: Vec<&patients::Candidate> = batch
        .iter()
        .filter_map(|p| match p {
            Prepared::Accepted(accepted) => Some(&accepted.candidate),
            Prepared::Refused { .. } => None,
        })
        .collect();
    // The log entries of the batch's patients and drafts, appended at its end in one step of
    // the institution's log chain (whose head is then locked only for that moment).
    let mut log = Vec::new();
    let mut patients = patients::matched_or_registered_all(tx, keys, caller, &candidates, &mut log)
        .await?
        .into_iter();
    let mut items: Vec<ImportItemRow> = Vec::with_capacity(batch.len());
    // Drafts made for another patient than their candidate, made again.
    let mut rebuilt: Vec<forms::Draft> = Vec::new();
    let mut drafts: Vec<(usize, Option<&forms::Draft>)> = Vec::new();
    for prepared in batch {
        match prepared {
            Prepared::Accepted(accepted) => {
                let Accepted {
                    position,
                    def,
                    kind,
                    data,
                    candidate,
                    draft,
                } = accepted.as_ref();
                let patient = patients
                    .next()
                    .ok_or_else(|| AppError::Internal("a patient per candidate".into()))?;
                if patient.id == candidate.patient.id {
                    drafts.push((items.len(), Some(draft)));
                } else {
                    rebuilt.push(forms::Draft::new(keys, def, *kind, &patient, data.clone()));
                    drafts.push((items.len(), None));
                }
                items.push(ImportItemRow {
                    position: *position,
                    form_id: None,
                    refusal: None,
                });
            }
            Prepared::Refused { position, why } => items.push(ImportItemRow {
                position: *position,
                form_id: None,
                refusal: Some(why.clone()),
            }),
        }
    }
    let mut rebuilt = rebuilt.iter();
    let mut stored: Vec<&forms::Draft> = Vec::with_capacity(drafts.len());
    for (item, draft) in drafts {
        let draft = match draft {
            Some(draft) => draft,
            None => rebuilt
                .next()
                .ok_or_else(|| AppError::Internal("a rebuilt draft".into()))?,
        };
        items[item].form_id = Some(draft.id.clone());
        stored.push(draft);
    }
    forms::insert_drafts(tx, caller, &stored, Renewal::None, &mut log).await?;
    tx.insert_form_import_items(import_id, &items).await?;
    tx.append_logs(&log).await?;
    Ok(())
}

/// What a form of the file becomes — its definition, 申請区分, answers and patient — or why
/// it is not stored.
fn accept(
    caller: &Caller,
    institution_code: &str,
    report: &FormReport,
) -> Result<
    (
        Arc<FormDefinition>,
        ApplicationKind,
        FormData,
        nsdb_domain::patient::PatientDetails,
    ),
    String,
> {
    if report
        .institution_code
        .as_deref()
        .is_some_and(|code| code != institution_code)
    {
        return Err(
            "医療機関コードがこの医療機関のものではありません。自院の臨個票・意見書だけを登録できます。".into(),
        );
    }
    let data = report.data();
    let details = forms::patient_from_answers(&data).ok_or_else(|| {
        "基本情報（氏名・かな・生年月日・性別）が揃っていないため、患者を特定できず登録していません。".to_owned()
    })?;
    // The file was validated against the catalog: its versions are known.
    let def = nsdb_forms::catalog()
        .get(&report.definition_id)
        .ok_or_else(|| format!("様式{}は登録できません。", report.definition_id))?;
    let kind = report
        .application_kind
        .filter(|k| def.application_kinds.contains(k))
        .unwrap_or(def.application_kinds[0]);
    policy::can_write_form(&caller.principal, def.program, kind).map_err(|e| e.to_string())?;
    Ok((def, kind, data, details))
}
