//! Wardrobe and props out and back: an item issued to an extra (a kind, a
//! description, an optional tag unique among items out), returned, listed;
//! and what a scan tells the PA about an extra (`notices`): paperwork
//! pending, items still out. Pay is never held for an item.

use super::{Kiosk, KioskError};
use crate::model::{Booking, Paperwork};
pub use crate::store::ItemRecord;
use chrono::{DateTime, Utc};
use serde_json::json;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Wardrobe,
    Prop,
    Other,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Wardrobe, ItemKind::Prop, ItemKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Wardrobe => "wardrobe",
            ItemKind::Prop => "prop",
            ItemKind::Other => "other",
        }
    }

    /// Who it goes back to: "Please return: Rifle (rubber) to props".
    pub fn department(code: &str) -> &'static str {
        match code {
            "wardrobe" => "wardrobe",
            "prop" => "props",
            _ => "the PA",
        }
    }
}

impl std::str::FromStr for ItemKind {
    type Err = String;
    fn from_str(text: &str) -> Result<ItemKind, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "wardrobe" | "costume" => Ok(ItemKind::Wardrobe),
            "prop" | "props" => Ok(ItemKind::Prop),
            "other" => Ok(ItemKind::Other),
            other => Err(format!(
                "'{other}' is not an item kind: write wardrobe, prop or other"
            )),
        }
    }
}

/// Which item comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemMatch {
    Tag(String),
    /// The description, case and spaces aside.
    What(String),
}

/// "Rifle (rubber) P-017 to props".
pub fn return_words(item: &ItemRecord) -> String {
    let tag = item
        .tag
        .as_deref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    format!("{}{tag} to {}", item.what, ItemKind::department(&item.kind))
}

/// What a scan tells the PA about an extra.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices {
    /// Their start paperwork is pending: see the PA before holding.
    pub paperwork_pending: bool,
    /// The items they still have.
    pub items_out: Vec<ItemRecord>,
}

impl Notices {
    /// The codes `scan --json` prints under `notices`.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut codes = Vec::new();
        if self.paperwork_pending {
            codes.push("paperwork_pending");
        }
        if !self.items_out.is_empty() {
            codes.push("items_out");
        }
        codes
    }

    /// "Please return: Rifle (rubber) P-017 to props; Police jacket to wardrobe".
    pub fn return_text(&self) -> Option<String> {
        (!self.items_out.is_empty()).then(|| {
            self.items_out
                .iter()
                .map(return_words)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

/// A tag as kept: trimmed, in capitals (`p-017` is `P-017`).
fn normal_tag(tag: &str) -> String {
    tag.trim().to_uppercase()
}

fn item_error(what: String) -> KioskError {
    KioskError::Item(what)
}

impl Kiosk<'_> {
    /// The day's items, or only those still out, by badge.
    pub fn items(&self, outstanding: bool) -> Result<Vec<ItemRecord>, KioskError> {
        Ok(self.store.items(&self.day, None, outstanding)?)
    }

    /// What the PA should know with a scan's outcome: none for a refusal,
    /// and none when it cannot be read (the scan is recorded either way).
    pub fn notices_for(&self, outcome: &super::ScanOutcome) -> Notices {
        match outcome {
            super::ScanOutcome::Refused { .. } => Notices::default(),
            other => other
                .booking()
                .and_then(|b| self.notices(b).ok())
                .unwrap_or_default(),
        }
    }

    /// What the PA should know of `booking` now.
    pub fn notices(&self, booking: &Booking) -> Result<Notices, KioskError> {
        Ok(Notices {
            paperwork_pending: booking.details.paperwork == Paperwork::Pending,
            items_out: self.store.items(&self.day, Some(booking.id), true)?,
        })
    }

    /// Hands `what` (of `kind`, with `tag`) to `booking`. A tag already out
    /// is refused, naming who has it.
    pub fn issue_item(
        &mut self,
        booking: &Booking,
        kind: ItemKind,
        what: &str,
        tag: Option<&str>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<ItemRecord, KioskError> {
        let what = what.trim();
        if what.is_empty() {
            return Err(item_error(
                "say what the item is (\"Rifle (rubber)\")".into(),
            ));
        }
        let tag = tag.map(normal_tag).filter(|t| !t.is_empty());
        let tag = tag.as_deref();
        let by = match by.trim() {
            "" => "PA",
            by => by,
        };
        let rec = self.store.recording()?;
        if let Some(tag) = tag
            && let Some((held, date)) = rec.item_out_with_tag(tag)?
        {
            let when = if date == self.day.date.to_string() {
                String::new()
            } else {
                format!(" since {date}")
            };
            return Err(item_error(format!(
                "the tag {tag} is already out with {} {} {} ({}){when}: return it first",
                held.badge, held.first_name, held.last_name, held.what
            )));
        }
        let id = super::new_id();
        rec.issue_item(&id, booking.id, kind.code(), what, tag, at, by)?;
        rec.append(&super::pa_event(
            &self.day,
            "item_issued",
            booking,
            at,
            json!({ "item": id, "kind": kind.code(), "what": what, "tag": tag, "by": by }),
        ))?;
        rec.commit()?;
        Ok(self
            .store
            .items(&self.day, Some(booking.id), false)?
            .into_iter()
            .find(|i| i.id == id)
            .expect("the item just issued"))
    }

    /// Takes back the item of `booking` that `which` names.
    pub fn return_item(
        &mut self,
        booking: &Booking,
        which: &ItemMatch,
        at: DateTime<Utc>,
    ) -> Result<ItemRecord, KioskError> {
        let rec = self.store.recording()?;
        let out = rec.items_out(booking.id)?;
        let norm = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let found = out.iter().find(|i| match which {
            ItemMatch::Tag(tag) => i.tag.as_deref() == Some(normal_tag(tag).as_str()),
            ItemMatch::What(what) => norm(&i.what) == norm(what),
        });
        let Some(item) = found.cloned() else {
            let has = if out.is_empty() {
                "nothing out".to_string()
            } else {
                out.iter().map(return_words).collect::<Vec<_>>().join("; ")
            };
            return Err(item_error(format!(
                "{} {} has no such item out (they have: {has}): pick one of theirs, or check the tag",
                booking.badge_no,
                booking.details.full_name()
            )));
        };
        rec.return_item(&item.id, at)?;
        rec.append(&super::pa_event(
            &self.day,
            "item_returned",
            booking,
            at,
            json!({ "item": item.id }),
        ))?;
        rec.commit()?;
        Ok(ItemRecord {
            returned_at: Some(at),
            ..item
        })
    }
}
