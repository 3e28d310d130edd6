//! Turning a skin file (CSV or the first sheet of an XLSX workbook) into a
//! header row and text rows, each with the line or sheet row it starts on.

use calamine::{Data, Reader, Xlsx};
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
}

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
/// else as CSV.
pub fn read_table(bytes: &[u8], name: &str) -> Result<Table, Vec<ReadProblem>> {
    let lower = name.to_ascii_lowercase();
    if is_zip(bytes) || lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn read_csv(bytes: &[u8]) -> Result<Table, Vec<ReadProblem>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![problem(
            1,
            "the file is empty: a skin starts with a header row (first_name,last_name,category,union,...)",
        )]);
    }
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(vec![problem(
            1,
            "this is not a CSV or XLSX file (it holds binary data): export the skin as CSV (UTF-8) or XLSX",
        )]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems = Vec::new();
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                problems.push(problem(
                    line,
                    format!("this line cannot be read as CSV: {e}"),
                ));
                break;
            }
        }
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(0);
        let mut cells = Vec::with_capacity(record.len());
        let mut text_ok = true;
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(text) => cells.push(text.to_string()),
                Err(_) => {
                    text_ok = false;
                    break;
                }
            }
        }
        if !text_ok {
            problems.push(problem(
                line,
                "this line is not UTF-8 text: save the skin as \"CSV UTF-8\"",
            ));
            continue;
        }
        if blank(&cells) {
            continue;
        }
        if header.is_none() {
            header = Some((line, cells));
        } else {
            rows.push(TableRow { line, cells });
        }
    }
    finish(header, rows, problems)
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

fn finish(
    header: Option<(u64, Vec<String>)>,
    rows: Vec<TableRow>,
    mut problems: Vec<ReadProblem>,
) -> Result<Table, Vec<ReadProblem>> {
    let Some((header_line, headers)) = header else {
        problems.push(problem(
            1,
            "the file has no header row: a skin starts with first_name,last_name,category,union,...",
        ));
        return Err(problems);
    };
    if rows.is_empty() && problems.is_empty() {
        problems.push(problem(
            header_line + 1,
            "there are no bookings below the header row",
        ));
    }
    if problems.is_empty() {
        Ok(Table {
            headers,
            header_line,
            rows,
        })
    } else {
        Err(problems)
    }
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

fn read_xlsx(bytes: &[u8]) -> Result<Table, Vec<ReadProblem>> {
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
    let mut header = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let line = first_row + i as u64 + 1;
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if blank(&cells) {
            continue;
        }
        if header.is_none() {
            header = Some((line, cells));
        } else {
            rows.push(TableRow { line, cells });
        }
    }
    finish(header, rows, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_keep_the_line_they_start_on() {
        let text =
            "\u{feff}name,notes\r\n\"O'Brien, Pat\",\"two\nlines\"\r\n\r\nZoë Ng,\"a, b\"\r\n";
        let table = read_table(text.as_bytes(), "skin.csv").unwrap();
        assert_eq!(table.headers, vec!["name", "notes"]);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[0].cells[1], "two\nlines");
        assert_eq!(table.rows[1].line, 5);
        assert_eq!(table.rows[1].cells, vec!["Zoë Ng", "a, b"]);
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(
            read_table(b"", "x.csv").unwrap_err()[0]
                .what
                .contains("empty")
        );
        assert!(
            read_table(b"a,b\n", "x.csv").unwrap_err()[0]
                .what
                .contains("no bookings")
        );
        let garbage = [0u8, 159, 146, 150, 255, 0, 1, 2];
        assert!(
            read_table(&garbage, "x.csv").unwrap_err()[0]
                .what
                .contains("binary")
        );
        let latin1 = b"name,notes\nJos\xe9 Ruiz,x\n";
        let problems = read_table(latin1, "x.csv").unwrap_err();
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].what.contains("UTF-8"));
    }

    #[test]
    fn excel_fractions_are_times_of_day() {
        assert_eq!(excel_time(0.2708333333), "06:30");
        assert_eq!(excel_time(45000.75), "18:00");
    }
}
