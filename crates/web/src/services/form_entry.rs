//! The entry screen of a form version, before forms are stored: the answers typed on the
//! screen are evaluated by the same engine as the API, `nsdb check` and the bulk upload, and
//! come back as the presentation model (findings next to their items, completion per
//! section, the 一次判定). Nothing is stored and nothing personal is read, so nothing is
//! logged; saving drafts comes with patients and stored forms (issue 9).
use super::Caller;
use crate::error::AppResult;
use nsdb_domain::policy;
use nsdb_domain::DomainError;
use nsdb_forms::data::{Answer, FormData};
use nsdb_forms::presentation::{present, Presentation};
use nsdb_forms::{ApplicationKind, FormDefinition, FormSummary, ItemType};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Form versions in force today that the caller may write: a 指定医's own program; a
/// clerk's, every program.
pub fn definitions(caller: &Caller) -> AppResult<Vec<FormSummary>> {
    policy::can_write_forms(&caller.principal)?;
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let mut list = nsdb_forms::catalog().in_force(today);
    if let Some(program) = caller.principal.program {
        list.retain(|d| d.program == program);
    }
    Ok(list)
}

/// What the chooser's text names: a version's id (opened as asked), or the versions of
/// [`definitions`] whose id or disease name contains what the user typed instead of picking
/// from the list (`006`, `07-001`, `パーキンソン`, `1型糖尿病`): one is opened, several (or
/// none) are offered.
pub enum Choice {
    Open(String),
    Offer(Vec<FormSummary>),
}

pub fn choose_definition(caller: &Caller, typed: &str) -> AppResult<Choice> {
    let wanted = typed.trim();
    if nsdb_forms::catalog().get(wanted).is_some() {
        return Ok(Choice::Open(wanted.to_owned()));
    }
    let mut fits: Vec<FormSummary> = definitions(caller)?
        .into_iter()
        .filter(|d| d.id.contains(wanted) || d.disease_name.contains(wanted))
        .collect();
    Ok(match fits.len() {
        1 => Choice::Open(fits.remove(0).id),
        _ => Choice::Offer(fits),
    })
}

/// One form version in force, and the application kind asked for (its first by default).
fn definition(
    caller: &Caller,
    id: &str,
    kind: Option<&str>,
) -> AppResult<(Arc<FormDefinition>, ApplicationKind)> {
    policy::can_write_forms(&caller.principal)?;
    let def = nsdb_forms::catalog().get(id).ok_or_else(|| {
        DomainError::NotFound(format!(
            "様式「{id}」はありません。一覧から選んでください。"
        ))
    })?;
    let kind = match kind.filter(|k| !k.is_empty()) {
        None => def.application_kinds[0],
        Some(k) => ApplicationKind::parse(k)
            .filter(|k| def.application_kinds.contains(k))
            .ok_or_else(|| DomainError::invalid("kind", "この様式にない申請区分です。"))?,
    };
    Ok((def, kind))
}

/// What the screen sent, evaluated: the presentation, the application kind it was
/// evaluated for and the kinds the form version offers.
pub struct Entry {
    pub presentation: Presentation,
    pub kind: ApplicationKind,
    pub kinds: Vec<ApplicationKind>,
}

/// Evaluates what the screen sent (`name=value` pairs; see [`answers_from_fields`]).
pub fn evaluate(
    caller: &Caller,
    id: &str,
    kind: Option<&str>,
    fields: &[(String, String)],
) -> AppResult<Entry> {
    let (def, kind) = definition(caller, id, kind)?;
    let data = answers_from_fields(&def, fields);
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let evaluation = nsdb_forms::evaluate(&def, &data, kind, today);
    Ok(Entry {
        presentation: present(&def, &data, kind, &evaluation),
        kind,
        kinds: def.application_kinds.clone(),
    })
}

/// The answers of an HTML form: `ITEM=value` for each item (repeated for a multiple
/// choice), `GROUP.N.FIELD=value` for the fields of a group's row N. Values are kept as
/// typed; blanks are left out; rows left entirely blank are dropped. Names that are no item
/// (the CSRF token, the form version) are ignored.
pub fn answers_from_fields(def: &FormDefinition, fields: &[(String, String)]) -> FormData {
    let mut values: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, value) in fields {
        values
            .entry(name.as_str())
            .or_default()
            .push(value.as_str());
    }
    let mut data = FormData::new();
    for item in def.items() {
        let answer = match item.item_type {
            ItemType::Multiple => {
                let codes: Vec<String> = values
                    .get(item.id.as_str())
                    .into_iter()
                    .flatten()
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| v.to_string())
                    .collect();
                if codes.is_empty() {
                    continue;
                }
                Answer::Codes(codes)
            }
            ItemType::Group => {
                let prefix = format!("{}.", item.id);
                let mut rows: BTreeMap<usize, BTreeMap<String, Answer>> = BTreeMap::new();
                for (name, vs) in &values {
                    let Some((row, field)) = name
                        .strip_prefix(&prefix)
                        .and_then(|rest| rest.split_once('.'))
                    else {
                        continue;
                    };
                    let (Ok(row), Some(value)) = (row.parse::<usize>(), vs.first()) else {
                        continue;
                    };
                    if item.fields.iter().any(|f| f.id == field) && !value.trim().is_empty() {
                        rows.entry(row)
                            .or_default()
                            .insert(field.to_owned(), Answer::Text(value.to_string()));
                    }
                }
                if rows.is_empty() {
                    continue;
                }
                Answer::Rows(rows.into_values().collect())
            }
            _ => match values.get(item.id.as_str()).and_then(|v| v.first()) {
                Some(v) if !v.trim().is_empty() => Answer::Text(v.to_string()),
                _ => continue,
            },
        };
        data.items.insert(item.id.clone(), answer);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fields_become_answers_as_typed() {
        let def = nsdb_forms::catalog().get("nanbyo-006-2403").unwrap();
        let data = answers_from_fields(
            &def,
            &pairs(&[
                ("csrf_token", "x"),
                ("definition", "nanbyo-006-2403"),
                ("family_name", "髙橋"),
                ("given_name", ""),
                ("care_level", "02"),
                ("high_cost_months.0.month", "2025-04"),
                ("high_cost_months.0.total_yen", "40000"),
                ("high_cost_months.1.month", ""),
                ("high_cost_months.1.total_yen", ""),
                ("high_cost_months.2.unknown_field", "1"),
            ]),
        );
        assert_eq!(data.items["family_name"], Answer::Text("髙橋".into()));
        assert_eq!(data.items["care_level"], Answer::Text("02".into()));
        assert!(
            !data.items.contains_key("given_name"),
            "a blank is left out"
        );
        assert!(!data.items.contains_key("csrf_token"));
        let Answer::Rows(rows) = &data.items["high_cost_months"] else {
            panic!("rows");
        };
        assert_eq!(rows.len(), 1, "blank rows and unknown fields are dropped");
        assert_eq!(rows[0]["total_yen"], Answer::Text("40000".into()));
    }

    #[test]
    fn a_multiple_choice_collects_every_checked_code() {
        let catalog = nsdb_forms::catalog();
        let (def, multiple) = catalog
            .list()
            .iter()
            .filter(|d| d.machine_determination)
            .filter_map(|d| catalog.get(&d.id))
            .find_map(|def| {
                let item = def
                    .items()
                    .find(|i| i.item_type == ItemType::Multiple)?
                    .clone();
                Some((def, item))
            })
            .expect("some definition has a multiple-choice item");
        let codes: Vec<&str> = multiple
            .codes
            .iter()
            .take(2)
            .map(|c| c.code.as_str())
            .collect();
        let data = answers_from_fields(
            &def,
            &pairs(&[(&multiple.id, codes[0]), (&multiple.id, codes[1])]),
        );
        assert_eq!(
            data.items[&multiple.id],
            Answer::Codes(vec![codes[0].to_owned(), codes[1].to_owned()])
        );
    }
}
