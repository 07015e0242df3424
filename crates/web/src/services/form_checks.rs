//! Checking a bulk-registration XML file on the server: the very validator `nsdb check`
//! runs offline (XSD level, every form check and the 機械判定), so a hospital gets the same
//! verdict from both.
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::model::OrganizationKind;
use nsdb_domain::DomainError;
use nsdb_forms::xml::{self, Entry, FatalError, FormReport, Options, XmlFinding};
use nsdb_forms::FindingSeverity;
use serde::Serialize;

/// The report of one file, in the shape of one file of `nsdb check --format json`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FileCheck {
    /// One report per form: findings with line and column, and the 機械判定.
    #[schema(value_type = Vec<Object>)]
    pub forms: Vec<FormReport>,
    /// Findings outside any form (root element, unknown form version, …).
    #[schema(value_type = Vec<Object>)]
    pub findings: Vec<XmlFinding>,
    /// Why reading stopped early (not XML, DOCTYPE, wrong encoding, limits), if it did.
    #[schema(value_type = Option<Object>)]
    pub fatal: Option<FatalError>,
    pub errors: usize,
    pub warnings: usize,
}

/// Who may check files: institutions (before registering) and the operator (punch data).
fn ensure_may_check(caller: &Caller) -> AppResult<()> {
    match caller.principal.role.organization_kind() {
        OrganizationKind::Institution | OrganizationKind::Operator => Ok(()),
        _ => Err(DomainError::forbidden("一括登録ファイルのチェック").into()),
    }
}

/// Runs the validator over the uploaded bytes on a blocking thread.
pub async fn check_file(state: &AppState, caller: &Caller, bytes: Vec<u8>) -> AppResult<FileCheck> {
    ensure_may_check(caller)?;
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let size = bytes.len();
    let report = tokio::task::spawn_blocking(move || {
        let options = Options::new(today);
        let mut report = FileCheck {
            forms: Vec::new(),
            findings: Vec::new(),
            fatal: None,
            errors: 0,
            warnings: 0,
        };
        for entry in xml::validate(std::io::Cursor::new(bytes), options.clone()) {
            match entry {
                Ok(Entry::Form(form)) => report.forms.push(*form),
                Ok(Entry::Pending(pending)) => report.forms.push(pending.finish(&options)),
                Ok(Entry::File(finding)) => report.findings.push(finding),
                Err(fatal) => report.fatal = Some(fatal),
            }
        }
        let file_errors = report
            .findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count();
        report.errors = report.forms.iter().map(FormReport::errors).sum::<usize>()
            + file_errors
            + usize::from(report.fatal.is_some());
        report.warnings = report.forms.iter().map(FormReport::warnings).sum::<usize>()
            + report.findings.len()
            - file_errors;
        report
    })
    .await
    .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    let mut tx = state.store.begin().await?;
    audit::record(
        &mut tx,
        caller,
        "check_forms",
        None,
        None,
        Some(&format!(
            "{size} bytes, {} forms, {} errors, {} warnings",
            report.forms.len(),
            report.errors,
            report.warnings
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}
