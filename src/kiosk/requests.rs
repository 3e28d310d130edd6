//! What the face files for the PA and the PA settles: "no badge" requests
//! (approved: checked in and the badge reissued, in one transaction; or
//! dismissed); voucher disputes are listed here and decided in
//! `disputes.rs`. Each settled by a `request_resolved` event naming the
//! event that filed it.

use super::{Kiosk, KioskError, check_in_in};
use crate::model::{Booking, Paperwork};
use crate::store::{Actor, NewEvent, Recording};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::HashSet;

/// What an open request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// Someone at the kiosk without a badge picked their name.
    NoBadge,
    /// An extra said their voucher is wrong.
    Dispute,
    /// An extra present whose start paperwork is pending: verified or
    /// rejected by the PA.
    Paperwork,
}

/// The id of the paperwork "request" of a badge (it has no event of its
/// own: it stands while the paperwork is pending).
pub fn paperwork_request_id(badge: &str) -> String {
    format!("paperwork:{badge}")
}

/// A request or a dispute filed at the face, still open.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRequest {
    /// The event that filed it.
    pub event_id: String,
    pub kind: RequestKind,
    pub booking: Booking,
    pub at: DateTime<Utc>,
}

/// The reason recorded with a badge reissued on approval.
const NO_BADGE_REASON: &str = "no badge at the kiosk";

impl Kiosk<'_> {
    /// Badge requests and disputes of the day not yet settled, oldest first.
    pub fn open_requests(&self) -> Result<Vec<OpenRequest>, KioskError> {
        let events = self.store.events_of_kinds(&[
            "badge_requested",
            "voucher_disputed",
            "request_resolved",
        ])?;
        let resolved: HashSet<String> = events
            .iter()
            .filter(|e| e.kind == "request_resolved")
            .filter_map(|e| {
                serde_json::from_str::<serde_json::Value>(&e.payload)
                    .ok()
                    .and_then(|p| p["request"].as_str().map(str::to_string))
            })
            .collect();
        let asked: Vec<_> = events
            .iter()
            .filter(|e| e.day_id == Some(self.day.id) && e.kind != "request_resolved")
            .filter(|e| !resolved.contains(&e.id))
            .collect();
        // The day's bookings are read only when someone asked something.
        let bookings = if asked.is_empty() {
            Vec::new()
        } else {
            self.store.bookings(&self.day)?
        };
        let mut open: Vec<OpenRequest> = asked
            .into_iter()
            .filter_map(|e| {
                let booking = bookings.iter().find(|b| Some(b.id) == e.booking_id)?;
                Some(OpenRequest {
                    event_id: e.id.clone(),
                    kind: if e.kind == "badge_requested" {
                        RequestKind::NoBadge
                    } else {
                        RequestKind::Dispute
                    },
                    booking: booking.clone(),
                    at: e.happened_at,
                })
            })
            .collect();
        for booking in self.paperwork_pending()? {
            let at = self
                .store
                .presence(booking.id)?
                .and_then(|p| p.checked_in_at)
                .unwrap_or(booking.details.call_at);
            open.push(OpenRequest {
                event_id: paperwork_request_id(&booking.badge_no),
                kind: RequestKind::Paperwork,
                booking,
                at,
            });
        }
        Ok(open)
    }

    /// The open request filed by the event `id`.
    pub fn open_request(&self, id: &str) -> Result<OpenRequest, KioskError> {
        self.open_requests()?
            .into_iter()
            .find(|r| r.event_id == id)
            .ok_or(KioskError::RequestSettled)
    }

    /// Approves a "no badge" request: the extra is checked in, their badge
    /// reissued (the old print is refused from now on) and the request
    /// closed, all in one transaction. Returns the booking with its new
    /// issue, for printing.
    pub fn approve_request(
        &mut self,
        request_id: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        let request = self.open_request(request_id)?;
        if request.kind != RequestKind::NoBadge {
            return Err(KioskError::Request(
                "only a \"no badge\" request is approved: accept or reject a dispute, verify or reject paperwork"
                    .into(),
            ));
        }
        let areas = self.store.areas(&self.day)?;
        let rec = self.store.recording()?;
        check_in_in(
            &rec,
            &self.day,
            &areas,
            &request.booking,
            at,
            Actor::Supervisor,
        )?;
        resolve_in(&rec, &self.day, &request, "approved", note, at)?;
        rec.change_badge(
            &self.day,
            &request.booking.badge_no,
            NO_BADGE_REASON,
            at,
            "badge_reissued",
        )?;
        rec.commit()?;
        Ok(self.store.booking(&self.day, &request.booking.badge_no)?)
    }

    /// Verifies the paperwork of a pending-paperwork request.
    pub fn verify_paperwork_request(
        &mut self,
        request_id: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Booking, KioskError> {
        let request = self.open_request(request_id)?;
        if request.kind != RequestKind::Paperwork {
            return Err(KioskError::Request(
                "that is not a paperwork request: pick the request again from the list".into(),
            ));
        }
        self.decide_paperwork(&request.booking, Paperwork::Verified, note, at)
    }

    /// Dismisses a "no badge" request (a note is optional); for pending
    /// paperwork, rejects it (a note is required).
    pub fn dismiss_request(
        &mut self,
        request_id: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<OpenRequest, KioskError> {
        let request = self.open_request(request_id)?;
        match request.kind {
            // It has no event of its own to close: the paperwork is decided.
            RequestKind::Paperwork => {
                self.decide_paperwork(&request.booking, Paperwork::Rejected, note, at)?;
            }
            RequestKind::Dispute => {
                return Err(KioskError::Request(
                    "a dispute is not dismissed: accept or reject it, with your name and a note"
                        .into(),
                ));
            }
            RequestKind::NoBadge => self.settle(&request, "dismissed", note, at)?,
        }
        Ok(request)
    }

    fn settle(
        &mut self,
        request: &OpenRequest,
        outcome: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        let rec = self.store.recording()?;
        resolve_in(&rec, &self.day, request, outcome, note, at)?;
        rec.commit()?;
        Ok(())
    }
}

/// Records, in `rec`, that the PA settled `request` with `outcome`.
fn resolve_in(
    rec: &Recording<'_>,
    day: &crate::model::Day,
    request: &OpenRequest,
    outcome: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<(), KioskError> {
    rec.append(&NewEvent {
        kind: "request_resolved",
        day_id: Some(day.id),
        booking_id: Some(request.booking.id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({ "request": request.event_id, "outcome": outcome, "note": note.trim() }),
    })?;
    Ok(())
}
