//! Organizations, roles and accounts as the rules see them.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Ministry,
    Operator,
    Municipality,
    Institution,
}

impl OrganizationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::Operator => "operator",
            Self::Municipality => "municipality",
            Self::Institution => "institution",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Ministry,
            Self::Operator,
            Self::Municipality,
            Self::Institution,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Ministry => "厚生労働省",
            Self::Operator => "システム運営主体",
            Self::Municipality => "自治体",
            Self::Institution => "医療機関",
        }
    }
}

/// The two programs (指定難病, 小児慢性特定疾病): one type, the form engine's, used by the
/// rules, the store and the forms alike.
pub use nsdb_forms::Program;

/// Roles as named in interfaces.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    MinistryAdmin,
    MinistryUser,
    OperatorAdmin,
    OperatorUser,
    MunicipalityAdmin,
    MunicipalityUser,
    Doctor,
    CooperatingDoctor,
    Clerk,
    Manager,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::MinistryAdmin,
        Role::MinistryUser,
        Role::OperatorAdmin,
        Role::OperatorUser,
        Role::MunicipalityAdmin,
        Role::MunicipalityUser,
        Role::Doctor,
        Role::CooperatingDoctor,
        Role::Clerk,
        Role::Manager,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MinistryAdmin => "ministry_admin",
            Self::MinistryUser => "ministry_user",
            Self::OperatorAdmin => "operator_admin",
            Self::OperatorUser => "operator_user",
            Self::MunicipalityAdmin => "municipality_admin",
            Self::MunicipalityUser => "municipality_user",
            Self::Doctor => "doctor",
            Self::CooperatingDoctor => "cooperating_doctor",
            Self::Clerk => "clerk",
            Self::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MinistryAdmin | Self::OperatorAdmin | Self::MunicipalityAdmin => "管理者",
            Self::MinistryUser | Self::OperatorUser | Self::MunicipalityUser => "一般ユーザ",
            Self::Doctor => "指定医",
            Self::CooperatingDoctor => "協力難病指定医",
            Self::Clerk => "医療クラーク等",
            Self::Manager => "責任者",
        }
    }

    pub fn organization_kind(self) -> OrganizationKind {
        match self {
            Self::MinistryAdmin | Self::MinistryUser => OrganizationKind::Ministry,
            Self::OperatorAdmin | Self::OperatorUser => OrganizationKind::Operator,
            Self::MunicipalityAdmin | Self::MunicipalityUser => OrganizationKind::Municipality,
            _ => OrganizationKind::Institution,
        }
    }

    pub fn is_admin(self) -> bool {
        matches!(
            self,
            Self::MinistryAdmin | Self::OperatorAdmin | Self::MunicipalityAdmin
        )
    }

    pub fn is_doctor(self) -> bool {
        matches!(self, Self::Doctor | Self::CooperatingDoctor)
    }

    /// The general-user role of an administrator's organization.
    pub fn general_user_of(self) -> Option<Role> {
        match self {
            Self::MinistryAdmin => Some(Self::MinistryUser),
            Self::OperatorAdmin => Some(Self::OperatorUser),
            Self::MunicipalityAdmin => Some(Self::MunicipalityUser),
            _ => None,
        }
    }
}

/// Designation kind of a doctor ID: 指定医 or 協力難病指定医.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoctorKind {
    Designated,
    Cooperating,
}

impl DoctorKind {
    pub fn role(self) -> Role {
        match self {
            Self::Designated => Role::Doctor,
            Self::Cooperating => Role::CooperatingDoctor,
        }
    }
}

/// The account as the policy sees it: who, where, with which rights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub account_id: String,
    pub login_id: String,
    pub role: Role,
    pub is_manager: bool,
    pub organization_id: String,
    /// For municipality accounts, their own organization; for institution accounts, the
    /// 自治体 the institution is registered with.
    pub municipality_id: Option<String>,
    pub program: Option<Program>,
    pub valid_until: Option<NaiveDate>,
    /// The 自治体 that issued this account (doctor and 責任者 IDs).
    pub issued_by: Option<String>,
}

/// What a session token is good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionScope {
    Full,
    /// Right after log-in with a one-time password: only completing the first log-in.
    FirstLogin,
    /// The key file was revoked: only registering a new one.
    KeyRegistration,
}

impl SessionScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::FirstLogin => "first_login",
            Self::KeyRegistration => "key_registration",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Full, Self::FirstLogin, Self::KeyRegistration]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A 兼務先 application: pending until the institution's 責任者 decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcurrentState {
    Pending,
    Approved,
    Rejected,
}

impl ConcurrentState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}
