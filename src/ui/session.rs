//! One running kiosk window: which page is up (face, PIN pad, console),
//! the timers (a card's timeout, the clock's tick, the console's lock),
//! the sound, and the face and console controllers. It imports no adapter:
//! adapters register what to redraw, and the session calls them back.

use super::console_controller::{Clock, ConsoleController};
use super::face::{Face, Tone};
use super::scan_timing::{ScanStep, ScanTiming};
use super::sound::Chime;
use super::{KioskAdapter, KioskWindow, Page};
use crate::kiosk::KioskError;
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, Timer, TimerMode};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

/// The console locks itself after this long untouched.
pub const CONSOLE_LOCK_SECONDS: u64 = 120;

type Listener = Rc<dyn Fn()>;

/// Who to call back when the face changed, the console opened, or a
/// second passed.
#[derive(Default)]
struct Listeners {
    face: Vec<Listener>,
    pin_opened: Vec<Listener>,
    console_opened: Vec<Listener>,
    tick: Vec<Listener>,
}

pub struct Session {
    window: slint::Weak<KioskWindow>,
    face: Rc<RefCell<Face>>,
    console: Rc<ConsoleController>,
    clock: Clock,
    chime: Box<dyn Chime>,
    card_timer: Timer,
    clock_timer: Timer,
    console_timer: Timer,
    listeners: RefCell<Listeners>,
    /// Set once the PA chose to quit: the window may close.
    may_close: Cell<bool>,
    /// Long work (the export) runs on a thread; off in tests, which have
    /// no event loop to report back through.
    background: Cell<bool>,
    /// The last scan's timing, from its Return until its card is drawn.
    scan_timing: Cell<Option<ScanTiming>>,
    me: RefCell<Weak<Session>>,
}

impl Session {
    pub fn new(
        window: &KioskWindow,
        face: Face,
        console: Rc<ConsoleController>,
        chime: Box<dyn Chime>,
        clock: Clock,
    ) -> Rc<Session> {
        let session = Rc::new(Session {
            window: window.as_weak(),
            face: Rc::new(RefCell::new(face)),
            console,
            clock,
            chime,
            card_timer: Timer::default(),
            clock_timer: Timer::default(),
            console_timer: Timer::default(),
            listeners: RefCell::default(),
            may_close: Cell::new(false),
            background: Cell::new(false),
            scan_timing: Cell::new(None),
            me: RefCell::new(Weak::new()),
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

    pub fn window(&self) -> Option<KioskWindow> {
        self.window.upgrade()
    }

    pub fn face(&self) -> &Rc<RefCell<Face>> {
        &self.face
    }

    pub fn console(&self) -> &Rc<ConsoleController> {
        &self.console
    }

    /// The page shown now.
    pub fn page(&self) -> Page {
        self.window()
            .map_or(Page::Face, |w| w.global::<KioskAdapter>().get_page())
    }

    /// Calls `redraw` whenever the face changed.
    pub fn on_face_changed(&self, redraw: impl Fn() + 'static) {
        self.listeners.borrow_mut().face.push(Rc::new(redraw));
    }

    /// Calls `opened` whenever the PIN pad opens.
    pub fn on_pin_opened(&self, opened: impl Fn() + 'static) {
        self.listeners.borrow_mut().pin_opened.push(Rc::new(opened));
    }

    /// Calls `opened` whenever the console opens.
    pub fn on_console_opened(&self, opened: impl Fn() + 'static) {
        self.listeners
            .borrow_mut()
            .console_opened
            .push(Rc::new(opened));
    }

    /// Calls `tick` every second.
    pub fn on_tick(&self, tick: impl Fn() + 'static) {
        self.listeners.borrow_mut().tick.push(Rc::new(tick));
    }

    fn call(&self, pick: impl Fn(&Listeners) -> &Vec<Listener>) {
        let listeners: Vec<Listener> = pick(&self.listeners.borrow()).clone();
        for listener in listeners {
            listener();
        }
    }

    fn tick(&self) {
        self.call(|l| &l.tick);
    }

    /// The face changed: it is redrawn and its timeout set again.
    pub fn face_changed(&self) {
        self.call(|l| &l.face);
        let face = self.face.borrow();
        match face.timeout() {
            Some(after) => {
                let generation = face.generation;
                let me = self.me.borrow().clone();
                self.card_timer
                    .start(TimerMode::SingleShot, after, move || {
                        if let Some(s) = me.upgrade() {
                            let changed = s.face.borrow_mut().timed_out(generation, s.now());
                            if changed {
                                s.face_changed();
                            }
                        }
                    });
            }
            None => self.card_timer.stop(),
        }
    }

    /// Runs `action` on the face, shows any error to the PA, and redraws.
    pub fn act(&self, action: impl FnOnce(&mut Face, DateTime<Utc>) -> Result<(), KioskError>) {
        let now = self.now();
        let result = action(&mut self.face.borrow_mut(), now);
        self.report(result.err());
        self.face_changed();
    }

    /// An action on the face that cannot fail; the face is redrawn.
    pub fn tap(&self, action: impl FnOnce(&mut Face, DateTime<Utc>)) {
        self.act(|face, now| {
            action(face, now);
            Ok(())
        });
    }

    /// A failed write on the face: the PA sees it on the face's warning.
    pub fn report(&self, error: Option<KioskError>) {
        if let Some(e) = error {
            eprintln!("error: {e}");
            self.face.borrow_mut().pa_warning = Some(format!("Something went wrong: {e}"));
        }
    }

    pub fn play(&self, tone: Tone) {
        self.chime.play(tone);
    }

    pub fn set_volume(&self, volume: f32) {
        self.chime.set_volume(volume);
    }

    /// Draws the window at once. On X11 the winit backend holds a change
    /// for the next tick of its frame timer (up to one refresh interval,
    /// 16.7 ms at 60 Hz): a scan's card does not wait for it.
    pub fn draw_now(&self) {
        use slint::winit_030::WinitWindowAccessor;
        if let Some(window) = self.window() {
            window.window().with_winit_window(|w| w.request_redraw());
        }
    }

    /// Marks when a scan's Return was typed (for the timing figures).
    pub fn scan_started(&self) {
        self.scan_timing.set(Some(ScanTiming::started()));
    }

    /// Marks a step of the scan being timed: the core's work done (with
    /// its commit's time), or the screen's model updated.
    pub fn scan_step(&self, step: ScanStep) {
        if let Some(mut t) = self.scan_timing.get() {
            t.mark(step);
            self.scan_timing.set(Some(t));
        }
    }

    /// The last scan's timing, once, when its frame has been drawn.
    pub fn take_scan_timing(&self) -> Option<ScanTiming> {
        self.scan_timing
            .get()
            .filter(|t| t.modeled.is_some())
            .and_then(|_| self.scan_timing.take())
    }

    /// A touch on the console: its lock clock starts again.
    pub fn touched(&self) {
        self.console_timer.restart();
    }

    fn show_page(&self, page: Page) {
        if let Some(window) = self.window() {
            window.global::<KioskAdapter>().set_page(page);
            if page == Page::Face {
                // The scanner's keys go to the face again.
                window.invoke_refocus();
            }
        }
    }

    /// The supervisor door: the PIN pad.
    pub fn open_pin(&self) {
        self.call(|l| &l.pin_opened);
        self.show_page(Page::Pin);
        self.card_timer.stop();
    }

    /// The right PIN: the console opens, and locks itself after two
    /// minutes untouched.
    pub fn open_console(&self) {
        self.call(|l| &l.console_opened);
        self.show_page(Page::Console);
        let me = self.me.borrow().clone();
        self.console_timer.start(
            TimerMode::SingleShot,
            Duration::from_secs(CONSOLE_LOCK_SECONDS),
            move || {
                if let Some(s) = me.upgrade() {
                    s.lock();
                }
            },
        );
    }

    /// Back to the extras' face (Cancel, Lock, or the console's timeout).
    pub fn lock(&self) {
        self.console_timer.stop();
        // The next PA at the console says who they are again.
        self.console().forget_approver();
        self.show_page(Page::Face);
        self.face_changed();
    }

    /// Shows the face (e.g. the signature pad opened from the console).
    pub fn show_face(&self) {
        self.show_page(Page::Face);
        self.face_changed();
    }

    /// English to Spanish and back, on every screen.
    pub fn toggle_language(&self) {
        let spanish = {
            let mut face = self.face.borrow_mut();
            face.spanish = !face.spanish;
            face.spanish
        };
        let _ = slint::select_bundled_translation(if spanish { "es" } else { "en" });
        self.face_changed();
    }

    pub fn may_close(&self) -> bool {
        self.may_close.get()
    }

    /// The PA chose to quit: the window closes.
    pub fn quit(&self) {
        self.may_close.set(true);
        if let Some(w) = self.window() {
            let _ = w.hide();
        }
        let _ = slint::quit_event_loop();
    }

    pub fn background(&self) -> bool {
        self.background.get()
    }

    /// Long work goes on threads (the real app, with an event loop).
    pub fn set_background(&self, on: bool) {
        self.background.set(on);
    }
}
