//! Identifiers with check digits (domain.md "Identifiers"). Each newtype can only be built
//! through `parse`, so a value that exists is a valid one ("parse, don't validate").

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an identifier was refused; the message names the field and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct IdentifierError {
    pub field: &'static str,
    pub reason: String,
}

impl IdentifierError {
    fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

fn digits_of(field: &'static str, raw: &str, len: usize) -> Result<Vec<u32>, IdentifierError> {
    let trimmed = raw.trim();
    if trimmed.chars().count() != len || !trimmed.chars().all(|c| c.is_ascii_digit()) {
        return Err(IdentifierError::new(
            field,
            format!("半角数字{len}桁で入力してください（入力値: 「{trimmed}」）。"),
        ));
    }
    Ok(trimmed.bytes().map(|b| u32::from(b - b'0')).collect())
}

/// Modulus 10 with weights 2,1,2,… from the rightmost payload digit; two-digit products are
/// summed digit by digit (used by 医療機関コード, 公費負担者番号 and 受給者番号).
fn modulus10_weights21(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let product = d * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

fn check_last_digit(
    field: &'static str,
    digits: &[u32],
    expected: u32,
    rule: &str,
) -> Result<(), IdentifierError> {
    let actual = *digits.last().expect("length checked");
    if actual != expected {
        return Err(IdentifierError::new(
            field,
            format!("検査数字が一致しません（{rule}。末尾は{expected}になるはずですが{actual}です）。番号を確認してください。"),
        ));
    }
    Ok(())
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdentifierError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

identifier!(
    /// 地方公共団体コード: 5 digits + check digit (weights 6,5,4,3,2; check = last digit of 11 − sum mod 11).
    MunicipalityCode
);
identifier!(
    /// 医療機関コード: 都道府県 2 + 点数表 1 (1 医科, 3 歯科) + 郡市区 2 + 機関 4 + check digit.
    InstitutionCode
);
identifier!(
    /// 公費負担者番号: 法別 2 (54 難病, 52 小慢) + 都道府県 2 + 実施機関 3 + check digit.
    PayerNumber
);
identifier!(
    /// 受給者番号: 6 digits + check digit.
    RecipientNumber
);
identifier!(
    /// 医籍登録番号: up to 6 digits.
    MedicalRegistrationNumber
);
identifier!(
    /// 指定医番号: issued by the 自治体; letters, digits and hyphens, up to 20 characters.
    DesignatedDoctorNumber
);
identifier!(
    /// SHA-256 fingerprint of a client certificate (its DER bytes): 64 lowercase hex digits.
    CertificateFingerprint
);

/// A Japanese telephone number as people write it: 10 or 11 digits, optionally grouped by
/// hyphens or brackets (「03-5321-1111」「(045)671-2121」).
pub fn check_phone_number(raw: &str) -> Result<(), IdentifierError> {
    const FIELD: &str = "電話番号";
    let trimmed = raw.trim();
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')'));
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(10..=11).contains(&digits) || trimmed.chars().count() > 20 {
        return Err(IdentifierError::new(
            FIELD,
            format!("半角数字10〜11桁（区切りはハイフン・括弧）で入力してください（入力値: 「{trimmed}」）。"),
        ));
    }
    Ok(())
}

impl MunicipalityCode {
    pub const FIELD: &'static str = "地方公共団体コード";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let digits = digits_of(Self::FIELD, raw, 6)?;
        let sum: u32 = digits[..5]
            .iter()
            .zip([6, 5, 4, 3, 2])
            .map(|(d, w)| d * w)
            .sum();
        let expected = (11 - sum % 11) % 10;
        check_last_digit(
            Self::FIELD,
            &digits,
            expected,
            "重み6,5,4,3,2・モジュラス11",
        )?;
        Ok(Self(raw.trim().to_owned()))
    }

    /// 都道府県番号 (first two digits).
    pub fn prefecture(&self) -> &str {
        &self.0[..2]
    }
}

impl InstitutionCode {
    pub const FIELD: &'static str = "医療機関コード";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let digits = digits_of(Self::FIELD, raw, 10)?;
        let prefecture = digits[0] * 10 + digits[1];
        if !(1..=47).contains(&prefecture) {
            return Err(IdentifierError::new(
                Self::FIELD,
                format!("先頭2桁の都道府県番号は01〜47です（入力値: {prefecture:02}）。"),
            ));
        }
        if digits[2] != 1 && digits[2] != 3 {
            return Err(IdentifierError::new(
                Self::FIELD,
                "3桁目の点数表番号は1（医科）または3（歯科）です。",
            ));
        }
        let expected = modulus10_weights21(&digits[..9]);
        check_last_digit(Self::FIELD, &digits, expected, "重み2,1・モジュラス10")?;
        Ok(Self(raw.trim().to_owned()))
    }

    pub fn prefecture(&self) -> &str {
        &self.0[..2]
    }
}

impl PayerNumber {
    pub const FIELD: &'static str = "公費負担者番号";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let digits = digits_of(Self::FIELD, raw, 8)?;
        let law = digits[0] * 10 + digits[1];
        if law != 54 && law != 52 {
            return Err(IdentifierError::new(
                Self::FIELD,
                "先頭2桁の法別番号は54（難病）または52（小慢）です。",
            ));
        }
        let expected = modulus10_weights21(&digits[..7]);
        check_last_digit(Self::FIELD, &digits, expected, "重み2,1・モジュラス10")?;
        Ok(Self(raw.trim().to_owned()))
    }
    /// 法別番号 (first two digits: 54 難病, 52 小慢).
    pub fn law(&self) -> &str {
        &self.0[..2]
    }

    /// 都道府県番号 (third and fourth digits).
    pub fn prefecture(&self) -> &str {
        &self.0[2..4]
    }
}

impl RecipientNumber {
    pub const FIELD: &'static str = "受給者番号";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let digits = digits_of(Self::FIELD, raw, 7)?;
        let expected = modulus10_weights21(&digits[..6]);
        check_last_digit(Self::FIELD, &digits, expected, "重み2,1・モジュラス10")?;
        Ok(Self(raw.trim().to_owned()))
    }
}

impl MedicalRegistrationNumber {
    pub const FIELD: &'static str = "医籍登録番号";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.len() > 6 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentifierError::new(
                Self::FIELD,
                format!("半角数字1〜6桁で入力してください（入力値: 「{trimmed}」）。"),
            ));
        }
        // Leading zeros are not significant: 012345 and 12345 are the same registration.
        let canonical = trimmed.trim_start_matches('0');
        Ok(Self(
            if canonical.is_empty() { "0" } else { canonical }.to_owned(),
        ))
    }
}

impl DesignatedDoctorNumber {
    pub const FIELD: &'static str = "指定医番号";

    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let trimmed = raw.trim();
        if trimmed.is_empty()
            || trimmed.len() > 20
            || !trimmed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(IdentifierError::new(
                Self::FIELD,
                format!(
                    "半角英数字とハイフン1〜20文字で入力してください（入力値: 「{trimmed}」）。"
                ),
            ));
        }
        Ok(Self(trimmed.to_ascii_uppercase()))
    }
}

impl CertificateFingerprint {
    pub const FIELD: &'static str = "証明書のフィンガープリント";

    /// Accepts what `openssl x509 -noout -fingerprint -sha256` prints (with or without its
    /// `sha256 Fingerprint=` prefix), colon-separated or plain hex, in either case.
    pub fn parse(raw: &str) -> Result<Self, IdentifierError> {
        let value = raw.trim();
        let value = value
            .split_once('=')
            .filter(|(name, _)| name.to_ascii_lowercase().contains("fingerprint"))
            .map_or(value, |(_, hex)| hex);
        let hex: String = value
            .chars()
            .filter(|c| *c != ':' && !c.is_whitespace())
            .collect();
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(IdentifierError::new(
                Self::FIELD,
                "SHA-256のフィンガープリント（16進数64桁、「AB:CD:…」のようにコロン区切りでも可）を入力してください。`openssl x509 -noout -fingerprint -sha256 -in 証明書.pem` で表示できます。",
            ));
        }
        Ok(Self(hex.to_ascii_lowercase()))
    }

    /// The fingerprint of a certificate's DER bytes.
    pub fn of_der(der: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        Self(hex::encode(Sha256::digest(der)))
    }

    /// As openssl shows it: uppercase, colon-separated (`AB:CD:…`).
    pub fn colon_separated(&self) -> String {
        self.0
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).to_ascii_uppercase())
            .collect::<Vec<_>>()
            .join(":")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_read_as_openssl_prints_it_or_as_plain_hex() {
        let plain = "3f".repeat(32);
        let colons = vec!["3F"; 32].join(":");
        for raw in [
            plain.clone(),
            colons.clone(),
            format!("sha256 Fingerprint={colons}"),
            format!("SHA256 Fingerprint={colons}\n"),
            format!("  {}  ", plain.to_uppercase()),
        ] {
            assert_eq!(
                CertificateFingerprint::parse(&raw).unwrap().as_str(),
                plain,
                "{raw}"
            );
        }
        assert_eq!(
            CertificateFingerprint::parse(&plain)
                .unwrap()
                .colon_separated(),
            colons
        );
        for bad in [
            "",
            "3f",
            &"3f".repeat(31),
            &"zz".repeat(32),
            &"3f".repeat(33),
        ] {
            assert!(CertificateFingerprint::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_fingerprint_of_der_bytes_is_their_sha256() {
        assert_eq!(
            CertificateFingerprint::of_der(b"").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    // domain.md: 東京都 130001, 北海道 010006, 大阪府 270008.
    #[test]
    fn municipality_codes_from_the_reference_are_accepted() {
        for code in ["130001", "010006", "270008"] {
            assert_eq!(MunicipalityCode::parse(code).unwrap().as_str(), code);
        }
        assert_eq!(
            MunicipalityCode::parse("130001").unwrap().prefecture(),
            "13"
        );
    }

    #[test]
    fn municipality_code_with_wrong_check_digit_is_refused() {
        for code in ["130002", "010005", "270009"] {
            let err = MunicipalityCode::parse(code).unwrap_err();
            assert_eq!(err.field, "地方公共団体コード");
            assert!(err.reason.contains("検査数字"), "{err}");
        }
    }

    #[test]
    fn municipality_code_remainder_one_gives_check_digit_zero() {
        // 11 − r = 10 for r = 1; the check digit is its last digit, 0.
        // 1,3,1,0,0: 6+15+4+0+0 = 25, 25 mod 11 = 3 → 8. Find r=1: 0,0,0,0,5 → 10 mod 11 = 10 → 1.
        // 0,1,0,0,0 → 5 mod 11 = 5 → 6; 0,0,0,1,1 → 5 → 6; 0,0,0,2,2 → 10 → 1; 1,0,0,0,1 → 8 → 3;
        // 0,0,1,1,1 → 9 → 2; 0,0,0,0,6 → 12 mod 11 = 1 → last digit of 10 = 0.
        assert!(MunicipalityCode::parse("000060").is_ok());
        assert!(MunicipalityCode::parse("000061").is_err());
        // r = 0 → 11 → 1.
        assert!(MunicipalityCode::parse("000001").is_ok());
    }

    #[test]
    fn municipality_code_shape_errors_name_the_rule() {
        for code in ["13000", "1300011", "13000a", "", "１３０００１"] {
            let err = MunicipalityCode::parse(code).unwrap_err();
            assert!(err.reason.contains("6桁"), "{code}: {err}");
        }
    }

    // domain.md example 0110113719.
    #[test]
    fn institution_code_example_is_accepted() {
        let code = InstitutionCode::parse("0110113719").unwrap();
        assert_eq!(code.prefecture(), "01");
    }

    #[test]
    fn institution_code_failing_variants_are_refused() {
        assert!(InstitutionCode::parse("0110113718")
            .unwrap_err()
            .reason
            .contains("検査数字"));
        assert!(InstitutionCode::parse("0110113710").is_err());
        // transposed digits change the check digit
        assert!(InstitutionCode::parse("0101113719").is_err());
        assert!(InstitutionCode::parse("011011371")
            .unwrap_err()
            .reason
            .contains("10桁"));
        assert!(InstitutionCode::parse("4810113719")
            .unwrap_err()
            .reason
            .contains("都道府県"));
        assert!(InstitutionCode::parse("0120113719")
            .unwrap_err()
            .reason
            .contains("点数表"));
    }

    #[test]
    fn institution_code_dental_table_is_accepted() {
        // 01 3 01 1371 → check digit recomputed for 点数表 3.
        let payload = [0, 1, 3, 0, 1, 1, 3, 7, 1];
        let check = modulus10_weights21(&payload);
        let code = format!("013011371{check}");
        assert!(InstitutionCode::parse(&code).is_ok(), "{code}");
    }

    // domain.md example 54016027.
    #[test]
    fn payer_number_example_is_accepted_and_variants_refused() {
        assert!(PayerNumber::parse("54016027").is_ok());
        assert!(PayerNumber::parse("54016028")
            .unwrap_err()
            .reason
            .contains("検査数字"));
        assert!(PayerNumber::parse("53016027")
            .unwrap_err()
            .reason
            .contains("法別"));
        assert!(PayerNumber::parse("5401602")
            .unwrap_err()
            .reason
            .contains("8桁"));
    }

    #[test]
    fn recipient_number_check_digit() {
        // 123456: from the right 6·2=12→3, 5, 4·2=8, 3, 2·2=4, 1 → 24 → check 6.
        assert!(RecipientNumber::parse("1234566").is_ok());
        assert!(RecipientNumber::parse("1234567").is_err());
        assert!(RecipientNumber::parse("123456").is_err());
    }

    #[test]
    fn medical_registration_number_is_up_to_six_digits() {
        assert_eq!(
            MedicalRegistrationNumber::parse("012345").unwrap().as_str(),
            "12345"
        );
        assert_eq!(MedicalRegistrationNumber::parse("1").unwrap().as_str(), "1");
        assert!(MedicalRegistrationNumber::parse("1234567").is_err());
        assert!(MedicalRegistrationNumber::parse("12a").is_err());
        assert!(MedicalRegistrationNumber::parse("").is_err());
    }

    #[test]
    fn designated_doctor_number_is_normalised() {
        assert_eq!(
            DesignatedDoctorNumber::parse(" n13-0001 ")
                .unwrap()
                .as_str(),
            "N13-0001"
        );
        assert!(DesignatedDoctorNumber::parse("指定1").is_err());
    }

    #[test]
    fn phone_numbers_have_ten_or_eleven_digits() {
        for ok in ["03-5321-1111", "(045)671-2121", "09012345678"] {
            assert!(check_phone_number(ok).is_ok(), "{ok}");
        }
        for bad in [
            "03-5321-111",
            "090-1234-56789",
            "03‐5321‐1111",
            "tel 0353211111",
            "",
        ] {
            assert!(check_phone_number(bad).is_err(), "{bad}");
        }
    }
}
