//! Conflicts between kiosks, as the PA settles them: the open ones of the
//! day, and a resolution (an event, so every kiosk learns of it). Pay never
//! waits on a conflict: the standing event is paid meanwhile.

use super::{Kiosk, KioskError};
use crate::store::{Actor, ConflictRecord, NewEvent, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;

/// A conflict between kiosks: two of them did the same thing without
/// seeing each other; what stands is paid, the PA checks the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    /// `double_check_in`, `double_release`, `double_meal`, `double_item`,
    /// `double_approval`.
    pub kind: String,
    /// The extra, or `None` for a whole group's meal.
    pub badge: Option<String>,
    pub kiosks: Vec<String>,
    /// When the standing fact happened.
    pub at: DateTime<Utc>,
    /// The PA's note, once resolved.
    pub resolved: Option<String>,
}

impl Conflict {
    /// What happened, in a PA's words.
    pub fn what(&self) -> &'static str {
        match self.kind.as_str() {
            "double_check_in" => "Checked in at two kiosks: the earliest check-in stands",
            "double_release" => "Released at two kiosks: the first release stands",
            "double_meal" => "A meal started at two kiosks: one meal stands, the first",
            "double_item" => "One tag handed out at two kiosks: the first holder has it",
            "double_approval" => "A request settled at two kiosks: settled once, the first",
            _ => "Two kiosks did the same thing",
        }
    }
}

impl From<ConflictRecord> for Conflict {
    fn from(c: ConflictRecord) -> Conflict {
        Conflict {
            id: c.id,
            kind: c.kind,
            badge: c.badge,
            kiosks: c.kiosks,
            at: c.at,
            resolved: c.resolved,
        }
    }
}

impl Kiosk<'_> {
    /// The day's conflicts, the open ones first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>, KioskError> {
        Ok(self
            .store
            .conflicts(self.day.id)?
            .into_iter()
            .map(Conflict::from)
            .collect())
    }

    /// The day's open conflicts.
    pub fn open_conflicts(&self) -> Result<Vec<Conflict>, KioskError> {
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
                "conflict {id} is already resolved (here or on another kiosk): nothing to do; pick another from the list"
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
