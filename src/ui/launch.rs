//! Opening the kiosk window on a station: the controllers (the face, the
//! console) and the adapters assembled and connected, the way Slint's
//! todo-mvc assembles its app; fullscreen or windowed, with sound, with the
//! clock checked before anyone scans, and following the hub (when one is
//! set) on a thread of its own.

use super::console_controller::{Changed, Clock, ConsoleController};
use super::face::Face;
use super::scan_timing::ScanStep;
use super::session::Session;
use super::sound::{Chime, Speaker};
use super::{
    KioskWindow, areas_adapter, console_adapter, dashboard_adapter, face_adapter, kiosks_adapter,
    pin_adapter, requests_adapter, roster_adapter, settings_adapter, wrap_adapter,
};
use crate::kiosk::{DemoBadge, Station};
use crate::store::Store;
use crate::store::hub::{FollowNews, HubAddress, follow};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use slint::ComponentHandle;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Builds the kiosk window on `station`, without running it: `run` shows
/// it, and the UI tests drive it with the testing backend.
pub fn open_window(
    station: Station,
    demo: Vec<DemoBadge>,
    chime: Box<dyn Chime>,
    clock: Box<dyn Fn() -> DateTime<Utc>>,
) -> Result<(KioskWindow, Rc<Session>), slint::PlatformError> {
    let window = KioskWindow::new()?;
    let clock: Clock = Rc::from(clock);
    let station = Rc::new(RefCell::new(station));
    let mut face = Face::new(station.clone());
    face.check_clock(clock());
    let spanish = face.spanish;
    let console = ConsoleController::new(station, clock.clone());
    let session = Session::new(&window, face, console, chime, clock);
    face_adapter::connect(&window, &session, demo);
    pin_adapter::connect(&window, &session);
    console_adapter::connect(&window, &session);
    dashboard_adapter::connect(&window, &session);
    roster_adapter::connect(&window, &session);
    areas_adapter::connect(&window, &session);
    requests_adapter::connect(&window, &session);
    wrap_adapter::connect(&window, &session);
    settings_adapter::connect(&window, &session);
    kiosks_adapter::connect(&window, &session);
    let s = Rc::downgrade(&session);
    window
        .window()
        .on_close_requested(move || match s.upgrade() {
            // Closing the window, like leaving fullscreen, needs the PIN.
            Some(s) if !s.may_close() => {
                s.open_pin();
                slint::CloseRequestResponse::KeepWindowShown
            }
            _ => slint::CloseRequestResponse::HideWindow,
        });
    let _ = slint::select_bundled_translation(if spanish { "es" } else { "en" });
    session.face_changed();
    Ok((window, session))
}

/// Runs the kiosk until the PA quits it. `started` is when the process
/// started, for the first-frame figure printed with EXTRAS_KIOSK_TIMING=1.
pub fn run(station: Station, windowed: bool, demo: Vec<DemoBadge>, started: Instant) -> Result<()> {
    choose_renderer()?;
    let volume = station.device().volume;
    let hub = station.hub_address()?;
    let db = station.database_path().to_path_buf();
    let (window, session) = open_window(
        station,
        demo,
        Box::new(Speaker::start(volume)),
        Box::new(Utc::now),
    )
    .context(
        "the kiosk window could not open (is there a display? where the software renderer cannot draw, try SLINT_BACKEND=winit-femtovg)",
    )?;
    session.set_background(true);
    // Kept while the window runs: it applies what the hub sends. A hub set
    // on the console is followed at once (a follower of another address
    // stops by itself).
    let following = Rc::new(RefCell::new(
        hub.map(|url| follow_hub(db.clone(), &url, &session)),
    ));
    let (f, s) = (following.clone(), Rc::downgrade(&session));
    session.console().on_changed(move |what| {
        if let (Changed::Hub, Some(s)) = (what, s.upgrade()) {
            *f.borrow_mut() = s
                .console()
                .hub_state()
                .hub
                .map(|url| follow_hub(db.clone(), &url, &s));
        }
    });
    if std::env::var_os("EXTRAS_KIOSK_TIMING").is_some() {
        print_timings(&window, &session, started);
    }
    window.window().set_fullscreen(!windowed);
    if !windowed {
        fill_the_screen_without_a_window_manager(&window);
    }
    window.run().context("the kiosk window stopped")?;
    Ok(())
}

/// Fullscreen is a request to the window manager; a kiosk box running X
/// with none (a bare `xinit`, Xvfb) keeps the window at its first size in
/// a corner. Once the window is up, if it does not cover its screen, it is
/// moved to the corner and given the screen's size.
fn fill_the_screen_without_a_window_manager(window: &KioskWindow) {
    use slint::winit_030::WinitWindowAccessor;
    use slint::winit_030::winit::dpi::PhysicalPosition;
    let weak = window.as_weak();
    slint::Timer::single_shot(std::time::Duration::from_millis(500), move || {
        let Some(window) = weak.upgrade() else { return };
        window.window().with_winit_window(|w| {
            let Some(monitor) = w.current_monitor() else {
                return;
            };
            let (screen, corner) = (monitor.size(), monitor.position());
            if w.inner_size() != screen {
                w.set_outer_position(PhysicalPosition::new(corner.x, corner.y));
                let _ = w.request_inner_size(screen);
            }
        });
    });
}

/// The renderer a kiosk draws with unless `SLINT_BACKEND` names another
/// (`winit-femtovg` draws with OpenGL). Slint's software renderer redraws
/// only what changed: under Xvfb on Mesa, Enter to card took p95 4.6 ms
/// with it against 25.9 ms with FemtoVG (100 scans, 5,000-booking day).
const RENDERER: &str = "software";

/// Picks the winit backend with [`RENDERER`], or what `SLINT_BACKEND` says.
fn choose_renderer() -> Result<()> {
    if std::env::var_os("SLINT_BACKEND").is_some() {
        return Ok(());
    }
    slint::BackendSelector::new()
        .backend_name("winit".into())
        .renderer_name(RENDERER.into())
        .select()
        .map_err(|e| anyhow::anyhow!("the kiosk window's renderer could not start: {e}"))
}

/// Prints, on standard error, when the first frame was drawn and how long
/// each scan took from its Return key to the frame that shows its card, in
/// parts. A frame is drawn when winit asks for it (`RedrawRequested`); it
/// has been presented when the event loop next runs a timer.
fn print_timings(window: &KioskWindow, session: &Rc<Session>, started: Instant) {
    use slint::winit_030::{EventResult, WinitWindowAccessor, winit::event::WindowEvent};
    let first = std::cell::Cell::new(true);
    let s = Rc::downgrade(session);
    window.window().on_winit_window_event(move |_, event| {
        if !matches!(event, WindowEvent::RedrawRequested) {
            return EventResult::Propagate;
        }
        if let Some(s) = s.upgrade() {
            s.scan_step(ScanStep::Drawing);
        }
        let first = first.replace(false);
        let s = s.clone();
        slint::Timer::single_shot(std::time::Duration::ZERO, move || {
            let drawn = Instant::now();
            if first {
                eprintln!(
                    "timing: first frame {} ms after start",
                    (drawn - started).as_millis()
                );
            }
            if let Some(timing) = s.upgrade().and_then(|s| s.take_scan_timing()) {
                eprintln!("timing: {}", timing.line(drawn));
            }
        });
        EventResult::Propagate
    });
}

/// Follows the hub at `url` for the database `db` on a thread of its own
/// (its own SQLite connection, so a scan never waits on the network); the
/// returned follower's timer, on the UI thread, reloads the console's
/// caches after each batch that came in; dropping it stops the thread.
fn follow_hub(db: PathBuf, url: &str, session: &Rc<Session>) -> Follower {
    let (news_in, news) = std::sync::mpsc::channel::<FollowNews>();
    let stop = Arc::new(AtomicBool::new(false));
    match HubAddress::parse(url) {
        Ok(address) => {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let followed = follow(&db, &address, &stop, |n| {
                    let _ = news_in.send(n);
                });
                if let Err(e) = followed {
                    // Shown on the console's Kiosks panel.
                    if let Ok(store) = Store::open(&db) {
                        let _ = store.note_hub_offline(&e.to_string(), Utc::now());
                    }
                }
            });
        }
        Err(e) => eprintln!("the hub's address {url} does not read ({e}): not syncing"),
    }
    let timer = slint::Timer::default();
    let s = Rc::downgrade(session);
    timer.start(
        slint::TimerMode::Repeated,
        std::time::Duration::from_millis(200),
        move || {
            // A batch in, or an exchange to try again (the Kiosks panel
            // says why): what the console shows is read again.
            let fresh = news
                .try_iter()
                .any(|n| matches!(n, FollowNews::Batch(_) | FollowNews::Retrying { .. }));
            if let (true, Some(s)) = (fresh, s.upgrade()) {
                s.console().reload();
            }
        },
    );
    Follower {
        _timer: timer,
        stop,
    }
}

/// A follower of the hub: its timer on the UI thread, and the flag that
/// stops its thread when it is replaced or the window closes.
struct Follower {
    _timer: slint::Timer,
    stop: Arc<AtomicBool>,
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
