//! The wrap export: the vouchers payroll pays from (CSV, XLSX, PDF) and the
//! background count for the production report, each file written whole or
//! not at all. Also the purge of contact details after an export.

pub mod changes;
pub mod count;
pub mod csv_files;
pub mod disputes;
pub mod files;
pub mod paper;
pub mod pdf;
mod pen;
pub mod review;
pub mod summary;
pub mod vouchers;
pub mod xlsx;

pub use files::Privacy;
pub use vouchers::{Marks, Voucher, VoucherStatus, vouchers};

use crate::fonts::FontBook;
use crate::model::{Day, Money, Strokes};
use crate::pay::PayError;
use crate::store::{Actor, NewEvent, Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{badge} ({name}) was released with a {what} started and never ended: \
         end it at the time it ended (their own meal end, with that time), then export again"
    )]
    OpenMeal {
        badge: String,
        name: String,
        what: String,
    },
    #[error(
        "{badge} has a bump of kind '{kind}' this version does not know: remove it and record it again"
    )]
    UnknownBump { badge: String, kind: String },
    #[error("{badge} ({name}): {source}")]
    Pay {
        badge: String,
        name: String,
        source: PayError,
    },
    #[error(
        "{} still checked in and not released:\n  {}\nrelease them (or wrap their holding area), or export with --allow-open to list them as not_released",
        if .0.len() == 1 { "1 extra is".to_string() } else { format!("{} extras are", .0.len()) },
        .0.join("\n  ")
    )]
    StillHere(Vec<String>),
    #[error(
        "the hub may not have every kiosk's events yet:\n  {}\nsync those kiosks (or bring them in range), retire a kiosk switched off for good (`hub retire`), or export with --allow-unsynced",
        .0.join("\n  ")
    )]
    Unsynced(Vec<String>),
    #[error(
        "{count} released voucher{} not approved, and this day requires approval before payroll: \
         review them with `extras-kiosk voucher review` and approve them (`extras-kiosk voucher approve`), \
         or export with --allow-unapproved",
        if *.count == 1 { " is" } else { "s are" }
    )]
    Unapproved { count: usize },
    #[error(
        "cannot write {path}: {source}; nothing else was written after it: check that the stick is plugged in and has space, then export again"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the export folder {0} does not exist or is not a folder: mount the stick or create it"
    )]
    NoFolder(PathBuf),
    #[error(
        "the XLSX file could not be made: {0}; export again, or export CSV and PDF only (--format)"
    )]
    Xlsx(String),
    #[error("{0}; export again, or export CSV and XLSX only (--format)")]
    Pdf(String),
    #[error(
        "the vouchers of {0} have not been exported yet: run `extras-kiosk export` first, then purge"
    )]
    NotExported(String),
}

/// The files an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Pdf,
    Xlsx,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Format, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(format!("'{other}' is not a format: write csv, pdf or xlsx")),
        }
    }
}

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    /// Export even with extras not released (they are `not_released`).
    pub allow_open: bool,
    /// Export even while a kiosk of the production may hold events the
    /// hub has not received (a kiosk switched off, out of range).
    pub allow_unsynced: bool,
    /// Export even with released vouchers not approved, on a day that
    /// requires approval (`day require-approval yes`).
    pub allow_unapproved: bool,
    /// The paper of `paper-vouchers-<date>.pdf`, written when someone
    /// asked for a paper voucher.
    pub paper: paper::VoucherPaper,
}

/// What an export wrote, with its totals.
#[derive(Debug, Clone)]
pub struct ExportSummary {
    pub files: Vec<PathBuf>,
    pub privacy: Privacy,
    pub vouchers: usize,
    pub released: usize,
    pub not_released: usize,
    pub no_shows: usize,
    pub gross: Money,
}

/// A step of a long export, for a progress bar: (what, done, of).
pub type Progress<'a> = &'a mut dyn FnMut(&str, usize, usize);

/// The day's vouchers by its rules, refusing open meals of released
/// extras, each with its review's marks (dispute, approval).
pub fn day_vouchers(store: &Store, day: &Day) -> Result<Vec<Voucher>, ExportError> {
    let rules = store.day_rules(day)?;
    let mut vouchers = vouchers(store.time_cards(day)?, &rules)?;
    let reviews = review::review_of(store, day, &vouchers)?;
    for (v, r) in vouchers.iter_mut().zip(reviews) {
        v.marks = Marks {
            dispute: r.dispute,
            approval_note: r
                .approval
                .as_ref()
                .map(|a| a.note.clone())
                .unwrap_or_default(),
            approved: r.approval.map(|a| (a.by, a.at)),
        };
    }
    Ok(vouchers)
}

/// What the voucher pages of `day` show besides the vouchers: signatures
/// and change logs.
pub fn page_notes(store: &Store, day: &Day) -> Result<pdf::PageNotes, ExportError> {
    Ok(pdf::PageNotes {
        signatures: signatures(store, day)?,
        changes: changes::changes(store, day)?,
    })
}

/// Signatures given at the kiosk, by booking: strokes of (x, y) in 0..1.
fn signatures(store: &Store, day: &Day) -> Result<HashMap<i64, Strokes>, ExportError> {
    let mut found = HashMap::new();
    for event in store.events_of_kinds(&["voucher_signed"])? {
        if event.day_id != Some(day.id) {
            continue;
        }
        let (Some(booking), Ok(payload)) = (
            event.booking_id,
            serde_json::from_str::<serde_json::Value>(&event.payload),
        ) else {
            continue;
        };
        if let Ok(strokes) = serde_json::from_value::<Strokes>(payload["strokes"].clone()) {
            found.insert(booking, strokes);
        }
    }
    Ok(found)
}

/// Exports `day` as `request` asks and records the export in the log.
pub fn export(
    store: &mut Store,
    day: &Day,
    request: &ExportRequest,
    at: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<ExportSummary, ExportError> {
    if !request.out_dir.is_dir() {
        return Err(ExportError::NoFolder(request.out_dir.clone()));
    }
    if !request.allow_unsynced {
        let behind: Vec<String> = store
            .unsynced_kiosks(at)?
            .into_iter()
            .map(|(k, why)| match k.name {
                Some(name) => format!("{name} ({}): {why}", k.id),
                None => format!("kiosk {}: {why}", k.id),
            })
            .collect();
        if !behind.is_empty() {
            return Err(ExportError::Unsynced(behind));
        }
    }
    let vouchers = day_vouchers(store, day)?;
    let open: Vec<String> = vouchers
        .iter()
        .filter(|v| v.status == VoucherStatus::NotReleased)
        .map(|v| {
            format!(
                "{} {} ({})",
                v.card.booking.badge_no,
                v.name(),
                v.card.area_name.as_deref().unwrap_or("no area")
            )
        })
        .collect();
    if !open.is_empty() && !request.allow_open {
        return Err(ExportError::StillHere(open));
    }
    if !request.allow_unapproved && store.approval_required(day)? {
        let count = vouchers
            .iter()
            .filter(|v| v.status == VoucherStatus::Released && v.marks.approved.is_none())
            .count();
        if count > 0 {
            return Err(ExportError::Unapproved { count });
        }
    }

    let date = day.date;
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    for format in &request.formats {
        match format {
            Format::Csv => {
                outputs.push((
                    format!("vouchers-{date}.csv"),
                    csv_files::vouchers_csv(day, &vouchers),
                ));
                outputs.push((
                    format!("background-count-{date}.csv"),
                    csv_files::count_csv(&vouchers),
                ));
            }
            Format::Xlsx => outputs.push((
                format!("vouchers-{date}.xlsx"),
                xlsx::vouchers_xlsx(day, &vouchers)
                    .map_err(|e| ExportError::Xlsx(e.to_string()))?,
            )),
            Format::Pdf => {
                let fonts = FontBook::new();
                let notes = page_notes(store, day)?;
                let total = vouchers.len();
                let bytes = pdf::vouchers_pdf(day, &vouchers, &notes, &fonts, |done| {
                    progress("PDF vouchers", done, total)
                })
                .map_err(ExportError::Pdf)?;
                outputs.push((format!("vouchers-{date}.pdf"), bytes));
            }
        }
    }
    outputs.push((
        format!("items-out-{date}.csv"),
        csv_files::items_out_csv(day, &store.items(day, None, true)?),
    ));
    let on_paper = paper::paper_vouchers(&vouchers);
    if !on_paper.is_empty() {
        let fonts = FontBook::new();
        outputs.push((
            format!("paper-vouchers-{date}.pdf"),
            paper::paper_vouchers_pdf(day, &on_paper, request.paper, &fonts)
                .map_err(ExportError::Pdf)?,
        ));
    }
    let mut files = Vec::new();
    let mut privacy = Privacy::OwnerOnly;
    let n = outputs.len();
    for (i, (name, bytes)) in outputs.iter().enumerate() {
        let (path, p) = files::write_whole(&request.out_dir, name, bytes).map_err(|source| {
            ExportError::Write {
                path: request.out_dir.join(name),
                source,
            }
        })?;
        if p == Privacy::NoPermissions {
            privacy = p;
        }
        files.push(path);
        progress("files", i + 1, n);
    }

    let count = |s: VoucherStatus| vouchers.iter().filter(|v| v.status == s).count();
    let summary = ExportSummary {
        files,
        privacy,
        vouchers: vouchers.len(),
        released: count(VoucherStatus::Released),
        not_released: count(VoucherStatus::NotReleased),
        no_shows: count(VoucherStatus::NoShow),
        gross: Money(vouchers.iter().map(|v| v.gross().0).sum()),
    };
    store.record(&NewEvent {
        kind: "vouchers_exported",
        day_id: Some(day.id),
        booking_id: None,
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({
            "files": summary.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            "vouchers": summary.vouchers,
            "not_released": summary.not_released,
            "gross_cents": summary.gross.0,
        }),
    })?;
    Ok(summary)
}

/// Whether the vouchers of `day` were exported at least once.
pub fn was_exported(store: &Store, day: &Day) -> Result<bool, ExportError> {
    Ok(store
        .events_of_kinds(&["vouchers_exported"])?
        .iter()
        .any(|e| e.day_id == Some(day.id)))
}

/// Removes the day's phone numbers and emails, once its vouchers were
/// exported. Returns how many people had any.
pub fn purge(store: &mut Store, day: &Day) -> Result<usize, ExportError> {
    if !was_exported(store, day)? {
        return Err(ExportError::NotExported(day.date.to_string()));
    }
    Ok(store.purge_contacts(day)?)
}
