//! Pay: the rules files (TOML, `fixtures/rules/`) that hold every rate,
//! threshold and bump amount with its source, and the voucher computation.

pub mod day_rules;
pub mod rules;
pub mod voucher;

pub use day_rules::DayRules;
pub use rules::{BumpKind, Multiplier, PenaltyKind, Rules, RulesError};
pub use voucher::{
    BumpLine, LateMeal, MealCost, Pay, PayError, Shift, Span, compute, hours_text, meal_cost,
    next_meal_due,
};
