//! The console's actions on the extra picked beside scans: an item handed
//! out or taken back, start paperwork, an upgrade to union; and the items
//! still out, for the wrap tab.

use super::console_controller::ConsoleController;
use super::console_forms::{ConsoleError, Outcome};
use crate::kiosk::items::{ItemRecord, return_words};
use crate::kiosk::{ItemKind, ItemMatch};

impl ConsoleController {
    /// Hands `what` (with `tag`, which may be empty) to the booking picked.
    pub fn issue_item_selected(&self, kind: ItemKind, what: &str, tag: &str) -> Outcome {
        self.on_picked(|k, b, now| {
            let tag = Some(tag.trim()).filter(|t| !t.is_empty());
            let item = k.issue_item(b, kind, what, tag, "console", now)?;
            Ok(format!(
                "{} has {} (to return: {}).",
                b.badge_no,
                item.what,
                return_words(&item)
            ))
        })
    }

    /// Takes back the item of the booking picked with `tag`, or else the
    /// one described as `what`.
    pub fn return_item_selected(&self, what: &str, tag: &str) -> Outcome {
        let which = match (tag.trim(), what.trim()) {
            ("", "") => {
                return Err(ConsoleError::Input(
                    "type the item's tag, or what it is".into(),
                ));
            }
            ("", what) => ItemMatch::What(what.into()),
            (tag, _) => ItemMatch::Tag(tag.into()),
        };
        self.on_picked(|k, b, now| {
            let item = k.return_item(b, &which, now)?;
            Ok(format!("{} returned {}.", b.badge_no, item.what))
        })
    }

    /// Pays the booking picked as union for the day, for `reason`.
    pub fn upgrade_selected(&self, reason: &str) -> Outcome {
        self.on_picked(|k, b, now| {
            let b = k.upgrade_to_union(b, None, reason, now)?;
            Ok(format!(
                "{} {} is union for the day: the voucher is computed under the union rules.",
                b.badge_no,
                b.details.full_name()
            ))
        })
    }

    /// Every item still out on the day, by badge.
    pub fn items_out(&self) -> Vec<ItemRecord> {
        let mut station = self.station.borrow_mut();
        station
            .kiosk()
            .and_then(|k| k.items(true))
            .unwrap_or_default()
    }
}
