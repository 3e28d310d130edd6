//! One running kiosk window: the face, the PIN pad and the console, their
//! timers (card timeout, clock, console lock), and the sound. Every action
//! goes to the face (and so to the kiosk core), then the screen is redrawn.

use super::face::{Face, Tone};
use super::sound::Chime;
use super::{ConsoleAdapter, KioskAdapter, KioskWindow, Page, PinAdapter, face_adapter};
use crate::kiosk::KioskError;
use crate::kiosk::pin::{PinCheck, check_pin};
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, Timer, TimerMode};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// How often the open dashboard is read again, in seconds.
const DASHBOARD_SECONDS: i64 = 5;

/// The console locks itself after this long untouched.
pub const CONSOLE_LOCK_SECONDS: u64 = 120;

/// A demo extra: a button on the demo panel that "scans" a payload.
#[derive(Debug, Clone)]
pub struct DemoBadge {
    pub label: String,
    pub note: String,
    pub payload: String,
}

pub struct Session {
    pub face: RefCell<Face>,
    pub console: RefCell<super::console::Console>,
    pub demo: Vec<DemoBadge>,
    /// The signature pad's size in logical pixels, as last reported.
    pub pad_size: Cell<(f32, f32)>,
    /// Set once the PA chose to quit: the window may close.
    pub may_close: Cell<bool>,
    /// Long work (the export) runs on a thread; off in tests, which have
    /// no event loop to report back through.
    pub background: Cell<bool>,
    /// Set while an export runs on its thread: one at a time.
    pub exporting: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub(super) window: slint::Weak<KioskWindow>,
    chime: Box<dyn Chime>,
    clock: Box<dyn Fn() -> DateTime<Utc>>,
    pin: RefCell<String>,
    card_timer: Timer,
    clock_timer: Timer,
    console_timer: Timer,
    /// The last error to show the PA (a failed write), if any.
    pub last_error: RefCell<Option<String>>,
    /// When the Return of the last scan was typed, until its card is drawn.
    pub scan_started: Cell<Option<std::time::Instant>>,
    /// This session, for the closures of its timers.
    me: RefCell<std::rc::Weak<Session>>,
}

impl Session {
    pub fn new(
        face: Face,
        demo: Vec<DemoBadge>,
        window: &KioskWindow,
        chime: Box<dyn Chime>,
        clock: Box<dyn Fn() -> DateTime<Utc>>,
    ) -> Rc<Session> {
        let session = Rc::new(Session {
            face: RefCell::new(face),
            console: RefCell::new(super::console::Console::default()),
            demo,
            pad_size: Cell::new((1000.0, 400.0)),
            may_close: Cell::new(false),
            background: Cell::new(false),
            exporting: Default::default(),
            window: window.as_weak(),
            chime,
            clock,
            pin: RefCell::new(String::new()),
            card_timer: Timer::default(),
            clock_timer: Timer::default(),
            console_timer: Timer::default(),
            last_error: RefCell::new(None),
            scan_started: Cell::new(None),
            me: RefCell::new(std::rc::Weak::new()),
        });
        *session.me.borrow_mut() = Rc::downgrade(&session);
        let weak = Rc::downgrade(&session);
        session
            .clock_timer
            .start(TimerMode::Repeated, Duration::from_secs(1), move || {
                if let Some(s) = weak.upgrade() {
                    s.tick();
                }
            });
        session
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Redraws every screen from the state, and sets the card timeout.
    pub fn refresh(&self) {
        let Some(window) = self.window.upgrade() else {
            return;
        };
        face_adapter::show(&window, self);
        self.tick();
        let face = self.face.borrow();
        match face.timeout() {
            Some(after) => {
                let generation = face.generation;
                let me = self.me.borrow().clone();
                self.card_timer
                    .start(TimerMode::SingleShot, after, move || {
                        if let Some(s) = me.upgrade() {
                            s.timed_out(generation);
                        }
                    });
            }
            None => self.card_timer.stop(),
        }
    }

    /// The clock on the idle screen and the console.
    fn tick(&self) {
        let Some(window) = self.window.upgrade() else {
            return;
        };
        let now = self.now();
        let face = self.face.borrow();
        let local = match &face.day {
            Some(day) => now.with_timezone(&day.tz).format("%H:%M").to_string(),
            None => now.format("%H:%M UTC").to_string(),
        };
        window
            .global::<super::FaceAdapter>()
            .set_clock_text(local.into());
        let system = match &face.day {
            Some(day) => now
                .with_timezone(&day.tz)
                .format("%a %-d %b %Y %H:%M:%S %Z")
                .to_string(),
            None => now.format("%a %-d %b %Y %H:%M:%S UTC").to_string(),
        };
        window
            .global::<ConsoleAdapter>()
            .set_system_time(system.into());
        drop(face);
        // The dashboard's meal clocks move on while the console is open.
        let console = window.global::<ConsoleAdapter>();
        if window.global::<KioskAdapter>().get_page() == Page::Console
            && console.get_tab() == 0
            && now.timestamp() % DASHBOARD_SECONDS == 0
        {
            super::console_adapter::show(&window, self);
        }
    }

    /// A timer set at `generation` ran out.
    pub fn timed_out(&self, generation: u64) {
        let now = self.now();
        let changed = self.face.borrow_mut().timed_out(generation, now);
        if changed {
            self.refresh();
        }
    }

    /// Runs `action` on the face, shows any error to the PA, and redraws.
    pub fn act(&self, action: impl FnOnce(&mut Face, DateTime<Utc>) -> Result<(), KioskError>) {
        let now = self.now();
        let result = action(&mut self.face.borrow_mut(), now);
        self.report(result.err());
        self.refresh();
    }

    fn report(&self, error: Option<KioskError>) {
        if let Some(e) = error {
            eprintln!("error: {e}");
            let text = format!("Something went wrong: {e}");
            *self.last_error.borrow_mut() = Some(text.clone());
            self.face.borrow_mut().pa_warning = Some(text);
        }
    }

    /// A key typed anywhere. On the extras' screens every key is the
    /// scanner's; elsewhere keys go to the focused field.
    pub fn key(&self, text: &str) -> bool {
        let Some(window) = self.window.upgrade() else {
            return false;
        };
        if window.global::<KioskAdapter>().get_page() != Page::Face {
            return false;
        }
        let now = self.now();
        if text.contains(['\n', '\r']) {
            self.scan_started.set(Some(std::time::Instant::now()));
        }
        let result = self.face.borrow_mut().key(text, now);
        match result {
            Ok(Some(tone)) => {
                self.chime.play(tone);
                self.refresh();
            }
            Ok(None) => {}
            Err(e) => {
                self.report(Some(e));
                self.refresh();
            }
        }
        true
    }

    /// A scan from the demo panel: the same path as the scanner's.
    pub fn scan(&self, payload: &str) {
        let now = self.now();
        let result = self.face.borrow_mut().scan(payload, now);
        match result {
            Ok(tone) => self.chime.play(tone),
            Err(e) => self.report(Some(e)),
        }
        self.refresh();
    }

    pub fn toggle_language(&self) {
        let spanish = {
            let mut face = self.face.borrow_mut();
            face.spanish = !face.spanish;
            face.spanish
        };
        let _ = slint::select_bundled_translation(if spanish { "es" } else { "en" });
        self.refresh();
    }

    /// A touch on a screen that times out: its clock starts again.
    pub fn touched(&self) {
        self.refresh();
        self.console_timer.restart();
    }

    /// A finger on the signature pad, in pad pixels.
    pub fn stroke(&self, x: f32, y: f32, w: f32, h: f32, start: bool) {
        if w > 0.0 && h > 0.0 {
            self.pad_size.set((w, h));
            self.face.borrow_mut().stroke(x / w, y / h, start);
            // Only the ink changes: the rest of the screen stays as drawn.
            if let Some(window) = self.window.upgrade() {
                face_adapter::show_signature(&window, self);
            }
        }
    }

    /// The supervisor door: the PIN pad.
    pub fn open_pin(&self) {
        self.pin.borrow_mut().clear();
        if let Some(window) = self.window.upgrade() {
            let a = window.global::<PinAdapter>();
            a.set_entered(0);
            a.set_dots("".into());
            a.set_message("".into());
            a.set_locked(false);
            window.global::<KioskAdapter>().set_page(Page::Pin);
        }
        self.card_timer.stop();
    }

    pub fn pin_digit(&self, digit: &str) {
        let n = {
            let mut pin = self.pin.borrow_mut();
            if pin.len() < 8 {
                pin.push_str(digit);
            }
            pin.len()
        };
        self.show_pin(n);
    }

    pub fn pin_erase(&self) {
        let n = {
            let mut pin = self.pin.borrow_mut();
            pin.pop();
            pin.len()
        };
        self.show_pin(n);
    }

    fn show_pin(&self, n: usize) {
        if let Some(window) = self.window.upgrade() {
            let a = window.global::<PinAdapter>();
            a.set_entered(n as i32);
            a.set_dots("●".repeat(n).into());
        }
    }

    /// OK on the PIN pad: the console opens on the right PIN.
    pub fn pin_submit(&self) {
        let pin = std::mem::take(&mut *self.pin.borrow_mut());
        let now = self.now();
        let check = check_pin(&mut self.face.borrow_mut().store, &pin, now);
        let Some(window) = self.window.upgrade() else {
            return;
        };
        let a = window.global::<PinAdapter>();
        self.show_pin(0);
        match check {
            Ok(PinCheck::Accepted) => {
                a.set_message("".into());
                super::console_adapter::fill_settings(&window, self);
                self.reload_console();
                window.global::<KioskAdapter>().set_page(Page::Console);
                self.console_timer.start(
                    TimerMode::SingleShot,
                    Duration::from_secs(CONSOLE_LOCK_SECONDS),
                    {
                        let me = self.me.borrow().clone();
                        move || {
                            if let Some(s) = me.upgrade() {
                                s.lock();
                            }
                        }
                    },
                );
            }
            Ok(PinCheck::Wrong { left }) => {
                a.set_locked(false);
                a.set_message(
                    format!(
                        "Wrong PIN. {left} {} left before a 60-second lock.",
                        if left == 1 { "try" } else { "tries" }
                    )
                    .into(),
                );
            }
            Ok(PinCheck::Locked { until }) => {
                let seconds = (until - now).num_seconds().max(1);
                a.set_locked(true);
                a.set_message(format!("Too many wrong PINs: locked for {seconds} s.").into());
                let window = self.window.clone();
                Timer::single_shot(Duration::from_secs(seconds as u64), move || {
                    if let Some(w) = window.upgrade() {
                        let a = w.global::<PinAdapter>();
                        a.set_locked(false);
                        a.set_message("".into());
                    }
                });
            }
            Ok(PinCheck::NotSet) => {
                a.set_message("No PIN is set. Set one at a terminal: extras-kiosk pin set".into());
            }
            Err(e) => a.set_message(e.to_string().into()),
        }
    }

    /// Back to the extras' face (Cancel, Lock, or the console's timeout).
    pub fn lock(&self) {
        self.pin.borrow_mut().clear();
        self.console_timer.stop();
        if let Some(window) = self.window.upgrade() {
            window.global::<KioskAdapter>().set_page(Page::Face);
            window.invoke_refocus();
        }
        self.refresh();
    }

    /// Plays a tone (the console's "test sound").
    pub fn play(&self, tone: Tone) {
        self.chime.play(tone);
    }

    pub fn set_volume(&self, volume: f32) {
        self.chime.set_volume(volume);
    }
}
