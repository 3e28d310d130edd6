//! Scans from a phone, the web app's roaming scanner: recorded through the
//! core as a kiosk's scan is, each event marked with the web user (`by`)
//! and the station (`phone`), at the time the phone scanned, and each scan
//! once by the id the phone gave it (a scan sent again, after the network
//! came back, gets the first answer and records nothing). Besides the
//! kiosk's check-in and check-out, a phone starts and ends the extra's
//! meal, signs a voucher after check-out, and reads a badge to say whose
//! it is (recording nothing).

use super::meals::{Group, MealKind};
use super::{Kiosk, KioskError, ScanOutcome, ScanRefusal, Station};
use crate::model::{Booking, Strokes};
use crate::report::summary::VoucherSummary;
use crate::store::Actor;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

/// What a phone's scan does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneMode {
    CheckIn,
    CheckOut,
    /// The extra goes to their meal (`meal start --badge`).
    MealOut,
    /// The extra is back from their meal (`meal end --badge`).
    MealIn,
}

impl std::str::FromStr for PhoneMode {
    type Err = String;
    fn from_str(text: &str) -> Result<PhoneMode, String> {
        match text {
            "checkin" => Ok(PhoneMode::CheckIn),
            "checkout" => Ok(PhoneMode::CheckOut),
            "meal_out" => Ok(PhoneMode::MealOut),
            "meal_in" => Ok(PhoneMode::MealIn),
            _ => Err(format!(
                "'{text}' is not a mode: checkin, checkout, meal_out or meal_in"
            )),
        }
    }
}

/// What the phone read: a badge's QR code, or a badge number typed by
/// the supervisor holding it (a damaged badge; taken on their word, as
/// the console's check-in without a badge is).
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneInput {
    Payload(String),
    Typed(String),
}

/// A scan as the phone sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneScan {
    /// The phone's id for this scan: 8 to 64 letters, digits or dashes.
    pub id: String,
    pub input: PhoneInput,
    pub mode: PhoneMode,
    /// When it was scanned, by the phone's clock corrected to the server's.
    pub scanned_at: DateTime<Utc>,
}

/// What the server answers: the outcome as `scan --json` words it, and
/// whether this answer is the first one (`again` when sent before).
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneAnswer {
    pub outcome: Value,
    pub again: bool,
    /// At a check-out just recorded: the voucher to sign on the phone
    /// (none for a paper voucher, which is signed with the PA).
    pub summary: Option<VoucherSummary>,
}

/// A voucher signed on the phone after its check-out, or left unsigned.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneSignature {
    /// The phone's id for this signature, as for a scan.
    pub id: String,
    pub badge: String,
    /// `None`: the extra left without signing.
    pub strokes: Option<Strokes>,
    /// When it was signed on the phone (None: now).
    pub signed_at: Option<DateTime<Utc>>,
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

/// The booking of a badge number typed on a phone's keyboard: as typed,
/// else in capitals ("b-0004" is B-0004).
fn typed_booking(kiosk: &Kiosk<'_>, badge: &str) -> Result<Booking, KioskError> {
    let badge = badge.trim();
    match kiosk.store().booking(kiosk.day(), badge) {
        Err(e) if badge != badge.to_uppercase() => kiosk
            .store()
            .booking(kiosk.day(), &badge.to_uppercase())
            .map_err(|_| e.into()),
        other => Ok(other?),
    }
}

/// Checks that an id sent again is the same request as the first time
/// (a page that reused an id for another badge or mode gets no one
/// else's answer), and takes the request out of the answer.
fn same_request(answer: &mut Value, asked: &Value) -> Result<(), KioskError> {
    let first = answer
        .as_object_mut()
        .and_then(|o| o.remove("request"))
        .unwrap_or(Value::Null);
    if first.is_null() || first == *asked {
        Ok(())
    } else {
        Err(KioskError::Scan(
            "this scan's id was already used for another scan: nothing was recorded; reload the scanner page".into(),
        ))
    }
}

/// The marks on every event a phone records.
fn marks(by: &str, id: &str) -> Result<serde_json::Map<String, Value>, KioskError> {
    let by = super::disputes::checked_name(by).map_err(KioskError::Scan)?;
    let mut marks = serde_json::Map::new();
    marks.insert("by".into(), json!(by));
    marks.insert("station".into(), json!("phone"));
    marks.insert("scan_id".into(), json!(id));
    Ok(marks)
}

/// The outcome object of a meal scan, keyed as `scan --json`'s.
fn meal_outcome(
    code: &str,
    booking: &Booking,
    area: Option<String>,
    message: String,
    reason: Option<&str>,
) -> Value {
    json!({
        "outcome": code,
        "badge": booking.badge_no,
        "name": booking.details.full_name(),
        "area": area,
        "late_minutes": null,
        "since": null,
        "reason": reason,
        "message": message,
        "notices": [],
        "at_kiosk": null,
    })
}

/// The extra's next meal started (`start`) or ended at `at`: a meal that
/// cannot start or end (not here, released, one open already, none open)
/// is said and records nothing.
fn meal_scan(
    kiosk: &mut Kiosk<'_>,
    booking: &Booking,
    start: bool,
    at: DateTime<Utc>,
) -> Result<Value, KioskError> {
    let tz = kiosk.day().tz;
    let area_id = kiosk.store().presence(booking.id)?.and_then(|p| p.area_id);
    let area = kiosk
        .store()
        .areas(kiosk.day())?
        .into_iter()
        .find(|a| Some(a.id) == area_id)
        .map(|a| a.name);
    let name = super::public_name(booking);
    let group = Group::One(Box::new(booking.clone()));
    match kiosk.meal(&group, MealKind::Meal, start, at) {
        Ok(_) => {
            let clock = at.with_timezone(&tz).format("%H:%M");
            let (code, message) = if start {
                (
                    "meal_started",
                    format!("Enjoy your meal, {name}: out at {clock}."),
                )
            } else {
                (
                    "meal_ended",
                    format!("Welcome back, {name}: meal ended at {clock}."),
                )
            };
            Ok(meal_outcome(code, booking, area, message, None))
        }
        Err(
            e @ (KioskError::Meal(_)
            | KioskError::NotCheckedIn { .. }
            | KioskError::AlreadyReleased { .. }),
        ) => {
            let reason = match e {
                KioskError::NotCheckedIn { .. } => "not_checked_in",
                KioskError::AlreadyReleased { .. } => "already_released",
                _ if start => "meal_open",
                _ => "no_meal_open",
            };
            // A meal's refusal says it already; the others do not.
            let message = match e {
                KioskError::Meal(_) => e.to_string(),
                _ => format!("{e}; nothing was recorded"),
            };
            Ok(meal_outcome(
                "meal_refused",
                booking,
                area,
                message,
                Some(reason),
            ))
        }
        Err(e) => Err(e),
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
        let asked = json!({
            "mode": format!("{:?}", scan.mode),
            "input": match &scan.input {
                PhoneInput::Payload(p) => format!("payload:{}", p.trim()),
                PhoneInput::Typed(b) => format!("badge:{}", b.trim()),
            },
        });
        if let Some(answer) = self.store().phone_scan_answer(id)? {
            let mut outcome: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
            same_request(&mut outcome, &asked)?;
            return Ok(PhoneAnswer {
                outcome,
                again: true,
                summary: None,
            });
        }
        if scan.scanned_at < now - Duration::hours(OLDEST_HOURS) {
            return Err(KioskError::Scan(format!(
                "this scan was kept on the phone for more than {OLDEST_HOURS} hours: nothing was recorded; scan the badge again or record it on the console"
            )));
        }
        let at = scan.scanned_at.min(now);
        let marks = marks(by, id)?;
        let (outcome, released) = self.marked(marks, |station| {
            let mut kiosk = station.kiosk()?;
            let booking = match &scan.input {
                PhoneInput::Payload(payload) => {
                    let payload = payload.trim().as_bytes();
                    match kiosk.badge_booking(payload)? {
                        Ok(booking) => booking,
                        Err(refusal) => {
                            let outcome =
                                kiosk.refuse(payload, ScanRefusal::Badge(refusal), None, at)?;
                            return Ok((outcome.to_json(kiosk.day(), &[]), None));
                        }
                    }
                }
                PhoneInput::Typed(badge) => typed_booking(&kiosk, badge)?,
            };
            let outcome = match scan.mode {
                PhoneMode::CheckIn => kiosk.check_in(&booking, at, Actor::Supervisor)?,
                PhoneMode::CheckOut => match kiosk.release_one(&booking, at, Actor::Supervisor) {
                    Err(KioskError::NotCheckedIn { .. }) => ScanOutcome::Refused {
                        reason: ScanRefusal::NotCheckedIn,
                        booking: Some(booking.clone()),
                    },
                    other => other?,
                },
                PhoneMode::MealOut | PhoneMode::MealIn => {
                    let start = scan.mode == PhoneMode::MealOut;
                    return Ok((meal_scan(&mut kiosk, &booking, start, at)?, None));
                }
            };
            let notices = kiosk.notices_for(&outcome);
            let released = match &outcome {
                ScanOutcome::Released { booking, at } => Some((booking.clone(), *at)),
                _ => None,
            };
            Ok((outcome.to_json(kiosk.day(), &notices.codes()), released))
        })?;
        let mut kept = outcome.clone();
        kept["request"] = asked;
        self.store().keep_phone_scan(id, &kept.to_string(), now)?;
        let summary = match released {
            Some((booking, out)) if !booking.details.paper_voucher => {
                self.voucher_summary(&booking, out).ok()
            }
            _ => None,
        };
        Ok(PhoneAnswer {
            outcome,
            again: false,
            summary,
        })
    }

    /// Signs (or leaves unsigned) the voucher of a check-out made on a
    /// phone, once per id; `by` is the web user.
    pub fn phone_signature(
        &mut self,
        signature: &PhoneSignature,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, KioskError> {
        let id = checked_id(signature.id.trim())?;
        let asked = json!({
            "badge": signature.badge.trim(),
            "signed": signature.strokes.is_some(),
        });
        if let Some(answer) = self.store().phone_scan_answer(id)? {
            let mut answer: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
            same_request(&mut answer, &asked)?;
            return Ok(false);
        }
        // Signed when the phone says, if that is in the last day and not
        // ahead of now.
        let at = signature
            .signed_at
            .filter(|t| *t >= now - Duration::hours(OLDEST_HOURS))
            .map_or(now, |t| t.min(now));
        let booking = self.booking(signature.badge.trim())?;
        if booking.details.paper_voucher {
            return Err(KioskError::Signature(
                "this extra takes a paper voucher: sign it on paper with the PA (the phone is not for paper vouchers)".into(),
            ));
        }
        if self.released_at(&booking)?.is_none() {
            return Err(KioskError::Signature(format!(
                "{} is not released yet: check them out first, then sign the voucher",
                booking.badge_no
            )));
        }
        let marks = marks(by, id)?;
        self.marked(marks, |station| {
            let mut kiosk = station.kiosk()?;
            match &signature.strokes {
                Some(strokes) => kiosk.sign_voucher(&booking, strokes, at),
                None => kiosk.leave_unsigned(&booking, at),
            }
        })?;
        let answer = if signature.strokes.is_some() {
            "signed"
        } else {
            "unsigned"
        };
        let kept = json!({ "outcome": answer, "request": asked });
        self.store().keep_phone_scan(id, &kept.to_string(), now)?;
        Ok(true)
    }

    /// Whose badge this is and their day so far, recording nothing (a
    /// badge that does not read is said, not recorded).
    pub fn phone_who(
        &mut self,
        input: &PhoneInput,
        now: DateTime<Utc>,
    ) -> Result<Value, KioskError> {
        let mut kiosk = self.kiosk()?;
        let read = match input {
            PhoneInput::Payload(payload) => kiosk.badge_booking(payload.trim().as_bytes())?,
            PhoneInput::Typed(badge) => Ok(typed_booking(&kiosk, badge)?),
        };
        let booking = match read {
            Ok(booking) => booking,
            Err(refusal) => {
                let refusal = ScanRefusal::Badge(refusal);
                return Ok(json!({
                    "outcome": "refused",
                    "reason": refusal.code(),
                    "message": format!("{} (nothing was recorded)", refusal.message()),
                }));
            }
        };
        let day = kiosk.day().clone();
        let presence = kiosk.store().presence(booking.id)?;
        let areas = kiosk.store().areas(&day)?;
        let clock = |t: DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
        let (checked_in, released, area_id) = presence
            .map(|p| (p.checked_in_at, p.released_at, p.area_id))
            .unwrap_or_default();
        let status = match (checked_in, released) {
            (Some(_), Some(_)) => "released",
            (Some(_), None) => "here",
            (None, _) if booking.details.call_at <= now => "missing",
            (None, _) => "expected",
        };
        let area = areas
            .into_iter()
            .find(|a| Some(a.id) == area_id)
            .map(|a| a.name);
        let lines: Vec<Value> = match released {
            Some(out) => self
                .voucher_summary(&booking, out)
                .map(|s| s.lines)
                .unwrap_or_default(),
            None => self
                .day_so_far(&booking, now)
                .map(|d| d.lines)
                .unwrap_or_default(),
        }
        .into_iter()
        .map(|l| json!({ "code": l.code, "value": l.value }))
        .collect();
        Ok(json!({
            "outcome": "who",
            "badge": booking.badge_no,
            "name": booking.details.full_name(),
            "category": booking.details.category.code(),
            "status": status,
            "area": area,
            "call": clock(booking.details.call_at),
            "in": checked_in.map(clock),
            "out": released.map(clock),
            "lines": lines,
            "message": "Nothing was recorded.",
        }))
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
