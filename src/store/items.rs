//! Wardrobe and props out and back: the items table (a projection of the
//! `item_issued` and `item_returned` events), read for a day or a booking.

use super::{Recording, Result, Store, parse_ts, ts};
use crate::model::Day;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// An item handed to an extra.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRecord {
    /// Made where the item was issued (random, 16 hex digits).
    pub id: String,
    pub booking_id: i64,
    pub badge: String,
    pub first_name: String,
    pub last_name: String,
    /// `wardrobe`, `prop` or `other`.
    pub kind: String,
    pub what: String,
    pub tag: Option<String>,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub returned_at: Option<DateTime<Utc>>,
}

const ITEM_COLUMNS: &str = "i.id, i.booking_id, b.badge_no, p.first_name, p.last_name, i.kind,
    i.what, i.tag, i.issued_at, i.issued_by, i.returned_at";

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ItemRecord> {
    let returned: Option<String> = r.get(10)?;
    Ok(ItemRecord {
        id: r.get(0)?,
        booking_id: r.get(1)?,
        badge: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        kind: r.get(5)?,
        what: r.get(6)?,
        tag: r.get(7)?,
        issued_at: parse_ts(&r.get::<_, String>(8)?)?,
        issued_by: r.get(9)?,
        returned_at: returned.as_deref().map(parse_ts).transpose()?,
    })
}

impl Store {
    /// The bookings of `day` now present (checked in, not released).
    pub fn present_bookings(&self, day: &Day) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.booking_id FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.day_id = ?1 AND a.checked_in_at IS NOT NULL AND a.released_at IS NULL
             ORDER BY b.badge_no",
        )?;
        let rows = stmt.query_map([day.id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The items of `day` (only those still out when `outstanding`), by
    /// badge and then as issued; or of one booking.
    pub fn items(
        &self,
        day: &Day,
        booking_id: Option<i64>,
        outstanding: bool,
    ) -> Result<Vec<ItemRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS}
             FROM items i JOIN bookings b ON b.id = i.booking_id
             JOIN people p ON p.id = b.person_id
             WHERE b.day_id = ?1 AND (?2 IS NULL OR b.id = ?2)
               AND (?3 = 0 OR i.returned_at IS NULL)
             ORDER BY b.badge_no, i.issued_at, i.id"
        ))?;
        let rows = stmt.query_map(params![day.id, booking_id, outstanding], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Recording<'_> {
    /// The item out with tag `tag`, on any day, whoever has it, with the
    /// date of its day (a tag is unique among all items out).
    pub fn item_out_with_tag(&self, tag: &str) -> Result<Option<(ItemRecord, String)>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS}, d.date
                 FROM items i JOIN bookings b ON b.id = i.booking_id
                 JOIN people p ON p.id = b.person_id
                 JOIN days d ON d.id = b.day_id
                 WHERE i.tag = ?1 AND i.returned_at IS NULL"
            ))?
            .query_row(params![tag], |r| Ok((item_from_row(r)?, r.get(11)?)))
            .optional()?)
    }

    /// Records an item handed out.
    #[allow(clippy::too_many_arguments)]
    pub fn issue_item(
        &self,
        id: &str,
        booking_id: i64,
        kind: &str,
        what: &str,
        tag: Option<&str>,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO items (id, booking_id, kind, what, tag, issued_at, issued_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![id, booking_id, kind, what, tag, ts(at), by])?;
        Ok(())
    }

    /// Records an item back.
    pub fn return_item(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE items SET returned_at = ?2 WHERE id = ?1")?
            .execute(params![id, ts(at)])?;
        Ok(())
    }

    /// The items `booking_id` still has out.
    pub fn items_out(&self, booking_id: i64) -> Result<Vec<ItemRecord>> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS}
             FROM items i JOIN bookings b ON b.id = i.booking_id
             JOIN people p ON p.id = b.person_id
             WHERE b.id = ?1 AND i.returned_at IS NULL
             ORDER BY i.issued_at, i.id"
        ))?;
        let rows = stmt.query_map([booking_id], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
