//! The append-only event log: every fact of the day is one event. Each
//! kiosk writes its own chain (its own sequence, and the SHA-256 hash of its
//! previous event), so an edited, removed or inserted row shows; events
//! from before kiosks had chains (the legacy segment) keep their one chain
//! by seq. Every new event carries a hybrid logical clock ([`Hlc`]).

use super::hlc::Hlc;
use super::{Actor, Result, Store, parse_ts, random_bytes, ts};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

/// The hash the first event chains to.
/// The largest payload an event may carry, in bytes: above the largest a
/// kiosk writes, a skin's import (its rows travel in the event, about 280
/// bytes a row: 1.4 MB for 5,000 bookings; 16 MiB holds some 57,000), and
/// far above a signature's strokes (at most
/// [`crate::kiosk::signing::MAX_SIGNATURE_POINTS`] points of about 14
/// bytes). The hub refuses a larger one at the door, and a kiosk sets one
/// aside on arrival.
pub const MAX_PAYLOAD_BYTES: usize = 16 * 1024 * 1024;

/// What is wrong with an event's payload, if anything: over
/// [`MAX_PAYLOAD_BYTES`], or not a JSON object.
pub(super) fn payload_fault(payload: &str) -> Option<String> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Some(format!(
            "has a payload of {} bytes, over the limit of {MAX_PAYLOAD_BYTES}",
            payload.len()
        ));
    }
    match serde_json::from_str::<serde_json::Value>(payload) {
        Ok(serde_json::Value::Object(_)) => None,
        Ok(_) => Some("has a payload that is not a JSON object".into()),
        Err(_) => Some("has a payload that is not well-formed JSON".into()),
    }
}

/// Every kind of event this build writes or reads. An event of another
/// kind came from a kiosk on a newer build: it is kept and travels, and
/// the PA is told to update this kiosk; it is never a bad event.
pub const KNOWN_KINDS: &[&str] = &[
    "approval_required_set",
    "area_added",
    "area_changed",
    "badge_reissued",
    "badge_requested",
    "badge_voided",
    "bump_added",
    "bump_removed",
    "checked_in",
    "checkin_undone",
    "conflict_resolved",
    "contacts_purged",
    "day_opened",
    "day_selected",
    "double_approval",
    "item_issued",
    "item_returned",
    "kiosk_joined",
    "kiosk_rejoined",
    "meal_ended",
    "meal_started",
    "moved",
    "ndb",
    "paper_voucher_set",
    "paperwork_rejected",
    "paperwork_verified",
    "pin_accepted",
    "pin_failed",
    "pin_set",
    "release_undone",
    "released",
    "request_resolved",
    "rules_set",
    "scan_refused",
    "scan_repeated",
    "skin_imported",
    "time_corrected",
    "union_required_set",
    "upgraded",
    "vouchers_exported",
    "voucher_approved",
    "voucher_disputed",
    "voucher_signed",
    "voucher_unsigned",
    "walk_in_added",
];

pub(super) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event about to be recorded.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: &'static str,
    pub day_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub area_id: Option<i64>,
    pub happened_at: DateTime<Utc>,
    pub actor: Actor,
    pub payload: serde_json::Value,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub seq: i64,
    pub id: String,
    pub kiosk_id: String,
    pub kind: String,
    pub day_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub area_id: Option<i64>,
    pub happened_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
    /// This kiosk's own count of its events, from 1 (`None` in the legacy
    /// segment).
    pub kiosk_seq: Option<i64>,
    /// The hybrid logical clock (`None` in the legacy segment).
    pub hlc: Option<String>,
}

const EVENT_COLUMNS: &str = "seq, id, kiosk_id, kind, day_id, booking_id, area_id, happened_at,
    recorded_at, actor, payload, prev_hash, hash, kiosk_seq, hlc";

fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    Ok(EventRecord {
        seq: r.get(0)?,
        id: r.get(1)?,
        kiosk_id: r.get(2)?,
        kind: r.get(3)?,
        day_id: r.get(4)?,
        booking_id: r.get(5)?,
        area_id: r.get(6)?,
        happened_at: parse_ts(&r.get::<_, String>(7)?)?,
        recorded_at: parse_ts(&r.get::<_, String>(8)?)?,
        actor: r.get(9)?,
        payload: r.get(10)?,
        prev_hash: r.get(11)?,
        hash: r.get(12)?,
        kiosk_seq: r.get(13)?,
        hlc: r.get(14)?,
    })
}

/// What a walk along the chain found.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainReport {
    pub events: u64,
    pub first_break: Option<ChainBreak>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChainBreak {
    pub seq: i64,
    /// The kiosk whose chain breaks, and where in it (`None` in the legacy
    /// segment).
    pub kiosk: Option<String>,
    pub kiosk_seq: Option<i64>,
    pub what: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event {}", self.seq)?;
        if let (Some(kiosk), Some(n)) = (&self.kiosk, self.kiosk_seq) {
            write!(f, " (kiosk {kiosk}, its event {n})")?;
        }
        write!(f, ": {}", self.what)
    }
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn chain_hash(
    prev_hash: &str,
    id: &str,
    kiosk_id: &str,
    kind: &str,
    day_id: Option<i64>,
    booking_id: Option<i64>,
    area_id: Option<i64>,
    happened_at: &str,
    recorded_at: &str,
    actor: &str,
    payload: &str,
    chain: Option<(i64, &str)>,
) -> String {
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let mut hasher = Sha256::new();
    for field in [
        prev_hash,
        id,
        kiosk_id,
        kind,
        &opt(day_id),
        &opt(booking_id),
        &opt(area_id),
        happened_at,
        recorded_at,
        actor,
        payload,
    ] {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    // A kiosk's own chain covers its sequence and clock too; legacy events
    // hash as they always did.
    if let Some((kiosk_seq, hlc)) = chain {
        for field in [kiosk_seq.to_string().as_str(), hlc] {
            hasher.update(field.as_bytes());
            hasher.update([0x1f]);
        }
    }
    hex::encode(hasher.finalize())
}

/// The hash a kiosk's first event chains to: the end of the legacy
/// segment, if the file has one, else the genesis hash.
pub(super) fn chain_start(conn: &rusqlite::Connection) -> rusqlite::Result<String> {
    conn.prepare_cached(
        "SELECT hash FROM events WHERE kiosk_seq IS NULL ORDER BY seq DESC LIMIT 1",
    )?
    .query_row([], |r| r.get(0))
    .optional()
    .map(|h| h.unwrap_or_else(|| GENESIS.to_string()))
}

/// The event's payload naming what its columns name by this file's ids:
/// the day's date and the booking's badge, so the event stands on its own
/// on any kiosk.
fn self_contained(tx: &Transaction<'_>, event: &NewEvent) -> Result<serde_json::Value> {
    let mut payload = event.payload.clone();
    let Some(fields) = payload.as_object_mut() else {
        return Ok(payload);
    };
    if let (Some(day), false) = (event.day_id, fields.contains_key("date")) {
        let date: Option<String> = tx
            .prepare_cached("SELECT date FROM days WHERE id = ?1")?
            .query_row([day], |r| r.get(0))
            .optional()?;
        fields.insert("date".into(), date.into());
    }
    if let (Some(booking), false) = (event.booking_id, fields.contains_key("badge")) {
        let badge: Option<String> = tx
            .prepare_cached("SELECT badge_no FROM bookings WHERE id = ?1")?
            .query_row([booking], |r| r.get(0))
            .optional()?;
        fields.insert("badge".into(), badge.into());
    }
    Ok(payload)
}

/// Appends `event` inside `tx`, chained to this kiosk's last event and
/// stamped with the clock after every event held. Returns its id.
pub(crate) fn append(tx: &Transaction<'_>, kiosk_id: &str, event: &NewEvent) -> Result<String> {
    append_at(tx, kiosk_id, event, Utc::now())
}

/// [`append`], with the device's clock reading `now`.
pub(crate) fn append_at(
    tx: &Transaction<'_>,
    kiosk_id: &str,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<String> {
    let tail: Option<(String, i64)> = tx
        .prepare_cached(
            "SELECT hash, kiosk_seq FROM events WHERE kiosk_id = ?1 AND kiosk_seq IS NOT NULL
             ORDER BY kiosk_seq DESC LIMIT 1",
        )?
        .query_row([kiosk_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (prev_hash, kiosk_seq) = match tail {
        Some((hash, n)) => (hash, n + 1),
        None => (chain_start(tx)?, 1),
    };
    // `hlc IS NOT NULL` lets SQLite read the maximum off the partial index;
    // without it, it reads the whole log on every scan.
    let latest: Option<String> = tx
        .prepare_cached("SELECT MAX(hlc) FROM events WHERE hlc IS NOT NULL")?
        .query_row([], |r| r.get(0))?;
    let hlc = Hlc::next(
        latest.as_deref().and_then(Hlc::parse),
        now.timestamp_millis(),
    )
    .to_text();
    let id = hex::encode(random_bytes::<16>());
    let happened_at = ts(event.happened_at);
    let recorded_at = ts(now);
    let payload = self_contained(tx, event)?.to_string();
    let hash = chain_hash(
        &prev_hash,
        &id,
        kiosk_id,
        event.kind,
        event.day_id,
        event.booking_id,
        event.area_id,
        &happened_at,
        &recorded_at,
        event.actor.code(),
        &payload,
        Some((kiosk_seq, &hlc)),
    );
    tx.prepare_cached(
        "INSERT INTO events (id, kiosk_id, kind, day_id, booking_id, area_id,
                             happened_at, recorded_at, actor, payload, prev_hash, hash,
                             kiosk_seq, hlc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        kiosk_id,
        event.kind,
        event.day_id,
        event.booking_id,
        event.area_id,
        happened_at,
        recorded_at,
        event.actor.code(),
        payload,
        prev_hash,
        hash,
        kiosk_seq,
        hlc
    ])?;
    Ok(id)
}

impl Store {
    /// Records one event on its own, durably.
    pub fn record(&mut self, event: &NewEvent) -> Result<String> {
        // Through a recording, as every other write: the event's marks and
        // the clock's drill skew apply to it too.
        let rec = self.recording()?;
        let id = rec.append(event)?;
        rec.commit()?;
        Ok(id)
    }

    /// Every event, oldest first; only those of `booking_id` when given.
    pub fn events(&self, booking_id: Option<i64>) -> Result<Vec<EventRecord>> {
        self.events_where("?1 IS NULL OR booking_id = ?1", booking_id)
    }

    /// When this kiosk's latest event was recorded: a clock earlier than
    /// this is wrong. (Other kiosks' clocks are theirs to answer for.)
    pub fn latest_recorded_at(&self) -> Result<Option<DateTime<Utc>>> {
        let text: Option<String> = self.conn.query_row(
            "SELECT MAX(recorded_at) FROM events WHERE kiosk_id = ?1",
            [&self.identity.id],
            |r| r.get(0),
        )?;
        Ok(text.as_deref().map(super::parse_ts).transpose()?)
    }

    /// Every event of the given kinds, oldest first.
    pub fn events_of_kinds(&self, kinds: &[&str]) -> Result<Vec<EventRecord>> {
        let kinds = serde_json::to_string(kinds).expect("strings serialise");
        self.events_where("kind IN (SELECT value FROM json_each(?1))", kinds)
    }

    /// The bookings of `day_id` with at least one event of `kind` (their
    /// payloads unread: a signature's strokes are large).
    pub fn bookings_with_event(
        &self,
        day_id: i64,
        kind: &str,
    ) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT booking_id FROM events
             WHERE day_id = ?1 AND kind = ?2 AND booking_id IS NOT NULL",
        )?;
        let rows = stmt.query_map(params![day_id, kind], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every event of the given kinds about one booking, oldest first.
    pub fn booking_events_of_kinds(
        &self,
        booking_id: i64,
        kinds: &[&str],
    ) -> Result<Vec<EventRecord>> {
        let kinds = serde_json::to_string(kinds).expect("strings serialise");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE booking_id = ?1 AND kind IN (SELECT value FROM json_each(?2)) ORDER BY seq"
        ))?;
        let rows = stmt.query_map(rusqlite::params![booking_id, kinds], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn events_where(
        &self,
        condition: &str,
        param: impl rusqlite::ToSql,
    ) -> Result<Vec<EventRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE {condition} ORDER BY seq"
        ))?;
        let rows = stmt.query_map([param], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Walks the legacy segment, then every kiosk's chain, recomputing
    /// every hash: an edited row, a removed or inserted one, or a gap in a
    /// kiosk's sequence breaks the chain there.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let mut stmt = self.conn.prepare(
            // An event received from another file is checked with the ids
            // it had where it was made (what its hash covers).
            "SELECT e.seq, e.id, e.kiosk_id, e.kind,
                    CASE WHEN o.event_id IS NULL THEN e.day_id ELSE o.day_id END,
                    CASE WHEN o.event_id IS NULL THEN e.booking_id ELSE o.booking_id END,
                    CASE WHEN o.event_id IS NULL THEN e.area_id ELSE o.area_id END,
                    e.happened_at, e.recorded_at, e.actor, e.payload, e.prev_hash, e.hash,
                    e.kiosk_seq, e.hlc
             FROM events e LEFT JOIN event_origin o ON o.event_id = e.id
             ORDER BY kiosk_seq IS NOT NULL,
                      CASE WHEN kiosk_seq IS NULL THEN '' ELSE kiosk_id END, kiosk_seq, seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut events = 0u64;
        let mut legacy_tail = GENESIS.to_string();
        // The kiosk being walked, its last sequence and hash.
        let mut walking: Option<(String, i64, String)> = None;
        while let Some(r) = rows.next()? {
            events += 1;
            let seq: i64 = r.get(0)?;
            let kiosk: String = r.get(2)?;
            let prev_hash: String = r.get(11)?;
            let stored: String = r.get(12)?;
            let kiosk_seq: Option<i64> = r.get(13)?;
            let hlc: Option<String> = r.get(14)?;
            let broken = |what: String| {
                Ok(ChainReport {
                    events,
                    first_break: Some(ChainBreak {
                        seq,
                        kiosk: kiosk_seq.map(|_| kiosk.clone()),
                        kiosk_seq,
                        what,
                    }),
                })
            };
            let follows = match (kiosk_seq, &walking) {
                (None, _) => prev_hash == legacy_tail,
                (Some(n), Some((k, last, hash))) if *k == kiosk => {
                    if n != last + 1 {
                        return broken(format!(
                            "kiosk {kiosk}'s sequence jumps from {last} to {n}: an event is missing (a row was removed)"
                        ));
                    }
                    prev_hash == *hash
                }
                (Some(n), _) => {
                    if n != 1 {
                        return broken(format!(
                            "kiosk {kiosk}'s chain starts at {n}, not 1: its first events are missing (rows were removed)"
                        ));
                    }
                    prev_hash == GENESIS || prev_hash == legacy_tail
                }
            };
            if !follows {
                return broken(
                    "does not follow the event before it (a row was removed or inserted)".into(),
                );
            }
            let recomputed = chain_hash(
                &prev_hash,
                &r.get::<_, String>(1)?,
                &kiosk,
                &r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                &r.get::<_, String>(7)?,
                &r.get::<_, String>(8)?,
                &r.get::<_, String>(9)?,
                &r.get::<_, String>(10)?,
                kiosk_seq.map(|n| (n, hlc.as_deref().unwrap_or(""))),
            );
            if recomputed != stored {
                return broken("its content does not match its hash (the row was edited)".into());
            }
            match kiosk_seq {
                None => legacy_tail = stored,
                Some(n) => walking = Some((kiosk, n, stored)),
            }
        }
        Ok(ChainReport {
            events,
            first_break: None,
        })
    }

    /// How many events each kiosk has written (its last sequence), the
    /// legacy segment under `None`.
    pub fn kiosk_heads(&self) -> Result<Vec<(Option<String>, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT CASE WHEN kiosk_seq IS NULL THEN NULL ELSE kiosk_id END AS k, COUNT(*)
             FROM events GROUP BY k ORDER BY k",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_every_field() {
        let fields = [
            GENESIS,
            "a",
            "k",
            "checked_in",
            "1",
            "2",
            "",
            "t1",
            "t2",
            "kiosk",
            "{}",
        ];
        let hash = |f: &[&str; 11]| {
            let id = |t: &str| t.parse::<i64>().ok();
            chain_hash(
                f[0],
                f[1],
                f[2],
                f[3],
                id(f[4]),
                id(f[5]),
                id(f[6]),
                f[7],
                f[8],
                f[9],
                f[10],
                None,
            )
        };
        let base = hash(&fields);
        for i in 0..fields.len() {
            let mut changed = fields;
            changed[i] = if fields[i] == "9" { "8" } else { "9" };
            assert_ne!(hash(&changed), base, "field {i} is not covered");
        }
    }
}
