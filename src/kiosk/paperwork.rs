//! The PA's decisions on a booking at the kiosk: start paperwork verified
//! or rejected (a re-import never undoes either), the extras present whose
//! paperwork is pending, and a same-day upgrade to union (paid as union
//! for the whole day).

use super::{Kiosk, KioskError};
use crate::model::{Booking, Money, Paperwork, UnionStatus};
use chrono::{DateTime, Utc};
use serde_json::json;

impl Kiosk<'_> {
    /// Records the PA's decision on `booking`'s paperwork: `Verified` or
    /// `Rejected` (a note is required for a rejection).
    pub fn decide_paperwork(
        &mut self,
        booking: &Booking,
        decision: Paperwork,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        let kind = match decision {
            Paperwork::Verified => "paperwork_verified",
            Paperwork::Rejected if note.trim().is_empty() => {
                return Err(KioskError::Booking(
                    "say in a note why the paperwork was rejected".into(),
                ));
            }
            Paperwork::Rejected => "paperwork_rejected",
            other => {
                return Err(KioskError::Booking(format!(
                    "'{}' is not a decision: verify or reject",
                    other.code()
                )));
            }
        };
        let rec = self.store.recording()?;
        rec.set_paperwork(booking.id, decision)?;
        rec.append(&super::pa_event(
            &self.day,
            kind,
            booking,
            at,
            json!({ "from": booking.details.paperwork.code(), "note": note.trim() }),
        ))?;
        rec.commit()?;
        Ok(self.store.booking(&self.day, &booking.badge_no)?)
    }

    /// The extras present (checked in, not released) whose paperwork is
    /// pending, in badge order: the PA's to see before they work.
    pub fn paperwork_pending(&self) -> Result<Vec<Booking>, KioskError> {
        let present: std::collections::HashSet<i64> = self
            .store
            .present_bookings(&self.day)?
            .into_iter()
            .collect();
        Ok(self
            .store
            .bookings(&self.day)?
            .into_iter()
            .filter(|b| b.details.paperwork == Paperwork::Pending && present.contains(&b.id))
            .collect())
    }

    /// Upgrades a non-union `booking` to union for the day, at `rate`
    /// (`None`: the union rules' rate for the category), for `reason`.
    pub fn upgrade_to_union(
        &mut self,
        booking: &Booking,
        rate: Option<Money>,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        if reason.trim().is_empty() {
            return Err(KioskError::ReasonNeeded);
        }
        if booking.details.union == UnionStatus::Union {
            return Err(KioskError::Booking(format!(
                "{} {} is already union: check the badge number (nothing to upgrade)",
                booking.badge_no,
                booking.details.full_name()
            )));
        }
        let rec = self.store.recording()?;
        rec.upgrade_to_union(booking.id, rate, reason.trim())?;
        rec.append(&super::pa_event(
            &self.day,
            "upgraded",
            booking,
            at,
            json!({
                "from": booking.details.union.code(),
                "to": UnionStatus::Union.code(),
                "from_rate_cents": booking.details.rate.map(Money::cents),
                "rate_cents": rate.map(Money::cents),
                "reason": reason.trim(),
            }),
        ))?;
        rec.commit()?;
        Ok(self.store.booking(&self.day, &booking.badge_no)?)
    }
}
