//! The web app's people, sessions and phone scans as rows: local to this kiosk's file
//! (never an event, never carried or sent to the hub). The kiosk core
//! checks names, hashes passwords and decides what a session may do.

use super::{Result, Store, parse_ts, ts};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// One person who may sign in to the web app, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUserRow {
    pub name: String,
    pub role: String,
    /// The password's argon2id hash (PHC string).
    pub hash: String,
    pub created_at: DateTime<Utc>,
}

/// One signed-in session, as kept (the token itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSessionRow {
    pub name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

fn user_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WebUserRow> {
    Ok(WebUserRow {
        name: r.get(0)?,
        role: r.get(1)?,
        hash: r.get(2)?,
        created_at: parse_ts(&r.get::<_, String>(3)?)?,
    })
}

impl Store {
    /// The web user called `name` (any case), if there is one.
    pub fn web_user(&self, name: &str) -> Result<Option<WebUserRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, role, hash, created_at FROM web_users WHERE name = ?1",
                [name],
                user_row,
            )
            .optional()?)
    }

    /// Every web user, by name.
    pub fn web_users(&self) -> Result<Vec<WebUserRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, role, hash, created_at FROM web_users ORDER BY name")?;
        let rows = stmt.query_map([], user_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a web user; false when the name is taken.
    pub fn add_web_user(
        &self,
        name: &str,
        role: &str,
        hash: &str,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let added = self.conn.execute(
            "INSERT OR IGNORE INTO web_users (name, role, hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, role, hash, ts(at)],
        )?;
        Ok(added == 1)
    }

    /// Sets a web user's password hash and ends their sessions; false when
    /// there is no such user.
    pub fn set_web_password(&self, name: &str, hash: &str) -> Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        let changed = tx.execute(
            "UPDATE web_users SET hash = ?2 WHERE name = ?1",
            params![name, hash],
        )?;
        tx.execute("DELETE FROM web_sessions WHERE name = ?1", [name])?;
        tx.commit()?;
        Ok(changed == 1)
    }

    /// Removes a web user and their sessions; false when there was none.
    pub fn remove_web_user(&self, name: &str) -> Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM web_sessions WHERE name = ?1", [name])?;
        let removed = tx.execute("DELETE FROM web_users WHERE name = ?1", [name])?;
        tx.commit()?;
        Ok(removed == 1)
    }

    /// Keeps a new session under the hash of its token.
    pub fn add_web_session(&self, token_hash: &str, name: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO web_sessions (token_hash, name, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
            params![token_hash, name, ts(at)],
        )?;
        Ok(())
    }

    /// The session kept under `token_hash`, with its user's role now.
    pub fn web_session(&self, token_hash: &str) -> Result<Option<WebSessionRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT s.name, u.role, s.created_at, s.last_seen_at
                 FROM web_sessions s JOIN web_users u ON u.name = s.name
                 WHERE s.token_hash = ?1",
                [token_hash],
                |r| {
                    Ok(WebSessionRow {
                        name: r.get(0)?,
                        role: r.get(1)?,
                        created_at: parse_ts(&r.get::<_, String>(2)?)?,
                        last_seen_at: parse_ts(&r.get::<_, String>(3)?)?,
                    })
                },
            )
            .optional()?)
    }

    /// Notes that the session was used at `at`.
    pub fn touch_web_session(&self, token_hash: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE web_sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
            params![token_hash, ts(at)],
        )?;
        Ok(())
    }

    /// Ends one session.
    pub fn end_web_session(&self, token_hash: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM web_sessions WHERE token_hash = ?1",
            [token_hash],
        )?;
        Ok(())
    }

    /// Forgets sessions begun before `created_before` or idle since before
    /// `seen_before`.
    pub fn purge_web_sessions(
        &self,
        created_before: DateTime<Utc>,
        seen_before: DateTime<Utc>,
    ) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM web_sessions WHERE created_at < ?1 OR last_seen_at < ?2",
            params![ts(created_before), ts(seen_before)],
        )?)
    }

    /// What the server answered the phone's scan `id`, if it was recorded.
    pub fn phone_scan_answer(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT answer FROM phone_scans WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Keeps the answer to the phone's scan `id` (the first one stands).
    pub fn keep_phone_scan(&self, id: &str, answer: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO phone_scans (id, answer, recorded_at) VALUES (?1, ?2, ?3)",
            params![id, answer, ts(at)],
        )?;
        Ok(())
    }

    /// A number that changes whenever another connection commits to this
    /// file (SQLite's `data_version`): cheap to ask, for a screen that
    /// follows the day without reading it again for nothing.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
