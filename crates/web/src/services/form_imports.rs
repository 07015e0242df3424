//! 一括登録 (domain.md Forms; interfaces.md importForms): a bulk-registration XML file from a
//! hospital system, checked by the very validator `nsdb check` runs. Only a file that is not
//! well-formed, or that names an unknown or out-of-force form version, is refused (with the
//! position); otherwise every form becomes a draft in its own transaction — with its
//! findings, for the clerk to complete on screen, since hospital systems fill only some
//! items. The patient is the institution's patient with the same kana and birth date, or is
//! registered from the form's 基本情報. The same file uploaded again stores nothing new.
use super::forms::{self, Renewal};
use super::patients;
use super::{audit, unit_of_work, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use nsdb_domain::data_keys::DataKeys;
use nsdb_domain::{policy, DomainError};
use nsdb_forms::xml::{self, Entry, FormReport, Options, XmlFinding};
use nsdb_forms::FindingSeverity;
use nsdb_store::{ImportItemRow, Tx};
use serde::Serialize;
use sha2::{Digest, Sha256};

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
    /// The findings of the checks, with line and column (empty for an upload repeated).
    #[schema(value_type = Vec<Object>)]
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

/// Reads the whole file: the forms, or the reason the file is refused.
fn read_file(bytes: Vec<u8>) -> AppResult<Vec<FormReport>> {
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
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
                    details: Vec::new(),
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
            details: Vec::new(),
        });
    }
    Ok(reports)
}

/// Registers the forms of an uploaded file as drafts of the caller's institution.
pub async fn import(state: &AppState, caller: &Caller, bytes: Vec<u8>) -> AppResult<ImportReport> {
    policy::can_write_forms(&caller.principal)?;
    let file_hash = hex::encode(Sha256::digest(&bytes));
    let reports = tokio::task::spawn_blocking(move || read_file(bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let institution_id = caller.account.organization_id.clone();
    let keys = &state.config.data_keys;

    let new_import = nsdb_store::new_id();
    let started = unit_of_work::change!(&state.store, |tx| {
        if let Some((id, _)) = tx.form_import_of_file(&institution_id, &file_hash).await? {
            return Ok(Some(id));
        }
        tx.insert_form_import(
            &new_import,
            &institution_id,
            &file_hash,
            &caller.account.id,
            reports.len() as i64,
        )
        .await?;
        Ok(None)
    });
    let earlier = match started {
        Ok(earlier) => earlier,
        // Uploaded twice at once: the other upload registers it.
        Err(AppError::Domain(DomainError::Conflict(_))) => {
            unit_of_work::read!(&state.store, |tx| {
                Ok(tx
                    .form_import_of_file(&institution_id, &file_hash)
                    .await?
                    .map(|(id, _)| id))
            })?
        }
        Err(e) => return Err(e),
    };
    if let Some(import_id) = earlier {
        return repeated(state, caller, &import_id).await;
    }

    let code = unit_of_work::read!(&state.store, |tx| {
        Ok(tx
            .organization_by_id(&institution_id)
            .await?
            .map(|o| o.code)
            .unwrap_or_default())
    })?;
    let mut forms_out = Vec::with_capacity(reports.len());
    for report in reports {
        let outcome = unit_of_work::change!(&state.store, |tx| {
            store_one(tx, keys, caller, &new_import, &code, &report).await
        })?;
        forms_out.push(ImportedForm {
            index: report.index,
            state: outcome.form_id.as_ref().map(|_| "draft".to_owned()),
            id: outcome.form_id,
            refusal: outcome.refusal,
            findings: report.findings,
        });
    }
    let stored = forms_out.iter().filter(|f| f.id.is_some()).count();
    let refused = forms_out.len() - stored;
    unit_of_work::change!(&state.store, |tx| {
        tx.finish_form_import(&new_import).await?;
        audit::record(
            tx,
            caller,
            "import_forms",
            Some(&new_import),
            forms::log_scope(caller),
            Some(&format!(
                "{stored}件を下書きとして登録、{refused}件は登録せず"
            )),
        )
        .await?;
        Ok(())
    })?;
    Ok(ImportReport {
        import_id: new_import,
        repeated: false,
        stored,
        refused,
        forms: forms_out,
    })
}

/// One form of the file in its own unit of work: the draft and its place in the import
/// together, or the refusal.
async fn store_one(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    import_id: &str,
    institution_code: &str,
    report: &FormReport,
) -> AppResult<ImportItemRow> {
    let position = report.index as i64;
    let refuse = |why: &str| ImportItemRow {
        position,
        form_id: None,
        refusal: Some(why.to_owned()),
    };
    let item = match report.institution_code.as_deref() {
        Some(code) if code != institution_code => refuse(
            "医療機関コードがこの医療機関のものではありません。自院の臨個票・意見書だけを登録できます。",
        ),
        _ => {
            let data = report.data();
            match forms::patient_from_answers(&data) {
                None => refuse(
                    "基本情報（氏名・かな・生年月日・性別）が揃っていないため、患者を特定できず登録していません。",
                ),
                Some(details) => {
                    let def = nsdb_forms::catalog()
                        .get(&report.definition_id)
                        .ok_or_else(|| {
                            AppError::Internal(format!("unknown {}", report.definition_id))
                        })?;
                    let kind = report
                        .application_kind
                        .filter(|k| def.application_kinds.contains(k))
                        .unwrap_or(def.application_kinds[0]);
                    policy::can_write_form(&caller.principal, def.program, kind)?;
                    let patient = patients::matched_or_registered(tx, keys, caller, &details).await?;
                    let id = forms::insert_draft(
                        tx,
                        keys,
                        caller,
                        &def,
                        kind,
                        &patient,
                        data,
                        Renewal::None,
                    )
                    .await?;
                    ImportItemRow {
                        position,
                        form_id: Some(id),
                        refusal: None,
                    }
                }
            }
        }
    };
    tx.insert_form_import_item(import_id, &item).await?;
    Ok(item)
}

/// The report of an upload repeated: what the first upload stored.
async fn repeated(state: &AppState, caller: &Caller, import_id: &str) -> AppResult<ImportReport> {
    let items = unit_of_work::change!(&state.store, |tx| {
        let items = tx.form_import_items(import_id).await?;
        audit::record(
            tx,
            caller,
            "import_forms",
            Some(import_id),
            forms::log_scope(caller),
            Some("同じファイルの再登録（新たな登録なし）"),
        )
        .await?;
        Ok::<_, AppError>(items)
    })?;
    let stored = items.iter().filter(|i| i.form_id.is_some()).count();
    Ok(ImportReport {
        import_id: import_id.to_owned(),
        repeated: true,
        stored,
        refused: items.len() - stored,
        forms: items
            .into_iter()
            .map(|i| ImportedForm {
                index: i.position as usize,
                state: None,
                id: i.form_id,
                refusal: i.refusal,
                findings: Vec::new(),
            })
            .collect(),
    })
}
