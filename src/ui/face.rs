//! The extras' face as a state machine, with no Slint types: what a scan, a
//! touch or a timeout does, through the kiosk station, and what the screen
//! should show next. The name search is in `face_search.rs`, the voucher
//! summary and signature pad in `signature_pad.rs`; `face_adapter.rs` puts
//! it all on the screen.

use super::scan_buffer::ScanBuffer;
use crate::badge::Refusal;
use crate::kiosk::{DisputeAbout, KioskError, ScanOutcome, ScanRefusal, Station, public_name};
use crate::model::{Booking, Strokes};
use crate::pay::BumpKind;
use crate::report::summary::SummaryLine;
use chrono::{DateTime, Utc};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The station a face and a console share.
pub type SharedStation = Rc<RefCell<Station>>;

/// How long a result card stays up.
pub const CARD_SECONDS: u64 = 5;
/// How long an "already here" card with the extra's day so far stays up
/// (there is more to read).
pub const DAY_SO_FAR_SECONDS: u64 = 10;
/// How long the name search waits untouched.
pub const SEARCH_SECONDS: u64 = 30;
/// How long a voucher summary or the signature pad waits untouched.
pub const SUMMARY_SECONDS: u64 = 90;

/// The refusal code of a scan that could not be recorded (the file stayed
/// busy): the card says "Not recorded: scan again".
pub const NOT_RECORDED: &str = "not_recorded";

/// The colour and meaning of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    CheckedIn,
    AlreadyHere,
    Released,
    Refused,
    /// A thank-you after a request, a signature or a dispute.
    Notice,
}

/// The sound a screen makes when it appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Welcome,
    Attention,
    Goodbye,
    Refused,
}

/// What a card says. Words are chosen by the screen (in the extra's
/// language) from `kind` and `reason`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    pub kind: Option<CardKind>,
    /// First name and last initial: all a public screen shows.
    pub name: String,
    pub area: String,
    pub area_note: String,
    /// A local time: the call (when late), since when, or out at.
    pub time: String,
    /// The other kiosk where an extra already here checked in.
    pub at_kiosk: String,
    /// A refusal code (`other_day`, `voided`, ...) or a notice code
    /// (`request`, `signed`, `disputed`).
    pub reason: String,
    /// The date of another day's badge, written for the screen.
    pub reason_arg: String,
    pub late: bool,
    pub see_pa: bool,
    /// An extra already here: their day so far, as if released now.
    pub so_far: Vec<SummaryLine>,
    /// The voucher's arithmetic in one line ("9.4 h: 8.0 h straight, 1.4 h
    /// at 1.5x"), in the extra's language.
    pub arithmetic: String,
    /// The day so far as a copy the extra can keep (a QR code), or empty.
    pub copy: String,
    /// The extra asked for a paper voucher: they collect it from the PA.
    pub paper: bool,
    /// Their start paperwork is pending: see the PA before holding.
    pub paperwork: bool,
    /// What they still have to give back ("Rifle (rubber) P-017 to props"),
    /// or empty.
    pub return_items: String,
}

/// The voucher summary shown at check-out.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub booking: Booking,
    pub name: String,
    pub lines: Vec<SummaryLine>,
    /// The extra's copy, as text for a QR code a phone reads offline.
    pub copy: String,
    pub printed: bool,
    /// A paper voucher: signed with the PA, not on the pad.
    pub paper: bool,
    /// What they still have to give back, or empty (pay is never held).
    pub return_items: String,
    /// A dispute was just filed: "Noted. The AD will look at it."
    pub noted: bool,
}

/// Where the dispute picker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeStep {
    /// What is wrong: a time, a bump, something else.
    What,
    /// The time the extra says it was.
    Time,
    /// Which bump is missing.
    Bump,
    /// A few words, optional; then Send.
    Words,
}

/// A dispute being put together on the face.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeDraft {
    /// The summary it came from (and goes back to).
    pub summary: Summary,
    pub step: DisputeStep,
    pub about: Option<DisputeAbout>,
    /// The time recorded for the field, when there is one.
    pub recorded: Option<DateTime<Utc>>,
    /// Where the picker started, and the time it shows now.
    pub start: Option<DateTime<Utc>>,
    pub claimed: Option<DateTime<Utc>>,
    pub bump: Option<BumpKind>,
    pub words: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaceState {
    Idle,
    Card(Card),
    Search {
        text: String,
        matches: Vec<Booking>,
    },
    Summary(Summary),
    Signature {
        summary: Summary,
        strokes: Strokes,
    },
    /// "Something's wrong": the dispute picker.
    Dispute(Box<DisputeDraft>),
    /// The database has no current day: what to do instead.
    NoDay(String),
}

/// The extras' face of one kiosk.
pub struct Face {
    pub(super) station: SharedStation,
    pub spanish: bool,
    pub state: FaceState,
    /// Counts state changes, so a timer set for an older screen does nothing.
    pub generation: u64,
    /// A warning for the PA shown before anyone scans (a wrong clock).
    pub pa_warning: Option<String>,
    buffer: ScanBuffer,
    /// Everyone not yet checked in, read when the search opens.
    pub(super) search_pool: Vec<Booking>,
}

pub use super::face_words::{arithmetic, date_words};

impl Face {
    /// The face of the station's current day (or a "no day" screen).
    pub fn new(station: SharedStation) -> Face {
        let state = {
            let s = station.borrow();
            match s.day() {
                Some(_) => FaceState::Idle,
                None => FaceState::NoDay(s.no_day_text()),
            }
        };
        let spanish = station.borrow().device().language == crate::kiosk::Language::Spanish;
        Face {
            station,
            spanish,
            state,
            generation: 0,
            pa_warning: None,
            buffer: ScanBuffer::default(),
            search_pool: Vec::new(),
        }
    }

    /// The station this face scans on.
    pub fn station(&self) -> std::cell::Ref<'_, Station> {
        self.station.borrow()
    }

    pub(super) fn set(&mut self, state: FaceState) {
        self.state = state;
        self.generation += 1;
    }

    /// How long the current screen stays up untouched.
    pub fn timeout(&self) -> Option<Duration> {
        match self.state {
            FaceState::Card(ref card) if !card.so_far.is_empty() => {
                Some(Duration::from_secs(DAY_SO_FAR_SECONDS))
            }
            FaceState::Card(_) => Some(Duration::from_secs(CARD_SECONDS)),
            FaceState::Search { .. } => Some(Duration::from_secs(SEARCH_SECONDS)),
            FaceState::Summary(_) | FaceState::Signature { .. } | FaceState::Dispute(_) => {
                Some(Duration::from_secs(SUMMARY_SECONDS))
            }
            FaceState::Idle | FaceState::NoDay(_) => None,
        }
    }

    /// A timer set at `generation` ran out: back to idle, if nothing
    /// happened since. A summary left unsigned is marked so.
    pub fn timed_out(&mut self, generation: u64, now: DateTime<Utc>) -> bool {
        if generation != self.generation || self.timeout().is_none() {
            return false;
        }
        self.leave_summary(now);
        self.set(FaceState::Idle);
        true
    }

    /// Back to idle (a touch on a card, "Back" on the search).
    pub fn close(&mut self, now: DateTime<Utc>) {
        self.leave_summary(now);
        self.set(FaceState::Idle);
    }

    /// A key typed on the extras' screens. Returns the tone of the card a
    /// completed scan shows.
    pub fn key(&mut self, text: &str, now: DateTime<Utc>) -> Result<Option<Tone>, KioskError> {
        match self.buffer.key(text) {
            Some(payload) => self.scan(&payload, now).map(Some),
            None => Ok(None),
        }
    }

    /// A scanned payload: recorded through the kiosk core, shown at once
    /// (whatever was on screen).
    pub fn scan(&mut self, payload: &str, now: DateTime<Utc>) -> Result<Tone, KioskError> {
        let Some(day) = self.station.borrow().day().cloned() else {
            return Ok(Tone::Refused);
        };
        let scanned = self
            .station
            .borrow_mut()
            .kiosk()
            .and_then(|mut k| k.scan(payload.as_bytes(), now));
        let outcome = match scanned {
            Ok(outcome) => outcome,
            Err(e) => {
                // Never a silent loss, never an error on the extras'
                // screen: the person scans again (the log says why).
                eprintln!("error: a scan was not recorded: {e}");
                self.leave_summary(now);
                self.set(FaceState::Card(Card {
                    kind: Some(CardKind::Refused),
                    reason: NOT_RECORDED.into(),
                    ..Card::default()
                }));
                return Ok(Tone::Refused);
            }
        };
        // The scan stands: a summary it replaces is left unsigned.
        self.leave_summary(now);
        let notices = self
            .station
            .borrow_mut()
            .kiosk()
            .map(|k| k.notices_for(&outcome))
            .unwrap_or_default();
        let return_items = notices.return_text().unwrap_or_default();
        let clock = |t: DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
        let (card, tone) = match outcome {
            ScanOutcome::CheckedIn {
                booking,
                area,
                late_minutes,
                overflow,
            } => (
                Card {
                    kind: Some(CardKind::CheckedIn),
                    name: public_name(&booking),
                    area: area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                    area_note: area.and_then(|a| a.location).unwrap_or_default(),
                    time: clock(booking.details.call_at),
                    late: late_minutes > 0,
                    see_pa: overflow,
                    paper: booking.details.paper_voucher,
                    paperwork: notices.paperwork_pending,
                    ..Card::default()
                },
                Tone::Welcome,
            ),
            ScanOutcome::AlreadyCheckedIn {
                booking,
                since,
                area,
                at_kiosk,
            } => {
                let so_far = self.station.borrow().day_so_far(&booking, now);
                let arithmetic = so_far
                    .as_ref()
                    .and_then(|d| d.voucher.pay.as_ref())
                    .map(|pay| arithmetic(pay, self.spanish))
                    .unwrap_or_default();
                // The copy is in English, as the voucher is.
                let copy = so_far
                    .as_ref()
                    .map(|d| match &d.voucher.pay {
                        Some(pay) => format!("{}{}\n", d.copy, self::arithmetic(pay, false)),
                        None => d.copy.clone(),
                    })
                    .unwrap_or_default();
                (
                    Card {
                        kind: Some(CardKind::AlreadyHere),
                        name: public_name(&booking),
                        area: area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                        area_note: area.and_then(|a| a.location).unwrap_or_default(),
                        time: clock(since),
                        at_kiosk: at_kiosk.unwrap_or_default(),
                        so_far: so_far
                            .map(|d| {
                                let mut lines = d.lines;
                                if !notices.items_out.is_empty() {
                                    lines.push(SummaryLine {
                                        code: "items_out",
                                        value: return_items.clone(),
                                    });
                                }
                                lines
                            })
                            .unwrap_or_default(),
                        arithmetic,
                        copy,
                        paperwork: notices.paperwork_pending,
                        return_items: return_items.clone(),
                        ..Card::default()
                    },
                    Tone::Attention,
                )
            }
            ScanOutcome::Released { booking, at } => {
                let mut summary = self.summary(&booking, at, true)?;
                summary.return_items = return_items;
                self.set(FaceState::Summary(summary));
                return Ok(Tone::Goodbye);
            }
            ScanOutcome::AlreadyReleased { booking, since } => (
                Card {
                    kind: Some(CardKind::Released),
                    name: public_name(&booking),
                    time: clock(since),
                    return_items,
                    ..Card::default()
                },
                Tone::Goodbye,
            ),
            ScanOutcome::Refused { reason, .. } => (
                Card {
                    kind: Some(CardKind::Refused),
                    reason: reason.code().to_string(),
                    reason_arg: match reason {
                        ScanRefusal::Badge(Refusal::OtherDay { date }) => {
                            date_words(date, self.spanish)
                        }
                        _ => String::new(),
                    },
                    see_pa: true,
                    ..Card::default()
                },
                Tone::Refused,
            ),
        };
        self.set(FaceState::Card(card));
        Ok(tone)
    }

    /// Shows a thank-you card for `name` with the notice code `reason`.
    pub(super) fn notice(&mut self, name: String, reason: &str, see_pa: bool) {
        self.set(FaceState::Card(Card {
            kind: Some(CardKind::Notice),
            name,
            reason: reason.into(),
            see_pa,
            ..Card::default()
        }));
    }
}
