//! The voucher summary an extra sees at check-out, and the copy they keep
//! (as text, for a QR code a phone reads offline): in, meals, out, hours,
//! bumps and gross, computed from the log by the day's rules, with the
//! count of changes and the voucher's hash; and the day so far of an extra
//! still here, with its own copy.

use super::changes::{Change, changes_of, changes_words};
use super::csv_files::voucher_hash;
use super::vouchers::{Voucher, VoucherStatus, vouchers};
use crate::model::{Booking, Day};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// One line of a voucher summary: a code the screen names, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine {
    /// `in`, `meal1`, `meal2`, `out`, `hours` (worked), `paid_minimum` (a
    /// short day, paid the guaranteed hours), `bumps`, `gross`, or `see_pa`
    /// when the hours need a check.
    pub code: &'static str,
    pub value: String,
}

/// A released extra's voucher, summed up.
#[derive(Debug, Clone, PartialEq)]
pub struct VoucherSummary {
    pub lines: Vec<SummaryLine>,
    /// The extra's copy, as text.
    pub copy: String,
    /// The voucher itself, when the day's rules could compute it.
    pub voucher: Option<Voucher>,
    /// The changes made to the extra's day after the fact.
    pub changes: Vec<Change>,
    /// The extra's disputes of this voucher, oldest first.
    pub disputes: Vec<super::disputes::Dispute>,
}

/// The summary of `booking`'s voucher, released at `out`.
pub fn voucher_summary(
    store: &Store,
    day: &Day,
    booking: &Booking,
    out: DateTime<Utc>,
) -> VoucherSummary {
    let voucher: Option<Voucher> = store
        .time_card(day, booking)
        .ok()
        .zip(store.day_rules(day).ok())
        .and_then(|(card, rules)| vouchers(vec![card], &rules).ok())
        .and_then(|mut v| v.pop());
    let mut summary = summarise(day, booking, voucher, out);
    summary.changes = changes_of(store, day, booking.id).unwrap_or_default();
    summary.disputes = super::disputes::disputes_of(store, booking).unwrap_or_default();
    for d in &summary.disputes {
        let value = dispute_value(day, d);
        summary
            .copy
            .push_str(&format!("{}: {value}\n", copy_label("disputed")));
        summary.lines.push(SummaryLine {
            code: "disputed",
            value,
        });
    }
    summary
        .copy
        .push_str(&copy_tail(day, summary.voucher.as_ref(), &summary.changes));
    summary
}

/// How a summary says a dispute: "out time (you said 19:40)", with its
/// decision once there is one.
fn dispute_value(day: &Day, d: &super::disputes::Dispute) -> String {
    match d.status {
        super::disputes::DisputeStatus::Open => d.describe(day),
        status => format!("{}, {}", d.describe(day), status.code()),
    }
}

/// The end of an extra's copy: the count of changes and, for a voucher
/// that can be matched to the payroll PDF, its hash.
fn copy_tail(day: &Day, voucher: Option<&Voucher>, changes: &[Change]) -> String {
    let mut tail = format!("Changes: {}\n", changes_words(changes.len()));
    if let Some(v) = voucher {
        tail.push_str(&format!("Voucher: {}\n", voucher_hash(day, v)));
    }
    tail
}

/// The summary of `voucher` (if it could be computed) for `booking`.
pub fn summarise(
    day: &Day,
    booking: &Booking,
    voucher: Option<Voucher>,
    out: DateTime<Utc>,
) -> VoucherSummary {
    let clock = |t: DateTime<Utc>| day.format_at(t);
    let mut lines = Vec::new();
    let checked_in = voucher
        .as_ref()
        .and_then(|v| v.card.presence.as_ref())
        .and_then(|p| p.checked_in_at);
    if let Some(at) = checked_in {
        lines.push(SummaryLine {
            code: "in",
            value: clock(at),
        });
    }
    if let Some(v) = &voucher {
        for (i, meal) in v.meals.iter().take(2).enumerate() {
            lines.push(SummaryLine {
                code: if i == 0 { "meal1" } else { "meal2" },
                value: format!("{} – {}", clock(meal.start), clock(meal.end)),
            });
        }
    }
    lines.push(SummaryLine {
        code: "out",
        value: clock(out),
    });
    match voucher
        .as_ref()
        .filter(|v| v.status == VoucherStatus::Released)
        .and_then(|v| v.pay.as_ref().map(|p| (v, p)))
    {
        Some((v, pay)) => {
            lines.push(SummaryLine {
                code: "hours",
                value: crate::pay::hours_text(pay.tenths_worked),
            });
            // A short day is paid the guarantee: say so, or "Hours 0.4"
            // beside a full day's gross reads as a mistake.
            if pay.tenths_worked < pay.tenths_guaranteed {
                lines.push(SummaryLine {
                    code: "paid_minimum",
                    value: format!("{} h", crate::pay::hours_text(pay.tenths_guaranteed)),
                });
            }
            let bumps = v.bumps_text();
            lines.push(SummaryLine {
                code: "bumps",
                value: if bumps.is_empty() {
                    "—".into()
                } else {
                    bumps
                },
            });
            lines.push(SummaryLine {
                code: "gross",
                value: format!("${}", pay.gross),
            });
        }
        None => lines.push(SummaryLine {
            code: "see_pa",
            value: String::new(),
        }),
    }
    let mut copy = format!(
        "VOUCHER {} {}\n{} {}\n",
        day.title,
        day.date,
        booking.badge_no,
        booking.details.full_name()
    );
    for line in &lines {
        copy.push_str(&format!("{}: {}\n", copy_label(line.code), line.value));
    }
    VoucherSummary {
        lines,
        copy,
        voucher,
        changes: Vec::new(),
        disputes: Vec::new(),
    }
}

/// The label of a summary line's code in the extra's copy (and on the
/// console, which shows the same lines).
pub fn copy_label(code: &str) -> &'static str {
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
        _ => "Your hours need a check: see the PA",
    }
}

/// An extra's day so far, as if released now (nothing is recorded): the
/// lines to show and the voucher they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct DaySoFar {
    /// `in`, `ndb`, `meal1`, `meal2`, `hours`, `paid_minimum`, `bumps`,
    /// `gross`, as in [`SummaryLine`].
    pub lines: Vec<SummaryLine>,
    pub voucher: Voucher,
    /// The copy the extra can keep (a QR code on the card): `name` (first
    /// name and last initial), the lines, and the count of changes.
    pub copy: String,
}

/// `booking`'s day so far at `now`, when they are checked in and the day's
/// rules compute it (not while a meal is open); `name` is how the copy
/// names them.
pub fn day_so_far(
    store: &Store,
    day: &Day,
    booking: &Booking,
    name: &str,
    now: DateTime<Utc>,
) -> Option<DaySoFar> {
    let mut card = store.time_card(day, booking).ok()?;
    let presence = card.presence.as_mut()?;
    let checked_in = presence.checked_in_at?;
    if presence.released_at.is_some() {
        return None;
    }
    presence.released_at = Some(now.max(checked_in));
    let rules = store.day_rules(day).ok()?;
    let voucher = vouchers(vec![card], &rules).ok()?.pop()?;
    let mut lines: Vec<SummaryLine> = summarise(day, booking, Some(voucher.clone()), now)
        .lines
        .into_iter()
        .filter(|l| l.code != "out" && l.code != "see_pa")
        .collect();
    if let Some(ndb) = voucher.ndb {
        lines.insert(
            1.min(lines.len()),
            SummaryLine {
                code: "ndb",
                value: format!("{} – {}", day.format_at(ndb.start), day.format_at(ndb.end)),
            },
        );
    }
    let mut copy = format!(
        "MY DAY SO FAR {} {} at {}\n{} {}\n",
        day.title,
        day.date,
        day.format_at(now),
        booking.badge_no,
        name
    );
    for line in &lines {
        copy.push_str(&format!("{}: {}\n", copy_label(line.code), line.value));
    }
    copy.push_str("If released now; not a voucher.\n");
    let changes = changes_of(store, day, booking.id).unwrap_or_default();
    copy.push_str(&format!("Changes: {}\n", changes_words(changes.len())));
    Some(DaySoFar {
        lines,
        voucher,
        copy,
    })
}
