//! # nsdb-forms — form definitions, checks, calculations and 機械判定
//!
//! Pure logic (no I/O): the definitions in the repository's `forms/` folder are
//! embedded at build time, so the server and the offline check tool give
//! byte-for-byte the same results. The format is described in
//! `docs/form-definitions.md`.
//!
//! ## Public API (what the server and the CLI call)
//!
//! | call | does |
//! |---|---|
//! | [`catalog()`] → `&'static Catalog` | every form version the build knows, loaded once (348 指定難病 + 813 小慢, disease-specific or synthesized) |
//! | [`Catalog::get`]`(id)` → `Option<Arc<FormDefinition>>` | one definition, e.g. `nanbyo-006-2403`, `shoman-07-001-2403` (generic ones are built on first use) |
//! | [`Catalog::ids`] / [`Catalog::definitions`] | every id / every definition |
//! | [`Catalog::list`] / [`Catalog::in_force`]`(date)` → `Vec<FormSummary>` | rows for `nsdb forms` / `listFormDefinitions` |
//! | [`Catalog::current_for`]`(program, group, number, date)` | the version of a disease in force on a date |
//! | [`Catalog::masters`] → [`Masters`] | the disease masters |
//! | [`Catalog::coverage`] → `Vec<`[`CoverageRow`]`>`, [`CoverageSummary::of`] | who judges diagnosis and severity per version (`nsdb forms --coverage`) |
//! | [`check_registrable`]`(def, date)` → `Result<(), NotInForce>` | refuses a version not in force, with a Japanese message |
//! | [`evaluate()`]`(def, &FormData, ApplicationKind, today)` → [`Evaluation`] | findings + calculations + determination |
//! | [`carry_over`]`(def, &previous)` → [`CarriedOver`] | 前回値踏襲: renewal draft, items to confirm, items dropped |
//! | [`Catalog::load`] / [`Catalog::from_files`] → `Result<Catalog, Vec<LoadError>>` | loading with errors as `file:line:col: problem` |
//! | [`xml::validate`]`(BufRead, xml::Options)` / [`xml::xsd`]`(&[&def])` | bulk-registration XML: streaming validator (XSD-level findings + `evaluate` + 機械判定 per form, with line:column) and the XSD of form versions (`docs/xml-format.md`) |
//!
//! [`FormDefinition`] (serde-Serializable, for `getFormDefinition`) holds
//! sections → items (id, label, type, unit, codes, kinds, required,
//! required_when, range, carry_over), calculations, checks, criteria and the
//! determination rules. [`Evaluation`] serializes as
//! `{findings: [{code, severity, item, item_label, row?, message}], calculations: {id: value},
//! determination: {diagnosis, severity, result, reasons, light_high_cost, rule_version,
//! rule_set?, machine_determination, undetermined_items, criteria}}`.
//!
//! ```
//! use nsdb_forms::{catalog, check_registrable, evaluate, ApplicationKind, FormData};
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
//! let def = catalog().get("nanbyo-006-2403").unwrap();
//! check_registrable(&def, today).unwrap();
//! let data = FormData::new().with("hoehn_yahr", "2"); // Hoehn-Yahr 2度
//! let e = evaluate(&def, &data, ApplicationKind::New, today);
//! // Severity not met (H-Y < 3) decides 非該当 even though most items are blank.
//! assert_eq!(e.determination.result.label(), "非該当");
//! assert!(e.has_errors()); // the blank required items are error findings
//! ```
//!
//! ## Modules
//! * [`model`] — the compiled definition model;
//! * [`raw`] — the TOML file format; [`load`] — assembling and validating it;
//! * [`expr`] — the rule language (parser, type checker, Kleene evaluator);
//! * [`value`] — runtime values, three-valued logic, interval numbers;
//! * [`data`] — entered answers ([`FormData`]);
//! * [`mod@evaluate`] — checks, calculations and determination;
//! * [`masters`] — 指定難病 and 小慢 disease lists; [`mod@catalog`] — all definitions;
//! * [`coverage`] — what the 機械判定 of each version covers;
//! * [`formulas`] — BMI, 肥満度 and rounding; [`version`] — validity periods;
//! * [`renewal`] — 前回値踏襲;
//! * [`xml`] — bulk-registration XML: format, XSD, streaming validator, writer.

pub mod catalog;
pub mod coverage;
pub mod data;
pub mod evaluate;
pub mod expr;
pub mod formulas;
pub mod load;
pub mod masters;
pub mod model;
pub mod presentation;
pub mod program_rules;
pub mod raw;
pub mod renewal;
pub mod value;
pub mod version;
pub mod xml;

pub use catalog::{catalog, embedded_files, files_in, install_catalog, Catalog};
pub use coverage::{CoverageCounts, CoverageRow, CoverageSummary, Judge};
pub use data::{Answer, FormData, NOT_DONE};
pub use evaluate::{
    evaluate, evaluate_answers, CriterionOutcome, Determination, DiagnosisOutcome, Evaluation,
    Finding, Outcome, SeverityOutcome,
};
pub use load::{LoadError, SourceFile};
pub use masters::{Masters, NanbyoDisease, ShomanDisease};
pub use model::{
    ApplicationKind, CarryOver, Code, FindingSeverity, FormDefinition, FormSummary, Item, ItemType,
    Layout, PersonalData, Program, Widget,
};
pub use renewal::{carry_over, CarriedOver, NotCarried};
pub use value::CalcValue;
pub use version::{check_registrable, NotInForce};
