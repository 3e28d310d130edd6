//! The production's kiosks as this one last heard of them through the hub
//! (for the console's Kiosks panel), and whether this kiosk's own link is
//! up (for the small note on the face).

use super::{KioskError, Station};
use crate::store::hub::HubAddress;
use chrono::{DateTime, Duration, Utc};

/// A kiosk counts as online when the hub heard from it this recently.
const ONLINE_WITHIN: i64 = 30;

/// One kiosk of the production, as the Kiosks panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct KioskLink {
    pub id: String,
    /// Its display name, else its id.
    pub name: String,
    pub this: bool,
    pub lead: bool,
    pub retired: bool,
    pub online: bool,
    pub last_seen: Option<DateTime<Utc>>,
    /// Events it holds that the hub has not received.
    pub unsent: i64,
    /// Its clock less the hub's, in milliseconds.
    pub clock_offset_ms: Option<i64>,
}

impl KioskLink {
    /// Whether its clock is more than two minutes off the hub's.
    pub fn clock_is_off(&self) -> bool {
        self.clock_offset_ms.is_some_and(|ms| ms.abs() > 120_000)
    }
}

/// This kiosk's hub, as the console and the face show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HubState {
    /// The hub's address (no password), or None when no hub is set.
    pub hub: Option<String>,
    /// Since when the hub has not answered (None while it answers).
    pub offline_since: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub kiosks: Vec<KioskLink>,
}

impl Station {
    /// This kiosk's hub and the production's kiosks as of `now`.
    pub fn hub_state(&self, now: DateTime<Utc>) -> Result<HubState, KioskError> {
        let Some(link) = self.store().hub_link()? else {
            return Ok(HubState::default());
        };
        let me = self.kiosk_id().to_string();
        let kiosks = self
            .store()
            .hub_kiosks()?
            .into_iter()
            .map(|k| {
                let this = k.id == me;
                let online = if this {
                    link.offline_since.is_none()
                        && link
                            .last_ok_at
                            .is_some_and(|t| now - t < Duration::seconds(ONLINE_WITHIN))
                } else {
                    k.last_seen
                        .is_some_and(|t| now - t < Duration::seconds(ONLINE_WITHIN))
                };
                KioskLink {
                    name: k.name.clone().unwrap_or_else(|| k.id.clone()),
                    this,
                    lead: k.lead,
                    retired: k.retired,
                    online,
                    last_seen: if this { link.last_ok_at } else { k.last_seen },
                    unsent: k.unsent(),
                    clock_offset_ms: if this {
                        link.clock_offset_ms
                    } else {
                        k.clock_offset_ms
                    },
                    id: k.id,
                }
            })
            .collect();
        Ok(HubState {
            hub: Some(link.url),
            offline_since: link.offline_since,
            last_error: link.last_error,
            kiosks,
        })
    }

    /// Sets the hub the kiosk app follows (`url` empty: none); returns its
    /// address as kept, without a password. A password in `url` goes to
    /// the pgpass file, never into the database.
    pub fn set_hub(&mut self, url: &str) -> Result<Option<String>, KioskError> {
        let url = url.trim();
        if url.is_empty() {
            self.store_mut().set_hub(None)?;
            return Ok(None);
        }
        let address = HubAddress::parse(url).map_err(KioskError::Settings)?;
        address.keep_password().map_err(|e| {
            KioskError::Settings(format!(
                "cannot keep the hub's password in the pgpass file ({e}): check that the home folder is writable"
            ))
        })?;
        self.store_mut().set_hub(Some(&address))?;
        Ok(Some(address.bare().to_string()))
    }

    /// The hub's address (no password) when one is set.
    pub fn hub_address(&self) -> Result<Option<String>, KioskError> {
        Ok(self.store().hub_link()?.map(|l| l.url))
    }
}
