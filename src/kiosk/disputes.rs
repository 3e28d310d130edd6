//! Voucher disputes made precise: what the extra says is wrong (a time, a
//! bump that is missing, something else), what they say it was, and the
//! AD's decision. An accepted dispute makes its change through the same
//! core action as a correction, a meal or a bump, in the transaction of
//! the decision and naming it; a rejected one is a note. Decided at two
//! kiosks that could not see each other, the first decision by the clock
//! stands (the fold drops the later one's change) and the pair is flagged
//! as a `double_approval`. A dispute's id is the id of the event that
//! filed it (`voucher_disputed`); its decision is a `request_resolved`.

use super::bumps::{BumpAsked, add_bump_in};
use super::corrections::correct_in;
use super::meals::{MealKind, meal_after_in};
use super::{Kiosk, KioskError, TimeField, not_checked_in};
use crate::model::{Booking, Day, Money};
use crate::pay::BumpKind;
use crate::store::{Actor, EventRecord, NewEvent};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::str::FromStr;

/// The most characters of words an extra (or a PA) adds to a dispute.
pub const MAX_DISPUTE_WORDS: usize = 140;
/// The most characters of a name that decides or approves.
pub const MAX_NAME_CHARS: usize = 60;

/// What a dispute is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeAbout {
    /// A recorded time (in, out, a meal's or the NDB's).
    Time(TimeField),
    /// A bump that is missing.
    Bump,
    /// Anything else, in words.
    Other,
}

impl DisputeAbout {
    /// Every choice, in the order the face offers them.
    pub const ALL: [DisputeAbout; 10] = [
        DisputeAbout::Time(TimeField::In),
        DisputeAbout::Time(TimeField::NdbOut),
        DisputeAbout::Time(TimeField::NdbIn),
        DisputeAbout::Time(TimeField::Meal1Out),
        DisputeAbout::Time(TimeField::Meal1In),
        DisputeAbout::Time(TimeField::Meal2Out),
        DisputeAbout::Time(TimeField::Meal2In),
        DisputeAbout::Time(TimeField::Out),
        DisputeAbout::Bump,
        DisputeAbout::Other,
    ];

    /// `in`, `out`, `meal1_out`, ..., `bump` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            DisputeAbout::Time(field) => field.code(),
            DisputeAbout::Bump => "bump",
            DisputeAbout::Other => "other",
        }
    }

    /// "out time", "meal 1 in", "a missing bump", "something else".
    pub fn words(self) -> &'static str {
        match self {
            DisputeAbout::Time(TimeField::In) => "in time",
            DisputeAbout::Time(TimeField::Out) => "out time",
            DisputeAbout::Time(TimeField::NdbOut) => "NDB out",
            DisputeAbout::Time(TimeField::NdbIn) => "NDB in",
            DisputeAbout::Time(TimeField::Meal1Out) => "meal 1 out",
            DisputeAbout::Time(TimeField::Meal1In) => "meal 1 in",
            DisputeAbout::Time(TimeField::Meal2Out) => "meal 2 out",
            DisputeAbout::Time(TimeField::Meal2In) => "meal 2 in",
            DisputeAbout::Bump => "a missing bump",
            DisputeAbout::Other => "something else",
        }
    }
}

impl FromStr for DisputeAbout {
    type Err = String;
    fn from_str(text: &str) -> Result<DisputeAbout, String> {
        match text.trim() {
            "bump" => Ok(DisputeAbout::Bump),
            "other" => Ok(DisputeAbout::Other),
            t => t.parse().map(DisputeAbout::Time).map_err(|_| {
                format!(
                    "'{t}' is not what a dispute is about: write in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out, meal2_in, bump or other"
                )
            }),
        }
    }
}

/// Where a dispute stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeStatus {
    Open,
    Accepted,
    Rejected,
}

impl DisputeStatus {
    pub fn code(self) -> &'static str {
        match self {
            DisputeStatus::Open => "open",
            DisputeStatus::Accepted => "accepted",
            DisputeStatus::Rejected => "rejected",
        }
    }
}

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

/// A dispute as the log has it, with its decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    /// The id of the event that filed it.
    pub id: String,
    pub booking: Booking,
    pub about: DisputeAbout,
    /// The time recorded when it was filed (a time dispute).
    pub recorded: Option<DateTime<Utc>>,
    pub claimed: Option<DateTime<Utc>>,
    /// The bump said to be missing: its code as filed.
    pub bump: Option<String>,
    pub amount: Option<Money>,
    pub words: String,
    pub status: DisputeStatus,
    pub filed_at: DateTime<Utc>,
    /// `extra` when filed at the face, `pa` from the console or the command line.
    pub filed_by: &'static str,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

impl Dispute {
    /// "out time (you said 19:40)", "a missing bump (wet)", "something
    /// else: the parking was not paid": how the summary and the copy say it.
    pub fn describe(&self, day: &Day) -> String {
        match self.about {
            DisputeAbout::Time(_) => match self.claimed {
                Some(t) => format!("{} (you said {})", self.about.words(), day.format_at(t)),
                None => self.about.words().to_string(),
            },
            DisputeAbout::Bump => format!(
                "a missing bump ({}{})",
                self.bump.as_deref().unwrap_or("?").replace('_', " "),
                self.amount.map(|a| format!(" {a}")).unwrap_or_default()
            ),
            DisputeAbout::Other if self.words.is_empty() => "something else".into(),
            DisputeAbout::Other => format!("something else: {}", self.words),
        }
    }
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

/// A name as given to decide or approve: trimmed, printable, not empty.
pub fn checked_name(name: &str) -> Result<String, KioskError> {
    let name: String = name.trim().chars().filter(|c| !c.is_control()).collect();
    if name.is_empty() {
        return Err(KioskError::Dispute(
            "say who decides: a name is required (it goes on the record)".into(),
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(KioskError::Dispute(format!(
            "the name is {} characters: keep it to {MAX_NAME_CHARS}",
            name.chars().count()
        )));
    }
    Ok(name)
}

/// Words as typed: printable, trimmed, at most [`MAX_DISPUTE_WORDS`].
fn checked_words(words: &str) -> Result<String, KioskError> {
    let words: String = words
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let n = words.chars().count();
    if n > MAX_DISPUTE_WORDS {
        return Err(KioskError::Dispute(format!(
            "the words are {n} characters: keep them to {MAX_DISPUTE_WORDS}"
        )));
    }
    Ok(words)
}

/// Events in the order of the hybrid logical clock, as the fold reads
/// them (events from before kiosks had clocks first, by sequence).
pub(crate) fn by_clock(events: &mut [EventRecord]) {
    events.sort_by(|a, b| {
        (a.hlc.is_some(), &a.hlc, &a.kiosk_id, a.kiosk_seq, a.seq).cmp(&(
            b.hlc.is_some(),
            &b.hlc,
            &b.kiosk_id,
            b.kiosk_seq,
            b.seq,
        ))
    });
}

fn instant(payload: &Value, key: &str) -> Option<DateTime<Utc>> {
    payload[key]
        .as_str()
        .and_then(|t| crate::store::parse_ts(t).ok())
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
        let words = checked_words(&claim.words)?;
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
                    return Err(fail("a time dispute takes no bump".into()));
                }
                if field == TimeField::Out && presence.released_at.is_none() {
                    return Err(fail(
                        "is not released yet: there is no out time to dispute".into(),
                    ));
                }
                recorded = recorded_time(self.store, &self.day, booking, field)?;
            }
            DisputeAbout::Bump => {
                if claim.bump.is_none() {
                    return Err(fail("say which bump is missing".into()));
                }
                if claim.claimed.is_some() {
                    return Err(fail("a bump dispute takes no time".into()));
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
            return Err(fail("an amount goes with a bump".into()));
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
                "the dispute {} of {} was already {} by {}{}",
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
        let by = checked_name(by)?;
        let note = checked_words(note).map_err(|_| {
            KioskError::Dispute(format!("keep the note to {MAX_DISPUTE_WORDS} characters"))
        })?;
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
                    KioskError::Dispute("the dispute gives no time to take".into())
                })?;
                let reason = match note.as_str() {
                    "" => "dispute accepted".to_string(),
                    n => format!("dispute accepted: {n}"),
                };
                match field.meal() {
                    Some((kind, index, end)) => {
                        let kind = if kind == "ndb" {
                            MealKind::Ndb
                        } else {
                            MealKind::Meal
                        };
                        let meals = rec.meals(booking.id, kind.code())?;
                        match (meals.get(index), end) {
                            (Some(m), true) if m.ended_at.is_none() => {
                                meal_after_in(&rec, &day, &booking, kind, false, claimed, &link)?
                            }
                            (None, false) => {
                                meal_after_in(&rec, &day, &booking, kind, true, claimed, &link)?
                            }
                            (None, true) => {
                                let what = dispute.about.words().trim_end_matches(" in");
                                return Err(KioskError::Dispute(format!(
                                    "{} has no {what} recorded: accept the dispute of its out time first",
                                    booking.badge_no
                                )));
                            }
                            _ => correct_in(
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
        let by = checked_name(by)?;
        let note = checked_words(note)?;
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

/// Every dispute of `day`, oldest first, with the decision that stands.
pub fn disputes(
    store: &crate::store::Store,
    day: &Day,
) -> Result<Vec<Dispute>, crate::store::StoreError> {
    let mut events: Vec<EventRecord> = store
        .events_of_kinds(&["voucher_disputed", "request_resolved"])?
        .into_iter()
        .filter(|e| e.day_id == Some(day.id))
        .collect();
    by_clock(&mut events);
    let bookings = store.bookings(day)?;
    let mut found: Vec<Dispute> = Vec::new();
    let mut filed_order: Vec<(DateTime<Utc>, usize)> = Vec::new();
    for e in &events {
        let payload: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        if e.kind == "voucher_disputed" {
            let Some(booking) = bookings.iter().find(|b| Some(b.id) == e.booking_id) else {
                continue;
            };
            let words: String = payload["words"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(MAX_DISPUTE_WORDS)
                .collect();
            filed_order.push((e.happened_at, found.len()));
            found.push(Dispute {
                id: e.id.clone(),
                booking: booking.clone(),
                about: payload["about"]
                    .as_str()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(DisputeAbout::Other),
                recorded: instant(&payload, "recorded_at"),
                claimed: instant(&payload, "claimed_at"),
                bump: payload["bump"]
                    .as_str()
                    .map(|b| b.chars().take(40).collect()),
                amount: payload["amount_cents"].as_i64().map(Money),
                words,
                status: DisputeStatus::Open,
                filed_at: e.happened_at,
                filed_by: if e.actor == "kiosk" { "extra" } else { "pa" },
                decided_by: None,
                decided_at: None,
                note: None,
            });
            continue;
        }
        let Some(request) = payload["request"].as_str() else {
            continue;
        };
        // The first decision by the clock stands.
        let Some(d) = found
            .iter_mut()
            .find(|d| d.id == request && d.status == DisputeStatus::Open)
        else {
            continue;
        };
        d.status = match payload["outcome"].as_str() {
            Some("rejected" | "dismissed") => DisputeStatus::Rejected,
            _ => DisputeStatus::Accepted,
        };
        d.decided_by = Some(
            payload["by"]
                .as_str()
                .map(|b| b.chars().take(MAX_NAME_CHARS).collect())
                .unwrap_or_else(|| format!("PA at kiosk {}", e.kiosk_id)),
        );
        d.decided_at = Some(e.happened_at);
        d.note = Some(
            payload["note"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(MAX_DISPUTE_WORDS)
                .collect(),
        );
    }
    // Oldest first by when they were filed.
    filed_order.sort_by_key(|(at, i)| (*at, *i));
    let mut slots: Vec<Option<Dispute>> = found.into_iter().map(Some).collect();
    Ok(filed_order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect())
}
