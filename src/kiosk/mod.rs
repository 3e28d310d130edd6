//! The kiosk core, with no screen: scans, check-in and release, holding
//! areas. Every action is one event in the log and its projection change,
//! in one transaction. The screens and the command line call this.

pub mod accounts;
mod approvals;
pub mod assign;
mod bumps;
mod conflicts;
mod corrections;
pub mod day_rules;
mod demo;
pub mod disputes;
pub mod items;
mod links;
pub mod meal_clock;
mod meals;
mod outcome;
mod paperwork;
pub mod phone;
pub mod pin;
mod requests;
pub mod roster;
pub mod settings;
pub mod signing;
mod station;
mod supervisor;

pub use crate::model::TimeField;
pub use accounts::{Role, WebSession, WebUser};
pub use approvals::{Approved, CleanApproval};
pub use conflicts::Conflict;
pub use corrections::Undo;
pub use demo::{DEMO_PIN, DemoBadge, seed_demo};
pub use disputes::{Dispute, DisputeAbout, DisputeClaim, DisputeStatus};
pub use items::{ItemKind, ItemMatch, Notices};
pub use links::{HubState, KioskLink};
pub use meals::{Group, MealKind};
pub use outcome::{AreaRef, ScanOutcome, ScanRefusal, public_name};
pub use requests::{OpenRequest, RequestKind, paperwork_request_id};
pub use settings::{DaySettings, DeviceSettings, Language};
pub use station::{DayAt, Headcount, RosterLine, Station};
pub use supervisor::AreaSpec;

/// How long this thread's last durable commit took: the kiosk's timing
/// figures split a scan into the core's work and the commit by it.
pub fn last_commit_took() -> std::time::Duration {
    crate::store::last_commit_took()
}

use crate::badge::{self, Refusal};
use crate::model::{Booking, BookingDetails, BookingSource, Day, HoldingArea};
use crate::store::{Actor, NewEvent, Production, Recording, Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Whether a scan records an arrival or a departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    CheckIn,
    CheckOut,
}

impl std::str::FromStr for ScanMode {
    type Err = String;
    fn from_str(text: &str) -> Result<ScanMode, String> {
        match text {
            "checkin" | "check-in" => Ok(ScanMode::CheckIn),
            "checkout" | "check-out" => Ok(ScanMode::CheckOut),
            _ => Err(format!("'{text}' is not a mode: write checkin or checkout")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{badge} ({name}) has not checked in: check them in first (scan their badge, or Check in on the roster; after wrap, Check in late)"
    )]
    NotCheckedIn { badge: String, name: String },
    #[error(
        "{badge} ({name}) was already released at {at}: if they are still working, undo the release first"
    )]
    AlreadyReleased {
        badge: String,
        name: String,
        at: String,
    },
    #[error(
        "there is no holding area named '{0}' on this day: check the name against the day's areas"
    )]
    NoSuchArea(String),
    #[error("{0}; nothing was recorded")]
    Meal(String),
    #[error("{0}; nothing was changed")]
    Correction(String),
    #[error("a reason is required: write why")]
    ReasonNeeded,
    #[error("{0}")]
    Pin(String),
    #[error("{0}; nothing was recorded")]
    Bump(String),
    #[error("{0}; the day's rules were not changed")]
    Rules(String),
    #[error("{0}")]
    Signature(String),
    #[error("{0}; nothing was recorded")]
    Item(String),
    #[error("{0}; nothing was changed")]
    Booking(String),
    #[error(
        "that request was already dealt with (here or on another kiosk): pick another one from the list"
    )]
    RequestSettled,
    #[error("{0}; nothing was recorded")]
    Request(String),
    #[error("{0}; nothing was recorded")]
    Dispute(String),
    #[error("{0}; nothing was approved")]
    Approval(String),
    #[error("{0}; nothing was changed")]
    Area(String),
    #[error("{0}; the settings were not changed")]
    Settings(String),
    #[error("{0}")]
    Backup(String),
    #[error("{0}; nothing was changed")]
    Account(String),
    #[error("{0}")]
    Scan(String),
    #[error(
        "the demo day could not be made: {0}; the real kiosk is not affected: start it without --demo"
    )]
    Demo(String),
}

impl KioskError {
    /// Whether trying again later may succeed: the file busy, unreadable
    /// for a moment, or no day open yet (not a refusal of what was asked).
    pub fn is_for_now(&self) -> bool {
        matches!(
            self,
            KioskError::Store(
                StoreError::Sqlite(_) | StoreError::Open { .. } | StoreError::NoCurrentDay
            )
        )
    }
}

impl crate::store::busy::MaybeBusy for KioskError {
    fn is_busy(&self) -> bool {
        matches!(self, KioskError::Store(e) if e.is_busy())
    }
}

/// The kiosk of one day: the store, the day, and the mode it scans in.
pub struct Kiosk<'s> {
    store: &'s mut Store,
    day: Day,
    pub mode: ScanMode,
    /// Read on the first scan: its id and secret never change.
    production: Option<Production>,
}

fn area_ref(areas: &[HoldingArea], id: Option<i64>) -> Option<AreaRef> {
    let area = areas.iter().find(|a| Some(a.id) == id)?;
    Some(AreaRef {
        id: area.id,
        name: area.name.clone(),
        location: area.location.clone(),
    })
}

impl<'s> Kiosk<'s> {
    pub fn new(store: &'s mut Store, day: Day, mode: ScanMode) -> Kiosk<'s> {
        Kiosk {
            store,
            day,
            mode,
            production: None,
        }
    }

    /// A kiosk that is told the production (and its secret) by a screen
    /// that read it once, so a scan does not read it again.
    pub fn with_production(
        store: &'s mut Store,
        day: Day,
        mode: ScanMode,
        production: Option<Production>,
    ) -> Kiosk<'s> {
        Kiosk {
            production,
            ..Kiosk::new(store, day, mode)
        }
    }

    pub fn day(&self) -> &Day {
        &self.day
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// Handles one scanned payload at `at`, records it (refused scans too)
    /// and says what happened. A bad payload is an outcome, not an error.
    /// A scan that meets a busy file is tried again (nothing of a failed
    /// try was kept) before the error is returned.
    pub fn scan(&mut self, payload: &[u8], at: DateTime<Utc>) -> Result<ScanOutcome, KioskError> {
        crate::store::busy::retry(|| self.scan_once(payload, at))
    }

    fn scan_once(&mut self, payload: &[u8], at: DateTime<Utc>) -> Result<ScanOutcome, KioskError> {
        let booking = match self.badge_booking(payload)? {
            Ok(booking) => booking,
            Err(refusal) => return self.refuse(payload, ScanRefusal::Badge(refusal), None, at),
        };
        match self.mode {
            ScanMode::CheckIn => self.check_in(&booking, at, Actor::Kiosk),
            ScanMode::CheckOut => match self.release_one(&booking, at, Actor::Kiosk) {
                Err(KioskError::NotCheckedIn { .. }) => {
                    self.refuse(payload, ScanRefusal::NotCheckedIn, Some(&booking), at)
                }
                other => other,
            },
        }
    }

    /// The booking a scanned badge names, or why the badge is refused;
    /// nothing is recorded.
    pub fn badge_booking(
        &mut self,
        payload: &[u8],
    ) -> Result<Result<Booking, badge::Refusal>, KioskError> {
        if self.production.is_none() {
            self.production = Some(self.store.production()?.ok_or(StoreError::NoCurrentDay)?);
        }
        let production = self.production.as_ref().expect("just read");
        match badge::verify_with(self.store, production, &self.day, payload)? {
            Ok(accepted) => Ok(Ok(self.store.booking(&self.day, &accepted.token.badge)?)),
            Err(refusal) => Ok(Err(refusal)),
        }
    }

    fn refuse(
        &mut self,
        payload: &[u8],
        reason: ScanRefusal,
        booking: Option<&Booking>,
        at: DateTime<Utc>,
    ) -> Result<ScanOutcome, KioskError> {
        let rec = self.store.recording()?;
        // What was scanned, kept short and printable for the history.
        let scanned: String = String::from_utf8_lossy(&payload[..payload.len().min(96)])
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        rec.append(&NewEvent {
            kind: "scan_refused",
            day_id: Some(self.day.id),
            booking_id: booking.map(|b| b.id),
            area_id: None,
            happened_at: at,
            actor: Actor::Kiosk,
            payload: json!({ "reason": reason.code(), "scanned": scanned }),
        })?;
        rec.commit()?;
        Ok(ScanOutcome::Refused {
            reason,
            booking: booking.cloned(),
        })
    }

    /// Records an arrival: a scan, or a supervisor checking someone in
    /// without their badge. A second arrival changes nothing.
    pub fn check_in(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
        actor: Actor,
    ) -> Result<ScanOutcome, KioskError> {
        let areas = self.store.areas(&self.day)?;
        let rec = self.store.recording()?;
        let outcome = check_in_in(&rec, &self.day, &areas, booking, at, actor)?;
        rec.commit()?;
        Ok(outcome)
    }

    /// A supervisor checks in someone who has no badge with them.
    pub fn check_in_without_badge(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
    ) -> Result<ScanOutcome, KioskError> {
        self.check_in(booking, at, Actor::Supervisor)
    }

    /// The day's booking with badge number `badge`.
    pub fn booking(&self, badge: &str) -> Result<Booking, KioskError> {
        Ok(self.store.booking(&self.day, badge)?)
    }

    fn release_one(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
        actor: Actor,
    ) -> Result<ScanOutcome, KioskError> {
        let rec = self.store.recording()?;
        let outcome = release_in(&rec, &self.day, booking, at, actor)?;
        rec.commit()?;
        Ok(outcome)
    }

    /// Releases one extra at `at`.
    pub fn release(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
    ) -> Result<ScanOutcome, KioskError> {
        self.release_one(booking, at, Actor::Supervisor)
    }

    /// Releases everyone present in `area` (or everyone present) at `at`,
    /// in one transaction. Returns how many were released.
    pub fn release_all(
        &mut self,
        area: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<usize, KioskError> {
        self.wrap(area, &[], at)
    }

    /// Releases everyone present in `area` (or everyone present) at `at`
    /// but the badges in `keep` (kept back for another setup), in one
    /// transaction. Returns how many were released.
    pub fn wrap(
        &mut self,
        area: Option<&str>,
        keep: &[String],
        at: DateTime<Utc>,
    ) -> Result<usize, KioskError> {
        let area_id = match area {
            Some(name) => Some(self.area_id(name)?),
            None => None,
        };
        let bookings = self.store.bookings(&self.day)?;
        let rec = self.store.recording()?;
        let present = rec.present(self.day.id, area_id)?;
        let mut released = 0;
        for booking in bookings
            .iter()
            .filter(|b| present.contains(&b.id) && !keep.contains(&b.badge_no))
        {
            release_in(&rec, &self.day, booking, at, Actor::Supervisor)?;
            released += 1;
        }
        rec.commit()?;
        Ok(released)
    }

    /// Moves checked-in extras to the area named `area`.
    pub fn move_to(
        &mut self,
        bookings: &[Booking],
        area: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        let area_id = self.area_id(area)?;
        let areas = self.store.areas(&self.day)?;
        let name_of = |id: Option<i64>| {
            areas
                .iter()
                .find(|a| Some(a.id) == id)
                .map(|a| a.name.clone())
        };
        let rec = self.store.recording()?;
        for booking in bookings {
            let Some(here) = rec.presence(booking.id)? else {
                return Err(not_checked_in(booking));
            };
            rec.set_area(booking.id, area_id)?;
            rec.append(&NewEvent {
                kind: "moved",
                day_id: Some(self.day.id),
                booking_id: Some(booking.id),
                area_id: Some(area_id),
                happened_at: at,
                actor: Actor::Supervisor,
                payload: json!({
                    "badge": booking.badge_no,
                    "from_area": name_of(here.area_id),
                    "to_area": name_of(Some(area_id)),
                }),
            })?;
        }
        rec.commit()?;
        Ok(())
    }

    /// Adds a walk-in: a person not on the skin, booked on the day with the
    /// next badge number. Their call defaults to `at`.
    pub fn walk_in(
        &mut self,
        details: &BookingDetails,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        let rec = self.store.recording()?;
        let (booking_id, badge) = rec.add_booking(self.day.id, details, BookingSource::WalkIn)?;
        rec.append(&NewEvent {
            kind: "walk_in_added",
            day_id: Some(self.day.id),
            booking_id: Some(booking_id),
            area_id: None,
            happened_at: at,
            actor: Actor::Supervisor,
            // Everything the walk-in is, so the event stands on its own on
            // another kiosk (contacts stay out of the log).
            payload: json!({
                "date": self.day.date.to_string(),
                "badge": badge,
                "name": details.full_name(),
                "first_name": details.first_name,
                "last_name": details.last_name,
                "category": details.category.code(),
                "union": details.union.code(),
                "rate_cents": details.rate.map(|r| r.cents()),
                "call_at": crate::store::ts(details.call_at),
            }),
        })?;
        rec.commit()?;
        Ok(self.store.booking(&self.day, &badge)?)
    }

    fn area_id(&self, name: &str) -> Result<i64, KioskError> {
        self.store
            .areas(&self.day)?
            .into_iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.id)
            .ok_or_else(|| KioskError::NoSuchArea(name.to_string()))
    }
}

fn not_checked_in(booking: &Booking) -> KioskError {
    KioskError::NotCheckedIn {
        badge: booking.badge_no.clone(),
        name: booking.details.full_name(),
    }
}

fn record_repeat(
    rec: &Recording<'_>,
    day: &Day,
    booking: &Booking,
    at: DateTime<Utc>,
    actor: Actor,
    outcome: &ScanOutcome,
) -> Result<(), StoreError> {
    rec.append(&NewEvent {
        kind: "scan_repeated",
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: None,
        happened_at: at,
        actor,
        payload: json!({ "badge": booking.badge_no, "outcome": outcome.code() }),
    })?;
    Ok(())
}

/// Records an arrival inside `rec` (a repeat is recorded as one).
fn check_in_in(
    rec: &Recording<'_>,
    day: &Day,
    areas: &[HoldingArea],
    booking: &Booking,
    at: DateTime<Utc>,
    actor: Actor,
) -> Result<ScanOutcome, KioskError> {
    if let Some(here) = rec.presence(booking.id)? {
        let checked_in_at = here.checked_in_at.expect("presence means checked in");
        let outcome = match here.released_at {
            Some(released) => ScanOutcome::AlreadyReleased {
                booking: booking.clone(),
                since: released,
            },
            None => ScanOutcome::AlreadyCheckedIn {
                booking: booking.clone(),
                since: checked_in_at,
                area: area_ref(areas, here.area_id),
                at_kiosk: rec.checked_in_elsewhere(booking.id)?,
            },
        };
        record_repeat(rec, day, booking, at, actor, &outcome)?;
        return Ok(outcome);
    }
    let present = rec.present_by_area(day.id)?;
    let sent = assign::choose_area(
        areas,
        &present,
        booking.details.union,
        booking.details.category,
    );
    let late_minutes = (at - booking.details.call_at).num_minutes().max(0);
    let event = rec.append(&NewEvent {
        kind: "checked_in",
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: sent.area_id,
        happened_at: at,
        actor,
        payload: json!({
            "badge": booking.badge_no,
            "issue": booking.badge_issue,
            "late_minutes": late_minutes,
            "overflow": sent.overflow,
        }),
    })?;
    rec.set_checked_in(booking.id, at, sent.area_id, sent.overflow, &event)?;
    Ok(ScanOutcome::CheckedIn {
        booking: booking.clone(),
        area: area_ref(areas, sent.area_id),
        late_minutes,
        overflow: sent.overflow,
    })
}

/// Releases `booking` inside `rec`; a second release changes nothing.
fn release_in(
    rec: &Recording<'_>,
    day: &Day,
    booking: &Booking,
    at: DateTime<Utc>,
    actor: Actor,
) -> Result<ScanOutcome, KioskError> {
    let Some(here) = rec.presence(booking.id)? else {
        return Err(not_checked_in(booking));
    };
    if let Some(released) = here.released_at {
        let outcome = ScanOutcome::AlreadyReleased {
            booking: booking.clone(),
            since: released,
        };
        record_repeat(rec, day, booking, at, actor, &outcome)?;
        return Ok(outcome);
    }
    let event = rec.append(&NewEvent {
        kind: "released",
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: here.area_id,
        happened_at: at,
        actor,
        payload: json!({ "badge": booking.badge_no }),
    })?;
    rec.set_released(booking.id, at, Some(&event))?;
    Ok(ScanOutcome::Released {
        booking: booking.clone(),
        at,
    })
}

impl From<Refusal> for ScanRefusal {
    fn from(r: Refusal) -> Self {
        ScanRefusal::Badge(r)
    }
}

/// An id made here for something other kiosks will name too (an item, a
/// meal's group): 16 hex digits.
pub(crate) fn new_id() -> String {
    hex::encode(crate::store::random_bytes::<8>())
}

/// An event the PA records about `booking` of `day` at `at`:
/// self-contained, its payload names the day and the badge.
fn pa_event(
    day: &Day,
    kind: &'static str,
    booking: &Booking,
    at: DateTime<Utc>,
    mut payload: serde_json::Value,
) -> NewEvent {
    payload["date"] = json!(day.date.to_string());
    payload["badge"] = json!(booking.badge_no);
    NewEvent {
        kind,
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload,
    }
}
