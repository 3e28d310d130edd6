//! What a kiosk keeps of what it would not take: events received that did
//! not verify, set aside with the events of their kiosk that wait behind
//! them; and the contact changes the hub ordered, with the kiosk that made
//! each (never the values), for the log.

use super::{Result, Store, parse_ts};
use chrono::{DateTime, Utc};

/// An event kept aside, never applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsideRecord {
    pub id: String,
    pub kiosk_id: String,
    pub kiosk_seq: Option<i64>,
    pub kind: String,
    /// What is wrong with it, or which event it waits behind.
    pub reason: String,
    /// Where it came from (a hub's address, a file).
    pub source: String,
    pub seen_at: DateTime<Utc>,
}

/// A change of an extra's phone or email, as the hub ordered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactChange {
    pub date: String,
    pub badge: String,
    /// The kiosk that made it.
    pub kiosk_id: String,
    /// The hub's clock.
    pub at: String,
    /// Emptied (a purge) rather than set.
    pub purge: bool,
}

impl Store {
    /// The events set aside here, in the order they came.
    pub fn events_aside(&self) -> Result<Vec<AsideRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kiosk_id, kiosk_seq, kind, reason, source, seen_at FROM events_aside
             ORDER BY seen_at, kiosk_id, kiosk_seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AsideRecord {
                id: r.get(0)?,
                kiosk_id: r.get(1)?,
                kiosk_seq: r.get(2)?,
                kind: r.get(3)?,
                reason: r.get(4)?,
                source: r.get(5)?,
                seen_at: parse_ts(&r.get::<_, String>(6)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The contact changes of the day on `date` (one badge's, when given),
    /// oldest first.
    pub fn contact_changes(&self, date: &str, badge: Option<&str>) -> Result<Vec<ContactChange>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, badge, kiosk_id, at, purge FROM contact_log
             WHERE date = ?1 AND (?2 IS NULL OR badge = ?2) ORDER BY at, badge",
        )?;
        let rows = stmt.query_map(rusqlite::params![date, badge], |r| {
            Ok(ContactChange {
                date: r.get(0)?,
                badge: r.get(1)?,
                kiosk_id: r.get(2)?,
                at: r.get(3)?,
                purge: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
