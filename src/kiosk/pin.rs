//! The supervisor PIN: stored as an argon2 hash; five wrong PINs in a row
//! lock the console for 60 seconds; every failure is an event in the log.

use super::KioskError;
use crate::store::{Actor, NewEvent, Store};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

const SETTING: &str = "supervisor_pin";
/// Wrong PINs in a row before the console locks.
pub const ATTEMPTS: u32 = 5;
/// How long it stays locked.
pub const LOCKOUT_SECONDS: i64 = 60;

/// What entering a PIN did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCheck {
    Accepted,
    /// Wrong; this many tries are left before the lock.
    Wrong {
        left: u32,
    },
    /// Locked until then; the PIN was not even looked at.
    Locked {
        until: DateTime<Utc>,
    },
    /// No PIN was ever set: `extras-kiosk pin set`.
    NotSet,
}

/// Sets the supervisor PIN: 4 to 8 digits.
pub fn set_pin(store: &mut Store, pin: &str, at: DateTime<Utc>) -> Result<(), KioskError> {
    let pin = pin.trim();
    if !(4..=8).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(KioskError::Pin(
            "a PIN is 4 to 8 digits: type 4 to 8 digits".into(),
        ));
    }
    let hash = Argon2::default()
        .hash_password(pin.as_bytes())
        .map_err(|e| KioskError::Pin(format!("the PIN could not be hashed ({e}): try again")))?
        .to_string();
    let rec = store.recording()?;
    rec.set_setting(SETTING, &hash)?;
    rec.append(&NewEvent {
        kind: "pin_set",
        day_id: None,
        booking_id: None,
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        // The hash (never the PIN), so every kiosk takes the new PIN.
        payload: json!({ "hash": hash }),
    })?;
    rec.commit()?;
    Ok(())
}

/// The lock, from the history of attempts: five failures in a row (since the
/// last success or the end of the last lock) lock the console for a minute
/// from the fifth. Returns the end of the last lock, if any, and the
/// failures in a row.
fn lock_state(store: &Store) -> Result<(Option<DateTime<Utc>>, u32), KioskError> {
    let mut failures = 0;
    let mut until: Option<DateTime<Utc>> = None;
    // The attempts made on this kiosk: a lock is a kiosk's own.
    for event in store
        .events_of_kinds(&["pin_failed", "pin_accepted"])?
        .into_iter()
        .filter(|e| e.kiosk_id == store.kiosk_id())
    {
        if event.kind == "pin_accepted" {
            failures = 0;
            until = None;
            continue;
        }
        if let Some(u) = until {
            if event.happened_at < u {
                continue;
            }
            until = None;
            failures = 0;
        }
        failures += 1;
        if failures >= ATTEMPTS {
            until = Some(event.happened_at + Duration::seconds(LOCKOUT_SECONDS));
        }
    }
    Ok((until, failures))
}

/// Checks a PIN entered at `at`, and records a failure.
pub fn check_pin(store: &mut Store, pin: &str, at: DateTime<Utc>) -> Result<PinCheck, KioskError> {
    let Some(hash) = store.setting(SETTING)? else {
        return Ok(PinCheck::NotSet);
    };
    let (until, failures) = lock_state(store)?;
    let failures = match until {
        Some(until) if at < until => return Ok(PinCheck::Locked { until }),
        // The lock is over: five more tries.
        Some(_) => 0,
        None => failures,
    };
    let parsed = PasswordHash::new(&hash).map_err(|e| {
        KioskError::Pin(format!(
            "the stored PIN is damaged ({e}): set it again with `extras-kiosk pin set`"
        ))
    })?;
    let right = Argon2::default()
        .verify_password(pin.trim().as_bytes(), &parsed)
        .is_ok();
    let rec = store.recording()?;
    rec.append(&NewEvent {
        kind: if right { "pin_accepted" } else { "pin_failed" },
        day_id: None,
        booking_id: None,
        area_id: None,
        happened_at: at,
        actor: Actor::Supervisor,
        payload: json!({}),
    })?;
    rec.commit()?;
    if right {
        return Ok(PinCheck::Accepted);
    }
    let failures = failures + 1;
    Ok(if failures >= ATTEMPTS {
        PinCheck::Locked {
            until: at + Duration::seconds(LOCKOUT_SECONDS),
        }
    } else {
        PinCheck::Wrong {
            left: ATTEMPTS - failures,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_lock_for_a_minute_and_are_logged() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.db")).unwrap();
        let t0 = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
        assert_eq!(check_pin(&mut store, "1234", t0).unwrap(), PinCheck::NotSet);
        assert!(set_pin(&mut store, "12a4", t0).is_err());
        set_pin(&mut store, "2468", t0).unwrap();
        assert!(
            !store.setting(SETTING).unwrap().unwrap().contains("2468"),
            "only the hash is kept"
        );
        assert_eq!(
            check_pin(&mut store, "2468", t0).unwrap(),
            PinCheck::Accepted
        );
        let s = |n: i64| t0 + Duration::seconds(n);
        for (i, left) in [4, 3, 2, 1].into_iter().enumerate() {
            assert_eq!(
                check_pin(&mut store, "0000", s(i as i64 + 1)).unwrap(),
                PinCheck::Wrong { left }
            );
        }
        let locked = check_pin(&mut store, "0000", s(5)).unwrap();
        assert_eq!(locked, PinCheck::Locked { until: s(65) });
        // Even the right PIN waits for the lock to end.
        assert_eq!(
            check_pin(&mut store, "2468", s(30)).unwrap(),
            PinCheck::Locked { until: s(65) }
        );
        assert_eq!(
            check_pin(&mut store, "2468", s(66)).unwrap(),
            PinCheck::Accepted
        );
        let failures = store.events_of_kinds(&["pin_failed"]).unwrap().len();
        assert_eq!(failures, 5);
        assert!(store.verify_chain().unwrap().is_intact());
    }
}
