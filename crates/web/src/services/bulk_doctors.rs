//! Bulk issuance of 指定医 IDs from the 医療機関ユーザデータファイル (XLSX or CSV).
//! One transaction per row: a bad row never blocks the good ones, and a re-upload is
//! refused row by row as duplicates instead of creating second IDs.
use super::accounts::{self, NewDoctor};
use super::spreadsheet::{self, TableLimits};
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use serde::Serialize;

pub const MAX_ROWS: usize = 5000;

/// A 医療機関ユーザデータファイル: the header row and up to [`MAX_ROWS`] doctors, with
/// room for the columns of the official layout and notes beside them.
pub const LIMITS: TableLimits = TableLimits {
    max_rows: MAX_ROWS + 1,
    max_columns: 64,
    max_cell_chars: 500,
    max_unpacked_bytes: 64 * 1024 * 1024,
    max_zip_entries: 200,
};

/// Columns recognised by their header text (the order in the file does not matter).
const COLUMNS: &[(&str, &[&str])] = &[
    ("institution_code", &["医療機関コード"]),
    ("department", &["部署", "診療科"]),
    ("family_name", &["姓", "氏名（姓）", "姓（漢字）"]),
    ("given_name", &["名", "氏名（名）", "名（漢字）"]),
    ("family_name_kana", &["姓カナ", "姓（カナ）", "セイ"]),
    ("given_name_kana", &["名カナ", "名（カナ）", "メイ"]),
    ("phone", &["電話", "電話番号"]),
    ("medical_registration_number", &["医籍登録番号"]),
    ("designated_doctor_number", &["指定医番号"]),
    ("program", &["難病/小慢", "難病／小慢", "制度"]),
    ("kind", &["指定医種別", "種別"]),
    ("valid_until", &["指定医有効期限", "有効期限"]),
];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RowReport {
    /// Row number in the file (the header is row 1).
    pub row: usize,
    /// `created` or `refused`.
    pub status: String,
    pub login_id: Option<String>,
    pub initial_password: Option<String>,
    pub is_manager: bool,
    pub name: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BulkReport {
    pub created: usize,
    pub refused: usize,
    pub rows: Vec<RowReport>,
}

fn column_map(header: &[String]) -> AppResult<Vec<Option<&'static str>>> {
    let normalise = |s: &str| s.trim().replace([' ', '　'], "");
    let map: Vec<Option<&'static str>> = header
        .iter()
        .map(|h| {
            let h = normalise(h);
            COLUMNS
                .iter()
                .find(|(_, names)| names.iter().any(|n| normalise(n) == h))
                .map(|(key, _)| *key)
        })
        .collect();
    let missing: Vec<&str> = [
        "institution_code",
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "medical_registration_number",
        "designated_doctor_number",
        "program",
        "valid_until",
    ]
    .into_iter()
    .filter(|k| !map.contains(&Some(*k)))
    .map(|k| {
        COLUMNS
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, n)| n[0])
            .unwrap_or(k)
    })
    .collect();
    if !missing.is_empty() {
        return Err(AppError::BadRequest(format!(
            "1行目（見出し行）に必要な列がありません: {}。医療機関ユーザデータファイルの様式を確認してください。",
            missing.join("、")
        )));
    }
    Ok(map)
}

/// Excel stores a 医療機関コード typed as a number without its leading zero (北海道 01…):
/// nine digits are the ten-digit code with its first 0 dropped.
fn restore_leading_zero(code: String) -> String {
    if code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{code}")
    } else {
        code
    }
}

pub async fn import(state: &AppState, caller: &Caller, bytes: &[u8]) -> AppResult<BulkReport> {
    if !matches!(
        caller.principal.role,
        nsdb_domain::model::Role::MunicipalityAdmin | nsdb_domain::model::Role::MunicipalityUser
    ) {
        return Err(nsdb_domain::DomainError::forbidden("指定医IDの一括払出し").into());
    }
    let bytes = bytes.to_vec();
    let table = tokio::task::spawn_blocking(move || spreadsheet::read_table(&bytes, &LIMITS))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let (header, body) = table
        .split_first()
        .ok_or_else(|| AppError::BadRequest("ファイルに行がありません。".into()))?;
    let map = column_map(header)?;
    let mut rows = Vec::new();
    for (i, cells) in body.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |key: &str| -> String {
            map.iter()
                .position(|k| *k == Some(key))
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let input = NewDoctor {
            institution_code: restore_leading_zero(get("institution_code")),
            program: get("program"),
            family_name: get("family_name"),
            given_name: get("given_name"),
            family_name_kana: get("family_name_kana"),
            given_name_kana: get("given_name_kana"),
            medical_registration_number: get("medical_registration_number"),
            designated_doctor_number: get("designated_doctor_number"),
            kind: get("kind"),
            valid_until: get("valid_until"),
            department: Some(get("department")),
            phone: Some(get("phone")),
        };
        let name = format!("{} {}", input.family_name, input.given_name)
            .trim()
            .to_owned();
        // One unit of work per row: a refused row changes nothing, the others stand.
        let password = accounts::OneTimePassword::new().await?;
        let outcome = unit_of_work::change!(&state.store, |tx| {
            accounts::create_doctor_in(tx, caller, &input, &password).await
        });
        let report = match outcome {
            Ok(issued) => RowReport {
                row: i + 2,
                status: "created".into(),
                message: if issued.is_manager {
                    "登録しました（責任者）".into()
                } else {
                    "登録しました".into()
                },
                login_id: Some(issued.login_id),
                initial_password: Some(issued.initial_password),
                is_manager: issued.is_manager,
                name,
            },
            Err(e @ (AppError::Internal(_) | AppError::Busy(_))) => return Err(e),
            Err(e) => RowReport {
                row: i + 2,
                status: "refused".into(),
                login_id: None,
                initial_password: None,
                is_manager: false,
                name,
                message: e.detailed_message(),
            },
        };
        rows.push(report);
    }
    let created = rows.iter().filter(|r| r.status == "created").count();
    let refused = rows.len() - created;
    unit_of_work::change!(&state.store, |tx| {
        audit::record(
            tx,
            caller,
            "bulk_create_doctors",
            None,
            None,
            Some(&format!("登録{created}件・登録不可{refused}件")),
        )
        .await?;
        Ok(())
    })?;
    Ok(BulkReport {
        created,
        refused,
        rows,
    })
}
