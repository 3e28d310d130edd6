//! Plain domain types of a shoot day: categories, union status, money, days,
//! holding areas and bookings. No I/O lives here.

mod fields;
mod times;

/// A signature: strokes of points, each coordinate in 0..1 of the pad.
pub type Strokes = Vec<Vec<(f32, f32)>>;

pub use fields::TimeField;
pub use times::{ClockTime, TimeError, format_local_iso, machine_zone, parse_clock};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::fmt;

/// The four kinds of background booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    General,
    SpecialAbility,
    StandIn,
    PhotoDouble,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::General,
        Category::SpecialAbility,
        Category::StandIn,
        Category::PhotoDouble,
    ];

    /// The code written on the command line, in exports and in the store.
    pub fn code(self) -> &'static str {
        match self {
            Category::General => "general",
            Category::SpecialAbility => "special-ability",
            Category::StandIn => "stand-in",
            Category::PhotoDouble => "photo-double",
        }
    }

    /// The words a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Category::General => "General background",
            Category::SpecialAbility => "Special ability",
            Category::StandIn => "Stand-in",
            Category::PhotoDouble => "Photo double",
        }
    }

    /// Reads a category the way people type it on a skin: "BG", "SA",
    /// "Stand In", "photo dbl", "special-ability", ...
    pub fn parse_loose(text: &str) -> Option<Category> {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "general" | "generalbackground" | "gen" | "bg" | "background" | "gb" | "extra" => {
                Some(Category::General)
            }
            "specialability" | "sa" | "special" | "specialabilities" | "spec" => {
                Some(Category::SpecialAbility)
            }
            "standin" | "si" | "stand" | "standins" => Some(Category::StandIn),
            "photodouble" | "photodbl" | "pd" | "photodbl." | "double" | "photodoubles" => {
                Some(Category::PhotoDouble)
            }
            _ => None,
        }
    }

    /// Reads the exact code written by [`Category::code`].
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where an extra's start paperwork (I-9 and the rest) stands: as the skin
/// says (`Unknown`, `Pending`, `Complete`), or as the PA decided
/// (`Verified`, `Rejected`), which no re-import undoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Paperwork {
    #[default]
    Unknown,
    Pending,
    Complete,
    Verified,
    Rejected,
}

impl Paperwork {
    pub fn code(self) -> &'static str {
        match self {
            Paperwork::Unknown => "unknown",
            Paperwork::Pending => "pending",
            Paperwork::Complete => "complete",
            Paperwork::Verified => "verified",
            Paperwork::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Paperwork> {
        [
            Paperwork::Unknown,
            Paperwork::Pending,
            Paperwork::Complete,
            Paperwork::Verified,
            Paperwork::Rejected,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }

    /// A PA's decision, which a skin never overrides.
    pub fn decided(self) -> bool {
        matches!(self, Paperwork::Verified | Paperwork::Rejected)
    }
}

/// Whether a booking is covered by the union (SAG-AFTRA) agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnionStatus {
    Union,
    NonUnion,
}

impl UnionStatus {
    pub fn code(self) -> &'static str {
        match self {
            UnionStatus::Union => "union",
            UnionStatus::NonUnion => "non-union",
        }
    }

    /// Reads "union", "SAG", "SAG-AFTRA", "Y", "yes" / "non-union", "N", "no".
    pub fn parse_loose(text: &str) -> Option<UnionStatus> {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "union" | "sag" | "sagaftra" | "aftra" | "y" | "yes" | "u" | "true" => {
                Some(UnionStatus::Union)
            }
            "nonunion" | "non" | "nu" | "n" | "no" | "false" | "nonsag" => {
                Some(UnionStatus::NonUnion)
            }
            _ => None,
        }
    }

    pub fn from_code(code: &str) -> Option<UnionStatus> {
        match code {
            "union" => Some(UnionStatus::Union),
            "non-union" => Some(UnionStatus::NonUnion),
            _ => None,
        }
    }
}

impl fmt::Display for UnionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An exact amount of money in cents. Never a binary float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(pub i64);

impl Money {
    pub fn cents(self) -> i64 {
        self.0
    }

    /// Reads a day rate as written on a skin: "224", "$224", "224.00",
    /// "224/8", "$1,024.50". Rates for 10 or 12 hours ("224/10") are refused.
    pub fn parse_rate(text: &str) -> Result<Money, String> {
        let mut body = text.trim();
        if let Some((amount, hours)) = body.split_once('/') {
            match hours.trim() {
                "8" => body = amount.trim(),
                "10" | "12" => {
                    return Err(format!(
                        "a rate for {} hours is not supported yet: write the 8-hour day rate",
                        hours.trim()
                    ));
                }
                _ => return Err("write the rate like 224, $224, 224.00 or 224/8".into()),
            }
        }
        let body = body.trim_start_matches('$').trim().replace(',', "");
        let (whole, frac) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body.as_str(), ""),
        };
        let digits_ok = !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && frac.len() <= 2
            && frac.chars().all(|c| c.is_ascii_digit());
        if !digits_ok || whole.len() > 7 {
            return Err("write the rate like 224, $224, 224.00 or 224/8".into());
        }
        let whole: i64 = whole.parse().map_err(|_| "not a number".to_string())?;
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().unwrap_or(0) * 10,
            _ => frac.parse::<i64>().unwrap_or(0),
        };
        Ok(Money(whole * 100 + frac))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// One shoot day: its date, title, location, default call and time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub id: i64,
    pub date: NaiveDate,
    pub title: String,
    pub location: Option<String>,
    pub default_call: Option<NaiveTime>,
    pub tz: Tz,
}

impl Day {
    /// The instant of a local clock time on this day (`days_after` = 1 for
    /// "+1", the next calendar date of a night shoot).
    pub fn instant(&self, clock: ClockTime) -> Result<DateTime<Utc>, TimeError> {
        times::local_instant(self.tz, self.date, clock)
    }

    /// Parses a time as the command line takes it: `HH:MM`, `HH:MM+1`,
    /// `YYYY-MM-DDTHH:MM[:SS]`, all local to the day's zone.
    pub fn parse_at(&self, text: &str) -> Result<DateTime<Utc>, TimeError> {
        times::parse_at(self.tz, self.date, text)
    }

    /// Writes an instant the way the command line takes it: `HH:MM` on the
    /// day's date, `HH:MM+1` on the next, the full local form otherwise.
    pub fn format_at(&self, at: DateTime<Utc>) -> String {
        times::format_relative(self.tz, self.date, at)
    }
}

/// A place where background wait between setups.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldingArea {
    pub id: i64,
    pub day_id: i64,
    pub name: String,
    pub location: Option<String>,
    pub capacity: u32,
    /// Only bookings of this union status go here, when set.
    pub union_filter: Option<UnionStatus>,
    /// Only these categories go here, when not empty.
    pub category_filter: Vec<Category>,
    pub order: i64,
}

impl HoldingArea {
    /// Whether a booking of this union status and category may be held here.
    pub fn admits(&self, union: UnionStatus, category: Category) -> bool {
        self.union_filter.is_none_or(|u| u == union)
            && (self.category_filter.is_empty() || self.category_filter.contains(&category))
    }
}

/// Where a booking came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingSource {
    Skin,
    WalkIn,
}

impl BookingSource {
    pub fn code(self) -> &'static str {
        match self {
            BookingSource::Skin => "skin",
            BookingSource::WalkIn => "walk-in",
        }
    }

    pub fn from_code(code: &str) -> Option<BookingSource> {
        match code {
            "skin" => Some(BookingSource::Skin),
            "walk-in" => Some(BookingSource::WalkIn),
            _ => None,
        }
    }
}

/// What the skin says of one booking: the person and the terms of the day.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingDetails {
    pub first_name: String,
    pub last_name: String,
    pub category: Category,
    pub union: UnionStatus,
    /// The booked day rate; `None` takes the category default of the rules.
    pub rate: Option<Money>,
    pub call_at: DateTime<Utc>,
    pub wardrobe: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub agency: Option<String>,
    pub notes: Option<String>,
    /// The extra asked for a paper voucher (SAG-AFTRA members may decline
    /// an electronic one).
    pub paper_voucher: bool,
    /// Their start paperwork.
    pub paperwork: Paperwork,
}

impl BookingDetails {
    pub fn full_name(&self) -> String {
        if self.last_name.is_empty() {
            self.first_name.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
        }
    }
}

/// One person booked for one day, with their badge number.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub id: i64,
    pub day_id: i64,
    pub badge_no: String,
    /// How many times the badge was issued (reissues void older prints).
    pub badge_issue: u32,
    pub details: BookingDetails,
    pub source: BookingSource,
    /// Dropped from the latest skin. Kept only when the extra already
    /// checked in, flagged for the PA.
    pub removed_from_skin: bool,
    /// Upgraded to union on the day: why (the booking's union status and
    /// rate are the upgraded ones).
    pub upgraded: Option<String>,
    /// The badge was voided (lost, stolen) and not reissued since: every
    /// printout is refused until a reissue.
    pub badge_voided: bool,
}

/// Formats badge number `n` of a day: `B-0001`.
pub fn badge_number(n: u32) -> String {
    format!("B-{n:04}")
}

/// Whether a spreadsheet would read `text` as a formula: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP, CSV injection).
/// Names are kept as given; every CSV written makes such a cell text.
pub fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_in_the_spellings_people_type() {
        for (text, want) in [
            ("BG", Category::General),
            ("general", Category::General),
            ("General Background", Category::General),
            ("SA", Category::SpecialAbility),
            ("Special Ability", Category::SpecialAbility),
            ("special-ability", Category::SpecialAbility),
            ("Stand In", Category::StandIn),
            ("stand-in", Category::StandIn),
            ("STANDIN", Category::StandIn),
            ("photo dbl", Category::PhotoDouble),
            ("Photo Double", Category::PhotoDouble),
            ("photo-double", Category::PhotoDouble),
        ] {
            assert_eq!(Category::parse_loose(text), Some(want), "{text}");
        }
        assert_eq!(Category::parse_loose("principal"), None);
        assert_eq!(Category::parse_loose(""), None);
    }

    #[test]
    fn union_status_in_the_spellings_people_type() {
        for text in ["union", "SAG", "SAG-AFTRA", "Y", "yes", "Union"] {
            assert_eq!(UnionStatus::parse_loose(text), Some(UnionStatus::Union));
        }
        for text in ["non-union", "Non Union", "N", "no", "NONUNION"] {
            assert_eq!(UnionStatus::parse_loose(text), Some(UnionStatus::NonUnion));
        }
        assert_eq!(UnionStatus::parse_loose("maybe"), None);
    }

    #[test]
    fn rates_as_written_on_a_skin() {
        for text in ["224", "$224", "224/8", "224.00", "$224.00/8", " 224 "] {
            assert_eq!(Money::parse_rate(text), Ok(Money(22400)), "{text}");
        }
        assert_eq!(Money::parse_rate("224.5"), Ok(Money(22450)));
        assert_eq!(Money::parse_rate("$1,024.75"), Ok(Money(102475)));
        assert!(
            Money::parse_rate("224/10")
                .unwrap_err()
                .contains("10 hours")
        );
        assert!(
            Money::parse_rate("224/12")
                .unwrap_err()
                .contains("12 hours")
        );
        assert!(Money::parse_rate("two hundred").is_err());
        assert!(Money::parse_rate("224.005").is_err());
        assert!(Money::parse_rate("-5").is_err());
        assert_eq!(Money(22400).to_string(), "224.00");
        assert_eq!(Money(-5).to_string(), "-0.05");
    }

    #[test]
    fn areas_admit_by_union_and_category() {
        let area = HoldingArea {
            id: 1,
            day_id: 1,
            name: "Stand-ins".into(),
            location: None,
            capacity: 10,
            union_filter: Some(UnionStatus::Union),
            category_filter: vec![Category::StandIn],
            order: 1,
        };
        assert!(area.admits(UnionStatus::Union, Category::StandIn));
        assert!(!area.admits(UnionStatus::NonUnion, Category::StandIn));
        assert!(!area.admits(UnionStatus::Union, Category::General));
    }
}
