//! 兼務先: a doctor applies to another registered institution; its 責任者 decides.
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::identifiers::InstitutionCode;
use nsdb_domain::model::ConcurrentState;
use nsdb_domain::policy;
use nsdb_domain::DomainError;
use nsdb_store::ConcurrentRow;

pub async fn apply(
    state: &AppState,
    caller: &Caller,
    institution_code: &str,
) -> AppResult<ConcurrentRow> {
    let code = InstitutionCode::parse(institution_code)?;
    unit_of_work::change!(&state.store, |tx| {
        let institution = tx
            .organization_by_code("institution", code.as_str())
            .await?
            .ok_or_else(|| {
                DomainError::invalid(
                    "institution_code",
                    format!("医療機関コード{code}の医療機関は登録されていません。"),
                )
            })?;
        policy::can_apply_concurrent(&caller.principal, &institution.id)?;
        let existing = tx.concurrent_of_account(&caller.account.id).await?;
        if existing.iter().any(|c| {
            c.institution_id == institution.id
                && matches!(
                    c.state,
                    ConcurrentState::Pending | ConcurrentState::Approved
                )
        }) {
            return Err(DomainError::Conflict(format!(
                "{}への兼務申請は既に申請中または承認済みです。",
                institution.name
            ))
            .into());
        }
        let id = tx
            .insert_concurrent(&caller.account.id, &institution.id)
            .await?;
        audit::record(
            tx,
            caller,
            "apply_concurrent",
            Some(code.as_str()),
            institution.municipality_id.as_deref(),
            None,
        )
        .await?;
        let row = tx
            .concurrent_by_id(&id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        Ok(row)
    })
}

pub async fn decide(
    state: &AppState,
    caller: &Caller,
    id: &str,
    approve: bool,
) -> AppResult<ConcurrentRow> {
    unit_of_work::change!(&state.store, |tx| {
        let row = tx
            .concurrent_by_id(id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        policy::can_decide_concurrent(&caller.principal, &row.institution_id)?;
        let decision = if approve {
            ConcurrentState::Approved
        } else {
            ConcurrentState::Rejected
        };
        if !tx
            .decide_concurrent(id, decision, &caller.account.id)
            .await?
        {
            return Err(
                DomainError::Conflict("この申請は既に承認または却下されています。".into()).into(),
            );
        }
        audit::record(
            tx,
            caller,
            if approve {
                "approve_concurrent"
            } else {
                "reject_concurrent"
            },
            Some(&row.doctor_login_id),
            None,
            Some(&row.institution_code),
        )
        .await?;
        let row = tx
            .concurrent_by_id(id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        Ok(row)
    })
}

pub async fn of_caller(state: &AppState, caller: &Caller) -> AppResult<Vec<ConcurrentRow>> {
    unit_of_work::read!(&state.store, |tx| {
        Ok(tx.concurrent_of_account(&caller.account.id).await?)
    })
}

/// Applications to the caller's institution (責任者 only).
pub async fn to_institution(state: &AppState, caller: &Caller) -> AppResult<Vec<ConcurrentRow>> {
    policy::can_decide_concurrent(&caller.principal, &caller.account.organization_id)?;
    unit_of_work::read!(&state.store, |tx| {
        Ok(tx
            .concurrent_of_institution(&caller.account.organization_id)
            .await?)
    })
}
