//! The day's disputes of vouchers as the log has them: what each says is
//! wrong (a time, a bump that is missing, something else), what the extra
//! says it was, and the decision that stands (the first by the clock). A
//! dispute's id is the id of the event that filed it (`voucher_disputed`);
//! its decision is a `request_resolved` naming it. The kiosk core files and
//! decides them (`kiosk/disputes.rs`).

use crate::model::{Booking, Day, Money, TimeField};
use crate::store::{EventRecord, Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::str::FromStr;

/// The most characters of words an extra (or a PA) adds to a dispute.
pub const MAX_DISPUTE_WORDS: usize = 140;
/// The most characters of a name that decides or approves.
pub const MAX_NAME_CHARS: usize = 60;

/// What a dispute is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeAbout {
    /// A recorded time (in, out, a meal's or the NDB's).
    Time(TimeField),
    /// A bump that is missing.
    Bump,
    /// Anything else, in words.
    Other,
}

impl DisputeAbout {
    /// Every choice, in the order the face offers them.
    pub const ALL: [DisputeAbout; 10] = [
        DisputeAbout::Time(TimeField::In),
        DisputeAbout::Time(TimeField::NdbOut),
        DisputeAbout::Time(TimeField::NdbIn),
        DisputeAbout::Time(TimeField::Meal1Out),
        DisputeAbout::Time(TimeField::Meal1In),
        DisputeAbout::Time(TimeField::Meal2Out),
        DisputeAbout::Time(TimeField::Meal2In),
        DisputeAbout::Time(TimeField::Out),
        DisputeAbout::Bump,
        DisputeAbout::Other,
    ];

    /// `in`, `out`, `meal1_out`, ..., `bump` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            DisputeAbout::Time(field) => field.code(),
            DisputeAbout::Bump => "bump",
            DisputeAbout::Other => "other",
        }
    }

    /// "out time", "meal 1 in", "a missing bump", "something else".
    pub fn words(self) -> &'static str {
        match self {
            DisputeAbout::Time(TimeField::In) => "in time",
            DisputeAbout::Time(TimeField::Out) => "out time",
            DisputeAbout::Time(TimeField::NdbOut) => "NDB out",
            DisputeAbout::Time(TimeField::NdbIn) => "NDB in",
            DisputeAbout::Time(TimeField::Meal1Out) => "meal 1 out",
            DisputeAbout::Time(TimeField::Meal1In) => "meal 1 in",
            DisputeAbout::Time(TimeField::Meal2Out) => "meal 2 out",
            DisputeAbout::Time(TimeField::Meal2In) => "meal 2 in",
            DisputeAbout::Bump => "a missing bump",
            DisputeAbout::Other => "something else",
        }
    }
}

impl FromStr for DisputeAbout {
    type Err = String;
    fn from_str(text: &str) -> Result<DisputeAbout, String> {
        match text.trim() {
            "bump" => Ok(DisputeAbout::Bump),
            "other" => Ok(DisputeAbout::Other),
            t => t.parse().map(DisputeAbout::Time).map_err(|_| {
                format!(
                    "'{t}' is not what a dispute is about: write in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out, meal2_in, bump or other"
                )
            }),
        }
    }
}

/// Where a dispute stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeStatus {
    Open,
    Accepted,
    Rejected,
}

impl DisputeStatus {
    pub fn code(self) -> &'static str {
        match self {
            DisputeStatus::Open => "open",
            DisputeStatus::Accepted => "accepted",
            DisputeStatus::Rejected => "rejected",
        }
    }
}

/// A dispute as the log has it, with its decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    /// The id of the event that filed it.
    pub id: String,
    pub booking: Booking,
    pub about: DisputeAbout,
    /// The time recorded when it was filed (a time dispute).
    pub recorded: Option<DateTime<Utc>>,
    pub claimed: Option<DateTime<Utc>>,
    /// The bump said to be missing: its code as filed.
    pub bump: Option<String>,
    pub amount: Option<Money>,
    pub words: String,
    pub status: DisputeStatus,
    pub filed_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

impl Dispute {
    /// "out time (you said 19:40)", "a missing bump (wet)", "something
    /// else: the parking was not paid": how the summary and the copy say it.
    pub fn describe(&self, day: &Day) -> String {
        match self.about {
            DisputeAbout::Time(_) => match self.claimed {
                Some(t) => format!("{} (you said {})", self.about.words(), day.format_at(t)),
                None => self.about.words().to_string(),
            },
            DisputeAbout::Bump => format!(
                "a missing bump ({}{})",
                self.bump.as_deref().unwrap_or("?").replace('_', " "),
                self.amount.map(|a| format!(" {a}")).unwrap_or_default()
            ),
            DisputeAbout::Other if self.words.is_empty() => "something else".into(),
            DisputeAbout::Other => format!("something else: {}", self.words),
        }
    }
}

/// Events in the order of the hybrid logical clock, as the fold reads
/// them (events from before kiosks had clocks first, by sequence).
pub(crate) fn by_clock(events: &mut [EventRecord]) {
    events.sort_by(|a, b| {
        (a.hlc.is_some(), &a.hlc, &a.kiosk_id, a.kiosk_seq, a.seq).cmp(&(
            b.hlc.is_some(),
            &b.hlc,
            &b.kiosk_id,
            b.kiosk_seq,
            b.seq,
        ))
    });
}

fn instant(payload: &Value, key: &str) -> Option<DateTime<Utc>> {
    payload[key]
        .as_str()
        .and_then(|t| crate::store::parse_ts(t).ok())
}

/// Every dispute of `day`, oldest first, with the decision that stands.
pub fn disputes(store: &Store, day: &Day) -> Result<Vec<Dispute>, StoreError> {
    let events: Vec<EventRecord> = store
        .events_of_kinds(&KINDS)?
        .into_iter()
        .filter(|e| e.day_id == Some(day.id))
        .collect();
    Ok(read(events, &store.bookings(day)?))
}

/// The disputes of one booking, oldest first: its own events only (this
/// runs on the check-out summary, on the scan path).
pub fn disputes_of(store: &Store, booking: &Booking) -> Result<Vec<Dispute>, StoreError> {
    let events = store.booking_events_of_kinds(booking.id, &KINDS)?;
    Ok(read(events, std::slice::from_ref(booking)))
}

/// The events a dispute and its decisions are.
const KINDS: [&str; 2] = ["voucher_disputed", "request_resolved"];

/// At most `n` characters of the text at `key` (a payload from another
/// kiosk may carry any length).
fn text(payload: &Value, key: &str, n: usize) -> Option<String> {
    payload[key].as_str().map(|t| t.chars().take(n).collect())
}

/// The disputes `events` file about `bookings`, each with the first
/// decision by the clock; oldest filed first.
fn read(mut events: Vec<EventRecord>, bookings: &[Booking]) -> Vec<Dispute> {
    by_clock(&mut events);
    let mut found: Vec<Dispute> = Vec::new();
    for e in &events {
        let payload: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        if e.kind == "voucher_disputed" {
            let Some(booking) = bookings.iter().find(|b| Some(b.id) == e.booking_id) else {
                continue;
            };
            found.push(Dispute {
                id: e.id.clone(),
                booking: booking.clone(),
                about: payload["about"]
                    .as_str()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(DisputeAbout::Other),
                recorded: instant(&payload, "recorded_at"),
                claimed: instant(&payload, "claimed_at"),
                bump: text(&payload, "bump", 40),
                amount: payload["amount_cents"].as_i64().map(Money),
                words: text(&payload, "words", MAX_DISPUTE_WORDS).unwrap_or_default(),
                status: DisputeStatus::Open,
                filed_at: e.happened_at,
                decided_by: None,
                decided_at: None,
                note: None,
            });
            continue;
        }
        // The first decision by the clock stands.
        let Some(d) = payload["request"]
            .as_str()
            .and_then(|r| found.iter_mut().find(|d| d.id == r))
            .filter(|d| d.status == DisputeStatus::Open)
        else {
            continue;
        };
        d.status = match payload["outcome"].as_str() {
            Some("rejected" | "dismissed") => DisputeStatus::Rejected,
            _ => DisputeStatus::Accepted,
        };
        d.decided_by = Some(
            text(&payload, "by", MAX_NAME_CHARS)
                .unwrap_or_else(|| format!("PA at kiosk {}", e.kiosk_id)),
        );
        d.decided_at = Some(e.happened_at);
        d.note = Some(text(&payload, "note", MAX_DISPUTE_WORDS).unwrap_or_default());
    }
    // Oldest filed first (a stable sort: ties keep the clock's order).
    found.sort_by_key(|d| d.filed_at);
    found
}
