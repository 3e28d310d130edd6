//! The busiest morning (issue 23): several kiosks following a real hub,
//! each scanning fast through the binary while others' events are folded
//! into the same file; two kiosks exchanging a carry file in a loop while
//! both scan; many processes keeping hub passwords in one pgpass file at
//! once. No scan is reported failed, no follower stops, nothing is lost.

use super::common::load::{self, Plan};
use super::common::pg::Pg;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn kiosks_following_the_hub_record_every_scan_while_others_arrive() {
    let pg = Pg::start();
    let dir = tempfile::tempdir().unwrap();
    let plan = Plan {
        kiosks: 3,
        extras: 3000,
        seconds: 20.0,
        repeat_share: 0.1,
        repeat_after: Duration::from_secs(3),
        hub: true,
        propagation_every: 0,
    };
    let kiosks = load::production(Some(&pg), dir.path(), &plan);
    let report = load::run_plan(&kiosks, &plan, dir.path());

    assert!(
        report.not_recorded.is_empty(),
        "{} scan(s) not recorded, e.g. {:?}",
        report.not_recorded.len(),
        report.not_recorded.first()
    );
    assert!(
        report.scanners_failed.is_empty(),
        "{:?}",
        report.scanners_failed
    );
    assert!(
        report.followers_stopped.is_empty(),
        "{:?}",
        report.followers_stopped
    );
    assert_eq!(report.scans, plan.extras + report.repeats);
    // A repeat is never a second arrival: it is either seen as already
    // here, or a double check-in the PA is shown; never lost.
    assert!(report.repeats > 0);
    assert!(
        report.converged_after.is_some(),
        "the kiosks never all showed {} arrivals: {:?}",
        plan.extras,
        report.arrived
    );
    assert!(
        report.exports_identical(),
        "the kiosks' vouchers differ after converging"
    );
    // The WAL stays bounded (the figure itself is the benchmark's).
    assert!(
        report.largest_wal < 64 * 1024 * 1024,
        "a WAL reached {} bytes",
        report.largest_wal
    );
    drop(pg);
}

/// One kiosk with no hub and a day of `extras`.
fn one_kiosk(extras: usize) -> Plan {
    Plan {
        kiosks: 1,
        extras,
        seconds: 0.0,
        repeat_share: 0.0,
        repeat_after: Duration::ZERO,
        hub: false,
        propagation_every: 0,
    }
}

fn binary(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"));
    c.env("EXTRAS_KIOSK_DB", db).env_remove("EXTRAS_KIOSK_ID");
    c
}

#[test]
fn two_kiosks_exchanging_a_carry_file_in_a_loop_while_both_scan_never_fail() {
    let dir = tempfile::tempdir().unwrap();
    let plan = one_kiosk(400);
    let lead = load::production(None, dir.path(), &plan).remove(0);
    let tent = dir.path().join("tent.db");
    let carry = dir.path().join("stick.db");
    let joined = binary(&lead.db)
        .args(["sync", carry.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(joined.status.success(), "{joined:?}");
    let joined = binary(&tent)
        .args(["join", lead.db.to_str().unwrap(), "--kiosk", "tent"])
        .output()
        .unwrap();
    assert!(joined.status.success(), "{joined:?}");
    let payloads = load::payloads(&lead.db);

    // Both scan (half the day each) while both sync with the stick.
    let scan = |db: &Path, lines: Vec<String>| {
        let mut child = binary(db)
            .args(["scan", "--stdin", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            use std::io::Write;
            for l in lines {
                stdin.write_all(format!("{l}\n").as_bytes()).unwrap();
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        (child, feeder)
    };
    let (a, fa) = scan(
        &lead.db,
        payloads.iter().step_by(2).map(|p| p.1.clone()).collect(),
    );
    let (b, fb) = scan(
        &tent,
        payloads
            .iter()
            .skip(1)
            .step_by(2)
            .map(|p| p.1.clone())
            .collect(),
    );
    let syncs: Vec<_> = [lead.db.clone(), tent.clone()]
        .into_iter()
        .map(|db| {
            let carry = carry.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for _ in 0..15 {
                    let out = binary(&db)
                        .args(["sync", carry.to_str().unwrap()])
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).to_string());
                    }
                }
                failures
            })
        })
        .collect();
    fa.join().unwrap();
    fb.join().unwrap();
    for s in syncs {
        let failures = s.join().unwrap();
        assert!(failures.is_empty(), "a sync failed: {failures:?}");
    }
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "a scanner failed: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("not_recorded"), "{text}");
        assert_eq!(text.lines().count(), payloads.len() / 2);
    }
    // A last round both ways: both kiosks hold every arrival.
    for db in [&lead.db, &tent, &lead.db] {
        let out = binary(db)
            .args(["sync", carry.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    for db in [&lead.db, &tent] {
        let out = binary(db).args(["status", "--json"]).output().unwrap();
        let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(status["arrived"], payloads.len() as u64, "{}", db.display());
    }
}

#[test]
fn many_processes_keeping_passwords_in_one_pgpass_file_lose_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let pgpass = dir.path().join("shared.pgpass");
    std::fs::write(&pgpass, "otherhost:5432:*:someone:kept-before\n").unwrap();
    // A port nothing listens on: each process keeps its password, then
    // finds the hub unreachable (exit 1), as a kiosk started offline does.
    let port = super::common::pg::free_port();
    let children: Vec<_> = (0..24)
        .map(|i| {
            binary(&dir.path().join(format!("k{i}.db")))
                .args([
                    "sync",
                    &format!("postgresql://kiosk{i}:secret-{i}@127.0.0.1:{port}/harbor"),
                ])
                .env("PGPASSFILE", &pgpass)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot be reached"), "{err}");
        assert!(!err.contains("cannot keep"), "{err}");
    }
    let text = std::fs::read_to_string(&pgpass).unwrap();
    assert!(
        text.contains("otherhost:5432:*:someone:kept-before"),
        "{text}"
    );
    for i in 0..24 {
        assert!(
            text.lines()
                .any(|l| l == format!("127.0.0.1:{port}:harbor:kiosk{i}:secret-{i}")),
            "kiosk{i}'s line was lost:\n{text}"
        );
    }
    assert_eq!(text.lines().count(), 25, "{text}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&pgpass).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // No temporary file left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".new"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // The same line again is not written again.
    let before = std::fs::metadata(&pgpass).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let again = binary(&dir.path().join("k0.db"))
        .args([
            "sync",
            &format!("postgresql://kiosk0:secret-0@127.0.0.1:{port}/harbor"),
        ])
        .env("PGPASSFILE", &pgpass)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert_eq!(
        std::fs::metadata(&pgpass).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn a_scan_that_cannot_be_recorded_is_said_and_the_scanner_reads_on() {
    let dir = tempfile::tempdir().unwrap();
    let plan = one_kiosk(3);
    let lead = load::production(None, dir.path(), &plan).remove(0);
    let payloads = load::payloads(&lead.db);
    // The first check-in meets a file that refuses it.
    let db = rusqlite::Connection::open(&lead.db).unwrap();
    db.execute_batch(
        "CREATE TRIGGER broken_disk BEFORE INSERT ON attendance
         WHEN (SELECT count(*) FROM events WHERE kind = 'scan_refused') = 0
         BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;",
    )
    .unwrap();
    let mut child = binary(&lead.db)
        .args(["scan", "--stdin", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{}", payloads[0].1).unwrap();
        writeln!(stdin, "not a badge").unwrap();
        writeln!(stdin, "{}", payloads[1].1).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["outcome"], "not_recorded");
    let message = lines[0]["message"].as_str().unwrap();
    assert!(message.starts_with("Not recorded: scan again"), "{message}");
    assert!(message.contains("the disk refused the write"), "{message}");
    assert_eq!(lines[1]["outcome"], "refused");
    assert_eq!(lines[2]["outcome"], "checked_in");
    // Scanned again, the first is recorded.
    let again = binary(&lead.db)
        .args(["scan", &payloads[0].1, "--json"])
        .output()
        .unwrap();
    assert!(again.status.success());
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["outcome"], "checked_in");
}
