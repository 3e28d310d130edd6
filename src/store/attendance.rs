//! Who is here: the attendance projection (check-in, holding area, release)
//! and the write transaction in which the kiosk core reads, decides and
//! records an event with its projection change, atomically.

use super::{Result, Store, events, parse_ts, ts};
use crate::model::{BookingDetails, BookingSource, Money, badge_number};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use std::collections::HashMap;

/// Where one booking stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Presence {
    pub checked_in_at: Option<DateTime<Utc>>,
    pub area_id: Option<i64>,
    pub released_at: Option<DateTime<Utc>>,
    pub overflow: bool,
}

/// One recorded meal or NDB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MealRecord {
    pub id: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// One write transaction, taken with the database's write lock so that a
/// second process (a PA's command line beside the kiosk) waits its turn and
/// nobody is counted twice.
pub struct Recording<'s> {
    pub(super) tx: rusqlite::Transaction<'s>,
    kiosk_id: &'s str,
    clock_skew: chrono::Duration,
    marks: Option<&'s serde_json::Map<String, serde_json::Value>>,
}

impl Store {
    /// Starts a write transaction; nothing is kept unless it is committed.
    pub fn recording(&mut self) -> Result<Recording<'_>> {
        Ok(Recording {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            kiosk_id: &self.identity.id,
            clock_skew: self.clock_skew,
            marks: self.marks.as_ref(),
        })
    }

    /// Where `booking_id` stands now.
    pub fn presence(&self, booking_id: i64) -> Result<Option<Presence>> {
        presence(&self.conn, booking_id)
    }
}

fn presence(conn: &rusqlite::Connection, booking_id: i64) -> Result<Option<Presence>> {
    let row = conn
        .prepare_cached(
            "SELECT checked_in_at, area_id, released_at, overflow FROM attendance WHERE booking_id = ?1",
        )?
        .query_row([booking_id], |r| {
            let checked_in: Option<String> = r.get(0)?;
            let released: Option<String> = r.get(2)?;
            Ok(Presence {
                checked_in_at: checked_in.as_deref().map(parse_ts).transpose()?,
                area_id: r.get(1)?,
                released_at: released.as_deref().map(parse_ts).transpose()?,
                overflow: r.get(3)?,
            })
        })
        .optional()?;
    Ok(row.filter(|p| p.checked_in_at.is_some()))
}

impl Recording<'_> {
    pub fn presence(&self, booking_id: i64) -> Result<Option<Presence>> {
        presence(&self.tx, booking_id)
    }

    /// The display name (or id) of the other kiosk where the check-in of
    /// `booking_id` that stands was made; None when it was made here.
    pub fn checked_in_elsewhere(&self, booking_id: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT COALESCE(k.name, e.kiosk_id) FROM attendance a
                 JOIN events e ON e.id = a.checkin_event
                 LEFT JOIN kiosks k ON k.kiosk_id = e.kiosk_id
                 WHERE a.booking_id = ?1 AND e.kiosk_id <> ?2",
            )?
            .query_row(rusqlite::params![booking_id, self.kiosk_id], |r| r.get(0))
            .optional()?)
    }

    /// How many are in each holding area of the day now (checked in, not
    /// released).
    pub fn present_by_area(&self, day_id: i64) -> Result<HashMap<i64, u32>> {
        // Kept by triggers on attendance (migration 12).
        let mut stmt = self.tx.prepare_cached(
            "SELECT h.id, COALESCE(p.present, 0)
             FROM holding_areas h LEFT JOIN area_present p ON p.area_id = h.id
             WHERE h.day_id = ?1",
        )?;
        let rows = stmt.query_map([day_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bookings now present (checked in, not released), in `area_id`
    /// when given.
    pub fn present(&self, day_id: i64, area_id: Option<i64>) -> Result<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT a.booking_id FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.day_id = ?1 AND a.checked_in_at IS NOT NULL AND a.released_at IS NULL
               AND (?2 IS NULL OR a.area_id = ?2)
             ORDER BY b.badge_no",
        )?;
        let rows = stmt.query_map(params![day_id, area_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records `booking_id` checked in at `at` by the event `event`.
    pub fn set_checked_in(
        &self,
        booking_id: i64,
        at: DateTime<Utc>,
        area_id: Option<i64>,
        overflow: bool,
        event: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO attendance (booking_id, checked_in_at, area_id, released_at, overflow,
                                         checkin_event, release_event)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, NULL)
                 ON CONFLICT(booking_id) DO UPDATE SET checked_in_at = excluded.checked_in_at,
                     area_id = excluded.area_id, released_at = NULL, overflow = excluded.overflow,
                     checkin_event = excluded.checkin_event, release_event = NULL",
            )?
            .execute(params![booking_id, ts(at), area_id, overflow, event])?;
        Ok(())
    }

    /// Records `booking_id` released at `at`: by the event `event`, or (a
    /// correction of the out time) by the release already standing.
    pub fn set_released(
        &self,
        booking_id: i64,
        at: DateTime<Utc>,
        event: Option<&str>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE attendance SET released_at = ?2, release_event = COALESCE(?3, release_event)
                 WHERE booking_id = ?1",
            )?
            .execute(params![booking_id, ts(at), event])?;
        Ok(())
    }

    /// The events that stand for `booking_id`'s check-in and release, so a
    /// correction or an undo can name the one it changes.
    pub fn standing_events(&self, booking_id: i64) -> Result<(Option<String>, Option<String>)> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT checkin_event, release_event FROM attendance WHERE booking_id = ?1",
            )?
            .query_row([booking_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    pub fn set_area(&self, booking_id: i64, area_id: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE attendance SET area_id = ?2, overflow = 0 WHERE booking_id = ?1",
            )?
            .execute(params![booking_id, area_id])?;
        Ok(())
    }

    /// The meal or NDB of `kind` that `booking_id` started and has not
    /// ended: its id and start.
    pub fn open_meal(&self, booking_id: i64, kind: &str) -> Result<Option<(i64, DateTime<Utc>)>> {
        let row: Option<(i64, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, started_at FROM meals
                 WHERE booking_id = ?1 AND kind = ?2 AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![booking_id, kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match row {
            Some((id, started)) => Some((id, parse_ts(&started)?)),
            None => None,
        })
    }

    pub fn start_meal(&self, booking_id: i64, kind: &str, at: DateTime<Utc>) -> Result<()> {
        self.tx
            .prepare_cached("INSERT INTO meals (booking_id, kind, started_at) VALUES (?1, ?2, ?3)")?
            .execute(params![booking_id, kind, ts(at)])?;
        Ok(())
    }

    pub fn end_meal(&self, meal_id: i64, at: DateTime<Utc>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE meals SET ended_at = ?2 WHERE id = ?1")?
            .execute(params![meal_id, ts(at)])?;
        Ok(())
    }

    /// Adds a booking on the day (a walk-in), with the day's next badge
    /// number on the lead kiosk, or the next of this kiosk's own range on
    /// one that joined. Returns its id and badge number.
    pub fn add_booking(
        &self,
        day_id: i64,
        d: &BookingDetails,
        source: BookingSource,
    ) -> Result<(i64, String)> {
        let badge = match Store::next_walk_in(&self.tx, self.kiosk_id, day_id)? {
            Some(own) => badge_number(own),
            None => {
                let next: u32 = self.tx.query_row(
                    "SELECT next_badge FROM days WHERE id = ?1",
                    [day_id],
                    |r| r.get(0),
                )?;
                if next >= super::WALK_IN_RANGE {
                    return Err(super::StoreError::Join(
                        "the lead's badge numbers reach B-10000, where joined kiosks' ranges begin: add walk-ins on a joined kiosk".into(),
                    ));
                }
                self.tx.execute(
                    "UPDATE days SET next_badge = ?2 WHERE id = ?1",
                    params![day_id, next + 1],
                )?;
                badge_number(next)
            }
        };
        let booking_id = super::bookings::insert_booking(&self.tx, day_id, &badge, d, source)?;
        Ok((booking_id, badge))
    }

    /// The meals and NDBs of `booking_id` of `kind`, in the order they
    /// started: (id, start, end).
    pub fn meals(&self, booking_id: i64, kind: &str) -> Result<Vec<MealRecord>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, started_at, ended_at FROM meals WHERE booking_id = ?1 AND kind = ?2
             ORDER BY started_at, id",
        )?;
        let rows = stmt.query_map(params![booking_id, kind], |r| {
            let ended: Option<String> = r.get(2)?;
            Ok(MealRecord {
                id: r.get(0)?,
                started_at: parse_ts(&r.get::<_, String>(1)?)?,
                ended_at: ended.as_deref().map(parse_ts).transpose()?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Names the event that started the open meal of `kind` of
    /// `booking_id`, so a correction can name it.
    pub fn set_meal_start_event(&self, booking_id: i64, kind: &str, event: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE meals SET start_event = ?3 WHERE id = (
                     SELECT id FROM meals WHERE booking_id = ?1 AND kind = ?2 AND ended_at IS NULL
                     ORDER BY id DESC LIMIT 1)",
            )?
            .execute(params![booking_id, kind, event])?;
        Ok(())
    }

    /// The event that started meal `meal_id`, when it is known.
    pub fn meal_start_event(&self, meal_id: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT start_event FROM meals WHERE id = ?1")?
            .query_row([meal_id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Sets one recorded time of a meal: its start, or its end.
    pub fn set_meal_time(&self, meal_id: i64, end: bool, at: DateTime<Utc>) -> Result<()> {
        let sql = if end {
            "UPDATE meals SET ended_at = ?2 WHERE id = ?1"
        } else {
            "UPDATE meals SET started_at = ?2 WHERE id = ?1"
        };
        self.tx
            .prepare_cached(sql)?
            .execute(params![meal_id, ts(at)])?;
        Ok(())
    }

    /// Sets the check-in time of a booking already checked in.
    pub fn set_checked_in_at(&self, booking_id: i64, at: DateTime<Utc>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE attendance SET checked_in_at = ?2 WHERE booking_id = ?1")?
            .execute(params![booking_id, ts(at)])?;
        Ok(())
    }

    /// Takes back a check-in: the booking is no longer here.
    pub fn remove_check_in(&self, booking_id: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM attendance WHERE booking_id = ?1")?
            .execute([booking_id])?;
        Ok(())
    }

    /// Takes back a release: the booking is in holding again.
    pub fn remove_release(&self, booking_id: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE attendance SET released_at = NULL, release_event = NULL WHERE booking_id = ?1",
            )?
            .execute([booking_id])?;
        Ok(())
    }

    /// Records a bump; `amount` is `None` for a kind whose amount the rules
    /// fix. Returns the id made for it here, which its events name.
    pub fn add_bump(
        &self,
        booking_id: i64,
        kind: &str,
        count: u32,
        amount: Option<Money>,
        added_by: &str,
        at: DateTime<Utc>,
    ) -> Result<String> {
        let uid = hex::encode(super::random_bytes::<8>());
        self.tx
            .prepare_cached(
                "INSERT INTO bumps (booking_id, kind, count, amount_cents, added_by, added_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                booking_id,
                kind,
                count,
                amount.map(Money::cents),
                added_by,
                ts(at),
                uid
            ])?;
        Ok(uid)
    }

    /// Marks the latest bump of `kind` of `booking_id` removed; returns its
    /// id (and the id made for it, if it has one), or `None` when it has
    /// none.
    pub fn remove_bump(
        &self,
        booking_id: i64,
        kind: &str,
    ) -> Result<Option<(i64, Option<String>)>> {
        let found: Option<(i64, Option<String>)> = self
            .tx
            .query_row(
                "SELECT id, uid FROM bumps WHERE booking_id = ?1 AND kind = ?2 AND removed = 0
                 ORDER BY id DESC LIMIT 1",
                params![booking_id, kind],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, _)) = &found {
            self.tx
                .execute("UPDATE bumps SET removed = 1 WHERE id = ?1", [id])?;
        }
        Ok(found)
    }

    /// Sets a setting of this database, in this transaction.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Appends an event to the log, chained to the last one.
    pub fn append(&self, event: &events::NewEvent) -> Result<String> {
        let now = Utc::now() + self.clock_skew;
        match self.marks {
            Some(marks) if event.payload.is_object() => {
                let mut marked = event.payload.clone();
                for (k, v) in marks {
                    marked[k] = v.clone();
                }
                let event = events::NewEvent {
                    payload: marked,
                    ..event.clone()
                };
                events::append_at(&self.tx, self.kiosk_id, &event, now)
            }
            _ => events::append_at(&self.tx, self.kiosk_id, event, now),
        }
    }

    /// Makes everything recorded durable (WAL, synchronous=FULL).
    pub fn commit(self) -> Result<()> {
        let started = std::time::Instant::now();
        self.tx.commit()?;
        LAST_COMMIT.set(started.elapsed());
        Ok(())
    }
}

thread_local! {
    static LAST_COMMIT: std::cell::Cell<std::time::Duration> =
        const { std::cell::Cell::new(std::time::Duration::ZERO) };
}

/// How long this thread's last durable commit of a [`Recording`] took (the
/// kiosk's timing figures split a scan by it).
pub fn last_commit_took() -> std::time::Duration {
    LAST_COMMIT.get()
}
