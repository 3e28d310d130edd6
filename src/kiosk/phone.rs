//! Scans from a phone, the web app's roaming scanner: recorded through the
//! core as a kiosk's scan is, each event marked with the web user (`by`)
//! and the station (`phone`), at the time the phone scanned, and each scan
//! once by the id the phone gave it (a scan sent again, after the network
//! came back, gets the first answer and records nothing).

use super::{KioskError, ScanMode, Station};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

/// A scan as the phone sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneScan {
    /// The phone's id for this scan: 8 to 64 letters, digits or dashes.
    pub id: String,
    pub payload: String,
    pub mode: ScanMode,
    /// When it was scanned, by the phone's clock corrected to the server's.
    pub scanned_at: DateTime<Utc>,
}

/// What the server answers: the outcome as `scan --json` words it, and
/// whether this answer is the first one (`again` when sent before).
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneAnswer {
    pub outcome: Value,
    pub again: bool,
}

/// How old a scan kept on a phone may be when it arrives.
const OLDEST_HOURS: i64 = 24;

fn checked_id(id: &str) -> Result<&str, KioskError> {
    let ok =
        (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(id)
    } else {
        Err(KioskError::Scan(
            "the scan's id is not 8 to 64 letters, digits or dashes: the page sent something else; reload it".into(),
        ))
    }
}

impl Station {
    /// Records `scan`, scanned on a phone by `by`, at its time (a time
    /// ahead of `now` counts as now; one older than a day is refused).
    pub fn phone_scan(
        &mut self,
        scan: &PhoneScan,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<PhoneAnswer, KioskError> {
        let id = checked_id(scan.id.trim())?;
        if let Some(answer) = self.store().phone_scan_answer(id)? {
            let outcome = serde_json::from_str(&answer).unwrap_or(Value::Null);
            return Ok(PhoneAnswer {
                outcome,
                again: true,
            });
        }
        if scan.scanned_at < now - Duration::hours(OLDEST_HOURS) {
            return Err(KioskError::Scan(format!(
                "this scan was kept on the phone for more than {OLDEST_HOURS} hours: nothing was recorded; scan the badge again or record it on the console"
            )));
        }
        let at = scan.scanned_at.min(now);
        let by = super::disputes::checked_name(by).map_err(KioskError::Scan)?;
        let mut marks = serde_json::Map::new();
        marks.insert("by".into(), json!(by));
        marks.insert("station".into(), json!("phone"));
        marks.insert("scan_id".into(), json!(id));
        let outcome = self.marked(marks, |station| {
            let mut kiosk = station.kiosk()?;
            kiosk.mode = scan.mode;
            let outcome = kiosk.scan(scan.payload.trim().as_bytes(), at)?;
            let notices = kiosk.notices_for(&outcome);
            Ok(outcome.to_json(kiosk.day(), &notices.codes()))
        })?;
        self.store()
            .keep_phone_scan(id, &outcome.to_string(), now)?;
        Ok(PhoneAnswer {
            outcome,
            again: false,
        })
    }
}

impl Station {
    /// Runs `f` with `marks` on every event it records; the marks are gone
    /// afterwards however `f` ends (a panic too: the station is reused).
    fn marked<T>(
        &mut self,
        marks: serde_json::Map<String, Value>,
        f: impl FnOnce(&mut Station) -> Result<T, KioskError>,
    ) -> Result<T, KioskError> {
        struct Unmark<'a>(&'a mut Station);
        impl Drop for Unmark<'_> {
            fn drop(&mut self) {
                self.0.store_mut().set_event_marks(None);
            }
        }
        self.store_mut().set_event_marks(Some(marks));
        let guard = Unmark(self);
        f(guard.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_id_is_short_plain_text() {
        assert!(checked_id("3f2a-9c1e-0001").is_ok());
        assert!(checked_id("short").is_err());
        assert!(checked_id(&"a".repeat(65)).is_err());
        assert!(checked_id("'; DROP TABLE events; --").is_err());
    }
}
