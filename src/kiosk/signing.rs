//! What the extras' face files for the PA: a badge request from the name
//! search, and at check-out the voucher signed (with the strokes of the
//! signature), or left unsigned (a dispute is filed in `disputes.rs`).

use super::{Kiosk, KioskError};
use crate::model::{Booking, Strokes};
use crate::store::{Actor, NewEvent};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// The most points a signature keeps (the pad stops taking more): its
/// event stays well under the event payload limit,
/// [`crate::store::MAX_PAYLOAD_BYTES`].
pub const MAX_SIGNATURE_POINTS: usize = 10_000;

impl Kiosk<'_> {
    fn file(
        &mut self,
        kind: &'static str,
        booking: &Booking,
        at: DateTime<Utc>,
        payload: Value,
    ) -> Result<(), KioskError> {
        self.store.record(&NewEvent {
            kind,
            day_id: Some(self.day.id),
            booking_id: Some(booking.id),
            area_id: None,
            happened_at: at,
            actor: Actor::Kiosk,
            payload,
        })?;
        Ok(())
    }

    /// Someone at the kiosk without a badge picked this name: the PA is
    /// asked to check them in. Nobody is checked in by this.
    pub fn request_badge(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        self.file(
            "badge_requested",
            booking,
            at,
            json!({ "badge": booking.badge_no }),
        )
    }

    /// The extra signed their voucher on the pad.
    pub fn sign_voucher(
        &mut self,
        booking: &Booking,
        strokes: &Strokes,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        if strokes.iter().all(|s| s.len() < 2) {
            return Err(KioskError::Signature(
                "the signature is empty: sign with a finger on the white pad".into(),
            ));
        }
        if strokes.iter().map(Vec::len).sum::<usize>() > MAX_SIGNATURE_POINTS {
            return Err(KioskError::Signature(
                "the signature has too many points: clear the pad and sign again".into(),
            ));
        }
        let rounded: Vec<Vec<[f32; 2]>> = strokes
            .iter()
            .map(|s| {
                s.iter()
                    .map(|(x, y)| [(x * 1000.0).round() / 1000.0, (y * 1000.0).round() / 1000.0])
                    .collect()
            })
            .collect();
        self.file(
            "voucher_signed",
            booking,
            at,
            json!({ "badge": booking.badge_no, "strokes": rounded }),
        )
    }

    /// The extra left (or the next scan took over) before signing: the
    /// release stands; the voucher can be signed later at the console.
    pub fn leave_unsigned(
        &mut self,
        booking: &Booking,
        at: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        self.file(
            "voucher_unsigned",
            booking,
            at,
            json!({ "badge": booking.badge_no }),
        )
    }
}
