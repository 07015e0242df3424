//! アクセスキーで参照: the 自治体's look-up of an application's form, and a doctor's 連携
//! (with the patient's consent), with the list of forms opened so. Handlers call services
//! only.
use super::{error_page, render_with_status, require_csrf, BoundedForm, PageContext, WebCaller};
use crate::error::AppError;
use crate::services::access_keys::{self, LookUp};
use crate::services::forms::FormListItem;
use crate::services::Caller;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use nsdb_domain::model::OrganizationKind;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "access_keys.html")]
struct AccessKeysPage {
    ctx: PageContext,
    municipality: bool,
    access_key: String,
    patient_consent: bool,
    forms: Vec<FormListItem>,
}

async fn page(
    state: &AppState,
    caller: &Caller,
    ctx: PageContext,
    typed: &LookUpForm,
    status: StatusCode,
) -> Response {
    let forms = match access_keys::linked(state, caller).await {
        Ok(forms) => forms,
        Err(e) => return error_page(&ctx, &e),
    };
    render_with_status(
        status,
        &AccessKeysPage {
            ctx,
            municipality: caller.principal.role.organization_kind()
                == OrganizationKind::Municipality,
            access_key: typed.access_key.clone(),
            patient_consent: typed.patient_consent.is_some(),
            forms,
        },
    )
}

pub async fn access_keys_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> Response {
    let ctx = PageContext::for_caller(&caller, "/access-keys");
    page(&state, &caller, ctx, &LookUpForm::default(), StatusCode::OK).await
}

#[derive(Deserialize, Default)]
pub struct LookUpForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    access_key: String,
    #[serde(default)]
    patient_consent: Option<String>,
}

pub async fn look_up(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(typed): BoundedForm<LookUpForm>,
) -> Response {
    if let Err(r) = require_csrf(&caller, &typed.csrf_token) {
        return r;
    }
    let asked = LookUp {
        access_key: typed.access_key.clone(),
        patient_consent: typed.patient_consent.is_some(),
    };
    match access_keys::look_up(&state, &caller, &asked).await {
        Ok(form) => Redirect::to(&format!("/forms/{}", form.row.id)).into_response(),
        Err(e) => {
            let status = e.status();
            let ctx = PageContext::for_caller(&caller, "/access-keys").with_error(&on_key_field(e));
            page(&state, &caller, ctx, &typed, status).await
        }
    }
}

/// A key that finds nothing is told next to the key's field (the answer stays 404).
fn on_key_field(e: AppError) -> AppError {
    match e {
        AppError::Domain(nsdb_domain::DomainError::NotFound(message)) => {
            nsdb_domain::DomainError::invalid("access_key", message).into()
        }
        other => other,
    }
}
