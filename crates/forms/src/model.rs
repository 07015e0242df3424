//! The compiled form-definition model: what the server, the check tool and
//! the XML/XSD layer read. Built by [`crate::load`] from TOML data.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use crate::expr::{Compiled, Scope};

/// The two programs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Program {
    /// 指定難病: forms are 臨床調査個人票.
    Nanbyo,
    /// 小児慢性特定疾病: forms are 医療意見書.
    Shoman,
}

impl Program {
    pub fn as_str(self) -> &'static str {
        match self {
            Program::Nanbyo => "nanbyo",
            Program::Shoman => "shoman",
        }
    }
    /// The code, or the Japanese name as people write it in files (難病, 小慢).
    pub fn parse(s: &str) -> Option<Program> {
        match s.trim() {
            "nanbyo" | "難病" => Some(Program::Nanbyo),
            "shoman" | "小慢" => Some(Program::Shoman),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Program::Nanbyo => "難病",
            Program::Shoman => "小慢",
        }
    }
    /// Application kinds a form of this program can be written for.
    pub fn application_kinds(self) -> &'static [ApplicationKind] {
        match self {
            Program::Nanbyo => &[ApplicationKind::New, ApplicationKind::Renewal],
            Program::Shoman => &[
                ApplicationKind::New,
                ApplicationKind::Continuation,
                ApplicationKind::TransferIn,
            ],
        }
    }
}

/// 新規 / 更新 / 継続 / 転入.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApplicationKind {
    New,
    Renewal,
    Continuation,
    TransferIn,
}

impl ApplicationKind {
    pub fn parse(s: &str) -> Option<ApplicationKind> {
        match s {
            "new" => Some(ApplicationKind::New),
            "renewal" => Some(ApplicationKind::Renewal),
            "continuation" => Some(ApplicationKind::Continuation),
            "transfer_in" => Some(ApplicationKind::TransferIn),
            _ => None,
        }
    }
    /// The code used in XML, the API and rules (`application_kind()`).
    pub fn code(self) -> &'static str {
        match self {
            ApplicationKind::New => "new",
            ApplicationKind::Renewal => "renewal",
            ApplicationKind::Continuation => "continuation",
            ApplicationKind::TransferIn => "transfer_in",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ApplicationKind::New => "新規",
            ApplicationKind::Renewal => "更新",
            ApplicationKind::Continuation => "継続",
            ApplicationKind::TransferIn => "転入",
        }
    }
}

/// Item types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ItemType {
    Text,
    /// Kana (ひらがな/カタカナ, spaces).
    Kana,
    Integer,
    Decimal,
    Date,
    YearMonth,
    /// One code of `codes`.
    Single,
    /// Several codes of `codes`.
    Multiple,
    /// 1.はい/あり 2.いいえ/なし.
    YesNo,
    /// 1.あり 2.なし 3.不明.
    YesNoUnknown,
    /// A measured value (decimal) that may be recorded as 未実施.
    Lab,
    /// Repeatable rows of sub-items (`fields`).
    Group,
}

impl ItemType {
    pub fn parse(s: &str) -> Option<ItemType> {
        Some(match s {
            "text" => ItemType::Text,
            "kana" => ItemType::Kana,
            "integer" => ItemType::Integer,
            "decimal" => ItemType::Decimal,
            "date" => ItemType::Date,
            "year_month" => ItemType::YearMonth,
            "single" => ItemType::Single,
            "multiple" => ItemType::Multiple,
            "yes_no" => ItemType::YesNo,
            "yes_no_unknown" => ItemType::YesNoUnknown,
            "lab" => ItemType::Lab,
            "group" => ItemType::Group,
            _ => return None,
        })
    }
    pub fn has_codes(self) -> bool {
        matches!(
            self,
            ItemType::Single | ItemType::Multiple | ItemType::YesNo | ItemType::YesNoUnknown
        )
    }
}

/// 前回値踏襲 policy of an item on a renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CarryOver {
    /// Copied from the previous form.
    Carry,
    /// Copied, but the doctor must confirm it.
    Confirm,
    /// Cleared: must be entered fresh every time.
    Never,
    /// Not copied: recomputed from other items.
    Recompute,
}

/// How much an item tells about who the patient is. The masked PDF hides identifying
/// items, and research extracts leave them out and coarsen quasi-identifying ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PersonalData {
    /// Names the patient alone: 氏名, かな, 住所, 受給者番号, 保険者番号・記号番号.
    Identifying,
    /// Identifies the patient with other data: 生年月日, 性別, 郵便番号, 出生地, the
    /// institution and doctor.
    QuasiIdentifying,
    /// Everything else.
    Clinical,
}

/// One code of a code list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Code {
    /// Stable code (ASCII), e.g. "1".
    pub code: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One item (field) of a form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(no_recursion))]
pub struct Item {
    /// Stable ASCII snake_case id (an XML element name).
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub item_type: ItemType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Decimal places allowed (decimal, lab).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Code>,
    /// Application kinds for which the item is asked.
    pub kinds: Vec<ApplicationKind>,
    /// Application kinds for which the item is always required.
    pub required_for: Vec<ApplicationKind>,
    /// Required when this condition is true.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub required_when: Option<Compiled>,
    /// The item applies only when this is not false: a false condition hides it (neither
    /// asked nor checked, its answer set aside); unknown shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub shown_when: Option<Compiled>,
    pub carry_over: CarryOver,
    pub personal_data: PersonalData,
    /// Dates may lie after today (e.g. a planned date).
    pub allow_future: bool,
    /// Filled automatically by this calculation (the doctor may not need to enter it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_from: Option<String>,
    /// Sub-items of a group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_rows: Option<usize>,
    /// How the item is laid out on screen and paper.
    #[serde(skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
    /// Evaluation slot (top-level items) or field index (group fields).
    #[serde(skip)]
    pub slot: usize,
}

impl Item {
    pub fn code(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| same_code(&c.code, code))
    }
    pub fn asked_for(&self, kind: ApplicationKind) -> bool {
        self.kinds.contains(&kind)
    }
    pub fn required_for(&self, kind: ApplicationKind) -> bool {
        self.required_for.contains(&kind)
    }
}

/// A section (■ heading) of a form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Fragment file the section comes from, if shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fragment: Option<String>,
    /// The section applies only when this is not false (its items are then neither
    /// asked nor checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub shown_when: Option<Compiled>,
    /// How the heading is laid out (its mark or number, a note under it).
    #[serde(skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
    pub items: Vec<Item>,
}

/// Layout hints of a section or item: what the paper 様式 prints as its number or mark,
/// a note (注記), and for items how they are asked. Screen and PDF draw from them; a
/// missing hint means the derived default (numbers like `3-2`; radios for up to six
/// choices, a list above; one line of text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Layout {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget: Option<Widget>,
}

impl Layout {
    pub fn is_empty(&self) -> bool {
        *self == Layout::default()
    }
}

/// How an item is asked, when the definition chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Widget {
    /// Every choice visible (single choice, yes/no).
    Radio,
    /// A drop-down list (single choice).
    Select,
    /// Several lines of free text.
    TextArea,
}

impl Widget {
    pub fn parse(s: &str) -> Option<Widget> {
        match s {
            "radio" => Some(Widget::Radio),
            "select" => Some(Widget::Select),
            "text_area" => Some(Widget::TextArea),
            _ => None,
        }
    }

    /// Whether an item of this type can be asked this way.
    pub fn suits(self, item_type: ItemType) -> bool {
        match self {
            Widget::Radio | Widget::Select => matches!(
                item_type,
                ItemType::Single | ItemType::YesNo | ItemType::YesNoUnknown
            ),
            Widget::TextArea => item_type == ItemType::Text,
        }
    }
}

/// A derived value (自動計算), optionally filling an item.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Calculation {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Decimal places the result is rounded to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub expr: Compiled,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fills: Option<String>,
    #[serde(skip)]
    pub slot: usize,
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FindingSeverity {
    Error,
    Warning,
}

impl FindingSeverity {
    /// The name in JSON and reports (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingSeverity::Error => "error",
            FindingSeverity::Warning => "warning",
        }
    }
}

/// A cross-item consistency rule: a finding is raised when `assert` is false.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    pub code: String,
    pub severity: FindingSeverity,
    /// Items the finding is about (the first one is reported).
    pub items: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub assert: Compiled,
    pub message: String,
    /// Application kinds the check applies to.
    pub kinds: Vec<ApplicationKind>,
}

/// A named criterion of the 診断基準 or 重症度分類.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CriterionRule))]
pub struct Criterion {
    pub id: String,
    pub label: String,
    /// The sentence of the MHLW text the criterion encodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub expr: Compiled,
    #[serde(skip)]
    pub slot: usize,
}

/// 診断のカテゴリー.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DiagnosisCategory {
    Definite,
    Probable,
    /// Possible / 疑診 (e.g. 多系統萎縮症, where it is subsidised).
    Possible,
}

impl DiagnosisCategory {
    pub fn label(self) -> &'static str {
        match self {
            DiagnosisCategory::Definite => "Definite",
            DiagnosisCategory::Probable => "Probable",
            DiagnosisCategory::Possible => "Possible",
        }
    }
}

/// One diagnosis category rule.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiagnosisRule {
    pub category: DiagnosisCategory,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub expr: Compiled,
}

/// One version of the criteria: the diagnosis and severity rules in force
/// for forms whose 記載年月日 falls in `valid_from..=valid_to`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleSet {
    /// None for the single set of a definition without named sets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Shown in the reasons (named sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Categories that make the diagnosis accepted (e.g. Parkinson: Definite only).
    pub eligible: Vec<DiagnosisCategory>,
    /// Category rules, most certain first.
    pub diagnosis: Vec<DiagnosisRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity_source: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub severity: Option<Compiled>,
}

impl RuleSet {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }
}

/// 経過措置: from `valid_from` to `valid_to` (記載年月日), a form meeting any
/// of the named rule sets is 該当.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transition {
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    /// Names of the rule sets, in the order they are reported.
    pub either: Vec<String>,
    /// Indexes of `either` in [`DeterminationRules::rule_sets`].
    #[serde(skip)]
    pub sets: Vec<usize>,
}

/// The 機械判定 rules of a form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeterminationRules {
    /// False for synthesized definitions: no 機械判定; the result is always 判定不能.
    pub machine_determination: bool,
    pub rule_version: String,
    /// The criteria: one unnamed set, or named sets that together cover every
    /// date without overlap (empty without 機械判定).
    pub rule_sets: Vec<RuleSet>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Transition>,
    pub severity_label: String,
    /// Shown with every result (e.g. "機械判定はできません").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// For `machine_determination = false`: items where the doctor states the category / severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_diagnosis_item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_severity_item: Option<String>,
}

impl DeterminationRules {
    /// The rule sets that judge a form of this 記載年月日: those of a
    /// transition covering it, else the one set in force.
    pub fn sets_on(&self, date: NaiveDate) -> Vec<&RuleSet> {
        match self
            .transitions
            .iter()
            .find(|t| t.valid_from <= date && date <= t.valid_to)
        {
            Some(t) => t.sets.iter().map(|&i| &self.rule_sets[i]).collect(),
            // Load validation makes exactly one set in force on every date;
            // the last set keeps this total all the same.
            None => self
                .rule_sets
                .iter()
                .find(|s| s.in_force_on(date))
                .or(self.rule_sets.last())
                .into_iter()
                .collect(),
        }
    }
}

/// A derived value in evaluation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    Calculation(usize),
    Criterion(usize),
}

/// What the form is on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FormKind {
    /// 臨床調査個人票.
    ClinicalSurvey,
    /// 医療意見書.
    MedicalOpinion,
}

/// Where a definition's medical content comes from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provenance {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_date: Option<NaiveDate>,
    /// True when the rules were checked against the 2024-04 revision.
    pub reflects_2024_revision: bool,
    /// What a reviewer must still check (None when nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_needed: Option<String>,
}

/// One form version of one disease.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormDefinition {
    /// e.g. `nanbyo-006-2403`, `shoman-07-001-2403`.
    pub id: String,
    pub program: Program,
    pub form_kind: FormKind,
    /// 疾患群: the group name for 難病; the 告示 table number (1–16) for 小慢.
    pub disease_group: String,
    pub disease_group_name: String,
    pub disease_number: u32,
    pub disease_name: String,
    pub version: String,
    pub valid_from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    pub title: String,
    pub provenance: Provenance,
    /// True when the definition was synthesized (no disease-specific file).
    pub generic: bool,
    pub application_kinds: Vec<ApplicationKind>,
    pub sections: Vec<Section>,
    pub calculations: Vec<Calculation>,
    pub checks: Vec<Check>,
    pub criteria: Vec<Criterion>,
    pub determination: DeterminationRules,
    /// Evaluation order of calculations and criteria (dependencies first).
    #[serde(skip)]
    pub eval_order: Vec<Derived>,
    /// Names (items, calculations, criteria) → evaluation symbols.
    #[serde(skip)]
    pub scope: Scope,
    /// Number of evaluation slots.
    #[serde(skip)]
    pub slot_count: usize,
    /// Item id → (section index, item index).
    #[serde(skip)]
    pub item_index: std::collections::HashMap<String, (usize, usize), IdHash>,
    /// Slot → (label, item id) for explanations; items only.
    #[serde(skip)]
    pub slot_items: BTreeMap<usize, (String, String)>,
    /// How items of earlier versions move to this one on a renewal (docs/form-definitions.md
    /// §4.4); empty when nothing was renamed or recoded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renewal_mappings: Vec<RenewalMapping>,
    /// The program rules (軽症高額, 小慢 age limits) with their validity dates.
    #[serde(skip)]
    pub program_rules: std::sync::Arc<crate::program_rules::ProgramRules>,
    /// [`FormDefinition::content_hash`], computed on first use.
    #[serde(skip)]
    pub(crate) content_hash: std::sync::OnceLock<String>,
}

/// The items of one earlier version that moved or were recoded in this version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenewalMapping {
    /// The earlier version's definition id.
    pub from: String,
    /// Old item id → item id in this version.
    pub items: BTreeMap<String, String>,
    /// Item id in this version → (old code → code in this version).
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
}

/// Hasher of [`FormDefinition::item_index`]: the multiply-rotate hash of
/// rustc's `FxHasher`, much cheaper than the default SipHash on short ASCII
/// ids. Looking up an id that is not in the map is still correct under
/// collisions (only slower), and the map never grows from input, so the
/// missing flood resistance does not matter here.
pub type IdHash = std::hash::BuildHasherDefault<IdHasher>;

/// See [`IdHash`].
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher {
    hash: u64,
}

impl IdHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for IdHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let mut rest = chunks.remainder();
        if rest.len() >= 4 {
            let mut w = [0u8; 4];
            w.copy_from_slice(&rest[..4]);
            self.add(u64::from(u32::from_le_bytes(w)));
            rest = &rest[4..];
        }
        if rest.len() >= 2 {
            let mut w = [0u8; 2];
            w.copy_from_slice(&rest[..2]);
            self.add(u64::from(u16::from_le_bytes(w)));
            rest = &rest[2..];
        }
        if let Some(&b) = rest.first() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FormDefinition {
    /// The kind of application a renewal of this form is: 更新 (難病) or 継続 (小慢), as the
    /// definition offers; none when it offers neither.
    pub fn renewal_kind(&self) -> Option<ApplicationKind> {
        [ApplicationKind::Renewal, ApplicationKind::Continuation]
            .into_iter()
            .find(|k| self.application_kinds.contains(k))
    }

    /// The disease a form is about, written as the version ids write it: `006` (難病:
    /// 告示番号), `09-038` (小慢: 告示 table and number). Every version of one disease shares it.
    pub fn disease_key(&self) -> String {
        match self.program {
            Program::Nanbyo => format!("{:03}", self.disease_number),
            Program::Shoman => format!("{:0>2}-{:03}", self.disease_group, self.disease_number),
        }
    }
    /// SHA-256 (hex) of the definition as built: every section, item, code, calculation,
    /// check, criterion and determination rule, with its included fragments resolved. A
    /// stored form keeps it beside the definition id, so a later change to the file
    /// (a corrected rule, a new item) is visible against forms written before it. The
    /// program rules are not part of it: they are dated data of their own.
    pub fn content_hash(&self) -> &str {
        self.content_hash.get_or_init(|| {
            use sha2::{Digest, Sha256};
            // Serializing plain data (string-keyed maps only) cannot fail; were it ever
            // to, the error text is hashed instead of panicking.
            let json = serde_json::to_vec(self).unwrap_or_else(|e| e.to_string().into_bytes());
            hex::encode(Sha256::digest(&json))
        })
    }

    /// All top-level items in form order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }
    pub fn item(&self, id: &str) -> Option<&Item> {
        let (s, i) = *self.item_index.get(id)?;
        self.sections.get(s)?.items.get(i)
    }
    pub fn summary(&self) -> FormSummary {
        FormSummary {
            id: self.id.clone(),
            program: self.program,
            disease_group: self.disease_group.clone(),
            disease_number: self.disease_number,
            disease_name: self.disease_name.clone(),
            version: self.version.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            machine_determination: self.determination.machine_determination,
        }
    }
}

/// One row of `listFormDefinitions` / `nsdb forms`.
#[derive(Debug, Clone, PartialEq, Serialize)]
// Named apart from the API's `FormSummary` (a form of a search list).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = DefinitionSummary))]
pub struct FormSummary {
    pub id: String,
    pub program: Program,
    pub disease_group: String,
    pub disease_number: u32,
    pub disease_name: String,
    pub version: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub machine_determination: bool,
}

impl Serialize for Compiled {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

/// `a == b` for codes (one to a few bytes), compared in place: `==` on
/// strings calls `memcmp`, which for strings this short costs far more than
/// the compare, and every coded value of every form is looked up this way.
pub(crate) fn same_code(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
