//! Account rules (domain.md "Account rules"): bootstrap, organization users, 指定医 IDs,
//! institution staff, and account maintenance.
use super::unit_of_work;
use super::{audit, target_of, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::Utc;
use nsdb_domain::credentials;
use nsdb_domain::identifiers::{
    DesignatedDoctorNumber, InstitutionCode, MedicalRegistrationNumber, MunicipalityCode,
};
use nsdb_domain::model::{DoctorKind, OrganizationKind, Program, Role};
use nsdb_domain::policy::{self, AccountAction};
use nsdb_domain::time::today_in_japan;
use nsdb_domain::{DomainError, FieldErrors};
use nsdb_store::{AccountRow, AccountSearch, NewAccount, NewLogEntry, NewOrganization, Tx};
use serde::{Deserialize, Serialize};

/// A created account and the one-time password to hand over.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuedAccount {
    pub login_id: String,
    pub initial_password: String,
    pub is_manager: bool,
}

fn login_prefix(role: Role) -> &'static str {
    match role {
        Role::MinistryAdmin | Role::MinistryUser => "MH",
        Role::OperatorAdmin | Role::OperatorUser => "OP",
        Role::MunicipalityAdmin | Role::MunicipalityUser => "MU",
        Role::Doctor => "DR",
        Role::CooperatingDoctor => "DC",
        Role::Clerk => "CL",
        Role::Manager => "MG",
    }
}

pub(crate) async fn unique_login_id(tx: &mut Tx, role: Role) -> AppResult<String> {
    for _ in 0..20 {
        let id = credentials::new_login_id(login_prefix(role));
        if !tx.login_id_taken(&id).await? {
            return Ok(id);
        }
    }
    Err(AppError::Internal("could not allocate a login id".into()))
}

/// A one-time password and its Argon2 hash, made before the unit of work that stores it:
/// hashing takes tens of milliseconds and must not hold a transaction open (or be repeated
/// when the unit of work is retried).
pub struct OneTimePassword {
    text: String,
    hash: String,
}

impl OneTimePassword {
    pub async fn new() -> AppResult<Self> {
        let text = credentials::one_time_password();
        let hash = hash(&text).await?;
        Ok(Self { text, hash })
    }
}

/// Inserts an account with a fresh login ID and the one-time password (the fields
/// `login_id`, `role` and `password_hash` of `account` are filled here).
async fn insert_with_one_time_password(
    tx: &mut Tx,
    role: Role,
    account: NewAccount,
    password: &OneTimePassword,
) -> AppResult<IssuedAccount> {
    let login_id = unique_login_id(tx, role).await?;
    let is_manager = account.is_manager;
    tx.insert_account(&NewAccount {
        login_id: login_id.clone(),
        role: role.as_str().into(),
        password_hash: password.hash.clone(),
        ..account
    })
    .await?;
    Ok(IssuedAccount {
        login_id,
        initial_password: password.text.clone(),
        is_manager,
    })
}

pub(crate) async fn hash(password: &str) -> AppResult<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn required(field: &str, label: &str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::invalid(
            field,
            format!("{label}を入力してください。"),
        ));
    }
    if v.chars().count() > 100 {
        return Err(DomainError::invalid(
            field,
            format!("{label}は100文字以内で入力してください。"),
        ));
    }
    Ok(v.to_owned())
}

/// Whether the database has been set up (an operator 管理者 exists).
pub async fn is_bootstrapped(store: &nsdb_store::Store) -> AppResult<bool> {
    unit_of_work::read!(store, |tx| {
        Ok(tx
            .any_account_with_role(Role::OperatorAdmin.as_str())
            .await?)
    })
}

/// `nsdb bootstrap`: the operator organization and its first 管理者, on an empty database.
pub async fn bootstrap(store: &nsdb_store::Store) -> AppResult<IssuedAccount> {
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(store, |tx| {
        if tx
            .any_account_with_role(Role::OperatorAdmin.as_str())
            .await?
        {
            return Err(DomainError::Conflict(
                "既にシステム運営主体の管理者が存在します。bootstrapは空のデータベースでのみ実行できます。".into(),
            )
            .into());
        }
        let operator = match tx.organization_by_code("operator", "operator").await? {
            Some(o) => o,
            None => {
                tx.insert_organization(&NewOrganization {
                    kind: "operator",
                    code: "operator",
                    name: "システム運営主体",
                    programs: "nanbyo,shoman",
                    municipality_id: None,
                    address: None,
                    phone: None,
                })
                .await?
            }
        };
        if tx
            .organization_by_code("ministry", "ministry")
            .await?
            .is_none()
        {
            tx.insert_organization(&NewOrganization {
                kind: "ministry",
                code: "ministry",
                name: "厚生労働省",
                programs: "nanbyo,shoman",
                municipality_id: None,
                address: None,
                phone: None,
            })
            .await?;
        }
        let issued = insert_with_one_time_password(
            tx,
            Role::OperatorAdmin,
            NewAccount {
                organization_id: operator.id.clone(),
                family_name: "運営".into(),
                given_name: "管理者".into(),
                ..Default::default()
            },
            &password,
        )
        .await?;
        let login_id = issued.login_id.clone();
        tx.append_log(&NewLogEntry {
            actor_login_id: None,
            actor_organization_id: None,
            municipality_scope: None,
            action: "bootstrap",
            target: Some(&login_id),
            result: audit::OK,
            client_address: None,
            detail: None,
        })
        .await?;
        Ok(issued)
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewMunicipality {
    /// 地方公共団体コード (6 digits with check digit).
    pub code: String,
    pub name: String,
    /// Programs the 自治体 handles: `nanbyo`, `shoman`.
    pub programs: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedMunicipality {
    pub code: String,
    pub name: String,
    pub admin: AdminCredentials,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AdminCredentials {
    pub login_id: String,
    pub initial_password: String,
}

pub fn parse_programs(raw: &[String]) -> AppResult<Vec<Program>> {
    let mut programs = Vec::new();
    for p in raw {
        let program = Program::parse(p).ok_or_else(|| {
            DomainError::invalid(
                "programs",
                format!("所管: 「{p}」は nanbyo（難病）か shoman（小慢）で指定してください。"),
            )
        })?;
        if !programs.contains(&program) {
            programs.push(program);
        }
    }
    if programs.is_empty() {
        return Err(DomainError::invalid(
            "programs",
            "所管: 難病・小慢の少なくとも一方を選んでください。",
        )
        .into());
    }
    Ok(programs)
}

pub async fn create_municipality(
    state: &AppState,
    caller: &Caller,
    input: &NewMunicipality,
) -> AppResult<CreatedMunicipality> {
    policy::can_register_municipality(&caller.principal)?;
    let code = MunicipalityCode::parse(&input.code)?;
    let name = required("name", "自治体名", &input.name)?;
    let programs = parse_programs(&input.programs)?;
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        if tx
            .organization_by_code("municipality", code.as_str())
            .await?
            .is_some()
        {
            return Err(DomainError::Conflict(format!(
                "地方公共団体コード{code}の自治体は既に登録されています。"
            ))
            .into());
        }
        let org = tx
            .insert_organization(&NewOrganization {
                kind: "municipality",
                code: code.as_str(),
                name: &name,
                programs: &nsdb_store::programs_column(&programs),
                municipality_id: None,
                address: None,
                phone: None,
            })
            .await?;
        let issued = insert_with_one_time_password(
            tx,
            Role::MunicipalityAdmin,
            NewAccount {
                organization_id: org.id.clone(),
                family_name: name.clone(),
                given_name: "管理者".into(),
                issued_by: Some(caller.account.organization_id.clone()),
                ..Default::default()
            },
            &password,
        )
        .await?;
        audit::record(
            tx,
            caller,
            "create_municipality",
            Some(code.as_str()),
            Some(&org.id),
            Some(&issued.login_id),
        )
        .await?;
        Ok(CreatedMunicipality {
            code: code.to_string(),
            name: name.clone(),
            admin: AdminCredentials {
                login_id: issued.login_id,
                initial_password: issued.initial_password,
            },
        })
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewOrganizationUser {
    /// e.g. `municipality_user`, or `municipality_admin` for a further 管理者.
    pub role: String,
    pub family_name: String,
    pub given_name: String,
}

/// A 管理者 adds a user to its own organization (ministry, operator, 自治体).
pub async fn create_organization_user(
    state: &AppState,
    caller: &Caller,
    input: &NewOrganizationUser,
) -> AppResult<IssuedAccount> {
    let role = Role::parse(&input.role).ok_or_else(|| {
        DomainError::invalid("role", format!("役割「{}」は不明です。", input.role))
    })?;
    policy::can_create_organization_user(&caller.principal, role)?;
    let family_name = required("family_name", "姓", &input.family_name)?;
    let given_name = required("given_name", "名", &input.given_name)?;
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        let issued = insert_with_one_time_password(
            tx,
            role,
            NewAccount {
                organization_id: caller.account.organization_id.clone(),
                family_name: family_name.clone(),
                given_name: given_name.clone(),
                issued_by: Some(caller.account.organization_id.clone()),
                ..Default::default()
            },
            &password,
        )
        .await?;
        audit::record(
            tx,
            caller,
            "create_account",
            Some(&issued.login_id),
            None,
            Some(role.as_str()),
        )
        .await?;
        Ok(issued)
    })
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewDoctor {
    pub institution_code: String,
    /// `nanbyo` or `shoman`.
    pub program: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub medical_registration_number: String,
    pub designated_doctor_number: String,
    /// `designated` (指定医) or `cooperating` (協力難病指定医).
    pub kind: String,
    /// 指定医有効期限, YYYY-MM-DD.
    pub valid_until: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// 指定医種別 as the form or the bulk file writes it; 協力難病指定医 exist only for 難病.
fn doctor_kind(raw: &str, program: Option<Program>) -> Result<DoctorKind, DomainError> {
    let kind = match raw.trim() {
        "designated" | "指定医" | "" => DoctorKind::Designated,
        "cooperating" | "協力難病指定医" | "協力" => DoctorKind::Cooperating,
        other => {
            return Err(DomainError::invalid("kind", format!("指定医の種別「{other}」は designated（指定医）か cooperating（協力難病指定医）です。")))
        }
    };
    if kind == DoctorKind::Cooperating && program == Some(Program::Shoman) {
        return Err(DomainError::invalid(
            "kind",
            "協力難病指定医は難病のみです。小慢では指定医として払い出してください。",
        ));
    }
    Ok(kind)
}

fn check_kana(field: &str, label: &str, value: &str) -> Result<String, DomainError> {
    let v = required(field, label, value)?;
    let is_kana = v.chars().all(|c| {
        matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー' | '・' | '　' | ' ' | 'ヽ' | 'ヾ' | 'ゝ' | 'ゞ')
    });
    if !is_kana {
        return Err(DomainError::invalid(
            field,
            format!("{label}はひらがなまたはカタカナで入力してください。"),
        ));
    }
    Ok(v)
}

/// Issues a 指定医 ID. The first doctor of an institution becomes its 責任者.
pub async fn create_doctor(
    state: &AppState,
    caller: &Caller,
    input: &NewDoctor,
) -> AppResult<IssuedAccount> {
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        let issued = create_doctor_in(tx, caller, input, &password).await?;
        Ok(issued)
    })
}

/// The unit of work of one doctor ID inside a caller-owned transaction (bulk upload runs
/// one transaction per row).
pub async fn create_doctor_in(
    tx: &mut Tx,
    caller: &Caller,
    input: &NewDoctor,
    password: &OneTimePassword,
) -> AppResult<IssuedAccount> {
    if !matches!(
        caller.principal.role,
        Role::MunicipalityAdmin | Role::MunicipalityUser
    ) {
        return Err(DomainError::forbidden("指定医IDの払出し").into());
    }
    let today = today_in_japan(Utc::now());
    let mut errors = FieldErrors::new();
    let institution_code = errors.check(
        "institution_code",
        InstitutionCode::parse(&input.institution_code),
    );
    let program = errors.check(
        "program",
        Program::parse(&input.program).ok_or_else(|| {
            DomainError::invalid(
                "program",
                "難病/小慢: nanbyo（難病）か shoman（小慢）を指定してください。",
            )
        }),
    );
    let kind = errors.check("kind", doctor_kind(&input.kind, program));
    let family_name = errors.check(
        "family_name",
        required("family_name", "姓", &input.family_name),
    );
    let given_name = errors.check(
        "given_name",
        required("given_name", "名", &input.given_name),
    );
    let family_kana = errors.check(
        "family_name_kana",
        check_kana("family_name_kana", "姓（カナ）", &input.family_name_kana),
    );
    let given_kana = errors.check(
        "given_name_kana",
        check_kana("given_name_kana", "名（カナ）", &input.given_name_kana),
    );
    let registration = errors.check(
        "medical_registration_number",
        MedicalRegistrationNumber::parse(&input.medical_registration_number),
    );
    let designation = errors.check(
        "designated_doctor_number",
        DesignatedDoctorNumber::parse(&input.designated_doctor_number),
    );
    let valid_until = errors.check(
        "valid_until",
        nsdb_domain::time::parse_date("valid_until", &input.valid_until)
            .and_then(|d| policy::check_new_valid_until(d, today).map(|()| d)),
    );
    errors.finish()?;
    let valid = (
        institution_code,
        program,
        kind,
        family_name,
        given_name,
        family_kana,
        given_kana,
        registration,
        designation,
        valid_until,
    );
    let (
        Some(institution_code),
        Some(program),
        Some(kind),
        Some(family_name),
        Some(given_name),
        Some(family_kana),
        Some(given_kana),
        Some(registration),
        Some(designation),
        Some(valid_until),
    ) = valid
    else {
        return Err(DomainError::invalid("", "入力内容を確認してください。").into());
    };

    let institution = tx
        .organization_by_code("institution", institution_code.as_str())
        .await?
        .ok_or_else(|| DomainError::invalid("institution_code", format!("医療機関コード{institution_code}の医療機関は登録されていません。先に医療機関を登録してください。")))?;
    let municipality = tx
        .organization_by_id(&caller.account.organization_id)
        .await?
        .ok_or_else(DomainError::not_found)?;
    let institution_municipality = institution.municipality_id.clone().unwrap_or_default();
    if institution_municipality != municipality.id {
        return Err(DomainError::invalid(
            "institution_code",
            format!("医療機関コード{institution_code}の医療機関は貴自治体の登録ではありません。主たる勤務先の所在する自治体が払い出してください。"),
        )
        .into());
    }
    policy::can_issue_doctor(
        &caller.principal,
        &institution_municipality,
        &municipality.programs,
        program,
    )?;

    let duplicates = tx
        .doctor_duplicates(
            program.as_str(),
            registration.as_str(),
            designation.as_str(),
        )
        .await?;
    if let Some(existing) = duplicates.first() {
        let why = if existing.medical_registration_number.as_deref() == Some(registration.as_str())
        {
            format!("医籍登録番号{registration}")
        } else {
            format!("{}の指定医番号{designation}", program.label())
        };
        let place = if existing.issued_by.as_deref() == Some(municipality.id.as_str()) {
            format!("貴自治体が払い出したID {}", existing.login_id)
        } else {
            "他の自治体が払い出したID".to_owned()
        };
        return Err(DomainError::Conflict(format!(
            "{why}の{}指定医IDは既に存在します（{place}）。1人の医師に払い出せるIDは制度ごとに1つです。",
            program.label()
        ))
        .into());
    }
    let is_manager = tx.count_managers(&institution.id).await? == 0;
    let role = kind.role();
    let issued = insert_with_one_time_password(
        tx,
        role,
        NewAccount {
            organization_id: institution.id.clone(),
            is_manager,
            program: Some(program.as_str().into()),
            family_name,
            given_name,
            family_name_kana: Some(family_kana),
            given_name_kana: Some(given_kana),
            department: input.department.clone().filter(|d| !d.trim().is_empty()),
            phone: input.phone.clone().filter(|d| !d.trim().is_empty()),
            medical_registration_number: Some(registration.to_string()),
            designated_doctor_number: Some(designation.to_string()),
            valid_until: Some(valid_until.to_string()),
            issued_by: Some(municipality.id.clone()),
            ..Default::default()
        },
        password,
    )
    .await
    .map_err(|e| match e {
        // The unique indexes caught a registration made at the same moment.
        AppError::Domain(DomainError::Conflict(_)) => AppError::from(DomainError::Conflict(
            "同じ医籍登録番号または指定医番号のIDが同時に登録されました。".into(),
        )),
        other => other,
    })?;
    audit::record(
        tx,
        caller,
        "create_doctor",
        Some(&issued.login_id),
        Some(&municipality.id),
        Some(&format!(
            "{} {}{}",
            institution_code,
            program.label(),
            if is_manager { " 責任者" } else { "" }
        )),
    )
    .await?;
    Ok(issued)
}

async fn target_account(tx: &mut Tx, login_id: &str) -> AppResult<AccountRow> {
    tx.account_by_login_id(login_id)
        .await?
        .ok_or_else(|| DomainError::not_found().into())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DoctorUpdate {
    /// New 指定医有効期限, YYYY-MM-DD.
    pub valid_until: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// The issuing 自治体 updates a doctor ID. A changed expiry revokes the key file and ends
/// the account's sessions: the doctor registers a new key at the next log-in.
pub async fn update_doctor(
    state: &AppState,
    caller: &Caller,
    login_id: &str,
    input: &DoctorUpdate,
) -> AppResult<AccountRow> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        policy::can_update_doctor(&caller.principal, &target_of(&target))?;
        let valid_until = nsdb_domain::time::parse_date("valid_until", &input.valid_until)?;
        policy::check_new_valid_until(valid_until, today_in_japan(Utc::now()))?;
        let expiry_changed = target.valid_until != Some(valid_until);
        tx.update_doctor_designation(
            &target.id,
            &valid_until.to_string(),
            input.department.as_deref(),
            input.phone.as_deref(),
        )
        .await?;
        if expiry_changed {
            tx.set_key_hash(&target.id, None).await?;
            tx.delete_sessions_of(&target.id).await?;
        }
        let detail = format!(
            "valid_until {} -> {}{}",
            target
                .valid_until
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
            valid_until,
            if expiry_changed {
                "; key file revoked, sessions ended"
            } else {
                ""
            }
        );
        audit::record(
            tx,
            caller,
            "update_doctor",
            Some(login_id),
            audit::scope_of_account(&target),
            Some(&detail),
        )
        .await?;
        let updated = tx
            .account_by_id(&target.id)
            .await?
            .ok_or_else(DomainError::not_found)?;
        Ok(updated)
    })
}

pub async fn delete_account(state: &AppState, caller: &Caller, login_id: &str) -> AppResult<()> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        if target.id == caller.account.id {
            return Err(
                DomainError::invalid("login_id", "自分自身のアカウントは削除できません。").into(),
            );
        }
        let t = target_of(&target);
        if t.role.is_doctor()
            && caller.principal.role.organization_kind() == OrganizationKind::Municipality
        {
            policy::can_delete_doctor(&caller.principal, &t)?;
        } else {
            policy::can_maintain_account(&caller.principal, &t, AccountAction::Delete)?;
        }
        if target.is_manager
            && tx.count_managers(&target.organization_id).await? <= 1
            && target.organization_kind == OrganizationKind::Institution
        {
            let others = tx
                .search_accounts(&AccountSearch {
                    organization_id: Some(target.organization_id.clone()),
                    limit: 2,
                    ..Default::default()
                })
                .await?
                .1;
            if others > 1 {
                return Err(DomainError::Conflict(
                    "この医療機関の唯一の責任者です。先に責任者権限を他のアカウントへ移動してください。".into(),
                )
                .into());
            }
        }
        tx.delete_account(&target.id).await?;
        tx.delete_sessions_of(&target.id).await?;
        audit::record(
            tx,
            caller,
            "delete_account",
            Some(login_id),
            audit::scope_of_account(&target),
            None,
        )
        .await?;
        Ok(())
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewStaffAccount {
    /// `clerk` (医療クラーク等) or `manager` (責任者 office account).
    pub role: String,
    pub family_name: String,
    pub given_name: String,
}

/// A 責任者 adds a clerk or a 責任者 office account to their institution.
pub async fn create_staff(
    state: &AppState,
    caller: &Caller,
    input: &NewStaffAccount,
) -> AppResult<IssuedAccount> {
    let role = Role::parse(&input.role).ok_or_else(|| {
        DomainError::invalid(
            "role",
            format!("役割「{}」は clerk か manager です。", input.role),
        )
    })?;
    policy::can_create_staff(&caller.principal, role)?;
    let family_name = required("family_name", "姓", &input.family_name)?;
    let given_name = required("given_name", "名", &input.given_name)?;
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        let is_manager = role == Role::Manager;
        let issued = insert_with_one_time_password(
            tx,
            role,
            NewAccount {
                organization_id: caller.account.organization_id.clone(),
                is_manager,
                family_name: family_name.clone(),
                given_name: given_name.clone(),
                issued_by: caller
                    .account
                    .organization_municipality_id
                    .clone()
                    .filter(|_| is_manager),
                ..Default::default()
            },
            &password,
        )
        .await?;
        audit::record(
            tx,
            caller,
            "create_account",
            Some(&issued.login_id),
            None,
            Some(role.as_str()),
        )
        .await?;
        Ok(issued)
    })
}

/// Administrator resets: a new one-time password; the user goes through the first log-in
/// again (new password, new key file).
pub async fn reset_password(
    state: &AppState,
    caller: &Caller,
    login_id: &str,
) -> AppResult<IssuedAccount> {
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        policy::can_maintain_account(
            &caller.principal,
            &target_of(&target),
            AccountAction::ResetPassword,
        )?;
        tx.set_password(&target.id, &password.hash, true).await?;
        tx.set_key_hash(&target.id, None).await?;
        tx.delete_sessions_of(&target.id).await?;
        tx.clear_login_attempts(&target.login_id).await?;
        audit::record(
            tx,
            caller,
            "reset_password",
            Some(login_id),
            audit::scope_of_account(&target),
            None,
        )
        .await?;
        Ok(IssuedAccount {
            login_id: target.login_id,
            initial_password: password.text.clone(),
            is_manager: target.is_manager,
        })
    })
}

pub async fn unlock(state: &AppState, caller: &Caller, login_id: &str) -> AppResult<()> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        policy::can_maintain_account(
            &caller.principal,
            &target_of(&target),
            AccountAction::Unlock,
        )?;
        tx.clear_login_attempts(&target.login_id).await?;
        audit::record(
            tx,
            caller,
            "unlock",
            Some(login_id),
            audit::scope_of_account(&target),
            None,
        )
        .await?;
        Ok(())
    })
}

/// Revokes the key file; the user registers a new one at the next log-in.
pub async fn reissue_key_file(state: &AppState, caller: &Caller, login_id: &str) -> AppResult<()> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        policy::can_maintain_account(
            &caller.principal,
            &target_of(&target),
            AccountAction::ReissueKeyFile,
        )?;
        tx.set_key_hash(&target.id, None).await?;
        tx.delete_sessions_of(&target.id).await?;
        audit::record(
            tx,
            caller,
            "reissue_key_file",
            Some(login_id),
            audit::scope_of_account(&target),
            None,
        )
        .await?;
        Ok(())
    })
}

/// 責任者 rights move from the caller to another account of the same institution.
pub async fn transfer_manager(state: &AppState, caller: &Caller, login_id: &str) -> AppResult<()> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        policy::can_transfer_manager(&caller.principal, &target_of(&target))?;
        tx.set_manager(&target.id, true).await?;
        tx.set_manager(&caller.account.id, false).await?;
        audit::record(
            tx,
            caller,
            "transfer_manager",
            Some(login_id),
            None,
            Some(&format!("移動元 {}", caller.account.login_id)),
        )
        .await?;
        Ok(())
    })
}

/// Whether a login ID is currently locked (shown on account lists).
pub async fn is_locked(state: &AppState, login_id: &str) -> AppResult<bool> {
    unit_of_work::read!(&state.store, |tx| {
        let attempts = tx.login_attempts(login_id).await?;
        Ok(attempts.is_some_and(|(failures, locked_at)| {
            state.config.lockout.is_locked(
                &nsdb_domain::lockout::AttemptState {
                    failures: failures as u32,
                    locked_at: locked_at
                        .as_deref()
                        .and_then(nsdb_domain::time::parse_timestamp),
                },
                chrono::Utc::now(),
            )
        }))
    })
}

/// Accounts the caller may see: own organization for everyone with user-management rights;
/// a 自治体 also sees the accounts of institutions it registered.
pub async fn list_accounts(
    state: &AppState,
    caller: &Caller,
    text: Option<String>,
    institution_only: bool,
    page: Option<i64>,
) -> AppResult<(Vec<AccountRow>, i64)> {
    let (limit, offset) = super::page_window(page, 50);
    let p = &caller.principal;
    let mut search = AccountSearch {
        text,
        limit,
        offset,
        ..Default::default()
    };
    match p.role.organization_kind() {
        OrganizationKind::Municipality if institution_only => {
            search.institution_municipality_id = Some(p.organization_id.clone());
        }
        OrganizationKind::Institution if !p.is_manager => {
            return Err(DomainError::forbidden("医療機関ユーザ管理").into());
        }
        _ if !p.role.is_admin() && !p.is_manager => {
            return Err(DomainError::forbidden("ユーザ管理").into());
        }
        _ => search.organization_id = Some(p.organization_id.clone()),
    }
    unit_of_work::change!(&state.store, |tx| {
        let result = tx.search_accounts(&search).await?;
        audit::record(
            tx,
            caller,
            "list_accounts",
            None,
            None,
            Some(&format!("{}件中{}件を表示", result.1, result.0.len())),
        )
        .await?;
        Ok(result)
    })
}

/// One account, if the caller may see it (404 otherwise).
pub async fn get_account(
    state: &AppState,
    caller: &Caller,
    login_id: &str,
) -> AppResult<AccountRow> {
    unit_of_work::change!(&state.store, |tx| {
        let target = target_account(tx, login_id).await?;
        if target.id != caller.account.id {
            policy::can_maintain_account(
                &caller.principal,
                &target_of(&target),
                AccountAction::View,
            )
            .map_err(|e| match e {
                DomainError::Forbidden(_) => DomainError::not_found(),
                other => other,
            })?;
        }
        audit::record(
            tx,
            caller,
            "view_account",
            Some(login_id),
            audit::scope_of_account(&target),
            None,
        )
        .await?;
        Ok(target)
    })
}

/// Finishes the first log-in of an account without a browser: sets the password and
/// issues a key file (demo seeding only). Returns the key file's text.
pub async fn complete_onboarding(
    store: &nsdb_store::Store,
    login_id: &str,
    password: &str,
    email: &str,
) -> AppResult<String> {
    let password_hash = hash(password).await?;
    unit_of_work::change!(store, |tx| {
        let account = target_account(tx, login_id).await?;
        let key = credentials::issue_key_file(
            login_id,
            &nsdb_domain::time::format_timestamp(chrono::Utc::now()),
        );
        tx.set_password(&account.id, &password_hash, false).await?;
        tx.set_email(&account.id, email).await?;
        tx.set_key_hash(&account.id, Some(&key.secret_hash)).await?;
        Ok(key.text)
    })
}

/// Sets a 有効期限 that has already passed (demo seeding only: a designation issued years
/// ago that has since expired; through the system, a past date is refused).
pub async fn seed_expired_designation(
    store: &nsdb_store::Store,
    login_id: &str,
    valid_until: chrono::NaiveDate,
) -> AppResult<()> {
    unit_of_work::change!(store, |tx| {
        let account = target_account(tx, login_id).await?;
        tx.update_doctor_designation(
            &account.id,
            &valid_until.to_string(),
            account.department.as_deref(),
            account.phone.as_deref(),
        )
        .await?;
        Ok(())
    })
}

/// The ministry's first 管理者, created by the operator (demo seeding and set-up).
pub async fn create_ministry_admin(state: &AppState, caller: &Caller) -> AppResult<IssuedAccount> {
    policy::can_register_municipality(&caller.principal)?;
    let password = OneTimePassword::new().await?;
    unit_of_work::change!(&state.store, |tx| {
        let ministry = tx
            .organization_by_code("ministry", "ministry")
            .await?
            .ok_or_else(DomainError::not_found)?;
        let issued = insert_with_one_time_password(
            tx,
            Role::MinistryAdmin,
            NewAccount {
                organization_id: ministry.id,
                family_name: "厚労".into(),
                given_name: "管理者".into(),
                ..Default::default()
            },
            &password,
        )
        .await?;
        audit::record(
            tx,
            caller,
            "create_account",
            Some(&issued.login_id),
            None,
            Some("厚生労働省 管理者"),
        )
        .await?;
        Ok(issued)
    })
}

/// Looks an account up by login ID (for command-line tools and seeding).
pub async fn account_by_login_id(
    store: &nsdb_store::Store,
    login_id: &str,
) -> AppResult<AccountRow> {
    unit_of_work::read!(store, |tx| { target_account(tx, login_id).await })
}
