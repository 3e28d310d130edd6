//! Helpers for the UI tests: Slint's testing backend with the software
//! renderer (no display), a kiosk window on a demo database, keys typed as
//! a USB scanner types them, and the texts on screen.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use extras_kiosk::badge::Issuer;
use extras_kiosk::kiosk::{DemoBadge, ScanMode, Station, seed_demo};
use extras_kiosk::ui::sound::Silent;
use extras_kiosk::ui::{KioskWindow, Session, open_window};
use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementRoot};
use slint::ComponentHandle;
use slint::platform::{Key, WindowEvent};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Installs the testing backend on this thread (each test has its own).
pub fn init() {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    DONE.with(|done| {
        if !done.get() {
            slint::platform::set_platform(Box::new(i_slint_backend_testing::TestingBackend::new(
                i_slint_backend_testing::TestingBackendOptions {
                    mock_time: true,
                    threading: false,
                    renderer_name: Some("software".into()),
                },
            )))
            .expect("the testing backend is this thread's platform");
            done.set(true);
        }
    });
}

/// A kiosk window on a fresh demo database.
pub struct Kiosk {
    pub dir: tempfile::TempDir,
    pub window: KioskWindow,
    pub session: Rc<Session>,
    pub demo: Vec<DemoBadge>,
    /// Valid badge payloads of the first bookings, with their badge numbers.
    pub badges: Vec<(String, String)>,
}

pub fn kiosk(mode: ScanMode, width: u32, height: u32) -> Kiosk {
    kiosk_with_clock(mode, width, height, Rc::new(Cell::new(Utc::now())))
}

/// A kiosk whose clock is `clock`: tests move it to drive meal clocks and
/// the PIN lockout.
pub fn kiosk_with_clock(
    mode: ScanMode,
    width: u32,
    height: u32,
    clock: Rc<Cell<DateTime<Utc>>>,
) -> Kiosk {
    init();
    let dir = tempfile::tempdir().unwrap();
    let (store, demo) = seed_demo(dir.path(), Utc::now()).unwrap();
    let day = store.current_day().unwrap();
    let production = store.production().unwrap().unwrap();
    let issuer = Issuer {
        production: &production.code,
        secret: &production.secret,
        today: day.date,
    };
    let badges = store
        .bookings(&day)
        .unwrap()
        .iter()
        .filter(|b| b.badge_no != "B-0004")
        .take(20)
        .map(|b| {
            (
                b.badge_no.clone(),
                issuer.payload(&b.badge_no, b.badge_issue),
            )
        })
        .collect();
    let (window, session) = open_window(
        Station::open(store, Some(mode)).unwrap(),
        demo.clone(),
        Box::new(Silent),
        Box::new(move || clock.get()),
    )
    .unwrap();
    window
        .window()
        .set_size(slint::PhysicalSize::new(width, height));
    settle();
    Kiosk {
        dir,
        window,
        session,
        demo,
        badges,
    }
}

/// Lets timers, bindings and `if` screens catch up.
pub fn settle() {
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(50));
}

/// Types `text` and Return, one key event per character, as a scanner does.
pub fn scan(window: &KioskWindow, text: &str) {
    for c in text.chars() {
        let text: slint::SharedString = c.into();
        window
            .window()
            .dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
        window
            .window()
            .dispatch_event(WindowEvent::KeyReleased { text });
    }
    window.window().dispatch_event(WindowEvent::KeyPressed {
        text: Key::Return.into(),
    });
    window.window().dispatch_event(WindowEvent::KeyReleased {
        text: Key::Return.into(),
    });
    settle();
}

/// Every text on screen.
pub fn texts(window: &KioskWindow) -> Vec<String> {
    window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::Text)
        .find_all()
        .iter()
        .filter_map(|e| e.accessible_label().map(|l| l.to_string()))
        .collect()
}

/// The labels of the buttons on screen.
pub fn buttons(window: &KioskWindow) -> Vec<String> {
    window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::Button)
        .find_all()
        .iter()
        .filter_map(|e| e.accessible_label().map(|l| l.to_string()))
        .collect()
}

pub fn shows(window: &KioskWindow, wanted: &str) -> bool {
    texts(window).iter().any(|t| t.contains(wanted))
}

/// Touches the button labelled `label`.
pub fn press(window: &KioskWindow, label: &str) {
    let wanted = label.to_string();
    let button = window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::Button)
        .match_predicate(move |e| e.accessible_label().as_deref() == Some(wanted.as_str()))
        .find_first()
        .unwrap_or_else(|| panic!("no button '{label}' on screen: {:?}", texts(window)));
    button.invoke_accessible_default_action();
    settle();
}

/// The element with this id (`Component::id`).
pub fn element(window: &KioskWindow, id: &str) -> ElementHandle {
    ElementHandle::find_by_element_id(window, id)
        .next()
        .unwrap_or_else(|| panic!("no element {id}"))
}

/// Saves what the window shows as a PNG.
pub fn snapshot(window: &KioskWindow, path: &std::path::Path) {
    settle();
    let buffer = window.window().take_snapshot().unwrap();
    image::RgbaImage::from_raw(buffer.width(), buffer.height(), buffer.as_bytes().to_vec())
        .unwrap()
        .save(path)
        .unwrap();
}

/// A count from the database file, read beside the kiosk's own connection.
/// The texts of the QR codes on screen, read from a snapshot of the window.
pub fn qr_codes(window: &KioskWindow) -> Vec<String> {
    let shot = window.window().take_snapshot().unwrap();
    let image =
        image::RgbaImage::from_raw(shot.width(), shot.height(), shot.as_bytes().to_vec()).unwrap();
    let mut grid = rqrr::PreparedImage::prepare(image::DynamicImage::ImageRgba8(image).to_luma8());
    grid.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

pub fn count(k: &Kiosk, sql: &str) -> i64 {
    rusqlite::Connection::open(k.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The holding area with the most people checked in.
pub fn busiest_area(k: &Kiosk) -> String {
    rusqlite::Connection::open(k.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(
            "SELECT h.name FROM attendance a JOIN holding_areas h ON h.id = a.area_id
             GROUP BY h.id ORDER BY COUNT(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Closes whatever card or screen is up, as a touch on it does.
pub fn close(k: &Kiosk) {
    k.session.act(|face, now| {
        face.close(now);
        Ok(())
    });
    settle();
}

/// Opens the console with the demo PIN, through the PIN pad's buttons.
pub fn open_console(k: &Kiosk) {
    press(&k.window, "supervisor");
    for d in extras_kiosk::kiosk::DEMO_PIN.chars() {
        press(&k.window, &d.to_string());
    }
    press(&k.window, "OK");
}

/// Touches the console tab labelled `label`.
pub fn tab(window: &KioskWindow, label: &str) {
    let wanted = label.to_string();
    window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::Tab)
        .match_predicate(move |e| e.accessible_label().as_deref() == Some(wanted.as_str()))
        .find_first()
        .unwrap_or_else(|| panic!("no tab {label}"))
        .invoke_accessible_default_action();
    settle();
}

/// The text field whose placeholder is `placeholder`.
pub fn field(window: &KioskWindow, placeholder: &str) -> ElementHandle {
    let wanted = placeholder.to_string();
    window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::TextInput)
        .match_predicate(move |e| {
            e.accessible_placeholder_text().as_deref() == Some(wanted.as_str())
        })
        .find_first()
        .unwrap_or_else(|| panic!("no field '{placeholder}' on screen"))
}

/// Types `text` into the field whose placeholder is `placeholder`, as an
/// accessibility client (a screen reader) sets a value.
pub fn type_into(window: &KioskWindow, placeholder: &str, text: &str) {
    field(window, placeholder).set_accessible_value(text);
    settle();
}

/// Touches the field whose placeholder is `placeholder` (it takes the
/// focus, and the console's keyboard opens).
pub fn focus_field(window: &KioskWindow, placeholder: &str) {
    field(window, placeholder).mock_single_click(slint::platform::PointerEventButton::Left);
    settle();
}

/// Steps the picker named `name` forward `steps` times, as ▶ does.
pub fn step_picker(window: &KioskWindow, name: &str, steps: usize) {
    let wanted = name.to_string();
    let picker = window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::Combobox)
        .match_predicate(move |e| e.accessible_label().as_deref() == Some(wanted.as_str()))
        .find_first()
        .unwrap_or_else(|| panic!("no picker '{name}' on screen"));
    for _ in 0..steps {
        picker.invoke_accessible_increment_action();
    }
    settle();
}

/// Touches the `index`th row of a list (the roster, the areas).
pub fn pick(window: &KioskWindow, label_starts: &str) {
    let wanted = label_starts.to_string();
    window
        .root_element()
        .query_descendants()
        .match_accessible_role(AccessibleRole::ListItem)
        .match_predicate(move |e| {
            e.accessible_label()
                .is_some_and(|l| l.starts_with(wanted.as_str()))
        })
        .find_first()
        .unwrap_or_else(|| panic!("no row {label_starts}: {:?}", texts(window)))
        .invoke_accessible_default_action();
    settle();
}
