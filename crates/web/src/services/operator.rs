//! What only the operator (and, for the 自治体 list, the ministry) sees.
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::model::{OrganizationKind, Role};
use nsdb_domain::DomainError;
use nsdb_store::{MailRow, OrganizationRow};

pub async fn list_municipalities(
    state: &AppState,
    caller: &Caller,
) -> AppResult<Vec<OrganizationRow>> {
    if !matches!(
        caller.principal.role.organization_kind(),
        OrganizationKind::Operator | OrganizationKind::Ministry
    ) {
        return Err(DomainError::forbidden("自治体一覧").into());
    }
    let mut tx = state.store.begin().await?;
    Ok(tx.organizations_of_kind("municipality").await?)
}

/// Mail kept in the outbox; reading it is logged, since reset links are in it.
pub async fn outbox(state: &AppState, caller: &Caller) -> AppResult<Vec<MailRow>> {
    if !matches!(
        caller.principal.role,
        Role::OperatorAdmin | Role::OperatorUser
    ) {
        return Err(DomainError::forbidden("送信メールの参照").into());
    }
    let mut tx = state.store.begin().await?;
    let mails = tx.recent_mails(100).await?;
    audit::record(
        &mut tx,
        caller,
        "read_outbox",
        None,
        None,
        Some(&format!("{}通", mails.len())),
    )
    .await?;
    tx.commit().await?;
    Ok(mails)
}
