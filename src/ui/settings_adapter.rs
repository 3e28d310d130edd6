//! The settings tab: fills SettingsAdapter with what is set when the
//! console opens (so typing is never overwritten) and connects the mode,
//! language, theme, full screen, backup, PIN, the hub, lock, quit and save.

use super::console_adapter::show_outcome;
use super::console_forms::{Outcome, SettingsForm};
use super::session::Session;
use super::wrap_adapter::default_folder;
use super::{KioskWindow, SettingsAdapter, Theme};
use crate::kiosk::ScanMode;
use slint::ComponentHandle;
use std::path::Path;
use std::rc::Rc;

fn map_settings(window: &KioskWindow, session: &Session) {
    let form = session.console().settings();
    let a = window.global::<SettingsAdapter>();
    a.set_printer(form.printer.into());
    a.set_kiosk_id(session.console().kiosk_id().into());
    a.set_kiosk_name(form.kiosk_name.into());
    a.set_union_required(form.union_required.into());
    a.set_volume(form.volume);
    a.set_checkout(session.console().mode() == ScanMode::CheckOut);
    a.set_fullscreen(window.window().is_fullscreen());
    a.set_hub(session.console().hub_state().hub.unwrap_or_default().into());
}

fn done(window: &slint::Weak<KioskWindow>, session: &Session, outcome: Outcome) {
    session.touched();
    if let Some(w) = window.upgrade() {
        show_outcome(&w, &outcome);
    }
}

/// Connects the settings tab.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<SettingsAdapter>();
    a.set_backup_folder(default_folder().display().to_string().into());
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.on_console_opened(move || {
        if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
            map_settings(&w, &s);
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_set_checkout(move |checkout| {
        let mode = if checkout {
            ScanMode::CheckOut
        } else {
            ScanMode::CheckIn
        };
        let outcome = s.console().set_mode(mode);
        if let Some(w) = w.upgrade() {
            w.global::<SettingsAdapter>()
                .set_checkout(s.console().mode() == ScanMode::CheckOut);
        }
        s.face_changed();
        done(&w, &s, outcome);
    });
    let s = session.clone();
    a.on_toggle_language(move || {
        s.toggle_language();
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_toggle_theme(move || {
        if let Some(w) = w.upgrade() {
            let theme = w.global::<Theme>();
            theme.set_dark(!theme.get_dark());
            w.global::<SettingsAdapter>().set_dark(theme.get_dark());
            w.invoke_apply_theme();
        }
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_toggle_fullscreen(move || {
        if let Some(w) = w.upgrade() {
            let full = !w.window().is_fullscreen();
            w.window().set_fullscreen(full);
            w.global::<SettingsAdapter>().set_fullscreen(full);
        }
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_backup(move |folder| done(&w, &s, s.console().backup(Path::new(folder.trim()))));
    let s = session.clone();
    a.on_lock(move || s.lock());
    let s = session.clone();
    a.on_quit(move || s.quit());
    let (w, s) = (window.as_weak(), session.clone());
    a.on_change_pin(move |pin| {
        let outcome = s.console().change_pin(&pin);
        if let Some(w) = w.upgrade() {
            w.global::<SettingsAdapter>().set_new_pin("".into());
        }
        done(&w, &s, outcome);
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_set_hub(move |url| {
        let outcome = s.console().set_hub(&url);
        if let Some(w) = w.upgrade() {
            // Shown without the password typed.
            w.global::<SettingsAdapter>()
                .set_hub(s.console().hub_state().hub.unwrap_or_default().into());
        }
        done(&w, &s, outcome);
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_save(move |printer, kiosk_name, union_required, volume| {
        let form = SettingsForm {
            printer: printer.to_string(),
            kiosk_name: kiosk_name.to_string(),
            union_required: union_required.to_string(),
            volume,
        };
        s.set_volume(volume);
        done(&w, &s, s.console().save_settings(&form));
    });
}
