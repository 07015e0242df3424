//! 医療機関 registration and 医療機関コード changes by the 自治体.
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::identifiers::{check_phone_number, InstitutionCode};
use nsdb_domain::policy;
use nsdb_domain::{DomainError, FieldErrors};

/// 所在地 is one line of a Japanese address: 200 characters hold any real one.
const MAX_ADDRESS_CHARS: usize = 200;

fn optional_text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
use nsdb_store::{NewOrganization, OrganizationRow};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewInstitution {
    /// 医療機関コード (10 digits with check digit).
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

pub async fn create_institution(
    state: &AppState,
    caller: &Caller,
    input: &NewInstitution,
) -> AppResult<OrganizationRow> {
    policy::can_register_institution(&caller.principal)?;
    let mut errors = FieldErrors::new();
    let code = errors.check("code", InstitutionCode::parse(&input.code));
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push("name", "医療機関名を100文字以内で入力してください。");
    }
    let address = optional_text(&input.address);
    if address.is_some_and(|a| a.chars().count() > MAX_ADDRESS_CHARS) {
        errors.push(
            "address",
            format!("所在地は{MAX_ADDRESS_CHARS}文字以内で入力してください。"),
        );
    }
    let phone = optional_text(&input.phone);
    if let Some(phone) = phone {
        errors.check("phone", check_phone_number(phone));
    }
    unit_of_work::change!(&state.store, |tx| {
        // Each attempt starts from the input's own findings.
        let mut errors = errors.clone();
        let municipality = tx
            .organization_by_id(&caller.account.organization_id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        if let Some(code) = &code {
            errors.check(
                "code",
                policy::institution_in_area(&municipality.code, &municipality.name, code),
            );
        }
        let code = errors.finish_with(code.clone())?;
        if tx
            .organization_by_code("institution", code.as_str())
            .await?
            .is_some()
        {
            return Err(DomainError::Conflict(format!(
                "医療機関コード{code}の医療機関は既に登録されています。"
            ))
            .into());
        }
        let org = tx
            .insert_organization(&NewOrganization {
                kind: "institution",
                code: code.as_str(),
                name,
                programs: "",
                municipality_id: Some(&caller.account.organization_id),
                address,
                phone,
            })
            .await?;
        audit::record(
            tx,
            caller,
            "create_institution",
            Some(code.as_str()),
            None,
            Some(name),
        )
        .await?;
        Ok(org)
    })
}

/// An institution registered by the caller's 自治体 (404 for anyone else's).
pub async fn institution_in_scope(
    state: &AppState,
    caller: &Caller,
    code: &str,
) -> AppResult<OrganizationRow> {
    unit_of_work::read!(&state.store, |tx| {
        let org = tx
            .organization_by_code("institution", code.trim())
            .await?
            .ok_or_else(DomainError::not_found)?;
        policy::institution_in_scope(
            &caller.principal,
            org.municipality_id.as_deref().unwrap_or_default(),
        )?;
        Ok(org)
    })
}

/// Changes the 医療機関コード once; every account of the institution follows in the same
/// transaction (accounts reference the institution, not its code).
pub async fn change_institution_code(
    state: &AppState,
    caller: &Caller,
    code: &str,
    new_code: &str,
) -> AppResult<OrganizationRow> {
    policy::can_register_institution(&caller.principal)?;
    let new_code = InstitutionCode::parse(new_code)?;
    unit_of_work::change!(&state.store, |tx| {
        let org = tx
            .organization_by_code("institution", code.trim())
            .await?
            .ok_or_else(DomainError::not_found)?;
        policy::institution_in_scope(
            &caller.principal,
            org.municipality_id.as_deref().unwrap_or_default(),
        )?;
        let municipality = tx
            .organization_by_id(&caller.account.organization_id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        policy::institution_in_area(&municipality.code, &municipality.name, &new_code).map_err(
            |e| match e {
                DomainError::Invalid { message, .. } => DomainError::invalid("new_code", message),
                other => other,
            },
        )?;
        if org.code == new_code.as_str() {
            return Err(DomainError::invalid(
                "new_code",
                "新しい医療機関コードが現在のコードと同じです。",
            )
            .into());
        }
        if tx
            .organization_by_code("institution", new_code.as_str())
            .await?
            .is_some()
        {
            return Err(DomainError::Conflict(format!(
                "医療機関コード{new_code}は既に別の医療機関に使われています。"
            ))
            .into());
        }
        tx.update_institution_code(&org.id, new_code.as_str())
            .await?;
        let (_, accounts) = tx
            .search_accounts(&nsdb_store::AccountSearch {
                organization_id: Some(org.id.clone()),
                limit: 1,
                ..Default::default()
            })
            .await?;
        audit::record(
            tx,
            caller,
            "change_institution_code",
            Some(new_code.as_str()),
            None,
            Some(&format!(
                "{} → {}（所属アカウント{accounts}件も変更）",
                org.code, new_code
            )),
        )
        .await?;
        let updated = tx
            .organization_by_id(&org.id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        Ok(updated)
    })
}

pub async fn list_institutions(
    state: &AppState,
    caller: &Caller,
    query: &str,
    page: Option<i64>,
) -> AppResult<(Vec<OrganizationRow>, i64)> {
    policy::can_register_institution(&caller.principal)?;
    let (limit, offset) = super::page_window(page, 50);
    unit_of_work::read!(&state.store, |tx| {
        Ok(tx
            .institutions_of_municipality(&caller.account.organization_id, query, limit, offset)
            .await?)
    })
}
