//! One exchange with the hub: push this kiosk's events the hub lacks (the
//! lead also relays others'), under the hub's ingest lock, with a
//! heartbeat; then pull what other kiosks sent, from this kiosk's cursor,
//! in bounded batches, each one SQLite transaction that also moves the
//! cursor (so a crash never takes an event twice, nor skips one).

use super::link::HubKiosk;
use super::schema::{CHANNEL, INGEST_LOCK};
use super::{Hub, failure};
use crate::store::sync::{self, Contact, Wire};
use crate::store::{Result, Store, StoreError, parse_ts, ts};
use chrono::Utc;
use rusqlite::params;
use std::collections::{BTreeMap, BTreeSet};

/// How many events one pulled batch holds: a scan waits for at most one.
pub const PULL_BATCH: i64 = 500;

/// What one exchange with the hub did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubReport {
    pub sent: u64,
    pub received: u64,
    pub new_conflicts: u64,
    /// This kiosk's clock less the hub's, in milliseconds.
    pub clock_offset_ms: i64,
}

impl HubReport {
    /// Whether the clocks differ by more than two minutes.
    pub fn clock_is_off(&self) -> bool {
        self.clock_offset_ms.abs() > 120_000
    }
}

const EVENT_COLUMNS: &str = "id, kiosk_id, kind, day_id, booking_id, area_id, happened_at, \
     recorded_at, actor, payload, prev_hash, hash, kiosk_seq, hlc, date, badge, area";

impl Store {
    /// Exchanges events with `hub` once, both ways. `after_batch` is told
    /// after each pulled batch is in (the screens refresh their caches).
    pub fn sync_hub(
        &mut self,
        hub: &mut Hub,
        mut after_batch: impl FnMut(u64),
    ) -> Result<HubReport> {
        // The hub synced with is this kiosk's hub from now on (a cursor
        // belongs to one hub: another address reads from its start).
        self.set_hub(Some(hub.address()))?;
        let before = self.open_conflict_ids()?;
        let offset = self.clock_offset(hub)?;
        self.check_hub_production(hub)?;
        let sent = self.push(hub, offset)?;
        let mut received = 0;
        loop {
            let (taken, more) = self.pull_batch(hub)?;
            received += taken;
            if taken > 0 {
                after_batch(taken);
            }
            if !more {
                break;
            }
        }
        // What the hub said, kept in one durable write (and none when
        // nothing changed within the second): a follower exchanges after
        // every scan, and its writes wait for the disk as a scan's do.
        let kiosks = hub_kiosks(hub)?;
        let now = Utc::now();
        let link = self.hub_link()?;
        let unchanged = kiosks == self.hub_kiosks()?
            && link.as_ref().is_some_and(|l| {
                l.offline_since.is_none()
                    && l.clock_offset_ms == Some(offset)
                    && l.last_ok_at.is_some_and(|t| ts(t) == ts(now))
            });
        if !unchanged {
            // A write from its start: SQLite's busy wait applies to it.
            let tx = rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            self.put_hub_kiosks(&kiosks)?;
            self.note_hub_ok(now, offset)?;
            tx.commit()?;
        }
        let after = self.open_conflict_ids()?;
        Ok(HubReport {
            sent,
            received,
            new_conflicts: after.difference(&before).count() as u64,
            clock_offset_ms: offset,
        })
    }

    /// This kiosk's clock less the hub's `now()`, read halfway through the
    /// round trip.
    fn clock_offset(&self, hub: &mut Hub) -> Result<i64> {
        let t0 = Utc::now() + self.clock_skew;
        let row = hub
            .client
            .query_one(
                "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
                &[],
            )
            .map_err(|e| hub.error(&e))?;
        let t1 = Utc::now() + self.clock_skew;
        let hub_ms: i64 = row.get(0);
        let mid = t0.timestamp_millis() + (t1 - t0).num_milliseconds() / 2;
        Ok(mid - hub_ms)
    }

    fn check_hub_production(&self, hub: &mut Hub) -> Result<()> {
        let row = hub
            .client
            .query_opt("SELECT code, title FROM production WHERE one = 1", &[])
            .map_err(|e| hub.error(&e))?;
        let Some(row) = row else {
            return Err(hub.refused(
                "it holds no production yet: run `extras-kiosk hub init URL` on the lead kiosk"
                    .into(),
            ));
        };
        let (code, title): (String, String) = (row.get(0), row.get(1));
        match self.production()? {
            Some(p) if p.code != code => Err(hub.refused(format!(
                "it holds another production ({title}, code {code}; this kiosk's is {}): nothing was exchanged; check the hub address (`extras-kiosk hub set URL` with this production's hub)",
                p.code
            ))),
            _ => Ok(()),
        }
    }

    /// Sends what the hub lacks, with the heartbeat, in one transaction
    /// under the ingest lock. A fork is refused and recorded on both sides.
    fn push(&mut self, hub: &mut Hub, offset_ms: i64) -> Result<u64> {
        let this = self.this_kiosk()?;
        let lead = this.lead;
        let me = self.identity.id.clone();
        let own_head = self.own_head()?;
        let conflicts_open = self.open_conflict_ids()?.len() as i32;
        // Since schema 2 the hub stamps contacts itself, through a function
        // that lets a kiosk other than the lead change only its own
        // walk-ins' (and never purge): what it may not send stays here.
        let by_function = hub.schema_version()? >= 2;
        let (contacts, kept_here): (Vec<_>, Vec<_>) = unsent_contacts(&self.conn)?
            .into_iter()
            .partition(|(_, c)| !by_function || lead || may_change(this.badge_from, c));
        for (person, c) in &kept_here {
            self.conn
                .prepare_cached("DELETE FROM contacts_unsent WHERE person_id = ?1 AND at = ?2")?
                .execute(params![person, c.at])?;
        }
        let address = hub.address.clone();
        let mut tx = hub
            .client
            .transaction()
            .map_err(|e| failure(&address, &e))?;
        let fail = |e: postgres::Error| failure(&address, &e);
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INGEST_LOCK])
            .map_err(fail)?;
        let mut heads_hub: BTreeMap<String, i64> = BTreeMap::new();
        for row in tx
            .query(
                "SELECT kiosk_id, max(kiosk_seq) FROM events WHERE kiosk_seq IS NOT NULL
                 GROUP BY kiosk_id",
                &[],
            )
            .map_err(fail)?
        {
            heads_hub.insert(row.get(0), row.get(1));
        }
        // A fork: one kiosk sequence, two different events.
        for (kiosk, here) in sync::heads(&self.conn)? {
            let Some(&there) = heads_hub.get(&kiosk) else {
                continue;
            };
            let n = here.min(there);
            // Each hash covers the one before: the chains agree up to n
            // when their hashes at n do (one row read on every push).
            let hub_at_n: Option<String> = tx
                .query_opt(
                    "SELECT hash FROM events WHERE kiosk_id = $1 AND kiosk_seq = $2",
                    &[&kiosk, &n],
                )
                .map_err(fail)?
                .map(|r| r.get(0));
            if sync::hash_at(&self.conn, &kiosk, n)? == hub_at_n {
                continue;
            }
            // A fork: where the chains part.
            let hub_hashes: BTreeMap<i64, String> = tx
                .query(
                    "SELECT kiosk_seq, hash FROM events WHERE kiosk_id = $1 AND kiosk_seq <= $2",
                    &[&kiosk, &n],
                )
                .map_err(fail)?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
            let mut from = n;
            for seq in 1..=n {
                if sync::hash_at(&self.conn, &kiosk, seq)?.as_ref() != hub_hashes.get(&seq) {
                    from = seq;
                    break;
                }
            }
            drop(tx);
            self.conn.execute(
                "INSERT INTO forks (kiosk_id, from_seq, seen_in, seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(kiosk_id) DO UPDATE SET from_seq = excluded.from_seq,
                     seen_in = excluded.seen_in, seen_at = excluded.seen_at",
                params![kiosk, from, address.masked(), ts(Utc::now())],
            )?;
            let _ = hub.client.execute(
                "INSERT INTO forks (kiosk_id, from_seq) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&kiosk, &from],
            );
            return Err(StoreError::Fork {
                kiosk,
                from_seq: from,
                other: format!("the hub {}", address.masked()),
            });
        }
        let legacy_hub: BTreeSet<String> = if lead {
            tx.query("SELECT id FROM events WHERE kiosk_seq IS NULL", &[])
                .map_err(fail)?
                .iter()
                .map(|r| r.get(0))
                .collect()
        } else {
            BTreeSet::new()
        };
        // The lead relays every kiosk's events it holds; a member sends its own.
        let only = (!lead).then_some(me.as_str());
        let wires = sync::wires_past(&self.conn, &heads_hub, &legacy_hub, only)?;
        let insert = tx
            .prepare(&format!(
                "INSERT INTO events ({EVENT_COLUMNS})
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                 ON CONFLICT (id) DO NOTHING"
            ))
            .map_err(fail)?;
        let mut sent = 0u64;
        for w in &wires {
            sent += tx
                .execute(
                    &insert,
                    &[
                        &w.id,
                        &w.kiosk_id,
                        &w.kind,
                        &w.day_id,
                        &w.booking_id,
                        &w.area_id,
                        &w.happened_at,
                        &w.recorded_at,
                        &w.actor,
                        &w.payload,
                        &w.prev_hash,
                        &w.hash,
                        &w.kiosk_seq,
                        &w.hlc,
                        &w.date,
                        &w.badge,
                        &w.area,
                    ],
                )
                .map_err(fail)?;
        }
        for (_, c) in contacts.iter().filter(|_| by_function) {
            tx.execute(
                "SELECT hub_put_contact($1, $2, $3, $4)",
                &[&c.date, &c.badge, &c.phone, &c.email],
            )
            .map_err(fail)?;
        }
        for (_, c) in contacts.iter().filter(|_| !by_function) {
            tx.execute(
                "INSERT INTO contacts (date, badge, phone, email, contacts_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (date, badge) DO UPDATE
                     SET phone = excluded.phone, email = excluded.email,
                         contacts_at = excluded.contacts_at, rev = nextval('contacts_rev_seq')
                     WHERE contacts.contacts_at < excluded.contacts_at
                        OR (contacts.contacts_at = excluded.contacts_at
                            AND excluded.phone IS NULL AND excluded.email IS NULL
                            AND (contacts.phone IS NOT NULL OR contacts.email IS NOT NULL))",
                &[&c.date, &c.badge, &c.phone, &c.email, &c.at],
            )
            .map_err(fail)?;
        }
        tx.execute(
            "UPDATE kiosks SET last_seen = now(), last_seq = $2, clock_offset_ms = $3,
                 conflicts_open = $4 WHERE kiosk_id = $1",
            &[&me, &own_head, &offset_ms, &conflicts_open],
        )
        .map_err(fail)?;
        if sent > 0 || !contacts.is_empty() {
            tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &me])
                .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        // Sent: unless they changed again meanwhile.
        let mut done = self
            .conn
            .prepare_cached("DELETE FROM contacts_unsent WHERE person_id = ?1 AND at = ?2")?;
        for (person, c) in &contacts {
            done.execute(params![person, c.at])?;
        }
        Ok(sent)
    }

    /// Takes one batch of what the hub holds past this kiosk's cursor (and
    /// the contacts changed since), moving the cursor in the same SQLite
    /// transaction. Returns how many events were new here, and whether
    /// more may wait.
    fn pull_batch(&mut self, hub: &mut Hub) -> Result<(u64, bool)> {
        let link = self
            .hub_link()?
            .unwrap_or_else(|| unreachable!("set above"));
        let rows = hub
            .client
            .query(
                &format!(
                    "SELECT hub_seq, {EVENT_COLUMNS} FROM events WHERE hub_seq > $1
                     ORDER BY hub_seq LIMIT $2"
                ),
                &[&link.cursor, &PULL_BATCH],
            )
            .map_err(|e| hub.error(&e))?;
        let more = rows.len() as i64 == PULL_BATCH;
        // Contacts with the last batch, once every booking they name is here.
        let changed_by = if hub.schema_version()? >= 2 {
            "changed_by"
        } else {
            "NULL::text"
        };
        let contact_rows = if more {
            Vec::new()
        } else {
            hub.client
                .query(
                    &format!(
                        "SELECT date, badge, phone, email, contacts_at, rev, {changed_by}
                         FROM contacts WHERE rev > $1 ORDER BY rev"
                    ),
                    &[&link.contacts_rev],
                )
                .map_err(|e| hub.error(&e))?
        };
        if rows.is_empty() && contact_rows.is_empty() {
            return Ok((0, false));
        }
        let cursor = rows.last().map_or(link.cursor, |r| r.get::<_, i64>(0));
        let contacts_rev = contact_rows
            .last()
            .map_or(link.contacts_rev, |r| r.get::<_, i64>(5));
        let wires: Vec<Wire> = rows
            .iter()
            .map(|r| Wire {
                id: r.get(1),
                kiosk_id: r.get(2),
                kind: r.get(3),
                day_id: r.get(4),
                booking_id: r.get(5),
                area_id: r.get(6),
                happened_at: r.get(7),
                recorded_at: r.get(8),
                actor: r.get(9),
                payload: r.get(10),
                prev_hash: r.get(11),
                hash: r.get(12),
                kiosk_seq: r.get(13),
                hlc: r.get(14),
                date: r.get(15),
                badge: r.get(16),
                area: r.get(17),
            })
            .collect();
        let contacts: Vec<Contact> = contact_rows
            .iter()
            .map(|r| Contact {
                date: r.get(0),
                badge: r.get(1),
                phone: r.get(2),
                email: r.get(3),
                at: r.get(4),
                by: r.get(6),
            })
            .collect();
        let source = format!("the hub {}", hub.address.masked());
        let taken = sync::take(self, &wires, &contacts, &source, |tx| {
            tx.execute(
                "UPDATE hub_link SET cursor = ?1, contacts_rev = ?2 WHERE one = 1",
                params![cursor, contacts_rev],
            )?;
            // Contacts that came from the hub need not go back to it.
            let mut sent_already = tx.prepare_cached(
                "DELETE FROM contacts_unsent WHERE at = ?3 AND person_id =
                     (SELECT b.person_id FROM bookings b JOIN days d ON d.id = b.day_id
                      WHERE d.date = ?1 AND b.badge_no = ?2)",
            )?;
            for c in &contacts {
                sent_already.execute(params![c.date, c.badge, c.at])?;
            }
            Ok(())
        })?;
        Ok((taken, more))
    }
}

/// Whether a kiosk whose walk-ins start at `badge_from` may change `c` on
/// the hub: its own walk-ins' contacts, never a purge (the lead may all).
fn may_change(badge_from: u32, c: &Contact) -> bool {
    let purge = c.phone.is_none() && c.email.is_none();
    let number = c
        .badge
        .strip_prefix("B-")
        .and_then(|n| n.parse::<u32>().ok());
    !purge
        && number
            .is_some_and(|n| n >= badge_from && n < badge_from + crate::store::WALK_IN_RANGE - 1)
}

/// The contacts changed here and not yet sent, with their person's id.
fn unsent_contacts(conn: &rusqlite::Connection) -> Result<Vec<(i64, Contact)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, d.date, b.badge_no, p.phone, p.email, p.contacts_at
         FROM contacts_unsent u JOIN people p ON p.id = u.person_id
         JOIN bookings b ON b.person_id = p.id JOIN days d ON d.id = b.day_id
         WHERE p.contacts_at IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            Contact {
                date: r.get(1)?,
                badge: r.get(2)?,
                phone: r.get(3)?,
                email: r.get(4)?,
                at: r.get(5)?,
                by: None,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The production's kiosks as the hub sees them now.
pub(super) fn hub_kiosks(hub: &mut Hub) -> Result<Vec<HubKiosk>> {
    let rows = hub
        .client
        .query(
            "SELECT k.kiosk_id, k.name, k.lead, k.retired_at IS NOT NULL,
                    to_char(k.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
                    k.last_seq,
                    COALESCE((SELECT max(e.kiosk_seq) FROM events e WHERE e.kiosk_id = k.kiosk_id), 0),
                    k.clock_offset_ms, k.conflicts_open
             FROM kiosks k ORDER BY k.lead DESC, k.kiosk_id",
            &[],
        )
        .map_err(|e| hub.error(&e))?;
    rows.iter()
        .map(|r| {
            let seen: Option<String> = r.get(4);
            Ok(HubKiosk {
                id: r.get(0),
                name: r.get(1),
                lead: r.get(2),
                retired: r.get(3),
                last_seen: seen.map(|t| parse_ts(&t)).transpose()?,
                last_seq: r.get(5),
                held: r.get(6),
                clock_offset_ms: r.get(7),
                conflicts_open: r.get::<_, i32>(8) as i64,
            })
        })
        .collect()
}
