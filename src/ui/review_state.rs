//! What the console's review tab holds between reloads, with no Slint
//! types: the day's vouchers as reviewed, its disputes, the flag the list
//! is filtered by, the extra's day opened, and whether the day requires
//! approval. The disputes are read with the rest of the console after
//! every action; the vouchers when the review is shown.

use crate::kiosk::{Dispute, Kiosk};
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
    /// Something was recorded since the vouchers were reviewed: they are
    /// reviewed again when next shown, not on every reload (a review
    /// computes every voucher of the day).
    pub stale: bool,
}

impl ReviewState {
    /// The disputes (the Requests tab words them) and the day's setting,
    /// read on every reload; the vouchers marked to be reviewed again.
    pub fn reload(&mut self, kiosk: &Kiosk<'_>) {
        self.disputes = kiosk.disputes().unwrap_or_default();
        self.approval_required = kiosk.approval_required().unwrap_or(false);
        self.stale = true;
    }

    /// Reviews the day's vouchers again.
    pub fn load(&mut self, kiosk: &Kiosk<'_>) {
        self.stale = false;
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
