//! Badge state of a day's bookings: which issue is valid, voiding and
//! reissuing (each an event in the log).

use super::{Actor, Recording, Result, Store, StoreError, events};
use crate::badge::BadgeRecord;
use crate::model::{Booking, Day};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The valid issue of `badge` today, if the day has that badge. A booking
    /// dropped from the skin before arriving has no badge any more.
    pub fn badge_record(&self, day: &Day, badge: &str) -> Result<Option<BadgeRecord>> {
        badge_record(&self.conn, day, badge)
    }

    /// Issues `badge` again: older prints are refused as voided from now on.
    /// Returns the booking with its new issue.
    pub fn reissue_badge(
        &mut self,
        day: &Day,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking> {
        self.change_badge(day, badge, reason, at, "badge_reissued")
    }

    /// Voids `badge`: every print is refused until it is reissued.
    pub fn void_badge(
        &mut self,
        day: &Day,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking> {
        self.change_badge(day, badge, reason, at, "badge_voided")
    }

    fn change_badge(
        &mut self,
        day: &Day,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
        kind: &'static str,
    ) -> Result<Booking> {
        let rec = self.recording()?;
        rec.change_badge(day, badge, reason, at, kind)?;
        rec.commit()?;
        self.booking(day, badge)
    }
}

impl Recording<'_> {
    /// Reissues (`badge_reissued`) or voids (`badge_voided`) `badge` in this
    /// transaction, with its event. Returns the badge's issue afterwards.
    pub fn change_badge(
        &self,
        day: &Day,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
        kind: &'static str,
    ) -> Result<u32> {
        if reason.trim().is_empty() {
            return Err(StoreError::ReasonNeeded);
        }
        let record =
            badge_record(&self.tx, day, badge)?.ok_or_else(|| StoreError::NoSuchBadge {
                badge: badge.to_string(),
                date: day.date.to_string(),
            })?;
        let issue = if kind == "badge_reissued" {
            self.tx.execute(
                "UPDATE bookings SET badge_issue = badge_issue + 1, badge_voided = 0 WHERE id = ?1",
                [record.booking_id],
            )?;
            record.issue + 1
        } else {
            self.tx.execute(
                "UPDATE bookings SET badge_voided = 1 WHERE id = ?1",
                [record.booking_id],
            )?;
            record.issue
        };
        self.append(&events::NewEvent {
            kind,
            day_id: Some(day.id),
            booking_id: Some(record.booking_id),
            area_id: None,
            happened_at: at,
            actor: Actor::Supervisor,
            payload: serde_json::json!({ "badge": badge, "issue": issue, "reason": reason.trim() }),
        })?;
        Ok(issue)
    }
}

fn badge_record(
    conn: &rusqlite::Connection,
    day: &Day,
    badge: &str,
) -> Result<Option<BadgeRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT b.id, b.badge_issue, b.badge_voided FROM bookings b
             LEFT JOIN attendance a ON a.booking_id = b.id
             WHERE b.day_id = ?1 AND b.badge_no = ?2
               AND (b.removed = 0 OR a.checked_in_at IS NOT NULL)",
        )?
        .query_row(params![day.id, badge], |r| {
            Ok(BadgeRecord {
                booking_id: r.get(0)?,
                issue: r.get(1)?,
                voided: r.get(2)?,
            })
        })
        .optional()?)
}
