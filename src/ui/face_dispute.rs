//! The face's "Something's wrong" at check-out, by touch: what is wrong (a
//! time, a bump that is missing, something else), for a time the time the
//! extra says on a picker that starts at the recorded one (1-minute steps,
//! 5- and 15-minute jumps), a few optional words on the on-screen
//! keyboard, then the dispute is filed and the summary says it.

use super::face::{DisputeDraft, DisputeStep, Face, FaceState};
use crate::kiosk::disputes::MAX_DISPUTE_WORDS;
use crate::kiosk::{DisputeAbout, DisputeClaim, KioskError};
use crate::pay::BumpKind;
use chrono::{DateTime, Duration, Utc};

/// How far the picker goes from where it started.
const PICKER_RANGE_HOURS: i64 = 24;

impl Face {
    /// "Something's wrong" on the summary: what is wrong?
    pub fn dispute(&mut self) {
        let FaceState::Summary(summary) = &self.state else {
            return;
        };
        let summary = summary.clone();
        self.set(FaceState::Dispute(Box::new(DisputeDraft {
            summary,
            step: DisputeStep::What,
            about: None,
            recorded: None,
            start: None,
            claimed: None,
            bump: None,
            words: String::new(),
        })));
    }

    fn draft(&mut self) -> Option<&mut DisputeDraft> {
        match &mut self.state {
            FaceState::Dispute(d) => Some(d),
            _ => None,
        }
    }

    /// The `index`th choice of [`DisputeAbout::ALL`] touched.
    pub fn dispute_pick(&mut self, index: usize) -> Result<(), KioskError> {
        let Some(about) = DisputeAbout::ALL.get(index).copied() else {
            return Ok(());
        };
        let times = match (about, &self.state) {
            (DisputeAbout::Time(field), FaceState::Dispute(d)) => {
                Some(self.station().dispute_times(&d.summary.booking, field)?)
            }
            _ => None,
        };
        let Some(d) = self.draft() else { return Ok(()) };
        d.about = Some(about);
        d.bump = None;
        d.claimed = None;
        d.step = match about {
            DisputeAbout::Time(_) => {
                let (recorded, start) = times.unwrap_or_default();
                d.recorded = recorded;
                d.start = start;
                d.claimed = start;
                DisputeStep::Time
            }
            DisputeAbout::Bump => DisputeStep::Bump,
            DisputeAbout::Other => DisputeStep::Words,
        };
        self.generation += 1;
        Ok(())
    }

    /// The picker moved by `minutes` (±1, ±5, ±15), within a day of where
    /// it started.
    pub fn dispute_step_time(&mut self, minutes: i64) {
        let Some(d) = self.draft() else { return };
        let (Some(start), Some(claimed)) = (d.start, d.claimed) else {
            return;
        };
        let range = Duration::hours(PICKER_RANGE_HOURS);
        let moved = claimed + Duration::minutes(minutes);
        d.claimed = Some(moved.clamp(start - range, start + range));
        self.generation += 1;
    }

    /// "Next" after the time: a few words.
    pub fn dispute_next(&mut self) {
        if let Some(d) = self.draft()
            && d.step == DisputeStep::Time
            && d.claimed.is_some()
        {
            d.step = DisputeStep::Words;
            self.generation += 1;
        }
    }

    /// The `index`th bump of the catalogue touched.
    pub fn dispute_pick_bump(&mut self, index: usize) {
        let Some(kind) = BumpKind::ALL.get(index).copied() else {
            return;
        };
        if let Some(d) = self.draft() {
            d.bump = Some(kind);
            d.step = DisputeStep::Words;
            self.generation += 1;
        }
    }

    /// A key of the words' keyboard (`None`: backspace).
    pub fn dispute_key(&mut self, letter: Option<&str>) {
        let Some(d) = self.draft() else { return };
        match letter {
            Some(l) if d.words.chars().count() + l.chars().count() <= MAX_DISPUTE_WORDS => {
                d.words.push_str(&l.to_lowercase())
            }
            Some(_) => {}
            None => {
                d.words.pop();
            }
        }
        self.generation += 1;
    }

    /// "Back": one step back; from the first, the summary again.
    pub fn dispute_back(&mut self) {
        let Some(d) = self.draft() else { return };
        let back = match (d.step, d.about) {
            (DisputeStep::What, _) => None,
            (DisputeStep::Words, Some(DisputeAbout::Time(_))) => Some(DisputeStep::Time),
            (DisputeStep::Words, Some(DisputeAbout::Bump)) => Some(DisputeStep::Bump),
            _ => Some(DisputeStep::What),
        };
        match back {
            Some(step) => {
                d.step = step;
                self.generation += 1;
            }
            None => {
                let summary = d.summary.clone();
                self.set(FaceState::Summary(summary));
            }
        }
    }

    /// "Send": the dispute is filed; the summary shows it, noted.
    pub fn dispute_send(&mut self, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Dispute(d) = &self.state else {
            return Ok(());
        };
        let claim = DisputeClaim {
            about: d.about,
            claimed: d
                .claimed
                .filter(|_| matches!(d.about, Some(DisputeAbout::Time(_)))),
            bump: d.bump,
            amount: None,
            words: d.words.clone(),
        };
        let booking = d.summary.booking.clone();
        let out = self.station().released_at(&booking)?.unwrap_or(now);
        let old = d.summary.clone();
        self.station
            .borrow_mut()
            .kiosk()?
            .dispute_at_face(&booking, &claim, now)?;
        let mut summary = self.summary(&booking, out, false)?;
        summary.noted = true;
        summary.printed = old.printed;
        summary.return_items = old.return_items;
        self.set(FaceState::Summary(summary));
        Ok(())
    }
}
