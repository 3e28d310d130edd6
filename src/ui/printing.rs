//! What the kiosk prints: a badge (on the CUPS printer set, or as a PNG in
//! the `badges` folder beside the database when none is) and an extra's
//! voucher copy. No Slint types.

use crate::kiosk::{KioskError, Station};
use crate::model::{Booking, Day};
use crate::report::Voucher;
use std::path::PathBuf;

/// A badge could not be printed or written; what to do is in the text.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Kiosk(#[from] KioskError),
    #[error(
        "the badge could not be printed: {0}; check that the printer is on, has cards and is not paused, then print again (or clear the printer in Settings to write a PNG)"
    )]
    Printer(String),
    #[error(
        "the badge could not be written to {path}: {source}; check the disk has space, or set a printer in Settings"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Prints `booking`'s badge; returns what happened, for the PA.
pub fn print_badge(station: &Station, booking: &Booking) -> Result<String, PrintError> {
    let contents = station.badge_contents(std::slice::from_ref(&booking.badge_no))?;
    let fonts = crate::fonts::FontBook::new();
    let badges: Vec<crate::badge::Badge> = contents
        .iter()
        .map(|c| crate::badge::lay_out(c, &fonts))
        .collect();
    match &station.device().printer {
        Some(printer) => {
            let pdf = crate::badge::write_pdf(&badges, &fonts, crate::badge::Paper::Cr80, |_| {})
                .map_err(PrintError::Printer)?;
            crate::printer::print_pdf(printer, &pdf, 1).map_err(PrintError::Printer)?;
            Ok(format!("Badge sent to {printer}."))
        }
        None => {
            let dir = station
                .database_path()
                .parent()
                .map(|p| p.join("badges"))
                .unwrap_or_else(|| PathBuf::from("badges"));
            let path = dir.join(format!("{}.png", booking.badge_no));
            let png = crate::badge::render_png(&badges[0], &fonts, 300.0);
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, png))
                .map_err(|source| PrintError::Write {
                    path: path.clone(),
                    source,
                })?;
            Ok(format!(
                "No printer is set: the badge is in {}.",
                path.display()
            ))
        }
    }
}

/// Prints an extra's voucher copy, with the changes to their day, on
/// `printer`. Returns whether it went.
pub fn print_voucher_copy(
    printer: &str,
    day: &Day,
    voucher: &Voucher,
    changes: &[crate::report::changes::Change],
) -> bool {
    let fonts = crate::fonts::FontBook::new();
    let notes = crate::report::pdf::PageNotes {
        changes: [(voucher.card.booking.id, changes.to_vec())].into(),
        ..Default::default()
    };
    let Ok(pdf) = crate::report::pdf::vouchers_pdf(
        day,
        std::slice::from_ref(voucher),
        &notes,
        &fonts,
        |_| {},
    ) else {
        return false;
    };
    crate::printer::print_pdf(printer, &pdf, 1).is_ok()
}
