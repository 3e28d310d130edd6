//! The requests tab: maps the open "no badge" requests and disputes onto
//! RequestsAdapter and connects approving, dismissing and adding walk-ins.

use super::console_adapter::show_outcome;
use super::console_controller::{Changed, ConsoleController};
use super::console_forms::{Outcome, WalkInForm};
use super::session::Session;
use super::{KioskWindow, RequestKind, RequestRow, RequestsAdapter};
use crate::model::{Category, UnionStatus};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::rc::Rc;

fn map_requests(window: &KioskWindow, console: &ConsoleController) {
    let Some(day) = console.day() else { return };
    let rows: Vec<RequestRow> = console
        .requests()
        .iter()
        .map(|r| {
            use crate::kiosk::RequestKind as Kind;
            RequestRow {
                id: r.event_id.as_str().into(),
                kind: match r.kind {
                    Kind::Dispute => RequestKind::Dispute,
                    Kind::NoBadge => RequestKind::NoBadge,
                    Kind::Paperwork => RequestKind::Paperwork,
                },
                name: r.booking.details.full_name().into(),
                badge: r.booking.badge_no.as_str().into(),
                at: day.format_at(r.at).into(),
                note: match r.kind {
                    Kind::Dispute => match console.dispute_of(&r.event_id) {
                        Some(d) => dispute_words(&d, &day),
                        None => "says the voucher is wrong".into(),
                    },
                    Kind::NoBadge => "has no badge".into(),
                    Kind::Paperwork => "start paperwork pending: inspect the documents".into(),
                }
                .into(),
            }
        })
        .collect();
    window
        .global::<RequestsAdapter>()
        .set_requests(ModelRc::new(VecModel::from(rows)));
}

/// How the Requests tab says a dispute: "disputes the out time (you said
/// 19:40), recorded 19:10: \"stayed for the last shot\"".
fn dispute_words(d: &crate::kiosk::Dispute, day: &crate::model::Day) -> String {
    use crate::kiosk::DisputeAbout;
    let mut text = match d.about {
        DisputeAbout::Other => "says something else is wrong".to_string(),
        DisputeAbout::Bump => format!("says {}", d.describe(day)),
        DisputeAbout::Time(_) => format!("disputes the {}", d.describe(day)),
    };
    if let Some(rec) = d.recorded {
        text.push_str(&format!(", recorded {}", day.format_at(rec)));
    }
    if !d.words.is_empty() {
        text.push_str(&format!(": \"{}\"", d.words));
    }
    text
}

/// Shows what an action did; on success what was typed is cleared.
fn done(window: &slint::Weak<KioskWindow>, session: &Session, outcome: Outcome) {
    session.touched();
    let Some(w) = window.upgrade() else { return };
    if show_outcome(&w, &outcome) {
        let a = w.global::<RequestsAdapter>();
        a.set_note("".into());
        a.set_walkin_first("".into());
        a.set_walkin_last("".into());
    }
}

/// Connects the requests tab.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<RequestsAdapter>();
    let (w, c) = (window.as_weak(), Rc::downgrade(session.console()));
    session.console().on_changed(move |what| {
        if let (Some(w), Some(c), Changed::Day) = (w.upgrade(), c.upgrade(), what) {
            map_requests(&w, &c);
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_approve(move |id, note| done(&w, &s, s.console().approve(&id, &note)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_dismiss(move |id, note| done(&w, &s, s.console().dismiss(&id, &note)));
    let (w, s) = (window.as_weak(), session.clone());
    a.on_add_walkin(move |first, last, category, union| {
        let form = WalkInForm {
            first_name: first.to_string(),
            last_name: last.to_string(),
            category: Category::ALL[category.clamp(0, Category::ALL.len() as i32 - 1) as usize],
            union: if union {
                UnionStatus::Union
            } else {
                UnionStatus::NonUnion
            },
        };
        done(&w, &s, s.console().add_walk_in(&form))
    });
}
