//! The settings table's keys that belong to a shoot day: the rules files it
//! pays by, the union background it must have, and whether its vouchers
//! are approved before export. Device settings (volume,
//! printer, ...) are read and written by the kiosk core's typed settings.

use super::{Recording, Result, Store};
use crate::model::{Day, UnionStatus};
use crate::pay::DayRules;

/// The key a day's rules file text is kept under.
fn rules_key(day: &Day, union: UnionStatus) -> String {
    let status = match union {
        UnionStatus::Union => "union",
        UnionStatus::NonUnion => "non_union",
    };
    format!("rules.{}.{status}", day.date)
}

fn union_required_key(day: &Day) -> String {
    format!("union_required.{}", day.date)
}

fn approval_required_key(day: &Day) -> String {
    format!("approval_required.{}", day.date)
}

/// The text of a rules file a day names, with the key it is kept under (the
/// name errors give it).
#[derive(Debug, Clone, PartialEq)]
pub struct RulesText {
    pub key: String,
    pub text: String,
}

impl Store {
    /// The rules file text `day` names for bookings of `union` status, if any.
    pub fn day_rules_text(&self, day: &Day, union: UnionStatus) -> Result<Option<RulesText>> {
        let key = rules_key(day, union);
        Ok(self.setting(&key)?.map(|text| RulesText { key, text }))
    }

    /// The rules `day` pays by: the files it names, else the shipped ones.
    pub fn day_rules(&self, day: &Day) -> Result<DayRules> {
        let union = self.day_rules_text(day, UnionStatus::Union)?;
        let non_union = self.day_rules_text(day, UnionStatus::NonUnion)?;
        Ok(DayRules::from_texts(
            union.as_ref().map(|r| (r.text.as_str(), r.key.as_str())),
            non_union
                .as_ref()
                .map(|r| (r.text.as_str(), r.key.as_str())),
        )?)
    }

    /// The number of union background `day` must have present, if set.
    pub fn union_required(&self, day: &Day) -> Result<Option<u32>> {
        Ok(self
            .setting(&union_required_key(day))?
            .and_then(|t| t.trim().parse().ok()))
    }

    /// Whether `day`'s released vouchers must be approved before export.
    pub fn approval_required(&self, day: &Day) -> Result<bool> {
        Ok(self.setting(&approval_required_key(day))?.as_deref() == Some("yes"))
    }
}

impl Recording<'_> {
    /// Keeps `text` as the rules file of `day` for `union` bookings.
    pub fn set_day_rules_text(&self, day: &Day, union: UnionStatus, text: &str) -> Result<()> {
        self.set_setting(&rules_key(day, union), text)
    }

    /// Sets (or clears, with `None`) the union background `day` must have.
    pub fn set_union_required(&self, day: &Day, required: Option<u32>) -> Result<()> {
        let value = required.map(|n| n.to_string()).unwrap_or_default();
        self.set_setting(&union_required_key(day), &value)
    }

    /// Sets whether `day`'s released vouchers must be approved before export.
    pub fn set_approval_required(&self, day: &Day, required: bool) -> Result<()> {
        self.set_setting(
            &approval_required_key(day),
            if required { "yes" } else { "no" },
        )
    }
}
