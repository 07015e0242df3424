//! What only the operator (and, for the 自治体 list, the ministry) sees.
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::policy;
use nsdb_store::{MailRow, OrganizationRow};

pub async fn list_municipalities(
    state: &AppState,
    caller: &Caller,
) -> AppResult<Vec<OrganizationRow>> {
    policy::can_list_municipalities(&caller.principal)?;
    unit_of_work::read!(&state.store, |tx| {
        Ok(tx.organizations_of_kind("municipality").await?)
    })
}

/// Mail kept in the outbox; reading it is logged, since reset links are in it.
pub async fn outbox(state: &AppState, caller: &Caller) -> AppResult<Vec<MailRow>> {
    policy::can_read_outbox(&caller.principal)?;
    unit_of_work::change!(&state.store, |tx| {
        let mails = tx.recent_mails(100).await?;
        audit::record(
            tx,
            caller,
            "read_outbox",
            None,
            None,
            Some(&format!("{}通", mails.len())),
        )
        .await?;
        Ok(mails)
    })
}
