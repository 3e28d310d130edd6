//! What still meets a busy file after SQLite's own wait (its busy timeout
//! does not cover everything: a checkpoint, a journal-mode change, a
//! transaction that must start over): tried again a few times, with a
//! growing pause, before it is reported.

use std::time::Duration;

/// How many times work meeting a busy file is tried in all.
pub const ATTEMPTS: u32 = 4;
/// The first pause; each next one is four times longer (50, 200, 800 ms).
const FIRST_PAUSE: Duration = Duration::from_millis(50);

/// An error that may say the file was busy (another connection held it).
pub trait MaybeBusy {
    /// Whether trying again may mend it.
    fn is_busy(&self) -> bool;
}

impl MaybeBusy for rusqlite::Error {
    fn is_busy(&self) -> bool {
        matches!(
            self.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

/// Runs `work`, again after a pause while it fails only because the file
/// was busy; the last failure is returned as it is. `work` must be safe to
/// run again after such a failure (a transaction that was rolled back, an
/// exchange of events by id).
pub fn retry<T, E: MaybeBusy>(mut work: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let mut pause = FIRST_PAUSE;
    for _ in 1..ATTEMPTS {
        match work() {
            Err(e) if e.is_busy() => {
                std::thread::sleep(pause);
                pause *= 4;
            }
            done => return done,
        }
    }
    work()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy() -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        )
    }

    #[test]
    fn busy_is_tried_again_and_other_errors_are_not() {
        let mut tries = 0;
        let done: Result<u32, rusqlite::Error> = retry(|| {
            tries += 1;
            if tries < 3 { Err(busy()) } else { Ok(tries) }
        });
        assert_eq!(done.unwrap(), 3);

        let mut tries = 0;
        let failed: Result<(), rusqlite::Error> = retry(|| {
            tries += 1;
            Err(rusqlite::Error::QueryReturnedNoRows)
        });
        assert!(failed.is_err());
        assert_eq!(tries, 1);

        let mut tries = 0;
        let failed: Result<(), rusqlite::Error> = retry(|| {
            tries += 1;
            Err(busy())
        });
        assert!(failed.unwrap_err().is_busy());
        assert_eq!(tries, ATTEMPTS);
    }
}
