//! 医療機関管理 and 指定医ID払出し (one by one and from the 医療機関ユーザデータファイル).
use super::admin::{account_lines, AccountLine};
use super::{
    error_page, flash_message, read_upload, render_with_status, require_csrf, see_other_with_flash,
    BoundedForm, PageContext, Upload, WebCaller,
};
use crate::error::AppError;
use crate::services::accounts::{self, DoctorUpdate, NewDoctor};
use crate::services::bulk_doctors::{self, BulkReport};
use crate::services::institution_certificates::{self, NewCertificate};
use crate::services::institutions::{self, NewInstitution};
use crate::services::Caller;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use nsdb_domain::identifiers::CertificateFingerprint;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<i64>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "institutions.html")]
struct InstitutionsPage {
    ctx: PageContext,
    rows: Vec<nsdb_store::OrganizationRow>,
    total: i64,
    q: String,
    /// What the user typed into the registration form (kept after an error).
    form: InstitutionFormValues,
}

#[derive(Default)]
struct InstitutionFormValues {
    code: String,
    name: String,
    address: String,
    phone: String,
}

async fn institutions_view(
    state: &AppState,
    caller: &Caller,
    q: &ListQuery,
    ctx: PageContext,
    form: InstitutionFormValues,
    status: StatusCode,
) -> Response {
    match institutions::list_institutions(state, caller, q.q.as_deref().unwrap_or(""), q.page).await
    {
        Ok((rows, total)) => render_with_status(
            status,
            &InstitutionsPage {
                ctx,
                rows,
                total,
                q: q.q.clone().unwrap_or_default(),
                form,
            },
        ),
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn institutions_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<ListQuery>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/institutions");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    institutions_view(
        &state,
        &caller,
        &q,
        ctx,
        InstitutionFormValues::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
pub struct InstitutionForm {
    #[serde(default)]
    csrf_token: String,
    code: String,
    name: String,
    address: Option<String>,
    phone: Option<String>,
}

pub async fn create_institution(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<InstitutionForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let input = NewInstitution {
        code: f.code,
        name: f.name,
        address: f.address,
        phone: f.phone,
    };
    match institutions::create_institution(&state, &caller, &input).await {
        Ok(_) => see_other_with_flash("/institutions", "institution"),
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/institutions").with_error(&e);
            let typed = InstitutionFormValues {
                code: input.code,
                name: input.name,
                address: input.address.unwrap_or_default(),
                phone: input.phone.unwrap_or_default(),
            };
            institutions_view(
                &state,
                &caller,
                &ListQuery::default(),
                ctx,
                typed,
                e.status(),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    new_code: String,
}

pub async fn change_code(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(code): Path<String>,
    BoundedForm(f): BoundedForm<CodeForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    match institutions::change_institution_code(&state, &caller, &code, &f.new_code).await {
        Ok(_) => see_other_with_flash("/institutions", "code"),
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/institutions").with_error(&e);
            let form = InstitutionFormValues::default();
            institutions_view(
                &state,
                &caller,
                &ListQuery::default(),
                ctx,
                form,
                e.status(),
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "doctors.html")]
struct DoctorsPage {
    ctx: PageContext,
    lines: Vec<AccountLine>,
    total: i64,
    q: String,
    institutions: Vec<nsdb_store::OrganizationRow>,
    issued: Option<accounts::IssuedAccount>,
    report: Option<BulkReport>,
    form: DoctorFormValues,
}

#[derive(Default)]
struct DoctorFormValues {
    institution_code: String,
    program: String,
    kind: String,
    family_name: String,
    given_name: String,
    family_name_kana: String,
    given_name_kana: String,
    medical_registration_number: String,
    designated_doctor_number: String,
    valid_until: String,
    department: String,
}

struct DoctorsView {
    ctx: PageContext,
    issued: Option<accounts::IssuedAccount>,
    report: Option<BulkReport>,
    form: DoctorFormValues,
    status: StatusCode,
}

async fn doctors_view(
    state: &AppState,
    caller: &Caller,
    q: &ListQuery,
    v: DoctorsView,
) -> Response {
    let (rows, total) =
        match accounts::list_accounts(state, caller, q.q.clone(), true, q.page).await {
            Ok(r) => r,
            Err(e) => return error_page(&v.ctx, &e),
        };
    let institutions = institutions::list_institutions(state, caller, "", Some(1))
        .await
        .map(|r| r.0)
        .unwrap_or_default();
    render_with_status(
        v.status,
        &DoctorsPage {
            lines: account_lines(state, caller, &rows).await,
            total,
            q: q.q.clone().unwrap_or_default(),
            institutions,
            issued: v.issued,
            report: v.report,
            form: v.form,
            ctx: v.ctx,
        },
    )
}

pub async fn doctors_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Query(q): Query<ListQuery>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/doctors");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    let view = DoctorsView {
        ctx,
        issued: None,
        report: None,
        form: DoctorFormValues::default(),
        status: StatusCode::OK,
    };
    doctors_view(&state, &caller, &q, view).await
}

#[derive(Deserialize)]
pub struct DoctorForm {
    #[serde(default)]
    csrf_token: String,
    institution_code: String,
    program: String,
    kind: String,
    family_name: String,
    given_name: String,
    family_name_kana: String,
    given_name_kana: String,
    medical_registration_number: String,
    designated_doctor_number: String,
    valid_until: String,
    #[serde(default)]
    department: String,
}

pub async fn create_doctor(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(f): BoundedForm<DoctorForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let input = NewDoctor {
        institution_code: f.institution_code.clone(),
        program: f.program.clone(),
        family_name: f.family_name.clone(),
        given_name: f.given_name.clone(),
        family_name_kana: f.family_name_kana.clone(),
        given_name_kana: f.given_name_kana.clone(),
        medical_registration_number: f.medical_registration_number.clone(),
        designated_doctor_number: f.designated_doctor_number.clone(),
        kind: f.kind.clone(),
        valid_until: f.valid_until.clone(),
        department: Some(f.department.clone()),
        phone: None,
    };
    let q = ListQuery::default();
    match accounts::create_doctor(&state, &caller, &input).await {
        Ok(issued) => {
            let message = if issued.is_manager {
                "指定医IDを払い出しました。この医療機関の最初の指定医のため、責任者になりました。ログインIDと初期パスワードを本人に伝えてください（この画面でのみ表示します）。"
            } else {
                "指定医IDを払い出しました。ログインIDと初期パスワードを本人に伝えてください（この画面でのみ表示します）。"
            };
            let ctx = PageContext::for_caller(&caller, "/doctors").with_flash(message);
            let view = DoctorsView {
                ctx,
                issued: Some(issued),
                report: None,
                form: DoctorFormValues::default(),
                status: StatusCode::CREATED,
            };
            doctors_view(&state, &caller, &q, view).await
        }
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/doctors").with_error(&e);
            let form = DoctorFormValues {
                institution_code: f.institution_code,
                program: f.program,
                kind: f.kind,
                family_name: f.family_name,
                given_name: f.given_name,
                family_name_kana: f.family_name_kana,
                given_name_kana: f.given_name_kana,
                medical_registration_number: f.medical_registration_number,
                designated_doctor_number: f.designated_doctor_number,
                valid_until: f.valid_until,
                department: f.department,
            };
            let view = DoctorsView {
                ctx,
                issued: None,
                report: None,
                form,
                status: e.status(),
            };
            doctors_view(&state, &caller, &q, view).await
        }
    }
}

pub async fn import_doctors(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    multipart: Multipart,
) -> Response {
    let Upload { csrf, file } = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(e) => return error_page(&PageContext::for_caller(&caller, "/doctors"), &e),
    };
    if let Err(r) = require_csrf(&caller, &csrf) {
        return r;
    }
    let q = ListQuery::default();
    let result = match file {
        Some(bytes) => bulk_doctors::import(&state, &caller, &bytes).await,
        None => Err(AppError::BadRequest("ファイルを選んでください。".into())),
    };
    match result {
        Ok(report) => {
            let ctx = PageContext::for_caller(&caller, "/doctors")
                .with_flash(format!("一括登録が終わりました: 登録 {}件、登録できなかった行 {}件。結果を確認してください。", report.created, report.refused));
            let view = DoctorsView {
                ctx,
                issued: None,
                report: Some(report),
                form: DoctorFormValues::default(),
                status: StatusCode::OK,
            };
            doctors_view(&state, &caller, &q, view).await
        }
        Err(e) => {
            let mut ctx = PageContext::for_caller(&caller, "/doctors").with_error(&e);
            if let Some(err) = ctx.error.as_mut() {
                err.field = Some("file".into());
            }
            let view = DoctorsView {
                ctx,
                issued: None,
                report: None,
                form: DoctorFormValues::default(),
                status: e.status(),
            };
            doctors_view(&state, &caller, &q, view).await
        }
    }
}

#[derive(Deserialize)]
pub struct ValidUntilForm {
    #[serde(default)]
    csrf_token: String,
    valid_until: String,
}

pub async fn update_doctor(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(login_id): Path<String>,
    BoundedForm(f): BoundedForm<ValidUntilForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let input = DoctorUpdate {
        valid_until: f.valid_until,
        department: None,
        phone: None,
    };
    match accounts::update_doctor(&state, &caller, &login_id, &input).await {
        Ok(_) => see_other_with_flash("/doctors", "valid_until"),
        Err(e) => error_page(&PageContext::for_caller(&caller, "/doctors"), &e),
    }
}

/// One row of the certificates table.
struct CertificateLine {
    id: String,
    label: String,
    fingerprint: String,
    active: bool,
    registered_at: String,
    registered_by: String,
    revoked_at: String,
    revoked_by: String,
}

impl From<nsdb_store::InstitutionCertificateRow> for CertificateLine {
    fn from(c: nsdb_store::InstitutionCertificateRow) -> Self {
        Self {
            fingerprint: CertificateFingerprint::parse(&c.fingerprint)
                .map(|f| f.colon_separated())
                .unwrap_or(c.fingerprint),
            active: c.revoked_at.is_none(),
            id: c.id,
            label: c.label,
            registered_at: c.registered_at,
            registered_by: c.registered_by,
            revoked_at: c.revoked_at.unwrap_or_default(),
            revoked_by: c.revoked_by.unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "institution_certificates.html")]
struct CertificatesPage {
    ctx: PageContext,
    institution: nsdb_store::OrganizationRow,
    lines: Vec<CertificateLine>,
    form_label: String,
    form_fingerprint: String,
}

/// The certificates page, with what was typed kept after a refusal.
async fn certificates_view(
    state: &AppState,
    caller: &Caller,
    code: &str,
    ctx: PageContext,
    status: StatusCode,
    typed: Option<CertificateForm>,
) -> Response {
    match institution_certificates::list_certificates(state, caller, code).await {
        Ok((institution, rows)) => {
            let typed = typed.unwrap_or_default();
            render_with_status(
                status,
                &CertificatesPage {
                    ctx,
                    institution,
                    lines: rows.into_iter().map(Into::into).collect(),
                    form_label: typed.label,
                    form_fingerprint: typed.fingerprint,
                },
            )
        }
        Err(e) => error_page(&ctx, &e),
    }
}

pub async fn certificates_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> Response {
    let mut ctx = PageContext::for_caller(&caller, "/institutions");
    ctx.flash = flash_message(q.done.as_deref()).map(str::to_owned);
    certificates_view(&state, &caller, &code, ctx, StatusCode::OK, None).await
}

#[derive(Deserialize, Default)]
pub struct CertificateForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    fingerprint: String,
}

pub async fn register_certificate(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path(code): Path<String>,
    BoundedForm(f): BoundedForm<CertificateForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    let input = NewCertificate {
        fingerprint: f.fingerprint.clone(),
        label: f.label.clone(),
    };
    match institution_certificates::register_certificate(&state, &caller, &code, &input).await {
        Ok((institution, _)) => see_other_with_flash(
            &format!("/institutions/{}/certificates", institution.code),
            "certificate_registered",
        ),
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/institutions").with_error(&e);
            certificates_view(&state, &caller, &code, ctx, e.status(), Some(f)).await
        }
    }
}

pub async fn revoke_certificate(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    Path((code, id)): Path<(String, String)>,
    BoundedForm(f): BoundedForm<CertificateForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &f.csrf_token) {
        return r;
    }
    match institution_certificates::revoke_certificate(&state, &caller, &code, &id).await {
        Ok((institution, _)) => see_other_with_flash(
            &format!("/institutions/{}/certificates", institution.code),
            "certificate_revoked",
        ),
        Err(e) => {
            let ctx = PageContext::for_caller(&caller, "/institutions").with_error(&e);
            certificates_view(&state, &caller, &code, ctx, e.status(), None).await
        }
    }
}
