//! The console's view of the other kiosks: the day's open conflicts, for
//! the dashboard, the PA's resolution with a note of what they checked, and
//! the hub's state for the Kiosks panel.

use super::console_controller::{Changed, ConsoleController};
use super::console_forms::{Notice, Outcome};
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

    /// Sets the hub this kiosk follows (`url` empty: none); those told of
    /// `Changed::Hub` start following it.
    pub fn set_hub(&self, url: &str) -> Outcome {
        let set = self.station.borrow_mut().set_hub(url)?;
        self.changed(Changed::Hub);
        Ok(Notice(match set {
            Some(bare) => format!("This kiosk syncs with the hub {bare} from now on."),
            None => "This kiosk no longer syncs with a hub.".into(),
        }))
    }

    /// Resolves conflict `id` with the PA's `note`.
    pub fn resolve_conflict(&self, id: &str, note: &str) -> Outcome {
        self.record(|k, now| {
            k.resolve_conflict(id, note, now)?;
            Ok(format!("Conflict {id} resolved: {}", note.trim()))
        })
    }
}
