//! Shared by the benchmarks: a large skin written to a file, and a bench
//! day on disk with it imported.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::Path;

/// A skin of `n` bookings with every column filled in.
pub fn write_skin(path: &Path, n: usize) {
    let categories = ["BG", "SA", "Stand In", "photo dbl"];
    let unions = ["SAG", "N"];
    let calls = ["05:30", "6:00 AM", "0630", "7:00a"];
    let mut text = String::from(
        "First Name,Last Name,Category,Union,Rate,Call Time,Wardrobe,Phone,Email,Agency,Notes\n",
    );
    for i in 0..n {
        writeln!(
            text,
            "First{i},Last{i},{},{},{},{},\"Business casual, no logos\",(310) 555-{:04},extra{i}@example.com,Central Casting,",
            categories[i % 4],
            unions[i % 2],
            if i % 3 == 0 { "" } else { "$224" },
            calls[i % 4],
            i % 10_000
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// A database at `path` with the bench day open on `date` (Los Angeles).
pub fn open_day(
    path: &Path,
    date: chrono::NaiveDate,
) -> (extras_kiosk::store::Store, extras_kiosk::model::Day) {
    let mut store = extras_kiosk::store::Store::open(path).unwrap();
    let update = extras_kiosk::store::DayUpdate {
        date: Some(date),
        title: Some("Bench".into()),
        ..Default::default()
    };
    let (day, _) = store
        .open_day(&update, chrono_tz::America::Los_Angeles)
        .unwrap();
    (store, day)
}

/// The bench day with the demo's holding areas and a skin of `n` bookings.
pub fn day_with_skin(
    dir: &Path,
    n: usize,
    date: chrono::NaiveDate,
) -> (extras_kiosk::store::Store, extras_kiosk::model::Day) {
    let skin_path = dir.join(format!("skin-{n}.csv"));
    write_skin(&skin_path, n);
    let (mut store, day) = open_day(&dir.join("template.db"), date);
    let areas = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/demo/areas.csv"
    ))
    .unwrap();
    for area in extras_kiosk::areas_file::parse_areas(&areas, "areas.csv").unwrap() {
        store.add_area(&day, &area).unwrap();
    }
    extras_kiosk::skin::import(&mut store, &day, &skin_path, Default::default()).unwrap();
    (store, day)
}
