//! The voucher computation: from one booking's call, in, meals, out and
//! bumps to paid hours, overtime, meal penalties and gross, by a rules file.
//! A pure function on exact integers (seconds, tenths of an hour, cents).

use super::rules::{BumpKind, PenaltyKind, Rules};
use crate::model::{Category, Money};
use chrono::{DateTime, Duration, Utc};

/// A stretch of time: a meal or an NDB, start to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    fn seconds(self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    /// The part of this span between `from` and `to`, if any.
    fn within(self, from: DateTime<Utc>, to: DateTime<Utc>) -> Option<Span> {
        let span = Span {
            start: self.start.max(from),
            end: self.end.min(to),
        };
        (span.end > span.start).then_some(span)
    }
}

/// A bump as recorded: its kind, how many, and the amount the production
/// set (for the kinds whose amount the rules leave to the production).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BumpLine {
    pub kind: BumpKind,
    pub count: u32,
    pub amount: Option<Money>,
}

/// What the computation reads of one booking's day.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub category: Category,
    /// The rate on the skin; the rules' category rate when `None`.
    pub booked_rate: Option<Money>,
    pub call: DateTime<Utc>,
    pub checked_in: DateTime<Utc>,
    pub released: DateTime<Utc>,
    pub ndb: Option<Span>,
    /// Every meal as recorded, short ones too, in any order.
    pub meals: Vec<Span>,
    pub bumps: Vec<BumpLine>,
}

/// Hours paid at one overtime multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OvertimeLine {
    pub multiplier: super::rules::Multiplier,
    pub tenths: u32,
    pub amount: Money,
}

/// A meal period that went late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateMeal {
    pub due: DateTime<Utc>,
    /// When the meal started, or the release when there was none.
    pub until: DateTime<Utc>,
    /// Late half hours (ladder) or 1 (an hour's pay).
    pub units: u32,
    pub amount: Money,
}

/// A bump priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedBump {
    pub kind: BumpKind,
    pub count: u32,
    pub amount: Money,
}

/// A computed voucher's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Pay {
    pub rate: Money,
    /// When paid time starts: the later of call and check-in.
    pub start: DateTime<Utc>,
    pub tenths_worked: u32,
    pub tenths_straight: u32,
    /// The hours the day rate guarantees, in tenths: a shorter day is paid
    /// as this long (worked and paid differ).
    pub tenths_guaranteed: u32,
    /// One line per overtime step of the rules, in order.
    pub overtime: Vec<OvertimeLine>,
    /// The meals that count (30 minutes or more, clipped to the paid
    /// time): `meals[0]` is meal 1, `meals[1]` meal 2.
    pub meals: Vec<Span>,
    pub late_meals: Vec<LateMeal>,
    /// Late half hours (ladder rules) or late meals (hour rules).
    pub penalty_units: u32,
    pub penalty_amount: Money,
    pub bumps: Vec<PricedBump>,
    pub bump_amount: Money,
    pub gross: Money,
}

impl Pay {
    pub fn overtime_amount(&self) -> Money {
        Money(self.overtime.iter().map(|o| o.amount.0).sum())
    }

    /// Tenths at the `n`th overtime step (0: the first), 0 when the rules
    /// have no such step.
    pub fn overtime_tenths(&self, n: usize) -> u32 {
        self.overtime.get(n).map_or(0, |o| o.tenths)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayError {
    #[error(
        "a {kind} bump has no amount and the rules file sets none: record it again with an amount"
    )]
    BumpWithoutAmount { kind: &'static str },
}

/// `numerator / denominator` rounded half-up; both non-negative.
fn round_half_up(numerator: i128, denominator: i128) -> i64 {
    ((2 * numerator + denominator) / (2 * denominator)) as i64
}

/// `seconds` rounded up to whole units of `unit` seconds.
fn units_up(seconds: i64, unit: i64) -> u32 {
    (seconds.max(0) + unit - 1).div_euclid(unit) as u32
}

/// Computes the voucher of `shift` under `rules`.
pub fn compute(shift: &Shift, rules: &Rules) -> Result<Pay, PayError> {
    let rate = shift
        .booked_rate
        .unwrap_or_else(|| rules.category_rate(shift.category));
    let start = shift.call.max(shift.checked_in);
    let out = shift.released.max(start);

    let min_meal = i64::from(rules.meals.minimum_minutes) * 60;
    let mut meals: Vec<Span> = shift
        .meals
        .iter()
        .filter_map(|m| m.within(start, out))
        .filter(|m| m.seconds() >= min_meal)
        .collect();
    meals.sort_by_key(|m| m.start);

    let max_deduction = i64::from(rules.meals.max_deductible_minutes) * 60;
    let deducted: i64 = meals.iter().map(|m| m.seconds().min(max_deduction)).sum();
    let paid_seconds = (out - start).num_seconds() - deducted;
    let tenth = i64::from(rules.hours.rounding_minutes) * 60;
    let tenths_worked = units_up(paid_seconds, tenth);

    let guaranteed = rules.hours.guaranteed * 10;
    let tenths_straight = tenths_worked.min(guaranteed);
    let overtime: Vec<OvertimeLine> = rules
        .overtime
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let from = step.after_hours * 10;
            let to = rules
                .overtime
                .get(i + 1)
                .map_or(u32::MAX, |next| next.after_hours * 10);
            let tenths = tenths_worked.clamp(from, to) - from;
            // tenths/10 hours x (rate / guaranteed hours) x multiplier.
            let amount = round_half_up(
                i128::from(tenths) * i128::from(rate.0) * i128::from(step.multiplier.numerator),
                i128::from(guaranteed) * i128::from(step.multiplier.denominator),
            );
            OvertimeLine {
                multiplier: step.multiplier,
                tenths,
                amount: Money(amount),
            }
        })
        .collect();

    let (late_meals, _) = meal_periods(shift, &meals, out, rules);
    let penalty_units: u32 = late_meals.iter().map(|l| l.units).sum();
    let penalty_amount = match rules.meals.penalty {
        PenaltyKind::Ladder => Money(late_meals.iter().map(|l| l.amount.0).sum()),
        // An hour at the hourly rate per late meal, rounded once.
        PenaltyKind::Hour => Money(round_half_up(
            i128::from(penalty_units) * i128::from(rate.0),
            i128::from(rules.hours.guaranteed),
        )),
    };

    let bumps = price_bumps(&shift.bumps, rules)?;
    let bump_amount = Money(bumps.iter().map(|b| b.amount.0).sum());
    let overtime_amount: i64 = overtime.iter().map(|o| o.amount.0).sum();
    let gross = Money(rate.0 + overtime_amount + penalty_amount.0 + bump_amount.0);
    Ok(Pay {
        rate,
        start,
        tenths_worked,
        tenths_straight,
        tenths_guaranteed: guaranteed,
        overtime,
        meals,
        late_meals,
        penalty_units,
        penalty_amount,
        bumps,
        bump_amount,
        gross,
    })
}

/// When the next meal of `shift` is due, with its meals so far (short ones
/// included; they do not count): from call or the NDB's end, or 6 hours
/// after the last meal that counts.
pub fn next_meal_due(shift: &Shift, rules: &Rules) -> DateTime<Utc> {
    let start = shift.call.max(shift.checked_in);
    let min_meal = i64::from(rules.meals.minimum_minutes) * 60;
    let mut meals: Vec<Span> = shift
        .meals
        .iter()
        .filter_map(|m| m.within(start, shift.released.max(start)))
        .filter(|m| m.seconds() >= min_meal)
        .collect();
    meals.sort_by_key(|m| m.start);
    meal_periods(shift, &meals, shift.released.max(start), rules).1
}

/// Walks the meal periods: the first due from call (or the NDB's end), each
/// next one from the end of the meal before; a meal later than due plus
/// grace, or a release after it with no meal, is late from the due time.
/// Returns the late periods and when the next meal is due.
fn meal_periods(
    shift: &Shift,
    meals: &[Span],
    out: DateTime<Utc>,
    rules: &Rules,
) -> (Vec<LateMeal>, DateTime<Utc>) {
    let m = &rules.meals;
    let first_from = match shift.ndb {
        Some(ndb) => shift.call.max(ndb.end),
        None => shift.call,
    };
    let mut due = first_from + Duration::hours(i64::from(m.first_due_hours));
    let mut late = Vec::new();
    let mut period = |due: DateTime<Utc>, until: DateTime<Utc>| {
        if let Some(l) = late_period(due, until, rules) {
            late.push(l);
        }
    };
    for meal in meals {
        period(due, meal.start);
        due = meal.end + Duration::hours(i64::from(m.next_due_hours));
    }
    period(due, out);
    (late, due)
}

/// The meal period due at `due` closed at `until` (a meal's start, or the
/// release): late when after due plus grace, from the due time. Ladder
/// rules price each late half hour here; hour rules count one late meal,
/// priced in total by the caller (rounded once).
fn late_period(due: DateTime<Utc>, until: DateTime<Utc>, rules: &Rules) -> Option<LateMeal> {
    let m = &rules.meals;
    if until <= due + Duration::minutes(i64::from(m.grace_minutes)) {
        return None;
    }
    let (units, amount) = match m.penalty {
        PenaltyKind::Ladder => {
            let half_hours = units_up((until - due).num_seconds(), 30 * 60);
            let amount = (1..=half_hours as usize)
                .map(|n| m.ladder[(n - 1).min(m.ladder.len() - 1)].0)
                .sum();
            (half_hours, Money(amount))
        }
        PenaltyKind::Hour => (1, Money(0)),
    };
    Some(LateMeal {
        due,
        until,
        units,
        amount,
    })
}

/// What a meal starting at `at` (and lasting at least the minimum) costs
/// one person: the penalty of the meal period due now, which it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MealCost {
    /// When the meal period it closes fell due.
    pub due: DateTime<Utc>,
    /// The latest start with no penalty (due plus grace).
    pub free_until: DateTime<Utc>,
    /// Late half hours (ladder rules) or 1 late meal (hour rules); 0 when
    /// on time.
    pub units: u32,
    pub amount: Money,
}

/// The cost of a meal starting at `at` for `shift` (its meals and NDB so
/// far; its `released` is not read): the meal due now, the first or the
/// next after the last meal that counts, by the same walk as [`compute`].
pub fn meal_cost(shift: &Shift, at: DateTime<Utc>, rules: &Rules) -> MealCost {
    let so_far = Shift {
        released: at.max(shift.call.max(shift.checked_in)),
        ..shift.clone()
    };
    let due = next_meal_due(&so_far, rules);
    let free_until = due + Duration::minutes(i64::from(rules.meals.grace_minutes));
    let rate = shift
        .booked_rate
        .unwrap_or_else(|| rules.category_rate(shift.category));
    match late_period(due, at, rules) {
        None => MealCost {
            due,
            free_until,
            units: 0,
            amount: Money(0),
        },
        Some(late) => MealCost {
            due,
            free_until,
            units: late.units,
            amount: match rules.meals.penalty {
                PenaltyKind::Ladder => late.amount,
                PenaltyKind::Hour => Money(round_half_up(
                    i128::from(rate.0),
                    i128::from(rules.hours.guaranteed),
                )),
            },
        },
    }
}

fn price_bumps(lines: &[BumpLine], rules: &Rules) -> Result<Vec<PricedBump>, PayError> {
    let mut wardrobe_changes = 0u32;
    let mut priced = Vec::new();
    for line in lines {
        let amount = match (line.kind, rules.fixed_bump(line.kind)) {
            (BumpKind::Wardrobe, _) => {
                // The first change of the day at the first rate, each further
                // change at the additional rate, across every wardrobe bump.
                let first = u32::from(wardrobe_changes == 0).min(line.count);
                let further = line.count - first;
                wardrobe_changes += line.count;
                Money(
                    i64::from(first) * rules.bumps.wardrobe_first.0
                        + i64::from(further) * rules.bumps.wardrobe_additional.0,
                )
            }
            (_, Ok(each)) => Money(i64::from(line.count) * each.0),
            (kind, Err(default)) => {
                let each = line
                    .amount
                    .or(default)
                    .ok_or(PayError::BumpWithoutAmount { kind: kind.code() })?;
                Money(i64::from(line.count) * each.0)
            }
        };
        priced.push(PricedBump {
            kind: line.kind,
            count: line.count,
            amount,
        });
    }
    Ok(priced)
}

/// Tenths of an hour written with one decimal: 87 -> "8.7".
pub fn hours_text(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnionStatus;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, h, m, 0).unwrap()
    }

    fn shift(call: (u32, u32), checked_in: (u32, u32), released: (u32, u32)) -> Shift {
        Shift {
            category: Category::General,
            booked_rate: None,
            call: at(call.0, call.1),
            checked_in: at(checked_in.0, checked_in.1),
            released: at(released.0, released.1),
            ndb: None,
            meals: vec![],
            bumps: vec![],
        }
    }

    #[test]
    fn half_up_rounding_is_exact() {
        assert_eq!(round_half_up(5, 10), 1);
        assert_eq!(round_half_up(4, 10), 0);
        assert_eq!(round_half_up(15, 10), 2);
        assert_eq!(units_up(0, 360), 0);
        assert_eq!(units_up(1, 360), 1);
        assert_eq!(units_up(360, 360), 1);
    }

    #[test]
    fn a_short_day_pays_the_guarantee() {
        let pay = compute(
            &shift((6, 30), (6, 30), (10, 0)),
            &Rules::shipped(UnionStatus::Union),
        )
        .unwrap();
        assert_eq!(pay.tenths_worked, 35);
        assert_eq!(pay.gross, Money(22400));
        assert!(pay.late_meals.is_empty());
    }

    #[test]
    fn a_release_before_call_pays_the_guarantee_and_no_negative_hours() {
        let pay = compute(
            &shift((6, 30), (6, 0), (6, 10)),
            &Rules::shipped(UnionStatus::Union),
        )
        .unwrap();
        assert_eq!(pay.tenths_worked, 0);
        assert_eq!(pay.gross, Money(22400));
    }

    #[test]
    fn wardrobe_changes_count_across_bumps() {
        let mut s = shift((6, 30), (6, 30), (10, 0));
        s.bumps = vec![
            BumpLine {
                kind: BumpKind::Wardrobe,
                count: 1,
                amount: None,
            },
            BumpLine {
                kind: BumpKind::Wardrobe,
                count: 2,
                amount: None,
            },
        ];
        let pay = compute(&s, &Rules::shipped(UnionStatus::Union)).unwrap();
        assert_eq!(pay.bump_amount, Money(900 + 625 + 625));
    }

    #[test]
    fn a_production_bump_without_an_amount_is_an_error() {
        let mut s = shift((6, 30), (6, 30), (10, 0));
        s.bumps = vec![BumpLine {
            kind: BumpKind::Wet,
            count: 1,
            amount: None,
        }];
        let err = compute(&s, &Rules::shipped(UnionStatus::Union)).unwrap_err();
        assert!(err.to_string().contains("wet"), "{err}");
    }

    mod forecast {
        use super::super::*;
        use crate::model::UnionStatus;
        use chrono::TimeZone;
        use proptest::prelude::*;

        fn minute(m: i64) -> DateTime<Utc> {
            Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap() + Duration::minutes(m)
        }

        #[test]
        fn lunch_at_13_10_after_a_6_00_call() {
            let rules = Rules::shipped(UnionStatus::Union);
            let call = minute(-360);
            let shift = Shift {
                category: Category::General,
                booked_rate: None,
                call,
                checked_in: call,
                released: call,
                ndb: None,
                meals: Vec::new(),
                bumps: Vec::new(),
            };
            let cost = meal_cost(&shift, minute(70), &rules);
            assert_eq!(cost.due, minute(0), "six hours after call");
            assert_eq!(cost.free_until, minute(12), "union grace");
            assert_eq!(
                (cost.units, cost.amount),
                (3, Money(3000)),
                "7.50 + 10.00 + 12.50"
            );
            let on_time = meal_cost(&shift, minute(12), &rules);
            assert_eq!(on_time.units, 0);
            let non_union = meal_cost(&shift, minute(1), &Rules::shipped(UnionStatus::NonUnion));
            assert_eq!(non_union.units, 1, "no grace: an hour's pay");
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]
            /// Recording the meal the forecast priced (at `at`, 30 minutes
            /// or more) puts exactly that penalty for that meal period in
            /// the voucher.
            #[test]
            fn the_forecast_is_what_the_voucher_charges(
                union in any::<bool>(),
                call in 0i64..120,
                arrive in -60i64..180,
                ndb in proptest::option::of((0i64..240, 10i64..40)),
                first_meal in proptest::option::of((0i64..600, 5i64..75)),
                wait in 0i64..900,
                length in 30i64..75,
                stay in 0i64..300,
                rate in proptest::option::of(15_000i64..40_000),
            ) {
                let rules = Rules::shipped(if union { UnionStatus::Union } else { UnionStatus::NonUnion });
                let (call, checked_in) = (minute(call), minute(arrive));
                let start = call.max(checked_in);
                let ndb = ndb.map(|(from, len)| Span { start: start + Duration::minutes(from), end: start + Duration::minutes(from + len) });
                let after_ndb = ndb.map_or(start, |n| n.end.max(start));
                let meals: Vec<Span> = first_meal
                    .map(|(from, len)| Span { start: after_ndb + Duration::minutes(from), end: after_ndb + Duration::minutes(from + len) })
                    .into_iter()
                    .collect();
                let busy_until = meals.last().map_or(after_ndb, |m| m.end);
                let at = busy_until + Duration::minutes(wait);
                let shift = Shift {
                    category: Category::General,
                    booked_rate: rate.map(Money),
                    call,
                    checked_in,
                    released: at,
                    ndb,
                    meals: meals.clone(),
                    bumps: Vec::new(),
                };
                let cost = meal_cost(&shift, at, &rules);
                let mut recorded = shift.clone();
                recorded.meals.push(Span { start: at, end: at + Duration::minutes(length) });
                recorded.released = at + Duration::minutes(length + stay);
                let pay = compute(&recorded, &rules).unwrap();
                let late = pay.late_meals.iter().find(|l| l.due == cost.due && l.until == at);
                match late {
                    None => prop_assert_eq!(cost.units, 0, "the voucher has no late period the forecast priced"),
                    Some(l) => {
                        prop_assert_eq!(l.units, cost.units);
                        if rules.meals.penalty == PenaltyKind::Ladder {
                            prop_assert_eq!(l.amount, cost.amount);
                        } else {
                            prop_assert_eq!(cost.amount, Money(round_half_up(i128::from(pay.rate.0), i128::from(rules.hours.guaranteed))));
                        }
                    }
                }
                prop_assert_eq!(cost.units == 0, at <= cost.free_until);
            }
        }
    }
}
