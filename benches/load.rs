//! A big day on the hub (issue 23), through the binary with a throwaway
//! PostgreSQL on this machine: N kiosk processes each following the hub
//! (`sync URL --follow`) while badges are scanned on it (`scan --stdin
//! --json`), 10% of extras scanned again at another kiosk 3 s later. It
//! prints scans a second, scans not recorded, followers stopped, the share
//! of repeats seen as already here, propagation, convergence, the largest
//! WAL, a follower's CPU and memory, and the scan's p99 against the same
//! run with no hub. Run with `cargo bench --bench load` (12 kiosks, 5,000
//! extras over 60 s); `LOAD=KIOSKS,EXTRAS,SECONDS` sets another size.

#[path = "../tests/common/load.rs"]
mod load;
#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use load::{Plan, Report, percentile};
use std::time::Duration;

fn print(label: &str, plan: &Plan, r: &Report) {
    println!(
        "== {label}: {} kiosks, {} extras over {} s",
        plan.kiosks, plan.extras, plan.seconds
    );
    println!(
        "scans {} ({:.1}/s in all); not recorded {}; scanners failed {}; followers stopped {}",
        r.scans,
        r.scans_per_second,
        r.not_recorded.len(),
        r.scanners_failed.len(),
        r.followers_stopped.len()
    );
    println!("outcomes {:?}", r.outcomes);
    if r.repeats > 0 {
        println!(
            "repeats seen as already checked in: {} of {} ({:.1}%)",
            r.repeats_already_in,
            r.repeats,
            100.0 * r.repeats_already_in as f64 / r.repeats as f64
        );
    }
    println!(
        "scan round trip: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        percentile(&r.scan_ms, 0.5),
        percentile(&r.scan_ms, 0.95),
        percentile(&r.scan_ms, 0.99)
    );
    if !r.propagation_ms.is_empty() {
        println!(
            "propagation to every kiosk: p50 {:.0} ms, p95 {:.0} ms, p99 {:.0} ms (n = {})",
            percentile(&r.propagation_ms, 0.5),
            percentile(&r.propagation_ms, 0.95),
            percentile(&r.propagation_ms, 0.99),
            r.propagation_ms.len()
        );
    }
    match r.converged_after {
        Some(t) => println!(
            "every kiosk's status showed every arrival {:.1} s after the last scan",
            t.as_secs_f64()
        ),
        None if plan.hub => println!("NOT converged: arrived per kiosk {:?}", r.arrived),
        None => {}
    }
    println!("largest WAL seen: {:.1} MB", r.largest_wal as f64 / 1e6);
    if !r.follower_cpu_s.is_empty() {
        let n = r.follower_cpu_s.len() as f64;
        println!(
            "a follower: {:.1} s of CPU on average (max {:.1} s), peak memory {:.0} MB on average (max {:.0} MB)",
            r.follower_cpu_s.iter().sum::<f64>() / n,
            r.follower_cpu_s.iter().cloned().fold(0.0, f64::max),
            r.follower_peak_kb.iter().sum::<u64>() as f64 / n / 1024.0,
            *r.follower_peak_kb.iter().max().unwrap() as f64 / 1024.0
        );
    }
    if plan.hub {
        println!("exports byte-identical: {}", r.exports_identical());
    }
    for w in r.follower_warnings.iter().take(5) {
        println!("  {w}");
    }
    for s in r.followers_stopped.iter().chain(&r.scanners_failed).take(5) {
        println!("  {s}");
    }
    for s in r.not_recorded.iter().take(5) {
        println!("  {s}");
    }
}

fn main() {
    // `cargo test --benches` runs this once with --bench absent: skip.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (kiosks, extras, seconds) = std::env::var("LOAD")
        .ok()
        .and_then(|v| {
            let parts: Vec<f64> = v.split(',').filter_map(|p| p.trim().parse().ok()).collect();
            (parts.len() == 3).then(|| (parts[0] as usize, parts[1] as usize, parts[2]))
        })
        .unwrap_or((12, 5000, 60.0));
    let plan = Plan {
        kiosks,
        extras,
        seconds,
        repeat_share: 0.1,
        repeat_after: Duration::from_secs(3),
        hub: true,
        propagation_every: 10,
    };
    let pg = pg::Pg::start();
    let dir = tempfile::tempdir().unwrap();
    let production = load::production(Some(&pg), dir.path(), &plan);
    let report = load::run_plan(&production, &plan, dir.path());
    print("on the hub", &plan, &report);
    drop(production);
    drop(pg);

    // The same scans on one kiosk with no hub: the scan's time alone.
    let alone = Plan {
        kiosks: 1,
        hub: false,
        repeat_share: 0.0,
        propagation_every: 0,
        extras: extras / kiosks,
        ..plan.clone()
    };
    let dir = tempfile::tempdir().unwrap();
    let production = load::production(None, dir.path(), &alone);
    let lone = load::run_plan(&production, &alone, dir.path());
    print("no hub (one kiosk, its share of the scans)", &alone, &lone);
    println!(
        "scan p99 on the hub {:.1} ms against {:.1} ms with no hub",
        percentile(&report.scan_ms, 0.99),
        percentile(&lone.scan_ms, 0.99)
    );
}
