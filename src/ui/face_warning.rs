//! The warning the PA sees on the face before anyone scans: a clock
//! earlier than the log's last event, or a day that is not today.

use super::face::Face;
use chrono::{DateTime, Utc};

impl Face {
    /// Checks the clock against the log and the day: a clock earlier than
    /// the last recorded event, or a day that is not today, is a warning
    /// the PA sees before anyone scans.
    pub fn check_clock(&mut self, now: DateTime<Utc>) {
        let station = self.station.borrow();
        let Some(day) = station.day() else { return };
        let mut warnings = Vec::new();
        if let Ok(Some(latest)) = station.latest_recorded_at()
            && latest > now + chrono::Duration::seconds(60)
        {
            warnings.push(format!(
                "This machine's clock says {}, but the log already has an event from {}. Set the clock right: every time on the vouchers comes from it.",
                crate::model::format_local_iso(day.tz, now),
                crate::model::format_local_iso(day.tz, latest)
            ));
        }
        let today = now.with_timezone(&day.tz).date_naive();
        if today != day.date {
            warnings.push(format!(
                "The kiosk's day is {}, but today is {} here. Open today's day (extras-kiosk day open) or set the clock.",
                day.date.format("%a %-d %b %Y"),
                today.format("%a %-d %b %Y")
            ));
        }
        drop(station);
        self.pa_warning = (!warnings.is_empty()).then(|| warnings.join("\n\n"));
    }
}
