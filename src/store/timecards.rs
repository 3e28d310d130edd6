//! The day's time cards: for every booking, its presence, last holding
//! area, meals, NDBs, bumps and how often its times were corrected, read in
//! a few queries for the voucher export. Also the purge of contact details.

use super::{MealRecord, Presence, Result, Store, parse_ts};
use crate::model::{Booking, Day, Money};
use std::collections::HashMap;

/// A bump as recorded and not removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BumpRecord {
    pub kind: String,
    pub count: u32,
    pub amount: Option<Money>,
}

/// Everything recorded of one booking that its voucher is made from.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeCard {
    pub booking: Booking,
    pub presence: Option<Presence>,
    /// The holding area the booking is (or was last) in.
    pub area_name: Option<String>,
    pub meals: Vec<MealRecord>,
    pub ndbs: Vec<MealRecord>,
    pub bumps: Vec<BumpRecord>,
    /// Time corrections, undone check-ins or releases, and meals recorded
    /// after the fact for an accepted dispute.
    pub corrections: u32,
    /// Items (wardrobe, props) still out.
    pub items_out: u32,
}

impl Store {
    /// The time card of every booking of `day` (removed bookings only when
    /// they checked in), in booking order.
    pub fn time_cards(&self, day: &Day) -> Result<Vec<TimeCard>> {
        // One snapshot: a write between the reads cannot mix two moments
        // (a read-only transaction, rolled back when dropped).
        let _snapshot = self.conn.unchecked_transaction()?;
        self.cards(day, None, self.bookings(day)?)
    }

    /// The time card of one booking of `day`.
    pub fn time_card(&self, day: &Day, booking: &Booking) -> Result<TimeCard> {
        let mut cards = self.cards(day, Some(booking.id), vec![booking.clone()])?;
        Ok(cards.remove(0))
    }

    fn cards(&self, day: &Day, only: Option<i64>, bookings: Vec<Booking>) -> Result<Vec<TimeCard>> {
        let mut presence: HashMap<i64, (Presence, Option<String>)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.booking_id, a.checked_in_at, a.area_id, a.released_at, a.overflow, h.name
             FROM attendance a JOIN bookings b ON b.id = a.booking_id
             LEFT JOIN holding_areas h ON h.id = a.area_id
             WHERE b.day_id = ?1 AND (?2 IS NULL OR b.id = ?2)",
        )?;
        let mut rows = stmt.query(rusqlite::params![day.id, only])?;
        while let Some(r) = rows.next()? {
            let checked_in: Option<String> = r.get(1)?;
            let released: Option<String> = r.get(3)?;
            presence.insert(
                r.get(0)?,
                (
                    Presence {
                        checked_in_at: checked_in.as_deref().map(parse_ts).transpose()?,
                        area_id: r.get(2)?,
                        released_at: released.as_deref().map(parse_ts).transpose()?,
                        overflow: r.get(4)?,
                    },
                    r.get(5)?,
                ),
            );
        }

        let mut meals: HashMap<(i64, String), Vec<MealRecord>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.booking_id, m.kind, m.id, m.started_at, m.ended_at
             FROM meals m JOIN bookings b ON b.id = m.booking_id
             WHERE b.day_id = ?1 AND (?2 IS NULL OR b.id = ?2) ORDER BY m.started_at, m.id",
        )?;
        let mut rows = stmt.query(rusqlite::params![day.id, only])?;
        while let Some(r) = rows.next()? {
            let ended: Option<String> = r.get(4)?;
            meals
                .entry((r.get(0)?, r.get(1)?))
                .or_default()
                .push(MealRecord {
                    id: r.get(2)?,
                    started_at: parse_ts(&r.get::<_, String>(3)?)?,
                    ended_at: ended.as_deref().map(parse_ts).transpose()?,
                });
        }

        let mut bumps: HashMap<i64, Vec<BumpRecord>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.booking_id, u.kind, u.count, u.amount_cents
             FROM bumps u JOIN bookings b ON b.id = u.booking_id
             WHERE b.day_id = ?1 AND (?2 IS NULL OR b.id = ?2) AND u.removed = 0 ORDER BY u.id",
        )?;
        let mut rows = stmt.query(rusqlite::params![day.id, only])?;
        while let Some(r) = rows.next()? {
            bumps.entry(r.get(0)?).or_default().push(BumpRecord {
                kind: r.get(1)?,
                count: r.get(2)?,
                amount: r.get::<_, Option<i64>>(3)?.map(Money),
            });
        }

        let mut corrections: HashMap<i64, u32> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT booking_id, COUNT(*) FROM events
             WHERE day_id = ?1 AND booking_id IS NOT NULL AND (?2 IS NULL OR booking_id = ?2)
               AND (kind = 'time_corrected' OR kind = 'checkin_undone' OR kind = 'release_undone'
                    OR (kind IN ('meal_started', 'meal_ended')
                        AND json_extract(payload, '$.dispute') IS NOT NULL))
             GROUP BY booking_id",
        )?;
        let mut rows = stmt.query(rusqlite::params![day.id, only])?;
        while let Some(r) = rows.next()? {
            corrections.insert(r.get(0)?, r.get(1)?);
        }

        let mut items_out: HashMap<i64, u32> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.booking_id, COUNT(*) FROM items i JOIN bookings b ON b.id = i.booking_id
             WHERE b.day_id = ?1 AND (?2 IS NULL OR b.id = ?2) AND i.returned_at IS NULL
             GROUP BY i.booking_id",
        )?;
        let mut rows = stmt.query(rusqlite::params![day.id, only])?;
        while let Some(r) = rows.next()? {
            items_out.insert(r.get(0)?, r.get(1)?);
        }

        Ok(bookings
            .into_iter()
            .map(|booking| {
                let id = booking.id;
                let (presence, area_name) = match presence.remove(&id) {
                    Some((p, name)) => (Some(p), name),
                    None => (None, None),
                };
                TimeCard {
                    presence,
                    area_name,
                    meals: meals.remove(&(id, "meal".into())).unwrap_or_default(),
                    ndbs: meals.remove(&(id, "ndb".into())).unwrap_or_default(),
                    bumps: bumps.remove(&id).unwrap_or_default(),
                    corrections: corrections.get(&id).copied().unwrap_or(0),
                    items_out: items_out.get(&id).copied().unwrap_or(0),
                    booking,
                }
            })
            .collect())
    }

    /// Removes the phone numbers and emails of everyone booked on `day`,
    /// in one transaction; returns how many people had any.
    pub fn purge_contacts(&mut self, day: &Day) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let n: i64 = tx.query_row(
            "SELECT COUNT(*) FROM people WHERE (phone IS NOT NULL OR email IS NOT NULL)
               AND id IN (SELECT person_id FROM bookings WHERE day_id = ?1)",
            [day.id],
            |r| r.get(0),
        )?;
        // Everyone of the day is stamped, with contacts or not here, so the
        // purge is the latest change on every kiosk it reaches.
        tx.execute(
            "UPDATE people SET phone = NULL, email = NULL, contacts_at = ?2
             WHERE id IN (SELECT person_id FROM bookings WHERE day_id = ?1)",
            rusqlite::params![day.id, super::contacts_ts(chrono::Utc::now())],
        )?;
        super::events::append(
            &tx,
            &self.identity.id,
            &super::NewEvent {
                kind: "contacts_purged",
                day_id: Some(day.id),
                booking_id: None,
                area_id: None,
                happened_at: chrono::Utc::now(),
                actor: super::Actor::Supervisor,
                payload: serde_json::json!({ "people": n }),
            },
        )?;
        tx.commit()?;
        Ok(n as usize)
    }
}
