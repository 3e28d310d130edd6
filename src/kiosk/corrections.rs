//! Corrections: a recorded time changed, or a check-in or release taken
//! back, always with a reason and as an event of its own; the attendance
//! and meal projections follow.

use super::disputes::DisputeLink;
use super::{Kiosk, KioskError, not_checked_in};
use crate::model::{Booking, TimeField};
use crate::store::{Actor, MealRecord, NewEvent, Recording};
use chrono::{DateTime, Utc};
use serde_json::json;

/// What a mistaken action was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undo {
    CheckIn,
    Release,
}

fn correction_error(booking: &Booking, what: String) -> KioskError {
    KioskError::Correction(format!(
        "{} ({}): {what}",
        booking.badge_no,
        booking.details.full_name()
    ))
}

impl Kiosk<'_> {
    /// Changes one recorded time of `booking` to `to`, for `reason`.
    pub fn correct(
        &mut self,
        booking: &Booking,
        field: TimeField,
        to: DateTime<Utc>,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        if reason.trim().is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        let day = self.day.clone();
        let rec = self.store.recording()?;
        correct_in(&rec, &day, booking, field, to, reason, at, None)?;
        rec.refold_if_merged(day.id)?;
        rec.commit()?;
        Ok(())
    }

    /// [`Kiosk::correct`] by a named person (the web app's user): the
    /// change log says who.
    #[allow(clippy::too_many_arguments)]
    pub fn correct_by(
        &mut self,
        booking: &Booking,
        field: TimeField,
        to: DateTime<Utc>,
        reason: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        if reason.trim().is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        let by = super::disputes::checked_name(by).map_err(KioskError::Correction)?;
        let day = self.day.clone();
        let rec = self.store.recording()?;
        let mark = |payload: &mut serde_json::Value| payload["by"] = json!(by);
        correct_marked(&rec, &day, booking, field, to, reason, at, &mark)?;
        rec.refold_if_merged(day.id)?;
        rec.commit()?;
        Ok(())
    }

    /// Checks in, after the fact, someone the kiosk never saw arrive (a
    /// no-show at wrap who was in fact on set): their check-in at `arrived`
    /// (not after `at`, now), with `reason` on the event.
    pub fn check_in_late(
        &mut self,
        booking: &Booking,
        arrived: DateTime<Utc>,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<super::ScanOutcome, KioskError> {
        if reason.trim().is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        if arrived > at {
            return Err(correction_error(
                booking,
                format!(
                    "cannot be checked in late at {}, after now: type the time they arrived",
                    self.day.format_at(arrived)
                ),
            ));
        }
        if self.store.presence(booking.id)?.is_some() {
            return Err(correction_error(
                booking,
                "is already checked in: correct their in time instead".into(),
            ));
        }
        let before = self.store.event_marks().cloned();
        let mut marks = before.clone().unwrap_or_default();
        marks.insert("late".into(), json!(true));
        marks.insert("reason".into(), json!(reason.trim()));
        self.store.set_event_marks(Some(marks));
        let outcome = self.check_in(booking, arrived, Actor::Supervisor);
        self.store.set_event_marks(before);
        outcome
    }

    /// Takes back a check-in or a release made by mistake, for `reason`.
    pub fn undo(
        &mut self,
        booking: &Booking,
        what: Undo,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        if reason.trim().is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        let rec = self.store.recording()?;
        let here = rec
            .presence(booking.id)?
            .ok_or_else(|| not_checked_in(booking))?;
        let (checkin_event, release_event) = rec.standing_events(booking.id)?;
        let (kind, undone, target) = match what {
            Undo::CheckIn => {
                if here.released_at.is_some() {
                    return Err(correction_error(
                        booking,
                        "was released: undo the release first".into(),
                    ));
                }
                rec.remove_check_in(booking.id)?;
                ("checkin_undone", here.checked_in_at, checkin_event)
            }
            Undo::Release => {
                if here.released_at.is_none() {
                    return Err(correction_error(
                        booking,
                        "is not released, so there is no release to undo: check the badge number"
                            .into(),
                    ));
                }
                rec.remove_release(booking.id)?;
                ("release_undone", here.released_at, release_event)
            }
        };
        rec.append(&NewEvent {
            kind,
            day_id: Some(self.day.id),
            booking_id: Some(booking.id),
            area_id: here.area_id,
            happened_at: at,
            actor: Actor::Supervisor,
            payload: json!({
                "badge": booking.badge_no,
                "reason": reason.trim(),
                "undone_at": undone.map(crate::store::ts),
                "target": target,
            }),
        })?;
        rec.refold_if_merged(self.day.id)?;
        rec.commit()?;
        Ok(())
    }
}

/// Changes one recorded time of `booking` to `to` inside `rec` (a
/// correction, or an accepted dispute's change when `link` names it).
#[allow(clippy::too_many_arguments)]
pub(super) fn correct_in(
    rec: &Recording<'_>,
    day: &crate::model::Day,
    booking: &Booking,
    field: TimeField,
    to: DateTime<Utc>,
    reason: &str,
    at: DateTime<Utc>,
    link: Option<&DisputeLink>,
) -> Result<(), KioskError> {
    let mark = |payload: &mut serde_json::Value| {
        if let Some(link) = link {
            link.mark(payload);
        }
    };
    correct_marked(rec, day, booking, field, to, reason, at, &mark)
}

/// [`correct_in`], with `mark` adding to the event's payload (who made
/// it, the dispute it answers).
#[allow(clippy::too_many_arguments)]
fn correct_marked(
    rec: &Recording<'_>,
    day: &crate::model::Day,
    booking: &Booking,
    field: TimeField,
    to: DateTime<Utc>,
    reason: &str,
    at: DateTime<Utc>,
    mark: &dyn Fn(&mut serde_json::Value),
) -> Result<(), KioskError> {
    let here = rec
        .presence(booking.id)?
        .ok_or_else(|| not_checked_in(booking))?;
    let fmt = |t: DateTime<Utc>| day.format_at(t);
    // The event this correction changes, named so that an earlier one
    // arriving late from another kiosk cannot become its target.
    let (checkin_event, release_event) = rec.standing_events(booking.id)?;
    let mut target = match field {
        TimeField::In => checkin_event,
        TimeField::Out => release_event,
        _ => None,
    };
    let from = match field {
        TimeField::In => {
            let checked_in = here.checked_in_at.expect("presence means checked in");
            if here.released_at.is_some_and(|out| to > out) {
                return Err(correction_error(
                    booking,
                    format!(
                        "the in time {} would be after the out time: give an earlier in time, or correct the out time first",
                        fmt(to)
                    ),
                ));
            }
            rec.set_checked_in_at(booking.id, to)?;
            checked_in
        }
        TimeField::Out => {
            let Some(out) = here.released_at else {
                return Err(correction_error(
                    booking,
                    "is not released yet: release them instead".into(),
                ));
            };
            if to < here.checked_in_at.expect("checked in") {
                return Err(correction_error(
                    booking,
                    format!(
                        "the out time {} would be before the in time: give a later out time, or correct the in time first",
                        fmt(to)
                    ),
                ));
            }
            rec.set_released(booking.id, to, None)?;
            out
        }
        meal_field => {
            let (kind, index, end) = meal_field.meal().expect("a meal field");
            let (from, meal_event) = correct_meal(rec, booking, kind, index, end, to, &fmt)?;
            target = meal_event;
            from
        }
    };
    let mut payload = json!({
        "badge": booking.badge_no,
        "field": field.code(),
        "from": fmt(from),
        "to": fmt(to),
        "from_at": crate::store::ts(from),
        "to_at": crate::store::ts(to),
        "target": target,
        "reason": reason.trim(),
    });
    mark(&mut payload);
    rec.append(&NewEvent {
        kind: "time_corrected",
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload,
    })?;
    Ok(())
}

fn correct_meal(
    rec: &Recording<'_>,
    booking: &Booking,
    kind: &str,
    index: usize,
    end: bool,
    to: DateTime<Utc>,
    fmt: &dyn Fn(DateTime<Utc>) -> String,
) -> Result<(DateTime<Utc>, Option<String>), KioskError> {
    let meals = rec.meals(booking.id, kind)?;
    let what = if kind == "ndb" {
        "NDB".to_string()
    } else {
        format!("meal {}", index + 1)
    };
    let Some(MealRecord {
        id,
        started_at: started,
        ended_at: ended,
    }) = meals.get(index).copied()
    else {
        return Err(correction_error(
            booking,
            format!(
                "has no {what} recorded: record it first (start it and end it at the times it happened)"
            ),
        ));
    };
    let from = if end {
        let Some(ended) = ended else {
            return Err(correction_error(
                booking,
                format!("{what} has not ended: end it instead"),
            ));
        };
        if to < started {
            return Err(correction_error(
                booking,
                format!(
                    "{what} cannot end at {}, before it started at {}: give an end time after its start",
                    fmt(to),
                    fmt(started)
                ),
            ));
        }
        ended
    } else {
        if ended.is_some_and(|e| to > e) {
            return Err(correction_error(
                booking,
                format!(
                    "{what} cannot start at {}, after it ended: give an earlier start, or correct its end first",
                    fmt(to)
                ),
            ));
        }
        started
    };
    rec.set_meal_time(id, end, to)?;
    Ok((from, rec.meal_start_event(id)?))
}
