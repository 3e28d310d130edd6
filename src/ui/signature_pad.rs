//! The face at check-out: the voucher summary (with the extra's copy, and a
//! printed copy when a printer is set), the signature pad (finger strokes,
//! stored with the voucher), "something's wrong", and a summary left
//! unsigned when the extra walks away or the next scan takes over.

use super::face::{Face, FaceState, Summary};
use crate::kiosk::{KioskError, public_name};
use crate::model::Booking;
use chrono::{DateTime, Utc};

impl Face {
    /// The voucher summary of `booking`, released at `out`; printed when
    /// `print` and a printer is set.
    pub(super) fn summary(
        &mut self,
        booking: &Booking,
        out: DateTime<Utc>,
        print: bool,
    ) -> Result<Summary, KioskError> {
        let station = self.station.borrow();
        let summed = station.voucher_summary(booking, out)?;
        let printed = match (print, &station.device().printer, &summed.voucher) {
            (true, Some(printer), Some(voucher)) => super::printing::print_voucher_copy(
                printer,
                station.require_day()?,
                voucher,
                &summed.changes,
            ),
            _ => false,
        };
        // The disputes in the extra's language (the copy stays English).
        let day = station.require_day()?;
        let mut worded = summed.disputes.iter();
        let lines = summed
            .lines
            .into_iter()
            .map(|mut line| {
                if line.code == "disputed"
                    && let Some(d) = worded.next()
                {
                    line.value = super::face_words::dispute_words(d, day, self.spanish);
                }
                line
            })
            .collect();
        Ok(Summary {
            booking: booking.clone(),
            name: public_name(booking),
            lines,
            copy: summed.copy,
            printed,
            paper: booking.details.paper_voucher,
            return_items: String::new(),
            noted: false,
        })
    }

    /// Marks the voucher of a summary on screen as not signed.
    pub(super) fn leave_summary(&mut self, now: DateTime<Utc>) {
        let booking = match &self.state {
            // A paper voucher is signed with the PA, not left unsigned here.
            FaceState::Summary(s) | FaceState::Signature { summary: s, .. } if !s.paper => {
                s.booking.clone()
            }
            FaceState::Dispute(d) if !d.summary.paper => d.summary.booking.clone(),
            _ => return,
        };
        // The release stands either way; a failed note is not worth a
        // refusal on screen.
        if let Ok(mut kiosk) = self.station.borrow_mut().kiosk() {
            let _ = kiosk.leave_unsigned(&booking, now);
        }
    }

    /// The signature pad for a voucher left unsigned (from the console).
    pub fn open_signature(
        &mut self,
        booking: &Booking,
        now: DateTime<Utc>,
    ) -> Result<(), KioskError> {
        if booking.details.paper_voucher {
            return Err(KioskError::Signature(
                "this extra takes a paper voucher: sign it on paper with the PA (the pad is not for paper vouchers)".into(),
            ));
        }
        let out = self.station().released_at(booking)?.ok_or_else(|| {
            KioskError::Signature(
                "not released yet: release them first, then sign the voucher".into(),
            )
        })?;
        self.leave_summary(now);
        let summary = self.summary(booking, out, false)?;
        self.set(FaceState::Signature {
            summary,
            strokes: Vec::new(),
        });
        Ok(())
    }

    /// "Sign" on the summary: the signature pad opens.
    pub fn sign(&mut self) {
        if let FaceState::Summary(summary) = &self.state
            && !summary.paper
        {
            let summary = summary.clone();
            self.set(FaceState::Signature {
                summary,
                strokes: Vec::new(),
            });
        }
    }

    /// A finger on the pad at (x, y), each in 0..1; `start` begins a stroke.
    pub fn stroke(&mut self, x: f32, y: f32, start: bool) {
        if let FaceState::Signature { strokes, .. } = &mut self.state {
            // A pad scribbled on for minutes keeps what fits in an event.
            if strokes.iter().map(Vec::len).sum::<usize>()
                >= crate::kiosk::signing::MAX_SIGNATURE_POINTS
            {
                return;
            }
            let point = (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0));
            match strokes.last_mut() {
                Some(stroke) if !start => stroke.push(point),
                _ => strokes.push(vec![point]),
            }
        }
    }

    pub fn clear_signature(&mut self) {
        if let FaceState::Signature { strokes, .. } = &mut self.state {
            strokes.clear();
        }
    }

    /// "Done" on the pad: the signature is stored with the voucher.
    pub fn save_signature(&mut self, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Signature { summary, strokes } = &self.state else {
            return Ok(());
        };
        let (booking, name, strokes) = (
            summary.booking.clone(),
            summary.name.clone(),
            strokes.clone(),
        );
        self.station
            .borrow_mut()
            .kiosk()?
            .sign_voucher(&booking, &strokes, now)?;
        self.notice(name, "signed", false);
        Ok(())
    }

    /// The signature as SVG path data in a `width` x `height` pad.
    pub fn signature_path(&self, width: f32, height: f32) -> String {
        let FaceState::Signature { strokes, .. } = &self.state else {
            return String::new();
        };
        let mut path = String::new();
        for stroke in strokes {
            for (i, (x, y)) in stroke.iter().enumerate() {
                let cmd = if i == 0 { "M" } else { "L" };
                path.push_str(&format!("{cmd} {:.1} {:.1} ", x * width, y * height));
            }
            if stroke.len() == 1 {
                let (x, y) = stroke[0];
                path.push_str(&format!("L {:.1} {:.1} ", x * width + 0.5, y * height));
            }
        }
        path
    }
}
