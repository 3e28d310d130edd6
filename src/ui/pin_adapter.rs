//! The PIN pad behind the supervisor door: digits typed (shown as dots),
//! checked by the kiosk station (argon2; five wrong lock it a minute), and
//! the console opened on the right one.

use super::session::Session;
use super::{KioskWindow, PinAdapter};
use crate::kiosk::pin::PinCheck;
use slint::{ComponentHandle, Timer};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The longest PIN.
const MAX_DIGITS: usize = 8;

fn show_dots(window: &KioskWindow, n: usize) {
    let a = window.global::<PinAdapter>();
    a.set_entered(n as i32);
    a.set_dots("●".repeat(n).into());
}

/// What the pad says after a PIN was checked.
fn map_check(
    check: &Result<PinCheck, crate::kiosk::KioskError>,
    now: chrono::DateTime<chrono::Utc>,
) -> (String, Option<i64>) {
    match check {
        Ok(PinCheck::Accepted) => (String::new(), None),
        Ok(PinCheck::Wrong { left }) => (
            format!(
                "Wrong PIN. {left} {} left before a 60-second lock.",
                if *left == 1 { "try" } else { "tries" }
            ),
            None,
        ),
        Ok(PinCheck::Locked { until }) => {
            let seconds = (*until - now).num_seconds().max(1);
            (
                format!("Too many wrong PINs: locked for {seconds} s."),
                Some(seconds),
            )
        }
        Ok(PinCheck::NotSet) => (
            "No PIN is set. Set one at a terminal: extras-kiosk pin set".into(),
            None,
        ),
        Err(e) => (e.to_string(), None),
    }
}

/// Connects the PIN pad's keys.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let pin = Rc::new(RefCell::new(String::new()));
    let a = window.global::<PinAdapter>();
    let (w, p) = (window.as_weak(), pin.clone());
    session.on_pin_opened(move || {
        p.borrow_mut().clear();
        if let Some(w) = w.upgrade() {
            show_dots(&w, 0);
            let a = w.global::<PinAdapter>();
            a.set_message("".into());
            a.set_locked(false);
        }
    });
    let (w, p) = (window.as_weak(), pin.clone());
    a.on_digit(move |d| {
        let n = {
            let mut pin = p.borrow_mut();
            if pin.len() < MAX_DIGITS {
                pin.push_str(&d);
            }
            pin.len()
        };
        if let Some(w) = w.upgrade() {
            show_dots(&w, n);
        }
    });
    let (w, p) = (window.as_weak(), pin.clone());
    a.on_erase(move || {
        let n = {
            let mut pin = p.borrow_mut();
            pin.pop();
            pin.len()
        };
        if let Some(w) = w.upgrade() {
            show_dots(&w, n);
        }
    });
    let (w, p, s) = (window.as_weak(), pin, session.clone());
    a.on_submit(move || {
        let typed = std::mem::take(&mut *p.borrow_mut());
        let now = s.now();
        let check = s
            .face()
            .borrow()
            .station
            .borrow_mut()
            .check_pin(&typed, now);
        let Some(w) = w.upgrade() else { return };
        show_dots(&w, 0);
        let (message, locked_for) = map_check(&check, now);
        let a = w.global::<PinAdapter>();
        a.set_message(message.into());
        a.set_locked(locked_for.is_some());
        if let Some(seconds) = locked_for {
            let pad = w.as_weak();
            Timer::single_shot(Duration::from_secs(seconds as u64), move || {
                if let Some(w) = pad.upgrade() {
                    let a = w.global::<PinAdapter>();
                    a.set_locked(false);
                    a.set_message("".into());
                }
            });
        }
        if matches!(check, Ok(PinCheck::Accepted)) {
            s.open_console();
        }
    });
    let s = session.clone();
    a.on_cancel(move || s.lock());
}
