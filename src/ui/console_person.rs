//! The roster's actions that depend on where the person picked stands: a
//! meal of their own started or ended, start paperwork decided, a late
//! check-in once the day is wrapped, and their voucher opened for review.

use super::console_controller::ConsoleController;
use super::console_forms::{ConsoleError, Outcome};
use crate::kiosk::{Group, MealKind};
use crate::model::Paperwork;

impl ConsoleController {
    /// Starts a meal for the booking picked (`start`), or ends the meal or
    /// NDB of theirs that is open, at `time` (`HH:MM`; empty: now).
    pub fn meal_selected(&self, start: bool, time: &str) -> Outcome {
        let open_ndb = self
            .roster()
            .selected_entry()
            .is_some_and(|e| e.ndb_open && !e.meal_open);
        let kind = if !start && open_ndb {
            MealKind::Ndb
        } else {
            MealKind::Meal
        };
        self.on_picked(|k, b, now| {
            let at = match time.trim() {
                "" => now,
                typed => k
                    .day()
                    .parse_at(typed)
                    .map_err(|e| ConsoleError::Input(format!("the time: {e}")))?,
            };
            k.meal(&Group::One(Box::new(b.clone())), kind, start, at)?;
            let what = match kind {
                MealKind::Meal => "meal",
                MealKind::Ndb => "NDB",
            };
            Ok(format!(
                "The {what} of {} {} {} at {}.",
                b.badge_no,
                b.details.full_name(),
                if start { "started" } else { "ended" },
                k.day().format_at(at)
            ))
        })
    }

    /// The PA's decision on the start paperwork of the booking picked:
    /// verified, or rejected for `reason`.
    pub fn paperwork_selected(&self, verified: bool, reason: &str) -> Outcome {
        let decision = if verified {
            Paperwork::Verified
        } else {
            Paperwork::Rejected
        };
        self.on_picked(|k, b, now| {
            let b = k.decide_paperwork(b, decision, reason, now)?;
            Ok(format!(
                "The paperwork of {} {} is {}.",
                b.badge_no,
                b.details.full_name(),
                b.details.paperwork.code()
            ))
        })
    }

    /// Checks in the booking picked at the time typed (`HH:MM`), after the
    /// fact, for `reason`: someone the kiosk never saw who was on set.
    pub fn check_in_late_selected(&self, time: &str, reason: &str) -> Outcome {
        if time.trim().is_empty() {
            return Err(ConsoleError::Input(
                "type the time they arrived (HH:MM) and a reason, then Check in late".into(),
            ));
        }
        self.on_picked(|k, b, now| {
            let arrived = k
                .day()
                .parse_at(time.trim())
                .map_err(|e| ConsoleError::Input(format!("the time: {e}")))?;
            k.check_in_late(b, arrived, reason, now)?;
            Ok(format!(
                "{} {} checked in late, at {}: release them, then correct the out time to when they left.",
                b.badge_no,
                b.details.full_name(),
                k.day().format_at(arrived)
            ))
        })
    }

    /// Opens the voucher of the booking picked in the review (its filter
    /// cleared so it shows).
    pub fn review_selected(&self) -> Result<(), ConsoleError> {
        let booking = self.picked()?;
        self.filter_review(None);
        self.open_review(Some(&booking.badge_no));
        Ok(())
    }
}
