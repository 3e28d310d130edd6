//! The change log of each extra's day: every change made after the fact (a
//! corrected time, an undo, a move, a bump added or removed, an upgrade to
//! union, a dispute filed and its decision), read from the event log as
//! when, what, from, to, who and why,
//! for the voucher page and the extra's copy.

use crate::model::Day;
use crate::store::{EventRecord, Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// The event kinds that change an extra's day after the fact.
pub const CHANGE_KINDS: [&str; 8] = [
    "time_corrected",
    "checkin_undone",
    "release_undone",
    "moved",
    "bump_added",
    "bump_removed",
    "request_resolved",
    "upgraded",
];

/// One change to an extra's day, as written on their voucher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: DateTime<Utc>,
    /// What changed: "In time", "Holding area", "Bump added", ...
    pub what: String,
    pub from: String,
    pub to: String,
    /// Who made it: a name when one was given, else the PA and the kiosk.
    pub who: String,
    pub why: String,
}

/// The changes to each booking of `day`, by booking id, oldest first.
pub fn changes(store: &Store, day: &Day) -> Result<HashMap<i64, Vec<Change>>, StoreError> {
    let mut kinds = CHANGE_KINDS.to_vec();
    kinds.push("voucher_disputed");
    let events: Vec<EventRecord> = store
        .events_of_kinds(&kinds)?
        .into_iter()
        .filter(|e| e.day_id == Some(day.id))
        .collect();
    let mut found: HashMap<i64, Vec<Change>> = HashMap::new();
    for (booking, change) in read_changes(store, day, &events)? {
        found.entry(booking).or_default().push(change);
    }
    Ok(found)
}

/// The changes to one booking of `day`, oldest first: its own events only
/// (this runs on the kiosk's "already here" and check-out screens).
pub fn changes_of(store: &Store, day: &Day, booking_id: i64) -> Result<Vec<Change>, StoreError> {
    let mut kinds = CHANGE_KINDS.to_vec();
    kinds.push("voucher_disputed");
    let events = store.booking_events_of_kinds(booking_id, &kinds)?;
    Ok(read_changes(store, day, &events)?
        .into_iter()
        .map(|(_, change)| change)
        .collect())
}

/// The changes `events` (with the disputes they resolve among them) make,
/// each with its booking, ordered by when they happened.
fn read_changes(
    store: &Store,
    day: &Day,
    events: &[EventRecord],
) -> Result<Vec<(i64, Change)>, StoreError> {
    let disputes: std::collections::HashSet<&str> = events
        .iter()
        .filter(|e| e.kind == "voucher_disputed")
        .map(|e| e.id.as_str())
        .collect();
    let areas: HashMap<i64, String> = store
        .areas(day)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut found = Vec::new();
    for event in events {
        let Some(booking) = event.booking_id else {
            continue;
        };
        let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
        if event.kind == "request_resolved"
            && !payload["request"]
                .as_str()
                .is_some_and(|r| disputes.contains(r))
        {
            // A "no badge" request approved is a check-in, not a change.
            continue;
        }
        if let Some(change) = change_of(day, event, &payload, &areas) {
            found.push((booking, change));
        }
    }
    found.sort_by_key(|(_, c)| c.at);
    Ok(found)
}

/// A payload's time: the instant (`key_at`) when the event has one, else the
/// local text older events wrote (`key`).
fn time_in(day: &Day, payload: &Value, key: &str) -> String {
    payload[format!("{key}_at")]
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| day.format_at(t.with_timezone(&Utc)))
        .or_else(|| payload[key].as_str().map(str::to_string))
        .unwrap_or_else(|| "—".into())
}

fn text(payload: &Value, key: &str) -> String {
    payload[key].as_str().unwrap_or_default().trim().to_string()
}

/// Words from another kiosk kept to a line's worth.
fn shortened(words: &str) -> String {
    words
        .chars()
        .take(super::disputes::MAX_DISPUTE_WORDS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// "Meal 1 out" for `meal1_out`.
fn field_words(code: &str) -> String {
    match code {
        "in" => "In time".into(),
        "out" => "Out time".into(),
        "ndb_out" => "NDB out".into(),
        "ndb_in" => "NDB in".into(),
        "meal1_out" => "Meal 1 out".into(),
        "meal1_in" => "Meal 1 in".into(),
        "meal2_out" => "Meal 2 out".into(),
        "meal2_in" => "Meal 2 in".into(),
        other => other.replace('_', " "),
    }
}

fn bump_words(payload: &Value) -> String {
    let kind = text(payload, "kind").replace('_', " ");
    let count = payload["count"].as_u64().unwrap_or(1);
    let amount = payload["amount_cents"]
        .as_i64()
        .map(|c| format!(" {}", crate::model::Money(c)))
        .unwrap_or_default();
    if count > 1 {
        format!("{kind} x{count}{amount}")
    } else {
        format!("{kind}{amount}")
    }
}

fn change_of(
    day: &Day,
    event: &EventRecord,
    payload: &Value,
    areas: &HashMap<i64, String>,
) -> Option<Change> {
    let pa = format!("PA at kiosk {}", event.kiosk_id);
    let by = |key: &str| Some(text(payload, key)).filter(|t| !t.is_empty());
    let area = |id: Option<i64>| {
        id.and_then(|id| areas.get(&id).cloned())
            .unwrap_or_else(|| "—".into())
    };
    let (what, from, to, who, why) = match event.kind.as_str() {
        "time_corrected" => (
            field_words(payload["field"].as_str().unwrap_or_default()),
            time_in(day, payload, "from"),
            time_in(day, payload, "to"),
            by("by").unwrap_or(pa),
            text(payload, "reason"),
        ),
        "voucher_disputed" => {
            let about = payload["about"].as_str().unwrap_or("other");
            let (what, from, to) = match about {
                "bump" => (
                    "Dispute: bump missing".to_string(),
                    "—".to_string(),
                    bump_words(&serde_json::json!({
                        "kind": payload["bump"],
                        "amount_cents": payload["amount_cents"],
                    })),
                ),
                "other" => ("Dispute".to_string(), "—".to_string(), "—".to_string()),
                field => (
                    format!("Dispute: {}", field_words(field)),
                    time_in(day, payload, "recorded"),
                    time_in(day, payload, "claimed"),
                ),
            };
            let who = if event.actor == "kiosk" {
                "the extra, at the kiosk".to_string()
            } else {
                "PA, for the extra".to_string()
            };
            (what, from, to, who, shortened(&text(payload, "words")))
        }
        "checkin_undone" => (
            "Check-in undone".into(),
            time_in(day, payload, "undone"),
            "—".into(),
            pa,
            text(payload, "reason"),
        ),
        "release_undone" => (
            "Release undone".into(),
            time_in(day, payload, "undone"),
            "—".into(),
            pa,
            text(payload, "reason"),
        ),
        "moved" => (
            "Holding area".into(),
            by("from_area").unwrap_or_else(|| area(payload["from_area_id"].as_i64())),
            by("to_area").unwrap_or_else(|| area(event.area_id)),
            pa,
            String::new(),
        ),
        "bump_added" => (
            "Bump added".into(),
            "—".into(),
            bump_words(payload),
            by("added_by").unwrap_or(pa),
            String::new(),
        ),
        "bump_removed" => (
            "Bump removed".into(),
            bump_words(payload),
            "—".into(),
            by("removed_by").unwrap_or(pa),
            String::new(),
        ),
        "upgraded" => (
            "Upgraded".into(),
            text(payload, "from"),
            match payload["rate_cents"].as_i64() {
                Some(c) => format!("union at {}", crate::model::Money(c)),
                None => "union".into(),
            },
            pa,
            text(payload, "reason"),
        ),
        "request_resolved" => (
            match payload["outcome"].as_str() {
                Some("rejected" | "dismissed") => "Dispute rejected".into(),
                _ => "Dispute accepted".into(),
            },
            "open".into(),
            match payload["outcome"].as_str() {
                Some("rejected" | "dismissed") => "rejected".into(),
                _ => "accepted".into(),
            },
            by("by").unwrap_or(pa),
            shortened(&text(payload, "note")),
        ),
        _ => return None,
    };
    Some(Change {
        at: event.happened_at,
        what,
        from,
        to,
        who,
        why,
    })
}

/// "no changes", "1 change", "3 changes".
pub fn changes_words(n: usize) -> String {
    match n {
        0 => "no changes".into(),
        1 => "1 change".into(),
        n => format!("{n} changes"),
    }
}
