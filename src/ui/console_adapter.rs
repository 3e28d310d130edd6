//! The supervisor console's adapter: puts the console's state on screen
//! and connects its callbacks (and the PIN pad's) to the session.

use super::session::Session;
use super::{ConsoleAdapter, KioskWindow, PinAdapter};
use crate::kiosk::ScanMode;
use slint::ComponentHandle;
use std::rc::Rc;

/// Shows the console as it is now.
pub fn show(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    let a = window.global::<ConsoleAdapter>();
    a.set_title(
        face.day
            .as_ref()
            .map(|d| format!("{} · {}", d.title, d.date))
            .unwrap_or_else(|| "no day".into())
            .into(),
    );
    a.set_checkout(face.mode == ScanMode::CheckOut);
    a.set_fullscreen(window.window().is_fullscreen());
}

/// Connects the PIN pad's and the console's callbacks.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let pin = window.global::<PinAdapter>();
    let s = session.clone();
    pin.on_digit(move |d| s.pin_digit(&d));
    let s = session.clone();
    pin.on_erase(move || s.pin_erase());
    let s = session.clone();
    pin.on_submit(move || s.pin_submit());
    let s = session.clone();
    pin.on_cancel(move || s.lock());

    let a = window.global::<ConsoleAdapter>();
    let s = session.clone();
    a.on_set_checkout(move |checkout| {
        s.face.borrow_mut().mode = if checkout {
            ScanMode::CheckOut
        } else {
            ScanMode::CheckIn
        };
        s.touched();
        if let Some(w) = s.window.upgrade() {
            show(&w, &s);
        }
    });
    let s = session.clone();
    a.on_toggle_fullscreen(move || {
        if let Some(w) = s.window.upgrade() {
            let full = w.window().is_fullscreen();
            w.window().set_fullscreen(!full);
            show(&w, &s);
        }
        s.touched();
    });
    let s = session.clone();
    a.on_lock(move || s.lock());
    let s = session.clone();
    a.on_quit(move || {
        s.may_close.set(true);
        if let Some(w) = s.window.upgrade() {
            let _ = w.hide();
        }
        let _ = slint::quit_event_loop();
    });
    let s = session.clone();
    a.on_touched(move || s.touched());
}
