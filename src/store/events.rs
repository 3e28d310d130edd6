//! The append-only event log: every fact of the day is one event, chained to
//! the one before by a SHA-256 hash so that an edited or removed row shows.

use super::{Actor, Result, Store, parse_ts, random_bytes, ts};
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

/// The hash the first event chains to.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
    pub what: String,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

#[allow(clippy::too_many_arguments)]
fn chain_hash(
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
    hex::encode(hasher.finalize())
}

/// Appends `event` inside `tx`, chained to the last event. Returns its id.
pub(crate) fn append(tx: &Transaction<'_>, kiosk_id: &str, event: &NewEvent) -> Result<String> {
    let prev_hash: String = tx
        .query_row(
            "SELECT hash FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(GENESIS.to_string()),
            other => Err(other),
        })?;
    let id = hex::encode(random_bytes::<16>());
    let happened_at = ts(event.happened_at);
    let recorded_at = ts(Utc::now());
    let payload = event.payload.to_string();
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
    );
    tx.prepare_cached(
        "INSERT INTO events (id, kiosk_id, kind, day_id, booking_id, area_id,
                             happened_at, recorded_at, actor, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        hash
    ])?;
    Ok(id)
}

impl Store {
    /// Records one event on its own, durably.
    pub fn record(&mut self, event: &NewEvent) -> Result<String> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let id = append(&tx, &self.identity.id, event)?;
        tx.commit()?;
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

    fn events_where(
        &self,
        condition: &str,
        param: impl rusqlite::ToSql,
    ) -> Result<Vec<EventRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT seq, id, kiosk_id, kind, day_id, booking_id, area_id, happened_at,
                    recorded_at, actor, payload, prev_hash, hash
             FROM events WHERE {condition} ORDER BY seq"
        ))?;
        let rows = stmt.query_map([param], |r| {
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
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Walks the whole log and recomputes every hash: an edited, inserted or
    /// deleted row breaks the chain at that row.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, id, kiosk_id, kind, day_id, booking_id, area_id, happened_at,
                    recorded_at, actor, payload, prev_hash, hash
             FROM events ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS.to_string();
        let mut events = 0u64;
        while let Some(r) = rows.next()? {
            events += 1;
            let seq: i64 = r.get(0)?;
            let prev_hash: String = r.get(11)?;
            let stored: String = r.get(12)?;
            if prev_hash != expected_prev {
                return Ok(ChainReport {
                    events,
                    first_break: Some(ChainBreak {
                        seq,
                        what: "does not follow the event before it (a row was removed or inserted)"
                            .into(),
                    }),
                });
            }
            let recomputed = chain_hash(
                &prev_hash,
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                &r.get::<_, String>(7)?,
                &r.get::<_, String>(8)?,
                &r.get::<_, String>(9)?,
                &r.get::<_, String>(10)?,
            );
            if recomputed != stored {
                return Ok(ChainReport {
                    events,
                    first_break: Some(ChainBreak {
                        seq,
                        what: "its content does not match its hash (the row was edited)".into(),
                    }),
                });
            }
            expected_prev = stored;
        }
        Ok(ChainReport {
            events,
            first_break: None,
        })
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
