//! The wrap tab: the day's vouchers reviewed and approved (counts by flag,
//! the list filtered, one extra's day opened), who approves at this
//! console, who is still here, and the export to a folder with its
//! progress bar (on a thread of its own in the real app, so the kiosk
//! stays responsive).

use super::console_adapter::show_outcome;
use super::console_controller::{Changed, ConsoleController};
use super::console_forms::Notice;
use super::session::Session;
use super::{
    ApproverAdapter, ConsoleAdapter, ConsoleTab, FlagCount, KioskWindow, ReviewRow, StillHereRow,
    WrapAdapter,
};
use crate::report::{ExportRequest, Format, VoucherStatus};
use slint::{ComponentHandle, ModelRc, VecModel};
use std::path::{Path, PathBuf};
use std::rc::Rc;

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

fn map_still_here(window: &KioskWindow, console: &ConsoleController) {
    let rows: Vec<StillHereRow> = console
        .roster()
        .still_here()
        .iter()
        .map(|e| StillHereRow {
            name: e.booking.details.full_name().into(),
            badge: e.booking.badge_no.as_str().into(),
            area: e.area.clone().unwrap_or_default().into(),
        })
        .collect();
    window
        .global::<WrapAdapter>()
        .set_still_here(ModelRc::new(VecModel::from(rows)));
    let items: Vec<slint::SharedString> = console
        .items_out()
        .iter()
        .map(|i| {
            format!(
                "{} {} {}: {}",
                i.badge,
                i.first_name,
                i.last_name,
                crate::kiosk::items::return_words(i)
            )
            .into()
        })
        .collect();
    window
        .global::<WrapAdapter>()
        .set_items_out(ModelRc::new(VecModel::from(items)));
}

/// The review: counts by flag, the rows the filter lets through, the day
/// opened, and who approves.
fn map_review(window: &KioskWindow, console: &ConsoleController) {
    window
        .global::<ApproverAdapter>()
        .set_name(console.approver().into());
    // A review computes every voucher of the day: only for the tab shown.
    if window.global::<ConsoleAdapter>().get_tab() != ConsoleTab::Wrap {
        return;
    }
    let a = window.global::<WrapAdapter>();
    let r = console.review();
    let counts: Vec<FlagCount> = r
        .counts()
        .into_iter()
        .map(|(f, n)| FlagCount {
            code: f.code().into(),
            count: n as i32,
            blocking: f.blocking(),
        })
        .collect();
    let rows: Vec<ReviewRow> = r
        .shown()
        .into_iter()
        .map(|v| ReviewRow {
            badge: v.badge.as_str().into(),
            name: v.name.as_str().into(),
            status: v.status.code().into(),
            gross: v.gross.to_string().into(),
            flags: v
                .flags
                .iter()
                .map(|f| f.code().replace('_', " "))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            approved: v
                .approval
                .as_ref()
                .map(|ap| format!("approved by {}", ap.by))
                .unwrap_or_default()
                .into(),
            blocking: !v.blocking().is_empty(),
        })
        .collect();
    a.set_counts(ModelRc::new(VecModel::from(counts)));
    a.set_rows(ModelRc::new(VecModel::from(rows)));
    a.set_total(r.reviews.len() as i32);
    a.set_clean(r.clean() as i32);
    a.set_unapproved(r.unapproved() as i32);
    a.set_approval_required(r.approval_required);
    a.set_review_error(r.error.clone().unwrap_or_default().into());
    a.set_filter(r.filter.map(|f| f.code()).unwrap_or_default().into());
    let opened = r.opened.clone().unwrap_or_default();
    a.set_opened(opened.as_str().into());
    a.set_opened_approvable(
        r.reviews.iter().any(|v| {
            v.badge == opened && v.approval.is_none() && v.status != VoucherStatus::NoShow
        }),
    );
    drop(r);
    let day = console.opened_day().unwrap_or_default();
    a.set_opened_title(day.title.into());
    let strings = |v: Vec<String>| {
        ModelRc::new(VecModel::from(
            v.into_iter()
                .map(slint::SharedString::from)
                .collect::<Vec<_>>(),
        ))
    };
    a.set_opened_lines(strings(day.lines));
    a.set_opened_changes(strings(day.changes));
}

/// Exports on a thread; progress and the result come back through the
/// event loop.
fn export_in_background(window: &KioskWindow, session: &Session, request: ExportRequest) {
    let job = match session.console().export_job(request) {
        Ok(job) => job,
        Err(e) => {
            show_outcome(window, &Err(e));
            return;
        }
    };
    let a = window.global::<WrapAdapter>();
    a.set_progress(0.0);
    a.set_result("Exporting…".into());
    let (window, now) = (window.as_weak(), session.now());
    std::thread::spawn(move || {
        let progress_window = window.clone();
        let mut progress = move |_: &str, done: usize, of: usize| {
            let fraction = done as f32 / of.max(1) as f32;
            let _ = progress_window
                .upgrade_in_event_loop(move |w| w.global::<WrapAdapter>().set_progress(fraction));
        };
        let outcome = job.run(now, &mut progress);
        let (text, error) = match &outcome {
            Ok(Notice(text)) => (text.clone(), false),
            Err(e) => (e.to_string(), true),
        };
        let _ = window.upgrade_in_event_loop(move |w| {
            w.global::<WrapAdapter>().set_result(text.as_str().into());
            let a = w.global::<ConsoleAdapter>();
            a.set_notice(text.into());
            a.set_notice_is_error(error);
        });
    });
}

/// Connects the wrap tab.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<WrapAdapter>();
    a.set_folder(default_folder().display().to_string().into());
    let (w, c) = (window.as_weak(), Rc::downgrade(session.console()));
    session.console().on_changed(move |what| {
        if let (Some(w), Some(c), Changed::Day) = (w.upgrade(), c.upgrade(), what) {
            map_still_here(&w, &c);
            map_review(&w, &c);
        }
    });
    let approver = window.global::<ApproverAdapter>();
    let (w, s) = (window.as_weak(), session.clone());
    approver.on_set(move |name| {
        s.touched();
        let Some(w) = w.upgrade() else { return };
        if show_outcome(&w, &s.console().set_approver(&name)) {
            w.global::<ApproverAdapter>().set_typed("".into());
        }
    });
    let s = session.clone();
    approver.on_change(move || {
        s.touched();
        s.console().forget_approver();
        s.console().reload();
    });
    let s = session.clone();
    a.on_filter_by(move |code| {
        s.touched();
        s.console()
            .filter_review(crate::report::review::Flag::from_code(&code));
    });
    let s = session.clone();
    a.on_open(move |badge| {
        s.touched();
        s.console()
            .open_review((!badge.is_empty()).then_some(badge.as_str()));
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_approve(move |badge, note| {
        s.touched();
        let Some(w) = w.upgrade() else { return };
        if show_outcome(&w, &s.console().approve_voucher(&badge, &note)) {
            w.global::<WrapAdapter>().set_note("".into());
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_approve_clean(move || {
        s.touched();
        if let Some(w) = w.upgrade() {
            show_outcome(&w, &s.console().approve_all_clean());
        }
    });
    let (w, s) = (window.as_weak(), session.clone());
    a.on_export(move |folder| {
        s.touched();
        let Some(w) = w.upgrade() else { return };
        let request = ExportRequest {
            out_dir: Path::new(folder.trim()).to_path_buf(),
            formats: vec![Format::Csv, Format::Xlsx, Format::Pdf],
            allow_open: true,
            allow_unsynced: false,
            allow_unapproved: false,
            paper: Default::default(),
        };
        if s.background() {
            export_in_background(&w, &s, request);
            return;
        }
        let window = w.as_weak();
        let mut progress = |_: &str, done: usize, of: usize| {
            if let Some(w) = window.upgrade() {
                w.global::<WrapAdapter>()
                    .set_progress(done as f32 / of.max(1) as f32);
            }
        };
        let outcome = s.console().export(&request, &mut progress);
        if let Ok(Notice(text)) = &outcome {
            w.global::<WrapAdapter>().set_result(text.as_str().into());
        }
        show_outcome(&w, &outcome);
    });
}
