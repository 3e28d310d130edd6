//! The schema, as numbered migrations applied in order from an empty file;
//! `PRAGMA user_version` records how far a database has come.

use rusqlite::Connection;

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Never edit a released
/// one: add the next.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: production, days, people, bookings, holding areas, the event log
    //    and the attendance projection.
    r#"
    CREATE TABLE production (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        code        TEXT NOT NULL,          -- short random id printed in badge tokens
        title       TEXT NOT NULL,
        secret      BLOB NOT NULL,          -- signs badge tokens; never leaves the file
        created_at  TEXT NOT NULL
    );
    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    CREATE TABLE days (
        id            INTEGER PRIMARY KEY,
        date          TEXT NOT NULL UNIQUE,   -- YYYY-MM-DD, the shoot date
        title         TEXT NOT NULL,
        location      TEXT,
        default_call  TEXT,                   -- HH:MM local
        tz            TEXT NOT NULL,          -- IANA zone of every local time of the day
        next_badge    INTEGER NOT NULL DEFAULT 1,
        created_at    TEXT NOT NULL
    );
    CREATE TABLE people (
        id          INTEGER PRIMARY KEY,
        first_name  TEXT NOT NULL,
        last_name   TEXT NOT NULL,
        phone       TEXT,
        email       TEXT,
        agency      TEXT
    );
    CREATE TABLE bookings (
        id            INTEGER PRIMARY KEY,
        day_id        INTEGER NOT NULL REFERENCES days(id),
        person_id     INTEGER NOT NULL REFERENCES people(id),
        badge_no      TEXT NOT NULL,
        badge_issue   INTEGER NOT NULL DEFAULT 1,
        -- CHECKs are written with OR, not IN (...): an IN list makes SQLite
        -- build a temporary b-tree on every insert.
        category      TEXT NOT NULL
                      CHECK (category = 'general' OR category = 'special-ability'
                             OR category = 'stand-in' OR category = 'photo-double'),
        union_status  TEXT NOT NULL CHECK (union_status = 'union' OR union_status = 'non-union'),
        rate_cents    INTEGER CHECK (rate_cents IS NULL OR rate_cents >= 0),
        call_at       TEXT NOT NULL,          -- UTC instant
        wardrobe      TEXT,
        notes         TEXT,
        source        TEXT NOT NULL DEFAULT 'skin' CHECK (source = 'skin' OR source = 'walk-in'),
        removed       INTEGER NOT NULL DEFAULT 0,  -- dropped from the latest skin
        UNIQUE (day_id, badge_no)
    );
    CREATE TABLE holding_areas (
        id               INTEGER PRIMARY KEY,
        day_id           INTEGER NOT NULL REFERENCES days(id),
        name             TEXT NOT NULL,
        location         TEXT,
        capacity         INTEGER NOT NULL CHECK (capacity >= 0),
        union_filter     TEXT CHECK (union_filter IS NULL OR union_filter = 'union'
                                 OR union_filter = 'non-union'),
        category_filter  TEXT NOT NULL DEFAULT '',   -- comma-separated category codes
        sort_order       INTEGER NOT NULL,
        UNIQUE (day_id, name)
    );
    CREATE TABLE events (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,    -- globally unique: merges are idempotent
        kiosk_id     TEXT NOT NULL,
        kind         TEXT NOT NULL,
        day_id       INTEGER REFERENCES days(id),
        booking_id   INTEGER REFERENCES bookings(id),
        area_id      INTEGER REFERENCES holding_areas(id),
        happened_at  TEXT NOT NULL,           -- UTC; a supervisor may set it
        recorded_at  TEXT NOT NULL,           -- UTC; when the kiosk wrote it
        actor        TEXT NOT NULL,
        payload      TEXT NOT NULL,           -- JSON
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
    );
    CREATE INDEX events_by_booking ON events(booking_id);
    CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TABLE attendance (
        booking_id     INTEGER PRIMARY KEY REFERENCES bookings(id),
        checked_in_at  TEXT,
        area_id        INTEGER REFERENCES holding_areas(id),
        released_at    TEXT,
        overflow       INTEGER NOT NULL DEFAULT 0
    );
    "#,
    // 2: a supervisor can void a badge; a reissue makes it valid again.
    r#"
    ALTER TABLE bookings ADD COLUMN badge_voided INTEGER NOT NULL DEFAULT 0;
    "#,
    // 3: meals and non-deductible breakfasts, as the projection of the
    //    meal events.
    r#"
    CREATE TABLE meals (
        id          INTEGER PRIMARY KEY,
        booking_id  INTEGER NOT NULL REFERENCES bookings(id),
        kind        TEXT NOT NULL CHECK (kind = 'meal' OR kind = 'ndb'),
        started_at  TEXT NOT NULL,
        ended_at    TEXT
    );
    CREATE INDEX meals_by_booking ON meals(booking_id);
    "#,
    // 4: who is in each holding area now, read on every arrival, straight
    //    from an index of the people not yet released.
    r#"
    CREATE INDEX attendance_present_by_area ON attendance(area_id) WHERE released_at IS NULL;
    "#,
    // 5: bumps (adjustments) recorded for a booking; a removed bump stays,
    //    marked, as its events do.
    r#"
    CREATE TABLE bumps (
        id            INTEGER PRIMARY KEY,
        booking_id    INTEGER NOT NULL REFERENCES bookings(id),
        kind          TEXT NOT NULL,
        count         INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
        amount_cents  INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
        added_by      TEXT NOT NULL,
        added_at      TEXT NOT NULL,
        removed       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX bumps_by_booking ON bumps(booking_id);
    "#,
    // 6: a database is one kiosk. A file made before keeps its history as
    //    it is (the legacy segment, up to legacy_seq) and takes as its id
    //    the label of its latest event, or the id its settings named.
    r#"
    CREATE TABLE kiosk (
        one         INTEGER PRIMARY KEY CHECK (one = 1),
        kiosk_id    TEXT NOT NULL,
        name        TEXT,
        legacy_seq  INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO kiosk (one, kiosk_id, legacy_seq)
        SELECT 1, kiosk_id, (SELECT MAX(seq) FROM events)
        FROM events ORDER BY seq DESC LIMIT 1;
    INSERT OR IGNORE INTO kiosk (one, kiosk_id)
        SELECT 1, value FROM settings WHERE key = 'kiosk_id';
    DELETE FROM settings WHERE key = 'kiosk_id';
    "#,
    // 7: each kiosk writes its own chain (its own sequence, the hash of its
    //    own previous event) and stamps each event with a hybrid logical
    //    clock, so events of several kiosks sort in causal order. Events
    //    before this (the legacy segment) keep their one chain by seq.
    r#"
    ALTER TABLE events ADD COLUMN kiosk_seq INTEGER;
    ALTER TABLE events ADD COLUMN hlc TEXT;
    CREATE UNIQUE INDEX events_by_kiosk_seq ON events(kiosk_id, kiosk_seq)
        WHERE kiosk_seq IS NOT NULL;
    CREATE INDEX events_by_hlc ON events(hlc) WHERE hlc IS NOT NULL;
    "#,
    // 8: a booking can ask for a paper voucher, has start paperwork, and
    //    can be upgraded to union on the day; wardrobe and props go out to
    //    extras and come back (an item's id is made where it is issued).
    r#"
    ALTER TABLE bookings ADD COLUMN paper_voucher INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE bookings ADD COLUMN paperwork TEXT NOT NULL DEFAULT 'unknown';
    ALTER TABLE bookings ADD COLUMN upgraded TEXT;
    CREATE TABLE items (
        id          TEXT PRIMARY KEY,
        booking_id  INTEGER NOT NULL REFERENCES bookings(id),
        kind        TEXT NOT NULL,
        what        TEXT NOT NULL,
        tag         TEXT,
        issued_at   TEXT NOT NULL,
        issued_by   TEXT NOT NULL,
        returned_at TEXT
    );
    CREATE INDEX items_by_booking ON items(booking_id);
    CREATE UNIQUE INDEX items_tag_out ON items(tag) WHERE tag IS NOT NULL AND returned_at IS NULL;
    "#,
    // 9: the kiosks of the production this database knows: the lead (which
    //    made the production and imports the skin) and those that joined,
    //    each with the first number of its walk-in badge range.
    r#"
    CREATE TABLE kiosks (
        kiosk_id   TEXT PRIMARY KEY,
        name       TEXT,
        role       TEXT NOT NULL CHECK (role IN ('lead', 'member')),
        badge_from INTEGER NOT NULL,
        joined_at  TEXT NOT NULL
    );
    "#,
    // 10: kiosks merge by event. An event received from another database
    //    keeps, beside it, the ids its columns had where it was made (what
    //    its hash covers) and what they name (the day's date, the badge,
    //    the area's uid); its own columns hold this file's ids. Areas and
    //    bumps get ids made where they are created; attendance names the
    //    events that stand; conflicts and forks are recorded for the PA.
    r#"
    CREATE TABLE event_origin (
        event_id    TEXT PRIMARY KEY,
        day_id      INTEGER,
        booking_id  INTEGER,
        area_id     INTEGER,
        date        TEXT,
        badge       TEXT,
        area        TEXT
    );
    ALTER TABLE holding_areas ADD COLUMN uid TEXT;
    UPDATE holding_areas
       SET uid = (SELECT date FROM days WHERE days.id = holding_areas.day_id) || '/' || name;
    CREATE UNIQUE INDEX holding_areas_by_uid ON holding_areas(uid);
    ALTER TABLE attendance ADD COLUMN checkin_event TEXT;
    ALTER TABLE attendance ADD COLUMN release_event TEXT;
    ALTER TABLE bumps ADD COLUMN uid TEXT;
    ALTER TABLE meals ADD COLUMN start_event TEXT;
    -- Phones and emails stay out of the log; kiosks merge them by the
    -- latest change (an import, or a purge).
    ALTER TABLE people ADD COLUMN contacts_at TEXT;
    CREATE TABLE conflicts (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        day_id       INTEGER NOT NULL REFERENCES days(id),
        badge        TEXT,
        kiosks       TEXT NOT NULL,          -- JSON list of kiosk ids
        at           TEXT NOT NULL,          -- UTC: when the standing fact happened
        standing     TEXT NOT NULL,          -- the event that stands
        others       TEXT NOT NULL,          -- JSON list of the events kept and flagged
        resolved_by  TEXT,                   -- the conflict_resolved event
        note         TEXT
    );
    CREATE TABLE forks (
        kiosk_id   TEXT PRIMARY KEY,
        from_seq   INTEGER NOT NULL,         -- the first sequence that differs
        seen_in    TEXT NOT NULL,            -- the file whose events differ
        seen_at    TEXT NOT NULL
    );
    "#,
    // 11: the hub this kiosk syncs with live (its address without a
    //    password: that stays in the pgpass file), how far it has read the
    //    hub's events, whether it is reachable, and the production's
    //    kiosks as the hub last saw them.
    r#"
    CREATE TABLE hub_link (
        one             INTEGER PRIMARY KEY CHECK (one = 1),
        url             TEXT NOT NULL,
        cursor          INTEGER NOT NULL DEFAULT 0,   -- the hub sequence read up to
        contacts_rev    INTEGER NOT NULL DEFAULT 0,   -- the contacts revision read up to
        last_ok_at      TEXT,
        offline_since   TEXT,
        last_error      TEXT,
        clock_offset_ms INTEGER
    );
    CREATE TABLE hub_kiosks (
        kiosk_id        TEXT PRIMARY KEY,
        name            TEXT,
        lead            INTEGER NOT NULL,
        retired         INTEGER NOT NULL,
        last_seen       TEXT,
        last_seq        INTEGER NOT NULL,   -- its own head at its last sync
        held            INTEGER NOT NULL,   -- the last of its sequence the hub holds
        clock_offset_ms INTEGER,
        conflicts_open  INTEGER NOT NULL
    );
    -- Phones and emails changed here (or taken from elsewhere) and not yet
    -- sent to the hub, with the change they are at.
    CREATE TABLE contacts_unsent (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        at        TEXT NOT NULL
    );
    INSERT INTO contacts_unsent SELECT id, contacts_at FROM people WHERE contacts_at IS NOT NULL;
    CREATE TRIGGER contacts_unsent_on_insert AFTER INSERT ON people
        WHEN NEW.contacts_at IS NOT NULL
        BEGIN INSERT OR REPLACE INTO contacts_unsent VALUES (NEW.id, NEW.contacts_at); END;
    CREATE TRIGGER contacts_unsent_on_update AFTER UPDATE OF contacts_at ON people
        WHEN NEW.contacts_at IS NOT NULL
        BEGIN INSERT OR REPLACE INTO contacts_unsent VALUES (NEW.id, NEW.contacts_at); END;
    "#,
    // 12: how many are in each holding area now, kept by triggers as the
    //     attendance changes (every arrival reads it: counting the partial
    //     index was a quarter of a scan's work on a full day).
    r#"
    CREATE TABLE area_present (
        area_id INTEGER PRIMARY KEY,
        present INTEGER NOT NULL
    );
    INSERT INTO area_present
        SELECT area_id, COUNT(*) FROM attendance
        WHERE area_id IS NOT NULL AND released_at IS NULL GROUP BY area_id;
    CREATE TRIGGER area_present_on_insert AFTER INSERT ON attendance
        WHEN NEW.area_id IS NOT NULL AND NEW.released_at IS NULL
        BEGIN
            INSERT OR IGNORE INTO area_present VALUES (NEW.area_id, 0);
            UPDATE area_present SET present = present + 1 WHERE area_id = NEW.area_id;
        END;
    CREATE TRIGGER area_present_on_delete AFTER DELETE ON attendance
        WHEN OLD.area_id IS NOT NULL AND OLD.released_at IS NULL
        BEGIN UPDATE area_present SET present = present - 1 WHERE area_id = OLD.area_id; END;
    CREATE TRIGGER area_present_on_update_from AFTER UPDATE OF area_id, released_at ON attendance
        WHEN OLD.area_id IS NOT NULL AND OLD.released_at IS NULL
        BEGIN UPDATE area_present SET present = present - 1 WHERE area_id = OLD.area_id; END;
    CREATE TRIGGER area_present_on_update_to AFTER UPDATE OF area_id, released_at ON attendance
        WHEN NEW.area_id IS NOT NULL AND NEW.released_at IS NULL
        BEGIN
            INSERT OR IGNORE INTO area_present VALUES (NEW.area_id, 0);
            UPDATE area_present SET present = present + 1 WHERE area_id = NEW.area_id;
        END;
    "#,
    // 13: one bad event never stops the day. An event received that does
    //     not verify (its hash, its chain, its payload) is set aside here,
    //     kept as it came and never applied, and so is every later event of
    //     its kiosk, which waits behind it; contact changes as the hub
    //     ordered them, with the kiosk that made each (never the values).
    r#"
    CREATE TABLE events_aside (
        id         TEXT PRIMARY KEY,
        kiosk_id   TEXT NOT NULL,
        kiosk_seq  INTEGER,
        kind       TEXT NOT NULL,
        wire       TEXT NOT NULL,            -- the event as it came (JSON)
        reason     TEXT NOT NULL,
        behind     TEXT,                     -- the set-aside event it waits behind
        source     TEXT NOT NULL,
        seen_at    TEXT NOT NULL
    );
    CREATE INDEX events_aside_by_kiosk ON events_aside (kiosk_id, kiosk_seq);
    CREATE TABLE newer_kinds (
        kind       TEXT PRIMARY KEY,         -- a kind a newer build wrote, taken and kept
        first_seen TEXT NOT NULL
    );
    CREATE TABLE contact_log (
        date       TEXT NOT NULL,
        badge      TEXT NOT NULL,
        kiosk_id   TEXT NOT NULL,
        at         TEXT NOT NULL,            -- the hub's clock
        purge      INTEGER NOT NULL,
        PRIMARY KEY (date, badge, at, kiosk_id)
    );
    "#,
    // The web app's people and their sessions: local to the serving kiosk,
    // never in the event log, a carry file or the hub.
    r#"
    CREATE TABLE web_users (
        name       TEXT PRIMARY KEY COLLATE NOCASE,
        role       TEXT NOT NULL,            -- viewer | supervisor | payroll
        hash       TEXT NOT NULL,            -- argon2id PHC string
        created_at TEXT NOT NULL
    );
    CREATE TABLE web_sessions (
        token_hash   TEXT PRIMARY KEY,       -- SHA-256 of the cookie's token
        name         TEXT NOT NULL COLLATE NOCASE REFERENCES web_users(name) ON DELETE CASCADE,
        created_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
    );
    -- The requests, disputes, approvals and conflicts are read by kind:
    -- a dashboard reads them on every change.
    CREATE INDEX events_by_kind ON events(kind);
    "#,
    // A phone's scans through the web app, each recorded once by the id
    // the phone gave it (local to the serving kiosk, like its web users).
    r#"
    CREATE TABLE phone_scans (
        id          TEXT PRIMARY KEY,         -- the phone's id for the scan
        answer      TEXT NOT NULL,            -- what the server answered (JSON)
        recorded_at TEXT NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings `conn` up to [`CURRENT_VERSION`], each step in its own write
/// transaction (so that two processes opening a new file at once do not both
/// migrate it). Returns the version found before.
pub(crate) fn migrate(conn: &mut Connection) -> Result<i64, MigrationError> {
    let mut first_found = None;
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        first_found.get_or_insert(found);
        if found > CURRENT_VERSION {
            return Err(MigrationError::Newer { found });
        }
        if found == CURRENT_VERSION {
            return Ok(first_found.unwrap_or(found));
        }
        let version = found + 1;
        tx.execute_batch(MIGRATIONS[found as usize])
            .map_err(|source| MigrationError::Step { version, source })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "this database was written by a newer extras-kiosk (schema {found}, this build knows {CURRENT_VERSION}): update the program"
    )]
    Newer { found: i64 },
    #[error(
        "schema migration {version} failed: {source}. The file keeps what it held: copy the file somewhere safe (with cp or the file manager) and check in on another kiosk until the program is updated"
    )]
    Step {
        version: i64,
        source: rusqlite::Error,
    },
    #[error(
        "the schema version could not be read: {0}; close any other program that has the file open, then try again, or check that this is an extras-kiosk database"
    )]
    Sqlite(#[from] rusqlite::Error),
}
