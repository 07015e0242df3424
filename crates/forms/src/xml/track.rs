//! A `BufRead` adapter that bounds what one XML token may hold, bounds the
//! file size, and turns byte offsets into line:column (characters) while
//! checking that the bytes are UTF-8 and legal XML characters.
//!
//! Memory is bounded: it keeps only the bytes consumed since the last
//! position asked for, and refuses a token larger than `max_token`.

use std::io::{self, BufRead, Read};

/// Which limit stopped the reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tripped {
    Token,
    File,
}

/// A line:column in the file (both 1-based; column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

/// A byte the XML cannot hold, found while tracking positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadByte {
    NotUtf8(Pos),
    Control(Pos, u32),
}

pub struct Tracked<R> {
    inner: R,
    /// Bytes consumed by the parser (after any BOM).
    consumed: u64,
    /// Offset where the current token started (limit base).
    mark: u64,
    max_token: u64,
    max_file: u64,
    pub tripped: Option<Tripped>,
    /// Bytes from `window_base` to `consumed`.
    window: Vec<u8>,
    window_base: u64,
    /// Position of `window_base`.
    pos: Pos,
}

impl<R: BufRead> Tracked<R> {
    pub fn new(inner: R, max_token: usize, max_file: u64) -> Tracked<R> {
        Tracked {
            inner,
            consumed: 0,
            mark: 0,
            max_token: max_token as u64,
            max_file,
            tripped: None,
            window: Vec::new(),
            window_base: 0,
            pos: Pos { line: 1, column: 1 },
        }
    }

    /// Reads the first bytes: skips a UTF-8 byte-order mark; returns the
    /// first (up to) 4 bytes for encoding sniffing.
    pub fn start(&mut self) -> io::Result<Vec<u8>> {
        let buf = self.inner.fill_buf()?;
        let head: Vec<u8> = buf.iter().take(4).copied().collect();
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.inner.consume(3);
        }
        Ok(head)
    }

    /// A new token starts at the current offset (for the token-size limit).
    pub fn mark(&mut self) {
        self.mark = self.consumed;
    }

    /// Position of byte `offset` (parser offsets, monotone), checking the
    /// bytes passed over.
    pub fn position(&mut self, offset: u64) -> Result<Pos, BadByte> {
        let offset = offset.clamp(self.window_base, self.consumed);
        let n = (offset - self.window_base) as usize;
        if n == 0 {
            return Ok(self.pos);
        }
        let chunk = &self.window[..n];
        // Most chunks (tags, indentation, codes, dates) are ASCII, hence UTF-8.
        // A cut inside a multi-byte character is completed by the next call.
        let (text, rest) = if chunk.is_ascii() {
            (chunk, 0)
        } else {
            match std::str::from_utf8(chunk) {
                Ok(_) => (chunk, 0),
                Err(e) if e.error_len().is_none() => {
                    // Incomplete character at the end of the chunk.
                    let valid = e.valid_up_to();
                    (&chunk[..valid], n - valid)
                }
                Err(e) => {
                    let mut p = self.pos;
                    advance(&mut p, &chunk[..e.valid_up_to()])
                        .map_err(|(p, c)| BadByte::Control(p, c))?;
                    return Err(BadByte::NotUtf8(p));
                }
            }
        };
        let mut p = self.pos;
        advance(&mut p, text).map_err(|(p, c)| BadByte::Control(p, c))?;
        let used = n - rest;
        self.pos = p;
        if used == self.window.len() {
            self.window.clear();
        } else {
            self.window.drain(..used);
        }
        self.window_base += used as u64;
        Ok(self.pos)
    }

    /// Bytes consumed by the parser.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }
}

/// Moves `p` over `b` (valid UTF-8), refusing characters XML cannot hold.
fn advance(p: &mut Pos, b: &[u8]) -> Result<(), (Pos, u32)> {
    // Most calls cover a tag or an indentation (a dozen bytes): there the
    // plain loop is cheapest (callgrind: 79 vs 90 M instructions per 1,000 forms).
    if b.len() < 64 {
        return advance_slow(p, b);
    }
    // Long text: fast path: one branch-free pass (SIMD on long text; a short-circuiting
    // `any` would not be), flagging control characters and EF lead bytes
    // (U+FFFE/U+FFFF start with EF BF) and counting line feeds and
    // characters (bytes that are not UTF-8 continuation bytes).
    let mut suspicious = 0u8;
    let mut lines = 0u64;
    for block in b.chunks(64) {
        // Per-block counters fit in a u8 (vectorizes better than a u64).
        let mut feeds = 0u8;
        for &c in block {
            let control = (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r');
            suspicious |= u8::from(control | (c == 0xEF));
            feeds += u8::from(c == b'\n');
        }
        lines += u64::from(feeds);
    }
    if suspicious != 0 {
        return advance_slow(p, b);
    }
    let chars = |s: &[u8]| s.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64;
    if lines == 0 {
        p.column += chars(b);
    } else {
        let last = b.iter().rposition(|&c| c == b'\n').unwrap_or(0);
        p.line += lines;
        p.column = 1 + chars(&b[last + 1..]);
    }
    Ok(())
}

/// [`advance`] byte by byte, stopping at the first character XML cannot hold.
fn advance_slow(p: &mut Pos, b: &[u8]) -> Result<(), (Pos, u32)> {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            p.line += 1;
            p.column = 1;
        } else if c < 0x20 && c != b'\t' && c != b'\r' {
            return Err((*p, u32::from(c)));
        } else if c & 0xC0 != 0x80 {
            // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters.
            if c == 0xEF && b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF))
            {
                let v = 0xFFFE + u32::from(b[i + 2] - 0xBE);
                return Err((*p, v));
            }
            p.column += 1;
        }
        i += 1;
    }
    Ok(())
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.consumed - self.mark > self.max_token {
            self.tripped = Some(Tripped::Token);
            return Err(io::Error::other("token too large"));
        }
        if self.consumed > self.max_file {
            self.tripped = Some(Tripped::File);
            return Err(io::Error::other("file too large"));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if amt == 0 {
            return;
        }
        // The parser consumes from the buffer the last fill_buf returned;
        // fill_buf on a non-empty buffer returns it again without reading.
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.window.extend_from_slice(&buf[..n]);
        }
        self.inner.consume(amt);
        self.consumed += amt as u64;
    }
}
