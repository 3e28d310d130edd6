//! The console's conflicts between kiosks: the day's open ones, for the
//! dashboard, and the PA's resolution with a note of what they checked.

use super::console_controller::ConsoleController;
use super::console_forms::Outcome;
use crate::kiosk::Conflict;

impl ConsoleController {
    /// The day's open conflicts (none when no day is open).
    pub fn open_conflicts(&self) -> Vec<Conflict> {
        let mut station = self.station.borrow_mut();
        station
            .kiosk()
            .and_then(|k| k.open_conflicts())
            .unwrap_or_default()
    }

    /// Resolves conflict `id` with the PA's `note`.
    pub fn resolve_conflict(&self, id: &str, note: &str) -> Outcome {
        self.record(|k, now| {
            k.resolve_conflict(id, note, now)?;
            Ok(format!("Conflict {id} resolved: {}", note.trim()))
        })
    }
}
