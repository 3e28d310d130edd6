//! The rules a day pays by: one file for union bookings and one for
//! non-union bookings, the shipped files unless the day names others.

use super::rules::Rules;
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

    /// The rules for a booking of `union` status.
    pub fn of(&self, union: UnionStatus) -> &Rules {
        match union {
            UnionStatus::Union => &self.union,
            UnionStatus::NonUnion => &self.non_union,
        }
    }
}
