//! The supervisor console as plain state, with no Slint types: the roster
//! of the day held in memory (so search as you type stays fast on 5,000
//! bookings), its filters, the selection, and the open requests and
//! disputes filed by the face.

use crate::model::{Booking, Category, Day, UnionStatus};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// Where a booking stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    /// Call not yet passed, not here.
    Expected,
    /// Call passed, not here.
    Missing,
    Here,
    Released,
}

impl RowStatus {
    pub fn code(self) -> &'static str {
        match self {
            RowStatus::Expected => "expected",
            RowStatus::Missing => "missing",
            RowStatus::Here => "here",
            RowStatus::Released => "released",
        }
    }
}

/// One row of the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterEntry {
    pub booking: Booking,
    pub checked_in: Option<DateTime<Utc>>,
    pub released: Option<DateTime<Utc>>,
    pub area: Option<String>,
    /// Lower-case name and badge, for the search.
    key: String,
}

impl RosterEntry {
    pub fn status(&self, now: DateTime<Utc>) -> RowStatus {
        match (self.checked_in, self.released) {
            (Some(_), Some(_)) => RowStatus::Released,
            (Some(_), None) => RowStatus::Here,
            (None, _) if self.booking.details.call_at <= now => RowStatus::Missing,
            (None, _) => RowStatus::Expected,
        }
    }
}

/// What the roster shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterFilter {
    pub text: String,
    pub status: Option<RowStatus>,
    pub area: Option<String>,
    pub category: Option<Category>,
    pub union: Option<UnionStatus>,
}

/// A request or a dispute filed at the face, still open.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRequest {
    /// The event that filed it.
    pub event_id: String,
    /// `request` (no badge) or `dispute` (something's wrong).
    pub kind: &'static str,
    pub booking: Booking,
    pub at: DateTime<Utc>,
}

/// The console's roster and requests for one day.
#[derive(Debug, Default)]
pub struct Console {
    pub entries: Vec<RosterEntry>,
    pub filter: RosterFilter,
    /// Indexes into `entries` of the rows shown, in order.
    pub shown: Vec<usize>,
    /// The row picked, as an index into `shown`.
    pub selected: Option<usize>,
    pub requests: Vec<OpenRequest>,
    /// The id of the area picked on the areas tab.
    pub selected_area: Option<i64>,
}

impl Console {
    /// Reads the day's roster and open requests from the store.
    pub fn load(&mut self, store: &Store, day: &Day, now: DateTime<Utc>) -> Result<(), StoreError> {
        let selected_badge = self.selected_booking().map(|b| b.badge_no.clone());
        self.entries = store
            .time_cards(day)?
            .into_iter()
            .map(|card| {
                let presence = card.presence.as_ref();
                let d = &card.booking.details;
                RosterEntry {
                    key: format!(
                        "{} {} {}",
                        d.first_name.to_lowercase(),
                        d.last_name.to_lowercase(),
                        card.booking.badge_no.to_lowercase()
                    ),
                    checked_in: presence.and_then(|p| p.checked_in_at),
                    released: presence.and_then(|p| p.released_at),
                    area: card.area_name.clone(),
                    booking: card.booking,
                }
            })
            .collect();
        self.entries.sort_by_cached_key(|e| {
            (
                e.booking.details.last_name.to_lowercase(),
                e.booking.details.first_name.to_lowercase(),
                e.booking.badge_no.clone(),
            )
        });
        self.requests = open_requests(store, day, &self.entries)?;
        self.apply(now);
        self.selected = selected_badge.and_then(|badge| {
            self.shown
                .iter()
                .position(|&i| self.entries[i].booking.badge_no == badge)
        });
        Ok(())
    }

    /// Filters the roster again (after a key in the search, a filter).
    pub fn apply(&mut self, now: DateTime<Utc>) {
        let f = &self.filter;
        let text = f.text.trim().to_lowercase();
        self.shown = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                (text.is_empty() || e.key.contains(&text))
                    && f.status.is_none_or(|s| e.status(now) == s)
                    && f.area.as_ref().is_none_or(|a| e.area.as_ref() == Some(a))
                    && f.category.is_none_or(|c| e.booking.details.category == c)
                    && f.union.is_none_or(|u| e.booking.details.union == u)
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = None;
    }

    pub fn selected_entry(&self) -> Option<&RosterEntry> {
        self.selected
            .and_then(|s| self.shown.get(s))
            .map(|&i| &self.entries[i])
    }

    pub fn selected_booking(&self) -> Option<&Booking> {
        self.selected_entry().map(|e| &e.booking)
    }

    /// The open request filed by the event `id`.
    pub fn request(&self, id: &str) -> Result<OpenRequest, String> {
        self.requests
            .iter()
            .find(|r| r.event_id == id)
            .cloned()
            .ok_or_else(|| "that request was already dealt with".into())
    }

    /// Everyone checked in and not released.
    pub fn still_here(&self) -> Vec<&RosterEntry> {
        self.entries
            .iter()
            .filter(|e| e.checked_in.is_some() && e.released.is_none())
            .collect()
    }
}

/// Badge requests and disputes not yet resolved, oldest first.
fn open_requests(
    store: &Store,
    day: &Day,
    entries: &[RosterEntry],
) -> Result<Vec<OpenRequest>, StoreError> {
    let events =
        store.events_of_kinds(&["badge_requested", "voucher_disputed", "request_resolved"])?;
    let resolved: HashSet<String> = events
        .iter()
        .filter(|e| e.kind == "request_resolved")
        .filter_map(|e| {
            serde_json::from_str::<serde_json::Value>(&e.payload)
                .ok()
                .and_then(|p| p["request"].as_str().map(str::to_string))
        })
        .collect();
    Ok(events
        .iter()
        .filter(|e| e.day_id == Some(day.id) && e.kind != "request_resolved")
        .filter(|e| !resolved.contains(&e.id))
        .filter_map(|e| {
            let booking = entries
                .iter()
                .find(|r| Some(r.booking.id) == e.booking_id)?
                .booking
                .clone();
            Some(OpenRequest {
                event_id: e.id.clone(),
                kind: if e.kind == "badge_requested" {
                    "request"
                } else {
                    "dispute"
                },
                booking,
                at: e.happened_at,
            })
        })
        .collect())
}
