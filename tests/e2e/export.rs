//! The wrap export on a real database: refused while extras are still
//! here (listing them), open meals named, files written whole, the purge
//! of contact details only after an export.

use super::common;

use common::{at, demo_with_skin};
use extras_kiosk::kiosk::{Group, Kiosk, MealKind, ScanMode};
use extras_kiosk::report::{self, ExportError, ExportRequest, Format};
use extras_kiosk::store::Actor;

fn request(dir: &std::path::Path, allow_open: bool) -> ExportRequest {
    ExportRequest {
        out_dir: dir.to_path_buf(),
        formats: vec![Format::Csv, Format::Xlsx, Format::Pdf],
        allow_open,
        allow_unsynced: false,
        allow_unapproved: false,
        paper: Default::default(),
    }
}

fn no_progress() -> impl FnMut(&str, usize, usize) {
    |_: &str, _: usize, _: usize| {}
}

#[test]
fn an_export_with_extras_still_here_is_refused_and_names_them() {
    let (_dir, mut store, day) = demo_with_skin();
    let everyone = store.bookings(&day).unwrap();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    for b in &everyone[..3] {
        kiosk.check_in(b, at(&day, "06:20"), Actor::Kiosk).unwrap();
    }
    kiosk.release(&everyone[0], at(&day, "15:00")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let err = report::export(
        &mut store,
        &day,
        &request(out.path(), false),
        at(&day, "15:30"),
        &mut no_progress(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, ExportError::StillHere(ref names) if names.len() == 2),
        "{text}"
    );
    assert!(
        text.contains(&everyone[1].badge_no) && text.contains(&everyone[2].badge_no),
        "{text}"
    );
    assert!(text.contains("--allow-open"), "{text}");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing written"
    );

    let summary = report::export(
        &mut store,
        &day,
        &request(out.path(), true),
        at(&day, "15:30"),
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(summary.files.len(), 5, "with items-out-<date>.csv");
    assert_eq!(
        (summary.released, summary.not_released, summary.no_shows),
        (1, 2, 167)
    );
    let csv = std::fs::read_to_string(out.path().join("vouchers-2026-11-28.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 170);
    let open = rows.iter().find(|r| r[1] == everyone[1].badge_no).unwrap();
    assert_eq!(&open[26], "not_released");
    assert_eq!(&open[8], "06:20", "its times are kept");
    assert_eq!((&open[17], &open[25]), ("0.0", "0.00"), "and no amounts");
    let no_show = rows.iter().find(|r| r[1] == everyone[5].badge_no).unwrap();
    assert_eq!(
        (&no_show[8], &no_show[26], &no_show[25]),
        ("", "no_show", "0.00")
    );
}

#[test]
fn a_released_extra_with_a_meal_never_ended_is_named_at_export() {
    let (_dir, mut store, day) = demo_with_skin();
    let b = store.bookings(&day).unwrap()[7].clone();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk.check_in(&b, at(&day, "06:20"), Actor::Kiosk).unwrap();
    kiosk
        .meal(
            &Group::One(Box::new(b.clone())),
            MealKind::Meal,
            true,
            at(&day, "12:00"),
        )
        .unwrap();
    kiosk.release(&b, at(&day, "15:00")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let err = report::export(
        &mut store,
        &day,
        &request(out.path(), true),
        at(&day, "15:30"),
        &mut no_progress(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(&b.badge_no) && err.contains(&b.details.full_name()),
        "{err}"
    );
    assert!(err.contains("never ended"), "{err}");
}

#[test]
fn contacts_are_purged_only_after_an_export() {
    let (dir, mut store, day) = demo_with_skin();
    let phones = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT COUNT(phone) + COUNT(email) FROM people", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let db = dir.path().join("kiosk.db");
    assert!(phones(&db) > 0, "the demo skin has phone numbers");
    let err = report::purge(&mut store, &day).unwrap_err().to_string();
    assert!(err.contains("export"), "{err}");
    assert!(phones(&db) > 0, "nothing purged before an export");

    let out = tempfile::tempdir().unwrap();
    let mut req = request(out.path(), true);
    req.formats = vec![Format::Csv];
    report::export(
        &mut store,
        &day,
        &req,
        at(&day, "20:00"),
        &mut no_progress(),
    )
    .unwrap();
    assert!(report::purge(&mut store, &day).unwrap() > 0);
    assert_eq!(phones(&db), 0);
    let csv = std::fs::read_to_string(out.path().join("vouchers-2026-11-28.csv")).unwrap();
    assert_eq!(csv.lines().count(), 171, "the vouchers are kept");
    assert!(store.verify_chain().unwrap().is_intact());
}

#[test]
fn an_export_folder_that_is_missing_says_so() {
    let (_dir, mut store, day) = demo_with_skin();
    let err = report::export(
        &mut store,
        &day,
        &request(std::path::Path::new("/no/such/stick"), true),
        at(&day, "20:00"),
        &mut no_progress(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("/no/such/stick") && err.contains("mount"),
        "{err}"
    );
}

/// The hash on the extra's copy at check-out is the one on the payroll
/// PDF and in the CSV, even when paperwork and items settle after it.
#[test]
fn the_copy_at_check_out_matches_the_exported_voucher() {
    use extras_kiosk::kiosk::{ItemKind, ItemMatch};
    use extras_kiosk::model::Paperwork;
    let (_dir, mut store, day) = demo_with_skin();
    let booking = store.booking(&day, "B-0006").unwrap();
    assert_eq!(booking.details.paperwork, Paperwork::Pending);
    let out = at(&day, "15:00");
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk
        .check_in(&booking, at(&day, "06:00"), Actor::Kiosk)
        .unwrap();
    kiosk
        .issue_item(
            &booking,
            ItemKind::Wardrobe,
            "Police jacket",
            Some("w-12"),
            "Jo",
            at(&day, "07:00"),
        )
        .unwrap();
    kiosk.release(&booking, out).unwrap();
    let copy = report::summary::voucher_summary(&store, &day, &booking, out).copy;
    let hash = copy.rsplit("Voucher: ").next().unwrap().trim().to_string();
    // After check-out: the paperwork verified, the jacket back.
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk
        .decide_paperwork(&booking, Paperwork::Verified, "I-9 seen", at(&day, "15:05"))
        .unwrap();
    kiosk
        .return_item(&booking, &ItemMatch::Tag("W-12".into()), at(&day, "15:10"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut req = request(dir.path(), true);
    req.formats = vec![Format::Csv];
    report::export(
        &mut store,
        &day,
        &req,
        at(&day, "16:00"),
        &mut no_progress(),
    )
    .unwrap();
    let csv = std::fs::read_to_string(dir.path().join("vouchers-2026-11-28.csv")).unwrap();
    let row = csv.split("\r\n").find(|r| r.contains(",B-0006,")).unwrap();
    assert!(row.ends_with(",verified,,0,,,"), "{row}");
    let pay_columns: Vec<&str> = row.rsplitn(7, ',').collect();
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(pay_columns[6].as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hash, expected, "{copy}");
}
