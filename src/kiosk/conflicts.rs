//! Conflicts between kiosks, as the PA settles them: the open ones of the
//! day, and a resolution (an event, so every kiosk learns of it). Pay never
//! waits on a conflict: the standing event is paid meanwhile.

use super::{Kiosk, KioskError};
use crate::store::{Actor, ConflictRecord, NewEvent, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;

impl Kiosk<'_> {
    /// The day's conflicts, the open ones first.
    pub fn conflicts(&self) -> Result<Vec<ConflictRecord>, KioskError> {
        Ok(self.store.conflicts(self.day.id)?)
    }

    /// The day's open conflicts.
    pub fn open_conflicts(&self) -> Result<Vec<ConflictRecord>, KioskError> {
        Ok(self
            .conflicts()?
            .into_iter()
            .filter(|c| c.resolved.is_none())
            .collect())
    }

    /// Resolves conflict `id` with the PA's `note` (what they checked and
    /// decided). A resolved conflict leaves the list and stays in the log.
    pub fn resolve_conflict(
        &mut self,
        id: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        let note = note.trim();
        if note.is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        let (day_id, open) = self.store.conflict_day(id)?;
        if !open {
            return Err(KioskError::Store(StoreError::Sync(format!(
                "conflict {id} is already resolved"
            ))));
        }
        let rec = self.store.recording()?;
        let event = rec.append(&NewEvent {
            kind: "conflict_resolved",
            day_id: Some(day_id),
            booking_id: None,
            area_id: None,
            happened_at: at,
            actor: Actor::Supervisor,
            payload: json!({ "conflict": id, "note": note, "date": self.day.date.to_string() }),
        })?;
        rec.resolve_conflict(id, &event, note)?;
        rec.commit()?;
        Ok(())
    }
}
