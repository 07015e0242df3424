//! The demo's patients and forms: at each demo hospital, forms in every state an
//! institution can bring a form to, for both programs and several diseases, made through
//! the same services as the API while acting as the hospital's clerk and doctors. They are
//! listed at start-up and written to `<data-dir>/demo-forms.json`.
//!
//! `received` (自治体受付) is reached as a 自治体 does: its staff look the form up by the
//! access key and receive it. `reviewed` (審査) is left out: recordReview does not exist yet.
use super::err;
use anyhow::{bail, Context};
use nsdb_domain::form::{AccessKey, FormState};
use nsdb_domain::identifiers::{PayerNumber, RecipientNumber};
use nsdb_domain::patient::{PatientInput, PATIENT_ITEMS};
use nsdb_forms::data::{Answer, FormData};
use nsdb_forms::Program;
use nsdb_store::Store;
use nsdb_web::services::access_keys::{self, LookUp, ReceiptInput};
use nsdb_web::services::forms::{self, Form, NewFormInput};
use nsdb_web::services::Caller;
use nsdb_web::AppState;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The worked examples the demo forms start from (forms/samples: items that evaluate to
/// 該当 with no error), embedded so that the binary reads no repository file at run time.
const SAMPLES: [(&str, &str); 5] = [
    (
        "nanbyo-001-2403",
        include_str!("../../../../forms/samples/nanbyo-001-2403.new.json"),
    ),
    (
        "nanbyo-002-2403",
        include_str!("../../../../forms/samples/nanbyo-002-2403.new.json"),
    ),
    (
        "nanbyo-006-2403",
        include_str!("../../../../forms/samples/nanbyo-006-2403.new.json"),
    ),
    (
        "shoman-01-080-2403",
        include_str!("../../../../forms/samples/shoman-01-080-2403.new.json"),
    ),
    (
        "shoman-07-001-2403",
        include_str!("../../../../forms/samples/shoman-07-001-2403.new.json"),
    ),
];

/// A demo hospital and the accounts its forms are written and approved with.
pub struct Hospital {
    pub address: &'static str,
    pub phone: &'static str,
    pub clerk: Caller,
    /// 難病 指定医 (not 協力難病指定医, who approves renewals only).
    pub nanbyo_doctor: Caller,
    pub shoman_doctor: Caller,
    /// A staff member of the 自治体 the hospital is registered with, and its code.
    pub municipality_staff: Caller,
    pub municipality_code: &'static str,
}

impl Hospital {
    fn doctor(&self, program: Program) -> &Caller {
        match program {
            Program::Nanbyo => &self.nanbyo_doctor,
            Program::Shoman => &self.shoman_doctor,
        }
    }
}

/// One entry of `demo-forms.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoForm {
    /// The form's id (getForm).
    pub id: String,
    /// The 医療機関.
    pub organization: String,
    /// 氏名 of the patient.
    pub patient: String,
    pub definition_id: String,
    pub disease_name: String,
    /// As in the API (`draft`, `awaiting_approval`, …).
    pub state: String,
    /// Grouped, for confirmed forms.
    pub access_key: Option<String>,
}

struct DemoPatient {
    family: &'static str,
    given: &'static str,
    family_kana: &'static str,
    given_kana: &'static str,
    birth_date: &'static str,
    /// 1 男, 2 女.
    sex: &'static str,
    postal_code: &'static str,
    address: &'static str,
}

impl DemoPatient {
    fn input(&self) -> PatientInput {
        PatientInput {
            family_name: self.family.into(),
            given_name: self.given.into(),
            family_name_kana: self.family_kana.into(),
            given_name_kana: self.given_kana.into(),
            birth_date: self.birth_date.into(),
            sex: self.sex.into(),
            postal_code: self.postal_code.into(),
            address: self.address.into(),
        }
    }
}

/// How a demo form came to its state.
enum Story {
    /// 作成中: the clerk's draft with these answers still missing (it shows findings).
    Incomplete(&'static [&'static str]),
    /// 作成中: the clerk's complete draft.
    Draft,
    /// 承認待ち: the clerk asked the doctor, with a comment.
    Awaiting { request: &'static str },
    /// 差戻し: the clerk asked, the doctor sent it back with the reason.
    Returned {
        request: &'static str,
        reason: &'static str,
    },
    /// 確定: the clerk asked, the doctor approved.
    Approved { request: &'static str },
    /// 確定: written and approved by the doctor.
    WrittenAndApproved,
    /// 作成中 again: written and approved by the doctor, then 確定取消.
    Withdrawn,
    /// 自治体受付済: approved by the doctor, looked up by key and received by the 自治体 with
    /// this 受給者番号 (its first six digits; the check digit is added).
    Received { recipient: &'static str },
}

struct Plan {
    sample: &'static str,
    patient: DemoPatient,
    story: Story,
}

const REQUEST: &str = "記載が終わりました。ご確認のうえ承認をお願いします。";

/// The forms of the Tokyo hospital (都立中央総合病院). One patient has a name outside JIS X
/// 0208 (𠮷, JIS X 0213, beyond the BMP).
const TOKYO: [Plan; 8] = [
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "𠮷田",
            given: "宗一郎",
            family_kana: "よしだ",
            given_kana: "そういちろう",
            birth_date: "1948-11-03",
            sex: "1",
            postal_code: "166-0003",
            address: "東京都杉並区高円寺南2-14-7",
        },
        story: Story::Approved { request: REQUEST },
    },
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "石川",
            given: "和子",
            family_kana: "いしかわ",
            given_kana: "かずこ",
            birth_date: "1952-07-14",
            sex: "2",
            postal_code: "164-0011",
            address: "東京都中野区中央3-8-12",
        },
        story: Story::Awaiting {
            request: "Hoehn-Yahr重症度3度、生活機能障害度2度で記載しました。ご確認をお願いします。",
        },
    },
    Plan {
        sample: "nanbyo-001-2403",
        patient: DemoPatient {
            family: "松本",
            given: "進",
            family_kana: "まつもと",
            given_kana: "すすむ",
            birth_date: "1961-01-22",
            sex: "1",
            postal_code: "176-0012",
            address: "東京都練馬区豊玉北5-17-3",
        },
        story: Story::Returned {
            request: REQUEST,
            reason: "遺伝子検査の結果を検査報告書と照合し、家族歴の続柄も確認してください。",
        },
    },
    Plan {
        sample: "nanbyo-002-2403",
        patient: DemoPatient {
            family: "森",
            given: "恵子",
            family_kana: "もり",
            given_kana: "けいこ",
            birth_date: "1958-09-30",
            sex: "2",
            postal_code: "154-0024",
            address: "東京都世田谷区三軒茶屋1-22-9",
        },
        story: Story::Incomplete(&["als_severity", "als_differential", "diagnosis_date"]),
    },
    Plan {
        sample: "shoman-07-001-2403",
        patient: DemoPatient {
            family: "清水",
            given: "陽斗",
            family_kana: "しみず",
            given_kana: "はると",
            birth_date: "2012-04-18",
            sex: "1",
            postal_code: "160-0022",
            address: "東京都新宿区新宿6-3-1",
        },
        story: Story::WrittenAndApproved,
    },
    Plan {
        sample: "shoman-01-080-2403",
        patient: DemoPatient {
            family: "岡田",
            given: "結衣",
            family_kana: "おかだ",
            given_kana: "ゆい",
            birth_date: "2014-10-05",
            sex: "2",
            postal_code: "169-0075",
            address: "東京都新宿区高田馬場4-9-21",
        },
        story: Story::Draft,
    },
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "長谷川",
            given: "正男",
            family_kana: "はせがわ",
            given_kana: "まさお",
            birth_date: "1950-02-11",
            sex: "1",
            postal_code: "151-0053",
            address: "東京都渋谷区代々木3-25-4",
        },
        story: Story::Withdrawn,
    },
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "髙田",
            given: "美咲",
            family_kana: "たかだ",
            given_kana: "みさき",
            birth_date: "1950-02-11",
            sex: "2",
            postal_code: "169-0073",
            address: "東京都新宿区百人町1-10-3",
        },
        story: Story::Received {
            recipient: "130101",
        },
    },
];

/// The forms of the Yokohama hospital (横浜みなと医療センター); 﨑 is JIS X 0213 too.
const YOKOHAMA: [Plan; 8] = [
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "山﨑",
            given: "美穂",
            family_kana: "やまざき",
            given_kana: "みほ",
            birth_date: "1957-03-08",
            sex: "2",
            postal_code: "223-0062",
            address: "神奈川県横浜市港北区日吉本町1-4-20",
        },
        story: Story::Approved { request: REQUEST },
    },
    Plan {
        sample: "nanbyo-006-2403",
        patient: DemoPatient {
            family: "井上",
            given: "博",
            family_kana: "いのうえ",
            given_kana: "ひろし",
            birth_date: "1949-12-01",
            sex: "1",
            postal_code: "231-0862",
            address: "神奈川県横浜市中区山手町8-3",
        },
        story: Story::Awaiting {
            request: "前回から症状の変化があります。重症度の記載をご確認ください。",
        },
    },
    Plan {
        sample: "nanbyo-002-2403",
        patient: DemoPatient {
            family: "木村",
            given: "裕子",
            family_kana: "きむら",
            given_kana: "ゆうこ",
            birth_date: "1963-06-25",
            sex: "2",
            postal_code: "225-0002",
            address: "神奈川県横浜市青葉区美しが丘2-11-6",
        },
        story: Story::Returned {
            request: REQUEST,
            reason:
                "針筋電図の所見を部位ごとに検査報告書と照合してから、もう一度依頼してください。",
        },
    },
    Plan {
        sample: "nanbyo-001-2403",
        patient: DemoPatient {
            family: "林",
            given: "大輔",
            family_kana: "はやし",
            given_kana: "だいすけ",
            birth_date: "1966-08-17",
            sex: "1",
            postal_code: "230-0062",
            address: "神奈川県横浜市鶴見区豊岡町15-2",
        },
        story: Story::Incomplete(&["sbma_gene", "mrs", "first_visit_date"]),
    },
    Plan {
        sample: "shoman-07-001-2403",
        patient: DemoPatient {
            family: "斎藤",
            given: "さくら",
            family_kana: "さいとう",
            given_kana: "さくら",
            birth_date: "2011-05-20",
            sex: "2",
            postal_code: "220-0012",
            address: "神奈川県横浜市西区みなとみらい3-6-1",
        },
        story: Story::WrittenAndApproved,
    },
    Plan {
        sample: "shoman-01-080-2403",
        patient: DemoPatient {
            family: "池田",
            given: "蒼",
            family_kana: "いけだ",
            given_kana: "あおい",
            birth_date: "2016-01-09",
            sex: "1",
            postal_code: "232-0024",
            address: "神奈川県横浜市南区浦舟町4-57",
        },
        story: Story::Draft,
    },
    Plan {
        sample: "shoman-07-001-2403",
        patient: DemoPatient {
            family: "前田",
            given: "湊",
            family_kana: "まえだ",
            given_kana: "みなと",
            birth_date: "2013-07-07",
            sex: "1",
            postal_code: "221-0835",
            address: "神奈川県横浜市神奈川区鶴屋町2-21-1",
        },
        story: Story::Withdrawn,
    },
    Plan {
        sample: "shoman-07-001-2403",
        patient: DemoPatient {
            family: "﨑山",
            given: "健",
            family_kana: "さきやま",
            given_kana: "けん",
            birth_date: "2014-05-05",
            sex: "1",
            postal_code: "231-0023",
            address: "神奈川県横浜市中区山下町1-1",
        },
        story: Story::Received {
            recipient: "140201",
        },
    },
];

/// `base` with the one check digit that makes it valid.
fn with_check_digit(base: &str, valid: impl Fn(&str) -> bool) -> anyhow::Result<String> {
    (0..10)
        .map(|d| format!("{base}{d}"))
        .find(|n| valid(n))
        .with_context(|| format!("no check digit makes {base} valid"))
}

/// The program of a definition id (`nanbyo-006-2403`, `shoman-07-001-2403`).
fn program_of(definition_id: &str) -> Option<Program> {
    definition_id.split('-').next().and_then(Program::parse)
}

/// A sample's items for this patient at this hospital: the patient's own items are left to
/// the patient record (a new form starts with them), and the 医療機関・指定医 section names
/// the hospital and the doctor of the form's program instead of the sample's.
fn items(sample: &str, hospital: &Hospital, doctor: &Caller) -> anyhow::Result<FormData> {
    let text = SAMPLES
        .iter()
        .find(|(id, _)| *id == sample)
        .map(|(_, text)| *text)
        .with_context(|| format!("no embedded sample {sample}"))?;
    let json: serde_json::Value = serde_json::from_str(text)?;
    let mut items: FormData = serde_json::from_value(json["items"].clone())
        .with_context(|| format!("items of the sample {sample}"))?;
    for item in PATIENT_ITEMS {
        items.remove(item);
    }
    let account = &doctor.account;
    for (item, value) in [
        ("institution_name", account.organization_name.clone()),
        ("institution_address", hospital.address.to_owned()),
        ("institution_phone", hospital.phone.to_owned()),
        (
            "designated_doctor_number",
            account.designated_doctor_number.clone().unwrap_or_default(),
        ),
        ("doctor_name", account.full_name()),
    ] {
        items.set(item, Answer::Text(value));
    }
    Ok(items)
}

/// Makes the forms of both demo hospitals (Tokyo first), each in its own units of work.
pub async fn seed(
    state: &AppState,
    tokyo: &Hospital,
    yokohama: &Hospital,
) -> anyhow::Result<Vec<DemoForm>> {
    let mut made = Vec::new();
    for (hospital, plans) in [(tokyo, &TOKYO), (yokohama, &YOKOHAMA)] {
        for plan in plans {
            let form = tell(state, hospital, plan)
                .await
                .with_context(|| format!("demo form {} of {}", plan.sample, plan.patient.family))?;
            made.push(DemoForm {
                id: form.row.id.clone(),
                organization: form.row.institution_name.clone(),
                patient: form.patient.details.full_name(),
                definition_id: form.row.definition_id.clone(),
                disease_name: form.definition.disease_name.clone(),
                state: form.row.state.as_str().into(),
                access_key: form.access_key.as_ref().map(AccessKey::grouped),
            });
        }
    }
    Ok(made)
}

/// Writes one form and takes it through its story.
async fn tell(state: &AppState, hospital: &Hospital, plan: &Plan) -> anyhow::Result<Form> {
    let program = program_of(plan.sample).context("sample id without its program")?;
    let doctor = hospital.doctor(program);
    let author = match plan.story {
        Story::WrittenAndApproved | Story::Withdrawn | Story::Received { .. } => doctor,
        _ => &hospital.clerk,
    };
    let mut items = items(plan.sample, hospital, doctor)?;
    if let Story::Incomplete(missing) = plan.story {
        for item in missing {
            items.remove(item);
        }
    }
    let form = forms::create(
        state,
        author,
        NewFormInput {
            definition_id: plan.sample.into(),
            application_kind: Some("new".into()),
            patient_id: None,
            patient: Some(plan.patient.input()),
            items,
            registration_explained: Some(true),
        },
    )
    .await
    .map_err(err)?;
    let id = form.row.id.clone();
    let ask = |comment: &'static str| {
        forms::request_approval(
            state,
            &hospital.clerk,
            &id,
            &doctor.account.login_id,
            Some(comment),
            None,
        )
    };
    let approve = || forms::approve(state, doctor, &id, &[], None);
    let form = match plan.story {
        Story::Incomplete(_) | Story::Draft => form,
        Story::Awaiting { request } => ask(request).await.map_err(err)?,
        Story::Returned { request, reason } => {
            ask(request).await.map_err(err)?;
            forms::return_form(state, doctor, &id, reason, None)
                .await
                .map_err(err)?
        }
        Story::Approved { request } => {
            ask(request).await.map_err(err)?;
            approve().await.map_err(err)?
        }
        Story::WrittenAndApproved => approve().await.map_err(err)?,
        Story::Withdrawn => {
            approve().await.map_err(err)?;
            forms::withdraw(state, doctor, &id, None)
                .await
                .map_err(err)?
        }
        Story::Received { recipient } => {
            let approved = approve().await.map_err(err)?;
            let key = approved
                .access_key
                .context("an approved form has its key")?;
            let staff = &hospital.municipality_staff;
            access_keys::look_up(
                state,
                staff,
                &LookUp {
                    access_key: key.grouped(),
                    patient_consent: false,
                },
            )
            .await
            .map_err(err)?;
            let law = match program {
                Program::Nanbyo => "54",
                Program::Shoman => "52",
            };
            let prefecture = &hospital.municipality_code[..2];
            let payer = with_check_digit(&format!("{law}{prefecture}001"), |n| {
                PayerNumber::parse(n).is_ok()
            })?;
            let recipient = with_check_digit(recipient, |n| RecipientNumber::parse(n).is_ok())?;
            access_keys::receive(
                state,
                staff,
                &id,
                &ReceiptInput {
                    received_on: nsdb_domain::time::today_in_japan(chrono::Utc::now()).to_string(),
                    recipient_number: recipient,
                    payer_number: payer,
                },
            )
            .await
            .map_err(err)?
        }
    };
    Ok(form)
}

pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("demo-forms.json")
}

pub fn write(data_dir: &Path, forms: &[DemoForm]) -> anyhow::Result<()> {
    let path = file(data_dir);
    std::fs::write(&path, serde_json::to_string_pretty(forms)?)
        .with_context(|| format!("writing {}", path.display()))
}

/// The demo forms of the demo database already in place, with their state as it is now
/// (the demo may have been used since: a key is listed only while it still opens its
/// form). `None` for a demo database made before the demo had forms.
pub async fn existing(store: &Store, data_dir: &Path) -> anyhow::Result<Option<Vec<DemoForm>>> {
    let path = file(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut demo: Vec<DemoForm> = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} が読めません。--demo-reset を付けて起動すると作り直します。",
            path.display()
        )
    })?;
    // Reads states and key hashes only: nothing sealed is opened, so nothing to log.
    let mut tx = store.begin_read().await?;
    for form in &mut demo {
        let Some(row) = tx.form_by_id(&form.id).await? else {
            bail!(
                "{} の臨個票・意見書 {} がデモデータベースにありません（別のデータベースの一覧です）。--demo-reset を付けて起動すると作り直します。",
                path.display(),
                form.id
            );
        };
        form.state = row.state.as_str().into();
        if let Some(key) = &form.access_key {
            let opens = match AccessKey::parse(key) {
                Ok(key) => tx
                    .form_by_access_key(&key.lookup_hash())
                    .await?
                    .is_some_and(|r| r.id == form.id),
                Err(_) => false,
            };
            if !opens {
                form.access_key = None;
            }
        }
    }
    drop(tx);
    write(data_dir, &demo)?;
    Ok(Some(demo))
}

/// The start-up section listing the demo forms.
pub fn print(forms: Option<&[DemoForm]>, data_dir: &Path) {
    let path = file(data_dir);
    let Some(forms) = forms else {
        println!(
            "デモの臨個票・意見書の一覧 {} はありません。--demo-reset を付けて起動すると、デモの臨個票・意見書を含めて作り直します。",
            path.display()
        );
        return;
    };
    println!("デモの臨個票・意見書 / demo forms (確定したものはアクセスキー付き / confirmed ones with their access key):");
    print!("{}", listing(forms));
    println!(
        "  （一覧のファイル / all of the above: {}）",
        path.display()
    );
}

/// The demo forms as a table, in Japanese.
fn listing(forms: &[DemoForm]) -> String {
    let header = ["医療機関", "患者", "制度", "疾病", "状態", "アクセスキー"];
    let rows: Vec<[String; 6]> = forms
        .iter()
        .map(|f| {
            [
                f.organization.clone(),
                f.patient.clone(),
                program_of(&f.definition_id)
                    .map(|p| p.label().to_owned())
                    .unwrap_or_default(),
                f.disease_name.clone(),
                FormState::parse(&f.state)
                    .map(|s| s.label().to_owned())
                    .unwrap_or_else(|| f.state.clone()),
                f.access_key.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut cells: Vec<[&str; 6]> = vec![header];
    cells.extend(rows.iter().map(|r| r.each_ref().map(String::as_str)));
    super::table(&cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_lines_up_keys_after_names_beyond_the_bmp_and_reads_in_japanese() {
        let form = |organization: &str, patient: &str, definition_id: &str, state: &str| DemoForm {
            id: String::new(),
            organization: organization.into(),
            patient: patient.into(),
            definition_id: definition_id.into(),
            disease_name: "パーキンソン病".into(),
            state: state.into(),
            access_key: (state == "confirmed" || state == "received")
                .then(|| "ABCD-EFGH-JKMN-PQRS-TUVW".into()),
        };
        let text = listing(&[
            form(
                "都立中央総合病院",
                "𠮷田 宗一郎",
                "nanbyo-006-2403",
                "confirmed",
            ),
            form(
                "横浜みなと医療センター",
                "林 大輔",
                "shoman-07-001-2403",
                "confirmed",
            ),
            form(
                "都立中央総合病院",
                "森 恵子",
                "nanbyo-006-2403",
                "awaiting_approval",
            ),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        let key_columns: Vec<usize> = lines[..3]
            .iter()
            .map(|line| {
                let at = line
                    .find("ABCD-")
                    .or_else(|| line.find("アクセスキー"))
                    .unwrap();
                super::super::display_width(&line[..at])
            })
            .collect();
        assert!(key_columns.iter().all(|&c| c == key_columns[0]), "{text}");
        assert!(
            lines[1].contains("難病") && lines[1].contains("確定"),
            "{text}"
        );
        assert!(lines[2].contains("小慢"), "{text}");
        // No key, no padding left at the end of the line.
        assert!(lines[3].ends_with("承認待ち"), "{text}");
    }
}
