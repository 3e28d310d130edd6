//! Puts the hub's state on the screen each second: the console's Kiosks
//! panel (KiosksAdapter) and, for the PA, the small note on the face when
//! this kiosk works offline.

use super::console_controller::Changed;
use super::session::Session;
use super::{FaceAdapter, KioskRow, KioskWindow, KiosksAdapter};
use crate::kiosk::{HubState, KioskLink};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use slint::{ComponentHandle, ModelRc, VecModel};
use std::rc::Rc;

/// "4 s ago", "14 min ago", "3 h ago".
fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let s = (now - then).num_seconds().max(0);
    match s {
        0..120 => format!("{s} s ago"),
        120..7200 => format!("{} min ago", s / 60),
        _ => format!("{} h ago", s / 3600),
    }
}

/// "+0:04", "-2:00:00": minutes and seconds, with hours when there are.
fn offset_words(ms: i64) -> String {
    let sign = if ms < 0 { '-' } else { '+' };
    let s = ms.abs() / 1000;
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

fn map_kiosk(now: DateTime<Utc>, k: &KioskLink) -> KioskRow {
    let mut name = k.name.clone();
    if k.lead {
        name.push_str(" (lead)");
    }
    if k.this {
        name.push_str(" (this kiosk)");
    }
    if k.retired {
        name.push_str(" (retired)");
    }
    let seen = k.last_seen.map_or("never seen".to_string(), |t| {
        format!("seen {}", ago(now, t))
    });
    let clock = k
        .clock_offset_ms
        .map_or(String::new(), |ms| format!(" · clock {}", offset_words(ms)));
    KioskRow {
        name: name.into(),
        online: k.online,
        detail: format!("{seen} · {} not sent{clock}", k.unsent).into(),
        clock_off: k.clock_is_off(),
    }
}

/// Since when (local time) the hub has not answered, for the face's note
/// to the PA; empty while it answers.
pub fn offline_since(state: &HubState, tz: Tz) -> String {
    match state.offline_since {
        Some(since) if state.hub.is_some() => since.with_timezone(&tz).format("%H:%M").to_string(),
        _ => String::new(),
    }
}

fn map_hub(window: &KioskWindow, session: &Session) {
    let now = session.now();
    let state = session.console().hub_state();
    let tz = session.console().day().map_or(chrono_tz::UTC, |d| d.tz);
    let a = window.global::<KiosksAdapter>();
    a.set_hub(state.hub.clone().unwrap_or_default().into());
    let (text, down) = match (&state.offline_since, state.kiosks.iter().find(|k| k.this)) {
        (Some(since), _) => (
            format!(
                "Hub unreachable since {}{}",
                since.with_timezone(&tz).format("%H:%M"),
                state
                    .last_error
                    .as_deref()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            ),
            true,
        ),
        (None, Some(me)) => (
            me.last_seen.map_or("Hub not reached yet".into(), |t| {
                format!("Hub reached {}", ago(now, t))
            }),
            false,
        ),
        (None, None) => ("Hub not reached yet".into(), false),
    };
    a.set_hub_text(text.into());
    a.set_hub_down(down);
    let rows: Vec<KioskRow> = state.kiosks.iter().map(|k| map_kiosk(now, k)).collect();
    a.set_kiosks(ModelRc::new(VecModel::from(rows)));
    window
        .global::<FaceAdapter>()
        .set_offline_since(offline_since(&state, tz).into());
}

/// Redraws the Kiosks panel and the face's note every second, and when
/// the day is read again (a batch from the hub came in).
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    map_hub(window, session);
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.on_tick(move || {
        if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
            map_hub(&w, &s);
        }
    });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.console().on_changed(move |what| {
        if let (Some(w), Some(s), Changed::Day) = (w.upgrade(), s.upgrade(), what) {
            map_hub(&w, &s);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_ages_read_at_a_glance() {
        assert_eq!(offset_words(4_000), "+0:04");
        assert_eq!(offset_words(-7_200_000), "-2:00:00");
        let now = Utc::now();
        assert_eq!(ago(now, now - chrono::Duration::seconds(4)), "4 s ago");
        assert_eq!(ago(now, now - chrono::Duration::minutes(14)), "14 min ago");
    }
}
