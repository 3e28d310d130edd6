//! A busy morning on the hub, through the binary as a production runs it:
//! a lead and tents made with `hub init`, `hub add-kiosk` and `join`, each
//! kiosk following the hub (`sync URL --follow`) while badges are scanned
//! on it (`scan --stdin --json`, another process on the same file), a share
//! of extras scanned again at another kiosk a few seconds later. What it
//! measures is returned, not judged: the load test asserts what must hold,
//! the load benchmark prints the figures.
#![allow(dead_code)]

use super::pg::Pg;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The shoot day: today in Los Angeles, so that scans stamped with the
/// clock fall on it.
pub fn date() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::America::Los_Angeles)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Kiosks in all, the lead included.
    pub kiosks: usize,
    /// Extras booked and arriving.
    pub extras: usize,
    /// Over how long they arrive.
    pub seconds: f64,
    /// The share of extras scanned again at another kiosk.
    pub repeat_share: f64,
    /// How long after the first scan the repeat comes.
    pub repeat_after: Duration,
    /// Whether the kiosks follow a hub (false: each scans on its own, the
    /// scan's time with no hub to compare).
    pub hub: bool,
    /// Sample the propagation of one scan in this many (0: none).
    pub propagation_every: usize,
}

/// What a run measured.
#[derive(Debug, Default)]
pub struct Report {
    pub scans: usize,
    pub scans_per_second: f64,
    pub not_recorded: Vec<String>,
    /// Scanner processes that ended with a failure, with what they said.
    pub scanners_failed: Vec<String>,
    /// Followers that stopped before they were asked, with what they said.
    pub followers_stopped: Vec<String>,
    /// What the followers printed as warnings (retries).
    pub follower_warnings: Vec<String>,
    pub outcomes: BTreeMap<String, usize>,
    pub repeats: usize,
    pub repeats_already_in: usize,
    /// Each scan's round trip through its scanner, in ms.
    pub scan_ms: Vec<f64>,
    /// Sampled scans: recorded at one kiosk until shown at every other, ms.
    pub propagation_ms: Vec<f64>,
    /// From the last scan's answer until every kiosk's `status --json`
    /// showed every arrival (polled in turn every 0.5 s), when it did.
    pub converged_after: Option<Duration>,
    pub arrived: Vec<u64>,
    pub largest_wal: u64,
    /// CPU seconds and peak memory (kB) of each follower.
    pub follower_cpu_s: Vec<f64>,
    pub follower_peak_kb: Vec<u64>,
    /// Each kiosk's voucher CSV.
    pub exports: Vec<String>,
}

impl Report {
    pub fn exports_identical(&self) -> bool {
        self.exports.windows(2).all(|w| w[0] == w[1])
    }
}

/// The kiosk binary this crate was built with.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_extras-kiosk")
}

/// The binary with its own database and pgpass file.
pub fn run(db: &Path, pgpass: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .env("EXTRAS_KIOSK_DB", db)
        .env("PGPASSFILE", pgpass)
        .env_remove("EXTRAS_KIOSK_ID")
        .output()
        .expect("the binary runs")
}

/// [`run`], which must succeed; its standard output.
pub fn ok(db: &Path, pgpass: &Path, args: &[&str]) -> String {
    let out = run(db, pgpass, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A skin of `n` bookings.
fn write_skin(path: &Path, n: usize) {
    let mut text = String::from(
        "First Name,Last Name,Category,Union,Rate,Call Time,Wardrobe,Phone,Email,Agency,Notes\n",
    );
    for i in 0..n {
        writeln!(
            text,
            "First{i},Last{i},{},{},$224,06:30,Business casual,(310) 555-{:04},extra{i}@example.com,Central Casting,",
            ["BG", "SA", "Stand In"][i % 3],
            ["SAG", "N"][i % 2],
            i % 10_000
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// One kiosk of the run: its file, its pgpass, its address.
pub struct Kiosk {
    pub db: PathBuf,
    pub pgpass: PathBuf,
    pub url: Option<String>,
}

/// The production: the lead and its tents, joined from the hub (or, with
/// no hub, copies of the lead's file with kiosk ids of their own).
pub fn production(pg: Option<&Pg>, dir: &Path, plan: &Plan) -> Vec<Kiosk> {
    let lead = Kiosk {
        db: dir.join("base.db"),
        pgpass: dir.join("base.pgpass"),
        url: None,
    };
    let date = date();
    ok(
        &lead.db,
        &lead.pgpass,
        &[
            "--kiosk",
            "base",
            "--name",
            "Base camp",
            "day",
            "open",
            "--date",
            &date,
            "--title",
            "Harbor Lights Ep 104",
            "--call",
            "06:30",
            "--tz",
            "America/Los_Angeles",
        ],
    );
    let areas = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/demo/areas.csv");
    ok(&lead.db, &lead.pgpass, &["areas", "import", areas]);
    let skin = dir.join("skin.csv");
    write_skin(&skin, plan.extras);
    ok(&lead.db, &lead.pgpass, &["import", skin.to_str().unwrap()]);
    let mut kiosks = Vec::new();
    match pg {
        Some(pg) => {
            let lead_url = pg.production_database("harbor");
            ok(&lead.db, &lead.pgpass, &["hub", "init", &lead_url]);
            let bare = lead_url.replace(":lead-pw@", "@");
            let mut tents = Vec::new();
            for i in 1..plan.kiosks {
                let id = format!("tent{i}");
                let added = ok(
                    &lead.db,
                    &lead.pgpass,
                    &[
                        "hub",
                        "add-kiosk",
                        &bare,
                        &id,
                        "--name",
                        &format!("Tent {i}"),
                    ],
                );
                let line = added
                    .lines()
                    .find(|l| l.starts_with("extras-kiosk join '"))
                    .unwrap_or_else(|| panic!("no join line in {added}"));
                let url = line.split('\'').nth(1).unwrap().to_string();
                let tent = Kiosk {
                    db: dir.join(format!("{id}.db")),
                    pgpass: dir.join(format!("{id}.pgpass")),
                    url: Some(url.clone()),
                };
                ok(&tent.db, &tent.pgpass, &["join", &url, "--kiosk", &id]);
                tents.push(tent);
            }
            kiosks.push(Kiosk {
                url: Some(bare),
                ..lead
            });
            kiosks.extend(tents);
        }
        None => {
            kiosks.push(lead);
        }
    }
    kiosks
}

/// The day's badge payloads, in booking order.
pub fn payloads(db: &Path) -> Vec<(String, String)> {
    let store = extras_kiosk::store::Store::open(db).unwrap();
    let day = store.day_or_current(None).unwrap();
    extras_kiosk::badge::contents_for_day(&store, &day, &[])
        .unwrap()
        .into_iter()
        .map(|c| (c.badge_no, c.payload))
        .collect()
}

struct Scanner {
    child: Child,
    stdin: ChildStdin,
    /// When each line was written, answered in order.
    sent: Arc<Mutex<std::collections::VecDeque<(Instant, bool)>>>,
    reader: std::thread::JoinHandle<Vec<(serde_json::Value, f64, bool, Instant)>>,
}

fn start_scanner(k: &Kiosk) -> Scanner {
    let mut child = Command::new(binary())
        .args(["scan", "--stdin", "--json"])
        .env("EXTRAS_KIOSK_DB", &k.db)
        .env("PGPASSFILE", &k.pgpass)
        .env_remove("EXTRAS_KIOSK_ID")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let sent: Arc<Mutex<std::collections::VecDeque<(Instant, bool)>>> = Arc::default();
    let pending = sent.clone();
    let reader = std::thread::spawn(move || {
        let mut answers = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let now = Instant::now();
            let (at, repeat) = pending.lock().unwrap().pop_front().unwrap_or((now, false));
            let value: serde_json::Value = serde_json::from_str(&line)
                .unwrap_or_else(|_| serde_json::json!({"outcome": "unreadable", "message": line}));
            answers.push((value, (now - at).as_secs_f64() * 1000.0, repeat, now));
        }
        answers
    });
    Scanner {
        child,
        stdin,
        sent,
        reader,
    }
}

fn start_follower(k: &Kiosk) -> Child {
    Command::new(binary())
        .args(["sync", k.url.as_deref().unwrap(), "--follow"])
        .env("EXTRAS_KIOSK_DB", &k.db)
        .env("PGPASSFILE", &k.pgpass)
        .env_remove("EXTRAS_KIOSK_ID")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wal_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len())
}

/// CPU seconds (user + system) and peak resident memory (kB) of `pid`.
fn usage(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 (11 and 12 after the name).
    let cpu = (ticks(11) + ticks(12)) / 100.0;
    let peak = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0);
    (cpu, peak)
}

fn arrived(k: &Kiosk) -> Option<u64> {
    let out = run(&k.db, &k.pgpass, &["status", "--json"]);
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v["arrived"].as_u64()
}

/// Runs `plan` on `kiosks` (made by [`production`]).
pub fn run_plan(kiosks: &[Kiosk], plan: &Plan, out_dir: &Path) -> Report {
    let mut report = Report::default();
    let payloads = payloads(&kiosks[0].db);
    let n = kiosks.len();
    let mut followers: Vec<Child> = if plan.hub {
        kiosks.iter().map(start_follower).collect()
    } else {
        Vec::new()
    };
    // Followers pulled the day before the doors open.
    std::thread::sleep(Duration::from_millis(1500));
    let mut scanners: Vec<Scanner> = kiosks.iter().map(start_scanner).collect();

    // The WAL files, watched all along.
    let stop = Arc::new(AtomicBool::new(false));
    let dbs: Vec<PathBuf> = kiosks.iter().map(|k| k.db.clone()).collect();
    let watcher = {
        let (stop, dbs) = (stop.clone(), dbs.clone());
        std::thread::spawn(move || {
            let mut largest = 0;
            while !stop.load(Ordering::Relaxed) {
                for db in &dbs {
                    largest = largest.max(wal_size(db));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            largest
        })
    };
    // Propagation: a sampled badge's check-in until every kiosk shows it.
    let (sample_in, samples) = std::sync::mpsc::channel::<(String, Instant)>();
    let propagation = {
        let dbs = dbs.clone();
        std::thread::spawn(move || {
            let conns: Vec<rusqlite::Connection> = dbs
                .iter()
                .map(|d| {
                    rusqlite::Connection::open_with_flags(
                        d,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                    )
                    .unwrap()
                })
                .collect();
            let mut times = Vec::new();
            for (badge, at) in samples {
                let mut seen = vec![false; conns.len()];
                let limit = Instant::now() + Duration::from_secs(60);
                while seen.iter().any(|s| !s) && Instant::now() < limit {
                    for (c, s) in conns.iter().zip(seen.iter_mut()) {
                        if !*s {
                            *s = c
                                .query_row(
                                    "SELECT EXISTS (SELECT 1 FROM attendance a JOIN bookings b
                                     ON b.id = a.booking_id WHERE b.badge_no = ?1)",
                                    [&badge],
                                    |r| r.get(0),
                                )
                                .unwrap_or(false);
                        }
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                if seen.iter().all(|s| *s) {
                    times.push(at.elapsed().as_secs_f64() * 1000.0);
                }
            }
            times
        })
    };

    // The arrivals: extras in turn at kiosks in turn; a share scanned again
    // at the next kiosk `repeat_after` later.
    let interval = Duration::from_secs_f64(plan.seconds / plan.extras as f64);
    let every_repeat = if plan.repeat_share > 0.0 {
        (1.0 / plan.repeat_share).round() as usize
    } else {
        usize::MAX
    };
    let mut repeats: std::collections::VecDeque<(Instant, usize, usize)> = Default::default();
    let started = Instant::now();
    let send = |scanners: &mut [Scanner], k: usize, i: usize, repeat: bool| {
        let s = &mut scanners[k];
        s.sent.lock().unwrap().push_back((Instant::now(), repeat));
        if s.stdin
            .write_all(format!("{}\n", payloads[i].1).as_bytes())
            .and_then(|()| s.stdin.flush())
            .is_err()
        {
            s.sent.lock().unwrap().pop_back();
        }
    };
    let mut last_sent = started;
    for (i, (badge, _)) in payloads.iter().enumerate().take(plan.extras) {
        let due = started + interval * i as u32;
        while let Some(&(at, k, j)) = repeats.front() {
            if at > due {
                break;
            }
            let wait = at.saturating_duration_since(Instant::now());
            std::thread::sleep(wait);
            send(&mut scanners, k, j, true);
            repeats.pop_front();
        }
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let k = i % n;
        send(&mut scanners, k, i, false);
        if plan.propagation_every > 0 && i % plan.propagation_every == 0 && plan.hub {
            let _ = sample_in.send((badge.clone(), Instant::now()));
        }
        if i % every_repeat == every_repeat / 2 && n > 1 {
            repeats.push_back((Instant::now() + plan.repeat_after, (k + 1) % n, i));
        }
        last_sent = Instant::now();
    }
    while let Some((at, k, j)) = repeats.pop_front() {
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        send(&mut scanners, k, j, true);
        last_sent = Instant::now();
    }
    drop(sample_in);
    let sending = last_sent - started;

    // Scanners finish what they were given.
    let mut last_answer = started;
    for s in scanners {
        let Scanner {
            mut child,
            stdin,
            reader,
            ..
        } = s;
        drop(stdin);
        let answers = reader.join().unwrap();
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
        }
        if !status.success() {
            report.scanners_failed.push(format!("{status}: {stderr}"));
        }
        for (value, ms, repeat, at) in answers {
            last_answer = last_answer.max(at);
            let outcome = value["outcome"].as_str().unwrap_or("?").to_string();
            if outcome == "not_recorded" || outcome == "unreadable" {
                report.not_recorded.push(value.to_string());
            }
            if repeat {
                report.repeats += 1;
                report.repeats_already_in += usize::from(outcome == "already_checked_in");
            }
            *report.outcomes.entry(outcome).or_default() += 1;
            report.scans += 1;
            report.scan_ms.push(ms);
        }
    }
    report.scans_per_second = report.scans as f64 / sending.as_secs_f64().max(0.001);

    // Every kiosk shows every arrival: each polled in turn, every 0.5 s,
    // as a person walking the kiosks would; each kiosk's time is when it
    // first showed them all.
    let expected = plan.extras.min(payloads.len()) as u64;
    if plan.hub {
        let limit = Instant::now() + Duration::from_secs(120);
        let mut shown: Vec<Option<Duration>> = vec![None; kiosks.len()];
        while shown.iter().any(Option::is_none) && Instant::now() < limit {
            for (k, t) in kiosks.iter().zip(shown.iter_mut()) {
                if t.is_none() && arrived(k) == Some(expected) {
                    *t = Some(last_answer.elapsed());
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        if shown.iter().all(Option::is_some) {
            report.converged_after = shown.into_iter().flatten().max();
        }
    }
    report.arrived = kiosks.iter().map(|k| arrived(k).unwrap_or(0)).collect();

    // The followers: still running, and what they cost.
    for (f, k) in followers.iter_mut().zip(kiosks) {
        let (cpu, peak) = usage(f.id());
        report.follower_cpu_s.push(cpu);
        report.follower_peak_kb.push(peak);
        let still = f.try_wait().unwrap().is_none();
        let _ = f.kill();
        let _ = f.wait();
        let mut stderr = String::new();
        if let Some(mut e) = f.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
        }
        report.follower_warnings.extend(
            stderr
                .lines()
                .filter(|l| l.starts_with("warning:"))
                .map(|l| format!("{}: {l}", k.db.display())),
        );
        if !still {
            report
                .followers_stopped
                .push(format!("{}: {stderr}", k.db.display()));
        }
    }
    stop.store(true, Ordering::Relaxed);
    report.largest_wal = watcher.join().unwrap();
    report.propagation_ms = propagation.join().unwrap();

    // The vouchers, from every kiosk.
    let date = date();
    for k in kiosks {
        let out = out_dir.join(format!(
            "export-{}",
            k.db.file_stem().unwrap().to_string_lossy()
        ));
        std::fs::create_dir_all(&out).unwrap();
        // Mid-day: the vouchers as they stand, everyone still in.
        let args = [
            "export",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--allow-open",
        ];
        let done = run(&k.db, &k.pgpass, &args);
        assert!(
            done.status.success(),
            "export failed: {}",
            String::from_utf8_lossy(&done.stderr)
        );
        report
            .exports
            .push(std::fs::read_to_string(out.join(format!("vouchers-{date}.csv"))).unwrap());
    }
    report
}

pub fn percentile(ms: &[f64], p: f64) -> f64 {
    if ms.is_empty() {
        return f64::NAN;
    }
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}
