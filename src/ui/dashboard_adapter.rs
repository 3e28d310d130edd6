//! The dashboard tab: maps the console controller's dashboard (counts,
//! union background, each area's headcount and meal clock) onto
//! DashboardAdapter, with durations a person reads at a glance.

use super::console_adapter::show_outcome;
use super::console_controller::{Changed, Dashboard};
use super::session::Session;
use super::{AreaRow, ConflictRow, CountTile, DashboardAdapter, KioskWindow, MealClockState};
use crate::kiosk::Conflict;
use crate::kiosk::meal_clock::{ClockState, MealForecast};
use crate::model::Day;
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::rc::Rc;

/// "4 h 51 min", "45 min", "2 h", "under a minute".
pub fn duration_words(minutes: i64) -> String {
    let (hours, minutes) = (minutes.abs() / 60, minutes.abs() % 60);
    match (hours, minutes) {
        (0, 0) => "under a minute".into(),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn map_clock_state(state: ClockState) -> MealClockState {
    match state {
        ClockState::Fine => MealClockState::Fine,
        ClockState::Soon => MealClockState::Soon,
        ClockState::Late => MealClockState::Late,
    }
}

/// What calling an area's meal at the forecast's time costs, in a line:
/// "Lunch by 12:42 costs nothing; at 13:10, 23 extras, $402.50".
pub fn forecast_words(day: &Day, f: &MealForecast) -> String {
    let local = |t: DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
    match f.latest_free {
        None => String::new(),
        Some(free) if f.penalised == 0 => format!(
            "Lunch at {} costs nothing (free until {})",
            local(f.at),
            local(free)
        ),
        Some(free) => format!(
            "Lunch by {} costs nothing; at {}, {} extra{}, ${}",
            local(free),
            local(f.at),
            f.penalised,
            if f.penalised == 1 { "" } else { "s" },
            f.amount
        ),
    }
}

/// One area's row: its headcount and its meal clock as of `now`.
fn map_area(
    day: &Day,
    now: DateTime<Utc>,
    forecasts: &[MealForecast],
    (area, present, clock): &(
        crate::model::HoldingArea,
        u32,
        Option<crate::kiosk::meal_clock::MealClock>,
    ),
) -> AreaRow {
    let local = |t: DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
    let (state, text, penalties) = match clock.as_ref().zip(clock.as_ref().and_then(|c| c.due)) {
        Some((c, due)) if c.people > 0 => {
            let minutes = (due - now).num_minutes();
            let text = if minutes >= 0 {
                format!("Meal due {} (in {})", local(due), duration_words(minutes))
            } else {
                format!(
                    "Meal was due {} ({} ago)",
                    local(due),
                    duration_words(minutes)
                )
            };
            let penalties = if c.penalties.0 > 0 {
                format!("Meal penalties so far: ${}", c.penalties)
            } else {
                "No meal penalties".into()
            };
            (map_clock_state(c.state), text, penalties)
        }
        _ => (
            MealClockState::Fine,
            "No one waiting for a meal".into(),
            String::new(),
        ),
    };
    let forecast = forecasts
        .iter()
        .find(|f| f.area == area.name)
        .map(|f| forecast_words(day, f))
        .unwrap_or_default();
    AreaRow {
        forecast: forecast.into(),
        id: area.id as i32,
        name: area.name.as_str().into(),
        location: area.location.clone().unwrap_or_default().into(),
        present: *present as i32,
        capacity: area.capacity as i32,
        overflow: *present > area.capacity,
        clock: state,
        clock_text: text.into(),
        penalties: penalties.into(),
    }
}

/// One open conflict: what happened, and who, where and when.
fn map_conflict(day: &Day, c: &Conflict, name_of: &dyn Fn(&str) -> Option<String>) -> ConflictRow {
    let who = match &c.badge {
        Some(badge) => match name_of(badge) {
            Some(name) => format!("{badge} {name}"),
            None => badge.clone(),
        },
        None => "A group".into(),
    };
    ConflictRow {
        id: c.id.as_str().into(),
        what: c.what().into(),
        detail: format!(
            "{who} · kiosks {} · {}",
            c.kiosks.join(", "),
            c.at.with_timezone(&day.tz).format("%H:%M")
        )
        .into(),
    }
}

fn map_dashboard(window: &KioskWindow, session: &Session) {
    let console = session.console();
    let (Some(day), Ok(board)) = (console.day(), console.dashboard()) else {
        return;
    };
    let Dashboard {
        headcount: h,
        union_here,
        union_required,
        areas,
    } = board;
    let a = window.global::<DashboardAdapter>();
    let tiles = [
        ("Booked", h.booked),
        ("Arrived", h.arrived),
        ("Late", h.late),
        ("Missing", h.missing),
        ("In holding", h.in_holding),
        ("Released", h.released),
    ]
    .map(|(label, n)| CountTile {
        label: label.into(),
        value: n.to_string().into(),
    });
    a.set_counts(ModelRc::new(VecModel::from(tiles.to_vec())));
    a.set_union_text(
        match union_required {
            Some(r) => format!("Union background present: {union_here} of {r} required"),
            None => format!("Union background present: {union_here} (no required count set)"),
        }
        .into(),
    );
    a.set_union_short(union_required.is_some_and(|r| union_here < r as usize));
    let now = session.now();
    let forecasts = console.meal_forecasts();
    a.set_forecast_at(
        console
            .forecast_at()
            .with_timezone(&day.tz)
            .format("%H:%M")
            .to_string()
            .into(),
    );
    let rows: Vec<AreaRow> = areas
        .iter()
        .map(|area| map_area(&day, now, &forecasts, area))
        .collect();
    a.set_areas(ModelRc::new(VecModel::from(rows)));
    let name_of = |badge: &str| {
        console
            .roster()
            .entries
            .iter()
            .find(|e| e.booking.badge_no == badge)
            .map(|e| e.booking.details.full_name())
    };
    let conflicts: Vec<ConflictRow> = console
        .open_conflicts()
        .iter()
        .map(|c| map_conflict(&day, c, &name_of))
        .collect();
    a.set_conflicts(ModelRc::new(VecModel::from(conflicts)));
}

/// Redraws the dashboard whenever the day changed; steps the forecast.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let s = Rc::downgrade(session);
    window
        .global::<DashboardAdapter>()
        .on_forecast_step(move |minutes| {
            if let Some(s) = s.upgrade() {
                s.touched();
                s.console().step_forecast(i64::from(minutes));
            }
        });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    window
        .global::<DashboardAdapter>()
        .on_resolve_conflict(move |id, note| {
            if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
                s.touched();
                show_outcome(&w, &s.console().resolve_conflict(&id, &note));
            }
        });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.console().on_changed(move |what| {
        if let (Some(w), Some(s), Changed::Day) = (w.upgrade(), s.upgrade(), what) {
            map_dashboard(&w, &s);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::duration_words;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration_words(291), "4 h 51 min");
        assert_eq!(duration_words(45), "45 min");
        assert_eq!(duration_words(120), "2 h");
        assert_eq!(duration_words(-40), "40 min");
        assert_eq!(duration_words(0), "under a minute");
    }
}
