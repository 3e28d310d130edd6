//! The lead's administration of a hub (`hub init`, `hub add-kiosk`, `hub
//! retire`), `hub status` for anyone, and `join URL`, which makes a new
//! kiosk's database from the hub.

use super::exchange::hub_kiosks;
use super::link::HubKiosk;
use super::schema::{self, HUB_VERSION, ident};
use super::{Hub, HubAddress, HubReport};
use crate::store::{Joined, KioskEntry, Production, Result, Store, StoreError, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::path::Path;

/// What `hub init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubInit {
    /// The hub's schema version before (0: a new hub).
    pub version_before: i32,
    pub report: HubReport,
}

/// The login `hub add-kiosk` made for a new kiosk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKioskLogin {
    pub kiosk: KioskEntry,
    pub role: String,
    /// The hub's address with the kiosk's role and password: shown once,
    /// to be typed on the new kiosk, never stored here.
    pub url_with_password: String,
}

impl Store {
    /// Makes `hub` this production's hub: its schema (migrated to this
    /// build's), the production and this kiosk as its lead, then every
    /// event and contact this kiosk holds. Only the lead may.
    pub fn hub_init(&mut self, hub: &mut Hub) -> Result<HubInit> {
        self.require_lead()?;
        let production = self.production()?.ok_or_else(|| {
            hub.refused("this kiosk has no production yet: open a day first".into())
        })?;
        let me = self.this_kiosk()?;
        let others: Vec<KioskEntry> = self.kiosks()?.into_iter().filter(|k| !k.lead).collect();
        let address = hub.address.clone();
        let fail = |e: postgres::Error| super::failure(&address, &e);
        let mut tx = hub.client.transaction().map_err(fail)?;
        let before = schema::version(&mut tx).map_err(fail)?;
        if before > HUB_VERSION {
            return Err(hub_refused(
                &address,
                format!(
                    "it was made by a newer extras-kiosk (schema {before}, this build knows {HUB_VERSION}): update the program"
                ),
            ));
        }
        schema::migrate(&mut tx).map_err(fail)?;
        let held = tx
            .query_opt("SELECT code, title FROM production WHERE one = 1", &[])
            .map_err(fail)?;
        match held {
            Some(row) if row.get::<_, String>(0) != production.code => {
                return Err(hub_refused(
                    &address,
                    format!(
                        "it already holds another production ({}, code {}): give this production a database of its own",
                        row.get::<_, String>(1),
                        row.get::<_, String>(0)
                    ),
                ));
            }
            Some(_) => {}
            None => {
                tx.execute(
                    "INSERT INTO production (one, code, title, secret) VALUES (1, $1, $2, $3)",
                    &[&production.code, &production.title, &production.secret],
                )
                .map_err(fail)?;
            }
        }
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, name, role_name, lead, badge_from)
             VALUES ($1, $2, current_user, true, 0)
             ON CONFLICT (kiosk_id) DO NOTHING",
            &[&me.id, &me.name],
        )
        .map_err(fail)?;
        for k in &others {
            tx.execute(
                "INSERT INTO kiosks (kiosk_id, name, lead, badge_from) VALUES ($1, $2, false, $3)
                 ON CONFLICT (kiosk_id) DO NOTHING",
                &[&k.id, &k.name, &(k.badge_from as i32)],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        self.set_hub(Some(&address))?;
        let report = self.sync_hub(hub, |_| {})?;
        Ok(HubInit {
            version_before: before,
            report,
        })
    }

    /// Gives kiosk `id` a login on the hub (a role of its own, with a new
    /// password), making it a kiosk of the production first if it is new
    /// (with the next walk-in range). Only the lead may. A kiosk that
    /// already has a login gets a new password.
    pub fn hub_add_kiosk(
        &mut self,
        hub: &mut Hub,
        id: &str,
        name: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<NewKioskLogin> {
        crate::store::check_kiosk_id(id).map_err(StoreError::KioskId)?;
        self.require_lead()?;
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let database = database_of(&hub.address);
        let role = role_name(&database, id);
        let taken = hub
            .client
            .query_opt(
                "SELECT kiosk_id FROM kiosks WHERE role_name = $1 AND kiosk_id <> $2",
                &[&role, &id],
            )
            .map_err(|e| hub.error(&e))?;
        if let Some(row) = taken {
            return Err(hub.refused(format!(
                "the role {role} belongs to kiosk '{}' already (ids become roles in lower case, - as _): give this kiosk another id",
                row.get::<_, String>(0)
            )));
        }
        let kiosk = match self.kiosks()?.into_iter().find(|k| k.id == id) {
            Some(k) if k.lead => {
                return Err(hub.refused(format!(
                    "{id} is the lead itself: use the address `hub init` was given (the lead needs no login of its own)"
                )));
            }
            Some(k) => k,
            None => {
                let badge_from = self.free_range_for(id)?;
                self.record_joined(id, name, badge_from, at)?;
                self.kiosks()?
                    .into_iter()
                    .find(|k| k.id == id)
                    .expect("recorded above")
            }
        };
        let password = new_password();
        let address = hub.address.clone();
        let fail = |e: postgres::Error| super::failure(&address, &e);
        let mut tx = hub.client.transaction().map_err(fail)?;
        let exists = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&role],
            )
            .map_err(fail)?
            .get::<_, bool>(0);
        // A password cannot be a parameter here; it is letters and digits.
        let verb = if exists { "ALTER" } else { "CREATE" };
        tx.batch_execute(&format!(
            "{verb} ROLE {} LOGIN PASSWORD '{password}'",
            ident(&role)
        ))
        .map_err(fail)?;
        tx.batch_execute(&schema::grant_kiosk(&role, &database))
            .map_err(fail)?;
        tx.execute(
            "INSERT INTO kiosks (kiosk_id, name, role_name, lead, badge_from)
             VALUES ($1, $2, $3, false, $4)
             ON CONFLICT (kiosk_id) DO UPDATE SET role_name = excluded.role_name,
                 name = COALESCE(excluded.name, kiosks.name), retired_at = NULL",
            &[
                &kiosk.id,
                &kiosk.name.as_deref().or(name),
                &role,
                &(kiosk.badge_from as i32),
            ],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        // The new kiosk's range travels as the lead's event.
        self.sync_hub(hub, |_| {})?;
        Ok(NewKioskLogin {
            url_with_password: hub.address.with_login(&role, &password),
            kiosk,
            role,
        })
    }

    /// Takes kiosk `id`, switched off for good, out of the checks before
    /// export (its events stay). Only the lead may.
    pub fn hub_retire(&mut self, hub: &mut Hub, id: &str) -> Result<()> {
        self.require_lead()?;
        let database = database_of(&hub.address);
        let address = hub.address.clone();
        let fail = |e: postgres::Error| super::failure(&address, &e);
        let mut tx = hub.client.transaction().map_err(fail)?;
        let role: Option<Option<String>> = tx
            .query_opt(
                "UPDATE kiosks SET retired_at = COALESCE(retired_at, now())
                 WHERE kiosk_id = $1 AND NOT lead RETURNING role_name",
                &[&id],
            )
            .map_err(fail)?
            .map(|r| r.get(0));
        let Some(role) = role else {
            return Err(hub_refused(
                &address,
                format!(
                    "it has no kiosk '{id}' to retire (the lead cannot be retired): see `hub status`"
                ),
            ));
        };
        // Cut off at once: no new login, and an open session of it is
        // refused at its next statement.
        if let Some(role) = role {
            tx.batch_execute(&schema::revoke_kiosk(&role, &database))
                .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        self.put_hub_kiosks(&hub_kiosks(hub)?)?;
        Ok(())
    }

    /// Makes `target` (a new file) kiosk `id` of the production on the
    /// hub at `address`: the production and its secret, the kiosks, then
    /// every event and contact, pulled in batches; its current day the one
    /// the lead opened or chose last. The lead must have run `hub
    /// add-kiosk` for `id` first. The address is stored without its
    /// password (the command line keeps that in the pgpass file).
    pub fn join_hub(
        target: &Path,
        address: &HubAddress,
        id: &str,
        name: Option<&str>,
    ) -> Result<(Store, Joined)> {
        crate::store::check_kiosk_id(id).map_err(StoreError::KioskId)?;
        if target.exists() && std::fs::metadata(target).map_or(true, |m| m.len() > 0) {
            return Err(StoreError::Join(format!(
                "{} already exists: join makes a new kiosk database; give another --db",
                target.display()
            )));
        }
        let mut hub = Hub::connect(address)?;
        let row = hub
            .client
            .query_opt(
                "SELECT code, title, secret FROM production WHERE one = 1",
                &[],
            )
            .map_err(|e| hub.error(&e))?
            .ok_or_else(|| {
                hub.refused(
                    "it holds no production yet: run `extras-kiosk hub init URL` on the lead kiosk"
                        .into(),
                )
            })?;
        let production = Production {
            code: row.get(0),
            title: row.get(1),
            secret: row.get(2),
        };
        let kiosks = hub_kiosks(&mut hub)?;
        let role = address.user().unwrap_or_default().to_string();
        let registered = hub
            .client
            .query_opt("SELECT role_name FROM kiosks WHERE kiosk_id = $1", &[&id])
            .map_err(|e| hub.error(&e))?;
        match registered.map(|r| r.get::<_, Option<String>>(0)) {
            Some(Some(r)) if r == role => {}
            Some(_) => {
                return Err(hub.refused(format!(
                    "kiosk '{id}' logs in with another role than {role}: use the line `hub add-kiosk` printed for it"
                )));
            }
            None => {
                return Err(hub.refused(format!(
                    "it has no kiosk '{id}': on the lead, run `extras-kiosk hub add-kiosk URL {id}` and use the line it prints"
                )));
            }
        }
        {
            let conn = Store::connect(target)?;
            conn.execute(
                "INSERT INTO production (id, code, title, secret, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
                params![production.code, production.title, production.secret, ts(Utc::now())],
            )?;
            let badge_from: std::collections::BTreeMap<String, i64> = hub
                .client
                .query("SELECT kiosk_id, badge_from FROM kiosks", &[])
                .map_err(|e| hub.error(&e))?
                .iter()
                .map(|r| (r.get(0), r.get::<_, i32>(1) as i64))
                .collect();
            for k in &kiosks {
                conn.execute(
                    "INSERT INTO kiosks (kiosk_id, name, role, badge_from, joined_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        k.id,
                        k.name,
                        if k.lead { "lead" } else { "member" },
                        badge_from.get(&k.id).copied().unwrap_or(0),
                        ts(Utc::now())
                    ],
                )?;
            }
        }
        let mut store = Store::open_as(target, Some(id), name)?;
        store.set_hub(Some(address))?;
        store.sync_hub(&mut hub, |_| {})?;
        // The day the lead opened or chose last is this kiosk's day too.
        store.conn.execute(
            "INSERT OR IGNORE INTO settings (key, value)
             SELECT 'current_day', json_extract(payload, '$.date') FROM events
             WHERE kind IN ('day_opened', 'day_selected') AND json_extract(payload, '$.date') IS NOT NULL
             ORDER BY hlc DESC, seq DESC LIMIT 1",
            [],
        )?;
        let days = store
            .conn
            .query_row("SELECT COUNT(*) FROM days", [], |r| r.get(0))?;
        let bookings = store
            .conn
            .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))?;
        let joined = Joined {
            kiosk: store.this_kiosk()?,
            days,
            bookings,
        };
        Ok((store, joined))
    }
}

impl Hub {
    /// The production's kiosks as the hub sees them now.
    pub fn status(&mut self) -> Result<Vec<HubKiosk>> {
        hub_kiosks(self)
    }
}

/// The hub's database name, as libpq defaults it (the user's name, else
/// `postgres`).
fn database_of(address: &HubAddress) -> String {
    address
        .database()
        .map(str::to_string)
        .or_else(|| address.user().map(str::to_string))
        .unwrap_or_else(|| "postgres".into())
}

fn hub_refused(address: &HubAddress, message: String) -> StoreError {
    StoreError::Hub {
        url: address.masked(),
        message,
    }
}

/// A kiosk's role: the database's name and the kiosk id (roles are shared
/// by every database of a server), letters, digits and underscores.
fn role_name(database: &str, id: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect()
    };
    let mut role = format!("{}_{}", clean(database), clean(id));
    role.truncate(63);
    role
}

/// 24 letters and digits from the operating system's random source.
fn new_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    crate::store::random_bytes::<24>()
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_passwords_are_plain() {
        assert_eq!(role_name("Show-2026", "tent-b"), "show_2026_tent_b");
        let p = new_password();
        assert_eq!(p.len(), 24);
        assert!(p.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
