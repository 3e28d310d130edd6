//! The areas tab: maps the day's holding areas onto AreasAdapter, fills the
//! form with the area picked, and connects adding, changing, area meals and
//! wrapping an area.

use super::console_adapter::show_outcome;
use super::console_controller::{Changed, ConsoleController};
use super::console_forms::{AreaForm, Outcome};
use super::roster_adapter::map_union;
use super::session::Session;
use super::{AreaListRow, AreasAdapter, KioskWindow, MealChoice, UnionFilter};
use crate::kiosk::MealKind;
use crate::model::{HoldingArea, UnionStatus};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::rc::Rc;

fn union_index(filter: Option<UnionStatus>) -> i32 {
    match filter {
        None => 0,
        Some(UnionStatus::Union) => 1,
        Some(UnionStatus::NonUnion) => 2,
    }
}

fn map_areas(window: &KioskWindow, console: &ConsoleController) {
    let Ok(board) = console.dashboard() else {
        return;
    };
    let picked = console.selected_area();
    let rows: Vec<AreaListRow> = board
        .areas
        .iter()
        .map(|(area, present, _)| AreaListRow {
            id: area.id as i32,
            name: area.name.as_str().into(),
            location: area.location.clone().unwrap_or_default().into(),
            present: *present as i32,
            capacity: area.capacity as i32,
        })
        .collect();
    let a = window.global::<AreasAdapter>();
    a.set_selected(
        board
            .areas
            .iter()
            .position(|(area, ..)| Some(area.id) == picked)
            .map_or(-1, |i| i as i32),
    );
    a.set_areas(ModelRc::new(VecModel::from(rows)));
    let name = board
        .areas
        .iter()
        .find(|(area, ..)| Some(area.id) == picked)
        .map(|(area, ..)| area.name.clone());
    let roster = console.roster();
    let open = |which: fn(&crate::kiosk::roster::RosterEntry) -> bool| {
        roster.entries.iter().any(|e| {
            name.is_some()
                && e.area == name
                && e.checked_in.is_some()
                && e.released.is_none()
                && which(e)
        })
    };
    a.set_meal_open(open(|e| e.meal_open));
    a.set_ndb_open(open(|e| e.ndb_open));
}

/// Fills the form with the area picked.
fn map_area_form(window: &KioskWindow, area: &HoldingArea) {
    let a = window.global::<AreasAdapter>();
    a.set_name(area.name.as_str().into());
    a.set_location(area.location.clone().unwrap_or_default().into());
    a.set_capacity(area.capacity.to_string().into());
    a.set_order(area.order.to_string().into());
    a.set_union_index(union_index(area.union_filter));
}

/// Shows what an action did; on success the times and badges typed are
/// cleared (the form keeps the area).
fn done(window: &slint::Weak<KioskWindow>, session: &Session, outcome: Outcome) {
    session.touched();
    let Some(w) = window.upgrade() else { return };
    if show_outcome(&w, &outcome) {
        let a = w.global::<AreasAdapter>();
        a.set_at("".into());
        a.set_keep_back("".into());
    }
}

/// Connects the areas tab.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<AreasAdapter>();
    let (w, c) = (window.as_weak(), Rc::downgrade(session.console()));
    session.console().on_changed(move |what| {
        if let (Some(w), Some(c), Changed::Day) = (w.upgrade(), c.upgrade(), what) {
            map_areas(&w, &c);
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_select(move |id| {
        if let (Some(area), Some(w)) = (s.console().select_area(id as i64), w.upgrade()) {
            map_area_form(&w, &area);
        }
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_save(
        move |new, name, location, capacity, order, union: UnionFilter| {
            let form = AreaForm {
                name: name.to_string(),
                location: location.to_string(),
                capacity: capacity.to_string(),
                order: order.to_string(),
                union_filter: map_union(union),
            };
            done(&w, &s, s.console().save_area(new, &form))
        },
    );
    let (w, s) = (window.as_weak(), session.clone());
    a.on_meal(move |kind, start, at| {
        let kind = match kind {
            MealChoice::Meal => MealKind::Meal,
            MealChoice::Ndb => MealKind::Ndb,
        };
        done(&w, &s, s.console().area_meal(kind, start, &at))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_wrap(move |keep, at| done(&w, &s, s.console().wrap_area(&keep, &at)));
}
