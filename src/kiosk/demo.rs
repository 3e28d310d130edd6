//! The demo day: a fresh database seeded from `fixtures/demo/` (today's
//! day, its areas and skin, the PIN 1234, two items out) and a few badges for the "simulate
//! a scan" panel: good ones, a replaced one, another day's, not a badge.

use super::pin::set_pin;
use super::{Kiosk, KioskError, ScanMode, public_name};
use crate::badge::Issuer;
use crate::skin::{self, ImportOptions};
use crate::store::{DayUpdate, Store, StoreError};
use chrono::{DateTime, Utc};
use std::path::Path;

const DEMO_SKIN: &[u8] = include_bytes!("../../fixtures/demo/skin.csv");
const DEMO_AREAS: &[u8] = include_bytes!("../../fixtures/demo/areas.csv");
/// The PIN of a demo database.
pub const DEMO_PIN: &str = "1234";

/// A demo extra: a button on the demo panel that "scans" a payload.
#[derive(Debug, Clone)]
pub struct DemoBadge {
    pub label: String,
    pub note: String,
    pub payload: String,
}

/// A fresh demo database `kiosk.db` in `dir`, and its demo badges.
pub fn seed_demo(dir: &Path, now: DateTime<Utc>) -> Result<(Store, Vec<DemoBadge>), KioskError> {
    let demo_error = |what: String| KioskError::Demo(what);
    let mut store = Store::open_as(&dir.join("kiosk.db"), Some("demo"), Some("Demo kiosk"))?;
    let tz = crate::model::machine_zone();
    let today = now.with_timezone(&tz).date_naive();
    let (day, _) = store.open_day(
        &DayUpdate {
            date: Some(today),
            title: Some("Harbor Lights Ep 104 (demo)".into()),
            location: Some("Stage 5".into()),
            default_call: chrono::NaiveTime::from_hms_opt(6, 30, 0),
            tz: Some(tz),
            production_title: Some("Harbor Lights".into()),
        },
        tz,
    )?;
    let areas = crate::areas_file::parse_areas(DEMO_AREAS, "areas.csv").map_err(|problems| {
        demo_error(format!(
            "the demo areas do not read: {}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    for area in areas {
        store.add_area(&day, &area)?;
    }
    let skin_path = dir.join("skin.csv");
    std::fs::write(&skin_path, DEMO_SKIN)
        .map_err(|e| demo_error(format!("{}: {e}", skin_path.display())))?;
    skin::import(&mut store, &day, &skin_path, ImportOptions::default())
        .map_err(|e| demo_error(format!("the demo skin does not import: {e}")))?;
    set_pin(&mut store, DEMO_PIN, now)?;

    let production = store.production()?.ok_or(StoreError::NoCurrentDay)?;
    let issuer = Issuer {
        production: &production.code,
        secret: &production.secret,
        today,
    };
    let bookings = store.bookings(&day)?;
    let mut demo: Vec<DemoBadge> = bookings
        .iter()
        .take(3)
        .map(|b| DemoBadge {
            label: public_name(b),
            note: b.badge_no.clone(),
            payload: issuer.payload(&b.badge_no, b.badge_issue),
        })
        .collect();
    // Start paperwork pending and a police jacket out (below): the amber
    // band at check-in, "Please return" at check-out.
    demo.push(DemoBadge {
        label: public_name(&bookings[5]),
        note: bookings[5].badge_no.clone(),
        payload: issuer.payload(&bookings[5].badge_no, bookings[5].badge_issue),
    });
    let replaced = &bookings[3];
    Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn).reissue_badge(
        &replaced.badge_no,
        "demo: lost badge",
        now,
    )?;
    demo.push(DemoBadge {
        label: "Replaced badge".into(),
        note: replaced.badge_no.clone(),
        payload: issuer.payload(&replaced.badge_no, replaced.badge_issue),
    });
    // Wardrobe and props out, so the wrap tab and check-out show them.
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    for (booking, kind, what, tag) in [
        (
            &bookings[5],
            super::ItemKind::Wardrobe,
            "Police jacket",
            "W-12",
        ),
        (
            &bookings[7],
            super::ItemKind::Prop,
            "Rifle (rubber)",
            "P-017",
        ),
    ] {
        kiosk.issue_item(booking, kind, what, Some(tag), "demo", now)?;
    }
    let other_day = Issuer {
        today: today - chrono::Duration::days(3),
        ..issuer
    };
    demo.push(DemoBadge {
        label: "Another day's badge".into(),
        note: bookings[4].badge_no.clone(),
        payload: other_day.payload(&bookings[4].badge_no, 1),
    });
    demo.push(DemoBadge {
        label: "Not a badge".into(),
        note: "a shop's QR code".into(),
        payload: "https://example.com/coupon".into(),
    });
    Ok((store, demo))
}
