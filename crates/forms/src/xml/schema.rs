//! The XML content model of one form version, compiled from its definition.
//!
//! Both the XSD generator ([`super::xsd`]) and the native validator
//! ([`super::validate`]) read this one model, so the two cannot drift apart:
//! every element, its order, its occurrence bounds and the lexical rules of
//! every value are decided here, once.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::{ApplicationKind, FormDefinition, Item, ItemType};
use crate::value::fmt_num;

/// Unbounded `maxOccurs`.
pub const UNBOUNDED: u32 = u32::MAX;

/// Digits allowed before the decimal point of any number.
pub const MAX_INTEGER_DIGITS: usize = 15;
/// Decimal places allowed for a decimal or lab item whose definition gives no `precision`.
pub const DEFAULT_FRACTION_DIGITS: u8 = 6;
/// Characters of `local_ref`.
pub const LOCAL_REF_MAX: usize = 64;

/// What an element stands for, for the data the validator extracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// `application_kind`.
    ApplicationKind,
    /// `institution_code` (医療機関コード).
    InstitutionCode,
    /// `local_ref` (the sender's own reference, echoed in reports).
    LocalRef,
    /// A section wrapper.
    Section,
    /// A top-level item (single value, or one code of a multiple-choice item).
    Item,
    /// A group wrapper (holds `row` elements).
    Group,
    /// A row of a group.
    Row,
    /// A field of a group row.
    Field,
}

/// The lexical rules of a leaf element's text.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueType {
    /// `xs:string` with at least one non-whitespace character.
    Text {
        max_len: Option<usize>,
    },
    /// ひらがな／カタカナ (with spaces, ー, ・).
    Kana {
        max_len: Option<usize>,
    },
    /// 指定医番号: `xs:token`, ASCII letters, digits and `-`, 1–20 characters.
    DoctorNumber,
    /// `local_ref`: `xs:token`, 1–64 characters.
    LocalRef,
    /// 医療機関コード: 10 digits, 都道府県 01–47, 点数表 1 or 3.
    InstitutionCode,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// Decimal with at most `fraction` decimals; `not_done` also accepted when `lab`.
    Decimal {
        min: Option<f64>,
        max: Option<f64>,
        fraction: u8,
        lab: bool,
    },
    Date,
    YearMonth,
    /// One code of the list (`xs:token` enumeration).
    Code {
        codes: Vec<(String, String)>,
    },
}

/// One element of a sequence.
#[derive(Debug, Clone)]
pub struct Particle {
    pub name: String,
    /// Japanese label (XSD documentation, messages).
    pub label: String,
    /// Extra documentation (type, unit, when required).
    pub doc: String,
    pub min: u32,
    pub max: u32,
    pub role: Role,
    pub content: Content,
    /// Ordinal of a header, section or top-level item element within its form
    /// (0 for rows and group fields): an index for per-form tables.
    pub ord: usize,
    /// [`Item::slot`] of a top-level item or group (0 for the others).
    pub slot: usize,
}

/// Content of an element.
#[derive(Debug, Clone)]
pub enum Content {
    Value(ValueType),
    Seq(Arc<Seq>),
}

/// A sequence of particles with distinct names.
///
/// Aligned to a cache line so that, inside its `Arc`, the reference counts
/// (written by the reading thread as elements open and close) do not share
/// a line with the particles (read by the checking threads): perf showed
/// the reader stalling on that line.
#[derive(Debug)]
#[repr(align(64))]
pub struct Seq {
    /// Index in [`FormSchema::seqs`]: per-value records name their sequence
    /// by this number rather than by an `Arc` clone, whose count the reading
    /// thread would increment and the checking thread decrement (a cache
    /// line bouncing between cores at every value: measured with perf).
    pub id: usize,
    pub particles: Vec<Particle>,
    index: HashMap<String, usize>,
}

impl Seq {
    fn new(particles: Vec<Particle>, seqs: &mut Vec<Arc<Seq>>) -> Arc<Seq> {
        let index = particles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        let seq = Arc::new(Seq {
            id: seqs.len(),
            particles,
            index,
        });
        seqs.push(seq.clone());
        seq
    }
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
    /// Like [`Seq::position`], looking first at `from` and the few particles
    /// after it (elements usually come in order).
    pub fn position_from(&self, name: &[u8], from: usize) -> Option<usize> {
        let end = self.particles.len().min(from + 8);
        (from..end)
            .find(|&i| super::same_name(self.particles[i].name.as_bytes(), name))
            .or_else(|| self.position(std::str::from_utf8(name).ok()?))
    }
}

/// Element names of the form header, reserved: no item, section or group may use them.
pub const HEADER_NAMES: [&str; 3] = ["application_kind", "institution_code", "local_ref"];
/// Element name of a group row.
pub const ROW: &str = "row";

/// The compiled content model of one form version.
#[derive(Debug)]
pub struct FormSchema {
    pub definition_id: String,
    /// `form_` + definition id.
    pub element: String,
    pub content: Arc<Seq>,
    /// A sequence holding the form element alone (the validator's outermost frame).
    pub root: Arc<Seq>,
    /// Every sequence of the form, by [`Seq::id`].
    pub seqs: Vec<Arc<Seq>>,
    /// Header, section and item name → [`Particle::ord`].
    pub ords: HashMap<String, usize>,
    /// Number of ordinals.
    pub ord_count: usize,
}

/// The element name of a form version: `form_` + its id.
pub fn form_element(definition_id: &str) -> String {
    format!("form_{definition_id}")
}

fn kinds_text(kinds: &[ApplicationKind]) -> String {
    kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("・")
}

fn item_doc(def: &FormDefinition, item: &Item) -> String {
    let mut parts = Vec::new();
    if let Some(u) = &item.unit {
        parts.push(format!("単位: {u}"));
    }
    let all = &def.application_kinds;
    if item.kinds.len() < all.len() {
        parts.push(format!("{}のみ記載", kinds_text(&item.kinds)));
    }
    if !item.required_for.is_empty() {
        parts.push(format!("必須: {}", kinds_text(&item.required_for)));
    }
    if let Some(rw) = &item.required_when {
        parts.push(format!("必須となる条件: {}", rw.source));
    }
    if let Some(a) = &item.auto_from {
        parts.push(format!("自動計算（{a}）: 省略可"));
    }
    if item.item_type == ItemType::Lab {
        parts.push("未実施は not_done".to_string());
    }
    if let Some(h) = &item.help {
        parts.push(h.clone());
    }
    parts.join("。")
}

fn value_type(item: &Item) -> ValueType {
    match item.item_type {
        ItemType::Text if item.id == "designated_doctor_number" => ValueType::DoctorNumber,
        ItemType::Text => ValueType::Text {
            max_len: item.max_length,
        },
        ItemType::Kana => ValueType::Kana {
            max_len: item.max_length,
        },
        ItemType::Integer => ValueType::Integer {
            min: item.min.map(|m| m.ceil() as i64),
            max: item.max.map(|m| m.floor() as i64),
        },
        ItemType::Decimal | ItemType::Lab => ValueType::Decimal {
            min: item.min,
            max: item.max,
            fraction: item.precision.unwrap_or(DEFAULT_FRACTION_DIGITS),
            lab: item.item_type == ItemType::Lab,
        },
        ItemType::Date => ValueType::Date,
        ItemType::YearMonth => ValueType::YearMonth,
        ItemType::Single | ItemType::Multiple | ItemType::YesNo | ItemType::YesNoUnknown => {
            ValueType::Code {
                codes: item
                    .codes
                    .iter()
                    .map(|c| (c.code.clone(), c.label.clone()))
                    .collect(),
            }
        }
        ItemType::Group => unreachable!("groups have no value type"),
    }
}

/// True when the XSD can say the item is required: required for every
/// application kind of the form, asked for all of them, not auto-filled.
fn always_required(def: &FormDefinition, item: &Item) -> bool {
    item.auto_from.is_none()
        && item.required_when.is_none()
        && def
            .application_kinds
            .iter()
            .all(|k| item.required_for(*k) && item.asked_for(*k))
}

fn item_particle(def: &FormDefinition, item: &Item, seqs: &mut Vec<Arc<Seq>>) -> Particle {
    let min = u32::from(always_required(def, item));
    let doc = item_doc(def, item);
    match item.item_type {
        ItemType::Group => {
            let fields: Vec<Particle> = item
                .fields
                .iter()
                .map(|f| Particle {
                    name: f.id.clone(),
                    label: f.label.clone(),
                    doc: item_doc(def, f),
                    min: u32::from(!f.required_for.is_empty()),
                    max: if f.item_type == ItemType::Multiple {
                        f.codes.len().max(1) as u32
                    } else {
                        1
                    },
                    role: Role::Field,
                    ord: 0,
                    slot: 0,
                    content: Content::Value(value_type(f)),
                })
                .collect();
            let row = Particle {
                name: ROW.to_string(),
                label: format!("{}（1行）", item.label),
                doc: String::new(),
                min: 1,
                max: item.max_rows.map(|m| m as u32).unwrap_or(UNBOUNDED),
                role: Role::Row,
                ord: 0,
                slot: 0,
                content: Content::Seq(Seq::new(fields, seqs)),
            };
            Particle {
                name: item.id.clone(),
                label: item.label.clone(),
                doc,
                min,
                max: 1,
                role: Role::Group,
                ord: 0,
                slot: item.slot,
                content: Content::Seq(Seq::new(vec![row], seqs)),
            }
        }
        ItemType::Multiple => Particle {
            name: item.id.clone(),
            label: item.label.clone(),
            doc: if doc.is_empty() {
                "複数選択: 選んだコードごとに1要素".to_string()
            } else {
                format!("複数選択: 選んだコードごとに1要素。{doc}")
            },
            min,
            max: item.codes.len().max(1) as u32,
            role: Role::Item,
            ord: 0,
            slot: item.slot,
            content: Content::Value(value_type(item)),
        },
        _ => Particle {
            name: item.id.clone(),
            label: item.label.clone(),
            doc,
            min,
            max: 1,
            role: Role::Item,
            ord: 0,
            slot: item.slot,
            content: Content::Value(value_type(item)),
        },
    }
}

impl FormSchema {
    /// Compiles the content model of `def`.
    pub fn new(def: &FormDefinition) -> FormSchema {
        let kinds = def
            .application_kinds
            .iter()
            .map(|k| {
                let code = match k {
                    ApplicationKind::New => "new",
                    ApplicationKind::Renewal => "renewal",
                    ApplicationKind::Continuation => "continuation",
                    ApplicationKind::TransferIn => "transfer_in",
                };
                (code.to_string(), k.label().to_string())
            })
            .collect();
        let mut particles = vec![
            Particle {
                name: "application_kind".into(),
                label: "申請区分".into(),
                doc: format!(
                    "この様式で使える申請区分: {}",
                    kinds_text(&def.application_kinds)
                ),
                min: 1,
                max: 1,
                role: Role::ApplicationKind,
                ord: 0,
                slot: 0,
                content: Content::Value(ValueType::Code { codes: kinds }),
            },
            Particle {
                name: "institution_code".into(),
                label: "医療機関コード".into(),
                doc: "10桁（都道府県2＋点数表1＋郡市区2＋機関4＋検査数字1）".into(),
                min: 1,
                max: 1,
                role: Role::InstitutionCode,
                ord: 0,
                slot: 0,
                content: Content::Value(ValueType::InstitutionCode),
            },
            Particle {
                name: "local_ref".into(),
                label: "整理番号".into(),
                doc: "送信元（病院システム）の整理番号。チェック結果にそのまま表示されます。省略可"
                    .into(),
                min: 0,
                max: 1,
                role: Role::LocalRef,
                ord: 0,
                slot: 0,
                content: Content::Value(ValueType::LocalRef),
            },
        ];
        let mut seqs = Vec::new();
        let mut ord = particles.len();
        for (i, p) in particles.iter_mut().enumerate() {
            p.ord = i;
        }
        for s in &def.sections {
            let mut items: Vec<Particle> = s
                .items
                .iter()
                .map(|i| item_particle(def, i, &mut seqs))
                .collect();
            for p in &mut items {
                p.ord = ord;
                ord += 1;
            }
            let min = u32::from(items.iter().any(|p| p.min > 0));
            ord += 1;
            particles.push(Particle {
                ord: ord - 1,
                slot: 0,
                name: s.id.clone(),
                label: s.label.clone(),
                doc: s.help.clone().unwrap_or_default(),
                min,
                max: 1,
                role: Role::Section,
                content: Content::Seq(Seq::new(items, &mut seqs)),
            });
        }
        let mut ords = HashMap::new();
        for p in &particles {
            ords.insert(p.name.clone(), p.ord);
            if let (Role::Section, Content::Seq(items)) = (&p.role, &p.content) {
                for i in &items.particles {
                    ords.insert(i.name.clone(), i.ord);
                }
            }
        }
        let content = Seq::new(particles, &mut seqs);
        let element = form_element(&def.id);
        let root = Seq::new(
            vec![Particle {
                name: element.clone(),
                label: "様式".into(),
                doc: String::new(),
                min: 1,
                max: UNBOUNDED,
                role: Role::Section,
                ord: 0,
                slot: 0,
                content: Content::Seq(content.clone()),
            }],
            &mut seqs,
        );
        FormSchema {
            definition_id: def.id.clone(),
            element,
            content,
            root,
            seqs,
            ords,
            ord_count: ord,
        }
    }
}

// ---------------------------------------------------------------------------
// Lexical rules, shared by the native validator and mirrored by the XSD facets.

/// XML Schema whitespace: space, tab, CR, LF.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `whiteSpace="collapse"`: trims and folds runs of XML whitespace into one space.
pub fn collapse(s: &str) -> String {
    collapsed(s).into_owned()
}

/// [`collapse`] without allocating when `s` holds no XML whitespace (most
/// values: codes, dates, numbers).
fn collapsed(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .bytes()
        .any(|b| b <= b' ' && matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_xml_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    std::borrow::Cow::Owned(out)
}

/// Why a value was refused; `code` is the finding code.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueError {
    pub code: &'static str,
    pub message: String,
}

fn err(code: &'static str, message: String) -> ValueError {
    ValueError { code, message }
}

/// Kana characters accepted by `kana` items (mirrors the engine's check).
pub fn is_kana_char(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ' | '　' | '゛' | '゜' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `-?[0-9]{1,15}(\.[0-9]{1,F})?` → (value, ok).
fn decimal_lexical(s: &str, fraction: u8) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if !digits(int) || int.len() > MAX_INTEGER_DIGITS {
        return None;
    }
    if let Some(f) = frac {
        if !digits(f) || f.len() > fraction as usize {
            return None;
        }
    }
    s.parse::<f64>().ok()
}

/// The exact number a lexical form denotes is compared with the bound; `f64`
/// is exact for ≤ 15 significant digits and the bounds come from the definition.
fn out_of_range(v: f64, min: Option<f64>, max: Option<f64>) -> bool {
    min.is_some_and(|m| v < m) || max.is_some_and(|m| v > m)
}

fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    format!(
        "{}〜{}",
        min.map(fmt_num).unwrap_or_default(),
        max.map(fmt_num).unwrap_or_default()
    )
}

/// Modulus 10, weights 2,1 from the rightmost payload digit (医療機関コード).
pub fn institution_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let p = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl ValueType {
    /// Checks the text of an element as the XSD does, and returns the value
    /// handed to the checks (collapsed for every type but free text).
    pub fn check(&self, raw: &str) -> Result<String, ValueError> {
        match self {
            ValueType::Text { max_len } => {
                // XML whitespace is ASCII: any other byte is a non-space character.
                if !raw
                    .bytes()
                    .any(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    return Err(err(
                        "xml_empty",
                        "値が空です。未記入の項目は要素ごと省略してください。".into(),
                    ));
                }
                // A string of at most `m` bytes has at most `m` characters.
                if let Some(m) = max_len.filter(|&m| raw.len() > m) {
                    let n = raw.chars().count();
                    if n > m {
                        return Err(err(
                            "xml_length",
                            format!("{m}文字以内で記載してください（{n}文字あります）。"),
                        ));
                    }
                }
                Ok(raw.to_string())
            }
            ValueType::Kana { max_len } => {
                if !raw.chars().any(|c| !is_xml_space(c)) {
                    return Err(err(
                        "xml_empty",
                        "値が空です。未記入の項目は要素ごと省略してください。".into(),
                    ));
                }
                let ok = raw.chars().all(is_kana_char)
                    && raw
                        .chars()
                        .any(|c| is_kana_char(c) && c != ' ' && c != '　');
                if !ok {
                    return Err(err(
                        "xml_pattern",
                        format!("ひらがな又はカタカナで記載してください（値: {raw}）。"),
                    ));
                }
                // A string of at most `m` bytes has at most `m` characters.
                if let Some(m) = max_len.filter(|&m| raw.len() > m) {
                    let n = raw.chars().count();
                    if n > m {
                        return Err(err(
                            "xml_length",
                            format!("{m}文字以内で記載してください（{n}文字あります）。"),
                        ));
                    }
                }
                Ok(raw.to_string())
            }
            ValueType::DoctorNumber => {
                let v = collapsed(raw);
                if v.is_empty() {
                    return Err(err("xml_empty", "値が空です。".into()));
                }
                if v.len() > 20 || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                    return Err(err(
                        "xml_pattern",
                        format!("指定医番号は半角英数字とハイフン1〜20文字です（値: {v}）。"),
                    ));
                }
                Ok(v.into_owned())
            }
            ValueType::LocalRef => {
                let v = collapsed(raw);
                if v.is_empty() {
                    return Err(err(
                        "xml_empty",
                        "値が空です。不要なら要素ごと省略してください。".into(),
                    ));
                }
                let n = v.chars().count();
                if n > LOCAL_REF_MAX {
                    return Err(err(
                        "xml_length",
                        format!("{LOCAL_REF_MAX}文字以内で記載してください（{n}文字あります）。"),
                    ));
                }
                Ok(v.into_owned())
            }
            ValueType::InstitutionCode => {
                let v = collapsed(raw);
                let b = v.as_bytes();
                let ok = b.len() == 10
                    && digits(&v)
                    && matches!(
                        (b[0], b[1]),
                        (b'0', b'1'..=b'9') | (b'1'..=b'3', _) | (b'4', b'0'..=b'7')
                    )
                    && (b[2] == b'1' || b[2] == b'3');
                if !ok {
                    return Err(err("xml_pattern", format!("医療機関コードは半角数字10桁（先頭2桁は都道府県番号01〜47、3桁目は1又は3）です（値: {v}）。")));
                }
                Ok(v.into_owned())
            }
            ValueType::Integer { min, max } => {
                let v = collapsed(raw);
                if v.is_empty() {
                    return Err(err(
                        "xml_empty",
                        "値が空です。未記入の項目は要素ごと省略してください。".into(),
                    ));
                }
                let Some(n) = decimal_lexical(&v, 0) else {
                    return Err(err(
                        "xml_type",
                        format!("半角の整数（例: 12）で記載してください（値: {v}）。"),
                    ));
                };
                let (lo, hi) = (min.map(|m| m as f64), max.map(|m| m as f64));
                if out_of_range(n, lo, hi) {
                    return Err(err(
                        "xml_range",
                        format!("値 {v} は範囲（{}）の外です。", range_text(lo, hi)),
                    ));
                }
                Ok(v.into_owned())
            }
            ValueType::Decimal {
                min,
                max,
                fraction,
                lab,
            } => {
                let v = collapsed(raw);
                if v.is_empty() {
                    return Err(err(
                        "xml_empty",
                        "値が空です。未記入の項目は要素ごと省略してください。".into(),
                    ));
                }
                if *lab && v == crate::data::NOT_DONE {
                    return Ok(v.into_owned());
                }
                let Some(n) = decimal_lexical(&v, *fraction) else {
                    let lab_hint = if *lab {
                        "検査を実施していない場合は not_done と記載してください。"
                    } else {
                        ""
                    };
                    // Distinguish "too many decimals" from "not a number" for the reader.
                    if decimal_lexical(&v, u8::MAX).is_some() {
                        return Err(err(
                            "xml_precision",
                            format!("小数点以下{fraction}桁までで記載してください（値: {v}）。"),
                        ));
                    }
                    return Err(err(
                        "xml_type",
                        format!("半角の数値（例: 12.5）で記載してください（値: {v}）。{lab_hint}"),
                    ));
                };
                if out_of_range(n, *min, *max) {
                    return Err(err(
                        "xml_range",
                        format!("値 {v} は範囲（{}）の外です。", range_text(*min, *max)),
                    ));
                }
                Ok(v.into_owned())
            }
            ValueType::Date => {
                let v = collapsed(raw);
                let b = v.as_bytes();
                let shape = b.len() == 10
                    && (v.starts_with("19") || v.starts_with("20"))
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && digits(&v[0..4])
                    && digits(&v[5..7])
                    && digits(&v[8..10]);
                // The shape is fixed: the date exists iff from_ymd_opt accepts
                // it (what parse_from_str("%Y-%m-%d") decides, at a tenth of the cost).
                let exists = shape && {
                    // All ten bytes are checked digits / dashes: read them in place.
                    let n = |r: std::ops::Range<usize>| {
                        b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
                    };
                    NaiveDate::from_ymd_opt(n(0..4) as i32, n(5..7), n(8..10)).is_some()
                };
                if !exists {
                    return Err(err("xml_type", format!("西暦の年月日 YYYY-MM-DD（例: 2024-04-01、1900〜2099年）で記載してください（値: {v}）。")));
                }
                Ok(v.into_owned())
            }
            ValueType::YearMonth => {
                let v = collapsed(raw);
                let b = v.as_bytes();
                let shape = b.len() == 7
                    && (v.starts_with("19") || v.starts_with("20"))
                    && b[4] == b'-'
                    && digits(&v[0..4])
                    && digits(&v[5..7])
                    && matches!(
                        &v[5..7],
                        "01" | "02"
                            | "03"
                            | "04"
                            | "05"
                            | "06"
                            | "07"
                            | "08"
                            | "09"
                            | "10"
                            | "11"
                            | "12"
                    );
                if !shape {
                    return Err(err("xml_type", format!("西暦の年月 YYYY-MM（例: 2024-04、1900〜2099年）で記載してください（値: {v}）。")));
                }
                Ok(v.into_owned())
            }
            ValueType::Code { codes } => {
                let v = collapsed(raw);
                if v.is_empty() {
                    return Err(err(
                        "xml_empty",
                        "値が空です。未記入の項目は要素ごと省略してください。".into(),
                    ));
                }
                if !codes.iter().any(|(c, _)| crate::model::same_code(c, &v)) {
                    let list: Vec<String> = codes.iter().map(|(c, l)| format!("{c}:{l}")).collect();
                    return Err(err(
                        "xml_code",
                        format!(
                            "コード「{v}」は選択肢にありません。次から選んでください: {}。",
                            list.join(" / ")
                        ),
                    ));
                }
                Ok(v.into_owned())
            }
        }
    }
}
