//! The extras' face through Slint's testing backend, on a real database:
//! badges typed as a scanner types them, refusals, back-to-back scans, the
//! language toggle, the no-badge request, check-out with a signature.

use super::ui;

use extras_kiosk::kiosk::ScanMode;
use extras_kiosk::ui::{FaceAdapter, FaceScreen};
use slint::ComponentHandle;
use slint::platform::{PointerEventButton, WindowEvent};
use std::time::Duration;
use ui::{count, kiosk, press, scan, settle, shows, texts};

#[test]
fn a_scanned_badge_shows_the_name_and_the_holding_area() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    assert!(
        shows(&k.window, "Scan your badge"),
        "{:?}",
        texts(&k.window)
    );
    let (badge, payload) = &k.badges[0];
    scan(&k.window, payload);
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(face.get_screen(), FaceScreen::Card);
    let name = k.demo[0].label.clone();
    assert!(
        shows(&k.window, &format!("Welcome, {name}")),
        "{:?}",
        texts(&k.window)
    );
    let area = face.get_card_area().to_string();
    assert!(
        !area.is_empty() && shows(&k.window, &area),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            &format!(
                "SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
                 WHERE b.badge_no = '{badge}' AND a.checked_in_at IS NOT NULL"
            )
        ),
        1,
        "the database has the arrival"
    );
    // The card goes back to idle by itself.
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(6));
    assert_eq!(face.get_screen(), FaceScreen::Idle);
}

#[test]
fn a_refused_badge_shows_the_red_card_with_its_reason() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    scan(&k.window, "https://example.com/coupon");
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(face.get_card_kind(), extras_kiosk::ui::CardKind::Refused);
    assert!(
        shows(&k.window, "That is not a badge code"),
        "{:?}",
        texts(&k.window)
    );
    assert!(shows(&k.window, "Please see the PA"));
    // A replaced badge says so.
    let replaced = k.demo.iter().find(|d| d.label == "Replaced badge").unwrap();
    scan(&k.window, &replaced.payload.clone());
    assert!(
        shows(&k.window, "This badge was replaced"),
        "{:?}",
        texts(&k.window)
    );
    let other_day = k
        .demo
        .iter()
        .find(|d| d.label == "Another day's badge")
        .unwrap();
    scan(&k.window, &other_day.payload.clone());
    assert!(
        shows(&k.window, "This badge is for "),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(count(&k, "SELECT COUNT(*) FROM attendance"), 0);
}

#[test]
fn ten_scans_back_to_back_all_land() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    for (_, payload) in k.badges.iter().take(10) {
        scan(&k.window, payload);
    }
    assert_eq!(count(&k, "SELECT COUNT(*) FROM attendance"), 10);
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM events WHERE kind = 'checked_in'"),
        10
    );
    // The same badge again: amber, already here.
    scan(&k.window, &k.badges[0].1);
    assert_eq!(
        k.window.global::<FaceAdapter>().get_card_kind(),
        extras_kiosk::ui::CardKind::AlreadyHere
    );
    assert!(
        shows(&k.window, "already checked in"),
        "{:?}",
        texts(&k.window)
    );
}

#[test]
fn the_language_toggle_switches_the_idle_text() {
    let k = kiosk(ScanMode::CheckIn, 800, 1280);
    assert!(shows(&k.window, "Scan your badge"));
    press(&k.window, "Español");
    assert!(
        shows(&k.window, "Escanee su credencial"),
        "{:?}",
        texts(&k.window)
    );
    assert!(shows(&k.window, "¿Sin credencial?"));
    press(&k.window, "English");
    assert!(shows(&k.window, "Scan your badge"));
}

#[test]
fn no_badge_files_a_request_and_checks_nobody_in() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let face = k.window.global::<FaceAdapter>();
    press(&k.window, "No badge?");
    assert_eq!(face.get_screen(), FaceScreen::Search);
    let first = k.demo[0].label.clone();
    let letters: Vec<String> = first
        .chars()
        .take(3)
        .map(|c| c.to_uppercase().to_string())
        .collect();
    press(&k.window, &letters[0]);
    press(&k.window, &letters[1]);
    assert_eq!(
        face.get_matches().row_count(),
        0,
        "nothing before three letters"
    );
    press(&k.window, &letters[2]);
    assert!(face.get_matches().row_count() > 0);
    // A scan still works on the search screen.
    scan(&k.window, &k.badges[5].1);
    assert_eq!(face.get_screen(), FaceScreen::Card);
    assert_eq!(count(&k, "SELECT COUNT(*) FROM attendance"), 1);

    idle(&k);
    press(&k.window, "No badge?");
    for l in &letters {
        press(&k.window, l);
    }
    press(&k.window, &first);
    assert!(shows(&k.window, "A PA is coming"), "{:?}", texts(&k.window));
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'badge_requested'"
        ),
        1
    );
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM attendance"),
        1,
        "no one checked in by it"
    );
    // Untouched for 30 s, the search closes.
    idle(&k);
    press(&k.window, "No badge?");
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(31));
    assert_eq!(face.get_screen(), FaceScreen::Idle);
}

use slint::Model;

/// Waits out the card on screen.
fn idle(k: &ui::Kiosk) {
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(6));
    settle();
    assert_eq!(
        k.window.global::<FaceAdapter>().get_screen(),
        FaceScreen::Idle
    );
}

#[test]
fn check_out_shows_the_summary_and_stores_a_signature() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let (_, first) = k.badges[0].clone();
    let (_, second) = k.badges[1].clone();
    scan(&k.window, &first);
    scan(&k.window, &second);
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    k.session.face_changed();
    idle(&k);
    assert!(shows(&k.window, "Scan your badge to sign out"));

    scan(&k.window, &first);
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    // Checked out at once: a short day, told apart from the hours paid.
    for label in [
        "In",
        "Out",
        "Hours worked",
        "Paid the minimum",
        "8.0 h",
        "Bumps",
    ] {
        assert!(
            texts(&k.window).iter().any(|t| t == label),
            "{label}: {:?}",
            texts(&k.window)
        );
    }
    // The extra's copy: a QR code on screen that a phone reads offline,
    // with the count of changes and the voucher's hash.
    let copies = ui::qr_codes(&k.window);
    assert_eq!(copies.len(), 1, "one QR code on the summary");
    assert!(copies[0].starts_with("VOUCHER "), "{}", copies[0]);
    assert!(
        copies[0].contains("B-0001")
            && copies[0].contains("Hours worked: ")
            && copies[0].contains("Paid the minimum: 8.0 h")
            && copies[0].contains("Changes: no changes\nVoucher: "),
        "{}",
        copies[0]
    );
    let hash = copies[0].rsplit("Voucher: ").next().unwrap().trim();
    assert!(
        hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{hash}"
    );

    press(&k.window, "Sign");
    assert_eq!(face.get_screen(), FaceScreen::Signature);
    // A finger stroke across the pad.
    let w = k.window.window();
    let at = |x: f32, y: f32| slint::LogicalPosition::new(x, y);
    w.dispatch_event(WindowEvent::PointerPressed {
        position: at(300.0, 400.0),
        button: PointerEventButton::Left,
    });
    for i in 1..20 {
        w.dispatch_event(WindowEvent::PointerMoved {
            position: at(300.0 + i as f32 * 20.0, 400.0 + (i % 5) as f32 * 12.0),
        });
    }
    w.dispatch_event(WindowEvent::PointerReleased {
        position: at(700.0, 420.0),
        button: PointerEventButton::Left,
    });
    settle();
    assert!(!face.get_signature_empty(), "the stroke is drawn");
    press(&k.window, "Done");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_signed'"
        ),
        1
    );
    let strokes: String = rusqlite::Connection::open(k.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(
            "SELECT payload FROM events WHERE kind = 'voucher_signed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(strokes.contains("strokes"), "{strokes}");

    // A new scan during a summary takes over; that voucher is left unsigned.
    scan(&k.window, &second);
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    scan(&k.window, &first);
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_unsigned'"
        ),
        1
    );
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM events WHERE kind = 'released'"),
        2
    );
}

#[test]
fn a_wrong_clock_warns_the_pa_and_an_empty_database_says_what_to_do() {
    // The log has events from now; the machine's clock says an hour ago.
    let clock = std::rc::Rc::new(std::cell::Cell::new(
        chrono::Utc::now() - chrono::Duration::hours(1),
    ));
    let k = ui::kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock);
    let face = k.window.global::<FaceAdapter>();
    assert!(
        face.get_pa_warning().contains("already has an event from"),
        "{}",
        face.get_pa_warning()
    );
    assert!(shows(&k.window, "For the PA: check before anyone scans"));
    press(&k.window, "I have checked: continue");
    assert_eq!(face.get_pa_warning(), "");

    ui::init();
    let dir = tempfile::tempdir().unwrap();
    let store = extras_kiosk::store::Store::open(&dir.path().join("empty.db")).unwrap();
    let (window, _session) = extras_kiosk::ui::open_window(
        extras_kiosk::kiosk::Station::open(store, Some(ScanMode::CheckIn)).unwrap(),
        Vec::new(),
        Box::new(extras_kiosk::ui::sound::Silent),
        Box::new(chrono::Utc::now),
    )
    .unwrap();
    settle();
    let face = window.global::<FaceAdapter>();
    assert_eq!(face.get_screen(), FaceScreen::NoDay);
    assert!(
        face.get_no_day_text().contains("day open"),
        "{}",
        face.get_no_day_text()
    );
    assert!(shows(&window, "This kiosk has no shoot day yet"));
}

#[test]
fn scanning_again_shows_the_day_so_far_for_ten_seconds() {
    use chrono::Utc;
    use std::cell::Cell;
    use std::rc::Rc;
    let clock = Rc::new(Cell::new(Utc::now()));
    let k = ui::kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock.clone());
    let day = k.session.console().day().unwrap();
    // Pat O. (union, call 05:30) arrives at 06:00 and scans again at 15:30,
    // never having had a meal: 9.5 hours so far.
    clock.set(day.parse_at("06:00").unwrap());
    scan(&k.window, &k.badges[0].1);
    clock.set(day.parse_at("15:30").unwrap());
    scan(&k.window, &k.badges[0].1);
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(
        face.get_card_kind(),
        extras_kiosk::ui::CardKind::AlreadyHere
    );
    assert!(
        shows(&k.window, "Your day so far"),
        "{:?}",
        texts(&k.window)
    );
    let lines = face.get_card_lines();
    let line = |code: &str| {
        (0..lines.row_count())
            .filter_map(|i| lines.row_data(i))
            .find(|l| l.label == code)
            .map(|l| l.value.to_string())
    };
    assert_eq!(line("in").as_deref(), Some("06:00"));
    assert_eq!(line("hours").as_deref(), Some("9.5"));
    assert!(line("gross").unwrap().starts_with('$'));
    assert_eq!(line("out"), None, "not released: no out time");
    assert_eq!(
        face.get_card_arithmetic(),
        "9.5 h: 8.0 h straight, 1.5 h at 1.5x"
    );
    // The same view as a copy to keep: first name and last initial only.
    let copies = ui::qr_codes(&k.window);
    assert_eq!(copies.len(), 1, "one QR code on the card: {copies:?}");
    let copy = &copies[0];
    assert!(copy.starts_with("MY DAY SO FAR "), "{copy}");
    for wanted in [
        "Pat O.\n",
        "In: 06:00\n",
        "Hours worked: 9.5\n",
        "Gross: $",
        "If released now; not a voucher.",
        "Changes: no changes\n",
        "9.5 h: 8.0 h straight, 1.5 h at 1.5x",
    ] {
        assert!(copy.contains(wanted), "{wanted:?} in {copy}");
    }
    assert!(!copy.contains("Okafor"), "no full last name: {copy}");
    assert_eq!(
        k.session.face().borrow().timeout(),
        Some(Duration::from_secs(10)),
        "longer than other cards: there is more to read"
    );
    // Nothing was recorded by looking: still checked in, not released.
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM attendance WHERE released_at IS NULL"
        ),
        1
    );
    // In Spanish too.
    face.invoke_close();
    settle();
    press(&k.window, "Español");
    scan(&k.window, &k.badges[0].1);
    assert!(
        shows(&k.window, "Su día hasta ahora"),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        face.get_card_arithmetic(),
        "9.5 h: 8.0 h normales, 1.5 h a 1.5x"
    );
}

#[test]
fn a_paper_voucher_is_collected_and_signed_with_the_pa() {
    use extras_kiosk::ui::roster::RosterFilter;
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let (first, payload) = k.badges[0].clone();
    let (second, other) = k.badges[1].clone();
    let console = k.session.console();
    console.reload();
    for badge in [first, second] {
        console.search(RosterFilter {
            text: badge,
            ..RosterFilter::default()
        });
        console.select(Some(0));
        let said = console.toggle_paper_voucher_selected().unwrap();
        assert!(said.0.contains("gets a paper voucher"), "{}", said.0);
    }

    // The check-in card sends them to the PA for it, in both languages.
    scan(&k.window, &payload);
    let face = k.window.global::<FaceAdapter>();
    assert!(face.get_card_paper());
    assert!(
        shows(&k.window, "Collect your paper voucher from the PA"),
        "{:?}",
        texts(&k.window)
    );
    face.invoke_close();
    settle();
    press(&k.window, "Español");
    scan(&k.window, &other);
    assert!(
        shows(
            &k.window,
            "Recoja su comprobante en papel con el asistente de producción"
        ),
        "{:?}",
        texts(&k.window)
    );
    face.invoke_close();
    settle();
    press(&k.window, "English");

    // At check-out: no signature pad, sign the paper with the PA.
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    k.session.face_changed();
    idle(&k);
    scan(&k.window, &payload);
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    assert!(
        shows(&k.window, "Sign your paper voucher with the PA"),
        "{:?}",
        texts(&k.window)
    );
    let labels = ui::buttons(&k.window);
    assert!(
        !labels.iter().any(|b| b == "Sign") && labels.iter().any(|b| b == "Something's wrong"),
        "no Sign button, a dispute still possible: {labels:?}"
    );
    face.invoke_sign();
    settle();
    assert_eq!(face.get_screen(), FaceScreen::Summary, "no pad opens");
    // Walking away does not mark a paper voucher unsigned.
    face.invoke_close();
    settle();
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_unsigned'"
        ),
        0
    );
}

#[test]
fn pending_paperwork_goes_to_the_pa_and_items_out_are_asked_back() {
    use extras_kiosk::ui::{RequestsAdapter, WrapAdapter};
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    // The demo's B-0006 has pending paperwork and a police jacket out.
    let (badge, payload) = k.badges[4].clone();
    assert_eq!(badge, "B-0006");
    scan(&k.window, &payload);
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(face.get_card_kind(), extras_kiosk::ui::CardKind::CheckedIn);
    assert!(face.get_card_paperwork());
    assert!(
        shows(
            &k.window,
            "See the PA about your paperwork before going to holding"
        ),
        "{:?}",
        texts(&k.window)
    );
    // Checked in all the same, and listed on Requests until verified.
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM attendance WHERE released_at IS NULL"
        ),
        1
    );
    let console = k.session.console();
    console.reload();
    let requests = k.window.global::<RequestsAdapter>().get_requests();
    let row = (0..requests.row_count())
        .filter_map(|i| requests.row_data(i))
        .find(|r| r.badge == "B-0006")
        .expect("B-0006 on Requests");
    assert_eq!(row.kind, extras_kiosk::ui::RequestKind::Paperwork);
    let verified = console.approve(&row.id, "I-9 seen").unwrap();
    assert!(verified.0.contains("verified"), "{}", verified.0);
    let requests = k.window.global::<RequestsAdapter>().get_requests();
    assert!(
        !(0..requests.row_count())
            .filter_map(|i| requests.row_data(i))
            .any(|r| r.badge == "B-0006"),
        "no longer pending"
    );

    // The wrap tab lists the items still out, first.
    let items = k.window.global::<WrapAdapter>().get_items_out();
    let lines: Vec<String> = (0..items.row_count())
        .filter_map(|i| items.row_data(i).map(|s| s.to_string()))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("B-0006") && l.ends_with("Police jacket W-12 to wardrobe")),
        "{lines:?}"
    );

    // At check-out the summary asks for it back; the release stands.
    face.invoke_close();
    settle();
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    k.session.face_changed();
    idle(&k);
    scan(&k.window, &payload);
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    assert!(
        shows(&k.window, "Please return: Police jacket W-12 to wardrobe"),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM attendance WHERE released_at IS NOT NULL"
        ),
        1,
        "pay is never held for an item"
    );
}

/// The busiest morning on the window (issue 23): the kiosk's follower
/// thread folds two tents' check-ins into the file, arriving through a
/// real hub all along, while badges are scanned on the window back to
/// back. Every scan shows its card; none shows an error or "Not recorded".
#[test]
fn scans_on_the_window_while_the_follower_folds_others_never_show_an_error() {
    use extras_kiosk::kiosk::Kiosk as Core;
    use extras_kiosk::store::Store;
    use extras_kiosk::store::hub::{HubAddress, follow};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let pg = super::common::pg::Pg::start();
    let lead_path = k.dir.path().join("kiosk.db");
    let mut lead = Store::open(&lead_path).unwrap();
    let day = lead.current_day().unwrap();
    let (hub, tents) = super::common::pg::hub_with_tents(
        &pg,
        &mut lead,
        &[("tent1", "Tent 1"), ("tent2", "Tent 2")],
    );
    let payloads: Vec<(String, String)> = extras_kiosk::badge::contents_for_day(&lead, &day, &[])
        .unwrap()
        .into_iter()
        .map(|c| (c.badge_no, c.payload))
        .collect();
    drop(lead);
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    // Every kiosk follows the hub, the window's own file included.
    let follows: Vec<(std::path::PathBuf, HubAddress)> =
        std::iter::once((lead_path.clone(), hub.address().clone()))
            .chain(
                tents
                    .iter()
                    .map(|(p, u)| (p.clone(), HubAddress::parse(u).unwrap())),
            )
            .collect();
    for (db, address) in follows {
        let stop = stop.clone();
        threads.push(std::thread::spawn(move || {
            follow(&db, &address, &stop, |_| {}).expect("a follower stopped");
        }));
    }
    // The tents check in two thirds of the day, fast.
    for (t, (db, _)) in tents.iter().enumerate() {
        let (db, day, stop) = (db.clone(), day.clone(), stop.clone());
        let mine: Vec<String> = payloads
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == t + 1)
            .map(|(_, p)| p.1.clone())
            .collect();
        threads.push(std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            for p in mine {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                Core::new(&mut store, day.clone(), ScanMode::CheckIn)
                    .scan(p.as_bytes(), chrono::Utc::now())
                    .expect("a tent's scan failed");
            }
        }));
    }
    // The window scans its third, and a few of the tents' people again.
    let face = k.window.global::<FaceAdapter>();
    let mut shown = 0;
    for (i, (badge, payload)) in payloads.iter().enumerate() {
        if i % 3 != 0 && i % 10 != 1 {
            continue;
        }
        scan(&k.window, payload);
        let kind = face.get_card_kind();
        assert!(
            matches!(
                kind,
                extras_kiosk::ui::CardKind::CheckedIn | extras_kiosk::ui::CardKind::AlreadyHere
            ),
            "{badge}: {kind:?} ({}) {:?}",
            face.get_card_reason(),
            texts(&k.window)
        );
        assert!(
            !shows(&k.window, "Something went wrong"),
            "{:?}",
            texts(&k.window)
        );
        shown += 1;
    }
    assert!(shown > 50);
    // Everyone arrives at the window's kiosk, its own scans and the tents'.
    let everyone = super::common::pg::eventually(Duration::from_secs(60), || {
        count(
            &k,
            "SELECT count(*) FROM attendance WHERE checked_in_at IS NOT NULL",
        ) == payloads.len() as i64
    });
    stop.store(true, Ordering::SeqCst);
    for t in threads {
        t.join().unwrap();
    }
    assert!(everyone, "not every arrival reached the window's kiosk");
    drop(pg);
}

/// A scan the kiosk could not record shows a red "Not recorded: scan
/// again" card, never an error and never a silent loss; the next scan
/// goes through as soon as the file takes it again.
#[test]
fn a_scan_that_cannot_be_recorded_says_scan_again() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let db = rusqlite::Connection::open(k.dir.path().join("kiosk.db")).unwrap();
    db.execute_batch(
        "CREATE TRIGGER broken_disk BEFORE INSERT ON attendance
         BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;",
    )
    .unwrap();
    scan(&k.window, &k.badges[0].1);
    let face = k.window.global::<FaceAdapter>();
    assert_eq!(face.get_card_kind(), extras_kiosk::ui::CardKind::Refused);
    assert_eq!(face.get_card_reason(), "not_recorded");
    assert!(
        shows(&k.window, "Not recorded: scan again"),
        "{:?}",
        texts(&k.window)
    );
    assert!(!shows(&k.window, "disk"), "{:?}", texts(&k.window));
    assert_eq!(count(&k, "SELECT count(*) FROM attendance"), 0);
    ui::snapshot(&k.window, &k.dir.path().join("not-recorded.png"));

    db.execute_batch("DROP TRIGGER broken_disk").unwrap();
    scan(&k.window, &k.badges[0].1);
    assert_eq!(face.get_card_kind(), extras_kiosk::ui::CardKind::CheckedIn);
    assert_eq!(count(&k, "SELECT count(*) FROM attendance"), 1);
}
