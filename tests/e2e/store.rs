//! The store on a real file: migrations from empty, the safety settings, and
//! the hash chain that shows an edited or removed event.

use super::common;

use extras_kiosk::skin::{self, ImportOptions};
use extras_kiosk::store::{CURRENT_VERSION, Store};

#[test]
fn an_empty_file_migrates_to_the_current_schema_with_safe_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/kiosk.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    assert_eq!(store.pragma("journal_mode").unwrap(), "wal");
    assert_eq!(store.pragma("synchronous").unwrap(), "2", "FULL");
    assert_eq!(store.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(store.pragma("busy_timeout").unwrap(), "10000");
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables = common::table_names(&conn);
    for table in [
        "attendance",
        "bookings",
        "days",
        "events",
        "holding_areas",
        "people",
        "production",
        "settings",
    ] {
        assert!(
            tables.contains(&table.to_string()),
            "{table} missing from {tables:?}"
        );
    }
    drop(conn);
    // Opening again changes nothing.
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), CURRENT_VERSION);
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&path)
        .err()
        .expect("a newer schema must be refused")
        .to_string();
    assert!(err.contains("newer extras-kiosk"), "{err}");
    assert!(err.contains("schema 99"), "{err}");
}

#[test]
fn the_production_gets_a_secret_and_a_short_code_once() {
    let (_dir, store, _day) = common::demo_store();
    let production = store.production().unwrap().unwrap();
    assert_eq!(production.title, "Harbor Lights");
    assert_eq!(production.secret.len(), 32);
    assert_eq!(production.code.len(), 4);
    assert!(
        production
            .code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
}

#[test]
fn the_event_chain_verifies_and_shows_an_edited_row() {
    let (dir, mut store, day) = common::demo_store();
    skin::import(
        &mut store,
        &day,
        &common::fixture("demo/skin.csv"),
        ImportOptions::default(),
    )
    .unwrap();
    let report = store.verify_chain().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events, 5, "day opened, three areas, one import");
    drop(store);

    let db = dir.path().join("kiosk.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let edit = conn.execute("UPDATE events SET actor = 'kiosk' WHERE seq = 3", []);
    assert!(edit.is_err(), "the log refuses updates");
    conn.execute_batch(
        "DROP TRIGGER events_are_never_updated;
         UPDATE events SET payload = replace(payload, '90', '900') WHERE seq = 3;",
    )
    .unwrap();
    drop(conn);
    let report = Store::open(&db).unwrap().verify_chain().unwrap();
    let broken = report.first_break.expect("an edited row breaks the chain");
    assert_eq!(broken.seq, 3);
    assert!(broken.what.contains("edited"), "{}", broken.what);
}

#[test]
fn the_event_chain_shows_a_removed_row() {
    let (dir, store, _day) = common::demo_store();
    drop(store);
    let db = dir.path().join("kiosk.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(
        conn.execute("DELETE FROM events WHERE seq = 2", [])
            .is_err()
    );
    conn.execute_batch("DROP TRIGGER events_are_never_deleted; DELETE FROM events WHERE seq = 2;")
        .unwrap();
    drop(conn);
    let report = Store::open(&db).unwrap().verify_chain().unwrap();
    let broken = report.first_break.expect("a removed row breaks the chain");
    assert_eq!(broken.seq, 3);
    assert!(broken.what.contains("removed"), "{}", broken.what);
}

#[test]
fn each_event_carries_its_kiosks_sequence_and_a_rising_clock() {
    let (_dir, store, _day) = common::demo_store();
    let events = store.events(None).unwrap();
    assert!(events.len() >= 4);
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e.kiosk_id, store.kiosk_id());
        assert_eq!(e.kiosk_seq, Some(i as i64 + 1), "the kiosk's own count");
    }
    let clocks: Vec<&str> = events.iter().map(|e| e.hlc.as_deref().unwrap()).collect();
    assert!(
        clocks.windows(2).all(|w| w[0] < w[1]),
        "the clock only moves forward: {clocks:?}"
    );
    assert_eq!(
        store.kiosk_heads().unwrap(),
        vec![(Some(store.kiosk_id().to_string()), events.len() as i64)]
    );
}
