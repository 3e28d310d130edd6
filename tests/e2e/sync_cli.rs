//! Several kiosks merging by file, through the binary as a PA runs it:
//! `sync` with a carry file both ways, the conflicts it flags and how the PA
//! resolves them, a restored backup refused and rejoined, and `sync`
//! killed at random moments.

use super::cli::{base_camp, demo_areas_and_skin, kiosk, ok};
use std::path::{Path, PathBuf};

/// The lead (Base camp) with the demo day, areas and skin, and Tent 1
/// joined from it.
fn lead_and_tent(dir: &Path) -> (PathBuf, PathBuf) {
    let lead = dir.join("base.db");
    base_camp(&lead);
    let tent = dir.join("tent1.db");
    ok(
        &lead,
        &[
            "--db",
            tent.to_str().unwrap(),
            "join",
            lead.to_str().unwrap(),
            "--kiosk",
            "tent1",
        ],
    );
    (lead, tent)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn conflicts(db: &Path) -> Vec<serde_json::Value> {
    json(db, &["status", "--json"])["conflicts"]
        .as_array()
        .unwrap()
        .clone()
}

fn vouchers(db: &Path, dir: &Path) -> String {
    let out = dir.join(format!("out-{}", db.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&out).unwrap();
    ok(
        db,
        &["export", "--out", out.to_str().unwrap(), "--format", "csv"],
    );
    std::fs::read_to_string(out.join("vouchers-2026-11-28.csv")).unwrap()
}

fn row<'a>(csv: &'a str, badge: &str) -> &'a str {
    csv.lines()
        .find(|l| l.contains(&format!(",{badge},")))
        .unwrap_or_else(|| panic!("no {badge} in {csv}"))
}

#[test]
fn two_kiosks_merge_by_carry_file_and_flag_what_they_both_did() {
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = lead_and_tent(dir.path());
    let stick = dir.path().join("stick").join("carry.db");
    // Pat checks in at both kiosks; Zoë only at the tent; a walk-in at the
    // tent; both kiosks start and end Holding A's meal.
    ok(&lead, &["checkin", "--badge", "B-0001", "--at", "06:10"]);
    ok(&tent, &["checkin", "--badge", "B-0001", "--at", "06:05"]);
    ok(&tent, &["checkin", "--badge", "B-0002", "--at", "06:20"]);
    let walkin = ok(
        &tent,
        &[
            "walkin",
            "--first",
            "Wally",
            "--last",
            "Walker",
            "--category",
            "general",
            "--non-union",
            "--at",
            "07:00",
        ],
    );
    assert!(walkin.contains("B-10001"), "{walkin}");
    ok(&tent, &["checkin", "--badge", "B-10001", "--at", "07:01"]);
    ok(
        &tent,
        &["meal", "start", "--area", "Holding A", "--at", "12:00"],
    );
    ok(
        &lead,
        &["meal", "start", "--area", "Holding A", "--at", "12:05"],
    );
    ok(
        &lead,
        &["meal", "end", "--area", "Holding A", "--at", "12:35"],
    );
    ok(
        &tent,
        &["meal", "end", "--area", "Holding A", "--at", "12:30"],
    );

    // The lead makes the carry file; it is whole on its own (no -wal).
    let made = ok(&lead, &["sync", stick.to_str().unwrap()]);
    assert!(made.contains("new carry file"), "{made}");
    let wal = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));
    assert!(!wal(&stick).exists(), "the stick can be pulled out");
    // A carry file is not a kiosk.
    let refused = kiosk(&stick, &["status"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("carry file"));

    let tent_sync = ok(&tent, &["sync", stick.to_str().unwrap()]);
    assert!(tent_sync.contains("new conflicts 2"), "{tent_sync}");
    assert!(tent_sync.starts_with("sent "), "{tent_sync}");
    assert!(!wal(&stick).exists());
    let again = ok(&tent, &["sync", stick.to_str().unwrap()]);
    assert_eq!(
        again.trim(),
        "sent 0, received 0, new conflicts 0",
        "a second run moves nothing"
    );
    let lead_sync = ok(&lead, &["sync", stick.to_str().unwrap()]);
    assert!(lead_sync.contains("received"), "{lead_sync}");

    // Both kiosks see the same two conflicts, with the same ids.
    let on_lead = conflicts(&lead);
    assert_eq!(on_lead, conflicts(&tent));
    let kinds: Vec<&str> = on_lead
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["double_check_in", "double_meal"], "{on_lead:?}");
    let double = &on_lead[0];
    assert_eq!(double["badge"], "B-0001");
    assert_eq!(double["kiosks"], serde_json::json!(["base", "tent1"]));
    assert_eq!(
        double["at"], "2026-11-28T06:05",
        "the earliest check-in stands"
    );
    let status = ok(&lead, &["status"]);
    assert!(
        status.contains("double_check_in") && status.contains("conflict resolve"),
        "{status}"
    );

    // Both kiosks release Pat; the first release stands.
    ok(&lead, &["release", "--all", "--at", "18:00"]);
    ok(&tent, &["release", "--badge", "B-0001", "--at", "18:30"]);
    for db in [&tent, &lead, &tent] {
        ok(db, &["sync", stick.to_str().unwrap()]);
    }
    let on_tent = conflicts(&tent);
    assert_eq!(on_tent, conflicts(&lead));
    assert!(
        on_tent.iter().any(|c| c["kind"] == "double_release"),
        "{on_tent:?}"
    );

    // Pay never waits: the same vouchers on both kiosks, from the standing
    // facts (in 06:05, one meal 12:00 to 12:30, out 18:00).
    let (on_lead, on_tent) = (vouchers(&lead, dir.path()), vouchers(&tent, dir.path()));
    let paid = |csv: &str| {
        csv.lines()
            .map(|l| l.split(',').take(28).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
    };
    assert_eq!(paid(&on_lead), paid(&on_tent));
    let pat = row(&on_lead, "B-0001");
    assert!(
        pat.contains(",06:05,") && pat.contains(",12:00,12:30,") && pat.contains(",18:00,"),
        "{pat}"
    );
    assert!(
        row(&on_lead, "B-10001").contains("Walker"),
        "the tent's walk-in is on the lead"
    );

    // The PA resolves the double check-in on the lead; the tent learns it.
    let id = conflicts(&lead)
        .iter()
        .find(|c| c["kind"] == "double_check_in")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let no_note = kiosk(&lead, &["conflict", "resolve", &id, "--note", " "]);
    assert!(!no_note.status.success());
    ok(
        &lead,
        &[
            "conflict",
            "resolve",
            &id,
            "--note",
            "Pat badged twice; 06:05 per the tent",
        ],
    );
    assert!(conflicts(&lead).iter().all(|c| c["id"] != id.as_str()));
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    ok(&tent, &["sync", stick.to_str().unwrap()]);
    assert!(
        conflicts(&tent).iter().all(|c| c["id"] != id.as_str()),
        "resolved everywhere"
    );
    let log = ok(&tent, &["log"]);
    assert!(log.contains("conflict_resolved"), "it stays in the log");
    for db in [&lead, &tent] {
        assert!(ok(db, &["log", "--verify"]).contains("intact"));
    }
}

#[test]
fn a_restored_backup_is_refused_and_rejoins_under_a_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = lead_and_tent(dir.path());
    let stick = dir.path().join("carry.db");
    let backup = dir.path().join("tent1-lunch.db");
    ok(&tent, &["checkin", "--badge", "B-0003", "--at", "06:30"]);
    ok(&tent, &["backup", backup.to_str().unwrap()]);
    ok(&tent, &["checkin", "--badge", "B-0004", "--at", "06:40"]);
    ok(&tent, &["sync", stick.to_str().unwrap()]);
    // The tent's disk dies; its lunch backup is restored and carries on.
    std::fs::copy(&backup, &tent).unwrap();
    ok(&tent, &["checkin", "--badge", "B-0005", "--at", "07:00"]);
    let refused = kiosk(&tent, &["sync", stick.to_str().unwrap()]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("kiosk tent1") && said.contains("rejoin --kiosk"),
        "{said}"
    );
    let rejoined = ok(&tent, &["rejoin", "--kiosk", "tent1b"]);
    assert!(rejoined.contains("tent1b"), "{rejoined}");
    let synced = ok(
        &tent,
        &["--kiosk", "tent1b", "sync", stick.to_str().unwrap()],
    );
    assert!(synced.starts_with("sent "), "{synced}");
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    // Nothing lost: the check-ins before and after the backup, on both.
    for db in [&lead, &tent] {
        let status = json(db, &["status", "--json"]);
        assert_eq!(status["arrived"], 3, "{}: {status}", db.display());
        assert!(ok(db, &["log", "--verify"]).contains("intact"));
    }
}

#[test]
fn a_sync_killed_at_any_moment_loses_nothing_and_the_next_completes() {
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = lead_and_tent(dir.path());
    let stick = dir.path().join("carry.db");
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    // Check in 120 at the tent, without badges (the supervisor path).
    for n in 1..=120 {
        ok(
            &tent,
            &["checkin", "--badge", &format!("B-{n:04}"), "--at", "06:30"],
        );
    }
    let bin = env!("CARGO_BIN_EXE_extras-kiosk");
    let mut seed = 7u64;
    for round in 0..12 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = std::time::Duration::from_millis(5 + (seed >> 33) % 60);
        let (db, other) = if round % 2 == 0 {
            (&tent, &lead)
        } else {
            (&lead, &tent)
        };
        let mut child = std::process::Command::new(bin)
            .args([
                "--db",
                db.to_str().unwrap(),
                "sync",
                stick.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        for file in [db, other] {
            assert!(
                ok(file, &["log", "--verify"]).contains("intact"),
                "round {round}"
            );
        }
        let carry = rusqlite::Connection::open(&stick).unwrap();
        let (events, kiosks): (i64, i64) = carry
            .query_row(
                "SELECT COUNT(*), COUNT(DISTINCT kiosk_id) FROM events",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(events > 0 && kiosks >= 1);
    }
    for db in [&tent, &lead, &tent] {
        ok(db, &["sync", stick.to_str().unwrap()]);
    }
    assert_eq!(json(&lead, &["status", "--json"])["arrived"], 120);
    assert_eq!(
        ok(&tent, &["sync", stick.to_str().unwrap()]).trim(),
        "sent 0, received 0, new conflicts 0"
    );
}

#[test]
fn the_leads_set_up_travels_and_contacts_merge_by_the_latest_change() {
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = lead_and_tent(dir.path());
    let stick = dir.path().join("carry.db");
    // After the tent joined, the lead opens the next day, its area and skin.
    ok(
        &lead,
        &[
            "day",
            "open",
            "--date",
            "2026-11-29",
            "--title",
            "Harbor Lights Ep 105",
            "--call",
            "07:00",
            "--tz",
            "America/Los_Angeles",
        ],
    );
    demo_areas_and_skin(&lead);
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    ok(&tent, &["sync", stick.to_str().unwrap()]);
    let next = json(&tent, &["status", "--json", "--date", "2026-11-29"]);
    assert_eq!(next["booked"], 170, "{next}");
    assert_eq!(next["areas"].as_array().unwrap().len(), 3, "{next}");
    let contacts = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM people p JOIN bookings b ON b.person_id = p.id
                 JOIN days d ON d.id = b.day_id
                 WHERE d.date = '2026-11-29' AND (p.phone IS NOT NULL OR p.email IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(
        contacts(&tent) > 100,
        "phones and emails came beside the log"
    );
    // The tent checks in on the new day; the lead purges its contacts.
    ok(
        &tent,
        &[
            "checkin",
            "--badge",
            "B-0001",
            "--at",
            "06:50",
            "--date",
            "2026-11-29",
        ],
    );
    let out = dir.path().join("wrap");
    std::fs::create_dir_all(&out).unwrap();
    ok(
        &lead,
        &[
            "export",
            "--date",
            "2026-11-29",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--allow-open",
        ],
    );
    ok(&lead, &["purge", "--date", "2026-11-29"]);
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    ok(&tent, &["sync", stick.to_str().unwrap()]);
    ok(&lead, &["sync", stick.to_str().unwrap()]);
    assert_eq!(contacts(&lead), 0);
    assert_eq!(contacts(&tent), 0, "the purge is the latest change");
    let on_lead = json(&lead, &["status", "--json", "--date", "2026-11-29"]);
    assert_eq!(on_lead["arrived"], 1, "{on_lead}");
}

#[test]
fn one_tag_handed_out_at_two_kiosks_stays_with_the_first_holder() {
    let dir = tempfile::tempdir().unwrap();
    let (lead, tent) = lead_and_tent(dir.path());
    let stick = dir.path().join("carry.db");
    for (db, badge, at) in [(&lead, "B-0001", "08:00"), (&tent, "B-0002", "08:10")] {
        ok(db, &["checkin", "--badge", badge, "--at", "06:30"]);
        ok(
            db,
            &[
                "items",
                "issue",
                "--badge",
                badge,
                "--kind",
                "wardrobe",
                "--what",
                "Police jacket",
                "--tag",
                "W-12",
                "--at",
                at,
            ],
        );
    }
    for db in [&lead, &tent, &lead] {
        ok(db, &["sync", stick.to_str().unwrap()]);
    }
    for db in [&lead, &tent] {
        let found = conflicts(db);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0]["kind"], "double_item");
        assert_eq!(
            found[0]["badge"], "B-0002",
            "the second hand-out is flagged"
        );
        assert_eq!(found[0]["kiosks"], serde_json::json!(["base", "tent1"]));
        let out = ok(db, &["items", "list", "--outstanding"]);
        assert!(out.contains("B-0001") && !out.contains("B-0002"), "{out}");
    }
}
