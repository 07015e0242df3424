//! Client certificates of institutions (issue 8): the 自治体 that registered an institution
//! registers the SHA-256 fingerprints of its terminals' certificates, and revokes them. With
//! `nsdb serve --client-ca`, those decide who logs in from where (`sessions`).
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::identifiers::CertificateFingerprint;
use nsdb_domain::{policy, DomainError};
use nsdb_store::{InstitutionCertificateRow, OrganizationRow, StoreError, Tx};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewCertificate {
    /// SHA-256 fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it
    /// (`AB:CD:…`), or 64 hex digits.
    pub fingerprint: String,
    /// What the certificate is for, e.g. the terminal it is installed on (up to 100 characters).
    pub label: String,
}

const LABEL_MAX_CHARS: usize = 100;

/// The institution of `code` when the caller's 自治体 registered it: 403 for anyone but
/// 自治体 staff, 404 for an institution that is absent or another 自治体's.
async fn institution_in_scope(
    tx: &mut Tx,
    caller: &Caller,
    code: &str,
) -> AppResult<OrganizationRow> {
    let institution = tx.organization_by_code("institution", code.trim()).await?;
    let registered_by = institution
        .as_ref()
        .and_then(|i| i.municipality_id.as_deref())
        .unwrap_or_default();
    policy::can_manage_institution_certificates(&caller.principal, registered_by)?;
    Ok(institution.ok_or_else(DomainError::not_found)?)
}

pub async fn register_certificate(
    state: &AppState,
    caller: &Caller,
    code: &str,
    input: &NewCertificate,
) -> AppResult<(OrganizationRow, InstitutionCertificateRow)> {
    unit_of_work::change!(&state.store, |tx| {
        let institution = institution_in_scope(tx, caller, code).await?;
        let fingerprint = CertificateFingerprint::parse(&input.fingerprint)?;
        let label = input.label.trim();
        if label.is_empty() || label.chars().count() > LABEL_MAX_CHARS {
            return Err(DomainError::invalid(
                "label",
                format!("名称（端末名など）を{LABEL_MAX_CHARS}文字以内で入力してください。"),
            )
            .into());
        }
        let row = match tx
            .insert_institution_certificate(
                &institution.id,
                fingerprint.as_str(),
                label,
                &caller.account.login_id,
            )
            .await
        {
            Err(StoreError::Duplicate) => {
                return Err(DomainError::Conflict(
                    "この証明書は既にこの医療機関に登録されています。".into(),
                )
                .into())
            }
            other => other?,
        };
        audit::record(
            tx,
            caller,
            "register_institution_certificate",
            Some(&institution.code),
            None,
            Some(&format!("{} {label}", fingerprint.colon_separated())),
        )
        .await?;
        Ok((institution, row))
    })
}

/// Every certificate of the institution, the revoked ones too.
pub async fn list_certificates(
    state: &AppState,
    caller: &Caller,
    code: &str,
) -> AppResult<(OrganizationRow, Vec<InstitutionCertificateRow>)> {
    unit_of_work::read!(&state.store, |tx| {
        let institution = institution_in_scope(tx, caller, code).await?;
        let rows = tx.institution_certificates(&institution.id).await?;
        Ok((institution, rows))
    })
}

pub async fn revoke_certificate(
    state: &AppState,
    caller: &Caller,
    code: &str,
    certificate_id: &str,
) -> AppResult<(OrganizationRow, InstitutionCertificateRow)> {
    unit_of_work::change!(&state.store, |tx| {
        let institution = institution_in_scope(tx, caller, code).await?;
        let certificate = tx
            .institution_certificate(&institution.id, certificate_id.trim())
            .await?
            .ok_or_else(DomainError::not_found)?;
        if !tx
            .revoke_institution_certificate(
                &institution.id,
                &certificate.id,
                &caller.account.login_id,
            )
            .await?
        {
            return Err(DomainError::Conflict("この証明書は既に失効しています。".into()).into());
        }
        let fingerprint = CertificateFingerprint::parse(&certificate.fingerprint)?;
        audit::record(
            tx,
            caller,
            "revoke_institution_certificate",
            Some(&institution.code),
            None,
            Some(&format!(
                "{} {}",
                fingerprint.colon_separated(),
                certificate.label
            )),
        )
        .await?;
        let revoked = tx
            .institution_certificate(&institution.id, &certificate.id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        Ok((institution, revoked))
    })
}
