//! The kiosk's own record of its hub, in its SQLite file: the address
//! (without a password), the cursor it has read the hub up to, whether the
//! hub answered lately, and the production's kiosks as the hub last saw
//! them (for the console's Kiosks panel and the check before export).

use super::HubAddress;
use crate::store::{Result, Store, parse_ts, ts};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// This kiosk's hub and how the link stands.
#[derive(Debug, Clone, PartialEq)]
pub struct HubLink {
    /// The hub's address, without a password.
    pub url: String,
    pub cursor: i64,
    pub contacts_rev: i64,
    pub last_ok_at: Option<DateTime<Utc>>,
    /// Since when the hub has not answered (None while it answers).
    pub offline_since: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// This kiosk's clock less the hub's, at the last sync.
    pub clock_offset_ms: Option<i64>,
}

/// A kiosk of the production as the hub last reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct HubKiosk {
    pub id: String,
    pub name: Option<String>,
    pub lead: bool,
    pub retired: bool,
    pub last_seen: Option<DateTime<Utc>>,
    /// Its own last sequence at its last sync.
    pub last_seq: i64,
    /// The last of its sequence the hub holds.
    pub held: i64,
    pub clock_offset_ms: Option<i64>,
    pub conflicts_open: i64,
}

impl HubKiosk {
    /// Events it holds that the hub does not (as of its last heartbeat).
    pub fn unsent(&self) -> i64 {
        (self.last_seq - self.held).max(0)
    }
}

impl Store {
    /// The hub this kiosk syncs with, if one is set.
    pub fn hub_link(&self) -> Result<Option<HubLink>> {
        Ok(self
            .conn
            .query_row(
                "SELECT url, cursor, contacts_rev, last_ok_at, offline_since,
                        last_error, clock_offset_ms FROM hub_link WHERE one = 1",
                [],
                |r| {
                    let time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
                        r.get::<_, Option<String>>(i)?
                            .map(|t| parse_ts(&t))
                            .transpose()
                    };
                    Ok(HubLink {
                        url: r.get(0)?,
                        cursor: r.get(1)?,
                        contacts_rev: r.get(2)?,
                        last_ok_at: time(3)?,
                        offline_since: time(4)?,
                        last_error: r.get(5)?,
                        clock_offset_ms: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Sets this kiosk's hub (`None`: no hub). A new address reads the
    /// hub from its start (nothing is taken twice: events go by id).
    pub fn set_hub(&mut self, address: Option<&HubAddress>) -> Result<()> {
        match address {
            None => {
                self.conn.execute_batch(
                    "BEGIN IMMEDIATE; DELETE FROM hub_link; DELETE FROM hub_kiosks; COMMIT;",
                )?;
            }
            Some(a) => {
                let same: bool = self.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM hub_link WHERE url = ?1)",
                    [a.bare()],
                    |r| r.get(0),
                )?;
                if !same {
                    // Another hub: read it from its start, send it every contact.
                    let tx = self
                        .conn
                        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                    tx.execute(
                        "INSERT INTO hub_link (one, url) VALUES (1, ?1)
                         ON CONFLICT(one) DO UPDATE SET url = excluded.url, cursor = 0,
                             contacts_rev = 0",
                        [a.bare()],
                    )?;
                    tx.execute(
                        "INSERT OR REPLACE INTO contacts_unsent
                         SELECT id, contacts_at FROM people WHERE contacts_at IS NOT NULL",
                        [],
                    )?;
                    tx.commit()?;
                }
            }
        }
        Ok(())
    }

    /// Records that the hub did not answer (the first failure sets since
    /// when).
    pub fn note_hub_offline(&self, reason: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE hub_link SET offline_since = COALESCE(offline_since, ?1), last_error = ?2
             WHERE one = 1",
            params![ts(at), reason],
        )?;
        Ok(())
    }

    /// Records why the last exchange failed while the hub answers (the
    /// follower tries again): the console's Kiosks panel shows it.
    pub fn note_hub_trouble(&self, reason: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE hub_link SET last_error = ?1 WHERE one = 1",
            params![format!("{reason} (retrying)")],
        )?;
        Ok(())
    }

    /// Records a sync that went through.
    pub(super) fn note_hub_ok(&self, at: DateTime<Utc>, offset_ms: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE hub_link SET last_ok_at = ?1, offline_since = NULL, last_error = NULL,
                 clock_offset_ms = ?2 WHERE one = 1",
            params![ts(at), offset_ms],
        )?;
        Ok(())
    }

    /// The production's kiosks as the hub last reported them.
    pub fn hub_kiosks(&self) -> Result<Vec<HubKiosk>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kiosk_id, name, lead, retired, last_seen, last_seq, held, clock_offset_ms,
                    conflicts_open FROM hub_kiosks ORDER BY lead DESC, kiosk_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(HubKiosk {
                id: r.get(0)?,
                name: r.get(1)?,
                lead: r.get(2)?,
                retired: r.get(3)?,
                last_seen: r
                    .get::<_, Option<String>>(4)?
                    .map(|t| parse_ts(&t))
                    .transpose()?,
                last_seq: r.get(5)?,
                held: r.get(6)?,
                clock_offset_ms: r.get(7)?,
                conflicts_open: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the kiosks as the hub reported them (inside the caller's
    /// transaction, if it has one).
    pub(super) fn put_hub_kiosks(&self, kiosks: &[HubKiosk]) -> Result<()> {
        // A savepoint: its own transaction, or part of the caller's.
        self.conn.execute_batch("SAVEPOINT hub_kiosks")?;
        match self.put_hub_kiosk_rows(kiosks) {
            Ok(()) => self.conn.execute_batch("RELEASE hub_kiosks")?,
            Err(e) => {
                self.conn
                    .execute_batch("ROLLBACK TO hub_kiosks; RELEASE hub_kiosks")?;
                return Err(e);
            }
        }
        Ok(())
    }

    fn put_hub_kiosk_rows(&self, kiosks: &[HubKiosk]) -> Result<()> {
        let tx = &self.conn;
        tx.execute("DELETE FROM hub_kiosks", [])?;
        for k in kiosks {
            tx.execute(
                "INSERT INTO hub_kiosks (kiosk_id, name, lead, retired, last_seen, last_seq, held,
                                         clock_offset_ms, conflicts_open)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    k.id,
                    k.name,
                    k.lead,
                    k.retired,
                    k.last_seen.map(ts),
                    k.last_seq,
                    k.held,
                    k.clock_offset_ms,
                    k.conflicts_open
                ],
            )?;
        }
        Ok(())
    }

    /// The kiosks (not retired) whose events the hub may not all hold at
    /// `now`: events sent late by their own account, or not seen for ten
    /// minutes. Empty when no hub is set. Export at wrap waits for them.
    pub fn unsynced_kiosks(&self, now: DateTime<Utc>) -> Result<Vec<(HubKiosk, String)>> {
        if self.hub_link()?.is_none() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for k in self.hub_kiosks()? {
            // This kiosk's own events are here, whatever the hub holds.
            if k.retired || k.id == self.identity.id {
                continue;
            }
            let why = if k.unsent() > 0 {
                Some(format!("{} event(s) not yet on the hub", k.unsent()))
            } else {
                match k.last_seen {
                    None => Some("never synced with the hub".into()),
                    Some(seen) if now - seen > chrono::Duration::minutes(10) => Some(format!(
                        "not seen for {} minutes",
                        (now - seen).num_minutes()
                    )),
                    Some(_) => None,
                }
            };
            if let Some(why) = why {
                out.push((k, why));
            }
        }
        Ok(out)
    }

    /// This kiosk's last sequence.
    pub(super) fn own_head(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(MAX(kiosk_seq), 0) FROM events WHERE kiosk_id = ?1",
            [&self.identity.id],
            |r| r.get(0),
        )?)
    }
}
