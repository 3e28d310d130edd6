//! The web app on a 5,000-booking day (issue 26). First, criterion: the
//! dashboard page, the roster page and a roster search, each a whole
//! request through the router (session check, render), and the day read
//! again (what every change costs, once for all open dashboards). Then
//! the load: `extras-kiosk serve` (the binary) with 50 open dashboards
//! receiving events while 10 scans a second arrive at a kiosk process on
//! the same file (`scan --stdin --json`); it prints the pages' p95 while
//! that runs and the scan's p99 against the same scans with no server,
//! medians of three runs. `WEB_LOAD_SECONDS` sets a run's length (30).

mod common;
#[path = "../tests/common/serve.rs"]
mod serve;

use axum::body::Body;
use axum::http::{Request, header};
use chrono::Utc;
use criterion::Criterion;
use extras_kiosk::kiosk::{Kiosk, Role, ScanMode, Station};
use extras_kiosk::store::{Actor, Store};
use extras_kiosk::web::{self, WebApp};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";
const BOOKINGS: usize = 5000;
const DASHBOARDS: usize = 50;
/// Checked in before the benchmarks; the rest arrive during the load.
const CHECKED_IN: usize = 1000;
const SCANS_PER_SECOND: f64 = 10.0;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_extras-kiosk")
}

/// The bench day: 5,000 bookings, the first 1,000 checked in.
fn bench_day(dir: &Path) -> std::path::PathBuf {
    let (store, day) = common::day_with_skin(dir, BOOKINGS, Utc::now().date_naive());
    let db = store.path().to_path_buf();
    drop(store);
    let mut store = Store::open(&db).unwrap();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let at = day
        .instant(extras_kiosk::model::parse_clock("06:00").unwrap())
        .unwrap();
    for i in 1..=CHECKED_IN {
        let booking = kiosk.booking(&format!("B-{i:04}")).unwrap();
        kiosk.check_in(&booking, at, Actor::Kiosk).unwrap();
    }
    db
}

fn pages(c: &mut Criterion, db: &Path) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut station = Station::open(Store::open(db).unwrap(), None).unwrap();
    station
        .add_web_user("Ana Ruiz", Role::Supervisor, PASSWORD, Utc::now())
        .ok();
    let token = station
        .sign_in("Ana Ruiz", PASSWORD, Utc::now())
        .unwrap()
        .unwrap()
        .token;
    let app = WebApp::new(station, false, Arc::new(Utc::now)).unwrap();
    let router = web::router(app.clone());
    let get = |path: &str| {
        let request = Request::get(path)
            .header(header::COOKIE, format!("ek-session={token}"))
            .body(Body::empty())
            .unwrap();
        let response = rt.block_on(router.clone().oneshot(request)).unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        rt.block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap()
    };
    let page = get("/roster");
    assert!(String::from_utf8_lossy(&page).contains("5000 found"));
    c.bench_function("web: dashboard page (5,000 bookings)", |b| {
        b.iter(|| get("/dashboard"))
    });
    c.bench_function("web: roster page (5,000 bookings, 300 rows shown)", |b| {
        b.iter(|| get("/roster"))
    });
    c.bench_function("web: roster search as you type (5,000 bookings)", |b| {
        b.iter(|| get("/roster/rows?q=last12"))
    });
    c.bench_function(
        "web: the day read again after a change (5,000 bookings)",
        |b| b.iter(|| app.read_again()),
    );
}

/// One HTTP/1.1 exchange on a connection of its own: the status line's
/// code, the head and the body.
fn http(addr: &str, request: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let code = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, head.to_string(), body.to_string())
}

fn cookie_of(head: &str, name: &str) -> String {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_string())
        .unwrap()
}

/// Signs in through the real server; the session cookie.
fn sign_in(addr: &str) -> String {
    let (_, head, body) = http(
        addr,
        "GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let browser = cookie_of(&head, "ek-browser");
    let at = body.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = &body[at..at + 64];
    let form = format!("csrf={csrf}&name=Ana+Ruiz&password=correct+horse+battery");
    let (code, head, _) = http(
        addr,
        &format!(
            "POST /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: ek-browser={browser}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ),
    );
    assert_eq!(code, 303, "{head}");
    cookie_of(&head, "ek-session")
}

fn percentile(ms: &[f64], p: f64) -> f64 {
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
        .get(((sorted.len() as f64 - 1.0) * p).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Scans `payloads` at 10 a second through a `scan --stdin --json`
/// process on `db`; each scan's round trip in ms.
fn scan_at_ten_a_second(db: &Path, payloads: &[String]) -> Vec<f64> {
    let mut child = Command::new(binary())
        .args(["scan", "--stdin", "--json"])
        .env("EXTRAS_KIOSK_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut answers = BufReader::new(child.stdout.take().unwrap());
    let start = Instant::now();
    let mut ms = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        let slot = start + Duration::from_secs_f64(i as f64 / SCANS_PER_SECOND);
        if let Some(wait) = slot.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let sent = Instant::now();
        writeln!(stdin, "{payload}").unwrap();
        let mut line = String::new();
        answers.read_line(&mut line).unwrap();
        assert!(line.contains("checked_in"), "{line}");
        ms.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    drop(stdin);
    let _ = child.wait();
    ms
}

/// What one run under the server measured.
struct Run {
    scan_p50: f64,
    scan_p99: f64,
    dashboard_p95: f64,
    roster_p95: f64,
    events: usize,
}

fn run_with_server(db: &Path, payloads: &[String]) -> Run {
    let server = serve::serve(db, None, &["--listen", "127.0.0.1:0"]);
    let addr = server.addr();
    let session = sign_in(&addr);
    let stop = Arc::new(AtomicBool::new(false));
    let events = Arc::new(AtomicUsize::new(0));
    let mut watchers = Vec::new();
    for _ in 0..DASHBOARDS {
        let (addr, session, stop, events) =
            (addr.clone(), session.clone(), stop.clone(), events.clone());
        watchers.push(std::thread::spawn(move || {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.set_read_timeout(Some(Duration::from_millis(300)))
                .unwrap();
            write!(
                s,
                "GET /dashboard/events HTTP/1.1\r\nHost: x\r\nCookie: ek-session={session}\r\n\r\n"
            )
            .unwrap();
            let mut buf = [0u8; 65536];
            let mut tail = String::new();
            while !stop.load(Ordering::Relaxed) {
                if let Ok(n) = s.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    tail.push_str(&String::from_utf8_lossy(&buf[..n]));
                    let seen = tail.matches("event: board").count();
                    events.fetch_add(seen, Ordering::Relaxed);
                    if let Some(cut) = tail.rfind("event: board") {
                        tail.drain(..cut + 12);
                    }
                }
            }
        }));
    }
    let timings: Arc<Mutex<(Vec<f64>, Vec<f64>)>> = Arc::default();
    let reader = {
        let (addr, session, stop, timings) =
            (addr.clone(), session.clone(), stop.clone(), timings.clone());
        std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let path = if i % 2 == 0 { "/dashboard" } else { "/roster" };
                let started = Instant::now();
                let (code, _, _) = http(
                    &addr,
                    &format!(
                        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: ek-session={session}\r\n\r\n"
                    ),
                );
                assert_eq!(code, 200);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut t = timings.lock().unwrap();
                if i % 2 == 0 {
                    t.0.push(ms)
                } else {
                    t.1.push(ms)
                }
                drop(t);
                i += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    std::thread::sleep(Duration::from_secs(1));
    let scans = scan_at_ten_a_second(db, payloads);
    std::thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::Relaxed);
    reader.join().unwrap();
    for w in watchers {
        w.join().unwrap();
    }
    let t = timings.lock().unwrap();
    Run {
        scan_p50: percentile(&scans, 0.5),
        scan_p99: percentile(&scans, 0.99),
        dashboard_p95: percentile(&t.0, 0.95),
        roster_p95: percentile(&t.1, 0.95),
        events: events.load(Ordering::Relaxed),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn load(db: &Path) {
    let seconds: f64 = std::env::var("WEB_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30.0);
    let per_run = (seconds * SCANS_PER_SECOND) as usize;
    let store = Store::open(db).unwrap();
    let day = store.day_or_current(None).unwrap();
    // Badges not yet checked in, a fresh slice for each run.
    let payloads: Vec<String> = extras_kiosk::badge::contents_for_day(&store, &day, &[])
        .unwrap()
        .into_iter()
        .skip(CHECKED_IN)
        .map(|c| c.payload)
        .collect();
    drop(store);
    assert!(
        payloads.len() >= per_run * 6,
        "WEB_LOAD_SECONDS is too long for {BOOKINGS} bookings"
    );
    let mut slices = payloads.chunks(per_run);
    let (mut alone, mut served, mut dash, mut roster) = (vec![], vec![], vec![], vec![]);
    for run in 1..=3 {
        // Each phase after a pause, so that neither inherits the other's
        // leftovers (a server stopping, a checkpoint).
        std::thread::sleep(Duration::from_secs(3));
        let scans = scan_at_ten_a_second(db, slices.next().unwrap());
        alone.push(percentile(&scans, 0.99));
        println!(
            "run {run}, no server: scan p50 {:.2} ms, p99 {:.2} ms",
            percentile(&scans, 0.5),
            percentile(&scans, 0.99)
        );
        std::thread::sleep(Duration::from_secs(3));
        let r = run_with_server(db, slices.next().unwrap());
        println!(
            "run {run}, serving: scan p50 {:.2} ms, p99 {:.2} ms; dashboard p95 {:.1} ms, roster p95 {:.1} ms; {} events to {DASHBOARDS} dashboards",
            r.scan_p50, r.scan_p99, r.dashboard_p95, r.roster_p95, r.events
        );
        served.push(r.scan_p99);
        dash.push(r.dashboard_p95);
        roster.push(r.roster_p95);
    }
    let (a, s) = (median(alone), median(served));
    println!(
        "== web load, {BOOKINGS} bookings, {DASHBOARDS} open dashboards, {SCANS_PER_SECOND} scans/s for {seconds} s, medians of 3 runs:"
    );
    println!(
        "page p95: dashboard {:.1} ms, roster {:.1} ms; scan p99 {:.1} ms with the server against {:.1} ms alone ({:+.0}%)",
        median(dash),
        median(roster),
        s,
        a,
        (s / a - 1.0) * 100.0
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = bench_day(dir.path());
    let mut c = Criterion::default().configure_from_args();
    pages(&mut c, &db);
    c.final_summary();
    if std::env::var_os("WEB_LOAD_SKIP").is_none() {
        load(&db);
    }
}
