//! The TOML file format, as deserialized (before validation and compilation).
//! See docs/form-definitions.md for the meaning of every key.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

/// A disease × form-version file (`forms/definitions/<program>/*.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefinition {
    pub id: S<String>,
    pub program: S<String>,
    #[serde(default)]
    pub disease_group: Option<S<u32>>,
    pub disease_number: S<u32>,
    pub version: S<String>,
    pub valid_from: S<toml::value::Datetime>,
    #[serde(default)]
    pub valid_to: Option<S<toml::value::Datetime>>,
    pub source: String,
    #[serde(default)]
    pub source_date: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub reflects_2024_revision: bool,
    #[serde(default)]
    pub review_needed: Option<String>,
    #[serde(default)]
    pub generic: bool,
    #[serde(default)]
    pub application_kinds: Option<Vec<S<String>>>,
    /// Help texts replacing those of (fragment) items, by item id.
    #[serde(default)]
    pub item_help: BTreeMap<String, String>,
    #[serde(default)]
    pub sections: Vec<RawSectionEntry>,
    #[serde(default)]
    pub calculations: Vec<RawCalculation>,
    #[serde(default)]
    pub checks: Vec<RawCheck>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    pub determination: Option<RawDetermination>,
    /// How the items of earlier versions of this form move to this one on a renewal
    /// (前回値踏襲 across versions).
    #[serde(default)]
    pub renewal_mappings: Vec<RawRenewalMapping>,
}

/// One earlier version's items that were renamed, or whose codes changed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRenewalMapping {
    /// The earlier version's definition id.
    pub from: S<String>,
    /// Old item id → item id in this version.
    #[serde(default)]
    pub items: BTreeMap<String, String>,
    /// Item id in this version → (old code → code in this version).
    #[serde(default)]
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
}

/// A shared fragment (`forms/fragments/**.toml`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFragment {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sections: Vec<RawSectionEntry>,
    #[serde(default)]
    pub calculations: Vec<RawCalculation>,
    #[serde(default)]
    pub checks: Vec<RawCheck>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
}

/// `forms/fragments/layout.toml`: the common sections around each disease part.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayout {
    pub nanbyo: RawProgramLayout,
    pub shoman: RawProgramLayout,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgramLayout {
    pub before: Vec<S<String>>,
    pub after: Vec<S<String>>,
    /// The mark or number the paper 様式 prints before every heading that does not give
    /// its own (the 臨個票's `■`).
    #[serde(default)]
    pub section_number: Option<String>,
}

/// `forms/fragments/code_lists.toml`: named code lists.
pub type RawCodeLists = BTreeMap<String, RawCodeList>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCodeList {
    #[serde(default)]
    pub description: Option<String>,
    pub codes: Vec<RawCode>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    pub code: S<String>,
    pub label: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub help: Option<String>,
}

/// A `[[sections]]` entry: either a section, or `include = "fragment"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSectionEntry {
    #[serde(default)]
    pub include: Option<S<String>>,
    #[serde(default)]
    pub id: Option<S<String>>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// Default carry-over policy of the section's items.
    #[serde(default)]
    pub carry_over: Option<S<String>>,
    /// Default application kinds of the section's items.
    #[serde(default)]
    pub kinds: Option<Vec<S<String>>>,
    /// The section applies only when this is not false.
    #[serde(default)]
    pub shown_when: Option<S<String>>,
    /// Layout: the heading's mark or number as the paper 様式 prints it (`■`, `Ⅲ`).
    #[serde(default)]
    pub number: Option<String>,
    /// Layout: a note printed under the heading (注記).
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub items: Vec<RawItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: S<String>,
    pub label: String,
    #[serde(rename = "type")]
    pub item_type: S<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub precision: Option<u8>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Inline array of codes, or the name of a list in code_lists.toml.
    #[serde(default)]
    pub codes: Option<S<RawCodes>>,
    #[serde(default)]
    pub kinds: Option<Vec<S<String>>>,
    #[serde(default)]
    pub required: Option<bool>,
    /// Required only for these application kinds.
    #[serde(default)]
    pub required_for: Option<Vec<S<String>>>,
    #[serde(default)]
    pub required_when: Option<S<String>>,
    /// The item applies only when this is not false.
    #[serde(default)]
    pub shown_when: Option<S<String>>,
    #[serde(default)]
    pub carry_over: Option<S<String>>,
    /// `identifying`, `quasi_identifying` or `clinical` (the default).
    #[serde(default)]
    pub personal_data: Option<S<String>>,
    #[serde(default)]
    pub allow_future: bool,
    #[serde(default)]
    pub max_rows: Option<usize>,
    /// Layout: the item's number as the paper 様式 prints it (`1.`, `(3)`).
    #[serde(default)]
    pub number: Option<String>,
    /// Layout: a note printed with the item (注記).
    #[serde(default)]
    pub note: Option<String>,
    /// Layout: how the item is asked: `radio`, `select` (choices) or `text_area` (text).
    #[serde(default)]
    pub widget: Option<S<String>>,
    /// Sub-items of a group.
    #[serde(default)]
    pub items: Vec<RawItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawCodes {
    Named(String),
    Inline(Vec<RawInlineCode>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInlineCode {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalculation {
    pub id: S<String>,
    pub label: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub precision: Option<u8>,
    pub expr: S<String>,
    #[serde(default)]
    pub fills: Option<S<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub code: S<String>,
    pub severity: S<String>,
    pub items: Vec<S<String>>,
    pub assert: S<String>,
    pub message: String,
    #[serde(default)]
    pub kinds: Option<Vec<S<String>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: S<String>,
    pub label: String,
    #[serde(default)]
    pub source: Option<String>,
    pub expr: S<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetermination {
    #[serde(default = "yes")]
    pub machine_determination: bool,
    pub rule_version: S<String>,
    #[serde(default)]
    pub eligible: Vec<S<String>>,
    #[serde(default)]
    pub diagnosis: Vec<RawDiagnosisRule>,
    #[serde(default)]
    pub severity: Option<S<String>>,
    #[serde(default)]
    pub severity_label: Option<String>,
    #[serde(default)]
    pub severity_source: Option<String>,
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub declared_diagnosis_item: Option<S<String>>,
    #[serde(default)]
    pub declared_severity_item: Option<S<String>>,
    /// Criteria versions chosen by the 記載年月日 (instead of the rules above).
    #[serde(default)]
    pub rule_sets: Vec<RawRuleSet>,
    /// Periods in which any of several rule sets suffices.
    #[serde(default)]
    pub transitions: Vec<RawTransition>,
}

/// `[[determination.rule_sets]]`: one version of the criteria.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRuleSet {
    pub name: S<String>,
    /// Shown in the reasons, e.g. 「2024年4月改訂の診断基準」.
    pub label: String,
    #[serde(default)]
    pub valid_from: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub valid_to: Option<S<toml::value::Datetime>>,
    #[serde(default)]
    pub eligible: Vec<S<String>>,
    #[serde(default)]
    pub diagnosis: Vec<RawDiagnosisRule>,
    #[serde(default)]
    pub severity: Option<S<String>>,
    #[serde(default)]
    pub severity_source: Option<String>,
}

/// `[[determination.transitions]]`: 経過措置.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    pub valid_from: S<toml::value::Datetime>,
    pub valid_to: S<toml::value::Datetime>,
    /// Names of the rule sets of which any one suffices.
    pub either: Vec<S<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDiagnosisRule {
    pub category: S<String>,
    pub expr: S<String>,
}
