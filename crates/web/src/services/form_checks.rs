//! Checking a bulk-registration XML file on the server: the very validator `nsdb check`
//! runs offline (XSD level, every form check and the 機械判定), so a hospital gets the same
//! verdict from both.
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::model::OrganizationKind;
use nsdb_domain::DomainError;
use nsdb_forms::xml::{self, Entry, FatalError, FormReport, Options, XmlFinding};
use nsdb_forms::FindingSeverity;
use serde::Serialize;

/// Forms and findings one reply lists at most. Every form of the file is still checked and
/// counted; beyond these, forms are left out of the reply (`forms_omitted` says how many),
/// so a file of a million empty forms cannot build a reply of hundreds of MB.
pub const MAX_REPORTED_FORMS: usize = 1_000;
pub const MAX_REPORTED_FINDINGS: usize = 20_000;

/// The report of one file, in the shape of one file of `nsdb check --format json`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FileCheck {
    /// One report per form, in file order: findings with line and column, and the 機械判定.
    /// At most [`MAX_REPORTED_FORMS`] forms and [`MAX_REPORTED_FINDINGS`] findings in all.
    pub forms: Vec<FormReport>,
    /// Forms in the file (listed or not).
    pub forms_checked: usize,
    /// Forms checked (and counted in `errors`/`warnings`) but not listed in `forms`.
    pub forms_omitted: usize,
    /// Findings outside any form (root element, unknown form version, …).
    pub findings: Vec<XmlFinding>,
    /// Why reading stopped early (not XML, DOCTYPE, wrong encoding, limits), if it did.
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
            forms_checked: 0,
            forms_omitted: 0,
            findings: Vec::new(),
            fatal: None,
            errors: 0,
            warnings: 0,
        };
        let mut listed_findings = 0;
        for entry in xml::validate(std::io::Cursor::new(bytes), options.clone()) {
            let form = match entry {
                Ok(Entry::Form(form)) => *form,
                Ok(Entry::Pending(pending)) => pending.finish(&options),
                Ok(Entry::File(finding)) => {
                    if finding.severity == FindingSeverity::Error {
                        report.errors += 1;
                    } else {
                        report.warnings += 1;
                    }
                    report.findings.push(finding);
                    continue;
                }
                Err(fatal) => {
                    report.errors += 1;
                    report.fatal = Some(fatal);
                    continue;
                }
            };
            report.forms_checked += 1;
            report.errors += form.errors();
            report.warnings += form.warnings();
            if report.forms.len() < MAX_REPORTED_FORMS
                && listed_findings + form.findings.len() <= MAX_REPORTED_FINDINGS
            {
                listed_findings += form.findings.len();
                report.forms.push(form);
            } else {
                report.forms_omitted += 1;
            }
        }
        report
    })
    .await
    .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    unit_of_work::change!(&state.store, |tx| {
        audit::record(
            tx,
            caller,
            "check_forms",
            None,
            None,
            Some(&format!(
                "{size}バイト・{}様式・エラー{}件・警告{}件",
                report.forms_checked, report.errors, report.warnings
            )),
        )
        .await?;
        Ok(())
    })?;
    Ok(report)
}
