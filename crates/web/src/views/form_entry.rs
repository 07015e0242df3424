//! 入力画面: a form version drawn from its definition through the presentation model —
//! sections in paper order with a table of contents showing their completion, units, ranges
//! and help next to each item, findings next to their items and in a list that jumps to
//! each, and the 一次判定 with its reasons. Without JavaScript the form posts and the page
//! comes back with everything kept; htmx re-evaluates on every change and swaps in the
//! evaluation panel. Nothing is saved yet (see services::form_entry).
use super::{error_page, render, require_csrf, BoundedForm, PageContext, WebCaller};
use crate::services::form_entry;
use askama::Template;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use nsdb_forms::presentation::{Presentation, PresentedItem};
use nsdb_forms::{FindingSeverity, FormSummary, ItemType};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct EntryQuery {
    #[serde(default)]
    definition: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    /// The registered patient the new form is for.
    #[serde(default)]
    patient: Option<String>,
}

/// A stored form on the entry screen: what the save bar, the workflow panel, the change
/// view and the comment thread show.
pub struct StoredForm {
    pub id: String,
    pub revision: i64,
    pub state: nsdb_domain::form::FormState,
    pub patient_name: String,
    pub patient_id: String,
    pub editable: bool,
    /// The caller may approve, return and withdraw it.
    pub can_approve: bool,
    /// The doctor asked to approve.
    pub approver: Option<String>,
    /// Who may be asked: (login id, name).
    pub approvers: Vec<(String, String)>,
    /// Warnings to acknowledge at approval: (code, text).
    pub warnings: Vec<(String, String)>,
    pub access_key: Option<String>,
    /// Who approved, when.
    pub confirmed: Option<(String, String)>,
    /// (author and time, kind, text).
    pub comments: Vec<(String, String, String)>,
    /// What changed since the caller last opened it (None: first time).
    pub changes: Option<Vec<crate::services::forms::ItemChange>>,
    /// When and by whom last changed.
    pub updated: String,
    /// Opened by its access key from outside the institution (read-only, no history).
    pub linked: bool,
    /// The caller's 自治体 may receive it now (自治体受付).
    pub can_receive: bool,
    /// The receipt form as typed: 受付日, 受給者番号, 公費負担者番号.
    pub receipt_input: (String, String, String),
    /// 自治体受付, once received: (自治体, 受付日, 受給者番号, 公費負担者番号).
    pub receipt: Option<(String, String, String, String)>,
    /// A renewal (前回値踏襲) may start from it.
    pub can_renew: bool,
    /// 前回値踏襲: the form this renewal started from.
    pub renewed_from: Option<String>,
    /// Sections whose carried values await the doctor's confirmation.
    pub sections_to_confirm: Vec<String>,
    /// Previous answers that could not move to this version.
    pub not_carried: Vec<nsdb_forms::NotCarried>,
}

/// A new form's screen: the chosen patient, if any (else the 基本情報 typed makes one).
#[derive(Default)]
pub struct NewForm {
    pub patient_id: String,
    /// Set once autosave has stored the draft (empty before): later saves act on it.
    pub form_id: String,
    pub revision: String,
    /// The registration explanation ticked (kept when the screen comes back).
    pub explained: bool,
}

/// How an item is asked.
enum Widget {
    Text,
    Kana,
    Number,
    Date,
    Month,
    Lab,
    Select,
    Radios,
    Checkboxes,
    Group,
    TextArea,
}

struct Choice {
    code: String,
    label: String,
    checked: bool,
}

struct FieldLine {
    error: bool,
    message: String,
}

struct GroupRow {
    index: usize,
    cells: Vec<GroupCell>,
}

struct GroupCell {
    name: String,
    label: String,
    value: String,
    /// A coded field is chosen from its list: (code, label).
    choices: Vec<(String, String)>,
}

/// One item as the template draws it.
struct Field {
    id: String,
    number: String,
    label: String,
    widget: Widget,
    unit: String,
    help: String,
    note: String,
    range: String,
    value: String,
    not_done: bool,
    choices: Vec<Choice>,
    rows: Vec<GroupRow>,
    required: bool,
    applies: bool,
    /// Last year's value, still to be confirmed with its section.
    carried: bool,
    findings: Vec<FieldLine>,
}

struct SectionView {
    id: String,
    heading: String,
    note: String,
    label: String,
    help: String,
    fields: Vec<Field>,
    asked: usize,
    answered: usize,
    /// Holds carried values the doctor has still to confirm.
    to_confirm: bool,
}

/// A finding in the list that jumps to its item.
struct ListedFinding {
    target: String,
    error: bool,
    label: String,
    message: String,
}

struct EvaluationView {
    result: String,
    reasons: Vec<String>,
    findings: Vec<ListedFinding>,
    sections: Vec<(String, String, String, usize, usize, usize, bool)>,
    /// Every item's findings (empty ones too), swapped next to their fields by htmx.
    fields: Vec<(String, Vec<FieldLine>)>,
}

#[derive(Template)]
#[template(path = "form_entry.html")]
pub struct EntryPage {
    ctx: PageContext,
    definition_id: String,
    title: String,
    kinds: Vec<(String, String, bool)>,
    sections: Vec<SectionView>,
    evaluation: EvaluationView,
    stored: Option<StoredForm>,
    new_form: Option<NewForm>,
}

impl EntryPage {
    /// The inputs can be changed (a new form, or a stored one still editable).
    fn editable(&self) -> bool {
        self.stored.as_ref().is_none_or(|s| s.editable)
    }
}

#[derive(Template)]
#[template(path = "form_entry_live.html")]
struct EvaluationPartial {
    evaluation: EvaluationView,
}

#[derive(Template)]
#[template(path = "form_entry_choose.html")]
struct ChoosePage {
    ctx: PageContext,
    definitions: Vec<FormSummary>,
    /// What was typed that is not a version's id, and the versions it names (none, or
    /// several to choose from).
    typed: String,
    matches: Vec<FormSummary>,
}

/// The definition's layout hint when it gives one, else by type and number of choices.
fn widget(item: &PresentedItem) -> Widget {
    match item.widget {
        Some(nsdb_forms::Widget::Radio) => return Widget::Radios,
        Some(nsdb_forms::Widget::Select) => return Widget::Select,
        Some(nsdb_forms::Widget::TextArea) => return Widget::TextArea,
        None => {}
    }
    match item.item_type {
        ItemType::Text => Widget::Text,
        ItemType::Kana => Widget::Kana,
        ItemType::Integer | ItemType::Decimal => Widget::Number,
        ItemType::Date => Widget::Date,
        ItemType::YearMonth => Widget::Month,
        ItemType::Lab => Widget::Lab,
        ItemType::Single if item.choices.len() > 6 => Widget::Select,
        ItemType::Single | ItemType::YesNo | ItemType::YesNoUnknown => Widget::Radios,
        ItemType::Multiple => Widget::Checkboxes,
        ItemType::Group => Widget::Group,
    }
}

fn range(item: &PresentedItem) -> String {
    match (item.min, item.max) {
        (Some(lo), Some(hi)) => format!("{lo}〜{hi}"),
        (Some(lo), None) => format!("{lo}以上"),
        (None, Some(hi)) => format!("{hi}以下"),
        (None, None) => String::new(),
    }
}

fn field(item: &PresentedItem) -> Field {
    let first = item.entered.first().cloned().unwrap_or_default();
    let not_done =
        item.item_type == ItemType::Lab && matches!(first.trim(), nsdb_forms::NOT_DONE | "未実施");
    // Two empty rows after the entered ones: room to add without JavaScript.
    let rows = if item.item_type == ItemType::Group {
        (0..item.rows_entered.len() + 2)
            .map(|r| GroupRow {
                index: r + 1,
                cells: item
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(fi, f)| GroupCell {
                        name: format!("{}.{}.{}", item.id, r, f.id),
                        label: f.label.clone(),
                        value: item
                            .rows_entered
                            .get(r)
                            .and_then(|row| row.get(fi))
                            .cloned()
                            .unwrap_or_default(),
                        choices: f.choices.clone(),
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Field {
        id: item.id.clone(),
        number: item.number.clone(),
        label: item.label.clone(),
        widget: widget(item),
        unit: item.unit.clone().unwrap_or_default(),
        help: item.help.clone().unwrap_or_default(),
        note: item.note.clone().unwrap_or_default(),
        range: range(item),
        value: if not_done { String::new() } else { first },
        not_done,
        choices: item
            .choices
            .iter()
            .map(|(code, label)| Choice {
                code: code.clone(),
                label: label.clone(),
                checked: item.entered.contains(code),
            })
            .collect(),
        rows,
        required: item.required,
        applies: item.applies,
        carried: false,
        findings: field_lines(item),
    }
}

fn field_lines(item: &PresentedItem) -> Vec<FieldLine> {
    item.findings
        .iter()
        .map(|f| FieldLine {
            error: f.severity == FindingSeverity::Error,
            message: match f.row {
                Some(r) => format!("{}行目: {}", r, f.message),
                None => f.message.clone(),
            },
        })
        .collect()
}

fn evaluation_view(p: &Presentation) -> EvaluationView {
    let d = &p.determination;
    let mut findings = Vec::new();
    for s in &p.sections {
        for i in &s.items {
            for f in &i.findings {
                findings.push(ListedFinding {
                    target: format!("item-{}", i.id),
                    error: f.severity == FindingSeverity::Error,
                    label: format!("{} {}", i.number, i.label),
                    message: f.message.clone(),
                });
            }
        }
    }
    for f in &p.form_findings {
        findings.push(ListedFinding {
            target: String::new(),
            error: f.severity == FindingSeverity::Error,
            label: f.item_label.clone(),
            message: f.message.clone(),
        });
    }
    findings.sort_by_key(|f| !f.error);
    EvaluationView {
        fields: p
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| (i.id.clone(), field_lines(i)))
            .collect(),
        result: d.result.label().to_owned(),
        reasons: d.reasons.clone(),
        findings,
        sections: p
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.heading.clone(),
                    s.label.clone(),
                    s.completion.asked,
                    s.completion.answered,
                    s.completion.errors,
                    s.completion.complete(),
                )
            })
            .collect(),
    }
}

pub fn page(
    ctx: PageContext,
    p: &Presentation,
    kinds: Vec<(String, String, bool)>,
    stored: Option<StoredForm>,
    new_form: Option<NewForm>,
) -> EntryPage {
    let sections_to_confirm: Vec<String> = stored
        .as_ref()
        .map(|st| st.sections_to_confirm.clone())
        .unwrap_or_default();
    EntryPage {
        stored,
        new_form,
        ctx,
        definition_id: p.definition_id.clone(),
        title: p.title.clone(),
        kinds,
        sections: p
            .sections
            .iter()
            .map(|s| {
                let to_confirm = sections_to_confirm.contains(&s.id);
                SectionView {
                    id: s.id.clone(),
                    heading: s.heading.clone(),
                    note: s.note.clone().unwrap_or_default(),
                    label: s.label.clone(),
                    help: s.help.clone().unwrap_or_default(),
                    fields: s
                        .items
                        .iter()
                        .map(|item| {
                            let mut f = field(item);
                            f.carried = to_confirm
                                && item.answered
                                && item.carry_over == nsdb_forms::CarryOver::Confirm;
                            f
                        })
                        .collect(),
                    asked: s.completion.asked,
                    answered: s.completion.answered,
                    to_confirm,
                }
            })
            .collect(),
        evaluation: evaluation_view(p),
    }
}

/// The value of one name in the posted pairs.
fn posted<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The screen of a new form. `fields` empty: as first opened. Its required items are all
/// blank; saying so next to every field before anything was typed would only be noise, so
/// "required" findings wait until the first check (they still count in the completion).
pub fn show_new(
    caller: &crate::services::Caller,
    ctx: PageContext,
    definition: &str,
    fields: &[(String, String)],
    status: axum::http::StatusCode,
) -> Response {
    let kind = posted(fields, "kind");
    let patient_id = posted(fields, "patient").unwrap_or("").to_owned();
    let form_id = posted(fields, "form_id").unwrap_or("").to_owned();
    let revision = posted(fields, "revision").unwrap_or("").to_owned();
    let entry = match form_entry::evaluate(caller, definition, kind, fields) {
        Ok(entry) => entry,
        Err(e) => return error_page(&ctx, &e),
    };
    let mut p = entry.presentation;
    if fields.iter().all(|(n, _)| n == "kind" || n == "patient") {
        for item in p.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            item.findings.retain(|f| f.code != "required");
        }
    }
    let kinds = entry
        .kinds
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned(), *k == entry.kind))
        .collect();
    let new_form = NewForm {
        patient_id,
        form_id,
        revision,
        explained: posted(fields, "registration_explained") == Some("yes"),
    };
    super::render_with_status(status, &page(ctx, &p, kinds, None, Some(new_form)))
}

/// GET: the list of form versions, or the blank screen of one (for a chosen patient, whose
/// 基本情報 the service fills in on the first save).
pub async fn entry_page(WebCaller(caller): WebCaller, Query(q): Query<EntryQuery>) -> Response {
    let ctx = PageContext::for_caller(&caller, "/forms/entry");
    let typed = q.definition.as_deref().map(str::trim).unwrap_or_default();
    let (chosen, matches) = match typed {
        "" => (None, Vec::new()),
        _ => match form_entry::choose_definition(&caller, typed) {
            Ok(form_entry::Choice::Open(id)) => (Some(id), Vec::new()),
            Ok(form_entry::Choice::Offer(matches)) => (None, matches),
            Err(e) => return error_page(&ctx, &e),
        },
    };
    match chosen {
        Some(definition) => {
            let mut fields = Vec::new();
            if let Some(kind) = q.kind.filter(|k| !k.is_empty()) {
                fields.push(("kind".to_owned(), kind));
            }
            if let Some(patient) = q.patient.filter(|p| !p.is_empty()) {
                fields.push(("patient".to_owned(), patient));
            }
            show_new(
                &caller,
                ctx,
                &definition,
                &fields,
                axum::http::StatusCode::OK,
            )
        }
        None => match form_entry::definitions(&caller) {
            Ok(definitions) => render(&ChoosePage {
                ctx,
                definitions,
                typed: typed.to_owned(),
                matches,
            }),
            Err(e) => error_page(&ctx, &e),
        },
    }
}

/// POST without JavaScript: `action=save` stores the new form (see
/// `views::forms::create_from_screen`), or saves the draft autosave already stored from
/// this screen; otherwise the whole screen again, evaluated, with everything kept.
pub async fn entry_submit(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    WebCaller(caller): WebCaller,
    BoundedForm(fields): BoundedForm<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = require_csrf(&caller, posted(&fields, "csrf_token").unwrap_or("")) {
        return r;
    }
    let definition = posted(&fields, "definition").unwrap_or("").to_owned();
    if posted(&fields, "action") == Some("save") {
        return match posted(&fields, "form_id").filter(|id| !id.is_empty()) {
            Some(id) => super::forms::save_from_screen(&state, &caller, id, &fields).await,
            None => super::forms::create_from_screen(&state, &caller, &fields).await,
        };
    }
    let ctx = PageContext::for_caller(&caller, "/forms/entry");
    show_new(
        &caller,
        ctx,
        &definition,
        &fields,
        axum::http::StatusCode::OK,
    )
}

/// POST from htmx on every change: only the evaluation panel (一次判定, findings, completion).
pub async fn entry_evaluate(
    WebCaller(caller): WebCaller,
    BoundedForm(fields): BoundedForm<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = require_csrf(&caller, posted(&fields, "csrf_token").unwrap_or("")) {
        return r;
    }
    let definition = posted(&fields, "definition").unwrap_or("");
    let kind = posted(&fields, "kind");
    match form_entry::evaluate(&caller, definition, kind, &fields) {
        Ok(entry) => render(&EvaluationPartial {
            evaluation: evaluation_view(&entry.presentation),
        }),
        Err(e) => (e.status(), e.message()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    //! The entry screen as rendered, for every form version and for chosen answers:
    //! every input labelled, ids unique, groups and conditional items drawn as they apply.
    use super::*;
    use nsdb_forms::data::{Answer, FormData};
    use std::collections::{BTreeMap, BTreeSet};

    fn render_entry(id: &str, data: &FormData) -> String {
        let def = nsdb_forms::catalog().get(id).expect("definition");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let kind = def.application_kinds[0];
        let evaluation = nsdb_forms::evaluate(&def, data, kind, today);
        let p = nsdb_forms::presentation::present(&def, data, kind, &evaluation);
        page(
            PageContext::anonymous(),
            &p,
            vec![],
            None,
            Some(NewForm::default()),
        )
        .render()
        .expect("renders")
    }

    /// The values of `attr="…"` in the page.
    fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
        let needle = format!(" {attr}=\"");
        html.match_indices(&needle)
            .map(|(at, _)| {
                let rest = &html[at + needle.len()..];
                &rest[..rest.find('"').expect("closing quote")]
            })
            .collect()
    }

    #[test]
    fn every_form_version_renders_with_every_field_labelled_and_unique_ids() {
        let catalog = nsdb_forms::catalog();
        let versions = catalog.list();
        assert!(versions.len() > 1_000);
        for summary in versions {
            let html = render_entry(&summary.id, &FormData::new());
            let ids = attribute_values(&html, "id");
            let unique: BTreeSet<&str> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "{}: duplicate ids", summary.id);
            let labelled: BTreeSet<&str> = attribute_values(&html, "for").into_iter().collect();
            for id in ids.iter().filter(|id| id.starts_with("f-")) {
                assert!(labelled.contains(id), "{}: #{id} has no label", summary.id);
            }
            // Choices sit inside their label; group cells name their row and column.
            for control in ["<input type=\"radio\"", "<input type=\"checkbox\""] {
                let total = html.matches(control).count();
                let inside = html.matches(&format!("<label>{control}")).count();
                assert_eq!(total, inside, "{}: an unlabelled {control}", summary.id);
            }
            let cells = html.matches("<td><input").count() + html.matches("<td><select").count();
            let named_cells = html.matches("aria-label=\"").count();
            assert!(
                named_cells >= cells,
                "{}: a group cell without a name",
                summary.id
            );
        }
    }

    #[test]
    fn a_repeatable_group_draws_its_rows_and_coded_fields_as_lists() {
        let mut data = FormData::new();
        data.items
            .insert("family_history".into(), Answer::Text("1".into()));
        let mut row = BTreeMap::new();
        row.insert("relationship".to_owned(), Answer::Text("2".into()));
        data.items
            .insert("family_history_members".into(), Answer::Rows(vec![row]));
        let html = render_entry("nanbyo-006-2403", &data);
        // The entered row and two empty ones (room to add rows without JavaScript).
        for row in 0..3 {
            assert!(
                html.contains(&format!(
                    "name=\"family_history_members.{row}.relationship\""
                )),
                "row {row}"
            );
        }
        assert!(!html.contains("name=\"family_history_members.3.relationship\""));
        // The coded field is a list with the entered code chosen.
        let first_row = html
            .split("name=\"family_history_members.0.relationship\"")
            .nth(1)
            .unwrap();
        let select = &first_row[..first_row.find("</select>").unwrap()];
        assert!(select.contains("value=\"2\" selected"), "{select}");
    }

    #[test]
    fn an_item_that_does_not_apply_says_so_and_one_that_applies_does_not() {
        let mut data = FormData::new();
        data.items
            .insert("ventilator_use".into(), Answer::Text("2".into()));
        let html = render_entry("nanbyo-006-2403", &data);
        let detail = html
            .split("id=\"item-ventilator_start_ym\"")
            .next()
            .unwrap();
        assert!(
            detail.ends_with("class=\"field not-applicable\" "),
            "{}",
            &detail[detail.len() - 80..]
        );
        data.items
            .insert("ventilator_use".into(), Answer::Text("1".into()));
        let html = render_entry("nanbyo-006-2403", &data);
        assert!(html.contains("class=\"field\" id=\"item-ventilator_start_ym\""));
    }

    #[test]
    fn the_paper_mark_notes_and_text_areas_come_from_the_definition() {
        let html = render_entry("nanbyo-032-2403", &FormData::new());
        assert!(html.contains("<legend>■ 基本情報"));
        assert!(html.contains("※ 重症度分類は、直近6か月間"));
        assert!(html.contains("<textarea id=\"f-declared_diagnosis_findings\""));
        let shoman = render_entry("shoman-07-001-2403", &FormData::new());
        assert!(shoman.contains("<legend>1. 患者情報"));
    }
}
