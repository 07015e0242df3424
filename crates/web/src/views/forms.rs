//! Patients and stored forms on screen: 患者一覧・患者登録, 臨個票・意見書 検索, the form
//! itself (the entry screen with saving and autosave while it can change; the approved
//! content with its access key afterwards), the life-cycle actions, and the form's
//! history with every access. Handlers call services only.
use super::form_entry::{self, EntryPage, StoredForm};
use super::{
    error_page, render, render_with_status, require_csrf, see_other_with_flash, BoundedForm,
    PageContext, WebCaller,
};
use crate::error::AppError;
use crate::services::forms::{self, Form, FormSearch, LinkKind, NewFormInput};
use crate::services::patients::{self, Patient, PatientSearch};
use crate::services::Caller;
use crate::services::{access_keys, renewals};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use nsdb_domain::form::FormState;
use nsdb_domain::patient::PatientInput;
use nsdb_forms::presentation::present;
use nsdb_forms::FindingSeverity;
use serde::Deserialize;

const PER_PAGE: i64 = 50;

fn posted<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn all_posted(fields: &[(String, String)], name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(n, v)| n == name && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

pub(super) fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    // Shown in Japan time, to the minute.
    (t + chrono::Duration::hours(9))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

// ---------------------------------------------------------------- patients

#[derive(Deserialize, Default)]
pub struct PatientQuery {
    #[serde(default)]
    kana: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    birth_date: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "patients.html")]
struct PatientsPage {
    ctx: PageContext,
    kana: String,
    name: String,
    birth_date: String,
    searched: bool,
    patients: Vec<Patient>,
    total: i64,
    new_patient: PatientInput,
}

pub async fn patients_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<PatientQuery>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/patients");
    patients_view(
        &state,
        &caller,
        ctx,
        &q,
        PatientInput::default(),
        StatusCode::OK,
    )
    .await
}

async fn patients_view(
    state: &AppState,
    caller: &Caller,
    ctx: PageContext,
    q: &PatientQuery,
    new_patient: PatientInput,
    status: StatusCode,
) -> Response {
    let search = PatientSearch {
        kana: q.kana.clone(),
        name: q.name.clone(),
        birth_date: q.birth_date.clone(),
    };
    let searched = [&q.kana, &q.name, &q.birth_date]
        .iter()
        .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()));
    let (list, total) = if searched {
        match patients::search(state, caller, &search, q.page, PER_PAGE).await {
            Ok(found) => found,
            Err(e) => return error_page(&ctx, &e),
        }
    } else {
        // Without a criterion nothing personal is shown (or logged): the page asks first.
        if let Err(e) = nsdb_domain::policy::can_write_forms(&caller.principal) {
            return error_page(&ctx, &e.into());
        }
        (Vec::new(), 0)
    };
    render_with_status(
        status,
        &PatientsPage {
            ctx,
            kana: q.kana.clone().unwrap_or_default(),
            name: q.name.clone().unwrap_or_default(),
            birth_date: q.birth_date.clone().unwrap_or_default(),
            searched,
            patients: list,
            total,
            new_patient,
        },
    )
}

#[derive(Deserialize)]
pub struct PatientForm {
    csrf_token: String,
    #[serde(flatten)]
    patient: PatientFields,
}

#[derive(Deserialize, Default)]
struct PatientFields {
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name_kana: String,
    #[serde(default)]
    given_name_kana: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    address: String,
}

pub async fn patient_create(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(form): BoundedForm<PatientForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &form.csrf_token) {
        return r;
    }
    let p = form.patient;
    let input = PatientInput {
        family_name: p.family_name,
        given_name: p.given_name,
        family_name_kana: p.family_name_kana,
        given_name_kana: p.given_name_kana,
        birth_date: p.birth_date,
        sex: p.sex,
        postal_code: p.postal_code,
        address: p.address,
    };
    match patients::create(&state, &caller, &input).await {
        Ok(patient) => {
            see_other_with_flash(&format!("/patients/{}", patient.id), "patient_created")
        }
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/patients").with_error(&e);
            patients_view(
                &state,
                &caller,
                ctx,
                &PatientQuery::default(),
                input,
                e.status(),
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "patient.html")]
struct PatientPage {
    ctx: PageContext,
    patient: Patient,
    forms: Vec<forms::FormListItem>,
    definitions: Vec<nsdb_forms::FormSummary>,
}

pub async fn patient_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
    Query(flash): Query<super::Flash>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/patients");
    let ctx = match flash.message() {
        Some(m) => ctx.with_flash(m),
        None => ctx,
    };
    let patient = match patients::get(&state, &caller, &id).await {
        Ok(p) => p,
        Err(e) => return error_page(&ctx, &e),
    };
    let search = FormSearch {
        patient_id: Some(id.clone()),
        ..Default::default()
    };
    let forms = match forms::search(&state, &caller, &search, None, 200).await {
        Ok((list, _)) => list,
        Err(e) => return error_page(&ctx, &e),
    };
    let definitions = crate::services::form_entry::definitions(&caller).unwrap_or_default();
    render(&PatientPage {
        ctx,
        patient,
        forms,
        definitions,
    })
}

// ---------------------------------------------------------------- form search

#[derive(Deserialize, Default)]
pub struct FormQuery {
    #[serde(default)]
    kana: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    birth_date: Option<String>,
    #[serde(default)]
    disease: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    mine: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "forms.html")]
struct FormsPage {
    ctx: PageContext,
    q_kana: String,
    q_name: String,
    q_birth_date: String,
    q_disease: String,
    q_state: String,
    awaiting_me: bool,
    states: Vec<(&'static str, &'static str)>,
    forms: Vec<forms::FormListItem>,
    total: i64,
}

pub async fn forms_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<FormQuery>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/forms");
    let awaiting_me = q.mine.as_deref() == Some("approval");
    let search = FormSearch {
        patient: PatientSearch {
            kana: q.kana.clone(),
            name: q.name.clone(),
            birth_date: q.birth_date.clone(),
        },
        disease: q.disease.clone(),
        states: q
            .state
            .clone()
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect(),
        awaiting_me,
        ..Default::default()
    };
    let (list, total) = match forms::search(&state, &caller, &search, q.page, PER_PAGE).await {
        Ok(found) => found,
        Err(e) => return error_page(&ctx, &e),
    };
    render(&FormsPage {
        ctx,
        q_kana: q.kana.unwrap_or_default(),
        q_name: q.name.unwrap_or_default(),
        q_birth_date: q.birth_date.unwrap_or_default(),
        q_disease: q.disease.unwrap_or_default(),
        q_state: q.state.unwrap_or_default(),
        awaiting_me,
        states: FormState::ALL
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        forms: list,
        total,
    })
}

// ---------------------------------------------------------------- one form

/// The screen of a stored form: the entry screen while it can change, the approved content
/// (with its key) afterwards.
async fn form_screen(
    state: &AppState,
    caller: &Caller,
    form: Form,
    ctx: PageContext,
    typed: Option<&[(String, String)]>,
    status: StatusCode,
) -> Response {
    let approvers = if form.row.state.is_editable() {
        forms::approvers(state, caller, &form.row)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    // What the user typed wins over what is stored when a save was refused.
    let typed_answers = typed.filter(|_| form.row.state.is_editable());
    let (answers, evaluation) = match typed_answers {
        Some(fields) => {
            let data = crate::services::form_entry::answers_from_fields(&form.definition, fields);
            let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
            let evaluation =
                nsdb_forms::evaluate(&form.definition, &data, form.row.application_kind, today);
            (data, evaluation)
        }
        None => match form.shown_evaluation() {
            Ok(evaluation) => (form.answers.clone(), evaluation),
            Err(e) => return error_page(&ctx, &e),
        },
    };
    let presentation = present(
        &form.definition,
        &answers,
        form.row.application_kind,
        &evaluation,
    );
    let warnings: Vec<(String, String)> = evaluation
        .findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Warning)
        .map(|f| (f.code.clone(), format!("{}: {}", f.item_label, f.message)))
        .collect();
    let stored = StoredForm {
        id: form.row.id.clone(),
        revision: form.row.revision,
        state: form.row.state,
        patient_name: form.patient.details.full_name(),
        patient_id: form.patient.id.clone(),
        editable: form.row.state.is_editable() && form.link.is_none(),
        can_approve: form.link.is_none()
            && nsdb_domain::policy::can_approve_form(
                &caller.principal,
                form.row.program,
                form.row.application_kind,
                nsdb_domain::time::today_in_japan(chrono::Utc::now()),
            )
            .is_ok(),
        approver: form.row.approver.clone().map(|(_, name)| name),
        approvers,
        warnings,
        access_key: form.access_key.as_ref().map(|k| k.grouped()),
        confirmed: form
            .row
            .confirmed
            .as_ref()
            .map(|c| (format!("{}（{}）", c.by_name, c.by), timestamp(c.at))),
        comments: form
            .comments
            .iter()
            .map(|c| {
                (
                    format!("{}（{}）", c.author_name, timestamp(c.at)),
                    comment_label(&c.action).to_owned(),
                    c.body.clone(),
                )
            })
            .collect(),
        changes: form.changes_since_seen.clone(),
        updated: format!(
            "{} {}（{}）",
            timestamp(form.row.updated_at),
            form.row.updated_by_name,
            form.row.updated_by
        ),
        linked: form.link.is_some(),
        can_renew: form.row.confirmed.is_some()
            && matches!(form.link, None | Some(LinkKind::Doctor))
            && nsdb_domain::policy::can_write_forms(&caller.principal).is_ok(),
        renewed_from: form.row.renewed_from.clone(),
        sections_to_confirm: form.row.sections_to_confirm.clone(),
        not_carried: form.row.not_carried.clone(),
        can_receive: form.link == Some(LinkKind::Municipality)
            && form.row.state == FormState::Confirmed,
        receipt_input: (
            typed
                .and_then(|f| posted(f, "received_on"))
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    nsdb_domain::time::today_in_japan(chrono::Utc::now()).to_string()
                }),
            typed
                .and_then(|f| posted(f, "recipient_number"))
                .unwrap_or("")
                .to_owned(),
            typed
                .and_then(|f| posted(f, "payer_number"))
                .unwrap_or("")
                .to_owned(),
        ),
        receipt: form.receipt.as_ref().map(|r| {
            (
                r.municipality_name.clone(),
                r.received_on.to_string(),
                r.recipient_number.clone(),
                r.payer_number.clone(),
            )
        }),
    };
    let kinds = vec![(
        form.row.application_kind.code().to_owned(),
        form.row.application_kind.label().to_owned(),
        true,
    )];
    let page: EntryPage = form_entry::page(ctx, &presentation, kinds, Some(stored), None);
    render_with_status(status, &page)
}

fn comment_label(action: &str) -> &'static str {
    match action {
        "request_approval" => "承認依頼",
        "return" => "差戻し",
        _ => "コメント",
    }
}

pub async fn form_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
    Query(flash): Query<super::Flash>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/forms");
    let ctx = match flash.message() {
        Some(m) => ctx.with_flash(m),
        None => ctx,
    };
    match forms::get(&state, &caller, &id).await {
        Ok(form) => form_screen(&state, &caller, form, ctx, None, StatusCode::OK).await,
        Err(e) => error_page(&ctx, &e),
    }
}

/// The revision the screen was opened at.
fn screen_revision(fields: &[(String, String)]) -> Result<i64, AppError> {
    posted(fields, "revision")
        .and_then(|r| r.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest(
                "画面の版（revision）がありません。画面を開き直してください。".into(),
            )
        })
}

/// Saves what the screen holds, if anything changed.
async fn save_screen(
    state: &AppState,
    caller: &Caller,
    id: &str,
    fields: &[(String, String)],
) -> Result<Form, AppError> {
    let revision = screen_revision(fields)?;
    let definition = forms::definition_of_form(state, caller, id).await?;
    let items = crate::services::form_entry::answers_from_fields(&definition, fields);
    forms::update(state, caller, id, revision, items).await
}

/// A refused save or action: the screen again with what the user typed and the reason
/// (for a stale revision, what changed meanwhile).
async fn refused(
    state: &AppState,
    caller: &Caller,
    id: &str,
    fields: &[(String, String)],
    e: AppError,
) -> Response {
    let ctx = PageContext::for_caller(caller, "/forms").with_error(&e);
    match forms::get(state, caller, id).await {
        Ok(form) => form_screen(state, caller, form, ctx, Some(fields), e.status()).await,
        Err(_) => error_page(&ctx, &e),
    }
}

/// POST: save (保存), or one of the life-cycle actions with what the screen holds saved
/// first — nothing typed is lost by pressing 承認依頼 or 承認.
pub async fn form_submit(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path((id, action)): Path<(String, String)>,
    BoundedForm(fields): BoundedForm<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = require_csrf(&caller, posted(&fields, "csrf_token").unwrap_or("")) {
        return r;
    }
    let editable_action = matches!(
        action.as_str(),
        "save" | "request-approval" | "approve" | "return" | "confirm-section"
    );
    if action == "renew" {
        return match renewals::start(&state, &caller, &id).await {
            Ok(renewal) => {
                see_other_with_flash(&format!("/forms/{}", renewal.row.id), "renewal_started")
            }
            Err(e) => refused(&state, &caller, &id, &fields, e).await,
        };
    }
    let saved = if editable_action && posted(&fields, "revision").is_some() {
        match save_screen(&state, &caller, &id, &fields).await {
            Ok(form) => Some(form),
            Err(e) => return refused(&state, &caller, &id, &fields, e).await,
        }
    } else {
        None
    };
    let revision = saved.as_ref().map(|f| f.row.revision);
    let outcome = match action.as_str() {
        "save" => Ok("form_saved"),
        "request-approval" => forms::request_approval(
            &state,
            &caller,
            &id,
            posted(&fields, "approval_doctor").unwrap_or(""),
            posted(&fields, "comment"),
            revision,
        )
        .await
        .map(|_| "approval_requested"),
        "return" => forms::return_form(
            &state,
            &caller,
            &id,
            posted(&fields, "comment").unwrap_or(""),
            revision,
        )
        .await
        .map(|_| "form_returned"),
        "approve" => forms::approve(
            &state,
            &caller,
            &id,
            &all_posted(&fields, "acknowledged"),
            revision,
        )
        .await
        .map(|_| "form_approved"),
        "withdraw" => forms::withdraw(&state, &caller, &id, None)
            .await
            .map(|_| "form_withdrawn"),
        "confirm-section" => renewals::confirm_section(
            &state,
            &caller,
            &id,
            posted(&fields, "section").unwrap_or(""),
            revision,
        )
        .await
        .map(|_| "section_confirmed"),
        "receive" => access_keys::receive(
            &state,
            &caller,
            &id,
            &access_keys::ReceiptInput {
                received_on: posted(&fields, "received_on").unwrap_or("").to_owned(),
                recipient_number: posted(&fields, "recipient_number").unwrap_or("").to_owned(),
                payer_number: posted(&fields, "payer_number").unwrap_or("").to_owned(),
            },
        )
        .await
        .map(|_| "form_received"),
        _ => Err(nsdb_domain::DomainError::not_found().into()),
    };
    match outcome {
        Ok(done) => see_other_with_flash(&format!("/forms/{id}"), done),
        Err(e) => refused(&state, &caller, &id, &fields, e).await,
    }
}

#[derive(Template)]
#[template(path = "form_autosave.html")]
struct AutosaveStatus {
    message: String,
    /// The draft's revision and, when this autosave created it, its id: swapped into the
    /// form out of band so the next save names them.
    revision: Option<i64>,
    created: Option<String>,
    error: bool,
}

impl AutosaveStatus {
    fn saved(form: &Form, created: bool) -> Self {
        AutosaveStatus {
            message: format!(
                "{} 自動保存しました（版{}）",
                timestamp(chrono::Utc::now()),
                form.row.revision
            ),
            revision: Some(form.row.revision),
            created: created.then(|| form.row.id.clone()),
            error: false,
        }
    }

    fn not_saved(message: String, error: bool) -> Self {
        AutosaveStatus {
            message: format!("{} {message}", timestamp(chrono::Utc::now())),
            revision: None,
            created: None,
            error,
        }
    }
}

fn autosaved(outcome: Result<Form, AppError>) -> Response {
    render(&match outcome {
        Ok(form) => AutosaveStatus::saved(&form, false),
        Err(e) => {
            AutosaveStatus::not_saved(format!("自動保存できませんでした: {}", e.message()), true)
        }
    })
}

/// htmx, every 30 s of editing and on leaving a section: saves the draft if it changed.
/// Answers a status line and the new revision (swapped into the form out of band).
pub async fn form_autosave(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
    BoundedForm(fields): BoundedForm<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = require_csrf(&caller, posted(&fields, "csrf_token").unwrap_or("")) {
        return r;
    }
    autosaved(save_screen(&state, &caller, &id, &fields).await)
}

/// htmx on the screen of a new form, as on a stored one. The first autosave stores the
/// draft as 保存 would — once something has been typed and the patient (chosen, or valid
/// 基本情報) and, for the patient's first form, the registration explanation are given;
/// until then it says what it waits for. The page then holds the draft's id, so later
/// saves act on it, and its address becomes the draft's, so a reload opens the draft.
pub async fn entry_autosave(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(fields): BoundedForm<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = require_csrf(&caller, posted(&fields, "csrf_token").unwrap_or("")) {
        return r;
    }
    if let Some(id) = posted(&fields, "form_id") {
        return autosaved(save_screen(&state, &caller, id, &fields).await);
    }
    let Some(input) = new_form_input(&fields) else {
        return render(&AutosaveStatus::not_saved(
            "様式がありません。".into(),
            true,
        ));
    };
    if input.items.items.is_empty() {
        return render(&AutosaveStatus::not_saved(
            "まだ入力がないため、保存していません。".into(),
            false,
        ));
    }
    match forms::create(&state, &caller, input).await {
        Ok(form) => {
            let mut response = render(&AutosaveStatus::saved(&form, true));
            if let Ok(address) = format!("/forms/{}", form.row.id).parse() {
                response.headers_mut().insert("HX-Replace-Url", address);
            }
            response
        }
        // What the first save still needs (the explanation, the patient's 基本情報) is
        // not an error of the user's: the same message waits next to 保存.
        Err(e) => render(&AutosaveStatus::not_saved(
            format!("まだ自動保存していません: {}", e.message()),
            e.status() != StatusCode::UNPROCESSABLE_ENTITY,
        )),
    }
}

// ---------------------------------------------------------------- new form

/// POST /forms/entry with `action=save`: the first save of a new form. The patient is the
/// one chosen (`patient`), or a new one made from the 基本情報 typed on the screen.
pub async fn create_from_screen(
    state: &AppState,
    caller: &Caller,
    fields: &[(String, String)],
) -> Response {
    let definition = posted(fields, "definition").unwrap_or("").to_owned();
    let Some(input) = new_form_input(fields) else {
        let ctx = PageContext::for_caller(caller, "/forms/entry");
        return error_page(
            &ctx,
            &nsdb_domain::DomainError::NotFound("様式がありません。".into()).into(),
        );
    };
    match forms::create(state, caller, input).await {
        Ok(form) => see_other_with_flash(&format!("/forms/{}", form.row.id), "form_created"),
        Err(e) => {
            let ctx = PageContext::for_caller(caller, "/forms/entry").with_error(&e);
            form_entry::show_new(caller, ctx, &definition, fields, e.status())
        }
    }
}

/// POST /forms/entry with `action=save` after autosave stored the draft: saves it.
pub async fn save_from_screen(
    state: &AppState,
    caller: &Caller,
    id: &str,
    fields: &[(String, String)],
) -> Response {
    match save_screen(state, caller, id, fields).await {
        Ok(form) => see_other_with_flash(&format!("/forms/{}", form.row.id), "form_saved"),
        Err(e) => refused(state, caller, id, fields, e).await,
    }
}

/// What the screen of a new form holds, as the service takes it (None: no such version).
fn new_form_input(fields: &[(String, String)]) -> Option<NewFormInput> {
    let definition = posted(fields, "definition").unwrap_or("");
    let def = nsdb_forms::catalog().get(definition)?;
    let patient_id = posted(fields, "patient").map(str::to_owned);
    let patient = match patient_id {
        Some(_) => None,
        None => Some(patient_input_from(fields)),
    };
    Some(NewFormInput {
        definition_id: definition.to_owned(),
        application_kind: posted(fields, "kind").map(str::to_owned),
        patient_id,
        patient,
        items: crate::services::form_entry::answers_from_fields(&def, fields),
        registration_explained: Some(posted(fields, "registration_explained") == Some("yes")),
    })
}

fn patient_input_from(fields: &[(String, String)]) -> PatientInput {
    let value = |name: &str| posted(fields, name).unwrap_or("").to_owned();
    PatientInput {
        family_name: value("family_name"),
        given_name: value("given_name"),
        family_name_kana: value("family_name_kana"),
        given_name_kana: value("given_name_kana"),
        birth_date: value("birth_date"),
        sex: value("sex"),
        postal_code: value("postal_code"),
        address: value("address"),
    }
}

// ---------------------------------------------------------------- history

/// Changed items listed open in the history; a longer list (the first save) is folded.
const CHANGES_SHOWN_OPEN: usize = 8;

#[derive(Template)]
#[template(path = "form_history.html")]
struct HistoryPage {
    ctx: PageContext,
    id: String,
    revisions: Vec<forms::HistoryEntry>,
    accesses: Vec<forms::Access>,
}

impl HistoryPage {
    fn at(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        timestamp(*t)
    }
    /// A log entry's time, kept as the text its chain hash covers, shown in Japan time.
    fn logged_at(&self, text: &str) -> String {
        nsdb_domain::time::parse_timestamp(text)
            .map(timestamp)
            .unwrap_or_else(|| text.to_owned())
    }
    /// A revision's action, or an operation-log entry's (as on the log screen).
    fn action_label(&self, action: &str) -> &'static str {
        match action {
            "save" => "保存",
            "return" => "差戻し",
            "approve" => "承認（確定）",
            "withdraw" => "確定取消",
            "receive" => "自治体受付",
            "confirm_carried" => "前回値の確認",
            _ => super::logs::action_label(action),
        }
    }
}

pub async fn history_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(id): Path<String>,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/forms");
    match forms::history(&state, &caller, &id).await {
        Ok((revisions, accesses)) => render(&HistoryPage {
            ctx,
            id,
            revisions,
            accesses,
        }),
        Err(e) => error_page(&ctx, &e),
    }
}

/// `/forms/{id}/` and friends without an action go to the form.
pub async fn to_form(Path(id): Path<String>) -> impl IntoResponse {
    Redirect::to(&format!("/forms/{id}"))
}
