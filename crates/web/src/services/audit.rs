//! Writing the operation log from services.
use super::unit_of_work;
use super::Caller;
use nsdb_store::{NewLogEntry, StoreError, Tx};

pub const OK: &str = "success";
pub const FAILED: &str = "failure";

/// The 自治体 whose log search shows an entry about this account: the 自治体 itself,
/// or the one the account's institution is registered with.
pub fn scope_of_account(row: &nsdb_store::AccountRow) -> Option<&str> {
    if row.organization_kind == nsdb_domain::model::OrganizationKind::Municipality {
        Some(&row.organization_id)
    } else {
        row.organization_municipality_id.as_deref()
    }
}

pub async fn record(
    tx: &mut Tx,
    caller: &Caller,
    action: &str,
    target: Option<&str>,
    scope: Option<&str>,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    tx.append_log(&entry(caller, action, target, scope, detail))
        .await?;
    Ok(())
}

/// A successful operation's entry, for [`Tx::append_logs`] of many at once.
pub fn entry<'a>(
    caller: &'a Caller,
    action: &'a str,
    target: Option<&'a str>,
    scope: Option<&'a str>,
    detail: Option<&'a str>,
) -> NewLogEntry<'a> {
    NewLogEntry {
        actor_login_id: Some(&caller.account.login_id),
        actor_organization_id: Some(&caller.account.organization_id),
        municipality_scope: scope.or(scope_of_account(&caller.account)),
        action,
        target,
        result: OK,
        client_address: caller.client_address.as_deref(),
        detail,
    }
}

/// A refused attempt worth keeping (a wrong access key, a key outside the caller's remit).
pub async fn record_failure(
    tx: &mut Tx,
    caller: &Caller,
    action: &str,
    target: Option<&str>,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    tx.append_log(&NewLogEntry {
        actor_login_id: Some(&caller.account.login_id),
        actor_organization_id: Some(&caller.account.organization_id),
        municipality_scope: scope_of_account(&caller.account),
        action,
        target,
        result: FAILED,
        client_address: caller.client_address.as_deref(),
        detail,
    })
    .await?;
    Ok(())
}

/// Operation-log search within the caller's scope (operator/ministry: all; 自治体: own).
pub async fn search(
    state: &crate::state::AppState,
    caller: &Caller,
    mut query: nsdb_store::LogQuery,
    page: Option<i64>,
    per_page: i64,
) -> crate::error::AppResult<(Vec<nsdb_store::LogEntry>, i64)> {
    query.municipality_scope = match nsdb_domain::policy::operation_log_scope(&caller.principal)? {
        nsdb_domain::policy::LogScope::All => None,
        nsdb_domain::policy::LogScope::Municipality(id) => Some(id),
    };
    let (limit, offset) = super::page_window(page, per_page);
    query.limit = limit;
    query.offset = offset;
    unit_of_work::change!(&state.store, |tx| {
        let result = tx.search_logs(&query).await?;
        record(tx, caller, "search_operation_logs", None, None, None).await?;
        Ok(result)
    })
}
