//! The supervisor console's adapter: puts the console's state on screen
//! and connects its buttons (and the PIN pad's) to the kiosk core through
//! the session. Each action reports what it did, or why not, in a notice.

use super::console::{Console, RowStatus};
use super::console_actions::{export_text, print_badge, selected_area, undo};
use super::session::Session;
use super::{AreaRow, ConsoleAdapter, CountTile, KioskWindow, PinAdapter, RequestRow, RosterRow};
use crate::kiosk::meal_clock::{ClockState, meal_clocks};
use crate::kiosk::pin::set_pin;
use crate::kiosk::{Group, KioskError, MealKind, ScanMode, TimeField, Undo, public_name};
use crate::model::{BookingDetails, Category, HoldingArea, Money, UnionStatus};
use crate::pay::BumpKind;
use crate::report::{self, ExportRequest, Format};
use crate::store::Actor;
use chrono::{DateTime, Utc};
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use std::path::PathBuf;
use std::rc::Rc;

fn model<T: Clone + 'static>(rows: Vec<T>) -> ModelRc<T> {
    ModelRc::new(VecModel::from(rows))
}

/// Where exports and backups go by default: the first mounted stick, else
/// the home folder.
pub fn default_folder() -> PathBuf {
    let user = std::env::var("USER").unwrap_or_default();
    for base in [format!("/media/{user}"), "/media".into(), "/mnt".into()] {
        if let Ok(entries) = std::fs::read_dir(&base) {
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            if let Some(first) = dirs.into_iter().next() {
                return first;
            }
        }
    }
    std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// Fills the settings tab's fields with what is set now (when the console
/// opens, so typing is never overwritten).
pub fn fill_settings(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    let a = window.global::<ConsoleAdapter>();
    a.set_printer(face.printer.clone().unwrap_or_default().into());
    a.set_kiosk_id(face.store.kiosk_id().into());
    if let Some(day) = &face.day {
        let required = face
            .store
            .setting(&format!("union_required.{}", day.date))
            .ok()
            .flatten()
            .unwrap_or_default();
        a.set_union_required(required.into());
    }
    if let Some(volume) = face
        .store
        .setting("volume")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<f32>().ok())
    {
        a.set_volume(volume);
    }
}

/// Shows the console as it is now: every tab's data.
pub fn show(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    let console = session.console.borrow();
    let a = window.global::<ConsoleAdapter>();
    let now = session.now();
    a.set_checkout(face.mode == ScanMode::CheckOut);
    a.set_fullscreen(window.window().is_fullscreen());
    let Some(day) = &face.day else {
        a.set_title("No shoot day: open one with `extras-kiosk day open`".into());
        return;
    };
    a.set_title(format!("{} · {}", day.title, day.date.format("%a %-d %b %Y")).into());
    let clock = |t: DateTime<Utc>| day.format_at(t);

    // Dashboard.
    let status = face.store.status(day, now).ok();
    if let Some(status) = &status {
        let tiles = [
            ("Booked", status.booked),
            ("Arrived", status.arrived),
            ("Late", status.late),
            ("Missing", status.missing),
            ("In holding", status.in_holding),
            ("Released", status.released),
        ];
        a.set_counts(model(
            tiles
                .iter()
                .map(|(label, n)| CountTile {
                    label: (*label).into(),
                    value: n.to_string().into(),
                })
                .collect(),
        ));
    }
    let union_here = console
        .entries
        .iter()
        .filter(|e| {
            e.booking.details.union == UnionStatus::Union
                && e.checked_in.is_some_and(|t| t <= now)
                && e.released.is_none()
        })
        .count();
    let required: Option<usize> = face
        .store
        .setting(&format!("union_required.{}", day.date))
        .ok()
        .flatten()
        .and_then(|t| t.parse().ok());
    a.set_union_text(
        match required {
            Some(r) => format!("Union background present: {union_here} of {r} required"),
            None => format!("Union background present: {union_here} (no required count set)"),
        }
        .into(),
    );
    a.set_union_short(required.is_some_and(|r| union_here < r));
    let present = face
        .store
        .status(day, now)
        .map(|s| s.areas)
        .unwrap_or_default();
    let clocks = meal_clocks(&face.store, day, now).unwrap_or_default();
    let areas = face.store.areas(day).unwrap_or_default();
    let rows: Vec<AreaRow> = areas
        .iter()
        .map(|area| {
            let here = present
                .iter()
                .find(|p| p.name == area.name)
                .map_or(0, |p| p.present);
            let clock = clocks.iter().find(|c| c.area_id == Some(area.id));
            let (state, text, penalties) = match clock {
                Some(c) if c.people > 0 => {
                    let due = c.due.expect("people have a due time");
                    let minutes = (due - now).num_minutes();
                    let text = if minutes >= 0 {
                        format!("Meal due {} (in {} min)", clock_text(day, due), minutes)
                    } else {
                        format!(
                            "Meal was due {} ({} min ago)",
                            clock_text(day, due),
                            -minutes
                        )
                    };
                    let state = match c.state {
                        ClockState::Fine => "fine",
                        ClockState::Soon => "soon",
                        ClockState::Late => "late",
                    };
                    let penalties = if c.penalties.0 > 0 {
                        format!("Meal penalties so far: ${}", c.penalties)
                    } else {
                        "No meal penalties".into()
                    };
                    (state, text, penalties)
                }
                _ => ("fine", "No one waiting for a meal".into(), String::new()),
            };
            AreaRow {
                name: area.name.as_str().into(),
                location: area.location.clone().unwrap_or_default().into(),
                present: here as i32,
                capacity: area.capacity as i32,
                overflow: here > area.capacity,
                clock: state.into(),
                clock_text: text.into(),
                penalties: penalties.into(),
            }
        })
        .collect();
    a.set_areas(model(rows));
    let mut names: Vec<SharedString> = vec!["All areas".into()];
    names.extend(areas.iter().map(|a| SharedString::from(a.name.as_str())));
    a.set_area_names(model(names));

    show_roster(&a, &console, day, now);
    a.set_selected_area(
        areas
            .iter()
            .position(|a| Some(a.id) == console.selected_area)
            .map_or(-1, |i| i as i32),
    );

    // Requests.
    let requests: Vec<RequestRow> = console
        .requests
        .iter()
        .map(|r| RequestRow {
            id: r.event_id.as_str().into(),
            kind: r.kind.into(),
            name: r.booking.details.full_name().into(),
            badge: r.booking.badge_no.as_str().into(),
            at: clock(r.at).into(),
            note: if r.kind == "dispute" {
                "says the voucher is wrong".into()
            } else {
                "has no badge".into()
            },
        })
        .collect();
    a.set_requests(model(requests));

    // Wrap.
    let still: Vec<RosterRow> = console
        .still_here()
        .iter()
        .map(|e| RosterRow {
            name: e.booking.details.full_name().into(),
            badge: e.booking.badge_no.as_str().into(),
            area: e.area.clone().unwrap_or_default().into(),
            ..RosterRow::default()
        })
        .collect();
    a.set_still_here(model(still));
}

/// The roster's rows and the row picked: all a key in the search changes.
fn show_roster(
    a: &ConsoleAdapter<'_>,
    console: &Console,
    day: &crate::model::Day,
    now: DateTime<Utc>,
) {
    let clock = |t: DateTime<Utc>| day.format_at(t);
    let rows: Vec<RosterRow> = console
        .shown
        .iter()
        .map(|&i| {
            let e = &console.entries[i];
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
    a.set_roster_count(format!("{} of {}", rows.len(), console.entries.len()).into());
    a.set_roster(model(rows));
    a.set_selected(console.selected.map_or(-1, |s| s as i32));
    a.set_selected_text(
        console
            .selected_entry()
            .map(|e| {
                format!(
                    "{} {} · {} · {}",
                    e.booking.badge_no,
                    e.booking.details.full_name(),
                    e.booking.details.union.code(),
                    e.status(now).code()
                )
            })
            .unwrap_or_default()
            .into(),
    );
}

/// Puts the roster on screen again after a search or a pick.
pub fn refresh_roster(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    let Some(day) = &face.day else { return };
    show_roster(
        &window.global::<ConsoleAdapter>(),
        &session.console.borrow(),
        day,
        session.now(),
    );
}

fn clock_text(day: &crate::model::Day, at: DateTime<Utc>) -> String {
    at.with_timezone(&day.tz).format("%H:%M").to_string()
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
    a.set_export_folder(default_folder().display().to_string().into());
    let s = session.clone();
    a.on_set_tab(move |tab| {
        if let Some(w) = s.window.upgrade() {
            w.global::<ConsoleAdapter>().set_tab(tab);
        }
        s.reload_console();
        s.touched();
    });
    let s = session.clone();
    a.on_set_checkout(move |checkout| {
        s.console_do(|face, _, _| {
            face.mode = if checkout {
                ScanMode::CheckOut
            } else {
                ScanMode::CheckIn
            };
            Ok(if checkout {
                "Check-out mode: a scan releases the extra and shows their voucher.".into()
            } else {
                "Check-in mode.".into()
            })
        })
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

    connect_roster(&a, session);
    connect_areas(&a, session);
    connect_requests(&a, session);
    connect_wrap(&a, session);
    connect_settings(&a, session);
}

/// The roster's search, filters and row actions.
fn connect_roster(a: &ConsoleAdapter<'_>, session: &Rc<Session>) {
    let s = session.clone();
    a.on_search_changed(move || {
        let now = s.now();
        let text = s.adapter_text(|a| a.get_search());
        let status = s.adapter_int(|a| a.get_status_filter());
        let area = s.adapter_int(|a| a.get_area_filter());
        let category = s.adapter_int(|a| a.get_category_filter());
        let union = s.adapter_int(|a| a.get_union_filter());
        let area_name = s.area_name_at(area);
        {
            let mut console = s.console.borrow_mut();
            console.filter.text = text;
            console.filter.status = match status {
                1 => Some(RowStatus::Missing),
                2 => Some(RowStatus::Expected),
                3 => Some(RowStatus::Here),
                4 => Some(RowStatus::Released),
                _ => None,
            };
            console.filter.area = area_name;
            console.filter.category = (category > 0)
                .then(|| Category::ALL.get(category as usize - 1).copied())
                .flatten();
            console.filter.union = match union {
                1 => Some(UnionStatus::Union),
                2 => Some(UnionStatus::NonUnion),
                _ => None,
            };
            console.apply(now);
        }
        if let Some(w) = s.window.upgrade() {
            refresh_roster(&w, &s);
        }
        s.touched();
    });
    let s = session.clone();
    a.on_select(move |i| {
        s.console.borrow_mut().selected = (i >= 0).then_some(i as usize);
        if let Some(w) = s.window.upgrade() {
            refresh_roster(&w, &s);
        }
        s.touched();
    });
    let s = session.clone();
    a.on_check_in(move || {
        s.on_selected(|k, b, now| {
            k.check_in(b, now, Actor::Supervisor)?;
            Ok(format!(
                "{} {} checked in.",
                b.badge_no,
                b.details.full_name()
            ))
        })
    });
    let s = session.clone();
    a.on_release(move || {
        s.on_selected(|k, b, now| {
            k.release(b, now)?;
            Ok(format!(
                "{} {} released.",
                b.badge_no,
                b.details.full_name()
            ))
        })
    });
    a.on_undo_check_in(undo(session, Undo::CheckIn));
    a.on_undo_release(undo(session, Undo::Release));
    let s = session.clone();
    a.on_move_to(move || {
        let area = s.area_name_at(s.adapter_int(|a| a.get_move_area()));
        s.on_selected(move |k, b, now| {
            let area = area.ok_or_else(|| KioskError::NoSuchArea("(none picked)".into()))?;
            k.move_to(std::slice::from_ref(b), &area, now)?;
            Ok(format!("{} moved to {area}.", b.badge_no))
        })
    });
    let s = session.clone();
    a.on_add_bump(move || {
        let kind = BumpKind::ALL[s.adapter_int(|a| a.get_bump_kind()).clamp(0, 10) as usize];
        let amount_text = s.adapter_text(|a| a.get_amount());
        s.on_selected(move |k, b, now| {
            let amount = if amount_text.is_empty() {
                None
            } else {
                Some(Money::parse_rate(&amount_text).map_err(KioskError::Bump)?)
            };
            k.add_bump(b, kind, None, amount, "console", now)?;
            Ok(format!("A {} bump for {}.", kind.code(), b.badge_no))
        })
    });
    let s = session.clone();
    a.on_correct_time(move || {
        let field = TimeField::ALL[s.adapter_int(|a| a.get_time_field()).clamp(0, 7) as usize];
        let reason = s.reason();
        let text = s.adapter_text(|a| a.get_time_text());
        s.on_selected(move |k, b, now| {
            let to = k
                .day()
                .parse_at(&text)
                .map_err(|e| KioskError::Correction(format!("the time: {e}")))?;
            k.correct(b, field, to, &reason, now)?;
            Ok(format!("{} of {} is now {text}.", field.code(), b.badge_no))
        })
    });
    let s = session.clone();
    a.on_void_badge(move || {
        let reason = s.reason();
        s.console_do(move |face, console, now| {
            let b = console
                .selected_booking()
                .cloned()
                .ok_or("pick someone first")?;
            if reason.is_empty() {
                return Err("a reason is required to void a badge".into());
            }
            let day = face.day.clone().expect("a day");
            face.store
                .void_badge(&day, &b.badge_no, &reason, now)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "{} is void: every printout is refused.",
                b.badge_no
            ))
        })
    });
    let s = session.clone();
    a.on_reissue_badge(move || {
        let reason = s.reason();
        s.console_do(move |face, console, now| {
            let b = console
                .selected_booking()
                .cloned()
                .ok_or("pick someone first")?;
            let reason = if reason.is_empty() {
                "reissued at the console".into()
            } else {
                reason
            };
            let day = face.day.clone().expect("a day");
            let b = face
                .store
                .reissue_badge(&day, &b.badge_no, &reason, now)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "{} reissued (issue {}): print it.",
                b.badge_no, b.badge_issue
            ))
        })
    });
    let s = session.clone();
    a.on_print_badge(move || {
        s.console_do(|face, console, _| {
            let b = console
                .selected_booking()
                .cloned()
                .ok_or("pick someone first")?;
            print_badge(face, &b)
        })
    });
    let s = session.clone();
    a.on_sign_voucher(move || {
        let picked = s.console.borrow().selected_booking().cloned();
        match picked {
            Some(b) => {
                let opened = s.face.borrow_mut().open_signature(&b);
                match opened {
                    Ok(()) => {
                        if let Some(w) = s.window.upgrade() {
                            w.global::<super::KioskAdapter>()
                                .set_page(super::Page::Face);
                            // The scanner's keys go to the face again.
                            w.invoke_refocus();
                        }
                        s.refresh();
                    }
                    Err(e) => s.console_do(move |_, _, _| Err(e)),
                }
            }
            None => s.console_do(|_, _, _| Err("pick someone first".into())),
        }
    });
}

/// The areas tab: add, change, meals, wrap.
fn connect_areas(a: &ConsoleAdapter<'_>, session: &Rc<Session>) {
    let s = session.clone();
    a.on_select_area(move |i| {
        let area = {
            let face = s.face.borrow();
            face.day
                .as_ref()
                .and_then(|day| face.store.areas(day).ok())
                .and_then(|areas| usize::try_from(i).ok().and_then(|i| areas.get(i).cloned()))
        };
        s.console.borrow_mut().selected_area = area.as_ref().map(|a| a.id);
        if let (Some(w), Some(area)) = (s.window.upgrade(), area) {
            let a = w.global::<ConsoleAdapter>();
            a.set_area_name(area.name.into());
            a.set_area_location(area.location.unwrap_or_default().into());
            a.set_area_capacity(area.capacity.to_string().into());
            a.set_area_order(area.order.to_string().into());
            a.set_area_union(match area.union_filter {
                None => 0,
                Some(UnionStatus::Union) => 1,
                Some(UnionStatus::NonUnion) => 2,
            });
            show(&w, &s);
        }
        s.touched();
    });
    let s = session.clone();
    a.on_area_meal(move |kind, start| {
        let s2 = s.clone();
        s.console_do(move |face, console, now| {
            let at = s2.typed_time(face, now)?;
            let area = selected_area(face, console)?;
            let kind = if kind == "ndb" {
                MealKind::Ndb
            } else {
                MealKind::Meal
            };
            let n = face
                .kiosk()
                .map_err(|e| e.to_string())?
                .meal(&Group::Area(area.name.clone()), kind, start, at)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "{} {} for {n} in {}.",
                if kind == MealKind::Ndb { "NDB" } else { "Meal" },
                if start { "started" } else { "ended" },
                area.name
            ))
        })
    });
    let s = session.clone();
    a.on_wrap_area(move || {
        let keep: Vec<String> = s
            .adapter_text(|a| a.get_keep_back())
            .split([' ', ','])
            .filter(|t| !t.is_empty())
            .map(|t| t.to_uppercase())
            .collect();
        let s2 = s.clone();
        s.console_do(move |face, console, now| {
            let at = s2.typed_time(face, now)?;
            let area = selected_area(face, console)?;
            let n = face
                .kiosk()
                .map_err(|e| e.to_string())?
                .wrap(Some(&area.name), &keep, at)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "{} wrapped: {n} released{}.",
                area.name,
                if keep.is_empty() {
                    String::new()
                } else {
                    format!(", {} kept back", keep.len())
                }
            ))
        })
    });
    let s = session.clone();
    a.on_save_area(move |new| {
        let name = s.adapter_text(|a| a.get_area_name());
        let location = s.adapter_text(|a| a.get_area_location());
        let capacity = s.adapter_text(|a| a.get_area_capacity());
        let order = s.adapter_text(|a| a.get_area_order());
        let union_filter = match s.adapter_int(|a| a.get_area_union()) {
            1 => Some(UnionStatus::Union),
            2 => Some(UnionStatus::NonUnion),
            _ => None,
        };
        s.console_do(move |face, console, _| {
            let capacity: u32 = capacity
                .parse()
                .map_err(|_| format!("the capacity '{capacity}' is not a whole number"))?;
            if name.is_empty() {
                return Err("give the area a name".into());
            }
            let order: i64 = if order.is_empty() {
                0
            } else {
                order
                    .parse()
                    .map_err(|_| format!("the order '{order}' is not a whole number"))?
            };
            let day = face.day.clone().expect("a day");
            let location = (!location.is_empty()).then_some(location);
            if new {
                face.store
                    .add_area(
                        &day,
                        &HoldingArea {
                            id: 0,
                            day_id: day.id,
                            name: name.clone(),
                            location,
                            capacity,
                            union_filter,
                            category_filter: Vec::new(),
                            order,
                        },
                    )
                    .map_err(|e| e.to_string())?;
                Ok(format!("{name} added."))
            } else {
                let mut area = selected_area(face, console)?;
                area.name = name.clone();
                area.location = location;
                area.capacity = capacity;
                area.union_filter = union_filter;
                if order != 0 {
                    area.order = order;
                }
                face.store.update_area(&area).map_err(|e| e.to_string())?;
                Ok(format!("{name} saved."))
            }
        })
    });
}

/// Requests, disputes and walk-ins.
fn connect_requests(a: &ConsoleAdapter<'_>, session: &Rc<Session>) {
    let s = session.clone();
    a.on_approve(move |id| {
        let note = s.adapter_text(|a| a.get_note());
        s.console_do(move |face, console, now| {
            let request = console.request(&id)?;
            let day = face.day.clone().expect("a day");
            if request.kind == "dispute" {
                if note.is_empty() {
                    return Err("write a note saying how the dispute was resolved".into());
                }
                face.kiosk()
                    .map_err(|e| e.to_string())?
                    .resolve_request(&request.event_id, &request.booking, "resolved", &note, now)
                    .map_err(|e| e.to_string())?;
                return Ok(format!(
                    "The dispute of {} is resolved.",
                    request.booking.badge_no
                ));
            }
            // A request: check them in and reissue their badge.
            let mut kiosk = face.kiosk().map_err(|e| e.to_string())?;
            kiosk
                .check_in(&request.booking, now, Actor::Supervisor)
                .map_err(|e| e.to_string())?;
            kiosk
                .resolve_request(&request.event_id, &request.booking, "approved", &note, now)
                .map_err(|e| e.to_string())?;
            let b = face
                .store
                .reissue_badge(
                    &day,
                    &request.booking.badge_no,
                    "no badge at the kiosk",
                    now,
                )
                .map_err(|e| e.to_string())?;
            let printed = print_badge(face, &b).unwrap_or_else(|e| e);
            Ok(format!(
                "{} {} checked in; badge reissued. {printed}",
                b.badge_no,
                public_name(&b)
            ))
        })
    });
    let s = session.clone();
    a.on_dismiss(move |id| {
        let note = s.adapter_text(|a| a.get_note());
        s.console_do(move |face, console, now| {
            let request = console.request(&id)?;
            face.kiosk()
                .map_err(|e| e.to_string())?
                .resolve_request(&request.event_id, &request.booking, "dismissed", &note, now)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Dismissed the request of {}.",
                request.booking.badge_no
            ))
        })
    });
    let s = session.clone();
    a.on_add_walkin(move || {
        let first = s.adapter_text(|a| a.get_walkin_first());
        let last = s.adapter_text(|a| a.get_walkin_last());
        let category =
            Category::ALL[s.adapter_int(|a| a.get_walkin_category()).clamp(0, 3) as usize];
        let union = s
            .window
            .upgrade()
            .is_some_and(|w| w.global::<ConsoleAdapter>().get_walkin_union());
        s.console_do(move |face, _, now| {
            if first.is_empty() || last.is_empty() {
                return Err("a walk-in needs a first and a last name".into());
            }
            let details = BookingDetails {
                first_name: first,
                last_name: last,
                category,
                union: if union {
                    UnionStatus::Union
                } else {
                    UnionStatus::NonUnion
                },
                rate: None,
                call_at: now,
                wardrobe: None,
                phone: None,
                email: None,
                agency: None,
                notes: None,
            };
            let b = face
                .kiosk()
                .map_err(|e| e.to_string())?
                .walk_in(&details, now)
                .map_err(|e| e.to_string())?;
            let printed = print_badge(face, &b).unwrap_or_else(|e| e);
            Ok(format!(
                "Walk-in {} {} added. {printed}",
                b.badge_no,
                b.details.full_name()
            ))
        })
    });
}

/// The export.
fn connect_wrap(a: &ConsoleAdapter<'_>, session: &Rc<Session>) {
    let s = session.clone();
    a.on_export(move || {
        let folder = PathBuf::from(s.adapter_text(|a| a.get_export_folder()));
        let request = ExportRequest {
            out_dir: folder,
            formats: vec![Format::Csv, Format::Xlsx, Format::Pdf],
            allow_open: true,
        };
        if s.background.get() {
            s.export_in_background(request);
            return;
        }
        let window = s.window.clone();
        s.console_do(move |face, _, now| {
            let day = face.day.clone().expect("a day");
            let mut progress = |_: &str, done: usize, of: usize| {
                if let Some(w) = window.upgrade() {
                    w.global::<ConsoleAdapter>()
                        .set_export_progress(done as f32 / of.max(1) as f32);
                }
            };
            let summary = report::export(&mut face.store, &day, &request, now, &mut progress)
                .map_err(|e| e.to_string())?;
            let text = export_text(&summary, &request);
            if let Some(w) = window.upgrade() {
                w.global::<ConsoleAdapter>()
                    .set_export_result(text.clone().into());
            }
            Ok(text)
        })
    });
}

/// The settings tab.
fn connect_settings(a: &ConsoleAdapter<'_>, session: &Rc<Session>) {
    let s = session.clone();
    a.on_change_pin(move || {
        let pin = s.adapter_text(|a| a.get_new_pin());
        s.console_do(move |face, _, now| {
            set_pin(&mut face.store, &pin, now).map_err(|e| e.to_string())?;
            Ok("The PIN is changed.".into())
        });
        if let Some(w) = s.window.upgrade() {
            w.global::<ConsoleAdapter>().set_new_pin("".into());
        }
    });
    let s = session.clone();
    a.on_toggle_language(move || {
        s.toggle_language();
        s.touched();
    });
    let s = session.clone();
    a.on_toggle_theme(move || {
        if let Some(w) = s.window.upgrade() {
            let theme = w.global::<super::Theme>();
            theme.set_dark(!theme.get_dark());
            w.global::<ConsoleAdapter>().set_dark(theme.get_dark());
            w.invoke_apply_theme();
        }
        s.touched();
    });
    let s = session.clone();
    a.on_save_settings(move || {
        let printer = s.adapter_text(|a| a.get_printer());
        let kiosk_id = s.adapter_text(|a| a.get_kiosk_id());
        let required = s.adapter_text(|a| a.get_union_required());
        let volume = s
            .window
            .upgrade()
            .map_or(0.8, |w| w.global::<ConsoleAdapter>().get_volume());
        s.set_volume(volume);
        s.console_do(move |face, _, _| {
            let day = face.day.clone().expect("a day");
            if !required.is_empty() && required.parse::<u32>().is_err() {
                return Err(format!("'{required}' is not a number of people"));
            }
            let rec = face.store.recording().map_err(|e| e.to_string())?;
            rec.set_setting("printer", &printer)
                .map_err(|e| e.to_string())?;
            rec.set_setting(&format!("union_required.{}", day.date), &required)
                .map_err(|e| e.to_string())?;
            rec.set_setting("volume", &format!("{volume:.2}"))
                .map_err(|e| e.to_string())?;
            if !kiosk_id.is_empty() {
                rec.set_setting("kiosk_id", &kiosk_id)
                    .map_err(|e| e.to_string())?;
            }
            rec.commit().map_err(|e| e.to_string())?;
            face.printer = (!printer.is_empty()).then_some(printer);
            if !kiosk_id.is_empty() {
                face.store.set_kiosk_id(&kiosk_id);
            }
            Ok("Settings saved.".into())
        })
    });
    let s = session.clone();
    a.on_backup(move || {
        let folder = PathBuf::from(s.adapter_text(|a| a.get_export_folder()));
        s.console_do(move |face, _, now| {
            let name = format!("kiosk-backup-{}.db", now.format("%Y%m%d-%H%M%S"));
            let path = folder.join(name);
            face.store.backup_to(&path).map_err(|e| e.to_string())?;
            Ok(format!("Backed up to {}.", path.display()))
        })
    });
}
