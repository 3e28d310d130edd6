//! The production's PostgreSQL hub on the set's own network: a connection
//! to it (password from the address or the pgpass file, never shown), and
//! what goes wrong talking to it, said plainly. Exchanging events, the
//! lead's administration and the follow loop live in the modules below.

mod address;
mod admin;
mod exchange;
mod follow;
mod link;
mod schema;

pub use address::{HubAddress, is_hub_address, pgpass_path};
pub use admin::{HubInit, NewKioskLogin};
pub use exchange::HubReport;
pub use follow::{FollowNews, follow, is_final};
pub use link::{HubKiosk, HubLink};

use super::{Result, StoreError};
use std::time::Duration;

/// An open connection to a hub: TLS as the address's `sslmode` says
/// (`prefer` when it says nothing, as libpq).
pub struct Hub {
    client: postgres::Client,
    address: HubAddress,
    /// The hub's schema version, read once.
    version: Option<i32>,
}

impl Hub {
    /// Connects to the hub at `address` (three seconds at most).
    pub fn connect(address: &HubAddress) -> Result<Hub> {
        let config = address.config().map_err(|message| StoreError::Hub {
            url: address.masked(),
            message,
        })?;
        let (check_certificate, check_host) = address.tls_checks();
        let tls = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(!check_certificate)
            .danger_accept_invalid_hostnames(!check_host)
            .build()
            .map_err(|e| StoreError::Hub {
                url: address.masked(),
                message: format!(
                    "TLS cannot be set up on this machine ({e}): ask whoever installed the kiosk to check OpenSSL; this kiosk goes on deciding scans on its own"
                ),
            })?;
        let client = config
            .connect(postgres_native_tls::MakeTlsConnector::new(tls))
            .map_err(|e| failure(address, &e))?;
        Ok(Hub {
            client,
            address: address.clone(),
            version: None,
        })
    }

    pub fn address(&self) -> &HubAddress {
        &self.address
    }

    /// Asks to be woken when any kiosk's events arrive. After a reconnect
    /// a kiosk listens again before it pulls, so nothing is missed.
    pub fn listen(&mut self) -> Result<()> {
        let sql = format!("LISTEN {}", schema::CHANNEL);
        self.client
            .batch_execute(&sql)
            .map_err(|e| failure(&self.address, &e))
    }

    /// Waits up to `timeout` for news of events; true when some came.
    pub fn wait_for_news(&mut self, timeout: Duration) -> Result<bool> {
        use postgres::fallible_iterator::FallibleIterator;
        let news = {
            let mut notifications = self.client.notifications();
            let first = notifications.timeout_iter(timeout).next();
            match first {
                Ok(Some(_)) => {
                    // Drain what else is waiting: one pull covers it all.
                    let mut rest = notifications.iter();
                    while let Ok(Some(_)) = rest.next() {}
                    Ok(true)
                }
                Ok(None) => Ok(false),
                Err(e) => Err(e),
            }
        };
        match news {
            Ok(false) if self.client.is_closed() => Err(StoreError::HubUnreachable {
                url: self.address.masked(),
                reason: "the connection was closed".into(),
            }),
            Ok(news) => Ok(news),
            Err(e) => Err(self.error(&e)),
        }
    }

    /// The hub's schema version (what this build may ask of it).
    fn schema_version(&mut self) -> Result<i32> {
        if let Some(v) = self.version {
            return Ok(v);
        }
        let row = self
            .client
            .query_one(
                "SELECT CASE WHEN to_regclass('hub_version') IS NULL THEN 0
                        ELSE (SELECT version FROM hub_version) END",
                &[],
            )
            .map_err(|e| self.error(&e))?;
        let v: i32 = row.get(0);
        self.version = Some(v);
        Ok(v)
    }

    /// Whether the connection is known to be gone.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn error(&self, e: &postgres::Error) -> StoreError {
        failure(&self.address, e)
    }

    fn refused(&self, message: String) -> StoreError {
        StoreError::Hub {
            url: self.address.masked(),
            message,
        }
    }
}

/// What a driver error means for the person at the kiosk: the hub said no
/// (with its reason), or it cannot be reached.
fn failure(address: &HubAddress, e: &postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        let mut message = db.message().to_string();
        let code = db.code().code();
        // The server going away, or too busy: the same as no network.
        if ["08", "57", "53", "40", "55P03", "25P03"]
            .iter()
            .any(|class| code.starts_with(class))
        {
            return StoreError::HubUnreachable {
                url: address.masked(),
                reason: message,
            };
        }
        if code == "42501" {
            message.push_str(
                ": this kiosk's role may not do that: use the lead kiosk for it (a kiosk writes only its own events; the lead administers the hub)",
            );
        } else if code == "28P01" || code == "28000" {
            message.push_str(
                ": check the user and password (the line `hub add-kiosk` printed, or the pgpass file)",
            );
        } else if code == "3D000" {
            message.push_str(": create the database first (see docs/several-kiosks.md)");
        } else {
            message.push_str(
                ": nothing was exchanged; ask the lead PA to check the hub (`extras-kiosk hub status URL` on the lead)",
            );
        }
        return StoreError::Hub {
            url: address.masked(),
            message,
        };
    }
    StoreError::HubUnreachable {
        url: address.masked(),
        reason: plain_reason(e),
    }
}

/// The driver's error as a short phrase, without its source chain's noise.
fn plain_reason(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}
