//! The native validator: streaming, form by form, constant memory.
//!
//! For each form it yields the XSD-level findings (what `xmllint --schema`
//! with the version's XSD would refuse, with line:column), then every finding
//! of [`crate::evaluate()`] and the 機械判定 — what the server gives on upload.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lexer::{Event, Lexer, Pos};
use super::schema::{
    collapse, institution_check_digit, Content, FormSchema, Particle, Role, Seq, ValueType,
};
use super::{NAMESPACE, ROOT};
use crate::data::{Answer, FormData};
use crate::evaluate::{evaluate_answers, Determination, Finding};
use crate::model::{ApplicationKind, FindingSeverity, FormDefinition};
use crate::value::CalcValue;

/// Limits and the evaluation date.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date the checks take as today (future dates, validity of the version).
    pub today: NaiveDate,
    /// Largest single token (text node, tag, comment) in bytes. Default 1 MiB.
    pub max_token_bytes: usize,
    /// Deepest element nesting. Default 16 (the format needs 6).
    pub max_depth: usize,
    /// Most forms in one file. Default 1,000,000.
    pub max_forms: usize,
    /// Largest file in bytes. Default 8 GiB.
    pub max_file_bytes: u64,
    /// Most XML-level findings reported for one form (or outside forms). Default 200.
    pub max_findings: usize,
    /// Yield [`Entry::Pending`] instead of [`Entry::Form`]: the caller runs
    /// [`PendingForm::finish`] (the checks and the 機械判定), e.g. on another
    /// thread while the next forms are read. Default false.
    pub defer_checks: bool,
    /// Fill each determination's `criteria` (every criterion with the values
    /// it used). Default true; `nsdb check`'s text output, which does not
    /// print them, turns it off.
    pub criteria: bool,
}

impl Options {
    pub fn new(today: NaiveDate) -> Options {
        Options {
            today,
            max_token_bytes: 1 << 20,
            max_depth: 16,
            max_forms: 1_000_000,
            max_file_bytes: 8 << 30,
            max_findings: 200,
            defer_checks: false,
            criteria: true,
        }
    }
}

/// Which validation produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Stage {
    /// The XSD's rules (structure, types, codes, required elements).
    Xml,
    /// The form's checks (the same as online entry).
    Check,
}

/// One finding, located in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct XmlFinding {
    /// Stable code: `xml_…` for XSD-level findings, else the engine's or the definition's code.
    pub code: String,
    pub severity: FindingSeverity,
    pub stage: Stage,
    pub line: u64,
    pub column: u64,
    /// Item id (`group.field` inside groups), header or section element name; empty for the file.
    pub item: String,
    pub item_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub message: String,
}

/// The result of one form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormReport {
    /// 1-based position of the form in the file.
    pub index: usize,
    pub line: u64,
    pub column: u64,
    pub definition_id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_kind: Option<ApplicationKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution_code: Option<String>,
    /// 指定医番号 (item `designated_doctor_number`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub designated_doctor_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_ref: Option<String>,
    /// True when the form passes the XSD (no `xml` finding).
    pub schema_valid: bool,
    /// XSD-level findings first (file order), then the checks' findings (errors first).
    pub findings: Vec<XmlFinding>,
    /// The answers read from the file, by [`crate::Item::slot`] (not
    /// serialized: patient data); [`FormReport::data`] gives them by item id.
    #[serde(skip)]
    answers: Vec<Answer>,
    #[serde(skip)]
    def: Arc<FormDefinition>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub calculations: std::collections::BTreeMap<String, CalcValue>,
    /// None when the application kind is missing or invalid (the checks need it).
    pub determination: Option<Determination>,
}

impl FormReport {
    /// The answers read from the file, by item id.
    pub fn data(&self) -> FormData {
        let mut data = FormData::new();
        for item in self.def.items() {
            match self.answers.get(item.slot) {
                None | Some(Answer::Blank) => {}
                Some(a) => data.set(&item.id, a.clone()),
            }
        }
        data
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// A form read and checked against its XSD; [`PendingForm::finish`] runs the
/// form's checks and the 機械判定 (only with [`Options::defer_checks`]).
pub struct PendingForm(FormState);

impl PendingForm {
    /// The complete report: exactly what [`Entry::Form`] would have held.
    pub fn finish(self, options: &Options) -> FormReport {
        finish(self.0, options)
    }
}

impl std::fmt::Debug for PendingForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PendingForm({} #{})", self.0.def.id, self.0.index)
    }
}

/// What the validator yields.
#[derive(Debug)]
pub enum Entry {
    /// A form, complete.
    Form(Box<FormReport>),
    /// A form whose checks are still to run (with [`Options::defer_checks`]).
    Pending(Box<PendingForm>),
    /// A finding outside any form (root element, unknown form version, …).
    File(XmlFinding),
}

/// Why reading stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FatalKind {
    /// The input could not be read.
    Io,
    /// Not well-formed XML (XML 1.0 fatal error): not XML at all.
    NotWellFormed,
    /// Well-formed, but refused: DOCTYPE, an encoding other than UTF-8, a limit.
    Refused,
}

/// An error that stops reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FatalError {
    pub kind: FatalKind,
    /// `xml_malformed`, `xml_encoding`, `xml_doctype`, `xml_too_large`, `xml_too_deep`,
    /// `xml_too_many_forms`, `io`.
    pub code: &'static str,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl std::fmt::Display for FatalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Validates a bulk file read from `input`, yielding forms as they end.
/// After a [`FatalError`] the iterator ends.
pub fn validate<R: BufRead>(input: R, options: Options) -> Validator<R> {
    Validator::new(input, options)
}

/// Codes of the engine's per-item findings that repeat an XSD-level finding.
const SUPPRESSED: [&str; 9] = [
    "type",
    "range",
    "precision",
    "code_unknown",
    "too_long",
    "kana",
    "required",
    "too_many_rows",
    "unknown_item",
];

struct Frame {
    /// The sequence holding this element's particle, and its index there.
    seq: Arc<Seq>,
    idx: usize,
    pos: Pos,
    kind: FrameKind,
}

impl Frame {
    fn p(&self) -> &Particle {
        &self.seq.particles[self.idx]
    }
}

enum FrameKind {
    Seq {
        seq: Arc<Seq>,
        at: usize,
        count: u32,
        text_reported: bool,
    },
    Leaf {
        child_reported: bool,
    },
}

struct RowPos {
    pos: Pos,
    fields: HashMap<String, Pos>,
}

struct FormState {
    def: Arc<FormDefinition>,
    index: usize,
    pos: Pos,
    kind: Option<ApplicationKind>,
    institution_code: Option<(String, Pos)>,
    local_ref: Option<String>,
    /// How to build the answers, replayed by [`finish`] (see [`DataOp`]).
    data: Vec<DataOp>,
    xml: Vec<XmlFinding>,
    truncated: bool,
    flagged: HashSet<(String, Option<usize>)>,
    /// Start of the first element of each header, section and item, by [`Particle::ord`].
    positions: Vec<Option<Pos>>,
    schema: Arc<FormSchema>,
    rows: HashMap<String, Vec<RowPos>>,
    group: Option<String>,
    frames: Vec<Frame>,
    /// The raw text of every value read so far (ranges in [`DataOp::Value`]),
    /// and where the open leaf element's text starts (leaves do not nest).
    text: Vec<u8>,
    leaf_start: usize,
}

/// One step of building a form's [`FormData`], recorded while reading and
/// replayed by [`finish`]: filling the map (string keys) is a good part of the
/// per-element cost, and with [`Options::defer_checks`] `finish` runs on the
/// caller's thread, in parallel with the reading of the next forms.
enum DataOp {
    /// A group opened (particle `idx` of sequence `seq`, a [`Seq::id`]): its
    /// answer becomes an empty list of rows.
    Group {
        seq: usize,
        idx: usize,
    },
    GroupEnd,
    /// A row of the open group.
    Row,
    /// A value: particle `idx` of sequence `seq` (a [`Seq::id`]) names the
    /// item (or the field of the open group's last row).
    Value {
        seq: usize,
        idx: usize,
        /// The raw text, in [`FormState::text`].
        text: std::ops::Range<usize>,
        /// Where the element starts (its XSD-level finding's position).
        pos: Pos,
        /// XSD-level findings read before the element ended: its own finding
        /// goes after them (file order).
        findings_before: usize,
    },
}

/// The answers by item slot (what [`crate::evaluate_answers`] takes), and
/// the XSD-level findings with those of the values — checked here, off the
/// reading thread — merged in file order and capped as the reader caps them.
fn replay(
    schema: &FormSchema,
    ops: Vec<DataOp>,
    text: &[u8],
    slots: usize,
    xml: Vec<XmlFinding>,
    flagged: &mut HashSet<(String, Option<usize>)>,
    max_findings: usize,
) -> (Vec<Answer>, Vec<XmlFinding>) {
    // One check of the whole arena (values are whole strings, so every
    // range is on character boundaries) instead of one per value, with
    // vector instructions (the arena is mostly Japanese text).
    let text = simdutf8::basic::from_utf8(text).unwrap_or_default();
    // Not `vec![Answer::Blank; slots]`, which clones the first element into each slot.
    let mut answers: Vec<Answer> = std::iter::repeat_with(|| Answer::Blank)
        .take(slots)
        .collect();
    let particle = |seq: usize, idx: usize| &schema.seqs[seq].particles[idx];
    // The open group's particle.
    let mut group: Option<&Particle> = None;
    let mut rows = 0;
    let mut merged = Vec::with_capacity(xml.len());
    let mut read = xml.into_iter();
    let mut taken = 0;
    for op in ops {
        match op {
            DataOp::Group { seq, idx } => {
                let g = particle(seq, idx);
                if let Some(a) = answers.get_mut(g.slot) {
                    *a = Answer::Rows(Vec::new());
                }
                group = Some(g);
                rows = 0;
            }
            DataOp::GroupEnd => group = None,
            DataOp::Row => {
                rows += 1;
                let g = group.map(|g| g.slot);
                if let Some(Answer::Rows(r)) = g.and_then(|g| answers.get_mut(g)) {
                    r.push(Default::default());
                }
            }
            DataOp::Value {
                seq,
                idx,
                text: range,
                pos,
                findings_before,
            } => {
                let p = particle(seq, idx);
                let Content::Value(vt) = &p.content else {
                    continue;
                };
                let raw = text.get(range).unwrap_or_default();
                let value = match vt.check(raw) {
                    Ok(v) => v,
                    Err(ve) => {
                        merged.extend(read.by_ref().take(findings_before.saturating_sub(taken)));
                        taken = taken.max(findings_before);
                        let gp = group;
                        let (item, label, row) = match (p.role == Role::Field, gp) {
                            (true, Some(g)) => (
                                format!("{}.{}", g.name, p.name),
                                format!("{}・{}", g.label, p.label),
                                Some(rows),
                            ),
                            _ => (p.name.clone(), p.label.clone(), None),
                        };
                        let where_ = match row {
                            Some(r) => format!("{r}行目の"),
                            None => String::new(),
                        };
                        flagged.insert((item.clone(), row));
                        merged.push(xml_error(
                            ve.code,
                            pos,
                            item,
                            label,
                            row,
                            format!("{where_}<{}>（{}）: {}", p.name, p.label, ve.message),
                        ));
                        if matches!(vt, ValueType::Text { .. } | ValueType::Kana { .. }) {
                            raw.to_string()
                        } else {
                            collapse(raw)
                        }
                    }
                };
                if p.role == Role::Field {
                    let g = group.map(|g| g.slot);
                    if let Some(Answer::Rows(r)) = g.and_then(|g| answers.get_mut(g)) {
                        if let Some(r) = r.last_mut() {
                            insert_value(r, &p.name, value, p.max > 1);
                        }
                    }
                } else if let Some(a) = answers.get_mut(p.slot) {
                    if p.max > 1 {
                        match a {
                            Answer::Codes(v) => v.push(value),
                            other => *other = Answer::Codes(vec![value]),
                        }
                    } else {
                        *a = Answer::Text(value);
                    }
                }
            }
        }
    }
    merged.extend(read);
    // The reader's own cap marker stands where its first dropped finding
    // was: the (max + 1)-th entry in file order is where the cap applies.
    if merged.len() > max_findings {
        let at = &merged[max_findings];
        let marker = too_many_findings(
            Pos {
                line: at.line,
                column: at.column,
            },
            max_findings,
        );
        merged.truncate(max_findings);
        merged.push(marker);
    }
    (answers, merged)
}

/// Whether `item` names an item of `def` (`group.field` for a field of a
/// group): only those can match a check finding that an XSD-level finding
/// suppresses, and only those are remembered for it — the names of unknown
/// elements, all different, would let one form grow the set without bound.
fn is_item_of(def: &FormDefinition, item: &str) -> bool {
    match item.split_once('.') {
        Some((group, field)) => def
            .item(group)
            .is_some_and(|g| g.fields.iter().any(|f| f.id == field)),
        None => def.item_index.contains_key(item),
    }
}

/// An XSD-level finding (an error: what the XSD would refuse) at `pos`.
fn xml_error(
    code: &str,
    pos: Pos,
    item: String,
    item_label: String,
    row: Option<usize>,
    message: String,
) -> XmlFinding {
    XmlFinding {
        code: code.to_string(),
        severity: FindingSeverity::Error,
        stage: Stage::Xml,
        line: pos.line,
        column: pos.column,
        item,
        item_label,
        row,
        message,
    }
}

/// The finding that says the XSD-level findings of a form were capped.
fn too_many_findings(pos: Pos, max_findings: usize) -> XmlFinding {
    xml_error(
        "xml_too_many_findings",
        pos,
        String::new(),
        "様式".into(),
        None,
        format!("この様式の指摘が{max_findings}件を超えたため、以降のXMLの指摘は省略します。"),
    )
}

#[derive(PartialEq, Eq)]
enum Phase {
    Prolog,
    Root,
    Epilog,
}

/// A definition with its compiled content model.
type Compiled = (Arc<FormDefinition>, Arc<FormSchema>);

/// The streaming validator (an iterator of [`Entry`]).
pub struct Validator<R: BufRead> {
    lexer: Lexer<R>,
    core: Core,
}

/// Everything but the tokenizer, so that an event borrowed from the
/// tokenizer can be handed to it.
struct Core {
    opts: Options,
    phase: Phase,
    first_event: bool,
    started: bool,
    done: bool,
    depth: usize,
    skip: usize,
    root_children: usize,
    forms: usize,
    file_findings: usize,
    form: Option<FormState>,
    schemas: HashMap<String, Option<Compiled>>,
    /// The frame stack of the last form, kept for the next one.
    spare_frames: Vec<Frame>,
    out: std::collections::VecDeque<Entry>,
    fatal: Option<FatalError>,
}

pub(super) fn fatal(kind: FatalKind, code: &'static str, pos: Pos, message: String) -> FatalError {
    FatalError {
        kind,
        code,
        line: pos.line,
        column: pos.column,
        message,
    }
}

/// CRLF and lone CR become LF, as an XML processor does.
fn push_normalized(text: &mut Vec<u8>, s: &[u8]) {
    if !s.contains(&b'\r') {
        text.extend_from_slice(s);
        return;
    }
    let mut bytes = s.iter().peekable();
    while let Some(&c) = bytes.next() {
        if c == b'\r' {
            if bytes.peek() == Some(&&b'\n') {
                bytes.next();
            }
            text.push(b'\n');
        } else {
            text.push(c);
        }
    }
}

/// Text the lexer checked as UTF-8 (CR/LF normalisation keeps it so).
fn utf8(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

impl<R: BufRead> Validator<R> {
    fn new(input: R, opts: Options) -> Validator<R> {
        Validator {
            lexer: Lexer::new(input, opts.max_token_bytes, opts.max_file_bytes),
            core: Core {
                opts,
                phase: Phase::Prolog,
                first_event: true,
                started: false,
                done: false,
                depth: 0,
                skip: 0,
                root_children: 0,
                forms: 0,
                file_findings: 0,
                form: None,
                schemas: HashMap::new(),
                spare_frames: Vec::new(),
                out: Default::default(),
                fatal: None,
            },
        }
    }

    /// Reads one token and hands it on; false at the end of the file.
    fn step(&mut self) -> Result<bool, FatalError> {
        let core = &mut self.core;
        if !core.started {
            core.started = true;
            let head = self.lexer.start().map_err(|e| {
                fatal(
                    FatalKind::Io,
                    "io",
                    Pos { line: 1, column: 1 },
                    format!("ファイルを読めません: {e}"),
                )
            })?;
            if head.starts_with(&[0xFE, 0xFF])
                || head.starts_with(&[0xFF, 0xFE])
                || head.starts_with(&[0, b'<'])
                || head.starts_with(&[b'<', 0])
            {
                return Err(fatal(
                    FatalKind::Refused,
                    "xml_encoding",
                    Pos { line: 1, column: 1 },
                    "UTF-16のファイルは使えません。UTF-8で保存してください。".into(),
                ));
            }
        }
        // Value elements recorded by `Core::leaf` loop here; any other token
        // returns to the caller, which hands out what it produced.
        loop {
            let (pos, event) = self.lexer.next(core.in_value())?;
            let first = std::mem::replace(&mut core.first_event, false);
            match event {
                Event::Decl { version, encoding } => {
                    if !first {
                        return Err(fatal(
                            FatalKind::NotWellFormed,
                            "xml_malformed",
                            pos,
                            "XML宣言はファイルの先頭にだけ書けます。".into(),
                        ));
                    }
                    // Well-formed (checked by the tokenizer), but the
                    // format is XML 1.0.
                    if version != "1.0" {
                        return Err(fatal(
                            FatalKind::Refused,
                            "xml_malformed",
                            pos,
                            format!("XMLのバージョンは 1.0 だけです（宣言: {version}）。"),
                        ));
                    }
                    if let Some(enc) = encoding {
                        if !enc.eq_ignore_ascii_case("utf-8") {
                            return Err(fatal(
                            FatalKind::Refused,
                            "xml_encoding",
                            pos,
                            format!("文字コードはUTF-8だけです（宣言: encoding=\"{enc}\"）。UTF-8で保存し、encoding=\"UTF-8\" と宣言してください。"),
                        ));
                        }
                    }
                }
                Event::DocType => {
                    return Err(fatal(
                    FatalKind::Refused,
                    "xml_doctype",
                    pos,
                    "DOCTYPE宣言（DTD・実体宣言）は使えません。外部の実体やDTDは読み込みません。DOCTYPE宣言を削除してください。".into(),
                ));
                }
                Event::Start {
                    local,
                    in_ns,
                    empty,
                    foreign_attributes,
                } => core.start(local, foreign_attributes, in_ns, pos, empty)?,
                Event::End => {
                    let lexer = &mut self.lexer;
                    core.end(&mut || lexer.token_pos())?
                }
                Event::Leaf {
                    local,
                    in_ns,
                    special,
                    text,
                } => {
                    if core.leaf(local, in_ns, &text, special, pos) {
                        // Recorded: the next token at once (nothing to hand out).
                        continue;
                    }
                    // The three events of `<name>text</name>`, as if read one by one.
                    core.start(local, &[], in_ns, pos, false)?;
                    if core.in_value() {
                        core.text(utf8(&text), Pos::default())?;
                    } else if !text.is_empty() {
                        // Text outside a value: only non-blank text matters, at its position.
                        if text
                            .iter()
                            .any(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                        {
                            let text = utf8(&text).to_string();
                            core.text(&text, self.lexer.text_pos())?;
                        }
                    }
                    let lexer = &mut self.lexer;
                    core.end(&mut || lexer.token_pos())?
                }
                Event::Text(t) => core.text(&t, pos)?,
                Event::CData(s) => {
                    if core.phase != Phase::Root {
                        return Err(fatal(
                            FatalKind::NotWellFormed,
                            "xml_malformed",
                            pos,
                            "ルート要素の外にCDATAセクションがあります。".into(),
                        ));
                    }
                    core.text(s, pos)?;
                }
                Event::Other => {}
                Event::Eof => {
                    return match core.phase {
                        Phase::Prolog => Err(fatal(
                            FatalKind::NotWellFormed,
                            "xml_malformed",
                            pos,
                            "XMLの要素がありません（空のファイル、又はXMLではありません）。".into(),
                        )),
                        Phase::Root => Err(fatal(
                            FatalKind::NotWellFormed,
                            "xml_malformed",
                            pos,
                            "ファイルが途中で終わっています（閉じていない要素があります）。".into(),
                        )),
                        Phase::Epilog => {
                            core.done = true;
                            Ok(false)
                        }
                    };
                }
            }
            return Ok(true);
        }
    }
}

impl Core {
    /// Inside a value element: its text counts, blank or not.
    fn in_value(&self) -> bool {
        self.skip == 0
            && self
                .form
                .as_ref()
                .and_then(|f| f.frames.last())
                .is_some_and(|f| matches!(f.kind, FrameKind::Leaf { .. }))
    }

    fn file_finding(&mut self, code: &str, pos: Pos, item: &str, label: &str, message: String) {
        self.file_findings += 1;
        if self.file_findings > self.opts.max_findings {
            return;
        }
        let message = if self.file_findings == self.opts.max_findings {
            format!("{message}（指摘が多すぎるため、以降の様式外の指摘は省略します）")
        } else {
            message
        };
        self.out.push_back(Entry::File(xml_error(
            code,
            pos,
            item.to_string(),
            label.to_string(),
            None,
            message,
        )));
    }

    fn lookup(&mut self, id: &str) -> Option<Compiled> {
        if let Some(s) = self.schemas.get(id) {
            return s.clone();
        }
        let found = crate::catalog().get(id).map(|d| {
            let s = Arc::new(FormSchema::new(&d));
            (d, s)
        });
        self.schemas.insert(id.to_string(), found.clone());
        found
    }

    fn check_attributes(&mut self, foreign: &[String], pos: Pos, item: &str, label: &str) {
        for name in foreign {
            let message = format!("属性 {name} は使えません。値は要素として記載します（名前空間宣言とxsi:schemaLocationを除き、属性は使いません）。");
            self.xml_finding("xml_attribute", pos, item, label, None, message);
        }
    }

    fn xml_finding(
        &mut self,
        code: &str,
        pos: Pos,
        item: &str,
        label: &str,
        row: Option<usize>,
        message: String,
    ) {
        match self.form.as_mut() {
            Some(f) => {
                if is_item_of(&f.def, item) {
                    f.flagged.insert((item.to_string(), row));
                }
                if f.xml.len() >= self.opts.max_findings {
                    if !f.truncated {
                        f.truncated = true;
                        f.xml.push(too_many_findings(pos, self.opts.max_findings));
                    }
                    return;
                }
                f.xml.push(xml_error(
                    code,
                    pos,
                    item.to_string(),
                    label.to_string(),
                    row,
                    message,
                ));
            }
            None => self.file_finding(code, pos, item, label, message),
        }
    }

    fn start(
        &mut self,
        local: &[u8],
        foreign: &[String],
        in_ns: Option<bool>,
        pos: Pos,
        empty: bool,
    ) -> Result<(), FatalError> {
        self.depth += 1;
        if self.depth > self.opts.max_depth {
            return Err(fatal(
                FatalKind::Refused,
                "xml_too_deep",
                pos,
                format!(
                    "要素の入れ子が深すぎます（上限 {} 段）。",
                    self.opts.max_depth
                ),
            ));
        }
        if self.skip > 0 {
            self.skip += 1;
            if empty {
                self.end(&mut || pos)?;
            }
            return Ok(());
        }
        match self.phase {
            Phase::Prolog => {
                let name = &*String::from_utf8_lossy(local);
                self.phase = Phase::Root;
                self.check_attributes(foreign, pos, ROOT, "ルート要素");
                if name != ROOT || in_ns != Some(true) {
                    self.file_finding(
                        "xml_root",
                        pos,
                        name,
                        "ルート要素",
                        format!("ルート要素は名前空間 {NAMESPACE} の <{ROOT}> です（<{name}> があります）。"),
                    );
                }
            }
            Phase::Epilog => {
                return Err(fatal(
                    FatalKind::NotWellFormed,
                    "xml_malformed",
                    pos,
                    "ルート要素の後に別の要素があります（ルート要素は1つだけです）。".into(),
                ));
            }
            Phase::Root => {
                if self.form.is_none() {
                    let name = &*String::from_utf8_lossy(local);
                    self.root_child(foreign, name, in_ns, pos)?;
                } else {
                    self.form_child(foreign, local, in_ns, pos)?;
                }
            }
        }
        if empty {
            self.end(&mut || pos)?;
        }
        Ok(())
    }

    fn root_child(
        &mut self,
        foreign: &[String],
        name: &str,
        in_ns: Option<bool>,
        pos: Pos,
    ) -> Result<(), FatalError> {
        self.root_children += 1;
        if in_ns != Some(true) {
            self.file_finding(
                "xml_namespace",
                pos,
                name,
                name,
                format!("要素 <{name}> が名前空間 {NAMESPACE} にありません。"),
            );
            self.skip = 1;
            return Ok(());
        }
        let Some(id) = name.strip_prefix("form_") else {
            self.file_finding(
                "xml_unknown_element",
                pos,
                name,
                name,
                format!("<{ROOT}> の中には様式の要素（form_様式ID、例: <form_nanbyo-006-2403>）だけを置けます（<{name}> があります）。"),
            );
            self.skip = 1;
            return Ok(());
        };
        let Some((def, schema)) = self.lookup(id) else {
            self.file_finding(
                "xml_unknown_form",
                pos,
                name,
                name,
                format!("様式ID「{id}」はありません。`nsdb forms` で様式IDを確認してください。"),
            );
            self.skip = 1;
            return Ok(());
        };
        self.forms += 1;
        if self.forms > self.opts.max_forms {
            return Err(fatal(
                FatalKind::Refused,
                "xml_too_many_forms",
                pos,
                format!(
                    "1つのファイルの様式が多すぎます（上限 {} 件）。ファイルを分けてください。",
                    self.opts.max_forms
                ),
            ));
        }
        let seq = schema.content.clone();
        self.form = Some(FormState {
            def,
            index: self.forms,
            pos,
            kind: None,
            institution_code: None,
            local_ref: None,
            // A typical form: about 60 values, 2 KiB of text.
            data: Vec::with_capacity(64),
            xml: Vec::new(),
            truncated: false,
            flagged: HashSet::new(),
            positions: vec![None; schema.ord_count],
            schema: schema.clone(),
            rows: HashMap::new(),
            group: None,
            frames: {
                let mut frames = std::mem::take(&mut self.spare_frames);
                frames.push(Frame {
                    seq: schema.root.clone(),
                    idx: 0,
                    pos,
                    kind: FrameKind::Seq {
                        seq,
                        at: 0,
                        count: 0,
                        text_reported: false,
                    },
                });
                frames
            },
            text: Vec::with_capacity(2048),
            leaf_start: 0,
        });
        self.check_attributes(foreign, pos, name, "様式");
        Ok(())
    }

    /// Item key and label of a particle inside the current frame stack.
    fn key_of(&self, p: &Particle) -> (String, String, Option<usize>) {
        let f = self.form.as_ref().expect("in a form");
        match p.role {
            Role::Field => {
                let g = f.group.clone().unwrap_or_default();
                let row = f.rows.get(&g).map(|r| r.len());
                let glabel = f.def.item(&g).map(|i| i.label.clone()).unwrap_or_default();
                (
                    format!("{g}.{}", p.name),
                    format!("{glabel}・{}", p.label),
                    row,
                )
            }
            Role::Row => {
                let g = f.group.clone().unwrap_or_default();
                (g, p.label.clone(), None)
            }
            _ => (p.name.clone(), p.label.clone(), None),
        }
    }

    fn missing(&mut self, p: &Particle, pos: Pos, parent: &str) {
        let (item, label, row) = self.key_of(p);
        let what = if p.role == Role::Row {
            format!("<{parent}> には <row> が1行以上必要です。記載しない場合は <{parent}> ごと省略してください。")
        } else {
            format!(
                "必須の要素 <{}>（{}）が <{parent}> にありません。",
                p.name, p.label
            )
        };
        self.xml_finding("xml_missing", pos, &item, &label, row, what);
    }

    /// Closes the sequence up to (not including) particle `to`, reporting required ones skipped.
    fn seq_skip_to(
        &mut self,
        seq: &Arc<Seq>,
        at: usize,
        count: u32,
        to: usize,
        pos: Pos,
        parent: &str,
    ) {
        for i in at..to {
            let p = &seq.particles[i];
            let have = if i == at { count } else { 0 };
            if have < p.min {
                self.missing(p, pos, parent);
            }
        }
    }

    fn form_child(
        &mut self,
        foreign: &[String],
        local: &[u8],
        in_ns: Option<bool>,
        pos: Pos,
    ) -> Result<(), FatalError> {
        let form = self.form.as_mut().expect("in a form");
        let top = form.frames.last_mut().expect("form frame");
        let pseq = top.seq.clone();
        let pp = &pseq.particles[top.idx];
        let parent: &str = &pp.name;
        let parent_label: &str = &pp.label;
        let (seq, at, count) = match &mut top.kind {
            FrameKind::Leaf { child_reported } => {
                let name = String::from_utf8_lossy(local);
                let first = !*child_reported;
                *child_reported = true;
                let (item, row) = if pp.role == Role::Field {
                    let g = form.group.clone().unwrap_or_default();
                    (format!("{g}.{parent}"), form.rows.get(&g).map(|r| r.len()))
                } else {
                    (parent.to_string(), None)
                };
                if first {
                    self.xml_finding(
                        "xml_child",
                        pos,
                        &item,
                        parent_label,
                        row,
                        format!("<{parent}> は値を書く要素です。中に要素 <{name}> は置けません。"),
                    );
                }
                self.skip = 1;
                return Ok(());
            }
            FrameKind::Seq { seq, at, count, .. } => (seq.clone(), *at, *count),
        };
        if in_ns != Some(true) {
            let name = &*String::from_utf8_lossy(local);
            self.xml_finding(
                "xml_namespace",
                pos,
                name,
                name,
                None,
                format!("要素 <{name}> が名前空間 {NAMESPACE} にありません（既定の名前空間 xmlns=\"{NAMESPACE}\" を <{ROOT}> に宣言してください）。"),
            );
            self.skip = 1;
            return Ok(());
        }
        let Some(j) = seq.position_from(local, at) else {
            let name = &*String::from_utf8_lossy(local);
            let hint = {
                let f = self.form.as_ref().expect("form");
                match f.def.item_index.get(name) {
                    Some((s, _)) => format!("<{name}> は <{}> の中に記載します。", f.def.sections[*s].id),
                    None if f.def.sections.iter().any(|s| s.id == name) => {
                        format!("<{name}> は様式要素の直下に記載します。")
                    }
                    None => format!("この様式（{}）に <{name}> という項目はありません。項目IDを確認してください。", f.def.id),
                }
            };
            self.xml_finding(
                "xml_unknown_element",
                pos,
                name,
                name,
                None,
                format!("<{parent}> の中に <{name}> は置けません。{hint}"),
            );
            self.skip = 1;
            return Ok(());
        };
        let p = &seq.particles[j];
        let name = &p.name;
        let accept = if j == at && count > 0 {
            if count < p.max {
                self.set_seq(at, count + 1);
                true
            } else {
                let (item, label, row) = self.key_of(p);
                let msg = if p.role == Role::Row {
                    format!("<{parent}> の行（<row>）は{}行までです。", p.max)
                } else if p.max == 1 {
                    format!("<{name}> は1回だけ記載できます（繰り返されています）。")
                } else {
                    format!("<{name}> は{}回までです。", p.max)
                };
                self.xml_finding("xml_too_many", pos, &item, &label, row, msg);
                false
            }
        } else if j >= at {
            self.seq_skip_to(&seq, at, count, j, pos, parent);
            self.set_seq(j, 1);
            true
        } else {
            let (item, label, row) = self.key_of(p);
            let after = &seq.particles[at].name;
            self.xml_finding(
                "xml_order",
                pos,
                &item,
                &label,
                row,
                format!("<{name}> の位置が違います。<{after}> より前に記載してください（要素の順序はXSDのとおりです）。"),
            );
            false
        };
        self.check_attributes(foreign, pos, &p.name, &p.label);
        if !accept {
            self.skip = 1;
            return Ok(());
        }
        let form = self.form.as_mut().expect("form");
        match p.role {
            Role::Section => {
                if let Some(slot @ None) = form.positions.get_mut(p.ord) {
                    *slot = Some(pos);
                }
            }
            Role::Group => {
                if let Some(slot @ None) = form.positions.get_mut(p.ord) {
                    *slot = Some(pos);
                }
                form.group = Some(p.name.clone());
                form.data.push(DataOp::Group {
                    seq: seq.id,
                    idx: j,
                });
                form.rows.insert(p.name.clone(), Vec::new());
            }
            Role::Row => {
                form.data.push(DataOp::Row);
                let g = form.group.clone().unwrap_or_default();
                form.rows.entry(g).or_default().push(RowPos {
                    pos,
                    fields: HashMap::new(),
                });
            }
            Role::Field => {
                let g = form.group.clone().unwrap_or_default();
                if let Some(r) = form.rows.get_mut(&g).and_then(|r| r.last_mut()) {
                    r.fields.entry(p.name.clone()).or_insert(pos);
                }
            }
            _ => {
                if let Some(slot @ None) = form.positions.get_mut(p.ord) {
                    *slot = Some(pos);
                }
            }
        }
        let kind = match &p.content {
            Content::Seq(s) => FrameKind::Seq {
                seq: s.clone(),
                at: 0,
                count: 0,
                text_reported: false,
            },
            Content::Value(_) => {
                form.leaf_start = form.text.len();
                FrameKind::Leaf {
                    child_reported: false,
                }
            }
        };
        form.frames.push(Frame {
            seq: seq.clone(),
            idx: j,
            pos,
            kind,
        });
        Ok(())
    }

    /// `<name>text</name>` where it is simply the next value of the open
    /// sequence (the usual case): recorded at once, with no frame. False,
    /// changing nothing, in every other case (then the element is read as
    /// start tag, text and end tag, which report what is wrong).
    fn leaf(
        &mut self,
        local: &[u8],
        in_ns: Option<bool>,
        text: &[u8],
        special: bool,
        pos: Pos,
    ) -> bool {
        let max_token = self.opts.max_token_bytes;
        if self.skip > 0 || in_ns != Some(true) || self.depth >= self.opts.max_depth {
            return false;
        }
        let Some(form) = self.form.as_mut() else {
            return false;
        };
        let Some(Frame {
            kind: FrameKind::Seq { seq, at, count, .. },
            ..
        }) = form.frames.last_mut()
        else {
            return false;
        };
        let Some(j) = seq.position_from(local, *at) else {
            return false;
        };
        let p = &seq.particles[j];
        let in_turn = if j == *at {
            *count == 0 || *count < p.max
        } else {
            // Skipping only optional particles (or ones already there).
            j > *at && (*at..j).all(|i| seq.particles[i].min <= if i == *at { *count } else { 0 })
        };
        if !in_turn
            || !matches!(p.content, Content::Value(_))
            || !matches!(p.role, Role::Item | Role::Field)
            || text.len() > max_token
        {
            return false;
        }
        *count = if j == *at { *count + 1 } else { 1 };
        *at = j;
        let seq = seq.id;
        if p.role == Role::Field {
            let g = form.group.as_deref().unwrap_or_default();
            if let Some(r) = form.rows.get_mut(g).and_then(|r| r.last_mut()) {
                r.fields.entry(p.name.clone()).or_insert(pos);
            }
        } else if let Some(slot @ None) = form.positions.get_mut(p.ord) {
            *slot = Some(pos);
        }
        let start = form.text.len();
        if special {
            push_normalized(&mut form.text, text);
        } else {
            form.text.extend_from_slice(text);
        }
        form.data.push(DataOp::Value {
            seq,
            idx: j,
            text: start..form.text.len(),
            pos,
            findings_before: form.xml.len(),
        });
        true
    }

    fn set_seq(&mut self, new_at: usize, new_count: u32) {
        let form = self.form.as_mut().expect("form");
        if let Some(Frame {
            kind: FrameKind::Seq { at, count, .. },
            ..
        }) = form.frames.last_mut()
        {
            *at = new_at;
            *count = new_count;
        }
    }

    fn text(&mut self, s: &str, pos: Pos) -> Result<(), FatalError> {
        if self.skip > 0 {
            return Ok(());
        }
        // Only text outside values needs it (not a value's own text).
        let blank = || s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        match self.phase {
            Phase::Prolog | Phase::Epilog => {
                if !blank() {
                    return Err(fatal(
                        FatalKind::NotWellFormed,
                        "xml_malformed",
                        pos,
                        "XMLではありません（ルート要素の外に文字があります）。".into(),
                    ));
                }
            }
            Phase::Root => {
                let Some(form) = self.form.as_mut() else {
                    if !blank() {
                        self.file_finding(
                            "xml_text",
                            pos,
                            ROOT,
                            "ルート要素",
                            format!("<{ROOT}> の直下に文字は書けません。"),
                        );
                    }
                    return Ok(());
                };
                let max = self.opts.max_token_bytes;
                let top = form.frames.last_mut().expect("frame");
                match &mut top.kind {
                    FrameKind::Leaf { .. } => {
                        push_normalized(&mut form.text, s.as_bytes());
                        if form.text.len() - form.leaf_start > max {
                            let name = &top.p().name;
                            return Err(fatal(
                                FatalKind::Refused,
                                "xml_too_large",
                                top.pos,
                                format!("<{name}> の値が大きすぎます（上限 {max} バイト）。"),
                            ));
                        }
                    }
                    FrameKind::Seq { text_reported, .. } => {
                        if !*text_reported && !blank() {
                            *text_reported = true;
                            let pseq = top.seq.clone();
                            let p = &pseq.particles[top.idx];
                            let (item, row) = match p.role {
                                Role::Row => {
                                    let g = form.group.clone().unwrap_or_default();
                                    let row = form.rows.get(&g).map(|r| r.len());
                                    (g, row)
                                }
                                _ => (p.name.clone(), None),
                            };
                            let name = &p.name;
                            self.xml_finding(
                                "xml_text",
                                pos,
                                &item,
                                &p.label,
                                row,
                                format!("<{name}> の直下に文字は書けません（値は各項目の要素に記載します）。"),
                            );
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// An end tag; `pos` gives its position (only computed when a finding needs it).
    fn end(&mut self, pos: &mut dyn FnMut() -> Pos) -> Result<(), FatalError> {
        self.depth = self.depth.saturating_sub(1);
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        let Some(form) = self.form.as_mut() else {
            // The root closes.
            if self.root_children == 0 {
                let pos = pos();
                self.file_finding(
                    "xml_missing",
                    pos,
                    ROOT,
                    "ルート要素",
                    format!("<{ROOT}> に様式がありません。"),
                );
            }
            self.phase = Phase::Epilog;
            return Ok(());
        };
        let frame = form.frames.pop().expect("frame");
        let fp = frame.p();
        match &frame.kind {
            FrameKind::Seq { seq, at, count, .. } => {
                let n = seq.particles.len();
                if (*at..n).any(|i| seq.particles[i].min > if i == *at { *count } else { 0 }) {
                    self.seq_skip_to(seq, *at, *count, n, pos(), &fp.name);
                }
                let form = self.form.as_mut().expect("form");
                if fp.role == Role::Group {
                    form.group = None;
                    form.data.push(DataOp::GroupEnd);
                }
                if form.frames.is_empty() {
                    let mut done = self.form.take().expect("form");
                    // The (empty) frame stack stays with the reader for the next
                    // form: not allocated here and freed on another thread.
                    self.spare_frames = std::mem::take(&mut done.frames);
                    if self.opts.defer_checks {
                        self.out
                            .push_back(Entry::Pending(Box::new(PendingForm(done))));
                    } else {
                        let report = finish(done, &self.opts);
                        self.out.push_back(Entry::Form(Box::new(report)));
                    }
                }
            }
            FrameKind::Leaf { .. } => {
                let p = fp;
                if !matches!(
                    p.role,
                    Role::ApplicationKind | Role::InstitutionCode | Role::LocalRef
                ) {
                    // Checked by `finish`, on the checks' thread.
                    let op = DataOp::Value {
                        seq: frame.seq.id,
                        idx: frame.idx,
                        text: form.leaf_start..form.text.len(),
                        pos: frame.pos,
                        findings_before: form.xml.len(),
                    };
                    form.data.push(op);
                    return Ok(());
                }
                let Content::Value(vt) = &p.content else {
                    return Ok(());
                };
                let raw = utf8(&form.text[form.leaf_start..]);
                let (value, checked) = match vt.check(raw) {
                    Ok(v) => (v, Ok(())),
                    Err(e) => (collapse(raw), Err(e)),
                };
                form.text.truncate(form.leaf_start);
                if let Err(ve) = checked {
                    let msg = format!("<{}>（{}）: {}", p.name, p.label, ve.message);
                    self.xml_finding(ve.code, frame.pos, &p.name, &p.label, None, msg);
                }
                let form = self.form.as_mut().expect("form");
                match p.role {
                    Role::ApplicationKind => {
                        form.kind = ApplicationKind::parse(&value)
                            .filter(|k| form.def.application_kinds.contains(k));
                    }
                    Role::InstitutionCode => form.institution_code = Some((value, frame.pos)),
                    _ => form.local_ref = Some(value),
                }
            }
        }
        Ok(())
    }
}

fn insert_value(
    map: &mut std::collections::BTreeMap<String, Answer>,
    name: &str,
    value: String,
    multiple: bool,
) {
    if multiple {
        match map
            .entry(name.to_string())
            .or_insert_with(|| Answer::Codes(Vec::new()))
        {
            Answer::Codes(v) => v.push(value),
            other => *other = Answer::Codes(vec![value]),
        }
    } else {
        map.insert(name.to_string(), Answer::Text(value));
    }
}

fn finish(f: FormState, opts: &Options) -> FormReport {
    let FormState {
        def,
        index,
        pos,
        kind,
        institution_code,
        local_ref,
        data,
        xml,
        mut flagged,
        positions,
        rows,
        schema,
        text,
        ..
    } = f;
    let (answers, mut xml) = replay(
        &schema,
        data,
        &text,
        def.slot_count,
        xml,
        &mut flagged,
        opts.max_findings,
    );
    let schema_valid = xml.is_empty();
    let mut checks: Vec<XmlFinding> = Vec::new();
    let position_of = |name: &str| -> Option<Pos> {
        let o = *schema.ords.get(name)?;
        positions.get(o).copied().flatten()
    };
    let at = |item: &str, row: Option<usize>| -> Pos {
        if let Some((g, field)) = item.split_once('.') {
            if let Some(r) = row.and_then(|r| rows.get(g).and_then(|v| v.get(r.wrapping_sub(1)))) {
                return r.fields.get(field).copied().unwrap_or(r.pos);
            }
            return position_of(g).unwrap_or(pos);
        }
        if let Some(p) = position_of(item) {
            return p;
        }
        if let Some((s, _)) = def.item_index.get(item) {
            if let Some(p) = position_of(&def.sections[*s].id) {
                return p;
            }
        }
        pos
    };
    let located = |f: Finding, code: String, stage: Stage| -> XmlFinding {
        let p = at(&f.item, f.row);
        XmlFinding {
            code,
            severity: f.severity,
            stage,
            line: p.line,
            column: p.column,
            item: f.item,
            item_label: f.item_label,
            row: f.row,
            message: f.message,
        }
    };
    if let Err(e) = crate::check_registrable(&def, opts.today) {
        checks.push(XmlFinding {
            code: "version_not_in_force".into(),
            severity: FindingSeverity::Error,
            stage: Stage::Check,
            line: pos.line,
            column: pos.column,
            item: String::new(),
            item_label: "様式".into(),
            row: None,
            message: e.message,
        });
    }
    if let Some((code, p)) = &institution_code {
        let b = code.as_bytes();
        if b.len() == 10 && b.iter().all(u8::is_ascii_digit) {
            let d: Vec<u8> = b.iter().map(|c| c - b'0').collect();
            let expected = institution_check_digit(&d[..9]);
            if d[9] != expected {
                checks.push(XmlFinding {
                    code: "institution_code_check_digit".into(),
                    severity: FindingSeverity::Error,
                    stage: Stage::Check,
                    line: p.line,
                    column: p.column,
                    item: "institution_code".into(),
                    item_label: "医療機関コード".into(),
                    row: None,
                    message: format!("「医療機関コード」{code} の検査数字が一致しません（重み2,1・モジュラス10。末尾は{expected}になるはずです）。番号を確認してください。"),
                });
            }
        }
    }
    let (calculations, determination) = match kind {
        Some(kind) => {
            let refs: Vec<&Answer> = answers.iter().collect();
            let e = evaluate_answers(&def, &refs, kind, opts.today, opts.criteria);
            for f in e.findings {
                let dup = SUPPRESSED.contains(&f.code.as_str())
                    && (flagged.contains(&(f.item.clone(), f.row))
                        || flagged.contains(&(f.item.clone(), None)));
                if dup {
                    continue;
                }
                let code = f.code.clone();
                checks.push(located(f, code, Stage::Check));
            }
            (e.calculations, Some(e.determination))
        }
        None => {
            checks.push(XmlFinding {
                code: "application_kind".into(),
                severity: FindingSeverity::Error,
                stage: Stage::Check,
                line: pos.line,
                column: pos.column,
                item: "application_kind".into(),
                item_label: "申請区分".into(),
                row: None,
                message: format!(
                    "申請区分（<application_kind>: {}）が正しくないため、項目のチェックと機械判定を行えません。",
                    def.application_kinds
                        .iter()
                        .map(|k| format!("{}={}", kind_code(*k), k.label()))
                        .collect::<Vec<_>>()
                        .join(" / ")
                ),
            });
            (Default::default(), None)
        }
    };
    checks.sort_by_key(|f| f.severity);
    xml.extend(checks);
    let doctor = match def
        .item("designated_doctor_number")
        .and_then(|i| answers.get(i.slot))
    {
        Some(Answer::Text(s)) => Some(s.clone()),
        _ => None,
    };
    FormReport {
        index,
        line: pos.line,
        column: pos.column,
        definition_id: def.id.clone(),
        title: def.title.clone(),
        application_kind: kind,
        institution_code: institution_code.map(|(c, _)| c),
        designated_doctor_number: doctor,
        local_ref,
        schema_valid,
        findings: xml,
        answers,
        calculations,
        determination,
        def,
    }
}

/// The XML code of an application kind.
pub fn kind_code(k: ApplicationKind) -> &'static str {
    match k {
        ApplicationKind::New => "new",
        ApplicationKind::Renewal => "renewal",
        ApplicationKind::Continuation => "continuation",
        ApplicationKind::TransferIn => "transfer_in",
    }
}

impl<R: BufRead> Iterator for Validator<R> {
    type Item = Result<Entry, FatalError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.core.out.pop_front() {
                return Some(Ok(e));
            }
            if self.core.done {
                return self.core.fatal.take().map(Err);
            }
            if let Err(e) = self.step() {
                self.core.done = true;
                self.core.fatal = Some(e);
            }
        }
    }
}
