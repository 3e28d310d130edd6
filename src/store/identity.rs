//! Which kiosk a database is: its id (fixed when the file is made, or, for a
//! file made before ids were stored, the label of its latest event) and the
//! display name shown on cards and the console.

use super::{Result, Store, StoreError, random_bytes};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// A kiosk: its id, as events carry it, and the name people read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskIdentity {
    pub id: String,
    pub name: Option<String>,
}

impl KioskIdentity {
    /// The name, or the id when the kiosk has none.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A kiosk id: 1 to 32 letters, digits, `-` or `_` (it labels every event
/// and names the kiosk on other kiosks).
pub fn check_kiosk_id(id: &str) -> std::result::Result<(), String> {
    let fine = !id.is_empty()
        && id.len() <= 32
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(format!(
            "'{id}' is not a kiosk id: use 1 to 32 letters, digits, - or _ (e.g. base-camp)"
        ))
    }
}

/// A short id for a kiosk made without one: `k` and five characters.
fn generated_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let bytes = random_bytes::<5>();
    let mut id = String::from("k");
    id.extend(bytes.iter().map(|b| ALPHABET[usize::from(*b) % 32] as char));
    id
}

/// Whether the file is a carry file: the production's events with no kiosk
/// of its own (its kiosk id is empty).
pub(super) fn is_carry_file(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(stored(conn)?.is_some_and(|k| k.id.is_empty()))
}

pub(super) fn stored_identity(conn: &Connection) -> rusqlite::Result<Option<KioskIdentity>> {
    stored(conn)
}

fn stored(conn: &Connection) -> rusqlite::Result<Option<KioskIdentity>> {
    conn.query_row("SELECT kiosk_id, name FROM kiosk WHERE one = 1", [], |r| {
        Ok(KioskIdentity {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })
    .optional()
}

/// The identity of the database at `path`: made from `given` (or a new id)
/// when it has none; refused when `given` names another kiosk. A `name`
/// given replaces the display name.
pub(super) fn settle(
    conn: &Connection,
    path: &Path,
    given: Option<&str>,
    name: Option<&str>,
) -> Result<KioskIdentity> {
    if let Some(id) = given {
        check_kiosk_id(id).map_err(StoreError::KioskId)?;
    }
    let id = given.map(str::to_string).unwrap_or_else(generated_id);
    // Two processes opening a new file at once: the first one's id stands.
    conn.execute(
        "INSERT OR IGNORE INTO kiosk (one, kiosk_id, name) VALUES (1, ?1, ?2)",
        params![id, name],
    )?;
    let mut identity = stored(conn)?.expect("inserted above");
    // The first kiosk a production knows is its lead.
    conn.execute(
        "INSERT INTO kiosks (kiosk_id, name, role, badge_from, joined_at)
         SELECT ?1, ?2, 'lead', 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE NOT EXISTS (SELECT 1 FROM kiosks)",
        params![identity.id, identity.name],
    )?;
    if let Some(given) = given
        && given != identity.id
    {
        return Err(StoreError::OtherKiosk {
            path: path.to_path_buf(),
            stored: identity.id,
            given: given.to_string(),
        });
    }
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty())
        && identity.name.as_deref() != Some(name)
    {
        conn.execute("UPDATE kiosk SET name = ?1 WHERE one = 1", [name])?;
        conn.execute(
            "UPDATE kiosks SET name = ?1 WHERE kiosk_id = ?2",
            params![name, identity.id],
        )?;
        identity.name = Some(name.to_string());
    }
    Ok(identity)
}

impl Store {
    /// Which kiosk this database is.
    pub fn identity(&self) -> &KioskIdentity {
        &self.identity
    }

    /// Gives the kiosk a new display name (its id never changes).
    pub fn set_kiosk_name(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        let value = (!name.is_empty()).then_some(name);
        self.conn
            .execute("UPDATE kiosk SET name = ?1 WHERE one = 1", [value])?;
        self.conn.execute(
            "UPDATE kiosks SET name = ?1 WHERE kiosk_id = ?2",
            params![value, self.identity.id],
        )?;
        self.identity.name = value.map(str::to_string);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_and_checked() {
        let id = generated_id();
        assert_eq!(id.len(), 6);
        assert!(check_kiosk_id(&id).is_ok());
        assert!(check_kiosk_id("base-camp_2").is_ok());
        for bad in ["", "base camp", "tent/2", &"x".repeat(33)] {
            assert!(check_kiosk_id(bad).is_err(), "{bad}");
        }
    }
}
