//! Vouchers approved before payroll: one by one (a voucher with a blocking
//! flag needs a note, which goes on the record) or every clean one at once.
//! An approval is a `voucher_approved` event naming who, with the voucher's
//! hash; it travels to every kiosk and stands while that hash does.

use super::disputes::{checked_name, checked_words};
use super::{Kiosk, KioskError};
use crate::report::VoucherStatus;
use crate::report::review::{Flag, Review, review, review_one};
use crate::store::{Actor, NewEvent, Recording};
use chrono::{DateTime, Utc};
use serde_json::json;

/// What approving one voucher did.
#[derive(Debug, Clone, PartialEq)]
pub enum Approved {
    /// Approved now.
    Now(Review),
    /// It was approved already, unchanged since: nothing recorded.
    Already(Review),
}

/// What "approve all clean" did: the badges approved, and those left with
/// the flags that kept them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CleanApproval {
    pub approved: Vec<String>,
    pub left: Vec<(String, String, Vec<Flag>)>,
    pub already: usize,
}

impl CleanApproval {
    /// "Approved 212 vouchers by J. Ruiz. Left 9 for a look: 5 unsigned,
    /// 3 disputed, 1 conflict."
    pub fn words(&self, by: &str) -> String {
        let mut text = format!(
            "Approved {} voucher{} by {by}.",
            self.approved.len(),
            if self.approved.len() == 1 { "" } else { "s" }
        );
        if !self.left.is_empty() {
            let why: Vec<String> = self
                .left_by_flag()
                .into_iter()
                .map(|(f, n)| format!("{n} {}", f.code().replace('_', " ")))
                .collect();
            text.push_str(&format!(
                " Left {} for a look: {}.",
                self.left.len(),
                why.join(", ")
            ));
        }
        if self.already > 0 {
            text.push_str(&format!(" {} approved already.", self.already));
        }
        text
    }

    /// "3 unsigned, 1 disputed": why vouchers were left, by flag.
    pub fn left_by_flag(&self) -> Vec<(Flag, usize)> {
        let mut counts: std::collections::BTreeMap<Flag, usize> = Default::default();
        for flag in self.left.iter().flat_map(|(_, _, flags)| flags) {
            *counts.entry(*flag).or_default() += 1;
        }
        counts.into_iter().collect()
    }
}

/// A review that could not be made (an open meal of someone released):
/// nothing is approved, and the message says what to end or correct.
fn review_error(e: crate::report::ExportError) -> KioskError {
    match e {
        crate::report::ExportError::Store(s) => KioskError::Store(s),
        other => KioskError::Approval(other.to_string()),
    }
}

fn day_review(kiosk: &Kiosk<'_>) -> Result<Vec<Review>, KioskError> {
    review(kiosk.store, &kiosk.day).map_err(review_error)
}

fn record_approval(
    rec: &Recording<'_>,
    day: &crate::model::Day,
    r: &Review,
    by: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<(), KioskError> {
    rec.append(&NewEvent {
        kind: "voucher_approved",
        day_id: Some(day.id),
        booking_id: Some(r.booking_id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({
            "badge": r.badge,
            "by": by,
            "note": note,
            "hash": r.hash,
            "gross_cents": r.gross.cents(),
            "flags": r.flags.iter().map(|f| f.code()).collect::<Vec<_>>(),
        }),
    })?;
    Ok(())
}

impl Kiosk<'_> {
    /// One booking's voucher as the review shows it.
    pub fn review_of(&self, booking: &crate::model::Booking) -> Result<Review, KioskError> {
        review_one(self.store, &self.day, booking).map_err(review_error)
    }

    /// The day's vouchers as the review shows them, those that need a look
    /// first.
    pub fn review(&self) -> Result<Vec<Review>, KioskError> {
        day_review(self)
    }

    /// Approves the voucher of `badge` by `by`. One with a blocking flag
    /// needs `note` (why it is approved anyway); a no-show is never
    /// approved (there is nothing to pay).
    pub fn approve_voucher(
        &mut self,
        badge: &str,
        by: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Approved, KioskError> {
        let by = checked_name(by).map_err(KioskError::Approval)?;
        let note = checked_words(note).map_err(KioskError::Approval)?;
        let note = note.as_str();
        let booking = self.booking(badge)?;
        let r = review_one(self.store, &self.day, &booking).map_err(review_error)?;
        let who = format!("{} ({})", r.badge, r.name);
        if r.status == VoucherStatus::NoShow {
            return Err(KioskError::Approval(format!(
                "{who} did not come: a no-show has nothing to pay and is not approved; if they did work, check them in late (or correct their in time) first"
            )));
        }
        if r.approval.is_some() {
            return Ok(Approved::Already(r));
        }
        let blocking = r.blocking();
        if !blocking.is_empty() && note.is_empty() {
            let codes: Vec<&str> = blocking.iter().map(|f| f.code()).collect();
            return Err(KioskError::Approval(format!(
                "{who} is {}: settle that first, or approve with a note saying why (it goes on the record)",
                codes.join(", ")
            )));
        }
        let day = self.day.clone();
        let rec = self.store.recording()?;
        record_approval(&rec, &day, &r, &by, note, at)?;
        rec.commit()?;
        let now = review_one(self.store, &day, &booking).map_err(review_error)?;
        Ok(Approved::Now(now))
    }

    /// Approves, by `by`, every released voucher with no blocking flag not
    /// approved yet, in one transaction; says which were left and why.
    pub fn approve_clean(
        &mut self,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<CleanApproval, KioskError> {
        let by = checked_name(by).map_err(KioskError::Approval)?;
        let reviews = day_review(self)?;
        let day = self.day.clone();
        let mut done = CleanApproval::default();
        let rec = self.store.recording()?;
        for r in &reviews {
            if r.status == VoucherStatus::NoShow {
                continue;
            }
            if r.approval.is_some() {
                done.already += 1;
            } else if r.is_clean() {
                record_approval(&rec, &day, r, &by, "", at)?;
                done.approved.push(r.badge.clone());
            } else {
                done.left
                    .push((r.badge.clone(), r.name.clone(), r.blocking()));
            }
        }
        rec.commit()?;
        Ok(done)
    }
}
