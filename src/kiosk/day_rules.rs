//! Which rules files a day pays by: recording a day's choice (checked, an
//! event in the log) and reading it back. The file's text is kept in the
//! database, so a voucher can be computed again later from it alone; the
//! parsing is `pay::DayRules`'s.

use super::KioskError;
use crate::model::{Day, UnionStatus};
use crate::pay::{DayRules, Rules};
use crate::store::{Actor, NewEvent, Store};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Makes `text` (a rules file read from `path`) the rules of `day` for
/// bookings of `union` status. The file is checked before it is kept.
pub fn set_day_rules(
    store: &mut Store,
    day: &Day,
    union: UnionStatus,
    text: &str,
    path: &str,
    at: DateTime<Utc>,
) -> Result<Rules, KioskError> {
    let rules = Rules::parse(text, path).map_err(|e| KioskError::Rules(e.to_string()))?;
    let rec = store.recording()?;
    rec.set_day_rules_text(day, union, text)?;
    rec.append(&NewEvent {
        kind: "rules_set",
        day_id: Some(day.id),
        booking_id: None,
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        // The file's text, so every kiosk pays the day by it.
        payload: json!({
            "union": union.code(),
            "file": path,
            "name": rules.name,
            "date": day.date.to_string(),
            "text": text,
        }),
    })?;
    rec.commit()?;
    Ok(rules)
}

/// The rules `day` pays by: the files it names, else the shipped ones.
pub fn day_rules(store: &Store, day: &Day) -> Result<DayRules, KioskError> {
    Ok(store.day_rules(day)?)
}
