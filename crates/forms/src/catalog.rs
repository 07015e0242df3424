//! The catalog of every form version the build knows: disease-specific files
//! plus a synthesized generic definition for every other disease.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use crate::coverage::CoverageRow;
use crate::load::{build_definition, definition_id, Env, LoadError, SourceFile};
use crate::masters::Masters;
use crate::model::{FormDefinition, FormSummary, Program};
use crate::program_rules::ProgramRules;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The form version every synthesized definition uses.
pub const CURRENT_VERSION: &str = "2403";
/// First day of [`CURRENT_VERSION`].
pub fn current_valid_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).expect("valid date")
}

/// The `forms/` files embedded at build time (definitions, fragments, masters).
pub fn embedded_files() -> Vec<SourceFile<'static>> {
    embedded::FILES
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect()
}

/// All known form definitions, by id.
pub struct Catalog {
    entries: BTreeMap<String, Entry>,
    env: Arc<Env>,
    masters: Arc<Masters>,
}

/// One definition: built at load (files) or on first use (generic).
struct Entry {
    summary: FormSummary,
    def: OnceLock<Arc<FormDefinition>>,
    /// TOML text of a synthesized definition.
    generic: Option<String>,
}

impl Entry {
    fn built(d: FormDefinition) -> Entry {
        let summary = d.summary();
        let def = OnceLock::new();
        let _ = def.set(Arc::new(d));
        Entry {
            summary,
            def,
            generic: None,
        }
    }

    fn build(&self, env: &Env) -> Result<Arc<FormDefinition>, Vec<LoadError>> {
        if let Some(d) = self.def.get() {
            return Ok(d.clone());
        }
        let text = self.generic.as_deref().unwrap_or_default();
        let path = format!("generated:{}", self.summary.id);
        let d = build_definition(env, SourceFile { path: &path, text })?;
        Ok(self.def.get_or_init(|| Arc::new(d)).clone())
    }
}

fn summary_in_force(s: &FormSummary, on: NaiveDate) -> bool {
    s.valid_from <= on && s.valid_to.is_none_or(|to| on <= to)
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("definitions", &self.entries.len())
            .finish()
    }
}

fn file<'a>(files: &[SourceFile<'a>], path: &str) -> Result<&'a str, Vec<LoadError>> {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.text)
        .ok_or_else(|| {
            vec![LoadError {
                file: path.into(),
                line: 1,
                column: 1,
                message: "missing master file".into(),
            }]
        })
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

/// Why the 重症度 of a 指定難病 added after the 2020 texts is the doctor's.
const NO_TEXT_REASON: &str = "2024–2025年に追加された疾病で、概要・診断基準のテキストがこのリポジトリにない。公表された診断基準・重症度分類が入手できるまで、指定医が記載する。";

/// `masters/severity_by_doctor.tsv`: 指定難病 number → why its 重症度 is not judged by
/// machine although it has a text (a table missing from it).
fn severity_by_doctor(text: &str) -> Result<BTreeMap<u32, String>, LoadError> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let error = |message: String| LoadError {
            file: "masters/severity_by_doctor.tsv".into(),
            line: i + 1,
            column: 1,
            message,
        };
        let (number, reason) = line
            .split_once('\t')
            .ok_or_else(|| error("expected: number, tab, reason".into()))?;
        let number: u32 = number
            .trim()
            .parse()
            .map_err(|_| error(format!("bad disease number `{number}`")))?;
        if reason.trim().is_empty() || out.insert(number, reason.trim().to_owned()).is_some() {
            return Err(error(format!("disease {number}: empty or repeated reason")));
        }
    }
    Ok(out)
}

/// TOML text of the generic definition of a disease without its own file. `why` is the
/// review note: why the disease has no rules yet.
fn generic_toml(
    program: Program,
    group: u32,
    number: u32,
    severity_help: Option<&str>,
    why: Option<&str>,
) -> String {
    let id = definition_id(program, group, number, CURRENT_VERSION);
    let (fragment, group_line, notice, sev_item, sev_label) = match program {
        Program::Nanbyo => (
            "nanbyo/generic",
            String::new(),
            "この疾病の機械判定（診断基準・重症度分類の自動判定）は未対応です。指定医が記載した診断のカテゴリーと重症度を、自治体が審査してください。",
            "severity_declared",
            "重症度分類",
        ),
        Program::Shoman => (
            "shoman/generic",
            format!("disease_group = {group}\n"),
            "この疾病の機械判定（対象基準・疾病の状態の程度の自動判定）は未対応です。指定医が記載した内容を、自治体が審査してください。",
            "condition_level_declared",
            "疾病の状態の程度",
        ),
    };
    let help = match severity_help {
        Some(h) => format!(
            "[item_help]\n{sev_item} = \"{}\"\n",
            escape(&format!(
                "対象となる{sev_label}（厚生労働省「概要・診断基準等」2020年3月時点）: {h}"
            ))
        ),
        None => String::new(),
    };
    let why = escape(why.unwrap_or("疾病固有の診断基準・重症度分類の項目は未定義です。"));
    format!(
        "id = \"{id}\"\nprogram = \"{}\"\n{group_line}disease_number = {number}\nversion = \"{CURRENT_VERSION}\"\nvalid_from = 2024-04-01\ngeneric = true\nsource = \"共通様式（疾病固有の項目は未定義）\"\nreview_needed = \"{why}\"\n{help}\n[[sections]]\ninclude = \"{fragment}\"\n\n[determination]\nmachine_determination = false\nrule_version = \"{id}-generic-1\"\nseverity_label = \"{sev_label}\"\nnotice = \"{notice}\"\ndeclared_diagnosis_item = \"diagnosis_category_declared\"\ndeclared_severity_item = \"{sev_item}\"\n",
        program.as_str()
    )
}

impl Catalog {
    /// Loads the catalog from the files embedded at build time.
    pub fn load() -> Result<Catalog, Vec<LoadError>> {
        Catalog::from_files(&embedded_files())
    }

    /// Loads the catalog from the given files (paths relative to `forms/`).
    pub fn from_files(files: &[SourceFile]) -> Result<Catalog, Vec<LoadError>> {
        let masters = Masters::parse(
            file(files, "masters/nanbyo_348_2025-04.csv")?,
            file(files, "masters/nanbyo_groups.csv")?,
            file(files, "masters/nanbyo_severity_summary_2020.tsv")?,
            file(files, "masters/shoman_from_nando.csv")?,
        )
        .map_err(|m| {
            vec![LoadError {
                file: "masters".into(),
                line: 1,
                column: 1,
                message: m,
            }]
        })?;
        let mut masters = masters;
        masters.program_rules = Arc::new(
            ProgramRules::parse(file(files, "masters/program_rules.toml")?).map_err(|m| {
                vec![LoadError {
                    file: "masters/program_rules.toml".into(),
                    line: 1,
                    column: 1,
                    message: m,
                }]
            })?,
        );
        let masters = Arc::new(masters);
        let env = Env::new(files, masters.clone())?;
        let mut errors = Vec::new();
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        let mut origin: BTreeMap<String, String> = BTreeMap::new();
        let definition_files: Vec<&SourceFile> = files
            .iter()
            .filter(|f| f.path.starts_with("definitions/") && f.path.ends_with(".toml"))
            .collect();
        // Built on two threads (most of the start-up: every command and the
        // server load the catalog before their first form), kept in file order.
        let (first, second) = definition_files.split_at(definition_files.len().div_ceil(2));
        let build_all = |part: &[&SourceFile]| -> Vec<_> {
            part.iter().map(|f| build_definition(&env, **f)).collect()
        };
        let built = std::thread::scope(|scope| {
            let other = scope.spawn(|| build_all(second));
            let mut built = build_all(first);
            match other.join() {
                Ok(rest) => built.extend(rest),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            built
        });
        for (f, result) in definition_files.iter().zip(built) {
            match result {
                Ok(d) => {
                    if let Some(prev) = origin.get(&d.id) {
                        errors.push(LoadError {
                            file: f.path.into(),
                            line: 1,
                            column: 1,
                            message: format!("duplicate definition id `{}` (also in {prev})", d.id),
                        });
                        continue;
                    }
                    origin.insert(d.id.clone(), f.path.into());
                    entries.insert(d.id.clone(), Entry::built(d));
                }
                Err(e) => errors.extend(e),
            }
        }
        // Generic definitions for every disease without a file of the current
        // version. They differ only in the disease, so they are built on first
        // use; one per program is built now to validate the shared template.
        let mut validated = [false, false];
        let mut generic = Vec::new();
        let by_doctor = severity_by_doctor(file(files, "masters/severity_by_doctor.tsv")?)
            .map_err(|e| vec![e])?;
        for number in by_doctor.keys() {
            let id = definition_id(Program::Nanbyo, 0, *number, CURRENT_VERSION);
            if !masters.nanbyo.contains_key(number) || entries.contains_key(&id) {
                errors.push(LoadError {
                    file: "masters/severity_by_doctor.tsv".into(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "指定難病 {number}: not in the master, or it has a definition now (remove its line)"
                    ),
                });
            }
        }
        for d in masters.nanbyo.values() {
            let why = by_doctor
                .get(&d.number)
                .map(String::as_str)
                .or(d.severity_requirement.is_none().then_some(NO_TEXT_REASON));
            let text = generic_toml(
                Program::Nanbyo,
                0,
                d.number,
                d.severity_requirement.as_deref(),
                why,
            );
            let summary = FormSummary {
                id: definition_id(Program::Nanbyo, 0, d.number, CURRENT_VERSION),
                program: Program::Nanbyo,
                disease_group: d.groups.join("・"),
                disease_number: d.number,
                disease_name: d.name.clone(),
                version: CURRENT_VERSION.into(),
                valid_from: current_valid_from(),
                valid_to: None,
                machine_determination: false,
            };
            generic.push((0, summary, text));
        }
        for d in masters.shoman.values() {
            let text = generic_toml(Program::Shoman, d.group, d.number, None, None);
            let summary = FormSummary {
                id: definition_id(Program::Shoman, d.group, d.number, CURRENT_VERSION),
                program: Program::Shoman,
                disease_group: d.group.to_string(),
                disease_number: d.number,
                disease_name: d.name.clone(),
                version: CURRENT_VERSION.into(),
                valid_from: current_valid_from(),
                valid_to: None,
                machine_determination: false,
            };
            generic.push((1, summary, text));
        }
        for (p, summary, text) in generic {
            if entries.contains_key(&summary.id) {
                continue;
            }
            let entry = Entry {
                summary,
                def: OnceLock::new(),
                generic: Some(text),
            };
            if !validated[p] {
                validated[p] = true;
                if let Err(e) = entry.build(&env) {
                    errors.extend(e);
                }
            }
            entries.insert(entry.summary.id.clone(), entry);
        }
        errors.extend(check_renewal_mappings(&entries, &origin));
        if !errors.is_empty() {
            errors.truncate(50);
            return Err(errors);
        }
        Ok(Catalog {
            entries,
            env: Arc::new(env),
            masters,
        })
    }

    /// One definition by id (e.g. `nanbyo-006-2403`).
    pub fn get(&self, id: &str) -> Option<Arc<FormDefinition>> {
        self.entries.get(id).map(|e| self.resolve(e))
    }

    fn resolve(&self, e: &Entry) -> Arc<FormDefinition> {
        match e.build(&self.env) {
            Ok(d) => d,
            // The template was validated at load; a failure here is a bug in it.
            Err(errors) => panic!("generic definition {} failed: {errors:?}", e.summary.id),
        }
    }

    /// Ids of every definition.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(|k| k.as_str())
    }

    /// Every definition, by id (builds generic ones on first use).
    pub fn definitions(&self) -> impl Iterator<Item = Arc<FormDefinition>> + '_ {
        self.entries.values().map(|e| self.resolve(e))
    }

    /// Summaries of every definition (for `nsdb forms`).
    pub fn list(&self) -> Vec<FormSummary> {
        self.entries.values().map(|e| e.summary.clone()).collect()
    }

    /// Summaries of the versions in force on `on` (for `listFormDefinitions`).
    pub fn in_force(&self, on: NaiveDate) -> Vec<FormSummary> {
        self.entries
            .values()
            .filter(|e| summary_in_force(&e.summary, on))
            .map(|e| e.summary.clone())
            .collect()
    }

    /// The version of a disease's form in force on `on`.
    pub fn current_for(
        &self,
        program: Program,
        group: u32,
        number: u32,
        on: NaiveDate,
    ) -> Option<Arc<FormDefinition>> {
        // While an older version is still accepted, the newest one in force is current.
        let e = self
            .entries
            .values()
            .filter(|e| {
                let d = &e.summary;
                d.program == program
                    && d.disease_number == number
                    && (program == Program::Nanbyo || d.disease_group == group.to_string())
                    && summary_in_force(d, on)
            })
            .max_by_key(|e| e.summary.valid_from)?;
        Some(self.resolve(e))
    }

    /// The version of `def`'s disease in force on `on` (`def` itself when it still is).
    pub fn current_version_of(
        &self,
        def: &FormDefinition,
        on: NaiveDate,
    ) -> Option<Arc<FormDefinition>> {
        let group = def.disease_group.parse().unwrap_or(0);
        self.current_for(def.program, group, def.disease_number, on)
    }

    /// Who judges diagnosis and severity, for every definition (builds the
    /// generic ones).
    pub fn coverage(&self) -> Vec<CoverageRow> {
        self.definitions().map(|d| CoverageRow::of(&d)).collect()
    }

    pub fn masters(&self) -> &Masters {
        &self.masters
    }
}

/// Every `[[renewal_mappings]]` names an earlier version of the same disease that the
/// catalog holds, and old items that version has.
fn check_renewal_mappings(
    entries: &BTreeMap<String, Entry>,
    origin: &BTreeMap<String, String>,
) -> Vec<LoadError> {
    let mut errors = Vec::new();
    for (id, entry) in entries {
        let Some(def) = entry.def.get() else { continue };
        for m in &def.renewal_mappings {
            let mut problem = |message: String| {
                errors.push(LoadError {
                    file: origin.get(id).cloned().unwrap_or_default(),
                    line: 1,
                    column: 1,
                    message,
                })
            };
            let Some(from) = entries.get(&m.from) else {
                problem(format!("renewal_mappings: no form version `{}`", m.from));
                continue;
            };
            let same_disease = from.summary.program == def.program
                && from.summary.disease_number == def.disease_number
                && from.summary.valid_from < def.valid_from;
            if !same_disease {
                problem(format!(
                    "renewal_mappings: `{}` is not an earlier version of the same disease",
                    m.from
                ));
            }
            if let Some(from_def) = from.def.get() {
                for old in m.items.keys() {
                    if from_def.item(old).is_none() {
                        problem(format!(
                            "renewal_mappings: `{}` has no item `{old}`",
                            m.from
                        ));
                    }
                }
            }
        }
    }
    errors
}

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// Makes `catalog` the one [`catalog()`] answers — a server given another `forms/` folder
/// (new form versions deployed as data) — before anything has asked for it. Gives it back
/// when the catalog is already in use.
pub fn install_catalog(catalog: Catalog) -> Result<(), Catalog> {
    CATALOG.set(catalog)
}

/// The files of a `forms/` folder laid out as the repository's (definitions, fragments,
/// masters): each TOML, CSV and TSV file with its path relative to the folder.
pub fn files_in(dir: &std::path::Path) -> std::io::Result<Vec<(String, String)>> {
    fn walk(
        root: &std::path::Path,
        dir: &std::path::Path,
        out: &mut Vec<(String, String)>,
    ) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            // Only real folders are walked into: a symbolic link cannot make the walk loop.
            if entry.file_type()?.is_dir() {
                walk(root, &path, out)?;
            } else if matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("toml" | "csv" | "tsv")
            ) {
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((relative, std::fs::read_to_string(&path)?));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

/// The catalog: the one installed, or else the one built from the embedded files, loaded
/// once.
///
/// # Panics
/// If the embedded definitions are broken; the test suite loads them, so a
/// build that passed its tests never panics here.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| match Catalog::load() {
        Ok(c) => c,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!(
                "embedded form definitions are invalid:\n{}",
                list.join("\n")
            )
        }
    })
}
