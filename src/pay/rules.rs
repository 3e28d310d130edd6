//! Reading a rules file: category rates, hours, overtime steps, meal timing
//! and penalties, and the bump catalogue. No amount lives in code.

use crate::model::{Category, Money, UnionStatus};
use serde::{Deserialize, Deserializer};
use std::path::Path;

const SAG_AFTRA: &str = include_str!("../../fixtures/rules/sag-aftra-2023-background.toml");
const NON_UNION: &str = include_str!("../../fixtures/rules/non-union-california.toml");

fn money<'de, D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
    let text = String::deserialize(d)?;
    Money::parse_rate(&text).map_err(serde::de::Error::custom)
}

fn money_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Money>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|text| Money::parse_rate(text).map_err(serde::de::Error::custom))
        .collect()
}

fn optional_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Money>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(text) => Money::parse_rate(&text)
            .map(Some)
            .map_err(serde::de::Error::custom),
        None => Ok(None),
    }
}

/// A rules file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub name: String,
    pub rates: Rates,
    pub hours: Hours,
    pub overtime: Vec<OvertimeStep>,
    pub meals: Meals,
    pub bumps: BumpRates,
}

/// Category day rates when the skin gives none.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    #[serde(deserialize_with = "money")]
    pub general: Money,
    #[serde(deserialize_with = "money")]
    pub special_ability: Money,
    #[serde(deserialize_with = "money")]
    pub stand_in: Money,
    #[serde(deserialize_with = "money")]
    pub photo_double: Money,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub guaranteed: u32,
    pub rounding_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OvertimeStep {
    pub after_hours: u32,
    /// A decimal, e.g. "1.5".
    pub multiplier: Multiplier,
}

/// An exact decimal multiplier ("1.5" is 15/10), never a binary float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multiplier {
    pub numerator: i64,
    pub denominator: i64,
}

impl Multiplier {
    pub fn parse(text: &str) -> Result<Multiplier, String> {
        let bad = || format!("a multiplier is a decimal like \"1.5\" or \"2\", not \"{text}\"");
        let (whole, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        if whole.is_empty()
            || whole.len() > 3
            || frac.len() > 4
            || !whole
                .chars()
                .chain(frac.chars())
                .all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let denominator = 10i64.pow(frac.len() as u32);
        let numerator = format!("{whole}{frac}").parse::<i64>().map_err(|_| bad())?;
        Ok(Multiplier {
            numerator,
            denominator,
        })
    }
}

impl std::fmt::Display for Multiplier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whole = self.numerator / self.denominator;
        let frac = self.numerator % self.denominator;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = self.denominator.ilog10() as usize;
            let text = format!("{frac:0digits$}");
            write!(f, "{whole}.{}", text.trim_end_matches('0'))
        }
    }
}

impl<'de> Deserialize<'de> for Multiplier {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Multiplier, D::Error> {
        Multiplier::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// How a late meal is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PenaltyKind {
    /// An amount for each late half hour, from `ladder` (the last repeats).
    Ladder,
    /// One hour at the hourly rate for each late meal.
    Hour,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meals {
    pub first_due_hours: u32,
    pub next_due_hours: u32,
    pub minimum_minutes: u32,
    pub max_deductible_minutes: u32,
    pub grace_minutes: u32,
    /// "ladder" (amounts per late half hour) or "hour" (an hour's pay per late meal).
    pub penalty: PenaltyKind,
    #[serde(default, deserialize_with = "money_list")]
    pub ladder: Vec<Money>,
}

/// The bump catalogue: fixed amounts, and defaults for the kinds whose
/// amount the production sets.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BumpRates {
    #[serde(deserialize_with = "money")]
    pub wardrobe_first: Money,
    #[serde(deserialize_with = "money")]
    pub wardrobe_additional: Money,
    #[serde(deserialize_with = "money")]
    pub smoke: Money,
    #[serde(deserialize_with = "money")]
    pub body_makeup: Money,
    #[serde(deserialize_with = "money")]
    pub hair: Money,
    #[serde(deserialize_with = "money")]
    pub formal_wear: Money,
    #[serde(deserialize_with = "money")]
    pub police_uniform: Money,
    #[serde(default, deserialize_with = "optional_money")]
    pub wet: Option<Money>,
    #[serde(default, deserialize_with = "optional_money")]
    pub own_car: Option<Money>,
    #[serde(default, deserialize_with = "optional_money")]
    pub props: Option<Money>,
    #[serde(default, deserialize_with = "optional_money")]
    pub hazard: Option<Money>,
    #[serde(default, deserialize_with = "optional_money")]
    pub other: Option<Money>,
}

/// The kinds of bump (adjustment) a PA can record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BumpKind {
    Wardrobe,
    Smoke,
    Wet,
    BodyMakeup,
    Hair,
    OwnCar,
    Props,
    FormalWear,
    PoliceUniform,
    Hazard,
    Other,
}

impl BumpKind {
    pub const ALL: [BumpKind; 11] = [
        BumpKind::Wardrobe,
        BumpKind::Smoke,
        BumpKind::Wet,
        BumpKind::BodyMakeup,
        BumpKind::Hair,
        BumpKind::OwnCar,
        BumpKind::Props,
        BumpKind::FormalWear,
        BumpKind::PoliceUniform,
        BumpKind::Hazard,
        BumpKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BumpKind::Wardrobe => "wardrobe",
            BumpKind::Smoke => "smoke",
            BumpKind::Wet => "wet",
            BumpKind::BodyMakeup => "body_makeup",
            BumpKind::Hair => "hair",
            BumpKind::OwnCar => "own_car",
            BumpKind::Props => "props",
            BumpKind::FormalWear => "formal_wear",
            BumpKind::PoliceUniform => "police_uniform",
            BumpKind::Hazard => "hazard",
            BumpKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<BumpKind> {
        BumpKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl std::str::FromStr for BumpKind {
    type Err = String;
    fn from_str(text: &str) -> Result<BumpKind, String> {
        BumpKind::from_code(&text.replace('-', "_")).ok_or_else(|| {
            let all: Vec<&str> = BumpKind::ALL.iter().map(|k| k.code()).collect();
            format!("'{text}' is not a bump: write one of {}", all.join(", "))
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error(
        "cannot read the rules file {path}: {source}; check the file's name and folder, then give it again"
    )]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}; fix that line and give the file again")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

impl Rules {
    /// Parses the text of a rules file named `path` (for messages).
    pub fn parse(text: &str, path: &str) -> Result<Rules, RulesError> {
        let rules: Rules = toml::from_str(text).map_err(|e| RulesError::Invalid {
            path: path.to_string(),
            line: e
                .span()
                .map(|s| text[..s.start].lines().count().max(1))
                .unwrap_or(1),
            message: e.message().to_string(),
        })?;
        rules.check().map_err(|message| RulesError::Invalid {
            path: path.to_string(),
            line: 1,
            message,
        })?;
        Ok(rules)
    }

    /// What the computation needs of a file beyond its syntax.
    fn check(&self) -> Result<(), String> {
        if self.hours.guaranteed == 0 {
            return Err("hours.guaranteed must be more than 0".into());
        }
        if self.hours.rounding_minutes != 6 {
            return Err(
                "hours.rounding_minutes must be 6: vouchers are paid in tenths of an hour".into(),
            );
        }
        if self.overtime.is_empty() || self.overtime.len() > 2 {
            return Err(
                "give one or two [[overtime]] steps (the voucher has 1.5x and 2x columns)".into(),
            );
        }
        if self.overtime[0].after_hours < self.hours.guaranteed
            || self
                .overtime
                .windows(2)
                .any(|w| w[1].after_hours <= w[0].after_hours)
        {
            return Err(
                "overtime steps start at or after the guaranteed hours, in rising order".into(),
            );
        }
        if self.meals.penalty == PenaltyKind::Ladder && self.meals.ladder.is_empty() {
            return Err(
                "meals.penalty = \"ladder\" needs meals.ladder, e.g. [\"7.50\", \"10.00\"]".into(),
            );
        }
        if self.meals.minimum_minutes > self.meals.max_deductible_minutes {
            return Err("meals.minimum_minutes is more than meals.max_deductible_minutes".into());
        }
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Rules::parse(&text, &path.display().to_string())
    }

    /// The shipped rules for bookings of `union` status.
    pub fn shipped(union: UnionStatus) -> Rules {
        match union {
            UnionStatus::Union => Rules::parse(SAG_AFTRA, "sag-aftra-2023-background.toml"),
            UnionStatus::NonUnion => Rules::parse(NON_UNION, "non-union-california.toml"),
        }
        .expect("the shipped rules files parse")
    }

    /// The day rate of `category` when the skin gives none.
    pub fn category_rate(&self, category: Category) -> Money {
        match category {
            Category::General => self.rates.general,
            Category::SpecialAbility => self.rates.special_ability,
            Category::StandIn => self.rates.stand_in,
            Category::PhotoDouble => self.rates.photo_double,
        }
    }

    /// The amount the rules fix for one bump of `kind`, or `None` when the
    /// production sets it (`Err(default)` gives the file's default, if any).
    pub fn fixed_bump(&self, kind: BumpKind) -> Result<Money, Option<Money>> {
        let b = &self.bumps;
        match kind {
            BumpKind::Wardrobe => Ok(b.wardrobe_first),
            BumpKind::Smoke => Ok(b.smoke),
            BumpKind::BodyMakeup => Ok(b.body_makeup),
            BumpKind::Hair => Ok(b.hair),
            BumpKind::FormalWear => Ok(b.formal_wear),
            BumpKind::PoliceUniform => Ok(b.police_uniform),
            BumpKind::Wet => Err(b.wet),
            BumpKind::OwnCar => Err(b.own_car),
            BumpKind::Props => Err(b.props),
            BumpKind::Hazard => Err(b.hazard),
            BumpKind::Other => Err(b.other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_parse_with_their_amounts() {
        let union = Rules::shipped(UnionStatus::Union);
        assert_eq!(union.category_rate(Category::StandIn), Money(26200));
        assert_eq!(union.meals.grace_minutes, 12);
        assert_eq!(union.fixed_bump(BumpKind::Smoke), Ok(Money(1400)));
        assert_eq!(union.fixed_bump(BumpKind::Wet), Err(None));
        let non_union = Rules::shipped(UnionStatus::NonUnion);
        assert_eq!(non_union.category_rate(Category::General), Money(18000));
        assert_eq!(non_union.overtime[1].after_hours, 12);
    }

    #[test]
    fn multipliers_are_exact_decimals() {
        assert_eq!(
            Multiplier::parse("1.5").unwrap(),
            Multiplier {
                numerator: 15,
                denominator: 10
            }
        );
        assert_eq!(Multiplier::parse("2").unwrap().to_string(), "2");
        assert_eq!(Multiplier::parse("1.25").unwrap().to_string(), "1.25");
        assert!(Multiplier::parse("1,5").is_err());
        assert!(Multiplier::parse("-1").is_err());
        assert!(Multiplier::parse("").is_err());
    }

    #[test]
    fn a_rules_file_without_overtime_is_refused() {
        let text = SAG_AFTRA.replace("[[overtime]]", "[[unused]]");
        assert!(Rules::parse(&text, "r.toml").is_err());
    }

    #[test]
    fn a_bad_rules_file_names_the_line() {
        let text = SAG_AFTRA.replace("smoke = \"14.00\"", "smoke = \"fourteen\"");
        let err = Rules::parse(&text, "rules.toml").unwrap_err().to_string();
        assert!(err.starts_with("rules.toml:"), "{err}");
        assert!(err.contains("write the rate like"), "{err}");
    }
}
