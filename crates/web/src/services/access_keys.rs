//! Forms opened by their access key (domain.md Life cycle): the 自治体 looks up the form a
//! patient's application names and receives it (自治体受付); a 指定医 of another institution,
//! after confirming the patient's consent, opens it read-only (連携) to renew from it.
//!
//! A wrong key answers exactly like one whose form was withdrawn: 404. Failures are counted
//! per address and per account (429 past the limit) and every attempt is logged.
use super::forms::{self, Form, ReceiptNumbers};
use super::{audit, sealing, unit_of_work, Caller};
use crate::error::{AppError, AppResult};
use crate::rate_limit::Guarded;
use crate::state::AppState;
use nsdb_domain::form::{AccessKey, FormAction};
use nsdb_domain::identifiers::{MunicipalityCode, PayerNumber, RecipientNumber};
use nsdb_domain::model::OrganizationKind;
use nsdb_domain::{policy, DomainError};
use nsdb_store::{LinkKind, NewLink, NewReceipt, TransitionChange};

/// How many forms the list of forms opened by key shows.
const LINKED_LIST_LENGTH: i64 = 200;

/// What the look-up is asked with.
#[derive(Debug, Clone, Default)]
pub struct LookUp {
    pub access_key: String,
    /// A doctor confirms that the patient consented to 連携 (required for doctors).
    pub patient_consent: bool,
}

/// The one answer to a key that finds nothing, whether mistyped, guessed or withdrawn.
fn no_such_key() -> AppError {
    DomainError::NotFound(
        "このアクセスキーに該当する臨個票・意見書はありません。キーを確認してください。".into(),
    )
    .into()
}

/// Opens the form behind a key and remembers it for the caller (its 自治体, or the doctor).
pub async fn look_up(state: &AppState, caller: &Caller, asked: &LookUp) -> AppResult<Form> {
    policy::can_look_up_access_key(&caller.principal, forms::today())?;
    let address = caller.client_address.as_deref();
    let limits = &state.rate_limits;
    limits.ensure_allowed(Guarded::AccessKeyLookup, address)?;
    limits.ensure_account_allowed(Guarded::AccessKeyLookup, &caller.account.id)?;
    let is_municipality =
        caller.principal.role.organization_kind() == OrganizationKind::Municipality;
    if !is_municipality && !asked.patient_consent {
        return Err(DomainError::invalid(
            "patient_consent",
            "連携で参照するには、患者さんから同意を得たことを確認してください（patient_consent）。",
        )
        .into());
    }
    // A key that cannot be one is a wrong key like any other.
    let key = AccessKey::parse(&asked.access_key).ok();
    let keys = &state.config.data_keys;
    let outcome = unit_of_work::change!(&state.store, |tx| {
        let row = match &key {
            Some(key) => tx.form_by_access_key(&key.lookup_hash()).await?,
            None => None,
        };
        let Some(row) = row else {
            audit::record_failure(tx, caller, "look_up_access_key", None, Some("該当なし")).await?;
            return Ok(Err(no_such_key()));
        };
        let programs = if is_municipality {
            tx.organization_by_id(&caller.account.organization_id)
                .await?
                .map(|o| o.programs)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        if let Err(refusal) =
            policy::can_open_by_access_key(&caller.principal, &programs, row.program)
        {
            audit::record_failure(
                tx,
                caller,
                "look_up_access_key",
                Some(&row.id),
                Some("担当外の制度"),
            )
            .await?;
            return Ok(Err(refusal.into()));
        }
        let kind = if is_municipality {
            LinkKind::Municipality
        } else {
            LinkKind::Doctor
        };
        tx.record_form_link(&NewLink {
            form_id: &row.id,
            account_id: &caller.account.id,
            organization_id: &caller.account.organization_id,
            kind,
            consent_recorded: kind == LinkKind::Doctor,
        })
        .await?;
        let detail = match kind {
            LinkKind::Municipality => "自治体による参照",
            LinkKind::Doctor => "連携（患者の同意を確認）",
        };
        audit::record(
            tx,
            caller,
            "look_up_access_key",
            Some(&row.id),
            forms::log_scope(caller),
            Some(detail),
        )
        .await?;
        let (def, answers) = forms::open_answers(keys, &row)?;
        let mut form = forms::assemble(tx, keys, row, def, answers, None, None).await?;
        form.link = Some(kind);
        Ok(Ok(form))
    })?;
    if let Err(AppError::Domain(DomainError::NotFound(_))) = &outcome {
        limits.count_failure(Guarded::AccessKeyLookup, address);
        limits.count_account_failure(Guarded::AccessKeyLookup, &caller.account.id);
    }
    outcome
}

/// The forms the caller opened by key: a 自治体's (all its staff's look-ups) or a doctor's
/// own 連携, most recent first. Nothing personal is opened but the patient's name, so the
/// list is logged like a search.
pub async fn linked(state: &AppState, caller: &Caller) -> AppResult<Vec<forms::FormListItem>> {
    policy::can_look_up_access_key(&caller.principal, forms::today())?;
    let kind = if caller.principal.role.organization_kind() == OrganizationKind::Municipality {
        LinkKind::Municipality
    } else {
        LinkKind::Doctor
    };
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let rows = tx
            .linked_forms(
                kind,
                &caller.account.id,
                &caller.account.organization_id,
                LINKED_LIST_LENGTH,
            )
            .await?;
        let items = rows
            .into_iter()
            .map(|row| forms::list_item(keys, row))
            .collect::<AppResult<Vec<_>>>()?;
        let detail = format!("{}件表示", items.len());
        audit::record(
            tx,
            caller,
            "list_linked_forms",
            None,
            forms::log_scope(caller),
            Some(&detail),
        )
        .await?;
        Ok(items)
    })
}

/// 自治体受付 as typed.
#[derive(Debug, Clone, Default)]
pub struct ReceiptInput {
    pub received_on: String,
    pub recipient_number: String,
    pub payer_number: String,
}

/// 自治体受付 of a confirmed form the caller's 自治体 opened by its key: from now on the
/// institution cannot withdraw it.
pub async fn receive(
    state: &AppState,
    caller: &Caller,
    id: &str,
    input: &ReceiptInput,
) -> AppResult<Form> {
    policy::can_receive_form(&caller.principal)?;
    let today = forms::today();
    let received_on = nsdb_domain::time::parse_date("received_on", &input.received_on)?;
    if received_on > today {
        return Err(DomainError::invalid(
            "received_on",
            format!("受付日（{received_on}）が未来の日付です。"),
        )
        .into());
    }
    let recipient = RecipientNumber::parse(&input.recipient_number).map_err(DomainError::from)?;
    let payer = PayerNumber::parse(&input.payer_number).map_err(DomainError::from)?;
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let row = tx
            .form_by_id(id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        let link = tx
            .form_link_of(id, &caller.account.id, &caller.account.organization_id)
            .await?;
        if link != Some(LinkKind::Municipality) {
            return Err(DomainError::not_found().into());
        }
        let municipality = tx
            .organization_by_id(&caller.account.organization_id)
            .await?
            .ok_or_else(|| AppError::Internal("the caller's 自治体 is missing".into()))?;
        let code = MunicipalityCode::parse(&municipality.code).map_err(DomainError::from)?;
        policy::check_payer_number(&payer, row.program, &code)?;
        if let Some(confirmed) = &row.confirmed {
            let confirmed_on = nsdb_domain::time::today_in_japan(confirmed.at);
            if received_on < confirmed_on {
                return Err(DomainError::invalid(
                    "received_on",
                    format!("受付日（{received_on}）が確定日（{confirmed_on}）より前です。"),
                )
                .into());
            }
        }
        let (def, answers) = forms::open_answers(keys, &row)?;
        forms::transition(
            tx,
            keys,
            caller,
            &row,
            &def,
            &answers,
            FormAction::Receive,
            TransitionChange::Receive(&municipality.id),
        )
        .await?;
        let sealed = sealing::seal_json(
            keys,
            &ReceiptNumbers {
                recipient_number: recipient.to_string(),
                payer_number: payer.to_string(),
            },
            &sealing::receipt(id),
        );
        tx.insert_form_receipt(&NewReceipt {
            form_id: id,
            municipality_id: &municipality.id,
            received_on,
            received_by: &caller.account.id,
            sealed: &sealed,
        })
        .await?;
        let row = tx
            .form_by_id(id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("form {id} vanished while received")))?;
        let mut form = forms::assemble(tx, keys, row, def, answers, None, None).await?;
        form.link = link;
        Ok(form)
    })
}
