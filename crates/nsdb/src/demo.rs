//! `serve --demo`: a fresh database with the demo organizations and accounts of the
//! issue, every account already past its first log-in, and the log-ins written to
//! `<data-dir>/demo-logins.json` with their key files beside it.
use anyhow::Context;
use nsdb_store::Store;
use nsdb_web::services::accounts::{
    self, IssuedAccount, NewDoctor, NewMunicipality, NewOrganizationUser, NewStaffAccount,
};
use nsdb_web::services::institutions::{self, NewInstitution};
use nsdb_web::services::Caller;
use nsdb_web::{AppState, Config};
use serde::Serialize;
use std::net::SocketAddr;

/// The one password of every demo account (demo data only).
pub const DEMO_PASSWORD: &str = "demo-pass-2026!";

#[derive(Serialize)]
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
    key_dir: std::path::PathBuf,
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
            role: if row.role == "clerk" && row.is_manager == 1 {
                "manager".into()
            } else {
                row.role.clone()
            },
            is_manager: row.is_manager == 1,
            program: row.program.clone(),
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

pub async fn seed(store: &Store, config: &Config, listen: &SocketAddr) -> anyhow::Result<()> {
    let key_dir = config.data_dir.join("demo-keys");
    std::fs::create_dir_all(&key_dir)?;
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
        s.finish(&user).await?;
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
        let mut manager = None;
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
            if issued.is_manager {
                manager = Some(caller);
            }
        }
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
        s.finish(&clerk).await?;
    }

    let path = config.data_dir.join("demo-logins.json");
    std::fs::write(&path, serde_json::to_string_pretty(&s.logins)?)?;
    println!("デモデータを作成しました。http://{listen}/ を開いてログインしてください。");
    println!("Demo data ready. Open http://{listen}/ and log in with one of these (password and key file):");
    println!("  password for all: {DEMO_PASSWORD}");
    for l in &s.logins {
        println!(
            "  {:<12} {:<20} {:<22} {}{}  key: {}",
            l.login_id,
            l.role,
            l.organization,
            l.name,
            if l.is_manager { "（責任者）" } else { "" },
            l.key_file
        );
    }
    println!("  (all of the above: {})", path.display());
    Ok(())
}
