use super::ApiQuery;
use crate::error::{AppResult, ErrorBody};
use axum::extract::Path;
use axum::Json;
use nsdb_domain::DomainError;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DefinitionQuery {
    /// `nanbyo` or `shoman`.
    program: Option<String>,
    /// In force on this date (YYYY-MM-DD); default today (JST). `all` lists every version.
    on: Option<String>,
}

/// Form versions in force (or all with `on=all`): id, program, 疾患群, 告示番号, name, version,
/// validity, and whether 機械判定 is encoded. Public: no personal data.
#[utoipa::path(get, path = "/api/v1/form-definitions", operation_id = "listFormDefinitions", tag = "forms",
    params(DefinitionQuery), responses((status = 200, body = Vec<nsdb_forms::FormSummary>), (status = 422, body = ErrorBody)))]
pub async fn list_form_definitions(
    ApiQuery(q): ApiQuery<DefinitionQuery>,
) -> AppResult<Json<Vec<nsdb_forms::FormSummary>>> {
    let catalog = nsdb_forms::catalog();
    let mut rows = match q.on.as_deref() {
        Some("all") => catalog.list(),
        Some(date) => catalog.in_force(nsdb_domain::time::parse_date("on", date)?),
        None => catalog.in_force(nsdb_domain::time::today_in_japan(chrono::Utc::now())),
    };
    if let Some(program) = q.program.as_deref() {
        let program = nsdb_forms::Program::parse(program)
            .ok_or_else(|| DomainError::invalid("program", "program は nanbyo か shoman です。"))?;
        rows.retain(|r| r.program == program);
    }
    Ok(Json(rows))
}

/// One form version: sections, items (id, label, type, unit, codes, required, range),
/// calculations, checks and determination rules, and `content_hash` (SHA-256 of the
/// definition: a stored form records the hash it was written on).
#[utoipa::path(get, path = "/api/v1/form-definitions/{id}", operation_id = "getFormDefinition", tag = "forms",
    params(("id" = String, Path, description = "e.g. nanbyo-006-2403")),
    responses((status = 200, body = DefinitionDocument), (status = 404, body = ErrorBody)))]
pub async fn get_form_definition(Path(id): Path<String>) -> AppResult<Json<DefinitionDocument>> {
    let definition = nsdb_forms::catalog().get(&id).ok_or_else(|| {
        DomainError::NotFound(format!(
            "様式「{id}」はありません。listFormDefinitions で様式IDを確認してください。"
        ))
    })?;
    Ok(Json(DefinitionDocument {
        content_hash: definition.content_hash().to_owned(),
        definition,
    }))
}

/// One form version as the engine reads it (docs/form-definitions.md), with its content hash.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DefinitionDocument {
    #[serde(flatten)]
    #[schema(value_type = nsdb_forms::FormDefinition)]
    definition: std::sync::Arc<nsdb_forms::FormDefinition>,
    /// SHA-256 (hex) of the definition as built, fragments resolved: a stored form keeps the
    /// hash of the definition it was written on.
    content_hash: String,
}

/// Checks a bulk-registration XML file (request body, `application/xml`) exactly as
/// `nsdb check` does offline: XSD-level findings, every form check and the 機械判定, with
/// line and column. Nothing is stored.
#[utoipa::path(post, path = "/api/v1/form-checks", operation_id = "checkForms", tag = "forms",
    request_body(content = String, content_type = "application/xml", description = "bulk-registration XML (docs/xml-format.md)"),
    security(("bearer" = [])),
    responses((status = 200, body = crate::services::form_checks::FileCheck), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn check_forms(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    crate::auth::ApiCaller(caller): crate::auth::ApiCaller,
    super::ApiBytes(body): super::ApiBytes,
) -> AppResult<Json<crate::services::form_checks::FileCheck>> {
    Ok(Json(
        crate::services::form_checks::check_file(&state, &caller, body.to_vec()).await?,
    ))
}
