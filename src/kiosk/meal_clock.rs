//! The meal clocks of the holding areas: for the people present in each
//! area (not at a meal now), when the earliest meal falls due by the pay
//! rules, whether it is near or past, and the penalties owed so far.

use super::KioskError;
use super::day_rules::day_rules;
use crate::model::{Day, Money};
use crate::pay::{Shift, Span, compute, meal_cost, next_meal_due};
use crate::store::{Store, TimeCard};
use chrono::{DateTime, Duration, Utc};

/// Amber this long before a meal falls due.
pub const WARN_MINUTES: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// More than 30 minutes to go.
    Fine,
    /// Due within 30 minutes, or in the grace after it.
    Soon,
    /// Past due plus grace: penalties accrue.
    Late,
}

/// One holding area's meal clock.
#[derive(Debug, Clone, PartialEq)]
pub struct MealClock {
    pub area_id: Option<i64>,
    pub area: String,
    /// People present and not at a meal now.
    pub people: u32,
    /// The earliest meal due among them.
    pub due: Option<DateTime<Utc>>,
    pub state: ClockState,
    /// What their meal penalties come to if they were released now.
    pub penalties: Money,
}

fn shift_of(card: &TimeCard, now: DateTime<Utc>) -> Option<Shift> {
    let presence = card.presence.as_ref()?;
    let checked_in = presence.checked_in_at?;
    if presence.released_at.is_some() || checked_in > now {
        return None;
    }
    let closed = |records: &[crate::store::MealRecord]| -> Option<Vec<Span>> {
        records
            .iter()
            .map(|m| {
                m.ended_at.map(|end| Span {
                    start: m.started_at,
                    end,
                })
            })
            .collect()
    };
    // At a meal now: their clock is stopped.
    let meals = closed(&card.meals)?;
    // At an NDB now: stopped too.
    let ndb = closed(&card.ndbs)?.into_iter().next();
    Some(Shift {
        category: card.booking.details.category,
        booked_rate: card.booking.details.rate,
        call: card.booking.details.call_at,
        checked_in,
        released: now,
        ndb,
        meals,
        bumps: Vec::new(),
    })
}

/// The meal clock of every holding area of `day` as of `now`.
pub fn meal_clocks(
    store: &Store,
    day: &Day,
    now: DateTime<Utc>,
) -> Result<Vec<MealClock>, KioskError> {
    let rules = day_rules(store, day)?;
    let cards = store.time_cards(day)?;
    Ok(clocks_of(&cards, store.areas(day)?, &rules, now))
}

/// [`meal_clocks`] of time cards already read.
pub(super) fn clocks_of(
    cards: &[TimeCard],
    areas: Vec<crate::model::HoldingArea>,
    rules: &crate::pay::DayRules,
    now: DateTime<Utc>,
) -> Vec<MealClock> {
    let mut clocks: Vec<MealClock> = areas
        .into_iter()
        .map(|a| MealClock {
            area_id: Some(a.id),
            area: a.name,
            people: 0,
            due: None,
            state: ClockState::Fine,
            penalties: Money(0),
        })
        .collect();
    for card in cards {
        let Some(shift) = shift_of(card, now) else {
            continue;
        };
        let area_id = card.presence.as_ref().and_then(|p| p.area_id);
        let Some(clock) = clocks.iter_mut().find(|c| c.area_id == area_id) else {
            continue;
        };
        let rules = rules.of(card.booking.details.union);
        let due = next_meal_due(&shift, rules);
        let grace = Duration::minutes(i64::from(rules.meals.grace_minutes));
        let state = if now > due + grace {
            ClockState::Late
        } else if now >= due - Duration::minutes(WARN_MINUTES) {
            ClockState::Soon
        } else {
            ClockState::Fine
        };
        clock.people += 1;
        clock.due = Some(clock.due.map_or(due, |d| d.min(due)));
        clock.state = match (clock.state, state) {
            (ClockState::Late, _) | (_, ClockState::Late) => ClockState::Late,
            (ClockState::Soon, _) | (_, ClockState::Soon) => ClockState::Soon,
            _ => ClockState::Fine,
        };
        if let Ok(pay) = compute(&shift, rules) {
            clock.penalties = Money(clock.penalties.0 + pay.penalty_amount.0);
        }
    }
    clocks
}

/// What calling a meal for one holding area at `at` would cost, across the
/// people counted (present at `now`, not released, not at a meal).
#[derive(Debug, Clone, PartialEq)]
pub struct MealForecast {
    pub area: String,
    /// The proposed start of the meal.
    pub at: DateTime<Utc>,
    pub present: u32,
    /// How many of them the meal at `at` would be late for.
    pub penalised: u32,
    pub amount: Money,
    /// The latest start with no penalty for anyone counted (which may be
    /// before `at`, or already past); `None` when no one is counted.
    pub latest_free: Option<DateTime<Utc>>,
}

/// The forecast of a meal starting at `at` for every holding area of
/// `day`, each person's meal due now priced by the day's rules
/// ([`meal_cost`]), in one pass over the day's time cards.
pub fn meal_forecasts(
    store: &Store,
    day: &Day,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<MealForecast>, KioskError> {
    let areas = store.areas(day)?;
    let rules = day_rules(store, day)?;
    Ok(forecasts_of(
        &store.time_cards(day)?,
        &areas,
        &rules,
        at,
        now,
    ))
}

/// [`meal_forecasts`] of time cards already read.
pub(super) fn forecasts_of(
    cards: &[TimeCard],
    areas: &[crate::model::HoldingArea],
    rules: &crate::pay::DayRules,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<MealForecast> {
    let mut forecasts: Vec<MealForecast> = areas
        .iter()
        .map(|a| MealForecast {
            area: a.name.clone(),
            at,
            present: 0,
            penalised: 0,
            amount: Money(0),
            latest_free: None,
        })
        .collect();
    for card in cards {
        let area_id = card.presence.as_ref().and_then(|p| p.area_id);
        let Some(i) = areas.iter().position(|a| Some(a.id) == area_id) else {
            continue;
        };
        let Some(shift) = shift_of(card, now) else {
            continue;
        };
        let cost = meal_cost(&shift, at, rules.of(card.booking.details.union));
        let f = &mut forecasts[i];
        f.present += 1;
        if cost.units > 0 {
            f.penalised += 1;
            f.amount = Money(f.amount.0 + cost.amount.0);
        }
        f.latest_free = Some(
            f.latest_free
                .map_or(cost.free_until, |t| t.min(cost.free_until)),
        );
    }
    forecasts
}

/// The forecast for the one area named `area` (any case).
pub fn meal_forecast(
    store: &Store,
    day: &Day,
    area: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<MealForecast, KioskError> {
    meal_forecasts(store, day, at, now)?
        .into_iter()
        .find(|f| f.area.eq_ignore_ascii_case(area.trim()))
        .ok_or_else(|| KioskError::NoSuchArea(area.to_string()))
}
