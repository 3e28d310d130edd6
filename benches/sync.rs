//! `sync` of two kiosks that each recorded 5,000 events apart on a
//! 5,000-booking day (half the day checked in and released at each), next to
//! a plain SQLite copy of the same rows both ways (`INSERT INTO ... SELECT`
//! across an `ATTACH`), on the same machine, both durable (WAL,
//! synchronous=FULL). The goal: within 5x of the copy.

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::store::{Actor, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Copies `from` to `to` (no -wal or -shm left beside `to`).
fn fresh(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
}

/// The two kiosks' files, each with 5,000 events the other lacks.
fn two_kiosks(dir: &Path) -> (PathBuf, PathBuf) {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let (mut lead, day) = common::day_with_skin(dir, 5000, date);
    let tent_path = dir.join("tent-template.db");
    lead.join_as(&tent_path, "tent1", Some("Tent 1"), chrono::Utc::now())
        .unwrap();
    let mut tent = Store::open(&tent_path).unwrap();
    let bookings = lead.bookings(&day).unwrap();
    let (first, second) = bookings.split_at(2500);
    for (store, half) in [(&mut lead, first), (&mut tent, second)] {
        let mut kiosk = Kiosk::new(store, day.clone(), ScanMode::CheckIn);
        for b in half {
            kiosk
                .check_in(b, day.parse_at("06:30").unwrap(), Actor::Kiosk)
                .unwrap();
        }
        kiosk
            .release_all(None, day.parse_at("18:00").unwrap())
            .unwrap();
    }
    drop((lead, tent));
    (dir.join("template.db"), tent_path)
}

fn sync_two_kiosks(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (lead_template, tent_template) = two_kiosks(dir.path());
    let lead = dir.path().join("lead.db");
    let tent = dir.path().join("tent.db");
    let copies = || {
        fresh(&lead_template, &lead);
        fresh(&tent_template, &tent);
    };
    let mut group = c.benchmark_group("two kiosks, 5,000 events each apart");
    group.sample_size(10);
    let mut sync_times = Vec::new();
    group.bench_function("sync FILE (both ways, checked, folded)", |b| {
        b.iter_batched(
            || {
                copies();
                Store::open(&lead).unwrap()
            },
            |mut store| {
                let started = Instant::now();
                let report = store.sync_file(&tent).unwrap();
                sync_times.push(started.elapsed());
                assert!(report.sent >= 5000 && report.received >= 5000, "{report:?}");
            },
            BatchSize::PerIteration,
        )
    });
    let mut copy_times = Vec::new();
    group.bench_function(
        "INSERT ... SELECT across ATTACH (same rows, both ways)",
        |b| {
            b.iter_batched(
                || {
                    copies();
                    let conn = rusqlite::Connection::open(&lead).unwrap();
                    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
                        .unwrap();
                    conn.execute("ATTACH ?1 AS other", [tent.to_str().unwrap()])
                        .unwrap();
                    conn.execute_batch(
                        "PRAGMA other.journal_mode = WAL; PRAGMA other.synchronous = FULL;",
                    )
                    .unwrap();
                    conn
                },
                |conn| {
                    let started = Instant::now();
                    let columns = "id, kiosk_id, kind, day_id, booking_id, area_id, happened_at, \
                     recorded_at, actor, payload, prev_hash, hash, kiosk_seq, hlc";
                    for (to, from) in [("other", "main"), ("main", "other")] {
                        conn.execute_batch(&format!(
                            "BEGIN IMMEDIATE;
                         INSERT INTO {to}.events ({columns})
                             SELECT {columns} FROM {from}.events
                             WHERE id NOT IN (SELECT id FROM {to}.events);
                         COMMIT;"
                        ))
                        .unwrap();
                    }
                    copy_times.push(started.elapsed());
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (sync, copy) = (median(&mut sync_times), median(&mut copy_times));
    println!(
        "sync median {:.1} ms, ATTACH copy median {:.1} ms: {:.2}x",
        sync.as_secs_f64() * 1e3,
        copy.as_secs_f64() * 1e3,
        sync.as_secs_f64() / copy.as_secs_f64()
    );
}

criterion_group!(benches, sync_two_kiosks);
criterion_main!(benches);
