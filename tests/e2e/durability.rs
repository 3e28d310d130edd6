//! Nothing confirmed is lost: a kiosk process killed with SIGKILL at random
//! moments keeps every scan it confirmed, and two processes recording into
//! one database file at once lose no event and count nobody twice.

use super::common;

use common::{demo_store, fixture};
use extras_kiosk::badge;
use extras_kiosk::skin::{self, ImportOptions};
use extras_kiosk::store::Store;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The demo day in a database file, and the payload of every badge.
fn demo_with_payloads() -> (tempfile::TempDir, Vec<(String, String)>) {
    let (dir, mut store, day) = demo_store();
    skin::import(
        &mut store,
        &day,
        &fixture("demo/skin.csv"),
        ImportOptions::default(),
    )
    .unwrap();
    let payloads = badge::contents_for_day(&store, &day, &[])
        .unwrap()
        .into_iter()
        .map(|c| (c.badge_no, c.payload))
        .collect();
    (dir, payloads)
}

/// A scanning process of the database's own kiosk (a database is one
/// kiosk: two processes of it are two doors of one tent).
fn scanner(db: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(["scan", "--stdin", "--json"])
        .env("EXTRAS_KIOSK_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs")
}

/// A small xorshift generator: kill moments differ from run to run.
fn random_below(state: &mut u64, n: u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state % n
}

#[test]
fn a_killed_kiosk_keeps_every_scan_it_confirmed() {
    let (dir, payloads) = demo_with_payloads();
    let db = dir.path().join("kiosk.db");
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut confirmed: HashSet<String> = HashSet::new();
    let mut next = 0;
    for round in 0..6 {
        let mut child = scanner(&db);
        let mut stdin = child.stdin.take().unwrap();
        for (_, payload) in &payloads[next..] {
            writeln!(stdin, "{payload}").unwrap();
        }
        let last_round = round == 5;
        if last_round {
            drop(stdin);
        }
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let stop_after = if last_round {
            usize::MAX
        } else {
            5 + random_below(&mut seed, 25) as usize
        };
        let mut read = 0;
        for line in stdout.lines() {
            let outcome: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let badge = outcome["badge"].as_str().unwrap().to_string();
            assert!(
                matches!(
                    outcome["outcome"].as_str(),
                    Some("checked_in" | "already_checked_in")
                ),
                "{outcome}"
            );
            confirmed.insert(badge);
            next += 1;
            read += 1;
            if read == stop_after {
                child.kill().unwrap(); // SIGKILL
                break;
            }
        }
        child.wait().unwrap();
        if last_round {
            break;
        }
    }
    assert_eq!(
        confirmed.len(),
        payloads.len(),
        "every badge was confirmed once in the end"
    );

    let store = Store::open(&db).unwrap();
    let day = store.current_day().unwrap();
    for booking in store.bookings(&day).unwrap() {
        let here = store.presence(booking.id).unwrap();
        assert!(
            here.is_some(),
            "{} was confirmed but is not in the database",
            booking.badge_no
        );
        let check_ins = store
            .events(Some(booking.id))
            .unwrap()
            .iter()
            .filter(|e| e.kind == "checked_in")
            .count();
        assert_eq!(check_ins, 1, "{} checked in once", booking.badge_no);
    }
    let report = store.verify_chain().unwrap();
    assert!(report.is_intact(), "{report:?}");
    let log = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(["log", "--verify"])
        .env("EXTRAS_KIOSK_DB", &db)
        .output()
        .unwrap();
    assert!(log.status.success());
}

#[test]
fn two_processes_recording_at_once_lose_nothing_and_count_nobody_twice() {
    let (dir, payloads) = demo_with_payloads();
    let db = dir.path().join("kiosk.db");
    let forward: Vec<&String> = payloads.iter().map(|(_, p)| p).collect();
    let backward: Vec<&String> = forward.iter().rev().copied().collect();
    let mut children = Vec::new();
    for order in [&forward, &backward] {
        let mut child = scanner(&db);
        let mut stdin = child.stdin.take().unwrap();
        let lines: String = order.iter().map(|p| format!("{p}\n")).collect();
        std::thread::spawn(move || stdin.write_all(lines.as_bytes()));
        children.push(child);
    }
    let mut first_check_ins: HashMap<String, usize> = HashMap::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let lines: Vec<serde_json::Value> = out
            .stdout
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), payloads.len(), "every scan answered");
        for o in lines.iter().filter(|o| o["outcome"] == "checked_in") {
            *first_check_ins
                .entry(o["badge"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(first_check_ins.len(), payloads.len());
    assert!(
        first_check_ins.values().all(|n| *n == 1),
        "one check-in per person, whichever door"
    );

    let store = Store::open(&db).unwrap();
    let events = store.events(None).unwrap();
    let count = |kind: &str| events.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count("checked_in"), payloads.len());
    assert_eq!(count("scan_repeated"), payloads.len());
    let kiosk = store.kiosk_id().to_string();
    let scans = events
        .iter()
        .filter(|e| {
            e.kiosk_id == kiosk && matches!(e.kind.as_str(), "checked_in" | "scan_repeated")
        })
        .count();
    assert_eq!(
        scans,
        2 * payloads.len(),
        "every scan of both doors is in the log, with the kiosk's id"
    );
    assert!(store.verify_chain().unwrap().is_intact());
    let day = store.current_day().unwrap();
    assert_eq!(
        store.status(&day, chrono::Utc::now()).unwrap().arrived as usize,
        payloads.len()
    );
}

/// A second connection opened and closed in the process (the hub follower's
/// thread, a long export on its own thread) must not drop the first one's
/// locks: another process (the `sqlite3` shell, a backup script) would take
/// itself for the last and delete the WAL, and what the first connection
/// wrote after that would be lost.
#[test]
fn a_second_connection_in_the_process_keeps_the_first_ones_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.db");
    let mut first = Store::open_as(&path, Some("tent1"), Some("One")).unwrap();
    let mut second = Store::open(&path).unwrap();
    // Another process, with the system's own SQLite, reads the file and
    // closes it.
    let read = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('SELECT COUNT(*) FROM events').fetchone(); c.close()",
        ])
        .arg(&path)
        .status()
        .expect("python3 runs");
    assert!(read.success());
    super::cli::ok(&path, &["kiosks"]);
    first.set_kiosk_name("Two").unwrap();
    let listed = super::cli::ok(&path, &["kiosks"]);
    assert!(listed.contains("Two"), "{listed}");
    second.set_kiosk_name("Three").unwrap();
    let listed = super::cli::ok(&path, &["kiosks"]);
    assert!(listed.contains("Three"), "{listed}");
}
