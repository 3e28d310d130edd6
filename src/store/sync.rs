//! Merging by file: `sync` exchanges events both ways between this kiosk's
//! database and another file of the production (another kiosk's, or a
//! carry file taken on a stick), each side all or nothing and idempotent.
//! An event received keeps the ids its columns had where it was made (its
//! hash covers them) beside it, its own columns hold this file's ids, found
//! by what they name (the day's date, the badge, the area's uid); then the
//! days it touched are folded again.

use super::{Result, Store, StoreError, bookings, events, fold, parse_ts, ts};
use crate::model::{BookingDetails, BookingSource, Category, Money, Paperwork, UnionStatus};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What one `sync` moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Events this kiosk held that the file did not.
    pub sent: u64,
    /// Events the file held that this kiosk did not.
    pub received: u64,
    /// Conflicts open here now that were not before.
    pub new_conflicts: u64,
    /// The file did not exist: it was made as a carry file.
    pub created_carry_file: bool,
}

/// A conflict between kiosks, as the PA sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRecord {
    pub id: String,
    pub kind: String,
    pub badge: Option<String>,
    pub kiosks: Vec<String>,
    pub at: DateTime<Utc>,
    pub resolved: Option<String>,
}

/// An event as it travels: its columns as written where it was made, and
/// what they name.
#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct Wire {
    pub(super) id: String,
    pub(super) kiosk_id: String,
    pub(super) kind: String,
    pub(super) day_id: Option<i64>,
    pub(super) booking_id: Option<i64>,
    pub(super) area_id: Option<i64>,
    pub(super) happened_at: String,
    pub(super) recorded_at: String,
    pub(super) actor: String,
    pub(super) payload: String,
    pub(super) prev_hash: String,
    pub(super) hash: String,
    pub(super) kiosk_seq: Option<i64>,
    pub(super) hlc: Option<String>,
    pub(super) date: Option<String>,
    pub(super) badge: Option<String>,
    pub(super) area: Option<String>,
}

/// An extra's phone and email as they travel beside the log: the day's
/// date, the badge, and when they last changed (an import, or a purge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Contact {
    pub(super) date: String,
    pub(super) badge: String,
    pub(super) phone: Option<String>,
    pub(super) email: Option<String>,
    pub(super) at: String,
    /// The kiosk that made the change, as a hub of schema 2 or later
    /// stamped it with its own clock (`at`): such a change is taken in the
    /// hub's order, whatever this kiosk's clock says.
    pub(super) by: Option<String>,
}

impl Store {
    /// Exchanges events with the database at `file`: what this kiosk holds
    /// that the file lacks goes there, then the other way. When `file` does
    /// not exist it is made a carry file (every event, no kiosk of its
    /// own). The file is left checkpointed (no `-wal` beside it), so a
    /// stick can be pulled out. A fork (one kiosk sequence, two different
    /// events) is refused before anything moves.
    ///
    /// Another kiosk syncing with the same file at once only makes this
    /// one wait (and try again): events go by id, nothing is taken twice.
    pub fn sync_file(&mut self, file: &Path) -> Result<SyncReport> {
        super::busy::retry(|| self.sync_file_once(file))
    }

    fn sync_file_once(&mut self, file: &Path) -> Result<SyncReport> {
        let before = self.open_conflict_ids()?;
        let exists = file.exists() && std::fs::metadata(file).is_ok_and(|m| m.len() > 0);
        if !exists {
            let sent = self.make_carry_file(file)?;
            return Ok(SyncReport {
                sent,
                received: 0,
                new_conflicts: 0,
                created_carry_file: true,
            });
        }
        if same_file(self.path(), file) {
            return Err(StoreError::Sync(format!(
                "{} is this kiosk's own database: sync with another kiosk's file or a carry file",
                file.display()
            )));
        }
        let mut peer = Store::open_peer(file)?;
        self.check_same_production(&peer)?;
        self.check_no_fork(&peer)?;
        let sent = transfer(self, &mut peer)?;
        let received = transfer(&peer, self)?;
        // Left whole for a stick pulled out: checkpointed, and a carry file
        // back in rollback mode. Another kiosk syncing with the file at
        // this moment leaves it as it is: it does the same when it is done.
        let _ = super::busy::retry(|| {
            peer.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        });
        let carry = peer.identity.id.is_empty();
        if carry {
            let _ = super::busy::retry(|| {
                peer.conn
                    .query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            });
        }
        drop(peer);
        let after = self.open_conflict_ids()?;
        Ok(SyncReport {
            sent,
            received,
            new_conflicts: after.difference(&before).count() as u64,
            created_carry_file: false,
        })
    }

    /// Makes `file` a carry file: a copy of this database with no kiosk of
    /// its own and no device settings, in rollback-journal mode (nothing
    /// beside it). Returns how many events it holds.
    fn make_carry_file(&self, file: &Path) -> Result<u64> {
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            super::private::create_folder(parent).map_err(|source| StoreError::Folder {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        self.backup_to(file)?;
        let conn = rusqlite::Connection::open(file)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "UPDATE kiosk SET kiosk_id = '', name = 'carry file' WHERE one = 1;
             DELETE FROM settings WHERE key IN ('volume', 'printer', 'language', 'mode');
             DELETE FROM hub_link; DELETE FROM hub_kiosks;",
        )?;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        let events: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        Ok(events as u64)
    }

    fn check_same_production(&self, peer: &Store) -> Result<()> {
        let code = |s: &Store| -> Result<Option<(String, String)>> {
            Ok(s.conn
                .query_row("SELECT code, title FROM production WHERE id = 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?)
        };
        match (code(self)?, code(peer)?) {
            (Some((a, _)), Some((b, title))) if a != b => Err(StoreError::Sync(format!(
                "{} belongs to another production ({title}, code {b}; this kiosk's is {a}): nothing was exchanged; check that you carried this production's file",
                peer.path().display()
            ))),
            _ => Ok(()),
        }
    }

    /// Refuses a fork: a kiosk sequence that holds different events here
    /// and in `peer` (a kiosk restored from a backup that carried on). The
    /// fork is recorded here, so `rejoin` knows where the chains part.
    fn check_no_fork(&mut self, peer: &Store) -> Result<()> {
        let heads_here = heads(&self.conn)?;
        let heads_there = heads(&peer.conn)?;
        for (kiosk, &here) in &heads_here {
            let Some(&there) = heads_there.get(kiosk) else {
                continue;
            };
            let n = here.min(there);
            if hash_at(&self.conn, kiosk, n)? == hash_at(&peer.conn, kiosk, n)? {
                continue;
            }
            // The first sequence where they part (the chains agree below
            // it: each hash covers the one before).
            let mut from = 1;
            for seq in 1..=n {
                if hash_at(&self.conn, kiosk, seq)? != hash_at(&peer.conn, kiosk, seq)? {
                    from = seq;
                    break;
                }
            }
            // Recorded in both files: `rejoin` runs on whichever of the
            // two was restored.
            for (conn, other) in [(&self.conn, peer.path()), (&peer.conn, self.path())] {
                conn.execute(
                    "INSERT INTO forks (kiosk_id, from_seq, seen_in, seen_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(kiosk_id) DO UPDATE SET from_seq = excluded.from_seq,
                         seen_in = excluded.seen_in, seen_at = excluded.seen_at",
                    params![kiosk, from, other.display().to_string(), ts(Utc::now())],
                )?;
            }
            return Err(StoreError::Fork {
                kiosk: kiosk.clone(),
                from_seq: from,
                other: peer.path().display().to_string(),
            });
        }
        Ok(())
    }

    pub(super) fn open_conflict_ids(&self) -> Result<BTreeSet<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM conflicts WHERE resolved_by IS NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The conflicts of `day_id` (the open ones first, then the resolved).
    pub fn conflicts(&self, day_id: i64) -> Result<Vec<ConflictRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, badge, kiosks, at, note, resolved_by FROM conflicts WHERE day_id = ?1
             ORDER BY resolved_by IS NOT NULL, at, id",
        )?;
        let rows = stmt.query_map([day_id], |r| {
            let kiosks: String = r.get(3)?;
            let resolved_by: Option<String> = r.get(6)?;
            let note: Option<String> = r.get(5)?;
            Ok(ConflictRecord {
                id: r.get(0)?,
                kind: r.get(1)?,
                badge: r.get(2)?,
                kiosks: serde_json::from_str(&kiosks).unwrap_or_default(),
                at: parse_ts(&r.get::<_, String>(4)?)?,
                resolved: resolved_by.map(|_| note.unwrap_or_default()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The day a conflict belongs to, and whether it is still open.
    pub fn conflict_day(&self, id: &str) -> Result<(i64, bool)> {
        self.conn
            .query_row(
                "SELECT day_id, resolved_by IS NULL FROM conflicts WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuchConflict(id.to_string()))
    }

    /// Folds the day `day_id` again from its events (what `sync` does after
    /// events arrive), in one transaction.
    pub fn refold_day(&mut self, day_id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        fold::refold_day(&tx, day_id)?;
        tx.commit()?;
        Ok(())
    }
}

impl super::Recording<'_> {
    /// Folds the day again in this transaction when it holds events from
    /// other kiosks: a correction or an undo where two kiosks' facts meet
    /// (a double check-in, say) then shows what every kiosk will show.
    pub fn refold_if_merged(&self, day_id: i64) -> Result<()> {
        let merged: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM event_origin o JOIN events e ON e.id = o.event_id
                            WHERE e.day_id = ?1)",
            [day_id],
            |r| r.get(0),
        )?;
        if merged {
            fold::refold_day(&self.tx, day_id)?;
        }
        Ok(())
    }

    /// Marks conflict `id` resolved by the event `event` with `note`.
    pub fn resolve_conflict(&self, id: &str, event: &str, note: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE conflicts SET resolved_by = ?2, note = ?3 WHERE id = ?1",
            params![id, event, note],
        )?;
        Ok(())
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
    canon(a) == canon(b)
}

/// Each kiosk's last sequence in the file.
pub(super) fn heads(conn: &rusqlite::Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(
        "SELECT kiosk_id, MAX(kiosk_seq) FROM events WHERE kiosk_seq IS NOT NULL GROUP BY kiosk_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn hash_at(
    conn: &rusqlite::Connection,
    kiosk: &str,
    seq: i64,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hash FROM events WHERE kiosk_id = ?1 AND kiosk_seq = ?2")?
        .query_row(params![kiosk, seq], |r| r.get(0))
        .optional()?)
}

/// Copies the events `from` holds that `to` lacks into `to`, in one
/// transaction of `to`, and folds the days they touch. Returns how many.
fn transfer(from: &Store, to: &mut Store) -> Result<u64> {
    let wires = missing_events(from, to)?;
    if wires.is_empty() {
        return Ok(0);
    }
    let contacts = contacts_of(&from.conn)?;
    let source = from.path().display().to_string();
    take(to, &wires, &contacts, &source, |_| Ok(()))
}

/// Takes `wires` (in the order they can be appended: each kiosk's chain in
/// sequence) and `contacts` into `to`, in one transaction of `to`: the
/// set-up they carry first, each event checked against its hash and its
/// kiosk's chain here, then the settings and contacts that are newer, then
/// the days they touch folded again. An event already held (by its id) is
/// skipped. `also` runs last in the same transaction (a hub's cursor is
/// recorded with what it covers). Returns how many events were new.
pub(super) fn take(
    to: &mut Store,
    wires: &[Wire],
    contacts: &[Contact],
    source: &str,
    also: impl FnOnce(&Transaction<'_>) -> Result<()>,
) -> Result<u64> {
    let tx = to
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let wires: Vec<Wire> = {
        let mut held = tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM events_aside WHERE id = ?1)",
        )?;
        let mut new = Vec::with_capacity(wires.len());
        for w in wires {
            if !held.query_row([&w.id], |r| r.get::<_, bool>(0))? {
                new.push(w.clone());
            }
        }
        new
    };
    // Checked before anything is applied: what does not verify is set
    // aside (with its kiosk's later events), the rest taken.
    let wires = screen(&tx, wires, source)?;
    let wires = &wires[..];
    let mut days: BTreeSet<i64> = BTreeSet::new();
    // The set-up first, in this order (days, areas, skin rows, walk-ins),
    // so the events about them find them here.
    for pass in 0..4 {
        for w in wires {
            match (pass, w.kind.as_str()) {
                (0, "day_opened" | "day_selected") => put_day(&tx, w, wires)?,
                (0, "kiosk_joined") => add_kiosk(&tx, w)?,
                (1, "area_added" | "area_changed") => put_area(&tx, w, wires)?,
                (2, "skin_imported") => put_skin(&tx, w)?,
                (3, "walk_in_added") => add_walk_in(&tx, w)?,
                _ => {}
            }
        }
    }
    for w in wires {
        let day = match &w.date {
            Some(date) => day_id_of(&tx, date)?,
            None => None,
        };
        let booking = match (day, &w.badge) {
            (Some(day), Some(badge)) => tx
                .prepare_cached("SELECT id FROM bookings WHERE day_id = ?1 AND badge_no = ?2")?
                .query_row(params![day, badge], |r| r.get::<_, i64>(0))
                .optional()?,
            _ => None,
        };
        let area = match &w.area {
            Some(uid) => tx
                .prepare_cached("SELECT id FROM holding_areas WHERE uid = ?1")?
                .query_row([uid], |r| r.get::<_, i64>(0))
                .optional()?,
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO events (id, kiosk_id, kind, day_id, booking_id, area_id, happened_at,
                                 recorded_at, actor, payload, prev_hash, hash, kiosk_seq, hlc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            w.id,
            w.kiosk_id,
            w.kind,
            day,
            booking,
            area,
            w.happened_at,
            w.recorded_at,
            w.actor,
            w.payload,
            w.prev_hash,
            w.hash,
            w.kiosk_seq,
            w.hlc
        ])?;
        tx.prepare_cached(
            "INSERT INTO event_origin (event_id, day_id, booking_id, area_id, date, badge, area)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            w.id,
            w.day_id,
            w.booking_id,
            w.area_id,
            w.date,
            w.badge,
            w.area
        ])?;
        if let Some(day) = day {
            days.insert(day);
        }
    }
    put_settings(&tx, wires)?;
    merge_contacts(contacts, &tx)?;
    for day in days {
        fold::refold_day(&tx, day)?;
    }
    also(&tx)?;
    tx.commit()?;
    Ok(wires.len() as u64)
}

/// Every extra's phone and email in `conn` that has a change on record.
pub(super) fn contacts_of(conn: &rusqlite::Connection) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare(
        "SELECT d.date, b.badge_no, p.phone, p.email, p.contacts_at
         FROM people p JOIN bookings b ON b.person_id = p.id JOIN days d ON d.id = b.day_id
         WHERE p.contacts_at IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Contact {
            date: r.get(0)?,
            badge: r.get(1)?,
            phone: r.get(2)?,
            email: r.get(3)?,
            at: r.get(4)?,
            by: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Phones and emails travel beside the log, the latest change winning (an
/// import, or a purge, which empties them). Only the people whose contacts
/// changed later on the other side are written.
fn merge_contacts(contacts: &[Contact], tx: &Transaction<'_>) -> Result<()> {
    let here: BTreeMap<(String, String), Contact> = contacts_of(tx)?
        .into_iter()
        .map(|c| ((c.date.clone(), c.badge.clone()), c))
        .collect();
    let mut update = tx.prepare_cached(
        "UPDATE people SET phone = ?3, email = ?4, contacts_at = ?5
         WHERE id = (SELECT b.person_id FROM bookings b JOIN days d ON d.id = b.day_id
                     WHERE d.date = ?1 AND b.badge_no = ?2)",
    )?;
    let mut pending = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM contacts_unsent u JOIN bookings b ON b.person_id = u.person_id
                        JOIN days d ON d.id = b.day_id WHERE d.date = ?1 AND b.badge_no = ?2)",
    )?;
    let mut logged = tx.prepare_cached(
        "INSERT OR IGNORE INTO contact_log (date, badge, kiosk_id, at, purge)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in contacts {
        let purge = c.phone.is_none() && c.email.is_none();
        let newer = match (&c.by, here.get(&(c.date.clone(), c.badge.clone()))) {
            // The hub's order: taken, unless a change made here is still
            // to be sent (it goes next, and the hub stamps it later).
            (Some(by), _) => {
                logged.execute(params![c.date, c.badge, by, c.at, purge])?;
                !pending.query_row(params![c.date, c.badge], |r| r.get::<_, bool>(0))?
            }
            (None, None) => true,
            // By file: the latest change wins; a purge wins a tie.
            (None, Some(mine)) => c.at > mine.at || (c.at == mine.at && purge),
        };
        if newer {
            update.execute(params![c.date, c.badge, c.phone, c.email, c.at])?;
        }
    }
    Ok(())
}

/// This file's id of the day on `date`, if it has that day.
fn day_id_of(tx: &Transaction<'_>, date: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM days WHERE date = ?1")?
        .query_row([date], |r| r.get(0))
        .optional()?)
}

/// Whether `w` is the newest (by the clock) of the events here and
/// received that set what it sets: events of `kinds` whose payload's
/// `field` is `key`. Set-up changes made on two kiosks meet by the clock,
/// not by the order they arrive in.
fn is_newest(
    tx: &Transaction<'_>,
    w: &Wire,
    kinds: &[&str],
    field: &str,
    key: &str,
    wires: &[Wire],
) -> Result<bool> {
    let Some(hlc) = &w.hlc else { return Ok(false) };
    let kinds_json = serde_json::to_string(kinds).expect("strings serialise");
    let here: Option<String> = tx.query_row(
        &format!(
            "SELECT MAX(hlc) FROM events WHERE hlc IS NOT NULL
               AND kind IN (SELECT value FROM json_each(?1))
               AND json_extract(payload, '$.{field}') = ?2"
        ),
        params![kinds_json, key],
        |r| r.get(0),
    )?;
    if here.is_some_and(|h| h > *hlc) {
        return Ok(false);
    }
    let newer_received = wires.iter().any(|o| {
        kinds.contains(&o.kind.as_str())
            && o.hlc.as_ref().is_some_and(|h| h > hlc)
            && serde_json::from_str::<serde_json::Value>(&o.payload)
                .is_ok_and(|p| p[field].as_str() == Some(key))
    });
    Ok(!newer_received)
}

/// A day opened on another kiosk is made here; its details follow the
/// newest change by the clock.
fn put_day(tx: &Transaction<'_>, w: &Wire, wires: &[Wire]) -> Result<()> {
    let p: serde_json::Value = serde_json::from_str(&w.payload).unwrap_or_default();
    let (Some(date), Some(title), Some(tz)) =
        (p["date"].as_str(), p["title"].as_str(), p["tz"].as_str())
    else {
        return Ok(());
    };
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM days WHERE date = ?1)",
        [date],
        |r| r.get(0),
    )?;
    if known && !is_newest(tx, w, &["day_opened", "day_selected"], "date", date, wires)? {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO days (date, title, location, default_call, tz, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(date) DO UPDATE SET title = excluded.title,
             location = COALESCE(excluded.location, location),
             default_call = COALESCE(excluded.default_call, default_call), tz = excluded.tz",
        params![
            date,
            title,
            p["location"].as_str(),
            p["default_call"].as_str(),
            tz,
            w.happened_at
        ],
    )?;
    Ok(())
}

/// The lead's skin rows: new bookings made here, changed ones changed,
/// removed ones marked (phones and emails come with the contacts).
fn put_skin(tx: &Transaction<'_>, w: &Wire) -> Result<()> {
    let p: serde_json::Value = serde_json::from_str(&w.payload).unwrap_or_default();
    let Some(date) = p["date"].as_str().or(w.date.as_deref()) else {
        return Ok(());
    };
    let Some(day) = day_id_of(tx, date)? else {
        return Ok(());
    };
    for row in p["rows"].as_array().into_iter().flatten() {
        let Some(badge) = row["badge"].as_str() else {
            continue;
        };
        let text = |k: &str| row[k].as_str().map(str::to_string);
        let details = BookingDetails {
            first_name: text("first_name").unwrap_or_default(),
            last_name: text("last_name").unwrap_or_default(),
            category: text("category")
                .as_deref()
                .and_then(Category::from_code)
                .unwrap_or(Category::General),
            union: text("union")
                .as_deref()
                .and_then(UnionStatus::from_code)
                .unwrap_or(UnionStatus::NonUnion),
            rate: row["rate_cents"].as_i64().map(Money),
            call_at: text("call_at")
                .and_then(|t| parse_ts(&t).ok())
                .unwrap_or_else(Utc::now),
            wardrobe: text("wardrobe"),
            phone: None,
            email: None,
            agency: text("agency"),
            notes: text("notes"),
            paper_voucher: row["paper_voucher"].as_bool().unwrap_or(false),
            paperwork: text("paperwork")
                .as_deref()
                .and_then(Paperwork::from_code)
                .unwrap_or_default(),
        };
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM bookings WHERE day_id = ?1 AND badge_no = ?2")?
            .query_row(params![day, badge], |r| r.get(0))
            .optional()?;
        match existing {
            None => {
                bookings::insert_booking(tx, day, badge, &details, BookingSource::Skin)?;
            }
            Some(id) => {
                tx.prepare_cached(
                    "UPDATE people SET first_name = ?2, last_name = ?3, agency = ?4
                     WHERE id = (SELECT person_id FROM bookings WHERE id = ?1)",
                )?
                .execute(params![
                    id,
                    details.first_name,
                    details.last_name,
                    details.agency
                ])?;
                tx.prepare_cached(
                    "UPDATE bookings SET category = ?2, union_status = ?3, rate_cents = ?4,
                         call_at = ?5, wardrobe = ?6, notes = ?7, paper_voucher = ?8,
                         paperwork = ?9, removed = 0
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    details.category.code(),
                    details.union.code(),
                    details.rate.map(Money::cents),
                    ts(details.call_at),
                    details.wardrobe,
                    details.notes,
                    details.paper_voucher,
                    details.paperwork.code()
                ])?;
            }
        }
    }
    for badge in p["removed"].as_array().into_iter().flatten() {
        if let Some(badge) = badge.as_str() {
            tx.execute(
                "UPDATE bookings SET removed = 1 WHERE day_id = ?1 AND badge_no = ?2",
                params![day, badge],
            )?;
        }
    }
    Ok(())
}

/// The events of `from` that `to` does not hold, in the order they can be
/// appended: the legacy segment by sequence, then each kiosk's chain.
fn missing_events(from: &Store, to: &Store) -> Result<Vec<Wire>> {
    let heads_to = heads(&to.conn)?;
    let legacy_to = legacy_ids(&to.conn)?;
    wires_past(&from.conn, &heads_to, &legacy_to, None)
}

/// The ids of the legacy segment (events from before kiosks had chains).
pub(super) fn legacy_ids(conn: &rusqlite::Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT id FROM events WHERE kiosk_seq IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The events of `conn` past `heads_to` (each kiosk's last sequence held
/// elsewhere) and not in `legacy_to`, in the order they can be appended:
/// the legacy segment, then each kiosk's chain. `only` keeps one kiosk's.
pub(super) fn wires_past(
    conn: &rusqlite::Connection,
    heads_to: &BTreeMap<String, i64>,
    legacy_to: &BTreeSet<String>,
    only: Option<&str>,
) -> Result<Vec<Wire>> {
    // Each kiosk's events past what the other side holds of it (read off
    // the index of kiosk sequences), after the legacy segment.
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.kiosk_id, e.kind,
                CASE WHEN o.event_id IS NULL THEN e.day_id ELSE o.day_id END,
                CASE WHEN o.event_id IS NULL THEN e.booking_id ELSE o.booking_id END,
                CASE WHEN o.event_id IS NULL THEN e.area_id ELSE o.area_id END,
                e.happened_at, e.recorded_at, e.actor, e.payload, e.prev_hash, e.hash,
                e.kiosk_seq, e.hlc,
                COALESCE(d.date, o.date), COALESCE(b.badge_no, o.badge), COALESCE(h.uid, o.area)
         FROM events e
         LEFT JOIN event_origin o ON o.event_id = e.id
         LEFT JOIN days d ON d.id = e.day_id
         LEFT JOIN bookings b ON b.id = e.booking_id
         LEFT JOIN holding_areas h ON h.id = e.area_id
         WHERE (?1 IS NULL AND e.kiosk_seq IS NULL)
            OR (e.kiosk_id = ?1 AND e.kiosk_seq > ?2)
         ORDER BY e.kiosk_seq, e.seq",
    )?;
    let mut segments: Vec<(Option<String>, i64)> = Vec::new();
    if only.is_none() {
        segments.push((None, 0));
    }
    for kiosk in heads(conn)?.into_keys() {
        if only.is_some_and(|o| o != kiosk) {
            continue;
        }
        let held = heads_to.get(&kiosk).copied().unwrap_or(0);
        segments.push((Some(kiosk), held));
    }
    let mut rows = Vec::new();
    for (kiosk, held) in segments {
        let found = stmt.query_map(params![kiosk, held], |r| {
            Ok(Wire {
                id: r.get(0)?,
                kiosk_id: r.get(1)?,
                kind: r.get(2)?,
                day_id: r.get(3)?,
                booking_id: r.get(4)?,
                area_id: r.get(5)?,
                happened_at: r.get(6)?,
                recorded_at: r.get(7)?,
                actor: r.get(8)?,
                payload: r.get(9)?,
                prev_hash: r.get(10)?,
                hash: r.get(11)?,
                kiosk_seq: r.get(12)?,
                hlc: r.get(13)?,
                date: r.get(14)?,
                badge: r.get(15)?,
                area: r.get(16)?,
            })
        })?;
        for w in found {
            rows.push(w);
        }
    }
    let mut wires = Vec::new();
    for w in rows {
        let w = w?;
        if w.kiosk_seq.is_none() && legacy_to.contains(&w.id) {
            continue;
        }
        wires.push(w);
    }
    Ok(wires)
}

/// Splits received events into those to take and those set aside: an
/// event that does not verify (see [`fault`]) is kept aside, never
/// applied, with a `bad_event` conflict for the PA; every later event of
/// its kiosk waits behind it (its chain is broken here). The other
/// kiosks' events are taken as ever: one bad event never stops the day.
fn screen(tx: &Transaction<'_>, wires: Vec<Wire>, source: &str) -> Result<Vec<Wire>> {
    // Kiosks with an event set aside already: (its id, its sequence).
    let mut blocked: BTreeMap<String, (String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT kiosk_id, id, COALESCE(CAST(kiosk_seq AS TEXT), id) FROM events_aside
             WHERE behind IS NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut tails: BTreeMap<String, String> = BTreeMap::new();
    let mut taken = Vec::with_capacity(wires.len());
    for w in wires {
        let label = w.kiosk_seq.map_or_else(|| w.id.clone(), |n| n.to_string());
        if let Some((bad, bad_label)) = blocked.get(&w.kiosk_id) {
            let why = format!(
                "waits behind kiosk {}'s event {bad_label}, which was set aside",
                w.kiosk_id
            );
            put_aside(tx, &w, &why, Some(bad), source)?;
            continue;
        }
        match fault(tx, &w, &tails)? {
            None => {
                if w.kiosk_seq.is_some() {
                    tails.insert(w.kiosk_id.clone(), w.hash.clone());
                }
                // Noted once, so `status` need not read the log for it.
                if !events::KNOWN_KINDS.contains(&w.kind.as_str()) {
                    tx.prepare_cached(
                        "INSERT OR IGNORE INTO newer_kinds (kind, first_seen) VALUES (?1, ?2)",
                    )?
                    .execute(params![w.kind, ts(Utc::now())])?;
                }
                taken.push(w);
            }
            Some(what) => {
                put_aside(tx, &w, &what, None, source)?;
                raise_bad_event(tx, &w)?;
                blocked.insert(w.kiosk_id.clone(), (w.id.clone(), label));
            }
        }
    }
    Ok(taken)
}

/// What is wrong with a received event, if anything: its hash over what
/// it carries, its place after the event before it of its kiosk here, its
/// payload's form and size. A kind this build does not know is not wrong
/// (a kiosk on a newer build wrote it).
fn fault(
    tx: &Transaction<'_>,
    w: &Wire,
    tails: &BTreeMap<String, String>,
) -> Result<Option<String>> {
    if let Some(what) = events::payload_fault(&w.payload) {
        return Ok(Some(what));
    }
    let chain = w.kiosk_seq.map(|n| (n, w.hlc.as_deref().unwrap_or("")));
    let recomputed = events::chain_hash(
        &w.prev_hash,
        &w.id,
        &w.kiosk_id,
        &w.kind,
        w.day_id,
        w.booking_id,
        w.area_id,
        &w.happened_at,
        &w.recorded_at,
        &w.actor,
        &w.payload,
        chain,
    );
    if recomputed != w.hash {
        return Ok(Some(
            "does not match its hash (what it carries was changed after it was written)".into(),
        ));
    }
    let Some(seq) = w.kiosk_seq else {
        return Ok(None);
    };
    let last: Option<(i64, String)> = match tails.get(&w.kiosk_id) {
        Some(hash) => Some((seq - 1, hash.clone())),
        None => tx
            .prepare_cached(
                "SELECT kiosk_seq, hash FROM events WHERE kiosk_id = ?1 AND kiosk_seq IS NOT NULL
                 ORDER BY kiosk_seq DESC LIMIT 1",
            )?
            .query_row([&w.kiosk_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    let follows = match &last {
        Some((n, hash)) => *n == seq - 1 && w.prev_hash == *hash,
        None => {
            seq == 1 && (w.prev_hash == events::GENESIS || w.prev_hash == events::chain_start(tx)?)
        }
    };
    if follows {
        return Ok(None);
    }
    Ok(Some(match last {
        Some((n, _)) if n != seq - 1 => {
            format!("comes after a gap (the kiosk's last event here is {n})")
        }
        None if seq != 1 => "comes after a gap (none of the kiosk's events is here)".into(),
        _ => "does not follow the event before it (its previous hash differs)".into(),
    }))
}

/// Keeps `w` aside as it came, with why.
fn put_aside(
    tx: &Transaction<'_>,
    w: &Wire,
    why: &str,
    behind: Option<&str>,
    source: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO events_aside (id, kiosk_id, kiosk_seq, kind, wire, reason, behind,
                                             source, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        w.id,
        w.kiosk_id,
        w.kiosk_seq,
        w.kind,
        serde_json::to_string(w).expect("an event serialises"),
        why,
        behind,
        source,
        ts(Utc::now())
    ])?;
    Ok(())
}

/// A `bad_event` conflict for the PA, on the event's day (or the current
/// day; none when this kiosk has no day yet).
fn raise_bad_event(tx: &Transaction<'_>, w: &Wire) -> Result<()> {
    let day: Option<i64> = match &w.date {
        Some(date) => day_id_of(tx, date)?,
        None => None,
    };
    let day = match day {
        Some(d) => Some(d),
        None => tx
            .query_row("SELECT id FROM days ORDER BY date DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?,
    };
    let Some(day) = day else { return Ok(()) };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO conflicts (id, kind, day_id, badge, kiosks, at, standing, others)
         VALUES (?1, 'bad_event', ?2, NULL, ?3, ?4, ?5, '[]')",
    )?
    .execute(params![
        fold::conflict_id(BAD_EVENT, &[&w.id]),
        day,
        serde_json::to_string(&[&w.kiosk_id]).expect("strings serialise"),
        ts(Utc::now()),
        w.id
    ])?;
    Ok(())
}

/// The conflict kind of an event set aside.
pub const BAD_EVENT: &str = "bad_event";

/// A walk-in made on another kiosk becomes a booking here (without
/// contacts: they stay out of the log).
fn add_walk_in(tx: &Transaction<'_>, w: &Wire) -> Result<()> {
    let (Some(date), Some(badge)) = (&w.date, &w.badge) else {
        return Ok(());
    };
    let Some(day) = day_id_of(tx, date)? else {
        return Ok(());
    };
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM bookings WHERE day_id = ?1 AND badge_no = ?2)",
        params![day, badge],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    let p: serde_json::Value = serde_json::from_str(&w.payload).unwrap_or_default();
    let text = |k: &str| p[k].as_str().unwrap_or_default().to_string();
    let call_at = p["call_at"]
        .as_str()
        .and_then(|t| parse_ts(t).ok())
        .unwrap_or_else(|| parse_ts(&w.happened_at).unwrap_or_else(|_| Utc::now()));
    let details = BookingDetails {
        first_name: text("first_name"),
        last_name: text("last_name"),
        category: Category::from_code(&text("category")).unwrap_or(Category::General),
        union: UnionStatus::from_code(&text("union")).unwrap_or(UnionStatus::NonUnion),
        rate: p["rate_cents"].as_i64().map(Money),
        call_at,
        wardrobe: None,
        phone: None,
        email: None,
        agency: None,
        notes: None,
        paper_voucher: false,
        paperwork: Paperwork::default(),
    };
    bookings::insert_booking(tx, day, badge, &details, BookingSource::WalkIn)?;
    Ok(())
}

/// An area added or changed on another kiosk, here by its uid; its
/// details follow the newest change by the clock. Two areas of a day named
/// alike on two kiosks are both kept, the one with the greater uid named
/// with its uid's first four characters (the same on every kiosk).
fn put_area(tx: &Transaction<'_>, w: &Wire, wires: &[Wire]) -> Result<()> {
    let p: serde_json::Value = serde_json::from_str(&w.payload).unwrap_or_default();
    let (Some(uid), Some(date)) = (p["uid"].as_str(), &w.date) else {
        return Ok(());
    };
    let Some(day) = day_id_of(tx, date)? else {
        return Ok(());
    };
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM holding_areas WHERE uid = ?1)",
        [uid],
        |r| r.get(0),
    )?;
    if known && !is_newest(tx, w, &["area_added", "area_changed"], "uid", uid, wires)? {
        return Ok(());
    }
    let mut name = p["name"].as_str().unwrap_or("Holding").to_string();
    let tagged = |name: &str, uid: &str| format!("{name} ({})", &uid[..uid.len().min(4)]);
    let clash: Option<String> = tx
        .query_row(
            "SELECT uid FROM holding_areas WHERE day_id = ?1 AND name = ?2 AND uid <> ?3",
            params![day, name, uid],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = clash {
        if uid > other.as_str() {
            name = tagged(&name, uid);
        } else {
            tx.execute(
                "UPDATE holding_areas SET name = ?2 WHERE uid = ?1",
                params![other, tagged(&name, &other)],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO holding_areas (day_id, name, location, capacity, union_filter, category_filter,
                                    sort_order, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(uid) DO UPDATE SET name = excluded.name, location = excluded.location,
             capacity = excluded.capacity, union_filter = excluded.union_filter,
             category_filter = excluded.category_filter, sort_order = excluded.sort_order",
        params![
            day,
            name,
            p["location"].as_str(),
            p["capacity"].as_i64().unwrap_or(0),
            p["union_filter"].as_str(),
            p["category_filter"].as_str().unwrap_or_default(),
            p["order"].as_i64().unwrap_or(0),
            uid
        ],
    )?;
    Ok(())
}

/// A kiosk that joined on the lead becomes known here too.
fn add_kiosk(tx: &Transaction<'_>, w: &Wire) -> Result<()> {
    let p: serde_json::Value = serde_json::from_str(&w.payload).unwrap_or_default();
    let (Some(id), Some(from)) = (p["kiosk"].as_str(), p["badge_from"].as_i64()) else {
        return Ok(());
    };
    tx.execute(
        "INSERT OR IGNORE INTO kiosks (kiosk_id, name, role, badge_from, joined_at)
         VALUES (?1, ?2, 'member', ?3, ?4)",
        params![id, p["name"].as_str(), from, w.happened_at],
    )?;
    Ok(())
}

/// The setting an event of the day's set-up sets (the PIN hash, a rules
/// file, the union count): its key and value.
fn setting_of(kind: &str, payload: &str) -> Option<(String, String)> {
    let p: serde_json::Value = serde_json::from_str(payload).ok()?;
    match kind {
        "pin_set" => Some(("supervisor_pin".into(), p["hash"].as_str()?.to_string())),
        "rules_set" => {
            let status = match p["union"].as_str()? {
                "union" => "union",
                _ => "non_union",
            };
            Some((
                format!("rules.{}.{status}", p["date"].as_str()?),
                p["text"].as_str()?.to_string(),
            ))
        }
        "approval_required_set" => Some((
            format!("approval_required.{}", p["date"].as_str()?),
            if p["required"].as_bool()? {
                "yes"
            } else {
                "no"
            }
            .to_string(),
        )),
        "union_required_set" => Some((
            format!("union_required.{}", p["date"].as_str()?),
            p["required"]
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_default(),
        )),
        _ => None,
    }
}

/// The set-up settings the received events carry, each taken when it is
/// the latest (by the clock) of all the events here that set it.
fn put_settings(tx: &Transaction<'_>, wires: &[Wire]) -> Result<()> {
    const KINDS: &str = "('pin_set', 'rules_set', 'union_required_set', 'approval_required_set')";
    let mut latest: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut stmt = tx.prepare(&format!(
        "SELECT kind, payload, hlc FROM events WHERE kind IN {KINDS} AND hlc IS NOT NULL"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut newest_here: BTreeMap<String, String> = BTreeMap::new();
    for row in rows {
        let (kind, payload, hlc) = row?;
        if let Some((key, _)) = setting_of(&kind, &payload) {
            let slot = newest_here.entry(key).or_default();
            if hlc > *slot {
                *slot = hlc;
            }
        }
    }
    for w in wires {
        let (Some((key, value)), Some(hlc)) = (setting_of(&w.kind, &w.payload), &w.hlc) else {
            continue;
        };
        if latest.get(&key).is_none_or(|(h, _)| hlc > h) {
            latest.insert(key, (hlc.clone(), value));
        }
    }
    for (key, (hlc, value)) in latest {
        // The received events are in the log by now: the latest is the
        // newest of all.
        if newest_here.get(&key).is_none_or(|h| hlc >= *h) {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
    }
    Ok(())
}
