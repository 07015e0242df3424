//! Units of work shared by the JSON API and the HTML views. Each service asks the domain
//! policy first, then changes the store and writes the operation log in ONE transaction.

pub mod access_keys;
pub mod accounts;
pub mod audit;
pub mod bulk_doctors;
pub mod concurrent;
pub mod data_keys;
pub mod form_checks;
pub mod form_entry;
pub mod form_imports;
pub mod form_pdf;
pub mod forms;
pub mod institution_certificates;
pub mod institutions;
pub mod mail;
pub mod operator;
pub mod patients;
pub mod renewals;
pub mod sealing;
pub mod sessions;
pub mod spreadsheet;
pub mod unit_of_work;

use nsdb_domain::model::{OrganizationKind, Principal};
use nsdb_store::AccountRow;

/// The logged-in caller of an operation.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    pub account: AccountRow,
    pub session_hash: String,
    pub csrf_token: String,
    pub client_address: Option<String>,
}

/// Builds the policy's view of an account row.
pub fn principal_of(row: &AccountRow) -> Principal {
    let municipality_id = if row.organization_kind == OrganizationKind::Municipality {
        Some(row.organization_id.clone())
    } else {
        row.organization_municipality_id.clone()
    };
    Principal {
        account_id: row.id.clone(),
        login_id: row.login_id.clone(),
        role: row.role,
        is_manager: row.is_manager,
        organization_id: row.organization_id.clone(),
        municipality_id,
        program: row.program,
        valid_until: row.valid_until,
        issued_by: row.issued_by.clone(),
    }
}

pub fn target_of(row: &AccountRow) -> nsdb_domain::policy::AccountTarget {
    nsdb_domain::policy::AccountTarget {
        organization_id: row.organization_id.clone(),
        organization_kind: row.organization_kind,
        role: row.role,
        is_manager: row.is_manager,
        issued_by: row.issued_by.clone(),
        municipality_id: row.organization_municipality_id.clone(),
    }
}

/// Page size and offset from a 1-based page number.
pub fn page_window(page: Option<i64>, per_page: i64) -> (i64, i64) {
    let page = page.unwrap_or(1).max(1);
    (per_page, (page - 1) * per_page)
}

impl Caller {
    /// A caller for work the system does on an account's behalf outside a request
    /// (demo seeding, command-line tools).
    pub fn acting_as(account: AccountRow) -> Self {
        Self {
            principal: principal_of(&account),
            account,
            session_hash: String::new(),
            csrf_token: String::new(),
            client_address: None,
        }
    }
}
