use super::ApiJson;
use crate::auth::ApiCaller;
use crate::error::{AppResult, ErrorBody};
use crate::services::accounts::{self, CreatedMunicipality, NewMunicipality};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

/// Operator: register a 自治体 with its first 管理者.
#[utoipa::path(post, path = "/api/v1/municipalities", operation_id = "createMunicipality", tag = "organizations",
    request_body = NewMunicipality, security(("bearer" = [])),
    responses((status = 201, body = CreatedMunicipality), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_municipality(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    ApiJson(input): ApiJson<NewMunicipality>,
) -> AppResult<(StatusCode, Json<CreatedMunicipality>)> {
    let created = accounts::create_municipality(&state, &caller, &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MunicipalitySummary {
    code: String,
    name: String,
    programs: Vec<String>,
}

/// Registered 自治体 (operator and ministry).
#[utoipa::path(get, path = "/api/v1/municipalities", operation_id = "listMunicipalities", tag = "organizations",
    security(("bearer" = [])), responses((status = 200, body = [MunicipalitySummary])))]
pub async fn list_municipalities(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> AppResult<Json<Vec<MunicipalitySummary>>> {
    let rows = crate::services::operator::list_municipalities(&state, &caller).await?;
    Ok(Json(
        rows.into_iter()
            .map(|o| MunicipalitySummary {
                code: o.code,
                name: o.name,
                programs: o.programs.iter().map(|p| p.as_str().to_owned()).collect(),
            })
            .collect(),
    ))
}
