//! What the console's actions take and give back, with no Slint types: the
//! forms as typed (area, walk-in, settings), the notice an action leaves
//! for the PA, and the error it can end in.

use super::printing::PrintError;
use crate::kiosk::{AreaSpec, KioskError};
use crate::model::{BookingDetails, Category, UnionStatus};
use crate::report::ExportError;
use chrono::{DateTime, Utc};

/// What an action did, in a sentence for the PA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a console action did nothing. A store error arrives inside
/// `Kiosk` (the core's `KioskError::Store`).
#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error(transparent)]
    Kiosk(#[from] KioskError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error("pick someone in the roster first")]
    NoOnePicked,
    #[error("pick an area first")]
    NoAreaPicked,
    #[error("{0}")]
    Input(String),
    #[error("an export is already running: wait for it to finish")]
    ExportRunning,
}

pub type Outcome = Result<Notice, ConsoleError>;

/// The area form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaForm {
    pub name: String,
    pub location: String,
    pub capacity: String,
    /// Empty keeps the order (or puts a new area last).
    pub order: String,
    pub union_filter: Option<UnionStatus>,
}

fn whole_number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, ConsoleError> {
    text.trim().parse().map_err(|_| {
        ConsoleError::Input(format!(
            "the {what} '{}' is not a whole number: type digits only, e.g. 3",
            text.trim()
        ))
    })
}

impl AreaForm {
    /// The area the form describes, or what is wrong with it.
    pub fn spec(&self) -> Result<AreaSpec, ConsoleError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ConsoleError::Input("give the area a name".into()));
        }
        let order = match self.order.trim() {
            "" => None,
            text => Some(whole_number(text, "order")?),
        };
        let location = self.location.trim();
        Ok(AreaSpec {
            name: name.to_string(),
            location: (!location.is_empty()).then(|| location.to_string()),
            capacity: whole_number(&self.capacity, "capacity")?,
            union_filter: self.union_filter,
            order,
        })
    }
}

/// A walk-in as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkInForm {
    pub first_name: String,
    pub last_name: String,
    pub category: Category,
    pub union: UnionStatus,
}

impl WalkInForm {
    /// The booking a walk-in arriving `now` makes (their call is now).
    pub fn details(&self, now: DateTime<Utc>) -> Result<BookingDetails, ConsoleError> {
        let (first, last) = (self.first_name.trim(), self.last_name.trim());
        if first.is_empty() || last.is_empty() {
            return Err(ConsoleError::Input(
                "a walk-in needs a first and a last name: type both".into(),
            ));
        }
        Ok(BookingDetails {
            first_name: first.to_string(),
            last_name: last.to_string(),
            category: self.category,
            union: self.union,
            rate: None,
            call_at: now,
            wardrobe: None,
            phone: None,
            email: None,
            agency: None,
            notes: None,
            paper_voucher: false,
            paperwork: Default::default(),
        })
    }
}

/// The settings tab as typed: the device's own and the day's.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsForm {
    pub printer: String,
    /// The name people read on cards and the console ("Base camp").
    pub kiosk_name: String,
    pub union_required: String,
    pub volume: f32,
}

impl SettingsForm {
    /// The union background required, `None` when left empty.
    pub fn union_required(&self) -> Result<Option<u32>, ConsoleError> {
        match self.union_required.trim() {
            "" => Ok(None),
            text => text.parse().map(Some).map_err(|_| {
                ConsoleError::Input(format!(
                    "'{text}' is not a number of people: type e.g. 40, or leave it empty"
                ))
            }),
        }
    }
}

/// The badges typed to keep back at an area's wrap ("B-0001, b-0002").
pub fn badge_list(text: &str) -> Vec<String> {
    text.split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| t.to_uppercase())
        .collect()
}
