//! Bumps (adjustments to the day's pay) from the rules catalogue: added or
//! removed for one extra, recording who added them.

use super::disputes::DisputeLink;
use super::{Kiosk, KioskError};
use crate::model::{Booking, Day, Money};
use crate::pay::{BumpKind, DayRules};
use crate::store::{Actor, NewEvent, Recording};
use chrono::{DateTime, Utc};
use serde_json::json;

impl Kiosk<'_> {
    /// Adds a bump of `kind` to `booking`. A kind whose amount the rules fix
    /// takes no amount (wardrobe takes a count of changes); the others take
    /// `amount`, or the rules' default. Returns the amount recorded, `None`
    /// when the rules fix it.
    pub fn add_bump(
        &mut self,
        booking: &Booking,
        kind: BumpKind,
        count: Option<u32>,
        amount: Option<Money>,
        added_by: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Money>, KioskError> {
        let day_rules = super::day_rules::day_rules(self.store, &self.day)?;
        let day = self.day.clone();
        let rec = self.store.recording()?;
        let bump = BumpAsked {
            kind,
            count,
            amount,
        };
        let amount = add_bump_in(&rec, &day, &day_rules, booking, bump, added_by, at, None)?;
        rec.commit()?;
        Ok(amount)
    }

    /// Removes the latest bump of `kind` of `booking`.
    pub fn remove_bump(
        &mut self,
        booking: &Booking,
        kind: BumpKind,
        removed_by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        let rec = self.store.recording()?;
        let Some((_, bump)) = rec.remove_bump(booking.id, kind.code())? else {
            return Err(KioskError::Bump(format!(
                "{} ({}) has no {} bump to remove: check the badge and the bump's kind",
                booking.badge_no,
                booking.details.full_name(),
                kind.code()
            )));
        };
        rec.append(&NewEvent {
            kind: "bump_removed",
            day_id: Some(self.day.id),
            booking_id: Some(booking.id),
            area_id: None,
            happened_at: at,
            actor: Actor::Supervisor,
            payload: json!({
                "badge": booking.badge_no,
                "bump": bump,
                "kind": kind.code(),
                "removed_by": removed_by,
            }),
        })?;
        rec.commit()?;
        Ok(())
    }
}

/// A bump as asked for: its kind, a count of wardrobe changes, an amount.
#[derive(Debug, Clone, Copy)]
pub(super) struct BumpAsked {
    pub kind: BumpKind,
    pub count: Option<u32>,
    pub amount: Option<Money>,
}

/// Adds `bump` to `booking` inside `rec` (a bump, or an accepted dispute's
/// when `link` names it). Returns the amount recorded, `None` when the
/// rules fix it.
#[allow(clippy::too_many_arguments)]
pub(super) fn add_bump_in(
    rec: &Recording<'_>,
    day: &Day,
    day_rules: &DayRules,
    booking: &Booking,
    bump: BumpAsked,
    added_by: &str,
    at: DateTime<Utc>,
    link: Option<&DisputeLink>,
) -> Result<Option<Money>, KioskError> {
    let BumpAsked {
        kind,
        count,
        amount,
    } = bump;
    let rules = day_rules.of(booking.details.union);
    let bump_error = |what: String| {
        KioskError::Bump(format!(
            "{} ({}): {what}",
            booking.badge_no,
            booking.details.full_name()
        ))
    };
    if count.is_some() && kind != BumpKind::Wardrobe {
        return Err(bump_error(format!(
            "only wardrobe bumps take a count, not {}: leave the count out",
            kind.code()
        )));
    }
    if count == Some(0) {
        return Err(bump_error(
            "a wardrobe bump counts at least one change: give a count of 1 or more".into(),
        ));
    }
    let amount = match (rules.fixed_bump(kind), amount) {
        (Ok(_), Some(_)) => {
            return Err(bump_error(format!(
                "the rules ({}) fix the amount of {}: leave the amount out",
                rules.name,
                kind.code()
            )));
        }
        (Ok(_), None) => None,
        (Err(_), Some(given)) => Some(given),
        (Err(Some(default)), None) => Some(default),
        (Err(None), None) => {
            return Err(bump_error(format!(
                "the production sets the amount of {}: give the amount",
                kind.code()
            )));
        }
    };
    let count = count.unwrap_or(1);
    let uid = rec.add_bump(booking.id, kind.code(), count, amount, added_by, at)?;
    let mut payload = json!({
        "badge": booking.badge_no,
        "bump": uid,
        "kind": kind.code(),
        "count": count,
        "amount_cents": amount.map(Money::cents),
        "added_by": added_by,
    });
    if let Some(link) = link {
        link.mark(&mut payload);
    }
    rec.append(&NewEvent {
        kind: "bump_added",
        day_id: Some(day.id),
        booking_id: Some(booking.id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload,
    })?;
    Ok(amount)
}
