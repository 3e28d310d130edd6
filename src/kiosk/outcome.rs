//! What a scan did, in the words shown to the person at the kiosk and in the
//! keys `scan --json` prints.

use crate::badge::Refusal;
use crate::model::{Booking, Day, format_local_iso};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// A holding area as an outcome names it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRef {
    pub id: i64,
    pub name: String,
    pub location: Option<String>,
}

/// Why a scan was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanRefusal {
    Badge(Refusal),
    /// A check-out scan of someone who never checked in.
    NotCheckedIn,
}

impl ScanRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            ScanRefusal::Badge(r) => r.code(),
            ScanRefusal::NotCheckedIn => "not_checked_in",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ScanRefusal::Badge(r) => r.message(),
            ScanRefusal::NotCheckedIn => "You have not checked in today: please see the PA".into(),
        }
    }
}

/// The one result of a scan.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanOutcome {
    CheckedIn {
        booking: Booking,
        /// `None` when no holding area admits this extra.
        area: Option<AreaRef>,
        /// Whole minutes after the call; 0 when on time.
        late_minutes: i64,
        /// Sent to an area over capacity (or to none): the PA is told.
        overflow: bool,
    },
    AlreadyCheckedIn {
        booking: Booking,
        since: DateTime<Utc>,
        area: Option<AreaRef>,
        /// The other kiosk where the check-in that stands was made ("Base
        /// camp"), or None when it was made here.
        at_kiosk: Option<String>,
    },
    Released {
        booking: Booking,
        at: DateTime<Utc>,
    },
    AlreadyReleased {
        booking: Booking,
        since: DateTime<Utc>,
    },
    Refused {
        reason: ScanRefusal,
        /// The booking, when the badge itself was genuine.
        booking: Option<Booking>,
    },
}

/// "Pat O." : first name and last initial, all a public screen shows.
pub fn public_name(booking: &Booking) -> String {
    let d = &booking.details;
    let first = shortened(&d.first_name, CARD_NAME_CHARS);
    match d.last_name.chars().next() {
        Some(initial) => format!("{first} {initial}."),
        None => first,
    }
}

/// The most characters of a first name a card shows (two lines of the
/// card's largest text); the rest is cut with an ellipsis.
pub const CARD_NAME_CHARS: usize = 40;

/// `text` cut to `max` characters, the last an ellipsis, when longer.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

fn area_words(area: &Option<AreaRef>) -> String {
    match area {
        Some(AreaRef {
            name,
            location: Some(location),
            ..
        }) => format!("{name} ({location})"),
        Some(AreaRef { name, .. }) => name.clone(),
        None => "the PA".into(),
    }
}

/// Ends a sentence once: "Pat O." needs no second full stop.
fn full_stop(text: String) -> String {
    if text.ends_with('.') {
        text
    } else {
        text + "."
    }
}

impl ScanOutcome {
    pub fn code(&self) -> &'static str {
        match self {
            ScanOutcome::CheckedIn { .. } => "checked_in",
            ScanOutcome::AlreadyCheckedIn { .. } => "already_checked_in",
            ScanOutcome::Released { .. } => "released",
            ScanOutcome::AlreadyReleased { .. } => "already_released",
            ScanOutcome::Refused { .. } => "refused",
        }
    }

    pub fn booking(&self) -> Option<&Booking> {
        match self {
            ScanOutcome::CheckedIn { booking, .. }
            | ScanOutcome::AlreadyCheckedIn { booking, .. }
            | ScanOutcome::Released { booking, .. }
            | ScanOutcome::AlreadyReleased { booking, .. } => Some(booking),
            ScanOutcome::Refused { booking, .. } => booking.as_ref(),
        }
    }

    /// The sentence shown to the person at the kiosk; times local to `day`.
    pub fn message(&self, day: &Day) -> String {
        let clock = |t: &DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
        match self {
            ScanOutcome::CheckedIn {
                booking,
                area,
                late_minutes,
                ..
            } => {
                let mut text = format!(
                    "{} Go to {}.",
                    full_stop(format!("You're checked in, {}", public_name(booking))),
                    area_words(area)
                );
                if *late_minutes > 0 {
                    text.push_str(&format!(
                        " Your call was {}.",
                        clock(&booking.details.call_at)
                    ));
                }
                text
            }
            ScanOutcome::AlreadyCheckedIn {
                booking,
                since,
                area,
                at_kiosk,
            } => format!(
                "You're already checked in, {}, since {}{}. Go to {}.",
                public_name(booking),
                clock(since),
                at_kiosk
                    .as_deref()
                    .map(|k| format!(" at {k}"))
                    .unwrap_or_default(),
                area_words(area)
            ),
            ScanOutcome::Released { booking, at } => {
                format!(
                    "You're wrapped, {}: out at {}. Thank you!",
                    public_name(booking),
                    clock(at)
                )
            }
            ScanOutcome::AlreadyReleased { booking, since } => {
                format!(
                    "You were wrapped at {}, {}",
                    clock(since),
                    public_name(booking)
                )
            }
            ScanOutcome::Refused { reason, .. } => reason.message(),
        }
    }

    /// The object `scan --json` prints: every key present, null where it
    /// does not apply; `notices` the codes for the PA's attention.
    pub fn to_json(&self, day: &Day, notices: &[&str]) -> Value {
        let booking = self.booking();
        let (area, late, since, reason) = match self {
            ScanOutcome::CheckedIn {
                area, late_minutes, ..
            } => (area.as_ref(), Some(*late_minutes), None, None),
            ScanOutcome::AlreadyCheckedIn { since, area, .. } => {
                (area.as_ref(), None, Some(*since), None)
            }
            ScanOutcome::Released { at, .. } => (None, None, Some(*at), None),
            ScanOutcome::AlreadyReleased { since, .. } => (None, None, Some(*since), None),
            ScanOutcome::Refused { reason, .. } => (None, None, None, Some(reason.code())),
        };
        json!({
            "outcome": self.code(),
            "badge": booking.map(|b| b.badge_no.clone()),
            "name": booking.map(|b| b.details.full_name()),
            "area": area.map(|a| a.name.clone()),
            "late_minutes": late,
            "since": since.map(|t| format_local_iso(day.tz, t)),
            "reason": reason,
            "message": self.message(day),
            "notices": notices,
            "at_kiosk": match self {
                ScanOutcome::AlreadyCheckedIn { at_kiosk, .. } => at_kiosk.clone(),
                _ => None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("Zoë", 40), "Zoë");
        let long = "A".repeat(300);
        let cut = shortened(&long, CARD_NAME_CHARS);
        assert_eq!(cut.chars().count(), CARD_NAME_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(shortened("Ana María Luisa", 11), "Ana María…");
    }
}
