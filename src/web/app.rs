//! The web app's shared state: the station its requests read and write
//! through, the day as last read (a snapshot the dashboard's and the
//! roster's pages render from, read again whenever the file changed), and
//! the sign-in locks.

use super::auth::Lockouts;
use super::board::Board;
use crate::kiosk::roster::Roster;
use crate::kiosk::{KioskError, Station};
use crate::model::Day;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// What time it is, for the web app (a test sets the clock).
pub type WebClock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The day as read at one instant: what the dashboard and the roster show.
#[derive(Debug, Default)]
pub struct DaySnapshot {
    pub at: Option<DateTime<Utc>>,
    pub day: Option<Day>,
    pub board: Board,
    pub roster: Roster,
    /// Why the day could not be read (the figures are then not shown:
    /// zeros would say nobody is here).
    pub problem: Option<String>,
}

/// How often the watcher asks whether the file changed: a scan anywhere
/// is on every open dashboard within a second of reaching this file, and
/// reading the day (22 ms on 5,000 bookings) takes at most 2 % of a core.
const WATCH_EVERY: Duration = Duration::from_millis(1000);
/// The dashboard is read again at least this often (meal clocks tick,
/// people become late) even when nothing was recorded.
const TICK_EVERY: Duration = Duration::from_secs(15);

/// The CSRF key kept beside the database at `<db>.web-secret` (owner
/// only), made on the first start.
fn csrf_key(db: &std::path::Path) -> Result<[u8; 32], KioskError> {
    let mut name = db.as_os_str().to_owned();
    name.push(".web-secret");
    let path = std::path::PathBuf::from(name);
    if let Ok(bytes) = std::fs::read(&path)
        && let Ok(key) = <[u8; 32]>::try_from(bytes.as_slice())
    {
        return Ok(key);
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).expect("the operating system has no random source");
    let written = {
        use std::io::Write;
        #[cfg(unix)]
        use std::os::unix::fs::OpenOptionsExt;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        options.mode(0o600);
        options.open(&path).and_then(|mut f| f.write_all(&key))
    };
    written.map_err(|e| {
        KioskError::Account(format!(
            "the web app's key could not be kept at {} ({e}): check that the folder of the kiosk's file is writable",
            path.display()
        ))
    })?;
    Ok(key)
}

/// The web app: one per `serve`.
pub struct WebApp {
    /// The station requests read and write through (the kiosk core).
    pub(super) station: Mutex<Station>,
    /// A second connection the watcher reads the day with.
    watcher: Mutex<Station>,
    pub(super) snapshot: watch::Sender<Arc<DaySnapshot>>,
    pub(super) clock: WebClock,
    /// Under TLS: cookies are `Secure` and `__Host-`.
    pub(super) secure: bool,
    /// The key the CSRF tokens are signed with: kept beside the database,
    /// so a page open on a phone still sends after a restart.
    pub(super) key: [u8; 32],
    pub(super) lockouts: Lockouts,
    stop: AtomicBool,
}

impl WebApp {
    /// The web app on `station`; `secure` when it is served over TLS.
    pub fn new(station: Station, secure: bool, clock: WebClock) -> Result<Arc<WebApp>, KioskError> {
        let watcher = station.reopen()?;
        let key = csrf_key(station.database_path())?;
        let app = Arc::new(WebApp {
            station: Mutex::new(station),
            watcher: Mutex::new(watcher),
            snapshot: watch::channel(Arc::new(DaySnapshot::default())).0,
            clock,
            secure,
            key,
            lockouts: Lockouts::default(),
            stop: AtomicBool::new(false),
        });
        app.read_again();
        Ok(app)
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Runs `f` on the request station, off the async threads.
    pub(super) async fn with_station<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Station, DateTime<Utc>) -> T + Send + 'static,
    ) -> T {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let now = app.now();
            let mut station = app.station.lock().unwrap_or_else(|p| p.into_inner());
            // A day opened since (by the command line, or the hub): the
            // watcher saw it first.
            let current = app.snapshot.borrow().day.as_ref().map(|d| d.id);
            if station.day().map(|d| d.id) != current {
                let _ = station.reload_day();
            }
            f(&mut station, now)
        })
        .await
        .expect("a web request's work panicked")
    }

    /// The day as last read.
    pub fn snapshot(&self) -> Arc<DaySnapshot> {
        self.snapshot.borrow().clone()
    }

    /// Reads the day again now and tells every open dashboard.
    pub fn read_again(&self) {
        let now = self.now();
        let fresh = {
            let mut station = self.watcher.lock().unwrap_or_else(|p| p.into_inner());
            // The day may have been opened since (by the command line).
            station.reload_day().ok();
            snapshot_of(&mut station, now)
        };
        self.snapshot.send_replace(Arc::new(fresh));
    }

    /// Follows the file on a thread of its own until the app is dropped
    /// or [`WebApp::stop`]: a change by any connection (a kiosk app on the
    /// same file, the hub's follower, this app's own writes) is read again
    /// within a second.
    pub fn watch(self: &Arc<Self>) {
        let app = Arc::downgrade(self);
        std::thread::spawn(move || {
            let mut seen = None;
            let mut last = std::time::Instant::now();
            loop {
                std::thread::sleep(WATCH_EVERY);
                let Some(app) = app.upgrade() else { return };
                if app.stop.load(Ordering::Relaxed) {
                    return;
                }
                let version = app
                    .watcher
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .file_version()
                    .ok();
                if version != seen || last.elapsed() >= TICK_EVERY {
                    seen = version;
                    last = std::time::Instant::now();
                    app.read_again();
                }
            }
        });
    }

    /// Stops the watcher.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The day as `station` reads it at `now`; empty when no day is open, and
/// with the problem when it does not read (the pages say so).
fn snapshot_of(station: &mut Station, now: DateTime<Utc>) -> DaySnapshot {
    let Some(day) = station.day().cloned() else {
        return DaySnapshot {
            at: Some(now),
            ..DaySnapshot::default()
        };
    };
    let read = station
        .day_at(now)
        .and_then(|read| Board::read(station, &read, now).map(|board| (read, board)));
    match read {
        Ok((read, board)) => {
            let mut roster = Roster::default();
            roster.load(read.roster, now);
            DaySnapshot {
                at: Some(now),
                day: Some(day),
                board,
                roster,
                problem: None,
            }
        }
        Err(e) => DaySnapshot {
            at: Some(now),
            day: Some(day),
            problem: Some(e.to_string()),
            ..DaySnapshot::default()
        },
    }
}
