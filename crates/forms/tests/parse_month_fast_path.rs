//! `parse_month` reads `YYYY-MM` digits in place; every other shape takes the
//! general path. Both must agree with the plain definition below.

use nsdb_forms::evaluate::parse_month;

/// The definition: trim, split at the first `-`, 4 + 2 characters, `parse`, month 1–12.
fn reference(s: &str) -> Option<(i32, u32)> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (y, m) = t.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

#[test]
fn agrees_with_the_definition() {
    let cases = [
        "2024-04",
        "2024-12",
        "2024-13",
        "2024-00",
        "0000-01",
        "9999-09",
        " 2024-04 ",
        "2024-4",
        "2024-+4",
        "+024-04",
        "-024-04",
        "2024-04-01",
        "20a4-04",
        "2024_04",
        "",
        "-",
        "2024-",
        "-04",
        "１２３４-05",
        "2024-0４",
        "2024--4",
        "19999-01",
    ];
    for c in cases {
        assert_eq!(parse_month(c), reference(c), "{c:?}");
    }
    for y in [0, 1, 999, 1900, 2025, 9999] {
        for m in 0..=99 {
            let s = format!("{y:04}-{m:02}");
            assert_eq!(parse_month(&s), reference(&s), "{s}");
        }
    }
}
