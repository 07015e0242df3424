use super::{ApiJson, ApiQuery};
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::concurrent;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ConcurrentAssignment {
    id: String,
    institution_code: String,
    institution_name: String,
    doctor_login_id: String,
    doctor_name: String,
    /// `pending`, `approved` or `rejected`.
    state: String,
    requested_at: String,
    decided_at: Option<String>,
}

impl From<nsdb_store::ConcurrentRow> for ConcurrentAssignment {
    fn from(r: nsdb_store::ConcurrentRow) -> Self {
        Self {
            id: r.id,
            institution_code: r.institution_code,
            institution_name: r.institution_name,
            doctor_login_id: r.doctor_login_id,
            doctor_name: r.doctor_name,
            state: r.state.as_str().into(),
            requested_at: r.requested_at,
            decided_at: r.decided_at,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConcurrentApplication {
    institution_code: String,
}

/// Doctor: apply to work at another registered institution (兼務先).
#[utoipa::path(post, path = "/api/v1/concurrent-assignments", operation_id = "applyConcurrentAssignment", tag = "accounts",
    request_body = ConcurrentApplication, security(("bearer" = [])),
    responses((status = 201, body = ConcurrentAssignment), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn apply_concurrent(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<ConcurrentApplication>,
) -> AppResult<(StatusCode, Json<ConcurrentAssignment>)> {
    let row = concurrent::apply(&state, &caller, &input.institution_code).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ConcurrentQuery {
    /// `mine` (default): the caller's applications; `institution`: applications to the
    /// caller's institution (責任者).
    view: Option<String>,
}

/// 兼務 applications: the caller's own, or those to the caller's institution.
#[utoipa::path(get, path = "/api/v1/concurrent-assignments", operation_id = "listConcurrentAssignments", tag = "accounts",
    params(ConcurrentQuery), security(("bearer" = [])), responses((status = 200, body = [ConcurrentAssignment])))]
pub async fn list_concurrent(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiQuery(q): ApiQuery<ConcurrentQuery>,
) -> AppResult<Json<Vec<ConcurrentAssignment>>> {
    let rows = if q.view.as_deref() == Some("institution") {
        concurrent::to_institution(&state, &caller).await?
    } else {
        concurrent::of_caller(&state, &caller).await?
    };
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConcurrentDecision {
    approve: bool,
}

/// 責任者 of the applied-for institution: approve or reject.
#[utoipa::path(post, path = "/api/v1/concurrent-assignments/{id}/decision", operation_id = "decideConcurrentAssignment", tag = "accounts",
    params(("id" = String, Path)), request_body = ConcurrentDecision, security(("bearer" = [])),
    responses((status = 200, body = ConcurrentAssignment), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn decide_concurrent(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ConcurrentDecision>,
) -> AppResult<Json<ConcurrentAssignment>> {
    Ok(Json(
        concurrent::decide(&state, &caller, &id, input.approve)
            .await?
            .into(),
    ))
}
