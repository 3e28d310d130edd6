//! The console's review of the day's vouchers, with no Slint types: the
//! list (those that need a look first) filtered by a flag, counts by flag,
//! one extra's day with its change log, approving one or every clean one,
//! and the name of who approves and decides at this console (asked once a
//! console session, forgotten at lock).

use super::console_controller::ConsoleController;
use super::console_forms::{ConsoleError, Notice, Outcome};
use crate::kiosk::disputes::checked_name;
use crate::kiosk::{Approved, Dispute, DisputeStatus, Kiosk};
use crate::report::VoucherStatus;
use crate::report::review::{Flag, Review};

/// What the review tab holds between reloads.
#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    pub reviews: Vec<Review>,
    pub disputes: Vec<Dispute>,
    /// Only vouchers with this flag are listed, when set.
    pub filter: Option<Flag>,
    /// The badge whose day is open beside the list.
    pub opened: Option<String>,
    pub approval_required: bool,
    /// Why the review could not be made (an open meal of someone released).
    pub error: Option<String>,
}

impl ReviewState {
    pub(super) fn load(&mut self, kiosk: &Kiosk<'_>) {
        match kiosk.review() {
            Ok(reviews) => {
                self.reviews = reviews;
                self.error = None;
            }
            Err(e) => {
                self.reviews.clear();
                self.error = Some(e.to_string());
            }
        }
        self.disputes = kiosk.disputes().unwrap_or_default();
        self.approval_required = kiosk.approval_required().unwrap_or(false);
    }

    /// The vouchers the filter lets through, in the review's order.
    pub fn shown(&self) -> Vec<&Review> {
        self.reviews
            .iter()
            .filter(|r| self.filter.is_none_or(|f| r.flags.contains(&f)))
            .collect()
    }

    /// How many vouchers carry each flag (flags none carries left out).
    pub fn counts(&self) -> Vec<(Flag, usize)> {
        Flag::ALL
            .into_iter()
            .map(|f| {
                (
                    f,
                    self.reviews.iter().filter(|r| r.flags.contains(&f)).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Released vouchers with nothing blocking, not approved yet.
    pub fn clean(&self) -> usize {
        self.reviews.iter().filter(|r| r.is_clean()).count()
    }

    /// Released vouchers not approved.
    pub fn unapproved(&self) -> usize {
        self.reviews
            .iter()
            .filter(|r| r.status == VoucherStatus::Released && r.approval.is_none())
            .count()
    }
}

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
        let name = checked_name(name)?;
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
                "type your name first (Approving as): it goes on every approval and decision"
                    .into(),
            ));
        }
        Ok(name)
    }

    pub fn review(&self) -> std::cell::Ref<'_, ReviewState> {
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
            .map(|l| format!("{}: {}", line_label(l.code), l.value))
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

fn line_label(code: &str) -> &'static str {
    match code {
        "in" => "In",
        "ndb" => "NDB",
        "meal1" => "Meal 1",
        "meal2" => "Meal 2",
        "out" => "Out",
        "hours" => "Hours worked",
        "paid_minimum" => "Paid the minimum",
        "bumps" => "Bumps",
        "gross" => "Gross",
        "disputed" => "Disputed",
        _ => "",
    }
}
