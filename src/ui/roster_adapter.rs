//! The roster tab: maps the console controller's roster (the rows shown,
//! the one picked) onto RosterAdapter and connects its search, filters and
//! row actions, clearing what was typed after an action succeeds.

use super::console_adapter::show_outcome;
use super::console_controller::{Changed, ConsoleController};
use super::console_forms::Outcome;
use super::roster::{ActionState, RosterFilter, RowStatus};
use super::session::Session;
use super::{
    ConsoleAdapter, ConsoleTab, KioskWindow, PersonState, RosterAdapter, RosterRow, StatusFilter,
    UnionFilter,
};
use crate::kiosk::{ItemKind, TimeField, Undo};
use crate::model::{Category, UnionStatus};
use crate::pay::BumpKind;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use std::rc::Rc;

pub fn map_status(status: StatusFilter) -> Option<RowStatus> {
    match status {
        StatusFilter::Everyone => None,
        StatusFilter::Missing => Some(RowStatus::Missing),
        StatusFilter::Expected => Some(RowStatus::Expected),
        StatusFilter::Here => Some(RowStatus::Here),
        StatusFilter::Released => Some(RowStatus::Released),
    }
}

pub fn map_union(union: UnionFilter) -> Option<UnionStatus> {
    match union {
        UnionFilter::Any => None,
        UnionFilter::Union => Some(UnionStatus::Union),
        UnionFilter::NonUnion => Some(UnionStatus::NonUnion),
    }
}

/// The actions the view shows for where the person picked stands.
pub fn map_state(state: Option<ActionState>) -> PersonState {
    match state {
        None => PersonState::None,
        Some(ActionState::NotHere) => PersonState::NotHere,
        Some(ActionState::Present) => PersonState::Present,
        Some(ActionState::AtMeal) => PersonState::AtMeal,
        Some(ActionState::Released) => PersonState::Released,
        Some(ActionState::NoShow) => PersonState::NoShow,
        Some(ActionState::Voided) => PersonState::Voided,
    }
}

/// The `index`th of a list whose first entry means "all".
fn after_all<T: Copy>(all: &[T], index: i32) -> Option<T> {
    usize::try_from(index - 1)
        .ok()
        .and_then(|i| all.get(i).copied())
}

/// The area at `index` of a picker whose first entry is "All areas".
pub fn area_at(console: &ConsoleController, index: i32) -> Option<crate::model::HoldingArea> {
    let areas = console.areas();
    usize::try_from(index - 1)
        .ok()
        .and_then(|i| areas.get(i).cloned())
}

/// The rows shown and the row picked: all a key in the search changes.
fn map_rows(window: &KioskWindow, console: &ConsoleController) {
    let Some(day) = console.day() else { return };
    let now = console.now();
    let roster = console.roster();
    let clock = |t| day.format_at(t);
    let rows: Vec<RosterRow> = roster
        .shown()
        .map(|e| {
            let d = &e.booking.details;
            RosterRow {
                name: d.full_name().into(),
                badge: e.booking.badge_no.as_str().into(),
                category: d.category.code().into(),
                call: clock(d.call_at).into(),
                arrived: e.checked_in.map(clock).unwrap_or_else(|| "—".into()).into(),
                area: e.area.clone().unwrap_or_default().into(),
                status: e.status(now).code().into(),
                phone: d.phone.clone().unwrap_or_default().into(),
            }
        })
        .collect();
    let a = window.global::<RosterAdapter>();
    a.set_count_text(format!("{} of {}", rows.len(), roster.entries.len()).into());
    a.set_rows(ModelRc::new(VecModel::from(rows)));
    a.set_selected(roster.selected.map_or(-1, |s| s as i32));
    let state = roster.selected_state(now);
    a.set_selected_state(map_state(state));
    a.set_selected_meal_open(
        roster
            .selected_entry()
            .is_some_and(|e| e.meal_open || e.ndb_open),
    );
    a.set_selected_text(
        roster
            .selected_entry()
            .zip(state)
            .map(|(e, state)| {
                let d = &e.booking.details;
                format!(
                    "{} {} · {} · {}{}",
                    e.booking.badge_no,
                    d.full_name(),
                    d.union.code(),
                    match state {
                        ActionState::NotHere | ActionState::Present => e.status(now).code(),
                        other => other.code(),
                    },
                    if d.paper_voucher {
                        " · paper voucher"
                    } else {
                        ""
                    }
                )
            })
            .unwrap_or_default()
            .into(),
    );
}

/// The area names of the pickers: "All areas", then the day's.
fn map_area_names(window: &KioskWindow, console: &ConsoleController) {
    let mut names: Vec<SharedString> = vec!["All areas".into()];
    names.extend(
        console
            .areas()
            .iter()
            .map(|a| SharedString::from(a.name.as_str())),
    );
    window
        .global::<RosterAdapter>()
        .set_area_names(ModelRc::new(VecModel::from(names)));
}

/// Shows what an action did; on success, what was typed for it is cleared.
fn done(window: &slint::Weak<KioskWindow>, session: &Session, outcome: Outcome) {
    session.touched();
    let Some(w) = window.upgrade() else { return };
    if show_outcome(&w, &outcome) {
        let a = w.global::<RosterAdapter>();
        a.set_reason("".into());
        a.set_time_text("".into());
        a.set_amount("".into());
        a.set_item_what("".into());
        a.set_item_tag("".into());
    }
}

/// Connects the roster's search, filters and row actions.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<RosterAdapter>();
    let (w, c) = (window.as_weak(), Rc::downgrade(session.console()));
    session.console().on_changed(move |what| {
        let (Some(w), Some(c)) = (w.upgrade(), c.upgrade()) else {
            return;
        };
        if what == Changed::Day {
            map_area_names(&w, &c);
        }
        map_rows(&w, &c);
    });
    let s = session.clone();
    a.on_search_changed(move |text, status, area, category, union| {
        let console = s.console();
        console.search(RosterFilter {
            text: text.to_string(),
            status: map_status(status),
            area: area_at(console, area).map(|a| a.name),
            category: after_all(&Category::ALL, category),
            union: map_union(union),
        });
        s.touched();
    });
    let s = session.clone();
    a.on_select(move |i| {
        s.console().select(usize::try_from(i).ok());
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_check_in(move || done(&w, &s, s.console().check_in_selected()));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_release(move || done(&w, &s, s.console().release_selected()));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_print_badge(move || done(&w, &s, s.console().print_selected()));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_undo_check_in(move |reason| {
        done(&w, &s, s.console().undo_selected(Undo::CheckIn, &reason))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_undo_release(move |reason| {
        done(&w, &s, s.console().undo_selected(Undo::Release, &reason))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_move_to(move |area| {
        let to = area_at(s.console(), area).map(|a| a.id);
        done(&w, &s, s.console().move_selected(to))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_add_bump(move |kind, amount| {
        let kind = BumpKind::ALL[kind.clamp(0, BumpKind::ALL.len() as i32 - 1) as usize];
        done(&w, &s, s.console().bump_selected(kind, &amount))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_correct_time(move |field, time, reason| {
        let field = TimeField::ALL[field.clamp(0, TimeField::ALL.len() as i32 - 1) as usize];
        done(&w, &s, s.console().correct_selected(field, &time, &reason))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_void_badge(move |reason| done(&w, &s, s.console().void_selected(&reason)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_reissue_badge(move |reason| done(&w, &s, s.console().reissue_selected(&reason)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_issue_item(move |kind, what, tag| {
        let kind = ItemKind::ALL[kind.clamp(0, ItemKind::ALL.len() as i32 - 1) as usize];
        done(&w, &s, s.console().issue_item_selected(kind, &what, &tag))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_return_item(move |what, tag| done(&w, &s, s.console().return_item_selected(&what, &tag)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_upgrade(move |reason| done(&w, &s, s.console().upgrade_selected(&reason)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_paper_voucher(move || done(&w, &s, s.console().toggle_paper_voucher_selected()));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_meal(move |start, time| done(&w, &s, s.console().meal_selected(start, &time)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_paperwork(move |verified, reason| {
        done(&w, &s, s.console().paperwork_selected(verified, &reason))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_check_in_late(move |time, reason| {
        done(&w, &s, s.console().check_in_late_selected(&time, &reason))
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_open_review(move || {
        let Some(w) = w.upgrade() else { return };
        // The tab first: the review is drawn only while its tab shows.
        let console = w.global::<ConsoleAdapter>();
        console.set_tab(ConsoleTab::Wrap);
        if let Err(e) = s.console().review_selected() {
            console.set_tab(ConsoleTab::Roster);
            done(&w.as_weak(), &s, Err(e));
        }
        s.touched();
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_sign_voucher(move || {
        let opened = s.console().picked().and_then(|b| {
            let now = s.now();
            Ok(s.face().borrow_mut().open_signature(&b, now)?)
        });
        match opened {
            Ok(()) => s.show_face(),
            Err(e) => done(&w, &s, Err(e)),
        }
    });
}
