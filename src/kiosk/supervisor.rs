//! The supervisor's writes that are not scans: badges voided and reissued,
//! holding areas added and changed, the union background the day must have,
//! a paper voucher asked for. The console and the command line both call
//! these.

use super::{Kiosk, KioskError};
use crate::model::{Booking, HoldingArea, UnionStatus};
use chrono::{DateTime, Utc};

/// A holding area as the PA describes it (a new one, or changes to one).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaSpec {
    pub name: String,
    pub location: Option<String>,
    pub capacity: u32,
    /// Only bookings of this union status go here, when set.
    pub union_filter: Option<UnionStatus>,
    /// Its place among the day's areas; `None` keeps it (or puts a new
    /// area last).
    pub order: Option<i64>,
}

impl AreaSpec {
    fn checked(&self) -> Result<(), KioskError> {
        if self.name.trim().is_empty() {
            return Err(KioskError::Area("give the area a name".into()));
        }
        Ok(())
    }
}

impl Kiosk<'_> {
    /// Records that `booking` asked for a paper voucher (`paper`), or takes
    /// it back. Returns the booking as it now is.
    pub fn set_paper_voucher(
        &mut self,
        booking: &Booking,
        paper: bool,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        let rec = self.store.recording()?;
        rec.set_paper_voucher(booking.id, paper)?;
        rec.append(&super::pa_event(
            &self.day,
            "paper_voucher_set",
            booking,
            at,
            serde_json::json!({ "paper": paper }),
        ))?;
        rec.commit()?;
        Ok(self.store.booking(&self.day, &booking.badge_no)?)
    }

    /// Voids `badge`: every print is refused until it is reissued.
    pub fn void_badge(
        &mut self,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        Ok(self.store.void_badge(&self.day, badge, reason, at)?)
    }

    /// Issues `badge` again: older prints are refused from now on.
    pub fn reissue_badge(
        &mut self,
        badge: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        Ok(self.store.reissue_badge(&self.day, badge, reason, at)?)
    }

    /// The day's holding areas, in their order.
    pub fn areas(&self) -> Result<Vec<HoldingArea>, KioskError> {
        Ok(self.store.areas(&self.day)?)
    }

    /// Adds a holding area to the day.
    pub fn add_area(&mut self, spec: &AreaSpec) -> Result<HoldingArea, KioskError> {
        spec.checked()?;
        Ok(self.store.add_area(
            &self.day,
            &HoldingArea {
                id: 0,
                day_id: self.day.id,
                name: spec.name.trim().to_string(),
                location: spec.location.clone(),
                capacity: spec.capacity,
                union_filter: spec.union_filter,
                category_filter: Vec::new(),
                order: spec.order.unwrap_or(0),
            },
        )?)
    }

    /// Changes the area `id` of the day as `spec` says (its category filter
    /// stays as it is).
    pub fn change_area(&mut self, id: i64, spec: &AreaSpec) -> Result<HoldingArea, KioskError> {
        spec.checked()?;
        let mut area = self
            .areas()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| KioskError::Area(
                "that area is no longer on this day (removed here or on another kiosk): pick an area from the list again".into(),
            ))?;
        area.name = spec.name.trim().to_string();
        area.location = spec.location.clone();
        area.capacity = spec.capacity;
        area.union_filter = spec.union_filter;
        if let Some(order) = spec.order {
            area.order = order;
        }
        self.store.update_area(&area)?;
        Ok(area)
    }

    /// Whether the day's released vouchers must be approved before export.
    pub fn approval_required(&self) -> Result<bool, KioskError> {
        Ok(self.store.approval_required(&self.day)?)
    }

    /// Sets whether the day's released vouchers must be approved before
    /// export; it travels to every kiosk as an event.
    pub fn set_approval_required(&mut self, required: bool) -> Result<(), KioskError> {
        let rec = self.store.recording()?;
        rec.set_approval_required(&self.day, required)?;
        rec.append(&crate::store::NewEvent {
            kind: "approval_required_set",
            day_id: Some(self.day.id),
            booking_id: None,
            area_id: None,
            happened_at: chrono::Utc::now(),
            actor: crate::store::Actor::Supervisor,
            payload: serde_json::json!({ "date": self.day.date.to_string(), "required": required }),
        })?;
        rec.commit()?;
        Ok(())
    }

    /// The union background the day must have present, if set.
    pub fn union_required(&self) -> Result<Option<u32>, KioskError> {
        Ok(self.store.union_required(&self.day)?)
    }

    /// Sets (or clears) the union background the day must have present.
    pub fn set_union_required(&mut self, required: Option<u32>) -> Result<(), KioskError> {
        let rec = self.store.recording()?;
        rec.set_union_required(&self.day, required)?;
        rec.append(&crate::store::NewEvent {
            kind: "union_required_set",
            day_id: Some(self.day.id),
            booking_id: None,
            area_id: None,
            happened_at: chrono::Utc::now(),
            actor: crate::store::Actor::Supervisor,
            payload: serde_json::json!({ "date": self.day.date.to_string(), "required": required }),
        })?;
        rec.commit()?;
        Ok(())
    }
}
