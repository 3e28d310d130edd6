//! One check-in scan on an on-disk database holding a 5,000-booking day,
//! durable commit included (WAL, synchronous=FULL). Prints p50 and p99 of
//! the first check-ins measured, besides criterion's estimate.

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
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "check-in scans measured: {}, p50 {:.3} ms, p99 {:.3} ms",
        all.len(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = scan_check_in
}
criterion_main!(benches);
