//! Shared helpers for the end-to-end tests: a real SQLite file in a
//! temporary folder, the demo day, fixture paths, and a dump of every table.
#![allow(dead_code)]

pub mod browser;
pub mod camera;
pub mod load;
pub mod pg;
pub mod serve;

use chrono::NaiveDate;
use extras_kiosk::model::Day;
use extras_kiosk::store::{DayUpdate, Store};
use std::path::{Path, PathBuf};

pub const DEMO_DATE: &str = "2026-11-28";

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

pub fn demo_date() -> NaiveDate {
    NaiveDate::parse_from_str(DEMO_DATE, "%Y-%m-%d").unwrap()
}

/// A fresh database file with the demo day open (call 06:30, Los Angeles)
/// and its three holding areas.
pub fn demo_store() -> (tempfile::TempDir, Store, Day) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kiosk.db")).unwrap();
    let update = DayUpdate {
        date: Some(demo_date()),
        title: Some("Harbor Lights Ep 104".into()),
        location: Some("Stage 5".into()),
        default_call: chrono::NaiveTime::from_hms_opt(6, 30, 0),
        tz: Some(chrono_tz::America::Los_Angeles),
        production_title: Some("Harbor Lights".into()),
    };
    let (day, created) = store.open_day(&update, chrono_tz::UTC).unwrap();
    assert!(created);
    let areas = std::fs::read(fixture("demo/areas.csv")).unwrap();
    for area in extras_kiosk::areas_file::parse_areas(&areas, "areas.csv").unwrap() {
        store.add_area(&day, &area).unwrap();
    }
    (dir, store, day)
}

/// The demo day with its skin imported: 170 bookings, B-0001 to B-0170.
pub fn demo_with_skin() -> (tempfile::TempDir, Store, Day) {
    let (dir, mut store, day) = demo_store();
    extras_kiosk::skin::import(
        &mut store,
        &day,
        &fixture("demo/skin.csv"),
        extras_kiosk::skin::ImportOptions::default(),
    )
    .unwrap();
    (dir, store, day)
}

/// A local time of `day`, as the command line writes it (`06:30`, `04:10+1`).
pub fn at(day: &Day, text: &str) -> chrono::DateTime<chrono::Utc> {
    day.parse_at(text).unwrap()
}

/// The names of the tables in the database, sorted.
pub fn table_names(conn: &rusqlite::Connection) -> Vec<String> {
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| t != "sqlite_sequence");
    tables
}

/// Every row of every table, as text: equal dumps mean an unchanged store.
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables = table_names(&conn);
    let mut out = String::new();
    for table in tables {
        out.push_str(&format!("## {table}\n"));
        out.push_str(&rows_text(
            &conn,
            &format!("SELECT * FROM {table} ORDER BY rowid"),
        ));
    }
    out
}

/// Every row `sql` reads, a line each, its values `|`-separated.
pub fn rows_text(conn: &rusqlite::Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..columns)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.unwrap().join("|"));
        out.push('\n');
    }
    out
}
