//! What the 機械判定 of each form version covers (`nsdb forms --coverage`):
//! whether the machine or the designated doctor judges the diagnosis and the
//! severity, and where the rules come from.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::evaluate::determination::item_slots;
use crate::model::{FormDefinition, Program};

/// Who judges a part of the determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Judge {
    /// Rules over the form's items.
    Machine,
    /// The doctor's statement (a declared item) is taken as it is.
    Doctor,
    /// Not judged at all (generic definitions: the diagnosis never enters a result).
    None,
}

impl Judge {
    pub fn as_str(self) -> &'static str {
        match self {
            Judge::Machine => "machine",
            Judge::Doctor => "doctor",
            Judge::None => "none",
        }
    }
}

/// One form version's coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub id: String,
    pub program: Program,
    pub disease_number: u32,
    pub disease_name: String,
    pub diagnosis: Judge,
    pub severity: Judge,
    pub source_date: Option<NaiveDate>,
    pub reflects_2024_revision: bool,
    /// True when the definition says what a reviewer must still check.
    pub review_needed: bool,
    /// For a disease without rules (a generic definition): why the machine does not judge
    /// it yet (e.g. the severity table is missing from the source text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_not_machine: Option<String>,
}

/// Items where the doctor states a conclusion rather than a finding.
const DECLARED_ITEMS: [&str; 3] = [
    "diagnosis_category_declared",
    "severity_declared",
    "condition_level_declared",
];

impl CoverageRow {
    pub fn of(def: &FormDefinition) -> CoverageRow {
        let rules = &def.determination;
        let (diagnosis, severity) = if rules.machine_determination {
            let diagnosis_refs: Vec<usize> = rules
                .rule_sets
                .iter()
                .flat_map(|s| s.diagnosis.iter().flat_map(|d| d.expr.refs.iter().copied()))
                .collect();
            let severity_refs: Vec<usize> = rules
                .rule_sets
                .iter()
                .flat_map(|s| s.severity.iter().flat_map(|e| e.refs.iter().copied()))
                .collect();
            (
                judge_of(def, &diagnosis_refs),
                judge_of(def, &severity_refs),
            )
        } else {
            // Without 機械判定 the result is always 判定不能: the declared
            // category is reported but never decides; the declared severity is
            // what the municipality reviews.
            (Judge::None, Judge::Doctor)
        };
        CoverageRow {
            id: def.id.clone(),
            program: def.program,
            disease_number: def.disease_number,
            disease_name: def.disease_name.clone(),
            diagnosis,
            severity,
            source_date: def.provenance.source_date,
            reflects_2024_revision: def.provenance.reflects_2024_revision,
            review_needed: def.provenance.review_needed.is_some(),
            why_not_machine: def
                .generic
                .then(|| def.provenance.review_needed.clone())
                .flatten(),
        }
    }
}

/// `Doctor` when the rules read only declared items (e.g. through the
/// `nanbyo/declared_diagnosis` fragment), else `Machine`.
fn judge_of(def: &FormDefinition, refs: &[usize]) -> Judge {
    let mut slots = BTreeSet::new();
    item_slots(def, refs, &mut slots, None);
    let only_declared = !slots.is_empty()
        && slots.iter().all(|s| {
            def.slot_items
                .get(s)
                .is_some_and(|(_, id)| DECLARED_ITEMS.contains(&id.as_str()))
        });
    if only_declared {
        Judge::Doctor
    } else {
        Judge::Machine
    }
}

/// Counts of one program (or of all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoverageCounts {
    pub forms: usize,
    /// Form versions by who judges the diagnosis (`machine`, `doctor`, `none`).
    pub diagnosis: BTreeMap<Judge, usize>,
    pub severity: BTreeMap<Judge, usize>,
    pub reflects_2024_revision: usize,
    pub review_needed: usize,
}

impl CoverageCounts {
    fn add(&mut self, r: &CoverageRow) {
        self.forms += 1;
        *self.diagnosis.entry(r.diagnosis).or_default() += 1;
        *self.severity.entry(r.severity).or_default() += 1;
        self.reflects_2024_revision += usize::from(r.reflects_2024_revision);
        self.review_needed += usize::from(r.review_needed);
    }
}

/// The summary under the rows: per program and in total.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoverageSummary {
    pub programs: BTreeMap<&'static str, CoverageCounts>,
    pub total: CoverageCounts,
}

impl CoverageSummary {
    pub fn of(rows: &[CoverageRow]) -> CoverageSummary {
        let mut s = CoverageSummary::default();
        for r in rows {
            s.programs.entry(r.program.as_str()).or_default().add(r);
            s.total.add(r);
        }
        s
    }
}
