//! Matching a new skin against the bookings already made for the day: who is
//! added, who is updated in place (keeping their badge), who was removed.

use super::rows::{SkinRow, email_key, name_key, phone_key};
use crate::model::{Booking, BookingSource, Paperwork};
use crate::store::{BookingChange, SkinChanges};
use std::collections::HashMap;

/// What a skin would change, before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub changes: SkinChanges,
    pub unchanged: usize,
    /// Removed from the skin but already checked in: kept and flagged.
    pub kept_checked_in: Vec<Booking>,
}

fn same_contact(booking: &Booking, row: &SkinRow) -> bool {
    let (b, r) = (&booking.details, &row.details);
    let phone = phone_key(b.phone.as_deref());
    let email = email_key(b.email.as_deref());
    (phone.is_some() && phone == phone_key(r.phone.as_deref()))
        || (email.is_some() && email == email_key(r.email.as_deref()))
}

fn no_contact(booking: &Booking, row: &SkinRow) -> bool {
    let none = |p: &Option<String>, e: &Option<String>| {
        phone_key(p.as_deref()).is_none() && email_key(e.as_deref()).is_none()
    };
    none(&booking.details.phone, &booking.details.email)
        && none(&row.details.phone, &row.details.email)
}

/// Plans the import of `rows` over `existing` (every booking of the day,
/// with whether the extra checked in). A booking matches a row by name and
/// (phone or email); when neither side has any contact, by name alone if
/// only one booking has it.
pub fn plan(existing: &[(Booking, bool)], rows: &[SkinRow]) -> Plan {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (booking, _)) in existing.iter().enumerate() {
        if booking.source == BookingSource::Skin {
            let key = name_key(&booking.details.first_name, &booking.details.last_name);
            by_name.entry(key).or_default().push(i);
        }
    }
    let mut used = vec![false; existing.len()];
    let mut plan = Plan::default();
    for row in rows {
        let candidates: Vec<usize> = by_name
            .get(&row.name_key)
            .map(|list| list.iter().copied().filter(|i| !used[*i]).collect())
            .unwrap_or_default();
        let found = candidates
            .iter()
            .copied()
            .find(|i| same_contact(&existing[*i].0, row))
            .or_else(|| {
                let bare: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|i| no_contact(&existing[*i].0, row))
                    .collect();
                (bare.len() == 1).then(|| bare[0])
            });
        match found {
            Some(i) => {
                used[i] = true;
                let booking = &existing[i].0;
                // A paper voucher asked for stays asked for: a skin can ask
                // for one, never take one back (the PA can).
                let mut details = row.details.clone();
                details.paper_voucher |= booking.details.paper_voucher;
                // Nor does it undo a PA's paperwork decision or an upgrade.
                // A skin with no word on it (no column, an empty cell)
                // leaves it as it was.
                if booking.details.paperwork.decided() || details.paperwork == Paperwork::Unknown {
                    details.paperwork = booking.details.paperwork;
                }
                if booking.upgraded.is_some() {
                    details.union = booking.details.union;
                    details.rate = booking.details.rate;
                }
                if booking.removed_from_skin || booking.details != details {
                    plan.changes.updated.push(BookingChange {
                        booking_id: booking.id,
                        details,
                    });
                } else {
                    plan.unchanged += 1;
                }
            }
            None => plan.changes.added.push(row.details.clone()),
        }
    }
    for (i, (booking, arrived)) in existing.iter().enumerate() {
        if used[i] || booking.source != BookingSource::Skin || booking.removed_from_skin {
            continue;
        }
        plan.changes.removed.push(booking.id);
        if *arrived {
            plan.kept_checked_in.push(booking.clone());
        }
    }
    plan
}
