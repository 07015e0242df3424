//! Tables read from uploaded spreadsheets (XLSX or CSV) under fixed limits, and CSV files
//! written so that no cell can run as a formula.
//!
//! An XLSX file is a ZIP of XML: its size on the wire says nothing about what reading it
//! costs. One cell at XFD1048576 made a grid reader allocate the whole sheet; a 2 MB file can
//! hold 40 million cells or unpack to gigabytes of whitespace. So the ZIP is first unpacked
//! into nothing with a budget (the bytes actually inflated are counted; the sizes the archive
//! claims are not trusted), then the first sheet is read cell by cell, and every cell is
//! checked against the row, column and length limits before the table grows. Memory is
//! bounded by the limits, whatever the file holds.
use crate::error::AppError;
use calamine::{Data, Reader, Xlsx};
use std::io::{self, Cursor, Read};

/// What one uploaded table may hold. Each limit is named in the refusal when exceeded.
#[derive(Debug, Clone, Copy)]
pub struct TableLimits {
    /// Rows including the header row.
    pub max_rows: usize,
    pub max_columns: usize,
    /// Characters of one cell.
    pub max_cell_chars: usize,
    /// Bytes of all ZIP entries of an XLSX once inflated.
    pub max_unpacked_bytes: u64,
    /// Entries of the ZIP (a workbook needs about ten).
    pub max_zip_entries: usize,
}

/// Why a table could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum TableError {
    /// Not a readable XLSX/CSV file.
    Unreadable(String),
    /// Readable, but beyond one of the limits; the message names it.
    OverLimit(String),
}

impl From<TableError> for AppError {
    fn from(e: TableError) -> Self {
        match e {
            TableError::Unreadable(m) => AppError::BadRequest(m),
            TableError::OverLimit(m) => AppError::TooLarge(m),
        }
    }
}

/// Reads the first sheet of an XLSX file (recognised by its ZIP signature) or a CSV file
/// (UTF-8 or Shift_JIS) into rows of trimmed cell text.
pub fn read_table(bytes: &[u8], limits: &TableLimits) -> Result<Vec<Vec<String>>, TableError> {
    if bytes.is_empty() {
        return Err(TableError::Unreadable("ファイルが空です。".into()));
    }
    let mut table = Table::new(limits);
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, limits, &mut table)?;
    } else {
        read_csv(bytes, &mut table)?;
    }
    Ok(table.rows)
}

/// The rows read so far; grows only through [`Table::put`], which enforces the limits.
struct Table<'a> {
    limits: &'a TableLimits,
    rows: Vec<Vec<String>>,
}

impl<'a> Table<'a> {
    fn new(limits: &'a TableLimits) -> Self {
        Self {
            limits,
            rows: Vec::new(),
        }
    }

    /// Places a non-empty cell at (row, column), both counted from 0.
    fn put(&mut self, row: usize, column: usize, text: String) -> Result<(), TableError> {
        let l = self.limits;
        if row >= l.max_rows {
            return Err(TableError::OverLimit(format!(
                "{}行目にデータがあります。1ファイル{}行（見出し行を含む）までです。ファイルを分けてください。",
                row + 1,
                l.max_rows
            )));
        }
        if column >= l.max_columns {
            return Err(TableError::OverLimit(format!(
                "{}行目の{}列目にデータがあります。列は{}列までです。",
                row + 1,
                column + 1,
                l.max_columns
            )));
        }
        let chars = text.chars().count();
        if chars > l.max_cell_chars {
            return Err(TableError::OverLimit(format!(
                "{}行目の{}列目が{chars}文字あります。1つのセルは{}文字までです。",
                row + 1,
                column + 1,
                l.max_cell_chars
            )));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize_with(column + 1, String::new);
        }
        cells[column] = text;
        Ok(())
    }

    /// Starts a new row (CSV: every record is a row, even one of empty cells).
    fn next_row(&mut self) -> Result<usize, TableError> {
        let row = self.rows.len();
        if row >= self.limits.max_rows {
            return Err(TableError::OverLimit(format!(
                "1ファイル{}行（見出し行を含む）までです。ファイルを分けてください。",
                self.limits.max_rows
            )));
        }
        self.rows.push(Vec::new());
        Ok(row)
    }
}

fn read_xlsx(bytes: &[u8], limits: &TableLimits, table: &mut Table) -> Result<(), TableError> {
    check_unpacked_size(bytes, limits)?;
    let unreadable = |e: calamine::XlsxError| {
        TableError::Unreadable(format!(
            "XLSXファイルを読み込めません（{e}）。Excelで「.xlsx」形式で保存し直してください。"
        ))
    };
    let mut workbook: Xlsx<_> =
        contain_panic(|| Xlsx::new(Cursor::new(bytes)).map_err(unreadable))?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| TableError::Unreadable("XLSXファイルにシートがありません。".into()))?;
    let mut cells = contain_panic(|| workbook.worksheet_cells_reader(&first).map_err(unreadable))?;
    while let Some(cell) = contain_panic(|| cells.next_cell().map_err(unreadable))? {
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            // Excel writes formatted empty cells far out; they hold nothing to read.
            continue;
        }
        let (row, column) = cell.get_position();
        table.put(row as usize, column as usize, text)?;
    }
    Ok(())
}

/// Runs a call into calamine, turning a panic into a refusal of the file.
///
/// calamine 0.30 panics on some malformed sheets where it should return an error: a cell
/// `<c t="s"><v>99</v></c>` whose shared-string index is past the end of the table is read
/// as `strings[idx]` (found by `tests/spreadsheet_fuzz.rs`). Such a file is as unreadable as
/// any other broken one and is refused the same way (400, not a 500 from a panicked task).
/// Only calamine's calls run under this: a panic in this module's own code still fails the
/// tests. Whatever calamine did is dropped with the file (nothing is shared across calls).
fn contain_panic<T>(read: impl FnOnce() -> Result<T, TableError>) -> Result<T, TableError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(TableError::Unreadable(
            "XLSXファイルが壊れているため読み込めません。Excelで「.xlsx」形式で保存し直してください。"
                .into(),
        ))
    })
}

/// Inflates every entry into nothing, counting the bytes, and refuses the archive once the
/// count passes the limit: a ZIP bomb costs at most the limit in time and nothing in memory.
fn check_unpacked_size(bytes: &[u8], limits: &TableLimits) -> Result<(), TableError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        TableError::Unreadable(format!(
            "XLSXファイルを読み込めません（{e}）。Excelで「.xlsx」形式で保存し直してください。"
        ))
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if archive.len() > limits.max_zip_entries {
        return Err(TableError::OverLimit(format!(
            "XLSXファイルの中のファイルが{}個あります。{}個までです。",
            archive.len(),
            limits.max_zip_entries
        )));
    }
    let mut unpacked = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| unreadable(&e))?;
        let budget = limits.max_unpacked_bytes - unpacked;
        unpacked +=
            io::copy(&mut entry.take(budget + 1), &mut io::sink()).map_err(|e| unreadable(&e))?;
        if unpacked > limits.max_unpacked_bytes {
            return Err(TableError::OverLimit(format!(
                "XLSXファイルの展開後のサイズが上限（{} MB）を超えます。不要なシートや書式を削除するか、CSV形式で保存してください。",
                limits.max_unpacked_bytes / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

fn read_csv(bytes: &[u8], table: &mut Table) -> Result<(), TableError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Excel in Japan writes CSV in Shift_JIS; accept it as well as UTF-8.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            if had_errors {
                return Err(TableError::Unreadable("CSVファイルの文字コードを判別できません。UTF-8またはShift_JISで保存してください。".into()));
            }
            text
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let row = table.next_row()?;
                for (column, cell) in record.iter().enumerate() {
                    let cell = cell.trim();
                    if !cell.is_empty() {
                        table.put(row, column, cell.to_owned())?;
                    }
                }
            }
            Err(e) => {
                return Err(TableError::Unreadable(format!(
                    "CSVファイルの形式が正しくありません（{e}）。"
                )))
            }
        }
    }
}

/// A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) is written with a leading `'`, which Excel and LibreOffice
/// show as text. Everything users typed (log-in IDs included) reaches the operator's CSVs.
pub fn neutralize_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A CSV file for download: UTF-8 with a byte-order mark (so Excel in Japan reads it as
/// UTF-8), the header, then the rows, every cell through [`neutralize_formula`].
pub fn csv_file<S: AsRef<str>>(header: &[&str], rows: impl IntoIterator<Item = Vec<S>>) -> Vec<u8> {
    // Flexible: a row of another length than the header is written as it is. The default
    // writer refuses it *after* writing its cells and before the line end (the error was
    // ignored here), so the next row continued the same line (found by
    // `tests/spreadsheet_fuzz.rs`).
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(header.iter().map(|c| neutralize_formula(c).into_owned()));
    for row in rows {
        let _ = writer.write_record(
            row.iter()
                .map(|c| neutralize_formula(c.as_ref()).into_owned()),
        );
    }
    writer.into_inner().unwrap_or_default()
}

/// The day after 9999-12-31, the last day an Excel date can be.
const EXCEL_DAYS_END: f64 = 2_958_466.0;

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date cell holds a day count. calamine converts it through chrono's
        // `Duration::milliseconds`, which panics beyond ±2^63 ms (a cell `-1e300` in a date
        // style, found by `tests/spreadsheet_fuzz.rs`): only days Excel can show (up to
        // 9999-12-31) are converted, anything else is read as the number it is.
        Data::DateTime(d) if (0.0..EXCEL_DAYS_END).contains(&d.as_f64()) => d
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const LIMITS: TableLimits = TableLimits {
        max_rows: 11,
        max_columns: 4,
        max_cell_chars: 20,
        max_unpacked_bytes: 64 * 1024,
        max_zip_entries: 12,
    };

    /// A minimal XLSX whose first sheet's `<sheetData>` is `sheet_data`, with optional
    /// shared strings.
    fn xlsx(sheet_data: &str, shared: &[&str]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        put(
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        put(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        );
        let strings: String = shared
            .iter()
            .map(|s| format!("<si><t>{s}</t></si>"))
            .collect();
        put(
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#
            ),
        );
        put(
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
            ),
        );
        zip.finish().unwrap().into_inner()
    }

    fn over_limit(r: Result<Vec<Vec<String>>, TableError>) -> String {
        match r {
            Err(TableError::OverLimit(m)) => m,
            other => panic!("expected a limit refusal, got {other:?}"),
        }
    }

    #[test]
    fn reads_cells_by_position_with_shared_and_inline_strings() {
        let data = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t> 名 </t></is></c></row><row r="3"><c r="B3"><v>1310123458</v></c></row>"#;
        let rows = read_table(&xlsx(data, &["姓"]), &LIMITS).unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["姓".to_string(), String::new(), "名".into()],
                vec![],
                vec![String::new(), "1310123458".into()],
            ]
        );
    }

    #[test]
    fn a_value_far_out_is_refused_naming_the_row_limit_without_building_a_grid() {
        let data =
            r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
        let m = over_limit(read_table(&xlsx(data, &[]), &LIMITS));
        assert!(m.contains("1048576行目") && m.contains("11行"), "{m}");
    }

    #[test]
    fn empty_formatted_cells_far_out_are_ignored() {
        let data = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>"#;
        assert_eq!(
            read_table(&xlsx(data, &[]), &LIMITS).unwrap(),
            vec![vec!["a".to_string()]]
        );
    }

    #[test]
    fn a_column_beyond_the_limit_is_refused_naming_it() {
        let data = r#"<row r="1"><c r="E1"><v>1</v></c></row>"#;
        let m = over_limit(read_table(&xlsx(data, &[]), &LIMITS));
        assert!(m.contains("5列目") && m.contains("4列まで"), "{m}");
    }

    #[test]
    fn a_long_shared_string_is_refused_naming_the_cell_limit() {
        let long = "あ".repeat(21);
        let data = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
        let m = over_limit(read_table(&xlsx(data, &[&long]), &LIMITS));
        assert!(m.contains("21文字") && m.contains("20文字まで"), "{m}");
        let ok = "あ".repeat(20);
        assert!(read_table(&xlsx(data, &[&ok]), &LIMITS).is_ok());
    }

    #[test]
    fn an_archive_that_unpacks_beyond_the_limit_is_refused_before_it_is_parsed() {
        // Whitespace between rows: legal XML, 64 KiB + 1 byte more than the budget allows.
        let padding = " ".repeat(64 * 1024);
        let data = format!(r#"<row r="1"><c r="A1"><v>1</v></c></row>{padding}"#);
        let bytes = xlsx(&data, &[]);
        assert!(bytes.len() < 8 * 1024, "the bomb is small on the wire");
        let m = over_limit(read_table(&bytes, &LIMITS));
        assert!(m.contains("展開後のサイズ") && m.contains("MB"), "{m}");
    }

    #[test]
    fn many_cells_are_refused_at_the_first_one_past_the_rows() {
        let data: String = (1..=100)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
            .collect();
        let m = over_limit(read_table(&xlsx(&data, &[]), &LIMITS));
        assert!(m.contains("12行目"), "{m}");
    }

    /// Found by `tests/spreadsheet_fuzz.rs`: calamine indexed the shared strings with it.
    #[test]
    fn a_shared_string_index_past_the_table_refuses_the_file_without_a_panic() {
        for index in ["1", "99", "4294967295", "18446744073709551615"] {
            let data = format!(r#"<row r="1"><c r="A1" t="s"><v>{index}</v></c></row>"#);
            match read_table(&xlsx(&data, &["姓"]), &LIMITS) {
                Err(TableError::Unreadable(m)) => assert!(m.contains("壊れている"), "{m}"),
                other => panic!("{index}: expected a refusal, got {other:?}"),
            }
        }
    }

    /// Found by `tests/spreadsheet_fuzz.rs`: chrono's `Duration::milliseconds` panicked.
    #[test]
    fn a_date_cell_beyond_the_dates_excel_can_show_is_read_as_its_number() {
        const STYLES: &str = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
        let data = r#"<row r="1"><c r="A1" s="1"><v>47573</v></c><c r="B1" s="1"><v>-1e12</v></c><c r="C1" s="1"><v>1e12</v></c><c r="D1" s="1"><v>2958466</v></c></row>"#;
        let mut bytes = xlsx(data, &[]);
        // The same workbook with a styles part (date format 14 on style 1).
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            zip.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
        }
        zip.start_file("xl/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(STYLES.as_bytes()).unwrap();
        bytes = zip.finish().unwrap().into_inner();
        let rows = read_table(&bytes, &LIMITS).unwrap();
        assert_eq!(
            rows,
            vec![vec![
                "2030-03-31".to_string(),
                "-1000000000000".into(),
                "1000000000000".into(),
                "2958466".into()
            ]]
        );
    }

    /// Found by `tests/spreadsheet_fuzz.rs`: a row longer than the header made the csv
    /// writer stop before its line end, and the next row continued the line.
    #[test]
    fn rows_of_another_length_than_the_header_keep_their_own_lines() {
        let file = csv_file(&["a"], [vec!["1", "2"], vec!["3"], vec![]]);
        assert_eq!(
            std::str::from_utf8(&file[3..]).unwrap(),
            "a\n1,2\n3\n\"\"\n"
        );
    }

    #[test]
    fn cells_that_would_run_as_formulas_are_written_as_text() {
        for (typed, written) in [
            (
                "=HYPERLINK(\"http://x\",\"x\")",
                "'=HYPERLINK(\"http://x\",\"x\")",
            ),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("DR00000001", "DR00000001"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralize_formula(typed), written);
        }
        let file = csv_file(&["ID"], [vec!["=1+1"], vec!["ok"]]);
        assert_eq!(&file[..3], b"\xEF\xBB\xBF");
        assert_eq!(std::str::from_utf8(&file[3..]).unwrap(), "ID\n'=1+1\nok\n");
    }

    #[test]
    fn csv_rows_columns_and_cells_are_limited_like_xlsx() {
        let rows: String = (0..12).map(|i| format!("{i},b\n")).collect();
        assert!(over_limit(read_table(rows.as_bytes(), &LIMITS)).contains("11行"));
        let wide = "a,b,c,d,e\n";
        assert!(over_limit(read_table(wide.as_bytes(), &LIMITS)).contains("5列目"));
        let long = format!("{}\n", "x".repeat(21));
        assert!(over_limit(read_table(long.as_bytes(), &LIMITS)).contains("21文字"));
        // Blank lines are skipped, as the csv crate does.
        let fine = "a,,c\n\nd\n";
        assert_eq!(
            read_table(fine.as_bytes(), &LIMITS).unwrap(),
            vec![
                vec!["a".to_string(), String::new(), "c".into()],
                vec!["d".into()]
            ]
        );
    }
}
