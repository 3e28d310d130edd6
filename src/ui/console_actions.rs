//! The console's actions: running one on the store with its notice, the
//! roster read again, the typed fields read, badges printed, and the export
//! on a worker thread. `console_adapter.rs` connects the buttons to these.

use super::ConsoleAdapter;
use super::console::Console;
use super::console_adapter::show;
use super::session::Session;
use crate::kiosk::{Kiosk, KioskError, Undo};
use crate::model::HoldingArea;
use crate::report::{self, ExportRequest};
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, SharedString};
use std::path::PathBuf;
use std::rc::Rc;

impl Session {
    /// Runs a console action on the store: its message (or error) becomes
    /// the notice, the roster is read again, and every screen redrawn.
    pub(super) fn console_do(
        &self,
        action: impl FnOnce(
            &mut super::face::Face,
            &mut Console,
            DateTime<Utc>,
        ) -> Result<String, String>,
    ) {
        let now = self.now();
        let result = {
            let mut face = self.face.borrow_mut();
            let mut console = self.console.borrow_mut();
            if face.day.is_none() {
                Err("there is no shoot day".to_string())
            } else {
                action(&mut face, &mut console, now)
            }
        };
        self.reload_console();
        if let Some(w) = self.window.upgrade() {
            let a = w.global::<ConsoleAdapter>();
            match result {
                Ok(message) => {
                    a.set_notice(message.into());
                    a.set_notice_is_error(false);
                    // What was typed for this action is not carried to the next.
                    a.set_reason("".into());
                    a.set_note("".into());
                    a.set_time_text("".into());
                    a.set_area_time("".into());
                    a.set_amount("".into());
                    a.set_keep_back("".into());
                }
                Err(message) => {
                    a.set_notice(message.into());
                    a.set_notice_is_error(true);
                }
            }
        }
        self.touched();
    }

    /// Reads the roster again and redraws the console.
    pub fn reload_console(&self) {
        let now = self.now();
        {
            let face = self.face.borrow();
            if let Some(day) = &face.day {
                let _ = self.console.borrow_mut().load(&face.store, day, now);
            }
        }
        if let Some(w) = self.window.upgrade() {
            show(&w, self);
        }
    }

    /// The time typed in the console (`HH:MM`, `HH:MM+1`), or now.
    pub(super) fn typed_time(
        &self,
        face: &super::face::Face,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, String> {
        let text = self
            .window
            .upgrade()
            .map(|w| w.global::<ConsoleAdapter>().get_area_time().to_string())
            .unwrap_or_default();
        if text.trim().is_empty() {
            return Ok(now);
        }
        let day = face.day.as_ref().expect("a day");
        day.parse_at(text.trim()).map_err(|e| e.to_string())
    }

    pub(super) fn adapter_text(&self, get: impl Fn(&ConsoleAdapter) -> SharedString) -> String {
        self.window
            .upgrade()
            .map(|w| get(&w.global::<ConsoleAdapter>()).trim().to_string())
            .unwrap_or_default()
    }

    pub(super) fn adapter_int(&self, get: impl Fn(&ConsoleAdapter) -> i32) -> i32 {
        self.window
            .upgrade()
            .map(|w| get(&w.global::<ConsoleAdapter>()))
            .unwrap_or(0)
    }

    /// An action on the booking picked in the roster.
    pub(super) fn on_selected(
        &self,
        action: impl FnOnce(
            &mut Kiosk<'_>,
            &crate::model::Booking,
            DateTime<Utc>,
        ) -> Result<String, KioskError>,
    ) {
        self.console_do(|face, console, now| {
            let booking = console
                .selected_booking()
                .cloned()
                .ok_or("pick someone in the roster first")?;
            let mut kiosk = face.kiosk().map_err(|e| e.to_string())?;
            action(&mut kiosk, &booking, now).map_err(|e| e.to_string())
        });
    }

    pub(super) fn reason(&self) -> String {
        self.adapter_text(|a| a.get_reason())
    }

    /// The name of the area at `index` of a picker whose first entry is
    /// "All areas".
    pub(super) fn area_name_at(&self, index: i32) -> Option<String> {
        let face = self.face.borrow();
        let day = face.day.as_ref()?;
        let areas = face.store.areas(day).ok()?;
        usize::try_from(index - 1)
            .ok()
            .and_then(|i| areas.get(i))
            .map(|a| a.name.clone())
    }
}

/// "Undo check-in" or "Undo release" on the booking picked.
pub(super) fn undo(session: &Rc<Session>, what: Undo) -> impl Fn() + 'static {
    let s = session.clone();
    move || {
        let reason = s.reason();
        s.on_selected(move |k, b, now| {
            k.undo(b, what, &reason, now)?;
            let which = match what {
                Undo::CheckIn => "check-in",
                Undo::Release => "release",
            };
            Ok(format!("The {which} of {} was taken back.", b.badge_no))
        })
    }
}

/// What an export wrote, in a sentence for the PA.
pub(super) fn export_text(summary: &report::ExportSummary, request: &ExportRequest) -> String {
    let mut text = format!(
        "Wrote {} files to {}: {} vouchers, {} released, {} not released, {} no-shows, gross ${}.",
        summary.files.len(),
        request.out_dir.display(),
        summary.vouchers,
        summary.released,
        summary.not_released,
        summary.no_shows,
        summary.gross
    );
    if summary.not_released > 0 {
        text.push_str(" Those still here are listed as not released.");
    }
    if summary.privacy == report::Privacy::NoPermissions {
        text.push_str(" This folder keeps no file permissions: keep the stick safe.");
    }
    text
}

impl Session {
    /// Exports on a thread of its own, with a connection of its own, so the
    /// progress bar moves and the kiosk stays responsive; the result comes
    /// back to the console through the event loop.
    pub(super) fn export_in_background(&self, request: ExportRequest) {
        let (path, kiosk_id, day) = {
            let face = self.face.borrow();
            (
                face.store.path().to_path_buf(),
                face.store.kiosk_id().to_string(),
                face.day.clone(),
            )
        };
        let Some(day) = day else { return };
        if self
            .exporting
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            if let Some(w) = self.window.upgrade() {
                w.global::<ConsoleAdapter>()
                    .set_notice("An export is already running: wait for it to finish.".into());
            }
            return;
        }
        let exporting = self.exporting.clone();
        let window = self.window.clone();
        if let Some(w) = window.upgrade() {
            let a = w.global::<ConsoleAdapter>();
            a.set_export_progress(0.0);
            a.set_export_result("Exporting…".into());
        }
        std::thread::spawn(move || {
            let progress_window = window.clone();
            let mut progress = move |_: &str, done: usize, of: usize| {
                let fraction = done as f32 / of.max(1) as f32;
                let _ = progress_window.upgrade_in_event_loop(move |w| {
                    w.global::<ConsoleAdapter>().set_export_progress(fraction)
                });
            };
            let result = crate::store::Store::open(&path)
                .map_err(report::ExportError::from)
                .and_then(|mut store| {
                    store.set_kiosk_id(&kiosk_id);
                    report::export(&mut store, &day, &request, Utc::now(), &mut progress)
                });
            exporting.store(false, std::sync::atomic::Ordering::SeqCst);
            let (text, error) = match result {
                Ok(summary) => (export_text(&summary, &request), false),
                Err(e) => (e.to_string(), true),
            };
            let _ = window.upgrade_in_event_loop(move |w| {
                let a = w.global::<ConsoleAdapter>();
                a.set_export_result(text.clone().into());
                a.set_notice(text.into());
                a.set_notice_is_error(error);
            });
        });
    }
}

pub(super) fn selected_area(
    face: &super::face::Face,
    console: &Console,
) -> Result<HoldingArea, String> {
    let day = face.day.as_ref().expect("a day");
    let areas = face.store.areas(day).map_err(|e| e.to_string())?;
    areas
        .into_iter()
        .find(|a| Some(a.id) == console.selected_area)
        .ok_or_else(|| "pick an area first".into())
}

/// Prints one badge on the kiosk's printer, or writes it as a PNG in the
/// badges folder beside the database when no printer is set.
pub(super) fn print_badge(
    face: &super::face::Face,
    booking: &crate::model::Booking,
) -> Result<String, String> {
    let day = face.day.as_ref().expect("a day");
    let contents =
        crate::badge::contents_for_day(&face.store, day, std::slice::from_ref(&booking.badge_no))
            .map_err(|e| e.to_string())?;
    let fonts = crate::badge::FontBook::new();
    let badges: Vec<crate::badge::Badge> = contents
        .iter()
        .map(|c| crate::badge::lay_out(c, &fonts))
        .collect();
    match &face.printer {
        Some(printer) => {
            let pdf = crate::badge::write_pdf(&badges, &fonts, crate::badge::Paper::Cr80, |_| {})?;
            crate::printer::print_pdf(printer, &pdf, 1)?;
            Ok(format!("Badge sent to {printer}."))
        }
        None => {
            let dir = face
                .store
                .path()
                .parent()
                .map(|p| p.join("badges"))
                .unwrap_or_else(|| PathBuf::from("badges"));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let path = dir.join(format!("{}.png", booking.badge_no));
            let png = crate::badge::render_png(&badges[0], &fonts, 300.0);
            std::fs::write(&path, png).map_err(|e| e.to_string())?;
            Ok(format!(
                "No printer is set: the badge is in {}.",
                path.display()
            ))
        }
    }
}
