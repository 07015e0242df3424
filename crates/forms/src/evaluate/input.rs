//! Turning answers into typed values, with type / code / range findings.

use chrono::NaiveDate;

use crate::data::{trim, Answer, NOT_DONE};
use crate::evaluate::Finding;
use crate::model::{FindingSeverity, Item, ItemType};
use crate::value::{fmt_num, Value};

fn unit(item: &Item) -> String {
    item.unit.clone().unwrap_or_default()
}

fn finding(item: &Item, code: &str, message: String, row: Option<usize>) -> Finding {
    Finding {
        code: code.to_string(),
        severity: FindingSeverity::Error,
        item: item.id.clone(),
        item_label: item.label.clone(),
        row,
        message,
    }
}

/// Value of a blank item: a number somewhere in its range, else unknown.
pub fn blank_value(item: &Item) -> Value {
    match item.item_type {
        ItemType::Integer | ItemType::Decimal | ItemType::Lab => Value::range(
            item.min.unwrap_or(f64::NEG_INFINITY),
            item.max.unwrap_or(f64::INFINITY),
        ),
        _ => Value::Unknown,
    }
}

fn parse_number(a: &Answer) -> Option<(f64, Option<usize>)> {
    match a {
        Answer::Number(n) if n.is_finite() => Some((*n, None)),
        Answer::Text(s) => {
            let t = trim(s);
            let ok = !t.is_empty()
                && t.chars()
                    .enumerate()
                    .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'))
                && t.matches('.').count() <= 1;
            if !ok {
                return None;
            }
            let decimals = t.split_once('.').map(|(_, d)| d.len());
            t.parse::<f64>().ok().map(|v| (v, decimals))
        }
        _ => None,
    }
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = trim(s);
    if t.len() != 10 {
        return None;
    }
    // `YYYY-MM-DD` exactly: what chrono's `%Y-%m-%d` gives, without its parser.
    let b = t.as_bytes();
    let digits = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(5, 7), digits(8, 10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    let t = trim(s);
    // `YYYY-MM` of digits: read in place (the general path below decides the rest).
    if let [y0, y1, y2, y3, b'-', m0, m1] = *t.as_bytes() {
        if [y0, y1, y2, y3, m0, m1].iter().all(u8::is_ascii_digit) {
            let d = |c: u8| u32::from(c - b'0');
            let y = d(y0) * 1000 + d(y1) * 100 + d(y2) * 10 + d(y3);
            let m = d(m0) * 10 + d(m1);
            return (1..=12).contains(&m).then_some((y as i32, m));
        }
    }
    let (y, m) = t.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) {
        return None;
    }
    Some((y, m))
}

fn is_kana(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ' | '　' | '゛' | '゜' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
    })
}

/// Converts one answer. Returns the value and any findings.
#[inline(always)]
pub fn convert(
    item: &Item,
    a: &Answer,
    today: NaiveDate,
    row: Option<usize>,
    out: &mut Vec<Finding>,
) -> Value {
    // Most items of a form are unanswered: settle them without the call.
    if crate::evaluate::is_blank(a) {
        return blank_value(item);
    }
    convert_answered(item, a, today, row, out)
}

/// [`convert`] of an answer that is not blank.
#[inline(never)]
fn convert_answered(
    item: &Item,
    a: &Answer,
    today: NaiveDate,
    row: Option<usize>,
    out: &mut Vec<Finding>,
) -> Value {
    let label = &item.label;
    match item.item_type {
        ItemType::Text | ItemType::Kana => {
            let Answer::Text(s) = a else {
                out.push(finding(
                    item,
                    "type",
                    format!("「{label}」は文字で入力してください。"),
                    row,
                ));
                return Value::Unknown;
            };
            // A string of at most `max` bytes has at most `max` characters.
            if let Some(max) = item.max_length.filter(|&max| s.len() > max) {
                let n = s.chars().count();
                if n > max {
                    out.push(finding(
                        item,
                        "too_long",
                        format!("「{label}」は{max}文字以内で入力してください（現在{n}文字）。"),
                        row,
                    ));
                }
            }
            if item.item_type == ItemType::Kana && !is_kana(s) {
                out.push(finding(
                    item,
                    "kana",
                    format!("「{label}」はひらがな又はカタカナで入力してください（入力値: {s}）。"),
                    row,
                ));
            }
            Value::Text(s.clone())
        }
        ItemType::Integer | ItemType::Decimal | ItemType::Lab => {
            if item.item_type == ItemType::Lab {
                if let Answer::Text(s) = a {
                    let t = trim(s);
                    if t == NOT_DONE || t == "未実施" {
                        return Value::NotDone;
                    }
                }
            }
            let Some((v, decimals)) = parse_number(a) else {
                let extra = if item.item_type == ItemType::Lab {
                    "検査を実施していない場合は「未実施」を選んでください。"
                } else {
                    ""
                };
                out.push(finding(
                    item,
                    "type",
                    format!(
                        "「{label}」は数値で入力してください（入力値: {}）。{extra}",
                        a.display()
                    ),
                    row,
                ));
                return blank_value(item);
            };
            if item.item_type == ItemType::Integer && v.fract() != 0.0 {
                out.push(finding(
                    item,
                    "type",
                    format!(
                        "「{label}」は整数で入力してください（入力値: {}）。",
                        a.display()
                    ),
                    row,
                ));
            }
            if let Some(p) = item.precision {
                let too_many = match decimals {
                    Some(d) => d > p as usize,
                    None => (crate::formulas::round_to(v, p as i32) - v).abs() > 1e-9,
                };
                if too_many {
                    out.push(finding(
                        item,
                        "precision",
                        format!(
                            "「{label}」は小数点以下{p}桁までで入力してください（入力値: {}）。",
                            a.display()
                        ),
                        row,
                    ));
                }
            }
            let below = item.min.is_some_and(|m| v < m);
            let above = item.max.is_some_and(|m| v > m);
            if below || above {
                let u = unit(item);
                let range = format!(
                    "{}〜{}",
                    item.min.map(fmt_num).unwrap_or_default(),
                    item.max.map(fmt_num).unwrap_or_default()
                );
                out.push(finding(item, "range", format!("「{label}」の値 {}{u} は入力できる範囲（{range}{u}）の外です。値と単位を確認してください。", fmt_num(v)), row));
            }
            Value::num(v)
        }
        ItemType::Date => {
            let d = match a {
                Answer::Text(s) => parse_date(s),
                _ => None,
            };
            let Some(d) = d else {
                out.push(finding(item, "type", format!("「{label}」は西暦の年月日（例: 2024-04-01）で入力してください（入力値: {}）。", a.display()), row));
                return Value::Unknown;
            };
            if d > today && !item.allow_future {
                out.push(finding(item, "date_future", format!("「{label}」（{d}）が今日（{today}）より後の日付です。日付を確認してください。"), row));
            }
            Value::Date(d)
        }
        ItemType::YearMonth => {
            let m = match a {
                Answer::Text(s) => parse_month(s),
                _ => None,
            };
            let Some((year, month)) = m else {
                out.push(finding(
                    item,
                    "type",
                    format!(
                        "「{label}」は西暦の年月（例: 2024-04）で入力してください（入力値: {}）。",
                        a.display()
                    ),
                    row,
                ));
                return Value::Unknown;
            };
            let v = Value::Month { year, month };
            if !item.allow_future && v.month_index() > Value::Date(today).month_index() {
                out.push(finding(item, "date_future", format!("「{label}」（{year:04}-{month:02}）が今月より後です。年月を確認してください。"), row));
            }
            v
        }
        ItemType::Single | ItemType::YesNo | ItemType::YesNoUnknown => {
            let number;
            let code: &str = match a {
                Answer::Text(s) => trim(s),
                Answer::Number(n) if n.fract() == 0.0 => {
                    number = fmt_num(*n);
                    &number
                }
                Answer::Bool(b) if item.item_type != ItemType::Single => {
                    if *b {
                        "1"
                    } else {
                        "2"
                    }
                }
                _ => {
                    out.push(finding(
                        item,
                        "type",
                        format!("「{label}」は選択肢から1つ選んでください。"),
                        row,
                    ));
                    return Value::Unknown;
                }
            };
            if item.code(code).is_none() {
                let choices: Vec<String> = item
                    .codes
                    .iter()
                    .map(|c| format!("{}:{}", c.code, c.label))
                    .collect();
                out.push(finding(item, "code_unknown", format!("「{label}」の選択肢コード「{code}」はこの様式にありません。次から選んでください: {}。", choices.join(" / ")), row));
                return Value::Unknown;
            }
            match item.item_type {
                ItemType::Single => Value::Text(code.to_string()),
                // 1 = あり/はい; 2 = なし; 3 = 不明 — an answer: the finding is not established.
                _ => match code {
                    "1" => Value::Bool(true),
                    "2" => Value::Bool(false),
                    _ => Value::NotDone,
                },
            }
        }
        ItemType::Multiple => {
            let mut ok: Vec<String> = Vec::new();
            let mut take = |c: &str, out: &mut Vec<Finding>| {
                if item.code(c).is_none() {
                    out.push(finding(item, "code_unknown", format!("「{label}」の選択肢コード「{c}」はこの様式にありません。選択肢から選んでください。"), row));
                } else if !ok.iter().any(|x| x == c) {
                    ok.push(c.to_string());
                }
            };
            match a {
                Answer::Codes(v) => v.iter().for_each(|s| take(trim(s), out)),
                Answer::Text(s) => s
                    .split(',')
                    .map(trim)
                    .filter(|s| !s.is_empty())
                    .for_each(|s| take(s, out)),
                _ => {
                    out.push(finding(
                        item,
                        "type",
                        format!("「{label}」は選択肢から選んでください（複数可）。"),
                        row,
                    ));
                    return Value::Unknown;
                }
            }
            Value::Set(ok)
        }
        ItemType::Group => Value::Unknown,
    }
}
