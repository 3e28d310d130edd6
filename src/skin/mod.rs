//! Importing the day's skin (the list of booked background casting sends):
//! CSV or XLSX, checked whole, then written all at once or not at all.

mod columns;
mod reimport;
mod rows;
mod table;

pub use columns::Field;
pub use reimport::{Plan, plan};
pub use rows::{SkinRow, split_name};
pub use table::{HEADER_SEARCH_ROWS, Table, TableRow, read_table};

use crate::model::{Booking, BookingSource, Day};
use crate::store::{Store, StoreError};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;

/// One thing wrong with a skin, where it is and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    /// The line the record starts on (header = 1), or the XLSX row number.
    pub line: u64,
    pub column: Option<String>,
    pub what: String,
    pub value: Option<String>,
}

impl fmt::Display for Problem {
    /// `file:line: column: what is wrong (value)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(column) = &self.column {
            write!(f, "{column}: ")?;
        }
        write!(f, "{}", self.what)?;
        if let Some(value) = &self.value {
            write!(f, " ({})", value.replace('\n', " "))?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SkinError {
    #[error(
        "cannot read the skin {path}: {source}; check the file's name and folder, or save it again from the spreadsheet"
    )]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", invalid_message(.0))]
    Invalid(Vec<Problem>),
    #[error(
        "this skin would remove {removed} of the day's {active} bookings (is it this day's file?): nothing was imported; to import it anyway, add --replace"
    )]
    WouldRemoveMost { removed: usize, active: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn invalid_message(problems: &[Problem]) -> String {
    let mut text = format!(
        "the skin has {} problem{}; nothing was imported. Fix the file and import it again:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        text.push_str(&format!("\n  {p}"));
    }
    text
}

/// A skin that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSkin {
    pub file: String,
    pub sha256: String,
    pub rows: Vec<SkinRow>,
    /// Things worth a look that do not stop the import.
    pub warnings: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Removed from the skin after checking in: kept, flagged for the PA.
    pub kept_checked_in: Vec<Booking>,
    pub warnings: Vec<String>,
}

/// Reads and checks a skin file for `day` without touching the store.
pub fn check_file(path: &Path, day: &Day) -> Result<CheckedSkin, SkinError> {
    let bytes = std::fs::read(path).map_err(|source| SkinError::Io {
        path: path.display().to_string(),
        source,
    })?;
    check_bytes(&bytes, &path.display().to_string(), day)
}

/// Checks the bytes of a skin named `file` (the name appears in problems).
pub fn check_bytes(bytes: &[u8], file: &str, day: &Day) -> Result<CheckedSkin, SkinError> {
    let to_problem = |line: u64, column: Option<String>, what: String| Problem {
        file: file.to_string(),
        line,
        column,
        what,
        value: None,
    };
    let is_header = |cells: &[String]| columns::ColumnMap::from_headers(cells).is_ok();
    let table = table::read_table(bytes, file, &is_header).map_err(|read| {
        SkinError::Invalid(
            read.into_iter()
                .map(|p| to_problem(p.line, None, p.what))
                .collect(),
        )
    })?;
    let map = columns::ColumnMap::from_headers(&table.headers).map_err(|header| {
        SkinError::Invalid(
            header
                .into_iter()
                .map(|(column, what)| {
                    let what = match table.header_not_found_in {
                        Some((from, to)) => format!(
                            "{what} (no row from {from} to {to} has the required columns, so row {} was read as the header)",
                            table.header_line
                        ),
                        None => what,
                    };
                    to_problem(table.header_line, Some(column), what)
                })
                .collect(),
        )
    })?;
    let (rows, problems, mut warnings) = rows::check_rows(file, &table.rows, &map, day);
    if !problems.is_empty() {
        return Err(SkinError::Invalid(problems));
    }
    if let Some(read_as) = &table.read_as {
        warnings.insert(0, format!("{file}: {read_as}"));
    }
    if !map.unused.is_empty() {
        warnings.insert(
            0,
            format!(
                "{file}:{}: these columns are not used: {}",
                table.header_line,
                map.unused.join(", ")
            ),
        );
    }
    Ok(CheckedSkin {
        file: file.to_string(),
        sha256: hex::encode(Sha256::digest(bytes)),
        rows,
        warnings,
    })
}

/// How careful an import is.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Allow a skin that removes more than half of the day's bookings (a
    /// wrong file, most often).
    pub replace: bool,
}

/// Imports the skin at `path` into `day`: checks it whole, matches it
/// against the day's bookings, and writes every change in one transaction.
pub fn import(
    store: &mut Store,
    day: &Day,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportReport, SkinError> {
    let skin = check_file(path, day)?;
    import_checked(store, day, skin, options)
}

/// Writes a skin that [`check_file`] or [`check_bytes`] accepted.
pub fn import_checked(
    store: &mut Store,
    day: &Day,
    skin: CheckedSkin,
    options: ImportOptions,
) -> Result<ImportReport, SkinError> {
    store.require_lead()?;
    let existing = store.bookings_with_arrival(day)?;
    let mut plan = plan(&existing, &skin.rows);
    let active = existing
        .iter()
        .filter(|(b, _)| b.source == BookingSource::Skin && !b.removed_from_skin)
        .count();
    let removed = plan.changes.removed.len();
    if !options.replace && removed > 0 && removed * 2 > active {
        return Err(SkinError::WouldRemoveMost { removed, active });
    }
    plan.changes.file = skin.file;
    plan.changes.file_sha256 = skin.sha256;
    store.apply_skin(day, &plan.changes)?;
    Ok(ImportReport {
        added: plan.changes.added.len(),
        updated: plan.changes.updated.len(),
        unchanged: plan.unchanged,
        removed: plan.changes.removed.len(),
        kept_checked_in: plan.kept_checked_in,
        warnings: skin.warnings,
    })
}
