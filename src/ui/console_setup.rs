//! The console's actions on the day's set-up, with no Slint types: holding
//! areas (added, changed, meals, wraps), requests and disputes, walk-ins,
//! the scan mode, the PIN, the settings and backups.

use super::console_controller::{Changed, ConsoleController};
use super::console_forms::{
    AreaForm, ConsoleError, Notice, Outcome, SettingsForm, WalkInForm, badge_list,
};
use super::printing::print_badge;
use crate::kiosk::{Group, MealKind, RequestKind, ScanMode, public_name};
use crate::model::{Booking, HoldingArea};
use chrono::{DateTime, Utc};
use std::path::Path;

impl ConsoleController {
    /// Picks the area `id` on the areas tab; returns it to fill the form.
    pub fn select_area(&self, id: i64) -> Option<HoldingArea> {
        let area = self.areas().into_iter().find(|a| a.id == id);
        self.selected_area.set(area.as_ref().map(|a| a.id));
        self.changed(Changed::Day);
        area
    }

    fn picked_area(&self) -> Result<HoldingArea, ConsoleError> {
        let id = self.selected_area.get();
        self.areas()
            .into_iter()
            .find(|a| Some(a.id) == id)
            .ok_or(ConsoleError::NoAreaPicked)
    }

    /// Adds an area (`new`), or changes the one picked, as the form says.
    pub fn save_area(&self, new: bool, form: &AreaForm) -> Outcome {
        let spec = form.spec()?;
        let picked = if new {
            None
        } else {
            Some(self.picked_area()?.id)
        };
        self.record(|k, _| match picked {
            None => Ok(format!("{} added.", k.add_area(&spec)?.name)),
            Some(id) => Ok(format!("{} saved.", k.change_area(id, &spec)?.name)),
        })
    }

    /// The time typed (`HH:MM`, `HH:MM+1`), or now when empty.
    fn typed_time(&self, text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, ConsoleError> {
        match (text.trim(), self.day()) {
            ("", _) | (_, None) => Ok(now),
            (text, Some(day)) => day
                .parse_at(text)
                .map_err(|e| ConsoleError::Input(format!("the time: {e}"))),
        }
    }

    /// Starts or ends a meal or NDB for everyone in the area picked.
    pub fn area_meal(&self, kind: MealKind, start: bool, at: &str) -> Outcome {
        let area = self.picked_area()?;
        let at = self.typed_time(at, self.now())?;
        self.record(|k, _| {
            let n = k.meal(&Group::Area(area.name.clone()), kind, start, at)?;
            Ok(format!(
                "{} {} for {n} in {}.",
                if kind == MealKind::Ndb { "NDB" } else { "Meal" },
                if start { "started" } else { "ended" },
                area.name
            ))
        })
    }

    /// Wraps the area picked at `at`, keeping back the badges in `keep`.
    pub fn wrap_area(&self, keep: &str, at: &str) -> Outcome {
        let area = self.picked_area()?;
        let at = self.typed_time(at, self.now())?;
        let keep = badge_list(keep);
        self.record(|k, _| {
            let n = k.wrap(Some(&area.name), &keep, at)?;
            Ok(format!(
                "{} wrapped: {n} released{}.",
                area.name,
                match keep.len() {
                    0 => String::new(),
                    kept => format!(", {kept} kept back"),
                }
            ))
        })
    }

    /// Approves a request (check in, reissue, print), verifies paperwork,
    /// or accepts a dispute (by the console's approver).
    pub fn approve(&self, request_id: &str, note: &str) -> Outcome {
        let kind = self
            .requests()
            .iter()
            .find(|r| r.event_id == request_id)
            .map(|r| r.kind);
        let approved = self.record(|k, now| match kind {
            Some(RequestKind::Paperwork) => {
                let b = k.verify_paperwork_request(request_id, note, now)?;
                Ok(format!(
                    "The paperwork of {} {} is verified.",
                    b.badge_no,
                    b.details.full_name()
                ))
            }
            Some(RequestKind::Dispute) => {
                let by = self.approver_name()?;
                let d = k.accept_dispute(request_id, &by, note, now)?;
                Ok(format!(
                    "The dispute of {} ({}) is accepted by {by}.",
                    d.booking.badge_no,
                    d.about.words()
                ))
            }
            _ => {
                let b = k.approve_request(request_id, note, now)?;
                Ok(b.badge_no)
            }
        })?;
        if matches!(kind, Some(RequestKind::Dispute | RequestKind::Paperwork)) {
            return Ok(approved);
        }
        let (booking, printed) = self.print_new_badge(&approved.0)?;
        Ok(Notice(format!(
            "{} {} checked in; badge reissued. {printed}",
            booking.badge_no,
            public_name(&booking)
        )))
    }

    /// Prints the badge `badge_no` was just given: the booking, and what
    /// printing did (a failed print is said, not an error: it is recorded).
    fn print_new_badge(&self, badge_no: &str) -> Result<(Booking, String), ConsoleError> {
        let booking = self
            .station
            .borrow_mut()
            .kiosk()
            .and_then(|k| k.booking(badge_no))?;
        let printed =
            print_badge(&self.station.borrow(), &booking).unwrap_or_else(|e| e.to_string());
        Ok((booking, printed))
    }

    pub fn dismiss(&self, request_id: &str, note: &str) -> Outcome {
        let is_dispute = self
            .requests()
            .iter()
            .any(|r| r.event_id == request_id && r.kind == RequestKind::Dispute);
        if is_dispute {
            let by = self.approver_name()?;
            return self.record(|k, now| {
                let d = k.reject_dispute(request_id, &by, note, now)?;
                Ok(format!(
                    "The dispute of {} ({}) is rejected by {by}.",
                    d.booking.badge_no,
                    d.about.words()
                ))
            });
        }
        self.record(|k, now| {
            let r = k.dismiss_request(request_id, note, now)?;
            Ok(match r.kind {
                RequestKind::Paperwork => format!(
                    "The paperwork of {} {} is rejected: {}",
                    r.booking.badge_no,
                    r.booking.details.full_name(),
                    note.trim()
                ),
                _ => format!("Dismissed the request of {}.", r.booking.badge_no),
            })
        })
    }

    /// Adds a walk-in with the next badge number, and prints their badge.
    pub fn add_walk_in(&self, form: &WalkInForm) -> Outcome {
        let details = form.details(self.now())?;
        let added = self.record(|k, now| Ok(k.walk_in(&details, now)?.badge_no))?;
        let (booking, printed) = self.print_new_badge(&added.0)?;
        Ok(Notice(format!(
            "Walk-in {} {} added. {printed}",
            booking.badge_no,
            booking.details.full_name()
        )))
    }

    /// Switches what a scan records.
    pub fn set_mode(&self, mode: ScanMode) -> Outcome {
        self.station.borrow_mut().set_mode(mode)?;
        self.changed(Changed::Day);
        Ok(Notice(match mode {
            ScanMode::CheckOut => {
                "Check-out mode: a scan releases the extra and shows their voucher.".into()
            }
            ScanMode::CheckIn => "Check-in mode.".into(),
        }))
    }

    pub fn change_pin(&self, pin: &str) -> Outcome {
        self.station.borrow_mut().set_pin(pin, self.now())?;
        Ok(Notice("The PIN is changed.".into()))
    }

    /// The settings as they are now, for the settings tab.
    pub fn settings(&self) -> SettingsForm {
        let mut station = self.station.borrow_mut();
        let device = station.device().clone();
        let union_required = station
            .day_settings()
            .ok()
            .and_then(|d| d.union_required)
            .map(|n| n.to_string())
            .unwrap_or_default();
        SettingsForm {
            printer: device.printer.unwrap_or_default(),
            kiosk_name: station.kiosk_name().unwrap_or_default().to_string(),
            union_required,
            volume: device.volume,
        }
    }

    /// Keeps the settings typed: the device's, then the day's.
    pub fn save_settings(&self, form: &SettingsForm) -> Outcome {
        let union_required = form.union_required()?;
        let mut station = self.station.borrow_mut();
        let mut device = station.device().clone();
        let printer = form.printer.trim();
        device.printer = (!printer.is_empty()).then(|| printer.to_string());
        device.volume = form.volume.clamp(0.0, 1.0);
        station.save_device(device)?;
        station.set_kiosk_name(&form.kiosk_name)?;
        if station.day().is_some() {
            let mut day = station.day_settings()?;
            day.union_required = union_required;
            station.save_day_settings(&day)?;
        }
        drop(station);
        self.changed(Changed::Day);
        Ok(Notice("Settings saved.".into()))
    }

    /// Backs the database up into `folder`.
    pub fn backup(&self, folder: &Path) -> Outcome {
        let path = self.station.borrow().backup(folder, self.now())?;
        Ok(Notice(format!("Backed up to {}.", path.display())))
    }
}
