//! Stored forms: createForm, updateForm, getForm, searchForms and the life cycle
//! (requestApproval, returnForm, approveForm, withdrawForm), plus the history and access
//! list of a form.
use super::patients::{NewPatient, Patient};
use super::schemas;
use super::{ApiJson, ApiJsonOrEmpty, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::forms::{self as service, FormSearch, NewFormInput};
use crate::services::patients::PatientSearch;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use nsdb_forms::data::FormData;
use nsdb_forms::{Determination, Finding};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Item id → answer as typed: a string (`"37.80"`, `"2024-04-01"`, a code `"1"`), a number,
/// a boolean, a list of codes (multiple choice) or a list of row objects (a group).
type Items = BTreeMap<String, serde_json::Value>;

fn form_data(items: Items) -> AppResult<FormData> {
    serde_json::from_value(serde_json::Value::Object(items.into_iter().collect())).map_err(|e| {
        crate::error::AppError::BadRequest(format!("items の値の形式が正しくありません（{e}）。"))
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Person {
    pub login_id: String,
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Comment {
    /// `request_approval`, `return` or `comment`.
    pub action: String,
    pub author: Person,
    pub at: String,
    pub revision: i64,
    pub body: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemChange {
    pub item: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

impl From<service::ItemChange> for ItemChange {
    fn from(c: service::ItemChange) -> Self {
        Self {
            item: c.item,
            label: c.label,
            before: c.before,
            after: c.after,
        }
    }
}

/// A stored form with its findings and determination. For a confirmed (or later) form
/// they are those frozen at 確定.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Form {
    pub id: String,
    /// Raised by every change; send it back with updateForm and the transitions.
    pub revision: i64,
    /// `draft`, `awaiting_approval`, `returned`, `confirmed`, `received`, `reviewed`.
    pub state: String,
    pub definition_id: String,
    /// Content hash of the definition the form was written (or approved) on.
    pub definition_hash: String,
    /// `nanbyo` or `shoman`.
    pub program: String,
    /// `006` (難病 告示番号) or `09-038` (小慢 table-number).
    pub disease: String,
    pub disease_name: String,
    /// `new`, `renewal`, `continuation`, `transfer_in`.
    pub application: String,
    pub institution_name: String,
    pub patient: Patient,
    #[schema(value_type = BTreeMap<String, schemas::Answer>)]
    pub items: Items,
    pub findings: Vec<Finding>,
    pub determination: Determination,
    /// The doctor asked to approve.
    pub approver: Option<Person>,
    /// Login IDs.
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    /// The name of the account that changed it last.
    pub updated_by_name: String,
    pub updated_at: String,
    pub confirmed_by: Option<String>,
    /// The name of the doctor who approved it (確定).
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<String>,
    /// Issued at 確定, grouped for reading aloud (XXXX-XXXX-XXXX-XXXX-XXXX).
    pub access_key: Option<String>,
    pub rule_version: Option<String>,
    pub comments: Vec<Comment>,
    /// What changed since the caller last opened the form (null: first time).
    pub changes_since_last_seen: Option<Vec<ItemChange>>,
    /// How a reader outside the form's institution sees it: `municipality` (looked up by its
    /// 自治体) or `doctor` (連携); null for the institution's own members.
    pub linked: Option<String>,
    /// 自治体受付, once received.
    pub receipt: Option<Receipt>,
    /// 前回値踏襲: the confirmed form this renewal started from.
    pub renewed_from: Option<String>,
    /// Sections whose carried values the doctor has still to confirm (confirmCarriedSection);
    /// approval waits until none is left.
    pub sections_to_confirm: Vec<SectionRef>,
    /// 前回値踏襲 from an earlier form version: the previous answers that could not move to
    /// this version (the item no longer exists, or its code has no counterpart), to enter again.
    pub not_carried: Vec<NotCarriedItem>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NotCarriedItem {
    /// The item id in the previous version.
    pub item: String,
    pub label: String,
    pub reason: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SectionRef {
    pub id: String,
    pub label: String,
}

/// 自治体受付.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Receipt {
    pub municipality: String,
    /// YYYY-MM-DD.
    pub received_on: String,
    pub received_by: String,
    /// 受給者番号.
    pub recipient_number: String,
    /// 公費負担者番号.
    pub payer_number: String,
}

fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    nsdb_domain::time::format_timestamp(t)
}

impl Form {
    pub(super) fn from_service(f: service::Form) -> AppResult<Self> {
        let (findings, determination) = match &f.confirmed_evaluation {
            Some(frozen) => (
                schemas::frozen(frozen, "findings")?,
                schemas::frozen(frozen, "determination")?,
            ),
            None => (
                f.evaluation.findings.clone(),
                f.evaluation.determination.clone(),
            ),
        };
        let items = match serde_json::to_value(&f.answers) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => Items::new(),
        };
        let row = f.row;
        let confirmed = row.confirmed.as_ref();
        Ok(Self {
            id: row.id.clone(),
            revision: row.revision,
            state: row.state.as_str().into(),
            definition_id: row.definition_id.clone(),
            definition_hash: row.definition_hash.clone(),
            program: row.program.as_str().into(),
            disease: row.disease_number.clone(),
            disease_name: f.definition.disease_name.clone(),
            application: row.application_kind.code().into(),
            institution_name: row.institution_name.clone(),
            patient: f.patient.into(),
            items,
            findings,
            determination,
            approver: row
                .approver
                .clone()
                .map(|(login_id, name)| Person { login_id, name }),
            created_by: row.created_by.clone(),
            created_at: timestamp(row.created_at),
            updated_by: row.updated_by.clone(),
            updated_by_name: row.updated_by_name.clone(),
            updated_at: timestamp(row.updated_at),
            confirmed_by: confirmed.map(|c| c.by.clone()),
            confirmed_by_name: confirmed.map(|c| c.by_name.clone()),
            confirmed_at: confirmed.map(|c| timestamp(c.at)),
            access_key: f.access_key.map(|k| k.grouped()),
            rule_version: confirmed.map(|c| c.rule_version.clone()),
            comments: f
                .comments
                .into_iter()
                .map(|c| Comment {
                    action: c.action,
                    author: Person {
                        login_id: c.author_login_id,
                        name: c.author_name,
                    },
                    at: timestamp(c.at),
                    revision: c.revision,
                    body: c.body,
                })
                .collect(),
            changes_since_last_seen: f
                .changes_since_seen
                .map(|list| list.into_iter().map(Into::into).collect()),
            linked: f.link.map(|kind| kind.as_str().to_owned()),
            renewed_from: row.renewed_from.clone(),
            not_carried: row
                .not_carried
                .iter()
                .map(|n| NotCarriedItem {
                    item: n.item.clone(),
                    label: n.label.clone(),
                    reason: n.reason.clone(),
                })
                .collect(),
            sections_to_confirm: row
                .sections_to_confirm
                .iter()
                .zip(service::section_labels(
                    &f.definition,
                    &row.sections_to_confirm,
                ))
                .map(|(id, label)| SectionRef {
                    id: id.clone(),
                    label,
                })
                .collect(),
            receipt: f.receipt.map(|r| Receipt {
                municipality: r.municipality_name,
                received_on: r.received_on.to_string(),
                received_by: r.received_by,
                recipient_number: r.recipient_number,
                payer_number: r.payer_number,
            }),
        })
    }
}

fn answer(form: service::Form) -> AppResult<Json<Form>> {
    Ok(Json(Form::from_service(form)?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewForm {
    /// A form version in force (listFormDefinitions), e.g. `nanbyo-006-2403`.
    pub definition_id: String,
    /// `new` (default: the version's first kind), `renewal`, `continuation`, `transfer_in`.
    pub application: Option<String>,
    /// An existing patient of the institution …
    pub patient_id: Option<String>,
    /// … or a new one (registered with the caller's institution).
    pub patient: Option<NewPatient>,
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, schemas::Answer>)]
    pub items: Items,
    /// The DB-registration explanation was given to the patient: recorded (who, when) with
    /// the patient's first form. Left out: not recorded.
    pub registration_explained: Option<bool>,
}

/// A new draft. Findings are returned, never refused: a draft may be incomplete.
#[utoipa::path(post, path = "/api/v1/forms", operation_id = "createForm", tag = "forms",
    request_body = NewForm, security(("bearer" = [])),
    responses((status = 201, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewForm>,
) -> AppResult<(StatusCode, Json<Form>)> {
    let form = service::create(
        &state,
        &caller,
        NewFormInput {
            definition_id: input.definition_id,
            application_kind: input.application,
            patient_id: input.patient_id,
            patient: input.patient.map(Into::into),
            items: form_data(input.items)?,
            registration_explained: input.registration_explained,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, answer(form)?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FormUpdate {
    /// The revision the answers were edited from; an older one is 409 `stale_revision`
    /// with what changed since.
    pub revision: i64,
    /// Every answer of the form (what is left out becomes blank).
    #[schema(value_type = BTreeMap<String, schemas::Answer>)]
    pub items: Items,
}

/// Saves a draft (also 承認待ち and 差戻し forms, until 確定).
#[utoipa::path(put, path = "/api/v1/forms/{id}", operation_id = "updateForm", tag = "forms",
    params(("id" = String, Path)), request_body = FormUpdate, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FormUpdate>,
) -> AppResult<Json<Form>> {
    let items = form_data(input.items)?;
    answer(service::update(&state, &caller, &id, input.revision, items).await?)
}

/// One form, with findings and determination. Every call is in the operation log.
#[utoipa::path(get, path = "/api/v1/forms/{id}", operation_id = "getForm", tag = "forms",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 404, body = ErrorBody)))]
pub async fn get_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<Form>> {
    answer(service::get(&state, &caller, &id).await?)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FormQuery {
    /// Patient's カナ (full name or family name).
    kana: Option<String>,
    /// Patient's 氏名 (full name or family name).
    name: Option<String>,
    /// Patient's 生年月日 YYYY-MM-DD.
    birth_date: Option<String>,
    patient_id: Option<String>,
    /// `nanbyo` or `shoman`.
    program: Option<String>,
    /// `006` (難病) or `09-038` (小慢).
    disease: Option<String>,
    /// One state, or several separated by commas.
    state: Option<String>,
    /// `true`: the forms waiting for the caller's approval.
    awaiting_me: Option<bool>,
    /// Last changed on or after this day (YYYY-MM-DD, JST).
    updated_from: Option<String>,
    /// Last changed on or before this day.
    updated_until: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FormSummary {
    pub id: String,
    pub revision: i64,
    pub state: String,
    pub definition_id: String,
    pub program: String,
    pub disease: String,
    pub disease_name: String,
    pub application: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_kana: String,
    pub patient_birth_date: String,
    pub error_count: i64,
    pub warning_count: i64,
    /// 一次判定 of the last save.
    pub outcome: String,
    pub approver: Option<Person>,
    pub updated_by: String,
    pub updated_at: String,
}

impl FormSummary {
    pub(super) fn from_item(item: service::FormListItem) -> Self {
        let row = item.row;
        FormSummary {
            id: row.id,
            revision: row.revision,
            state: row.state.as_str().into(),
            definition_id: row.definition_id,
            program: row.program.as_str().into(),
            disease: row.disease_number,
            disease_name: item.disease_name,
            application: row.application_kind.code().into(),
            patient_id: row.patient.id,
            patient_name: item.patient.full_name(),
            patient_kana: item.patient.full_kana(),
            patient_birth_date: item.patient.birth_date.to_string(),
            error_count: row.error_count,
            warning_count: row.warning_count,
            outcome: row.outcome,
            approver: row
                .approver
                .map(|(login_id, name)| Person { login_id, name }),
            updated_by: row.updated_by,
            updated_at: timestamp(row.updated_at),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FormPage {
    pub forms: Vec<FormSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The caller's forms (own institution, and approved 兼務先 for a doctor), most recently
/// changed first.
#[utoipa::path(get, path = "/api/v1/forms", operation_id = "searchForms", tag = "forms",
    params(FormQuery), security(("bearer" = [])),
    responses((status = 200, body = FormPage), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn search_forms(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<FormQuery>,
) -> AppResult<Json<FormPage>> {
    let per_page = super::per_page(q.per_page);
    let search = FormSearch {
        patient: PatientSearch {
            kana: q.kana,
            name: q.name,
            birth_date: q.birth_date,
        },
        patient_id: q.patient_id,
        program: q.program,
        disease: q.disease,
        states: q
            .state
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        awaiting_me: q.awaiting_me.unwrap_or(false),
        updated_from: q.updated_from,
        updated_until: q.updated_until,
    };
    let (list, total) = service::search(&state, &caller, &search, q.page, per_page).await?;
    Ok(Json(FormPage {
        forms: list.into_iter().map(FormSummary::from_item).collect(),
        total,
        page: q.page.unwrap_or(1).max(1),
        per_page,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApprovalRequest {
    /// The 指定医 asked to approve (of the form's program, in force, at this institution).
    pub doctor_login_id: String,
    pub comment: Option<String>,
    /// The revision the caller saw (optional): an older one is 409.
    pub revision: Option<i64>,
}

/// 承認依頼: to a doctor who may approve the form.
#[utoipa::path(post, path = "/api/v1/forms/{id}/approval-request", operation_id = "requestApproval", tag = "forms",
    params(("id" = String, Path)), request_body = ApprovalRequest, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn request_approval(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ApprovalRequest>,
) -> AppResult<Json<Form>> {
    answer(
        service::request_approval(
            &state,
            &caller,
            &id,
            &input.doctor_login_id,
            input.comment.as_deref(),
            input.revision,
        )
        .await?,
    )
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FormReturn {
    /// Why it goes back (kept in the form's comment thread).
    pub comment: String,
    pub revision: Option<i64>,
}

/// 差戻し: a doctor sends a form waiting for approval back, with a comment.
#[utoipa::path(post, path = "/api/v1/forms/{id}/return", operation_id = "returnForm", tag = "forms",
    params(("id" = String, Path)), request_body = FormReturn, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn return_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FormReturn>,
) -> AppResult<Json<Form>> {
    answer(service::return_form(&state, &caller, &id, &input.comment, input.revision).await?)
}

#[derive(Deserialize, utoipa::ToSchema, Default)]
pub struct Approval {
    /// Codes of the warnings the doctor has read and accepts.
    #[serde(default)]
    pub acknowledged_warnings: Vec<String>,
    pub revision: Option<i64>,
}

/// 承認（確定）: freezes the form and issues its access key. 422 with the findings while
/// errors or unacknowledged warnings remain.
#[utoipa::path(post, path = "/api/v1/forms/{id}/approval", operation_id = "approveForm", tag = "forms",
    params(("id" = String, Path)), request_body = Approval, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn approve_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJsonOrEmpty(input): ApiJsonOrEmpty<Approval>,
) -> AppResult<Json<Form>> {
    answer(
        service::approve(
            &state,
            &caller,
            &id,
            &input.acknowledged_warnings,
            input.revision,
        )
        .await?,
    )
}

#[derive(Deserialize, utoipa::ToSchema, Default)]
pub struct Withdrawal {
    pub revision: Option<i64>,
}

/// 確定取消: back to a draft, until the 自治体 has received the form (then 409).
#[utoipa::path(post, path = "/api/v1/forms/{id}/withdrawal", operation_id = "withdrawForm", tag = "forms",
    params(("id" = String, Path)), request_body = Withdrawal, security(("bearer" = [])),
    responses((status = 200, body = Form), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw_form(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJsonOrEmpty(input): ApiJsonOrEmpty<Withdrawal>,
) -> AppResult<Json<Form>> {
    answer(service::withdraw(&state, &caller, &id, input.revision).await?)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Revision {
    pub revision: i64,
    /// `save`, `request_approval`, `return`, `approve`, `withdraw`.
    pub action: String,
    pub state: String,
    pub actor: Person,
    pub at: String,
    /// Labels of the items this revision changed.
    pub changed: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Access {
    pub at: String,
    pub login_id: String,
    /// The account's name and organization; null when the account no longer exists.
    pub name: Option<String>,
    pub organization_name: Option<String>,
    /// The logged operation (`open_form`, `update_form`, …).
    pub action: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FormHistory {
    pub revisions: Vec<Revision>,
    /// Every logged access to the form, newest first (参照履歴).
    pub accesses: Vec<Access>,
}

/// The revisions of a form and who opened or changed it when.
#[utoipa::path(get, path = "/api/v1/forms/{id}/history", operation_id = "getFormHistory", tag = "forms",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = FormHistory), (status = 404, body = ErrorBody)))]
pub async fn get_form_history(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> AppResult<Json<FormHistory>> {
    let (revisions, accesses) = service::history(&state, &caller, &id).await?;
    Ok(Json(FormHistory {
        revisions: revisions
            .into_iter()
            .map(|r| Revision {
                revision: r.revision,
                action: r.action,
                state: r.state.as_str().into(),
                actor: Person {
                    login_id: r.actor_login_id,
                    name: r.actor_name,
                },
                at: timestamp(r.at),
                changed: r.changed,
            })
            .collect(),
        accesses: accesses
            .into_iter()
            .map(|a| Access {
                at: a.at,
                login_id: a.actor_login_id,
                name: a.actor_name,
                organization_name: a.organization_name,
                action: a.action,
            })
            .collect(),
    }))
}
