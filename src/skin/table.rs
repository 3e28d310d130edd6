//! Turning a skin or areas file into a header row and text rows, each with
//! the line or sheet row it starts on: CSV in UTF-8, UTF-16 (with its byte
//! order mark) or Windows-1252 (as Excel saves "CSV"), comma- or
//! tab-separated, or the first sheet of an XLSX workbook, whose header may
//! sit below a title.

use calamine::{Data, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::io::Cursor;

/// One row of the file, cells as text.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The line the record starts on (CSV, header = 1) or the sheet's row
    /// number (XLSX).
    pub line: u64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub header_line: u64,
    pub rows: Vec<TableRow>,
    /// How the file was read when that is worth a look (an encoding that
    /// is not UTF-8), in a sentence.
    pub read_as: Option<String>,
    /// The rows searched for the header when none of them had the
    /// required columns (the first non-blank row is the header then).
    pub header_not_found_in: Option<(u64, u64)>,
}

/// How many rows are searched for the header (title rows above it).
pub const HEADER_SEARCH_ROWS: u64 = 10;

/// Why a file is not a table at all, or a row that cannot be read as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadProblem {
    pub line: u64,
    pub what: String,
}

fn problem(line: u64, what: impl Into<String>) -> ReadProblem {
    ReadProblem {
        line,
        what: what.into(),
    }
}

/// Whether `bytes` look like a zip archive (XLSX is one).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads `bytes` as XLSX when they are a zip archive or the name says so,
/// else as delimited text. The header is the first row, among the first
/// [`HEADER_SEARCH_ROWS`], that `is_header` accepts; when none does, the
/// first non-blank row (and the caller names the rows searched).
pub fn read_table(
    bytes: &[u8],
    name: &str,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Result<Table, Vec<ReadProblem>> {
    let lower = name.to_ascii_lowercase();
    let (rows, read_as) = if is_zip(bytes) || lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        (read_xlsx(bytes)?, None)
    } else {
        let text = decode(bytes)?;
        let tabs = lower.ends_with(".tsv") || tab_separated(&text.text);
        let rows = read_delimited(&text.text, if tabs { b'\t' } else { b',' })?;
        let read_as = text.encoding.map(|encoding| note(encoding, &rows));
        (rows, read_as)
    };
    finish(rows, read_as, is_header)
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// A text file decoded, and the encoding when it was not UTF-8.
struct Decoded {
    text: String,
    encoding: Option<&'static Encoding>,
}

/// Decodes a text file: a byte-order mark first (UTF-8, UTF-16), then
/// UTF-8, then Windows-1252, which every byte sequence is.
fn decode(bytes: &[u8]) -> Result<Decoded, Vec<ReadProblem>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![problem(
            1,
            "the file is empty: a skin starts with a header row (first_name,last_name,category,union,...)",
        )]);
    }
    let (text, encoding) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(vec![problem(
                    1,
                    format!(
                        "the file starts as {} text but is not: save it again as \"CSV UTF-8\"",
                        encoding.name()
                    ),
                )]);
            }
            let encoding = (encoding != UTF_8).then_some(encoding);
            (text.into_owned(), encoding)
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(_) => {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), Some(WINDOWS_1252))
            }
        },
    };
    if text.chars().take(8192).any(|c| c == '\0') {
        return Err(vec![problem(
            1,
            "this is not a CSV or XLSX file (it holds binary data): export the skin as CSV (UTF-8) or XLSX",
        )]);
    }
    Ok(Decoded { text, encoding })
}

/// A file whose first non-blank line has tabs and no commas is
/// tab-separated (Excel's "Unicode Text", a `.tsv` under another name).
fn tab_separated(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.contains('\t') && !l.contains(','))
}

/// The line that says how the file was read, with one decoded name to
/// check by eye.
fn note(encoding: &'static Encoding, rows: &[TableRow]) -> String {
    let sample = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |c| (r.line, c)))
        .find(|(_, c)| !c.is_ascii());
    let how = if encoding == WINDOWS_1252 {
        "read as Windows-1252, as Excel's CSV is; check the accented names".to_string()
    } else {
        format!("read as {} (Excel's Unicode Text)", encoding.name())
    };
    match sample {
        Some((line, cell)) => format!("{how} (line {line}: {})", cell.trim()),
        None => how,
    }
}

fn read_delimited(text: &str, delimiter: u8) -> Result<Vec<TableRow>, Vec<ReadProblem>> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                return Err(vec![problem(
                    line,
                    format!("this line cannot be read as CSV: {e}"),
                )]);
            }
        }
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(0);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if !blank(&cells) {
            rows.push(TableRow { line, cells });
        }
    }
    Ok(rows)
}

/// Line numbers from byte offsets. The csv crate's own line count drifts
/// on CRLF files, so records are placed by counting `\n` up to where their
/// first cell starts.
struct LineCounter<'b> {
    bytes: &'b [u8],
    counted_to: usize,
    newlines: u64,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter {
            bytes,
            counted_to: 0,
            newlines: 0,
        }
    }

    /// The 1-based line of the first non-terminator byte at or after
    /// `offset`. Offsets must not decrease between calls.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut start = (offset as usize).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.counted_to {
            self.newlines += memchr_count(&self.bytes[self.counted_to..start]);
            self.counted_to = start;
        }
        self.newlines + 1
    }
}

fn memchr_count(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// Picks the header among the non-blank `rows` and checks there is
/// something below it.
fn finish(
    mut rows: Vec<TableRow>,
    read_as: Option<String>,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Result<Table, Vec<ReadProblem>> {
    if rows.is_empty() {
        return Err(vec![problem(
            1,
            "the file has no header row: a skin starts with first_name,last_name,category,union,...",
        )]);
    }
    let searched = rows
        .iter()
        .take_while(|r| r.line <= HEADER_SEARCH_ROWS)
        .position(|r| is_header(&r.cells));
    let (at, header_not_found_in) = match searched {
        Some(at) => (at, None),
        None => (0, Some((1, HEADER_SEARCH_ROWS))),
    };
    let header = rows.remove(at);
    let rows = rows.split_off(at);
    if rows.is_empty() {
        return Err(vec![problem(
            header.line + 1,
            "there are no bookings below the header row",
        )]);
    }
    Ok(Table {
        headers: header.cells,
        header_line: header.line,
        rows,
        read_as,
        header_not_found_in,
    })
}

/// Excel stores times as fractions of a day: 0.2708333 is 06:30.
fn excel_time(fraction_of_day: f64) -> String {
    let minutes = (fraction_of_day.fract() * 1440.0).round() as i64 % 1440;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => excel_time(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            // "1899-12-31T06:30:00" or "06:30:00": keep the time of day.
            let time = s.rsplit('T').next().unwrap_or(s);
            time.get(..5).unwrap_or(time).to_string()
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<TableRow>, Vec<ReadProblem>> {
    let unreadable = |what: String| {
        vec![problem(
            1,
            format!(
                "this XLSX workbook cannot be read ({what}): save it again from the spreadsheet, or export CSV"
            ),
        )]
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(unreadable(e.to_string())),
        None => return Err(unreadable("it has no sheet".into())),
    };
    let first_row = range.start().map(|(row, _)| u64::from(row)).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| TableRow {
            line: first_row + i as u64 + 1,
            cells: row.iter().map(cell_text).collect(),
        })
        .filter(|row| !blank(&row.cells))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_name(cells: &[String]) -> bool {
        cells.iter().any(|c| c == "name")
    }

    fn read(bytes: &[u8], file: &str) -> Result<Table, Vec<ReadProblem>> {
        read_table(bytes, file, &has_name)
    }

    #[test]
    fn csv_records_keep_the_line_they_start_on() {
        let text =
            "\u{feff}name,notes\r\n\"O'Brien, Pat\",\"two\nlines\"\r\n\r\nZoë Ng,\"a, b\"\r\n";
        let table = read(text.as_bytes(), "skin.csv").unwrap();
        assert_eq!(table.headers, vec!["name", "notes"]);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[0].cells[1], "two\nlines");
        assert_eq!(table.rows[1].line, 5);
        assert_eq!(table.rows[1].cells, vec!["Zoë Ng", "a, b"]);
        assert_eq!(table.read_as, None);
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(read(b"", "x.csv").unwrap_err()[0].what.contains("empty"));
        assert!(
            read(b"a,b\n", "x.csv").unwrap_err()[0]
                .what
                .contains("no bookings")
        );
        let garbage = [0u8, 159, 146, 150, 255, 0, 1, 2];
        assert!(
            read(&garbage, "x.csv").unwrap_err()[0]
                .what
                .contains("binary")
        );
    }

    #[test]
    fn latin1_bytes_are_read_as_windows_1252_and_said_so() {
        let latin1 = b"name,notes\r\nJos\xe9 Mu\xf1oz,x\r\nZo\xeb N\xfa\xf1ez,y\r\n";
        let table = read(latin1, "x.csv").unwrap();
        assert_eq!(table.rows[0].cells[0], "José Muñoz");
        assert_eq!(table.rows[1].cells[0], "Zoë Núñez");
        assert_eq!(table.rows[1].line, 3);
        let note = table.read_as.unwrap();
        assert!(note.contains("Windows-1252"), "{note}");
        assert!(note.contains("line 2: José Muñoz"), "{note}");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_tab_separated_text() {
        let text = "name\tnotes\r\nZoë Núñez\ta, b\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let table = read(&bytes, "skin.txt").unwrap();
        assert_eq!(table.headers, vec!["name", "notes"]);
        assert_eq!(table.rows[0].cells, vec!["Zoë Núñez", "a, b"]);
        assert_eq!(table.rows[0].line, 2);
        assert!(table.read_as.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn tsv_by_name_or_by_its_header() {
        let table = read(b"name\tnotes\nAl Bo\tx, y\n", "skin.csv").unwrap();
        assert_eq!(table.rows[0].cells, vec!["Al Bo", "x, y"]);
        let table = read(b"name\nAl Bo, Jr\tx\n", "skin.tsv").unwrap();
        assert_eq!(table.rows[0].cells, vec!["Al Bo, Jr", "x"]);
    }

    #[test]
    fn the_header_may_sit_below_title_rows() {
        let text = "Casting call,,\nDay 3 of 40,,\n\nname,notes\nAl Bo,x\n";
        let table = read(text.as_bytes(), "x.csv").unwrap();
        assert_eq!(table.header_line, 4);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.header_not_found_in, None);
        let table = read(b"first,notes\nAl Bo,x\n", "x.csv").unwrap();
        assert_eq!(table.header_line, 1);
        assert_eq!(table.header_not_found_in, Some((1, HEADER_SEARCH_ROWS)));
    }

    #[test]
    fn excel_fractions_are_times_of_day() {
        assert_eq!(excel_time(0.2708333333), "06:30");
        assert_eq!(excel_time(45000.75), "18:00");
    }
}
