//! The day at a glance as of a given instant: how many are booked, here,
//! late, missing, in holding and released, and who is in each holding area.

use super::{Result, Store, ts};
use crate::model::Day;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Counts of the day as of one instant. Serialises with the keys the
/// `status --json` command promises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayStatus {
    pub date: String,
    /// Everyone on the skin and every walk-in.
    pub booked: u32,
    /// Everyone who checked in, released or not.
    pub arrived: u32,
    /// Arrived after their call.
    pub late: u32,
    /// Not arrived, call passed.
    pub missing: u32,
    /// Checked in and not released.
    pub in_holding: u32,
    pub released: u32,
    /// Present, with their start paperwork pending.
    pub paperwork_pending: u32,
    pub areas: Vec<AreaStatus>,
    /// The open conflicts between kiosks.
    pub conflicts: Vec<ConflictStatus>,
    /// Events received that did not verify, kept aside (never applied),
    /// with those waiting behind them.
    pub events_aside: u32,
    /// Kinds of event a kiosk on a newer build wrote, kept here unread:
    /// update this kiosk.
    pub newer_kinds: Vec<String>,
    /// Disputes of vouchers not decided yet (filled by the review,
    /// [`crate::report::review::disputes_open`]).
    pub disputes_open: u32,
    /// Released vouchers not approved (filled by the review); `None` while
    /// the vouchers cannot be computed (a released extra's meal never ended).
    pub vouchers_unapproved: Option<u32>,
}

/// An open conflict between kiosks, as `status --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictStatus {
    pub id: String,
    /// `double_check_in`, `double_release`, `double_meal`, ...
    pub kind: String,
    pub badge: Option<String>,
    /// The kiosks involved.
    pub kiosks: Vec<String>,
    /// When the standing fact happened, local time (as `scan --json`
    /// prints `since`).
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaStatus {
    pub name: String,
    pub capacity: u32,
    pub present: u32,
}

impl Store {
    /// The day's counts as of `at`.
    pub fn status(&self, day: &Day, at: DateTime<Utc>) -> Result<DayStatus> {
        let at = ts(at);
        let (booked, arrived, late, missing, in_holding, released, paperwork_pending) = self.conn.query_row(
            "SELECT
                 COUNT(*),
                 COALESCE(SUM(a.checked_in_at <= ?2), 0),
                 COALESCE(SUM(a.checked_in_at <= ?2 AND a.checked_in_at > b.call_at), 0),
                 COALESCE(SUM((a.checked_in_at IS NULL OR a.checked_in_at > ?2) AND b.call_at <= ?2), 0),
                 COALESCE(SUM(a.checked_in_at <= ?2 AND (a.released_at IS NULL OR a.released_at > ?2)), 0),
                 COALESCE(SUM(a.released_at <= ?2), 0),
                 COALESCE(SUM(a.checked_in_at <= ?2 AND (a.released_at IS NULL OR a.released_at > ?2)
                              AND b.paperwork = 'pending'), 0)
             FROM bookings b LEFT JOIN attendance a ON a.booking_id = b.id
             WHERE b.day_id = ?1 AND (b.removed = 0 OR a.checked_in_at IS NOT NULL)",
            rusqlite::params![day.id, at],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.name, h.capacity,
                    COUNT(a.booking_id)
             FROM holding_areas h
             LEFT JOIN attendance a ON a.area_id = h.id AND a.checked_in_at <= ?2
                                   AND (a.released_at IS NULL OR a.released_at > ?2)
             WHERE h.day_id = ?1
             GROUP BY h.id ORDER BY h.sort_order, h.id",
        )?;
        let areas = stmt
            .query_map(rusqlite::params![day.id, at], |r| {
                Ok(AreaStatus {
                    name: r.get(0)?,
                    capacity: r.get(1)?,
                    present: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let conflicts = self
            .conflicts(day.id)?
            .into_iter()
            .filter(|c| c.resolved.is_none())
            .map(|c| ConflictStatus {
                id: c.id,
                kind: c.kind,
                badge: c.badge,
                kiosks: c.kiosks,
                at: crate::model::format_local_iso(day.tz, c.at),
            })
            .collect();
        let events_aside: u32 =
            self.conn
                .query_row("SELECT count(*) FROM events_aside", [], |r| r.get(0))?;
        // Noted as they arrive: the console reads this on every refresh.
        let newer_kinds: Vec<String> = self
            .conn
            .prepare_cached("SELECT kind FROM newer_kinds ORDER BY kind")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DayStatus {
            disputes_open: 0,
            vouchers_unapproved: None,
            events_aside,
            newer_kinds,
            date: day.date.format("%Y-%m-%d").to_string(),
            booked,
            arrived,
            late,
            missing,
            in_holding,
            released,
            paperwork_pending,
            areas,
            conflicts,
        })
    }
}
