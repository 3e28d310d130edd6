//! The day reviewed before payroll, through the binary as an AD runs it:
//! disputes filed precisely and decided (the change made through the same
//! action as `correct` or `bump add`), vouchers reviewed by flag and
//! approved by name, an approval withdrawn by a later change, the export's
//! new columns, `day require-approval`, and decisions at two kiosks that
//! could not see each other. Hostile input gets a clear refusal.

use super::cli::{base_camp, kiosk, ok};
use std::path::{Path, PathBuf};

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = kiosk(db, args);
    assert!(
        !out.status.success(),
        "{args:?} should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Base camp with Ana (B-0001), Ben (B-0002) and Cy (B-0003) checked in,
/// Ana at lunch 12:00-12:30, a coat still out with Cy, all three released
/// at 19:10; Dee (B-0004) still here, and everyone else a no-show.
fn wrapped_day(dir: &Path) -> PathBuf {
    let db = dir.join("base.db");
    base_camp(&db);
    for (badge, at) in [
        ("B-0001", "06:20"),
        ("B-0002", "06:25"),
        ("B-0003", "06:25"),
        ("B-0004", "06:30"),
    ] {
        ok(&db, &["checkin", "--badge", badge, "--at", at]);
    }
    ok(
        &db,
        &[
            "items", "issue", "--badge", "B-0003", "--kind", "wardrobe", "--what", "Coat", "--at",
            "07:00",
        ],
    );
    ok(
        &db,
        &["meal", "start", "--badge", "B-0001", "--at", "12:00"],
    );
    ok(&db, &["meal", "end", "--badge", "B-0001", "--at", "12:30"]);
    for badge in ["B-0001", "B-0002", "B-0003"] {
        ok(&db, &["release", "--badge", badge, "--at", "19:10"]);
    }
    db
}

fn dispute_id(db: &Path, badge: &str, about: &str) -> String {
    let list = json(db, &["dispute", "list", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|d| d["badge"] == badge && d["about"] == about)
        .unwrap_or_else(|| panic!("no {about} dispute of {badge} in {list}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn review_of(db: &Path, badge: &str) -> serde_json::Value {
    let all = json(db, &["voucher", "review", "--json"]);
    all.as_array()
        .unwrap()
        .iter()
        .find(|r| r["badge"] == badge)
        .unwrap_or_else(|| panic!("no {badge} in {all}"))
        .clone()
}

fn flags(r: &serde_json::Value) -> Vec<String> {
    r["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

fn export_csv(db: &Path, dir: &Path, extra: &[&str]) -> String {
    let out = dir.join("stick");
    std::fs::create_dir_all(&out).unwrap();
    let mut args = vec![
        "export",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "csv,pdf",
    ];
    args.extend(extra);
    ok(db, &args);
    std::fs::read_to_string(out.join("vouchers-2026-11-28.csv")).unwrap()
}

fn csv_row(csv: &str, badge: &str) -> std::collections::HashMap<String, String> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[1] == badge)
        .unwrap();
    header
        .into_iter()
        .zip(row.iter().map(String::from))
        .collect()
}

#[test]
fn a_dispute_says_what_is_wrong_and_its_acceptance_changes_the_voucher() {
    let dir = tempfile::tempdir().unwrap();
    let db = wrapped_day(dir.path());
    let filed = ok(
        &db,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0001",
            "--about",
            "out",
            "--claimed",
            "19:40",
            "--words",
            "stayed for the last shot",
            "--at",
            "19:15",
        ],
    );
    assert!(filed.contains("out time (you said 19:40)"), "{filed}");
    // A meal missing altogether: its out and its in.
    for (about, t) in [("meal1_out", "13:00"), ("meal1_in", "13:30")] {
        ok(
            &db,
            &[
                "dispute",
                "file",
                "--badge",
                "B-0002",
                "--about",
                about,
                "--claimed",
                t,
            ],
        );
    }
    ok(
        &db,
        &[
            "dispute", "file", "--badge", "B-0003", "--about", "bump", "--bump", "smoke",
        ],
    );
    ok(
        &db,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0003",
            "--about",
            "other",
            "--words",
            "parking not paid",
        ],
    );

    let list = json(&db, &["dispute", "list", "--json"]);
    let all = list.as_array().unwrap();
    assert_eq!(all.len(), 5);
    let ana = &all[0];
    for key in [
        "id",
        "badge",
        "name",
        "about",
        "recorded",
        "claimed",
        "bump",
        "words",
        "status",
        "filed_at",
        "decided_by",
        "decided_at",
        "note",
    ] {
        assert!(ana.get(key).is_some(), "{key} in {ana}");
    }
    assert_eq!(ana["badge"], "B-0001");
    assert_eq!(ana["recorded"], "2026-11-28T19:10");
    assert_eq!(ana["claimed"], "2026-11-28T19:40");
    assert_eq!(ana["filed_at"], "2026-11-28T19:15");
    assert_eq!(ana["words"], "stayed for the last shot");
    assert_eq!(ana["status"], "open");
    assert!(ana["decided_by"].is_null() && ana["note"].is_null() && ana["bump"].is_null());
    assert_eq!(json(&db, &["status", "--json"])["disputes_open"], 5);
    assert!(flags(&review_of(&db, "B-0001")).contains(&"disputed".to_string()));

    // Accepted: the out time is corrected, by name, as `correct` does.
    let gross_before = review_of(&db, "B-0001")["gross"].clone();
    let id = dispute_id(&db, "B-0001", "out");
    ok(
        &db,
        &[
            "dispute",
            "accept",
            &id[..8],
            "--by",
            "J. Ruiz",
            "--at",
            "20:00",
        ],
    );
    let log = ok(&db, &["log", "--badge", "B-0001"]);
    assert!(log.contains("time_corrected"), "{log}");
    let ana = review_of(&db, "B-0001");
    assert_ne!(ana["gross"], gross_before, "pay follows the accepted time");
    assert!(flags(&ana).contains(&"corrected".to_string()));
    assert!(!flags(&ana).contains(&"disputed".to_string()));
    let decided = json(&db, &["dispute", "list", "--json"]);
    let decided = decided
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(decided["status"], "accepted");
    assert_eq!(decided["decided_by"], "J. Ruiz");
    assert_eq!(decided["decided_at"], "2026-11-28T20:00");
    // Decided once.
    let again = fails(&db, &["dispute", "accept", &id, "--by", "Lee"]);
    assert!(again.contains("already accepted by J. Ruiz"), "{again}");

    // The meal's in cannot come before its out; then both, and the meal is there.
    let meal_in = dispute_id(&db, "B-0002", "meal1_in");
    let early = fails(&db, &["dispute", "accept", &meal_in, "--by", "J. Ruiz"]);
    assert!(early.contains("out time first"), "{early}");
    ok(
        &db,
        &[
            "dispute",
            "accept",
            &dispute_id(&db, "B-0002", "meal1_out"),
            "--by",
            "J. Ruiz",
        ],
    );
    ok(&db, &["dispute", "accept", &meal_in, "--by", "J. Ruiz"]);

    // The bump, through `bump add`'s rules; "other" with a note only, and
    // a rejection needs its note.
    ok(
        &db,
        &[
            "dispute",
            "accept",
            &dispute_id(&db, "B-0003", "bump"),
            "--by",
            "J. Ruiz",
        ],
    );
    let other = dispute_id(&db, "B-0003", "other");
    let bare = fails(&db, &["dispute", "reject", &other, "--by", "J. Ruiz"]);
    assert!(bare.contains("note"), "{bare}");
    ok(
        &db,
        &[
            "dispute",
            "reject",
            &other,
            "--by",
            "J. Ruiz",
            "--note",
            "parking is not ours",
        ],
    );
    assert_eq!(json(&db, &["status", "--json"])["disputes_open"], 0);

    let csv = export_csv(&db, dir.path(), &["--allow-open"]);
    let ana = csv_row(&csv, "B-0001");
    assert_eq!(ana["out"], "19:40");
    assert_eq!(ana["dispute"], "accepted");
    let ben = csv_row(&csv, "B-0002");
    assert_eq!(
        (ben["meal1_out"].as_str(), ben["meal1_in"].as_str()),
        ("13:00", "13:30")
    );
    assert_eq!(ben["dispute"], "accepted");
    let cy = csv_row(&csv, "B-0003");
    assert_eq!(cy["bumps"], "smoke");
    assert_eq!(cy["dispute"], "rejected", "the latest decision");
    assert_eq!(csv_row(&csv, "B-0005")["dispute"], "");
    // The PDF prints every dispute in the change log, its When readable.
    let pdf = dir.path().join("stick/vouchers-2026-11-28.pdf");
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for wanted in [
        "Dispute: Out time",
        "Dispute accepted",
        "28 Nov 20:00",
        "Dispute rejected",
    ] {
        assert!(text.contains(wanted), "{wanted} in the PDF");
    }
    assert!(
        !text.contains("2026-11-28T"),
        "no cut ISO times in the change log"
    );
}

#[test]
fn vouchers_are_reviewed_approved_by_name_and_withdrawn_by_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = wrapped_day(dir.path());
    let reviews = json(&db, &["voucher", "review", "--json"]);
    let all = reviews.as_array().unwrap();
    assert_eq!(all.len(), 170, "one per booking of the day");
    let first = &all[0];
    for key in [
        "badge",
        "name",
        "status",
        "gross",
        "flags",
        "approved_by",
        "approved_at",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    // The ones that need a look come first.
    assert!(
        flags(first)
            .iter()
            .any(|f| f == "unsigned" || f == "not_released")
    );
    let dee = review_of(&db, "B-0004");
    assert_eq!(dee["status"], "not_released");
    assert!(flags(&dee).contains(&"not_released".to_string()));
    let no_show = review_of(&db, "B-0010");
    assert_eq!(no_show["status"], "no_show");
    assert_eq!(flags(&no_show), ["no_show"]);
    let ana = review_of(&db, "B-0001");
    assert_eq!(ana["status"], "released");
    assert!(
        ana["gross"].as_str().unwrap().contains('.'),
        "a decimal string"
    );
    assert!(flags(&ana).contains(&"unsigned".to_string()));
    assert!(ana["approved_by"].is_null());

    // --by is required; a blocking flag needs a note; no-shows never.
    let out = kiosk(&db, &["voucher", "approve", "--badge", "B-0001"]);
    assert!(!out.status.success());
    let blocked = fails(
        &db,
        &["voucher", "approve", "--badge", "B-0001", "--by", "J. Ruiz"],
    );
    assert!(
        blocked.contains("unsigned") && blocked.contains("note"),
        "{blocked}"
    );
    let never = fails(
        &db,
        &["voucher", "approve", "--badge", "B-0010", "--by", "J. Ruiz"],
    );
    assert!(never.contains("no-show"), "{never}");
    ok(
        &db,
        &[
            "voucher",
            "approve",
            "--badge",
            "B-0001",
            "--by",
            "J. Ruiz",
            "--note",
            "left before signing",
            "--at",
            "21:52",
        ],
    );
    let ana = review_of(&db, "B-0001");
    assert_eq!(ana["approved_by"], "J. Ruiz");
    assert_eq!(ana["approved_at"], "2026-11-28T21:52");

    // Paper vouchers are not unsigned: Ben and Cy are clean.
    for badge in ["B-0002", "B-0003"] {
        ok(&db, &["voucher", "paper", "--badge", badge]);
    }
    let clean = ok(&db, &["voucher", "approve", "--clean", "--by", "J. Ruiz"]);
    assert!(clean.contains("Approved 2 vouchers by J. Ruiz"), "{clean}");
    assert!(
        clean.contains("B-0004"),
        "says which it left and why: {clean}"
    );
    assert_eq!(json(&db, &["status", "--json"])["vouchers_unapproved"], 0);

    // A later change to what the voucher pays withdraws the approval.
    ok(
        &db,
        &[
            "correct",
            "--badge",
            "B-0002",
            "--field",
            "out",
            "--to",
            "19:30",
            "--reason",
            "last shot",
        ],
    );
    let ben = review_of(&db, "B-0002");
    assert!(ben["approved_by"].is_null() && ben["approved_at"].is_null());
    assert!(flags(&ben).contains(&"changed_since_approval".to_string()));
    assert_eq!(json(&db, &["status", "--json"])["vouchers_unapproved"], 1);
    // Items out never block: Cy's coat is still out, and he was clean.
    let cy = review_of(&db, "B-0003");
    assert!(flags(&cy).contains(&"items_out".to_string()));
    assert_eq!(
        cy["approved_by"], "J. Ruiz",
        "pay is never held against wardrobe"
    );

    // Required approval: the export waits, says how many and what to run.
    ok(&db, &["day", "require-approval", "yes"]);
    let out_dir = dir.path().join("refused");
    std::fs::create_dir(&out_dir).unwrap();
    let refused = fails(
        &db,
        &["export", "--out", out_dir.to_str().unwrap(), "--allow-open"],
    );
    assert!(
        refused.contains("1 released voucher is not approved")
            && refused.contains("voucher review"),
        "{refused}"
    );
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        0,
        "nothing written"
    );
    let unnoted = fails(
        &db,
        &["voucher", "approve", "--badge", "B-0002", "--by", "Lee"],
    );
    assert!(unnoted.contains("changed_since_approval"), "{unnoted}");
    ok(
        &db,
        &[
            "voucher",
            "approve",
            "--badge",
            "B-0002",
            "--by",
            "Lee",
            "--note",
            "new out time checked",
        ],
    );
    let csv = export_csv(&db, dir.path(), &["--allow-open"]);
    let ben = csv_row(&csv, "B-0002");
    assert_eq!(ben["approved_by"], "Lee");
    assert_eq!(ben["approved_at"].len(), "2026-11-28T21:52".len());
    assert_eq!(csv_row(&csv, "B-0001")["approved_at"], "2026-11-28T21:52");
    assert_eq!(csv_row(&csv, "B-0004")["approved_by"], "");
    ok(&db, &["day", "require-approval", "no"]);
}

#[test]
fn decisions_at_two_kiosks_out_of_reach_keep_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let lead = wrapped_day(dir.path());
    let tent = dir.path().join("tent1.db");
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
    ok(
        &lead,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0001",
            "--about",
            "out",
            "--claimed",
            "19:40",
        ],
    );
    ok(&lead, &["voucher", "paper", "--badge", "B-0002"]);
    ok(&tent, &["sync", lead.to_str().unwrap()]);
    let id = dispute_id(&tent, "B-0001", "out");
    // The tent rejects first; the lead, not seeing it, accepts later.
    ok(
        &tent,
        &[
            "dispute",
            "reject",
            &id,
            "--by",
            "Lee",
            "--note",
            "wrapped at 19:10",
            "--at",
            "20:00",
        ],
    );
    ok(
        &tent,
        &[
            "voucher", "approve", "--badge", "B-0002", "--by", "Lee", "--at", "20:01",
        ],
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(
        &lead,
        &["dispute", "accept", &id, "--by", "J. Ruiz", "--at", "20:05"],
    );
    ok(
        &lead,
        &[
            "voucher", "approve", "--badge", "B-0002", "--by", "J. Ruiz", "--at", "20:06",
        ],
    );
    ok(&tent, &["sync", lead.to_str().unwrap()]);
    ok(&lead, &["sync", tent.to_str().unwrap()]);
    for db in [&lead, &tent] {
        let d = json(db, &["dispute", "list", "--json"])[0].clone();
        assert_eq!(d["status"], "rejected", "the first decision stands");
        assert_eq!(d["decided_by"], "Lee");
        let conflicts = json(db, &["status", "--json"])["conflicts"].clone();
        assert!(
            conflicts
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["kind"] == "double_approval"),
            "{conflicts}"
        );
        let csv = export_csv(
            db,
            &dir.path().join(db.file_stem().unwrap()),
            &["--allow-open"],
        );
        assert_eq!(
            csv_row(&csv, "B-0001")["out"],
            "19:10",
            "the later acceptance's change is dropped"
        );
        assert_eq!(
            csv_row(&csv, "B-0002")["approved_by"],
            "Lee",
            "the first approval stands"
        );
    }
}

#[test]
fn hostile_or_broken_disputes_get_a_clear_refusal_and_nothing_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = wrapped_day(dir.path());
    let count = || {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    let before = count();
    let long = "x".repeat(141);
    for (args, says) in [
        (vec!["--about", "out"], "--claimed"),
        (vec!["--about", "bump"], "--bump"),
        (
            vec!["--about", "lunch", "--claimed", "12:00"],
            "not what a dispute is about",
        ),
        (vec!["--about", "out", "--claimed", "25:99"], "25:99"),
        (vec!["--about", "other", "--words", &long], "140"),
        (vec!["--about", "bump", "--bump", "caviar"], "not a bump"),
    ] {
        let mut all = vec!["dispute", "file", "--badge", "B-0001"];
        all.extend(args.iter());
        let err = fails(&db, &all);
        assert!(err.contains(says), "{all:?}: {err}");
    }
    let no_show = fails(
        &db,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0010",
            "--about",
            "in",
            "--claimed",
            "06:00",
        ],
    );
    assert!(no_show.contains("has not checked in"), "{no_show}");
    let not_out = fails(
        &db,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0004",
            "--about",
            "out",
            "--claimed",
            "19:00",
        ],
    );
    assert!(not_out.contains("not released"), "{not_out}");
    let nobody = fails(&db, &["dispute", "accept", "deadbeef", "--by", "X"]);
    assert!(nobody.contains("dispute list"), "{nobody}");
    let blank = fails(&db, &["voucher", "approve", "--clean", "--by", "  "]);
    assert!(blank.contains("name"), "{blank}");
    assert_eq!(count(), before, "nothing was recorded");
    // Control characters in the words are kept out of the record.
    ok(
        &db,
        &[
            "dispute",
            "file",
            "--badge",
            "B-0001",
            "--about",
            "other",
            "--words",
            "bell\u{7}ring",
        ],
    );
    let list = json(&db, &["dispute", "list", "--json"]);
    assert_eq!(list[0]["words"], "bell ring");
}

#[test]
fn status_stands_while_a_voucher_cannot_be_computed_yet() {
    let dir = tempfile::tempdir().unwrap();
    let db = wrapped_day(dir.path());
    // Dee goes to lunch and is released before it is ended.
    ok(
        &db,
        &["meal", "start", "--badge", "B-0004", "--at", "13:00"],
    );
    ok(&db, &["release", "--badge", "B-0004", "--at", "19:10"]);
    let out = kiosk(&db, &["status", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(status["vouchers_unapproved"].is_null(), "{status}");
    assert_eq!(status["released"], 4);
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(
        warning.contains("B-0004") && warning.contains("meal"),
        "{warning}"
    );
    // Approving Dee says what to end first, and approves nothing; the
    // others' vouchers are approved as usual.
    let refused = fails(
        &db,
        &[
            "voucher", "approve", "--badge", "B-0004", "--by", "J. Ruiz", "--note", "ok",
        ],
    );
    assert!(refused.contains("never ended"), "{refused}");
    ok(
        &db,
        &[
            "voucher", "approve", "--badge", "B-0001", "--by", "J. Ruiz", "--note", "ok",
        ],
    );
}
