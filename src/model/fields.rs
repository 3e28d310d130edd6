//! The recorded times of an extra's day by name (`in`, `out`, a meal's or
//! the NDB's out and in): what a correction or a dispute is about.

use std::str::FromStr;

/// A recorded time a supervisor may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeField {
    In,
    Out,
    NdbOut,
    NdbIn,
    Meal1Out,
    Meal1In,
    Meal2Out,
    Meal2In,
}

impl TimeField {
    pub const ALL: [TimeField; 8] = [
        TimeField::In,
        TimeField::Out,
        TimeField::NdbOut,
        TimeField::NdbIn,
        TimeField::Meal1Out,
        TimeField::Meal1In,
        TimeField::Meal2Out,
        TimeField::Meal2In,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TimeField::In => "in",
            TimeField::Out => "out",
            TimeField::NdbOut => "ndb_out",
            TimeField::NdbIn => "ndb_in",
            TimeField::Meal1Out => "meal1_out",
            TimeField::Meal1In => "meal1_in",
            TimeField::Meal2Out => "meal2_out",
            TimeField::Meal2In => "meal2_in",
        }
    }

    /// For a meal field: (kind, which one of that kind, whether its end).
    pub fn meal(self) -> Option<(&'static str, usize, bool)> {
        match self {
            TimeField::NdbOut => Some(("ndb", 0, false)),
            TimeField::NdbIn => Some(("ndb", 0, true)),
            TimeField::Meal1Out => Some(("meal", 0, false)),
            TimeField::Meal1In => Some(("meal", 0, true)),
            TimeField::Meal2Out => Some(("meal", 1, false)),
            TimeField::Meal2In => Some(("meal", 1, true)),
            TimeField::In | TimeField::Out => None,
        }
    }
}

impl FromStr for TimeField {
    type Err = String;
    fn from_str(text: &str) -> Result<TimeField, String> {
        TimeField::ALL
            .into_iter()
        .find(|f| f.code() == text)
        .ok_or_else(|| format!("'{text}' is not a time field: write in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out or meal2_in"))
    }
}
