//! Importing skins into a real database file: the demo day, every bad skin
//! refused with its problems and the store untouched, XLSX, re-imports.

use super::common;

use common::{demo_store, dump, fixture};
use extras_kiosk::model::{Booking, Category, Money, UnionStatus};
use extras_kiosk::skin::{self, ImportOptions, SkinError};
use extras_kiosk::store::Store;
use std::path::Path;

fn import(
    store: &mut Store,
    day: &extras_kiosk::model::Day,
    path: &Path,
) -> Result<skin::ImportReport, SkinError> {
    skin::import(store, day, path, ImportOptions::default())
}

fn find<'a>(bookings: &'a [Booking], first: &str, last: &str) -> &'a Booking {
    bookings
        .iter()
        .find(|b| b.details.first_name == first && b.details.last_name == last)
        .unwrap_or_else(|| panic!("{first} {last} not imported"))
}

fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().unwrap()
}

#[test]
fn the_demo_skin_imports_every_booking_with_its_badge() {
    let (_dir, mut store, day) = demo_store();
    let report = import(&mut store, &day, &fixture("demo/skin.csv")).unwrap();
    assert_eq!((report.added, report.updated, report.removed), (170, 0, 0));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("Maria Garcia") && w.contains("same name")),
        "{:?}",
        report.warnings
    );

    let bookings = store.bookings(&day).unwrap();
    assert_eq!(bookings.len(), 170);
    let badges: Vec<&str> = bookings.iter().map(|b| b.badge_no.as_str()).collect();
    assert_eq!(badges.first(), Some(&"B-0001"));
    assert_eq!(badges.last(), Some(&"B-0170"));

    let pat = find(&bookings, "Pat", "O'Brien");
    assert_eq!(pat.badge_no, "B-0001");
    assert_eq!(pat.details.category, Category::General);
    assert_eq!(pat.details.union, UnionStatus::Union);
    assert_eq!(
        pat.details.rate, None,
        "empty rate takes the category default"
    );
    assert_eq!(
        pat.details.call_at,
        utc("2026-11-28T13:30:00Z"),
        "05:30 in Los Angeles"
    );
    let jean_luc = find(&bookings, "Jean-Luc", "Tremblay");
    assert_eq!(jean_luc.details.category, Category::StandIn);
    assert_eq!(jean_luc.details.rate, Some(Money(26200)));
    assert_eq!(
        jean_luc.details.call_at,
        utc("2026-11-28T14:00:00Z"),
        "6:00 AM"
    );
    assert_eq!(
        find(&bookings, "Zoë", "Ng").details.union,
        UnionStatus::NonUnion
    );
    assert_eq!(
        find(&bookings, "芳", "王").details.category,
        Category::PhotoDouble
    );

    let mut categories: Vec<Category> = bookings.iter().map(|b| b.details.category).collect();
    categories.sort();
    categories.dedup();
    assert_eq!(categories.len(), 4, "every category is on the demo day");
    let status = store.status(&day, utc("2026-11-28T13:00:00Z")).unwrap();
    assert_eq!(status.booked, 170);
    assert_eq!(status.missing, 0, "nobody is missing before the first call");
    assert_eq!(status.areas.len(), 3);
}

/// Each bad skin: the problems as printed, line and column, and the store
/// exactly as it was.
#[test]
fn every_bad_skin_is_refused_with_each_problem_named_and_nothing_written() {
    let (dir, mut store, day) = demo_store();
    import(&mut store, &day, &fixture("demo/skin.csv")).unwrap();
    let db = dir.path().join("kiosk.db");
    let cases: &[(&str, &[&str])] = &[
        ("skins/missing-column.csv", &[":1: union: column missing"]),
        (
            "skins/bad-time.csv",
            &[
                ":3: call_time: not a time: write 06:30, 6:30 AM, 0630 or 6:30a (25:00)",
                ":4: call_time: not a time: write 06:30, 6:30 AM, 0630 or 6:30a (soon)",
                ":5: call_time: not a time: write 06:30, 6:30 AM, 0630 or 6:30a (6:75)",
            ],
        ),
        (
            "skins/bad-category.csv",
            &[
                ":2: category: not a category",
                ":3: category: empty",
                ":4: union: not a union status",
            ],
        ),
        (
            "skins/duplicate-person.csv",
            &[
                ":4: last_name: the same person as line 2",
                ":5: last_name: the same person as line 3",
            ],
        ),
        ("skins/empty.csv", &[":1: the file is empty"]),
        ("skins/garbage.bin", &[":1: this is not a CSV or XLSX file"]),
        (
            "skins/rate-per-10.csv",
            &[
                ":2: rate: a rate for 10 hours is not supported yet",
                ":3: rate: a rate for 12 hours is not supported yet",
                ":4: rate: write the rate like 224",
            ],
        ),
        (
            "skins/many-problems.csv",
            &[
                ":4: first_name: no name",
                ":5: category: not a category",
                ":5: rate: a rate for 10 hours",
                ":5: call_time: not a time",
            ],
        ),
    ];
    let before = dump(&db);
    for (file, expected) in cases {
        let path = fixture(file);
        let err = import(&mut store, &day, &path).expect_err(file);
        let SkinError::Invalid(problems) = err else {
            panic!("{file}: {err}");
        };
        let printed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(printed.len(), expected.len(), "{file}: {printed:#?}");
        for (line, want) in printed.iter().zip(expected.iter()) {
            assert!(line.starts_with(&path.display().to_string()), "{line}");
            assert!(
                line.contains(want),
                "{file}: {line:?} should contain {want:?}"
            );
        }
        assert_eq!(dump(&db), before, "{file} changed the store");
    }
}

#[test]
fn headers_spellings_bom_crlf_and_quoted_newlines_are_understood() {
    let (_dir, mut store, day) = demo_store();
    let report = import(&mut store, &day, &fixture("skins/spellings.csv")).unwrap();
    assert_eq!(report.added, 4);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let bookings = store.bookings(&day).unwrap();
    let pat = find(&bookings, "Pat", "O'Brien");
    assert_eq!(pat.details.rate, Some(Money(22400)));
    assert_eq!(pat.details.phone.as_deref(), Some("(310) 555-0111"));
    assert_eq!(pat.details.wardrobe.as_deref(), Some("Coat, hat"));
    assert_eq!(pat.details.call_at, utc("2026-11-28T14:30:00Z"), "6:30a");
    let zoe = find(&bookings, "Zoë", "Ng");
    assert_eq!(zoe.details.notes.as_deref(), Some("Two\r\nline note"));
    assert_eq!(
        zoe.details.call_at,
        utc("2026-11-28T14:30:00Z"),
        "the day's default call"
    );
    assert_eq!(
        find(&bookings, "Jean-Luc", "Picard").details.rate,
        Some(Money(26200))
    );
    let wang = find(&bookings, "王芳", "");
    assert_eq!(
        wang.details.call_at,
        utc("2026-11-29T02:00:00Z"),
        "06:00 PM"
    );
}

#[test]
fn a_missing_call_needs_the_days_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    let update = extras_kiosk::store::DayUpdate {
        date: Some(common::demo_date()),
        title: Some("No default call".into()),
        ..Default::default()
    };
    let (day, _) = store.open_day(&update, chrono_tz::Europe::Madrid).unwrap();
    let skin = dir.path().join("skin.csv");
    std::fs::write(&skin, "name,category,union,call_time\nAna Lopez,BG,N,\nBen Ortiz,BG,N,22:00\nCleo Park,BG,N,01:30+1\n").unwrap();
    let SkinError::Invalid(problems) = import(&mut store, &day, &skin).unwrap_err() else {
        panic!("expected problems");
    };
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .contains(":2: call_time: empty, and the day has no default call")
    );

    std::fs::write(
        &skin,
        "name,category,union,call_time\nBen Ortiz,BG,N,22:00\nCleo Park,BG,N,01:30+1\n",
    )
    .unwrap();
    import(&mut store, &day, &skin).unwrap();
    let bookings = store.bookings(&day).unwrap();
    // Madrid is UTC+1 in November; the night shoot's 01:30 is the next date.
    assert_eq!(
        find(&bookings, "Ben", "Ortiz").details.call_at,
        utc("2026-11-28T21:00:00Z")
    );
    assert_eq!(
        find(&bookings, "Cleo", "Park").details.call_at,
        utc("2026-11-29T00:30:00Z")
    );
}

#[test]
fn an_xlsx_skin_imports_and_its_problems_name_sheet_rows() {
    use rust_xlsxwriter::{Format, Workbook};
    let (dir, mut store, day) = demo_store();
    let time = Format::new().set_num_format("hh:mm");
    let mut clean = Workbook::new();
    let sheet = clean.add_worksheet();
    for (col, header) in [
        "Last Name",
        "First Name",
        "Category",
        "Union",
        "Rate",
        "Call Time",
        "Phone",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(0, col as u16, *header).unwrap();
    }
    let rows: [[&str; 7]; 2] = [
        ["Nakamura", "Yuki", "SA", "SAG", "", "", ""],
        ["Müller", "Björn", "BG", "no", "", "7:15 AM", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write(r as u32 + 1, c as u16, *cell).unwrap();
            }
        }
    }
    // Typed cells, as a spreadsheet keeps them: a time and a number.
    sheet.write_with_format(1, 5, 0.25, &time).unwrap();
    sheet.write(1, 4, 234).unwrap();
    sheet.write(1, 6, 3_105_550_123.0).unwrap();
    let good = dir.path().join("good.xlsx");
    clean.save(&good).unwrap();

    let report = import(&mut store, &day, &good).unwrap();
    assert_eq!(report.added, 2);
    let bookings = store.bookings(&day).unwrap();
    let yuki = find(&bookings, "Yuki", "Nakamura");
    assert_eq!(yuki.details.rate, Some(Money(23400)));
    assert_eq!(
        yuki.details.call_at,
        utc("2026-11-28T14:00:00Z"),
        "0.25 of a day is 06:00"
    );
    assert_eq!(yuki.details.phone.as_deref(), Some("3105550123"));
    assert_eq!(
        find(&bookings, "Björn", "Müller").details.call_at,
        utc("2026-11-28T15:15:00Z")
    );

    // A bad cell is named by its sheet row.
    let mut bad = Workbook::new();
    let sheet = bad.add_worksheet();
    for (col, header) in ["name", "category", "union"].iter().enumerate() {
        sheet.write(0, col as u16, *header).unwrap();
    }
    sheet.write(1, 0, "Ana Lopez").unwrap();
    sheet.write(1, 1, "BG").unwrap();
    sheet.write(1, 2, "SAG").unwrap();
    sheet.write(3, 0, "Ben Ortiz").unwrap();
    sheet.write(3, 1, "lead").unwrap();
    sheet.write(3, 2, "SAG").unwrap();
    let bad_path = dir.path().join("bad.xlsx");
    bad.save(&bad_path).unwrap();
    let SkinError::Invalid(problems) = import(&mut store, &day, &bad_path).unwrap_err() else {
        panic!("expected problems");
    };
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().ends_with("bad.xlsx:4: category: not a category: write general (BG), special ability (SA), stand-in or photo double (lead)"), "{}", problems[0]);
}

/// The demo skin with one call changed, two people dropped (one of whom
/// already checked in) and one added.
#[test]
fn a_reimport_updates_in_place_keeps_badges_and_never_drops_someone_here() {
    let (dir, mut store, day) = demo_store();
    import(&mut store, &day, &fixture("demo/skin.csv")).unwrap();
    let before = store.bookings(&day).unwrap();
    let here = find(&before, "Zoë", "Ng").clone();
    let gone = find(&before, "Pat", "O'Brien").clone();
    let changed = find(&before, "Jean-Luc", "Tremblay").clone();
    // Zoë checked in (the kiosk core records this in a later issue).
    rusqlite::Connection::open(dir.path().join("kiosk.db"))
        .unwrap()
        .execute(
            "INSERT INTO attendance (booking_id, checked_in_at) VALUES (?1, '2026-11-28T14:20:00Z')",
            [here.id],
        )
        .unwrap();

    let text = std::fs::read_to_string(fixture("demo/skin.csv")).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("Pat,O'Brien,") && !l.starts_with("Zoë,Ng,"))
        .map(|l| {
            if l.starts_with("Jean-Luc,Tremblay,") {
                l.replace(",6:00 AM,", ",05:45,")
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.push(
        "Aiko,Sato,BG,SAG,,07:00,,(213) 555-0199,aiko@example.com,Central Casting,Rush call".into(),
    );
    let updated = dir.path().join("skin-v2.csv");
    std::fs::write(&updated, lines.join("\n")).unwrap();

    let report = import(&mut store, &day, &updated).unwrap();
    assert_eq!(
        (
            report.added,
            report.updated,
            report.unchanged,
            report.removed
        ),
        (1, 1, 167, 2)
    );
    assert_eq!(report.kept_checked_in.len(), 1);
    assert_eq!(report.kept_checked_in[0].badge_no, here.badge_no);

    let after = store.bookings(&day).unwrap();
    assert_eq!(after.len(), 170, "168 on the skin and Zoë, who is here");
    let zoe = find(&after, "Zoë", "Ng");
    assert!(zoe.removed_from_skin, "kept and flagged");
    assert!(after.iter().all(|b| b.id != gone.id), "Pat leaves the day");
    let jean_luc = find(&after, "Jean-Luc", "Tremblay");
    assert_eq!(
        jean_luc.badge_no, changed.badge_no,
        "an update keeps the badge"
    );
    assert_eq!(jean_luc.details.call_at, utc("2026-11-28T13:45:00Z"));
    assert_eq!(find(&after, "Aiko", "Sato").badge_no, "B-0171");
    for b in &before {
        if let Some(a) = after.iter().find(|a| a.id == b.id) {
            assert_eq!(a.badge_no, b.badge_no);
        }
    }

    // The first skin again: Pat is back with the same badge; nobody new.
    let report = import(&mut store, &day, &fixture("demo/skin.csv")).unwrap();
    assert_eq!(
        (report.added, report.removed),
        (0, 1),
        "Aiko is dropped again"
    );
    let again = store.bookings(&day).unwrap();
    assert_eq!(find(&again, "Pat", "O'Brien").badge_no, gone.badge_no);
    assert!(!find(&again, "Zoë", "Ng").removed_from_skin);
    assert!(store.verify_chain().unwrap().is_intact());
}

#[test]
fn a_skin_that_would_empty_the_day_needs_replace() {
    let (dir, mut store, day) = demo_store();
    import(&mut store, &day, &fixture("demo/skin.csv")).unwrap();
    let db = dir.path().join("kiosk.db");
    let before = dump(&db);
    let err = import(&mut store, &day, &fixture("skins/spellings.csv")).unwrap_err();
    assert!(
        matches!(
            err,
            SkinError::WouldRemoveMost {
                removed: 170,
                active: 170
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("--replace"));
    assert_eq!(dump(&db), before);
    let report = skin::import(
        &mut store,
        &day,
        &fixture("skins/spellings.csv"),
        ImportOptions { replace: true },
    )
    .unwrap();
    assert_eq!((report.added, report.removed), (4, 170));
}
