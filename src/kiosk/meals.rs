//! Meals and non-deductible breakfasts (NDB): started and ended for one
//! extra, a holding area, or everyone present, all or nothing.

use super::{Kiosk, KioskError, not_checked_in};
use crate::model::Booking;
use crate::store::{Actor, NewEvent};
use chrono::{DateTime, Utc};
use serde_json::json;

/// A meal period or a non-deductible breakfast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MealKind {
    Meal,
    Ndb,
}

impl MealKind {
    pub fn code(self) -> &'static str {
        match self {
            MealKind::Meal => "meal",
            MealKind::Ndb => "ndb",
        }
    }
}

/// Whom an action is for.
#[derive(Debug, Clone)]
pub enum Group {
    One(Box<Booking>),
    /// Everyone present in the holding area of that name.
    Area(String),
    /// Everyone present.
    All,
}

impl Kiosk<'_> {
    /// Starts (`start`) or ends a meal or NDB for `group` at `at`. If any
    /// one of them cannot (not checked in, already released, a meal already
    /// open, none open, an end before its start), nothing is recorded.
    /// Returns how many extras it was recorded for.
    pub fn meal(
        &mut self,
        group: &Group,
        kind: MealKind,
        start: bool,
        at: DateTime<Utc>,
    ) -> Result<usize, KioskError> {
        let area_id = match group {
            Group::Area(name) => Some(self.area_id(name)?),
            _ => None,
        };
        let bookings = match group {
            Group::One(b) => vec![(**b).clone()],
            _ => self.store.bookings(&self.day)?,
        };
        let rec = self.store.recording()?;
        let chosen: Vec<&Booking> = match group {
            Group::One(_) => bookings.iter().collect(),
            _ => {
                let present = rec.present(self.day.id, area_id)?;
                let mut here = Vec::new();
                for b in bookings.iter().filter(|b| present.contains(&b.id)) {
                    // An area's meal ends for those who are at it: someone
                    // who came in after it started has none to end.
                    if start || rec.open_meal(b.id, kind.code())?.is_some() {
                        here.push(b);
                    }
                }
                if !start && here.is_empty() && !present.is_empty() {
                    let what = match kind {
                        MealKind::Meal => "meal",
                        MealKind::Ndb => "NDB",
                    };
                    return Err(KioskError::Meal(format!(
                        "nobody here has a {what} started: start it first"
                    )));
                }
                here
            }
        };
        // One id for everyone this meal is recorded for, so the same meal
        // started on two kiosks shows as one conflict, not one per person.
        let group_id = crate::kiosk::new_id();
        for booking in &chosen {
            meal_in(&rec, &self.day, booking, kind, start, at, &group_id, None)?;
        }
        rec.commit()?;
        Ok(chosen.len())
    }
}

/// Records, inside `rec`, the start (`start`) or the end of a meal or NDB
/// of `booking` at `at`, as one of the meal `group`. For an accepted
/// dispute (`link`) it is a meal missed and recorded after the fact, which
/// an extra already released may have; otherwise a release refuses it.
#[allow(clippy::too_many_arguments)]
fn meal_in(
    rec: &crate::store::Recording<'_>,
    day: &crate::model::Day,
    booking: &Booking,
    kind: MealKind,
    start: bool,
    at: DateTime<Utc>,
    group: &str,
    link: Option<&super::disputes::DisputeLink>,
) -> Result<(), KioskError> {
    let here = rec
        .presence(booking.id)?
        .ok_or_else(|| not_checked_in(booking))?;
    let what = match kind {
        MealKind::Meal => "meal",
        MealKind::Ndb => "NDB",
    };
    let open = rec.open_meal(booking.id, kind.code())?;
    if let (Some(out), None) = (here.released_at, link) {
        // Released with a meal still open: it may be ended, at the time it
        // ended (before the release); nothing else is recorded after it.
        if start || open.is_none() {
            return Err(KioskError::AlreadyReleased {
                badge: booking.badge_no.clone(),
                name: booking.details.full_name(),
                at: day.format_at(out),
            });
        }
        if at > out {
            return Err(KioskError::Meal(format!(
                "the {what} of {} ({}) cannot end at {}, after their release at {}: give the time it ended",
                booking.badge_no,
                booking.details.full_name(),
                day.format_at(at),
                day.format_at(out)
            )));
        }
    }
    // The start an end names, so it ends that meal on every kiosk.
    let mut ends = None;
    let event_kind = if start {
        if let Some((_, started)) = open {
            return Err(KioskError::Meal(format!(
                "{} ({}) already has a {what} started at {}: end it first",
                booking.badge_no,
                booking.details.full_name(),
                day.format_at(started)
            )));
        }
        rec.start_meal(booking.id, kind.code(), at)?;
        "meal_started"
    } else {
        let Some((meal_id, started)) = open else {
            return Err(KioskError::Meal(format!(
                "{} ({}) has no {what} started: start it first",
                booking.badge_no,
                booking.details.full_name()
            )));
        };
        if at < started {
            return Err(KioskError::Meal(format!(
                "the {what} of {} ({}) cannot end at {}, before it started at {}: give an end time after it",
                booking.badge_no,
                booking.details.full_name(),
                day.format_at(at),
                day.format_at(started)
            )));
        }
        rec.end_meal(meal_id, at)?;
        ends = rec.meal_start_event(meal_id)?;
        "meal_ended"
    };
    let mut payload = json!({
        "badge": booking.badge_no,
        "meal": kind.code(),
        "group": group,
        "ends": ends,
    });
    if let Some(link) = link {
        link.mark(&mut payload);
    }
    let event = rec.append(&NewEvent {
        kind: event_kind,
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: here.area_id,
        happened_at: at,
        actor: Actor::Supervisor,
        payload,
    })?;
    if start {
        rec.set_meal_start_event(booking.id, kind.code(), &event)?;
    }
    Ok(())
}

/// Records, inside `rec`, a meal (or NDB) start or end that was missed,
/// for an accepted dispute (`link`): unlike [`Kiosk::meal`] it takes an
/// extra already released, the time being the one the extra gave.
pub(super) fn meal_after_in(
    rec: &crate::store::Recording<'_>,
    day: &crate::model::Day,
    booking: &Booking,
    kind: MealKind,
    start: bool,
    at: DateTime<Utc>,
    link: &super::disputes::DisputeLink,
) -> Result<(), KioskError> {
    let group = crate::kiosk::new_id();
    meal_in(rec, day, booking, kind, start, at, &group, Some(link))
}
