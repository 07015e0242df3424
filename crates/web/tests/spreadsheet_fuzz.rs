//! Property-based mutation testing of the spreadsheet reader
//! (`spreadsheet::read_table`, what importDoctors runs on the 医療機関ユーザデータ
//! ファイル) and of the CSV writer (`spreadsheet::csv_file`, every CSV download).
//!
//! Reader: valid XLSX files (hand-made, so that every cell type and a date style
//! are there, and one written by rust_xlsxwriter as Excel would) and valid CSV
//! files (UTF-8 with and without BOM, Shift_JIS) are mutated and read under two
//! sets of limits (tight ones, and those of the doctor bulk file). XLSX files are
//! mutated inside the ZIP — entries edited (bit flips, truncations, deleted,
//! duplicated and inserted spans), removed, duplicated under the same name, added
//! by the hundred; huge `<dimension>` and cell references, shared-string indexes
//! out of range, extreme numbers in date cells, deep nesting, thousands of
//! attributes, very long strings, many rows and columns — and then as bytes (the
//! ZIP headers and central directory included). CSV files get stray quotes,
//! separators and line ends, invalid UTF-8 and Shift_JIS, very long lines and
//! many rows and columns. Each case must finish within [`TIME_BOUND`] without a
//! panic, with either a table within the limits or a refusal with a message.
//!
//! Writer: for arbitrary cells, parsing the file back with the csv crate gives
//! the cells, except that a cell starting with `=` `+` `-` `@` tab or CR comes
//! back behind a `'`; no cell of the file starts with one of those.
//!
//! The default run (256 cases per property, a few seconds in debug) is part of
//! the test suite; a longer one, e.g. before a release:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release -p nsdb-web --test spreadsheet_fuzz
//! ```
//!
//! A failing case is shrunk by proptest and its seed saved under
//! `crates/web/tests/<test>.proptest-regressions` (rerun first; commit it); the case
//! itself then becomes a named test beside the reader
//! (`src/services/spreadsheet.rs`).

use nsdb_web::services::bulk_doctors;
use nsdb_web::services::spreadsheet::{csv_file, read_table, TableError, TableLimits};
use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Generous: the slowest legitimate case (thousands of cells, debug build, a
/// busy machine) takes well under a second.
const TIME_BOUND: Duration = Duration::from_secs(20);

/// Small limits, so that every limit is met often.
const TIGHT: TableLimits = TableLimits {
    max_rows: 11,
    max_columns: 4,
    max_cell_chars: 20,
    max_unpacked_bytes: 64 * 1024,
    max_zip_entries: 12,
};

fn limits(tight: bool) -> TableLimits {
    if tight {
        TIGHT
    } else {
        bulk_doctors::LIMITS
    }
}

// ---------------------------------------------------------------------------
// The property of the reader.

/// Reads `bytes` on a thread of its own and checks the outcome; a panic or a
/// read that does not end within [`TIME_BOUND`] fails the case.
fn check_read(bytes: Vec<u8>, limits: TableLimits) -> Result<(), TestCaseError> {
    let len = bytes.len();
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = read_table(&bytes, &limits);
        let _ = tx.send(result);
    });
    match rx.recv_timeout(TIME_BOUND) {
        Ok(Ok(rows)) => {
            prop_assert!(
                rows.len() <= limits.max_rows,
                "{} rows, limit {}",
                rows.len(),
                limits.max_rows
            );
            for (r, row) in rows.iter().enumerate() {
                prop_assert!(
                    row.len() <= limits.max_columns,
                    "row {r}: {} columns, limit {}",
                    row.len(),
                    limits.max_columns
                );
                for cell in row {
                    let chars = cell.chars().count();
                    prop_assert!(
                        chars <= limits.max_cell_chars,
                        "row {r}: a cell of {chars} characters, limit {}",
                        limits.max_cell_chars
                    );
                    prop_assert_eq!(cell.trim(), cell.as_str(), "cells are trimmed");
                }
            }
        }
        Ok(Err(TableError::Unreadable(m) | TableError::OverLimit(m))) => {
            prop_assert!(!m.is_empty(), "a refusal without a message");
        }
        Err(RecvTimeoutError::Timeout) => {
            prop_assert!(false, "{len} bytes not read within {TIME_BOUND:?}")
        }
        Err(RecvTimeoutError::Disconnected) => {
            prop_assert!(
                false,
                "read_table panicked on {len} bytes after {:?} (message above)",
                started.elapsed()
            )
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Byte-level edits, shared by XLSX entries, whole ZIP files and CSV files.

/// Markup, ZIP signatures and bytes that parsers trip on, inserted anywhere.
const XML_INSERTS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp",
    b"&#0;",
    b"&#x110000;",
    b"&unknown;",
    b"]]>",
    b"<!--",
    b"<![CDATA[",
    b"<?xml version=\"1.0\"?>",
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
    b"</",
    b"/>",
    b"<c>",
    b"</c>",
    b"<row>",
    b"</row>",
    b"<v>",
    b"</v>",
    b"<sheetData>",
    b"</sheetData>",
    b"<si><t>x</t></si>",
    b" r=\"XFD1048576\"",
    b" t=\"s\"",
    b" t=\"d\"",
    b" t=\"e\"",
    b" s=\"1\"",
    b" s=\"4294967296\"",
    b"\"",
    b"\0",
    b"\xEF\xBF\xBE",
    b"\xC3",
    b"\xFF",
];

/// Bytes that matter to ZIP readers: signatures and all-ones sizes, offsets
/// and counts (also written over existing bytes, see [`Edit::Overwrite`]).
const ZIP_BYTES: &[&[u8]] = &[
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"PK\x06\x06",
    b"PK\x06\x07",
    b"PK\x07\x08",
    b"\xFF\xFF\xFF\xFF",
    b"\xFF\xFF",
    b"\x00\x00\x00\x00",
    b"\x00\x00",
    b"\x08\x00",
    b"\x63\x00",
    b"\x01\x00\x00\x00",
];

const CSV_INSERTS: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b"x\"y",
    b"\r",
    b"\n",
    b"\r\n",
    b"\n\n\n",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\xE3\x81",
    b"\x82",
    b"\x81\x40",
    b"\x82\xA0",
    b"\x00",
    b"=",
    b"=HYPERLINK(\"x\")",
    b" ",
    b"\t",
    b"\xE3\x81\x82",
    b"PK\x03\x04",
];

/// One edit of a byte string. Offsets are taken modulo its length when
/// applied (earlier edits change it).
#[derive(Debug, Clone)]
enum Edit {
    FlipBit {
        at: usize,
        bit: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    Insert {
        at: usize,
        what: &'static [u8],
    },
    /// Written over the bytes at `at` (sizes, offsets and counts of ZIP headers).
    Overwrite {
        at: usize,
        what: &'static [u8],
    },
}

fn edit(inserts: &'static [&'static [u8]]) -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit { at, bit }),
        1 => any::<usize>().prop_map(|at| Edit::Truncate { at }),
        2 => (any::<usize>(), 1usize..300).prop_map(|(at, len)| Edit::Delete { at, len }),
        2 => (any::<usize>(), 1usize..600, any::<usize>())
            .prop_map(|(from, len, to)| Edit::Duplicate { from, len, to }),
        4 => (any::<usize>(), prop::sample::select(inserts))
            .prop_map(|(at, what)| Edit::Insert { at, what }),
        2 => (any::<usize>(), prop::sample::select(inserts))
            .prop_map(|(at, what)| Edit::Overwrite { at, what }),
    ]
}

fn apply_edit(doc: &mut Vec<u8>, e: &Edit) {
    let len = doc.len();
    let at = |x: usize| x % (len + 1);
    match *e {
        Edit::FlipBit { at: a, bit } => {
            if len > 0 {
                doc[a % len] ^= 1 << bit;
            }
        }
        Edit::Truncate { at: a } => doc.truncate(at(a)),
        Edit::Delete { at: a, len: n } => {
            let from = at(a);
            doc.drain(from..(from + n).min(len));
        }
        Edit::Duplicate { from, len: n, to } => {
            let from = at(from);
            let span = doc[from..(from + n).min(len)].to_vec();
            let to = at(to);
            doc.splice(to..to, span);
        }
        Edit::Insert { at: a, what } => {
            let a = at(a);
            doc.splice(a..a, what.iter().copied());
        }
        Edit::Overwrite { at: a, what } => {
            let a = at(a);
            let end = (a + what.len()).min(len);
            doc.splice(a..end, what.iter().copied());
        }
    }
}

// ---------------------------------------------------------------------------
// XLSX files as lists of entries.

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    data: Vec<u8>,
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const SHARED: &str = "xl/sharedStrings.xml";

fn entry(name: &str, text: &str) -> Entry {
    Entry {
        name: name.into(),
        data: text.as_bytes().to_vec(),
    }
}

/// A workbook with every kind of cell calamine reads: shared and inline
/// strings, numbers, dates by style (built-in and custom formats), booleans,
/// errors, formulas and ISO dates.
fn handmade() -> Vec<Entry> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    vec![
        entry(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#,
        ),
        entry(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        entry(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/><sheets><sheet name="医療機関ユーザ" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="x">医療機関ユーザ!$A$1</definedName></definedNames></workbook>"#
            ),
        ),
        entry(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        ),
        entry(
            "xl/styles.xml",
            &format!(
                r#"<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="46" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            ),
        ),
        entry(
            SHARED,
            &format!(
                r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="4" uniqueCount="4"><si><t>医療機関コード</t></si><si><t xml:space="preserve"> 姓 </t></si><si><r><rPr><b/></rPr><t>名</t></r><r><t>カナ</t></r></si><si><t>指定医有効期限</t></si></sst>"#
            ),
        ),
        entry(
            SHEET,
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2"><v>1310123458</v></c><c r="B2" t="inlineStr"><is><t>山田</t></is></c><c r="C2" t="str"><f>"太"&amp;"郎"</f><v>太郎</v></c><c r="D2" s="1"><v>47573</v></c></row><row r="3"><c r="A3"><v>1.5E+3</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" s="2"><v>47573.5</v></c></row><row r="4"><c r="A4" s="3"><v>0.25</v></c><c r="B4" t="d"><v>2030-03-31T00:00:00</v></c><c r="C4" s="1"/><c r="D4" t="n"><v>-0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells></worksheet>"#
            ),
        ),
    ]
}

/// The bulk file as Excel writes it (rust_xlsxwriter), unpacked.
fn xlsxwriter() -> Vec<Entry> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "医療機関コード",
        "部署",
        "姓",
        "名",
        "姓カナ",
        "名カナ",
        "電話",
        "医籍登録番号",
        "指定医番号",
        "難病/小慢",
        "指定医種別",
        "指定医有効期限",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for r in 1..4u32 {
        ws.write_number(r, 0, 1310123458.0).unwrap();
        ws.write_string(r, 1, "脳神経内科").unwrap();
        ws.write_string(r, 2, "一括").unwrap();
        ws.write_string(r, 3, format!("{r}郎")).unwrap();
        ws.write_string(r, 4, "イッカツ").unwrap();
        ws.write_string(r, 5, "テスト").unwrap();
        ws.write_string(r, 6, "03-1111-2222").unwrap();
        ws.write_number(r, 7, 100000.0 + f64::from(r)).unwrap();
        ws.write_string(r, 8, format!("N13-{r:04}")).unwrap();
        ws.write_string(r, 9, "難病").unwrap();
        ws.write_boolean(r, 10, r % 2 == 0).unwrap();
        let dt = ExcelDateTime::from_ymd(2030, 3, 31).unwrap();
        ws.write_datetime_with_format(r, 11, &dt, &date).unwrap();
    }
    ws.write_formula(4, 0, "=SUM(A2:A4)").unwrap();
    unzip(&wb.save_to_buffer().unwrap())
}

fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            Entry {
                name: file.name().to_owned(),
                data,
            }
        })
        .collect()
}

fn xlsx_seeds() -> &'static [Vec<Entry>] {
    static SEEDS: OnceLock<Vec<Vec<Entry>>> = OnceLock::new();
    SEEDS.get_or_init(|| vec![handmade(), xlsxwriter()])
}

/// Packs entries into a ZIP. Entries of the same name (the ZIP writer refuses
/// them) are written under a stand-in name of the same length, which is then
/// replaced in the local header and the central directory alike.
fn zip_entries(entries: &[Entry], deflate: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut seen = std::collections::HashSet::new();
    let mut renames = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let name = if seen.insert(e.name.clone()) || e.name.is_empty() {
            e.name.clone()
        } else {
            // Same byte length, impossible in the content of the other entries.
            let stand_in = format!("\u{1}{:0width$}", i, width = e.name.len() - 1);
            if stand_in.len() != e.name.len() {
                continue;
            }
            renames.push((stand_in.clone(), e.name.clone()));
            stand_in
        };
        zip.start_file(name, options).unwrap();
        zip.write_all(&e.data).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    for (stand_in, name) in renames {
        replace_all(&mut bytes, stand_in.as_bytes(), name.as_bytes());
    }
    bytes
}

fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    debug_assert_eq!(from.len(), to.len());
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            i += from.len();
        } else {
            i += 1;
        }
    }
}

const DIMENSIONS: &[&str] = &[
    "A1:XFD1048576",
    "XFD1048576",
    "A1:A4294967296",
    "A1:XFE1",
    "A1:ZZZZZZZZZZZZZZZZ1",
    "A1048577:A1",
    "A0:B0",
    "",
    ":",
    "A1:",
    "1:1",
];

const CELL_REFS: &[&str] = &[
    "XFD1048576",
    "A1048577",
    "XFE1",
    "A4294967295",
    "A4294967296",
    "A18446744073709551616",
    "ZZZZZZZZZZZZZZZZZZZZ1",
    "A0",
    "0",
    "A",
    "",
    "1A",
    "a1",
    "Ａ１",
    "A-1",
    "B2:C3",
    "$A$1",
];

const SHARED_INDEXES: &[&str] = &[
    "0",
    "3",
    "4",
    "99",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "-1",
    "",
    "x",
    " 1",
    "1e3",
    "1.5",
];

const NUMBERS: &[&str] = &[
    "-1e300",
    "1e300",
    "1e309",
    "-1e309",
    "inf",
    "-inf",
    "NaN",
    "-9223372036854775808",
    "9223372036854775807",
    "99999999999999999999",
    "1e-320",
    "-0",
    "2958465",
    "2958466",
    "-693594",
    "-1",
    "59",
    "60",
    "61",
    "0.5",
    "1E+15",
    "",
    "x",
];

/// One edit of an XLSX file, before it is zipped. Entry and cell numbers are
/// taken modulo their count.
#[derive(Debug, Clone)]
enum XlsxMutation {
    Edit {
        entry: usize,
        edit: Edit,
    },
    Remove {
        entry: usize,
    },
    /// A second entry of the same name (edited or not).
    Duplicate {
        entry: usize,
        edit: Option<Edit>,
    },
    /// `count` small extra entries.
    ManyEntries {
        count: usize,
    },
    Dimension {
        reference: &'static str,
    },
    /// The `cell`-th cell of the sheet with another reference.
    CellRef {
        cell: usize,
        reference: &'static str,
    },
    /// The `cell`-th cell as a shared string of that index.
    SharedIndex {
        cell: usize,
        index: &'static str,
    },
    /// The `cell`-th cell as a number in the style (1 and 2 are dates, 3 a
    /// time, 4 not defined).
    Number {
        cell: usize,
        value: &'static str,
        style: u8,
    },
    /// `depth` nested elements after the `tag`-th `>` of an entry.
    DeepNesting {
        entry: usize,
        tag: usize,
        depth: usize,
        closed: bool,
    },
    ManyAttributes {
        entry: usize,
        tag: usize,
        count: usize,
    },
    /// A string of `len` times `ch`, inline in the `cell`-th cell or as the
    /// first shared string.
    LongText {
        cell: usize,
        len: usize,
        ch: char,
        shared: bool,
    },
    /// The sheet's data replaced by a grid of numbers.
    ManyCells {
        rows: usize,
        columns: usize,
    },
}

fn xlsx_mutation() -> impl Strategy<Value = XlsxMutation> {
    prop_oneof![
        6 => (any::<usize>(), edit(XML_INSERTS))
            .prop_map(|(entry, edit)| XlsxMutation::Edit { entry, edit }),
        1 => any::<usize>().prop_map(|entry| XlsxMutation::Remove { entry }),
        1 => (any::<usize>(), prop::option::of(edit(XML_INSERTS)))
            .prop_map(|(entry, edit)| XlsxMutation::Duplicate { entry, edit }),
        1 => (1usize..300).prop_map(|count| XlsxMutation::ManyEntries { count }),
        1 => prop::sample::select(DIMENSIONS)
            .prop_map(|reference| XlsxMutation::Dimension { reference }),
        2 => (any::<usize>(), prop::sample::select(CELL_REFS))
            .prop_map(|(cell, reference)| XlsxMutation::CellRef { cell, reference }),
        2 => (any::<usize>(), prop::sample::select(SHARED_INDEXES))
            .prop_map(|(cell, index)| XlsxMutation::SharedIndex { cell, index }),
        2 => (any::<usize>(), prop::sample::select(NUMBERS), 0u8..5)
            .prop_map(|(cell, value, style)| XlsxMutation::Number { cell, value, style }),
        1 => (any::<usize>(), any::<usize>(), 1usize..3000, any::<bool>()).prop_map(
            |(entry, tag, depth, closed)| XlsxMutation::DeepNesting { entry, tag, depth, closed }
        ),
        1 => (any::<usize>(), any::<usize>(), 1usize..3000)
            .prop_map(|(entry, tag, count)| XlsxMutation::ManyAttributes { entry, tag, count }),
        1 => (
            any::<usize>(),
            prop_oneof![1usize..600, 1usize..100_000],
            prop::sample::select(&['x', 'あ', ' ', '𠮷', '\u{3000}'][..]),
            any::<bool>(),
        )
            .prop_map(|(cell, len, ch, shared)| XlsxMutation::LongText { cell, len, ch, shared }),
        1 => (prop_oneof![1usize..20, 1usize..6100], prop_oneof![1usize..8, 1usize..70])
            .prop_map(|(rows, columns)| XlsxMutation::ManyCells { rows, columns }),
    ]
}

fn sheet(entries: &mut [Entry]) -> Option<&mut Vec<u8>> {
    entries
        .iter_mut()
        .find(|e| e.name == SHEET)
        .map(|e| &mut e.data)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Byte range of the `n`-th `<c ` element (modulo their number) and its `r`.
fn nth_cell(doc: &[u8], n: usize) -> Option<(std::ops::Range<usize>, String)> {
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(s) = find(doc, b"<c ", at) {
        starts.push(s);
        at = s + 1;
    }
    let start = *starts.get(n % starts.len().max(1))?;
    let tag_end = find(doc, b">", start)?;
    let end = if doc[tag_end - 1] == b'/' {
        tag_end + 1
    } else {
        find(doc, b"</c>", tag_end)? + 4
    };
    let tag = String::from_utf8_lossy(&doc[start..tag_end]);
    let r = tag
        .split_once(" r=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(r, _)| r.to_owned())
        .unwrap_or_default();
    Some((start..end, r))
}

fn replace_cell(entries: &mut [Entry], n: usize, make: impl FnOnce(&str) -> String) {
    let Some(doc) = sheet(entries) else { return };
    let Some((range, r)) = nth_cell(doc, n) else {
        return;
    };
    let cell = make(&r);
    doc.splice(range, cell.into_bytes());
}

fn nth_tag_end(doc: &[u8], n: usize) -> Option<usize> {
    let ends: Vec<usize> = doc
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'>')
        .map(|(i, _)| i)
        .collect();
    (!ends.is_empty()).then(|| ends[n % ends.len()])
}

fn column_name(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

fn apply_xlsx(entries: &mut Vec<Entry>, m: &XlsxMutation) {
    let n = entries.len().max(1);
    match m {
        XlsxMutation::Edit { entry, edit } => {
            if let Some(e) = entries.get_mut(entry % n) {
                apply_edit(&mut e.data, edit);
            }
        }
        XlsxMutation::Remove { entry } => {
            if !entries.is_empty() {
                entries.remove(entry % n);
            }
        }
        XlsxMutation::Duplicate { entry, edit } => {
            if let Some(e) = entries.get(entry % n) {
                let mut copy = e.clone();
                if let Some(edit) = edit {
                    apply_edit(&mut copy.data, edit);
                }
                entries.push(copy);
            }
        }
        XlsxMutation::ManyEntries { count } => {
            for i in 0..*count {
                entries.push(Entry {
                    name: format!("xl/media/extra{i}.xml"),
                    data: b"<x/>".to_vec(),
                });
            }
        }
        XlsxMutation::Dimension { reference } => {
            if let Some(doc) = sheet(entries) {
                if let Some(at) = find(doc, b"<sheetData", 0) {
                    let dim = format!(r#"<dimension ref="{reference}"/>"#);
                    doc.splice(at..at, dim.into_bytes());
                }
            }
        }
        XlsxMutation::CellRef { cell, reference } => replace_cell(entries, *cell, |_| {
            format!(r#"<c r="{reference}" t="inlineStr"><is><t>x</t></is></c>"#)
        }),
        XlsxMutation::SharedIndex { cell, index } => replace_cell(entries, *cell, |r| {
            format!(r#"<c r="{r}" t="s"><v>{index}</v></c>"#)
        }),
        XlsxMutation::Number { cell, value, style } => replace_cell(entries, *cell, |r| {
            format!(r#"<c r="{r}" s="{style}"><v>{value}</v></c>"#)
        }),
        XlsxMutation::DeepNesting {
            entry,
            tag,
            depth,
            closed,
        } => {
            if let Some(e) = entries.get_mut(entry % n) {
                if let Some(end) = nth_tag_end(&e.data, *tag) {
                    let mut nested = b"<is>".repeat(*depth);
                    if *closed {
                        nested.extend(b"</is>".repeat(*depth));
                    }
                    e.data.splice(end + 1..end + 1, nested);
                }
            }
        }
        XlsxMutation::ManyAttributes { entry, tag, count } => {
            if let Some(e) = entries.get_mut(entry % n) {
                if let Some(mut end) = nth_tag_end(&e.data, *tag) {
                    if end > 0 && e.data[end - 1] == b'/' {
                        end -= 1;
                    }
                    let attributes: String =
                        (0..*count).map(|i| format!(" a{i}=\"{i}\"")).collect();
                    e.data.splice(end..end, attributes.into_bytes());
                }
            }
        }
        XlsxMutation::LongText {
            cell,
            len,
            ch,
            shared,
        } => {
            let text: String = std::iter::repeat_n(*ch, *len).collect();
            if *shared {
                if let Some(e) = entries.iter_mut().find(|e| e.name == SHARED) {
                    if let Some(at) = find(&e.data, b"<si>", 0) {
                        let si = format!("<si><t>{text}</t></si>");
                        e.data.splice(at..at, si.into_bytes());
                    }
                }
            } else {
                replace_cell(entries, *cell, |r| {
                    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
                });
            }
        }
        XlsxMutation::ManyCells { rows, columns } => {
            // Bounded so that a case stays quick in debug builds.
            let columns = (*columns).min((40_000 / rows).max(1));
            let Some(doc) = sheet(entries) else { return };
            let (Some(start), Some(end)) =
                (find(doc, b"<sheetData>", 0), find(doc, b"</sheetData>", 0))
            else {
                return;
            };
            if end < start {
                return;
            }
            let mut data = String::from("<sheetData>");
            for r in 1..=*rows {
                data.push_str(&format!(r#"<row r="{r}">"#));
                for c in 0..columns {
                    data.push_str(&format!(
                        r#"<c r="{}{r}"><v>{}</v></c>"#,
                        column_name(c),
                        r * c
                    ));
                }
                data.push_str("</row>");
            }
            doc.splice(start..end, data.into_bytes());
        }
    }
}

// ---------------------------------------------------------------------------
// CSV files.

fn csv_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let text = "医療機関コード,部署,姓,名,姓カナ,名カナ,電話,医籍登録番号,指定医番号,難病/小慢,指定医種別,指定医有効期限\r\n\
            1310123458,脳神経内科,山田,太郎,ヤマダ,タロウ,03-1111-2222,100001,N13-0001,難病,指定医,2030-03-31\r\n\
            \"1310123458\",\"内科, 総合\",\"鈴\"\"木\",一郎,スズキ,イチロウ,,100002,S13-0002,小慢,指定医,2030/03/31\r\n\
            1310123458,\"複数\n行\",  田中  ,美咲,タナカ,ミサキ,,100003,K13-0003,難病,協力難病指定医,20300331\r\n\
            \r\n\
            ,,,,,,,,,,,\r\n";
        let (sjis, _, errors) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!errors);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        vec![
            text.replace("\r\n", "\n").into_bytes(),
            bom,
            sjis.into_owned(),
        ]
    })
}

#[derive(Debug, Clone)]
enum CsvMutation {
    Edit(Edit),
    /// `len` times `ch` at `at`: a very long cell or line.
    LongRun {
        at: usize,
        len: usize,
        ch: &'static [u8],
    },
    /// `count` separators at `at`.
    ManyColumns {
        at: usize,
        count: usize,
    },
    /// `count` short lines at `at`.
    ManyRows {
        at: usize,
        count: usize,
    },
}

/// What a long run is made of: ASCII, UTF-8 and Shift_JIS あ, spaces, quotes.
const RUNS: &[&[u8]] = &[b"x", b"\xE3\x81\x82", b"\x82\xA0", b" ", b"\""];

fn csv_mutation() -> impl Strategy<Value = CsvMutation> {
    prop_oneof![
        8 => edit(CSV_INSERTS).prop_map(CsvMutation::Edit),
        1 => (
            any::<usize>(),
            prop_oneof![1usize..600, 1usize..200_000],
            prop::sample::select(RUNS),
        )
            .prop_map(|(at, len, ch)| CsvMutation::LongRun { at, len, ch }),
        1 => (any::<usize>(), prop_oneof![1usize..10, 1usize..5000])
            .prop_map(|(at, count)| CsvMutation::ManyColumns { at, count }),
        1 => (any::<usize>(), prop_oneof![1usize..20, 1usize..6000])
            .prop_map(|(at, count)| CsvMutation::ManyRows { at, count }),
    ]
}

fn apply_csv(doc: &mut Vec<u8>, m: &CsvMutation) {
    let at = |x: usize| x % (doc.len() + 1);
    match m {
        CsvMutation::Edit(e) => apply_edit(doc, e),
        CsvMutation::LongRun { at: a, len, ch } => {
            let a = at(*a);
            doc.splice(a..a, ch.repeat(*len));
        }
        CsvMutation::ManyColumns { at: a, count } => {
            let a = at(*a);
            doc.splice(a..a, b",1".repeat(*count));
        }
        CsvMutation::ManyRows { at: a, count } => {
            let a = at(*a);
            doc.splice(a..a, b"\na,b".repeat(*count));
        }
    }
}

// ---------------------------------------------------------------------------
// The CSV writer.

/// Cells biased towards what matters to a CSV file and a spreadsheet: formula
/// starts, quotes, separators, line ends, surrounding space.
fn cell() -> impl Strategy<Value = String> {
    let special = prop::sample::select(
        &[
            "=", "+", "-", "@", "\t", "\r", "\n", "\"", ",", " ", "'", "=1+1", "あ", "\u{FEFF}",
        ][..],
    );
    prop_oneof![
        3 => any::<String>(),
        3 => (special.clone(), any::<String>(), special).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        1 => Just(String::new()),
    ]
}

fn starts_like_a_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

proptest! {
    /// 256 cases by default; `PROPTEST_CASES` sets another number.
    #[test]
    fn mutated_xlsx_files_are_read_within_the_limits_or_refused(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(xlsx_mutation(), 1..5),
        zip_edits in prop::collection::vec(
            prop_oneof![edit(XML_INSERTS), edit(ZIP_BYTES)], 0..3),
        deflate in any::<bool>(),
        tight in any::<bool>(),
    ) {
        let mut entries = seed.get(xlsx_seeds()).clone();
        for m in &mutations {
            apply_xlsx(&mut entries, m);
        }
        let mut bytes = zip_entries(&entries, deflate);
        for e in &zip_edits {
            apply_edit(&mut bytes, e);
        }
        check_read(bytes, limits(tight))?;
    }

    /// 256 cases by default; `PROPTEST_CASES` sets another number.
    #[test]
    fn mutated_csv_files_are_read_within_the_limits_or_refused(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(csv_mutation(), 1..6),
        tight in any::<bool>(),
    ) {
        let mut bytes = seed.get(csv_seeds()).clone();
        for m in &mutations {
            apply_csv(&mut bytes, m);
        }
        check_read(bytes, limits(tight))?;
    }

    /// 256 cases by default; `PROPTEST_CASES` sets another number.
    #[test]
    fn csv_files_give_back_their_cells_with_formulas_neutralised(
        header in prop::collection::vec(cell(), 1..5),
        rows in prop::collection::vec(prop::collection::vec(cell(), 1..6), 0..8),
    ) {
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let file = csv_file(&header_refs, rows.clone());
        prop_assert!(file.starts_with(b"\xEF\xBB\xBF"), "the file starts with a BOM");
        // The csv crate drops the BOM at the start, as Excel does (and only that one: a
        // cell starting with U+FEFF keeps it).
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&file[..]);
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(format!("the file does not parse: {e}")))?;
        let expected: Vec<Vec<String>> = std::iter::once(header)
            .chain(rows)
            .map(|row| {
                row.into_iter()
                    .map(|c| if starts_like_a_formula(&c) { format!("'{c}") } else { c })
                    .collect()
            })
            .collect();
        prop_assert_eq!(&read, &expected);
        for cell in read.iter().flatten() {
            prop_assert!(!starts_like_a_formula(cell), "{:?} would run as a formula", cell);
        }
    }
}

/// The properties hold on the seeds themselves, which are read in full.
#[test]
fn the_seeds_are_read() {
    for entries in xlsx_seeds() {
        for deflate in [false, true] {
            let bytes = zip_entries(entries, deflate);
            let rows = read_table(&bytes, &bulk_doctors::LIMITS).unwrap();
            assert!(rows.len() >= 4, "{rows:?}");
            check_read(bytes, TIGHT).unwrap();
        }
    }
    for bytes in csv_seeds() {
        let rows = read_table(bytes, &bulk_doctors::LIMITS).unwrap();
        assert_eq!(rows[0][0], "医療機関コード");
        assert_eq!(rows[2][3], "一郎");
    }
}
