//! Opening the kiosk window: on a database (or on a demo database seeded
//! from `fixtures/demo/`), fullscreen or windowed, with sound, and with the
//! clock checked before anyone scans.

use super::face::Face;
use super::session::{DemoBadge, Session};
use super::sound::{Chime, Speaker};
use super::{DemoExtra, FaceAdapter, KioskAdapter, KioskWindow, console_adapter, face_adapter};
use crate::badge::Issuer;
use crate::kiosk::ScanMode;
use crate::kiosk::pin::set_pin;
use crate::skin::{self, ImportOptions};
use crate::store::{DayUpdate, Store};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::path::Path;
use std::rc::Rc;
use std::time::Instant;

const DEMO_SKIN: &[u8] = include_bytes!("../../fixtures/demo/skin.csv");
const DEMO_AREAS: &[u8] = include_bytes!("../../fixtures/demo/areas.csv");
/// The PIN of a demo database.
pub const DEMO_PIN: &str = "1234";

/// Builds the kiosk window on `store`, without running it: `run` shows it,
/// and the UI tests drive it with the testing backend.
pub fn open_window(
    store: Store,
    mode: ScanMode,
    demo: Vec<DemoBadge>,
    chime: Box<dyn Chime>,
    clock: Box<dyn Fn() -> DateTime<Utc>>,
) -> Result<(KioskWindow, Rc<Session>), slint::PlatformError> {
    let window = KioskWindow::new()?;
    let mut face = Face::new(store, mode);
    face.check_clock(clock());
    let extras: Vec<DemoExtra> = demo
        .iter()
        .map(|d| DemoExtra {
            name: d.label.as_str().into(),
            note: d.note.as_str().into(),
        })
        .collect();
    window
        .global::<FaceAdapter>()
        .set_demo_extras(ModelRc::new(VecModel::from(extras)));
    let session = Session::new(face, demo, &window, chime, clock);
    face_adapter::connect(&window, &session);
    console_adapter::connect(&window, &session);
    let s = session.clone();
    window
        .global::<KioskAdapter>()
        .on_key_typed(move |text| s.key(&text));
    let s = Rc::downgrade(&session);
    window
        .window()
        .on_close_requested(move || match s.upgrade() {
            // Closing the window, like leaving fullscreen, needs the PIN.
            Some(s) if !s.may_close.get() => {
                s.open_pin();
                slint::CloseRequestResponse::KeepWindowShown
            }
            _ => slint::CloseRequestResponse::HideWindow,
        });
    let _ = slint::select_bundled_translation("en");
    session.refresh();
    Ok((window, session))
}

/// Runs the kiosk until the PA quits it. `started` is when the process
/// started, for the first-frame figure printed with EXTRAS_KIOSK_TIMING=1.
pub fn run(
    store: Store,
    mode: ScanMode,
    windowed: bool,
    demo: Vec<DemoBadge>,
    started: Instant,
) -> Result<()> {
    let volume = store
        .setting("volume")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<f32>().ok())
        .unwrap_or(0.8);
    let (window, session) = open_window(
        store,
        mode,
        demo,
        Box::new(Speaker::start(volume)),
        Box::new(Utc::now),
    )
    .context("the kiosk window could not open (is there a display?)")?;
    session.background.set(true);
    if std::env::var_os("EXTRAS_KIOSK_TIMING").is_some() {
        let first = std::cell::Cell::new(true);
        let s = Rc::downgrade(&session);
        window
            .window()
            .set_rendering_notifier(move |state, _| {
                if !matches!(state, slint::RenderingState::AfterRendering) {
                    return;
                }
                if first.replace(false) {
                    eprintln!(
                        "timing: first frame {} ms after start",
                        started.elapsed().as_millis()
                    );
                }
                if let Some(s) = s.upgrade()
                    && let Some(at) = s.scan_started.take()
                {
                    eprintln!(
                        "timing: card shown {:.1} ms after Enter",
                        at.elapsed().as_secs_f64() * 1000.0
                    );
                }
            })
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    window.window().set_fullscreen(!windowed);
    window.run().context("the kiosk window stopped")?;
    Ok(())
}

/// A fresh demo database in `dir`: today's day from the demo skin and
/// areas, the PIN 1234, and a few demo badges (good, replaced, another
/// day's, not a badge) for the "simulate a scan" panel.
pub fn seed_demo(dir: &Path, now: DateTime<Utc>) -> Result<(Store, Vec<DemoBadge>)> {
    let mut store = Store::open(&dir.join("kiosk.db"))?;
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
        anyhow::anyhow!(
            "the demo areas do not read: {}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    for area in areas {
        store.add_area(&day, &area)?;
    }
    let skin_path = dir.join("skin.csv");
    std::fs::write(&skin_path, DEMO_SKIN)?;
    skin::import(&mut store, &day, &skin_path, ImportOptions::default())?;
    set_pin(&mut store, DEMO_PIN, now)?;

    let production = store.production()?.context("the demo has a production")?;
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
            label: crate::kiosk::public_name(b),
            note: b.badge_no.clone(),
            payload: issuer.payload(&b.badge_no, b.badge_issue),
        })
        .collect();
    let replaced = &bookings[3];
    store.reissue_badge(&day, &replaced.badge_no, "demo: lost badge", now)?;
    demo.push(DemoBadge {
        label: "Replaced badge".into(),
        note: replaced.badge_no.clone(),
        payload: issuer.payload(&replaced.badge_no, replaced.badge_issue),
    });
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
