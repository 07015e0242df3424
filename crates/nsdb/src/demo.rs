//! `serve --demo`: the demo organizations and accounts of the issue, every account already
//! past its first log-in, and the log-ins written to `<data-dir>/demo-logins.json` with their
//! key files beside it in `<data-dir>/demo-keys/`.
//!
//! The demo hospitals also get patients and forms in every state they can reach (`forms`),
//! listed at start-up and in `<data-dir>/demo-forms.json`.
//!
//! A restart keeps the demo database, its key files and the log-ins and forms files: they
//! belong together, and a new database with new IDs beside old key files only makes log-ins
//! fail. `--demo-reset` replaces them all at once.
mod forms;

use anyhow::{bail, Context};
use nsdb_domain::model::Role;
use nsdb_store::Store;
use nsdb_web::services::accounts::{
    self, IssuedAccount, NewDoctor, NewMunicipality, NewOrganizationUser, NewStaffAccount,
};
use nsdb_web::services::institutions::{self, NewInstitution};
use nsdb_web::services::Caller;
use nsdb_web::{AppState, Config};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The SQLite file of the demo database in the data directory (the real one is separate, so
/// `serve` without `--demo` never opens demo data).
pub const DEMO_DATABASE_FILE: &str = "demo.sqlite3";

/// The one password of every demo account (demo data only).
pub const DEMO_PASSWORD: &str = "demo-pass-2026!";

/// One entry of `demo-logins.json` (fields and `role` codes fixed by interfaces.md).
#[derive(Serialize, Deserialize)]
struct DemoLogin {
    login_id: String,
    password: String,
    key_file: String,
    organization: String,
    role: String,
    is_manager: bool,
    program: Option<String>,
    name: String,
}

struct Seeder {
    state: AppState,
    logins: Vec<DemoLogin>,
    key_dir: PathBuf,
}

fn err(e: nsdb_web::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo seeding: {} ({:?})", e.message(), e)
}

impl Seeder {
    async fn finish(&mut self, issued: &IssuedAccount) -> anyhow::Result<Caller> {
        let store = &self.state.store;
        let email = format!("{}@demo.nsdb.example", issued.login_id.to_lowercase());
        let key = accounts::complete_onboarding(store, &issued.login_id, DEMO_PASSWORD, &email)
            .await
            .map_err(err)?;
        let path = self.key_dir.join(format!("{}.key", issued.login_id));
        std::fs::write(&path, key).with_context(|| format!("writing {}", path.display()))?;
        let row = accounts::account_by_login_id(store, &issued.login_id)
            .await
            .map_err(err)?;
        self.logins.push(DemoLogin {
            login_id: row.login_id.clone(),
            password: DEMO_PASSWORD.into(),
            key_file: path.display().to_string(),
            organization: row.organization_name.clone(),
            role: if row.role == Role::Clerk && row.is_manager {
                "manager".into()
            } else {
                row.role.as_str().into()
            },
            is_manager: row.is_manager,
            program: row.program.map(|p| p.as_str().to_owned()),
            name: row.full_name(),
        });
        Ok(Caller::acting_as(row))
    }
}

struct DemoDoctor<'a> {
    family: &'a str,
    given: &'a str,
    family_kana: &'a str,
    given_kana: &'a str,
    registration: &'a str,
    designation: &'a str,
    program: &'a str,
    kind: &'a str,
    valid_until: &'a str,
    /// A designation that has since expired.
    expired: bool,
}

/// Seeds an empty database with the demo organizations, accounts and forms; returns the
/// log-ins and forms (already written to `demo-logins.json`, with their key files, and
/// `demo-forms.json`).
async fn create(
    store: &Store,
    config: &Config,
) -> anyhow::Result<(Vec<DemoLogin>, Vec<forms::DemoForm>)> {
    let key_dir = key_dir(&config.data_dir);
    std::fs::create_dir_all(&key_dir)
        .with_context(|| format!("cannot create {}", key_dir.display()))?;
    let mut s = Seeder {
        state: AppState::new(store.clone(), config.clone()),
        logins: Vec::new(),
        key_dir,
    };
    let state = s.state.clone();
    let operator = accounts::bootstrap(store).await.map_err(err)?;
    let operator = s.finish(&operator).await?;
    let ministry = accounts::create_ministry_admin(&state, &operator)
        .await
        .map_err(err)?;
    let ministry = s.finish(&ministry).await?;
    let ministry_user = accounts::create_organization_user(
        &state,
        &ministry,
        &NewOrganizationUser {
            role: "ministry_user".into(),
            family_name: "厚労".into(),
            given_name: "一般".into(),
        },
    )
    .await
    .map_err(err)?;
    s.finish(&ministry_user).await?;
    let operator_user = accounts::create_organization_user(
        &state,
        &operator,
        &NewOrganizationUser {
            role: "operator_user".into(),
            family_name: "運営".into(),
            given_name: "一般".into(),
        },
    )
    .await
    .map_err(err)?;
    s.finish(&operator_user).await?;

    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let valid = (today + chrono::Duration::days(3 * 365)).to_string();
    let expired = today - chrono::Duration::days(30);

    // (自治体, 医療機関, doctors) — 東京都 and the designated city 横浜市.
    let areas = [
        (
            "130001",
            "東京都",
            "1310123458",
            "都立中央総合病院",
            "東京都新宿区西新宿二丁目8番1号",
            "03-5321-1111",
            0,
        ),
        (
            "141003",
            "横浜市",
            "1410123457",
            "横浜みなと医療センター",
            "神奈川県横浜市中区本町6丁目50番地の10",
            "045-671-2121",
            1,
        ),
    ];
    let mut hospitals = Vec::with_capacity(areas.len());
    for (m_code, m_name, i_code, i_name, address, phone, n) in areas {
        let created = accounts::create_municipality(
            &state,
            &operator,
            &NewMunicipality {
                code: m_code.into(),
                name: m_name.into(),
                programs: vec!["nanbyo".into(), "shoman".into()],
            },
        )
        .await
        .map_err(err)?;
        let admin = s
            .finish(&IssuedAccount {
                login_id: created.admin.login_id,
                initial_password: String::new(),
                is_manager: false,
            })
            .await?;
        let user = accounts::create_organization_user(
            &state,
            &admin,
            &NewOrganizationUser {
                role: "municipality_user".into(),
                family_name: m_name.into(),
                given_name: "職員".into(),
            },
        )
        .await
        .map_err(err)?;
        let municipality_staff = s.finish(&user).await?;
        institutions::create_institution(
            &state,
            &admin,
            &NewInstitution {
                code: i_code.into(),
                name: i_name.into(),
                address: Some(address.into()),
                phone: Some(phone.into()),
            },
        )
        .await
        .map_err(err)?;
        let doctors = [
            DemoDoctor {
                family: ["山田", "佐藤"][n],
                given: ["太郎", "花子"][n],
                family_kana: ["ヤマダ", "サトウ"][n],
                given_kana: ["タロウ", "ハナコ"][n],
                registration: ["100001", "200001"][n],
                designation: ["N13-0001", "N14-0001"][n],
                program: "nanbyo",
                kind: "designated",
                valid_until: &valid,
                expired: false,
            },
            DemoDoctor {
                family: ["鈴木", "高橋"][n],
                given: ["一郎", "次郎"][n],
                family_kana: ["スズキ", "タカハシ"][n],
                given_kana: ["イチロウ", "ジロウ"][n],
                registration: ["100002", "200002"][n],
                designation: ["S13-0002", "S14-0002"][n],
                program: "shoman",
                kind: "designated",
                valid_until: &valid,
                expired: false,
            },
            DemoDoctor {
                family: ["田中", "伊藤"][n],
                given: ["美咲", "健"][n],
                family_kana: ["タナカ", "イトウ"][n],
                given_kana: ["ミサキ", "ケン"][n],
                registration: ["100003", "200003"][n],
                designation: ["K13-0003", "K14-0003"][n],
                program: "nanbyo",
                kind: "cooperating",
                valid_until: &valid,
                expired: false,
            },
            DemoDoctor {
                family: ["渡辺", "中村"][n],
                given: ["誠", "愛"][n],
                family_kana: ["ワタナベ", "ナカムラ"][n],
                given_kana: ["マコト", "アイ"][n],
                registration: ["100004", "200004"][n],
                designation: ["N13-0004", "N14-0004"][n],
                program: "nanbyo",
                kind: "designated",
                // Issued valid; backdated after issue (below) to a 有効期限 30 days past.
                valid_until: &valid,
                expired: true,
            },
        ];
        let (mut manager, mut shoman_doctor) = (None, None);
        for d in doctors {
            let issued = accounts::create_doctor(
                &state,
                &admin,
                &NewDoctor {
                    institution_code: i_code.into(),
                    program: d.program.into(),
                    family_name: d.family.into(),
                    given_name: d.given.into(),
                    family_name_kana: d.family_kana.into(),
                    given_name_kana: d.given_kana.into(),
                    medical_registration_number: d.registration.into(),
                    designated_doctor_number: d.designation.into(),
                    kind: d.kind.into(),
                    valid_until: d.valid_until.into(),
                    department: Some("脳神経内科".into()),
                    phone: None,
                },
            )
            .await
            .map_err(err)?;
            if d.expired {
                accounts::seed_expired_designation(&state.store, &issued.login_id, expired)
                    .await
                    .map_err(err)?;
            }
            let caller = s.finish(&issued).await?;
            if d.program == "shoman" {
                shoman_doctor = Some(caller.clone());
            }
            if issued.is_manager {
                manager = Some(caller);
            }
        }
        // The first doctor, the 難病 指定医, became 責任者: they approve the 臨個票.
        let manager = manager.context("the first doctor becomes 責任者")?;
        let clerk = accounts::create_staff(
            &state,
            &manager,
            &NewStaffAccount {
                role: "clerk".into(),
                family_name: ["小林", "加藤"][n].into(),
                given_name: "事務".into(),
            },
        )
        .await
        .map_err(err)?;
        let clerk = s.finish(&clerk).await?;
        hospitals.push(forms::Hospital {
            address,
            phone,
            clerk,
            nanbyo_doctor: manager,
            shoman_doctor: shoman_doctor.context("the 小慢 指定医")?,
            municipality_staff,
            municipality_code: m_code,
        });
    }
    let [tokyo, yokohama] = &hospitals[..] else {
        bail!("the demo has two hospitals");
    };
    let demo_forms = forms::seed(&state, tokyo, yokohama).await?;

    let path = logins_file(&config.data_dir);
    std::fs::write(&path, serde_json::to_string_pretty(&s.logins)?)
        .with_context(|| format!("writing {}", path.display()))?;
    forms::write(&config.data_dir, &demo_forms)?;
    Ok((s.logins, demo_forms))
}

fn key_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("demo-keys")
}

fn logins_file(data_dir: &Path) -> PathBuf {
    data_dir.join("demo-logins.json")
}

/// What `--demo-reset` removed before the new demo database was made.
pub struct Removed {
    pub logins: usize,
    pub key_files: usize,
}

/// Deletes the demo log-ins and forms files and every key file in `demo-keys/`, so that no
/// key of an earlier demo database stays beside the new ones. The caller removes the
/// database itself.
pub fn remove_previous(data_dir: &Path) -> anyhow::Result<Removed> {
    let logins_path = logins_file(data_dir);
    let logins = read_logins(&logins_path).map_or(0, |l| l.len());
    for path in [logins_path, forms::file(data_dir)] {
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    let key_files = remove_key_files(&key_dir(data_dir))?;
    Ok(Removed { logins, key_files })
}

fn remove_key_files(dir: &Path) -> anyhow::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut removed = 0;
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "key") {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn read_logins(path: &Path) -> Option<Vec<DemoLogin>> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Prepares the demo on `store`: keeps a demo database that is already there (with its key
/// files and log-ins file), or seeds an empty one; then prints the log-ins.
/// `site` is the address the server listens at, with its scheme (`https://…` with TLS).
pub async fn start(store: &Store, config: &Config, site: &str) -> anyhow::Result<()> {
    let has_data = accounts::is_bootstrapped(store).await.map_err(err)?;
    let (logins, demo_forms) = if has_data {
        let logins = existing_logins(store, &config.data_dir).await?;
        let demo_forms = forms::existing(store, &config.data_dir).await?;
        println!(
            "既存のデモデータベースを使います（ログインIDと鍵ファイルは前回と同じです）。作り直すには --demo-reset を付けて起動してください。"
        );
        println!("Using the existing demo database (same log-ins and key files as before; --demo-reset makes a new one).");
        (logins, demo_forms)
    } else {
        // Key files of an earlier database (e.g. one deleted by hand) would not open this one.
        remove_key_files(&key_dir(&config.data_dir))?;
        let (logins, demo_forms) = create(store, config).await?;
        println!("デモデータを作成しました。");
        println!("Demo data created.");
        (logins, Some(demo_forms))
    };
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let mut rows = Vec::with_capacity(logins.len());
    for login in &logins {
        let account = accounts::account_by_login_id(store, &login.login_id)
            .await
            .map_err(err)?;
        rows.push(ListedLogin::new(login, &account, today));
    }
    println!(
        "{site}/ を開き、次のログインIDとパスワードでログインし、鍵ファイルを選んでください。"
    );
    println!("Open {site}/ and log in with one of these (password and key file):");
    println!("  パスワード（全員共通） / password for all: {DEMO_PASSWORD}");
    print!("{}", listing(&rows));
    println!(
        "  （一覧のファイル / all of the above: {}）",
        logins_file(&config.data_dir).display()
    );
    forms::print(demo_forms.as_deref(), &config.data_dir);
    Ok(())
}

/// The log-ins of the demo database already in place, after checking that they still fit it:
/// every log-in ID exists there and has its key file. The key files' paths are written anew
/// (the server may have been started from another directory than the first time).
async fn existing_logins(store: &Store, data_dir: &Path) -> anyhow::Result<Vec<DemoLogin>> {
    const ADVICE: &str =
        "--demo-reset を付けて起動すると、デモデータベースと鍵ファイルを作り直します。";
    let path = logins_file(data_dir);
    let Some(mut logins) = read_logins(&path) else {
        bail!(
            "デモデータベースはありますが、ログイン一覧 {} がないか読めません。{ADVICE}",
            path.display()
        );
    };
    for login in &mut logins {
        if accounts::account_by_login_id(store, &login.login_id)
            .await
            .is_err()
        {
            bail!(
                "{} のログインID {} がデモデータベースにありません（別のデータベースの一覧です）。{ADVICE}",
                path.display(),
                login.login_id
            );
        }
        let key_file = key_dir(data_dir).join(format!("{}.key", login.login_id));
        if !key_file.is_file() {
            bail!("鍵ファイル {} がありません。{ADVICE}", key_file.display());
        }
        login.key_file = key_file.display().to_string();
    }
    std::fs::write(&path, serde_json::to_string_pretty(&logins)?)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(logins)
}

/// One line of the start-up listing, in Japanese.
struct ListedLogin {
    login_id: String,
    role: String,
    organization: String,
    name: String,
    program: &'static str,
    designation: String,
    key_file: String,
}

impl ListedLogin {
    fn new(login: &DemoLogin, account: &nsdb_store::AccountRow, today: chrono::NaiveDate) -> Self {
        let role = account.role;
        let is_manager = account.is_manager;
        let designation = match account.valid_until {
            Some(until) if role.is_doctor() && until < today => format!("期限切れ（{until}まで）"),
            Some(until) if role.is_doctor() => format!("有効（{until}まで）"),
            _ => String::new(),
        };
        Self {
            login_id: login.login_id.clone(),
            role: role_label(role, is_manager),
            organization: login.organization.clone(),
            name: login.name.clone(),
            program: match login.program.as_deref() {
                Some("nanbyo") => "難病",
                Some("shoman") => "小慢",
                _ => "",
            },
            designation,
            key_file: login.key_file.clone(),
        }
    }
}

/// The role in words a user of the system knows, naming the kind of organization for the
/// 管理者 and 一般ユーザ roles (which are alike in every organization).
fn role_label(role: Role, is_manager: bool) -> String {
    let label = match role {
        Role::MinistryAdmin => "厚労省管理者",
        Role::MinistryUser => "厚労省一般ユーザ",
        Role::OperatorAdmin => "運営管理者",
        Role::OperatorUser => "運営一般ユーザ",
        Role::MunicipalityAdmin => "自治体管理者",
        Role::MunicipalityUser => "自治体一般ユーザ",
        Role::Doctor => "指定医",
        Role::CooperatingDoctor => "協力難病指定医",
        Role::Clerk if is_manager => return "責任者".into(),
        Role::Clerk => "医療クラーク等",
        Role::Manager => "責任者",
    };
    if is_manager && role.is_doctor() {
        format!("{label}・責任者")
    } else {
        label.to_owned()
    }
}

/// The log-ins as a table (see `table`).
fn listing(rows: &[ListedLogin]) -> String {
    const HEADER: [&str; 7] = [
        "ログインID",
        "役割",
        "所属",
        "氏名",
        "制度",
        "指定医の有効期限",
        "鍵ファイル",
    ];
    let cells: Vec<[&str; 7]> = std::iter::once(HEADER)
        .chain(rows.iter().map(|r| {
            [
                r.login_id.as_str(),
                r.role.as_str(),
                r.organization.as_str(),
                r.name.as_str(),
                r.program,
                r.designation.as_str(),
                r.key_file.as_str(),
            ]
        }))
        .collect();
    table(&cells)
}

/// Lines of cells whose columns line up in a terminal, wide characters counted twice.
fn table<const N: usize>(cells: &[[&str; N]]) -> String {
    let mut widths = [0; N];
    for line in cells {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(display_width(cell));
        }
    }
    let mut out = String::new();
    for line in cells {
        let mut text = String::from("  ");
        for (i, cell) in line.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < line.len() {
                let padding = widths[i] - display_width(cell) + 2;
                text.extend(std::iter::repeat_n(' ', padding));
            }
        }
        // No padding after the last cell, nor for empty cells at the end.
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// Columns a string takes in a terminal: 2 for East Asian wide and fullwidth characters
/// (kanji, kana, fullwidth forms, hangul), 1 for the rest. Enough for the demo's names;
/// combining marks and emoji do not occur there.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F          // hangul jamo
        | 0x2E80..=0x303E        // CJK radicals, punctuation (、。「」)
        | 0x3041..=0x33FF        // hiragana, katakana, CJK symbols
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA000..=0xA4CF        // Yi
        | 0xAC00..=0xD7A3        // hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE30..=0xFE4F        // CJK compatibility forms
        | 0xFF00..=0xFF60        // fullwidth forms (（）, Ａ)
        | 0xFFE0..=0xFFE6        // fullwidth signs
        | 0x20000..=0x3FFFD // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(display_width("OP00000001"), 10);
        assert_eq!(display_width("山田 太郎"), 9);
        assert_eq!(display_width("医療クラーク等"), 14);
        assert_eq!(
            display_width("期限切れ（2025-01-01まで）"),
            8 + 2 + 10 + 4 + 2
        );
        // Halfwidth katakana stays narrow.
        assert_eq!(display_width("ｶﾅ"), 2);
    }

    #[test]
    fn listing_lines_up_columns_of_mixed_width() {
        let row = |id: &str, role: &str, org: &str| ListedLogin {
            login_id: id.into(),
            role: role.into(),
            organization: org.into(),
            name: "山田 太郎".into(),
            program: "",
            designation: String::new(),
            key_file: format!("keys/{id}.key"),
        };
        let text = listing(&[
            row("OP00000001", "運営管理者", "システム運営主体"),
            row("MU13000101", "自治体管理者", "東京都"),
        ]);
        let key_columns: Vec<usize> = text
            .lines()
            .map(|line| {
                let at = line
                    .find("keys/")
                    .or_else(|| line.find("鍵ファイル"))
                    .unwrap();
                display_width(&line[..at])
            })
            .collect();
        assert_eq!(key_columns.len(), 3, "{text}");
        assert!(key_columns.iter().all(|&c| c == key_columns[0]), "{text}");
    }

    #[test]
    fn roles_read_in_japanese() {
        assert_eq!(role_label(Role::Doctor, true), "指定医・責任者");
        assert_eq!(role_label(Role::CooperatingDoctor, false), "協力難病指定医");
        assert_eq!(role_label(Role::Clerk, true), "責任者");
        assert_eq!(role_label(Role::MunicipalityAdmin, false), "自治体管理者");
    }
}
