//! The console's view of the other kiosks: the day's open conflicts, for
//! the dashboard, the PA's resolution with a note of what they checked, and
//! the hub's state for the Kiosks panel.

use super::console_controller::ConsoleController;
use super::console_forms::Outcome;
use crate::kiosk::{Conflict, HubState};

impl ConsoleController {
    /// The day's open conflicts (none when no day is open).
    pub fn open_conflicts(&self) -> Vec<Conflict> {
        let mut station = self.station.borrow_mut();
        station
            .kiosk()
            .and_then(|k| k.open_conflicts())
            .unwrap_or_default()
    }

    /// This kiosk's hub and the production's kiosks (nothing when no hub
    /// is set, or when it cannot be read).
    pub fn hub_state(&self) -> HubState {
        self.station
            .borrow()
            .hub_state(self.now())
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
