//! Clinical formulas available to the rule language as functions.
//! Scores made of item points (Barthel, IOIBD, SLEDAI, …) are written in the
//! rule language itself, in `forms/fragments/scales/`.

/// BMI = weight (kg) / height (m)².
pub fn bmi(weight_kg: f64, height_cm: f64) -> Option<f64> {
    if weight_kg <= 0.0 || height_cm <= 0.0 {
        return None;
    }
    let m = height_cm / 100.0;
    Some(weight_kg / (m * m))
}

/// Coefficients (a, b) of the Japanese school-age standard weight
/// 標準体重 = a × 身長(cm) − b, ages 5–17, by sex (日本学校保健会 2006 / 文部科学省).
/// UNVERIFIED transcription: check against the 学校保健統計 table before relying on it.
const STD_WEIGHT_MALE: [(f64, f64); 13] = [
    (0.386, 23.699),
    (0.461, 32.382),
    (0.513, 38.878),
    (0.592, 48.804),
    (0.687, 61.390),
    (0.752, 70.461),
    (0.782, 75.106),
    (0.783, 75.642),
    (0.815, 81.348),
    (0.832, 83.695),
    (0.766, 70.989),
    (0.656, 51.822),
    (0.672, 53.642),
];
const STD_WEIGHT_FEMALE: [(f64, f64); 13] = [
    (0.377, 22.750),
    (0.458, 32.079),
    (0.508, 38.367),
    (0.561, 45.006),
    (0.652, 56.992),
    (0.730, 68.091),
    (0.803, 78.846),
    (0.796, 76.934),
    (0.655, 54.234),
    (0.594, 43.264),
    (0.560, 37.002),
    (0.578, 39.057),
    (0.598, 42.339),
];

/// 肥満度 (%) = (実測体重 − 標準体重) / 標準体重 × 100, for ages 5–17.
/// `sex` is the code of the common 性別 item: "1" male, "2" female.
/// Returns `None` outside the table (other ages, 性別未決定).
pub fn obesity_pct(weight_kg: f64, height_cm: f64, sex: &str, age_years: f64) -> Option<f64> {
    let age = age_years.floor();
    if !(5.0..=17.0).contains(&age) || weight_kg <= 0.0 || height_cm <= 0.0 {
        return None;
    }
    let table = match sex {
        "1" => &STD_WEIGHT_MALE,
        "2" => &STD_WEIGHT_FEMALE,
        _ => return None,
    };
    let (a, b) = table[(age as usize) - 5];
    let std = a * height_cm - b;
    if std <= 0.0 {
        return None;
    }
    Some((weight_kg - std) / std * 100.0)
}

/// Round half away from zero to `digits` decimals.
pub fn round_to(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bmi_of_170_cm_65_kg() {
        assert_eq!(round_to(bmi(65.0, 170.0).unwrap(), 1), 22.5);
        assert_eq!(bmi(65.0, 0.0), None);
    }

    #[test]
    fn obesity_of_a_10_year_old_boy() {
        // 標準体重 = 0.752 × 140 − 70.461 = 34.819 kg; 40 kg → +14.9 %
        let p = obesity_pct(40.0, 140.0, "1", 10.5).unwrap();
        assert_eq!(round_to(p, 1), 14.9);
        assert_eq!(obesity_pct(40.0, 140.0, "1", 4.0), None);
        assert_eq!(obesity_pct(40.0, 140.0, "3", 10.0), None);
    }
}
