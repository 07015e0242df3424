//! The tokenizer of bulk-registration files: XML 1.0 with namespaces, read in
//! large blocks, checked once per block (UTF-8, characters XML may hold),
//! with line:column positions kept as it goes.
//!
//! Written for this format rather than taken from a general XML crate because
//! `nsdb check` must be several times faster than `xmllint --schema` on large
//! files: a general pull parser copied every event, resolved namespaces
//! through a generic table and could not share the bytes it had already
//! scanned with the position tracking, which together cost four times the
//! whole budget (see benches/README.md).
//!
//! It refuses what XML 1.0 calls fatal errors that can occur in these files
//! (mismatched or stray end tags, bad names, unknown entities, `--` in a
//! comment, `]]>` in text, duplicate attributes, a malformed XML
//! declaration, bytes that are not UTF-8 or not XML characters) and leaves
//! DOCTYPE, which version and encoding the declaration may name, and
//! everything about the content model to the validator.
//!
//! Memory is bounded: one block plus the largest token allowed. So is the
//! work per byte on hostile input: a token is at most `max_token` bytes,
//! an element has at most [`MAX_ATTRIBUTES`] attributes and at most
//! [`MAX_NAMESPACES_IN_SCOPE`] namespace declarations are in scope (the
//! validator caps the nesting, the findings and the forms).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::BufRead;

use super::validate::{fatal, FatalError, FatalKind};
use super::{same_name, NAMESPACE};

/// A line:column in the file (both 1-based; column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
const BLOCK: usize = 256 * 1024;

/// Most attributes on one element, namespace declarations included. A bulk
/// file has at most two or three (on `<bulk>`); the cap keeps the work on a
/// hostile tag (each attribute checked, looked up and reported) small.
const MAX_ATTRIBUTES: usize = 256;
/// Most namespace declarations in scope at once (on an element and the
/// elements around it). Every prefix is looked up among them, element by
/// element: without a cap, 16 nested elements of 256 declarations each made
/// each lookup thousands of comparisons.
const MAX_NAMESPACES_IN_SCOPE: usize = 64;
/// Up to this many attributes, a new one is compared with each earlier one
/// (no allocation: the usual tags have none to three); beyond, a hash set of
/// the names keeps the duplicate check linear.
const FEW_ATTRIBUTES: usize = 8;

/// One token of the file.
#[derive(Debug)]
pub enum Event<'a> {
    /// `<?xml …?>` (only recognised as the first token), well-formed
    /// (XML 1.0 production [23]): its version (`1.` and digits) and encoding.
    Decl {
        version: String,
        encoding: Option<String>,
    },
    DocType,
    Start {
        /// Local name (the part after any prefix; UTF-8, checked when read).
        local: &'a [u8],
        /// In the bulk namespace (`Some(true)`), in none or another (`Some(false)`),
        /// or with an undeclared prefix (`None`).
        in_ns: Option<bool>,
        empty: bool,
        /// Names of attributes other than namespace declarations and
        /// `xsi:schemaLocation` / `xsi:noNamespaceSchemaLocation`.
        foreign_attributes: &'a [String],
    },
    End,
    /// `<name>text</name>` in one token (the usual value element): a start
    /// tag without attributes, its text (references replaced; maybe empty)
    /// and its end tag. The position is the start tag's; [`Lexer::text_pos`]
    /// and [`Lexer::token_pos`] give the text's and the end tag's.
    Leaf {
        local: &'a [u8],
        in_ns: Option<bool>,
        /// The text may hold a carriage return (else it is stored as is).
        special: bool,
        /// UTF-8 (checked when read).
        text: Cow<'a, [u8]>,
    },
    /// Character data with references replaced (line ends as in the file).
    Text(Cow<'a, str>),
    CData(&'a str),
    /// A comment or processing instruction (ignored by the validator).
    Other,
    Eof,
}

/// Why a token could not be read yet.
enum Need {
    /// More bytes are needed (the token runs past what has been read).
    More,
    /// The token is not well-formed: offset of the problem and the message.
    Bad(usize, String),
}

type Scan<T> = Result<T, Need>;

pub struct Lexer<R> {
    input: R,
    buf: Vec<u8>,
    /// Next unread byte.
    start: usize,
    /// Bytes of `buf` read from the input.
    end: usize,
    /// Bytes of `buf` known to be UTF-8 and XML characters.
    checked: usize,
    /// File offset of `buf[0]`.
    base: u64,
    eof: bool,
    /// The first byte that is not UTF-8 or not an XML character (offset in `buf`),
    /// once found: reading stops there.
    bad: Option<(usize, BadByte)>,
    /// Line of `buf[lines_at]`: line feeds before `lines_at` are counted.
    line: u64,
    lines_at: usize,
    /// A byte on that line (at or before `lines_at`) and its column.
    anchor: usize,
    anchor_col: u64,
    /// Line feeds of the last token returned (start, end, count, offset of the
    /// last), counted while it was scanned and applied before the next one.
    pending: Option<(usize, usize, u64, usize)>,
    /// Start of the last token returned (for a leaf, of its end tag).
    token_start: usize,
    /// Start of the text of the last leaf.
    text_start: usize,
    max_token: usize,
    max_file: u64,
    first: bool,
    /// Open element names (qualified), concatenated, with their ends.
    open: Vec<u8>,
    open_ends: Vec<usize>,
    /// Namespace bindings in scope (prefix, URI) and how many each open element added.
    bindings: Vec<(Vec<u8>, Vec<u8>)>,
    binding_counts: Vec<usize>,
    /// Bindings of the last empty element, removed before the next token.
    pop_empty: Option<usize>,
    /// Whether the default namespace in scope is the bulk namespace.
    default_in_ns: bool,
    foreign: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
enum BadByte {
    NotUtf8,
    Control(u32),
}

fn malformed(pos: Pos, what: impl std::fmt::Display) -> FatalError {
    fatal(
        FatalKind::NotWellFormed,
        "xml_malformed",
        pos,
        format!("XMLの形式が正しくありません: {what}"),
    )
}

impl<R: BufRead> Lexer<R> {
    pub fn new(input: R, max_token: usize, max_file: u64) -> Lexer<R> {
        Lexer {
            input,
            buf: Vec::new(),
            start: 0,
            end: 0,
            checked: 0,
            base: 0,
            eof: false,
            bad: None,
            line: 1,
            lines_at: 0,
            anchor: 0,
            anchor_col: 1,
            pending: None,
            token_start: 0,
            text_start: 0,
            max_token,
            max_file,
            first: true,
            open: Vec::new(),
            open_ends: Vec::new(),
            bindings: Vec::new(),
            binding_counts: Vec::new(),
            pop_empty: None,
            default_in_ns: false,
            foreign: Vec::new(),
        }
    }

    /// Reads the first bytes: skips a UTF-8 byte-order mark; returns the
    /// first (up to) 4 bytes for encoding sniffing.
    pub fn start(&mut self) -> std::io::Result<Vec<u8>> {
        let buf = self.input.fill_buf()?;
        let head: Vec<u8> = buf.iter().take(4).copied().collect();
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.input.consume(3);
        }
        Ok(head)
    }

    /// Position of `buf[at]` (`at` never goes backwards).
    fn pos_of(&mut self, at: usize) -> Pos {
        let at = at.min(self.checked).max(self.anchor);
        if at > self.lines_at {
            let range = &self.buf[self.lines_at..at];
            if let Some(last) = range.iter().rposition(|&c| c == b'\n') {
                let n = range[..last].iter().filter(|&&c| c == b'\n').count() as u64;
                self.line += n + 1;
                self.anchor = self.lines_at + last + 1;
                self.anchor_col = 1;
            }
            self.lines_at = at;
        }
        let s = &self.buf[self.anchor..at];
        // Characters: bytes that are not UTF-8 continuation bytes.
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.iter().filter(|&&c| (c as i8) >= -0x40).count()
        };
        self.anchor_col += chars as u64;
        self.anchor = at;
        Pos {
            line: self.line,
            column: self.anchor_col,
        }
    }

    /// Counts the line feeds of a token scanned from `lines_at`.
    fn apply_lines(&mut self, (start, end, count, last): (usize, usize, u64, usize)) {
        if start != self.lines_at {
            return;
        }
        if count > 0 {
            self.line += count;
            self.anchor = last + 1;
            self.anchor_col = 1;
        }
        self.lines_at = end;
    }

    /// Position of the next token.
    pub fn here(&mut self) -> Pos {
        self.pos_of(self.start)
    }

    /// Reads more input; false at the end of the file.
    fn fill(&mut self, token_start: usize) -> Result<bool, FatalError> {
        if self.eof {
            return Ok(false);
        }
        if self.checked - token_start > self.max_token {
            let p = self.pos_of(token_start);
            return Err(fatal(
                FatalKind::Refused,
                "xml_too_large",
                p,
                format!(
                    "1つの文字データ・タグ・コメントが大きすぎます（上限 {} バイト）。",
                    self.max_token
                ),
            ));
        }
        // Keep what the current token and the position tracking still need.
        self.pos_of(token_start);
        let keep = self
            .start
            .min(self.anchor)
            .min(token_start)
            .min(self.token_start);
        if keep > 0 {
            self.buf.copy_within(keep..self.end, 0);
            self.base += keep as u64;
            self.start -= keep;
            self.end -= keep;
            self.checked -= keep;
            self.anchor -= keep;
            self.lines_at -= keep;
            self.token_start -= keep;
            if let Some((b, _)) = &mut self.bad {
                *b -= keep;
            }
        }
        if self.buf.len() < self.end + BLOCK {
            self.buf.resize(self.end + BLOCK, 0);
        }
        let got = loop {
            // A read as large as the block goes straight into `buf` (a
            // `BufReader` passes it through once its own buffer is empty).
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let p = self.pos_of(token_start);
                    return Err(fatal(
                        FatalKind::Io,
                        "io",
                        p,
                        format!("ファイルを読めません: {e}"),
                    ));
                }
            }
        };
        if got == 0 {
            self.eof = true;
        }
        self.end += got;
        if self.base + self.end as u64 > self.max_file {
            let p = self.pos_of(token_start);
            return Err(fatal(
                FatalKind::Refused,
                "xml_too_large",
                p,
                format!(
                    "ファイルが大きすぎます（上限 {} バイト）。ファイルを分けてください。",
                    self.max_file
                ),
            ));
        }
        self.check_new_bytes();
        Ok(true)
    }

    /// Advances `checked` over the bytes read, stopping at the first byte
    /// that is not UTF-8 or not an XML character.
    fn check_new_bytes(&mut self) {
        if self.bad.is_some() {
            return;
        }
        let from = self.checked;
        let chunk = &self.buf[from..self.end];
        // simdutf8: the same answer as std's (valid_up_to, error_len), with
        // vector instructions where the CPU has them.
        let valid = match simdutf8::compat::from_utf8(chunk) {
            Ok(_) => chunk.len(),
            Err(e) => {
                if e.error_len().is_some() || self.eof {
                    self.bad = Some((from + e.valid_up_to(), BadByte::NotUtf8));
                }
                e.valid_up_to()
            }
        };
        let text = &chunk[..valid];
        // One branch-free pass per 64 bytes flags control characters and EF
        // lead bytes (U+FFFE / U+FFFF are EF BF BE / EF BF BF); only a
        // flagged block is looked at byte by byte.
        let mut at = 0;
        for block in text.chunks(64) {
            let mut suspicious = 0u8;
            for &c in block {
                let control = (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r');
                suspicious |= u8::from(control | (c == 0xEF));
            }
            if suspicious != 0 {
                for (i, &c) in block.iter().enumerate() {
                    let bad = if c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r' {
                        Some(u32::from(c))
                    } else if c == 0xEF
                        && text.get(at + i + 1) == Some(&0xBF)
                        && matches!(text.get(at + i + 2), Some(0xBE | 0xBF))
                    {
                        Some(0xFFFE + u32::from(text[at + i + 2] - 0xBE))
                    } else {
                        None
                    };
                    if let Some(c) = bad {
                        self.bad = Some((from + at + i, BadByte::Control(c)));
                        self.checked = from + at + i;
                        return;
                    }
                }
            }
            at += block.len();
        }
        // `text` is whole characters: a U+FFFE is never cut at its end.
        self.checked = from + valid;
    }

    fn bad_byte_error(&mut self) -> FatalError {
        let (at, kind) = self.bad.expect("bad byte");
        let p = self.pos_of(at);
        match kind {
            BadByte::NotUtf8 => fatal(
                FatalKind::NotWellFormed,
                "xml_encoding",
                p,
                "UTF-8として読めないバイトがあります。ファイルはUTF-8で保存してください（Shift_JIS等は使えません）。".into(),
            ),
            BadByte::Control(c) => fatal(
                FatalKind::NotWellFormed,
                "xml_malformed",
                p,
                format!("XMLで使えない文字（U+{c:04X}）があります。"),
            ),
        }
    }

    /// Skips whitespace followed by markup (the indentation between tags,
    /// which outside values means nothing), counting its line feeds; true if
    /// any was skipped. Whitespace followed by other text is left to be
    /// read as text.
    fn skip_indentation(&mut self) -> bool {
        let start = self.start;
        let b = &self.buf[start..self.checked];
        // The usual case: a line feed, up to seven spaces, a tag.
        if let (Some(b'\n'), Some(word)) = (b.first(), b.get(1..9)) {
            let other = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ SPACES;
            let i = 1 + (other.trailing_zeros() / 8) as usize;
            if other != 0 && b[i] == b'<' {
                self.apply_lines((start, start + i, 1, start));
                self.start = start + i;
                return true;
            }
        }
        let mut lines = 0;
        let mut last = 0;
        let mut i = 0;
        loop {
            // Runs of spaces (the indentation itself) eight bytes at a time:
            // the lowest byte that is not a space ends the run.
            while let Some(word) = b.get(i..i + 8) {
                let other = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ SPACES;
                if other != 0 {
                    i += (other.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            match b.get(i) {
                Some(b'\n') => {
                    lines += 1;
                    last = i;
                }
                Some(b'\t' | b'\r') => {}
                _ => break,
            }
            i += 1;
        }
        if i == 0 || b.get(i) != Some(&b'<') {
            return false;
        }
        self.apply_lines((start, start + i, lines, start + last));
        self.start = start + i;
        true
    }

    /// Position of the start of the last token returned.
    pub fn token_pos(&mut self) -> Pos {
        self.pos_of(self.token_start)
    }

    /// The next token, with the position where it starts. Inside a value
    /// (`in_value`), text comes without its position ([`Self::token_pos`]
    /// gives it); elsewhere text that is only whitespace is skipped. End
    /// tags come without their position.
    #[inline(always)]
    pub fn next(&mut self, in_value: bool) -> Result<(Pos, Event<'_>), FatalError> {
        if let Some(n) = self.pop_empty.take().filter(|&n| n > 0) {
            self.bindings.truncate(self.bindings.len() - n);
            self.bindings_changed();
        }
        if let Some(lines) = self.pending.take() {
            self.apply_lines(lines);
        }
        // Indentation already skipped (by the short path) this call.
        let mut skipped = false;
        if !in_value && !self.first {
            self.skip_indentation();
            if let Some(token) = self.simple_token() {
                return Ok(self.take_simple(token));
            }
            skipped = true;
        }
        let mut first = std::mem::replace(&mut self.first, false);
        loop {
            if !in_value && !std::mem::take(&mut skipped) && self.skip_indentation() {
                first = false;
            }
            let at = self.start;
            let Token {
                len,
                kind,
                lines,
                last_line,
                blank,
                special,
                name_len,
                end_tag,
                qualified,
            } = match self.scan(at, first, in_value) {
                Ok(t) => t,
                Err(Need::More) => {
                    // The token runs past the checked bytes: into a bad byte, or
                    // past what has been read.
                    if self.bad.is_some() {
                        return Err(self.bad_byte_error());
                    }
                    if self.fill(at)? {
                        continue;
                    }
                    if at == self.checked {
                        let p = self.here();
                        return Ok((p, Event::Eof));
                    }
                    let p = self.pos_of(at);
                    return Err(malformed(p, self.unfinished(at)));
                }
                Err(Need::Bad(off, msg)) => {
                    let p = self.pos_of(off);
                    return Err(malformed(p, msg));
                }
            };
            self.start = at + len;
            let lines = (at, at + len, lines, at + last_line);
            if kind == Kind::Text && blank {
                self.apply_lines(lines);
                first = false;
                continue;
            }
            self.pending = Some(lines);
            // For a leaf, token_pos gives its end tag's position.
            self.token_start = at + end_tag;
            let p = match kind {
                Kind::End => Pos::default(),
                Kind::Text if in_value => Pos::default(),
                _ => self.pos_of(at),
            };
            return self.finish(at, len, kind, p, (special, name_len, end_tag, qualified));
        }
    }

    /// The usual tokens at the next byte, recognised without the general
    /// scanner: a start tag `<name>` and a value element `<name>text</name>`
    /// (ASCII name without prefix; a value's text without line ends or
    /// markup characters), and the end tag of the open element. Anything
    /// else (or a token not all read yet) is left to [`Self::scan`].
    fn simple_token(&self) -> Option<Simple> {
        let b = &self.buf[self.start..self.checked];
        if b.first() != Some(&b'<') {
            return None;
        }
        if b.get(1) == Some(&b'/') {
            let open = self.open_name();
            let n = open.len();
            let closed =
                n > 0 && b.len() > n + 2 && b[n + 2] == b'>' && same_name(&b[2..n + 2], open);
            return closed.then_some(Simple::End(n));
        }
        let (n, qualified) = name_scan(&b[1..]);
        if n == 0 || qualified || b.get(n + 1) != Some(&b'>') {
            return None;
        }
        let text = n + 2;
        let mut seen = 0;
        let len = b[text..].iter().position(|&c| {
            let class = TEXT_CLASS[c as usize];
            seen |= class;
            class & LT != 0
        })?;
        let end_tag = text + len;
        match b.get(end_tag + 1) {
            None => return None,
            // Markup follows the text: the start tag of an element with children.
            Some(&c) if c != b'/' => return Some(Simple::Start(n)),
            _ => {}
        }
        if seen & (SPECIAL | LINE_FEED) != 0 {
            return None;
        }
        let close = end_tag + 2 + n;
        let closed =
            b.len() > close && b[close] == b'>' && same_name(&b[end_tag + 2..close], &b[1..n + 1]);
        closed.then_some(Simple::Leaf(n, end_tag))
    }

    /// The qualified name of the innermost open element (empty at the top).
    fn open_name(&self) -> &[u8] {
        let end = self.open_ends.last().copied().unwrap_or(0);
        let start = self
            .open_ends
            .len()
            .checked_sub(2)
            .map_or(0, |i| self.open_ends[i]);
        &self.open[start..end]
    }

    /// Returns the token [`Self::simple_token`] found (it holds no line feed).
    fn take_simple(&mut self, token: Simple) -> (Pos, Event<'_>) {
        let at = self.start;
        self.token_start = at;
        match token {
            Simple::Leaf(n, end_tag) => {
                let p = self.pos_of(at);
                self.start = at + end_tag + 3 + n;
                self.lines_at = self.start;
                self.token_start = at + end_tag;
                self.text_start = at + n + 2;
                let event = Event::Leaf {
                    local: &self.buf[at + 1..at + 1 + n],
                    in_ns: Some(self.default_in_ns),
                    special: false,
                    text: Cow::Borrowed(&self.buf[at + n + 2..at + end_tag]),
                };
                (p, event)
            }
            Simple::Start(n) => {
                let p = self.pos_of(at);
                self.start = at + n + 2;
                self.lines_at = self.start;
                self.foreign.clear();
                self.open.extend_from_slice(&self.buf[at + 1..at + 1 + n]);
                self.open_ends.push(self.open.len());
                self.binding_counts.push(0);
                let event = Event::Start {
                    local: &self.buf[at + 1..at + 1 + n],
                    in_ns: Some(self.default_in_ns),
                    empty: false,
                    foreign_attributes: &self.foreign,
                };
                (p, event)
            }
            Simple::End(n) => {
                self.start = at + n + 3;
                self.apply_lines((at, self.start, 0, 0));
                self.open.truncate(self.open.len() - n);
                self.open_ends.pop();
                let added = self.binding_counts.pop().unwrap_or(0);
                if added > 0 {
                    self.bindings.truncate(self.bindings.len() - added);
                    self.bindings_changed();
                }
                (Pos::default(), Event::End)
            }
        }
    }

    fn unfinished(&self, at: usize) -> &'static str {
        let rest = &self.buf[at..self.checked];
        if rest.starts_with(b"<!--") {
            "コメントが閉じていません（--> がありません）"
        } else if rest.starts_with(b"<![CDATA[") {
            "CDATAセクションが閉じていません（]]> がありません）"
        } else if rest.starts_with(b"<") {
            "タグが閉じていません"
        } else {
            "ファイルが途中で終わっています"
        }
    }

    /// Finds the extent of the token at `at` (within the checked bytes),
    /// counting its line feeds on the way.
    fn scan(&self, at: usize, first: bool, in_value: bool) -> Scan<Token> {
        let b = &self.buf[at..self.checked];
        if b.is_empty() {
            return Err(Need::More);
        }
        let mut lines = 0u64;
        let mut last_line = 0;
        let token = |len: usize, kind: Kind, lines: u64, last_line: usize| Token {
            len,
            kind,
            lines,
            last_line,
            blank: false,
            special: false,
            name_len: 0,
            end_tag: 0,
            qualified: true,
        };
        if b[0] != b'<' {
            // Text up to the next markup, or to the end of the file.
            let (len, seen) = text_extent(b, &mut lines, &mut last_line);
            if len == b.len() && !(self.eof && self.checked == self.end) {
                return Err(Need::More);
            }
            let special = seen & SPECIAL != 0;
            // Outside values, whitespace-only text is skipped.
            let blank = !in_value && seen & NOT_SPACE == 0;
            return Ok(Token {
                blank,
                special,
                ..token(len, Kind::Text, lines, last_line)
            });
        }
        let Some(&c1) = b.get(1) else {
            return Err(Need::More);
        };
        // Comments, CDATA and processing instructions: line feeds counted apart.
        let counted = |len: usize, kind: Kind| {
            let t = &b[..len];
            let lines = t.iter().filter(|&&c| c == b'\n').count() as u64;
            let last = t.iter().rposition(|&c| c == b'\n').unwrap_or(0);
            Ok(token(len, kind, lines, last))
        };
        match c1 {
            b'?' => {
                let n = find(b, 2, b"?>")?;
                let decl = first && b.len() > 6 && &b[2..5] == b"xml" && is_space(b[5]);
                counted(n + 2, if decl { Kind::Decl } else { Kind::Pi })
            }
            b'!' => {
                if b.len() < 9 && !(self.eof && self.checked == self.end) {
                    return Err(Need::More);
                }
                if b.starts_with(b"<!--") {
                    let n = find(b, 4, b"-->")?;
                    if let Some(d) = memchr::memmem::find(&b[4..n], b"--") {
                        return Err(Need::Bad(
                            at + 4 + d,
                            "コメントの中に -- は書けません".into(),
                        ));
                    }
                    if b[n - 1] == b'-' && n > 4 {
                        return Err(Need::Bad(
                            at + n - 1,
                            "コメントの中に -- は書けません".into(),
                        ));
                    }
                    counted(n + 3, Kind::Comment)
                } else if b.starts_with(b"<![CDATA[") {
                    let n = find(b, 9, b"]]>")?;
                    counted(n + 3, Kind::CData)
                } else if b.starts_with(b"<!DOCTYPE") {
                    Ok(token(0, Kind::DocType, 0, 0))
                } else {
                    Err(Need::Bad(at, "「<!」で始まる不明な記述があります".into()))
                }
            }
            b'/' => {
                // Usually the name of the open element, then `>`.
                let open = self.open_name();
                let n = open.len() + 2;
                if !open.is_empty() && b.len() > n && b[n] == b'>' && &b[2..n] == open {
                    return Ok(token(n + 1, Kind::End, 0, 0));
                }
                for (i, &c) in b.iter().enumerate().skip(2) {
                    if c == b'>' {
                        return Ok(token(i + 1, Kind::End, lines, last_line));
                    }
                    if c == b'\n' {
                        lines += 1;
                        last_line = i;
                    }
                }
                Err(Need::More)
            }
            _ => {
                // A start tag: usually a name then `>` or `/>`.
                let (n, qualified) = name_scan(&b[1..]);
                if n + 1 == b.len() {
                    return Err(Need::More);
                }
                match b.get(n + 1..n + 3) {
                    Some([b'>', ..]) if n > 0 => {
                        // A value element, `<name>text</name>`, in one token
                        // when it is all here.
                        let t = n + 2;
                        let (len, seen) = text_extent(&b[t..], &mut lines, &mut last_line);
                        let e = t + len;
                        let close = e + 2 + n;
                        if b.len() > close
                            && b[e + 1] == b'/'
                            && b[close] == b'>'
                            && b[e + 2..close] == b[1..n + 1]
                        {
                            return Ok(Token {
                                name_len: n,
                                qualified,
                                end_tag: e,
                                special: seen & SPECIAL != 0,
                                ..token(close + 1, Kind::Leaf, lines, last_line + t)
                            });
                        }
                        return Ok(Token {
                            name_len: n,
                            qualified,
                            ..token(n + 2, Kind::Start, 0, 0)
                        });
                    }
                    Some([b'/', b'>']) if n > 0 => {
                        return Ok(Token {
                            name_len: n,
                            qualified,
                            ..token(n + 3, Kind::Start, 0, 0)
                        })
                    }
                    None if b.len() < n + 3 && b.get(n + 1) != Some(&b'>') => {
                        return Err(Need::More)
                    }
                    _ => {}
                }
                // Attributes: up to the `>` outside attribute values.
                let mut quote = 0u8;
                for (i, &c) in b.iter().enumerate().skip(1) {
                    if c == b'\n' {
                        lines += 1;
                        last_line = i;
                    } else if quote != 0 {
                        if c == quote {
                            quote = 0;
                        }
                    } else if c == b'>' {
                        return Ok(token(i + 1, Kind::Start, lines, last_line));
                    } else if c == b'"' || c == b'\'' {
                        quote = c;
                    }
                }
                Err(Need::More)
            }
        }
    }

    /// Turns a scanned token into an event, checking its inside.
    fn finish(
        &mut self,
        at: usize,
        len: usize,
        kind: Kind,
        p: Pos,
        (special, name_len, end_tag, qualified): (bool, usize, usize, bool),
    ) -> Result<(Pos, Event<'_>), FatalError> {
        let bad = |off: usize, lexer: &mut Self, msg: String| -> FatalError {
            let p = lexer.pos_of(off);
            malformed(p, msg)
        };
        match kind {
            Kind::Leaf => self.leaf(at, p, name_len, end_tag, special, qualified),
            Kind::Text => {
                let unescaped = self.check_text(at..at + len, special)?;
                Ok((p, Event::Text(self.text_of(at..at + len, unescaped))))
            }
            Kind::CData => {
                let s = std::str::from_utf8(&self.buf[at + 9..at + len - 3]).unwrap_or_default();
                Ok((p, Event::CData(s)))
            }
            Kind::Comment | Kind::Pi => {
                if kind == Kind::Pi {
                    let body = &self.buf[at + 2..at + len - 2];
                    let name_len = name_length(body);
                    if name_len == 0 {
                        return Err(bad(at + 2, self, "処理命令の名前がありません".into()));
                    }
                    if body[..name_len].eq_ignore_ascii_case(b"xml") {
                        return Err(bad(
                            at,
                            self,
                            "XML宣言はファイルの先頭にだけ書けます".into(),
                        ));
                    }
                }
                Ok((p, Event::Other))
            }
            Kind::DocType => Ok((p, Event::DocType)),
            Kind::Decl => {
                let body = at + 5..at + len - 2;
                match xml_declaration(&self.buf[body.clone()]) {
                    Ok((version, encoding)) => Ok((p, Event::Decl { version, encoding })),
                    Err((off, msg)) => Err(bad(body.start + off, self, msg)),
                }
            }
            Kind::End => {
                let inner = &self.buf[at + 2..at + len - 1];
                let open_start = self
                    .open_ends
                    .len()
                    .checked_sub(2)
                    .map_or(0, |i| self.open_ends[i]);
                let open = &self.open[open_start..self.open_ends.last().copied().unwrap_or(0)];
                // The usual case: the name of the open element (already checked), then `>`.
                let n = if !open.is_empty() && inner == open {
                    open.len()
                } else {
                    name_length(inner)
                };
                if n == 0 || !trim_start(&inner[n..]).is_empty() {
                    let tag = String::from_utf8_lossy(&self.buf[at..at + len]).into_owned();
                    return Err(bad(at, self, format!("終了タグ {tag} の書き方が正しくありません（要素名に使えない文字があります）")));
                }
                let name = &inner[..n];
                let Some(&open_end) = self.open_ends.last() else {
                    let msg = format!(
                        "対応する開始タグのない終了タグ </{}> があります",
                        String::from_utf8_lossy(name)
                    );
                    return Err(bad(at, self, msg));
                };
                if &self.open[open_start..open_end] != name {
                    let msg = format!(
                        "終了タグ </{}> が開始タグ <{}> と対応していません",
                        String::from_utf8_lossy(name),
                        String::from_utf8_lossy(&self.open[open_start..open_end])
                    );
                    return Err(bad(at, self, msg));
                }
                self.open.truncate(open_start);
                self.open_ends.pop();
                let added = self.binding_counts.pop().unwrap_or(0);
                if added > 0 {
                    self.bindings.truncate(self.bindings.len() - added);
                    self.bindings_changed();
                }
                Ok((p, Event::End))
            }
            Kind::Start if name_len > 0 => self.plain_start_tag(at, len, p, name_len, qualified),
            Kind::Start => self.start_tag(at, len, p),
        }
    }

    /// A `<name>text</name>` token.
    fn leaf(
        &mut self,
        at: usize,
        p: Pos,
        name_len: usize,
        end_tag: usize,
        special: bool,
        qualified: bool,
    ) -> Result<(Pos, Event<'_>), FatalError> {
        let text = at + name_len + 2..at + end_tag;
        self.text_start = text.start;
        let unescaped = self.check_text(text.clone(), special)?;
        let (local, in_ns) = self.namespace_of(at + 1..at + 1 + name_len, qualified);
        let text = match unescaped {
            Some(s) => Cow::Owned(s.into_bytes()),
            None => Cow::Borrowed(&self.buf[text]),
        };
        let local = &self.buf[local];
        Ok((
            p,
            Event::Leaf {
                local,
                in_ns,
                special,
                text,
            },
        ))
    }

    /// Refuses `]]>` and bad references in the text (only looked at when it
    /// holds a `>` or `&`: `special`); the text with references replaced, if any.
    fn check_text(
        &mut self,
        range: std::ops::Range<usize>,
        special: bool,
    ) -> Result<Option<String>, FatalError> {
        if !special {
            return Ok(None);
        }
        let raw = &self.buf[range.clone()];
        if let Some(n) = memchr::memmem::find(raw, b"]]>") {
            let p = self.pos_of(range.start + n);
            return Err(malformed(
                p,
                "文字データの中に ]]> は書けません（&gt; と書いてください）",
            ));
        }
        if !raw.contains(&b'&') {
            return Ok(None);
        }
        let mut out = String::with_capacity(raw.len());
        match unescape(raw, &mut out) {
            Ok(()) => Ok(Some(out)),
            Err((off, msg)) => {
                let p = self.pos_of(range.start + off);
                Err(malformed(p, msg))
            }
        }
    }

    /// The text `range` (checked as UTF-8 when read), or its unescaped form.
    fn text_of(&self, range: std::ops::Range<usize>, unescaped: Option<String>) -> Cow<'_, str> {
        match unescaped {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(std::str::from_utf8(&self.buf[range]).unwrap_or_default()),
        }
    }

    /// The local name (as a range of `buf`) and namespace of the element `name`.
    fn namespace_of(
        &self,
        name: std::ops::Range<usize>,
        qualified: bool,
    ) -> (std::ops::Range<usize>, Option<bool>) {
        let qname = &self.buf[name.clone()];
        let (prefix, local) = if qualified {
            split_qname(qname).unwrap_or((b"", qname))
        } else {
            (&b""[..], qname)
        };
        let in_ns = if prefix.is_empty() {
            Some(self.default_in_ns)
        } else {
            self.resolve(prefix).map(|u| u == NAMESPACE.as_bytes())
        };
        (name.end - local.len()..name.end, in_ns)
    }

    /// Position of the text of the last [`Event::Leaf`].
    pub fn text_pos(&mut self) -> Pos {
        self.pos_of(self.text_start)
    }

    /// A start tag without attributes (`<name>` or `<name/>`).
    fn plain_start_tag(
        &mut self,
        at: usize,
        len: usize,
        p: Pos,
        name_len: usize,
        qualified: bool,
    ) -> Result<(Pos, Event<'_>), FatalError> {
        let empty = self.buf[at + len - 2] == b'/';
        let name = at + 1..at + 1 + name_len;
        self.foreign.clear();
        self.element(name, empty, 0, p, qualified)
    }

    fn start_tag(&mut self, at: usize, len: usize, p: Pos) -> Result<(Pos, Event<'_>), FatalError> {
        let empty = self.buf[at + len - 2] == b'/';
        let inner_end = at + len - if empty { 2 } else { 1 };
        let tag = at + 1..inner_end;
        let n = name_length(&self.buf[tag.clone()]);
        if n == 0 {
            let p = self.pos_of(at);
            return Err(malformed(p, "要素名が正しくありません（「<」の後に名前が必要です。文字の < は &lt; と書きます）"));
        }
        let name = tag.start..tag.start + n;
        // Attributes: (name range, value range).
        let mut attrs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
        // Their names, once there are too many to compare each with every earlier one.
        let mut names: HashSet<&[u8]> = HashSet::new();
        // Namespace declarations in scope, counting this element's so far.
        let mut in_scope = self.bindings.len();
        let mut i = name.end;
        loop {
            let ws = self.buf[i..inner_end]
                .iter()
                .take_while(|&&c| is_space(c))
                .count();
            i += ws;
            if i == inner_end {
                break;
            }
            if ws == 0 {
                let p = self.pos_of(i);
                let msg = if i == name.end {
                    let tag = String::from_utf8_lossy(&self.buf[at..at + len]);
                    format!("要素名に使えない文字があります（{tag}）")
                } else {
                    "属性の前に空白が必要です".to_string()
                };
                return Err(malformed(p, msg));
            }
            let an = name_length(&self.buf[i..inner_end]);
            if an == 0 {
                let p = self.pos_of(i);
                return Err(malformed(p, "属性の書き方が正しくありません"));
            }
            let aname = i..i + an;
            if attrs.len() == MAX_ATTRIBUTES {
                let p = self.pos_of(i);
                let msg = format!(
                    "要素 <{}> の属性が多すぎます（上限 {MAX_ATTRIBUTES} 個）。",
                    String::from_utf8_lossy(&self.buf[name.clone()])
                );
                return Err(fatal(FatalKind::Refused, "xml_too_many_attributes", p, msg));
            }
            let raw_name = &self.buf[aname.clone()];
            if raw_name == b"xmlns" || raw_name.starts_with(b"xmlns:") {
                in_scope += 1;
                if in_scope > MAX_NAMESPACES_IN_SCOPE {
                    let p = self.pos_of(i);
                    let msg = format!(
                        "名前空間宣言が多すぎます（要素 <{}> とその親要素で上限 {MAX_NAMESPACES_IN_SCOPE} 個）。",
                        String::from_utf8_lossy(&self.buf[name.clone()])
                    );
                    return Err(fatal(FatalKind::Refused, "xml_too_many_namespaces", p, msg));
                }
            }
            i += an;
            i += self.buf[i..inner_end]
                .iter()
                .take_while(|&&c| is_space(c))
                .count();
            if self.buf.get(i) != Some(&b'=') || i >= inner_end {
                let p = self.pos_of(i);
                return Err(malformed(
                    p,
                    "属性の書き方が正しくありません（= と引用符で囲んだ値が必要です）",
                ));
            }
            i += 1;
            i += self.buf[i..inner_end]
                .iter()
                .take_while(|&&c| is_space(c))
                .count();
            let q = self.buf.get(i).copied().unwrap_or(0);
            if i >= inner_end || (q != b'"' && q != b'\'') {
                let p = self.pos_of(i);
                return Err(malformed(p, "属性の値は引用符で囲みます"));
            }
            let vstart = i + 1;
            let Some(vlen) = memchr::memchr(q, &self.buf[vstart..inner_end]) else {
                let p = self.pos_of(i);
                return Err(malformed(p, "属性の値の引用符が閉じていません"));
            };
            let value = vstart..vstart + vlen;
            if let Some(lt) = memchr::memchr(b'<', &self.buf[value.clone()]) {
                let p = self.pos_of(vstart + lt);
                return Err(malformed(p, "属性の値に < は書けません（&lt; と書きます）"));
            }
            let duplicate = if attrs.len() < FEW_ATTRIBUTES {
                attrs
                    .iter()
                    .any(|(a, _)| self.buf[a.clone()] == self.buf[aname.clone()])
            } else {
                if names.is_empty() {
                    names.extend(attrs.iter().map(|(a, _)| &self.buf[a.clone()]));
                }
                !names.insert(&self.buf[aname.clone()])
            };
            if duplicate {
                let p = self.pos_of(aname.start);
                let msg = format!(
                    "属性 {} が重複しています",
                    String::from_utf8_lossy(&self.buf[aname.clone()])
                );
                return Err(malformed(p, msg));
            }
            attrs.push((aname, value.clone()));
            i = value.end + 1;
        }
        // Namespace declarations, then the element's and attributes' namespaces.
        let mut added = 0;
        for (a, v) in &attrs {
            let a = &self.buf[a.clone()];
            let prefix: Option<&[u8]> = if a == b"xmlns" {
                Some(b"")
            } else {
                a.strip_prefix(b"xmlns:")
            };
            if let Some(prefix) = prefix {
                let mut uri = String::new();
                if let Err((off, msg)) = unescape(&self.buf[v.clone()], &mut uri) {
                    let p = self.pos_of(v.start + off);
                    return Err(malformed(p, msg));
                }
                self.bindings.push((prefix.to_vec(), uri.into_bytes()));
                added += 1;
            }
        }
        self.foreign.clear();
        for (a, v) in &attrs {
            let raw = &self.buf[a.clone()];
            if raw == b"xmlns" || raw.starts_with(b"xmlns:") {
                continue;
            }
            let mut value = String::new();
            if let Err((off, msg)) = unescape(&self.buf[v.clone()], &mut value) {
                let p = self.pos_of(v.start + off);
                return Err(malformed(p, msg));
            }
            if let Some((prefix, local)) = split_qname(raw) {
                let xsi = self.resolve(prefix) == Some(XSI);
                if xsi && (local == b"schemaLocation" || local == b"noNamespaceSchemaLocation") {
                    // A location hint; never fetched.
                    continue;
                }
            }
            self.foreign.push(String::from_utf8_lossy(raw).into_owned());
        }
        if added > 0 {
            self.bindings_changed();
        }
        self.element(name, empty, added, p, true)
    }

    /// The element of a start tag: its namespace, and the open-element stack.
    fn element(
        &mut self,
        name: std::ops::Range<usize>,
        empty: bool,
        added: usize,
        p: Pos,
        qualified: bool,
    ) -> Result<(Pos, Event<'_>), FatalError> {
        let (local_range, in_ns) = self.namespace_of(name.clone(), qualified);
        if empty {
            self.pop_empty = Some(added);
        } else {
            self.open.extend_from_slice(&self.buf[name.clone()]);
            self.open_ends.push(self.open.len());
            self.binding_counts.push(added);
        }
        let local = &self.buf[local_range];
        Ok((
            p,
            Event::Start {
                local,
                in_ns,
                empty,
                foreign_attributes: &self.foreign,
            },
        ))
    }

    fn bindings_changed(&mut self) {
        self.default_in_ns = self.resolve(b"").is_some_and(|u| u == NAMESPACE.as_bytes());
    }

    /// The URI bound to `prefix` (empty: the default namespace), if any.
    fn resolve(&self, prefix: &[u8]) -> Option<&[u8]> {
        if prefix == b"xml" {
            return Some(b"http://www.w3.org/XML/1998/namespace");
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_slice())
            .filter(|u| !(prefix.is_empty() && u.is_empty()))
    }
}

/// Eight spaces, as one little-endian word.
const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// Classes of text bytes, for [`Lexer::scan`].
/// `>`, `&` or a carriage return: the text needs a closer look (`]]>`,
/// references, line ends to normalise).
const SPECIAL: u8 = 1;
const NOT_SPACE: u8 = 2;
const LINE_FEED: u8 = 4;
const LT: u8 = 8;
const TEXT_CLASS: [u8; 256] = {
    let mut t = [NOT_SPACE; 256];
    t[b' ' as usize] = 0;
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = LINE_FEED;
    t[b'\r' as usize] = SPECIAL;
    t[b'>' as usize] = SPECIAL | NOT_SPACE;
    t[b'&' as usize] = SPECIAL | NOT_SPACE;
    t[b'<' as usize] = LT;
    t
};

/// Length of the text at the start of `b` (up to the next `<`, or all of
/// `b`) and the classes of its bytes; counts its line feeds.
fn text_extent(b: &[u8], lines: &mut u64, last_line: &mut usize) -> (usize, u8) {
    let mut seen = 0u8;
    let mut len = b.len();
    for (i, &c) in b.iter().enumerate() {
        let class = TEXT_CLASS[c as usize];
        if class & LT != 0 {
            len = i;
            break;
        }
        seen |= class;
    }
    if seen & LINE_FEED != 0 {
        let t = &b[..len];
        *lines += t.iter().filter(|&&c| c == b'\n').count() as u64;
        *last_line = t.iter().rposition(|&c| c == b'\n').unwrap_or(0);
    }
    (len, seen)
}

/// A token [`Lexer::simple_token`] recognised: name lengths, and a value
/// element's end tag offset.
enum Simple {
    Leaf(usize, usize),
    Start(usize),
    End(usize),
}

/// The extent of a token and its line feeds.
struct Token {
    len: usize,
    kind: Kind,
    lines: u64,
    /// Offset of the last line feed in the token (when `lines > 0`).
    last_line: usize,
    /// Text that is only whitespace (outside values).
    blank: bool,
    /// Text holding a `>` or a `&`.
    special: bool,
    /// A start tag without attributes: the length of its name (else 0).
    name_len: usize,
    /// A leaf: where its end tag starts (offset in the token).
    end_tag: usize,
    /// The start tag's name holds a colon (or may: non-ASCII).
    qualified: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Leaf,
    Start,
    End,
    Comment,
    CData,
    Pi,
    Decl,
    DocType,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| is_space(c)).count();
    &b[n..]
}

/// Offset of `pat` in `b` at or after `from`, or more input is needed.
fn find(b: &[u8], from: usize, pat: &[u8]) -> Scan<usize> {
    memchr::memmem::find(&b[from.min(b.len())..], pat)
        .map(|n| from + n)
        .ok_or(Need::More)
}

/// `prefix:local` → (prefix, local); a name without a colon → None.
fn split_qname(q: &[u8]) -> Option<(&[u8], &[u8])> {
    let c = q.iter().position(|&c| c == b':')?;
    Some((&q[..c], &q[c + 1..]))
}

/// ASCII bytes that may start (bit 0) or continue (bit 1) an XML name;
/// bit 2 marks the colon of a qualified name.
const ASCII_NAME: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        let start = b.is_ascii_alphabetic() || b == b'_' || b == b':';
        let more = start || b.is_ascii_digit() || b == b'-' || b == b'.';
        t[c] = (start as u8) | ((more as u8) << 1) | (((b == b':') as u8) << 2);
        c += 1;
    }
    t
};

/// Length in bytes of the XML name at the start of `b` (0 if none).
fn name_length(b: &[u8]) -> usize {
    name_scan(b).0
}

/// Length in bytes of the XML name at the start of `b` (0 if none), and
/// whether it holds a colon.
fn name_scan(b: &[u8]) -> (usize, bool) {
    // Names in these files are ASCII: a table lookup per byte (non-ASCII
    // bytes stop the loop and take the slow path).
    match b.first() {
        Some(&c) if ASCII_NAME[c as usize] & 1 == 0 && c < 0x80 => return (0, false),
        None => return (0, false),
        _ => {}
    }
    let mut i = simple_name_run(b);
    let mut seen = 0u8;
    while i < b.len() {
        let t = ASCII_NAME[b[i] as usize];
        if t & 2 == 0 {
            break;
        }
        seen |= t;
        i += 1;
    }
    if i == b.len() || b[i] < 0x80 {
        return (i, seen & 4 != 0);
    }
    (name_length_slow(b, i), true)
}

/// Length of the run of `a`–`z`, `0`–`9` and `_` at the start of `b` (the
/// bytes of almost every name in these files), eight bytes at a time; the
/// other name characters are left to the byte-by-byte loop.
fn simple_name_run(b: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // The high bit of each byte: set where that byte of `x` (below 0x80) is
    // at least `lo` / at most `hi` (setting the high bits first keeps the
    // subtraction from borrowing across bytes).
    let at_least = |x: u64, lo: u8| (x | HIGH).wrapping_sub(ONES * u64::from(lo)) & HIGH;
    let at_most = |x: u64, hi: u8| ((ONES * u64::from(hi)) | HIGH).wrapping_sub(x) & HIGH;
    let mut i = 0;
    while let Some(word) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let simple = ((at_least(x, b'a') & at_most(x, b'z'))
            | (at_least(x, b'0') & at_most(x, b'9'))
            | (at_least(x, b'_') & at_most(x, b'_')))
            & !x;
        let other = !simple & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// [`name_length`] from byte `i` on, for names with non-ASCII characters.
fn name_length_slow(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let c = b[i];
        let (ch, n) = if c < 0x80 {
            (c as char, 1)
        } else {
            let w = match c {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let s = b.get(i..i + w).and_then(|s| std::str::from_utf8(s).ok());
            match s.and_then(|s| s.chars().next()) {
                Some(ch) => (ch, w),
                None => return i,
            }
        };
        let ok = if i == 0 {
            is_name_start(ch)
        } else {
            is_name_char(ch)
        };
        if !ok {
            return i;
        }
        i += n;
    }
    i
}

/// XML 1.0 (fifth edition) NameStartChar.
fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 (fifth edition) NameChar.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Replaces references in `raw` (UTF-8 checked), appending to `out`; on a bad
/// reference, its offset in `raw` and the message.
fn unescape(raw: &[u8], out: &mut String) -> Result<(), (usize, String)> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        (
            e.valid_up_to(),
            "UTF-8として読めないバイトがあります".to_string(),
        )
    })?;
    let mut rest = text;
    let mut done = 0;
    const HINT: &str = "使える実体参照は &amp; &lt; &gt; &quot; &apos; と数値文字参照だけです";
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            return Err((
                done + amp,
                format!("「&」が実体参照になっていません（文字の & は &amp; と書きます）。{HINT}"),
            ));
        };
        let name = &after[..semi];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    (!hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(hex, 16).ok())
                        .flatten()
                } else if let Some(dec) = name.strip_prefix('#') {
                    (!dec.is_empty() && dec.bytes().all(|c| c.is_ascii_digit()))
                        .then(|| dec.parse::<u32>().ok())
                        .flatten()
                } else {
                    None
                };
                code.filter(|&c| is_xml_char(c)).and_then(char::from_u32)
            }
        };
        let Some(ch) = ch else {
            return Err((
                done + amp,
                format!("文字・実体参照 &{name}; が正しくありません。{HINT}"),
            ));
        };
        out.push(ch);
        let used = amp + 1 + semi + 1;
        done += used;
        rest = &rest[used..];
    }
    out.push_str(rest);
    Ok(())
}

/// The pseudo-attributes of an XML declaration, `body` being what stands
/// between `<?xml` and `?>`, as XML 1.0 production [23] XMLDecl has them:
///
/// ```text
/// [23] XMLDecl      ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>'
/// [24] VersionInfo  ::= S 'version' Eq ("'" VersionNum "'" | '"' VersionNum '"')
/// [26] VersionNum   ::= '1.' [0-9]+
/// [80] EncodingDecl ::= S 'encoding' Eq ('"' EncName '"' | "'" EncName "'")
/// [81] EncName      ::= [A-Za-z] ([A-Za-z0-9._] | '-')*
/// [32] SDDecl       ::= S 'standalone' Eq (("'" ('yes' | 'no') "'") | ('"' ('yes' | 'no') '"'))
/// ```
///
/// so `version` first and required, then `encoding`, then `standalone`,
/// each at most once and nothing else. The version and the encoding; on a
/// declaration that is not well-formed, the offset of the problem in `body`
/// and the message.
fn xml_declaration(body: &[u8]) -> Result<(String, Option<String>), (usize, String)> {
    const NAMES: [&[u8]; 3] = [b"version", b"encoding", b"standalone"];
    let mut version = None;
    let mut encoding = None;
    // Which of NAMES have been read, and the index of the next one allowed.
    let mut seen = [false; 3];
    let mut next = 0;
    let mut at = 0;
    loop {
        at += body[at..].iter().take_while(|&&c| is_space(c)).count();
        if at == body.len() {
            break;
        }
        let Some((name, value)) = pseudo_attribute(&body[at..]) else {
            return Err((at, "XML宣言の書き方が正しくありません（version=\"1.0\" のように、名前 = 引用符で囲んだ値を空白で区切って書きます）".into()));
        };
        let shown = String::from_utf8_lossy(name);
        let Some(rank) = NAMES.iter().position(|n| *n == name) else {
            return Err((at, format!("XML宣言に {shown} は書けません（書けるのは version・encoding・standalone だけです）")));
        };
        if !seen[0] && rank > 0 {
            return Err((
                at,
                "XML宣言は version で始めます（例: <?xml version=\"1.0\" encoding=\"UTF-8\"?>）"
                    .into(),
            ));
        }
        if seen[rank] {
            return Err((at, format!("XML宣言に {shown} が重複しています")));
        }
        if rank < next {
            return Err((at, format!("XML宣言の {shown} の位置が違います（version・encoding・standalone の順に書きます）")));
        }
        let value_at = at + value.start;
        let after = at + value.end + 1;
        let value = &body[value_at..at + value.end];
        let text = String::from_utf8_lossy(value).into_owned();
        match rank {
            0 => {
                let digits = value.strip_prefix(b"1.").unwrap_or_default();
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return Err((
                        value_at,
                        format!("XML宣言の version は 1.0 のような「1.数字」です（値: {text}）"),
                    ));
                }
                version = Some(text);
            }
            1 => {
                let name_ok = value.first().is_some_and(u8::is_ascii_alphabetic)
                    && value
                        .iter()
                        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
                if !name_ok {
                    return Err((
                        value_at,
                        format!("XML宣言の encoding の値が正しくありません（値: {text}）"),
                    ));
                }
                encoding = Some(text);
            }
            _ => {
                if value != b"yes" && value != b"no" {
                    return Err((
                        value_at,
                        format!("XML宣言の standalone は yes か no です（値: {text}）"),
                    ));
                }
            }
        }
        seen[rank] = true;
        next = rank + 1;
        at = after;
    }
    match version {
        Some(version) => Ok((version, encoding)),
        None => Err((
            0,
            "XML宣言に version がありません（例: <?xml version=\"1.0\" encoding=\"UTF-8\"?>）"
                .into(),
        )),
    }
}

/// `name = "value"` at the start of `b`, followed by white space or nothing
/// → the name and where the value stands in `b` (its closing quote is the
/// byte after it).
fn pseudo_attribute(b: &[u8]) -> Option<(&[u8], std::ops::Range<usize>)> {
    let n = b.iter().take_while(|&&c| c.is_ascii_alphanumeric()).count();
    let rest = trim_start(&b[n..]);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let q = *rest.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let len = memchr::memchr(q, &rest[1..])?;
    let start = b.len() - rest.len() + 1;
    let after = b.get(start + len + 1);
    if after.is_some_and(|&c| !is_space(c)) {
        return None;
    }
    Some((&b[..n], start..start + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_where_xml_says() {
        assert_eq!(name_scan(b"family_name>"), (11, false));
        assert_eq!(name_scan(b"xsi:schemaLocation="), (18, true));
        assert_eq!(name_scan(b"a-b.c d"), (5, false));
        assert_eq!(name_scan(b"1abc>"), (0, false));
        assert_eq!(name_scan(b"abcdefgh_ijklmnop/>"), (17, false));
        assert_eq!(name_length("名前>".as_bytes()), "名前".len());
        assert_eq!(name_length("a×b".as_bytes()), 1); // U+00D7 is not a NameChar
    }

    #[test]
    fn the_eight_byte_name_run_stops_at_every_other_byte() {
        let simple = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_';
        for at in 0..10 {
            for c in 0..=255u8 {
                let mut b = b"abcdefghij_0123456789".to_vec();
                b[at] = c;
                // Whole words only: the last bytes are left to the loop.
                let words = b.len() / 8 * 8;
                let expected = b[..words].iter().position(|&c| !simple(c)).unwrap_or(words);
                assert_eq!(simple_name_run(&b), expected, "byte {c:#04x} at {at}");
            }
        }
        assert_eq!(simple_name_run(b"short"), 0); // under eight bytes: left to the loop
    }
}
