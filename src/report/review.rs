//! The day's vouchers reviewed before payroll: each with the flags that
//! call for a look (blocking ones first), and its approval, which stands
//! while the voucher's hash (its CSV row from `date` to `corrections`) is
//! the one approved; any later change to those columns withdraws it.

use super::csv_files::voucher_hash;
use super::disputes::{DisputeStatus, MAX_DISPUTE_WORDS, MAX_NAME_CHARS, by_clock, disputes};
use super::vouchers::{Voucher, VoucherStatus};
use super::{ExportError, vouchers};
use crate::model::{Booking, Day, Money};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Something about a voucher that calls for a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    NotReleased,
    NoShow,
    /// Released, and neither signed at the kiosk nor on paper.
    Unsigned,
    /// A dispute is open.
    Disputed,
    /// An open conflict between kiosks names the badge.
    Conflict,
    ChangedSinceApproval,
    ItemsOut,
    PaperworkPending,
    MealPenalty,
    Corrected,
}

impl Flag {
    pub const ALL: [Flag; 10] = [
        Flag::NotReleased,
        Flag::Unsigned,
        Flag::Disputed,
        Flag::Conflict,
        Flag::ChangedSinceApproval,
        Flag::ItemsOut,
        Flag::PaperworkPending,
        Flag::MealPenalty,
        Flag::Corrected,
        Flag::NoShow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Flag::NotReleased => "not_released",
            Flag::NoShow => "no_show",
            Flag::Unsigned => "unsigned",
            Flag::Disputed => "disputed",
            Flag::Conflict => "conflict",
            Flag::ChangedSinceApproval => "changed_since_approval",
            Flag::ItemsOut => "items_out",
            Flag::PaperworkPending => "paperwork_pending",
            Flag::MealPenalty => "meal_penalty",
            Flag::Corrected => "corrected",
        }
    }

    pub fn from_code(code: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Whether approving a voucher with this flag needs a note. Pay is
    /// never held against wardrobe (`items_out`).
    pub fn blocking(self) -> bool {
        matches!(
            self,
            Flag::NotReleased
                | Flag::Unsigned
                | Flag::Disputed
                | Flag::Conflict
                | Flag::ChangedSinceApproval
        )
    }
}

/// An approval that stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// One booking's voucher as the review shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub booking_id: i64,
    pub badge: String,
    pub name: String,
    pub status: VoucherStatus,
    pub gross: Money,
    pub flags: Vec<Flag>,
    pub approval: Option<Approval>,
    /// The voucher's hash now (what an approval records).
    pub hash: String,
    /// The latest decided dispute's outcome, or `open` while one is open.
    pub dispute: Option<DisputeStatus>,
}

impl Review {
    pub fn blocking(&self) -> Vec<Flag> {
        self.flags
            .iter()
            .copied()
            .filter(|f| f.blocking())
            .collect()
    }

    /// Released, nothing blocking, not approved: approved by "all clean".
    pub fn is_clean(&self) -> bool {
        self.status == VoucherStatus::Released
            && self.approval.is_none()
            && self.blocking().is_empty()
    }
}

/// An approval as recorded.
struct Approved {
    hash: String,
    by: String,
    at: DateTime<Utc>,
    note: String,
}

/// The approval that stands for a voucher whose hash is `hash`, from its
/// approvals in clock order: the first of the latest run of one hash (two
/// kiosks approving the same voucher: the first), when that is `hash`.
/// Returns it, and whether an approval was withdrawn by a change.
fn standing(approvals: &[Approved], hash: &str) -> (Option<Approval>, bool) {
    let Some(last) = approvals.last() else {
        return (None, false);
    };
    if last.hash != hash {
        return (None, true);
    }
    let first = approvals
        .iter()
        .rposition(|a| a.hash != last.hash)
        .map_or(0, |i| i + 1);
    let a = &approvals[first];
    (
        Some(Approval {
            by: a.by.clone(),
            at: a.at,
            note: a.note.clone(),
        }),
        false,
    )
}

/// The review of `vouchers` (the day's, as [`vouchers`] computes them), in
/// their order.
pub fn review_of(
    store: &Store,
    day: &Day,
    vouchers: &[Voucher],
) -> Result<Vec<Review>, ExportError> {
    let signed = store.bookings_with_event(day.id, "voucher_signed")?;
    let mut events = store.events_of_kinds(&["voucher_approved"])?;
    events.retain(|e| e.day_id == Some(day.id));
    by_clock(&mut events);
    let mut approvals: HashMap<i64, Vec<Approved>> = HashMap::new();
    for e in &events {
        let Some(booking) = e.booking_id else {
            continue;
        };
        let p: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        let Some(hash) = p["hash"].as_str() else {
            continue;
        };
        let text = |k: &str, n: usize| -> String {
            p[k].as_str().unwrap_or_default().chars().take(n).collect()
        };
        approvals.entry(booking).or_default().push(Approved {
            hash: hash.to_string(),
            by: text("by", MAX_NAME_CHARS),
            at: e.happened_at,
            note: text("note", MAX_DISPUTE_WORDS),
        });
    }
    // Per booking: `open` while one is open, else the latest decision
    // (later entries overwrite earlier ones as the map is built).
    let mut all_disputes = disputes(store, day)?;
    all_disputes.sort_by_key(|d| (d.status == DisputeStatus::Open, d.decided_at));
    let dispute_state: HashMap<i64, DisputeStatus> = all_disputes
        .iter()
        .map(|d| (d.booking.id, d.status))
        .collect();
    let conflicted: HashSet<String> = store
        .conflicts(day.id)?
        .into_iter()
        .filter(|c| c.resolved.is_none())
        .filter_map(|c| c.badge)
        .collect();
    let mut reviews = Vec::with_capacity(vouchers.len());
    for v in vouchers {
        let b = &v.card.booking;
        let hash = voucher_hash(day, v);
        let (approval, withdrawn) = match v.status {
            VoucherStatus::NoShow => (None, false),
            _ => standing(approvals.get(&b.id).map_or(&[][..], Vec::as_slice), &hash),
        };
        let dispute = dispute_state.get(&b.id).copied();
        let mut flags = Vec::new();
        match v.status {
            VoucherStatus::NoShow => flags.push(Flag::NoShow),
            VoucherStatus::NotReleased => flags.push(Flag::NotReleased),
            VoucherStatus::Released => {
                if !signed.contains(&b.id) && !b.details.paper_voucher {
                    flags.push(Flag::Unsigned);
                }
            }
        }
        if v.status != VoucherStatus::NoShow {
            if dispute == Some(DisputeStatus::Open) {
                flags.push(Flag::Disputed);
            }
            if conflicted.contains(&b.badge_no) {
                flags.push(Flag::Conflict);
            }
            if withdrawn {
                flags.push(Flag::ChangedSinceApproval);
            }
            if v.card.items_out > 0 {
                flags.push(Flag::ItemsOut);
            }
            if b.details.paperwork == crate::model::Paperwork::Pending {
                flags.push(Flag::PaperworkPending);
            }
            if v.pay.as_ref().is_some_and(|p| p.penalty_units > 0) {
                flags.push(Flag::MealPenalty);
            }
            if v.card.corrections > 0 {
                flags.push(Flag::Corrected);
            }
        }
        reviews.push(Review {
            booking_id: b.id,
            badge: b.badge_no.clone(),
            name: b.details.full_name(),
            status: v.status,
            gross: v.gross(),
            flags,
            approval,
            hash,
            dispute,
        });
    }
    Ok(reviews)
}

/// The day's review, the vouchers that need a look first: a blocking flag,
/// then released and not approved, then approved, then no-shows; by name
/// within each.
pub fn review(store: &Store, day: &Day) -> Result<Vec<Review>, ExportError> {
    let rules = store.day_rules(day)?;
    let vouchers = vouchers(store.time_cards(day)?, &rules)?;
    let mut reviews = review_of(store, day, &vouchers)?;
    reviews.sort_by_key(|r| match (r.status, r.blocking().is_empty(), &r.approval) {
        (VoucherStatus::NoShow, ..) => 3,
        (_, false, _) => 0,
        (_, true, None) => 1,
        (_, true, Some(_)) => 2,
    });
    Ok(reviews)
}

/// The review of one booking's voucher (an approval reads no other).
pub fn review_one(store: &Store, day: &Day, booking: &Booking) -> Result<Review, ExportError> {
    let rules = store.day_rules(day)?;
    let vouchers = vouchers(vec![store.time_card(day, booking)?], &rules)?;
    let mut one = review_of(store, day, &vouchers)?;
    Ok(one.remove(0))
}

/// How many of the day's disputes are open.
pub fn disputes_open(store: &Store, day: &Day) -> Result<u32, crate::store::StoreError> {
    Ok(disputes(store, day)?
        .iter()
        .filter(|d| d.status == DisputeStatus::Open)
        .count() as u32)
}

/// How many released vouchers are not approved; an error when the
/// vouchers cannot be computed (a released extra's meal never ended).
pub fn unapproved(store: &Store, day: &Day) -> Result<u32, ExportError> {
    let rules = store.day_rules(day)?;
    let vouchers = vouchers(store.time_cards(day)?, &rules)?;
    Ok(review_of(store, day, &vouchers)?
        .iter()
        .filter(|r| r.status == VoucherStatus::Released && r.approval.is_none())
        .count() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn approved(hash: &str, by: &str, minute: u32) -> Approved {
        Approved {
            hash: hash.into(),
            by: by.into(),
            at: Utc.with_ymd_and_hms(2026, 11, 28, 20, minute, 0).unwrap(),
            note: String::new(),
        }
    }

    #[test]
    fn the_first_approval_of_the_latest_hash_stands() {
        assert_eq!(standing(&[], "a"), (None, false));
        let two_kiosks = [approved("a", "Ruiz", 1), approved("a", "Lee", 2)];
        let (a, withdrawn) = standing(&two_kiosks, "a");
        assert_eq!(a.unwrap().by, "Ruiz");
        assert!(!withdrawn);
        let (a, withdrawn) = standing(&two_kiosks, "b");
        assert!(a.is_none() && withdrawn, "changed since");
        let again = [
            approved("a", "Ruiz", 1),
            approved("b", "Lee", 2),
            approved("b", "Ruiz", 3),
        ];
        assert_eq!(standing(&again, "b").0.unwrap().by, "Lee");
    }

    #[test]
    fn blocking_flags_are_the_five_the_issue_names() {
        let blocking: Vec<&str> = Flag::ALL
            .iter()
            .filter(|f| f.blocking())
            .map(|f| f.code())
            .collect();
        assert_eq!(
            blocking,
            [
                "not_released",
                "unsigned",
                "disputed",
                "conflict",
                "changed_since_approval"
            ]
        );
        for f in Flag::ALL {
            assert_eq!(Flag::from_code(f.code()), Some(f));
        }
    }
}
