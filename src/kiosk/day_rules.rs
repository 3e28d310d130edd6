//! Naming the rules files a day pays by. The file's text is kept in the
//! database (settings `rules.<date>.union` / `.non_union`), so a voucher can
//! be computed again later from the database alone.

use super::KioskError;
use crate::model::{Day, UnionStatus};
use crate::pay::{DayRules, Rules};
use crate::store::{Actor, NewEvent, Store};
use chrono::{DateTime, Utc};
use serde_json::json;

fn key(day: &Day, union: UnionStatus) -> String {
    let status = match union {
        UnionStatus::Union => "union",
        UnionStatus::NonUnion => "non_union",
    };
    format!("rules.{}.{status}", day.date)
}

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
    rec.set_setting(&key(day, union), text)?;
    rec.append(&NewEvent {
        kind: "rules_set",
        day_id: Some(day.id),
        booking_id: None,
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({ "union": union.code(), "file": path, "name": rules.name }),
    })?;
    rec.commit()?;
    Ok(rules)
}

/// The rules `day` pays by: the files it names, else the shipped ones.
pub fn day_rules(store: &Store, day: &Day) -> Result<DayRules, KioskError> {
    let mut rules = DayRules::shipped();
    for union in [UnionStatus::Union, UnionStatus::NonUnion] {
        if let Some(text) = store.setting(&key(day, union))? {
            let named = Rules::parse(&text, &key(day, union))
                .map_err(|e| KioskError::Rules(e.to_string()))?;
            match union {
                UnionStatus::Union => rules.union = named,
                UnionStatus::NonUnion => rules.non_union = named,
            }
        }
    }
    Ok(rules)
}
