//! Who may do what to whom (domain.md "Account rules"). Every service calls these before
//! it changes anything; the UI only hides what these would refuse anyway.
//!
//! Scope rule: a target outside the caller's scope is `NotFound` (404, never reveal it
//! exists); a target in scope that the caller's role may not touch is `Forbidden` (403).

use crate::identifiers::{InstitutionCode, MunicipalityCode, PayerNumber};
use crate::model::{OrganizationKind, Principal, Program, Role};
use crate::DomainError;
use chrono::NaiveDate;
use nsdb_forms::ApplicationKind;

/// The account an operation acts on, as the policy needs to see it.
#[derive(Debug, Clone)]
pub struct AccountTarget {
    pub organization_id: String,
    pub organization_kind: OrganizationKind,
    pub role: Role,
    pub is_manager: bool,
    /// 自治体 that issued the ID (doctors and 責任者 of institutions; 自治体 管理者 by the operator).
    pub issued_by: Option<String>,
    /// For institution accounts: the 自治体 the institution is registered with.
    pub municipality_id: Option<String>,
}

/// Account-maintenance operations that share one scope rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    ResetPassword,
    Unlock,
    ReissueKeyFile,
    Delete,
    View,
}

impl AccountAction {
    fn label(self) -> &'static str {
        match self {
            Self::ResetPassword => "パスワード初期化",
            Self::Unlock => "ロック解除",
            Self::ReissueKeyFile => "鍵ファイル再発行",
            Self::Delete => "アカウント削除",
            Self::View => "アカウント参照",
        }
    }
}

fn is_municipality_staff(p: &Principal) -> bool {
    matches!(p.role, Role::MunicipalityAdmin | Role::MunicipalityUser)
}

fn is_institution_member(p: &Principal) -> bool {
    p.role.organization_kind() == OrganizationKind::Institution
}

/// Operator 管理者 registers 自治体 and their first 管理者.
pub fn can_register_municipality(p: &Principal) -> Result<(), DomainError> {
    match p.role {
        Role::OperatorAdmin => Ok(()),
        _ => Err(DomainError::forbidden("自治体の登録")),
    }
}

/// Writing forms (臨個票・意見書): the members of a 医療機関 — 指定医, 協力難病指定医, clerks
/// and the 責任者 office account. Who approves is a separate rule.
pub fn can_write_forms(p: &Principal) -> Result<(), DomainError> {
    match p.role.organization_kind() {
        OrganizationKind::Institution => Ok(()),
        _ => Err(DomainError::forbidden("臨個票・意見書の入力")),
    }
}

/// Reading stored forms: the members of a 医療機関 (their institutions' forms), and the
/// staff of a 自治体 (the forms they opened by access key). The operator and the ministry
/// read none yet (the paper path and research extracts are theirs).
pub fn can_read_forms(p: &Principal) -> Result<(), DomainError> {
    if can_write_forms(p).is_ok() || is_municipality_staff(p) {
        Ok(())
    } else {
        Err(DomainError::forbidden("臨個票・意見書の参照"))
    }
}

/// Writing one form (create, save, ask for approval): a 指定医 writes the forms of their own
/// program; a 協力難病指定医 writes 更新 臨個票 only, never new ones (domain.md Account
/// rules); clerks and the 責任者 office account write both programs.
pub fn can_write_form(
    p: &Principal,
    program: Program,
    application_kind: ApplicationKind,
) -> Result<(), DomainError> {
    can_write_forms(p)?;
    if let (true, Some(own)) = (p.role.is_doctor(), p.program) {
        if own != program {
            return Err(DomainError::Forbidden(format!(
                "{}の指定医は{}の様式を作成できません。",
                own.label(),
                program.label()
            )));
        }
    }
    if p.role == Role::CooperatingDoctor && application_kind != ApplicationKind::Renewal {
        return Err(DomainError::Forbidden(
            "協力難病指定医が作成できるのは更新の臨個票だけです。".into(),
        ));
    }
    Ok(())
}

/// The institutions whose patients and forms a member of a 医療機関 sees and writes: its
/// own, and for a doctor those where the 責任者 approved their 兼務 (domain.md: 「兼務先医療機関
/// の患者の臨個票・意見書を閲覧・修正可能」).
pub fn form_institutions(
    p: &Principal,
    approved_concurrent: Vec<String>,
) -> Result<Vec<String>, DomainError> {
    can_write_forms(p)?;
    let mut scope = vec![p.organization_id.clone()];
    if p.role.is_doctor() {
        scope.extend(approved_concurrent);
    }
    Ok(scope)
}

/// A patient or form of an institution outside the caller's scope does not exist for them.
pub fn in_form_scope(scope: &[String], institution_id: &str) -> Result<(), DomainError> {
    if scope.iter().any(|id| id == institution_id) {
        Ok(())
    } else {
        Err(DomainError::not_found())
    }
}

/// Who may approve (確定), return or withdraw a form: a 指定医 of the form's program with a
/// designation in force on `today`; a 協力難病指定医 only 更新 forms (domain.md Life cycle).
pub fn can_approve_form(
    p: &Principal,
    program: Program,
    application_kind: ApplicationKind,
    today: NaiveDate,
) -> Result<(), DomainError> {
    ensure_designation_valid(p, today)?;
    if p.program != Some(program) {
        return Err(DomainError::Forbidden(format!(
            "{}の様式は{}の指定医が承認します。",
            program.label(),
            program.label()
        )));
    }
    if p.role == Role::CooperatingDoctor && application_kind != ApplicationKind::Renewal {
        return Err(DomainError::Forbidden(
            "協力難病指定医が承認できるのは更新の臨個票だけです。".into(),
        ));
    }
    Ok(())
}

/// A clerk asks a doctor to approve: the doctor must be one who could approve it.
pub fn can_be_asked_to_approve(
    doctor: &Principal,
    scope_of_doctor: &[String],
    institution_id: &str,
    program: Program,
    application_kind: ApplicationKind,
    today: NaiveDate,
) -> Result<(), DomainError> {
    let unsuitable = |why: String| DomainError::invalid("doctor_login_id", why);
    if !scope_of_doctor.iter().any(|id| id == institution_id) {
        return Err(unsuitable(format!(
            "{}はこの医療機関の指定医ではありません（兼務の承認もありません）。",
            doctor.login_id
        )));
    }
    can_approve_form(doctor, program, application_kind, today).map_err(|e| {
        unsuitable(format!(
            "{}にはこの臨個票・意見書を承認する資格がありません: {e}",
            doctor.login_id
        ))
    })
}

/// Who may look a form up by its access key (domain.md Life cycle, 連携): the staff of a
/// 自治体 that handles the form's program, to which the patient hands the key; and, with the
/// patient's consent, a 指定医 of the form's program at another institution (after a
/// transfer) whose designation is in force. Never a clerk. Checked before the key is
/// looked at, so a refusal says nothing about whether the key exists.
pub fn can_look_up_access_key(p: &Principal, today: NaiveDate) -> Result<(), DomainError> {
    if is_municipality_staff(p) {
        return Ok(());
    }
    if p.role.is_doctor() {
        return ensure_designation_valid(p, today).map_err(|_| {
            DomainError::Forbidden(
                "指定医の有効期限が過ぎているため、アクセスキーで参照できません。".into(),
            )
        });
    }
    Err(DomainError::Forbidden(
        "アクセスキーによる参照（連携）は指定医と自治体の職員だけができます。".into(),
    ))
}

/// The form behind a key, for the caller who holds the key: a 自治体 handles its program;
/// a doctor is of its program. `municipality_programs` are the caller's 自治体's programs
/// (empty for doctors).
pub fn can_open_by_access_key(
    p: &Principal,
    municipality_programs: &[Program],
    form_program: Program,
) -> Result<(), DomainError> {
    let handles = if is_municipality_staff(p) {
        municipality_programs.contains(&form_program)
    } else {
        p.role.is_doctor() && p.program == Some(form_program)
    };
    if handles {
        Ok(())
    } else {
        Err(DomainError::Forbidden(format!(
            "このアクセスキーは{}の臨個票・意見書です。担当外のため参照できません。",
            form_program.label()
        )))
    }
}

/// 自治体受付 and what follows: the staff of a 自治体 that has opened the form by its key.
pub fn can_receive_form(p: &Principal) -> Result<(), DomainError> {
    if is_municipality_staff(p) {
        Ok(())
    } else {
        Err(DomainError::forbidden("自治体受付"))
    }
}

/// 自治体受付: the 公費負担者番号 names the form's program (法別番号 54 難病, 52 小慢) and
/// the receiving 自治体's prefecture (designated cities use their prefecture's number).
pub fn check_payer_number(
    payer: &PayerNumber,
    program: Program,
    municipality: &MunicipalityCode,
) -> Result<(), DomainError> {
    let law = match program {
        Program::Nanbyo => "54",
        Program::Shoman => "52",
    };
    if payer.law() != law {
        return Err(DomainError::invalid(
            PayerNumber::FIELD,
            format!(
                "公費負担者番号の法別番号は{}では{law}です（入力値: {payer}）。",
                program.label()
            ),
        ));
    }
    if payer.prefecture() != municipality.prefecture() {
        return Err(DomainError::invalid(
            PayerNumber::FIELD,
            format!(
                "公費負担者番号の都道府県番号（{}）が受付する自治体の都道府県番号（{}）と一致しません。",
                payer.prefecture(),
                municipality.prefecture()
            ),
        ));
    }
    Ok(())
}

/// The monitoring of 前回値踏襲 use per institution: the operator's (domain.md Forms).
pub fn can_monitor_renewal_use(p: &Principal) -> Result<(), DomainError> {
    match p.role {
        Role::OperatorAdmin | Role::OperatorUser => Ok(()),
        _ => Err(DomainError::forbidden("前回値踏襲の利用状況")),
    }
}

/// The list of 自治体: the operator, who registers them, and the ministry, which oversees.
pub fn can_list_municipalities(p: &Principal) -> Result<(), DomainError> {
    match p.role.organization_kind() {
        OrganizationKind::Operator | OrganizationKind::Ministry => Ok(()),
        _ => Err(DomainError::forbidden("自治体一覧")),
    }
}

/// Mail kept in the outbox (no SMTP configured) holds reset links: the operator only.
pub fn can_read_outbox(p: &Principal) -> Result<(), DomainError> {
    match p.role {
        Role::OperatorAdmin | Role::OperatorUser => Ok(()),
        _ => Err(DomainError::forbidden("送信メールの参照")),
    }
}

/// A 管理者 adds general users (or further 管理者) to its own organization.
pub fn can_create_organization_user(p: &Principal, role: Role) -> Result<(), DomainError> {
    let allowed = p.role.is_admin()
        && role.organization_kind() == p.role.organization_kind()
        && (role.is_admin() || Some(role) == p.role.general_user_of());
    if allowed {
        Ok(())
    } else {
        Err(DomainError::forbidden("ユーザの登録"))
    }
}

/// A 自治体 registers only 医療機関 in its own area: the 都道府県番号 of the 医療機関コード
/// is the one of its 地方公共団体コード (domain.md). Codes are public, so the refusal may say
/// where the institution belongs.
pub fn institution_in_area(
    municipality_code: &str,
    municipality_name: &str,
    institution: &InstitutionCode,
) -> Result<(), DomainError> {
    let own = MunicipalityCode::parse(municipality_code)?;
    if own.prefecture() == institution.prefecture() {
        return Ok(());
    }
    Err(DomainError::invalid(
        "code",
        format!(
            "医療機関コード{institution}の都道府県番号は{}で、{municipality_name}（都道府県番号{}）の区域外です。医療機関は所在地の自治体が登録します。",
            institution.prefecture(),
            own.prefecture()
        ),
    ))
}

/// 自治体 staff register 医療機関 in their own area.
pub fn can_register_institution(p: &Principal) -> Result<(), DomainError> {
    if is_municipality_staff(p) {
        Ok(())
    } else {
        Err(DomainError::forbidden("医療機関の登録"))
    }
}

/// An institution is in a 自治体's scope when that 自治体 registered it.
pub fn institution_in_scope(
    p: &Principal,
    institution_municipality_id: &str,
) -> Result<(), DomainError> {
    if is_municipality_staff(p) && p.organization_id == institution_municipality_id {
        Ok(())
    } else {
        Err(DomainError::not_found())
    }
}

/// Issuing a 指定医 ID: 自治体 staff, for an institution they registered, in a program
/// the 自治体 handles.
pub fn can_issue_doctor(
    p: &Principal,
    institution_municipality_id: &str,
    municipality_programs: &[Program],
    program: Program,
) -> Result<(), DomainError> {
    if !is_municipality_staff(p) {
        return Err(DomainError::forbidden("指定医IDの払出し"));
    }
    institution_in_scope(p, institution_municipality_id)?;
    if !municipality_programs.contains(&program) {
        return Err(DomainError::invalid(
            "program",
            format!(
                "この自治体は{}を所管していないため、{}の指定医IDは払い出せません。",
                program.label(),
                program.label()
            ),
        ));
    }
    Ok(())
}

/// Only the issuing 自治体 may update or delete a doctor ID (or change its expiry).
/// Other 自治体 get 404; anyone else who can see the account gets 403.
pub fn can_update_doctor(p: &Principal, target: &AccountTarget) -> Result<(), DomainError> {
    if !target.role.is_doctor() {
        return Err(DomainError::not_found());
    }
    if is_municipality_staff(p) {
        return if target.issued_by.as_deref() == Some(p.organization_id.as_str()) {
            Ok(())
        } else {
            Err(DomainError::not_found())
        };
    }
    if is_institution_member(p) && p.organization_id == target.organization_id {
        return Err(DomainError::forbidden("指定医情報の変更"));
    }
    Err(DomainError::not_found())
}

/// Deleting a doctor ID: the issuing 自治体's 管理者 (domain.md: the 自治体 管理者 maintains the
/// 指定医 and 責任者 IDs it issued); its 一般ユーザ get 403, anyone else 404.
pub fn can_delete_doctor(p: &Principal, target: &AccountTarget) -> Result<(), DomainError> {
    can_update_doctor(p, target)?;
    if p.role == Role::MunicipalityAdmin {
        Ok(())
    } else {
        Err(DomainError::forbidden(
            "指定医IDの削除（自治体の管理者のみ）",
        ))
    }
}

/// 責任者 create clerk and 責任者 accounts in their own institution.
pub fn can_create_staff(p: &Principal, role: Role) -> Result<(), DomainError> {
    if !is_institution_member(p) || !p.is_manager {
        return Err(DomainError::forbidden("医療機関ユーザの登録"));
    }
    if !matches!(role, Role::Clerk | Role::Manager) {
        return Err(DomainError::invalid(
            "role",
            "責任者が登録できるのは医療クラーク等（clerk）と責任者（manager）のアカウントです。指定医IDは自治体が払い出します。",
        ));
    }
    Ok(())
}

/// Maintenance of another account (reset, unlock, key reissue, delete, view).
pub fn can_maintain_account(
    p: &Principal,
    target: &AccountTarget,
    action: AccountAction,
) -> Result<(), DomainError> {
    let forbidden = || DomainError::forbidden(action.label());
    match target.organization_kind {
        OrganizationKind::Institution => {
            if is_institution_member(p) && p.organization_id == target.organization_id {
                if !p.is_manager {
                    return Err(forbidden());
                }
                // Doctor IDs are the 自治体's to delete; the 責任者 maintains them otherwise.
                if action == AccountAction::Delete && target.role.is_doctor() {
                    return Err(DomainError::Forbidden(
                        "指定医IDの削除は払い出した自治体が行います。".into(),
                    ));
                }
                return Ok(());
            }
            if is_municipality_staff(p) {
                let issued_here = target.issued_by.as_deref() == Some(p.organization_id.as_str());
                let area_here =
                    target.municipality_id.as_deref() == Some(p.organization_id.as_str());
                if action == AccountAction::View && area_here {
                    return Ok(());
                }
                if issued_here && (target.role.is_doctor() || target.is_manager) {
                    return if p.role == Role::MunicipalityAdmin || action == AccountAction::View {
                        Ok(())
                    } else {
                        Err(forbidden())
                    };
                }
                return if area_here {
                    Err(forbidden())
                } else {
                    Err(DomainError::not_found())
                };
            }
            Err(DomainError::not_found())
        }
        kind => {
            // Ministry, operator, 自治体: the organization's own 管理者; the operator's
            // 管理者 also maintains the 自治体 管理者 it registered.
            if p.organization_id == target.organization_id {
                return if p.role.is_admin() || action == AccountAction::View {
                    Ok(())
                } else {
                    Err(forbidden())
                };
            }
            if kind == OrganizationKind::Municipality
                && p.role == Role::OperatorAdmin
                && target.role == Role::MunicipalityAdmin
            {
                return Ok(());
            }
            Err(DomainError::not_found())
        }
    }
}

/// 責任者 rights move from a 責任者 to another account of the same institution.
pub fn can_transfer_manager(p: &Principal, target: &AccountTarget) -> Result<(), DomainError> {
    if !is_institution_member(p) || p.organization_id != target.organization_id {
        return Err(DomainError::not_found());
    }
    if !p.is_manager {
        return Err(DomainError::forbidden("責任者権限の移動"));
    }
    if target.is_manager {
        return Err(DomainError::Conflict(
            "移動先のアカウントは既に責任者です。".into(),
        ));
    }
    Ok(())
}

/// 兼務先 applications: a doctor, to another registered institution.
pub fn can_apply_concurrent(p: &Principal, institution_id: &str) -> Result<(), DomainError> {
    if !p.role.is_doctor() {
        return Err(DomainError::forbidden("兼務先の申請"));
    }
    if p.organization_id == institution_id {
        return Err(DomainError::invalid(
            "institution_code",
            "主たる勤務先の医療機関は兼務先に申請できません。",
        ));
    }
    Ok(())
}

/// The 責任者 of the applied-for institution approves or rejects.
pub fn can_decide_concurrent(p: &Principal, institution_id: &str) -> Result<(), DomainError> {
    if !is_institution_member(p) || p.organization_id != institution_id {
        return Err(DomainError::not_found());
    }
    if !p.is_manager {
        return Err(DomainError::forbidden("兼務申請の承認"));
    }
    Ok(())
}

/// 自治体 staff register and revoke the client certificates of the institutions they
/// registered (404 outside that scope, as for the institution itself).
pub fn can_manage_institution_certificates(
    p: &Principal,
    institution_municipality_id: &str,
) -> Result<(), DomainError> {
    if !is_municipality_staff(p) {
        return Err(DomainError::forbidden("医療機関の証明書の管理"));
    }
    institution_in_scope(p, institution_municipality_id)
}

/// With client certificates required (`nsdb serve --client-ca`): whether the certificate
/// of the connection admits the account, at log-in and on every authenticated request.
///
/// - An institution account (責任者, clerk, doctor) needs a certificate registered, and not
///   revoked, with an institution it works at: its own; a doctor also each 兼務先 whose
///   application was approved (`approved_concurrent_institutions`).
/// - Any other account (自治体, operator, ministry) needs a certificate registered with no
///   institution: an institution's terminal does not reach their data.
///
/// `certificate_institutions` are the institutions the certificate is registered with
/// (not revoked); `None` when the connection presented no certificate.
pub fn ensure_certificate_admits(
    p: &Principal,
    approved_concurrent_institutions: &[String],
    certificate_institutions: Option<&[String]>,
) -> Result<(), DomainError> {
    let Some(registered_with) = certificate_institutions else {
        return Err(DomainError::Forbidden(
            "クライアント証明書が提示されていません。登録された端末から接続してください。".into(),
        ));
    };
    if !is_institution_member(p) {
        return if registered_with.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Forbidden(
                "この端末の証明書は医療機関に登録されたものです。自治体・システム運営主体・厚生労働省のアカウントは医療機関の端末からは使えません。".into(),
            ))
        };
    }
    let works_at = |institution: &String| {
        *institution == p.organization_id
            || (p.role.is_doctor() && approved_concurrent_institutions.contains(institution))
    };
    if registered_with.iter().any(works_at) {
        Ok(())
    } else {
        Err(DomainError::Forbidden(
            "この端末の証明書は、あなたが所属する医療機関に登録されていません。所属する医療機関の端末から接続するか、医療機関を登録した自治体に証明書の登録を依頼してください。".into(),
        ))
    }
}

/// Operation-log search: operator and ministry see everything, a 自治体 its own scope.
pub enum LogScope {
    All,
    Municipality(String),
}

pub fn operation_log_scope(p: &Principal) -> Result<LogScope, DomainError> {
    match p.role {
        Role::OperatorAdmin | Role::OperatorUser | Role::MinistryAdmin | Role::MinistryUser => {
            Ok(LogScope::All)
        }
        Role::MunicipalityAdmin | Role::MunicipalityUser => {
            Ok(LogScope::Municipality(p.organization_id.clone()))
        }
        _ => Err(DomainError::forbidden("操作ログ検索")),
    }
}

/// A 指定医 account expires with its designation (domain.md; the seeds: 「原則、指定医資格と
/// 同時に有効期限が切れる」). Other accounts do not expire.
pub fn designation_expired(p: &Principal, today: NaiveDate) -> bool {
    p.role.is_doctor() && p.valid_until.is_some_and(|until| until < today)
}

/// Log-in and every request of an expired 指定医 are refused, naming whom to ask (`issuer`:
/// the 自治体 that issued the ID). Refusing the account refuses all it could do: forms,
/// 兼務 applications, the 責任者's maintenance.
pub fn ensure_account_in_force(
    p: &Principal,
    today: NaiveDate,
    issuer: &str,
) -> Result<(), DomainError> {
    if !designation_expired(p, today) {
        return Ok(());
    }
    let until = p.valid_until.map(|d| d.to_string()).unwrap_or_default();
    Err(DomainError::Forbidden(format!(
        "指定医の有効期限（{until}）が過ぎたため、このアカウントは利用できません。指定医IDを払い出した{issuer}に有効期限の更新を依頼してください。"
    )))
}

/// After 有効期限 a doctor can no longer approve forms; 協力難病指定医 never approve new ones.
pub fn ensure_designation_valid(p: &Principal, today: NaiveDate) -> Result<(), DomainError> {
    if !p.role.is_doctor() {
        return Err(DomainError::forbidden("承認（指定医のみ）"));
    }
    match p.valid_until {
        Some(until) if until >= today => Ok(()),
        Some(until) => Err(DomainError::Forbidden(format!(
            "指定医の有効期限（{until}）が過ぎているため承認できません。自治体に指定の更新を依頼してください。"
        ))),
        None => Err(DomainError::Forbidden(
            "指定医の有効期限が登録されていないため承認できません。".into(),
        )),
    }
}

/// A designation is issued, and its 有効期限 changed, only to a day not yet past: an ID that
/// is expired on issue is a typing error (and an account that would expire at once).
pub fn check_new_valid_until(valid_until: NaiveDate, today: NaiveDate) -> Result<(), DomainError> {
    if valid_until < today {
        return Err(DomainError::invalid(
            "valid_until",
            format!(
                "指定医有効期限（{valid_until}）が過ぎています。今日（{today}）以降の日付を入力してください。"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // domain.md: 「A 自治体 registers only 医療機関 in its own area (the 都道府県番号 of the
    // 医療機関コード is its prefecture's).」
    #[test]
    fn an_institution_of_another_prefecture_is_out_of_area() {
        let yokohama_hospital = InstitutionCode::parse("1410123457").unwrap();
        assert!(institution_in_area("141003", "横浜市", &yokohama_hospital).is_ok());
        let err = institution_in_area("130001", "東京都", &yokohama_hospital).unwrap_err();
        assert!(err.to_string().contains("都道府県番号は14"), "{err}");
    }

    // domain.md 連携: 「a 指定医 (not a clerk) of another institution enters the access key」;
    // the 自治体 looks forms up by key.
    #[test]
    fn access_keys_are_looked_up_by_doctors_in_force_and_municipal_staff_only() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut doctor = principal(Role::Doctor, "inst", false);
        doctor.valid_until = Some(today);
        assert!(can_look_up_access_key(&doctor, today).is_ok());
        doctor.valid_until = today.pred_opt();
        assert!(can_look_up_access_key(&doctor, today).is_err());
        let clerk = principal(Role::Clerk, "inst", false);
        let refusal = can_look_up_access_key(&clerk, today).unwrap_err();
        assert!(refusal.to_string().contains("指定医と自治体"), "{refusal}");
        let staff = principal(Role::MunicipalityUser, "pref", false);
        assert!(can_look_up_access_key(&staff, today).is_ok());
        let operator = principal(Role::OperatorUser, "op", false);
        assert!(can_look_up_access_key(&operator, today).is_err());
    }

    // domain.md Identifiers: 公費負担者番号 = 法別 2 (54 難病, 52 小慢) + 都道府県番号 2 + … ;
    // example 54016027 (北海道, 難病).
    #[test]
    fn a_payer_number_must_name_the_program_and_the_receiving_prefecture() {
        let hokkaido = MunicipalityCode::parse("010006").unwrap();
        let tokyo = MunicipalityCode::parse("130001").unwrap();
        let payer = PayerNumber::parse("54016027").unwrap();
        assert!(check_payer_number(&payer, Program::Nanbyo, &hokkaido).is_ok());
        let wrong_program = check_payer_number(&payer, Program::Shoman, &hokkaido).unwrap_err();
        assert!(wrong_program.to_string().contains("52"), "{wrong_program}");
        let wrong_place = check_payer_number(&payer, Program::Nanbyo, &tokyo).unwrap_err();
        assert!(wrong_place.to_string().contains("（01）"), "{wrong_place}");
    }

    #[test]
    fn a_key_opens_only_forms_of_the_callers_program() {
        let mut doctor = principal(Role::Doctor, "inst", false);
        doctor.program = Some(Program::Nanbyo);
        assert!(can_open_by_access_key(&doctor, &[], Program::Nanbyo).is_ok());
        assert!(can_open_by_access_key(&doctor, &[], Program::Shoman).is_err());
        let staff = principal(Role::MunicipalityAdmin, "pref", true);
        assert!(can_open_by_access_key(&staff, &[Program::Shoman], Program::Shoman).is_ok());
        assert!(can_open_by_access_key(&staff, &[Program::Shoman], Program::Nanbyo).is_err());
    }

    // domain.md: 「The account expires with it: log-in is refused with a message naming whom
    // to ask」 — the last valid day is the 有効期限 itself.
    #[test]
    fn a_doctor_account_is_in_force_through_its_valid_until_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let mut doctor = principal(Role::Doctor, "inst", false);
        doctor.valid_until = Some(today);
        assert!(ensure_account_in_force(&doctor, today, "東京都").is_ok());
        doctor.valid_until = today.pred_opt();
        let refusal = ensure_account_in_force(&doctor, today, "東京都").unwrap_err();
        assert!(
            refusal.to_string().contains("東京都に有効期限の更新"),
            "{refusal}"
        );
        let clerk = principal(Role::Clerk, "inst", false);
        assert!(ensure_account_in_force(&clerk, today, "東京都").is_ok());
    }

    // screens.md: the operator registers 自治体; the ministry sees them; nobody else does.
    // The outbox holds password-reset links: the operator's alone.
    #[test]
    fn municipality_list_and_outbox_by_role() {
        for (role, list, outbox) in [
            (Role::OperatorAdmin, true, true),
            (Role::OperatorUser, true, true),
            (Role::MinistryAdmin, true, false),
            (Role::MinistryUser, true, false),
            (Role::MunicipalityAdmin, false, false),
            (Role::Doctor, false, false),
            (Role::Clerk, false, false),
        ] {
            let p = principal(role, "org", false);
            assert_eq!(can_list_municipalities(&p).is_ok(), list, "{role:?}");
            assert_eq!(can_read_outbox(&p).is_ok(), outbox, "{role:?}");
        }
    }

    // domain.md: 「Clerks draft and comment; only a 指定医 … approves」 — every member of a
    // 医療機関 writes; 自治体, operator and ministry do not.
    #[test]
    fn institution_members_write_forms_and_others_do_not() {
        for role in [
            Role::Doctor,
            Role::CooperatingDoctor,
            Role::Clerk,
            Role::Manager,
        ] {
            assert!(
                can_write_forms(&principal(role, "inst", false)).is_ok(),
                "{role:?}"
            );
        }
        for role in [
            Role::MunicipalityAdmin,
            Role::OperatorUser,
            Role::MinistryAdmin,
        ] {
            assert!(
                can_write_forms(&principal(role, "org", false)).is_err(),
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_new_valid_until_may_be_today_but_not_yesterday() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert!(check_new_valid_until(today, today).is_ok());
        assert!(check_new_valid_until(today.pred_opt().unwrap(), today).is_err());
    }

    fn principal(role: Role, org: &str, manager: bool) -> Principal {
        Principal {
            account_id: "a".into(),
            login_id: "L".into(),
            role,
            is_manager: manager,
            organization_id: org.into(),
            municipality_id: Some("tokyo".into()),
            program: Some(Program::Nanbyo),
            valid_until: NaiveDate::from_ymd_opt(2027, 3, 31),
            issued_by: None,
        }
    }

    fn doctor_target(org: &str, issued_by: &str) -> AccountTarget {
        AccountTarget {
            organization_id: org.into(),
            organization_kind: OrganizationKind::Institution,
            role: Role::Doctor,
            is_manager: false,
            issued_by: Some(issued_by.into()),
            municipality_id: Some(issued_by.into()),
        }
    }

    #[test]
    fn only_issuing_municipality_updates_a_doctor() {
        let target = doctor_target("hosp", "tokyo");
        assert!(
            can_update_doctor(&principal(Role::MunicipalityAdmin, "tokyo", false), &target).is_ok()
        );
        assert!(matches!(
            can_update_doctor(&principal(Role::MunicipalityAdmin, "osaka", false), &target),
            Err(DomainError::NotFound(_))
        ));
        assert!(matches!(
            can_update_doctor(&principal(Role::Manager, "hosp", true), &target),
            Err(DomainError::Forbidden(_))
        ));
        assert!(matches!(
            can_update_doctor(&principal(Role::Manager, "other", true), &target),
            Err(DomainError::NotFound(_))
        ));
    }

    #[test]
    fn only_the_issuing_municipality_admin_deletes_a_doctor_id() {
        let target = doctor_target("hosp", "tokyo");
        assert!(
            can_delete_doctor(&principal(Role::MunicipalityAdmin, "tokyo", false), &target).is_ok()
        );
        assert!(matches!(
            can_delete_doctor(&principal(Role::MunicipalityUser, "tokyo", false), &target),
            Err(DomainError::Forbidden(_))
        ));
        assert!(matches!(
            can_delete_doctor(&principal(Role::MunicipalityAdmin, "osaka", false), &target),
            Err(DomainError::NotFound(_))
        ));
    }

    #[test]
    fn expired_designation_cannot_approve() {
        let mut p = principal(Role::Doctor, "hosp", false);
        let day = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        assert!(
            ensure_designation_valid(&p, day).is_ok(),
            "valid through the expiry day"
        );
        assert!(ensure_designation_valid(&p, day.succ_opt().unwrap()).is_err());
        p.role = Role::Clerk;
        assert!(ensure_designation_valid(&p, day).is_err());
    }

    #[test]
    fn clerk_cannot_maintain_accounts_but_manager_can() {
        let target = AccountTarget {
            role: Role::Clerk,
            ..doctor_target("hosp", "tokyo")
        };
        let clerk = principal(Role::Clerk, "hosp", false);
        let manager = principal(Role::Clerk, "hosp", true);
        assert!(matches!(
            can_maintain_account(&clerk, &target, AccountAction::ResetPassword),
            Err(DomainError::Forbidden(_))
        ));
        assert!(can_maintain_account(&manager, &target, AccountAction::ResetPassword).is_ok());
        assert!(can_maintain_account(&manager, &target, AccountAction::Delete).is_ok());
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_institution_certificate_admits_only_that_institutions_accounts() {
        let hosp = ids(&["hosp"]);
        for role in [
            Role::Clerk,
            Role::Manager,
            Role::Doctor,
            Role::CooperatingDoctor,
        ] {
            let p = principal(role, "hosp", false);
            assert!(
                ensure_certificate_admits(&p, &[], Some(&hosp)).is_ok(),
                "{role:?}"
            );
            let other = principal(role, "other", false);
            assert!(matches!(
                ensure_certificate_admits(&other, &[], Some(&hosp)),
                Err(DomainError::Forbidden(_))
            ));
            assert!(
                ensure_certificate_admits(&p, &[], Some(&[])).is_err(),
                "an unregistered certificate admits no institution account"
            );
        }
        // A certificate registered with two institutions admits the accounts of both.
        let shared = ids(&["other", "hosp"]);
        assert!(ensure_certificate_admits(
            &principal(Role::Clerk, "hosp", false),
            &[],
            Some(&shared)
        )
        .is_ok());
    }

    #[test]
    fn a_doctor_may_use_the_certificate_of_an_approved_concurrent_institution() {
        let second = ids(&["second"]);
        let approved = ids(&["second"]);
        let doctor = principal(Role::Doctor, "hosp", false);
        assert!(ensure_certificate_admits(&doctor, &approved, Some(&second)).is_ok());
        assert!(ensure_certificate_admits(&doctor, &[], Some(&second)).is_err());
        // 兼務 is a doctor's: a clerk's list (never filled by the services) changes nothing.
        let clerk = principal(Role::Clerk, "hosp", false);
        assert!(ensure_certificate_admits(&clerk, &approved, Some(&second)).is_err());
    }

    #[test]
    fn other_accounts_need_a_certificate_registered_with_no_institution() {
        for role in [
            Role::MunicipalityAdmin,
            Role::MunicipalityUser,
            Role::OperatorAdmin,
            Role::OperatorUser,
            Role::MinistryAdmin,
            Role::MinistryUser,
        ] {
            let p = principal(role, "tokyo", false);
            assert!(
                ensure_certificate_admits(&p, &[], Some(&[])).is_ok(),
                "{role:?}"
            );
            assert!(matches!(
                ensure_certificate_admits(&p, &[], Some(&ids(&["hosp"]))),
                Err(DomainError::Forbidden(_))
            ));
        }
    }

    #[test]
    fn no_certificate_admits_no_one() {
        for role in Role::ALL {
            assert!(matches!(
                ensure_certificate_admits(&principal(role, "hosp", false), &[], None),
                Err(DomainError::Forbidden(_))
            ));
        }
    }

    #[test]
    fn only_the_registering_municipality_manages_an_institutions_certificates() {
        assert!(can_manage_institution_certificates(
            &principal(Role::MunicipalityUser, "tokyo", false),
            "tokyo"
        )
        .is_ok());
        assert!(matches!(
            can_manage_institution_certificates(
                &principal(Role::MunicipalityAdmin, "osaka", false),
                "tokyo"
            ),
            Err(DomainError::NotFound(_))
        ));
        assert!(matches!(
            can_manage_institution_certificates(&principal(Role::Manager, "hosp", true), "tokyo"),
            Err(DomainError::Forbidden(_))
        ));
    }

    #[test]
    fn manager_cannot_delete_a_doctor_id() {
        let manager = principal(Role::Doctor, "hosp", true);
        assert!(matches!(
            can_maintain_account(
                &manager,
                &doctor_target("hosp", "tokyo"),
                AccountAction::Delete
            ),
            Err(DomainError::Forbidden(_))
        ));
    }
}
