//! 前回値踏襲 (domain.md Forms; issue 10): a renewal starts from the patient's confirmed form
//! of the same disease — the institution's own, or one a doctor opened by its access key
//! (連携) — on the version in force. Items carry over by each item's policy in the
//! definition; the doctor confirms the sections holding carry-but-confirm items one section
//! at a time, and approval waits for all of them. Every start is logged with its source.
use super::forms::{self, Form, Renewal};
use super::patients::{self, Patient};
use super::{audit, unit_of_work, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::data_keys::DataKeys;
use nsdb_domain::form::FormAction;
use nsdb_domain::patient::PatientDetails;
use nsdb_domain::{policy, DomainError};
use nsdb_store::{FormRow, LinkKind, Tx};

/// Starts a renewal draft from a confirmed form the caller may renew from.
pub async fn start(state: &AppState, caller: &Caller, source_id: &str) -> AppResult<Form> {
    policy::can_write_forms(&caller.principal)?;
    let keys = &state.config.data_keys;
    let today = forms::today();
    let id = unit_of_work::change!(&state.store, |tx| {
        let source = tx
            .form_by_id(source_id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        let own = patients::is_in_scope(tx, caller, &source.institution_id).await?;
        if !own
            && tx
                .form_link_of(
                    source_id,
                    &caller.account.id,
                    &caller.account.organization_id,
                )
                .await?
                != Some(LinkKind::Doctor)
        {
            return Err(DomainError::not_found().into());
        }
        if source.confirmed.is_none() {
            return Err(DomainError::Conflict(
                "前回値踏襲は確定した臨個票・意見書から始めます。この臨個票・意見書はまだ確定していません。"
                    .into(),
            )
            .into());
        }
        let (source_def, previous) = forms::open_answers(keys, &source)?;
        let def = nsdb_forms::catalog()
            .current_version_of(&source_def, today)
            .ok_or_else(|| {
                DomainError::invalid(
                    "source_form_id",
                    format!(
                        "{}の様式で現在登録できる版がありません。",
                        source_def.disease_name
                    ),
                )
            })?;
        let kind = def.renewal_kind().ok_or_else(|| {
            DomainError::invalid(
                "source_form_id",
                format!("様式{}には更新・継続の申請区分がありません。", def.id),
            )
        })?;
        policy::can_write_form(&caller.principal, def.program, kind)?;
        let carried = nsdb_forms::carry_over(&def, &source_def, &previous);
        let sections_to_confirm = carried.sections_to_confirm(&def);
        let patient = if own {
            patients::in_scope(tx, keys, caller, &source.patient.id).await?
        } else {
            patient_here(tx, keys, caller, &source).await?
        };
        let id = forms::insert_draft(
            tx,
            keys,
            caller,
            &def,
            kind,
            &patient,
            carried.data,
            Renewal::From {
                source_id,
                sections_to_confirm: &sections_to_confirm,
                not_carried: &carried.not_carried,
            },
        )
        .await?;
        let detail = format!(
            "前回値踏襲: 元 {source_id}（{} → {}）",
            source_def.id, def.id
        );
        audit::record(
            tx,
            caller,
            "start_renewal",
            Some(&id),
            forms::log_scope(caller),
            Some(&detail),
        )
        .await?;
        Ok(id)
    })?;
    forms::read_back(state, caller, &id).await
}

/// The patient of another institution's form, at the caller's institution: the one
/// registered there with the same kana and birth date, else registered now.
async fn patient_here(
    tx: &mut Tx,
    keys: &DataKeys,
    caller: &Caller,
    source: &FormRow,
) -> AppResult<Patient> {
    let details: PatientDetails = super::sealing::open_json(
        keys,
        &source.patient.sealed,
        &super::sealing::patient(&source.patient.id),
    )?;
    patients::matched_or_registered(tx, keys, caller, &details).await
}

/// The doctor (or clerk) confirms the carried values of one section of a renewal draft.
pub async fn confirm_section(
    state: &AppState,
    caller: &Caller,
    id: &str,
    section_id: &str,
    revision: Option<i64>,
) -> AppResult<Form> {
    let keys = &state.config.data_keys;
    unit_of_work::change!(&state.store, |tx| {
        let (row, def, answers) = forms::load(tx, keys, caller, id).await?;
        policy::can_write_form(&caller.principal, row.program, row.application_kind)?;
        row.state.after(FormAction::ConfirmCarried)?;
        forms::check_revision(&row, revision)?;
        if !row.sections_to_confirm.iter().any(|s| s == section_id) {
            return Err(DomainError::invalid(
                "section_id",
                format!("項目グループ「{section_id}」に確認待ちの前回値はありません。"),
            )
            .into());
        }
        let remaining: Vec<String> = row
            .sections_to_confirm
            .iter()
            .filter(|s| *s != section_id)
            .cloned()
            .collect();
        let Some(new_revision) = tx
            .confirm_form_sections(id, row.revision, &remaining, &caller.account.id)
            .await?
        else {
            return Err(forms::stale(&row, Vec::new()));
        };
        forms::record_revision(
            tx,
            keys,
            &def,
            id,
            new_revision,
            FormAction::ConfirmCarried,
            row.state,
            caller,
            &[],
            &answers,
        )
        .await?;
        let label = forms::section_labels(&def, &[section_id.to_owned()]).join("");
        audit::record(
            tx,
            caller,
            "confirm_carried_section",
            Some(id),
            forms::log_scope(caller),
            Some(&label),
        )
        .await?;
        Ok(())
    })?;
    forms::read_back(state, caller, id).await
}
