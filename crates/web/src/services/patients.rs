//! Patients of a 医療機関: registered by its members, found by kana, name and birth date
//! through keyed hashes, opened only inside the institution (and by its approved 兼務
//! doctors). Every read of a patient's identity is logged.
use super::{audit, sealing, unit_of_work, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use nsdb_domain::data_keys::{DataKeys, Sealed};
use nsdb_domain::patient::{PatientDetails, PatientInput, PatientQuery};
use nsdb_domain::{policy, DomainError};
use nsdb_store::{NewLogEntry, NewPatient, PatientRow, Tx};

/// A patient with their identity opened.
#[derive(Debug, Clone)]
pub struct Patient {
    pub id: String,
    pub institution_id: String,
    pub details: PatientDetails,
    /// Who recorded that the DB-registration explanation was given, and when.
    pub consent: Option<(String, DateTime<Utc>)>,
    pub created_at: DateTime<Utc>,
}

pub fn open(keys: &DataKeys, row: PatientRow) -> AppResult<Patient> {
    Ok(Patient {
        details: sealing::open_json(keys, &row.sealed, &sealing::patient(&row.id))?,
        id: row.id,
        institution_id: row.institution_id,
        consent: row.consent,
        created_at: row.created_at,
    })
}

/// The institutions whose patients and forms the caller sees (own, and approved 兼務).
pub async fn scope_of(tx: &mut Tx, caller: &Caller) -> AppResult<Vec<String>> {
    policy::can_write_forms(&caller.principal)?;
    let concurrent = if caller.principal.role.is_doctor() {
        tx.approved_concurrent_institutions(&caller.account.id)
            .await?
    } else {
        Vec::new()
    };
    Ok(policy::form_institutions(&caller.principal, concurrent)?)
}

/// Whether a patient or form of `institution_id` is in the caller's scope. The approved 兼務
/// are read only for another institution's record (most records are the caller's own).
pub async fn is_in_scope(tx: &mut Tx, caller: &Caller, institution_id: &str) -> AppResult<bool> {
    let own = policy::form_institutions(&caller.principal, Vec::new())?;
    if policy::in_form_scope(&own, institution_id).is_ok() {
        return Ok(true);
    }
    Ok(policy::in_form_scope(&scope_of(tx, caller).await?, institution_id).is_ok())
}

/// 404 unless [`is_in_scope`].
pub async fn ensure_in_scope(tx: &mut Tx, caller: &Caller, institution_id: &str) -> AppResult<()> {
    match is_in_scope(tx, caller, institution_id).await? {
        true => Ok(()),
        false => Err(DomainError::not_found().into()),
    }
}

fn today() -> NaiveDate {
    nsdb_domain::time::today_in_japan(Utc::now())
}

/// The patient of the caller's institution with the same kana (full, or family only) and
/// birth date — the newest if several — or a new one registered from `details`, inside the
/// caller's unit of work. Used where a form arrives with its 基本情報 (連携, 一括登録).
pub(crate) async fn matched_or_registered(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    details: &PatientDetails,
) -> AppResult<Patient> {
    let candidate = Candidate::new(keys, caller, details.clone());
    let mut log = Vec::new();
    let mut patients = matched_or_registered_all(tx, keys, caller, &[&candidate], &mut log).await?;
    tx.append_logs(&log).await?;
    patients
        .pop()
        .ok_or_else(|| AppError::Internal("no patient matched or registered".into()))
}

/// A patient as a form names them, made ready outside any unit of work (the keyed hashes;
/// the record sealed under a new id, in case no stored patient matches): 一括登録 makes the
/// next batch's candidates while the previous batch is written.
pub(crate) struct Candidate {
    /// The patient registered if none matches.
    pub patient: Patient,
    query: PatientQuery,
    search: nsdb_domain::patient::PatientSearchKeys,
    sealed: Sealed,
}

impl Candidate {
    pub(crate) fn new(keys: &DataKeys, caller: &Caller, details: PatientDetails) -> Self {
        let id = nsdb_store::new_id();
        Candidate {
            query: PatientQuery::new(
                keys,
                Some(&details.full_kana()),
                None,
                Some(details.birth_date),
            ),
            search: details.search_keys(keys),
            sealed: sealing::seal_json(keys, &details, &sealing::patient(&id)),
            patient: Patient {
                id,
                institution_id: caller.account.organization_id.clone(),
                details,
                consent: None,
                created_at: Utc::now(),
            },
        }
    }
}

/// [`matched_or_registered`] for many forms at once (一括登録): one look-up for all of them,
/// one multi-row INSERT for the new patients; a person appearing twice is registered once.
/// A candidate registered is returned as it is (same id), so the caller can tell. The log
/// entries of the registrations are added to `log`, for the caller to append with its own.
pub(crate) async fn matched_or_registered_all<'a>(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &'a Caller,
    candidates: &[&'a Candidate],
    log: &mut Vec<NewLogEntry<'a>>,
) -> AppResult<Vec<Patient>> {
    policy::can_write_forms(&caller.principal)?;
    let institution_id = &caller.account.organization_id;
    let wanted: Vec<(&str, &str)> = candidates
        .iter()
        .filter_map(|c| Some((c.query.kana.as_deref()?, c.query.birth_date.as_deref()?)))
        .collect();
    let stored = tx.patients_matching(institution_id, &wanted).await?;
    // Same birth date, and the kana is the full or the family-name kana.
    let same = |kana: &str, family_kana: &str, birth_date: &str, q: &PatientQuery| {
        let wanted = q.kana.as_deref();
        q.birth_date.as_deref() == Some(birth_date)
            && (wanted == Some(kana) || wanted == Some(family_kana))
    };
    let mut out: Vec<Patient> = Vec::with_capacity(candidates.len());
    // The candidates registered by this call.
    let mut registered: Vec<&Candidate> = Vec::new();
    for candidate in candidates {
        let query = &candidate.query;
        if let Some((row, _)) = stored
            .iter()
            .find(|(_, h)| same(&h.kana, &h.family_kana, &h.birth_date, query))
        {
            out.push(open(keys, row.clone())?);
            continue;
        }
        let earlier = registered.iter().find(|c| {
            same(
                &c.search.kana,
                &c.search.family_kana,
                &c.search.birth_date,
                query,
            )
        });
        match earlier {
            Some(earlier) => out.push(earlier.patient.clone()),
            None => {
                registered.push(candidate);
                out.push(candidate.patient.clone());
            }
        }
    }
    let new_patients: Vec<NewPatient> = registered
        .iter()
        .map(|c| NewPatient {
            id: &c.patient.id,
            institution_id,
            sealed: &c.sealed,
            search: &c.search,
            created_by: &caller.account.id,
        })
        .collect();
    tx.insert_patients(&new_patients).await?;
    log.extend(
        registered
            .iter()
            .map(|c| audit::entry(caller, "create_patient", Some(&c.patient.id), None, None)),
    );
    Ok(out)
}

/// Registers a patient with the caller's institution, inside the caller's unit of work.
pub(crate) async fn create_in(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    details: &PatientDetails,
) -> AppResult<Patient> {
    policy::can_write_forms(&caller.principal)?;
    let id = nsdb_store::new_id();
    let sealed = sealing::seal_json(keys, details, &sealing::patient(&id));
    tx.insert_patient(&NewPatient {
        id: &id,
        institution_id: &caller.account.organization_id,
        sealed: &sealed,
        search: &details.search_keys(keys),
        created_by: &caller.account.id,
    })
    .await?;
    audit::record(tx, caller, "create_patient", Some(&id), None, None).await?;
    let row = tx
        .patient_by_id(&id)
        .await?
        .ok_or_else(DomainError::not_found)?;
    open(keys, row)
}

pub async fn create(state: &AppState, caller: &Caller, input: &PatientInput) -> AppResult<Patient> {
    let details = input.parse(today())?;
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        create_in(tx, keys, caller, &details).await
    })
}

/// A patient in the caller's scope (404 otherwise), inside the caller's unit of work.
pub(crate) async fn in_scope(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    id: &str,
) -> AppResult<Patient> {
    policy::can_write_forms(&caller.principal)?;
    let row = tx
        .patient_by_id(id)
        .await?
        .ok_or_else(DomainError::not_found)?;
    ensure_in_scope(tx, caller, &row.institution_id).await?;
    open(keys, row)
}

pub async fn get(state: &AppState, caller: &Caller, id: &str) -> AppResult<Patient> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let patient = in_scope(tx, keys, caller, id).await?;
        audit::record(tx, caller, "open_patient", Some(id), None, None).await?;
        Ok(patient)
    })
}

/// What a patient search asks, as typed.
#[derive(Debug, Clone, Default)]
pub struct PatientSearch {
    pub kana: Option<String>,
    pub name: Option<String>,
    pub birth_date: Option<String>,
}

impl PatientSearch {
    pub fn query(&self, keys: &DataKeys) -> AppResult<PatientQuery> {
        let birth_date = self
            .birth_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|d| nsdb_domain::time::parse_date("birth_date", d))
            .transpose()?;
        Ok(PatientQuery::new(
            keys,
            self.kana.as_deref(),
            self.name.as_deref(),
            birth_date,
        ))
    }
}

/// The caller's patients matching the search (all of them when it is empty), a page at a
/// time, and how many match. One log entry per search, with the number shown.
pub async fn search(
    state: &AppState,
    caller: &Caller,
    search: &PatientSearch,
    page: Option<i64>,
    per_page: i64,
) -> AppResult<(Vec<Patient>, i64)> {
    let keys = &state.config.data_keys;
    let query = search.query(keys)?;
    let (limit, offset) = super::page_window(page, per_page);
    unit_of_work::change!(&state.store, |tx| {
        let scope = scope_of(tx, caller).await?;
        let (rows, total) = tx.search_patients(&scope, &query, limit, offset).await?;
        let patients = rows
            .into_iter()
            .map(|row| open(keys, row))
            .collect::<AppResult<Vec<_>>>()?;
        let detail = format!("{}件表示（該当{total}件）", patients.len());
        audit::record(tx, caller, "search_patients", None, None, Some(&detail)).await?;
        Ok((patients, total))
    })
}
