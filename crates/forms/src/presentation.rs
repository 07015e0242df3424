//! The presentation model: a form as a person reads it — sections in paper order with their
//! numbers, each item with its answer as entered (or 未記入 / 該当なし), its unit, help and
//! findings, the completion of each section, and the 一次判定. Built from the definition,
//! the answers and their evaluation; pure. The entry screen draws from it now, the PDF
//! next, so both show the same thing.

use serde::Serialize;

use crate::data::{Answer, FormData, NOT_DONE};
use crate::evaluate::{Determination, Evaluation, Finding};
use crate::model::{
    ApplicationKind, CarryOver, FindingSeverity, FormDefinition, Item, ItemType, PersonalData,
    Widget,
};

/// What a blank item shows.
pub const NOT_ENTERED: &str = "未記入";
/// What an item that does not apply shows.
pub const NOT_APPLICABLE: &str = "該当なし";

#[derive(Debug, Clone, Serialize)]
pub struct Presentation {
    pub definition_id: String,
    pub title: String,
    pub content_hash: String,
    pub sections: Vec<PresentedSection>,
    /// Findings that belong to no item of the form (e.g. an unknown item id).
    pub form_findings: Vec<Finding>,
    pub determination: Determination,
}

#[derive(Debug, Clone, Serialize)]
pub struct PresentedSection {
    pub id: String,
    /// 1-based, in paper order.
    pub number: usize,
    /// The heading's mark or number as printed: the definition's layout hint (`■`), else
    /// `number.`.
    pub heading: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub items: Vec<PresentedItem>,
    pub completion: Completion,
}

/// How far a section is filled in: applicable items asked for this application kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub asked: usize,
    pub answered: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Completion {
    /// Every asked item answered and no error.
    pub fn complete(&self) -> bool {
        self.answered == self.asked && self.errors == 0
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PresentedItem {
    pub id: String,
    /// The item's number as the paper 様式 prints it (the layout hint), else `3-2`: the
    /// section's number and the item's place in it.
    pub number: String,
    /// A note printed with the item (注記).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the definition asks for it to be asked, if it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget: Option<Widget>,
    pub label: String,
    #[serde(rename = "type")]
    pub item_type: ItemType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The answer as entered ("37.80" stays "37.80"; a code shows its label), or
    /// 未記入 / 該当なし.
    pub display: String,
    /// Group items: each row as (field label, display).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<(String, String)>>,
    /// The answer as typed, for an input to show again: one value, several for a
    /// multiple choice, none when blank.
    pub entered: Vec<String>,
    /// Choices of single / multiple / yes-no items: (code, label).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Required for this application kind (`required_when` shows as a finding instead).
    pub required: bool,
    /// Group items: the fields of a row, and each row's values as typed (by field).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<PresentedField>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows_entered: Vec<Vec<String>>,
    pub answered: bool,
    /// False when the item does not apply (`shown_when`) or is not asked for this kind.
    pub applies: bool,
    pub personal_data: PersonalData,
    pub carry_over: CarryOver,
    pub findings: Vec<Finding>,
}

/// A field of a group's row.
#[derive(Debug, Clone, Serialize)]
pub struct PresentedField {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub item_type: ItemType,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, String)>,
}

/// Builds the presentation of `data` on `def`, with `evaluation` the result of
/// evaluating exactly these answers for `kind`.
pub fn present(
    def: &FormDefinition,
    data: &FormData,
    kind: ApplicationKind,
    evaluation: &Evaluation,
) -> Presentation {
    let mut sections = Vec::with_capacity(def.sections.len());
    for (si, section) in def.sections.iter().enumerate() {
        let number = si + 1;
        let mut completion = Completion {
            asked: 0,
            answered: 0,
            errors: 0,
            warnings: 0,
        };
        let items: Vec<PresentedItem> = section
            .items
            .iter()
            .enumerate()
            .map(|(ii, item)| {
                let answer = data.items.get(&item.id).unwrap_or(&Answer::Blank);
                let hidden = evaluation.hidden_items.iter().any(|h| h == &item.id);
                let applies = !hidden && item.asked_for(kind);
                let answered = !answer.is_blank();
                let findings: Vec<Finding> = evaluation
                    .findings
                    .iter()
                    .filter(|f| finding_item(&f.item) == item.id)
                    .cloned()
                    .collect();
                if applies {
                    completion.asked += 1;
                    completion.answered += usize::from(answered);
                }
                for f in &findings {
                    match f.severity {
                        FindingSeverity::Error => completion.errors += 1,
                        _ => completion.warnings += 1,
                    }
                }
                PresentedItem {
                    id: item.id.clone(),
                    number: item
                        .layout
                        .number
                        .clone()
                        .unwrap_or_else(|| format!("{number}-{}", ii + 1)),
                    note: item.layout.note.clone(),
                    widget: item.layout.widget,
                    label: item.label.clone(),
                    item_type: item.item_type,
                    unit: item.unit.clone(),
                    help: item.help.clone(),
                    display: if !applies {
                        NOT_APPLICABLE.to_owned()
                    } else if answered {
                        display(item, answer)
                    } else {
                        NOT_ENTERED.to_owned()
                    },
                    rows: if applies {
                        rows(item, answer)
                    } else {
                        Vec::new()
                    },
                    entered: entered(answer),
                    choices: choices(item),
                    min: item.min,
                    max: item.max,
                    required: item.required_for(kind),
                    fields: item
                        .fields
                        .iter()
                        .map(|f| PresentedField {
                            id: f.id.clone(),
                            label: f.label.clone(),
                            item_type: f.item_type,
                            choices: choices(f),
                        })
                        .collect(),
                    rows_entered: rows_entered(item, answer),
                    answered,
                    applies,
                    personal_data: item.personal_data,
                    carry_over: item.carry_over,
                    findings,
                }
            })
            .collect();
        sections.push(PresentedSection {
            id: section.id.clone(),
            number,
            heading: section
                .layout
                .number
                .clone()
                .unwrap_or_else(|| format!("{number}.")),
            note: section.layout.note.clone(),
            label: section.label.clone(),
            help: section.help.clone(),
            items,
            completion,
        });
    }
    let form_findings = evaluation
        .findings
        .iter()
        .filter(|f| def.item(finding_item(&f.item)).is_none())
        .cloned()
        .collect();
    Presentation {
        definition_id: def.id.clone(),
        title: def.title.clone(),
        content_hash: def.content_hash().to_owned(),
        sections,
        form_findings,
        determination: evaluation.determination.clone(),
    }
}

/// The answer as typed (numbers as written; `true`/`false` as the yes/no codes).
fn entered(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Blank | Answer::Rows(_) => Vec::new(),
        Answer::Text(t) => vec![t.clone()],
        Answer::Number(n) => vec![n.to_string()],
        Answer::Bool(b) => vec![if *b { "1" } else { "2" }.to_owned()],
        Answer::Codes(codes) => codes.clone(),
    }
}

fn choices(item: &Item) -> Vec<(String, String)> {
    item.codes
        .iter()
        .map(|c| (c.code.clone(), c.label.clone()))
        .collect()
}

fn rows_entered(item: &Item, answer: &Answer) -> Vec<Vec<String>> {
    let Answer::Rows(rows) = answer else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| {
            item.fields
                .iter()
                .map(|f| {
                    entered(row.get(&f.id).unwrap_or(&Answer::Blank))
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// The item a finding is about (`group.field` belongs to `group`).
fn finding_item(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// An answer as the person entered it; codes as their labels.
fn display(item: &Item, answer: &Answer) -> String {
    let label_of = |code: &str| {
        item.code(code)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| code.to_owned())
    };
    match (item.item_type, answer) {
        (_, Answer::Blank) => NOT_ENTERED.to_owned(),
        (ItemType::Single | ItemType::YesNo | ItemType::YesNoUnknown, Answer::Text(c)) => {
            label_of(c)
        }
        (ItemType::YesNo | ItemType::YesNoUnknown, Answer::Bool(b)) => {
            // The fixed codes: 1 = yes, 2 = no.
            label_of(if *b { "1" } else { "2" })
        }
        (ItemType::Multiple, Answer::Codes(codes)) => codes
            .iter()
            .map(|c| label_of(c))
            .collect::<Vec<_>>()
            .join("、"),
        (ItemType::Lab, Answer::Text(t)) if t.trim() == NOT_DONE || t.trim() == "未実施" => {
            "未実施".to_owned()
        }
        (_, Answer::Text(t)) => t.clone(),
        (_, Answer::Number(n)) => n.to_string(),
        (_, Answer::Bool(b)) => if *b { "はい" } else { "いいえ" }.to_owned(),
        (_, Answer::Codes(codes)) => codes.join("、"),
        (_, Answer::Rows(rows)) => format!("{}行", rows.len()),
    }
}

fn rows(item: &Item, answer: &Answer) -> Vec<Vec<(String, String)>> {
    let Answer::Rows(rows) = answer else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| {
            item.fields
                .iter()
                .map(|f| {
                    let value = row.get(&f.id).unwrap_or(&Answer::Blank);
                    (f.label.clone(), display(f, value))
                })
                .collect()
        })
        .collect()
}
