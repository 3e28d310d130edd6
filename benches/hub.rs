//! The hub, measured on a 5,000-booking day with a throwaway PostgreSQL on
//! this machine: (a) propagation, a check-in at Base camp to the tent's own
//! SQLite file showing it, both following the hub (NOTIFY), over 1,000
//! scans; (b) catch-up, a tent offline for the whole day (5,000 events each
//! way) back in step; (c) the scan path (the core's check-in, durable
//! commit included) with no hub, the hub up and followed, the hub down
//! (refused), and black-holed. A bench binary: run with `cargo bench
//! --bench hub`; it prints the figures the README quotes.

mod common;
#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::model::Day;
use extras_kiosk::store::hub::{Hub, HubAddress, follow};
use extras_kiosk::store::{Actor, Store};
use pg::{Link, Pg, Proxy};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn address(url: &str) -> HubAddress {
    HubAddress::parse(url).unwrap()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms (n = {})",
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        percentile(&ms, 0.99),
        ms.len()
    )
}

struct Production {
    pg: Pg,
    dir: tempfile::TempDir,
    day: Day,
    lead: (PathBuf, String),
    tent: (PathBuf, String),
}

fn production(pg: Pg, name: &str) -> Production {
    let lead_url = pg.production_database(name);
    let dir = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let (mut lead, day) = common::day_with_skin(dir.path(), 5000, date);
    lead.set_kiosk_name("Base camp").unwrap();
    let mut hub = Hub::connect(&address(&lead_url)).unwrap();
    lead.hub_init(&mut hub).unwrap();
    let login = lead
        .hub_add_kiosk(&mut hub, "tent", Some("Tent"), chrono::Utc::now())
        .unwrap();
    let tent = dir.path().join("tent.db");
    Store::join_hub(&tent, &address(&login.url_with_password), "tent", None).unwrap();
    Production {
        lead: (lead.path().to_path_buf(), lead_url),
        tent: (tent, login.url_with_password),
        pg,
        dir,
        day,
    }
}

fn start_follow(db: &Path, url: &str, stop: &Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    let (db, url, stop) = (db.to_path_buf(), url.to_string(), stop.clone());
    std::thread::spawn(move || {
        follow(&db, &address(&url), &stop, |_| {}).unwrap();
    })
}

fn propagation(p: &Production) {
    let stop = Arc::new(AtomicBool::new(false));
    let followers = [
        start_follow(&p.lead.0, &p.lead.1, &stop),
        start_follow(&p.tent.0, &p.tent.1, &stop),
    ];
    std::thread::sleep(Duration::from_millis(500));
    let mut lead = Store::open(&p.lead.0).unwrap();
    let bookings = lead.bookings(&p.day).unwrap();
    let tent = rusqlite::Connection::open(&p.tent.0).unwrap();
    let mut times = Vec::new();
    for b in bookings.iter().take(1000) {
        let started = Instant::now();
        Kiosk::new(&mut lead, p.day.clone(), ScanMode::CheckIn)
            .check_in(b, p.day.parse_at("06:30").unwrap(), Actor::Kiosk)
            .unwrap();
        loop {
            let seen: bool = tent
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM attendance a JOIN bookings x ON x.id = a.booking_id
                     WHERE x.badge_no = ?1)",
                    [&b.badge_no],
                    |r| r.get(0),
                )
                .unwrap();
            if seen {
                break;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    stop.store(true, Ordering::SeqCst);
    for f in followers {
        f.join().unwrap();
    }
    println!(
        "(a) propagation, check-in at Base camp to the tent's file, following: {}",
        summary(times)
    );
}

fn catch_up(p: &Production) {
    // The tent is offline all day; Base camp checks in and releases the
    // first 2,500 (5,000 events) and syncs as it goes, the tent the other
    // 2,500.
    let mut lead = Store::open(&p.lead.0).unwrap();
    let mut tent = Store::open(&p.tent.0).unwrap();
    let bookings = lead.bookings(&p.day).unwrap();
    let (first, second) = bookings.split_at(2500);
    for (store, half) in [(&mut lead, first), (&mut tent, second)] {
        let mut kiosk = Kiosk::new(store, p.day.clone(), ScanMode::CheckIn);
        for b in half {
            kiosk
                .check_in(b, p.day.parse_at("06:30").unwrap(), Actor::Kiosk)
                .unwrap();
        }
        for b in half {
            kiosk.release(b, p.day.parse_at("18:00").unwrap()).unwrap();
        }
    }
    let mut hub = Hub::connect(&address(&p.lead.1)).unwrap();
    lead.sync_hub(&mut hub, |_| {}).unwrap();
    let mut hub = Hub::connect(&address(&p.tent.1)).unwrap();
    let started = Instant::now();
    let mut batches: Vec<f64> = Vec::new();
    let mut last = Instant::now();
    let report = tent
        .sync_hub(&mut hub, |_| {
            batches.push(last.elapsed().as_secs_f64() * 1000.0);
            last = Instant::now();
        })
        .unwrap();
    let took = started.elapsed();
    println!(
        "(b) catch-up, the tent back after a day offline: sent {}, received {} in {:.2} s; {} batches pulled, the longest {:.0} ms (the longest a scan can wait)",
        report.sent,
        report.received,
        took.as_secs_f64(),
        batches.len(),
        batches.iter().skip(1).cloned().fold(0.0, f64::max)
    );
}

fn scan_path(p: &Production) {
    let proxy = Proxy::new(p.pg.port);
    let mut lead = Store::open(&p.lead.0).unwrap();
    let mut lead_hub = Hub::connect(&address(&p.lead.1)).unwrap();
    for (n, (label, hub)) in [
        ("no hub", None),
        ("hub up, followed", Some(Link::Pass)),
        ("hub down (refused)", Some(Link::Refuse)),
        ("hub black-holed", Some(Link::BlackHole)),
    ]
    .into_iter()
    .enumerate()
    {
        // A kiosk of its own for each, joined from the hub.
        let id = format!("scan{n}");
        let login = lead
            .hub_add_kiosk(&mut lead_hub, &id, None, chrono::Utc::now())
            .unwrap();
        let db = p.dir.path().join(format!("{id}.db"));
        Store::join_hub(&db, &address(&login.url_with_password), &id, None).unwrap();
        let via_proxy = login
            .url_with_password
            .replace(&format!(":{}/", p.pg.port), &format!(":{}/", proxy.port));
        let stop = Arc::new(AtomicBool::new(false));
        let follower = hub.map(|link| {
            proxy.set(link);
            start_follow(&db, &via_proxy, &stop)
        });
        std::thread::sleep(Duration::from_millis(300));
        let mut store = Store::open(&db).unwrap();
        let bookings = store.bookings(&p.day).unwrap();
        let mut times = Vec::new();
        for b in bookings.iter().skip(1000).take(1000) {
            let started = Instant::now();
            Kiosk::new(&mut store, p.day.clone(), ScanMode::CheckIn)
                .check_in(b, p.day.parse_at("06:30").unwrap(), Actor::Kiosk)
                .unwrap();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        stop.store(true, Ordering::SeqCst);
        proxy.set(Link::Pass);
        if let Some(f) = follower {
            f.join().unwrap();
        }
        println!("(c) scan path, {label}: {}", summary(times));
    }
}

fn main() {
    // `cargo test --benches` runs this once with --bench absent: skip.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let p = production(Pg::start(), "bench");
    propagation(&p);
    scan_path(&p);
    let Production { pg, .. } = p;
    let q = production(pg, "catchup");
    catch_up(&q);
}
