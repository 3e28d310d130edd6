//! The console's frame: its title and clock, the tabs, the notice of the
//! last action, the Lock button, and the on-screen keyboard's keys sent to
//! the focused field. Each tab has an adapter of its own.

use super::console_controller::Changed;
use super::console_forms::Outcome;
use super::session::Session;
use super::{ConsoleAdapter, ConsoleTab, KioskWindow, OnScreenKeyboard};
use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, SharedString};
use std::rc::Rc;

/// How often the open dashboard is read again, in seconds.
const DASHBOARD_SECONDS: i64 = 5;

/// Shows what an action did (or why not) as the console's notice. Returns
/// whether it succeeded, so a tab can clear what was typed for it.
pub fn show_outcome(window: &KioskWindow, outcome: &Outcome) -> bool {
    let a = window.global::<ConsoleAdapter>();
    match outcome {
        Ok(notice) => {
            a.set_notice(notice.0.as_str().into());
            a.set_notice_is_error(false);
            true
        }
        Err(e) => {
            a.set_notice(e.to_string().into());
            a.set_notice_is_error(true);
            false
        }
    }
}

/// The title: the day, or what to do without one.
fn map_title(session: &Session) -> String {
    match session.console().day() {
        Some(day) => format!("{} · {}", day.title, day.date.format("%a %-d %b %Y")),
        None => "No shoot day: open one with `extras-kiosk day open`".into(),
    }
}

fn map_system_time(session: &Session) -> String {
    let now = session.now();
    match session.console().day() {
        Some(day) => now
            .with_timezone(&day.tz)
            .format("%a %-d %b %Y %H:%M:%S %Z")
            .to_string(),
        None => now.format("%a %-d %b %Y %H:%M:%S UTC").to_string(),
    }
}

/// The text of an on-screen key as the window's key event.
fn key_event_text(key: &str) -> SharedString {
    match key {
        "⌫" => Key::Backspace.into(),
        other => other.into(),
    }
}

/// Connects the console's frame.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<ConsoleAdapter>();
    let console = session.console();
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    console.on_changed(move |what| {
        if let (Some(w), Some(s), Changed::Day) = (w.upgrade(), s.upgrade(), what) {
            w.global::<ConsoleAdapter>().set_title(map_title(&s).into());
        }
    });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.on_console_opened(move || {
        if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
            let a = w.global::<ConsoleAdapter>();
            a.set_notice("".into());
            a.set_system_time(map_system_time(&s).into());
            s.console().reload();
        }
    });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.on_tick(move || {
        let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) else {
            return;
        };
        let a = w.global::<ConsoleAdapter>();
        a.set_system_time(map_system_time(&s).into());
        // The dashboard's meal clocks move on while the console is open.
        if s.page() == super::Page::Console
            && a.get_tab() == ConsoleTab::Dashboard
            && s.now().timestamp() % DASHBOARD_SECONDS == 0
        {
            s.console().reload();
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_set_tab(move |tab| {
        if let Some(w) = w.upgrade() {
            w.global::<ConsoleAdapter>().set_tab(tab);
        }
        s.console().reload();
        s.touched();
    });
    let s = session.clone();
    a.on_lock(move || s.lock());
    let s = session.clone();
    a.on_touched(move || s.touched());
    let (w, s) = (window.as_weak(), session.clone());
    window.global::<OnScreenKeyboard>().on_key(move |key| {
        if let Some(w) = w.upgrade() {
            let text = key_event_text(&key);
            w.window()
                .dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
            w.window().dispatch_event(WindowEvent::KeyReleased { text });
        }
        s.touched();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delete_key_is_a_backspace() {
        assert_eq!(key_event_text("⌫"), SharedString::from(Key::Backspace));
        assert_eq!(key_event_text("é"), SharedString::from("é"));
    }
}
