//! One check-in scan on an on-disk database holding a 5,000-booking day,
//! durable commit included (WAL, synchronous=FULL). Prints p50 and p99 of
//! the check-ins measured, besides criterion's estimate, and, in the same
//! run on the same disk, those of 5,000 bare durable one-row inserts
//! (WAL, synchronous=FULL, one transaction each): the floor a scan stands on.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use extras_kiosk::badge;
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::store::Store;
use std::cell::RefCell;
use std::time::{Duration, Instant};

fn scan_check_in(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    let payloads: Vec<String> = {
        let (store, day) = common::day_with_skin(
            dir.path(),
            5000,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        );
        badge::contents_for_day(&store, &day, &[])
            .unwrap()
            .into_iter()
            .map(|c| c.payload)
            .collect()
    };
    let live = dir.path().join("live.db");
    let fresh_copy = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", live.display()));
        }
        std::fs::copy(&template, &live).unwrap();
        Store::open(&live).unwrap()
    };
    let mut store = fresh_copy();
    let mut next = 0;
    let samples = RefCell::new(Vec::new());
    c.bench_function("one check-in scan, 5,000-booking day, durable", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                if next == payloads.len() {
                    store = fresh_copy();
                    next = 0;
                }
                let day = store.current_day().unwrap();
                let at = day.parse_at("06:30").unwrap();
                let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
                let started = Instant::now();
                let outcome = kiosk.scan(payloads[next].as_bytes(), at).unwrap();
                let took = started.elapsed();
                assert_eq!(outcome.code(), "checked_in");
                samples.borrow_mut().push(took);
                total += took;
                next += 1;
            }
            total
        })
    });
    let mut all = samples.into_inner();
    all.sort();
    let pct = |v: &[Duration], p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    let bare = bare_inserts(dir.path(), 5000);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "check-in scans measured: {}, p50 {:.3} ms, p99 {:.3} ms",
        all.len(),
        ms(pct(&all, 0.50)),
        ms(pct(&all, 0.99))
    );
    let tail = |v: &[Duration]| {
        [0.9, 0.95, 0.98, 0.99, 0.995, 0.999]
            .map(|p| format!("p{} {:.3}", p * 100.0, ms(pct(v, p))))
            .join(", ")
    };
    println!("  scans' tail (ms): {}", tail(&all));
    println!("  bare inserts' tail (ms): {}", tail(&bare));
    println!(
        "bare durable one-row inserts: {}, p50 {:.3} ms, p99 {:.3} ms; the scan is {:.2}x at p50, {:.2}x at p99",
        bare.len(),
        ms(pct(&bare, 0.50)),
        ms(pct(&bare, 0.99)),
        ms(pct(&all, 0.50)) / ms(pct(&bare, 0.50)),
        ms(pct(&all, 0.99)) / ms(pct(&bare, 0.99))
    );
}

/// `n` one-row inserts, each its own durable transaction, into a fresh
/// WAL file with synchronous=FULL: each one's time, sorted.
fn bare_inserts(dir: &std::path::Path, n: usize) -> Vec<Duration> {
    let conn = rusqlite::Connection::open(dir.join("bare.db")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE t (id INTEGER PRIMARY KEY, badge TEXT NOT NULL, at TEXT NOT NULL);",
    )
    .unwrap();
    let mut stmt = conn
        .prepare("INSERT INTO t (badge, at) VALUES (?1, ?2)")
        .unwrap();
    let mut times: Vec<Duration> = (0..n)
        .map(|i| {
            let started = Instant::now();
            stmt.execute(rusqlite::params![
                format!("B-{i:04}"),
                "2026-11-28T14:30:00Z"
            ])
            .unwrap();
            started.elapsed()
        })
        .collect();
    times.sort();
    times
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = scan_check_in
}
criterion_main!(benches);
