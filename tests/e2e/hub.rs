//! Several kiosks live on one day through a PostgreSQL hub of the test's
//! own (a throwaway server, `initdb` and `pg_ctl`): the set-up a PA runs
//! through the binary (`hub init`, `hub add-kiosk`, `join URL`, `sync`,
//! `hub status`), and, through the library, what the network does to it:
//! kiosks offline and back, a kiosk killed mid-sync, many ingesting at
//! once, a clock two hours out, a LISTEN connection killed, the server
//! stopped mid-batch, black holes and a flapping link, a restored backup,
//! and five kiosks under a random workload with partitions.

use super::cli::{base_camp, kiosk, ok, payload_of};
use super::common::load::{ok as run_ok, run};
use super::common::pg::{Link, Pg, Proxy, eventually};
use super::common::{at, demo_with_skin};
use super::several_kiosks::{AREAS, Op, apply, day_as_shown, op};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::model::Day;
use extras_kiosk::store::hub::{FollowNews, Hub, HubAddress, follow};
use extras_kiosk::store::{Actor, Store, StoreError};
use proptest::strategy::{Strategy, ValueTree};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const CONVERGE: Duration = Duration::from_secs(30);

fn address(url: &str) -> HubAddress {
    HubAddress::parse(url).unwrap()
}

fn sync(db: &Path, url: &str) -> extras_kiosk::store::hub::HubReport {
    let mut store = Store::open(db).unwrap();
    let mut hub = Hub::connect(&address(url)).unwrap();
    store.sync_hub(&mut hub, |_| {}).unwrap()
}

/// A production on a hub: the lead (Base camp) with the demo day, areas
/// and skin, and the kiosks `ids` added on the hub and joined from it.
struct Set {
    pg: Pg,
    dir: tempfile::TempDir,
    day: Day,
    lead_url: String,
    /// Each kiosk's database and its address (with its password), the
    /// lead first.
    kiosks: Vec<(PathBuf, String)>,
}

impl Set {
    fn new(ids: &[&str]) -> Set {
        let pg = Pg::start();
        let (dir, mut lead, day) = demo_with_skin();
        let names: Vec<String> = ids.iter().map(|id| format!("Tent {id}")).collect();
        let tents: Vec<(&str, &str)> = ids
            .iter()
            .copied()
            .zip(names.iter().map(|n| n.as_str()))
            .collect();
        let (_, joined) = super::common::pg::hub_with_tents(&pg, &mut lead, &tents);
        let lead_url = pg.url_for("harbor_lead", "lead-pw", "harbor", pg.port);
        let mut kiosks = vec![(lead.path().to_path_buf(), lead_url.clone())];
        kiosks.extend(joined);
        Set {
            pg,
            dir,
            day,
            lead_url,
            kiosks,
        }
    }

    fn db(&self, i: usize) -> &Path {
        &self.kiosks[i].0
    }

    fn url(&self, i: usize) -> &str {
        &self.kiosks[i].1
    }

    fn sync(&self, i: usize) -> extras_kiosk::store::hub::HubReport {
        sync(self.db(i), self.url(i))
    }

    fn check_in(&self, i: usize, badge: &str, time: &str) {
        let mut store = Store::open(self.db(i)).unwrap();
        let booking = store.booking(&self.day, badge).unwrap();
        Kiosk::new(&mut store, self.day.clone(), ScanMode::CheckIn)
            .check_in(&booking, at(&self.day, time), Actor::Kiosk)
            .unwrap();
    }

    fn release(&self, i: usize, badge: &str, time: &str) {
        let mut store = Store::open(self.db(i)).unwrap();
        let booking = store.booking(&self.day, badge).unwrap();
        Kiosk::new(&mut store, self.day.clone(), ScanMode::CheckIn)
            .release(&booking, at(&self.day, time))
            .unwrap();
    }

    /// The day as a kiosk made from the hub alone shows it.
    fn hub_witness(&self) -> String {
        let mut lead = Store::open(self.db(0)).unwrap();
        let mut hub = Hub::connect(&address(&self.lead_url)).unwrap();
        let id = format!("w{}", self.kiosks.len());
        let login = lead
            .hub_add_kiosk(&mut hub, &id, None, chrono::Utc::now())
            .unwrap();
        let path = self.dir.path().join(format!("witness-{id}.db"));
        Store::join_hub(&path, &address(&login.url_with_password), &id, None).unwrap();
        day_as_shown(&path, &self.day)
    }

    /// Every kiosk syncs until none receives anything; then all show the
    /// day the hub holds.
    fn settle_and_compare(&self) {
        for _round in 0..3 {
            for i in 0..self.kiosks.len() {
                self.sync(i);
            }
        }
        let witness = self.hub_witness();
        for i in 0..self.kiosks.len() {
            assert_eq!(
                day_as_shown(self.db(i), &self.day),
                witness,
                "kiosk {i} differs from the hub"
            );
        }
    }

    fn hub_rows(&self, sql: &str) -> i64 {
        self.pg
            .admin_on("harbor")
            .query_one(sql, &[])
            .unwrap()
            .get(0)
    }
}

/// The attendance line of `badge` as a kiosk shows it, if it arrived.
fn attendance_of(db: &Path, day: &Day, badge: &str) -> Option<String> {
    let shown = day_as_shown(db, day);
    let attendance = shown.split("--\n").next().unwrap_or_default();
    attendance
        .lines()
        .find(|l| l.starts_with(&format!("Text(\"{badge}\")")))
        .map(str::to_string)
}

fn conflicts_of(db: &Path, kind: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM conflicts WHERE kind = ?1",
        [kind],
        |r| r.get::<_, i64>(0),
    )
    .unwrap() as usize
}

#[test]
fn online_a_badge_checked_in_at_base_camp_is_already_in_at_the_tent() {
    let pg = Pg::start();
    let lead_url = pg.production_database("harbor");
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = (dir.path().join("base.db"), dir.path().join("tent.db"));
    let (lead_pass, tent_pass) = (
        dir.path().join("lead.pgpass"),
        dir.path().join("tent.pgpass"),
    );
    base_camp(&lead);

    let init = run_ok(&lead, &lead_pass, &["hub", "init", &lead_url]);
    assert!(init.contains("is now the hub"), "{init}");
    assert!(!init.contains("lead-pw"), "the password is shown: {init}");
    let bare = lead_url.replace(":lead-pw@", "@");
    // The password is in the pgpass file now: the bare address does.
    let added = run_ok(
        &lead,
        &lead_pass,
        &["hub", "add-kiosk", &bare, "tent1", "--name", "Tent 1"],
    );
    let line = added
        .lines()
        .find(|l| l.starts_with("extras-kiosk join '"))
        .unwrap_or_else(|| panic!("no join line in {added}"));
    let tent_url = line.split('\'').nth(1).unwrap().to_string();
    assert!(line.ends_with("--kiosk tent1 --name 'Tent 1'"), "{line}");
    // --name named the new kiosk, never the lead.
    let kiosks = run_ok(&lead, &lead_pass, &["kiosks"]);
    assert!(kiosks.contains("base (Base camp), lead"), "{kiosks}");

    let joined = run_ok(
        &tent,
        &tent_pass,
        &["join", &tent_url, "--kiosk", "tent1", "--name", "Tent 1"],
    );
    assert!(joined.contains("170 booking(s)"), "{joined}");
    let password = tent_url
        .split(':')
        .nth(2)
        .unwrap()
        .split('@')
        .next()
        .unwrap();
    let pgpass = std::fs::read_to_string(&tent_pass).unwrap();
    assert!(pgpass.contains(password));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&tent_pass).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let db_bytes = std::fs::read(&tent).unwrap();
    assert!(
        !db_bytes
            .windows(password.len())
            .any(|w| w == password.as_bytes()),
        "the kiosk's database holds its hub password"
    );

    // Checked in at Base camp, synced; the tent syncs and a scan there says
    // where and when.
    ok(&lead, &["checkin", "--badge", "B-0001", "--at", "06:12"]);
    let tent_bare = tent_url.replace(&format!(":{password}@"), "@");
    let sent = run_ok(&lead, &lead_pass, &["sync", &bare]);
    assert!(sent.starts_with("sent 1,"), "{sent}");
    let got = run_ok(&tent, &tent_pass, &["sync", &tent_bare]);
    assert!(got.contains("received 1,"), "{got}");
    let payload = payload_of(&tent, dir.path(), "B-0001");
    let scan: serde_json::Value =
        serde_json::from_str(&ok(&tent, &["scan", &payload, "--at", "06:40", "--json"])).unwrap();
    assert_eq!(scan["outcome"], "already_checked_in");
    assert_eq!(scan["at_kiosk"], "Base camp");
    let message = scan["message"].as_str().unwrap();
    assert!(message.contains("since 06:12 at Base camp"), "{message}");

    let status: serde_json::Value = serde_json::from_str(&run_ok(
        &tent,
        &tent_pass,
        &["hub", "status", &tent_bare, "--json"],
    ))
    .unwrap();
    let kiosks = status["kiosks"].as_array().unwrap();
    assert_eq!(kiosks.len(), 2);
    assert_eq!(kiosks[0]["name"], "Base camp");
    assert_eq!(kiosks[0]["lead"], true);
    assert_eq!(kiosks[1]["id"], "tent1");
    assert_eq!(kiosks[1]["events_behind"], 0);
    assert!(!status.to_string().contains(password));

    // A kiosk may not write another's events, nor administer the hub.
    let refused = run(
        &tent,
        &tent_pass,
        &["hub", "add-kiosk", &tent_bare, "tent2"],
    );
    assert!(!refused.status.success());
    let refused = run(&tent, &tent_pass, &["hub", "init", &tent_bare]);
    assert!(!refused.status.success());
    let mut as_tent = postgres::Client::connect(&tent_url, postgres::NoTls).unwrap();
    let mut tx = as_tent.transaction().unwrap();
    // Even under the ingest lock, the hub refuses it (its trigger, before
    // row-level security would).
    tx.execute("SELECT pg_advisory_xact_lock(1702390633)", &[])
        .unwrap();
    let forged = tx.execute(
        "INSERT INTO events (id, kiosk_id, kind, happened_at, recorded_at, actor, payload,
                             prev_hash, hash) VALUES ('x', 'base', 'checked_in', '', '', '', '{}', '', '')",
        &[],
    );
    let err = forged.unwrap_err();
    let err = err.as_db_error().unwrap().message();
    assert!(err.contains("a kiosk sends only its own events"), "{err}");

    // With the hub unreachable, sync says so plainly and exits 1.
    let down = run(
        &tent,
        &tent_pass,
        &[
            "sync",
            &format!(
                "postgresql://tent@127.0.0.1:{}/harbor",
                super::common::pg::free_port()
            ),
        ],
    );
    assert_eq!(down.status.code(), Some(1));
    let err = String::from_utf8_lossy(&down.stderr);
    assert!(err.contains("cannot be reached"), "{err}");

    // Following: a check-in at Base camp shows at the tent without a sync
    // by hand.
    let mut followers: Vec<std::process::Child> =
        [(&lead, &lead_pass, &bare), (&tent, &tent_pass, &tent_bare)]
            .iter()
            .map(|(db, pass, url)| {
                Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
                    .args(["sync", url.as_str(), "--follow"])
                    .env("EXTRAS_KIOSK_DB", db)
                    .env("PGPASSFILE", pass)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
    ok(&lead, &["checkin", "--badge", "B-0002", "--at", "06:20"]);
    let arrived = eventually(CONVERGE, || {
        rusqlite::Connection::open(&tent)
            .unwrap()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM attendance a JOIN bookings b ON b.id = a.booking_id
                 WHERE b.badge_no = 'B-0002')",
                [],
                |r| r.get::<_, bool>(0),
            )
            .unwrap()
    });
    for child in &mut followers {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    assert!(arrived, "B-0002 never reached the tent");
    drop(pg);
}

#[test]
fn two_kiosks_offline_check_in_one_badge_and_heal_to_one_with_a_conflict() {
    let set = Set::new(&["b"]);
    // Phones and emails came with the join, beside the log.
    let phones = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM people WHERE phone IS NOT NULL OR email IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(phones(set.db(0)) > 100);
    assert_eq!(phones(set.db(1)), phones(set.db(0)));
    // Both offline: each checks in B-0003 on its own.
    set.check_in(0, "B-0003", "06:05");
    set.check_in(1, "B-0003", "06:09");
    // Released at both, too, after each saw the other's check-in.
    set.check_in(0, "B-0004", "06:10");
    set.sync(0);
    set.sync(1);
    set.sync(0);
    set.release(0, "B-0004", "18:00");
    set.release(1, "B-0004", "18:20");
    set.settle_and_compare();
    for i in 0..2 {
        assert_eq!(conflicts_of(set.db(i), "double_check_in"), 1);
        assert_eq!(conflicts_of(set.db(i), "double_release"), 1);
    }
    // One check-in stands, the earlier (06:05), and one release (18:00).
    let conn = rusqlite::Connection::open(set.db(1)).unwrap();
    let rows = super::common::rows_text(
        &conn,
        "SELECT b.badge_no, a.checked_in_at, a.released_at FROM attendance a
         JOIN bookings b ON b.id = a.booking_id WHERE b.badge_no IN ('B-0003', 'B-0004')
         ORDER BY b.badge_no",
    );
    assert_eq!(rows.lines().count(), 2, "{rows}");
    assert!(rows.contains("14:05:00"), "{rows}");
    assert!(rows.contains("02:00:00"), "{rows}");
    // Nothing is held twice on the hub.
    assert_eq!(
        set.hub_rows("SELECT count(*) FROM events"),
        set.hub_rows("SELECT count(DISTINCT id) FROM events")
    );
}

#[test]
fn many_kiosks_ingesting_at_once_never_make_a_reader_skip_an_event() {
    let set = Arc::new(Set::new(&["k1", "k2", "k3", "k4", "r"]));
    let reader = set.kiosks.len() - 1;
    let done = Arc::new(AtomicBool::new(false));
    let reading = {
        let (set, done) = (set.clone(), done.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(set.db(reader)).unwrap();
            let mut hub = Hub::connect(&address(set.url(reader))).unwrap();
            while !done.load(Ordering::SeqCst) {
                store.sync_hub(&mut hub, |_| {}).unwrap();
            }
        })
    };
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let set = set.clone();
            std::thread::spawn(move || {
                let i = w + 1;
                let mut store = Store::open(set.db(i)).unwrap();
                let mut hub = Hub::connect(&address(set.url(i))).unwrap();
                for n in 0..25 {
                    let badge = format!("B-{:04}", 1 + w * 25 + n);
                    let booking = store.booking(&set.day, &badge).unwrap();
                    Kiosk::new(&mut store, set.day.clone(), ScanMode::CheckIn)
                        .check_in(&booking, at(&set.day, "07:00"), Actor::Kiosk)
                        .unwrap();
                    store.sync_hub(&mut hub, |_| {}).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    reading.join().unwrap();
    // One more pull from the reader's cursor: an event skipped before
    // would stay missing.
    let mut store = Store::open(set.db(reader)).unwrap();
    let mut hub = Hub::connect(&address(set.url(reader))).unwrap();
    store.sync_hub(&mut hub, |_| {}).unwrap();
    let held: i64 = rusqlite::Connection::open(set.db(reader))
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM events WHERE kind = 'checked_in'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(held, 100);
    assert_eq!(
        set.hub_rows("SELECT count(*) FROM events WHERE kind = 'checked_in'"),
        100
    );
}

#[test]
fn a_kiosk_clock_two_hours_slow_is_flagged_and_the_order_stays_causal() {
    let set = Set::new(&["b"]);
    set.check_in(1, "B-0005", "06:00");
    set.sync(1);
    // Base camp's clock is two hours behind; it sees the tent's check-in,
    // then corrects it: the correction sorts after what it corrects.
    let mut lead = Store::open(set.db(0)).unwrap();
    lead.set_clock_skew(chrono::Duration::hours(-2));
    let mut hub = Hub::connect(&address(set.url(0))).unwrap();
    let report = lead.sync_hub(&mut hub, |_| {}).unwrap();
    assert!(report.clock_is_off(), "{report:?}");
    assert!(
        (report.clock_offset_ms + 7_200_000).abs() < 60_000,
        "{report:?}"
    );
    let booking = lead.booking(&set.day, "B-0005").unwrap();
    Kiosk::new(&mut lead, set.day.clone(), ScanMode::CheckIn)
        .correct(
            &booking,
            extras_kiosk::kiosk::TimeField::In,
            at(&set.day, "05:45"),
            "signed in on paper",
            at(&set.day, "07:00"),
        )
        .unwrap();
    lead.sync_hub(&mut hub, |_| {}).unwrap();
    drop(lead);
    let status = Hub::connect(&address(set.url(1)))
        .unwrap()
        .status()
        .unwrap();
    let base = status.iter().find(|k| k.lead).unwrap();
    assert!(base.clock_offset_ms.unwrap() < -7_000_000, "{status:?}");
    set.settle_and_compare();
    let line = attendance_of(set.db(1), &set.day, "B-0005").unwrap();
    assert!(line.contains("2026-11-28T13:45:00"), "{line}");
}

#[test]
fn a_killed_listen_connection_and_a_stopped_server_lose_nothing() {
    let set = Set::new(&["b"]);
    let stop = Arc::new(AtomicBool::new(false));
    let following = {
        let (db, url, stop) = (
            set.db(1).to_path_buf(),
            set.url(1).to_string(),
            stop.clone(),
        );
        std::thread::spawn(move || {
            follow(&db, &address(&url), &stop, |_news: FollowNews| {}).unwrap();
        })
    };
    let arrived = |badge: &str| attendance_of(set.db(1), &set.day, badge).is_some();
    set.check_in(0, "B-0006", "06:00");
    set.sync(0);
    assert!(eventually(CONVERGE, || arrived("B-0006")));
    // The tent's connections are killed while Base camp writes.
    set.pg
        .admin()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'harbor_b'",
            &[],
        )
        .unwrap();
    set.check_in(0, "B-0007", "06:01");
    set.sync(0);
    assert!(eventually(CONVERGE, || arrived("B-0007")));

    // The server stopped in the middle of a big batch: all or nothing on
    // the hub, and the next sync completes it.
    for n in 0..150 {
        set.check_in(0, &format!("B-{:04}", 10 + n % 160), "06:30");
    }
    let before = set.hub_rows("SELECT count(*) FROM events");
    let pushing = {
        let (db, url) = (set.db(0).to_path_buf(), set.url(0).to_string());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            match Hub::connect(&address(&url)) {
                Ok(mut hub) => store.sync_hub(&mut hub, |_| {}).map(|_| ()),
                Err(e) => Err(e),
            }
        })
    };
    std::thread::sleep(Duration::from_millis(30));
    set.pg.stop_immediately();
    let outcome = pushing.join().unwrap();
    set.pg.start_again();
    let after = set.hub_rows("SELECT count(*) FROM events");
    let sent = set.hub_rows("SELECT count(*) FROM events WHERE kind = 'checked_in'") - 2;
    assert!(
        after == before || sent == 150,
        "a batch was half taken: {before} then {after} ({outcome:?})"
    );
    set.sync(0);
    assert!(eventually(CONVERGE, || arrived("B-0159")));
    stop.store(true, Ordering::SeqCst);
    following.join().unwrap();
    set.settle_and_compare();
}

#[test]
fn scans_never_wait_on_a_black_holed_or_flapping_hub() {
    let set = Set::new(&["b"]);
    let proxy = Proxy::new(set.pg.port);
    let url = set
        .url(0)
        .replace(&format!(":{}/", set.pg.port), &format!(":{}/", proxy.port));
    let stop = Arc::new(AtomicBool::new(false));
    let offline_seen = Arc::new(AtomicBool::new(false));
    let following = {
        let (db, stop, seen) = (set.db(0).to_path_buf(), stop.clone(), offline_seen.clone());
        std::thread::spawn(move || {
            follow(&db, &address(&url), &stop, |news| {
                if matches!(news, FollowNews::Offline { .. }) {
                    seen.store(true, Ordering::SeqCst);
                }
            })
            .unwrap();
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    proxy.set(Link::BlackHole);
    // Every scan completes while the hub is a black hole.
    for n in 0..40 {
        set.check_in(0, &format!("B-{:04}", 20 + n), "06:00");
    }
    // A link that flaps every 200 ms.
    for (n, flap) in (0..15).zip([Link::Pass, Link::Refuse, Link::BlackHole].iter().cycle()) {
        proxy.set(*flap);
        set.check_in(0, &format!("B-{:04}", 60 + n), "06:10");
        std::thread::sleep(Duration::from_millis(200));
    }
    proxy.set(Link::Pass);
    assert!(eventually(Duration::from_secs(60), || {
        set.hub_rows("SELECT count(*) FROM events WHERE kind = 'checked_in'") == 55
    }));
    stop.store(true, Ordering::SeqCst);
    following.join().unwrap();
    assert!(
        offline_seen.load(Ordering::SeqCst),
        "the kiosk never noticed the hub gone"
    );
    assert_eq!(
        set.hub_rows("SELECT count(*) FROM events"),
        set.hub_rows("SELECT count(DISTINCT id) FROM events")
    );
    set.settle_and_compare();
}

#[test]
fn a_kiosk_restored_from_an_old_backup_is_refused_as_a_fork() {
    let set = Set::new(&["b"]);
    set.check_in(1, "B-0008", "06:00");
    set.sync(1);
    let backup = set.dir.path().join("b-backup.db");
    Store::open(set.db(1)).unwrap().backup_to(&backup).unwrap();
    set.check_in(1, "B-0009", "06:05");
    set.sync(1);
    let held = set.hub_rows("SELECT count(*) FROM events");
    // The tent goes back to the backup and carries on.
    std::fs::copy(&backup, set.db(1)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", set.db(1).display()));
    }
    set.check_in(1, "B-0010", "06:10");
    let mut store = Store::open(set.db(1)).unwrap();
    let mut hub = Hub::connect(&address(set.url(1))).unwrap();
    let err = store.sync_hub(&mut hub, |_| {}).unwrap_err();
    assert!(
        matches!(&err, StoreError::Fork { kiosk, .. } if kiosk == "b"),
        "{err}"
    );
    assert!(
        !err.to_string()
            .contains(set.url(1).split(':').nth(2).unwrap())
    );
    assert_eq!(set.hub_rows("SELECT count(*) FROM events"), held);
    assert_eq!(
        set.hub_rows("SELECT count(*) FROM forks WHERE kiosk_id = 'b'"),
        1
    );
}

#[test]
fn five_kiosks_under_a_random_workload_with_partitions_end_equal_to_the_hub() {
    let seconds: u64 = std::env::var("HUB_WORKLOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let set = Arc::new(Set::new(&["k1", "k2", "k3", "k4"]));
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    let mut proxies = Vec::new();
    for i in 0..set.kiosks.len() {
        let proxy = Proxy::new(set.pg.port);
        let url = set
            .url(i)
            .replace(&format!(":{}/", set.pg.port), &format!(":{}/", proxy.port));
        proxies.push(proxy);
        let (db, follow_stop) = (set.db(i).to_path_buf(), stop.clone());
        threads.push(std::thread::spawn(move || {
            follow(&db, &address(&url), &follow_stop, |_| {}).unwrap();
        }));
    }
    let workers: Vec<_> = (0..set.kiosks.len())
        .map(|i| {
            let (set, stop) = (set.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut runner = proptest::test_runner::TestRunner::new_with_rng(
                    proptest::test_runner::Config::default(),
                    proptest::test_runner::TestRng::from_seed(
                        proptest::test_runner::RngAlgorithm::ChaCha,
                        &[i as u8 + 1; 32],
                    ),
                );
                let mut store = Store::open(set.db(i)).unwrap();
                let mut minute = 0i64;
                while !stop.load(Ordering::SeqCst) {
                    let action = op().new_tree(&mut runner).unwrap().current();
                    if matches!(action, Op::Sync(_)) {
                        continue;
                    }
                    minute += 1;
                    let when = at(&set.day, "06:00") + chrono::Duration::minutes(minute);
                    apply(&mut store, &set.day, &action, when, &[]);
                    std::thread::sleep(Duration::from_millis(20));
                }
            })
        })
        .collect();
    // Partitions come and go.
    let started = std::time::Instant::now();
    let mut turn = 0usize;
    while started.elapsed() < Duration::from_secs(seconds) {
        let p = &proxies[turn % proxies.len()];
        p.set([Link::Refuse, Link::BlackHole, Link::Pass][turn % 3]);
        std::thread::sleep(Duration::from_millis(700));
        turn += 1;
    }
    for p in &proxies {
        p.set(Link::Pass);
    }
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.join().unwrap();
    }
    for t in threads {
        t.join().unwrap();
    }
    set.settle_and_compare();
    let conn = rusqlite::Connection::open(set.db(0)).unwrap();
    let standing: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT booking_id FROM attendance GROUP BY booking_id HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(standing, 0);
    let _ = AREAS;
}

#[test]
fn export_at_wrap_waits_for_a_kiosk_the_hub_has_not_heard_from() {
    let set = Set::new(&["b"]);
    set.sync(0);
    let out = set.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let request = |allow_unsynced| extras_kiosk::report::ExportRequest {
        out_dir: out.clone(),
        formats: vec![extras_kiosk::report::Format::Csv],
        allow_open: true,
        allow_unsynced,
        allow_unapproved: false,
        paper: Default::default(),
    };
    let export = |allow: bool, minutes: i64| {
        let mut lead = Store::open(set.db(0)).unwrap();
        extras_kiosk::report::export(
            &mut lead,
            &set.day,
            &request(allow),
            chrono::Utc::now() + chrono::Duration::minutes(minutes),
            &mut |_: &str, _: usize, _: usize| {},
        )
    };
    export(false, 0).expect("every kiosk synced a moment ago");
    // Eleven minutes later the tent has not been heard from.
    let err = export(false, 11).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Tent b (b): not seen for 11 minutes"),
        "{text}"
    );
    assert!(text.contains("--allow-unsynced"), "{text}");
    export(true, 11).expect("--allow-unsynced exports anyway");
    // Switched off for good: retired, and export no longer waits for it.
    let mut lead = Store::open(set.db(0)).unwrap();
    let mut hub = Hub::connect(&address(set.url(0))).unwrap();
    lead.hub_retire(&mut hub, "b").unwrap();
    drop(lead);
    export(false, 11).expect("a retired kiosk is not waited for");
}

#[test]
fn a_sync_killed_at_any_moment_takes_nothing_twice() {
    let set = Set::new(&["b"]);
    let pass = set.dir.path().join("b.pgpass");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..12 {
        for n in 0..15 {
            let badge = format!("B-{:04}", 1 + (round * 15 + n) % 170);
            set.check_in(1, &badge, "06:00");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
            .args(["sync", set.url(1)])
            .env("EXTRAS_KIOSK_DB", set.db(1))
            .env("PGPASSFILE", &pass)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(seed % 250));
        let _ = child.kill();
        child.wait().unwrap();
        if round % 3 == 0 {
            set.sync(0);
        }
    }
    set.sync(1);
    let verified = kiosk(set.db(1), &["log", "--verify"]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    assert_eq!(
        set.hub_rows("SELECT count(*) FROM events WHERE kiosk_id = 'b'"),
        rusqlite::Connection::open(set.db(1))
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM events WHERE kiosk_id = 'b'",
                [],
                |r| r.get::<_, i64>(0)
            )
            .unwrap()
    );
    set.settle_and_compare();
}

#[test]
fn sslmode_is_passed_through_to_the_hub() {
    let pg = Pg::start_with_tls();
    let lead_url = pg.production_database("harbor");
    let (dir, mut lead, _day) = demo_with_skin();
    let encrypted = |pg: &Pg| -> i64 {
        pg.admin()
            .query_one(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                 WHERE a.usename = 'harbor_lead' AND s.ssl",
                &[],
            )
            .unwrap()
            .get(0)
    };
    // require: encrypted, the self-signed certificate accepted (as libpq).
    let mut hub = Hub::connect(&address(&format!("{lead_url}?sslmode=require"))).unwrap();
    lead.hub_init(&mut hub).unwrap();
    assert_eq!(encrypted(&pg), 1);
    drop(hub);
    // disable: in the clear.
    let hub = Hub::connect(&address(&format!("{lead_url}?sslmode=disable"))).unwrap();
    assert!(eventually(CONVERGE, || encrypted(&pg) == 0));
    drop(hub);
    // verify-full: the certificate is checked, and a self-signed one is
    // refused, the password masked in the message.
    let Err(err) = Hub::connect(&address(&format!("{lead_url}?sslmode=verify-full"))) else {
        panic!("a self-signed certificate passed verify-full");
    };
    let text = err.to_string();
    assert!(text.contains("certificate"), "{text}");
    assert!(!text.contains("lead-pw"), "{text}");
    drop(dir);
}
