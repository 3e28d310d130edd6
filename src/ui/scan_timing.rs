//! The timing of one scan on the kiosk's screen, printed with
//! `EXTRAS_KIOSK_TIMING=1`: from its Return key to the frame that shows its
//! card, split into the core's work, the commit, the model, the wait for the
//! frame and the drawing.

use std::time::{Duration, Instant};

/// A step of a timed scan (`EXTRAS_KIOSK_TIMING=1`).
#[derive(Debug, Clone, Copy)]
pub enum ScanStep {
    /// The core decided and committed; the commit took `commit`.
    Decided { commit: Duration },
    /// The screen's model shows the card.
    Shown,
    /// The frame that shows it started drawing.
    Drawing,
}

/// When each step of a scan happened, from its Return key.
#[derive(Debug, Clone, Copy)]
pub struct ScanTiming {
    pub enter: Instant,
    pub decided: Option<Instant>,
    pub commit: Duration,
    pub modeled: Option<Instant>,
    pub drawing: Option<Instant>,
}

impl ScanTiming {
    /// A scan whose Return key was typed now.
    pub fn started() -> ScanTiming {
        ScanTiming {
            enter: Instant::now(),
            decided: None,
            commit: Duration::ZERO,
            modeled: None,
            drawing: None,
        }
    }

    /// Marks `step` as happening now; a frame counts only once the model
    /// shows the card.
    pub fn mark(&mut self, step: ScanStep) {
        let now = Some(Instant::now());
        match step {
            ScanStep::Decided { commit } => (self.decided, self.commit) = (now, commit),
            ScanStep::Shown => self.modeled = self.modeled.or(now),
            ScanStep::Drawing if self.modeled.is_some() => self.drawing = self.drawing.or(now),
            ScanStep::Drawing => {}
        }
    }

    /// One line: the whole, then the core's work, the commit, the model
    /// update, the wait for the frame and its drawing, in milliseconds.
    pub fn line(&self, drawn: Instant) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let since = |a: Instant, b: Option<Instant>| b.map_or(Duration::ZERO, |b| b - a);
        let decided = since(self.enter, self.decided);
        let modeled = self
            .decided
            .map_or(Duration::ZERO, |d| since(d, self.modeled));
        let waited = self
            .modeled
            .map_or(Duration::ZERO, |m| since(m, self.drawing));
        let drawing = self.drawing.unwrap_or(drawn);
        format!(
            "card shown {:.1} ms after Enter: core {:.1}, commit {:.1}, model {:.1}, wait {:.1}, render {:.1}",
            ms(drawn - self.enter),
            ms(decided.saturating_sub(self.commit)),
            ms(self.commit),
            ms(modeled),
            ms(waited),
            ms(drawn - drawing)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_splits_the_wait_into_its_parts() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let timing = ScanTiming {
            enter: t0,
            decided: Some(t0 + ms(3)),
            commit: ms(2),
            modeled: Some(t0 + ms(4)),
            drawing: Some(t0 + ms(6)),
        };
        assert_eq!(
            timing.line(t0 + ms(9)),
            "card shown 9.0 ms after Enter: core 1.0, commit 2.0, model 1.0, wait 2.0, render 3.0"
        );
    }

    #[test]
    fn a_frame_before_the_card_is_not_the_cards() {
        let mut timing = ScanTiming::started();
        timing.mark(ScanStep::Drawing);
        assert_eq!(timing.drawing, None, "the model did not show the card yet");
        timing.mark(ScanStep::Shown);
        timing.mark(ScanStep::Drawing);
        assert!(timing.drawing.is_some());
    }
}
