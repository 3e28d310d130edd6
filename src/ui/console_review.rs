//! The console's review of the day's vouchers, with no Slint types: the
//! list (those that need a look first) filtered by a flag, counts by flag,
//! one extra's day with its change log, approving one or every clean one,
//! and the name of who approves and decides at this console (asked once a
//! console session, forgotten at lock).

use super::console_controller::ConsoleController;
use super::console_forms::{ConsoleError, Notice, Outcome};
use super::review_state::ReviewState;
use crate::kiosk::disputes::checked_name;
use crate::kiosk::{Approved, Dispute, DisputeStatus};
use crate::report::review::Flag;
use crate::report::summary::copy_label;

/// One extra's day as the review opens it: the voucher's lines and every
/// change after the fact, disputes and their decisions included.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoucherDay {
    pub title: String,
    pub lines: Vec<String>,
    pub changes: Vec<String>,
}

impl ConsoleController {
    /// Who approves at this console ("" until they said).
    pub fn approver(&self) -> String {
        self.approver.borrow().clone()
    }

    /// The name that goes on every approval and decision made here.
    pub fn set_approver(&self, name: &str) -> Outcome {
        let name = checked_name(name).map_err(ConsoleError::Input)?;
        *self.approver.borrow_mut() = name.clone();
        self.changed(super::console_controller::Changed::Day);
        Ok(Notice(format!(
            "Approving as {name}: your name goes on every approval and decision until the console locks."
        )))
    }

    pub fn forget_approver(&self) {
        // (The review tab's open day closes with it.)
        self.approver.borrow_mut().clear();
        self.review.borrow_mut().opened = None;
    }

    pub(super) fn approver_name(&self) -> Result<String, ConsoleError> {
        let name = self.approver();
        if name.is_empty() {
            return Err(ConsoleError::Input(
                "type your name first, in the field \"Your name\": it goes on every approval and decision"
                    .into(),
            ));
        }
        Ok(name)
    }

    /// The review, the day's vouchers reviewed again first if anything was
    /// recorded since.
    pub fn review(&self) -> std::cell::Ref<'_, ReviewState> {
        if self.review.borrow().stale
            && let Ok(kiosk) = self.station.borrow_mut().kiosk()
        {
            self.review.borrow_mut().load(&kiosk);
        }
        self.review.borrow()
    }

    /// Lists only the vouchers with `flag` (or all).
    pub fn filter_review(&self, flag: Option<Flag>) {
        self.review.borrow_mut().filter = flag;
        self.changed(super::console_controller::Changed::Day);
    }

    /// Opens the day of `badge` beside the list (or closes it).
    pub fn open_review(&self, badge: Option<&str>) {
        self.review.borrow_mut().opened = badge.map(str::to_string);
        self.changed(super::console_controller::Changed::Day);
    }

    /// The day of the voucher opened in the review.
    pub fn opened_day(&self) -> Option<VoucherDay> {
        let badge = self.review.borrow().opened.clone()?;
        let station = self.station.borrow();
        let day = station.day()?.clone();
        let booking = station.booking(&badge).ok()?;
        let out = station
            .released_at(&booking)
            .ok()
            .flatten()
            .unwrap_or_else(|| self.now());
        let summary = station.voucher_summary(&booking, out).ok()?;
        let review = self.review.borrow();
        let r = review.reviews.iter().find(|r| r.badge == badge);
        let mut lines: Vec<String> = summary
            .lines
            .iter()
            .filter(|l| l.code != "see_pa")
            .map(|l| format!("{}: {}", copy_label(l.code), l.value))
            .collect();
        if let Some(r) = r {
            lines.push(format!(
                "Status: {}{}",
                r.status.code().replace('_', " "),
                if r.flags.is_empty() {
                    String::new()
                } else {
                    format!(
                        " · {}",
                        r.flags
                            .iter()
                            .map(|f| f.code().replace('_', " "))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ));
            lines.push(match &r.approval {
                Some(a) => format!(
                    "Approved by {}, {}{}",
                    a.by,
                    crate::report::pdf::when_words(&day, a.at),
                    if a.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", a.note)
                    }
                ),
                None => format!("Not approved · voucher {}", r.hash),
            });
        }
        let changes = summary
            .changes
            .iter()
            .map(|c| {
                let mut text = format!(
                    "{}  {}: {} → {}  ({})",
                    crate::report::pdf::when_words(&day, c.at),
                    c.what,
                    c.from,
                    c.to,
                    c.who
                );
                if !c.why.is_empty() {
                    text.push_str(&format!(" {}", c.why));
                }
                text
            })
            .collect();
        Some(VoucherDay {
            title: format!("{} {}", booking.badge_no, booking.details.full_name()),
            lines,
            changes,
        })
    }

    /// Approves the voucher of `badge` (a note is needed past a blocking
    /// flag).
    pub fn approve_voucher(&self, badge: &str, note: &str) -> Outcome {
        let by = self.approver_name()?;
        self.record(|k, now| {
            Ok(match k.approve_voucher(badge, &by, note, now)? {
                Approved::Now(r) => format!("{} {} approved by {by}.", r.badge, r.name),
                Approved::Already(r) => format!(
                    "{} {} was approved already{}.",
                    r.badge,
                    r.name,
                    r.approval
                        .map(|a| format!(" by {}", a.by))
                        .unwrap_or_default()
                ),
            })
        })
    }

    /// Approves every clean voucher; says how many were left and why.
    pub fn approve_all_clean(&self) -> Outcome {
        let by = self.approver_name()?;
        self.record(|k, now| {
            let done = k.approve_clean(&by, now)?;
            Ok(done.words(&by))
        })
    }

    /// The day's open disputes (for the Requests tab's words).
    pub fn dispute_of(&self, id: &str) -> Option<Dispute> {
        self.review
            .borrow()
            .disputes
            .iter()
            .find(|d| d.id == id && d.status == DisputeStatus::Open)
            .cloned()
    }
}
