//! The day's projections as a function of its events: attendance, meals,
//! bumps, items out and the conflicts between kiosks, rebuilt by folding
//! every event of the day in the order of the hybrid logical clock. A kiosk
//! keeps its projections current as it records; after events arrive from
//! another kiosk it folds the day again, so every kiosk holding the same
//! events shows the same day, whatever order they arrived in.
//!
//! The rules where two kiosks did the same thing without seeing each other
//! (each kept in the log and flagged as a conflict, never refused):
//! - `double_check_in`: the check-in with the earliest time stands (ties:
//!   the clock, then the kiosk id);
//! - `double_release`: the earliest release at or after the standing
//!   check-in stands, counted once;
//! - `double_meal`: a meal started while one is open stands as one meal
//!   (the first); one conflict per pair of meal groups, not per person;
//! - `double_item`: a tag issued while it is out with someone else stays
//!   with the first holder;
//! - `double_approval`: a request resolved twice is resolved once (both
//!   kiosks reissued the badge to the same issue, so both prints scan); a
//!   dispute decided twice keeps the first decision by the clock, and the
//!   change the later one made (a correction, a meal, a bump naming its
//!   decision) is dropped.

use super::{Result, parse_ts, ts};
use crate::model::Day;
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of event the fold reads.
const FOLDED: &[&str] = &[
    "checked_in",
    "released",
    "moved",
    "time_corrected",
    "checkin_undone",
    "release_undone",
    "meal_started",
    "meal_ended",
    "bump_added",
    "bump_removed",
    "item_issued",
    "item_returned",
    "request_resolved",
    "conflict_resolved",
    "badge_reissued",
    "badge_voided",
    "paper_voucher_set",
    "paperwork_verified",
    "paperwork_rejected",
    "upgraded",
];

/// One event as the fold reads it.
struct Event {
    id: String,
    kiosk: String,
    kind: String,
    booking: Option<i64>,
    area: Option<i64>,
    at: DateTime<Utc>,
    payload: Value,
}

impl Event {
    fn text(&self, key: &str) -> Option<&str> {
        self.payload[key].as_str()
    }

    fn instant(&self, key: &str) -> Option<DateTime<Utc>> {
        self.text(key).and_then(|t| parse_ts(t).ok())
    }
}

struct CheckIn {
    event: String,
    kiosk: String,
    order: usize,
    at: DateTime<Utc>,
    area: Option<i64>,
    overflow: bool,
    undone: bool,
}

struct Release {
    event: String,
    kiosk: String,
    order: usize,
    at: DateTime<Utc>,
    undone: bool,
}

struct Meal {
    event: String,
    group: String,
    kiosk: String,
    started: DateTime<Utc>,
    ended: Option<DateTime<Utc>>,
}

struct Bump {
    uid: String,
    legacy_id: Option<i64>,
    kind: String,
    count: i64,
    amount: Option<i64>,
    added_by: String,
    added_at: DateTime<Utc>,
    removed: bool,
}

struct Item {
    id: String,
    kiosk: String,
    kind: String,
    what: String,
    tag: Option<String>,
    issued_at: DateTime<Utc>,
    issued_by: String,
    returned_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct BookingFold {
    checkins: Vec<CheckIn>,
    releases: Vec<Release>,
    /// The latest move: its place in the fold and the area.
    moved: Option<(usize, i64)>,
    meals: BTreeMap<String, Vec<Meal>>,
    /// Per meal kind and kiosk, the starts set aside as doubles whose end
    /// is still to come (that end is set aside too).
    set_aside: BTreeMap<(String, String), u32>,
    bumps: Vec<Bump>,
    items: Vec<Item>,
    /// The PA's latest word on the booking, when they said any: a paper
    /// voucher asked for, the paperwork decided, an upgrade (rate, why).
    paper: Option<bool>,
    /// The badge's latest issue and whether its latest change voided it.
    issue: Option<i64>,
    voided: Option<bool>,
    paperwork: Option<&'static str>,
    upgrade: Option<(Option<i64>, String)>,
}

impl BookingFold {
    /// The check-in that stands: the earliest not undone (ties: the order
    /// of the fold, which is the clock, then the kiosk id).
    fn standing(&self) -> Option<&CheckIn> {
        self.checkins
            .iter()
            .filter(|c| !c.undone)
            .min_by_key(|c| (c.at, c.order))
    }

    fn standing_mut(&mut self) -> Option<&mut CheckIn> {
        self.checkins
            .iter_mut()
            .filter(|c| !c.undone)
            .min_by_key(|c| (c.at, c.order))
    }

    /// The releases that count for the standing check-in: not undone, at
    /// or after it (all of them if none is).
    fn live_releases(&self) -> Vec<&Release> {
        let from = self.standing().map(|c| c.at);
        let live: Vec<&Release> = self.releases.iter().filter(|r| !r.undone).collect();
        let after: Vec<&Release> = live
            .iter()
            .copied()
            .filter(|r| from.is_none_or(|f| r.at >= f))
            .collect();
        if after.is_empty() { live } else { after }
    }

    fn standing_release_mut(&mut self) -> Option<&mut Release> {
        let id = self
            .live_releases()
            .into_iter()
            .min_by_key(|r| (r.at, r.order))
            .map(|r| r.event.clone())?;
        self.releases.iter_mut().find(|r| r.event == id)
    }
}

/// A conflict the fold found.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundConflict {
    pub id: String,
    pub kind: &'static str,
    pub badge: Option<String>,
    pub kiosks: Vec<String>,
    pub at: DateTime<Utc>,
    pub standing: String,
    pub others: Vec<String>,
}

/// A conflict's id: the same on every kiosk that holds the same events,
/// made from its kind and what stands (so a third kiosk doing the same
/// thing later does not reopen a conflict the PA resolved).
pub(super) fn conflict_id(kind: &str, events: &[&str]) -> String {
    let mut sorted: Vec<&str> = events.to_vec();
    sorted.sort_unstable();
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    for e in sorted {
        hasher.update([0x1f]);
        hasher.update(e.as_bytes());
    }
    hex::encode(&hasher.finalize()[..6])
}

/// Folds the events of `day_id` again and writes its attendance, meals,
/// bumps, items and conflicts from them, inside `tx`.
pub(crate) fn refold_day(tx: &Transaction<'_>, day_id: i64) -> Result<()> {
    let day: Day = tx.query_row(
        &format!(
            "SELECT {} FROM days WHERE id = ?1",
            super::days::DAY_COLUMNS
        ),
        [day_id],
        super::days::day_from_row,
    )?;
    let badges: BTreeMap<i64, String> = {
        let mut stmt = tx.prepare_cached("SELECT id, badge_no FROM bookings WHERE day_id = ?1")?;
        let rows = stmt.query_map([day_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let events = day_events(tx, day_id)?;
    let mut folds: BTreeMap<i64, BookingFold> = BTreeMap::new();
    let mut conflicts: BTreeMap<String, FoundConflict> = BTreeMap::new();
    let mut resolved: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut requests: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut tags = TagsOut::default();
    for (order, e) in events.iter().enumerate() {
        match e.kind.as_str() {
            "conflict_resolved" => {
                if let Some(id) = e.text("conflict") {
                    resolved
                        .entry(id.to_string())
                        .or_insert((e.id.clone(), e.text("note").unwrap_or_default().to_string()));
                }
                continue;
            }
            "request_resolved" => {
                if let Some(request) = e.text("request") {
                    requests
                        .entry(request.to_string())
                        .or_default()
                        .push((e.id.clone(), e.kiosk.clone()));
                }
                continue;
            }
            _ => {}
        }
        // An accepted dispute's change stands with its decision: decided
        // first at another kiosk, this decision and its change are dropped.
        if let (Some(dispute), Some(decision)) = (e.text("dispute"), e.text("decision")) {
            let stands = requests
                .get(dispute)
                .and_then(|r| r.first())
                .is_some_and(|(id, _)| id == decision);
            if !stands {
                continue;
            }
        }
        let Some(booking) = e.booking.filter(|b| badges.contains_key(b)) else {
            continue;
        };
        if !tags.admits(e, &badges[&booking], &mut conflicts) {
            continue;
        }
        let f = folds.entry(booking).or_default();
        apply(f, e, order, &day, &badges[&booking], &mut conflicts);
    }
    // Requests resolved on two kiosks: resolved once, flagged.
    for (request, resolutions) in &requests {
        let kiosks: BTreeSet<&str> = resolutions.iter().map(|(_, k)| k.as_str()).collect();
        if kiosks.len() > 1 {
            let ids: Vec<&str> = resolutions.iter().map(|(e, _)| e.as_str()).collect();
            let first = events.iter().find(|e| e.id == resolutions[0].0);
            conflicts.insert(
                conflict_id("double_approval", &[request]),
                FoundConflict {
                    id: conflict_id("double_approval", &[request]),
                    kind: "double_approval",
                    badge: first
                        .and_then(|e| e.booking)
                        .and_then(|b| badges.get(&b).cloned()),
                    kiosks: kiosks.iter().map(|k| k.to_string()).collect(),
                    at: first.map_or_else(Utc::now, |e| e.at),
                    standing: resolutions[0].0.clone(),
                    others: ids[1..].iter().map(|s| s.to_string()).collect(),
                },
            );
        }
    }
    write(tx, day_id, &folds, &badges, &mut conflicts, &resolved)
}

/// The tags out with someone, as the fold goes: a tag handed out while it
/// is out with someone else stays with them (`double_item`).
#[derive(Default)]
struct TagsOut {
    /// Tag: the item's id, the event that handed it out, its kiosk.
    out: BTreeMap<String, (String, String, String)>,
}

impl TagsOut {
    /// Whether `e` stands (everything but a second hand-out of a tag out).
    fn admits(
        &mut self,
        e: &Event,
        badge: &str,
        conflicts: &mut BTreeMap<String, FoundConflict>,
    ) -> bool {
        match e.kind.as_str() {
            "item_issued" => {
                let (Some(tag), Some(item)) = (e.text("tag"), e.text("item")) else {
                    return true;
                };
                let tag = tag.to_uppercase();
                if let Some((held, event, kiosk)) = self.out.get(&tag)
                    && held != item
                {
                    let id = conflict_id("double_item", &[event]);
                    conflicts.insert(
                        id.clone(),
                        FoundConflict {
                            id,
                            kind: "double_item",
                            badge: Some(badge.to_string()),
                            kiosks: sorted(&[kiosk, &e.kiosk]),
                            at: e.at,
                            standing: event.clone(),
                            others: vec![e.id.clone()],
                        },
                    );
                    return false;
                }
                self.out
                    .insert(tag, (item.to_string(), e.id.clone(), e.kiosk.clone()));
                true
            }
            "item_returned" => {
                if let Some(item) = e.text("item") {
                    self.out.retain(|_, (held, ..)| held != item);
                }
                true
            }
            _ => true,
        }
    }
}

/// The day's events the fold reads, in the order of the clock (events from
/// before kiosks had clocks first, by sequence; ties by kiosk id).
fn day_events(tx: &Transaction<'_>, day_id: i64) -> Result<Vec<Event>> {
    let kinds = serde_json::to_string(FOLDED).expect("strings serialise");
    let mut stmt = tx.prepare_cached(
        "SELECT id, kiosk_id, kind, booking_id, area_id, happened_at, payload FROM events
         WHERE day_id = ?1 AND kind IN (SELECT value FROM json_each(?2))
         ORDER BY hlc IS NOT NULL, hlc, kiosk_id, kiosk_seq, seq",
    )?;
    let rows = stmt.query_map(params![day_id, kinds], |r| {
        Ok(Event {
            id: r.get(0)?,
            kiosk: r.get(1)?,
            kind: r.get(2)?,
            booking: r.get(3)?,
            area: r.get(4)?,
            at: parse_ts(&r.get::<_, String>(5)?)?,
            payload: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Applies one event about a booking to its fold.
fn apply(
    f: &mut BookingFold,
    e: &Event,
    order: usize,
    day: &Day,
    badge: &str,
    conflicts: &mut BTreeMap<String, FoundConflict>,
) {
    match e.kind.as_str() {
        "checked_in" => f.checkins.push(CheckIn {
            event: e.id.clone(),
            kiosk: e.kiosk.clone(),
            order,
            at: e.at,
            area: e.area,
            overflow: e.payload["overflow"].as_bool().unwrap_or(false),
            undone: false,
        }),
        "released" => f.releases.push(Release {
            event: e.id.clone(),
            kiosk: e.kiosk.clone(),
            order,
            at: e.at,
            undone: false,
        }),
        "moved" => {
            if let Some(area) = e.area {
                f.moved = Some((order, area));
            }
        }
        "checkin_undone" => {
            let target = e.text("target").map(str::to_string);
            let found = match target {
                Some(t) => f.checkins.iter_mut().find(|c| c.event == t),
                None => f.standing_mut(),
            };
            if let Some(c) = found {
                c.undone = true;
            }
        }
        "release_undone" => {
            let target = e.text("target").map(str::to_string);
            let found = match target {
                Some(t) => f.releases.iter_mut().find(|r| r.event == t),
                None => f.standing_release_mut(),
            };
            if let Some(r) = found {
                r.undone = true;
            }
        }
        "time_corrected" => correct(f, e, day),
        "meal_started" => {
            let kind = e.text("meal").unwrap_or("meal").to_string();
            let group = e.text("group").unwrap_or(&e.id).to_string();
            let meals = f.meals.entry(kind.clone()).or_default();
            if let Some(open) = meals.iter().find(|m| m.ended.is_none()) {
                // The same meal started on a second kiosk: one meal stands.
                if open.kiosk != e.kiosk {
                    let id = conflict_id("double_meal", &[&open.group]);
                    let entry = conflicts.entry(id.clone()).or_insert(FoundConflict {
                        id,
                        kind: "double_meal",
                        badge: Some(badge.to_string()),
                        kiosks: sorted(&[&open.kiosk, &e.kiosk]),
                        at: open.started,
                        standing: open.event.clone(),
                        others: vec![e.id.clone()],
                    });
                    if entry.badge.as_deref() != Some(badge) {
                        // One meal of a group: the conflict is the group's.
                        entry.badge = None;
                    }
                }
                *f.set_aside.entry((kind, e.kiosk.clone())).or_default() += 1;
                return;
            }
            meals.push(Meal {
                event: e.id.clone(),
                group,
                kiosk: e.kiosk.clone(),
                started: e.at,
                ended: None,
            });
        }
        "meal_ended" => {
            let kind = e.text("meal").unwrap_or("meal").to_string();
            if let Some(ends) = e.text("ends") {
                // It names the start it ends: that meal, even one another
                // kiosk started (an end of a start set aside ends nothing).
                if let Some(m) = f
                    .meals
                    .entry(kind)
                    .or_default()
                    .iter_mut()
                    .find(|m| m.event == ends && m.ended.is_none())
                {
                    m.ended = Some(e.at);
                }
                return;
            }
            if let Some(waiting) = f
                .set_aside
                .get_mut(&(kind.clone(), e.kiosk.clone()))
                .filter(|n| **n > 0)
            {
                // The end of a meal set aside as a double.
                *waiting -= 1;
                return;
            }
            if let Some(open) = f
                .meals
                .entry(kind)
                .or_default()
                .iter_mut()
                .find(|m| m.ended.is_none() && m.started <= e.at)
            {
                open.ended = Some(e.at);
            }
        }
        "bump_added" => f.bumps.push(Bump {
            uid: e.text("bump").unwrap_or(&e.id).to_string(),
            legacy_id: e.payload["bump_id"].as_i64(),
            kind: e.text("kind").unwrap_or_default().to_string(),
            count: e.payload["count"].as_i64().unwrap_or(1),
            amount: e.payload["amount_cents"].as_i64(),
            added_by: e.text("added_by").unwrap_or_default().to_string(),
            added_at: e.at,
            removed: false,
        }),
        "bump_removed" => {
            let kind = e.text("kind").unwrap_or_default();
            let uid = e.text("bump");
            let legacy = e.payload["bump_id"].as_i64();
            let found = match uid {
                Some(uid) => f.bumps.iter_mut().find(|b| b.uid == uid),
                None => f.bumps.iter_mut().rev().find(|b| {
                    !b.removed && b.kind == kind && legacy.is_none_or(|l| b.legacy_id == Some(l))
                }),
            };
            if let Some(b) = found {
                b.removed = true;
            }
        }
        "item_issued" => f.items.push(Item {
            id: e.text("item").unwrap_or(&e.id).to_string(),
            kiosk: e.kiosk.clone(),
            kind: e.text("kind").unwrap_or("other").to_string(),
            what: e.text("what").unwrap_or_default().to_string(),
            tag: e.text("tag").map(str::to_string),
            issued_at: e.at,
            issued_by: e.text("by").unwrap_or_default().to_string(),
            returned_at: None,
        }),
        "badge_reissued" => {
            // Two kiosks approving one request both print the same issue.
            let issue = e.payload["issue"].as_i64();
            f.issue = f.issue.max(issue);
            f.voided = Some(false);
        }
        "badge_voided" => f.voided = Some(true),
        "paper_voucher_set" => f.paper = e.payload["paper"].as_bool(),
        "paperwork_verified" => f.paperwork = Some("verified"),
        "paperwork_rejected" => f.paperwork = Some("rejected"),
        "upgraded" => {
            f.upgrade = Some((
                e.payload["rate_cents"].as_i64(),
                e.text("reason").unwrap_or_default().to_string(),
            ))
        }
        "item_returned" => {
            if let Some(item) = e
                .text("item")
                .and_then(|id| f.items.iter_mut().find(|i| i.id == id))
            {
                item.returned_at.get_or_insert(e.at);
            }
        }
        _ => {}
    }
}

/// A corrected time: the in or out time of the event it names (or of the
/// one standing, for corrections made before they named one), or a meal's.
fn correct(f: &mut BookingFold, e: &Event, day: &Day) {
    let to = e
        .instant("to_at")
        .or_else(|| e.text("to").and_then(|t| day.parse_at(t).ok()));
    let Some(to) = to else { return };
    let target = e.text("target").map(str::to_string);
    match e.text("field").unwrap_or_default() {
        "in" => {
            let found = match target {
                Some(t) => f.checkins.iter_mut().find(|c| c.event == t),
                None => f.standing_mut(),
            };
            if let Some(c) = found {
                c.at = to;
            }
        }
        "out" => {
            let found = match target {
                Some(t) => f.releases.iter_mut().find(|r| r.event == t),
                None => f.standing_release_mut(),
            };
            if let Some(r) = found {
                r.at = to;
            }
        }
        field => {
            let (kind, index, end) = match field {
                "ndb_out" => ("ndb", 0, false),
                "ndb_in" => ("ndb", 0, true),
                "meal1_out" => ("meal", 0, false),
                "meal1_in" => ("meal", 0, true),
                "meal2_out" => ("meal", 1, false),
                "meal2_in" => ("meal", 1, true),
                _ => return,
            };
            let meals = f.meals.entry(kind.to_string()).or_default();
            let found = match target {
                // The meal the correction names, wherever it now sorts.
                Some(t) => meals.iter_mut().find(|m| m.event == t),
                None => {
                    let mut by_start: Vec<&mut Meal> = meals.iter_mut().collect();
                    by_start.sort_by_key(|m| m.started);
                    by_start.into_iter().nth(index)
                }
            };
            if let Some(m) = found {
                if end {
                    m.ended = Some(to);
                } else {
                    m.started = to;
                }
            }
        }
    }
}

fn sorted(kiosks: &[&str]) -> Vec<String> {
    let set: BTreeSet<&str> = kiosks.iter().copied().collect();
    set.into_iter().map(str::to_string).collect()
}

/// Writes what the fold found in place of the day's projections.
fn write(
    tx: &Transaction<'_>,
    day_id: i64,
    folds: &BTreeMap<i64, BookingFold>,
    badges: &BTreeMap<i64, String>,
    conflicts: &mut BTreeMap<String, FoundConflict>,
    resolved: &BTreeMap<String, (String, String)>,
) -> Result<()> {
    for table in ["attendance", "meals", "bumps", "items"] {
        tx.execute(
            &format!(
                "DELETE FROM {table} WHERE booking_id IN (SELECT id FROM bookings WHERE day_id = ?1)"
            ),
            [day_id],
        )?;
    }
    // An event set aside is no fold's finding: its conflict stays.
    tx.execute(
        "DELETE FROM conflicts WHERE day_id = ?1 AND kind <> 'bad_event'",
        [day_id],
    )?;
    for (booking, f) in folds {
        let badge = &badges[booking];
        if let Some(standing) = f.standing() {
            let live: Vec<&CheckIn> = f.checkins.iter().filter(|c| !c.undone).collect();
            if live.len() > 1 {
                let id = conflict_id("double_check_in", &[&standing.event]);
                conflicts.insert(
                    id.clone(),
                    FoundConflict {
                        id,
                        kind: "double_check_in",
                        badge: Some(badge.clone()),
                        kiosks: sorted(&live.iter().map(|c| c.kiosk.as_str()).collect::<Vec<_>>()),
                        at: standing.at,
                        standing: standing.event.clone(),
                        others: live
                            .iter()
                            .filter(|c| c.event != standing.event)
                            .map(|c| c.event.clone())
                            .collect(),
                    },
                );
            }
            let releases = f.live_releases();
            let release = releases.iter().min_by_key(|r| (r.at, r.order));
            if let (Some(first), true) = (release, releases.len() > 1) {
                let id = conflict_id("double_release", &[&first.event]);
                conflicts.insert(
                    id.clone(),
                    FoundConflict {
                        id,
                        kind: "double_release",
                        badge: Some(badge.clone()),
                        kiosks: sorted(
                            &releases
                                .iter()
                                .map(|r| r.kiosk.as_str())
                                .collect::<Vec<_>>(),
                        ),
                        at: first.at,
                        standing: first.event.clone(),
                        others: releases
                            .iter()
                            .filter(|r| r.event != first.event)
                            .map(|r| r.event.clone())
                            .collect(),
                    },
                );
            }
            let (area, overflow) = match f.moved {
                Some((order, area)) if order > standing.order => (Some(area), false),
                _ => (standing.area, standing.overflow),
            };
            tx.prepare_cached(
                "INSERT INTO attendance (booking_id, checked_in_at, area_id, released_at, overflow,
                                         checkin_event, release_event)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                booking,
                ts(standing.at),
                area,
                release.map(|r| ts(r.at)),
                overflow,
                standing.event,
                release.map(|r| r.event.as_str()),
            ])?;
        }
        if let Some(issue) = f.issue {
            tx.prepare_cached(
                "UPDATE bookings SET badge_issue = MAX(badge_issue, ?2) WHERE id = ?1",
            )?
            .execute(params![booking, issue])?;
        }
        if let Some(voided) = f.voided {
            tx.prepare_cached("UPDATE bookings SET badge_voided = ?2 WHERE id = ?1")?
                .execute(params![booking, voided])?;
        }
        if let Some(paper) = f.paper {
            tx.prepare_cached("UPDATE bookings SET paper_voucher = ?2 WHERE id = ?1")?
                .execute(params![booking, paper])?;
        }
        if let Some(paperwork) = f.paperwork {
            tx.prepare_cached("UPDATE bookings SET paperwork = ?2 WHERE id = ?1")?
                .execute(params![booking, paperwork])?;
        }
        if let Some((rate, reason)) = &f.upgrade {
            tx.prepare_cached(
                "UPDATE bookings SET union_status = 'union', rate_cents = ?2, upgraded = ?3
                 WHERE id = ?1",
            )?
            .execute(params![booking, rate, reason])?;
        }
        for (kind, meals) in &f.meals {
            for m in meals {
                tx.prepare_cached(
                    "INSERT INTO meals (booking_id, kind, started_at, ended_at, start_event)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    booking,
                    kind,
                    ts(m.started),
                    m.ended.map(ts),
                    m.event
                ])?;
            }
        }
        for b in &f.bumps {
            tx.prepare_cached(
                "INSERT INTO bumps (booking_id, kind, count, amount_cents, added_by, added_at, removed, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                booking,
                b.kind,
                b.count,
                b.amount,
                b.added_by,
                ts(b.added_at),
                b.removed,
                b.uid
            ])?;
        }
        for i in &f.items {
            let inserted = tx
                .prepare_cached(
                    "INSERT INTO items (id, booking_id, kind, what, tag, issued_at, issued_by, returned_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
                )?
                .execute(params![
                    i.id,
                    booking,
                    i.kind,
                    i.what,
                    i.tag,
                    ts(i.issued_at),
                    i.issued_by,
                    i.returned_at.map(ts)
                ])?;
            if inserted == 0 {
                // The tag is out on another day: it stays there.
                let id = conflict_id("double_item", &[&i.id]);
                let kiosks = vec![i.kiosk.clone()];
                conflicts.insert(
                    id.clone(),
                    FoundConflict {
                        id,
                        kind: "double_item",
                        badge: Some(badge.clone()),
                        kiosks,
                        at: i.issued_at,
                        standing: i.id.clone(),
                        others: Vec::new(),
                    },
                );
            }
        }
    }
    // A bad event resolved at another kiosk is resolved here too.
    for (id, (by, note)) in resolved {
        tx.prepare_cached(
            "UPDATE conflicts SET resolved_by = ?2, note = ?3
             WHERE id = ?1 AND kind = 'bad_event' AND resolved_by IS NULL",
        )?
        .execute(params![id, by, note])?;
    }
    for c in conflicts.values() {
        let (by, note) = match resolved.get(&c.id) {
            Some((by, note)) => (Some(by.as_str()), Some(note.as_str())),
            None => (None, None),
        };
        tx.prepare_cached(
            "INSERT INTO conflicts (id, kind, day_id, badge, kiosks, at, standing, others, resolved_by, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            c.id,
            c.kind,
            day_id,
            c.badge,
            serde_json::to_string(&c.kiosks).expect("strings serialise"),
            ts(c.at),
            c.standing,
            serde_json::to_string(&c.others).expect("strings serialise"),
            by,
            note
        ])?;
    }
    Ok(())
}
