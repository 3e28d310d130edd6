//! Voucher disputes made precise: what the extra says is wrong (a time, a
//! bump that is missing, something else), what they say it was, and the
//! AD's decision. An accepted dispute makes its change through the same
//! core action as a correction, a meal or a bump, in the transaction of
//! the decision and naming it; a rejected one is a note. Decided at two
//! kiosks that could not see each other, the first decision by the clock
//! stands (the fold drops the later one's change) and the pair is flagged
//! as a `double_approval`. A dispute's id is the id of the event that
//! filed it (`voucher_disputed`); its decision is a `request_resolved`.

pub use crate::report::disputes::{
    Dispute, DisputeAbout, DisputeStatus, MAX_DISPUTE_WORDS, MAX_NAME_CHARS, disputes,
};

use super::bumps::{BumpAsked, add_bump_in};
use super::corrections::correct_in;
use super::meals::{MealKind, meal_after_in};
use super::{Kiosk, KioskError, TimeField, not_checked_in};
use crate::model::{Booking, Day, Money};
use crate::pay::BumpKind;
use crate::store::{Actor, NewEvent};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// What an extra (or a PA for them) says is wrong.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DisputeClaim {
    pub about: Option<DisputeAbout>,
    /// For a time: the time the extra says it was.
    pub claimed: Option<DateTime<Utc>>,
    /// For a missing bump: its kind, and an amount for the kinds the
    /// production prices.
    pub bump: Option<BumpKind>,
    pub amount: Option<Money>,
    /// A few words, optional.
    pub words: String,
}

/// An accepted dispute's change names the dispute and the decision, so a
/// kiosk that learns of an earlier decision (made at a kiosk out of reach)
/// drops it; `by` is the name that decided.
#[derive(Debug, Clone)]
pub(super) struct DisputeLink {
    pub dispute: String,
    pub decision: String,
    pub by: String,
}

impl DisputeLink {
    pub fn mark(&self, payload: &mut Value) {
        payload["dispute"] = json!(self.dispute);
        payload["decision"] = json!(self.decision);
        payload["by"] = json!(self.by);
    }
}

/// A name as given to decide or approve: trimmed, printable, not empty;
/// else what is wrong with it (the caller says what was not done).
pub fn checked_name(name: &str) -> Result<String, String> {
    let name: String = name.trim().chars().filter(|c| !c.is_control()).collect();
    if name.is_empty() {
        return Err("say who decides: a name is required (it goes on the record)".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the name is {} characters: keep it to {MAX_NAME_CHARS}",
            name.chars().count()
        ));
    }
    Ok(name)
}

/// Words or a note as typed: printable, trimmed, at most
/// [`MAX_DISPUTE_WORDS`]; else what is wrong with them.
pub(super) fn checked_words(words: &str) -> Result<String, String> {
    let words: String = words
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = words.chars().count();
    if n > MAX_DISPUTE_WORDS {
        return Err(format!(
            "{n} characters: keep the words to {MAX_DISPUTE_WORDS}"
        ));
    }
    Ok(words)
}

/// Where a time picker for `field` of `booking` starts: the time recorded,
/// else (a meal or NDB never recorded) six hours after the in time, no
/// later than the out time. `None` for someone not checked in.
pub fn picker_start(
    store: &crate::store::Store,
    day: &Day,
    booking: &Booking,
    field: TimeField,
) -> Result<Option<DateTime<Utc>>, KioskError> {
    if let Some(t) = recorded_time(store, day, booking, field)? {
        return Ok(Some(t));
    }
    let Some(presence) = store.presence(booking.id)? else {
        return Ok(None);
    };
    let Some(checked_in) = presence.checked_in_at else {
        return Ok(None);
    };
    let guess = checked_in + chrono::Duration::hours(6);
    Ok(Some(match presence.released_at {
        Some(out) => guess.min(out),
        None => guess,
    }))
}

/// The time recorded for `field` of `booking` now, if any.
pub fn recorded_time(
    store: &crate::store::Store,
    day: &Day,
    booking: &Booking,
    field: TimeField,
) -> Result<Option<DateTime<Utc>>, KioskError> {
    let card = store.time_card(day, booking)?;
    let presence = card.presence.as_ref();
    Ok(match field {
        TimeField::In => presence.and_then(|p| p.checked_in_at),
        TimeField::Out => presence.and_then(|p| p.released_at),
        other => {
            let (kind, index, end) = other.meal().expect("a meal field");
            let meals = if kind == "ndb" {
                &card.ndbs
            } else {
                &card.meals
            };
            meals
                .get(index)
                .and_then(|m| if end { m.ended_at } else { Some(m.started_at) })
        }
    })
}

impl Kiosk<'_> {
    /// Files a dispute of `booking`'s voucher: at the face (`actor` the
    /// kiosk) or by a PA for the extra. Returns its id.
    pub fn file_dispute(
        &mut self,
        booking: &Booking,
        claim: &DisputeClaim,
        actor: Actor,
        at: DateTime<Utc>,
    ) -> Result<String, KioskError> {
        let fail = |what: String| {
            KioskError::Dispute(format!(
                "{} ({}): {what}",
                booking.badge_no,
                booking.details.full_name()
            ))
        };
        let about = claim.about.unwrap_or(DisputeAbout::Other);
        let presence = self
            .store
            .presence(booking.id)?
            .ok_or_else(|| not_checked_in(booking))?;
        let words = checked_words(&claim.words).map_err(KioskError::Dispute)?;
        let mut recorded = None;
        match about {
            DisputeAbout::Time(field) => {
                if claim.claimed.is_none() {
                    return Err(fail(format!(
                        "a dispute of the {} says what time it was: give the time",
                        about.words()
                    )));
                }
                if claim.bump.is_some() || claim.amount.is_some() {
                    return Err(fail(
                        "a time dispute takes no bump: leave the bump out".into(),
                    ));
                }
                if field == TimeField::Out && presence.released_at.is_none() {
                    return Err(fail(
                        "is not released yet: release them first, then file the dispute of the out time".into(),
                    ));
                }
                recorded = recorded_time(self.store, &self.day, booking, field)?;
            }
            DisputeAbout::Bump => {
                if claim.bump.is_none() {
                    return Err(fail("say which bump is missing".into()));
                }
                if claim.claimed.is_some() {
                    return Err(fail(
                        "a bump dispute takes no time: leave the time out".into(),
                    ));
                }
            }
            DisputeAbout::Other => {
                if claim.claimed.is_some() || claim.bump.is_some() || claim.amount.is_some() {
                    return Err(fail(
                        "\"other\" takes words only: for a time or a bump, say which".into(),
                    ));
                }
            }
        }
        if claim.amount.is_some() && claim.bump.is_none() {
            return Err(fail(
                "an amount goes with a bump: say which bump, or leave the amount out".into(),
            ));
        }
        let ts = crate::store::ts;
        let id = self.store.record(&NewEvent {
            kind: "voucher_disputed",
            day_id: Some(self.day.id),
            booking_id: Some(booking.id),
            area_id: None,
            happened_at: at,
            actor,
            payload: json!({
                "badge": booking.badge_no,
                "about": about.code(),
                "recorded_at": recorded.map(ts),
                "claimed_at": claim.claimed.map(ts),
                "bump": claim.bump.map(BumpKind::code),
                "amount_cents": claim.amount.map(Money::cents),
                "words": words,
            }),
        })?;
        Ok(id)
    }

    /// The extra files a dispute at the face, at check-out.
    pub fn dispute_at_face(
        &mut self,
        booking: &Booking,
        claim: &DisputeClaim,
        at: DateTime<Utc>,
    ) -> Result<String, KioskError> {
        self.file_dispute(booking, claim, Actor::Kiosk, at)
    }

    /// Every dispute of the day, oldest first, with its decision.
    pub fn disputes(&self) -> Result<Vec<Dispute>, KioskError> {
        Ok(disputes(self.store, &self.day)?)
    }

    /// The dispute `id` (or the only one whose id starts with it, 6
    /// characters at least).
    pub fn dispute(&self, id: &str) -> Result<Dispute, KioskError> {
        let id = id.trim();
        let all = self.disputes()?;
        if let Some(d) = all.iter().find(|d| d.id == id) {
            return Ok(d.clone());
        }
        let found: Vec<&Dispute> = if id.len() >= 6 {
            all.iter().filter(|d| d.id.starts_with(id)).collect()
        } else {
            Vec::new()
        };
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(KioskError::Dispute(format!(
                "there is no dispute '{id}' on this day: see `extras-kiosk dispute list`"
            ))),
            _ => Err(KioskError::Dispute(format!(
                "'{id}' starts {} disputes' ids: give more of it",
                found.len()
            ))),
        }
    }

    fn open_dispute(&self, id: &str) -> Result<Dispute, KioskError> {
        let dispute = self.dispute(id)?;
        if dispute.status != DisputeStatus::Open {
            return Err(KioskError::Dispute(format!(
                "the dispute {} of {} was already {} by {}{}: nothing to decide; if the extra still disagrees, file a new one",
                dispute.id,
                dispute.booking.badge_no,
                dispute.status.code(),
                dispute.decided_by.as_deref().unwrap_or("a PA"),
                dispute
                    .decided_at
                    .map(|t| format!(" at {}", self.day.format_at(t)))
                    .unwrap_or_default()
            )));
        }
        Ok(dispute)
    }

    /// Accepts dispute `id`: the change the extra asked for is made (a
    /// corrected time, a meal recorded, a bump added) in the transaction
    /// of the decision, naming it. "Other" is accepted with a note only.
    pub fn accept_dispute(
        &mut self,
        id: &str,
        by: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Dispute, KioskError> {
        let by = checked_name(by).map_err(KioskError::Dispute)?;
        let note = checked_words(note).map_err(KioskError::Dispute)?;
        let dispute = self.open_dispute(id)?;
        if dispute.about == DisputeAbout::Other && note.is_empty() {
            return Err(KioskError::Dispute(
                "an \"other\" dispute changes nothing by itself: say in a note what was done"
                    .into(),
            ));
        }
        let day = self.day.clone();
        let rules = super::day_rules::day_rules(self.store, &day)?;
        let booking = dispute.booking.clone();
        let rec = self.store.recording()?;
        let decision = rec.append(&decision_event(&day, &dispute, "accepted", &by, &note, at))?;
        let link = DisputeLink {
            dispute: dispute.id.clone(),
            decision,
            by: by.clone(),
        };
        match dispute.about {
            DisputeAbout::Time(field) => {
                let claimed = dispute.claimed.ok_or_else(|| {
                    KioskError::Dispute(
                        "the dispute gives no time to take: reject it with a note, and correct the time by hand".into(),
                    )
                })?;
                let reason = match note.as_str() {
                    "" => "dispute accepted".to_string(),
                    n => format!("dispute accepted: {n}"),
                };
                // A meal never recorded is recorded now (its out, then its in);
                // a time recorded is corrected.
                match meal_to_record(&rec, &dispute, field)? {
                    Some((kind, start)) => {
                        meal_after_in(&rec, &day, &booking, kind, start, claimed, &link)?
                    }
                    None => correct_in(
                        &rec,
                        &day,
                        &booking,
                        field,
                        claimed,
                        &reason,
                        at,
                        Some(&link),
                    )?,
                }
            }
            DisputeAbout::Bump => {
                let kind = dispute
                    .bump
                    .as_deref()
                    .and_then(BumpKind::from_code)
                    .ok_or_else(|| {
                        KioskError::Dispute(format!(
                            "the bump '{}' is not one this kiosk knows: add the right one with `bump add`, and reject this dispute with a note",
                            dispute.bump.as_deref().unwrap_or_default()
                        ))
                    })?;
                let asked = BumpAsked {
                    kind,
                    count: None,
                    amount: dispute.amount,
                };
                add_bump_in(&rec, &day, &rules, &booking, asked, &by, at, Some(&link))?;
            }
            DisputeAbout::Other => {}
        }
        rec.refold_if_merged(day.id)?;
        rec.commit()?;
        self.dispute(&dispute.id)
    }

    /// Rejects dispute `id`, saying why in `note` (required).
    pub fn reject_dispute(
        &mut self,
        id: &str,
        by: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<Dispute, KioskError> {
        let by = checked_name(by).map_err(KioskError::Dispute)?;
        let note = checked_words(note).map_err(KioskError::Dispute)?;
        if note.is_empty() {
            return Err(KioskError::Dispute(
                "say why in a note: the extra reads it on their voucher".into(),
            ));
        }
        let dispute = self.open_dispute(id)?;
        self.store.record(&decision_event(
            &self.day, &dispute, "rejected", &by, &note, at,
        ))?;
        self.dispute(&dispute.id)
    }
}

/// For a disputed meal or NDB time with nothing recorded to correct: the
/// kind to record and whether its start (an end whose start is missing is
/// refused: its out is accepted first). `None` for a time to correct.
fn meal_to_record(
    rec: &crate::store::Recording<'_>,
    dispute: &Dispute,
    field: TimeField,
) -> Result<Option<(MealKind, bool)>, KioskError> {
    let Some((kind, index, end)) = field.meal() else {
        return Ok(None);
    };
    let kind = if kind == "ndb" {
        MealKind::Ndb
    } else {
        MealKind::Meal
    };
    let meals = rec.meals(dispute.booking.id, kind.code())?;
    match (meals.get(index), end) {
        (Some(m), true) if m.ended_at.is_none() => Ok(Some((kind, false))),
        (None, false) => Ok(Some((kind, true))),
        (None, true) => Err(KioskError::Dispute(format!(
            "{} has no {} recorded: accept the dispute of its out time first",
            dispute.booking.badge_no,
            dispute.about.words().trim_end_matches(" in")
        ))),
        _ => Ok(None),
    }
}

fn decision_event(
    day: &Day,
    dispute: &Dispute,
    outcome: &str,
    by: &str,
    note: &str,
    at: DateTime<Utc>,
) -> NewEvent {
    NewEvent {
        kind: "request_resolved",
        day_id: Some(day.id),
        booking_id: Some(dispute.booking.id),
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({
            "request": dispute.id,
            "outcome": outcome,
            "note": note,
            "by": by,
        }),
    }
}
