//! The kiosks of one production: the lead (it made the production and alone
//! imports the skin) and those that joined from a copy of its file, each
//! with a range of walk-in badge numbers of its own so numbers never
//! collide; and `join`, which makes a new kiosk's database.

use super::{Actor, NewEvent, Result, Store, StoreError, events};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use std::path::Path;

/// How many walk-in numbers a joined kiosk has: kiosk k (1, 2, ...) gives
/// B-k0001 to B-k9999 (the lead's walk-ins follow the skin, below 10000).
pub const WALK_IN_RANGE: u32 = 10_000;

/// A kiosk a production knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskEntry {
    pub id: String,
    pub name: Option<String>,
    pub lead: bool,
    /// The first walk-in number of its range (0 for the lead: the day's
    /// next number after the skin).
    pub badge_from: u32,
}

/// What `join` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub kiosk: KioskEntry,
    pub days: u32,
    pub bookings: u32,
}

/// The settings that belong to a device, not to the production: a joined
/// kiosk starts with its own.
const DEVICE_SETTINGS: [&str; 4] = ["volume", "printer", "language", "mode"];

impl Store {
    /// Every kiosk this database knows, the lead first.
    pub fn kiosks(&self) -> Result<Vec<KioskEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kiosk_id, name, role, badge_from FROM kiosks
             ORDER BY role = 'member', badge_from, kiosk_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(KioskEntry {
                id: r.get(0)?,
                name: r.get(1)?,
                lead: r.get::<_, String>(2)? == "lead",
                badge_from: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// This kiosk's entry.
    pub fn this_kiosk(&self) -> Result<KioskEntry> {
        let id = &self.identity.id;
        Ok(self
            .kiosks()?
            .into_iter()
            .find(|k| &k.id == id)
            .unwrap_or(KioskEntry {
                id: id.clone(),
                name: self.identity.name.clone(),
                lead: false,
                badge_from: 0,
            }))
    }

    /// Refused unless this kiosk is the production's lead (the one kiosk
    /// that imports the skin, so skin numbers come from one place).
    pub fn require_lead(&self) -> Result<()> {
        if self.this_kiosk()?.lead {
            return Ok(());
        }
        let lead = self
            .kiosks()?
            .into_iter()
            .find(|k| k.lead)
            .map(|k| match k.name {
                Some(name) => format!("{name} ({})", k.id),
                None => format!("kiosk {}", k.id),
            })
            .unwrap_or_else(|| "the lead kiosk".into());
        Err(StoreError::NotLead {
            this: self.identity.id.clone(),
            lead,
        })
    }

    /// Makes `target` (a new file) a kiosk `id` of this production: a copy
    /// of this database (production and badge secret, days, bookings with
    /// contacts, areas, rules, PIN hash, every event) under its own id,
    /// with the next walk-in badge range. The new kiosk is recorded here
    /// first (an event), so no other can take its id or its range, even
    /// when the copy then fails. Only the lead's file can be a source.
    pub fn join_as(
        &mut self,
        target: &Path,
        id: &str,
        name: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Joined> {
        super::check_kiosk_id(id).map_err(StoreError::KioskId)?;
        if target.exists() && std::fs::metadata(target).map_or(true, |m| m.len() > 0) {
            return Err(StoreError::Join(format!(
                "{} already exists: join makes a new kiosk database; give another --db",
                target.display()
            )));
        }
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        // Only the lead hands out ids and ranges, so two never collide.
        match self.require_lead() {
            Ok(()) => {}
            Err(StoreError::NotLead { lead, .. }) => {
                return Err(StoreError::Join(format!(
                    "{} is not the production's lead: join from the lead's own file ({lead}), which hands out the badge ranges",
                    self.path.display()
                )));
            }
            Err(other) => return Err(other),
        }
        let badge_from = self.free_range_for(id)?;
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            super::private::create_folder(parent).map_err(|source| StoreError::Folder {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // The lead records the kiosk first, so its id and range are taken
        // even if what follows fails; then the copy, made that kiosk's.
        self.record_joined(id, name, badge_from, at)?;
        let made = self.backup_to(target).and_then(|()| {
            let conn = rusqlite::Connection::open(target)?;
            conn.execute(
                "UPDATE kiosk SET kiosk_id = ?1, name = ?2 WHERE one = 1",
                params![id, name],
            )?;
            // The lead's hub login is the lead's: the new kiosk gets its own
            // with `hub add-kiosk`.
            conn.execute_batch("DELETE FROM hub_link; DELETE FROM hub_kiosks;")?;
            let device: Vec<&str> = DEVICE_SETTINGS.to_vec();
            conn.execute(
                "DELETE FROM settings WHERE key IN (SELECT value FROM json_each(?1))",
                [serde_json::to_string(&device).expect("strings serialise")],
            )?;
            let days = conn.query_row("SELECT COUNT(*) FROM days", [], |r| r.get(0))?;
            let bookings = conn.query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))?;
            Ok((days, bookings))
        });
        let (days, bookings) = match made {
            Ok(counts) => counts,
            Err(e) => {
                let _ = std::fs::remove_file(target);
                return Err(StoreError::Join(format!(
                    "the copy to {} failed ({e}); kiosk '{id}' stays recorded in {} with its badge range: join again with another id",
                    target.display(),
                    self.path.display()
                )));
            }
        };
        let joined = Store::open_as(target, Some(id), name)?;
        Ok(Joined {
            kiosk: joined.this_kiosk()?,
            days,
            bookings,
        })
    }

    /// The walk-in range a new kiosk `id` would get; refused when the id
    /// is already known here (a kiosk, or the label of an event).
    pub(super) fn free_range_for(&self, id: &str) -> Result<u32> {
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = ?1)
                 OR EXISTS (SELECT 1 FROM events WHERE kiosk_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if known {
            return Err(StoreError::Join(format!(
                "a kiosk '{id}' is already known in {}: give the new kiosk another id",
                self.path.display()
            )));
        }
        let top: u32 =
            self.conn
                .query_row("SELECT COALESCE(MAX(badge_from), 0) FROM kiosks", [], |r| {
                    r.get(0)
                })?;
        let badge_from = (top / WALK_IN_RANGE + 1) * WALK_IN_RANGE + 1;
        if badge_from >= 100 * WALK_IN_RANGE {
            return Err(StoreError::Join(
                "this production has 99 kiosks already: no badge range is left; use one of the kiosks already joined (`extras-kiosk kiosks` lists them)".into(),
            ));
        }
        Ok(badge_from)
    }

    /// Records here that kiosk `id` joined with the range from
    /// `badge_from` (an event of this kiosk), checking again that neither
    /// was taken meanwhile.
    pub(super) fn record_joined(
        &mut self,
        id: &str,
        name: Option<&str>,
        badge_from: u32,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = ?1 OR badge_from = ?2)",
            params![id, badge_from],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Join(format!(
                "another kiosk joined {} at the same moment: join again",
                self.path.display()
            )));
        }
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, name, role, badge_from, joined_at)
             VALUES (?1, ?2, 'member', ?3, ?4)",
            params![id, name, badge_from, super::ts(at)],
        )?;
        events::append(
            &tx,
            &self.identity.id,
            &NewEvent {
                kind: "kiosk_joined",
                day_id: None,
                booking_id: None,
                area_id: None,
                happened_at: at,
                actor: Actor::Supervisor,
                payload: serde_json::json!({ "kiosk": id, "name": name, "badge_from": badge_from }),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The next walk-in badge number of this kiosk on the day `day_id`: the
    /// day's next number on the lead, the next of its own range elsewhere.
    pub(super) fn next_walk_in(
        tx: &rusqlite::Transaction<'_>,
        kiosk: &str,
        day_id: i64,
    ) -> Result<Option<u32>> {
        let from: Option<u32> = tx
            .query_row(
                "SELECT badge_from FROM kiosks WHERE kiosk_id = ?1 AND role = 'member'",
                [kiosk],
                |r| r.get(0),
            )
            .optional()?;
        let Some(from) = from else { return Ok(None) };
        let top: Option<u32> = tx.query_row(
            "SELECT MAX(CAST(substr(badge_no, 3) AS INTEGER)) FROM bookings
             WHERE day_id = ?1 AND CAST(substr(badge_no, 3) AS INTEGER) BETWEEN ?2 AND ?3",
            params![day_id, from, from + WALK_IN_RANGE - 2],
            |r| r.get(0),
        )?;
        let next = top.map_or(from, |t| t + 1);
        if next > from + WALK_IN_RANGE - 2 {
            return Err(StoreError::Join(format!(
                "this kiosk's walk-in badges (from B-{from}) are used up for the day: add walk-ins on another kiosk"
            )));
        }
        Ok(Some(next))
    }
}

impl Store {
    /// This database, restored from a backup, continues as kiosk `new_id`:
    /// its events stay; those its old id wrote after the point where a
    /// `sync` found its chain parting from the production's (the fork) are
    /// recorded again under the new id, so the old id's chain is the one
    /// the other kiosks hold. The new kiosk keeps the old one's role and
    /// badge range. Returns how many events were recorded again.
    pub fn rejoin(&mut self, new_id: &str, at: DateTime<Utc>) -> Result<u64> {
        super::check_kiosk_id(new_id).map_err(StoreError::KioskId)?;
        let old = self.identity.id.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = ?1)
                 OR EXISTS (SELECT 1 FROM events WHERE kiosk_id = ?1)",
            [new_id],
            |r| r.get(0),
        )?;
        if known {
            return Err(StoreError::Join(format!(
                "a kiosk '{new_id}' is already known in {}: give the restored kiosk an id never used",
                self.path.display()
            )));
        }
        let fork: Option<i64> = tx
            .query_row(
                "SELECT from_seq FROM forks WHERE kiosk_id = ?1",
                [&old],
                |r| r.get(0),
            )
            .optional()?;
        let tail: Vec<(String, NewEvent)> = match fork {
            None => Vec::new(),
            Some(from) => {
                let mut stmt = tx.prepare(
                    "SELECT id, kind, day_id, booking_id, area_id, happened_at, actor, payload
                     FROM events WHERE kiosk_id = ?1 AND kiosk_seq >= ?2 ORDER BY kiosk_seq",
                )?;
                let rows = stmt.query_map(params![old, from], |r| {
                    let kind: String = r.get(1)?;
                    let mut payload: serde_json::Value =
                        serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default();
                    let id: String = r.get(0)?;
                    payload["recorded_again_from"] = serde_json::json!(id);
                    Ok((
                        kind,
                        NewEvent {
                            kind: "",
                            day_id: r.get(2)?,
                            booking_id: r.get(3)?,
                            area_id: r.get(4)?,
                            happened_at: super::parse_ts(&r.get::<_, String>(5)?)?,
                            actor: if r.get::<_, String>(6)? == "kiosk" {
                                Actor::Kiosk
                            } else {
                                Actor::Supervisor
                            },
                            payload,
                        },
                    ))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        if let Some(from) = fork {
            // The old id's events past the fork leave its chain (they are
            // recorded again below): the only removal the log allows.
            tx.execute_batch("DROP TRIGGER events_are_never_deleted;")?;
            tx.execute(
                "DELETE FROM events WHERE kiosk_id = ?1 AND kiosk_seq >= ?2",
                params![old, from],
            )?;
            tx.execute_batch(
                "CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
                     BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
            )?;
        }
        tx.execute("UPDATE kiosk SET kiosk_id = ?1 WHERE one = 1", [new_id])?;
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, name, role, badge_from, joined_at)
             SELECT ?1, name, role, badge_from, ?3 FROM kiosks WHERE kiosk_id = ?2",
            params![new_id, old, super::ts(at)],
        )?;
        tx.execute(
            "UPDATE kiosks SET role = 'member' WHERE kiosk_id = ?1",
            [&old],
        )?;
        let mut days = std::collections::BTreeSet::new();
        // An event recorded again has a new id: those after it that named
        // it (a correction's target, a meal's end) name the new one.
        let mut renamed: std::collections::BTreeMap<String, String> = Default::default();
        for (kind, mut event) in tail.iter().cloned() {
            event.kind = static_kind(&kind);
            if let Some(day) = event.day_id {
                days.insert(day);
            }
            for field in ["target", "ends", "request", "conflict"] {
                let named = event.payload[field].as_str().map(str::to_string);
                if let Some(new) = named.and_then(|old| renamed.get(&old)) {
                    event.payload[field] = serde_json::json!(new);
                }
            }
            let old = event.payload["recorded_again_from"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let new = events::append(&tx, new_id, &event)?;
            renamed.insert(old, new);
        }
        events::append(
            &tx,
            new_id,
            &NewEvent {
                kind: "kiosk_rejoined",
                day_id: None,
                booking_id: None,
                area_id: None,
                happened_at: at,
                actor: Actor::Supervisor,
                payload: serde_json::json!({
                    "kiosk": new_id,
                    "from": old,
                    "from_seq": fork,
                    "recorded_again": tail.len(),
                }),
            },
        )?;
        tx.execute("DELETE FROM forks WHERE kiosk_id = ?1", [&old])?;
        for day in days {
            super::fold::refold_day(&tx, day)?;
        }
        tx.commit()?;
        self.identity.id = new_id.to_string();
        Ok(tail.len() as u64)
    }
}

/// The kind of an event recorded again, as the `'static` name new events
/// take. Rejoining happens once in a kiosk's life, so the few names it
/// leaks do not matter.
fn static_kind(kind: &str) -> &'static str {
    Box::leak(kind.to_string().into_boxed_str())
}
