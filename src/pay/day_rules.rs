//! The rules a day pays by: one file for union bookings and one for
//! non-union bookings, the shipped files unless the day names others.
//! Pure: the texts come from wherever the day keeps them.

use super::rules::{Rules, RulesError};
use crate::model::UnionStatus;

/// The two rules files of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRules {
    pub union: Rules,
    pub non_union: Rules,
}

impl DayRules {
    /// The shipped files: SAG-AFTRA 2023 background and non-union California.
    pub fn shipped() -> DayRules {
        DayRules {
            union: Rules::shipped(UnionStatus::Union),
            non_union: Rules::shipped(UnionStatus::NonUnion),
        }
    }

    /// The rules of a day that names the files `union` and `non_union`
    /// (their texts, each with the name it is known by in errors); the
    /// shipped file for a status the day names none for.
    pub fn from_texts(
        union: Option<(&str, &str)>,
        non_union: Option<(&str, &str)>,
    ) -> Result<DayRules, RulesError> {
        let mut rules = DayRules::shipped();
        if let Some((text, name)) = union {
            rules.union = Rules::parse(text, name)?;
        }
        if let Some((text, name)) = non_union {
            rules.non_union = Rules::parse(text, name)?;
        }
        Ok(rules)
    }

    /// The rules for a booking of `union` status.
    pub fn of(&self, union: UnionStatus) -> &Rules {
        match union {
            UnionStatus::Union => &self.union,
            UnionStatus::NonUnion => &self.non_union,
        }
    }
}
