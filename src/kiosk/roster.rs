//! The roster as plain state, shared by the console and the web app: the
//! bookings held in memory (so search as you type stays fast on 5,000
//! bookings), its filter, and the row picked.

use super::RosterLine;
use crate::model::{Booking, Category, UnionStatus};
use chrono::{DateTime, Utc};

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

/// Where a booking stands for the PA's actions: each state has its own
/// (the console shows those and no others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionState {
    /// Not checked in, the day not yet wrapped: check in without the
    /// badge, print, reissue or void the badge, paperwork.
    NotHere,
    /// Checked in and not released: release, move, a meal, a bump, a
    /// correction, undo the check-in, items.
    Present,
    /// Present with a meal (or NDB) started and not ended: as present, but
    /// the meal is ended rather than started.
    AtMeal,
    /// Released: undo the release, the voucher (signed, on paper, its
    /// review), a correction, an item back, and a meal left open ended.
    Released,
    /// Never checked in, and the day is wrapped: a correction, a late
    /// check-in.
    NoShow,
    /// Not checked in and their badge is voided: only a reissue.
    Voided,
}

impl ActionState {
    pub fn code(self) -> &'static str {
        match self {
            ActionState::NotHere => "not here",
            ActionState::Present => "present",
            ActionState::AtMeal => "at a meal",
            ActionState::Released => "released",
            ActionState::NoShow => "no-show",
            ActionState::Voided => "badge voided",
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
    pub meal_open: bool,
    pub ndb_open: bool,
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

    /// The actions that fit this booking now; `wrapped`: the day is
    /// wrapped (see [`Roster::wrapped`]).
    pub fn action_state(&self, wrapped: bool) -> ActionState {
        match (self.checked_in, self.released) {
            (Some(_), Some(_)) => ActionState::Released,
            (Some(_), None) if self.meal_open || self.ndb_open => ActionState::AtMeal,
            (Some(_), None) => ActionState::Present,
            (None, _) if self.booking.badge_voided => ActionState::Voided,
            (None, _) if wrapped => ActionState::NoShow,
            (None, _) => ActionState::NotHere,
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

/// The console's roster for one day.
#[derive(Debug, Default)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
    pub filter: RosterFilter,
    /// Indexes into `entries` of the rows shown, in order.
    pub shown: Vec<usize>,
    /// The row picked, as an index into `shown`.
    pub selected: Option<usize>,
}

impl Roster {
    /// Takes the day's roster as read; the row picked stays picked.
    pub fn load(&mut self, lines: Vec<RosterLine>, now: DateTime<Utc>) {
        let selected_badge = self.selected_booking().map(|b| b.badge_no.clone());
        self.entries = lines
            .into_iter()
            .map(|line| {
                let d = &line.booking.details;
                RosterEntry {
                    key: format!(
                        "{} {} {}",
                        d.first_name.to_lowercase(),
                        d.last_name.to_lowercase(),
                        line.booking.badge_no.to_lowercase()
                    ),
                    checked_in: line.checked_in,
                    released: line.released,
                    area: line.area,
                    meal_open: line.meal_open,
                    ndb_open: line.ndb_open,
                    booking: line.booking,
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
        self.apply(now);
        self.selected = selected_badge.and_then(|badge| {
            self.shown
                .iter()
                .position(|&i| self.entries[i].booking.badge_no == badge)
        });
    }

    /// Filters the roster again (after a key in the search, a filter).
    pub fn apply(&mut self, now: DateTime<Utc>) {
        self.shown = self.matching(&self.filter, now).collect();
        self.selected = None;
    }

    /// The indexes into `entries` of the rows `f` lets through, in order.
    /// The text is found literally (quotes, `%` and `_` are themselves).
    pub fn matching<'a>(
        &'a self,
        f: &'a RosterFilter,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = usize> + 'a {
        let text = f.text.trim().to_lowercase();
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| {
                (text.is_empty() || e.key.contains(&text))
                    && f.status.is_none_or(|s| e.status(now) == s)
                    && f.area.as_ref().is_none_or(|a| e.area.as_ref() == Some(a))
                    && f.category.is_none_or(|c| e.booking.details.category == c)
                    && f.union.is_none_or(|u| e.booking.details.union == u)
            })
            .map(|(i, _)| i)
    }

    pub fn selected_entry(&self) -> Option<&RosterEntry> {
        self.selected
            .and_then(|s| self.shown.get(s))
            .map(|&i| &self.entries[i])
    }

    pub fn selected_booking(&self) -> Option<&Booking> {
        self.selected_entry().map(|e| &e.booking)
    }

    /// The rows shown, in order.
    pub fn shown(&self) -> impl Iterator<Item = &RosterEntry> {
        self.shown.iter().map(|&i| &self.entries[i])
    }

    /// The day is wrapped at `now`: the day's last call has passed,
    /// someone was released and nobody is still here (every holding area
    /// wrapped). Who never came is a no-show from then. (A split call's
    /// afternoon group is not yet due while the morning's is wrapped.)
    pub fn wrapped(&self, now: DateTime<Utc>) -> bool {
        let last_call = self.entries.iter().map(|e| e.booking.details.call_at).max();
        last_call.is_some_and(|call| call <= now)
            && self.entries.iter().any(|e| e.released.is_some())
            && !self
                .entries
                .iter()
                .any(|e| e.checked_in.is_some() && e.released.is_none())
    }

    /// What fits the row picked at `now`, if one is.
    pub fn selected_state(&self, now: DateTime<Utc>) -> Option<ActionState> {
        let wrapped = self.wrapped(now);
        self.selected_entry().map(|e| e.action_state(wrapped))
    }

    /// Everyone checked in and not released.
    pub fn still_here(&self) -> Vec<&RosterEntry> {
        self.entries
            .iter()
            .filter(|e| e.checked_in.is_some() && e.released.is_none())
            .collect()
    }
}
