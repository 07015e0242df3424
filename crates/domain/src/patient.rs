//! Patients of a 医療機関: who they are (the identifying items, kept sealed in the store)
//! and how they are found again (keyed hashes of normalized kana, name and birth date).
//!
//! The item names are the form definitions' own (`family_name`, `birth_date`, …), so a
//! new form starts with the patient's items filled in and a saved form can update them.

use crate::data_keys::{normalize_kana, normalize_name, DataKeys};
use crate::limits::FieldLimit;
use crate::{DomainError, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The identifying items of a patient as the institution registered them. Sealed as one
/// JSON value per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientDetails {
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub birth_date: NaiveDate,
    /// The forms' 性別 code: 1 男, 2 女, 3 性別未決定 (意見書 only).
    pub sex: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub address: String,
}

/// A patient as typed into a screen or an API body, before checking.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PatientInput {
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name_kana: String,
    #[serde(default)]
    pub given_name_kana: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub address: String,
}

/// The item ids a form shares with the patient record, in the order of the 基本情報.
pub const PATIENT_ITEMS: [&str; 8] = [
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "sex",
    "postal_code",
    "address",
];

const NAME: usize = 30;
const KANA: usize = 60;
const ADDRESS: usize = 200;

fn is_kana(s: &str) -> bool {
    normalize_kana(s)
        .chars()
        .all(|c| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | 'ヽ' | 'ヾ'))
}

impl PatientInput {
    /// Checks every field at once; each problem is reported under its own field.
    pub fn parse(&self, today: NaiveDate) -> Result<PatientDetails, DomainError> {
        let mut errors = FieldErrors::new();
        let mut text =
            |field: &'static str, label: &'static str, value: &str, max: usize, required: bool| {
                let value = value.trim();
                if required && value.is_empty() {
                    errors.push(field, format!("{label}を入力してください。"));
                }
                errors.check(
                    field,
                    FieldLimit {
                        field,
                        label,
                        max_chars: max,
                    }
                    .check(value),
                );
                value.to_owned()
            };
        let family_name = text("family_name", "氏名（姓）", &self.family_name, NAME, true);
        let given_name = text("given_name", "氏名（名）", &self.given_name, NAME, false);
        let family_name_kana = text(
            "family_name_kana",
            "氏名かな（姓）",
            &self.family_name_kana,
            KANA,
            true,
        );
        let given_name_kana = text(
            "given_name_kana",
            "氏名かな（名）",
            &self.given_name_kana,
            KANA,
            false,
        );
        let postal_code = text("postal_code", "郵便番号", &self.postal_code, 8, false);
        let address = text("address", "住所", &self.address, ADDRESS, false);
        for (field, value) in [
            ("family_name_kana", &family_name_kana),
            ("given_name_kana", &given_name_kana),
        ] {
            if !is_kana(value) {
                errors.push(field, "かなは、ひらがなまたはカタカナで入力してください。");
            }
        }
        if !postal_code.is_empty() {
            let digits: String = postal_code.chars().filter(|c| *c != '-').collect();
            if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(
                    "postal_code",
                    "郵便番号は7桁の数字（123-4567）で入力してください。",
                );
            }
        }
        let birth_date = if self.birth_date.trim().is_empty() {
            errors.push("birth_date", "生年月日を入力してください。");
            None
        } else {
            errors
                .check(
                    "birth_date",
                    crate::time::parse_date("生年月日", &self.birth_date),
                )
                .filter(|date| {
                    if *date > today {
                        errors.push("birth_date", "生年月日が今日より後です。");
                        false
                    } else {
                        true
                    }
                })
        };
        let sex = self.sex.trim().to_owned();
        if !matches!(sex.as_str(), "1" | "2" | "3") {
            errors.push("sex", "性別を選んでください（1 男、2 女、3 性別未決定）。");
        }
        errors.finish_with(birth_date.map(|birth_date| PatientDetails {
            family_name,
            given_name,
            family_name_kana,
            given_name_kana,
            birth_date,
            sex,
            postal_code,
            address,
        }))
    }
}

impl PatientDetails {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.family_name, self.given_name)
            .trim()
            .to_owned()
    }

    pub fn full_kana(&self) -> String {
        format!("{} {}", self.family_name_kana, self.given_name_kana)
            .trim()
            .to_owned()
    }

    pub fn sex_label(&self) -> &'static str {
        match self.sex.as_str() {
            "1" => "男",
            "2" => "女",
            _ => "性別未決定",
        }
    }

    /// The patient's items as form answers (item id → value as typed).
    pub fn as_answers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("family_name", self.family_name.clone()),
            ("given_name", self.given_name.clone()),
            ("family_name_kana", self.family_name_kana.clone()),
            ("given_name_kana", self.given_name_kana.clone()),
            ("birth_date", self.birth_date.to_string()),
            ("sex", self.sex.clone()),
            ("postal_code", self.postal_code.clone()),
            ("address", self.address.clone()),
        ]
    }

    pub fn search_keys(&self, keys: &DataKeys) -> PatientSearchKeys {
        PatientSearchKeys {
            kana: keys.search_hash("kana", &normalize_kana(&self.full_kana())),
            family_kana: keys.search_hash("kana", &normalize_kana(&self.family_name_kana)),
            name: keys.search_hash("name", &normalize_name(&self.full_name())),
            family_name: keys.search_hash("name", &normalize_name(&self.family_name)),
            birth_date: keys.search_hash("birth_date", &self.birth_date.to_string()),
        }
    }
}

/// The keyed hashes a patient is found by. A full kana or name matches the whole; a family
/// name alone matches the family part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientSearchKeys {
    pub kana: String,
    pub family_kana: String,
    pub name: String,
    pub family_name: String,
    pub birth_date: String,
}

/// What a patient search asks, as keyed hashes: each given criterion must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientQuery {
    /// Matches the full kana or the family-name kana.
    pub kana: Option<String>,
    /// Matches the full name or the family name.
    pub name: Option<String>,
    pub birth_date: Option<String>,
}

impl PatientQuery {
    pub fn new(
        keys: &DataKeys,
        kana: Option<&str>,
        name: Option<&str>,
        birth_date: Option<NaiveDate>,
    ) -> Self {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        Self {
            kana: given(kana).map(|k| keys.search_hash("kana", &normalize_kana(k))),
            name: given(name).map(|n| keys.search_hash("name", &normalize_name(n))),
            birth_date: birth_date.map(|d| keys.search_hash("birth_date", &d.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PatientInput {
        PatientInput {
            family_name: "髙橋".into(),
            given_name: "太郎".into(),
            family_name_kana: "たかはし".into(),
            given_name_kana: "タロウ".into(),
            birth_date: "1950-04-01".into(),
            sex: "1".into(),
            postal_code: "100-0001".into(),
            address: "東京都千代田区千代田1-1".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn a_complete_patient_parses() {
        let p = input().parse(today()).unwrap();
        assert_eq!(p.full_name(), "髙橋 太郎");
        assert_eq!(p.birth_date.to_string(), "1950-04-01");
    }

    #[test]
    fn every_problem_is_reported_at_once_under_its_field() {
        let bad = PatientInput {
            family_name: "".into(),
            family_name_kana: "Takahashi".into(),
            birth_date: "2026-12-04".into(),
            sex: "9".into(),
            postal_code: "12-34".into(),
            ..input()
        };
        let Err(DomainError::InvalidFields(list)) = bad.parse(today()) else {
            panic!("refused field by field");
        };
        let fields: Vec<_> = list.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "family_name",
                "family_name_kana",
                "postal_code",
                "birth_date",
                "sex"
            ]
        );
    }

    #[test]
    fn a_birth_date_of_today_is_accepted_and_tomorrow_refused() {
        let born_today = PatientInput {
            birth_date: "2026-12-03".into(),
            ..input()
        };
        assert!(born_today.parse(today()).is_ok());
    }

    #[test]
    fn a_search_in_hiragana_finds_a_patient_registered_in_katakana() {
        let keys = DataKeys::generate();
        let patient = input().parse(today()).unwrap().search_keys(&keys);
        let query = PatientQuery::new(&keys, Some("タカハシ　たろう"), None, None);
        assert_eq!(query.kana.as_deref(), Some(patient.kana.as_str()));
        let family = PatientQuery::new(&keys, Some("ﾀｶﾊｼ"), Some("髙橋"), None);
        assert_eq!(family.kana.as_deref(), Some(patient.family_kana.as_str()));
        assert_eq!(family.name.as_deref(), Some(patient.family_name.as_str()));
    }
}
