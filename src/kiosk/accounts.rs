//! The web app's people, their roles and their sessions: names checked,
//! passwords hashed with argon2id, session tokens random and kept only as
//! their SHA-256, a session ending 12 hours after sign-in or 2 hours idle.
//! Local to this kiosk: nothing here is an event.

use super::disputes::checked_name;
use super::{KioskError, Station};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest (hashing a megabyte is not a password).
pub const MAX_PASSWORD_CHARS: usize = 256;
/// A session ends this long after sign-in, used or not.
pub const SESSION_HOURS: i64 = 12;
/// A session ends after this long unused.
pub const IDLE_HOURS: i64 = 2;

/// What a web user may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The dashboard and the roster without phones and emails.
    Viewer,
    /// Everything: contacts, approvals, disputes, exports.
    Supervisor,
    /// The review (read only) and the exports.
    Payroll,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Supervisor, Role::Payroll];

    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Supervisor => "supervisor",
            Role::Payroll => "payroll",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(text: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("'{text}' is not a role: write viewer, supervisor or payroll"))
    }
}

/// Someone who may sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUser {
    pub name: String,
    pub role: Role,
}

/// A signed-in session: who, and the token its cookie carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    pub user: WebUser,
    /// Shown once, in the cookie; only its hash is kept.
    pub token: String,
}

fn account_error(what: impl std::fmt::Display) -> KioskError {
    KioskError::Account(what.to_string())
}

/// The SHA-256 of a session token, as kept.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn checked_password(password: &str) -> Result<&str, KioskError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(account_error(format!(
            "the password is {n} characters: make it at least {MIN_PASSWORD_CHARS} (a short sentence is easy to remember)"
        )));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(account_error(format!(
            "the password is {n} characters: keep it to {MAX_PASSWORD_CHARS}"
        )));
    }
    Ok(password)
}

fn hash_password(password: &str) -> Result<String, KioskError> {
    Ok(Argon2::default()
        .hash_password(checked_password(password)?.as_bytes())
        .map_err(|e| account_error(format!("the password could not be hashed ({e}): try again")))?
        .to_string())
}

/// A hash verified against when the name is unknown, so that a wrong name
/// takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        Argon2::default()
            .hash_password(b"not anybody's password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

fn role_of(code: &str) -> Result<Role, KioskError> {
    code.parse().map_err(|e| {
        account_error(format!(
            "the stored role is damaged ({e}): remove the user and add them again"
        ))
    })
}

impl Station {
    /// Adds `name` with `role` and `password`.
    pub fn add_web_user(
        &mut self,
        name: &str,
        role: Role,
        password: &str,
        at: DateTime<Utc>,
    ) -> Result<WebUser, KioskError> {
        let name = checked_name(name).map_err(account_error)?;
        let hash = hash_password(password)?;
        if !self.store().add_web_user(&name, role.code(), &hash, at)? {
            return Err(account_error(format!(
                "there is already a web user called '{name}': pick another name, or `extras-kiosk web user password {name}` to change theirs"
            )));
        }
        Ok(WebUser { name, role })
    }

    /// The web users, by name.
    pub fn web_users(&self) -> Result<Vec<WebUser>, KioskError> {
        self.store()
            .web_users()?
            .into_iter()
            .map(|u| {
                Ok(WebUser {
                    role: role_of(&u.role)?,
                    name: u.name,
                })
            })
            .collect()
    }

    /// Removes `name` (their sessions end at once).
    pub fn remove_web_user(&mut self, name: &str) -> Result<(), KioskError> {
        if !self.store().remove_web_user(name.trim())? {
            return Err(no_such_user(name));
        }
        Ok(())
    }

    /// Gives `name` a new password (their sessions end at once).
    pub fn set_web_password(&mut self, name: &str, password: &str) -> Result<(), KioskError> {
        let hash = hash_password(password)?;
        if !self.store().set_web_password(name.trim(), &hash)? {
            return Err(no_such_user(name));
        }
        Ok(())
    }

    /// Signs `name` in with `password`: a new session, or None when the
    /// name or the password is wrong (the caller does not say which).
    pub fn sign_in(
        &mut self,
        name: &str,
        password: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<WebSession>, KioskError> {
        let row = self.store().web_user(name.trim())?;
        let password = if password.chars().count() > MAX_PASSWORD_CHARS {
            ""
        } else {
            password
        };
        let Some(row) = row else {
            verify(password, decoy_hash());
            return Ok(None);
        };
        if !verify(password, &row.hash) {
            return Ok(None);
        }
        let token = hex::encode(crate::store::random_bytes::<32>());
        self.store()
            .add_web_session(&token_hash(&token), &row.name, at)?;
        self.store().purge_web_sessions(
            at - Duration::hours(SESSION_HOURS),
            at - Duration::hours(IDLE_HOURS),
        )?;
        Ok(Some(WebSession {
            user: WebUser {
                role: role_of(&row.role)?,
                name: row.name,
            },
            token,
        }))
    }

    /// Who the session of `token` belongs to at `at`, or None when there is
    /// no such session or it has ended (12 hours since sign-in, or 2 idle).
    pub fn session(
        &mut self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<WebUser>, KioskError> {
        let hash = token_hash(token);
        let Some(row) = self.store().web_session(&hash)? else {
            return Ok(None);
        };
        if at - row.created_at >= Duration::hours(SESSION_HOURS)
            || at - row.last_seen_at >= Duration::hours(IDLE_HOURS)
        {
            self.store().end_web_session(&hash)?;
            return Ok(None);
        }
        // Noted once a minute at most: a dashboard's requests do not write.
        if at - row.last_seen_at >= Duration::minutes(1) {
            self.store().touch_web_session(&hash, at)?;
        }
        Ok(Some(WebUser {
            role: role_of(&row.role)?,
            name: row.name,
        }))
    }

    /// Ends the session of `token`.
    pub fn sign_out(&mut self, token: &str) -> Result<(), KioskError> {
        self.store().end_web_session(&token_hash(token))?;
        Ok(())
    }

    /// A number that changes whenever another connection wrote to this
    /// kiosk's file: a screen following the day reads it again then.
    pub fn file_version(&self) -> Result<i64, KioskError> {
        Ok(self.store().data_version()?)
    }
}

fn no_such_user(name: &str) -> KioskError {
    account_error(format!(
        "there is no web user called '{}': `extras-kiosk web user list` shows them",
        name.trim()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn station() -> (tempfile::TempDir, Station) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("k.db")).unwrap();
        (dir, Station::open(store, None).unwrap())
    }

    #[test]
    fn a_session_lasts_twelve_hours_and_two_idle() {
        let (_d, mut st) = station();
        let t0 = Utc::now();
        st.add_web_user("Ana Ruiz", Role::Supervisor, "correct horse battery", t0)
            .unwrap();
        assert!(
            st.sign_in("ana ruiz", "wrong password here", t0)
                .unwrap()
                .is_none()
        );
        assert!(
            st.sign_in("nobody", "correct horse battery", t0)
                .unwrap()
                .is_none()
        );
        let s = st
            .sign_in("ana ruiz", "correct horse battery", t0)
            .unwrap()
            .unwrap();
        assert_eq!(s.user.name, "Ana Ruiz");
        assert_eq!(s.token.len(), 64);
        // Used every 90 minutes it lives to 12 hours, not beyond.
        let mut at = t0;
        for _ in 0..7 {
            at += Duration::minutes(90);
            assert!(st.session(&s.token, at).unwrap().is_some(), "at {at}");
        }
        at = t0 + Duration::hours(12);
        assert!(st.session(&s.token, at).unwrap().is_none());
        // Idle two hours: over.
        let s = st
            .sign_in("Ana Ruiz", "correct horse battery", t0)
            .unwrap()
            .unwrap();
        assert!(
            st.session(&s.token, t0 + Duration::hours(2))
                .unwrap()
                .is_none()
        );
        // A new password ends the sessions.
        let s = st
            .sign_in("Ana Ruiz", "correct horse battery", t0)
            .unwrap()
            .unwrap();
        st.set_web_password("ana ruiz", "another long password")
            .unwrap();
        assert!(st.session(&s.token, t0).unwrap().is_none());
    }

    #[test]
    fn short_passwords_and_taken_names_are_refused() {
        let (_d, mut st) = station();
        let t0 = Utc::now();
        let short = st
            .add_web_user("Bo", Role::Viewer, "elevenchars", t0)
            .unwrap_err();
        assert!(short.to_string().contains("at least 12"), "{short}");
        st.add_web_user("Bo", Role::Viewer, "twelve chars", t0)
            .unwrap();
        let taken = st
            .add_web_user("BO", Role::Payroll, "twelve chars", t0)
            .unwrap_err();
        assert!(taken.to_string().contains("already"), "{taken}");
        assert!(st.remove_web_user("nobody").is_err());
        assert_eq!(st.web_users().unwrap().len(), 1);
    }
}
