//! Bookings of a day and their people: reading them, writing the changes
//! a skin import decided on (all in one transaction), and the PA's changes
//! to one booking (paper voucher, paperwork, upgrade).

use super::{Actor, Result, Store, StoreError, events, parse_ts, ts};
use crate::model::{
    Booking, BookingDetails, BookingSource, Category, Day, Money, Paperwork, UnionStatus,
    badge_number,
};
use chrono::Utc;
use rusqlite::{OptionalExtension, Row, params};

/// One change a skin import makes to an existing booking.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingChange {
    pub booking_id: i64,
    pub details: BookingDetails,
}

/// Everything one skin import writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkinChanges {
    /// The file imported, for the log.
    pub file: String,
    /// SHA-256 of the file's bytes, for the log.
    pub file_sha256: String,
    pub added: Vec<BookingDetails>,
    pub updated: Vec<BookingChange>,
    /// Bookings that were on the skin and are no longer. Those that checked in
    /// stay and are flagged; the others leave the day.
    pub removed: Vec<i64>,
}

const BOOKING_COLUMNS: &str =
    "b.id, b.day_id, b.badge_no, b.badge_issue, p.first_name, p.last_name,
    b.category, b.union_status, b.rate_cents, b.call_at, b.wardrobe, p.phone, p.email, p.agency,
    b.notes, b.source, b.removed, a.checked_in_at IS NOT NULL, b.paper_voucher, b.paperwork,
    b.upgraded, b.badge_voided";

fn booking_from_row(r: &Row<'_>) -> rusqlite::Result<(Booking, bool)> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what}").into(),
        )
    };
    let category: String = r.get(6)?;
    let union: String = r.get(7)?;
    let source: String = r.get(15)?;
    let paperwork: String = r.get(19)?;
    Ok((
        Booking {
            id: r.get(0)?,
            day_id: r.get(1)?,
            badge_no: r.get(2)?,
            badge_issue: r.get(3)?,
            details: BookingDetails {
                first_name: r.get(4)?,
                last_name: r.get(5)?,
                category: Category::from_code(&category).ok_or_else(|| bad(6, "category"))?,
                union: UnionStatus::from_code(&union).ok_or_else(|| bad(7, "union status"))?,
                rate: r.get::<_, Option<i64>>(8)?.map(Money),
                call_at: parse_ts(&r.get::<_, String>(9)?)?,
                wardrobe: r.get(10)?,
                phone: r.get(11)?,
                email: r.get(12)?,
                agency: r.get(13)?,
                notes: r.get(14)?,
                paper_voucher: r.get(18)?,
                paperwork: Paperwork::from_code(&paperwork).ok_or_else(|| bad(19, "paperwork"))?,
            },
            source: BookingSource::from_code(&source).ok_or_else(|| bad(15, "source"))?,
            removed_from_skin: r.get(16)?,
            upgraded: r.get(20)?,
            badge_voided: r.get(21)?,
        },
        r.get(17)?,
    ))
}

/// Inserts a person and their booking on `day_id` with badge number
/// `badge`. Returns the booking's id.
pub(crate) fn insert_booking(
    conn: &rusqlite::Connection,
    day_id: i64,
    badge: &str,
    d: &BookingDetails,
    source: BookingSource,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO people (first_name, last_name, phone, email, agency, contacts_at)
         VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?3 IS NULL AND ?4 IS NULL THEN NULL ELSE ?6 END)",
    )?
    .execute(params![
        d.first_name,
        d.last_name,
        d.phone,
        d.email,
        d.agency,
        super::contacts_ts(chrono::Utc::now())
    ])?;
    let person_id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO bookings (day_id, person_id, badge_no, category, union_status, rate_cents,
                               call_at, wardrobe, notes, source, paper_voucher, paperwork)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        day_id,
        person_id,
        badge,
        d.category.code(),
        d.union.code(),
        d.rate.map(Money::cents),
        ts(d.call_at),
        d.wardrobe,
        d.notes,
        source.code(),
        d.paper_voucher,
        d.paperwork.code()
    ])?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// The day's bookings in badge order: everyone on the skin or walked in,
    /// and those dropped from the skin after they checked in.
    pub fn bookings(&self, day: &Day) -> Result<Vec<Booking>> {
        Ok(self
            .bookings_with_arrival(day)?
            .into_iter()
            .filter(|(b, arrived)| !b.removed_from_skin || *arrived)
            .map(|(b, _)| b)
            .collect())
    }

    /// The booking with badge number `badge` on `day`.
    pub fn booking(&self, day: &Day, badge: &str) -> Result<Booking> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BOOKING_COLUMNS}
                 FROM bookings b JOIN people p ON p.id = b.person_id
                 LEFT JOIN attendance a ON a.booking_id = b.id
                 WHERE b.day_id = ?1 AND b.badge_no = ?2"
            ))?
            .query_row(params![day.id, badge], booking_from_row)
            .optional()?;
        match found {
            Some((booking, arrived)) if !booking.removed_from_skin || arrived => Ok(booking),
            _ => Err(StoreError::NoSuchBadge {
                badge: badge.to_string(),
                date: day.date.to_string(),
            }),
        }
    }

    /// Every booking ever made for the day, those dropped from the skin too,
    /// each with whether the extra checked in.
    pub fn bookings_with_arrival(&self, day: &Day) -> Result<Vec<(Booking, bool)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {BOOKING_COLUMNS}
             FROM bookings b JOIN people p ON p.id = b.person_id
             LEFT JOIN attendance a ON a.booking_id = b.id
             WHERE b.day_id = ?1 ORDER BY b.badge_no"
        ))?;
        let rows = stmt.query_map([day.id], booking_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a skin import: new bookings get the day's next badge numbers,
    /// updated ones keep theirs, removed ones are marked. One transaction and
    /// one `skin_imported` event.
    pub fn apply_skin(&mut self, day: &Day, changes: &SkinChanges) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut next_badge: u32 =
            tx.query_row("SELECT next_badge FROM days WHERE id = ?1", [day.id], |r| {
                r.get(0)
            })?;
        let mut added_badges = Vec::with_capacity(changes.added.len());
        // Every row added or changed, as the other kiosks make it (no
        // phones or emails: they stay out of the log).
        let mut rows = Vec::with_capacity(changes.added.len() + changes.updated.len());
        let mut removed_badges = Vec::with_capacity(changes.removed.len());
        let mut updated_badges = Vec::with_capacity(changes.updated.len());
        {
            for d in &changes.added {
                let badge = badge_number(next_badge);
                next_badge += 1;
                insert_booking(&tx, day.id, &badge, d, BookingSource::Skin)?;
                rows.push(skin_row(&badge, d));
                added_badges.push(badge);
            }
            let mut update_person = tx.prepare_cached(
                "UPDATE people SET first_name = ?2, last_name = ?3, phone = ?4, email = ?5, agency = ?6,
                                   contacts_at = ?7
                 WHERE id = (SELECT person_id FROM bookings WHERE id = ?1)",
            )?;
            let mut update_booking = tx.prepare_cached(
                "UPDATE bookings SET category = ?2, union_status = ?3, rate_cents = ?4, call_at = ?5,
                                     wardrobe = ?6, notes = ?7, paper_voucher = ?8,
                                     paperwork = ?9, removed = 0
                 WHERE id = ?1",
            )?;
            for BookingChange {
                booking_id,
                details: d,
            } in &changes.updated
            {
                update_person.execute(params![
                    booking_id,
                    d.first_name,
                    d.last_name,
                    d.phone,
                    d.email,
                    d.agency,
                    super::contacts_ts(Utc::now())
                ])?;
                let badge: String = tx.query_row(
                    "SELECT badge_no FROM bookings WHERE id = ?1",
                    [booking_id],
                    |r| r.get(0),
                )?;
                rows.push(skin_row(&badge, d));
                updated_badges.push(badge);
                update_booking.execute(params![
                    booking_id,
                    d.category.code(),
                    d.union.code(),
                    d.rate.map(Money::cents),
                    ts(d.call_at),
                    d.wardrobe,
                    d.notes,
                    d.paper_voucher,
                    d.paperwork.code()
                ])?;
            }
            let mut remove = tx.prepare_cached(
                "UPDATE bookings SET removed = 1 WHERE id = ?1 RETURNING badge_no",
            )?;
            for id in &changes.removed {
                let badge: String = remove.query_row([id], |r| r.get(0))?;
                removed_badges.push(badge);
            }
        }
        tx.execute(
            "UPDATE days SET next_badge = ?2 WHERE id = ?1",
            params![day.id, next_badge],
        )?;
        events::append(
            &tx,
            &self.identity.id,
            &events::NewEvent {
                kind: "skin_imported",
                day_id: Some(day.id),
                booking_id: None,
                area_id: None,
                happened_at: Utc::now(),
                actor: Actor::Supervisor,
                payload: serde_json::json!({
                    "file": changes.file,
                    "sha256": changes.file_sha256,
                    // Badges, never this file's booking ids.
                    "added": added_badges,
                    "updated": updated_badges,
                    "removed": removed_badges,
                    "date": day.date.to_string(),
                    "rows": rows,
                }),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// One skin row as the `skin_imported` event carries it.
fn skin_row(badge: &str, d: &BookingDetails) -> serde_json::Value {
    serde_json::json!({
        "badge": badge,
        "first_name": d.first_name,
        "last_name": d.last_name,
        "agency": d.agency,
        "category": d.category.code(),
        "union": d.union.code(),
        "rate_cents": d.rate.map(Money::cents),
        "call_at": ts(d.call_at),
        "wardrobe": d.wardrobe,
        "notes": d.notes,
        "paper_voucher": d.paper_voucher,
        "paperwork": d.paperwork.code(),
    })
}

/// The PA's changes to one booking at the kiosk: a paper voucher asked
/// for, a paperwork decision, an upgrade to union.
impl super::Recording<'_> {
    /// Marks whether the booking asked for a paper voucher.
    pub fn set_paper_voucher(&self, booking_id: i64, paper: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE bookings SET paper_voucher = ?2 WHERE id = ?1")?
            .execute(params![booking_id, paper])?;
        Ok(())
    }

    /// Sets the booking's paperwork status.
    pub fn set_paperwork(&self, booking_id: i64, paperwork: crate::model::Paperwork) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE bookings SET paperwork = ?2 WHERE id = ?1")?
            .execute(params![booking_id, paperwork.code()])?;
        Ok(())
    }

    /// Upgrades the booking to union at `rate` (`None`: the rules'), for
    /// `reason`.
    pub fn upgrade_to_union(
        &self,
        booking_id: i64,
        rate: Option<crate::model::Money>,
        reason: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE bookings SET union_status = 'union', rate_cents = ?2, upgraded = ?3
                 WHERE id = ?1",
            )?
            .execute(params![
                booking_id,
                rate.map(crate::model::Money::cents),
                reason
            ])?;
        Ok(())
    }
}
