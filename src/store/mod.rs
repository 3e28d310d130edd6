//! The SQLite file that holds a production: opening it safely (WAL, full
//! sync, foreign keys, busy timeout, migrations) and the queries the rest of
//! the kiosk uses. Nothing outside this module writes SQL.

mod areas;
mod aside;
mod attendance;
mod badges;
mod bookings;
pub mod busy;
mod checkpoint;
mod days;
mod events;
mod fold;
pub mod hlc;
pub mod hub;
mod identity;
mod items;
mod kiosks;
mod migrations;
pub mod private;
mod settings;
mod status;
mod sync;
mod timecards;
mod web_accounts;

pub use aside::{AsideRecord, ContactChange};
pub use attendance::{MealRecord, Presence, Recording, last_commit_took};
pub use bookings::{BookingChange, SkinChanges};
pub use days::{DayUpdate, Production};
pub use events::{ChainBreak, ChainReport, EventRecord, MAX_PAYLOAD_BYTES, NewEvent};
pub use identity::{KioskIdentity, check_kiosk_id};
pub use items::ItemRecord;
pub use kiosks::{Joined, KioskEntry, WALK_IN_RANGE};
pub use migrations::{CURRENT_VERSION, MigrationError};
pub use settings::RulesText;
pub use status::{AreaStatus, ConflictStatus, DayStatus};
pub use sync::{ConflictRecord, SyncReport};
pub use timecards::{BumpRecord, TimeCard};
pub use web_accounts::{WebSessionRow, WebUserRow};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Who recorded an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The kiosk itself, from an extra's scan.
    Kiosk,
    /// A supervisor: the PA at the console or the command line.
    Supervisor,
}

impl Actor {
    pub fn code(self) -> &'static str {
        match self {
            Actor::Kiosk => "kiosk",
            Actor::Supervisor => "supervisor",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot create the folder {path}: {source}; check that the drive is plugged in and writable, or choose another folder"
    )]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot open the database {path}: {source}; check that the drive holding it is plugged in and the path is right, then try again"
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the database {path}: {source}")]
    Migration {
        path: PathBuf,
        source: MigrationError,
    },
    #[error(
        "the database {path} is kiosk '{stored}', not '{given}': a database is one kiosk, its id fixed when the file was made. Leave the kiosk id out to use this database, or make a database of its own for kiosk '{given}'"
    )]
    OtherKiosk {
        path: PathBuf,
        stored: String,
        given: String,
    },
    #[error("{0}")]
    KioskId(String),
    #[error(
        "cannot keep {path} private to its owner: {source}; move it to the kiosk's own disk (a FAT or exFAT stick keeps no owner), or check who owns the file"
    )]
    Private {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no shoot day is open: open today's day first")]
    NoCurrentDay,
    #[error(
        "there is no shoot day on {0}: open it with `extras-kiosk day open --date {0} --title ...`"
    )]
    NoSuchDay(String),
    #[error(
        "a holding area named '{0}' already exists on this day: give the new one another name, or change that one"
    )]
    AreaExists(String),
    #[error(
        "there is no badge {badge} on {date}: check the number on their badge, or find them in the roster (the console's Roster tab, or People in the web app)"
    )]
    NoSuchBadge { badge: String, date: String },
    #[error("a reason is required: write why")]
    ReasonNeeded,
    #[error("a new day needs a title: add --title \"...\"")]
    TitleNeeded,
    #[error(
        "the day's rules file does not read: {0}. Give the day a rules file this version reads: `extras-kiosk day rules --union FILE --non-union FILE`"
    )]
    Rules(#[from] crate::pay::RulesError),
    #[error("{0}")]
    Join(String),
    #[error(
        "this kiosk ({this}) is not the production's lead: use {lead} for this (only the lead imports the skin, numbering its badges, and administers the hub)"
    )]
    NotLead { this: String, lead: String },
    #[error(
        "{0} is a carry file (the production's events, for another kiosk): sync a kiosk with it, do not run a kiosk on it"
    )]
    CarryFile(PathBuf),
    #[error("{0}")]
    Sync(String),
    #[error(
        "kiosk {kiosk}'s events differ from its event {from_seq} on between this database and {other}: one of the two was restored from a backup and carried on. Nothing was exchanged. On the restored kiosk, run `extras-kiosk rejoin --kiosk NEWID` (an id never used): it goes on under that id, keeping its events"
    )]
    Fork {
        kiosk: String,
        from_seq: i64,
        /// The other file, or the hub (its address, password masked).
        other: String,
    },
    #[error(
        "the hub {url} cannot be reached ({reason}). This kiosk goes on deciding scans on its own; sync again when the network is back"
    )]
    HubUnreachable { url: String, reason: String },
    #[error("the hub {url}: {message}")]
    Hub { url: String, message: String },
    #[error(
        "there is no conflict {0}: check the id against the open ones `extras-kiosk status` lists (the whole id)"
    )]
    NoSuchConflict(String),
    #[error(
        "the database: {0}; try again in a moment, and if it keeps failing, check the disk has space and restart the kiosk"
    )]
    Sqlite(#[from] rusqlite::Error),
}

impl busy::MaybeBusy for StoreError {
    fn is_busy(&self) -> bool {
        match self {
            StoreError::Sqlite(e) | StoreError::Open { source: e, .. } => e.is_busy(),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open production database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    identity: KioskIdentity,
    /// How far this device's clock is off (zero but in drills and tests of
    /// a kiosk whose clock is wrong).
    clock_skew: chrono::Duration,
    /// Fields added to every event this connection records (who and from
    /// where, for a station that is not this kiosk's own screen: a phone
    /// scanning through the web app).
    marks: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date. A new database becomes a kiosk with a generated
    /// id.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_as(path, None, None)
    }

    /// Opens the database at `path` as kiosk `kiosk`: a new database takes
    /// that id (or a generated one); an existing one is refused when its id
    /// differs. `name`, when given, becomes the kiosk's display name.
    pub fn open_as(path: &Path, kiosk: Option<&str>, name: Option<&str>) -> Result<Store> {
        // Another connection migrating or checkpointing the file at this
        // moment only makes this wait.
        busy::retry(|| Store::open_as_once(path, kiosk, name))
    }

    fn open_as_once(path: &Path, kiosk: Option<&str>, name: Option<&str>) -> Result<Store> {
        let conn = Store::connect(path)?;
        if identity::is_carry_file(&conn)? {
            return Err(StoreError::CarryFile(path.to_path_buf()));
        }
        let identity = identity::settle(&conn, path, kiosk, name)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            identity,
            clock_skew: chrono::Duration::zero(),
            marks: None,
        })
    }

    /// Opens an existing database of the production (another kiosk's file
    /// or a carry file) to exchange events with it, whatever kiosk it is.
    pub(crate) fn open_peer(path: &Path) -> Result<Store> {
        let conn = busy::retry(|| Store::connect(path))?;
        let identity = identity::stored_identity(&conn)?.unwrap_or(KioskIdentity {
            id: String::new(),
            name: None,
        });
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            identity,
            clock_skew: chrono::Duration::zero(),
            marks: None,
        })
    }

    /// Opens the file at `path` (private to its owner, WAL, full sync) and
    /// brings its schema up to date.
    fn connect(path: &Path) -> Result<Connection> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            private::create_folder(parent).map_err(|source| StoreError::Folder {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let private_err = |source| StoreError::Private {
            path: path.to_path_buf(),
            source,
        };
        // Only a new file is made here: opening and closing an existing
        // one would drop every POSIX lock this process holds on it (the
        // shared lock of a connection already open, on the follower's
        // thread or the screens'), and another process would then take
        // itself for the last and delete the WAL under our feet.
        if !path.exists() {
            private::create_file(path).map_err(private_err)?;
        }
        private::tighten_database(path).map_err(private_err)?;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(open_err)?;
        // Every statement of a scan stays prepared (the default keeps 16,
        // fewer than a scan and the screens' reads between scans use).
        conn.set_prepared_statement_cache_capacity(64);
        // Plans that do not depend on the values bound: without it SQLite
        // (built with STAT4) prepared a scan's statements again on every
        // new badge or day id, a fifth of a scan's work.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(open_err)?;
        checkpoint::hand_over(&mut conn, path).map_err(open_err)?;
        // A scan the screen confirmed must survive a power cut; a WAL that
        // SQLite starts over is cut back to a few megabytes.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA journal_size_limit = {};",
            checkpoint::WAL_SIZE_LIMIT
        ))
        .map_err(open_err)?;
        migrations::migrate(&mut conn).map_err(|source| StoreError::Migration {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(conn)
    }

    /// Makes this device's clock read `skew` off when it stamps what it
    /// records (a drill, or a test of a kiosk whose clock is wrong).
    /// Adds `marks` to every event recorded from now on (None: no more).
    pub fn set_event_marks(&mut self, marks: Option<serde_json::Map<String, serde_json::Value>>) {
        self.marks = marks;
    }

    /// The marks added to every event recorded now.
    pub fn event_marks(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.marks.as_ref()
    }

    pub fn set_clock_skew(&mut self, skew: chrono::Duration) {
        self.clock_skew = skew;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The id of this kiosk, as its events carry it.
    pub fn kiosk_id(&self) -> &str {
        &self.identity.id
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Copies the live database to `dest` with SQLite's online backup: a
    /// consistent copy even while the kiosk keeps recording. Written to a
    /// temporary file first, then renamed, so `dest` is whole or absent.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let part = dest.with_extension("part");
        let _ = std::fs::remove_file(&part);
        private::create_file(&part).map_err(|source| StoreError::Private {
            path: part.clone(),
            source,
        })?;
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                &part,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|source| StoreError::Open {
                path: part.clone(),
                source,
            })?;
        std::fs::rename(&part, dest).map_err(|source| StoreError::Folder {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(())
    }

    /// A setting of this database (e.g. the supervisor PIN's hash).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// A read-only pragma value, for checks and diagnostics.
    pub fn pragma(&self, name: &str) -> Result<String> {
        Ok(self
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })?)
    }
}

/// The stored form of an instant: UTC, to the second, `Z`-suffixed, so that
/// text order is time order.
pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// When phones and emails last changed: to the millisecond, so an import
/// and a purge in the same second still come in order.
pub(crate) fn contacts_ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// `n` random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("the operating system has no random source");
    buf
}
